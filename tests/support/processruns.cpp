// SPDX-License-Identifier: Apache-2.0
#include "processruns.h"

#include <QDeadlineTimer>
#include <QDebug>

namespace ProcessRuns {

Result run(const QString &program, const QStringList &arguments, int timeoutMs,
           const QByteArray &input)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        Result result;
        result.err = program.toUtf8() + " did not start: " + process.errorString().toUtf8();
        return result;
    }
    process.write(input);
    process.closeWriteChannel();
    return finish(&process, timeoutMs);
}

Result finish(QProcess *process, int timeoutMs)
{
    Result result;
    // waitForFinished() is false for a process that already ended during an earlier wait.
    if (process->state() != QProcess::NotRunning && !process->waitForFinished(timeoutMs)) {
        process->kill();
        process->waitForFinished(timeoutMs);
        result.err = "(killed: did not finish in time) ";
    } else if (process->exitStatus() == QProcess::NormalExit) {
        result.exitCode = process->exitCode();
    }
    result.out = process->readAllStandardOutput();
    result.err += process->readAllStandardError();
    return result;
}

std::unique_ptr<QProcess> startAndWaitFor(const QString &program, const QStringList &arguments,
                                          const QByteArray &marker, int timeoutMs,
                                          QByteArray *early)
{
    auto process = std::make_unique<QProcess>();
    process->start(program, arguments);
    process->closeWriteChannel();
    QByteArray errors;
    QDeadlineTimer deadline(timeoutMs);
    while (!errors.contains(marker) && !deadline.hasExpired() &&
           process->state() != QProcess::NotRunning) {
        process->waitForReadyRead(100);
        errors += process->readAllStandardError();
    }
    if (!errors.contains(marker)) {
        qWarning() << program << "did not print" << marker << "but:" << errors;
        return nullptr;
    }
    if (early)
        *early = errors;
    return process;
}

} // namespace ProcessRuns
