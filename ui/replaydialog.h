// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "replayer.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class ConnectionWorkspace;
class QPushButton;

namespace Ui {
class ReplayDialog;
}

// Replays a capture file through one of the window's open connections: the file, the pace
// (recorded × speed, or as fast as possible), a topic prefix, a QoS override and looping;
// a progress bar and a Stop button while it runs. What it publishes shows in that
// connection's log as sent.
class ReplayDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ReplayDialog(QWidget *parent = nullptr);
    ~ReplayDialog() override;

    // The connections to offer (recordings opened from a file are left out) and the one to
    // choose first.
    void setWorkspaces(const QList<ConnectionWorkspace *> &workspaces, ConnectionWorkspace *current);

    QString fileName() const;
    void setFileName(const QString &path);
    ConnectionWorkspace *workspace() const;
    void setWorkspace(ConnectionWorkspace *workspace);
    Capture::Replayer::Options options() const;
    void setOptions(const Capture::Replayer::Options &options);

    // Starts with the form's settings; false (the status line says why) when it cannot.
    bool start();
    void stop();
    bool isRunning() const;
    Capture::Replayer *replayer() const { return m_replayer.get(); }

    QPushButton *startButton() const { return m_startButton; }
    QPushButton *stopButton() const { return m_stopButton; }
    QString statusText() const;
    int progressValue() const; // 0..1000

Q_SIGNALS:
    void replayFinished(Capture::Replayer::Outcome outcome);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void browse();
    void onProgress(qint64 published, double progress);
    void onFinished(Capture::Replayer::Outcome outcome, const QString &problem);
    void updateButtons();

    std::unique_ptr<Ui::ReplayDialog> m_ui;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QList<QPointer<ConnectionWorkspace>> m_workspaces;
    QPointer<ConnectionWorkspace> m_running; // the connection of the replay in progress
    std::unique_ptr<Capture::Replayer> m_replayer;
    QMetaObject::Connection m_targetDestroyed;
};
