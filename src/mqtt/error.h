// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "protocol.h"

#include <QString>

namespace Mqtt {

enum class ErrorCode {
    None,
    TransportError, // socket-level failure (host not found, refused, reset...)
    TlsError, // TLS handshake or certificate verification failed, or bad TLS settings
    ConnectTimeout, // no CONNACK in time
    ConnectionRefused, // CONNACK with a refusal code
    ProtocolError, // a packet out of place or forbidden by the specification
    MalformedPacket, // a packet whose bytes do not decode
    PacketTooLarge, // over the configured maximum packet size
    KeepAliveTimeout, // no PINGRESP in time
    BrokerDisconnected, // the broker closed the connection (or sent DISCONNECT)
    InvalidTopic, // user input: bad topic name or filter
    InvalidString, // user input: bad UTF-8 or too long
    InvalidArgument, // user input: anything else out of range
    QueueFull, // the offline queue is full
    NotConnected, // a verb that needs a connection was called without one
    AuthenticationFailed, // 5.0 enhanced authentication: the exchange failed on our side
    MessageExpired, // 5.0: the Message Expiry Interval ran out while the message waited
    Refused, // 5.0: the broker refused a message with a reason code (PUBACK, PUBREC)
    ReleaseFailed, // 5.0: a PUBREL or PUBCOMP carried a failure reason code
    NotSent, // QoS 0: the connection closed before the message's bytes reached the transport
};

// An error is a value: a code to branch on and a sentence to show a person.
struct Error
{
    ErrorCode code = ErrorCode::None;
    QString text;
    // The CONNACK return code (3.1.1) or reason code (5.0) when code is ConnectionRefused,
    // or the reason code of a DISCONNECT / acknowledgement.
    quint8 reasonCode = 0;

    bool isError() const { return code != ErrorCode::None; }
    explicit operator bool() const { return isError(); }
};

} // namespace Mqtt

Q_DECLARE_METATYPE(Mqtt::Error)
