// SPDX-License-Identifier: Apache-2.0
#include "bytes.h"
#include "properties.h"

#include <QLocale>
#include <QTest>

using namespace Mqtt;

Q_DECLARE_METATYPE(Mqtt::PropertyId)
Q_DECLARE_METATYPE(Mqtt::PropertyContext)
Q_DECLARE_METATYPE(Mqtt::ReasonCode)

// MQTT 5.0 properties (2.2.2): each type's encoding, duplicates, where each may appear.
class TestProperties : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodeEachType_data();
    void encodeEachType();
    void repeatedPropertiesKeepOrder();
    void decodeRefused_data();
    void decodeRefused();
    void allowedIn_data();
    void allowedIn();
    void describe();
    void binaryText_data();
    void binaryText();
};

namespace {

QString decodeBytes(const QByteArray &bytes, PropertyContext context, Properties *properties,
                    ReasonCode *reason)
{
    ByteReader reader(bytes);
    const QString problem = Properties::decode(reader, context, properties, reason);
    if (problem.isEmpty() && !reader.atEnd())
        return QStringLiteral("bytes left after the properties");
    return problem;
}

} // namespace

void TestProperties::encodeEachType_data()
{
    QTest::addColumn<PropertyId>("id");
    QTest::addColumn<quint32>("integer");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<PropertyContext>("context");
    QTest::addColumn<QByteArray>("bytes"); // length prefix included

    QTest::newRow("byte: Payload Format Indicator")
            << PropertyId::PayloadFormatIndicator << 1u << QByteArray() << QByteArray()
            << PropertyContext::Publish << QByteArray::fromHex("020101");
    QTest::newRow("two byte: Receive Maximum")
            << PropertyId::ReceiveMaximum << 0x1234u << QByteArray() << QByteArray()
            << PropertyContext::Connect << QByteArray::fromHex("03211234");
    QTest::newRow("four byte: Session Expiry Interval")
            << PropertyId::SessionExpiryInterval << 0xDEADBEEFu << QByteArray() << QByteArray()
            << PropertyContext::Connect << QByteArray::fromHex("0511deadbeef");
    QTest::newRow("varint 1 byte: Subscription Identifier")
            << PropertyId::SubscriptionIdentifier << 127u << QByteArray() << QByteArray()
            << PropertyContext::Subscribe << QByteArray::fromHex("020b7f");
    QTest::newRow("varint 4 bytes: Subscription Identifier")
            << PropertyId::SubscriptionIdentifier << 268435455u << QByteArray() << QByteArray()
            << PropertyContext::Publish << QByteArray::fromHex("050bffffff7f");
    QTest::newRow("UTF-8 string: Content Type")
            << PropertyId::ContentType << 0u << QByteArray("text/plain") << QByteArray()
            << PropertyContext::Publish << QByteArray::fromHex("0d03000a") + "text/plain";
    QTest::newRow("empty UTF-8 string: Reason String")
            << PropertyId::ReasonString << 0u << QByteArray() << QByteArray()
            << PropertyContext::Disconnect << QByteArray::fromHex("031f0000");
    QTest::newRow("binary: Correlation Data")
            << PropertyId::CorrelationData << 0u << QByteArray("\x00\xff\x00", 3) << QByteArray()
            << PropertyContext::Publish << QByteArray::fromHex("0609000300ff00");
    QTest::newRow("string pair: User Property")
            << PropertyId::UserProperty << 0u << QByteArray("k") << QByteArray("v")
            << PropertyContext::Auth << QByteArray::fromHex("072600016b000176");
}

void TestProperties::encodeEachType()
{
    QFETCH(PropertyId, id);
    QFETCH(quint32, integer);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, value);
    QFETCH(PropertyContext, context);
    QFETCH(QByteArray, bytes);

    Properties properties;
    switch (Properties::typeOf(id)) {
    case PropertyType::Utf8String:
        properties.setString(id, QString::fromUtf8(data));
        break;
    case PropertyType::BinaryData:
        properties.setBinary(id, data);
        break;
    case PropertyType::Utf8StringPair:
        properties.addUserProperty(QString::fromUtf8(data), QString::fromUtf8(value));
        break;
    case PropertyType::VariableByteInteger:
        properties.addSubscriptionIdentifier(integer);
        break;
    default:
        properties.setInteger(id, integer);
        break;
    }
    QByteArray out;
    properties.encode(out);
    QCOMPARE(out, bytes);
    QCOMPARE(properties.encodedSize(), quint32(bytes.size() - 1));

    Properties decoded;
    ReasonCode reason = ReasonCode::Success;
    const QString problem = decodeBytes(bytes, context, &decoded, &reason);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(decoded, properties);
}

void TestProperties::repeatedPropertiesKeepOrder()
{
    Properties properties;
    properties.addUserProperty(u"a"_qs, u"1"_qs);
    properties.addUserProperty(u"b"_qs, u"2"_qs);
    properties.addUserProperty(u"a"_qs, u"3"_qs);
    properties.setInteger(PropertyId::MessageExpiryInterval, 60);
    properties.addSubscriptionIdentifier(5);
    properties.addSubscriptionIdentifier(300);
    QByteArray out;
    properties.encode(out);
    Properties decoded;
    ReasonCode reason;
    QCOMPARE(decodeBytes(out, PropertyContext::Publish, &decoded, &reason), QString());
    const QList<QPair<QString, QString>> expected{
            {u"a"_qs, u"1"_qs}, {u"b"_qs, u"2"_qs}, {u"a"_qs, u"3"_qs}};
    QCOMPARE(decoded.userProperties(), expected);
    QCOMPARE(decoded.subscriptionIdentifiers(), (QList<quint32>{5, 300}));
    QCOMPARE(decoded.integer(PropertyId::MessageExpiryInterval), std::optional<quint32>(60));
    // A setter replaces a single-valued property rather than adding a second.
    properties.setInteger(PropertyId::MessageExpiryInterval, 61);
    QCOMPARE(properties.integer(PropertyId::MessageExpiryInterval), std::optional<quint32>(61));
}

void TestProperties::decodeRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<PropertyContext>("context");
    QTest::addColumn<ReasonCode>("reason");

    QTest::newRow("empty input: no length")
            << QByteArray() << PropertyContext::Publish << ReasonCode::MalformedPacket;
    QTest::newRow("length past the end") << QByteArray::fromHex("050101")
                                         << PropertyContext::Publish << ReasonCode::MalformedPacket;
    QTest::newRow("overlong length") << QByteArray::fromHex("8000") << PropertyContext::Publish
                                     << ReasonCode::MalformedPacket;
    QTest::newRow("unknown identifier 0x05")
            << QByteArray::fromHex("020500") << PropertyContext::Publish
            << ReasonCode::MalformedPacket;
    QTest::newRow("truncated four byte integer")
            << QByteArray::fromHex("03020000") << PropertyContext::Publish
            << ReasonCode::MalformedPacket;
    QTest::newRow("truncated string") << QByteArray::fromHex("0403000561")
                                      << PropertyContext::Publish << ReasonCode::MalformedPacket;
    QTest::newRow("string with null [MQTT-1.5.3-2]")
            << QByteArray::fromHex("050300026100") << PropertyContext::Publish
            << ReasonCode::MalformedPacket;
    QTest::newRow("user property with bad UTF-8")
            << QByteArray::fromHex("072600016100 01ff") << PropertyContext::Publish
            << ReasonCode::MalformedPacket;
    QTest::newRow("duplicate Payload Format Indicator")
            << QByteArray::fromHex("0401000100") << PropertyContext::Publish
            << ReasonCode::ProtocolError;
    QTest::newRow("duplicate Session Expiry Interval")
            << QByteArray::fromHex("0a110000000111000000 02") << PropertyContext::Connect
            << ReasonCode::ProtocolError;
    QTest::newRow("Topic Alias in CONNECT")
            << QByteArray::fromHex("03230001") << PropertyContext::Connect
            << ReasonCode::ProtocolError;
    QTest::newRow("Session Expiry in PUBLISH")
            << QByteArray::fromHex("051100000001") << PropertyContext::Publish
            << ReasonCode::ProtocolError;
    QTest::newRow("Will Delay in CONNECT (not Will)")
            << QByteArray::fromHex("051800000001") << PropertyContext::Connect
            << ReasonCode::ProtocolError;
    QTest::newRow("Maximum QoS in PUBLISH")
            << QByteArray::fromHex("022401") << PropertyContext::Publish
            << ReasonCode::ProtocolError;
    QTest::newRow("Reason String in PUBLISH")
            << QByteArray::fromHex("031f0000") << PropertyContext::Publish
            << ReasonCode::ProtocolError;
    QTest::newRow("Payload Format Indicator 2")
            << QByteArray::fromHex("020102") << PropertyContext::Publish
            << ReasonCode::ProtocolError;
    QTest::newRow("Receive Maximum 0") << QByteArray::fromHex("03210000")
                                       << PropertyContext::Connack << ReasonCode::ProtocolError;
    QTest::newRow("Topic Alias 0") << QByteArray::fromHex("03230000") << PropertyContext::Publish
                                   << ReasonCode::ProtocolError;
    QTest::newRow("Subscription Identifier 0")
            << QByteArray::fromHex("020b00") << PropertyContext::Subscribe
            << ReasonCode::ProtocolError;
}

void TestProperties::decodeRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(PropertyContext, context);
    QFETCH(ReasonCode, reason);
    Properties properties;
    ReasonCode got = ReasonCode::Success;
    const QString problem = decodeBytes(bytes, context, &properties, &got);
    QVERIFY(!problem.isEmpty());
    QCOMPARE(got, reason);
}

void TestProperties::allowedIn_data()
{
    QTest::addColumn<PropertyId>("id");
    QTest::addColumn<PropertyContext>("context");
    QTest::addColumn<bool>("allowed");
    using C = PropertyContext;
    QTest::newRow("User Property everywhere") << PropertyId::UserProperty << C::Unsuback << true;
    QTest::newRow("Message Expiry in Will") << PropertyId::MessageExpiryInterval << C::Will << true;
    QTest::newRow("Message Expiry in CONNECT")
            << PropertyId::MessageExpiryInterval << C::Connect << false;
    QTest::newRow("Will Delay in Will") << PropertyId::WillDelayInterval << C::Will << true;
    QTest::newRow("Assigned Client Id in CONNACK")
            << PropertyId::AssignedClientIdentifier << C::Connack << true;
    QTest::newRow("Assigned Client Id in CONNECT")
            << PropertyId::AssignedClientIdentifier << C::Connect << false;
    QTest::newRow("Subscription Identifier in SUBSCRIBE")
            << PropertyId::SubscriptionIdentifier << C::Subscribe << true;
    QTest::newRow("Subscription Identifier in SUBACK")
            << PropertyId::SubscriptionIdentifier << C::Suback << false;
    QTest::newRow("Authentication Method in AUTH")
            << PropertyId::AuthenticationMethod << C::Auth << true;
    QTest::newRow("Server Reference in DISCONNECT")
            << PropertyId::ServerReference << C::Disconnect << true;
    QTest::newRow("Reason String in PUBACK") << PropertyId::ReasonString << C::Puback << true;
    QTest::newRow("Topic Alias Maximum in PUBLISH")
            << PropertyId::TopicAliasMaximum << C::Publish << false;
}

void TestProperties::allowedIn()
{
    QFETCH(PropertyId, id);
    QFETCH(PropertyContext, context);
    QFETCH(bool, allowed);
    QCOMPARE(Properties::isAllowedIn(id, context), allowed);
}

void TestProperties::describe()
{
    Properties properties;
    properties.addSubscriptionIdentifier(3);
    properties.setInteger(PropertyId::PayloadFormatIndicator, 1);
    properties.setInteger(PropertyId::MessageExpiryInterval, 90);
    properties.setInteger(PropertyId::SessionExpiryInterval, 3600);
    properties.setInteger(PropertyId::WillDelayInterval, 10);
    properties.setInteger(PropertyId::ServerKeepAlive, 30);
    properties.setInteger(PropertyId::TopicAlias, 5);
    properties.setString(PropertyId::ContentType, QStringLiteral("text/plain"));
    properties.addUserProperty(QStringLiteral("k"), QStringLiteral("1"));
    properties.addSubscriptionIdentifier(8);
    properties.addUserProperty(QStringLiteral("größe"), QStringLiteral("日本 = x"));
    properties.setBinary(PropertyId::CorrelationData, QByteArray("\x00\xff", 2));
    // Numbers as the CLI prints them (it sets the C locale): no digit grouping.
    QLocale::setDefault(QLocale::c());
    QStringList lines;
    for (const PropertyText &line : properties.describe(BinaryNotation::Prefixed))
        lines << line.name + QStringLiteral(": ") + line.value;
    // Packet order, repeats included; every interval in seconds.
    QCOMPARE(lines, (QStringList{QStringLiteral("Subscription Identifier: 3"),
                                 QStringLiteral("Payload Format Indicator: 1 (UTF-8 text)"),
                                 QStringLiteral("Message Expiry Interval: 90 s"),
                                 QStringLiteral("Session Expiry Interval: 3600 s"),
                                 QStringLiteral("Will Delay Interval: 10 s"),
                                 QStringLiteral("Server Keep Alive: 30 s"),
                                 QStringLiteral("Topic Alias: 5"),
                                 QStringLiteral("Content Type: text/plain"),
                                 QStringLiteral("User Property: k = 1"),
                                 QStringLiteral("Subscription Identifier: 8"),
                                 QStringLiteral("User Property: größe = 日本 = x"),
                                 QStringLiteral("Correlation Data: 0x00ff")}));
    // The notation changes binary data only.
    const QList<PropertyText> labelled = properties.describe(BinaryNotation::Labelled);
    QCOMPARE(labelled.size(), lines.size());
    QCOMPARE(labelled.last().value, QStringLiteral("hex: 00ff"));
    QCOMPARE(labelled.at(1).value, QStringLiteral("1 (UTF-8 text)"));

    Properties unspecified;
    unspecified.setInteger(PropertyId::PayloadFormatIndicator, 0);
    QCOMPARE(unspecified.describe(BinaryNotation::Prefixed).first().value,
             QStringLiteral("0 (unspecified bytes)"));
    QVERIFY(Properties().describe(BinaryNotation::Labelled).isEmpty());
}

void TestProperties::binaryText_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("prefixed");
    QTest::addColumn<QString>("labelled");
    QTest::newRow("printable ASCII") << QByteArray("req-42 a") << u"req-42 a"_qs << u"req-42 a"_qs;
    QTest::newRow("empty") << QByteArray() << QString() << QString();
    QTest::newRow("UTF-8 text") << QStringLiteral("Grüße 日本").toUtf8()
                                << QStringLiteral("Grüße 日本") << QStringLiteral("Grüße 日本");
    // A surrogate pair in UTF-16 is still one printable character.
    QTest::newRow("outside the BMP")
            << QByteArray("\xf0\x9f\x98\x80") << u"\U0001F600"_qs << u"\U0001F600"_qs;
    QTest::newRow("NUL and 0xff") << QByteArray("\x00\xff\x10", 3) << u"0x00ff10"_qs
                                  << u"hex: 00ff10"_qs;
    QTest::newRow("control character") << QByteArray("a\x01") << u"0x6101"_qs << u"hex: 6101"_qs;
    // The text is shown on one line: a newline or a tab makes it binary.
    QTest::newRow("newline") << QByteArray("a\nb") << u"0x610a62"_qs << u"hex: 610a62"_qs;
    QTest::newRow("tab") << QByteArray("a\tb") << u"0x610962"_qs << u"hex: 610962"_qs;
    QTest::newRow("C1 control") << QByteArray("\xc2\x85") << u"0xc285"_qs << u"hex: c285"_qs;
    QTest::newRow("invalid UTF-8") << QByteArray("ab\xc3") << u"0x6162c3"_qs << u"hex: 6162c3"_qs;
    QTest::newRow("overlong UTF-8") << QByteArray("\xc0\xaf") << u"0xc0af"_qs << u"hex: c0af"_qs;
}

void TestProperties::binaryText()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, prefixed);
    QFETCH(QString, labelled);
    QCOMPARE(Properties::binaryText(data, BinaryNotation::Prefixed), prefixed);
    QCOMPARE(Properties::binaryText(data, BinaryNotation::Labelled), labelled);
}

QTEST_APPLESS_MAIN(TestProperties)
#include "tst_properties.moc"
