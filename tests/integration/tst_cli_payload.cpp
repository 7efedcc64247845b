// SPDX-License-Identifier: Apache-2.0
// switchboard-cli's payload options against a real mosquitto: sub --decode of a Sparkplug B
// session (encoded by protoc, published by mosquitto_pub) with aliases resolved from the birth,
// protobuf from --proto-path, bad specs refused before connecting, and pub --encode checked by
// decoders that are not ours (cbor2, msgpack, protoc).
#include "externalencoders.h"
#include "mosquittoprocess.h"
#include "processruns.h"
#include "sparkplugsession.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int WaitMs = 15000;
using ProcessRuns::Result;

const QString protos = QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos");

QJsonObject jsonLine(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s (%s)", line.constData(), qPrintable(error.errorString()));
    return document.object();
}

} // namespace

class tst_CliPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sparkplugSession();
    void protobufWithVerboseAndUndecodedTopics();
    void refusedBeforeConnecting_data();
    void refusedBeforeConnecting();
    void encodeCheckedByIndependentDecoders_data();
    void encodeCheckedByIndependentDecoders();
    void encodeStdinLines();

private:
    QStringList broker() const
    {
        return {QStringLiteral("-h"), m_broker.host(), QStringLiteral("-p"),
                QString::number(m_broker.port())};
    }
    static Result run(const QStringList &arguments, const QByteArray &input = {})
    {
        return ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI), arguments, WaitMs, input);
    }
    // `sub -d` with the arguments, once its subscriptions are granted.
    std::unique_ptr<QProcess> startSubscriber(const QStringList &arguments)
    {
        return ProcessRuns::startAndWaitFor(
                QStringLiteral(SWITCHBOARD_CLI),
                QStringList{QStringLiteral("sub"), QStringLiteral("-d")} + broker() + arguments,
                "subscribed to", WaitMs);
    }
    // mosquitto_pub -f: an independent publisher of the exact bytes.
    bool mosquittoPublish(const QString &topic, const QByteArray &payload);

    MosquittoProcess m_broker;
    QTemporaryDir m_files;
    QString m_mosquittoPub;
};

void tst_CliPayload::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SWITCHBOARD_CLI)).isExecutable(), SWITCHBOARD_CLI);
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
    m_mosquittoPub = QStandardPaths::findExecutable(QStringLiteral("mosquitto_pub"));
    QVERIFY2(!m_mosquittoPub.isEmpty(), "mosquitto_pub (mosquitto-clients) is not installed");
    QVERIFY(m_files.isValid());
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

bool tst_CliPayload::mosquittoPublish(const QString &topic, const QByteArray &payload)
{
    static int counter = 0;
    QFile file(m_files.filePath(QStringLiteral("payload-%1").arg(++counter)));
    if (!file.open(QIODevice::WriteOnly) || file.write(payload) != payload.size())
        return false;
    file.close();
    const Result result = ProcessRuns::run(
            m_mosquittoPub,
            {QStringLiteral("-h"), m_broker.host(), QStringLiteral("-p"),
             QString::number(m_broker.port()), QStringLiteral("-q"), QStringLiteral("1"),
             QStringLiteral("-t"), topic, QStringLiteral("-f"), file.fileName()},
            WaitMs);
    if (result.exitCode != 0)
        qWarning("mosquitto_pub: %s", result.err.constData());
    return result.exitCode == 0;
}

void tst_CliPayload::sparkplugSession()
{
    const QList<SparkplugSessionFiles::Step> steps = SparkplugSessionFiles::nodeSession();
    QList<QByteArray> payloads;
    for (const SparkplugSessionFiles::Step &step : steps) {
        QString error;
        payloads.append(SparkplugSessionFiles::encode(step.textFile, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    // Plus data from a node that was never born.
    std::unique_ptr<QProcess> subscriber =
            startSubscriber({QStringLiteral("-t"), QStringLiteral("spBv1.0/#"),
                             QStringLiteral("--decode"), QStringLiteral("spBv1.0/#=sparkplug"),
                             QStringLiteral("-C"), QString::number(steps.size() + 1)});
    QVERIFY(subscriber);
    for (qsizetype i = 0; i < steps.size(); ++i)
        QVERIFY(mosquittoPublish(steps.at(i).topic, payloads.at(i)));
    QVERIFY(mosquittoPublish(QStringLiteral("spBv1.0/Plant1/NDATA/Ghost"), payloads.at(1)));
    const Result result = ProcessRuns::finish(subscriber.get(), WaitMs);
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), steps.size() + 1);
    QList<QJsonObject> messages;
    for (const QByteArray &line : lines)
        messages.append(jsonLine(line));

    QCOMPARE(messages.at(0).value(u"sparkplug").toString(), QStringLiteral("NBIRTH"));
    // NDATA with aliases only: the names come from the NBIRTH this process saw.
    const QJsonObject temperature = messages.at(1).value(u"metrics").toArray().at(0).toObject();
    QCOMPARE(temperature.value(u"name").toString(), QStringLiteral("Temperature"));
    QCOMPARE(temperature.value(u"value").toDouble(), 21.5);
    QCOMPARE(messages.at(2).value(u"metrics").toArray().at(0).toObject().value(u"value").toInteger(),
             -6);
    // 254, 255, 0: no warnings; then 2 after 0: a gap.
    for (int i : {1, 2, 3})
        QVERIFY2(!messages.at(i).contains(u"warnings"), lines.at(i).constData());
    QCOMPARE(messages.at(3).value(u"seq").toInteger(), 0);
    const QJsonArray gap = messages.at(4).value(u"warnings").toArray();
    QCOMPARE(gap.size(), 1);
    QVERIFY2(gap.at(0).toString().contains(QStringLiteral("expected 1, got 2")),
             lines.at(4).constData());
    QCOMPARE(messages.at(5).value(u"sparkplug").toString(), QStringLiteral("NDEATH"));
    QCOMPARE(messages.at(5).value(u"bdSeq").toInteger(), 7);
    QVERIFY(messages.at(6)
                    .value(u"warnings")
                    .toArray()
                    .at(0)
                    .toString()
                    .contains(QStringLiteral("before any NBIRTH")));
}

void tst_CliPayload::protobufWithVerboseAndUndecodedTopics()
{
    QFile text(protos + QStringLiteral("/acme/reading.txtpb"));
    QVERIFY(text.open(QIODevice::ReadOnly));
    QString error;
    const QByteArray reading = ExternalEncoders::protocEncode(
            {protos, QStringLiteral("/usr/include")}, QStringLiteral("acme/reading.proto"),
            QStringLiteral("acme.Reading"), text.readAll(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    std::unique_ptr<QProcess> subscriber = startSubscriber(
            {QStringLiteral("-v"), QStringLiteral("-t"), QStringLiteral("fleet/#"),
             QStringLiteral("--proto-path"), protos, QStringLiteral("--decode"),
             QStringLiteral("fleet/+/reading=protobuf:acme.Reading"), QStringLiteral("--decode"),
             QStringLiteral("fleet/#=hex"), QStringLiteral("-C"), QStringLiteral("3")});
    QVERIFY(subscriber);
    QVERIFY(mosquittoPublish(QStringLiteral("fleet/7/reading"), reading));
    QVERIFY(mosquittoPublish(QStringLiteral("fleet/7/note"), "hi"));
    // A payload that is not an acme.Reading: the reason, the offset and the hex.
    QVERIFY(mosquittoPublish(QStringLiteral("fleet/8/reading"), QByteArray::fromHex("0a05")));
    const Result result = ProcessRuns::finish(subscriber.get(), WaitMs);
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith("fleet/7/reading {"), lines.at(0).constData());
    const QJsonObject decoded = jsonLine(lines.at(0).mid(lines.at(0).indexOf(' ') + 1));
    QCOMPARE(decoded.value(u"sensor").toString(), QStringLiteral("boiler-7"));
    QCOMPARE(decoded.value(u"unit").toString(), QStringLiteral("CELSIUS"));
    // The first rule that matches wins: fleet/7/note falls to fleet/#=hex.
    QCOMPARE(lines.at(1), QByteArray("fleet/7/note \"6869\""));
    const QJsonObject failed = jsonLine(lines.at(2).mid(lines.at(2).indexOf(' ') + 1));
    QVERIFY(failed.value(u"error").toString().contains(QStringLiteral("acme.Reading")));
    QCOMPARE(failed.value(u"offset").toInt(), 0);
    QCOMPARE(failed.value(u"hex").toString(), QStringLiteral("0a05"));
}

void tst_CliPayload::refusedBeforeConnecting_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString broken = QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/broken");
    const QStringList sub{QStringLiteral("sub"), QStringLiteral("-t"), QStringLiteral("a")};
    const QStringList pub{QStringLiteral("pub"), QStringLiteral("-t"), QStringLiteral("a")};
    QTest::newRow("no equals") << sub + QStringList{"--decode", "a"} << "FILTER=DECODER";
    QTest::newRow("unknown decoder") << sub + QStringList{"--decode", "a=xml"} << "xml";
    QTest::newRow("bad filter") << sub + QStringList{"--decode", "a/#/b=json"} << "a/#/b";
    QTest::newRow("protobuf without proto path")
            << sub + QStringList{"--decode", "a=protobuf:acme.Reading"} << "--proto-path";
    QTest::newRow("unknown protobuf type")
            << sub + QStringList{"--proto-path", protos, "--decode", "a=protobuf:acme.Nope"}
            << "acme.Nope";
    QTest::newRow("proto file with an error")
            << sub + QStringList{"--proto-path", broken, "--decode", "a=protobuf:broken.Bad"}
            << "bad.proto:5:";
    QTest::newRow("encode unknown") << pub + QStringList{"--encode", "xml", "-m", "{}"} << "xml";
    QTest::newRow("encode bad JSON")
            << pub + QStringList{"--encode", "cbor", "-m", "{"} << "Invalid JSON";
    QTest::newRow("encode wrong JSON for the type")
            << pub + QStringList{"--proto-path",          protos, "--encode",
                                 "protobuf:acme.Reading", "-m",   R"({"sensor": 5})"}
            << "acme.Reading";
}

void tst_CliPayload::refusedBeforeConnecting()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    // Port 1: nothing listens there, so any connection attempt would fail differently.
    const Result result = run(arguments + QStringList{QStringLiteral("-p"), QStringLiteral("1")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
}

void tst_CliPayload::encodeCheckedByIndependentDecoders_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("python"); // reads the payload on stdin, prints a line
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("cbor") << QStringList{"--encode", "cbor", "-m", R"({"a": [1, 2.5]})"}
                          << "import sys, cbor2\nprint(cbor2.loads(sys.stdin.buffer.read()))"
                          << QByteArray("{'a': [1, 2.5]}");
    QTest::newRow("msgpack") << QStringList{"--encode", "msgpack", "-m", R"({"a": [1, -2]})"}
                             << "import sys, msgpack\n"
                                "print(msgpack.unpackb(sys.stdin.buffer.read()))"
                             << QByteArray("{'a': [1, -2]}");
    QTest::newRow("numbers") << QStringList{"--encode", "numbers:int16be", "-m", "[1, -2]"}
                             << "import sys, struct\n"
                                "print(struct.unpack('>2h', sys.stdin.buffer.read()))"
                             << QByteArray("(1, -2)");
    QTest::newRow("protobuf") << QStringList{"--proto-path", protos,
                                             "--encode",     "protobuf:acme.Reading",
                                             "-m",           R"({"sensor": "x", "value": 2.5})"}
                              << "protoc" << QByteArray("sensor: \"x\"\nvalue: 2.5");
}

void tst_CliPayload::encodeCheckedByIndependentDecoders()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, python);
    QFETCH(QByteArray, expected);
    const QString topic = QStringLiteral("encoded/%1").arg(QTest::currentDataTag());
    // The raw payload as sub prints it without --decode: the bytes, then a newline.
    std::unique_ptr<QProcess> subscriber = startSubscriber(
            {QStringLiteral("-t"), topic, QStringLiteral("-C"), QStringLiteral("1")});
    QVERIFY(subscriber);
    const Result published = run(
            QStringList{QStringLiteral("pub")} + broker() +
            QStringList{QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-t"), topic} +
            arguments);
    QVERIFY2(published.exitCode == 0, published.err.constData());
    const Result received = ProcessRuns::finish(subscriber.get(), WaitMs);
    QCOMPARE(received.exitCode, 0);
    QVERIFY(received.out.endsWith('\n'));
    const QByteArray payload = received.out.chopped(1);
    QString error;
    const QByteArray seen = python == QLatin1String("protoc")
                                    ? ExternalEncoders::protocDecode(
                                              {protos, QStringLiteral("/usr/include")},
                                              QStringLiteral("acme/reading.proto"),
                                              QStringLiteral("acme.Reading"), payload, &error)
                                    : ExternalEncoders::python(python, payload, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(seen.trimmed(), expected);
}

void tst_CliPayload::encodeStdinLines()
{
    // -l with --encode sparkplug: each line is one NDATA; sub --decode reads them back and an
    // independent check (protoc) sees the first.
    const QString topic = QStringLiteral("spBv1.0/Lines/NDATA/node");
    std::unique_ptr<QProcess> subscriber = startSubscriber(
            {QStringLiteral("-t"), topic, QStringLiteral("--decode"),
             QStringLiteral("spBv1.0/#=sparkplug"), QStringLiteral("-C"), QStringLiteral("2")});
    QVERIFY(subscriber);
    const Result published =
            run(QStringList{QStringLiteral("pub")} + broker() +
                        QStringList{QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-t"),
                                    topic, QStringLiteral("--encode"), QStringLiteral("sparkplug"),
                                    QStringLiteral("-l")},
                "{\"seq\": 1, \"metrics\": [{\"name\": \"a\", \"value\": 1}]}\n"
                "{\"seq\": 2, \"metrics\": [{\"name\": \"a\", \"value\": 2}]}\n");
    QVERIFY2(published.exitCode == 0, published.err.constData());
    const Result received = ProcessRuns::finish(subscriber.get(), WaitMs);
    QCOMPARE(received.exitCode, 0);
    const QList<QByteArray> lines = received.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(jsonLine(lines.at(1))
                     .value(u"metrics")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"value")
                     .toInteger(),
             2);
    // A line that is not JSON is refused like a line the broker refuses: reported with its
    // number, the rest published, exit code 1; --stop-on-refusal stops there.
    const QString cborTopic = QStringLiteral("lines/cbor");
    subscriber = startSubscriber({QStringLiteral("-t"), cborTopic, QStringLiteral("--decode"),
                                  QStringLiteral("lines/#=cbor"), QStringLiteral("-C"),
                                  QStringLiteral("2")});
    QVERIFY(subscriber);
    const QStringList cborPub = QStringList{QStringLiteral("pub")} + broker() +
                                QStringList{QStringLiteral("-q"),       QStringLiteral("1"),
                                            QStringLiteral("-t"),       cborTopic,
                                            QStringLiteral("--encode"), QStringLiteral("cbor"),
                                            QStringLiteral("-l")};
    const Result bad = run(cborPub, "{\"n\": 1}\n{\n{\"n\": 3}\n");
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("line 2: ") && bad.err.contains("Invalid JSON"), bad.err.constData());
    const Result decoded = ProcessRuns::finish(subscriber.get(), WaitMs);
    QCOMPARE(decoded.exitCode, 0);
    const QList<QByteArray> cborLines = decoded.out.trimmed().split('\n');
    QCOMPARE(cborLines.size(), 2);
    QCOMPARE(jsonLine(cborLines.at(1)).value(u"n").toInteger(), 3);
    const Result stopped =
            run(cborPub + QStringList{QStringLiteral("--stop-on-refusal")}, "{\n{\"n\": 3}\n");
    QCOMPARE(stopped.exitCode, 1);
    QVERIFY2(stopped.err.contains("line 1: "), stopped.err.constData());
}

QTEST_GUILESS_MAIN(tst_CliPayload)
#include "tst_cli_payload.moc"
