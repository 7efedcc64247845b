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

bool parseBrokerUrl(const QString &url, ConnectionOptions *options, QString *error)
{
    Q_ASSERT(options);
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

    options->transport = kind;
    options->host = host;
    options->port = quint16(port);
    if (isWebSocket && !path.isEmpty())
        options->webSocketPath = path;
    if (!parsed.userName().isEmpty())
        options->userName = parsed.userName();
    if (!parsed.password().isEmpty())
        options->password = parsed.password().toUtf8();
    return true;
}

} // namespace Mqtt
