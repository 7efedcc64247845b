// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"
#include "connectionoptions.h"
#include "propertyoptions.h"
#include "protocol.h"
#include "serverlimits.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

// The options `pub`, `sub` and `bench` share, spelled as mosquitto_pub / mosquitto_sub spell
// them.
namespace Cli {

// Process exit codes, shared by every command.
enum ExitCode {
    ExitSuccess = 0,
    ExitFailure = 1, // connection, protocol or I/O failure
    ExitUsage = 2, // bad command line
    ExitTimedOut = 27, // sub -W expired (mosquitto_sub uses the same value)
};

enum class Command { Publish, Subscribe, Bench, Record, Replay, Run };

class ClientOptionsParser
{
public:
    ClientOptionsParser(Command command, const QString &description);

    QCommandLineParser &parser() { return m_parser; }
    // Adds an option owned by one command only.
    void addOption(const QCommandLineOption &option);
    // The command takes one argument besides its options (replay's FILE); without this call
    // it takes none.
    void setPositionalArgument(const QString &name, const QString &description);

    // Parses `arguments` (without program and command names). Returns -1 when the command
    // should run, or the exit code to return at once (after --help or a usage error, both
    // already printed).
    int parse(const QStringList &arguments);

    // Broker, identity, session and will, checked, and the -D properties of every packet
    // (see properties()). False with *problem set when invalid.
    bool connectionOptions(Mqtt::ConnectionOptions *options, QString *problem);
    // The -D properties, valid after connectionOptions() succeeded; connect and will are
    // already in the connection options.
    const PropertySets &properties() const { return m_properties; }
    // -q: QoS 0, 1 or 2.
    bool qos(Mqtt::QoS *qos, QString *problem) const;
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }

private:
    // The packets -D may name for this command.
    QList<PropertyTarget> propertyTargets() const;
    // -x, --auth-method and -D: checked against the version, into *options.
    bool applyVersion5Options(Mqtt::ConnectionOptions *options, QString *problem);
    // The -D section appended to --help.
    QString propertyHelp() const;

    Command m_command;
    QCommandLineParser m_parser;
    QSet<QString> m_valueOptions; // names of the options that take a value
    qsizetype m_positionalCount = 0;
    QString m_positionalName;
    QList<PropertyArgument> m_propertyArguments;
    PropertySets m_properties;
};

// Calls `handler` from the event loop when SIGINT or SIGTERM arrives, so a command can
// disconnect cleanly (no will) on Ctrl+C; a second signal ends the process at once.
void onQuitSignal(QObject *context, std::function<void()> handler);

// Parses a whole number in [minimum, maximum]; false when the text is not one.
bool parseInteger(const QString &text, qint64 minimum, qint64 maximum, qint64 *value);
// -d: lets the engine's warnings through (switchboard.mqtt categories).
void enableDebugLogging();
// -d: one line per packet the client sends or receives on stderr (Mqtt::packetTraceLine()).
void tracePackets(Mqtt::Client *client);
// "switchboard-cli pub: error: <text>" on stderr.
void printError(Command command, const QString &text);
// -d: "switchboard-cli sub: connected; the broker announced: maximum QoS 1, ..." on stderr,
// the limits a 5.0 broker's CONNACK set (ServerLimits), or that it kept the defaults.
void printServerLimits(Command command, const Mqtt::ServerLimits &limits);
QString commandName(Command command);
// -d with a failover list (-L more than once): "switchboard-cli sub: broker 2 of 3:
// mqtt://host:1883" on stderr whenever the client turns to another broker, and the Server
// Reference of a 5.0 broker that sends it elsewhere.
void printServerChanges(Command command, Mqtt::Client *client);

} // namespace Cli
