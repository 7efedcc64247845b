#pragma once

#include "connectionoptions.h"
#include "error.h"
#include "framereader.h"
#include "message.h"
#include "packets.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace Mqtt {

class Transport;

struct SubscribeResult
{
    QString filter;
    quint8 reasonCode = 0; // granted QoS 0..2, or >= 0x80 for a refusal
    bool isRefused() const { return reasonCode >= 0x80; }
};

// The MQTT client: one connection to one broker, as an explicit state machine driven by the
// transport's signals. Every bad input from the broker ends in closeWithError().
class Client : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    enum class State {
        Disconnected,
        Connecting, // opening the transport
        WaitingForConnack, // CONNECT sent
        Connected,
        Disconnecting, // DISCONNECT sent, closing
        WaitingToReconnect, // lost, retrying after a back-off delay
    };
    Q_ENUM(State)

    explicit Client(QObject *parent = nullptr);
    ~Client() override;

    // Replaces the transport (the client takes ownership). Default: TcpTransport.
    void setTransport(Transport *transport);
    Transport *transport() const { return m_transport; }

    ConnectionOptions options() const { return m_options; }
    void setOptions(const ConnectionOptions &options);

    State state() const { return m_state; }
    Error lastError() const { return m_lastError; }
    // The client id sent in the last CONNECT (generated when the options left it empty).
    QString clientId() const { return m_clientId; }
    bool sessionPresent() const { return m_sessionPresent; }
    ConnackPacket connack() const { return m_connack; }

    void connectToHost();
    void connectToHost(const ConnectionOptions &options);
    // Sends DISCONNECT, closes, and stops reconnecting. Queued messages stay queued.
    void disconnectFromHost();
    // Closes the connection without DISCONNECT (the broker publishes the will).
    void abortConnection();

    // Returns a token (> 0) identifying the message in messagePublished(), or 0 when refused
    // (error says why; nothing is sent). QoS 0 messages are "published" once written.
    quint64 publish(const Message &message, Error *error = nullptr);
    quint64 subscribe(const QList<SubscribeTopic> &topics, Error *error = nullptr);
    quint64 subscribe(const QString &filter, QoS qos, Error *error = nullptr);
    quint64 unsubscribe(const QStringList &filters, Error *error = nullptr);

    int inflightCount() const { return int(m_inflight.size()); }
    int queuedCount() const { return int(m_queue.size()); }
    // Filters the client will subscribe again to when a reconnect finds no session.
    QList<SubscribeTopic> activeSubscriptions() const { return m_subscriptions; }

    static QString generateClientId();

Q_SIGNALS:
    void stateChanged(Mqtt::Client::State state);
    void connected(bool sessionPresent);
    void disconnected();
    void errorOccurred(const Mqtt::Error &error);
    void messageReceived(const Mqtt::Message &message);
    // The broker acknowledged (QoS 1/2) or the client wrote (QoS 0) the message.
    void messagePublished(quint64 token);
    // 5.0: the broker refused the message with a reason code on PUBACK/PUBREC.
    void messageRefused(quint64 token, const Mqtt::Error &error);
    void subscriptionAcknowledged(quint64 token, const QList<Mqtt::SubscribeResult> &results);
    void unsubscriptionAcknowledged(quint64 token, const QStringList &filters);
    void reconnectScheduled(int attempt, int delayMs);
    void pingResponseReceived();

private:
    enum class Stage { AwaitingPuback, AwaitingPubrec, AwaitingPubcomp };
    struct Outgoing
    {
        quint64 token = 0;
        Message message;
        QByteArray topic; // UTF-8
    };
    struct Inflight
    {
        quint64 token = 0;
        Message message;
        QByteArray topic;
        Stage stage = Stage::AwaitingPuback;
    };
    struct PendingSubscribe
    {
        quint64 token = 0;
        QList<SubscribeTopic> topics;
    };
    struct PendingUnsubscribe
    {
        quint64 token = 0;
        QStringList filters;
    };

    void setState(State state);
    void openTransport();
    void onTransportConnected();
    void onTransportDisconnected();
    void onTransportError(const QString &text);
    void onReadyRead();
    void onKeepAliveTimer();
    void onPingTimeout();
    void onConnectTimeout();

    // The one funnel for every failure of the connection.
    void closeWithError(ErrorCode code, const QString &text, quint8 reasonCode = 0);
    void connectionLost();
    void scheduleReconnect();
    void resetConnectionState();
    void startSession();

    bool handleFrame(const FrameReader::Frame &frame);
    void handleConnack(const FrameReader::Frame &frame);
    void handlePublish(const FrameReader::Frame &frame);
    void handlePuback(const FrameReader::Frame &frame);
    void handlePubrec(const FrameReader::Frame &frame);
    void handlePubrel(const FrameReader::Frame &frame);
    void handlePubcomp(const FrameReader::Frame &frame);
    void handleSuback(const FrameReader::Frame &frame);
    void handleUnsuback(const FrameReader::Frame &frame);
    void handlePingresp(const FrameReader::Frame &frame);
    void handleDisconnect(const FrameReader::Frame &frame);

    void sendConnect();
    void sendPublish(const Inflight &inflight, bool dup);
    void sendPublishQos0(const Outgoing &outgoing);
    void sendAck(PacketType type, quint16 packetId);
    void sendSubscribe(quint16 packetId, const QList<SubscribeTopic> &topics);
    void sendUnsubscribe(quint16 packetId, const QStringList &filters);
    void sendPingreq();
    void sendDisconnect();
    void writeBytes(const QByteArray &bytes);

    bool isPacketIdInUse(quint16 id) const;
    quint16 allocatePacketId(); // 0 when every id is in use
    void completeInflight(quint16 packetId);
    void pumpQueue();
    bool hasInflightRoom() const;

    Transport *m_transport = nullptr;
    ConnectionOptions m_options;
    State m_state = State::Disconnected;
    Error m_lastError;
    QString m_clientId;
    bool m_sessionPresent = false;
    ConnackPacket m_connack;
    bool m_userDisconnect = false;
    bool m_hadConnection = false; // connected at least once since connectToHost()

    FrameReader m_reader;
    QByteArray m_writeBuffer;

    quint64 m_nextToken = 1;
    quint16 m_lastPacketId = 0;
    std::deque<Outgoing> m_queue;
    QHash<quint16, Inflight> m_inflight;
    std::vector<quint16> m_inflightOrder; // send order, for resending [MQTT-4.4.0-1]
    QHash<quint16, PendingSubscribe> m_pendingSubscribes;
    QHash<quint16, PendingUnsubscribe> m_pendingUnsubscribes;
    QSet<quint16> m_incomingQos2; // received QoS 2 ids awaiting PUBREL: delivered once
    QList<SubscribeTopic> m_subscriptions;

    QTimer m_keepAliveTimer;
    QTimer m_pingTimeoutTimer;
    QTimer m_connectTimer;
    QTimer m_reconnectTimer;
    QElapsedTimer m_lastSent;
    bool m_pingOutstanding = false;
    int m_reconnectAttempt = 0;
};

} // namespace Mqtt

Q_DECLARE_METATYPE(Mqtt::SubscribeResult)
