// SPDX-License-Identifier: Apache-2.0
// Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/) with the engine's
// own encoders: well-formed packets of every type at every version, so that the fuzzers start
// deep inside the decoders. Run after changing an input format:
//   build-clang/tests/fuzz/make_fuzz_seeds tests/fuzz/corpus
#include "bytes.h"
#include "codec.h"

#include <QDir>
#include <QFile>

#include <cstdio>

using namespace Mqtt;

namespace {

QString g_root;

void write(const QString &target, const QString &name, const QByteArray &bytes)
{
    QDir().mkpath(g_root + QLatin1Char('/') + target);
    QFile file(g_root + QLatin1Char('/') + target + QLatin1Char('/') + name);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
        std::exit(1);
    }
}

QString versionName(ProtocolVersion version)
{
    switch (version) {
    case ProtocolVersion::V3_1:
        return QStringLiteral("v31");
    case ProtocolVersion::V3_1_1:
        return QStringLiteral("v311");
    case ProtocolVersion::V5:
        return QStringLiteral("v5");
    }
    return {};
}

// A sample value for each property, of its type.
void addSample(Properties &properties, PropertyId id)
{
    switch (Properties::typeOf(id)) {
    case PropertyType::Byte:
        properties.setInteger(id, 1);
        break;
    case PropertyType::TwoByteInteger:
        properties.setInteger(id, 10);
        break;
    case PropertyType::FourByteInteger:
        properties.setInteger(id, 3600);
        break;
    case PropertyType::VariableByteInteger:
        properties.addSubscriptionIdentifier(300);
        break;
    case PropertyType::Utf8String:
        properties.setString(id, QStringLiteral("text/é"));
        break;
    case PropertyType::BinaryData:
        properties.setBinary(id, QByteArray("\x01\x02yes", 5));
        break;
    case PropertyType::Utf8StringPair:
        properties.addUserProperty(QStringLiteral("site"), QStringLiteral("lab"));
        properties.addUserProperty(QStringLiteral("site"), QStringLiteral("two"));
        break;
    }
}

// Every property allowed in context, once (user properties twice).
Properties allowedIn(PropertyContext context)
{
    Properties properties;
    for (int raw = 1; raw < 0x80; ++raw) {
        if (Properties::isKnown(quint8(raw)) && Properties::isAllowedIn(PropertyId(raw), context))
            addSample(properties, PropertyId(raw));
    }
    // Values the specification restricts: a Topic Alias of 0 and a Receive Maximum of 0 are
    // protocol errors; 1 and 10 are fine. Maximum QoS is 0 or 1.
    if (properties.contains(PropertyId::MaximumQoS))
        properties.setInteger(PropertyId::MaximumQoS, 1);
    return properties;
}

struct Packets
{
    QList<QPair<QString, QByteArray>> list;
    void add(const QString &name, const QByteArray &bytes) { list.append({name, bytes}); }
};

// One of each packet a broker or a client sends, at version.
Packets packetsAt(ProtocolVersion version)
{
    const bool v5 = version == ProtocolVersion::V5;
    Packets packets;

    ConnectPacket connect;
    connect.version = version;
    connect.clientId = QStringLiteral("seed");
    connect.userName = QStringLiteral("user");
    connect.password = QByteArray("secret");
    Will will;
    will.topic = QStringLiteral("will/topic");
    will.payload = "gone";
    will.qos = QoS::AtLeastOnce;
    will.retain = true;
    if (v5) {
        connect.properties = allowedIn(PropertyContext::Connect);
        will.properties = allowedIn(PropertyContext::Will);
    }
    connect.will = will;
    packets.add(QStringLiteral("connect"), encode(connect));

    ConnackPacket connack;
    connack.sessionPresent = version != ProtocolVersion::V3_1;
    if (v5)
        connack.properties = allowedIn(PropertyContext::Connack);
    packets.add(QStringLiteral("connack"), encode(connack, version));

    for (QoS qos : {QoS::AtMostOnce, QoS::AtLeastOnce, QoS::ExactlyOnce}) {
        PublishPacket publish;
        publish.topic = QStringLiteral("a/b");
        publish.payload = "payload";
        publish.qos = qos;
        publish.retain = qos == QoS::AtLeastOnce;
        publish.packetId = qos == QoS::AtMostOnce ? 0 : 7;
        if (v5 && qos == QoS::ExactlyOnce)
            publish.properties = allowedIn(PropertyContext::Publish);
        packets.add(QStringLiteral("publish-qos%1").arg(int(qos)), encode(publish, version));
    }

    for (PacketType type :
         {PacketType::Puback, PacketType::Pubrec, PacketType::Pubrel, PacketType::Pubcomp}) {
        AckPacket ack{type, 7, ReasonCode::Success, {}};
        if (v5) {
            ack.reasonCode = type == PacketType::Pubrel || type == PacketType::Pubcomp
                                     ? ReasonCode::PacketIdentifierNotFound
                                     : ReasonCode::NoMatchingSubscribers;
            ack.properties = allowedIn(PropertyContext::Puback);
        }
        packets.add(QStringLiteral("ack%1").arg(int(type)), encode(ack, version));
    }

    SubscribePacket subscribe;
    subscribe.packetId = 1;
    subscribe.topics = {SubscribeTopic{QStringLiteral("a/+/c"), QoS::ExactlyOnce},
                        SubscribeTopic{QStringLiteral("#"), QoS::AtMostOnce}};
    if (v5) {
        subscribe.topics[0].noLocal = true;
        subscribe.topics[0].retainAsPublished = true;
        subscribe.topics[0].retainHandling = RetainHandling::DoNotSend;
        subscribe.properties = allowedIn(PropertyContext::Subscribe);
    }
    packets.add(QStringLiteral("subscribe"), encode(subscribe, version));

    SubackPacket suback;
    suback.packetId = 1;
    suback.reasonCodes = {2, 0x80};
    if (v5)
        suback.properties = allowedIn(PropertyContext::Suback);
    packets.add(QStringLiteral("suback"), encode(suback, version));

    UnsubscribePacket unsubscribe;
    unsubscribe.packetId = 2;
    unsubscribe.filters = {QStringLiteral("a/+/c"), QStringLiteral("x/#")};
    if (v5)
        unsubscribe.properties = allowedIn(PropertyContext::Unsubscribe);
    packets.add(QStringLiteral("unsubscribe"), encode(unsubscribe, version));

    UnsubackPacket unsuback;
    unsuback.packetId = 2;
    if (v5) {
        unsuback.reasonCodes = {0x00, 0x11};
        unsuback.properties = allowedIn(PropertyContext::Unsuback);
    }
    packets.add(QStringLiteral("unsuback"), encode(unsuback, version));

    packets.add(QStringLiteral("pingreq"), encodePingreq());
    packets.add(QStringLiteral("pingresp"), encodePingresp());

    DisconnectPacket disconnect;
    if (v5) {
        disconnect.reasonCode = ReasonCode::ServerShuttingDown;
        disconnect.properties = allowedIn(PropertyContext::Disconnect);
    }
    packets.add(QStringLiteral("disconnect"), encode(disconnect, version));

    if (v5) {
        AuthPacket auth{ReasonCode::ContinueAuthentication, allowedIn(PropertyContext::Auth)};
        packets.add(QStringLiteral("auth"), encode(auth));
    }
    return packets;
}

void codecSeeds()
{
    for (ProtocolVersion version :
         {ProtocolVersion::V3_1, ProtocolVersion::V3_1_1, ProtocolVersion::V5}) {
        const char mode = char(version == ProtocolVersion::V3_1     ? 0
                               : version == ProtocolVersion::V3_1_1 ? 1
                                                                    : 2);
        QByteArray all;
        for (const auto &[name, bytes] : packetsAt(version).list) {
            write(QStringLiteral("fuzz_codec"), versionName(version) + QLatin1Char('-') + name,
                  mode + bytes);
            all += bytes;
        }
        // Everything in one stream, arriving 3 bytes at a time.
        write(QStringLiteral("fuzz_codec"), versionName(version) + QStringLiteral("-stream"),
              char(mode | (3 << 2)) + all);
    }
}

void propertiesSeeds()
{
    const PropertyContext contexts[11] = {
            PropertyContext::Connect,    PropertyContext::Connack,     PropertyContext::Publish,
            PropertyContext::Will,       PropertyContext::Puback,      PropertyContext::Subscribe,
            PropertyContext::Suback,     PropertyContext::Unsubscribe, PropertyContext::Unsuback,
            PropertyContext::Disconnect, PropertyContext::Auth,
    };
    for (int i = 0; i < 11; ++i) {
        QByteArray list;
        allowedIn(contexts[i]).encode(list);
        write(QStringLiteral("fuzz_properties"), QStringLiteral("context%1").arg(i), char(i) + list);
    }
    // PUBREC, PUBREL and PUBCOMP (the context byte's quotient by 11 picks them).
    for (int ack = 1; ack < 4; ++ack) {
        QByteArray list;
        allowedIn(PropertyContext::Puback).encode(list);
        write(QStringLiteral("fuzz_properties"), QStringLiteral("ack%1").arg(ack),
              char(4 + 11 * ack) + list);
    }
    QByteArray empty;
    Properties().encode(empty);
    write(QStringLiteral("fuzz_properties"), QStringLiteral("empty"), char(1) + empty);
}

void topicSeeds()
{
    // filter, "\\x" (ends the filter), topic name, mode byte (FuzzedDataProvider takes
    // integers from the end).
    const QList<QPair<QByteArray, QByteArray>> pairs = {
            {"a/+/c", "a/b/c"},
            {"sport/#", "sport"},
            {"#", "$SYS/broker"},
            {"+/+", "/"},
            {"$share/g/a", "a"},
            {"a//b", "a//b"},
            {"caf\xc3\xa9/+", "caf\xc3\xa9/\xf0\x9f\x98\x80"},
            {"+/#", "a"},
            {"a/b#", "a/b"},
            {"a/+b", "ab"},
    };
    int n = 0;
    for (const auto &[filter, topic] : pairs)
        write(QStringLiteral("fuzz_topic"), QStringLiteral("utf8-%1").arg(n++),
              filter + "\\x" + topic + QByteArray(1, '\0'));
    // UTF-16 code units: a surrogate pair, a lone high surrogate, U+0000.
    write(QStringLiteral("fuzz_topic"), QStringLiteral("utf16-pair"),
          QByteArray("a\0/\0"
                     "\\x"
                     "=\xd8\x00\xde"
                     "\x01",
                     11));
    write(QStringLiteral("fuzz_topic"), QStringLiteral("utf16-lone"),
          QByteArray("+\0"
                     "\\x"
                     "\x00\xd8"
                     "a\0"
                     "\x01",
                     9));
    write(QStringLiteral("fuzz_topic"), QStringLiteral("utf16-null"),
          QByteArray("#\0"
                     "\\x"
                     "a\0\0\0"
                     "\x01",
                     9));
}

QByteArray publish(ProtocolVersion version, const QString &topic, QoS qos, quint16 id,
                   const Properties &properties = {})
{
    PublishPacket packet;
    packet.topic = topic;
    packet.payload = "hello";
    packet.qos = qos;
    packet.packetId = id;
    packet.properties = properties;
    return encode(packet, version);
}

QByteArray ack(ProtocolVersion version, PacketType type, quint16 id)
{
    return encode(AckPacket{type, id, ReasonCode::Success, {}}, version);
}

void clientSeeds()
{
    // After the primed SUBSCRIBE (id 1), QoS 1 (id 2) and QoS 2 (id 3) PUBLISH, UNSUBSCRIBE (id 4).
    for (ProtocolVersion version : {ProtocolVersion::V3_1_1, ProtocolVersion::V5}) {
        const bool v5 = version == ProtocolVersion::V5;
        const char mode = v5 ? 1 : 0;
        const QString prefix = versionName(version) + QLatin1Char('-');
        SubackPacket suback{1, {2, 1}, {}};
        UnsubackPacket unsuback{4, {}, {}};
        if (v5)
            unsuback.reasonCodes = {0};
        Properties aliased;
        aliased.setInteger(PropertyId::TopicAlias, 2);
        Properties identified;
        identified.addSubscriptionIdentifier(7);

        QList<QPair<QString, QByteArray>> streams = {
                {QStringLiteral("suback"), encode(suback, version)},
                {QStringLiteral("puback"), ack(version, PacketType::Puback, 2)},
                {QStringLiteral("pubrec-pubcomp"),
                 ack(version, PacketType::Pubrec, 3) + ack(version, PacketType::Pubcomp, 3)},
                {QStringLiteral("unsuback"), encode(unsuback, version)},
                {QStringLiteral("publish-qos0"),
                 publish(version, QStringLiteral("a/x"), QoS::AtMostOnce, 0, identified)},
                {QStringLiteral("publish-qos1"),
                 publish(version, QStringLiteral("b/y/z"), QoS::AtLeastOnce, 9)},
                {QStringLiteral("publish-qos2-pubrel"),
                 publish(version, QStringLiteral("a/q"), QoS::ExactlyOnce, 10) +
                         ack(version, PacketType::Pubrel, 10)},
                {QStringLiteral("pingresp"), encodePingresp()},
                {QStringLiteral("disconnect"),
                 encode(DisconnectPacket{v5 ? ReasonCode::ServerShuttingDown : ReasonCode::Success,
                                         {}},
                        version)},
        };
        if (v5) {
            DisconnectPacket moved{ReasonCode::ServerMoved, {}};
            moved.properties.setString(PropertyId::ServerReference,
                                       QStringLiteral("other:1884 [::1]:1885"));
            streams.append({QStringLiteral("disconnect-moved"), encode(moved, version)});
            streams.append(
                    {QStringLiteral("publish-alias"),
                     publish(version, QStringLiteral("a/alias"), QoS::AtLeastOnce, 11, aliased) +
                             publish(version, QString(), QoS::AtMostOnce, 0, aliased)});
            streams.append(
                    {QStringLiteral("auth"), encode(AuthPacket{ReasonCode::ReAuthenticate, {}})});
        }
        // Two mode bytes (see fuzz_client.cpp): the version, then what the application does.
        QByteArray all;
        for (const auto &[name, bytes] : streams) {
            write(QStringLiteral("fuzz_client"), prefix + name, QByteArray(1, mode) + '\0' + bytes);
            all += bytes;
        }
        // Everything, in pieces of 5 bytes with the application publishing, subscribing and
        // unsubscribing after each; with a disconnect halfway and the broker closing at the
        // end; and in a persistent session resumed at the end.
        write(QStringLiteral("fuzz_client"), prefix + QStringLiteral("all"),
              QByteArray(1, char(mode | (5 << 3))) + '\x0f' + all);
        write(QStringLiteral("fuzz_client"), prefix + QStringLiteral("all-closing"),
              QByteArray(1, char(mode | 0x02 | 0x04)) + '\0' + all);
        write(QStringLiteral("fuzz_client"), prefix + QStringLiteral("all-resumed"),
              QByteArray(1, char(mode | (7 << 3))) + '\x13' + all);
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_fuzz_seeds <corpus directory>\n");
        return 2;
    }
    g_root = QString::fromLocal8Bit(argv[1]);
    codecSeeds();
    propertiesSeeds();
    topicSeeds();
    clientSeeds();
    return 0;
}
