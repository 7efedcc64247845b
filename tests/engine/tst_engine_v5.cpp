// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// MQTT 5.0 values a broker announces in CONNACK and the client must obey, and topic aliases.
class TestEngineV5 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void serverKeepAliveReplacesOurs();
    void receiveMaximumLimitsInflight();
    void topicAliases();
    void topicAliasNotAllowed_data();
    void topicAliasNotAllowed();
    void disconnectWithReason();

private:
    static void answerConnack(FakeBroker &broker, const Properties &properties);
};

void TestEngineV5::answerConnack(FakeBroker &broker, const Properties &properties)
{
    broker.setHandler(T::Connect, [&broker, properties](const FakeBroker::Packet &) {
        broker.sendBytes(encode(ConnackPacket{false, 0, properties}, ProtocolVersion::V5));
    });
}

void TestEngineV5::serverKeepAliveReplacesOurs()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::ServerKeepAlive, 1);
    answerConnack(broker, properties);
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    options.keepAlive = 600; // the broker asks for 1 s instead [MQTT-3.2.2-21]
    QVERIFY(connectTo(client, options));
    QSignalSpy pongs(&client, &Client::pingResponseReceived);
    QTRY_COMPARE_WITH_TIMEOUT(pongs.size(), 1, Timeout);
    QCOMPARE(broker.count(T::Pingreq), 1);
}

void TestEngineV5::receiveMaximumLimitsInflight()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::ReceiveMaximum, 2);
    answerConnack(broker, properties);
    broker.ignore(T::Publish);
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    options.maximumInflight = 20;
    QVERIFY(connectTo(client, options));
    for (int i = 0; i < 5; ++i)
        client.publish(message(u"r"_qs, QByteArray::number(i), QoS::AtLeastOnce));
    QCOMPARE(client.inflightCount(), 2);
    QCOMPARE(client.queuedCount(), 3);
    QTRY_COMPARE(broker.count(T::Publish), 2);
    QSignalSpy published(&client, &Client::messagePublished);
    broker.sendAck(T::Puback, broker.packets(T::Publish).first().packetId);
    QTRY_COMPARE(broker.count(T::Publish), 3);
    QCOMPARE(published.size(), 1);
    QCOMPARE(client.inflightCount(), 2);
}

void TestEngineV5::topicAliases()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    options.connectProperties.setInteger(PropertyId::TopicAliasMaximum, 10);
    QVERIFY(connectTo(client, options));
    QSignalSpy received(&client, &Client::messageReceived);
    auto publishWithAlias = [&](const QByteArray &topic, quint16 alias, const QByteArray &payload) {
        Properties properties;
        properties.setInteger(PropertyId::TopicAlias, alias);
        QByteArray out;
        encodePublish(out, ProtocolVersion::V5, topic, payload, QoS::AtMostOnce, false, false, 0,
                      &properties);
        broker.sendBytes(out);
    };
    publishWithAlias("long/topic/name", 3, "1"); // sets alias 3
    publishWithAlias({}, 3, "2"); // uses it
    publishWithAlias("other", 3, "3"); // replaces it
    publishWithAlias({}, 3, "4");
    QTRY_COMPARE(received.size(), 4);
    QCOMPARE(received.at(0).at(0).value<Message>().topic, u"long/topic/name"_qs);
    QCOMPARE(received.at(1).at(0).value<Message>().topic, u"long/topic/name"_qs);
    QCOMPARE(received.at(1).at(0).value<Message>().payload, QByteArray("2"));
    QCOMPARE(received.at(2).at(0).value<Message>().topic, u"other"_qs);
    QCOMPARE(received.at(3).at(0).value<Message>().topic, u"other"_qs);
    QCOMPARE(client.state(), Client::State::Connected);
}

void TestEngineV5::topicAliasNotAllowed_data()
{
    QTest::addColumn<int>("maximum"); // -1: no Topic Alias Maximum sent
    QTest::addColumn<QByteArray>("topic");
    QTest::addColumn<int>("alias");
    QTest::newRow("no maximum sent: aliases not allowed") << -1 << QByteArray("t") << 1;
    QTest::newRow("alias above the maximum") << 2 << QByteArray("t") << 3;
    QTest::newRow("alias used before it is set") << 5 << QByteArray() << 4;
}

void TestEngineV5::topicAliasNotAllowed()
{
    QFETCH(int, maximum);
    QFETCH(QByteArray, topic);
    QFETCH(int, alias);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    if (maximum >= 0)
        options.connectProperties.setInteger(PropertyId::TopicAliasMaximum, quint32(maximum));
    QVERIFY(connectTo(client, options));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy received(&client, &Client::messageReceived);
    Properties properties;
    properties.setInteger(PropertyId::TopicAlias, quint32(alias));
    QByteArray out;
    encodePublish(out, ProtocolVersion::V5, topic, "x", QoS::AtMostOnce, false, false, 0,
                  &properties);
    broker.sendBytes(out);
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::ProtocolError);
    QCOMPARE(errors.at(0).at(0).value<Error>().reasonCode, quint8(ReasonCode::TopicAliasInvalid));
    QCOMPARE(received.size(), 0);
    // 5.0 tells the broker why before closing [MQTT-4.13.1-1].
    QTRY_COMPARE(broker.count(T::Disconnect), 1);
    QCOMPARE(broker.packets(T::Disconnect).first().frame, QByteArray::fromHex("e00194"));
}

void TestEngineV5::disconnectWithReason()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    QVERIFY(connectTo(client, options));
    QSignalSpy errors(&client, &Client::errorOccurred);
    DisconnectPacket packet;
    packet.reasonCode = ReasonCode::ServerShuttingDown;
    packet.properties.setString(PropertyId::ReasonString, u"maintenance"_qs);
    broker.sendBytes(encode(packet, ProtocolVersion::V5));
    QTRY_COMPARE(errors.size(), 1);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::BrokerDisconnected);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::ServerShuttingDown));
    QVERIFY(error.text.contains(u"maintenance"_qs));
    QCOMPARE(client.state(), Client::State::Disconnected);
}

QTEST_GUILESS_MAIN(TestEngineV5)
#include "tst_engine_v5.moc"
