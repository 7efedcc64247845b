// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QPointer>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

#include <vector>

class MessageLogModel;
class SubscriptionModel;

namespace Mqtt {
class Properties;
}

// Filters the message log: an MQTT wildcard filter on the topic, a text or regular-expression
// filter on the payload, a topic subtree (from the topic tree selection) and muted
// subscriptions. New rows are judged one by one in filterAcceptsRow(); the per-topic verdict is
// cached by interned topic index, so a batch of appends never re-filters the whole log.
class MessageFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class PayloadFilterMode { PlainText, RegularExpression };
    Q_ENUM(PayloadFilterMode)

    explicit MessageFilterProxyModel(QObject *parent = nullptr);
    ~MessageFilterProxyModel() override;

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    // An MQTT topic filter ('+' and '#' wildcards); empty shows every topic. Returns false (and
    // keeps the previous filter) when the filter is not a valid MQTT topic filter.
    bool setTopicFilter(const QString &filter);
    QString topicFilter() const;

    // Matches on the payload decoded as UTF-8, or on the value of a 5.0 user property; empty
    // text shows every payload.
    void setPayloadFilter(const QString &text, PayloadFilterMode mode,
                          Qt::CaseSensitivity caseSensitivity = Qt::CaseInsensitive);
    QString payloadFilter() const;
    PayloadFilterMode payloadFilterMode() const;
    // Empty when the payload filter is usable; otherwise why the regular expression is not.
    QString payloadFilterError() const;

    // Shows only the topic and everything below it; empty shows everything.
    void setTopicSubtree(const QString &topic);
    QString topicSubtree() const;

    // Messages whose topic matches muted filters only (and no unmuted one) are hidden.
    void setMutedFilters(const QStringList &mutedFilters, const QStringList &unmutedFilters);
    QStringList mutedFilters() const;
    // Follows a SubscriptionModel's muted flags (instead of setMutedFilters()); nullptr stops.
    void setSubscriptionModel(SubscriptionModel *model);

    // Source sequence number of a proxy row, and the proxy row of a sequence (-1 when hidden or
    // trimmed): the view keeps its selection on a message with these.
    quint64 sequenceAt(int proxyRow) const;
    int rowForSequence(quint64 sequence) const;

Q_SIGNALS:
    // Before a filter change re-judges every row (rows may leave the view), and after it.
    void filtersAboutToChange();
    void filtersChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool topicAccepted(int topicIndex, const QString &topic) const;
    bool payloadAccepted(const QByteArray &payload) const;
    bool textAccepted(const QString &text) const; // the payload filter, on any text
    bool userPropertiesAccepted(const Mqtt::Properties &properties) const;
    void refilter();
    void updateMutedFromSubscriptions();

    QPointer<MessageLogModel> m_log; // guarded: the log may die before the proxy
    QPointer<SubscriptionModel> m_subscriptions;
    QList<QMetaObject::Connection> m_subscriptionConnections;

    QString m_topicFilter;
    QString m_topicSubtree;
    QStringList m_mutedFilters;
    QStringList m_unmutedFilters;

    QString m_payloadText;
    PayloadFilterMode m_payloadMode = PayloadFilterMode::PlainText;
    Qt::CaseSensitivity m_payloadCase = Qt::CaseInsensitive;
    QRegularExpression m_payloadExpression;
    QString m_payloadError;

    // Per interned topic: 0 unknown, 1 accepted, 2 rejected. Cleared when a topic rule changes.
    mutable std::vector<quint8> m_topicVerdicts;
};
