// SPDX-License-Identifier: Apache-2.0
#include "codec.h"

#include "bytes.h"
#include "codecsupport.h"
#include "topic.h"

#include <QCoreApplication>

#include <cstring>

namespace Mqtt {

// ---- Variable Byte Integer (1.5.5) ------------------------------------------------------

VarIntResult decodeVariableByteInteger(QByteArrayView data)
{
    VarIntResult result;
    quint32 multiplier = 1;
    quint32 value = 0;
    for (int i = 0; i < 4; ++i) {
        if (i >= data.size()) {
            result.status = VarIntStatus::NeedMoreData;
            return result;
        }
        const quint8 byte = quint8(data[i]);
        value += quint32(byte & 0x7F) * multiplier;
        if ((byte & 0x80) == 0) {
            // A last byte of zero after the first means a longer encoding than needed.
            if (i > 0 && byte == 0) {
                result.status = VarIntStatus::Overlong; // [MQTT-1.5.5-1]
                return result;
            }
            result.status = VarIntStatus::Ok;
            result.value = value;
            result.length = i + 1;
            return result;
        }
        multiplier *= 128;
    }
    result.status = VarIntStatus::TooLong; // a fifth byte would be needed
    return result;
}

int variableByteIntegerSize(quint32 value)
{
    if (value < 128)
        return 1;
    if (value < 16384)
        return 2;
    if (value < 2097152)
        return 3;
    return 4;
}

int encodeVariableByteInteger(quint32 value, char *out)
{
    Q_ASSERT(value <= MaximumRemainingLength);
    int length = 0;
    do {
        quint8 byte = value % 128;
        value /= 128;
        if (value > 0)
            byte |= 0x80;
        out[length++] = char(byte);
    } while (value > 0 && length < 4);
    return length;
}

void appendVariableByteInteger(QByteArray &out, quint32 value)
{
    char bytes[4];
    const int length = encodeVariableByteInteger(value, bytes);
    out.append(bytes, length);
}

// ---- helpers ------------------------------------------------------------------------------

namespace CodecSupport {

QString tr(const char *text)
{
    return QCoreApplication::translate("Mqtt", text);
}

bool isV5(ProtocolVersion version)
{
    return version == ProtocolVersion::V5;
}

// Prefixes a body with its fixed header.
QByteArray frame(PacketType type, quint8 flags, const QByteArray &body)
{
    QByteArray out;
    out.reserve(5 + body.size());
    out.append(char((quint8(type) << 4) | (flags & 0x0F)));
    appendVariableByteInteger(out, quint32(body.size()));
    out.append(body);
    return out;
}

QString packetName(PacketType type)
{
    switch (type) {
    case PacketType::Connect:
        return QStringLiteral("CONNECT");
    case PacketType::Connack:
        return QStringLiteral("CONNACK");
    case PacketType::Publish:
        return QStringLiteral("PUBLISH");
    case PacketType::Puback:
        return QStringLiteral("PUBACK");
    case PacketType::Pubrec:
        return QStringLiteral("PUBREC");
    case PacketType::Pubrel:
        return QStringLiteral("PUBREL");
    case PacketType::Pubcomp:
        return QStringLiteral("PUBCOMP");
    case PacketType::Subscribe:
        return QStringLiteral("SUBSCRIBE");
    case PacketType::Suback:
        return QStringLiteral("SUBACK");
    case PacketType::Unsubscribe:
        return QStringLiteral("UNSUBSCRIBE");
    case PacketType::Unsuback:
        return QStringLiteral("UNSUBACK");
    case PacketType::Pingreq:
        return QStringLiteral("PINGREQ");
    case PacketType::Pingresp:
        return QStringLiteral("PINGRESP");
    case PacketType::Disconnect:
        return QStringLiteral("DISCONNECT");
    case PacketType::Auth:
        return QStringLiteral("AUTH");
    case PacketType::Reserved:
        break;
    }
    return QCoreApplication::translate("Mqtt", "reserved packet type 0");
}

QString malformed(PacketType type, const QString &why)
{
    return QCoreApplication::translate("Mqtt", "Malformed %1 packet: %2").arg(packetName(type), why);
}

QString protocolError(PacketType type, const QString &why)
{
    return QCoreApplication::translate("Mqtt", "Protocol error in %1 packet: %2")
            .arg(packetName(type), why);
}

QString truncated()
{
    return QCoreApplication::translate("Mqtt", "it ends too early");
}

QString trailing()
{
    return QCoreApplication::translate("Mqtt", "it has bytes left over at the end");
}

// Reads a UTF-8 string into out; returns an error text when the bytes are not a valid string.
QString readString(ByteReader &reader, QString *out)
{
    const QByteArrayView bytes = reader.readLengthPrefixed();
    if (!reader.ok())
        return truncated();
    const QString problem = utf8StringProblem(bytes);
    if (!problem.isEmpty())
        return problem;
    *out = QString::fromUtf8(bytes);
    return {};
}

void appendString(QByteArray &out, const QString &text)
{
    appendLengthPrefixed(out, text.toUtf8());
}

QString reservedCode(ReasonCode code)
{
    return QCoreApplication::translate("Mqtt", "reserved reason code 0x%1")
            .arg(quint8(code), 2, 16, QLatin1Char('0'));
}

} // namespace CodecSupport

using namespace CodecSupport;

QString fixedHeaderProblem(PacketType type, quint8 flags)
{
    switch (type) {
    case PacketType::Reserved:
        return malformed(type, tr("the packet type is reserved"));
    case PacketType::Publish:
        return {}; // carries DUP, QoS and RETAIN, checked when decoded
    case PacketType::Pubrel:
    case PacketType::Subscribe:
    case PacketType::Unsubscribe:
        if (flags != 0x2) // [MQTT-3.6.1-1], [MQTT-3.8.1-1], [MQTT-3.10.1-1]
            return malformed(type, tr("the fixed header flags must be 0010"));
        return {};
    default:
        if (flags != 0) // [MQTT-2.2.2-1]
            return malformed(type, tr("the fixed header flags must be 0000"));
        return {};
    }
}

// ---- CONNECT (3.1) ------------------------------------------------------------------------

QByteArray encode(const ConnectPacket &packet)
{
    QByteArray body;
    if (packet.version == ProtocolVersion::V3_1)
        appendLengthPrefixed(body, "MQIsdp");
    else
        appendLengthPrefixed(body, "MQTT");
    body.append(char(packet.version));
    quint8 connectFlags = 0;
    if (packet.userName)
        connectFlags |= 0x80;
    if (packet.password)
        connectFlags |= 0x40;
    if (packet.will) {
        connectFlags |= 0x04;
        connectFlags |= quint8(packet.will->qos) << 3;
        if (packet.will->retain)
            connectFlags |= 0x20;
    }
    if (packet.cleanSession)
        connectFlags |= 0x02;
    body.append(char(connectFlags));
    appendUInt16(body, packet.keepAlive);
    if (isV5(packet.version))
        packet.properties.encode(body);
    appendString(body, packet.clientId);
    if (packet.will) {
        if (isV5(packet.version))
            packet.will->properties.encode(body);
        appendString(body, packet.will->topic);
        appendLengthPrefixed(body, packet.will->payload);
    }
    if (packet.userName)
        appendString(body, *packet.userName);
    if (packet.password)
        appendLengthPrefixed(body, *packet.password);
    return frame(PacketType::Connect, 0, body);
}

Decoded<ConnectPacket> decodeConnect(quint8 flags, QByteArrayView body)
{
    using Result = Decoded<ConnectPacket>;
    const PacketType type = PacketType::Connect;
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<ConnectPacket>(problem);
    Result result;
    ConnectPacket &packet = result.packet;
    ByteReader reader(body);
    const QByteArrayView protocolName = reader.readLengthPrefixed();
    const quint8 level = reader.readByte();
    const quint8 connectFlags = reader.readByte();
    packet.keepAlive = reader.readUInt16();
    if (!reader.ok())
        return failure<ConnectPacket>(malformed(type, truncated()));
    if (protocolName == "MQIsdp" && level == 3)
        packet.version = ProtocolVersion::V3_1;
    else if (protocolName == "MQTT" && (level == 4 || level == 5))
        packet.version = ProtocolVersion(level);
    else
        return failure<ConnectPacket>(protocolError(type, tr("unknown protocol name or level")),
                                      ReasonCode::UnsupportedProtocolVersion);
    if (connectFlags & 0x01) // [MQTT-3.1.2-3]
        return failure<ConnectPacket>(malformed(type, tr("the reserved flag is set")));
    packet.cleanSession = connectFlags & 0x02;
    const bool hasWill = connectFlags & 0x04;
    const quint8 willQos = (connectFlags >> 3) & 0x03;
    const bool willRetain = connectFlags & 0x20;
    if (willQos == 3) // [MQTT-3.1.2-14]
        return failure<ConnectPacket>(malformed(type, tr("the will QoS is 3")));
    if (!hasWill && (willQos != 0 || willRetain)) // [MQTT-3.1.2-13], [MQTT-3.1.2-15]
        return failure<ConnectPacket>(
                malformed(type, tr("will QoS or retain is set without a will")));
    const bool hasUserName = connectFlags & 0x80;
    const bool hasPassword = connectFlags & 0x40;
    if (!isV5(packet.version) && hasPassword && !hasUserName) // [MQTT-3.1.2-22]
        return failure<ConnectPacket>(malformed(type, tr("a password is set without a user name")));
    if (isV5(packet.version) &&
        !readProperties(reader, PropertyContext::Connect, &packet.properties, type, &result))
        return result;
    if (QString problem = readString(reader, &packet.clientId); !problem.isEmpty())
        return failure<ConnectPacket>(malformed(type, problem));
    if (hasWill) {
        Will will;
        will.qos = QoS(willQos);
        will.retain = willRetain;
        if (isV5(packet.version) &&
            !readProperties(reader, PropertyContext::Will, &will.properties, type, &result))
            return result;
        if (QString problem = readString(reader, &will.topic); !problem.isEmpty())
            return failure<ConnectPacket>(malformed(type, problem));
        will.payload = reader.readLengthPrefixed().toByteArray();
        packet.will = will;
    }
    if (hasUserName) {
        QString userName;
        if (QString problem = readString(reader, &userName); !problem.isEmpty())
            return failure<ConnectPacket>(malformed(type, problem));
        packet.userName = userName;
    }
    if (hasPassword)
        packet.password = reader.readLengthPrefixed().toByteArray();
    if (!reader.ok())
        return failure<ConnectPacket>(malformed(type, truncated()));
    if (!reader.atEnd())
        return failure<ConnectPacket>(malformed(type, trailing()));
    return result;
}

// ---- CONNACK (3.2) ------------------------------------------------------------------------

QByteArray encode(const ConnackPacket &packet, ProtocolVersion version)
{
    QByteArray body;
    body.append(char(packet.sessionPresent ? 1 : 0));
    body.append(char(packet.returnCode));
    if (isV5(version))
        packet.properties.encode(body);
    return frame(PacketType::Connack, 0, body);
}

Decoded<ConnackPacket> decodeConnack(quint8 flags, QByteArrayView body, ProtocolVersion version)
{
    const PacketType type = PacketType::Connack;
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<ConnackPacket>(problem);
    Decoded<ConnackPacket> result;
    ByteReader reader(body);
    const quint8 acknowledgeFlags = reader.readByte();
    result.packet.returnCode = reader.readByte();
    if (!reader.ok())
        return failure<ConnackPacket>(malformed(type, truncated()));
    if (acknowledgeFlags & 0xFE) // [MQTT-3.2.2-1]
        return failure<ConnackPacket>(malformed(type, tr("reserved acknowledge flags are set")));
    result.packet.sessionPresent = acknowledgeFlags & 0x01;
    if (result.packet.sessionPresent && result.packet.returnCode != 0) // [MQTT-3.2.2-4]
        return failure<ConnackPacket>(
                malformed(type, tr("a refusal cannot carry the session present flag")));
    if (version == ProtocolVersion::V3_1 && result.packet.sessionPresent)
        return failure<ConnackPacket>(malformed(type, tr("MQTT 3.1 has no session present flag")));
    if (isV5(version)) {
        if (!readProperties(reader, PropertyContext::Connack, &result.packet.properties, type,
                            &result))
            return result;
    }
    if (!reader.atEnd())
        return failure<ConnackPacket>(malformed(type, trailing()));
    return result;
}

// ---- PUBLISH (3.3) ------------------------------------------------------------------------

void encodePublish(QByteArray &out, ProtocolVersion version, QByteArrayView topic,
                   QByteArrayView payload, QoS qos, bool retain, bool dup, quint16 packetId,
                   const Properties *properties)
{
    quint32 propertiesSize = 0;
    if (isV5(version)) {
        propertiesSize = properties ? properties->encodedSize() : 0;
        propertiesSize += quint32(variableByteIntegerSize(propertiesSize));
    }
    const quint32 remaining = quint32(2 + topic.size() + (qos != QoS::AtMostOnce ? 2 : 0) +
                                      propertiesSize + payload.size());
    char header[16];
    int length = 0;
    header[length++] = char(0x30 | (dup ? 0x08 : 0) | (quint8(qos) << 1) | (retain ? 1 : 0));
    length += encodeVariableByteInteger(remaining, header + length);
    header[length++] = char(topic.size() >> 8);
    header[length++] = char(topic.size() & 0xFF);

    const qsizetype start = out.size();
    out.resize(start + length + qsizetype(remaining) - 2);
    char *p = out.data() + start;
    std::memcpy(p, header, size_t(length));
    p += length;
    if (!topic.isEmpty()) // empty with a 5.0 topic alias; memcpy from null is undefined
        std::memcpy(p, topic.data(), size_t(topic.size()));
    p += topic.size();
    if (qos != QoS::AtMostOnce) {
        *p++ = char(packetId >> 8);
        *p++ = char(packetId & 0xFF);
    }
    if (isV5(version)) {
        if (properties && !properties->isEmpty()) {
            QByteArray encoded;
            properties->encode(encoded);
            std::memcpy(p, encoded.constData(), size_t(encoded.size()));
            p += encoded.size();
        } else {
            *p++ = 0;
        }
    }
    if (!payload.isEmpty())
        std::memcpy(p, payload.data(), size_t(payload.size()));
}

QByteArray encode(const PublishPacket &packet, ProtocolVersion version)
{
    QByteArray out;
    const QByteArray topic = packet.topic.toUtf8();
    out.reserve(16 + topic.size() + packet.payload.size());
    encodePublish(out, version, topic, packet.payload, packet.qos, packet.retain, packet.dup,
                  packet.packetId, &packet.properties);
    return out;
}

Decoded<PublishView> decodePublish(quint8 flags, QByteArrayView body, ProtocolVersion version)
{
    const PacketType type = PacketType::Publish;
    Decoded<PublishView> result;
    PublishView &view = result.packet;
    const quint8 qos = (flags >> 1) & 0x03;
    if (qos == 3) // [MQTT-3.3.1-4]
        return failure<PublishView>(malformed(type, tr("the QoS is 3")));
    view.qos = QoS(qos);
    view.dup = flags & 0x08;
    view.retain = flags & 0x01;
    if (view.dup && view.qos == QoS::AtMostOnce) // [MQTT-3.3.1-2]
        return failure<PublishView>(malformed(type, tr("DUP is set on a QoS 0 message")));

    // Hand-rolled rather than ByteReader: this is the hottest path of the engine.
    const auto *p = reinterpret_cast<const uchar *>(body.data());
    const qsizetype size = body.size();
    if (size < 2)
        return failure<PublishView>(malformed(type, truncated()));
    const qsizetype topicLength = (p[0] << 8) | p[1];
    qsizetype position = 2 + topicLength;
    if (position > size)
        return failure<PublishView>(malformed(type, truncated()));
    view.topic = body.sliced(2, topicLength);
    if (view.qos != QoS::AtMostOnce) {
        if (position + 2 > size)
            return failure<PublishView>(malformed(type, truncated()));
        view.packetId = quint16((p[position] << 8) | p[position + 1]);
        position += 2;
        if (view.packetId == 0) // [MQTT-2.3.1-1]
            return failure<PublishView>(protocolError(type, tr("the packet identifier is 0")),
                                        ReasonCode::ProtocolError);
    }
    if (isV5(version)) {
        ByteReader reader(body.sliced(position));
        if (!readProperties(reader, PropertyContext::Publish, &view.properties, type, &result))
            return result;
        position += reader.position();
    }
    view.payload = body.sliced(position);

    // An empty topic is only allowed in 5.0 together with a topic alias.
    if (view.topic.isEmpty() && !(isV5(version) && view.properties.contains(PropertyId::TopicAlias)))
        return failure<PublishView>(protocolError(type, tr("the topic name is empty")),
                                    ReasonCode::ProtocolError);
    if (std::memchr(view.topic.data(), '+', size_t(view.topic.size())) ||
        std::memchr(view.topic.data(), '#', size_t(view.topic.size()))) // [MQTT-3.3.2-2]
        return failure<PublishView>(protocolError(type, tr("the topic name contains a wildcard")),
                                    ReasonCode::TopicNameInvalid);
    if (const QString problem = utf8StringProblem(view.topic); !problem.isEmpty())
        return failure<PublishView>(malformed(type, tr("the topic name: %1").arg(problem)));
    return result;
}

PublishPacket toPacket(const PublishView &view)
{
    PublishPacket packet;
    packet.topic = QString::fromUtf8(view.topic);
    packet.payload = view.payload.toByteArray();
    packet.qos = view.qos;
    packet.retain = view.retain;
    packet.dup = view.dup;
    packet.packetId = view.packetId;
    packet.properties = view.properties;
    return packet;
}

// ---- PUBACK, PUBREC, PUBREL, PUBCOMP (3.4 - 3.7) ----------------------------------------------

namespace {

// The reason codes the specification lists for each acknowledgement (3.4.2.1, 3.5.2.1,
// 3.6.2.1, 3.7.2.1); any other is a malformed packet.
bool isAckReasonCode(PacketType type, ReasonCode code)
{
    if (type == PacketType::Pubrel || type == PacketType::Pubcomp)
        return code == ReasonCode::Success || code == ReasonCode::PacketIdentifierNotFound;
    switch (code) {
    case ReasonCode::Success:
    case ReasonCode::NoMatchingSubscribers:
    case ReasonCode::UnspecifiedError:
    case ReasonCode::ImplementationSpecificError:
    case ReasonCode::NotAuthorized:
    case ReasonCode::TopicNameInvalid:
    case ReasonCode::PacketIdentifierInUse:
    case ReasonCode::QuotaExceeded:
    case ReasonCode::PayloadFormatInvalid:
        return true;
    default:
        return false;
    }
}

} // namespace

void encodeAck(QByteArray &out, PacketType type, quint16 packetId)
{
    const char bytes[4] = {char((quint8(type) << 4) | (type == PacketType::Pubrel ? 0x2 : 0)), 2,
                           char(packetId >> 8), char(packetId & 0xFF)};
    out.append(bytes, 4);
}

QByteArray encode(const AckPacket &packet, ProtocolVersion version)
{
    QByteArray body;
    appendUInt16(body, packet.packetId);
    // 5.0 lets Success without properties be sent as just the packet identifier (3.4.2.1).
    if (isV5(version) &&
        (packet.reasonCode != ReasonCode::Success || !packet.properties.isEmpty())) {
        body.append(char(packet.reasonCode));
        if (!packet.properties.isEmpty())
            packet.properties.encode(body);
    }
    return frame(packet.type, packet.type == PacketType::Pubrel ? 0x2 : 0, body);
}

Decoded<AckPacket> decodeAck(PacketType type, quint8 flags, QByteArrayView body,
                             ProtocolVersion version)
{
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<AckPacket>(problem);
    Decoded<AckPacket> result;
    result.packet.type = type;
    ByteReader reader(body);
    result.packet.packetId = reader.readUInt16();
    if (!reader.ok())
        return failure<AckPacket>(malformed(type, truncated()));
    if (result.packet.packetId == 0) // [MQTT-2.3.1-1]
        return failure<AckPacket>(protocolError(type, tr("the packet identifier is 0")),
                                  ReasonCode::ProtocolError);
    if (isV5(version)) {
        if (!reader.atEnd())
            result.packet.reasonCode = ReasonCode(reader.readByte());
        if (!isAckReasonCode(type, result.packet.reasonCode))
            return failure<AckPacket>(malformed(type, reservedCode(result.packet.reasonCode)));
        if (!reader.atEnd() && !readProperties(reader, PropertyContext::Puback,
                                               &result.packet.properties, type, &result))
            return result;
    }
    if (!reader.atEnd())
        return failure<AckPacket>(malformed(type, trailing()));
    return result;
}

// ---- PINGREQ, PINGRESP, DISCONNECT, AUTH (3.12 - 3.15) --------------------------------------

QByteArray encodePingreq()
{
    return QByteArray("\xC0\x00", 2);
}

QByteArray encodePingresp()
{
    return QByteArray("\xD0\x00", 2);
}

QString emptyPacketProblem(PacketType type, quint8 flags, QByteArrayView body)
{
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return problem;
    if (!body.isEmpty())
        return malformed(type, trailing());
    return {};
}

QByteArray encode(const DisconnectPacket &packet, ProtocolVersion version)
{
    QByteArray body;
    if (isV5(version) &&
        (packet.reasonCode != ReasonCode::Success || !packet.properties.isEmpty())) {
        body.append(char(packet.reasonCode));
        if (!packet.properties.isEmpty())
            packet.properties.encode(body);
    }
    return frame(PacketType::Disconnect, 0, body);
}

Decoded<DisconnectPacket> decodeDisconnect(quint8 flags, QByteArrayView body,
                                           ProtocolVersion version)
{
    const PacketType type = PacketType::Disconnect;
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<DisconnectPacket>(problem);
    Decoded<DisconnectPacket> result;
    ByteReader reader(body);
    if (isV5(version)) {
        if (!reader.atEnd())
            result.packet.reasonCode = ReasonCode(reader.readByte());
        if (!reader.atEnd() && !readProperties(reader, PropertyContext::Disconnect,
                                               &result.packet.properties, type, &result))
            return result;
    }
    if (!reader.atEnd())
        return failure<DisconnectPacket>(malformed(type, trailing()));
    return result;
}

QByteArray encode(const AuthPacket &packet)
{
    QByteArray body;
    if (packet.reasonCode != ReasonCode::Success || !packet.properties.isEmpty()) {
        body.append(char(packet.reasonCode));
        packet.properties.encode(body);
    }
    return frame(PacketType::Auth, 0, body);
}

Decoded<AuthPacket> decodeAuth(quint8 flags, QByteArrayView body)
{
    const PacketType type = PacketType::Auth;
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<AuthPacket>(problem);
    Decoded<AuthPacket> result;
    ByteReader reader(body);
    if (!reader.atEnd())
        result.packet.reasonCode = ReasonCode(reader.readByte());
    if (!reader.atEnd() &&
        !readProperties(reader, PropertyContext::Auth, &result.packet.properties, type, &result))
        return result;
    if (!reader.atEnd())
        return failure<AuthPacket>(malformed(type, trailing()));
    return result;
}

} // namespace Mqtt
