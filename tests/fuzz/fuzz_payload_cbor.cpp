// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the CBOR decoder (src/payload/cborcodec). Input: the payload. A payload
// that does not decode must say why and where; one that does must print as JSON, and that
// JSON encoded as CBOR again must decode to the same JSON.
#include "cborcodec.h"
#include "payloadfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView payload(data, qsizetype(size));
    const Payload::DecodeResult result = Payload::decodeCbor(payload);
    const QByteArray json = PayloadFuzz::checkResult(result, payload);
    // The decoders cut what is deeper than 200 levels.
    if (result.isValid() && PayloadFuzz::depth(result.root) <= 100)
        PayloadFuzz::checkRoundTrip(json, Payload::encodeCbor, Payload::decodeCbor, payload);
    return 0;
}
