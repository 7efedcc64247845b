// SPDX-License-Identifier: Apache-2.0
#include "client.h"

#include "bytes.h"
#include "codec.h"
#include "logging.h"
#include "sessionstore.h"
#include "topicaliases.h"
#include "transport.h"
#include "validation.h"

#include <QDateTime>

#include <algorithm>
#include <cstring>

// The Client's sending side: publish(), subscribe() and unsubscribe(), the queue and its
// in-flight window, one sendX() per packet we send, topic aliases, and the write batching.
namespace Mqtt {

// ---- verbs -------------------------------------------------------------------------------

quint64 Client::publish(const Message &message, Error *error)
{
    Error problem;
    QByteArray topic;
    if (!m_lastPublishedTopic.isEmpty() && message.topic == m_lastPublishedTopic) {
        topic = m_lastPublishedTopicUtf8; // validated when it was first seen
    } else {
        problem = validateTopicName(message.topic);
        topic = message.topic.toUtf8();
        if (!problem) {
            m_lastPublishedTopic = message.topic;
            m_lastPublishedTopicUtf8 = topic;
        }
    }
    if (!problem)
        problem = validateMessage(message, topic.size());
    // The limits of the current connection's CONNACK; queued messages are checked when sent.
    if (!problem && m_options.version == ProtocolVersion::V5 && m_state == State::Connected)
        problem = validateAgainstServerLimits(message, topic.size(), m_serverLimits,
                                              m_topicAliasPolicy);
    std::deque<SessionStore::Outgoing> &queue = m_session->queue();
    if (!problem && (m_state != State::Connected || !queue.empty()) &&
        int(queue.size()) >= m_options.maximumQueued)
        problem = {ErrorCode::QueueFull,
                   tr("The queue of messages waiting to be sent is full (%L1 messages)")
                           .arg(m_options.maximumQueued),
                   0};
    if (problem) {
        if (error)
            *error = problem;
        return 0;
    }
    if (error)
        *error = {};

    SessionStore::Outgoing outgoing{m_session->takeToken(), message, std::move(topic),
                                    m_clock.elapsed()};
    outgoing.message.dup = false;
    outgoing.message.packetId = 0;
    const quint64 token = outgoing.token;
    if (m_state == State::Connected && queue.empty()) {
        if (message.qos == QoS::AtMostOnce) {
            sendPublish(outgoing.topic, outgoing.message, false);
            m_unwrittenTokens.push_back(token);
            return token;
        }
        if (hasInflightRoom()) {
            if (const quint16 id = m_session->allocatePacketId()) {
                const SessionStore::Inflight &inflight =
                        m_session->startInflight(std::move(outgoing), id);
                sendPublish(inflight.topic, inflight.message, false);
                return token;
            }
        }
    }
    queue.push_back(std::move(outgoing));
    return token;
}

quint64 Client::subscribe(const QString &filter, QoS qos, Error *error)
{
    SubscribeTopic topic;
    topic.filter = filter;
    topic.qos = qos;
    return subscribe(QList<SubscribeTopic>{topic}, error);
}

quint64 Client::subscribe(const QList<SubscribeTopic> &topics, Error *error)
{
    return subscribe(topics, Properties(), error);
}

quint64 Client::subscribe(const QList<SubscribeTopic> &topics, const Properties &properties,
                          Error *error)
{
    const ServerLimits *limits = m_state == State::Connected ? &m_serverLimits : nullptr;
    Error problem;
    if (topics.isEmpty())
        problem = {ErrorCode::InvalidArgument, tr("No topic filter to subscribe to"), 0};
    for (const SubscribeTopic &topic : topics) {
        if (problem)
            break;
        problem = validateSubscription(topic, m_options.version, limits);
    }
    if (!problem)
        problem = validateSubscribeProperties(properties, m_options.version, limits);
    if (!problem && m_state != State::Connected)
        problem = {ErrorCode::NotConnected, tr("Not connected to a broker"), 0};
    if (!problem && m_options.version == ProtocolVersion::V5)
        problem = validatePacketSize(
                encode(SubscribePacket{1, topics, properties}, m_options.version).size(),
                m_serverLimits);
    const quint16 id = acceptRequest(problem, error);
    if (id == 0)
        return 0;
    const quint64 token = m_session->takeToken();
    m_session->addSubscribe(id, SessionStore::PendingSubscribe{token, topics, properties});
    sendSubscribe(id, topics, properties);
    return token;
}

quint16 Client::acceptRequest(Error problem, Error *error)
{
    quint16 id = 0;
    if (!problem && (id = m_session->allocatePacketId()) == 0)
        problem = {ErrorCode::QueueFull, tr("Every packet identifier is in use"), 0};
    if (error)
        *error = problem;
    return problem ? 0 : id;
}

quint64 Client::unsubscribe(const QStringList &filters, Error *error)
{
    return unsubscribe(filters, Properties(), error);
}

quint64 Client::unsubscribe(const QStringList &filters, const Properties &properties, Error *error)
{
    Error problem;
    if (filters.isEmpty())
        problem = {ErrorCode::InvalidArgument, tr("No topic filter to unsubscribe from"), 0};
    for (const QString &filter : filters) {
        if (problem)
            break;
        problem = validateTopicFilter(filter);
    }
    if (!problem)
        problem = validateUnsubscribeProperties(properties, m_options.version);
    if (!problem && m_state != State::Connected)
        problem = {ErrorCode::NotConnected, tr("Not connected to a broker"), 0};
    if (!problem && m_options.version == ProtocolVersion::V5)
        problem = validatePacketSize(
                encode(UnsubscribePacket{1, filters, properties}, m_options.version).size(),
                m_serverLimits);
    const quint16 id = acceptRequest(problem, error);
    if (id == 0)
        return 0;
    const quint64 token = m_session->takeToken();
    m_session->addUnsubscribe(id, SessionStore::PendingUnsubscribe{token, filters, properties});
    sendUnsubscribe(id, filters, properties);
    return token;
}

// ---- sending -----------------------------------------------------------------------------

void Client::sendConnect()
{
    ConnectPacket packet;
    packet.version = m_options.version;
    packet.clientId = m_clientId;
    packet.cleanSession = m_options.cleanSession;
    packet.keepAlive = m_options.keepAlive;
    packet.will = m_options.will;
    packet.userName = m_options.userName;
    packet.password = m_options.password;
    packet.properties = m_options.connectProperties;
    m_authStage = AuthStage::None;
    if (m_options.version == ProtocolVersion::V5 && m_activeAuthenticator) {
        // Every connection starts a new exchange (a new nonce for SCRAM).
        const AuthenticationStep step = m_activeAuthenticator->start();
        if (!step.ok()) {
            closeWithError(ErrorCode::AuthenticationFailed, step.error);
            return;
        }
        packet.properties.remove(PropertyId::AuthenticationMethod);
        packet.properties.remove(PropertyId::AuthenticationData);
        packet.properties.setString(PropertyId::AuthenticationMethod,
                                    m_activeAuthenticator->method());
        if (!step.data.isEmpty())
            packet.properties.setBinary(PropertyId::AuthenticationData, step.data);
        // The method proves the password: it must not travel in clear beside it.
        if (m_activeAuthenticator->consumesPassword())
            packet.password.reset();
        m_authStage = AuthStage::Connecting;
    }
    qCDebug(lcMqttPackets) << "send CONNECT client id" << m_clientId;
    writeBytes(encode(packet));
}

void Client::sendAuth(ReasonCode reason, const QByteArray &data)
{
    qCDebug(lcMqttPackets) << "send AUTH" << reason;
    AuthPacket packet;
    packet.reasonCode = reason;
    // [MQTT-4.12.1-1]: the method of the CONNECT, on every AUTH.
    packet.properties.setString(PropertyId::AuthenticationMethod, m_activeAuthenticator->method());
    if (!data.isEmpty())
        packet.properties.setBinary(PropertyId::AuthenticationData, data);
    writeBytes(encode(packet));
}

void Client::sendPublish(const QByteArray &topic, const Message &message, bool dup)
{
    qCDebug(lcMqttPackets) << "send PUBLISH QoS" << quint8(message.qos) << "id" << message.packetId
                           << "dup" << dup;
    QByteArrayView wireTopic = topic;
    const Properties *properties = outgoingProperties(topic, &wireTopic, message.properties);
    encodePublish(m_pendingWrites, m_options.version, wireTopic, message.payload, message.qos,
                  message.retain, dup, message.packetId, properties);
    scheduleFlush();
}

void Client::sendAck(PacketType type, quint16 packetId)
{
    qCDebug(lcMqttPackets) << "send" << type << "id" << packetId;
    encodeAck(m_pendingWrites, type, packetId);
    scheduleFlush();
}

void Client::sendAck(PacketType type, quint16 packetId, ReasonCode reason)
{
    qCDebug(lcMqttPackets) << "send" << type << "id" << packetId << reason;
    writeBytes(encode(AckPacket{type, packetId, reason, {}}, m_options.version));
}

void Client::sendSubscribe(quint16 packetId, const QList<SubscribeTopic> &topics,
                           const Properties &properties)
{
    qCDebug(lcMqttPackets) << "send SUBSCRIBE id" << packetId;
    writeBytes(encode(SubscribePacket{packetId, topics, properties}, m_options.version));
}

void Client::sendUnsubscribe(quint16 packetId, const QStringList &filters,
                             const Properties &properties)
{
    qCDebug(lcMqttPackets) << "send UNSUBSCRIBE id" << packetId;
    writeBytes(encode(UnsubscribePacket{packetId, filters, properties}, m_options.version));
}

void Client::sendPingreq()
{
    qCDebug(lcMqttPackets) << "send PINGREQ";
    writeBytes(encodePingreq());
}

void Client::sendDisconnect(const DisconnectPacket &packet)
{
    qCDebug(lcMqttPackets) << "send DISCONNECT" << packet.reasonCode;
    writeBytes(encode(packet, m_options.version));
}

// ---- 5.0 topic aliases -------------------------------------------------------------------

const Properties *Client::outgoingProperties(const QByteArray &topic, QByteArrayView *wireTopic,
                                             const Properties &properties)
{
    if (m_options.version != ProtocolVersion::V5)
        return &properties;
    if (const auto alias = properties.integer(PropertyId::TopicAlias)) {
        // The application set an alias: the broker now maps it to this topic, so must we.
        m_aliases->bindOutgoing(topic, quint16(*alias));
        return &properties;
    }
    if (m_topicAliasPolicy != TopicAliasPolicy::Automatic)
        return &properties;
    const TopicAliases::Choice choice = m_aliases->chooseOutgoing(topic);
    if (choice.alias == 0)
        return &properties;
    if (!choice.topicNeeded)
        *wireTopic = {}; // the alias alone names the topic
    m_aliasProperties = properties;
    m_aliasProperties.setInteger(PropertyId::TopicAlias, choice.alias);
    return &m_aliasProperties;
}

// ---- writing -----------------------------------------------------------------------------

void Client::writeBytes(const QByteArray &bytes)
{
    m_pendingWrites.append(bytes);
    scheduleFlush();
}

void Client::scheduleFlush()
{
    // Posted even inside onReadyRead(), which flushes when it returns: a slot it calls may run
    // a nested event loop, and what was written must not wait for that loop to end.
    if (m_writeFlushPosted)
        return;
    m_writeFlushPosted = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_writeFlushPosted = false;
                flushPendingWrites();
            },
            Qt::QueuedConnection);
}

void Client::flushPendingWrites()
{
    if (m_pendingWrites.isEmpty())
        return;
    if (m_transport->isOpen()) {
        if (m_tracing == PacketTracing::On)
            traceWrites();
        m_transport->write(m_pendingWrites.constData(), m_pendingWrites.size());
    }
    m_pendingWrites.resize(0); // keeps the capacity
    m_tracedBytes = 0;
    m_lastSent.restart();
    if (m_unwrittenTokens.empty())
        return;
    // QoS 0: "published" now that the transport has the bytes, reported on the next turn.
    m_writtenTokens.insert(m_writtenTokens.end(), m_unwrittenTokens.begin(),
                           m_unwrittenTokens.end());
    m_unwrittenTokens.clear();
    if (m_writtenFlushPosted)
        return;
    m_writtenFlushPosted = true;
    QMetaObject::invokeMethod(this, &Client::flushWritten, Qt::QueuedConnection);
}

void Client::traceWrites()
{
    // A slot of packetTraced() may send more: the loop reads the buffer's size each turn, and
    // the offset is a member so that a nested flush does not report a frame twice.
    const qint64 now = PacketTrace::monotonicNow();
    const qint64 wallTime = QDateTime::currentMSecsSinceEpoch();
    while (m_tracedBytes < m_pendingWrites.size()) {
        const QByteArrayView rest = QByteArrayView(m_pendingWrites).sliced(m_tracedBytes);
        const VarIntResult length = decodeVariableByteInteger(rest.sliced(1));
        const qsizetype size = 1 + length.length + qsizetype(length.value);
        if (length.status != VarIntStatus::Ok || size > rest.size())
            break; // our own encoder wrote it: cannot happen
        m_tracedBytes += size;
        emitTrace(PacketDirection::Sent, rest.first(size), now, wallTime);
    }
}

void Client::emitTrace(PacketDirection direction, QByteArrayView frame, qint64 monotonicNs,
                       qint64 wallTimeMs)
{
    // One buffer for every trace: reused while no slot keeps a copy of the bytes (the packet
    // inspector copies what it keeps), replaced when one does (implicit sharing keeps its copy
    // intact). Tracing then costs no allocation per packet.
    if (m_traceFrame.isDetached())
        m_traceFrame.resize(frame.size());
    else
        m_traceFrame = QByteArray(frame.size(), Qt::Uninitialized);
    std::memcpy(m_traceFrame.data(), frame.data(), size_t(frame.size()));
    emit packetTraced(PacketTrace::fromFrame(direction, m_options.version, m_traceFrame,
                                             monotonicNs, wallTimeMs));
}

void Client::flushWritten()
{
    m_writtenFlushPosted = false;
    const std::vector<quint64> tokens = std::exchange(m_writtenTokens, {});
    for (quint64 token : tokens)
        emit messagePublished(token);
}

// ---- the queue ---------------------------------------------------------------------------

bool Client::hasInflightRoom() const
{
    int maximum = std::clamp(m_options.maximumInflight, 1, 65535);
    // [MQTT-4.9.0-2]: 5.0 brokers announce how many QoS 1/2 messages they take at once.
    if (m_options.version == ProtocolVersion::V5)
        maximum = std::min<int>(maximum, m_serverLimits.receiveMaximum());
    return m_session->inflightCount() < maximum;
}

void Client::pumpQueue()
{
    std::deque<SessionStore::Outgoing> &queue = m_session->queue();
    while (m_state == State::Connected && !queue.empty()) {
        SessionStore::Outgoing &front = queue.front();
        if (m_options.version == ProtocolVersion::V5) {
            // The wait counts against the message's lifetime, as a broker counts it (3.3.2.3.3).
            if (!SessionStore::age(front.message, front.queuedAt, m_clock.elapsed())) {
                const quint64 token = front.token;
                queue.pop_front();
                emit messageRefused(token,
                                    Error{ErrorCode::MessageExpired,
                                          tr("The message expired while it waited to be sent"), 0});
                continue;
            }
            // Queued before this connection's CONNACK: its limits apply now.
            const Error problem = validateAgainstServerLimits(front.message, front.topic.size(),
                                                              m_serverLimits, m_topicAliasPolicy);
            if (problem) {
                const quint64 token = front.token;
                queue.pop_front();
                emit messageRefused(token, problem);
                continue;
            }
        }
        if (front.message.qos == QoS::AtMostOnce) {
            sendPublish(front.topic, front.message, false);
            m_unwrittenTokens.push_back(front.token);
            queue.pop_front();
            continue;
        }
        if (!hasInflightRoom())
            return;
        const quint16 id = m_session->allocatePacketId();
        if (id == 0)
            return; // every id is in use: wait for an acknowledgement
        SessionStore::Outgoing outgoing = std::move(front);
        queue.pop_front();
        const SessionStore::Inflight &inflight = m_session->startInflight(std::move(outgoing), id);
        sendPublish(inflight.topic, inflight.message, false);
    }
}

} // namespace Mqtt
