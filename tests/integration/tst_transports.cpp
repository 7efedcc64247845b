// SPDX-License-Identifier: Apache-2.0
// TLS, WebSockets, passwords and proxies against real mosquitto listeners, with
// certificates made by openssl at test time and proxies (microsocks, tinyproxy) started
// by the test on free loopback ports.

#include "client.h"
#include "connectionoptions.h"
#include "error.h"
#include "message.h"
#include "mosquittoprocess.h"
#include "ssltransport.h"
#include "transport.h"
#include "transportfactory.h"
#include "transportscertificates.h"
#include "transportsproxies.h"
#include "websockettransport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <functional>
#include <memory>

using namespace Mqtt;

namespace {

const int Timeout = 10000;
const QString ProxyUser = QStringLiteral("proxy-user");
const QString ProxyPassword = QStringLiteral("proxy-secret");
const QString BrokerUser = QStringLiteral("alice");
const QString BrokerPassword = QStringLiteral("correct horse");

QString errorsText(const QSignalSpy &errors)
{
    QStringList texts;
    for (const QList<QVariant> &arguments : errors)
        texts << arguments.at(0).value<Error>().text;
    return texts.join(QStringLiteral(" | "));
}

QString uniqueSuffix()
{
    return QString::number(QRandomGenerator::global()->generate64() & 0xFFFFFFFFFFull, 16);
}

} // namespace

// Which listener of the TLS broker a row talks to.
enum class Listener {
    Plain,
    Tls,
    UnknownCa,
    WrongHost,
    Expired,
    Mutual,
    WebSocket,
    SecureWebSocket,
};
Q_DECLARE_METATYPE(Listener)
Q_DECLARE_METATYPE(Mqtt::TransportKind)
Q_DECLARE_METATYPE(Mqtt::ErrorCode)
Q_DECLARE_METATYPE(Mqtt::ProxyKind)
Q_DECLARE_METATYPE(Mqtt::TlsVersion)

class TestTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void tlsWithCaFile_data();
    void tlsWithCaFile();
    void tlsWithCaFolder();
    void minimumTlsVersionIsEnforced();
    void mutualTls();
    void webSockets_data();
    void webSockets();
    void handshakeRefused_data();
    void handshakeRefused();
    void allowInsecureAcceptsUnknownCa();
    void reconnectVerifiesAgain();
    void passwordFile_data();
    void passwordFile();
    void proxies_data();
    void proxies();
    void systemProxy();
    void proxyRefusesWrongCredentials_data();
    void proxyRefusesWrongCredentials();
    void unreachableProxyReadsTheSame_data();
    void unreachableProxyReadsTheSame();
    void badSettingsAreReported_data();
    void badSettingsAreReported();
    void failuresFollowTheAttempt_data();
    void failuresFollowTheAttempt();

private:
    bool startTlsBroker(QString *error);
    bool waitForListeners(QString *error);
    quint16 port(Listener listener) const;
    ConnectionOptions options(Listener listener) const;
    // options(listener) through the test's SOCKS5 or HTTP proxy, as ProxyUser with password.
    ConnectionOptions proxiedOptions(Listener listener, ProxyKind proxy,
                                     const QString &password) const;
    QString tlsBrokerLog();
    // Connects, subscribes, publishes a large QoS 1 message to itself and disconnects;
    // inspect() runs while connected.
    void verifyRoundTrip(const ConnectionOptions &options,
                         const std::function<void(Client &)> &inspect = {});
    // The broker's log never names clientId (it never got as far as reading a CONNECT).
    void verifyBrokerNeverSaw(const QString &clientId);

    QTemporaryDir m_certificateDirectory;
    TransportsCertificates m_certificates;
    std::unique_ptr<MosquittoProcess> m_tlsBroker;
    QHash<Listener, quint16> m_ports;
    QString m_tlsBrokerLog;
    std::unique_ptr<MosquittoProcess> m_passwordBroker;
    TransportsHelperProcess m_socks;
    TransportsHelperProcess m_http;
};

void TestTransports::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    QVERIFY(m_certificateDirectory.isValid());
    QString error;
    QVERIFY2(m_certificates.generate(m_certificateDirectory.path(), &error), qPrintable(error));
    QVERIFY2(startTlsBroker(&error), qPrintable(error));

    // A broker that admits only a user of its password file.
    m_passwordBroker = std::make_unique<MosquittoProcess>();
    const QString passwordFile = m_passwordBroker->directory() + QStringLiteral("/passwords");
    const QString passwd = QStandardPaths::findExecutable(QStringLiteral("mosquitto_passwd"));
    QVERIFY2(!passwd.isEmpty(), "mosquitto_passwd is missing (apt-get install mosquitto)");
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(passwd, {QStringLiteral("-c"), QStringLiteral("-b"), passwordFile, BrokerUser,
                           BrokerPassword});
    QVERIFY(process.waitForFinished(Timeout));
    QVERIFY2(process.exitCode() == 0, process.readAll().constData());
    // Started as root, mosquitto reads the password file after dropping to its own user.
    const QFileDevice::Permissions readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ReadGroup | QFileDevice::ReadOther;
    QFile::setPermissions(passwordFile, readable);
    QFile::setPermissions(m_passwordBroker->directory(), readable | QFileDevice::ExeOwner |
                                                                 QFileDevice::ExeGroup |
                                                                 QFileDevice::ExeOther);
    m_passwordBroker->addConfigLines({QStringLiteral("allow_anonymous false"),
                                      QStringLiteral("password_file ") + passwordFile});
    QVERIFY2(m_passwordBroker->start(), qPrintable(m_passwordBroker->errorString()));

    QVERIFY2(m_socks.startMicrosocks(ProxyUser, ProxyPassword, &error), qPrintable(error));
    QVERIFY2(m_http.startTinyproxy(
                     ProxyUser, ProxyPassword,
                     {port(Listener::Plain), port(Listener::Tls), port(Listener::SecureWebSocket)},
                     &error),
             qPrintable(error));
}

void TestTransports::cleanupTestCase()
{
    m_socks.stop();
    m_http.stop();
    if (m_passwordBroker)
        m_passwordBroker->stop();
    if (m_tlsBroker)
        m_tlsBroker->stop();
}

bool TestTransports::startTlsBroker(QString *error)
{
    const QString ca = QStringLiteral("cafile ") + m_certificates.caFile();
    const auto tlsListener = [&](quint16 port, const QString &certificate, const QString &key) {
        return QStringList{QStringLiteral("listener %1 127.0.0.1").arg(port), ca,
                           QStringLiteral("certfile ") + certificate,
                           QStringLiteral("keyfile ") + key};
    };
    // A listener port may be taken between picking and binding: then pick them all again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_ports.clear();
        QSet<quint16> taken;
        for (Listener listener :
             {Listener::Tls, Listener::UnknownCa, Listener::WrongHost, Listener::Expired,
              Listener::Mutual, Listener::WebSocket, Listener::SecureWebSocket}) {
            quint16 port = 0;
            do {
                port = MosquittoProcess::freePort();
            } while (port == 0 || taken.contains(port));
            taken.insert(port);
            m_ports.insert(listener, port);
        }
        // Notices name each accepted client: "New client connected from ... as <id>".
        QStringList lines{QStringLiteral("log_type notice")};
        lines += tlsListener(m_ports[Listener::Tls], m_certificates.serverCertificate(),
                             m_certificates.serverKey());
        lines += tlsListener(m_ports[Listener::UnknownCa],
                             m_certificates.unknownCaServerCertificate(),
                             m_certificates.unknownCaServerKey());
        lines += tlsListener(m_ports[Listener::WrongHost], m_certificates.wrongHostCertificate(),
                             m_certificates.wrongHostKey());
        lines += tlsListener(m_ports[Listener::Expired], m_certificates.expiredCertificate(),
                             m_certificates.expiredKey());
        lines += tlsListener(m_ports[Listener::Mutual], m_certificates.serverCertificate(),
                             m_certificates.serverKey());
        lines << QStringLiteral("require_certificate true");
        lines << QStringLiteral("listener %1 127.0.0.1").arg(m_ports[Listener::WebSocket])
              << QStringLiteral("protocol websockets");
        lines += tlsListener(m_ports[Listener::SecureWebSocket], m_certificates.serverCertificate(),
                             m_certificates.serverKey());
        lines << QStringLiteral("protocol websockets");

        m_tlsBroker = std::make_unique<MosquittoProcess>();
        m_tlsBroker->addConfigLines(lines);
        if (m_tlsBroker->start() && waitForListeners(error)) {
            m_ports.insert(Listener::Plain, m_tlsBroker->port());
            return true;
        }
        *error = m_tlsBroker->errorString();
    }
    return false;
}

bool TestTransports::waitForListeners(QString *error)
{
    // The fixture waits for its own listener, the first one opened; ours follow it.
    for (quint16 listenerPort : std::as_const(m_ports)) {
        if (!m_tlsBroker->waitForListener(listenerPort, Timeout)) {
            *error = QStringLiteral("listener %1 did not open: %2")
                             .arg(listenerPort)
                             .arg(tlsBrokerLog());
            m_tlsBroker->stop();
            return false;
        }
    }
    return true;
}

quint16 TestTransports::port(Listener listener) const
{
    return m_ports.value(listener);
}

ConnectionOptions TestTransports::options(Listener listener) const
{
    ConnectionOptions result;
    result.host = QStringLiteral("127.0.0.1");
    result.port = port(listener);
    result.clientId = QStringLiteral("transports-") + uniqueSuffix();
    result.connectTimeoutMs = Timeout;
    switch (listener) {
    case Listener::Plain:
        result.transport = TransportKind::Tcp;
        break;
    case Listener::WebSocket:
        result.transport = TransportKind::WebSocket;
        break;
    case Listener::SecureWebSocket:
        result.transport = TransportKind::SecureWebSocket;
        break;
    default:
        result.transport = TransportKind::Tls;
        break;
    }
    if (listener != Listener::Plain && listener != Listener::WebSocket)
        result.tls.caFile = m_certificates.caFile();
    return result;
}

ConnectionOptions TestTransports::proxiedOptions(Listener listener, ProxyKind proxy,
                                                 const QString &password) const
{
    ConnectionOptions result = options(listener);
    result.proxy.kind = proxy;
    result.proxy.host = QStringLiteral("127.0.0.1");
    result.proxy.port = proxy == ProxyKind::Socks5 ? m_socks.port() : m_http.port();
    result.proxy.userName = ProxyUser;
    result.proxy.password = password;
    return result;
}

QString TestTransports::tlsBrokerLog()
{
    m_tlsBrokerLog += m_tlsBroker->log();
    return m_tlsBrokerLog;
}

void TestTransports::verifyRoundTrip(const ConnectionOptions &options,
                                     const std::function<void(Client &)> &inspect)
{
    Client client;
    QSignalSpy connected(&client, &Client::connected);
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(options);
    QTRY_VERIFY2_WITH_TIMEOUT(connected.count() == 1 || !errors.isEmpty(),
                              "neither connected nor failed", Timeout);
    QVERIFY2(errors.isEmpty(), qPrintable(errorsText(errors)));
    QCOMPARE(client.state(), Client::State::Connected);
    if (inspect) {
        inspect(client);
        if (QTest::currentTestFailed())
            return;
    }

    const QString topic = QStringLiteral("switchboard/test/transports/") + uniqueSuffix();
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    QSignalSpy received(&client, &Client::messageReceived);
    QSignalSpy published(&client, &Client::messagePublished);
    QVERIFY(client.subscribe(topic, QoS::AtLeastOnce) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.count(), 1, Timeout);

    // Large enough to span several TLS records and TCP segments.
    Message message;
    message.topic = topic;
    message.qos = QoS::AtLeastOnce;
    // mosquitto 2.0's own WebSocket code reads slowly (about 40 KB/s here): keep it small.
    const bool isWebSocket = options.transport == TransportKind::WebSocket ||
                             options.transport == TransportKind::SecureWebSocket;
    message.payload.resize(isWebSocket ? 8 * 1024 : 200 * 1024);
    for (qsizetype i = 0; i < message.payload.size(); ++i)
        message.payload[i] = char(i * 7 + i / 251);
    const quint64 token = client.publish(message);
    QVERIFY(token > 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(published.count(), 1, Timeout);
    QCOMPARE(published.at(0).at(0).toULongLong(), token);
    const Message got = received.at(0).at(0).value<Message>();
    QCOMPARE(got.topic, topic);
    QVERIFY(got.payload == message.payload);
    QVERIFY2(errors.isEmpty(), qPrintable(errorsText(errors)));

    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Client::State::Disconnected, Timeout);
}

void TestTransports::verifyBrokerNeverSaw(const QString &clientId)
{
    // Sync point: once a later client shows in the log, the broker has handled the earlier
    // connection completely.
    Client probe;
    ConnectionOptions probeOptions = options(Listener::Plain);
    QSignalSpy connected(&probe, &Client::connected);
    probe.connectToHost(probeOptions);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(
            tlsBrokerLog().contains(QStringLiteral(" as %1 ").arg(probeOptions.clientId)), Timeout);
    QVERIFY2(!tlsBrokerLog().contains(QStringLiteral(" as %1 ").arg(clientId)),
             qPrintable(QStringLiteral("the broker accepted a CONNECT from %1").arg(clientId)));
    probe.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(probe.state(), Client::State::Disconnected, Timeout);
}

// ---- TLS ---------------------------------------------------------------------------------

void TestTransports::tlsWithCaFile_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("serverName");
    QTest::addColumn<TlsVersion>("minimumVersion");
    QTest::addColumn<QByteArrayList>("alpn");

    QTest::newRow("IP address, IP SAN")
            << "127.0.0.1" << QString() << TlsVersion::TlsV1_2 << QByteArrayList();
    QTest::newRow("host name, DNS SAN")
            << "localhost" << QString() << TlsVersion::TlsV1_2 << QByteArrayList();
    QTest::newRow("server name given") << "127.0.0.1"
                                       << "localhost" << TlsVersion::TlsV1_2 << QByteArrayList();
    QTest::newRow("minimum TLS 1.3, ALPN offered")
            << "127.0.0.1" << QString() << TlsVersion::TlsV1_3
            << QByteArrayList{QByteArrayLiteral("mqtt")};
}

void TestTransports::tlsWithCaFile()
{
    QFETCH(QString, host);
    QFETCH(QString, serverName);
    QFETCH(TlsVersion, minimumVersion);
    QFETCH(QByteArrayList, alpn);

    ConnectionOptions connection = options(Listener::Tls);
    connection.host = host;
    connection.tls.serverName = serverName;
    connection.tls.minimumVersion = minimumVersion;
    connection.tls.alpn = alpn;
    verifyRoundTrip(connection, [&](Client &client) {
        // The client made the transport from the options.
        auto *transport = qobject_cast<SslTransport *>(client.transport());
        QVERIFY(transport);
        QVERIFY(transport->socket()->isEncrypted());
        QCOMPARE(transport->socket()->peerCertificate().subjectInfo(QSslCertificate::CommonName),
                 QStringList{QStringLiteral("localhost")});
        QCOMPARE(transport->socket()->sslConfiguration().allowedNextProtocols(), alpn);
        if (minimumVersion == TlsVersion::TlsV1_3)
            QCOMPARE(transport->socket()->sessionProtocol(), QSsl::TlsV1_3);
    });
}

void TestTransports::tlsWithCaFolder()
{
    // The folder holds both CAs, keys and openssl's files: only the certificates count.
    ConnectionOptions connection = options(Listener::Tls);
    connection.tls.caFile.clear();
    connection.tls.caDirectory = m_certificateDirectory.path();
    verifyRoundTrip(connection);
}

void TestTransports::minimumTlsVersionIsEnforced()
{
    // mosquitto's tls_version is a minimum too, so a TLS 1.2-only peer is made here.
    QSslServer server;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2);
    configuration.setLocalCertificateChain(
            QSslCertificate::fromPath(m_certificates.serverCertificate()));
    QFile keyFile(m_certificates.serverKey());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    QVERIFY(!configuration.privateKey().isNull());
    server.setSslConfiguration(configuration);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    ConnectionOptions connection = options(Listener::Tls);
    connection.port = server.serverPort();
    connection.tls.minimumVersion = TlsVersion::TlsV1_3;
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy states(&client, &Client::stateChanged);
    client.connectToHost(connection);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::TlsError);
    QVERIFY2(error.text.contains(QStringLiteral("TLS")), qPrintable(error.text));
    for (const QList<QVariant> &arguments : states)
        QVERIFY(arguments.at(0).value<Client::State>() != Client::State::WaitingForConnack);

    // The same peer is fine with the default minimum, TLS 1.2.
    connection.tls.minimumVersion = TlsVersion::TlsV1_2;
    client.connectToHost(connection);
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == Client::State::WaitingForConnack, Timeout);
    QCOMPARE(errors.count(), 1);
    client.abortConnection();
}

void TestTransports::mutualTls()
{
    ConnectionOptions connection = options(Listener::Mutual);
    connection.tls.certificateFile = m_certificates.clientCertificate();
    connection.tls.keyFile = m_certificates.clientKey();
    connection.tls.keyPassphrase = m_certificates.clientKeyPassphrase();
    verifyRoundTrip(connection, [](Client &client) {
        auto *transport = qobject_cast<SslTransport *>(client.transport());
        QVERIFY(transport);
        QCOMPARE(transport->socket()->localCertificate().subjectInfo(QSslCertificate::CommonName),
                 QStringList{QStringLiteral("switchboard-client")});
    });
}

// ---- WebSockets --------------------------------------------------------------------------

void TestTransports::webSockets_data()
{
    QTest::addColumn<Listener>("listener");
    QTest::newRow("ws") << Listener::WebSocket;
    QTest::newRow("wss") << Listener::SecureWebSocket;
}

void TestTransports::webSockets()
{
    QFETCH(Listener, listener);
    verifyRoundTrip(options(listener), [&](Client &client) {
        auto *transport = qobject_cast<WebSocketTransport *>(client.transport());
        QVERIFY(transport);
        QCOMPARE(transport->socket()->subprotocol(), QStringLiteral("mqtt"));
        QCOMPARE(transport->socket()->requestUrl().path(), QStringLiteral("/mqtt"));
        QCOMPARE(transport->socket()->requestUrl().scheme(), listener == Listener::SecureWebSocket
                                                                     ? QStringLiteral("wss")
                                                                     : QStringLiteral("ws"));
    });
}

// ---- refusals ----------------------------------------------------------------------------

void TestTransports::handshakeRefused_data()
{
    QTest::addColumn<Listener>("listener");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QStringList>("expected"); // fragments of the error text
    // TLS 1.3 lets the client finish its handshake before the broker checks the client
    // certificate: the broker refuses it then, but our side may already have written.
    QTest::addColumn<bool>("clientMayFinishHandshake");

    const QString ca = m_certificates.caFile();
    QTest::newRow("unknown CA")
            << Listener::UnknownCa << ca
            << QStringList{QStringLiteral("not signed by a trusted certificate authority"),
                           QStringLiteral("subject \"CN=localhost\""),
                           QStringLiteral("issued by \"CN=%1\"")
                                   .arg(TransportsCertificates::unknownCaCommonName()),
                           QStringLiteral("valid from "),
                           QStringLiteral("Expected host name: \"127.0.0.1\"")}
            << false;
    QTest::newRow("wrong host name")
            << Listener::WrongHost << ca
            << QStringList{QStringLiteral("not issued for the host name \"127.0.0.1\""),
                           TransportsCertificates::wrongHostName(),
                           QStringLiteral("subject \"CN=%1\"")
                                   .arg(TransportsCertificates::wrongHostName()),
                           QStringLiteral("issued by \"CN=%1\"")
                                   .arg(TransportsCertificates::caCommonName())}
            << false;
    QTest::newRow("expired certificate")
            << Listener::Expired << ca
            << QStringList{QStringLiteral("expired on 2020-02-01 00:00 UTC"),
                           QStringLiteral(
                                   "valid from 2020-01-01 00:00 UTC to 2020-02-01 00:00 UTC"),
                           QStringLiteral("subject \"CN=localhost\"")}
            << false;
    QTest::newRow("wss, broker's CA not trusted")
            << Listener::SecureWebSocket << m_certificates.unknownCaFile()
            << QStringList{QStringLiteral("not signed by a trusted certificate authority"),
                           QStringLiteral("The chain ends in the authority \"CN=%1\"")
                                   .arg(TransportsCertificates::caCommonName())}
            << false;
    QTest::newRow("client certificate missing")
            << Listener::Mutual << ca
            << QStringList{QStringLiteral("requires a client certificate")} << true;
}

void TestTransports::handshakeRefused()
{
    QFETCH(Listener, listener);
    QFETCH(QString, caFile);
    QFETCH(QStringList, expected);
    QFETCH(bool, clientMayFinishHandshake);

    ConnectionOptions connection = options(listener);
    connection.tls.caFile = caFile;
    Client client;
    // Injected, to watch it: the client still configures it with the options.
    Transport *transport = createTransport(connection.transport);
    client.setTransport(transport);
    QSignalSpy transportConnected(transport, &Transport::connected);
    QSignalSpy states(&client, &Client::stateChanged);
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(connection);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::TlsError);
    for (const QString &fragment : expected)
        QVERIFY2(error.text.contains(fragment),
                 qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(error.text, fragment)));
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(client.lastError().code, ErrorCode::TlsError);
    if (!clientMayFinishHandshake) {
        // Nothing of MQTT was written: the CONNECT waits for a verified handshake.
        QCOMPARE(transportConnected.count(), 0);
        for (const QList<QVariant> &arguments : states)
            QVERIFY(arguments.at(0).value<Client::State>() != Client::State::WaitingForConnack);
    }
    verifyBrokerNeverSaw(connection.clientId);
}

void TestTransports::allowInsecureAcceptsUnknownCa()
{
    ConnectionOptions connection = options(Listener::UnknownCa);
    connection.tls.allowInsecure = true;
    verifyRoundTrip(connection);
}

void TestTransports::reconnectVerifiesAgain()
{
    ConnectionOptions connection = options(Listener::UnknownCa);
    connection.autoReconnect = true;
    connection.reconnectInitialDelayMs = 20;
    connection.reconnectMaximumDelayMs = 40;
    Client client;
    QSignalSpy connected(&client, &Client::connected);
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy reconnects(&client, &Client::reconnectScheduled);
    client.connectToHost(connection);
    QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 3, Timeout);
    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Client::State::Disconnected, Timeout);
    QCOMPARE(connected.count(), 0);
    QVERIFY(reconnects.count() >= 2);
    for (const QList<QVariant> &arguments : errors)
        QCOMPARE(arguments.at(0).value<Error>().code, ErrorCode::TlsError);
}

// ---- passwords ---------------------------------------------------------------------------

void TestTransports::passwordFile_data()
{
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("right password") << BrokerUser << BrokerPassword.toUtf8() << true;
    QTest::newRow("wrong password") << BrokerUser << QByteArray("wrong horse") << false;
    QTest::newRow("unknown user") << QStringLiteral("mallory") << BrokerPassword.toUtf8() << false;
}

void TestTransports::passwordFile()
{
    QFETCH(QString, userName);
    QFETCH(QByteArray, password);
    QFETCH(bool, accepted);

    ConnectionOptions connection;
    connection.host = m_passwordBroker->host();
    connection.port = m_passwordBroker->port();
    connection.userName = userName;
    connection.password = password;
    if (accepted) {
        verifyRoundTrip(connection);
        return;
    }
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy connected(&client, &Client::connected);
    client.connectToHost(connection);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::ConnectionRefused);
    // mosquitto answers a failed password check with "not authorized" on 3.1.1.
    QCOMPARE(error.reasonCode, quint8(ConnectReturnCode::NotAuthorized));
    QVERIFY2(!error.text.isEmpty(), "the refusal has no readable text");
    QCOMPARE(connected.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Client::State::Disconnected, Timeout);
}

// ---- proxies -----------------------------------------------------------------------------

void TestTransports::proxies_data()
{
    QTest::addColumn<ProxyKind>("proxy");
    QTest::addColumn<Listener>("listener");

    QTest::newRow("SOCKS5, TCP") << ProxyKind::Socks5 << Listener::Plain;
    QTest::newRow("SOCKS5, TLS") << ProxyKind::Socks5 << Listener::Tls;
    QTest::newRow("SOCKS5, ws") << ProxyKind::Socks5 << Listener::WebSocket;
    QTest::newRow("HTTP CONNECT, TCP") << ProxyKind::HttpConnect << Listener::Plain;
    QTest::newRow("HTTP CONNECT, TLS") << ProxyKind::HttpConnect << Listener::Tls;
    QTest::newRow("HTTP CONNECT, wss") << ProxyKind::HttpConnect << Listener::SecureWebSocket;
}

void TestTransports::proxies()
{
    QFETCH(ProxyKind, proxy);
    QFETCH(Listener, listener);

    verifyRoundTrip(proxiedOptions(listener, proxy, ProxyPassword));
    if (proxy == ProxyKind::HttpConnect) {
        // The tunnel shows in tinyproxy's log (a direct connection would not).
        const QString request = QStringLiteral("CONNECT 127.0.0.1:%1 ").arg(port(listener));
        QTRY_VERIFY2_WITH_TIMEOUT(m_http.log().contains(request), qPrintable(m_http.log()), Timeout);
    }
}

void TestTransports::systemProxy()
{
    // The system configuration on Linux is the environment (read through libproxy).
    const QByteArray savedHttp = qgetenv("http_proxy");
    const QByteArray savedAll = qgetenv("all_proxy");
    const QByteArray savedNo = qgetenv("no_proxy");
    const auto restore = qScopeGuard([&] {
        for (const auto &[name, value] :
             {std::pair{"http_proxy", savedHttp}, std::pair{"all_proxy", savedAll},
              std::pair{"no_proxy", savedNo}}) {
            if (value.isEmpty())
                qunsetenv(name);
            else
                qputenv(name, value);
        }
    });
    qunsetenv("no_proxy");
    const QByteArray proxy = QStringLiteral("http://%1:%2@127.0.0.1:%3")
                                     .arg(ProxyUser, ProxyPassword)
                                     .arg(m_http.port())
                                     .toUtf8();
    qputenv("http_proxy", proxy);
    qputenv("all_proxy", proxy);

    ConnectionOptions connection = options(Listener::Tls);
    connection.proxy.kind = ProxyKind::System;
    verifyRoundTrip(connection);
    const QString request = QStringLiteral("CONNECT 127.0.0.1:%1 ").arg(port(Listener::Tls));
    QTRY_VERIFY2_WITH_TIMEOUT(m_http.log().contains(request), qPrintable(m_http.log()), Timeout);
}

void TestTransports::proxyRefusesWrongCredentials_data()
{
    QTest::addColumn<ProxyKind>("proxy");
    QTest::addColumn<Listener>("listener");
    QTest::newRow("SOCKS5, TCP") << ProxyKind::Socks5 << Listener::Plain;
    QTest::newRow("SOCKS5, wss") << ProxyKind::Socks5 << Listener::SecureWebSocket;
    QTest::newRow("HTTP CONNECT, TCP") << ProxyKind::HttpConnect << Listener::Plain;
    QTest::newRow("HTTP CONNECT, TLS") << ProxyKind::HttpConnect << Listener::Tls;
}

void TestTransports::proxyRefusesWrongCredentials()
{
    // Proof that the proxy is in the path: a direct connection would succeed.
    QFETCH(ProxyKind, proxy);
    QFETCH(Listener, listener);
    const ConnectionOptions connection =
            proxiedOptions(listener, proxy, QStringLiteral("not the password"));
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy connected(&client, &Client::connected);
    client.connectToHost(connection);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::TransportError);
    QVERIFY2(error.text.contains(QStringLiteral("proxy"), Qt::CaseInsensitive),
             qPrintable(error.text));
    QCOMPARE(connected.count(), 0);
}

void TestTransports::unreachableProxyReadsTheSame_data()
{
    QTest::addColumn<Listener>("listener");
    QTest::newRow("TCP") << Listener::Plain;
    QTest::newRow("TLS") << Listener::Tls;
    QTest::newRow("ws") << Listener::WebSocket;
}

// Every transport reports a failure through the same path, in the same words: plain TCP too.
void TestTransports::unreachableProxyReadsTheSame()
{
    QFETCH(Listener, listener);
    QTcpServer closed; // a port nothing listens on once the server is gone
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 proxyPort = closed.serverPort();
    closed.close();
    ConnectionOptions connection = proxiedOptions(listener, ProxyKind::Socks5, ProxyPassword);
    connection.proxy.port = proxyPort;
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(connection);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::TransportError);
    QVERIFY2(error.text.contains(QStringLiteral("The proxy refused the connection")),
             qPrintable(error.text));
}

// ---- settings ----------------------------------------------------------------------------

void TestTransports::badSettingsAreReported_data()
{
    QTest::addColumn<TransportKind>("transport");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("certificateFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<ProxyKind>("proxy");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("expected");

    const QString ca = m_certificates.caFile();
    const QString cert = m_certificates.clientCertificate();
    const QString key = m_certificates.clientKey();
    QTest::newRow("missing CA file")
            << TransportKind::Tls << QStringLiteral("/nonexistent/ca.pem") << QString() << QString()
            << QByteArray() << ProxyKind::None << ErrorCode::TlsError
            << QStringLiteral("CA file: Cannot read \"/nonexistent/ca.pem\"");
    QTest::newRow("certificate without key")
            << TransportKind::Tls << ca << cert << QString() << QByteArray() << ProxyKind::None
            << ErrorCode::TlsError << QStringLiteral("needs its private key");
    QTest::newRow("encrypted key, no passphrase")
            << TransportKind::Tls << ca << cert << key << QByteArray() << ProxyKind::None
            << ErrorCode::TlsError << QStringLiteral("is encrypted: give its passphrase");
    QTest::newRow("wrong passphrase")
            << TransportKind::SecureWebSocket << ca << cert << key << QByteArray("nope")
            << ProxyKind::None << ErrorCode::TlsError << QStringLiteral("wrong passphrase");
    QTest::newRow("proxy without port")
            << TransportKind::Tcp << QString() << QString() << QString() << QByteArray()
            << ProxyKind::Socks5 << ErrorCode::TransportError
            << QStringLiteral("The proxy needs a host and a port");
}

void TestTransports::badSettingsAreReported()
{
    QFETCH(TransportKind, transport);
    QFETCH(QString, caFile);
    QFETCH(QString, certificateFile);
    QFETCH(QString, keyFile);
    QFETCH(QByteArray, passphrase);
    QFETCH(ProxyKind, proxy);
    QFETCH(ErrorCode, code);
    QFETCH(QString, expected);

    ConnectionOptions connection = options(Listener::Plain);
    connection.transport = transport;
    connection.tls.caFile = caFile;
    connection.tls.certificateFile = certificateFile;
    connection.tls.keyFile = keyFile;
    connection.tls.keyPassphrase = passphrase;
    connection.proxy.kind = proxy;
    connection.proxy.host = QStringLiteral("127.0.0.1");
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(connection);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, code);
    QVERIFY2(error.text.contains(expected), qPrintable(error.text));
    QCOMPARE(client.state(), Client::State::Disconnected);
}

void TestTransports::failuresFollowTheAttempt_data()
{
    QTest::addColumn<TransportKind>("transport");
    QTest::newRow("TLS") << TransportKind::Tls;
    QTest::newRow("wss") << TransportKind::SecureWebSocket;
}

void TestTransports::failuresFollowTheAttempt()
{
    // Settings that fail an attempt from the event loop, without a broker, each with its own
    // text and code, so a report from the wrong attempt shows.
    QFETCH(TransportKind, transport);
    ConnectionOptions badCa = options(Listener::Tls);
    badCa.transport = transport;
    badCa.tls.caFile = QStringLiteral("/nonexistent/ca.pem");
    ConnectionOptions badProxy = options(Listener::Tls);
    badProxy.transport = transport;
    badProxy.proxy.kind = ProxyKind::Socks5; // no proxy host or port
    const std::unique_ptr<Transport> subject(createTransport(transport));
    QSignalSpy errors(subject.get(), &Transport::errorOccurred);
    const auto attempt = [&](const ConnectionOptions &connection) {
        subject->configure(connection);
        subject->connectToHost(connection.host, connection.port);
    };
    // Posted after the transport's own queued reports, so it runs after all of them.
    const auto settle = [&] {
        bool settled = false;
        QMetaObject::invokeMethod(
                subject.get(), [&settled] { settled = true; }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(settled, Timeout);
    };

    // An aborted attempt reports nothing.
    attempt(badCa);
    subject->abort();
    settle();
    QCOMPARE(errors.count(), 0);

    // Of two attempts in a row, only the second one reports, once.
    attempt(badProxy);
    attempt(badCa);
    settle();
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("CA file")),
             qPrintable(errors.at(0).at(0).toString()));
    QCOMPARE(subject->errorCode(), ErrorCode::TlsError);

    // A new attempt starts over: the code is back to TransportError.
    attempt(badProxy);
    QCOMPARE(subject->errorCode(), ErrorCode::TransportError);
    settle();
    QCOMPARE(errors.count(), 2);
    QVERIFY2(errors.at(1).at(0).toString().contains(QStringLiteral("proxy")),
             qPrintable(errors.at(1).at(0).toString()));
    QCOMPARE(subject->errorCode(), ErrorCode::TransportError);
}

QTEST_GUILESS_MAIN(TestTransports)

#include "tst_transports.moc"
