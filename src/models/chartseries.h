// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "nodepath.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

class ConnectionWorkspace;
namespace Mqtt {
struct Message;
}
namespace Payload {
struct DecodeResult;
}

// One point of a chart: when the message arrived (ms since the epoch) and its number.
struct ChartPoint
{
    qint64 timeMs = 0;
    double value = 0;

    bool operator==(const ChartPoint &other) const
    {
        return timeMs == other.timeMs && value == other.value;
    }
};

// The newest points of one series, at most capacity of them: a ring that drops the oldest.
class ChartPointRing
{
public:
    explicit ChartPointRing(int capacity = 1);

    int capacity() const { return int(m_points.size()); }
    // Keeps the newest points that fit.
    void setCapacity(int capacity);
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // 0 is the oldest kept point.
    const ChartPoint &at(int index) const
    {
        return m_points[size_t((m_start + index) % int(m_points.size()))];
    }
    const ChartPoint &last() const { return at(m_size - 1); }
    void append(const ChartPoint &point);
    void clear();
    QList<ChartPoint> toList() const;

private:
    std::vector<ChartPoint> m_points;
    int m_start = 0; // the oldest point
    int m_size = 0;
};

// The series of the live charts, one row each: a topic filter of a connection and a field
// path (Payload::NodePath) whose numbers it collects, newest last, in a bounded ring. It is
// fed every message of the connections added to it, and decodes (through the connection's
// decoder and its rules) only those on a charted topic. Points keep coming while a view is
// paused; views poll revision() on their own timer, and publishCounts() refreshes the value
// and points columns once per such tick.
class ChartSeriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeriesColumn, ValueColumn, PointsColumn, ColumnCount };
    Q_ENUM(Column)
    static constexpr int DefaultMaximumPoints = 10000;

    struct Series
    {
        quint16 connection = 0;
        QString connectionName;
        QString topicFilter;
        Payload::NodePath path;
        ChartPointRing points;
        quint64 revision = 0; // counts appended points
        qint64 rejected = 0; // messages on the topic whose path gave no number
        QString lastError; // why the last such message gave none

        QString label() const;
    };

    // What addSeries() did: the new row, or why there is none.
    struct Added
    {
        int row = -1;
        QString error;
    };

    explicit ChartSeriesModel(QObject *parent = nullptr);
    ~ChartSeriesModel() override;

    // The connection's messages feed the series made for it; it leaves when destroyed.
    void addConnection(ConnectionWorkspace *workspace);
    void removeConnection(ConnectionWorkspace *workspace);

    // A series for the filter and the path text on the connection (added first).
    Added addSeries(ConnectionWorkspace *workspace, const QString &topicFilter, const QString &path);
    void removeSeries(int row);
    const Series &series(int row) const { return *m_series.at(size_t(row)); }
    int seriesCount() const { return int(m_series.size()); }
    void clearPoints();

    // Points kept per series (default DefaultMaximumPoints); the oldest go first.
    int maximumPoints() const { return m_maximumPoints; }
    void setMaximumPoints(int maximum);

    // A message of the connection, at that time, with the result decoded when it arrived (if
    // any): a point for each series whose filter matches and whose path gives a number.
    void ingest(ConnectionWorkspace *workspace, const Mqtt::Message &message, qint64 timeMs,
                const std::shared_ptr<const Payload::DecodeResult> &decoded);

    // Emits dataChanged for the value and points columns of the rows that took points since
    // the last call.
    void publishCounts();

    // The points as CSV: a header "time,<series label>..." then one line per time (ISO 8601
    // in UTC with milliseconds), a column per series, empty where a series has no point then.
    QByteArray toCsv() const;
    // Reads what toCsv() writes: the labels, and each column's points.
    struct Table
    {
        QStringList labels;
        QList<QList<ChartPoint>> points;
        QString error;
    };
    static Table fromCsv(const QByteArray &csv);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<std::unique_ptr<Series>> m_series;
    QHash<quint16, ConnectionWorkspace *> m_connections;
    QList<quint64> m_publishedRevisions; // per row, at the last publishCounts()
    int m_maximumPoints = DefaultMaximumPoints;
};
