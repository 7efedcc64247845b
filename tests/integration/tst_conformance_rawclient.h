// SPDX-License-Identifier: Apache-2.0
#pragma once

// A bare MQTT connection for conformance tests: it writes exactly the packets a test asks for
// and acknowledges nothing by itself, so a test can see what the broker does with a client
// that stops acknowledging or stops talking. Packets are built and read with the engine's
// codec; waits spin the event loop (other clients in the test keep working) until a deadline.
#include "codec.h"
#include "framereader.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <deque>
#include <optional>

class RawMqttConnection
{
public:
    struct Frame
    {
        Mqtt::PacketType type = Mqtt::PacketType::Reserved;
        quint8 flags = 0;
        QByteArray body;
    };

    explicit RawMqttConnection(Mqtt::ProtocolVersion version) : m_version(version)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { readAll(); });
    }

    Mqtt::ProtocolVersion version() const { return m_version; }

    bool open(const QString &host, quint16 port, int timeoutMs)
    {
        m_reader.clear();
        m_frames.clear();
        m_socket.connectToHost(QHostAddress(host), port);
        return QTest::qWaitFor(
                [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs);
    }

    // Opens the connection, sends CONNECT and returns the CONNACK (nothing on failure).
    std::optional<Mqtt::ConnackPacket> connect(const QString &host, quint16 port,
                                               Mqtt::ConnectPacket packet, int timeoutMs)
    {
        packet.version = m_version;
        if (!open(host, port, timeoutMs))
            return std::nullopt;
        send(Mqtt::encode(packet));
        const std::optional<Frame> frame = next(timeoutMs);
        if (!frame || frame->type != Mqtt::PacketType::Connack)
            return std::nullopt;
        const auto connack = Mqtt::decodeConnack(frame->flags, frame->body, m_version);
        if (!connack.ok())
            return std::nullopt;
        return connack.packet;
    }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    void sendAck(Mqtt::PacketType type, quint16 packetId)
    {
        QByteArray bytes;
        Mqtt::encodeAck(bytes, type, packetId);
        send(bytes);
    }

    // The next frame from the broker, or nothing when time runs out or the broker closes.
    std::optional<Frame> next(int timeoutMs)
    {
        const bool ready = QTest::qWaitFor(
                [this] {
                    return !m_frames.empty() || m_socket.state() != QAbstractSocket::ConnectedState;
                },
                timeoutMs);
        if (!ready || m_frames.empty())
            return std::nullopt;
        Frame frame = m_frames.front();
        m_frames.pop_front();
        return frame;
    }

    // A round trip: PINGREQ, then every frame the broker sent before the PINGRESP. mosquitto
    // handles a connection's packets in order, so this drains what it had already decided to
    // send. Nothing when the PINGRESP does not come.
    std::optional<QList<Frame>> framesBeforePingResponse(int timeoutMs)
    {
        send(Mqtt::encodePingreq());
        QDeadlineTimer deadline(timeoutMs);
        QList<Frame> frames;
        while (true) {
            std::optional<Frame> frame = next(int(deadline.remainingTime()));
            if (!frame)
                return std::nullopt;
            if (frame->type == Mqtt::PacketType::Pingresp)
                return frames;
            frames.append(*frame);
        }
    }

    bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // Waits until the broker closes the connection.
    bool waitForClosed(int timeoutMs)
    {
        return QTest::qWaitFor(
                [this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }
    // Closes without DISCONNECT, as a client that lost its network.
    void abort() { m_socket.abort(); }

    static Mqtt::PublishPacket publishOf(const Frame &frame, Mqtt::ProtocolVersion version)
    {
        const auto decoded = Mqtt::decodePublish(frame.flags, frame.body, version);
        return decoded.ok() ? Mqtt::toPacket(decoded.packet) : Mqtt::PublishPacket{};
    }

private:
    void readAll()
    {
        m_reader.append(m_socket.readAll());
        Mqtt::FrameReader::Frame frame;
        while (m_reader.next(&frame) == Mqtt::FrameReader::Status::FrameReady)
            m_frames.push_back({frame.type, frame.flags, frame.body.toByteArray()});
    }

    Mqtt::ProtocolVersion m_version;
    QTcpSocket m_socket;
    Mqtt::FrameReader m_reader;
    std::deque<Frame> m_frames;
};
