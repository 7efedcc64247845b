// SPDX-License-Identifier: Apache-2.0
#include "serverlimits.h"

namespace Mqtt {

namespace {

constexpr std::array<std::pair<ServerLimits::Limit, PropertyId>, 10> LimitProperties{{
        {ServerLimits::Limit::MaximumQos, PropertyId::MaximumQoS},
        {ServerLimits::Limit::RetainAvailable, PropertyId::RetainAvailable},
        {ServerLimits::Limit::WildcardSubscriptionAvailable,
         PropertyId::WildcardSubscriptionAvailable},
        {ServerLimits::Limit::SubscriptionIdentifierAvailable,
         PropertyId::SubscriptionIdentifierAvailable},
        {ServerLimits::Limit::SharedSubscriptionAvailable, PropertyId::SharedSubscriptionAvailable},
        {ServerLimits::Limit::ReceiveMaximum, PropertyId::ReceiveMaximum},
        {ServerLimits::Limit::MaximumPacketSize, PropertyId::MaximumPacketSize},
        {ServerLimits::Limit::TopicAliasMaximum, PropertyId::TopicAliasMaximum},
        {ServerLimits::Limit::ServerKeepAlive, PropertyId::ServerKeepAlive},
        {ServerLimits::Limit::SessionExpiryInterval, PropertyId::SessionExpiryInterval},
}};

} // namespace

ServerLimits ServerLimits::fromConnack(const Properties &properties, ProtocolVersion version,
                                       bool sessionPresent)
{
    ServerLimits limits;
    limits.m_sessionPresent = sessionPresent;
    if (version != ProtocolVersion::V5)
        return limits;
    for (const auto &[limit, id] : LimitProperties)
        limits.m_values[index(limit)] = properties.integer(id);
    limits.m_assignedClientIdentifier = properties.string(PropertyId::AssignedClientIdentifier);
    limits.m_responseInformation = properties.string(PropertyId::ResponseInformation);
    limits.m_serverReference = properties.string(PropertyId::ServerReference);
    limits.m_reasonString = properties.string(PropertyId::ReasonString);
    limits.m_userProperties = properties.userProperties();
    return limits;
}

QoS ServerLimits::maximumQos() const
{
    return QoS(std::min<quint32>(m_values[index(Limit::MaximumQos)].value_or(2), 2));
}

quint16 ServerLimits::receiveMaximum() const
{
    return quint16(m_values[index(Limit::ReceiveMaximum)].value_or(65535));
}

quint16 ServerLimits::topicAliasMaximum() const
{
    return quint16(m_values[index(Limit::TopicAliasMaximum)].value_or(0));
}

quint16 ServerLimits::keepAlive(quint16 requested) const
{
    return quint16(m_values[index(Limit::ServerKeepAlive)].value_or(requested));
}

} // namespace Mqtt
