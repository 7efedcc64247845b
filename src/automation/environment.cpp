// SPDX-License-Identifier: Apache-2.0
#include "environment.h"

#include <QCoreApplication>
#include <QRegularExpression>

bool Environment::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    return pattern.match(name).hasMatch();
}

bool Environment::parseLines(const QString &text, QMap<QString, QString> *values, QString *error)
{
    values->clear();
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        const QString name = line.left(equals).trimmed();
        if (equals < 0 || !isValidName(name)) {
            *error = QCoreApplication::translate(
                             "Environment",
                             "line %1: expected NAME=value, where NAME starts with a letter")
                             .arg(i + 1);
            return false;
        }
        values->insert(name, line.mid(equals + 1).trimmed());
    }
    return true;
}

QString Environment::toLines(const QMap<QString, QString> &values)
{
    QStringList lines;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        lines << it.key() + u'=' + it.value();
    return lines.join(u'\n');
}

const Environment *findEnvironment(const QList<Environment> &environments, const QString &name)
{
    for (const Environment &environment : environments) {
        if (environment.name == name)
            return &environment;
    }
    return nullptr;
}
