// SPDX-License-Identifier: Apache-2.0
// The load test's topic patterns, client ids, payload stamp and sequence window
// (app/cli/loadtest).
#include "loadpattern.h"
#include "loadpayload.h"

#include <QTest>

using namespace LoadTest;

class tst_LoadTestPattern : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expand_data();
    void expand();
    void check_data();
    void check();
    void filter_data();
    void filter();
    void clientIds();
    void stampRoundTrip();
    void sequencesInOrder();
    void gapFilledLate();
    void duplicates();
    void farBehindCountsAsDuplicate();
    void jumpBeyondTheWindow();
};

void tst_LoadTestPattern::expand_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("topic");
    QTest::newRow("no placeholder") << "a/b" << 3 << "c"
                                    << "a/b";
    QTest::newRow("index") << "bench/%i" << 7 << "x-pub-7"
                           << "bench/7";
    QTest::newRow("client id") << "%c/data" << 2 << "x-pub-2"
                               << "x-pub-2/data";
    QTest::newRow("both, twice") << "%i/%c/%i" << 12 << "id"
                                 << "12/id/12";
    QTest::newRow("inside a level") << "dev%i-x" << 5 << "id"
                                    << "dev5-x";
    QTest::newRow("percent sign") << "100%%/%i" << 1 << "id"
                                  << "100%/1";
    QTest::newRow("%%i is no index") << "a/%%i" << 9 << "id"
                                     << "a/%i";
    QTest::newRow("trailing percent kept") << "a%" << 1 << "id"
                                           << "a%";
    QTest::newRow("empty") << "" << 1 << "id"
                           << "";
}

void tst_LoadTestPattern::expand()
{
    QFETCH(QString, pattern);
    QFETCH(int, index);
    QFETCH(QString, clientId);
    QFETCH(QString, topic);
    QCOMPARE(expandTopicPattern(pattern, index, clientId), topic);
}

void tst_LoadTestPattern::check_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "a/b" << true;
    QTest::newRow("index and id") << "bench/%i/%c" << true;
    QTest::newRow("percent sign") << "100%%" << true;
    QTest::newRow("unknown placeholder") << "bench/%x" << false;
    QTest::newRow("lone percent at the end") << "bench/%" << false;
    QTest::newRow("single-level wildcard") << "bench/+" << false;
    QTest::newRow("multi-level wildcard") << "bench/#" << false;
}

void tst_LoadTestPattern::check()
{
    QFETCH(QString, pattern);
    QFETCH(bool, valid);
    QString problem;
    QCOMPARE(checkTopicPattern(pattern, &problem), valid);
    QCOMPARE(problem.isEmpty(), valid);
    if (!valid)
        QVERIFY2(problem.contains(pattern), qPrintable(problem));
}

void tst_LoadTestPattern::filter_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("filter");
    QTest::newRow("default") << "bench/%i"
                             << "bench/#";
    QTest::newRow("no placeholder: the topic") << "a/b/c"
                                               << "a/b/c";
    QTest::newRow("placeholder first") << "%c/data"
                                       << "#";
    QTest::newRow("inside a level") << "a/dev%i/z"
                                    << "a/#";
    QTest::newRow("percent sign kept") << "100%%/%i"
                                       << "100%/#";
    QTest::newRow("%%i is literal") << "a/%%i"
                                    << "a/%i";
}

void tst_LoadTestPattern::filter()
{
    QFETCH(QString, pattern);
    QFETCH(QString, filter);
    QCOMPARE(subscriptionFilterFor(pattern), filter);
}

void tst_LoadTestPattern::clientIds()
{
    QCOMPARE(publisherClientId(QStringLiteral("run"), 1), QStringLiteral("run-pub-1"));
    QCOMPARE(subscriberClientId(QStringLiteral("run"), 42), QStringLiteral("run-sub-42"));
    // %c names the publisher's own id.
    QCOMPARE(expandTopicPattern(QStringLiteral("t/%c"), 3, publisherClientId("run", 3)),
             QStringLiteral("t/run-pub-3"));
}

void tst_LoadTestPattern::stampRoundTrip()
{
    Stamp stamp;
    stamp.sequence = 0x0102030405060708ull;
    stamp.sentNs = 123456789012345;
    stamp.publisher = 999;
    stamp.run = 0xCAFEBABE;
    QByteArray payload(64, 'x');
    stamp.write(payload.data());
    QCOMPARE(payload.mid(Stamp::Size), QByteArray(64 - Stamp::Size, 'x'));
    Stamp read;
    QVERIFY(read.read(payload));
    QCOMPARE(read.sequence, stamp.sequence);
    QCOMPARE(read.sentNs, stamp.sentNs);
    QCOMPARE(read.publisher, stamp.publisher);
    QCOMPARE(read.run, stamp.run);
    QVERIFY(!read.read(payload.left(Stamp::Size - 1)));
}

void tst_LoadTestPattern::sequencesInOrder()
{
    SequenceWindow window;
    for (quint64 sequence = 0; sequence < 1000; ++sequence)
        QCOMPARE(window.add(sequence), SequenceWindow::Outcome::New);
    QCOMPARE(window.next(), quint64(1000));
    QCOMPARE(window.unique(), quint64(1000));
}

void tst_LoadTestPattern::gapFilledLate()
{
    SequenceWindow window;
    QCOMPARE(window.add(0), SequenceWindow::Outcome::New);
    QCOMPARE(window.add(5), SequenceWindow::Outcome::New); // 1..4 missing for now
    QCOMPARE(window.next(), quint64(6));
    QCOMPARE(window.unique(), quint64(2));
    QCOMPARE(window.add(3), SequenceWindow::Outcome::New); // late, not a repeat
    QCOMPARE(window.add(3), SequenceWindow::Outcome::Duplicate);
    QCOMPARE(window.unique(), quint64(3));
    QCOMPARE(window.next(), quint64(6));
}

void tst_LoadTestPattern::duplicates()
{
    SequenceWindow window;
    QCOMPARE(window.add(0), SequenceWindow::Outcome::New);
    QCOMPARE(window.add(1), SequenceWindow::Outcome::New);
    QCOMPARE(window.add(1), SequenceWindow::Outcome::Duplicate);
    QCOMPARE(window.add(0), SequenceWindow::Outcome::Duplicate);
    QCOMPARE(window.add(2), SequenceWindow::Outcome::New);
    QCOMPARE(window.unique(), quint64(3));
}

void tst_LoadTestPattern::farBehindCountsAsDuplicate()
{
    SequenceWindow window;
    QCOMPARE(window.add(100), SequenceWindow::Outcome::New);
    QCOMPARE(window.add(37), SequenceWindow::Outcome::New); // 63 behind: still in the window
    QCOMPARE(window.add(36), SequenceWindow::Outcome::Duplicate); // 64 behind: cannot tell
    QCOMPARE(window.unique(), quint64(2));
}

void tst_LoadTestPattern::jumpBeyondTheWindow()
{
    SequenceWindow window;
    for (quint64 sequence = 0; sequence < 10; ++sequence)
        window.add(sequence);
    QCOMPARE(window.add(1000), SequenceWindow::Outcome::New);
    QCOMPARE(window.add(1000), SequenceWindow::Outcome::Duplicate);
    QCOMPARE(window.add(999), SequenceWindow::Outcome::New); // the old bits are gone
    QCOMPARE(window.unique(), quint64(12));
}

QTEST_APPLESS_MAIN(tst_LoadTestPattern)
#include "tst_loadtest_pattern.moc"
