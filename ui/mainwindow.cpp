// SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "connectionpane.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "profilestore.h"
#include "publishpane.h"
#include "requestresponsepane.h"
#include "retainedscan.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "topictreemodel.h"
#include "topictreepane.h"
#include "windowshortcuts.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTime>

namespace {

const char LanguageKey[] = "settings/language";

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

MainWindow::MainWindow(ProfileStore *profiles, SecretStore *secrets, QWidget *parent)
    : QMainWindow(parent), m_profiles(profiles), m_secrets(secrets)
{
    setWindowTitle(tr("Switchboard"));
    setObjectName(QStringLiteral("MainWindow"));
    if (!m_profiles)
        m_profiles = new ProfileStore(this);
    if (!m_secrets)
        m_secrets = new SecretStore(this);
    m_client = new Mqtt::Client(this);

    createModels();
    createPanes();
    createMenus();
    createStatusBar();

    connect(m_client, &Mqtt::Client::stateChanged, this, &MainWindow::onStateChanged);
    connect(m_client, &Mqtt::Client::messageReceived, this, &MainWindow::onMessageReceived);
    connect(m_client, &Mqtt::Client::publishAcknowledged, this, &MainWindow::onPublishAnswered);
    connect(m_client, &Mqtt::Client::messagePublished, this, [this](quint64 token) {
        const auto queued = m_queuedTokens.constFind(token);
        if (queued == m_queuedTokens.constEnd())
            return;
        // QoS 1/2 answers come with publishAcknowledged(); a QoS 0 message has only left.
        if (queued.value() == Mqtt::QoS::AtMostOnce)
            m_log->setBrokerAnswer(token, tr("sent after waiting for the connection"));
        m_queuedTokens.erase(queued);
        ++m_sentTotal;
        updateRates();
    });
    connect(m_client, &Mqtt::Client::messageRefused, this,
            [this](quint64 token, const Mqtt::Error &error) {
                if (m_queuedTokens.remove(token))
                    updateRates();
                m_log->setBrokerAnswer(
                        token, error.reasonCode == 0
                                       ? error.text
                                       : tr("%1 (0x%2)")
                                                 .arg(error.text)
                                                 .arg(error.reasonCode, 2, 16, QLatin1Char('0')));
            });
    // After connected(), not on stateChanged(Connected): the client has then finished starting
    // its session, so a SUBSCRIBE sent now is not sent a second time by that start.
    connect(m_client, &Mqtt::Client::connected, this, &MainWindow::onConnected);

    m_rateClock.start();
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &MainWindow::sampleRates);
    m_rateTimer.start();
    sampleRates();

    // The default size, within a small screen.
    const QRect screenArea = screen()->availableGeometry();
    resize(qMin(1360, screenArea.width()), qMin(860, screenArea.height()));
    // The side docks take at most 30% of a small screen: the log keeps room for payloads.
    resizeDocks({m_connectionDock}, {qMin(420, width() * 3 / 10)}, Qt::Horizontal);
    restoreLayout();
    onStateChanged(m_client->state());
}

MainWindow::~MainWindow()
{
    // The proxy follows the subscription model; cut that before children are destroyed in
    // creation order (the log goes first).
    m_proxy->setSubscriptionModel(nullptr);
    m_client->disconnect(this);
}

void MainWindow::createModels()
{
    m_log = new MessageLogModel(this);
    m_topics = new TopicTreeModel(this);
    m_subscriptions = new SubscriptionModel(this);
    m_proxy = new MessageFilterProxyModel(this);
    m_proxy->setSourceModel(m_log);
    m_proxy->setSubscriptionModel(m_subscriptions);
    connect(m_log, &MessageLogModel::countersChanged, this, &MainWindow::updateRates);
}

void MainWindow::createPanes()
{
    m_logPane = new MessageLogPane(this);
    m_logPane->setModels(m_log, m_proxy);
    m_topicTreePane = new TopicTreePane(this);
    m_topicTreePane->setTopicTree(m_topics);
    m_central = new QStackedWidget(this);
    m_central->setObjectName(QStringLiteral("centralStack"));
    m_central->addWidget(m_logPane);
    m_central->addWidget(m_topicTreePane);
    setCentralWidget(m_central);
    m_retainedScan = new RetainedScan(m_client, this);

    m_connectionPane = new ConnectionPane(this);
    m_connectionPane->setClient(m_client);
    m_connectionPane->setStores(m_profiles, m_secrets);

    m_subscriptionsPane = new SubscriptionsPane(this);
    m_subscriptionsPane->setClient(m_client);
    m_subscriptionsPane->setModels(m_subscriptions, m_topics, m_proxy);

    m_publishPane = new PublishPane(this);
    m_publishPane->setClient(m_client);

    m_requestResponsePane = new RequestResponsePane(this);
    m_requestResponsePane->setClient(m_client);
    connect(m_requestResponsePane, &RequestResponsePane::messagePublished, this,
            &MainWindow::onMessagePublishedByUser);

    connect(m_publishPane, &PublishPane::messagePublished, this,
            &MainWindow::onMessagePublishedByUser);
    connect(m_subscriptionsPane, &SubscriptionsPane::messagePublished, this,
            &MainWindow::onMessagePublishedByUser);
    const auto publishTo = [this](const QString &topic) {
        m_publishPane->setTopic(topic);
        m_publishDock->show();
        m_publishDock->raise();
        m_publishPane->setFocus();
    };
    connect(m_subscriptionsPane, &SubscriptionsPane::topicChosenForPublishing, this, publishTo);
    connect(m_topicTreePane, &TopicTreePane::topicChosenForPublishing, this, publishTo);

    // Retained messages: found by a brief subscription, cleared after a dry run.
    connect(m_subscriptionsPane, &SubscriptionsPane::findRetainedRequested, this,
            &MainWindow::findRetained);
    connect(m_topicTreePane, &TopicTreePane::findRetainedRequested, this, &MainWindow::findRetained);
    connect(m_topicTreePane, &TopicTreePane::clearRetainedRequested, this,
            [this](const QString &topic) {
                m_subscriptionsPane->clearRetained(topic, SubscriptionsPane::RetainedScope::Topic);
            });
    connect(m_topicTreePane, &TopicTreePane::clearRetainedBelowRequested, this,
            [this](const QString &topic) {
                m_topics->flush(); // what arrived a moment ago counts too
                m_subscriptionsPane->clearRetained(topic, SubscriptionsPane::RetainedScope::Subtree);
            });
    connect(m_subscriptionsPane, &SubscriptionsPane::retainedCleared, this,
            [this](const QString &topic, int count) {
                const QString text =
                        topic.isEmpty() ? tr("Cleared %Ln retained message(s)", nullptr, count)
                                        : tr("Cleared %Ln retained message(s) at and below \"%1\"",
                                             nullptr, count)
                                                  .arg(topic);
                m_topicTreePane->showStatus(text);
                statusBar()->showMessage(text, 5000);
            });
    connect(m_retainedScan, &RetainedScan::finished, this, [this](const QStringList &topics) {
        m_topics->flush();
        const QString topic = m_retainedScan->topic();
        const QString text = topic.isEmpty()
                                     ? tr("Found %Ln retained message(s) on the broker", nullptr,
                                          int(topics.size()))
                                     : tr("Found %Ln retained message(s) at and below \"%1\"",
                                          nullptr, int(topics.size()))
                                               .arg(topic);
        m_topicTreePane->showStatus(text);
        statusBar()->showMessage(text, 5000);
    });
    connect(m_retainedScan, &RetainedScan::failed, this, [this](const QString &reason) {
        m_topicTreePane->showStatus(tr("Finding retained messages failed: %1").arg(reason));
    });

    auto makeDock = [this](QWidget *pane, const QString &title, const QString &name) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(pane);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                          QDockWidget::DockWidgetClosable);
        return dock;
    };
    // The pane scrolls its form itself and keeps Connect / Disconnect in view below it.
    m_connectionDock = makeDock(m_connectionPane, tr("Connection"), QStringLiteral("connection"));
    m_subscriptionsDock = makeDock(m_subscriptionsPane, tr("Subscriptions and topics"),
                                   QStringLiteral("subscriptions"));
    m_publishDock = makeDock(m_publishPane, tr("Publish"), QStringLiteral("publish"));
    m_requestResponseDock = makeDock(m_requestResponsePane, tr("Request/response"),
                                     QStringLiteral("requestResponse"));
    addDockWidget(Qt::LeftDockWidgetArea, m_connectionDock);
    addDockWidget(Qt::LeftDockWidgetArea, m_subscriptionsDock);
    // The left docks run the full height; the composer sits under the log.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_publishDock);
    // Opened from Tools: beside the composer, hidden until asked for.
    addDockWidget(Qt::BottomDockWidgetArea, m_requestResponseDock);
    tabifyDockWidget(m_publishDock, m_requestResponseDock);
    m_requestResponseDock->hide();
    m_publishDock->raise();
    tabifyDockWidget(m_connectionDock, m_subscriptionsDock);
    m_connectionDock->raise();
    resizeDocks({m_publishDock}, {230}, Qt::Vertical);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_connectAction = fileMenu->addAction(tr("&Connect"));
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_connectAction, &QAction::triggered, this,
            [this] { m_connectionPane->connectToBroker(); });
    m_disconnectAction = fileMenu->addAction(tr("&Disconnect"));
    m_disconnectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    connect(m_disconnectAction, &QAction::triggered, this,
            [this] { m_connectionPane->disconnectFromBroker(); });
    fileMenu->addSeparator();
    m_exportAction = fileMenu->addAction(tr("&Export log…"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, m_logPane, &MessageLogPane::exportWithDialog);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *messageMenu = menuBar()->addMenu(tr("&Messages"));
    m_publishAction = messageMenu->addAction(tr("&Publish"));
    m_publishAction->setShortcuts(
            {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(m_publishAction, &QAction::triggered, m_publishPane, &PublishPane::trigger);
    m_pauseAction = messageMenu->addAction(tr("P&ause log"));
    m_pauseAction->setCheckable(true);
    // Space pauses too while the log table has focus (see MessageLogPane).
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setToolTip(tr("Pause or resume the log (Space in the log, Ctrl+P)"));
    connect(m_pauseAction, &QAction::triggered, m_logPane, &MessageLogPane::setPaused);
    connect(m_logPane, &MessageLogPane::pausedChanged, m_pauseAction, &QAction::setChecked);
    m_clearAction = messageMenu->addAction(tr("C&lear log"));
    m_clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_clearAction, &QAction::triggered, m_logPane, &MessageLogPane::clear);

    // These keys act in every widget of the window, whatever a focused text field binds them to.
    auto *shortcuts = new WindowShortcuts(this);
    for (QAction *action : {m_connectAction, m_disconnectAction, m_exportAction, quit,
                            m_publishAction, m_pauseAction, m_clearAction})
        shortcuts->addAction(action);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_connectionDock->toggleViewAction());
    viewMenu->addAction(m_subscriptionsDock->toggleViewAction());
    viewMenu->addAction(m_publishDock->toggleViewAction());
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

    QMenu *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    m_requestResponseAction = toolsMenu->addAction(tr("&Request/response…"));
    m_requestResponseAction->setStatusTip(
            tr("Send MQTT 5.0 requests and pair their responses by correlation data"));
    connect(m_requestResponseAction, &QAction::triggered, this, &MainWindow::showRequestResponse);
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
    m_brokerLabel = new QLabel(this);
    m_rateLabel = new QLabel(this);
    m_totalsLabel = new QLabel(this);
    m_memoryLabel = new QLabel(this);
    for (QLabel *label : {m_stateLabel, m_brokerLabel, m_rateLabel, m_totalsLabel, m_memoryLabel}) {
        label->setTextFormat(Qt::PlainText);
        label->setContentsMargins(6, 0, 6, 0);
    }
    statusBar()->addWidget(m_stateLabel);
    statusBar()->addWidget(m_brokerLabel, 1);
    statusBar()->addPermanentWidget(m_rateLabel);
    statusBar()->addPermanentWidget(m_totalsLabel);
    statusBar()->addPermanentWidget(m_memoryLabel);
    updateRates();
}

QString MainWindow::statusText() const
{
    return QStringList{m_stateLabel->text(), m_brokerLabel->text(), m_rateLabel->text(),
                       m_totalsLabel->text(), m_memoryLabel->text()}
            .join(QStringLiteral(" | "));
}

void MainWindow::subscribeWhenConnected(const QStringList &filters, Mqtt::QoS qos)
{
    m_pendingSubscriptions += filters;
    m_pendingSubscriptionQos = qos;
    if (m_client->state() == Mqtt::Client::State::Connected)
        subscribePending();
}

void MainWindow::subscribePending()
{
    const QStringList filters = m_pendingSubscriptions;
    m_pendingSubscriptions.clear();
    for (const QString &filter : filters)
        m_subscriptionsPane->subscribe(filter, m_pendingSubscriptionQos);
}

void MainWindow::onConnected(bool sessionPresent)
{
    // The list the user sees is the truth: whatever the broker does not hold is asked again.
    const int restored = m_subscriptionsPane->restoreSubscriptions(sessionPresent);
    subscribePending();
    if (m_lostAtMs != 0) {
        const QString lost =
                QDateTime::fromMSecsSinceEpoch(m_lostAtMs).toString(QStringLiteral("HH:mm:ss"));
        const QString back = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
        m_log->appendEvent(
                sessionPresent
                        ? tr("Connection lost %1 — reconnected %2, session resumed").arg(lost, back)
                        : tr("Connection lost %1 — reconnected %2, %Ln subscription(s) "
                             "restored",
                             nullptr, restored)
                                  .arg(lost, back));
        m_lostAtMs = 0;
    }
    if (!m_raisedSubscriptions) {
        // The first connection: subscribing and watching topics is what comes next. Later
        // ones leave the user's tab alone.
        m_raisedSubscriptions = true;
        m_subscriptionsDock->show();
        m_subscriptionsDock->raise();
    }
}

void MainWindow::onStateChanged(Mqtt::Client::State state)
{
    const Mqtt::ConnectionOptions options = m_client->options();
    const bool lost = m_lastState == Mqtt::Client::State::Connected &&
                      (state == Mqtt::Client::State::WaitingToReconnect ||
                       state == Mqtt::Client::State::Disconnected);
    if (lost) {
        m_lostAtMs = QDateTime::currentMSecsSinceEpoch();
        const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
        const QString reason = m_client->lastError().text;
        QString text = reason.isEmpty() ? tr("Connection lost %1").arg(time)
                                        : tr("Connection lost %1: %2").arg(time, reason);
        if (state == Mqtt::Client::State::WaitingToReconnect)
            text = tr("%1; reconnecting…").arg(text);
        m_log->appendEvent(text);
    } else if (state == Mqtt::Client::State::Disconnecting) {
        m_lostAtMs = 0; // the user ended it: nothing was lost
    }
    m_lastState = state;
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
        m_stateLabel->setText(m_connectionPane->hasConnected()
                                      ? tr("Reconnecting…")
                                      : tr("Could not connect; retrying…"));
        break;
    }
    m_brokerLabel->setText(state == Mqtt::Client::State::Disconnected
                                   ? QString()
                                   : tr("Broker %1:%2").arg(options.host).arg(options.port));
    updateActions();
    updateRates();
}

MainWindow::CentralView MainWindow::centralView() const
{
    return m_central->currentWidget() == m_topicTreePane ? CentralView::TopicTree
                                                         : CentralView::MessageLog;
}

void MainWindow::setCentralView(CentralView view)
{
    if (view == centralView())
        return;
    m_central->setCurrentWidget(
            view == CentralView::TopicTree ? static_cast<QWidget *>(m_topicTreePane) : m_logPane);
    // The preset: the tree and its details take the height the composer had (it comes back
    // with the log, or whenever a topic is chosen for publishing), and the side docks give
    // the tree some of their width.
    if (view == CentralView::TopicTree) {
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
    m_treeLayoutAction->setChecked(view == CentralView::TopicTree);
}

bool MainWindow::findRetained(const QString &topic)
{
    Mqtt::Error error;
    setCentralView(CentralView::TopicTree);
    if (!m_retainedScan->start(topic, &error)) {
        m_topicTreePane->showStatus(tr("Finding retained messages failed: %1").arg(error.text));
        return false;
    }
    m_topicTreePane->showStatus(
            topic.isEmpty() ? tr("Finding retained messages on the broker…")
                            : tr("Finding retained messages at and below \"%1\"…").arg(topic));
    return true;
}

void MainWindow::updateActions()
{
    const bool idle = m_client->state() == Mqtt::Client::State::Disconnected;
    m_connectAction->setEnabled(idle);
    m_disconnectAction->setEnabled(!idle);
    const bool v5 = m_client->state() == Mqtt::Client::State::Connected &&
                    m_client->options().version == Mqtt::ProtocolVersion::V5;
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
    m_requestResponsePane->setFocus();
}

void MainWindow::onMessageReceived(const Mqtt::Message &message)
{
    ++m_receivedTotal;
    m_log->append(message, MessageLogModel::Direction::Incoming);
    m_topics->append(message);
    m_subscriptions->countMessage(message.topic);
    m_publishPane->addKnownTopic(message.topic);
}

void MainWindow::onMessagePublishedByUser(const Mqtt::Message &message, quint64 token)
{
    m_publishPane->addKnownTopic(message.topic);
    if (m_client->state() != Mqtt::Client::State::Connected) {
        // It waits in the client's queue: say so until it leaves.
        m_queuedTokens.insert(token, message.qos);
        m_log->appendPublished(message, token);
        m_log->setBrokerAnswer(token, tr("queued: waiting for the connection"));
        updateRates();
        return;
    }
    ++m_sentTotal;
    if (message.qos == Mqtt::QoS::AtMostOnce)
        m_log->append(message, MessageLogModel::Direction::Outgoing);
    else
        m_log->appendPublished(message, token);
}

void MainWindow::onPublishAnswered(quint64 token, Mqtt::ReasonCode reasonCode,
                                   const QString &reasonString)
{
    // 3.1.1 acknowledgements carry no reason code.
    if (m_client->options().version != Mqtt::ProtocolVersion::V5) {
        m_log->setBrokerAnswer(token, tr("acknowledged"));
        return;
    }
    QString answer = tr("%1 (0x%2)")
                             .arg(Mqtt::reasonCodeText(reasonCode))
                             .arg(quint8(reasonCode), 2, 16, QLatin1Char('0'));
    if (!reasonString.isEmpty())
        answer = tr("%1: %2").arg(answer, reasonString);
    m_log->setBrokerAnswer(token, answer);
}

void MainWindow::sampleRates()
{
    // Rates over the last five seconds: one message a second reads 1.0/s, not 0 or 1 by turns.
    constexpr qint64 Window = 5000;
    const qint64 now = m_rateClock.elapsed();
    m_rateSamples.push_back({now, m_receivedTotal, m_sentTotal});
    while (m_rateSamples.size() > 2 && now - m_rateSamples.front().atMs > Window)
        m_rateSamples.pop_front();
    const RateSample &first = m_rateSamples.front();
    const qint64 span = now - first.atMs;
    m_receivedRate = span > 0 ? (m_receivedTotal - first.received) * 1000.0 / span : 0;
    m_sentRate = span > 0 ? (m_sentTotal - first.sent) * 1000.0 / span : 0;
    updateRates();
}

void MainWindow::updateRates()
{
    const QLocale locale;
    // One decimal below 10/s, where a whole number would round a trickle away.
    const auto rate = [&locale](double perSecond) {
        return locale.toString(perSecond, 'f', perSecond < 10 ? 1 : 0);
    };
    m_rateLabel->setText(tr("In %1/s · Out %2/s").arg(rate(m_receivedRate), rate(m_sentRate)));
    QString totals = tr("Received %1 · Sent %2")
                             .arg(locale.toString(m_receivedTotal), locale.toString(m_sentTotal));
    if (!m_queuedTokens.isEmpty())
        totals += QStringLiteral(" · ") + tr("%Ln queued", nullptr, int(m_queuedTokens.size()));
    m_totalsLabel->setText(totals);
    m_totalsLabel->setToolTip(
            m_queuedTokens.isEmpty()
                    ? QString()
                    : tr("Messages published while not connected wait in the queue and are "
                         "sent when the connection is up"));
    m_memoryLabel->setText(tr("Log: %Ln message(s), %1", nullptr, m_log->rowCount())
                                   .arg(formatBytes(m_log->bytesHeld())));
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
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    settings.endGroup();
    m_logPane->restoreState(QStringLiteral("messageLog"));
    m_subscriptionsPane->restoreState(QStringLiteral("subscriptions"));
    m_topicTreePane->restoreState(QStringLiteral("topicTree"));
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
    settings.endGroup();
    settings.sync();
    m_logPane->saveState(QStringLiteral("messageLog"));
    m_subscriptionsPane->saveState(QStringLiteral("subscriptions"));
    m_topicTreePane->saveState(QStringLiteral("topicTree"));
    // The panes have written and synced their own QSettings by now: owner-only, like profiles.
    QSettings written;
    written.sync();
    ProfileStore::restrictToOwner(written.fileName());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_publishPane->stopRepeating();
    if (m_client->state() != Mqtt::Client::State::Disconnected)
        m_client->disconnectFromHost();
    QMainWindow::closeEvent(event);
}
