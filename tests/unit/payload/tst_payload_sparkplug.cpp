// SPDX-License-Identifier: Apache-2.0
// The stateful Sparkplug B decoder over a session encoded with protoc from the committed text
// files: aliases resolved from the birth, the sequence wrapping 255 -> 0, a gap, the death
// with its bdSeq, data before a birth, devices, STATE in 2.2 and 3.0, malformed payloads, and
// our metrics encoder checked by protoc --decode.
#include "sparkplugcodec.h"
#include "sparkplugsession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Payload;

class tst_PayloadSparkplug : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void topics_data();
    void topics();
    void nodeSession();
    void dataBeforeBirthIsFlagged();
    void devicesResolveTheirOwnAliases();
    void deathOfAnEarlierSessionIsIgnored();
    void stateMessages();
    void malformed_data();
    void malformed();
    void encoderCheckedByProtoc();
    void encoderRefusesBadMetrics();

private:
    static QByteArray encoded(const QString &textFile)
    {
        QString error;
        const QByteArray bytes = SparkplugSessionFiles::encode(textFile, &error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return bytes;
    }
};

void tst_PayloadSparkplug::topics_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("type");
    QTest::newRow("NBIRTH") << "spBv1.0/g/NBIRTH/n" << true << "NBIRTH";
    QTest::newRow("DDATA") << "spBv1.0/g/DDATA/n/d" << true << "DDATA";
    QTest::newRow("3.0 STATE") << "spBv1.0/STATE/host" << true << "STATE";
    QTest::newRow("2.2 STATE") << "STATE/host" << true << "STATE";
    QTest::newRow("device type without device") << "spBv1.0/g/DDATA/n" << false << "";
    QTest::newRow("node type with device") << "spBv1.0/g/NDATA/n/d" << false << "";
    QTest::newRow("unknown type") << "spBv1.0/g/NFOO/n" << false << "";
    QTest::newRow("other namespace") << "spAv1.0/g/NDATA/n" << false << "";
    QTest::newRow("empty node") << "spBv1.0/g/NDATA/" << false << "";
}

void tst_PayloadSparkplug::topics()
{
    QFETCH(QString, topic);
    QFETCH(bool, valid);
    QFETCH(QString, type);
    const std::optional<SparkplugTopic> parsed = SparkplugTopic::fromTopic(topic);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(parsed->typeName(), type);
}

void tst_PayloadSparkplug::nodeSession()
{
    SparkplugSession session;
    QList<DecodeResult> results;
    for (const SparkplugSessionFiles::Step &step : SparkplugSessionFiles::nodeSession()) {
        results.append(session.decode(step.topic, encoded(step.textFile)));
        QVERIFY2(results.last().isValid(), qPrintable(results.last().error));
    }
    // NBIRTH: names, aliases, datatypes; Int32 -5 from its two's complement; an Int16 array.
    const QJsonObject birth = results.at(0).toJson().toObject();
    QCOMPARE(birth.value(u"sparkplug").toString(), QStringLiteral("NBIRTH"));
    QCOMPARE(birth.value(u"group").toString(), QStringLiteral("Plant1"));
    QCOMPARE(birth.value(u"edgeNode").toString(), QStringLiteral("Gateway7"));
    QCOMPARE(birth.value(u"seq").toInteger(), 253);
    const QJsonArray birthMetrics = birth.value(u"metrics").toArray();
    QCOMPARE(birthMetrics.size(), 5);
    QCOMPARE(birthMetrics.at(2).toObject().value(u"value").toInteger(), -5);
    QCOMPARE(birthMetrics.at(2).toObject().value(u"datatype").toString(), QStringLiteral("Int32"));
    QCOMPARE(birthMetrics.at(4).toObject().value(u"value").toArray(), (QJsonArray{1, -2}));
    QVERIFY2(results.at(0).warnings.isEmpty(), qPrintable(results.at(0).warnings.join(u'\n')));

    // NDATA with aliases only: names and datatypes come from the birth.
    const QJsonObject first = results.at(1).toJson().toObject();
    const QJsonObject temperature = first.value(u"metrics").toArray().at(0).toObject();
    QCOMPARE(temperature.value(u"name").toString(), QStringLiteral("Temperature"));
    QCOMPARE(temperature.value(u"alias").toInteger(), 1);
    QCOMPARE(temperature.value(u"datatype").toString(), QStringLiteral("Float"));
    QCOMPARE(temperature.value(u"value").toDouble(), 21.5);
    QCOMPARE(results.at(1).root.children.last().children.at(0).children.at(0).type,
             QStringLiteral("from alias 1"));
    const QJsonObject counter =
            results.at(2).toJson().toObject().value(u"metrics").toArray().at(0).toObject();
    QCOMPARE(counter.value(u"name").toString(), QStringLiteral("Counter"));
    QCOMPARE(counter.value(u"value").toInteger(), -6);
    // 254 -> 255 -> 0: the wrap is no gap.
    QVERIFY2(results.at(1).warnings.isEmpty(), qPrintable(results.at(1).warnings.join(u'\n')));
    QVERIFY2(results.at(2).warnings.isEmpty(), qPrintable(results.at(2).warnings.join(u'\n')));
    QVERIFY2(results.at(3).warnings.isEmpty(), qPrintable(results.at(3).warnings.join(u'\n')));
    // 0 -> 2: seq 1 is missing.
    QCOMPARE(results.at(4).warnings.size(), 1);
    QVERIFY2(results.at(4).warnings.first().contains(QStringLiteral("expected 1, got 2")),
             qPrintable(results.at(4).warnings.first()));
    QCOMPARE(results.at(4).toJson().toObject().value(u"warnings").toArray().size(), 1);
    QCOMPARE(results.at(4)
                     .toJson()
                     .toObject()
                     .value(u"metrics")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"name")
                     .toString(),
             QStringLiteral("Label"));

    // NDEATH: its bdSeq shown, the node offline.
    const QJsonObject death = results.at(5).toJson().toObject();
    QCOMPARE(death.value(u"bdSeq").toInteger(), 7);
    QVERIFY(results.at(5).warnings.isEmpty());
    const QList<SparkplugEdgeNode> nodes = session.edgeNodes();
    QCOMPARE(nodes.size(), 1);
    QCOMPARE(nodes.first().group, QStringLiteral("Plant1"));
    QCOMPARE(nodes.first().id, QStringLiteral("Gateway7"));
    QCOMPARE(nodes.first().online, false);
    QCOMPARE(nodes.first().bdSeq, 7);
    QCOMPARE(nodes.first().metrics,
             (QStringList{QStringLiteral("bdSeq"), QStringLiteral("Temperature"),
                          QStringLiteral("Counter"), QStringLiteral("Label"),
                          QStringLiteral("Samples")}));

    // After the death, data is data before a birth again.
    const DecodeResult late = session.decode(QStringLiteral("spBv1.0/Plant1/NDATA/Gateway7"),
                                             encoded(QStringLiteral("ndata-0.txtpb")));
    QVERIFY(late.isValid());
    QVERIFY(late.warnings.join(u' ').contains(QStringLiteral("before any NBIRTH")));
}

void tst_PayloadSparkplug::dataBeforeBirthIsFlagged()
{
    SparkplugSession session;
    const DecodeResult result = session.decode(QStringLiteral("spBv1.0/Plant1/NDATA/Ghost"),
                                               encoded(QStringLiteral("ndata-254.txtpb")));
    QVERIFY2(result.isValid(), qPrintable(result.error));
    QCOMPARE(result.warnings.size(), 1);
    QVERIFY(result.warnings.first().contains(QStringLiteral("before any NBIRTH")));
    // The alias stays a number: no name to resolve it to.
    const QJsonObject metric =
            result.toJson().toObject().value(u"metrics").toArray().at(0).toObject();
    QVERIFY(metric.value(u"name").isNull());
    QCOMPARE(metric.value(u"alias").toInteger(), 1);
    QCOMPARE(session.edgeNodes().size(), 1);
    QCOMPARE(session.edgeNodes().first().online, false);
}

void tst_PayloadSparkplug::devicesResolveTheirOwnAliases()
{
    SparkplugSession session;
    QVERIFY(session.decode(QStringLiteral("spBv1.0/Plant1/NBIRTH/Gateway7"),
                           encoded(QStringLiteral("nbirth.txtpb")))
                    .isValid());
    const DecodeResult birth = session.decode(QStringLiteral("spBv1.0/Plant1/DBIRTH/Gateway7/Tank"),
                                              encoded(QStringLiteral("dbirth.txtpb")));
    QVERIFY2(birth.warnings.isEmpty(), qPrintable(birth.warnings.join(u'\n')));
    const DecodeResult data = session.decode(QStringLiteral("spBv1.0/Plant1/DDATA/Gateway7/Tank"),
                                             encoded(QStringLiteral("ddata.txtpb")));
    QVERIFY2(data.warnings.isEmpty(), qPrintable(data.warnings.join(u'\n')));
    const QJsonObject json = data.toJson().toObject();
    QCOMPARE(json.value(u"device").toString(), QStringLiteral("Tank"));
    const QJsonObject level = json.value(u"metrics").toArray().at(0).toObject();
    QCOMPARE(level.value(u"name").toString(), QStringLiteral("Level"));
    QCOMPARE(level.value(u"value").toDouble(), 0.75);
    const SparkplugEdgeNode node = session.edgeNodes().first();
    QCOMPARE(node.devices.size(), 1);
    QCOMPARE(node.devices.first().id, QStringLiteral("Tank"));
    QCOMPARE(node.devices.first().online, true);
    QCOMPARE(node.devices.first().metrics, QStringList{QStringLiteral("Level")});

    // DDATA of a device that was never born.
    const DecodeResult stranger =
            session.decode(QStringLiteral("spBv1.0/Plant1/DDATA/Gateway7/Pump"),
                           encoded(QStringLiteral("ndata-0.txtpb")));
    QVERIFY(stranger.warnings.join(u' ').contains(QStringLiteral("no DBIRTH")));
}

void tst_PayloadSparkplug::deathOfAnEarlierSessionIsIgnored()
{
    SparkplugSession session;
    QVERIFY(session.decode(QStringLiteral("spBv1.0/Plant1/NBIRTH/Gateway7"),
                           encoded(QStringLiteral("nbirth.txtpb")))
                    .isValid());
    // bdSeq 6: the will of the connection before this birth's.
    const PayloadFormat::EncodeResult oldDeath = SparkplugSession::encode(QStringLiteral(
            R"({"metrics": [{"name": "bdSeq", "datatype": "UInt64", "value": 6}]})"));
    QVERIFY(oldDeath.isValid());
    const DecodeResult result =
            session.decode(QStringLiteral("spBv1.0/Plant1/NDEATH/Gateway7"), oldDeath.bytes);
    QVERIFY(result.warnings.join(u' ').contains(QStringLiteral("earlier session")));
    QCOMPARE(session.edgeNodes().first().online, true);
}

void tst_PayloadSparkplug::stateMessages()
{
    SparkplugSession session;
    const DecodeResult v30 = session.decode(QStringLiteral("spBv1.0/STATE/scada"),
                                            R"({"online": true, "timestamp": 1700000000000})");
    QVERIFY2(v30.isValid(), qPrintable(v30.error));
    QCOMPARE(v30.toJsonLine(), QByteArray(R"({"hostId":"scada","online":true,"sparkplug":"STATE",)"
                                          R"("timestamp":1700000000000,"version":"3.0"})"));
    const DecodeResult v22 = session.decode(QStringLiteral("STATE/legacy"), "OFFLINE");
    QVERIFY2(v22.isValid(), qPrintable(v22.error));
    QCOMPARE(v22.toJson().toObject().value(u"online").toBool(true), false);
    QCOMPARE(session.hosts().size(), 2);
    // STATE is never protobuf.
    QVERIFY(!session.decode(QStringLiteral("spBv1.0/STATE/scada"),
                            encoded(QStringLiteral("nbirth.txtpb")))
                     .isValid());
    QVERIFY(!session.decode(QStringLiteral("STATE/legacy"), "maybe").isValid());
}

void tst_PayloadSparkplug::malformed_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("hasOffset");
    const QByteArray birth = encoded(QStringLiteral("nbirth.txtpb"));
    QTest::newRow("truncated") << "spBv1.0/g/NBIRTH/n" << birth.left(birth.size() - 4) << true;
    QTest::newRow("JSON instead") << "spBv1.0/g/NDATA/n" << QByteArray(R"({"metrics":[]})") << true;
    // Field 2 (metrics) as a varint: a different schema.
    QTest::newRow("wrong schema") << "spBv1.0/g/NDATA/n" << QByteArray::fromHex("1005") << true;
    QTest::newRow("not a Sparkplug topic") << "plant/temperature" << birth << false;
}

void tst_PayloadSparkplug::malformed()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(bool, hasOffset);
    SparkplugSession session;
    const DecodeResult result = session.decode(topic, payload);
    QVERIFY(!result.isValid());
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(result.errorOffset >= 0, hasOffset);
    QCOMPARE(result.hex, QString::fromLatin1(payload.toHex()));
}

void tst_PayloadSparkplug::encoderCheckedByProtoc()
{
    const PayloadFormat::EncodeResult encoded = SparkplugSession::encode(QStringLiteral(
            R"({"timestamp": 1700000000000, "seq": 4, "metrics": [
                 {"name": "Temperature", "alias": 1, "datatype": "Float", "value": 21.5},
                 {"alias": 2, "datatype": "Int32", "value": -5},
                 {"name": "On", "value": true},
                 {"name": "Counts", "datatype": "Int16Array", "value": [1, -2]}]})"));
    QVERIFY2(encoded.isValid(), qPrintable(encoded.error));
    QString error;
    const QByteArray text = ExternalEncoders::protocDecode(
            {QStringLiteral(SWITCHBOARD_SPARKPLUG_PROTO_DIR)}, QStringLiteral("sparkplug_b.proto"),
            QStringLiteral("org.eclipse.tahu.protobuf.Payload"), encoded.bytes, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(text,
             QByteArray("timestamp: 1700000000000\n"
                        "metrics {\n  name: \"Temperature\"\n  alias: 1\n  datatype: 9\n"
                        "  float_value: 21.5\n}\n"
                        "metrics {\n  alias: 2\n  datatype: 3\n  int_value: 4294967291\n}\n"
                        "metrics {\n  name: \"On\"\n  datatype: 11\n  boolean_value: true\n}\n"
                        "metrics {\n  name: \"Counts\"\n  datatype: 23\n"
                        "  bytes_value: \"\\001\\000\\376\\377\"\n}\n"
                        "seq: 4\n"));
}

void tst_PayloadSparkplug::encoderRefusesBadMetrics()
{
    for (const char *json :
         {R"({"metrics": [{"value": 1}]})", R"({"metrics": [{"name": "a", "datatype": "Nope"}]})",
          R"({"metrics": [{"name": "a", "datatype": "Int32", "value": "x"}]})",
          R"({"seq": 256, "metrics": []})", "12", "{"}) {
        const PayloadFormat::EncodeResult encoded =
                SparkplugSession::encode(QString::fromLatin1(json));
        QVERIFY2(!encoded.isValid(), json);
        QVERIFY(!encoded.error.isEmpty());
    }
}

QTEST_GUILESS_MAIN(tst_PayloadSparkplug)
#include "tst_payload_sparkplug.moc"
