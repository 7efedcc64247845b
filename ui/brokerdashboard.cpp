// SPDX-License-Identifier: Apache-2.0
#include "brokerdashboard.h"

#include "connectionworkspace.h"
#include "tableviewsetup.h"
#include "theme.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

#include <algorithm>

namespace {

constexpr qint64 MinimumChartSpan = 60 * 1000; // ms

QString dash()
{
    return QStringLiteral("–");
}

QString countText(const std::optional<qint64> &value)
{
    return value ? QLocale().toString(*value) : dash();
}

} // namespace

BrokerDashboard::BrokerDashboard(QWidget *parent)
    : QWidget(parent),
      m_pages(new QStackedWidget(this)),
      m_status(new QLabel(this)),
      m_source(new QLabel(this)),
      m_rawView(new QTableView(this))
{
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setWordWrap(true);
    m_status->setMargin(24);
    m_pages->addWidget(m_status);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    m_source->setWordWrap(true);
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_source);

    auto *cards = new QGridLayout;
    const std::array<QString, size_t(Card::CardCount)> titles = {
            tr("Version"),           tr("Uptime"),
            tr("Clients connected"), tr("Subscriptions"),
            tr("Retained messages"), tr("Messages/s in / out"),
            tr("Bytes/s in / out")};
    for (size_t i = 0; i < titles.size(); ++i) {
        auto *card = new QFrame;
        card->setFrameShape(QFrame::StyledPanel);
        auto *cardLayout = new QVBoxLayout(card);
        m_cardTitles[i] = new QLabel(titles[i]);
        m_cards[i] = new QLabel(dash());
        m_cards[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont big = m_cards[i]->font();
        big.setPointSizeF(big.pointSizeF() * 1.4);
        big.setBold(true);
        m_cards[i]->setFont(big);
        cardLayout->addWidget(m_cardTitles[i]);
        cardLayout->addWidget(m_cards[i]);
        cards->addWidget(card, 0, int(i));
    }
    layout->addLayout(cards);

    m_messages = makeChart(tr("Messages per second"), tr("messages/s"));
    m_bytes = makeChart(tr("Bytes per second"), tr("bytes/s"));
    auto *rawPane = new QWidget;
    auto *rawLayout = new QVBoxLayout(rawPane);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(new QLabel(tr("Other $SYS topics")));
    m_rawView->setObjectName(QStringLiteral("rawSysTopics"));
    m_rawView->verticalHeader()->hide();
    m_rawView->horizontalHeader()->setStretchLastSection(true);
    m_rawView->setSelectionBehavior(QAbstractItemView::SelectRows);
    TableViewSetup::setUniformRows(m_rawView);
    rawLayout->addWidget(m_rawView);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(m_messages.view);
    splitter->addWidget(m_bytes.view);
    splitter->addWidget(rawPane);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 3);
    layout->addWidget(splitter, 1);
    m_pages->addWidget(content);

    auto *outer = new QVBoxLayout(this);
    outer->addWidget(m_pages);
    applyChartColors();
    updateState();
}

BrokerDashboard::~BrokerDashboard() = default;

BrokerDashboard::Chart BrokerDashboard::makeChart(const QString &title, const QString &unit)
{
    Chart chart;
    chart.chart = new QChart;
    chart.chart->setTitle(title);
    chart.chart->legend()->setAlignment(Qt::AlignBottom);
    chart.time = new QDateTimeAxis;
    chart.time->setFormat(QStringLiteral("HH:mm:ss"));
    chart.time->setTickCount(3);
    chart.value = new QValueAxis;
    chart.value->setLabelFormat(QStringLiteral("%.0f"));
    chart.value->setTitleText(unit);
    chart.value->setRange(0, 1);
    chart.chart->addAxis(chart.time, Qt::AlignBottom);
    chart.chart->addAxis(chart.value, Qt::AlignLeft);
    // In and out as the broker counts them: received from its clients, sent to them.
    const std::array<QString, 2> names = {tr("in"), tr("out")};
    for (size_t i = 0; i < names.size(); ++i) {
        chart.series[i] = new QLineSeries;
        chart.series[i]->setName(names[i]);
        chart.chart->addSeries(chart.series[i]);
        chart.series[i]->attachAxis(chart.time);
        chart.series[i]->attachAxis(chart.value);
    }
    chart.view = new QChartView(chart.chart);
    chart.view->setRenderHint(QPainter::Antialiasing);
    chart.view->setMinimumSize(300, 180);
    return chart;
}

void BrokerDashboard::applyChartColors()
{
    const QPalette pal = palette();
    for (Chart *chart : {&m_messages, &m_bytes}) {
        // The theme picks the series' colours for light or dark; the rest follows the palette.
        chart->chart->setTheme(Theme::isDark(pal) ? QChart::ChartThemeDark
                                                  : QChart::ChartThemeLight);
        chart->chart->setBackgroundBrush(pal.brush(QPalette::Base));
        chart->chart->setTitleBrush(pal.brush(QPalette::Text));
        chart->chart->legend()->setLabelColor(pal.color(QPalette::Text));
        for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(chart->time),
                                    static_cast<QAbstractAxis *>(chart->value)}) {
            axis->setLabelsBrush(pal.brush(QPalette::Text));
            axis->setTitleBrush(pal.brush(QPalette::Text));
            axis->setGridLineColor(pal.color(QPalette::Mid));
        }
        chart->view->setBackgroundBrush(pal.brush(QPalette::Base));
    }
    for (QLabel *title : m_cardTitles)
        title->setStyleSheet(Theme::styleSheetColor(Theme::Role::Muted, pal));
    m_status->setStyleSheet(Theme::styleSheetColor(Theme::Role::Muted, pal));
    m_source->setStyleSheet(Theme::styleSheetColor(Theme::Role::Muted, pal));
}

void BrokerDashboard::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyChartColors();
}

void BrokerDashboard::setWorkspace(ConnectionWorkspace *workspace)
{
    if (m_stats)
        m_stats->disconnect(this);
    if (m_workspace)
        m_workspace->client()->disconnect(this);
    m_workspace = workspace;
    m_stats = workspace ? workspace->brokerStats() : nullptr;
    m_rawView->setModel(m_stats);
    if (m_stats) {
        connect(m_stats, &BrokerStats::stateChanged, this, &BrokerDashboard::updateState);
        connect(m_stats, &BrokerStats::valuesChanged, this, &BrokerDashboard::updateValues);
        connect(m_stats, &BrokerStats::sampled, this, &BrokerDashboard::updateCharts);
        connect(workspace->client(), &Mqtt::Client::stateChanged, this,
                &BrokerDashboard::updateState);
        TableViewSetup::fitColumn(m_rawView, BrokerStats::TopicColumn, 34);
    }
    updateValues();
    updateCharts();
    updateState();
}

ConnectionWorkspace *BrokerDashboard::workspace() const
{
    return m_workspace;
}

void BrokerDashboard::updateState()
{
    QString text;
    const bool connected =
            m_workspace && m_workspace->client()->state() == Mqtt::Client::State::Connected;
    const bool hasValues = m_stats && (m_stats->broker() != BrokerStats::Broker::Unknown ||
                                       m_stats->rowCount() > 0);
    if (!m_stats) {
        text = tr("No connection.");
    } else if (hasValues) {
        text.clear();
    } else if (!connected) {
        text = tr("Connect to see what the broker publishes about itself on $SYS.");
    } else {
        switch (m_stats->state()) {
        case BrokerStats::State::Idle:
        case BrokerStats::State::Waiting:
            text = tr("Waiting for the broker's $SYS topics…");
            break;
        case BrokerStats::State::Receiving:
            break;
        case BrokerStats::State::Silent:
            text = tr("This broker publishes no $SYS topics: nothing came within %Ln second(s) "
                      "of subscribing to $SYS/#.\nmosquitto publishes them every sys_interval "
                      "seconds (10 by default, 0 turns them off); EMQX every minute, to "
                      "clients on its own host by default.",
                      nullptr, m_stats->silenceTimeout() / 1000);
            break;
        case BrokerStats::State::Refused:
            text = tr("The broker refused the subscription to $SYS/#: its access control may "
                      "allow $SYS only to some clients.");
            break;
        }
    }
    m_status->setText(text);
    m_pages->setCurrentIndex(text.isEmpty() ? 1 : 0);
}

void BrokerDashboard::updateValues()
{
    using Series = BrokerStats::Series;
    const BrokerStats *stats = m_stats;
    auto set = [this](Card card, const QString &text) { m_cards[size_t(card)]->setText(text); };
    if (!stats) {
        for (QLabel *card : m_cards)
            card->setText(dash());
        m_source->clear();
        return;
    }
    set(Card::Version, stats->version().isEmpty() ? dash() : stats->version());
    set(Card::Uptime,
        stats->uptimeSeconds() ? BrokerStats::uptimeText(*stats->uptimeSeconds()) : dash());
    set(Card::Clients, countText(stats->clientsConnected()));
    set(Card::Subscriptions, countText(stats->subscriptionCount()));
    set(Card::Retained, countText(stats->retainedCount()));
    const QLocale locale;
    const auto rate = [&](Series series, auto format) {
        const std::optional<double> value = stats->latestRate(series);
        return value ? format(*value) : dash();
    };
    const auto messages = [&locale](double v) { return locale.toString(v, 'f', v < 10 ? 1 : 0); };
    const auto bytes = [&locale](double v) {
        return locale.formattedDataSize(qint64(v), 1, QLocale::DataSizeTraditionalFormat);
    };
    set(Card::Messages, tr("%1 / %2").arg(rate(Series::MessagesReceived, messages),
                                          rate(Series::MessagesSent, messages)));
    set(Card::Bytes,
        tr("%1 / %2").arg(rate(Series::BytesReceived, bytes), rate(Series::BytesSent, bytes)));

    QStringList source;
    switch (stats->broker()) {
    case BrokerStats::Broker::Mosquitto:
        source << tr("mosquitto's $SYS/broker tree");
        break;
    case BrokerStats::Broker::Emqx:
        source << tr("EMQX node %1").arg(stats->node());
        break;
    case BrokerStats::Broker::Unknown:
        break;
    }
    if (!stats->description().isEmpty())
        source << stats->description();
    if (const std::optional<double> load = stats->load(Series::MessagesReceived)) {
        source << tr("1-minute load: %1 messages/min in, %2 out")
                          .arg(locale.toString(*load, 'f', 1),
                               locale.toString(stats->load(Series::MessagesSent).value_or(0), 'f',
                                               1));
    }
    m_source->setText(source.join(QStringLiteral(" · ")));
    updateState();
}

void BrokerDashboard::updateCharts()
{
    using Series = BrokerStats::Series;
    updateChart(m_messages, Series::MessagesReceived, Series::MessagesSent);
    updateChart(m_bytes, Series::BytesReceived, Series::BytesSent);
    updateValues(); // the rate cards
}

void BrokerDashboard::updateChart(Chart &chart, BrokerStats::Series received,
                                  BrokerStats::Series sent)
{
    double top = 1;
    qint64 newest = QDateTime::currentMSecsSinceEpoch();
    qint64 oldest = newest;
    bool any = false;
    const std::array<BrokerStats::Series, 2> series = {received, sent};
    for (size_t i = 0; i < series.size(); ++i) {
        QList<QPointF> points;
        if (m_stats) {
            const std::deque<BrokerStats::Point> &from = m_stats->points(series[i]);
            points.reserve(qsizetype(from.size()));
            for (const BrokerStats::Point &point : from) {
                points.append(QPointF(double(point.atMs), point.perSecond));
                top = std::max(top, point.perSecond);
            }
            if (!from.empty()) {
                newest = any ? std::max(newest, from.back().atMs) : from.back().atMs;
                oldest = any ? std::min(oldest, from.front().atMs) : from.front().atMs;
                any = true;
            }
        }
        chart.series[i]->replace(points);
    }
    // From the first point kept (at most the history's length ago), a minute at least.
    const qint64 shown = std::max<qint64>(MinimumChartSpan, newest - oldest);
    chart.time->setRange(QDateTime::fromMSecsSinceEpoch(newest - shown),
                         QDateTime::fromMSecsSinceEpoch(newest));
    chart.value->setRange(0, top * 1.15);
    chart.value->applyNiceNumbers();
    chart.value->setLabelFormat(tickLabelFormat((chart.value->max() - chart.value->min()) /
                                                std::max(1, chart.value->tickCount() - 1)));
}

QString BrokerDashboard::tickLabelFormat(double step)
{
    // As many decimals as the step needs: 0, 0.5, 1, 1.5 — not 0, 1, 1, 2.
    int decimals = 0;
    for (double scaled = step; decimals < 6 && std::abs(scaled - std::round(scaled)) > 1e-6;
         scaled *= 10)
        ++decimals;
    return QStringLiteral("%.%1f").arg(decimals);
}

QString BrokerDashboard::cardText(Card card) const
{
    return m_cards[size_t(card)]->text();
}

QString BrokerDashboard::statusText() const
{
    return m_pages->currentIndex() == 0 ? m_status->text() : QString();
}

int BrokerDashboard::chartPointCount(BrokerStats::Series series) const
{
    using Series = BrokerStats::Series;
    const Chart &chart = series == Series::MessagesReceived || series == Series::MessagesSent
                                 ? m_messages
                                 : m_bytes;
    const bool sent = series == Series::MessagesSent || series == Series::BytesSent;
    return int(chart.series[sent ? 1 : 0]->count());
}
