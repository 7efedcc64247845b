// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectionoptions.h"
#include "transport.h"

#include <QByteArray>
#include <QSslConfiguration>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace Mqtt {

// MQTT over WebSockets (ws://, wss://) through QWebSocket: the "mqtt" subprotocol, binary
// messages carrying the MQTT byte stream, the TLS settings of TlsOptions for wss.
class WebSocketTransport : public Transport
{
    Q_OBJECT
public:
    // kind is WebSocket or SecureWebSocket; configure() may change it.
    explicit WebSocketTransport(TransportKind kind = TransportKind::WebSocket,
                                QObject *parent = nullptr);

    void configure(const ConnectionOptions &options) override;
    void connectToHost(const QString &host, quint16 port) override;
    void disconnectFromHost() override;
    void abort() override;
    bool isOpen() const override;
    qint64 write(const char *data, qint64 size) override;
    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 maximum) override;
    qint64 bytesToWrite() const override;

    TransportKind kind() const { return m_kind; }
    QWebSocket *socket() const { return m_socket; }

private:
    bool isSecure() const { return m_kind == TransportKind::SecureWebSocket; }
    // The handshake succeeded and the attempt has not failed or ended since.
    bool isEstablished() const { return m_open && !isAttemptOver(); }
    void onConnected();
    void onDisconnected();
    void onSocketError();
    void onBinaryMessageReceived(const QByteArray &message);

    QWebSocket *m_socket;
    TransportKind m_kind;
    QString m_path = QStringLiteral("/mqtt");
    TlsOptions m_tls;
    ProxyOptions m_proxy;
    QSslConfiguration m_configuration;
    QString m_configurationError;
    QString m_expectedHost;
    // Received bytes not read yet; m_readPosition saves moving the tail after every read.
    QByteArray m_buffer;
    qsizetype m_readPosition = 0;
    QString m_certificateProblem;
    QString m_alertProblem;
    bool m_open = false; // the handshake succeeded in this attempt
};

} // namespace Mqtt
