// SPDX-License-Identifier: Apache-2.0
#include "transportscertificates.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace {

// A self-contained openssl configuration, so the system's openssl.cnf does not matter.
const char ConfigTemplate[] = R"([ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ server_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[ wronghost_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:%WRONGHOST%
[ client_ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
[ ca ]
default_ca = test_ca
[ test_ca ]
database = %DIR%/index.txt
new_certs_dir = %DIR%
serial = %DIR%/serial
default_md = sha256
policy = any_policy
unique_subject = no
[ any_policy ]
commonName = supplied
)";

} // namespace

QString TransportsCertificates::path(const QString &name) const
{
    return QDir(m_directory).filePath(name);
}

bool TransportsCertificates::openssl(const QStringList &arguments, QString *error) const
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (program.isEmpty()) {
        *error = QStringLiteral("openssl is not installed (apt-get install openssl)");
        return false;
    }
    QProcess process;
    process.setWorkingDirectory(m_directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2 %3")
                         .arg(arguments.join(QLatin1Char(' ')), process.errorString(),
                              QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool TransportsCertificates::makeAuthority(const QString &name, const QString &commonName,
                                           QString *error) const
{
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"),
                    path(QStringLiteral("openssl.cnf")), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), path(name + QStringLiteral(".key")),
                    QStringLiteral("-out"), path(name + QStringLiteral(".pem")),
                    QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=") + commonName, QStringLiteral("-extensions"),
                    QStringLiteral("ca_ext")},
                   error);
}

bool TransportsCertificates::makeRequest(const QString &name, const QString &commonName,
                                         QString *error, const QByteArray &passphrase) const
{
    QStringList arguments{QStringLiteral("req"),
                          QStringLiteral("-config"),
                          path(QStringLiteral("openssl.cnf")),
                          QStringLiteral("-new"),
                          QStringLiteral("-newkey"),
                          QStringLiteral("ec"),
                          QStringLiteral("-pkeyopt"),
                          QStringLiteral("ec_paramgen_curve:P-256"),
                          QStringLiteral("-keyout"),
                          path(name + QStringLiteral(".key")),
                          QStringLiteral("-out"),
                          path(name + QStringLiteral(".csr")),
                          QStringLiteral("-subj"),
                          QStringLiteral("/CN=") + commonName};
    if (passphrase.isEmpty())
        arguments << QStringLiteral("-nodes");
    else
        arguments << QStringLiteral("-passout")
                  << QStringLiteral("pass:") + QString::fromUtf8(passphrase);
    return openssl(arguments, error);
}

bool TransportsCertificates::sign(const QString &name, const QString &authority,
                                  const QString &extensions, int serial, QString *error) const
{
    return openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    path(name + QStringLiteral(".csr")), QStringLiteral("-CA"),
                    path(authority + QStringLiteral(".pem")), QStringLiteral("-CAkey"),
                    path(authority + QStringLiteral(".key")), QStringLiteral("-set_serial"),
                    QString::number(serial), QStringLiteral("-days"), QStringLiteral("365"),
                    QStringLiteral("-extfile"), path(QStringLiteral("openssl.cnf")),
                    QStringLiteral("-extensions"), extensions, QStringLiteral("-out"),
                    path(name + QStringLiteral(".pem"))},
                   error);
}

bool TransportsCertificates::generate(const QString &directory, QString *error)
{
    m_directory = directory;
    QFile config(path(QStringLiteral("openssl.cnf")));
    QFile index(path(QStringLiteral("index.txt")));
    QFile serial(path(QStringLiteral("serial")));
    if (!config.open(QIODevice::WriteOnly) || !index.open(QIODevice::WriteOnly) ||
        !serial.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write in %1").arg(directory);
        return false;
    }
    config.write(QString::fromLatin1(ConfigTemplate)
                         .replace(QStringLiteral("%DIR%"), directory)
                         .replace(QStringLiteral("%WRONGHOST%"), wrongHostName())
                         .toUtf8());
    serial.write("1000\n");
    config.close();
    index.close();
    serial.close();

    const QString localhost = QStringLiteral("localhost");
    const bool made =
            makeAuthority(QStringLiteral("ca"), caCommonName(), error) &&
            makeAuthority(QStringLiteral("unknown-ca"), unknownCaCommonName(), error) &&
            makeRequest(QStringLiteral("server"), localhost, error) &&
            sign(QStringLiteral("server"), QStringLiteral("ca"), QStringLiteral("server_ext"), 2,
                 error) &&
            makeRequest(QStringLiteral("unknown"), localhost, error) &&
            sign(QStringLiteral("unknown"), QStringLiteral("unknown-ca"),
                 QStringLiteral("server_ext"), 3, error) &&
            makeRequest(QStringLiteral("wronghost"), wrongHostName(), error) &&
            sign(QStringLiteral("wronghost"), QStringLiteral("ca"), QStringLiteral("wronghost_ext"),
                 4, error) &&
            makeRequest(QStringLiteral("client"), QStringLiteral("switchboard-client"), error,
                        clientKeyPassphrase()) &&
            sign(QStringLiteral("client"), QStringLiteral("ca"), QStringLiteral("client_ext"), 5,
                 error)
            // x509 -req cannot backdate on OpenSSL 3.0; `openssl ca` takes explicit dates.
            && makeRequest(QStringLiteral("expired"), localhost, error) &&
            openssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"),
                     path(QStringLiteral("openssl.cnf")), QStringLiteral("-cert"),
                     path(QStringLiteral("ca.pem")), QStringLiteral("-keyfile"),
                     path(QStringLiteral("ca.key")), QStringLiteral("-in"),
                     path(QStringLiteral("expired.csr")), QStringLiteral("-out"),
                     path(QStringLiteral("expired.pem")), QStringLiteral("-startdate"),
                     QStringLiteral("20200101000000Z"), QStringLiteral("-enddate"),
                     QStringLiteral("20200201000000Z"), QStringLiteral("-extensions"),
                     QStringLiteral("server_ext"), QStringLiteral("-notext")},
                    error);
    if (!made)
        return false;
    // Started as root, mosquitto loads them after dropping to its own user: throwaway test
    // keys may be readable by all.
    const QFileDevice::Permissions readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ReadGroup | QFileDevice::ReadOther;
    const QFileInfoList files = QDir(directory).entryInfoList(QDir::Files);
    for (const QFileInfo &file : files)
        QFile::setPermissions(file.filePath(), readable);
    QFile::setPermissions(directory, readable | QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                             QFileDevice::ExeOther);
    return true;
}
