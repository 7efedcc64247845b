// SPDX-License-Identifier: Apache-2.0
// GUI ingest benchmark: prints figures, asserts nothing.
//
// a) Messages go through the engine's hand-over path (a messageReceived signal connected to
//    MessageLogModel::append, TopicTreeModel::append and SubscriptionModel::countMessage) into
//    a proxy, an offscreen QTableView with fixed row heights and a QTreeView, as fast as the
//    event loop takes them. Reports messages/s (wall clock and per CPU second), event-loop lag
//    (a 1 ms probe timer; wall clock and main-thread CPU time) and heap bytes per stored
//    64-byte message. c) The log model alone: heap bytes per stored message, for messages
//    without properties (3.1.1) and with typical MQTT 5.0 ones (content type, correlation data,
//    two user properties).
// b) 100,000 distinct topics into the topic tree (with a view attached): time and heap bytes;
//    then 10,000 topics with a full history each (16 messages): heap bytes per topic.
// e) --tree-highlight: the topic tree pane (proxy, view, the tint on changed rows) fed 100,000
//    msgs/s over 1,000 topics, every row on screen, with the tint on and off: CPU per second
//    and event-loop lag; the difference is the highlight's cost.
//
// g) --inspector: the real MainWindow's client fed PUBLISH frames (64 B, 1,000 topics) through an
//    in-memory transport at a steady 100,000 msgs/s, at QoS 0 and QoS 1 (then every message is
//    two packets: the PUBLISH and our PUBACK), with packet tracing off, on with the inspector's
//    dock hidden, and on with it shown: CPU per second, per message and per packet, side by side.
//
// --mainwindow feeds the real MainWindow (Client::messageReceived) instead of bare views, when
// the ui library was built. --messages N changes the message count of a) and c).
// --only-ingest and --only-topics run one part. --end-to-end runs d) alone (see below);
// --two-connections runs f) alone: one connection flooded, then two at once, their memory.
// BENCH_DIAG=1 prints every event that kept the event loop busy for more than 16 ms.

#include "benchprobes.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "subscriptionmodel.h"
#include "topictreemodel.h"

#ifdef SWITCHBOARD_BENCH_HAS_UI
#include "codec.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "memorytransport.h"
#include "mosquittoprocess.h"
#include "packetinspectordock.h"
#include "packetlogmodel.h"
#include "profilestore.h"
#include "secretstore.h"
#include "topictreepane.h"

#include <QDeadlineTimer>
#include <QProcess>
#endif

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <malloc.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

// Stands in for Mqtt::Client: the same signal signature the models are connected to.
class Feeder : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
Q_SIGNALS:
    void messageReceived(const Mqtt::Message &message);
};

struct IngestResult
{
    double seconds = 0;
    double cpu = 0;
    double rate = 0;
    double lagP50 = 0;
    double lagP99 = 0;
    double lagMax = 0;
    double cpuLagP50 = 0;
    double cpuLagP99 = 0;
    double cpuLagMax = 0;
    double heapPerMessage = 0;
    double rssPerMessage = 0;
    int rowsStored = 0;
    qint64 dropped = 0;
};

// Emits `total` messages in chunks of `chunk` (one socket read's worth), returning to the event
// loop between chunks like the engine does between readyRead()s.
IngestResult runIngest(Feeder &feeder, MessageLogModel &log, TopicTreeModel &tree, int total,
                       int topics, const std::function<void()> &settle)
{
    constexpr int Chunk = 1000;
    constexpr int PayloadSize = 64;
    std::vector<QByteArray> topicNames;
    for (int i = 0; i < topics; ++i)
        topicNames.push_back(QStringLiteral("bench/site%1/device%2/sensor%3")
                                     .arg(i % 10)
                                     .arg(i % 100)
                                     .arg(i)
                                     .toUtf8());

    const QByteArray payloadTemplate =
            QByteArray("{\"seq\":0000000000,\"value\":\"sensor reading\"}")
                    .leftJustified(PayloadSize, ' ');

    settle();
    const qint64 heapBefore = heapBytes();
    const qint64 rssBefore = residentBytes();

    LagProbe probe;
    QEventLoop loop;
    int sent = 0;
    // Each chunk is a queued call, like a readyRead() per socket read: timers and paint events
    // get their turn between chunks. (A zero-interval QTimer would starve the other timers.)
    std::function<void()> produce = [&] {
        const int end = qMin(total, sent + Chunk);
        for (; sent < end; ++sent) {
            Mqtt::Message message;
            // Like the codec: a fresh topic string and payload per PUBLISH.
            message.topic = QString::fromUtf8(topicNames[size_t(sent % topics)]);
            // 64 bytes of printable JSON, different per message: a copy out of the "frame"
            // with the sequence number written in, as cheap as the codec's own copy.
            message.payload = QByteArray(payloadTemplate.constData(), PayloadSize);
            char *digits = message.payload.data() + 7;
            for (int n = sent, i = 9; i >= 0; --i, n /= 10)
                digits[i] = char('0' + n % 10);
            Q_EMIT feeder.messageReceived(message);
        }
        if (sent >= total)
            loop.quit();
        else
            QMetaObject::invokeMethod(&feeder, produce, Qt::QueuedConnection);
    };
    QElapsedTimer clock;
    clock.start();
    const double cpuBefore = cpuSeconds();
    probe.start();
    QMetaObject::invokeMethod(&feeder, produce, Qt::QueuedConnection);
    loop.exec();
    // The last batch is part of the work: flush it and let the views catch up.
    log.flush();
    tree.flush();
    QCoreApplication::processEvents();
    probe.stop();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    settle();

    IngestResult r;
    r.seconds = seconds;
    r.cpu = cpu;
    r.rate = total / seconds;
    r.lagP50 = percentile(probe.lags(), 0.50);
    r.lagP99 = percentile(probe.lags(), 0.99);
    r.lagMax =
            probe.lags().empty() ? 0 : *std::max_element(probe.lags().begin(), probe.lags().end());
    r.cpuLagP50 = percentile(probe.cpuLags(), 0.50);
    r.cpuLagP99 = percentile(probe.cpuLags(), 0.99);
    r.cpuLagMax = probe.cpuLags().empty()
                          ? 0
                          : *std::max_element(probe.cpuLags().begin(), probe.cpuLags().end());
    r.rowsStored = log.rowCount();
    r.dropped = log.droppedCount();
    if (r.rowsStored > 0) {
        r.heapPerMessage = double(heapBytes() - heapBefore) / r.rowsStored;
        r.rssPerMessage = double(residentBytes() - rssBefore) / r.rowsStored;
    }
    return r;
}

void printIngest(const char *title, const IngestResult &r, int total)
{
    std::printf("%s\n", title);
    std::printf("  messages              %d in %.2f s\n", total, r.seconds);
    std::printf("  sustained rate        %.0f msgs/s   (goal >= 200000)\n", r.rate);
    std::printf("  per CPU second        %.0f msgs/CPU-s (%.2f CPU s used)\n", total / r.cpu, r.cpu);
    std::printf(
            "  event-loop lag        p50 %.2f ms, p99 %.2f ms, max %.2f ms   (goal p99 <= 16)\n",
            r.lagP50, r.lagP99, r.lagMax);
    std::printf("  lag in CPU time       p50 %.2f ms, p99 %.2f ms, max %.2f ms   (an idle core)\n",
                r.cpuLagP50, r.cpuLagP99, r.cpuLagMax);
    std::printf("  rows stored           %d (dropped by budget %lld)\n", r.rowsStored,
                qlonglong(r.dropped));
    std::printf("  heap per stored msg   %.1f bytes = 64 payload + %.1f overhead   (goal <= 150)\n",
                r.heapPerMessage, r.heapPerMessage - 64);
    std::printf("  RSS per stored msg    %.1f bytes\n", r.rssPerMessage);
    std::fflush(stdout);
}

void settleEvents()
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    malloc_trim(0);
}

void benchBareViews(int total, int budget)
{
    MessageLogModel log;
    log.setMaximumMessages(budget);
    log.setMaximumBytes(qint64(4) << 30);
    MessageFilterProxyModel proxy;
    proxy.setSourceModel(&log);
    TopicTreeModel tree;
    SubscriptionModel subscriptions;
    subscriptions.addSubscription(QStringLiteral("bench/#"), Mqtt::QoS::AtMostOnce);
    subscriptions.addSubscription(QStringLiteral("bench/+/+/sensor1"), Mqtt::QoS::AtMostOnce);
    proxy.setSubscriptionModel(&subscriptions);

    QTableView table;
    table.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table.verticalHeader()->setDefaultSectionSize(20);
    table.horizontalHeader()->setStretchLastSection(true);
    table.setModel(&proxy);
    table.resize(1200, 700);
    table.show();
    QTreeView treeView;
    treeView.setUniformRowHeights(true);
    treeView.setModel(&tree);
    treeView.resize(500, 700);
    treeView.show();
    // Follow the tail like the log pane does.
    QObject::connect(&log, &MessageLogModel::messagesFlushed, &table, &QTableView::scrollToBottom);

    Feeder feeder;
    QObject::connect(&feeder, &Feeder::messageReceived, &log, [&](const Mqtt::Message &message) {
        log.append(message, MessageLogModel::Direction::Incoming);
        tree.append(message);
        subscriptions.countMessage(message.topic);
    });
    const IngestResult r = runIngest(feeder, log, tree, total, 1000, settleEvents);
    const QByteArray title =
            QStringLiteral("a) bare views, budget %1 messages, 1000 topics, 64 B payloads")
                    .arg(budget)
                    .toUtf8();
    printIngest(title.constData(), r, total);
}

#ifdef SWITCHBOARD_BENCH_HAS_UI
void benchMainWindow(int total, int budget)
{
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(QStringLiteral("profiles.ini")));
    SecretStore secrets;
    MainWindow window(&profiles, &secrets);
    window.messageLog()->setMaximumMessages(budget);
    window.messageLog()->setMaximumBytes(qint64(4) << 30);
    window.show();
    Feeder feeder;
    QObject::connect(&feeder, &Feeder::messageReceived, window.client(),
                     &Mqtt::Client::messageReceived);
    const IngestResult r =
            runIngest(feeder, *window.messageLog(), *window.topicTree(), total, 1000, settleEvents);
    const QByteArray title =
            QStringLiteral("a) MainWindow via Client::messageReceived, budget %1 messages")
                    .arg(budget)
                    .toUtf8();
    printIngest(title.constData(), r, total);
}

// g) The packet inspector's cost, see the top of the file.
struct InspectorRun
{
    double cpuPerSecond = 0; // share of a core
    double rate = 0; // messages per second
    qint64 packets = 0; // packets the inspector recorded
};

enum class Inspector { Off, OnHidden, OnShown };

InspectorRun runInspector(Inspector mode, Mqtt::QoS qos, int seconds)
{
    constexpr int Topics = 1000;
    constexpr int PerTick = 1000;
    constexpr int PayloadSize = 64;
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(QStringLiteral("profiles.ini")));
    SecretStore secrets;
    MainWindow window(&profiles, &secrets, nullptr, MainWindow::Start::NoConnection);
    window.openConnection();
    window.resize(1600, 1000);
    ConnectionWorkspace *workspace = window.currentWorkspace();
    workspace->setPacketTracing(mode == Inspector::Off ? Mqtt::PacketTracing::Off
                                                       : Mqtt::PacketTracing::On);
    if (mode == Inspector::OnShown)
        window.packetInspectorDock()->show();
    window.show();
    auto *transport = new MemoryTransport;
    Mqtt::Client *client = window.client();
    client->setTransport(transport);
    Mqtt::ConnectionOptions options;
    options.clientId = QStringLiteral("bench");
    client->connectToHost(options);
    while (!transport->isOpen())
        QCoreApplication::processEvents();
    transport->feed(Mqtt::encode(Mqtt::ConnackPacket{}, Mqtt::ProtocolVersion::V3_1_1));
    while (client->state() != Mqtt::Client::State::Connected)
        QCoreApplication::processEvents();

    // One chunk of frames per tick, as one socket read brings them.
    std::vector<QByteArray> chunks;
    const QByteArray payload =
            QByteArray("{\"value\":\"sensor reading\"}").leftJustified(PayloadSize, ' ');
    for (int c = 0; c < Topics / 100; ++c) {
        QByteArray chunk;
        for (int i = 0; i < PerTick; ++i) {
            const int n = c * PerTick + i;
            const QByteArray topic =
                    QStringLiteral("bench/line%1/sensor%2").arg(n % 20).arg(n % Topics).toUtf8();
            Mqtt::encodePublish(chunk, Mqtt::ProtocolVersion::V3_1_1, topic, payload, qos, false,
                                false, quint16(n % 60000 + 1));
        }
        chunks.push_back(chunk);
    }
    qint64 sent = 0;
    size_t next = 0;
    QElapsedTimer clock;
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    pacer.setInterval(10);
    // Catches up with the clock at each tick: 100 messages per elapsed millisecond.
    QObject::connect(&pacer, &QTimer::timeout, &pacer, [&] {
        while (sent < clock.elapsed() * (PerTick / 10)) {
            transport->feed(chunks[next++ % chunks.size()]);
            sent += PerTick;
        }
    });
    QEventLoop loop;
    clock.start();
    pacer.start();
    // A second to reach the steady state (budgets full, trimming every flush), then measured.
    QTimer::singleShot(1000, &loop, &QEventLoop::quit);
    loop.exec();
    const qint64 sentBefore = sent;
    const double cpuBefore = cpuSeconds();
    QElapsedTimer measured;
    measured.start();
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    pacer.stop();
    InspectorRun r;
    const double wall = double(measured.nsecsElapsed()) / 1e9;
    r.cpuPerSecond = (cpuSeconds() - cpuBefore) / wall;
    r.rate = double(sent - sentBefore) / wall;
    r.packets = workspace->packetLog()->receivedCount();
    return r;
}

void benchInspector()
{
    constexpr int Seconds = 3;
    constexpr int Repeats = 3;
    // BENCH_INSPECTOR_PROFILE=1: 20 s of QoS 0 with the trace on and the pane hidden only, to
    // run under a profiler.
    if (qEnvironmentVariableIsSet("BENCH_INSPECTOR_PROFILE")) {
        const InspectorRun r = runInspector(Inspector::OnHidden, Mqtt::QoS::AtMostOnce, 20);
        std::printf("profile run: %.0f msgs/s, %.1f%% of a core\n", r.rate, 100 * r.cpuPerSecond);
        return;
    }
    const std::array<const char *, 3> labels = {"trace off          ", "trace on, hidden   ",
                                                "trace on, pane open"};
    for (Mqtt::QoS qos : {Mqtt::QoS::AtMostOnce, Mqtt::QoS::AtLeastOnce}) {
        const int packetsPerMessage = qos == Mqtt::QoS::AtMostOnce ? 1 : 2;
        std::printf("g) packet inspector at 100,000 msgs/s, QoS %d (%d packet%s per message), "
                    "the real window, %d s per run, the best of %d runs (interleaved)\n",
                    int(qos), packetsPerMessage, packetsPerMessage > 1 ? "s" : "", Seconds,
                    Repeats);
        // CPU microseconds per message of each mode, every run.
        std::array<std::vector<double>, 3> perMessage;
        std::array<double, 3> rate = {};
        for (int repeat = 0; repeat < Repeats; ++repeat) {
            for (int mode = 0; mode < 3; ++mode) {
                const InspectorRun r = runInspector(Inspector(mode), qos, Seconds);
                perMessage[size_t(mode)].push_back(1e6 * r.cpuPerSecond / qMax(1.0, r.rate));
                rate[size_t(mode)] = r.rate;
            }
        }
        const double off = *std::min_element(perMessage[0].begin(), perMessage[0].end());
        for (int mode = 0; mode < 3; ++mode) {
            const std::vector<double> &runs = perMessage[size_t(mode)];
            const double best = *std::min_element(runs.begin(), runs.end());
            std::printf("  %s  %.0f msgs/s, %.2f us per message (%.1f%% of a core; median %.2f)",
                        labels[size_t(mode)], rate[size_t(mode)], best, best * 10,
                        percentile(runs, 0.5));
            if (mode > 0)
                std::printf(", +%.2f us per packet (+%.1f%%)", (best - off) / packetsPerMessage,
                            100 * (best - off) / off);
            std::printf("\n");
        }
        std::fflush(stdout);
    }
}

struct HighlightResult
{
    double cpuPerSecond = 0;
    double rate = 0;
    double lagP99 = 0;
    double cpuLagP99 = 0;
};

// e) The tree pane at a steady 100,000 msgs/s: 1,000 messages at a time, every 10 ms on
//    average, over 1,000 topics whose rows are all open on screen.
HighlightResult runTreeHighlight(TopicTreePane::Highlight highlight, int seconds)
{
    constexpr int Topics = 1000;
    constexpr int PerTick = 1000;
    TopicTreeModel tree;
    TopicTreePane pane;
    pane.setTopicTree(&tree);
    pane.setHighlight(highlight);
    pane.resize(1000, 2000); // tall enough to paint many rows
    pane.show();
    std::vector<QString> names;
    for (int i = 0; i < Topics; ++i)
        names.push_back(QStringLiteral("bench/line%1/sensor%2").arg(i % 20).arg(i));
    int sent = 0;
    const auto emitChunk = [&] {
        for (int i = 0; i < PerTick; ++i, ++sent) {
            Mqtt::Message message;
            message.topic = names[size_t(sent % Topics)];
            message.payload = QByteArray(64, 'p');
            tree.append(message);
        }
    };
    emitChunk();
    tree.flush();
    pane.treeView()->expandAll();
    settleEvents();
    sent = 0;

    LagProbe probe;
    QEventLoop loop;
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    pacer.setInterval(10);
    QElapsedTimer clock;
    // Catches up with the clock at each tick: 100 messages per elapsed millisecond.
    QObject::connect(&pacer, &QTimer::timeout, &loop, [&] {
        while (sent < clock.elapsed() * (PerTick / 10))
            emitChunk();
    });
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    clock.start();
    const double cpuBefore = cpuSeconds();
    probe.start();
    pacer.start();
    loop.exec();
    pacer.stop();
    probe.stop();
    HighlightResult r;
    const double wall = double(clock.nsecsElapsed()) / 1e9;
    r.cpuPerSecond = (cpuSeconds() - cpuBefore) / wall;
    r.rate = sent / wall;
    r.lagP99 = percentile(probe.lags(), 0.99);
    r.cpuLagP99 = percentile(probe.cpuLags(), 0.99);
    return r;
}

void benchTreeHighlight()
{
    constexpr int Seconds = 5;
    const HighlightResult off = runTreeHighlight(TopicTreePane::Highlight::Off, Seconds);
    const HighlightResult on = runTreeHighlight(TopicTreePane::Highlight::On, Seconds);
    std::printf("e) topic tree pane at 100,000 msgs/s, 1,000 topics with every row open, %d s\n",
                Seconds);
    for (const auto &[label, r] : {std::pair{"tint off", off}, std::pair{"tint on ", on}})
        std::printf("  %s              %.0f msgs/s, %.1f%% of a core, lag p99 %.2f ms (CPU %.2f "
                    "ms)\n",
                    label, r.rate, 100 * r.cpuPerSecond, r.lagP99, r.cpuLagP99);
    std::printf("  highlight's cost      %.1f%% of a core (%.2f us per message)\n",
                100 * (on.cpuPerSecond - off.cpuPerSecond),
                1e6 * (on.cpuPerSecond - off.cpuPerSecond) / qMax(1.0, on.rate));
    std::fflush(stdout);
}

// d) End to end: a real mosquitto, the MainWindow subscribed at QoS 1, and switchboard-cli
//    publishing `total` QoS 1 messages from another process as fast as the broker takes them.
//    Reports messages the window lost (must be none) and the event-loop lag while they arrive.
void benchEndToEnd(int total)
{
    MosquittoProcess broker;
    if (!broker.start()) {
        std::printf("d) end to end: %s\n", qPrintable(broker.errorString()));
        return;
    }
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(QStringLiteral("profiles.ini")));
    SecretStore secrets;
    MainWindow window(&profiles, &secrets);
    window.messageLog()->setMaximumMessages(total);
    window.messageLog()->setMaximumBytes(qint64(4) << 30);
    window.show();
    window.subscribeWhenConnected({QStringLiteral("bench/e2e")}, Mqtt::QoS::AtLeastOnce);
    Mqtt::ConnectionOptions options;
    options.host = broker.host();
    options.port = broker.port();
    window.client()->connectToHost(options);
    QDeadlineTimer connectDeadline(10000);
    while (window.subscriptions()->rowCount() == 0 ||
           window.client()->activeSubscriptions().isEmpty()) {
        if (connectDeadline.hasExpired()) {
            std::printf("d) end to end: could not connect and subscribe\n");
            return;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }

    QProcess publisher;
    publisher.start(QStringLiteral(SWITCHBOARD_CLI),
                    {QStringLiteral("pub"), QStringLiteral("-h"), broker.host(),
                     QStringLiteral("-p"), QString::number(broker.port()), QStringLiteral("-t"),
                     QStringLiteral("bench/e2e"), QStringLiteral("-q"), QStringLiteral("1"),
                     QStringLiteral("-l")});
    if (!publisher.waitForStarted()) {
        std::printf("d) end to end: switchboard-cli did not start\n");
        return;
    }
    QByteArray lines;
    for (int i = 0; i < total; ++i)
        lines += QByteArray::number(i).rightJustified(10, '0') + " " + QByteArray(53, 'x') + '\n';
    publisher.write(lines);
    publisher.closeWriteChannel();

    LagProbe probe;
    QElapsedTimer clock;
    clock.start();
    probe.start();
    const double cpuBefore = cpuSeconds();
    MessageLogModel *log = window.messageLog();
    // Wait for every message, or for the publisher to finish plus a grace period.
    QDeadlineTimer grace(QDeadlineTimer::Forever);
    while (log->receivedCount() < total) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (publisher.state() == QProcess::NotRunning && grace.isForever())
            grace.setRemainingTime(5000);
        if (grace.hasExpired())
            break;
    }
    log->flush();
    const double seconds = clock.nsecsElapsed() / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    probe.stop();
    publisher.waitForFinished(10000);
    const qint64 received = log->receivedCount();
    std::printf("d) end to end through mosquitto: %d QoS 1 messages of 64 B from switchboard-cli "
                "pub\n",
                total);
    std::printf("  received by the window %lld, lost %lld\n", static_cast<long long>(received),
                static_cast<long long>(total - received));
    std::printf("  rate                  %.0f msgs/s (%.2f s, this process %.2f CPU s)\n",
                received / seconds, seconds, cpu);
    std::printf("  event-loop lag        p50 %.2f ms, p99 %.2f ms, max %.2f ms (wall clock)\n",
                percentile(probe.lags(), 0.50), percentile(probe.lags(), 0.99),
                percentile(probe.lags(), 1.0));
    std::printf("  lag in CPU time       p50 %.2f ms, p99 %.2f ms\n",
                percentile(probe.cpuLags(), 0.50), percentile(probe.cpuLags(), 0.99));
    std::fflush(stdout);
    window.client()->disconnectFromHost();
}

// f) Connections flooded at once: real mosquittos, the MainWindow with a connection to each
//    (with two, the combined view collects both), and one switchboard-cli publisher per
//    broker sending `total` QoS 1 messages of 64 B at the same time. The window's default
//    budget is shared by the logs; the combined log holds the whole budget over all of them.
//    Reports messages lost, rate, lag, resident memory and heap before and after, and heap per
//    message held. Run with one connection, then two, for the comparison.
void benchConnectionsFlooded(int total, int count)
{
    std::vector<std::unique_ptr<MosquittoProcess>> brokers;
    for (int i = 0; i < count; ++i) {
        brokers.push_back(std::make_unique<MosquittoProcess>());
        if (!brokers.back()->start()) {
            std::printf("f) flooded connections: %s\n", qPrintable(brokers.back()->errorString()));
            return;
        }
    }
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(QStringLiteral("profiles.ini")));
    SecretStore secrets;
    MainWindow window(&profiles, &secrets, nullptr, MainWindow::Start::NoConnection);
    std::vector<ConnectionWorkspace *> workspaces;
    for (int i = 0; i < count; ++i)
        workspaces.push_back(window.openConnection());
    window.show();
    window.showCombinedView();
    settleEvents();
    const qint64 heapBefore = heapBytes();
    const qint64 residentBefore = residentBytes();
    for (size_t i = 0; i < brokers.size(); ++i) {
        window.setCurrentWorkspace(workspaces[i]);
        window.subscribeWhenConnected({QStringLiteral("bench/flood")}, Mqtt::QoS::AtLeastOnce);
        Mqtt::ConnectionOptions options;
        options.host = brokers[i]->host();
        options.port = brokers[i]->port();
        workspaces[i]->client()->connectToHost(options);
    }
    QDeadlineTimer connectDeadline(10000);
    while (std::any_of(workspaces.begin(), workspaces.end(), [](ConnectionWorkspace *workspace) {
        return workspace->client()->activeSubscriptions().isEmpty();
    })) {
        if (connectDeadline.hasExpired()) {
            std::printf("f) flooded connections: could not connect and subscribe\n");
            return;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }

    QByteArray lines;
    for (int i = 0; i < total; ++i)
        lines += QByteArray::number(i).rightJustified(10, '0') + " " + QByteArray(53, 'x') + '\n';
    std::vector<std::unique_ptr<QProcess>> publishers;
    for (const auto &broker : brokers) {
        publishers.push_back(std::make_unique<QProcess>());
        publishers.back()->start(QStringLiteral(SWITCHBOARD_CLI),
                                 {QStringLiteral("pub"), QStringLiteral("-h"), broker->host(),
                                  QStringLiteral("-p"), QString::number(broker->port()),
                                  QStringLiteral("-t"), QStringLiteral("bench/flood"),
                                  QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-l")});
        if (!publishers.back()->waitForStarted()) {
            std::printf("f) flooded connections: switchboard-cli did not start\n");
            return;
        }
    }
    for (const auto &publisher : publishers) {
        publisher->write(lines);
        publisher->closeWriteChannel();
    }

    LagProbe probe;
    QElapsedTimer clock;
    clock.start();
    probe.start();
    const double cpuBefore = cpuSeconds();
    const auto received = [&] {
        qint64 sum = 0;
        for (ConnectionWorkspace *workspace : workspaces)
            sum += workspace->messageLog()->receivedCount();
        return sum;
    };
    const qint64 expected = qint64(total) * count;
    QDeadlineTimer grace(QDeadlineTimer::Forever);
    while (received() < expected) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        const bool done = std::all_of(publishers.begin(), publishers.end(), [](const auto &p) {
            return p->state() == QProcess::NotRunning;
        });
        if (done && grace.isForever())
            grace.setRemainingTime(5000);
        if (grace.hasExpired())
            break;
    }
    const double seconds = clock.nsecsElapsed() / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    probe.stop();
    for (const auto &publisher : publishers)
        publisher->waitForFinished(10000);
    for (ConnectionWorkspace *workspace : workspaces) {
        workspace->messageLog()->flush();
        workspace->topicTree()->flush();
    }
    if (window.combinedLog()) {
        window.combinedLog()->flush();
        window.combinedTree()->flush();
    }
    settleEvents();
    const qint64 heapAfter = heapBytes();
    const qint64 residentAfter = residentBytes();
    const MemoryBudget budget = window.memoryBudget();
    std::printf("f) %d connection(s) flooded at once: %d QoS 1 messages of 64 B to each "
                "mosquitto, one switchboard-cli pub each\n",
                count, total);
    std::printf("  received              %lld of %lld, lost %lld\n",
                static_cast<long long>(received()), static_cast<long long>(expected),
                static_cast<long long>(expected - received()));
    std::printf("  rate                  %.0f msgs/s all together (%.2f s, this process %.2f "
                "CPU s)\n",
                received() / seconds, seconds, cpu);
    std::printf("  event-loop lag        p50 %.2f ms, p99 %.2f ms, max %.2f ms (wall clock)\n",
                percentile(probe.lags(), 0.50), percentile(probe.lags(), 0.99),
                percentile(probe.lags(), 1.0));
    const MessageLogModel *firstLog = workspaces.front()->messageLog();
    std::printf("  budget                %d messages / %.1f MiB for the window: %d / %.1f MiB "
                "per connection",
                budget.maximumMessages, budget.maximumBytes / 1048576.0,
                firstLog->maximumMessages(), firstLog->maximumBytes() / 1048576.0);
    if (window.combinedLog() && count > 1) {
        std::printf(", %d / %.1f MiB the combined log", window.combinedLog()->maximumMessages(),
                    window.combinedLog()->maximumBytes() / 1048576.0);
    }
    std::printf("\n");
    qint64 held = 0;
    for (size_t i = 0; i < workspaces.size(); ++i) {
        const MessageLogModel *log = workspaces[i]->messageLog();
        held += log->rowCount();
        std::printf("  connection %zu log      %d messages, bytesHeld %.1f MiB\n", i + 1,
                    log->rowCount(), log->bytesHeld() / 1048576.0);
    }
    qint64 rows = held;
    if (window.combinedLog() && count > 1) {
        rows += window.combinedLog()->rowCount();
        std::printf("  combined log          %d messages, bytesHeld %.1f MiB (payloads shared)\n",
                    window.combinedLog()->rowCount(),
                    window.combinedLog()->bytesHeld() / 1048576.0);
    }
    std::printf("  heap                  %.1f MiB before, %.1f MiB after (+%.1f MiB)\n",
                heapBefore / 1048576.0, heapAfter / 1048576.0,
                (heapAfter - heapBefore) / 1048576.0);
    std::printf("  resident              %.1f MiB before, %.1f MiB after (+%.1f MiB)\n",
                residentBefore / 1048576.0, residentAfter / 1048576.0,
                (residentAfter - residentBefore) / 1048576.0);
    std::printf("  heap per row held     %.1f bytes (the growth over the %lld rows of all logs, "
                "with the trees and the views)\n",
                double(heapAfter - heapBefore) / qMax<qint64>(1, rows),
                static_cast<long long>(rows));
    std::fflush(stdout);
    for (ConnectionWorkspace *workspace : workspaces)
        workspace->client()->disconnectFromHost();
}
#endif

// The log model alone: what one stored message costs without proxy mapping or view sections.
void benchLogMemory(int total, bool withProperties)
{
    settleEvents();
    const qint64 before = heapBytes();
    {
        MessageLogModel log;
        log.setMaximumMessages(total);
        log.setMaximumBytes(qint64(4) << 30);
        const QByteArray payload(64, 'x');
        for (int i = 0; i < total; ++i) {
            Mqtt::Message message;
            message.topic = QStringLiteral("bench/topic%1").arg(i % 1000);
            message.payload = QByteArray(payload.constData(), payload.size());
            if (withProperties) {
                // Built per message, as the decoder does: nothing shared between rows.
                Mqtt::Properties &properties = message.properties;
                properties.setString(Mqtt::PropertyId::ContentType,
                                     QStringLiteral("application/json"));
                properties.setBinary(Mqtt::PropertyId::CorrelationData,
                                     "request-" + QByteArray::number(i));
                properties.addUserProperty(QStringLiteral("site"), QStringLiteral("north"));
                properties.addUserProperty(QStringLiteral("unit"), QStringLiteral("celsius"));
            }
            log.append(message, MessageLogModel::Direction::Incoming, i);
            if (i % 10000 == 9999)
                log.flush();
        }
        log.flush();
        settleEvents();
        const double perMessage = double(heapBytes() - before) / log.rowCount();
        std::printf("c) MessageLogModel alone, %d stored 64 B messages%s\n", log.rowCount(),
                    withProperties ? ", each with 4 MQTT 5.0 properties" : "");
        std::printf("  heap per stored msg   %.1f bytes = 64 payload + %.1f overhead\n", perMessage,
                    perMessage - 64);
        std::printf("  bytesHeld() reports   %.1f bytes per message\n",
                    double(log.bytesHeld()) / log.rowCount());
        std::fflush(stdout);
    }
}

void benchTopicHistory(int topics, int messagesPerTopic)
{
    settleEvents();
    const qint64 heapBefore = heapBytes();
    auto tree = std::make_unique<TopicTreeModel>();
    for (int m = 0; m < messagesPerTopic; ++m) {
        for (int i = 0; i < topics; ++i) {
            Mqtt::Message message;
            message.topic = QStringLiteral("plant%1/line%2/machine%3/sensor%4")
                                    .arg(i % 10)
                                    .arg(i / 10 % 10)
                                    .arg(i / 100 % 100)
                                    .arg(i);
            message.payload = QByteArray(64, 'p');
            tree->append(message);
        }
        tree->flush();
    }
    settleEvents();
    const double perTopic = double(heapBytes() - heapBefore) / topics;
    std::printf("b) %d topics x %d messages of 64 B (history depth %d)\n", topics, messagesPerTopic,
                tree->historyDepth());
    std::printf("  heap per topic        %.0f bytes with its history (%.0f per entry, the "
                "node's share included)\n",
                perTopic, perTopic / messagesPerTopic);
    std::printf("  bytesHeld() reports   %.0f bytes per topic (history %.0f)\n",
                double(tree->bytesHeld()) / topics, double(tree->historyBytes()) / topics);
    std::fflush(stdout);
}

void benchTopicTree(int topics)
{
    settleEvents();
    const qint64 heapBefore = heapBytes();
    auto tree = std::make_unique<TopicTreeModel>();
    QTreeView view;
    view.setUniformRowHeights(true);
    view.setModel(tree.get());
    view.resize(600, 700);
    view.show();
    settleEvents();

    std::vector<QByteArray> names;
    names.reserve(size_t(topics));
    for (int i = 0; i < topics; ++i)
        names.push_back(QStringLiteral("plant%1/line%2/machine%3/sensor%4")
                                .arg(i % 10)
                                .arg(i / 10 % 10)
                                .arg(i / 100 % 100)
                                .arg(i)
                                .toUtf8());
    const qint64 heapNames = heapBytes();

    QElapsedTimer clock;
    clock.start();
    const double cpuBefore = cpuSeconds();
    for (int i = 0; i < topics; ++i) {
        Mqtt::Message message;
        message.topic = QString::fromUtf8(names[size_t(i)]);
        message.payload = QByteArray(64, 'p');
        tree->append(message);
    }
    tree->flush();
    QCoreApplication::processEvents();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    names.clear();
    names.shrink_to_fit();
    settleEvents();
    const qint64 heapAfter = heapBytes();

    std::printf("b) %d distinct topics into TopicTreeModel (+ QTreeView)\n", topics);
    std::printf("  time                  %.3f s   (goal < 2 s), %.3f CPU s\n", seconds, cpu);
    std::printf("  distinct topics       %d, root rows %d\n", tree->distinctTopicCount(),
                tree->rowCount());
    std::printf("  heap                  %.1f MiB (%.0f bytes per topic, 64 B payload kept)\n",
                double(heapAfter - heapBefore - (heapNames - heapBefore)) / 1048576.0,
                double(heapAfter - heapBefore - (heapNames - heapBefore)) / topics);
    std::fflush(stdout);
}

// With BENCH_DIAG set: reports every event that kept the loop busy for more than 16 ms.
class DiagnosticApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_enabled)
            return QApplication::notify(receiver, event);
        QElapsedTimer clock;
        clock.start();
        const int type = event->type();
        const bool result = QApplication::notify(receiver, event);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        if (ms > 16)
            std::printf("  diag: %.1f ms in event %d to %s\n", ms, type,
                        receiver->metaObject()->className());
        return result;
    }
    bool m_enabled = qEnvironmentVariableIsSet("BENCH_DIAG");
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    DiagnosticApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gui_ingest_bench"));
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings

    int total = 1000000;
    bool useMainWindow = false;
    bool runIngestPart = true;
    bool runTopicPart = true;
    bool runEndToEnd = false;
    bool runHighlight = false;
    bool runTwoConnections = false;
    bool runInspectorCost = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--messages") && i + 1 < args.size())
            total = args.at(++i).toInt();
        else if (args.at(i) == QLatin1String("--mainwindow"))
            useMainWindow = true;
        else if (args.at(i) == QLatin1String("--only-ingest"))
            runTopicPart = false;
        else if (args.at(i) == QLatin1String("--only-topics"))
            runIngestPart = false;
        else if (args.at(i) == QLatin1String("--end-to-end"))
            runEndToEnd = true;
        else if (args.at(i) == QLatin1String("--tree-highlight"))
            runHighlight = true;
        else if (args.at(i) == QLatin1String("--two-connections"))
            runTwoConnections = true;
        else if (args.at(i) == QLatin1String("--inspector"))
            runInspectorCost = true;
    }

    std::printf("gui_ingest_bench (Qt %s, platform %s)\n", qVersion(),
                qPrintable(QGuiApplication::platformName()));
    if (runHighlight) {
#ifdef SWITCHBOARD_BENCH_HAS_UI
        benchTreeHighlight();
        return 0;
#else
        std::printf("the ui library was not built: --tree-highlight is not available\n");
        return 1;
#endif
    }
    if (runInspectorCost) {
#ifdef SWITCHBOARD_BENCH_HAS_UI
        benchInspector();
        return 0;
#else
        std::printf("the ui library was not built: --inspector is not available\n");
        return 1;
#endif
    }
    if (runTwoConnections) {
#ifdef SWITCHBOARD_BENCH_HAS_UI
        benchConnectionsFlooded(std::min(total, 500000), 1);
        benchConnectionsFlooded(std::min(total, 500000), 2);
        return 0;
#else
        std::printf("the ui library was not built: --two-connections is not available\n");
        return 1;
#endif
    }
    if (runEndToEnd) {
#ifdef SWITCHBOARD_BENCH_HAS_UI
        benchEndToEnd(std::min(total, 200000));
        return 0;
#else
        std::printf("the ui library was not built: --end-to-end is not available\n");
        return 1;
#endif
    }
    if (!runIngestPart) {
    } else if (useMainWindow) {
#ifdef SWITCHBOARD_BENCH_HAS_UI
        benchMainWindow(total, MessageLogModel::DefaultMaximumMessages);
        benchMainWindow(total, total);
#else
        std::printf("the ui library was not built: --mainwindow is not available\n");
        return 1;
#endif
    } else {
        // Steady state with the default budget (trimming every flush), then everything kept
        // for the memory figure.
        benchBareViews(total, MessageLogModel::DefaultMaximumMessages);
        benchBareViews(total, total);
    }
    if (runIngestPart)
        benchLogMemory(total, false);
    benchLogMemory(total, true);
    if (runTopicPart) {
        benchTopicTree(100000);
        benchTopicHistory(10000, TopicTreeModel::DefaultHistoryDepth);
    }
    return 0;
}

#include "gui_ingest_bench.moc"
