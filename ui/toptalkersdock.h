// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDockWidget>
#include <QHash>
#include <QPointer>

class ConnectionWorkspace;
class MessageLogPane;
class TopTalkersPane;
class TopicTreePane;

// The "Top talkers" dock (View → Top talkers): one TopTalkersPane showing the current
// connection's top talkers. Choosing a row narrows that connection's message log (its topic
// filter) and topic tree (its search, with the row's topic selected); *Show all topics* clears
// both. A connection's counting starts when the dock first shows it (it costs a little per
// message, see scripts/bench).
class TopTalkersDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit TopTalkersDock(QWidget *parent = nullptr);

    // Shows the dock in front of the docks it shares a tab bar with.
    void bringForward();
    // The panes a connection's rows narrow.
    void addWorkspace(ConnectionWorkspace *workspace, MessageLogPane *log, TopicTreePane *tree);
    void setCurrentWorkspace(ConnectionWorkspace *workspace);
    TopTalkersPane *pane() const { return m_pane; }

private:
    struct Narrowed
    {
        QPointer<MessageLogPane> log;
        QPointer<TopicTreePane> tree;
    };

    void startTrackingShown();
    void narrow(const QString &filter);

    TopTalkersPane *m_pane;
    QPointer<ConnectionWorkspace> m_current;
    QHash<const ConnectionWorkspace *, Narrowed> m_panes;
};
