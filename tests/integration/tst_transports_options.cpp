// SPDX-License-Identifier: Apache-2.0
// Broker URLs (parseBrokerUrl) and the CLI's transport options (app/cli/transportoptions),
// without a broker.

#include "connectionoptions.h"
#include "transportoptions.h"

#include <QCommandLineParser>
#include <QTest>

using namespace Mqtt;

Q_DECLARE_METATYPE(Mqtt::TransportKind)
Q_DECLARE_METATYPE(Mqtt::ProxyKind)

class TestTransportsOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseBrokerUrl_data();
    void parseBrokerUrl();
    void brokerUrlCredentials();
    void refusedUrlLeavesOptionsAlone();

    void urlOverridesHostAndPort();
    void repeatedUrlMakesFailoverList();
    void tlsOptionsTurnOnTls_data();
    void tlsOptionsTurnOnTls();
    void tlsSettings();
    void tlsOptionsNeedSecureUrl();
    void badTlsVersion();
    void webSocketPath();
    void proxy_data();
    void proxy();

private:
    // Parses arguments as a CLI command would (with its -p), then applies them.
    bool apply(const QStringList &arguments, ConnectionOptions *options, QString *error);
};

void TestTransportsOptions::parseBrokerUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<TransportKind>("transport");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("path");

    const QString defaultPath = QStringLiteral("/mqtt");
    QTest::newRow("mqtt with port") << "mqtt://broker.example:1884" << true << TransportKind::Tcp
                                    << "broker.example" << 1884 << defaultPath;
    QTest::newRow("mqtt default port") << "mqtt://broker.example" << true << TransportKind::Tcp
                                       << "broker.example" << 1883 << defaultPath;
    QTest::newRow("mqtt trailing slash") << "mqtt://broker.example/" << true << TransportKind::Tcp
                                         << "broker.example" << 1883 << defaultPath;
    QTest::newRow("tcp alias") << "tcp://10.0.0.1" << true << TransportKind::Tcp << "10.0.0.1"
                               << 1883 << defaultPath;
    QTest::newRow("mqtts default port") << "mqtts://broker.example" << true << TransportKind::Tls
                                        << "broker.example" << 8883 << defaultPath;
    QTest::newRow("ssl alias with port")
            << "ssl://broker.example:9883" << true << TransportKind::Tls << "broker.example" << 9883
            << defaultPath;
    QTest::newRow("ws with port and path")
            << "ws://broker.example:8080/mqtt" << true << TransportKind::WebSocket
            << "broker.example" << 8080 << "/mqtt";
    QTest::newRow("ws default port, no path")
            << "ws://broker.example" << true << TransportKind::WebSocket << "broker.example" << 80
            << defaultPath;
    QTest::newRow("wss default port")
            << "wss://broker.example/mqtt" << true << TransportKind::SecureWebSocket
            << "broker.example" << 443 << "/mqtt";
    QTest::newRow("wss path and query")
            << "wss://broker.example:8443/ws/v1?token=abc" << true << TransportKind::SecureWebSocket
            << "broker.example" << 8443 << "/ws/v1?token=abc";
    QTest::newRow("scheme in capitals") << "MQTTS://Broker.Example" << true << TransportKind::Tls
                                        << "broker.example" << 8883 << defaultPath;
    QTest::newRow("IPv6 literal") << "mqtt://[::1]:1883" << true << TransportKind::Tcp << "::1"
                                  << 1883 << defaultPath;

    QTest::newRow("empty") << "" << false << TransportKind::Tcp << "" << 0 << "";
    QTest::newRow("no scheme") << "broker.example:1883" << false << TransportKind::Tcp << "" << 0
                               << "";
    QTest::newRow("unknown scheme")
            << "http://broker.example" << false << TransportKind::Tcp << "" << 0 << "";
    QTest::newRow("no host") << "mqtt://:1883" << false << TransportKind::Tcp << "" << 0 << "";
    QTest::newRow("port 0") << "mqtt://broker.example:0" << false << TransportKind::Tcp << "" << 0
                            << "";
    QTest::newRow("port too large")
            << "mqtt://broker.example:65536" << false << TransportKind::Tcp << "" << 0 << "";
    QTest::newRow("path on mqtt") << "mqtt://broker.example/some/topic" << false
                                  << TransportKind::Tcp << "" << 0 << "";
}

void TestTransportsOptions::parseBrokerUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(TransportKind, transport);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, path);

    ConnectionOptions options;
    QString error;
    QCOMPARE(Mqtt::parseBrokerUrl(url, &options, &error), ok);
    if (!ok) {
        QVERIFY2(!error.isEmpty(), "a refused URL must say why");
        return;
    }
    QVERIFY(error.isEmpty());
    QCOMPARE(options.transport, transport);
    QCOMPARE(options.host, host);
    QCOMPARE(int(options.port), port);
    QCOMPARE(options.webSocketPath, path);
}

void TestTransportsOptions::brokerUrlCredentials()
{
    ConnectionOptions options;
    QString error;
    QVERIFY(Mqtt::parseBrokerUrl(QStringLiteral("mqtts://alice:s%40cret@broker.example"), &options,
                                 &error));
    QCOMPARE(options.userName, std::optional<QString>(QStringLiteral("alice")));
    QCOMPARE(options.password, std::optional<QByteArray>(QByteArrayLiteral("s@cret")));

    // Without user info the credentials given elsewhere stay.
    options.userName = QStringLiteral("bob");
    QVERIFY(Mqtt::parseBrokerUrl(QStringLiteral("mqtt://broker.example"), &options, &error));
    QCOMPARE(options.userName, std::optional<QString>(QStringLiteral("bob")));
}

void TestTransportsOptions::refusedUrlLeavesOptionsAlone()
{
    ConnectionOptions options;
    options.host = QStringLiteral("kept.example");
    options.port = 1234;
    QString error;
    QVERIFY(!Mqtt::parseBrokerUrl(QStringLiteral("gopher://other.example"), &options, &error));
    QVERIFY(error.contains(QStringLiteral("gopher")));
    QCOMPARE(options.host, QStringLiteral("kept.example"));
    QCOMPARE(options.port, quint16(1234));
    QCOMPARE(options.transport, TransportKind::Tcp);
}

bool TestTransportsOptions::apply(const QStringList &arguments, ConnectionOptions *options,
                                  QString *error)
{
    QCommandLineParser parser;
    parser.addOption({{QStringLiteral("p"), QStringLiteral("port")},
                      QStringLiteral("port"),
                      QStringLiteral("port"),
                      QStringLiteral("1883")});
    Cli::addTransportOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("switchboard-cli")} + arguments)) {
        *error = parser.errorText();
        return false;
    }
    options->port = quint16(parser.value(QStringLiteral("port")).toUInt());
    return Cli::applyTransportOptions(parser, options, error);
}

void TestTransportsOptions::urlOverridesHostAndPort()
{
    ConnectionOptions options;
    options.host = QStringLiteral("from-h.example");
    QString error;
    QVERIFY2(apply({QStringLiteral("-p"), QStringLiteral("1999"), QStringLiteral("-L"),
                    QStringLiteral("wss://broker.example/ws")},
                   &options, &error),
             qPrintable(error));
    QCOMPARE(options.transport, TransportKind::SecureWebSocket);
    QCOMPARE(options.host, QStringLiteral("broker.example"));
    QCOMPARE(options.port, quint16(443));
    QCOMPARE(options.webSocketPath, QStringLiteral("/ws"));
}

void TestTransportsOptions::repeatedUrlMakesFailoverList()
{
    // Each -L is kept, in order (a repeated -L used to keep only the last); credentials in any
    // of them are the connection's.
    ConnectionOptions options;
    QString error;
    QVERIFY2(apply({QStringLiteral("-L"), QStringLiteral("ws://a.example:9001/custom"),
                    QStringLiteral("-L"), QStringLiteral("mqtt://user:pw@b.example"),
                    QStringLiteral("-L"), QStringLiteral("ws://c.example")},
                   &options, &error),
             qPrintable(error));
    QCOMPARE(options.servers().size(), 3);
    QCOMPARE(options.host, QStringLiteral("a.example"));
    QCOMPARE(options.port, quint16(9001));
    QCOMPARE(options.webSocketPath, QStringLiteral("/custom"));
    QCOMPARE(options.failoverServers.at(0).toUrl(), QStringLiteral("mqtt://b.example:1883"));
    // A URL without a path has the default one, not the path of the URL before it.
    QCOMPARE(options.failoverServers.at(1).toUrl(), QStringLiteral("ws://c.example:80/mqtt"));
    QCOMPARE(options.userName.value_or(QString()), QStringLiteral("user"));
    QCOMPARE(options.password.value_or(QByteArray()), QByteArray("pw"));

    // --ws-path applies to every WebSocket broker of the list.
    ConnectionOptions paths;
    QVERIFY2(apply({QStringLiteral("-L"), QStringLiteral("mqtt://a.example"), QStringLiteral("-L"),
                    QStringLiteral("wss://b.example"), QStringLiteral("--ws-path"),
                    QStringLiteral("socket")},
                   &paths, &error),
             qPrintable(error));
    QCOMPARE(paths.webSocketPath, QStringLiteral("/mqtt")); // the first is not a WebSocket
    QCOMPARE(paths.failoverServers.at(0).webSocketPath, QStringLiteral("/socket"));

    // TLS options need every broker of the list to speak TLS; the error names the one that
    // does not.
    ConnectionOptions mixed;
    QVERIFY(!apply({QStringLiteral("-L"), QStringLiteral("mqtts://a.example"), QStringLiteral("-L"),
                    QStringLiteral("mqtt://plain.example"), QStringLiteral("--cafile"),
                    QStringLiteral("ca.pem")},
                   &mixed, &error));
    QVERIFY2(error.contains(QStringLiteral("plain.example")), qPrintable(error));
    QVERIFY(mixed.failoverServers.isEmpty());

    // A bad URL anywhere in the list is refused.
    ConnectionOptions bad;
    QVERIFY(!apply({QStringLiteral("-L"), QStringLiteral("mqtt://a.example"), QStringLiteral("-L"),
                    QStringLiteral("http://b.example")},
                   &bad, &error));
    QVERIFY2(error.contains(QStringLiteral("http")), qPrintable(error));
}

void TestTransportsOptions::tlsOptionsTurnOnTls_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("port");

    QTest::newRow("--cafile") << QStringList{QStringLiteral("--cafile"), QStringLiteral("ca.pem")}
                              << 8883;
    QTest::newRow("--cafile with -p")
            << QStringList{QStringLiteral("--cafile"), QStringLiteral("ca.pem"),
                           QStringLiteral("-p"), QStringLiteral("1234")}
            << 1234;
    QTest::newRow("--tls-use-os-certs")
            << QStringList{QStringLiteral("--tls-use-os-certs")} << 8883;
    QTest::newRow("--insecure") << QStringList{QStringLiteral("--insecure")} << 8883;
}

void TestTransportsOptions::tlsOptionsTurnOnTls()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, port);
    ConnectionOptions options;
    QString error;
    QVERIFY2(apply(arguments, &options, &error), qPrintable(error));
    QCOMPARE(options.transport, TransportKind::Tls);
    QCOMPARE(int(options.port), port);
}

void TestTransportsOptions::tlsSettings()
{
    ConnectionOptions options;
    QString error;
    QVERIFY2(apply({QStringLiteral("-L"),
                    QStringLiteral("mqtts://broker.example"),
                    QStringLiteral("--cafile"),
                    QStringLiteral("ca.pem"),
                    QStringLiteral("--capath"),
                    QStringLiteral("/etc/cas"),
                    QStringLiteral("--cert"),
                    QStringLiteral("client.pem"),
                    QStringLiteral("--key"),
                    QStringLiteral("client.key"),
                    QStringLiteral("--keypass"),
                    QStringLiteral("pass phrase"),
                    QStringLiteral("--tls-version"),
                    QStringLiteral("tlsv1.3"),
                    QStringLiteral("--alpn"),
                    QStringLiteral("mqtt, x-amzn-mqtt-ca"),
                    QStringLiteral("--tls-alpn"),
                    QStringLiteral("h2"),
                    QStringLiteral("--tls-server-name"),
                    QStringLiteral("sni.example"),
                    QStringLiteral("--insecure")},
                   &options, &error),
             qPrintable(error));
    QCOMPARE(options.transport, TransportKind::Tls);
    QCOMPARE(options.tls.caFile, QStringLiteral("ca.pem"));
    QCOMPARE(options.tls.caDirectory, QStringLiteral("/etc/cas"));
    QCOMPARE(options.tls.certificateFile, QStringLiteral("client.pem"));
    QCOMPARE(options.tls.keyFile, QStringLiteral("client.key"));
    QCOMPARE(options.tls.keyPassphrase, QByteArrayLiteral("pass phrase"));
    QCOMPARE(options.tls.minimumVersion, TlsVersion::TlsV1_3);
    QCOMPARE(options.tls.alpn,
             (QByteArrayList{QByteArrayLiteral("mqtt"), QByteArrayLiteral("x-amzn-mqtt-ca"),
                             QByteArrayLiteral("h2")}));
    QCOMPARE(options.tls.serverName, QStringLiteral("sni.example"));
    QVERIFY(options.tls.allowInsecure);
}

void TestTransportsOptions::tlsOptionsNeedSecureUrl()
{
    ConnectionOptions options;
    QString error;
    QVERIFY(!apply({QStringLiteral("-L"), QStringLiteral("mqtt://broker.example"),
                    QStringLiteral("--cafile"), QStringLiteral("ca.pem")},
                   &options, &error));
    QVERIFY2(error.contains(QStringLiteral("mqtts://")), qPrintable(error));
    QCOMPARE(options.transport, TransportKind::Tcp);
}

void TestTransportsOptions::badTlsVersion()
{
    ConnectionOptions options;
    QString error;
    QVERIFY(!apply({QStringLiteral("--tls-version"), QStringLiteral("sslv3")}, &options, &error));
    QVERIFY2(error.contains(QStringLiteral("sslv3")), qPrintable(error));
}

void TestTransportsOptions::webSocketPath()
{
    ConnectionOptions options;
    QString error;
    QVERIFY2(apply({QStringLiteral("-L"), QStringLiteral("ws://broker.example:8080"),
                    QStringLiteral("--ws-path"), QStringLiteral("custom")},
                   &options, &error),
             qPrintable(error));
    QCOMPARE(options.webSocketPath, QStringLiteral("/custom"));

    ConnectionOptions plain;
    QVERIFY(!apply({QStringLiteral("--ws-path"), QStringLiteral("/mqtt")}, &plain, &error));
    QVERIFY2(error.contains(QStringLiteral("ws://")), qPrintable(error));
}

void TestTransportsOptions::proxy_data()
{
    QTest::addColumn<QString>("proxy");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<ProxyKind>("kind");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("userName");
    QTest::addColumn<QString>("password");

    QTest::newRow("socks5h with credentials")
            << "socks5h://user:pa%3Ass@proxy.example:1081" << true << ProxyKind::Socks5
            << "proxy.example" << 1081 << "user"
            << "pa:ss";
    QTest::newRow("socks5 default port") << "socks5://proxy.example" << true << ProxyKind::Socks5
                                         << "proxy.example" << 1080 << ""
                                         << "";
    QTest::newRow("http CONNECT") << "http://proxy.example:3128" << true << ProxyKind::HttpConnect
                                  << "proxy.example" << 3128 << ""
                                  << "";
    QTest::newRow("system") << "system" << true << ProxyKind::System << "" << 0 << ""
                            << "";
    QTest::newRow("none") << "none" << true << ProxyKind::None << "" << 0 << ""
                          << "";
    QTest::newRow("http without port")
            << "http://proxy.example" << false << ProxyKind::None << "" << 0 << ""
            << "";
    QTest::newRow("unknown scheme")
            << "ftp://proxy.example:21" << false << ProxyKind::None << "" << 0 << ""
            << "";
    QTest::newRow("not a URL") << "proxy.example" << false << ProxyKind::None << "" << 0 << ""
                               << "";
}

void TestTransportsOptions::proxy()
{
    QFETCH(QString, proxy);
    QFETCH(bool, ok);
    QFETCH(ProxyKind, kind);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, userName);
    QFETCH(QString, password);

    ConnectionOptions options;
    QString error;
    QCOMPARE(apply({QStringLiteral("--proxy"), proxy}, &options, &error), ok);
    if (!ok) {
        QVERIFY2(!error.isEmpty(), "a refused proxy must say why");
        QCOMPARE(options.proxy.kind, ProxyKind::None);
        return;
    }
    QCOMPARE(options.proxy.kind, kind);
    QCOMPARE(options.proxy.host, host);
    QCOMPARE(int(options.proxy.port), port);
    QCOMPARE(options.proxy.userName, userName);
    QCOMPARE(options.proxy.password, password);
    // A proxy alone does not change the transport.
    QCOMPARE(options.transport, TransportKind::Tcp);
}

QTEST_GUILESS_MAIN(TestTransportsOptions)

#include "tst_transports_options.moc"
