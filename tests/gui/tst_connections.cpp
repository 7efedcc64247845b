// SPDX-License-Identifier: Apache-2.0
// Several connections in one window, against two and three real mosquittos: each connection
// receives and publishes on its own, the combined view tags every message with its
// connection, the memory budget is shared and rebalanced, and the session (open connections,
// subscriptions, the layout) comes back when the window is made again with the same settings.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "connectionpane.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "publishpane.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "topictreemodel.h"
#include "translations.h"
#include "windowsteps.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <memory>

class TestConnections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void twoConnectionsReceiveAndPublishIndependently();
    void combinedLogTagsEachMessageWithItsConnection();
    void composerInTheCombinedViewPublishesOnTheChosenConnection();
    void closingAConnectionRebalancesTheBudget();
    void restoredSessionReconnectsAndResubscribes();
    void connectionListChoiceIsRemembered();
    void connectionsOpenedBeforeShowAreTabs();

private:
    void makeWindow();
    // Opens (or takes the window's first) connection to broker index, connects and subscribes.
    ConnectionWorkspace *connectTo(int broker, const QString &filter, bool first = false);
    bool publishOn(int broker, const QString &topic, const QByteArray &payload);
    static int rowsWithPayload(const MessageLogModel *log, const QByteArray &payload,
                               MessageLogModel::Direction direction);
    void saveProfile(const QString &name, int broker, bool connectAtStart);

    QTemporaryDir m_settingsDir;
    std::array<std::unique_ptr<MosquittoProcess>, 3> m_brokers;
    std::array<std::unique_ptr<Mqtt::Client>, 3> m_others; // publishers/watchers per broker
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
};

void TestConnections::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_connections"));
    Translations::install(qApp, QStringLiteral("en"));
    // The window's settings and the profiles in a folder of this run's own.
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    for (auto &broker : m_brokers) {
        broker = std::make_unique<MosquittoProcess>();
        QVERIFY2(broker->start(), qPrintable(broker->errorString()));
    }
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestConnections::init()
{
    QFile::remove(QSettings().fileName());
    QFile::remove(m_settingsDir.filePath(QStringLiteral("profiles.ini")));
    m_profiles =
            std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.ini")));
    for (size_t i = 0; i < m_brokers.size(); ++i) {
        m_others[i] = std::make_unique<Mqtt::Client>();
        Mqtt::ConnectionOptions options;
        options.host = m_brokers[i]->host();
        options.port = m_brokers[i]->port();
        options.clientId = QStringLiteral("tst-connections-other-%1").arg(i);
        QVERIFY(ClientWaits::connectAndWait(m_others[i].get(), options, 10000));
    }
    makeWindow();
}

void TestConnections::makeWindow()
{
    m_window = std::make_unique<MainWindow>(m_profiles.get(), m_secrets.get());
    m_window->resize(1024, 700);
    m_window->show();
}

void TestConnections::cleanup()
{
    m_window.reset();
    for (auto &other : m_others)
        other.reset();
    m_profiles.reset();
}

void TestConnections::cleanupTestCase()
{
    m_secrets.reset();
    for (auto &broker : m_brokers)
        broker.reset();
}

ConnectionWorkspace *TestConnections::connectTo(int broker, const QString &filter, bool first)
{
    ConnectionWorkspace *workspace =
            first ? m_window->currentWorkspace() : m_window->openConnection();
    if (!workspace || !WindowSteps::connectAndSubscribe(m_window.get(), workspace,
                                                        m_brokers[size_t(broker)]->host(),
                                                        m_brokers[size_t(broker)]->port(), filter))
        return nullptr;
    return workspace;
}

bool TestConnections::publishOn(int broker, const QString &topic, const QByteArray &payload)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce;
    return ClientWaits::publishAndWait(m_others[size_t(broker)].get(), message, 10000);
}

int TestConnections::rowsWithPayload(const MessageLogModel *log, const QByteArray &payload,
                                     MessageLogModel::Direction direction)
{
    return WindowSteps::rowsWithPayload(log, payload, direction);
}

void TestConnections::saveProfile(const QString &name, int broker, bool connectAtStart)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.host = m_brokers[size_t(broker)]->host();
    profile.port = m_brokers[size_t(broker)]->port();
    profile.connectAtStart = connectAtStart;
    QVERIFY(m_profiles->saveProfile(profile));
}

void TestConnections::twoConnectionsReceiveAndPublishIndependently()
{
    ConnectionWorkspace *a = connectTo(0, QStringLiteral("t/#"), true);
    QVERIFY(a);
    ConnectionWorkspace *b = connectTo(1, QStringLiteral("t/#"));
    QVERIFY(b);
    QCOMPARE(m_window->workspaces(), (QList<ConnectionWorkspace *>{a, b}));
    QCOMPARE(m_window->currentWorkspace(), b);
    QVERIFY(a->client() != b->client());

    // What one broker says reaches only the connection to it.
    QVERIFY(publishOn(0, QStringLiteral("t/one"), "from broker 1"));
    QVERIFY(publishOn(1, QStringLiteral("t/two"), "from broker 2"));
    const auto incoming = MessageLogModel::Direction::Incoming;
    QTRY_COMPARE(rowsWithPayload(a->messageLog(), "from broker 1", incoming), 1);
    QTRY_COMPARE(rowsWithPayload(b->messageLog(), "from broker 2", incoming), 1);
    QCOMPARE(rowsWithPayload(a->messageLog(), "from broker 2", incoming), 0);
    QCOMPARE(rowsWithPayload(b->messageLog(), "from broker 1", incoming), 0);
    a->topicTree()->flush();
    b->topicTree()->flush();
    QVERIFY(a->topicTree()->indexForTopic(QStringLiteral("t/one")).isValid());
    QVERIFY(!a->topicTree()->indexForTopic(QStringLiteral("t/two")).isValid());
    QVERIFY(b->topicTree()->indexForTopic(QStringLiteral("t/two")).isValid());

    // Each composer publishes on its own connection: the other broker never sees it.
    Mqtt::SubscribeTopic watch;
    watch.filter = QStringLiteral("out/#");
    QVERIFY(ClientWaits::subscribeAndWait(m_others[0].get(), {watch}, {}, 10000));
    QVERIFY(ClientWaits::subscribeAndWait(m_others[1].get(), {watch}, {}, 10000));
    QSignalSpy onBroker1(m_others[0].get(), &Mqtt::Client::messageReceived);
    QSignalSpy onBroker2(m_others[1].get(), &Mqtt::Client::messageReceived);
    PublishPane *composerB = m_window->publishPane(b);
    composerB->setTopic(QStringLiteral("out/b"));
    composerB->setPayloadText(QStringLiteral("published on b"));
    QVERIFY(composerB->publish() != 0);
    m_window->setCurrentWorkspace(a);
    QCOMPARE(m_window->publishPane(), m_window->publishPane(a));
    m_window->publishPane()->setTopic(QStringLiteral("out/a"));
    m_window->publishPane()->setPayloadText(QStringLiteral("published on a"));
    QVERIFY(m_window->publishPane()->publish() != 0);
    QTRY_COMPARE(onBroker1.size(), 1);
    QTRY_COMPARE(onBroker2.size(), 1);
    QCOMPARE(onBroker1.at(0).at(0).value<Mqtt::Message>().payload, QByteArray("published on a"));
    QCOMPARE(onBroker2.at(0).at(0).value<Mqtt::Message>().payload, QByteArray("published on b"));
    const auto outgoing = MessageLogModel::Direction::Outgoing;
    // The logs show their rows at their next flush.
    QTRY_COMPARE(rowsWithPayload(a->messageLog(), "published on a", outgoing), 1);
    QTRY_COMPARE(rowsWithPayload(b->messageLog(), "published on b", outgoing), 1);
    QCOMPARE(rowsWithPayload(a->messageLog(), "published on b", outgoing), 0);

    // Disconnecting one leaves the other connected, and the status bar names the current one.
    m_window->connectionPane(a)->disconnectFromBroker();
    QTRY_COMPARE(a->client()->state(), Mqtt::Client::State::Disconnected);
    QCOMPARE(b->client()->state(), Mqtt::Client::State::Connected);
    QVERIFY2(m_window->statusText().startsWith(QLatin1String("Disconnected | ") + a->name()),
             qPrintable(m_window->statusText()));
    m_window->setCurrentWorkspace(b);
    QVERIFY2(m_window->statusText().startsWith(QLatin1String("Connected | ") + b->name()),
             qPrintable(m_window->statusText()));
}

void TestConnections::combinedLogTagsEachMessageWithItsConnection()
{
    QVERIFY(!m_window->combinedLog()); // one connection: nothing to combine
    ConnectionWorkspace *a = connectTo(0, QStringLiteral("t/#"), true);
    QVERIFY(a);
    ConnectionWorkspace *b = connectTo(1, QStringLiteral("t/#"));
    QVERIFY(b);
    MessageLogModel *combined = m_window->combinedLog();
    QVERIFY(combined);
    QAbstractItemModelTester tester(combined,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Two connections with one profile are told apart by their addresses.
    QVERIFY2(a->name() != b->name(), qPrintable(a->name()));
    QVERIFY2(a->name().contains(QString::number(m_brokers[0]->port())), qPrintable(a->name()));
    QVERIFY(a->color().isValid() && b->color().isValid() && a->color() != b->color());

    QVERIFY(publishOn(0, QStringLiteral("t/x"), "via a"));
    QVERIFY(publishOn(1, QStringLiteral("t/x"), "via b"));
    const auto incoming = MessageLogModel::Direction::Incoming;
    QTRY_COMPARE(rowsWithPayload(combined, "via a", incoming), 1);
    QTRY_COMPARE(rowsWithPayload(combined, "via b", incoming), 1);
    for (int row = 0; row < combined->rowCount(); ++row) {
        if (combined->isEventAt(row))
            continue;
        const ConnectionWorkspace *from = combined->payloadAt(row) == "via a" ? a : b;
        const QModelIndex cell = combined->index(row, MessageLogModel::ConnectionColumn);
        QCOMPARE(cell.data(Qt::DisplayRole).toString(), from->name());
        QCOMPARE(cell.data(MessageLogModel::ConnectionColorRole).value<QColor>(), from->color());
        QCOMPARE(cell.data(Qt::DecorationRole).value<QColor>(), from->color());
        QCOMPARE(cell.data(MessageLogModel::ConnectionRole).toInt(), int(from->id()));
    }
    QCOMPARE(combined->headerData(MessageLogModel::ConnectionColumn, Qt::Horizontal).toString(),
             QStringLiteral("Connection"));
    // The same topic from both sides is one node of the combined tree, with both messages.
    TopicTreeModel *tree = m_window->combinedTree();
    tree->flush();
    const QModelIndex node = tree->indexForTopic(QStringLiteral("t/x"));
    QVERIFY(node.isValid());
    QCOMPARE(node.data(TopicTreeModel::MessageCountRole).toLongLong(), qint64(2));
    // It says which connections reached it: both names, and a swatch of both colours.
    QCOMPARE(node.data(TopicTreeModel::ConnectionsRole).toStringList(),
             QStringList({a->name(), b->name()}));
    QVERIFY(node.data(Qt::ToolTipRole).toString().contains(b->name()));
    const QImage swatch = node.data(Qt::DecorationRole).value<QImage>();
    QVERIFY(!swatch.isNull());
    QCOMPARE(swatch.pixelColor(0, 0).rgba(), a->color().rgba());
    QCOMPARE(swatch.pixelColor(swatch.width() - 1, 0).rgba(), b->color().rgba());
    // A topic only one side has is marked with that side alone, and so is its parent level.
    QVERIFY(publishOn(1, QStringLiteral("t/only/b"), "via b"));
    QTRY_COMPARE(rowsWithPayload(combined, "via b", incoming), 2);
    tree->flush();
    const QModelIndex onlyB = tree->indexForTopic(QStringLiteral("t/only/b"));
    QVERIFY(onlyB.isValid());
    QCOMPARE(onlyB.data(TopicTreeModel::ConnectionsRole).toStringList(), QStringList{b->name()});
    QCOMPARE(onlyB.parent().data(TopicTreeModel::ConnectionsRole).toStringList(),
             QStringList{b->name()});
    QCOMPARE(onlyB.data(Qt::DecorationRole).value<QImage>().pixelColor(0, 0).rgba(),
             b->color().rgba());
    // A connection's own tree carries no marks.
    a->topicTree()->flush();
    QVERIFY(a->topicTree()
                    ->indexForTopic(QStringLiteral("t/x"))
                    .data(TopicTreeModel::ConnectionsRole)
                    .toStringList()
                    .isEmpty());

    // The combined view shows the column second; a connection's own log hides it.
    m_window->showCombinedView();
    QVERIFY(m_window->isCombinedViewShown());
    auto *combinedTable = child<QTableView>(m_window->combinedLogPane(), "tableView");
    QVERIFY(!combinedTable->isColumnHidden(MessageLogModel::ConnectionColumn));
    QCOMPARE(combinedTable->horizontalHeader()->visualIndex(MessageLogModel::ConnectionColumn), 1);
    QVERIFY(child<QTableView>(m_window->messageLogPane(a), "tableView")
                    ->isColumnHidden(MessageLogModel::ConnectionColumn));
    // The detail of a message says which connection it came by.
    m_window->combinedLogPane()->selectRow(0);
    const ConnectionWorkspace *firstFrom = combined->connectionAt(0) == a->id() ? a : b;
    QVERIFY2(m_window->combinedLogPane()->detailHeaderText().startsWith(
                     QLatin1String("Received on ") + firstFrom->name() + QStringLiteral(" · ")),
             qPrintable(m_window->combinedLogPane()->detailHeaderText()));
    auto *tabs = child<QTabBar>(m_window.get(), "connectionTabs");
    QCOMPARE(tabs->count(), 3);
    QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("All connections"));
}

void TestConnections::composerInTheCombinedViewPublishesOnTheChosenConnection()
{
    ConnectionWorkspace *a = connectTo(0, QStringLiteral("t/#"), true);
    QVERIFY(a);
    ConnectionWorkspace *b = connectTo(1, QStringLiteral("t/#"));
    QVERIFY(b);
    m_window->showCombinedView();
    auto *target = child<QComboBox>(m_window.get(), "publishConnectionCombo");
    QCOMPARE(target->count(), 2);
    QCOMPARE(target->currentText(), b->name()); // the current connection
    target->setCurrentIndex(0);
    Q_EMIT target->activated(0);
    QVERIFY(m_window->isCombinedViewShown()); // the combined view stays
    QCOMPARE(m_window->currentWorkspace(), a);
    QVERIFY2(m_window->statusText().contains(a->name()), qPrintable(m_window->statusText()));
    Mqtt::SubscribeTopic watch;
    watch.filter = QStringLiteral("t/#");
    QVERIFY(ClientWaits::subscribeAndWait(m_others[0].get(), {watch}, {}, 10000));
    QSignalSpy onBroker1(m_others[0].get(), &Mqtt::Client::messageReceived);
    m_window->publishPane()->setTopic(QStringLiteral("t/chosen"));
    m_window->publishPane()->setPayloadText(QStringLiteral("chosen"));
    QVERIFY(m_window->publishPane()->publish() != 0);
    QTRY_COMPARE(onBroker1.size(), 1);
    // Published and echoed back on a only.
    MessageLogModel *combined = m_window->combinedLog();
    QTRY_COMPARE(rowsWithPayload(combined, "chosen", MessageLogModel::Direction::Incoming), 1);
    for (int row = 0; row < combined->rowCount(); ++row) {
        if (combined->payloadAt(row) == "chosen")
            QCOMPARE(combined->connectionAt(row), a->id());
    }
}

void TestConnections::closingAConnectionRebalancesTheBudget()
{
    m_window.reset();
    QSettings settings;
    settings.setValue(QStringLiteral("settings/logMaximumMessages"), 300);
    settings.setValue(QStringLiteral("settings/logMaximumBytes"), 3 * 1024 * 1024);
    settings.sync();
    makeWindow();
    ConnectionWorkspace *a = connectTo(0, QStringLiteral("t/#"), true);
    QVERIFY(a);
    QCOMPARE(a->messageLog()->maximumMessages(), 300);
    QCOMPARE(a->messageLog()->maximumBytes(), qint64(3 * 1024 * 1024));
    for (int i = 0; i < 200; ++i) {
        Mqtt::Message message;
        message.topic = QStringLiteral("t/flood");
        message.payload = QByteArray::number(i);
        m_others[0]->publish(message);
    }
    QTRY_COMPARE(a->messageLog()->rowCount(), 200);

    // A second connection: the combined log takes half of the budget and the two connections
    // share the other half; the first log keeps its newest 75.
    ConnectionWorkspace *b = connectTo(1, QStringLiteral("t/#"));
    QVERIFY(b);
    QCOMPARE(m_window->combinedLog()->maximumMessages(), 150);
    QCOMPARE(m_window->combinedLog()->maximumBytes(), qint64(3 * 1024 * 1024 / 2));
    QCOMPARE(a->messageLog()->maximumMessages(), 75);
    QCOMPARE(b->messageLog()->maximumMessages(), 75);
    QCOMPARE(a->messageLog()->rowCount(), 75);
    QCOMPARE(a->messageLog()->payloadAt(74), QByteArray("199"));
    ConnectionWorkspace *c = connectTo(2, QStringLiteral("t/#"));
    QVERIFY(c);
    for (ConnectionWorkspace *each : {a, b, c}) {
        QCOMPARE(each->messageLog()->maximumMessages(), 50);
        QCOMPARE(each->messageLog()->maximumBytes(), qint64(3 * 1024 * 1024 / 6));
    }
    QCOMPARE(a->messageLog()->rowCount(), 50);
    QCOMPARE(m_window->combinedLog()->maximumMessages(), 150);

    // Closing one gives its share back to the others.
    QVERIFY(m_window->closeConnection(c));
    QCOMPARE(m_window->workspaces().size(), 2);
    for (ConnectionWorkspace *each : {a, b}) {
        QCOMPARE(each->messageLog()->maximumMessages(), 75);
        QCOMPARE(each->messageLog()->maximumBytes(), qint64(3 * 1024 * 1024 / 4));
    }
    QVERIFY(m_window->closeConnection(a));
    QCOMPARE(b->messageLog()->maximumMessages(), 300);
    QCOMPARE(m_window->currentWorkspace(), b);
    // The last connection stays open, and with one left there is no combined view.
    QVERIFY(!m_window->closeConnection(b));
    QVERIFY(!m_window->isCombinedViewShown());
    QCOMPARE(child<QTabBar>(m_window.get(), "connectionTabs")->count(), 1);
}

void TestConnections::restoredSessionReconnectsAndResubscribes()
{
    saveProfile(QStringLiteral("Broker one"), 0, true);
    saveProfile(QStringLiteral("Broker two"), 1, true);
    saveProfile(QStringLiteral("Broker three"), 2, false);
    QVERIFY(m_window->connectionPane()->selectProfile(QStringLiteral("Broker one")));
    ConnectionWorkspace *a = connectTo(0, QStringLiteral("one/#"), true);
    QVERIFY(a);
    QVERIFY(m_window->subscriptionsPane(a)->subscribe(QStringLiteral("muted/#"),
                                                      Mqtt::QoS::AtMostOnce));
    a->subscriptions()->setMuted(QStringLiteral("muted/#"), true);
    ConnectionWorkspace *b = m_window->openConnection(QStringLiteral("Broker two"));
    m_window->connectionPane(b)->connectToBroker();
    QTRY_COMPARE(b->client()->state(), Mqtt::Client::State::Connected);
    QVERIFY(m_window->subscriptionsPane(b)->subscribe(QStringLiteral("two/#"),
                                                      Mqtt::QoS::ExactlyOnce));
    QTRY_COMPARE(b->subscriptions()->subscription(0).state, SubscriptionModel::State::Granted);
    // Open and connected, but its profile says not to connect at start.
    ConnectionWorkspace *c = m_window->openConnection(QStringLiteral("Broker three"));
    m_window->connectionPane(c)->connectToBroker();
    QTRY_COMPARE(c->client()->state(), Mqtt::Client::State::Connected);
    m_window->setCurrentWorkspace(b);
    m_window->setCentralView(MainWindow::CentralView::TopicTree);
    const QString nameB = b->name();

    QVERIFY(m_window->close()); // as the user quits
    m_window.reset();
    makeWindow();

    const QList<ConnectionWorkspace *> restored = m_window->workspaces();
    QCOMPARE(restored.size(), 3);
    ConnectionWorkspace *a2 = restored.at(0);
    ConnectionWorkspace *b2 = restored.at(1);
    ConnectionWorkspace *c2 = restored.at(2);
    QCOMPARE(m_window->connectionPane(a2)->currentProfileName(), QStringLiteral("Broker one"));
    QCOMPARE(m_window->currentWorkspace(), b2); // and the layout
    QCOMPARE(b2->name(), nameB);
    QCOMPARE(m_window->centralView(), MainWindow::CentralView::TopicTree);
    QTRY_COMPARE_WITH_TIMEOUT(a2->client()->state(), Mqtt::Client::State::Connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(b2->client()->state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(c2->client()->state(), Mqtt::Client::State::Disconnected);
    QCOMPARE(c2->subscriptions()->rowCount(), 0);

    // Every listed subscription is granted again, with its QoS and its muting.
    QCOMPARE(a2->subscriptions()->filters(),
             (QStringList{QStringLiteral("one/#"), QStringLiteral("muted/#")}));
    QVERIFY(a2->subscriptions()->isMuted(QStringLiteral("muted/#")));
    QCOMPARE(b2->subscriptions()->filters(), QStringList{QStringLiteral("two/#")});
    QCOMPARE(b2->subscriptions()->subscription(0).requestedQos, Mqtt::QoS::ExactlyOnce);
    for (ConnectionWorkspace *each : {a2, b2}) {
        for (int row = 0; row < each->subscriptions()->rowCount(); ++row)
            QTRY_COMPARE_WITH_TIMEOUT(each->subscriptions()->subscription(row).state,
                                      SubscriptionModel::State::Granted, 10000);
    }
    QVERIFY(publishOn(0, QStringLiteral("one/back"), "a is back"));
    QVERIFY(publishOn(1, QStringLiteral("two/back"), "b is back"));
    const auto incoming = MessageLogModel::Direction::Incoming;
    QTRY_COMPARE(rowsWithPayload(a2->messageLog(), "a is back", incoming), 1);
    QTRY_COMPARE(rowsWithPayload(b2->messageLog(), "b is back", incoming), 1);
}

void TestConnections::connectionListChoiceIsRemembered()
{
    QCOMPARE(m_window->connectionSwitcher(), MainWindow::ConnectionSwitcher::Tabs);
    m_window->openConnection();
    m_window->setConnectionSwitcher(MainWindow::ConnectionSwitcher::List);
    auto *list = child<QListWidget>(m_window.get(), "connectionList");
    QTRY_VERIFY(list->isVisible());
    QVERIFY(!child<QTabBar>(m_window.get(), "connectionTabs")->isVisible());
    // "All connections", then each connection; choosing a row makes it current.
    QCOMPARE(list->count(), 3);
    list->setCurrentRow(1);
    QCOMPARE(m_window->currentWorkspace(), m_window->workspaces().at(0));
    QVERIFY(!m_window->isCombinedViewShown());
    list->setCurrentRow(0);
    QVERIFY(m_window->isCombinedViewShown());

    QVERIFY(m_window->close());
    m_window.reset();
    makeWindow();
    QCOMPARE(m_window->connectionSwitcher(), MainWindow::ConnectionSwitcher::List);
    QCOMPARE(m_window->workspaces().size(), 2);
    QVERIFY(m_window->isCombinedViewShown());
    QTRY_VERIFY(child<QListWidget>(m_window.get(), "connectionList")->isVisible());
}

void TestConnections::connectionsOpenedBeforeShowAreTabs()
{
    // As `switchboard --profile a --profile b` does: the connections open before the window
    // is first shown, and the tab bar must still show a tab for each.
    m_window = std::make_unique<MainWindow>(m_profiles.get(), m_secrets.get());
    m_window->resize(1024, 700);
    m_window->openConnection();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    auto *tabs = child<QTabBar>(m_window.get(), "connectionTabs");
    QVERIFY(tabs->isVisible());
    QCOMPARE(tabs->count(), 3); // All connections, then the two
    for (int tab = 0; tab < tabs->count(); ++tab) {
        QVERIFY2(tabs->tabRect(tab).width() > 20,
                 qPrintable(QStringLiteral("tab %1 (%2) is %3 px wide")
                                    .arg(tab)
                                    .arg(tabs->tabText(tab))
                                    .arg(tabs->tabRect(tab).width())));
        QVERIFY2(tabs->rect().contains(tabs->tabRect(tab).center()),
                 qPrintable(QStringLiteral("tab %1 at %2,%3 %4x%5 outside the bar %6x%7")
                                    .arg(tab)
                                    .arg(tabs->tabRect(tab).x())
                                    .arg(tabs->tabRect(tab).y())
                                    .arg(tabs->tabRect(tab).width())
                                    .arg(tabs->tabRect(tab).height())
                                    .arg(tabs->width())
                                    .arg(tabs->height())));
    }
    QVERIFY(tabs->height() >= tabs->tabRect(0).height());
}

QTEST_MAIN(TestConnections)
#include "tst_connections.moc"
