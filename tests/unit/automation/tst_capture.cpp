// SPDX-License-Identifier: Apache-2.0
// The capture file format: every field written and read back, and bad files refused with the
// line they fail on.
#include "capture.h"

#include <QTemporaryDir>
#include <QtTest>

using Capture::Direction;
using Capture::Reader;
using Capture::Record;
using Capture::Writer;

namespace {

Record makeRecord(qint64 offset, const QString &topic, const QByteArray &payload,
                  Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false)
{
    Record record;
    record.offsetMs = offset;
    record.message.topic = topic;
    record.message.payload = payload;
    record.message.qos = qos;
    record.message.retain = retain;
    return record;
}

// Every PUBLISH property the format keeps, in the order the reader gives them back.
Mqtt::Properties allProperties(const QByteArray &correlation)
{
    Mqtt::Properties properties;
    properties.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1);
    properties.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 3600);
    properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json"));
    properties.setString(Mqtt::PropertyId::ResponseTopic, QStringLiteral("svc/answers"));
    properties.setBinary(Mqtt::PropertyId::CorrelationData, correlation);
    properties.addSubscriptionIdentifier(7);
    properties.addSubscriptionIdentifier(268435455);
    properties.addUserProperty(QStringLiteral("site"), QStringLiteral("lab"));
    properties.addUserProperty(QStringLiteral("site"), QStringLiteral("lab 2"));
    properties.addUserProperty(QStringLiteral("名前"), QStringLiteral("値"));
    return properties;
}

void compareRecords(const Record &actual, const Record &expected)
{
    QCOMPARE(actual.offsetMs, expected.offsetMs);
    QCOMPARE(actual.direction, expected.direction);
    QCOMPARE(actual.message.topic, expected.message.topic);
    QCOMPARE(actual.message.payload, expected.message.payload);
    QCOMPARE(actual.message.qos, expected.message.qos);
    QCOMPARE(actual.message.retain, expected.message.retain);
    QVERIFY(actual.message.properties == expected.message.properties);
}

} // namespace

Q_DECLARE_METATYPE(Capture::Record)

class TestCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void textStaysReadable();
    void writerAndReader();
    void headerRoundTrip();
    void blankLinesAndRewind();
    void badFiles_data();
    void badFiles();
    void missingFile();
};

void TestCapture::roundTrip_data()
{
    QTest::addColumn<Record>("record");
    QTest::newRow("text") << makeRecord(0, QStringLiteral("rec/a"), "hello");
    QTest::newRow("empty payload") << makeRecord(5, QStringLiteral("rec/a"), QByteArray());
    QTest::newRow("binary payload")
            << makeRecord(10, QStringLiteral("rec/bin"), QByteArray("\x00\x01\xff\xfe", 4));
    QTest::newRow("invalid UTF-8") << makeRecord(11, QStringLiteral("rec/bin"), "caf\xe9");
    QTest::newRow("control character") << makeRecord(12, QStringLiteral("a"), "a\x01z");
    QTest::newRow("JSON payload") << makeRecord(20, QStringLiteral("rec/json"),
                                                R"({"t": 21.5, "s": "a\"b"})");
    QTest::newRow("multi-line text") << makeRecord(21, QStringLiteral("x"), "one\ntwo\r\n\tthree");
    QTest::newRow("unicode topic and payload")
            << makeRecord(30, QStringLiteral("家/温度"), QStringLiteral("二十一度").toUtf8());
    QTest::newRow("retained QoS 2")
            << makeRecord(40, QStringLiteral("rec/r"), "kept", Mqtt::QoS::ExactlyOnce, true);
    QTest::newRow("QoS 1") << makeRecord(41, QStringLiteral("rec/q"), "1", Mqtt::QoS::AtLeastOnce);
    Record sent = makeRecord(50, QStringLiteral("cmd/go"), "now");
    sent.direction = Direction::Sent;
    QTest::newRow("sent") << sent;
    Record properties = makeRecord(60, QStringLiteral("svc/ask"), "{}");
    properties.message.properties = allProperties("42");
    QTest::newRow("5.0 properties, text correlation") << properties;
    properties.message.properties = allProperties(QByteArray("\x00\xff", 2));
    QTest::newRow("5.0 properties, binary correlation") << properties;
    QTest::newRow("late offset") << makeRecord(86400000LL * 30, QStringLiteral("late"), "x");
}

void TestCapture::roundTrip()
{
    QFETCH(Record, record);
    const QByteArray line = Capture::encodeRecord(record);
    QVERIFY2(!line.contains('\n'), line.constData());
    QString problem;
    const auto decoded = Capture::decodeRecord(line, &problem);
    QVERIFY2(decoded, qPrintable(problem + QLatin1String(": ") + QString::fromUtf8(line)));
    compareRecords(*decoded, record);
}

void TestCapture::textStaysReadable()
{
    // Text is written as text, binary as Base64 under its own key; optional fields only when
    // they say something.
    const QByteArray text = Capture::encodeRecord(makeRecord(3, QStringLiteral("a/b"), "hi"));
    QCOMPARE(text, QByteArray(R"({"payload":"hi","qos":0,"t":3,"topic":"a/b"})"));
    const QByteArray binary = Capture::encodeRecord(makeRecord(
            4, QStringLiteral("a"), QByteArray("\x00\xff", 2), Mqtt::QoS::AtLeastOnce, true));
    QCOMPARE(binary, QByteArray(R"({"payload64":"AP8=","qos":1,"retain":true,"t":4,"topic":"a"})"));
    Record withProperties = makeRecord(5, QStringLiteral("a"), "x");
    withProperties.message.properties.setString(Mqtt::PropertyId::ContentType,
                                                QStringLiteral("text/plain"));
    withProperties.message.properties.addUserProperty(QStringLiteral("k"), QStringLiteral("v"));
    QCOMPARE(Capture::encodeRecord(withProperties),
             QByteArray(R"({"payload":"x","props":{"content-type":"text/plain",)"
                        R"("user-property":[["k","v"]]},"qos":0,"t":5,"topic":"a"})"));
}

void TestCapture::writerAndReader()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("capture.jsonl"));
    QList<Record> records;
    records << makeRecord(0, QStringLiteral("rec/a"), "1")
            << makeRecord(200, QStringLiteral("rec/b"), QByteArray("\x00\x10", 2),
                          Mqtt::QoS::AtLeastOnce, true);
    Record withProperties = makeRecord(400, QStringLiteral("rec/c"), "3", Mqtt::QoS::ExactlyOnce);
    withProperties.message.properties = allProperties("id-1");
    records << withProperties;
    {
        Writer writer;
        Capture::Header header;
        header.broker = QStringLiteral("mqtt://127.0.0.1:1883");
        header.filters = QStringList{QStringLiteral("rec/#")};
        QVERIFY2(writer.open(path, header), qPrintable(writer.errorString()));
        for (const Record &record : std::as_const(records))
            QVERIFY(writer.write(record));
        // An alias belongs to its connection: never written.
        Record aliased = makeRecord(500, QStringLiteral("rec/d"), "4");
        aliased.message.properties.setInteger(Mqtt::PropertyId::TopicAlias, 3);
        QVERIFY(writer.write(aliased));
        records << makeRecord(500, QStringLiteral("rec/d"), "4");
        QCOMPARE(writer.messageCount(), 4);
        QVERIFY(writer.close());
    }
    Reader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
    QCOMPARE(reader.header().broker, QStringLiteral("mqtt://127.0.0.1:1883"));
    QCOMPARE(reader.header().filters, QStringList{QStringLiteral("rec/#")});
    QVERIFY(qAbs(reader.header().start.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
    for (const Record &expected : std::as_const(records)) {
        Record record;
        QCOMPARE(reader.readNext(&record), Reader::Status::Record);
        compareRecords(record, expected);
    }
    Record end;
    QCOMPARE(reader.readNext(&end), Reader::Status::End);
    QCOMPARE(reader.lineNumber(), 5);
}

void TestCapture::headerRoundTrip()
{
    Capture::Header header;
    header.start = QDateTime(QDate(2026, 12, 6), QTime(7, 30, 1, 250), Qt::UTC);
    header.broker = QStringLiteral("mqtts://broker:8883");
    header.filters = QStringList{QStringLiteral("a/#"), QStringLiteral("b")};
    const QByteArray line = Capture::encodeHeader(header);
    QVERIFY(line.contains(R"("format":"switchboard-capture")"));
    QVERIFY(line.contains(R"("start":"2026-12-06T07:30:01.250Z")"));
    QString problem;
    const auto decoded = Capture::decodeHeader(line, &problem);
    QVERIFY2(decoded, qPrintable(problem));
    QCOMPARE(*decoded, header);
}

void TestCapture::blankLinesAndRewind()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("blank.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"switchboard-capture","version":1,"start":"2026-01-01T00:00:00.000Z"})"
               "\r\n\n"
               R"({"t":0,"topic":"a","payload":"1","qos":0})"
               "\n   \n"
               R"({"t":5,"topic":"b","payload":"2","qos":1})"); // no newline at the end
    file.close();
    Reader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
    for (int pass = 0; pass < 2; ++pass) {
        Record record;
        QCOMPARE(reader.readNext(&record), Reader::Status::Record);
        QCOMPARE(record.message.topic, QStringLiteral("a"));
        QCOMPARE(reader.lineNumber(), 3);
        QCOMPARE(reader.readNext(&record), Reader::Status::Record);
        QCOMPARE(record.message.topic, QStringLiteral("b"));
        QCOMPARE(record.message.qos, Mqtt::QoS::AtLeastOnce);
        QCOMPARE(reader.lineNumber(), 5);
        QCOMPARE(reader.readNext(&record), Reader::Status::End);
        QVERIFY(reader.rewind());
    }
}

void TestCapture::badFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // in the error, after the file name

    const QByteArray header =
            R"({"format":"switchboard-capture","version":1,"start":"2026-01-01T00:00:00.000Z"})"
            "\n";
    const QByteArray good = R"({"t":0,"topic":"a","payload":"1","qos":0})"
                            "\n";
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("line 1: the file is empty");
    QTest::newRow("header not JSON")
            << QByteArray("hello\n") << QStringLiteral("line 1: not valid JSON");
    QTest::newRow("another format") << QByteArray(R"({"format":"other","version":1})"
                                                  "\n")
                                    << QStringLiteral("line 1: not a Switchboard capture");
    QTest::newRow("wrong version")
            << QByteArray(
                       R"({"format":"switchboard-capture","version":2,"start":"2026-01-01T00:00:00Z"})"
                       "\n")
            << QStringLiteral("line 1: format version 2 is not supported");
    QTest::newRow("no start") << QByteArray(R"({"format":"switchboard-capture","version":1})"
                                            "\n")
                              << QStringLiteral("line 1: the field \"start\" is missing");
    QTest::newRow("bad JSON") << header + good +
                                         QByteArray(R"({"t":5,"topic":"a","payload":"x)"
                                                    "\n")
                              << QStringLiteral("line 3: not valid JSON");
    QTest::newRow("not an object") << header + QByteArray("[1,2]\n")
                                   << QStringLiteral("line 2: a line must hold one JSON object");
    QTest::newRow("missing topic") << header + good + good +
                                              QByteArray(R"({"t":5,"payload":"x","qos":0})"
                                                         "\n")
                                   << QStringLiteral("line 4: the field \"topic\" is missing");
    QTest::newRow("missing time") << header + QByteArray(R"({"topic":"a","payload":"x","qos":0})"
                                                         "\n")
                                  << QStringLiteral("line 2: the field \"t\" is missing");
    QTest::newRow("missing payload") << header + QByteArray(R"({"t":1,"topic":"a","qos":0})"
                                                            "\n")
                                     << QStringLiteral("line 2: the field \"payload\" is missing");
    QTest::newRow("QoS 3") << header + QByteArray(R"({"t":1,"topic":"a","payload":"","qos":3})"
                                                  "\n")
                           << QStringLiteral("line 2: \"qos\" must be a whole number from 0 to 2");
    QTest::newRow("negative time")
            << header + QByteArray(R"({"t":-1,"topic":"a","payload":"","qos":0})"
                                   "\n")
            << QStringLiteral("line 2: \"t\" must be a whole number");
    QTest::newRow("bad Base64")
            << header + QByteArray(R"({"t":1,"topic":"a","payload64":"!!!","qos":0})"
                                   "\n")
            << QStringLiteral("line 2: \"payload64\" must be a Base64 string");
    QTest::newRow("unknown property")
            << header +
                       QByteArray(
                               R"({"t":1,"topic":"a","payload":"","qos":0,"props":{"colour":"red"}})"
                               "\n")
            << QStringLiteral("line 2: unknown property \"colour\"");
    QTest::newRow("bad user property")
            << header +
                       QByteArray(
                               R"({"t":1,"topic":"a","payload":"","qos":0,"props":{"user-property":[["a"]]}})"
                               "\n")
            << QStringLiteral("line 2: \"user-property\" must be an array of [name, value] pairs");
    QTest::newRow("retain not a bool")
            << header + QByteArray(R"({"t":1,"topic":"a","payload":"","qos":0,"retain":1})"
                                   "\n")
            << QStringLiteral("line 2: \"retain\" must be true or false");
}

void TestCapture::badFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("bad.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    Reader reader;
    QString error;
    if (reader.open(path)) {
        Record record;
        Reader::Status status = Reader::Status::Record;
        while (status == Reader::Status::Record)
            status = reader.readNext(&record);
        QCOMPARE(status, Reader::Status::Error);
    }
    error = reader.errorString();
    QVERIFY2(error.startsWith(path + QStringLiteral(", ") + expected), qPrintable(error));
}

void TestCapture::missingFile()
{
    Reader reader;
    QVERIFY(!reader.open(QStringLiteral("/nonexistent/capture.jsonl")));
    QVERIFY2(reader.errorString().contains(QStringLiteral("/nonexistent/capture.jsonl")),
             qPrintable(reader.errorString()));
    Writer writer;
    QVERIFY(!writer.open(QStringLiteral("/nonexistent/capture.jsonl")));
    QVERIFY(!writer.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"
