// SPDX-License-Identifier: Apache-2.0
#include "commandend.h"

#include "reconnection.h"

#include <QCoreApplication>

namespace Cli {

CommandEnd::CommandEnd(Command command, Mqtt::Client *client, const Reconnection *reconnection)
    : m_command(command), m_client(client), m_reconnection(reconnection)
{
    connect(client, &Mqtt::Client::errorOccurred, this, [this](const Mqtt::Error &error) {
        // A loss after the first CONNACK is retried; told with -d, and here only if the
        // engine gives up (disconnected() follows).
        if (m_reconnection && m_reconnection->isKeeping())
            return;
        printError(m_command, error.text);
        m_exitCode = ExitFailure;
        // Refused before connecting: no disconnected() follows.
        if (m_client->state() == Mqtt::Client::State::Disconnected)
            end();
    });
    connect(client, &Mqtt::Client::disconnected, this, [this] {
        if (!m_finishing && m_exitCode == ExitSuccess) {
            const Mqtt::Error loss = m_reconnection ? m_reconnection->lastLoss() : Mqtt::Error();
            printError(m_command, loss ? loss.text
                                       : QCoreApplication::translate(
                                                 "Cli", "the connection closed unexpectedly"));
            m_exitCode = ExitFailure;
        }
        end();
    });
}

void CommandEnd::connectionMade()
{
    if (!m_finishing)
        m_exitCode = ExitSuccess;
}

void CommandEnd::finish(int exitCode, const Mqtt::Properties &disconnectProperties)
{
    if (m_finishing)
        return;
    m_finishing = true;
    if (m_exitCode == ExitSuccess)
        m_exitCode = exitCode;
    Q_EMIT finishing();
    if (m_client->state() == Mqtt::Client::State::Disconnected) {
        end();
        return;
    }
    // disconnected() ends the event loop.
    m_client->disconnectFromHost(Mqtt::ReasonCode::Success, disconnectProperties);
}

void CommandEnd::end()
{
    Q_EMIT ending();
    QCoreApplication::exit(m_exitCode);
}

} // namespace Cli
