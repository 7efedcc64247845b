// SPDX-License-Identifier: Apache-2.0
#include "sessionstore.h"

#include <QTest>

using namespace Mqtt;

// The session store alone, without a transport: every QoS 1/2 state and transition both
// ways, what a reconnect resends and in which order, packet ids and their exhaustion.
class TestSessionStore : public QObject
{
    Q_OBJECT

private:
    static SessionStore::Outgoing outgoing(SessionStore &store, QoS qos, const QString &topic)
    {
        Message message;
        message.topic = topic;
        message.payload = topic.toUtf8();
        message.qos = qos;
        return {store.takeToken(), message, topic.toUtf8(), 0};
    }
    // Starts the exchange of a new message; returns its packet id.
    static quint16 send(SessionStore &store, QoS qos, const QString &topic)
    {
        const quint16 id = store.allocatePacketId();
        store.startInflight(outgoing(store, qos, topic), id);
        return id;
    }

private Q_SLOTS:
    void tokensAndIdsStartAtOne()
    {
        SessionStore store;
        QCOMPARE(store.takeToken(), quint64(1));
        QCOMPARE(store.takeToken(), quint64(2));
        QCOMPARE(store.allocatePacketId(), quint16(1));
        // Not in use until an exchange takes it: the next allocation moves on all the same.
        QCOMPARE(store.allocatePacketId(), quint16(2));
    }

    void qos1Exchange()
    {
        SessionStore store;
        const quint16 id = send(store, QoS::AtLeastOnce, u"a"_qs);
        QCOMPARE(store.inflightCount(), 1);
        QVERIFY(store.isPacketIdInUse(id));
        QCOMPARE(store.inflight(id)->stage, SessionStore::Stage::AwaitingPuback);
        QCOMPARE(store.inflight(id)->message.packetId, id);
        // A PUBREC or PUBCOMP does not complete a QoS 1 message.
        quint64 token = 0;
        QCOMPARE(store.acknowledgePubrec(id, ReasonCode::Success, &token),
                 SessionStore::PubrecOutcome::OutOfOrder);
        QVERIFY(!store.acknowledgePubcomp(id));
        QCOMPARE(store.acknowledgePuback(id), std::optional<quint64>(1));
        QCOMPARE(store.inflightCount(), 0);
        QVERIFY(!store.isPacketIdInUse(id));
        QVERIFY(!store.acknowledgePuback(id)); // a second PUBACK finds nothing
    }

    void qos2Exchange()
    {
        SessionStore store;
        const quint16 id = send(store, QoS::ExactlyOnce, u"b"_qs);
        QCOMPARE(store.inflight(id)->stage, SessionStore::Stage::AwaitingPubrec);
        QVERIFY(!store.acknowledgePuback(id));
        QVERIFY(!store.acknowledgePubcomp(id)); // PUBCOMP before PUBREC: ignored
        quint64 token = 0;
        QCOMPARE(store.acknowledgePubrec(id, ReasonCode::NoMatchingSubscribers, &token),
                 SessionStore::PubrecOutcome::Accepted);
        QCOMPARE(token, quint64(1));
        QCOMPARE(store.inflight(id)->stage, SessionStore::Stage::AwaitingPubcomp);
        QVERIFY(store.inflight(id)->message.payload.isEmpty()); // only the id is kept
        token = 0;
        QCOMPARE(store.acknowledgePubrec(id, ReasonCode::Success, &token),
                 SessionStore::PubrecOutcome::Repeated);
        QCOMPARE(token, quint64(0));
        QCOMPARE(store.acknowledgePubcomp(id), std::optional<quint64>(1));
        QCOMPARE(store.inflightCount(), 0);
        QCOMPARE(store.acknowledgePubrec(id, ReasonCode::Success, &token),
                 SessionStore::PubrecOutcome::Unknown);
    }

    void qos2Refused()
    {
        SessionStore store;
        const quint16 id = send(store, QoS::ExactlyOnce, u"c"_qs);
        quint64 token = 0;
        // [MQTT-4.4.0-2]: a failure reason code on PUBREC ends the exchange.
        QCOMPARE(store.acknowledgePubrec(id, ReasonCode::QuotaExceeded, &token),
                 SessionStore::PubrecOutcome::Refused);
        QCOMPARE(token, quint64(1));
        QCOMPARE(store.inflightCount(), 0);
        QVERIFY(!store.isPacketIdInUse(id));
    }

    void incomingQos2()
    {
        SessionStore store;
        QVERIFY(store.receiveQos2(7));
        QVERIFY(store.isAwaitingRelease(7));
        QVERIFY(!store.receiveQos2(7)); // a duplicate before its PUBREL: not delivered again
        QCOMPARE(store.awaitingReleaseCount(), 1);
        QVERIFY(store.release(7));
        QVERIFY(!store.release(7));
        QCOMPARE(store.awaitingReleaseCount(), 0);
        QVERIFY(store.receiveQos2(7)); // after the release, the id names a new message
    }

    void resumedSessionKeepsOrder()
    {
        SessionStore store;
        const quint16 first = send(store, QoS::AtLeastOnce, u"1"_qs);
        const quint16 second = send(store, QoS::ExactlyOnce, u"2"_qs);
        const quint16 third = send(store, QoS::ExactlyOnce, u"3"_qs);
        quint64 token = 0;
        store.acknowledgePubrec(second, ReasonCode::Success, &token);
        store.receiveQos2(40);
        QVERIFY(store.resume(SessionStore::Continuity::Resumed).empty());
        // [MQTT-4.4.0-1]: everything stays, in the order first sent, with the same ids.
        const auto ordered = store.inflightInOrder();
        QCOMPARE(ordered.size(), size_t(3));
        QCOMPARE(ordered[0]->message.packetId, first);
        QCOMPARE(ordered[1]->message.packetId, second);
        QCOMPARE(ordered[1]->stage, SessionStore::Stage::AwaitingPubcomp); // PUBREL again
        QCOMPARE(ordered[2]->message.packetId, third);
        QCOMPARE(ordered[2]->stage, SessionStore::Stage::AwaitingPubrec); // PUBLISH, DUP
        QVERIFY(store.isAwaitingRelease(40));
    }

    void lostSessionRequeues()
    {
        SessionStore store;
        store.queue().push_back(outgoing(store, QoS::AtLeastOnce, u"queued"_qs)); // token 1
        send(store, QoS::AtLeastOnce, u"1"_qs); // token 2
        const quint16 released = send(store, QoS::ExactlyOnce, u"2"_qs); // token 3
        send(store, QoS::ExactlyOnce, u"3"_qs); // token 4
        quint64 token = 0;
        store.acknowledgePubrec(released, ReasonCode::Success, &token);
        store.receiveQos2(40);
        // The broker had taken token 3 (PUBREC): published. The others go out again as new
        // messages, before those that never left, in their order.
        QCOMPARE(store.resume(SessionStore::Continuity::Lost), std::vector<quint64>{3});
        QCOMPARE(store.inflightCount(), 0);
        QCOMPARE(store.awaitingReleaseCount(), 0);
        QCOMPARE(store.queuedCount(), 3);
        QCOMPARE(store.queue()[0].token, quint64(2));
        QCOMPARE(store.queue()[1].token, quint64(4));
        QCOMPARE(store.queue()[2].token, quint64(1));
        QCOMPARE(store.queue()[0].message.packetId, quint16(0));
        QCOMPARE(store.queue()[1].message.payload, QByteArray("3"));
    }

    void idsSkipThoseInUse()
    {
        SessionStore store;
        const quint16 inflight = send(store, QoS::AtLeastOnce, u"a"_qs); // 1
        store.addSubscribe(2, {store.takeToken(), {}, {}});
        store.addUnsubscribe(3, {store.takeToken(), {}, {}});
        QVERIFY(store.isPacketIdInUse(2) && store.isPacketIdInUse(3));
        QCOMPARE(store.allocatePacketId(), quint16(4)); // 2 and 3 are in use
        // It wraps past 65535 to 1 and skips what is in use [MQTT-2.3.1-2].
        while (store.allocatePacketId() != 65535) { }
        QCOMPARE(store.allocatePacketId(), quint16(4));
        QCOMPARE(inflight, quint16(1));
        QVERIFY(store.takeSubscribe(2));
        QVERIFY(!store.takeSubscribe(2));
        QVERIFY(store.takeUnsubscribe(3));
        QVERIFY(!store.isPacketIdInUse(3));
    }

    void idExhaustion()
    {
        SessionStore store;
        for (int i = 0; i < 65535; ++i)
            QVERIFY(send(store, QoS::AtLeastOnce, u"t"_qs) != 0);
        QCOMPARE(store.inflightCount(), 65535);
        QCOMPARE(store.allocatePacketId(), quint16(0)); // every id in use
        QVERIFY(store.acknowledgePuback(300));
        QCOMPARE(store.allocatePacketId(), quint16(300));
    }

    void ageCountsTheWait()
    {
        Message message;
        message.properties.setInteger(PropertyId::MessageExpiryInterval, 10);
        qint64 queuedAt = 1000;
        QVERIFY(SessionStore::age(message, queuedAt, 1999)); // under a second: unchanged
        QCOMPARE(message.properties.integer(PropertyId::MessageExpiryInterval), 10u);
        QVERIFY(SessionStore::age(message, queuedAt, 4500)); // 3 whole seconds
        QCOMPARE(message.properties.integer(PropertyId::MessageExpiryInterval), 7u);
        QCOMPARE(queuedAt, qint64(4000)); // not taken off twice
        QVERIFY(!SessionStore::age(message, queuedAt, 11000)); // ran out
        Message lasting;
        qint64 start = 0;
        QVERIFY(SessionStore::age(lasting, start, 1'000'000'000));
    }
};

QTEST_APPLESS_MAIN(TestSessionStore)
#include "tst_sessionstore.moc"
