// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectionoptions.h"
#include "transport.h"

#include <QList>
#include <QSslConfiguration>
#include <QSslError>

QT_BEGIN_NAMESPACE
class QSslSocket;
QT_END_NAMESPACE

namespace Mqtt {

// Builds the TLS configuration for options: trusted authorities, client certificate and
// key, ALPN, minimum version, verification. Returns false with a readable reason when a
// file cannot be read or the settings do not fit together.
bool makeSslConfiguration(const TlsOptions &options, QSslConfiguration *configuration,
                          QString *error);

// Says in plain words why a broker certificate was rejected: the reasons, the certificate's
// subject, issuer and validity period, and the host name that was expected. peerChain (the
// broker's certificate first) names the certificate to describe, when known.
QString describeSslErrors(const QList<QSslError> &errors, const QString &expectedHost,
                          const QList<QSslCertificate> &peerChain = {});

// Says in plain words what a fatal TLS alert from the broker means.
QString describeTlsAlert(QSsl::AlertType type, const QString &description,
                         bool sentClientCertificate);

// MQTT over TLS (mqtts://) through QSslSocket. connected() is emitted only once the
// handshake and the verification succeeded, so nothing of MQTT leaves before that.
class SslTransport : public Transport
{
    Q_OBJECT
public:
    explicit SslTransport(QObject *parent = nullptr);

    void configure(const ConnectionOptions &options) override;
    void connectToHost(const QString &host, quint16 port) override;
    void disconnectFromHost() override;
    void abort() override;
    bool isOpen() const override;
    qint64 write(const char *data, qint64 size) override;
    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 maximum) override;
    qint64 bytesToWrite() const override;

    QSslSocket *socket() const { return m_socket; }

private:
    void onEncrypted();
    void onDisconnected();
    void onSocketError();

    QSslSocket *m_socket;
    TlsOptions m_tls;
    ProxyOptions m_proxy;
    QSslConfiguration m_configuration;
    QString m_configurationError;
    QString m_expectedHost;
    // Per attempt: what went wrong, so one errorOccurred() carries all of it.
    QString m_certificateProblem;
    QString m_alertProblem;
    bool m_encrypted = false;
    bool m_receivedData = false; // the broker sent something after the handshake
    QSsl::SslProtocol m_sessionProtocol = QSsl::UnknownProtocol;
};

} // namespace Mqtt
