// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Test certificates made with the openssl command at test time (EC P-256, fast): a CA, a
// server certificate for localhost / 127.0.0.1, a client certificate with an encrypted key,
// a second CA nobody trusts and its server certificate, a certificate for another host name
// and one that expired in 2020 (signed with `openssl ca -startdate/-enddate`).
class TransportsCertificates
{
public:
    // Writes everything into directory. False with *error set when openssl failed.
    bool generate(const QString &directory, QString *error);

    QString caFile() const { return path(QStringLiteral("ca.pem")); }
    QString serverCertificate() const { return path(QStringLiteral("server.pem")); }
    QString serverKey() const { return path(QStringLiteral("server.key")); }
    QString clientCertificate() const { return path(QStringLiteral("client.pem")); }
    QString clientKey() const { return path(QStringLiteral("client.key")); }
    QByteArray clientKeyPassphrase() const { return QByteArrayLiteral("open sesame"); }
    QString unknownCaFile() const { return path(QStringLiteral("unknown-ca.pem")); }
    QString unknownCaServerCertificate() const { return path(QStringLiteral("unknown.pem")); }
    QString unknownCaServerKey() const { return path(QStringLiteral("unknown.key")); }
    QString wrongHostCertificate() const { return path(QStringLiteral("wronghost.pem")); }
    QString wrongHostKey() const { return path(QStringLiteral("wronghost.key")); }
    QString expiredCertificate() const { return path(QStringLiteral("expired.pem")); }
    QString expiredKey() const { return path(QStringLiteral("expired.key")); }

    static QString caCommonName() { return QStringLiteral("Switchboard Test CA"); }
    static QString unknownCaCommonName() { return QStringLiteral("Switchboard Unknown CA"); }
    static QString wrongHostName() { return QStringLiteral("wrong-host.invalid"); }

private:
    QString path(const QString &name) const;
    bool openssl(const QStringList &arguments, QString *error) const;
    bool makeAuthority(const QString &name, const QString &commonName, QString *error) const;
    bool makeRequest(const QString &name, const QString &commonName, QString *error,
                     const QByteArray &passphrase = {}) const;
    bool sign(const QString &name, const QString &authority, const QString &extensions, int serial,
              QString *error) const;

    QString m_directory;
};
