// SPDX-License-Identifier: Apache-2.0
#include "boundeddisplay.h"

#include <QCoreApplication>
#include <QLocale>

namespace PayloadFormat {

namespace {

// A prefix of at most limit bytes that does not end inside a UTF-8 sequence.
qsizetype utf8Prefix(QByteArrayView payload, qsizetype limit)
{
    if (limit >= payload.size())
        return payload.size();
    qsizetype end = limit;
    // Back to the lead byte of the sequence the limit cuts (continuation bytes are 10xxxxxx).
    while (end > 0 && end > limit - 4 && (quint8(payload[end]) & 0xc0) == 0x80)
        --end;
    return end;
}

bool mayBeJson(QByteArrayView payload)
{
    if (payload.isEmpty())
        return false;
    const char first = payload.front();
    return first == '{' || first == '[' || first == ' ' || first == '\n' || first == '\t' ||
           first == '\r';
}

} // namespace

Format resolveFormat(QByteArrayView payload, std::optional<Format> format)
{
    if (format)
        return *format;
    return sniff(payload);
}

bool breakLongLines(QString *text, int length)
{
    qsizetype lineStart = 0;
    bool broken = false;
    QString out;
    for (qsizetype i = 0; i < text->size(); ++i) {
        if (text->at(i) == QLatin1Char('\n')) {
            lineStart = i + 1;
            continue;
        }
        if (i - lineStart >= length) {
            if (!broken) {
                out.reserve(text->size() + text->size() / length + 1);
                out = text->left(i);
                broken = true;
            }
            out += QLatin1Char('\n');
            lineStart = i;
        }
        if (broken)
            out += text->at(i);
    }
    if (broken)
        *text = std::move(out);
    return broken;
}

QStringList splitIntoPieces(const QString &text, int length)
{
    QStringList pieces;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = qMin(text.size(), start + length);
        if (end < text.size()) {
            // After the last line break of the piece, unless that leaves it too short.
            const qsizetype newline = text.lastIndexOf(QLatin1Char('\n'), end - 1);
            if (newline >= start + length / 2)
                end = newline + 1;
            // Never between the halves of a surrogate pair.
            else if (text.at(end - 1).isHighSurrogate())
                --end;
        }
        pieces << text.mid(start, end - start);
        start = end;
    }
    return pieces;
}

BoundedDisplay toBoundedDisplay(QByteArrayView payload, std::optional<Format> format,
                                qsizetype limit)
{
    BoundedDisplay display;
    display.total = payload.size();
    QString json;
    if (!format || *format == Format::Json) {
        // Parsed once: it tells whether the payload is JSON and gives its pretty text.
        if (format || mayBeJson(payload))
            json = toPrettyJson(payload);
        display.format = !json.isNull() ? Format::Json
                         : format ? Format::Text // asked for JSON: text when it does not parse
                         : isPrintableUtf8(payload) ? Format::Text
                                                    : Format::Hex;
    } else {
        display.format = *format;
    }
    qsizetype shownBytes = 0;
    switch (display.format) {
    case Format::Json: {
        display.total = json.size();
        qsizetype end = qMin(json.size(), limit);
        if (end < json.size()) {
            const qsizetype newline = json.lastIndexOf(QLatin1Char('\n'), end - 1);
            if (newline > 0)
                end = newline + 1;
        }
        display.text = json.left(end);
        display.shown = end;
        display.linesBroken = breakLongLines(&display.text);
        return display;
    }
    case Format::Text:
        shownBytes = utf8Prefix(payload, limit);
        display.text = toText(payload.first(shownBytes));
        break;
    case Format::Hex:
        shownBytes = qMin(payload.size(), limit - limit % 16);
        display.text = toHexDump(payload.first(shownBytes));
        break;
    case Format::Base64:
        shownBytes = qMin(payload.size(), limit - limit % 3);
        display.text = toBase64(payload.first(shownBytes));
        break;
    }
    display.shown = shownBytes;
    display.linesBroken = breakLongLines(&display.text);
    return display;
}

QStringList toDisplayPieces(QByteArrayView payload, Format format, bool *linesBroken)
{
    QString text = toDisplay(payload, format);
    const bool broken = breakLongLines(&text);
    if (linesBroken)
        *linesBroken = broken;
    return splitIntoPieces(text);
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString notice(const BoundedDisplay &display)
{
    QString text;
    if (display.isComplete()) {
        text = QCoreApplication::translate("PayloadFormat", "Showing all %1")
                       .arg(sizeText(display.total));
    } else if (display.format == Format::Json) {
        text = QCoreApplication::translate("PayloadFormat",
                                           "Showing %1 of %2 of pretty-printed JSON")
                       .arg(sizeText(display.shown), sizeText(display.total));
    } else {
        text = QCoreApplication::translate("PayloadFormat", "Showing %1 of %2")
                       .arg(sizeText(display.shown), sizeText(display.total));
    }
    if (display.linesBroken)
        text += QLatin1String("; ") +
                QCoreApplication::translate("PayloadFormat",
                                            "lines longer than %L1 characters are broken")
                        .arg(DisplayLineLength);
    return text;
}

} // namespace PayloadFormat
