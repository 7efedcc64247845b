// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QSignalSpy>

Q_DECLARE_METATYPE(Mqtt::ErrorCode)
Q_DECLARE_METATYPE(Mqtt::PropertyId)

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// MQTT 5.0 SUBSCRIBE / UNSUBSCRIBE / DISCONNECT: options, identifiers, shared subscriptions,
// and the reason codes of the broker's answers and of our DISCONNECT.
class TestEngineV5Subscribe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void subscribeOptionsEncoded();
    void subscriptionIdentifier();
    void subscriptionIdentifierRefused_data();
    void subscriptionIdentifierRefused();
    void sharedSubscription_data();
    void sharedSubscription();
    void sharedSubscriptionUnavailable();
    void wildcardSubscriptionUnavailable_data();
    void wildcardSubscriptionUnavailable();
    void subackReasonCodes();
    void subackReservedCode();
    void subackMissingCode_data();
    void subackMissingCode();
    void unsubackReasonCodes();
    void unsubackCountMismatch();
    void resubscribeKeepsProperties();
    void oversizedSubscribeRefused();
    void unsubscribeResultsIn311();
    void unsubscribeProperties();
    void unsubscribePropertiesRefused_data();
    void unsubscribePropertiesRefused();
    void unsubscribeAgainKeepsProperties();
    void disconnectWithReasonCode_data();
    void disconnectWithReasonCode();

private:
    static void answerConnack(FakeBroker &broker, const Properties &properties);
    // A 5.0 UNSUBACK with Success for each filter (the default handler sends no codes).
    static void answerUnsubscribe(FakeBroker &broker);
    static ConnectionOptions v5Options(const FakeBroker &broker);
    // 5.0, reconnecting at once when the broker drops the connection.
    static ConnectionOptions reconnectingOptions(const FakeBroker &broker);
    static SubscribeTopic topic(const QString &filter, QoS qos = QoS::AtMostOnce)
    {
        SubscribeTopic topic;
        topic.filter = filter;
        topic.qos = qos;
        return topic;
    }
};

void TestEngineV5Subscribe::answerConnack(FakeBroker &broker, const Properties &properties)
{
    broker.setHandler(T::Connect, [&broker, properties](const FakeBroker::Packet &) {
        broker.sendBytes(encode(ConnackPacket{false, 0, properties}, ProtocolVersion::V5));
    });
}

void TestEngineV5Subscribe::answerUnsubscribe(FakeBroker &broker)
{
    broker.setHandler(T::Unsubscribe, [&broker](const FakeBroker::Packet &packet) {
        const QList<quint8> codes(packet.unsubscribe.filters.size(), quint8(ReasonCode::Success));
        broker.sendBytes(encode(UnsubackPacket{packet.packetId, codes, {}}, broker.version()));
    });
}

ConnectionOptions TestEngineV5Subscribe::v5Options(const FakeBroker &broker)
{
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    return options;
}

ConnectionOptions TestEngineV5Subscribe::reconnectingOptions(const FakeBroker &broker)
{
    ConnectionOptions options = v5Options(broker);
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 10;
    return options;
}

void TestEngineV5Subscribe::subscribeOptionsEncoded()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    SubscribeTopic options = topic(u"opt/#"_qs, QoS::AtLeastOnce);
    options.noLocal = true;
    options.retainAsPublished = true;
    options.retainHandling = RetainHandling::DoNotSend;
    SubscribeTopic plain = topic(u"plain"_qs, QoS::ExactlyOnce);
    plain.retainHandling = RetainHandling::SendAtNewSubscribe;
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    QVERIFY(client.subscribe(QList<SubscribeTopic>{options, plain}) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.size(), 1, Timeout);
    const FakeBroker::Packet sent = broker.packets(T::Subscribe).first();
    QCOMPARE(sent.subscribe.topics, (QList<SubscribeTopic>{options, plain}));
    // The option bytes themselves: QoS | No Local 0x04 | RAP 0x08 | Retain Handling << 4.
    const QByteArray frame = sent.frame;
    QVERIFY(frame.contains(QByteArray("opt/#") + char(0x01 | 0x04 | 0x08 | 0x20)));
    QCOMPARE(frame.back(), char(0x02 | 0x10));
}

void TestEngineV5Subscribe::subscriptionIdentifier()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    Properties properties;
    properties.addSubscriptionIdentifier(42);
    properties.addUserProperty(u"k"_qs, u"v"_qs);
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    QVERIFY(client.subscribe(QList<SubscribeTopic>{topic(u"ids/+"_qs)}, properties) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.size(), 1, Timeout);
    QCOMPARE(broker.decodeErrors(), QStringList());
    const SubscribePacket sent = broker.packets(T::Subscribe).first().subscribe;
    QCOMPARE(sent.properties.subscriptionIdentifiers(), QList<quint32>{42});
    QCOMPARE(sent.properties, properties);
}

void TestEngineV5Subscribe::subscriptionIdentifierRefused_data()
{
    QTest::addColumn<QList<quint32>>("identifiers");
    QTest::addColumn<bool>("brokerSupports");
    QTest::newRow("identifier 0") << QList<quint32>{0} << true;
    QTest::newRow("identifier above 268435455") << QList<quint32>{268435456} << true;
    QTest::newRow("two identifiers") << QList<quint32>{1, 2} << true;
    QTest::newRow("broker without subscription identifiers") << QList<quint32>{1} << false;
}

void TestEngineV5Subscribe::subscriptionIdentifierRefused()
{
    QFETCH(QList<quint32>, identifiers);
    QFETCH(bool, brokerSupports);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties connack;
    if (!brokerSupports)
        connack.setInteger(PropertyId::SubscriptionIdentifierAvailable, 0);
    answerConnack(broker, connack);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    Properties properties;
    for (quint32 id : identifiers)
        properties.addSubscriptionIdentifier(id);
    Error error;
    QCOMPARE(client.subscribe(QList<SubscribeTopic>{topic(u"t"_qs)}, properties, &error),
             quint64(0));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    // Without it, the same subscription goes out.
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    QVERIFY(client.subscribe(QList<SubscribeTopic>{topic(u"t"_qs)}, &error) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.size(), 1, Timeout);
    QCOMPARE(broker.count(T::Subscribe), 1);
}

void TestEngineV5Subscribe::sharedSubscription_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("noLocal");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("group and filter") << u"$share/group/a/b"_qs << false << true;
    QTest::newRow("group and wildcard filter") << u"$share/g1/sensors/+/temp"_qs << false << true;
    QTest::newRow("group and '#'") << u"$share/g/#"_qs << false << true;
    // [MQTT-4.8.2-1]
    QTest::newRow("empty share name") << u"$share//a"_qs << false << false;
    // [MQTT-4.8.2-2]
    QTest::newRow("'+' in the share name") << u"$share/gr+up/a"_qs << false << false;
    QTest::newRow("'#' in the share name") << u"$share/g#/a"_qs << false << false;
    QTest::newRow("no filter") << u"$share/group"_qs << false << false;
    QTest::newRow("empty filter") << u"$share/group/"_qs << false << false;
    QTest::newRow("invalid filter") << u"$share/group/a#"_qs << false << false;
    // [MQTT-3.8.3-4]
    QTest::newRow("no local on a shared subscription") << u"$share/group/a"_qs << true << false;
}

void TestEngineV5Subscribe::sharedSubscription()
{
    QFETCH(QString, filter);
    QFETCH(bool, noLocal);
    QFETCH(bool, accepted);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    SubscribeTopic shared = topic(filter);
    shared.noLocal = noLocal;
    Error error;
    const quint64 token = client.subscribe(QList<SubscribeTopic>{shared}, &error);
    QCOMPARE(token != 0, accepted);
    QCOMPARE(error.isError(), !accepted);
    if (!accepted)
        return;
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Subscribe), 1, Timeout);
    QCOMPARE(broker.packets(T::Subscribe).first().subscribe.topics.first().filter, filter);
}

void TestEngineV5Subscribe::sharedSubscriptionUnavailable()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties connack;
    connack.setInteger(PropertyId::SharedSubscriptionAvailable, 0);
    answerConnack(broker, connack);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    Error error;
    QCOMPARE(client.subscribe(u"$share/g/t"_qs, QoS::AtMostOnce, &error), quint64(0));
    QCOMPARE(error.reasonCode, quint8(ReasonCode::SharedSubscriptionsNotSupported));
}

void TestEngineV5Subscribe::wildcardSubscriptionUnavailable_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("refused");
    QTest::newRow("single-level wildcard") << u"a/+/c"_qs << true;
    QTest::newRow("multi-level wildcard") << u"a/#"_qs << true;
    QTest::newRow("shared, wildcard filter") << u"$share/g/a/#"_qs << true;
    QTest::newRow("plain filter") << u"a/b/c"_qs << false;
}

void TestEngineV5Subscribe::wildcardSubscriptionUnavailable()
{
    QFETCH(QString, filter);
    QFETCH(bool, refused);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties connack;
    connack.setInteger(PropertyId::WildcardSubscriptionAvailable, 0);
    answerConnack(broker, connack);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    Error error;
    // In a list with an acceptable filter: the whole SUBSCRIBE is refused, nothing is sent.
    const quint64 token =
            client.subscribe(QList<SubscribeTopic>{topic(u"plain"_qs), topic(filter)}, &error);
    if (!refused) {
        QVERIFY(token != 0);
        QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Subscribe), 1, Timeout);
        return;
    }
    QCOMPARE(token, quint64(0));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::WildcardSubscriptionsNotSupported));
    QVERIFY2(error.text.contains(filter), qPrintable(error.text));
    // The wire stayed quiet: the next SUBSCRIBE is the first one the broker sees.
    QVERIFY(client.subscribe(u"after"_qs, QoS::AtMostOnce) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Subscribe), 1, Timeout);
    QCOMPARE(broker.packets(T::Subscribe).first().subscribe.topics.first().filter, u"after"_qs);
    QCOMPARE(client.state(), Client::State::Connected);
}

void TestEngineV5Subscribe::subackReasonCodes()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Subscribe, [&broker](const FakeBroker::Packet &packet) {
        SubackPacket suback;
        suback.packetId = packet.packetId;
        suback.reasonCodes = {quint8(ReasonCode::GrantedQoS1), quint8(ReasonCode::NotAuthorized),
                              quint8(ReasonCode::WildcardSubscriptionsNotSupported)};
        suback.properties.setString(PropertyId::ReasonString, u"policy 12"_qs);
        broker.sendBytes(encode(suback, ProtocolVersion::V5));
    });
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    const quint64 token = client.subscribe(QList<SubscribeTopic>{
            topic(u"ok"_qs, QoS::ExactlyOnce), topic(u"secret"_qs), topic(u"all/#"_qs)});
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.size(), 1, Timeout);
    QCOMPARE(acknowledged.at(0).at(0).toULongLong(), token);
    const auto results = acknowledged.at(0).at(1).value<QList<SubscribeResult>>();
    QCOMPARE(results.size(), 3);
    QCOMPARE(results.at(0).reasonCode, ReasonCode::GrantedQoS1); // granted lower than asked
    QVERIFY(!results.at(0).isRefused());
    QCOMPARE(results.at(0).reasonText(), u"Granted QoS 1"_qs);
    QCOMPARE(results.at(1).filter, u"secret"_qs);
    QVERIFY(results.at(1).isRefused());
    QCOMPARE(results.at(1).reasonCode, ReasonCode::NotAuthorized);
    QCOMPARE(results.at(1).reasonText(), reasonCodeText(ReasonCode::NotAuthorized));
    QCOMPARE(results.at(1).reasonString, u"policy 12"_qs);
    QVERIFY(results.at(2).isRefused());
    QCOMPARE(client.activeSubscriptions().size(), 1);
    QCOMPARE(client.activeSubscriptions().first().filter, u"ok"_qs);
}

void TestEngineV5Subscribe::subackReservedCode()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Subscribe, [&broker](const FakeBroker::Packet &packet) {
        SubackPacket suback;
        suback.packetId = packet.packetId;
        suback.reasonCodes = {0x03}; // not a SUBACK reason code
        broker.sendBytes(encode(suback, ProtocolVersion::V5));
    });
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    QVERIFY(client.subscribe(u"t"_qs, QoS::AtMostOnce) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::MalformedPacket);
    QCOMPARE(acknowledged.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Disconnect), 1, Timeout);
    QCOMPARE(broker.packets(T::Disconnect).first().frame, QByteArray::fromHex("e00181"));
}

void TestEngineV5Subscribe::subackMissingCode_data()
{
    QTest::addColumn<QList<quint8>>("codes");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<quint8>("reason");
    // [MQTT-3.9.3-1]: one reason code per filter of the SUBSCRIBE.
    QTest::newRow("one code for two filters")
            << QList<quint8>{1} << ErrorCode::ProtocolError << quint8(ReasonCode::ProtocolError);
    QTest::newRow("no code at all")
            << QList<quint8>{} << ErrorCode::MalformedPacket << quint8(ReasonCode::MalformedPacket);
}

void TestEngineV5Subscribe::subackMissingCode()
{
    QFETCH(QList<quint8>, codes);
    QFETCH(ErrorCode, code);
    QFETCH(quint8, reason);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Subscribe, [&broker, codes](const FakeBroker::Packet &packet) {
        broker.sendBytes(encode(SubackPacket{packet.packetId, codes, {}}, ProtocolVersion::V5));
    });
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    QVERIFY(client.subscribe(QList<SubscribeTopic>{topic(u"a"_qs), topic(u"b"_qs)}) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, code);
    QCOMPARE(acknowledged.size(), 0);
    // 5.0 says why before closing [MQTT-4.13.1-1].
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Disconnect), 1, Timeout);
    QCOMPARE(broker.packets(T::Disconnect).first().disconnect.reasonCode, ReasonCode(reason));
    QVERIFY(waitForState(client, Client::State::Disconnected));
}

void TestEngineV5Subscribe::unsubackReasonCodes()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Unsubscribe, [&broker](const FakeBroker::Packet &packet) {
        UnsubackPacket unsuback;
        unsuback.packetId = packet.packetId;
        unsuback.reasonCodes = {quint8(ReasonCode::Success),
                                quint8(ReasonCode::NoSubscriptionExisted),
                                quint8(ReasonCode::NotAuthorized)};
        unsuback.properties.setString(PropertyId::ReasonString, u"partly"_qs);
        broker.sendBytes(encode(unsuback, ProtocolVersion::V5));
    });
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy subscribed(&client, &Client::subscriptionAcknowledged);
    QVERIFY(client.subscribe({topic(u"a"_qs), topic(u"c"_qs)}) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(subscribed.size(), 1, Timeout);
    QSignalSpy acknowledged(&client, &Client::unsubscriptionAcknowledged);
    QSignalSpy results(&client, &Client::unsubscriptionResultsReceived);
    const QStringList filters{u"a"_qs, u"b"_qs, u"c"_qs};
    const quint64 token = client.unsubscribe(filters);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, Timeout);
    QCOMPARE(acknowledged.size(), 1);
    QCOMPARE(results.at(0).at(0).toULongLong(), token);
    const auto list = results.at(0).at(1).value<QList<UnsubscribeResult>>();
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0).filter, u"a"_qs);
    QVERIFY(!list.at(0).isRefused());
    QCOMPARE(list.at(1).reasonCode, ReasonCode::NoSubscriptionExisted);
    QVERIFY(!list.at(1).isRefused());
    QCOMPARE(list.at(1).reasonText(), u"No subscription existed"_qs);
    QCOMPARE(list.at(2).reasonCode, ReasonCode::NotAuthorized);
    QVERIFY(list.at(2).isRefused());
    QCOMPARE(list.at(2).reasonString, u"partly"_qs);
    // The refused unsubscribe leaves "c" subscribed.
    QCOMPARE(client.activeSubscriptions().size(), 1);
    QCOMPARE(client.activeSubscriptions().first().filter, u"c"_qs);
}

void TestEngineV5Subscribe::unsubackCountMismatch()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Unsubscribe, [&broker](const FakeBroker::Packet &packet) {
        broker.sendBytes(encode(UnsubackPacket{packet.packetId, {0x00}, {}}, ProtocolVersion::V5));
    });
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy acknowledged(&client, &Client::unsubscriptionAcknowledged);
    QVERIFY(client.unsubscribe({u"a"_qs, u"b"_qs}) != 0);
    // [MQTT-3.11.3-1]: one reason code per filter.
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::ProtocolError);
    QCOMPARE(acknowledged.size(), 0);
}

void TestEngineV5Subscribe::resubscribeKeepsProperties()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, reconnectingOptions(broker)));
    Properties identified;
    identified.addSubscriptionIdentifier(9);
    QSignalSpy subscribed(&client, &Client::subscriptionAcknowledged);
    QVERIFY(client.subscribe({topic(u"with/id"_qs), topic(u"also/id"_qs)}, identified) != 0);
    QVERIFY(client.subscribe(u"plain"_qs, QoS::AtLeastOnce) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(subscribed.size(), 2, Timeout);
    broker.dropConnection(); // the broker comes back without a session
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Subscribe), 4, Timeout);
    QCOMPARE(broker.decodeErrors(), QStringList());
    QHash<QString, QList<quint32>> identifiers; // filter -> identifiers it was sent with
    for (const FakeBroker::Packet &packet : broker.packets(T::Subscribe)) {
        if (packet.connection != 2)
            continue;
        for (const SubscribeTopic &sent : packet.subscribe.topics)
            identifiers.insert(sent.filter, packet.subscribe.properties.subscriptionIdentifiers());
    }
    QCOMPARE(identifiers.size(), 3);
    QCOMPARE(identifiers.value(u"with/id"_qs), QList<quint32>{9});
    QCOMPARE(identifiers.value(u"also/id"_qs), QList<quint32>{9});
    QCOMPARE(identifiers.value(u"plain"_qs), QList<quint32>());
}

void TestEngineV5Subscribe::oversizedSubscribeRefused()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties connack;
    connack.setInteger(PropertyId::MaximumPacketSize, 40);
    answerConnack(broker, connack);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    const QString longFilter = u"a/"_qs + QString(40, u'x');
    Error error;
    // [MQTT-3.1.2-24]: refused before sending, whatever the packet type.
    QCOMPARE(client.subscribe(longFilter, QoS::AtMostOnce, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::PacketTooLarge);
    QCOMPARE(client.unsubscribe({longFilter}, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::PacketTooLarge);
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    QVERIFY(client.subscribe(u"short"_qs, QoS::AtMostOnce, &error) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.size(), 1, Timeout);
    QCOMPARE(broker.count(T::Subscribe), 1);
    QCOMPARE(broker.count(T::Unsubscribe), 0);
    QVERIFY(broker.packets(T::Subscribe).first().frame.size() <= 40);
}

void TestEngineV5Subscribe::unsubscribeResultsIn311()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, optionsFor(broker))); // 3.1.1: UNSUBACK has no codes
    QSignalSpy results(&client, &Client::unsubscriptionResultsReceived);
    QVERIFY(client.unsubscribe({u"a"_qs, u"b"_qs}) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, Timeout);
    const auto list = results.at(0).at(1).value<QList<UnsubscribeResult>>();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1).filter, u"b"_qs);
    QCOMPARE(list.at(1).reasonCode, ReasonCode::Success);
}

void TestEngineV5Subscribe::unsubscribeProperties()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    answerUnsubscribe(broker);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    Properties properties;
    properties.addUserProperty(u"k"_qs, u"v"_qs);
    properties.addUserProperty(u"k"_qs, u"w"_qs); // user properties repeat, in order
    QSignalSpy acknowledged(&client, &Client::unsubscriptionAcknowledged);
    Error error;
    QVERIFY(client.unsubscribe({u"a/b"_qs}, properties, &error) != 0);
    QVERIFY2(!error, qPrintable(error.text));
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.size(), 1, Timeout);
    QCOMPARE(broker.decodeErrors(), QStringList());
    const FakeBroker::Packet sent = broker.packets(T::Unsubscribe).first();
    QCOMPARE(sent.unsubscribe.properties, properties);
    // 3.10: fixed header 0xA2, packet id, the property list (length, then 0x26 name value
    // for each user property), then the filter.
    QByteArray expected("\xA2\x16", 2);
    expected += char(sent.packetId >> 8);
    expected += char(sent.packetId & 0xff);
    expected += QByteArray("\x0E"
                           "\x26\x00\x01k\x00\x01v"
                           "\x26\x00\x01k\x00\x01w"
                           "\x00\x03"
                           "a/b",
                           20);
    QCOMPARE(sent.frame.toHex(' '), expected.toHex(' '));
}

void TestEngineV5Subscribe::unsubscribePropertiesRefused_data()
{
    QTest::addColumn<bool>("v5");
    QTest::addColumn<PropertyId>("id"); // UserProperty: a user property
    QTest::newRow("Subscription Identifier") << true << PropertyId::SubscriptionIdentifier;
    QTest::newRow("Reason String") << true << PropertyId::ReasonString;
    QTest::newRow("Content Type") << true << PropertyId::ContentType;
    QTest::newRow("user property at 3.1.1") << false << PropertyId::UserProperty;
}

void TestEngineV5Subscribe::unsubscribePropertiesRefused()
{
    QFETCH(bool, v5);
    QFETCH(PropertyId, id);
    FakeBroker broker;
    QVERIFY(broker.listen());
    answerUnsubscribe(broker);
    Client client;
    QVERIFY(connectTo(client, v5 ? v5Options(broker) : optionsFor(broker)));
    Properties properties;
    properties.addUserProperty(u"k"_qs, u"v"_qs);
    if (id == PropertyId::SubscriptionIdentifier)
        properties.addSubscriptionIdentifier(1);
    else if (id == PropertyId::ReasonString || id == PropertyId::ContentType)
        properties.setString(id, u"x"_qs);
    Error error;
    QCOMPARE(client.unsubscribe({u"a"_qs}, properties, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QVERIFY2(error.text.contains(v5 ? Properties::name(id) : u"MQTT 5.0"_qs),
             qPrintable(error.text));
    // Without them the same UNSUBSCRIBE goes out, and it is the only one.
    QSignalSpy acknowledged(&client, &Client::unsubscriptionAcknowledged);
    QVERIFY(client.unsubscribe({u"a"_qs}, Properties(), &error) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.size(), 1, Timeout);
    QCOMPARE(broker.count(T::Unsubscribe), 1);
    QVERIFY(broker.packets(T::Unsubscribe).first().unsubscribe.properties.isEmpty());
}

void TestEngineV5Subscribe::unsubscribeAgainKeepsProperties()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Unsubscribe); // no UNSUBACK: it is still pending when the line drops
    Client client;
    QVERIFY(connectTo(client, reconnectingOptions(broker)));
    Properties properties;
    properties.addUserProperty(u"why"_qs, u"cleanup"_qs);
    QVERIFY(client.unsubscribe({u"old/#"_qs}, properties) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Unsubscribe), 1, Timeout);
    answerUnsubscribe(broker);
    QSignalSpy acknowledged(&client, &Client::unsubscriptionAcknowledged);
    broker.dropConnection();
    // UNSUBSCRIBE is not part of a session: asked again, with its properties.
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.size(), 1, Timeout);
    const QList<FakeBroker::Packet> sent = broker.packets(T::Unsubscribe);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.at(1).connection, 2);
    QCOMPARE(sent.at(1).unsubscribe.filters, QStringList{u"old/#"_qs});
    QCOMPARE(sent.at(1).unsubscribe.properties, properties);
}

void TestEngineV5Subscribe::disconnectWithReasonCode_data()
{
    QTest::addColumn<quint32>("connectExpiry"); // 0: none in CONNECT
    QTest::addColumn<quint32>("disconnectExpiry");
    QTest::addColumn<quint32>("expirySent"); // 0: none in DISCONNECT
    QTest::newRow("will, no expiry") << 0u << 0u << 0u;
    // [MQTT-3.14.2-2]: a session that ends on close cannot be given an expiry now.
    QTest::newRow("expiry dropped: none in CONNECT") << 0u << 60u << 0u;
    QTest::newRow("expiry changed: set in CONNECT") << 30u << 60u << 60u;
}

void TestEngineV5Subscribe::disconnectWithReasonCode()
{
    QFETCH(quint32, connectExpiry);
    QFETCH(quint32, disconnectExpiry);
    QFETCH(quint32, expirySent);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = v5Options(broker);
    if (connectExpiry > 0)
        options.connectProperties.setInteger(PropertyId::SessionExpiryInterval, connectExpiry);
    QVERIFY(connectTo(client, options));
    Properties properties;
    properties.setString(PropertyId::ReasonString, u"going away"_qs);
    if (disconnectExpiry > 0)
        properties.setInteger(PropertyId::SessionExpiryInterval, disconnectExpiry);
    QSignalSpy disconnected(&client, &Client::disconnected);
    client.disconnectFromHost(ReasonCode::DisconnectWithWillMessage, properties);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Disconnect), 1, Timeout);
    QCOMPARE(broker.decodeErrors(), QStringList());
    const QByteArray frame = broker.packets(T::Disconnect).first().frame;
    const auto decoded =
            decodeDisconnect(quint8(frame.at(0)) & 0x0F, frame.mid(2), ProtocolVersion::V5);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QCOMPARE(decoded.packet.reasonCode, ReasonCode::DisconnectWithWillMessage);
    QCOMPARE(decoded.packet.properties.string(PropertyId::ReasonString), u"going away"_qs);
    QCOMPARE(decoded.packet.properties.integer(PropertyId::SessionExpiryInterval).value_or(0),
             expirySent);
    QCOMPARE(client.state(), Client::State::Disconnected);
}

QTEST_GUILESS_MAIN(TestEngineV5Subscribe)
#include "tst_engine_v5_subscribe.moc"
