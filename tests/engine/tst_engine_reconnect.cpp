// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QSignalSpy>
#include <QTimer>

#include <cmath>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// Automatic reconnection: back-off, resubscription when the broker kept no session, and when
// not to retry.
class TestEngineReconnect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reconnectsAndResubscribes();
    void sessionPresentSkipsResubscribe();
    void backoffGrowsToMaximum();
    void backoffStartsAgainAfterEachConnack();
    void permanentRefusalStops();
    void disconnectStopsReconnecting();
    void manualConnectCancelsPendingReconnect();
};

namespace {

ConnectionOptions reconnectingOptions(const FakeBroker &broker)
{
    ConnectionOptions options = optionsFor(broker);
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 40;
    options.reconnectMaximumDelayMs = 160;
    return options;
}

} // namespace

void TestEngineReconnect::reconnectsAndResubscribes()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, reconnectingOptions(broker)));
    QSignalSpy subscribed(&client, &Client::subscriptionAcknowledged);
    client.subscribe({{u"a/#"_qs, QoS::AtLeastOnce, false, false, {}},
                      {u"b"_qs, QoS::ExactlyOnce, false, false, {}}});
    QTRY_COMPARE(subscribed.size(), 1);

    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy connected(&client, &Client::connected);
    broker.dropConnection();
    QTRY_COMPARE(scheduled.size(), 1);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::BrokerDisconnected);
    QCOMPARE(scheduled.at(0).at(0).toInt(), 1);
    const int delay = scheduled.at(0).at(1).toInt();
    QVERIFY2(delay >= 30 && delay <= 50, qPrintable(QString::number(delay))); // 40 ms +-25%

    QTRY_COMPARE(connected.size(), 1);
    QCOMPARE(broker.connectionCount(), 2);
    QCOMPARE(connected.at(0).at(0).toBool(), false);
    // No session on the broker: the client subscribes again, on its own.
    QTRY_COMPARE(subscribed.size(), 2);
    QList<FakeBroker::Packet> again;
    for (const FakeBroker::Packet &packet : broker.packets(T::Subscribe)) {
        if (packet.connection == 2)
            again.append(packet);
    }
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.first().subscribe.topics.size(), 2);
    QCOMPARE(again.first().subscribe.topics[0].filter, u"a/#"_qs);
    QCOMPARE(again.first().subscribe.topics[0].qos, QoS::AtLeastOnce);
    QCOMPARE(again.first().subscribe.topics[1].filter, u"b"_qs);
    QCOMPARE(again.first().subscribe.topics[1].qos, QoS::ExactlyOnce);
    QCOMPARE(client.activeSubscriptions().size(), 2);
    QCOMPARE(errors.size(), 1);
    QVERIFY(broker.decodeErrors().isEmpty());
}

void TestEngineReconnect::sessionPresentSkipsResubscribe()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = reconnectingOptions(broker);
    options.cleanSession = false;
    QVERIFY(connectTo(client, options));
    QSignalSpy subscribed(&client, &Client::subscriptionAcknowledged);
    client.subscribe(u"kept"_qs, QoS::AtLeastOnce);
    QTRY_COMPARE(subscribed.size(), 1);
    broker.setSessionPresent(true);
    QSignalSpy connected(&client, &Client::connected);
    broker.dropConnection();
    QTRY_COMPARE(connected.size(), 1);
    QCOMPARE(connected.at(0).at(0).toBool(), true);
    QVERIFY(client.sessionPresent());
    // A later packet proves nothing else was sent on the new connection.
    QSignalSpy published(&client, &Client::messagePublished);
    client.publish(message(u"after"_qs, {}, QoS::AtLeastOnce));
    QTRY_COMPARE(published.size(), 1);
    QList<T> second;
    for (const FakeBroker::Packet &packet : broker.packets()) {
        if (packet.connection == 2)
            second.append(packet.type);
    }
    QCOMPARE(second, (QList<T>{T::Connect, T::Publish}));
}

void TestEngineReconnect::backoffGrowsToMaximum()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setConnackReturnCode(3); // server unavailable: worth retrying
    Client client;
    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    client.connectToHost(reconnectingOptions(broker));
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.size(), 5, Timeout);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(scheduled.at(i).at(0).toInt(), i + 1);
        const double base = std::min(160.0, 40.0 * std::pow(2.0, i)); // 40, 80, 160, 160...
        const int delay = scheduled.at(i).at(1).toInt();
        QVERIFY2(delay >= int(base * 0.75) && delay <= int(base * 1.25) + 1,
                 qPrintable(QStringLiteral("attempt %1: %2 ms").arg(i + 1).arg(delay)));
    }
    client.disconnectFromHost();
    QCOMPARE(client.state(), Client::State::Disconnected);

    // A successful connection starts the back-off again from the initial delay.
    broker.setConnackReturnCode(0);
    QVERIFY(connectTo(client, reconnectingOptions(broker)));
    scheduled.clear();
    broker.dropConnection();
    QTRY_COMPARE(scheduled.size(), 1);
    QCOMPARE(scheduled.at(0).at(0).toInt(), 1);
    QVERIFY(waitForState(client, Client::State::Connected));
}

// A link that breaks every second, and each reconnect is refused once before it succeeds: the
// back-off goes 1, 2, then starts again at its first step after each CONNACK. Without the
// reset the attempts would count on (1, 2, 3, 4, ...) and the delay double up to 10 s.
void TestEngineReconnect::backoffStartsAgainAfterEachConnack()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    ConnectionOptions options = reconnectingOptions(broker);
    options.reconnectMaximumDelayMs = 10000;
    Client client;
    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    // The first retry after a break meets "server unavailable", the second gets in.
    connect(&client, &Client::reconnectScheduled, this,
            [&](int attempt) { broker.setConnackReturnCode(attempt == 1 ? 3 : 0); });
    QTimer breaker;
    breaker.setSingleShot(true);
    connect(&breaker, &QTimer::timeout, &broker, &FakeBroker::dropConnection);
    connect(&client, &Client::connected, &breaker, [&] { breaker.start(1000); });
    QVERIFY(connectTo(client, options));
    constexpr int Breaks = 4;
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 2 * Breaks, Breaks * 1500 + Timeout);
    QVERIFY(waitForState(client, Client::State::Connected));
    client.disconnectFromHost();
    for (int i = 0; i < scheduled.size(); ++i) {
        const int attempt = scheduled.at(i).at(0).toInt();
        const int delay = scheduled.at(i).at(1).toInt();
        QVERIFY2(attempt == 1 + i % 2 && delay <= int(80 * 1.25) + 1,
                 qPrintable(QStringLiteral("retry %1: attempt %2 after %3 ms")
                                    .arg(i + 1)
                                    .arg(attempt)
                                    .arg(delay)));
    }
    QCOMPARE(broker.connectionCount(), 1 + scheduled.size());
}

void TestEngineReconnect::permanentRefusalStops()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setConnackReturnCode(4); // bad user name or password: retrying cannot help
    Client client;
    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    QSignalSpy disconnected(&client, &Client::disconnected);
    client.connectToHost(reconnectingOptions(broker));
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(client.lastError().code, ErrorCode::ConnectionRefused);
    QCOMPARE(broker.connectionCount(), 1);
}

void TestEngineReconnect::disconnectStopsReconnecting()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = reconnectingOptions(broker);
    options.reconnectInitialDelayMs = 60000; // stays in WaitingToReconnect
    options.reconnectMaximumDelayMs = 60000;
    QVERIFY(connectTo(client, options));
    broker.dropConnection();
    QVERIFY(waitForState(client, Client::State::WaitingToReconnect));
    QSignalSpy disconnected(&client, &Client::disconnected);
    client.disconnectFromHost();
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(broker.connectionCount(), 1);
}

void TestEngineReconnect::manualConnectCancelsPendingReconnect()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    const ConnectionOptions options = reconnectingOptions(broker); // retry after 30..50 ms
    QVERIFY(connectTo(client, options));
    broker.dropConnection();
    QVERIFY(waitForState(client, Client::State::WaitingToReconnect));
    // The user connects at once: the scheduled retry must not reopen over this connection.
    QSignalSpy errors(&client, &Client::errorOccurred);
    QVERIFY(connectTo(client, options));
    QCOMPARE(broker.connectionCount(), 2);
    // Six times the longest scheduled delay: a stray retry would have opened a third.
    QVERIFY(!QTest::qWaitFor([&] { return broker.connectionCount() > 2; }, 300));
    QCOMPARE(client.state(), Client::State::Connected);
    QCOMPARE(errors.size(), 0);
}

QTEST_GUILESS_MAIN(TestEngineReconnect)
#include "tst_engine_reconnect.moc"
