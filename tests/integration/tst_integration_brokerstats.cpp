// SPDX-License-Identifier: Apache-2.0
// The broker dashboard's model (BrokerStats, fed by a ConnectionWorkspace) against a real
// mosquitto publishing $SYS every second: its values come, clients connected goes up when
// another client connects, rates follow what is published; its $SYS/# subscription stays out
// of the user's subscription list and log (unless the user subscribes to $SYS too); a broker
// with $SYS turned off is reported silent; connecting to another broker forgets the first one's
// values.
#include "brokerstats.h"
#include "client.h"
#include "clientwaits.h"
#include "connectionworkspace.h"
#include "messagelogmodel.h"
#include "mosquittoprocess.h"
#include "subscriptionmodel.h"

#include <QTest>

using namespace Mqtt;
using Series = BrokerStats::Series;

namespace {

constexpr int WaitMs = 10000;

ConnectionOptions optionsFor(const MosquittoProcess &broker, const QString &clientId)
{
    ConnectionOptions options;
    options.host = broker.host();
    options.port = broker.port();
    options.clientId = clientId;
    return options;
}

bool holdsSysFilter(const Client *client)
{
    const QList<SubscribeTopic> held = client->activeSubscriptions();
    return std::any_of(held.cbegin(), held.cend(), [](const SubscribeTopic &topic) {
        return topic.filter == BrokerStats::Filter;
    });
}

int sysRowsInLog(const MessageLogModel *log)
{
    int rows = 0;
    for (int row = 0; row < log->rowCount(); ++row)
        rows += log->topicAt(row).startsWith(QLatin1String("$SYS/"));
    return rows;
}

} // namespace

class tst_IntegrationBrokerStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void valuesAndClientsConnected();
    void userSubscriptionToSysIsLogged();
    void brokerWithoutSysIsSilent();
    void anotherBrokerForgetsTheFirst();

private:
    MosquittoProcess m_broker;
};

void tst_IntegrationBrokerStats::initTestCase()
{
    m_broker.addConfigLines({QStringLiteral("sys_interval 1")});
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_IntegrationBrokerStats::valuesAndClientsConnected()
{
    ConnectionWorkspace workspace(1);
    BrokerStats *stats = workspace.brokerStats();
    QVERIFY(ClientWaits::connectAndWait(
            workspace.client(), optionsFor(m_broker, QStringLiteral("tst-dashboard")), WaitMs));
    // The user's "#" never matches $SYS topics [MQTT-4.7.2-1]: it neither feeds nor hides them.
    workspace.subscriptions()->addSubscription(QStringLiteral("#"), QoS::AtMostOnce);
    QVERIFY(ClientWaits::subscribeAndWait(workspace.client(),
                                          {SubscribeTopic{QStringLiteral("#"), QoS::AtMostOnce}},
                                          {}, WaitMs));
    stats->setWatching(BrokerStats::Watching::On);
    QCOMPARE(stats->state(), BrokerStats::State::Waiting);
    QTRY_COMPARE_WITH_TIMEOUT(stats->state(), BrokerStats::State::Receiving, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(stats->clientsConnected().has_value(), WaitMs);
    QCOMPARE(stats->broker(), BrokerStats::Broker::Mosquitto);
    QVERIFY2(stats->version().startsWith(QLatin1String("mosquitto version")),
             qPrintable(stats->version()));
    QVERIFY(stats->uptimeSeconds().has_value());
    // The user's and the dashboard's, once the next interval counts them.
    QTRY_VERIFY_WITH_TIMEOUT(stats->subscriptionCount().value_or(0) >= 2, WaitMs);
    QVERIFY(stats->rowCount() > 0); // e.g. $SYS/broker/clients/total, raw
    const qint64 before = *stats->clientsConnected();
    QVERIFY(before >= 1);

    Client other;
    QVERIFY(ClientWaits::connectAndWait(&other, optionsFor(m_broker, QStringLiteral("tst-other")),
                                        WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(stats->clientsConnected().value_or(0), before + 1, WaitMs);

    // Messages in: the other client publishes; the broker's counter moves, a rate follows.
    for (int i = 0; i < 20; ++i) {
        Message message;
        message.topic = QStringLiteral("dashboard/load");
        message.payload = QByteArray::number(i);
        QVERIFY(ClientWaits::publishAndWait(&other, message, WaitMs));
    }
    QTRY_VERIFY_WITH_TIMEOUT(stats->latestRate(Series::MessagesReceived).value_or(0) > 0, WaitMs);
    QVERIFY(stats->latestRate(Series::BytesSent).value_or(0) > 0); // $SYS to us, at least

    // The dashboard's subscription is not the user's: not listed, nothing $SYS in the log.
    QVERIFY(holdsSysFilter(workspace.client()));
    QCOMPARE(workspace.subscriptions()->rowOf(BrokerStats::Filter), -1);
    QCOMPARE(workspace.subscriptions()->rowCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(workspace.messageLog()->rowCount() >= 20, WaitMs);
    QCOMPARE(sysRowsInLog(workspace.messageLog()), 0);

    stats->setWatching(BrokerStats::Watching::Off);
    QTRY_VERIFY_WITH_TIMEOUT(!holdsSysFilter(workspace.client()), WaitMs);
    QCOMPARE(stats->state(), BrokerStats::State::Idle);
}

void tst_IntegrationBrokerStats::userSubscriptionToSysIsLogged()
{
    ConnectionWorkspace workspace(2);
    BrokerStats *stats = workspace.brokerStats();
    QVERIFY(ClientWaits::connectAndWait(
            workspace.client(), optionsFor(m_broker, QStringLiteral("tst-dashboard-2")), WaitMs));
    stats->setWatching(BrokerStats::Watching::On);
    QTRY_VERIFY_WITH_TIMEOUT(!stats->version().isEmpty(), WaitMs);
    // The user asks for one $SYS topic: that one reaches the log, the rest do not.
    const QString version = QStringLiteral("$SYS/broker/version");
    workspace.subscriptions()->addSubscription(version, QoS::AtMostOnce);
    QVERIFY(ClientWaits::subscribeAndWait(workspace.client(),
                                          {SubscribeTopic{version, QoS::AtMostOnce}}, {}, WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(sysRowsInLog(workspace.messageLog()) >= 1, WaitMs);
    // A few more intervals: still only the version (retained, sent once at subscribe).
    const std::optional<qint64> uptime = stats->uptimeSeconds();
    QTRY_VERIFY_WITH_TIMEOUT(stats->uptimeSeconds() > uptime, WaitMs);
    for (int row = 0; row < workspace.messageLog()->rowCount(); ++row)
        QCOMPARE(workspace.messageLog()->topicAt(row), version);

    // The user's own $SYS/#: listed as theirs, and kept when the dashboard stops.
    workspace.subscriptions()->addSubscription(BrokerStats::Filter, QoS::AtMostOnce);
    QVERIFY(ClientWaits::subscribeAndWait(workspace.client(),
                                          {SubscribeTopic{BrokerStats::Filter, QoS::AtMostOnce}},
                                          {}, WaitMs));
    QVERIFY(workspace.subscriptions()->contains(BrokerStats::Filter));
    stats->setWatching(BrokerStats::Watching::Off);
    QTRY_VERIFY_WITH_TIMEOUT(sysRowsInLog(workspace.messageLog()) > 5, WaitMs);
    QVERIFY(holdsSysFilter(workspace.client()));
}

void tst_IntegrationBrokerStats::brokerWithoutSysIsSilent()
{
    MosquittoProcess quiet;
    quiet.addConfigLines({QStringLiteral("sys_interval 0")});
    QVERIFY2(quiet.start(), qPrintable(quiet.errorString()));
    ConnectionWorkspace workspace(3);
    BrokerStats *stats = workspace.brokerStats();
    stats->setSilenceTimeout(1500);
    // Watching before the connection: it subscribes once connected.
    stats->setWatching(BrokerStats::Watching::On);
    QVERIFY(ClientWaits::connectAndWait(
            workspace.client(), optionsFor(quiet, QStringLiteral("tst-dashboard-quiet")), WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(holdsSysFilter(workspace.client()), WaitMs);
    QCOMPARE(stats->state(), BrokerStats::State::Waiting);
    QTRY_COMPARE_WITH_TIMEOUT(stats->state(), BrokerStats::State::Silent, WaitMs);
    QCOMPARE(stats->rowCount(), 0);
    QVERIFY(stats->version().isEmpty());
}

void tst_IntegrationBrokerStats::anotherBrokerForgetsTheFirst()
{
    ConnectionWorkspace workspace(4);
    BrokerStats *stats = workspace.brokerStats();
    stats->setSilenceTimeout(1500);
    stats->setWatching(BrokerStats::Watching::On);
    QVERIFY(ClientWaits::connectAndWait(workspace.client(),
                                        optionsFor(m_broker, QStringLiteral("tst-dashboard-moves")),
                                        WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(stats->state(), BrokerStats::State::Receiving, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(stats->clientsConnected().has_value(), WaitMs);
    QVERIFY(!stats->version().isEmpty());

    // The same connection, pointed at a broker that publishes no $SYS.
    MosquittoProcess quiet;
    quiet.addConfigLines({QStringLiteral("sys_interval 0")});
    QVERIFY2(quiet.start(), qPrintable(quiet.errorString()));
    workspace.client()->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(workspace.client()->state(), Client::State::Disconnected, WaitMs);
    QVERIFY(ClientWaits::connectAndWait(
            workspace.client(), optionsFor(quiet, QStringLiteral("tst-dashboard-moves")), WaitMs));
    QCOMPARE(stats->state(), BrokerStats::State::Waiting);
    QVERIFY(stats->version().isEmpty());
    QVERIFY(!stats->clientsConnected().has_value());
    QVERIFY(!stats->uptimeSeconds().has_value());
    QVERIFY(stats->points(Series::MessagesReceived).empty());
    QCOMPARE(stats->rowCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(stats->state(), BrokerStats::State::Silent, WaitMs);
    QVERIFY(stats->version().isEmpty());
}

QTEST_GUILESS_MAIN(tst_IntegrationBrokerStats)
#include "tst_integration_brokerstats.moc"
