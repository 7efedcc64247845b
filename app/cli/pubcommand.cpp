// SPDX-License-Identifier: Apache-2.0
#include "clientoptions.h"
#include "commands.h"
#include "payloadoptions.h"
#include "reconnection.h"

#include "client.h"
#include "topic.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <optional>
#include <unistd.h>
#include <utility>

namespace {

using Cli::Command;

enum class Source { Message, File, NullMessage, StdinLines };
// -l: what a refused line (by the broker, or by the engine before sending) does to the rest.
enum class RefusalPolicy { Continue, Stop };

// Connects, publishes, waits until every message is acknowledged (QoS 1/2) or written
// (QoS 0), disconnects and quits the event loop with the exit code. With --reconnect a
// connection lost after the first CONNACK is made again and the engine resends what the
// broker has not acknowledged; the run ends once the input is over and all of it is
// acknowledged.
class Publisher : public QObject
{
    Q_OBJECT
public:
    Publisher(const Mqtt::ConnectionOptions &options, const Mqtt::Message &message, Source source,
              int repeat, int repeatDelayMs);

    void start();
    // 5.0: properties of the DISCONNECT that ends the run.
    void setDisconnectProperties(const Mqtt::Properties &properties)
    {
        m_disconnectProperties = properties;
    }
    // -d: also report each acknowledgement that says more than Success, and each lost
    // connection.
    void setDebug(bool debug)
    {
        m_debug = debug;
        m_reconnection.setNotices(debug ? Cli::Reconnection::Notices::Told
                                        : Cli::Reconnection::Notices::Quiet);
    }
    void setReconnect(Cli::Reconnection::Policy policy) { m_reconnection.setPolicy(policy); }
    void setRefusalPolicy(RefusalPolicy policy) { m_refusalPolicy = policy; }
    // -l with --encode: each line is encoded before it is sent.
    void setLineEncoder(const Cli::PayloadOptions *encoder) { m_lineEncoder = encoder; }

private:
    void onConnected();
    void onErrorOccurred(const Mqtt::Error &error);
    void onMessagePublished(quint64 token);
    void publishRepeated();
    void onStdinReadable();
    void publishBufferedLines();
    bool publishPayload(const QByteArray &payload);
    void finishIfDone();
    void fail(const QString &text);
    void onPublishAcknowledged(quint64 token, Mqtt::ReasonCode reasonCode,
                               const QString &reasonString);
    void disconnectFromBroker();
    // -l: a refused line is told with its number; the rest go on unless --stop-on-refusal.
    void refuseLine(qint64 line, const QString &text);
    void onMessageRefused(quint64 token, const Mqtt::Error &error);

    // Pause reading stdin while this many messages wait in the client's queue.
    static constexpr int MaximumBacklog = 1000;
    const Cli::PayloadOptions *m_lineEncoder = nullptr;

    Mqtt::Client m_client;
    Cli::Reconnection m_reconnection{Command::Publish, &m_client, Cli::Reconnection::Policy::Stop};
    Mqtt::ConnectionOptions m_options;
    Mqtt::Message m_message;
    Source m_source;
    int m_repeatLeft;
    int m_repeatDelayMs;
    QTimer m_repeatTimer;
    QSet<quint64> m_pending; // tokens not yet reported by messagePublished()
    bool m_inputDone = false;
    bool m_finishing = false;
    int m_exitCode = Cli::ExitSuccess;
    std::optional<QSocketNotifier> m_stdinNotifier;
    QByteArray m_stdinBuffer; // read, not yet published
    bool m_stdinAtEnd = false;
    bool m_backlogged = false;
    bool m_debug = false;
    bool m_started = false; // the first CONNACK started the publishing
    Mqtt::Properties m_disconnectProperties;
    RefusalPolicy m_refusalPolicy = RefusalPolicy::Continue;
    qint64 m_lineNumber = 0; // -l: lines taken from the input so far
    QHash<quint64, qint64> m_lineOfToken; // -l: messages not yet published, by token
    int m_refusedLines = 0;
};

Publisher::Publisher(const Mqtt::ConnectionOptions &options, const Mqtt::Message &message,
                     Source source, int repeat, int repeatDelayMs)
    : m_options(options),
      m_message(message),
      m_source(source),
      m_repeatLeft(repeat),
      m_repeatDelayMs(repeatDelayMs)
{
    m_repeatTimer.setSingleShot(true);
    connect(&m_repeatTimer, &QTimer::timeout, this, &Publisher::publishRepeated);
    connect(&m_client, &Mqtt::Client::connected, this, &Publisher::onConnected);
    connect(&m_client, &Mqtt::Client::errorOccurred, this, &Publisher::onErrorOccurred);
    connect(&m_client, &Mqtt::Client::messagePublished, this, &Publisher::onMessagePublished);
    connect(&m_client, &Mqtt::Client::publishAcknowledged, this, &Publisher::onPublishAcknowledged);
    connect(&m_client, &Mqtt::Client::messageRefused, this, &Publisher::onMessageRefused);
    connect(&m_client, &Mqtt::Client::disconnected, this, [this] {
        if (!m_finishing && m_exitCode == Cli::ExitSuccess) {
            const Mqtt::Error &loss = m_reconnection.lastLoss();
            Cli::printError(Command::Publish,
                            loss ? loss.text : tr("the connection closed unexpectedly"));
            m_exitCode = Cli::ExitFailure;
        }
        // The rest went on after a refused line, but not all of the input was published.
        if (m_refusedLines > 0)
            m_exitCode = Cli::ExitFailure;
        QCoreApplication::exit(m_exitCode);
    });
}

void Publisher::start()
{
    // Ctrl+C: stop reading or repeating, deliver what was taken, then disconnect.
    Cli::onQuitSignal(this, [this] {
        if (m_client.state() != Mqtt::Client::State::Connected) {
            QCoreApplication::exit(Cli::ExitFailure);
            return;
        }
        m_repeatTimer.stop();
        m_repeatLeft = 0;
        m_stdinNotifier.reset();
        m_stdinAtEnd = true;
        m_backlogged = false;
        m_inputDone = true;
        finishIfDone();
    });
    if (m_debug) {
        Cli::tracePackets(&m_client);
        Cli::printServerChanges(Command::Publish, &m_client);
    }
    m_client.connectToHost(m_options);
}

void Publisher::onConnected()
{
    // Brokers of the -L list that failed before this one are not the command's failure.
    m_exitCode = Cli::ExitSuccess;
    if (m_debug)
        Cli::printServerLimits(Command::Publish, m_client.serverLimits());
    // A reconnect (--reconnect) goes on where the input is: the engine resends the rest.
    if (std::exchange(m_started, true))
        return;
    if (m_source == Source::StdinLines) {
        m_stdinNotifier.emplace(STDIN_FILENO, QSocketNotifier::Read);
        connect(&*m_stdinNotifier, &QSocketNotifier::activated, this, &Publisher::onStdinReadable);
        return;
    }
    publishRepeated();
}

void Publisher::onErrorOccurred(const Mqtt::Error &error)
{
    // --reconnect: a loss after the first CONNACK is retried; told with -d, and here only if
    // the engine gives up (disconnected() follows).
    if (m_reconnection.isKeeping())
        return;
    // The client follows with disconnected() when the connection is gone.
    Cli::printError(Command::Publish, error.text);
    m_exitCode = Cli::ExitFailure;
    if (m_client.state() == Mqtt::Client::State::Disconnected)
        QCoreApplication::exit(m_exitCode);
}

void Publisher::fail(const QString &text)
{
    Cli::printError(Command::Publish, text);
    m_exitCode = Cli::ExitFailure;
    m_finishing = true;
    if (m_client.state() == Mqtt::Client::State::Disconnected)
        QCoreApplication::exit(m_exitCode); // no disconnected() will come
    else
        disconnectFromBroker();
}

void Publisher::disconnectFromBroker()
{
    m_client.disconnectFromHost(Mqtt::ReasonCode::Success, m_disconnectProperties);
}

void Publisher::onPublishAcknowledged(quint64, Mqtt::ReasonCode reasonCode,
                                      const QString &reasonString)
{
    if (!m_debug || (reasonCode == Mqtt::ReasonCode::Success && reasonString.isEmpty()))
        return;
    // e.g. "No matching subscribers": accepted, but nobody got it.
    QString text = Mqtt::reasonCodeText(reasonCode);
    if (!reasonString.isEmpty())
        text += QStringLiteral(" (%1)").arg(reasonString);
    QTextStream(stderr) << tr("switchboard-cli pub: the broker acknowledged a message: %1").arg(text)
                        << Qt::endl;
}

bool Publisher::publishPayload(const QByteArray &payload)
{
    Mqtt::Message message = m_message;
    message.payload = payload;
    const bool lines = m_source == Source::StdinLines;
    if (lines)
        ++m_lineNumber;
    QString problem;
    if (m_lineEncoder && !m_lineEncoder->encode(&message.payload, &problem)) {
        // A line that does not encode is refused like one the broker refuses.
        if (!lines) {
            fail(problem);
            return false;
        }
        refuseLine(m_lineNumber, problem);
        return !m_finishing;
    }
    Mqtt::Error error;
    const quint64 token = m_client.publish(message, &error);
    if (token == 0) {
        if (!lines) {
            fail(error.text);
            return false;
        }
        refuseLine(m_lineNumber, error.text);
        return !m_finishing;
    }
    if (lines)
        m_lineOfToken.insert(token, m_lineNumber);
    if (message.qos != Mqtt::QoS::AtMostOnce)
        m_pending.insert(token);
    return true;
}

void Publisher::onMessageRefused(quint64 token, const Mqtt::Error &error)
{
    // 5.0: a PUBACK/PUBREC with a failure reason code (the text names it and the reason
    // string), a queued message the broker's limits no longer allow, an expired one; or a
    // QoS 0 message whose connection closed before it was sent.
    m_pending.remove(token);
    const auto line = m_lineOfToken.constFind(token);
    if (line == m_lineOfToken.cend()) {
        fail(error.text);
        return;
    }
    const qint64 number = *line;
    m_lineOfToken.erase(line);
    refuseLine(number, error.text);
    finishIfDone();
}

void Publisher::refuseLine(qint64 line, const QString &text)
{
    // After --stop-on-refusal stopped the run, later answers are no news.
    if (m_finishing)
        return;
    ++m_refusedLines;
    if (m_refusalPolicy == RefusalPolicy::Stop) {
        fail(tr("line %1: %2").arg(line).arg(text));
        return;
    }
    Cli::printError(Command::Publish, tr("line %1: %2").arg(line).arg(text));
}

void Publisher::publishRepeated()
{
    if (m_finishing || m_repeatLeft <= 0)
        return;
    --m_repeatLeft;
    if (!publishPayload(m_message.payload))
        return;
    if (m_repeatLeft > 0) {
        m_repeatTimer.start(m_repeatDelayMs);
        return;
    }
    m_inputDone = true;
    finishIfDone();
}

void Publisher::onStdinReadable()
{
    // One read per notification: poll() said there is data (or end of file), so this never
    // blocks the event loop.
    char chunk[16384];
    const ssize_t count = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (count < 0) {
        if (errno == EINTR || errno == EAGAIN)
            return;
        m_stdinNotifier.reset();
        fail(tr("cannot read standard input: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    if (count == 0) {
        m_stdinNotifier.reset();
        m_stdinAtEnd = true;
    } else {
        m_stdinBuffer.append(chunk, count);
    }
    publishBufferedLines();
}

void Publisher::publishBufferedLines()
{
    if (m_inputDone || m_finishing)
        return;
    qsizetype start = 0;
    // Let the broker catch up instead of queueing the whole input in memory.
    while (m_client.queuedCount() < MaximumBacklog) {
        const qsizetype end = m_stdinBuffer.indexOf('\n', start);
        if (end < 0)
            break;
        if (!publishPayload(m_stdinBuffer.mid(start, end - start)))
            return;
        start = end + 1;
    }
    m_stdinBuffer.remove(0, start);
    m_backlogged = m_client.queuedCount() >= MaximumBacklog;
    if (m_stdinNotifier)
        m_stdinNotifier->setEnabled(!m_backlogged);
    if (m_stdinAtEnd && !m_backlogged) {
        // Every whole line is out; a last line without a newline is still a message.
        if (!m_stdinBuffer.isEmpty() && !publishPayload(m_stdinBuffer))
            return;
        m_stdinBuffer.clear();
        m_inputDone = true;
        finishIfDone();
    }
}

void Publisher::onMessagePublished(quint64 token)
{
    m_pending.remove(token);
    m_lineOfToken.remove(token);
    if (m_backlogged && m_client.queuedCount() < MaximumBacklog / 2)
        publishBufferedLines();
    finishIfDone();
}

void Publisher::finishIfDone()
{
    if (!m_inputDone || m_finishing || !m_pending.isEmpty() || m_client.queuedCount() > 0 ||
        m_client.inflightCount() > 0)
        return;
    m_finishing = true;
    // DISCONNECT goes after every byte written so far; the socket flushes before closing,
    // and disconnected() quits the event loop.
    disconnectFromBroker();
}

} // namespace

int runPub(const QStringList &arguments)
{
    Cli::ClientOptionsParser options(
            Command::Publish,
            QCoreApplication::translate("Cli", "Publish a message to an MQTT broker."));
    const QString topicName = QStringLiteral("topic");
    options.addOption({{QStringLiteral("t"), topicName},
                       QCoreApplication::translate("Cli", "Topic to publish to (required)."),
                       QStringLiteral("topic")});
    options.addOption({{QStringLiteral("m"), QStringLiteral("message")},
                       QCoreApplication::translate("Cli", "Message payload."),
                       QStringLiteral("message")});
    options.addOption({{QStringLiteral("f"), QStringLiteral("file")},
                       QCoreApplication::translate("Cli", "Send the contents of a file."),
                       QStringLiteral("file")});
    options.addOption({{QStringLiteral("n"), QStringLiteral("null-message")},
                       QCoreApplication::translate("Cli", "Send an empty message.")});
    options.addOption({{QStringLiteral("l"), QStringLiteral("stdin-line")},
                       QCoreApplication::translate(
                               "Cli", "Send one message per line read from standard input, "
                                      "until end of file.")});
    options.addOption({{QStringLiteral("r"), QStringLiteral("retain")},
                       QCoreApplication::translate("Cli", "Retain the message.")});
    options.addOption({QStringLiteral("repeat"),
                       QCoreApplication::translate("Cli", "Publish the message N times."),
                       QStringLiteral("N"), QStringLiteral("1")});
    options.addOption({QStringLiteral("repeat-delay"),
                       QCoreApplication::translate(
                               "Cli", "Seconds to wait between repeated messages (default 0)."),
                       QStringLiteral("seconds"), QStringLiteral("0")});
    Cli::PayloadOptions::addOptions(&options, Command::Publish);
    const QString reconnectName = QStringLiteral("reconnect");
    options.addOption(
            {reconnectName,
             QCoreApplication::translate(
                     "Cli", "Keep going when the connection is lost after the first one: "
                            "connect again and resend what the broker has not acknowledged. At "
                            "QoS 2 this needs -c (and -i), so that no message arrives twice.")});
    const QString stopOnRefusalName = QStringLiteral("stop-on-refusal");
    options.addOption(
            {stopOnRefusalName,
             QCoreApplication::translate(
                     "Cli", "With -l, stop at the first line refused (by the broker, or as too "
                            "large for it). Without it each refused line is reported with its "
                            "number and the rest are published; the exit code is 1 either "
                            "way.")});
    const int parsed = options.parse(arguments);
    if (parsed >= 0)
        return parsed;

    auto usageError = [](const QString &text) {
        Cli::printError(Command::Publish, text);
        return int(Cli::ExitUsage);
    };
    Mqtt::ConnectionOptions connection;
    QString problem;
    if (!options.connectionOptions(&connection, &problem))
        return usageError(problem);

    Mqtt::Message message;
    if (options.values(topicName).size() != 1)
        return usageError(
                QCoreApplication::translate("Cli", "give exactly one topic to publish to with -t"));
    message.topic = options.value(topicName);
    // [MQTT-3.3.2-2]: no wildcards in a topic name.
    if (const Mqtt::Error error = Mqtt::validateTopicName(message.topic))
        return usageError(QCoreApplication::translate("Cli", "invalid topic '%1': %2")
                                  .arg(message.topic, error.text));
    if (!options.qos(&message.qos, &problem))
        return usageError(problem);
    message.retain = options.isSet(QStringLiteral("retain"));
    message.properties = options.properties().publish; // -D publish, 5.0 only

    int sources = 0;
    Source source = Source::Message;
    for (const auto &[name, kind] : {std::pair{QStringLiteral("message"), Source::Message},
                                     std::pair{QStringLiteral("file"), Source::File},
                                     std::pair{QStringLiteral("null-message"), Source::NullMessage},
                                     std::pair{QStringLiteral("stdin-line"), Source::StdinLines}}) {
        if (options.isSet(name)) {
            ++sources;
            source = kind;
        }
    }
    if (sources != 1)
        return usageError(QCoreApplication::translate(
                "Cli", "give exactly one message source: -m, -f, -n or -l"));
    if (source == Source::Message) {
        message.payload = options.value(QStringLiteral("message")).toUtf8();
    } else if (source == Source::File) {
        QFile file(options.value(QStringLiteral("file")));
        if (!file.open(QIODevice::ReadOnly)) {
            Cli::printError(Command::Publish,
                            QCoreApplication::translate("Cli", "cannot read %1: %2")
                                    .arg(file.fileName(), file.errorString()));
            return Cli::ExitFailure;
        }
        message.payload = file.readAll();
    }
    Cli::PayloadOptions payloadOptions;
    if (!payloadOptions.read(options, Command::Publish, &problem))
        return usageError(problem);
    // -m and -f are encoded once, before connecting; -l line by line.
    if (source != Source::StdinLines && source != Source::NullMessage &&
        !payloadOptions.encode(&message.payload, &problem))
        return usageError(problem);

    qint64 repeat = 1;
    if (!Cli::parseInteger(options.value(QStringLiteral("repeat")), 1, 1000000000, &repeat))
        return usageError(QCoreApplication::translate(
                                  "Cli", "--repeat must be a whole number of at least 1, not '%1'")
                                  .arg(options.value(QStringLiteral("repeat"))));
    bool ok = false;
    const double delay = options.value(QStringLiteral("repeat-delay")).toDouble(&ok);
    if (!ok || delay < 0 || delay > 86400)
        return usageError(QCoreApplication::translate(
                                  "Cli", "--repeat-delay must be a number of seconds, not '%1'")
                                  .arg(options.value(QStringLiteral("repeat-delay"))));
    if (source == Source::StdinLines &&
        (options.isSet(QStringLiteral("repeat")) || options.isSet(QStringLiteral("repeat-delay"))))
        return usageError(QCoreApplication::translate(
                "Cli", "--repeat and --repeat-delay do not apply to -l"));
    if (options.isSet(stopOnRefusalName) && source != Source::StdinLines)
        return usageError(
                QCoreApplication::translate("Cli", "--stop-on-refusal applies to -l only"));
    // A clean session forgets the QoS 2 exchanges a lost connection left open: a message the
    // broker took but did not confirm would go out again as a new one.
    if (options.isSet(reconnectName) && message.qos == Mqtt::QoS::ExactlyOnce &&
        connection.cleanSession)
        return usageError(QCoreApplication::translate(
                "Cli", "--reconnect at QoS 2 needs a session the broker keeps: add -c and -i"));

    Publisher publisher(connection, message, source, int(repeat), int(delay * 1000));
    publisher.setDisconnectProperties(options.properties().disconnect);
    publisher.setDebug(options.isSet(QStringLiteral("debug")));
    if (source == Source::StdinLines)
        publisher.setLineEncoder(&payloadOptions);
    publisher.setReconnect(options.isSet(reconnectName) ? Cli::Reconnection::Policy::Reconnect
                                                        : Cli::Reconnection::Policy::Stop);
    publisher.setRefusalPolicy(options.isSet(stopOnRefusalName) ? RefusalPolicy::Stop
                                                                : RefusalPolicy::Continue);
    QTimer::singleShot(0, &publisher, &Publisher::start);
    return QCoreApplication::exec();
}

#include "pubcommand.moc"
