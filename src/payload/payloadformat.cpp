// SPDX-License-Identifier: Apache-2.0
#include "payloadformat.h"

#include "properties.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace PayloadFormat {

namespace {

// Visible stand-in for a control character: U+2400 + code for C0, U+2421 for DEL, and the
// replacement character for C1 controls.
QChar controlSymbol(char16_t c)
{
    if (c < 0x20)
        return QChar(char16_t(0x2400 + c));
    if (c == 0x7f)
        return QChar(char16_t(0x2421));
    return QChar(QChar::ReplacementCharacter);
}

bool isControl(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
}

QString decodeUtf8(QByteArrayView payload, bool *valid)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(payload);
    if (valid)
        *valid = !decoder.hasError();
    return text;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

// Character offset in the UTF-16 input of a byte offset in its UTF-8 form.
int characterOffset(const QString &input, int byteOffset)
{
    return int(QString::fromUtf8(input.toUtf8().left(byteOffset)).size());
}

} // namespace

bool isValidUtf8(QByteArrayView payload)
{
    bool valid = false;
    decodeUtf8(payload, &valid);
    return valid;
}

bool isPrintableUtf8(QByteArrayView payload)
{
    bool valid = false;
    const QString text = decodeUtf8(payload, &valid);
    if (!valid)
        return false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '\n' || u == '\r' || u == '\t')
            continue;
        if (isControl(u))
            return false;
    }
    return true;
}

QString toText(QByteArrayView payload)
{
    QString text = decodeUtf8(payload, nullptr);
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u != '\n' && u != '\t' && isControl(u))
            c = controlSymbol(u);
    }
    return text;
}

QString toPrettyJson(QByteArrayView payload)
{
    // Qt's parser says whether it is JSON (an object or an array); the text shown is the
    // payload's own, indented: its keys in their order, a key given twice twice, its numbers
    // and escapes as written (Qt's writer sorts keys, keeps one of a pair and rounds integers
    // beyond 64 bits). Four spaces a level, "key": value, a line each, like Qt's.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return QString();
    QByteArray out;
    out.reserve(payload.size() * 2);
    int depth = 0;
    const auto newLine = [&out, &depth] {
        out += '\n';
        out.append(4 * depth, ' ');
    };
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    const qsizetype size = payload.size();
    const auto nextSignificant = [&](qsizetype from) {
        while (from < size && isSpace(payload[from]))
            ++from;
        return from < size ? payload[from] : '\0';
    };
    for (qsizetype i = 0; i < size; ++i) {
        const char c = payload[i];
        switch (c) {
        case '{':
        case '[': {
            const char close = c == '{' ? '}' : ']';
            out += c;
            if (nextSignificant(i + 1) == close) {
                while (payload[++i] != close) { }
                out += close;
                break;
            }
            ++depth;
            newLine();
            break;
        }
        case '}':
        case ']':
            --depth;
            newLine();
            out += c;
            break;
        case ',':
            out += c;
            newLine();
            break;
        case ':':
            out += ": ";
            break;
        case '"': {
            // The string as written, escapes and all (validated: it is closed).
            const qsizetype start = i;
            for (++i; payload[i] != '"'; ++i) {
                if (payload[i] == '\\')
                    ++i;
            }
            out.append(payload.data() + start, i - start + 1);
            break;
        }
        default:
            if (!isSpace(c))
                out += c; // numbers, true, false, null
            break;
        }
    }
    out += '\n';
    return QString::fromUtf8(out);
}

QString toHexDump(QByteArrayView payload)
{
    static const char digits[] = "0123456789abcdef";
    constexpr int perLine = 16;
    QString out;
    out.reserve(int((payload.size() / perLine + 1) * 80));
    for (qsizetype offset = 0; offset < payload.size(); offset += perLine) {
        out += QStringLiteral("%1 ").arg(qulonglong(offset), 8, 16, QLatin1Char('0'));
        QString ascii;
        for (int i = 0; i < perLine; ++i) {
            if (i == 8)
                out += QLatin1Char(' ');
            if (offset + i < payload.size()) {
                const auto byte = quint8(payload[offset + i]);
                out += QLatin1Char(' ');
                out += QLatin1Char(digits[byte >> 4]);
                out += QLatin1Char(digits[byte & 0xf]);
                ascii += (byte >= 0x20 && byte < 0x7f) ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QLatin1String("   ");
            }
        }
        out += QLatin1String("  |") + ascii + QLatin1String("|\n");
    }
    return out;
}

QString toBase64(QByteArrayView payload)
{
    return QString::fromLatin1(payload.toByteArray().toBase64());
}

QString toDisplay(QByteArrayView payload, Format format)
{
    switch (format) {
    case Format::Json: {
        const QString json = toPrettyJson(payload);
        return json.isNull() ? toText(payload) : json;
    }
    case Format::Hex:
        return toHexDump(payload);
    case Format::Base64:
        return toBase64(payload);
    case Format::Text:
        break;
    }
    return toText(payload);
}

QString preview(QByteArrayView payload, int maxCharacters)
{
    // Decode a little more than needed: at most 4 bytes per character.
    const qsizetype bytes = qMin<qsizetype>(payload.size(), qsizetype(maxCharacters) * 4 + 4);
    // Stateful: a character cut in half at the end of the prefix is not an error.
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(payload.first(bytes));
    if (decoder.hasError()) {
        // Binary: replacement characters say nothing, hex digits do.
        const qsizetype shown = qMin<qsizetype>(payload.size(), qMax(1, (maxCharacters - 2) / 2));
        text = QStringLiteral("0x") +
               QString::fromLatin1(payload.first(shown).toByteArray().toHex());
        if (shown < payload.size())
            text += QChar(0x2026);
        return text;
    }
    bool cut = bytes < payload.size();
    if (text.size() > maxCharacters) {
        text.truncate(maxCharacters);
        // Do not leave half a surrogate pair behind.
        if (!text.isEmpty() && text.back().isHighSurrogate())
            text.chop(1);
        cut = true;
    }
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (isControl(u))
            c = controlSymbol(u);
    }
    if (cut)
        text += QChar(0x2026);
    return text;
}

Format sniff(QByteArrayView payload)
{
    if (payload.isEmpty())
        return Format::Text;
    const char first = payload.front();
    // Only objects and arrays count as JSON; "12" or "true" are better shown as text.
    if (first == '{' || first == '[' || first == ' ' || first == '\n' || first == '\t' ||
        first == '\r') {
        if (!toPrettyJson(payload).isNull())
            return Format::Json;
    }
    if (isPrintableUtf8(payload))
        return Format::Text;
    return Format::Hex;
}

EncodeResult encode(const QString &input, Format format)
{
    EncodeResult result;
    switch (format) {
    case Format::Text:
        result.bytes = input.toUtf8();
        break;
    case Format::Json: {
        const QByteArray utf8 = input.toUtf8();
        QJsonParseError error;
        QJsonDocument::fromJson(utf8, &error);
        if (error.error != QJsonParseError::NoError) {
            result.errorOffset = characterOffset(input, error.offset);
            result.error =
                    QCoreApplication::translate("PayloadFormat", "Invalid JSON at character %1: %2")
                            .arg(result.errorOffset)
                            .arg(error.errorString());
        } else {
            result.bytes = utf8;
        }
        break;
    }
    case Format::Hex: {
        int high = -1;
        int highOffset = -1;
        for (int i = 0; i < input.size(); ++i) {
            const QChar c = input.at(i);
            if (c.isSpace())
                continue;
            // An optional 0x prefix on each group: "0x" followed by a hex digit.
            if (high < 0 && c == QLatin1Char('0') && i + 1 < input.size() &&
                (input.at(i + 1) == QLatin1Char('x') || input.at(i + 1) == QLatin1Char('X'))) {
                ++i;
                continue;
            }
            const int value = hexValue(c);
            if (value < 0) {
                result.errorOffset = i;
                result.error = QCoreApplication::translate("PayloadFormat",
                                                           "Invalid hex digit '%1' at character %2")
                                       .arg(c)
                                       .arg(i);
                result.bytes.clear();
                return result;
            }
            if (high < 0) {
                high = value;
                highOffset = i;
            } else {
                result.bytes.append(char((high << 4) | value));
                high = -1;
            }
        }
        if (high >= 0) {
            result.errorOffset = highOffset;
            result.error = QCoreApplication::translate(
                                   "PayloadFormat",
                                   "Odd number of hex digits: the digit at character %1 has "
                                   "no pair")
                                   .arg(highOffset);
            result.bytes.clear();
        }
        break;
    }
    case Format::Base64: {
        QByteArray compact;
        compact.reserve(input.size());
        for (int i = 0; i < input.size(); ++i) {
            const QChar c = input.at(i);
            if (c.isSpace())
                continue;
            const char16_t u = c.unicode();
            const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                            (u >= '0' && u <= '9') || u == '+' || u == '/' || u == '-' ||
                            u == '_' || u == '=';
            if (!ok) {
                result.errorOffset = i;
                result.error =
                        QCoreApplication::translate("PayloadFormat",
                                                    "Invalid base64 character '%1' at character %2")
                                .arg(c)
                                .arg(i);
                return result;
            }
            compact.append(char(u));
        }
        const auto decoded = QByteArray::fromBase64Encoding(
                compact, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
        const auto decodedUrl =
                decoded ? decoded
                        : QByteArray::fromBase64Encoding(
                                  compact, QByteArray::Base64UrlEncoding |
                                                   QByteArray::AbortOnBase64DecodingErrors);
        if (!decodedUrl) {
            result.error = QCoreApplication::translate("PayloadFormat",
                                                       "Invalid base64: wrong length or padding");
            return result;
        }
        result.bytes = decodedUrl.decoded;
        break;
    }
    }
    return result;
}

QString toHex(QByteArrayView data)
{
    return QString::fromLatin1(QByteArray(data.data(), data.size()).toHex());
}

QString binaryText(QByteArrayView data)
{
    return Mqtt::Properties::binaryText(data, Mqtt::BinaryNotation::Labelled);
}

QList<PropertyText> describeProperties(const Mqtt::Properties &properties)
{
    return properties.describe(Mqtt::BinaryNotation::Labelled);
}

} // namespace PayloadFormat
