// SPDX-License-Identifier: Apache-2.0
// Decoding and encoding cost per message for each payload format (src/payload): ns per decode
// into the tree, per decode plus the one-line JSON that `sub --decode` prints, and per encode
// of the composer's (or `pub --encode`'s) text into the payload (thread CPU time, fastest of
// five rounds). Payloads are one sensor reading in each format (about the same
// content), Sparkplug B an NDATA of ten aliased metrics after its NBIRTH. Prints figures,
// asserts nothing.
#include "payloaddecoder.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>

#include <time.h>

using namespace Payload;

namespace {

double threadSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

struct Case
{
    QString name;
    QString spec;
    QString topic;
    QByteArray payload;
    QString input; // what the composer encodes into the payload; empty: not an encoder
};

QByteArray encoded(const PayloadDecoder &decoder, const QString &spec, const QString &json)
{
    const PayloadFormat::EncodeResult result =
            decoder.encode(*DecoderSpec::fromString(spec, nullptr), json);
    if (!result.isValid())
        qFatal("cannot encode %s: %s", qPrintable(spec), qPrintable(result.error));
    return result.bytes;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int iterations = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    PayloadDecoder decoder;
    if (!decoder.setProtoPaths({QStringLiteral(SWITCHBOARD_PAYLOAD_BENCH_PROTOS)}))
        qFatal("%s", qPrintable(decoder.protobufSchemas().errors().join(u'\n')));

    const QString reading = QStringLiteral(
            R"({"sensor": "boiler-7", "value": 21.5, "sequence": 123456, "samples": [1, -2, 300],
                "unit": "CELSIUS", "location": {"latitude": 48.1, "longitude": 11.6}})");
    QStringList metrics;
    QStringList aliases;
    for (int i = 0; i < 10; ++i) {
        metrics << QStringLiteral(R"({"name": "Metric%1", "alias": %1, "datatype": "Double",
                                     "value": %2.5})")
                           .arg(i)
                           .arg(i);
        aliases << QStringLiteral(R"({"alias": %1, "value": %2.25})").arg(i).arg(i);
    }
    const QString birth = QStringLiteral(R"({"seq": 0, "metrics": [{"name": "bdSeq",
        "datatype": "UInt64", "value": 0}, %1]})")
                                  .arg(metrics.join(u','));
    const QString node = QStringLiteral("spBv1.0/Bench/%1/Node");
    // NDATA's seq stays 1: the gap check still runs, and warns, on every message.
    const QByteArray data =
            encoded(decoder, QStringLiteral("sparkplug"),
                    QStringLiteral(R"({"seq": 1, "metrics": [%1]})").arg(aliases.join(u',')));
    decoder.decode(*DecoderSpec::fromString(u"sparkplug", nullptr), node.arg(u"NBIRTH"),
                   encoded(decoder, QStringLiteral("sparkplug"), birth));
    QString numbers;
    for (int i = 0; i < 64; ++i)
        numbers += (i ? QStringLiteral(",") : QString()) + QString::number(i * 0.5);

    const QByteArray cbor = encoded(decoder, QStringLiteral("cbor"), reading);
    const QString dataJson =
            QStringLiteral(R"({"seq": 1, "metrics": [%1]})").arg(aliases.join(u','));
    const QString numbersJson = u'[' + numbers + u']';
    const QList<Case> cases = {
            {QStringLiteral("text"), QStringLiteral("text"), QStringLiteral("t"), reading.toUtf8(),
             reading},
            {QStringLiteral("json"), QStringLiteral("json"), QStringLiteral("t"), reading.toUtf8(),
             reading},
            {QStringLiteral("hex"), QStringLiteral("hex"), QStringLiteral("t"), cbor,
             QString::fromLatin1(cbor.toHex(' '))},
            {QStringLiteral("base64"), QStringLiteral("base64"), QStringLiteral("t"), cbor,
             QString::fromLatin1(cbor.toBase64())},
            {QStringLiteral("cbor"), QStringLiteral("cbor"), QStringLiteral("t"), cbor, reading},
            {QStringLiteral("msgpack"), QStringLiteral("msgpack"), QStringLiteral("t"),
             encoded(decoder, QStringLiteral("msgpack"), reading), reading},
            {QStringLiteral("protobuf"), QStringLiteral("protobuf:acme.Reading"),
             QStringLiteral("t"),
             encoded(decoder, QStringLiteral("protobuf:acme.Reading"), reading), reading},
            {QStringLiteral("sparkplug NDATA"), QStringLiteral("sparkplug"), node.arg(u"NDATA"),
             data, dataJson},
            {QStringLiteral("numbers float32le"), QStringLiteral("numbers:float32le"),
             QStringLiteral("t"),
             encoded(decoder, QStringLiteral("numbers:float32le"), numbersJson), numbersJson},
            {QStringLiteral("guess (JSON)"), QString(), QStringLiteral("t"), reading.toUtf8(),
             QString()},
    };

    QTextStream out(stdout);
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
                    .arg(QStringLiteral("format"), -20)
                    .arg(QStringLiteral("bytes"), 6)
                    .arg(QStringLiteral("ns/decode"), 10)
                    .arg(QStringLiteral("ns/decode+JSON line"), 20)
                    .arg(QStringLiteral("ns/encode"), 10);
    for (const Case &each : cases) {
        const std::optional<DecoderSpec> spec =
                each.spec.isEmpty() ? std::nullopt : DecoderSpec::fromString(each.spec, nullptr);
        const auto decodeOnce = [&] {
            return spec ? decoder.decode(*spec, each.topic, each.payload)
                        : decoder.decode(each.topic, each.payload);
        };
        const DecodeResult check = decodeOnce();
        if (!check.isValid())
            qFatal("%s does not decode: %s", qPrintable(each.name), qPrintable(check.error));
        // The composer's text gives the same bytes (the Sparkplug B timestamp is "now").
        if (spec && !each.input.isEmpty() && spec->decoder != Decoder::Sparkplug &&
            decoder.encode(*spec, each.input).bytes != each.payload)
            qFatal("%s does not encode to the payload", qPrintable(each.name));
        // Decode, decode + JSON line, encode.
        double best[3] = {1e9, 1e9, 1e9};
        for (int round = 0; round < 5; ++round) {
            for (int mode = 0; mode < 3; ++mode) {
                if (mode == 2 && each.input.isEmpty())
                    continue;
                qsizetype sink = 0;
                const double start = threadSeconds();
                for (int i = 0; i < iterations; ++i) {
                    if (mode == 2) {
                        sink += decoder.encode(*spec, each.input).bytes.size();
                        continue;
                    }
                    const DecodeResult result = decodeOnce();
                    sink += mode == 1 ? result.toJsonLine().size() : result.root.children.size();
                }
                const double seconds = threadSeconds() - start;
                best[mode] = std::min(best[mode], seconds * 1e9 / iterations);
                if (sink < 0)
                    out << sink;
            }
        }
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                        .arg(each.name, -20)
                        .arg(each.payload.size(), 6)
                        .arg(best[0], 10, 'f', 0)
                        .arg(best[1], 20, 'f', 0)
                        .arg(each.input.isEmpty() ? QStringLiteral("-")
                                                  : QString::number(best[2], 'f', 0),
                             10);
        out.flush();
    }
    return 0;
}
