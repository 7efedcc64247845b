// SPDX-License-Identifier: Apache-2.0
#include "brokerdashboarddock.h"

#include "brokerdashboard.h"
#include "brokerstats.h"
#include "connectionworkspace.h"
#include "dockraising.h"

#include <QAction>
#include <QStackedWidget>

BrokerDashboardDock::BrokerDashboardDock(QWidget *parent)
    : QDockWidget(tr("Broker dashboard"), parent), m_stack(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("brokerDashboard"));
    setWidget(m_stack);
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                QDockWidget::DockWidgetClosable);
    toggleViewAction()->setText(tr("&Broker dashboard"));
    toggleViewAction()->setStatusTip(tr("What the broker publishes about itself on $SYS: "
                                        "clients, subscriptions, messages and bytes per second"));
    connect(toggleViewAction(), &QAction::toggled, this, [this](bool shown) {
        if (!shown)
            stopWatching(); // closed, not only behind another tab
    });
    connect(toggleViewAction(), &QAction::triggered, this, [this](bool shown) {
        if (shown)
            bringForward();
    });
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            watchShown();
    });
}

void BrokerDashboardDock::watchShown()
{
    if (BrokerDashboard *shown = currentDashboard(); shown && shown->stats())
        shown->stats()->setWatching(BrokerStats::Watching::On);
}

void BrokerDashboardDock::stopWatching()
{
    for (BrokerDashboard *dashboard : std::as_const(m_dashboards)) {
        if (dashboard->stats())
            dashboard->stats()->setWatching(BrokerStats::Watching::Off);
    }
}

void BrokerDashboardDock::bringForward()
{
    DockRaising::bringForward(this, 420);
}

void BrokerDashboardDock::addWorkspace(ConnectionWorkspace *workspace)
{
    auto *dashboard = new BrokerDashboard;
    dashboard->setWorkspace(workspace);
    m_stack->addWidget(dashboard);
    m_dashboards.insert(workspace, dashboard);
    connect(workspace, &QObject::destroyed, this,
            [this, workspace] { delete m_dashboards.take(workspace); });
}

void BrokerDashboardDock::setCurrentWorkspace(ConnectionWorkspace *workspace)
{
    if (BrokerDashboard *shown = m_dashboards.value(workspace)) {
        m_stack->setCurrentWidget(shown);
        if (isVisible())
            watchShown();
    }
}

BrokerDashboard *BrokerDashboardDock::dashboard(const ConnectionWorkspace *workspace) const
{
    return m_dashboards.value(workspace);
}

BrokerDashboard *BrokerDashboardDock::currentDashboard() const
{
    return qobject_cast<BrokerDashboard *>(m_stack->currentWidget());
}
