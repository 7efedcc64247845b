#include "connectionprofile.h"

Mqtt::ConnectionOptions ConnectionProfile::toConnectionOptions() const
{
    Mqtt::ConnectionOptions options;
    options.host = host;
    options.port = port;
    options.version = protocolVersion;
    options.clientId = clientId;
    options.clientIdPolicy = Mqtt::ClientIdPolicy::GenerateWhenEmpty;
    if (!userName.isEmpty())
        options.userName = userName;
    options.cleanSession = cleanSession;
    options.keepAlive = keepAlive;
    options.autoReconnect = autoReconnect;
    if (hasWill()) {
        Mqtt::Will will;
        will.topic = willTopic;
        will.payload = willPayload;
        will.qos = willQos;
        will.retain = willRetain;
        options.will = will;
    }
    options.transport = transport;
    options.webSocketPath = webSocketPath;
    options.tls.caFile = caFile;
    options.tls.certificateFile = certificateFile;
    options.tls.keyFile = keyFile;
    options.tls.serverName = serverName;
    for (const QString &protocol : alpn) {
        if (!protocol.trimmed().isEmpty())
            options.tls.alpn.append(protocol.trimmed().toUtf8());
    }
    options.tls.minimumVersion = minimumTlsVersion;
    options.tls.allowInsecure = allowInsecure;
    options.proxy.kind = proxyKind;
    options.proxy.host = proxyHost;
    options.proxy.port = proxyPort;
    options.proxy.userName = proxyUserName;
    return options;
}

Mqtt::ConnectionOptions ConnectionProfile::toConnectionOptions(const QByteArray &password) const
{
    Mqtt::ConnectionOptions options = toConnectionOptions();
    options.password = password;
    return options;
}

bool ConnectionProfile::operator==(const ConnectionProfile &other) const
{
    return name == other.name && host == other.host && port == other.port &&
           protocolVersion == other.protocolVersion && clientId == other.clientId &&
           userName == other.userName && cleanSession == other.cleanSession &&
           keepAlive == other.keepAlive && autoReconnect == other.autoReconnect &&
           willTopic == other.willTopic && willPayload == other.willPayload &&
           willQos == other.willQos && willRetain == other.willRetain &&
           transport == other.transport && webSocketPath == other.webSocketPath &&
           caFile == other.caFile && certificateFile == other.certificateFile &&
           keyFile == other.keyFile && serverName == other.serverName && alpn == other.alpn &&
           minimumTlsVersion == other.minimumTlsVersion && allowInsecure == other.allowInsecure &&
           proxyKind == other.proxyKind && proxyHost == other.proxyHost &&
           proxyPort == other.proxyPort && proxyUserName == other.proxyUserName;
}

QString ConnectionProfile::keyPassphraseKey(const QString &profileName)
{
    return profileName + QStringLiteral("/key-passphrase");
}

QString ConnectionProfile::proxyPasswordKey(const QString &profileName)
{
    return profileName + QStringLiteral("/proxy-password");
}
