// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"
#include "payloadformat.h"

#include <QJsonValue>

#include <optional>

// Text, JSON, hex and Base64 as decoders, on top of PayloadFormat (the views' text forms).
namespace Payload {

// The payload as text; not valid UTF-8 gives a warning, never a failure.
DecodeResult decodeText(QByteArrayView payload);
// Any JSON value (also a bare number or string, as sensors often send), or the parser's
// reason and offset.
DecodeResult decodeJson(QByteArrayView payload);
// The bytes as one lowercase hex string.
DecodeResult decodeHex(QByteArrayView payload);
DecodeResult decodeBase64(QByteArrayView payload);

// Any JSON value from text; on failure reason and character offset.
std::optional<QJsonValue> parseJson(QByteArrayView json, QString *reason, qsizetype *offset);
// The composer's or the CLI's JSON for an encoder: the value, or nothing with result's error
// and character offset set.
std::optional<QJsonValue> parseJsonInput(const QString &json, PayloadFormat::EncodeResult *result);

} // namespace Payload
