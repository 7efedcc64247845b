// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDockWidget>
#include <QHash>
#include <QSet>

class ConnectionWorkspace;
class PacketInspectorPane;
class QStackedWidget;

// The "Packet inspector" dock: one PacketInspectorPane per open connection, of which it shows
// the current connection's. The main window adds each connection as it opens; a pane goes with
// its connection.
class PacketInspectorDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit PacketInspectorDock(QWidget *parent = nullptr);

    // Shows the dock in front of the docks it shares a tab bar with, tall enough for its table
    // (what View → Packet inspector does).
    void bringForward();
    void addWorkspace(ConnectionWorkspace *workspace);
    void setCurrentWorkspace(ConnectionWorkspace *workspace);
    PacketInspectorPane *pane(const ConnectionWorkspace *workspace) const;
    PacketInspectorPane *currentPane() const;

private:
    // Recording packets is off until the inspector first shows a connection (it costs more
    // than a tenth of the window's time per QoS 1 message); after that it is the pane's switch.
    void startRecordingShown();

    QStackedWidget *m_stack;
    QSet<const ConnectionWorkspace *> m_started;
    QHash<const ConnectionWorkspace *, PacketInspectorPane *> m_panes;
};
