// SPDX-License-Identifier: Apache-2.0
#include "client.h"

#include "codec.h"
#include "framereader.h"
#include "logging.h"
#include "sessionstore.h"
#include "topicaliases.h"
#include "validation.h"

#include <QMetaEnum>

#include <algorithm>
#include <cstring>

// The Client's dispatch: one handleX() per packet the broker sends, and the session's start
// after a CONNACK. Each handler checks state first (protocol error) and shape second
// (malformed packet).
namespace Mqtt {

namespace {

// Receiving a packet the client must never get from a broker.
bool isClientOnlyPacket(PacketType type)
{
    return type == PacketType::Connect || type == PacketType::Subscribe ||
           type == PacketType::Unsubscribe || type == PacketType::Pingreq;
}

// 5.0: Use another server / Server moved name where to go, in the error's text.
QString serverReferenceText(const Properties &properties)
{
    const QString reference = properties.string(PropertyId::ServerReference);
    return reference.isEmpty() ? QString() : Client::tr("; server reference: %1").arg(reference);
}

} // namespace

bool Client::isReading() const
{
    return m_state == State::Connected || m_state == State::WaitingForConnack ||
           (m_state == State::Disconnecting && m_pendingDisconnect);
}

// ---- the dispatch ------------------------------------------------------------------------

void Client::traceReceived(const Frame &frame)
{
    // The frame reader keeps the fixed header right before the body.
    const qsizetype headerSize = qsizetype(frame.size) - frame.body.size();
    emitTrace(PacketDirection::Received,
              QByteArrayView(frame.body.data() - headerSize, qsizetype(frame.size)),
              m_readMonotonicNs, m_readWallTimeMs);
}

bool Client::handleFrame(const Frame &frame)
{
    if (m_tracing == PacketTracing::On)
        traceReceived(frame);
    qCDebug(lcMqttPackets) << "received" << frame.type << "flags" << frame.flags << "size"
                           << frame.size;
    if (frame.type == PacketType::Reserved) { // [MQTT-2.2.1] type 0 is reserved
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent a packet of the reserved type 0"),
                       quint8(ReasonCode::ProtocolError));
        return false;
    }
    if (isClientOnlyPacket(frame.type)) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent a %1 packet, which only clients send")
                               .arg(QString::fromLatin1(QMetaEnum::fromType<PacketType>().valueToKey(
                                                                int(frame.type)))
                                            .toUpper()),
                       quint8(ReasonCode::ProtocolError));
        return false;
    }
    // [MQTT-3.2.0-1]: the first packet from the broker is CONNACK.
    if (m_state == State::WaitingForConnack && frame.type != PacketType::Connack &&
        frame.type != PacketType::Disconnect && frame.type != PacketType::Auth) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent another packet before CONNACK"),
                       quint8(ReasonCode::ProtocolError));
        return false;
    }
    switch (frame.type) {
    case PacketType::Connack:
        handleConnack(frame);
        break;
    case PacketType::Publish:
        handlePublish(frame);
        break;
    case PacketType::Puback:
        handlePuback(frame);
        break;
    case PacketType::Pubrec:
        handlePubrec(frame);
        break;
    case PacketType::Pubrel:
        handlePubrel(frame);
        break;
    case PacketType::Pubcomp:
        handlePubcomp(frame);
        break;
    case PacketType::Suback:
        handleSuback(frame);
        break;
    case PacketType::Unsuback:
        handleUnsuback(frame);
        break;
    case PacketType::Pingresp:
        handlePingresp(frame);
        break;
    case PacketType::Disconnect:
        handleDisconnect(frame);
        break;
    case PacketType::Auth:
        handleAuth(frame);
        break;
    default:
        break; // handled above
    }
    return isReading();
}

void Client::handleConnack(const Frame &frame)
{
    if (m_state != State::WaitingForConnack) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent a second CONNACK"),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    const auto decoded = decodeConnack(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const ConnackPacket &connack = decoded.packet;
    Authenticator *const authenticator =
            m_authStage == AuthStage::Connecting ? m_activeAuthenticator.get() : nullptr;
    if (connack.returnCode != 0) {
        QString text = m_options.version == ProtocolVersion::V5
                               ? tr("The broker refused the connection: %1")
                                         .arg(reasonCodeText(ReasonCode(connack.returnCode)))
                               : connectReturnCodeText(ConnectReturnCode(connack.returnCode));
        if (authenticator) {
            const ReasonCode code = ReasonCode(connack.returnCode);
            if (code == ReasonCode::BadAuthenticationMethod)
                text = tr("%1 (the broker does not offer the authentication method %2)")
                               .arg(text, authenticator->method());
            else if (code == ReasonCode::NotAuthorized || code == ReasonCode::BadUserNameOrPassword)
                text = tr("%1 (%2 authentication was not accepted)")
                               .arg(text, authenticator->method());
            // The method's own words for the failure, e.g. SCRAM's "e=invalid-proof".
            const QString detail = authenticator->failureText(
                    connack.properties.binary(PropertyId::AuthenticationData));
            if (!detail.isEmpty())
                text += QStringLiteral("; ") + detail;
        }
        if (m_options.version == ProtocolVersion::V5) {
            const QString reason = connack.properties.string(PropertyId::ReasonString);
            if (!reason.isEmpty())
                text += QStringLiteral(" (%1)").arg(reason);
            text += serverReferenceText(connack.properties);
            noteRedirect(ReasonCode(connack.returnCode), connack.properties);
        }
        closeWithError(ErrorCode::ConnectionRefused, text, connack.returnCode);
        return;
    }
    if (authenticator) {
        // [MQTT-4.12.0-5]: a successful CONNACK names the method of the CONNECT.
        const QString method = connack.properties.string(PropertyId::AuthenticationMethod);
        if (method != authenticator->method()) {
            closeWithError(ErrorCode::ProtocolError,
                           tr("Protocol error: the broker accepted the connection with "
                              "authentication method \"%1\" instead of \"%2\"")
                                   .arg(method, authenticator->method()),
                           quint8(ReasonCode::ProtocolError));
            return;
        }
        // The broker proves itself before anything of the session is trusted.
        const AuthenticationStep step =
                authenticator->finish(connack.properties.binary(PropertyId::AuthenticationData));
        if (!step.ok()) {
            closeWithError(ErrorCode::AuthenticationFailed, step.error,
                           quint8(ReasonCode::UnspecifiedError));
            return;
        }
        m_authStage = AuthStage::Established;
    }
    // [MQTT-3.2.2-4]: a clean session request must come back without a session.
    if (m_options.cleanSession && connack.sessionPresent) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker reported a session although a clean "
                          "session was requested"),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    m_connectTimer.stop();
    // Failover: a loss of this connection starts a new round from here.
    m_triedInRound = 1;
    m_redirectCount = 0;
    m_serverLimits = ServerLimits::fromConnack(connack.properties, m_options.version,
                                               connack.sessionPresent);
    m_connackProperties = connack.properties;
    // 5.0 (3.2.2.3.7): the broker names the client when our CONNECT's id was empty, and
    // reconnects reuse that name. The property is defined for that case only: when we sent
    // an id, ours stays (the user's persistent session is under it).
    const QString assigned = m_serverLimits.assignedClientIdentifier();
    if (m_options.version == ProtocolVersion::V5 &&
        connack.properties.contains(PropertyId::AssignedClientIdentifier)) {
        if (m_clientId.isEmpty())
            m_clientId = assigned;
        else if (assigned != m_clientId)
            qCWarning(lcMqtt).noquote() << "the broker assigned the client id" << assigned
                                        << "although we sent" << m_clientId << "; keeping ours";
    }
    m_aliases->setOutgoingMaximum(m_serverLimits.topicAliasMaximum());
    m_reconnectAttempt = 0;
    // Only what was asked before this CONNACK is asked again: a slot on stateChanged may
    // subscribe at once, and that SUBSCRIBE must go out once.
    const QList<quint16> earlierSubscribes = m_session->pendingSubscribeIds();
    const QList<quint16> earlierUnsubscribes = m_session->pendingUnsubscribeIds();
    setState(State::Connected);
    startSession(earlierSubscribes, earlierUnsubscribes);
    if (m_state != State::Connected)
        return;
    // [MQTT-3.2.2-21]: a Server Keep Alive replaces the interval the client asked for.
    m_keepAlive = m_serverLimits.keepAlive(m_options.keepAlive);
    if (m_keepAlive > 0)
        m_keepAliveTimer.start(int(m_keepAlive) * 1000);
    emit connected(m_serverLimits.sessionPresent());
}

void Client::startSession(const QList<quint16> &earlierSubscribes,
                          const QList<quint16> &earlierUnsubscribes)
{
    // [MQTT-3.2.2-5]: a broker that kept no session (though we asked for one) makes us
    // discard ours, as a clean session does.
    const bool resumed = !m_options.cleanSession && m_serverLimits.sessionPresent();
    if (resumed) {
        // [MQTT-4.4.0-1]: resend unacknowledged PUBLISH (DUP=1) and PUBREL, same ids, in order.
        for (const SessionStore::Inflight *inflight : m_session->inflightInOrder()) {
            if (inflight->stage == SessionStore::Stage::AwaitingPubcomp)
                sendAck(PacketType::Pubrel, inflight->message.packetId);
            else
                sendPublish(inflight->topic, inflight->message, true);
        }
    } else {
        // Nothing survives a clean session: messages that never reached the broker go out
        // again as new ones, in their original order; those it took count as published.
        for (quint64 token : m_session->resume(SessionStore::Continuity::Lost))
            emit messagePublished(token);
    }
    // SUBSCRIBE and UNSUBSCRIBE are not part of a session: ask again.
    for (quint16 id : earlierSubscribes) {
        if (const SessionStore::PendingSubscribe *pending = m_session->pendingSubscribe(id))
            sendSubscribe(id, pending->topics, pending->properties);
    }
    for (quint16 id : earlierUnsubscribes) {
        if (const SessionStore::PendingUnsubscribe *pending = m_session->pendingUnsubscribe(id))
            sendUnsubscribe(id, pending->filters, pending->properties);
    }
    // A reconnect that finds no session subscribes again to what it had.
    if (m_hadConnection && !m_serverLimits.sessionPresent() && !m_subscriptions.isEmpty()) {
        // One SUBSCRIBE per set of properties: a subscription keeps its identifier.
        QList<SessionStore::PendingSubscribe> groups;
        for (const SubscribeTopic &topic : std::as_const(m_subscriptions)) {
            const Properties properties = m_subscriptionProperties.value(topic.filter);
            auto group = std::find_if(groups.begin(), groups.end(), [&](const auto &candidate) {
                return candidate.properties == properties;
            });
            if (group == groups.end())
                groups.append(SessionStore::PendingSubscribe{0, {topic}, properties});
            else
                group->topics.append(topic);
        }
        for (const SessionStore::PendingSubscribe &group : std::as_const(groups)) {
            if (const quint16 id = m_session->allocatePacketId()) {
                m_session->addSubscribe(id, group);
                sendSubscribe(id, group.topics, group.properties);
            }
        }
    }
    m_hadConnection = true;
    pumpQueue();
}

void Client::handlePublish(const Frame &frame)
{
    auto decoded = decodePublish(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const PublishView &view = decoded.packet;
    const quint16 id = view.packetId;
    const QoS qos = view.qos;
    QByteArrayView topic = view.topic;
    if (const auto alias = view.properties.integer(PropertyId::TopicAlias)) {
        switch (m_aliases->resolveIncoming(quint16(*alias), &topic)) {
        case TopicAliases::Resolution::Resolved:
            break;
        case TopicAliases::Resolution::AboveMaximum: // [MQTT-3.3.2-9]
            closeWithError(ErrorCode::ProtocolError,
                           tr("Protocol error: the broker used topic alias %1, above the "
                              "maximum of %2")
                                   .arg(*alias)
                                   .arg(m_aliases->incomingMaximum()),
                           quint8(ReasonCode::TopicAliasInvalid));
            return;
        case TopicAliases::Resolution::Unknown:
            closeWithError(ErrorCode::ProtocolError,
                           tr("Protocol error: the broker used topic alias %1 before "
                              "setting it")
                                   .arg(*alias),
                           quint8(ReasonCode::TopicAliasInvalid));
            return;
        }
    }
    if (qos == QoS::ExactlyOnce && m_session->isAwaitingRelease(id)) {
        // Seen before its PUBREL: acknowledge again, deliver nothing.
        sendAck(PacketType::Pubrec, id);
        return;
    }
    if (m_state == State::Disconnecting) {
        // Finishing before DISCONNECT: a new message is neither delivered nor acknowledged
        // (a kept session gets it again).
        qCDebug(lcMqtt) << "PUBLISH while disconnecting: not taken";
        return;
    }
    // [MQTT-3.3.4-9]: no more unacknowledged QoS 2 messages than the Receive Maximum we sent
    // (QoS 1 is acknowledged at once, so only those awaiting PUBREL count).
    if (qos == QoS::ExactlyOnce && m_options.version == ProtocolVersion::V5) {
        const quint32 maximum =
                m_options.connectProperties.integer(PropertyId::ReceiveMaximum).value_or(65535);
        if (quint32(m_session->awaitingReleaseCount()) >= maximum) {
            closeWithError(ErrorCode::ProtocolError,
                           tr("Protocol error: the broker sent more than %L1 QoS 2 messages "
                              "awaiting release")
                                   .arg(maximum),
                           quint8(ReasonCode::ReceiveMaximumExceeded));
            return;
        }
    }
    if (m_lastReceivedTopic.isNull() || topic != QByteArrayView(m_lastReceivedTopicUtf8)) {
        m_lastReceivedTopicUtf8.resize(topic.size()); // reuses its capacity
        std::memcpy(m_lastReceivedTopicUtf8.data(), topic.data(), size_t(topic.size()));
        m_lastReceivedTopic = QString::fromUtf8(topic);
    }
    Message message;
    message.topic = m_lastReceivedTopic; // shared, not copied
    message.payload = view.payload.toByteArray();
    message.qos = qos;
    message.retain = view.retain;
    message.dup = view.dup;
    message.packetId = id;
    message.properties = std::move(decoded.packet.properties);
    if (qos == QoS::AtLeastOnce) {
        sendAck(PacketType::Puback, id);
    } else if (qos == QoS::ExactlyOnce) {
        m_session->receiveQos2(id);
        sendAck(PacketType::Pubrec, id);
    }
    emit messageReceived(message);
}

Error Client::refusal(const AckPacket &ack)
{
    QString text = tr("The broker refused the message: %1").arg(reasonCodeText(ack.reasonCode));
    const QString reason = ack.properties.string(PropertyId::ReasonString);
    if (!reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(reason);
    return Error{ErrorCode::Refused, text, quint8(ack.reasonCode)};
}

Error Client::releaseProblem(const AckPacket &ack)
{
    QString text = ack.type == PacketType::Pubrel
                           ? tr("The broker's PUBREL for packet id %1 reports: %2")
                           : tr("The broker's PUBCOMP for packet id %1 reports: %2");
    text = text.arg(ack.packetId).arg(reasonCodeText(ack.reasonCode));
    const QString reason = ack.properties.string(PropertyId::ReasonString);
    if (!reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(reason);
    return Error{ErrorCode::ReleaseFailed, text, quint8(ack.reasonCode)};
}

void Client::handlePuback(const Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Puback, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const quint16 id = decoded.packet.packetId;
    const std::optional<quint64> token = m_session->acknowledgePuback(id);
    if (!token) {
        qCWarning(lcMqtt) << "PUBACK for packet id" << id << "that awaits none; ignored";
        return;
    }
    if (isFailure(decoded.packet.reasonCode)) { // [MQTT-4.4.0-2]: the exchange ends here
        emit messageRefused(*token, refusal(decoded.packet));
    } else {
        emit publishAcknowledged(*token, decoded.packet.reasonCode,
                                 decoded.packet.properties.string(PropertyId::ReasonString));
        emit messagePublished(*token);
    }
    pumpQueue();
}

void Client::handlePubrec(const Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Pubrec, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const quint16 id = decoded.packet.packetId;
    quint64 token = 0;
    switch (m_session->acknowledgePubrec(id, decoded.packet.reasonCode, &token)) {
    case SessionStore::PubrecOutcome::Accepted:
        sendAck(PacketType::Pubrel, id);
        emit publishAcknowledged(token, decoded.packet.reasonCode,
                                 decoded.packet.properties.string(PropertyId::ReasonString));
        return;
    case SessionStore::PubrecOutcome::Refused:
        emit messageRefused(token, refusal(decoded.packet));
        pumpQueue();
        return;
    case SessionStore::PubrecOutcome::Repeated:
        sendAck(PacketType::Pubrel, id); // our PUBREL may be lost: the broker asks again
        return;
    case SessionStore::PubrecOutcome::Unknown:
        // 4.3.3: the broker holds the message until it gets a PUBREL; 5.0 says we know no
        // such exchange (0x92), 3.1.1 has only the plain one.
        qCWarning(lcMqtt) << "PUBREC for packet id" << id << "that awaits none; released";
        if (m_options.version == ProtocolVersion::V5)
            sendAck(PacketType::Pubrel, id, ReasonCode::PacketIdentifierNotFound);
        else
            sendAck(PacketType::Pubrel, id);
        return;
    case SessionStore::PubrecOutcome::OutOfOrder:
        qCWarning(lcMqtt) << "PUBREC for packet id" << id << "of a QoS 1 message; ignored";
        return;
    }
}

void Client::handlePubrel(const Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Pubrel, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const quint16 id = decoded.packet.packetId;
    m_session->release(id);
    sendAck(PacketType::Pubcomp, id);
    if (isFailure(decoded.packet.reasonCode))
        emit releaseFailed(0, id, releaseProblem(decoded.packet));
}

void Client::handlePubcomp(const Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Pubcomp, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const quint16 id = decoded.packet.packetId;
    const std::optional<quint64> token = m_session->acknowledgePubcomp(id);
    if (!token) {
        qCWarning(lcMqtt) << "PUBCOMP for packet id" << id << "that awaits none; ignored";
        return;
    }
    if (isFailure(decoded.packet.reasonCode))
        emit releaseFailed(*token, id, releaseProblem(decoded.packet));
    emit messagePublished(*token);
    pumpQueue();
}

void Client::handleSuback(const Frame &frame)
{
    const auto decoded = decodeSuback(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const std::optional<SessionStore::PendingSubscribe> taken =
            m_session->takeSubscribe(decoded.packet.packetId);
    if (!taken) {
        qCWarning(lcMqtt) << "SUBACK for unknown packet id" << decoded.packet.packetId;
        return;
    }
    const SessionStore::PendingSubscribe &pending = *taken;
    if (decoded.packet.reasonCodes.size() != pending.topics.size()) { // [MQTT-3.9.3-1]
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the SUBACK has %1 return codes for %2 topic filters")
                               .arg(decoded.packet.reasonCodes.size())
                               .arg(pending.topics.size()),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    QList<SubscribeResult> results;
    results.reserve(pending.topics.size());
    for (int i = 0; i < pending.topics.size(); ++i) {
        const SubscribeTopic &topic = pending.topics[i];
        const quint8 code = decoded.packet.reasonCodes[i];
        results.append(SubscribeResult{topic.filter, ReasonCode(code),
                                       decoded.packet.properties.string(PropertyId::ReasonString)});
        m_subscriptions.removeIf(
                [&](const SubscribeTopic &known) { return known.filter == topic.filter; });
        m_subscriptionProperties.remove(topic.filter);
        if (code < 0x80) {
            m_subscriptions.append(topic);
            if (!pending.properties.isEmpty())
                m_subscriptionProperties.insert(topic.filter, pending.properties);
        }
    }
    emit subscriptionAcknowledged(pending.token, results);
}

void Client::handleUnsuback(const Frame &frame)
{
    const auto decoded = decodeUnsuback(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const std::optional<SessionStore::PendingUnsubscribe> taken =
            m_session->takeUnsubscribe(decoded.packet.packetId);
    if (!taken) {
        qCWarning(lcMqtt) << "UNSUBACK for unknown packet id" << decoded.packet.packetId;
        return;
    }
    const SessionStore::PendingUnsubscribe &pending = *taken;
    // 3.1.1 UNSUBACKs carry no codes: each filter reads Success.
    const QList<quint8> &codes = decoded.packet.reasonCodes;
    if (m_options.version == ProtocolVersion::V5 && codes.size() != pending.filters.size()) {
        closeWithError(ErrorCode::ProtocolError, // [MQTT-3.11.3-1]
                       tr("Protocol error: the UNSUBACK has %1 reason codes for %2 topic filters")
                               .arg(codes.size())
                               .arg(pending.filters.size()),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    for (int i = 0; i < pending.filters.size(); ++i) {
        if (i < codes.size() && codes[i] >= 0x80)
            continue; // refused: the subscription stays
        const QString &filter = pending.filters[i];
        m_subscriptions.removeIf(
                [&](const SubscribeTopic &known) { return known.filter == filter; });
        m_subscriptionProperties.remove(filter);
    }
    emit unsubscriptionAcknowledged(pending.token, pending.filters);
    QList<UnsubscribeResult> results;
    results.reserve(pending.filters.size());
    const QString reasonString = decoded.packet.properties.string(PropertyId::ReasonString);
    for (int i = 0; i < pending.filters.size(); ++i)
        results.append(UnsubscribeResult{pending.filters[i],
                                         ReasonCode(i < codes.size() ? codes[i] : quint8(0)),
                                         reasonString});
    emit unsubscriptionResultsReceived(pending.token, results);
}

void Client::handlePingresp(const Frame &frame)
{
    if (const QString problem = emptyPacketProblem(PacketType::Pingresp, frame.flags, frame.body);
        !problem.isEmpty()) {
        closeWithError(ErrorCode::MalformedPacket, problem, quint8(ReasonCode::MalformedPacket));
        return;
    }
    m_pingOutstanding = false;
    m_pingTimeoutTimer.stop();
    emit pingResponseReceived();
}

void Client::handleDisconnect(const Frame &frame)
{
    if (m_options.version != ProtocolVersion::V5) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent DISCONNECT, which MQTT 3.1.1 does "
                          "not allow"),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    const auto decoded = decodeDisconnect(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    QString text = tr("The broker disconnected: %1").arg(reasonCodeText(decoded.packet.reasonCode));
    const QString reason = decoded.packet.properties.string(PropertyId::ReasonString);
    if (!reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(reason);
    text += serverReferenceText(decoded.packet.properties);
    noteRedirect(decoded.packet.reasonCode, decoded.packet.properties);
    closeWithError(ErrorCode::BrokerDisconnected, text, quint8(decoded.packet.reasonCode));
}

void Client::handleAuth(const Frame &frame)
{
    // State first: AUTH exists in 5.0 only, and only inside an exchange the client started.
    if (m_options.version != ProtocolVersion::V5) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent AUTH, which MQTT 3.1.1 does not "
                          "allow"),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    Authenticator *const authenticator = m_activeAuthenticator.get();
    // [MQTT-4.12.0-6]: no AUTH without an Authentication Method in CONNECT; and none
    // between exchanges.
    if (!authenticator ||
        (m_authStage != AuthStage::Connecting && m_authStage != AuthStage::Reauthenticating)) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker started an authentication exchange "
                          "that was not asked for"),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    const auto decoded = decodeAuth(frame.flags, frame.body);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const AuthPacket &packet = decoded.packet;
    // [MQTT-4.12.0-5]: every AUTH names the method of the CONNECT.
    const QString method = packet.properties.string(PropertyId::AuthenticationMethod);
    if (method != authenticator->method()) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker's AUTH names authentication method "
                          "\"%1\" instead of \"%2\"")
                               .arg(method, authenticator->method()),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    const QByteArray data = packet.properties.binary(PropertyId::AuthenticationData);
    switch (packet.reasonCode) {
    case ReasonCode::ContinueAuthentication: {
        const AuthenticationStep step = authenticator->respond(data);
        if (!step.ok()) {
            closeWithError(ErrorCode::AuthenticationFailed, step.error,
                           quint8(ReasonCode::UnspecifiedError));
            return;
        }
        sendAuth(ReasonCode::ContinueAuthentication, step.data);
        return;
    }
    case ReasonCode::Success: {
        // A first authentication ends with the CONNACK, not with AUTH Success.
        if (m_authStage != AuthStage::Reauthenticating) {
            closeWithError(ErrorCode::ProtocolError,
                           tr("Protocol error: the broker ended the authentication with AUTH "
                              "instead of CONNACK"),
                           quint8(ReasonCode::ProtocolError));
            return;
        }
        const AuthenticationStep step = authenticator->finish(data);
        if (!step.ok()) {
            closeWithError(ErrorCode::AuthenticationFailed, step.error,
                           quint8(ReasonCode::UnspecifiedError));
            return;
        }
        m_authStage = AuthStage::Established;
        emit reauthenticated();
        return;
    }
    default:
        // [MQTT-3.15.2-1]: Re-authenticate is the client's; nothing else is an AUTH code.
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent AUTH with reason code %1")
                               .arg(reasonCodeText(packet.reasonCode)),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
}

bool Client::reauthenticate(Error *error)
{
    Error problem;
    if (m_state != State::Connected)
        problem = {ErrorCode::NotConnected, tr("Not connected to a broker"), 0};
    else if (!m_activeAuthenticator || m_authStage == AuthStage::None) // [MQTT-4.12.0-7]
        problem = {ErrorCode::InvalidArgument,
                   tr("Re-authentication needs a connection made with enhanced authentication"), 0};
    else if (m_authStage == AuthStage::Reauthenticating)
        problem = {ErrorCode::InvalidArgument, tr("A re-authentication is already running"), 0};
    AuthenticationStep step;
    if (!problem) {
        step = m_activeAuthenticator->start();
        if (!step.ok())
            problem = {ErrorCode::AuthenticationFailed, step.error, 0};
    }
    if (error)
        *error = problem;
    if (problem)
        return false;
    m_authStage = AuthStage::Reauthenticating;
    sendAuth(ReasonCode::ReAuthenticate, step.data);
    return true;
}

} // namespace Mqtt
