// SPDX-License-Identifier: Apache-2.0
#include "packettrace.h"

#include "bytes.h"
#include "codec.h"

#include <QCoreApplication>
#include <QDateTime>

#include <array>
#include <chrono>
#include <utility>

namespace Mqtt {

namespace {

// The frame's fixed-header flags and body; false when the frame is shorter than its header.
bool splitFrame(const QByteArray &frame, quint8 *flags, QByteArrayView *body)
{
    if (frame.size() < 2)
        return false;
    const VarIntResult length = decodeVariableByteInteger(QByteArrayView(frame).sliced(1));
    if (length.status != VarIntStatus::Ok ||
        1 + length.length + qsizetype(length.value) > frame.size())
        return false;
    *flags = quint8(frame[0]) & 0x0F;
    *body = QByteArrayView(frame).sliced(1 + length.length, length.value);
    return true;
}

// The specification's names (chapter 2.4), one token each.
constexpr std::array<std::pair<quint8, const char *>, 43> ReasonNames = {{
        {0x00, "success"},
        {0x01, "granted-qos-1"},
        {0x02, "granted-qos-2"},
        {0x04, "disconnect-with-will-message"},
        {0x10, "no-matching-subscribers"},
        {0x11, "no-subscription-existed"},
        {0x18, "continue-authentication"},
        {0x19, "re-authenticate"},
        {0x80, "unspecified-error"},
        {0x81, "malformed-packet"},
        {0x82, "protocol-error"},
        {0x83, "implementation-specific-error"},
        {0x84, "unsupported-protocol-version"},
        {0x85, "client-identifier-not-valid"},
        {0x86, "bad-user-name-or-password"},
        {0x87, "not-authorized"},
        {0x88, "server-unavailable"},
        {0x89, "server-busy"},
        {0x8A, "banned"},
        {0x8B, "server-shutting-down"},
        {0x8C, "bad-authentication-method"},
        {0x8D, "keep-alive-timeout"},
        {0x8E, "session-taken-over"},
        {0x8F, "topic-filter-invalid"},
        {0x90, "topic-name-invalid"},
        {0x91, "packet-identifier-in-use"},
        {0x92, "packet-identifier-not-found"},
        {0x93, "receive-maximum-exceeded"},
        {0x94, "topic-alias-invalid"},
        {0x95, "packet-too-large"},
        {0x96, "message-rate-too-high"},
        {0x97, "quota-exceeded"},
        {0x98, "administrative-action"},
        {0x99, "payload-format-invalid"},
        {0x9A, "retain-not-supported"},
        {0x9B, "qos-not-supported"},
        {0x9C, "use-another-server"},
        {0x9D, "server-moved"},
        {0x9E, "shared-subscriptions-not-supported"},
        {0x9F, "connection-rate-exceeded"},
        {0xA0, "maximum-connect-time"},
        {0xA1, "subscription-identifiers-not-supported"},
        {0xA2, "wildcard-subscriptions-not-supported"},
}};

// 3.1 / 3.1.1 CONNACK return codes (3.2.2.3).
constexpr std::array<const char *, 6> ReturnCodeNames = {
        "accepted",           "unacceptable-protocol-version", "identifier-rejected",
        "server-unavailable", "bad-user-name-or-password",     "not-authorized"};

// SUBACK, UNSUBACK: the id and the first of their reason codes.
template<typename Decoded>
void takeReasonCodes(PacketTrace *trace, const Decoded &decoded)
{
    if (!decoded.ok())
        return;
    trace->packetId = decoded.packet.packetId;
    trace->hasReasonCode = !decoded.packet.reasonCodes.isEmpty();
    trace->reasonCode = trace->hasReasonCode ? decoded.packet.reasonCodes.constFirst() : 0;
}

bool isOldConnack(PacketType type, ProtocolVersion version)
{
    return type == PacketType::Connack && version != ProtocolVersion::V5;
}

} // namespace

qint64 PacketTrace::monotonicNow()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

PacketTrace PacketTrace::fromFrame(PacketDirection direction, ProtocolVersion version,
                                   const QByteArray &frame, qint64 monotonicNs, qint64 wallTimeMs)
{
    PacketTrace trace;
    trace.direction = direction;
    trace.version = version;
    trace.monotonicNs = monotonicNs;
    trace.wallTimeMs = wallTimeMs;
    trace.bytes = frame;
    quint8 flags = 0;
    QByteArrayView body;
    if (!splitFrame(frame, &flags, &body))
        return trace;
    trace.type = PacketType(quint8(frame[0]) >> 4);
    trace.flags = flags;
    const bool v5 = version == ProtocolVersion::V5;
    switch (trace.type) {
    case PacketType::Connack:
        if (const auto decoded = decodeConnack(flags, body, version); decoded.ok()) {
            trace.sessionPresent = decoded.packet.sessionPresent;
            trace.reasonCode = decoded.packet.returnCode;
            trace.hasReasonCode = true;
        }
        break;
    case PacketType::Publish: {
        // The hot path (a trace per message): the id is read past the topic, nothing decoded.
        // A PUBLISH the codec refuses says so through decodeProblem().
        ByteReader reader(body);
        reader.readLengthPrefixed();
        if (trace.qos() != QoS::AtMostOnce)
            trace.packetId = reader.readUInt16();
        if (!reader.ok())
            trace.packetId = 0;
        break;
    }
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubrel:
    case PacketType::Pubcomp: {
        // The id, then (5.0, when the packet is longer) the reason code.
        ByteReader reader(body);
        trace.packetId = reader.readUInt16();
        trace.reasonCode = body.size() > 2 ? reader.readByte() : 0;
        trace.hasReasonCode = v5;
        if (!reader.ok())
            trace.packetId = 0;
        break;
    }
    case PacketType::Subscribe:
    case PacketType::Unsubscribe:
        // The id leads the variable header; the rest is decoded when asked.
        if (body.size() >= 2)
            trace.packetId = quint16((quint8(body[0]) << 8) | quint8(body[1]));
        break;
    case PacketType::Suback:
        takeReasonCodes(&trace, decodeSuback(flags, body, version));
        break;
    case PacketType::Unsuback:
        takeReasonCodes(&trace, decodeUnsuback(flags, body, version));
        break;
    case PacketType::Disconnect:
        if (const auto decoded = decodeDisconnect(flags, body, version); decoded.ok()) {
            trace.reasonCode = quint8(decoded.packet.reasonCode);
            trace.hasReasonCode = v5;
        }
        break;
    case PacketType::Auth:
        if (const auto decoded = decodeAuth(flags, body); decoded.ok()) {
            trace.reasonCode = quint8(decoded.packet.reasonCode);
            trace.hasReasonCode = true;
        }
        break;
    case PacketType::Reserved:
    case PacketType::Connect:
    case PacketType::Pingreq:
    case PacketType::Pingresp:
        break;
    }
    return trace;
}

QString PacketTrace::topic() const
{
    quint8 headerFlags = 0;
    QByteArrayView body;
    if (type != PacketType::Publish || !splitFrame(bytes, &headerFlags, &body))
        return QString();
    const auto decoded = decodePublish(headerFlags, body, version);
    return decoded.ok() ? QString::fromUtf8(decoded.packet.topic) : QString();
}

QByteArray PacketTrace::payload() const
{
    quint8 headerFlags = 0;
    QByteArrayView body;
    if (type != PacketType::Publish || !splitFrame(bytes, &headerFlags, &body))
        return QByteArray();
    const auto decoded = decodePublish(headerFlags, body, version);
    return decoded.ok() ? decoded.packet.payload.toByteArray() : QByteArray();
}

QStringList PacketTrace::filters() const
{
    quint8 headerFlags = 0;
    QByteArrayView body;
    if (!splitFrame(bytes, &headerFlags, &body))
        return {};
    if (type == PacketType::Subscribe) {
        const auto decoded = decodeSubscribe(headerFlags, body, version);
        QStringList filters;
        for (const SubscribeTopic &topic : decoded.packet.topics)
            filters << topic.filter;
        return filters;
    }
    if (type == PacketType::Unsubscribe)
        return decodeUnsubscribe(headerFlags, body, version).packet.filters;
    return {};
}

QList<quint8> PacketTrace::reasonCodes() const
{
    quint8 headerFlags = 0;
    QByteArrayView body;
    if (!splitFrame(bytes, &headerFlags, &body))
        return {};
    if (type == PacketType::Suback)
        return decodeSuback(headerFlags, body, version).packet.reasonCodes;
    if (type == PacketType::Unsuback)
        return decodeUnsuback(headerFlags, body, version).packet.reasonCodes;
    if (hasReasonCode)
        return {reasonCode};
    return {};
}

namespace {

// Decodes the frame with the codec's decoder of its type and hands the result to read();
// fallback for the types without a body to decode.
template<typename Result, typename Read>
Result readDecoded(const PacketTrace &trace, quint8 flags, QByteArrayView body, Read read,
                   Result fallback)
{
    const ProtocolVersion version = trace.version;
    switch (trace.type) {
    case PacketType::Connect:
        return read(decodeConnect(flags, body));
    case PacketType::Connack:
        return read(decodeConnack(flags, body, version));
    case PacketType::Publish:
        return read(decodePublish(flags, body, version));
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubrel:
    case PacketType::Pubcomp:
        return read(decodeAck(trace.type, flags, body, version));
    case PacketType::Subscribe:
        return read(decodeSubscribe(flags, body, version));
    case PacketType::Suback:
        return read(decodeSuback(flags, body, version));
    case PacketType::Unsubscribe:
        return read(decodeUnsubscribe(flags, body, version));
    case PacketType::Unsuback:
        return read(decodeUnsuback(flags, body, version));
    case PacketType::Disconnect:
        return read(decodeDisconnect(flags, body, version));
    case PacketType::Auth:
        return read(decodeAuth(flags, body));
    case PacketType::Reserved:
    case PacketType::Pingreq:
    case PacketType::Pingresp:
        break;
    }
    return fallback;
}

} // namespace

Properties PacketTrace::properties() const
{
    quint8 headerFlags = 0;
    QByteArrayView body;
    if (version != ProtocolVersion::V5 || !splitFrame(bytes, &headerFlags, &body))
        return {};
    return readDecoded(
            *this, headerFlags, body, [](const auto &decoded) { return decoded.packet.properties; },
            Properties());
}

QString PacketTrace::decodeProblem() const
{
    quint8 headerFlags = 0;
    QByteArrayView body;
    if (!splitFrame(bytes, &headerFlags, &body))
        return QCoreApplication::translate("Mqtt", "Malformed packet: the frame is incomplete");
    if (type == PacketType::Pingreq || type == PacketType::Pingresp)
        return emptyPacketProblem(type, headerFlags, body);
    return readDecoded(
            *this, headerFlags, body, [](const auto &decoded) { return decoded.error; },
            QCoreApplication::translate("Mqtt", "Protocol error: packet type 0 is reserved"));
}

QString packetTypeName(PacketType type)
{
    static constexpr std::array<const char *, 16> Names = {
            "RESERVED", "CONNECT",  "CONNACK",    "PUBLISH", "PUBACK",      "PUBREC",
            "PUBREL",   "PUBCOMP",  "SUBSCRIBE",  "SUBACK",  "UNSUBSCRIBE", "UNSUBACK",
            "PINGREQ",  "PINGRESP", "DISCONNECT", "AUTH"};
    return QString::fromLatin1(Names[size_t(type) & 0xF]);
}

QString reasonCodeName(PacketType type, ProtocolVersion version, quint8 code)
{
    if (isOldConnack(type, version)) {
        if (code < ReturnCodeNames.size())
            return QString::fromLatin1(ReturnCodeNames[code]);
        return QStringLiteral("return-code-%1").arg(code);
    }
    // 0x00 and 0x80 have a name of their own in some packets (2.4).
    if (code == 0x00 && type == PacketType::Suback)
        return QStringLiteral("granted-qos-0");
    if (code == 0x00 && type == PacketType::Disconnect)
        return QStringLiteral("normal-disconnection");
    if (code == 0x80 && type == PacketType::Suback && version != ProtocolVersion::V5)
        return QStringLiteral("failure");
    for (const auto &[value, name] : ReasonNames) {
        if (value == code)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("0x%1").arg(code, 2, 16, QLatin1Char('0'));
}

QString reasonCodeWords(PacketType type, ProtocolVersion version, quint8 code)
{
    if (isOldConnack(type, version)) {
        switch (ConnectReturnCode(code)) {
        case ConnectReturnCode::Accepted:
            return QCoreApplication::translate("Mqtt", "Connection accepted");
        case ConnectReturnCode::UnacceptableProtocolVersion:
            return QCoreApplication::translate("Mqtt", "Unacceptable protocol version");
        case ConnectReturnCode::IdentifierRejected:
            return QCoreApplication::translate("Mqtt", "Identifier rejected");
        case ConnectReturnCode::ServerUnavailable:
            return QCoreApplication::translate("Mqtt", "Server unavailable");
        case ConnectReturnCode::BadUserNameOrPassword:
            return QCoreApplication::translate("Mqtt", "Bad user name or password");
        case ConnectReturnCode::NotAuthorized:
            return QCoreApplication::translate("Mqtt", "Not authorized");
        }
        return QCoreApplication::translate("Mqtt", "Return code %1").arg(code);
    }
    if (code == 0x00 && type == PacketType::Suback)
        return QCoreApplication::translate("Mqtt", "Granted QoS 0");
    if (code == 0x00 && type == PacketType::Disconnect)
        return QCoreApplication::translate("Mqtt", "Normal disconnection");
    if (code == 0x80 && type == PacketType::Suback && version != ProtocolVersion::V5)
        return QCoreApplication::translate("Mqtt", "Failure");
    return reasonCodeText(ReasonCode(code));
}

QString packetSummary(const PacketTrace &trace)
{
    QString text = packetTypeName(trace.type);
    const bool publish = trace.type == PacketType::Publish;
    if (trace.packetId != 0)
        text += QStringLiteral(" id=%1").arg(trace.packetId);
    if (publish)
        text += QStringLiteral(" q=%1 r=%2 d=%3")
                        .arg(int(trace.qos()))
                        .arg(trace.retain() ? 1 : 0)
                        .arg(trace.dup() ? 1 : 0);
    if (trace.hasReasonCode) {
        const bool several = trace.type == PacketType::Suback || trace.type == PacketType::Unsuback;
        QStringList names;
        for (quint8 code : several ? trace.reasonCodes() : QList<quint8>{trace.reasonCode})
            names << reasonCodeName(trace.type, trace.version, code);
        text += QStringLiteral(" rc=") + names.join(QLatin1Char(','));
    }
    if (trace.type == PacketType::Connack)
        text += QStringLiteral(" sp=%1").arg(trace.sessionPresent ? 1 : 0);
    text += QStringLiteral(" %1B").arg(trace.size());
    return text;
}

QString packetTraceLine(const PacketTrace &trace)
{
    return QStringLiteral("%1 %2 %3")
            .arg(QDateTime::fromMSecsSinceEpoch(trace.wallTimeMs)
                         .toString(QStringLiteral("HH:mm:ss.zzz")),
                 trace.direction == PacketDirection::Sent ? QStringLiteral("send")
                                                          : QStringLiteral("recv"),
                 packetSummary(trace));
}

} // namespace Mqtt
