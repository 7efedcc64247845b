// SPDX-License-Identifier: Apache-2.0
// switchboard-cli record and replay as processes against a real mosquitto: -C and -W end a
// recording, a replay reproduces it behind --topic-prefix, and each way of failing has its
// exit code and says why.
#include "capture.h"
#include "client.h"
#include "clientwaits.h"
#include "mosquittoprocess.h"
#include "processruns.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Mqtt;
using ProcessRuns::Result;

namespace {

constexpr int WaitMs = 10000;

QList<Capture::Record> readAll(const QString &path, QString *problem)
{
    QList<Capture::Record> records;
    Capture::Reader reader;
    if (!reader.open(path)) {
        *problem = reader.errorString();
        return records;
    }
    Capture::Record record;
    Capture::Reader::Status status;
    while ((status = reader.readNext(&record)) == Capture::Reader::Status::Record)
        records << record;
    if (status == Capture::Reader::Status::Error)
        *problem = reader.errorString();
    return records;
}

} // namespace

class tst_CliRecordReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void recordCountThenReplay();
    void recordForSeconds();
    void replayMissingOrBadFile_data();
    void replayMissingOrBadFile();
    void replayWithoutBroker();
    void usageErrors_data();
    void usageErrors();
    void help();

private:
    QStringList brokerArguments() const
    {
        return {QStringLiteral("-h"), m_broker.host(), QStringLiteral("-p"),
                QString::number(m_broker.port())};
    }
    static Result run(const QStringList &arguments)
    {
        return ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI), arguments, 20000);
    }
    Client *connectedClient();
    QString writeText(const QString &name, const QByteArray &content);

    MosquittoProcess m_broker;
    QTemporaryDir m_directory;
    std::vector<std::unique_ptr<Client>> m_clients;
};

void tst_CliRecordReplay::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SWITCHBOARD_CLI)).isExecutable(), SWITCHBOARD_CLI);
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_CliRecordReplay::cleanup()
{
    for (const auto &client : m_clients)
        client->abortConnection();
    m_clients.clear();
}

Client *tst_CliRecordReplay::connectedClient()
{
    m_clients.push_back(std::make_unique<Client>());
    Client *client = m_clients.back().get();
    ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    options.version = ProtocolVersion::V5;
    return ClientWaits::connectAndWait(client, options, WaitMs) ? client : nullptr;
}

QString tst_CliRecordReplay::writeText(const QString &name, const QByteArray &content)
{
    const QString path = m_directory.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(content);
    return path;
}

void tst_CliRecordReplay::recordCountThenReplay()
{
    const QString path = m_directory.filePath(QStringLiteral("count.jsonl"));
    QByteArray early;
    auto recorder = ProcessRuns::startAndWaitFor(
            QStringLiteral(SWITCHBOARD_CLI),
            QStringList{QStringLiteral("record"), QStringLiteral("-d"), QStringLiteral("-V"),
                        QStringLiteral("5"), QStringLiteral("-q"), QStringLiteral("2"),
                        QStringLiteral("-t"), QStringLiteral("cli/a/#"), QStringLiteral("-t"),
                        QStringLiteral("cli/b"), QStringLiteral("-o"), path, QStringLiteral("-C"),
                        QStringLiteral("3")} +
                    brokerArguments(),
            "subscribed to 'cli/b'", WaitMs, &early);
    QVERIFY2(recorder, early.constData());

    Client *publisher = connectedClient();
    QVERIFY(publisher);
    QList<Message> sent;
    for (int i = 0; i < 4; ++i) {
        Message message;
        message.topic = i % 2 ? QStringLiteral("cli/b") : QStringLiteral("cli/a/%1").arg(i);
        message.payload = i == 1 ? QByteArray("\xff\x00", 2) : QByteArray::number(i);
        message.qos = QoS(i % 3);
        if (i == 2)
            message.properties.addUserProperty(QStringLiteral("k"), QStringLiteral("v"));
        QVERIFY(ClientWaits::publishAndWait(publisher, message, WaitMs));
        sent << message;
    }
    const Result result = ProcessRuns::finish(recorder.get(), WaitMs);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.contains("count.jsonl: 3\n"), result.err.constData());

    QString problem;
    const QList<Capture::Record> records = readAll(path, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(records.size(), 3); // -C 3: the fourth is not in the file
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(records.at(i).message.topic, sent.at(i).topic);
        QCOMPARE(records.at(i).message.payload, sent.at(i).payload);
        QCOMPARE(records.at(i).message.qos, sent.at(i).qos);
        QCOMPARE(records.at(i).message.properties.userProperties(),
                 sent.at(i).properties.userProperties());
    }
    Capture::Reader reader;
    QVERIFY(reader.open(path));
    QCOMPARE(reader.header().filters,
             (QStringList{QStringLiteral("cli/a/#"), QStringLiteral("cli/b")}));

    // Replayed behind a prefix at QoS 2; a watcher sees the same messages in the same order.
    Client *watcher = connectedClient();
    QVERIFY(watcher);
    QVERIFY(ClientWaits::subscribeAndWait(
            watcher, {SubscribeTopic{QStringLiteral("copy/#"), QoS::ExactlyOnce}}, {}, WaitMs));
    QSignalSpy received(watcher, &Client::messageReceived);
    const Result replayed = run(
            QStringList{QStringLiteral("replay"), path, QStringLiteral("-V"), QStringLiteral("5"),
                        QStringLiteral("--max-speed"), QStringLiteral("--topic-prefix"),
                        QStringLiteral("copy/"), QStringLiteral("--qos"), QStringLiteral("2")} +
            brokerArguments());
    QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, WaitMs);
    for (int i = 0; i < 3; ++i) {
        const auto message = received.at(i).at(0).value<Message>();
        QCOMPARE(message.topic, QStringLiteral("copy/") + sent.at(i).topic);
        QCOMPARE(message.payload, sent.at(i).payload);
        QCOMPARE(message.qos, QoS::ExactlyOnce);
        QCOMPARE(message.properties.userProperties(), sent.at(i).properties.userProperties());
    }
}

void tst_CliRecordReplay::recordForSeconds()
{
    Client *publisher = connectedClient();
    QVERIFY(publisher);
    Message retained;
    retained.topic = QStringLiteral("cli/seconds");
    retained.payload = "kept";
    retained.retain = true;
    QVERIFY(ClientWaits::publishAndWait(publisher, retained, WaitMs));

    const QString path = m_directory.filePath(QStringLiteral("seconds.jsonl"));
    QElapsedTimer clock;
    clock.start();
    const Result result = run(QStringList{QStringLiteral("record"), QStringLiteral("-t"),
                                          QStringLiteral("cli/seconds"), QStringLiteral("-o"), path,
                                          QStringLiteral("-W"), QStringLiteral("1")} +
                              brokerArguments());
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(elapsed >= 950, qPrintable(QString::number(elapsed)));
    QString problem;
    const QList<Capture::Record> records = readAll(path, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(records.size(), 1);
    QVERIFY(records.at(0).message.retain);
    QCOMPARE(records.at(0).message.payload, QByteArray("kept"));

    // Clear the retained message for the other tests.
    retained.payload.clear();
    QVERIFY(ClientWaits::publishAndWait(publisher, retained, WaitMs));
}

void tst_CliRecordReplay::replayMissingOrBadFile_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: no file at all
    QTest::addColumn<QString>("expected");
    const QByteArray header =
            R"({"format":"switchboard-capture","version":1,"start":"2026-01-01T00:00:00.000Z"})"
            "\n";
    QTest::newRow("missing") << QByteArray() << QStringLiteral("cannot read");
    QTest::newRow("not a capture")
            << QByteArray("topic,payload\n") << QStringLiteral("line 1: not valid JSON");
    QTest::newRow("newer version")
            << QByteArray(
                       R"({"format":"switchboard-capture","version":9,"start":"2026-01-01T00:00:00Z"})"
                       "\n")
            << QStringLiteral("line 1: format version 9 is not supported");
    QTest::newRow("bad third line")
            << header + R"({"t":0,"topic":"cli/bad","payload":"0","qos":0})"
                        "\n"
                        R"({"t":1,"topic":"cli/bad","payload":"1","qos":7})"
                        "\n"
            << QStringLiteral("line 3: \"qos\" must be a whole number from 0 to 2");
}

void tst_CliRecordReplay::replayMissingOrBadFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = content.isEmpty()
                                 ? m_directory.filePath(QStringLiteral("nothing-here.jsonl"))
                                 : writeText(QStringLiteral("bad.jsonl"), content);
    const Result result =
            run(QStringList{QStringLiteral("replay"), path, QStringLiteral("--max-speed")} +
                brokerArguments());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.startsWith("switchboard-cli replay: error: "), result.err.constData());
    QVERIFY2(QString::fromUtf8(result.err).contains(expected), result.err.constData());
}

void tst_CliRecordReplay::replayWithoutBroker()
{
    const QString path = writeText(
            QStringLiteral("one.jsonl"),
            R"({"format":"switchboard-capture","version":1,"start":"2026-01-01T00:00:00.000Z"})"
            "\n"
            R"({"t":0,"topic":"a","payload":"0","qos":0})"
            "\n");
    const Result result =
            run({QStringLiteral("replay"), path, QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                 QStringLiteral("-p"), QString::number(MosquittoProcess::freePort())});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("error:"), result.err.constData());
    // And one that needs no broker to fail: recording into a folder that does not exist.
    const Result record =
            run(QStringList{QStringLiteral("record"), QStringLiteral("-t"), QStringLiteral("a"),
                            QStringLiteral("-o"), QStringLiteral("/nonexistent/dir/x.jsonl")} +
                brokerArguments());
    QCOMPARE(record.exitCode, 1);
    QVERIFY2(record.err.contains("/nonexistent/dir/x.jsonl"), record.err.constData());
}

void tst_CliRecordReplay::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const QString file = QStringLiteral("x.jsonl");
    QTest::newRow("record without -t")
            << QStringList{QStringLiteral("record"), QStringLiteral("-o"), file}
            << QStringLiteral("give at least one topic filter with -t");
    QTest::newRow("record without -o")
            << QStringList{QStringLiteral("record"), QStringLiteral("-t"), QStringLiteral("a")}
            << QStringLiteral("give the file to write with -o");
    QTest::newRow("record -C 0") << QStringList{QStringLiteral("record"),
                                                QStringLiteral("-t"),
                                                QStringLiteral("a"),
                                                QStringLiteral("-o"),
                                                file,
                                                QStringLiteral("-C"),
                                                QStringLiteral("0")}
                                 << QStringLiteral("-C must be");
    QTest::newRow("replay without a file") << QStringList{QStringLiteral("replay")}
                                           << QStringLiteral("give the capture file to replay");
    QTest::newRow("replay two files")
            << QStringList{QStringLiteral("replay"), file, QStringLiteral("y.jsonl")}
            << QStringLiteral("unexpected argument: y.jsonl");
    QTest::newRow("speed 0") << QStringList{QStringLiteral("replay"), file,
                                            QStringLiteral("--speed"), QStringLiteral("0")}
                             << QStringLiteral("--speed must be a number above 0");
    QTest::newRow("speed and max speed")
            << QStringList{QStringLiteral("replay"), file, QStringLiteral("--speed"),
                           QStringLiteral("2"), QStringLiteral("--max-speed")}
            << QStringLiteral("give --speed or --max-speed, not both");
    QTest::newRow("QoS 3") << QStringList{QStringLiteral("replay"), file, QStringLiteral("-q"),
                                          QStringLiteral("3")}
                           << QStringLiteral("the QoS must be 0, 1 or 2");
    QTest::newRow("wildcard prefix")
            << QStringList{QStringLiteral("replay"), file, QStringLiteral("--topic-prefix"),
                           QStringLiteral("a/+/")}
            << QStringLiteral("the topic prefix \"a/+/\" cannot start a topic");
}

void tst_CliRecordReplay::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Result result = run(arguments + brokerArguments());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(QString::fromUtf8(result.err).contains(expected), result.err.constData());
}

void tst_CliRecordReplay::help()
{
    const Result overview = run({QStringLiteral("--help")});
    QCOMPARE(overview.exitCode, 0);
    QVERIFY2(overview.out.contains("  record ") && overview.out.contains("  replay "),
             overview.out.constData());
    const Result record = run({QStringLiteral("record"), QStringLiteral("--help")});
    QCOMPARE(record.exitCode, 0);
    QVERIFY2(record.out.startsWith("Usage: switchboard-cli record [options]"),
             record.out.constData());
    for (const char *option : {"-o, --output", "-C, --count", "-W, --timeout", "--cafile", "-u,"})
        QVERIFY2(record.out.contains(option), option);
    const Result replay = run({QStringLiteral("replay"), QStringLiteral("--help")});
    QCOMPARE(replay.exitCode, 0);
    QVERIFY2(replay.out.startsWith("Usage: switchboard-cli replay [options] FILE"),
             replay.out.constData());
    for (const char *option :
         {"--speed", "--max-speed", "--topic-prefix", "--loop", "-q, --qos", "-L, --url"})
        QVERIFY2(replay.out.contains(option), option);
}

QTEST_GUILESS_MAIN(tst_CliRecordReplay)
#include "tst_cli_record_replay.moc"
