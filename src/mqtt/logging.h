// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLoggingCategory>

// QT_LOGGING_RULES="switchboard.mqtt.debug=true;switchboard.mqtt.packets.debug=true"
Q_DECLARE_LOGGING_CATEGORY(lcMqtt)
Q_DECLARE_LOGGING_CATEGORY(lcMqttPackets)
