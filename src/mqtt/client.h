// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "authenticator.h"
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
    SubscribeResult() = default;
    SubscribeResult(const QString &filter, quint8 reasonCode, const QString &reasonString = {})
        : filter(filter), reasonCode(reasonCode), reasonString(reasonString)
    { }

    QString filter;
    quint8 reasonCode = 0; // granted QoS 0..2, or >= 0x80 for a refusal
    QString reasonString; // 5.0: the broker's Reason String of the SUBACK, if any
    bool isRefused() const { return reasonCode >= 0x80; }
    // The reason code's name and meaning, e.g. "Granted QoS 1".
    QString reasonText() const { return reasonCodeText(ReasonCode(reasonCode)); }
};

// 5.0: the broker's answer for one filter of an UNSUBSCRIBE (3.1.1 brokers answer Success).
struct UnsubscribeResult
{
    UnsubscribeResult() = default;
    UnsubscribeResult(const QString &filter, quint8 reasonCode, const QString &reasonString = {})
        : filter(filter), reasonCode(reasonCode), reasonString(reasonString)
    { }

    QString filter;
    quint8 reasonCode = 0; // Success, No subscription existed, or >= 0x80 for a refusal
    QString reasonString;
    bool isRefused() const { return reasonCode >= 0x80; }
    QString reasonText() const { return reasonCodeText(ReasonCode(reasonCode)); }
};

// 5.0: how the client shortens the topics it publishes with topic aliases.
enum class TopicAliasPolicy {
    // The first PUBLISH to a topic sends topic and a new alias, later ones the alias only,
    // while the broker's Topic Alias Maximum leaves room.
    Automatic,
    Disabled, // only aliases the application sets in Message.properties
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

    // Replaces the transport (the client takes ownership) and keeps it for every connection.
    // Without one, connectToHost() makes the transport options().transport names.
    void setTransport(Transport *transport);
    Transport *transport() const { return m_transport; }

    ConnectionOptions options() const { return m_options; }
    void setOptions(const ConnectionOptions &options);

    State state() const { return m_state; }
    Error lastError() const { return m_lastError; }
    // The client id sent in the last CONNECT (generated when the options left it empty), or
    // the Assigned Client Identifier of a 5.0 broker.
    QString clientId() const { return m_clientId; }
    bool sessionPresent() const { return m_sessionPresent; }
    ConnackPacket connack() const { return m_connack; }
    // 5.0 values of the last CONNACK (empty when absent).
    QString connackReasonString() const;
    QString serverReference() const;
    QString responseInformation() const;

    // 5.0 enhanced authentication with a method of the application's own. The client owns
    // it and uses it from the next connectToHost() on, for every connection, in place of
    // options().authenticationMethod (which otherwise makes one from userName and password,
    // e.g. "SCRAM-SHA-256"). Null returns to the options. Replacing it during a connection
    // leaves that connection with the one it started with.
    void setAuthenticator(std::unique_ptr<Authenticator> authenticator);
    Authenticator *authenticator() const { return m_customAuthenticator.get(); }

    TopicAliasPolicy topicAliasPolicy() const { return m_topicAliasPolicy; }
    void setTopicAliasPolicy(TopicAliasPolicy policy) { m_topicAliasPolicy = policy; }

    void connectToHost();
    void connectToHost(const ConnectionOptions &options);
    // Sends DISCONNECT, closes, and stops reconnecting. Queued messages stay queued.
    void disconnectFromHost();
    // 5.0: DISCONNECT with a reason code (e.g. DisconnectWithWillMessage) and properties
    // (Session Expiry Interval, Reason String, User Property). 3.1.1 ignores both.
    void disconnectFromHost(ReasonCode reason, const Properties &properties = {});
    // Closes the connection without DISCONNECT (the broker publishes the will).
    void abortConnection();
    // 5.0: starts a re-authentication (AUTH Re-authenticate) with the method of this
    // connection. reauthenticated() reports success; a failure closes the connection with
    // errorOccurred() (the broker's DISCONNECT, or our check of its final data). Returns
    // false (error says why) without a connected, enhanced-authenticated session or while
    // one is already running.
    bool reauthenticate(Error *error = nullptr);

    // Returns a token (> 0) identifying the message in messagePublished(), or 0 when refused
    // (error says why; nothing is sent). QoS 0 messages are "published" once written.
    // 5.0: a message above the broker's Maximum QoS, retained when Retain Available is 0, or
    // larger than its Maximum Packet Size is refused, not downgraded.
    quint64 publish(const Message &message, Error *error = nullptr);
    quint64 subscribe(const QList<SubscribeTopic> &topics, Error *error = nullptr);
    // 5.0: with SUBSCRIBE properties (a Subscription Identifier, user properties).
    quint64 subscribe(const QList<SubscribeTopic> &topics, const Properties &properties,
                      Error *error = nullptr);
    quint64 subscribe(const QString &filter, QoS qos, Error *error = nullptr);
    quint64 unsubscribe(const QStringList &filters, Error *error = nullptr);
    // 5.0: with UNSUBSCRIBE properties, which can only be user properties (3.10.2.1).
    quint64 unsubscribe(const QStringList &filters, const Properties &properties,
                        Error *error = nullptr);

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
    // The reason code and 5.0 reason string of the PUBACK (QoS 1) or PUBREC (QoS 2) that
    // accepted a message: Success, or No matching subscribers. 3.1.1 acks report Success.
    void publishAcknowledged(quint64 token, quint8 reasonCode, const QString &reasonString);
    // 5.0: the broker refused the message with a reason code on PUBACK/PUBREC, or a message
    // queued before the CONNACK breaks one of its limits (then it is never sent), or its
    // Message Expiry Interval ran out while it waited in the queue (ErrorCode::MessageExpired;
    // a message that waited but is still valid leaves with the interval reduced by the wait).
    void messageRefused(quint64 token, const Mqtt::Error &error);
    // 5.0: the release of a QoS 2 exchange carried a failure reason code, e.g. Packet
    // Identifier not found (0x92) from a broker that lost the session state. The exchange
    // ends all the same and the connection stays up. For a PUBCOMP, token names our message:
    // the broker accepted it on its PUBREC, so messagePublished() follows. For a PUBREL of a
    // message we received, token is 0 and packetId names it (it was already delivered).
    // error.reasonCode holds the reason code, error.text the reason code and Reason String.
    void releaseFailed(quint64 token, quint16 packetId, const Mqtt::Error &error);
    // 5.0: the broker accepted a re-authentication (AUTH Success) and proved itself.
    void reauthenticated();
    void subscriptionAcknowledged(quint64 token, const QList<Mqtt::SubscribeResult> &results);
    void unsubscriptionAcknowledged(quint64 token, const QStringList &filters);
    // Emitted right after unsubscriptionAcknowledged(), with each filter's reason code.
    void unsubscriptionResultsReceived(quint64 token, const QList<Mqtt::UnsubscribeResult> &results);
    void reconnectScheduled(int attempt, int delayMs);
    void pingResponseReceived();

private:
    enum class Stage { AwaitingPuback, AwaitingPubrec, AwaitingPubcomp };
    enum class CloseMode { Abort, Graceful };
    struct Outgoing
    {
        quint64 token = 0;
        Message message;
        QByteArray topic; // UTF-8
        qint64 queuedAt = 0; // m_clock time of publish(): the wait counts against its expiry
    };
    struct Inflight
    {
        quint64 token = 0;
        Message message;
        QByteArray topic;
        Stage stage = Stage::AwaitingPuback;
        qint64 queuedAt = 0;
    };
    struct PendingSubscribe
    {
        quint64 token = 0;
        QList<SubscribeTopic> topics;
        Properties properties;
    };
    struct PendingUnsubscribe
    {
        quint64 token = 0;
        QStringList filters;
        Properties properties;
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
    // closeWithError() for a packet the codec refused.
    void closeWithDecodeError(const QString &text, ReasonCode reason);
    // Closes the transport without reacting to the signals it emits while doing so.
    void closeTransport(CloseMode mode);
    void connectionLost();
    void scheduleReconnect();
    void resetConnectionState();
    void startSession(const QList<quint16> &earlierSubscribes,
                      const QList<quint16> &earlierUnsubscribes);

    bool handleFrame(const FrameReader::Frame &frame);
    void handleConnack(const FrameReader::Frame &frame);
    void handlePublish(const FrameReader::Frame &frame);
    void handlePuback(const FrameReader::Frame &frame);
    // The error messageRefused() reports for a PUBACK/PUBREC with a failure reason code.
    static Error refusal(const AckPacket &ack);
    // The error releaseFailed() reports for a PUBREL/PUBCOMP with a failure reason code.
    static Error releaseProblem(const AckPacket &ack);
    void handlePubrec(const FrameReader::Frame &frame);
    void handlePubrel(const FrameReader::Frame &frame);
    void handlePubcomp(const FrameReader::Frame &frame);
    void handleSuback(const FrameReader::Frame &frame);
    void handleUnsuback(const FrameReader::Frame &frame);
    void handlePingresp(const FrameReader::Frame &frame);
    void handleDisconnect(const FrameReader::Frame &frame);
    void handleAuth(const FrameReader::Frame &frame);

    void sendConnect();
    void sendPublish(const Inflight &inflight, bool dup);
    void sendPublishQos0(const Outgoing &outgoing);
    void sendAck(PacketType type, quint16 packetId);
    void sendSubscribe(quint16 packetId, const QList<SubscribeTopic> &topics,
                       const Properties &properties = {});
    void sendUnsubscribe(quint16 packetId, const QStringList &filters,
                         const Properties &properties = {});
    void sendPingreq();
    void sendDisconnect(const DisconnectPacket &packet = {});
    void sendAuth(ReasonCode reason, const QByteArray &data);
    // Checks the options' enhanced authentication and makes the authenticator it needs.
    Error prepareAuthentication();
    // 5.0: the Message Expiry Interval of a queued message reduced by its wait; false when it
    // has run out.
    bool ageMessage(Message &message, qint64 &queuedAt) const;
    // 5.0: the limits of the broker's CONNACK a message must respect to be sent.
    Error brokerLimitProblem(const Message &message, qsizetype topicSize) const;
    // 5.0: a packet of size bytes is over the broker's Maximum Packet Size.
    Error packetSizeProblem(qint64 size) const;
    // 5.0: the properties to send with a PUBLISH to topic, with a topic alias set or used;
    // clears wireTopic when the alias alone names the topic.
    const Properties *outgoingProperties(const QByteArray &topic, QByteArrayView *wireTopic,
                                         const Properties &properties);
    void bindOutgoingAlias(const QByteArray &topic, quint16 alias);
    // Packets are coalesced and leave in one transport write: at the end of onReadyRead()
    // (the acknowledgements of a burst and the publishes they release) or on the next
    // event-loop turn.
    void writeBytes(const QByteArray &bytes);
    void scheduleFlush(); // after appending a packet to m_pendingWrites
    void flushPendingWrites();

    bool isPacketIdInUse(quint16 id) const;
    quint16 allocatePacketId(); // 0 when every id is in use
    void completeInflight(quint16 packetId);
    void pumpQueue();
    bool hasInflightRoom() const;
    // QoS 0: "published" once written, reported after publish() has returned the token.
    void reportWritten(quint64 token);
    void flushWritten();

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

    quint64 m_nextToken = 1;
    quint16 m_lastPacketId = 0;
    std::deque<Outgoing> m_queue;
    QHash<quint16, Inflight> m_inflight;
    std::deque<quint16> m_inflightOrder; // send order, for resending [MQTT-4.4.0-1]
    QHash<quint16, PendingSubscribe> m_pendingSubscribes;
    QHash<quint16, PendingUnsubscribe> m_pendingUnsubscribes;
    QSet<quint16> m_incomingQos2; // received QoS 2 ids awaiting PUBREL: delivered once
    QList<SubscribeTopic> m_subscriptions;
    QHash<QString, Properties> m_subscriptionProperties; // 5.0: by filter, when not empty

    QTimer m_keepAliveTimer;
    QTimer m_pingTimeoutTimer;
    QTimer m_connectTimer;
    QTimer m_reconnectTimer;
    QElapsedTimer m_lastSent;
    QElapsedTimer m_clock; // monotonic time of the queue, for Message Expiry Interval
    bool m_pingOutstanding = false;
    int m_reconnectAttempt = 0;
    bool m_closingTransport = false; // the client itself is closing the transport
    quint16 m_keepAlive = 0; // seconds in force: ours, or the broker's Server Keep Alive (5.0)
    QHash<quint16, QByteArray> m_topicAliases; // 5.0: aliases the broker set on this connection
    QHash<QByteArray, quint16> m_outgoingAliases; // 5.0: aliases we set on this connection
    QHash<quint16, QByteArray> m_outgoingAliasTopics; // the same, by alias
    TopicAliasPolicy m_topicAliasPolicy = TopicAliasPolicy::Automatic;
    Properties m_aliasProperties; // scratch: a message's properties plus its alias
    // 5.0 enhanced authentication: the application's authenticator, the one the options
    // made, and the one the current connection uses (shared: replacing the application's
    // one during a connection must not destroy it under the exchange).
    enum class AuthStage { None, Connecting, Reauthenticating, Established };
    std::shared_ptr<Authenticator> m_customAuthenticator;
    std::shared_ptr<Authenticator> m_activeAuthenticator;
    AuthStage m_authStage = AuthStage::None;
    bool m_transportInjected = false; // setTransport() was called: the options do not choose
    std::vector<quint64> m_writtenTokens; // QoS 0 tokens written, not yet reported
    bool m_writtenFlushPosted = false;
    QByteArray m_pendingWrites;
    int m_readDepth = 0; // inside onReadyRead(): it flushes at its end
    bool m_writeFlushPosted = false;
    // Messages mostly repeat their topic: the last conversion is reused, which saves the
    // validation and an allocation per message.
    QString m_lastPublishedTopic;
    QByteArray m_lastPublishedTopicUtf8;
    QByteArray m_lastReceivedTopicUtf8;
    QString m_lastReceivedTopic;
};

} // namespace Mqtt

Q_DECLARE_METATYPE(Mqtt::SubscribeResult)
Q_DECLARE_METATYPE(Mqtt::UnsubscribeResult)
