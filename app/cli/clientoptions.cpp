// SPDX-License-Identifier: Apache-2.0
#include "clientoptions.h"

#include "topic.h"
#include "transportoptions.h"
#include "validation.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace Cli {

QString commandName(Command command)
{
    switch (command) {
    case Command::Publish:
        return QStringLiteral("pub");
    case Command::Subscribe:
        return QStringLiteral("sub");
    case Command::Bench:
        return QStringLiteral("bench");
    case Command::Record:
        return QStringLiteral("record");
    case Command::Replay:
        return QStringLiteral("replay");
    case Command::Run:
        return QStringLiteral("run");
    }
    return QString();
}

void printError(Command command, const QString &text)
{
    QTextStream err(stderr);
    err << QStringLiteral("switchboard-cli %1: ").arg(commandName(command))
        << QCoreApplication::translate("Cli", "error: %1").arg(text) << '\n';
    err.flush();
}

void printServerChanges(Command command, Mqtt::Client *client)
{
    const auto print = [command](const QString &text) {
        QTextStream err(stderr);
        err << QStringLiteral("switchboard-cli %1: ").arg(commandName(command)) << text << '\n';
        err.flush();
    };
    QObject::connect(client, &Mqtt::Client::serverChanged, client, [client, print](int index) {
        const qsizetype count = client->options().servers().size();
        if (index < 0)
            print(QCoreApplication::translate("Cli", "broker named by the server reference: %1")
                          .arg(client->currentServer().toUrl()));
        else if (count > 1)
            print(QCoreApplication::translate("Cli", "broker %1 of %2: %3")
                          .arg(index + 1)
                          .arg(count)
                          .arg(client->currentServer().toUrl()));
    });
    QObject::connect(
            client, &Mqtt::Client::serverRedirected, client,
            [print](const QString &reference, Mqtt::ReasonCode reasonCode) {
                print(QCoreApplication::translate("Cli", "the broker sends us elsewhere (%1): %2")
                              .arg(Mqtt::reasonCodeText(reasonCode),
                                   reference.isEmpty() ? QCoreApplication::translate(
                                                                 "Cli", "no server reference")
                                                       : reference));
            });
}

void printServerLimits(Command command, const Mqtt::ServerLimits &limits)
{
    using Limit = Mqtt::ServerLimits::Limit;
    const auto yesNo = [](bool yes) {
        return yes ? QCoreApplication::translate("Cli", "yes")
                   : QCoreApplication::translate("Cli", "no");
    };
    QStringList announced;
    const auto add = [&](Limit limit, const char *name, const QString &value) {
        if (limits.isAnnounced(limit))
            announced.append(
                    QStringLiteral("%1 %2").arg(QCoreApplication::translate("Cli", name), value));
    };
    add(Limit::MaximumQos, QT_TRANSLATE_NOOP("Cli", "maximum QoS"),
        QString::number(quint8(limits.maximumQos())));
    add(Limit::RetainAvailable, QT_TRANSLATE_NOOP("Cli", "retain available:"),
        yesNo(limits.isRetainAvailable()));
    add(Limit::WildcardSubscriptionAvailable, QT_TRANSLATE_NOOP("Cli", "wildcard subscriptions:"),
        yesNo(limits.isWildcardSubscriptionAvailable()));
    add(Limit::SubscriptionIdentifierAvailable,
        QT_TRANSLATE_NOOP("Cli", "subscription identifiers:"),
        yesNo(limits.isSubscriptionIdentifierAvailable()));
    add(Limit::SharedSubscriptionAvailable, QT_TRANSLATE_NOOP("Cli", "shared subscriptions:"),
        yesNo(limits.isSharedSubscriptionAvailable()));
    add(Limit::ReceiveMaximum, QT_TRANSLATE_NOOP("Cli", "receive maximum"),
        QString::number(limits.receiveMaximum()));
    add(Limit::MaximumPacketSize, QT_TRANSLATE_NOOP("Cli", "maximum packet size"),
        QString::number(limits.maximumPacketSize().value_or(0)));
    add(Limit::TopicAliasMaximum, QT_TRANSLATE_NOOP("Cli", "topic alias maximum"),
        QString::number(limits.topicAliasMaximum()));
    add(Limit::ServerKeepAlive, QT_TRANSLATE_NOOP("Cli", "keep alive"),
        QString::number(limits.keepAlive(0)));
    if (!limits.assignedClientIdentifier().isEmpty())
        announced.append(QCoreApplication::translate("Cli", "assigned client id %1")
                                 .arg(limits.assignedClientIdentifier()));
    QTextStream err(stderr);
    err << QStringLiteral("switchboard-cli %1: ").arg(commandName(command))
        << (announced.isEmpty()
                    ? QCoreApplication::translate("Cli", "connected; the broker keeps the defaults")
                    : QCoreApplication::translate("Cli", "connected; the broker announced: %1")
                              .arg(announced.join(QStringLiteral(", "))))
        << '\n';
    err.flush();
}

bool parseInteger(const QString &text, qint64 minimum, qint64 maximum, qint64 *value)
{
    bool ok = false;
    const qint64 number = text.trimmed().toLongLong(&ok);
    if (!ok || number < minimum || number > maximum)
        return false;
    *value = number;
    return true;
}

namespace {

int signalPipe[2] = {-1, -1};

extern "C" void handleQuitSignal(int signalNumber)
{
    // Only async-signal-safe calls here: the event loop reads the byte.
    const char byte = char(signalNumber);
    if (::write(signalPipe[0], &byte, 1) < 0) {
        // Nothing useful to do inside a signal handler.
    }
}

} // namespace

void onQuitSignal(QObject *context, std::function<void()> handler)
{
    if (signalPipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context,
                     [notifier, handler = std::move(handler)] {
                         char byte = 0;
                         if (::read(signalPipe[1], &byte, 1) != 1)
                             return;
                         // The next signal takes the default action: ends the process.
                         std::signal(SIGINT, SIG_DFL);
                         std::signal(SIGTERM, SIG_DFL);
                         notifier->setEnabled(false);
                         handler();
                     });
    struct sigaction action = {};
    action.sa_handler = handleQuitSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

void enableDebugLogging()
{
    // The packets are told by tracePackets(); the engine's warnings (an acknowledgement for
    // an unknown packet id, ...) come too. QT_LOGGING_RULES still turns on its debug lines.
    QLoggingCategory::setFilterRules(QStringLiteral("switchboard.mqtt*.warning=true"));
}

void tracePackets(Mqtt::Client *client)
{
    client->setPacketTracing(Mqtt::PacketTracing::On);
    QObject::connect(client, &Mqtt::Client::packetTraced, client,
                     [](const Mqtt::PacketTrace &trace) {
                         QTextStream(stderr) << Mqtt::packetTraceLine(trace) << Qt::endl;
                     });
}

ClientOptionsParser::ClientOptionsParser(Command command, const QString &description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    // -h is the host, as in mosquitto_pub: help is --help only.
    addOption({QStringLiteral("help"),
               QCoreApplication::translate("Cli", "Show this help and exit.")});
    addOption(
            {{QStringLiteral("h"), QStringLiteral("host")},
             QCoreApplication::translate("Cli", "Broker host name or address (default 127.0.0.1)."),
             QStringLiteral("host"),
             QStringLiteral("127.0.0.1")});
    addOption({{QStringLiteral("p"), QStringLiteral("port")},
               QCoreApplication::translate("Cli", "Broker port, 1 to 65535 (default 1883)."),
               QStringLiteral("port"),
               QStringLiteral("1883")});
    QString qosHelp;
    switch (command) {
    case Command::Publish:
        qosHelp = QCoreApplication::translate(
                "Cli", "Quality of service of the messages: 0, 1 or 2 (default 0).");
        break;
    case Command::Subscribe:
    case Command::Record:
        qosHelp = QCoreApplication::translate(
                "Cli", "Quality of service asked for the subscriptions: 0, 1 or 2 (default 0).");
        break;
    case Command::Bench:
        qosHelp = QCoreApplication::translate(
                "Cli", "Quality of service of the messages and the subscriptions: 0, 1 or 2 "
                       "(default 0).");
        break;
    case Command::Replay:
        qosHelp = QCoreApplication::translate(
                "Cli", "Quality of service of every message in place of the recorded one: 0, 1 "
                       "or 2 (default: as recorded).");
        break;
    case Command::Run:
        break;
    }
    addOption({{QStringLiteral("q"), QStringLiteral("qos")},
               qosHelp,
               QStringLiteral("qos"),
               QStringLiteral("0")});
    addOption({{QStringLiteral("i"), QStringLiteral("id")},
               command == Command::Bench
                       ? QCoreApplication::translate(
                                 "Cli", "Prefix of the client ids: <id>-pub-1, <id>-sub-1, ... "
                                        "(default: generated).")
                       : QCoreApplication::translate("Cli", "Client id (default: generated)."),
               QStringLiteral("id")});
    addOption({{QStringLiteral("u"), QStringLiteral("username")},
               QCoreApplication::translate("Cli", "User name."),
               QStringLiteral("username")});
    addOption({{QStringLiteral("P"), QStringLiteral("pw")},
               QCoreApplication::translate("Cli", "Password."),
               QStringLiteral("password")});
    addOption({{QStringLiteral("k"), QStringLiteral("keepalive")},
               QCoreApplication::translate(
                       "Cli", "Keep-alive interval in seconds, 0 to 65535 (default 60)."),
               QStringLiteral("seconds"),
               QStringLiteral("60")});
    addOption({{QStringLiteral("c"), QStringLiteral("disable-clean-session")},
               QCoreApplication::translate(
                       "Cli", "Keep the session on the broker after disconnecting (needs -i).")});
    addOption({{QStringLiteral("V"), QStringLiteral("protocol-version")},
               QCoreApplication::translate("Cli", "MQTT version: 31, 311 or 5 (default 311)."),
               QStringLiteral("version"),
               QStringLiteral("311")});
    addOption({QStringLiteral("will-topic"),
               QCoreApplication::translate("Cli", "Topic of the will message."),
               QStringLiteral("topic")});
    addOption({QStringLiteral("will-payload"),
               QCoreApplication::translate("Cli", "Payload of the will message."),
               QStringLiteral("payload")});
    addOption({QStringLiteral("will-qos"),
               QCoreApplication::translate("Cli", "QoS of the will message (default 0)."),
               QStringLiteral("qos"), QStringLiteral("0")});
    addOption({QStringLiteral("will-retain"),
               QCoreApplication::translate("Cli", "Retain the will message.")});
    // -L/--url, TLS, WebSockets and proxies.
    for (const QCommandLineOption &option : transportOptions())
        addOption(option);
    addOption({{QStringLiteral("x"), QStringLiteral("session-expiry")},
               QCoreApplication::translate(
                       "Cli", "MQTT 5.0: seconds the broker keeps the session after the "
                              "connection ends; -1 for never (default: never with -c, else 0)."),
               QStringLiteral("seconds")});
    addOption({QStringLiteral("auth-method"),
               QCoreApplication::translate(
                       "Cli", "MQTT 5.0 enhanced authentication with the user name and password "
                              "of -u and -P: %1.")
                       .arg(authenticationMethods().join(QStringLiteral(", "))),
               QStringLiteral("method")});
    addOption({{QStringLiteral("D"), QStringLiteral("property")},
               QCoreApplication::translate(
                       "Cli", "MQTT 5.0 property of a packet the command sends (needs -V 5; "
                              "repeatable): -D <command> <property> <value>, or "
                              "-D <command> user-property <name> <value>. See below."),
               QStringLiteral("command property value")});
    addOption({{QStringLiteral("d"), QStringLiteral("debug")},
               QCoreApplication::translate(
                       "Cli", "Print every MQTT packet sent and received on stderr, one line "
                              "each: time, send or recv, type, then what applies of id=, q=, "
                              "r=, d=, rc=, sp= and the size (e.g. \"12:00:01.250 recv "
                              "SUBACK id=1 rc=granted-qos-1 5B\"); and the broker's limits, "
                              "each subscription's outcome and each change of broker.")});
}

void ClientOptionsParser::addOption(const QCommandLineOption &option)
{
    if (!option.valueName().isEmpty()) {
        for (const QString &name : option.names())
            m_valueOptions.insert(name);
    }
    m_parser.addOption(option);
}

void ClientOptionsParser::setPositionalArgument(const QString &name, const QString &description)
{
    m_parser.addPositionalArgument(name, description);
    m_positionalName = name;
    m_positionalCount = 1;
}

QList<PropertyTarget> ClientOptionsParser::propertyTargets() const
{
    if (m_command == Command::Publish)
        return {PropertyTarget::Connect, PropertyTarget::Publish, PropertyTarget::Will,
                PropertyTarget::Disconnect};
    // replay publishes the recorded properties; record subscribes without -U.
    if (m_command == Command::Replay)
        return {PropertyTarget::Connect, PropertyTarget::Will, PropertyTarget::Disconnect};
    if (m_command == Command::Record)
        return {PropertyTarget::Connect, PropertyTarget::Subscribe, PropertyTarget::Will,
                PropertyTarget::Disconnect};
    if (m_command == Command::Bench)
        return {PropertyTarget::Connect, PropertyTarget::Publish, PropertyTarget::Subscribe,
                PropertyTarget::Will, PropertyTarget::Disconnect};
    // UNSUBSCRIBE: sub -U.
    return {PropertyTarget::Connect, PropertyTarget::Subscribe, PropertyTarget::Unsubscribe,
            PropertyTarget::Will, PropertyTarget::Disconnect};
}

QString ClientOptionsParser::propertyHelp() const
{
    QString help =
            QCoreApplication::translate(
                    "Cli", "MQTT 5.0 properties (-D <command> <property> <value>, with -V 5):") +
            QLatin1Char('\n');
    for (PropertyTarget target : propertyTargets()) {
        // One line per command, wrapped at 80 columns under its first property.
        QString line = QStringLiteral("  %1:").arg(targetName(target));
        const qsizetype indent = line.size() + 1;
        qsizetype lineStart = 0;
        const QStringList names = propertyNames(target);
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QString item =
                    names.at(i) + (i + 1 < names.size() ? QStringLiteral(",") : QString());
            if (line.size() - lineStart + 1 + item.size() > 79) {
                line += QLatin1Char('\n');
                lineStart = line.size();
                line += QString(indent - 1, QLatin1Char(' '));
            }
            line += QLatin1Char(' ') + item;
        }
        help += line + QLatin1Char('\n');
    }
    help += QCoreApplication::translate("Cli", "Examples:") + QLatin1Char('\n');
    QStringList examples{QStringLiteral("-D connect session-expiry-interval 3600")};
    if (m_command == Command::Bench)
        examples << QStringLiteral("-D publish user-property key value")
                 << QStringLiteral("-D subscribe subscription-identifier 5");
    else if (m_command == Command::Publish)
        examples << QStringLiteral("-D publish user-property key value")
                 << QStringLiteral("-D publish message-expiry-interval 30")
                 << QStringLiteral("-D publish content-type text/plain");
    else if (m_command == Command::Subscribe)
        examples << QStringLiteral("-D subscribe subscription-identifier 5")
                 << QStringLiteral("-U old/topic -D unsubscribe user-property key value");
    else if (m_command == Command::Record)
        examples << QStringLiteral("-D subscribe subscription-identifier 5");
    examples << QStringLiteral("--will-topic status -D will will-delay-interval 10");
    for (const QString &example : std::as_const(examples))
        help += QStringLiteral("  switchboard-cli %1 -V 5 %2\n").arg(commandName(m_command), example);
    return help;
}

int ClientOptionsParser::parse(const QStringList &arguments)
{
    const QString program = QStringLiteral("switchboard-cli %1").arg(commandName(m_command));
    // -D takes two or three values, which QCommandLineParser cannot: they are read first.
    QStringList remaining = arguments;
    QString problem;
    if (!takePropertyArguments(&remaining, m_valueOptions, &m_propertyArguments, &problem)) {
        printError(m_command, problem);
        return ExitUsage;
    }
    if (!m_parser.parse(QStringList{program} + remaining)) {
        printError(m_command, m_parser.errorText());
        QTextStream(stderr) << QCoreApplication::translate(
                                       "Cli", "Run 'switchboard-cli %1 --help' for the options.")
                                       .arg(commandName(m_command))
                            << '\n';
        return ExitUsage;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        QString help = m_parser.helpText();
        // helpText() names the executable's path only: show the command instead.
        const qsizetype lineEnd = help.indexOf(QLatin1Char('\n'));
        const QString usage =
                QCoreApplication::translate("Cli", "Usage: %1 [options]").arg(program) +
                (m_positionalName.isEmpty() ? QString() : QLatin1Char(' ') + m_positionalName);
        help.replace(0, lineEnd, usage);
        QTextStream(stdout) << help << '\n' << propertyHelp();
        return ExitSuccess;
    }
    if (m_parser.positionalArguments().size() > m_positionalCount) {
        printError(m_command, QCoreApplication::translate("Cli", "unexpected argument: %1")
                                      .arg(m_parser.positionalArguments().at(m_positionalCount)));
        return ExitUsage;
    }
    if (m_parser.isSet(QStringLiteral("debug")))
        enableDebugLogging();
    else // errors reach the user once, as this command's message
        QLoggingCategory::setFilterRules(QStringLiteral("switchboard.mqtt*.warning=false"));
    return -1;
}

bool ClientOptionsParser::applyVersion5Options(Mqtt::ConnectionOptions *options, QString *problem)
{
    const bool isVersion5 = options->version == Mqtt::ProtocolVersion::V5;
    if (!isVersion5) {
        for (const auto &[name, spelling] :
             {std::pair{QStringLiteral("session-expiry"), QStringLiteral("-x/--session-expiry")},
              std::pair{QStringLiteral("auth-method"), QStringLiteral("--auth-method")}}) {
            if (m_parser.isSet(name)) {
                *problem = QCoreApplication::translate("Cli", "%1 is an MQTT 5.0 option: add -V 5")
                                   .arg(spelling);
                return false;
            }
        }
        if (!m_propertyArguments.isEmpty()) {
            *problem = QCoreApplication::translate("Cli", "-D sets MQTT 5.0 properties: add -V 5");
            return false;
        }
        return true;
    }
    PropertySets sets;
    if (!buildPropertySets(m_propertyArguments, propertyTargets(), &sets, problem))
        return false;

    if (m_parser.isSet(QStringLiteral("session-expiry"))) {
        quint32 seconds = 0;
        if (!parseSessionExpiry(m_parser.value(QStringLiteral("session-expiry")), &seconds)) {
            *problem = QCoreApplication::translate(
                               "Cli", "the session expiry must be a number of seconds from 0 to "
                                      "4294967295, or -1 for never, not '%1'")
                               .arg(m_parser.value(QStringLiteral("session-expiry")));
            return false;
        }
        if (sets.connect.contains(Mqtt::PropertyId::SessionExpiryInterval)) {
            *problem = QCoreApplication::translate(
                    "Cli",
                    "give the session expiry once: -x or -D connect session-expiry-interval");
            return false;
        }
        sets.connect.setInteger(Mqtt::PropertyId::SessionExpiryInterval, seconds);
    } else if (!options->cleanSession &&
               !sets.connect.contains(Mqtt::PropertyId::SessionExpiryInterval)) {
        // As mosquitto_sub: -c keeps the session, and in 5.0 that takes an expiry interval
        // (absent means the session ends with the connection, 3.1.2.11.2).
        sets.connect.setInteger(Mqtt::PropertyId::SessionExpiryInterval, 0xFFFFFFFF);
    }
    const quint32 sessionExpiry =
            sets.connect.integer(Mqtt::PropertyId::SessionExpiryInterval).value_or(0);
    if (sessionExpiry == 0xFFFFFFFF && options->clientId.isEmpty()) {
        *problem = QCoreApplication::translate(
                "Cli", "a session that never expires needs a client id: give one with -i");
        return false;
    }
    // 3.14.2.2.2: a session that ends with the connection cannot be given time later.
    if (sessionExpiry == 0 &&
        sets.disconnect.integer(Mqtt::PropertyId::SessionExpiryInterval).value_or(0) != 0) {
        *problem = QCoreApplication::translate(
                "Cli", "-D disconnect session-expiry-interval needs a session expiry on connect "
                       "(-x)");
        return false;
    }

    if (m_parser.isSet(QStringLiteral("auth-method"))) {
        if (!sets.authenticationMethod.isEmpty()) {
            *problem =
                    QCoreApplication::translate("Cli", "the authentication method is given twice");
            return false;
        }
        if (!checkAuthenticationMethod(m_parser.value(QStringLiteral("auth-method")),
                                       &sets.authenticationMethod, problem))
            return false;
    }
    if (!sets.authenticationMethod.isEmpty()) {
        options->authenticationMethod = sets.authenticationMethod;
        // The engine's rule (a user name and a password, given with -u and -P).
        if (const Mqtt::Error error = Mqtt::validateAuthentication(*options)) {
            *problem = error.text;
            return false;
        }
    }

    if (!sets.will.isEmpty()) {
        if (!options->will) {
            *problem = QCoreApplication::translate("Cli", "-D will needs --will-topic");
            return false;
        }
        options->will->properties = sets.will;
    }
    options->connectProperties = sets.connect;
    m_properties = sets;
    return true;
}

bool ClientOptionsParser::qos(Mqtt::QoS *qos, QString *problem) const
{
    qint64 value = 0;
    if (!parseInteger(m_parser.value(QStringLiteral("qos")), 0, 2, &value)) {
        *problem = QCoreApplication::translate("Cli", "the QoS must be 0, 1 or 2, not '%1'")
                           .arg(m_parser.value(QStringLiteral("qos")));
        return false;
    }
    *qos = Mqtt::QoS(value);
    return true;
}

bool ClientOptionsParser::connectionOptions(Mqtt::ConnectionOptions *options, QString *problem)
{
    Mqtt::ConnectionOptions result;
    result.host = m_parser.value(QStringLiteral("host")).trimmed();
    if (result.host.isEmpty()) {
        *problem = QCoreApplication::translate("Cli", "the host name is empty");
        return false;
    }
    qint64 number = 0;
    if (!parseInteger(m_parser.value(QStringLiteral("port")), 1, 65535, &number)) {
        *problem = QCoreApplication::translate(
                           "Cli", "the port must be a number from 1 to 65535, not '%1'")
                           .arg(m_parser.value(QStringLiteral("port")));
        return false;
    }
    result.port = quint16(number);
    if (!parseInteger(m_parser.value(QStringLiteral("keepalive")), 0, 65535, &number)) {
        *problem = QCoreApplication::translate(
                           "Cli",
                           "the keep-alive must be a number of seconds from 0 to 65535, not '%1'")
                           .arg(m_parser.value(QStringLiteral("keepalive")));
        return false;
    }
    result.keepAlive = quint16(number);

    const QString version = m_parser.value(QStringLiteral("protocol-version")).toLower();
    if (version == QLatin1String("31") || version == QLatin1String("mqttv31")) {
        result.version = Mqtt::ProtocolVersion::V3_1;
    } else if (version == QLatin1String("311") || version == QLatin1String("mqttv311")) {
        result.version = Mqtt::ProtocolVersion::V3_1_1;
    } else if (version == QLatin1String("5") || version == QLatin1String("mqttv5")) {
        result.version = Mqtt::ProtocolVersion::V5;
    } else {
        *problem = QCoreApplication::translate("Cli",
                                               "unknown protocol version '%1' (use 31, 311 or 5)")
                           .arg(m_parser.value(QStringLiteral("protocol-version")));
        return false;
    }

    if (m_parser.isSet(QStringLiteral("id"))) {
        result.clientId = m_parser.value(QStringLiteral("id"));
        if (result.clientId.isEmpty()) {
            *problem = QCoreApplication::translate("Cli", "the client id given with -i is empty");
            return false;
        }
        // [MQTT-3.1.3-5] in 3.1 allows 23 characters at most; mosquitto enforces it.
        if (result.version == Mqtt::ProtocolVersion::V3_1 && result.clientId.toUtf8().size() > 23) {
            *problem = QCoreApplication::translate(
                    "Cli", "MQTT 3.1 allows client ids of at most 23 bytes");
            return false;
        }
    }
    result.cleanSession = !m_parser.isSet(QStringLiteral("disable-clean-session"));
    if (!result.cleanSession && result.clientId.isEmpty()) {
        *problem = QCoreApplication::translate(
                "Cli", "-c (keep the session) needs a client id: give one with -i");
        return false;
    }
    if (m_parser.isSet(QStringLiteral("username")))
        result.userName = m_parser.value(QStringLiteral("username"));
    if (m_parser.isSet(QStringLiteral("pw"))) {
        if (!result.userName && result.version != Mqtt::ProtocolVersion::V5) {
            // [MQTT-3.1.2-22]: no password without a user name before 5.0.
            *problem = QCoreApplication::translate("Cli", "a password (-P) needs a user name (-u)");
            return false;
        }
        result.password = m_parser.value(QStringLiteral("pw")).toUtf8();
    }

    const bool hasWillTopic = m_parser.isSet(QStringLiteral("will-topic"));
    if (hasWillTopic) {
        Mqtt::Will will;
        will.topic = m_parser.value(QStringLiteral("will-topic"));
        if (const Mqtt::Error error = Mqtt::validateWill(will)) {
            *problem = error.text;
            return false;
        }
        will.payload = m_parser.value(QStringLiteral("will-payload")).toUtf8();
        if (!parseInteger(m_parser.value(QStringLiteral("will-qos")), 0, 2, &number)) {
            *problem =
                    QCoreApplication::translate("Cli", "the will QoS must be 0, 1 or 2, not '%1'")
                            .arg(m_parser.value(QStringLiteral("will-qos")));
            return false;
        }
        will.qos = Mqtt::QoS(number);
        will.retain = m_parser.isSet(QStringLiteral("will-retain"));
        result.will = will;
    } else if (m_parser.isSet(QStringLiteral("will-payload")) ||
               m_parser.isSet(QStringLiteral("will-qos")) ||
               m_parser.isSet(QStringLiteral("will-retain"))) {
        *problem = QCoreApplication::translate(
                "Cli", "--will-payload, --will-qos and --will-retain need --will-topic");
        return false;
    }
    // A URL (-L) overrides -h and -p; TLS options switch to mqtts.
    if (!applyTransportOptions(m_parser, &result, problem))
        return false;
    // sub with a failover list (-L more than once) stays subscribed: a lost broker gives way to
    // the next. (pub moves on only while connecting: it must not retry a dead list forever.)
    if ((m_command == Command::Subscribe || m_command == Command::Record) &&
        !result.failoverServers.isEmpty())
        result.autoReconnect = true;
    if (!applyVersion5Options(&result, problem))
        return false;
    *options = result;
    return true;
}

} // namespace Cli
