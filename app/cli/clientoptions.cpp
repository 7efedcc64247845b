#include "clientoptions.h"

#include "topic.h"
#include "transportoptions.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace Cli {

QString commandName(Command command)
{
    return command == Command::Publish ? QStringLiteral("pub") : QStringLiteral("sub");
}

void printError(Command command, const QString &text)
{
    QTextStream err(stderr);
    err << QStringLiteral("switchboard-cli %1: ").arg(commandName(command))
        << QCoreApplication::translate("Cli", "error: %1").arg(text) << '\n';
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
    QLoggingCategory::setFilterRules(QStringLiteral("switchboard.mqtt.debug=true\n"
                                                    "switchboard.mqtt.packets.debug=true"));
}

ClientOptionsParser::ClientOptionsParser(Command command, const QString &description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    // -h is the host, as in mosquitto_pub: help is --help only.
    m_parser.addOption({QStringLiteral("help"),
                        QCoreApplication::translate("Cli", "Show this help and exit.")});
    m_parser.addOption(
            {{QStringLiteral("h"), QStringLiteral("host")},
             QCoreApplication::translate("Cli", "Broker host name or address (default 127.0.0.1)."),
             QStringLiteral("host"),
             QStringLiteral("127.0.0.1")});
    m_parser.addOption(
            {{QStringLiteral("p"), QStringLiteral("port")},
             QCoreApplication::translate("Cli", "Broker port, 1 to 65535 (default 1883)."),
             QStringLiteral("port"),
             QStringLiteral("1883")});
    m_parser.addOption(
            {{QStringLiteral("q"), QStringLiteral("qos")},
             command == Command::Publish
                     ? QCoreApplication::translate(
                               "Cli", "Quality of service of the messages: 0, 1 or 2 (default 0).")
                     : QCoreApplication::translate(
                               "Cli", "Quality of service asked for the subscriptions: 0, 1 or 2 "
                                      "(default 0)."),
             QStringLiteral("qos"),
             QStringLiteral("0")});
    m_parser.addOption({{QStringLiteral("i"), QStringLiteral("id")},
                        QCoreApplication::translate("Cli", "Client id (default: generated)."),
                        QStringLiteral("id")});
    m_parser.addOption({{QStringLiteral("u"), QStringLiteral("username")},
                        QCoreApplication::translate("Cli", "User name."),
                        QStringLiteral("username")});
    m_parser.addOption({{QStringLiteral("P"), QStringLiteral("pw")},
                        QCoreApplication::translate("Cli", "Password."),
                        QStringLiteral("password")});
    m_parser.addOption({{QStringLiteral("k"), QStringLiteral("keepalive")},
                        QCoreApplication::translate(
                                "Cli", "Keep-alive interval in seconds, 0 to 65535 (default 60)."),
                        QStringLiteral("seconds"),
                        QStringLiteral("60")});
    m_parser.addOption(
            {{QStringLiteral("c"), QStringLiteral("disable-clean-session")},
             QCoreApplication::translate(
                     "Cli", "Keep the session on the broker after disconnecting (needs -i).")});
    m_parser.addOption(
            {{QStringLiteral("V"), QStringLiteral("protocol-version")},
             QCoreApplication::translate("Cli", "MQTT version: 31, 311 or 5 (default 311)."),
             QStringLiteral("version"),
             QStringLiteral("311")});
    m_parser.addOption({QStringLiteral("will-topic"),
                        QCoreApplication::translate("Cli", "Topic of the will message."),
                        QStringLiteral("topic")});
    m_parser.addOption({QStringLiteral("will-payload"),
                        QCoreApplication::translate("Cli", "Payload of the will message."),
                        QStringLiteral("payload")});
    m_parser.addOption({QStringLiteral("will-qos"),
                        QCoreApplication::translate("Cli", "QoS of the will message (default 0)."),
                        QStringLiteral("qos"), QStringLiteral("0")});
    m_parser.addOption({QStringLiteral("will-retain"),
                        QCoreApplication::translate("Cli", "Retain the will message.")});
    addTransportOptions(m_parser); // -L/--url, TLS, WebSockets and proxies
    m_parser.addOption(
            {{QStringLiteral("d"), QStringLiteral("debug")},
             QCoreApplication::translate(
                     "Cli", "Print the engine's debug messages (switchboard.mqtt categories).")});
}

int ClientOptionsParser::parse(const QStringList &arguments)
{
    const QString program = QStringLiteral("switchboard-cli %1").arg(commandName(m_command));
    if (!m_parser.parse(QStringList{program} + arguments)) {
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
        help.replace(0, lineEnd,
                     QCoreApplication::translate("Cli", "Usage: %1 [options]").arg(program));
        QTextStream(stdout) << help;
        return ExitSuccess;
    }
    if (!m_parser.positionalArguments().isEmpty()) {
        printError(m_command, QCoreApplication::translate("Cli", "unexpected argument: %1")
                                      .arg(m_parser.positionalArguments().constFirst()));
        return ExitUsage;
    }
    if (m_parser.isSet(QStringLiteral("debug")))
        enableDebugLogging();
    else // errors reach the user once, as this command's message
        QLoggingCategory::setFilterRules(QStringLiteral("switchboard.mqtt*.warning=false"));
    return -1;
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

bool ClientOptionsParser::connectionOptions(Mqtt::ConnectionOptions *options, QString *problem) const
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
        if (const Mqtt::Error error = Mqtt::validateTopicName(will.topic)) {
            *problem = QCoreApplication::translate("Cli", "invalid will topic '%1': %2")
                               .arg(will.topic, error.text);
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
    *options = result;
    return true;
}

} // namespace Cli
