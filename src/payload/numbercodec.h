// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"
#include "payloadformat.h"

#include <optional>

// Arrays of fixed-size numbers: int8 .. int64, uint8 .. uint64, float32 and float64, little or
// big endian, named as the CLI and the rules spell them: "int16le", "float32be", "uint8".
namespace Payload {

struct NumberFormat
{
    enum class Kind { Signed, Unsigned, Float };
    Kind kind = Kind::Unsigned;
    int size = 1; // bytes per number: 1, 2, 4 or 8
    QSysInfo::Endian endian = QSysInfo::LittleEndian;

    static std::optional<NumberFormat> fromName(QStringView name);
    QString name() const;
    static QStringList names();
};

// The payload as numbers; a payload that is not a whole number of them says where the
// remainder starts.
DecodeResult decodeNumbers(QByteArrayView payload, const NumberFormat &format);
// A JSON array of numbers (or one number) packed in the format; refuses values out of range.
PayloadFormat::EncodeResult encodeNumbers(const QString &json, const NumberFormat &format);
// The same from values already parsed (Sparkplug B arrays).
Node numbersNode(QByteArrayView bytes, const NumberFormat &format);

} // namespace Payload
