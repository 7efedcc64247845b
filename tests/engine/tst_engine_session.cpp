// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// What survives a dropped connection: resending with DUP=1 and the same ids in the original
// order when the session is kept [MQTT-4.4.0-1], PUBREL rather than PUBLISH once PUBREC came.
class TestEngineSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resendAfterDropWithSession();
    void cleanSessionSendsAgainAsNew();
    void lostSessionSendsAgainAsNew();
    void incomingQos2IdsForgottenWithoutSession();
    void incomingQos2DuplicateAcrossReconnect();
};

void TestEngineSession::resendAfterDropWithSession()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Publish); // no acknowledgement: everything stays in flight
    broker.ignore(T::Pubrel);
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.cleanSession = false;
    QVERIFY(connectTo(client, options));

    QSignalSpy published(&client, &Client::messagePublished);
    const quint64 a = client.publish(message(u"s/a"_qs, "A", QoS::AtLeastOnce));
    const quint64 b = client.publish(message(u"s/b"_qs, "B", QoS::ExactlyOnce));
    const quint64 c = client.publish(message(u"s/c"_qs, "C", QoS::AtLeastOnce));
    const quint64 d = client.publish(message(u"s/d"_qs, "D", QoS::ExactlyOnce));
    QTRY_COMPARE(broker.count(T::Publish), 4);
    const QList<FakeBroker::Packet> first = broker.packets(T::Publish);
    // B reached the broker (PUBREC): from now on only its PUBREL may be repeated.
    broker.sendAck(T::Pubrec, first[1].packetId);
    QTRY_COMPARE(broker.count(T::Pubrel), 1);
    QCOMPARE(broker.packets(T::Pubrel).first().packetId, first[1].packetId);

    QSignalSpy errors(&client, &Client::errorOccurred);
    broker.dropConnection();
    QVERIFY(waitForState(client, Client::State::Disconnected));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::BrokerDisconnected);
    QCOMPARE(client.inflightCount(), 4);

    // Published while disconnected: waits behind the resends, goes out as new.
    const quint64 e = client.publish(message(u"s/e"_qs, "E", QoS::AtLeastOnce));
    QCOMPARE(client.queuedCount(), 1);

    broker.setSessionPresent(true);
    broker.clearPackets();
    QVERIFY(connectTo(client, options));
    QTRY_COMPARE(broker.packets().size(), 6);
    const QList<FakeBroker::Packet> again = broker.packets();
    QCOMPARE(broker.types(),
             (QList<T>{T::Connect, T::Publish, T::Pubrel, T::Publish, T::Publish, T::Publish}));
    QVERIFY(!again[0].connect.cleanSession);
    // A, B (PUBREL), C, D in their original order, same ids, DUP set on the PUBLISHes.
    QCOMPARE(again[1].packetId, first[0].packetId);
    QCOMPARE(again[1].publish.payload, QByteArray("A"));
    QVERIFY(again[1].publish.dup);
    QCOMPARE(again[1].flags, quint8(0x8 | 0x2));
    QCOMPARE(again[2].packetId, first[1].packetId);
    QCOMPARE(again[3].packetId, first[2].packetId);
    QCOMPARE(again[3].publish.payload, QByteArray("C"));
    QVERIFY(again[3].publish.dup);
    QCOMPARE(again[4].packetId, first[3].packetId);
    QCOMPARE(again[4].publish.payload, QByteArray("D"));
    QVERIFY(again[4].publish.dup);
    QCOMPARE(again[4].flags, quint8(0x8 | 0x4));
    // E is a new message: no DUP and an id none of the others holds.
    QCOMPARE(again[5].publish.payload, QByteArray("E"));
    QVERIFY(!again[5].publish.dup);
    for (int i = 0; i < 4; ++i)
        QVERIFY(again[5].packetId != first[i].packetId);
    QCOMPARE(published.size(), 0);

    // Now the broker completes everything.
    broker.sendAck(T::Puback, first[0].packetId);
    broker.sendAck(T::Pubcomp, first[1].packetId);
    broker.sendAck(T::Puback, first[2].packetId);
    broker.sendAck(T::Pubrec, first[3].packetId);
    QTRY_COMPARE(broker.count(T::Pubrel), 2); // B resent on reconnect, then D
    broker.sendAck(T::Pubcomp, first[3].packetId);
    broker.sendAck(T::Puback, again[5].packetId);
    QTRY_COMPARE(published.size(), 5);
    QList<quint64> tokens;
    for (const auto &arguments : published)
        tokens.append(arguments.at(0).toULongLong());
    QCOMPARE(tokens, (QList<quint64>{a, b, c, d, e}));
    QCOMPARE(client.inflightCount(), 0);
    QVERIFY(broker.decodeErrors().isEmpty());
}

void TestEngineSession::cleanSessionSendsAgainAsNew()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Publish);
    broker.ignore(T::Pubrel);
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.cleanSession = true;
    QVERIFY(connectTo(client, options));
    QSignalSpy published(&client, &Client::messagePublished);
    const quint64 a = client.publish(message(u"s/a"_qs, "A", QoS::AtLeastOnce));
    const quint64 b = client.publish(message(u"s/b"_qs, "B", QoS::ExactlyOnce));
    QTRY_COMPARE(broker.count(T::Publish), 2);
    broker.sendAck(T::Pubrec, broker.packets(T::Publish).at(1).packetId);
    QTRY_COMPARE(broker.count(T::Pubrel), 1);
    broker.dropConnection();
    QVERIFY(waitForState(client, Client::State::Disconnected));

    broker.restoreDefaultHandler(T::Publish);
    broker.clearPackets();
    QVERIFY(connectTo(client, options));
    // No session: B had reached the broker (PUBREC) so it counts as published; A goes out
    // again as a new message (no DUP).
    QTRY_COMPARE(published.size(), 2);
    QCOMPARE(broker.types(), (QList<T>{T::Connect, T::Publish}));
    QCOMPARE(broker.packets(T::Publish).first().publish.payload, QByteArray("A"));
    QVERIFY(!broker.packets(T::Publish).first().publish.dup);
    QList<quint64> tokens{published.at(0).at(0).toULongLong(), published.at(1).at(0).toULongLong()};
    QCOMPARE(tokens, (QList<quint64>{b, a}));
}

void TestEngineSession::lostSessionSendsAgainAsNew()
{
    // A session was asked for and the broker answers without one ([MQTT-3.2.2-5]): the
    // client discards its session state as for a clean session, rather than resend PUBREL
    // and DUP PUBLISHes for ids the broker no longer knows.
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Publish);
    broker.ignore(T::Pubrel);
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.cleanSession = false;
    QVERIFY(connectTo(client, options));
    QSignalSpy published(&client, &Client::messagePublished);
    const quint64 a = client.publish(message(u"s/a"_qs, "A", QoS::AtLeastOnce));
    const quint64 b = client.publish(message(u"s/b"_qs, "B", QoS::ExactlyOnce));
    QTRY_COMPARE(broker.count(T::Publish), 2);
    broker.sendAck(T::Pubrec, broker.packets(T::Publish).at(1).packetId);
    QTRY_COMPARE(broker.count(T::Pubrel), 1);
    broker.dropConnection();
    QVERIFY(waitForState(client, Client::State::Disconnected));

    broker.restoreDefaultHandler(T::Publish);
    broker.setSessionPresent(false);
    broker.clearPackets();
    QVERIFY(connectTo(client, options));
    QVERIFY(!client.sessionPresent());
    QTRY_COMPARE(published.size(), 2);
    QCOMPARE(broker.types(), (QList<T>{T::Connect, T::Publish}));
    QCOMPARE(broker.packets(T::Publish).first().publish.payload, QByteArray("A"));
    QVERIFY(!broker.packets(T::Publish).first().publish.dup);
    QList<quint64> tokens{published.at(0).at(0).toULongLong(), published.at(1).at(0).toULongLong()};
    QCOMPARE(tokens, (QList<quint64>{b, a}));
    QCOMPARE(client.inflightCount(), 0);
}

void TestEngineSession::incomingQos2IdsForgottenWithoutSession()
{
    // The broker sent a QoS 2 message (PUBREC given, no PUBREL yet), then lost its session.
    // Its next message with the same id is new and must be delivered.
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.cleanSession = false;
    QVERIFY(connectTo(client, options));
    QSignalSpy received(&client, &Client::messageReceived);
    broker.sendPublish(u"in"_qs, "first", QoS::ExactlyOnce, 5);
    QTRY_COMPARE(broker.count(T::Pubrec), 1);
    broker.dropConnection();
    QVERIFY(waitForState(client, Client::State::Disconnected));
    broker.setSessionPresent(false);
    QVERIFY(connectTo(client, options));
    QVERIFY(!client.sessionPresent());
    broker.sendPublish(u"in"_qs, "second", QoS::ExactlyOnce, 5);
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.at(1).at(0).value<Message>().payload, QByteArray("second"));
}

void TestEngineSession::incomingQos2DuplicateAcrossReconnect()
{
    // With the session kept, a resent QoS 2 PUBLISH (DUP) after a reconnect is the same
    // message: acknowledged again, not delivered again.
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.cleanSession = false;
    QVERIFY(connectTo(client, options));
    QSignalSpy received(&client, &Client::messageReceived);
    broker.sendPublish(u"in"_qs, "once", QoS::ExactlyOnce, 6);
    QTRY_COMPARE(broker.count(T::Pubrec), 1);
    broker.dropConnection();
    QVERIFY(waitForState(client, Client::State::Disconnected));
    broker.setSessionPresent(true);
    QVERIFY(connectTo(client, options));
    broker.sendPublish(u"in"_qs, "once", QoS::ExactlyOnce, 6, FakeBroker::Dup::Yes);
    QTRY_COMPARE(broker.count(T::Pubrec), 2);
    broker.sendAck(T::Pubrel, 6);
    QTRY_COMPARE(broker.count(T::Pubcomp), 1);
    QCOMPARE(received.size(), 1);
}

QTEST_GUILESS_MAIN(TestEngineSession)
#include "tst_engine_session.moc"
