// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectionoptions.h"

#include <QAbstractSocket>
#include <QNetworkProxy>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace Mqtt {

class Transport;

// A new transport of the given kind: TcpTransport, SslTransport or WebSocketTransport.
Transport *createTransport(TransportKind kind, QObject *parent = nullptr);

// The proxy a transport's socket should use to reach host:port. None gives an explicit
// NoProxy, so an application-wide proxy never applies by accident. Returns false with a
// readable reason when the settings are incomplete.
bool makeNetworkProxy(const ProxyOptions &options, const QString &host, quint16 port,
                      QNetworkProxy *proxy, QString *error);

// A socket error in plain words, naming the proxy when the proxy is at fault.
QString describeSocketError(QAbstractSocket::SocketError error, const QString &socketText);

} // namespace Mqtt
