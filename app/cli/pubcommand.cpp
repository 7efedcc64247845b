#include "commands.h"

#include <QTextStream>

int runPub(const QStringList &arguments)
{
    Q_UNUSED(arguments);
    QTextStream(stderr) << "switchboard-cli pub: not built yet\n";
    return 1;
}
