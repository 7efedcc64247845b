// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "properties.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>

// Pure functions that turn payload bytes into text for the views and text from the publish
// composer into bytes.
namespace PayloadFormat {
Q_NAMESPACE

enum class Format { Text, Json, Hex, Base64 };
Q_ENUM_NS(Format)

// The payload as UTF-8 text; invalid sequences become U+FFFD and control characters other than
// newline and tab are shown as their visible Unicode symbols (U+2400 block), so the result is
// always safe to display as plain text.
QString toText(QByteArrayView payload);
// Indented JSON, or an empty string when the payload is not a JSON object or array.
QString toPrettyJson(QByteArrayView payload);
// "00000000  48 65 6c 6c 6f ...  |Hello...|": offset, 16 hex bytes, ASCII column.
QString toHexDump(QByteArrayView payload);
QString toBase64(QByteArrayView payload);
// The payload shown in the chosen format (falls back to text when JSON does not parse).
QString toDisplay(QByteArrayView payload, Format format);

// One line for a table cell: at most maxCharacters, control characters (newlines included)
// replaced, an ellipsis when cut. Never rich text.
QString preview(QByteArrayView payload, int maxCharacters = 100);

// Valid UTF-8 whose characters are printable or whitespace.
bool isPrintableUtf8(QByteArrayView payload);
bool isValidUtf8(QByteArrayView payload);
// JSON if it parses, text if printable UTF-8 (or empty), otherwise hex.
Format sniff(QByteArrayView payload);

// The publish composer's text turned into bytes.
struct EncodeResult
{
    QByteArray bytes;
    QString error; // empty when valid
    int errorOffset = -1; // character offset of the problem in the input, -1 if none
    bool isValid() const { return error.isEmpty(); }
};
// Text: UTF-8 as typed. Json: validated (error with its offset), sent as typed. Hex: pairs of
// hex digits, whitespace and an optional "0x" prefix ignored. Base64: standard or URL alphabet,
// validated.
EncodeResult encode(const QString &input, Format format);

// Binary data such as a 5.0 Correlation Data: the text when it is printable UTF-8 on one line,
// otherwise "hex: 0a1b..." (never rich text). Mqtt::Properties::binaryText() in the GUI's
// notation.
QString binaryText(QByteArrayView data);
// Lowercase hex digits, no separators.
QString toHex(QByteArrayView data);

// One line of a 5.0 property list as the detail view shows it.
using PropertyText = Mqtt::PropertyText;
// Mqtt::Properties::describe() with binary data in the GUI's notation ("hex: 0a1b").
QList<PropertyText> describeProperties(const Mqtt::Properties &properties);

} // namespace PayloadFormat
