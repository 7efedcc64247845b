// SPDX-License-Identifier: Apache-2.0
#include "chartseries.h"

#include "connectionworkspace.h"
#include "messageexporter.h"
#include "payloaddecoder.h"
#include "topic.h"

#include <QDateTime>

#include <algorithm>

ChartPointRing::ChartPointRing(int capacity) : m_points(size_t(qMax(1, capacity))) { }

void ChartPointRing::setCapacity(int capacity)
{
    capacity = qMax(1, capacity);
    if (capacity == this->capacity())
        return;
    const QList<ChartPoint> kept = toList();
    m_points.assign(size_t(capacity), ChartPoint());
    m_start = 0;
    m_size = 0;
    for (qsizetype i = qMax<qsizetype>(0, kept.size() - capacity); i < kept.size(); ++i)
        append(kept.at(i));
}

void ChartPointRing::append(const ChartPoint &point)
{
    const int capacity = this->capacity();
    if (m_size < capacity) {
        m_points[size_t((m_start + m_size) % capacity)] = point;
        ++m_size;
        return;
    }
    // Full: the oldest point gives way.
    m_points[size_t(m_start)] = point;
    m_start = (m_start + 1) % capacity;
}

void ChartPointRing::clear()
{
    m_start = 0;
    m_size = 0;
}

QList<ChartPoint> ChartPointRing::toList() const
{
    QList<ChartPoint> list;
    list.reserve(m_size);
    for (int i = 0; i < m_size; ++i)
        list.append(at(i));
    return list;
}

QString ChartSeriesModel::Series::label() const
{
    if (path.isEmpty())
        return topicFilter;
    return ChartSeriesModel::tr("%1 · %2", "topic · field path").arg(topicFilter, path.toString());
}

ChartSeriesModel::ChartSeriesModel(QObject *parent) : QAbstractTableModel(parent) { }

ChartSeriesModel::~ChartSeriesModel() = default;

void ChartSeriesModel::addConnection(ConnectionWorkspace *workspace)
{
    if (m_connections.value(workspace->id()) == workspace)
        return;
    m_connections.insert(workspace->id(), workspace);
    connect(workspace, &ConnectionWorkspace::messageArrived, this,
            [this, workspace](const Mqtt::Message &message, qint64 timeMs,
                              const std::shared_ptr<const Payload::DecodeResult> &decoded) {
                ingest(workspace, message, timeMs, decoded);
            });
    connect(workspace, &QObject::destroyed, this,
            [this, workspace] { removeConnection(workspace); });
}

void ChartSeriesModel::removeConnection(ConnectionWorkspace *workspace)
{
    // Its series stay, with the points they have. Found by pointer, not by id(): this also runs
    // from destroyed(), when the workspace is only a QObject any more.
    for (auto it = m_connections.begin(); it != m_connections.end();) {
        if (it.value() == workspace)
            it = m_connections.erase(it);
        else
            ++it;
    }
    disconnect(workspace, nullptr, this, nullptr);
}

ChartSeriesModel::Added ChartSeriesModel::addSeries(ConnectionWorkspace *workspace,
                                                    const QString &topicFilter, const QString &path)
{
    Added added;
    if (!workspace) {
        added.error = tr("No connection to chart from.");
        return added;
    }
    if (const Mqtt::Error error = Mqtt::validateTopicFilter(topicFilter);
        error.code != Mqtt::ErrorCode::None) {
        added.error = tr("The topic is not valid: %1").arg(error.text);
        return added;
    }
    const Payload::NodePath::Parsed parsed = Payload::NodePath::parse(path);
    if (!parsed.isValid()) {
        added.error = tr("The field path is not valid: %1").arg(parsed.error);
        return added;
    }
    addConnection(workspace);
    auto series = std::make_unique<Series>();
    series->connection = workspace->id();
    series->connectionName = workspace->name();
    series->topicFilter = topicFilter;
    series->path = parsed.path;
    series->points = ChartPointRing(m_maximumPoints);
    const int row = seriesCount();
    beginInsertRows(QModelIndex(), row, row);
    m_series.push_back(std::move(series));
    m_publishedRevisions.append(0);
    endInsertRows();
    added.row = row;
    return added;
}

void ChartSeriesModel::removeSeries(int row)
{
    if (row < 0 || row >= seriesCount())
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_series.erase(m_series.begin() + row);
    m_publishedRevisions.removeAt(row);
    endRemoveRows();
}

void ChartSeriesModel::clearPoints()
{
    for (const auto &series : m_series) {
        series->points.clear();
        ++series->revision;
    }
    publishCounts();
}

void ChartSeriesModel::setMaximumPoints(int maximum)
{
    m_maximumPoints = qMax(1, maximum);
    for (const auto &series : m_series) {
        series->points.setCapacity(m_maximumPoints);
        ++series->revision;
    }
    publishCounts();
}

void ChartSeriesModel::ingest(ConnectionWorkspace *workspace, const Mqtt::Message &message,
                              qint64 timeMs,
                              const std::shared_ptr<const Payload::DecodeResult> &decoded)
{
    const quint16 connection = workspace->id();
    std::shared_ptr<const Payload::DecodeResult> result;
    for (const auto &series : m_series) {
        if (series->connection != connection ||
            !Mqtt::topicMatches(series->topicFilter, message.topic))
            continue;
        // Decoded once for all the series of the topic, and only when one charts it.
        if (!result)
            result = workspace->decodeForView(message.topic, message.payload, decoded);
        if (!result->isValid()) {
            ++series->rejected;
            series->lastError = result->error;
            continue;
        }
        const Payload::NodePath::Resolved resolved = series->path.resolve(result->root);
        if (!resolved.number) {
            ++series->rejected;
            series->lastError = resolved.error;
            continue;
        }
        series->points.append({timeMs, *resolved.number});
        ++series->revision;
    }
}

void ChartSeriesModel::publishCounts()
{
    for (int row = 0; row < seriesCount(); ++row) {
        const quint64 revision = m_series[size_t(row)]->revision;
        if (m_publishedRevisions.at(row) == revision)
            continue;
        m_publishedRevisions[row] = revision;
        Q_EMIT dataChanged(index(row, ValueColumn), index(row, PointsColumn));
    }
}

namespace {

QByteArray isoTime(qint64 timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
}

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
QList<QStringList> parseCsv(const QByteArray &csv)
{
    QList<QStringList> records;
    QStringList record;
    QByteArray field;
    bool quoted = false;
    bool any = false;
    const auto endField = [&] {
        record.append(QString::fromUtf8(field));
        field.clear();
    };
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const char c = csv.at(i);
        any = true;
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv.at(i + 1) == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            endField();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < csv.size() && csv.at(i + 1) == '\n')
                ++i;
            endField();
            records.append(record);
            record.clear();
            any = false;
        } else {
            field += c;
        }
    }
    if (any) {
        endField();
        records.append(record);
    }
    return records;
}

} // namespace

QByteArray ChartSeriesModel::toCsv() const
{
    QByteArray csv = "time";
    for (const auto &series : m_series)
        csv += ',' + MessageExporter::csvField(series->label().toUtf8());
    csv += "\r\n";
    // A merge by time: a line per time, a series' points at the same time on lines of their own.
    std::vector<int> next(m_series.size(), 0);
    for (;;) {
        qint64 time = 0;
        bool found = false;
        for (size_t i = 0; i < m_series.size(); ++i) {
            const ChartPointRing &points = m_series[i]->points;
            if (next[i] < points.size() && (!found || points.at(next[i]).timeMs < time)) {
                time = points.at(next[i]).timeMs;
                found = true;
            }
        }
        if (!found)
            break;
        csv += isoTime(time);
        for (size_t i = 0; i < m_series.size(); ++i) {
            csv += ',';
            const ChartPointRing &points = m_series[i]->points;
            if (next[i] < points.size() && points.at(next[i]).timeMs == time) {
                csv += QByteArray::number(points.at(next[i]).value, 'g', 17);
                ++next[i];
            }
        }
        csv += "\r\n";
    }
    return csv;
}

ChartSeriesModel::Table ChartSeriesModel::fromCsv(const QByteArray &csv)
{
    Table table;
    const QList<QStringList> records = parseCsv(csv);
    if (records.isEmpty() || records.first().value(0) != QLatin1String("time")) {
        table.error = tr("Not a chart export: the first line must start with \"time\".");
        return table;
    }
    table.labels = records.first().mid(1);
    table.points.resize(table.labels.size());
    for (qsizetype line = 1; line < records.size(); ++line) {
        const QStringList &record = records.at(line);
        if (record.size() != table.labels.size() + 1) {
            table.error = tr("Line %1 has %2 fields, not %3.")
                                  .arg(line + 1)
                                  .arg(record.size())
                                  .arg(table.labels.size() + 1);
            return table;
        }
        const QDateTime time = QDateTime::fromString(record.first(), Qt::ISODateWithMs);
        if (!time.isValid()) {
            table.error = tr("Line %1: \"%2\" is not a time.").arg(line + 1).arg(record.first());
            return table;
        }
        for (qsizetype column = 1; column < record.size(); ++column) {
            if (record.at(column).isEmpty())
                continue;
            bool ok = false;
            const double value = record.at(column).toDouble(&ok);
            if (!ok) {
                table.error =
                        tr("Line %1: \"%2\" is not a number.").arg(line + 1).arg(record.at(column));
                return table;
            }
            table.points[column - 1].append({time.toMSecsSinceEpoch(), value});
        }
    }
    return table;
}

int ChartSeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : seriesCount();
}

int ChartSeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChartSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Series &shown = series(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeriesColumn:
            return shown.label();
        case ValueColumn:
            if (!shown.points.isEmpty())
                return QString::number(shown.points.last().value, 'g', 10);
            return shown.lastError.isEmpty() ? tr("waiting for a message")
                                             : tr("no number: %1").arg(shown.lastError);
        case PointsColumn:
            return shown.points.size();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = tr("Connection: %1\nTopic: %2\nField: %3")
                              .arg(shown.connectionName, shown.topicFilter,
                                   shown.path.isEmpty() ? tr("the whole payload")
                                                        : shown.path.toString());
        if (shown.rejected > 0) {
            tip += QLatin1Char('\n') +
                   tr("%Ln message(s) gave no number; the last: %1", nullptr,
                      int(qMin<qint64>(shown.rejected, std::numeric_limits<int>::max())))
                           .arg(shown.lastError);
        }
        return tip;
    }
    if (role == Qt::TextAlignmentRole && index.column() != SeriesColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ChartSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeriesColumn:
        return tr("Series");
    case ValueColumn:
        return tr("Last value");
    case PointsColumn:
        return tr("Points");
    default:
        return {};
    }
}
