// SPDX-License-Identifier: Apache-2.0
#include "variables.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QUuid>

#include <limits>

namespace Variables {

namespace {

Expansion failure(const QString &error, int offset)
{
    Expansion result;
    result.error = error;
    result.errorOffset = offset;
    return result;
}

// One integer argument of {{random A B}}.
bool parseBound(const QString &text, qint64 *value)
{
    bool ok = false;
    *value = text.toLongLong(&ok);
    return ok;
}

} // namespace

Context Context::current()
{
    Context context;
    context.now = QDateTime::currentDateTimeUtc();
    context.random = [](qint64 low, qint64 high) {
        // bounded() takes an exclusive upper bound, so the top of the range is drawn apart.
        if (high < std::numeric_limits<qint64>::max())
            return QRandomGenerator::global()->bounded(low, high + 1);
        const quint64 span = quint64(high) - quint64(low);
        if (span == std::numeric_limits<quint64>::max())
            return qint64(QRandomGenerator::global()->generate64());
        return qint64(quint64(low) + QRandomGenerator::global()->generate64() % (span + 1));
    };
    context.uuid = [] { return QUuid::createUuid().toString(QUuid::WithoutBraces); };
    return context;
}

Expansion expand(const QString &text, const Context &context)
{
    const QString open = QStringLiteral("{{");
    const QString close = QStringLiteral("}}");
    QString out;
    out.reserve(text.size());
    qsizetype from = 0;
    while (from < text.size()) {
        const qsizetype start = text.indexOf(open, from);
        if (start < 0) {
            out += QStringView(text).mid(from);
            break;
        }
        // "\{{" is a literal "{{": the backslash goes, the braces stay.
        if (start > 0 && text.at(start - 1) == u'\\') {
            out += QStringView(text).mid(from, start - 1 - from);
            out += open;
            from = start + 2;
            continue;
        }
        out += QStringView(text).mid(from, start - from);
        const qsizetype end = text.indexOf(close, start + 2);
        if (end < 0)
            return failure(
                    QCoreApplication::translate("Variables", "\"{{\" is not closed by \"}}\""),
                    int(start));
        const QString inside = text.mid(start + 2, end - start - 2);
        // The offset of the variable's name, for errors about it.
        qsizetype nameOffset = start + 2;
        while (nameOffset < end && text.at(nameOffset).isSpace())
            ++nameOffset;
        const QStringList words = inside.simplified().split(u' ', Qt::SkipEmptyParts);
        const QString name = words.value(0);
        if (name.isEmpty())
            return failure(QCoreApplication::translate("Variables", "empty variable \"{{}}\""),
                           int(start));
        if (name == QLatin1String("now") && words.size() == 1) {
            out += context.now.toUTC().toString(Qt::ISODateWithMs);
        } else if (name == QLatin1String("now.epoch") && words.size() == 1) {
            out += QString::number(context.now.toSecsSinceEpoch());
        } else if (name == QLatin1String("now.epochms") && words.size() == 1) {
            out += QString::number(context.now.toMSecsSinceEpoch());
        } else if (name == QLatin1String("seq") && words.size() == 1) {
            out += QString::number(context.sequence);
        } else if (name == QLatin1String("uuid") && words.size() == 1) {
            out += context.uuid ? context.uuid()
                                : QUuid::createUuid().toString(QUuid::WithoutBraces);
        } else if (name == QLatin1String("random")) {
            qint64 low = 0;
            qint64 high = 0;
            if (words.size() != 3 || !parseBound(words.at(1), &low) ||
                !parseBound(words.at(2), &high))
                return failure(QCoreApplication::translate(
                                       "Variables",
                                       "{{random A B}} takes two integers, e.g. {{random 1 100}}"),
                               int(nameOffset));
            if (low > high)
                return failure(
                        QCoreApplication::translate(
                                "Variables",
                                "{{random %1 %2}}: the first bound is greater than the second")
                                .arg(low)
                                .arg(high),
                        int(nameOffset));
            out += QString::number(context.random ? context.random(low, high) : low);
        } else if (name.startsWith(QLatin1String("env.")) && words.size() == 1) {
            const QString key = name.mid(4);
            if (context.environmentName.isEmpty())
                return failure(QCoreApplication::translate(
                                       "Variables", "{{%1}} needs an environment: none is active")
                                       .arg(name),
                               int(nameOffset));
            const auto value = context.environment.constFind(key);
            if (value == context.environment.constEnd())
                return failure(
                        QCoreApplication::translate("Variables", "the environment \"%1\" has no %2")
                                .arg(context.environmentName, key),
                        int(nameOffset));
            out += value.value();
        } else if (words.size() > 1 &&
                   QStringList{QStringLiteral("now"), QStringLiteral("now.epoch"),
                               QStringLiteral("now.epochms"), QStringLiteral("seq"),
                               QStringLiteral("uuid")}
                           .contains(name)) {
            return failure(
                    QCoreApplication::translate("Variables", "{{%1}} takes no arguments").arg(name),
                    int(nameOffset));
        } else {
            return failure(
                    QCoreApplication::translate(
                            "Variables",
                            "unknown variable \"%1\" (one of now, now.epoch, now.epochms, seq, "
                            "uuid, random A B, env.NAME)")
                            .arg(name),
                    int(nameOffset));
        }
        from = end + 2;
    }
    Expansion result;
    result.text = out;
    return result;
}

bool containsVariables(const QString &text)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype start = text.indexOf(QLatin1String("{{"), from);
        if (start < 0)
            return false;
        if (start == 0 || text.at(start - 1) != u'\\')
            return true;
        from = start + 2;
    }
}

QString position(const QString &text, int offset)
{
    const QStringView before = QStringView(text).first(qBound(0, offset, int(text.size())));
    const qsizetype line = before.count(u'\n') + 1;
    const qsizetype column = before.size() - (before.lastIndexOf(u'\n') + 1) + 1;
    return QCoreApplication::translate("Variables", "line %1, column %2").arg(line).arg(column);
}

} // namespace Variables
