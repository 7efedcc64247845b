// SPDX-License-Identifier: Apache-2.0
#include "topic.h"

#include <QCoreApplication>

namespace Mqtt {

QString utf8StringProblem(QByteArrayView bytes)
{
    if (bytes.size() > MaximumStringLength)
        return QCoreApplication::translate("Mqtt", "it is longer than 65,535 bytes");
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const uchar c = p[i];
        if (c < 0x80) {
            if (c == 0) // [MQTT-1.5.3-2]
                return QCoreApplication::translate("Mqtt", "it contains the null character");
            ++i;
            continue;
        }
        int extra = 0;
        quint32 codePoint = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            codePoint = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            codePoint = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            codePoint = c & 0x07;
        } else {
            return QCoreApplication::translate("Mqtt", "it is not valid UTF-8");
        }
        if (i + extra >= size)
            return QCoreApplication::translate("Mqtt", "it is not valid UTF-8");
        for (int k = 1; k <= extra; ++k) {
            const uchar next = p[i + k];
            if ((next & 0xC0) != 0x80)
                return QCoreApplication::translate("Mqtt", "it is not valid UTF-8");
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        static constexpr quint32 minimum[4] = {0, 0x80, 0x800, 0x10000};
        if (codePoint < minimum[extra] || codePoint > 0x10FFFF)
            return QCoreApplication::translate("Mqtt", "it is not valid UTF-8");
        if (codePoint >= 0xD800 && codePoint <= 0xDFFF) // [MQTT-1.5.3-1]
            return QCoreApplication::translate("Mqtt", "it contains a UTF-16 surrogate");
        i += extra + 1;
    }
    return {};
}

static Error topicError(ErrorCode code, const QString &text)
{
    return Error{code, text, 0};
}

static Error checkString(QStringView text, const char *what)
{
    // A QString can hold lone surrogates, which have no UTF-8 form [MQTT-1.5.3-1].
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text[i + 1].isLowSurrogate())
                return topicError(ErrorCode::InvalidString,
                                  QCoreApplication::translate("Mqtt", "The %1 is not valid UTF-8")
                                          .arg(QCoreApplication::translate("Mqtt", what)));
            ++i;
        } else if (c.isLowSurrogate()) {
            return topicError(ErrorCode::InvalidString,
                              QCoreApplication::translate("Mqtt", "The %1 is not valid UTF-8")
                                      .arg(QCoreApplication::translate("Mqtt", what)));
        } else if (c.unicode() == 0) { // [MQTT-1.5.3-2]
            return topicError(
                    ErrorCode::InvalidString,
                    QCoreApplication::translate("Mqtt", "The %1 contains the null character")
                            .arg(QCoreApplication::translate("Mqtt", what)));
        }
    }
    // The byte length is what the 65,535 limit counts.
    qsizetype bytes = 0;
    for (QChar c : text)
        bytes += c.unicode() < 0x80 ? 1 : (c.unicode() < 0x800 || c.isSurrogate() ? 2 : 3);
    if (bytes > MaximumStringLength)
        return topicError(ErrorCode::InvalidString,
                          QCoreApplication::translate("Mqtt", "The %1 is longer than 65,535 bytes")
                                  .arg(QCoreApplication::translate("Mqtt", what)));
    return {};
}

Error validateTopicName(QStringView topic)
{
    if (topic.isEmpty()) // [MQTT-4.7.3-1]
        return topicError(ErrorCode::InvalidTopic,
                          QCoreApplication::translate("Mqtt", "The topic is empty"));
    if (topic.contains(u'+') || topic.contains(u'#')) // [MQTT-3.3.2-2]
        return topicError(
                ErrorCode::InvalidTopic,
                QCoreApplication::translate(
                        "Mqtt", "A topic to publish to cannot contain the wildcards + or #"));
    return checkString(topic, QT_TRANSLATE_NOOP("Mqtt", "topic"));
}

Error validateTopicFilter(QStringView filter)
{
    if (filter.isEmpty()) // [MQTT-4.7.3-1]
        return topicError(ErrorCode::InvalidTopic,
                          QCoreApplication::translate("Mqtt", "The topic filter is empty"));
    const qsizetype size = filter.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = filter[i];
        const bool levelStart = i == 0 || filter[i - 1] == u'/';
        const bool levelEnd = i + 1 == size || filter[i + 1] == u'/';
        if (c == u'#') {
            if (!levelStart || i + 1 != size) // [MQTT-4.7.1-2]
                return topicError(ErrorCode::InvalidTopic,
                                  QCoreApplication::translate(
                                          "Mqtt",
                                          "The wildcard # must be the last character of the "
                                          "filter and stand alone in its level"));
        } else if (c == u'+') {
            if (!levelStart || !levelEnd) // [MQTT-4.7.1-3]
                return topicError(ErrorCode::InvalidTopic,
                                  QCoreApplication::translate(
                                          "Mqtt", "The wildcard + must stand alone in its level"));
        }
    }
    return checkString(filter, QT_TRANSLATE_NOOP("Mqtt", "topic filter"));
}

bool topicMatches(QStringView filter, QStringView topicName)
{
    if (filter.isEmpty() || topicName.isEmpty())
        return false;
    // [MQTT-4.7.2-1] wildcards at the first level do not match $-topics.
    if (topicName.front() == u'$' && (filter.front() == u'+' || filter.front() == u'#'))
        return false;

    qsizetype f = 0;
    qsizetype t = 0;
    const qsizetype fs = filter.size();
    const qsizetype ts = topicName.size();
    while (true) {
        const qsizetype fEnd = [&] {
            const qsizetype slash = filter.indexOf(u'/', f);
            return slash < 0 ? fs : slash;
        }();
        const QStringView level = filter.sliced(f, fEnd - f);
        if (level == u"#")
            return true; // matches the parent level and everything below
        if (t > ts)
            return false; // topic ran out of levels
        const qsizetype tEnd = [&] {
            const qsizetype slash = topicName.indexOf(u'/', t);
            return slash < 0 ? ts : slash;
        }();
        if (level != u"+" && level != topicName.sliced(t, tEnd - t))
            return false;
        const bool filterDone = fEnd == fs;
        const bool topicDone = tEnd == ts;
        if (filterDone && topicDone)
            return true;
        if (filterDone)
            return false;
        if (topicDone) {
            // "sport/#" matches "sport": the next filter level must be a lone '#'.
            return filter.sliced(fEnd + 1) == u"#";
        }
        f = fEnd + 1;
        t = tEnd + 1;
    }
}

} // namespace Mqtt
