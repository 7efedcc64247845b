// SPDX-License-Identifier: Apache-2.0
// Record and replay in the real window against a real mosquitto: a connection is recorded
// (received and sent messages), the file opens offline as a read-only connection whose log
// and tree hold the messages, a bad file is refused with its line, and the replay dialog
// publishes through an open connection and stops when asked.
//
// With SWITCHBOARD_SCREENSHOT_DIR set, the offline recording window and the replay dialog are
// saved there as PNG files.
#include "guitesthelpers.h"

#include "capture.h"
#include "client.h"
#include "clientwaits.h"
#include "connectionpane.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "publishpane.h"
#include "recordingcontroller.h"
#include "replaydialog.h"
#include "savedsession.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "topictreemodel.h"
#include "translations.h"
#include "windowsteps.h"

#include <QAction>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <memory>

class TestRecording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void recordThenBrowseOffline();
    void badFilesAreRefusedWithTheirLine();
    void replayDialogPublishesAndStops();

private:
    ConnectionWorkspace *connectAndSubscribe(const QString &filter);
    bool publish(const QString &topic, const QByteArray &payload);
    void saveScreenshot(QWidget *widget, const QString &name);

    MosquittoProcess m_broker;
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_files;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Mqtt::Client> m_other;
    std::unique_ptr<MainWindow> m_window;
};

void TestRecording::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_recording"));
    Translations::install(qApp, QStringLiteral("en"));
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestRecording::init()
{
    QFile::remove(QSettings().fileName());
    m_profiles =
            std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.ini")));
    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    options.version = Mqtt::ProtocolVersion::V5;
    QVERIFY(ClientWaits::connectAndWait(m_other.get(), options, 10000));
    m_window = std::make_unique<MainWindow>(m_profiles.get(), m_secrets.get());
    m_window->resize(1280, 800);
    m_window->show();
}

void TestRecording::cleanup()
{
    m_window.reset();
    m_other.reset();
    m_profiles.reset();
}

void TestRecording::cleanupTestCase()
{
    m_secrets.reset();
}

ConnectionWorkspace *TestRecording::connectAndSubscribe(const QString &filter)
{
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    return WindowSteps::connectAndSubscribe(m_window.get(), workspace, m_broker.host(),
                                            m_broker.port(), filter)
                   ? workspace
                   : nullptr;
}

bool TestRecording::publish(const QString &topic, const QByteArray &payload)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce;
    return ClientWaits::publishAndWait(m_other.get(), message, 10000);
}

void TestRecording::saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QVERIFY(widget->grab().save(QDir(folder).filePath(name)));
}

void TestRecording::recordThenBrowseOffline()
{
    ConnectionWorkspace *live = connectAndSubscribe(QStringLiteral("rec/#"));
    QVERIFY(live);
    RecordingController *recording = m_window->recordingController();
    QVERIFY(recording->recordAction()->isEnabled());
    QVERIFY(!recording->recordAction()->isChecked());
    // The toolbar waits in View until asked for: a small screen needs the height for the log.
    QToolBar *toolBar = recording->toolBar();
    QVERIFY(!toolBar->isVisible());
    toolBar->toggleViewAction()->trigger();
    QVERIFY(toolBar->isVisible());
    QVERIFY(toolBar->actions().contains(recording->recordAction()));
    toolBar->toggleViewAction()->trigger();
    QVERIFY(!toolBar->isVisible());
    const QString path = m_files.filePath(QStringLiteral("window.jsonl"));
    QString problem;
    QVERIFY2(recording->startRecording(live, path, RecordingController::SentMessages::Record,
                                       &problem),
             qPrintable(problem));
    QVERIFY(recording->isRecording(live));
    QVERIFY(recording->recordAction()->isChecked());

    QVERIFY(publish(QStringLiteral("rec/plant/temperature"), R"({"t":21.5})"));
    QVERIFY(publish(QStringLiteral("rec/plant/raw"), QByteArray("\x00\x01\xfe", 3)));
    // One published from the window: recorded as sent, and back again as received.
    PublishPane *composer = m_window->publishPane(live);
    composer->setTopic(QStringLiteral("rec/from-window"));
    composer->setPayloadText(QStringLiteral("from the window"));
    QVERIFY(composer->publish() != 0);
    QTRY_COMPARE(recording->recordedCount(live), 4);
    recording->stopRecording(live);
    QVERIFY(!recording->isRecording(live));
    QVERIFY(!recording->recordAction()->isChecked());

    // The file as written: the header names the broker and the subscription.
    Capture::Reader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
    QCOMPARE(reader.header().filters, QStringList{QStringLiteral("rec/#")});
    QVERIFY2(reader.header().broker.contains(QString::number(m_broker.port())),
             qPrintable(reader.header().broker));
    reader.close();

    // Offline: a read-only connection fed from the file, named after it (the live one keeps
    // its name: nothing is shared with it).
    const QString liveName = live->name();
    ConnectionWorkspace *offline = recording->openRecording(path, &problem);
    QVERIFY2(offline, qPrintable(problem));
    QCOMPARE(m_window->currentWorkspace(), offline);
    QCOMPARE(offline->name(), QStringLiteral("window.jsonl (recording)"));
    QCOMPARE(live->name(), liveName);
    QVERIFY2(m_window->statusText().contains(offline->name()), qPrintable(m_window->statusText()));
    QCOMPARE(offline->client()->state(), Mqtt::Client::State::Disconnected);
    QVERIFY(!m_window->connectionPane(offline)->isEnabled());
    QVERIFY(!m_window->publishPane(offline)->isEnabled());
    QVERIFY(!recording->recordAction()->isEnabled());
    QTRY_VERIFY(!recording->isLoading(offline));
    const MessageLogModel *log = offline->messageLog();
    const auto incoming = MessageLogModel::Direction::Incoming;
    QTRY_COMPARE(WindowSteps::rowsWithPayload(log, R"({"t":21.5})", incoming), 1);
    QCOMPARE(WindowSteps::rowsWithPayload(log, QByteArray("\x00\x01\xfe", 3), incoming), 1);
    QCOMPARE(WindowSteps::rowsWithPayload(log, "from the window", incoming), 1);
    QCOMPARE(WindowSteps::rowsWithPayload(log, "from the window",
                                          MessageLogModel::Direction::Outgoing),
             1);
    // At the time they were recorded (within this test's run), not when the file was read.
    for (int row = 0; row < log->rowCount(); ++row) {
        if (!log->isEventAt(row))
            QVERIFY(qAbs(log->timestampAt(row) - QDateTime::currentMSecsSinceEpoch()) < 120000);
    }
    offline->topicTree()->flush();
    QVERIFY(offline->topicTree()->indexForTopic(QStringLiteral("rec/plant/temperature")).isValid());
    QVERIFY(offline->topicTree()->indexForTopic(QStringLiteral("rec/plant/raw")).isValid());
    QVERIFY(offline->topicTree()->indexForTopic(QStringLiteral("rec/from-window")).isValid());
    // The live connection's log is untouched by the file.
    QCOMPARE(WindowSteps::rowsWithPayload(live->messageLog(), R"({"t":21.5})", incoming), 1);
    saveScreenshot(m_window.get(), QStringLiteral("recording-offline.png"));
    m_window->setCentralView(MainWindow::CentralView::TopicTree);
    saveScreenshot(m_window.get(), QStringLiteral("recording-offline-tree.png"));
    m_window->setCentralView(MainWindow::CentralView::MessageLog);

    // A recording is not part of the session saved for the next start.
    m_window->close();
    QSettings settings;
    QCOMPARE(SavedSession::read(settings).connections.size(), 1);
}

void TestRecording::badFilesAreRefusedWithTheirLine()
{
    RecordingController *recording = m_window->recordingController();
    const QString notCapture = m_files.filePath(QStringLiteral("notes.jsonl"));
    QFile file(notCapture);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"hello\": 1}\n");
    file.close();
    QString problem;
    QVERIFY(!recording->openRecording(notCapture, &problem));
    QVERIFY2(problem.contains(QStringLiteral("line 1: not a Switchboard capture")),
             qPrintable(problem));
    QCOMPARE(m_window->workspaces().size(), 1);

    // A bad line further on: what came before is shown, and the log says where it stopped.
    const QString broken = m_files.filePath(QStringLiteral("broken.jsonl"));
    file.setFileName(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"switchboard-capture","version":1,"start":"2026-01-01T00:00:00.000Z"})"
               "\n"
               R"({"t":0,"topic":"a","payload":"before","qos":0})"
               "\n"
               R"({"t":1,"topic":"a","payload":"x","qos":0,"retain":"yes"})"
               "\n");
    file.close();
    ConnectionWorkspace *offline = recording->openRecording(broken, &problem);
    QVERIFY(offline);
    QTRY_VERIFY(!recording->isLoading(offline));
    const MessageLogModel *log = offline->messageLog();
    QTRY_COMPARE(WindowSteps::rowsWithPayload(log, "before", MessageLogModel::Direction::Incoming),
                 1);
    bool told = false;
    for (int row = 0; row < log->rowCount(); ++row) {
        told = told || (log->isEventAt(row) &&
                        QString::fromUtf8(log->payloadAt(row))
                                .contains(QStringLiteral("line 3: \"retain\" must be true or "
                                                         "false")));
    }
    QVERIFY(told);
}

void TestRecording::replayDialogPublishesAndStops()
{
    ConnectionWorkspace *live = connectAndSubscribe(QStringLiteral("nothing/here"));
    QVERIFY(live);
    // 150 messages 20 ms apart: three seconds at the recorded pace.
    const QString path = m_files.filePath(QStringLiteral("replay.jsonl"));
    {
        Capture::Writer writer;
        QVERIFY(writer.open(path));
        for (int i = 0; i < 150; ++i) {
            Capture::Record record;
            record.offsetMs = i * 20;
            record.message.topic = QStringLiteral("line/%1").arg(i % 5);
            record.message.payload = QByteArray::number(i);
            QVERIFY(writer.write(record));
        }
    }
    QSignalSpy received(m_other.get(), &Mqtt::Client::messageReceived);
    QVERIFY(ClientWaits::subscribeAndWait(
            m_other.get(), {Mqtt::SubscribeTopic{QStringLiteral("copy/#"), Mqtt::QoS::AtLeastOnce}},
            {}, 10000));

    ReplayDialog *dialog = m_window->recordingController()->showReplayDialog();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->workspace(), live);
    dialog->setFileName(path);
    Capture::Replayer::Options options;
    options.topicPrefix = QStringLiteral("copy/");
    dialog->setOptions(options);
    QVERIFY(dialog->startButton()->isEnabled());
    QVERIFY(!dialog->stopButton()->isEnabled());
    QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QVERIFY(dialog->stopButton()->isEnabled());
    QTRY_VERIFY(received.size() >= 10);
    QCOMPARE(received.at(0).at(0).value<Mqtt::Message>().topic, QStringLiteral("copy/line/0"));
    QTRY_VERIFY(dialog->progressValue() > 0);
    saveScreenshot(dialog, QStringLiteral("replay-dialog.png"));
    QSignalSpy finished(dialog, &ReplayDialog::replayFinished);
    QTest::mouseClick(dialog->stopButton(), Qt::LeftButton);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<Capture::Replayer::Outcome>(),
             Capture::Replayer::Outcome::Stopped);
    QVERIFY(!dialog->isRunning());
    QVERIFY2(dialog->statusText().startsWith(QStringLiteral("Stopped")),
             qPrintable(dialog->statusText()));
    const qint64 published = dialog->replayer()->publishedCount();
    QVERIFY2(published < 150, qPrintable(QString::number(published)));
    // Nothing after the stop: a marker published afterwards arrives last.
    QVERIFY(publish(QStringLiteral("copy/marker"), "marker"));
    QTRY_VERIFY(!received.isEmpty() && received.last().at(0).value<Mqtt::Message>().topic ==
                                               QStringLiteral("copy/marker"));
    QCOMPARE(received.size(), published + 1);
    // The replayed messages show in the connection's log as sent.
    QTRY_COMPARE(WindowSteps::rowsWithPayload(live->messageLog(), "0",
                                              MessageLogModel::Direction::Outgoing),
                 1);

    // As fast as possible, to the end.
    received.clear();
    options.pacing = Capture::Replayer::Pacing::AsFastAsPossible;
    dialog->setOptions(options);
    QVERIFY(dialog->start());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.last().at(0).value<Capture::Replayer::Outcome>(),
             Capture::Replayer::Outcome::Completed);
    QCOMPARE(dialog->progressValue(), 1000);
    QVERIFY2(dialog->statusText().startsWith(QStringLiteral("Done: 150 messages published")),
             qPrintable(dialog->statusText()));
    QTRY_COMPARE(received.size(), 150);
    dialog->close();
}

QTEST_MAIN(TestRecording)
#include "tst_recording.moc"
