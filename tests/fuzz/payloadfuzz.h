// SPDX-License-Identifier: Apache-2.0
#pragma once

// Shared by the payload fuzz targets (fuzz_payload_*): what every decode result must look
// like, and the round trip through the JSON a decoded payload is shown and exported as.

#include "decoded.h"
#include "payloadformat.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdio>
#include <cstdlib>
#include <functional>

namespace PayloadFuzz {

[[noreturn]] inline void fail(const char *what, QByteArrayView payload, const QString &detail = {})
{
    std::fprintf(
            stderr, "payload fuzz: %s\n  payload: %s\n  %s\n", what,
            payload.first(qMin<qsizetype>(payload.size(), 256)).toByteArray().toHex().constData(),
            qPrintable(detail));
    std::abort();
}

// A failure says why, where (an offset inside the payload, or -1) and carries the payload's
// hex for the view to fall back to; a success has no error. Either prints as one JSON line.
inline QByteArray checkResult(const Payload::DecodeResult &result, QByteArrayView payload)
{
    if (!result.isValid()) {
        if (result.errorOffset < -1 || result.errorOffset > payload.size())
            fail("error offset outside the payload", payload,
                 QStringLiteral("offset %1: %2").arg(result.errorOffset).arg(result.error));
        if (result.hex != PayloadFormat::toHex(payload))
            fail("a failure does not carry the payload's hex", payload, result.error);
    }
    const QByteArray line = result.toJsonLine();
    if (line.isEmpty() || line.contains('\n'))
        fail("the JSON line is empty or has a line break", payload, QString::fromUtf8(line));
    return line;
}

// How deep the tree goes (a scalar is 1).
inline int depth(const Payload::Node &node)
{
    int deepest = 0;
    for (const Payload::Node &child : node.children)
        deepest = qMax(deepest, depth(child));
    return deepest + 1;
}

using Encoder = std::function<PayloadFormat::EncodeResult(const QString &json)>;
using Decoder = std::function<Payload::DecodeResult(QByteArrayView payload)>;

// A decoded payload's JSON, encoded again in the same format and decoded, gives the same JSON:
// what the composer sends from a shown value is what was shown. (Only for trees of at most
// half the decoders' depth: a tag or an extension comes back as a map, two levels.)
inline void checkRoundTrip(const QByteArray &json, const Encoder &encode, const Decoder &decode,
                           QByteArrayView payload)
{
    const PayloadFormat::EncodeResult again = encode(QString::fromUtf8(json));
    if (!again.isValid())
        fail("the JSON of a decoded payload does not encode", payload,
             again.error + QStringLiteral("\n  json: ") + QString::fromUtf8(json.left(512)));
    const Payload::DecodeResult decoded = decode(again.bytes);
    if (!decoded.isValid())
        fail("what the encoder wrote does not decode", again.bytes, decoded.error);
    const QByteArray second = decoded.toJsonLine();
    if (second != json)
        fail("the round trip changed the value", payload,
             QStringLiteral("first:  %1\n  second: %2")
                     .arg(QString::fromUtf8(json.left(512)), QString::fromUtf8(second.left(512))));
}

} // namespace PayloadFuzz
