// SPDX-License-Identifier: Apache-2.0
#include "codec.h"
#include "framereader.h"

#include <QLocale>
#include <QTest>

using namespace Mqtt;

Q_DECLARE_METATYPE(Mqtt::FrameReader::Problem)

namespace {

QByteArray publishFrame(const QByteArray &topic, const QByteArray &payload, QoS qos, quint16 id)
{
    QByteArray out;
    encodePublish(out, ProtocolVersion::V3_1_1, topic, payload, qos, false, false, id);
    return out;
}

// Feeds data in pieces and collects the frames (type, flags, body copies).
struct Collected
{
    QList<PacketType> types;
    QList<quint8> flags;
    QList<QByteArray> bodies;
    QList<quint32> sizes;
};

bool drain(FrameReader &reader, Collected *out)
{
    FrameReader::Frame frame;
    while (true) {
        switch (reader.next(&frame)) {
        case FrameReader::Status::FrameReady:
            out->types.append(frame.type);
            out->flags.append(frame.flags);
            out->bodies.append(frame.body.toByteArray());
            out->sizes.append(frame.size);
            break;
        case FrameReader::Status::NeedMoreData:
            return true;
        case FrameReader::Status::Error:
            return false;
        }
    }
}

} // namespace

class TestFrameReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitAtEveryByte_data();
    void splitAtEveryByte();
    void byteByByte();
    void manyFramesInOneChunk();
    void reserveAndCommit();
    void badLength_data();
    void badLength();
    void tooLargeRefusedFromHeader_data();
    void tooLargeRefusedFromHeader();
    void exactlyMaximumAccepted();
    void bufferStaysBounded();
    void clearResets();
};

void TestFrameReader::splitAtEveryByte_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("PINGRESP (2 bytes)") << QByteArray::fromHex("d000");
    QTest::newRow("PUBACK") << QByteArray::fromHex("40020007");
    QTest::newRow("PUBLISH 127-byte body (1-byte length)")
            << publishFrame("t", QByteArray(124, 'x'), QoS::AtMostOnce, 0);
    QTest::newRow("PUBLISH 128-byte body (2-byte length)")
            << publishFrame("t", QByteArray(125, 'x'), QoS::AtMostOnce, 0);
    QTest::newRow("PUBLISH 16384-byte body (3-byte length)")
            << publishFrame("a/b", QByteArray(16384 - 7, 'y'), QoS::AtLeastOnce, 9);
}

void TestFrameReader::splitAtEveryByte()
{
    QFETCH(QByteArray, frame);
    // Two copies of the frame, split into two pieces at every position.
    const QByteArray stream = frame + frame;
    const int step = stream.size() > 1000 ? 97 : 1; // large frames: a prime stride
    for (qsizetype cut = 0; cut <= stream.size(); cut += step) {
        FrameReader reader;
        Collected got;
        reader.append(QByteArrayView(stream).first(cut));
        QVERIFY(drain(reader, &got));
        QCOMPARE(got.types.size(), qsizetype(cut / frame.size()));
        reader.append(QByteArrayView(stream).sliced(cut));
        QVERIFY(drain(reader, &got));
        QCOMPARE(got.types.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(quint8(got.types[i]), quint8(quint8(frame[0]) >> 4));
            QCOMPARE(got.flags[i], quint8(frame[0]) & 0x0F);
            QCOMPARE(got.sizes[i], quint32(frame.size()));
            QVERIFY(frame.endsWith(got.bodies[i]));
        }
        QCOMPARE(reader.bufferedBytes(), 0);
    }
}

void TestFrameReader::byteByByte()
{
    QByteArray stream;
    for (int i = 1; i <= 50; ++i)
        stream += publishFrame("topic/" + QByteArray::number(i), QByteArray(i * 7, 'p'),
                               QoS::AtLeastOnce, quint16(i));
    FrameReader reader;
    Collected got;
    for (char c : stream) {
        reader.append(QByteArrayView(&c, 1));
        QVERIFY(drain(reader, &got));
    }
    QCOMPARE(got.types.size(), 50);
    for (int i = 0; i < 50; ++i) {
        const auto decoded = decodePublish(got.flags[i], got.bodies[i], ProtocolVersion::V3_1_1);
        QVERIFY2(decoded.ok(), qPrintable(decoded.error));
        QCOMPARE(decoded.packet.packetId, quint16(i + 1));
        QCOMPARE(decoded.packet.payload.size(), (i + 1) * 7);
    }
}

void TestFrameReader::manyFramesInOneChunk()
{
    QByteArray stream;
    const int count = 10000;
    for (int i = 0; i < count; ++i)
        stream += QByteArray::fromHex("40020000");
    for (int i = 0; i < count; ++i) {
        stream[i * 4 + 2] = char((i + 1) >> 8);
        stream[i * 4 + 3] = char((i + 1) & 0xFF);
    }
    FrameReader reader;
    reader.append(stream);
    FrameReader::Frame frame;
    for (int i = 0; i < count; ++i) {
        QCOMPARE(reader.next(&frame), FrameReader::Status::FrameReady);
        QCOMPARE(frame.type, PacketType::Puback);
        const auto ack = decodeAck(frame.type, frame.flags, frame.body, ProtocolVersion::V3_1_1);
        QVERIFY(ack.ok());
        QCOMPARE(ack.packet.packetId, quint16(i + 1));
    }
    QCOMPARE(reader.next(&frame), FrameReader::Status::NeedMoreData);
    QCOMPARE(reader.bufferedBytes(), 0);
}

void TestFrameReader::reserveAndCommit()
{
    const QByteArray frame = publishFrame("x/y", "hello", QoS::AtMostOnce, 0);
    FrameReader reader;
    // Reserve more than is filled, as a socket read does.
    char *room = reader.reserve(100);
    memcpy(room, frame.constData(), 4);
    reader.commit(4);
    QCOMPARE(reader.bufferedBytes(), 4);
    FrameReader::Frame got;
    QCOMPARE(reader.next(&got), FrameReader::Status::NeedMoreData);
    room = reader.reserve(100);
    memcpy(room, frame.constData() + 4, size_t(frame.size() - 4));
    reader.commit(frame.size() - 4);
    QCOMPARE(reader.next(&got), FrameReader::Status::FrameReady);
    QCOMPARE(got.body.toByteArray(), frame.sliced(2));
    QCOMPARE(reader.next(&got), FrameReader::Status::NeedMoreData);
}

void TestFrameReader::badLength_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<FrameReader::Problem>("problem");
    QTest::newRow("5-byte remaining length")
            << QByteArray::fromHex("30ffffffff01") << FrameReader::Problem::MalformedLength;
    QTest::newRow("4 continuation bytes")
            << QByteArray::fromHex("30ffffffff") << FrameReader::Problem::MalformedLength;
    QTest::newRow("overlong 0 as 80 00 [MQTT-1.5.5-1]")
            << QByteArray::fromHex("d08000") << FrameReader::Problem::MalformedLength;
    QTest::newRow("overlong 2 as 82 80 00")
            << QByteArray::fromHex("4082800000") << FrameReader::Problem::MalformedLength;
}

void TestFrameReader::badLength()
{
    QFETCH(QByteArray, header);
    QFETCH(FrameReader::Problem, problem);
    FrameReader reader;
    reader.append(header);
    FrameReader::Frame frame;
    QCOMPARE(reader.next(&frame), FrameReader::Status::Error);
    QCOMPARE(reader.problem(), problem);
    QVERIFY(!reader.errorString().isEmpty());
}

void TestFrameReader::tooLargeRefusedFromHeader_data()
{
    QTest::addColumn<quint32>("maximum");
    QTest::addColumn<QByteArray>("header");
    // Only the fixed header is given: the refusal must not wait for the body.
    QTest::newRow("1 over a 100-byte maximum") << 100u << QByteArray::fromHex("3063"); // 2+99
    QTest::newRow("256 MB announced, 1 MB maximum")
            << 1048576u << QByteArray::fromHex("30ffffff7f");
    QTest::newRow("1027-byte frame, 1000-byte maximum") << 1000u << QByteArray::fromHex("308008");
}

void TestFrameReader::tooLargeRefusedFromHeader()
{
    QFETCH(quint32, maximum);
    QFETCH(QByteArray, header);
    FrameReader reader;
    reader.setMaximumPacketSize(maximum);
    reader.append(header);
    FrameReader::Frame frame;
    QCOMPARE(reader.next(&frame), FrameReader::Status::Error);
    QCOMPARE(reader.problem(), FrameReader::Problem::TooLarge);
    QVERIFY(reader.errorString().contains(QLocale().toString(maximum)));
}

void TestFrameReader::exactlyMaximumAccepted()
{
    const QByteArray frame = publishFrame("t", QByteArray(95, 'x'), QoS::AtMostOnce, 0);
    QCOMPARE(frame.size(), 100);
    FrameReader reader;
    reader.setMaximumPacketSize(100);
    reader.append(frame);
    FrameReader::Frame got;
    QCOMPARE(reader.next(&got), FrameReader::Status::FrameReady);
    QCOMPARE(got.size, 100u);

    FrameReader smaller;
    smaller.setMaximumPacketSize(99);
    smaller.append(frame.first(2));
    QCOMPARE(smaller.next(&got), FrameReader::Status::Error);
    QCOMPARE(smaller.problem(), FrameReader::Problem::TooLarge);
}

void TestFrameReader::bufferStaysBounded()
{
    // A long stream in chunks that never end on a frame boundary: the buffer must recycle
    // the space of consumed frames instead of growing with the stream.
    QByteArray unit;
    for (int i = 0; i < 20; ++i)
        unit += publishFrame("bounded/" + QByteArray::number(i), QByteArray(10 + i * 13, 'b'),
                             QoS::AtLeastOnce, quint16(i + 1));
    const qsizetype chunk = 1009; // prime: cuts land everywhere
    FrameReader reader;
    qsizetype frames = 0;
    qsizetype peakCapacity = 0;
    qsizetype streamed = 0;
    QByteArray pending;
    for (int round = 0; round < 2000; ++round) {
        pending += unit;
        while (pending.size() >= chunk) {
            reader.append(QByteArrayView(pending).first(chunk));
            pending.remove(0, chunk);
            streamed += chunk;
            FrameReader::Frame frame;
            FrameReader::Status status;
            while ((status = reader.next(&frame)) == FrameReader::Status::FrameReady)
                ++frames;
            QCOMPARE(status, FrameReader::Status::NeedMoreData);
            QVERIFY(reader.bufferedBytes() < unit.size());
            peakCapacity = std::max(peakCapacity, reader.bufferCapacity());
        }
    }
    QVERIFY(streamed > 4 * 1024 * 1024);
    QVERIFY(frames > 2000 * 19);
    qDebug() << "streamed" << streamed << "bytes," << frames << "frames, peak capacity"
             << peakCapacity;
    QVERIFY2(peakCapacity < 16 * chunk, qPrintable(QString::number(peakCapacity)));
}

void TestFrameReader::clearResets()
{
    FrameReader reader;
    reader.append(QByteArray::fromHex("30ffffffff"));
    FrameReader::Frame frame;
    QCOMPARE(reader.next(&frame), FrameReader::Status::Error);
    reader.clear();
    QCOMPARE(reader.problem(), FrameReader::Problem::None);
    QCOMPARE(reader.bufferedBytes(), 0);
    reader.append(QByteArray::fromHex("d000"));
    QCOMPARE(reader.next(&frame), FrameReader::Status::FrameReady);
    QCOMPARE(frame.type, PacketType::Pingresp);
}

QTEST_APPLESS_MAIN(TestFrameReader)
#include "tst_framereader.moc"
