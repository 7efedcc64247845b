// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "message.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

// Every topic seen, split on '/': per node the messages at and below it, the topics at and below
// it, the last payload, a retained marker and when it was last seen. Messages are taken as they
// come and applied in batches: one beginInsertRows() per parent for new children and one
// dataChanged() per parent for touched rows.
class TopicTreeModel : public QAbstractItemModel
{
    Q_OBJECT
    Q_PROPERTY(int flushInterval READ flushInterval WRITE setFlushInterval)

public:
    enum Column {
        NameColumn, // the level name
        MessageCountColumn, // messages at and below
        TopicCountColumn, // topics at and below
        LastPayloadColumn, // preview of the last payload received exactly here
        LastSeenColumn, // hh:mm:ss.zzz of the last message at or below
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        TopicRole = Qt::UserRole + 1, // QString, the full topic of the node
        MessageCountRole, // qint64
        TopicCountRole, // int
        LastPayloadRole, // QByteArray: first 1 KiB of the last payload exactly at this node
        LastSeenRole, // qint64 ms since the epoch, 0 if never
        RetainedRole, // bool: the broker holds a retained message for exactly this topic (the
                      // name column is then bold through Qt::FontRole, with a tooltip saying so)
        IsTopicRole, // bool: messages were received exactly on this node
        RetainedCountRole, // int: retained topics at and below
    };
    Q_ENUM(Role)

    static constexpr int DefaultFlushInterval = 50; // ms
    static constexpr int PreviewLength = 100;

    explicit TopicTreeModel(QObject *parent = nullptr);
    ~TopicTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Takes a message as it comes; applied at the next flush. Timestamp defaults to now.
    void append(const Mqtt::Message &message);
    void append(const Mqtt::Message &message, qint64 timestampMs);
    void flush();
    void clear();

    int flushInterval() const;
    void setFlushInterval(int milliseconds);

    // The node of a full topic (column 0), or an invalid index when never seen.
    QModelIndex indexForTopic(const QString &topic) const;
    QString topicForIndex(const QModelIndex &index) const;
    // Topics at or below the node that hold a retained message (for "clear retained on a
    // subtree"); an invalid index means the whole tree.
    QStringList retainedTopics(const QModelIndex &index) const;
    // Records that a topic's retained message is gone (e.g. after publishing an empty retained
    // message to it) without waiting for the broker to echo it.
    void markRetainedCleared(const QString &topic);

    int distinctTopicCount() const; // topics with at least one message
    qint64 totalMessageCount() const;

Q_SIGNALS:
    // After a flush applied a batch.
    void flushed();

private:
    struct Node;
    // What arrived for one topic since the last flush: appends coalesce per topic, so a flush
    // costs per distinct topic, not per message.
    struct Pending
    {
        QByteArray lastPayload;
        qint64 messages = 0;
        qint64 lastSeenMs = 0;
        qint8 retain = -1; // -1 no retained message, 0 retained cleared, 1 retained set

        void add(const Mqtt::Message &message, qint64 timestampMs);
    };
    struct PendingTopic
    {
        QString topic;
        Pending pending;
    };

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    void scheduleFlush();
    void collectRetained(const Node *node, QStringList &out) const;
    void setRetained(Node *node, bool retained, std::vector<Node *> *touched);

    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_topicNodes; // full topic -> its node, for every topic seen
    std::vector<Node *> m_dirty; // known topics with something pending
    std::vector<PendingTopic> m_newTopics; // topics never seen, in order of arrival
    QHash<QString, int> m_newTopicIndex; // into m_newTopics
    QTimer m_flushTimer;
    int m_distinctTopics = 0;
};
