// SPDX-License-Identifier: Apache-2.0
#include "messagelogmodel.h"

#include "decodedtreemodel.h"
#include "payloadformat.h"

#include <QDateTime>
#include <QFont>
#include <QTime>

#include <algorithm>

namespace {

enum Flag : quint8 {
    OutgoingFlag = 0x01,
    QosMask = 0x06, // two bits, shifted by 1
    RetainFlag = 0x08,
    DupFlag = 0x10,
    PropertiesFlag = 0x20, // 5.0 properties stored beside the record
    TokenFlag = 0x40, // published from here at QoS 1/2: a token stored beside the record
    EventFlag = 0x80, // a connection event: the payload holds its text (UTF-8)
};

// Rough heap cost of a QByteArray's block: header plus the terminating zero and malloc's
// bookkeeping. Only used for the budget and the status bar figure.
constexpr qint64 HeapBlockOverhead = 32;

qint64 topicCost(const QString &topic)
{
    return qint64(topic.size()) * 2 + HeapBlockOverhead + 48; // string + hash node
}

// The record kept beside row's message in side (by ascending sequence), or null.
template<typename Side>
auto findBySequence(const Side &side, quint64 sequence) -> const typename Side::value_type *
{
    const auto it = std::lower_bound(side.begin(), side.end(), sequence,
                                     [](const typename Side::value_type &record, quint64 value) {
                                         return record.sequence < value;
                                     });
    return it == side.end() || it->sequence != sequence ? nullptr : &*it;
}

} // namespace

MessageLogModel::MessageLogModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(DefaultFlushInterval);
    connect(&m_flushTimer, &QTimer::timeout, this, &MessageLogModel::flush);
}

MessageLogModel::~MessageLogModel() = default;

int MessageLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int MessageLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Record &record = m_records[size_t(index.row())];
    const int qos = (record.flags & QosMask) >> 1;
    if (index.column() == ConnectionColumn || role == ConnectionRole ||
        role == ConnectionColorRole) {
        if (const QVariant value = connectionData(record, role); value.isValid())
            return value;
    }
    if (record.flags & EventFlag)
        return eventData(record, index.column(), role);

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(record.timestampMs)
                    .time()
                    .toString(QStringLiteral("hh:mm:ss.zzz"));
        case DirectionColumn:
            return (record.flags & OutgoingFlag) ? tr("out") : tr("in");
        case TopicColumn:
            return m_topics.at(record.topicIndex);
        case QosColumn:
            return qos;
        case RetainColumn:
            return (record.flags & RetainFlag) ? tr("retain") : QString();
        case DupColumn:
            return (record.flags & DupFlag) ? tr("dup") : QString();
        case SizeColumn:
            return int(record.payload.size());
        case PropertiesColumn:
            if (const QByteArray *encoded = findProperties(index.row()))
                return int(decodeProperties(*encoded).entries().size());
            return QVariant();
        case PayloadColumn:
            // Decoded on arrival (Sparkplug B): its one-line JSON reads better than the bytes,
            // and costs no decoding. Built for the visible rows only. A big payload shows its
            // first bytes: decoding it, or its JSON line, costs in proportion to its size.
            if (record.payload.size() > PreviewDecodeLimit) {
                // the bytes, below
            } else if (record.decoded) {
                if (const DecodedPayload decoded = decodedAt(index.row());
                    decoded && decoded->isValid())
                    return QString::fromUtf8(decoded->toJsonLine()).left(PreviewLength);
            } else if (m_previewDecoder) {
                if (std::optional<QString> text = m_previewDecoder(
                            record.connection, m_topics.at(record.topicIndex), record.payload))
                    return text->left(PreviewLength);
            }
            return PayloadFormat::preview(record.payload, PreviewLength);
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == PropertiesColumn) {
            const QByteArray *encoded = findProperties(index.row());
            if (!encoded)
                return QVariant();
            QStringList lines;
            for (const PayloadFormat::PropertyText &line :
                 PayloadFormat::describeProperties(decodeProperties(*encoded)))
                lines << line.name + QStringLiteral(": ") + line.value;
            return lines.join(QLatin1Char('\n'));
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == QosColumn ||
            index.column() == PropertiesColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant();
    case SequenceRole:
        return QVariant::fromValue<quint64>(m_firstSequence + quint64(index.row()));
    case TimestampRole:
        return record.timestampMs;
    case DirectionRole:
        return int(directionOf(record.flags));
    case TopicRole:
        return m_topics.at(record.topicIndex);
    case QosRole:
        return qos;
    case RetainRole:
        return bool(record.flags & RetainFlag);
    case DupRole:
        return bool(record.flags & DupFlag);
    case PayloadRole:
        return record.payload;
    case SizeRole:
        return int(record.payload.size());
    case TopicIndexRole:
        return int(record.topicIndex);
    case HasPropertiesRole:
        return bool(record.flags & PropertiesFlag);
    case PropertiesRole:
        if (const QByteArray *encoded = findProperties(index.row()))
            return QVariant::fromValue(decodeProperties(*encoded));
        return QVariant();
    case BrokerAnswerRole:
        return brokerAnswerAt(index.row());
    }
    return QVariant();
}

QVariant MessageLogModel::connectionData(const Record &record, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return m_connections.value(record.connection).name;
    case Qt::DecorationRole:
    case ConnectionColorRole: {
        const QColor color = m_connections.value(record.connection).color;
        return color.isValid() ? QVariant(color) : QVariant();
    }
    case ConnectionRole:
        return int(record.connection);
    }
    return QVariant();
}

QVariant MessageLogModel::eventData(const Record &record, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(record.timestampMs)
                    .time()
                    .toString(QStringLiteral("hh:mm:ss.zzz"));
        case DirectionColumn:
            return QStringLiteral("—");
        case PayloadColumn:
            return QString::fromUtf8(record.payload);
        }
        return QVariant();
    case Qt::ToolTipRole:
        return QString::fromUtf8(record.payload);
    case Qt::FontRole: {
        QFont font;
        font.setItalic(true);
        font.setBold(true);
        return font;
    }
    case TimestampRole:
        return record.timestampMs;
    case DirectionRole:
        return int(Direction::Event);
    case TopicRole:
        return QString();
    case PayloadRole:
        return record.payload;
    case SizeRole:
    case QosRole:
        return 0;
    case RetainRole:
    case DupRole:
    case HasPropertiesRole:
        return false;
    case TopicIndexRole:
        return int(record.topicIndex);
    case BrokerAnswerRole:
        return QString();
    }
    return QVariant();
}

MessageLogModel::Direction MessageLogModel::directionOf(quint8 flags)
{
    if (flags & EventFlag)
        return Direction::Event;
    return (flags & OutgoingFlag) ? Direction::Outgoing : Direction::Incoming;
}

QVariant MessageLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // The tooltip repeats the title: a narrow column elides it.
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case TopicColumn:
        return tr("Topic");
    case QosColumn:
        return tr("QoS");
    case RetainColumn:
        return tr("Retain");
    case DupColumn:
        return tr("Dup");
    case SizeColumn:
        return tr("Size");
    case PropertiesColumn:
        return tr("Props");
    case PayloadColumn:
        return tr("Payload");
    case ConnectionColumn:
        return tr("Connection");
    }
    return QVariant();
}

QHash<int, QByteArray> MessageLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SequenceRole, "sequence");
    names.insert(TimestampRole, "timestamp");
    names.insert(DirectionRole, "direction");
    names.insert(TopicRole, "topic");
    names.insert(QosRole, "qos");
    names.insert(RetainRole, "retain");
    names.insert(DupRole, "dup");
    names.insert(PayloadRole, "payload");
    names.insert(SizeRole, "size");
    names.insert(TopicIndexRole, "topicIndex");
    names.insert(HasPropertiesRole, "hasProperties");
    names.insert(PropertiesRole, "properties");
    names.insert(BrokerAnswerRole, "brokerAnswer");
    names.insert(ConnectionRole, "connection");
    names.insert(ConnectionColorRole, "connectionColor");
    return names;
}

void MessageLogModel::append(const Mqtt::Message &message, Direction direction)
{
    append(message, direction, QDateTime::currentMSecsSinceEpoch());
}

void MessageLogModel::append(const Mqtt::Message &message, Direction direction, qint64 timestampMs)
{
    appendRecord(message, direction, timestampMs, 0);
}

void MessageLogModel::append(const Mqtt::Message &message, Direction direction, qint64 timestampMs,
                             quint16 connection)
{
    appendRecord(message, direction, timestampMs, 0, connection);
}

void MessageLogModel::append(const Mqtt::Message &message, Direction direction, qint64 timestampMs,
                             quint16 connection, const DecodedPayload &decoded)
{
    appendRecord(message, direction, timestampMs, 0, connection, decoded);
}

void MessageLogModel::appendEvent(const QString &text)
{
    appendEvent(text, QDateTime::currentMSecsSinceEpoch());
}

void MessageLogModel::appendEvent(const QString &text, qint64 timestampMs)
{
    appendEvent(text, timestampMs, 0);
}

void MessageLogModel::appendEvent(const QString &text, qint64 timestampMs, quint16 connection)
{
    Mqtt::Message event;
    event.payload = text.toUtf8();
    appendRecord(event, Direction::Event, timestampMs, 0, connection);
}

void MessageLogModel::setConnection(quint16 connection, const QString &name, const QColor &color)
{
    m_connections.insert(connection, {name, color});
    if (!m_records.empty()) {
        Q_EMIT dataChanged(
                index(0, ConnectionColumn), index(int(m_records.size()) - 1, ConnectionColumn),
                {Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole, ConnectionColorRole});
    }
}

QString MessageLogModel::connectionName(quint16 connection) const
{
    return m_connections.value(connection).name;
}

QColor MessageLogModel::connectionColor(quint16 connection) const
{
    return m_connections.value(connection).color;
}

quint16 MessageLogModel::connectionAt(int row) const
{
    if (row < 0 || size_t(row) >= m_records.size())
        return 0;
    return m_records[size_t(row)].connection;
}

void MessageLogModel::appendPublished(const Mqtt::Message &message, quint64 token)
{
    appendRecord(message, Direction::Outgoing, QDateTime::currentMSecsSinceEpoch(), token);
}

void MessageLogModel::setBrokerAnswer(quint64 token, const QString &answer)
{
    if (token == 0)
        return;
    const auto it = m_brokerAnswers.find(token);
    if (it == m_brokerAnswers.end())
        return; // not logged here, or already trimmed
    it.value() = answer;
    // Refresh a row that is already in the views (newest first: answers come soon).
    for (auto stored = m_storedTokens.rbegin(); stored != m_storedTokens.rend(); ++stored) {
        if (stored->token != token)
            continue;
        const int row = rowForSequence(stored->sequence);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1), {BrokerAnswerRole});
        break;
    }
}

QString MessageLogModel::brokerAnswerAt(int row) const
{
    if (row < 0 || size_t(row) >= m_records.size() || !(m_records[size_t(row)].flags & TokenFlag))
        return QString();
    const TokenRecord *it = findBySequence(m_storedTokens, m_firstSequence + quint64(row));
    if (!it)
        return QString();
    const QString answer = m_brokerAnswers.value(it->token);
    return answer.isEmpty() ? tr("waiting for the broker's answer") : answer;
}

void MessageLogModel::appendRecord(const Mqtt::Message &message, Direction direction,
                                   qint64 timestampMs, quint64 token, quint16 connection,
                                   const DecodedPayload &decoded)
{
    Record record;
    record.timestampMs = timestampMs;
    record.connection = connection;
    // Share the payload when it is tight; copy it when it carries spare capacity that would
    // otherwise stay allocated for the life of the row.
    if (message.payload.capacity() > message.payload.size() + 64)
        record.payload = QByteArray(message.payload.constData(), message.payload.size());
    else
        record.payload = message.payload;
    record.topicIndex = internTopic(message.topic);
    record.flags = quint8((direction == Direction::Outgoing ? OutgoingFlag : 0) |
                          (direction == Direction::Event ? EventFlag : 0) |
                          ((quint8(message.qos) & 0x3) << 1) | (message.retain ? RetainFlag : 0) |
                          (message.dup ? DupFlag : 0));
    m_pendingBytes += recordCost(record);
    if (!message.properties.isEmpty()) {
        record.flags |= PropertiesFlag;
        // Kept as their wire encoding: one small block instead of an entry list and a block per
        // string (a fifth of the memory); decoded again only when a view asks.
        QByteArray encoded;
        encoded.reserve(message.properties.encodedSize() + 4);
        message.properties.encode(encoded);
        m_pendingBytes += propertiesCost(encoded);
        m_pendingProperties.push_back(std::move(encoded));
    }
    if (token != 0) {
        record.flags |= TokenFlag;
        m_pendingTokens.push_back(token);
        m_brokerAnswers.insert(token, QString());
    }
    if (decoded) {
        record.decoded = true;
        m_pendingBytes += decodedCost(decoded);
        m_pendingDecoded.push_back(decoded);
    }
    m_pending.push_back(std::move(record));
    if (direction != Direction::Event)
        ++m_receivedCount;
    trimPending();
    scheduleFlush();
}

qint64 MessageLogModel::recordCost(const Record &record)
{
    return qint64(sizeof(Record)) +
           (record.payload.isEmpty() ? 0 : record.payload.size() + HeapBlockOverhead);
}

qint64 MessageLogModel::decodedCost(const DecodedPayload &decoded)
{
    return qint64(sizeof(DecodedRecord)) + DecodedTreeModel::heapBytes(*decoded);
}

qint64 MessageLogModel::propertiesCost(const QByteArray &encoded)
{
    return qint64(sizeof(PropertiesRecord)) + encoded.size() + HeapBlockOverhead;
}

Mqtt::Properties MessageLogModel::decodeProperties(const QByteArray &encoded)
{
    // They were encoded from a valid list: decoding cannot fail short of memory corruption.
    return Mqtt::Properties::fromEncoded(encoded, Mqtt::PropertyContext::Publish);
}

const QByteArray *MessageLogModel::findProperties(int row) const
{
    if (row < 0 || size_t(row) >= m_records.size() ||
        !(m_records[size_t(row)].flags & PropertiesFlag))
        return nullptr;
    const PropertiesRecord *it = findBySequence(m_storedProperties, m_firstSequence + quint64(row));
    return it ? &it->encoded : nullptr;
}

quint32 MessageLogModel::internTopic(const QString &topic)
{
    auto it = m_topicIndex.constFind(topic);
    if (it != m_topicIndex.constEnd())
        return it.value();
    const auto index = quint32(m_topics.size());
    m_topics.append(topic);
    m_topicIndex.insert(topic, index);
    m_topicBytes += topicCost(topic);
    return index;
}

void MessageLogModel::trimPending()
{
    // The pending buffer never holds more than the budget: the oldest held message goes first.
    while (!m_pending.empty() &&
           (qint64(m_pending.size()) > m_maximumMessages || m_pendingBytes > m_maximumBytes)) {
        m_pendingBytes -= recordCost(m_pending.front());
        if (m_pending.front().flags & PropertiesFlag) {
            m_pendingBytes -= propertiesCost(m_pendingProperties.front());
            m_pendingProperties.pop_front();
        }
        if (m_pending.front().flags & TokenFlag) {
            m_brokerAnswers.remove(m_pendingTokens.front());
            m_pendingTokens.pop_front();
        }
        if (m_pending.front().decoded) {
            m_pendingBytes -= decodedCost(m_pendingDecoded.front());
            m_pendingDecoded.pop_front();
        }
        m_pending.pop_front();
        ++m_droppedCount;
    }
}

void MessageLogModel::trimStored(int incoming, qint64 incomingBytes)
{
    size_t remove = 0;
    size_t removeProperties = 0;
    size_t removeTokens = 0;
    size_t removeDecoded = 0;
    qint64 bytes = m_storedBytes;
    qint64 count = qint64(m_records.size());
    while (remove < m_records.size() &&
           (count + incoming > m_maximumMessages || bytes + incomingBytes > m_maximumBytes)) {
        bytes -= recordCost(m_records[remove]);
        if (m_records[remove].flags & PropertiesFlag)
            bytes -= propertiesCost(m_storedProperties[removeProperties++].encoded);
        if (m_records[remove].flags & TokenFlag)
            m_brokerAnswers.remove(m_storedTokens[removeTokens++].token);
        if (m_records[remove].decoded)
            bytes -= decodedCost(m_storedDecoded[removeDecoded++].result);
        --count;
        ++remove;
    }
    if (remove == 0)
        return;
    Q_EMIT aboutToTrim();
    beginRemoveRows(QModelIndex(), 0, int(remove) - 1);
    m_records.erase(m_records.begin(), m_records.begin() + qsizetype(remove));
    m_storedProperties.erase(m_storedProperties.begin(),
                             m_storedProperties.begin() + qsizetype(removeProperties));
    m_storedTokens.erase(m_storedTokens.begin(), m_storedTokens.begin() + qsizetype(removeTokens));
    m_storedDecoded.erase(m_storedDecoded.begin(),
                          m_storedDecoded.begin() + qsizetype(removeDecoded));
    m_storedBytes = bytes;
    m_firstSequence += remove;
    m_droppedCount += qint64(remove);
    endRemoveRows();
}

void MessageLogModel::scheduleFlush()
{
    if (!m_paused && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void MessageLogModel::flush()
{
    m_flushTimer.stop();
    if (m_paused || m_pending.empty())
        return;
    const int incoming = int(m_pending.size());
    trimStored(incoming, m_pendingBytes);

    const int first = int(m_records.size());
    const int last = first + incoming - 1;
    beginInsertRows(QModelIndex(), first, last);
    quint64 sequence = m_firstSequence + quint64(first);
    for (Record &record : m_pending) {
        if (record.flags & PropertiesFlag) {
            m_storedProperties.push_back({sequence, std::move(m_pendingProperties.front())});
            m_pendingProperties.pop_front();
        }
        if (record.flags & TokenFlag) {
            m_storedTokens.push_back({sequence, m_pendingTokens.front()});
            m_pendingTokens.pop_front();
        }
        if (record.decoded) {
            m_storedDecoded.push_back({sequence, std::move(m_pendingDecoded.front())});
            m_pendingDecoded.pop_front();
        }
        m_records.push_back(std::move(record));
        ++sequence;
    }
    m_pending.clear();
    m_storedBytes += m_pendingBytes;
    m_pendingBytes = 0;
    endInsertRows();

    // Unique topics that scrolled out would otherwise pile up forever.
    if (m_topics.size() > 4096 && qsizetype(m_topics.size()) > 2 * qsizetype(m_records.size()))
        compactTopics();

    Q_EMIT messagesFlushed(first, last);
    Q_EMIT countersChanged();
}

void MessageLogModel::compactTopics()
{
    std::vector<quint32> remap(size_t(m_topics.size()), quint32(-1));
    auto keep = [&](Record &record) {
        quint32 &target = remap[record.topicIndex];
        if (target == quint32(-1))
            target = 0; // mark as used; numbered below
    };
    for (Record &record : m_records)
        keep(record);
    for (Record &record : m_pending)
        keep(record);

    QList<QString> topics;
    QHash<QString, quint32> index;
    qint64 topicBytes = 0;
    for (qsizetype i = 0; i < m_topics.size(); ++i) {
        if (remap[size_t(i)] == quint32(-1))
            continue;
        remap[size_t(i)] = quint32(topics.size());
        index.insert(m_topics.at(i), quint32(topics.size()));
        topicBytes += topicCost(m_topics.at(i));
        topics.append(m_topics.at(i));
    }
    for (Record &record : m_records)
        record.topicIndex = remap[record.topicIndex];
    for (Record &record : m_pending)
        record.topicIndex = remap[record.topicIndex];
    m_topics = std::move(topics);
    m_topicIndex = std::move(index);
    m_topicBytes = topicBytes;
    Q_EMIT topicsCompacted();
}

void MessageLogModel::clear()
{
    m_flushTimer.stop();
    beginResetModel();
    // Sequences keep counting so an old selection never lands on a new message.
    m_firstSequence += m_records.size();
    m_records.clear();
    m_pending.clear();
    m_storedProperties.clear();
    m_pendingProperties.clear();
    m_storedTokens.clear();
    m_pendingTokens.clear();
    m_storedDecoded.clear();
    m_pendingDecoded.clear();
    m_brokerAnswers.clear();
    m_topics.clear();
    m_topicIndex.clear();
    m_storedBytes = 0;
    m_pendingBytes = 0;
    m_topicBytes = 0;
    m_droppedCount = 0;
    m_receivedCount = 0;
    endResetModel();
    Q_EMIT topicsCompacted();
    Q_EMIT countersChanged();
}

void MessageLogModel::pause()
{
    if (m_paused)
        return;
    m_paused = true;
    m_flushTimer.stop();
    Q_EMIT pausedChanged(true);
    Q_EMIT countersChanged();
}

void MessageLogModel::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    flush();
    Q_EMIT pausedChanged(false);
    Q_EMIT countersChanged();
}

bool MessageLogModel::isPaused() const
{
    return m_paused;
}

int MessageLogModel::maximumMessages() const
{
    return m_maximumMessages;
}

void MessageLogModel::setMaximumMessages(int count)
{
    m_maximumMessages = qMax(1, count);
    trimPending();
    if (!m_paused)
        trimStored(0, 0);
    Q_EMIT countersChanged();
}

qint64 MessageLogModel::maximumBytes() const
{
    return m_maximumBytes;
}

void MessageLogModel::setMaximumBytes(qint64 bytes)
{
    m_maximumBytes = qMax<qint64>(1, bytes);
    trimPending();
    if (!m_paused)
        trimStored(0, 0);
    Q_EMIT countersChanged();
}

int MessageLogModel::flushInterval() const
{
    return m_flushTimer.interval();
}

void MessageLogModel::setFlushInterval(int milliseconds)
{
    m_flushTimer.setInterval(qMax(0, milliseconds));
}

qint64 MessageLogModel::droppedCount() const
{
    return m_droppedCount;
}

int MessageLogModel::heldCount() const
{
    return int(m_pending.size());
}

qint64 MessageLogModel::bytesHeld() const
{
    return m_storedBytes + m_pendingBytes + m_topicBytes;
}

qint64 MessageLogModel::receivedCount() const
{
    return m_receivedCount;
}

MessageLogModel::DecodedPayload MessageLogModel::decodedAt(int row) const
{
    if (row < 0 || size_t(row) >= m_records.size() || !m_records[size_t(row)].decoded)
        return nullptr;
    const DecodedRecord *it = findBySequence(m_storedDecoded, m_firstSequence + quint64(row));
    return it ? it->result : nullptr;
}

int MessageLogModel::decodedHeldCount() const
{
    return int(m_storedDecoded.size() + m_pendingDecoded.size());
}

quint64 MessageLogModel::sequenceAt(int row) const
{
    Q_ASSERT(row >= 0 && size_t(row) < m_records.size());
    return m_firstSequence + quint64(row);
}

int MessageLogModel::rowForSequence(quint64 sequence) const
{
    if (sequence < m_firstSequence || sequence - m_firstSequence >= m_records.size())
        return -1;
    return int(sequence - m_firstSequence);
}

int MessageLogModel::topicIndexAt(int row) const
{
    return int(m_records[size_t(row)].topicIndex);
}

QString MessageLogModel::topicAt(int row) const
{
    return m_topics.at(m_records[size_t(row)].topicIndex);
}

QString MessageLogModel::topicForIndex(int topicIndex) const
{
    return m_topics.value(topicIndex);
}

int MessageLogModel::topicCount() const
{
    return int(m_topics.size());
}

QByteArray MessageLogModel::payloadAt(int row) const
{
    return m_records[size_t(row)].payload;
}

qint64 MessageLogModel::timestampAt(int row) const
{
    return m_records[size_t(row)].timestampMs;
}

MessageLogModel::Direction MessageLogModel::directionAt(int row) const
{
    return directionOf(m_records[size_t(row)].flags);
}

bool MessageLogModel::isEventAt(int row) const
{
    return m_records[size_t(row)].flags & EventFlag;
}

int MessageLogModel::previousRowOnTopic(int row) const
{
    if (row < 0 || size_t(row) >= m_records.size())
        return -1;
    const Record &record = m_records[size_t(row)];
    for (int earlier = row - 1; earlier >= 0; --earlier) {
        const Record &candidate = m_records[size_t(earlier)];
        if (candidate.topicIndex == record.topicIndex &&
            candidate.connection == record.connection && !(candidate.flags & EventFlag))
            return earlier;
    }
    return -1;
}

Mqtt::QoS MessageLogModel::qosAt(int row) const
{
    return Mqtt::QoS((m_records[size_t(row)].flags & QosMask) >> 1);
}

bool MessageLogModel::isRetainAt(int row) const
{
    return m_records[size_t(row)].flags & RetainFlag;
}

bool MessageLogModel::isDupAt(int row) const
{
    return m_records[size_t(row)].flags & DupFlag;
}

Mqtt::Message MessageLogModel::messageAt(int row) const
{
    const Record &record = m_records[size_t(row)];
    Mqtt::Message message;
    message.topic = m_topics.at(record.topicIndex);
    message.payload = record.payload;
    message.qos = qosAt(row);
    message.retain = record.flags & RetainFlag;
    message.dup = record.flags & DupFlag;
    if (const QByteArray *encoded = findProperties(row))
        message.properties = decodeProperties(*encoded);
    return message;
}

bool MessageLogModel::hasPropertiesAt(int row) const
{
    return m_records[size_t(row)].flags & PropertiesFlag;
}

Mqtt::Properties MessageLogModel::propertiesAt(int row) const
{
    const QByteArray *encoded = findProperties(row);
    return encoded ? decodeProperties(*encoded) : Mqtt::Properties();
}

int MessageLogModel::propertiesHeldCount() const
{
    return int(m_storedProperties.size() + m_pendingProperties.size());
}

void MessageLogModel::setPreviewDecoder(PreviewDecoder decoder)
{
    m_previewDecoder = std::move(decoder);
    refreshPreviews();
}

void MessageLogModel::refreshPreviews()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, PayloadColumn), index(rowCount() - 1, PayloadColumn),
                           {Qt::DisplayRole});
}
