// SPDX-License-Identifier: Apache-2.0
#pragma once

// Engine internal: only src/mqtt and the engine's own tests (switchboard_mqtt_internals)
// may include it; the layers above use client.h, message.h, subscription.h, properties.h,
// serverlimits.h and validation.h.
#ifndef SWITCHBOARD_MQTT_INTERNALS
#error "topicaliases.h is internal to the MQTT engine (src/mqtt)"
#endif

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

namespace Mqtt {

// 5.0 topic aliases of one connection, both ways (3.3.2.3.4). Incoming: the aliases the broker
// sets, up to the Topic Alias Maximum we announced. Outgoing: the aliases we set, up to the
// broker's Topic Alias Maximum. An alias lives as long as its connection: clear() on each.
class TopicAliases
{
public:
    enum class Resolution {
        Resolved, // topic names the message's topic
        AboveMaximum, // [MQTT-3.3.2-9] 0 or above the maximum we announced
        Unknown, // an alias alone that no PUBLISH of this connection has set
    };

    void clear();

    // Incoming: the maximum we announced in CONNECT (absent: 0, no alias allowed).
    void setIncomingMaximum(quint16 maximum) { m_incomingMaximum = maximum; }
    quint16 incomingMaximum() const { return m_incomingMaximum; }
    // A PUBLISH with alias: with a topic, binds the alias to it; without, reads the topic
    // bound. topic points into this table afterwards when it was empty.
    Resolution resolveIncoming(quint16 alias, QByteArrayView *topic);

    // Outgoing: the broker's Topic Alias Maximum (0: we send no alias [MQTT-3.3.2-7]).
    void setOutgoingMaximum(quint16 maximum) { m_outgoingMaximum = maximum; }
    quint16 outgoingMaximum() const { return m_outgoingMaximum; }
    struct Choice
    {
        quint16 alias = 0; // 0: none is free, the topic goes in full without alias
        bool topicNeeded = true; // false: the broker knows the alias, it names the topic alone
    };
    // The alias to send topic with: the one it has, else the lowest free one (bound now).
    Choice chooseOutgoing(const QByteArray &topic);
    // The application set alias for topic: the broker now maps it so, and so must we. One
    // alias names one topic, one topic has one alias.
    void bindOutgoing(const QByteArray &topic, quint16 alias);
    int outgoingCount() const { return int(m_outgoingTopics.size()); }
    quint16 outgoingAlias(const QByteArray &topic) const { return m_outgoing.value(topic); }

private:
    quint16 m_incomingMaximum = 0;
    quint16 m_outgoingMaximum = 0;
    QHash<quint16, QByteArray> m_incoming;
    QHash<QByteArray, quint16> m_outgoing;
    QHash<quint16, QByteArray> m_outgoingTopics; // the same, by alias
};

} // namespace Mqtt
