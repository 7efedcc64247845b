// SPDX-License-Identifier: Apache-2.0
#include "brokerstats.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

// BrokerStats fed scripted $SYS messages: mosquitto's and EMQX's trees, rates from counters
// against given arrival times, and unknown topics kept raw.
class tst_BrokerStats : public QObject
{
    Q_OBJECT

private:
    using Series = BrokerStats::Series;
    static constexpr qint64 T0 = 1'700'000'000'000; // ms since the epoch

    static void feed(BrokerStats &stats, const QString &topic, const QByteArray &payload,
                     qint64 atMs)
    {
        stats.handleMessage(topic, payload, atMs);
    }
    // One mosquitto interval: uptime first, then the counters that changed.
    static void mosquittoInterval(BrokerStats &stats, qint64 atMs, qint64 uptime,
                                  const QList<QPair<QString, qint64>> &counters)
    {
        feed(stats, QStringLiteral("$SYS/broker/uptime"), QByteArray::number(uptime) + " seconds",
             atMs);
        for (const auto &[name, value] : counters)
            feed(stats, QStringLiteral("$SYS/broker/") + name, QByteArray::number(value), atMs + 2);
    }

private Q_SLOTS:
    void mosquittoValues()
    {
        BrokerStats stats;
        QAbstractItemModelTester tester(&stats,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&stats, &BrokerStats::valuesChanged);
        feed(stats, QStringLiteral("$SYS/broker/version"), "mosquitto version 2.0.11", T0);
        feed(stats, QStringLiteral("$SYS/broker/uptime"), "3725 seconds", T0);
        feed(stats, QStringLiteral("$SYS/broker/clients/connected"), "7", T0);
        feed(stats, QStringLiteral("$SYS/broker/subscriptions/count"), "12", T0);
        feed(stats, QStringLiteral("$SYS/broker/retained messages/count"), "40", T0);
        feed(stats, QStringLiteral("$SYS/broker/load/messages/received/1min"), "61.25", T0);
        QCOMPARE(stats.broker(), BrokerStats::Broker::Mosquitto);
        QCOMPARE(stats.version(), QStringLiteral("mosquitto version 2.0.11"));
        QCOMPARE(stats.uptimeSeconds(), std::optional<qint64>(3725));
        QCOMPARE(BrokerStats::uptimeText(3725), QStringLiteral("1 h 2 min 5 s"));
        QCOMPARE(stats.clientsConnected(), std::optional<qint64>(7));
        QCOMPARE(stats.subscriptionCount(), std::optional<qint64>(12));
        QCOMPARE(stats.retainedCount(), std::optional<qint64>(40));
        QCOMPARE(stats.load(Series::MessagesReceived), std::optional<double>(61.25));
        QVERIFY(!stats.load(Series::MessagesSent));
        QCOMPARE(changed.count(), 6);
        QCOMPARE(stats.rowCount(), 0); // all known

        // mosquitto before 1.4 named the connected clients "active".
        feed(stats, QStringLiteral("$SYS/broker/clients/active"), "9", T0 + 1);
        QCOMPARE(stats.clientsConnected(), std::optional<qint64>(9));
    }

    void unknownTopicsAreRaw()
    {
        BrokerStats stats;
        QAbstractItemModelTester tester(&stats,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        feed(stats, QStringLiteral("$SYS/broker/heap/current"), "52000", T0);
        feed(stats, QStringLiteral("$SYS/broker/clients/total"), " 3\n", T0);
        feed(stats, QStringLiteral("$SYS/broker/load/messages/received/5min"), "2.5", T0);
        feed(stats, QStringLiteral("$SYS/acme/custom"), "hello", T0);
        QCOMPARE(stats.rowCount(), 4);
        QCOMPARE(stats.columnCount(), 2);
        // Sorted by topic, with the last value.
        QCOMPARE(stats.index(0, BrokerStats::TopicColumn).data().toString(),
                 QStringLiteral("$SYS/acme/custom"));
        QCOMPARE(stats.index(1, BrokerStats::TopicColumn).data().toString(),
                 QStringLiteral("$SYS/broker/clients/total"));
        QCOMPARE(stats.index(1, BrokerStats::ValueColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(stats.index(3, BrokerStats::TopicColumn).data().toString(),
                 QStringLiteral("$SYS/broker/load/messages/received/5min"));

        QSignalSpy changed(&stats, &QAbstractItemModel::dataChanged);
        feed(stats, QStringLiteral("$SYS/acme/custom"), "again", T0 + 1000);
        QCOMPARE(stats.rowCount(), 4);
        QCOMPARE(stats.index(0, BrokerStats::ValueColumn).data().toString(),
                 QStringLiteral("again"));
        QCOMPARE(changed.count(), 1);
        // Not $SYS: not the dashboard's.
        feed(stats, QStringLiteral("sensors/temp"), "21", T0);
        QCOMPARE(stats.rowCount(), 4);

        stats.clear();
        QCOMPARE(stats.rowCount(), 0);
    }

    void ratesFromCounters()
    {
        BrokerStats stats;
        QSignalSpy sampled(&stats, &BrokerStats::sampled);
        mosquittoInterval(stats, T0, 100,
                          {{"messages/received", 1000},
                           {"messages/sent", 500},
                           {"bytes/received", 10000},
                           {"bytes/sent", 4000}});
        QCOMPARE(sampled.count(), 0);
        // Two seconds later: 60 more received, 20 more sent, 3000 bytes in, 1000 out.
        mosquittoInterval(stats, T0 + 2000, 102,
                          {{"messages/received", 1060},
                           {"messages/sent", 520},
                           {"bytes/received", 13000},
                           {"bytes/sent", 5000}});
        // The interval is over only when the next one begins.
        QCOMPARE(sampled.count(), 0);
        QVERIFY(!stats.latestRate(Series::MessagesReceived));
        // This interval is 4 s long, and messages/received did not change (mosquitto does not
        // publish it then): 0 per second.
        mosquittoInterval(stats, T0 + 4000, 104, {{"messages/sent", 600}});
        QCOMPARE(sampled.count(), 1);
        QCOMPARE(stats.points(Series::MessagesReceived).size(), size_t(1));
        QCOMPARE(stats.points(Series::MessagesReceived).back().atMs, T0 + 2000);
        QCOMPARE(stats.latestRate(Series::MessagesReceived), std::optional<double>(30));
        QCOMPARE(stats.latestRate(Series::MessagesSent), std::optional<double>(10));
        QCOMPARE(stats.latestRate(Series::BytesReceived), std::optional<double>(1500));
        QCOMPARE(stats.latestRate(Series::BytesSent), std::optional<double>(500));
        mosquittoInterval(stats, T0 + 8000, 108, {});
        QCOMPARE(sampled.count(), 2);
        QCOMPARE(stats.points(Series::MessagesSent).back().atMs, T0 + 4000);
        QCOMPARE(stats.latestRate(Series::MessagesReceived), std::optional<double>(0));
        QCOMPARE(stats.latestRate(Series::MessagesSent), std::optional<double>(40));
    }

    void retainedValuesTimeNoInterval()
    {
        // At subscribe time the broker sends its stored tree (retained), written at its last
        // interval; the next live interval may begin a moment later. Timing an interval from
        // the stored uptime would divide a whole interval's counts by that moment.
        BrokerStats stats;
        const auto retained = BrokerStats::Delivery::Retained;
        stats.handleMessage(QStringLiteral("$SYS/broker/uptime"), "100 seconds", T0, retained);
        stats.handleMessage(QStringLiteral("$SYS/broker/messages/received"), "1000", T0, retained);
        QCOMPARE(stats.uptimeSeconds(), std::optional<qint64>(100));
        mosquittoInterval(stats, T0 + 50, 101, {{"messages/received", 1010}});
        mosquittoInterval(stats, T0 + 1050, 102, {{"messages/received", 1020}});
        mosquittoInterval(stats, T0 + 2050, 103, {});
        const std::deque<BrokerStats::Point> &points = stats.points(Series::MessagesReceived);
        QCOMPARE(points.size(), size_t(1));
        QCOMPARE(points.back().atMs, T0 + 1050);
        QCOMPARE(points.back().perSecond, 10.0);
    }

    void historyIsBounded()
    {
        BrokerStats stats;
        stats.setHistoryLength(10'000);
        for (int second = 0; second <= 30; ++second) {
            mosquittoInterval(stats, T0 + second * 1000, second,
                              {{"messages/received", 10 * second}});
        }
        const std::deque<BrokerStats::Point> &points = stats.points(Series::MessagesReceived);
        // Points for seconds 1..29 were made; those older than 10 s before the newest are gone.
        QCOMPARE(points.back().atMs, T0 + 29'000);
        QCOMPARE(points.front().atMs, T0 + 19'000);
        QCOMPARE(points.size(), size_t(11));
        for (const BrokerStats::Point &point : points)
            QCOMPARE(point.perSecond, 10.0);
    }

    void brokerRestartStartsRatesAgain()
    {
        BrokerStats stats;
        mosquittoInterval(stats, T0, 500, {{"messages/received", 5000}});
        mosquittoInterval(stats, T0 + 1000, 501, {{"messages/received", 5010}});
        mosquittoInterval(stats, T0 + 2000, 502, {});
        QCOMPARE(stats.points(Series::MessagesReceived).size(), size_t(1));
        // Restarted: uptime and counters begin again; no negative rate.
        mosquittoInterval(stats, T0 + 3000, 1, {{"messages/received", 3}});
        mosquittoInterval(stats, T0 + 4000, 2, {{"messages/received", 8}});
        mosquittoInterval(stats, T0 + 5000, 3, {});
        const std::deque<BrokerStats::Point> &points = stats.points(Series::MessagesReceived);
        QCOMPARE(points.size(), size_t(2));
        QCOMPARE(points.back().atMs, T0 + 4000);
        QCOMPARE(points.back().perSecond, 5.0);
    }

    void emqx()
    {
        BrokerStats stats;
        QAbstractItemModelTester tester(&stats,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString node = QStringLiteral("$SYS/brokers/emqx@127.0.0.1/");
        feed(stats, QStringLiteral("$SYS/brokers"), "emqx@127.0.0.1", T0);
        feed(stats, node + QStringLiteral("version"), "5.3.0", T0);
        feed(stats, node + QStringLiteral("sysdescr"), "EMQX", T0);
        feed(stats, node + QStringLiteral("uptime"), "1 days, 2 hours, 3 minutes, 4 seconds", T0);
        feed(stats, node + QStringLiteral("datetime"), "2026-12-06T10:00:00Z", T0);
        feed(stats, node + QStringLiteral("stats/connections/count"), "3", T0);
        feed(stats, node + QStringLiteral("stats/subscriptions/count"), "5", T0);
        feed(stats, node + QStringLiteral("stats/retained/count"), "2", T0);
        feed(stats, node + QStringLiteral("metrics/messages/received"), "100", T0);
        feed(stats, node + QStringLiteral("metrics/bytes/sent"), "2000", T0);
        QCOMPARE(stats.broker(), BrokerStats::Broker::Emqx);
        QCOMPARE(stats.node(), QStringLiteral("emqx@127.0.0.1"));
        QCOMPARE(stats.version(), QStringLiteral("5.3.0"));
        QCOMPARE(stats.description(), QStringLiteral("EMQX"));
        QCOMPARE(stats.uptimeSeconds(), std::optional<qint64>(86400 + 2 * 3600 + 3 * 60 + 4));
        QCOMPARE(stats.clientsConnected(), std::optional<qint64>(3));
        QCOMPARE(stats.subscriptionCount(), std::optional<qint64>(5));
        QCOMPARE(stats.retainedCount(), std::optional<qint64>(2));
        QCOMPARE(stats.rowCount(), 2); // the node list and the datetime
        // EMQX publishes every minute by default.
        feed(stats, node + QStringLiteral("uptime"), "1 days, 2 hours, 4 minutes, 4 seconds",
             T0 + 60'000);
        feed(stats, node + QStringLiteral("metrics/messages/received"), "1300", T0 + 60'001);
        feed(stats, node + QStringLiteral("metrics/bytes/sent"), "62000", T0 + 60'001);
        feed(stats, node + QStringLiteral("uptime"), "1 days, 2 hours, 5 minutes, 4 seconds",
             T0 + 120'000);
        QCOMPARE(stats.latestRate(Series::MessagesReceived), std::optional<double>(20));
        QCOMPARE(stats.latestRate(Series::BytesSent), std::optional<double>(1000));
        QVERIFY(!stats.latestRate(Series::MessagesSent)); // never published

        // Another node of the cluster: raw, not mixed into this one's values.
        feed(stats, QStringLiteral("$SYS/brokers/emqx@10.0.0.2/stats/connections/count"), "40",
             T0 + 120'001);
        QCOMPARE(stats.clientsConnected(), std::optional<qint64>(3));
        QCOMPARE(stats.rowCount(), 3);
    }

    void uptimeForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("mosquitto") << QStringLiteral("123 seconds") << qint64(123);
        QTest::newRow("emqx") << QStringLiteral("0 days, 0 hours, 1 minutes, 5 seconds")
                              << qint64(65);
        QTest::newRow("plain") << QStringLiteral("42") << qint64(42);
        QTest::newRow("none") << QStringLiteral("soon") << qint64(-1);
    }

    void uptimeForms()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const std::optional<qint64> parsed = BrokerStats::parseUptime(text);
        QCOMPARE(parsed.value_or(-1), seconds);
    }
};

QTEST_GUILESS_MAIN(tst_BrokerStats)
#include "tst_brokerstats.moc"
