// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the number arrays (src/payload/numbercodec). Input: the first byte picks
// the format (its index in Payload::NumberFormat::names(), modulo their count: int8, uint8,
// int16le, int16be, ... float64be), the rest is the payload. A payload that is not a whole
// number of values must say where the remainder starts; one that is must print as JSON, and
// that JSON packed again in the format must give the same bytes, floats the same numbers (but
// for what JSON cannot hold exactly: NaN and the infinities print as strings, unsigned 64-bit
// numbers past 2^63 as doubles, and -0 reads back as 0).
#include "numbercodec.h"
#include "payloadfuzz.h"

#include <QStringList>

using namespace Payload;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QStringList names = NumberFormat::names();
    if (size == 0)
        return 0;
    const std::optional<NumberFormat> format =
            NumberFormat::fromName(names.at(data[0] % names.size()));
    if (!format)
        PayloadFuzz::fail("a listed number format has no format", {},
                          names.at(data[0] % names.size()));
    const QByteArrayView payload(data + 1, qsizetype(size - 1));
    const DecodeResult result = decodeNumbers(payload, *format);
    const QByteArray json = PayloadFuzz::checkResult(result, payload);
    if (!result.isValid()) {
        if (payload.size() % format->size == 0)
            PayloadFuzz::fail("whole numbers refused", payload, result.error);
        return 0;
    }
    if (payload.size() % format->size != 0)
        PayloadFuzz::fail("a remainder accepted", payload, QString::fromUtf8(json));
    // JSON holds what it can exactly: not NaN and the infinities (strings), and no unsigned
    // 64-bit number past 2^63 (a double).
    bool exact = !json.contains("NaN") && !json.contains("Infinity");
    for (const Node &number : result.root.children)
        exact = exact && !(number.kind == Node::Kind::UnsignedInteger &&
                           number.value.toULongLong() >= (quint64(1) << 63));
    const PayloadFormat::EncodeResult again = encodeNumbers(QString::fromUtf8(json), *format);
    // Floats compare as numbers: JSON has one zero ("-0" reads as the integer 0).
    const bool same =
            again.isValid() && (format->kind == NumberFormat::Kind::Float
                                        ? decodeNumbers(again.bytes, *format).toJsonLine() == json
                                        : again.bytes == payload);
    if (exact && !same)
        PayloadFuzz::fail("packing the decoded numbers again changed them", payload,
                          again.error + QStringLiteral("\n  json: ") + QString::fromUtf8(json) +
                                  QStringLiteral("\n  again: ") +
                                  QString::fromLatin1(again.bytes.toHex()));
    return 0;
}
