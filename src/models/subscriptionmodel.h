// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"
#include "protocol.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimer>

// The subscriptions of the session: filter, requested QoS, what the broker granted (or that it
// refused), how many received messages matched, a colour tag and a muted flag.
class SubscriptionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class State { Pending, Granted, Refused };
    Q_ENUM(State)

    enum Column {
        FilterColumn,
        RequestedQosColumn,
        GrantedQosColumn, // "0".."2", "refused" or "pending"
        MessageCountColumn,
        ColorColumn, // the colour tag (DecorationRole)
        MutedColumn, // checkable
        OptionsColumn, // 5.0 subscription options and identifier, in short words
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        FilterRole = Qt::UserRole + 1, // QString
        RequestedQosRole, // int 0..2
        GrantedQosRole, // int 0..2, -1 while pending or when refused
        StateRole, // int (State)
        ReasonCodeRole, // int, the SUBACK reason code (-1 while pending)
        MessageCountRole, // qint64
        ColorRole, // QColor
        MutedRole, // bool
        SubscriptionIdentifierRole, // quint32, 0 when none
        ReasonStringRole, // QString, the SUBACK's 5.0 Reason String
    };
    Q_ENUM(Role)

    struct Subscription
    {
        QString filter;
        Mqtt::QoS requestedQos = Mqtt::QoS::AtMostOnce;
        State state = State::Pending;
        quint8 reasonCode = 0; // valid unless Pending
        qint64 messageCount = 0;
        QColor color;
        bool muted = false;
        // MQTT 5.0 options as requested (all default at 3.1.1).
        bool noLocal = false;
        bool retainAsPublished = false;
        Mqtt::RetainHandling retainHandling = Mqtt::RetainHandling::SendAtSubscribe;
        quint32 subscriptionIdentifier = 0; // 0: none
        QString reasonString; // the broker's Reason String of the SUBACK, if any
    };

    explicit SubscriptionModel(QObject *parent = nullptr);
    ~SubscriptionModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Adds a pending subscription (or, for a known filter, resets it to pending with the new
    // QoS). A colour is picked from a palette unless given. Returns its row.
    int addSubscription(const QString &filter, Mqtt::QoS requestedQos,
                        const QColor &color = QColor());
    // The same with the 5.0 options of topic and a Subscription Identifier (0: none).
    int addSubscription(const Mqtt::SubscribeTopic &topic, quint32 subscriptionIdentifier,
                        const QColor &color = QColor());
    // Identifiers in use, to pick a free one for the next subscription.
    QList<quint32> subscriptionIdentifiers() const;
    // Applies the broker's answer (Client::subscriptionAcknowledged); unknown filters are added,
    // except internal ones.
    void applyAcknowledgement(const QList<Mqtt::SubscribeResult> &results);
    // Marks a subscription as sent again and waiting for the broker's answer (a new
    // connection), keeping its options.
    void setPending(const QString &filter);
    // Removes a subscription (after an unsubscribe); returns false when unknown.
    bool removeSubscription(const QString &filter);
    // Removes every subscription whose filter is listed (Client::unsubscriptionAcknowledged).
    void removeSubscriptions(const QStringList &filters);
    void clear();

    int rowOf(const QString &filter) const; // -1 when unknown
    bool contains(const QString &filter) const;
    Subscription subscription(int row) const;
    QStringList filters() const;

    // Filters a part of the window subscribes to for itself (the broker dashboard's $SYS/#):
    // their answers add no row; the user's own subscription to one is listed as usual.
    void addInternalFilter(const QString &filter);
    void removeInternalFilter(const QString &filter);
    // Whether a listed subscription (not refused) matches the topic.
    bool matches(const QString &topic) const;

    void setMuted(const QString &filter, bool muted);
    bool isMuted(const QString &filter) const;
    QStringList mutedFilters() const;
    QStringList unmutedFilters() const;
    void setColor(const QString &filter, const QColor &color);

    // Counts a received message for every subscription whose filter matches its topic; the
    // count column is refreshed in batches.
    void countMessage(const QString &topic);
    void resetMessageCounts();

Q_SIGNALS:
    // The set of muted filters (or the filters themselves) changed.
    void mutingChanged();

private:
    enum class TextLength { Short, Long };
    static QString optionsText(const Subscription &s, TextLength length);
    void scheduleCountRefresh();
    void refreshCounts();
    QColor nextColor();

    QList<Subscription> m_subscriptions;
    // Rows whose filter matches a topic, when there are enough subscriptions for one hash
    // lookup to beat matching every filter. Cleared whenever the rows or their states change.
    QHash<QString, QList<int>> m_matchCache;
    QStringList m_internalFilters;
    QTimer m_countTimer;
    int m_colorCursor = 0;
};
