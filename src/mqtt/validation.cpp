// SPDX-License-Identifier: Apache-2.0
#include "validation.h"

#include "authenticator.h"
#include "client.h" // Client::tr: the rules' texts keep their translation context

#include <algorithm>
#include <limits>

namespace Mqtt {

namespace {

// The size of a Variable Byte Integer (1.5.5).
int varIntSize(quint32 value)
{
    return value < 128 ? 1 : value < 16384 ? 2 : value < 2097152 ? 3 : 4;
}

} // namespace

ValueRange propertyValueRange(PropertyId id)
{
    ValueRange range;
    switch (Properties::typeOf(id)) {
    case PropertyType::Byte:
        range.maximum = 1; // every byte property a client sends is 0 or 1
        return range;
    case PropertyType::TwoByteInteger:
        range.maximum = 65535;
        break;
    case PropertyType::VariableByteInteger:
        range.maximum = MaximumRemainingLength;
        break;
    default:
        range.maximum = std::numeric_limits<quint32>::max();
        break;
    }
    switch (id) {
    case PropertyId::ReceiveMaximum: // 3.1.2.11.3: 0 is a Protocol Error
    case PropertyId::MaximumPacketSize: // 3.1.2.11.4: 0 is a Protocol Error
    case PropertyId::TopicAlias: // [MQTT-3.3.2-8]: 0 is not an alias
    case PropertyId::SubscriptionIdentifier: // 3.8.2.1.2: 0 is a Protocol Error
        range.minimum = 1;
        break;
    default:
        break;
    }
    return range;
}

Error validatePropertyValues(const Properties &properties)
{
    for (const Properties::Entry &entry : properties.entries()) {
        switch (Properties::typeOf(entry.id)) {
        case PropertyType::Byte:
        case PropertyType::TwoByteInteger:
        case PropertyType::FourByteInteger:
        case PropertyType::VariableByteInteger:
            break;
        default:
            continue;
        }
        const ValueRange range = propertyValueRange(entry.id);
        if (range.contains(entry.integer))
            continue;
        if (entry.id == PropertyId::ReceiveMaximum)
            return {ErrorCode::InvalidArgument, Client::tr("The Receive Maximum must not be 0"), 0};
        if (entry.id == PropertyId::MaximumPacketSize)
            return {ErrorCode::InvalidArgument, Client::tr("The Maximum Packet Size must not be 0"),
                    0};
        return {ErrorCode::InvalidArgument,
                Client::tr("%1 must be between %L2 and %L3")
                        .arg(Properties::name(entry.id))
                        .arg(range.minimum)
                        .arg(range.maximum),
                0};
    }
    return {};
}

Error validateAuthentication(const ConnectionOptions &options, AuthenticationSource source)
{
    const QString &method = options.authenticationMethod;
    if (source == AuthenticationSource::Options && method.isEmpty())
        return {};
    if (options.version != ProtocolVersion::V5)
        return {ErrorCode::InvalidArgument, Client::tr("Enhanced authentication needs MQTT 5.0"), 0};
    if (source == AuthenticationSource::Application)
        return {};
    if (!authenticationMethods().contains(method))
        return {ErrorCode::InvalidArgument,
                Client::tr("Unknown authentication method \"%1\"; supported: %2")
                        .arg(method, authenticationMethods().join(QStringLiteral(", "))),
                0};
    if (!options.userName || options.userName->isEmpty() || !options.password)
        return {ErrorCode::InvalidArgument,
                Client::tr("The authentication method %1 needs a user name and a password")
                        .arg(method),
                0};
    return {};
}

Error validateWill(const Will &will)
{
    Error problem = validateTopicName(will.topic);
    if (problem)
        problem.text = Client::tr("Will topic: %1").arg(problem.text);
    return problem;
}

Error validateConnectionOptions(const ConnectionOptions &options, AuthenticationSource source)
{
    // Each broker of the failover list is checked the same way as the first.
    for (const BrokerAddress &server : options.servers()) {
        if (server.host.trimmed().isEmpty())
            return {ErrorCode::InvalidArgument, Client::tr("No broker host name is set"), 0};
        if (server.port == 0)
            return {ErrorCode::InvalidArgument, Client::tr("The port must be between 1 and 65535"),
                    0};
    }
    if (options.will) {
        if (Error problem = validateWill(*options.will))
            return problem;
    }
    if (options.userName && !isValidUtf8String(options.userName->toUtf8()))
        return {ErrorCode::InvalidString, Client::tr("The user name is not valid UTF-8"), 0};
    const QByteArray clientId = options.clientId.toUtf8();
    if (clientId.size() > MaximumStringLength)
        return {ErrorCode::InvalidString, Client::tr("The client id is too long"), 0};
    if (!isValidUtf8String(clientId))
        return {ErrorCode::InvalidString, Client::tr("The client id is not valid UTF-8"), 0};
    // [MQTT-3.1.2-22]: 3.1 and 3.1.1 allow a password only together with a user name.
    if (options.version != ProtocolVersion::V5 && options.password && !options.userName)
        return {ErrorCode::InvalidArgument,
                Client::tr("MQTT %1 allows a password only together with a user name")
                        .arg(options.version == ProtocolVersion::V3_1 ? QStringLiteral("3.1")
                                                                      : QStringLiteral("3.1.1")),
                0};
    // [MQTT-3.1.3-7]: a client id left for the broker to assign needs a clean session.
    if (options.clientId.isEmpty() && options.clientIdPolicy == ClientIdPolicy::SendAsGiven &&
        !options.cleanSession && options.version != ProtocolVersion::V5)
        return {ErrorCode::InvalidArgument,
                Client::tr("An empty client id requires a clean session"), 0};
    // 5.0: values the broker would take as a Protocol Error (3.1.2.11).
    if (options.version == ProtocolVersion::V5) {
        if (Error problem = validatePropertyValues(options.connectProperties))
            return problem;
    }
    return validateAuthentication(options, source);
}

Error validateMessage(const Message &message, qsizetype topicSize)
{
    if (quint8(message.qos) > 2)
        return {ErrorCode::InvalidArgument, Client::tr("The QoS must be 0, 1 or 2"), 0};
    if (quint64(message.payload.size()) + quint64(topicSize) + 4 > MaximumRemainingLength)
        return {ErrorCode::PacketTooLarge, Client::tr("The message is larger than MQTT allows"), 0};
    return {};
}

Error validateAgainstServerLimits(const Message &message, qsizetype topicSize,
                                  const ServerLimits &limits, TopicAliasPolicy policy)
{
    // [MQTT-3.2.2-11]: nothing above the Maximum QoS the broker announced.
    if (message.qos > limits.maximumQos())
        return {ErrorCode::InvalidArgument,
                Client::tr("The broker accepts messages up to QoS %1 only")
                        .arg(quint8(limits.maximumQos())),
                quint8(ReasonCode::QoSNotSupported)};
    // [MQTT-3.2.2-14]: no retained message when Retain Available is 0.
    if (message.retain && !limits.isRetainAvailable())
        return {ErrorCode::InvalidArgument,
                Client::tr("The broker does not keep retained messages"),
                quint8(ReasonCode::RetainNotSupported)};
    const quint32 aliasMaximum = limits.topicAliasMaximum();
    const auto alias = message.properties.integer(PropertyId::TopicAlias);
    // [MQTT-3.3.2-8]: an alias set by the application is within the broker's maximum.
    if (alias && aliasMaximum == 0)
        return {ErrorCode::InvalidArgument, Client::tr("The broker accepts no topic aliases"),
                quint8(ReasonCode::TopicAliasInvalid)};
    if (alias && (*alias == 0 || *alias > aliasMaximum))
        return {ErrorCode::InvalidArgument,
                Client::tr("Topic alias %1 is outside the broker's range of 1 to %2")
                        .arg(*alias)
                        .arg(aliasMaximum),
                quint8(ReasonCode::TopicAliasInvalid)};
    // [MQTT-3.1.2-24]: no packet over the broker's Maximum Packet Size. Counted with the
    // whole topic and room for an automatic alias: the largest form it may be sent in.
    if (const auto maximumSize = limits.maximumPacketSize()) {
        quint64 propertiesSize = message.properties.encodedSize();
        if (!alias && aliasMaximum > 0 && policy == TopicAliasPolicy::Automatic)
            propertiesSize += 3;
        const quint64 remaining = 2 + quint64(topicSize) + quint64(message.payload.size()) +
                                  (message.qos == QoS::AtMostOnce ? 0 : 2) +
                                  quint64(varIntSize(quint32(propertiesSize))) + propertiesSize;
        const quint64 total =
                1 +
                quint64(varIntSize(quint32(std::min<quint64>(remaining, MaximumRemainingLength)))) +
                remaining;
        if (total > *maximumSize)
            return validatePacketSize(qint64(total), limits);
    }
    return {};
}

Error validatePacketSize(qint64 size, const ServerLimits &limits)
{
    // [MQTT-3.1.2-24]: nothing larger than the broker's Maximum Packet Size is sent.
    const auto maximum = limits.maximumPacketSize();
    if (!maximum || size <= qint64(*maximum))
        return {};
    return {ErrorCode::PacketTooLarge,
            Client::tr("The packet would be %L1 bytes; the broker accepts at most %L2")
                    .arg(size)
                    .arg(*maximum),
            quint8(ReasonCode::PacketTooLarge)};
}

namespace {

// 5.0 shared subscription "$share/{ShareName}/{filter}": the share name is at least one
// character [MQTT-4.8.2-1] without '/', '+' or '#' [MQTT-4.8.2-2], and a filter follows.
Error sharedSubscriptionProblem(QStringView filter, bool noLocal)
{
    const QStringView rest = filter.mid(7); // after "$share/"
    const qsizetype slash = rest.indexOf(u'/');
    const QStringView shareName = slash < 0 ? rest : rest.left(slash);
    if (shareName.isEmpty() || slash < 0 || shareName.contains(u'+') || shareName.contains(u'#'))
        return {ErrorCode::InvalidTopic,
                Client::tr("A shared subscription reads $share/name/filter, with a share name "
                           "that has no '/', '+' or '#'"),
                0};
    Error problem = validateTopicFilter(rest.mid(slash + 1));
    if (problem)
        return problem;
    if (noLocal) // [MQTT-3.8.3-4]
        return {ErrorCode::InvalidArgument,
                Client::tr("No Local cannot be set on a shared subscription"), 0};
    return {};
}

} // namespace

Error validateSubscription(const SubscribeTopic &topic, ProtocolVersion version,
                           const ServerLimits *limits)
{
    const bool v5 = version == ProtocolVersion::V5;
    if (Error problem = validateTopicFilter(topic.filter))
        return problem;
    const bool shared = v5 && topic.filter.startsWith(u"$share/");
    if (shared) {
        if (Error problem = sharedSubscriptionProblem(topic.filter, topic.noLocal))
            return problem;
        if (limits && !limits->isSharedSubscriptionAvailable())
            return {ErrorCode::InvalidArgument,
                    Client::tr("The broker does not support shared subscriptions"),
                    quint8(ReasonCode::SharedSubscriptionsNotSupported)};
    }
    // 3.2.2.3.14: a broker without wildcard subscriptions refuses them: say so first.
    if (v5 && limits && !limits->isWildcardSubscriptionAvailable() &&
        (topic.filter.contains(u'+') || topic.filter.contains(u'#')))
        return {ErrorCode::InvalidArgument,
                Client::tr("The broker does not support wildcard subscriptions (%1)")
                        .arg(topic.filter),
                quint8(ReasonCode::WildcardSubscriptionsNotSupported)};
    if (quint8(topic.qos) > 2)
        return {ErrorCode::InvalidArgument, Client::tr("The QoS must be 0, 1 or 2"), 0};
    if (quint8(topic.retainHandling) > 2) // [MQTT-3.8.3-5]
        return {ErrorCode::InvalidArgument, Client::tr("Retain Handling must be 0, 1 or 2"), 0};
    return {};
}

Error validateSubscribeProperties(const Properties &properties, ProtocolVersion version,
                                  const ServerLimits *limits)
{
    if (properties.isEmpty())
        return {};
    if (version != ProtocolVersion::V5)
        return {ErrorCode::InvalidArgument, Client::tr("Subscription properties need MQTT 5.0"), 0};
    const QList<quint32> ids = properties.subscriptionIdentifiers();
    if (ids.size() > 1)
        return {ErrorCode::InvalidArgument,
                Client::tr("A subscription takes one Subscription Identifier"), 0};
    if (!ids.isEmpty() &&
        !propertyValueRange(PropertyId::SubscriptionIdentifier).contains(ids.first()))
        return {ErrorCode::InvalidArgument,
                Client::tr("A Subscription Identifier is between 1 and 268,435,455"), 0};
    if (!ids.isEmpty() && limits && !limits->isSubscriptionIdentifierAvailable())
        return {ErrorCode::InvalidArgument,
                Client::tr("The broker does not support subscription identifiers"),
                quint8(ReasonCode::SubscriptionIdentifiersNotSupported)};
    return {};
}

Error validateUnsubscribeProperties(const Properties &properties, ProtocolVersion version)
{
    if (properties.isEmpty())
        return {};
    if (version != ProtocolVersion::V5)
        return {ErrorCode::InvalidArgument, Client::tr("Unsubscription properties need MQTT 5.0"),
                0};
    for (const Properties::Entry &entry : properties.entries()) {
        // 3.10.2.1: User Property is the only property of an UNSUBSCRIBE.
        if (!Properties::isAllowedIn(entry.id, PropertyContext::Unsubscribe))
            return {ErrorCode::InvalidArgument,
                    Client::tr("An unsubscription takes user properties only, not %1")
                            .arg(Properties::name(entry.id)),
                    0};
    }
    return {};
}

} // namespace Mqtt
