// SPDX-License-Identifier: Apache-2.0
// The built switchboard-cli, run as a process against a real mosquitto: pub and sub at each
// QoS, output formats, retained messages, stdin lines, and the errors people meet first.
#include "client.h"
#include "mosquittoprocess.h"
#include "processruns.h"

#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>

#include <memory>

using namespace Mqtt;

namespace {

constexpr int WaitMs = 10000;

using ProcessRuns::Result;

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void pubThenSubAtEachQos_data();
    void pubThenSubAtEachQos();
    void subOutputFormats();
    void subFinishesQos2BeforeDisconnect();
    void subPrintsEachMessageAsItArrives();
    void retainedMessage();
    void stdinLines();
    void stdinLinesArriveWhileInputStaysOpen();
    void messageFromFileAndNullMessage();
    void willOnAbruptExit();
    void terminateDisconnectsCleanly();
    void brokerUrl();
    void protocolVersions_data();
    void protocolVersions();
    void errors_data();
    void errors();
    void refusedPasswordShowsTheBrokersReason();
    void help();

private:
    QStringList brokerArguments() const
    {
        return {QStringLiteral("-h"), m_broker.host(), QStringLiteral("-p"),
                QString::number(m_broker.port())};
    }
    // Runs switchboard-cli to the end.
    static Result run(const QStringList &arguments, const QByteArray &input = {});
    // Starts `switchboard-cli sub -d ...` and waits until its subscriptions are granted.
    // What it printed on stderr until then goes to *early.
    std::unique_ptr<QProcess> startSubscriber(const QStringList &arguments,
                                              QByteArray *early = nullptr);
    static Result finish(QProcess *process);
    // An in-process client subscribed to `filter` at QoS 2, to see what pub really sent.
    Client *watcher(const QString &filter);

    MosquittoProcess m_broker;
    std::vector<std::unique_ptr<Client>> m_clients;
};

Result tst_Cli::run(const QStringList &arguments, const QByteArray &input)
{
    return ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI), arguments, WaitMs, input);
}

Result tst_Cli::finish(QProcess *process)
{
    return ProcessRuns::finish(process, WaitMs);
}

std::unique_ptr<QProcess> tst_Cli::startSubscriber(const QStringList &arguments, QByteArray *early)
{
    // -d reports each granted subscription; everything else it prints is engine traces.
    return ProcessRuns::startAndWaitFor(QStringLiteral(SWITCHBOARD_CLI),
                                        QStringList{QStringLiteral("sub"), QStringLiteral("-d")} +
                                                brokerArguments() + arguments,
                                        "subscribed to", WaitMs, early);
}

Client *tst_Cli::watcher(const QString &filter)
{
    m_clients.push_back(std::make_unique<Client>());
    Client *client = m_clients.back().get();
    ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    QSignalSpy connected(client, &Client::connected);
    client->connectToHost(options);
    if (!connected.wait(WaitMs))
        return nullptr;
    QSignalSpy acknowledged(client, &Client::subscriptionAcknowledged);
    if (client->subscribe(filter, QoS::ExactlyOnce) == 0 || !acknowledged.wait(WaitMs))
        return nullptr;
    return client;
}

void tst_Cli::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SWITCHBOARD_CLI)).isExecutable(), SWITCHBOARD_CLI);
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_Cli::cleanup()
{
    for (const auto &client : m_clients)
        client->abortConnection();
    m_clients.clear();
}

void tst_Cli::pubThenSubAtEachQos_data()
{
    QTest::addColumn<int>("qos");
    QTest::newRow("QoS 0") << 0;
    QTest::newRow("QoS 1") << 1;
    QTest::newRow("QoS 2") << 2;
}

void tst_Cli::pubThenSubAtEachQos()
{
    QFETCH(int, qos);
    const QString topic = QStringLiteral("cli/qos%1").arg(qos);
    const QString qosText = QString::number(qos);
    Client *observer = watcher(topic);
    QVERIFY(observer);
    QSignalSpy observed(observer, &Client::messageReceived);

    QByteArray early;
    auto subscriber = startSubscriber({QStringLiteral("-t"), topic, QStringLiteral("-q"), qosText,
                                       QStringLiteral("-C"), QStringLiteral("3"),
                                       QStringLiteral("-W"), QStringLiteral("20")},
                                      &early);
    QVERIFY(subscriber);
    const Result published =
            run({QStringLiteral("pub"), QStringLiteral("-h"), m_broker.host(), QStringLiteral("-p"),
                 QString::number(m_broker.port()), QStringLiteral("-t"), topic,
                 QStringLiteral("-m"), QStringLiteral("hello %1").arg(qos), QStringLiteral("-q"),
                 qosText, QStringLiteral("--repeat"), QStringLiteral("3")});
    QCOMPARE(published.exitCode, 0);
    QCOMPARE(published.err, QByteArray());

    const Result received = finish(subscriber.get());
    QVERIFY2(received.exitCode == 0, received.err.constData());
    const QByteArray line = QStringLiteral("hello %1\n").arg(qos).toUtf8();
    QCOMPARE(received.out, line + line + line);
    QVERIFY2(early.contains(QStringLiteral("'%1' (granted QoS %2)").arg(topic, qosText).toUtf8()),
             early.constData());

    // pub sent them at the QoS asked for: the observer subscribed at QoS 2 sees it.
    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), 3, WaitMs);
    for (const QList<QVariant> &arguments : std::as_const(observed)) {
        const Message message = arguments.at(0).value<Message>();
        QCOMPARE(int(message.qos), qos);
        QCOMPARE(message.payload, QStringLiteral("hello %1").arg(qos).toUtf8());
    }
}

// sub -C 1 at QoS 2 answers the broker's PUBREL before DISCONNECT, as mosquitto_sub does:
// mosquitto's own log shows each PUBREL it sent completed, and the PUBCOMP before the
// DISCONNECT (a client that leaves at once makes the broker write to a closed socket).
void tst_Cli::subFinishesQos2BeforeDisconnect()
{
    MosquittoProcess broker;
    broker.addConfigLines({QStringLiteral("log_type all")});
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const QStringList where{QStringLiteral("-h"), broker.host(),
                            QStringLiteral("-p"), QString::number(broker.port()),
                            QStringLiteral("-t"), QStringLiteral("cli/drain")};
    auto subscriber = ProcessRuns::startAndWaitFor(
            QStringLiteral(SWITCHBOARD_CLI),
            QStringList{QStringLiteral("sub"), QStringLiteral("-d")} + where +
                    QStringList{QStringLiteral("-q"), QStringLiteral("2"), QStringLiteral("-C"),
                                QStringLiteral("1"), QStringLiteral("-i"),
                                QStringLiteral("cli-drain"), QStringLiteral("-W"),
                                QStringLiteral("20")},
            "subscribed to", WaitMs);
    QVERIFY(subscriber);
    const Result published =
            run(QStringList{QStringLiteral("pub")} + where +
                QStringList{QStringLiteral("-m"), QStringLiteral("once"), QStringLiteral("-q"),
                            QStringLiteral("2"), QStringLiteral("--repeat"), QStringLiteral("3")});
    QCOMPARE(published.exitCode, 0);
    const Result received = finish(subscriber.get());
    QVERIFY2(received.exitCode == 0, received.err.constData());
    QCOMPARE(received.out, QByteArray("once\n"));
    const QString disconnect = QStringLiteral("Received DISCONNECT from cli-drain");
    QString log; // log() hands out what came since it was last called
    QTRY_VERIFY2_WITH_TIMEOUT((log += broker.log()).contains(disconnect), qPrintable(log), WaitMs);
    const qsizetype releases = log.count(QStringLiteral("Sending PUBREL to cli-drain"));
    QVERIFY2(releases >= 1, qPrintable(log));
    QCOMPARE(log.count(QStringLiteral("Received PUBCOMP from cli-drain")), releases);
    QVERIFY2(log.lastIndexOf(QStringLiteral("Received PUBCOMP from cli-drain")) <
                     log.indexOf(disconnect),
             qPrintable(log));
}

void tst_Cli::subOutputFormats()
{
    auto plain = startSubscriber({QStringLiteral("-t"), QStringLiteral("cli/format/#"),
                                  QStringLiteral("-C"), QStringLiteral("2")});
    auto verbose =
            startSubscriber({QStringLiteral("-t"), QStringLiteral("cli/format/a"),
                             QStringLiteral("-t"), QStringLiteral("cli/format/+/c"),
                             QStringLiteral("-v"), QStringLiteral("-C"), QStringLiteral("2")});
    QVERIFY(plain && verbose);
    for (const auto &[topic, payload] :
         {std::pair{"cli/format/a", "one two"}, std::pair{"cli/format/b/c", "three"}}) {
        const Result published = run(QStringList{QStringLiteral("pub")} + brokerArguments() +
                                     QStringList{QStringLiteral("-q"), QStringLiteral("1"),
                                                 QStringLiteral("-t"), QLatin1String(topic),
                                                 QStringLiteral("-m"), QLatin1String(payload)});
        QCOMPARE(published.exitCode, 0);
    }
    const Result plainOut = finish(plain.get());
    const Result verboseOut = finish(verbose.get());
    QCOMPARE(plainOut.exitCode, 0);
    QCOMPARE(verboseOut.exitCode, 0);
    QCOMPARE(plainOut.out, QByteArray("one two\nthree\n"));
    QCOMPARE(verboseOut.out, QByteArray("cli/format/a one two\ncli/format/b/c three\n"));
}

void tst_Cli::subPrintsEachMessageAsItArrives()
{
    // Without -C the subscriber never exits by itself: each line must reach the pipe at once.
    auto subscriber = startSubscriber(
            {QStringLiteral("-t"), QStringLiteral("cli/live-out"), QStringLiteral("-v")});
    QVERIFY(subscriber);
    Client *publisher = watcher(QStringLiteral("cli/unused"));
    QVERIFY(publisher);
    QByteArray output;
    for (int i = 1; i <= 3; ++i) {
        Message message;
        message.topic = QStringLiteral("cli/live-out");
        message.payload = "tick " + QByteArray::number(i);
        message.qos = QoS::AtLeastOnce;
        QVERIFY(publisher->publish(message) != 0);
        const QByteArray line = "cli/live-out tick " + QByteArray::number(i) + '\n';
        // QTRY_ keeps the event loop running: the publisher's bytes go out meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT((output += subscriber->readAllStandardOutput()).endsWith(line),
                                 WaitMs);
        QCOMPARE(subscriber->state(), QProcess::Running);
    }
    subscriber->kill();
    QVERIFY(subscriber->waitForFinished(WaitMs));
}

void tst_Cli::retainedMessage()
{
    const QStringList pub =
            QStringList{QStringLiteral("pub")} + brokerArguments() +
            QStringList{QStringLiteral("-t"), QStringLiteral("cli/retained"), QStringLiteral("-q"),
                        QStringLiteral("1"), QStringLiteral("-r")};
    const QStringList sub =
            QStringList{QStringLiteral("sub")} + brokerArguments() +
            QStringList{QStringLiteral("-t"), QStringLiteral("cli/retained"), QStringLiteral("-v")};

    QCOMPARE(run(pub + QStringList{QStringLiteral("-m"), QStringLiteral("kept")}).exitCode, 0);
    // No subscriber was there: only retain can bring it to one that comes later.
    Result late = run(sub + QStringList{QStringLiteral("-C"), QStringLiteral("1"),
                                        QStringLiteral("-W"), QStringLiteral("10")});
    QCOMPARE(late.exitCode, 0);
    QCOMPARE(late.out, QByteArray("cli/retained kept\n"));

    // -n -r clears it: the next subscriber waits for nothing and times out (-W, exit 27).
    QCOMPARE(run(pub + QStringList{QStringLiteral("-n")}).exitCode, 0);
    late = run(sub + QStringList{QStringLiteral("-C"), QStringLiteral("1"), QStringLiteral("-W"),
                                 QStringLiteral("1")});
    QCOMPARE(late.exitCode, 27);
    QCOMPARE(late.out, QByteArray());
    QVERIFY2(late.err.contains("timed out"), late.err.constData());
}

void tst_Cli::stdinLines()
{
    Client *observer = watcher(QStringLiteral("cli/lines"));
    QVERIFY(observer);
    QSignalSpy observed(observer, &Client::messageReceived);
    const Result published = run(
            QStringList{QStringLiteral("pub")} + brokerArguments() +
                    QStringList{QStringLiteral("-t"), QStringLiteral("cli/lines"),
                                QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-l")},
            "one\ntwo words\n\nlast without newline");
    QCOMPARE(published.exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), 4, WaitMs);
    QList<QByteArray> payloads;
    for (const QList<QVariant> &arguments : std::as_const(observed))
        payloads.append(arguments.at(0).value<Message>().payload);
    QCOMPARE(payloads,
             (QList<QByteArray>{"one", "two words", QByteArray(), "last without newline"}));
}

void tst_Cli::stdinLinesArriveWhileInputStaysOpen()
{
    // As in scripts/run: a line is published when it is read, not at end of input.
    Client *observer = watcher(QStringLiteral("cli/live"));
    QVERIFY(observer);
    QSignalSpy observed(observer, &Client::messageReceived);
    QProcess publisher;
    publisher.start(QStringLiteral(SWITCHBOARD_CLI),
                    QStringList{QStringLiteral("pub")} + brokerArguments() +
                            QStringList{QStringLiteral("-t"), QStringLiteral("cli/live"),
                                        QStringLiteral("-l")});
    QVERIFY(publisher.waitForStarted(WaitMs));
    for (int i = 1; i <= 3; ++i) {
        publisher.write(QByteArray::number(i) + '\n');
        QTRY_COMPARE_WITH_TIMEOUT(observed.size(), i, WaitMs);
        QCOMPARE(observed.at(i - 1).at(0).value<Message>().payload, QByteArray::number(i));
        QCOMPARE(publisher.state(), QProcess::Running);
    }
    publisher.closeWriteChannel();
    const Result result = finish(&publisher);
    QVERIFY2(result.exitCode == 0, result.err.constData());
}

void tst_Cli::messageFromFileAndNullMessage()
{
    Client *observer = watcher(QStringLiteral("cli/file"));
    QVERIFY(observer);
    QSignalSpy observed(observer, &Client::messageReceived);
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray contents("binary\0bytes\nand lines\n", 23);
    file.write(contents);
    file.close();
    const QStringList pub = QStringList{QStringLiteral("pub")} + brokerArguments() +
                            QStringList{QStringLiteral("-t"), QStringLiteral("cli/file"),
                                        QStringLiteral("-q"), QStringLiteral("2")};
    QCOMPARE(run(pub + QStringList{QStringLiteral("-f"), file.fileName()}).exitCode, 0);
    QCOMPARE(run(pub + QStringList{QStringLiteral("-n")}).exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), 2, WaitMs);
    QCOMPARE(observed.at(0).at(0).value<Message>().payload, contents);
    QCOMPARE(observed.at(1).at(0).value<Message>().payload, QByteArray());

    const Result missing = run(pub + QStringList{QStringLiteral("-f"), file.fileName() + "-none"});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("cannot read"), missing.err.constData());
}

void tst_Cli::willOnAbruptExit()
{
    Client *observer = watcher(QStringLiteral("cli/will"));
    QVERIFY(observer);
    QSignalSpy observed(observer, &Client::messageReceived);
    auto subscriber = startSubscriber({QStringLiteral("-t"), QStringLiteral("cli/nothing"),
                                       QStringLiteral("--will-topic"), QStringLiteral("cli/will"),
                                       QStringLiteral("--will-payload"), QStringLiteral("bye"),
                                       QStringLiteral("--will-qos"), QStringLiteral("1")});
    QVERIFY(subscriber);
    QVERIFY(observed.isEmpty());
    subscriber->kill(); // no DISCONNECT: the broker publishes the will
    QVERIFY(subscriber->waitForFinished(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), 1, WaitMs);
    const Message will = observed.at(0).at(0).value<Message>();
    QCOMPARE(will.payload, QByteArray("bye"));
    QCOMPARE(will.qos, QoS::AtLeastOnce);
}

void tst_Cli::terminateDisconnectsCleanly()
{
    // SIGTERM (and Ctrl+C's SIGINT) end sub with DISCONNECT: the broker drops the will.
    Client *observer = watcher(QStringLiteral("cli/will-kept"));
    QVERIFY(observer);
    QSignalSpy observed(observer, &Client::messageReceived);
    auto subscriber =
            startSubscriber({QStringLiteral("-t"), QStringLiteral("cli/nothing"),
                             QStringLiteral("--will-topic"), QStringLiteral("cli/will-kept"),
                             QStringLiteral("--will-payload"), QStringLiteral("bye")});
    QVERIFY(subscriber);
    subscriber->terminate();
    const Result result = finish(subscriber.get());
    QVERIFY2(result.exitCode == 0, result.err.constData());

    // A fence from a new connection arrives where the will would have.
    const Result fence = run(QStringList{QStringLiteral("pub")} + brokerArguments() +
                             QStringList{QStringLiteral("-t"), QStringLiteral("cli/will-kept"),
                                         QStringLiteral("-m"), QStringLiteral("fence"),
                                         QStringLiteral("-q"), QStringLiteral("1")});
    QCOMPARE(fence.exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), 1, WaitMs);
    QCOMPARE(observed.at(0).at(0).value<Message>().payload, QByteArray("fence"));
}

void tst_Cli::brokerUrl()
{
    // -L overrides -h and -p: the port given with -p here is wrong on purpose.
    const QString topic = QStringLiteral("cli/url");
    Client *observer = watcher(topic);
    QVERIFY(observer);
    QSignalSpy observed(observer, &Client::messageReceived);
    const QString url = QStringLiteral("mqtt://%1:%2").arg(m_broker.host()).arg(m_broker.port());
    const Result published =
            run({QStringLiteral("pub"), QStringLiteral("-p"),
                 QString::number(MosquittoProcess::freePort()), QStringLiteral("-L"), url,
                 QStringLiteral("-t"), topic, QStringLiteral("-q"), QStringLiteral("1"),
                 QStringLiteral("-m"), QStringLiteral("via url")});
    QVERIFY2(published.exitCode == 0, published.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), 1, WaitMs);
    QCOMPARE(observed.at(0).at(0).value<Message>().payload, QByteArray("via url"));
}

void tst_Cli::protocolVersions_data()
{
    QTest::addColumn<QString>("version");
    QTest::newRow("3.1") << QStringLiteral("31");
    QTest::newRow("3.1.1") << QStringLiteral("311");
    QTest::newRow("5") << QStringLiteral("5");
    QTest::newRow("mqttv5") << QStringLiteral("mqttv5");
}

void tst_Cli::protocolVersions()
{
    QFETCH(QString, version);
    const QString topic = QStringLiteral("cli/version/") + version;
    Client *observer = watcher(topic);
    QVERIFY(observer);
    QSignalSpy observed(observer, &Client::messageReceived);
    const Result published = run(QStringList{QStringLiteral("pub")} + brokerArguments() +
                                 QStringList{QStringLiteral("-V"), version, QStringLiteral("-t"),
                                             topic, QStringLiteral("-q"), QStringLiteral("2"),
                                             QStringLiteral("-m"), version});
    QVERIFY2(published.exitCode == 0, published.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), 1, WaitMs);
    QCOMPARE(observed.at(0).at(0).value<Message>().payload, version.toUtf8());
    QCOMPARE(observed.at(0).at(0).value<Message>().qos, QoS::ExactlyOnce);
}

void tst_Cli::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    // FREE: a port where nothing listens, picked just before the run (see errors()).
    const QString free = QStringLiteral("FREE");
    const QStringList pub{QStringLiteral("pub"), QStringLiteral("-h"), QStringLiteral("127.0.0.1")};
    const QStringList sub{QStringLiteral("sub"), QStringLiteral("-h"), QStringLiteral("127.0.0.1")};
    QTest::newRow("pub wildcard +")
            << pub + QStringList{"-t", "a/+/b", "-m", "x"} << 2 << "invalid topic 'a/+/b'";
    QTest::newRow("pub wildcard #")
            << pub + QStringList{"-t", "a/#", "-m", "x"} << 2 << "invalid topic 'a/#'";
    QTest::newRow("pub port too large")
            << pub + QStringList{"-p", "70000", "-t", "a", "-m", "x"} << 2
            << "the port must be a number from 1 to 65535, not '70000'";
    QTest::newRow("sub port zero") << sub + QStringList{"-p", "0", "-t", "a"} << 2
                                   << "the port must be a number from 1 to 65535, not '0'";
    QTest::newRow("pub port not a number")
            << pub + QStringList{"-p", "http", "-t", "a", "-m", "x"} << 2 << "not 'http'";
    QTest::newRow("pub unreachable port")
            << pub + QStringList{"-p", free, "-t", "a", "-m", "x"} << 1 << "Connection refused";
    QTest::newRow("sub unreachable port")
            << sub + QStringList{"-p", free, "-t", "a"} << 1 << "Connection refused";
    QTest::newRow("pub without topic") << pub + QStringList{"-m", "x"} << 2 << "-t";
    QTest::newRow("pub without message") << pub + QStringList{"-t", "a"} << 2 << "-m, -f, -n or -l";
    QTest::newRow("pub two sources")
            << pub + QStringList{"-t", "a", "-m", "x", "-n"} << 2 << "-m, -f, -n or -l";
    QTest::newRow("sub without topic") << sub << 2 << "-t";
    QTest::newRow("sub bad filter")
            << sub + QStringList{"-t", "a/#/b"} << 2 << "invalid topic filter 'a/#/b'";
    QTest::newRow("bad qos") << sub + QStringList{"-t", "a", "-q", "3"} << 2
                             << "the QoS must be 0, 1 or 2, not '3'";
    QTest::newRow("bad protocol version")
            << sub + QStringList{"-t", "a", "-V", "4"} << 2 << "unknown protocol version '4'";
    QTest::newRow("persistent session without id")
            << sub + QStringList{"-t", "a", "-c"} << 2 << "-i";
    QTest::newRow("unknown option")
            << sub + QStringList{"-t", "a", "--frobnicate"} << 2 << "frobnicate";
    QTest::newRow("unknown URL scheme")
            << pub + QStringList{"-L", "bogus://127.0.0.1", "-t", "a", "-m", "x"} << 2 << "bogus";
    QTest::newRow("URL to an unreachable port")
            << pub + QStringList{"-L", "mqtt://127.0.0.1:" + free, "-t", "a", "-m", "x"} << 1
            << "Connection refused";
    QTest::newRow("will payload without topic")
            << sub + QStringList{"-t", "a", "--will-payload", "x"} << 2 << "--will-topic";
}

void tst_Cli::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    // Picked now rather than in errors_data(), so that no broker of a test running in
    // parallel has had time to take it.
    const QString free = QString::number(MosquittoProcess::freePort());
    arguments.replaceInStrings(QStringLiteral("FREE"), free);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE(result.out, QByteArray());
    QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
    // One clear message, not a trace.
    QVERIFY2(result.err.startsWith("switchboard-cli "), result.err.constData());
}

void tst_Cli::refusedPasswordShowsTheBrokersReason()
{
    const QString passwd = QStandardPaths::findExecutable(QStringLiteral("mosquitto_passwd"));
    if (passwd.isEmpty())
        QSKIP("mosquitto_passwd is not installed (apt-get install mosquitto)");
    MosquittoProcess broker;
    const QString passwordFile = broker.directory() + QStringLiteral("/passwords");
    QCOMPARE(QProcess::execute(passwd, {QStringLiteral("-c"), QStringLiteral("-b"), passwordFile,
                                        QStringLiteral("bob"), QStringLiteral("right")}),
             0);
    // Started as root, mosquitto would switch to its own user, which cannot read our
    // private temporary folder; "root" keeps it as it is (no effect for other users).
    broker.addConfigLines({QStringLiteral("user root"), QStringLiteral("allow_anonymous false"),
                           QStringLiteral("password_file %1").arg(passwordFile)});
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const QStringList pub{
            QStringLiteral("pub"), QStringLiteral("-p"), QString::number(broker.port()),
            QStringLiteral("-t"),  QStringLiteral("a"),  QStringLiteral("-m"),
            QStringLiteral("x"),   QStringLiteral("-u"), QStringLiteral("bob"),
            QStringLiteral("-P")};
    const Result refused = run(pub + QStringList{QStringLiteral("wrong")});
    QCOMPARE(refused.exitCode, 1);
    // mosquitto 2.0 answers a wrong password with "not authorized" (code 5), not code 4.
    QVERIFY2(refused.err.contains("The broker refused the connection: bad user name or password") ||
                     refused.err.contains("The broker refused the connection: not authorized"),
             refused.err.constData());
    const Result accepted = run(pub + QStringList{QStringLiteral("right")});
    QVERIFY2(accepted.exitCode == 0, accepted.err.constData());
}

void tst_Cli::help()
{
    for (const char *command : {"pub", "sub"}) {
        const Result result = run({QLatin1String(command), QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith("Usage: switchboard-cli " + QByteArray(command)),
                 result.out.constData());
        QVERIFY(result.out.contains("--will-topic"));
    }
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
