// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"
#include "connectionoptions.h"
#include "decoderules.h"
#include "protocol.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

// A saved connection: everything but the password, which lives in the SecretStore (keychain) or
// is asked for at connect time. Nothing here is secret; all of it may be written to settings.
struct ConnectionProfile
{
    QString name;
    QString host = QStringLiteral("localhost");
    quint16 port = 1883;
    // Failover: URLs of the brokers tried after host and port, in order (any form
    // Mqtt::parseBrokerAddress() reads). They share credentials, TLS and proxy.
    QStringList failoverUrls;
    // 5.0: a Server Reference in a CONNACK or DISCONNECT (Use another server, Server moved) is
    // followed to the broker it names.
    bool followServerReference = false;
    Mqtt::ProtocolVersion protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
    QString clientId; // empty: generated at connect time
    QString userName; // empty: no user name sent
    bool cleanSession = true;
    quint16 keepAlive = 60; // seconds
    bool autoReconnect = true;
    // Reopened and connected at the next start when it was connected as the window closed.
    bool connectAtStart = true;

    QString willTopic; // empty: no will
    QByteArray willPayload;
    Mqtt::QoS willQos = Mqtt::QoS::AtMostOnce;
    bool willRetain = false;

    // Transport and security. The key passphrase and the proxy password are secrets: they live
    // in the SecretStore under "<name>/key-passphrase" and "<name>/proxy-password", never here.
    Mqtt::TransportKind transport = Mqtt::TransportKind::Tcp;
    QString webSocketPath = QStringLiteral("/mqtt");
    QString caFile; // empty: the system's trust store
    QString certificateFile;
    QString keyFile;
    QString serverName; // SNI; empty: the host
    QStringList alpn;
    Mqtt::TlsVersion minimumTlsVersion = Mqtt::TlsVersion::TlsV1_2;
    bool allowInsecure = false;
    Mqtt::ProxyKind proxyKind = Mqtt::ProxyKind::None;
    QString proxyHost;
    quint16 proxyPort = 0;
    QString proxyUserName;

    // MQTT 5.0 CONNECT properties, sent only when protocolVersion is V5. An empty optional is
    // not sent, so the broker assumes the specification's default.
    quint32 sessionExpiryInterval = 0; // seconds; 0: at disconnect, SessionNeverExpires: never
    std::optional<quint16> receiveMaximum; // 1..65535; default 65,535
    std::optional<quint32> maximumPacketSize; // 1..; default no limit
    std::optional<quint16> topicAliasMaximum; // default 0: no topic aliases from the broker
    bool requestResponseInformation = false;
    bool requestProblemInformation = true;
    QList<QPair<QString, QString>> userProperties; // in order, duplicates allowed
    QString authenticationMethod; // empty: none; e.g. "SCRAM-SHA-256" (user name + password)
    // Not a CONNECT property: how the client shortens the topics it publishes, within the
    // broker's Topic Alias Maximum (Client::setTopicAliasPolicy()).
    Mqtt::TopicAliasPolicy topicAliasPolicy = Mqtt::TopicAliasPolicy::Automatic;

    // MQTT 5.0 will properties.
    quint32 willDelayInterval = 0; // seconds
    bool willPayloadIsUtf8 = false; // Payload Format Indicator
    std::optional<quint32> willMessageExpiryInterval; // seconds; empty: never expires
    QString willContentType;
    QString willResponseTopic;
    QByteArray willCorrelationData;
    QList<QPair<QString, QString>> willUserProperties;

    // How the window shows this connection's payloads: rules "topic filter -> decoder" (the
    // first match wins; no match: a marked guess) and the folders whose .proto files the
    // protobuf decoder reads.
    Payload::DecodeRules decodeRules;
    QStringList protoPaths;

    static constexpr quint32 SessionNeverExpires = 0xFFFFFFFF;

    bool hasWill() const { return !willTopic.isEmpty(); }
    bool usesTls() const
    {
        return transport == Mqtt::TransportKind::Tls ||
               transport == Mqtt::TransportKind::SecureWebSocket;
    }
    // failoverUrls as addresses; false with *error naming the first URL that is not one.
    bool failoverServers(QList<Mqtt::BrokerAddress> *servers, QString *error = nullptr) const;
    // Keychain keys of the secrets that belong to a profile.
    static QString keyPassphraseKey(const QString &profileName);
    static QString proxyPasswordKey(const QString &profileName);
    // The options for Client::connectToHost(); the password is passed separately because the
    // profile never holds one.
    Mqtt::ConnectionOptions toConnectionOptions() const;
    Mqtt::ConnectionOptions toConnectionOptions(const QByteArray &password) const;
    // The 5.0 CONNECT and will properties these fields make (whatever protocolVersion says).
    Mqtt::Properties connectProperties() const;
    Mqtt::Properties willProperties() const;

    bool operator==(const ConnectionProfile &other) const;
    bool operator!=(const ConnectionProfile &other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(ConnectionProfile)
