// SPDX-License-Identifier: Apache-2.0
#include "websockettransport.h"

#include "logging.h"
#include "ssltransport.h"
#include "transportfactory.h"

#include <QNetworkRequest>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <cstring>

namespace Mqtt {

namespace {

const QString SubprotocolName = QStringLiteral("mqtt");

} // namespace

WebSocketTransport::WebSocketTransport(TransportKind kind, QObject *parent)
    : Transport(parent),
      m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this)),
      m_kind(kind)
{
    makeSslConfiguration(m_tls, &m_configuration, &m_configurationError);
    connect(m_socket, &QWebSocket::connected, this, &WebSocketTransport::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketTransport::onDisconnected);
    // QWebSocket::error is overloaded (the getter) in Qt 6.4.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &WebSocketTransport::onSocketError);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            &WebSocketTransport::onBinaryMessageReceived);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this] {
        // [MQTT-6.0.0-1] MQTT travels in binary frames; a text frame ends the connection.
        fail(ErrorCode::ProtocolError,
             tr("The broker sent a WebSocket text frame; MQTT needs binary frames"));
        m_socket->abort();
    });
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (m_tls.allowInsecure) {
            m_socket->ignoreSslErrors();
            return;
        }
        m_certificateProblem = describeSslErrors(errors, m_expectedHost);
        qCDebug(lcMqtt).noquote() << m_certificateProblem;
    });
    connect(m_socket, &QWebSocket::alertReceived, this,
            [this](QSsl::AlertLevel level, QSsl::AlertType type, const QString &description) {
                if (level == QSsl::AlertLevel::Fatal)
                    m_alertProblem =
                            describeTlsAlert(type, description, !m_tls.certificateFile.isEmpty());
            });
}

void WebSocketTransport::configure(const ConnectionOptions &options)
{
    if (options.transport == TransportKind::WebSocket ||
        options.transport == TransportKind::SecureWebSocket)
        m_kind = options.transport;
    m_path = options.webSocketPath.isEmpty() ? QStringLiteral("/") : options.webSocketPath;
    if (!m_path.startsWith(QLatin1Char('/')))
        m_path.prepend(QLatin1Char('/'));
    m_tls = options.tls;
    m_proxy = options.proxy;
    m_configurationError.clear();
    makeSslConfiguration(m_tls, &m_configuration, &m_configurationError);
}

void WebSocketTransport::connectToHost(const QString &host, quint16 port)
{
    endAttempt(); // closing what is left of the previous connection is no news
    m_socket->abort();
    m_buffer.clear();
    m_readPosition = 0;
    m_open = false;
    m_certificateProblem.clear();
    m_alertProblem.clear();
    beginAttempt();
    m_expectedHost = host;

    if (isSecure()) {
        if (!m_configurationError.isEmpty()) {
            failLater(ErrorCode::TlsError, m_configurationError);
            return;
        }
        // QWebSocket verifies (and sends SNI for) the URL's host; it has no separate peer name.
        if (!m_tls.serverName.isEmpty() && m_tls.serverName != host) {
            failLater(ErrorCode::TlsError,
                      tr("A TLS server name other than the host is not supported over wss://; "
                         "connect to \"%1\" by that name instead")
                              .arg(m_tls.serverName));
            return;
        }
        m_socket->setSslConfiguration(m_configuration);
    }
    QNetworkProxy proxy;
    QString proxyError;
    if (!makeNetworkProxy(m_proxy, host, port, &proxy, &proxyError)) {
        failLater(ErrorCode::TransportError, proxyError);
        return;
    }
    m_socket->setProxy(proxy);

    QUrl url;
    url.setScheme(isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(host);
    url.setPort(port);
    const qsizetype query = m_path.indexOf(QLatin1Char('?'));
    url.setPath(m_path.left(query), QUrl::TolerantMode);
    if (query >= 0)
        url.setQuery(m_path.mid(query + 1), QUrl::TolerantMode);
    if (!url.isValid()) {
        failLater(ErrorCode::TransportError,
                  tr("\"%1\" does not make a valid WebSocket URL").arg(url.toString()));
        return;
    }

    QWebSocketHandshakeOptions handshake;
    // [MQTT-6.0.0-3] the client offers the "mqtt" subprotocol.
    handshake.setSubprotocols({SubprotocolName});
    m_socket->open(QNetworkRequest(url), handshake);
}

void WebSocketTransport::onConnected()
{
    // [MQTT-6.0.0-4] the broker must select "mqtt"; some omit the header, which we tolerate.
    const QString selected = m_socket->subprotocol();
    if (!selected.isEmpty() && selected != SubprotocolName) {
        fail(ErrorCode::ProtocolError,
             tr("The broker chose the WebSocket subprotocol \"%1\" instead of \"mqtt\"")
                     .arg(selected));
        m_socket->abort();
        return;
    }
    m_open = true;
    emit connected();
}

void WebSocketTransport::onDisconnected()
{
    if (isAttemptOver())
        return;
    if (m_open) {
        m_open = false;
        emit disconnected();
        return;
    }
    if (!m_certificateProblem.isEmpty())
        fail(ErrorCode::TlsError, m_certificateProblem);
    else if (!m_alertProblem.isEmpty())
        fail(ErrorCode::TlsError, m_alertProblem);
    else if (m_socket->error() != QAbstractSocket::UnknownSocketError)
        onSocketError();
    else // QWebSocket may report the cause just after disconnected(): let it speak first
        failLater(ErrorCode::TransportError,
                  tr("The broker closed the connection during the WebSocket handshake"));
}

void WebSocketTransport::onSocketError()
{
    if (isAttemptOver())
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (m_open) {
        if (!m_alertProblem.isEmpty())
            fail(ErrorCode::TlsError, m_alertProblem);
        else if (error != QAbstractSocket::RemoteHostClosedError) // disconnected() tells that
            fail(ErrorCode::TransportError, describeSocketError(error, m_socket->errorString()));
        return;
    }
    if (!m_certificateProblem.isEmpty())
        fail(ErrorCode::TlsError, m_certificateProblem);
    else if (!m_alertProblem.isEmpty())
        fail(ErrorCode::TlsError, m_alertProblem);
    else if (error == QAbstractSocket::SslHandshakeFailedError ||
             error == QAbstractSocket::SslInternalError ||
             error == QAbstractSocket::SslInvalidUserDataError)
        fail(ErrorCode::TlsError, tr("The TLS handshake with %1 failed: %2")
                                          .arg(m_expectedHost, m_socket->errorString()));
    else
        fail(ErrorCode::TransportError, describeSocketError(error, m_socket->errorString()));
}

void WebSocketTransport::onBinaryMessageReceived(const QByteArray &message)
{
    if (!isEstablished())
        return;
    // [MQTT-6.0.0-2] frames need not align with packets: the bytes join one stream.
    m_buffer.append(message);
    emit readyRead();
}

void WebSocketTransport::disconnectFromHost()
{
    m_socket->close();
}

void WebSocketTransport::abort()
{
    endAttempt(); // what follows an abort is no news for the client
    m_open = false;
    m_socket->abort();
}

bool WebSocketTransport::isOpen() const
{
    // Closing: the close handshake is under way; disconnected() follows.
    return isEstablished() && (m_socket->state() == QAbstractSocket::ConnectedState ||
                               m_socket->state() == QAbstractSocket::ClosingState);
}

qint64 WebSocketTransport::write(const char *data, qint64 size)
{
    if (!isEstablished() || m_socket->state() != QAbstractSocket::ConnectedState)
        return -1;
    // One binary message per write: a whole MQTT packet, or a part of the stream.
    m_socket->sendBinaryMessage(QByteArray(data, size));
    return size;
}

qint64 WebSocketTransport::bytesAvailable() const
{
    return m_buffer.size() - m_readPosition;
}

qint64 WebSocketTransport::read(char *data, qint64 maximum)
{
    const qint64 count = std::min<qint64>(maximum, bytesAvailable());
    if (count <= 0)
        return 0;
    std::memcpy(data, m_buffer.constData() + m_readPosition, size_t(count));
    m_readPosition += count;
    if (m_readPosition == m_buffer.size()) {
        m_buffer.clear();
        m_readPosition = 0;
    } else if (m_readPosition > 65536 && m_readPosition > m_buffer.size() / 2) {
        m_buffer.remove(0, m_readPosition);
        m_readPosition = 0;
    }
    return count;
}

qint64 WebSocketTransport::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

} // namespace Mqtt
