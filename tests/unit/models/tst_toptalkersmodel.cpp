// SPDX-License-Identifier: Apache-2.0
#include "toptalkersmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using Window = TopTalkersModel::Window;
using Kind = TopTalkersModel::Kind;

namespace {

// A model on a scripted clock, tracking from time 0.
struct Scripted
{
    qint64 now = 0;
    std::unique_ptr<TopTalkersModel> model = std::make_unique<TopTalkersModel>();

    Scripted()
    {
        model->setClock([this] { return now; });
        model->setTracking(TopTalkersModel::Tracking::On);
    }
    void send(const QString &topic, qint64 bytes = 10) { model->record(topic, bytes); }
    void refreshAt(qint64 ms)
    {
        now = ms;
        model->refresh();
    }
    QString nameAt(int row) const
    {
        return model->index(row, TopTalkersModel::NameColumn).data().toString();
    }
    qint64 countAt(int row) const
    {
        return model->index(row, 0).data(TopTalkersModel::MessageCountRole).toLongLong();
    }
    // Messages of a row in the window; 0 when it has no row.
    qint64 countOf(const QString &name) const
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (nameAt(row) == name)
                return countAt(row);
        }
        return 0;
    }
};

} // namespace

class TestTopTalkersModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tenTimesMoreRanksAbove();
    void windowDropsMessagesOnTime_data();
    void windowDropsMessagesOnTime();
    void changingTheWindowShowsItAtOnce();
    void sortsByBytes();
    void subtreesAggregateTheirTopics();
    void evictsTheQuietestAtTheCap();
    void forgetsSilentTopics();
    void rowsKeepTheirIdentity();
    void countsNothingWhileOff();
    void passesTheModelTester();
};

void TestTopTalkersModel::tenTimesMoreRanksAbove()
{
    Scripted s;
    s.model->setWindow(Window::TenSeconds);
    // Over 10 s: "quiet" one message a second, "loud" ten.
    for (int tenth = 0; tenth < 100; ++tenth) {
        s.now = 100 * tenth;
        s.send(QStringLiteral("loud"));
        if (tenth % 10 == 5)
            s.send(QStringLiteral("quiet"));
    }
    s.refreshAt(9999); // the window covers 0..9999 ms
    QCOMPARE(s.model->rowCount(), 2);
    QCOMPARE(s.nameAt(0), QStringLiteral("loud"));
    QCOMPARE(s.nameAt(1), QStringLiteral("quiet"));
    QCOMPARE(s.countAt(0), 100);
    QCOMPARE(s.countAt(1), 10);
    const auto rateAt = [&](int row) {
        return s.model->index(row, 0).data(TopTalkersModel::MessageRateRole).toDouble();
    };
    QCOMPARE(rateAt(0), 100 / 9.999);
    QCOMPARE(rateAt(1), 10 / 9.999);
    QCOMPARE(s.model->index(0, 0).data(TopTalkersModel::ByteRateRole).toDouble(), 1000 / 9.999);
    QCOMPARE(s.model->index(0, 0).data(TopTalkersModel::ShareRole).toDouble(), 100.0 / 110);
    QCOMPARE(s.model->totalMessages(), 110);
    QCOMPARE(s.model->index(0, TopTalkersModel::MessageRateColumn).data().toString(),
             QStringLiteral("10"));
    QCOMPARE(s.model->index(1, TopTalkersModel::MessageRateColumn).data().toString(),
             QStringLiteral("1.0"));
}

void TestTopTalkersModel::windowDropsMessagesOnTime_data()
{
    QTest::addColumn<Window>("window");
    QTest::addColumn<qint64>("windowMs");
    QTest::newRow("1 s") << Window::OneSecond << qint64(1000);
    QTest::newRow("10 s") << Window::TenSeconds << qint64(10000);
    QTest::newRow("1 min") << Window::OneMinute << qint64(60000);
}

void TestTopTalkersModel::windowDropsMessagesOnTime()
{
    QFETCH(Window, window);
    QFETCH(qint64, windowMs);
    Scripted s;
    s.model->setWindow(window);
    QCOMPARE(TopTalkersModel::windowMs(window), windowMs);
    // 120 s is the start of a bucket in every window. A message at a bucket's start counts
    // for exactly the window; one later in the bucket leaves with it (the resolution is a
    // twentieth of the window).
    const qint64 start = 120000;
    const qint64 bucket = windowMs / TopTalkersModel::BucketsPerWindow;
    s.now = start;
    s.send(QStringLiteral("early"));
    s.now = start + bucket - 1;
    s.send(QStringLiteral("late"));
    s.now = start + bucket;
    s.send(QStringLiteral("next"));

    s.refreshAt(start + windowMs - 1);
    QCOMPARE(s.countOf(QStringLiteral("early")), 1);
    QCOMPARE(s.countOf(QStringLiteral("late")), 1);
    QCOMPARE(s.countOf(QStringLiteral("next")), 1);
    QCOMPARE(s.model->totalMessages(), 3);
    // The window covers from the start of its oldest bucket to now.
    QCOMPARE(s.model->totalMessageRate(), 3.0 * 1000 / (windowMs - 1));

    s.refreshAt(start + windowMs);
    QCOMPARE(s.countOf(QStringLiteral("early")), 0);
    QCOMPARE(s.countOf(QStringLiteral("late")), 0);
    QCOMPARE(s.countOf(QStringLiteral("next")), 1);
    QCOMPARE(s.model->rowCount(), 1);
    QCOMPARE(s.model->totalMessages(), 1);

    s.refreshAt(start + bucket + windowMs - 1);
    QCOMPARE(s.countOf(QStringLiteral("next")), 1);
    s.refreshAt(start + bucket + windowMs);
    QCOMPARE(s.model->rowCount(), 0);
    QCOMPARE(s.model->totalMessages(), 0);
}

void TestTopTalkersModel::changingTheWindowShowsItAtOnce()
{
    Scripted s;
    s.model->setWindow(Window::OneSecond);
    s.now = 30000;
    s.send(QStringLiteral("a"));
    s.now = 59000;
    s.send(QStringLiteral("a"));
    s.send(QStringLiteral("b"));
    s.refreshAt(59500);
    QCOMPARE(s.countOf(QStringLiteral("a")), 1);
    QCOMPARE(s.countOf(QStringLiteral("b")), 1);
    // Each window is counted all along: the minute shows both of a's at once.
    s.model->setWindow(Window::OneMinute);
    QCOMPARE(s.countOf(QStringLiteral("a")), 2);
    QCOMPARE(s.nameAt(0), QStringLiteral("a"));
    s.model->setWindow(Window::TenSeconds);
    QCOMPARE(s.countOf(QStringLiteral("a")), 1);
}

void TestTopTalkersModel::sortsByBytes()
{
    Scripted s;
    for (int i = 0; i < 10; ++i)
        s.send(QStringLiteral("chatty"), 10);
    s.send(QStringLiteral("bulky"), 1000);
    s.refreshAt(1000);
    QCOMPARE(s.nameAt(0), QStringLiteral("chatty"));
    s.model->sort(TopTalkersModel::ByteRateColumn, Qt::DescendingOrder);
    QCOMPARE(s.nameAt(0), QStringLiteral("bulky"));
    QCOMPARE(s.model->index(0, 0).data(TopTalkersModel::ByteShareRole).toDouble(), 1000.0 / 1100);
    s.model->sort(TopTalkersModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(s.nameAt(0), QStringLiteral("bulky"));
    QCOMPARE(s.nameAt(1), QStringLiteral("chatty"));
    s.model->sort(TopTalkersModel::MessageRateColumn, Qt::AscendingOrder);
    QCOMPARE(s.nameAt(0), QStringLiteral("bulky"));
}

void TestTopTalkersModel::subtreesAggregateTheirTopics()
{
    Scripted s;
    s.model->setKind(Kind::Subtrees);
    const QList<std::pair<QString, int>> sent = {
            {QStringLiteral("sensors/kitchen/temp"), 3},
            {QStringLiteral("sensors/kitchen/humidity"), 2},
            {QStringLiteral("sensors/kitchen"), 1}, // the topic of the subtree itself
            {QStringLiteral("sensors/hall/temp"), 1},
            {QStringLiteral("lights"), 4}, // no level below it: no subtree
    };
    for (const auto &[topic, count] : sent) {
        for (int i = 0; i < count; ++i)
            s.send(topic, 100);
    }
    s.refreshAt(1000);
    QCOMPARE(s.model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Subtree"));
    QCOMPARE(s.model->rowCount(), 3);
    QCOMPARE(s.nameAt(0), QStringLiteral("sensors/#"));
    QCOMPARE(s.countAt(0), 7);
    QCOMPARE(s.nameAt(1), QStringLiteral("sensors/kitchen/#"));
    QCOMPARE(s.countAt(1), 6);
    QCOMPARE(s.model->index(1, 0).data(TopTalkersModel::ByteCountRole).toLongLong(), 600);
    QCOMPARE(s.model->index(1, 0).data(TopTalkersModel::FilterRole).toString(),
             QStringLiteral("sensors/kitchen/#"));
    QCOMPARE(s.nameAt(2), QStringLiteral("sensors/hall/#"));
    QCOMPARE(s.countAt(2), 1);
    QCOMPARE(s.model->index(0, 0).data(TopTalkersModel::ShareRole).toDouble(), 7.0 / 11);

    // Back to topics: the loudest topic, then the rest.
    s.model->setKind(Kind::Topics);
    QCOMPARE(s.model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Topic"));
    QCOMPARE(s.model->rowCount(), 5);
    QCOMPARE(s.nameAt(0), QStringLiteral("lights"));
}

void TestTopTalkersModel::evictsTheQuietestAtTheCap()
{
    Scripted s;
    s.model->setMaximumTopics(4);
    const QList<std::pair<QString, int>> sent = {
            {QStringLiteral("a"), 10},
            {QStringLiteral("b"), 5},
            {QStringLiteral("c"), 1},
            {QStringLiteral("d"), 3},
    };
    for (const auto &[topic, count] : sent) {
        for (int i = 0; i < count; ++i)
            s.send(topic);
    }
    QCOMPARE(s.model->trackedTopicCount(), 4);
    s.now = 100;
    s.send(QStringLiteral("e"));
    QCOMPARE(s.model->trackedTopicCount(), 4);
    QVERIFY(!s.model->isTracked(QStringLiteral("c"))); // the quietest
    for (const char *kept : {"a", "b", "d", "e"})
        QVERIFY2(s.model->isTracked(QString::fromLatin1(kept)), kept);

    // A flood of new topics never grows the table, and the loud one stays.
    for (int i = 0; i < 1000; ++i) {
        s.send(QStringLiteral("new/%1").arg(i));
        QVERIFY(s.model->trackedTopicCount() <= 4);
    }
    QVERIFY(s.model->isTracked(QStringLiteral("a")));
    s.refreshAt(1000);
    QCOMPARE(s.nameAt(0), QStringLiteral("a"));
    // Evicted topics still count in the totals.
    QCOMPARE(s.model->totalMessages(), 10 + 5 + 1 + 3 + 1 + 1000);

    // A larger table keeps them all; a smaller one evicts at once.
    s.model->setMaximumTopics(2);
    QVERIFY(s.model->trackedTopicCount() <= 2);
    QVERIFY(s.model->isTracked(QStringLiteral("a")));
}

void TestTopTalkersModel::forgetsSilentTopics()
{
    Scripted s;
    s.send(QStringLiteral("plant/a/b"));
    s.now = 30000;
    s.send(QStringLiteral("plant/c"));
    s.refreshAt(59999);
    QCOMPARE(s.model->trackedTopicCount(), 2);
    s.refreshAt(60000); // a's minute is over
    QCOMPARE(s.model->trackedTopicCount(), 1);
    QVERIFY(s.model->isTracked(QStringLiteral("plant/c")));
    s.model->setKind(Kind::Subtrees);
    s.model->setWindow(Window::OneMinute);
    QCOMPARE(s.model->rowCount(), 1);
    QCOMPARE(s.nameAt(0), QStringLiteral("plant/#"));
    s.refreshAt(90000);
    QCOMPARE(s.model->trackedTopicCount(), 0);
    QCOMPARE(s.model->rowCount(), 0);
}

void TestTopTalkersModel::rowsKeepTheirIdentity()
{
    Scripted s;
    s.model->setWindow(Window::OneSecond);
    s.send(QStringLiteral("a"));
    s.send(QStringLiteral("a"));
    s.send(QStringLiteral("b"));
    s.refreshAt(100);
    QCOMPARE(s.nameAt(0), QStringLiteral("a"));
    const QPersistentModelIndex b = s.model->index(1, TopTalkersModel::ByteRateColumn);
    QSignalSpy refreshed(s.model.get(), &TopTalkersModel::refreshed);
    for (int i = 0; i < 5; ++i)
        s.send(QStringLiteral("b"));
    s.refreshAt(200);
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(s.nameAt(0), QStringLiteral("b"));
    QCOMPARE(b.row(), 0);
    QCOMPARE(b.column(), int(TopTalkersModel::ByteRateColumn));
    // a's messages leave the window: its row goes, b's stays.
    s.now = 1050;
    s.send(QStringLiteral("b"));
    s.refreshAt(1100);
    QCOMPARE(s.model->rowCount(), 1);
    QCOMPARE(b.row(), 0);
}

void TestTopTalkersModel::countsNothingWhileOff()
{
    Scripted s;
    s.model->setTracking(TopTalkersModel::Tracking::Off);
    s.send(QStringLiteral("a"));
    s.refreshAt(100);
    QCOMPARE(s.model->rowCount(), 0);
    QCOMPARE(s.model->trackedTopicCount(), 0);
    s.model->setTracking(TopTalkersModel::Tracking::On);
    s.send(QStringLiteral("a"));
    s.refreshAt(200);
    QCOMPARE(s.model->rowCount(), 1);
    // Off forgets.
    s.model->setTracking(TopTalkersModel::Tracking::Off);
    QCOMPARE(s.model->rowCount(), 0);
    QCOMPARE(s.model->totalMessages(), 0);
}

void TestTopTalkersModel::passesTheModelTester()
{
    Scripted s;
    QAbstractItemModelTester tester(s.model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    s.model->setMaximumRows(6);
    s.model->setMaximumTopics(12);
    // Topics rise and fall: rows arrive, leave and change places at every refresh.
    for (int step = 0; step < 60; ++step) {
        s.now = step * 250;
        for (int topic = 0; topic < 16; ++topic) {
            const int count = (topic * 7 + step * 3) % 11;
            for (int i = 0; i < count; ++i)
                s.send(QStringLiteral("site/%1/device%2").arg(topic % 3).arg(topic), topic + i);
        }
        s.model->refresh();
        QVERIFY(s.model->rowCount() <= 6);
        if (step == 20)
            s.model->setKind(Kind::Subtrees);
        if (step == 30)
            s.model->sort(TopTalkersModel::NameColumn, Qt::AscendingOrder);
        if (step == 40)
            s.model->setWindow(Window::OneSecond);
        if (step == 50)
            s.model->setKind(Kind::Topics);
    }
    s.model->clear();
    QCOMPARE(s.model->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestTopTalkersModel)
#include "tst_toptalkersmodel.moc"
