// SPDX-License-Identifier: Apache-2.0
// A whole session in the main window against a real broker: connect through the connection
// pane, subscribe, watch messages from another client arrive in the log and the tree, publish
// from the composer, pause, export and clear retained messages.
#include "guitesthelpers.h"

#include "client.h"
#include "connectionpane.h"
#include "mainwindow.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "publishpane.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "topictreemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

class TestSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void messageFromAnotherClientAppearsInLogAndTree();
    void composerPublishesRetainedQos2();
    void composerRefusesWildcardTopic();
    void composerRefusesInvalidJson();
    void ctrlReturnPublishesFromThePayloadEditor();
    void repeatPublishesUntilStopped();
    void historyIsRememberedAcrossComposers();
    void selectionStaysOnTheMessageWhileRowsArrive();
    void pauseCountsHeldMessages();
    void exportWritesWhatTheLogShows();
    void clearRetainedEmptiesASubtree();
    void topicTreeSelectionNarrowsTheLog();
    void mutedSubscriptionIsHiddenFromTheLog();

private:
    // A second client, as another program on the network would be.
    std::unique_ptr<Mqtt::Client> connectedClient(const QString &clientId);
    int outgoingRows() const;

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets; // outlives the window
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_other;
};

std::unique_ptr<Mqtt::Client> TestSession::connectedClient(const QString &clientId)
{
    auto client = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = clientId;
    client->connectToHost(options);
    if (!QTest::qWaitFor([&] { return client->state() == Mqtt::Client::State::Connected; }, 10000))
        return nullptr;
    return client;
}

int TestSession::outgoingRows() const
{
    MessageLogModel *log = m_window->messageLog();
    int count = 0;
    for (int row = 0; row < log->rowCount(); ++row)
        count += log->directionAt(row) == MessageLogModel::Direction::Outgoing;
    return count;
}

void TestSession::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_session"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    QFile::remove(QSettings().fileName());

    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->show();

    ConnectionPane *connection = m_window->connectionPane();
    child<QLineEdit>(connection, "hostEdit")->setText(m_broker->host());
    child<QSpinBox>(connection, "portSpin")->setValue(m_broker->port());
    child<QCheckBox>(connection, "autoReconnectCheck")->setChecked(false);
    QTest::mouseClick(child<QPushButton>(connection, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 10000);

    // Subscribe through the pane; a bad filter is refused while typing.
    SubscriptionsPane *subscriptions = m_window->subscriptionsPane();
    auto *filterEdit = child<QLineEdit>(subscriptions, "filterEdit");
    auto *subscribeButton = child<QPushButton>(subscriptions, "subscribeButton");
    QTest::keyClicks(filterEdit, QStringLiteral("dial#"));
    QVERIFY(!subscriptions->errorText().isEmpty());
    QVERIFY(!subscribeButton->isEnabled());
    filterEdit->clear();
    QTest::keyClicks(filterEdit, QStringLiteral("dialog"));
    QVERIFY(subscriptions->errorText().isEmpty());
    QVERIFY(subscribeButton->isEnabled());
    QTest::mouseClick(subscribeButton, Qt::LeftButton);
    QVERIFY(subscriptions->subscribe(QStringLiteral("gui/#"), Mqtt::QoS::ExactlyOnce));

    SubscriptionModel *model = m_window->subscriptions();
    QTRY_COMPARE(model->rowCount(), 2);
    const int dialogRow = model->rowOf(QStringLiteral("dialog"));
    QVERIFY(dialogRow >= 0);
    QTRY_COMPARE(model->subscription(dialogRow).state, SubscriptionModel::State::Granted);
    QTRY_COMPARE(model->subscription(model->rowOf(QStringLiteral("gui/#"))).state,
                 SubscriptionModel::State::Granted);

    m_other = connectedClient(QStringLiteral("tst-session-other"));
    QVERIFY(m_other);
}

void TestSession::cleanupTestCase()
{
    m_other.reset();
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestSession::messageFromAnotherClientAppearsInLogAndTree()
{
    Mqtt::Message message;
    message.topic = QStringLiteral("dialog");
    message.payload = QByteArrayLiteral("hello <b>from</b> outside");
    message.qos = Mqtt::QoS::AtLeastOnce;
    QVERIFY(m_other->publish(message) > 0);

    MessageFilterProxyModel *proxy = m_window->messageProxy();
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(), 1, 10000);
    const QModelIndex topicCell = proxy->index(0, MessageLogModel::TopicColumn);
    QCOMPARE(topicCell.data().toString(), QStringLiteral("dialog"));
    QCOMPARE(proxy->index(0, 0).data(MessageLogModel::PayloadRole).toByteArray(), message.payload);

    TopicTreeModel *tree = m_window->topicTree();
    QTRY_VERIFY(tree->indexForTopic(QStringLiteral("dialog")).isValid());
    QTRY_COMPARE(m_window->subscriptions()
                         ->subscription(m_window->subscriptions()->rowOf(QStringLiteral("dialog")))
                         .messageCount,
                 qint64(1));

    // The detail view shows the payload as plain text, markup and all.
    MessageLogPane *logPane = m_window->messageLogPane();
    logPane->selectRow(0);
    QCOMPARE(logPane->detailText(), QString::fromUtf8(message.payload));
    logPane->setDetailFormat(MessageLogPane::DetailFormat::Hex);
    QVERIFY2(logPane->detailText().contains(QLatin1String("68 65 6c 6c 6f")),
             qPrintable(logPane->detailText()));
    logPane->setDetailFormat(MessageLogPane::DetailFormat::Automatic);
    QTRY_VERIFY(m_window->statusText().contains(QLatin1String("Received 1")));
}

void TestSession::composerPublishesRetainedQos2()
{
    PublishPane *composer = m_window->publishPane();
    const int outgoingBefore = outgoingRows();
    auto *topicEdit = child<QLineEdit>(composer, "topicEdit");
    topicEdit->clear();
    QTest::keyClicks(topicEdit, QStringLiteral("gui/retained/lamp"));
    child<QPlainTextEdit>(composer, "payloadEdit")->setPlainText(QStringLiteral("{\"on\": true}"));
    auto *format = child<QComboBox>(composer, "formatCombo");
    format->setCurrentIndex(format->findText(QStringLiteral("JSON")));
    auto *qos = child<QComboBox>(composer, "qosCombo");
    qos->setCurrentIndex(2);
    child<QCheckBox>(composer, "retainCheck")->setChecked(true);

    QSignalSpy acknowledged(m_window->client(), &Mqtt::Client::messagePublished);
    QTest::mouseClick(child<QPushButton>(composer, "publishButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.count(), 1, 10000);
    QTRY_VERIFY2(composer->statusText().contains(QLatin1String("acknowledged")),
                 qPrintable(composer->statusText()));
    QTRY_COMPARE(outgoingRows(), outgoingBefore + 1);

    // A subscriber arriving later gets it from the broker as a retained message.
    std::unique_ptr<Mqtt::Client> late = connectedClient(QStringLiteral("tst-session-late"));
    QVERIFY(late);
    QSignalSpy received(late.get(), &Mqtt::Client::messageReceived);
    QVERIFY(late->subscribe(QStringLiteral("gui/retained/lamp"), Mqtt::QoS::ExactlyOnce) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
    const auto message = received.first().first().value<Mqtt::Message>();
    QCOMPARE(message.payload, QByteArrayLiteral("{\"on\": true}"));
    QVERIFY(message.retain);
    QCOMPARE(message.qos, Mqtt::QoS::ExactlyOnce);
}

void TestSession::composerRefusesWildcardTopic()
{
    PublishPane *composer = m_window->publishPane();
    auto *topicEdit = child<QLineEdit>(composer, "topicEdit");
    topicEdit->clear();
    QTest::keyClicks(topicEdit, QStringLiteral("gui/+/lamp"));
    // Shown while typing already.
    QVERIFY2(composer->statusText().contains(QLatin1String("wildcard")),
             qPrintable(composer->statusText()));

    // A separate subscriber on everything below gui/ sees nothing before a later marker.
    std::unique_ptr<Mqtt::Client> watcher = connectedClient(QStringLiteral("tst-session-watch"));
    QVERIFY(watcher);
    QSignalSpy subscribed(watcher.get(), &Mqtt::Client::subscriptionAcknowledged);
    QSignalSpy received(watcher.get(), &Mqtt::Client::messageReceived);
    QVERIFY(watcher->subscribe(QStringLiteral("gui/+/+"), Mqtt::QoS::AtLeastOnce) > 0);
    QTRY_COMPARE(subscribed.count(), 1);
    QTRY_COMPARE(received.count(), 1); // the retained lamp message of the previous test
    received.clear();

    const int outgoingBefore = outgoingRows();
    QSignalSpy published(composer, &PublishPane::messagePublished);
    QTest::mouseClick(child<QPushButton>(composer, "publishButton"), Qt::LeftButton);
    QCOMPARE(published.count(), 0);
    QVERIFY2(composer->statusText().contains(QLatin1String("wildcard")),
             qPrintable(composer->statusText()));
    QCOMPARE(m_window->client()->inflightCount(), 0);
    QCOMPARE(m_window->client()->queuedCount(), 0);

    Mqtt::Message marker;
    marker.topic = QStringLiteral("gui/marker/end");
    marker.qos = Mqtt::QoS::AtLeastOnce;
    QVERIFY(m_other->publish(marker) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
    QCOMPARE(received.first().first().value<Mqtt::Message>().topic, marker.topic);
    QCOMPARE(outgoingRows(), outgoingBefore);
}

void TestSession::composerRefusesInvalidJson()
{
    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("gui/json"));
    composer->setEncoding({Payload::Decoder::Json, {}});
    composer->setPayloadText(QStringLiteral("{\"unfinished\": "));
    QSignalSpy published(composer, &PublishPane::messagePublished);
    QCOMPARE(composer->publish(), quint64(0));
    QCOMPARE(published.count(), 0);
    QVERIFY(!composer->statusText().isEmpty());
    composer->setEncoding({Payload::Decoder::Text, {}});
}

void TestSession::ctrlReturnPublishesFromThePayloadEditor()
{
    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("gui/shortcut"));
    composer->setQos(Mqtt::QoS::AtMostOnce);
    composer->setRetain(false);
    auto *payload = child<QPlainTextEdit>(composer, "payloadEdit");
    payload->setPlainText(QStringLiteral("typed"));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    payload->setFocus();
    QSignalSpy published(composer, &PublishPane::messagePublished);
    QTest::keyClick(payload, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(published.count(), 1);
    QCOMPARE(published.first().first().value<Mqtt::Message>().topic,
             QStringLiteral("gui/shortcut"));
    QCOMPARE(payload->toPlainText(), QStringLiteral("typed")); // no newline typed
}

void TestSession::repeatPublishesUntilStopped()
{
    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("gui/repeat"));
    composer->setPayloadText(QStringLiteral("again"));
    child<QSpinBox>(composer, "repeatSpin")->setValue(20);
    child<QCheckBox>(composer, "repeatCheck")->setChecked(true);
    auto *button = child<QPushButton>(composer, "publishButton");
    QSignalSpy published(composer, &PublishPane::messagePublished);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(composer->isRepeating());
    QTRY_VERIFY(published.count() >= 3);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!composer->isRepeating());
    QCOMPARE(button->text(), QStringLiteral("Start &repeating"));
    child<QCheckBox>(composer, "repeatCheck")->setChecked(false);
}

void TestSession::historyIsRememberedAcrossComposers()
{
    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("gui/history"));
    composer->setEncoding({Payload::Decoder::Hex, {}});
    composer->setPayloadText(QStringLiteral("de ad be ef"));
    composer->setQos(Mqtt::QoS::AtLeastOnce);
    QVERIFY(composer->publish() > 0);

    PublishPane fresh; // loads the history from the settings
    auto *history = child<QComboBox>(&fresh, "historyCombo");
    QVERIFY(history->count() >= 1);
    QVERIFY2(history->itemText(0).startsWith(QLatin1String("gui/history")),
             qPrintable(history->itemText(0)));
    history->setCurrentIndex(0);
    Q_EMIT history->activated(0);
    QCOMPARE(fresh.topic(), QStringLiteral("gui/history"));
    QCOMPARE(fresh.encoding().toString(), QStringLiteral("hex"));
    QCOMPARE(fresh.payloadText(), QStringLiteral("de ad be ef"));
    QCOMPARE(fresh.qos(), Mqtt::QoS::AtLeastOnce);
    composer->setEncoding({Payload::Decoder::Text, {}});
    composer->setQos(Mqtt::QoS::AtMostOnce);
}

void TestSession::selectionStaysOnTheMessageWhileRowsArrive()
{
    MessageLogPane *logPane = m_window->messageLogPane();
    MessageFilterProxyModel *proxy = m_window->messageProxy();
    QTRY_VERIFY(proxy->rowCount() > 0);
    logPane->setFollowsTail(true);
    logPane->selectRow(0);
    const quint64 selected = logPane->selectedSequence();
    const QString detail = logPane->detailText();
    const auto streamRows = [proxy] {
        int count = 0;
        for (int row = 0; row < proxy->rowCount(); ++row)
            count += proxy->index(row, 0).data(MessageLogModel::TopicRole).toString() ==
                     QLatin1String("gui/stream");
        return count;
    };
    for (int i = 0; i < 20; ++i) {
        Mqtt::Message message;
        message.topic = QStringLiteral("gui/stream");
        message.payload = "row " + QByteArray::number(i);
        QVERIFY(m_other->publish(message) > 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(streamRows(), 20, 10000);
    auto *table = child<QTableView>(logPane, "tableView");
    QCOMPARE(proxy->sequenceAt(table->currentIndex().row()), selected);
    QCOMPARE(logPane->selectedSequence(), selected);
    QCOMPARE(logPane->detailText(), detail);
}

void TestSession::pauseCountsHeldMessages()
{
    MessageLogPane *logPane = m_window->messageLogPane();
    MessageLogModel *log = m_window->messageLog();
    QTRY_COMPARE(log->heldCount(), 0);
    const int rowsBefore = log->rowCount();
    auto *pause = child<QPushButton>(logPane, "pauseButton");
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(log->isPaused());
    QCOMPARE(pause->text(), QStringLiteral("&Resume"));

    for (int i = 0; i < 5; ++i) {
        Mqtt::Message message;
        message.topic = QStringLiteral("dialog");
        message.payload = QByteArray::number(i);
        message.qos = Mqtt::QoS::AtLeastOnce;
        QVERIFY(m_other->publish(message) > 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(log->heldCount(), 5, 10000);
    auto *counts = child<QLabel>(logPane, "countLabel");
    QTRY_VERIFY2(counts->text().contains(QLatin1String("held 5")), qPrintable(counts->text()));
    QCOMPARE(log->rowCount(), rowsBefore);

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!log->isPaused());
    QTRY_COMPARE(log->rowCount(), rowsBefore + 5);
    QCOMPARE(log->heldCount(), 0);
}

void TestSession::exportWritesWhatTheLogShows()
{
    MessageLogPane *logPane = m_window->messageLogPane();
    MessageFilterProxyModel *proxy = m_window->messageProxy();
    // Only what the filter lets through is exported.
    auto *topicFilter = child<QLineEdit>(logPane, "topicFilterEdit");
    QTest::keyClicks(topicFilter, QStringLiteral("dialog"));
    QTRY_COMPARE(proxy->rowCount(), 6); // one message, then five while paused
    QVERIFY(m_window->messageLog()->rowCount() > proxy->rowCount());

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString jsonPath = folder.filePath(QStringLiteral("log.jsonl"));
    QString error;
    QVERIFY2(logPane->exportTo(jsonPath, MessageLogPane::ExportFormat::JsonLines, &error),
             qPrintable(error));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = json.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), proxy->rowCount());
    for (int row = 0; row < lines.size(); ++row) {
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(lines.at(row), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(object.value(QLatin1String("topic")).toString(),
                 proxy->index(row, 0).data(MessageLogModel::TopicRole).toString());
        QCOMPARE(object.value(QLatin1String("payload")).toString().toUtf8(),
                 proxy->index(row, 0).data(MessageLogModel::PayloadRole).toByteArray());
    }

    const QString csvPath = folder.filePath(QStringLiteral("log.csv"));
    QVERIFY2(logPane->exportTo(csvPath, MessageLogPane::ExportFormat::Csv, &error),
             qPrintable(error));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> csvLines = csv.readAll().trimmed().split('\n');
    QCOMPARE(csvLines.size(), proxy->rowCount() + 1); // with a header line
    QVERIFY(csvLines.last().contains("dialog"));
    topicFilter->clear();
    QTRY_COMPARE(proxy->rowCount(), m_window->messageLog()->rowCount());
}

void TestSession::clearRetainedEmptiesASubtree()
{
    // Two retained topics below gui/retained (one from the composer test, one more here).
    Mqtt::Message extra;
    extra.topic = QStringLiteral("gui/retained/fan");
    extra.payload = QByteArrayLiteral("off");
    extra.qos = Mqtt::QoS::AtLeastOnce;
    extra.retain = true;
    QVERIFY(m_other->publish(extra) > 0);
    TopicTreeModel *tree = m_window->topicTree();
    // The window saw the lamp live (not retained); subscribing again brings both as retained.
    SubscriptionsPane *subscriptions = m_window->subscriptionsPane();
    QTRY_VERIFY(tree->indexForTopic(extra.topic).isValid());
    QVERIFY(subscriptions->subscribe(QStringLiteral("gui/retained/#"), Mqtt::QoS::AtLeastOnce));
    QTRY_COMPARE_WITH_TIMEOUT(tree->indexForTopic(QStringLiteral("gui/retained"))
                                      .data(TopicTreeModel::RetainedCountRole)
                                      .toInt(),
                              2, 10000);

    QCOMPARE(subscriptions->clearRetained(QStringLiteral("gui/retained"),
                                          SubscriptionsPane::RetainedScope::Subtree,
                                          SubscriptionsPane::Confirmation::DontAsk),
             2);

    // A newcomer finds nothing retained there: only the marker published afterwards arrives.
    QTRY_COMPARE(m_window->client()->inflightCount(), 0);
    std::unique_ptr<Mqtt::Client> newcomer = connectedClient(QStringLiteral("tst-session-new"));
    QVERIFY(newcomer);
    QSignalSpy subscribed(newcomer.get(), &Mqtt::Client::subscriptionAcknowledged);
    QSignalSpy received(newcomer.get(), &Mqtt::Client::messageReceived);
    QVERIFY(newcomer->subscribe(QStringLiteral("gui/retained/#"), Mqtt::QoS::AtLeastOnce) > 0);
    QTRY_COMPARE(subscribed.count(), 1);
    Mqtt::Message marker;
    marker.topic = QStringLiteral("gui/retained/marker");
    marker.qos = Mqtt::QoS::AtLeastOnce;
    QVERIFY(m_other->publish(marker) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
    QCOMPARE(received.first().first().value<Mqtt::Message>().topic, marker.topic);
}

void TestSession::topicTreeSelectionNarrowsTheLog()
{
    MessageFilterProxyModel *proxy = m_window->messageProxy();
    MessageLogModel *log = m_window->messageLog();
    QTRY_COMPARE(proxy->rowCount(), log->rowCount());
    auto *tree = child<QTreeView>(m_window->subscriptionsPane(), "topicView");
    const QModelIndex dialogNode = m_window->topicTree()->indexForTopic(QStringLiteral("dialog"));
    QVERIFY(dialogNode.isValid());
    tree->selectionModel()->setCurrentIndex(dialogNode, QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
    QTRY_COMPARE(proxy->rowCount(), 6);
    for (int row = 0; row < proxy->rowCount(); ++row)
        QCOMPARE(proxy->index(row, 0).data(MessageLogModel::TopicRole).toString(),
                 QStringLiteral("dialog"));
    QTest::mouseClick(child<QPushButton>(m_window->subscriptionsPane(), "showAllButton"),
                      Qt::LeftButton);
    QTRY_COMPARE(proxy->rowCount(), log->rowCount());
}

void TestSession::mutedSubscriptionIsHiddenFromTheLog()
{
    MessageFilterProxyModel *proxy = m_window->messageProxy();
    MessageLogModel *log = m_window->messageLog();
    SubscriptionModel *subscriptions = m_window->subscriptions();
    auto *view = child<QTableView>(m_window->subscriptionsPane(), "subscriptionsView");
    view->setCurrentIndex(subscriptions->index(subscriptions->rowOf(QStringLiteral("dialog")), 0));
    auto *mute = child<QPushButton>(m_window->subscriptionsPane(), "muteButton");
    QVERIFY(mute->isEnabled());
    QTest::mouseClick(mute, Qt::LeftButton);
    QVERIFY(subscriptions->isMuted(QStringLiteral("dialog")));
    QTRY_COMPARE(proxy->rowCount(), log->rowCount() - 6);
    QTest::mouseClick(mute, Qt::LeftButton);
    QVERIFY(!subscriptions->isMuted(QStringLiteral("dialog")));
    QTRY_COMPARE(proxy->rowCount(), log->rowCount());
}

QTEST_MAIN(TestSession)
#include "tst_session.moc"
