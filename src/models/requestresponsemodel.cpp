// SPDX-License-Identifier: Apache-2.0
#include "requestresponsemodel.h"

#include "payloadformat.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace {

constexpr int PreviewLength = 60; // characters of a payload in a cell

} // namespace

RequestResponseModel::RequestResponseModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_clock.start();
    // A random prefix per model: correlation data of an earlier run (or of another window)
    // never pairs with this one's requests.
    m_correlationPrefix =
            QByteArray::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, '0');
    m_expiryTimer.setSingleShot(true);
    connect(&m_expiryTimer, &QTimer::timeout, this, &RequestResponseModel::expire);
}

RequestResponseModel::~RequestResponseModel() = default;

int RequestResponseModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestResponseModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestResponseModel::latencyText(const Row &row) const
{
    switch (row.state) {
    case State::Waiting:
        return tr("waiting…");
    case State::Answered:
        return tr("%L1 ms").arg(row.latencyMs);
    case State::TimedOut:
        return tr("no response");
    case State::Late:
        return tr("%L1 ms (late)").arg(row.latencyMs);
    case State::Unmatched:
        return tr("unmatched");
    }
    return QString();
}

QVariant RequestResponseModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SentColumn:
            if (row.state == State::Unmatched)
                return QString();
            return QDateTime::fromMSecsSinceEpoch(row.sentAtMs)
                    .time()
                    .toString(QStringLiteral("hh:mm:ss.zzz"));
        case CorrelationColumn:
            return PayloadFormat::binaryText(row.correlationData);
        case RequestColumn:
            return PayloadFormat::preview(row.requestPayload, PreviewLength);
        case ResponseColumn:
            return PayloadFormat::preview(row.responsePayload, PreviewLength);
        case LatencyColumn:
            return latencyText(row);
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == RequestColumn || index.column() == SentColumn)
            return row.state == State::Unmatched ? QString() : tr("Topic: %1").arg(row.topic);
        if (index.column() == ResponseColumn && row.state == State::Unmatched)
            return tr("Topic: %1").arg(row.topic);
        return QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == LatencyColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant();
    case StateRole:
        return int(row.state);
    case CorrelationDataRole:
        return row.correlationData;
    case LatencyRole:
        return row.latencyMs;
    case RequestPayloadRole:
        return row.requestPayload;
    case ResponsePayloadRole:
        return row.responsePayload;
    case SentTimeRole:
        return row.state == State::Unmatched ? qint64(0) : row.sentAtMs;
    }
    return QVariant();
}

QVariant RequestResponseModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == LatencyColumn)
        return tr("From publishing the request to receiving its response, through the broker. "
                  "A broker that leaves Nagle's algorithm on (mosquitto's default, "
                  "set_tcp_nodelay false) adds about 40 ms to each round trip.");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SentColumn:
        return tr("Sent");
    case CorrelationColumn:
        return tr("Correlation data");
    case RequestColumn:
        return tr("Request");
    case ResponseColumn:
        return tr("Response");
    case LatencyColumn:
        return tr("Latency");
    }
    return QVariant();
}

QByteArray RequestResponseModel::nextCorrelationData()
{
    return m_correlationPrefix + '-' + QByteArray::number(m_nextCorrelation++);
}

int RequestResponseModel::appendRow(Row row)
{
    const int position = int(m_rows.size());
    beginInsertRows(QModelIndex(), position, position);
    m_rows.push_back(std::move(row));
    endInsertRows();
    trim();
    return int(m_rows.size()) - 1;
}

int RequestResponseModel::addRequest(const QByteArray &correlationData, const QString &topic,
                                     const QByteArray &payload, int timeoutMs)
{
    Row row;
    row.correlationData = correlationData;
    row.topic = topic;
    row.requestPayload = payload;
    row.sentAtMs = QDateTime::currentMSecsSinceEpoch();
    row.sentTick = m_clock.elapsed();
    row.deadlineTick = timeoutMs > 0 ? row.sentTick + timeoutMs : -1;
    m_requestIds.insert(correlationData, m_firstId + m_rows.size());
    const int position = appendRow(std::move(row));
    scheduleExpiry();
    return position;
}

int RequestResponseModel::addResponse(const Mqtt::Message &message)
{
    const QByteArray correlation = message.properties.binary(Mqtt::PropertyId::CorrelationData);
    const int requestRow = rowForCorrelationData(correlation);
    if (requestRow >= 0 && !correlation.isEmpty()) {
        Row &row = m_rows[size_t(requestRow)];
        if (row.state == State::Waiting || row.state == State::TimedOut) {
            row.latencyMs = m_clock.elapsed() - row.sentTick;
            row.state = row.state == State::Waiting ? State::Answered : State::Late;
            row.responsePayload = message.payload;
            Q_EMIT dataChanged(index(requestRow, ResponseColumn), index(requestRow, LatencyColumn));
            Q_EMIT rowStateChanged(requestRow, row.state);
            scheduleExpiry();
            return requestRow;
        }
        // A second answer to the same request is listed on its own, as nothing waited for it.
    }
    Row row;
    row.state = State::Unmatched;
    row.correlationData = correlation;
    row.topic = message.topic;
    row.responsePayload = message.payload;
    const int position = appendRow(std::move(row));
    Q_EMIT rowStateChanged(position, State::Unmatched);
    return position;
}

void RequestResponseModel::clear()
{
    beginResetModel();
    m_firstId += m_rows.size();
    m_rows.clear();
    m_requestIds.clear();
    endResetModel();
    m_expiryTimer.stop();
}

RequestResponseModel::State RequestResponseModel::stateAt(int row) const
{
    return m_rows[size_t(row)].state;
}

qint64 RequestResponseModel::latencyAt(int row) const
{
    return m_rows[size_t(row)].latencyMs;
}

QByteArray RequestResponseModel::correlationDataAt(int row) const
{
    return m_rows[size_t(row)].correlationData;
}

QByteArray RequestResponseModel::responsePayloadAt(int row) const
{
    return m_rows[size_t(row)].responsePayload;
}

int RequestResponseModel::rowForCorrelationData(const QByteArray &correlationData) const
{
    const auto it = m_requestIds.constFind(correlationData);
    if (it == m_requestIds.constEnd() || it.value() < m_firstId)
        return -1;
    return int(it.value() - m_firstId);
}

int RequestResponseModel::countOf(State state) const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [state](const Row &row) { return row.state == state; }));
}

void RequestResponseModel::setMaximumRows(int rows)
{
    m_maximumRows = qMax(1, rows);
    trim();
}

void RequestResponseModel::trim()
{
    if (int(m_rows.size()) <= m_maximumRows)
        return;
    const int remove = int(m_rows.size()) - m_maximumRows;
    beginRemoveRows(QModelIndex(), 0, remove - 1);
    for (int i = 0; i < remove; ++i) {
        const Row &row = m_rows.front();
        if (row.state != State::Unmatched)
            m_requestIds.remove(row.correlationData);
        m_rows.pop_front();
        ++m_firstId;
    }
    endRemoveRows();
}

void RequestResponseModel::expire()
{
    const qint64 now = m_clock.elapsed();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (row.state != State::Waiting || row.deadlineTick < 0 || row.deadlineTick > now)
            continue;
        row.state = State::TimedOut;
        const int position = int(i);
        Q_EMIT dataChanged(index(position, LatencyColumn), index(position, LatencyColumn));
        Q_EMIT rowStateChanged(position, State::TimedOut);
    }
    scheduleExpiry();
}

void RequestResponseModel::scheduleExpiry()
{
    qint64 earliest = -1;
    for (const Row &row : m_rows) {
        if (row.state == State::Waiting && row.deadlineTick >= 0 &&
            (earliest < 0 || row.deadlineTick < earliest))
            earliest = row.deadlineTick;
    }
    if (earliest < 0) {
        m_expiryTimer.stop();
        return;
    }
    m_expiryTimer.start(int(qMax<qint64>(0, earliest - m_clock.elapsed())));
}
