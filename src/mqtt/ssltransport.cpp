// SPDX-License-Identifier: Apache-2.0
#include "ssltransport.h"

#include "logging.h"
#include "transportfactory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTimeZone>

namespace Mqtt {

namespace {

QString formatTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// "CN=broker.example, O=Example": the distinguished name in the usual short form.
QString distinguishedName(const QSslCertificate &certificate,
                          QStringList (QSslCertificate::*info)(const QByteArray &) const,
                          QList<QByteArray> (QSslCertificate::*attributes)() const)
{
    QStringList parts;
    const QList<QByteArray> names = (certificate.*attributes)();
    for (const QByteArray &name : names)
        parts << QString::fromLatin1(name) + QLatin1Char('=') +
                         (certificate.*info)(name).join(QLatin1Char('+'));
    return parts.join(QStringLiteral(", "));
}

// The names a certificate is valid for: its DNS and IP subject alternative names.
QString certifiedNames(const QSslCertificate &certificate)
{
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it)
        names << QLatin1Char('"') + it.value() + QLatin1Char('"');
    if (names.isEmpty()) {
        for (const QString &name : certificate.subjectInfo(QSslCertificate::CommonName))
            names << QLatin1Char('"') + name + QLatin1Char('"');
    }
    if (names.isEmpty())
        return SslTransport::tr("no host name at all");
    return names.join(QStringLiteral(", "));
}

QString reasonFor(const QSslError &error, const QString &expectedHost)
{
    const QSslCertificate certificate = error.certificate();
    switch (error.error()) {
    case QSslError::HostNameMismatch:
        return SslTransport::tr("it is not issued for the host name \"%1\" (it names %2)")
                .arg(expectedHost, certifiedNames(certificate));
    case QSslError::CertificateExpired:
        return SslTransport::tr("it expired on %1").arg(formatTime(certificate.expiryDate()));
    case QSslError::CertificateNotYetValid:
        return SslTransport::tr("it is not valid before %1")
                .arg(formatTime(certificate.effectiveDate()));
    case QSslError::SelfSignedCertificate:
        return SslTransport::tr("it is self-signed and not among the trusted authorities");
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return SslTransport::tr("it is not signed by a trusted certificate authority");
    case QSslError::CertificateRevoked:
        return SslTransport::tr("it has been revoked");
    case QSslError::CertificateSignatureFailed:
        return SslTransport::tr("its signature does not verify");
    default:
        return error.errorString();
    }
}

QList<QSslCertificate> readCertificates(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = SslTransport::tr("Cannot read \"%1\": %2").arg(path, file.errorString());
        return {};
    }
    const QList<QSslCertificate> certificates =
            QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        *error = SslTransport::tr("\"%1\" holds no PEM certificate").arg(path);
    return certificates;
}

} // namespace

bool makeSslConfiguration(const TlsOptions &options, QSslConfiguration *configuration,
                          QString *error)
{
    Q_ASSERT(configuration);
    QString problem;
    QSslConfiguration result = QSslConfiguration::defaultConfiguration();
    result.setProtocol(options.minimumVersion == TlsVersion::TlsV1_3 ? QSsl::TlsV1_3OrLater
                                                                     : QSsl::TlsV1_2OrLater);
    result.setPeerVerifyMode(options.allowInsecure ? QSslSocket::VerifyNone
                                                   : QSslSocket::VerifyPeer);

    // Given authorities replace the system's: a private broker is trusted for its CA only.
    if (!options.caFile.isEmpty() || !options.caDirectory.isEmpty()) {
        QList<QSslCertificate> authorities;
        if (!options.caFile.isEmpty()) {
            authorities += readCertificates(options.caFile, &problem);
            if (!problem.isEmpty()) {
                *error = SslTransport::tr("CA file: %1").arg(problem);
                return false;
            }
        }
        if (!options.caDirectory.isEmpty()) {
            const QDir directory(options.caDirectory);
            if (!directory.exists()) {
                *error = SslTransport::tr("The CA folder \"%1\" does not exist")
                                 .arg(options.caDirectory);
                return false;
            }
            const QFileInfoList entries = directory.entryInfoList(QDir::Files | QDir::Readable);
            for (const QFileInfo &entry : entries) {
                QString ignored; // a folder may also hold CRLs or hash links that are no PEM
                authorities += readCertificates(entry.filePath(), &ignored);
            }
            if (authorities.isEmpty()) {
                *error = SslTransport::tr("The CA folder \"%1\" holds no PEM certificate")
                                 .arg(options.caDirectory);
                return false;
            }
        }
        result.setCaCertificates(authorities);
    }

    if (options.certificateFile.isEmpty() != options.keyFile.isEmpty()) {
        *error = options.certificateFile.isEmpty()
                         ? SslTransport::tr("A client key needs its certificate as well")
                         : SslTransport::tr("A client certificate needs its private key as well");
        return false;
    }
    if (!options.certificateFile.isEmpty()) {
        const QList<QSslCertificate> chain = readCertificates(options.certificateFile, &problem);
        if (!problem.isEmpty()) {
            *error = SslTransport::tr("Client certificate: %1").arg(problem);
            return false;
        }
        QFile keyFile(options.keyFile);
        if (!keyFile.open(QIODevice::ReadOnly)) {
            *error = SslTransport::tr("Cannot read the client key \"%1\": %2")
                             .arg(options.keyFile, keyFile.errorString());
            return false;
        }
        const QByteArray keyData = keyFile.readAll();
        QSslKey key;
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            key = QSslKey(keyData, algorithm, QSsl::Pem, QSsl::PrivateKey, options.keyPassphrase);
            if (!key.isNull())
                break;
        }
        if (key.isNull()) {
            *error = options.keyPassphrase.isEmpty() && keyData.contains("ENCRYPTED")
                             ? SslTransport::tr(
                                       "The client key \"%1\" is encrypted: give its passphrase")
                                       .arg(options.keyFile)
                             : SslTransport::tr(
                                       "Cannot load the client key \"%1\": not a PEM RSA, EC "
                                       "or DSA private key, or a wrong passphrase")
                                       .arg(options.keyFile);
            return false;
        }
        result.setLocalCertificateChain(chain);
        result.setPrivateKey(key);
    }

    if (!options.alpn.isEmpty())
        result.setAllowedNextProtocols(options.alpn);
    *configuration = result;
    return true;
}

QString describeSslErrors(const QList<QSslError> &errors, const QString &expectedHost,
                          const QList<QSslCertificate> &peerChain)
{
    QStringList reasons;
    for (const QSslError &error : errors) {
        const QString reason = reasonFor(error, expectedHost);
        if (!reasons.contains(reason))
            reasons << reason;
    }
    // Describe the broker's own certificate, the one a person recognises; without the chain,
    // the first one an error names that is not a self-signed authority.
    QSslCertificate certificate = peerChain.value(0);
    for (const QSslError &error : errors) {
        if (!certificate.isNull() && !certificate.isSelfSigned())
            break;
        if (!error.certificate().isNull())
            certificate = error.certificate();
    }
    QString text = SslTransport::tr("The broker's certificate was rejected: %1.")
                           .arg(reasons.join(QStringLiteral("; ")));
    if (!certificate.isNull()) {
        const QString subject = distinguishedName(certificate, &QSslCertificate::subjectInfo,
                                                  &QSslCertificate::subjectInfoAttributes);
        const QString issuer = distinguishedName(certificate, &QSslCertificate::issuerInfo,
                                                 &QSslCertificate::issuerInfoAttributes);
        const QString from = formatTime(certificate.effectiveDate());
        const QString to = formatTime(certificate.expiryDate());
        text += QLatin1Char(' ');
        if (certificate.isSelfSigned())
            text += SslTransport::tr("The chain ends in the authority \"%1\", which is not "
                                     "trusted (valid from %2 to %3).")
                            .arg(subject, from, to);
        else
            text += SslTransport::tr("Certificate: subject \"%1\", issued by \"%2\", valid "
                                     "from %3 to %4.")
                            .arg(subject, issuer, from, to);
    }
    text += QLatin1Char(' ') + SslTransport::tr("Expected host name: \"%1\".").arg(expectedHost);
    return text;
}

QString describeTlsAlert(QSsl::AlertType type, const QString &alertDescription,
                         bool sentClientCertificate)
{
    // OpenSSL names some alerts (e.g. 116, certificate_required) "unknown": give the number.
    const QString description =
            alertDescription.isEmpty() || alertDescription.compare(QLatin1String("unknown"),
                                                                   Qt::CaseInsensitive) == 0
                    ? QString::number(int(type))
                    : alertDescription;
    switch (type) {
    case QSsl::AlertType::CertificateRequired:
        return SslTransport::tr("The broker requires a client certificate and none was sent "
                                "(TLS alert: %1)")
                .arg(description);
    case QSsl::AlertType::HandshakeFailure:
        if (!sentClientCertificate)
            return SslTransport::tr("The broker refused the TLS handshake; it may require a "
                                    "client certificate (TLS alert: %1)")
                    .arg(description);
        break;
    case QSsl::AlertType::BadCertificate:
    case QSsl::AlertType::UnsupportedCertificate:
    case QSsl::AlertType::CertificateRevoked:
    case QSsl::AlertType::CertificateExpired:
    case QSsl::AlertType::CertificateUnknown:
    case QSsl::AlertType::UnknownCa:
    case QSsl::AlertType::AccessDenied:
        return SslTransport::tr("The broker did not accept the client certificate (TLS alert: %1)")
                .arg(description);
    case QSsl::AlertType::ProtocolVersion:
        return SslTransport::tr("The broker does not support the TLS versions allowed (TLS "
                                "alert: %1)")
                .arg(description);
    case QSsl::AlertType::NoApplicationProtocol:
        return SslTransport::tr("The broker supports none of the ALPN protocols offered (TLS "
                                "alert: %1)")
                .arg(description);
    default:
        break;
    }
    return SslTransport::tr("The broker ended the TLS session (TLS alert: %1)").arg(description);
}

SslTransport::SslTransport(QObject *parent) : Transport(parent), m_socket(new QSslSocket(this))
{
    makeSslConfiguration(m_tls, &m_configuration, &m_configurationError);
    connect(m_socket, &QSslSocket::encrypted, this, &SslTransport::onEncrypted);
    connect(m_socket, &QSslSocket::disconnected, this, &SslTransport::onDisconnected);
    connect(m_socket, &QSslSocket::readyRead, this, [this] {
        m_receivedData = true;
        emit readyRead();
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, &SslTransport::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (m_tls.allowInsecure) {
            m_socket->ignoreSslErrors();
            return;
        }
        m_certificateProblem =
                describeSslErrors(errors, m_expectedHost, m_socket->peerCertificateChain());
        qCDebug(lcMqtt).noquote() << m_certificateProblem;
    });
    connect(m_socket, &QSslSocket::alertReceived, this,
            [this](QSsl::AlertLevel level, QSsl::AlertType type, const QString &description) {
                qCDebug(lcMqtt) << "TLS alert received:" << int(level) << int(type) << description;
                if (level == QSsl::AlertLevel::Fatal)
                    m_alertProblem =
                            describeTlsAlert(type, description, !m_tls.certificateFile.isEmpty());
            });
}

void SslTransport::configure(const ConnectionOptions &options)
{
    m_tls = options.tls;
    m_proxy = options.proxy;
    m_configurationError.clear();
    makeSslConfiguration(m_tls, &m_configuration, &m_configurationError);
}

void SslTransport::connectToHost(const QString &host, quint16 port)
{
    endAttempt(); // closing what is left of the previous connection is no news
    m_socket->abort();
    m_encrypted = false;
    m_receivedData = false;
    m_certificateProblem.clear();
    m_alertProblem.clear();
    beginAttempt();
    m_expectedHost = m_tls.serverName.isEmpty() ? host : m_tls.serverName;
    if (!m_configurationError.isEmpty()) {
        failLater(ErrorCode::TlsError, m_configurationError);
        return;
    }
    QNetworkProxy proxy;
    QString proxyError;
    if (!makeNetworkProxy(m_proxy, host, port, &proxy, &proxyError)) {
        failLater(ErrorCode::TransportError, proxyError);
        return;
    }
    m_socket->setProxy(proxy);
    m_socket->setSslConfiguration(m_configuration);
    // The peer name drives both SNI and the host-name check.
    m_socket->connectToHostEncrypted(host, port, m_expectedHost);
}

void SslTransport::onEncrypted()
{
    m_encrypted = true;
    m_sessionProtocol = m_socket->sessionProtocol(); // gone once the socket closes
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    emit connected();
}

void SslTransport::onDisconnected()
{
    qCDebug(lcMqtt) << "TLS socket disconnected; encrypted:" << m_encrypted;
    if (isAttemptOver())
        return;
    if (m_encrypted && !m_receivedData && m_sessionProtocol == QSsl::TlsV1_3 &&
        m_alertProblem.isEmpty()) {
        // TLS 1.3 lets the broker judge the client certificate after our handshake is done;
        // its alert often arrives together with the close and is lost. A broker closing
        // before saying anything at all is most likely that refusal.
        fail(ErrorCode::TlsError,
             m_tls.certificateFile.isEmpty()
                     ? tr("The broker closed the connection right after the TLS handshake, "
                          "before answering: it probably requires a client certificate, and "
                          "none was given")
                     : tr("The broker closed the connection right after the TLS handshake, "
                          "before answering: it probably refused the client certificate"));
        return;
    }
    if (m_encrypted)
        emit disconnected();
    else
        fail(ErrorCode::TlsError,
             m_alertProblem.isEmpty()
                     ? tr("The broker closed the connection during the TLS handshake")
                     : m_alertProblem);
}

void SslTransport::onSocketError()
{
    if (isAttemptOver())
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    qCDebug(lcMqtt) << "TLS socket error:" << error << m_socket->errorString();
    if (m_encrypted) {
        // A fatal alert after the handshake (TLS 1.3 checks client certificates then).
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
    else if (error == QAbstractSocket::RemoteHostClosedError)
        fail(ErrorCode::TlsError, tr("The broker closed the connection during the TLS handshake"));
    else
        fail(ErrorCode::TransportError, describeSocketError(error, m_socket->errorString()));
}

void SslTransport::disconnectFromHost()
{
    m_socket->disconnectFromHost();
}

void SslTransport::abort()
{
    endAttempt(); // what follows an abort is no news for the client
    m_socket->abort();
}

bool SslTransport::isOpen() const
{
    // Closing: still flushing what was written; disconnected() follows once it is sent.
    return m_encrypted && (m_socket->state() == QAbstractSocket::ConnectedState ||
                           m_socket->state() == QAbstractSocket::ClosingState);
}

qint64 SslTransport::write(const char *data, qint64 size)
{
    // No MQTT byte leaves before the broker is verified.
    if (!m_encrypted)
        return -1;
    return m_socket->write(data, size);
}

qint64 SslTransport::bytesAvailable() const
{
    return m_socket->bytesAvailable();
}

qint64 SslTransport::read(char *data, qint64 maximum)
{
    return m_socket->read(data, maximum);
}

qint64 SslTransport::bytesToWrite() const
{
    return m_socket->encryptedBytesToWrite() + m_socket->bytesToWrite();
}

} // namespace Mqtt
