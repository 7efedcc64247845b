// SPDX-License-Identifier: Apache-2.0
#include "client.h"

#include "codec.h"
#include "framereader.h"
#include "logging.h"
#include "sessionstore.h"
#include "topicaliases.h"
#include "transport.h"
#include "transportfactory.h"
#include "validation.h"

#include <QDateTime>
#include <QMetaEnum>
#include <QRandomGenerator>
#include <QScopeGuard>

#include <algorithm>
#include <cmath>
#include <utility>

// The Client's state machine: connecting and disconnecting, transport events, keep-alive,
// failure and reconnect back-off. What it receives is dispatched in clientpackets.cpp; what
// it sends (verbs, queue, writes) is in clientsend.cpp.
namespace Mqtt {

Client::Client(QObject *parent)
    : QObject(parent),
      m_reader(std::make_unique<FrameReader>()),
      m_session(std::make_unique<SessionStore>()),
      m_aliases(std::make_unique<TopicAliases>())
{
    qRegisterMetaType<Mqtt::Message>();
    qRegisterMetaType<Mqtt::Error>();
    qRegisterMetaType<Mqtt::SubscribeResult>();
    qRegisterMetaType<QList<Mqtt::SubscribeResult>>();
    qRegisterMetaType<Mqtt::UnsubscribeResult>();
    qRegisterMetaType<QList<Mqtt::UnsubscribeResult>>();
    qRegisterMetaType<Mqtt::PacketTrace>();

    setTransport(new TcpTransport);
    m_transportInjected = false;
    m_keepAliveTimer.setSingleShot(true);
    m_pingTimeoutTimer.setSingleShot(true);
    m_connectTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    m_drainTimer.setSingleShot(true);
    m_keepAliveTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &Client::onKeepAliveTimer);
    connect(&m_pingTimeoutTimer, &QTimer::timeout, this, &Client::onPingTimeout);
    connect(&m_connectTimer, &QTimer::timeout, this, &Client::onConnectTimeout);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Client::startAttempt);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcMqtt) << "disconnecting with" << m_session->awaitingReleaseCount()
                          << "QoS 2 messages awaiting PUBREL and" << m_session->inflightCount()
                          << "of ours in flight: the broker did not finish them in time";
        finishDisconnect();
    });
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

int Client::inflightCount() const
{
    return m_session->inflightCount();
}

int Client::queuedCount() const
{
    return m_session->queuedCount();
}

int Client::awaitingReleaseCount() const
{
    return m_session->awaitingReleaseCount();
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
    Error problem = validateConnectionOptions(m_options, m_customAuthenticator
                                                                 ? AuthenticationSource::Application
                                                                 : AuthenticationSource::Options);
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
    // Every connectToHost() starts at the head of the list.
    m_servers = m_options.servers();
    m_referencedServers.clear();
    m_redirectCount = 0;
    m_listIndex = 0;
    m_triedInRound = 1;
    m_newRound = false;
    setCurrentServer(0, m_servers.constFirst());
    if (!m_transportInjected) {
        setTransport(createTransport(m_currentServer.transport));
        m_transportInjected = false;
        m_transportKind = m_currentServer.transport;
    }
    openTransport();
}

void Client::prepareTransport(TransportKind kind)
{
    if (m_transportInjected || kind == m_transportKind)
        return;
    setTransport(createTransport(kind));
    m_transportInjected = false;
    m_transportKind = kind;
}

Error Client::prepareAuthentication()
{
    m_activeAuthenticator.reset();
    if (m_customAuthenticator) {
        m_activeAuthenticator = m_customAuthenticator;
        return {};
    }
    const QString &method = m_options.authenticationMethod;
    if (!method.isEmpty()) // validateAuthentication() made sure it can be made
        m_activeAuthenticator =
                createAuthenticator(method, *m_options.userName, *m_options.password);
    return {};
}

void Client::openTransport()
{
    m_reader->clear();
    m_authStage = AuthStage::None;
    m_aliases->clear(); // an alias lives as long as its connection
    m_pendingWrites.resize(0); // nothing of a previous connection goes out on this one
    m_tracedBytes = 0;
    m_reader->setMaximumPacketSize(m_options.maximumIncomingPacketSize);
    m_aliases->setIncomingMaximum(0);
    m_aliases->setOutgoingMaximum(0);
    // 5.0: the Maximum Packet Size we announce is enforced on what arrives [MQTT-3.1.2-24].
    if (m_options.version == ProtocolVersion::V5) {
        if (const auto announced =
                    m_options.connectProperties.integer(PropertyId::MaximumPacketSize))
            m_reader->setMaximumPacketSize(
                    std::min<quint32>(*announced, m_options.maximumIncomingPacketSize));
        m_aliases->setIncomingMaximum(quint16(
                m_options.connectProperties.integer(PropertyId::TopicAliasMaximum).value_or(0)));
    }
    setState(State::Connecting);
    prepareTransport(m_currentServer.transport);
    qCDebug(lcMqtt).noquote() << "connecting to" << m_currentServer.toUrl();
    m_connectTimer.start(m_options.connectTimeoutMs);
    // Opening may close what is left of the previous connection: not a new failure.
    const bool wasClosing = std::exchange(m_closingTransport, true);
    // The options with this attempt's broker: TLS verification and the proxy (which may depend
    // on the host) are set on every reconnect too.
    ConnectionOptions attempt = m_options;
    attempt.setServers({m_currentServer});
    m_transport->configure(attempt);
    m_transport->connectToHost(m_currentServer.host, m_currentServer.port);
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
    m_pendingDisconnect = std::make_unique<DisconnectPacket>(DisconnectPacket{reason, properties});
    // [MQTT-3.14.2-2]: a session that expired on close (interval 0 or absent in CONNECT)
    // must not be given an expiry interval now.
    if (m_options.version == ProtocolVersion::V5 &&
        m_options.connectProperties.integer(PropertyId::SessionExpiryInterval).value_or(0) == 0 &&
        properties.integer(PropertyId::SessionExpiryInterval).value_or(0) != 0) {
        qCWarning(lcMqtt) << "Session Expiry Interval dropped from DISCONNECT: CONNECT set none";
        m_pendingDisconnect->properties.remove(PropertyId::SessionExpiryInterval);
    }
    // Received QoS 2 messages await the broker's PUBREL, and ours their acknowledgements:
    // leaving now breaks those exchanges (the broker sees a broken pipe). Wait a little.
    setState(State::Disconnecting);
    if (isDrained() || m_drainTimeoutMs <= 0) {
        finishDisconnect();
        return;
    }
    qCDebug(lcMqtt) << "finishing" << m_session->awaitingReleaseCount() << "received and"
                    << m_session->inflightCount() << "sent QoS 1/2 exchanges before DISCONNECT";
    m_drainTimer.start(m_drainTimeoutMs);
}

bool Client::isDrained() const
{
    return m_session->awaitingReleaseCount() == 0 && m_session->inflightCount() == 0;
}

void Client::finishDisconnect()
{
    m_drainTimer.stop();
    if (m_state != State::Disconnecting || !m_pendingDisconnect)
        return;
    const std::unique_ptr<DisconnectPacket> packet = std::move(m_pendingDisconnect);
    sendDisconnect(*packet);
    resetConnectionState();
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
        m_drainTimer.stop();
        m_pendingDisconnect.reset();
        resetConnectionState();
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
                               .arg(m_currentServer.host)
                               .arg(m_currentServer.port)
                               .arg(text));
}

void Client::onConnectTimeout()
{
    if (m_state == State::Connecting || m_state == State::WaitingForConnack)
        closeWithError(ErrorCode::ConnectTimeout,
                       m_state == State::Connecting
                               ? tr("Timed out connecting to %1:%2")
                                         .arg(m_currentServer.host)
                                         .arg(m_currentServer.port)
                               : tr("The broker did not answer the CONNECT in time"));
}

void Client::onReadyRead()
{
    // What the handlers write (acknowledgements, publishes released by them) leaves at the end
    // in one write.
    ++m_readDepth;
    if (m_tracing == PacketTracing::On) {
        // The frames of one read arrived together: one reading of the clocks for all.
        m_readMonotonicNs = PacketTrace::monotonicNow();
        m_readWallTimeMs = QDateTime::currentMSecsSinceEpoch();
    }
    const auto flushAtEnd = qScopeGuard([this] {
        if (--m_readDepth == 0)
            flushPendingWrites();
    });
    while (m_transport->bytesAvailable() > 0) {
        const qint64 available = m_transport->bytesAvailable();
        char *room = m_reader->reserve(available);
        const qint64 read = m_transport->read(room, available);
        m_reader->commit(std::max<qint64>(read, 0));
        if (read <= 0)
            break;
    }
    Frame frame;
    // Disconnecting with a DISCONNECT still to send: the open exchanges finish first.
    while (m_state == State::WaitingForConnack || m_state == State::Connected ||
           (m_state == State::Disconnecting && m_pendingDisconnect)) {
        const FrameReader::Status status = m_reader->next(&frame);
        if (status == FrameReader::Status::NeedMoreData)
            break;
        if (status == FrameReader::Status::Error) {
            const bool tooLarge = m_reader->problem() == FrameReader::Problem::TooLarge;
            closeWithError(
                    tooLarge ? ErrorCode::PacketTooLarge : ErrorCode::MalformedPacket,
                    m_reader->errorString(),
                    quint8(tooLarge ? ReasonCode::PacketTooLarge : ReasonCode::MalformedPacket));
            return;
        }
        if (!handleFrame(frame))
            return;
    }
    if (m_state == State::Disconnecting && m_pendingDisconnect && isDrained())
        finishDisconnect();
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
    m_drainTimer.stop();
    m_pendingDisconnect.reset();
    // 5.0 tells the broker why before closing ([MQTT-4.13.1-1]).
    if (m_options.version == ProtocolVersion::V5 &&
        (m_state == State::Connected || m_state == State::Disconnecting) &&
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
        m_tracedBytes = 0;
        // QoS 0 messages whose bytes never reached the transport were not published.
        for (quint64 token : std::exchange(m_unwrittenTokens, {}))
            QMetaObject::invokeMethod(
                    this,
                    [this, token] {
                        emit messageRefused(token,
                                            Error{ErrorCode::NotSent,
                                                  tr("The connection closed before the message was "
                                                     "sent"),
                                                  0});
                    },
                    Qt::QueuedConnection);
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
    // 5.0: the broker named where to go (bounded, so that two brokers naming each other do
    // not keep the client busy).
    constexpr int MaximumRedirects = 8;
    if (!m_userDisconnect && !m_referencedServers.isEmpty() && m_redirectCount < MaximumRedirects) {
        ++m_redirectCount;
        moveToNextServer();
        return;
    }
    m_referencedServers.clear();
    // Failover: the rest of the list before any back-off; a lost connection only moves on
    // when it is to be restored.
    if (!m_userDisconnect && (m_options.autoReconnect || !m_hadConnection) &&
        m_triedInRound < m_servers.size()) {
        ++m_triedInRound;
        moveToNextServer();
        return;
    }
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
    m_newRound = true;
    qCDebug(lcMqtt) << "reconnecting in" << delay << "ms, attempt" << attempt;
    emit reconnectScheduled(attempt, delay);
    m_reconnectTimer.start(delay);
}

void Client::moveToNextServer()
{
    // A lost connection is being restored (observers mark the outage); a failed attempt is
    // followed by the next one. The state first: the broker's change is told in the new state.
    setState(m_state == State::Connected ? State::WaitingToReconnect : State::Connecting);
    advanceServer();
    m_newRound = false;
    // From the event loop: this runs inside the old transport's signal.
    m_reconnectTimer.start(0);
}

void Client::advanceServer()
{
    if (!m_referencedServers.isEmpty()) {
        setCurrentServer(-1, m_referencedServers.takeFirst());
        return;
    }
    m_listIndex = (m_listIndex + 1) % int(m_servers.size());
    setCurrentServer(m_listIndex, m_servers.at(m_listIndex));
}

void Client::setCurrentServer(int index, const BrokerAddress &server)
{
    const bool changed = index != m_serverIndex || server != m_currentServer;
    m_serverIndex = index;
    m_currentServer = server;
    if (changed) {
        qCDebug(lcMqtt).noquote() << "broker" << index << server.toUrl();
        emit serverChanged(index);
    }
}

void Client::startAttempt()
{
    if (std::exchange(m_newRound, false)) { // a back-off ended: a new round
        advanceServer();
        m_triedInRound = 1;
    }
    openTransport();
}

void Client::noteRedirect(ReasonCode code, const Properties &properties)
{
    if (code != ReasonCode::UseAnotherServer && code != ReasonCode::ServerMoved)
        return;
    const QString reference = properties.string(PropertyId::ServerReference);
    if (m_options.followServerReference)
        m_referencedServers = parseServerReference(reference, m_currentServer);
    emit serverRedirected(reference, code);
}

void Client::resetConnectionState()
{
    m_keepAliveTimer.stop();
    m_pingTimeoutTimer.stop();
    m_connectTimer.stop();
    m_drainTimer.stop();
    m_pendingDisconnect.reset(); // an abort or a new connection ends a disconnect's wait
    m_pingOutstanding = false;
    m_reader->clear();
    m_authStage = AuthStage::None;
}

} // namespace Mqtt
