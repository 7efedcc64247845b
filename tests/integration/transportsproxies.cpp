// SPDX-License-Identifier: Apache-2.0
#include "transportsproxies.h"

#include "mosquittoprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <csignal>

#include <sys/prctl.h>
#endif

TransportsHelperProcess::~TransportsHelperProcess()
{
    stop();
}

bool TransportsHelperProcess::startMicrosocks(const QString &userName, const QString &password,
                                              QString *error)
{
    return start(
            QStringLiteral("microsocks"),
            [&](quint16 port, QString *) {
                return QStringList{QStringLiteral("-i"), QStringLiteral("127.0.0.1"),
                                   QStringLiteral("-p"), QString::number(port),
                                   QStringLiteral("-u"), userName,
                                   QStringLiteral("-P"), password};
            },
            error);
}

bool TransportsHelperProcess::startTinyproxy(const QString &userName, const QString &password,
                                             const QList<quint16> &connectPorts, QString *error)
{
    const QString configPath = m_directory.filePath(QStringLiteral("tinyproxy.conf"));
    return start(
            QStringLiteral("tinyproxy"),
            [&](quint16 port, QString *problem) {
                QStringList lines{QStringLiteral("Port %1").arg(port),
                                  QStringLiteral("Listen 127.0.0.1"),
                                  QStringLiteral("Timeout 60"),
                                  QStringLiteral("MaxClients 20"),
                                  QStringLiteral("Allow 127.0.0.1"),
                                  QStringLiteral("BasicAuth %1 %2").arg(userName, password),
                                  QStringLiteral("LogLevel Connect"),
                                  QStringLiteral("DisableViaHeader Yes")};
                // CONNECT is allowed to these ports only.
                for (quint16 connectPort : connectPorts)
                    lines << QStringLiteral("ConnectPort %1").arg(connectPort);
                QFile config(configPath);
                if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                    *problem = config.errorString();
                    return QStringList();
                }
                config.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
                // -d: stay in the foreground, so the test owns the process and its log.
                return QStringList{QStringLiteral("-d"), QStringLiteral("-c"), configPath};
            },
            error);
}

bool TransportsHelperProcess::start(
        const QString &executable,
        const std::function<QStringList(quint16 port, QString *error)> &argumentsForPort,
        QString *error)
{
    const QString program = QStandardPaths::findExecutable(executable);
    if (program.isEmpty()) {
        *error = QStringLiteral("%1 is not installed (apt-get install %1)").arg(executable);
        return false;
    }
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = MosquittoProcess::freePort();
        error->clear();
        const QStringList arguments = argumentsForPort(m_port, error);
        if (!error->isEmpty())
            return false;
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
        // Should the test crash, the proxy goes with it instead of lingering.
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process->start(program, arguments);
        if (!m_process->waitForStarted(10000)) {
            *error = m_process->errorString();
            return false;
        }
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200)) {
                probe.abort();
                return true;
            }
            m_process->waitForFinished(20); // yields briefly; returns at once if it died
        }
        *error = QStringLiteral("%1 did not start: %2").arg(executable, log());
        stop();
    }
    return false;
}

void TransportsHelperProcess::stop()
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
    m_log += QString::fromLocal8Bit(m_process->readAll());
    m_process.reset();
}

QString TransportsHelperProcess::log()
{
    if (m_process)
        m_log += QString::fromLocal8Bit(m_process->readAll());
    return m_log;
}
