// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectionoptions.h"

#include <QString>

#include <QCommandLineOption>
#include <QList>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
QT_END_NAMESPACE

// Transport, TLS and proxy options shared by `pub` and `sub`, spelled as mosquitto_pub
// spells them where it has them: -L/--url, --cafile, --capath, --cert, --key, --keypass,
// --tls-version, --tls-alpn, --tls-server-name, --tls-use-os-certs, --insecure, --proxy,
// --ws-path.
namespace Cli {

void addTransportOptions(QCommandLineParser &parser);
// The options addTransportOptions() adds.
QList<QCommandLineOption> transportOptions();

// Applies the options given on the command line to *options (after -h/-p/-u/-P were read:
// a URL overrides them; -L given more than once makes the failover list). TLS options without a URL
// switch to mqtts on port 8883 unless -p was given. False with *error set when an option is invalid.
bool applyTransportOptions(const QCommandLineParser &parser, Mqtt::ConnectionOptions *options,
                           QString *error);

// Reads --proxy: "none", "system", "socks5://[user:password@]host[:port]" (socks5h is the
// same: the proxy resolves names) or "http://[user:password@]host:port" (CONNECT).
bool parseProxy(const QString &text, Mqtt::ProxyOptions *proxy, QString *error);

} // namespace Cli
