// SPDX-License-Identifier: Apache-2.0
#include "bytes.h"
#include "codec.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Mqtt;

Q_DECLARE_METATYPE(Mqtt::ProtocolVersion)
Q_DECLARE_METATYPE(Mqtt::ReasonCode)
Q_DECLARE_METATYPE(Mqtt::QoS)

namespace {

struct Split
{
    quint8 type = 0;
    quint8 flags = 0;
    QByteArray body;
};

// Splits a whole frame into fixed header and body, checking the Remaining Length.
Split split(const QByteArray &frame)
{
    Split out;
    if (frame.isEmpty())
        return out;
    out.type = quint8(frame[0]) >> 4;
    out.flags = quint8(frame[0]) & 0x0F;
    const VarIntResult length = decodeVariableByteInteger(QByteArrayView(frame).sliced(1));
    if (length.status != VarIntStatus::Ok ||
        qsizetype(1 + length.length + length.value) != frame.size()) {
        out.type = 0xFF; // marks a wrong Remaining Length
        return out;
    }
    out.body = frame.sliced(1 + length.length);
    return out;
}

// Decodes any packet type; returns the error text (empty when valid) and the reason.
QString decodeAny(PacketType type, quint8 flags, const QByteArray &body, ProtocolVersion version,
                  ReasonCode *reason)
{
    auto take = [reason](const auto &decoded) {
        *reason = decoded.reason;
        return decoded.error;
    };
    *reason = ReasonCode::MalformedPacket;
    switch (type) {
    case PacketType::Connect:
        return take(decodeConnect(flags, body));
    case PacketType::Connack:
        return take(decodeConnack(flags, body, version));
    case PacketType::Publish:
        return take(decodePublish(flags, body, version));
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubrel:
    case PacketType::Pubcomp:
        return take(decodeAck(type, flags, body, version));
    case PacketType::Subscribe:
        return take(decodeSubscribe(flags, body, version));
    case PacketType::Suback:
        return take(decodeSuback(flags, body, version));
    case PacketType::Unsubscribe:
        return take(decodeUnsubscribe(flags, body, version));
    case PacketType::Unsuback:
        return take(decodeUnsuback(flags, body, version));
    case PacketType::Disconnect:
        return take(decodeDisconnect(flags, body, version));
    case PacketType::Auth:
        return take(decodeAuth(flags, body));
    case PacketType::Pingreq:
    case PacketType::Pingresp:
    case PacketType::Reserved:
        return emptyPacketProblem(type, flags, body);
    }
    return QStringLiteral("unknown type");
}

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(text);
}

} // namespace

class TestCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // exact bytes from the specification's layouts
    void exactBytes_data();
    void exactBytes();
    // encode then decode, per protocol version
    void connectRoundTrip_data();
    void connectRoundTrip();
    void connackRoundTrip_data();
    void connackRoundTrip();
    void publishRoundTrip_data();
    void publishRoundTrip();
    void ackRoundTrip_data();
    void ackRoundTrip();
    void ackReasonCodes_data();
    void ackReasonCodes();
    void subscribeRoundTrip_data();
    void subscribeRoundTrip();
    void subackRoundTrip_data();
    void subackRoundTrip();
    void unsubscribeRoundTrip_data();
    void unsubscribeRoundTrip();
    void unsubackRoundTrip_data();
    void unsubackRoundTrip();
    void pingAndDisconnectRoundTrip_data();
    void pingAndDisconnectRoundTrip();
    void authRoundTrip();
    void publishViewPointsIntoFrame();
    void encodeAckMatchesEncode();
    // refused input
    void malformed_data();
    void malformed();
    void truncatedAtEveryByte_data();
    void truncatedAtEveryByte();
    void randomBytesNeverCrash();
};

void TestCodec::exactBytes_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("expected");

    {
        ConnectPacket connect; // 3.1.1, clean session, keep alive 60, id "abc"
        connect.clientId = u"abc"_qs;
        QTest::newRow("CONNECT 3.1.1 minimal")
                << encode(connect) << hex("10 0f 0004 4d515454 04 02 003c 0003 616263");
    }
    {
        ConnectPacket connect;
        connect.version = ProtocolVersion::V3_1;
        connect.clientId = u"abc"_qs;
        connect.keepAlive = 10;
        connect.cleanSession = false;
        QTest::newRow("CONNECT 3.1 MQIsdp level 3")
                << encode(connect) << hex("10 11 0006 4d5149736470 03 00 000a 0003 616263");
    }
    {
        ConnectPacket connect;
        connect.clientId = u"c"_qs;
        connect.keepAlive = 0;
        connect.will = Will{u"w"_qs, "x", QoS::AtLeastOnce, true, {}};
        connect.userName = u"u"_qs;
        connect.password = QByteArray("p");
        // flags: user 80 | password 40 | will retain 20 | will QoS 1 08 | will 04 | clean 02
        QTest::newRow("CONNECT 3.1.1 will, user, password")
                << encode(connect)
                << hex("10 19 0004 4d515454 04 ee 0000 0001 63 0001 77 0001 78 0001 75 0001 70");
    }
    {
        ConnectPacket connect;
        connect.version = ProtocolVersion::V5;
        connect.clientId = u"a"_qs;
        connect.properties.setInteger(PropertyId::SessionExpiryInterval, 30);
        QTest::newRow("CONNECT 5.0 with properties")
                << encode(connect) << hex("10 13 0004 4d515454 05 02 003c 05 11 0000001e 0001 61");
    }
    {
        PublishPacket publish;
        publish.topic = u"a/b"_qs;
        publish.payload = "hi";
        QTest::newRow("PUBLISH QoS 0")
                << encode(publish, ProtocolVersion::V3_1_1) << hex("30 07 0003 612f62 6869");
    }
    {
        PublishPacket publish;
        publish.topic = u"a/b"_qs;
        publish.payload = "hi";
        publish.qos = QoS::AtLeastOnce;
        publish.packetId = 10;
        publish.retain = true;
        QTest::newRow("PUBLISH QoS 1 retain id 10")
                << encode(publish, ProtocolVersion::V3_1_1) << hex("33 09 0003 612f62 000a 6869");
        publish.dup = true;
        publish.retain = false;
        QTest::newRow("PUBLISH QoS 1 DUP")
                << encode(publish, ProtocolVersion::V3_1_1) << hex("3a 09 0003 612f62 000a 6869");
        publish.dup = false;
        publish.qos = QoS::ExactlyOnce;
        QTest::newRow("PUBLISH QoS 2")
                << encode(publish, ProtocolVersion::V3_1_1) << hex("34 09 0003 612f62 000a 6869");
        publish.qos = QoS::AtLeastOnce;
        QTest::newRow("PUBLISH QoS 1 5.0 empty properties")
                << encode(publish, ProtocolVersion::V5) << hex("32 0a 0003 612f62 000a 00 6869");
    }
    {
        PublishPacket publish;
        publish.topic = u"t"_qs;
        publish.payload = QByteArray(200, 'z');
        QByteArray expected = hex("30 cb01 0001 74") + QByteArray(200, 'z'); // 203 = cb 01
        QTest::newRow("PUBLISH two-byte Remaining Length")
                << encode(publish, ProtocolVersion::V3_1_1) << expected;
    }
    {
        SubscribePacket subscribe;
        subscribe.packetId = 1;
        subscribe.topics = {SubscribeTopic{u"a/b"_qs, QoS::AtLeastOnce, false, false, {}},
                            SubscribeTopic{u"c/#"_qs, QoS::ExactlyOnce, false, false, {}}};
        QTest::newRow("SUBSCRIBE two filters") << encode(subscribe, ProtocolVersion::V3_1_1)
                                               << hex("82 0e 0001 0003 612f62 01 0003 632f23 02");
        subscribe.topics = {
                SubscribeTopic{u"a"_qs, QoS::AtLeastOnce, true, true, RetainHandling::DoNotSend}};
        QTest::newRow("SUBSCRIBE 5.0 options")
                << encode(subscribe, ProtocolVersion::V5) << hex("82 07 0001 00 0001 61 2d");
    }
    {
        UnsubscribePacket unsubscribe;
        unsubscribe.packetId = 0x1234;
        unsubscribe.filters = {u"a/b"_qs};
        QTest::newRow("UNSUBSCRIBE")
                << encode(unsubscribe, ProtocolVersion::V3_1_1) << hex("a2 07 1234 0003 612f62");
    }
    QTest::newRow("PINGREQ") << encodePingreq() << hex("c000");
    QTest::newRow("PINGRESP") << encodePingresp() << hex("d000");
    QTest::newRow("DISCONNECT 3.1.1")
            << encode(DisconnectPacket{}, ProtocolVersion::V3_1_1) << hex("e000");
    QTest::newRow("PUBACK") << encode(AckPacket{PacketType::Puback, 7, {}, {}},
                                      ProtocolVersion::V3_1_1)
                            << hex("40 02 0007");
    QTest::newRow("PUBREL flags 0010 [MQTT-3.6.1-1]")
            << encode(AckPacket{PacketType::Pubrel, 7, {}, {}}, ProtocolVersion::V3_1_1)
            << hex("62 02 0007");
    QTest::newRow("PUBREC 5.0 refusal")
            << encode(AckPacket{PacketType::Pubrec, 7, ReasonCode::QuotaExceeded, {}},
                      ProtocolVersion::V5)
            << hex("50 03 0007 97");
    QTest::newRow("CONNACK session present")
            << encode(ConnackPacket{true, 0, {}}, ProtocolVersion::V3_1_1) << hex("20 02 01 00");
}

void TestCodec::exactBytes()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, expected);
    QCOMPARE(encoded.toHex(' '), expected.toHex(' '));
}

// ---- round trips ---------------------------------------------------------------------------

void TestCodec::connectRoundTrip_data()
{
    QTest::addColumn<ConnectPacket>("packet");
    for (ProtocolVersion version :
         {ProtocolVersion::V3_1, ProtocolVersion::V3_1_1, ProtocolVersion::V5}) {
        const QByteArray name = QByteArray::number(int(version));
        ConnectPacket minimal;
        minimal.version = version;
        minimal.clientId = u"client"_qs;
        QTest::newRow("minimal, level " + name) << minimal;

        ConnectPacket full = minimal;
        full.cleanSession = false;
        full.keepAlive = 65535;
        full.clientId = u"\u00e9t\u00e9"_qs;
        full.will =
                Will{u"last/will"_qs, QByteArray("\x00\x01gone", 6), QoS::ExactlyOnce, true, {}};
        full.userName = u"user"_qs;
        full.password = QByteArray("\x00secret", 7);
        if (version == ProtocolVersion::V5) {
            full.properties.setInteger(PropertyId::SessionExpiryInterval, 3600);
            full.properties.setInteger(PropertyId::ReceiveMaximum, 100);
            full.properties.addUserProperty(u"k"_qs, u"v"_qs);
            full.will->properties.setInteger(PropertyId::WillDelayInterval, 5);
            full.will->properties.setString(PropertyId::ContentType, u"text/plain"_qs);
        }
        QTest::newRow("will, user, password, level " + name) << full;

        ConnectPacket emptyId = minimal;
        emptyId.clientId.clear();
        emptyId.will = Will{u"w"_qs, {}, QoS::AtMostOnce, false, {}};
        QTest::newRow("empty id, empty will payload, level " + name) << emptyId;
    }
}

void TestCodec::connectRoundTrip()
{
    QFETCH(ConnectPacket, packet);
    const Split frame = split(encode(packet));
    QCOMPARE(frame.type, quint8(PacketType::Connect));
    const auto decoded = decodeConnect(frame.flags, frame.body);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QVERIFY(decoded.packet == packet);
}

void TestCodec::connackRoundTrip_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<bool>("sessionPresent");
    QTest::addColumn<quint8>("code");
    QTest::newRow("3.1 accepted") << ProtocolVersion::V3_1 << false << quint8(0);
    QTest::newRow("3.1 refused 5") << ProtocolVersion::V3_1 << false << quint8(5);
    QTest::newRow("3.1.1 session present") << ProtocolVersion::V3_1_1 << true << quint8(0);
    QTest::newRow("3.1.1 refused 2") << ProtocolVersion::V3_1_1 << false << quint8(2);
    QTest::newRow("5.0 accepted") << ProtocolVersion::V5 << true << quint8(0);
    QTest::newRow("5.0 not authorized") << ProtocolVersion::V5 << false << quint8(0x87);
}

void TestCodec::connackRoundTrip()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(bool, sessionPresent);
    QFETCH(quint8, code);
    ConnackPacket packet{sessionPresent, code, {}};
    if (version == ProtocolVersion::V5) {
        packet.properties.setInteger(PropertyId::ReceiveMaximum, 10);
        packet.properties.setString(PropertyId::AssignedClientIdentifier, u"given"_qs);
    }
    const Split frame = split(encode(packet, version));
    QCOMPARE(frame.type, quint8(PacketType::Connack));
    const auto decoded = decodeConnack(frame.flags, frame.body, version);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.sessionPresent, sessionPresent);
    QCOMPARE(decoded.packet.returnCode, code);
    QCOMPARE(decoded.packet.properties, packet.properties);
}

void TestCodec::publishRoundTrip_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<bool>("retain");
    QTest::addColumn<bool>("dup");
    QTest::addColumn<QByteArray>("payload");
    for (ProtocolVersion version :
         {ProtocolVersion::V3_1, ProtocolVersion::V3_1_1, ProtocolVersion::V5}) {
        const QByteArray name = " level " + QByteArray::number(int(version));
        QTest::newRow("QoS 0 empty payload" + name)
                << version << QoS::AtMostOnce << false << false << QByteArray();
        QTest::newRow("QoS 0 retain" + name)
                << version << QoS::AtMostOnce << true << false << QByteArray("on");
        QTest::newRow("QoS 1" + name)
                << version << QoS::AtLeastOnce << false << false << QByteArray("\x00\xff", 2);
        QTest::newRow("QoS 1 DUP" + name)
                << version << QoS::AtLeastOnce << false << true << QByteArray("x");
        QTest::newRow("QoS 2 retain DUP" + name)
                << version << QoS::ExactlyOnce << true << true << QByteArray(300, 'q');
        QTest::newRow("QoS 1 large payload" + name)
                << version << QoS::AtLeastOnce << false << false << QByteArray(70000, 'L');
    }
}

void TestCodec::publishRoundTrip()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(bool, retain);
    QFETCH(bool, dup);
    QFETCH(QByteArray, payload);
    PublishPacket packet;
    packet.topic = u"sensors/\u00e9/temp"_qs;
    packet.payload = payload;
    packet.qos = qos;
    packet.retain = retain;
    packet.dup = dup;
    packet.packetId = qos == QoS::AtMostOnce ? 0 : 65535;
    if (version == ProtocolVersion::V5) {
        packet.properties.setInteger(PropertyId::MessageExpiryInterval, 120);
        packet.properties.setBinary(PropertyId::CorrelationData, "corr");
        packet.properties.addUserProperty(u"a"_qs, u"b"_qs);
    }
    const Split frame = split(encode(packet, version));
    QCOMPARE(frame.type, quint8(PacketType::Publish));
    const auto decoded = decodePublish(frame.flags, frame.body, version);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    const PublishPacket back = toPacket(decoded.packet);
    QCOMPARE(back.topic, packet.topic);
    QCOMPARE(back.payload, packet.payload);
    QCOMPARE(back.qos, qos);
    QCOMPARE(back.retain, retain);
    QCOMPARE(back.dup, dup);
    QCOMPARE(back.packetId, packet.packetId);
    QCOMPARE(back.properties, packet.properties);
}

void TestCodec::ackRoundTrip_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("reason");
    QTest::addColumn<bool>("withProperties");
    for (ProtocolVersion version :
         {ProtocolVersion::V3_1, ProtocolVersion::V3_1_1, ProtocolVersion::V5}) {
        for (PacketType type :
             {PacketType::Puback, PacketType::Pubrec, PacketType::Pubrel, PacketType::Pubcomp}) {
            const QByteArray name =
                    QByteArray::number(int(type)) + " level " + QByteArray::number(int(version));
            QTest::newRow("type " + name) << version << int(type) << 0 << false;
            if (version == ProtocolVersion::V5) {
                const bool release = type == PacketType::Pubrel || type == PacketType::Pubcomp;
                QTest::newRow("type " + name + " with reason and properties")
                        << version << int(type) << (release ? 0x92 : 0x80) << true;
            }
        }
    }
}

void TestCodec::ackRoundTrip()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(int, type);
    QFETCH(int, reason);
    QFETCH(bool, withProperties);
    AckPacket packet{PacketType(type), 513, ReasonCode(reason), {}};
    if (withProperties)
        packet.properties.setString(PropertyId::ReasonString, u"because"_qs);
    const QByteArray bytes = encode(packet, version);
    const Split frame = split(bytes);
    QCOMPARE(frame.type, quint8(type));
    if (!withProperties && reason == 0)
        QCOMPARE(bytes.size(), 4); // 5.0 shortens Success without properties (3.4.2.1)
    const auto decoded = decodeAck(PacketType(type), frame.flags, frame.body, version);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.type, PacketType(type));
    QCOMPARE(decoded.packet.packetId, quint16(513));
    QCOMPARE(decoded.packet.reasonCode, ReasonCode(reason));
    QCOMPARE(decoded.packet.properties, packet.properties);
}

// 5.0: each acknowledgement takes the reason codes its section lists; any other byte is a
// malformed packet (3.4.2.1, 3.5.2.1, 3.6.2.1, 3.7.2.1, 3.11.3).
void TestCodec::ackReasonCodes_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QList<int>>("allowed");
    const QList<int> published{0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99};
    const QList<int> released{0x00, 0x92};
    QTest::newRow("PUBACK") << int(PacketType::Puback) << published;
    QTest::newRow("PUBREC") << int(PacketType::Pubrec) << published;
    QTest::newRow("PUBREL") << int(PacketType::Pubrel) << released;
    QTest::newRow("PUBCOMP") << int(PacketType::Pubcomp) << released;
    QTest::newRow("UNSUBACK") << int(PacketType::Unsuback)
                              << QList<int>{0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91};
}

void TestCodec::ackReasonCodes()
{
    QFETCH(int, type);
    QFETCH(QList<int>, allowed);
    for (int code = 0; code < 256; ++code) {
        QByteArray body("\x01\x02", 2); // packet id 258
        bool ok = false;
        if (PacketType(type) == PacketType::Unsuback) {
            body.append('\0'); // no properties
            body.append(char(code));
            ok = decodeUnsuback(0, body, ProtocolVersion::V5).ok();
        } else {
            body.append(char(code));
            const quint8 flags = PacketType(type) == PacketType::Pubrel ? 0x2 : 0;
            ok = decodeAck(PacketType(type), flags, body, ProtocolVersion::V5).ok();
        }
        QVERIFY2(ok == allowed.contains(code),
                 qPrintable(QStringLiteral("reason code 0x%1 %2")
                                    .arg(code, 2, 16, QLatin1Char('0'))
                                    .arg(ok ? u"accepted" : u"refused")));
    }
}

void TestCodec::subscribeRoundTrip_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1") << ProtocolVersion::V3_1;
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1;
    QTest::newRow("5.0") << ProtocolVersion::V5;
}

void TestCodec::subscribeRoundTrip()
{
    QFETCH(ProtocolVersion, version);
    const bool v5 = version == ProtocolVersion::V5;
    SubscribePacket packet;
    packet.packetId = 42;
    packet.topics = {SubscribeTopic{u"a/+/c"_qs, QoS::AtMostOnce, false, false, {}},
                     SubscribeTopic{u"#"_qs, QoS::AtLeastOnce, v5, false,
                                    v5 ? RetainHandling::SendAtNewSubscribe
                                       : RetainHandling::SendAtSubscribe},
                     SubscribeTopic{u"$SYS/x"_qs, QoS::ExactlyOnce, false, v5, {}}};
    if (v5)
        packet.properties.addSubscriptionIdentifier(7);
    const Split frame = split(encode(packet, version));
    QCOMPARE(frame.type, quint8(PacketType::Subscribe));
    QCOMPARE(frame.flags, quint8(2));
    const auto decoded = decodeSubscribe(frame.flags, frame.body, version);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.packetId, quint16(42));
    QCOMPARE(decoded.packet.topics, packet.topics);
    QCOMPARE(decoded.packet.properties, packet.properties);
}

void TestCodec::subackRoundTrip_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QList<quint8>>("codes");
    QTest::newRow("3.1 granted") << ProtocolVersion::V3_1 << QList<quint8>{0, 1, 2};
    QTest::newRow("3.1.1 with failure 0x80")
            << ProtocolVersion::V3_1_1 << QList<quint8>{2, 0x80, 0};
    QTest::newRow("5.0 reason codes") << ProtocolVersion::V5 << QList<quint8>{1, 0x87, 0xA2};
}

void TestCodec::subackRoundTrip()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QList<quint8>, codes);
    SubackPacket packet{9, codes, {}};
    if (version == ProtocolVersion::V5)
        packet.properties.setString(PropertyId::ReasonString, u"partly"_qs);
    const Split frame = split(encode(packet, version));
    const auto decoded = decodeSuback(frame.flags, frame.body, version);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.packetId, quint16(9));
    QCOMPARE(decoded.packet.reasonCodes, codes);
    QCOMPARE(decoded.packet.properties, packet.properties);
}

void TestCodec::unsubscribeRoundTrip_data()
{
    subscribeRoundTrip_data();
}

void TestCodec::unsubscribeRoundTrip()
{
    QFETCH(ProtocolVersion, version);
    UnsubscribePacket packet{300, {u"a/b"_qs, u"+/#"_qs}, {}};
    if (version == ProtocolVersion::V5)
        packet.properties.addUserProperty(u"why"_qs, u"done"_qs);
    const Split frame = split(encode(packet, version));
    QCOMPARE(frame.type, quint8(PacketType::Unsubscribe));
    QCOMPARE(frame.flags, quint8(2));
    const auto decoded = decodeUnsubscribe(frame.flags, frame.body, version);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.packetId, quint16(300));
    QCOMPARE(decoded.packet.filters, packet.filters);
    QCOMPARE(decoded.packet.properties, packet.properties);
}

void TestCodec::unsubackRoundTrip_data()
{
    subscribeRoundTrip_data();
}

void TestCodec::unsubackRoundTrip()
{
    QFETCH(ProtocolVersion, version);
    UnsubackPacket packet{77, {}, {}};
    if (version == ProtocolVersion::V5)
        packet.reasonCodes = {0x00, 0x11};
    const QByteArray bytes = encode(packet, version);
    if (version != ProtocolVersion::V5)
        QCOMPARE(bytes, hex("b0 02 004d"));
    const Split frame = split(bytes);
    const auto decoded = decodeUnsuback(frame.flags, frame.body, version);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.packetId, quint16(77));
    QCOMPARE(decoded.packet.reasonCodes, packet.reasonCodes);
}

void TestCodec::pingAndDisconnectRoundTrip_data()
{
    subscribeRoundTrip_data();
}

void TestCodec::pingAndDisconnectRoundTrip()
{
    QFETCH(ProtocolVersion, version);
    for (const QByteArray &bytes : {encodePingreq(), encodePingresp()}) {
        const Split frame = split(bytes);
        QCOMPARE(emptyPacketProblem(PacketType(frame.type), frame.flags, frame.body), QString());
    }
    DisconnectPacket packet;
    if (version == ProtocolVersion::V5) {
        packet.reasonCode = ReasonCode::ServerShuttingDown;
        packet.properties.setString(PropertyId::ReasonString, u"maintenance"_qs);
    }
    const Split frame = split(encode(packet, version));
    QCOMPARE(frame.type, quint8(PacketType::Disconnect));
    const auto decoded = decodeDisconnect(frame.flags, frame.body, version);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.reasonCode, packet.reasonCode);
    QCOMPARE(decoded.packet.properties, packet.properties);
}

void TestCodec::authRoundTrip()
{
    AuthPacket packet;
    packet.reasonCode = ReasonCode::ContinueAuthentication;
    packet.properties.setString(PropertyId::AuthenticationMethod, u"SCRAM-SHA-1"_qs);
    packet.properties.setBinary(PropertyId::AuthenticationData, "nonce");
    const Split frame = split(encode(packet));
    QCOMPARE(frame.type, quint8(PacketType::Auth));
    const auto decoded = decodeAuth(frame.flags, frame.body);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.reasonCode, packet.reasonCode);
    QCOMPARE(decoded.packet.properties, packet.properties);
    QCOMPARE(encode(AuthPacket{}), hex("f000"));
}

void TestCodec::publishViewPointsIntoFrame()
{
    QByteArray bytes;
    encodePublish(bytes, ProtocolVersion::V3_1_1, "topic", "payload", QoS::AtLeastOnce, false,
                  false, 5);
    const Split frame = split(bytes);
    const auto decoded = decodePublish(frame.flags, frame.body, ProtocolVersion::V3_1_1);
    QVERIFY(decoded.ok());
    // No copies: the views point into the body handed in.
    QCOMPARE(decoded.packet.topic.data(), frame.body.constData() + 2);
    QCOMPARE(decoded.packet.payload.data(), frame.body.constData() + 9);
}

void TestCodec::encodeAckMatchesEncode()
{
    for (PacketType type :
         {PacketType::Puback, PacketType::Pubrec, PacketType::Pubrel, PacketType::Pubcomp}) {
        QByteArray fast;
        encodeAck(fast, type, 0xBEEF);
        QCOMPARE(fast, encode(AckPacket{type, 0xBEEF, {}, {}}, ProtocolVersion::V3_1_1));
        QCOMPARE(fast, encode(AckPacket{type, 0xBEEF, {}, {}}, ProtocolVersion::V5));
    }
}

// ---- malformed and forbidden input -----------------------------------------------------------

void TestCodec::malformed_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ReasonCode>("reason");
    const auto v3 = ProtocolVersion::V3_1_1;
    const auto v31 = ProtocolVersion::V3_1;
    const auto v5 = ProtocolVersion::V5;
    const auto M = ReasonCode::MalformedPacket;
    const auto P = ReasonCode::ProtocolError;

    // CONNECT
    QTest::newRow("CONNECT flags 0001 [MQTT-2.2.2-2]")
            << v3 << hex("11 0f 0004 4d515454 04 02 003c 0003 616263") << M;
    QTest::newRow("CONNECT unknown protocol name")
            << v3 << hex("10 0f 0004 4d515458 04 02 003c 0003 616263")
            << ReasonCode::UnsupportedProtocolVersion;
    QTest::newRow("CONNECT MQTT level 3") << v3 << hex("10 0f 0004 4d515454 03 02 003c 0003 616263")
                                          << ReasonCode::UnsupportedProtocolVersion;
    QTest::newRow("CONNECT reserved flag [MQTT-3.1.2-3]")
            << v3 << hex("10 0f 0004 4d515454 04 03 003c 0003 616263") << M;
    QTest::newRow("CONNECT will QoS 3 [MQTT-3.1.2-14]")
            << v3 << hex("10 14 0004 4d515454 04 1e 003c 0003 616263 0001 77 0000") << M;
    QTest::newRow("CONNECT will retain without will [MQTT-3.1.2-15]")
            << v3 << hex("10 0f 0004 4d515454 04 22 003c 0003 616263") << M;
    QTest::newRow("CONNECT password without user name [MQTT-3.1.2-22]")
            << v3 << hex("10 12 0004 4d515454 04 42 003c 0003 616263 0001 70") << M;
    QTest::newRow("CONNECT client id with null [MQTT-1.5.3-2]")
            << v3 << hex("10 0f 0004 4d515454 04 02 003c 0003 610063") << M;
    QTest::newRow("CONNECT client id bad UTF-8")
            << v3 << hex("10 0f 0004 4d515454 04 02 003c 0003 61ff63") << M;
    QTest::newRow("CONNECT trailing byte")
            << v3 << hex("10 10 0004 4d515454 04 02 003c 0003 616263 00") << M;
    QTest::newRow("CONNECT missing user name")
            << v3 << hex("10 0f 0004 4d515454 04 82 003c 0003 616263") << M;
    // CONNACK
    QTest::newRow("CONNACK flags 0001") << v3 << hex("21 02 00 00") << M;
    QTest::newRow("CONNACK one byte") << v3 << hex("20 01 00") << M;
    QTest::newRow("CONNACK trailing byte") << v3 << hex("20 03 00 00 00") << M;
    QTest::newRow("CONNACK reserved acknowledge flag [MQTT-3.2.2-1]")
            << v3 << hex("20 02 02 00") << M;
    QTest::newRow("CONNACK session present with refusal [MQTT-3.2.2-4]")
            << v3 << hex("20 02 01 05") << M;
    QTest::newRow("CONNACK 3.1 session present") << v31 << hex("20 02 01 00") << M;
    QTest::newRow("CONNACK 5.0 without properties") << v5 << hex("20 02 00 00") << M;
    QTest::newRow("CONNACK 5.0 PUBLISH-only property") << v5 << hex("20 05 00 00 02 01 01") << P;
    // PUBLISH
    QTest::newRow("PUBLISH QoS 3 [MQTT-3.3.1-4]") << v3 << hex("36 07 0001 74 0001 6869") << M;
    QTest::newRow("PUBLISH DUP on QoS 0 [MQTT-3.3.1-2]") << v3 << hex("38 03 0001 74") << M;
    QTest::newRow("PUBLISH packet id 0 [MQTT-2.3.1-1]") << v3 << hex("32 05 0001 74 0000") << P;
    QTest::newRow("PUBLISH topic runs past the end") << v3 << hex("30 03 0005 74") << M;
    QTest::newRow("PUBLISH no topic length") << v3 << hex("30 01 00") << M;
    QTest::newRow("PUBLISH QoS 1 without packet id") << v3 << hex("32 04 0001 74 00") << M;
    QTest::newRow("PUBLISH empty topic [MQTT-4.7.3-1]") << v3 << hex("30 03 0000 78") << P;
    QTest::newRow("PUBLISH + in topic [MQTT-3.3.2-2]")
            << v3 << hex("30 05 0003 612f2b") << ReasonCode::TopicNameInvalid;
    QTest::newRow("PUBLISH # in topic [MQTT-3.3.2-2]")
            << v3 << hex("30 03 0001 23") << ReasonCode::TopicNameInvalid;
    QTest::newRow("PUBLISH null in topic [MQTT-1.5.3-2]") << v3 << hex("30 05 0003 610062") << M;
    QTest::newRow("PUBLISH surrogate in topic [MQTT-1.5.3-1]")
            << v3 << hex("30 05 0003 eda080") << M;
    QTest::newRow("PUBLISH 5.0 properties past the end") << v5 << hex("30 05 0001 74 09 01") << M;
    QTest::newRow("PUBLISH 5.0 duplicate property") << v5 << hex("30 08 0001 74 04 0100 0101") << P;
    QTest::newRow("PUBLISH 5.0 empty topic without alias") << v5 << hex("30 03 0000 00") << P;
    // PUBACK / PUBREC / PUBREL / PUBCOMP
    QTest::newRow("PUBACK flags 0010 [MQTT-2.2.2-2]") << v3 << hex("42 02 0001") << M;
    QTest::newRow("PUBACK truncated") << v3 << hex("40 01 00") << M;
    QTest::newRow("PUBACK trailing byte 3.1.1") << v3 << hex("40 03 0001 00") << M;
    QTest::newRow("PUBACK packet id 0 [MQTT-2.3.1-1]") << v3 << hex("40 02 0000") << P;
    QTest::newRow("PUBREC flags 0010") << v3 << hex("52 02 0001") << M;
    QTest::newRow("PUBREL flags 0000 [MQTT-3.6.1-1]") << v3 << hex("60 02 0001") << M;
    QTest::newRow("PUBCOMP flags 1000") << v3 << hex("78 02 0001") << M;
    QTest::newRow("PUBACK 5.0 Topic Alias property") << v5 << hex("40 07 0001 00 03 230001") << P;
    // SUBSCRIBE
    QTest::newRow("SUBSCRIBE flags 0000 [MQTT-3.8.1-1]") << v3 << hex("80 06 0001 0001 61 00") << M;
    QTest::newRow("SUBSCRIBE no filter [MQTT-3.8.3-3]") << v3 << hex("82 02 0001") << P;
    QTest::newRow("SUBSCRIBE QoS 3 [MQTT-3.8.3-4]") << v3 << hex("82 06 0001 0001 61 03") << M;
    QTest::newRow("SUBSCRIBE reserved option bits 3.1.1")
            << v3 << hex("82 06 0001 0001 61 04") << M;
    QTest::newRow("SUBSCRIBE retain handling 3 in 5.0")
            << v5 << hex("82 07 0001 00 0001 61 30") << M;
    QTest::newRow("SUBSCRIBE missing options byte") << v3 << hex("82 05 0001 0001 61") << M;
    QTest::newRow("SUBSCRIBE packet id 0") << v3 << hex("82 06 0000 0001 61 00") << P;
    QTest::newRow("SUBSCRIBE invalid filter a#")
            << v3 << hex("82 07 0001 0002 6123 00") << ReasonCode::TopicFilterInvalid;
    QTest::newRow("SUBSCRIBE filter with null") << v3 << hex("82 07 0001 0002 6100 00") << M;
    // SUBACK
    QTest::newRow("SUBACK flags 0010") << v3 << hex("92 03 0001 00") << M;
    QTest::newRow("SUBACK no return code") << v3 << hex("90 02 0001") << M;
    QTest::newRow("SUBACK reserved code 3 [MQTT-3.9.3-2]") << v3 << hex("90 03 0001 03") << M;
    QTest::newRow("SUBACK reserved code 0x81") << v3 << hex("90 03 0001 81") << M;
    QTest::newRow("SUBACK 5.0 unknown reason 0x05") << v5 << hex("90 04 0001 00 05") << M;
    // UNSUBSCRIBE / UNSUBACK
    QTest::newRow("UNSUBSCRIBE flags 0000 [MQTT-3.10.1-1]") << v3 << hex("a0 05 0001 0001 61") << M;
    QTest::newRow("UNSUBSCRIBE no filter [MQTT-3.10.3-2]") << v3 << hex("a2 02 0001") << P;
    QTest::newRow("UNSUBSCRIBE truncated filter") << v3 << hex("a2 05 0001 0003 61") << M;
    QTest::newRow("UNSUBACK trailing byte 3.1.1") << v3 << hex("b0 03 0001 00") << M;
    QTest::newRow("UNSUBACK truncated") << v3 << hex("b0 01 00") << M;
    QTest::newRow("UNSUBACK 5.0 no reason code") << v5 << hex("b0 03 0001 00") << M;
    // PINGREQ / PINGRESP / DISCONNECT / AUTH
    QTest::newRow("PINGREQ with body") << v3 << hex("c0 01 00") << M;
    QTest::newRow("PINGRESP flags 0001") << v3 << hex("d1 00") << M;
    QTest::newRow("DISCONNECT 3.1.1 with body") << v3 << hex("e0 01 00") << M;
    QTest::newRow("DISCONNECT flags 0100") << v3 << hex("e4 00") << M;
    QTest::newRow("DISCONNECT 5.0 Topic Alias property") << v5 << hex("e0 05 00 03 230001") << P;
    QTest::newRow("AUTH flags 0001") << v5 << hex("f1 00") << M;
    QTest::newRow("reserved type 0") << v3 << hex("00 00") << M;
}

void TestCodec::malformed()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, frame);
    QFETCH(ReasonCode, reason);
    const Split parts = split(frame);
    QVERIFY2(parts.type != 0xFF, "the test frame's Remaining Length is wrong");
    ReasonCode got = ReasonCode::Success;
    const QString error = decodeAny(PacketType(parts.type), parts.flags, parts.body, version, &got);
    QVERIFY2(!error.isEmpty(), "the decoder accepted a bad packet");
    if (parts.type != 0 && parts.type != quint8(PacketType::Pingreq) &&
        parts.type != quint8(PacketType::Pingresp))
        QCOMPARE(got, reason);
}

void TestCodec::truncatedAtEveryByte_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("frame");
    ConnectPacket connect;
    connect.clientId = u"id"_qs;
    connect.will = Will{u"w/t"_qs, "bye", QoS::AtLeastOnce, false, {}};
    connect.userName = u"u"_qs;
    connect.password = QByteArray("pw");
    QTest::newRow("CONNECT 3.1.1") << ProtocolVersion::V3_1_1 << encode(connect);
    connect.version = ProtocolVersion::V5;
    connect.properties.setInteger(PropertyId::SessionExpiryInterval, 1);
    QTest::newRow("CONNECT 5.0") << ProtocolVersion::V5 << encode(connect);
    QTest::newRow("SUBSCRIBE")
            << ProtocolVersion::V3_1_1
            << encode(SubscribePacket{1,
                                      {SubscribeTopic{
                                              u"a/b"_qs, QoS::AtLeastOnce, false, false, {}}},
                                      {}},
                      ProtocolVersion::V3_1_1);
    QTest::newRow("UNSUBSCRIBE") << ProtocolVersion::V3_1_1
                                 << encode(UnsubscribePacket{1, {u"a/b"_qs}, {}},
                                           ProtocolVersion::V3_1_1);
    QTest::newRow("CONNACK 5.0") << ProtocolVersion::V5
                                 << encode(ConnackPacket{false, 0, {}}, ProtocolVersion::V5);
    QTest::newRow("PUBACK") << ProtocolVersion::V3_1_1
                            << encode(AckPacket{PacketType::Puback, 3, {}, {}},
                                      ProtocolVersion::V3_1_1);
    QTest::newRow("SUBACK") << ProtocolVersion::V3_1_1
                            << encode(SubackPacket{3, {1}, {}}, ProtocolVersion::V3_1_1);
    PublishPacket publish;
    publish.topic = u"t/x"_qs;
    publish.qos = QoS::AtLeastOnce;
    publish.packetId = 4;
    QTest::newRow("PUBLISH QoS 1 empty payload")
            << ProtocolVersion::V3_1_1 << encode(publish, ProtocolVersion::V3_1_1);
}

void TestCodec::truncatedAtEveryByte()
{
    // Every shortened body is refused, never read past its end.
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, frame);
    const Split parts = split(frame);
    QVERIFY(parts.type != 0xFF);
    ReasonCode reason;
    QCOMPARE(decodeAny(PacketType(parts.type), parts.flags, parts.body, version, &reason),
             QString());
    for (qsizetype size = 0; size < parts.body.size(); ++size) {
        const QByteArray shorter = parts.body.first(size); // a copy: ASan sees overreads
        const QString error =
                decodeAny(PacketType(parts.type), parts.flags, shorter, version, &reason);
        QVERIFY2(
                !error.isEmpty(),
                qPrintable(
                        QStringLiteral("accepted %1 of %2 bytes").arg(size).arg(parts.body.size())));
    }
}

void TestCodec::randomBytesNeverCrash()
{
    // Seeded noise through every decoder and version: each either decodes or says why, and
    // (under the sanitizers) never reads outside its input.
    QRandomGenerator random(20261126);
    int refused = 0;
    int total = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray body(random.bounded(0, 40), Qt::Uninitialized);
        for (char &c : body)
            c = char(random.bounded(256));
        if (round % 3 == 0 && body.size() > 2)
            body[2] = char(random.bounded(4)); // plausible small lengths reach deeper
        const quint8 flags = quint8(random.bounded(16));
        for (ProtocolVersion version :
             {ProtocolVersion::V3_1, ProtocolVersion::V3_1_1, ProtocolVersion::V5}) {
            for (int type = 0; type < 16; ++type) {
                ReasonCode reason;
                const QByteArray copy = body; // exact size: overreads are caught
                refused += decodeAny(PacketType(type), flags, copy, version, &reason).isEmpty() ? 0
                                                                                                : 1;
                ++total;
            }
        }
    }
    qDebug() << refused << "of" << total << "random packets refused";
    QVERIFY(refused > total / 2);
}

QTEST_APPLESS_MAIN(TestCodec)
#include "tst_codec.moc"
