// SPDX-License-Identifier: Apache-2.0
#include "chartpane.h"

#include "chartseries.h"
#include "theme.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>
#include <limits>

namespace {

// A chart view that zooms with the wheel around the pointer (the rubber band zooms into a
// rectangle; a right click zooms out).
class ZoomingChartView : public QChartView
{
public:
    explicit ZoomingChartView(QChart *chart) : QChartView(chart)
    {
        setRubberBand(QChartView::RectangleRubberBand);
        setRenderHint(QPainter::Antialiasing);
    }

protected:
    void wheelEvent(QWheelEvent *event) override
    {
        const int delta = event->angleDelta().y();
        if (delta == 0) {
            event->ignore();
            return;
        }
        constexpr qreal Step = 1.25;
        const qreal factor = delta > 0 ? Step : 1 / Step;
        const QRectF area = chart()->plotArea();
        const QPointF at = chart()->mapFromScene(mapToScene(event->position().toPoint()));
        const QPointF center = area.contains(at) ? at : area.center();
        // The point under the pointer stays where it is.
        const QRectF shown(center.x() - (center.x() - area.left()) / factor,
                           center.y() - (center.y() - area.top()) / factor, area.width() / factor,
                           area.height() / factor);
        chart()->zoomIn(shown);
        event->accept();
    }
};

QList<QPointF> allPoints(const ChartPointRing &points, int first)
{
    QList<QPointF> shown;
    shown.reserve(points.size() - first);
    for (int i = first; i < points.size(); ++i)
        shown.append(QPointF(double(points.at(i).timeMs), points.at(i).value));
    return shown;
}

// The points from first on, at most two per pixel column of the span [start, end] across
// columns: each column's lowest and highest, in time order.
QList<QPointF> decimated(const ChartPointRing &points, int first, qint64 start, qint64 end,
                         int columns)
{
    if (points.size() - first <= 2 * columns)
        return allPoints(points, first);
    const double perColumn = double(qMax<qint64>(1, end - start)) / columns;
    QList<QPointF> shown;
    shown.reserve(2 * columns + 2);
    int i = first;
    while (i < points.size()) {
        const qint64 column = qint64(std::floor((points.at(i).timeMs - start) / perColumn));
        int lowest = i;
        int highest = i;
        int next = i + 1;
        for (; next < points.size() &&
               qint64(std::floor((points.at(next).timeMs - start) / perColumn)) == column;
             ++next) {
            if (points.at(next).value < points.at(lowest).value)
                lowest = next;
            if (points.at(next).value > points.at(highest).value)
                highest = next;
        }
        const int earlier = qMin(lowest, highest);
        const int later = qMax(lowest, highest);
        shown.append(QPointF(double(points.at(earlier).timeMs), points.at(earlier).value));
        if (later != earlier)
            shown.append(QPointF(double(points.at(later).timeMs), points.at(later).value));
        i = next;
    }
    return shown;
}

} // namespace

ChartPane::ChartPane(QWidget *parent) : QWidget(parent)
{
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_timeAxis = new QDateTimeAxis;
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(6);
    m_timeAxis->setTitleText(tr("Time"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_valueAxis = new QValueAxis;
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(now - m_timeSpanMs),
                         QDateTime::fromMSecsSinceEpoch(now));
    m_view = new ZoomingChartView(chart);
    m_view->setObjectName(QStringLiteral("chartView"));

    auto *toolBar = new QToolBar;
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_pauseAction = toolBar->addAction(tr("Pause"));
    m_pauseAction->setObjectName(QStringLiteral("chartPauseAction"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setToolTip(tr("Freeze the chart; points keep being collected"));
    connect(m_pauseAction, &QAction::toggled, this,
            [this](bool paused) { setState(paused ? State::Paused : State::Live); });
    m_resetZoomAction = toolBar->addAction(tr("Reset zoom"));
    m_resetZoomAction->setToolTip(tr("Drag a rectangle or turn the wheel over the chart to zoom"));
    connect(m_resetZoomAction, &QAction::triggered, this, &ChartPane::resetZoom);
    m_removeAction = toolBar->addAction(tr("Remove series"));
    connect(m_removeAction, &QAction::triggered, this, &ChartPane::removeSelectedSeries);
    toolBar->addSeparator();
    toolBar->addAction(tr("Export CSV…"), this, &ChartPane::exportCsvWithDialog);
    toolBar->addAction(tr("Export PNG…"), this, &ChartPane::exportPngWithDialog);
    toolBar->addSeparator();
    toolBar->addWidget(new QLabel(tr("Span:")));
    m_span = new QComboBox;
    m_span->setObjectName(QStringLiteral("chartSpanCombo"));
    m_span->addItem(tr("1 minute"), qint64(60 * 1000));
    m_span->addItem(tr("5 minutes"), qint64(5 * 60 * 1000));
    m_span->addItem(tr("15 minutes"), qint64(15 * 60 * 1000));
    m_span->addItem(tr("1 hour"), qint64(60 * 60 * 1000));
    m_span->addItem(tr("All points"), qint64(0));
    m_span->setCurrentIndex(m_span->findData(m_timeSpanMs));
    connect(m_span, &QComboBox::activated, this,
            [this](int index) { setTimeSpanMs(m_span->itemData(index).toLongLong()); });
    toolBar->addWidget(m_span);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("chartSeriesView"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_view);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar);
    layout->addWidget(splitter, 1);

    m_timer.setInterval(UpdateInterval);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_model)
            return;
        m_model->publishCounts();
        if (m_state == State::Live && isVisible())
            updateChart();
    });
    // The points drawn depend on the plot's width in pixels: when it changes (a resize, or
    // wider value labels after a new range), draw every series again for the new width.
    connect(chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        if (int(area.width()) == m_drawnColumns)
            return;
        for (quint64 &revision : m_drawnRevisions)
            revision = std::numeric_limits<quint64>::max();
        QMetaObject::invokeMethod(this, &ChartPane::updateChart, Qt::QueuedConnection);
    });
    applyTheme();
    updateActions();
}

ChartPane::~ChartPane() = default;

QChart *ChartPane::chart() const
{
    return m_view->chart();
}

void ChartPane::setModel(ChartSeriesModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    if (!m_lines.isEmpty())
        onRowsAboutToBeRemoved(0, int(m_lines.size()) - 1);
    m_model = model;
    m_table->setModel(model);
    if (!model)
        return;
    m_table->horizontalHeader()->setSectionResizeMode(ChartSeriesModel::SeriesColumn,
                                                      QHeaderView::Stretch);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                onRowsAboutToBeRemoved(first, last);
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ChartPane::updateActions);
    if (model->seriesCount() > 0)
        onRowsInserted(0, model->seriesCount() - 1);
}

void ChartPane::onRowsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        auto *line = new QLineSeries;
        line->setName(m_model->series(row).label());
        chart()->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        m_lines.insert(row, line);
        m_drawnRevisions.insert(row, std::numeric_limits<quint64>::max());
    }
    m_timer.start();
    updateActions();
}

void ChartPane::onRowsAboutToBeRemoved(int first, int last)
{
    for (int row = last; row >= first; --row) {
        QLineSeries *line = m_lines.takeAt(row);
        m_drawnRevisions.removeAt(row);
        chart()->removeSeries(line);
        delete line;
    }
    if (m_lines.size() == last - first + 1 && first == 0)
        m_timer.stop();
    updateActions();
}

void ChartPane::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    m_pauseAction->setChecked(state == State::Paused);
    m_pauseAction->setText(state == State::Paused ? tr("Resume") : tr("Pause"));
    if (state == State::Live)
        updateChart();
    Q_EMIT stateChanged(state);
}

void ChartPane::setTimeSpanMs(qint64 span)
{
    m_timeSpanMs = qMax<qint64>(0, span);
    const int index = m_span->findData(m_timeSpanMs);
    if (index >= 0)
        m_span->setCurrentIndex(index);
    // Every series again: the span chooses the points drawn.
    for (quint64 &revision : m_drawnRevisions)
        revision = std::numeric_limits<quint64>::max();
    updateChart();
}

void ChartPane::updateChart()
{
    if (!m_model)
        return;
    QElapsedTimer clock;
    clock.start();
    const int count = m_model->seriesCount();
    qint64 newest = std::numeric_limits<qint64>::min();
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (int row = 0; row < count; ++row) {
        const ChartPointRing &points = m_model->series(row).points;
        if (points.isEmpty())
            continue;
        newest = qMax(newest, points.last().timeMs);
        oldest = qMin(oldest, points.at(0).timeMs);
    }
    const bool any = newest != std::numeric_limits<qint64>::min();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 end = now;
    qint64 start = now;
    if (m_timeSpanMs > 0) {
        // The span ends now, or at the newest point of a recording from another time.
        if (any && (newest > now || now - newest > m_timeSpanMs))
            end = newest;
        start = end - m_timeSpanMs;
    } else if (any) {
        start = oldest;
        end = qMax(newest, oldest + 1000);
    } else {
        start = now - 60 * 1000;
    }

    // More points than the plot has pixels draw nothing more, and cost: the lowest and the
    // highest point of each pixel column are drawn, which keeps every peak.
    const bool zoomed = isZoomed();
    const int columns = qMax(1, int(chart()->plotArea().width()));
    m_drawnColumns = columns;
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (int row = 0; row < count; ++row) {
        const ChartSeriesModel::Series &series = m_model->series(row);
        const ChartPointRing &points = series.points;
        // The points in the span, and the one before it so that the line enters from the left.
        int first = points.size();
        while (first > 0 && points.at(first - 1).timeMs >= start)
            --first;
        if (first > 0)
            --first;
        for (int i = first; i < points.size(); ++i) {
            const double value = points.at(i).value;
            if (std::isfinite(value)) {
                low = qMin(low, value);
                high = qMax(high, value);
            }
        }
        if (series.revision == m_drawnRevisions.at(row))
            continue;
        m_lines.at(row)->replace(zoomed ? allPoints(points, first)
                                        : decimated(points, first, start, end, columns));
        m_drawnRevisions[row] = series.revision;
    }
    if (!zoomed) {
        m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(start),
                             QDateTime::fromMSecsSinceEpoch(end));
        if (low <= high) {
            const double margin = low < high ? (high - low) * 0.05 : qMax(1.0, qAbs(low) * 0.05);
            m_valueAxis->setRange(low - margin, high + margin);
            m_valueAxis->applyNiceNumbers(); // ticks at round values
        }
    }
    m_lastUpdateMs = clock.nsecsElapsed() / 1e6;
}

bool ChartPane::isZoomed() const
{
    return chart()->isZoomed();
}

void ChartPane::resetZoom()
{
    chart()->zoomReset();
    updateChart();
}

void ChartPane::removeSelectedSeries()
{
    if (!m_model)
        return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        m_model->removeSeries(rows.first().row());
}

QString ChartPane::exportCsv(const QString &fileName) const
{
    if (!m_model)
        return tr("There is nothing to export.");
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->toCsv()) < 0 || !file.commit())
        return tr("Could not write %1: %2").arg(fileName, file.errorString());
    return QString();
}

QString ChartPane::exportPng(const QString &fileName) const
{
    if (!m_view->grab().save(fileName, "PNG"))
        return tr("Could not write %1.").arg(fileName);
    return QString();
}

void ChartPane::exportCsvWithDialog()
{
    const QString fileName = QFileDialog::getSaveFileName(
            this, tr("Export chart data"), QStringLiteral("chart.csv"), tr("CSV files (*.csv)"));
    if (fileName.isEmpty())
        return;
    const QString error = exportCsv(fileName);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export chart data"), error);
}

void ChartPane::exportPngWithDialog()
{
    const QString fileName =
            QFileDialog::getSaveFileName(this, tr("Export chart picture"),
                                         QStringLiteral("chart.png"), tr("PNG images (*.png)"));
    if (fileName.isEmpty())
        return;
    const QString error = exportPng(fileName);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export chart picture"), error);
}

void ChartPane::updateActions()
{
    const bool selected = m_table->selectionModel() && m_table->selectionModel()->hasSelection();
    m_removeAction->setEnabled(selected);
}

void ChartPane::applyTheme()
{
    chart()->setTheme(Theme::isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
}

void ChartPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
    QWidget::changeEvent(event);
}
