// SPDX-License-Identifier: Apache-2.0
// GUI soak: prints figures, asserts nothing.
//
// The real MainWindow, connected to a mosquitto of its own and subscribed to soak/#, receives a
// steady stream (default 20,000 QoS 0 messages of 64 B a second over 1,000 topics) from a
// publisher in a separate process (this program with --publisher, so its work does not count in
// the window's event-loop lag) for the given number of minutes. Every interval (default one
// minute) it prints resident memory, heap, the log's rows, the messages received and the
// event-loop lag over that interval; at the end, how much resident memory moved once the log's
// budget was full. The log keeps its default budget: the point is that memory stays flat once
// it is full.
//
//   gui_soak_bench --minutes M [--rate N] [--interval SECONDS]
//   gui_soak_bench --publisher HOST PORT RATE   (the publisher; runs until killed)

#include "benchprobes.h"
#include "client.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "secretstore.h"
#include "topictreemodel.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <malloc.h>

#include <algorithm>
#include <cstdio>

namespace {

constexpr int TopicCount = 1000;

// Publishes rate messages a second, in 10 ms slices, from the moment it is connected; a slice
// that comes late catches up, so the average holds even on a busy machine.
int runPublisher(const QString &host, quint16 port, int rate)
{
    Mqtt::Client client;
    Mqtt::ConnectionOptions options;
    options.host = host;
    options.port = port;
    options.autoReconnect = true;
    std::vector<QString> topics;
    for (int i = 0; i < TopicCount; ++i)
        topics.push_back(QStringLiteral("soak/site%1/device%2").arg(i % 10).arg(i));

    QElapsedTimer clock;
    qint64 sent = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        if (client.state() != Mqtt::Client::State::Connected)
            return;
        const qint64 due = clock.elapsed() * rate / 1000;
        Mqtt::Message message;
        for (; sent < due; ++sent) {
            message.topic = topics[size_t(sent % TopicCount)];
            message.payload =
                    QByteArray::number(sent).rightJustified(12, '0') + ' ' + QByteArray(51, 'x');
            client.publish(message);
        }
    });
    QObject::connect(&client, &Mqtt::Client::connected, [&] {
        if (!clock.isValid())
            clock.start();
        tick.start();
    });
    client.connectToHost(options);
    return QCoreApplication::exec();
}

struct Sample
{
    double minute = 0;
    qint64 rss = 0;
};

int runSoak(double minutes, int rate, int intervalSeconds)
{
    MosquittoProcess broker;
    if (!broker.start()) {
        std::printf("soak: %s\n", qPrintable(broker.errorString()));
        return 1;
    }
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(QStringLiteral("profiles.ini")));
    SecretStore secrets;
    MainWindow window(&profiles, &secrets);
    window.resize(1600, 1000);
    window.show();
    window.subscribeWhenConnected({QStringLiteral("soak/#")}, Mqtt::QoS::AtMostOnce);
    Mqtt::ConnectionOptions options;
    options.host = broker.host();
    options.port = broker.port();
    window.client()->connectToHost(options);
    QDeadlineTimer connectDeadline(10000);
    while (window.client()->activeSubscriptions().isEmpty()) {
        if (connectDeadline.hasExpired()) {
            std::printf("soak: could not connect and subscribe\n");
            return 1;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }

    QProcess publisher;
    publisher.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    publisher.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--publisher"), broker.host(), QString::number(broker.port()),
                     QString::number(rate)});
    if (!publisher.waitForStarted()) {
        std::printf("soak: the publisher did not start\n");
        return 1;
    }

    MessageLogModel *log = window.messageLog();
    std::printf("soak: MainWindow, %d msgs/s of 64 B over %d topics (QoS 0), %.1f min; log budget "
                "%d messages / %lld MiB\n",
                rate, TopicCount, minutes, log->maximumMessages(),
                static_cast<long long>(log->maximumBytes() >> 20));
    std::printf("%7s %10s %10s %9s %8s %10s %9s %8s %8s %8s %8s\n", "minute", "received", "msgs/s",
                "RSS MiB", "heap MiB", "log rows", "topics", "lag p50", "lag p99", "lag max",
                "CPU p99");
    std::fflush(stdout);

    LagProbe probe;
    probe.start();
    QElapsedTimer clock;
    clock.start();
    qint64 lastReceived = log->receivedCount();
    qint64 lastAtMs = 0;
    std::vector<Sample> samples;
    QTimer sampler;
    sampler.setInterval(intervalSeconds * 1000);
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        const qint64 received = log->receivedCount();
        const double rateNow = double(received - lastReceived) * 1000.0 / double(now - lastAtMs);
        const Sample sample{double(now) / 60000.0, residentBytes()};
        samples.push_back(sample);
        std::printf("%7.1f %10lld %10.0f %9.1f %8.1f %10d %9d %8.2f %8.2f %8.1f %8.2f\n",
                    sample.minute, static_cast<long long>(received), rateNow,
                    double(sample.rss) / 1048576.0, double(heapBytes()) / 1048576.0,
                    log->rowCount(), window.topicTree()->distinctTopicCount(),
                    percentile(probe.lags(), 0.50), percentile(probe.lags(), 0.99),
                    percentile(probe.lags(), 1.0), percentile(probe.cpuLags(), 0.99));
        std::fflush(stdout);
        lastReceived = received;
        lastAtMs = now;
        probe.start();
    });
    sampler.start();
    QTimer::singleShot(int(minutes * 60000), &window, [] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    sampler.stop();
    probe.stop();
    publisher.kill();
    publisher.waitForFinished(5000);
    window.client()->abortConnection();

    // Memory once the budget is full: from the first sample whose log is at its budget (the
    // first interval fills it at any useful rate) to the end.
    if (samples.size() >= 2) {
        const Sample &first = samples[1];
        auto [low, high] =
                std::minmax_element(samples.begin() + 1, samples.end(),
                                    [](const Sample &a, const Sample &b) { return a.rss < b.rss; });
        std::printf("RSS from minute %.1f to %.1f: %.1f -> %.1f MiB (min %.1f, max %.1f, "
                    "change %+.1f MiB)\n",
                    first.minute, samples.back().minute, double(first.rss) / 1048576.0,
                    double(samples.back().rss) / 1048576.0, double(low->rss) / 1048576.0,
                    double(high->rss) / 1048576.0,
                    double(samples.back().rss - first.rss) / 1048576.0);
    }
    std::printf("load average now: ");
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (loadavg.open(QIODevice::ReadOnly))
        std::printf("%s", loadavg.readAll().constData());
    std::printf("\n");
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList args = [&] {
        QStringList list;
        for (int i = 0; i < argc; ++i)
            list << QString::fromLocal8Bit(argv[i]);
        return list;
    }();
    if (args.size() == 5 && args.at(1) == QLatin1String("--publisher")) {
        QCoreApplication app(argc, argv);
        return runPublisher(args.at(2), quint16(args.at(3).toUInt()), args.at(4).toInt());
    }

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gui_soak_bench"));
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    double minutes = 30;
    int rate = 20000;
    int interval = 60;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--minutes"))
            minutes = args.at(++i).toDouble();
        else if (args.at(i) == QLatin1String("--rate"))
            rate = args.at(++i).toInt();
        else if (args.at(i) == QLatin1String("--interval"))
            interval = std::max(1, args.at(++i).toInt());
    }
    return runSoak(minutes, rate, interval);
}
