// SPDX-License-Identifier: Apache-2.0
#include "subscriptionmodel.h"

#include "topic.h"

#include <algorithm>

namespace {
constexpr int CountRefreshInterval = 200; // ms
// Up to this many subscriptions every filter is matched directly; above, per-topic results are
// cached (bounded to MatchCacheLimit topics).
constexpr int DirectMatchLimit = 4;
constexpr int MatchCacheLimit = 20000;

// A palette that stays readable on light and dark backgrounds.
constexpr QRgb Palette[] = {
        0xff1f77b4, 0xffff7f0e, 0xff2ca02c, 0xffd62728, 0xff9467bd,
        0xff8c564b, 0xffe377c2, 0xff7f7f7f, 0xffbcbd22, 0xff17becf,
};
} // namespace

SubscriptionModel::SubscriptionModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(CountRefreshInterval);
    connect(&m_countTimer, &QTimer::timeout, this, &SubscriptionModel::refreshCounts);
}

SubscriptionModel::~SubscriptionModel() = default;

int SubscriptionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_subscriptions.size());
}

int SubscriptionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubscriptionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Subscription &s = m_subscriptions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FilterColumn:
            return s.filter;
        case RequestedQosColumn:
            return int(s.requestedQos);
        case GrantedQosColumn:
            switch (s.state) {
            case State::Pending:
                return tr("pending");
            case State::Refused:
                return tr("refused");
            case State::Granted:
                return int(s.reasonCode);
            }
            return QVariant();
        case MessageCountColumn:
            return s.messageCount;
        case OptionsColumn:
            return optionsText(s, TextLength::Short);
        }
        return QVariant();
    case Qt::DecorationRole:
        if (index.column() == ColorColumn || index.column() == FilterColumn)
            return s.color;
        return QVariant();
    case Qt::CheckStateRole:
        if (index.column() == MutedColumn)
            return s.muted ? Qt::Checked : Qt::Unchecked;
        return QVariant();
    case Qt::ToolTipRole: {
        QString tip;
        if (s.state == State::Refused)
            tip = tr("The broker refused this subscription: %1 (reason code 0x%2)")
                          .arg(Mqtt::reasonCodeText(Mqtt::ReasonCode(s.reasonCode)))
                          .arg(s.reasonCode, 2, 16, QLatin1Char('0'));
        if (!s.reasonString.isEmpty())
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
                   tr("Reason string: %1").arg(s.reasonString);
        const QString options = optionsText(s, TextLength::Long);
        if (!options.isEmpty())
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + options;
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case FilterRole:
        return s.filter;
    case RequestedQosRole:
        return int(s.requestedQos);
    case GrantedQosRole:
        return s.state == State::Granted ? int(s.reasonCode) : -1;
    case StateRole:
        return int(s.state);
    case ReasonCodeRole:
        return s.state == State::Pending ? -1 : int(s.reasonCode);
    case MessageCountRole:
        return s.messageCount;
    case ColorRole:
        return s.color;
    case MutedRole:
        return s.muted;
    case SubscriptionIdentifierRole:
        return s.subscriptionIdentifier;
    case ReasonStringRole:
        return s.reasonString;
    }
    return QVariant();
}

QString SubscriptionModel::optionsText(const Subscription &s, TextLength length)
{
    QStringList parts;
    const bool brief = length == TextLength::Short;
    if (s.subscriptionIdentifier != 0)
        parts << (brief ? tr("id %1") : tr("Subscription identifier %1"))
                         .arg(s.subscriptionIdentifier);
    if (s.noLocal)
        parts << (brief ? tr("no local") : tr("No local: own messages are not received"));
    if (s.retainAsPublished)
        parts << (brief ? tr("retain as published")
                        : tr("Retain as published: the retain flag is kept"));
    switch (s.retainHandling) {
    case Mqtt::RetainHandling::SendAtSubscribe:
        break;
    case Mqtt::RetainHandling::SendAtNewSubscribe:
        parts << (brief ? tr("retained if new")
                        : tr("Retained messages: only when the subscription is new"));
        break;
    case Mqtt::RetainHandling::DoNotSend:
        parts << (brief ? tr("no retained") : tr("Retained messages: never sent"));
        break;
    }
    return parts.join(brief ? QStringLiteral(", ") : QStringLiteral("\n"));
}

bool SubscriptionModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString filter = m_subscriptions.at(index.row()).filter;
    if (role == Qt::CheckStateRole && index.column() == MutedColumn) {
        setMuted(filter, value.toInt() == int(Qt::Checked));
        return true;
    }
    if (role == MutedRole) {
        setMuted(filter, value.toBool());
        return true;
    }
    if (role == ColorRole || (role == Qt::EditRole && index.column() == ColorColumn)) {
        const QColor color = value.value<QColor>();
        if (!color.isValid())
            return false;
        setColor(filter, color);
        return true;
    }
    return false;
}

Qt::ItemFlags SubscriptionModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == MutedColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant SubscriptionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Short titles keep the list usable in a narrow dock; the tooltip has the full name.
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case RequestedQosColumn:
            return tr("Requested QoS");
        case GrantedQosColumn:
            return tr("Granted QoS");
        case OptionsColumn:
            return tr("MQTT 5.0 subscription options and identifier");
        }
        return QVariant();
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FilterColumn:
        return tr("Filter");
    case RequestedQosColumn:
        return tr("QoS");
    case GrantedQosColumn:
        return tr("Granted");
    case MessageCountColumn:
        return tr("Messages");
    case ColorColumn:
        return tr("Colour");
    case MutedColumn:
        return tr("Muted");
    case OptionsColumn:
        return tr("Options");
    }
    return QVariant();
}

QHash<int, QByteArray> SubscriptionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(FilterRole, "filter");
    names.insert(RequestedQosRole, "requestedQos");
    names.insert(GrantedQosRole, "grantedQos");
    names.insert(StateRole, "state");
    names.insert(ReasonCodeRole, "reasonCode");
    names.insert(MessageCountRole, "messageCount");
    names.insert(ColorRole, "color");
    names.insert(MutedRole, "muted");
    names.insert(SubscriptionIdentifierRole, "subscriptionIdentifier");
    names.insert(ReasonStringRole, "reasonString");
    return names;
}

QColor SubscriptionModel::nextColor()
{
    const QColor color = QColor::fromRgb(Palette[m_colorCursor]);
    m_colorCursor = (m_colorCursor + 1) % int(std::size(Palette));
    return color;
}

int SubscriptionModel::addSubscription(const QString &filter, Mqtt::QoS requestedQos,
                                       const QColor &color)
{
    Mqtt::SubscribeTopic topic;
    topic.filter = filter;
    topic.qos = requestedQos;
    return addSubscription(topic, 0, color);
}

int SubscriptionModel::addSubscription(const Mqtt::SubscribeTopic &topic,
                                       quint32 subscriptionIdentifier, const QColor &color)
{
    const auto setOptions = [&](Subscription &s) {
        s.requestedQos = topic.qos;
        s.noLocal = topic.noLocal;
        s.retainAsPublished = topic.retainAsPublished;
        s.retainHandling = topic.retainHandling;
        s.subscriptionIdentifier = subscriptionIdentifier;
    };
    const int existing = rowOf(topic.filter);
    if (existing >= 0) {
        m_matchCache.clear();
        Subscription &s = m_subscriptions[existing];
        setOptions(s);
        s.state = State::Pending;
        s.reasonCode = 0;
        s.reasonString.clear();
        if (color.isValid())
            s.color = color;
        Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
        return existing;
    }
    Subscription s;
    s.filter = topic.filter;
    setOptions(s);
    s.color = color.isValid() ? color : nextColor();
    const int row = int(m_subscriptions.size());
    m_matchCache.clear();
    beginInsertRows(QModelIndex(), row, row);
    m_subscriptions.append(s);
    endInsertRows();
    Q_EMIT mutingChanged();
    return row;
}

void SubscriptionModel::applyAcknowledgement(const QList<Mqtt::SubscribeResult> &results)
{
    for (const Mqtt::SubscribeResult &result : results) {
        int row = rowOf(result.filter);
        if (row < 0 && m_internalFilters.contains(result.filter))
            continue;
        if (row < 0)
            row = addSubscription(result.filter, Mqtt::QoS::AtMostOnce);
        m_matchCache.clear();
        Subscription &s = m_subscriptions[row];
        // A SUBACK code of 0x80 or more is a refusal [MQTT-3.9.3-1].
        s.state = result.isRefused() ? State::Refused : State::Granted;
        s.reasonCode = quint8(result.reasonCode);
        s.reasonString = result.reasonString;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void SubscriptionModel::addInternalFilter(const QString &filter)
{
    m_internalFilters.append(filter);
}

void SubscriptionModel::removeInternalFilter(const QString &filter)
{
    m_internalFilters.removeOne(filter);
}

bool SubscriptionModel::matches(const QString &topic) const
{
    return std::any_of(m_subscriptions.cbegin(), m_subscriptions.cend(),
                       [&topic](const Subscription &s) {
                           return s.state != State::Refused && Mqtt::topicMatches(s.filter, topic);
                       });
}

void SubscriptionModel::setPending(const QString &filter)
{
    const int row = rowOf(filter);
    if (row < 0 || m_subscriptions.at(row).state == State::Pending)
        return;
    m_matchCache.clear();
    Subscription &s = m_subscriptions[row];
    s.state = State::Pending;
    s.reasonCode = 0;
    s.reasonString.clear();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

bool SubscriptionModel::removeSubscription(const QString &filter)
{
    const int row = rowOf(filter);
    if (row < 0)
        return false;
    m_matchCache.clear();
    beginRemoveRows(QModelIndex(), row, row);
    m_subscriptions.removeAt(row);
    endRemoveRows();
    Q_EMIT mutingChanged();
    return true;
}

void SubscriptionModel::removeSubscriptions(const QStringList &filters)
{
    for (const QString &filter : filters)
        removeSubscription(filter);
}

void SubscriptionModel::clear()
{
    if (m_subscriptions.isEmpty())
        return;
    m_matchCache.clear();
    beginResetModel();
    m_subscriptions.clear();
    endResetModel();
    Q_EMIT mutingChanged();
}

int SubscriptionModel::rowOf(const QString &filter) const
{
    for (int row = 0; row < m_subscriptions.size(); ++row) {
        if (m_subscriptions.at(row).filter == filter)
            return row;
    }
    return -1;
}

bool SubscriptionModel::contains(const QString &filter) const
{
    return rowOf(filter) >= 0;
}

SubscriptionModel::Subscription SubscriptionModel::subscription(int row) const
{
    return m_subscriptions.value(row);
}

QStringList SubscriptionModel::filters() const
{
    QStringList list;
    for (const Subscription &s : m_subscriptions)
        list.append(s.filter);
    return list;
}

QList<quint32> SubscriptionModel::subscriptionIdentifiers() const
{
    QList<quint32> identifiers;
    for (const Subscription &s : m_subscriptions) {
        if (s.subscriptionIdentifier != 0)
            identifiers.append(s.subscriptionIdentifier);
    }
    return identifiers;
}

void SubscriptionModel::setMuted(const QString &filter, bool muted)
{
    const int row = rowOf(filter);
    if (row < 0 || m_subscriptions.at(row).muted == muted)
        return;
    m_subscriptions[row].muted = muted;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT mutingChanged();
}

bool SubscriptionModel::isMuted(const QString &filter) const
{
    const int row = rowOf(filter);
    return row >= 0 && m_subscriptions.at(row).muted;
}

QStringList SubscriptionModel::mutedFilters() const
{
    QStringList list;
    for (const Subscription &s : m_subscriptions) {
        if (s.muted)
            list.append(s.filter);
    }
    return list;
}

QStringList SubscriptionModel::unmutedFilters() const
{
    QStringList list;
    for (const Subscription &s : m_subscriptions) {
        if (!s.muted)
            list.append(s.filter);
    }
    return list;
}

void SubscriptionModel::setColor(const QString &filter, const QColor &color)
{
    const int row = rowOf(filter);
    if (row < 0 || m_subscriptions.at(row).color == color)
        return;
    m_subscriptions[row].color = color;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SubscriptionModel::countMessage(const QString &topic)
{
    auto counts = [](const Subscription &s, const QString &topic) {
        return s.state != State::Refused && Mqtt::topicMatches(s.filter, topic);
    };
    bool counted = false;
    if (m_subscriptions.size() <= DirectMatchLimit) {
        for (Subscription &s : m_subscriptions) {
            if (counts(s, topic)) {
                ++s.messageCount;
                counted = true;
            }
        }
    } else {
        auto it = m_matchCache.constFind(topic);
        if (it == m_matchCache.constEnd()) {
            if (m_matchCache.size() >= MatchCacheLimit)
                m_matchCache.clear();
            QList<int> rows;
            for (int row = 0; row < m_subscriptions.size(); ++row) {
                if (counts(m_subscriptions.at(row), topic))
                    rows.append(row);
            }
            it = m_matchCache.insert(topic, rows);
        }
        for (const int row : it.value())
            ++m_subscriptions[row].messageCount;
        counted = !it.value().isEmpty();
    }
    if (counted)
        scheduleCountRefresh();
}

void SubscriptionModel::resetMessageCounts()
{
    for (Subscription &s : m_subscriptions)
        s.messageCount = 0;
    m_countTimer.stop();
    refreshCounts();
}

void SubscriptionModel::scheduleCountRefresh()
{
    if (!m_countTimer.isActive())
        m_countTimer.start();
}

void SubscriptionModel::refreshCounts()
{
    if (m_subscriptions.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, MessageCountColumn), index(rowCount() - 1, MessageCountColumn),
                       {Qt::DisplayRole, MessageCountRole});
}
