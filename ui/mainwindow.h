// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMainWindow>
#include <QTimer>

#include <deque>

class ConnectionPane;
class MessageFilterProxyModel;
class MessageLogModel;
class MessageLogPane;
class ProfileStore;
class PublishPane;
class QAction;
class QDockWidget;
class QLabel;
class QStackedWidget;
class RequestResponsePane;
class RetainedScan;
class SecretStore;
class SubscriptionModel;
class SubscriptionsPane;
class TopicTreeModel;
class TopicTreePane;

// The main window: the message log in the middle, the connection, subscriptions/topic tree and
// publish panes in docks around it, menus, and a status bar with the connection and the rates.
// It owns the client and the models and wires them to the panes.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // profiles/secrets: injected (not owned; they must outlive the window), or nullptr for the
    // window to create its own.
    explicit MainWindow(ProfileStore *profiles = nullptr, SecretStore *secrets = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    Mqtt::Client *client() const { return m_client; }
    MessageLogModel *messageLog() const { return m_log; }
    MessageFilterProxyModel *messageProxy() const { return m_proxy; }
    TopicTreeModel *topicTree() const { return m_topics; }
    SubscriptionModel *subscriptions() const { return m_subscriptions; }

    ConnectionPane *connectionPane() const { return m_connectionPane; }
    SubscriptionsPane *subscriptionsPane() const { return m_subscriptionsPane; }
    MessageLogPane *messageLogPane() const { return m_logPane; }
    PublishPane *publishPane() const { return m_publishPane; }
    RequestResponsePane *requestResponsePane() const { return m_requestResponsePane; }
    TopicTreePane *topicTreePane() const { return m_topicTreePane; }

    // What the middle of the window shows: the message log, or the topic tree with the
    // selected topic's details (View → Topic tree layout).
    enum class CentralView { MessageLog, TopicTree };
    Q_ENUM(CentralView)
    CentralView centralView() const;
    void setCentralView(CentralView view);
    QAction *topicTreeLayoutAction() const { return m_treeLayoutAction; }

    // Subscribes to the topic and below for a moment and marks the topics that hold a
    // retained message; the result is said in the tree pane and the status bar.
    bool findRetained(const QString &topic);
    RetainedScan *retainedScan() const { return m_retainedScan; }
    // Tools → Request/response…: enabled while connected with MQTT 5.0.
    QAction *requestResponseAction() const { return m_requestResponseAction; }
    void showRequestResponse();

    // Filters subscribed to as soon as the next connection is up (command line --subscribe).
    void subscribeWhenConnected(const QStringList &filters, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce);

    QString statusText() const; // the status bar's texts joined, for tests
    // Messages published from this window that wait for a connection.
    int queuedCount() const { return int(m_queuedTokens.size()); }

    // Language chosen in the settings: empty follows the system locale.
    static QString languageSetting();
    static void setLanguageSetting(const QString &language);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createModels();
    void createPanes();
    void createMenus();
    void createStatusBar();
    void restoreLayout();
    void saveLayout() const;
    void onStateChanged(Mqtt::Client::State state);
    // A connection came up: subscriptions restored, outage marked in the log.
    void onConnected(bool sessionPresent);
    void subscribePending();
    void onMessageReceived(const Mqtt::Message &message);
    void onMessagePublishedByUser(const Mqtt::Message &message, quint64 token);
    // The broker's answer to a message published from this window, for the log.
    void onPublishAnswered(quint64 token, Mqtt::ReasonCode reasonCode, const QString &reasonString);
    // Takes a sample of the totals (every second) for the rates over a sliding window.
    void sampleRates();
    void updateRates(); // the status bar's rates, totals and log memory
    void updateActions();
    void showAbout();
    void chooseLanguage(const QString &language);

    Mqtt::Client *m_client = nullptr;
    ProfileStore *m_profiles = nullptr;
    SecretStore *m_secrets = nullptr;
    MessageLogModel *m_log = nullptr;
    MessageFilterProxyModel *m_proxy = nullptr;
    TopicTreeModel *m_topics = nullptr;
    SubscriptionModel *m_subscriptions = nullptr;

    ConnectionPane *m_connectionPane = nullptr;
    SubscriptionsPane *m_subscriptionsPane = nullptr;
    MessageLogPane *m_logPane = nullptr;
    PublishPane *m_publishPane = nullptr;
    RequestResponsePane *m_requestResponsePane = nullptr;
    TopicTreePane *m_topicTreePane = nullptr;
    QStackedWidget *m_central = nullptr;
    RetainedScan *m_retainedScan = nullptr;
    QDockWidget *m_connectionDock = nullptr;
    QDockWidget *m_subscriptionsDock = nullptr;
    QDockWidget *m_publishDock = nullptr;
    QDockWidget *m_requestResponseDock = nullptr;

    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_publishAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_requestResponseAction = nullptr;
    QAction *m_treeLayoutAction = nullptr;

    QLabel *m_stateLabel = nullptr;
    QLabel *m_brokerLabel = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QLabel *m_memoryLabel = nullptr;

    QStringList m_pendingSubscriptions;
    Mqtt::QoS m_pendingSubscriptionQos = Mqtt::QoS::AtMostOnce;

    Mqtt::Client::State m_lastState = Mqtt::Client::State::Disconnected;
    bool m_publishDockWasVisible = true; // before the topic tree layout hid it
    bool m_raisedSubscriptions = false; // only the first connection brings that tab forward
    qint64 m_lostAtMs = 0; // when the connection was lost, until it is back (0: not lost)
    // Messages published while not connected, by token, with their QoS: shown as queued
    // until the client reports them sent.
    QHash<quint64, Mqtt::QoS> m_queuedTokens;

    struct RateSample
    {
        qint64 atMs = 0;
        qint64 received = 0;
        qint64 sent = 0;
    };
    QTimer m_rateTimer;
    QElapsedTimer m_rateClock;
    std::deque<RateSample> m_rateSamples; // the last few seconds
    qint64 m_receivedTotal = 0;
    qint64 m_sentTotal = 0;
    double m_receivedRate = 0;
    double m_sentRate = 0;
};
