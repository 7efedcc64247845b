// SPDX-License-Identifier: Apache-2.0
// The topic tree as a place to work, on the real MainWindow (1024×700) against a real
// mosquitto: the tree layout with the selected topic's details and history, and retained
// messages found below a subtree, listed in a dry run and cleared.
#include "guitesthelpers.h"

#include "clearretaineddialog.h"
#include "client.h"
#include "clientwaits.h"
#include "connectionpane.h"
#include "mainwindow.h"
#include "mosquittoprocess.h"
#include "retainedscan.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "topicdetailpane.h"
#include "topictreemodel.h"
#include "topictreepane.h"
#include "topictreeproxymodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

class TestTopicTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void treeLayoutShowsTheSelectedTopicsDetailsAndHistory();
    void searchNarrowsTheTreeToMatchesAndTheirPath();
    void findRetainedBelowASubtreeThenClearAfterADryRun();

private:
    void connectWindow();
    void subscribeInWindow(const QString &filter);
    void publish(const QString &topic, const QByteArray &payload, bool retain);
    void clickRow(QTreeView *view, const QModelIndex &index);
    void saveScreenshot(const QString &name);

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_other;
};

void TestTopicTree::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_topictree"));
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestTopicTree::init()
{
    QFile::remove(QSettings().fileName());
    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-topictree-other");
    QVERIFY(ClientWaits::connectAndWait(m_other.get(), options, 10000));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1024, 700);
    m_window->show();
}

void TestTopicTree::cleanup()
{
    m_other.reset();
    m_window.reset();
}

void TestTopicTree::cleanupTestCase()
{
    m_secrets.reset();
    m_broker.reset();
}

void TestTopicTree::connectWindow()
{
    ConnectionPane *connection = m_window->connectionPane();
    child<QLineEdit>(connection, "hostEdit")->setText(m_broker->host());
    connection->setPort(m_broker->port());
    QTest::mouseClick(child<QPushButton>(connection, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 10000);
}

void TestTopicTree::subscribeInWindow(const QString &filter)
{
    QVERIFY(m_window->subscriptionsPane()->subscribe(filter, Mqtt::QoS::AtLeastOnce));
    SubscriptionModel *model = m_window->subscriptions();
    QTRY_COMPARE_WITH_TIMEOUT(model->subscription(model->rowOf(filter)).state,
                              SubscriptionModel::State::Granted, 10000);
}

void TestTopicTree::publish(const QString &topic, const QByteArray &payload, bool retain)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce;
    message.retain = retain;
    QVERIFY(ClientWaits::publishAndWait(m_other.get(), message, 10000));
}

void TestTopicTree::clickRow(QTreeView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    const QRect rect = view->visualRect(index);
    QVERIFY2(rect.isValid() && view->viewport()->rect().contains(rect.center()),
             "the row is not on screen");
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

void TestTopicTree::saveScreenshot(const QString &name)
{
    // SWITCHBOARD_SCREENSHOTS=<folder> keeps a picture of the window (for the README).
    const QString folder = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
    if (!folder.isEmpty())
        m_window->grab().save(QDir(folder).filePath(name));
}

void TestTopicTree::treeLayoutShowsTheSelectedTopicsDetailsAndHistory()
{
    // A retained value first (it arrives flagged on subscribing), then two live ones.
    const QString topic = QStringLiteral("gui/tree/boiler/state");
    publish(topic, R"({"temp":20,"on":false})", true);
    connectWindow();
    subscribeInWindow(QStringLiteral("gui/tree/#"));
    TopicTreeModel *tree = m_window->topicTree();
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexForTopic(topic).isValid(), 10000);
    publish(QStringLiteral("gui/tree/boiler/line10"), "ten", false);
    publish(topic, R"({"temp":21,"on":true})", false);
    publish(topic,
            R"({"temp":22,"on":true,"note":"a long value that the column has to cut short, with its whole text in the tooltip"})",
            false);
    publish(QStringLiteral("gui/tree/boiler/line2"), "two", false);
    QTRY_COMPARE_WITH_TIMEOUT(
            tree->indexForTopic(topic).data(TopicTreeModel::MessageCountRole).toLongLong(), 3,
            10000);

    // View → Topic tree layout: the tree is the middle of the window.
    QAction *layout = m_window->topicTreeLayoutAction();
    QVERIFY(!layout->isChecked());
    layout->trigger();
    QCOMPARE(m_window->centralView(), MainWindow::CentralView::TopicTree);
    TopicTreePane *pane = m_window->topicTreePane();
    QTRY_VERIFY(pane->isVisible());
    QTreeView *view = pane->treeView();
    // The preset: the composer makes room and the side docks narrow.
    QVERIFY(!child<QDockWidget>(m_window.get(), "publish")->isVisible());
    QTRY_VERIFY(child<QDockWidget>(m_window.get(), "subscriptions")->width() <= 300);
    QVERIFY(view->width() > 400);
    // What bold means is said under the tree.
    QVERIFY(child<QLabel>(pane, "legendLabel")->text().contains(QLatin1String("Bold")));

    // Natural order among the boiler's children: line2 before line10.
    TopicTreeProxyModel *proxy = pane->proxy();
    QTRY_VERIFY(proxy->indexForTopic(QStringLiteral("gui/tree/boiler/line2")).isValid());
    QVERIFY(proxy->indexForTopic(QStringLiteral("gui/tree/boiler/line10")).isValid());
    QVERIFY(proxy->indexForTopic(QStringLiteral("gui/tree/boiler/line2")).row() <
            proxy->indexForTopic(QStringLiteral("gui/tree/boiler/line10")).row());

    // Sorted by messages, the busy topic comes first.
    auto *sort = child<QComboBox>(pane, "sortCombo");
    sort->setCurrentIndex(sort->findData(int(TopicTreeModel::MessageCountColumn)));
    Q_EMIT sort->activated(sort->currentIndex());
    QCOMPARE(proxy->indexForTopic(topic).row(), 0);
    sort->setCurrentIndex(sort->findData(int(TopicTreeModel::NameColumn)));
    Q_EMIT sort->activated(sort->currentIndex());
    QVERIFY(proxy->indexForTopic(topic).row() > 0);

    const QModelIndex node = proxy->indexForTopic(topic);
    QVERIFY(node.isValid());
    view->expand(node.parent());
    clickRow(view, node);
    QCOMPARE(pane->selectedTopic(), topic);

    TopicDetailPane *detail = pane->detailPane();
    QCOMPARE(child<QLabel>(detail, "topicLabel")->text(), topic);
    // The last value, pretty-printed, with its QoS, retain flag, time and size.
    QTRY_VERIFY(detail->valueText().contains(QLatin1String("\"temp\": 22")));
    QVERIFY(detail->valueText().contains(QLatin1Char('\n')));
    QCOMPARE(child<QLabel>(detail, "qosValue")->text(), QStringLiteral("1"));
    QCOMPARE(child<QLabel>(detail, "retainValue")->text(), QStringLiteral("no"));
    QVERIFY(child<QLabel>(detail, "timeValue")
                    ->text()
                    .contains(QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd"))));
    const int size = tree->indexForTopic(topic).data(TopicTreeModel::LastSizeRole).toInt();
    QVERIFY(size > 100);
    QVERIFY2(child<QLabel>(detail, "sizeValue")->text().contains(QString::number(size)),
             qPrintable(child<QLabel>(detail, "sizeValue")->text()));
    // The broker holds the first (retained) value: the tree says so.
    QCOMPARE(child<QLabel>(detail, "retainedValue")->text(), QStringLiteral("held by the broker"));

    // The recent history, newest first; the oldest was the retained one.
    auto *history = child<QTreeWidget>(detail, "historyView");
    QCOMPARE(detail->historyCount(), 3);
    QVERIFY(history->topLevelItem(0)->text(1).contains(QLatin1String("22")));
    QCOMPARE(history->topLevelItem(2)->text(3), QStringLiteral("yes"));
    const QRect oldest = history->visualItemRect(history->topLevelItem(2));
    QVERIFY(history->viewport()->rect().contains(oldest.center()));
    QTest::mouseClick(history->viewport(), Qt::LeftButton, {}, oldest.center());
    QVERIFY(detail->valueText().contains(QLatin1String("\"temp\": 20")));
    QCOMPARE(child<QLabel>(detail, "retainValue")->text(), QStringLiteral("yes"));

    // The last payload column is cut short on screen and whole in its tooltip.
    const QModelIndex payloadCell = node.siblingAtColumn(TopicTreeModel::LastPayloadColumn);
    const QString full = payloadCell.data(Qt::ToolTipRole).toString();
    QVERIFY(full.contains(QLatin1String("tooltip\"}")));
    QVERIFY(view->visualRect(payloadCell).width() < view->fontMetrics().horizontalAdvance(full));
    saveScreenshot(QStringLiteral("topic-tree.png"));

    // Back to the log, with the composer.
    layout->trigger();
    QCOMPARE(m_window->centralView(), MainWindow::CentralView::MessageLog);
    QTRY_VERIFY(child<QDockWidget>(m_window.get(), "publish")->isVisible());
}

void TestTopicTree::searchNarrowsTheTreeToMatchesAndTheirPath()
{
    connectWindow();
    subscribeInWindow(QStringLiteral("gui/search/#"));
    for (const char *topic : {"gui/search/hall/lamp", "gui/search/hall/door",
                              "gui/search/yard/lamp", "gui/search/yard/gate"})
        publish(QString::fromLatin1(topic), "x", false);
    TopicTreeModel *tree = m_window->topicTree();
    QTRY_COMPARE_WITH_TIMEOUT(tree->distinctTopicCount(), 4, 10000);
    m_window->setCentralView(MainWindow::CentralView::TopicTree);
    TopicTreePane *pane = m_window->topicTreePane();
    auto *search = child<QLineEdit>(pane, "searchEdit");
    QTest::keyClicks(search, QStringLiteral("gui/search/+/lamp"));
    TopicTreeProxyModel *proxy = pane->proxy();
    QTRY_COMPARE(proxy->searchText(), QStringLiteral("gui/search/+/lamp"));
    QVERIFY(proxy->indexForTopic(QStringLiteral("gui/search/yard/lamp")).isValid());
    QVERIFY(!proxy->indexForTopic(QStringLiteral("gui/search/yard/gate")).isValid());
    QVERIFY(child<QLabel>(pane, "matchLabel")->text().contains(QLatin1String("2")));
    // The matches are opened up to be seen.
    QVERIFY(pane->treeView()->isExpanded(proxy->indexForTopic(QStringLiteral("gui/search/yard"))));
    search->clear();
    QTRY_VERIFY(proxy->indexForTopic(QStringLiteral("gui/search/yard/gate")).isValid());
}

void TestTopicTree::findRetainedBelowASubtreeThenClearAfterADryRun()
{
    // 500 retained topics on the broker before the window connects.
    constexpr int Count = 500;
    for (int i = 0; i < Count; ++i) {
        Mqtt::Message message;
        message.topic = QStringLiteral("gui/plant/line%1/speed").arg(i);
        message.payload = QByteArray::number(i);
        message.qos = Mqtt::QoS::AtLeastOnce;
        message.retain = true;
        QVERIFY(m_other->publish(message) > 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_other->inflightCount() + m_other->queuedCount(), 0, 20000);

    // The window watches only a live topic of the plant: it knows nothing retained there.
    connectWindow();
    subscribeInWindow(QStringLiteral("gui/plant/status"));
    publish(QStringLiteral("gui/plant/status"), "running", false);
    TopicTreeModel *tree = m_window->topicTree();
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexForTopic(QStringLiteral("gui/plant")).isValid(), 10000);
    QCOMPARE(tree->retainedTopicCount(), 0);

    m_window->setCentralView(MainWindow::CentralView::TopicTree);
    TopicTreePane *pane = m_window->topicTreePane();
    auto *clearButton = child<QPushButton>(pane, "clearRetainedButton");
    pane->selectTopic(QStringLiteral("gui/plant"));
    QCOMPARE(pane->selectedTopic(), QStringLiteral("gui/plant"));
    QVERIFY(!clearButton->isEnabled());

    // Find retained messages below gui/plant: a brief subscription, then gone again.
    QSignalSpy found(m_window->retainedScan(), &RetainedScan::finished);
    QTest::mouseClick(child<QPushButton>(pane, "findRetainedButton"), Qt::LeftButton);
    QVERIFY(found.wait(20000));
    QCOMPARE(found.first().first().toStringList().size(), Count);
    QVERIFY2(pane->statusText().contains(QLatin1String("500")), qPrintable(pane->statusText()));
    QCOMPARE(tree->indexForTopic(QStringLiteral("gui/plant"))
                     .data(TopicTreeModel::RetainedCountRole)
                     .toInt(),
             Count);
    const auto holdsScanFilter = [this] {
        const QList<Mqtt::SubscribeTopic> held = m_window->client()->activeSubscriptions();
        return std::any_of(held.cbegin(), held.cend(), [](const Mqtt::SubscribeTopic &topic) {
            return topic.filter == QLatin1String("gui/plant/#");
        });
    };
    QTRY_VERIFY2(!holdsScanFilter(), "the search left its subscription");
    QTRY_VERIFY(child<QLabel>(pane->detailPane(), "retainedValue")
                        ->text()
                        .startsWith(QLatin1String("500 topic")));
    saveScreenshot(QStringLiteral("topic-tree-retained.png"));

    // Clear retained…: the dry run names the exact topics, nothing is sent yet.
    QTRY_VERIFY(clearButton->isEnabled());
    QTest::mouseClick(clearButton, Qt::LeftButton);
    ClearRetainedDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ClearRetainedDialog *>()) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->topics().size(), Count);
    auto *list = child<QListWidget>(dialog, "topicList");
    QCOMPARE(list->count(), Count);
    QVERIFY(!list->findItems(QStringLiteral("gui/plant/line0/speed"), Qt::MatchExactly).isEmpty());
    QVERIFY(!list->findItems(QStringLiteral("gui/plant/line499/speed"), Qt::MatchExactly).isEmpty());
    QVERIFY(list->findItems(QStringLiteral("gui/plant/status"), Qt::MatchExactly).isEmpty());
    QVERIFY(child<QLabel>(dialog, "summaryLabel")->text().contains(QLatin1String("500")));
    QCOMPARE(tree->retainedTopicCount(), Count); // a dry run
    QTest::mouseClick(dialog->clearButton(), Qt::LeftButton);
    QTRY_COMPARE(tree->retainedTopicCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(
            m_window->client()->inflightCount() + m_window->client()->queuedCount(), 0, 20000);
    QTRY_VERIFY(pane->statusText().contains(QLatin1String("Cleared 500")));

    // A fresh subscriber finds nothing retained below gui/plant: only a marker published
    // afterwards arrives.
    Mqtt::Client fresh;
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-topictree-fresh");
    QVERIFY(ClientWaits::connectAndWait(&fresh, options, 10000));
    QSignalSpy received(&fresh, &Mqtt::Client::messageReceived);
    QVERIFY(ClientWaits::subscribeAndWait(
            &fresh, {Mqtt::SubscribeTopic{QStringLiteral("gui/plant/#"), Mqtt::QoS::AtLeastOnce}},
            {}, 10000));
    publish(QStringLiteral("gui/plant/marker"), "m", false);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);
    QCOMPARE(received.first().first().value<Mqtt::Message>().topic,
             QStringLiteral("gui/plant/marker"));
}

QTEST_MAIN(TestTopicTree)
#include "tst_topictree.moc"
