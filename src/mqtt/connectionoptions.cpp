// SPDX-License-Identifier: Apache-2.0
#include "connectionoptions.h"

#include <QCoreApplication>
#include <QUrl>

namespace Mqtt {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Mqtt", text);
}

} // namespace

quint16 defaultPort(TransportKind kind)
{
    switch (kind) {
    case TransportKind::Tcp:
        return 1883;
    case TransportKind::Tls:
        return 8883;
    case TransportKind::WebSocket:
        return 80;
    case TransportKind::SecureWebSocket:
        return 443;
    }
    return 1883;
}

QString BrokerAddress::toUrl() const
{
    QString scheme;
    switch (transport) {
    case TransportKind::Tcp:
        scheme = QStringLiteral("mqtt");
        break;
    case TransportKind::Tls:
        scheme = QStringLiteral("mqtts");
        break;
    case TransportKind::WebSocket:
        scheme = QStringLiteral("ws");
        break;
    case TransportKind::SecureWebSocket:
        scheme = QStringLiteral("wss");
        break;
    }
    // An IPv6 literal needs its brackets back.
    const QString name = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    QString url = QStringLiteral("%1://%2:%3").arg(scheme, name).arg(port);
    if (transport == TransportKind::WebSocket || transport == TransportKind::SecureWebSocket)
        url += webSocketPath.startsWith(QLatin1Char('/')) ? webSocketPath
                                                          : QLatin1Char('/') + webSocketPath;
    return url;
}

bool BrokerAddress::operator==(const BrokerAddress &other) const
{
    return transport == other.transport && host == other.host && port == other.port &&
           webSocketPath == other.webSocketPath;
}

QList<BrokerAddress> ConnectionOptions::servers() const
{
    QList<BrokerAddress> list{BrokerAddress{transport, host, port, webSocketPath}};
    list.append(failoverServers);
    return list;
}

void ConnectionOptions::setServers(const QList<BrokerAddress> &servers)
{
    if (servers.isEmpty())
        return;
    const BrokerAddress &first = servers.constFirst();
    transport = first.transport;
    host = first.host;
    port = first.port;
    webSocketPath = first.webSocketPath;
    failoverServers = servers.mid(1);
}

namespace {

// The one reading of a broker URL: the address, and the QUrl for its credentials.
bool parseUrl(const QString &url, BrokerAddress *address, QUrl *parsedUrl, QString *error)
{
    const auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };

    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    if (url.trimmed().isEmpty())
        return fail(tr("The broker URL is empty"));
    if (!parsed.isValid())
        return fail(tr("\"%1\" is not a valid URL: %2").arg(url, parsed.errorString()));

    const QString scheme = parsed.scheme().toLower();
    TransportKind kind;
    if (scheme == QLatin1String("mqtt") || scheme == QLatin1String("tcp"))
        kind = TransportKind::Tcp;
    else if (scheme == QLatin1String("mqtts") || scheme == QLatin1String("ssl"))
        kind = TransportKind::Tls;
    else if (scheme == QLatin1String("ws"))
        kind = TransportKind::WebSocket;
    else if (scheme == QLatin1String("wss"))
        kind = TransportKind::SecureWebSocket;
    else if (scheme.isEmpty())
        return fail(tr("\"%1\" has no scheme; start it with mqtt://, mqtts://, ws:// or wss://")
                            .arg(url));
    else
        return fail(
                tr("Unknown URL scheme \"%1\"; use mqtt, mqtts, ws, wss, tcp or ssl").arg(scheme));

    const QString host = parsed.host();
    if (host.isEmpty())
        return fail(tr("\"%1\" names no broker host").arg(url));

    const int port = parsed.port(defaultPort(kind));
    if (port <= 0 || port > 65535)
        return fail(tr("The port in \"%1\" must be between 1 and 65535").arg(url));

    const bool isWebSocket =
            kind == TransportKind::WebSocket || kind == TransportKind::SecureWebSocket;
    QString path = parsed.path(QUrl::FullyEncoded);
    if (parsed.hasQuery())
        path += QLatin1Char('?') + parsed.query(QUrl::FullyEncoded);
    if (!isWebSocket && !path.isEmpty() && path != QLatin1String("/"))
        return fail(tr("A path (\"%1\") only means something in ws:// and wss:// URLs").arg(path));

    address->transport = kind;
    address->host = host;
    address->port = quint16(port);
    if (isWebSocket && !path.isEmpty())
        address->webSocketPath = path;
    if (parsedUrl)
        *parsedUrl = parsed;
    return true;
}

} // namespace

bool parseBrokerAddress(const QString &url, BrokerAddress *address, QString *error)
{
    Q_ASSERT(address);
    BrokerAddress result = *address;
    if (!parseUrl(url, &result, nullptr, error))
        return false;
    *address = result;
    return true;
}

bool parseBrokerUrl(const QString &url, ConnectionOptions *options, QString *error)
{
    Q_ASSERT(options);
    BrokerAddress address{options->transport, options->host, options->port, options->webSocketPath};
    QUrl parsed;
    if (!parseUrl(url, &address, &parsed, error))
        return false;
    options->transport = address.transport;
    options->host = address.host;
    options->port = address.port;
    options->webSocketPath = address.webSocketPath;
    if (!parsed.userName().isEmpty())
        options->userName = parsed.userName();
    if (!parsed.password().isEmpty())
        options->password = parsed.password().toUtf8();
    return true;
}

QList<BrokerAddress> parseServerReference(const QString &reference, const BrokerAddress &current)
{
    QList<BrokerAddress> result;
    const QStringList entries = reference.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        BrokerAddress address = current;
        QString portText;
        if (entry.startsWith(QLatin1Char('['))) { // [IPv6 literal] or [IPv6 literal]:port
            const qsizetype close = entry.indexOf(QLatin1Char(']'));
            if (close < 0)
                continue;
            address.host = entry.mid(1, close - 1);
            const QString rest = entry.mid(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(QLatin1Char(':')))
                continue;
            portText = rest.mid(1);
        } else {
            const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
            // More than one colon without brackets: a bare IPv6 literal, no port.
            if (colon >= 0 && entry.indexOf(QLatin1Char(':')) == colon) {
                address.host = entry.left(colon);
                portText = entry.mid(colon + 1);
            } else {
                address.host = entry;
            }
        }
        if (address.host.isEmpty())
            continue;
        if (!portText.isEmpty()) {
            bool ok = false;
            const uint port = portText.toUInt(&ok);
            if (!ok || port == 0 || port > 65535)
                continue;
            address.port = quint16(port);
        }
        result.append(address);
    }
    return result;
}

} // namespace Mqtt
