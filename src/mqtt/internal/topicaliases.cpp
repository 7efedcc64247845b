// SPDX-License-Identifier: Apache-2.0
#include "topicaliases.h"

namespace Mqtt {

void TopicAliases::clear()
{
    m_incoming.clear();
    m_outgoing.clear();
    m_outgoingTopics.clear();
}

TopicAliases::Resolution TopicAliases::resolveIncoming(quint16 alias, QByteArrayView *topic)
{
    // [MQTT-3.3.2-9]: no alias above the Topic Alias Maximum we sent, and 0 is none.
    if (alias == 0 || alias > m_incomingMaximum)
        return Resolution::AboveMaximum;
    if (!topic->isEmpty()) {
        m_incoming.insert(alias, topic->toByteArray());
        return Resolution::Resolved;
    }
    const auto known = m_incoming.constFind(alias);
    if (known == m_incoming.cend())
        return Resolution::Unknown;
    *topic = *known;
    return Resolution::Resolved;
}

TopicAliases::Choice TopicAliases::chooseOutgoing(const QByteArray &topic)
{
    if (m_outgoingMaximum == 0) // [MQTT-3.3.2-7]: no alias unless the broker allows some
        return {};
    if (const auto known = m_outgoing.constFind(topic); known != m_outgoing.cend())
        return {known.value(), false};
    if (m_outgoingTopics.size() >= m_outgoingMaximum)
        return {}; // every alias is taken: the topic goes out in full
    // The lowest free alias: all stay within the broker's maximum [MQTT-3.3.2-8].
    quint16 alias = 1;
    while (m_outgoingTopics.contains(alias))
        ++alias;
    bindOutgoing(topic, alias);
    return {alias, true};
}

void TopicAliases::bindOutgoing(const QByteArray &topic, quint16 alias)
{
    if (const auto previous = m_outgoingTopics.constFind(alias); previous != m_outgoingTopics.cend())
        m_outgoing.remove(previous.value());
    if (const auto previous = m_outgoing.constFind(topic); previous != m_outgoing.cend())
        m_outgoingTopics.remove(previous.value());
    m_outgoing.insert(topic, alias);
    m_outgoingTopics.insert(alias, topic);
}

} // namespace Mqtt
