// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "authenticator.h"
#include "connectionoptions.h"
#include "error.h"
#include "message.h"
#include "packettrace.h"
#include "properties.h"
#include "serverlimits.h"
#include "subscription.h"

#include <QByteArrayView>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace Mqtt {

class Transport;
class FrameReader;
class SessionStore;
class TopicAliases;
struct Frame;
struct AckPacket;
struct DisconnectPacket;

// The MQTT client: one connection at a time, to the first broker of options().servers() that
// answers (failover), as an explicit state machine driven by the transport's signals. It owns the
// dispatch (one handleX() per packet type in clientpackets.cpp, one sendX() in clientsend.cpp) and
// the timers; what it keeps about the session lives in a SessionStore, what the broker allows in
// ServerLimits, topic aliases in TopicAliases, and the rules on what it is asked to send in
// validation.h. Every bad input from the broker ends in closeWithError().
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
        // disconnectFromHost(): finishing open QoS 2 exchanges (a bounded wait), then
        // DISCONNECT sent, closing
        Disconnecting,
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
    // the Assigned Client Identifier of a 5.0 broker when we sent an empty one.
    QString clientId() const { return m_clientId; }
    bool sessionPresent() const { return m_serverLimits.sessionPresent(); }
    // What the broker of the current (or last) connection allows, read from its CONNACK;
    // the specification's defaults before any.
    const ServerLimits &serverLimits() const { return m_serverLimits; }
    // The properties of the last CONNACK, as the broker sent them (5.0).
    const Properties &connackProperties() const { return m_connackProperties; }
    // 5.0 values of the last CONNACK (empty when absent).
    QString connackReasonString() const { return m_serverLimits.reasonString(); }
    QString serverReference() const { return m_serverLimits.serverReference(); }
    QString responseInformation() const { return m_serverLimits.responseInformation(); }

    // Failover: the broker of the current (or last) attempt, one of options().servers() or one
    // a 5.0 Server Reference named; and its place in options().servers(), -1 for a referenced
    // one. Each connectToHost() starts again at the first.
    BrokerAddress currentServer() const { return m_currentServer; }
    int currentServerIndex() const { return m_serverIndex; }

    // 5.0 enhanced authentication with a method of the application's own. The client owns
    // it and uses it from the next connectToHost() on, for every connection, in place of
    // options().authenticationMethod (which otherwise makes one from userName and password,
    // e.g. "SCRAM-SHA-256"). Null returns to the options. Replacing it during a connection
    // leaves that connection with the one it started with.
    void setAuthenticator(std::unique_ptr<Authenticator> authenticator);
    Authenticator *authenticator() const { return m_customAuthenticator.get(); }

    TopicAliasPolicy topicAliasPolicy() const { return m_topicAliasPolicy; }
    void setTopicAliasPolicy(TopicAliasPolicy policy) { m_topicAliasPolicy = policy; }

    // How long disconnectFromHost() waits for open QoS 1/2 exchanges to finish (the broker's
    // PUBREL for messages we received, the acknowledgements of ours) before DISCONNECT.
    int disconnectDrainTimeoutMs() const { return m_drainTimeoutMs; }
    void setDisconnectDrainTimeoutMs(int milliseconds) { m_drainTimeoutMs = milliseconds; }

    void connectToHost();
    void connectToHost(const ConnectionOptions &options);
    // Finishes the open QoS 2 exchanges (and waits for the acknowledgements of our own
    // messages in flight) for at most disconnectDrainTimeoutMs(), meanwhile delivering and
    // acknowledging no new message, then sends DISCONNECT, closes, and stops reconnecting.
    // Queued messages stay queued.
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
    // (error says why; nothing is sent). QoS 0 messages are "published" once written to the
    // transport.
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

    int inflightCount() const;
    int queuedCount() const;
    // Received QoS 2 messages whose PUBREL has not come yet.
    int awaitingReleaseCount() const;
    // Filters the client will subscribe again to when a reconnect finds no session.
    QList<SubscribeTopic> activeSubscriptions() const { return m_subscriptions; }

    static QString generateClientId();

    // Packet tracing: with On, every control packet written to or read from the transport is
    // reported through packetTraced() (the packet inspector, `switchboard-cli -d`). Off (the
    // default) costs one test per packet.
    PacketTracing packetTracing() const { return m_tracing; }
    void setPacketTracing(PacketTracing tracing) { m_tracing = tracing; }

Q_SIGNALS:
    void stateChanged(Mqtt::Client::State state);
    void connected(bool sessionPresent);
    void disconnected();
    void errorOccurred(const Mqtt::Error &error);
    void messageReceived(const Mqtt::Message &message);
    // The broker acknowledged (QoS 1/2) or the client wrote to the transport (QoS 0) the
    // message.
    void messagePublished(quint64 token);
    // The reason code and 5.0 reason string of the PUBACK (QoS 1) or PUBREC (QoS 2) that
    // accepted a message: Success, or No matching subscribers. 3.1.1 acks report Success.
    void publishAcknowledged(quint64 token, Mqtt::ReasonCode reasonCode,
                             const QString &reasonString);
    // 5.0: the broker refused the message with a reason code on PUBACK/PUBREC
    // (ErrorCode::Refused), or a message queued before the CONNACK breaks one of its limits
    // (then it is never sent), or its Message Expiry Interval ran out while it waited in the
    // queue (ErrorCode::MessageExpired; a message that waited but is still valid leaves with
    // the interval reduced by the wait).
    void messageRefused(quint64 token, const Mqtt::Error &error);
    // 5.0: the release of a QoS 2 exchange carried a failure reason code, e.g. Packet
    // Identifier not found (0x92) from a broker that lost the session state. The exchange
    // ends all the same and the connection stays up. For a PUBCOMP, token names our message:
    // the broker accepted it on its PUBREC, so messagePublished() follows. For a PUBREL of a
    // message we received, token is 0 and packetId names it (it was already delivered).
    // error.code is ErrorCode::ReleaseFailed, error.reasonCode the reason code, error.text
    // the reason code and Reason String.
    void releaseFailed(quint64 token, quint16 packetId, const Mqtt::Error &error);
    // 5.0: the broker accepted a re-authentication (AUTH Success) and proved itself.
    void reauthenticated();
    void subscriptionAcknowledged(quint64 token, const QList<Mqtt::SubscribeResult> &results);
    void unsubscriptionAcknowledged(quint64 token, const QStringList &filters);
    // Emitted right after unsubscriptionAcknowledged(), with each filter's reason code.
    void unsubscriptionResultsReceived(quint64 token, const QList<Mqtt::UnsubscribeResult> &results);
    void reconnectScheduled(int attempt, int delayMs);
    // An attempt goes to another broker than the one before: index in options().servers(), or
    // -1 for a broker a Server Reference named (currentServer() says which).
    void serverChanged(int index);
    // 5.0: the broker answered CONNECT (CONNACK) or ended the connection (DISCONNECT) with Use
    // another server or Server moved; reference is its Server Reference (empty when absent).
    // With options().followServerReference the next attempt goes to the referenced broker.
    void serverRedirected(const QString &reference, Mqtt::ReasonCode reasonCode);
    void pingResponseReceived();
    // Packet tracing is on and a packet crossed the wire: sent when the client hands it to the
    // transport, received before the client acts on it (a malformed one too).
    void packetTraced(const Mqtt::PacketTrace &trace);

private:
    enum class CloseMode { Abort, Graceful };

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
    // Failover: the next attempt goes, right away, to the next referenced broker or the next
    // one of the list; a lost connection passes through WaitingToReconnect on the way.
    void moveToNextServer();
    void advanceServer();
    void setCurrentServer(int index, const BrokerAddress &server);
    // The reconnect timer: after a back-off the round starts at the next broker of the list.
    void startAttempt();
    // Without an injected transport, one of the kind the current broker needs.
    void prepareTransport(TransportKind kind);
    // 5.0: a CONNACK or DISCONNECT with Use another server / Server moved.
    void noteRedirect(ReasonCode code, const Properties &properties);
    void resetConnectionState();
    void startSession(const QList<quint16> &earlierSubscribes,
                      const QList<quint16> &earlierUnsubscribes);
    // The end of disconnectFromHost(): nothing open is left or the wait is over.
    void finishDisconnect();
    bool isDrained() const;
    // Whether frames from the broker are read: waiting for CONNACK, connected, or finishing
    // exchanges before DISCONNECT.
    bool isReading() const;

    // ---- the dispatch (clientpackets.cpp)
    bool handleFrame(const Frame &frame);
    void handleConnack(const Frame &frame);
    void handlePublish(const Frame &frame);
    void handlePuback(const Frame &frame);
    // The error messageRefused() reports for a PUBACK/PUBREC with a failure reason code.
    static Error refusal(const AckPacket &ack);
    // The error releaseFailed() reports for a PUBREL/PUBCOMP with a failure reason code.
    static Error releaseProblem(const AckPacket &ack);
    void handlePubrec(const Frame &frame);
    void handlePubrel(const Frame &frame);
    void handlePubcomp(const Frame &frame);
    void handleSuback(const Frame &frame);
    void handleUnsuback(const Frame &frame);
    void handlePingresp(const Frame &frame);
    void handleDisconnect(const Frame &frame);
    void handleAuth(const Frame &frame);

    void sendConnect();
    // message.qos and message.packetId say how it goes; topic is its UTF-8.
    void sendPublish(const QByteArray &topic, const Message &message, bool dup);
    void sendAck(PacketType type, quint16 packetId);
    // 5.0: PUBREL with a reason code (e.g. Packet Identifier not found).
    void sendAck(PacketType type, quint16 packetId, ReasonCode reason);
    // The last check of a SUBSCRIBE or UNSUBSCRIBE: a free packet id, or 0 with *error set
    // to problem (or to "every id is in use"). *error is cleared on success.
    quint16 acceptRequest(Error problem, Error *error);
    void sendSubscribe(quint16 packetId, const QList<SubscribeTopic> &topics,
                       const Properties &properties = {});
    void sendUnsubscribe(quint16 packetId, const QStringList &filters,
                         const Properties &properties = {});
    void sendPingreq();
    void sendDisconnect(const DisconnectPacket &packet);
    void sendAuth(ReasonCode reason, const QByteArray &data);
    // Checks the options' enhanced authentication and makes the authenticator it needs.
    Error prepareAuthentication();
    // 5.0: the properties to send with a PUBLISH to topic, with a topic alias set or used;
    // clears wireTopic when the alias alone names the topic.
    const Properties *outgoingProperties(const QByteArray &topic, QByteArrayView *wireTopic,
                                         const Properties &properties);
    // Packets are coalesced and leave in one transport write: at the end of onReadyRead()
    // (the acknowledgements of a burst and the publishes they release) or on the next
    // event-loop turn.
    void writeBytes(const QByteArray &bytes);
    void scheduleFlush(); // after appending a packet to m_pendingWrites
    void flushPendingWrites();
    // Packet tracing: reports the frames of m_pendingWrites not reported yet (the one send
    // point), and a frame read from the broker (the one receive point).
    void traceWrites();
    void traceReceived(const Frame &frame);
    void emitTrace(PacketDirection direction, QByteArrayView frame, qint64 monotonicNs,
                   qint64 wallTimeMs);

    void pumpQueue();
    bool hasInflightRoom() const;
    // QoS 0: "published" once written to the transport, reported after publish() has
    // returned the token.
    void flushWritten();

    Transport *m_transport = nullptr;
    ConnectionOptions m_options;
    State m_state = State::Disconnected;
    Error m_lastError;
    QString m_clientId;
    ServerLimits m_serverLimits;
    Properties m_connackProperties;
    bool m_userDisconnect = false;
    bool m_hadConnection = false; // connected at least once since connectToHost()

    std::unique_ptr<FrameReader> m_reader;
    std::unique_ptr<SessionStore> m_session;
    std::unique_ptr<TopicAliases> m_aliases;
    QList<SubscribeTopic> m_subscriptions;
    QHash<QString, Properties> m_subscriptionProperties; // 5.0: by filter, when not empty

    QTimer m_keepAliveTimer;
    QTimer m_pingTimeoutTimer;
    QTimer m_connectTimer;
    QTimer m_reconnectTimer;
    QTimer m_drainTimer; // bounds the wait of disconnectFromHost()
    QElapsedTimer m_lastSent;
    QElapsedTimer m_clock; // monotonic time of the queue, for Message Expiry Interval
    bool m_pingOutstanding = false;
    int m_reconnectAttempt = 0;
    bool m_closingTransport = false; // the client itself is closing the transport
    quint16 m_keepAlive = 0; // seconds in force: ours, or the broker's Server Keep Alive (5.0)
    TopicAliasPolicy m_topicAliasPolicy = TopicAliasPolicy::Automatic;
    Properties m_aliasProperties; // scratch: a message's properties plus its alias
    int m_drainTimeoutMs = 3000;
    // disconnectFromHost() waiting for open exchanges: the DISCONNECT it will send
    std::unique_ptr<DisconnectPacket> m_pendingDisconnect;
    // 5.0 enhanced authentication: the application's authenticator, the one the options
    // made, and the one the current connection uses (shared: replacing the application's
    // one during a connection must not destroy it under the exchange).
    enum class AuthStage { None, Connecting, Reauthenticating, Established };
    std::shared_ptr<Authenticator> m_customAuthenticator;
    std::shared_ptr<Authenticator> m_activeAuthenticator;
    AuthStage m_authStage = AuthStage::None;
    bool m_transportInjected = false; // setTransport() was called: the options do not choose
    TransportKind m_transportKind = TransportKind::Tcp; // of the transport the options chose
    // Failover: options().servers() as of connectToHost(), the broker of this attempt and its
    // index (-1: referenced), the last index used of the list, how many of the list the current
    // round has tried, the brokers a Server Reference named still to try, and how many
    // references were followed since the last CONNACK that accepted us (bounded: no loops).
    QList<BrokerAddress> m_servers;
    BrokerAddress m_currentServer;
    int m_serverIndex = 0;
    int m_listIndex = 0;
    int m_triedInRound = 0;
    QList<BrokerAddress> m_referencedServers;
    int m_redirectCount = 0;
    bool m_newRound = false; // the reconnect timer starts a round at the next broker
    // QoS 0 tokens whose bytes are in m_pendingWrites, and those written, not yet reported
    std::vector<quint64> m_unwrittenTokens;
    std::vector<quint64> m_writtenTokens;
    bool m_writtenFlushPosted = false;
    QByteArray m_pendingWrites;
    PacketTracing m_tracing = PacketTracing::Off;
    qsizetype m_tracedBytes = 0; // of m_pendingWrites, already reported by traceWrites()
    QByteArray m_traceFrame; // the bytes of the trace being reported
    qint64 m_readMonotonicNs = 0; // when the current read took the bytes (tracing on)
    qint64 m_readWallTimeMs = 0;
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
