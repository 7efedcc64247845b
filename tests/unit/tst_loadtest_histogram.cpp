// SPDX-License-Identifier: Apache-2.0
// The load test's latency histogram (app/cli/loadtest): bucket arithmetic and the percentiles
// of known distributions.
#include "latencyhistogram.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using LoadTest::LatencyHistogram;

class tst_LoadTestHistogram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyHistogram();
    void smallValuesAreExact();
    void bucketsCoverEveryValueOnce();
    void uniformDistribution();
    void exponentialDistribution_data();
    void exponentialDistribution();
    void percentilesAreOrdered();
    void outOfRangeValuesAreClamped();
    void mergeEqualsOneHistogram();
    void resetForgetsEverything();
    void bucketsListTheCounts();
};

void tst_LoadTestHistogram::emptyHistogram()
{
    LatencyHistogram histogram;
    QCOMPARE(histogram.count(), 0);
    QCOMPARE(histogram.percentile(0.5), 0);
    QCOMPARE(histogram.percentile(1.0), 0);
    QCOMPARE(histogram.minimum(), 0);
    QCOMPARE(histogram.maximum(), 0);
    QCOMPARE(histogram.mean(), 0.0);
    QVERIFY(histogram.buckets().empty());
}

void tst_LoadTestHistogram::smallValuesAreExact()
{
    // Below 128 every value has a bucket of its own: the nearest-rank percentile exactly.
    LatencyHistogram histogram;
    for (qint64 value = 100; value-- > 0;)
        histogram.record(value);
    QCOMPARE(histogram.count(), 100);
    QCOMPARE(histogram.percentile(0.5), 49); // the 50th smallest
    QCOMPARE(histogram.percentile(0.9), 89);
    QCOMPARE(histogram.percentile(0.99), 98);
    QCOMPARE(histogram.percentile(0.999), 99); // rank ceil(99.9) = 100
    QCOMPARE(histogram.percentile(0.0), 0); // rank 1
    QCOMPARE(histogram.minimum(), 0);
    QCOMPARE(histogram.maximum(), 99);
    QCOMPARE(histogram.mean(), 49.5);
}

void tst_LoadTestHistogram::bucketsCoverEveryValueOnce()
{
    // Each value lies in its bucket, buckets follow each other without gaps, and none is wider
    // than 1/64 of its lowest value.
    std::mt19937_64 random(18);
    std::vector<qint64> values;
    for (qint64 value = 0; value < 5000; ++value)
        values.push_back(value);
    for (int bit = 7; bit < LatencyHistogram::HighestBit; ++bit) {
        const qint64 power = qint64(1) << bit;
        values.insert(values.end(), {power - 1, power, power + 1});
        for (int i = 0; i < 200; ++i)
            values.push_back(power + qint64(random() % quint64(power)));
    }
    for (const qint64 value : values) {
        const int bucket = LatencyHistogram::bucketOf(value);
        QVERIFY(bucket >= 0 && bucket < LatencyHistogram::BucketCount);
        const qint64 lowest = LatencyHistogram::lowestValueOf(bucket);
        const qint64 width = LatencyHistogram::widthOf(bucket);
        QVERIFY2(lowest <= value && value < lowest + width,
                 qPrintable(QStringLiteral("%1 in [%2, +%3)").arg(value).arg(lowest).arg(width)));
        QVERIFY(width == 1 || width * LatencyHistogram::SubBuckets <= lowest);
    }
    for (int bucket = 1; bucket < LatencyHistogram::BucketCount; ++bucket)
        QCOMPARE(LatencyHistogram::lowestValueOf(bucket),
                 LatencyHistogram::lowestValueOf(bucket - 1) +
                         LatencyHistogram::widthOf(bucket - 1));
    QCOMPARE(LatencyHistogram::bucketOf(LatencyHistogram::HighestTrackable),
             LatencyHistogram::BucketCount - 1);
}

void tst_LoadTestHistogram::uniformDistribution()
{
    // 1 µs to 1 s in steps of 1 µs, in nanoseconds: the q-quantile is q seconds.
    LatencyHistogram histogram;
    const qint64 step = 1000;
    const qint64 n = 1000000;
    for (qint64 i = 1; i <= n; ++i)
        histogram.record(i * step);
    QCOMPARE(histogram.count(), n);
    for (const double q : {0.5, 0.9, 0.99, 0.999}) {
        const double expected = std::ceil(q * double(n)) * double(step);
        const double actual = double(histogram.percentile(q));
        QVERIFY2(std::abs(actual - expected) <= expected / 128 + 1,
                 qPrintable(
                         QStringLiteral("p%1: %2, expected %3").arg(q).arg(actual).arg(expected)));
    }
    QCOMPARE(histogram.percentile(1.0), n * step);
    QCOMPARE(histogram.maximum(), n * step);
    QCOMPARE(histogram.minimum(), step);
    QCOMPARE(histogram.mean(), double(n + 1) / 2 * double(step));
}

void tst_LoadTestHistogram::exponentialDistribution_data()
{
    QTest::addColumn<double>("meanNs");
    QTest::newRow("mean 200 us") << 200e3;
    QTest::newRow("mean 3 ms") << 3e6;
    QTest::newRow("mean 1.5 s") << 1.5e9;
}

void tst_LoadTestHistogram::exponentialDistribution()
{
    // The quantiles of an exponential distribution, recorded in random order: the q-quantile
    // is -ln(1 - q) * mean, within the histogram's 1/128 plus one sample's spacing.
    QFETCH(double, meanNs);
    const int n = 200000;
    std::vector<qint64> values;
    values.reserve(n);
    for (int k = 0; k < n; ++k)
        values.push_back(qint64(-std::log(1.0 - (k + 0.5) / n) * meanNs));
    std::shuffle(values.begin(), values.end(), std::mt19937(7));
    LatencyHistogram histogram;
    for (const qint64 value : values)
        histogram.record(value);
    for (const double q : {0.5, 0.9, 0.99, 0.999}) {
        const double expected = -std::log(1.0 - q) * meanNs;
        const double actual = double(histogram.percentile(q));
        QVERIFY2(std::abs(actual - expected) <= expected * 0.01,
                 qPrintable(
                         QStringLiteral("p%1: %2, expected %3").arg(q).arg(actual).arg(expected)));
    }
    QVERIFY(std::abs(histogram.mean() - meanNs) < meanNs * 0.01);
}

void tst_LoadTestHistogram::percentilesAreOrdered()
{
    std::mt19937_64 random(3);
    std::lognormal_distribution<double> distribution(12.0, 1.5);
    LatencyHistogram histogram;
    for (int i = 0; i < 50000; ++i)
        histogram.record(qint64(distribution(random)));
    const qint64 p50 = histogram.percentile(0.5);
    const qint64 p90 = histogram.percentile(0.9);
    const qint64 p99 = histogram.percentile(0.99);
    const qint64 p999 = histogram.percentile(0.999);
    QVERIFY(histogram.minimum() <= p50);
    QVERIFY(p50 <= p90);
    QVERIFY(p90 <= p99);
    QVERIFY(p99 <= p999);
    QVERIFY(p999 <= histogram.maximum());
    QCOMPARE(histogram.percentile(1.0), histogram.maximum());
}

void tst_LoadTestHistogram::outOfRangeValuesAreClamped()
{
    LatencyHistogram histogram;
    histogram.record(-5); // a clock that went backwards counts as 0
    histogram.record(qint64(1) << 50);
    QCOMPARE(histogram.count(), 2);
    QCOMPARE(histogram.minimum(), 0);
    QCOMPARE(histogram.maximum(), LatencyHistogram::HighestTrackable);
    QCOMPARE(histogram.percentile(1.0), LatencyHistogram::HighestTrackable);
}

void tst_LoadTestHistogram::mergeEqualsOneHistogram()
{
    LatencyHistogram whole;
    LatencyHistogram first;
    LatencyHistogram second;
    for (qint64 value = 1; value < 300000; value += 7) {
        whole.record(value * 13);
        (value % 2 ? first : second).record(value * 13);
    }
    LatencyHistogram merged;
    merged.merge(first);
    merged.merge(second);
    QCOMPARE(merged.count(), whole.count());
    QCOMPARE(merged.minimum(), whole.minimum());
    QCOMPARE(merged.maximum(), whole.maximum());
    QCOMPARE(merged.mean(), whole.mean());
    for (const double q : {0.1, 0.5, 0.9, 0.99, 0.999})
        QCOMPARE(merged.percentile(q), whole.percentile(q));
    QVERIFY(merged.buckets() == whole.buckets());
}

void tst_LoadTestHistogram::resetForgetsEverything()
{
    LatencyHistogram histogram;
    histogram.record(5000);
    histogram.record(70);
    histogram.reset();
    QCOMPARE(histogram.count(), 0);
    QCOMPARE(histogram.percentile(0.5), 0);
    histogram.record(300);
    QCOMPARE(histogram.minimum(), 300);
    QCOMPARE(histogram.maximum(), 300);
    QCOMPARE(histogram.percentile(0.5), 300);
}

void tst_LoadTestHistogram::bucketsListTheCounts()
{
    LatencyHistogram histogram;
    histogram.record(3);
    histogram.record(3);
    histogram.record(1000000); // bucket [999424, 1007616)
    const auto buckets = histogram.buckets();
    QCOMPARE(buckets.size(), size_t(2));
    QCOMPARE(buckets[0], std::make_pair(qint64(3), qint64(2)));
    QCOMPARE(buckets[1].first, LatencyHistogram::lowestValueOf(LatencyHistogram::bucketOf(1000000)));
    QCOMPARE(buckets[1].second, qint64(1));
    QVERIFY(buckets[1].first <= 1000000 && 1000000 - buckets[1].first < 1000000 / 64);
}

QTEST_APPLESS_MAIN(tst_LoadTestHistogram)
#include "tst_loadtest_histogram.moc"
