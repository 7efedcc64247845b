// SPDX-License-Identifier: Apache-2.0
#include "subscriptionspane.h"
#include "ui_subscriptionspane.h"

#include "clearretaineddialog.h"
#include "client.h"
#include "messagefilterproxymodel.h"
#include "subscriptionmodel.h"
#include "theme.h"
#include "topic.h"
#include "topictreemodel.h"
#include "validation.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QSet>
#include <QSettings>

#include <algorithm>

namespace {
constexpr quint32 MaximumSubscriptionIdentifier = 268435455; // a Variable Byte Integer
// "Refused: name (0x87); reason string" for a SUBACK or UNSUBACK refusal.
template<typename Result>
QString refusalText(const Result &result)
{
    const QString code =
            QStringLiteral("%1").arg(quint8(result.reasonCode), 2, 16, QLatin1Char('0'));
    if (result.reasonString.isEmpty())
        return SubscriptionsPane::tr("%1 (0x%2)").arg(result.reasonText(), code);
    return SubscriptionsPane::tr("%1 (0x%2): %3").arg(result.reasonText(), code, result.reasonString);
}
} // namespace

SubscriptionsPane::SubscriptionsPane(QWidget *parent)
    : QWidget(parent), m_ui(new Ui::SubscriptionsPane)
{
    m_ui->setupUi(this);
    m_ui->qosCombo->addItem(tr("QoS 0"), 0);
    m_ui->qosCombo->addItem(tr("QoS 1"), 1);
    m_ui->qosCombo->addItem(tr("QoS 2"), 2);
    m_ui->retainHandlingCombo->addItem(tr("Send at subscribe"),
                                       int(Mqtt::RetainHandling::SendAtSubscribe));
    m_ui->retainHandlingCombo->addItem(tr("Send only if new"),
                                       int(Mqtt::RetainHandling::SendAtNewSubscribe));
    m_ui->retainHandlingCombo->addItem(tr("Never send"), int(Mqtt::RetainHandling::DoNotSend));
    m_ui->subscriptionIdentifierCombo->addItem(tr("none"));
    m_ui->subscriptionIdentifierCombo->addItem(tr("automatic"));
    m_ui->optionsWidget->hide();
    connect(m_ui->optionsToggleButton, &QToolButton::toggled, this, [this](bool expanded) {
        m_ui->optionsToggleButton->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
        m_ui->optionsWidget->setVisible(expanded);
    });
    updateOptionsWidgets();
    Theme::setTextRole(m_ui->errorLabel, Theme::Role::Error);
    m_ui->errorLabel->hide();
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 3);
    m_ui->splitter->setSizes({200, 440});
    m_ui->subscriptionsView->verticalHeader()->hide();
    m_ui->subscriptionsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, &SubscriptionsPane::validateFilter);
    connect(m_ui->filterEdit, &QLineEdit::returnPressed, this,
            &SubscriptionsPane::onSubscribeClicked);
    connect(m_ui->subscribeButton, &QPushButton::clicked, this,
            &SubscriptionsPane::onSubscribeClicked);
    connect(m_ui->unsubscribeButton, &QPushButton::clicked, this, [this] {
        const QString filter = selectedFilter();
        if (!filter.isEmpty())
            unsubscribe(filter);
    });
    connect(m_ui->muteButton, &QPushButton::toggled, this, [this](bool muted) {
        const QString filter = selectedFilter();
        if (m_subscriptions && !filter.isEmpty())
            m_subscriptions->setMuted(filter, muted);
    });
    connect(m_ui->colorButton, &QPushButton::clicked, this, [this] {
        const QString filter = selectedFilter();
        if (!m_subscriptions || filter.isEmpty())
            return;
        const QColor current = m_subscriptions->subscription(m_subscriptions->rowOf(filter)).color;
        const QColor chosen =
                QColorDialog::getColor(current, this, tr("Colour for %1").arg(filter));
        if (chosen.isValid())
            m_subscriptions->setColor(filter, chosen);
    });
    connect(m_ui->showAllButton, &QPushButton::clicked, this, [this] { selectTopic(QString()); });
    connect(m_ui->topicView, &QWidget::customContextMenuRequested, this,
            &SubscriptionsPane::onTopicContextMenu);
    m_ui->showAllButton->setEnabled(false); // nothing narrows the log yet
    // No Local is refused on a shared subscription: the verdict follows the option.
    connect(m_ui->noLocalCheck, &QCheckBox::toggled, this, &SubscriptionsPane::validateFilter);
    validateFilter();
    updateSubscriptionButtons();
}

SubscriptionsPane::~SubscriptionsPane() = default;

void SubscriptionsPane::setClient(Mqtt::Client *client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (!m_client)
        return;
    connect(m_client, &Mqtt::Client::subscriptionAcknowledged, this,
            [this](quint64, const QList<Mqtt::SubscribeResult> &results) {
                onSubscriptionAcknowledged(results);
            });
    // Emitted with every UNSUBACK (3.1.1 ones read Success): refused filters stay listed.
    connect(m_client, &Mqtt::Client::unsubscriptionResultsReceived, this,
            [this](quint64, const QList<Mqtt::UnsubscribeResult> &results) {
                onUnsubscribeResults(results);
            });
    connect(m_client, &Mqtt::Client::stateChanged, this, &SubscriptionsPane::updateOptionsWidgets);
    updateOptionsWidgets();
}

bool SubscriptionsPane::isMqtt5() const
{
    return m_client && m_client->options().version == Mqtt::ProtocolVersion::V5;
}

void SubscriptionsPane::updateOptionsWidgets()
{
    const bool v5 = isMqtt5();
    m_ui->optionsWidget->setEnabled(v5);
    const QString why = v5 ? tr("Subscription options of MQTT 5.0")
                           : tr("Subscription options need a connection with MQTT 5.0 (chosen in "
                                "the connection pane)");
    m_ui->optionsToggleButton->setToolTip(why);
    // 3.1.1 subscriptions have no options: the column would only take room.
    if (m_ui->subscriptionsView->model())
        m_ui->subscriptionsView->setColumnHidden(SubscriptionModel::OptionsColumn, !v5);
    m_ui->optionsWidget->setToolTip(v5 ? QString() : why);
    // Only a shared filter's verdict depends on the version; other messages stay on show.
    if (m_ui->filterEdit->text().startsWith(QLatin1String("$share/")))
        validateFilter();
}

void SubscriptionsPane::onSubscriptionAcknowledged(const QList<Mqtt::SubscribeResult> &results)
{
    if (m_subscriptions)
        m_subscriptions->applyAcknowledgement(results);
    QStringList refusals;
    for (const Mqtt::SubscribeResult &result : results) {
        if (result.isRefused()) // [MQTT-3.9.3-1]: 0x80 and above refuse the subscription
            refusals << tr("The broker refused the subscription to %1: %2")
                                .arg(result.filter, refusalText(result));
    }
    if (!refusals.isEmpty())
        showError(refusals.join(QLatin1Char('\n')));
}

void SubscriptionsPane::onUnsubscribeResults(const QList<Mqtt::UnsubscribeResult> &results)
{
    QStringList refusals;
    for (const Mqtt::UnsubscribeResult &result : results) {
        if (result.isRefused()) {
            refusals << tr("The broker refused to unsubscribe from %1: %2")
                                .arg(result.filter, refusalText(result));
        } else if (m_subscriptions) {
            m_subscriptions->removeSubscription(result.filter);
        }
    }
    if (!refusals.isEmpty())
        showError(refusals.join(QLatin1Char('\n')));
}

void SubscriptionsPane::setModels(SubscriptionModel *subscriptions, TopicTreeModel *topics,
                                  MessageFilterProxyModel *proxy)
{
    m_subscriptions = subscriptions;
    m_topics = topics;
    m_proxy = proxy;

    m_ui->subscriptionsView->setModel(subscriptions);
    QHeaderView *header = m_ui->subscriptionsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SubscriptionModel::FilterColumn, QHeaderView::Stretch);
    // The filter cell carries the colour tag already.
    m_ui->subscriptionsView->hideColumn(SubscriptionModel::ColorColumn);
    // Options can be long: a fixed share of the width, the rest in the row's tooltip.
    header->setSectionResizeMode(SubscriptionModel::OptionsColumn, QHeaderView::Interactive);
    m_ui->subscriptionsView->setColumnWidth(
            SubscriptionModel::OptionsColumn,
            m_ui->subscriptionsView->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 12);
    updateOptionsWidgets();
    connect(m_ui->subscriptionsView->selectionModel(), &QItemSelectionModel::currentRowChanged,
            this, &SubscriptionsPane::updateSubscriptionButtons);
    connect(subscriptions, &QAbstractItemModel::dataChanged, this,
            &SubscriptionsPane::updateSubscriptionButtons);
    connect(subscriptions, &QAbstractItemModel::rowsRemoved, this,
            &SubscriptionsPane::updateSubscriptionButtons);

    m_ui->topicView->setModel(topics);
    const int digit = m_ui->topicView->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_ui->topicView->setColumnWidth(TopicTreeModel::NameColumn, digit * 22);
    m_ui->topicView->setColumnWidth(TopicTreeModel::MessageCountColumn, digit * 9);
    m_ui->topicView->setColumnWidth(TopicTreeModel::TopicCountColumn, digit * 8);
    m_ui->topicView->setColumnWidth(TopicTreeModel::LastPayloadColumn, digit * 24);
    connect(m_ui->topicView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SubscriptionsPane::onTopicSelectionChanged);
    // New top-level topics show their first level opened, which is what one looks at first.
    connect(topics, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (parent.isValid())
                    return;
                for (int row = first; row <= last; ++row)
                    m_ui->topicView->expand(m_topics->index(row, 0));
            });
}

QString SubscriptionsPane::errorText() const
{
    return m_ui->errorLabel->text();
}

void SubscriptionsPane::showError(const QString &text)
{
    m_ui->errorLabel->setText(text);
    m_ui->errorLabel->setVisible(!text.isEmpty());
}

void SubscriptionsPane::validateFilter()
{
    const QString filter = m_ui->filterEdit->text();
    if (filter.isEmpty()) {
        showError(QString());
        m_ui->subscribeButton->setEnabled(false);
        return;
    }
    const QString problem = filterProblem(filter);
    showError(problem);
    m_ui->subscribeButton->setEnabled(problem.isEmpty());
}

QString SubscriptionsPane::filterProblem(const QString &filter) const
{
    // The engine's rules for the filter and its options, and what the broker supports.
    Mqtt::SubscribeTopic topic;
    topic.filter = filter;
    topic.noLocal = isMqtt5() && m_ui->noLocalCheck->isChecked();
    const bool connected = m_client && m_client->state() == Mqtt::Client::State::Connected;
    if (const Mqtt::Error error = Mqtt::validateSubscription(
                topic, m_client ? m_client->options().version : Mqtt::ProtocolVersion::V3_1_1,
                connected ? &m_client->serverLimits() : nullptr))
        return error.text;
    // 3.1.1 has no shared subscriptions: "$share/..." would be an ordinary filter there that
    // matches topics starting with "$share", not what the user means.
    if (filter.startsWith(QLatin1String("$share/")) && !isMqtt5())
        return tr("Shared subscriptions ($share/group/filter) need MQTT 5.0: connect with "
                  "MQTT 5.0 to use them");
    return QString();
}

void SubscriptionsPane::onSubscribeClicked()
{
    Mqtt::SubscribeTopic topic;
    topic.filter = m_ui->filterEdit->text();
    topic.qos = Mqtt::QoS(m_ui->qosCombo->currentData().toInt());
    quint32 identifier = 0;
    if (isMqtt5()) {
        topic.noLocal = m_ui->noLocalCheck->isChecked();
        topic.retainAsPublished = m_ui->retainAsPublishedCheck->isChecked();
        topic.retainHandling =
                Mqtt::RetainHandling(m_ui->retainHandlingCombo->currentData().toInt());
        const QString typed = m_ui->subscriptionIdentifierCombo->currentText().trimmed();
        const int choice = m_ui->subscriptionIdentifierCombo->findText(typed, Qt::MatchFixedString);
        if (choice == 1) {
            identifier = nextSubscriptionIdentifier();
        } else if (choice != 0 && !typed.isEmpty()) {
            bool ok = false;
            const qulonglong number = typed.toULongLong(&ok);
            // 0 is a protocol error; the top is the largest Variable Byte Integer.
            if (!ok || number < 1 || number > MaximumSubscriptionIdentifier) {
                showError(tr("Subscription identifier: enter a number from 1 to %L1, or choose "
                             "none or automatic")
                                  .arg(MaximumSubscriptionIdentifier));
                return;
            }
            identifier = quint32(number);
        }
    }
    if (subscribe(topic, identifier))
        m_ui->filterEdit->clear();
}

bool SubscriptionsPane::subscribe(const QString &filter, Mqtt::QoS qos)
{
    Mqtt::SubscribeTopic topic;
    topic.filter = filter;
    topic.qos = qos;
    return subscribe(topic, 0);
}

bool SubscriptionsPane::subscribe(const Mqtt::SubscribeTopic &topic, quint32 subscriptionIdentifier)
{
    const QString problem = filterProblem(topic.filter);
    if (!problem.isEmpty()) {
        showError(problem);
        return false;
    }
    if (!m_client) {
        showError(tr("Not connected to a broker"));
        return false;
    }
    Mqtt::Properties properties;
    if (subscriptionIdentifier != 0)
        properties.addSubscriptionIdentifier(subscriptionIdentifier);
    Mqtt::Error error;
    if (m_client->subscribe({topic}, properties, &error) == 0) {
        showError(error.text);
        return false;
    }
    showError(QString());
    if (m_subscriptions)
        m_subscriptions->addSubscription(topic, subscriptionIdentifier);
    return true;
}

int SubscriptionsPane::restoreSubscriptions(bool sessionPresent)
{
    if (!m_client || !m_subscriptions)
        return 0;
    // A reconnect that finds no session makes the client subscribe again to what the broker
    // had granted on the connection before; a fresh connectToHost() starts with none.
    QSet<QString> resentByClient;
    if (!sessionPresent) {
        for (const Mqtt::SubscribeTopic &topic : m_client->activeSubscriptions())
            resentByClient.insert(topic.filter);
    }
    int restored = 0;
    const int rows = m_subscriptions->rowCount();
    for (int row = 0; row < rows; ++row) {
        const SubscriptionModel::Subscription s = m_subscriptions->subscription(row);
        // Pending: asked before this connection; the client sends it again itself.
        if (s.state == SubscriptionModel::State::Pending) {
            ++restored;
            continue;
        }
        if (sessionPresent && s.state == SubscriptionModel::State::Granted)
            continue; // the broker kept it in the session
        if (resentByClient.contains(s.filter)) {
            m_subscriptions->setPending(s.filter);
            ++restored;
            continue;
        }
        Mqtt::SubscribeTopic topic;
        topic.filter = s.filter;
        topic.qos = s.requestedQos;
        topic.noLocal = s.noLocal;
        topic.retainAsPublished = s.retainAsPublished;
        topic.retainHandling = s.retainHandling;
        if (subscribe(topic, s.subscriptionIdentifier))
            ++restored;
    }
    return restored;
}

quint32 SubscriptionsPane::nextSubscriptionIdentifier() const
{
    const QList<quint32> used =
            m_subscriptions ? m_subscriptions->subscriptionIdentifiers() : QList<quint32>();
    const quint32 largest = used.isEmpty() ? 0 : *std::max_element(used.begin(), used.end());
    if (largest < MaximumSubscriptionIdentifier)
        return largest + 1;
    for (quint32 id = 1;; ++id) { // the top was reached: the first gap
        if (!used.contains(id))
            return id;
    }
}

void SubscriptionsPane::unsubscribe(const QString &filter)
{
    Mqtt::Error error;
    if (m_client && m_client->unsubscribe({filter}, &error) != 0)
        return; // removed when the broker acknowledges
    // Not connected: there is nothing to tell the broker, forget it here.
    if (m_subscriptions)
        m_subscriptions->removeSubscription(filter);
}

QString SubscriptionsPane::selectedFilter() const
{
    if (!m_subscriptions)
        return QString();
    const QModelIndex current = m_ui->subscriptionsView->currentIndex();
    if (!current.isValid())
        return QString();
    return m_subscriptions->subscription(current.row()).filter;
}

void SubscriptionsPane::updateSubscriptionButtons()
{
    const QString filter = selectedFilter();
    m_ui->unsubscribeButton->setEnabled(!filter.isEmpty());
    m_ui->muteButton->setEnabled(!filter.isEmpty());
    m_ui->colorButton->setEnabled(!filter.isEmpty());
    const QSignalBlocker blocker(m_ui->muteButton);
    m_ui->muteButton->setChecked(!filter.isEmpty() && m_subscriptions->isMuted(filter));
}

void SubscriptionsPane::onTopicSelectionChanged()
{
    if (!m_proxy || !m_topics)
        return;
    const QModelIndex current = m_ui->topicView->currentIndex();
    m_proxy->setTopicSubtree(current.isValid() ? m_topics->topicForIndex(current) : QString());
    m_ui->showAllButton->setEnabled(current.isValid());
}

void SubscriptionsPane::selectTopic(const QString &topic)
{
    if (!m_topics)
        return;
    const QModelIndex index = topic.isEmpty() ? QModelIndex() : m_topics->indexForTopic(topic);
    if (!index.isValid()) {
        m_ui->topicView->selectionModel()->clear();
        m_ui->topicView->setCurrentIndex(QModelIndex());
        onTopicSelectionChanged();
        return;
    }
    m_ui->topicView->scrollTo(index);
    m_ui->topicView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                      QItemSelectionModel::Rows);
}

void SubscriptionsPane::onTopicContextMenu(const QPoint &position)
{
    if (!m_topics)
        return;
    const QModelIndex index = m_ui->topicView->indexAt(position);
    if (!index.isValid())
        return;
    const QString topic = m_topics->topicForIndex(index);
    const bool retainedHere = index.data(TopicTreeModel::RetainedRole).toBool();
    const int retainedBelow = index.data(TopicTreeModel::RetainedCountRole).toInt();

    QMenu menu(this);
    QAction *showOnly = menu.addAction(tr("Show only this subtree in the log"));
    QAction *copy = menu.addAction(tr("Use in the publish composer"));
    QAction *decodeAs = menu.addAction(tr("Decode as…"));
    decodeAs->setEnabled(index.data(TopicTreeModel::IsTopicRole).toBool());
    menu.addSeparator();
    QAction *find = menu.addAction(tr("Find retained messages below \"%1\"").arg(topic));
    QAction *clearTopic = menu.addAction(tr("Clear retained message on \"%1\"").arg(topic));
    clearTopic->setEnabled(retainedHere);
    QAction *clearSubtree = menu.addAction(
            tr("Clear retained messages below \"%1\" (%L2)…").arg(topic).arg(retainedBelow));
    clearSubtree->setEnabled(retainedBelow > 0);

    QAction *chosen = menu.exec(m_ui->topicView->viewport()->mapToGlobal(position));
    if (chosen == showOnly)
        selectTopic(topic);
    else if (chosen == copy)
        Q_EMIT topicChosenForPublishing(topic);
    else if (chosen == decodeAs)
        Q_EMIT decodeAsRequested(topic);
    else if (chosen == find)
        Q_EMIT findRetainedRequested(topic);
    else if (chosen == clearTopic)
        clearRetained(topic, RetainedScope::Topic);
    else if (chosen == clearSubtree)
        clearRetained(topic, RetainedScope::Subtree);
}

int SubscriptionsPane::clearRetained(const QString &topic, RetainedScope scope,
                                     Confirmation confirmation)
{
    if (!m_topics || !m_client)
        return 0;
    QStringList topics;
    if (scope == RetainedScope::Topic) {
        topics << topic;
    } else {
        // An empty topic is the whole tree.
        const QModelIndex index = m_topics->indexForTopic(topic);
        if (!topic.isEmpty() && !index.isValid())
            return 0;
        topics = m_topics->retainedTopics(index);
    }
    if (topics.isEmpty())
        return 0;
    if (confirmation == Confirmation::Ask && scope == RetainedScope::Subtree) {
        // The dry run: the exact topics first, cleared only when the user agrees.
        auto *dialog = new ClearRetainedDialog(topic, topics, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, topic, topics] {
            Q_EMIT retainedCleared(topic, publishRetainedClears(topics));
        });
        dialog->open();
        return 0;
    }
    if (confirmation == Confirmation::Ask) {
        const QString question = tr("Publish an empty retained message to \"%1\"? The "
                                    "broker then forgets the retained message of this topic.")
                                         .arg(topic);
        if (QMessageBox::question(this, tr("Clear retained messages"), question) != QMessageBox::Yes)
            return 0;
    }
    const int sent = publishRetainedClears(topics);
    Q_EMIT retainedCleared(topic, sent);
    return sent;
}

int SubscriptionsPane::publishRetainedClears(const QStringList &topics)
{
    if (!m_client)
        return 0;
    int sent = 0;
    for (const QString &name : std::as_const(topics)) {
        Mqtt::Message message;
        message.topic = name;
        message.qos = Mqtt::QoS::AtLeastOnce;
        message.retain = true; // an empty retained payload clears it [MQTT-3.3.1-10]
        Mqtt::Error error;
        const quint64 token = m_client->publish(message, &error);
        if (token == 0) {
            showError(error.text);
            break;
        }
        m_topics->markRetainedCleared(name);
        Q_EMIT messagePublished(message, token);
        ++sent;
    }
    return sent;
}

void SubscriptionsPane::saveState(const QString &settingsGroup) const
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    settings.setValue(QStringLiteral("splitter"), m_ui->splitter->saveState());
    settings.setValue(QStringLiteral("topicHeader"), m_ui->topicView->header()->saveState());
}

void SubscriptionsPane::restoreState(const QString &settingsGroup)
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    m_ui->splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_ui->topicView->header()->restoreState(
            settings.value(QStringLiteral("topicHeader")).toByteArray());
}
