// SPDX-License-Identifier: Apache-2.0
#include "topictreemodel.h"

#include "payloadformat.h"

#include <QDateTime>
#include <QFont>
#include <QTime>

#include <algorithm>

namespace {
// Bytes of the last payload kept per topic: enough for the preview and a short detail view.
constexpr int StoredPayloadBytes = 1024;
// Above this many new topics pending a flush happens at once, which bounds the buffer.
constexpr size_t MaximumPendingTopics = 50000;
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
    qint64 messageCount = 0; // at and below
    qint64 lastSeenMs = 0; // at and below
    int topicCount = 0; // at and below
    int retainedCount = 0; // at and below
    bool isTopic = false;
    bool retained = false;
    bool isNew = false; // created in the running flush, not yet visible
    bool touched = false; // changed in the running flush
    bool dirty = false; // in m_dirty
    Pending pending; // received since the last flush (topics only)
};

void TopicTreeModel::Pending::add(const Mqtt::Message &message, qint64 timestampMs)
{
    ++messages;
    lastPayload = message.payload;
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
        if (index.column() != NameColumn)
            return QVariant();
        return node->retained ? tr("%1\nThe broker holds a retained message for this topic.")
                                        .arg(topicForIndex(index))
                              : topicForIndex(index);
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
    return names;
}

void TopicTreeModel::append(const Mqtt::Message &message)
{
    append(message, QDateTime::currentMSecsSinceEpoch());
}

void TopicTreeModel::append(const Mqtt::Message &message, qint64 timestampMs)
{
    if (Node *leaf = m_topicNodes.value(message.topic)) {
        leaf->pending.add(message, timestampMs);
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
        m_newTopics[size_t(index)].pending.add(message, timestampMs);
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
        leaf->lastPayload = pending.lastPayload.size() > StoredPayloadBytes
                                    ? pending.lastPayload.left(StoredPayloadBytes)
                                    : pending.lastPayload;
        for (Node *n = leaf; n; n = n->parent) {
            n->messageCount += pending.messages;
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

    // One dataChanged() per parent, spanning its touched rows.
    std::sort(touched.begin(), touched.end(), [](const Node *a, const Node *b) {
        return a->parent != b->parent ? a->parent < b->parent : a->row < b->row;
    });
    for (size_t i = 0; i < touched.size();) {
        size_t j = i;
        while (j + 1 < touched.size() && touched[j + 1]->parent == touched[i]->parent)
            ++j;
        Node *parent = touched[i]->parent;
        const QModelIndex parentIndex = indexFor(parent);
        Q_EMIT dataChanged(index(touched[i]->row, 0, parentIndex),
                           index(touched[j]->row, ColumnCount - 1, parentIndex));
        for (size_t k = i; k <= j; ++k)
            touched[k]->touched = false;
        i = j + 1;
    }
    Q_EMIT flushed();
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

int TopicTreeModel::distinctTopicCount() const
{
    return m_distinctTopics;
}

qint64 TopicTreeModel::totalMessageCount() const
{
    return m_root->messageCount;
}
