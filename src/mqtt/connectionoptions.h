// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "message.h"
#include "properties.h"
#include "protocol.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QString>

#include <optional>

namespace Mqtt {

enum class ClientIdPolicy {
    GenerateWhenEmpty, // an empty client id is replaced by "switchboard-" and random hex
    SendAsGiven, // an empty client id is sent empty (the broker may assign one)
};

// 5.0: how the client shortens the topics it publishes with topic aliases.
enum class TopicAliasPolicy {
    // The first PUBLISH to a topic sends topic and a new alias, later ones the alias only,
    // while the broker's Topic Alias Maximum leaves room.
    Automatic,
    Disabled, // only aliases the application sets in Message.properties
};

// The byte stream under MQTT.
enum class TransportKind {
    Tcp, // mqtt://, tcp://
    Tls, // mqtts://, ssl://
    WebSocket, // ws://
    SecureWebSocket, // wss://
};

// The oldest TLS version the client accepts.
enum class TlsVersion {
    TlsV1_2,
    TlsV1_3,
};

// TLS settings for Tls and SecureWebSocket. The broker's certificate chain and host name are
// always verified, on every reconnect, unless allowInsecure is set.
struct TlsOptions
{
    // Trusted authorities: a PEM file and/or a folder of PEM files. Both empty: the system's.
    QString caFile;
    QString caDirectory;
    // Client certificate and its private key (PEM), for brokers that require one.
    QString certificateFile;
    QString keyFile;
    QByteArray keyPassphrase;
    // Name sent in SNI and checked against the certificate; empty: the host.
    QString serverName;
    // ALPN protocol names offered, in order of preference (e.g. "mqtt", "x-amzn-mqtt-ca").
    QByteArrayList alpn;
    TlsVersion minimumVersion = TlsVersion::TlsV1_2;
    // Skips peer and host-name verification. Only for test brokers.
    bool allowInsecure = false;
};

enum class ProxyKind {
    None, // connect directly (default)
    System, // the proxy the system configuration names for this host, if any
    Socks5,
    HttpConnect, // an HTTP proxy tunnelling with CONNECT
};

// One broker to connect to: where (host, port) and through what (transport, and the HTTP path
// of a WebSocket endpoint). TLS, proxy and credentials belong to the connection, not here.
struct BrokerAddress
{
    TransportKind transport = TransportKind::Tcp;
    QString host;
    quint16 port = 1883;
    QString webSocketPath = QStringLiteral("/mqtt");

    // The address as a URL parseBrokerAddress() reads back, e.g. mqtt://host:1883 or
    // ws://host:8080/mqtt.
    QString toUrl() const;
    bool operator==(const BrokerAddress &other) const;
    bool operator!=(const BrokerAddress &other) const { return !(*this == other); }
};

struct ProxyOptions
{
    ProxyKind kind = ProxyKind::None;
    QString host;
    quint16 port = 0;
    QString userName;
    QString password;
};

// Everything the client needs to open and keep a connection.
struct ConnectionOptions
{
    // The first broker (with transport and webSocketPath below); failoverServers follow it.
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 1883;
    ProtocolVersion version = ProtocolVersion::V3_1_1;

    QString clientId;
    ClientIdPolicy clientIdPolicy = ClientIdPolicy::GenerateWhenEmpty;
    std::optional<QString> userName;
    std::optional<QByteArray> password;
    bool cleanSession = true;
    quint16 keepAlive = 60; // seconds; 0 turns keep-alive off
    std::optional<Will> will;
    Properties connectProperties; // MQTT 5.0
    // 5.0 enhanced authentication through AUTH packets, e.g. "SCRAM-SHA-256" with userName
    // and password as the credentials; empty: none. One of authenticationMethods()
    // (authenticator.h). A method that proves the password keeps it out of CONNECT; the user
    // name is still sent there.
    QString authenticationMethod;

    // How long to wait for the transport and the CONNACK.
    int connectTimeoutMs = 10000;
    // How long to wait for a PINGRESP; 0 means as long as the keep-alive interval.
    int pingTimeoutMs = 0;

    bool autoReconnect = false;
    int reconnectInitialDelayMs = 1000;
    int reconnectMaximumDelayMs = 30000;

    // QoS 1/2 messages in flight at once (1..65535); more wait in the queue.
    int maximumInflight = 20;
    // Messages waiting to be sent (while disconnected, or behind a full window).
    int maximumQueued = 10000;
    // Largest packet accepted from the broker, fixed header included.
    quint32 maximumIncomingPacketSize = MaximumRemainingLength + 5;

    TransportKind transport = TransportKind::Tcp;
    TlsOptions tls;
    // HTTP path of the WebSocket endpoint (ws, wss).
    QString webSocketPath = QStringLiteral("/mqtt");
    ProxyOptions proxy;

    // Failover: the brokers tried after the first one, in order. A failed attempt (transport
    // error, timeout, CONNACK refusal) moves on to the next during connectToHost(); a lost
    // connection does too when autoReconnect is set. The back-off applies after a whole round.
    QList<BrokerAddress> failoverServers;
    // 5.0: a CONNACK or DISCONNECT with Use another server (0x9C) or Server moved (0x9D) and a
    // Server Reference sends the next attempt to the referenced broker (MQTT 5.0 4.11).
    bool followServerReference = false;

    // The first broker (host, port, transport, webSocketPath) and the failover servers.
    QList<BrokerAddress> servers() const;
    // The reverse: the first address becomes host, port, transport and webSocketPath, the
    // others failoverServers. An empty list leaves the options alone.
    void setServers(const QList<BrokerAddress> &servers);
};

// The port a transport uses when a URL names none: 1883, 8883, 80, 443.
quint16 defaultPort(TransportKind kind);

// Reads a broker URL into options: mqtt://host:1883, mqtts://host:8883, ws://host:8080/mqtt,
// wss://host/mqtt; tcp:// and ssl:// are aliases of mqtt:// and mqtts://. A missing port
// takes the scheme's default; "user:password@" sets the credentials. Sets transport, host,
// port, webSocketPath (and credentials) only; on failure leaves options alone and says why.
bool parseBrokerUrl(const QString &url, ConnectionOptions *options, QString *error);
// The address part of parseBrokerUrl() (credentials in the URL are ignored): the one check of
// a broker URL. On failure leaves address alone and says why.
bool parseBrokerAddress(const QString &url, BrokerAddress *address, QString *error);

// 5.0: the brokers a Server Reference names (MQTT 5.0 4.11: space-separated references, each a
// host optionally followed by ":port", an IPv6 literal in square brackets). A reference without
// a port, and the transport and WebSocket path, are taken from current. Unreadable entries are
// skipped.
QList<BrokerAddress> parseServerReference(const QString &reference, const BrokerAddress &current);

} // namespace Mqtt
