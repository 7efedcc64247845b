// SPDX-License-Identifier: Apache-2.0
#include "logging.h"

Q_LOGGING_CATEGORY(lcMqtt, "switchboard.mqtt", QtWarningMsg)
Q_LOGGING_CATEGORY(lcMqttPackets, "switchboard.mqtt.packets", QtWarningMsg)
