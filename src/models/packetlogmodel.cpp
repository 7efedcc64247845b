// SPDX-License-Identifier: Apache-2.0
#include "packetlogmodel.h"

#include "payloadformat.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

using Mqtt::PacketDirection;
using Mqtt::PacketType;

namespace {

// Heap block bookkeeping of a QByteArray (header, terminating zero, malloc): for the budget.
constexpr qint64 HeapBlockOverhead = 32;
constexpr int ExpiryIntervalMs = 500;

} // namespace

PacketLogModel::PacketLogModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(DefaultFlushInterval);
    connect(&m_flushTimer, &QTimer::timeout, this, &PacketLogModel::flush);
    m_expiryTimer.setInterval(ExpiryIntervalMs);
    connect(&m_expiryTimer, &QTimer::timeout, this,
            [this] { expire(Mqtt::PacketTrace::monotonicNow()); });
    m_pairing.setTimeoutNs(qint64(DefaultTimeoutMs) * 1000000);
}

PacketLogModel::~PacketLogModel() = default;

int PacketLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown);
}

int PacketLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PacketLogModel::latencyText(qint64 nanoseconds)
{
    if (nanoseconds < 0)
        return QString();
    const QLocale locale;
    if (nanoseconds < 1000000)
        return tr("%1 µs").arg(locale.toString(double(nanoseconds) / 1000, 'f', 0));
    if (nanoseconds < 1000000000)
        return tr("%1 ms").arg(locale.toString(double(nanoseconds) / 1000000, 'f', 2));
    return tr("%1 s").arg(locale.toString(double(nanoseconds) / 1000000000, 'f', 2));
}

QString PacketLogModel::topicAt(int row) const
{
    const Mqtt::PacketTrace trace = viewAt(row);
    if (trace.type == PacketType::Publish)
        return trace.topic();
    if (trace.type == PacketType::Subscribe || trace.type == PacketType::Unsubscribe)
        return trace.filters().join(QStringLiteral(", "));
    return QString();
}

QString PacketLogModel::flagsText(const Mqtt::PacketTrace &trace) const
{
    QStringList flags;
    if (trace.type == PacketType::Publish) {
        flags << tr("QoS %1").arg(int(trace.qos()));
        if (trace.dup())
            flags << tr("DUP");
        if (trace.retain())
            flags << tr("retain");
    } else if (trace.type == PacketType::Connack && trace.sessionPresent) {
        flags << tr("session present");
    }
    return flags.join(QStringLiteral(", "));
}

QString PacketLogModel::reasonText(const Mqtt::PacketTrace &trace) const
{
    if (!trace.hasReasonCode)
        return QString();
    const bool several = trace.type == PacketType::Suback || trace.type == PacketType::Unsuback;
    QStringList words;
    for (quint8 code : several ? trace.reasonCodes() : QList<quint8>{trace.reasonCode})
        words << Mqtt::reasonCodeWords(trace.type, trace.version, code);
    return words.join(QStringLiteral(", "));
}

QString PacketLogModel::propertiesText(const Mqtt::PacketTrace &trace)
{
    QStringList parts;
    for (const PayloadFormat::PropertyText &line :
         PayloadFormat::describeProperties(trace.properties()))
        parts << line.name + QStringLiteral(": ") + line.value;
    return parts.join(QStringLiteral("; "));
}

QString PacketLogModel::pairText(const Record &record) const
{
    QStringList parts;
    if (record.firstSend != 0)
        parts << tr("resend of #%1").arg(record.firstSend);
    switch (record.status) {
    case Status::Waiting:
        parts << tr("waiting");
        break;
    case Status::Unanswered:
        parts << tr("no answer");
        break;
    case Status::Answered:
        parts << tr("answered by #%1").arg(record.pair);
        break;
    case Status::None:
        if (record.pair != 0)
            parts << tr("answers #%1").arg(record.pair);
        break;
    }
    return parts.join(QStringLiteral(", "));
}

QVariant PacketLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Record &record = m_records[index.row()];
    const Mqtt::PacketTrace trace = viewAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return QVariant::fromValue<quint64>(sequenceAt(index.row()));
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(trace.wallTimeMs)
                    .time()
                    .toString(QStringLiteral("hh:mm:ss.zzz"));
        case DirectionColumn:
            return trace.direction == PacketDirection::Sent ? tr("send") : tr("recv");
        case TypeColumn:
            return Mqtt::packetTypeName(trace.type);
        case PacketIdColumn:
            return trace.packetId != 0 ? QVariant(int(trace.packetId)) : QVariant();
        case FlagsColumn:
            return flagsText(trace);
        case ReasonColumn:
            return reasonText(trace);
        case TopicColumn:
            return topicAt(index.row());
        case PropertiesColumn:
            return propertiesText(trace);
        case SizeColumn:
            return tr("%1 B").arg(record.size);
        case LatencyColumn:
            return latencyText(record.latencyNs);
        case PairColumn:
            return pairText(record);
        }
        return QVariant();
    case Qt::ToolTipRole:
        switch (index.column()) {
        case DirectionColumn:
            return trace.direction == PacketDirection::Sent ? tr("Sent to the broker")
                                                            : tr("Received from the broker");
        case TopicColumn:
            return topicAt(index.row());
        case PropertiesColumn: {
            QStringList lines;
            for (const PayloadFormat::PropertyText &line :
                 PayloadFormat::describeProperties(trace.properties()))
                lines << line.name + QStringLiteral(": ") + line.value;
            return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
        }
        case ReasonColumn:
            return reasonText(trace);
        case PairColumn:
            return pairText(record);
        }
        return QVariant();
    case Qt::FontRole:
        if (record.status == Status::Unanswered && index.column() == PairColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn || index.column() == PacketIdColumn ||
            index.column() == SizeColumn || index.column() == LatencyColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant();
    case SequenceRole:
        return QVariant::fromValue<quint64>(sequenceAt(index.row()));
    case TraceRole:
        return QVariant::fromValue(traceAt(index.row()));
    case TypeRole:
        return int(trace.type);
    case DirectionRole:
        return int(trace.direction);
    case PacketIdRole:
        return int(trace.packetId);
    case TopicRole:
        return topicAt(index.row());
    case PairRole:
        return QVariant::fromValue<quint64>(record.pair);
    case FirstSendRole:
        return QVariant::fromValue<quint64>(record.firstSend);
    case ExchangeRole:
        return QVariant::fromValue<quint64>(record.exchange);
    case LatencyRole:
        return record.latencyNs;
    case StatusRole:
        return int(record.status);
    case BytesRole:
        return QByteArray(trace.bytes.constData(), trace.bytes.size());
    case HexRole:
        return PayloadFormat::toHexDump(trace.bytes);
    case SummaryRole:
        return Mqtt::packetTraceLine(trace);
    }
    return QVariant();
}

QVariant PacketLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("No.");
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Dir.");
    case TypeColumn:
        return tr("Type");
    case PacketIdColumn:
        return tr("Id");
    case FlagsColumn:
        return tr("Flags");
    case ReasonColumn:
        return tr("Reason");
    case TopicColumn:
        return tr("Topic");
    case PropertiesColumn:
        return tr("Properties");
    case SizeColumn:
        return tr("Size");
    case LatencyColumn:
        return tr("Latency");
    case PairColumn:
        return tr("Pair");
    }
    return QVariant();
}

qint64 PacketLogModel::cost(const Record &record)
{
    return qint64(sizeof(Record)) + record.size;
}

Mqtt::PacketTrace PacketLogModel::viewAt(int row) const
{
    const Record &record = m_records[row];
    const Header &header = record.header;
    Mqtt::PacketTrace trace;
    trace.direction = header.direction;
    trace.version = header.version;
    trace.type = header.type;
    trace.flags = header.flags;
    trace.packetId = header.packetId;
    trace.reasonCode = header.reasonCode;
    trace.hasReasonCode = header.hasReasonCode;
    trace.sessionPresent = header.sessionPresent;
    trace.monotonicNs = header.monotonicNs;
    trace.wallTimeMs = header.wallTimeMs;
    const QByteArray &chunk = m_chunks[size_t(record.chunk - m_firstChunk)];
    trace.bytes = QByteArray::fromRawData(chunk.constData() + record.offset, record.size);
    return trace;
}

Mqtt::PacketTrace PacketLogModel::traceAt(int row) const
{
    Mqtt::PacketTrace trace = viewAt(row);
    trace.bytes = QByteArray(trace.bytes.constData(), trace.bytes.size());
    return trace;
}

void PacketLogModel::storeBytes(Record *record, const QByteArray &bytes)
{
    if (m_chunks.empty() || m_chunks.back().size() + bytes.size() > m_chunks.back().capacity()) {
        m_chunks.emplace_back();
        m_chunks.back().reserve(qMax(ChunkSize, bytes.size()));
    }
    QByteArray &chunk = m_chunks.back();
    record->chunk = m_firstChunk + m_chunks.size() - 1;
    record->offset = quint32(chunk.size());
    record->size = quint32(bytes.size());
    chunk.append(bytes);
}

void PacketLogModel::dropUnusedChunks()
{
    // Every chunk before the oldest record's is no one's any more.
    const quint64 keepFrom =
            m_records.empty() ? m_firstChunk + m_chunks.size() : m_records.front().chunk;
    while (m_firstChunk < keepFrom && !m_chunks.empty()) {
        m_chunks.pop_front();
        ++m_firstChunk;
    }
}

PacketLogModel::Record *PacketLogModel::recordFor(quint64 sequence)
{
    if (sequence < m_firstSequence || sequence - m_firstSequence >= quint64(m_records.size()))
        return nullptr;
    return &m_records[qsizetype(sequence - m_firstSequence)];
}

int PacketLogModel::rowForSequence(quint64 sequence) const
{
    if (sequence < m_firstSequence || sequence - m_firstSequence >= quint64(m_shown))
        return -1;
    return int(sequence - m_firstSequence);
}

int PacketLogModel::findRow(PacketDirection direction, PacketType type, int from) const
{
    for (qsizetype row = qMax(0, from); row < m_shown; ++row) {
        if (m_records[row].header.direction == direction && m_records[row].header.type == type)
            return int(row);
    }
    return -1;
}

void PacketLogModel::markChanged(quint64 sequence)
{
    const int row = rowForSequence(sequence);
    if (row < 0)
        return; // pending: the views get it with its insertion
    m_changedFirst = m_changedFirst < 0 ? row : qMin(m_changedFirst, row);
    m_changedLast = qMax(m_changedLast, row);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void PacketLogModel::append(const Mqtt::PacketTrace &trace)
{
    const quint64 sequence = m_firstSequence + m_records.size();
    const PacketPairing::Result pairing = m_pairing.add(sequence, trace);
    Record record;
    record.header = {trace.monotonicNs,   trace.wallTimeMs,    trace.packetId, trace.direction,
                     trace.version,       trace.type,          trace.flags,    trace.reasonCode,
                     trace.hasReasonCode, trace.sessionPresent};
    // Not the client's buffer (reused for its next trace): a copy in the arena.
    storeBytes(&record, trace.bytes);
    record.firstSend = pairing.firstSend;
    record.exchange = pairing.exchange;
    if (pairing.awaitsAnswer) {
        record.status = Status::Waiting;
        if (!m_expiryTimer.isActive())
            m_expiryTimer.start();
    }
    if (pairing.request != 0) {
        record.pair = pairing.request;
        record.latencyNs = pairing.latencyNs;
        if (Record *request = recordFor(pairing.request)) {
            request->pair = sequence;
            request->latencyNs = pairing.latencyNs;
            request->status = Status::Answered;
            markChanged(pairing.request);
        }
    }
    m_pendingBytes += cost(record);
    m_records.append(record);
    ++m_receivedCount;
    // A flush that never comes (an event loop starved) must not let the buffer grow unbounded.
    if (m_records.size() - m_shown > m_maximumPackets)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void PacketLogModel::trim(qsizetype incoming, qint64 incomingBytes)
{
    qsizetype remove = 0;
    qint64 bytes = m_storedBytes;
    while (remove < m_shown && (m_shown - remove + incoming > m_maximumPackets ||
                                bytes + incomingBytes > m_maximumBytes)) {
        bytes -= cost(m_records[remove]);
        ++remove;
    }
    if (remove == 0)
        return;
    Q_EMIT aboutToTrim();
    beginRemoveRows(QModelIndex(), 0, int(remove) - 1);
    m_records.erase(m_records.begin(), m_records.begin() + remove);
    dropUnusedChunks();
    m_shown -= remove;
    m_firstSequence += quint64(remove);
    m_storedBytes = bytes;
    m_droppedCount += remove;
    endRemoveRows();
    if (m_changedFirst >= 0) {
        m_changedFirst = qMax(0, m_changedFirst - int(remove));
        m_changedLast -= int(remove);
        if (m_changedLast < 0)
            m_changedFirst = m_changedLast = -1;
    }
}

void PacketLogModel::flush()
{
    m_flushTimer.stop();
    qsizetype incoming = m_records.size() - m_shown;
    if (incoming > 0) {
        trim(incoming, m_pendingBytes);
        // More pending than the whole budget (every shown row is gone then): the oldest
        // pending never reach the views.
        while (m_shown == 0 && incoming > 1 &&
               (incoming > m_maximumPackets || m_pendingBytes > m_maximumBytes)) {
            m_pendingBytes -= cost(m_records.front());
            m_records.removeFirst();
            ++m_firstSequence;
            ++m_droppedCount;
            --incoming;
        }
        dropUnusedChunks();
    }
    if (m_changedFirst >= 0 && m_changedLast >= m_changedFirst && m_changedLast < m_shown)
        Q_EMIT dataChanged(index(m_changedFirst, 0), index(m_changedLast, ColumnCount - 1));
    m_changedFirst = m_changedLast = -1;
    if (incoming == 0)
        return;
    const int first = int(m_shown);
    const int last = first + int(incoming) - 1;
    beginInsertRows(QModelIndex(), first, last);
    m_shown += incoming;
    m_storedBytes += m_pendingBytes;
    m_pendingBytes = 0;
    endInsertRows();
    Q_EMIT packetsFlushed(first, last);
}

void PacketLogModel::expire(qint64 nowNs)
{
    for (quint64 sequence : m_pairing.expire(nowNs)) {
        if (Record *record = recordFor(sequence); record && record->status == Status::Waiting) {
            record->status = Status::Unanswered;
            markChanged(sequence);
        }
    }
    if (m_pairing.openCount() == 0)
        m_expiryTimer.stop();
}

void PacketLogModel::clear()
{
    beginResetModel();
    m_firstSequence += m_records.size();
    m_records.clear();
    m_firstChunk += m_chunks.size();
    m_chunks.clear();
    m_shown = 0;
    m_storedBytes = 0;
    m_pendingBytes = 0;
    m_droppedCount = 0;
    m_receivedCount = 0;
    m_changedFirst = m_changedLast = -1;
    m_pairing.clear();
    m_expiryTimer.stop();
    endResetModel();
}

void PacketLogModel::setMaximumPackets(int count)
{
    m_maximumPackets = qMax(1, count);
    trim(0, 0);
}

void PacketLogModel::setMaximumBytes(qint64 bytes)
{
    m_maximumBytes = qMax<qint64>(1, bytes);
    trim(0, 0);
}

void PacketLogModel::setTimeoutMs(int milliseconds)
{
    m_pairing.setTimeoutNs(qint64(qMax(1, milliseconds)) * 1000000);
}
