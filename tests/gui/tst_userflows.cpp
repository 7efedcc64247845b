// SPDX-License-Identifier: Apache-2.0
// The flows a person walks through every day, on the real MainWindow against a real mosquitto:
// disconnect and connect again, a broker restart, a flood that trims the selected message,
// publishing while disconnected, a first connection that fails, and input refused where it
// is typed.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "connectionpane.h"
#include "mainwindow.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "payloadformat.h"
#include "publishpane.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <memory>

class TestUserFlows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void disconnectThenConnectSubscribesEveryListedFilterAgain();
    void brokerRestartRestoresSubscriptionsAndMarksTheOutage();
    void reconnectLeavesTheUsersTabAlone();
    void floodTrimmingTheSelectedMessageKeepsItInTheDetail();
    void narrowingFromTheTopicTreeDoesNotMoveTheSelection();
    void detailShowsTheHighlightedRowWhateverTheKeys();
    void publishWhileDisconnectedIsQueuedThenDelivered();
    void firstConnectionThatFailsSaysSoAndCanBeCancelled();
    void outOfRangePortIsRefusedWhereItIsTyped();
    void emptyJsonPayloadIsNotAnErrorUntilTyped();
    void slowTrickleShowsARateWithADecimal();

private:
    void connectWindow(bool autoReconnect);
    void subscribeInWindow(const QString &filter, Mqtt::QoS qos);
    // Publishes from another client and waits until the window's log has the payload.
    bool arrivesInLog(const QString &topic, const QByteArray &payload);
    int rowsWithPayload(const QByteArray &payload) const;
    // Publishes "<prefix> 0" … "<prefix> count-1" on topic from the other client.
    void publishNumbered(const QString &topic, const QByteArray &prefix, int count);
    int eventRows(QString *lastText = nullptr) const;
    QTabBar *tabBarWithTab(const QString &title) const;

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_other;
};

void TestUserFlows::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_userflows"));
    // English as the application sets it up: its plural forms ("2 subscriptions restored").
    Translations::install(qApp, QStringLiteral("en"));
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestUserFlows::init()
{
    QFile::remove(QSettings().fileName());
    if (!m_broker->isRunning())
        QVERIFY2(m_broker->restart(), qPrintable(m_broker->errorString()));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(m_window->windowTitle().contains(QLatin1String("Switchboard")));
    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-userflows-other");
    QVERIFY(ClientWaits::connectAndWait(m_other.get(), options, 10000));
}

void TestUserFlows::cleanup()
{
    m_other.reset();
    m_window.reset();
}

void TestUserFlows::cleanupTestCase()
{
    m_secrets.reset();
    m_broker.reset();
}

void TestUserFlows::connectWindow(bool autoReconnect)
{
    ConnectionPane *connection = m_window->connectionPane();
    child<QLineEdit>(connection, "hostEdit")->setText(m_broker->host());
    connection->setPort(m_broker->port());
    child<QCheckBox>(connection, "autoReconnectCheck")->setChecked(autoReconnect);
    QTest::mouseClick(child<QPushButton>(connection, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 10000);
}

void TestUserFlows::subscribeInWindow(const QString &filter, Mqtt::QoS qos)
{
    QVERIFY(m_window->subscriptionsPane()->subscribe(filter, qos));
    SubscriptionModel *model = m_window->subscriptions();
    QTRY_COMPARE_WITH_TIMEOUT(model->subscription(model->rowOf(filter)).state,
                              SubscriptionModel::State::Granted, 10000);
}

int TestUserFlows::rowsWithPayload(const QByteArray &payload) const
{
    MessageLogModel *log = m_window->messageLog();
    int count = 0;
    for (int row = 0; row < log->rowCount(); ++row)
        count += !log->isEventAt(row) && log->payloadAt(row) == payload;
    return count;
}

int TestUserFlows::eventRows(QString *lastText) const
{
    MessageLogModel *log = m_window->messageLog();
    int count = 0;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (!log->isEventAt(row))
            continue;
        ++count;
        if (lastText)
            *lastText = QString::fromUtf8(log->payloadAt(row));
    }
    return count;
}

bool TestUserFlows::arrivesInLog(const QString &topic, const QByteArray &payload)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce;
    if (!ClientWaits::publishAndWait(m_other.get(), message, 10000))
        return false;
    return QTest::qWaitFor([&] { return rowsWithPayload(payload) > 0; }, 10000);
}

QTabBar *TestUserFlows::tabBarWithTab(const QString &title) const
{
    const QList<QTabBar *> bars = m_window->findChildren<QTabBar *>();
    for (QTabBar *bar : bars) {
        for (int i = 0; i < bar->count(); ++i) {
            if (bar->tabText(i) == title)
                return bar;
        }
    }
    return nullptr;
}

void TestUserFlows::disconnectThenConnectSubscribesEveryListedFilterAgain()
{
    connectWindow(false);
    subscribeInWindow(QStringLiteral("dialog"), Mqtt::QoS::AtLeastOnce);
    subscribeInWindow(QStringLiteral("t/#"), Mqtt::QoS::ExactlyOnce);
    m_window->subscriptions()->setMuted(QStringLiteral("t/#"), true);
    QVERIFY(arrivesInLog(QStringLiteral("dialog"), "before"));

    m_window->connectionPane()->disconnectFromBroker();
    QTRY_COMPARE(m_window->client()->state(), Mqtt::Client::State::Disconnected);
    QTest::mouseClick(child<QPushButton>(m_window->connectionPane(), "connectButton"),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 10000);

    // Every listed filter is granted again on this connection, the muted one too.
    SubscriptionModel *model = m_window->subscriptions();
    QCOMPARE(model->rowCount(), 2);
    for (int row = 0; row < model->rowCount(); ++row)
        QTRY_COMPARE_WITH_TIMEOUT(model->subscription(row).state, SubscriptionModel::State::Granted,
                                  10000);
    QCOMPARE(model->subscription(model->rowOf(QStringLiteral("t/#"))).reasonCode, quint8(2));
    QVERIFY(arrivesInLog(QStringLiteral("dialog"), "after on dialog"));
    QVERIFY(arrivesInLog(QStringLiteral("t/x"), "after on t/x"));
    // Muted: received (counted, in the log model) but hidden from the view.
    QCOMPARE(m_window->messageProxy()->rowForSequence(
                     m_window->messageLog()->sequenceAt(m_window->messageLog()->rowCount() - 1)),
             -1);
}

void TestUserFlows::brokerRestartRestoresSubscriptionsAndMarksTheOutage()
{
    connectWindow(true);
    subscribeInWindow(QStringLiteral("dialog"), Mqtt::QoS::AtLeastOnce);
    subscribeInWindow(QStringLiteral("t/#"), Mqtt::QoS::AtMostOnce);
    QCOMPARE(eventRows(), 0);

    m_other.reset();
    QVERIFY(m_broker->restart());
    QTRY_VERIFY_WITH_TIMEOUT(eventRows() >= 1, 10000); // "Connection lost …; reconnecting…"
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 15000);
    QString marker;
    QTRY_COMPARE_WITH_TIMEOUT(eventRows(&marker), 2, 5000);
    QVERIFY2(marker.contains(QLatin1String("reconnected")), qPrintable(marker));
    QVERIFY2(marker.contains(QLatin1String("2 subscriptions restored")), qPrintable(marker));
    QVERIFY2(QRegularExpression(QStringLiteral("lost \\d\\d:\\d\\d:\\d\\d — reconnected "
                                               "\\d\\d:\\d\\d:\\d\\d"))
                     .match(marker)
                     .hasMatch(),
             qPrintable(marker));

    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    QVERIFY(ClientWaits::connectAndWait(m_other.get(), options, 10000));
    SubscriptionModel *model = m_window->subscriptions();
    for (int row = 0; row < model->rowCount(); ++row)
        QTRY_COMPARE_WITH_TIMEOUT(model->subscription(row).state, SubscriptionModel::State::Granted,
                                  10000);
    QVERIFY(arrivesInLog(QStringLiteral("dialog"), "after restart on dialog"));
    QVERIFY(arrivesInLog(QStringLiteral("t/y"), "after restart on t/y"));
}

void TestUserFlows::reconnectLeavesTheUsersTabAlone()
{
    QTabBar *tabs = tabBarWithTab(QStringLiteral("Connection"));
    QVERIFY(tabs);
    connectWindow(true);
    const int subscriptionsTab = [&] {
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i) == QLatin1String("Subscriptions and topics"))
                return i;
        }
        return -1;
    }();
    QVERIFY(subscriptionsTab >= 0);
    // The first connection of the window brings the subscriptions forward...
    QTRY_COMPARE(tabs->currentIndex(), subscriptionsTab);
    // ... then the user goes back to the connection tab, and a reconnect leaves it there.
    const int connectionTab = 1 - subscriptionsTab;
    tabs->setCurrentIndex(connectionTab);
    m_other.reset();
    QVERIFY(m_broker->restart());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::WaitingToReconnect,
                              10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 15000);
    QCOMPARE(tabs->currentIndex(), connectionTab);
}

void TestUserFlows::publishNumbered(const QString &topic, const QByteArray &prefix, int count)
{
    for (int i = 0; i < count; ++i) {
        Mqtt::Message message;
        message.topic = topic;
        message.payload = prefix + ' ' + QByteArray::number(i);
        m_other->publish(message);
    }
}

void TestUserFlows::floodTrimmingTheSelectedMessageKeepsItInTheDetail()
{
    connectWindow(false);
    subscribeInWindow(QStringLiteral("flood/#"), Mqtt::QoS::AtMostOnce);
    MessageLogModel *log = m_window->messageLog();
    log->setMaximumMessages(50);
    MessageLogPane *pane = m_window->messageLogPane();
    pane->setFollowsTail(false);
    publishNumbered(QStringLiteral("flood/a"), "first", 10);
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 10, 10000);
    pane->selectRow(3);
    const quint64 chosen = pane->selectedSequence();
    QVERIFY(chosen != 0);
    QCOMPARE(pane->detailText(), QStringLiteral("first 3"));
    QVERIFY(pane->detailNoticeText().isEmpty());
    auto *table = child<QTableView>(pane, "tableView");

    for (int i = 0; i < 300; ++i) {
        Mqtt::Message message;
        message.topic = QStringLiteral("flood/b");
        message.payload = "flood " + QByteArray::number(i);
        m_other->publish(message);
    }
    QTRY_VERIFY_WITH_TIMEOUT(rowsWithPayload("flood 299") == 1, 10000);
    QCOMPARE(log->rowForSequence(chosen), -1); // trimmed by the budget of 50
    // The selection did not slide to the row that took its place.
    QCOMPARE(pane->selectedSequence(), chosen);
    QVERIFY(!table->currentIndex().isValid());
    QVERIFY(!table->selectionModel()->hasSelection());
    QCOMPARE(pane->detailText(), QStringLiteral("first 3"));
    QVERIFY2(pane->detailNoticeText().contains(QLatin1String("left the log")),
             qPrintable(pane->detailNoticeText()));
    QVERIFY(pane->detailHeaderText().contains(QLatin1String("flood/a")));

    // A click on another row is the user's choice again.
    pane->selectRow(5);
    QVERIFY(pane->selectedSequence() != chosen);
    QVERIFY(pane->detailNoticeText().isEmpty());
    QVERIFY(pane->detailText().startsWith(QLatin1String("flood ")));
}

void TestUserFlows::narrowingFromTheTopicTreeDoesNotMoveTheSelection()
{
    connectWindow(false);
    subscribeInWindow(QStringLiteral("tree/#"), Mqtt::QoS::AtMostOnce);
    MessageLogPane *pane = m_window->messageLogPane();
    pane->setFollowsTail(false);
    for (const char *topic : {"tree/a", "tree/b", "tree/a", "tree/b"}) {
        Mqtt::Message message;
        message.topic = QString::fromLatin1(topic);
        message.payload = QByteArray(topic) + " message";
        m_other->publish(message);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_window->messageLog()->rowCount(), 4, 10000);
    pane->selectRow(1); // on tree/b
    const quint64 chosen = pane->selectedSequence();
    QCOMPARE(pane->detailText(), QStringLiteral("tree/b message"));

    m_window->subscriptionsPane()->selectTopic(QStringLiteral("tree/a"));
    QTRY_COMPARE(m_window->messageProxy()->rowCount(), 2);
    QCOMPARE(pane->selectedSequence(), chosen);
    QCOMPARE(pane->detailText(), QStringLiteral("tree/b message"));
    QVERIFY2(pane->detailNoticeText().contains(QLatin1String("hidden")),
             qPrintable(pane->detailNoticeText()));

    // Showing everything again finds the same message selected.
    m_window->subscriptionsPane()->selectTopic(QString());
    QTRY_COMPARE(m_window->messageProxy()->rowCount(), 4);
    QCOMPARE(pane->selectedSequence(), chosen);
    auto *table = child<QTableView>(pane, "tableView");
    QCOMPARE(table->currentIndex().row(), m_window->messageProxy()->rowForSequence(chosen));
    QVERIFY(pane->detailNoticeText().isEmpty());
}

void TestUserFlows::detailShowsTheHighlightedRowWhateverTheKeys()
{
    connectWindow(false);
    subscribeInWindow(QStringLiteral("keys/#"), Mqtt::QoS::AtMostOnce);
    MessageLogPane *pane = m_window->messageLogPane();
    pane->setFollowsTail(false);
    publishNumbered(QStringLiteral("keys/a"), "row", 5);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->messageLog()->rowCount(), 5, 10000);
    auto *table = child<QTableView>(pane, "tableView");
    table->setFocus();
    const auto highlighted = [table] {
        const QModelIndexList rows = table->selectionModel()->selectedRows();
        return rows.size() == 1 ? rows.first().row() : -1;
    };
    pane->selectRow(1);
    QCOMPARE(pane->detailText(), QStringLiteral("row 1"));

    // Plain keys move the highlight and the detail with it.
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(highlighted(), 2);
    QCOMPARE(pane->detailText(), QStringLiteral("row 2"));
    // Ctrl moves the focus alone: the highlight stays, and so does the detail.
    for (const Qt::Key key : {Qt::Key_End, Qt::Key_Up, Qt::Key_Home}) {
        QTest::keyClick(table, key, Qt::ControlModifier);
        QCOMPARE(highlighted(), 2);
        QCOMPARE(pane->detailText(), QStringLiteral("row 2"));
    }
    QCOMPARE(table->currentIndex().row(), 0);
    // Ctrl+Space selects the focused row too (for Compare selected): now it is shown.
    QTest::keyClick(table, Qt::Key_Space, Qt::ControlModifier);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 2);
    QCOMPARE(pane->detailText(), QStringLiteral("row 0"));
    // A click is a plain choice again.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                      table->visualRect(table->model()->index(4, 0)).center());
    QCOMPARE(highlighted(), 4);
    QCOMPARE(pane->detailText(), QStringLiteral("row 4"));
}

void TestUserFlows::publishWhileDisconnectedIsQueuedThenDelivered()
{
    // The other client listens for what the window publishes.
    QSignalSpy received(m_other.get(), &Mqtt::Client::messageReceived);
    QVERIFY(ClientWaits::subscribeAndWait(
            m_other.get(), {{QStringLiteral("queued/#"), Mqtt::QoS::AtLeastOnce}}, {}, 10000));
    connectWindow(false);
    m_window->connectionPane()->disconnectFromBroker();
    QTRY_COMPARE(m_window->client()->state(), Mqtt::Client::State::Disconnected);

    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("queued/one"));
    composer->setPayloadText(QStringLiteral("waited"));
    composer->setQos(Mqtt::QoS::AtLeastOnce);
    QTest::mouseClick(child<QPushButton>(composer, "publishButton"), Qt::LeftButton);
    QVERIFY2(composer->statusText().startsWith(QLatin1String("Queued")),
             qPrintable(composer->statusText()));
    QVERIFY2(composer->statusText().contains(QLatin1String("1 message waiting")),
             qPrintable(composer->statusText()));
    QCOMPARE(m_window->queuedCount(), 1);
    QVERIFY2(m_window->statusText().contains(QStringLiteral("Sent 0 · 1 queued")),
             qPrintable(m_window->statusText()));
    MessageLogModel *log = m_window->messageLog();
    QTRY_COMPARE(rowsWithPayload("waited"), 1);
    const int row = log->rowCount() - 1;
    QVERIFY2(log->brokerAnswerAt(row).contains(QLatin1String("queued")),
             qPrintable(log->brokerAnswerAt(row)));
    QVERIFY(received.isEmpty());

    QTest::mouseClick(child<QPushButton>(m_window->connectionPane(), "connectButton"),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
    QCOMPARE(received.at(0).at(0).value<Mqtt::Message>().payload, QByteArray("waited"));
    QTRY_COMPARE(m_window->queuedCount(), 0);
    QTRY_VERIFY(m_window->statusText().contains(QLatin1String("Sent 1")));
    QVERIFY(!m_window->statusText().contains(QLatin1String("queued")));
    QTRY_COMPARE(log->brokerAnswerAt(row), QStringLiteral("acknowledged"));
    QTRY_VERIFY2(composer->statusText().contains(QLatin1String("acknowledged")),
                 qPrintable(composer->statusText()));
}

void TestUserFlows::firstConnectionThatFailsSaysSoAndCanBeCancelled()
{
    ConnectionPane *connection = m_window->connectionPane();
    child<QLineEdit>(connection, "hostEdit")->setText(m_broker->host());
    connection->setPort(MosquittoProcess::freePort()); // nothing listens there
    child<QCheckBox>(connection, "autoReconnectCheck")->setChecked(true);
    auto *disconnectButton = child<QPushButton>(connection, "disconnectButton");
    QSignalSpy attempts(m_window->client(), &Mqtt::Client::reconnectScheduled);
    QTest::mouseClick(child<QPushButton>(connection, "connectButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(attempts.size() >= 2, 15000);

    QVERIFY2(connection->stateText().startsWith(QLatin1String("Could not connect")),
             qPrintable(connection->stateText()));
    QVERIFY2(!connection->stateText().contains(QLatin1String("lost")),
             qPrintable(connection->stateText()));
    QVERIFY2(QRegularExpression(QStringLiteral("\\(\\d+ attempts?\\); next try in \\d+ s"))
                     .match(connection->stateText())
                     .hasMatch(),
             qPrintable(connection->stateText()));
    QVERIFY2(connection->errorText().startsWith(QLatin1String("Could not connect to")),
             qPrintable(connection->errorText()));
    QVERIFY2(m_window->statusText().contains(QLatin1String("Could not connect")),
             qPrintable(m_window->statusText()));
    QCOMPARE(disconnectButton->text(), QStringLiteral("&Cancel"));
    QVERIFY(disconnectButton->isEnabled());

    // Cancel between two attempts: the one scheduled never comes.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::WaitingToReconnect,
                              10000);
    const int scheduledDelay = attempts.constLast().at(1).toInt();
    QTest::mouseClick(disconnectButton, Qt::LeftButton);
    QCOMPARE(m_window->client()->state(), Mqtt::Client::State::Disconnected);
    const int seen = int(attempts.size());
    QSignalSpy states(m_window->client(), &Mqtt::Client::stateChanged);
    QVERIFY(!QTest::qWaitFor([&] { return attempts.size() > seen || !states.isEmpty(); },
                             scheduledDelay + 1000));
    QCOMPARE(disconnectButton->text(), QStringLiteral("&Disconnect"));
    QVERIFY(!disconnectButton->isEnabled());
    QCOMPARE(eventRows(), 0); // nothing was ever connected, so nothing was lost
}

void TestUserFlows::outOfRangePortIsRefusedWhereItIsTyped()
{
    ConnectionPane *connection = m_window->connectionPane();
    child<QLineEdit>(connection, "hostEdit")->setText(m_broker->host());
    auto *port = child<QSpinBox>(connection, "portSpin");
    auto *problem = child<QLabel>(connection, "portErrorLabel");
    auto *connectButton = child<QPushButton>(connection, "connectButton");
    QVERIFY(problem->isHidden());
    QVERIFY(connectButton->isEnabled());

    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("99999"));
    QCOMPARE(port->value(), 99999); // what was typed, not 9999
    QVERIFY(!problem->isHidden());
    QVERIFY2(problem->text().contains(QLatin1String("1 to 65535")), qPrintable(problem->text()));
    QVERIFY(!connectButton->isEnabled());
    connection->connectToBroker();
    QCOMPARE(m_window->client()->state(), Mqtt::Client::State::Disconnected);

    port->selectAll();
    QTest::keyClicks(port, QString::number(m_broker->port()));
    QVERIFY(problem->isHidden());
    QVERIFY(connectButton->isEnabled());
}

void TestUserFlows::emptyJsonPayloadIsNotAnErrorUntilTyped()
{
    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("json/topic"));
    composer->setEncoding({Payload::Decoder::Json, {}});
    QVERIFY2(composer->statusText().isEmpty(), qPrintable(composer->statusText()));
    auto *payload = child<QPlainTextEdit>(composer, "payloadEdit");
    payload->setFocus();
    QTest::keyClicks(payload, QStringLiteral("{"));
    QVERIFY(composer->statusText().contains(QLatin1String("Invalid JSON")));
    payload->clear();
    QVERIFY2(composer->statusText().isEmpty(), qPrintable(composer->statusText()));
    // Publishing nothing as JSON is still refused, with the reason.
    connectWindow(false);
    QTest::mouseClick(child<QPushButton>(composer, "publishButton"), Qt::LeftButton);
    QVERIFY(composer->statusText().contains(QLatin1String("Invalid JSON")));
}

void TestUserFlows::slowTrickleShowsARateWithADecimal()
{
    connectWindow(false);
    subscribeInWindow(QStringLiteral("trickle"), Mqtt::QoS::AtMostOnce);
    // Four messages a second: a per-second count would read 4 or 5 or 3 by turns; a whole
    // number would hide anything below 1/s.
    QTimer trickle;
    trickle.setInterval(250);
    connect(&trickle, &QTimer::timeout, this, [this] {
        Mqtt::Message message;
        message.topic = QStringLiteral("trickle");
        message.payload = "drop";
        m_other->publish(message);
    });
    trickle.start();
    const QRegularExpression rate(QStringLiteral("In (\\d+\\.\\d)/s"));
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QRegularExpressionMatch match = rate.match(m_window->statusText());
                if (!match.hasMatch())
                    return false;
                const double value = match.captured(1).toDouble();
                return value >= 2.5 && value <= 5.5;
            }(),
            10000);
}

QTEST_MAIN(TestUserFlows)
#include "tst_userflows.moc"
