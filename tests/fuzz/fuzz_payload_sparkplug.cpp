// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: a Sparkplug B session (src/payload/sparkplugcodec) fed a sequence of
// messages, as one connection sees them. Input: records of [topic: 1 byte][length: 2 bytes,
// big endian][payload: length bytes] (the last record takes what is left); the topic byte
// picks one of the topics below (modulo their count): an edge node's and a device's births,
// data, deaths and commands, a second node, STATE in 3.0 and 2.2, and topics that are not
// Sparkplug. Every result must say why it failed or print as JSON; the session's structure
// must stay consistent (sequence numbers 0..255, devices only under nodes).
#include "payloadfuzz.h"
#include "sparkplugcodec.h"

#include <iterator>

using namespace Payload;

namespace {

const char *const Topics[] = {
        "spBv1.0/Plant1/NBIRTH/Gateway7",
        "spBv1.0/Plant1/NDATA/Gateway7",
        "spBv1.0/Plant1/NDEATH/Gateway7",
        "spBv1.0/Plant1/NCMD/Gateway7",
        "spBv1.0/Plant1/DBIRTH/Gateway7/Pump1",
        "spBv1.0/Plant1/DDATA/Gateway7/Pump1",
        "spBv1.0/Plant1/DDEATH/Gateway7/Pump1",
        "spBv1.0/Plant1/DCMD/Gateway7/Pump1",
        "spBv1.0/Plant2/NBIRTH/Gateway8",
        "spBv1.0/Plant2/NDATA/Gateway8",
        "spBv1.0/STATE/host1",
        "STATE/host1",
        "spBv1.0/Plant1/NOPE/Gateway7",
        "spBv1.0/Plant1",
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    SparkplugSession session;
    size_t at = 0;
    while (at < size) {
        const QString topic = QString::fromLatin1(Topics[data[at] % std::size(Topics)]);
        size_t length = 0;
        if (at + 3 <= size)
            length = (size_t(data[at + 1]) << 8) | data[at + 2];
        at = qMin(at + 3, size);
        length = qMin(length, size - at);
        const QByteArrayView payload(data + at, qsizetype(length));
        at += length;
        PayloadFuzz::checkResult(session.decode(topic, payload), payload);
    }
    for (const SparkplugEdgeNode &node : session.edgeNodes()) {
        if (node.seq < -1 || node.seq > 255)
            PayloadFuzz::fail("a sequence number outside 0..255",
                              QByteArrayView(data, qsizetype(size)),
                              QStringLiteral("%1/%2: %3").arg(node.group, node.id).arg(node.seq));
    }
    return 0;
}
