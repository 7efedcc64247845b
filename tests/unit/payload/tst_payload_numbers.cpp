// SPDX-License-Identifier: Apache-2.0
// Number arrays against bytes packed by Python's struct, a payload that is not a whole number
// of them, and our encoder checked by struct.unpack.
#include "externalencoders.h"
#include "numbercodec.h"

#include <QTest>

using namespace Payload;

class tst_PayloadNumbers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatNames();
    void decodesPythonStruct_data();
    void decodesPythonStruct();
    void remainderSaysWhere();
    void encoderCheckedByPythonStruct_data();
    void encoderCheckedByPythonStruct();
    void encoderRefusesOutOfRange();
};

void tst_PayloadNumbers::formatNames()
{
    QCOMPARE(NumberFormat::names().size(), 2 + 3 * 2 * 2 + 2 * 2);
    for (const QString &name : NumberFormat::names())
        QCOMPARE(NumberFormat::fromName(name)->name(), name);
    QVERIFY(!NumberFormat::fromName(u"int12le"));
    QVERIFY(!NumberFormat::fromName(u"float16le"));
    QCOMPARE(NumberFormat::fromName(u"UINT32BE")->endian, QSysInfo::BigEndian);
}

void tst_PayloadNumbers::decodesPythonStruct_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("pack");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("int8") << "int8"
                          << "'<3b', 1, -2, 127" << QByteArray("[1,-2,127]");
    QTest::newRow("uint8") << "uint8"
                           << "'<2B', 0, 255" << QByteArray("[0,255]");
    QTest::newRow("int16le") << "int16le"
                             << "'<3h', 1, -2, 300" << QByteArray("[1,-2,300]");
    QTest::newRow("int16be") << "int16be"
                             << "'>3h', 1, -2, 300" << QByteArray("[1,-2,300]");
    QTest::newRow("uint16be") << "uint16be"
                              << "'>H', 65535" << QByteArray("[65535]");
    QTest::newRow("int32le") << "int32le"
                             << "'<2i', -100000, 7" << QByteArray("[-100000,7]");
    QTest::newRow("uint32be") << "uint32be"
                              << "'>I', 4294967295" << QByteArray("[4294967295]");
    QTest::newRow("int64be") << "int64be"
                             << "'>q', -9000000000" << QByteArray("[-9000000000]");
    QTest::newRow("uint64le") << "uint64le"
                              << "'<Q', 2**63 - 1" << QByteArray("[9223372036854775807]");
    QTest::newRow("float32le") << "float32le"
                               << "'<2f', 1.5, -0.25" << QByteArray("[1.5,-0.25]");
    QTest::newRow("float64be") << "float64be"
                               << "'>d', 21.5" << QByteArray("[21.5]");
    QTest::newRow("empty") << "float64be"
                           << "'>0d'" << QByteArray("[]");
}

void tst_PayloadNumbers::decodesPythonStruct()
{
    QFETCH(QString, format);
    QFETCH(QString, pack);
    QFETCH(QByteArray, json);
    QString error;
    const QByteArray bytes = ExternalEncoders::pythonBytes(
            QStringLiteral("struct"), QStringLiteral("struct.pack(%1)").arg(pack), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const DecodeResult result = decodeNumbers(bytes, *NumberFormat::fromName(format));
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.toJsonLine(), json);
    QCOMPARE(result.root.type, format);
}

void tst_PayloadNumbers::remainderSaysWhere()
{
    const DecodeResult result =
            decodeNumbers(QByteArray::fromHex("0100020003"), *NumberFormat::fromName(u"int16le"));
    QVERIFY(!result.isValid());
    QCOMPARE(result.errorOffset, 4);
    QVERIFY(result.error.contains(QStringLiteral("int16le")));
    QCOMPARE(result.hex, QStringLiteral("0100020003"));
}

void tst_PayloadNumbers::encoderCheckedByPythonStruct_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("unpack");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("int16be") << "int16be"
                             << "[1, -2, 300]"
                             << "'>3h'" << QByteArray("(1, -2, 300)");
    QTest::newRow("uint32le") << "uint32le"
                              << "[4294967295]"
                              << "'<I'" << QByteArray("(4294967295,)");
    QTest::newRow("int64le") << "int64le"
                             << "-9000000000"
                             << "'<q'" << QByteArray("(-9000000000,)");
    QTest::newRow("float32be") << "float32be"
                               << "[1.5, -0.25]"
                               << "'>2f'" << QByteArray("(1.5, -0.25)");
    QTest::newRow("float64le") << "float64le"
                               << "[21.5]"
                               << "'<d'" << QByteArray("(21.5,)");
    // Past 2^63 JSON numbers are doubles: a whole one in range is still exact (found by
    // fuzz_payload_numbers: 2^63 went out as 0).
    QTest::newRow("uint64 2^63") << "uint64be"
                                 << "[9223372036854775808, 18446744073709549568]"
                                 << "'>2Q'"
                                 << QByteArray("(9223372036854775808, 18446744073709549568)");
    QTest::newRow("int64 extremes")
            << "int64le"
            << "[-9223372036854775808, 9223372036854775807]"
            << "'<2q'" << QByteArray("(-9223372036854775808, 9223372036854775807)");
}

void tst_PayloadNumbers::encoderCheckedByPythonStruct()
{
    QFETCH(QString, format);
    QFETCH(QString, json);
    QFETCH(QString, unpack);
    QFETCH(QByteArray, expected);
    const PayloadFormat::EncodeResult encoded =
            encodeNumbers(json, *NumberFormat::fromName(format));
    QVERIFY2(encoded.isValid(), qPrintable(encoded.error));
    QString error;
    const QByteArray seen = ExternalEncoders::python(
            QStringLiteral("import sys, struct\nprint(struct.unpack(%1, sys.stdin.buffer.read()))")
                    .arg(unpack),
            encoded.bytes, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(seen.trimmed(), expected);
}

void tst_PayloadNumbers::encoderRefusesOutOfRange()
{
    const struct
    {
        const char *format;
        const char *json;
    } cases[] = {{"int8", "[128]"},
                 {"uint8", "[-1]"},
                 {"int16le", "[1.5]"},
                 {"uint16be", "[65536]"},
                 {"int32le", "[\"x\"]"},
                 {"float32le", "[null]"},
                 {"int8", "[1,"},
                 // Doubles past the 64-bit ranges (fuzz_payload_numbers: they went out as 0).
                 {"int64le", "[9223372036854775808]"},
                 {"int64be", "[-1e19]"},
                 {"uint64le", "[18446744073709551615]"},
                 {"uint64be", "[1e300]"},
                 // Past float's range (converting it is undefined behaviour).
                 {"float32le", "[1e300]"},
                 {"float32be", "[-3.5e38]"}};
    for (const auto &each : cases) {
        const PayloadFormat::EncodeResult encoded =
                encodeNumbers(QString::fromLatin1(each.json),
                              *NumberFormat::fromName(QString::fromLatin1(each.format)));
        QVERIFY2(!encoded.isValid(), each.json);
        QVERIFY(encoded.bytes.isEmpty());
    }
}

QTEST_GUILESS_MAIN(tst_PayloadNumbers)
#include "tst_payload_numbers.moc"
