// SPDX-License-Identifier: Apache-2.0
// The collection file format: a round trip, files written by hand, the example in examples/,
// and load errors that name the file, the line and the reason.
#include "collectionfile.h"
#include "collectionsender.h"

#include <QTemporaryDir>
#include <QTest>

class tst_CollectionFile : public QObject
{
    Q_OBJECT

private:
    static Collection sample()
    {
        Collection collection(QStringLiteral("Devices"));
        collection.setEnvironments(
                {{QStringLiteral("dev"), {{QStringLiteral("HOST"), QStringLiteral("dev.local")}}},
                 {QStringLiteral("production"),
                  {{QStringLiteral("HOST"), QStringLiteral("plant-7")},
                   {QStringLiteral("SITE"), QStringLiteral("Åre \"north\"")}}}});
        CollectionMessage plain;
        plain.topic = QStringLiteral("devices/{{env.HOST}}/ping");
        plain.payload = QStringLiteral("ping {{seq}}");
        collection.root()->appendChild(CollectionNode::entry(QStringLiteral("Ping"), plain));
        CollectionNode *sensors =
                collection.root()->appendChild(CollectionNode::folder(QStringLiteral("Sensors")));
        CollectionMessage full;
        full.topic = QStringLiteral("sensors/{{uuid}}");
        full.payload = QStringLiteral("{\n  \"t\": {{random 18 25}},\n  \"at\": \"{{now}}\"\n}\n");
        full.format = {Payload::Decoder::Cbor, QString()};
        full.qos = Mqtt::QoS::ExactlyOnce;
        full.retain = true;
        full.contentType = QStringLiteral("application/cbor");
        full.payloadIndicator = CollectionMessage::PayloadIndicator::Utf8;
        full.messageExpiryInterval = 4294967295u;
        full.responseTopic = QStringLiteral("replies/{{seq}}");
        full.correlationData = QStringLiteral("0a1b");
        full.correlationFormat = CollectionMessage::CorrelationFormat::Hex;
        full.userProperties = {{QStringLiteral("a"), QStringLiteral("1")},
                               {QStringLiteral("a"), QStringLiteral("2")}};
        sensors->appendChild(CollectionNode::entry(QStringLiteral("Reading"), full));
        CollectionNode *deep = sensors->appendChild(CollectionNode::folder(QStringLiteral("Deep")));
        CollectionMessage numbers;
        numbers.topic = QStringLiteral("n");
        numbers.payload = QStringLiteral("[1, 2]");
        numbers.format = {Payload::Decoder::Numbers, QStringLiteral("int16le")};
        deep->appendChild(CollectionNode::entry(QStringLiteral("Numbers"), numbers));
        sensors->appendChild(CollectionNode::folder(QStringLiteral("Empty")));
        return collection;
    }

private Q_SLOTS:
    void roundTrip()
    {
        const Collection written = sample();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("devices.json"));
        QString error;
        QVERIFY2(CollectionFile::write(written, path, &error), qPrintable(error));
        CollectionFile::LoadError loadError;
        const std::optional<Collection> read = CollectionFile::read(path, &loadError);
        QVERIFY2(read, qPrintable(loadError.text()));
        QVERIFY(*read == written);
        // Written again, the bytes are the same: nothing moves in a diff.
        QCOMPARE(CollectionFile::toJson(*read), CollectionFile::toJson(written));
        // A change is noticed (the comparison can fail).
        Collection changed = written;
        changed.find({QStringLiteral("Sensors"), QStringLiteral("Reading")})
                ->setName(QStringLiteral("Other"));
        QVERIFY(!(changed == written));
    }

    void layoutIsDiffFriendly()
    {
        const QByteArray json = CollectionFile::toJson(sample());
        // One value a line: a multi-line payload is an array of its lines.
        QVERIFY2(json.contains("\"payload\": [\n"), json.constData());
        QVERIFY(json.contains("\"  \\\"t\\\": {{random 18 25}},\",\n"));
        QVERIFY(json.contains("\"version\": 1\n"));
        QVERIFY(json.contains("\"format\": \"numbers:int16le\""));
        QVERIFY(json.contains("\"correlationDataHex\": \"0a1b\""));
    }

    void readsAHandWrittenFile()
    {
        const QByteArray json =
                "{\n"
                "  \"version\": 1,\n"
                "  \"name\": \"Hand made\",\n"
                "  \"environments\": [\n"
                "    {\"name\": \"staging\", \"variables\": {\"HOST\": \"stage-1\"}}\n"
                "  ],\n"
                "  \"items\": [\n"
                "    {\"folder\": \"Lights\", \"items\": [\n"
                "      {\"name\": \"On\", \"topic\": \"lights/{{env.HOST}}/set\", \"payload\": "
                "\"on\"}\n"
                "    ]},\n"
                "    {\"name\": \"Hello\", \"topic\": \"hello\", \"format\": \"json\", \"qos\": "
                "1,\n"
                "     \"payload\": [\"{\", \"  \\\"n\\\": {{seq}}\", \"}\"]}\n"
                "  ]\n"
                "}\n";
        CollectionFile::LoadError error;
        const std::optional<Collection> collection =
                CollectionFile::fromJson(json, QStringLiteral("hand.json"), &error);
        QVERIFY2(collection, qPrintable(error.text()));
        QCOMPARE(collection->name(), "Hand made");
        QCOMPARE(collection->environments().size(), 1);
        const CollectionNode *on =
                collection->find({QStringLiteral("Lights"), QStringLiteral("On")});
        QVERIFY(on);
        QCOMPARE(on->message().topic, "lights/{{env.HOST}}/set");
        QCOMPARE(on->message().qos, Mqtt::QoS::AtMostOnce);
        QCOMPARE(on->message().format.decoder, Payload::Decoder::Text);
        const CollectionNode *hello = collection->find({QStringLiteral("Hello")});
        QCOMPARE(hello->message().payload, "{\n  \"n\": {{seq}}\n}");
        QCOMPARE(hello->message().qos, Mqtt::QoS::AtLeastOnce);
        QCOMPARE(hello->message().format.decoder, Payload::Decoder::Json);
    }

    void scriptEntryRoundTrip()
    {
        Collection written = sample();
        CollectionMessage script;
        script.kind = CollectionMessage::Kind::Script;
        script.script = QStringLiteral("test(\"ping\", () => {\n  connect(env(\"MQTT_URL\"));\n"
                                       "  log(\"{{not expanded}}\");\n});");
        written.find({QStringLiteral("Sensors")})
                ->appendChild(CollectionNode::entry(QStringLiteral("Check"), script));
        const QByteArray json = CollectionFile::toJson(written);
        // Version 2 (script entries), the source as an array of its lines, no message keys.
        QVERIFY2(json.contains("\"version\": 2\n"), json.constData());
        QVERIFY2(json.contains("\"script\": [\n"), json.constData());
        QVERIFY(json.contains("\"  connect(env(\\\"MQTT_URL\\\"));\",\n"));
        CollectionFile::LoadError error;
        const std::optional<Collection> read =
                CollectionFile::fromJson(json, QStringLiteral("s.json"), &error);
        QVERIFY2(read, qPrintable(error.text()));
        QVERIFY(*read == written);
        const CollectionNode *check =
                read->find({QStringLiteral("Sensors"), QStringLiteral("Check")});
        QVERIFY(check);
        QVERIFY(check->message().isScript());
        QCOMPARE(check->message().script, script.script);
        QCOMPARE(CollectionFile::toJson(*read), json);
        // Another source is noticed (the comparison can fail).
        Collection changed = written;
        CollectionMessage other = script;
        other.script += u' ';
        changed.find({QStringLiteral("Sensors"), QStringLiteral("Check")})->setMessage(other);
        QVERIFY(!(changed == written));
        // Without a script entry the file stays version 1, for older builds.
        QVERIFY(CollectionFile::toJson(sample()).contains("\"version\": 1\n"));
    }

    void readsAHandWrittenVersion1FileWithAScript()
    {
        const QByteArray json = "{\n"
                                "  \"version\": 1,\n"
                                "  \"items\": [\n"
                                "    {\"name\": \"One line\", \"script\": \"log(1)\"},\n"
                                "    {\"name\": \"Lines\", \"script\": [\"let a = 1;\", "
                                "\"log(a)\"]},\n"
                                "    {\"name\": \"Hello\", \"topic\": \"hello\"}\n"
                                "  ]\n"
                                "}\n";
        CollectionFile::LoadError error;
        const std::optional<Collection> collection =
                CollectionFile::fromJson(json, QStringLiteral("v1.json"), &error);
        QVERIFY2(collection, qPrintable(error.text()));
        const CollectionNode *one = collection->find({QStringLiteral("One line")});
        QVERIFY(one && one->message().isScript());
        QCOMPARE(one->message().script, "log(1)");
        const CollectionNode *lines = collection->find({QStringLiteral("Lines")});
        QVERIFY(lines && lines->message().isScript());
        QCOMPARE(lines->message().script, "let a = 1;\nlog(a)");
        const CollectionNode *hello = collection->find({QStringLiteral("Hello")});
        QVERIFY(hello && !hello->message().isScript());
    }

    void nameDefaultsToTheFile()
    {
        CollectionFile::LoadError error;
        const auto collection = CollectionFile::fromJson(R"({"version": 1})",
                                                         QStringLiteral("/x/garden.json"), &error);
        QVERIFY2(collection, qPrintable(error.text()));
        QCOMPARE(collection->name(), "garden");
    }

    void loadErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("words");
        QTest::newRow("not json") << QByteArray("{\n  \"version\": 1,\n  oops\n}") << 3
                                  << "not valid JSON";
        QTest::newRow("no version") << QByteArray("{\n  \"name\": \"x\"\n}") << 1 << "version";
        QTest::newRow("newer version")
                << QByteArray("{\n  \"version\": 9\n}") << 2 << "newer Switchboard";
        QTest::newRow("bad qos") << QByteArray("{\n \"version\": 1,\n \"items\": [\n  {\"name\": "
                                               "\"a\", \"topic\": \"t\",\n   \"qos\": 3}\n ]\n}")
                                 << 5 << "QoS must be 0, 1 or 2";
        QTest::newRow("unknown key")
                << QByteArray("{\n \"version\": 1,\n \"items\": [\n  {\"name\": "
                              "\"a\", \"topic\": \"t\",\n\n   \"qso\": 1}]}")
                << 6 << "unknown key \"qso\"";
        QTest::newRow("missing topic")
                << QByteArray("{\"version\": 1,\n\"items\": [{\"folder\": \"f\", \"items\": [\n"
                              "{\"name\": \"a\"}]}]}")
                << 3 << "\"topic\" is missing";
        QTest::newRow("bad format")
                << QByteArray("{\"version\": 1, \"items\": [\n{\"name\": \"a\", \"topic\": \"t\",\n"
                              "\"format\": \"mp3\"}]}")
                << 3 << "mp3";
        QTest::newRow("payload line not text")
                << QByteArray("{\"version\": 1, \"items\": [{\"name\": \"a\", \"topic\": \"t\",\n"
                              "\"payload\": [\"a\",\n 5]}]}")
                << 3 << "a line of \"payload\" must be a string";
        QTest::newRow("bad environment variable")
                << QByteArray("{\"version\": 1,\n\"environments\": [{\"name\": \"dev\",\n"
                              "\"variables\": {\"9x\": \"v\"}}]}")
                << 3 << "not a variable name";
        QTest::newRow("script with a topic")
                << QByteArray("{\"version\": 2, \"items\": [\n{\"name\": \"s\", \"script\": "
                              "\"log(1)\",\n\"topic\": \"t\"}]}")
                << 3 << "unknown key \"topic\"";
        QTest::newRow("script line not a string")
                << QByteArray("{\"version\": 2, \"items\": [{\"name\": \"s\", \"script\": [\n"
                              "\"log(1)\", 7]}]}")
                << 2 << "a line of \"script\" must be a string";
        QTest::newRow("duplicate environment")
                << QByteArray("{\"version\": 1, \"environments\": [{\"name\": \"dev\"},\n"
                              "{\"name\": \"dev\"}]}")
                << 2 << "second environment";
    }
    void loadErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, line);
        QFETCH(QString, words);
        CollectionFile::LoadError error;
        QVERIFY(!CollectionFile::fromJson(json, QStringLiteral("team.json"), &error));
        QVERIFY2(error.reason.contains(words), qPrintable(error.text()));
        QCOMPARE(error.line, line);
        QVERIFY(error.text().startsWith(QStringLiteral("team.json:%1:").arg(line)));
    }

    void missingFileIsNamed()
    {
        CollectionFile::LoadError error;
        QVERIFY(!CollectionFile::read(QStringLiteral("/nonexistent/x.json"), &error));
        QVERIFY2(error.text().contains(QStringLiteral("/nonexistent/x.json")),
                 qPrintable(error.text()));
    }

    // The README's example loads and each of its entries makes a message.
    void exampleLoadsAndSends()
    {
        CollectionFile::LoadError error;
        const std::optional<Collection> demo = CollectionFile::read(
                QStringLiteral(SWITCHBOARD_SOURCE_DIR "/examples/collections/demo.json"), &error);
        QVERIFY2(demo, qPrintable(error.text()));
        QVERIFY(demo->environments().size() >= 2);
        CollectionSender sender;
        QList<const CollectionNode *> entries;
        std::function<void(const CollectionNode *)> collect = [&](const CollectionNode *node) {
            for (int row = 0; row < node->childCount(); ++row) {
                if (node->child(row)->isFolder())
                    collect(node->child(row));
                else
                    entries << node->child(row);
            }
        };
        collect(demo->root());
        QVERIFY(entries.size() >= 3);
        for (const Environment &environment : demo->environments()) {
            sender.setActiveEnvironment(environment.name);
            for (const CollectionNode *entry : entries) {
                const CollectionSender::Prepared prepared =
                        sender.prepare(*entry, demo->environments(), Variables::Context::current());
                QVERIFY2(prepared.isValid(),
                         qPrintable(entry->path() + QStringLiteral(": ") + prepared.error));
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_CollectionFile)
#include "tst_collectionfile.moc"
