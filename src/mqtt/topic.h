// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "error.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>

// Topic names, topic filters and UTF-8 string rules (MQTT 4.7 and 1.5.3).
namespace Mqtt {

// Checks bytes meant as an MQTT UTF-8 string: well-formed UTF-8 with no surrogates
// [MQTT-1.5.3-1], no U+0000 [MQTT-1.5.3-2], at most 65,535 bytes. Returns an empty string when
// valid, otherwise why not.
QString utf8StringProblem(QByteArrayView bytes);
inline bool isValidUtf8String(QByteArrayView bytes)
{
    return utf8StringProblem(bytes).isEmpty();
}

// A topic name for PUBLISH: not empty [MQTT-4.7.3-1], no wildcard [MQTT-3.3.2-2], a valid
// UTF-8 string. Returns Error with code InvalidTopic (or InvalidString) when refused.
Error validateTopicName(QStringView topic);
// A topic filter for SUBSCRIBE / UNSUBSCRIBE: not empty [MQTT-4.7.3-1], '#' alone and last
// [MQTT-4.7.1-2], '+' alone in its level [MQTT-4.7.1-3].
Error validateTopicFilter(QStringView filter);

// Whether a topic name matches a filter, including the rule that a filter starting with a
// wildcard does not match a topic starting with '$' [MQTT-4.7.2-1].
bool topicMatches(QStringView filter, QStringView topicName);

} // namespace Mqtt
