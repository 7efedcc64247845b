// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "protocol.h"

#include <QList>
#include <QSortFilterProxyModel>
#include <QString>

class PacketLogModel;

// Filters the packet inspector's log (a PacketLogModel) by packet type, by topic and by packet
// id. The topic filter is an MQTT filter when it holds a wildcard ("plant/+/speed"), otherwise
// a part of the topic (case-insensitive); SUBSCRIBE and UNSUBSCRIBE match on their filters.
// The id filter keeps the packets with that id (0: any).
class PacketFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit PacketFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    // The types shown; empty shows every type.
    void setTypes(const QList<Mqtt::PacketType> &types);
    QList<Mqtt::PacketType> types() const { return m_types; }
    void setTopicFilter(const QString &filter);
    QString topicFilter() const { return m_topicFilter; }
    void setPacketId(int packetId);
    int packetId() const { return m_packetId; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    PacketLogModel *m_log = nullptr;
    QList<Mqtt::PacketType> m_types;
    QString m_topicFilter;
    bool m_topicIsWildcard = false;
    int m_packetId = 0;
};
