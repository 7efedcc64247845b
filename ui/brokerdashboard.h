// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "brokerstats.h"

#include <QPointer>
#include <QWidget>

#include <array>

class ConnectionWorkspace;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QTableView;
class QValueAxis;

// One connection's broker dashboard: what its broker publishes on $SYS (BrokerStats) as value
// cards (version, uptime, clients connected, subscriptions, retained messages, the latest
// rates), live charts of messages and bytes per second in and out over the last minutes, and
// a table of the other $SYS topics, raw. While the broker has said nothing it shows why
// (waiting, no $SYS after a while, subscription refused, not connected).
class BrokerDashboard : public QWidget
{
    Q_OBJECT
public:
    enum class Card {
        Version,
        Uptime,
        Clients,
        Subscriptions,
        Retained,
        Messages,
        Bytes,
        CardCount
    };
    Q_ENUM(Card)

    explicit BrokerDashboard(QWidget *parent = nullptr);
    ~BrokerDashboard() override;

    void setWorkspace(ConnectionWorkspace *workspace);
    ConnectionWorkspace *workspace() const;
    BrokerStats *stats() const { return m_stats; }

    // The text a card shows ("–" until known).
    QString cardText(Card card) const;
    // The message shown instead of the dashboard, empty while values are shown.
    QString statusText() const;
    QTableView *rawTopicsView() const { return m_rawView; }
    // The points drawn for a series.
    int chartPointCount(BrokerStats::Series series) const;
    // The printf format of the rate axes' labels for ticks step apart ("%.1f" for 0.5).
    static QString tickLabelFormat(double step);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Chart
    {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QDateTimeAxis *time = nullptr;
        QValueAxis *value = nullptr;
        std::array<QLineSeries *, 2> series{}; // received, sent
    };
    Chart makeChart(const QString &title, const QString &unit);
    void applyChartColors();
    void updateState();
    void updateValues();
    void updateCharts();
    void updateChart(Chart &chart, BrokerStats::Series received, BrokerStats::Series sent);

    QPointer<ConnectionWorkspace> m_workspace;
    QPointer<BrokerStats> m_stats;
    QStackedWidget *m_pages;
    QLabel *m_status;
    QLabel *m_source;
    std::array<QLabel *, size_t(Card::CardCount)> m_cards{};
    std::array<QLabel *, size_t(Card::CardCount)> m_cardTitles{};
    Chart m_messages;
    Chart m_bytes;
    QTableView *m_rawView;
};
