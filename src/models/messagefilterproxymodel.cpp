// SPDX-License-Identifier: Apache-2.0
#include "messagefilterproxymodel.h"

#include "messagelogmodel.h"
#include "subscriptionmodel.h"
#include "topic.h"

#include <QStringDecoder>

namespace {

enum Verdict : quint8 { Unknown = 0, Accepted = 1, Rejected = 2 };

bool inSubtree(const QString &subtree, const QString &topic)
{
    if (!topic.startsWith(subtree))
        return false;
    return topic.size() == subtree.size() || topic.at(subtree.size()) == QLatin1Char('/');
}

bool matchesAny(const QStringList &filters, const QString &topic)
{
    for (const QString &filter : filters) {
        if (Mqtt::topicMatches(filter, topic))
            return true;
    }
    return false;
}

} // namespace

MessageFilterProxyModel::MessageFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // Rows keep the log's order; only filtering, never sorting.
    setDynamicSortFilter(true);
}

MessageFilterProxyModel::~MessageFilterProxyModel() = default;

void MessageFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    if (m_log)
        disconnect(m_log, &MessageLogModel::topicsCompacted, this, nullptr);
    m_log = qobject_cast<MessageLogModel *>(sourceModel);
    m_topicVerdicts.clear();
    if (m_log) {
        // Topic indexes were renumbered: the cached verdicts no longer apply.
        connect(m_log, &MessageLogModel::topicsCompacted, this, [this] { m_topicVerdicts.clear(); });
    }
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

bool MessageFilterProxyModel::setTopicFilter(const QString &filter)
{
    if (!filter.isEmpty() && Mqtt::validateTopicFilter(filter).isError())
        return false;
    if (filter == m_topicFilter)
        return true;
    m_topicFilter = filter;
    refilter();
    return true;
}

QString MessageFilterProxyModel::topicFilter() const
{
    return m_topicFilter;
}

void MessageFilterProxyModel::setPayloadFilter(const QString &text, PayloadFilterMode mode,
                                               Qt::CaseSensitivity caseSensitivity)
{
    if (text == m_payloadText && mode == m_payloadMode && caseSensitivity == m_payloadCase)
        return;
    m_payloadText = text;
    m_payloadMode = mode;
    m_payloadCase = caseSensitivity;
    m_payloadError.clear();
    m_payloadExpression = QRegularExpression();
    if (mode == PayloadFilterMode::RegularExpression && !text.isEmpty()) {
        QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
        if (caseSensitivity == Qt::CaseInsensitive)
            options |= QRegularExpression::CaseInsensitiveOption;
        m_payloadExpression = QRegularExpression(text, options);
        if (!m_payloadExpression.isValid()) {
            m_payloadError = tr("Invalid regular expression at character %1: %2")
                                     .arg(m_payloadExpression.patternErrorOffset())
                                     .arg(m_payloadExpression.errorString());
        } else {
            m_payloadExpression.optimize();
        }
    }
    refilter();
}

QString MessageFilterProxyModel::payloadFilter() const
{
    return m_payloadText;
}

MessageFilterProxyModel::PayloadFilterMode MessageFilterProxyModel::payloadFilterMode() const
{
    return m_payloadMode;
}

QString MessageFilterProxyModel::payloadFilterError() const
{
    return m_payloadError;
}

void MessageFilterProxyModel::setTopicSubtree(const QString &topic)
{
    if (topic == m_topicSubtree)
        return;
    m_topicSubtree = topic;
    refilter();
}

QString MessageFilterProxyModel::topicSubtree() const
{
    return m_topicSubtree;
}

void MessageFilterProxyModel::setMutedFilters(const QStringList &mutedFilters,
                                              const QStringList &unmutedFilters)
{
    if (mutedFilters == m_mutedFilters && unmutedFilters == m_unmutedFilters)
        return;
    m_mutedFilters = mutedFilters;
    m_unmutedFilters = unmutedFilters;
    refilter();
}

QStringList MessageFilterProxyModel::mutedFilters() const
{
    return m_mutedFilters;
}

void MessageFilterProxyModel::setSubscriptionModel(SubscriptionModel *model)
{
    for (const auto &connection : std::as_const(m_subscriptionConnections))
        disconnect(connection);
    m_subscriptionConnections.clear();
    m_subscriptions = model;
    if (model) {
        m_subscriptionConnections.append(
                connect(model, &SubscriptionModel::mutingChanged, this,
                        &MessageFilterProxyModel::updateMutedFromSubscriptions));
        m_subscriptionConnections.append(connect(model, &QObject::destroyed, this, [this] {
            setMutedFilters(QStringList(), QStringList());
        }));
        updateMutedFromSubscriptions();
    } else {
        setMutedFilters(QStringList(), QStringList());
    }
}

void MessageFilterProxyModel::updateMutedFromSubscriptions()
{
    if (m_subscriptions)
        setMutedFilters(m_subscriptions->mutedFilters(), m_subscriptions->unmutedFilters());
}

quint64 MessageFilterProxyModel::sequenceAt(int proxyRow) const
{
    const QModelIndex source = mapToSource(index(proxyRow, 0));
    return source.data(MessageLogModel::SequenceRole).value<quint64>();
}

int MessageFilterProxyModel::rowForSequence(quint64 sequence) const
{
    if (!m_log)
        return -1;
    const int sourceRow = m_log->rowForSequence(sequence);
    if (sourceRow < 0)
        return -1;
    return mapFromSource(m_log->index(sourceRow, 0)).row();
}

void MessageFilterProxyModel::refilter()
{
    Q_EMIT filtersAboutToChange();
    m_topicVerdicts.clear();
    invalidateFilter();
    Q_EMIT filtersChanged();
}

bool MessageFilterProxyModel::topicAccepted(int topicIndex, const QString &topic) const
{
    if (topicIndex >= 0 && size_t(topicIndex) < m_topicVerdicts.size() &&
        m_topicVerdicts[size_t(topicIndex)] != Unknown)
        return m_topicVerdicts[size_t(topicIndex)] == Accepted;

    bool accepted = true;
    if (!m_topicSubtree.isEmpty() && !inSubtree(m_topicSubtree, topic))
        accepted = false;
    else if (!m_topicFilter.isEmpty() && !Mqtt::topicMatches(m_topicFilter, topic))
        accepted = false;
    else if (!m_mutedFilters.isEmpty() && matchesAny(m_mutedFilters, topic) &&
             !matchesAny(m_unmutedFilters, topic))
        accepted = false;

    if (topicIndex >= 0) {
        if (size_t(topicIndex) >= m_topicVerdicts.size())
            m_topicVerdicts.resize(size_t(topicIndex) + 1 + m_topicVerdicts.size() / 2, Unknown);
        m_topicVerdicts[size_t(topicIndex)] = accepted ? Accepted : Rejected;
    }
    return accepted;
}

bool MessageFilterProxyModel::payloadAccepted(const QByteArray &payload) const
{
    if (m_payloadText.isEmpty())
        return true;
    return textAccepted(QString::fromUtf8(payload));
}

bool MessageFilterProxyModel::textAccepted(const QString &text) const
{
    if (m_payloadMode == PayloadFilterMode::RegularExpression) {
        // An unusable expression hides nothing; payloadFilterError() says why.
        if (!m_payloadExpression.isValid())
            return true;
        return m_payloadExpression.match(text).hasMatch();
    }
    return text.contains(m_payloadText, m_payloadCase);
}

bool MessageFilterProxyModel::userPropertiesAccepted(const Mqtt::Properties &properties) const
{
    for (const Mqtt::Properties::Entry &entry : properties.entries()) {
        if (entry.id == Mqtt::PropertyId::UserProperty &&
            textAccepted(QString::fromUtf8(entry.value)))
            return true;
    }
    return false;
}

bool MessageFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    const bool topicRules =
            !m_topicSubtree.isEmpty() || !m_topicFilter.isEmpty() || !m_mutedFilters.isEmpty();
    if (m_log) {
        // Connection events explain gaps in whatever the filters leave: always shown.
        if (m_log->isEventAt(sourceRow))
            return true;
        if (topicRules && !topicAccepted(m_log->topicIndexAt(sourceRow), m_log->topicAt(sourceRow)))
            return false;
        if (payloadAccepted(m_log->payloadAt(sourceRow)))
            return true;
        // 5.0: the search finds user property values too; only messages that carry
        // properties pay for the look.
        return m_log->hasPropertiesAt(sourceRow) &&
               userPropertiesAccepted(m_log->propertiesAt(sourceRow));
    }
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (topicRules && !topicAccepted(-1, index.data(MessageLogModel::TopicRole).toString()))
        return false;
    return payloadAccepted(index.data(MessageLogModel::PayloadRole).toByteArray());
}
