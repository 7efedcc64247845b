// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectionpane.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"

#include <QTest>

// Steps of the GUI tests through the real window, each waiting for the broker's answer.
namespace WindowSteps {

// Connects the workspace's form to host:port and subscribes to filter at QoS 1; false when
// the connection or the grant does not come within 10 s.
inline bool connectAndSubscribe(MainWindow *window, ConnectionWorkspace *workspace,
                                const QString &host, quint16 port, const QString &filter)
{
    ConnectionPane *pane = window->connectionPane(workspace);
    pane->setHost(host);
    pane->setPort(port);
    pane->connectToBroker();
    if (!QTest::qWaitFor(
                [&] { return workspace->client()->state() == Mqtt::Client::State::Connected; },
                10000))
        return false;
    if (!window->subscriptionsPane(workspace)->subscribe(filter, Mqtt::QoS::AtLeastOnce))
        return false;
    SubscriptionModel *model = workspace->subscriptions();
    return QTest::qWaitFor(
            [&] {
                return model->subscription(model->rowOf(filter)).state ==
                       SubscriptionModel::State::Granted;
            },
            10000);
}

// The log's rows with this payload in that direction.
inline int rowsWithPayload(const MessageLogModel *log, const QByteArray &payload,
                           MessageLogModel::Direction direction)
{
    int count = 0;
    for (int row = 0; row < log->rowCount(); ++row)
        count += log->directionAt(row) == direction && log->payloadAt(row) == payload;
    return count;
}

} // namespace WindowSteps
