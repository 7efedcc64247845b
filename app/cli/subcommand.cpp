#include "commands.h"

#include <QTextStream>

int runSub(const QStringList &arguments)
{
    Q_UNUSED(arguments);
    QTextStream(stderr) << "switchboard-cli sub: not built yet\n";
    return 1;
}
