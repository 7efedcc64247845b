// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"
#include "payloadformat.h"

// MessagePack with msgpack-cxx (Debian's libmsgpack-cxx-dev). Extension types are shown as
// {"ext": type, "value": bytes}, the timestamp extension (-1) also as its time.
namespace Payload {

// One MessagePack object filling the whole payload.
DecodeResult decodeMessagePack(QByteArrayView payload);
// JSON text to MessagePack: integers as the smallest integer format, other numbers as
// float 64.
PayloadFormat::EncodeResult encodeMessagePack(const QString &json);

} // namespace Payload
