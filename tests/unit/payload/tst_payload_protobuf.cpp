// SPDX-License-Identifier: Apache-2.0
// Protobuf from the user's .proto files: payloads made with `protoc --encode` from committed
// .proto and text files, errors in .proto files with file and line, malformed payloads, and
// our JSON encoder checked by `protoc --decode`.
#include "externalencoders.h"
#include "protobufcodec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Payload;

namespace {

const QString protos = QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos");
const QString wellKnown = QStringLiteral("/usr/include");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_PayloadProtobuf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsEveryProtoUnderTheFolder();
    void decodesProtocEncoding();
    void decodesImportedTypes();
    void errorsInProtoFilesSayFileAndLine();
    void malformed_data();
    void malformed();
    void unknownFieldsAreShownWithAWarning();
    void encoderCheckedByProtoc();
    void encoderRefusesWrongJson();
    void encoderSaysWhereTheJsonIsWrong_data();
    void encoderSaysWhereTheJsonIsWrong();

private:
    QByteArray encode(const QString &file, const QString &type, const QByteArray &text);

    ProtobufSchemas m_schemas;
    QByteArray m_reading;
};

QByteArray tst_PayloadProtobuf::encode(const QString &file, const QString &type,
                                       const QByteArray &text)
{
    QString error;
    const QByteArray bytes =
            ExternalEncoders::protocEncode({protos, wellKnown}, file, type, text, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return bytes;
}

void tst_PayloadProtobuf::initTestCase()
{
    QVERIFY2(m_schemas.load({protos}), qPrintable(m_schemas.errors().join(u'\n')));
    m_reading = encode(QStringLiteral("acme/reading.proto"), QStringLiteral("acme.Reading"),
                       readFile(protos + QStringLiteral("/acme/reading.txtpb")));
    QVERIFY(!m_reading.isEmpty());
}

void tst_PayloadProtobuf::loadsEveryProtoUnderTheFolder()
{
    const QStringList types = m_schemas.messageTypes();
    for (const char *name : {"acme.Reading", "acme.Location", "acme.fleet.Batch"})
        QVERIFY2(types.contains(QLatin1String(name)), name);
    QVERIFY(m_schemas.hasMessageType(QStringLiteral("acme.Reading")));
    QVERIFY(!m_schemas.hasMessageType(QStringLiteral("acme.Nope")));
    QVERIFY(m_schemas.errors().isEmpty());
    // A folder given relative to the working directory, as on a command line.
    const QString current = QDir::currentPath();
    QVERIFY(QDir::setCurrent(QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA)));
    ProtobufSchemas relative;
    const bool loaded = relative.load({QStringLiteral("protos")});
    QDir::setCurrent(current);
    QVERIFY2(loaded, qPrintable(relative.errors().join(u'\n')));
    QVERIFY(relative.hasMessageType(QStringLiteral("acme.fleet.Batch")));
}

void tst_PayloadProtobuf::decodesProtocEncoding()
{
    const DecodeResult result = m_schemas.decode(m_reading, QStringLiteral("acme.Reading"));
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QVERIFY(result.warnings.isEmpty());
    QCOMPARE(result.root.type, QStringLiteral("acme.Reading"));
    const QJsonObject json = result.toJson().toObject();
    QCOMPARE(json.value(u"sensor").toString(), QStringLiteral("boiler-7"));
    QCOMPARE(json.value(u"value").toDouble(), 21.5);
    QCOMPARE(json.value(u"sequence").toInteger(), Q_INT64_C(-9000000000));
    QCOMPARE(json.value(u"samples").toArray(), (QJsonArray{1, -2, 300}));
    QCOMPARE(json.value(u"unit").toString(), QStringLiteral("CELSIUS"));
    QCOMPARE(json.value(u"location").toObject().value(u"latitude").toDouble(), 48.1);
    QCOMPARE(json.value(u"raw").toString(), QStringLiteral("AP8="));
    QCOMPARE(json.value(u"taken").toObject().value(u"seconds").toInteger(), 1700000000);
    QCOMPARE(json.value(u"flags").toInteger(), Q_INT64_C(4294967295));
    // The tree keeps the declared types for the detail view.
    const Node &unit = result.root.children.at(4);
    QCOMPARE(unit.name, QStringLiteral("unit"));
    QCOMPARE(unit.type, QStringLiteral("Unit = 1"));
}

void tst_PayloadProtobuf::decodesImportedTypes()
{
    const QByteArray bytes =
            encode(QStringLiteral("acme/batch.proto"), QStringLiteral("acme.fleet.Batch"),
                   readFile(protos + QStringLiteral("/acme/batch.txtpb")));
    const DecodeResult result = m_schemas.decode(bytes, QStringLiteral("acme.fleet.Batch"));
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.toJsonLine(),
             QByteArray(R"({"gateway":"gw-1","readings":[{"sensor":"a","value":1},)"
                        R"({"sensor":"b","unit":"KELVIN","value":2}]})"));
}

void tst_PayloadProtobuf::errorsInProtoFilesSayFileAndLine()
{
    ProtobufSchemas schemas;
    QVERIFY(!schemas.load({QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/broken")}));
    QVERIFY(!schemas.errors().isEmpty());
    QVERIFY2(schemas.errors().first().contains(QStringLiteral("bad.proto:5:")),
             qPrintable(schemas.errors().join(u'\n')));
    QVERIFY(!schemas.load({QStringLiteral("/nonexistent/protos")}));
    QVERIFY(schemas.errors().first().contains(QStringLiteral("/nonexistent/protos")));
}

void tst_PayloadProtobuf::malformed_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("type");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<QString>("reason");
    QTest::newRow("truncated") << m_reading.left(m_reading.size() - 3)
                               << QStringLiteral("acme.Reading") << qsizetype(-2)
                               << QStringLiteral("");
    // Field 1 of a Location is a double; a Reading's field 1 is a string.
    QTest::newRow("wrong message type")
            << m_reading << QStringLiteral("acme.Location") << qsizetype(0)
            << QStringLiteral("field 1 (latitude) is declared double");
    QTest::newRow("length past the end")
            << QByteArray::fromHex("0a05616263") << QStringLiteral("acme.Reading") << qsizetype(0)
            << QStringLiteral("runs past the end");
    QTest::newRow("field number 0") << QByteArray::fromHex("0001") << QStringLiteral("acme.Reading")
                                    << qsizetype(0) << QStringLiteral("field number 0");
    QTest::newRow("nested message broken") << QByteArray::fromHex("3203"
                                                                  "0a0100")
                                           << QStringLiteral("acme.Reading") << qsizetype(2)
                                           << QStringLiteral("field 1 (latitude)");
    QTest::newRow("invalid UTF-8 in a proto3 string")
            << QByteArray::fromHex("0a02c328") << QStringLiteral("acme.Reading") << qsizetype(-1)
            << QStringLiteral("UTF-8");
    QTest::newRow("unknown type") << m_reading << QStringLiteral("acme.Nope") << qsizetype(-1)
                                  << QStringLiteral("acme.Nope");
}

void tst_PayloadProtobuf::malformed()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, type);
    QFETCH(qsizetype, offset);
    QFETCH(QString, reason);
    const DecodeResult result = m_schemas.decode(payload, type);
    QVERIFY(!result.isValid());
    QVERIFY2(result.error.contains(reason), qPrintable(result.error));
    if (offset == -2)
        QVERIFY2(result.errorOffset > 0 && result.errorOffset < payload.size(),
                 qPrintable(result.error));
    else
        QCOMPARE(result.errorOffset, offset);
    QCOMPARE(result.hex, QString::fromLatin1(payload.toHex()));
}

void tst_PayloadProtobuf::unknownFieldsAreShownWithAWarning()
{
    // A Reading with field 15 (varint 7) that acme.Reading does not declare.
    const QByteArray payload = QByteArray::fromHex("0a0178"
                                                   "7807");
    const DecodeResult result = m_schemas.decode(payload, QStringLiteral("acme.Reading"));
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.warnings.size(), 1);
    QCOMPARE(result.toJson().toObject().value(u"#15").toInteger(), 7);
}

void tst_PayloadProtobuf::encoderCheckedByProtoc()
{
    const PayloadFormat::EncodeResult encoded =
            m_schemas.encode(QStringLiteral(R"({"sensor": "x", "value": 2.5, "unit": "KELVIN",
                               "samples": [-1, 5], "sequence": "-42"})"),
                             QStringLiteral("acme.Reading"));
    QVERIFY2(encoded.isValid(), qPrintable(encoded.error));
    QString error;
    const QByteArray text = ExternalEncoders::protocDecode(
            {protos, wellKnown}, QStringLiteral("acme/reading.proto"),
            QStringLiteral("acme.Reading"), encoded.bytes, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(text, QByteArray("sensor: \"x\"\nvalue: 2.5\nsequence: -42\nsamples: -1\n"
                              "samples: 5\nunit: KELVIN\n"));
}

void tst_PayloadProtobuf::encoderRefusesWrongJson()
{
    for (const char *json : {R"({"sensor": 5})", R"({"nope": 1})", "{"}) {
        const PayloadFormat::EncodeResult encoded =
                m_schemas.encode(QString::fromLatin1(json), QStringLiteral("acme.Reading"));
        QVERIFY2(!encoded.isValid(), json);
        QVERIFY(encoded.bytes.isEmpty());
    }
    QVERIFY(!m_schemas.encode(QStringLiteral("{}"), QStringLiteral("acme.Nope")).isValid());
}

void tst_PayloadProtobuf::encoderSaysWhereTheJsonIsWrong_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<int>("offset"); // character offset the error points at
    QTest::addColumn<QString>("reason");
    // Not JSON at all: the JSON parser's position, as the other encoders give it.
    QTest::newRow("syntax") << R"({"sensor": "x",, })" << 16 << "Invalid JSON";
    QTest::newRow("truncated") << R"({"sensor": )" << 11 << "Invalid JSON";
    // JSON that does not fit the type: the key of the field protobuf names.
    QTest::newRow("unknown field") << R"({"sensor": "x", "nope": 1})" << 16 << "nope";
    QTest::newRow("unknown nested field")
            << R"({"nope": 0, "location": {"nope": 1}})" << 25 << "nope";
    QTest::newRow("wrong type") << R"({"value": 1, "sensor": 5})" << 13 << "sensor";
    QTest::newRow("wrong nested type")
            << R"({"latitude": 1, "location": {"latitude": "north"}})" << 29 << "latitude";
    QTest::newRow("wrong element") << R"({"samples": [1, "x"]})" << 1 << "samples";
    QTest::newRow("unknown enum") << "{\"sensor\": \"x\",\n \"unit\": \"HOT\"}" << 17 << "HOT";
}

void tst_PayloadProtobuf::encoderSaysWhereTheJsonIsWrong()
{
    QFETCH(QString, json);
    QFETCH(int, offset);
    QFETCH(QString, reason);
    const PayloadFormat::EncodeResult encoded =
            m_schemas.encode(json, QStringLiteral("acme.Reading"));
    QVERIFY(!encoded.isValid());
    QVERIFY2(encoded.error.contains(reason), qPrintable(encoded.error));
    QCOMPARE(encoded.errorOffset, offset);
}

QTEST_GUILESS_MAIN(tst_PayloadProtobuf)
#include "tst_payload_protobuf.moc"
