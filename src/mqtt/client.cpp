#include "client.h"

#include "codec.h"
#include "logging.h"
#include "topic.h"
#include "transport.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Mqtt {

namespace {

// Receiving a packet the client must never get from a broker.
bool isClientOnlyPacket(PacketType type)
{
    return type == PacketType::Connect || type == PacketType::Subscribe
            || type == PacketType::Unsubscribe || type == PacketType::Pingreq;
}

} // namespace

Client::Client(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Mqtt::Message>();
    qRegisterMetaType<Mqtt::Error>();
    qRegisterMetaType<Mqtt::SubscribeResult>();
    qRegisterMetaType<QList<Mqtt::SubscribeResult>>();

    setTransport(new TcpTransport);
    m_keepAliveTimer.setSingleShot(true);
    m_pingTimeoutTimer.setSingleShot(true);
    m_connectTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    m_keepAliveTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &Client::onKeepAliveTimer);
    connect(&m_pingTimeoutTimer, &QTimer::timeout, this, &Client::onPingTimeout);
    connect(&m_connectTimer, &QTimer::timeout, this, &Client::onConnectTimeout);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Client::openTransport);
    m_lastSent.start();
}

Client::~Client()
{
    if (m_transport)
        m_transport->disconnect(this);
}

void Client::setTransport(Transport *transport)
{
    Q_ASSERT(transport);
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->abort();
        m_transport->deleteLater();
    }
    m_transport = transport;
    m_transport->setParent(this);
    connect(m_transport, &Transport::connected, this, &Client::onTransportConnected);
    connect(m_transport, &Transport::disconnected, this, &Client::onTransportDisconnected);
    connect(m_transport, &Transport::readyRead, this, &Client::onReadyRead);
    connect(m_transport, &Transport::errorOccurred, this, &Client::onTransportError);
}

void Client::setOptions(const ConnectionOptions &options)
{
    m_options = options;
}

QString Client::generateClientId()
{
    // 22 characters: within MQTT 3.1's limit of 23.
    return QStringLiteral("switchboard-%1")
            .arg(QRandomGenerator::global()->generate64() & 0xFFFFFFFFFFull, 10, 16,
                 QLatin1Char('0'));
}

void Client::setState(State state)
{
    if (m_state == state)
        return;
    qCDebug(lcMqtt) << "state" << m_state << "->" << state;
    m_state = state;
    emit stateChanged(state);
}

// ---- verbs -------------------------------------------------------------------------------

void Client::connectToHost(const ConnectionOptions &options)
{
    setOptions(options);
    connectToHost();
}

void Client::connectToHost()
{
    Error problem;
    if (m_options.host.trimmed().isEmpty())
        problem = {ErrorCode::InvalidArgument, tr("No broker host name is set"), 0};
    else if (m_options.port == 0)
        problem = {ErrorCode::InvalidArgument, tr("The port must be between 1 and 65535"), 0};
    else if (m_options.will) {
        problem = validateTopicName(m_options.will->topic);
        if (problem)
            problem.text = tr("Will topic: %1").arg(problem.text);
    }
    if (!problem && m_options.userName && !isValidUtf8String(m_options.userName->toUtf8()))
        problem = {ErrorCode::InvalidString, tr("The user name is not valid UTF-8"), 0};
    if (!problem && m_options.clientId.toUtf8().size() > MaximumStringLength)
        problem = {ErrorCode::InvalidString, tr("The client id is too long"), 0};
    if (problem) {
        m_lastError = problem;
        emit errorOccurred(problem);
        return;
    }

    if (m_state != State::Disconnected) {
        m_transport->abort();
        resetConnectionState();
    }
    m_userDisconnect = false;
    m_hadConnection = false;
    m_reconnectAttempt = 0;
    m_subscriptions.clear();
    m_lastError = {};
    m_clientId = m_options.clientId;
    if (m_clientId.isEmpty() && m_options.clientIdPolicy == ClientIdPolicy::GenerateWhenEmpty)
        m_clientId = generateClientId();
    openTransport();
}

void Client::openTransport()
{
    m_reader.clear();
    m_reader.setMaximumPacketSize(m_options.maximumIncomingPacketSize);
    setState(State::Connecting);
    qCDebug(lcMqtt) << "connecting to" << m_options.host << m_options.port;
    m_connectTimer.start(m_options.connectTimeoutMs);
    m_transport->connectToHost(m_options.host, m_options.port);
}

void Client::disconnectFromHost()
{
    m_userDisconnect = true;
    m_reconnectTimer.stop();
    switch (m_state) {
    case State::Disconnected:
    case State::Disconnecting:
        return;
    case State::WaitingToReconnect:
        setState(State::Disconnected);
        emit disconnected();
        return;
    case State::Connecting:
    case State::WaitingForConnack:
        m_transport->abort();
        resetConnectionState();
        setState(State::Disconnected);
        emit disconnected();
        return;
    case State::Connected:
        break;
    }
    sendDisconnect();
    resetConnectionState();
    setState(State::Disconnecting);
    m_transport->disconnectFromHost();
    if (!m_transport->isOpen() && m_state == State::Disconnecting) {
        setState(State::Disconnected);
        emit disconnected();
    }
}

void Client::abortConnection()
{
    m_userDisconnect = true;
    m_reconnectTimer.stop();
    if (m_state == State::Disconnected)
        return;
    m_transport->abort();
    resetConnectionState();
    setState(State::Disconnected);
    emit disconnected();
}

quint64 Client::publish(const Message &message, Error *error)
{
    Error problem = validateTopicName(message.topic);
    if (!problem && quint8(message.qos) > 2)
        problem = {ErrorCode::InvalidArgument, tr("The QoS must be 0, 1 or 2"), 0};
    QByteArray topic = message.topic.toUtf8();
    if (!problem && quint64(message.payload.size()) + quint64(topic.size()) + 4 > MaximumRemainingLength)
        problem = {ErrorCode::PacketTooLarge, tr("The message is larger than MQTT allows"), 0};
    if (!problem && (m_state != State::Connected || !m_queue.empty())
        && int(m_queue.size()) >= m_options.maximumQueued)
        problem = {ErrorCode::QueueFull,
                   tr("The queue of messages waiting to be sent is full (%1 messages)")
                           .arg(m_options.maximumQueued),
                   0};
    if (problem) {
        if (error)
            *error = problem;
        return 0;
    }
    if (error)
        *error = {};

    Outgoing outgoing{m_nextToken++, message, std::move(topic)};
    outgoing.message.dup = false;
    outgoing.message.packetId = 0;
    const quint64 token = outgoing.token;
    if (m_state == State::Connected && m_queue.empty()) {
        if (message.qos == QoS::AtMostOnce) {
            sendPublishQos0(outgoing);
            return token;
        }
        if (hasInflightRoom()) {
            if (const quint16 id = allocatePacketId()) {
                Inflight inflight{token, std::move(outgoing.message), std::move(outgoing.topic),
                                  message.qos == QoS::AtLeastOnce ? Stage::AwaitingPuback
                                                                  : Stage::AwaitingPubrec};
                inflight.message.packetId = id;
                auto it = m_inflight.insert(id, std::move(inflight));
                m_inflightOrder.push_back(id);
                sendPublish(*it, false);
                return token;
            }
        }
    }
    m_queue.push_back(std::move(outgoing));
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
    Error problem;
    if (topics.isEmpty())
        problem = {ErrorCode::InvalidArgument, tr("No topic filter to subscribe to"), 0};
    for (const SubscribeTopic &topic : topics) {
        if (problem)
            break;
        problem = validateTopicFilter(topic.filter);
        if (!problem && quint8(topic.qos) > 2)
            problem = {ErrorCode::InvalidArgument, tr("The QoS must be 0, 1 or 2"), 0};
    }
    if (!problem && m_state != State::Connected)
        problem = {ErrorCode::NotConnected, tr("Not connected to a broker"), 0};
    quint16 id = 0;
    if (!problem && (id = allocatePacketId()) == 0)
        problem = {ErrorCode::QueueFull, tr("Every packet identifier is in use"), 0};
    if (problem) {
        if (error)
            *error = problem;
        return 0;
    }
    if (error)
        *error = {};
    const quint64 token = m_nextToken++;
    m_pendingSubscribes.insert(id, PendingSubscribe{token, topics});
    sendSubscribe(id, topics);
    return token;
}

quint64 Client::unsubscribe(const QStringList &filters, Error *error)
{
    Error problem;
    if (filters.isEmpty())
        problem = {ErrorCode::InvalidArgument, tr("No topic filter to unsubscribe from"), 0};
    for (const QString &filter : filters) {
        if (problem)
            break;
        problem = validateTopicFilter(filter);
    }
    if (!problem && m_state != State::Connected)
        problem = {ErrorCode::NotConnected, tr("Not connected to a broker"), 0};
    quint16 id = 0;
    if (!problem && (id = allocatePacketId()) == 0)
        problem = {ErrorCode::QueueFull, tr("Every packet identifier is in use"), 0};
    if (problem) {
        if (error)
            *error = problem;
        return 0;
    }
    if (error)
        *error = {};
    const quint64 token = m_nextToken++;
    m_pendingUnsubscribes.insert(id, PendingUnsubscribe{token, filters});
    sendUnsubscribe(id, filters);
    return token;
}

// ---- transport events --------------------------------------------------------------------

void Client::onTransportConnected()
{
    if (m_state != State::Connecting)
        return;
    setState(State::WaitingForConnack);
    sendConnect();
}

void Client::onTransportDisconnected()
{
    switch (m_state) {
    case State::Disconnecting:
        setState(State::Disconnected);
        emit disconnected();
        return;
    case State::Connecting:
    case State::WaitingForConnack:
    case State::Connected:
        closeWithError(ErrorCode::BrokerDisconnected, tr("The broker closed the connection"));
        return;
    case State::Disconnected:
    case State::WaitingToReconnect:
        return;
    }
}

void Client::onTransportError(const QString &text)
{
    if (m_state == State::Connecting || m_state == State::WaitingForConnack
        || m_state == State::Connected)
        closeWithError(ErrorCode::TransportError,
                       tr("Connection to %1:%2 failed: %3")
                               .arg(m_options.host)
                               .arg(m_options.port)
                               .arg(text));
}

void Client::onConnectTimeout()
{
    if (m_state == State::Connecting || m_state == State::WaitingForConnack)
        closeWithError(ErrorCode::ConnectTimeout,
                       m_state == State::Connecting
                               ? tr("Timed out connecting to %1:%2")
                                         .arg(m_options.host)
                                         .arg(m_options.port)
                               : tr("The broker did not answer the CONNECT in time"));
}

void Client::onReadyRead()
{
    while (m_transport->bytesAvailable() > 0) {
        const qint64 available = m_transport->bytesAvailable();
        char *room = m_reader.reserve(available);
        const qint64 read = m_transport->read(room, available);
        m_reader.commit(std::max<qint64>(read, 0));
        if (read <= 0)
            break;
    }
    FrameReader::Frame frame;
    while (m_state == State::WaitingForConnack || m_state == State::Connected) {
        const FrameReader::Status status = m_reader.next(&frame);
        if (status == FrameReader::Status::NeedMoreData)
            return;
        if (status == FrameReader::Status::Error) {
            const bool tooLarge = m_reader.errorString().contains(QLatin1String("maximum"));
            closeWithError(tooLarge ? ErrorCode::PacketTooLarge : ErrorCode::MalformedPacket,
                           m_reader.errorString(),
                           quint8(tooLarge ? ReasonCode::PacketTooLarge
                                           : ReasonCode::MalformedPacket));
            return;
        }
        if (!handleFrame(frame))
            return;
    }
}

// ---- the dispatch ------------------------------------------------------------------------

bool Client::handleFrame(const FrameReader::Frame &frame)
{
    qCDebug(lcMqttPackets) << "received" << frame.type << "flags" << frame.flags << "size"
                           << frame.size;
    if (isClientOnlyPacket(frame.type) || frame.type == PacketType::Reserved) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent a packet of type %1, which only "
                          "clients send")
                               .arg(int(frame.type)),
                       quint8(ReasonCode::ProtocolError));
        return false;
    }
    // [MQTT-3.2.0-1]: the first packet from the broker is CONNACK.
    if (m_state == State::WaitingForConnack && frame.type != PacketType::Connack
        && frame.type != PacketType::Disconnect && frame.type != PacketType::Auth) {
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
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker started an authentication exchange "
                          "that was not asked for"),
                       quint8(ReasonCode::ProtocolError));
        break;
    default:
        break; // handled above
    }
    return m_state == State::Connected || m_state == State::WaitingForConnack;
}

void Client::handleConnack(const FrameReader::Frame &frame)
{
    if (m_state != State::WaitingForConnack) {
        closeWithError(ErrorCode::ProtocolError,
                       tr("Protocol error: the broker sent a second CONNACK"),
                       quint8(ReasonCode::ProtocolError));
        return;
    }
    const auto decoded = decodeConnack(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithError(decoded.reason == ReasonCode::ProtocolError ? ErrorCode::ProtocolError
                                                                   : ErrorCode::MalformedPacket,
                       decoded.error, quint8(decoded.reason));
        return;
    }
    const ConnackPacket &connack = decoded.packet;
    if (connack.returnCode != 0) {
        const QString text = m_options.version == ProtocolVersion::V5
                ? tr("The broker refused the connection: %1")
                          .arg(reasonCodeText(ReasonCode(connack.returnCode)))
                : connectReturnCodeText(ConnectReturnCode(connack.returnCode));
        closeWithError(ErrorCode::ConnectionRefused, text, connack.returnCode);
        return;
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
    m_connack = connack;
    m_sessionPresent = connack.sessionPresent;
    m_reconnectAttempt = 0;
    setState(State::Connected);
    startSession();
    if (m_state != State::Connected)
        return;
    if (m_options.keepAlive > 0)
        m_keepAliveTimer.start(int(m_options.keepAlive) * 1000);
    emit connected(m_sessionPresent);
}

void Client::startSession()
{
    const bool keepSession = !m_options.cleanSession;
    if (!keepSession) {
        // Nothing survives a clean session: messages that never reached the broker go out
        // again as new ones, in their original order.
        m_incomingQos2.clear();
        std::deque<Outgoing> again;
        for (quint16 id : m_inflightOrder) {
            Inflight &inflight = m_inflight[id];
            if (inflight.stage == Stage::AwaitingPubcomp) {
                emit messagePublished(inflight.token); // the broker has it
                continue;
            }
            inflight.message.packetId = 0;
            again.push_back(Outgoing{inflight.token, inflight.message, inflight.topic});
        }
        m_inflight.clear();
        m_inflightOrder.clear();
        m_queue.insert(m_queue.begin(), std::make_move_iterator(again.begin()),
                       std::make_move_iterator(again.end()));
    } else {
        // [MQTT-4.4.0-1]: resend unacknowledged PUBLISH (DUP=1) and PUBREL, same ids, in order.
        for (quint16 id : m_inflightOrder) {
            const Inflight &inflight = m_inflight[id];
            if (inflight.stage == Stage::AwaitingPubcomp)
                sendAck(PacketType::Pubrel, id);
            else
                sendPublish(inflight, true);
        }
    }
    // SUBSCRIBE and UNSUBSCRIBE are not part of a session: ask again.
    for (auto it = m_pendingSubscribes.cbegin(); it != m_pendingSubscribes.cend(); ++it)
        sendSubscribe(it.key(), it.value().topics);
    for (auto it = m_pendingUnsubscribes.cbegin(); it != m_pendingUnsubscribes.cend(); ++it)
        sendUnsubscribe(it.key(), it.value().filters);
    // A reconnect that finds no session subscribes again to what it had.
    if (m_hadConnection && !m_sessionPresent && !m_subscriptions.isEmpty()) {
        if (const quint16 id = allocatePacketId()) {
            m_pendingSubscribes.insert(id, PendingSubscribe{0, m_subscriptions});
            sendSubscribe(id, m_subscriptions);
        }
    }
    m_hadConnection = true;
    pumpQueue();
}

void Client::handlePublish(const FrameReader::Frame &frame)
{
    auto decoded = decodePublish(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithError(decoded.reason == ReasonCode::ProtocolError ? ErrorCode::ProtocolError
                                                                   : ErrorCode::MalformedPacket,
                       decoded.error, quint8(decoded.reason));
        return;
    }
    const PublishView &view = decoded.packet;
    const quint16 id = view.packetId;
    const QoS qos = view.qos;
    if (qos == QoS::ExactlyOnce && m_incomingQos2.contains(id)) {
        // Seen before its PUBREL: acknowledge again, deliver nothing.
        sendAck(PacketType::Pubrec, id);
        return;
    }
    Message message;
    message.topic = QString::fromUtf8(view.topic);
    message.payload = view.payload.toByteArray();
    message.qos = qos;
    message.retain = view.retain;
    message.dup = view.dup;
    message.packetId = id;
    message.properties = std::move(decoded.packet.properties);
    if (qos == QoS::AtLeastOnce) {
        sendAck(PacketType::Puback, id);
    } else if (qos == QoS::ExactlyOnce) {
        m_incomingQos2.insert(id);
        sendAck(PacketType::Pubrec, id);
    }
    emit messageReceived(message);
}

void Client::handlePuback(const FrameReader::Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Puback, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithError(ErrorCode::MalformedPacket, decoded.error, quint8(decoded.reason));
        return;
    }
    const quint16 id = decoded.packet.packetId;
    auto it = m_inflight.find(id);
    if (it == m_inflight.end() || it->stage != Stage::AwaitingPuback) {
        qCWarning(lcMqtt) << "PUBACK for packet id" << id << "that awaits none; ignored";
        return;
    }
    const quint64 token = it->token;
    completeInflight(id);
    if (isFailure(decoded.packet.reasonCode)) // [MQTT-4.4.0-2]: the exchange ends here
        emit messageRefused(token,
                            Error{ErrorCode::ProtocolError,
                                  tr("The broker refused the message: %1")
                                          .arg(reasonCodeText(decoded.packet.reasonCode)),
                                  quint8(decoded.packet.reasonCode)});
    else
        emit messagePublished(token);
    pumpQueue();
}

void Client::handlePubrec(const FrameReader::Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Pubrec, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithError(ErrorCode::MalformedPacket, decoded.error, quint8(decoded.reason));
        return;
    }
    const quint16 id = decoded.packet.packetId;
    auto it = m_inflight.find(id);
    if (it == m_inflight.end() || it->stage == Stage::AwaitingPuback) {
        qCWarning(lcMqtt) << "PUBREC for packet id" << id << "that awaits none; ignored";
        return;
    }
    if (isFailure(decoded.packet.reasonCode)) {
        const quint64 token = it->token;
        completeInflight(id);
        emit messageRefused(token,
                            Error{ErrorCode::ProtocolError,
                                  tr("The broker refused the message: %1")
                                          .arg(reasonCodeText(decoded.packet.reasonCode)),
                                  quint8(decoded.packet.reasonCode)});
        pumpQueue();
        return;
    }
    it->stage = Stage::AwaitingPubcomp;
    it->message.payload = QByteArray(); // only the id is needed from now on
    sendAck(PacketType::Pubrel, id);
}

void Client::handlePubrel(const FrameReader::Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Pubrel, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithError(ErrorCode::MalformedPacket, decoded.error, quint8(decoded.reason));
        return;
    }
    m_incomingQos2.remove(decoded.packet.packetId);
    sendAck(PacketType::Pubcomp, decoded.packet.packetId);
}

void Client::handlePubcomp(const FrameReader::Frame &frame)
{
    const auto decoded =
            decodeAck(PacketType::Pubcomp, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithError(ErrorCode::MalformedPacket, decoded.error, quint8(decoded.reason));
        return;
    }
    const quint16 id = decoded.packet.packetId;
    auto it = m_inflight.find(id);
    if (it == m_inflight.end() || it->stage != Stage::AwaitingPubcomp) {
        qCWarning(lcMqtt) << "PUBCOMP for packet id" << id << "that awaits none; ignored";
        return;
    }
    const quint64 token = it->token;
    completeInflight(id);
    emit messagePublished(token);
    pumpQueue();
}

void Client::handleSuback(const FrameReader::Frame &frame)
{
    const auto decoded = decodeSuback(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithError(ErrorCode::MalformedPacket, decoded.error, quint8(decoded.reason));
        return;
    }
    auto it = m_pendingSubscribes.find(decoded.packet.packetId);
    if (it == m_pendingSubscribes.end()) {
        qCWarning(lcMqtt) << "SUBACK for unknown packet id" << decoded.packet.packetId;
        return;
    }
    const PendingSubscribe pending = it.value();
    m_pendingSubscribes.erase(it);
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
        results.append(SubscribeResult{topic.filter, code});
        m_subscriptions.removeIf(
                [&](const SubscribeTopic &known) { return known.filter == topic.filter; });
        if (code < 0x80)
            m_subscriptions.append(topic);
    }
    emit subscriptionAcknowledged(pending.token, results);
}

void Client::handleUnsuback(const FrameReader::Frame &frame)
{
    const auto decoded = decodeUnsuback(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithError(ErrorCode::MalformedPacket, decoded.error, quint8(decoded.reason));
        return;
    }
    auto it = m_pendingUnsubscribes.find(decoded.packet.packetId);
    if (it == m_pendingUnsubscribes.end()) {
        qCWarning(lcMqtt) << "UNSUBACK for unknown packet id" << decoded.packet.packetId;
        return;
    }
    const PendingUnsubscribe pending = it.value();
    m_pendingUnsubscribes.erase(it);
    for (const QString &filter : pending.filters)
        m_subscriptions.removeIf([&](const SubscribeTopic &known) { return known.filter == filter; });
    emit unsubscriptionAcknowledged(pending.token, pending.filters);
}

void Client::handlePingresp(const FrameReader::Frame &frame)
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

void Client::handleDisconnect(const FrameReader::Frame &frame)
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
        closeWithError(ErrorCode::MalformedPacket, decoded.error, quint8(decoded.reason));
        return;
    }
    QString text = tr("The broker disconnected: %1").arg(reasonCodeText(decoded.packet.reasonCode));
    const QString reason = decoded.packet.properties.string(PropertyId::ReasonString);
    if (!reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(reason);
    closeWithError(ErrorCode::BrokerDisconnected, text, quint8(decoded.packet.reasonCode));
}

// ---- keep-alive --------------------------------------------------------------------------

void Client::onKeepAliveTimer()
{
    if (m_state != State::Connected || m_options.keepAlive == 0)
        return;
    const qint64 interval = qint64(m_options.keepAlive) * 1000;
    const qint64 idle = m_lastSent.elapsed();
    if (idle >= interval - 5 && !m_pingOutstanding) {
        sendPingreq();
        m_pingOutstanding = true;
        m_pingTimeoutTimer.start(m_options.pingTimeoutMs > 0 ? m_options.pingTimeoutMs
                                                             : int(interval));
        m_keepAliveTimer.start(int(interval));
    } else {
        m_keepAliveTimer.start(int(std::max<qint64>(interval - idle, 10)));
    }
}

void Client::onPingTimeout()
{
    if (m_state == State::Connected && m_pingOutstanding)
        closeWithError(ErrorCode::KeepAliveTimeout,
                       tr("The broker did not answer the keep-alive ping in time; the "
                          "connection is considered lost"),
                       quint8(ReasonCode::KeepAliveTimeout));
}

// ---- failure and reconnect ---------------------------------------------------------------

void Client::closeWithError(ErrorCode code, const QString &text, quint8 reasonCode)
{
    if (m_state == State::Disconnected || m_state == State::WaitingToReconnect)
        return;
    qCWarning(lcMqtt).noquote() << "connection closed:" << text;
    // 5.0 tells the broker why before closing ([MQTT-4.13.1-1]).
    if (m_options.version == ProtocolVersion::V5 && m_state == State::Connected
        && (code == ErrorCode::MalformedPacket || code == ErrorCode::ProtocolError
            || code == ErrorCode::PacketTooLarge || code == ErrorCode::KeepAliveTimeout)
        && reasonCode >= 0x80) {
        DisconnectPacket packet;
        packet.reasonCode = ReasonCode(reasonCode);
        writeBytes(encode(packet, m_options.version));
        m_transport->disconnectFromHost();
    } else {
        m_transport->abort();
    }
    m_lastError = Error{code, text, reasonCode};
    emit errorOccurred(m_lastError);
    connectionLost();
}

void Client::connectionLost()
{
    resetConnectionState();
    bool retry = m_options.autoReconnect && !m_userDisconnect;
    if (m_lastError.code == ErrorCode::ConnectionRefused) {
        // Retrying a refused user name or client id only repeats the refusal.
        const quint8 code = m_lastError.reasonCode;
        const bool transient = m_options.version == ProtocolVersion::V5
                ? (code == quint8(ReasonCode::ServerUnavailable)
                   || code == quint8(ReasonCode::ServerBusy)
                   || code == quint8(ReasonCode::ConnectionRateExceeded))
                : code == quint8(ConnectReturnCode::ServerUnavailable);
        retry = retry && transient;
    }
    if (retry) {
        scheduleReconnect();
        return;
    }
    setState(State::Disconnected);
    emit disconnected();
}

void Client::scheduleReconnect()
{
    const int attempt = ++m_reconnectAttempt;
    const double base = std::min<double>(m_options.reconnectMaximumDelayMs,
                                         double(m_options.reconnectInitialDelayMs)
                                                 * std::pow(2.0, std::min(attempt - 1, 20)));
    // Jitter of +-25% keeps a fleet of clients from reconnecting in lockstep.
    const double jitter = 0.75 + QRandomGenerator::global()->generateDouble() * 0.5;
    const int delay = std::max(1, int(base * jitter));
    setState(State::WaitingToReconnect);
    qCDebug(lcMqtt) << "reconnecting in" << delay << "ms, attempt" << attempt;
    emit reconnectScheduled(attempt, delay);
    m_reconnectTimer.start(delay);
}

void Client::resetConnectionState()
{
    m_keepAliveTimer.stop();
    m_pingTimeoutTimer.stop();
    m_connectTimer.stop();
    m_pingOutstanding = false;
    m_reader.clear();
}

// ---- sending -----------------------------------------------------------------------------

void Client::writeBytes(const QByteArray &bytes)
{
    m_transport->write(bytes.constData(), bytes.size());
    m_lastSent.restart();
}

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
    qCDebug(lcMqttPackets) << "send CONNECT client id" << m_clientId;
    writeBytes(encode(packet));
}

void Client::sendPublish(const Inflight &inflight, bool dup)
{
    qCDebug(lcMqttPackets) << "send PUBLISH id" << inflight.message.packetId << "dup" << dup;
    m_writeBuffer.resize(0);
    encodePublish(m_writeBuffer, m_options.version, inflight.topic, inflight.message.payload,
                  inflight.message.qos, inflight.message.retain, dup, inflight.message.packetId,
                  &inflight.message.properties);
    writeBytes(m_writeBuffer);
}

void Client::sendPublishQos0(const Outgoing &outgoing)
{
    qCDebug(lcMqttPackets) << "send PUBLISH QoS 0";
    m_writeBuffer.resize(0);
    encodePublish(m_writeBuffer, m_options.version, outgoing.topic, outgoing.message.payload,
                  QoS::AtMostOnce, outgoing.message.retain, false, 0,
                  &outgoing.message.properties);
    writeBytes(m_writeBuffer);
}

void Client::sendAck(PacketType type, quint16 packetId)
{
    qCDebug(lcMqttPackets) << "send" << type << "id" << packetId;
    m_writeBuffer.resize(0);
    encodeAck(m_writeBuffer, type, packetId);
    writeBytes(m_writeBuffer);
}

void Client::sendSubscribe(quint16 packetId, const QList<SubscribeTopic> &topics)
{
    qCDebug(lcMqttPackets) << "send SUBSCRIBE id" << packetId;
    writeBytes(encode(SubscribePacket{packetId, topics, {}}, m_options.version));
}

void Client::sendUnsubscribe(quint16 packetId, const QStringList &filters)
{
    qCDebug(lcMqttPackets) << "send UNSUBSCRIBE id" << packetId;
    writeBytes(encode(UnsubscribePacket{packetId, filters, {}}, m_options.version));
}

void Client::sendPingreq()
{
    qCDebug(lcMqttPackets) << "send PINGREQ";
    writeBytes(encodePingreq());
}

void Client::sendDisconnect()
{
    qCDebug(lcMqttPackets) << "send DISCONNECT";
    writeBytes(encode(DisconnectPacket{}, m_options.version));
}

// ---- packet identifiers and the queue ------------------------------------------------------

bool Client::isPacketIdInUse(quint16 id) const
{
    return m_inflight.contains(id) || m_pendingSubscribes.contains(id)
            || m_pendingUnsubscribes.contains(id);
}

quint16 Client::allocatePacketId()
{
    // [MQTT-2.3.1-2]: an id is not reused while its exchange is in flight.
    for (int tries = 0; tries < 65535; ++tries) {
        m_lastPacketId = m_lastPacketId == 65535 ? 1 : m_lastPacketId + 1;
        if (!isPacketIdInUse(m_lastPacketId))
            return m_lastPacketId;
    }
    return 0;
}

bool Client::hasInflightRoom() const
{
    return int(m_inflight.size()) < std::clamp(m_options.maximumInflight, 1, 65535);
}

void Client::completeInflight(quint16 packetId)
{
    m_inflight.remove(packetId);
    // Acknowledgements mostly arrive in order: look from the front.
    auto it = std::find(m_inflightOrder.begin(), m_inflightOrder.end(), packetId);
    if (it != m_inflightOrder.end())
        m_inflightOrder.erase(it);
}

void Client::pumpQueue()
{
    while (m_state == State::Connected && !m_queue.empty()) {
        Outgoing &front = m_queue.front();
        if (front.message.qos == QoS::AtMostOnce) {
            sendPublishQos0(front);
            m_queue.pop_front();
            continue;
        }
        if (!hasInflightRoom())
            return;
        const quint16 id = allocatePacketId();
        if (id == 0)
            return; // every id is in use: wait for an acknowledgement
        Inflight inflight{front.token, std::move(front.message), std::move(front.topic),
                          Stage::AwaitingPuback};
        m_queue.pop_front();
        inflight.stage = inflight.message.qos == QoS::AtLeastOnce ? Stage::AwaitingPuback
                                                                  : Stage::AwaitingPubrec;
        inflight.message.packetId = id;
        auto it = m_inflight.insert(id, std::move(inflight));
        m_inflightOrder.push_back(id);
        sendPublish(*it, false);
    }
}

} // namespace Mqtt
