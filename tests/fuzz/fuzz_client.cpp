// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the whole Client, fed what a broker sends after a valid CONNACK, through
// an in-memory transport (memorytransport.h).
//
// Each input connects a new Client at MQTT 3.1.1 or 5.0, answers its CONNECT with a valid
// CONNACK, primes a SUBSCRIBE (id 1), a QoS 1 PUBLISH (id 2), a QoS 2 PUBLISH (id 3), a QoS 0
// PUBLISH and an UNSUBSCRIBE (id 4), then feeds the input's bytes as the broker's.
// Input: two mode bytes, then the broker's bytes.
//   byte 0, bit 0: 5.0 (else 3.1.1)
//           bit 1: at the end the broker closes the connection (else the client disconnects)
//           bit 2: the client starts disconnecting halfway through the bytes
//           bits 3-7: size of the pieces the bytes arrive in (0: all at once)
//   byte 1, bits 0-3: after each piece the application publishes at QoS 1 (bit 0), at QoS 2
//           (bit 1), subscribes (bit 2), unsubscribes (bit 3)
//           bit 4: a persistent session (clean session off); at the end the client connects
//           again and the broker's CONNACK says the session is present, so what is in flight
//           is sent again
// The client follows a 5.0 Server Reference (a DISCONNECT or CONNACK naming another broker).
// Checks: no crash, leak or undefined behaviour (the sanitizers), and everything the client
// wrote decodes as the broker would decode it, CONNECT first on every connection.
#include "client.h"
#include "codec.h"
#include "framereader.h"
#include "memorytransport.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>
#include <cstdlib>

using namespace Mqtt;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_client: %s %s\n", what, qPrintable(detail));
    std::abort();
}

// One connection's bytes as a broker reads them: CONNECT first, then only what a client sends.
void checkWritten(const QByteArray &written, ProtocolVersion version)
{
    FrameReader reader;
    reader.append(written);
    Frame frame;
    bool first = true;
    FrameReader::Status status;
    while ((status = reader.next(&frame)) == FrameReader::Status::FrameReady) {
        QString problem;
        if (first != (frame.type == PacketType::Connect))
            fail("CONNECT is not the client's first packet (or is repeated)");
        first = false;
        switch (frame.type) {
        case PacketType::Connect:
            problem = decodeConnect(frame.flags, frame.body).error;
            break;
        case PacketType::Publish:
            problem = decodePublish(frame.flags, frame.body, version).error;
            break;
        case PacketType::Puback:
        case PacketType::Pubrec:
        case PacketType::Pubrel:
        case PacketType::Pubcomp:
            problem = decodeAck(frame.type, frame.flags, frame.body, version).error;
            break;
        case PacketType::Subscribe:
            problem = decodeSubscribe(frame.flags, frame.body, version).error;
            break;
        case PacketType::Unsubscribe:
            problem = decodeUnsubscribe(frame.flags, frame.body, version).error;
            break;
        case PacketType::Pingreq:
            problem = emptyPacketProblem(frame.type, frame.flags, frame.body);
            break;
        case PacketType::Disconnect:
            problem = decodeDisconnect(frame.flags, frame.body, version).error;
            break;
        case PacketType::Auth:
            if (version != ProtocolVersion::V5)
                fail("AUTH sent below 5.0");
            problem = decodeAuth(frame.flags, frame.body).error;
            break;
        default:
            fail("the client sent a packet only brokers send");
        }
        if (!problem.isEmpty())
            fail("the client wrote a packet the broker cannot decode:", problem);
    }
    if (status == FrameReader::Status::Error || reader.bufferedBytes() != 0)
        fail("the client wrote a broken frame");
}

enum class Session { New, Present };

QByteArray connack(ProtocolVersion version, Session session)
{
    QByteArray bytes = version == ProtocolVersion::V5
                               // Topic Alias Maximum 4, Receive Maximum 10.
                               ? QByteArray("\x20\x09\x00\x00\x06\x22\x00\x04\x21\x00\x0A", 11)
                               : QByteArray("\x20\x02\x00\x00", 4);
    if (session == Session::Present)
        bytes[2] = 1;
    return bytes;
}

// Delivers what the client posted (queued calls: the transport opening, write flushes,
// reports), and what that posted in turn. Timers do not fire: the keep-alive is a minute.
void settle()
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

enum Action : quint8 {
    PublishQos1 = 0x01,
    PublishQos2 = 0x02,
    Subscribe = 0x04,
    Unsubscribe = 0x08,
};

void act(Client &client, ProtocolVersion version, quint8 actions)
{
    if (actions & Subscribe) {
        Properties properties;
        if (version == ProtocolVersion::V5)
            properties.addSubscriptionIdentifier(7);
        client.subscribe({SubscribeTopic{QStringLiteral("a/+"), QoS::ExactlyOnce},
                          SubscribeTopic{QStringLiteral("b/#"), QoS::AtLeastOnce}},
                         properties);
    }
    for (QoS qos : {QoS::AtLeastOnce, QoS::ExactlyOnce, QoS::AtMostOnce}) {
        if ((qos == QoS::AtLeastOnce && !(actions & PublishQos1)) ||
            (qos == QoS::ExactlyOnce && !(actions & PublishQos2)))
            continue;
        Message message;
        message.topic = QStringLiteral("t/%1").arg(int(qos));
        message.payload = "primed";
        message.qos = qos;
        client.publish(message);
    }
    if (actions & Unsubscribe)
        client.unsubscribe({QStringLiteral("c")});
}

// The application acts after each of the first pieces only, so the queue stays short.
constexpr int ActingPieces = 16;
constexpr size_t MaximumInput = 2048;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication application(*argc, *argv);
    // The client warns about every connection it closes: that is the fuzzer's daily bread.
    QLoggingCategory::setFilterRules(QStringLiteral("switchboard.mqtt*=false"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Longer inputs add nothing a shorter one cannot reach, and cost a piece at a time.
    if (size < 2 || size > MaximumInput)
        return 0;
    const quint8 mode = data[0];
    const ProtocolVersion version = mode & 0x01 ? ProtocolVersion::V5 : ProtocolVersion::V3_1_1;
    const bool peerCloses = mode & 0x02;
    const bool disconnectHalfway = mode & 0x04;
    qsizetype pieceSize = mode >> 3;
    const quint8 actions = data[1] & 0x0F;
    const bool persistent = data[1] & 0x10;
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    if (pieceSize == 0)
        pieceSize = std::max<qsizetype>(stream.size(), 1);

    auto *client = new Client;
    auto *transport = new MemoryTransport;
    client->setTransport(transport);
    ConnectionOptions options;
    options.version = version;
    options.clientId = QStringLiteral("fuzz");
    options.cleanSession = !persistent;
    // 5.0: a DISCONNECT or CONNACK naming another broker (Server Reference) is followed.
    options.followServerReference = true;
    if (version == ProtocolVersion::V5) {
        options.connectProperties.setInteger(PropertyId::TopicAliasMaximum, 4);
        options.connectProperties.setInteger(PropertyId::ReceiveMaximum, 20);
        if (persistent)
            options.connectProperties.setInteger(PropertyId::SessionExpiryInterval, 600);
    }
    client->connectToHost(options);
    settle();
    transport->feed(connack(version, Session::New));
    settle();
    if (client->state() != Client::State::Connected)
        fail("the client did not take the CONNACK");
    act(*client, version, PublishQos1 | PublishQos2 | Subscribe | Unsubscribe);
    settle();

    int piece = 0;
    for (qsizetype at = 0; at < stream.size(); at += pieceSize, ++piece) {
        if (disconnectHalfway && at >= stream.size() / 2 &&
            client->state() == Client::State::Connected)
            client->disconnectFromHost();
        transport->feed(stream.sliced(at, std::min(pieceSize, stream.size() - at)));
        settle();
        if (piece < ActingPieces) {
            act(*client, version, actions);
            settle();
        }
    }
    // A timer of no delay: the move to a broker a Server Reference named.
    QCoreApplication::processEvents();
    settle();
    if (persistent) {
        // Again, to the session the broker kept: what is in flight goes out again.
        client->connectToHost();
        settle();
        transport->feed(connack(version, Session::Present));
        settle();
    }
    if (peerCloses)
        transport->closeFromPeer();
    else
        client->disconnectFromHost();
    settle();
    for (const QByteArray &connection : transport->written())
        checkWritten(connection, version);
    delete client;
    settle(); // deferred deletions and queued calls of the client's objects
    return 0;
}
