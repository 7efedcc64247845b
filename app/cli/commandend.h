// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clientoptions.h"

#include "client.h"

#include <QObject>

namespace Cli {

class Reconnection;

// How a command that holds one connection ends (sub, record, replay): a failure is told once
// on stderr and makes the exit code 1; a loss the Reconnection retries is left to it; and the
// event loop ends, with the exit code, once the connection is closed.
class CommandEnd : public QObject
{
    Q_OBJECT
public:
    // reconnection: nullptr when a lost connection ends the command.
    CommandEnd(Command command, Mqtt::Client *client, const Reconnection *reconnection = nullptr);

    int exitCode() const { return m_exitCode; }
    // A failure after the command's own (e.g. its file could not be written).
    void fail() { m_exitCode = ExitFailure; }
    bool isFinishing() const { return m_finishing; }
    // The connection is up: what earlier brokers of a -L list did is not the command's failure.
    void connectionMade();
    // Ends the command with exitCode (unless a failure came first): DISCONNECT with these
    // properties when connected, then the event loop ends. Only the first call counts.
    void finish(int exitCode, const Mqtt::Properties &disconnectProperties = {});

Q_SIGNALS:
    // finish() was called: stop what produces more (timers, reading).
    void finishing();
    // The event loop ends now (files to close; fail() still counts).
    void ending();

private:
    void end();

    Command m_command;
    Mqtt::Client *m_client;
    const Reconnection *m_reconnection;
    bool m_finishing = false;
    int m_exitCode = ExitSuccess;
};

} // namespace Cli
