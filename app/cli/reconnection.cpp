// SPDX-License-Identifier: Apache-2.0
#include "reconnection.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Cli {

Reconnection::Reconnection(Command command, Mqtt::Client *client, Policy policy, Notices notices)
    : m_command(command), m_client(client), m_policy(policy), m_notices(notices)
{
    connect(client, &Mqtt::Client::connected, this, &Reconnection::onConnected);
    connect(client, &Mqtt::Client::errorOccurred, this, &Reconnection::onErrorOccurred);
    connect(client, &Mqtt::Client::reconnectScheduled, this, &Reconnection::onReconnectScheduled);
}

void Reconnection::onConnected(bool sessionPresent)
{
    if (m_policy == Policy::Stop)
        return;
    if (!m_keeping) {
        // The first connection worked: from now on a loss is retried. Only this option
        // changes; the engine reads it when a connection is lost.
        Mqtt::ConnectionOptions options = m_client->options();
        options.autoReconnect = true;
        m_client->setOptions(options);
        m_keeping = true;
        return;
    }
    ++m_reconnections;
    tell(sessionPresent
                 ? QCoreApplication::translate("Cli", "reconnected; the broker kept the session")
                 : QCoreApplication::translate("Cli", "reconnected; the broker kept no session"));
}

void Reconnection::onErrorOccurred(const Mqtt::Error &error)
{
    if (m_keeping)
        m_lastLoss = error;
}

void Reconnection::onReconnectScheduled(int attempt, int delayMs)
{
    const QString delay = QString::number(delayMs / 1000.0, 'f', 1);
    tell(attempt == 1
                 ? QCoreApplication::translate("Cli", "connection lost: %1; reconnecting in %2 s")
                           .arg(m_lastLoss.text, delay)
                 : QCoreApplication::translate(
                           "Cli", "reconnecting failed: %1; trying again in %2 s (attempt %3)")
                           .arg(m_lastLoss.text, delay)
                           .arg(attempt));
}

void Reconnection::tell(const QString &text) const
{
    if (m_notices == Notices::Quiet)
        return;
    QTextStream err(stderr);
    err << QStringLiteral("switchboard-cli %1: ").arg(commandName(m_command)) << text << '\n';
    err.flush();
}

} // namespace Cli
