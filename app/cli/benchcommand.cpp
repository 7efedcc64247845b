#include "commands.h"

#include <QTextStream>

int runBench(const QStringList &arguments)
{
    Q_UNUSED(arguments);
    QTextStream(stderr) << "switchboard-cli bench: not built yet\n";
    return 1;
}
