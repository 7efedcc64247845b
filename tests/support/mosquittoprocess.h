// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A real mosquitto broker for tests: its own configuration in a temporary folder, a free
// loopback port, started and awaited (no fixed sleeps), stopped when destroyed.
class MosquittoProcess
{
public:
    MosquittoProcess();
    ~MosquittoProcess();

    // Extra configuration lines, appended after the default listener (call before start()).
    void addConfigLines(const QStringList &lines) { m_extraLines += lines; }
    // Folder for files the configuration refers to (certificates, password files).
    QString directory() const { return m_directory.path(); }
    // A free loopback port (reserved by binding and releasing it).
    static quint16 freePort();

    // Starts the broker and waits until it accepts TCP connections on port().
    bool start(int timeoutMs = 10000);
    // Waits until another listener of this broker (added with addConfigLines) accepts TCP
    // connections: start() waits only for port(). False if the broker dies or time runs out.
    bool waitForListener(quint16 port, int timeoutMs = 10000);
    void stop();
    // Stops the broker (if running) and starts it again on the same port, as a broker
    // restart looks to its clients. Retained messages and sessions are gone (no persistence).
    bool restart(int timeoutMs = 10000);
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    QString errorString() const { return m_error; }
    QString log() const;

    static QString executable();

private:
    QTemporaryDir m_directory;
    std::unique_ptr<QProcess> m_process;
    QStringList m_extraLines;
    quint16 m_port = 0;
    bool m_restarting = false;
    QString m_error;
};
