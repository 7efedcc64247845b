// SPDX-License-Identifier: Apache-2.0
#pragma once

// Engine internal: only src/mqtt and the engine's own tests (switchboard_mqtt_internals)
// may include it; the layers above use client.h, message.h, subscription.h, properties.h,
// serverlimits.h and validation.h.
#ifndef SWITCHBOARD_MQTT_INTERNALS
#error "packets.h is internal to the MQTT engine (src/mqtt)"
#endif

#include "message.h"
#include "properties.h"
#include "protocol.h"
#include "subscription.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The MQTT control packets as value types (engine internal: the layers above use message.h,
// subscription.h and client.h). The codec (codec.h) turns them into bytes and back.
namespace Mqtt {

struct ConnectPacket
{
    ProtocolVersion version = ProtocolVersion::V3_1_1;
    QString clientId;
    bool cleanSession = true; // "Clean Start" in 5.0
    quint16 keepAlive = 60; // seconds
    std::optional<Will> will;
    std::optional<QString> userName;
    std::optional<QByteArray> password;
    Properties properties;

    bool operator==(const ConnectPacket &o) const
    {
        return version == o.version && clientId == o.clientId && cleanSession == o.cleanSession &&
               keepAlive == o.keepAlive && will == o.will && userName == o.userName &&
               password == o.password && properties == o.properties;
    }
};

struct ConnackPacket
{
    bool sessionPresent = false;
    quint8 returnCode = 0; // ConnectReturnCode (3.1.1) or ReasonCode (5.0)
    Properties properties;
};

// A decoded PUBLISH that points into the frame it came from: no copy of topic or payload.
struct PublishView
{
    QByteArrayView topic; // UTF-8, validated
    QByteArrayView payload;
    QoS qos = QoS::AtMostOnce;
    bool retain = false;
    bool dup = false;
    quint16 packetId = 0;
    Properties properties;
};

struct PublishPacket
{
    QString topic;
    QByteArray payload;
    QoS qos = QoS::AtMostOnce;
    bool retain = false;
    bool dup = false;
    quint16 packetId = 0;
    Properties properties;
};

// PUBACK, PUBREC, PUBREL and PUBCOMP share one shape.
struct AckPacket
{
    PacketType type = PacketType::Puback;
    quint16 packetId = 0;
    ReasonCode reasonCode = ReasonCode::Success; // 5.0 only
    Properties properties;
};

struct SubscribePacket
{
    quint16 packetId = 0;
    QList<SubscribeTopic> topics;
    Properties properties;
};

struct SubackPacket
{
    quint16 packetId = 0;
    QList<quint8> reasonCodes; // granted QoS 0..2 or 0x80 (3.1.1), reason codes (5.0)
    Properties properties;
};

struct UnsubscribePacket
{
    quint16 packetId = 0;
    QStringList filters;
    Properties properties;
};

struct UnsubackPacket
{
    quint16 packetId = 0;
    QList<quint8> reasonCodes; // 5.0 only
    Properties properties;
};

struct DisconnectPacket
{
    ReasonCode reasonCode = ReasonCode::Success; // 5.0 only
    Properties properties;
};

struct AuthPacket
{
    ReasonCode reasonCode = ReasonCode::Success;
    Properties properties;
};

} // namespace Mqtt
