// SPDX-License-Identifier: Apache-2.0
#include "clientoptions.h"
#include "commandend.h"
#include "commands.h"
#include "reconnection.h"

#include "client.h"
#include "recorder.h"
#include "validation.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include <utility>

namespace {

using Cli::Command;

// Connects, subscribes to the filters and writes every message that arrives to a capture
// file, until -C messages are written, -W seconds have passed or Ctrl+C; a connection lost on
// the way is made again, as sub does.
class RecordSession : public QObject
{
    Q_OBJECT
public:
    RecordSession(const Mqtt::ConnectionOptions &options, const QList<Mqtt::SubscribeTopic> &topics,
                  qint64 count, int durationMs)
        : m_options(options), m_topics(topics), m_count(count)
    {
        m_duration.setSingleShot(true);
        m_duration.setInterval(durationMs);
        connect(&m_duration, &QTimer::timeout, this, [this] { finish(Cli::ExitSuccess); });
        connect(&m_client, &Mqtt::Client::connected, this, &RecordSession::onConnected);
        connect(&m_client, &Mqtt::Client::subscriptionAcknowledged, this,
                &RecordSession::onSubscriptionAcknowledged);
        connect(&m_recorder, &Capture::Recorder::messageRecorded, this, [this](qint64 written) {
            if (m_count > 0 && written >= m_count)
                finish(Cli::ExitSuccess);
        });
        connect(&m_recorder, &Capture::Recorder::failed, this, [this](const QString &problem) {
            Cli::printError(Command::Record, problem);
            finish(Cli::ExitFailure);
        });
        // Nothing arrives after this: the file ends with the last message counted.
        connect(&m_end, &Cli::CommandEnd::finishing, this, [this] {
            m_duration.stop();
            closeFile();
        });
        connect(&m_end, &Cli::CommandEnd::ending, this, &RecordSession::closeFile);
    }

    void setDebug(bool debug)
    {
        m_debug = debug;
        m_reconnection.setNotices(debug ? Cli::Reconnection::Notices::Told
                                        : Cli::Reconnection::Notices::Quiet);
        if (debug)
            Cli::tracePackets(&m_client);
    }
    void setSubscribeProperties(const Mqtt::Properties &properties)
    {
        m_subscribeProperties = properties;
    }
    void setDisconnectProperties(const Mqtt::Properties &properties)
    {
        m_disconnectProperties = properties;
    }

    bool start(const QString &path)
    {
        Capture::Header header;
        header.broker = m_options.servers().constFirst().toUrl();
        for (const Mqtt::SubscribeTopic &topic : std::as_const(m_topics))
            header.filters << topic.filter;
        QString problem;
        if (!m_recorder.start(path, header, &problem)) {
            Cli::printError(Command::Record, problem);
            return false;
        }
        if (m_duration.interval() > 0)
            m_duration.start();
        Cli::onQuitSignal(this, [this] { finish(Cli::ExitSuccess); });
        QTimer::singleShot(0, this, [this] { m_client.connectToHost(m_options); });
        return true;
    }

private:
    void onConnected()
    {
        m_end.connectionMade();
        if (std::exchange(m_subscribed, true))
            return;
        Mqtt::Error error;
        if (m_client.subscribe(m_topics, m_subscribeProperties, &error) == 0) {
            Cli::printError(Command::Record, error.text);
            finish(Cli::ExitFailure);
        }
    }

    void onSubscriptionAcknowledged(quint64, const QList<Mqtt::SubscribeResult> &results)
    {
        int refused = 0;
        for (const Mqtt::SubscribeResult &result : results) {
            if (!result.isRefused()) {
                if (m_debug)
                    QTextStream(stderr)
                            << tr("switchboard-cli record: subscribed to '%1' (granted QoS %2)")
                                       .arg(result.filter)
                                       .arg(quint8(result.grantedQos()))
                            << Qt::endl;
                continue;
            }
            ++refused;
            Cli::printError(Command::Record, tr("the broker refused the subscription to '%1': %2")
                                                     .arg(result.filter, result.reasonText()));
        }
        if (refused == results.size())
            finish(Cli::ExitFailure);
    }

    void closeFile()
    {
        if (!m_recorder.isRecording())
            return;
        const QString name = m_recorder.fileName();
        const qint64 written = m_recorder.messageCount();
        if (!m_recorder.stop()) {
            m_end.fail();
            return;
        }
        QTextStream(stderr)
                << tr("switchboard-cli record: messages written to %1: %2").arg(name).arg(written)
                << Qt::endl;
    }

    void finish(int exitCode) { m_end.finish(exitCode, m_disconnectProperties); }

    Mqtt::Client m_client;
    Capture::Recorder m_recorder{&m_client};
    Cli::Reconnection m_reconnection{Command::Record, &m_client};
    Mqtt::ConnectionOptions m_options;
    QList<Mqtt::SubscribeTopic> m_topics;
    Mqtt::Properties m_subscribeProperties;
    Mqtt::Properties m_disconnectProperties;
    qint64 m_count = 0; // 0: no limit
    QTimer m_duration;
    bool m_subscribed = false;
    bool m_debug = false;
    Cli::CommandEnd m_end{Command::Record, &m_client, &m_reconnection};
};

} // namespace

int runRecord(const QStringList &arguments)
{
    Cli::ClientOptionsParser options(
            Command::Record,
            QCoreApplication::translate("Cli", "Record the messages of topics to a capture file "
                                               "(JSON Lines, see docs/capture-format.md)."));
    const QString topicName = QStringLiteral("topic");
    const QString outputName = QStringLiteral("output");
    const QString countName = QStringLiteral("count");
    const QString durationName = QStringLiteral("timeout");
    options.addOption(
            {{QStringLiteral("t"), topicName},
             QCoreApplication::translate("Cli", "Topic filter to record (required; repeatable)."),
             QStringLiteral("filter")});
    options.addOption({{QStringLiteral("o"), outputName},
                       QCoreApplication::translate(
                               "Cli", "The capture file to write (required; replaced if it "
                                      "exists)."),
                       QStringLiteral("file")});
    options.addOption({{QStringLiteral("C"), countName},
                       QCoreApplication::translate("Cli", "Stop after N messages."),
                       QStringLiteral("N")});
    options.addOption({{QStringLiteral("W"), durationName},
                       QCoreApplication::translate("Cli", "Stop after this many seconds."),
                       QStringLiteral("seconds")});
    const int parsed = options.parse(arguments);
    if (parsed >= 0)
        return parsed;

    const auto usageError = [](const QString &text) {
        Cli::printError(Command::Record, text);
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
    if (filters.isEmpty())
        return usageError(
                QCoreApplication::translate("Cli", "give at least one topic filter with -t"));
    const QString output = options.value(outputName);
    if (output.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "give the file to write with -o"));
    QList<Mqtt::SubscribeTopic> topics;
    for (const QString &filter : filters) {
        Mqtt::SubscribeTopic topic;
        topic.filter = filter;
        topic.qos = qos;
        if (const Mqtt::Error error = Mqtt::validateSubscription(topic, connection.version))
            return usageError(QCoreApplication::translate("Cli", "invalid topic filter '%1': %2")
                                      .arg(filter, error.text));
        topics.append(topic);
    }
    qint64 count = 0;
    if (options.isSet(countName) &&
        !Cli::parseInteger(options.value(countName), 1, 1000000000, &count))
        return usageError(QCoreApplication::translate(
                                  "Cli", "-C must be a whole number of at least 1, not '%1'")
                                  .arg(options.value(countName)));
    qint64 duration = 0;
    if (options.isSet(durationName) &&
        !Cli::parseInteger(options.value(durationName), 1, 3600 * 24 * 24, &duration))
        return usageError(QCoreApplication::translate(
                                  "Cli", "-W must be a whole number of seconds of at least 1, "
                                         "not '%1'")
                                  .arg(options.value(durationName)));

    RecordSession session(connection, topics, count, int(duration * 1000));
    session.setDebug(options.isSet(QStringLiteral("debug")));
    session.setSubscribeProperties(options.properties().subscribe);
    session.setDisconnectProperties(options.properties().disconnect);
    if (!session.start(output))
        return Cli::ExitFailure;
    return QCoreApplication::exec();
}

#include "recordcommand.moc"
