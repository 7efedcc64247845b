// SPDX-License-Identifier: Apache-2.0
// The live charts' cost at 10,000 points a second (scripts/bench): two series of
// {"celsius": ...} messages at 5,000 a second each, 10,000 points kept per series, the chart
// pane shown (offscreen) and redrawn at its 10 Hz. Prints the ingest cost per point (decode,
// path, ring) and the UI thread's CPU time per second of the whole (ingest, redraw and
// painting). Figures only: nothing here passes or fails.
#include "benchprobes.h"
#include "chartpane.h"
#include "chartseries.h"
#include "client.h"
#include "connectionworkspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <vector>

namespace {

std::vector<Mqtt::Message> messages(const QString &topic, int count, double base)
{
    std::vector<Mqtt::Message> list;
    for (int i = 0; i < count; ++i) {
        Mqtt::Message message;
        message.topic = topic;
        message.payload = "{\"celsius\": " + QByteArray::number(base + (i % 97) * 0.125, 'f', 3) +
                          ", \"humidity\": 41, \"id\": \"sensor-1\"}";
        list.push_back(message);
    }
    return list;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                     QStringLiteral("Seconds measured at the rate (default 10)."),
                                     QStringLiteral("seconds"), QStringLiteral("10"));
    QCommandLineOption rateOption(QStringLiteral("rate"),
                                  QStringLiteral("Points a second, all series (default 10000)."),
                                  QStringLiteral("rate"), QStringLiteral("10000"));
    parser.addOption(secondsOption);
    parser.addOption(rateOption);
    parser.process(app);
    const int seconds = qMax(1, parser.value(secondsOption).toInt());
    const int rate = qMax(2, parser.value(rateOption).toInt());

    ConnectionWorkspace workspace(1);
    ChartSeriesModel model;
    model.addSeries(&workspace, QStringLiteral("sensors/a"), QStringLiteral("celsius"));
    model.addSeries(&workspace, QStringLiteral("sensors/b"), QStringLiteral("celsius"));
    const std::vector<Mqtt::Message> toA = messages(QStringLiteral("sensors/a"), 1000, 20);
    const std::vector<Mqtt::Message> toB = messages(QStringLiteral("sensors/b"), 1000, -5);

    // a) ingest alone: decode, resolve the path, keep the point.
    constexpr int IngestCount = 200000;
    qint64 start = threadCpuNanoseconds();
    for (int i = 0; i < IngestCount; ++i) {
        const Mqtt::Message &message = (i % 2 ? toB : toA)[size_t(i / 2) % toA.size()];
        model.ingest(&workspace, message, 1000 + i, nullptr);
    }
    const double ingestNs = double(threadCpuNanoseconds() - start) / IngestCount;
    model.clearPoints();

    // b) the pane shown, fed at the rate, redrawn at 10 Hz; measured after the rings are full.
    ChartPane pane;
    pane.setModel(&model);
    pane.setTimeSpanMs(0); // every point kept is drawn
    pane.resize(1200, 700);
    pane.show();
    QElapsedTimer clock;
    clock.start();
    qint64 fed = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(2); // a burst every 2 ms, as reads from the socket bring them
    QObject::connect(&feeder, &QTimer::timeout, &app, [&] {
        const qint64 due = clock.nsecsElapsed() * rate / 1000000000;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (; fed < due; ++fed) {
            const Mqtt::Message &message = (fed % 2 ? toB : toA)[size_t(fed / 2) % toA.size()];
            model.ingest(&workspace, message, now, nullptr);
        }
    });
    std::vector<double> updates;
    QTimer sampler;
    sampler.setInterval(ChartPane::UpdateInterval);
    QObject::connect(&sampler, &QTimer::timeout, &app,
                     [&] { updates.push_back(pane.lastUpdateMs()); });
    feeder.start();
    const int fillMs = int(
            qMax<qint64>(2000, 2LL * ChartSeriesModel::DefaultMaximumPoints * 1000 / rate + 500));
    const auto runFor = [](int milliseconds) {
        QEventLoop loop;
        QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
        loop.exec();
    };
    runFor(fillMs);
    const qint64 fedBefore = fed;
    const double cpuBefore = threadCpuNanoseconds();
    const qint64 wallBefore = clock.nsecsElapsed();
    sampler.start();
    runFor(seconds * 1000);
    const double cpuNs = threadCpuNanoseconds() - cpuBefore;
    const double wallS = (clock.nsecsElapsed() - wallBefore) / 1e9;
    const double points = double(fed - fedBefore);
    std::printf("chart ingest: %.0f ns per point (JSON decode, path, ring)\n", ingestNs);
    std::printf("chart at %.0f points/s for %.1f s (2 series, %d points kept each, at most two a "
                "pixel column drawn, redrawn every %d ms): UI thread CPU %.0f ms per second "
                "(%.1f%% of a core), "
                "%.0f ns per point all in; series update %.2f ms per redraw (wall clock, median, "
                "before painting)\n",
                points / wallS, wallS, model.series(0).points.size(), ChartPane::UpdateInterval,
                cpuNs / 1e6 / wallS, cpuNs / 1e7 / wallS, cpuNs / points, percentile(updates, 50));
    return 0;
}
