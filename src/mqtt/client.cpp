// SPDX-License-Identifier: Apache-2.0
#include "client.h"

#include "bytes.h"
#include "codec.h"
#include "logging.h"
#include "topic.h"
#include "transport.h"
#include "transportfactory.h"

#include <QMetaEnum>
#include <QRandomGenerator>
#include <QScopeGuard>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace Mqtt {

namespace {

// Receiving a packet the client must never get from a broker.
bool isClientOnlyPacket(PacketType type)
{
    return type == PacketType::Connect || type == PacketType::Subscribe ||
           type == PacketType::Unsubscribe || type == PacketType::Pingreq;
}

} // namespace

Client::Client(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Mqtt::Message>();
    qRegisterMetaType<Mqtt::Error>();
    qRegisterMetaType<Mqtt::SubscribeResult>();
    qRegisterMetaType<QList<Mqtt::SubscribeResult>>();
    qRegisterMetaType<Mqtt::UnsubscribeResult>();
    qRegisterMetaType<QList<Mqtt::UnsubscribeResult>>();

    setTransport(new TcpTransport);
    m_transportInjected = false;
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
    m_clock.start();
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
    m_transportInjected = true;
}

void Client::setOptions(const ConnectionOptions &options)
{
    m_options = options;
}

void Client::setAuthenticator(std::unique_ptr<Authenticator> authenticator)
{
    m_customAuthenticator = std::move(authenticator);
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
    if (!problem && !isValidUtf8String(m_options.clientId.toUtf8()))
        problem = {ErrorCode::InvalidString, tr("The client id is not valid UTF-8"), 0};
    // [MQTT-3.1.2-22]: 3.1 and 3.1.1 allow a password only together with a user name.
    if (!problem && m_options.version != ProtocolVersion::V5 && m_options.password &&
        !m_options.userName)
        problem = {ErrorCode::InvalidArgument,
                   tr("MQTT %1 allows a password only together with a user name")
                           .arg(m_options.version == ProtocolVersion::V3_1
                                        ? QStringLiteral("3.1")
                                        : QStringLiteral("3.1.1")),
                   0};
    // [MQTT-3.1.3-7]: a client id left for the broker to assign needs a clean session.
    if (!problem && m_options.clientId.isEmpty() &&
        m_options.clientIdPolicy == ClientIdPolicy::SendAsGiven && !m_options.cleanSession &&
        m_options.version != ProtocolVersion::V5)
        problem = {ErrorCode::InvalidArgument, tr("An empty client id requires a clean session"), 0};
    // 5.0: values the broker would take as a Protocol Error (3.1.2.11).
    if (!problem && m_options.version == ProtocolVersion::V5) {
        const Properties &own = m_options.connectProperties;
        if (own.integer(PropertyId::ReceiveMaximum).value_or(1) == 0)
            problem = {ErrorCode::InvalidArgument, tr("The Receive Maximum must not be 0"), 0};
        else if (own.integer(PropertyId::MaximumPacketSize).value_or(1) == 0)
            problem = {ErrorCode::InvalidArgument, tr("The Maximum Packet Size must not be 0"), 0};
    }
    if (!problem)
        problem = prepareAuthentication();
    if (problem) {
        m_lastError = problem;
        emit errorOccurred(problem);
        return;
    }

    // A pending automatic reconnect would otherwise reopen over this connection.
    m_reconnectTimer.stop();
    if (m_state != State::Disconnected) {
        closeTransport(CloseMode::Abort);
        resetConnectionState();
    }
    m_userDisconnect = false;
    m_hadConnection = false;
    m_reconnectAttempt = 0;
    m_subscriptions.clear();
    m_subscriptionProperties.clear();
    m_lastError = {};
    m_clientId = m_options.clientId;
    if (m_clientId.isEmpty() && m_options.clientIdPolicy == ClientIdPolicy::GenerateWhenEmpty)
        m_clientId = generateClientId();
    if (!m_transportInjected) {
        setTransport(createTransport(m_options.transport));
        m_transportInjected = false;
    }
    openTransport();
}

Error Client::prepareAuthentication()
{
    m_activeAuthenticator.reset();
    const QString &method = m_options.authenticationMethod;
    if (!m_customAuthenticator && method.isEmpty())
        return {};
    if (m_options.version != ProtocolVersion::V5)
        return {ErrorCode::InvalidArgument, tr("Enhanced authentication needs MQTT 5.0"), 0};
    if (m_customAuthenticator) {
        m_activeAuthenticator = m_customAuthenticator;
        return {};
    }
    if (!authenticationMethods().contains(method))
        return {ErrorCode::InvalidArgument,
                tr("Unknown authentication method \"%1\"; supported: %2")
                        .arg(method, authenticationMethods().join(QStringLiteral(", "))),
                0};
    if (!m_options.userName || m_options.userName->isEmpty() || !m_options.password)
        return {ErrorCode::InvalidArgument,
                tr("The authentication method %1 needs a user name and a password").arg(method), 0};
    m_activeAuthenticator = createAuthenticator(method, *m_options.userName, *m_options.password);
    return {};
}

void Client::openTransport()
{
    m_reader.clear();
    m_authStage = AuthStage::None;
    m_topicAliases.clear(); // an alias lives as long as its connection
    m_outgoingAliases.clear();
    m_outgoingAliasTopics.clear();
    m_pendingWrites.resize(0); // nothing of a previous connection goes out on this one
    m_reader.setMaximumPacketSize(m_options.maximumIncomingPacketSize);
    // 5.0: the Maximum Packet Size we announce is enforced on what arrives [MQTT-3.1.2-24].
    if (m_options.version == ProtocolVersion::V5) {
        if (const auto announced =
                    m_options.connectProperties.integer(PropertyId::MaximumPacketSize))
            m_reader.setMaximumPacketSize(
                    std::min<quint32>(*announced, m_options.maximumIncomingPacketSize));
    }
    setState(State::Connecting);
    qCDebug(lcMqtt) << "connecting to" << m_options.host << m_options.port;
    m_connectTimer.start(m_options.connectTimeoutMs);
    // Opening may close what is left of the previous connection: not a new failure.
    const bool wasClosing = std::exchange(m_closingTransport, true);
    m_transport->configure(m_options); // TLS verification and proxy on every reconnect too
    m_transport->connectToHost(m_options.host, m_options.port);
    m_closingTransport = wasClosing;
}

void Client::disconnectFromHost()
{
    disconnectFromHost(ReasonCode::Success);
}

void Client::disconnectFromHost(ReasonCode reason, const Properties &properties)
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
        closeTransport(CloseMode::Abort);
        resetConnectionState();
        setState(State::Disconnected);
        emit disconnected();
        return;
    case State::Connected:
        break;
    }
    DisconnectPacket packet{reason, properties};
    // [MQTT-3.14.2-2]: a session that expired on close (interval 0 or absent in CONNECT)
    // must not be given an expiry interval now.
    if (m_options.version == ProtocolVersion::V5 &&
        m_options.connectProperties.integer(PropertyId::SessionExpiryInterval).value_or(0) == 0 &&
        packet.properties.integer(PropertyId::SessionExpiryInterval).value_or(0) != 0) {
        qCWarning(lcMqtt) << "Session Expiry Interval dropped from DISCONNECT: CONNECT set none";
        packet.properties.remove(PropertyId::SessionExpiryInterval);
    }
    sendDisconnect(packet);
    resetConnectionState();
    setState(State::Disconnecting);
    closeTransport(CloseMode::Graceful);
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
    closeTransport(CloseMode::Abort);
    resetConnectionState();
    setState(State::Disconnected);
    emit disconnected();
}

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
    if (!problem && quint8(message.qos) > 2)
        problem = {ErrorCode::InvalidArgument, tr("The QoS must be 0, 1 or 2"), 0};
    // The limits of the current connection's CONNACK; queued messages are checked when sent.
    if (!problem && m_options.version == ProtocolVersion::V5 && m_state == State::Connected)
        problem = brokerLimitProblem(message, topic.size());
    if (!problem &&
        quint64(message.payload.size()) + quint64(topic.size()) + 4 > MaximumRemainingLength)
        problem = {ErrorCode::PacketTooLarge, tr("The message is larger than MQTT allows"), 0};
    if (!problem && (m_state != State::Connected || !m_queue.empty()) &&
        int(m_queue.size()) >= m_options.maximumQueued)
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

    Outgoing outgoing{m_nextToken++, message, std::move(topic), m_clock.elapsed()};
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
                                                                  : Stage::AwaitingPubrec,
                                  outgoing.queuedAt};
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
    return subscribe(topics, Properties(), error);
}

namespace {

// 5.0 shared subscription "$share/{ShareName}/{filter}": the share name is at least one
// character [MQTT-4.8.2-1] without '/', '+' or '#' [MQTT-4.8.2-2], and a filter follows.
Error sharedSubscriptionProblem(QStringView filter, bool noLocal)
{
    const QStringView rest = filter.mid(7); // after "$share/"
    const qsizetype slash = rest.indexOf(u'/');
    const QStringView shareName = slash < 0 ? rest : rest.left(slash);
    if (shareName.isEmpty() || slash < 0 || shareName.contains(u'+') || shareName.contains(u'#'))
        return {ErrorCode::InvalidTopic,
                Client::tr("A shared subscription reads $share/name/filter, with a share name "
                           "that has no '/', '+' or '#'"),
                0};
    Error problem = validateTopicFilter(rest.mid(slash + 1));
    if (problem)
        return problem;
    if (noLocal) // [MQTT-3.8.3-4]
        return {ErrorCode::InvalidArgument,
                Client::tr("No Local cannot be set on a shared subscription"), 0};
    return {};
}

} // namespace

quint64 Client::subscribe(const QList<SubscribeTopic> &topics, const Properties &properties,
                          Error *error)
{
    const bool v5 = m_options.version == ProtocolVersion::V5;
    Error problem;
    if (topics.isEmpty())
        problem = {ErrorCode::InvalidArgument, tr("No topic filter to subscribe to"), 0};
    for (const SubscribeTopic &topic : topics) {
        if (problem)
            break;
        problem = validateTopicFilter(topic.filter);
        const bool shared = v5 && topic.filter.startsWith(u"$share/");
        if (!problem && shared)
            problem = sharedSubscriptionProblem(topic.filter, topic.noLocal);
        if (!problem && shared && m_state == State::Connected &&
            m_connack.properties.integer(PropertyId::SharedSubscriptionAvailable).value_or(1) == 0)
            problem = {ErrorCode::InvalidArgument,
                       tr("The broker does not support shared subscriptions"),
                       quint8(ReasonCode::SharedSubscriptionsNotSupported)};
        // 3.2.2.3.14: a broker without wildcard subscriptions refuses them: say so first.
        if (!problem && v5 && m_state == State::Connected &&
            (topic.filter.contains(u'+') || topic.filter.contains(u'#')) &&
            m_connack.properties.integer(PropertyId::WildcardSubscriptionAvailable).value_or(1) == 0)
            problem = {
                    ErrorCode::InvalidArgument,
                    tr("The broker does not support wildcard subscriptions (%1)").arg(topic.filter),
                    quint8(ReasonCode::WildcardSubscriptionsNotSupported)};
        if (!problem && quint8(topic.qos) > 2)
            problem = {ErrorCode::InvalidArgument, tr("The QoS must be 0, 1 or 2"), 0};
        if (!problem && quint8(topic.retainHandling) > 2) // [MQTT-3.8.3-5]
            problem = {ErrorCode::InvalidArgument, tr("Retain Handling must be 0, 1 or 2"), 0};
    }
    if (!problem && !properties.isEmpty() && !v5)
        problem = {ErrorCode::InvalidArgument, tr("Subscription properties need MQTT 5.0"), 0};
    if (!problem && v5) {
        const QList<quint32> ids = properties.subscriptionIdentifiers();
        if (ids.size() > 1)
            problem = {ErrorCode::InvalidArgument,
                       tr("A subscription takes one Subscription Identifier"), 0};
        else if (!ids.isEmpty() && (ids.first() == 0 || ids.first() > 268435455))
            problem = {ErrorCode::InvalidArgument,
                       tr("A Subscription Identifier is between 1 and 268,435,455"), 0};
        else if (!ids.isEmpty() && m_state == State::Connected &&
                 m_connack.properties.integer(PropertyId::SubscriptionIdentifierAvailable)
                                 .value_or(1) == 0)
            problem = {ErrorCode::InvalidArgument,
                       tr("The broker does not support subscription identifiers"),
                       quint8(ReasonCode::SubscriptionIdentifiersNotSupported)};
    }
    if (!problem && m_state != State::Connected)
        problem = {ErrorCode::NotConnected, tr("Not connected to a broker"), 0};
    if (!problem && v5)
        problem = packetSizeProblem(
                encode(SubscribePacket{1, topics, properties}, m_options.version).size());
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
    m_pendingSubscribes.insert(id, PendingSubscribe{token, topics, properties});
    sendSubscribe(id, topics, properties);
    return token;
}

quint64 Client::unsubscribe(const QStringList &filters, Error *error)
{
    return unsubscribe(filters, Properties(), error);
}

quint64 Client::unsubscribe(const QStringList &filters, const Properties &properties, Error *error)
{
    const bool v5 = m_options.version == ProtocolVersion::V5;
    Error problem;
    if (filters.isEmpty())
        problem = {ErrorCode::InvalidArgument, tr("No topic filter to unsubscribe from"), 0};
    for (const QString &filter : filters) {
        if (problem)
            break;
        problem = validateTopicFilter(filter);
    }
    if (!problem && !properties.isEmpty() && !v5)
        problem = {ErrorCode::InvalidArgument, tr("Unsubscription properties need MQTT 5.0"), 0};
    for (const Properties::Entry &entry : properties.entries()) {
        if (problem)
            break;
        // 3.10.2.1: User Property is the only property of an UNSUBSCRIBE.
        if (!Properties::isAllowedIn(entry.id, PropertyContext::Unsubscribe))
            problem = {ErrorCode::InvalidArgument,
                       tr("An unsubscription takes user properties only, not %1")
                               .arg(Properties::name(entry.id)),
                       0};
    }
    if (!problem && m_state != State::Connected)
        problem = {ErrorCode::NotConnected, tr("Not connected to a broker"), 0};
    if (!problem && v5)
        problem = packetSizeProblem(
                encode(UnsubscribePacket{1, filters, properties}, m_options.version).size());
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
    m_pendingUnsubscribes.insert(id, PendingUnsubscribe{token, filters, properties});
    sendUnsubscribe(id, filters, properties);
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
    if (m_closingTransport)
        return;
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
    if (m_closingTransport)
        return;
    if (m_state == State::Connecting || m_state == State::WaitingForConnack ||
        m_state == State::Connected)
        closeWithError(m_transport->errorCode(), // TransportError, or TlsError and the like
                       tr("Connection to %1:%2 failed: %3")
                               .arg(m_options.host)
                               .arg(m_options.port)
                               .arg(text));
}

void Client::onConnectTimeout()
{
    if (m_state == State::Connecting || m_state == State::WaitingForConnack)
        closeWithError(
                ErrorCode::ConnectTimeout,
                m_state == State::Connecting
                        ? tr("Timed out connecting to %1:%2").arg(m_options.host).arg(m_options.port)
                        : tr("The broker did not answer the CONNECT in time"));
}

void Client::onReadyRead()
{
    // What the handlers write (acknowledgements, publishes released by them) leaves at the end
    // in one write.
    ++m_readDepth;
    const auto flushAtEnd = qScopeGuard([this] {
        if (--m_readDepth == 0)
            flushPendingWrites();
    });
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
            const bool tooLarge = m_reader.problem() == FrameReader::Problem::TooLarge;
            closeWithError(
                    tooLarge ? ErrorCode::PacketTooLarge : ErrorCode::MalformedPacket,
                    m_reader.errorString(),
                    quint8(tooLarge ? ReasonCode::PacketTooLarge : ReasonCode::MalformedPacket));
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
        const QString reason = connack.properties.string(PropertyId::ReasonString);
        if (m_options.version == ProtocolVersion::V5 && !reason.isEmpty())
            text += QStringLiteral(" (%1)").arg(reason);
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
    // 5.0: the broker named the client (we sent an empty id); reconnects reuse that name.
    if (m_options.version == ProtocolVersion::V5 &&
        connack.properties.contains(PropertyId::AssignedClientIdentifier))
        m_clientId = connack.properties.string(PropertyId::AssignedClientIdentifier);
    m_connack = connack;
    m_sessionPresent = connack.sessionPresent;
    m_reconnectAttempt = 0;
    // Only what was asked before this CONNACK is asked again: a slot on stateChanged may
    // subscribe at once, and that SUBSCRIBE must go out once.
    const QList<quint16> earlierSubscribes = m_pendingSubscribes.keys();
    const QList<quint16> earlierUnsubscribes = m_pendingUnsubscribes.keys();
    setState(State::Connected);
    startSession(earlierSubscribes, earlierUnsubscribes);
    if (m_state != State::Connected)
        return;
    // [MQTT-3.2.2-21]: a Server Keep Alive replaces the interval the client asked for.
    m_keepAlive = quint16(
            connack.properties.integer(PropertyId::ServerKeepAlive).value_or(m_options.keepAlive));
    if (m_keepAlive > 0)
        m_keepAliveTimer.start(int(m_keepAlive) * 1000);
    emit connected(m_sessionPresent);
}

void Client::startSession(const QList<quint16> &earlierSubscribes,
                          const QList<quint16> &earlierUnsubscribes)
{
    const bool keepSession = !m_options.cleanSession;
    // A broker without our session has forgotten the QoS 2 ids it sent: keeping them would
    // drop its next messages that reuse those ids as duplicates.
    if (!m_sessionPresent)
        m_incomingQos2.clear();
    // [MQTT-3.2.2-5]: a broker that kept no session (though we asked for one) makes us
    // discard ours, as a clean session does.
    if (!keepSession || !m_sessionPresent) {
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
            again.push_back(
                    Outgoing{inflight.token, inflight.message, inflight.topic, inflight.queuedAt});
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
    for (quint16 id : earlierSubscribes) {
        if (auto it = m_pendingSubscribes.constFind(id); it != m_pendingSubscribes.cend())
            sendSubscribe(id, it->topics, it->properties);
    }
    for (quint16 id : earlierUnsubscribes) {
        if (auto it = m_pendingUnsubscribes.constFind(id); it != m_pendingUnsubscribes.cend())
            sendUnsubscribe(id, it->filters, it->properties);
    }
    // A reconnect that finds no session subscribes again to what it had.
    if (m_hadConnection && !m_sessionPresent && !m_subscriptions.isEmpty()) {
        // One SUBSCRIBE per set of properties: a subscription keeps its identifier.
        QList<PendingSubscribe> groups;
        for (const SubscribeTopic &topic : std::as_const(m_subscriptions)) {
            const Properties properties = m_subscriptionProperties.value(topic.filter);
            auto group = std::find_if(groups.begin(), groups.end(), [&](const auto &candidate) {
                return candidate.properties == properties;
            });
            if (group == groups.end())
                groups.append(PendingSubscribe{0, {topic}, properties});
            else
                group->topics.append(topic);
        }
        for (const PendingSubscribe &group : std::as_const(groups)) {
            if (const quint16 id = allocatePacketId()) {
                m_pendingSubscribes.insert(id, group);
                sendSubscribe(id, group.topics, group.properties);
            }
        }
    }
    m_hadConnection = true;
    pumpQueue();
}

void Client::handlePublish(const FrameReader::Frame &frame)
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
        // [MQTT-3.3.2-9]: no alias above the Topic Alias Maximum we sent (absent: none).
        const quint32 maximum =
                m_options.connectProperties.integer(PropertyId::TopicAliasMaximum).value_or(0);
        if (*alias > maximum) {
            closeWithError(ErrorCode::ProtocolError,
                           tr("Protocol error: the broker used topic alias %1, above the "
                              "maximum of %2")
                                   .arg(*alias)
                                   .arg(maximum),
                           quint8(ReasonCode::TopicAliasInvalid));
            return;
        }
        if (topic.isEmpty()) {
            const auto known = m_topicAliases.constFind(quint16(*alias));
            if (known == m_topicAliases.constEnd()) {
                closeWithError(ErrorCode::ProtocolError,
                               tr("Protocol error: the broker used topic alias %1 before "
                                  "setting it")
                                       .arg(*alias),
                               quint8(ReasonCode::TopicAliasInvalid));
                return;
            }
            topic = *known;
        } else {
            m_topicAliases.insert(quint16(*alias), topic.toByteArray());
        }
    }
    if (qos == QoS::ExactlyOnce && m_incomingQos2.contains(id)) {
        // Seen before its PUBREL: acknowledge again, deliver nothing.
        sendAck(PacketType::Pubrec, id);
        return;
    }
    // [MQTT-3.3.4-9]: no more unacknowledged QoS 2 messages than the Receive Maximum we sent
    // (QoS 1 is acknowledged at once, so only those awaiting PUBREL count).
    if (qos == QoS::ExactlyOnce && m_options.version == ProtocolVersion::V5) {
        const quint32 maximum =
                m_options.connectProperties.integer(PropertyId::ReceiveMaximum).value_or(65535);
        if (quint32(m_incomingQos2.size()) >= maximum) {
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
        m_incomingQos2.insert(id);
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
    return Error{ErrorCode::ProtocolError, text, quint8(ack.reasonCode)};
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
    return Error{ErrorCode::ProtocolError, text, quint8(ack.reasonCode)};
}

void Client::handlePuback(const FrameReader::Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Puback, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
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
    if (isFailure(decoded.packet.reasonCode)) { // [MQTT-4.4.0-2]: the exchange ends here
        emit messageRefused(token, refusal(decoded.packet));
    } else {
        emit publishAcknowledged(token, quint8(decoded.packet.reasonCode),
                                 decoded.packet.properties.string(PropertyId::ReasonString));
        emit messagePublished(token);
    }
    pumpQueue();
}

void Client::handlePubrec(const FrameReader::Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Pubrec, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
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
        emit messageRefused(token, refusal(decoded.packet));
        pumpQueue();
        return;
    }
    it->stage = Stage::AwaitingPubcomp;
    it->message.payload = QByteArray(); // only the id is needed from now on
    sendAck(PacketType::Pubrel, id);
    emit publishAcknowledged(it->token, quint8(decoded.packet.reasonCode),
                             decoded.packet.properties.string(PropertyId::ReasonString));
}

void Client::handlePubrel(const FrameReader::Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Pubrel, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    const quint16 id = decoded.packet.packetId;
    m_incomingQos2.remove(id);
    sendAck(PacketType::Pubcomp, id);
    if (isFailure(decoded.packet.reasonCode))
        emit releaseFailed(0, id, releaseProblem(decoded.packet));
}

void Client::handlePubcomp(const FrameReader::Frame &frame)
{
    const auto decoded = decodeAck(PacketType::Pubcomp, frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
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
    if (isFailure(decoded.packet.reasonCode))
        emit releaseFailed(token, id, releaseProblem(decoded.packet));
    emit messagePublished(token);
    pumpQueue();
}

void Client::handleSuback(const FrameReader::Frame &frame)
{
    const auto decoded = decodeSuback(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
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
        results.append(SubscribeResult{topic.filter, code,
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

void Client::handleUnsuback(const FrameReader::Frame &frame)
{
    const auto decoded = decodeUnsuback(frame.flags, frame.body, m_options.version);
    if (!decoded.ok()) {
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    auto it = m_pendingUnsubscribes.find(decoded.packet.packetId);
    if (it == m_pendingUnsubscribes.end()) {
        qCWarning(lcMqtt) << "UNSUBACK for unknown packet id" << decoded.packet.packetId;
        return;
    }
    const PendingUnsubscribe pending = it.value();
    m_pendingUnsubscribes.erase(it);
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
                                         i < codes.size() ? codes[i] : quint8(0), reasonString});
    emit unsubscriptionResultsReceived(pending.token, results);
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
        closeWithDecodeError(decoded.error, decoded.reason);
        return;
    }
    QString text = tr("The broker disconnected: %1").arg(reasonCodeText(decoded.packet.reasonCode));
    const QString reason = decoded.packet.properties.string(PropertyId::ReasonString);
    if (!reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(reason);
    // Use another server / Server moved name where to go.
    const QString reference = decoded.packet.properties.string(PropertyId::ServerReference);
    if (!reference.isEmpty())
        text += tr("; server reference: %1").arg(reference);
    closeWithError(ErrorCode::BrokerDisconnected, text, quint8(decoded.packet.reasonCode));
}

void Client::handleAuth(const FrameReader::Frame &frame)
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

// ---- keep-alive --------------------------------------------------------------------------

void Client::onKeepAliveTimer()
{
    if (m_state != State::Connected || m_keepAlive == 0)
        return;
    const qint64 interval = qint64(m_keepAlive) * 1000;
    if (m_pingOutstanding) {
        // The ping timeout decides; check again one interval later rather than spin.
        m_keepAliveTimer.start(int(interval));
        return;
    }
    const qint64 idle = m_lastSent.elapsed();
    // [MQTT-3.1.2-23]: never let more than the keep-alive interval pass without sending.
    if (idle >= interval - 5) {
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
    if (m_options.version == ProtocolVersion::V5 && m_state == State::Connected &&
        (code == ErrorCode::MalformedPacket || code == ErrorCode::ProtocolError ||
         code == ErrorCode::PacketTooLarge || code == ErrorCode::KeepAliveTimeout ||
         code == ErrorCode::AuthenticationFailed) &&
        reasonCode >= 0x80) {
        DisconnectPacket packet;
        packet.reasonCode = ReasonCode(reasonCode);
        writeBytes(encode(packet, m_options.version));
        closeTransport(CloseMode::Graceful);
    } else {
        closeTransport(CloseMode::Abort);
    }
    m_lastError = Error{code, text, reasonCode};
    emit errorOccurred(m_lastError);
    connectionLost();
}

void Client::closeWithDecodeError(const QString &text, ReasonCode reason)
{
    ErrorCode code = ErrorCode::MalformedPacket;
    if (reason == ReasonCode::ProtocolError || reason == ReasonCode::TopicNameInvalid)
        code = ErrorCode::ProtocolError;
    closeWithError(code, text, quint8(reason));
}

void Client::closeTransport(CloseMode mode)
{
    // QTcpSocket emits disconnected() from inside abort(): that is our own doing, not the
    // broker's, and must not be reported as a second failure.
    const bool wasClosing = std::exchange(m_closingTransport, true);
    if (mode == CloseMode::Abort) {
        m_pendingWrites.resize(0);
        m_transport->abort();
    } else {
        flushPendingWrites(); // DISCONNECT and what came before it
        m_transport->disconnectFromHost();
    }
    m_closingTransport = wasClosing;
}

void Client::connectionLost()
{
    resetConnectionState();
    bool retry = m_options.autoReconnect && !m_userDisconnect;
    if (m_lastError.code == ErrorCode::ConnectionRefused) {
        // Retrying a refused user name or client id only repeats the refusal.
        const quint8 code = m_lastError.reasonCode;
        const bool transient = m_options.version == ProtocolVersion::V5
                                       ? (code == quint8(ReasonCode::ServerUnavailable) ||
                                          code == quint8(ReasonCode::ServerBusy) ||
                                          code == quint8(ReasonCode::ConnectionRateExceeded))
                                       : code == quint8(ConnectReturnCode::ServerUnavailable);
        retry = retry && transient;
    }
    // Our check of the broker failed: trying again meets the same broker.
    if (m_lastError.code == ErrorCode::AuthenticationFailed)
        retry = false;
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
                                         double(m_options.reconnectInitialDelayMs) *
                                                 std::pow(2.0, std::min(attempt - 1, 20)));
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
    m_authStage = AuthStage::None;
}

// ---- sending -----------------------------------------------------------------------------

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
    if (m_transport->isOpen())
        m_transport->write(m_pendingWrites.constData(), m_pendingWrites.size());
    m_pendingWrites.resize(0); // keeps the capacity
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

void Client::sendPublish(const Inflight &inflight, bool dup)
{
    qCDebug(lcMqttPackets) << "send PUBLISH id" << inflight.message.packetId << "dup" << dup;
    QByteArrayView topic = inflight.topic;
    const Properties *properties =
            outgoingProperties(inflight.topic, &topic, inflight.message.properties);
    encodePublish(m_pendingWrites, m_options.version, topic, inflight.message.payload,
                  inflight.message.qos, inflight.message.retain, dup, inflight.message.packetId,
                  properties);
    scheduleFlush();
}

void Client::sendPublishQos0(const Outgoing &outgoing)
{
    qCDebug(lcMqttPackets) << "send PUBLISH QoS 0";
    QByteArrayView topic = outgoing.topic;
    const Properties *properties =
            outgoingProperties(outgoing.topic, &topic, outgoing.message.properties);
    encodePublish(m_pendingWrites, m_options.version, topic, outgoing.message.payload,
                  QoS::AtMostOnce, outgoing.message.retain, false, 0, properties);
    scheduleFlush();
    reportWritten(outgoing.token);
}

void Client::reportWritten(quint64 token)
{
    m_writtenTokens.push_back(token);
    if (m_writtenFlushPosted)
        return;
    m_writtenFlushPosted = true;
    QMetaObject::invokeMethod(this, &Client::flushWritten, Qt::QueuedConnection);
}

void Client::flushWritten()
{
    m_writtenFlushPosted = false;
    const std::vector<quint64> tokens = std::exchange(m_writtenTokens, {});
    for (quint64 token : tokens)
        emit messagePublished(token);
}

void Client::sendAck(PacketType type, quint16 packetId)
{
    qCDebug(lcMqttPackets) << "send" << type << "id" << packetId;
    encodeAck(m_pendingWrites, type, packetId);
    scheduleFlush();
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

// ---- 5.0 limits and topic aliases ----------------------------------------------------------

QString Client::connackReasonString() const
{
    return m_connack.properties.string(PropertyId::ReasonString);
}

QString Client::serverReference() const
{
    return m_connack.properties.string(PropertyId::ServerReference);
}

QString Client::responseInformation() const
{
    return m_connack.properties.string(PropertyId::ResponseInformation);
}

Error Client::brokerLimitProblem(const Message &message, qsizetype topicSize) const
{
    const Properties &limits = m_connack.properties;
    // [MQTT-3.2.2-11]: nothing above the Maximum QoS the broker announced.
    const quint32 maximumQos = limits.integer(PropertyId::MaximumQoS).value_or(2);
    if (quint32(message.qos) > maximumQos)
        return {ErrorCode::InvalidArgument,
                tr("The broker accepts messages up to QoS %1 only").arg(maximumQos),
                quint8(ReasonCode::QoSNotSupported)};
    // [MQTT-3.2.2-14]: no retained message when Retain Available is 0.
    if (message.retain && limits.integer(PropertyId::RetainAvailable).value_or(1) == 0)
        return {ErrorCode::InvalidArgument, tr("The broker does not keep retained messages"),
                quint8(ReasonCode::RetainNotSupported)};
    const quint32 aliasMaximum = limits.integer(PropertyId::TopicAliasMaximum).value_or(0);
    const auto alias = message.properties.integer(PropertyId::TopicAlias);
    // [MQTT-3.3.2-8]: an alias set by the application is within the broker's maximum.
    if (alias && aliasMaximum == 0)
        return {ErrorCode::InvalidArgument, tr("The broker accepts no topic aliases"),
                quint8(ReasonCode::TopicAliasInvalid)};
    if (alias && (*alias == 0 || *alias > aliasMaximum))
        return {ErrorCode::InvalidArgument,
                tr("Topic alias %1 is outside the broker's range of 1 to %2")
                        .arg(*alias)
                        .arg(aliasMaximum),
                quint8(ReasonCode::TopicAliasInvalid)};
    // [MQTT-3.1.2-24]: no packet over the broker's Maximum Packet Size. Counted with the
    // whole topic and room for an automatic alias: the largest form it may be sent in.
    if (const auto maximumSize = limits.integer(PropertyId::MaximumPacketSize)) {
        quint64 propertiesSize = message.properties.encodedSize();
        if (!alias && aliasMaximum > 0 && m_topicAliasPolicy == TopicAliasPolicy::Automatic)
            propertiesSize += 3;
        const quint64 remaining = 2 + quint64(topicSize) + quint64(message.payload.size()) +
                                  (message.qos == QoS::AtMostOnce ? 0 : 2) +
                                  quint64(variableByteIntegerSize(quint32(propertiesSize))) +
                                  propertiesSize;
        const quint64 total = 1 +
                              quint64(variableByteIntegerSize(quint32(
                                      std::min<quint64>(remaining, MaximumRemainingLength)))) +
                              remaining;
        if (total > *maximumSize)
            return packetSizeProblem(qint64(total));
    }
    return {};
}

Error Client::packetSizeProblem(qint64 size) const
{
    // [MQTT-3.1.2-24]: nothing larger than the broker's Maximum Packet Size is sent.
    const auto maximum = m_connack.properties.integer(PropertyId::MaximumPacketSize);
    if (!maximum || size <= qint64(*maximum))
        return {};
    return {ErrorCode::PacketTooLarge,
            tr("The packet would be %L1 bytes; the broker accepts at most %L2")
                    .arg(size)
                    .arg(*maximum),
            quint8(ReasonCode::PacketTooLarge)};
}

const Properties *Client::outgoingProperties(const QByteArray &topic, QByteArrayView *wireTopic,
                                             const Properties &properties)
{
    if (m_options.version != ProtocolVersion::V5)
        return &properties;
    if (const auto alias = properties.integer(PropertyId::TopicAlias)) {
        // The application set an alias: the broker now maps it to this topic, so must we.
        bindOutgoingAlias(topic, quint16(*alias));
        return &properties;
    }
    if (m_topicAliasPolicy != TopicAliasPolicy::Automatic)
        return &properties;
    const quint32 maximum = m_connack.properties.integer(PropertyId::TopicAliasMaximum).value_or(0);
    if (maximum == 0) // [MQTT-3.3.2-7]: no alias unless the broker allows some
        return &properties;
    quint16 alias = 0;
    if (const auto known = m_outgoingAliases.constFind(topic); known != m_outgoingAliases.cend()) {
        alias = known.value();
        *wireTopic = {}; // the alias alone names the topic
    } else if (quint32(m_outgoingAliasTopics.size()) < maximum) {
        // The lowest free alias: all stay within the broker's maximum [MQTT-3.3.2-8].
        alias = 1;
        while (m_outgoingAliasTopics.contains(alias))
            ++alias;
        bindOutgoingAlias(topic, alias);
    } else {
        return &properties; // every alias is taken: the topic goes out in full
    }
    m_aliasProperties = properties;
    m_aliasProperties.setInteger(PropertyId::TopicAlias, alias);
    return &m_aliasProperties;
}

void Client::bindOutgoingAlias(const QByteArray &topic, quint16 alias)
{
    // One alias names one topic, and one topic has one alias.
    if (const auto previous = m_outgoingAliasTopics.constFind(alias);
        previous != m_outgoingAliasTopics.cend())
        m_outgoingAliases.remove(previous.value());
    if (const auto previous = m_outgoingAliases.constFind(topic);
        previous != m_outgoingAliases.cend())
        m_outgoingAliasTopics.remove(previous.value());
    m_outgoingAliases.insert(topic, alias);
    m_outgoingAliasTopics.insert(alias, topic);
}

// ---- packet identifiers and the queue ------------------------------------------------------

bool Client::isPacketIdInUse(quint16 id) const
{
    return m_inflight.contains(id) || m_pendingSubscribes.contains(id) ||
           m_pendingUnsubscribes.contains(id);
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

bool Client::ageMessage(Message &message, qint64 &queuedAt) const
{
    const auto interval = message.properties.integer(PropertyId::MessageExpiryInterval);
    if (!interval)
        return true;
    const qint64 waitedMs = m_clock.elapsed() - queuedAt;
    if (waitedMs >= qint64(*interval) * 1000)
        return false;
    // Whole seconds waited; what is left is at least 1 second here.
    const quint32 waited = quint32(waitedMs / 1000);
    if (waited > 0) {
        message.properties.setInteger(PropertyId::MessageExpiryInterval, *interval - waited);
        // The seconds taken off are not taken again if the message comes back to the queue.
        queuedAt += qint64(waited) * 1000;
    }
    return true;
}

bool Client::hasInflightRoom() const
{
    int maximum = std::clamp(m_options.maximumInflight, 1, 65535);
    // [MQTT-4.9.0-2]: 5.0 brokers announce how many QoS 1/2 messages they take at once.
    if (m_options.version == ProtocolVersion::V5)
        maximum = std::min<int>(
                maximum,
                int(m_connack.properties.integer(PropertyId::ReceiveMaximum).value_or(65535)));
    return int(m_inflight.size()) < maximum;
}

void Client::completeInflight(quint16 packetId)
{
    m_inflight.remove(packetId);
    // Acknowledgements mostly arrive in order: look from the front (a deque erases the
    // front in constant time).
    auto it = std::find(m_inflightOrder.begin(), m_inflightOrder.end(), packetId);
    if (it != m_inflightOrder.end())
        m_inflightOrder.erase(it);
}

void Client::pumpQueue()
{
    while (m_state == State::Connected && !m_queue.empty()) {
        Outgoing &front = m_queue.front();
        if (m_options.version == ProtocolVersion::V5) {
            // The wait counts against the message's lifetime, as a broker counts it (3.3.2.3.3).
            if (!ageMessage(front.message, front.queuedAt)) {
                const quint64 token = front.token;
                m_queue.pop_front();
                emit messageRefused(token,
                                    Error{ErrorCode::MessageExpired,
                                          tr("The message expired while it waited to be sent"), 0});
                continue;
            }
            // Queued before this connection's CONNACK: its limits apply now.
            const Error problem = brokerLimitProblem(front.message, front.topic.size());
            if (problem) {
                const quint64 token = front.token;
                m_queue.pop_front();
                emit messageRefused(token, problem);
                continue;
            }
        }
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
                          Stage::AwaitingPuback, front.queuedAt};
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
