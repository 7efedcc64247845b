// SPDX-License-Identifier: Apache-2.0
#include "clientoptions.h"
#include "commandend.h"
#include "commands.h"
#include "payloadoptions.h"
#include "reconnection.h"

#include "client.h"
#include "topic.h"
#include "validation.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>
#include <utility>

namespace {

using Cli::Command;

enum class OutputFormat { Payload, TopicAndPayload };

// Connects, subscribes, unsubscribes (-U), prints each message as it arrives, and quits the
// event loop after -C messages, after -W seconds, or when the first connection fails. A
// connection lost later is made again, as mosquitto_sub does (with -c the broker's session
// resumes, else the engine subscribes again).
class Subscriber : public QObject
{
    Q_OBJECT
public:
    Subscriber(const Mqtt::ConnectionOptions &options, const QList<Mqtt::SubscribeTopic> &topics,
               OutputFormat format, int count, int timeoutMs);

    bool start();
    // -d: also report each granted subscription on stderr.
    void setDebug(bool debug)
    {
        m_debug = debug;
        m_reconnection.setNotices(debug ? Cli::Reconnection::Notices::Told
                                        : Cli::Reconnection::Notices::Quiet);
    }
    // --properties: print each message's 5.0 properties under it.
    void setPrintProperties(bool print) { m_printProperties = print; }
    // --decode: payloads of matching topics printed decoded.
    void setPayloadOptions(Cli::PayloadOptions *options) { m_payloadOptions = options; }
    // 5.0: properties of the SUBSCRIBE and of the DISCONNECT that ends the run.
    void setSubscribeProperties(const Mqtt::Properties &properties)
    {
        m_subscribeProperties = properties;
    }
    void setDisconnectProperties(const Mqtt::Properties &properties)
    {
        m_disconnectProperties = properties;
    }
    // -U: filters to unsubscribe from once connected, after subscribing to the topics, with
    // the 5.0 properties of that UNSUBSCRIBE.
    void setUnsubscriptions(const QStringList &filters, const Mqtt::Properties &properties)
    {
        m_unsubscribeFilters = filters;
        m_unsubscribeProperties = properties;
    }

private:
    void onConnected();
    void onSubscriptionAcknowledged(quint64 token, const QList<Mqtt::SubscribeResult> &results);
    void onUnsubscriptionResultsReceived(quint64 token,
                                         const QList<Mqtt::UnsubscribeResult> &results);
    void onMessageReceived(const Mqtt::Message &message);
    void finish(int exitCode) { m_end.finish(exitCode, m_disconnectProperties); }

    Mqtt::Client m_client;
    Cli::Reconnection m_reconnection{Command::Subscribe, &m_client};
    Mqtt::ConnectionOptions m_options;
    QList<Mqtt::SubscribeTopic> m_topics;
    OutputFormat m_format;
    int m_count; // 0: no limit
    int m_received = 0;
    QTimer m_timeout;
    QFile m_output;
    bool m_requestsSent = false; // SUBSCRIBE and UNSUBSCRIBE of the first connection
    bool m_debug = false;
    bool m_printProperties = false;
    Cli::PayloadOptions *m_payloadOptions = nullptr;
    Mqtt::Properties m_subscribeProperties;
    Mqtt::Properties m_disconnectProperties;
    QStringList m_unsubscribeFilters;
    Mqtt::Properties m_unsubscribeProperties;
    Cli::CommandEnd m_end{Command::Subscribe, &m_client, &m_reconnection};
};

Subscriber::Subscriber(const Mqtt::ConnectionOptions &options,
                       const QList<Mqtt::SubscribeTopic> &topics, OutputFormat format, int count,
                       int timeoutMs)
    : m_options(options), m_topics(topics), m_format(format), m_count(count)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(timeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        Cli::printError(Command::Subscribe, tr("timed out after %1 s, %2 messages received")
                                                    .arg(m_timeout.interval() / 1000.0)
                                                    .arg(m_received));
        finish(Cli::ExitTimedOut);
    });
    connect(&m_client, &Mqtt::Client::connected, this, &Subscriber::onConnected);
    connect(&m_client, &Mqtt::Client::subscriptionAcknowledged, this,
            &Subscriber::onSubscriptionAcknowledged);
    connect(&m_client, &Mqtt::Client::unsubscriptionResultsReceived, this,
            &Subscriber::onUnsubscriptionResultsReceived);
    connect(&m_client, &Mqtt::Client::messageReceived, this, &Subscriber::onMessageReceived);
    connect(&m_end, &Cli::CommandEnd::finishing, &m_timeout, &QTimer::stop);
}

bool Subscriber::start()
{
    if (!m_output.open(STDOUT_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        Cli::printError(Command::Subscribe,
                        tr("cannot write to standard output: %1").arg(m_output.errorString()));
        return false;
    }
    if (m_timeout.interval() > 0)
        m_timeout.start();
    // Ctrl+C: leave with DISCONNECT, so the broker drops the will, as mosquitto_sub does.
    Cli::onQuitSignal(this, [this] { finish(Cli::ExitSuccess); });
    // From the event loop, so that an early refusal can quit it.
    if (m_debug) {
        Cli::tracePackets(&m_client);
        Cli::printServerChanges(Command::Subscribe, &m_client);
    }
    QTimer::singleShot(0, this, [this] { m_client.connectToHost(m_options); });
    return true;
}

void Subscriber::onConnected()
{
    // Brokers of the -L list that failed before this one are not the command's failure.
    m_end.connectionMade();
    if (m_debug)
        Cli::printServerLimits(Command::Subscribe, m_client.serverLimits());
    // Once: on a reconnect the broker's session has the subscriptions (-c), or the engine
    // subscribes again to what was granted.
    if (std::exchange(m_requestsSent, true))
        return;
    Mqtt::Error error;
    // As mosquitto_sub: subscriptions first, then unsubscriptions.
    if (!m_topics.isEmpty() && m_client.subscribe(m_topics, m_subscribeProperties, &error) == 0) {
        Cli::printError(Command::Subscribe, error.text);
        finish(Cli::ExitFailure);
        return;
    }
    if (!m_unsubscribeFilters.isEmpty() &&
        m_client.unsubscribe(m_unsubscribeFilters, m_unsubscribeProperties, &error) == 0) {
        Cli::printError(Command::Subscribe, error.text);
        finish(Cli::ExitFailure);
    }
}

void Subscriber::onSubscriptionAcknowledged(quint64, const QList<Mqtt::SubscribeResult> &results)
{
    int refused = 0;
    for (const Mqtt::SubscribeResult &result : results) {
        if (result.isRefused()) {
            ++refused;
            // 5.0 brokers say why: the reason code's name, and maybe a reason string.
            QString reason = result.reasonText();
            if (!result.reasonString.isEmpty())
                reason += QStringLiteral(" (%1)").arg(result.reasonString);
            Cli::printError(Command::Subscribe,
                            tr("the broker refused the subscription to '%1': %2")
                                    .arg(result.filter, reason));
        } else if (m_debug) {
            QTextStream(stderr) << tr("switchboard-cli sub: subscribed to '%1' (granted QoS %2)")
                                           .arg(result.filter)
                                           .arg(quint8(result.grantedQos()))
                                << Qt::endl;
        }
    }
    if (refused == results.size())
        finish(Cli::ExitFailure);
}

void Subscriber::onUnsubscriptionResultsReceived(quint64,
                                                 const QList<Mqtt::UnsubscribeResult> &results)
{
    int refused = 0;
    for (const Mqtt::UnsubscribeResult &result : results) {
        QString reason = result.reasonText();
        if (!result.reasonString.isEmpty())
            reason += QStringLiteral(" (%1)").arg(result.reasonString);
        if (result.isRefused()) {
            ++refused;
            Cli::printError(Command::Subscribe,
                            tr("the broker refused to unsubscribe from '%1': %2")
                                    .arg(result.filter, reason));
        } else if (m_debug) {
            // "No subscription existed" is no failure: the filter is not subscribed either way.
            QTextStream(stderr) << tr("switchboard-cli sub: unsubscribed from '%1': %2")
                                           .arg(result.filter, reason)
                                << Qt::endl;
        }
    }
    // Nothing left to wait for: no -t, and every -U refused.
    if (m_topics.isEmpty() && refused == results.size())
        finish(Cli::ExitFailure);
}

void Subscriber::onMessageReceived(const Mqtt::Message &message)
{
    if (m_end.isFinishing())
        return;
    QByteArray line;
    if (m_format == OutputFormat::TopicAndPayload)
        line = message.topic.toUtf8() + ' ';
    std::optional<QByteArray> decoded;
    if (m_payloadOptions)
        decoded = m_payloadOptions->decode(message.topic, message.payload);
    line += decoded ? *decoded : message.payload;
    line += '\n';
    if (m_printProperties)
        line += Cli::describeProperties(message.properties);
    // Straight to file descriptor 1, unbuffered: each message reaches a pipe at once.
    if (m_output.write(line) != line.size()) {
        Cli::printError(Command::Subscribe,
                        tr("cannot write to standard output: %1").arg(m_output.errorString()));
        finish(Cli::ExitFailure);
        return;
    }
    ++m_received;
    if (m_count > 0 && m_received >= m_count)
        finish(Cli::ExitSuccess);
}

} // namespace

int runSub(const QStringList &arguments)
{
    Cli::ClientOptionsParser options(
            Command::Subscribe,
            QCoreApplication::translate("Cli", "Subscribe to topics and print the messages."));
    const QString topicName = QStringLiteral("topic");
    options.addOption(
            {{QStringLiteral("t"), topicName},
             QCoreApplication::translate(
                     "Cli", "Topic filter to subscribe to (required without -U; repeatable)."),
             QStringLiteral("filter")});
    const QString unsubscribeName = QStringLiteral("unsubscribe");
    options.addOption(
            {{QStringLiteral("U"), unsubscribeName},
             QCoreApplication::translate(
                     "Cli", "Topic filter to unsubscribe from once connected, after subscribing "
                            "to -t (repeatable): ends a subscription kept in the session of -c."),
             QStringLiteral("filter")});
    options.addOption({{QStringLiteral("v"), QStringLiteral("verbose")},
                       QCoreApplication::translate("Cli", "Print \"topic payload\" lines.")});
    options.addOption({{QStringLiteral("C"), QStringLiteral("count")},
                       QCoreApplication::translate("Cli", "Exit after N messages."),
                       QStringLiteral("N")});
    options.addOption(
            {{QStringLiteral("W"), QStringLiteral("timeout")},
             QCoreApplication::translate("Cli", "Give up after this many seconds (exit code 27)."),
             QStringLiteral("seconds")});
    const QString noLocalName = QStringLiteral("no-local");
    const QString retainAsPublishedName = QStringLiteral("retain-as-published");
    const QString retainHandlingName = QStringLiteral("retain-handling");
    const QString propertiesName = QStringLiteral("properties");
    options.addOption(
            {{noLocalName, QStringLiteral("nl")},
             QCoreApplication::translate("Cli", "MQTT 5.0: do not receive the messages this client "
                                                "publishes.")});
    options.addOption({{retainAsPublishedName, QStringLiteral("rap")},
                       QCoreApplication::translate(
                               "Cli", "MQTT 5.0: keep the retain flag as the publisher set it, "
                                      "instead of only on messages sent at subscribe time.")});
    options.addOption({{retainHandlingName, QStringLiteral("rh")},
                       QCoreApplication::translate(
                               "Cli", "MQTT 5.0: retained messages at subscribe time: 0 send "
                                      "them (default), 1 only for a new subscription, 2 never."),
                       QStringLiteral("0|1|2")});
    options.addOption({propertiesName,
                       QCoreApplication::translate(
                               "Cli", "Print each message's MQTT 5.0 properties on indented lines "
                                      "after it.")});
    Cli::PayloadOptions::addOptions(&options, Command::Subscribe);
    const int parsed = options.parse(arguments);
    if (parsed >= 0)
        return parsed;

    auto usageError = [](const QString &text) {
        Cli::printError(Command::Subscribe, text);
        return int(Cli::ExitUsage);
    };
    Mqtt::ConnectionOptions connection;
    QString problem;
    if (!options.connectionOptions(&connection, &problem))
        return usageError(problem);
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    if (!options.qos(&qos, &problem))
        return usageError(problem);

    const QStringList filters = options.values(topicName);
    const QStringList unsubscribeFilters = options.values(unsubscribeName);
    if (filters.isEmpty() && unsubscribeFilters.isEmpty())
        return usageError(
                QCoreApplication::translate("Cli", "give at least one topic filter with -t"));
    for (const QString &filter : unsubscribeFilters) {
        if (const Mqtt::Error error = Mqtt::validateTopicFilter(filter))
            return usageError(QCoreApplication::translate("Cli", "invalid topic filter '%1': %2")
                                      .arg(filter, error.text));
    }
    if (!options.properties().unsubscribe.isEmpty() && unsubscribeFilters.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "-D unsubscribe needs -U"));
    const bool isVersion5 = connection.version == Mqtt::ProtocolVersion::V5;
    for (const QString &name : {noLocalName, retainAsPublishedName, retainHandlingName}) {
        if (options.isSet(name) && !isVersion5)
            return usageError(
                    QCoreApplication::translate("Cli", "%1 is an MQTT 5.0 option: add -V 5")
                            .arg(QStringLiteral("--") + name));
    }
    qint64 retainHandling = 0;
    if (options.isSet(retainHandlingName) &&
        !Cli::parseInteger(options.value(retainHandlingName), 0, 2, &retainHandling))
        return usageError(
                QCoreApplication::translate("Cli", "--retain-handling must be 0, 1 or 2, not '%1'")
                        .arg(options.value(retainHandlingName)));
    QList<Mqtt::SubscribeTopic> topics;
    for (const QString &filter : filters) {
        Mqtt::SubscribeTopic topic;
        topic.filter = filter;
        topic.qos = qos;
        topic.noLocal = options.isSet(noLocalName);
        topic.retainAsPublished = options.isSet(retainAsPublishedName);
        topic.retainHandling = Mqtt::RetainHandling(retainHandling);
        // The engine's rules: the filter, a shared subscription's form, No Local on it.
        if (const Mqtt::Error error = Mqtt::validateSubscription(topic, connection.version))
            return usageError(QCoreApplication::translate("Cli", "invalid topic filter '%1': %2")
                                      .arg(filter, error.text));
        topics.append(topic);
    }

    qint64 count = 0;
    if (options.isSet(QStringLiteral("count")) &&
        !Cli::parseInteger(options.value(QStringLiteral("count")), 1, 1000000000, &count))
        return usageError(QCoreApplication::translate(
                                  "Cli", "-C must be a whole number of at least 1, not '%1'")
                                  .arg(options.value(QStringLiteral("count"))));
    qint64 timeout = 0;
    if (options.isSet(QStringLiteral("timeout")) &&
        !Cli::parseInteger(options.value(QStringLiteral("timeout")), 1, 3600 * 24 * 24, &timeout))
        return usageError(QCoreApplication::translate(
                                  "Cli", "-W must be a whole number of seconds of at least 1, "
                                         "not '%1'")
                                  .arg(options.value(QStringLiteral("timeout"))));

    Cli::PayloadOptions payloadOptions;
    if (!payloadOptions.read(options, Command::Subscribe, &problem))
        return usageError(problem);

    Subscriber subscriber(connection, topics,
                          options.isSet(QStringLiteral("verbose")) ? OutputFormat::TopicAndPayload
                                                                   : OutputFormat::Payload,
                          int(count), int(timeout * 1000));
    subscriber.setDebug(options.isSet(QStringLiteral("debug")));
    subscriber.setPrintProperties(options.isSet(propertiesName));
    subscriber.setPayloadOptions(&payloadOptions);
    subscriber.setSubscribeProperties(options.properties().subscribe);
    subscriber.setDisconnectProperties(options.properties().disconnect);
    subscriber.setUnsubscriptions(unsubscribeFilters, options.properties().unsubscribe);
    if (!subscriber.start())
        return Cli::ExitFailure;
    return QCoreApplication::exec();
}

#include "subcommand.moc"
