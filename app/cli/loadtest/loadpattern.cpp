// SPDX-License-Identifier: Apache-2.0
#include "loadpattern.h"

#include <QCoreApplication>
#include <QStringList>

namespace LoadTest {

namespace {

bool hasPlaceholder(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('%'))
            continue;
        const QChar next = text.at(i + 1);
        if (next == QLatin1Char('i') || next == QLatin1Char('c'))
            return true;
        ++i; // %% is a literal percent sign
    }
    return false;
}

} // namespace

QString publisherClientId(const QString &prefix, int index)
{
    return QStringLiteral("%1-pub-%2").arg(prefix).arg(index);
}

QString subscriberClientId(const QString &prefix, int index)
{
    return QStringLiteral("%1-sub-%2").arg(prefix).arg(index);
}

QString expandTopicPattern(const QString &pattern, int index, const QString &clientId)
{
    QString topic;
    topic.reserve(pattern.size() + clientId.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar character = pattern.at(i);
        if (character != QLatin1Char('%') || i + 1 == pattern.size()) {
            topic += character;
            continue;
        }
        const QChar next = pattern.at(++i);
        if (next == QLatin1Char('i'))
            topic += QString::number(index);
        else if (next == QLatin1Char('c'))
            topic += clientId;
        else if (next == QLatin1Char('%'))
            topic += QLatin1Char('%');
        else
            topic += character + QString(next);
    }
    return topic;
}

bool checkTopicPattern(const QString &pattern, QString *problem)
{
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar character = pattern.at(i);
        // [MQTT-3.3.2-2]: a topic name has no wildcards.
        if (character == QLatin1Char('+') || character == QLatin1Char('#')) {
            *problem = QCoreApplication::translate(
                               "bench", "the topic pattern '%1' has a wildcard (%2): a topic "
                                        "name cannot")
                               .arg(pattern, character);
            return false;
        }
        if (character != QLatin1Char('%'))
            continue;
        const QChar next = i + 1 < pattern.size() ? pattern.at(i + 1) : QChar();
        if (next != QLatin1Char('i') && next != QLatin1Char('c') && next != QLatin1Char('%')) {
            *problem = QCoreApplication::translate(
                               "bench", "the topic pattern '%1' has a % that is not %i (the "
                                        "publisher's index), %c (its client id) or %% (a "
                                        "percent sign)")
                               .arg(pattern);
            return false;
        }
        ++i;
    }
    return true;
}

QString subscriptionFilterFor(const QString &pattern)
{
    const QStringList levels = pattern.split(QLatin1Char('/'));
    QStringList filter;
    for (const QString &level : levels) {
        if (hasPlaceholder(level)) {
            filter.append(QStringLiteral("#"));
            return filter.join(QLatin1Char('/'));
        }
        filter.append(expandTopicPattern(level, 0, QString()));
    }
    return filter.join(QLatin1Char('/'));
}

} // namespace LoadTest
