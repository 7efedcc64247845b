#pragma once

#include "connectionoptions.h"
#include "protocol.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

// A saved connection: everything but the password, which lives in the SecretStore (keychain) or
// is asked for at connect time. Nothing here is secret; all of it may be written to settings.
struct ConnectionProfile
{
    QString name;
    QString host = QStringLiteral("localhost");
    quint16 port = 1883;
    Mqtt::ProtocolVersion protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
    QString clientId; // empty: generated at connect time
    QString userName; // empty: no user name sent
    bool cleanSession = true;
    quint16 keepAlive = 60; // seconds
    bool autoReconnect = true;

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

    bool hasWill() const { return !willTopic.isEmpty(); }
    bool usesTls() const
    {
        return transport == Mqtt::TransportKind::Tls ||
               transport == Mqtt::TransportKind::SecureWebSocket;
    }
    // Keychain keys of the secrets that belong to a profile.
    static QString keyPassphraseKey(const QString &profileName);
    static QString proxyPasswordKey(const QString &profileName);
    // The options for Client::connectToHost(); the password is passed separately because the
    // profile never holds one.
    Mqtt::ConnectionOptions toConnectionOptions() const;
    Mqtt::ConnectionOptions toConnectionOptions(const QByteArray &password) const;

    bool operator==(const ConnectionProfile &other) const;
    bool operator!=(const ConnectionProfile &other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(ConnectionProfile)
