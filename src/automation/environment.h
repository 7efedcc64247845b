// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

// A named set of NAME=value pairs ("dev", "staging", "production") that {{env.NAME}} reads.
// Each collection file holds its environments; the window activates one name for all of them.
struct Environment
{
    QString name;
    QMap<QString, QString> values;

    bool operator==(const Environment &other) const
    {
        return name == other.name && values == other.values;
    }

    // Names start with a letter or '_' and go on with letters, digits, '_', '-' or '.'.
    static bool isValidName(const QString &name);
    // "NAME=value" lines (blank lines and lines starting with '#' skipped); false with
    // *error naming the line when one has no '=' or a bad name.
    static bool parseLines(const QString &text, QMap<QString, QString> *values, QString *error);
    // The values as "NAME=value" lines, sorted by name.
    static QString toLines(const QMap<QString, QString> &values);
};

// The environment called name, or nullptr.
const Environment *findEnvironment(const QList<Environment> &environments, const QString &name);
