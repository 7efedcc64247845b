// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

// The topic patterns of `switchboard-cli bench`: %i is the publisher's index (from 1), %c its
// client id, %% a percent sign.
namespace LoadTest {

// Client ids of the connections: <prefix>-pub-<index> and <prefix>-sub-<index>, from 1.
QString publisherClientId(const QString &prefix, int index);
QString subscriberClientId(const QString &prefix, int index);

// The topic publisher `index` with client id `clientId` publishes to.
QString expandTopicPattern(const QString &pattern, int index, const QString &clientId);

// False with *problem set when the pattern has a % other than %i, %c and %%, or a wildcard.
bool checkTopicPattern(const QString &pattern, QString *problem);

// The filter that matches every topic the pattern makes: the levels before the first one with
// %i or %c, then #; the pattern itself when it has neither ("bench/%i" gives "bench/#").
QString subscriptionFilterFor(const QString &pattern);

} // namespace LoadTest
