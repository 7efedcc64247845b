// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the frame reader and every decoder at MQTT 3.1, 3.1.1 and 5.0.
//
// Input: one mode byte, then a byte stream as it would arrive on a connection.
//   mode bits 0-1: protocol version (0: 3.1, 1: 3.1.1, 2 and 3: 5.0)
//   mode bits 2-7: size of the pieces the stream arrives in (0: all at once)
// Checks:
// - the frame reader yields the same frames, and the same end, whatever the pieces are;
// - every frame is decoded as the packet its type names, and one that decodes is encoded
//   again and must decode to the same value (the round trip).
#include "codec.h"
#include "framereader.h"

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace Mqtt;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_codec: %s %s\n", what, qPrintable(detail));
    std::abort();
}

struct ReadFrame
{
    PacketType type;
    quint8 flags;
    QByteArray body;
    quint32 size;
    bool operator==(const ReadFrame &o) const
    {
        return type == o.type && flags == o.flags && body == o.body && size == o.size;
    }
};

struct ReadResult
{
    QList<ReadFrame> frames;
    FrameReader::Status end = FrameReader::Status::NeedMoreData;
    FrameReader::Problem problem = FrameReader::Problem::None;
};

// Drains every whole frame the reader holds.
void drain(FrameReader &reader, ReadResult &result)
{
    Frame frame;
    while (result.end != FrameReader::Status::Error) {
        const FrameReader::Status status = reader.next(&frame);
        if (status == FrameReader::Status::NeedMoreData)
            return;
        if (status == FrameReader::Status::Error) {
            result.end = status;
            result.problem = reader.problem();
            return;
        }
        // The fixed header takes 2 to 5 bytes.
        const quint32 bodySize = quint32(frame.body.size());
        if (frame.size < bodySize + 2 || frame.size > bodySize + 5)
            fail("a frame's size does not fit its body");
        result.frames.append({frame.type, frame.flags, frame.body.toByteArray(), frame.size});
    }
}

// Feeds stream in pieces of pieceSize bytes (0: at once), alternating append() and
// reserve()/commit() as the Client does.
ReadResult readFrames(QByteArrayView stream, qsizetype pieceSize)
{
    FrameReader reader;
    ReadResult result;
    if (pieceSize <= 0)
        pieceSize = stream.size();
    bool useReserve = false;
    for (qsizetype at = 0; at < stream.size() && result.end != FrameReader::Status::Error;
         at += pieceSize) {
        const QByteArrayView piece = stream.sliced(at, std::min(pieceSize, stream.size() - at));
        if (useReserve) {
            char *room = reader.reserve(piece.size() + 3); // more room than is filled
            std::memcpy(room, piece.data(), size_t(piece.size()));
            reader.commit(piece.size());
        } else {
            reader.append(piece);
        }
        useReserve = !useReserve;
        drain(reader, result);
    }
    return result;
}

// The one frame an encoder produced.
ReadFrame onlyFrame(const QByteArray &encoded)
{
    FrameReader reader;
    reader.append(encoded);
    Frame frame;
    if (reader.next(&frame) != FrameReader::Status::FrameReady)
        fail("an encoded packet is not a whole frame:", QString::fromLatin1(encoded.toHex()));
    ReadFrame result{frame.type, frame.flags, frame.body.toByteArray(), frame.size};
    if (reader.bufferedBytes() != 0)
        fail("an encoder wrote more than one frame");
    return result;
}

// Field by field: the packets hold no operator== of their own (ConnectPacket aside).
bool same(const ConnectPacket &a, const ConnectPacket &b)
{
    return a == b;
}
bool same(const ConnackPacket &a, const ConnackPacket &b)
{
    return a.sessionPresent == b.sessionPresent && a.returnCode == b.returnCode &&
           a.properties == b.properties;
}
bool same(const PublishPacket &a, const PublishPacket &b)
{
    return a.topic == b.topic && a.payload == b.payload && a.qos == b.qos && a.retain == b.retain &&
           a.dup == b.dup && a.packetId == b.packetId && a.properties == b.properties;
}
bool same(const AckPacket &a, const AckPacket &b)
{
    return a.type == b.type && a.packetId == b.packetId && a.reasonCode == b.reasonCode &&
           a.properties == b.properties;
}
bool same(const SubscribePacket &a, const SubscribePacket &b)
{
    return a.packetId == b.packetId && a.topics == b.topics && a.properties == b.properties;
}
bool same(const SubackPacket &a, const SubackPacket &b)
{
    return a.packetId == b.packetId && a.reasonCodes == b.reasonCodes &&
           a.properties == b.properties;
}
bool same(const UnsubscribePacket &a, const UnsubscribePacket &b)
{
    return a.packetId == b.packetId && a.filters == b.filters && a.properties == b.properties;
}
bool same(const UnsubackPacket &a, const UnsubackPacket &b)
{
    return a.packetId == b.packetId && a.reasonCodes == b.reasonCodes &&
           a.properties == b.properties;
}
bool same(const DisconnectPacket &a, const DisconnectPacket &b)
{
    return a.reasonCode == b.reasonCode && a.properties == b.properties;
}
bool same(const AuthPacket &a, const AuthPacket &b)
{
    return a.reasonCode == b.reasonCode && a.properties == b.properties;
}

// decode(flags, body) gives a Decoded<Packet>; encode(packet) its frame. A frame that decodes
// is encoded again, and that must decode to the same packet.
template<typename Decode, typename Encode>
void roundTrip(const ReadFrame &frame, Decode decode, Encode encode)
{
    const auto first = decode(frame.type, frame.flags, frame.body);
    if (!first.ok())
        return;
    const ReadFrame again = onlyFrame(encode(first.packet));
    if (again.type != frame.type)
        fail("the packet type changed in a round trip");
    const auto second = decode(again.type, again.flags, again.body);
    if (!second.ok())
        fail("a packet encoded again does not decode:", second.error);
    if (!same(first.packet, second.packet))
        fail("a packet differs after a round trip:", QString::fromLatin1(frame.body.toHex()));
}

void roundTrip(const ReadFrame &frame, ProtocolVersion v)
{
    const auto encodeAt = [v](const auto &packet) { return encode(packet, v); };
    switch (frame.type) {
    case PacketType::Connect:
        roundTrip(
                frame, [](PacketType, quint8 f, QByteArrayView b) { return decodeConnect(f, b); },
                [](const ConnectPacket &p) { return encode(p); });
        break;
    case PacketType::Connack:
        roundTrip(
                frame,
                [v](PacketType, quint8 f, QByteArrayView b) { return decodeConnack(f, b, v); },
                encodeAt);
        break;
    case PacketType::Publish:
        // The packet's copy of the view; and the hot path's encoder writes the same bytes.
        roundTrip(
                frame,
                [v](PacketType, quint8 f, QByteArrayView b) {
                    const auto view = decodePublish(f, b, v);
                    Decoded<PublishPacket> copy{toPacket(view.packet), view.error, view.reason};
                    if (view.ok() && copy.packet.topic.toUtf8() != view.packet.topic)
                        fail("a PUBLISH topic changed on its way into a QString");
                    return copy;
                },
                [v](const PublishPacket &p) {
                    const QByteArray topic = p.topic.toUtf8();
                    QByteArray direct;
                    encodePublish(direct, v, topic, p.payload, p.qos, p.retain, p.dup, p.packetId,
                                  &p.properties);
                    if (direct != encode(p, v))
                        fail("encodePublish() and encode(PublishPacket) differ");
                    return direct;
                });
        break;
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubrel:
    case PacketType::Pubcomp:
        // The hot path's acknowledgement is the packet's with Success and no properties.
        roundTrip(
                frame,
                [v](PacketType t, quint8 f, QByteArrayView b) { return decodeAck(t, f, b, v); },
                [v](const AckPacket &p) {
                    QByteArray direct;
                    encodeAck(direct, p.type, p.packetId);
                    if (p.reasonCode == ReasonCode::Success && p.properties.isEmpty() &&
                        direct != encode(p, v))
                        fail("encodeAck() and encode(AckPacket) differ");
                    return encode(p, v);
                });
        break;
    case PacketType::Subscribe:
        roundTrip(
                frame,
                [v](PacketType, quint8 f, QByteArrayView b) { return decodeSubscribe(f, b, v); },
                encodeAt);
        break;
    case PacketType::Suback:
        roundTrip(
                frame,
                [v](PacketType, quint8 f, QByteArrayView b) { return decodeSuback(f, b, v); },
                encodeAt);
        break;
    case PacketType::Unsubscribe:
        roundTrip(
                frame,
                [v](PacketType, quint8 f, QByteArrayView b) { return decodeUnsubscribe(f, b, v); },
                encodeAt);
        break;
    case PacketType::Unsuback:
        roundTrip(
                frame,
                [v](PacketType, quint8 f, QByteArrayView b) { return decodeUnsuback(f, b, v); },
                encodeAt);
        break;
    case PacketType::Disconnect:
        roundTrip(
                frame,
                [v](PacketType, quint8 f, QByteArrayView b) { return decodeDisconnect(f, b, v); },
                encodeAt);
        break;
    case PacketType::Auth:
        roundTrip(
                frame, [](PacketType, quint8 f, QByteArrayView b) { return decodeAuth(f, b); },
                [](const AuthPacket &p) { return encode(p); });
        break;
    case PacketType::Pingreq:
    case PacketType::Pingresp:
        if (emptyPacketProblem(frame.type, frame.flags, frame.body).isEmpty()) {
            const ReadFrame again = onlyFrame(frame.type == PacketType::Pingreq ? encodePingreq()
                                                                                : encodePingresp());
            if (again.type != frame.type ||
                !emptyPacketProblem(again.type, again.flags, again.body).isEmpty())
                fail("PINGREQ/PINGRESP differs after a round trip");
        }
        break;
    case PacketType::Reserved:
        if (fixedHeaderProblem(frame.type, frame.flags).isEmpty())
            fail("packet type 0 accepted");
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const quint8 mode = data[0];
    static constexpr ProtocolVersion versions[4] = {ProtocolVersion::V3_1, ProtocolVersion::V3_1_1,
                                                    ProtocolVersion::V5, ProtocolVersion::V5};
    const ProtocolVersion version = versions[mode & 0x03];
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));

    const ReadResult whole = readFrames(stream, 0);
    const ReadResult pieces = readFrames(stream, mode >> 2);
    if (whole.frames != pieces.frames || whole.end != pieces.end || whole.problem != pieces.problem)
        fail("the frame reader's result depends on how the bytes arrive");

    for (const ReadFrame &frame : whole.frames)
        roundTrip(frame, version);
    return 0;
}
