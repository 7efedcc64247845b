// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the MessagePack decoder (src/payload/msgpackcodec). Input: the payload.
// A payload that does not decode must say why and where; one that does must print as JSON,
// and that JSON encoded as MessagePack again must decode to the same JSON.
#include "msgpackcodec.h"
#include "payloadfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView payload(data, qsizetype(size));
    const Payload::DecodeResult result = Payload::decodeMessagePack(payload);
    const QByteArray json = PayloadFuzz::checkResult(result, payload);
    // The decoders cut what is deeper than 200 levels.
    if (result.isValid() && PayloadFuzz::depth(result.root) <= 100)
        PayloadFuzz::checkRoundTrip(json, Payload::encodeMessagePack, Payload::decodeMessagePack,
                                    payload);
    return 0;
}
