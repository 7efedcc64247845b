// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMetaType>
#include <QString>
#include <QtGlobal>

// Protocol-level value types shared by the codec and the client.
namespace Mqtt {
Q_NAMESPACE

enum class ProtocolVersion : quint8 {
    V3_1 = 3, // "MQIsdp", level 3
    V3_1_1 = 4, // "MQTT", level 4
    V5 = 5, // "MQTT", level 5
};
Q_ENUM_NS(ProtocolVersion)

enum class QoS : quint8 {
    AtMostOnce = 0,
    AtLeastOnce = 1,
    ExactlyOnce = 2,
};
Q_ENUM_NS(QoS)

enum class PacketType : quint8 {
    Reserved = 0,
    Connect = 1,
    Connack = 2,
    Publish = 3,
    Puback = 4,
    Pubrec = 5,
    Pubrel = 6,
    Pubcomp = 7,
    Subscribe = 8,
    Suback = 9,
    Unsubscribe = 10,
    Unsuback = 11,
    Pingreq = 12,
    Pingresp = 13,
    Disconnect = 14,
    Auth = 15,
};
Q_ENUM_NS(PacketType)

// MQTT 3.1/3.1.1 CONNACK return codes.
enum class ConnectReturnCode : quint8 {
    Accepted = 0,
    UnacceptableProtocolVersion = 1,
    IdentifierRejected = 2,
    ServerUnavailable = 3,
    BadUserNameOrPassword = 4,
    NotAuthorized = 5,
};
Q_ENUM_NS(ConnectReturnCode)

// MQTT 5.0 reason codes. The 3.1.1 SUBACK codes 0, 1, 2 and 0x80 share these values.
enum class ReasonCode : quint8 {
    Success = 0x00,
    GrantedQoS1 = 0x01,
    GrantedQoS2 = 0x02,
    DisconnectWithWillMessage = 0x04,
    NoMatchingSubscribers = 0x10,
    NoSubscriptionExisted = 0x11,
    ContinueAuthentication = 0x18,
    ReAuthenticate = 0x19,
    UnspecifiedError = 0x80,
    MalformedPacket = 0x81,
    ProtocolError = 0x82,
    ImplementationSpecificError = 0x83,
    UnsupportedProtocolVersion = 0x84,
    ClientIdentifierNotValid = 0x85,
    BadUserNameOrPassword = 0x86,
    NotAuthorized = 0x87,
    ServerUnavailable = 0x88,
    ServerBusy = 0x89,
    Banned = 0x8A,
    ServerShuttingDown = 0x8B,
    BadAuthenticationMethod = 0x8C,
    KeepAliveTimeout = 0x8D,
    SessionTakenOver = 0x8E,
    TopicFilterInvalid = 0x8F,
    TopicNameInvalid = 0x90,
    PacketIdentifierInUse = 0x91,
    PacketIdentifierNotFound = 0x92,
    ReceiveMaximumExceeded = 0x93,
    TopicAliasInvalid = 0x94,
    PacketTooLarge = 0x95,
    MessageRateTooHigh = 0x96,
    QuotaExceeded = 0x97,
    AdministrativeAction = 0x98,
    PayloadFormatInvalid = 0x99,
    RetainNotSupported = 0x9A,
    QoSNotSupported = 0x9B,
    UseAnotherServer = 0x9C,
    ServerMoved = 0x9D,
    SharedSubscriptionsNotSupported = 0x9E,
    ConnectionRateExceeded = 0x9F,
    MaximumConnectTime = 0xA0,
    SubscriptionIdentifiersNotSupported = 0xA1,
    WildcardSubscriptionsNotSupported = 0xA2,
};
Q_ENUM_NS(ReasonCode)

inline bool isFailure(ReasonCode code)
{
    return quint8(code) >= 0x80;
}

// Plain-language text for a 3.1/3.1.1 CONNACK refusal.
QString connectReturnCodeText(ConnectReturnCode code);
// Name and plain-language text of an MQTT 5.0 reason code.
QString reasonCodeText(ReasonCode code);

inline constexpr quint32 MaximumRemainingLength = 268435455; // 0xFF,0xFF,0xFF,0x7F
inline constexpr int MaximumStringLength = 65535;

} // namespace Mqtt
