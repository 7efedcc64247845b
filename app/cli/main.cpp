// SPDX-License-Identifier: Apache-2.0
#include "commands.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("switchboard-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    // Output that scripts read, as mosquitto_sub prints it: numbers without digit grouping
    // (the engine's texts format numbers with the default locale, %L1).
    QLocale::setDefault(QLocale::c());

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const QString command = arguments.isEmpty() ? QString() : arguments.takeFirst();
    if (command == QLatin1String("pub"))
        return runPub(arguments);
    if (command == QLatin1String("sub"))
        return runSub(arguments);
    if (command == QLatin1String("bench"))
        return runBench(arguments);
    if (command == QLatin1String("record"))
        return runRecord(arguments);
    if (command == QLatin1String("replay"))
        return runReplay(arguments);
    if (command == QLatin1String("run"))
        return runRun(arguments);
    if (command == QLatin1String("--version") || command == QLatin1String("-V")) {
        QTextStream(stdout) << "switchboard-cli " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    const bool askedForHelp = command == QLatin1String("--help") ||
                              command == QLatin1String("-h") || command == QLatin1String("help");
    QTextStream out(askedForHelp ? stdout : stderr);
    if (!command.isEmpty() && !askedForHelp)
        out << QCoreApplication::translate("main", "switchboard-cli: unknown command '%1'")
                        .arg(command)
            << '\n';
    out << QCoreApplication::translate(
                   "main", "Usage: switchboard-cli <command> [options]\n"
                           "\n"
                           "Commands:\n"
                           "  pub     publish messages (like mosquitto_pub)\n"
                           "  sub     subscribe and print messages (like mosquitto_sub)\n"
                           "  bench   load-test a broker: N publishers, M subscribers, latency\n"
                           "          percentiles, rates, losses and duplicates (--publishers,\n"
                           "          --subscribers, --connect-rate, --rate, --duration, --json)\n"
                           "  record  record messages to a capture file\n"
                           "  replay  publish a capture file's messages again\n"
                           "  run     run a JavaScript test script (connect, publish, expect,\n"
                           "          test); exit code: the number of failures (--junit FILE)\n"
                           "\n"
                           "Run 'switchboard-cli <command> --help' for its options.")
        << '\n';
    return askedForHelp ? 0 : 2;
}
