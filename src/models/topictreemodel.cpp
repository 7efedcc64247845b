// SPDX-License-Identifier: Apache-2.0
#include "topictreemodel.h"

#include "decodedtreemodel.h"
#include "payloadformat.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QTime>

#include <algorithm>

namespace {
// Bytes of the last payload kept per topic: enough for the preview and a short detail view.
constexpr int StoredPayloadBytes = 1024;
// Above this many new topics pending a flush happens at once, which bounds the buffer.
constexpr size_t MaximumPendingTopics = 50000;
// What the allocator keeps around each heap block, and a node's bookkeeping outside the struct
// (its entry in the parent's name hash, the topic hash and the children vector). Only used for
// the estimate of bytesHeld().
constexpr qint64 HeapBlockOverhead = 32;
constexpr qint64 NodeBookkeeping = 3 * 48;
// Weight of the newest sample in the smoothed rate (per RateInterval).
constexpr double RateSmoothing = 0.5;

qint64 bufferBytes(const QByteArray &bytes)
{
    return bytes.isEmpty() ? 0 : bytes.size() + HeapBlockOverhead;
}
} // namespace

struct TopicTreeModel::Node
{
    QString name;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    // New children found during a flush, announced with one beginInsertRows() at its end.
    std::vector<std::unique_ptr<Node>> staged;
    QHash<QString, Node *> childByName; // live and staged children
    QByteArray lastPayload; // exactly at this node, first StoredPayloadBytes
    std::vector<HistoryEntry> history; // a ring of at most the depth, oldest at historyHead
    size_t historyHead = 0;
    qint64 messageCount = 0; // at and below
    quint64 connections = 0; // at and below: bits of m_connections (a combined tree)
    qint64 lastSeenMs = 0; // at and below
    qint64 rateBaseCount = 0; // messageCount at the last rate sample
    double rate = 0; // messages per second at and below, smoothed
    int topicCount = 0; // at and below
    int retainedCount = 0; // at and below
    qint32 lastSize = 0; // payload bytes of the last message here
    Mqtt::QoS lastQos = Mqtt::QoS::AtMostOnce;
    bool lastRetain = false;
    bool isTopic = false;
    bool retained = false;
    bool rateActive = false; // in m_rateNodes
    bool isNew = false; // created in the running flush, not yet visible
    bool touched = false; // changed in the running flush
    bool dirty = false; // in m_dirty
    Pending pending; // received since the last flush (topics only)

    const HistoryEntry &oldestEntry() const { return history[historyHead]; }
    const HistoryEntry &newestEntry() const
    {
        return history[(historyHead + history.size() - 1) % history.size()];
    }
    // Puts the ring in arrival order (oldest at index 0).
    void normalizeHistory()
    {
        std::rotate(history.begin(), history.begin() + qsizetype(historyHead), history.end());
        historyHead = 0;
    }
};

void TopicTreeModel::Pending::add(const Mqtt::Message &message, qint64 timestampMs,
                                  quint64 sequence, int depth,
                                  const std::shared_ptr<const Payload::DecodeResult> &decoded)
{
    ++messages;
    HistoryEntry entry;
    entry.payload = message.payload.size() > HistoryPayloadBytes
                            ? message.payload.left(HistoryPayloadBytes)
                            : message.payload;
    entry.timestampMs = timestampMs;
    entry.sequence = sequence;
    entry.size = qint32(message.payload.size());
    entry.qos = message.qos;
    entry.retain = message.retain;
    entry.decoded = decoded;
    // Only the last `depth` can reach the history: a ring, so a busy topic costs one
    // assignment per message.
    if (recent.size() < size_t(depth)) {
        recent.push_back(std::move(entry));
    } else {
        recent[recentHead] = std::move(entry);
        recentHead = (recentHead + 1) % recent.size();
    }
    lastSeenMs = qMax(lastSeenMs, timestampMs);
    // A retained message with an empty payload deletes the retained message [MQTT-3.3.1-10];
    // live (non-retained) messages say nothing about what the broker retains.
    if (message.retain)
        retain = message.payload.isEmpty() ? 0 : 1;
}

TopicTreeModel::TopicTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(DefaultFlushInterval);
    connect(&m_flushTimer, &QTimer::timeout, this, &TopicTreeModel::flush);
    m_rateTimer.setInterval(RateInterval);
    connect(&m_rateTimer, &QTimer::timeout, this, &TopicTreeModel::sampleRates);
    m_rateClock.start();
}

TopicTreeModel::~TopicTreeModel() = default;

TopicTreeModel::Node *TopicTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex TopicTreeModel::indexFor(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return QModelIndex();
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex TopicTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || size_t(row) >= node->children.size())
        return QModelIndex();
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex TopicTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    return indexFor(nodeFor(child)->parent);
}

int TopicTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int TopicTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool TopicTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    return !nodeFor(parent)->children.empty();
}

QVariant TopicTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return node->name.isEmpty() ? tr("(empty)") : node->name;
        case MessageCountColumn:
            return node->messageCount;
        case TopicCountColumn:
            return node->topicCount;
        case RateColumn:
            if (node->rate <= 0)
                return QString();
            return QLocale().toString(node->rate, 'f', node->rate < 10 ? 1 : 0);
        case LastPayloadColumn:
            return node->isTopic ? PayloadFormat::preview(node->lastPayload, PreviewLength)
                                 : QString();
        case LastSeenColumn:
            return node->lastSeenMs == 0 ? QString()
                                         : QDateTime::fromMSecsSinceEpoch(node->lastSeenMs)
                                                   .time()
                                                   .toString(QStringLiteral("hh:mm:ss.zzz"));
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == LastPayloadColumn) {
            // The whole value the cell cuts short (as far as it is kept).
            if (!node->isTopic)
                return QVariant();
            const QByteArray &kept =
                    node->history.empty() ? node->lastPayload : node->newestEntry().payload;
            return PayloadFormat::toText(kept);
        }
        if (index.column() != NameColumn)
            return QVariant();
        {
            QString tip = node->retained
                                  ? tr("%1\nThe broker holds a retained message for this topic.")
                                            .arg(topicForIndex(index))
                                  : topicForIndex(index);
            if (node->connections != 0) {
                tip += QLatin1Char('\n') +
                       tr("Connections: %1")
                               .arg(connectionNames(node->connections).join(QStringLiteral(", ")));
            }
            return tip;
        }
    case Qt::DecorationRole:
        if (index.column() == NameColumn && node->connections != 0)
            return connectionSwatch(node->connections);
        return QVariant();
    case ConnectionsRole:
        return connectionNames(node->connections);
    case Qt::FontRole:
        // The retained marker: topics holding a retained message are shown in bold.
        if (index.column() == NameColumn && node->retained) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == MessageCountColumn || index.column() == TopicCountColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant();
    case TopicRole:
        return topicForIndex(index);
    case MessageCountRole:
        return node->messageCount;
    case TopicCountRole:
        return node->topicCount;
    case LastPayloadRole:
        return node->lastPayload;
    case LastSeenRole:
        return node->lastSeenMs;
    case RetainedRole:
        return node->retained;
    case IsTopicRole:
        return node->isTopic;
    case RetainedCountRole:
        return node->retainedCount;
    case RateRole:
        return node->rate;
    case LastQosRole:
        return int(node->lastQos);
    case LastRetainRole:
        return node->lastRetain;
    case LastSizeRole:
        return node->lastSize;
    case HistoryCountRole:
        return int(node->history.size());
    }
    return QVariant();
}

QVariant TopicTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Topic");
    case MessageCountColumn:
        return tr("Messages");
    case TopicCountColumn:
        return tr("Topics");
    case RateColumn:
        return tr("Msgs/s");
    case LastPayloadColumn:
        return tr("Last payload");
    case LastSeenColumn:
        return tr("Last seen");
    }
    return QVariant();
}

QHash<int, QByteArray> TopicTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(TopicRole, "topic");
    names.insert(MessageCountRole, "messageCount");
    names.insert(TopicCountRole, "topicCount");
    names.insert(LastPayloadRole, "lastPayload");
    names.insert(LastSeenRole, "lastSeen");
    names.insert(RetainedRole, "retained");
    names.insert(IsTopicRole, "isTopic");
    names.insert(RetainedCountRole, "retainedCount");
    names.insert(RateRole, "rate");
    names.insert(LastQosRole, "lastQos");
    names.insert(LastRetainRole, "lastRetain");
    names.insert(LastSizeRole, "lastSize");
    names.insert(HistoryCountRole, "historyCount");
    names.insert(ConnectionsRole, "connections");
    return names;
}

void TopicTreeModel::append(const Mqtt::Message &message)
{
    append(message, QDateTime::currentMSecsSinceEpoch());
}

void TopicTreeModel::append(const Mqtt::Message &message, qint64 timestampMs)
{
    appendTagged(message, timestampMs, 0);
}

void TopicTreeModel::append(const Mqtt::Message &message, qint64 timestampMs, quint16 connection)
{
    appendTagged(message, timestampMs, connectionBits(connection));
}

void TopicTreeModel::append(const Mqtt::Message &message, qint64 timestampMs, quint16 connection,
                            const std::shared_ptr<const Payload::DecodeResult> &decoded)
{
    appendTagged(message, timestampMs, connection == 0 ? 0 : connectionBits(connection), decoded);
}

quint64 TopicTreeModel::connectionBits(quint16 connection)
{
    constexpr size_t Bits = 64;
    size_t bit = 0;
    while (bit < m_connections.size() && m_connections[bit].id != connection)
        ++bit;
    if (bit == m_connections.size() && bit < Bits)
        m_connections.push_back(ConnectionTag{connection, QString::number(connection), QColor()});
    return quint64(1) << qMin(bit, Bits - 1);
}

void TopicTreeModel::setConnection(quint16 connection, const QString &name, const QColor &color)
{
    for (ConnectionTag &tag : m_connections) {
        if (tag.id == connection) {
            tag.name = name;
            tag.color = color;
            m_swatches.clear();
            return;
        }
    }
    if (m_connections.size() < 64)
        m_connections.push_back(ConnectionTag{connection, name, color});
}

QStringList TopicTreeModel::connectionNames(quint64 bits) const
{
    QStringList names;
    for (size_t bit = 0; bit < m_connections.size(); ++bit) {
        if (bits & (quint64(1) << bit))
            names << m_connections[bit].name;
    }
    return names;
}

QImage TopicTreeModel::connectionSwatch(quint64 bits) const
{
    auto cached = m_swatches.constFind(bits);
    if (cached != m_swatches.constEnd())
        return cached.value();
    // One stripe per connection, side by side, in the connections' colours.
    std::vector<QColor> colors;
    for (size_t bit = 0; bit < m_connections.size(); ++bit) {
        if (bits & (quint64(1) << bit))
            colors.push_back(m_connections[bit].color);
    }
    constexpr int Size = 12;
    QImage swatch(Size, Size, QImage::Format_ARGB32_Premultiplied);
    swatch.fill(Qt::transparent);
    const int count = int(colors.size());
    for (int i = 0; i < count; ++i) {
        const int left = i * Size / count;
        const int right = (i + 1) * Size / count;
        for (int y = 0; y < Size; ++y) {
            for (int x = left; x < right; ++x)
                swatch.setPixelColor(x, y, colors[size_t(i)]);
        }
    }
    m_swatches.insert(bits, swatch);
    return swatch;
}

void TopicTreeModel::appendTagged(const Mqtt::Message &message, qint64 timestampMs,
                                  quint64 connections,
                                  const std::shared_ptr<const Payload::DecodeResult> &decoded)
{
    const quint64 sequence = m_nextSequence++;
    if (Node *leaf = m_topicNodes.value(message.topic)) {
        leaf->pending.add(message, timestampMs, sequence, m_historyDepth, decoded);
        leaf->pending.connections |= connections;
        if (!leaf->dirty) {
            leaf->dirty = true;
            m_dirty.push_back(leaf);
        }
    } else {
        auto it = m_newTopicIndex.constFind(message.topic);
        int index;
        if (it == m_newTopicIndex.constEnd()) {
            index = int(m_newTopics.size());
            m_newTopics.push_back(PendingTopic{message.topic, Pending()});
            m_newTopicIndex.insert(message.topic, index);
        } else {
            index = it.value();
        }
        Pending &pending = m_newTopics[size_t(index)].pending;
        pending.add(message, timestampMs, sequence, m_historyDepth, decoded);
        pending.connections |= connections;
    }
    if (m_newTopics.size() >= MaximumPendingTopics)
        flush();
    else
        scheduleFlush();
}

void TopicTreeModel::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void TopicTreeModel::setRetained(Node *node, bool retained, std::vector<Node *> *touched)
{
    if (node->retained == retained)
        return;
    node->retained = retained;
    const int delta = retained ? 1 : -1;
    for (Node *n = node; n; n = n->parent) {
        n->retainedCount += delta;
        if (touched && !n->isNew && !n->touched && n != m_root.get()) {
            n->touched = true;
            touched->push_back(n);
        }
    }
}

void TopicTreeModel::flush()
{
    m_flushTimer.stop();
    if (m_dirty.empty() && m_newTopics.empty())
        return;

    std::vector<Node *> created;
    std::vector<Node *> stagedParents;
    std::vector<Node *> touched;
    std::vector<Node *> dirty;
    dirty.swap(m_dirty);
    Node *root = m_root.get();

    // New topics get their nodes (children of visible nodes are staged for one insert each).
    std::vector<PendingTopic> newTopics;
    newTopics.swap(m_newTopics);
    m_newTopicIndex.clear();
    for (PendingTopic &entry : newTopics) {
        const QString &topic = entry.topic;
        Node *node = root;
        qsizetype start = 0;
        while (true) {
            const qsizetype slash = topic.indexOf(QLatin1Char('/'), start);
            const qsizetype end = slash < 0 ? topic.size() : slash;
            const QString name = topic.mid(start, end - start);
            Node *child = node->childByName.value(name);
            if (!child) {
                auto fresh = std::make_unique<Node>();
                fresh->name = name;
                fresh->parent = node;
                fresh->isNew = true;
                m_nodeBytes += qint64(sizeof(Node)) + NodeBookkeeping + name.size() * 2 +
                               HeapBlockOverhead;
                child = fresh.get();
                created.push_back(child);
                if (node->isNew) {
                    // The parent is not visible yet: no signal needed for its children.
                    fresh->row = int(node->children.size());
                    node->children.push_back(std::move(fresh));
                } else {
                    if (node->staged.empty())
                        stagedParents.push_back(node);
                    fresh->row = int(node->children.size() + node->staged.size());
                    node->staged.push_back(std::move(fresh));
                }
                node->childByName.insert(name, child);
            }
            node = child;
            if (slash < 0)
                break;
            start = slash + 1;
        }
        m_topicNodes.insert(topic, node);
        m_nodeBytes += topic.size() * 2 + HeapBlockOverhead;
        // A level node that gets its first message of its own is pending like any topic.
        node->pending = std::move(entry.pending);
        if (!node->dirty) {
            node->dirty = true;
            dirty.push_back(node);
        }
    }

    for (Node *leaf : dirty) {
        Pending pending = std::move(leaf->pending);
        leaf->pending = Pending();
        leaf->dirty = false;
        const bool firstMessage = !leaf->isTopic;
        if (firstMessage) {
            leaf->isTopic = true;
            ++m_distinctTopics;
        }
        std::rotate(pending.recent.begin(), pending.recent.begin() + qsizetype(pending.recentHead),
                    pending.recent.end());
        const HistoryEntry &last = pending.recent.back();
        m_nodeBytes -= bufferBytes(leaf->lastPayload);
        leaf->lastPayload = last.payload.size() > StoredPayloadBytes
                                    ? last.payload.left(StoredPayloadBytes)
                                    : last.payload;
        m_nodeBytes += bufferBytes(leaf->lastPayload);
        leaf->lastSize = last.size;
        leaf->lastQos = last.qos;
        leaf->lastRetain = last.retain;
        addHistory(leaf, pending.recent);
        for (Node *n = leaf; n; n = n->parent) {
            if (!n->rateActive && n != root) {
                n->rateActive = true;
                n->rateBaseCount = n->messageCount;
                m_rateNodes.push_back(n);
            }
            n->messageCount += pending.messages;
            n->connections |= pending.connections;
            if (firstMessage)
                ++n->topicCount;
            n->lastSeenMs = qMax(n->lastSeenMs, pending.lastSeenMs);
            if (!n->isNew && !n->touched && n != root) {
                n->touched = true;
                touched.push_back(n);
            }
        }
        if (pending.retain >= 0)
            setRetained(leaf, pending.retain == 1, &touched);
    }

    for (Node *parent : stagedParents) {
        const int first = int(parent->children.size());
        const int last = first + int(parent->staged.size()) - 1;
        beginInsertRows(indexFor(parent), first, last);
        for (auto &child : parent->staged)
            parent->children.push_back(std::move(child));
        parent->staged.clear();
        endInsertRows();
    }
    for (Node *node : created)
        node->isNew = false;
    trimHistory();
    if (!m_rateNodes.empty() && !m_rateTimer.isActive()) {
        m_lastRateSampleMs = m_rateClock.elapsed();
        m_rateTimer.start();
    }

    emitChanged(touched, 0, ColumnCount - 1);
    Q_EMIT flushed();
}

void TopicTreeModel::emitChanged(std::vector<Node *> &nodes, int firstColumn, int lastColumn)
{
    // One dataChanged() per parent, spanning its touched rows.
    std::sort(nodes.begin(), nodes.end(), [](const Node *a, const Node *b) {
        return a->parent != b->parent ? a->parent < b->parent : a->row < b->row;
    });
    for (size_t i = 0; i < nodes.size();) {
        size_t j = i;
        while (j + 1 < nodes.size() && nodes[j + 1]->parent == nodes[i]->parent)
            ++j;
        const QModelIndex parentIndex = indexFor(nodes[i]->parent);
        Q_EMIT dataChanged(index(nodes[i]->row, firstColumn, parentIndex),
                           index(nodes[j]->row, lastColumn, parentIndex));
        for (size_t k = i; k <= j; ++k)
            nodes[k]->touched = false;
        i = j + 1;
    }
}

qint64 TopicTreeModel::entryBytes(const HistoryEntry &entry)
{
    return qint64(sizeof(HistoryEntry)) + bufferBytes(entry.payload) +
           (entry.decoded ? DecodedTreeModel::heapBytes(*entry.decoded) : 0);
}

void TopicTreeModel::addHistory(Node *node, std::vector<HistoryEntry> &entries)
{
    const size_t depth = size_t(m_historyDepth);
    if (node->history.size() > depth) { // the depth was lowered since
        node->normalizeHistory();
        const size_t extra = node->history.size() - depth;
        for (size_t i = 0; i < extra; ++i)
            m_historyBytes -= entryBytes(node->history[i]);
        m_historyEntries -= extra;
        node->history.erase(node->history.begin(), node->history.begin() + qsizetype(extra));
    }
    if (node->history.capacity() == 0)
        node->history.reserve(qMin(depth, entries.size() + 1));
    const size_t first = entries.size() > depth ? entries.size() - depth : 0;
    for (size_t i = first; i < entries.size(); ++i) {
        HistoryEntry &entry = entries[i];
        m_historyBytes += entryBytes(entry);
        m_historyOrder.emplace_back(node, entry.sequence);
        if (node->history.size() < depth) {
            node->history.push_back(std::move(entry));
            ++m_historyEntries;
        } else { // full: the newest takes the oldest's place
            HistoryEntry &oldest = node->history[node->historyHead];
            m_historyBytes -= entryBytes(oldest);
            oldest = std::move(entry);
            node->historyHead = (node->historyHead + 1) % node->history.size();
        }
    }
}

void TopicTreeModel::trimHistory()
{
    while (m_historyBytes > m_maximumHistoryBytes && !m_historyOrder.empty()) {
        const auto [node, sequence] = m_historyOrder.front();
        m_historyOrder.pop_front();
        if (node->history.empty() || node->oldestEntry().sequence != sequence)
            continue; // a ring overwrote it already
        node->normalizeHistory();
        m_historyBytes -= entryBytes(node->history.front());
        node->history.erase(node->history.begin());
        --m_historyEntries;
    }
    // Records of overwritten entries pile up with many messages on few topics: sweep them.
    if (m_historyOrder.size() > 2 * m_historyEntries + 4096) {
        std::deque<std::pair<Node *, quint64>> live;
        for (const auto &record : m_historyOrder) {
            const Node *node = record.first;
            if (!node->history.empty() && record.second >= node->oldestEntry().sequence)
                live.push_back(record);
        }
        m_historyOrder.swap(live);
    }
}

void TopicTreeModel::sampleRates()
{
    const qint64 now = m_rateClock.elapsed();
    const qint64 elapsed = now - m_lastRateSampleMs;
    if (elapsed <= 0)
        return;
    m_lastRateSampleMs = now;
    std::vector<Node *> changed;
    for (size_t i = 0; i < m_rateNodes.size();) {
        Node *node = m_rateNodes[i];
        const double latest = double(node->messageCount - node->rateBaseCount) * 1000.0 / elapsed;
        node->rateBaseCount = node->messageCount;
        double rate = node->rate == 0 ? latest
                                      : RateSmoothing * latest + (1 - RateSmoothing) * node->rate;
        if (rate < 0.05 && latest == 0)
            rate = 0; // gone quiet
        if (rate != node->rate) {
            node->rate = rate;
            node->touched = true;
            changed.push_back(node);
        }
        if (rate == 0) { // leaves the sampling until its next message
            node->rateActive = false;
            m_rateNodes[i] = m_rateNodes.back();
            m_rateNodes.pop_back();
        } else {
            ++i;
        }
    }
    if (m_rateNodes.empty())
        m_rateTimer.stop();
    emitChanged(changed, RateColumn, RateColumn);
}

void TopicTreeModel::clear()
{
    m_flushTimer.stop();
    beginResetModel();
    m_dirty.clear();
    m_newTopics.clear();
    m_newTopicIndex.clear();
    m_root = std::make_unique<Node>();
    m_topicNodes.clear();
    m_distinctTopics = 0;
    m_historyOrder.clear();
    m_historyEntries = 0;
    m_historyBytes = 0;
    m_nodeBytes = 0;
    m_rateNodes.clear();
    m_rateTimer.stop();
    m_swatches.clear();
    endResetModel();
}

int TopicTreeModel::flushInterval() const
{
    return m_flushTimer.interval();
}

void TopicTreeModel::setFlushInterval(int milliseconds)
{
    m_flushTimer.setInterval(qMax(0, milliseconds));
}

QModelIndex TopicTreeModel::indexForTopic(const QString &topic) const
{
    const Node *leaf = m_topicNodes.value(topic);
    if (leaf)
        return leaf->isNew ? QModelIndex() : indexFor(leaf);
    // Inner levels that never got a message of their own.
    const Node *node = m_root.get();
    for (const QStringView level : QStringView(topic).split(QLatin1Char('/'))) {
        node = node->childByName.value(level.toString());
        if (!node || node->isNew)
            return QModelIndex();
    }
    return indexFor(node);
}

QString TopicTreeModel::topicForIndex(const QModelIndex &index) const
{
    if (!index.isValid())
        return QString();
    QStringList levels;
    for (const Node *node = nodeFor(index); node && node != m_root.get(); node = node->parent)
        levels.prepend(node->name);
    return levels.join(QLatin1Char('/'));
}

void TopicTreeModel::collectRetained(const Node *node, QStringList &out) const
{
    if (node->retainedCount == 0)
        return;
    if (node->retained)
        out.append(topicForIndex(indexFor(node)));
    for (const auto &child : node->children)
        collectRetained(child.get(), out);
}

QStringList TopicTreeModel::retainedTopics(const QModelIndex &index) const
{
    QStringList topics;
    collectRetained(nodeFor(index), topics);
    return topics;
}

void TopicTreeModel::markRetainedCleared(const QString &topic)
{
    const QModelIndex index = indexForTopic(topic);
    if (!index.isValid())
        return;
    Node *node = nodeFor(index);
    if (!node->retained)
        return;
    std::vector<Node *> touched;
    setRetained(node, false, &touched);
    for (Node *n : touched) {
        n->touched = false;
        Q_EMIT dataChanged(indexFor(n, 0), indexFor(n, ColumnCount - 1));
    }
}

void TopicTreeModel::setHistoryDepth(int depth)
{
    m_historyDepth = qMax(1, depth);
}

void TopicTreeModel::setMaximumHistoryBytes(qint64 bytes)
{
    m_maximumHistoryBytes = qMax<qint64>(0, bytes);
    trimHistory();
}

QList<TopicTreeModel::HistoryEntry> TopicTreeModel::history(const QModelIndex &index) const
{
    QList<HistoryEntry> entries;
    if (!index.isValid())
        return entries;
    const Node *node = nodeFor(index);
    const size_t count = node->history.size();
    entries.reserve(qsizetype(count));
    for (size_t i = 0; i < count; ++i)
        entries.append(node->history[(node->historyHead + i) % count]);
    return entries;
}

qint64 TopicTreeModel::bytesHeld() const
{
    return qint64(sizeof(Node)) + m_nodeBytes + m_historyBytes +
           qint64(m_historyOrder.size() * sizeof(std::pair<Node *, quint64>));
}

int TopicTreeModel::distinctTopicCount() const
{
    return m_distinctTopics;
}

int TopicTreeModel::retainedTopicCount() const
{
    return m_root->retainedCount;
}

qint64 TopicTreeModel::totalMessageCount() const
{
    return m_root->messageCount;
}
