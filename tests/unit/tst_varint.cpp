// SPDX-License-Identifier: Apache-2.0
#include "bytes.h"
#include "protocol.h"

#include <QTest>

using namespace Mqtt;

Q_DECLARE_METATYPE(Mqtt::VarIntStatus)

// Variable Byte Integer (MQTT 1.5.5): every length crossover, truncation, overlong forms and
// the forbidden fifth byte.
class TestVarint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encode_data();
    void encode();
    void decode_data();
    void decode();
    void roundTripEveryCrossover();
};

void TestVarint::encode_data()
{
    QTest::addColumn<quint32>("value");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("0: smallest, one byte") << 0u << QByteArray::fromHex("00");
    QTest::newRow("127: largest one byte") << 127u << QByteArray::fromHex("7f");
    QTest::newRow("128: smallest two bytes") << 128u << QByteArray::fromHex("8001");
    QTest::newRow("321: spec-like example") << 321u << QByteArray::fromHex("c102");
    QTest::newRow("16383: largest two bytes") << 16383u << QByteArray::fromHex("ff7f");
    QTest::newRow("16384: smallest three bytes") << 16384u << QByteArray::fromHex("808001");
    QTest::newRow("2097151: largest three bytes") << 2097151u << QByteArray::fromHex("ffff7f");
    QTest::newRow("2097152: smallest four bytes") << 2097152u << QByteArray::fromHex("80808001");
    QTest::newRow("268435455: largest four bytes") << 268435455u << QByteArray::fromHex("ffffff7f");
}

void TestVarint::encode()
{
    QFETCH(quint32, value);
    QFETCH(QByteArray, bytes);
    QByteArray out;
    appendVariableByteInteger(out, value);
    QCOMPARE(out, bytes);
    QCOMPARE(variableByteIntegerSize(value), bytes.size());
    char raw[4] = {};
    QCOMPARE(encodeVariableByteInteger(value, raw), bytes.size());
    QCOMPARE(QByteArray(raw, bytes.size()), bytes);
}

void TestVarint::decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<VarIntStatus>("status");
    QTest::addColumn<quint32>("value");
    QTest::addColumn<int>("length");

    QTest::newRow("empty") << QByteArray() << VarIntStatus::NeedMoreData << 0u << 0;
    QTest::newRow("0") << QByteArray::fromHex("00") << VarIntStatus::Ok << 0u << 1;
    QTest::newRow("127") << QByteArray::fromHex("7f") << VarIntStatus::Ok << 127u << 1;
    QTest::newRow("128") << QByteArray::fromHex("8001") << VarIntStatus::Ok << 128u << 2;
    QTest::newRow("16383") << QByteArray::fromHex("ff7f") << VarIntStatus::Ok << 16383u << 2;
    QTest::newRow("16384") << QByteArray::fromHex("808001") << VarIntStatus::Ok << 16384u << 3;
    QTest::newRow("2097151") << QByteArray::fromHex("ffff7f") << VarIntStatus::Ok << 2097151u << 3;
    QTest::newRow("2097152") << QByteArray::fromHex("80808001") << VarIntStatus::Ok << 2097152u
                             << 4;
    QTest::newRow("268435455") << QByteArray::fromHex("ffffff7f") << VarIntStatus::Ok << 268435455u
                               << 4;
    QTest::newRow("trailing bytes are not consumed")
            << QByteArray::fromHex("7f0102") << VarIntStatus::Ok << 127u << 1;

    QTest::newRow("truncated after 1 of 2")
            << QByteArray::fromHex("80") << VarIntStatus::NeedMoreData << 0u << 0;
    QTest::newRow("truncated after 2 of 3")
            << QByteArray::fromHex("8080") << VarIntStatus::NeedMoreData << 0u << 0;
    QTest::newRow("truncated after 3 of 4")
            << QByteArray::fromHex("ffffff") << VarIntStatus::NeedMoreData << 0u << 0;

    // [MQTT-1.5.5-1]: the minimum number of bytes must be used.
    QTest::newRow("overlong 0 in two bytes")
            << QByteArray::fromHex("8000") << VarIntStatus::Overlong << 0u << 0;
    QTest::newRow("overlong 127 in two bytes")
            << QByteArray::fromHex("ff00") << VarIntStatus::Overlong << 0u << 0;
    QTest::newRow("overlong 0 in four bytes")
            << QByteArray::fromHex("80808000") << VarIntStatus::Overlong << 0u << 0;
    QTest::newRow("overlong 16383 in three bytes")
            << QByteArray::fromHex("ffff00") << VarIntStatus::Overlong << 0u << 0;

    QTest::newRow("fifth byte needed")
            << QByteArray::fromHex("ffffffff") << VarIntStatus::TooLong << 0u << 0;
    QTest::newRow("fifth byte present")
            << QByteArray::fromHex("ffffffff01") << VarIntStatus::TooLong << 0u << 0;
    QTest::newRow("fifth byte after zeros")
            << QByteArray::fromHex("8080808001") << VarIntStatus::TooLong << 0u << 0;
}

void TestVarint::decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(VarIntStatus, status);
    QFETCH(quint32, value);
    QFETCH(int, length);
    const VarIntResult result = decodeVariableByteInteger(bytes);
    QCOMPARE(result.status, status);
    if (status == VarIntStatus::Ok) {
        QCOMPARE(result.value, value);
        QCOMPARE(result.length, length);
    }

    // The same bytes through the cursor: failure sticks and nothing is consumed.
    ByteReader reader(bytes);
    const quint32 read = reader.readVariableByteInteger();
    QCOMPARE(reader.ok(), status == VarIntStatus::Ok);
    if (status == VarIntStatus::Ok) {
        QCOMPARE(read, value);
        QCOMPARE(reader.position(), qsizetype(length));
    }
}

void TestVarint::roundTripEveryCrossover()
{
    const quint32 edges[] = {0,     1,       127,     128,     129,       16383,    16384,
                             16385, 2097151, 2097152, 2097153, 268435454, 268435455};
    for (quint32 value : edges) {
        QByteArray out;
        appendVariableByteInteger(out, value);
        const VarIntResult result = decodeVariableByteInteger(out);
        QCOMPARE(result.status, VarIntStatus::Ok);
        QCOMPARE(result.value, value);
        QCOMPARE(result.length, out.size());
        // Every proper prefix asks for more data.
        for (qsizetype cut = 0; cut < out.size(); ++cut)
            QCOMPARE(decodeVariableByteInteger(QByteArrayView(out).first(cut)).status,
                     VarIntStatus::NeedMoreData);
    }
}

QTEST_APPLESS_MAIN(TestVarint)
#include "tst_varint.moc"
