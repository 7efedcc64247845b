// SPDX-License-Identifier: Apache-2.0
#include "packetinspectordock.h"

#include "connectionworkspace.h"
#include "dockforward.h"
#include "packetinspectorpane.h"

#include <QAction>
#include <QStackedWidget>

PacketInspectorDock::PacketInspectorDock(QWidget *parent)
    : QDockWidget(tr("Packet inspector"), parent), m_stack(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("packetInspector"));
    setWidget(m_stack);
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                QDockWidget::DockWidgetClosable);
    toggleViewAction()->setText(tr("&Packet inspector"));
    toggleViewAction()->setStatusTip(
            tr("Every MQTT packet of the connection, paired with its answer and its latency"));
    connect(toggleViewAction(), &QAction::triggered, this, [this](bool shown) {
        if (shown)
            bringForward();
    });
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            startRecordingShown();
    });
}

void PacketInspectorDock::startRecordingShown()
{
    auto *pane = currentPane();
    ConnectionWorkspace *workspace = pane ? pane->workspace() : nullptr;
    if (!workspace || m_started.contains(workspace))
        return;
    m_started.insert(workspace);
    workspace->setPacketTracing(Mqtt::PacketTracing::On);
}

void PacketInspectorDock::bringForward()
{
    // Tabbed with the composer: the menu means this tab.
    bringDockForward(this, 460);
}

void PacketInspectorDock::addWorkspace(ConnectionWorkspace *workspace)
{
    auto *pane = new PacketInspectorPane;
    pane->setWorkspace(workspace);
    m_stack->addWidget(pane);
    m_panes.insert(workspace, pane);
    // The pane goes first, while the models it shows (the workspace's children) still exist.
    connect(workspace, &QObject::destroyed, this, [this, workspace] {
        m_started.remove(workspace);
        delete m_panes.take(workspace);
    });
}

void PacketInspectorDock::setCurrentWorkspace(ConnectionWorkspace *workspace)
{
    if (PacketInspectorPane *shown = m_panes.value(workspace)) {
        m_stack->setCurrentWidget(shown);
        if (isVisible())
            startRecordingShown();
    }
}

PacketInspectorPane *PacketInspectorDock::pane(const ConnectionWorkspace *workspace) const
{
    return m_panes.value(workspace);
}

PacketInspectorPane *PacketInspectorDock::currentPane() const
{
    return qobject_cast<PacketInspectorPane *>(m_stack->currentWidget());
}
