// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "properties.h"
#include "protocol.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace Mqtt {

// An application message as the client hands it over or takes it to publish.
struct Message
{
    QString topic;
    QByteArray payload;
    QoS qos = QoS::AtMostOnce;
    bool retain = false;
    bool dup = false; // set on received messages only
    quint16 packetId = 0; // the identifier it travelled with (QoS 1/2)
    Properties properties; // MQTT 5.0
};

// The message the broker publishes for the client when the connection ends without
// DISCONNECT (or, in 5.0, with Disconnect with Will Message).
struct Will
{
    QString topic;
    QByteArray payload;
    QoS qos = QoS::AtMostOnce;
    bool retain = false;
    Properties properties; // MQTT 5.0 will properties

    bool operator==(const Will &o) const
    {
        return topic == o.topic && payload == o.payload && qos == o.qos && retain == o.retain &&
               properties == o.properties;
    }
};

} // namespace Mqtt

Q_DECLARE_METATYPE(Mqtt::Message)
