// SPDX-License-Identifier: Apache-2.0
// Until fuzz targets exist: every decoder over thousands of damaged payloads (valid ones made
// by independent encoders, then cut, flipped and spliced with a fixed seed) must return a
// result, and a failure must carry a reason and the hex of the payload, never crash.
#include "payloaddecoder.h"
#include "sparkplugsession.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Payload;

class tst_PayloadMutations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void damagedPayloads_data();
    void damagedPayloads();

private:
    QByteArray m_reading;
    QByteArray m_birth;
    QByteArray m_cbor;
    QByteArray m_msgpack;
};

void tst_PayloadMutations::initTestCase()
{
    QString error;
    QFile text(QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos/acme/reading.txtpb"));
    QVERIFY(text.open(QIODevice::ReadOnly));
    m_reading =
            ExternalEncoders::protocEncode({QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos"),
                                            QStringLiteral("/usr/include")},
                                           QStringLiteral("acme/reading.proto"),
                                           QStringLiteral("acme.Reading"), text.readAll(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_birth = SparkplugSessionFiles::encode(QStringLiteral("nbirth.txtpb"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_cbor = ExternalEncoders::pythonBytes(
            QStringLiteral("cbor2"),
            QStringLiteral("cbor2.dumps({'t': [1.5, -2, 'x', b'\\x00', {'n': None}], "
                           "'tag': cbor2.CBORTag(99, [True, 2**70])})"),
            &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_msgpack = ExternalEncoders::pythonBytes(
            QStringLiteral("msgpack"),
            QStringLiteral("msgpack.packb({'t': [1.5, -2, 'x', b'\\x00', {'n': None}], "
                           "'e': msgpack.ExtType(3, b'abc'), 'big': 2**64 - 1})"),
            &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_PayloadMutations::damagedPayloads_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("cbor") << "cbor"
                          << "t" << m_cbor;
    QTest::newRow("msgpack") << "msgpack"
                             << "t" << m_msgpack;
    QTest::newRow("protobuf") << "protobuf:acme.Reading"
                              << "t" << m_reading;
    QTest::newRow("sparkplug NBIRTH") << "sparkplug"
                                      << "spBv1.0/g/NBIRTH/n" << m_birth;
    QTest::newRow("sparkplug DDATA") << "sparkplug"
                                     << "spBv1.0/g/DDATA/n/d" << m_birth;
    QTest::newRow("sparkplug STATE")
            << "sparkplug"
            << "spBv1.0/STATE/h" << QByteArray(R"({"online": true, "timestamp": 1})");
    QTest::newRow("json") << "json"
                          << "t" << QByteArray(R"({"a": [1, 2.5, "x", null]})");
    QTest::newRow("numbers") << "numbers:float64be"
                             << "t" << m_reading;
    QTest::newRow("guess") << ""
                           << "t" << m_cbor;
}

void tst_PayloadMutations::damagedPayloads()
{
    QFETCH(QString, spec);
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    PayloadDecoder decoder;
    QVERIFY(decoder.setProtoPaths({QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos")}));
    const std::optional<DecoderSpec> decoderSpec =
            spec.isEmpty() ? std::nullopt : DecoderSpec::fromString(spec, nullptr);
    QRandomGenerator random(15);
    int failures = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray damaged = payload;
        const int edits = 1 + int(random.bounded(4));
        for (int e = 0; e < edits && !damaged.isEmpty(); ++e) {
            const qsizetype at = random.bounded(int(damaged.size()));
            switch (random.bounded(4)) {
            case 0:
                damaged.truncate(at);
                break;
            case 1:
                damaged[at] = char(damaged.at(at) ^ char(1 << random.bounded(8)));
                break;
            case 2:
                damaged[at] = char(random.bounded(256));
                break;
            default:
                damaged.insert(at, damaged.mid(random.bounded(int(damaged.size()))));
                break;
            }
        }
        const DecodeResult result = decoderSpec ? decoder.decode(*decoderSpec, topic, damaged)
                                                : decoder.decode(topic, damaged);
        if (!result.isValid()) {
            ++failures;
            QVERIFY(!result.error.isEmpty());
            QVERIFY(result.errorOffset <= damaged.size());
            QCOMPARE(result.hex.size(), damaged.size() * 2);
        }
        // Writing the result must not fail either.
        QVERIFY(!result.toJsonLine().isEmpty());
    }
    qInfo("%d of 3000 damaged payloads refused", failures);
}

QTEST_GUILESS_MAIN(tst_PayloadMutations)
#include "tst_payload_mutations.moc"
