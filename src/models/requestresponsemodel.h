// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "message.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <deque>

// MQTT 5.0 request/response: the requests sent with a Response Topic and a unique Correlation
// Data, paired with the responses that come back carrying the same Correlation Data. One row
// per request (sent time, correlation data, request, response, latency or "no response" once
// its timeout passed) and one row per response nobody asked for (unknown correlation data).
class RequestResponseModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SentColumn,
        CorrelationColumn,
        RequestColumn,
        ResponseColumn,
        LatencyColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum class State {
        Waiting, // sent, no response yet
        Answered,
        TimedOut, // the timeout passed without a response
        Late, // answered after its timeout
        Unmatched, // a response whose correlation data matches no request
    };
    Q_ENUM(State)

    enum Role {
        StateRole = Qt::UserRole + 1, // int (State)
        CorrelationDataRole, // QByteArray
        LatencyRole, // qint64 ms, -1 without a response
        RequestPayloadRole, // QByteArray
        ResponsePayloadRole, // QByteArray
        SentTimeRole, // qint64 ms since the epoch, 0 for an unmatched response
    };
    Q_ENUM(Role)

    static constexpr int DefaultMaximumRows = 1000;

    explicit RequestResponseModel(QObject *parent = nullptr);
    ~RequestResponseModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // A correlation data that no earlier request of this model used (printable ASCII).
    QByteArray nextCorrelationData();

    // Records a request just published; timeoutMs <= 0 waits for ever. Returns its row.
    int addRequest(const QByteArray &correlationData, const QString &topic,
                   const QByteArray &payload, int timeoutMs);
    // A message that arrived on a response topic: pairs it with its request by Correlation
    // Data, or lists it as unmatched. Returns the row it answered or added.
    int addResponse(const Mqtt::Message &message);
    void clear();

    State stateAt(int row) const;
    qint64 latencyAt(int row) const; // ms, -1 without a response
    QByteArray correlationDataAt(int row) const;
    QByteArray responsePayloadAt(int row) const;
    int rowForCorrelationData(const QByteArray &correlationData) const; // -1 when unknown

    int countOf(State state) const;

    int maximumRows() const { return m_maximumRows; }
    void setMaximumRows(int rows); // the oldest rows go first

Q_SIGNALS:
    // A request got its response, timed out, or an unmatched response came.
    void rowStateChanged(int row, RequestResponseModel::State state);

private:
    struct Row
    {
        State state = State::Waiting;
        QByteArray correlationData;
        QString topic; // the request's topic, or the response's for an unmatched one
        QByteArray requestPayload;
        QByteArray responsePayload;
        qint64 sentAtMs = 0; // since the epoch, for display
        qint64 sentTick = 0; // m_clock, for the latency
        qint64 deadlineTick = -1; // m_clock; -1: no timeout
        qint64 latencyMs = -1;
    };

    int appendRow(Row row);
    void trim();
    void expire();
    void scheduleExpiry();
    QString latencyText(const Row &row) const;

    std::deque<Row> m_rows;
    quint64 m_firstId = 0; // id of m_rows.front(): ids stay valid while old rows are trimmed
    QHash<QByteArray, quint64> m_requestIds; // correlation data -> id of its request
    QElapsedTimer m_clock;
    QTimer m_expiryTimer;
    QByteArray m_correlationPrefix;
    quint64 m_nextCorrelation = 1;
    int m_maximumRows = DefaultMaximumRows;
};
