// SPDX-License-Identifier: Apache-2.0
#include "toptalkersmodel.h"

#include <QLocale>

#include <algorithm>

namespace {
constexpr int WindowCount = 3;
constexpr int MinuteWindow = int(TopTalkersModel::Window::OneMinute);

// A free slot of the table, or a new one at its end.
template<typename Slot>
int takeSlot(std::vector<Slot> &table, std::vector<int> &free)
{
    if (free.empty()) {
        table.emplace_back();
        return int(table.size()) - 1;
    }
    const int slot = free.back();
    free.pop_back();
    return slot;
}
} // namespace

TopTalkersModel::TopTalkersModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_elapsed.start();
    m_clock = [this] { return m_elapsed.elapsed(); };
    m_refreshTimer.setInterval(RefreshInterval);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TopTalkersModel::refresh);
}

TopTalkersModel::~TopTalkersModel() = default;

int TopTalkersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TopTalkersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TopTalkersModel::formatRate(double rate) const
{
    return QLocale().toString(rate, 'f', rate < 10 ? 1 : 0);
}

QVariant TopTalkersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const double share = m_totals.messages > 0 ? double(row.messages) / m_totals.messages : 0;
    const double byteShare = m_totals.bytes > 0 ? double(row.bytes) / m_totals.bytes : 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case MessageRateColumn:
            return formatRate(row.messageRate);
        case ByteRateColumn:
            return tr("%1/s").arg(QLocale().formattedDataSize(qint64(row.byteRate + 0.5)));
        case ShareColumn:
            return tr("%1 %").arg(QLocale().toString(share * 100, 'f', 1));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && m_kind == Kind::Subtrees)
            return tr("\"%1\" and every topic below it").arg(row.name.chopped(2));
        if (index.column() == NameColumn)
            return row.name;
        return tr("%Ln message(s) and %1 in the last %2 s: %3 of the messages, %4 of the bytes",
                  nullptr, int(qMin<qint64>(row.messages, INT_MAX)))
                .arg(QLocale().formattedDataSize(row.bytes))
                .arg(windowMs(m_window) / 1000)
                .arg(tr("%1 %").arg(QLocale().toString(share * 100, 'f', 1)),
                     tr("%1 %").arg(QLocale().toString(byteShare * 100, 'f', 1)));
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case FilterRole:
        return row.name;
    case MessageRateRole:
        return row.messageRate;
    case ByteRateRole:
        return row.byteRate;
    case MessageCountRole:
        return row.messages;
    case ByteCountRole:
        return row.bytes;
    case ShareRole:
        return share;
    case ByteShareRole:
        return byteShare;
    default:
        return {};
    }
}

QVariant TopTalkersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return m_kind == Kind::Topics ? tr("Topic") : tr("Subtree");
        case MessageRateColumn:
            return tr("Messages/s");
        case ByteRateColumn:
            return tr("Bytes/s");
        case ShareColumn:
            return tr("Share");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && section == ShareColumn)
        return tr("The share of every message received in the window");
    return {};
}

void TopTalkersModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    refresh();
}

qint64 TopTalkersModel::windowMs(Window window)
{
    switch (window) {
    case Window::OneSecond:
        return 1000;
    case Window::TenSeconds:
        return 10000;
    case Window::OneMinute:
        return 60000;
    }
    return 10000;
}

qint64 TopTalkersModel::bucketWidth(int window)
{
    return windowMs(Window(window)) / BucketsPerWindow;
}

TopTalkersModel::Buckets TopTalkersModel::bucketsAt(qint64 nowMs)
{
    // Many messages arrive within the same millisecond: three divisions saved for each.
    if (nowMs != m_lastNowMs) {
        m_lastNowMs = nowMs;
        for (int window = 0; window < WindowCount; ++window)
            m_lastBuckets[size_t(window)] = nowMs / bucketWidth(window);
    }
    return m_lastBuckets;
}

void TopTalkersModel::add(Counts &counts, const Buckets &current, qint64 bytes)
{
    const quint64 increment = 1 | (quint64(bytes) << CountBits);
    for (size_t window = 0; window < size_t(WindowCount); ++window) {
        auto &ring = counts.rings[window];
        qint64 &last = counts.lastBucket[window];
        qint64 bucket = current[window];
        if (bucket > last) {
            // The buckets passed since the last message start empty.
            const qint64 passed = qMin<qint64>(bucket - last, BucketsPerWindow);
            for (qint64 step = 1; step <= passed; ++step)
                ring[size_t((last + step) % BucketsPerWindow)] = 0;
            last = bucket;
        } else {
            bucket = last; // a steady clock does not go back; never count into the past
        }
        ring[size_t(bucket % BucketsPerWindow)] += increment;
    }
}

std::pair<qint64, qint64> TopTalkersModel::sum(const Counts &counts, int window, qint64 current)
{
    constexpr quint64 CountMask = (quint64(1) << CountBits) - 1;
    const auto &ring = counts.rings[size_t(window)];
    const qint64 last = counts.lastBucket[size_t(window)];
    qint64 messages = 0;
    qint64 bytes = 0;
    for (int step = 0; step < BucketsPerWindow; ++step) {
        const qint64 bucket = last - step;
        if (bucket <= current - BucketsPerWindow || bucket < 0)
            break; // left the window, or before the clock's zero
        const quint64 word = ring[size_t(bucket % BucketsPerWindow)];
        messages += qint64(word & CountMask);
        bytes += qint64(word >> CountBits);
    }
    return {messages, bytes};
}

void TopTalkersModel::record(const QString &topic, qint64 bytes)
{
    if (m_tracking == Tracking::Off)
        return;
    const qint64 now = m_clock();
    const Buckets current = bucketsAt(now);
    add(m_allMessages, current, bytes);
    int slot = m_topicIndex.value(topic, -1);
    if (slot < 0)
        slot = addTopic(topic, now);
    add(m_topics[size_t(slot)].counts, current, bytes);
}

int TopTalkersModel::addTopic(const QString &topic, qint64 nowMs)
{
    if (m_trackedCount >= m_maximumTopics)
        evictQuietest(nowMs);
    const int slot = takeSlot(m_topics, m_freeTopics);
    TopicSlot &tracked = m_topics[size_t(slot)];
    tracked.topic = topic;
    tracked.counts = Counts();
    tracked.counts.lastBucket = bucketsAt(nowMs);
    // Its ancestors' subtrees: "a/b/c" is below "a/#" and "a/b/#".
    tracked.ancestors.clear();
    for (qsizetype at = topic.indexOf(u'/'); at >= 0; at = topic.indexOf(u'/', at + 1))
        tracked.ancestors.push_back(internSubtree(topic.left(at)));
    m_topicIndex.insert(topic, slot);
    ++m_trackedCount;
    return slot;
}

void TopTalkersModel::removeTopic(int slot)
{
    TopicSlot &tracked = m_topics[size_t(slot)];
    m_topicIndex.remove(tracked.topic);
    for (const int ancestor : tracked.ancestors)
        releaseSubtree(ancestor);
    tracked.ancestors.clear();
    tracked.topic.clear();
    m_freeTopics.push_back(slot);
    --m_trackedCount;
}

int TopTalkersModel::internSubtree(const QString &prefix)
{
    const auto found = m_subtreeIndex.constFind(prefix);
    if (found != m_subtreeIndex.constEnd()) {
        ++m_subtrees[size_t(found.value())].refs;
        return found.value();
    }
    const int slot = takeSlot(m_subtrees, m_freeSubtrees);
    m_subtrees[size_t(slot)] = SubtreeSlot{prefix, 1, 0, 0};
    m_subtreeIndex.insert(prefix, slot);
    return slot;
}

void TopTalkersModel::releaseSubtree(int slot)
{
    SubtreeSlot &subtree = m_subtrees[size_t(slot)];
    if (--subtree.refs > 0)
        return;
    m_subtreeIndex.remove(subtree.prefix);
    subtree.prefix.clear();
    m_freeSubtrees.push_back(slot);
}

void TopTalkersModel::evictQuietest(qint64 nowMs)
{
    // An eighth at a time: a stream of new topics costs one pass per eighth of the table, not
    // one per topic.
    const qint64 minute = bucketsAt(nowMs)[MinuteWindow];
    m_evictionScratch.clear();
    for (size_t slot = 0; slot < m_topics.size(); ++slot) {
        const TopicSlot &tracked = m_topics[slot];
        if (tracked.topic.isNull())
            continue;
        m_evictionScratch.push_back({sum(tracked.counts, MinuteWindow, minute).first,
                                     tracked.counts.lastBucket[0], int(slot)});
    }
    const size_t count = qBound<size_t>(1, size_t(m_maximumTopics / 8), m_evictionScratch.size());
    const auto quieter = [](const EvictionCandidate &left, const EvictionCandidate &right) {
        return left.messages != right.messages ? left.messages < right.messages
                                               : left.lastBucket < right.lastBucket;
    };
    std::nth_element(m_evictionScratch.begin(), m_evictionScratch.begin() + qsizetype(count) - 1,
                     m_evictionScratch.end(), quieter);
    for (size_t i = 0; i < count; ++i)
        removeTopic(m_evictionScratch[i].slot);
}

void TopTalkersModel::pruneSilent(qint64 nowMs)
{
    const qint64 minute = bucketsAt(nowMs)[MinuteWindow];
    for (size_t slot = 0; slot < m_topics.size(); ++slot) {
        const TopicSlot &tracked = m_topics[slot];
        if (!tracked.topic.isNull() &&
            tracked.counts.lastBucket[MinuteWindow] <= minute - BucketsPerWindow)
            removeTopic(int(slot));
    }
}

double TopTalkersModel::coveredSeconds(qint64 nowMs) const
{
    const qint64 width = bucketWidth(int(m_window));
    const qint64 windowStart = (nowMs / width - BucketsPerWindow + 1) * width;
    const qint64 span = nowMs - qMax(windowStart, m_startedMs);
    return span > 0 ? span / 1000.0 : 0;
}

bool TopTalkersModel::rowLessThan(const Row &left, const Row &right) const
{
    switch (m_sortColumn) {
    case NameColumn:
        return left.name < right.name;
    case ByteRateColumn:
        if (left.bytes != right.bytes)
            return left.bytes < right.bytes;
        break;
    default: // messages, and the share of them
        if (left.messages != right.messages)
            return left.messages < right.messages;
        if (left.bytes != right.bytes)
            return left.bytes < right.bytes;
        break;
    }
    return left.name > right.name; // ties: A to Z in the default (descending) order
}

void TopTalkersModel::refresh()
{
    if (m_tracking == Tracking::Off)
        return;
    const qint64 now = m_clock();
    pruneSilent(now);
    const int window = int(m_window);
    const qint64 current = bucketsAt(now)[size_t(window)];
    const double seconds = coveredSeconds(now);
    const auto rate = [seconds](qint64 count) { return seconds > 0 ? count / seconds : 0.0; };

    const auto [allMessages, allBytes] = sum(m_allMessages, window, current);
    m_totals = {allMessages, allBytes, rate(allMessages), rate(allBytes)};

    std::vector<Row> rows;
    if (m_kind == Kind::Subtrees) {
        for (SubtreeSlot &subtree : m_subtrees) {
            subtree.messages = 0;
            subtree.bytes = 0;
        }
    }
    for (const TopicSlot &tracked : m_topics) {
        if (tracked.topic.isNull())
            continue;
        const auto [messages, bytes] = sum(tracked.counts, window, current);
        if (messages == 0)
            continue;
        if (m_kind == Kind::Topics) {
            rows.push_back({tracked.topic, messages, bytes, 0, 0});
            continue;
        }
        const auto addTo = [this, messages = messages, bytes = bytes](int subtree) {
            m_subtrees[size_t(subtree)].messages += messages;
            m_subtrees[size_t(subtree)].bytes += bytes;
        };
        std::for_each(tracked.ancestors.begin(), tracked.ancestors.end(), addTo);
        // "a/b/#" holds the topic "a/b" too.
        const int self = m_subtreeIndex.value(tracked.topic, -1);
        if (self >= 0)
            addTo(self);
    }
    if (m_kind == Kind::Subtrees) {
        for (const SubtreeSlot &subtree : m_subtrees) {
            if (subtree.refs > 0 && subtree.messages > 0)
                rows.push_back({subtree.prefix + QStringLiteral("/#"), subtree.messages,
                                subtree.bytes, 0, 0});
        }
    }
    const auto before = [this](const Row &left, const Row &right) {
        return m_sortOrder == Qt::AscendingOrder ? rowLessThan(left, right)
                                                 : rowLessThan(right, left);
    };
    const size_t kept = qMin(rows.size(), size_t(m_maximumRows));
    std::partial_sort(rows.begin(), rows.begin() + qsizetype(kept), rows.end(), before);
    rows.resize(kept);
    for (Row &row : rows) {
        row.messageRate = rate(row.messages);
        row.byteRate = rate(row.bytes);
    }
    applyRows(std::move(rows));
    Q_EMIT refreshed();
}

void TopTalkersModel::applyRows(std::vector<Row> rows)
{
    // Rows keep their identity (the name) across refreshes, so a view's selection and current
    // row follow their topic: rows that left are removed, new ones appended, then the order is
    // changed as a layout change and the values as a data change.
    QHash<QString, int> wanted;
    wanted.reserve(qsizetype(rows.size()));
    for (size_t row = 0; row < rows.size(); ++row)
        wanted.insert(rows[row].name, int(row));

    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (wanted.contains(m_rows[size_t(last)].name)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !wanted.contains(m_rows[size_t(first - 1)].name))
            --first;
        beginRemoveRows(QModelIndex(), first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        last = first - 1;
    }

    QHash<QString, int> present;
    present.reserve(qsizetype(m_rows.size()));
    for (size_t row = 0; row < m_rows.size(); ++row)
        present.insert(m_rows[row].name, int(row));
    std::vector<Row> arriving;
    for (const Row &row : rows) {
        if (!present.contains(row.name))
            arriving.push_back(row);
    }
    if (!arriving.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(arriving.size()) - 1);
        m_rows.insert(m_rows.end(), arriving.begin(), arriving.end());
        endInsertRows();
    }

    bool reordered = false;
    for (size_t row = 0; row < rows.size() && !reordered; ++row)
        reordered = m_rows[row].name != rows[row].name;
    if (reordered) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList from = persistentIndexList();
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex &index : from) {
            const int row = wanted.value(m_rows[size_t(index.row())].name);
            to.append(this->index(row, index.column()));
        }
        m_rows = std::move(rows);
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    } else {
        m_rows = std::move(rows);
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void TopTalkersModel::setTracking(Tracking tracking)
{
    if (tracking == m_tracking)
        return;
    if (tracking == Tracking::Off) {
        clear();
        m_tracking = tracking;
        m_refreshTimer.stop();
        return;
    }
    m_tracking = tracking;
    m_startedMs = m_clock();
    m_refreshTimer.start();
}

void TopTalkersModel::setWindow(Window window)
{
    if (window == m_window)
        return;
    m_window = window;
    refresh(); // every window is counted all the time: the new one shows at once
}

void TopTalkersModel::setKind(Kind kind)
{
    if (kind == m_kind)
        return;
    beginResetModel();
    m_kind = kind;
    m_rows.clear();
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, NameColumn, NameColumn);
    refresh();
}

void TopTalkersModel::setMaximumTopics(int count)
{
    m_maximumTopics = qMax(1, count);
    m_evictionScratch.reserve(size_t(m_maximumTopics));
    while (m_trackedCount > m_maximumTopics)
        evictQuietest(m_clock());
}

void TopTalkersModel::setMaximumRows(int count)
{
    m_maximumRows = qMax(1, count);
    refresh();
}

void TopTalkersModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_lastNowMs = -1;
}

void TopTalkersModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_topicIndex.clear();
    m_topics.clear();
    m_freeTopics.clear();
    m_trackedCount = 0;
    m_subtreeIndex.clear();
    m_subtrees.clear();
    m_freeSubtrees.clear();
    m_allMessages = Counts();
    m_totals = Totals();
    m_lastNowMs = -1;
    m_startedMs = m_clock();
    endResetModel();
}
