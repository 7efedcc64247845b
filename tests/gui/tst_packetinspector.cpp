// SPDX-License-Identifier: Apache-2.0
// The packet inspector in the main window against a real mosquitto: opened from the View menu
// on a real connection, it shows the SUBSCRIBE/SUBACK and PUBLISH/PUBACK pairs of a
// subscription and a message published from the composer, filters them, shows a packet's
// bytes on demand, jumps to a packet's pair and exports what it shows.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "mosquittoprocess.h"
#include "packetfilterproxymodel.h"
#include "packetinspectordock.h"
#include "packetinspectorpane.h"
#include "packetlogexporter.h"
#include "packetlogmodel.h"
#include "publishpane.h"
#include "secretstore.h"
#include "subscriptionspane.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using Mqtt::PacketDirection;
using T = Mqtt::PacketType;

namespace {

constexpr int Timeout = 10000;

// With SWITCHBOARD_SCREENSHOT_DIR set, saves what the window shows there.
void saveScreenshot(QWidget *window, const QString &name)
{
    const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    window->grab().save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// The rows the pane's table shows, as "send SUBSCRIBE".
QStringList shownRows(const PacketInspectorPane *pane)
{
    QStringList rows;
    const QAbstractItemModel *model = pane->tableView()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        rows << model->index(row, PacketLogModel::DirectionColumn).data().toString() +
                        QLatin1Char(' ') +
                        model->index(row, PacketLogModel::TypeColumn).data().toString();
    return rows;
}

} // namespace

class TestPacketInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void openedFromTheViewMenu();
    void subscribeAndPublishArePaired();
    void filtersBytesAndPairJump();
    void exportsWhatItShows();
    void recordingCanBeTurnedOff();

private:
    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    PacketInspectorPane *m_pane = nullptr;
};

void TestPacketInspector::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_packetinspector"));
    QFile::remove(QSettings().fileName());
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
}

void TestPacketInspector::cleanupTestCase()
{
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestPacketInspector::openedFromTheViewMenu()
{
    PacketInspectorDock *dock = m_window->packetInspectorDock();
    QVERIFY(!dock->isVisible());
    // Off until the inspector is opened: recording costs more than a tenth of the window's
    // time per QoS 1 message (scripts/bench, part g).
    QCOMPARE(m_window->currentWorkspace()->packetTracing(), Mqtt::PacketTracing::Off);
    QAction *toggle = dock->toggleViewAction();
    QCOMPARE(toggle->text(), QStringLiteral("&Packet inspector"));
    toggle->trigger();
    QVERIFY(dock->isVisible());
    m_pane = m_window->packetInspectorPane();
    QVERIFY(m_pane);
    QVERIFY(m_pane->isVisible());
    // In front of the composer it shares the tab bar with (a dock behind another's tab is moved
    // out of sight, not hidden), and tall enough for its table.
    QTRY_VERIFY(m_window->publishPane()->visibleRegion().isEmpty());
    QTRY_VERIFY(dock->height() > 400); // the composer's 230 px would show a few rows
    QCOMPARE(dock->currentPane(), m_pane);
    // Recording starts when the inspector opens: the connection made now is there, paired.
    QCOMPARE(m_window->currentWorkspace()->packetTracing(), Mqtt::PacketTracing::On);
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-inspector");
    QVERIFY(ClientWaits::connectAndWait(m_window->client(), options, Timeout));
    QTRY_VERIFY(shownRows(m_pane).mid(0, 2) ==
                (QStringList{QStringLiteral("send CONNECT"), QStringLiteral("recv CONNACK")}));
    QCOMPARE(m_pane->tableView()->model()->index(0, PacketLogModel::PairColumn).data().toString(),
             QStringLiteral("answered by #2"));
}

void TestPacketInspector::subscribeAndPublishArePaired()
{
    QVERIFY(m_pane);
    QVERIFY(m_window->subscriptionsPane()->subscribe(QStringLiteral("inspector/#"),
                                                     Mqtt::QoS::AtLeastOnce));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->client()->activeSubscriptions().isEmpty(), Timeout);
    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("inspector/hello"));
    composer->setPayloadText(QStringLiteral("hi"));
    composer->setQos(Mqtt::QoS::AtLeastOnce);
    composer->trigger();

    PacketLogModel *log = m_pane->packetLog();
    // Our PUBLISH and its PUBACK, the broker's PUBLISH and our PUBACK.
    QTRY_VERIFY_WITH_TIMEOUT(log->findRow(PacketDirection::Sent, T::Puback) >= 0, Timeout);
    QTRY_VERIFY(shownRows(m_pane).contains(QStringLiteral("send PUBACK")));
    const int subscribe = log->findRow(PacketDirection::Sent, T::Subscribe);
    const int suback = log->findRow(PacketDirection::Received, T::Suback);
    QVERIFY(subscribe >= 0 && suback > subscribe);
    QCOMPARE(log->pairAt(subscribe), log->sequenceAt(suback));
    QCOMPARE(log->statusAt(subscribe), PacketLogModel::Status::Answered);
    QCOMPARE(log->index(subscribe, PacketLogModel::TopicColumn).data().toString(),
             QStringLiteral("inspector/#"));
    QCOMPARE(log->index(suback, PacketLogModel::ReasonColumn).data().toString(),
             QStringLiteral("Granted QoS 1"));
    QVERIFY(!log->index(suback, PacketLogModel::LatencyColumn).data().toString().isEmpty());

    const int published = log->findRow(PacketDirection::Sent, T::Publish);
    const int acknowledged = log->findRow(PacketDirection::Received, T::Puback);
    QVERIFY(published >= 0 && acknowledged > published);
    QCOMPARE(log->pairAt(acknowledged), log->sequenceAt(published));
    QCOMPARE(log->index(published, PacketLogModel::TopicColumn).data().toString(),
             QStringLiteral("inspector/hello"));
    QCOMPARE(log->index(published, PacketLogModel::FlagsColumn).data().toString(),
             QStringLiteral("QoS 1"));
    const int delivered = log->findRow(PacketDirection::Received, T::Publish);
    const int ours = log->findRow(PacketDirection::Sent, T::Puback);
    QCOMPARE(log->pairAt(ours), log->sequenceAt(delivered));
    QVERIFY(log->latencyAt(ours) >= 0);
    QTableView *table = m_pane->tableView();
    table->setCurrentIndex(
            m_pane->proxy()->mapFromSource(log->index(published, PacketLogModel::TypeColumn)));
    QVERIFY2(m_pane->detailText().contains(QStringLiteral("Payload: hi")),
             qPrintable(m_pane->detailText()));
    saveScreenshot(m_window.get(), QStringLiteral("packet-inspector"));
}

void TestPacketInspector::filtersBytesAndPairJump()
{
    QVERIFY(m_pane);
    QTableView *table = m_pane->tableView();
    m_pane->setTypeFilter(child<QComboBox>(m_pane, "typeCombo")->findText(QStringLiteral("SUBACK")));
    QCOMPARE(shownRows(m_pane), QStringList{QStringLiteral("recv SUBACK")});
    m_pane->setTypeFilter(0);
    m_pane->setTopicFilter(QStringLiteral("inspector/+"));
    QCOMPARE(shownRows(m_pane),
             (QStringList{QStringLiteral("send PUBLISH"), QStringLiteral("recv PUBLISH")}));
    m_pane->setTopicFilter(QString());
    m_pane->setPacketIdFilter(1);
    QVERIFY(shownRows(m_pane).contains(QStringLiteral("send SUBSCRIBE")));
    m_pane->setPacketIdFilter(0);

    // The selected packet in full; its bytes only when asked for.
    const QAbstractItemModel *shown = table->model();
    int row = 0;
    while (shown->index(row, PacketLogModel::TypeColumn).data().toString() !=
           QLatin1String("SUBSCRIBE"))
        ++row;
    table->setCurrentIndex(shown->index(row, 0));
    QVERIFY2(m_pane->detailText().contains(QStringLiteral("send SUBSCRIBE id=1")),
             qPrintable(m_pane->detailText()));
    QVERIFY(!m_pane->detailText().contains(QStringLiteral("00000000  82")));
    m_pane->setBytesShown(true);
    QVERIFY2(m_pane->detailText().contains(QStringLiteral("00000000  82")),
             qPrintable(m_pane->detailText()));
    saveScreenshot(m_window.get(), QStringLiteral("packet-inspector-bytes"));
    m_pane->setBytesShown(false);
    // Double click: the pair.
    table->scrollTo(shown->index(row, PacketLogModel::TypeColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(shown->index(row, PacketLogModel::TypeColumn)).center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {},
                       table->visualRect(shown->index(row, PacketLogModel::TypeColumn)).center());
    QCOMPARE(table->currentIndex().siblingAtColumn(PacketLogModel::TypeColumn).data().toString(),
             QStringLiteral("SUBACK"));
}

void TestPacketInspector::exportsWhatItShows()
{
    QVERIFY(m_pane);
    m_pane->setTypeFilter(
            child<QComboBox>(m_pane, "typeCombo")->findText(QStringLiteral("Subscriptions")));
    QCOMPARE(shownRows(m_pane),
             (QStringList{QStringLiteral("send SUBSCRIBE"), QStringLiteral("recv SUBACK")}));
    QTemporaryDir dir;
    const QString fileName = dir.filePath(QStringLiteral("packets.jsonl"));
    QCOMPARE(m_pane->exportTo(fileName), QString());
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].contains("\"type\":\"SUBSCRIBE\"") &&
                     lines[0].contains("\"filters\":[\"inspector/#\"]"),
             lines[0].constData());
    QVERIFY2(lines[1].contains("\"reason_codes\":[\"granted-qos-1\"]"), lines[1].constData());
    m_pane->setTypeFilter(0);
}

void TestPacketInspector::recordingCanBeTurnedOff()
{
    QVERIFY(m_pane);
    auto *record = child<QCheckBox>(m_pane, "traceCheck");
    QVERIFY(record->isChecked());
    QTest::mouseClick(record, Qt::LeftButton);
    QCOMPARE(m_window->currentWorkspace()->packetTracing(), Mqtt::PacketTracing::Off);
    PacketLogModel *log = m_pane->packetLog();
    log->flush();
    const qint64 before = log->receivedCount();
    Mqtt::Message quiet;
    quiet.topic = QStringLiteral("inspector/quiet");
    quiet.payload = "x";
    quiet.qos = Mqtt::QoS::AtLeastOnce;
    QVERIFY(ClientWaits::publishAndWait(m_window->client(), quiet, Timeout));
    log->flush();
    QCOMPARE(log->receivedCount(), before);
    QTest::mouseClick(record, Qt::LeftButton);
    QCOMPARE(m_window->currentWorkspace()->packetTracing(), Mqtt::PacketTracing::On);
    // Turned off by hand, it stays off when the inspector is closed and opened again.
    QTest::mouseClick(record, Qt::LeftButton);
    PacketInspectorDock *dock = m_window->packetInspectorDock();
    dock->toggleViewAction()->trigger();
    QTRY_VERIFY(!dock->isVisible());
    dock->toggleViewAction()->trigger();
    QTRY_VERIFY(dock->isVisible());
    QCOMPARE(m_window->currentWorkspace()->packetTracing(), Mqtt::PacketTracing::Off);
    QTest::mouseClick(record, Qt::LeftButton);
    QCOMPARE(m_window->currentWorkspace()->packetTracing(), Mqtt::PacketTracing::On);
}

QTEST_MAIN(TestPacketInspector)
#include "tst_packetinspector.moc"
