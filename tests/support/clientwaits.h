// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"

// Blocking steps for integration tests against a real broker: each runs the event loop until
// the broker answers or timeoutMs passes, and says whether it got the answer it wanted.
namespace ClientWaits {

// Connects and waits for CONNACK; warns with the client's error when it does not come.
bool connectAndWait(Mqtt::Client *client, const Mqtt::ConnectionOptions &options, int timeoutMs);
// Subscribes and waits for a SUBACK granting every filter; warns about refused ones.
bool subscribeAndWait(Mqtt::Client *client, const QList<Mqtt::SubscribeTopic> &topics,
                      const Mqtt::Properties &properties, int timeoutMs);
// Publishes and waits for messagePublished of this very message.
bool publishAndWait(Mqtt::Client *client, const Mqtt::Message &message, int timeoutMs);

} // namespace ClientWaits
