// SPDX-License-Identifier: Apache-2.0
// The MessagePack decoder against payloads made by Python's msgpack, malformed input, and our
// encoder checked by msgpack.unpackb.
#include "externalencoders.h"
#include "msgpackcodec.h"

#include <QJsonObject>
#include <QTest>

using namespace Payload;

class tst_PayloadMsgpack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesPythonMsgpack_data();
    void decodesPythonMsgpack();
    void extensionTypesAreShown();
    void malformed_data();
    void malformed();
    void encoderCheckedByPythonMsgpack();
    void timestampsPastTheDatesAreBytes();
    void encoderKeepsNumbersPast64Bits();
};

void tst_PayloadMsgpack::decodesPythonMsgpack_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("map") << QStringLiteral("msgpack.packb({'t': 21.5, 'n': -3, 'ok': True, 'name': "
                                           "'x', 'list': [1, None]})")
                         << QByteArray(R"({"list":[1,null],"n":-3,"name":"x","ok":true,"t":21.5})");
    QTest::newRow("bin as Base64") << QStringLiteral("msgpack.packb({'raw': b'\\x00\\x01'})")
                                   << QByteArray(R"({"raw":"AAE="})");
    QTest::newRow("uint64") << QStringLiteral("msgpack.packb([2**63 - 1, -2**63])")
                            << QByteArray("[9223372036854775807,-9223372036854775808]");
    QTest::newRow("float 32") << QStringLiteral("msgpack.packb(1.5, use_single_float=True)")
                              << QByteArray("1.5");
    QTest::newRow("integer keys") << QStringLiteral("msgpack.packb({1: 'a'})")
                                  << QByteArray(R"({"1":"a"})");
}

void tst_PayloadMsgpack::decodesPythonMsgpack()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, json);
    QString error;
    const QByteArray bytes =
            ExternalEncoders::pythonBytes(QStringLiteral("msgpack"), expression, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const DecodeResult result = decodeMessagePack(bytes);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.decoder, Decoder::MessagePack);
    QCOMPARE(result.toJsonLine(), json);
}

void tst_PayloadMsgpack::extensionTypesAreShown()
{
    QString error;
    const QByteArray bytes = ExternalEncoders::pythonBytes(
            QStringLiteral("msgpack"),
            QStringLiteral("msgpack.packb([msgpack.ExtType(5, b'\\x01\\x02'), "
                           "msgpack.Timestamp(1700000000, 250000000)])"),
            &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const DecodeResult result = decodeMessagePack(bytes);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    const Node &extension = result.root.children.at(0);
    QCOMPARE(extension.type, QStringLiteral("ext 5"));
    QCOMPARE(extension.children.at(0).value.toInt(), 5);
    QCOMPARE(extension.children.at(1).value.toByteArray(), QByteArray("\x01\x02"));
    const Node &timestamp = result.root.children.at(1);
    QCOMPARE(timestamp.type, QStringLiteral("ext -1 (timestamp)"));
    QCOMPARE(timestamp.children.at(1).value.toString(), QStringLiteral("2023-11-14T22:13:20.250Z"));
    QCOMPARE(result.toJsonLine(),
             QByteArray(
                     R"([{"ext":5,"value":"AQI="},{"ext":-1,"value":"2023-11-14T22:13:20.250Z"}])"));
}

void tst_PayloadMsgpack::malformed_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<qsizetype>("offset");
    // An array of two with one item: the second is missing at byte 2.
    QTest::newRow("truncated array") << QByteArray::fromHex("9201") << qsizetype(2);
    QTest::newRow("truncated string") << QByteArray::fromHex("a568") << qsizetype(1);
    QTest::newRow("never used byte 0xc1") << QByteArray::fromHex("c1") << qsizetype(0);
    QTest::newRow("trailing bytes") << QByteArray::fromHex("0102") << qsizetype(1);
    QTest::newRow("empty") << QByteArray() << qsizetype(0);
    // JSON text is not MessagePack: '{' is a positive fixint, then bytes are left over.
    QTest::newRow("JSON instead") << QByteArray("{\"a\":1}") << qsizetype(1);
    // A map of 2^32 - 1 entries in five bytes: refused, not allocated for (128 GiB; the
    // sanitized suite found it).
    QTest::newRow("huge map") << QByteArray::fromHex("dfffffffff") << qsizetype(5);
}

void tst_PayloadMsgpack::malformed()
{
    QFETCH(QByteArray, payload);
    QFETCH(qsizetype, offset);
    const DecodeResult result = decodeMessagePack(payload);
    QVERIFY(!result.isValid());
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(result.errorOffset, offset);
    QCOMPARE(result.hex, QString::fromLatin1(payload.toHex()));
}

void tst_PayloadMsgpack::encoderCheckedByPythonMsgpack()
{
    const PayloadFormat::EncodeResult encoded = encodeMessagePack(
            QStringLiteral(R"({"t": 21.5, "n": -3, "big": 9007199254740993, "a": [true, null]})"));
    QVERIFY2(encoded.isValid(), qPrintable(encoded.error));
    QString error;
    const QByteArray seen = ExternalEncoders::python(
            QStringLiteral("import sys, msgpack\nv = msgpack.unpackb(sys.stdin.buffer.read())\n"
                           "print(ascii(sorted(v.items())))"),
            encoded.bytes, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(seen.trimmed(),
             QByteArray("[('a', [True, None]), ('big', 9007199254740993), ('n', -3), "
                        "('t', 21.5)]"));
}

void tst_PayloadMsgpack::timestampsPastTheDatesAreBytes()
{
    // Seconds whose milliseconds overflow 64 bits (signed overflow, undefined behaviour; found
    // by fuzz_payload_msgpack): the extension's bytes, not a date.
    QString error;
    const QByteArray payload = ExternalEncoders::pythonBytes(
            QStringLiteral("msgpack"),
            QStringLiteral("msgpack.packb([msgpack.Timestamp(-2**62, 0), "
                           "msgpack.Timestamp(2**63 - 1, 999999999), msgpack.Timestamp(0, 5)])"),
            &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const DecodeResult result = decodeMessagePack(payload);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    for (int i : {0, 1}) {
        const Node &extension = result.root.children.at(i);
        QCOMPARE(extension.type, QStringLiteral("ext -1"));
        QCOMPARE(extension.children.at(1).kind, Node::Kind::Bytes);
        QCOMPARE(extension.children.at(1).value.toByteArray().size(), 12);
    }
    QCOMPARE(result.root.children.at(2).children.at(1).value.toString(),
             QStringLiteral("1970-01-01T00:00:00.000Z"));
}

void tst_PayloadMsgpack::encoderKeepsNumbersPast64Bits()
{
    // JSON numbers past the 64-bit integers are doubles; msgpack-cxx's pack_double turned
    // 2^64 into an integer out of range (undefined behaviour, 0 on x86; found by
    // fuzz_payload_msgpack). They go out as float 64.
    for (const char *json : {"18446744073709551615", "18446744073709551616", "-1e19", "1e300"}) {
        const PayloadFormat::EncodeResult encoded = encodeMessagePack(QString::fromLatin1(json));
        QVERIFY2(encoded.isValid(), qPrintable(encoded.error));
        QString error;
        const QByteArray seen = ExternalEncoders::python(
                QStringLiteral("import sys, msgpack\n"
                               "print(repr(msgpack.unpackb(sys.stdin.buffer.read())))"),
                encoded.bytes, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(seen.trimmed().toDouble(), QByteArray(json).toDouble());
        QVERIFY2(seen.contains('e'), seen.constData()); // a float, not an integer
    }
    // Whole numbers within uint64 stay integers.
    const PayloadFormat::EncodeResult big =
            encodeMessagePack(QStringLiteral("9223372036854775808"));
    QCOMPARE(big.bytes.toHex(), QByteArray("cf8000000000000000"));
}

QTEST_GUILESS_MAIN(tst_PayloadMsgpack)
#include "tst_payload_msgpack.moc"
