// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QString>
#include <QTimer>

#include <array>
#include <functional>
#include <vector>

// Top talkers: the topics, or the subtrees (`sensors/kitchen/#`: a topic and everything below
// it), that received the most messages or bytes per second over a sliding window of 1 s, 10 s
// or 1 min.
//
// record() runs for every message, so it only counts: each tracked topic (interned in a hash,
// found without allocating) holds a ring of buckets per window, each a twentieth of the window
// wide, and adds the message to the current bucket of each. The ranking is computed on a timer
// (refresh(), every RefreshInterval ms): the window's buckets are summed per topic, topics are
// added into their ancestors' subtrees, and the model keeps the top maximumRows() rows in the
// order of its sort column. A message counts until its bucket leaves the window: between
// 95 % and 100 % of the window after it arrived (a message at a bucket's start stays exactly the
// window long). Rates are messages (or bytes) in the window divided by the time the window
// covers (less than the window while tracking has run for a shorter time).
//
// Memory is bounded: at most maximumTopics() topics are tracked; when a new topic comes to a
// full table the quietest (fewest messages over the last minute, then the longest silent) go,
// an eighth of the table at a time. A topic silent for more than a minute is forgotten at the
// next refresh. Topics that were never tracked or were evicted still count in the totals.
class TopTalkersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Window { OneSecond, TenSeconds, OneMinute };
    Q_ENUM(Window)
    // What a row is: one topic, or a subtree (a topic level and everything below it).
    enum class Kind { Topics, Subtrees };
    Q_ENUM(Kind)
    enum class Tracking { Off, On };
    Q_ENUM(Tracking)

    enum Column { NameColumn, MessageRateColumn, ByteRateColumn, ShareColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        // QString: what narrows the log to the row: the topic, or the subtree's filter "a/b/#".
        FilterRole = Qt::UserRole + 1,
        MessageRateRole, // double, messages per second
        ByteRateRole, // double, bytes per second
        MessageCountRole, // qint64, messages in the window
        ByteCountRole, // qint64, bytes in the window
        ShareRole, // double 0..1: the row's share of every message received in the window
        ByteShareRole, // double 0..1: the same for bytes
    };
    Q_ENUM(Role)

    static constexpr int BucketsPerWindow = 20;
    static constexpr int RefreshInterval = 500; // ms
    static constexpr int DefaultMaximumTopics = 5000;
    static constexpr int DefaultMaximumRows = 200;

    // Milliseconds on a steady clock; tests script it.
    using Clock = std::function<qint64()>;

    explicit TopTalkersModel(QObject *parent = nullptr);
    ~TopTalkersModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // Names A to Z, numbers largest first by default; applied at once and at every refresh.
    void sort(int column, Qt::SortOrder order = Qt::DescendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // Counts one message (its payload's size). Does nothing while tracking is off.
    void record(const QString &topic, qint64 bytes);

    // Off by default: nothing is counted and the refresh timer stops. Turning it off forgets
    // what was counted.
    Tracking tracking() const { return m_tracking; }
    void setTracking(Tracking tracking);

    Window window() const { return m_window; }
    void setWindow(Window window);
    static qint64 windowMs(Window window);
    Kind kind() const { return m_kind; }
    void setKind(Kind kind);

    int maximumTopics() const { return m_maximumTopics; }
    void setMaximumTopics(int count); // >= 1
    int maximumRows() const { return m_maximumRows; }
    void setMaximumRows(int count); // >= 1
    int trackedTopicCount() const { return m_trackedCount; }
    bool isTracked(const QString &topic) const { return m_topicIndex.contains(topic); }

    void setClock(Clock clock);
    // Ranks again now with the clock's time (the timer does it every RefreshInterval ms).
    void refresh();
    // Forgets every count.
    void clear();

    // Every message received in the window, and the rates over it, tracked or not.
    qint64 totalMessages() const { return m_totals.messages; }
    double totalMessageRate() const { return m_totals.messageRate; }
    double totalByteRate() const { return m_totals.byteRate; }

Q_SIGNALS:
    // After a refresh changed the rows or their values.
    void refreshed();

private:
    using Buckets = std::array<qint64, 3>; // a bucket number of each window, by Window
    // Counts of a topic (or of every message): per window a ring of buckets, each one word
    // holding a message count (the low CountBits bits) and a byte count (the bits above), so a
    // message adds to one word per window; the newest bucket of each ring is in lastBucket
    // (bucket numbers count from the clock's zero). Together at the start of the topic's slot:
    // a message touches few cache lines.
    static constexpr int CountBits = 24;
    struct Counts
    {
        Buckets lastBucket{};
        std::array<std::array<quint64, BucketsPerWindow>, 3> rings{};
    };
    struct TopicSlot
    {
        Counts counts;
        QString topic; // null: a free slot
        std::vector<int> ancestors; // subtree slots, outermost first
    };
    struct SubtreeSlot
    {
        QString prefix; // "a/b" for the subtree "a/b/#"; free when refs is 0
        int refs = 0; // topics below it
        qint64 messages = 0; // summed at refresh
        qint64 bytes = 0;
    };
    struct Row
    {
        QString name; // the topic, or the subtree's filter
        qint64 messages = 0;
        qint64 bytes = 0;
        double messageRate = 0;
        double byteRate = 0;
    };
    struct Totals
    {
        qint64 messages = 0;
        qint64 bytes = 0;
        double messageRate = 0;
        double byteRate = 0;
    };

    static qint64 bucketWidth(int window);
    Buckets bucketsAt(qint64 nowMs);
    static void add(Counts &counts, const Buckets &current, qint64 bytes);
    // Messages and bytes of the ring's buckets inside the window ending in bucket current.
    static std::pair<qint64, qint64> sum(const Counts &counts, int window, qint64 current);
    int addTopic(const QString &topic, qint64 nowMs);
    void removeTopic(int slot);
    int internSubtree(const QString &prefix);
    void releaseSubtree(int slot);
    void evictQuietest(qint64 nowMs);
    void pruneSilent(qint64 nowMs);
    double coveredSeconds(qint64 nowMs) const;
    bool rowLessThan(const Row &left, const Row &right) const;
    void applyRows(std::vector<Row> rows);
    QString formatRate(double rate) const;

    Tracking m_tracking = Tracking::Off;
    Window m_window = Window::TenSeconds;
    Kind m_kind = Kind::Topics;
    int m_maximumTopics = DefaultMaximumTopics;
    int m_maximumRows = DefaultMaximumRows;
    int m_sortColumn = MessageRateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    Clock m_clock;
    qint64 m_startedMs = 0; // when tracking began

    QHash<QString, int> m_topicIndex;
    std::vector<TopicSlot> m_topics;
    std::vector<int> m_freeTopics;
    int m_trackedCount = 0;
    QHash<QString, int> m_subtreeIndex; // by prefix
    std::vector<SubtreeSlot> m_subtrees;
    std::vector<int> m_freeSubtrees;
    Counts m_allMessages; // every message, tracked or not
    Totals m_totals;
    struct EvictionCandidate
    {
        qint64 messages = 0; // over the last minute
        qint64 lastBucket = 0; // of the 1 s window: when it was last heard
        int slot = 0;
    };
    std::vector<EvictionCandidate> m_evictionScratch; // reused: no allocation per eviction
    qint64 m_lastNowMs = -1; // the buckets of the last record(), reused within the same ms
    Buckets m_lastBuckets{};
    QElapsedTimer m_elapsed; // the default clock

    std::vector<Row> m_rows;
    QTimer m_refreshTimer;
};
