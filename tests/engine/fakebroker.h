// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "codec.h"
#include "framereader.h"
#include "packets.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

// A scripted MQTT broker for engine tests: listens on 127.0.0.1 (port 0), reads the client's
// bytes with the project's FrameReader and codec, records every packet (and any packet that
// does not decode), and answers through per-type handlers. The defaults behave like a
// well-mannered broker; a test replaces a handler to script something else.
class FakeBroker : public QObject
{
    Q_OBJECT
public:
    struct Packet
    {
        Mqtt::PacketType type = Mqtt::PacketType::Reserved;
        quint8 flags = 0;
        QByteArray frame; // the whole frame as received
        int connection = 0; // 1 for the first connection, 2 for the next...
        quint16 packetId = 0; // PUBLISH (QoS 1/2), acks, SUBSCRIBE, UNSUBSCRIBE
        Mqtt::ConnectPacket connect;
        Mqtt::PublishPacket publish;
        Mqtt::SubscribePacket subscribe;
        Mqtt::UnsubscribePacket unsubscribe;
        Mqtt::AuthPacket auth; // 5.0 AUTH
        Mqtt::DisconnectPacket disconnect;
    };
    using Handler = std::function<void(const Packet &packet)>;
    enum class Dup { No, Yes };

    explicit FakeBroker(QObject *parent = nullptr);
    ~FakeBroker() override;

    bool listen();
    quint16 port() const;

    // Replaces the answer to one packet type. ignore() makes the broker stay silent.
    void setHandler(Mqtt::PacketType type, Handler handler);
    void ignore(Mqtt::PacketType type);
    void restoreDefaultHandler(Mqtt::PacketType type);
    // What the default CONNECT handler answers (return code 0 unless set).
    void setConnackReturnCode(quint8 code) { m_connackCode = code; }
    void setSessionPresent(bool present) { m_sessionPresent = present; }

    // Writes raw bytes to the connected client.
    void sendBytes(const QByteArray &bytes);
    void sendPublish(const QString &topic, const QByteArray &payload, Mqtt::QoS qos,
                     quint16 packetId, Dup dup = Dup::No);
    void sendAck(Mqtt::PacketType type, quint16 packetId);
    // Closes the current connection from the broker's side.
    void dropConnection();

    Mqtt::ProtocolVersion version() const { return m_version; }
    bool isClientConnected() const;
    int connectionCount() const { return m_connectionCount; }
    const QList<Packet> &packets() const { return m_packets; }
    QList<Packet> packets(Mqtt::PacketType type) const;
    int count(Mqtt::PacketType type) const;
    // Types in arrival order, e.g. to compare a whole exchange.
    QList<Mqtt::PacketType> types() const;
    // Packets from the client that failed to decode: must stay empty.
    QStringList decodeErrors() const { return m_decodeErrors; }
    void clearPackets() { m_packets.clear(); }

Q_SIGNALS:
    void packetReceived(const FakeBroker::Packet &packet);
    void clientConnected();
    void clientDisconnected();

private:
    void onNewConnection();
    void onReadyRead();
    void handle(const Packet &packet);
    void answerDefault(const Packet &packet);
    QString decode(Mqtt::PacketType type, quint8 flags, QByteArrayView body, Packet *packet);

    QTcpServer *m_server;
    QPointer<QTcpSocket> m_socket;
    Mqtt::FrameReader m_reader;
    Mqtt::ProtocolVersion m_version = Mqtt::ProtocolVersion::V3_1_1;
    QHash<int, Handler> m_handlers;
    QList<Packet> m_packets;
    QStringList m_decodeErrors;
    quint8 m_connackCode = 0;
    bool m_sessionPresent = false;
    int m_connectionCount = 0;
};

Q_DECLARE_METATYPE(FakeBroker::Packet)
