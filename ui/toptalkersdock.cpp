// SPDX-License-Identifier: Apache-2.0
#include "toptalkersdock.h"

#include "connectionworkspace.h"
#include "dockraising.h"
#include "messagelogpane.h"
#include "topictreepane.h"
#include "toptalkersmodel.h"
#include "toptalkerspane.h"

#include <QAction>

TopTalkersDock::TopTalkersDock(QWidget *parent)
    : QDockWidget(tr("Top talkers"), parent), m_pane(new TopTalkersPane(this))
{
    setObjectName(QStringLiteral("topTalkers"));
    setWidget(m_pane);
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                QDockWidget::DockWidgetClosable);
    toggleViewAction()->setText(tr("Top &talkers"));
    toggleViewAction()->setStatusTip(
            tr("The topics and subtrees that receive the most messages and bytes per second"));
    connect(toggleViewAction(), &QAction::triggered, this, [this](bool shown) {
        if (shown)
            bringForward();
    });
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            startTrackingShown();
    });
    connect(m_pane, &TopTalkersPane::filterChosen, this, &TopTalkersDock::narrow);
    connect(m_pane, &TopTalkersPane::showAllRequested, this, [this] { narrow(QString()); });
}

void TopTalkersDock::bringForward()
{
    DockRaising::bringForward(this, 360);
    startTrackingShown(); // visibilityChanged() comes later
}

void TopTalkersDock::addWorkspace(ConnectionWorkspace *workspace, MessageLogPane *log,
                                  TopicTreePane *tree)
{
    m_panes.insert(workspace, {log, tree});
    connect(workspace, &QObject::destroyed, this, [this, workspace] {
        m_panes.remove(workspace);
        if (!m_current)
            m_pane->setModel(nullptr);
    });
}

void TopTalkersDock::setCurrentWorkspace(ConnectionWorkspace *workspace)
{
    if (!m_panes.contains(workspace))
        return;
    m_current = workspace;
    m_pane->setModel(workspace->topTalkers());
    if (isVisible())
        startTrackingShown();
}

void TopTalkersDock::startTrackingShown()
{
    if (m_current)
        m_current->topTalkers()->setTracking(TopTalkersModel::Tracking::On);
}

void TopTalkersDock::narrow(const QString &filter)
{
    const Narrowed panes = m_panes.value(m_current);
    if (panes.log)
        panes.log->setTopicFilter(filter);
    if (!panes.tree)
        return;
    // A subtree's filter ("a/b/#") searches the tree as an MQTT filter; a topic as its text,
    // and is selected.
    panes.tree->setSearchText(filter);
    const QString topic = filter.endsWith(QLatin1String("/#")) ? filter.chopped(2) : filter;
    if (!topic.isEmpty())
        panes.tree->selectTopic(topic);
}
