// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// What a script run produced: its tests, its errors outside tests, and the JUnit XML a CI
// system reads. Plain values, made on the script's thread and handed to the host by signals.
namespace Script {

// Where in a script something happened; line 0 when unknown.
struct Location
{
    QString fileName;
    int line = 0;

    bool isKnown() const { return line > 0; }
    // "file.js:14", or the file name alone when the line is unknown.
    QString toString() const;
};

struct TestResult
{
    enum class Status {
        Passed,
        Failed, // the test's function threw (an expectation, an assertion, a TypeError)
        Interrupted, // the time limit or Stop ended the script during this test
    };

    QString name;
    Status status = Status::Passed;
    QString message; // why it failed
    Location location; // where it failed
    qint64 durationMs = 0;

    bool isPassed() const { return status == Status::Passed; }
};

// An error outside any test: a syntax error, an exception at the top level or in an on()
// handler, or the end of the script by its time limit or Stop.
struct ScriptError
{
    QString message;
    Location location;

    // "file.js:14: message"
    QString toString() const;
};

struct ScriptReport
{
    QString fileName;
    QDateTime startTime;
    qint64 durationMs = 0;
    QList<TestResult> tests;
    QList<ScriptError> errors;
    QStringList output; // the lines log() wrote, in order
    bool interrupted = false;

    int failedTestCount() const;
    // Failed tests plus errors outside tests: what the exit code of `switchboard-cli run` counts.
    int failureCount() const;
};

// The exit code of `switchboard-cli run`: the number of failures, at most MaximumFailureExit.
// ScriptNotRun is for a script that could not be started (bad command line, unreadable file).
inline constexpr int MaximumFailureExit = 100;
inline constexpr int ScriptNotRun = 101;
int exitCode(const ScriptReport &report);

// JUnit XML as CI systems read it: <testsuites> holding one <testsuite> named after the script,
// with tests / failures / errors / time counts, a <testcase> per test (name, classname, time)
// carrying a <failure message=...> or, when interrupted, an <error message=...>; errors outside
// tests are a <testcase> named after the script with an <error>; log() lines in <system-out>.
QByteArray toJUnitXml(const ScriptReport &report);
bool writeJUnitXml(const ScriptReport &report, const QString &path, QString *problem);

} // namespace Script

Q_DECLARE_METATYPE(Script::TestResult)
Q_DECLARE_METATYPE(Script::ScriptError)
Q_DECLARE_METATYPE(Script::ScriptReport)
