// SPDX-License-Identifier: Apache-2.0
#include "benchprobes.h"

#include <QFile>
#include <QList>

#include <malloc.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>

qint64 heapBytes()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

qint64 residentBytes()
{
    QFile file(QStringLiteral("/proc/self/statm"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = file.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * 4096 : 0;
}

double cpuSeconds()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 threadCpuNanoseconds()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

LagProbe::LagProbe(int intervalMs) : m_intervalNs(qint64(intervalMs) * 1000000)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_lagsMs.push_back(qMax<double>(0, double(now - m_last - m_intervalNs) / 1e6));
        m_last = now;
        const qint64 cpu = threadCpuNanoseconds();
        m_cpuLagsMs.push_back(qMax<double>(0, double(cpu - m_lastCpu - m_intervalNs) / 1e6));
        m_lastCpu = cpu;
    });
}

void LagProbe::start()
{
    m_lagsMs.clear();
    m_cpuLagsMs.clear();
    m_clock.start();
    m_last = 0;
    m_lastCpu = threadCpuNanoseconds();
    m_timer.start();
}
