// SPDX-License-Identifier: Apache-2.0
#include "sessionstore.h"

#include <algorithm>
#include <iterator>

namespace Mqtt {

quint16 SessionStore::allocatePacketId()
{
    // [MQTT-2.3.1-2]: an id is not reused while its exchange is in flight.
    for (int tries = 0; tries < 65535; ++tries) {
        m_lastPacketId = m_lastPacketId == 65535 ? 1 : m_lastPacketId + 1;
        if (!isPacketIdInUse(m_lastPacketId))
            return m_lastPacketId;
    }
    return 0;
}

bool SessionStore::isPacketIdInUse(quint16 id) const
{
    return m_inflight.contains(id) || m_pendingSubscribes.contains(id) ||
           m_pendingUnsubscribes.contains(id);
}

bool SessionStore::age(Message &message, qint64 &queuedAt, qint64 now)
{
    const auto interval = message.properties.integer(PropertyId::MessageExpiryInterval);
    if (!interval)
        return true;
    const qint64 waitedMs = now - queuedAt;
    if (waitedMs >= qint64(*interval) * 1000)
        return false;
    // Whole seconds waited; what is left is at least 1 second here.
    const quint32 waited = quint32(waitedMs / 1000);
    if (waited > 0) {
        message.properties.setInteger(PropertyId::MessageExpiryInterval, *interval - waited);
        // The seconds taken off are not taken again if the message comes back to the queue.
        queuedAt += qint64(waited) * 1000;
    }
    return true;
}

SessionStore::Inflight &SessionStore::startInflight(Outgoing &&outgoing, quint16 id)
{
    Inflight inflight{outgoing.token, std::move(outgoing.message), std::move(outgoing.topic),
                      Stage::AwaitingPuback, outgoing.queuedAt};
    inflight.stage = inflight.message.qos == QoS::ExactlyOnce ? Stage::AwaitingPubrec
                                                              : Stage::AwaitingPuback;
    inflight.message.packetId = id;
    inflight.message.dup = false;
    auto it = m_inflight.insert(id, std::move(inflight));
    m_inflightOrder.push_back(id);
    return *it;
}

const SessionStore::Inflight *SessionStore::inflight(quint16 id) const
{
    const auto it = m_inflight.constFind(id);
    return it == m_inflight.cend() ? nullptr : &*it;
}

std::vector<const SessionStore::Inflight *> SessionStore::inflightInOrder() const
{
    std::vector<const Inflight *> ordered;
    ordered.reserve(m_inflightOrder.size());
    for (quint16 id : m_inflightOrder)
        ordered.push_back(&*m_inflight.constFind(id));
    return ordered;
}

void SessionStore::forget(quint16 id)
{
    m_inflight.remove(id);
    // Acknowledgements mostly arrive in order: look from the front (a deque erases the
    // front in constant time).
    auto it = std::find(m_inflightOrder.begin(), m_inflightOrder.end(), id);
    if (it != m_inflightOrder.end())
        m_inflightOrder.erase(it);
}

std::optional<quint64> SessionStore::acknowledgePuback(quint16 id)
{
    const auto it = m_inflight.constFind(id);
    if (it == m_inflight.cend() || it->stage != Stage::AwaitingPuback)
        return std::nullopt;
    const quint64 token = it->token;
    forget(id);
    return token;
}

SessionStore::PubrecOutcome SessionStore::acknowledgePubrec(quint16 id, ReasonCode reason,
                                                            quint64 *token)
{
    auto it = m_inflight.find(id);
    if (it == m_inflight.end())
        return PubrecOutcome::Unknown;
    switch (it->stage) {
    case Stage::AwaitingPuback:
        return PubrecOutcome::OutOfOrder;
    case Stage::AwaitingPubcomp:
        return PubrecOutcome::Repeated;
    case Stage::AwaitingPubrec:
        break;
    }
    *token = it->token;
    if (isFailure(reason)) {
        forget(id);
        return PubrecOutcome::Refused;
    }
    it->stage = Stage::AwaitingPubcomp;
    it->message.payload = QByteArray(); // only the id is needed from now on
    return PubrecOutcome::Accepted;
}

std::optional<quint64> SessionStore::acknowledgePubcomp(quint16 id)
{
    const auto it = m_inflight.constFind(id);
    if (it == m_inflight.cend() || it->stage != Stage::AwaitingPubcomp)
        return std::nullopt;
    const quint64 token = it->token;
    forget(id);
    return token;
}

bool SessionStore::receiveQos2(quint16 id)
{
    if (m_incomingQos2.contains(id))
        return false;
    m_incomingQos2.insert(id);
    return true;
}

bool SessionStore::release(quint16 id)
{
    return m_incomingQos2.remove(id);
}

void SessionStore::addSubscribe(quint16 id, PendingSubscribe pending)
{
    m_pendingSubscribes.insert(id, std::move(pending));
}

std::optional<SessionStore::PendingSubscribe> SessionStore::takeSubscribe(quint16 id)
{
    auto it = m_pendingSubscribes.find(id);
    if (it == m_pendingSubscribes.end())
        return std::nullopt;
    PendingSubscribe pending = std::move(it.value());
    m_pendingSubscribes.erase(it);
    return pending;
}

const SessionStore::PendingSubscribe *SessionStore::pendingSubscribe(quint16 id) const
{
    const auto it = m_pendingSubscribes.constFind(id);
    return it == m_pendingSubscribes.cend() ? nullptr : &*it;
}

void SessionStore::addUnsubscribe(quint16 id, PendingUnsubscribe pending)
{
    m_pendingUnsubscribes.insert(id, std::move(pending));
}

std::optional<SessionStore::PendingUnsubscribe> SessionStore::takeUnsubscribe(quint16 id)
{
    auto it = m_pendingUnsubscribes.find(id);
    if (it == m_pendingUnsubscribes.end())
        return std::nullopt;
    PendingUnsubscribe pending = std::move(it.value());
    m_pendingUnsubscribes.erase(it);
    return pending;
}

const SessionStore::PendingUnsubscribe *SessionStore::pendingUnsubscribe(quint16 id) const
{
    const auto it = m_pendingUnsubscribes.constFind(id);
    return it == m_pendingUnsubscribes.cend() ? nullptr : &*it;
}

std::vector<quint64> SessionStore::resume(Continuity continuity)
{
    std::vector<quint64> completed;
    if (continuity == Continuity::Resumed)
        return completed;
    // A broker without our session has forgotten the QoS 2 ids it sent: keeping them would
    // drop its next messages that reuse those ids as duplicates.
    m_incomingQos2.clear();
    std::deque<Outgoing> again;
    for (quint16 id : m_inflightOrder) {
        Inflight &inflight = m_inflight[id];
        if (inflight.stage == Stage::AwaitingPubcomp) {
            completed.push_back(inflight.token); // the broker has it
            continue;
        }
        inflight.message.packetId = 0;
        inflight.message.dup = false;
        again.push_back(Outgoing{inflight.token, std::move(inflight.message),
                                 std::move(inflight.topic), inflight.queuedAt});
    }
    m_inflight.clear();
    m_inflightOrder.clear();
    m_queue.insert(m_queue.begin(), std::make_move_iterator(again.begin()),
                   std::make_move_iterator(again.end()));
    return completed;
}

} // namespace Mqtt
