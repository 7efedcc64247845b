// SPDX-License-Identifier: Apache-2.0
// The broker dashboard in the main window against a real mosquitto publishing $SYS every
// second: opened from the View menu, it shows the current connection's broker (version,
// uptime, clients connected going up when another client connects), draws the rates, lists
// other $SYS topics raw, keeps $SYS out of the log, and leaves $SYS/# when closed.
#include "guitesthelpers.h"

#include "brokerdashboard.h"
#include "brokerdashboarddock.h"
#include "brokerstats.h"
#include "client.h"
#include "clientwaits.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "mosquittoprocess.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "windowsteps.h"

#include <QAction>
#include <QChartView>
#include <QFile>
#include <QSettings>
#include <QTableView>
#include <QTest>
#include <QValueAxis>

#include <memory>

using Card = BrokerDashboard::Card;

namespace {

constexpr int Timeout = 10000;

bool holdsSysFilter(const Mqtt::Client *client)
{
    const QList<Mqtt::SubscribeTopic> held = client->activeSubscriptions();
    return std::any_of(held.cbegin(), held.cend(), [](const Mqtt::SubscribeTopic &topic) {
        return topic.filter == BrokerStats::Filter;
    });
}

} // namespace

class TestBrokerDashboard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsTheBrokersValues();
    void closingLeavesSys();
    void tickLabelsShowTheStep();

private:
    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
};

void TestBrokerDashboard::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_brokerdashboard"));
    QFile::remove(QSettings().fileName());
    m_broker = std::make_unique<MosquittoProcess>();
    m_broker->addConfigLines({QStringLiteral("sys_interval 1")});
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
}

void TestBrokerDashboard::cleanupTestCase()
{
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestBrokerDashboard::showsTheBrokersValues()
{
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), workspace, m_broker->host(),
                                             m_broker->port(), QStringLiteral("#")));
    BrokerDashboardDock *dock = m_window->brokerDashboardDock();
    QVERIFY(!dock->isVisible());
    // Not watching until opened: nothing subscribed for it.
    QCOMPARE(workspace->brokerStats()->watching(), BrokerStats::Watching::Off);
    QVERIFY(!holdsSysFilter(workspace->client()));
    QAction *toggle = dock->toggleViewAction();
    QCOMPARE(toggle->text(), QStringLiteral("&Broker dashboard"));
    toggle->trigger();
    QVERIFY(dock->isVisible());
    BrokerDashboard *dashboard = dock->currentDashboard();
    QVERIFY(dashboard);
    QCOMPARE(dashboard, dock->dashboard(workspace));
    QCOMPARE(dashboard->workspace(), workspace);
    QTRY_VERIFY_WITH_TIMEOUT(
            dashboard->cardText(Card::Version).startsWith(QLatin1String("mosquitto version")),
            Timeout);
    QVERIFY(dashboard->statusText().isEmpty());
    // At least this window's connection, once an interval after it connected has counted it.
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->cardText(Card::Clients).toInt() >= 1, Timeout);
    const int before = dashboard->cardText(Card::Clients).toInt();
    QVERIFY(dashboard->cardText(Card::Uptime).endsWith(QLatin1String(" s")));

    Mqtt::Client other;
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-dashboard-other");
    QVERIFY(ClientWaits::connectAndWait(&other, options, Timeout));
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->cardText(Card::Clients).toInt(), before + 1, Timeout);

    // The charts fill in, one point per second; other topics are listed raw.
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->chartPointCount(BrokerStats::Series::MessagesSent) >= 2,
                             Timeout);
    QVERIFY(dashboard->chartPointCount(BrokerStats::Series::BytesSent) >= 2);
    QVERIFY(dashboard->cardText(Card::Messages).contains(QLatin1String(" / ")));
    QVERIFY(dashboard->rawTopicsView()->model()->rowCount() > 0);
    QVERIFY(dashboard->rawTopicsView()->isVisible());
    // Tick labels tell the ticks apart: at low rates 0, 0.5, 1, 1.5, not 0, 1, 1, 2.
    QList<const QValueAxis *> axes;
    for (const QChartView *view : dashboard->findChildren<QChartView *>()) {
        for (const QAbstractAxis *axis : view->chart()->axes(Qt::Vertical))
            axes << qobject_cast<const QValueAxis *>(axis);
    }
    QVERIFY(!axes.isEmpty());
    for (const QValueAxis *axis : axes) {
        QVERIFY(axis);
        QStringList labels;
        const double step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
        for (int i = 0; i < axis->tickCount(); ++i)
            labels << QString::asprintf(qPrintable(axis->labelFormat()), axis->min() + i * step);
        QVERIFY2(labels.removeDuplicates() == 0, qPrintable(labels.join(QStringLiteral(", "))));
    }

    // The user's "#" does not take $SYS [MQTT-4.7.2-1]; the dashboard's own does not show.
    const MessageLogModel *log = workspace->messageLog();
    for (int row = 0; row < log->rowCount(); ++row)
        QVERIFY2(!log->topicAt(row).startsWith(QLatin1Char('$')), qPrintable(log->topicAt(row)));
    QCOMPARE(workspace->subscriptions()->rowOf(BrokerStats::Filter), -1);
}

void TestBrokerDashboard::closingLeavesSys()
{
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    BrokerDashboardDock *dock = m_window->brokerDashboardDock();
    QVERIFY(holdsSysFilter(workspace->client()));
    dock->toggleViewAction()->trigger();
    QVERIFY(!dock->isVisible());
    QCOMPARE(workspace->brokerStats()->watching(), BrokerStats::Watching::Off);
    QTRY_VERIFY_WITH_TIMEOUT(!holdsSysFilter(workspace->client()), Timeout);
    // The user's subscription stays.
    QVERIFY(workspace->subscriptions()->contains(QStringLiteral("#")));
}

void TestBrokerDashboard::tickLabelsShowTheStep()
{
    QCOMPARE(BrokerDashboard::tickLabelFormat(2), QStringLiteral("%.0f"));
    QCOMPARE(BrokerDashboard::tickLabelFormat(500), QStringLiteral("%.0f"));
    QCOMPARE(BrokerDashboard::tickLabelFormat(0.5), QStringLiteral("%.1f"));
    QCOMPARE(BrokerDashboard::tickLabelFormat(0.2), QStringLiteral("%.1f"));
    QCOMPARE(BrokerDashboard::tickLabelFormat(0.25), QStringLiteral("%.2f"));
    QCOMPARE(BrokerDashboard::tickLabelFormat(0.05), QStringLiteral("%.2f"));
}

QTEST_MAIN(TestBrokerDashboard)
#include "tst_brokerdashboard.moc"
