// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"
#include "message.h"
#include "protocol.h"
#include "subscription.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class MessageFilterProxyModel;
class QModelIndex;
class QPoint;
class SubscriptionModel;
class TopicTreeModel;

namespace Ui {
class SubscriptionsPane;
}

// Subscriptions (add with a QoS, granted QoS or refusal, counts, colour, mute, unsubscribe) and
// beneath them the topic tree, whose selection narrows the log to a subtree.
class SubscriptionsPane : public QWidget
{
    Q_OBJECT
public:
    enum class RetainedScope { Topic, Subtree };
    Q_ENUM(RetainedScope)
    enum class Confirmation { Ask, DontAsk };
    Q_ENUM(Confirmation)

    explicit SubscriptionsPane(QWidget *parent = nullptr);
    ~SubscriptionsPane() override;

    void setClient(Mqtt::Client *client);
    void setModels(SubscriptionModel *subscriptions, TopicTreeModel *topics,
                   MessageFilterProxyModel *proxy);

    // Validates and subscribes; false (with the reason shown) when refused before sending.
    bool subscribe(const QString &filter, Mqtt::QoS qos);
    // The same with 5.0 subscription options and a Subscription Identifier (0: none).
    bool subscribe(const Mqtt::SubscribeTopic &topic, quint32 subscriptionIdentifier);
    // The identifier "automatic" picks: one more than the largest in use.
    quint32 nextSubscriptionIdentifier() const;
    void unsubscribe(const QString &filter);
    // A connection came up: subscribes again to every listed filter (muted ones too, with its
    // options) that neither the broker's session nor the client's own resubscription holds.
    // Returns how many listed subscriptions are on their way back to the broker.
    int restoreSubscriptions(bool sessionPresent);
    QString errorText() const;

    // Publishes an empty retained message to the topic, or to every retained topic at and
    // below it; returns how many were sent. With Ask, the subtree's exact topics are listed
    // first (a dry run, ClearRetainedDialog) and cleared when the user agrees: that returns 0
    // and retainedCleared() follows.
    int clearRetained(const QString &topic, RetainedScope scope,
                      Confirmation confirmation = Confirmation::Ask);
    // Selects a topic in the tree (the log then shows that subtree); empty shows everything.
    void selectTopic(const QString &topic);

    void saveState(const QString &settingsGroup) const;
    void restoreState(const QString &settingsGroup);

Q_SIGNALS:
    // A message the pane published (clearing retained messages), for the log.
    // token: the client's token for the message (its answer comes with that token).
    void messagePublished(const Mqtt::Message &message, quint64 token);
    // The user wants to publish to this topic (context menu of the tree).
    void topicChosenForPublishing(const QString &topic);
    // "Decode as…" in a topic's context menu.
    void decodeAsRequested(const QString &topic);
    // The user wants the retained messages at and below the topic found (context menu).
    void findRetainedRequested(const QString &topic);
    // Empty retained messages were published to count topics at and below the topic.
    void retainedCleared(const QString &topic, int count);

private:
    void onSubscribeClicked();
    void validateFilter();
    // A problem with the filter that the pane knows before the client does (empty if none).
    QString filterProblem(const QString &filter) const;
    bool isMqtt5() const;
    void updateOptionsWidgets();
    void onSubscriptionAcknowledged(const QList<Mqtt::SubscribeResult> &results);
    void onUnsubscribeResults(const QList<Mqtt::UnsubscribeResult> &results);
    void showError(const QString &text);
    void onTopicSelectionChanged();
    void onTopicContextMenu(const QPoint &position);
    void updateSubscriptionButtons();
    QString selectedFilter() const;
    int publishRetainedClears(const QStringList &topics);

    std::unique_ptr<Ui::SubscriptionsPane> m_ui;
    QPointer<Mqtt::Client> m_client;
    SubscriptionModel *m_subscriptions = nullptr;
    TopicTreeModel *m_topics = nullptr;
    MessageFilterProxyModel *m_proxy = nullptr;
};
