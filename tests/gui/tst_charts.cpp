// SPDX-License-Identifier: Apache-2.0
// Live charts in the real MainWindow (offscreen) against a real mosquitto: `celsius` of two
// topics charted with "Chart this" (from the topic tree's context menu, and from the decoded
// field in the detail view), both series fill with the values published; pause keeps
// collecting without redrawing; zoom and its reset; CSV and PNG export; removing a series. The
// series come back, empty, when the window is opened again, and fill from the same connection.
#include "guitesthelpers.h"
#include "windowsteps.h"

#include "chartdock.h"
#include "chartpane.h"
#include "chartseries.h"
#include "clientwaits.h"
#include "decodedpayloadview.h"
#include "decodedtreemodel.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "secretstore.h"
#include "topicdetailpane.h"
#include "topictreemodel.h"
#include "topictreepane.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

namespace {

QList<double> values(const QLineSeries *line)
{
    QList<double> values;
    for (const QPointF &point : line->points())
        values << point.y();
    return values;
}

QList<double> values(const ChartPointRing &points)
{
    QList<double> values;
    for (const ChartPoint &point : points.toList())
        values << point.value;
    return values;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void chartsCelsiusFromTwoTopics();
    void chartThisInTheLogOfAllConnections();
    void seriesComeBackAfterRestart();

private:
    void publish(const QString &topic, const QByteArray &payload);
    // Accepts the "Chart this" dialog after checking what it offers.
    void acceptChartDialog(const QString &topic, const QString &shownValue);

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_other;
};

void TestCharts::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_charts"));
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestCharts::init()
{
    QFile::remove(QSettings().fileName());
    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-charts-other");
    QVERIFY(ClientWaits::connectAndWait(m_other.get(), options, 10000));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
}

void TestCharts::cleanup()
{
    m_other.reset();
    m_window.reset();
}

void TestCharts::cleanupTestCase()
{
    m_secrets.reset();
    m_broker.reset();
}

void TestCharts::publish(const QString &topic, const QByteArray &payload)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce; // in order, each acknowledged
    QVERIFY(ClientWaits::publishAndWait(m_other.get(), message, 10000));
}

void TestCharts::acceptChartDialog(const QString &topic, const QString &shownValue)
{
    ChartSeriesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ChartSeriesDialog *>()));
    QCOMPARE(dialog->topicEdit()->text(), topic);
    // The numeric fields of the last message are offered (not the text "id"), celsius chosen.
    QCOMPARE(dialog->pathCombo()->count(), 1);
    QCOMPARE(dialog->pathCombo()->itemText(0), QStringLiteral("celsius"));
    QCOMPARE(dialog->path(), QStringLiteral("celsius"));
    QCOMPARE(dialog->previewText(), QStringLiteral("In the last message: %1").arg(shownValue));
    // A path that is not one is refused before OK.
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    dialog->pathCombo()->setEditText(QStringLiteral("celsius["));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(dialog->previewText().contains(QStringLiteral("not closed")),
             qPrintable(dialog->previewText()));
    dialog->pathCombo()->setEditText(QStringLiteral("celsius"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<ChartSeriesDialog *>());
}

void TestCharts::chartsCelsiusFromTwoTopics()
{
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), workspace, m_broker->host(),
                                             m_broker->port(), QStringLiteral("sensors/#")));
    const QString a = QStringLiteral("sensors/a");
    const QString b = QStringLiteral("sensors/b");
    publish(a, R"({"celsius": 20.5, "id": "kitchen"})");
    publish(b, R"({"celsius": -4, "id": "freezer"})");
    TopicTreeModel *tree = m_window->topicTree();
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexForTopic(a).isValid() && tree->indexForTopic(b).isValid(),
                             10000);
    m_window->setCentralView(MainWindow::CentralView::TopicTree);
    TopicTreePane *treePane = m_window->topicTreePane();
    ChartDock *dock = m_window->chartDock();
    QVERIFY(dock->isHidden());

    // sensors/a: "Chart this…" in the topic's context menu.
    treePane->selectTopic(a);
    QTRY_COMPARE(treePane->selectedTopic(), a);
    QTreeView *topics = treePane->treeView();
    QVERIFY(chooseFromMenu(QStringLiteral("Chart this…"), [&] {
        Q_EMIT topics->customContextMenuRequested(
                topics->visualRect(topics->currentIndex()).center());
    }));
    acceptChartDialog(a, QStringLiteral("20.5"));
    QTRY_VERIFY(dock->isVisible());
    ChartSeriesModel *model = dock->model();
    QCOMPARE(model->seriesCount(), 1);

    // sensors/b: right-click on the celsius field of its decoded payload in the detail view.
    treePane->selectTopic(b);
    // JSON shows as text in Automatic: the user picks the decoded tree.
    auto *format = child<QComboBox>(treePane->detailPane(), "valueFormatCombo");
    format->setCurrentIndex(format->findText(QStringLiteral("Decoded tree")));
    DecodedPayloadView *decoded = treePane->detailPane()->decodedView();
    QTRY_VERIFY(treePane->detailPane()->isDecodedShown());
    QModelIndex field;
    QTRY_VERIFY((field = decoded->model()->findName(QStringLiteral("celsius"))).isValid());
    QCOMPARE(decoded->pathOf(field), QStringLiteral("celsius"));
    QVERIFY(chooseFromMenu(QStringLiteral("Chart this…"), [&] {
        QTreeView *view = decoded->treeView();
        Q_EMIT view->customContextMenuRequested(view->visualRect(field).center());
    }));
    acceptChartDialog(b, QStringLiteral("-4"));
    QCOMPARE(model->seriesCount(), 2);

    // Both series fill with the values published from now on.
    const QList<double> toA = {21, 22.5, 23.25};
    const QList<double> toB = {-5, -6.5};
    for (const double value : toA)
        publish(a, "{\"celsius\": " + QByteArray::number(value) + "}");
    for (const double value : toB)
        publish(b, "{\"celsius\": " + QByteArray::number(value) + "}");
    ChartPane *pane = dock->pane();
    QCOMPARE(pane->chart()->series().size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(values(pane->lineSeries(0)), toA, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(values(pane->lineSeries(1)), toB, 10000);
    QCOMPARE(pane->lineSeries(0)->name(), QStringLiteral("sensors/a · celsius"));
    QCOMPARE(pane->lineSeries(1)->name(), QStringLiteral("sensors/b · celsius"));
    QCOMPARE(values(model->series(0).points), toA);
    QTRY_COMPARE(model->index(0, ChartSeriesModel::ValueColumn).data().toString(),
                 QStringLiteral("23.25"));

    // Paused: points keep coming into the series, the lines stay as they were.
    pane->setState(ChartPane::State::Paused);
    publish(a, R"({"celsius": 30})");
    QTRY_COMPARE(model->index(0, ChartSeriesModel::PointsColumn).data().toInt(), 4);
    QCOMPARE(values(pane->lineSeries(0)), toA);
    pane->setState(ChartPane::State::Live);
    QCOMPARE(values(pane->lineSeries(0)), QList<double>(toA) << 30);

    // Zoom, and back to the sliding span.
    QVERIFY(!pane->isZoomed());
    pane->chart()->zoomIn();
    QVERIFY(pane->isZoomed());
    pane->resetZoom();
    QVERIFY(!pane->isZoomed());

    // Exports: the CSV reads back as the series' points; the PNG is a picture of the chart.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString csvFile = folder.filePath(QStringLiteral("chart.csv"));
    QCOMPARE(pane->exportCsv(csvFile), QString());
    QFile csv(csvFile);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const ChartSeriesModel::Table table = ChartSeriesModel::fromCsv(csv.readAll());
    QVERIFY2(table.error.isEmpty(), qPrintable(table.error));
    QCOMPARE(table.labels, QStringList({"sensors/a · celsius", "sensors/b · celsius"}));
    QCOMPARE(table.points.at(0), model->series(0).points.toList());
    QCOMPARE(table.points.at(1), model->series(1).points.toList());
    const QString pngFile = folder.filePath(QStringLiteral("chart.png"));
    QCOMPARE(pane->exportPng(pngFile), QString());
    const QImage picture(pngFile);
    QCOMPARE(picture.size(), pane->chartView()->size() * pane->devicePixelRatio());
    QVERIFY(pane->exportPng(folder.filePath(QStringLiteral("missing/chart.png")))
                    .contains(QStringLiteral("Could not write")));

    // The README's picture (SWITCHBOARD_SCREENSHOTS=<folder>): a few seconds of readings.
    const QString screenshots = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
    if (!screenshots.isEmpty()) {
        pane->setTimeSpanMs(0);
        for (int i = 0; i < 40; ++i) {
            publish(a, "{\"celsius\": " + QByteArray::number(23 + std::sin(i / 5.0) * 2, 'f', 2) +
                               "}");
            publish(b, "{\"celsius\": " + QByteArray::number(-6 + std::cos(i / 7.0), 'f', 2) + "}");
            QTest::qWait(200);
        }
        treePane->selectTopic(a);
        m_window->resizeDocks({dock}, {560}, Qt::Vertical);
        QCoreApplication::processEvents();
        pane->updateChart();
        QCoreApplication::processEvents();
        m_window->grab().save(QDir(screenshots).filePath(QStringLiteral("chart.png")));
    }

    // Removing a series takes its line away.
    pane->seriesView()->selectRow(0);
    pane->removeSelectedSeries();
    QCOMPARE(model->seriesCount(), 1);
    QCOMPARE(pane->chart()->series().size(), 1);
    QCOMPARE(pane->lineSeries(0)->name(), QStringLiteral("sensors/b · celsius"));

    // Thousands of points: at most two a pixel column are drawn, every peak among them.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 9000; ++i) {
        const double value = i == 4321 ? 1000 : i == 7000 ? -1000 : (i % 10);
        Mqtt::Message message;
        message.topic = b;
        message.payload = "{\"celsius\": " + QByteArray::number(value) + "}";
        model->ingest(workspace, message, now + 1 + i, nullptr); // after the others
    }
    pane->setTimeSpanMs(0);
    // Drawn again when the new value range's labels change the plot's width.
    QTRY_VERIFY2(values(pane->lineSeries(0)).size() <=
                         2 * int(pane->chart()->plotArea().width()) + 2,
                 qPrintable(QString::number(values(pane->lineSeries(0)).size())));
    const QList<double> drawn = values(pane->lineSeries(0));
    QCOMPARE(*std::max_element(drawn.begin(), drawn.end()), 1000.0);
    QCOMPARE(*std::min_element(drawn.begin(), drawn.end()), -1000.0);
}

void TestCharts::chartThisInTheLogOfAllConnections()
{
    ConnectionWorkspace *first = m_window->currentWorkspace();
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), first, m_broker->host(),
                                             m_broker->port(), QStringLiteral("sensors/#")));
    ConnectionWorkspace *second = m_window->openConnection();
    QVERIFY(second != first);
    m_window->showCombinedView();
    const QString topic = QStringLiteral("sensors/c");
    publish(topic, R"({"celsius": 7.5})");
    MessageLogPane *log = m_window->combinedLogPane();
    QTRY_VERIFY_WITH_TIMEOUT(
            (m_window->combinedLog()->flush(), m_window->combinedLog()->rowCount() > 0), 10000);
    log->setDetailFormat(MessageLogPane::DetailFormat::Decoded);
    log->selectRow(m_window->combinedLog()->rowCount() - 1);
    QCOMPARE(log->shownTopic(), topic);
    DecodedPayloadView *decoded = log->decodedView();
    QModelIndex field;
    QTRY_VERIFY((field = decoded->model()->findName(QStringLiteral("celsius"))).isValid());
    // The message's own connection is charted, whichever is current.
    m_window->setCurrentWorkspace(second);
    m_window->showCombinedView();
    QVERIFY(chooseFromMenu(QStringLiteral("Chart this…"), [&] {
        QTreeView *view = decoded->treeView();
        Q_EMIT view->customContextMenuRequested(view->visualRect(field).center());
    }));
    acceptChartDialog(topic, QStringLiteral("7.5"));
    ChartSeriesModel *model = m_window->chartDock()->model();
    QCOMPARE(model->seriesCount(), 1);
    QCOMPARE(model->series(0).connection, first->id());
    publish(topic, R"({"celsius": 8})");
    QTRY_COMPARE(values(model->series(0).points), QList<double>{8});
}

void TestCharts::seriesComeBackAfterRestart()
{
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), workspace, m_broker->host(),
                                             m_broker->port(), QStringLiteral("sensors/#")));
    publish(QStringLiteral("sensors/a"), R"({"celsius": 20.5, "id": "a"})");
    QTRY_COMPARE(workspace->messageLog()->rowCount(), 1);
    auto *dock = m_window->findChild<ChartDock *>();
    QVERIFY(dock);
    dock->chartThis(workspace, QStringLiteral("sensors/a"));
    acceptChartDialog(QStringLiteral("sensors/a"), QStringLiteral("20.5"));
    QCOMPARE(dock->model()->seriesCount(), 1);
    const QString connectionName = workspace->name();
    QVERIFY(!connectionName.isEmpty());

    // The next start: the session opens the connection again and the chart comes back empty.
    m_window->close();
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
    dock = m_window->findChild<ChartDock *>();
    QCOMPARE(dock->model()->seriesCount(), 1);
    const ChartSeriesModel::Series &series = dock->model()->series(0);
    QCOMPARE(series.connectionName, connectionName);
    QCOMPARE(series.topicFilter, QStringLiteral("sensors/a"));
    QCOMPARE(series.path.toString(), QStringLiteral("celsius"));
    QCOMPARE(series.points.size(), 0);
    workspace = m_window->currentWorkspace();
    QCOMPARE(series.connection, workspace->id());
    // It fills from that connection (connected again and subscribed by the session).
    QTRY_COMPARE_WITH_TIMEOUT(workspace->client()->state(), Mqtt::Client::State::Connected, 10000);
    SubscriptionModel *subscriptions = workspace->subscriptions();
    QTRY_COMPARE_WITH_TIMEOUT(
            subscriptions->subscription(subscriptions->rowOf(QStringLiteral("sensors/#"))).state,
            SubscriptionModel::State::Granted, 10000);
    publish(QStringLiteral("sensors/a"), R"({"celsius": 22.25, "id": "a"})");
    QTRY_COMPARE(values(dock->model()->series(0).points), QList<double>{22.25});

    // Removing it is remembered too.
    dock->model()->removeSeries(0);
    m_window->close();
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    QCOMPARE(m_window->findChild<ChartDock *>()->model()->seriesCount(), 0);
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
