// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "packetpairing.h"
#include "packettrace.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <QList>

#include <deque>

// The packet inspector's log of one connection: every control packet both ways (a
// Client::packetTraced() each), paired with its answer by PacketPairing, with the latency of
// each pair; a request left without an answer for timeoutMs() is marked unanswered. Like the
// message log, packets reach the views in batches (one beginInsertRows() per flush), a budget
// by count and by bytes trims the oldest rows with beginRemoveRows(), display text is made in
// data() only, and filtering lives in PacketFilterProxyModel.
class PacketLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumberColumn, // the packet's number since the log began (its sequence)
        TimeColumn,
        DirectionColumn,
        TypeColumn,
        PacketIdColumn,
        FlagsColumn, // QoS, DUP, retain; session present
        ReasonColumn, // in words
        TopicColumn, // PUBLISH topic, SUBSCRIBE / UNSUBSCRIBE filters
        PropertiesColumn, // 5.0, one line
        SizeColumn, // on the wire
        LatencyColumn, // of the pair the packet belongs to
        PairColumn, // answers #N / answered by #N / waiting / no answer / resend of #N
        ColumnCount
    };
    Q_ENUM(Column)

    // What became of a packet that expects an answer.
    enum class Status : quint8 {
        None, // expects no answer (or is one)
        Waiting,
        Answered,
        Unanswered, // its time ran out (it may still be answered later)
    };
    Q_ENUM(Status)

    enum Role {
        SequenceRole = Qt::UserRole + 1, // quint64
        TraceRole, // Mqtt::PacketTrace
        TypeRole, // int (Mqtt::PacketType)
        DirectionRole, // int (Mqtt::PacketDirection)
        PacketIdRole, // int, 0 when none
        TopicRole, // QString: the topic, or the filters joined with ", "
        PairRole, // quint64: the request it answers or the answer it got (0: none)
        FirstSendRole, // quint64: a resend's first send (0: none)
        ExchangeRole, // quint64: the first packet of its exchange
        LatencyRole, // qint64 ns, -1 when unpaired
        StatusRole, // int (Status)
        BytesRole, // QByteArray, the frame
        HexRole, // QString: the frame as a hex dump
        SummaryRole, // QString: the line `switchboard-cli -d` prints
    };
    Q_ENUM(Role)

    static constexpr int DefaultMaximumPackets = 50000;
    static constexpr qint64 DefaultMaximumBytes = 32 * 1024 * 1024;
    static constexpr int DefaultFlushInterval = 50; // ms
    static constexpr int DefaultTimeoutMs = 10000;

    explicit PacketLogModel(QObject *parent = nullptr);
    ~PacketLogModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Takes a packet as it crosses the wire (connect Client::packetTraced here); it reaches
    // the views at the next flush.
    void append(const Mqtt::PacketTrace &trace);
    void flush();
    void clear();
    // Marks the requests whose time ran out at nowNs (the model's timer does it every half
    // second with the current time).
    void expire(qint64 nowNs);

    int maximumPackets() const { return m_maximumPackets; }
    void setMaximumPackets(int count);
    qint64 maximumBytes() const { return m_maximumBytes; }
    void setMaximumBytes(qint64 bytes);
    int timeoutMs() const { return int(m_pairing.timeoutNs() / 1000000); }
    void setTimeoutMs(int milliseconds);
    void setFlushInterval(int milliseconds) { m_flushTimer.setInterval(milliseconds); }

    qint64 bytesHeld() const { return m_storedBytes; }
    qint64 droppedCount() const { return m_droppedCount; }
    qint64 receivedCount() const { return m_receivedCount; }

    // Fast accessors (row in this model) for the proxy, the pane and the exporter.
    Mqtt::PacketTrace traceAt(int row) const; // with a copy of its bytes
    Mqtt::PacketType typeAt(int row) const { return m_records[row].header.type; }
    quint16 packetIdAt(int row) const { return m_records[row].header.packetId; }
    quint64 sequenceAt(int row) const { return m_firstSequence + quint64(row); }
    int rowForSequence(quint64 sequence) const; // -1 once trimmed or not shown yet
    Status statusAt(int row) const { return m_records[row].status; }
    quint64 pairAt(int row) const { return m_records[row].pair; }
    quint64 firstSendAt(int row) const { return m_records[row].firstSend; }
    quint64 exchangeAt(int row) const { return m_records[row].exchange; }
    qint64 latencyAt(int row) const { return m_records[row].latencyNs; }
    // The first row from `from` on with this direction and type; -1 when there is none.
    int findRow(Mqtt::PacketDirection direction, Mqtt::PacketType type, int from = 0) const;
    // The topic, or the filters of a SUBSCRIBE / UNSUBSCRIBE joined with ", ".
    QString topicAt(int row) const;

    // "1.25 ms", "830 µs": a latency for people.
    static QString latencyText(qint64 nanoseconds);

Q_SIGNALS:
    // The budget is about to remove the oldest rows (beginRemoveRows() follows).
    void aboutToTrim();
    // After a flush inserted rows (first..last).
    void packetsFlushed(int first, int last);

private:
    // What a PacketTrace says but its bytes, which are in the arena.
    struct Header
    {
        qint64 monotonicNs = 0;
        qint64 wallTimeMs = 0;
        quint16 packetId = 0;
        Mqtt::PacketDirection direction = Mqtt::PacketDirection::Sent;
        Mqtt::ProtocolVersion version = Mqtt::ProtocolVersion::V3_1_1;
        Mqtt::PacketType type = Mqtt::PacketType::Reserved;
        quint8 flags = 0;
        quint8 reasonCode = 0;
        bool hasReasonCode = false;
        bool sessionPresent = false;
    };
    // Trivially copyable: the list moves records as bytes.
    struct Record
    {
        Header header;
        quint64 chunk = 0; // the arena chunk of the bytes (its number since the log began)
        quint32 offset = 0;
        quint32 size = 0;
        quint64 pair = 0;
        quint64 firstSend = 0;
        quint64 exchange = 0;
        qint64 latencyNs = -1;
        Status status = Status::None;
    };

    Record *recordFor(quint64 sequence);
    // The trace of a row with its bytes pointing into the arena (no copy): for use right away.
    Mqtt::PacketTrace viewAt(int row) const;
    void storeBytes(Record *record, const QByteArray &bytes);
    void dropUnusedChunks();
    void markChanged(quint64 sequence);
    static qint64 cost(const Record &record);
    QString flagsText(const Mqtt::PacketTrace &trace) const;
    QString reasonText(const Mqtt::PacketTrace &trace) const;
    QString pairText(const Record &record) const;
    static QString propertiesText(const Mqtt::PacketTrace &trace);
    void trim(qsizetype incoming, qint64 incomingBytes);

    // The frames' bytes, packed one after the other in large blocks: a packet costs no heap
    // block of its own, and trimming frees whole blocks.
    static constexpr qsizetype ChunkSize = 256 * 1024;
    std::deque<QByteArray> m_chunks;
    quint64 m_firstChunk = 0; // the number of m_chunks.front()
    // The shown rows, then the pending ones (not in the views yet): one run of sequences.
    // A QList: appending at the end and erasing at the front cost no block per record.
    QList<Record> m_records;
    qsizetype m_shown = 0;
    quint64 m_firstSequence = 1;
    qint64 m_storedBytes = 0;
    qint64 m_pendingBytes = 0;
    qint64 m_droppedCount = 0;
    qint64 m_receivedCount = 0;
    int m_maximumPackets = DefaultMaximumPackets;
    qint64 m_maximumBytes = DefaultMaximumBytes;
    // Shown rows whose pairing changed since the last flush: one dataChanged() for the range.
    int m_changedFirst = -1;
    int m_changedLast = -1;
    PacketPairing m_pairing;
    QTimer m_flushTimer;
    QTimer m_expiryTimer;
};
