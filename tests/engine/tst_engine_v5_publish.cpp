// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// MQTT 5.0 PUBLISH: properties both ways, flow control by Receive Maximum both ways, and
// topic aliases the client sets for the broker.
class TestEngineV5Publish : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void propertiesSent();
    void propertiesReceived();
    void receiveMaximum_data();
    void receiveMaximum();
    void incomingReceiveMaximum_data();
    void incomingReceiveMaximum();
    void automaticTopicAliases();
    void noAliasWithoutBrokerMaximum();
    void noAliasWhenDisabled();
    void applicationAliasOutOfRange_data();
    void applicationAliasOutOfRange();
    void applicationAliasReplacesAutomatic();
    void aliasesResetOnReconnect();
    void incomingAliasZero();
    void refusalCarriesReasonString_data();
    void refusalCarriesReasonString();
    void acknowledgedWithReason_data();
    void acknowledgedWithReason();
    void pubcompFailureSurfaced();
    void pubrelFailureSurfaced();
    void expiryReducedByWait();

private:
    static void answerConnack(FakeBroker &broker, const Properties &properties);
    static ConnectionOptions v5Options(const FakeBroker &broker);
    static std::optional<quint32> aliasOf(const FakeBroker::Packet &packet)
    {
        return packet.publish.properties.integer(PropertyId::TopicAlias);
    }
};

void TestEngineV5Publish::answerConnack(FakeBroker &broker, const Properties &properties)
{
    broker.setHandler(T::Connect, [&broker, properties](const FakeBroker::Packet &) {
        broker.sendBytes(encode(ConnackPacket{false, 0, properties}, ProtocolVersion::V5));
    });
}

ConnectionOptions TestEngineV5Publish::v5Options(const FakeBroker &broker)
{
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    return options;
}

void TestEngineV5Publish::propertiesSent()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    Message request = message(u"service/request"_qs, "{\"n\":1}", QoS::AtLeastOnce);
    request.properties.setInteger(PropertyId::PayloadFormatIndicator, 1);
    request.properties.setInteger(PropertyId::MessageExpiryInterval, 120);
    request.properties.setString(PropertyId::ContentType, u"application/json"_qs);
    request.properties.setString(PropertyId::ResponseTopic, u"service/reply/7"_qs);
    request.properties.setBinary(PropertyId::CorrelationData, QByteArray("\x00\x01\xfe", 3));
    request.properties.addUserProperty(u"a"_qs, u"1"_qs);
    request.properties.addUserProperty(u"a"_qs, u"2"_qs); // repeated names keep their order
    QSignalSpy published(&client, &Client::messagePublished);
    QVERIFY(client.publish(request) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 1, Timeout);
    QCOMPARE(broker.decodeErrors(), QStringList());
    const PublishPacket sent = broker.packets(T::Publish).first().publish;
    QCOMPARE(sent.topic, request.topic);
    QCOMPARE(sent.properties, request.properties);
}

void TestEngineV5Publish::propertiesReceived()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy received(&client, &Client::messageReceived);
    Properties properties;
    properties.setInteger(PropertyId::PayloadFormatIndicator, 1);
    properties.setInteger(PropertyId::MessageExpiryInterval, 30);
    properties.setString(PropertyId::ContentType, u"text/plain"_qs);
    properties.setString(PropertyId::ResponseTopic, u"back/here"_qs);
    properties.setBinary(PropertyId::CorrelationData, "id-9");
    properties.addUserProperty(u"origin"_qs, u"sensor"_qs);
    properties.addSubscriptionIdentifier(2); // the message matched two subscriptions
    properties.addSubscriptionIdentifier(7);
    QByteArray out;
    encodePublish(out, ProtocolVersion::V5, "in/topic", "hello", QoS::AtLeastOnce, false, false, 5,
                  &properties);
    broker.sendBytes(out);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, Timeout);
    const Message message = received.at(0).at(0).value<Message>();
    QCOMPARE(message.topic, u"in/topic"_qs);
    QCOMPARE(message.properties, properties);
    QCOMPARE(message.properties.subscriptionIdentifiers(), (QList<quint32>{2, 7}));
    QCOMPARE(message.properties.string(PropertyId::ResponseTopic), u"back/here"_qs);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Puback), 1, Timeout);
}

void TestEngineV5Publish::receiveMaximum_data()
{
    QTest::addColumn<int>("maximum");
    QTest::addColumn<QoS>("qos");
    QTest::newRow("receive maximum 1, QoS 1") << 1 << QoS::AtLeastOnce;
    QTest::newRow("receive maximum 3, QoS 1") << 3 << QoS::AtLeastOnce;
    QTest::newRow("receive maximum 1, QoS 2") << 1 << QoS::ExactlyOnce;
    QTest::newRow("receive maximum 3, QoS 2") << 3 << QoS::ExactlyOnce;
}

void TestEngineV5Publish::receiveMaximum()
{
    QFETCH(int, maximum);
    QFETCH(QoS, qos);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::ReceiveMaximum, quint32(maximum));
    answerConnack(broker, properties);
    broker.ignore(T::Publish);
    broker.ignore(T::Pubrel);
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.maximumInflight = 20; // ours is larger: the broker's governs [MQTT-4.9.0-2]
    QVERIFY(connectTo(client, options));
    const int total = maximum + 3;
    for (int i = 0; i < total; ++i)
        QVERIFY(client.publish(message(u"flow"_qs, QByteArray::number(i), qos)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Publish), maximum, Timeout);
    QCOMPARE(client.inflightCount(), maximum);
    QCOMPARE(client.queuedCount(), total - maximum);
    QSignalSpy published(&client, &Client::messagePublished);
    for (int acked = 0; acked < total; ++acked) {
        const quint16 id = broker.packets(T::Publish).at(acked).packetId;
        if (qos == QoS::AtLeastOnce) {
            broker.sendAck(T::Puback, id);
        } else {
            broker.sendAck(T::Pubrec, id);
            QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Pubrel), acked + 1, Timeout);
            // Still in flight until PUBCOMP: the window stays full. PUBREL and any wrongly
            // released PUBLISH leave in the same write.
            QCOMPARE(broker.count(T::Publish), std::min(total, acked + maximum));
            broker.sendAck(T::Pubcomp, id);
        }
        QTRY_COMPARE_WITH_TIMEOUT(published.size(), acked + 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Publish), std::min(total, acked + 1 + maximum),
                                  Timeout);
        QVERIFY(client.inflightCount() <= maximum);
    }
    QCOMPARE(client.inflightCount(), 0);
    QCOMPARE(broker.count(T::Publish), total);
}

void TestEngineV5Publish::incomingReceiveMaximum_data()
{
    QTest::addColumn<int>("sent");
    QTest::addColumn<bool>("refused");
    QTest::newRow("at our receive maximum of 2") << 2 << false;
    QTest::newRow("one above our receive maximum of 2") << 3 << true;
}

void TestEngineV5Publish::incomingReceiveMaximum()
{
    QFETCH(int, sent);
    QFETCH(bool, refused);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Pubrec); // the broker never releases: the QoS 2 messages stay unacknowledged
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.connectProperties.setInteger(PropertyId::ReceiveMaximum, 2);
    QVERIFY(connectTo(client, options));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy received(&client, &Client::messageReceived);
    for (int i = 1; i <= sent; ++i)
        broker.sendPublish(u"q2"_qs, QByteArray::number(i), QoS::ExactlyOnce, quint16(i));
    if (refused) {
        // [MQTT-3.3.4-9]
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
        const Error error = errors.at(0).at(0).value<Error>();
        QCOMPARE(error.code, ErrorCode::ProtocolError);
        QCOMPARE(error.reasonCode, quint8(ReasonCode::ReceiveMaximumExceeded));
        QCOMPARE(received.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Disconnect), 1, Timeout);
        QCOMPARE(broker.packets(T::Disconnect).first().frame, QByteArray::fromHex("e00193"));
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Pubrec), 2, Timeout);
        QCOMPARE(received.size(), 2);
        // Released, a slot frees up: a third message is welcome.
        broker.sendAck(T::Pubrel, 1);
        QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Pubcomp), 1, Timeout);
        broker.sendPublish(u"q2"_qs, "3", QoS::ExactlyOnce, 3);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, Timeout);
        QCOMPARE(errors.size(), 0);
        QCOMPARE(client.state(), Client::State::Connected);
    }
}

void TestEngineV5Publish::automaticTopicAliases()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::TopicAliasMaximum, 2);
    answerConnack(broker, properties);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QCOMPARE(client.topicAliasPolicy(), TopicAliasPolicy::Automatic);
    const QStringList topics{u"a/long/topic"_qs,
                             u"a/long/topic"_qs,
                             u"b"_qs,
                             u"c"_qs,
                             u"a/long/topic"_qs,
                             u"c"_qs,
                             u"b"_qs};
    QSignalSpy published(&client, &Client::messagePublished);
    for (const QString &topic : topics)
        QVERIFY(client.publish(message(topic, "x", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), topics.size(), Timeout);
    QCOMPARE(broker.decodeErrors(), QStringList());
    const auto sent = broker.packets(T::Publish);
    // (topic on the wire, alias): the first use sets an alias, later ones send it alone;
    // with both aliases taken, "c" goes out in full [MQTT-3.3.2-8].
    const QList<QPair<QString, int>> expected{
            {u"a/long/topic"_qs, 1}, {QString(), 1}, {u"b"_qs, 2},  {u"c"_qs, -1},
            {QString(), 1},          {u"c"_qs, -1},  {QString(), 2}};
    QCOMPARE(sent.size(), expected.size());
    for (int i = 0; i < sent.size(); ++i) {
        QCOMPARE(sent.at(i).publish.topic, expected.at(i).first);
        QCOMPARE(int(aliasOf(sent.at(i)).value_or(quint32(-1))), expected.at(i).second);
    }
}

void TestEngineV5Publish::noAliasWithoutBrokerMaximum()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, v5Options(broker))); // CONNACK without Topic Alias Maximum
    QSignalSpy published(&client, &Client::messagePublished);
    for (int i = 0; i < 3; ++i)
        QVERIFY(client.publish(message(u"same"_qs, "x", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 3, Timeout);
    for (const FakeBroker::Packet &packet : broker.packets(T::Publish)) { // [MQTT-3.3.2-7]
        QCOMPARE(packet.publish.topic, u"same"_qs);
        QVERIFY(!aliasOf(packet));
    }
}

void TestEngineV5Publish::noAliasWhenDisabled()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::TopicAliasMaximum, 5);
    answerConnack(broker, properties);
    Client client;
    client.setTopicAliasPolicy(TopicAliasPolicy::Disabled);
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy published(&client, &Client::messagePublished);
    for (int i = 0; i < 3; ++i)
        QVERIFY(client.publish(message(u"same"_qs, "x", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 3, Timeout);
    for (const FakeBroker::Packet &packet : broker.packets(T::Publish)) {
        QCOMPARE(packet.publish.topic, u"same"_qs);
        QVERIFY(!aliasOf(packet));
    }
}

void TestEngineV5Publish::applicationAliasOutOfRange_data()
{
    QTest::addColumn<int>("brokerMaximum"); // -1: not announced
    QTest::addColumn<int>("alias");
    QTest::newRow("alias 0") << 5 << 0;
    QTest::newRow("alias above the maximum") << 5 << 6;
    QTest::newRow("no maximum announced") << -1 << 1;
}

void TestEngineV5Publish::applicationAliasOutOfRange()
{
    QFETCH(int, brokerMaximum);
    QFETCH(int, alias);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    if (brokerMaximum >= 0)
        properties.setInteger(PropertyId::TopicAliasMaximum, quint32(brokerMaximum));
    answerConnack(broker, properties);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    Message aliased = message(u"t"_qs, "x", QoS::AtMostOnce);
    aliased.properties.setInteger(PropertyId::TopicAlias, quint32(alias));
    Error error;
    QCOMPARE(client.publish(aliased, &error), quint64(0)); // [MQTT-3.3.2-8]
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::TopicAliasInvalid));
}

void TestEngineV5Publish::applicationAliasReplacesAutomatic()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::TopicAliasMaximum, 3);
    answerConnack(broker, properties);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy published(&client, &Client::messagePublished);
    QVERIFY(client.publish(message(u"auto"_qs, "1", QoS::AtLeastOnce)) != 0); // alias 1
    Message own = message(u"mine"_qs, "2", QoS::AtLeastOnce);
    own.properties.setInteger(PropertyId::TopicAlias, 1); // the broker remaps 1 to "mine"
    QVERIFY(client.publish(own) != 0);
    QVERIFY(client.publish(message(u"mine"_qs, "3", QoS::AtLeastOnce)) != 0);
    QVERIFY(client.publish(message(u"auto"_qs, "4", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 4, Timeout);
    const auto sent = broker.packets(T::Publish);
    QCOMPARE(sent.at(0).publish.topic, u"auto"_qs);
    QCOMPARE(aliasOf(sent.at(0)), 1u);
    QCOMPARE(sent.at(1).publish.topic, u"mine"_qs);
    QCOMPARE(aliasOf(sent.at(1)), 1u);
    QCOMPARE(sent.at(2).publish.topic, QString()); // alias 1 now names "mine"
    QCOMPARE(aliasOf(sent.at(2)), 1u);
    QCOMPARE(sent.at(3).publish.topic, u"auto"_qs); // "auto" lost alias 1: a new one
    QCOMPARE(aliasOf(sent.at(3)), 2u);
}

void TestEngineV5Publish::aliasesResetOnReconnect()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::TopicAliasMaximum, 4);
    answerConnack(broker, properties);
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 10;
    QVERIFY(connectTo(client, options));
    QSignalSpy published(&client, &Client::messagePublished);
    QVERIFY(client.publish(message(u"keep"_qs, "1", QoS::AtLeastOnce)) != 0);
    QVERIFY(client.publish(message(u"keep"_qs, "2", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 2, Timeout);
    QCOMPARE(broker.packets(T::Publish).at(1).publish.topic, QString());
    broker.dropConnection();
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Connect), 2, Timeout);
    QVERIFY(waitForState(client, Client::State::Connected));
    // An alias lives as long as its connection: the new one starts with the full topic.
    QVERIFY(client.publish(message(u"keep"_qs, "3", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 3, Timeout);
    const FakeBroker::Packet third = broker.packets(T::Publish).at(2);
    QCOMPARE(third.connection, 2);
    QCOMPARE(third.publish.topic, u"keep"_qs);
    QCOMPARE(aliasOf(third), 1u);
}

void TestEngineV5Publish::incomingAliasZero()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.connectProperties.setInteger(PropertyId::TopicAliasMaximum, 5);
    QVERIFY(connectTo(client, options));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy received(&client, &Client::messageReceived);
    Properties properties;
    properties.setInteger(PropertyId::TopicAlias, 0); // [MQTT-3.3.2-8]: not permitted
    QByteArray out;
    encodePublish(out, ProtocolVersion::V5, "t", "x", QoS::AtMostOnce, false, false, 0, &properties);
    broker.sendBytes(out);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::ProtocolError);
    QCOMPARE(received.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Disconnect), 1, Timeout);
}

void TestEngineV5Publish::refusalCarriesReasonString_data()
{
    QTest::addColumn<QoS>("qos");
    QTest::newRow("PUBACK") << QoS::AtLeastOnce;
    QTest::newRow("PUBREC") << QoS::ExactlyOnce;
}

void TestEngineV5Publish::refusalCarriesReasonString()
{
    QFETCH(QoS, qos);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Publish, [&broker](const FakeBroker::Packet &packet) {
        AckPacket ack;
        ack.type = packet.publish.qos == QoS::AtLeastOnce ? T::Puback : T::Pubrec;
        ack.packetId = packet.packetId;
        ack.reasonCode = ReasonCode::QuotaExceeded;
        ack.properties.setString(PropertyId::ReasonString, u"daily quota used"_qs);
        broker.sendBytes(encode(ack, ProtocolVersion::V5));
    });
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy refused(&client, &Client::messageRefused);
    QSignalSpy published(&client, &Client::messagePublished);
    const quint64 token = client.publish(message(u"t"_qs, "x", qos));
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, Timeout);
    QCOMPARE(refused.at(0).at(0).toULongLong(), token);
    const Error error = refused.at(0).at(1).value<Error>();
    QCOMPARE(error.code, ErrorCode::Refused);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::QuotaExceeded));
    QVERIFY2(error.text.contains(reasonCodeText(ReasonCode::QuotaExceeded)), qPrintable(error.text));
    QVERIFY2(error.text.contains(u"daily quota used"_qs), qPrintable(error.text));
    QCOMPARE(published.size(), 0);
    QCOMPARE(client.inflightCount(), 0);
    QCOMPARE(broker.count(T::Pubrel), 0); // [MQTT-4.4.0-2]: the exchange ends with the refusal
}

void TestEngineV5Publish::acknowledgedWithReason_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<quint8>("reasonCode");
    QTest::addColumn<QString>("reasonString");
    QTest::newRow("5.0 PUBACK No matching subscribers")
            << ProtocolVersion::V5 << QoS::AtLeastOnce << quint8(ReasonCode::NoMatchingSubscribers)
            << u"nobody listens"_qs;
    QTest::newRow("5.0 PUBREC No matching subscribers")
            << ProtocolVersion::V5 << QoS::ExactlyOnce << quint8(ReasonCode::NoMatchingSubscribers)
            << u"nobody listens"_qs;
    QTest::newRow("5.0 PUBREC Success")
            << ProtocolVersion::V5 << QoS::ExactlyOnce << quint8(0) << QString();
    QTest::newRow("3.1.1 PUBACK") << ProtocolVersion::V3_1_1 << QoS::AtLeastOnce << quint8(0)
                                  << QString();
    QTest::newRow("3.1.1 PUBREC") << ProtocolVersion::V3_1_1 << QoS::ExactlyOnce << quint8(0)
                                  << QString();
}

void TestEngineV5Publish::acknowledgedWithReason()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(quint8, reasonCode);
    QFETCH(QString, reasonString);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Publish, [&broker, version, reasonCode,
                                   reasonString](const FakeBroker::Packet &packet) {
        AckPacket ack;
        ack.type = packet.publish.qos == QoS::AtLeastOnce ? T::Puback : T::Pubrec;
        ack.packetId = packet.packetId;
        ack.reasonCode = ReasonCode(reasonCode);
        if (!reasonString.isEmpty())
            ack.properties.setString(PropertyId::ReasonString, reasonString);
        broker.sendBytes(encode(ack, version));
    });
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.version = version;
    QVERIFY(connectTo(client, options));
    QSignalSpy acknowledged(&client, &Client::publishAcknowledged);
    QSignalSpy published(&client, &Client::messagePublished);
    QSignalSpy refused(&client, &Client::messageRefused);
    const quint64 token = client.publish(message(u"t"_qs, "x", qos));
    QVERIFY(token != 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 1, Timeout);
    QCOMPARE(acknowledged.size(), 1);
    QCOMPARE(acknowledged.at(0).at(0).toULongLong(), token);
    QCOMPARE(acknowledged.at(0).at(1).value<ReasonCode>(), ReasonCode(reasonCode));
    QCOMPARE(acknowledged.at(0).at(2).toString(), reasonString);
    QCOMPARE(published.at(0).at(0).toULongLong(), token);
    QCOMPARE(refused.size(), 0);
    // QoS 2 goes on to PUBREL and PUBCOMP after an accepting PUBREC.
    QCOMPARE(broker.count(T::Pubrel), qos == QoS::ExactlyOnce ? 1 : 0);
}

void TestEngineV5Publish::pubcompFailureSurfaced()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Pubrel, [&broker](const FakeBroker::Packet &packet) {
        AckPacket ack;
        ack.type = T::Pubcomp;
        ack.packetId = packet.packetId;
        ack.reasonCode = ReasonCode::PacketIdentifierNotFound;
        ack.properties.setString(PropertyId::ReasonString, u"session lost"_qs);
        broker.sendBytes(encode(ack, ProtocolVersion::V5));
    });
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy released(&client, &Client::releaseFailed);
    QSignalSpy published(&client, &Client::messagePublished);
    const quint64 token = client.publish(message(u"t"_qs, "x", QoS::ExactlyOnce));
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 1, Timeout);
    QCOMPARE(released.size(), 1);
    QCOMPARE(released.at(0).at(0).toULongLong(), token);
    QCOMPARE(released.at(0).at(1).value<quint16>(), broker.packets(T::Pubrel).first().packetId);
    const Error error = released.at(0).at(2).value<Error>();
    QCOMPARE(error.code, ErrorCode::ReleaseFailed);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::PacketIdentifierNotFound));
    QVERIFY2(error.text.contains(u"PUBCOMP"_qs), qPrintable(error.text));
    QVERIFY2(error.text.contains(u"session lost"_qs), qPrintable(error.text));
    QCOMPARE(client.inflightCount(), 0);
    QCOMPARE(client.state(), Client::State::Connected);
}

void TestEngineV5Publish::pubrelFailureSurfaced()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Pubrec);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy received(&client, &Client::messageReceived);
    QSignalSpy released(&client, &Client::releaseFailed);
    broker.sendPublish(u"t"_qs, "x", QoS::ExactlyOnce, 7);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Pubrec), 1, Timeout);
    QCOMPARE(received.size(), 1);
    AckPacket pubrel;
    pubrel.type = T::Pubrel;
    pubrel.packetId = 7;
    pubrel.reasonCode = ReasonCode::PacketIdentifierNotFound;
    broker.sendBytes(encode(pubrel, ProtocolVersion::V5));
    QTRY_COMPARE_WITH_TIMEOUT(released.size(), 1, Timeout);
    QCOMPARE(released.at(0).at(0).toULongLong(), quint64(0));
    QCOMPARE(released.at(0).at(1).value<quint16>(), quint16(7));
    const Error error = released.at(0).at(2).value<Error>();
    QCOMPARE(error.code, ErrorCode::ReleaseFailed);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::PacketIdentifierNotFound));
    QVERIFY2(error.text.contains(u"PUBREL"_qs), qPrintable(error.text));
    // The exchange still ends with PUBCOMP, and the connection stays.
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Pubcomp), 1, Timeout);
    QCOMPARE(broker.packets(T::Pubcomp).first().packetId, quint16(7));
    QCOMPARE(client.state(), Client::State::Connected);
    QCOMPARE(received.size(), 1);
}

void TestEngineV5Publish::expiryReducedByWait()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QSignalSpy refused(&client, &Client::messageRefused);
    QElapsedTimer clock;
    clock.start();
    // Published while disconnected: they wait in the queue.
    Message shortLived = message(u"short"_qs, "s", QoS::AtLeastOnce);
    shortLived.properties.setInteger(PropertyId::MessageExpiryInterval, 1);
    Message longLived = message(u"long"_qs, "l", QoS::AtLeastOnce);
    longLived.properties.setInteger(PropertyId::MessageExpiryInterval, 100);
    Message timeless = message(u"forever"_qs, "f", QoS::AtMostOnce);
    const quint64 shortToken = client.publish(shortLived);
    QVERIFY(shortToken != 0);
    QVERIFY(client.publish(longLived) != 0);
    QVERIFY(client.publish(timeless) != 0);
    QCOMPARE(client.queuedCount(), 3);
    // The short one's second runs out; waiting for that deadline is the scenario itself.
    QVERIFY(QTest::qWaitFor([&] { return clock.elapsed() >= 1100; }, Timeout));
    QVERIFY(connectTo(client, v5Options(broker)));
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Publish), 2, Timeout);
    const qint64 waitedAtMost = clock.elapsed();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(0).toULongLong(), shortToken);
    const Error error = refused.at(0).at(1).value<Error>();
    QCOMPARE(error.code, ErrorCode::MessageExpired);
    QVERIFY2(error.text.contains(u"expired"_qs), qPrintable(error.text));
    const auto publishes = broker.packets(T::Publish);
    QCOMPARE(publishes.at(0).publish.topic, u"long"_qs);
    const quint32 left =
            publishes.at(0).publish.properties.integer(PropertyId::MessageExpiryInterval).value_or(0);
    // Reduced by the whole seconds waited: at least one, at most what the test saw pass.
    QVERIFY2(left <= 99 && left >= 100 - quint32(waitedAtMost / 1000),
             qPrintable(QString::number(left)));
    QCOMPARE(publishes.at(1).publish.topic, u"forever"_qs);
    QVERIFY(!publishes.at(1).publish.properties.contains(PropertyId::MessageExpiryInterval));
    // Sent at once, a message keeps its interval untouched.
    QVERIFY(client.publish(longLived) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Publish), 3, Timeout);
    QCOMPARE(broker.packets(T::Publish)
                     .at(2)
                     .publish.properties.integer(PropertyId::MessageExpiryInterval),
             std::optional<quint32>(100));
}

QTEST_GUILESS_MAIN(TestEngineV5Publish)
#include "tst_engine_v5_publish.moc"
