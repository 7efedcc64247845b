// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectionoptions.h"
#include "error.h"
#include "message.h"
#include "properties.h"
#include "serverlimits.h"
#include "subscription.h"
#include "topic.h" // the topic name, topic filter and UTF-8 string rules

#include <QList>

// Every rule on what the application asks the engine to send, written once: the Client
// enforces them, and the panes and the CLI call the same functions to say so before. Each
// returns Error with readable text (code InvalidArgument, InvalidTopic, InvalidString,
// PacketTooLarge, or with a reason code when a broker's limit says no), or no error.
namespace Mqtt {

// The values a client may send for an integer property: its type's range, narrowed where the
// specification makes a value a Protocol Error (e.g. a Receive Maximum of 0).
struct ValueRange
{
    quint32 minimum = 0;
    quint32 maximum = 0;
    bool contains(quint64 value) const { return value >= minimum && value <= maximum; }
};
ValueRange propertyValueRange(PropertyId id);
// Each integer property of properties within propertyValueRange().
Error validatePropertyValues(const Properties &properties);

// Who makes the 5.0 enhanced authentication: the options' method, or the application's own
// authenticator (Client::setAuthenticator()).
enum class AuthenticationSource { Options, Application };
// Enhanced authentication needs 5.0; the options' method must be known and have a user name
// and a password.
Error validateAuthentication(const ConnectionOptions &options,
                             AuthenticationSource source = AuthenticationSource::Options);
// The will: a valid topic name.
Error validateWill(const Will &will);
// Everything of the options a CONNECT carries: host, port, will, client id, credentials,
// 5.0 properties and authentication.
Error validateConnectionOptions(const ConnectionOptions &options,
                                AuthenticationSource source = AuthenticationSource::Options);

// A message to publish, whose topic is already checked (validateTopicName()) and topicSize
// bytes long in UTF-8: its QoS and its size.
Error validateMessage(const Message &message, qsizetype topicSize);
// 5.0: the broker's limits a message must respect to be sent: Maximum QoS, Retain Available,
// topic alias range and Maximum Packet Size (counted with room for an automatic alias).
Error validateAgainstServerLimits(const Message &message, qsizetype topicSize,
                                  const ServerLimits &limits, TopicAliasPolicy policy);
// 5.0: a packet of size bytes is within the broker's Maximum Packet Size.
Error validatePacketSize(qint64 size, const ServerLimits &limits);

// One topic filter of a SUBSCRIBE with its options; with limits (connected), also what the
// broker announced it supports.
Error validateSubscription(const SubscribeTopic &topic, ProtocolVersion version,
                           const ServerLimits *limits = nullptr);
// The properties of a SUBSCRIBE: 5.0 only, one Subscription Identifier in range.
Error validateSubscribeProperties(const Properties &properties, ProtocolVersion version,
                                  const ServerLimits *limits = nullptr);
// The properties of an UNSUBSCRIBE: 5.0 only, user properties only (3.10.2.1).
Error validateUnsubscribeProperties(const Properties &properties, ProtocolVersion version);

} // namespace Mqtt
