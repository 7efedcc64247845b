// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>

#include <functional>

// The variables of collection entries, expanded at send time in topics, payloads and the 5.0
// string properties (docs/collection-format.md):
//   {{now}}           the send time, ISO 8601 UTC with milliseconds (2026-12-06T10:00:00.123Z)
//   {{now.epoch}}     seconds since 1970-01-01T00:00:00Z
//   {{now.epochms}}   milliseconds since 1970-01-01T00:00:00Z
//   {{seq}}           the entry's send counter: 1 at its first send, then 2, 3, ...
//   {{uuid}}          a random UUID (version 4), without braces
//   {{random A B}}    a random integer from A to B, both included
//   {{env.NAME}}      NAME of the active environment
// Spaces inside the braces are allowed ({{ random 1 6 }}). "\{{" is a literal "{{".
namespace Variables {

// What the variables of one send stand for: every field of a message sees the same values.
struct Context
{
    QDateTime now; // UTC
    quint64 sequence = 1;
    // The active environment's values; environmentName is empty when none is active.
    QString environmentName;
    QMap<QString, QString> environment;
    // Random integers from low to high (inclusive) and UUIDs; tests replace them.
    std::function<qint64(qint64 low, qint64 high)> random;
    std::function<QString()> uuid;

    // now = the current time, random and uuid from QRandomGenerator / QUuid.
    static Context current();
};

struct Expansion
{
    QString text; // the template with its variables replaced (empty on error)
    QString error; // readable, empty when it expanded
    int errorOffset = -1; // character offset of the problem in the template
    bool isValid() const { return error.isEmpty(); }
};

// Expands every variable of the template; an unclosed "{{", an unknown variable, bad random
// bounds or a name the environment lacks gives an error at its offset.
Expansion expand(const QString &text, const Context &context);

// Whether the text holds a variable (a "{{" that is not escaped).
bool containsVariables(const QString &text);

// "line L, column C" of a character offset (both from 1), for messages about multi-line text.
QString position(const QString &text, int offset);

} // namespace Variables
