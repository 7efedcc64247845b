// SPDX-License-Identifier: Apache-2.0
// The CBOR decoder against payloads made by Python's cbor2, malformed input, and our encoder
// checked by cbor2.loads.
#include "cborcodec.h"
#include "externalencoders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Payload;

class tst_PayloadCbor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesCbor2_data();
    void decodesCbor2();
    void tagsAreShown();
    void malformed_data();
    void malformed();
    void encoderCheckedByCbor2();
    void encoderRefusesBadJson();
};

void tst_PayloadCbor::decodesCbor2_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("map") << QStringLiteral("cbor2.dumps({'t': 21.5, 'n': -3, 'ok': True, 'name': "
                                           "'x', 'list': [1, None]})")
                         << QByteArray(R"({"list":[1,null],"n":-3,"name":"x","ok":true,"t":21.5})");
    QTest::newRow("bytes as Base64") << QStringLiteral("cbor2.dumps({'raw': b'\\x00\\x01'})")
                                     << QByteArray(R"({"raw":"AAE="})");
    QTest::newRow("64-bit integer") << QStringLiteral("cbor2.dumps([9007199254740993])")
                                    << QByteArray("[9007199254740993]");
    QTest::newRow("integer keys") << QStringLiteral("cbor2.dumps({1: 'a'})")
                                  << QByteArray(R"({"1":"a"})");
    // Qt keeps integers below -2^63 as doubles: the one just below prints as the whole number
    // the double holds, not as Qt's shortest form -9223372036854776000, which no 64-bit integer
    // reader takes and which the composer would send back as a different value.
    QTest::newRow("below the 64-bit minimum")
            << QStringLiteral("cbor2.dumps([-2**63 - 1, -2**63, -2.0**63, -2**64])")
            << QByteArray("[-9223372036854775808,-9223372036854775808,-9223372036854775808,"
                          "-18446744073709552000]");
    // Qt 6.4 reads -2^64 as 0; the decoder mends that item, not the same bytes inside a string.
    QTest::newRow("-2^64, and its bytes in a byte string")
            << QStringLiteral("cbor2.dumps({'n': -2**64, 'raw': bytes([0x3b] + [0xff] * 8)})")
            << QByteArray(R"({"n":-18446744073709552000,"raw":"O///////////"})");
    QTest::newRow("half float") << QStringLiteral("bytes([0xf9, 0x3e, 0x00])") << QByteArray("1.5");
}

void tst_PayloadCbor::decodesCbor2()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, json);
    QString error;
    const QByteArray bytes =
            ExternalEncoders::pythonBytes(QStringLiteral("cbor2"), expression, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const DecodeResult result = decodeCbor(bytes);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.decoder, Decoder::Cbor);
    QCOMPARE(result.toJsonLine(), json);
}

void tst_PayloadCbor::tagsAreShown()
{
    QString error;
    const QByteArray withDate = ExternalEncoders::python(
            QStringLiteral("import sys, cbor2, datetime\nsys.stdout.buffer.write(cbor2.dumps("
                           "[cbor2.CBORTag(4242, 'v'), datetime.datetime(2024, 1, 2, 3, 4, 5, "
                           "tzinfo=datetime.timezone.utc)]))"),
            {}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const DecodeResult result = decodeCbor(withDate);
    QVERIFY2(result.isValid(), qPrintable(result.error));
    const Node &tagged = result.root.children.at(0);
    QCOMPARE(tagged.type, QStringLiteral("tag 4242"));
    QCOMPARE(tagged.children.at(0).name, QStringLiteral("tag"));
    QCOMPARE(tagged.children.at(0).value.toULongLong(), 4242ULL);
    QCOMPARE(tagged.children.at(1).value.toString(), QStringLiteral("v"));
    const Node &date = result.root.children.at(1);
    QCOMPARE(date.type, QStringLiteral("tag 0 (date/time)"));
    QVERIFY2(date.value.toString().startsWith(QStringLiteral("2024-01-02T03:04:05")),
             qPrintable(date.value.toString()));
    QCOMPARE(result.toJson().toArray().at(0).toObject().value(u"tag").toInteger(), 4242);
}

void tst_PayloadCbor::malformed_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<qsizetype>("offset");
    // An array of three with two items: the third is missing at byte 3.
    QTest::newRow("truncated") << QByteArray::fromHex("830102") << qsizetype(3);
    QTest::newRow("empty") << QByteArray() << qsizetype(0);
    QTest::newRow("trailing bytes") << QByteArray::fromHex("0102") << qsizetype(1);
    QTest::newRow("string longer than the payload") << QByteArray::fromHex("6568") << qsizetype(0);
    QTest::newRow("reserved additional info") << QByteArray::fromHex("1c") << qsizetype(0);
}

void tst_PayloadCbor::malformed()
{
    QFETCH(QByteArray, payload);
    QFETCH(qsizetype, offset);
    const DecodeResult result = decodeCbor(payload);
    QVERIFY(!result.isValid());
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(result.errorOffset, offset);
    QCOMPARE(result.hex, QString::fromLatin1(payload.toHex()));
    QVERIFY(result.toJson().toObject().contains(u"error"));
}

void tst_PayloadCbor::encoderCheckedByCbor2()
{
    const PayloadFormat::EncodeResult encoded =
            encodeCbor(QStringLiteral(R"({"t": 21.5, "n": -3, "big": 9007199254740993, "s": "ü",
                                         "a": [true, null]})"));
    QVERIFY2(encoded.isValid(), qPrintable(encoded.error));
    QString error;
    const QByteArray seen = ExternalEncoders::python(
            QStringLiteral("import sys, cbor2\nv = cbor2.loads(sys.stdin.buffer.read())\n"
                           "print(ascii(sorted(v.items())))"),
            encoded.bytes, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(seen.trimmed(),
             QByteArray("[('a', [True, None]), ('big', 9007199254740993), ('n', -3), "
                        "('s', '\\xfc'), ('t', 21.5)]"));
}

void tst_PayloadCbor::encoderRefusesBadJson()
{
    const PayloadFormat::EncodeResult encoded = encodeCbor(QStringLiteral("{\"a\": }"));
    QVERIFY(!encoded.isValid());
    QCOMPARE(encoded.errorOffset, 7); // where Qt's parser stopped
    QVERIFY(encoded.bytes.isEmpty());
}

QTEST_GUILESS_MAIN(tst_PayloadCbor)
#include "tst_payload_cbor.moc"
