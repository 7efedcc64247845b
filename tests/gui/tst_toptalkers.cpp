// SPDX-License-Identifier: Apache-2.0
// Top talkers in the main window against a real mosquitto: opened from the View menu, the dock
// ranks the topic that receives ten times more first; clicking its row narrows the message log
// and the topic tree to it, a subtree's row to the subtree, and *Show all topics* undoes it.
#include "guitesthelpers.h"
#include "windowsteps.h"

#include "clientwaits.h"
#include "messagefilterproxymodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "secretstore.h"
#include "topictreepane.h"
#include "topictreeproxymodel.h"
#include "toptalkersdock.h"
#include "toptalkersmodel.h"
#include "toptalkerspane.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTableView>
#include <QTest>

#include <memory>

namespace {

constexpr int Timeout = 10000;

QString nameAt(const TopTalkersPane *pane, int row)
{
    return pane->tableView()->model()->index(row, TopTalkersModel::NameColumn).data().toString();
}

void clickRow(TopTalkersPane *pane, int row)
{
    QTableView *table = pane->tableView();
    const QRect cell = table->visualRect(table->model()->index(row, TopTalkersModel::NameColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
}

// Every row the log shows has this topic (or is below the subtree filter).
bool logShowsOnly(const MessageFilterProxyModel *proxy, const QString &prefix, int rows)
{
    if (proxy->rowCount() != rows)
        return false;
    for (int row = 0; row < rows; ++row) {
        if (!proxy->index(row, 0).data(MessageLogModel::TopicRole).toString().startsWith(prefix))
            return false;
    }
    return true;
}

} // namespace

class TestTopTalkers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ranksTheLoudTopicFirst();
    void clickNarrowsTheLogAndTheTree();
    void subtreeNarrowsToTheSubtree();
    void showAllUndoesIt();

private:
    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    TopTalkersPane *m_pane = nullptr;
};

void TestTopTalkers::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_toptalkers"));
    QFile::remove(QSettings().fileName());
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), m_window->currentWorkspace(),
                                             m_broker->host(), m_broker->port(),
                                             QStringLiteral("plant/#")));
}

void TestTopTalkers::cleanupTestCase()
{
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestTopTalkers::ranksTheLoudTopicFirst()
{
    TopTalkersDock *dock = m_window->topTalkersDock();
    TopTalkersModel *model = m_window->currentWorkspace()->topTalkers();
    QVERIFY(!dock->isVisible());
    // Nothing is counted until the dock is opened.
    QCOMPARE(model->tracking(), TopTalkersModel::Tracking::Off);
    QAction *toggle = dock->toggleViewAction();
    QCOMPARE(toggle->text(), QStringLiteral("Top &talkers"));
    toggle->trigger();
    m_pane = dock->pane();
    QVERIFY(dock->isVisible());
    QCOMPARE(model->tracking(), TopTalkersModel::Tracking::On);
    QCOMPARE(m_pane->model(), model);
    // A minute: the ranking stays while the test runs on a busy machine.
    auto *windowCombo = child<QComboBox>(m_pane, "windowCombo");
    windowCombo->setCurrentIndex(2);
    Q_EMIT windowCombo->activated(2);
    QCOMPARE(model->window(), TopTalkersModel::Window::OneMinute);

    Mqtt::Client publisher;
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-toptalkers-publisher");
    QVERIFY(ClientWaits::connectAndWait(&publisher, options, Timeout));
    for (int i = 0; i < 50; ++i) {
        Mqtt::Message message;
        message.qos = Mqtt::QoS::AtLeastOnce;
        message.topic = i % 10 == 0 ? QStringLiteral("plant/quiet") : QStringLiteral("plant/loud");
        message.payload = QByteArray::number(i);
        QVERIFY(publisher.publish(message) != 0);
        if (i % 10 == 0) {
            message.topic = QStringLiteral("plant/loud");
            QVERIFY(publisher.publish(message) != 0);
        }
    }
    // 50 on plant/loud, 5 on plant/quiet; the table follows at the next refresh.
    QTRY_COMPARE_WITH_TIMEOUT(model->totalMessages(), 55, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(
            model->index(0, 0).data(TopTalkersModel::MessageCountRole).toLongLong(), 50, Timeout);
    QCOMPARE(m_pane->tableView()->model()->rowCount(), 2);
    QCOMPARE(nameAt(m_pane, 0), QStringLiteral("plant/loud"));
    QCOMPARE(nameAt(m_pane, 1), QStringLiteral("plant/quiet"));
    QCOMPARE(model->index(1, 0).data(TopTalkersModel::MessageCountRole).toLongLong(), 5);
    QVERIFY(model->index(0, 0).data(TopTalkersModel::MessageRateRole).toDouble() >
            model->index(1, 0).data(TopTalkersModel::MessageRateRole).toDouble() * 9);
    QCOMPARE(model->index(0, TopTalkersModel::ShareColumn).data().toString(),
             QStringLiteral("90.9 %"));
    // (The test loads no catalogue: English plurals read "topic(s)".)
    QVERIFY2(m_pane->totalsText().contains(QStringLiteral("; 2 topic")),
             qPrintable(m_pane->totalsText()));
    publisher.disconnectFromHost();
}

void TestTopTalkers::clickNarrowsTheLogAndTheTree()
{
    QVERIFY(m_pane);
    MessageLogPane *log = m_window->messageLogPane();
    TopicTreePane *tree = m_window->topicTreePane();
    MessageFilterProxyModel *proxy = m_window->messageProxy();
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(), 55, Timeout);
    clickRow(m_pane, 0);
    QCOMPARE(m_pane->narrowedTo(), QStringLiteral("plant/loud"));
    QCOMPARE(log->topicFilter(), QStringLiteral("plant/loud"));
    QVERIFY(logShowsOnly(proxy, QStringLiteral("plant/loud"), 50));
    QCOMPARE(tree->proxy()->searchText(), QStringLiteral("plant/loud"));
    QCOMPARE(tree->proxy()->matchCount(), 1);
    QCOMPARE(tree->selectedTopic(), QStringLiteral("plant/loud"));
    QVERIFY(!tree->proxy()->indexForTopic(QStringLiteral("plant/quiet")).isValid());
}

void TestTopTalkers::subtreeNarrowsToTheSubtree()
{
    QVERIFY(m_pane);
    auto *subtrees = child<QRadioButton>(m_pane, "subtreesRadio");
    subtrees->click();
    TopTalkersModel *model = m_window->currentWorkspace()->topTalkers();
    QCOMPARE(model->kind(), TopTalkersModel::Kind::Subtrees);
    QCOMPARE(m_pane->tableView()->model()->headerData(0, Qt::Horizontal).toString(),
             QStringLiteral("Subtree"));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->tableView()->model()->rowCount(), 1, Timeout);
    QCOMPARE(nameAt(m_pane, 0), QStringLiteral("plant/#"));
    QCOMPARE(model->index(0, 0).data(TopTalkersModel::MessageCountRole).toLongLong(), 55);
    clickRow(m_pane, 0);
    QCOMPARE(m_window->messageLogPane()->topicFilter(), QStringLiteral("plant/#"));
    QVERIFY(logShowsOnly(m_window->messageProxy(), QStringLiteral("plant/"), 55));
    TopicTreePane *tree = m_window->topicTreePane();
    QCOMPARE(tree->proxy()->searchMode(), TopicTreeProxyModel::SearchMode::Wildcard);
    QCOMPARE(tree->proxy()->matchCount(), 3); // plant, plant/loud, plant/quiet
    QCOMPARE(tree->selectedTopic(), QStringLiteral("plant"));
}

void TestTopTalkers::showAllUndoesIt()
{
    QVERIFY(m_pane);
    auto *showAll = child<QPushButton>(m_pane, "showAllButton");
    QVERIFY(showAll->isEnabled());
    showAll->click();
    QVERIFY(!showAll->isEnabled());
    QCOMPARE(m_pane->narrowedTo(), QString());
    QCOMPARE(m_window->messageLogPane()->topicFilter(), QString());
    QCOMPARE(m_window->messageProxy()->rowCount(), 55);
    QCOMPARE(m_window->topicTreePane()->proxy()->searchText(), QString());
}

QTEST_MAIN(TestTopTalkers)
#include "tst_toptalkers.moc"
