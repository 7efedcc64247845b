// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

// Each subcommand takes its arguments (without the program and subcommand names) and
// returns the process exit code. They run the event loop themselves.
int runPub(const QStringList &arguments);
int runSub(const QStringList &arguments);
int runBench(const QStringList &arguments);
int runRecord(const QStringList &arguments);
int runReplay(const QStringList &arguments);
// Returns the number of failures (capped), or Script::ScriptNotRun.
int runRun(const QStringList &arguments);
