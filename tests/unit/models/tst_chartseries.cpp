// SPDX-License-Identifier: Apache-2.0
// ChartSeriesModel and its ring: under QAbstractItemModelTester; a connection's messages feed
// only the series whose filter matches, decoded through the connection's decoder; a flood keeps
// at most the bound per series (the newest points); the CSV export reads back the same points.
#include "chartseries.h"
#include "client.h"
#include "connectionworkspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

Mqtt::Message message(const QString &topic, const QByteArray &payload)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    return message;
}

QByteArray celsius(double value)
{
    return "{\"celsius\": " + QByteArray::number(value, 'g', 17) + ", \"id\": \"x\"}";
}

} // namespace

class TestChartSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ringKeepsTheNewest();
    void seriesTakeTheirTopicsNumbers();
    void refusesABadFilterOrPath();
    void floodKeepsTheBound();
    void csvRoundTrip();
    void csvRefusesWhatItDidNotWrite();
};

void TestChartSeries::ringKeepsTheNewest()
{
    ChartPointRing ring(3);
    QVERIFY(ring.isEmpty());
    for (int i = 0; i < 5; ++i)
        ring.append({i, double(i)});
    QCOMPARE(ring.size(), 3);
    QCOMPARE(ring.toList(), (QList<ChartPoint>{{2, 2}, {3, 3}, {4, 4}}));
    QCOMPARE(ring.last(), (ChartPoint{4, 4}));
    ring.setCapacity(2);
    QCOMPARE(ring.toList(), (QList<ChartPoint>{{3, 3}, {4, 4}}));
    ring.setCapacity(4);
    ring.append({5, 5});
    QCOMPARE(ring.toList(), (QList<ChartPoint>{{3, 3}, {4, 4}, {5, 5}}));
    ring.clear();
    QCOMPARE(ring.size(), 0);
}

void TestChartSeries::seriesTakeTheirTopicsNumbers()
{
    ConnectionWorkspace workspace(1);
    ConnectionWorkspace other(2);
    ChartSeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.addSeries(&workspace, QStringLiteral("sensors/a"), QStringLiteral("celsius")).row,
             0);
    QCOMPARE(model.addSeries(&workspace, QStringLiteral("sensors/+"), QStringLiteral("celsius")).row,
             1);
    QCOMPARE(model.addSeries(&workspace, QStringLiteral("plain"), QString()).row, 2);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.series(0).label(), QStringLiteral("sensors/a · celsius"));
    QCOMPARE(model.series(2).label(), QStringLiteral("plain"));
    QCOMPARE(model.index(1, ChartSeriesModel::ValueColumn).data().toString(),
             QStringLiteral("waiting for a message"));

    // Through the workspace, as the client hands messages over.
    Q_EMIT workspace.client()->messageReceived(message(QStringLiteral("sensors/a"), celsius(21.5)));
    Q_EMIT workspace.client()->messageReceived(message(QStringLiteral("sensors/b"), celsius(-3)));
    Q_EMIT workspace.client()->messageReceived(message(QStringLiteral("plain"), "17.25"));
    Q_EMIT workspace.client()->messageReceived(message(QStringLiteral("elsewhere"), celsius(99)));
    // Another connection's message on the same topic is not this series'.
    model.addConnection(&other);
    Q_EMIT other.client()->messageReceived(message(QStringLiteral("sensors/a"), celsius(50)));
    // Not a number at that path: no point, and the reason is kept.
    Q_EMIT workspace.client()->messageReceived(
            message(QStringLiteral("sensors/a"), "{\"kelvin\": 300}"));

    QCOMPARE(model.series(0).points.size(), 1);
    QCOMPARE(model.series(0).points.last().value, 21.5);
    QCOMPARE(model.series(0).rejected, 1);
    QVERIFY2(model.series(0).lastError.contains(QStringLiteral("no field \"celsius\"")),
             qPrintable(model.series(0).lastError));
    QCOMPARE(model.series(1).points.size(), 2);
    QCOMPARE(model.series(1).points.at(1).value, -3.0);
    QCOMPARE(model.series(2).points.last().value, 17.25);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.publishCounts();
    QCOMPARE(changed.size(), 3);
    QCOMPARE(model.index(0, ChartSeriesModel::ValueColumn).data().toString(),
             QStringLiteral("21.5"));
    QCOMPARE(model.index(1, ChartSeriesModel::PointsColumn).data().toInt(), 2);
    model.publishCounts();
    QCOMPARE(changed.size(), 3); // nothing new

    model.removeSeries(0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.series(0).topicFilter, QStringLiteral("sensors/+"));
}

void TestChartSeries::refusesABadFilterOrPath()
{
    ConnectionWorkspace workspace(1);
    ChartSeriesModel model;
    ChartSeriesModel::Added added = model.addSeries(&workspace, QStringLiteral("a/#/b"), QString());
    QCOMPARE(added.row, -1);
    QVERIFY2(added.error.contains(QStringLiteral("topic")), qPrintable(added.error));
    added = model.addSeries(&workspace, QStringLiteral("a"), QStringLiteral("list[1"));
    QCOMPARE(added.row, -1);
    QVERIFY2(added.error.contains(QStringLiteral("not closed")), qPrintable(added.error));
    QCOMPARE(model.rowCount(), 0);
}

void TestChartSeries::floodKeepsTheBound()
{
    ConnectionWorkspace workspace(1);
    ChartSeriesModel model;
    model.setMaximumPoints(1000);
    model.addSeries(&workspace, QStringLiteral("sensors/a"), QStringLiteral("celsius"));
    model.addSeries(&workspace, QStringLiteral("sensors/b"), QStringLiteral("celsius"));
    constexpr int Flood = 50000;
    for (int i = 0; i < Flood; ++i) {
        const QString topic = i % 2 ? QStringLiteral("sensors/b") : QStringLiteral("sensors/a");
        model.ingest(&workspace, message(topic, celsius(i)), 1000 + i, nullptr);
    }
    for (int row = 0; row < 2; ++row) {
        const ChartPointRing &points = model.series(row).points;
        QCOMPARE(points.size(), 1000);
        // The newest thousand of the series, in order.
        QCOMPARE(points.last().value, double(Flood - 2 + row));
        QCOMPARE(points.at(0).value, double(Flood - 2000 + row));
        for (int i = 1; i < points.size(); ++i)
            QCOMPARE(points.at(i).timeMs - points.at(i - 1).timeMs, 2);
    }
    // A smaller bound keeps the newest.
    model.setMaximumPoints(10);
    QCOMPARE(model.series(0).points.size(), 10);
    QCOMPARE(model.series(0).points.last().value, double(Flood - 2));
}

void TestChartSeries::csvRoundTrip()
{
    ConnectionWorkspace workspace(1);
    ChartSeriesModel model;
    model.addSeries(&workspace, QStringLiteral("sensors/a"), QStringLiteral("celsius"));
    // A label that needs quoting: a comma and a quote in the topic.
    model.addSeries(&workspace, QStringLiteral("odd,\"topic\""), QString());
    const qint64 t0 = 1733480000123; // ms, in 2024
    const QList<double> values = {21.5, -0.0001, 0.1 + 0.2, 1e-300, 123456789.123456789, -40};
    for (int i = 0; i < values.size(); ++i) {
        model.ingest(&workspace, message(QStringLiteral("sensors/a"), celsius(values.at(i))),
                     t0 + i * 250, nullptr);
        // The other series at some of the same times and some of its own; twice at one time.
        model.ingest(&workspace,
                     message(QStringLiteral("odd,\"topic\""), QByteArray::number(i * 1.5)),
                     t0 + i * 250 + (i % 2 ? 0 : 7), nullptr);
    }
    model.ingest(&workspace, message(QStringLiteral("odd,\"topic\""), "8"), t0 + 1250 + 7, nullptr);

    const QByteArray csv = model.toCsv();
    QVERIFY(csv.startsWith("time,sensors/a · celsius,\"odd,\"\"topic\"\"\"\r\n"));
    QVERIFY2(csv.contains("2024-12-06T10:13:20.123Z,21.5,\r\n"), csv.constData());
    const ChartSeriesModel::Table table = ChartSeriesModel::fromCsv(csv);
    QVERIFY2(table.error.isEmpty(), qPrintable(table.error));
    QCOMPARE(table.labels, QStringList({model.series(0).label(), model.series(1).label()}));
    QCOMPARE(table.points.size(), 2);
    QCOMPARE(table.points.at(0), model.series(0).points.toList());
    QCOMPARE(table.points.at(1), model.series(1).points.toList());
    QCOMPARE(table.points.at(1).size(), values.size() + 1);
}

void TestChartSeries::csvRefusesWhatItDidNotWrite()
{
    QVERIFY(ChartSeriesModel::fromCsv("a,b\r\n1,2\r\n").error.contains(QStringLiteral("time")));
    QVERIFY(ChartSeriesModel::fromCsv("time,x\r\nyesterday,2\r\n")
                    .error.contains(QStringLiteral("not a time")));
    QVERIFY(ChartSeriesModel::fromCsv("time,x\r\n2024-12-06T10:13:20.123Z,two\r\n")
                    .error.contains(QStringLiteral("not a number")));
    QVERIFY(ChartSeriesModel::fromCsv("time,x\r\n2024-12-06T10:13:20.123Z,1,2\r\n")
                    .error.contains(QStringLiteral("3 fields")));
}

QTEST_GUILESS_MAIN(TestChartSeries)
#include "tst_chartseries.moc"
