// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the UTF-8 string and topic rules (src/mqtt/topic.h) against a reference
// written for plainness here: Unicode's table of well-formed UTF-8 byte sequences, topic
// levels split on '/', and matching level by level.
//
// Input (FuzzedDataProvider): a filter (ConsumeRandomLengthString: a backslash followed by
// another byte ends it), then the topic name, then a mode byte (FuzzedDataProvider takes
// integers from the end).
//   mode bit 0: the texts are UTF-16 code units (pairs of bytes, lone surrogates and U+0000
//   possible) rather than UTF-8 decoded by Qt.
#include "topic.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <QString>
#include <QStringList>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace Mqtt;

namespace {

[[noreturn]] void fail(const char *what, const QString &a, const QString &b = {})
{
    std::fprintf(stderr, "fuzz_topic: %s [%s] [%s]\n", what, qPrintable(a), qPrintable(b));
    std::abort();
}

bool inRange(unsigned char c, int low, int high)
{
    return c >= low && c <= high;
}

// The Unicode Standard, table 3-7 (well-formed UTF-8 byte sequences), without U+0000
// [MQTT-1.5.3-2]; surrogates [MQTT-1.5.3-1] are not in the table. At most 65,535 bytes.
bool referenceUtf8(const std::string &s)
{
    if (s.size() > 65535)
        return false;
    size_t i = 0;
    auto at = [&](size_t k) -> unsigned char { return k < s.size() ? s[k] : 0; };
    while (i < s.size()) {
        const unsigned char b0 = at(i), b1 = at(i + 1), b2 = at(i + 2), b3 = at(i + 3);
        const bool has1 = i + 1 < s.size(), has2 = i + 2 < s.size(), has3 = i + 3 < s.size();
        const auto tail = [](unsigned char c) { return inRange(c, 0x80, 0xBF); };
        if (b0 == 0) {
            return false;
        } else if (b0 <= 0x7F) {
            i += 1;
        } else if (inRange(b0, 0xC2, 0xDF) && has1 && tail(b1)) {
            i += 2;
        } else if (b0 == 0xE0 && has2 && inRange(b1, 0xA0, 0xBF) && tail(b2)) {
            i += 3;
        } else if ((inRange(b0, 0xE1, 0xEC) || inRange(b0, 0xEE, 0xEF)) && has2 && tail(b1) &&
                   tail(b2)) {
            i += 3;
        } else if (b0 == 0xED && has2 && inRange(b1, 0x80, 0x9F) && tail(b2)) {
            i += 3;
        } else if (b0 == 0xF0 && has3 && inRange(b1, 0x90, 0xBF) && tail(b2) && tail(b3)) {
            i += 4;
        } else if (inRange(b0, 0xF1, 0xF3) && has3 && tail(b1) && tail(b2) && tail(b3)) {
            i += 4;
        } else if (b0 == 0xF4 && has3 && inRange(b1, 0x80, 0x8F) && tail(b2) && tail(b3)) {
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

// A QString an MQTT string can carry: no lone surrogate, no U+0000, at most 65,535 bytes
// as UTF-8.
bool referenceString(const QString &text)
{
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c == 0)
            return false;
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (i + 1 >= text.size() || text[i + 1].unicode() < 0xDC00 ||
                text[i + 1].unicode() > 0xDFFF)
                return false;
            bytes += 4;
            ++i;
        } else if (c >= 0xDC00 && c <= 0xDFFF) {
            return false;
        } else {
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
    }
    return bytes <= 65535;
}

bool referenceTopicName(const QString &topic)
{
    return !topic.isEmpty() && !topic.contains(u'+') && !topic.contains(u'#') &&
           referenceString(topic);
}

bool referenceTopicFilter(const QString &filter)
{
    if (filter.isEmpty() || !referenceString(filter))
        return false;
    const QStringList levels = filter.split(u'/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString &level = levels[i];
        if (level.contains(u'#') && (level != u"#" || i != levels.size() - 1))
            return false;
        if (level.contains(u'+') && level != u"+")
            return false;
    }
    return true;
}

bool matchLevels(const QStringList &filter, qsizetype f, const QStringList &topic, qsizetype t)
{
    if (f == filter.size())
        return t == topic.size();
    if (filter[f] == u"#")
        return true; // this level and all below, or none ("a/#" matches "a")
    if (t == topic.size())
        return false;
    if (filter[f] == u"+" || filter[f] == topic[t])
        return matchLevels(filter, f + 1, topic, t + 1);
    return false;
}

bool referenceMatches(const QString &filter, const QString &topic)
{
    const QStringList f = filter.split(u'/');
    const QStringList t = topic.split(u'/');
    // [MQTT-4.7.2-1] a first-level wildcard does not match a topic starting with '$'.
    if (topic.startsWith(u'$') && (f[0] == u"+" || f[0] == u"#"))
        return false;
    return matchLevels(f, 0, t, 0);
}

QString toText(const std::string &bytes, bool utf16)
{
    if (!utf16)
        return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
    QString text;
    for (size_t i = 0; i + 1 < bytes.size(); i += 2)
        text.append(QChar(char16_t(quint8(bytes[i]) | (quint8(bytes[i + 1]) << 8))));
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider provider(data, size);
    const quint8 mode = provider.ConsumeIntegral<quint8>();
    const std::string filterBytes = provider.ConsumeRandomLengthString();
    const std::string topicBytes = provider.ConsumeRemainingBytesAsString();

    for (const std::string &bytes : {filterBytes, topicBytes}) {
        const QByteArrayView view(bytes.data(), qsizetype(bytes.size()));
        if (isValidUtf8String(view) != referenceUtf8(bytes))
            fail("UTF-8 rule differs from the reference on",
                 QString::fromLatin1(QByteArray(bytes.data(), qsizetype(bytes.size())).toHex()));
    }

    const bool utf16 = mode & 1;
    const QString filter = toText(filterBytes, utf16);
    const QString topic = toText(topicBytes, utf16);
    const bool filterValid = !validateTopicFilter(filter);
    const bool topicValid = !validateTopicName(topic);
    if (filterValid != referenceTopicFilter(filter))
        fail("topic filter rule differs from the reference on", filter);
    if (topicValid != referenceTopicName(topic))
        fail("topic name rule differs from the reference on", topic);
    // A topic name is also a filter that matches exactly itself.
    if (topicValid && (!referenceTopicFilter(topic) || !topicMatches(topic, topic)))
        fail("a topic name does not match itself", topic);
    if (filterValid && topicValid && topicMatches(filter, topic) != referenceMatches(filter, topic))
        fail("matching differs from the reference on", filter, topic);
    return 0;
}
