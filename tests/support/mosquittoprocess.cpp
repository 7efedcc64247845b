// SPDX-License-Identifier: Apache-2.0
#include "mosquittoprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>

MosquittoProcess::MosquittoProcess() = default;

MosquittoProcess::~MosquittoProcess()
{
    stop();
}

QString MosquittoProcess::executable()
{
    const QString found = QStandardPaths::findExecutable(
            QStringLiteral("mosquitto"),
            {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
    if (!found.isEmpty())
        return found;
    return QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
}

quint16 MosquittoProcess::freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool MosquittoProcess::start(int timeoutMs)
{
    const QString program = executable();
    if (program.isEmpty()) {
        m_error = QStringLiteral("mosquitto is not installed (apt-get install mosquitto)");
        return false;
    }
    // Another process may take the port between freePort() and mosquitto's bind: retry.
    // A restart keeps the port it had (clients reconnect to the same address).
    const bool samePort = m_restarting && m_port != 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (!samePort)
            m_port = freePort();
        const QString configPath = m_directory.filePath(QStringLiteral("mosquitto.conf"));
        QFile config(configPath);
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            m_error = config.errorString();
            return false;
        }
        QStringList lines{QStringLiteral("per_listener_settings false"),
                          QStringLiteral("persistence false"),
                          QStringLiteral("log_dest stderr"),
                          QStringLiteral("log_type error"),
                          QStringLiteral("log_type warning"),
                          QStringLiteral("max_queued_messages 0"),
                          QStringLiteral("listener %1 127.0.0.1").arg(m_port)};
        bool hasAnonymousLine = false;
        for (const QString &line : m_extraLines)
            hasAnonymousLine =
                    hasAnonymousLine || line.startsWith(QLatin1String("allow_anonymous"));
        if (!hasAnonymousLine)
            lines << QStringLiteral("allow_anonymous true");
        lines += m_extraLines;
        config.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
        config.close();

        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        // A test that crashes must not leave its broker behind.
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process->start(program, {QStringLiteral("-c"), configPath});
        if (!m_process->waitForStarted(timeoutMs)) {
            m_error = m_process->errorString();
            return false;
        }
        // Wait until the listener accepts, or the process dies (port taken, bad config).
        if (waitForListener(m_port, timeoutMs))
            return true;
        m_error = QStringLiteral("mosquitto did not start: %1").arg(log());
        stop();
        if (samePort)
            break; // the port is taken: trying again would not change that soon
    }
    return false;
}

bool MosquittoProcess::restart(int timeoutMs)
{
    stop();
    m_restarting = true;
    const bool started = start(timeoutMs);
    m_restarting = false;
    return started;
}

bool MosquittoProcess::waitForListener(quint16 port, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && isRunning()) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        if (probe.waitForConnected(200)) {
            probe.abort();
            return true;
        }
        m_process->waitForFinished(20); // yields briefly; returns at once if it died
    }
    return false;
}

void MosquittoProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
}

bool MosquittoProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString MosquittoProcess::log() const
{
    if (!m_process)
        return {};
    return QString::fromLocal8Bit(m_process->readAll());
}
