// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QTimer>
#include <QWidget>

class ChartSeriesModel;
class QAction;
class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QTableView;
class QValueAxis;

// The live charts: one line per series of a ChartSeriesModel over a sliding time span, drawn
// again on a timer (UpdateInterval) with each changed series' points replaced at once. Pause
// freezes the picture while the model keeps collecting; a rubber band or the wheel zooms (the
// span stops sliding until the zoom is reset); the series table beside it shows each series'
// last value and points, and removes series; the points export to CSV and the picture to PNG.
// Follows the palette: the dark chart theme on a dark palette.
class ChartPane : public QWidget
{
    Q_OBJECT
public:
    static constexpr int UpdateInterval = 100; // ms between redraws (10 Hz)
    enum class State { Live, Paused };
    Q_ENUM(State)

    explicit ChartPane(QWidget *parent = nullptr);
    ~ChartPane() override;

    void setModel(ChartSeriesModel *model);
    ChartSeriesModel *model() const { return m_model; }

    State state() const { return m_state; }
    void setState(State state);
    // The span of time shown, ending at the newest point; 0 shows every point kept.
    qint64 timeSpanMs() const { return m_timeSpanMs; }
    void setTimeSpanMs(qint64 span);

    // Draws the changed series now (the timer does it UpdateInterval after a change).
    void updateChart();
    bool isZoomed() const;
    void resetZoom();
    // Removes the series selected in the table.
    void removeSelectedSeries();

    // Write the points (ChartSeriesModel::toCsv()) or the picture; an empty string, or why not.
    QString exportCsv(const QString &fileName) const;
    QString exportPng(const QString &fileName) const;

    QChart *chart() const;
    QChartView *chartView() const { return m_view; }
    QTableView *seriesView() const { return m_table; }
    // The line drawn for the model's row.
    QLineSeries *lineSeries(int row) const { return m_lines.value(row); }
    // Milliseconds the last updateChart() took (for the benchmark).
    double lastUpdateMs() const { return m_lastUpdateMs; }

Q_SIGNALS:
    void stateChanged(ChartPane::State state);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onRowsInserted(int first, int last);
    void onRowsAboutToBeRemoved(int first, int last);
    void applyTheme();
    void exportCsvWithDialog();
    void exportPngWithDialog();
    void updateActions();

    ChartSeriesModel *m_model = nullptr;
    QChartView *m_view = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_span = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resetZoomAction = nullptr;
    QAction *m_removeAction = nullptr;
    QList<QLineSeries *> m_lines; // by model row
    QList<quint64> m_drawnRevisions; // by model row
    int m_drawnColumns = 0; // the plot's width in pixels when last drawn
    QTimer m_timer;
    State m_state = State::Live;
    qint64 m_timeSpanMs = 5 * 60 * 1000;
    double m_lastUpdateMs = 0;
};
