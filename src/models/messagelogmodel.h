// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "message.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QColor>
#include <QHash>
#include <QList>
#include <QString>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace Payload {
struct DecodeResult;
}

// The live message log: an append-only table over compact records. Messages are handed over as
// they come (append()) into a bounded pending buffer and reach the views in batches, one
// beginInsertRows() per flush. A budget by count and by bytes trims the oldest rows.
class MessageLogModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool paused READ isPaused NOTIFY pausedChanged)
    Q_PROPERTY(int maximumMessages READ maximumMessages WRITE setMaximumMessages)
    Q_PROPERTY(qint64 maximumBytes READ maximumBytes WRITE setMaximumBytes)
    Q_PROPERTY(int flushInterval READ flushInterval WRITE setFlushInterval)

public:
    // Event: a row about the connection (lost, reconnected), not a message.
    enum class Direction : quint8 { Incoming, Outgoing, Event };
    Q_ENUM(Direction)

    enum Column {
        TimeColumn,
        DirectionColumn,
        TopicColumn,
        QosColumn,
        RetainColumn,
        DupColumn,
        SizeColumn,
        PropertiesColumn, // 5.0: how many properties the message carries (empty: none)
        PayloadColumn,
        // The connection a message came by, in a log that combines several (the views of one
        // connection's log hide it). Last, so that saved header states keep their columns.
        ConnectionColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // Raw values for the detail view, proxies and exporters; valid on any column.
    enum Role {
        SequenceRole = Qt::UserRole + 1, // quint64, stable for the life of the message
        TimestampRole, // qint64, milliseconds since the epoch (UTC)
        DirectionRole, // int (Direction)
        TopicRole, // QString
        QosRole, // int 0..2
        RetainRole, // bool
        DupRole, // bool
        PayloadRole, // QByteArray
        SizeRole, // int, payload bytes
        TopicIndexRole, // int, index in the interned topic table
        HasPropertiesRole, // bool: the message carries MQTT 5.0 properties
        PropertiesRole, // Mqtt::Properties (invalid QVariant when the message has none)
        // QString: the broker's answer to a QoS 1/2 message published from here (reason code
        // and reason string), "waiting" until it comes; empty for the others.
        BrokerAnswerRole,
        ConnectionRole, // int: the connection's id given to append() (0: none)
        ConnectionColorRole, // QColor: the colour set for that connection (setConnection())
    };
    Q_ENUM(Role)

    static constexpr int DefaultMaximumMessages = 100000;
    static constexpr qint64 DefaultMaximumBytes = 64 * 1024 * 1024;
    static constexpr int DefaultFlushInterval = 50; // ms
    static constexpr int PreviewLength = 100; // characters in the payload column
    // Payloads above this many bytes show their first bytes in the payload column, never
    // decoded (a paint must not cost in proportion to a payload's size).
    static constexpr int PreviewDecodeLimit = 256 * 1024;

    explicit MessageLogModel(QObject *parent = nullptr);
    ~MessageLogModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Takes a message as it comes; it reaches the views at the next flush. The timestamp is
    // "now" unless given (milliseconds since the epoch).
    void append(const Mqtt::Message &message, Direction direction);
    void append(const Mqtt::Message &message, Direction direction, qint64 timestampMs);
    // The same in a log that combines several connections: the row is tagged with the
    // connection's id (1..65535), whose name and colour come from setConnection().
    void append(const Mqtt::Message &message, Direction direction, qint64 timestampMs,
                quint16 connection);
    // A payload decoded as it arrived, kept with its message: Sparkplug B is stateful (aliases
    // and sequence numbers), so the views show this result rather than decode it again. It
    // leaves the log with its row and counts against the budget.
    using DecodedPayload = std::shared_ptr<const Payload::DecodeResult>;
    void append(const Mqtt::Message &message, Direction direction, qint64 timestampMs,
                quint16 connection, const DecodedPayload &decoded);
    // An outgoing QoS 1/2 message with the client's token, whose broker answer comes later
    // through setBrokerAnswer().
    void appendPublished(const Mqtt::Message &message, quint64 token);
    // A row about the connection, e.g. "Connection lost at 17:01:05", shown among the messages
    // in time order (text in the payload column). It is not counted as a message.
    void appendEvent(const QString &text);
    void appendEvent(const QString &text, qint64 timestampMs);
    void appendEvent(const QString &text, qint64 timestampMs, quint16 connection);
    // The name and colour shown for a connection's rows (ConnectionColumn); rows already held
    // are repainted.
    void setConnection(quint16 connection, const QString &name, const QColor &color);
    QString connectionName(quint16 connection) const;
    QColor connectionColor(quint16 connection) const;
    quint16 connectionAt(int row) const; // 0 when the row was not tagged
    // Records the broker's answer (PUBACK/PUBREC reason, or the refusal) to the message
    // appended with token; it may come before the message reached the views.
    void setBrokerAnswer(quint64 token, const QString &answer);
    // Applies the pending messages now (normally done by the flush timer). Does nothing while
    // paused.
    void flush();
    // Drops every row and every held message; counters restart at zero.
    void clear();

    // While paused, messages are held in the bounded pending buffer and the views do not move.
    void pause();
    void resume(); // flushes what was held
    bool isPaused() const;

    int maximumMessages() const;
    void setMaximumMessages(int count); // >= 1
    qint64 maximumBytes() const;
    void setMaximumBytes(qint64 bytes); // >= 1
    int flushInterval() const;
    void setFlushInterval(int milliseconds);

    // Messages dropped since the last clear(): trimmed by the budget or pushed out of the pending
    // buffer while paused.
    qint64 droppedCount() const;
    // Messages waiting in the pending buffer (held while paused).
    int heldCount() const;
    // Bytes held by the stored and pending messages (records plus payloads), for the status bar.
    qint64 bytesHeld() const;
    // Every message handed over since the last clear().
    qint64 receivedCount() const;

    // Stable sequence numbers: a view keeps its selection on a message across inserts and trims.
    quint64 sequenceAt(int row) const;
    int rowForSequence(quint64 sequence) const; // -1 once trimmed or unknown

    // Fast accessors for proxies and exporters (row in this model).
    int topicIndexAt(int row) const;
    QString topicAt(int row) const;
    QString topicForIndex(int topicIndex) const;
    int topicCount() const; // distinct topics interned since the last clear()
    QByteArray payloadAt(int row) const;
    qint64 timestampAt(int row) const;
    Direction directionAt(int row) const;
    bool isEventAt(int row) const; // a connection event row (appendEvent())
    Mqtt::QoS qosAt(int row) const;
    bool isRetainAt(int row) const;
    bool isDupAt(int row) const;
    // 5.0 properties of a message; empty for most (3.1.1) messages, which store none.
    bool hasPropertiesAt(int row) const;
    Mqtt::Properties propertiesAt(int row) const;
    // The broker's answer to a message published from here (BrokerAnswerRole).
    QString brokerAnswerAt(int row) const;
    // Messages held with properties (stored and pending), for tests and the budget.
    int propertiesHeldCount() const;
    // A copy of the stored message (topic, payload, QoS, retain, dup, properties).
    Mqtt::Message messageAt(int row) const;
    // The nearest earlier message on the row's topic, by the same connection (events skipped);
    // -1 when there is none. A backwards scan: for a user's click, not for every row.
    int previousRowOnTopic(int row) const;
    // The result kept for the row when its payload was decoded on arrival; null otherwise.
    DecodedPayload decodedAt(int row) const;
    // The payload column's text for a message whose topic has a decode rule: called from
    // data(), so only for the rows a view shows. Returns an empty optional to show the bytes
    // as usual (no rule, or the payload does not decode). Rows decoded on arrival use their
    // kept result instead.
    using PreviewDecoder = std::function<std::optional<QString>(
            quint16 connection, const QString &topic, const QByteArray &payload)>;
    void setPreviewDecoder(PreviewDecoder decoder);
    // The rules changed: the views ask for the payload column again.
    void refreshPreviews();
    // Decoded results held (stored and pending), for tests and the budget.
    int decodedHeldCount() const;

Q_SIGNALS:
    void pausedChanged(bool paused);
    // The budget is about to remove the oldest rows (beginRemoveRows() follows): a view that
    // keeps its selection on a message must not follow the row that takes its place.
    void aboutToTrim();
    // Emitted at most once per flush (and on pause/clear) when any counter moved.
    void countersChanged();
    // After a flush inserted rows (first..last in this model).
    void messagesFlushed(int first, int last);
    // The interned topic table was compacted: topic indexes changed (cached ones are stale).
    void topicsCompacted();

private:
    struct Record
    {
        qint64 timestampMs = 0;
        QByteArray payload;
        quint32 topicIndex = 0;
        quint8 flags = 0; // direction, QoS, retain, dup, has properties
        quint16 connection = 0; // in a combined log; fits in the record's padding
        bool decoded = false; // a result is kept beside the record (in the padding too)
    };
    struct ConnectionLabel
    {
        QString name;
        QColor color;
    };
    // Properties live beside the records, only for the messages that have some: a 3.1.1
    // record stays as small as before.
    struct PropertiesRecord
    {
        quint64 sequence = 0;
        QByteArray encoded; // the length-prefixed property list as on the wire
    };

    // The client's token of an outgoing QoS 1/2 message, beside its record like properties.
    struct TokenRecord
    {
        quint64 sequence = 0;
        quint64 token = 0;
    };

    // A decoded result beside its record, like properties.
    struct DecodedRecord
    {
        quint64 sequence = 0;
        DecodedPayload result;
    };

    void appendRecord(const Mqtt::Message &message, Direction direction, qint64 timestampMs,
                      quint64 token, quint16 connection = 0,
                      const DecodedPayload &decoded = DecodedPayload());
    static qint64 decodedCost(const DecodedPayload &decoded);
    static Direction directionOf(quint8 flags);
    QVariant eventData(const Record &record, int column, int role) const;
    QVariant connectionData(const Record &record, int role) const;
    static qint64 recordCost(const Record &record);
    static qint64 propertiesCost(const QByteArray &encoded);
    static Mqtt::Properties decodeProperties(const QByteArray &encoded);
    const QByteArray *findProperties(int row) const; // the encoded properties of a row

    quint32 internTopic(const QString &topic);
    void trimPending();
    void trimStored(int incoming, qint64 incomingBytes);
    void scheduleFlush();
    void compactTopics();

    std::deque<Record> m_records;
    std::deque<Record> m_pending;
    std::deque<PropertiesRecord> m_storedProperties; // by ascending sequence
    std::deque<QByteArray> m_pendingProperties; // one per pending record that has some
    std::deque<TokenRecord> m_storedTokens; // by ascending sequence
    std::deque<quint64> m_pendingTokens; // one per pending record that has a token
    PreviewDecoder m_previewDecoder;
    std::deque<DecodedRecord> m_storedDecoded; // by ascending sequence
    std::deque<DecodedPayload> m_pendingDecoded; // one per pending record that has one
    QHash<quint64, QString> m_brokerAnswers; // by token, while its message is held
    QHash<QString, quint32> m_topicIndex;
    QHash<quint16, ConnectionLabel> m_connections;
    QList<QString> m_topics;

    quint64 m_firstSequence = 0; // sequence of row 0
    qint64 m_storedBytes = 0;
    qint64 m_pendingBytes = 0;
    qint64 m_topicBytes = 0;
    qint64 m_droppedCount = 0;
    qint64 m_receivedCount = 0;
    int m_maximumMessages = DefaultMaximumMessages;
    qint64 m_maximumBytes = DefaultMaximumBytes;
    bool m_paused = false;
    QTimer m_flushTimer;
};
