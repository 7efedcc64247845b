// SPDX-License-Identifier: Apache-2.0
#pragma once

#ifndef SWITCHBOARD_MQTT_INTERNALS
#error "codecsupport.h is internal to the MQTT engine (src/mqtt)"
#endif

#include "bytes.h"
#include "codec.h"

#include <QString>

// What the codec's files share: framing, error texts and string and property readers.
namespace Mqtt::CodecSupport {

QString tr(const char *text);
bool isV5(ProtocolVersion version);
// Prefixes a body with its fixed header.
QByteArray frame(PacketType type, quint8 flags, const QByteArray &body);
QString packetName(PacketType type);
QString malformed(PacketType type, const QString &why);
QString protocolError(PacketType type, const QString &why);
QString truncated();
QString trailing();
// "reserved reason code 0x.." for a code the specification does not list for the packet.
QString reservedCode(ReasonCode code);
// Reads a UTF-8 string into out; returns an error text when the bytes are not a valid string.
QString readString(ByteReader &reader, QString *out);
void appendString(QByteArray &out, const QString &text);

template<typename Packet>
Decoded<Packet> failure(const QString &error, ReasonCode reason = ReasonCode::MalformedPacket)
{
    Decoded<Packet> result;
    result.error = error;
    result.reason = reason;
    return result;
}

template<typename Packet>
bool readProperties(ByteReader &reader, PropertyContext context, Properties *properties,
                    PacketType type, Decoded<Packet> *result)
{
    ReasonCode reason = ReasonCode::MalformedPacket;
    const QString problem = Properties::decode(reader, context, properties, &reason);
    if (problem.isEmpty())
        return true;
    result->error = reason == ReasonCode::ProtocolError ? protocolError(type, problem)
                                                        : malformed(type, problem);
    result->reason = reason;
    return false;
}

} // namespace Mqtt::CodecSupport
