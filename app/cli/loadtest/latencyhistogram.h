// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

#include <array>
#include <utility>
#include <vector>

namespace LoadTest {

// Latencies in nanoseconds, counted in log-linear buckets: values below 128 ns exactly, above
// that 64 buckets per power of two, so a bucket is at most 1/64 of its values wide and a
// percentile read back from the middle of its bucket is within 0.8 % of the true one. The
// buckets live in one fixed array: recording is an index computation and an increment, with
// no allocation. Values from 2^40 ns (about 18 minutes) on share the last bucket.
class LatencyHistogram
{
public:
    static constexpr int SubBucketBits = 6;
    static constexpr qint64 SubBuckets = qint64(1) << SubBucketBits; // 64
    static constexpr int HighestBit = 40;
    static constexpr qint64 HighestTrackable = (qint64(1) << HighestBit) - 1;
    static constexpr int BucketCount = int((HighestBit - SubBucketBits) * SubBuckets + SubBuckets);

    void record(qint64 nanoseconds)
    {
        const qint64 value = qBound(qint64(0), nanoseconds, HighestTrackable);
        ++m_counts[size_t(bucketOf(value))];
        ++m_count;
        m_sum += value;
        if (value < m_minimum || m_count == 1)
            m_minimum = value;
        if (value > m_maximum)
            m_maximum = value;
    }
    void reset();
    // Adds other's counts to this one.
    void merge(const LatencyHistogram &other);

    qint64 count() const { return m_count; }
    qint64 minimum() const { return m_count > 0 ? m_minimum : 0; }
    qint64 maximum() const { return m_maximum; }
    double mean() const { return m_count > 0 ? double(m_sum) / double(m_count) : 0; }
    // The value below or at which `fraction` (0..1) of the recorded values lie: the middle of
    // the bucket that holds the ceil(fraction * count)-th smallest value, kept within the
    // recorded minimum and maximum (and those exactly for the first and the last rank). 0 when
    // nothing was recorded.
    qint64 percentile(double fraction) const;

    // The non-empty buckets as (lowest value, count) pairs, lowest first: what a report needs
    // to merge runs from several machines.
    std::vector<std::pair<qint64, qint64>> buckets() const;

    // The bucket a value falls in, and the lowest value and width of a bucket.
    static int bucketOf(qint64 value)
    {
        if (value < 2 * SubBuckets)
            return int(value);
        const int highestBit = 63 - __builtin_clzll(quint64(value));
        const int shift = highestBit - SubBucketBits;
        return int(shift * SubBuckets + (value >> shift));
    }
    static qint64 lowestValueOf(int bucket);
    static qint64 widthOf(int bucket);

private:
    std::array<qint64, BucketCount> m_counts{};
    qint64 m_count = 0;
    qint64 m_sum = 0;
    qint64 m_minimum = 0;
    qint64 m_maximum = 0;
};

} // namespace LoadTest
