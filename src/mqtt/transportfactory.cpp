// SPDX-License-Identifier: Apache-2.0
#include "transportfactory.h"

#include "ssltransport.h"
#include "transport.h"
#include "websockettransport.h"

#include <QCoreApplication>
#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>

namespace Mqtt {

Transport *createTransport(TransportKind kind, QObject *parent)
{
    switch (kind) {
    case TransportKind::Tcp:
        return new TcpTransport(parent);
    case TransportKind::Tls:
        return new SslTransport(parent);
    case TransportKind::WebSocket:
    case TransportKind::SecureWebSocket:
        return new WebSocketTransport(kind, parent);
    }
    return new TcpTransport(parent);
}

bool makeNetworkProxy(const ProxyOptions &options, const QString &host, quint16 port,
                      QNetworkProxy *proxy, QString *error)
{
    Q_ASSERT(proxy);
    switch (options.kind) {
    case ProxyKind::None:
        *proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        return true;
    case ProxyKind::System: {
        const QList<QNetworkProxy> proxies = QNetworkProxyFactory::systemProxyForQuery(
                QNetworkProxyQuery(host, port, QString(), QNetworkProxyQuery::TcpSocket));
        *proxy = proxies.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
        return true;
    }
    case ProxyKind::Socks5:
    case ProxyKind::HttpConnect:
        break;
    }
    if (options.host.isEmpty() || options.port == 0) {
        if (error)
            *error = QCoreApplication::translate("Mqtt::Transport",
                                                 "The proxy needs a host and a port");
        return false;
    }
    // Qt tunnels a plain TCP socket through an HttpProxy with CONNECT.
    *proxy = QNetworkProxy(options.kind == ProxyKind::Socks5 ? QNetworkProxy::Socks5Proxy
                                                             : QNetworkProxy::HttpProxy,
                           options.host, options.port, options.userName, options.password);
    return true;
}

QString describeSocketError(QAbstractSocket::SocketError error, const QString &socketText)
{
    // The context lupdate gives tr() in namespace Mqtt.
    const auto tr = [](const char *text) { return QCoreApplication::translate("Mqtt", text); };
    switch (error) {
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return tr("The proxy refused the user name or password (%1)").arg(socketText);
    case QAbstractSocket::ProxyConnectionRefusedError:
        return tr("The proxy refused the connection (%1)").arg(socketText);
    case QAbstractSocket::ProxyConnectionClosedError:
        return tr("The proxy closed the connection unexpectedly (%1)").arg(socketText);
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return tr("The proxy did not answer in time (%1)").arg(socketText);
    case QAbstractSocket::ProxyNotFoundError:
        return tr("The proxy host was not found (%1)").arg(socketText);
    case QAbstractSocket::ProxyProtocolError:
        return tr("The proxy did not open a tunnel to the broker (%1)").arg(socketText);
    default:
        return socketText;
    }
}

} // namespace Mqtt
