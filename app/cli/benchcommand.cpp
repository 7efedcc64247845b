// SPDX-License-Identifier: Apache-2.0
// switchboard-cli bench: one publisher and one subscriber on the same broker, the same
// workload as the libmosquitto and MQTT.js programs under tests/ (see scripts/bench).
#include "commands.h"

#include "client.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

#include <cstring>
#include <vector>

namespace {

// Process CPU time (user + system) in seconds: the client's cost, not the broker's.
double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// QoS 0 has no acknowledgement: the publisher stays at most this many messages ahead of the
// subscriber, so neither the broker nor a socket buffer grows without bound. The peer
// programs use the same rule.
constexpr qint64 Qos0Window = 1000;

struct BenchSettings
{
    QString host;
    quint16 port = 1883;
    qint64 count = 100000;
    int size = 64;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    int inflight = 20;
    QString topic;
    int idleTimeoutMs = 10000;
};

class BenchRun
{
public:
    explicit BenchRun(const BenchSettings &settings) : m_settings(settings)
    {
        m_seen.assign(size_t(settings.count), false);
        m_message.topic = settings.topic;
        m_message.qos = settings.qos;
        m_message.payload = QByteArray(settings.size, 'x');

        Mqtt::ConnectionOptions options;
        options.host = settings.host;
        options.port = settings.port;
        options.keepAlive = 60;
        options.maximumInflight = settings.inflight;
        // Publishing is paced below, so the queue never holds more than a window.
        options.maximumQueued = std::max(10000, 4 * settings.inflight);
        m_subscriber.setOptions(options);
        m_publisher.setOptions(options);

        QObject::connect(&m_subscriber, &Mqtt::Client::connected, &m_context, [this] {
            Mqtt::Error error;
            if (!m_subscriber.subscribe(m_settings.topic, m_settings.qos, &error))
                fail(error.text);
        });
        QObject::connect(&m_subscriber, &Mqtt::Client::subscriptionAcknowledged, &m_context,
                         [this](quint64, const QList<Mqtt::SubscribeResult> &results) {
                             if (results.isEmpty() || results.first().isRefused()) {
                                 fail(QCoreApplication::translate(
                                         "bench", "The broker refused the subscription"));
                                 return;
                             }
                             m_publisher.connectToHost();
                         });
        QObject::connect(&m_subscriber, &Mqtt::Client::messageReceived, &m_context,
                         [this](const Mqtt::Message &message) { onMessage(message); });
        QObject::connect(&m_publisher, &Mqtt::Client::connected, &m_context, [this] { start(); });
        QObject::connect(&m_publisher, &Mqtt::Client::messagePublished, &m_context, [this](quint64) {
            ++m_acknowledged;
            pump();
        });
        QObject::connect(&m_publisher, &Mqtt::Client::messageRefused, &m_context,
                         [this](quint64, const Mqtt::Error &error) { fail(error.text); });
        for (Mqtt::Client *client : {&m_subscriber, &m_publisher}) {
            QObject::connect(client, &Mqtt::Client::errorOccurred, &m_context,
                             [this](const Mqtt::Error &error) { fail(error.text); });
            // The runs never reconnect: QoS 1 must not duplicate.
            QObject::connect(client, &Mqtt::Client::connected, &m_context,
                             [this] { ++m_connections; });
        }
        QObject::connect(&m_idleTimer, &QTimer::timeout, &m_context, [this] { onIdleCheck(); });
        m_idleTimer.setInterval(1000);
    }

    int exec()
    {
        m_subscriber.connectToHost();
        m_idleTimer.start();
        m_progress.start();
        QCoreApplication::exec();
        report();
        return m_failure.isEmpty() && m_unique == m_settings.count && m_duplicates == 0 ? 0 : 1;
    }

private:
    void start()
    {
        m_cpuAtStart = processCpuSeconds();
        m_clock.start();
        pump();
    }

    void pump()
    {
        if (m_finished)
            return;
        const qint64 window =
                m_settings.qos == Mqtt::QoS::AtMostOnce
                        ? Qos0Window
                        : 2 * qint64(m_settings.inflight); // a full window in flight, one queued
        while (m_published < m_settings.count) {
            const qint64 ahead = m_settings.qos == Mqtt::QoS::AtMostOnce
                                         ? m_published - m_received
                                         : m_published - m_acknowledged;
            if (ahead >= window)
                return;
            // The sequence number lets the subscriber spot losses and duplicates. detach()
            // copies the payload so earlier queued messages keep their own number.
            char *data = m_message.payload.data();
            const quint64 sequence = quint64(m_published);
            std::memcpy(data, &sequence, sizeof sequence);
            Mqtt::Error error;
            if (!m_publisher.publish(m_message, &error)) {
                fail(error.text);
                return;
            }
            ++m_published;
        }
    }

    void onMessage(const Mqtt::Message &message)
    {
        ++m_received;
        quint64 sequence = 0;
        if (message.payload.size() >= qsizetype(sizeof sequence))
            std::memcpy(&sequence, message.payload.constData(), sizeof sequence);
        if (message.payload.size() != m_settings.size || sequence >= quint64(m_settings.count)) {
            ++m_corrupt;
        } else if (m_seen[sequence]) {
            ++m_duplicates;
        } else {
            m_seen[sequence] = true;
            ++m_unique;
        }
        if (m_unique == m_settings.count) {
            finish();
            return;
        }
        if (m_settings.qos == Mqtt::QoS::AtMostOnce)
            pump();
    }

    void onIdleCheck()
    {
        if (m_received != m_lastReceived) {
            m_lastReceived = m_received;
            m_progress.restart();
            return;
        }
        if (m_progress.elapsed() > m_settings.idleTimeoutMs)
            fail(QCoreApplication::translate("bench", "No message arrived for %1 s; %2 lost")
                         .arg(m_settings.idleTimeoutMs / 1000)
                         .arg(m_settings.count - m_unique));
    }

    void fail(const QString &text)
    {
        // Closing the connections at the end is no failure.
        if (m_finished)
            return;
        if (m_failure.isEmpty())
            m_failure = text;
        finish();
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_seconds = m_clock.isValid() ? double(m_clock.nsecsElapsed()) / 1e9 : 0;
        m_cpuSeconds = m_clock.isValid() ? processCpuSeconds() - m_cpuAtStart : 0;
        m_idleTimer.stop();
        m_publisher.abortConnection();
        m_subscriber.abortConnection();
        QCoreApplication::exit(0);
    }

    void report()
    {
        const double rate = m_seconds > 0 ? double(m_unique) / m_seconds : 0;
        const double cpuPer100k = m_unique > 0 ? m_cpuSeconds * 100000.0 / double(m_unique) : 0;
        QJsonObject line{
                {QStringLiteral("client"), QStringLiteral("switchboard")},
                {QStringLiteral("size"), m_settings.size},
                {QStringLiteral("qos"), int(m_settings.qos)},
                {QStringLiteral("inflight"), m_settings.inflight},
                {QStringLiteral("count"), double(m_settings.count)},
                {QStringLiteral("received"), double(m_unique)},
                {QStringLiteral("duplicates"), double(m_duplicates)},
                {QStringLiteral("corrupt"), double(m_corrupt)},
                {QStringLiteral("seconds"), m_seconds},
                {QStringLiteral("msgs_per_s"), rate},
                {QStringLiteral("cpu_s"), m_cpuSeconds},
                {QStringLiteral("cpu_s_per_100k"), cpuPer100k},
                {QStringLiteral("reconnects"), std::max(0, m_connections - 2)},
                {QStringLiteral("ok"), m_failure.isEmpty() && m_unique == m_settings.count &&
                                               m_duplicates == 0 && m_corrupt == 0},
        };
        if (!m_failure.isEmpty())
            line.insert(QStringLiteral("error"), m_failure);
        QTextStream(stdout) << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n';
        if (!m_failure.isEmpty())
            QTextStream(stderr) << QCoreApplication::translate("bench", "bench: %1").arg(m_failure)
                                << '\n';
    }

    BenchSettings m_settings;
    QObject m_context; // the receiver of every connection
    Mqtt::Client m_subscriber;
    Mqtt::Client m_publisher;
    Mqtt::Message m_message;
    QTimer m_idleTimer;
    QElapsedTimer m_progress;
    QElapsedTimer m_clock;
    double m_cpuAtStart = 0;
    double m_seconds = 0;
    double m_cpuSeconds = 0;
    std::vector<bool> m_seen;
    qint64 m_published = 0;
    qint64 m_acknowledged = 0;
    qint64 m_received = 0;
    qint64 m_lastReceived = 0;
    qint64 m_unique = 0;
    qint64 m_duplicates = 0;
    qint64 m_corrupt = 0;
    int m_connections = 0;
    bool m_finished = false;
    QString m_failure;
};

} // namespace

int runBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
            "bench", "Publishes --count messages with one client and receives them with another, "
                     "then prints the rate and the CPU time as one JSON line."));
    // -h is the host, as in mosquitto_pub; help is --help only.
    const QCommandLineOption help(QStringLiteral("help"),
                                  QCoreApplication::translate("bench", "Show this help."));
    const QCommandLineOption host(
            {QStringLiteral("h"), QStringLiteral("host")},
            QCoreApplication::translate("bench", "Broker host (default 127.0.0.1)."),
            QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(
            {QStringLiteral("p"), QStringLiteral("port")},
            QCoreApplication::translate("bench", "Broker port (default 1883)."),
            QStringLiteral("port"), QStringLiteral("1883"));
    const QCommandLineOption count(
            QStringLiteral("count"),
            QCoreApplication::translate("bench", "Messages to send (default 100000)."),
            QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption size(
            QStringLiteral("size"),
            QCoreApplication::translate("bench", "Payload bytes, at least 8 (default 64)."),
            QStringLiteral("bytes"), QStringLiteral("64"));
    const QCommandLineOption qos(QStringLiteral("qos"),
                                 QCoreApplication::translate("bench", "QoS 0, 1 or 2 (default 0)."),
                                 QStringLiteral("qos"), QStringLiteral("0"));
    const QCommandLineOption inflight(
            QStringLiteral("inflight"),
            QCoreApplication::translate("bench",
                                        "QoS 1/2 messages in flight at once (default 20)."),
            QStringLiteral("w"), QStringLiteral("20"));
    const QCommandLineOption topic(
            QStringLiteral("topic"),
            QCoreApplication::translate("bench",
                                        "Topic (default: switchboard/bench/ and a random id)."),
            QStringLiteral("topic"));
    parser.addOptions({help, host, port, count, size, qos, inflight, topic});

    QStringList all = arguments;
    all.prepend(QStringLiteral("switchboard-cli bench"));
    QTextStream err(stderr);
    if (!parser.parse(all)) {
        err << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(help)) {
        // helpText() names the program file; the first line is rewritten with the command.
        QTextStream(stdout) << QCoreApplication::translate("bench",
                                                           "Usage: switchboard-cli bench [options]")
                            << '\n'
                            << parser.helpText().section(QLatin1Char('\n'), 1);
        return 0;
    }

    BenchSettings settings;
    bool ok = true;
    settings.host = parser.value(host);
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue == 0 || portValue > 65535) {
        err << QCoreApplication::translate("bench", "Invalid port: %1").arg(parser.value(port))
            << '\n';
        return 2;
    }
    settings.port = quint16(portValue);
    settings.count = parser.value(count).toLongLong(&ok);
    if (!ok || settings.count < 1 || settings.count > 100000000) {
        err << QCoreApplication::translate("bench", "Invalid count: %1").arg(parser.value(count))
            << '\n';
        return 2;
    }
    settings.size = parser.value(size).toInt(&ok);
    if (!ok || settings.size < 8 || settings.size > 16 * 1024 * 1024) {
        err << QCoreApplication::translate("bench", "Invalid size: %1").arg(parser.value(size))
            << '\n';
        return 2;
    }
    const int qosValue = parser.value(qos).toInt(&ok);
    if (!ok || qosValue < 0 || qosValue > 2) {
        err << QCoreApplication::translate("bench", "Invalid QoS: %1").arg(parser.value(qos))
            << '\n';
        return 2;
    }
    settings.qos = Mqtt::QoS(qosValue);
    settings.inflight = parser.value(inflight).toInt(&ok);
    if (!ok || settings.inflight < 1 || settings.inflight > 65535) {
        err << QCoreApplication::translate("bench", "Invalid in-flight window: %1")
                        .arg(parser.value(inflight))
            << '\n';
        return 2;
    }
    settings.topic =
            parser.isSet(topic)
                    ? parser.value(topic)
                    : QStringLiteral("switchboard/bench/%1")
                              .arg(QRandomGenerator::global()->generate64() & 0xFFFFFFFFull, 8, 16,
                                   QLatin1Char('0'));

    BenchRun run(settings);
    return run.exec();
}
