// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"
#include "fakebroker.h"

#include <QTest>

// Shared helpers of the engine scenarios.
namespace EngineTest {

// Generous: the machine runs two test executables at once.
inline constexpr int Timeout = 10000;

inline Mqtt::ConnectionOptions optionsFor(const FakeBroker &broker)
{
    Mqtt::ConnectionOptions options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = broker.port();
    options.clientId = QStringLiteral("engine-test");
    options.connectTimeoutMs = Timeout;
    return options;
}

[[nodiscard]] inline bool waitForState(const Mqtt::Client &client, Mqtt::Client::State state,
                                       int timeoutMs = Timeout)
{
    return QTest::qWaitFor([&] { return client.state() == state; }, timeoutMs);
}

[[nodiscard]] inline bool connectTo(Mqtt::Client &client, const Mqtt::ConnectionOptions &options)
{
    client.connectToHost(options);
    return waitForState(client, Mqtt::Client::State::Connected);
}

inline Mqtt::Message message(const QString &topic, const QByteArray &payload, Mqtt::QoS qos)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = qos;
    return message;
}

} // namespace EngineTest
