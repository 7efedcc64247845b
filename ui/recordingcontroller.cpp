// SPDX-License-Identifier: Apache-2.0
#include "recordingcontroller.h"

#include "capture.h"
#include "connectionpane.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "publishpane.h"
#include "recorder.h"
#include "replaydialog.h"
#include "subscriptionmodel.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace {

const char IncludeSentKey[] = "recording/includeSent";
const char FolderKey[] = "recording/folder";

QString captureFilter()
{
    return RecordingController::tr("Capture files (*.jsonl);;All files (*)");
}

} // namespace

// Reads a capture file into a workspace a chunk at a time, so a large file never blocks the
// window; the models keep what their budget allows.
class RecordingController::Loader : public QObject
{
public:
    Loader(ConnectionWorkspace *workspace, QObject *parent)
        : QObject(parent), m_workspace(workspace)
    {
        m_timer.setInterval(0);
        connect(&m_timer, &QTimer::timeout, this, &Loader::readChunk);
    }

    bool open(const QString &path, QString *problem)
    {
        if (!m_reader.open(path)) {
            *problem = m_reader.errorString();
            return false;
        }
        return true;
    }
    void start() { m_timer.start(); }

private:
    void readChunk()
    {
        constexpr int ChunkSize = 2000;
        const qint64 startMs = m_reader.header().start.toMSecsSinceEpoch();
        for (int i = 0; i < ChunkSize; ++i) {
            Capture::Record record;
            switch (m_reader.readNext(&record)) {
            case Capture::Reader::Status::Record:
                m_workspace->appendCaptured(record.message,
                                            record.direction == Capture::Direction::Sent
                                                    ? MessageLogModel::Direction::Outgoing
                                                    : MessageLogModel::Direction::Incoming,
                                            startMs + record.offsetMs);
                continue;
            case Capture::Reader::Status::Error:
                m_workspace->messageLog()->appendEvent(
                        RecordingController::tr("The recording could not be read further: %1")
                                .arg(m_reader.errorString()));
                break;
            case Capture::Reader::Status::End:
                break;
            }
            m_timer.stop();
            m_reader.close();
            deleteLater();
            return;
        }
    }

    ConnectionWorkspace *m_workspace;
    Capture::Reader m_reader;
    QTimer m_timer;
};

RecordingController::RecordingController(MainWindow *window) : QObject(window), m_window(window)
{
    m_recordAction = new QAction(tr("&Record messages…"), this);
    m_recordAction->setObjectName(QStringLiteral("recordAction"));
    m_recordAction->setCheckable(true);
    m_recordAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_recordAction->setStatusTip(
            tr("Record what this connection receives to a capture file, until you stop"));
    connect(m_recordAction, &QAction::triggered, this, &RecordingController::toggleRecording);

    m_includeSentAction = new QAction(tr("Record &sent messages too"), this);
    m_includeSentAction->setCheckable(true);
    m_includeSentAction->setChecked(QSettings().value(QLatin1String(IncludeSentKey)).toBool());
    m_includeSentAction->setStatusTip(
            tr("Also record the messages published from this window on the connection"));
    connect(m_includeSentAction, &QAction::toggled, this,
            [](bool include) { QSettings().setValue(QLatin1String(IncludeSentKey), include); });

    m_openAction = new QAction(tr("&Open recording…"), this);
    m_openAction->setObjectName(QStringLiteral("openRecordingAction"));
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_openAction->setStatusTip(
            tr("Browse a capture file's messages in the log and the topic tree, without a "
               "broker"));
    connect(m_openAction, &QAction::triggered, this, &RecordingController::chooseAndOpen);

    m_replayAction = new QAction(tr("Re&play recording…"), this);
    m_replayAction->setObjectName(QStringLiteral("replayAction"));
    m_replayAction->setStatusTip(
            tr("Publish a capture file's messages again through an open connection"));
    connect(m_replayAction, &QAction::triggered, this, [this] { showReplayDialog(); });

    m_toolBar = new QToolBar(tr("Recording"), window);
    m_toolBar->setObjectName(QStringLiteral("recordingToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_recordAction);
    m_toolBar->addAction(m_openAction);
    m_toolBar->addAction(m_replayAction);
    window->addToolBar(Qt::TopToolBarArea, m_toolBar);
    // Hidden at first: on a small screen the log needs the height more (the actions are in
    // the File menu; View shows the bar, and the window remembers it).
    m_toolBar->hide();
    m_toolBar->toggleViewAction()->setText(tr("&Recording toolbar"));

    m_statusLabel = new QLabel(window);
    m_statusLabel->setObjectName(QStringLiteral("recordingStatusLabel"));
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setContentsMargins(6, 0, 6, 0);
    m_statusLabel->hide();
    window->statusBar()->addPermanentWidget(m_statusLabel);

    m_statusTimer.setInterval(500);
    connect(&m_statusTimer, &QTimer::timeout, this, &RecordingController::updateStatus);
    connect(window, &MainWindow::currentWorkspaceChanged, this, &RecordingController::updateActions);
}

RecordingController::~RecordingController() = default;

void RecordingController::addActions(QMenu *menu)
{
    menu->addAction(m_recordAction);
    menu->addAction(m_includeSentAction);
    menu->addAction(m_openAction);
    menu->addAction(m_replayAction);
}

QString RecordingController::workspaceName(const QString &path)
{
    return tr("%1 (recording)").arg(QFileInfo(path).fileName());
}

bool RecordingController::startRecording(ConnectionWorkspace *workspace, const QString &path,
                                         SentMessages sent, QString *problem)
{
    if (!workspace->captureFile().isEmpty()) {
        *problem = tr("A recording opened from a file has no connection to record");
        return false;
    }
    stopRecording(workspace);
    Capture::Header header;
    const Mqtt::Client *client = workspace->client();
    if (client->state() != Mqtt::Client::State::Disconnected)
        header.broker = client->currentServer().toUrl();
    const SubscriptionModel *subscriptions = workspace->subscriptions();
    for (int row = 0; row < subscriptions->rowCount(); ++row)
        header.filters << subscriptions->subscription(row).filter;
    // Owned by the workspace: closing the connection ends the recording and closes the file.
    auto *recorder = new Capture::Recorder(workspace->client(), workspace);
    if (!recorder->start(path, header, problem)) {
        delete recorder;
        return false;
    }
    if (sent == SentMessages::Record)
        connect(workspace, &ConnectionWorkspace::messageSent, recorder,
                &Capture::Recorder::recordSent);
    connect(recorder, &Capture::Recorder::failed, this, [this](const QString &reason) {
        updateActions();
        QMessageBox::warning(m_window, tr("Recording stopped"), reason);
    });
    connect(recorder, &QObject::destroyed, this, [this, workspace] {
        m_recorders.remove(workspace);
        updateActions();
    });
    m_recorders.insert(workspace, recorder);
    updateActions();
    return true;
}

void RecordingController::stopRecording(ConnectionWorkspace *workspace)
{
    const QPointer<Capture::Recorder> recorder = m_recorders.take(workspace);
    if (!recorder)
        return;
    const QString name = recorder->fileName();
    const qint64 count = recorder->messageCount();
    const bool written = recorder->stop();
    delete recorder;
    if (written)
        m_window->statusBar()->showMessage(
                tr("Recorded %Ln message(s) to %1", nullptr, int(count)).arg(name), 5000);
    updateActions();
}

bool RecordingController::isRecording(const ConnectionWorkspace *workspace) const
{
    const auto recorder = m_recorders.value(workspace);
    return recorder && recorder->isRecording();
}

qint64 RecordingController::recordedCount(const ConnectionWorkspace *workspace) const
{
    const auto recorder = m_recorders.value(workspace);
    return recorder ? recorder->messageCount() : 0;
}

void RecordingController::toggleRecording(bool start)
{
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    if (!workspace)
        return;
    if (!start) {
        stopRecording(workspace);
        return;
    }
    QSettings settings;
    const QString folder = settings.value(QLatin1String(FolderKey)).toString();
    const QString suggested = QDir(folder).filePath(
            QStringLiteral("%1-%2.jsonl")
                    .arg(workspace->name().section(QLatin1Char(' '), 0, 0),
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Record messages to"), suggested,
                                                      captureFilter());
    if (path.isEmpty()) {
        updateActions();
        return;
    }
    settings.setValue(QLatin1String(FolderKey), QFileInfo(path).absolutePath());
    QString problem;
    if (!startRecording(workspace, path,
                        m_includeSentAction->isChecked() ? SentMessages::Record : SentMessages::Skip,
                        &problem)) {
        updateActions();
        QMessageBox::warning(m_window, tr("Recording"), problem);
    }
}

ConnectionWorkspace *RecordingController::openRecording(const QString &path, QString *problem)
{
    // A file that is not a capture opens nothing.
    Capture::Reader check;
    if (!check.open(path)) {
        *problem = check.errorString();
        return nullptr;
    }
    const Capture::Header header = check.header();
    check.close();
    ConnectionWorkspace *workspace = m_window->openConnection();
    workspace->setCaptureFile(QFileInfo(path).absoluteFilePath());
    // Read-only: nothing to connect to or publish on. The subscriptions pane stays: its topic
    // tree narrows the log.
    m_window->connectionPane(workspace)->setEnabled(false);
    m_window->publishPane(workspace)->setEnabled(false);
    QString about =
            tr("Recording %1, started %2")
                    .arg(QFileInfo(path).fileName(),
                         QLocale().toString(header.start.toLocalTime(), QLocale::ShortFormat));
    if (!header.broker.isEmpty())
        about += QStringLiteral(" · ") + tr("from %1").arg(header.broker);
    if (!header.filters.isEmpty())
        about += QStringLiteral(" · ") + header.filters.join(QStringLiteral(", "));
    workspace->messageLog()->appendEvent(about, header.start.toMSecsSinceEpoch());

    // The loader reads into this workspace and goes with it.
    auto *reading = new Loader(workspace, workspace);
    reading->open(path, problem);
    m_loaders.insert(workspace, reading);
    reading->start();
    // The window names it after the file (see MainWindow::updateWorkspaceNames()).
    m_window->setCurrentWorkspace(workspace);
    updateActions();
    return workspace;
}

bool RecordingController::isLoading(const ConnectionWorkspace *workspace) const
{
    return !m_loaders.value(workspace).isNull();
}

void RecordingController::chooseAndOpen()
{
    const QString folder = QSettings().value(QLatin1String(FolderKey)).toString();
    const QString path =
            QFileDialog::getOpenFileName(m_window, tr("Open recording"), folder, captureFilter());
    if (path.isEmpty())
        return;
    QString problem;
    if (!openRecording(path, &problem))
        QMessageBox::warning(m_window, tr("Open recording"), problem);
}

ReplayDialog *RecordingController::replayDialog() const
{
    return m_replayDialog.data();
}

ReplayDialog *RecordingController::showReplayDialog()
{
    if (!m_replayDialog) {
        m_replayDialog = new ReplayDialog(m_window);
        m_replayDialog->setAttribute(Qt::WA_DeleteOnClose, false);
    }
    m_replayDialog->setWorkspaces(m_window->workspaces(), m_window->currentWorkspace());
    m_replayDialog->show();
    m_replayDialog->raise();
    m_replayDialog->activateWindow();
    return m_replayDialog;
}

void RecordingController::updateActions()
{
    const ConnectionWorkspace *workspace = m_window->currentWorkspace();
    const bool offline = workspace && !workspace->captureFile().isEmpty();
    const QSignalBlocker blocker(m_recordAction);
    m_recordAction->setEnabled(workspace && !offline);
    m_recordAction->setChecked(workspace && isRecording(workspace));
    m_recordAction->setText(m_recordAction->isChecked() ? tr("Stop &recording")
                                                        : tr("&Record messages…"));
    updateStatus();
}

void RecordingController::updateStatus()
{
    // Every recording in progress, so one running on another connection is not forgotten.
    QStringList parts;
    for (auto it = m_recorders.constBegin(); it != m_recorders.constEnd(); ++it) {
        if (it.value() && it.value()->isRecording())
            parts << tr("● Recording %1: %Ln message(s)", nullptr, int(it.value()->messageCount()))
                             .arg(QFileInfo(it.value()->fileName()).fileName());
    }
    m_statusLabel->setText(parts.join(QStringLiteral(" · ")));
    m_statusLabel->setVisible(!parts.isEmpty());
    // The counts move while recording: shown twice a second, not for every message.
    if (parts.isEmpty())
        m_statusTimer.stop();
    else if (!m_statusTimer.isActive())
        m_statusTimer.start();
}
