// SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "brokerdashboarddock.h"
#include "chartdock.h"
#include "collectionspane.h"
#include "connectionpane.h"
#include "connectionworkspace.h"
#include "currentpagestack.h"
#include "dockraising.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "packetinspectordock.h"
#include "payloaddecodingcontroller.h"
#include "profilestore.h"
#include "publishpane.h"
#include "recordingcontroller.h"
#include "requestresponsepane.h"
#include "retainedscan.h"
#include "savedsession.h"
#include "scriptconsole.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "themecontroller.h"
#include "topictreemodel.h"
#include "topictreepane.h"
#include "toptalkersdock.h"
#include "windowshortcuts.h"

#include <QActionGroup>
#include <QApplication>
#include <QBoxLayout>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QToolBar>
#include <QToolButton>

namespace {

const char LanguageKey[] = "settings/language";

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// A round swatch of a connection's colour for its tab, list row and combo entry.
QIcon swatch(const QColor &color)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(2, 2, 12, 12));
    return QIcon(pixmap);
}

// Puts each dock's pane in a scroll area, so that a pane's form (the dashboard's cards, the
// composer, the script console) scrolls in a short dock instead of making the window taller
// than a 1024×700 screen.
void scrollDockContents(const QList<QDockWidget *> &docks)
{
    for (QDockWidget *dock : docks) {
        QWidget *pane = dock->widget();
        if (!pane || qobject_cast<QAbstractScrollArea *>(pane))
            continue;
        auto *scroll = new QScrollArea(dock);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidgetResizable(true);
        dock->setWidget(scroll);
        scroll->setWidget(pane);
    }
}

} // namespace

// One open connection's models and the panes that show them. The docks and the middle of the
// window hold every connection's panes in stacks and show the current one's.
struct MainWindow::WorkspaceView
{
    ConnectionWorkspace *workspace = nullptr;
    int colorIndex = 0; // into the connection palette
    ConnectionPane *connectionPane = nullptr;
    SubscriptionsPane *subscriptionsPane = nullptr;
    PublishPane *publishPane = nullptr;
    RequestResponsePane *requestResponsePane = nullptr;
    MessageLogPane *logPane = nullptr;
    TopicTreePane *topicTreePane = nullptr;
    QStackedWidget *central = nullptr; // the log or the tree
    QStringList pendingSubscriptions; // subscribed to once connected (--subscribe)
    Mqtt::QoS pendingQos = Mqtt::QoS::AtMostOnce;
    bool hadConnected = false;

    ~WorkspaceView()
    {
        // The panes go before the models they show.
        for (QWidget *pane : std::initializer_list<QWidget *>{
                     connectionPane, subscriptionsPane, publishPane, requestResponsePane, central})
            delete pane;
        delete workspace;
    }
};

MainWindow::MainWindow(ProfileStore *profiles, SecretStore *secrets, QWidget *parent, Start start)
    : QMainWindow(parent), m_profiles(profiles), m_secrets(secrets)
{
    setWindowTitle(tr("Switchboard"));
    setObjectName(QStringLiteral("MainWindow"));
    if (!m_profiles)
        m_profiles = new ProfileStore(this);
    if (!m_secrets)
        m_secrets = new SecretStore(this);

    m_payloadDecoding = new PayloadDecodingController(m_profiles, this);
    connect(m_payloadDecoding, &PayloadDecodingController::protoProblemChanged, this,
            [this](ConnectionWorkspace *, const QString &problem) {
                if (!problem.isEmpty())
                    statusBar()->showMessage(problem, 10000);
            });
    createCentral();
    createDocks();
    createMenus();
    createStatusBar();

    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, [this] {
        for (const auto &view : m_views)
            view->workspace->sampleRates();
    });
    m_rateTimer.start();

    // The default size, within a small screen.
    const QRect screenArea = screen()->availableGeometry();
    resize(qMin(1360, screenArea.width()), qMin(860, screenArea.height()));
    // The side docks take at most 30% of a small screen: the log keeps room for payloads.
    resizeDocks({m_connectionDock}, {qMin(420, width() * 3 / 10)}, Qt::Horizontal);
    if (start == Start::LastSession && !restoreSession())
        openConnection();
    restoreLayout();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // The panes go before the models (and the combined panes before the combined models).
    m_views.clear();
    delete m_combinedCentral;
}

void MainWindow::createCentral()
{
    auto *middle = new QWidget(this);
    auto *layout = new QVBoxLayout(middle);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_tabsRow = new QWidget(middle);
    auto *tabsLayout = new QHBoxLayout(m_tabsRow);
    tabsLayout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabBar(m_tabsRow);
    m_tabs->setObjectName(QStringLiteral("connectionTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setExpanding(false);
    m_tabs->setTabsClosable(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(true);
    tabsLayout->addWidget(m_tabs, 1);
    auto *newButton = new QToolButton(m_tabsRow);
    newButton->setObjectName(QStringLiteral("newConnectionButton"));
    newButton->setText(QStringLiteral("+"));
    newButton->setAutoRaise(true);
    newButton->setToolTip(tr("New connection (Ctrl+N)"));
    connect(newButton, &QToolButton::clicked, this, [this] { openConnection(); });
    tabsLayout->addWidget(newButton);
    layout->addWidget(m_tabsRow);

    m_workspaceStack = new CurrentPageStack(middle);
    m_workspaceStack->setObjectName(QStringLiteral("centralStack"));
    layout->addWidget(m_workspaceStack, 1);
    setCentralWidget(middle);

    const auto entryAt = [this](int id) -> WorkspaceView * {
        for (const auto &view : m_views) {
            if (view->workspace->id() == id)
                return view.get();
        }
        return nullptr;
    };
    connect(m_tabs, &QTabBar::currentChanged, this, [this, entryAt](int index) {
        if (index >= 0)
            showEntry(entryAt(m_tabs->tabData(index).toInt()));
    });
    connect(m_tabs, &QTabBar::tabCloseRequested, this, [this, entryAt](int index) {
        if (WorkspaceView *view = entryAt(m_tabs->tabData(index).toInt()))
            closeConnection(view->workspace);
    });

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("connectionList"));
    m_list->setUniformItemSizes(true);
    connect(m_list, &QListWidget::currentRowChanged, this, [this, entryAt](int row) {
        if (QListWidgetItem *item = m_list->item(row))
            showEntry(entryAt(item->data(Qt::UserRole).toInt()));
    });
}

void MainWindow::createDocks()
{
    auto makeDock = [this](QWidget *pane, const QString &title, const QString &name) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(pane);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                          QDockWidget::DockWidgetClosable);
        return dock;
    };
    m_connectionStack = new QStackedWidget(this);
    m_subscriptionsStack = new QStackedWidget(this);
    m_requestResponseStack = new QStackedWidget(this);

    // The composer says which connection it publishes on; in the combined view that is where
    // the user chooses it.
    auto *publish = new QWidget(this);
    auto *publishLayout = new QVBoxLayout(publish);
    publishLayout->setContentsMargins(0, 0, 0, 0);
    publishLayout->setSpacing(2);
    auto *targetRow = new QHBoxLayout;
    targetRow->setContentsMargins(6, 4, 6, 0);
    auto *targetLabel = new QLabel(tr("Publish &on:"), publish);
    m_publishTarget = new QComboBox(publish);
    m_publishTarget->setObjectName(QStringLiteral("publishConnectionCombo"));
    m_publishTarget->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_publishTarget->setToolTip(tr("The connection the composer publishes on"));
    targetLabel->setBuddy(m_publishTarget);
    targetRow->addWidget(targetLabel);
    targetRow->addWidget(m_publishTarget);
    targetRow->addStretch(1);
    publishLayout->addLayout(targetRow);
    m_publishStack = new QStackedWidget(publish);
    publishLayout->addWidget(m_publishStack, 1);
    connect(m_publishTarget, &QComboBox::activated, this, [this](int index) {
        const int id = m_publishTarget->itemData(index).toInt();
        for (const auto &view : m_views) {
            if (view->workspace->id() == id)
                setCurrentWorkspace(view->workspace);
        }
    });

    // The pane scrolls its form itself and keeps Connect / Disconnect in view below it.
    m_connectionDock = makeDock(m_connectionStack, tr("Connection"), QStringLiteral("connection"));
    m_subscriptionsDock = makeDock(m_subscriptionsStack, tr("Subscriptions and topics"),
                                   QStringLiteral("subscriptions"));
    m_publishDock = makeDock(publish, tr("Publish"), QStringLiteral("publish"));
    m_requestResponseDock = makeDock(m_requestResponseStack, tr("Request/response"),
                                     QStringLiteral("requestResponse"));
    m_listDock = makeDock(m_list, tr("Connections"), QStringLiteral("connections"));
    addDockWidget(Qt::LeftDockWidgetArea, m_listDock);
    addDockWidget(Qt::LeftDockWidgetArea, m_connectionDock);
    addDockWidget(Qt::LeftDockWidgetArea, m_subscriptionsDock);
    m_listDock->hide(); // tabs by default
    // The left docks run the full height; the composer sits under the log.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_publishDock);
    // Opened from Tools: beside the composer, hidden until asked for.
    addDockWidget(Qt::BottomDockWidgetArea, m_requestResponseDock);
    tabifyDockWidget(m_publishDock, m_requestResponseDock);
    m_requestResponseDock->hide();
    m_packetInspectorDock = new PacketInspectorDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_packetInspectorDock);
    tabifyDockWidget(m_publishDock, m_packetInspectorDock);
    m_packetInspectorDock->hide();
    m_brokerDashboardDock = new BrokerDashboardDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_brokerDashboardDock);
    tabifyDockWidget(m_publishDock, m_brokerDashboardDock);
    m_brokerDashboardDock->hide();
    m_topTalkersDock = new TopTalkersDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_topTalkersDock);
    tabifyDockWidget(m_publishDock, m_topTalkersDock);
    m_topTalkersDock->hide();
    m_collectionsPane = new CollectionsPane;
    m_collectionsPane->setDirectory(CollectionsPane::defaultDirectory());
    m_collectionsDock =
            makeDock(m_collectionsPane, tr("Collections"), QStringLiteral("collections"));
    addDockWidget(Qt::RightDockWidgetArea, m_collectionsDock);
    m_collectionsDock->hide();
    connect(this, &MainWindow::currentWorkspaceChanged, m_collectionsPane,
            &CollectionsPane::setWorkspace);
    m_chartDock = new ChartDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartDock);
    tabifyDockWidget(m_publishDock, m_chartDock);
    m_chartDock->hide();
    m_scriptConsole = new ScriptConsole(m_profiles, this);
    m_scriptConsoleDock =
            makeDock(m_scriptConsole, tr("Script console"), QStringLiteral("scriptConsole"));
    addDockWidget(Qt::BottomDockWidgetArea, m_scriptConsoleDock);
    tabifyDockWidget(m_publishDock, m_scriptConsoleDock);
    m_scriptConsoleDock->hide();
    m_collectionsPane->setScriptConsole(m_scriptConsole);
    connect(m_collectionsPane, &CollectionsPane::scriptStarted, this,
            &MainWindow::showScriptConsole);
    m_publishDock->raise();
    tabifyDockWidget(m_connectionDock, m_subscriptionsDock);
    m_connectionDock->raise();
    scrollDockContents(findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly));
}

MainWindow::WorkspaceView *MainWindow::createView(ConnectionWorkspace *workspace)
{
    auto owned = std::make_unique<WorkspaceView>();
    WorkspaceView *view = owned.get();
    view->workspace = workspace;
    Mqtt::Client *client = workspace->client();

    view->logPane = new MessageLogPane;
    view->logPane->setModels(workspace->messageLog(), workspace->messageProxy());
    view->topicTreePane = new TopicTreePane;
    view->topicTreePane->setTopicTree(workspace->topicTree());
    view->central = new CurrentPageStack;
    view->central->addWidget(view->logPane);
    view->central->addWidget(view->topicTreePane);
    view->central->setCurrentWidget(m_centralView == CentralView::TopicTree
                                            ? static_cast<QWidget *>(view->topicTreePane)
                                            : view->logPane);
    m_workspaceStack->addWidget(view->central);

    view->connectionPane = new ConnectionPane;
    view->connectionPane->setClient(client);
    view->connectionPane->setStores(m_profiles, m_secrets);
    m_connectionStack->addWidget(view->connectionPane);

    view->subscriptionsPane = new SubscriptionsPane;
    view->subscriptionsPane->setClient(client);
    view->subscriptionsPane->setModels(workspace->subscriptions(), workspace->topicTree(),
                                       workspace->messageProxy());
    m_subscriptionsStack->addWidget(view->subscriptionsPane);

    view->publishPane = new PublishPane;
    view->publishPane->setClient(client);
    view->publishPane->setPayloadDecoder(workspace->payloadDecoder());
    // New rules may choose another format for the composer's topic.
    connect(workspace, &ConnectionWorkspace::decodingChanged, view->publishPane,
            &PublishPane::refreshEncoding);
    m_publishStack->addWidget(view->publishPane);

    view->requestResponsePane = new RequestResponsePane;
    view->requestResponsePane->setClient(client);
    m_requestResponseStack->addWidget(view->requestResponsePane);
    m_packetInspectorDock->addWorkspace(workspace);
    m_brokerDashboardDock->addWorkspace(workspace);
    m_topTalkersDock->addWorkspace(workspace, view->logPane, view->topicTreePane);
    m_chartDock->addConnection(workspace, view->topicTreePane, view->logPane);

    const auto published = [workspace, view](const Mqtt::Message &message, quint64 token) {
        view->publishPane->addKnownTopic(message.topic);
        workspace->recordPublished(message, token);
    };
    connect(view->publishPane, &PublishPane::messagePublished, workspace, published);
    connect(view->subscriptionsPane, &SubscriptionsPane::messagePublished, workspace, published);
    connect(view->requestResponsePane, &RequestResponsePane::messagePublished, workspace, published);
    connect(client, &Mqtt::Client::messageReceived, view->publishPane,
            [view](const Mqtt::Message &message) {
                view->publishPane->addKnownTopic(message.topic);
            });
    const auto publishTo = [this, view](const QString &topic) {
        setCurrentWorkspace(view->workspace);
        view->publishPane->setTopic(topic);
        m_publishDock->show();
        m_publishDock->raise();
        view->publishPane->setFocus();
    };
    connect(view->subscriptionsPane, &SubscriptionsPane::topicChosenForPublishing, this, publishTo);
    connect(view->publishPane, &PublishPane::saveToCollectionRequested, this,
            [this](const CollectionMessage &message) {
                m_collectionsDock->show();
                m_collectionsDock->raise();
                m_collectionsPane->addMessage(message);
            });
    connect(view->topicTreePane, &TopicTreePane::topicChosenForPublishing, this, publishTo);

    // Retained messages: found by a brief subscription, cleared after a dry run.
    connect(view->subscriptionsPane, &SubscriptionsPane::findRetainedRequested, this,
            &MainWindow::findRetained);
    connect(view->topicTreePane, &TopicTreePane::findRetainedRequested, this,
            &MainWindow::findRetained);
    connect(view->topicTreePane, &TopicTreePane::clearRetainedRequested, this,
            [view](const QString &topic) {
                view->subscriptionsPane->clearRetained(topic,
                                                       SubscriptionsPane::RetainedScope::Topic);
            });
    connect(view->topicTreePane, &TopicTreePane::clearRetainedBelowRequested, this,
            [view](const QString &topic) {
                view->workspace->topicTree()->flush(); // what arrived a moment ago counts too
                view->subscriptionsPane->clearRetained(topic,
                                                       SubscriptionsPane::RetainedScope::Subtree);
            });
    connect(view->subscriptionsPane, &SubscriptionsPane::retainedCleared, this,
            [this, view](const QString &topic, int count) {
                const QString text =
                        topic.isEmpty() ? tr("Cleared %Ln retained message(s)", nullptr, count)
                                        : tr("Cleared %Ln retained message(s) at and below \"%1\"",
                                             nullptr, count)
                                                  .arg(topic);
                view->topicTreePane->showStatus(text);
                statusBar()->showMessage(text, 5000);
            });
    RetainedScan *scan = workspace->retainedScan();
    connect(scan, &RetainedScan::finished, this, [this, view, scan](const QStringList &topics) {
        view->workspace->topicTree()->flush();
        const QString topic = scan->topic();
        const QString text = topic.isEmpty()
                                     ? tr("Found %Ln retained message(s) on the broker", nullptr,
                                          int(topics.size()))
                                     : tr("Found %Ln retained message(s) at and below \"%1\"",
                                          nullptr, int(topics.size()))
                                               .arg(topic);
        view->topicTreePane->showStatus(text);
        statusBar()->showMessage(text, 5000);
    });
    connect(scan, &RetainedScan::failed, this, [view](const QString &reason) {
        view->topicTreePane->showStatus(tr("Finding retained messages failed: %1").arg(reason));
    });

    connect(client, &Mqtt::Client::stateChanged, this, &MainWindow::onStateChanged);
    // After connected(), not on stateChanged(Connected): the client has then finished starting
    // its session, so a SUBSCRIBE sent now is not sent a second time by that start.
    connect(client, &Mqtt::Client::connected, this,
            [this, view](bool sessionPresent) { onConnected(view, sessionPresent); });
    connect(workspace, &ConnectionWorkspace::countersChanged, this, [this, view] {
        if (view == m_current || m_combinedShown)
            updateRates();
    });
    connect(view->logPane, &MessageLogPane::pausedChanged, this, [this, view](bool paused) {
        if (shownLogPane() == view->logPane)
            m_pauseAction->setChecked(paused);
    });
    connect(view->connectionPane, &ConnectionPane::connectRequested, this,
            &MainWindow::updateWorkspaceNames);
    connect(view->connectionPane, &ConnectionPane::profileChanged, this,
            &MainWindow::updateWorkspaceNames);

    m_payloadDecoding->addConnection(workspace, {view->connectionPane, view->subscriptionsPane,
                                                 view->logPane, view->topicTreePane});

    // Every connection's panes take the layout saved from the current one.
    view->logPane->restoreState(QStringLiteral("messageLog"));
    view->subscriptionsPane->restoreState(QStringLiteral("subscriptions"));
    view->topicTreePane->restoreState(QStringLiteral("topicTree"));

    m_views.push_back(std::move(owned));
    return view;
}

ConnectionWorkspace *MainWindow::openConnection(const QString &profileName)
{
    // Ids are never reused: the combined log may still hold a closed connection's rows.
    quint16 id = 1;
    for (const auto &view : m_views)
        id = qMax<quint16>(id, view->workspace->id() + 1);
    id = qMax(id, m_nextWorkspaceId);
    m_nextWorkspaceId = id + 1;
    auto *workspace = new ConnectionWorkspace(id, this);
    WorkspaceView *view = createView(workspace);
    // The first colour of the palette no open connection has.
    QList<int> used;
    for (const auto &other : m_views) {
        if (other.get() != view)
            used << other->colorIndex;
    }
    while (used.contains(view->colorIndex))
        ++view->colorIndex;
    workspace->setColor(ConnectionWorkspace::paletteColor(view->colorIndex, palette()));
    if (!profileName.isEmpty())
        view->connectionPane->selectProfile(profileName);
    connect(workspace, &ConnectionWorkspace::nameChanged, this, &MainWindow::updateSwitchers);
    // A recording opened from a file is named after it.
    connect(workspace, &ConnectionWorkspace::captureFileChanged, this,
            &MainWindow::updateWorkspaceNames);
    updateWorkspaceNames();
    updateCombinedFeeds(); // first: a new combined log takes its share below
    rebalanceBudget();
    showEntry(view);
    return workspace;
}

bool MainWindow::closeConnection(ConnectionWorkspace *workspace)
{
    WorkspaceView *view = viewOf(workspace);
    if (!view || m_views.size() < 2)
        return false; // the window always has one connection
    view->publishPane->stopRepeating();
    if (workspace->client()->state() != Mqtt::Client::State::Disconnected)
        workspace->client()->disconnectFromHost();
    const auto found = std::find_if(m_views.begin(), m_views.end(),
                                    [view](const auto &owned) { return owned.get() == view; });
    const size_t position = size_t(found - m_views.begin());
    std::unique_ptr<WorkspaceView> closing = std::move(*found);
    m_views.erase(found);
    m_payloadDecoding->removeConnection(workspace);
    if (m_current == view)
        m_current = m_views[qMin(position, m_views.size() - 1)].get();
    closing.reset();
    updateWorkspaceNames(); // a name may no longer need its address
    updateCombinedFeeds(); // first: a new combined log takes its share below
    rebalanceBudget();
    showEntry(m_combinedShown ? nullptr : m_current);
    return true;
}

QList<ConnectionWorkspace *> MainWindow::workspaces() const
{
    QList<ConnectionWorkspace *> list;
    for (const auto &view : m_views)
        list << view->workspace;
    return list;
}

ConnectionWorkspace *MainWindow::currentWorkspace() const
{
    return m_current ? m_current->workspace : nullptr;
}

void MainWindow::setCurrentWorkspace(ConnectionWorkspace *workspace)
{
    WorkspaceView *view = viewOf(workspace);
    if (!view)
        return;
    if (m_combinedShown) {
        // The combined view stays; the docks and the composer move to that connection.
        m_current = view;
        showEntry(nullptr);
    } else {
        showEntry(view);
    }
}

MainWindow::WorkspaceView *MainWindow::current() const
{
    return m_current;
}

MainWindow::WorkspaceView *MainWindow::viewOf(const ConnectionWorkspace *workspace) const
{
    for (const auto &view : m_views) {
        if (view->workspace == workspace)
            return view.get();
    }
    return nullptr;
}

void MainWindow::showCombinedView()
{
    if (m_views.size() >= 2)
        showEntry(nullptr);
}

void MainWindow::showEntry(WorkspaceView *view)
{
    if (!view && (m_views.size() < 2 || !m_combinedCentral))
        view = m_current; // no combined view with a single connection
    if (!view && !m_current)
        return;
    m_combinedShown = view == nullptr;
    if (view)
        m_current = view;
    m_workspaceStack->setCurrentWidget(m_combinedShown ? m_combinedCentral : m_current->central);
    m_connectionStack->setCurrentWidget(m_current->connectionPane);
    m_subscriptionsStack->setCurrentWidget(m_current->subscriptionsPane);
    m_publishStack->setCurrentWidget(m_current->publishPane);
    m_requestResponseStack->setCurrentWidget(m_current->requestResponsePane);
    m_packetInspectorDock->setCurrentWorkspace(m_current->workspace);
    m_brokerDashboardDock->setCurrentWorkspace(m_current->workspace);
    m_topTalkersDock->setCurrentWorkspace(m_current->workspace);
    updateSwitchers();
    const QSignalBlocker blocker(m_pauseAction);
    m_pauseAction->setChecked(shownLogPane()->isPaused());
    updateStatus();
    Q_EMIT currentWorkspaceChanged(m_current->workspace);
}

MessageLogPane *MainWindow::shownLogPane() const
{
    return m_combinedShown ? m_combinedLogPane : m_current->logPane;
}

void MainWindow::ensureCombined()
{
    if (m_combinedCentral)
        return;
    m_combinedLog = new MessageLogModel(this);
    m_combinedLog->setPreviewDecoder([this](quint16 connection, const QString &topic,
                                            const QByteArray &payload) -> std::optional<QString> {
        for (const auto &view : m_views) {
            if (view->workspace->id() == connection)
                return view->workspace->previewText(topic, payload);
        }
        return std::nullopt;
    });
    m_combinedProxy = new MessageFilterProxyModel(this);
    m_combinedProxy->setSourceModel(m_combinedLog);
    m_combinedTree = new TopicTreeModel(this);
    m_combinedLogPane = new MessageLogPane;
    m_combinedLogPane->setObjectName(QStringLiteral("combinedLogPane"));
    m_combinedLogPane->setModels(m_combinedLog, m_combinedProxy,
                                 MessageLogPane::ConnectionColumn::Shown);
    m_combinedTreePane = new TopicTreePane;
    m_combinedTreePane->setTopicTree(m_combinedTree);
    m_combinedCentral = new CurrentPageStack;
    m_combinedCentral->addWidget(m_combinedLogPane);
    m_combinedCentral->addWidget(m_combinedTreePane);
    m_combinedCentral->setCurrentWidget(m_centralView == CentralView::TopicTree
                                                ? static_cast<QWidget *>(m_combinedTreePane)
                                                : m_combinedLogPane);
    m_workspaceStack->addWidget(m_combinedCentral);
    m_payloadDecoding->setCombinedPanes(m_combinedLogPane, m_combinedTreePane,
                                        [this] { return currentWorkspace(); });
    m_chartDock->setCombinedPanes(
            m_combinedTreePane, m_combinedLogPane, [this] { return currentWorkspace(); },
            [this](quint16 id) -> ConnectionWorkspace * {
                for (ConnectionWorkspace *workspace : workspaces()) {
                    if (workspace->id() == id)
                        return workspace;
                }
                return nullptr;
            });
    m_combinedLogPane->restoreState(QStringLiteral("combinedLog"));
    m_combinedTreePane->restoreState(QStringLiteral("combinedTree"));
    connect(m_combinedLog, &MessageLogModel::countersChanged, this, [this] {
        if (m_combinedShown)
            updateRates();
    });
    connect(m_combinedLogPane, &MessageLogPane::pausedChanged, this, [this](bool paused) {
        if (m_combinedShown)
            m_pauseAction->setChecked(paused);
    });
    // The tree's actions act on the connection the docks show.
    connect(m_combinedTreePane, &TopicTreePane::topicChosenForPublishing, this,
            [this](const QString &topic) {
                m_current->publishPane->setTopic(topic);
                m_publishDock->show();
                m_publishDock->raise();
                m_current->publishPane->setFocus();
            });
}

void MainWindow::updateCombinedFeeds()
{
    const bool combined = m_views.size() >= 2;
    if (combined)
        ensureCombined();
    for (const auto &view : m_views) {
        view->workspace->setCombinedModels(combined ? m_combinedLog : nullptr,
                                           combined ? m_combinedTree : nullptr);
    }
    if (!combined && m_combinedLog) {
        // Back to one connection: the combined view goes, and with it what it held.
        m_combinedLog->clear();
        m_combinedTree->clear();
        m_combinedShown = false;
    }
}

MemoryBudget MainWindow::memoryBudget() const
{
    return MemoryBudget::fromSettings();
}

void MainWindow::rebalanceBudget()
{
    // One budget for the whole window. While the combined log collects (two connections or
    // more) it holds half of it and the connections share the other half, so that the rows
    // held stay within the budget however many connections are open.
    const MemoryBudget budget = memoryBudget();
    const bool combined = m_views.size() >= 2 && m_combinedLog;
    const MemoryBudget forConnections = combined ? budget.share(2) : budget;
    const MemoryBudget share = forConnections.share(int(m_views.size()));
    for (const auto &view : m_views)
        view->workspace->setBudget(share);
    if (combined) {
        const MemoryBudget half = budget.share(2);
        m_combinedLog->setMaximumMessages(half.maximumMessages);
        m_combinedLog->setMaximumBytes(half.maximumBytes);
        m_combinedTree->setMaximumHistoryBytes(half.maximumHistoryBytes);
    }
}

void MainWindow::updateWorkspaceNames()
{
    const auto baseName = [](const WorkspaceView *of) {
        if (!of->workspace->captureFile().isEmpty())
            return RecordingController::workspaceName(of->workspace->captureFile());
        const QString profile = of->connectionPane->currentProfileName();
        if (!profile.isEmpty())
            return profile;
        const ConnectionProfile fields = of->connectionPane->profile();
        return QStringLiteral("%1:%2").arg(fields.host).arg(fields.port);
    };
    for (const auto &view : m_views) {
        const QString base = baseName(view.get());
        bool shared = false;
        for (const auto &other : m_views)
            shared = shared || (other != view && baseName(other.get()) == base);
        QString name = base;
        if (shared) {
            // Two connections with one profile: their addresses tell them apart.
            const Mqtt::Client *client = view->workspace->client();
            const bool active = client->state() != Mqtt::Client::State::Disconnected;
            const ConnectionProfile fields = view->connectionPane->profile();
            name = tr("%1 (%2:%3)")
                           .arg(base, active ? client->currentServer().host : fields.host)
                           .arg(active ? client->currentServer().port : fields.port);
        }
        view->workspace->setName(name);
    }
    updateSwitchers();
    updateStatus();
}

void MainWindow::updateSwitchers()
{
    if (!m_current)
        return;
    const QSignalBlocker tabsBlocker(m_tabs);
    const QSignalBlocker listBlocker(m_list);
    const QSignalBlocker comboBlocker(m_publishTarget);
    const int count = int(m_views.size());
    const bool combined = count >= 2 && m_combinedCentral;
    // Tabs: "All connections" first (when two or more are open), then each connection.
    const int tabCount = count + (combined ? 1 : 0);
    while (m_tabs->count() > tabCount)
        m_tabs->removeTab(m_tabs->count() - 1);
    while (m_tabs->count() < tabCount)
        m_tabs->addTab(QString());
    // A hidden tab bar does not tell the layout that its size changed: tabs added before the
    // window is first shown (--profile a --profile b) would sit in a bar 0 px high.
    m_tabs->updateGeometry();
    m_list->clear();
    m_publishTarget->clear();
    int tab = 0;
    if (combined) {
        m_tabs->setTabText(tab, tr("All connections"));
        m_tabs->setTabIcon(tab, QIcon());
        m_tabs->setTabData(tab, 0);
        m_tabs->setTabToolTip(tab, tr("The messages of every open connection in one log and "
                                      "one tree"));
        m_tabs->setTabButton(tab, QTabBar::RightSide, nullptr); // it cannot be closed
        auto *item = new QListWidgetItem(tr("All connections"), m_list);
        item->setData(Qt::UserRole, 0);
        ++tab;
    }
    for (const auto &view : m_views) {
        const ConnectionWorkspace *workspace = view->workspace;
        const QIcon icon = swatch(workspace->color());
        m_tabs->setTabText(tab, workspace->name());
        m_tabs->setTabIcon(tab, icon);
        m_tabs->setTabData(tab, workspace->id());
        m_tabs->setTabToolTip(tab, workspace->name());
        if (!m_tabs->tabButton(tab, QTabBar::RightSide) && count >= 2) {
            // A tab made while the bar had no close buttons; the bar adds them itself.
            m_tabs->setTabsClosable(false);
            m_tabs->setTabsClosable(true);
        }
        if (QWidget *close = m_tabs->tabButton(tab, QTabBar::RightSide))
            close->setVisible(count >= 2); // the last connection stays
        auto *item = new QListWidgetItem(icon, workspace->name(), m_list);
        item->setData(Qt::UserRole, workspace->id());
        m_publishTarget->addItem(icon, workspace->name(), workspace->id());
        ++tab;
    }
    const int currentIndex =
            int(std::find_if(m_views.begin(), m_views.end(),
                             [this](const auto &view) { return view.get() == m_current; }) -
                m_views.begin());
    const int shownTab = m_combinedShown ? 0 : currentIndex + (combined ? 1 : 0);
    m_tabs->setCurrentIndex(shownTab);
    m_list->setCurrentRow(shownTab);
    m_publishTarget->setCurrentIndex(currentIndex);
    m_closeConnectionAction->setEnabled(count >= 2);
}

void MainWindow::recolor()
{
    for (const auto &view : m_views) {
        view->workspace->setColor(ConnectionWorkspace::paletteColor(view->colorIndex, palette()));
    }
    updateSwitchers();
    updateStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    // A light or dark palette: the connection colours stay readable on it.
    if (event->type() == QEvent::PaletteChange)
        recolor();
    QMainWindow::changeEvent(event);
}

void MainWindow::setConnectionSwitcher(ConnectionSwitcher switcher)
{
    m_switcher = switcher;
    m_tabsRow->setVisible(switcher == ConnectionSwitcher::Tabs);
    m_listDock->setVisible(switcher == ConnectionSwitcher::List);
    if (switcher == ConnectionSwitcher::List) {
        m_listDock->raise();
        // As tall as a few connections need, not a third of the side.
        const int rows = qMax(3, m_list->count());
        const int rowHeight = qMax(m_list->sizeHintForRow(0), fontMetrics().height() + 4);
        resizeDocks({m_listDock}, {rows * rowHeight + 2 * m_list->frameWidth() + 8}, Qt::Vertical);
    }
    const QSignalBlocker tabsBlocker(m_tabsAction);
    const QSignalBlocker listBlocker(m_listAction);
    m_tabsAction->setChecked(switcher == ConnectionSwitcher::Tabs);
    m_listAction->setChecked(switcher == ConnectionSwitcher::List);
}

Mqtt::Client *MainWindow::client() const
{
    return m_current ? m_current->workspace->client() : nullptr;
}

MessageLogModel *MainWindow::messageLog() const
{
    return m_current ? m_current->workspace->messageLog() : nullptr;
}

MessageFilterProxyModel *MainWindow::messageProxy() const
{
    return m_current ? m_current->workspace->messageProxy() : nullptr;
}

TopicTreeModel *MainWindow::topicTree() const
{
    return m_current ? m_current->workspace->topicTree() : nullptr;
}

SubscriptionModel *MainWindow::subscriptions() const
{
    return m_current ? m_current->workspace->subscriptions() : nullptr;
}

RetainedScan *MainWindow::retainedScan() const
{
    return m_current ? m_current->workspace->retainedScan() : nullptr;
}

ConnectionPane *MainWindow::connectionPane() const
{
    return connectionPane(currentWorkspace());
}

SubscriptionsPane *MainWindow::subscriptionsPane() const
{
    return subscriptionsPane(currentWorkspace());
}

MessageLogPane *MainWindow::messageLogPane() const
{
    return messageLogPane(currentWorkspace());
}

PublishPane *MainWindow::publishPane() const
{
    return publishPane(currentWorkspace());
}

PacketInspectorPane *MainWindow::packetInspectorPane() const
{
    return m_current ? m_packetInspectorDock->pane(m_current->workspace) : nullptr;
}

void MainWindow::showScriptConsole()
{
    // Room for the editor and the output under the log.
    DockRaising::bringForward(m_scriptConsoleDock, 380);
    m_scriptConsole->setFocus();
}

RequestResponsePane *MainWindow::requestResponsePane() const
{
    return m_current ? m_current->requestResponsePane : nullptr;
}

TopicTreePane *MainWindow::topicTreePane() const
{
    return m_current ? m_current->topicTreePane : nullptr;
}

ConnectionPane *MainWindow::connectionPane(ConnectionWorkspace *workspace) const
{
    const WorkspaceView *view = viewOf(workspace);
    return view ? view->connectionPane : nullptr;
}

SubscriptionsPane *MainWindow::subscriptionsPane(ConnectionWorkspace *workspace) const
{
    const WorkspaceView *view = viewOf(workspace);
    return view ? view->subscriptionsPane : nullptr;
}

PublishPane *MainWindow::publishPane(ConnectionWorkspace *workspace) const
{
    const WorkspaceView *view = viewOf(workspace);
    return view ? view->publishPane : nullptr;
}

MessageLogPane *MainWindow::messageLogPane(ConnectionWorkspace *workspace) const
{
    const WorkspaceView *view = viewOf(workspace);
    return view ? view->logPane : nullptr;
}

int MainWindow::queuedCount() const
{
    return m_current ? m_current->workspace->queuedCount() : 0;
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_newConnectionAction = fileMenu->addAction(tr("&New connection"));
    m_newConnectionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_newConnectionAction->setStatusTip(
            tr("Open another connection in this window, with its own subscriptions, topic tree "
               "and log"));
    connect(m_newConnectionAction, &QAction::triggered, this, [this] { openConnection(); });
    m_closeConnectionAction = fileMenu->addAction(tr("Close c&onnection"));
    m_closeConnectionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    m_closeConnectionAction->setEnabled(false);
    connect(m_closeConnectionAction, &QAction::triggered, this,
            [this] { closeConnection(currentWorkspace()); });
    fileMenu->addSeparator();
    m_connectAction = fileMenu->addAction(tr("&Connect"));
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_connectAction, &QAction::triggered, this,
            [this] { m_current->connectionPane->connectToBroker(); });
    m_disconnectAction = fileMenu->addAction(tr("&Disconnect"));
    m_disconnectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    connect(m_disconnectAction, &QAction::triggered, this,
            [this] { m_current->connectionPane->disconnectFromBroker(); });
    fileMenu->addSeparator();
    m_exportAction = fileMenu->addAction(tr("&Export log…"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this,
            [this] { shownLogPane()->exportWithDialog(); });
    fileMenu->addSeparator();
    m_recording = new RecordingController(this);
    m_recording->addActions(fileMenu);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *messageMenu = menuBar()->addMenu(tr("&Messages"));
    m_publishAction = messageMenu->addAction(tr("&Publish"));
    m_publishAction->setShortcuts(
            {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(m_publishAction, &QAction::triggered, this,
            [this] { m_current->publishPane->trigger(); });
    m_pauseAction = messageMenu->addAction(tr("P&ause log"));
    m_pauseAction->setCheckable(true);
    // Space pauses too while the log table has focus (see MessageLogPane).
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setToolTip(tr("Pause or resume the log (Space in the log, Ctrl+P)"));
    connect(m_pauseAction, &QAction::triggered, this,
            [this](bool paused) { shownLogPane()->setPaused(paused); });
    m_clearAction = messageMenu->addAction(tr("C&lear log"));
    m_clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_clearAction, &QAction::triggered, this, [this] { shownLogPane()->clear(); });
    messageMenu->addAction(m_collectionsPane->sendAction());

    // These keys act in every widget of the window, whatever a focused text field binds them to.
    auto *shortcuts = new WindowShortcuts(this);
    for (QAction *action : {m_newConnectionAction, m_closeConnectionAction, m_connectAction,
                            m_disconnectAction, m_exportAction, quit, m_publishAction,
                            m_pauseAction, m_clearAction, m_collectionsPane->sendAction()})
        shortcuts->addAction(action);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_connectionDock->toggleViewAction());
    viewMenu->addAction(m_subscriptionsDock->toggleViewAction());
    viewMenu->addAction(m_publishDock->toggleViewAction());
    viewMenu->addAction(m_packetInspectorDock->toggleViewAction());
    viewMenu->addAction(m_brokerDashboardDock->toggleViewAction());
    viewMenu->addAction(m_topTalkersDock->toggleViewAction());
    viewMenu->addAction(m_collectionsDock->toggleViewAction());
    viewMenu->addAction(m_chartDock->toggleViewAction());
    viewMenu->addAction(m_recording->toolBar()->toggleViewAction());
    viewMenu->addSeparator();
    m_treeLayoutAction = viewMenu->addAction(tr("&Topic tree layout"));
    m_treeLayoutAction->setCheckable(true);
    m_treeLayoutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_treeLayoutAction->setStatusTip(
            tr("Show the topic tree in the middle, with the selected topic's value and history "
               "beside it, in place of the message log"));
    connect(m_treeLayoutAction, &QAction::toggled, this, [this](bool tree) {
        setCentralView(tree ? CentralView::TopicTree : CentralView::MessageLog);
    });
    shortcuts->addAction(m_treeLayoutAction);
    viewMenu->addSeparator();
    auto *switchers = new QActionGroup(this);
    m_tabsAction = viewMenu->addAction(tr("Connections as t&abs"));
    m_tabsAction->setStatusTip(tr("List the open connections as tabs above the log"));
    m_listAction = viewMenu->addAction(tr("Connections in a &list"));
    m_listAction->setStatusTip(tr("List the open connections in a dock beside the log"));
    for (QAction *action : {m_tabsAction, m_listAction}) {
        action->setCheckable(true);
        switchers->addAction(action);
    }
    m_tabsAction->setChecked(true);
    connect(m_tabsAction, &QAction::triggered, this,
            [this] { setConnectionSwitcher(ConnectionSwitcher::Tabs); });
    connect(m_listAction, &QAction::triggered, this,
            [this] { setConnectionSwitcher(ConnectionSwitcher::List); });

    QMenu *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    m_requestResponseAction = toolsMenu->addAction(tr("&Request/response…"));
    m_requestResponseAction->setStatusTip(
            tr("Send MQTT 5.0 requests and pair their responses by correlation data"));
    connect(m_requestResponseAction, &QAction::triggered, this, &MainWindow::showRequestResponse);
    QAction *decoding = toolsMenu->addAction(tr("&Payload decoding…"));
    decoding->setStatusTip(tr("Which decoder shows the payloads of which topics, for the "
                              "current connection"));
    connect(decoding, &QAction::triggered, this,
            [this] { m_payloadDecoding->editRules(currentWorkspace()); });
    QAction *scripts = toolsMenu->addAction(tr("&Script console"));
    scripts->setObjectName(QStringLiteral("scriptConsoleAction"));
    scripts->setStatusTip(tr("Run JavaScript that connects, publishes, expects messages and "
                             "tests devices"));
    connect(scripts, &QAction::triggered, this, &MainWindow::showScriptConsole);
    toolsMenu->setToolTipsVisible(true);

    QMenu *settingsMenu = menuBar()->addMenu(tr("&Settings"));
    QMenu *languageMenu = settingsMenu->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(this);
    const QString current = languageSetting();
    // Language names are shown in their own language, so anyone can find theirs.
    const QList<QPair<QString, QString>> choices = {
            {QString(), tr("System default")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
    for (const auto &[code, label] : choices) {
        QAction *action = languageMenu->addAction(label);
        action->setCheckable(true);
        action->setChecked(code == current);
        action->setData(code);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] { chooseLanguage(code); });
    }
    (new ThemeController(this))->addMenu(settingsMenu);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(tr("&About Switchboard"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = helpMenu->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    m_stateLabel = new QLabel(this);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("statusConnectionLabel"));
    m_brokerLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    m_totalsLabel = new QLabel(this);
    m_memoryLabel = new QLabel(this);
    for (QLabel *label : {m_stateLabel, m_connectionLabel, m_brokerLabel, m_rateLabel,
                          m_totalsLabel, m_memoryLabel}) {
        label->setTextFormat(Qt::PlainText);
        label->setContentsMargins(6, 0, 6, 0);
    }
    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addWidget(m_stateLabel);
    statusBar()->addWidget(m_brokerLabel, 1);
    statusBar()->addPermanentWidget(m_rateLabel);
    statusBar()->addPermanentWidget(m_totalsLabel);
    statusBar()->addPermanentWidget(m_memoryLabel);
}

QString MainWindow::statusText() const
{
    return QStringList{m_stateLabel->text(), m_connectionLabel->text(), m_brokerLabel->text(),
                       m_rateLabel->text(),  m_totalsLabel->text(),     m_memoryLabel->text()}
            .join(QStringLiteral(" | "));
}

void MainWindow::subscribeWhenConnected(const QStringList &filters, Mqtt::QoS qos)
{
    if (!m_current)
        return;
    m_current->pendingSubscriptions += filters;
    m_current->pendingQos = qos;
    if (m_current->workspace->client()->state() == Mqtt::Client::State::Connected)
        subscribePending(m_current);
}

void MainWindow::subscribePending(WorkspaceView *view)
{
    const QStringList filters = view->pendingSubscriptions;
    view->pendingSubscriptions.clear();
    for (const QString &filter : filters)
        view->subscriptionsPane->subscribe(filter, view->pendingQos);
}

void MainWindow::onConnected(WorkspaceView *view, bool sessionPresent)
{
    // The list the user sees is the truth: whatever the broker does not hold is asked again.
    const int restored = view->subscriptionsPane->restoreSubscriptions(sessionPresent);
    subscribePending(view);
    view->workspace->recordConnected(sessionPresent, restored);
    if (!m_raisedSubscriptions && view == m_current) {
        // The first connection: subscribing and watching topics is what comes next. Later
        // ones leave the user's tab alone.
        m_raisedSubscriptions = true;
        m_subscriptionsDock->show();
        m_subscriptionsDock->raise();
    }
}

void MainWindow::onStateChanged()
{
    updateWorkspaceNames(); // the address in a shared name is the one in use
}

void MainWindow::updateStatus()
{
    if (!m_current)
        return;
    const Mqtt::Client *client = m_current->workspace->client();
    const Mqtt::Client::State state = client->state();
    const Mqtt::ConnectionOptions options = client->options();
    switch (state) {
    case Mqtt::Client::State::Disconnected:
        m_stateLabel->setText(tr("Disconnected"));
        break;
    case Mqtt::Client::State::Connecting:
    case Mqtt::Client::State::WaitingForConnack:
        m_stateLabel->setText(tr("Connecting…"));
        break;
    case Mqtt::Client::State::Connected:
        // Certificate checks skipped: say so for as long as the connection lasts.
        m_stateLabel->setText(
                options.tls.allowInsecure &&
                                (options.transport == Mqtt::TransportKind::Tls ||
                                 options.transport == Mqtt::TransportKind::SecureWebSocket)
                        ? tr("Connected (insecure)")
                        : tr("Connected"));
        break;
    case Mqtt::Client::State::Disconnecting:
        m_stateLabel->setText(tr("Disconnecting…"));
        break;
    case Mqtt::Client::State::WaitingToReconnect:
        m_stateLabel->setText(m_current->connectionPane->hasConnected()
                                      ? tr("Reconnecting…")
                                      : tr("Could not connect; retrying…"));
        break;
    }
    // Which connection the status and the docks are about, in its colour.
    const ConnectionWorkspace *workspace = m_current->workspace;
    m_connectionLabel->setText(m_views.size() > 1 ? workspace->name() : QString());
    m_connectionLabel->setToolTip(tr("The connection the docks and the composer act on"));
    m_connectionLabel->setStyleSheet(
            m_views.size() > 1 ? QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                                         .arg(workspace->color().name())
                               : QString());
    m_brokerLabel->setText(state == Mqtt::Client::State::Disconnected
                                   ? QString()
                                   : tr("Broker %1:%2")
                                             .arg(client->currentServer().host)
                                             .arg(client->currentServer().port));
    updateActions();
    updateRates();
}

void MainWindow::setCentralView(CentralView view)
{
    if (view == m_centralView)
        return;
    m_centralView = view;
    const bool tree = view == CentralView::TopicTree;
    for (const auto &each : m_views) {
        each->central->setCurrentWidget(tree ? static_cast<QWidget *>(each->topicTreePane)
                                             : each->logPane);
    }
    if (m_combinedCentral) {
        m_combinedCentral->setCurrentWidget(tree ? static_cast<QWidget *>(m_combinedTreePane)
                                                 : m_combinedLogPane);
    }
    // The preset: the tree and its details take the height the composer had (it comes back
    // with the log, or whenever a topic is chosen for publishing), and the side docks give
    // the tree some of their width.
    if (tree) {
        m_publishDockWasVisible = m_publishDock->isVisible();
        m_publishDock->hide();
        // Once the hidden composer's room is given back (the layout settles on the next turn
        // of the event loop); the tabified subscriptions dock shares this width.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_subscriptionsDock}, {qMin(360, width() / 4)}, Qt::Horizontal);
        });
    } else if (m_publishDockWasVisible) {
        m_publishDock->show();
    }
    const QSignalBlocker blocker(m_treeLayoutAction);
    m_treeLayoutAction->setChecked(tree);
}

bool MainWindow::findRetained(const QString &topic)
{
    Mqtt::Error error;
    setCentralView(CentralView::TopicTree);
    TopicTreePane *pane = m_combinedShown ? m_combinedTreePane : m_current->topicTreePane;
    if (!m_current->workspace->retainedScan()->start(topic, &error)) {
        pane->showStatus(tr("Finding retained messages failed: %1").arg(error.text));
        return false;
    }
    pane->showStatus(topic.isEmpty()
                             ? tr("Finding retained messages on the broker…")
                             : tr("Finding retained messages at and below \"%1\"…").arg(topic));
    return true;
}

void MainWindow::updateActions()
{
    const Mqtt::Client *client = m_current->workspace->client();
    const bool idle = client->state() == Mqtt::Client::State::Disconnected;
    // A recording opened offline has no broker.
    m_connectAction->setEnabled(idle && m_current->workspace->captureFile().isEmpty());
    m_disconnectAction->setEnabled(!idle);
    const bool v5 = client->state() == Mqtt::Client::State::Connected &&
                    client->options().version == Mqtt::ProtocolVersion::V5;
    m_requestResponseAction->setEnabled(v5);
    m_requestResponseAction->setToolTip(v5 ? tr("Send requests and pair their responses")
                                           : tr("Needs a connection with MQTT 5.0"));
}

void MainWindow::showRequestResponse()
{
    m_requestResponseDock->show();
    m_requestResponseDock->raise();
    // Room for the list of requests, not only the form (the log keeps the larger part).
    const int wanted = qMin(420, height() / 2);
    if (m_requestResponseDock->height() < wanted)
        resizeDocks({m_requestResponseDock}, {wanted}, Qt::Vertical);
    m_current->requestResponsePane->setFocus();
}

void MainWindow::updateRates()
{
    if (!m_current)
        return;
    const ConnectionWorkspace *workspace = m_current->workspace;
    const QLocale locale;
    // One decimal below 10/s, where a whole number would round a trickle away.
    const auto rate = [&locale](double perSecond) {
        return locale.toString(perSecond, 'f', perSecond < 10 ? 1 : 0);
    };
    m_rateLabel->setText(tr("In %1/s · Out %2/s")
                                 .arg(rate(workspace->receivedRate()), rate(workspace->sentRate())));
    QString totals = tr("Received %1 · Sent %2")
                             .arg(locale.toString(workspace->receivedTotal()),
                                  locale.toString(workspace->sentTotal()));
    const int queued = workspace->queuedCount();
    if (queued > 0)
        totals += QStringLiteral(" · ") + tr("%Ln queued", nullptr, queued);
    m_totalsLabel->setText(totals);
    m_totalsLabel->setToolTip(
            queued == 0 ? QString()
                        : tr("Messages published while not connected wait in the queue and are "
                             "sent when the connection is up"));
    const MessageLogModel *log = m_combinedShown ? m_combinedLog : workspace->messageLog();
    m_memoryLabel->setText(tr("Log: %Ln message(s), %1", nullptr, log->rowCount())
                                   .arg(formatBytes(log->bytesHeld())));
    m_memoryLabel->setToolTip(
            m_views.size() > 1
                    ? tr("Each of the %Ln open connections keeps at most %1 in its log", nullptr,
                         int(m_views.size()))
                              .arg(formatBytes(
                                      memoryBudget().share(int(m_views.size())).maximumBytes))
                    : QString());
}

void MainWindow::showAbout()
{
    QMessageBox::about(
            this, tr("About Switchboard"),
            tr("Switchboard %1\n\nA desktop MQTT client: connect to a broker, watch the topic "
               "tree and a live message log, publish with a chosen QoS and retain flag.\n\n"
               "Speaks MQTT 3.1, 3.1.1 and 5.0 through its own engine. Built with Qt %2.")
                    .arg(QStringLiteral(SWITCHBOARD_VERSION), QString::fromLatin1(qVersion())));
}

QString MainWindow::languageSetting()
{
    return QSettings().value(QLatin1String(LanguageKey)).toString();
}

void MainWindow::setLanguageSetting(const QString &language)
{
    QSettings settings;
    if (language.isEmpty())
        settings.remove(QLatin1String(LanguageKey));
    else
        settings.setValue(QLatin1String(LanguageKey), language);
    settings.sync();
    ProfileStore::restrictToOwner(settings.fileName());
}

void MainWindow::chooseLanguage(const QString &language)
{
    if (language == languageSetting())
        return;
    setLanguageSetting(language);
    QMessageBox::information(this, tr("Language"),
                             tr("The new language takes effect when Switchboard is started "
                                "again."));
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    m_layoutRestored = restoreState(settings.value(QStringLiteral("state")).toByteArray());
    const bool list = settings.value(QStringLiteral("connectionSwitcher")).toString() ==
                      QLatin1String("list");
    settings.endGroup();
    setConnectionSwitcher(list ? ConnectionSwitcher::List : ConnectionSwitcher::Tabs);
    if (settings.value(QStringLiteral("mainWindow/centralView")).toString() ==
        QLatin1String("topicTree")) {
        setCentralView(CentralView::TopicTree);
        m_publishDockWasVisible = true; // the saved state had it hidden by the preset
    }
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("centralView"), centralView() == CentralView::TopicTree
                                                             ? QStringLiteral("topicTree")
                                                             : QStringLiteral("messageLog"));
    settings.setValue(QStringLiteral("connectionSwitcher"), m_switcher == ConnectionSwitcher::List
                                                                    ? QStringLiteral("list")
                                                                    : QStringLiteral("tabs"));
    settings.endGroup();
    settings.sync();
    m_current->logPane->saveState(QStringLiteral("messageLog"));
    m_current->subscriptionsPane->saveState(QStringLiteral("subscriptions"));
    m_current->topicTreePane->saveState(QStringLiteral("topicTree"));
    if (m_combinedLogPane) {
        m_combinedLogPane->saveState(QStringLiteral("combinedLog"));
        m_combinedTreePane->saveState(QStringLiteral("combinedTree"));
    }
    // The panes have written and synced their own QSettings by now: owner-only, like profiles.
    QSettings written;
    written.sync();
    ProfileStore::restrictToOwner(written.fileName());
}

void MainWindow::saveSession() const
{
    SavedSession session;
    for (const auto &view : m_views) {
        if (!view->workspace->captureFile().isEmpty())
            continue; // a recording is opened again from its file, not from the session
        if (view.get() == m_current)
            session.current = int(session.connections.size());
        SavedSession::Connection connection;
        const ConnectionProfile fields = view->connectionPane->profile();
        const Mqtt::Client::State state = view->workspace->client()->state();
        connection.profile = fields.name;
        connection.host = fields.host;
        connection.port = fields.port;
        // Reconnecting counts: the connection was wanted when the window closed.
        connection.connected = state != Mqtt::Client::State::Disconnected &&
                               state != Mqtt::Client::State::Disconnecting;
        const SubscriptionModel *subscriptions = view->workspace->subscriptions();
        for (int row = 0; row < subscriptions->rowCount(); ++row) {
            const SubscriptionModel::Subscription s = subscriptions->subscription(row);
            SavedSession::Subscription saved;
            saved.topic.filter = s.filter;
            saved.topic.qos = s.requestedQos;
            saved.topic.noLocal = s.noLocal;
            saved.topic.retainAsPublished = s.retainAsPublished;
            saved.topic.retainHandling = s.retainHandling;
            saved.identifier = s.subscriptionIdentifier;
            saved.color = s.color;
            saved.muted = s.muted;
            connection.subscriptions << saved;
        }
        session.connections << connection;
    }
    session.combinedShown = m_combinedShown;
    QSettings settings;
    session.write(settings);
    settings.sync();
}

bool MainWindow::restoreSession()
{
    QSettings settings;
    const SavedSession session = SavedSession::read(settings);
    std::vector<WorkspaceView *> opened;
    for (const SavedSession::Connection &connection : session.connections) {
        WorkspaceView *view = viewOf(openConnection(connection.profile));
        opened.push_back(view);
        ConnectionPane *pane = view->connectionPane;
        // Fields typed without saving the profile (or given on the command line).
        if (!connection.host.isEmpty() && connection.host != pane->profile().host)
            pane->setHost(connection.host);
        if (connection.port != 0 && connection.port != pane->profile().port)
            pane->setPort(connection.port);
        SubscriptionModel *subscriptions = view->workspace->subscriptions();
        for (const SavedSession::Subscription &saved : connection.subscriptions) {
            const Mqtt::SubscribeTopic &topic = saved.topic;
            subscriptions->addSubscription(topic, saved.identifier, saved.color);
            // As after a disconnect: listed, and asked for again when the connection is up.
            subscriptions->applyAcknowledgement(
                    {Mqtt::SubscribeResult(topic.filter, Mqtt::ReasonCode(quint8(topic.qos)))});
            subscriptions->setMuted(topic.filter, saved.muted);
        }
        if (connection.connected && pane->profile().connectAtStart)
            pane->connectWhenSecretsRead(); // the password comes from the keychain
    }
    if (opened.empty())
        return false;
    showEntry(opened[size_t(session.current)]);
    if (session.combinedShown)
        showCombinedView();
    return true;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_composerFitted)
        return;
    m_composerFitted = true;
    if (m_layoutRestored)
        return; // the user's own sizes
    // A new window, at the size it is shown at: the publish dock tall enough for the whole
    // composer down to its Publish button (in the language's font), its payload box growing
    // towards its preferred size while the dock takes at most a third of the window; the log
    // above keeps the rest. On a screen too short for both the composer scrolls.
    // (The dock's own size hint is no guide: the scroll area it holds hints at a few lines.)
    const auto *scroll = qobject_cast<QScrollArea *>(m_publishDock->widget());
    if (!scroll || !scroll->widget() || !m_publishDock->isVisible())
        return;
    const int chrome = m_publishDock->height() - scroll->viewport()->height(); // title, frame
    const int whole = scroll->widget()->minimumSizeHint().height() + chrome;
    const int preferred = scroll->widget()->sizeHint().height() + chrome;
    resizeDocks({m_publishDock}, {qBound(whole, height() / 3, qMax(whole, preferred))},
                Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    saveSession();
    for (const auto &view : m_views) {
        view->publishPane->stopRepeating();
        Mqtt::Client *client = view->workspace->client();
        if (client->state() != Mqtt::Client::State::Disconnected)
            client->disconnectFromHost();
    }
    QMainWindow::closeEvent(event);
}
