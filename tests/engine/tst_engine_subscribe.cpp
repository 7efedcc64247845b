// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// SUBSCRIBE / SUBACK (with a refused filter), UNSUBSCRIBE / UNSUBACK, and user input that
// must be refused before anything is sent.
class TestEngineSubscribe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void subackWithOneFailure();
    void unsubscribe();
    void invalidInputSendsNothing_data();
    void invalidInputSendsNothing();
    void notConnected();
    void subscribeFromStateChangedGoesOutOnce();

private:
    // Proves the wire is quiet: a QoS 1 publish is the next thing the broker sees.
    void barrier();
    std::unique_ptr<FakeBroker> m_broker;
    std::unique_ptr<Client> m_client;
};

void TestEngineSubscribe::init()
{
    m_broker = std::make_unique<FakeBroker>();
    QVERIFY(m_broker->listen());
    m_client = std::make_unique<Client>();
    QVERIFY(connectTo(*m_client, optionsFor(*m_broker)));
}

void TestEngineSubscribe::cleanup()
{
    QVERIFY2(m_broker->decodeErrors().isEmpty(), qPrintable(m_broker->decodeErrors().join('\n')));
    m_client.reset();
    m_broker.reset();
}

void TestEngineSubscribe::barrier()
{
    QSignalSpy published(m_client.get(), &Client::messagePublished);
    m_client->publish(message(u"barrier"_qs, {}, QoS::AtLeastOnce));
    QTRY_COMPARE(published.size(), 1);
}

void TestEngineSubscribe::subackWithOneFailure()
{
    m_broker->setHandler(T::Subscribe, [this](const FakeBroker::Packet &packet) {
        m_broker->sendBytes(
                encode(SubackPacket{packet.packetId, {1, 0x80, 0}, {}}, ProtocolVersion::V3_1_1));
    });
    QSignalSpy acknowledged(m_client.get(), &Client::subscriptionAcknowledged);
    const QList<SubscribeTopic> topics{{u"a/+"_qs, QoS::AtLeastOnce, false, false, {}},
                                       {u"secret/#"_qs, QoS::ExactlyOnce, false, false, {}},
                                       {u"c"_qs, QoS::AtMostOnce, false, false, {}}};
    Error error;
    const quint64 token = m_client->subscribe(topics, &error);
    QVERIFY(token > 0);
    QVERIFY(!error);
    QTRY_COMPARE(acknowledged.size(), 1);
    QCOMPARE(acknowledged.at(0).at(0).toULongLong(), token);
    const auto results = acknowledged.at(0).at(1).value<QList<SubscribeResult>>();
    QCOMPARE(results.size(), 3);
    QCOMPARE(results[0].filter, u"a/+"_qs);
    QCOMPARE(results[0].reasonCode, ReasonCode::GrantedQoS1);
    QVERIFY(!results[0].isRefused());
    QCOMPARE(results[1].filter, u"secret/#"_qs);
    QVERIFY(results[1].isRefused());
    QVERIFY(!results[2].isRefused());
    QCOMPARE(m_client->activeSubscriptions().size(), 2);
    QCOMPARE(m_client->state(), Client::State::Connected);

    const FakeBroker::Packet sent = m_broker->packets(T::Subscribe).first();
    QCOMPARE(sent.flags, quint8(0x2)); // [MQTT-3.8.1-1]
    QByteArray expected = QByteArray::fromHex("82 17") + char(sent.packetId >> 8) +
                          char(sent.packetId & 0xFF) +
                          QByteArray::fromHex("0003 612f2b 01 0008 7365637265742f23 02 0001 63 00");
    QCOMPARE(sent.frame.toHex(' '), expected.toHex(' '));
}

void TestEngineSubscribe::unsubscribe()
{
    QSignalSpy subscribed(m_client.get(), &Client::subscriptionAcknowledged);
    QVERIFY(m_client->subscribe(u"x/#"_qs, QoS::AtLeastOnce) > 0);
    QVERIFY(m_client->subscribe(u"y"_qs, QoS::AtMostOnce) > 0);
    QTRY_COMPARE(subscribed.size(), 2);
    QCOMPARE(m_client->activeSubscriptions().size(), 2);

    m_broker->ignore(T::Unsubscribe);
    QSignalSpy unsubscribed(m_client.get(), &Client::unsubscriptionAcknowledged);
    const quint64 token = m_client->unsubscribe({u"x/#"_qs});
    QVERIFY(token > 0);
    QTRY_COMPARE(m_broker->count(T::Unsubscribe), 1);
    const FakeBroker::Packet sent = m_broker->packets(T::Unsubscribe).first();
    QCOMPARE(sent.flags, quint8(0x2)); // [MQTT-3.10.1-1]
    QCOMPARE(sent.unsubscribe.filters, QStringList{u"x/#"_qs});
    QCOMPARE(unsubscribed.size(), 0);
    m_broker->sendBytes(encode(UnsubackPacket{sent.packetId, {}, {}}, ProtocolVersion::V3_1_1));
    QTRY_COMPARE(unsubscribed.size(), 1);
    QCOMPARE(unsubscribed.at(0).at(0).toULongLong(), token);
    QCOMPARE(unsubscribed.at(0).at(1).toStringList(), QStringList{u"x/#"_qs});
    QCOMPARE(m_client->activeSubscriptions().size(), 1);
    QCOMPARE(m_client->activeSubscriptions().first().filter, u"y"_qs);
    QCOMPARE(m_broker->types(), (QList<T>{T::Connect, T::Subscribe, T::Subscribe, T::Unsubscribe}));
}

void TestEngineSubscribe::invalidInputSendsNothing_data()
{
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("publish to a/+") << u"publish"_qs << u"a/+"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("publish to a/#") << u"publish"_qs << u"a/#"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("publish to empty topic")
            << u"publish"_qs << QString() << ErrorCode::InvalidTopic;
    QTest::newRow("publish with null character")
            << u"publish"_qs << QString::fromUtf16(u"a\0b", 3) << ErrorCode::InvalidString;
    QTest::newRow("publish with lone surrogate")
            << u"publish"_qs << QString(QChar(0xD800)) << ErrorCode::InvalidString;
    QTest::newRow("subscribe to a#") << u"subscribe"_qs << u"a#"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("subscribe to a/#/b")
            << u"subscribe"_qs << u"a/#/b"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("subscribe to a+") << u"subscribe"_qs << u"a+"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("subscribe to empty filter")
            << u"subscribe"_qs << QString() << ErrorCode::InvalidTopic;
    QTest::newRow("subscribe with null character")
            << u"subscribe"_qs << QString::fromUtf16(u"a/\0", 3) << ErrorCode::InvalidString;
    QTest::newRow("unsubscribe from +a")
            << u"unsubscribe"_qs << u"+a"_qs << ErrorCode::InvalidTopic;
    QTest::newRow("unsubscribe with null character")
            << u"unsubscribe"_qs << QString::fromUtf16(u"\0", 1) << ErrorCode::InvalidString;
}

void TestEngineSubscribe::invalidInputSendsNothing()
{
    QFETCH(QString, verb);
    QFETCH(QString, topic);
    QFETCH(ErrorCode, code);
    Error error;
    quint64 token = 1;
    if (verb == u"publish")
        token = m_client->publish(message(topic, "x", QoS::AtLeastOnce), &error);
    else if (verb == u"subscribe")
        token = m_client->subscribe(topic, QoS::AtMostOnce, &error);
    else
        token = m_client->unsubscribe({topic}, &error);
    QCOMPARE(token, quint64(0));
    QCOMPARE(error.code, code);
    QVERIFY(!error.text.isEmpty());
    QCOMPARE(m_client->queuedCount(), 0);
    QCOMPARE(m_client->inflightCount(), 0);
    barrier();
    QCOMPARE(m_broker->types(), (QList<T>{T::Connect, T::Publish}));
    QCOMPARE(m_broker->packets(T::Publish).first().publish.topic, u"barrier"_qs);
    QCOMPARE(m_client->state(), Client::State::Connected);
}

void TestEngineSubscribe::notConnected()
{
    m_client->disconnectFromHost();
    QVERIFY(waitForState(*m_client, Client::State::Disconnected));
    Error error;
    QCOMPARE(m_client->subscribe(u"a"_qs, QoS::AtMostOnce, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::NotConnected);
    QCOMPARE(m_client->unsubscribe({u"a"_qs}, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::NotConnected);
    QCOMPARE(m_client->subscribe(QList<SubscribeTopic>{}, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestEngineSubscribe)

// A slot that subscribes as soon as the state turns Connected must not see its SUBSCRIBE sent
// twice: only requests left over from an earlier connection are repeated after CONNACK.
void TestEngineSubscribe::subscribeFromStateChangedGoesOutOnce()
{
    m_client.reset();
    m_broker = std::make_unique<FakeBroker>();
    QVERIFY(m_broker->listen());
    m_client = std::make_unique<Client>();
    QSignalSpy acknowledged(m_client.get(), &Client::subscriptionAcknowledged);
    connect(m_client.get(), &Client::stateChanged, this, [this](Client::State state) {
        if (state == Client::State::Connected)
            QVERIFY(m_client->subscribe(u"dialog"_qs, QoS::AtLeastOnce) > 0);
    });
    QVERIFY(connectTo(*m_client, optionsFor(*m_broker)));
    QTRY_COMPARE(acknowledged.size(), 1);
    barrier();
    QCOMPARE(m_broker->packets(T::Subscribe).size(), 1);
    QCOMPARE(acknowledged.size(), 1);
}

#include "tst_engine_subscribe.moc"
