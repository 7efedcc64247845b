// SPDX-License-Identifier: Apache-2.0
// Failover of the engine across three real mosquitto brokers: the list is tried in order, a
// killed broker gives way to the next one with the subscriptions restored there, and the next
// connectToHost() starts again at the head of the list.
#include "client.h"
#include "clientwaits.h"
#include "mosquittoprocess.h"

#include <QSignalSpy>
#include <QTest>

#include <array>
#include <memory>

using namespace Mqtt;

namespace {

constexpr int WaitMs = 10000;

} // namespace

class TestIntegrationFailover : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void killedBrokerGivesWayToTheNext();
    void deadHeadIsSkippedAtConnect();

private:
    BrokerAddress addressOf(int broker) const
    {
        return BrokerAddress{TransportKind::Tcp, m_brokers[broker]->host(),
                             m_brokers[broker]->port()};
    }
    ConnectionOptions failoverOptions() const;
    // Publishes on one broker from a client of its own until `client` receives it.
    bool arrives(Client *client, int broker, const QByteArray &payload);

    std::array<std::unique_ptr<MosquittoProcess>, 3> m_brokers;
};

void TestIntegrationFailover::initTestCase()
{
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
    for (auto &broker : m_brokers) {
        broker = std::make_unique<MosquittoProcess>();
        QVERIFY2(broker->start(), qPrintable(broker->errorString()));
    }
}

void TestIntegrationFailover::init()
{
    for (auto &broker : m_brokers) {
        if (!broker->isRunning())
            QVERIFY2(broker->restart(), qPrintable(broker->errorString()));
    }
}

ConnectionOptions TestIntegrationFailover::failoverOptions() const
{
    ConnectionOptions options;
    options.clientId = QStringLiteral("tst-integration-failover");
    options.setServers({addressOf(0), addressOf(1), addressOf(2)});
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 100;
    options.reconnectMaximumDelayMs = 400;
    return options;
}

bool TestIntegrationFailover::arrives(Client *client, int broker, const QByteArray &payload)
{
    Client publisher;
    ConnectionOptions options;
    options.setServers({addressOf(broker)});
    if (!ClientWaits::connectAndWait(&publisher, options, WaitMs))
        return false;
    QSignalSpy received(client, &Client::messageReceived);
    Message message;
    message.topic = QStringLiteral("failover/test");
    message.payload = payload;
    message.qos = QoS::AtLeastOnce;
    const auto hasArrived = [&] {
        for (const QList<QVariant> &arguments : received) {
            if (arguments.at(0).value<Message>().payload == payload)
                return true;
        }
        return false;
    };
    // The resubscription may still be on its way: publish again until it arrives.
    for (int attempt = 0; attempt < 20 && !hasArrived(); ++attempt) {
        if (!ClientWaits::publishAndWait(&publisher, message, WaitMs))
            return false;
        received.wait(500); // returns as soon as a message comes
    }
    return hasArrived();
}

void TestIntegrationFailover::killedBrokerGivesWayToTheNext()
{
    Client client;
    QSignalSpy servers(&client, &Client::serverChanged);
    QVERIFY(ClientWaits::connectAndWait(&client, failoverOptions(), WaitMs));
    QCOMPARE(client.currentServerIndex(), 0);
    QVERIFY(ClientWaits::subscribeAndWait(
            &client, {{QStringLiteral("failover/#"), QoS::AtLeastOnce, false, false, {}}}, {},
            WaitMs));
    QVERIFY(arrives(&client, 0, "on the first"));

    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    m_brokers[0]->stop();
    QTRY_COMPARE_WITH_TIMEOUT(client.currentServerIndex(), 1, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Client::State::Connected, WaitMs);
    QVERIFY(arrives(&client, 1, "on the second"));

    m_brokers[1]->stop();
    QTRY_COMPARE_WITH_TIMEOUT(client.currentServerIndex(), 2, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Client::State::Connected, WaitMs);
    QVERIFY(arrives(&client, 2, "on the third"));
    QCOMPARE(scheduled.size(), 0); // each move went straight to the next broker
    QCOMPARE(servers.size(), 3);

    // With the first back, a new connect starts at the head of the list.
    QVERIFY2(m_brokers[0]->restart(), qPrintable(m_brokers[0]->errorString()));
    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Client::State::Disconnected, WaitMs);
    QVERIFY(ClientWaits::connectAndWait(&client, client.options(), WaitMs));
    QCOMPARE(client.currentServerIndex(), 0);
    QCOMPARE(servers.constLast().at(0).toInt(), 0);
}

void TestIntegrationFailover::deadHeadIsSkippedAtConnect()
{
    m_brokers[0]->stop();
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    ConnectionOptions options = failoverOptions();
    options.autoReconnect = false; // moving on while connecting needs no reconnect
    QVERIFY(ClientWaits::connectAndWait(&client, options, WaitMs));
    QCOMPARE(client.currentServerIndex(), 1);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::TransportError);
}

QTEST_GUILESS_MAIN(TestIntegrationFailover)
#include "tst_integration_failover.moc"
