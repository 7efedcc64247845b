// SPDX-License-Identifier: Apache-2.0
// Codec micro-benchmark: ns per encode and per decode of a PUBLISH with a 64-byte payload
// (thread CPU time, fastest of five rounds), and heap allocations per operation, counted by
// replacing the global allocation functions in this binary. Prints figures, asserts nothing.
#include "allocationcounter.h"
#include "codec.h"
#include "message.h"

#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <time.h>

namespace {

struct Result
{
    double nsPerOperation = 0;
    double allocationsPerOperation = 0;
};

// CPU time of this thread: time spent descheduled on a busy machine does not count.
qint64 threadCpuNanoseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// The fastest of a few rounds: other processes only ever slow a round down.
template<typename Operation>
Result measure(qint64 iterations, Operation operation)
{
    constexpr int Rounds = 5;
    const qint64 perRound = std::max<qint64>(1, iterations / Rounds);
    for (qint64 i = 0; i < perRound / 10; ++i) // warm caches and buffers
        operation(i);
    Result best{1e18, 0};
    for (int round = 0; round < Rounds; ++round) {
        const quint64 allocationsBefore = allocationCount();
        const qint64 start = threadCpuNanoseconds();
        for (qint64 i = 0; i < perRound; ++i)
            operation(i);
        const qint64 ns = threadCpuNanoseconds() - start;
        const quint64 allocations = allocationCount() - allocationsBefore;
        best.nsPerOperation = std::min(best.nsPerOperation, double(ns) / double(perRound));
        best.allocationsPerOperation = double(allocations) / double(perRound);
    }
    return best;
}

// Keeps the optimiser from dropping a result.
volatile quint64 sink = 0;

} // namespace

int main(int argc, char *argv[])
{
    qint64 iterations = 5000000;
    if (argc > 1)
        iterations = std::max(1000LL, std::atoll(argv[1]));

    const QByteArray topic("switchboard/bench/codec");
    const QByteArray payload(64, 'x');
    QTextStream out(stdout);

    for (const Mqtt::QoS qos : {Mqtt::QoS::AtMostOnce, Mqtt::QoS::AtLeastOnce}) {
        QByteArray buffer;
        buffer.reserve(256);
        const Result encode = measure(iterations, [&](qint64 i) {
            buffer.resize(0); // keeps the capacity
            Mqtt::encodePublish(buffer, Mqtt::ProtocolVersion::V3_1_1, topic, payload, qos, false,
                                false, quint16((i & 0x7FFF) + 1));
            sink = sink + quint64(buffer.size());
        });

        // One frame as the frame reader yields it: flags and the body after the fixed header.
        QByteArray frame;
        Mqtt::encodePublish(frame, Mqtt::ProtocolVersion::V3_1_1, topic, payload, qos, false, false,
                            7);
        const quint8 flags = quint8(frame[0]) & 0x0F;
        const QByteArrayView body = QByteArrayView(frame).sliced(2); // 1-byte Remaining Length
        const Result decode = measure(iterations, [&](qint64) {
            const auto decoded = Mqtt::decodePublish(flags, body, Mqtt::ProtocolVersion::V3_1_1);
            sink = sink + quint64(decoded.packet.payload.size()) + decoded.packet.packetId +
                   (decoded.ok() ? 0 : 1);
        });

        // What the client hands to the application: the decoded view turned into a Message.
        // As Mqtt::Client does, the topic's QString is reused while the topic repeats, so the
        // payload's QByteArray is the one allocation a received message costs.
        QByteArray lastTopicUtf8;
        QString lastTopic;
        const Result toMessage = measure(iterations / 5, [&](qint64) {
            const auto decoded = Mqtt::decodePublish(flags, body, Mqtt::ProtocolVersion::V3_1_1);
            if (lastTopic.isNull() || decoded.packet.topic != QByteArrayView(lastTopicUtf8)) {
                lastTopicUtf8 = decoded.packet.topic.toByteArray();
                lastTopic = QString::fromUtf8(decoded.packet.topic);
            }
            Mqtt::Message message;
            message.topic = lastTopic;
            message.payload = decoded.packet.payload.toByteArray();
            message.qos = decoded.packet.qos;
            message.packetId = decoded.packet.packetId;
            sink = sink + quint64(message.topic.size() + message.payload.size());
        });

        char line[256];
        std::snprintf(line, sizeof line,
                      "{\"benchmark\":\"codec\",\"qos\":%d,\"payload\":64,\"frame_bytes\":%d,"
                      "\"iterations\":%lld,\"encode_ns\":%.1f,\"encode_allocs\":%.3f,"
                      "\"decode_ns\":%.1f,\"decode_allocs\":%.3f,"
                      "\"decode_to_message_ns\":%.1f,\"decode_to_message_allocs\":%.3f}",
                      int(qos), int(frame.size()), static_cast<long long>(iterations),
                      encode.nsPerOperation, encode.allocationsPerOperation, decode.nsPerOperation,
                      decode.allocationsPerOperation, toMessage.nsPerOperation,
                      toMessage.allocationsPerOperation);
        out << line << '\n';
    }
    return 0;
}
