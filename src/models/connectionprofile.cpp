// SPDX-License-Identifier: Apache-2.0
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
        if (protocolVersion == Mqtt::ProtocolVersion::V5)
            will.properties = willProperties();
        options.will = will;
    }
    if (protocolVersion == Mqtt::ProtocolVersion::V5) {
        options.connectProperties = connectProperties();
        options.authenticationMethod = authenticationMethod;
        // The client refuses what it told the broker it would not accept.
        if (maximumPacketSize && *maximumPacketSize < options.maximumIncomingPacketSize)
            options.maximumIncomingPacketSize = *maximumPacketSize;
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
    // A URL that does not read (the pane refuses those) is left out rather than guessed.
    for (const QString &url : failoverUrls) {
        Mqtt::BrokerAddress address;
        if (Mqtt::parseBrokerAddress(url, &address, nullptr))
            options.failoverServers.append(address);
    }
    options.followServerReference =
            protocolVersion == Mqtt::ProtocolVersion::V5 && followServerReference;
    return options;
}

bool ConnectionProfile::failoverServers(QList<Mqtt::BrokerAddress> *servers, QString *error) const
{
    QList<Mqtt::BrokerAddress> result;
    for (const QString &url : failoverUrls) {
        Mqtt::BrokerAddress address;
        if (!Mqtt::parseBrokerAddress(url, &address, error))
            return false;
        result.append(address);
    }
    *servers = result;
    return true;
}

Mqtt::Properties ConnectionProfile::connectProperties() const
{
    using Mqtt::PropertyId;
    Mqtt::Properties properties;
    // An absent Session Expiry Interval reads 0: only other values need sending.
    if (sessionExpiryInterval != 0)
        properties.setInteger(PropertyId::SessionExpiryInterval, sessionExpiryInterval);
    if (receiveMaximum)
        properties.setInteger(PropertyId::ReceiveMaximum, *receiveMaximum);
    if (maximumPacketSize)
        properties.setInteger(PropertyId::MaximumPacketSize, *maximumPacketSize);
    if (topicAliasMaximum)
        properties.setInteger(PropertyId::TopicAliasMaximum, *topicAliasMaximum);
    // Both default to the value that need not be sent: response information off, problem
    // information on.
    if (requestResponseInformation)
        properties.setInteger(PropertyId::RequestResponseInformation, 1);
    if (!requestProblemInformation)
        properties.setInteger(PropertyId::RequestProblemInformation, 0);
    for (const auto &pair : userProperties)
        properties.addUserProperty(pair.first, pair.second);
    return properties;
}

Mqtt::Properties ConnectionProfile::willProperties() const
{
    using Mqtt::PropertyId;
    Mqtt::Properties properties;
    if (willDelayInterval != 0)
        properties.setInteger(PropertyId::WillDelayInterval, willDelayInterval);
    if (willPayloadIsUtf8)
        properties.setInteger(PropertyId::PayloadFormatIndicator, 1);
    if (willMessageExpiryInterval)
        properties.setInteger(PropertyId::MessageExpiryInterval, *willMessageExpiryInterval);
    if (!willContentType.isEmpty())
        properties.setString(PropertyId::ContentType, willContentType);
    if (!willResponseTopic.isEmpty())
        properties.setString(PropertyId::ResponseTopic, willResponseTopic);
    if (!willCorrelationData.isEmpty())
        properties.setBinary(PropertyId::CorrelationData, willCorrelationData);
    for (const auto &pair : willUserProperties)
        properties.addUserProperty(pair.first, pair.second);
    return properties;
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
           failoverUrls == other.failoverUrls &&
           followServerReference == other.followServerReference &&
           decodeRules == other.decodeRules && protoPaths == other.protoPaths &&
           protocolVersion == other.protocolVersion && clientId == other.clientId &&
           userName == other.userName && cleanSession == other.cleanSession &&
           keepAlive == other.keepAlive && autoReconnect == other.autoReconnect &&
           connectAtStart == other.connectAtStart && willTopic == other.willTopic &&
           willPayload == other.willPayload && willQos == other.willQos &&
           willRetain == other.willRetain && transport == other.transport &&
           webSocketPath == other.webSocketPath && caFile == other.caFile &&
           certificateFile == other.certificateFile && keyFile == other.keyFile &&
           serverName == other.serverName && alpn == other.alpn &&
           minimumTlsVersion == other.minimumTlsVersion && allowInsecure == other.allowInsecure &&
           proxyKind == other.proxyKind && proxyHost == other.proxyHost &&
           proxyPort == other.proxyPort && proxyUserName == other.proxyUserName &&
           sessionExpiryInterval == other.sessionExpiryInterval &&
           receiveMaximum == other.receiveMaximum && maximumPacketSize == other.maximumPacketSize &&
           topicAliasMaximum == other.topicAliasMaximum &&
           requestResponseInformation == other.requestResponseInformation &&
           requestProblemInformation == other.requestProblemInformation &&
           userProperties == other.userProperties &&
           authenticationMethod == other.authenticationMethod &&
           topicAliasPolicy == other.topicAliasPolicy &&
           willDelayInterval == other.willDelayInterval &&
           willPayloadIsUtf8 == other.willPayloadIsUtf8 &&
           willMessageExpiryInterval == other.willMessageExpiryInterval &&
           willContentType == other.willContentType &&
           willResponseTopic == other.willResponseTopic &&
           willCorrelationData == other.willCorrelationData &&
           willUserProperties == other.willUserProperties;
}

QString ConnectionProfile::keyPassphraseKey(const QString &profileName)
{
    return profileName + QStringLiteral("/key-passphrase");
}

QString ConnectionProfile::proxyPasswordKey(const QString &profileName)
{
    return profileName + QStringLiteral("/proxy-password");
}
