// SPDX-License-Identifier: Apache-2.0
#include "transportoptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QUrl>

namespace Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

const QString UrlOption = QStringLiteral("url");
const QString CaFileOption = QStringLiteral("cafile");
const QString CaPathOption = QStringLiteral("capath");
const QString CertOption = QStringLiteral("cert");
const QString KeyOption = QStringLiteral("key");
const QString KeyPassOption = QStringLiteral("keypass");
const QString TlsVersionOption = QStringLiteral("tls-version");
const QString AlpnOption = QStringLiteral("tls-alpn");
const QString ServerNameOption = QStringLiteral("tls-server-name");
const QString OsCertsOption = QStringLiteral("tls-use-os-certs");
const QString InsecureOption = QStringLiteral("insecure");
const QString ProxyOption = QStringLiteral("proxy");
const QString WsPathOption = QStringLiteral("ws-path");

bool fail(QString *error, const QString &text)
{
    if (error)
        *error = text;
    return false;
}

} // namespace

QList<QCommandLineOption> transportOptions()
{
    QList<QCommandLineOption> options;
    options += QCommandLineOption{
            {QStringLiteral("L"), UrlOption},
            tr("Broker URL: mqtt://host[:1883], mqtts://host[:8883], "
               "ws://host[:80]/path, wss://host[:443]/path (tcp:// and ssl:// too). "
               "Overrides -h and -p. Repeat for failover: the brokers are tried in order, and a "
               "lost or refusing one gives way to the next."),
            QStringLiteral("url")};
    options += QCommandLineOption{
            CaFileOption,
            tr("Trust only the certificate authorities in this PEM file (turns on "
               "TLS)."),
            QStringLiteral("file")};
    options += QCommandLineOption{
            CaPathOption,
            tr("Trust only the certificate authorities in the PEM files of this folder "
               "(turns on TLS)."),
            QStringLiteral("folder")};
    options += QCommandLineOption{
            OsCertsOption, tr("Turn on TLS, trusting the system's certificate authorities.")};
    options += QCommandLineOption{CertOption,
                                  tr("Client certificate (PEM) for brokers that require one."),
                                  QStringLiteral("file")};
    options += QCommandLineOption{KeyOption, tr("Private key (PEM) of the client certificate."),
                                  QStringLiteral("file")};
    options += QCommandLineOption{KeyPassOption, tr("Passphrase of an encrypted private key."),
                                  QStringLiteral("passphrase")};
    options += QCommandLineOption{TlsVersionOption,
                                  tr("Oldest TLS version accepted: tlsv1.2 (default) or tlsv1.3."),
                                  QStringLiteral("version")};
    options += QCommandLineOption{{AlpnOption, QStringLiteral("alpn")},
                                  tr("ALPN protocol to offer; repeat or separate with commas."),
                                  QStringLiteral("protocol")};
    options += QCommandLineOption{
            ServerNameOption,
            tr("Server name sent in SNI and checked in the certificate (default: the "
               "host)."),
            QStringLiteral("name")};
    options += QCommandLineOption{
            InsecureOption, tr("Do not verify the broker's certificate nor its host name. For test "
                               "brokers only.")};
    options += QCommandLineOption{ProxyOption,
                                  tr("Proxy: socks5://[user:password@]host[:port], "
                                     "http://[user:password@]host:port (CONNECT), system or none "
                                     "(default)."),
                                  QStringLiteral("proxy")};
    options += QCommandLineOption{
            WsPathOption, tr("HTTP path of the WebSocket endpoint (default /mqtt, or the URL's)."),
            QStringLiteral("path")};
    return options;
}

void addTransportOptions(QCommandLineParser &parser)
{
    parser.addOptions(transportOptions());
}

bool parseProxy(const QString &text, Mqtt::ProxyOptions *proxy, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        *proxy = {};
        return true;
    }
    if (trimmed.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0) {
        *proxy = {};
        proxy->kind = Mqtt::ProxyKind::System;
        return true;
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return fail(error, tr("\"%1\" is not a proxy URL such as socks5://host:1080 or "
                              "http://host:3128")
                                   .arg(text));
    const QString scheme = url.scheme().toLower();
    Mqtt::ProxyOptions result;
    int defaultPort = 0;
    if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h")) {
        result.kind = Mqtt::ProxyKind::Socks5;
        defaultPort = 1080;
    } else if (scheme == QLatin1String("http")) {
        result.kind = Mqtt::ProxyKind::HttpConnect;
    } else {
        return fail(error,
                    tr("Unknown proxy scheme \"%1\"; use socks5, socks5h or http").arg(scheme));
    }
    const int port = url.port(defaultPort);
    if (port <= 0 || port > 65535)
        return fail(error, tr("The proxy \"%1\" needs a port").arg(text));
    result.host = url.host();
    result.port = quint16(port);
    result.userName = url.userName();
    result.password = url.password();
    *proxy = result;
    return true;
}

bool applyTransportOptions(const QCommandLineParser &parser, Mqtt::ConnectionOptions *options,
                           QString *error)
{
    Q_ASSERT(options);
    Mqtt::ConnectionOptions result = *options;
    const bool hasUrl = parser.isSet(UrlOption);
    // -L more than once: the failover list, in the order given. Credentials in any of the
    // URLs apply to the connection (to every broker).
    QList<Mqtt::BrokerAddress> servers;
    for (const QString &url : parser.values(UrlOption)) {
        result.webSocketPath = options->webSocketPath; // a URL without a path: the default
        if (!Mqtt::parseBrokerUrl(url, &result, error))
            return false;
        servers.append(result.servers().constFirst());
    }
    result.setServers(servers);
    const auto isSecure = [](Mqtt::TransportKind kind) {
        return kind == Mqtt::TransportKind::Tls || kind == Mqtt::TransportKind::SecureWebSocket;
    };
    const auto isWebSocket = [](Mqtt::TransportKind kind) {
        return kind == Mqtt::TransportKind::WebSocket ||
               kind == Mqtt::TransportKind::SecureWebSocket;
    };

    Mqtt::TlsOptions &tls = result.tls;
    if (parser.isSet(CaFileOption))
        tls.caFile = parser.value(CaFileOption);
    if (parser.isSet(CaPathOption))
        tls.caDirectory = parser.value(CaPathOption);
    if (parser.isSet(CertOption))
        tls.certificateFile = parser.value(CertOption);
    if (parser.isSet(KeyOption))
        tls.keyFile = parser.value(KeyOption);
    if (parser.isSet(KeyPassOption))
        tls.keyPassphrase = parser.value(KeyPassOption).toUtf8();
    if (parser.isSet(ServerNameOption))
        tls.serverName = parser.value(ServerNameOption).trimmed();
    if (parser.isSet(InsecureOption))
        tls.allowInsecure = true;
    if (parser.isSet(TlsVersionOption)) {
        const QString version = parser.value(TlsVersionOption).trimmed().toLower();
        if (version == QLatin1String("tlsv1.2") || version == QLatin1String("1.2"))
            tls.minimumVersion = Mqtt::TlsVersion::TlsV1_2;
        else if (version == QLatin1String("tlsv1.3") || version == QLatin1String("1.3"))
            tls.minimumVersion = Mqtt::TlsVersion::TlsV1_3;
        else
            return fail(error, tr("Unknown TLS version \"%1\"; use tlsv1.2 or tlsv1.3")
                                       .arg(parser.value(TlsVersionOption)));
    }
    const QStringList alpnValues = parser.values(AlpnOption);
    for (const QString &value : alpnValues) {
        for (const QString &protocol : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QByteArray name = protocol.trimmed().toUtf8();
            // An ALPN name is 1 to 255 bytes (RFC 7301).
            if (name.isEmpty() || name.size() > 255)
                return fail(error, tr("ALPN protocol names are 1 to 255 bytes long"));
            tls.alpn << name;
        }
    }

    const bool wantsTls = parser.isSet(CaFileOption) || parser.isSet(CaPathOption) ||
                          parser.isSet(CertOption) || parser.isSet(KeyOption) ||
                          parser.isSet(TlsVersionOption) || !alpnValues.isEmpty() ||
                          parser.isSet(ServerNameOption) || parser.isSet(OsCertsOption) ||
                          parser.isSet(InsecureOption);
    if (wantsTls && hasUrl) {
        for (const Mqtt::BrokerAddress &server : servers) {
            if (!isSecure(server.transport))
                return fail(error, tr("TLS options need an mqtts:// or wss:// URL, not \"%1\"")
                                           .arg(server.toUrl()));
        }
    }
    if (wantsTls && !isSecure(result.transport)) {
        result.transport = Mqtt::TransportKind::Tls;
        // mosquitto_pub does the same: TLS without -p means the TLS port.
        const QStringList given = parser.optionNames();
        if (!given.contains(QStringLiteral("p")) && !given.contains(QStringLiteral("port")))
            result.port = Mqtt::defaultPort(Mqtt::TransportKind::Tls);
    }

    if (parser.isSet(WsPathOption)) {
        QString path = parser.value(WsPathOption).trimmed();
        if (!path.startsWith(QLatin1Char('/')))
            path.prepend(QLatin1Char('/'));
        // Every WebSocket broker of the list takes the path.
        QList<Mqtt::BrokerAddress> all = result.servers();
        bool any = false;
        for (Mqtt::BrokerAddress &server : all) {
            if (isWebSocket(server.transport)) {
                server.webSocketPath = path;
                any = true;
            }
        }
        if (!any)
            return fail(error, tr("--ws-path needs a ws:// or wss:// URL (-L)"));
        result.setServers(all);
    }

    if (parser.isSet(ProxyOption) && !parseProxy(parser.value(ProxyOption), &result.proxy, error))
        return false;

    *options = result;
    return true;
}

} // namespace Cli
