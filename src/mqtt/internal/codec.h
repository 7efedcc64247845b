// SPDX-License-Identifier: Apache-2.0
#pragma once

// Engine internal: only src/mqtt and the engine's own tests (switchboard_mqtt_internals)
// may include it; the layers above use client.h, message.h, subscription.h, properties.h,
// serverlimits.h and validation.h.
#ifndef SWITCHBOARD_MQTT_INTERNALS
#error "codec.h is internal to the MQTT engine (src/mqtt)"
#endif

#include "packets.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Pure functions between packets and bytes. Encoders produce whole frames (fixed header
// included); decoders take the fixed-header flags and the body of one frame, as the frame
// reader yields them, and validate what they read.
namespace Mqtt {

template<typename Packet>
struct Decoded
{
    Packet packet{};
    QString error; // empty when the packet is well formed
    ReasonCode reason = ReasonCode::Success; // MalformedPacket or ProtocolError when not

    bool ok() const { return error.isEmpty(); }
};

// Checks the fixed-header flag bits of a packet type ([MQTT-2.2.2-1], [MQTT-2.2.2-2]).
// PUBLISH flags are checked by decodePublish. Returns an empty string when valid.
QString fixedHeaderProblem(PacketType type, quint8 flags);

QByteArray encode(const ConnectPacket &packet);
QByteArray encode(const ConnackPacket &packet, ProtocolVersion version);
QByteArray encode(const PublishPacket &packet, ProtocolVersion version);
QByteArray encode(const AckPacket &packet, ProtocolVersion version);
QByteArray encode(const SubscribePacket &packet, ProtocolVersion version);
QByteArray encode(const SubackPacket &packet, ProtocolVersion version);
QByteArray encode(const UnsubscribePacket &packet, ProtocolVersion version);
QByteArray encode(const UnsubackPacket &packet, ProtocolVersion version);
QByteArray encode(const DisconnectPacket &packet, ProtocolVersion version);
QByteArray encode(const AuthPacket &packet);
QByteArray encodePingreq();
QByteArray encodePingresp();

// The hot path: appends a PUBLISH frame to out without any other allocation than out's own
// growth. topic must be valid UTF-8 (the client validates user input before).
void encodePublish(QByteArray &out, ProtocolVersion version, QByteArrayView topic,
                   QByteArrayView payload, QoS qos, bool retain, bool dup, quint16 packetId,
                   const Properties *properties = nullptr);
// Appends a PUBACK/PUBREC/PUBREL/PUBCOMP with reason Success and no properties.
void encodeAck(QByteArray &out, PacketType type, quint16 packetId);

Decoded<ConnectPacket> decodeConnect(quint8 flags, QByteArrayView body);
Decoded<ConnackPacket> decodeConnack(quint8 flags, QByteArrayView body, ProtocolVersion version);
// Points into body: the view lives as long as the frame's bytes.
Decoded<PublishView> decodePublish(quint8 flags, QByteArrayView body, ProtocolVersion version);
Decoded<AckPacket> decodeAck(PacketType type, quint8 flags, QByteArrayView body,
                             ProtocolVersion version);
Decoded<SubscribePacket> decodeSubscribe(quint8 flags, QByteArrayView body, ProtocolVersion version);
Decoded<SubackPacket> decodeSuback(quint8 flags, QByteArrayView body, ProtocolVersion version);
Decoded<UnsubscribePacket> decodeUnsubscribe(quint8 flags, QByteArrayView body,
                                             ProtocolVersion version);
Decoded<UnsubackPacket> decodeUnsuback(quint8 flags, QByteArrayView body, ProtocolVersion version);
Decoded<DisconnectPacket> decodeDisconnect(quint8 flags, QByteArrayView body,
                                           ProtocolVersion version);
Decoded<AuthPacket> decodeAuth(quint8 flags, QByteArrayView body);
// PINGREQ and PINGRESP: no flags, no body.
QString emptyPacketProblem(PacketType type, quint8 flags, QByteArrayView body);

PublishPacket toPacket(const PublishView &view);

} // namespace Mqtt
