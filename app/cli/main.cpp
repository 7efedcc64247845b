#include "commands.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("switchboard-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    const QString command = arguments.isEmpty() ? QString() : arguments.takeFirst();
    if (command == QLatin1String("pub"))
        return runPub(arguments);
    if (command == QLatin1String("sub"))
        return runSub(arguments);
    if (command == QLatin1String("bench"))
        return runBench(arguments);
    if (command == QLatin1String("--version") || command == QLatin1String("-V")) {
        QTextStream(stdout) << "switchboard-cli " << QCoreApplication::applicationVersion()
                            << '\n';
        return 0;
    }
    QTextStream err(stderr);
    if (!command.isEmpty() && command != QLatin1String("--help") && command != QLatin1String("-h"))
        err << QCoreApplication::translate("main", "Unknown command: %1").arg(command) << '\n';
    err << QCoreApplication::translate("main",
                                       "Usage: switchboard-cli <pub|sub|bench> [options]\n"
                                       "Run a command with --help for its options.")
        << '\n';
    return command.isEmpty() || command == QLatin1String("--help")
                    || command == QLatin1String("-h")
            ? (command.isEmpty() ? 2 : 0)
            : 2;
}
