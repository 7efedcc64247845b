// SPDX-License-Identifier: Apache-2.0
#include "latencyhistogram.h"

#include <cmath>

namespace LoadTest {

void LatencyHistogram::reset()
{
    m_counts.fill(0);
    m_count = 0;
    m_sum = 0;
    m_minimum = 0;
    m_maximum = 0;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    for (size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_minimum = m_count == 0 ? other.m_minimum : std::min(m_minimum, other.m_minimum);
    m_maximum = std::max(m_maximum, other.m_maximum);
    m_count += other.m_count;
    m_sum += other.m_sum;
}

qint64 LatencyHistogram::lowestValueOf(int bucket)
{
    if (bucket < 2 * SubBuckets)
        return bucket;
    const qint64 shift = bucket / SubBuckets - 1;
    const qint64 subBucket = bucket - shift * SubBuckets;
    return subBucket << shift;
}

qint64 LatencyHistogram::widthOf(int bucket)
{
    if (bucket < 2 * SubBuckets)
        return 1;
    return qint64(1) << (bucket / SubBuckets - 1);
}

qint64 LatencyHistogram::percentile(double fraction) const
{
    if (m_count == 0)
        return 0;
    const double wanted = std::ceil(qBound(0.0, fraction, 1.0) * double(m_count));
    const qint64 rank = std::max(qint64(1), qint64(wanted));
    // The extremes are known exactly.
    if (rank >= m_count)
        return m_maximum;
    if (rank == 1)
        return m_minimum;
    qint64 seen = 0;
    for (int bucket = 0; bucket < BucketCount; ++bucket) {
        seen += m_counts[size_t(bucket)];
        if (seen >= rank) {
            const qint64 middle = lowestValueOf(bucket) + (widthOf(bucket) - 1) / 2;
            return qBound(m_minimum, middle, m_maximum);
        }
    }
    return m_maximum;
}

std::vector<std::pair<qint64, qint64>> LatencyHistogram::buckets() const
{
    std::vector<std::pair<qint64, qint64>> result;
    for (int bucket = 0; bucket < BucketCount; ++bucket) {
        if (m_counts[size_t(bucket)] > 0)
            result.emplace_back(lowestValueOf(bucket), m_counts[size_t(bucket)]);
    }
    return result;
}

} // namespace LoadTest
