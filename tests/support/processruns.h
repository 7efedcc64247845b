// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

#include <memory>

// Command-line programs (switchboard-cli, node scripts) run from tests.
namespace ProcessRuns {

struct Result
{
    int exitCode = -1; // -1: did not start, crashed, or was killed
    QByteArray out;
    QByteArray err;
};

// Runs program with input on its standard input, to the end or for at most timeoutMs.
Result run(const QString &program, const QStringList &arguments, int timeoutMs,
           const QByteArray &input = {});
// Waits for a started process to end (killing it after timeoutMs) and collects its output.
Result finish(QProcess *process, int timeoutMs);
// Starts program and waits until its standard error shows marker; null (with a warning) when
// it does not within timeoutMs. What it printed on standard error until then goes to *early.
std::unique_ptr<QProcess> startAndWaitFor(const QString &program, const QStringList &arguments,
                                          const QByteArray &marker, int timeoutMs,
                                          QByteArray *early = nullptr);

} // namespace ProcessRuns
