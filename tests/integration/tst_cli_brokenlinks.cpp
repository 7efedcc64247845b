// SPDX-License-Identifier: Apache-2.0
// switchboard-cli across links that break: a `sub` and a `pub -l --reconnect` at QoS 2, each
// through its own fault proxy that cuts every 0.3 to 2 s, deliver 3,000 numbered lines exactly
// once and in order; `sub` without flags comes back after the broker restarts; `pub -l`
// reports a refused line with its number and goes on, or stops with --stop-on-refusal.
#include "faultproxy.h"
#include "mosquittoprocess.h"
#include "processruns.h"
#include "sequencelog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

constexpr int WaitMs = 10000;
constexpr int Lines = 3000;
// The input is fed over about 15 s, so that the cuts fall all along the run.
constexpr int LinesPerTick = 10;
constexpr int TickMs = 50;
constexpr int CutMinimumMs = 300;
constexpr int CutMaximumMs = 2000;
constexpr int MinimumCutsEach = 6;
constexpr int RunDeadlineMs = 70000;

// A switchboard-cli process whose output is collected as it comes, with the event loop
// running (the fault proxies live in this thread: no blocking waits).
struct CliProcess
{
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QByteArray out;
    QByteArray err;

    explicit CliProcess(const QStringList &arguments)
    {
        QObject::connect(process.get(), &QProcess::readyReadStandardOutput, process.get(),
                         [this] { out += process->readAllStandardOutput(); });
        QObject::connect(process.get(), &QProcess::readyReadStandardError, process.get(),
                         [this] { err += process->readAllStandardError(); });
        process->start(QStringLiteral(SWITCHBOARD_CLI), arguments);
    }
    ~CliProcess()
    {
        // A test that failed half-way leaves it running: no output arrives into a dead object.
        process->disconnect();
        process->kill();
        process->waitForFinished(WaitMs);
    }
    bool isRunning() const { return process->state() != QProcess::NotRunning; }
    int exitCode() const
    {
        return process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    }
    // Ends it (Ctrl+C) and waits for its exit code.
    int terminate()
    {
        process->terminate();
        FaultProxy::runUntil([this] { return !isRunning(); }, WaitMs);
        return exitCode();
    }
};

QStringList brokerArguments(quint16 port)
{
    return {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
            QString::number(port)};
}

} // namespace

class tst_CliBrokenLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void qos2LinesThroughCuts();
    void subComesBackAfterBrokerRestart();
    void refusedLines_data();
    void refusedLines();

private:
    static ProcessRuns::Result run(const QStringList &arguments, const QByteArray &input = {})
    {
        return ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI), arguments, WaitMs, input);
    }
};

void tst_CliBrokenLinks::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SWITCHBOARD_CLI)).isExecutable(), SWITCHBOARD_CLI);
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
}

void tst_CliBrokenLinks::qos2LinesThroughCuts()
{
    MosquittoProcess broker;
    // See tst_brokenlinks.cpp: mosquitto 2.0.11 keeps a topic's order only without a limit.
    broker.addConfigLines({QStringLiteral("max_inflight_messages 0")});
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const quint32 seed = FaultProxy::seedFromEnvironment();
    qInfo("fault proxy seeds %u and %u (SWITCHBOARD_FAULT_SEED=%u replays their choices)", seed,
          seed + 1, seed);
    FaultProxy subscriberLink(QHostAddress::LocalHost, broker.port(), seed);
    FaultProxy publisherLink(QHostAddress::LocalHost, broker.port(), seed + 1);
    QVERIFY(subscriberLink.listen());
    QVERIFY(publisherLink.listen());
    const QString topic = QStringLiteral("cli/links");

    // -d: its granted subscription says when to start, its notices count the reconnects.
    CliProcess subscriber(QStringList{QStringLiteral("sub"), QStringLiteral("-d")} +
                          brokerArguments(subscriberLink.port()) +
                          QStringList{QStringLiteral("-t"), topic, QStringLiteral("-q"),
                                      QStringLiteral("2"), QStringLiteral("-c"),
                                      QStringLiteral("-i"), QStringLiteral("cli-links-sub"),
                                      QStringLiteral("-C"), QString::number(Lines)});
    QVERIFY2(FaultProxy::runUntil([&] { return subscriber.err.contains("subscribed to"); }, WaitMs),
             subscriber.err.constData());
    CliProcess publisher(QStringList{QStringLiteral("pub"), QStringLiteral("-d")} +
                         brokerArguments(publisherLink.port()) +
                         QStringList{QStringLiteral("-t"), topic, QStringLiteral("-q"),
                                     QStringLiteral("2"), QStringLiteral("-c"),
                                     QStringLiteral("-i"), QStringLiteral("cli-links-pub"),
                                     QStringLiteral("-l"), QStringLiteral("--reconnect")});
    QVERIFY2(FaultProxy::runUntil([&] { return publisher.err.contains("connected;"); }, WaitMs),
             publisher.err.constData());

    // Both made their first connection (which must succeed): now the links break.
    subscriberLink.setCutInterval(CutMinimumMs, CutMaximumMs);
    publisherLink.setCutInterval(CutMinimumMs, CutMaximumMs);
    int fed = 0;
    QTimer feeder;
    QObject::connect(&feeder, &QTimer::timeout, &feeder, [&] {
        QByteArray chunk;
        for (int i = 0; i < LinesPerTick && fed < Lines; ++i)
            chunk += QByteArray::number(fed++) + '\n';
        publisher.process->write(chunk);
        if (fed == Lines) {
            feeder.stop();
            publisher.process->closeWriteChannel();
        }
    });
    feeder.start(TickMs);
    QElapsedTimer clock;
    clock.start();
    const bool finished = FaultProxy::runUntil(
            [&] { return !publisher.isRunning() && !subscriber.isRunning(); }, RunDeadlineMs);
    const qint64 runtimeMs = clock.elapsed();
    subscriberLink.stopFaults();
    publisherLink.stopFaults();

    SequenceLog received(Lines);
    for (const QByteArray &line : subscriber.out.split('\n')) {
        if (!line.isEmpty())
            received.add(line);
    }
    const QString report =
            QStringLiteral("%1 ms; sub %2, %3 reconnects; pub %4 reconnects\nsub link %5\npub "
                           "link %6")
                    .arg(runtimeMs)
                    .arg(received.summary())
                    .arg(subscriber.err.count("reconnected;"))
                    .arg(publisher.err.count("reconnected;"))
                    .arg(subscriberLink.summary(), publisherLink.summary());
    qInfo().noquote() << report;
    if (!finished) {
        subscriber.process->kill();
        publisher.process->kill();
    }
    QVERIFY2(finished, qPrintable(QStringLiteral("not done in time: ") + report));
    QVERIFY2(publisher.exitCode() == 0, publisher.err.right(2000).constData());
    QVERIFY2(subscriber.exitCode() == 0, subscriber.err.right(2000).constData());
    QVERIFY2(received.isComplete(), qPrintable(report));
    QCOMPARE(received.duplicates(), 0);
    QCOMPARE(received.foreign(), 0);
    QCOMPARE(received.orderProblem(), QString());
    // The links really broke, all along the run, and both ends came back each time.
    QVERIFY2(subscriberLink.totalCuts() >= MinimumCutsEach, qPrintable(report));
    QVERIFY2(publisherLink.totalCuts() >= MinimumCutsEach, qPrintable(report));
    QVERIFY2(subscriber.err.count("reconnected;") >= MinimumCutsEach / 2, qPrintable(report));
    QVERIFY2(publisher.err.count("reconnected;") >= MinimumCutsEach / 2, qPrintable(report));
}

// As mosquitto_sub: no flag needed, and nothing said without -d; with -d the loss and the
// return are told. The restarted broker kept no session: the subscription is made again.
void tst_CliBrokenLinks::subComesBackAfterBrokerRestart()
{
    MosquittoProcess broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const QString topic = QStringLiteral("cli/restart");
    CliProcess plain(QStringList{QStringLiteral("sub")} + brokerArguments(broker.port()) +
                     QStringList{QStringLiteral("-t"), topic});
    CliProcess told(QStringList{QStringLiteral("sub"), QStringLiteral("-d")} +
                    brokerArguments(broker.port()) + QStringList{QStringLiteral("-t"), topic});
    // Publishes until both subscribers printed payload (each is subscribed only at some point).
    const auto deliver = [&](const QByteArray &payload) {
        return FaultProxy::runUntil(
                [&] {
                    if (plain.out.contains(payload) && told.out.contains(payload))
                        return true;
                    run(QStringList{QStringLiteral("pub")} + brokerArguments(broker.port()) +
                        QStringList{QStringLiteral("-t"), topic, QStringLiteral("-m"),
                                    QString::fromLatin1(payload)});
                    return false; // looked at again after this one arrives
                },
                WaitMs);
    };
    QVERIFY2(deliver("before"), plain.err.constData());
    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
    QVERIFY2(deliver("after"),
             qPrintable(QStringLiteral("plain: %1\n-d: %2")
                                .arg(QString::fromLocal8Bit(plain.err),
                                     QString::fromLocal8Bit(told.err.right(3000)))));
    QVERIFY(plain.isRunning());
    QCOMPARE(plain.terminate(), 0);
    QCOMPARE(told.terminate(), 0);
    QCOMPARE(plain.err, QByteArray());
    QVERIFY2(told.err.contains("switchboard-cli sub: connection lost: "), told.err.constData());
    QVERIFY2(told.err.contains("switchboard-cli sub: reconnected; the broker kept no session"),
             told.err.constData());
}

void tst_CliBrokenLinks::refusedLines_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("stop");
    QTest::addColumn<QByteArray>("delivered");
    QTest::addColumn<QByteArrayList>("told");
    QTest::addColumn<QByteArrayList>("untold");
    // The broker announces a Maximum Packet Size of 100: the engine refuses a longer line.
    const QByteArray tooLarge(200, 'x');
    const QByteArray input = "one\n" + tooLarge + "\nthree\n" + tooLarge + "\nfive\n";
    QTest::newRow("too large, the rest go on")
            << QStringLiteral("cli/refused") << input << false << QByteArray("one\nthree\nfive\n")
            << QByteArrayList{"error: line 2: The packet would be",
                              "error: line 4: The packet would be"}
            << QByteArrayList{"line 1:", "line 3:", "line 5:"};
    QTest::newRow("too large, stop")
            << QStringLiteral("cli/refused") << input << true << QByteArray("one\n")
            << QByteArrayList{"error: line 2: The packet would be"} << QByteArrayList{"line 4:"};
    // The broker's own refusal: PUBACK Not authorized (0x87), for every line.
    QTest::newRow("not authorized, the rest go on")
            << QStringLiteral("denied") << QByteArray("one\ntwo\n") << false << QByteArray()
            << QByteArrayList{"error: line 1: The broker refused the message: Not authorized",
                              "error: line 2: The broker refused the message: Not authorized"}
            << QByteArrayList{};
    QTest::newRow("not authorized, stop")
            << QStringLiteral("denied") << QByteArray("one\ntwo\n") << true << QByteArray()
            << QByteArrayList{"error: line 1: The broker refused the message: Not authorized"}
            << QByteArrayList{"line 2:"};
}

void tst_CliBrokenLinks::refusedLines()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, input);
    QFETCH(bool, stop);
    QFETCH(QByteArray, delivered);
    QFETCH(QByteArrayList, told);
    QFETCH(QByteArrayList, untold);
    MosquittoProcess broker;
    QFile acl(broker.directory() + QStringLiteral("/acl"));
    QVERIFY(acl.open(QIODevice::WriteOnly));
    acl.write("topic readwrite cli/#\n");
    acl.close();
    // user root: the broker keeps the rights to read the ACL in the test's private folder.
    // A queue limit: with none (the fixture's max_queued_messages 0) mosquitto 2.0.11 closes
    // a 5.0 connection right after the PUBACK that refuses a message.
    broker.addConfigLines({QStringLiteral("max_packet_size 100"), QStringLiteral("user root"),
                           QStringLiteral("acl_file %1").arg(acl.fileName()),
                           QStringLiteral("max_queued_messages 1000")});
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    // What reached the broker, seen by a subscriber to everything.
    CliProcess watcher(QStringList{QStringLiteral("sub"), QStringLiteral("-d")} +
                       brokerArguments(broker.port()) +
                       QStringList{QStringLiteral("-t"), QStringLiteral("cli/#")});
    QVERIFY(FaultProxy::runUntil([&] { return watcher.err.contains("subscribed to"); }, WaitMs));

    QStringList arguments =
            QStringList{QStringLiteral("pub"), QStringLiteral("-V"), QStringLiteral("5")} +
            brokerArguments(broker.port()) +
            QStringList{QStringLiteral("-t"), topic, QStringLiteral("-q"), QStringLiteral("1"),
                        QStringLiteral("-l")};
    if (stop)
        arguments << QStringLiteral("--stop-on-refusal");
    const ProcessRuns::Result published = run(arguments, input);
    QCOMPARE(published.exitCode, 1);
    QCOMPARE(published.out, QByteArray());
    for (const QByteArray &text : told)
        QVERIFY2(published.err.contains(text), published.err.constData());
    for (const QByteArray &text : untold)
        QVERIFY2(!published.err.contains(text), published.err.constData());

    // The marker goes after the lines: once it is seen, whatever pub delivered was seen too.
    QVERIFY(run(QStringList{QStringLiteral("pub")} + brokerArguments(broker.port()) +
                QStringList{QStringLiteral("-t"), QStringLiteral("cli/refused"),
                            QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-m"),
                            QStringLiteral("end")})
                    .exitCode == 0);
    QVERIFY(FaultProxy::runUntil([&] { return watcher.out.endsWith("end\n"); }, WaitMs));
    QCOMPARE(watcher.out, delivered + "end\n");
    QCOMPARE(watcher.terminate(), 0);
}

QTEST_GUILESS_MAIN(tst_CliBrokenLinks)
#include "tst_cli_brokenlinks.moc"
