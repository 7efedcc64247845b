// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDockWidget>
#include <QHash>

class BrokerDashboard;
class ConnectionWorkspace;
class QStackedWidget;

// The "Broker dashboard" dock: one BrokerDashboard per open connection, of which it shows the
// current connection's. A connection's dashboard starts watching $SYS (BrokerStats subscribes
// to $SYS/# for itself) the first time the dock shows it, and keeps its history while the user
// looks at other connections; closing the dock stops every dashboard and leaves $SYS/#.
class BrokerDashboardDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit BrokerDashboardDock(QWidget *parent = nullptr);

    // Shows the dock in front of the docks it shares a tab bar with, tall enough for its charts
    // (what View → Broker dashboard does).
    void bringForward();
    void addWorkspace(ConnectionWorkspace *workspace);
    void setCurrentWorkspace(ConnectionWorkspace *workspace);
    BrokerDashboard *dashboard(const ConnectionWorkspace *workspace) const;
    BrokerDashboard *currentDashboard() const;

private:
    void watchShown();
    void stopWatching();

    QStackedWidget *m_stack;
    QHash<const ConnectionWorkspace *, BrokerDashboard *> m_dashboards;
};
