// SPDX-License-Identifier: Apache-2.0
#include "packetfilterproxymodel.h"
#include "packetlogexporter.h"
#include "packetlogmodel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Mqtt;
using T = PacketType;
using Status = PacketLogModel::Status;

namespace {

constexpr qint64 Ms = 1000000; // ns

// Frames written byte by byte from the specification (chapter 3), independent of the codec.
QByteArray frame(quint8 first, const QByteArray &body)
{
    QByteArray bytes(1, char(first));
    bytes += char(body.size()); // bodies here stay under 128 bytes
    return bytes + body;
}
QByteArray id(quint16 value)
{
    QByteArray bytes;
    bytes += char(value >> 8);
    bytes += char(value & 0xFF);
    return bytes;
}
QByteArray utf8String(const QByteArray &utf8)
{
    return id(quint16(utf8.size())) + utf8;
}
QByteArray publish(const QByteArray &topic, int qos, quint16 packetId, bool dup = false,
                   bool retain = false)
{
    const quint8 flags = quint8((dup ? 0x8 : 0) | (qos << 1) | (retain ? 1 : 0));
    return frame(0x30 | flags,
                 utf8String(topic) + (qos > 0 ? id(packetId) : QByteArray()) + "payload");
}
QByteArray ack(T type, quint16 packetId)
{
    return frame(quint8(quint8(type) << 4) | (type == T::Pubrel ? 0x2 : 0), id(packetId));
}
QByteArray subscribe(quint16 packetId, const QByteArray &filter, quint8 qos)
{
    return frame(0x82, id(packetId) + utf8String(filter) + char(qos));
}
QByteArray suback(quint16 packetId, quint8 code)
{
    return frame(0x90, id(packetId) + char(code));
}

} // namespace

class TestPacketLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void headerFields();
    void summaryLines_data();
    void summaryLines();
    void pairsQos1WithLatency();
    void pairsIncomingQos2();
    void subscribeAndReasonInWords();
    void unansweredAfterTimeout();
    void lateAnswerStillPairs();
    void idUsedAgainMarksTheOldRequest();
    void boundByCount();
    void boundByBytes();
    void answerOfATrimmedRequest();
    void proxyFilters();
    void jsonLinesRoundTrip();
    void badJsonLinesSayWhichLine();

private:
    void add(PacketDirection direction, const QByteArray &bytes, qint64 atNs,
             ProtocolVersion version = ProtocolVersion::V3_1_1)
    {
        m_model->append(
                PacketTrace::fromFrame(direction, version, bytes, atNs, 1700000000000 + atNs / Ms));
    }
    QString text(int row, int column) const
    {
        return m_model->index(row, column).data().toString();
    }

    std::unique_ptr<PacketLogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestPacketLogModel::init()
{
    m_model = std::make_unique<PacketLogModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TestPacketLogModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestPacketLogModel::headerFields()
{
    const PacketTrace trace =
            PacketTrace::fromFrame(PacketDirection::Received, ProtocolVersion::V3_1_1,
                                   publish("a/b", 1, 0x1234, true, true), 5, 7);
    QCOMPARE(trace.type, T::Publish);
    QCOMPARE(trace.packetId, quint16(0x1234));
    QCOMPARE(trace.qos(), QoS::AtLeastOnce);
    QVERIFY(trace.dup());
    QVERIFY(trace.retain());
    QVERIFY(!trace.hasReasonCode);
    QCOMPARE(trace.topic(), u"a/b"_qs);
    QCOMPARE(trace.payload(), QByteArray("payload"));
    QCOMPARE(trace.size(), 2 + 5 + 2 + 7);
    QCOMPARE(trace.decodeProblem(), QString());
    // CONNACK 3.1.1: session present; a refusal (return code 5).
    const PacketTrace resumed =
            PacketTrace::fromFrame(PacketDirection::Received, ProtocolVersion::V3_1_1,
                                   frame(0x20, QByteArray("\x01\x00", 2)), 0, 0);
    QVERIFY(resumed.sessionPresent);
    QCOMPARE(resumed.reasonCode, quint8(0));
    const PacketTrace connack =
            PacketTrace::fromFrame(PacketDirection::Received, ProtocolVersion::V3_1_1,
                                   frame(0x20, QByteArray("\x00\x05", 2)), 0, 0);
    QVERIFY(!connack.sessionPresent);
    QCOMPARE(connack.reasonCode, quint8(5));
    QCOMPARE(reasonCodeWords(T::Connack, ProtocolVersion::V3_1_1, 5), u"Not authorized"_qs);
    // A frame the codec refuses still gives a trace that says why.
    const PacketTrace bad = PacketTrace::fromFrame(
            PacketDirection::Received, ProtocolVersion::V3_1_1, frame(0x40, "\x01"), 0, 0);
    QCOMPARE(bad.type, T::Puback);
    QVERIFY(!bad.decodeProblem().isEmpty());
}

void TestPacketLogModel::summaryLines_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("summary");
    const int v311 = int(ProtocolVersion::V3_1_1);
    const int v5 = int(ProtocolVersion::V5);
    QTest::newRow("suback") << suback(1, 1) << v311 << u"SUBACK id=1 rc=granted-qos-1 5B"_qs;
    QTest::newRow("suback failure") << suback(2, 0x80) << v311 << u"SUBACK id=2 rc=failure 5B"_qs;
    QTest::newRow("publish qos 0") << publish("t", 0, 0) << v311 << u"PUBLISH q=0 r=0 d=0 12B"_qs;
    QTest::newRow("publish dup retain")
            << publish("t", 2, 9, true, true) << v311 << u"PUBLISH id=9 q=2 r=1 d=1 14B"_qs;
    QTest::newRow("puback 3.1.1") << ack(T::Puback, 3) << v311 << u"PUBACK id=3 4B"_qs;
    QTest::newRow("puback 5.0 short") << ack(T::Puback, 3) << v5 << u"PUBACK id=3 rc=success 4B"_qs;
    QTest::newRow("puback 5.0 no subscribers")
            << frame(0x40, id(3) + '\x10') << v5 << u"PUBACK id=3 rc=no-matching-subscribers 5B"_qs;
    QTest::newRow("connack 3.1.1")
            << frame(0x20, QByteArray(2, '\0')) << v311 << u"CONNACK rc=accepted sp=0 4B"_qs;
    QTest::newRow("connack 5.0 refused") << frame(0x20, QByteArray("\x00\x87\x00", 3)) << v5
                                         << u"CONNACK rc=not-authorized sp=0 5B"_qs;
    QTest::newRow("pingreq") << frame(0xC0, {}) << v311 << u"PINGREQ 2B"_qs;
    QTest::newRow("disconnect 5.0")
            << frame(0xE0, {}) << v5 << u"DISCONNECT rc=normal-disconnection 2B"_qs;
    QTest::newRow("unsuback 5.0 two codes")
            << frame(0xB0, id(4) + QByteArray("\x00\x00\x11", 3)) << v5
            << u"UNSUBACK id=4 rc=success,no-subscription-existed 7B"_qs;
}

void TestPacketLogModel::summaryLines()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, version);
    QFETCH(QString, summary);
    const PacketTrace trace = PacketTrace::fromFrame(PacketDirection::Received,
                                                     ProtocolVersion(version), bytes, 0, 0);
    QCOMPARE(packetSummary(trace), summary);
    QVERIFY(QRegularExpression(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d recv "_qs)
                    .match(packetTraceLine(trace))
                    .hasMatch());
    QVERIFY(packetTraceLine(trace).endsWith(summary));
}

void TestPacketLogModel::pairsQos1WithLatency()
{
    add(PacketDirection::Sent, publish("a", 1, 1), 10 * Ms);
    add(PacketDirection::Received, ack(T::Puback, 1), 10 * Ms + 1500000);
    QCOMPARE(m_model->rowCount(), 0); // batched
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->statusAt(0), Status::Answered);
    QCOMPARE(m_model->pairAt(0), m_model->sequenceAt(1));
    QCOMPARE(m_model->pairAt(1), m_model->sequenceAt(0));
    QCOMPARE(m_model->latencyAt(1), 1500000);
    QCOMPARE(text(1, PacketLogModel::LatencyColumn), u"1.50 ms"_qs);
    QCOMPARE(text(0, PacketLogModel::PairColumn),
             QStringLiteral("answered by #%1").arg(m_model->sequenceAt(1)));
    QCOMPARE(text(1, PacketLogModel::PairColumn),
             QStringLiteral("answers #%1").arg(m_model->sequenceAt(0)));
    QCOMPARE(text(0, PacketLogModel::FlagsColumn), u"QoS 1"_qs);
    QCOMPARE(text(0, PacketLogModel::TopicColumn), u"a"_qs);
    QCOMPARE(text(0, PacketLogModel::TypeColumn), u"PUBLISH"_qs);
    QCOMPARE(text(0, PacketLogModel::DirectionColumn), u"send"_qs);
    QCOMPARE(text(1, PacketLogModel::SizeColumn), u"4 B"_qs);
    QVERIFY(text(0, PacketLogModel::TimeColumn).contains(QLatin1Char(':')));
    QVERIFY(m_model->index(0, 0)
                    .data(PacketLogModel::HexRole)
                    .toString()
                    .startsWith(u"00000000  32 0c 00 01 61 00 01"_qs));
}

void TestPacketLogModel::pairsIncomingQos2()
{
    add(PacketDirection::Received, publish("in", 2, 7), 0);
    add(PacketDirection::Sent, ack(T::Pubrec, 7), 1 * Ms);
    add(PacketDirection::Received, ack(T::Pubrel, 7), 2 * Ms);
    add(PacketDirection::Sent, ack(T::Pubcomp, 7), 3 * Ms);
    // An outgoing exchange with the same id does not mix with it.
    add(PacketDirection::Sent, publish("out", 2, 7), 4 * Ms);
    m_model->flush();
    QCOMPARE(m_model->pairAt(0), m_model->sequenceAt(1));
    QCOMPARE(m_model->pairAt(2), m_model->sequenceAt(3));
    QCOMPARE(m_model->latencyAt(3), 1 * Ms);
    for (int row = 0; row < 4; ++row)
        QCOMPARE(m_model->exchangeAt(row), m_model->sequenceAt(0));
    QCOMPARE(m_model->statusAt(4), Status::Waiting);
    QCOMPARE(m_model->exchangeAt(4), m_model->sequenceAt(4));
}

void TestPacketLogModel::subscribeAndReasonInWords()
{
    add(PacketDirection::Sent, subscribe(1, "plant/#", 1), 0);
    add(PacketDirection::Received, suback(1, 1), 2 * Ms);
    m_model->flush();
    QCOMPARE(text(0, PacketLogModel::TopicColumn), u"plant/#"_qs);
    QCOMPARE(text(1, PacketLogModel::ReasonColumn), u"Granted QoS 1"_qs);
    QCOMPARE(m_model->pairAt(0), m_model->sequenceAt(1));
    QVERIFY(m_model->index(1, 0)
                    .data(PacketLogModel::SummaryRole)
                    .toString()
                    .endsWith(u" recv SUBACK id=1 rc=granted-qos-1 5B"_qs));
}

void TestPacketLogModel::unansweredAfterTimeout()
{
    m_model->setTimeoutMs(100);
    add(PacketDirection::Sent, frame(0xC0, {}), 0);
    m_model->flush();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->expire(99 * Ms);
    m_model->flush();
    QCOMPARE(m_model->statusAt(0), Status::Waiting);
    QCOMPARE(changed.size(), 0);
    m_model->expire(100 * Ms);
    m_model->flush();
    QCOMPARE(m_model->statusAt(0), Status::Unanswered);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(text(0, PacketLogModel::PairColumn), u"no answer"_qs);
}

void TestPacketLogModel::lateAnswerStillPairs()
{
    m_model->setTimeoutMs(100);
    add(PacketDirection::Sent, publish("a", 1, 5), 0);
    m_model->expire(200 * Ms);
    add(PacketDirection::Received, ack(T::Puback, 5), 300 * Ms);
    m_model->flush();
    QCOMPARE(m_model->statusAt(0), Status::Answered);
    QCOMPARE(m_model->latencyAt(1), 300 * Ms);
}

void TestPacketLogModel::idUsedAgainMarksTheOldRequest()
{
    add(PacketDirection::Sent, publish("a", 1, 5), 0);
    add(PacketDirection::Sent, publish("b", 1, 5), 1 * Ms); // no DUP: a new message
    add(PacketDirection::Received, ack(T::Puback, 5), 2 * Ms);
    m_model->expire(3 * Ms); // long before the timeout
    m_model->flush();
    QCOMPARE(m_model->statusAt(0), Status::Unanswered);
    QCOMPARE(m_model->firstSendAt(1), quint64(0));
    QCOMPARE(m_model->pairAt(2), m_model->sequenceAt(1));
}

void TestPacketLogModel::boundByCount()
{
    m_model->setMaximumPackets(100);
    QSignalSpy trimmed(m_model.get(), &PacketLogModel::aboutToTrim);
    for (int i = 0; i < 1000; ++i) {
        add(PacketDirection::Received, publish("t", 0, 0), i);
        if (i % 37 == 0)
            m_model->flush();
    }
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(m_model->droppedCount(), 900);
    QCOMPARE(m_model->receivedCount(), 1000);
    QCOMPARE(m_model->sequenceAt(0), quint64(901));
    QVERIFY(trimmed.size() > 0);
    QCOMPARE(m_model->rowForSequence(900), -1);
    QCOMPARE(m_model->rowForSequence(901), 0);
}

void TestPacketLogModel::boundByBytes()
{
    const qint64 perPacket = [] {
        PacketLogModel probe;
        probe.append(PacketTrace::fromFrame(PacketDirection::Received, ProtocolVersion::V3_1_1,
                                            publish("t", 0, 0), 0, 0));
        probe.flush();
        return probe.bytesHeld();
    }();
    m_model->setMaximumBytes(perPacket * 10);
    for (int i = 0; i < 50; ++i)
        add(PacketDirection::Received, publish("t", 0, 0), i);
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 10);
    QVERIFY(m_model->bytesHeld() <= perPacket * 10);
}

void TestPacketLogModel::answerOfATrimmedRequest()
{
    m_model->setMaximumPackets(2);
    add(PacketDirection::Sent, publish("a", 1, 1), 0);
    m_model->flush();
    add(PacketDirection::Received, publish("b", 0, 0), 1);
    add(PacketDirection::Received, publish("c", 0, 0), 2);
    m_model->flush();
    add(PacketDirection::Received, ack(T::Puback, 1), 5 * Ms);
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->pairAt(1), quint64(1)); // the request's number, though it is gone
    QCOMPARE(m_model->latencyAt(1), 5 * Ms);
}

void TestPacketLogModel::proxyFilters()
{
    PacketFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    proxy.setSourceModel(m_model.get());
    add(PacketDirection::Sent, subscribe(1, "plant/#", 1), 0);
    add(PacketDirection::Received, suback(1, 1), 1);
    add(PacketDirection::Received, publish("plant/line1/speed", 1, 2), 2);
    add(PacketDirection::Sent, ack(T::Puback, 2), 3);
    add(PacketDirection::Received, publish("office/temp", 0, 0), 4);
    m_model->flush();
    QCOMPARE(proxy.rowCount(), 5);
    proxy.setTypes({T::Publish});
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setTopicFilter(u"plant/+/speed"_qs);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setTypes({});
    proxy.setTopicFilter(u"PLANT"_qs); // a part, any case: the SUBSCRIBE's filter too
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setTopicFilter(QString());
    proxy.setPacketId(2);
    QCOMPARE(proxy.rowCount(), 2);
    QCOMPARE(proxy.index(1, PacketLogModel::TypeColumn).data().toString(), u"PUBACK"_qs);
    proxy.setPacketId(0);
    QCOMPARE(proxy.rowCount(), 5);
}

void TestPacketLogModel::jsonLinesRoundTrip()
{
    add(PacketDirection::Sent, subscribe(1, "plant/#", 1), 10 * Ms);
    add(PacketDirection::Received, suback(1, 1), 12 * Ms);
    add(PacketDirection::Sent, publish("plant/x", 1, 2), 20 * Ms);
    add(PacketDirection::Sent, publish("plant/x", 1, 2, true), 30 * Ms);
    add(PacketDirection::Received, ack(T::Puback, 2), 31 * Ms);
    // 5.0 with properties: a PUBACK with a reason string.
    add(PacketDirection::Received, frame(0x40, id(9) + '\x10' + '\x05' + '\x1F' + utf8String("no")),
        40 * Ms, ProtocolVersion::V5);
    m_model->flush();

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::ReadWrite));
    QCOMPARE(PacketLogExporter::write(m_model.get(), &buffer), QString());
    const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
    QCOMPARE(lines.size(), 6);
    QVERIFY2(lines[1].contains(R"("reason_codes":["granted-qos-1"])"), lines[1].constData());
    QVERIFY2(lines[1].contains(R"("answers":1)"), lines[1].constData());
    QVERIFY2(lines[1].contains(R"("latency_ms":2)"), lines[1].constData());
    QVERIFY2(lines[3].contains(R"("first_send":3)"), lines[3].constData());
    QVERIFY2(lines[5].contains(R"("properties":[{"name":"Reason String","value":"no"}])"),
             lines[5].constData());

    buffer.seek(0);
    QList<PacketTrace> traces;
    QCOMPARE(PacketLogExporter::read(&buffer, &traces), QString());
    QCOMPARE(traces.size(), 6);
    PacketLogModel again;
    for (const PacketTrace &trace : traces)
        again.append(trace);
    again.flush();
    for (int row = 0; row < 6; ++row) {
        const PacketTrace &before = m_model->traceAt(row);
        const PacketTrace &after = again.traceAt(row);
        QCOMPARE(after.bytes, before.bytes);
        QCOMPARE(after.direction, before.direction);
        QCOMPARE(after.version, before.version);
        QCOMPARE(after.monotonicNs, before.monotonicNs);
        QCOMPARE(after.wallTimeMs, before.wallTimeMs);
        QCOMPARE(after.packetId, before.packetId);
        for (int column = 0; column < PacketLogModel::ColumnCount; ++column)
            QCOMPARE(again.index(row, column).data(), m_model->index(row, column).data());
    }
}

void TestPacketLogModel::badJsonLinesSayWhichLine()
{
    QBuffer buffer;
    buffer.setData(R"({"direction":"send","time":"2026-01-01T00:00:00.000Z","bytes":"c000"})"
                   "\n"
                   R"({"direction":"sideways","time":"2026-01-01T00:00:00.000Z","bytes":"c000"})"
                   "\n");
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QList<PacketTrace> traces;
    const QString problem = PacketLogExporter::read(&buffer, &traces);
    QVERIFY2(problem.startsWith(u"Line 2:"_qs), qPrintable(problem));
    QCOMPARE(traces.size(), 1);
    QCOMPARE(traces.at(0).type, T::Pingreq);
}

QTEST_MAIN(TestPacketLogModel)
#include "tst_packetlogmodel.moc"
