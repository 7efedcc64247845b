// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "packettrace.h"

#include <QHash>
#include <QList>

#include <deque>

// Pairs the control packets of one connection, in the order they crossed the wire, with their
// answers: PUBLISH (QoS 1) and PUBACK, PUBLISH (QoS 2) and PUBREC, PUBREL and PUBCOMP (both
// ways), SUBSCRIBE and SUBACK, UNSUBSCRIBE and UNSUBACK, PINGREQ and PINGRESP, CONNECT and the
// broker's first AUTH or CONNACK, and each AUTH of ours and the broker's next AUTH or CONNACK.
// A request whose answer has not come within timeoutNs() is reported unanswered by expire();
// a resend (PUBLISH with DUP, or a PUBREL again) of an open request is linked to its first
// send, and the answer then pairs with the resend. Packets are named by a sequence number the
// caller gives (increasing). No sockets, no timers: the packet log model and the tests drive it.
class PacketPairing
{
public:
    struct Result
    {
        quint64 request = 0; // the request this packet answers (0: none)
        qint64 latencyNs = -1; // since that request, when there is one
        quint64 firstSend = 0; // a resend: the first send of the same request (0: none)
        quint64 exchange = 0; // the first packet of its exchange (e.g. the PUBLISH of a PUBCOMP)
        bool awaitsAnswer = false; // a request: an answer is expected
    };

    static constexpr qint64 DefaultTimeoutNs = 10'000'000'000; // 10 s

    Result add(quint64 sequence, const Mqtt::PacketTrace &trace);
    // Requests still waiting whose time is up at nowNs (each reported once), and those a later
    // request took the place of: a resend (the earlier send was not answered), or a packet id
    // used again after the session was lost.
    QList<quint64> expire(qint64 nowNs);
    void clear();

    qint64 timeoutNs() const { return m_timeoutNs; }
    void setTimeoutNs(qint64 timeout) { m_timeoutNs = timeout; }
    int openCount() const { return int(m_open.size()); }

private:
    // What a request waits for, keyed with the packet id and the direction of the request.
    enum class Awaits : quint8 { Puback, Pubrec, Pubcomp, Suback, Unsuback, Pingresp, Auth };
    struct Open
    {
        quint64 sequence = 0; // the latest send of the request
        quint64 firstSend = 0;
        quint64 exchange = 0;
        qint64 sentNs = 0;
        bool expired = false;
    };
    static quint32 key(Awaits awaits, Mqtt::PacketDirection direction, quint16 packetId)
    {
        return (quint32(awaits) << 17) | (quint32(direction) << 16) | packetId;
    }
    Result openRequest(quint32 key, quint64 sequence, const Mqtt::PacketTrace &trace, bool resend,
                       quint64 exchange = 0);
    Result answer(quint32 key, quint64 sequence, const Mqtt::PacketTrace &trace);

    QHash<quint32, Open> m_open;
    // The exchange the next request under a key continues: a PUBREL after its PUBREC, our AUTH
    // after the broker's Continue.
    QHash<quint32, quint64> m_exchanges;
    QList<quint64> m_replaced; // requests a new one took the place of, for expire()
    qint64 m_timeoutNs = DefaultTimeoutNs;
};
