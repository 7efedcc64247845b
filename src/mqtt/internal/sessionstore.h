// SPDX-License-Identifier: Apache-2.0
#pragma once

// Engine internal: only src/mqtt and the engine's own tests (switchboard_mqtt_internals)
// may include it; the layers above use client.h, message.h, subscription.h, properties.h,
// serverlimits.h and validation.h.
#ifndef SWITCHBOARD_MQTT_INTERNALS
#error "sessionstore.h is internal to the MQTT engine (src/mqtt)"
#endif

#include "message.h"
#include "properties.h"
#include "subscription.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <deque>
#include <optional>
#include <vector>

namespace Mqtt {

// What the client keeps about a session, without any transport: tokens, packet identifiers,
// the queue of messages waiting to be sent, QoS 1/2 exchanges in flight both ways, the
// SUBSCRIBE and UNSUBSCRIBE awaiting their answer, and what a reconnect resends (4.4).
// The Client sends what the store's answers call for; tests drive the store alone.
class SessionStore
{
public:
    enum class Stage {
        AwaitingPuback, // QoS 1 PUBLISH sent
        AwaitingPubrec, // QoS 2 PUBLISH sent
        AwaitingPubcomp, // QoS 2 PUBREL sent: the broker has the message
    };
    struct Outgoing
    {
        quint64 token = 0;
        Message message;
        QByteArray topic; // UTF-8
        qint64 queuedAt = 0; // clock time of publish(): the wait counts against its expiry
    };
    struct Inflight
    {
        quint64 token = 0;
        Message message; // message.packetId is its packet identifier
        QByteArray topic;
        Stage stage = Stage::AwaitingPuback;
        qint64 queuedAt = 0;
    };
    struct PendingSubscribe
    {
        quint64 token = 0;
        QList<SubscribeTopic> topics;
        Properties properties;
    };
    struct PendingUnsubscribe
    {
        quint64 token = 0;
        QStringList filters;
        Properties properties;
    };
    // How a PUBREC fits the exchange it names.
    enum class PubrecOutcome {
        Accepted, // the message moves to AwaitingPubcomp: send PUBREL
        Refused, // a failure reason code ends the exchange [MQTT-4.4.0-2]
        Repeated, // already released: send PUBREL again, nothing else happened
        Unknown, // no QoS 2 message awaits it: answer PUBREL (5.0: 0x92)
        OutOfOrder, // the id names a QoS 1 message
    };
    // Whether the broker kept the session on reconnect.
    enum class Continuity { Resumed, Lost };

    // Tokens identify messages and requests to the application; never 0.
    quint64 takeToken() { return m_nextToken++; }

    // [MQTT-2.3.1-2]: an id is not reused while its exchange is in flight. 0 when every id
    // is in use.
    quint16 allocatePacketId();
    bool isPacketIdInUse(quint16 id) const;

    // ---- the queue of messages waiting to be sent
    std::deque<Outgoing> &queue() { return m_queue; }
    int queuedCount() const { return int(m_queue.size()); }
    // 5.0: the Message Expiry Interval of a waiting message reduced by its wait at time now;
    // false when it ran out (3.3.2.3.3).
    static bool age(Message &message, qint64 &queuedAt, qint64 now);

    // ---- our QoS 1/2 messages in flight
    // Starts the exchange of a message with packet id (from allocatePacketId()).
    Inflight &startInflight(Outgoing &&outgoing, quint16 id);
    int inflightCount() const { return int(m_inflight.size()); }
    const Inflight *inflight(quint16 id) const;
    // The in-flight messages in the order they were first sent [MQTT-4.6.0-1].
    std::vector<const Inflight *> inflightInOrder() const;
    // PUBACK: the token of the QoS 1 message it completes.
    std::optional<quint64> acknowledgePuback(quint16 id);
    // PUBREC with reason code; token is set for Accepted and Refused.
    PubrecOutcome acknowledgePubrec(quint16 id, ReasonCode reason, quint64 *token);
    // PUBCOMP: the token of the QoS 2 message it completes.
    std::optional<quint64> acknowledgePubcomp(quint16 id);

    // ---- QoS 2 messages we received, awaiting the broker's PUBREL
    // false: the id awaits its PUBREL already, the PUBLISH is a duplicate (not delivered).
    bool receiveQos2(quint16 id);
    bool isAwaitingRelease(quint16 id) const { return m_incomingQos2.contains(id); }
    // PUBREL: whether the id awaited it.
    bool release(quint16 id);
    int awaitingReleaseCount() const { return int(m_incomingQos2.size()); }

    // ---- SUBSCRIBE and UNSUBSCRIBE awaiting their answer (not part of a session: asked
    // again on every connection)
    void addSubscribe(quint16 id, PendingSubscribe pending);
    std::optional<PendingSubscribe> takeSubscribe(quint16 id);
    const PendingSubscribe *pendingSubscribe(quint16 id) const;
    void addUnsubscribe(quint16 id, PendingUnsubscribe pending);
    std::optional<PendingUnsubscribe> takeUnsubscribe(quint16 id);
    const PendingUnsubscribe *pendingUnsubscribe(quint16 id) const;
    QList<quint16> pendingSubscribeIds() const { return m_pendingSubscribes.keys(); }
    QList<quint16> pendingUnsubscribeIds() const { return m_pendingUnsubscribes.keys(); }

    // A new connection's CONNACK. Resumed: every in-flight message stays, for the Client to
    // resend in inflightInOrder() ([MQTT-4.4.0-1]: PUBLISH with DUP, or PUBREL). Lost: the
    // broker has forgotten our ids and we forget its: messages it never took go back to the
    // front of the queue in their order, as new ones; returns the tokens of those it had
    // taken (awaiting PUBCOMP), which count as published.
    std::vector<quint64> resume(Continuity continuity);

private:
    void forget(quint16 id);

    quint64 m_nextToken = 1;
    quint16 m_lastPacketId = 0;
    std::deque<Outgoing> m_queue;
    QHash<quint16, Inflight> m_inflight;
    std::deque<quint16> m_inflightOrder; // send order, for resending [MQTT-4.4.0-1]
    QHash<quint16, PendingSubscribe> m_pendingSubscribes;
    QHash<quint16, PendingUnsubscribe> m_pendingUnsubscribes;
    QSet<quint16> m_incomingQos2;
};

} // namespace Mqtt
