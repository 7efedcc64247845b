// SPDX-License-Identifier: Apache-2.0
#include "fakebroker.h"

#include <QTcpServer>
#include <QTcpSocket>

using namespace Mqtt;

FakeBroker::FakeBroker(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    qRegisterMetaType<FakeBroker::Packet>();
    connect(m_server, &QTcpServer::newConnection, this, &FakeBroker::onNewConnection);
}

FakeBroker::~FakeBroker()
{
    if (m_socket)
        m_socket->disconnect(this);
}

bool FakeBroker::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeBroker::port() const
{
    return m_server->serverPort();
}

void FakeBroker::setHandler(PacketType type, Handler handler)
{
    m_handlers.insert(int(type), std::move(handler));
}

void FakeBroker::ignore(PacketType type)
{
    setHandler(type, [](const Packet &) {});
}

void FakeBroker::restoreDefaultHandler(PacketType type)
{
    m_handlers.remove(int(type));
}

bool FakeBroker::isClientConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void FakeBroker::sendBytes(const QByteArray &bytes)
{
    if (m_socket)
        m_socket->write(bytes);
}

void FakeBroker::sendPublish(const QString &topic, const QByteArray &payload, QoS qos,
                             quint16 packetId, Dup dup)
{
    QByteArray out;
    encodePublish(out, m_version, topic.toUtf8(), payload, qos, false, dup == Dup::Yes, packetId);
    sendBytes(out);
}

void FakeBroker::sendAck(PacketType type, quint16 packetId)
{
    QByteArray out;
    encodeAck(out, type, packetId);
    sendBytes(out);
}

void FakeBroker::dropConnection()
{
    if (m_socket)
        m_socket->abort();
}

QList<FakeBroker::Packet> FakeBroker::packets(PacketType type) const
{
    QList<Packet> out;
    for (const Packet &packet : m_packets) {
        if (packet.type == type)
            out.append(packet);
    }
    return out;
}

int FakeBroker::count(PacketType type) const
{
    int n = 0;
    for (const Packet &packet : m_packets)
        n += packet.type == type ? 1 : 0;
    return n;
}

QList<PacketType> FakeBroker::types() const
{
    QList<PacketType> out;
    for (const Packet &packet : m_packets)
        out.append(packet.type);
    return out;
}

void FakeBroker::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_socket) { // one client at a time: the newest wins
            m_socket->disconnect(this);
            m_socket->abort();
            m_socket->deleteLater();
        }
        m_socket = socket;
        ++m_connectionCount;
        m_reader.clear();
        connect(socket, &QTcpSocket::readyRead, this, &FakeBroker::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (socket == m_socket)
                emit clientDisconnected();
        });
        emit clientConnected();
    }
}

QString FakeBroker::decode(PacketType type, quint8 flags, QByteArrayView body, Packet *packet)
{
    switch (type) {
    case PacketType::Connect: {
        const auto decoded = decodeConnect(flags, body);
        packet->connect = decoded.packet;
        if (decoded.ok())
            m_version = decoded.packet.version;
        return decoded.error;
    }
    case PacketType::Publish: {
        const auto decoded = decodePublish(flags, body, m_version);
        if (!decoded.ok())
            return decoded.error;
        packet->publish = toPacket(decoded.packet);
        packet->packetId = decoded.packet.packetId;
        return {};
    }
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubrel:
    case PacketType::Pubcomp: {
        const auto decoded = decodeAck(type, flags, body, m_version);
        packet->packetId = decoded.packet.packetId;
        return decoded.error;
    }
    case PacketType::Subscribe: {
        const auto decoded = decodeSubscribe(flags, body, m_version);
        packet->subscribe = decoded.packet;
        packet->packetId = decoded.packet.packetId;
        return decoded.error;
    }
    case PacketType::Unsubscribe: {
        const auto decoded = decodeUnsubscribe(flags, body, m_version);
        packet->unsubscribe = decoded.packet;
        packet->packetId = decoded.packet.packetId;
        return decoded.error;
    }
    case PacketType::Pingreq:
        return emptyPacketProblem(type, flags, body);
    case PacketType::Disconnect: {
        const auto decoded = decodeDisconnect(flags, body, m_version);
        packet->disconnect = decoded.packet;
        return decoded.error;
    }
    case PacketType::Auth: {
        if (m_version != ProtocolVersion::V5)
            return QStringLiteral("AUTH on an MQTT 3.1.1 connection");
        const auto decoded = decodeAuth(flags, body);
        packet->auth = decoded.packet;
        return decoded.error;
    }
    default:
        return QStringLiteral("a client must not send packet type %1").arg(int(type));
    }
}

void FakeBroker::onReadyRead()
{
    QTcpSocket *socket = m_socket;
    if (!socket)
        return;
    m_reader.append(socket->readAll());
    FrameReader::Frame frame;
    while (true) {
        const FrameReader::Status status = m_reader.next(&frame);
        if (status == FrameReader::Status::NeedMoreData)
            return;
        if (status == FrameReader::Status::Error) {
            m_decodeErrors.append(m_reader.errorString());
            socket->abort();
            return;
        }
        Packet packet;
        packet.type = frame.type;
        packet.flags = frame.flags;
        packet.connection = m_connectionCount;
        const QString error = decode(frame.type, frame.flags, frame.body, &packet);
        // The frame starts just before its body in the reader's contiguous buffer.
        packet.frame = QByteArray(frame.body.data() - (frame.size - frame.body.size()), frame.size);
        if (!error.isEmpty())
            m_decodeErrors.append(error);
        m_packets.append(packet);
        handle(packet);
        emit packetReceived(packet);
        if (socket != m_socket)
            return; // a handler dropped or replaced the connection
    }
}

void FakeBroker::handle(const Packet &packet)
{
    const auto it = m_handlers.constFind(int(packet.type));
    if (it != m_handlers.constEnd()) {
        if (*it)
            (*it)(packet);
        return;
    }
    answerDefault(packet);
}

void FakeBroker::answerDefault(const Packet &packet)
{
    switch (packet.type) {
    case PacketType::Connect:
        sendBytes(encode(ConnackPacket{m_connackCode == 0 && m_sessionPresent, m_connackCode, {}},
                         m_version));
        break;
    case PacketType::Publish:
        if (packet.publish.qos == QoS::AtLeastOnce)
            sendAck(PacketType::Puback, packet.packetId);
        else if (packet.publish.qos == QoS::ExactlyOnce)
            sendAck(PacketType::Pubrec, packet.packetId);
        break;
    case PacketType::Pubrel:
        sendAck(PacketType::Pubcomp, packet.packetId);
        break;
    case PacketType::Subscribe: {
        SubackPacket suback;
        suback.packetId = packet.packetId;
        for (const SubscribeTopic &topic : packet.subscribe.topics)
            suback.reasonCodes.append(quint8(topic.qos));
        sendBytes(encode(suback, m_version));
        break;
    }
    case PacketType::Unsubscribe:
        sendBytes(encode(UnsubackPacket{packet.packetId, {}, {}}, m_version));
        break;
    case PacketType::Pingreq:
        sendBytes(encodePingresp());
        break;
    case PacketType::Disconnect:
        if (m_socket)
            m_socket->disconnectFromHost();
        break;
    default:
        break;
    }
}
