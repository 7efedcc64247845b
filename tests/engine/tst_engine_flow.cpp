// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QSet>
#include <QSignalSpy>

#include <deque>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// Flow control: packet identifier exhaustion, the in-flight window, the offline queue.
class TestEngineFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void idExhaustion();
    void inflightWindow();
    void offlineQueue();
    void offlineQueueBounded();

private:
    // Everything the client wrote before this call has reached the broker once it returns:
    // the broker's PUBLISH is answered after all earlier bytes on the same stream.
    static bool roundTrip(FakeBroker &broker, Client &client);
};

bool TestEngineFlow::roundTrip(FakeBroker &broker, Client &client)
{
    QSignalSpy received(&client, &Client::messageReceived);
    const int acks = broker.count(T::Puback);
    broker.sendPublish(u"sync"_qs, {}, QoS::AtLeastOnce, 1);
    return QTest::qWaitFor([&] { return broker.count(T::Puback) == acks + 1; }, Timeout) &&
           received.size() == 1;
}

void TestEngineFlow::idExhaustion()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Publish);
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.maximumInflight = 65535;
    options.maximumQueued = 100;
    QVERIFY(connectTo(client, options));

    for (int i = 0; i < 65535; ++i)
        QVERIFY(client.publish(message(u"ids"_qs, QByteArray::number(i), QoS::AtLeastOnce)) > 0);
    QCOMPARE(client.inflightCount(), 65535);
    QCOMPARE(client.queuedCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Publish), 65535, 30000);
    QSet<quint16> ids;
    for (const FakeBroker::Packet &packet : broker.packets(T::Publish))
        ids.insert(packet.packetId);
    QCOMPARE(ids.size(), 65535); // every id once, none is 0 ([MQTT-2.3.1-1], decoded above)
    QVERIFY(!ids.contains(0));

    // Every id is taken: the next message waits, and so does a SUBSCRIBE.
    QSignalSpy published(&client, &Client::messagePublished);
    const quint64 waiting = client.publish(message(u"ids"_qs, "waiting", QoS::AtLeastOnce));
    QVERIFY(waiting > 0);
    QCOMPARE(client.queuedCount(), 1);
    Error error;
    QCOMPARE(client.subscribe(u"x"_qs, QoS::AtMostOnce, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::QueueFull);
    QVERIFY(roundTrip(broker, client));
    QCOMPARE(broker.count(T::Publish), 65535);

    // Acknowledging id 500 frees exactly that id: the waiting message goes out with it.
    const QList<FakeBroker::Packet> sent = broker.packets(T::Publish);
    const quint16 freed = 500;
    broker.sendAck(T::Puback, freed);
    QTRY_COMPARE(broker.count(T::Publish), 65536);
    const FakeBroker::Packet last = broker.packets(T::Publish).last();
    QCOMPARE(last.publish.payload, QByteArray("waiting"));
    QCOMPARE(last.packetId, freed);
    QVERIFY(!last.publish.dup);
    QCOMPARE(published.size(), 1);
    QCOMPARE(client.queuedCount(), 0);
    QCOMPARE(client.inflightCount(), 65535);
    QVERIFY(broker.decodeErrors().isEmpty());
}

void TestEngineFlow::inflightWindow()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    const int window = 20;
    const int total = 100;
    std::deque<quint16> unacked;
    int largestWindow = 0;
    // The broker acknowledges the oldest message only once the window is full.
    broker.setHandler(T::Publish, [&](const FakeBroker::Packet &packet) {
        unacked.push_back(packet.packetId);
        largestWindow = std::max(largestWindow, int(unacked.size()));
        if (int(unacked.size()) == window) {
            broker.sendAck(T::Puback, unacked.front());
            unacked.pop_front();
        }
    });
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.maximumInflight = window;
    QVERIFY(connectTo(client, options));
    QSignalSpy published(&client, &Client::messagePublished);
    QList<quint64> tokens;
    for (int i = 0; i < total; ++i)
        tokens.append(client.publish(message(u"w"_qs, QByteArray::number(i), QoS::AtLeastOnce)));
    QCOMPARE(client.inflightCount(), window);
    QCOMPARE(client.queuedCount(), total - window);

    QTRY_COMPARE(broker.count(T::Publish), total);
    QCOMPARE(largestWindow, window); // reached, never exceeded
    QCOMPARE(client.queuedCount(), 0);
    QCOMPARE(int(unacked.size()), window - 1);
    while (!unacked.empty()) {
        broker.sendAck(T::Puback, unacked.front());
        unacked.pop_front();
    }
    QTRY_COMPARE(published.size(), total);
    QList<quint64> order;
    for (const auto &arguments : published)
        order.append(arguments.at(0).toULongLong());
    QCOMPARE(order, tokens);
    // The payloads left in the order they were published.
    const QList<FakeBroker::Packet> sent = broker.packets(T::Publish);
    for (int i = 0; i < total; ++i)
        QCOMPARE(sent[i].publish.payload, QByteArray::number(i));
    QCOMPARE(client.inflightCount(), 0);
}

void TestEngineFlow::offlineQueue()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QSignalSpy published(&client, &Client::messagePublished);
    const quint64 q0 = client.publish(message(u"o/0"_qs, "zero", QoS::AtMostOnce));
    const quint64 q1 = client.publish(message(u"o/1"_qs, "one", QoS::AtLeastOnce));
    const quint64 q2 = client.publish(message(u"o/2"_qs, "two", QoS::ExactlyOnce));
    QVERIFY(q0 > 0 && q1 > 0 && q2 > 0);
    QCOMPARE(client.queuedCount(), 3);
    QCOMPARE(broker.connectionCount(), 0);

    QVERIFY(connectTo(client, optionsFor(broker)));
    QTRY_COMPARE(published.size(), 3);
    QCOMPARE(broker.types(), (QList<T>{T::Connect, T::Publish, T::Publish, T::Publish, T::Pubrel}));
    const QList<FakeBroker::Packet> sent = broker.packets(T::Publish);
    QCOMPARE(sent[0].publish.topic, u"o/0"_qs);
    QCOMPARE(sent[0].publish.qos, QoS::AtMostOnce);
    QCOMPARE(sent[1].publish.qos, QoS::AtLeastOnce);
    QCOMPARE(sent[2].publish.qos, QoS::ExactlyOnce);
    QCOMPARE(client.queuedCount(), 0);
    QVERIFY(broker.decodeErrors().isEmpty());
}

void TestEngineFlow::offlineQueueBounded()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.maximumQueued = 3;
    client.setOptions(options);
    for (int i = 0; i < 3; ++i)
        QVERIFY(client.publish(message(u"q"_qs, QByteArray::number(i), QoS::AtLeastOnce)) > 0);
    Error error;
    QCOMPARE(client.publish(message(u"q"_qs, "3", QoS::AtLeastOnce), &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::QueueFull);
    QVERIFY(error.text.contains(u"3"_qs));
    QCOMPARE(client.queuedCount(), 3);

    // Connecting drains the queue; there is room again.
    QSignalSpy published(&client, &Client::messagePublished);
    QVERIFY(connectTo(client, options));
    QTRY_COMPARE(published.size(), 3);
    QCOMPARE(broker.count(T::Publish), 3);
    QVERIFY(client.publish(message(u"q"_qs, "4", QoS::AtLeastOnce), &error) > 0);
    QVERIFY(!error);
}

QTEST_GUILESS_MAIN(TestEngineFlow)
#include "tst_engine_flow.moc"
