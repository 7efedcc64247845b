// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "message.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QColor>
#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace Payload {
struct DecodeResult;
}

// Every topic seen, split on '/': per node the messages at and below it, the topics at and below
// it, messages per second, the last payload, a retained marker and when it was last seen; per
// topic a bounded history of its last messages. Messages are taken as they come and applied in
// batches: one beginInsertRows() per parent for new children and one dataChanged() per parent
// for touched rows. Histories share a budget in bytes: past it the oldest entries of the whole
// tree go first.
class TopicTreeModel : public QAbstractItemModel
{
    Q_OBJECT
    Q_PROPERTY(int flushInterval READ flushInterval WRITE setFlushInterval)
    Q_PROPERTY(int historyDepth READ historyDepth WRITE setHistoryDepth)
    Q_PROPERTY(qint64 maximumHistoryBytes READ maximumHistoryBytes WRITE setMaximumHistoryBytes)

public:
    enum Column {
        NameColumn, // the level name
        MessageCountColumn, // messages at and below
        TopicCountColumn, // topics at and below
        RateColumn, // messages per second at and below
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
        RateRole, // double: messages per second at and below
        LastQosRole, // int 0..2: QoS of the last message exactly at this node
        LastRetainRole, // bool: retain flag of the last message exactly at this node
        LastSizeRole, // int: payload bytes of the last message exactly at this node
        HistoryCountRole, // int: entries in the node's history
        // QStringList: in a tree of several connections (append() with a connection id), the
        // names of the connections whose messages reached this node or below, in the order
        // setConnection() first named them
        ConnectionsRole,
    };
    Q_ENUM(Role)

    // One message in a topic's history.
    struct HistoryEntry
    {
        QByteArray payload; // the first HistoryPayloadBytes
        qint64 timestampMs = 0;
        quint64 sequence = 0; // order of arrival across the tree
        qint32 size = 0; // the whole payload's bytes
        Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
        bool retain = false;
        // Decoded as it arrived (Sparkplug B, which is stateful); null for the others.
        std::shared_ptr<const Payload::DecodeResult> decoded;
    };

    static constexpr int DefaultFlushInterval = 50; // ms
    static constexpr int PreviewLength = 100;
    static constexpr int DefaultHistoryDepth = 16;
    static constexpr qint64 DefaultMaximumHistoryBytes = 32 * 1024 * 1024;
    static constexpr int HistoryPayloadBytes = 4096;
    static constexpr int RateInterval = 1000; // ms between samples of the rates

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
    // The tree of several connections (the window's combined view): the message came by
    // that connection, whose name and colour setConnection() gives. The name column then shows
    // the colours of the connections that reached each node (Qt::DecorationRole) and their
    // names (tooltip, ConnectionsRole). The first 64 connections named are told apart.
    void append(const Mqtt::Message &message, qint64 timestampMs, quint16 connection);
    void setConnection(quint16 connection, const QString &name, const QColor &color);
    // With the result of decoding the payload on arrival, kept in the topic's history (a
    // connection of 0: untagged).
    void append(const Mqtt::Message &message, qint64 timestampMs, quint16 connection,
                const std::shared_ptr<const Payload::DecodeResult> &decoded);
    void flush();
    void clear();

    int flushInterval() const;
    void setFlushInterval(int milliseconds);

    // Entries kept per topic (at least 1).
    int historyDepth() const { return m_historyDepth; }
    void setHistoryDepth(int depth);
    // The budget shared by every topic's history; the oldest entries go first past it.
    qint64 maximumHistoryBytes() const { return m_maximumHistoryBytes; }
    void setMaximumHistoryBytes(qint64 bytes);
    // The history of the node, oldest first (empty for a level that never got a message).
    QList<HistoryEntry> history(const QModelIndex &index) const;
    // Estimated heap held by the histories, and by the whole tree (nodes, names, last
    // payloads and histories).
    qint64 historyBytes() const { return m_historyBytes; }
    qint64 bytesHeld() const;
    // Samples the rates now (normally every RateInterval ms while messages come).
    void sampleRates();

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
    int retainedTopicCount() const; // topics holding a retained message
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
        std::vector<HistoryEntry> recent; // a ring of the last messages, at most the depth
        size_t recentHead = 0; // the oldest in recent once it is full
        qint64 messages = 0;
        qint64 lastSeenMs = 0;
        qint8 retain = -1; // -1 no retained message, 0 retained cleared, 1 retained set

        quint64 connections = 0; // bits of m_connections
        void add(const Mqtt::Message &message, qint64 timestampMs, quint64 sequence, int depth,
                 const std::shared_ptr<const Payload::DecodeResult> &decoded);
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
    // One dataChanged() per parent over the rows of the nodes, columns first to last; clears
    // their touched marks.
    void emitChanged(std::vector<Node *> &nodes, int firstColumn, int lastColumn);
    void addHistory(Node *node, std::vector<HistoryEntry> &entries);
    void appendTagged(const Mqtt::Message &message, qint64 timestampMs, quint64 connections,
                      const std::shared_ptr<const Payload::DecodeResult> &decoded = {});
    quint64 connectionBits(quint16 connection);
    // The connections of a node's bits: their names, and one swatch with their colours.
    QStringList connectionNames(quint64 bits) const;
    QImage connectionSwatch(quint64 bits) const;
    void trimHistory();
    static qint64 entryBytes(const HistoryEntry &entry);

    struct ConnectionTag
    {
        quint16 id = 0;
        QString name;
        QColor color;
    };
    std::vector<ConnectionTag> m_connections; // bit i of a node's connections is entry i
    mutable QHash<quint64, QImage> m_swatches; // by bits

    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_topicNodes; // full topic -> its node, for every topic seen
    std::vector<Node *> m_dirty; // known topics with something pending
    std::vector<PendingTopic> m_newTopics; // topics never seen, in order of arrival
    QHash<QString, int> m_newTopicIndex; // into m_newTopics
    QTimer m_flushTimer;
    int m_distinctTopics = 0;

    int m_historyDepth = DefaultHistoryDepth;
    qint64 m_maximumHistoryBytes = DefaultMaximumHistoryBytes;
    qint64 m_historyBytes = 0;
    qint64 m_nodeBytes = 0; // nodes, names and last payloads
    quint64 m_nextSequence = 1;
    // Every history entry by age (node, sequence), for the budget. Entries a ring already
    // overwrote are skipped when they come up, and swept when they are many.
    std::deque<std::pair<Node *, quint64>> m_historyOrder;
    size_t m_historyEntries = 0; // live entries

    QTimer m_rateTimer;
    QElapsedTimer m_rateClock;
    qint64 m_lastRateSampleMs = 0;
    std::vector<Node *> m_rateNodes; // nodes with a rate above zero or messages since a sample
};
