// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clientoptions.h"

#include "client.h"
#include "error.h"

#include <QObject>

namespace Cli {

// A command's connection kept across losses, as mosquitto_sub keeps its own: the first
// connection must succeed (its failure ends the command), and from its CONNACK on the engine
// reconnects after each loss with its back-off (which starts again after every CONNACK). With
// -d each loss and each return is told on stderr; without it they pass silently, as in
// mosquitto_sub.
class Reconnection : public QObject
{
    Q_OBJECT
public:
    enum class Policy {
        Stop, // a lost connection ends the command
        Reconnect,
    };
    enum class Notices { Quiet, Told };

    Reconnection(Command command, Mqtt::Client *client, Policy policy = Policy::Reconnect,
                 Notices notices = Notices::Quiet);

    void setPolicy(Policy policy) { m_policy = policy; }
    void setNotices(Notices notices) { m_notices = notices; }

    // A CONNACK came and losses are now retried: the error of a loss is either followed by
    // another attempt, or (when the engine gives up, e.g. refused) by disconnected().
    bool isKeeping() const { return m_keeping; }
    // The error of the last loss, for a command that reports it when the engine gives up.
    const Mqtt::Error &lastLoss() const { return m_lastLoss; }
    // Connections made after the first one.
    int reconnections() const { return m_reconnections; }

private:
    void onConnected(bool sessionPresent);
    void onErrorOccurred(const Mqtt::Error &error);
    void onReconnectScheduled(int attempt, int delayMs);
    void tell(const QString &text) const;

    Command m_command;
    Mqtt::Client *m_client;
    Policy m_policy;
    Notices m_notices;
    bool m_keeping = false;
    int m_reconnections = 0;
    Mqtt::Error m_lastLoss;
};

} // namespace Cli
