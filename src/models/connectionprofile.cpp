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
           willQos == other.willQos && willRetain == other.willRetain;
}
