#pragma once

#include "packets.h"
#include "properties.h"
#include "protocol.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Mqtt {

enum class ClientIdPolicy {
    GenerateWhenEmpty, // an empty client id is replaced by "switchboard-" and random hex
    SendAsGiven, // an empty client id is sent empty (the broker may assign one)
};

// Everything the client needs to open and keep a connection.
struct ConnectionOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 1883;
    ProtocolVersion version = ProtocolVersion::V3_1_1;

    QString clientId;
    ClientIdPolicy clientIdPolicy = ClientIdPolicy::GenerateWhenEmpty;
    std::optional<QString> userName;
    std::optional<QByteArray> password;
    bool cleanSession = true;
    quint16 keepAlive = 60; // seconds; 0 turns keep-alive off
    std::optional<Will> will;
    Properties connectProperties; // MQTT 5.0

    // How long to wait for the transport and the CONNACK.
    int connectTimeoutMs = 10000;
    // How long to wait for a PINGRESP; 0 means as long as the keep-alive interval.
    int pingTimeoutMs = 0;

    bool autoReconnect = false;
    int reconnectInitialDelayMs = 1000;
    int reconnectMaximumDelayMs = 30000;

    // QoS 1/2 messages in flight at once (1..65535); more wait in the queue.
    int maximumInflight = 20;
    // Messages waiting to be sent (while disconnected, or behind a full window).
    int maximumQueued = 10000;
    // Largest packet accepted from the broker, fixed header included.
    quint32 maximumIncomingPacketSize = MaximumRemainingLength + 5;
};

} // namespace Mqtt
