// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ConnectionWorkspace;
class MainWindow;
class QAction;
class QLabel;
class QMenu;
class QToolBar;
class ReplayDialog;

namespace Capture {
class Recorder;
}

// Record and replay in the window: starts and stops recording a connection to a capture file,
// opens a capture file as a read-only connection (its log, tree and details, without a
// broker), and shows the replay dialog. Its actions sit in the File menu and on the Recording
// toolbar; the status bar says what is being recorded.
class RecordingController : public QObject
{
    Q_OBJECT
public:
    // Whether a recording also keeps the messages the user publishes from the window.
    enum class SentMessages { Skip, Record };
    Q_ENUM(SentMessages)

    explicit RecordingController(MainWindow *window);
    ~RecordingController() override;

    void addActions(QMenu *menu);
    QAction *recordAction() const { return m_recordAction; }
    QAction *openAction() const { return m_openAction; }
    QAction *replayAction() const { return m_replayAction; }
    QToolBar *toolBar() const { return m_toolBar; }

    // The file is replaced. False, with *problem, when it cannot be written.
    bool startRecording(ConnectionWorkspace *workspace, const QString &path, SentMessages sent,
                        QString *problem);
    void stopRecording(ConnectionWorkspace *workspace);
    bool isRecording(const ConnectionWorkspace *workspace) const;
    qint64 recordedCount(const ConnectionWorkspace *workspace) const;

    // Opens the file as a new read-only connection and reads it in the background (a chunk per
    // turn of the event loop); nullptr, with *problem, when it is not a capture file. A bad
    // line further on ends the reading with an event row in its log that names the line.
    ConnectionWorkspace *openRecording(const QString &path, QString *problem);
    // True while an opened recording is still being read.
    bool isLoading(const ConnectionWorkspace *workspace) const;

    ReplayDialog *showReplayDialog();
    ReplayDialog *replayDialog() const;

    // The name a recording's connection is shown with.
    static QString workspaceName(const QString &path);

private:
    class Loader;

    void toggleRecording(bool start);
    void chooseAndOpen();
    void updateActions();
    void updateStatus();

    MainWindow *m_window;
    QAction *m_recordAction = nullptr;
    QAction *m_includeSentAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_replayAction = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_statusLabel = nullptr;
    QTimer m_statusTimer;
    QPointer<ReplayDialog> m_replayDialog;
    QHash<const ConnectionWorkspace *, QPointer<Capture::Recorder>> m_recorders;
    QHash<const ConnectionWorkspace *, QPointer<Loader>> m_loaders;
};
