// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <vector>

class BrokerDashboardDock;
class CollectionsPane;
class ChartDock;
class ConnectionPane;
class ConnectionWorkspace;
class MessageFilterProxyModel;
class MessageLogModel;
class MessageLogPane;
class PacketInspectorDock;
class ScriptConsole;
class PacketInspectorPane;
class PayloadDecodingController;
class ProfileStore;
class PublishPane;
class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTabBar;
class QToolButton;
class RecordingController;
class RequestResponsePane;
class RetainedScan;
class SecretStore;
class SubscriptionModel;
class SubscriptionsPane;
class TopicTreeModel;
class TopicTreePane;
class TopTalkersDock;
struct MemoryBudget;

// The main window: the message log in the middle, the connection, subscriptions/topic tree and
// publish panes in docks around it, menus, and a status bar with the connection and the rates.
// It holds one or more open connections (ConnectionWorkspace: a client and its models), each
// with its own set of panes; tabs or a list choose the current one, whose panes the docks and
// the middle show. With two or more open, "All connections" shows every connection's messages
// in one log and one tree. The window's accessors (client(), messageLog(), connectionPane(),
// ...) mean the current connection's.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // What the window opens as it is made: the connections open when it last closed (or one
    // new connection when there were none), or nothing (the caller opens what it wants).
    enum class Start { LastSession, NoConnection };
    Q_ENUM(Start)

    // profiles/secrets: injected (not owned; they must outlive the window), or nullptr for the
    // window to create its own.
    explicit MainWindow(ProfileStore *profiles = nullptr, SecretStore *secrets = nullptr,
                        QWidget *parent = nullptr, Start start = Start::LastSession);
    ~MainWindow() override;

    // The current connection's (the one the docks and the status bar act on).
    Mqtt::Client *client() const;
    MessageLogModel *messageLog() const;
    MessageFilterProxyModel *messageProxy() const;
    TopicTreeModel *topicTree() const;
    SubscriptionModel *subscriptions() const;

    ConnectionPane *connectionPane() const;
    SubscriptionsPane *subscriptionsPane() const;
    MessageLogPane *messageLogPane() const;
    PublishPane *publishPane() const;
    RequestResponsePane *requestResponsePane() const;
    TopicTreePane *topicTreePane() const;
    // View → Packet inspector: the current connection's packets.
    PacketInspectorPane *packetInspectorPane() const;
    PacketInspectorDock *packetInspectorDock() const { return m_packetInspectorDock; }
    // View → Broker dashboard: the current connection's $SYS values and rates.
    BrokerDashboardDock *brokerDashboardDock() const { return m_brokerDashboardDock; }
    // View → Top talkers: the current connection's busiest topics and subtrees.
    TopTalkersDock *topTalkersDock() const { return m_topTalkersDock; }
    // View → Collections: saved messages sent over the current connection.
    CollectionsPane *collectionsPane() const { return m_collectionsPane; }
    QDockWidget *collectionsDock() const { return m_collectionsDock; }
    // View → Charts: live charts of numeric fields, fed by every connection.
    ChartDock *chartDock() const { return m_chartDock; }
    // Tools → Script console: shows the dock and puts the editor in focus.
    void showScriptConsole();
    ScriptConsole *scriptConsole() const { return m_scriptConsole; }

    // Several connections. openConnection() makes a connection with the profile of that name
    // (empty: the last used one) and makes it current; closeConnection() disconnects and
    // forgets one (the last one stays open).
    ConnectionWorkspace *openConnection(const QString &profileName = QString());
    bool closeConnection(ConnectionWorkspace *workspace);
    QList<ConnectionWorkspace *> workspaces() const;
    ConnectionWorkspace *currentWorkspace() const;
    void setCurrentWorkspace(ConnectionWorkspace *workspace);
    // The panes of one connection (the accessors above give the current one's).
    ConnectionPane *connectionPane(ConnectionWorkspace *workspace) const;
    SubscriptionsPane *subscriptionsPane(ConnectionWorkspace *workspace) const;
    PublishPane *publishPane(ConnectionWorkspace *workspace) const;
    MessageLogPane *messageLogPane(ConnectionWorkspace *workspace) const;

    // "All connections": one log and one tree over every open connection (two or more). The
    // docks keep acting on the current connection, which the composer lets the user choose.
    bool isCombinedViewShown() const { return m_combinedShown; }
    void showCombinedView();
    MessageLogModel *combinedLog() const { return m_combinedLog; }
    TopicTreeModel *combinedTree() const { return m_combinedTree; }
    MessageLogPane *combinedLogPane() const { return m_combinedLogPane; }
    // The log and tree budget of the whole window, shared evenly by the open connections.
    MemoryBudget memoryBudget() const;

    // How the open connections are listed: tabs above the log, or a list in a dock (View menu;
    // remembered).
    enum class ConnectionSwitcher { Tabs, List };
    Q_ENUM(ConnectionSwitcher)
    ConnectionSwitcher connectionSwitcher() const { return m_switcher; }
    void setConnectionSwitcher(ConnectionSwitcher switcher);

    // What the middle of the window shows: the message log, or the topic tree with the
    // selected topic's details (View → Topic tree layout).
    enum class CentralView { MessageLog, TopicTree };
    Q_ENUM(CentralView)
    CentralView centralView() const { return m_centralView; }
    void setCentralView(CentralView view);
    QAction *topicTreeLayoutAction() const { return m_treeLayoutAction; }

    // Subscribes to the topic and below for a moment and marks the topics that hold a
    // retained message; the result is said in the tree pane and the status bar.
    bool findRetained(const QString &topic);
    RetainedScan *retainedScan() const;
    // Tools → Request/response…: enabled while connected with MQTT 5.0.
    QAction *requestResponseAction() const { return m_requestResponseAction; }
    void showRequestResponse();
    // Payload decoding rules, "Decode as…" and the decoded detail views.
    PayloadDecodingController *payloadDecoding() const { return m_payloadDecoding; }

    // Filters the current connection subscribes to as soon as it is up (command line
    // --subscribe).
    void subscribeWhenConnected(const QStringList &filters, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce);

    QString statusText() const; // the status bar's texts joined, for tests
    // Messages published from the current connection that wait for it.
    int queuedCount() const;

    // Record, open a recording, replay (File menu and the Recording toolbar).
    RecordingController *recordingController() const { return m_recording; }

    // Language chosen in the settings: empty follows the system locale.
    static QString languageSetting();
    static void setLanguageSetting(const QString &language);

Q_SIGNALS:
    // The connection the docks act on changed (or was shown again).
    void currentWorkspaceChanged(ConnectionWorkspace *workspace);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct WorkspaceView;

    void createCentral();
    void createDocks();
    void createMenus();
    void createStatusBar();
    void restoreLayout();
    void saveLayout() const;
    // The open connections and their subscriptions, for the next start.
    void saveSession() const;
    bool restoreSession();
    WorkspaceView *createView(ConnectionWorkspace *workspace);
    WorkspaceView *current() const;
    WorkspaceView *viewOf(const ConnectionWorkspace *workspace) const;
    quint16 freeWorkspaceId() const;
    // Shows the entry: a connection (docks, middle and status follow it) or, for nullptr, the
    // combined view (the docks keep the current connection).
    void showEntry(WorkspaceView *view);
    void ensureCombined();
    void updateCombinedFeeds(); // who feeds the combined models, and their budget
    void rebalanceBudget();
    void updateSwitchers(); // tabs, list and the composer's choice from the open connections
    void updateWorkspaceNames(); // unique names: a profile's, with the address when shared
    void recolor();
    MessageLogPane *shownLogPane() const; // the log in the middle (current or combined)
    void onStateChanged();
    // A connection came up: subscriptions restored, outage marked in the log.
    void onConnected(WorkspaceView *view, bool sessionPresent);
    void subscribePending(WorkspaceView *view);
    void updateStatus();
    void updateRates(); // the status bar's rates, totals and log memory
    void updateActions();
    void showAbout();
    void chooseLanguage(const QString &language);

    ProfileStore *m_profiles = nullptr;
    SecretStore *m_secrets = nullptr;
    PayloadDecodingController *m_payloadDecoding = nullptr;
    std::vector<std::unique_ptr<WorkspaceView>> m_views;
    WorkspaceView *m_current = nullptr;
    bool m_combinedShown = false;
    quint16 m_nextWorkspaceId = 1;
    // The combined view, made when a second connection opens.
    MessageLogModel *m_combinedLog = nullptr;
    MessageFilterProxyModel *m_combinedProxy = nullptr;
    TopicTreeModel *m_combinedTree = nullptr;
    MessageLogPane *m_combinedLogPane = nullptr;
    TopicTreePane *m_combinedTreePane = nullptr;
    QStackedWidget *m_combinedCentral = nullptr;

    QStackedWidget *m_workspaceStack = nullptr; // the middle: one page per entry
    QWidget *m_tabsRow = nullptr;
    QTabBar *m_tabs = nullptr;
    QListWidget *m_list = nullptr;
    QDockWidget *m_listDock = nullptr;
    ConnectionSwitcher m_switcher = ConnectionSwitcher::Tabs;
    CentralView m_centralView = CentralView::MessageLog;
    QStackedWidget *m_connectionStack = nullptr;
    QStackedWidget *m_subscriptionsStack = nullptr;
    QStackedWidget *m_publishStack = nullptr;
    QStackedWidget *m_requestResponseStack = nullptr;
    QComboBox *m_publishTarget = nullptr; // which connection the composer publishes on
    QDockWidget *m_connectionDock = nullptr;
    QDockWidget *m_subscriptionsDock = nullptr;
    QDockWidget *m_publishDock = nullptr;
    QDockWidget *m_requestResponseDock = nullptr;
    PacketInspectorDock *m_packetInspectorDock = nullptr;
    BrokerDashboardDock *m_brokerDashboardDock = nullptr;
    TopTalkersDock *m_topTalkersDock = nullptr;
    CollectionsPane *m_collectionsPane = nullptr;
    QDockWidget *m_collectionsDock = nullptr;
    ChartDock *m_chartDock = nullptr;
    QDockWidget *m_scriptConsoleDock = nullptr;
    ScriptConsole *m_scriptConsole = nullptr;

    QAction *m_newConnectionAction = nullptr;
    QAction *m_closeConnectionAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_publishAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_requestResponseAction = nullptr;
    QAction *m_treeLayoutAction = nullptr;
    QAction *m_tabsAction = nullptr;
    QAction *m_listAction = nullptr;
    RecordingController *m_recording = nullptr;

    QLabel *m_stateLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_brokerLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QLabel *m_memoryLabel = nullptr;

    bool m_publishDockWasVisible = true; // before the topic tree layout hid it
    bool m_layoutRestored = false; // the last session's dock sizes came back
    bool m_composerFitted = false; // sized to the composer on the first show
    bool m_raisedSubscriptions = false; // only the first connection brings that tab forward
    QTimer m_rateTimer;
};
