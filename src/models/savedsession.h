// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "protocol.h"
#include "subscription.h"

#include <QColor>
#include <QList>
#include <QString>

class QSettings;

// What the window had open when it closed, for the next start: each connection's profile and
// address, whether it was connected, and its subscriptions; which one was current and whether
// the combined view was shown. Kept in the window's settings under "session".
struct SavedSession
{
    struct Subscription
    {
        Mqtt::SubscribeTopic topic; // filter, QoS and the 5.0 options
        quint32 identifier = 0; // 0: none
        QColor color;
        bool muted = false;
    };
    struct Connection
    {
        QString profile;
        QString host;
        quint16 port = 0;
        bool connected = false; // connected (or reconnecting) as the window closed
        QList<Subscription> subscriptions;
    };

    QList<Connection> connections;
    int current = 0; // index into connections
    bool combinedShown = false;

    // Reads what write() left (nothing: no connections).
    static SavedSession read(QSettings &settings);
    // Replaces the saved session.
    void write(QSettings &settings) const;
};
