// SPDX-License-Identifier: Apache-2.0
#include "loadreport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QStringList>

#include <algorithm>

namespace LoadTest {

namespace {

double milliseconds(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

// Three significant digits, without exponent: 0.0812, 1.23, 123.
QString number(double value)
{
    if (value == 0)
        return QStringLiteral("0");
    const int digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
    return QString::number(value, 'f', digits);
}

QString rate(double perSecond)
{
    return QString::number(std::llround(perSecond));
}

double perSecond(double count, double seconds)
{
    return seconds > 0 ? count / seconds : 0;
}

QString qosText(Mqtt::QoS qos)
{
    return QString::number(int(qos));
}

QJsonArray toArray(const std::vector<qint64> &values)
{
    QJsonArray array;
    for (const qint64 value : values)
        array.append(double(value));
    return array;
}

} // namespace

QString progressLine(const Progress &progress)
{
    const QString elapsed = QString::number(progress.elapsedSeconds, 'f', 0);
    if (progress.phase == Phase::Connecting)
        return QCoreApplication::translate("bench", "bench: %1 s  connecting %2/%3")
                .arg(elapsed)
                .arg(progress.connected)
                .arg(progress.connections);
    return QCoreApplication::translate(
                   "bench",
                   "bench: %1 s  %2  out %3 msg/s  in %4 msg/s  latency p50 %5 ms  p99 %6 ms  "
                   "missing %7  duplicates %8")
            .arg(elapsed,
                 progress.phase == Phase::Draining
                         ? QCoreApplication::translate("bench", "draining")
                         : QCoreApplication::translate("bench", "publishing"),
                 rate(progress.outPerSecond), rate(progress.inPerSecond),
                 number(milliseconds(progress.p50Ns)), number(milliseconds(progress.p99Ns)))
            .arg(progress.missing)
            .arg(progress.duplicates);
}

QString summaryText(const Settings &settings, const Results &results)
{
    const LatencyHistogram &latency = results.latency;
    QStringList lines;
    lines << QCoreApplication::translate("bench", "switchboard-cli bench: %1 publishers, %2 "
                                                  "subscribers, QoS %3, %4 B payload, %5")
                     .arg(settings.publishers)
                     .arg(settings.subscribers)
                     .arg(qosText(settings.qos))
                     .arg(settings.size)
                     .arg(settings.rate > 0
                                  ? QCoreApplication::translate("bench", "%1 msg/s per publisher")
                                            .arg(settings.rate)
                                  : QCoreApplication::translate("bench", "unlimited rate"));
    lines << QCoreApplication::translate(
                     "bench",
                     "connections  %1 of %2 in %3 s: %4 per second; set-up p50 %5 ms, p99 %6 ms")
                     .arg(results.connections)
                     .arg(settings.publishers + settings.subscribers)
                     .arg(number(results.connectSeconds))
                     .arg(rate(perSecond(results.connections, results.connectSeconds)))
                     .arg(number(milliseconds(results.connectTimes.percentile(0.5))))
                     .arg(number(milliseconds(results.connectTimes.percentile(0.99))));
    lines << QCoreApplication::translate("bench", "out          %1 messages in %2 s: %3 msg/s")
                     .arg(results.published)
                     .arg(number(results.publishSeconds))
                     .arg(rate(perSecond(double(results.published), results.publishSeconds)));
    lines << QCoreApplication::translate("bench",
                                         "in           %1 of %2 messages in %3 s: %4 msg/s")
                     .arg(results.received)
                     .arg(results.expected)
                     .arg(number(results.seconds))
                     .arg(rate(perSecond(double(results.received), results.seconds)));
    lines << QCoreApplication::translate(
                     "bench",
                     "latency      p50 %1 ms  p90 %2 ms  p99 %3 ms  p99.9 %4 ms  max %5 ms")
                     .arg(number(milliseconds(latency.percentile(0.5))),
                          number(milliseconds(latency.percentile(0.9))),
                          number(milliseconds(latency.percentile(0.99))),
                          number(milliseconds(latency.percentile(0.999))),
                          number(milliseconds(latency.maximum())));
    const auto perSubscriber = [&](const std::vector<qint64> &counts) {
        const auto worst = std::max_element(counts.begin(), counts.end());
        if (worst == counts.end() || *worst == 0)
            return QString();
        const auto affected =
                std::count_if(counts.begin(), counts.end(), [](qint64 value) { return value > 0; });
        return QCoreApplication::translate(
                       "bench", " (%1 of %2 subscribers; the most, %3, at subscriber %4)")
                .arg(affected)
                .arg(counts.size())
                .arg(*worst)
                .arg(worst - counts.begin() + 1);
    };
    lines << QCoreApplication::translate("bench", "lost         %1%2")
                     .arg(results.lost)
                     .arg(perSubscriber(results.lostPerSubscriber));
    lines << QCoreApplication::translate("bench", "duplicates   %1%2")
                     .arg(results.duplicates)
                     .arg(perSubscriber(results.duplicatesPerSubscriber));
    if (results.corrupt > 0 || results.foreign > 0)
        lines << QCoreApplication::translate(
                         "bench",
                         "ignored      %1 malformed, %2 from another run on the same topics")
                         .arg(results.corrupt)
                         .arg(results.foreign);
    lines << QCoreApplication::translate("bench",
                                         "client CPU   %1 s (%2 s per 100,000 messages received)")
                     .arg(number(results.cpuSeconds))
                     .arg(number(results.received > 0
                                         ? results.cpuSeconds * 100000.0 / double(results.received)
                                         : 0));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QJsonObject summaryJson(const Settings &settings, const Results &results)
{
    const LatencyHistogram &latency = results.latency;
    const double inRate = perSecond(double(results.received), results.seconds);
    QJsonArray histogram;
    for (const auto &[lowest, count] : latency.buckets())
        histogram.append(QJsonArray{double(lowest), double(count)});
    QJsonObject object{
            {QStringLiteral("client"), QStringLiteral("switchboard")},
            {QStringLiteral("publishers"), settings.publishers},
            {QStringLiteral("subscribers"), settings.subscribers},
            {QStringLiteral("size"), settings.size},
            {QStringLiteral("qos"), int(settings.qos)},
            {QStringLiteral("inflight"), settings.inflight},
            {QStringLiteral("count"), double(settings.count)},
            {QStringLiteral("duration"), settings.durationSeconds},
            {QStringLiteral("rate"), settings.rate},
            {QStringLiteral("connections"), results.connections},
            {QStringLiteral("connect_seconds"), results.connectSeconds},
            {QStringLiteral("connect_rate"), perSecond(results.connections, results.connectSeconds)},
            {QStringLiteral("connect_p50"), milliseconds(results.connectTimes.percentile(0.5))},
            {QStringLiteral("connect_p99"), milliseconds(results.connectTimes.percentile(0.99))},
            {QStringLiteral("published"), double(results.published)},
            {QStringLiteral("publish_seconds"), results.publishSeconds},
            {QStringLiteral("msgs_out_per_s"),
             perSecond(double(results.published), results.publishSeconds)},
            {QStringLiteral("expected"), double(results.expected)},
            {QStringLiteral("received"), double(results.received)},
            {QStringLiteral("seconds"), results.seconds},
            {QStringLiteral("msgs_in_per_s"), inRate},
            {QStringLiteral("msgs_per_s"), inRate},
            {QStringLiteral("lost"), double(results.lost)},
            {QStringLiteral("duplicates"), double(results.duplicates)},
            {QStringLiteral("lost_per_subscriber"), toArray(results.lostPerSubscriber)},
            {QStringLiteral("duplicates_per_subscriber"), toArray(results.duplicatesPerSubscriber)},
            {QStringLiteral("corrupt"), double(results.corrupt)},
            {QStringLiteral("foreign"), double(results.foreign)},
            {QStringLiteral("p50"), milliseconds(latency.percentile(0.5))},
            {QStringLiteral("p90"), milliseconds(latency.percentile(0.9))},
            {QStringLiteral("p99"), milliseconds(latency.percentile(0.99))},
            {QStringLiteral("p999"), milliseconds(latency.percentile(0.999))},
            {QStringLiteral("max"), milliseconds(latency.maximum())},
            {QStringLiteral("min"), milliseconds(latency.minimum())},
            {QStringLiteral("mean"), latency.mean() / 1e6},
            {QStringLiteral("latency_histogram_ns"), histogram},
            {QStringLiteral("cpu_s"), results.cpuSeconds},
            {QStringLiteral("cpu_s_per_100k"),
             results.received > 0 ? results.cpuSeconds * 100000.0 / double(results.received) : 0.0},
            {QStringLiteral("stalls"), results.windowReleases},
            {QStringLiteral("reconnects"), 0},
            {QStringLiteral("ok"), results.isComplete()},
    };
    if (!results.failure.isEmpty())
        object.insert(QStringLiteral("error"), results.failure);
    return object;
}

} // namespace LoadTest
