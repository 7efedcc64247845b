// SPDX-License-Identifier: Apache-2.0
#include "packetfilterproxymodel.h"

#include "packetlogmodel.h"
#include "topic.h"

PacketFilterProxyModel::PacketFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent) { }

void PacketFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    m_log = qobject_cast<PacketLogModel *>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void PacketFilterProxyModel::setTypes(const QList<Mqtt::PacketType> &types)
{
    if (types == m_types)
        return;
    m_types = types;
    invalidateRowsFilter();
}

void PacketFilterProxyModel::setTopicFilter(const QString &filter)
{
    const QString trimmed = filter.trimmed();
    if (trimmed == m_topicFilter)
        return;
    m_topicFilter = trimmed;
    m_topicIsWildcard =
            (trimmed.contains(QLatin1Char('+')) || trimmed.contains(QLatin1Char('#'))) &&
            !Mqtt::validateTopicFilter(trimmed);
    invalidateRowsFilter();
}

void PacketFilterProxyModel::setPacketId(int packetId)
{
    if (packetId == m_packetId)
        return;
    m_packetId = packetId;
    invalidateRowsFilter();
}

bool PacketFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_log || sourceParent.isValid())
        return true;
    const Mqtt::PacketType type = m_log->typeAt(sourceRow);
    if (!m_types.isEmpty() && !m_types.contains(type))
        return false;
    if (m_packetId != 0 && m_log->packetIdAt(sourceRow) != m_packetId)
        return false;
    if (m_topicFilter.isEmpty())
        return true;
    if (type == Mqtt::PacketType::Publish) {
        const QString topic = m_log->topicAt(sourceRow);
        return m_topicIsWildcard ? Mqtt::topicMatches(m_topicFilter, topic)
                                 : topic.contains(m_topicFilter, Qt::CaseInsensitive);
    }
    if (type == Mqtt::PacketType::Subscribe || type == Mqtt::PacketType::Unsubscribe) {
        const QStringList filters = m_log->traceAt(sourceRow).filters();
        for (const QString &filter : filters) {
            if (filter == m_topicFilter || filter.contains(m_topicFilter, Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}
