// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"
#include "payloadformat.h"

// CBOR (RFC 8949) with Qt's QCborStreamReader and QCborValue. Tags are shown as
// {"tag": n, "value": v} (the tags Qt understands keep their meaning in the type:
// "tag 1 (epoch date/time)").
namespace Payload {

// One CBOR data item filling the whole payload.
DecodeResult decodeCbor(QByteArrayView payload);
// JSON text to CBOR: objects to maps, arrays to arrays, integers stay integers.
PayloadFormat::EncodeResult encodeCbor(const QString &json);

} // namespace Payload
