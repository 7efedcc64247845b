// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "properties.h"
#include "protocol.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Mqtt {

// Which way a traced packet went, seen from the client.
enum class PacketDirection : quint8 { Sent, Received };

// Whether a Client reports every packet through packetTraced().
enum class PacketTracing : quint8 { Off, On };

// One control packet as it crossed the wire, for the packet inspector and `switchboard-cli -d`.
// The Client fills the header fields when it traces the packet (cheap: no allocation but the
// frame's copy); what takes decoding (topic, filters, every reason code, properties) is read
// from the frame bytes only when asked. bytes is implicitly shared, so keeping or copying a
// trace costs no copy of the frame.
struct PacketTrace
{
    PacketDirection direction = PacketDirection::Sent;
    ProtocolVersion version = ProtocolVersion::V3_1_1;
    PacketType type = PacketType::Reserved;
    quint8 flags = 0; // the low nibble of the fixed header
    quint16 packetId = 0; // 0 when the packet has none
    // The first reason code (return code of a 3.1.1 CONNACK, granted QoS of a 3.1.1 SUBACK);
    // hasReasonCode is false for packets without one (PUBLISH, SUBSCRIBE, PINGREQ, a 3.1.1
    // UNSUBACK, ...).
    quint8 reasonCode = 0;
    bool hasReasonCode = false;
    bool sessionPresent = false; // CONNACK
    qint64 monotonicNs = 0; // steady clock: latencies
    qint64 wallTimeMs = 0; // milliseconds since the epoch (UTC): the time shown
    QByteArray bytes; // the whole frame, fixed header included

    // Builds a trace from a whole frame (fixed header included), reading the header fields.
    // A frame the codec refuses still gives a trace, with decodeProblem() saying why.
    static PacketTrace fromFrame(PacketDirection direction, ProtocolVersion version,
                                 const QByteArray &frame, qint64 monotonicNs, qint64 wallTimeMs);
    // The clocks fromFrame() takes: the steady clock in nanoseconds, and the wall clock.
    static qint64 monotonicNow();

    int size() const { return int(bytes.size()); }
    // PUBLISH fixed-header flags.
    QoS qos() const { return QoS((flags >> 1) & 0x3); }
    bool retain() const { return type == PacketType::Publish && (flags & 0x1); }
    bool dup() const { return type == PacketType::Publish && (flags & 0x8); }

    // Decoded from bytes on demand.
    QString topic() const; // PUBLISH: the topic name (empty when a 5.0 alias alone names it)
    QStringList filters() const; // SUBSCRIBE, UNSUBSCRIBE
    QList<quint8> reasonCodes() const; // every reason code (SUBACK, UNSUBACK: one per filter)
    Properties properties() const; // 5.0
    QByteArray payload() const; // PUBLISH
    QString decodeProblem() const; // why the codec refuses the frame; empty when it is valid
};

// "CONNACK", "PUBLISH", ... as the specification spells the packet types.
QString packetTypeName(PacketType type);
// A reason code as one lower-case token for lines a script reads: "granted-qos-1",
// "no-matching-subscribers"; a 3.1.1 CONNACK's return code as "accepted",
// "bad-user-name-or-password", ... (type and version say which table applies).
QString reasonCodeName(PacketType type, ProtocolVersion version, quint8 code);
// The reason code in words, for people: "Granted QoS 1", "Not authorized".
QString reasonCodeWords(PacketType type, ProtocolVersion version, quint8 code);
// The text of one packet after its time and direction, as `switchboard-cli -d` prints it and
// the inspector copies it: "SUBACK id=1 rc=granted-qos-1 5B", "PUBLISH id=3 q=1 r=0 d=0 42B".
QString packetSummary(const PacketTrace &trace);
// The whole line: "12:00:01.250 recv SUBACK id=1 rc=granted-qos-1 5B" (local time).
QString packetTraceLine(const PacketTrace &trace);

} // namespace Mqtt

Q_DECLARE_METATYPE(Mqtt::PacketTrace)
