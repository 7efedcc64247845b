// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the GUI benchmarks measure about their own process: memory, CPU time and how late the
// event loop answers. Figures only; nothing here passes or fails.

#include <QElapsedTimer>
#include <QTimer>

#include <vector>

// Heap in use (malloc's view), in bytes.
qint64 heapBytes();
// Resident set size, in bytes.
qint64 residentBytes();
// CPU seconds used by this process (user + system): on a busy machine, messages per CPU second
// is the figure that does not depend on what else runs.
double cpuSeconds();
// CPU time of the calling thread.
qint64 threadCpuNanoseconds();
// The p-quantile (0..1) of values, 0 when empty.
double percentile(std::vector<double> values, double p);

// Measures how late a timer (1 ms unless given) fires: the event loop's responsiveness. Besides the
// wall-clock lag it records the main thread's CPU time between two firings: on a machine shared
// with other work the wall clock includes time the thread was not scheduled at all, while the CPU
// time is the lag an idle core would show.
class LagProbe
{
public:
    explicit LagProbe(int intervalMs = 1);
    // Starts (again), forgetting what was measured before.
    void start();
    void stop() { m_timer.stop(); }
    const std::vector<double> &lags() const { return m_lagsMs; }
    const std::vector<double> &cpuLags() const { return m_cpuLagsMs; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_intervalNs = 1000000;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    std::vector<double> m_lagsMs;
    std::vector<double> m_cpuLagsMs;
};
