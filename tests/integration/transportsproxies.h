// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

// A helper server the transports test runs for itself (microsocks, tinyproxy): started on
// a free loopback port, awaited until it accepts, stopped when destroyed.
class TransportsHelperProcess
{
public:
    TransportsHelperProcess() = default;
    ~TransportsHelperProcess();

    // SOCKS5 proxy requiring userName / password.
    bool startMicrosocks(const QString &userName, const QString &password, QString *error);
    // HTTP CONNECT proxy requiring userName / password, tunnelling only to connectPorts.
    bool startTinyproxy(const QString &userName, const QString &password,
                        const QList<quint16> &connectPorts, QString *error);
    void stop();

    quint16 port() const { return m_port; }
    // Everything the process printed so far.
    QString log();

private:
    // argumentsForPort writes what the port needs and returns the arguments; called again
    // with a new port when another process took the previous one.
    bool start(const QString &executable,
               const std::function<QStringList(quint16 port, QString *error)> &argumentsForPort,
               QString *error);

    QTemporaryDir m_directory;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_log;
};
