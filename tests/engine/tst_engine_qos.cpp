// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QRegularExpression>
#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// QoS 0, 1 and 2 in both directions: the exact packet sequence on the wire.
class TestEngineQos : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void qos0Outgoing();
    void qos1Outgoing();
    void qos2Outgoing();
    void qos1Incoming();
    void qos2Incoming();
    void qos2DuplicateBeforePubrelDeliveredOnce();
    void puback5RefusalReported();
    void qos0NotWrittenNotPublished();
    void unsolicitedPubrecReleased_data();
    void unsolicitedPubrecReleased();

private:
    std::unique_ptr<FakeBroker> m_broker;
    std::unique_ptr<Client> m_client;
};

void TestEngineQos::init()
{
    m_broker = std::make_unique<FakeBroker>();
    QVERIFY(m_broker->listen());
    m_client = std::make_unique<Client>();
    QVERIFY(connectTo(*m_client, optionsFor(*m_broker)));
}

void TestEngineQos::cleanup()
{
    QVERIFY2(m_broker->decodeErrors().isEmpty(), qPrintable(m_broker->decodeErrors().join('\n')));
    m_client.reset();
    m_broker.reset();
}

void TestEngineQos::qos0Outgoing()
{
    QSignalSpy published(m_client.get(), &Client::messagePublished);
    const quint64 token = m_client->publish(message(u"a/b"_qs, "zero", QoS::AtMostOnce));
    QVERIFY(token > 0);
    // Reported after publish() returned, so the caller knows the token first.
    QCOMPARE(published.size(), 0);
    QTRY_COMPARE(published.size(), 1);
    QCOMPARE(published.at(0).at(0).toULongLong(), token);
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Publish}));
    const FakeBroker::Packet packet = m_broker->packets(T::Publish).first();
    QCOMPARE(packet.frame, QByteArray::fromHex("30 09 0003 612f62 7a65726f"));
    QCOMPARE(m_client->inflightCount(), 0);
}

void TestEngineQos::qos1Outgoing()
{
    QSignalSpy published(m_client.get(), &Client::messagePublished);
    const quint64 token = m_client->publish(message(u"a/b"_qs, "one", QoS::AtLeastOnce));
    QVERIFY(token > 0);
    QTRY_COMPARE(published.size(), 1);
    QCOMPARE(published.at(0).at(0).toULongLong(), token);
    QCOMPARE(m_broker->types(), (QList<T>{T::Connect, T::Publish}));
    const FakeBroker::Packet packet = m_broker->packets(T::Publish).first();
    QCOMPARE(packet.flags, quint8(0x2)); // QoS 1, no DUP, no RETAIN
    QVERIFY(packet.packetId != 0);
    QCOMPARE(packet.publish.payload, QByteArray("one"));
    QCOMPARE(m_client->inflightCount(), 0);
}

void TestEngineQos::qos2Outgoing()
{
    m_broker->ignore(T::Pubrel); // hold the PUBCOMP back to see the middle state
    QSignalSpy published(m_client.get(), &Client::messagePublished);
    const quint64 token = m_client->publish(message(u"q/2"_qs, "two", QoS::ExactlyOnce));
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Publish, T::Pubrel}));
    const quint16 id = m_broker->packets(T::Publish).first().packetId;
    QCOMPARE(m_broker->packets(T::Publish).first().flags, quint8(0x4));
    QCOMPARE(m_broker->packets(T::Pubrel).first().packetId, id);
    QCOMPARE(m_broker->packets(T::Pubrel).first().flags, quint8(0x2)); // [MQTT-3.6.1-1]
    QCOMPARE(published.size(), 0); // not done before PUBCOMP
    QCOMPARE(m_client->inflightCount(), 1);
    m_broker->sendAck(T::Pubcomp, id);
    QTRY_COMPARE(published.size(), 1);
    QCOMPARE(published.at(0).at(0).toULongLong(), token);
    QCOMPARE(m_client->inflightCount(), 0);
    QCOMPARE(m_broker->types(), (QList<T>{T::Connect, T::Publish, T::Pubrel}));
}

void TestEngineQos::qos1Incoming()
{
    QSignalSpy received(m_client.get(), &Client::messageReceived);
    m_broker->sendPublish(u"in/1"_qs, "hello", QoS::AtLeastOnce, 7);
    QTRY_COMPARE(received.size(), 1);
    const auto message = received.at(0).at(0).value<Message>();
    QCOMPARE(message.topic, u"in/1"_qs);
    QCOMPARE(message.payload, QByteArray("hello"));
    QCOMPARE(message.qos, QoS::AtLeastOnce);
    QCOMPARE(message.packetId, quint16(7));
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Puback}));
    QCOMPARE(m_broker->packets(T::Puback).first().frame, QByteArray::fromHex("40020007"));
}

void TestEngineQos::qos2Incoming()
{
    QSignalSpy received(m_client.get(), &Client::messageReceived);
    m_broker->sendPublish(u"in/2"_qs, "exactly", QoS::ExactlyOnce, 9);
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Pubrec}));
    QCOMPARE(m_broker->packets(T::Pubrec).first().frame, QByteArray::fromHex("50020009"));
    QCOMPARE(received.size(), 1);
    m_broker->sendAck(T::Pubrel, 9);
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Pubrec, T::Pubcomp}));
    QCOMPARE(m_broker->packets(T::Pubcomp).first().frame, QByteArray::fromHex("70020009"));
    QCOMPARE(received.size(), 1);
}

void TestEngineQos::qos2DuplicateBeforePubrelDeliveredOnce()
{
    QSignalSpy received(m_client.get(), &Client::messageReceived);
    m_broker->sendPublish(u"in/2"_qs, "once", QoS::ExactlyOnce, 9);
    m_broker->sendPublish(u"in/2"_qs, "once", QoS::ExactlyOnce, 9, FakeBroker::Dup::Yes);
    // Both copies are acknowledged, only the first is delivered.
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Pubrec, T::Pubrec}));
    QCOMPARE(received.size(), 1);
    m_broker->sendAck(T::Pubrel, 9);
    QTRY_COMPARE(m_broker->count(T::Pubcomp), 1);
    QCOMPARE(received.size(), 1);
    // After PUBREL the id is free: a new message with it is a new delivery.
    m_broker->sendPublish(u"in/2"_qs, "again", QoS::ExactlyOnce, 9);
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.at(1).at(0).value<Message>().payload, QByteArray("again"));
    QTRY_COMPARE(m_broker->types(),
                 (QList<T>{T::Connect, T::Pubrec, T::Pubrec, T::Pubcomp, T::Pubrec}));
}

void TestEngineQos::puback5RefusalReported()
{
    // A 5.0 connection: a PUBACK with a failure reason code ends the exchange as refused.
    m_client.reset();
    m_client = std::make_unique<Client>();
    ConnectionOptions options = optionsFor(*m_broker);
    options.version = ProtocolVersion::V5;
    m_broker->setHandler(T::Publish, [this](const FakeBroker::Packet &packet) {
        m_broker->sendBytes(
                encode(AckPacket{T::Puback, packet.packetId, ReasonCode::NotAuthorized, {}},
                       ProtocolVersion::V5));
    });
    QVERIFY(connectTo(*m_client, options));
    QSignalSpy refused(m_client.get(), &Client::messageRefused);
    QSignalSpy published(m_client.get(), &Client::messagePublished);
    const quint64 token = m_client->publish(message(u"a"_qs, "x", QoS::AtLeastOnce));
    QTRY_COMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(0).toULongLong(), token);
    QCOMPARE(refused.at(0).at(1).value<Error>().reasonCode, quint8(ReasonCode::NotAuthorized));
    // A refusal is the broker's answer, not a protocol error: it has its own code.
    QCOMPARE(refused.at(0).at(1).value<Error>().code, ErrorCode::Refused);
    QCOMPARE(published.size(), 0);
    QCOMPARE(m_client->inflightCount(), 0);
    QCOMPARE(m_client->state(), Client::State::Connected);
}

// A QoS 0 message is published once its bytes reach the transport: one dropped with the
// connection before that is reported as not sent, never as published.
void TestEngineQos::qos0NotWrittenNotPublished()
{
    QSignalSpy published(m_client.get(), &Client::messagePublished);
    QSignalSpy refused(m_client.get(), &Client::messageRefused);
    const quint64 token = m_client->publish(message(u"a/b"_qs, "zero", QoS::AtMostOnce));
    QVERIFY(token > 0);
    m_client->abortConnection(); // before the event loop writes the batch
    QTRY_COMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(0).toULongLong(), token);
    QCOMPARE(refused.at(0).at(1).value<Error>().code, ErrorCode::NotSent);
    QCOMPARE(published.size(), 0);
    QCOMPARE(m_broker->count(T::Publish), 0);
}

void TestEngineQos::unsolicitedPubrecReleased_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("pubrel");
    // 5.0: Packet Identifier not found (3.6.2.1); 3.1.1: the plain PUBREL the broker awaits.
    QTest::newRow("5.0") << ProtocolVersion::V5 << QByteArray::fromHex("62 03 0123 92");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1 << QByteArray::fromHex("62 02 0123");
}

// A PUBREC for an id we have no QoS 2 message under (e.g. a session lost on our side) gets
// its PUBREL, or the broker holds the message forever (4.3.3).
void TestEngineQos::unsolicitedPubrecReleased()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, pubrel);
    m_client->abortConnection();
    ConnectionOptions options = optionsFor(*m_broker);
    options.version = version;
    QVERIFY(connectTo(*m_client, options));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"PUBREC for packet id 291"_qs));
    m_broker->sendBytes(encode(AckPacket{T::Pubrec, 0x123, ReasonCode::Success, {}}, version));
    QTRY_COMPARE(m_broker->count(T::Pubrel), 1);
    QCOMPARE(m_broker->packets(T::Pubrel).first().frame, pubrel);
    QCOMPARE(m_client->state(), Client::State::Connected);
}

QTEST_GUILESS_MAIN(TestEngineQos)
#include "tst_engine_qos.moc"
