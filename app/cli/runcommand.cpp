// SPDX-License-Identifier: Apache-2.0
#include "clientoptions.h"
#include "commands.h"

#include "scriptrunner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTextStream>

#include <sys/resource.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SWITCHBOARD_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SWITCHBOARD_ASAN 1
#endif

namespace {

using Cli::Command;

// Caps the address space of the process, so a script that allocates without end fails instead
// of taking the machine's memory. AddressSanitizer reserves terabytes of shadow memory up front:
// a sanitized build runs without the cap.
bool limitMemory(qint64 mebibytes, QString *problem)
{
#ifdef SWITCHBOARD_ASAN
    Q_UNUSED(mebibytes);
    Q_UNUSED(problem);
    return true;
#else
    if (mebibytes <= 0)
        return true;
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_AS, &limit) != 0) {
        *problem = qt_error_string(errno);
        return false;
    }
    const rlim_t wanted = rlim_t(mebibytes) * 1024 * 1024;
    if (limit.rlim_max != RLIM_INFINITY && wanted > limit.rlim_max)
        return true; // already lower
    limit.rlim_cur = wanted;
    if (::setrlimit(RLIMIT_AS, &limit) != 0) {
        *problem = qt_error_string(errno);
        return false;
    }
    return true;
#endif
}

// Prints what the script does as it happens, and the summary when it ends.
class RunPrinter : public QObject
{
public:
    explicit RunPrinter(Script::ScriptRunner *runner)
    {
        connect(runner, &Script::ScriptRunner::logged, this,
                [this](const QString &line) { m_out << line << Qt::endl; });
        connect(runner, &Script::ScriptRunner::testFinished, this,
                [this](const Script::TestResult &test) {
                    if (test.isPassed()) {
                        m_out << QCoreApplication::translate("Cli", "PASS  %1 (%2 ms)")
                                         .arg(test.name)
                                         .arg(test.durationMs)
                              << Qt::endl;
                        return;
                    }
                    m_out << QCoreApplication::translate("Cli", "FAIL  %1 (%2 ms)")
                                     .arg(test.name)
                                     .arg(test.durationMs)
                          << Qt::endl;
                    const QString where = test.location.isKnown()
                                                  ? test.location.toString() + QStringLiteral(": ")
                                                  : QString();
                    m_out << QStringLiteral("      ") << where << test.message << Qt::endl;
                });
        connect(runner, &Script::ScriptRunner::errorOccurred, this,
                [](const Script::ScriptError &error) {
                    Cli::printError(Command::Run, error.toString());
                });
    }

    void printSummary(const Script::ScriptReport &report)
    {
        const int failed = report.failedTestCount();
        m_out << QCoreApplication::translate(
                         "Cli", "tests: %1, passed: %2, failed: %3, script errors: %4 (%5 s)")
                         .arg(report.tests.size())
                         .arg(report.tests.size() - failed)
                         .arg(failed)
                         .arg(report.errors.size())
                         .arg(double(report.durationMs) / 1000.0, 0, 'f', 2)
              << Qt::endl;
    }

private:
    QTextStream m_out{stdout};
};

} // namespace

int runRun(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
            "Cli", "Run a JavaScript test script (docs/scripting.md): it connects where it says "
                   "with connect(), each test(name, fn) passes or fails, and the exit code is the "
                   "number of failures (tests that failed and errors outside tests, at most 100); "
                   "101 when the script cannot be run. env(NAME) reads the environment, e.g. "
                   "MQTT_URL."));
    parser.addPositionalArgument(QStringLiteral("SCRIPT"),
                                 QCoreApplication::translate("Cli", "The script to run (.js)."));
    const QCommandLineOption help({QStringLiteral("help")},
                                  QCoreApplication::translate("Cli", "Show this help."));
    const QCommandLineOption junit(
            {QStringLiteral("junit")},
            QCoreApplication::translate("Cli", "Write the results as JUnit XML to FILE."),
            QStringLiteral("FILE"));
    const QCommandLineOption timeout(
            {QStringLiteral("timeout")},
            QCoreApplication::translate(
                    "Cli", "Interrupt the script after S seconds, 0 for no limit (default 60)."),
            QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption memory(
            {QStringLiteral("memory-limit")},
            QCoreApplication::translate(
                    "Cli",
                    "Cap the process's memory (address space) at MIB mebibytes, 0 for no cap "
                    "(default 2048)."),
            QStringLiteral("MIB"), QStringLiteral("2048"));
    parser.addOptions({help, junit, timeout, memory});

    const auto usageError = [](const QString &text) {
        Cli::printError(Command::Run, text);
        return Script::ScriptNotRun;
    };
    QStringList all = arguments;
    all.prepend(QStringLiteral("switchboard-cli run"));
    if (!parser.parse(all))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // helpText() names the executable's path only: show the command instead.
        text.replace(0, text.indexOf(QLatin1Char('\n')),
                     QCoreApplication::translate("Cli", "Usage: %1 [options]")
                                     .arg(QStringLiteral("switchboard-cli run")) +
                             QStringLiteral(" SCRIPT"));
        QTextStream(stdout) << text;
        return Cli::ExitSuccess;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return usageError(QCoreApplication::translate("Cli", "give one script to run"));
    qint64 seconds = 0;
    if (!Cli::parseInteger(parser.value(timeout), 0, 24 * 3600, &seconds))
        return usageError(QCoreApplication::translate(
                                  "Cli", "--timeout must be a number of seconds, not '%1'")
                                  .arg(parser.value(timeout)));
    qint64 mebibytes = 0;
    if (!Cli::parseInteger(parser.value(memory), 0, 1 << 30, &mebibytes))
        return usageError(QCoreApplication::translate(
                                  "Cli", "--memory-limit must be a number of mebibytes, not '%1'")
                                  .arg(parser.value(memory)));

    QFile file(files.constFirst());
    if (!file.open(QIODevice::ReadOnly)) {
        Cli::printError(Command::Run, QCoreApplication::translate("Cli", "cannot read %1: %2")
                                              .arg(file.fileName(), file.errorString()));
        return Script::ScriptNotRun;
    }
    const QString source = QString::fromUtf8(file.readAll());
    file.close();

    QString problem;
    if (!limitMemory(mebibytes, &problem))
        Cli::printError(
                Command::Run,
                QCoreApplication::translate("Cli", "cannot limit the memory: %1").arg(problem));

    Script::ScriptRunner runner;
    runner.setTimeLimitMs(int(seconds * 1000));
    QHash<QString, QString> variables;
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys())
        variables.insert(name, environment.value(name));
    runner.setVariables(variables);
    RunPrinter printer(&runner);
    int exitCode = Cli::ExitSuccess;
    QObject::connect(
            &runner, &Script::ScriptRunner::finished, &runner,
            [&](const Script::ScriptReport &report) {
                printer.printSummary(report);
                exitCode = Script::exitCode(report);
                if (parser.isSet(junit)) {
                    QString writeProblem;
                    if (!Script::writeJUnitXml(report, parser.value(junit), &writeProblem)) {
                        Cli::printError(Command::Run, writeProblem);
                        exitCode = Script::ScriptNotRun;
                    }
                }
                QCoreApplication::exit(exitCode);
            });
    Cli::onQuitSignal(&runner, [&runner] { runner.stop(); });
    runner.start(source, QFileInfo(file.fileName()).fileName());
    QCoreApplication::exec();
    return exitCode;
}
