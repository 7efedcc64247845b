// SPDX-License-Identifier: Apache-2.0
#include "packetpairing.h"

#include <utility>

using Mqtt::PacketDirection;
using Mqtt::PacketType;

namespace {

PacketDirection opposite(PacketDirection direction)
{
    return direction == PacketDirection::Sent ? PacketDirection::Received : PacketDirection::Sent;
}

} // namespace

PacketPairing::Result PacketPairing::openRequest(quint32 requestKey, quint64 sequence,
                                                 const Mqtt::PacketTrace &trace, bool resend,
                                                 quint64 exchange)
{
    Result result;
    result.awaitsAnswer = true;
    result.exchange = exchange ? exchange : sequence;
    Open entry{sequence, 0, result.exchange, trace.monotonicNs, false};
    const auto existing = m_open.constFind(requestKey);
    if (existing != m_open.constEnd()) {
        if (resend) {
            // [MQTT-4.4.0-1]: the same request again; its answer pairs with this send.
            entry.firstSend = existing->firstSend ? existing->firstSend : existing->sequence;
            entry.exchange = existing->exchange;
            result.firstSend = entry.firstSend;
            result.exchange = entry.exchange;
            // The earlier send got no answer on its connection.
            if (!existing->expired)
                m_replaced.append(existing->sequence);
        } else if (!existing->expired) {
            m_replaced.append(existing->sequence); // its id was used again: no answer will come
        }
    }
    m_open.insert(requestKey, entry);
    return result;
}

PacketPairing::Result PacketPairing::answer(quint32 requestKey, quint64 sequence,
                                            const Mqtt::PacketTrace &trace)
{
    Result result;
    result.exchange = sequence;
    const auto open = m_open.constFind(requestKey);
    if (open == m_open.constEnd())
        return result;
    result.request = open->sequence;
    result.latencyNs = qMax<qint64>(0, trace.monotonicNs - open->sentNs);
    result.exchange = open->exchange;
    m_open.erase(open);
    return result;
}

PacketPairing::Result PacketPairing::add(quint64 sequence, const Mqtt::PacketTrace &trace)
{
    const PacketDirection direction = trace.direction;
    const PacketDirection other = opposite(direction);
    const quint16 id = trace.packetId;
    switch (trace.type) {
    case PacketType::Connect:
        // A new connection: an authentication exchange of the last one ends unanswered.
        return openRequest(key(Awaits::Auth, direction, 0), sequence, trace, false);
    case PacketType::Auth:
        if (direction == PacketDirection::Received) {
            // The broker answers our CONNECT or AUTH; a Continue asks for our next step, which
            // belongs to the same exchange.
            const Result result = answer(key(Awaits::Auth, other, 0), sequence, trace);
            if (trace.reasonCode == quint8(Mqtt::ReasonCode::ContinueAuthentication))
                m_exchanges.insert(key(Awaits::Auth, other, 0), result.exchange);
            return result;
        }
        // Ours: the next step of an exchange, or a re-authentication that starts one.
        return openRequest(key(Awaits::Auth, direction, 0), sequence, trace, false,
                           m_exchanges.take(key(Awaits::Auth, direction, 0)));
    case PacketType::Connack:
        return answer(key(Awaits::Auth, other, 0), sequence, trace);
    case PacketType::Publish:
        if (trace.qos() == Mqtt::QoS::AtLeastOnce)
            return openRequest(key(Awaits::Puback, direction, id), sequence, trace, trace.dup());
        if (trace.qos() == Mqtt::QoS::ExactlyOnce)
            return openRequest(key(Awaits::Pubrec, direction, id), sequence, trace, trace.dup());
        return {};
    case PacketType::Puback:
        return answer(key(Awaits::Puback, other, id), sequence, trace);
    case PacketType::Pubrec: {
        Result result = answer(key(Awaits::Pubrec, other, id), sequence, trace);
        // The PUBREL that follows belongs to the same exchange: remembered on the way.
        if (result.request != 0)
            m_exchanges.insert(key(Awaits::Pubcomp, other, id), result.exchange);
        return result;
    }
    case PacketType::Pubrel: {
        const quint32 requestKey = key(Awaits::Pubcomp, direction, id);
        const bool resend = m_open.contains(requestKey);
        const quint64 exchange = m_exchanges.take(requestKey);
        return openRequest(requestKey, sequence, trace, resend, exchange);
    }
    case PacketType::Pubcomp:
        return answer(key(Awaits::Pubcomp, other, id), sequence, trace);
    case PacketType::Subscribe:
        return openRequest(key(Awaits::Suback, direction, id), sequence, trace, false);
    case PacketType::Suback:
        return answer(key(Awaits::Suback, other, id), sequence, trace);
    case PacketType::Unsubscribe:
        return openRequest(key(Awaits::Unsuback, direction, id), sequence, trace, false);
    case PacketType::Unsuback:
        return answer(key(Awaits::Unsuback, other, id), sequence, trace);
    case PacketType::Pingreq:
        return openRequest(key(Awaits::Pingresp, direction, 0), sequence, trace, false);
    case PacketType::Pingresp:
        return answer(key(Awaits::Pingresp, other, 0), sequence, trace);
    case PacketType::Disconnect:
        // The broker's DISCONNECT can be its answer to an authentication step.
        if (direction == PacketDirection::Received)
            return answer(key(Awaits::Auth, other, 0), sequence, trace);
        return {};
    case PacketType::Reserved:
        break;
    }
    return {};
}

QList<quint64> PacketPairing::expire(qint64 nowNs)
{
    QList<quint64> expired = std::exchange(m_replaced, {});
    for (auto it = m_open.begin(); it != m_open.end(); ++it) {
        if (!it->expired && nowNs - it->sentNs >= m_timeoutNs) {
            it->expired = true;
            expired.append(it->sequence);
        }
    }
    return expired;
}

void PacketPairing::clear()
{
    m_open.clear();
    m_exchanges.clear();
    m_replaced.clear();
}
