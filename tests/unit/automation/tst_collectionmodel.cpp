// SPDX-License-Identifier: Apache-2.0
// CollectionModel under QAbstractItemModelTester: loading a folder, adding, renaming, moving
// (also by drag and drop) and removing, each change written to the collection's file; and
// CollectionSender's environments and counters.
#include "collectionmodel.h"
#include "collectionsender.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class tst_CollectionModel : public QObject
{
    Q_OBJECT

private:
    static CollectionMessage message(const QString &topic, const QString &payload = QString())
    {
        CollectionMessage message;
        message.topic = topic;
        message.payload = payload;
        return message;
    }
    static Collection reread(const CollectionModel &model, int row)
    {
        CollectionFile::LoadError error;
        const std::optional<Collection> collection =
                CollectionFile::read(model.filePath(row), &error);
        if (!collection)
            qWarning() << error.text();
        return collection.value_or(Collection());
    }

private Q_SLOTS:
    void editsAreSaved()
    {
        QTemporaryDir dir;
        CollectionModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setDirectory(dir.path()).isEmpty());
        QCOMPARE(model.rowCount(), 0);

        const QModelIndex devices = model.addCollection(Collection(QStringLiteral("My devices")));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.kind(devices), CollectionModel::Kind::Collection);
        QVERIFY(model.filePath(0).endsWith(QStringLiteral("/My-devices.json")));
        QVERIFY(QFile::exists(model.filePath(0)));

        const QModelIndex lights = model.addFolder(devices, QStringLiteral("Lights"));
        const QModelIndex on = model.addEntry(lights, QStringLiteral("On"), message("l/on", "1"));
        const QModelIndex off = model.addEntry(on, QStringLiteral("Off"), message("l/off", "0"));
        QCOMPARE(model.rowCount(lights), 2); // an entry's "parent" for a new one is its folder
        QCOMPARE(model.kind(off), CollectionModel::Kind::Entry);
        QCOMPARE(off.parent(), lights);
        QCOMPARE(model.data(on, CollectionModel::TopicRole).toString(), "l/on");
        QVERIFY(model.data(on, CollectionModel::SearchTextRole).toString().contains("l/on"));
        QVERIFY(!(model.flags(on) & Qt::ItemIsDropEnabled));
        QVERIFY(model.flags(lights) & Qt::ItemIsDropEnabled);

        QVERIFY(model.setData(on, QStringLiteral("Switch on")));
        QVERIFY(!model.setData(on, QStringLiteral("  "))); // names are not blank
        CollectionMessage changed = message("l/on", "ON");
        changed.qos = Mqtt::QoS::AtLeastOnce;
        QVERIFY(model.setMessage(model.index(0, 0, lights), changed));

        Collection saved = reread(model, 0);
        QCOMPARE(saved.name(), "My devices");
        const CollectionNode *switchOn =
                saved.find({QStringLiteral("Lights"), QStringLiteral("Switch on")});
        QVERIFY(switchOn);
        QVERIFY(switchOn->message() == changed);

        // Moved out of the folder to the top of the collection, then the folder removed.
        QVERIFY(model.moveNode(model.index(1, 0, lights), devices, 0));
        QCOMPARE(model.index(0, 0, devices).data().toString(), "Off");
        QVERIFY(!model.moveNode(lights, model.index(0, 0, lights), 0)); // not into itself
        QVERIFY(!model.moveNode(devices, lights, 0)); // collections stay on top
        QSignalSpy removed(&model, &CollectionModel::nodeAboutToBeRemoved);
        QVERIFY(model.removeNode(model.index(1, 0, devices)));
        QCOMPARE(removed.count(), 1);
        saved = reread(model, 0);
        QCOMPARE(saved.root()->childCount(), 1);
        QCOMPARE(saved.root()->child(0)->name(), "Off");

        // A second model over the folder sees the same.
        CollectionModel again;
        QVERIFY(again.setDirectory(dir.path()).isEmpty());
        QCOMPARE(again.rowCount(), 1);
        QVERIFY(again.collection(0) == model.collection(0));

        // Removing a collection removes its file.
        const QString path = model.filePath(0);
        QVERIFY(model.removeNode(devices));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(model.rowCount(), 0);
    }

    void movesWithinAFolder()
    {
        QTemporaryDir dir;
        CollectionModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDirectory(dir.path());
        const QModelIndex root = model.addCollection(Collection(QStringLiteral("c")));
        for (const char *name : {"a", "b", "c"})
            model.addEntry(root, QString::fromLatin1(name), message("t"));
        const auto names = [&] {
            QStringList list;
            for (int row = 0; row < model.rowCount(root); ++row)
                list << model.index(row, 0, root).data().toString();
            return list;
        };
        QVERIFY(model.moveNode(model.index(0, 0, root), root, 3)); // a to the end
        QCOMPARE(names(), QStringList({"b", "c", "a"}));
        QVERIFY(model.moveNode(model.index(2, 0, root), root, 0)); // and back
        QCOMPARE(names(), QStringList({"a", "b", "c"}));
        QVERIFY(model.moveNode(model.index(0, 0, root), root, 2)); // a between b and c
        QCOMPARE(names(), QStringList({"b", "a", "c"}));
    }

    void dragAndDropMoves()
    {
        QTemporaryDir dir;
        CollectionModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDirectory(dir.path());
        const QModelIndex one = model.addCollection(Collection(QStringLiteral("one")));
        const QModelIndex two = model.addCollection(Collection(QStringLiteral("two")));
        const QModelIndex folder = model.addFolder(two, QStringLiteral("f"));
        const QModelIndex entry = model.addEntry(one, QStringLiteral("e"), message("t"));
        std::unique_ptr<QMimeData> data(model.mimeData({entry}));
        QVERIFY(data);
        QVERIFY(!model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, QModelIndex()));
        QVERIFY(model.canDropMimeData(data.get(), Qt::MoveAction, -1, 0, folder));
        QVERIFY(model.dropMimeData(data.get(), Qt::MoveAction, -1, 0, folder));
        QCOMPARE(model.rowCount(one), 0);
        QCOMPARE(model.index(0, 0, folder).data().toString(), "e");
        // Both files follow: the entry left one and arrived in two.
        QCOMPARE(reread(model, 0).root()->childCount(), 0);
        QVERIFY(reread(model, 1).find({QStringLiteral("f"), QStringLiteral("e")}));
        // A folder does not go into itself.
        std::unique_ptr<QMimeData> folderData(model.mimeData({folder}));
        QVERIFY(!model.canDropMimeData(folderData.get(), Qt::MoveAction, -1, 0, folder));
    }

    void badFilesAreNamed()
    {
        QTemporaryDir dir;
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\n  \"version\": 1,\n  \"items\": 5\n}\n");
        bad.close();
        CollectionModel model;
        const QList<CollectionFile::LoadError> errors = model.setDirectory(dir.path());
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().line, 3);
        QVERIFY(errors.first().text().contains(QStringLiteral("bad.json:3:")));
        QCOMPARE(model.rowCount(), 0);
    }

    void importAndExport()
    {
        QTemporaryDir dir;
        CollectionModel model;
        model.setDirectory(dir.filePath(QStringLiteral("store")));
        Collection outside(QStringLiteral("Shared"));
        outside.root()->appendChild(CollectionNode::entry(QStringLiteral("x"), message("t/x")));
        QString error;
        QVERIFY(CollectionFile::write(outside, dir.filePath(QStringLiteral("shared.json")), &error));
        CollectionFile::LoadError loadError;
        const QModelIndex imported =
                model.importFile(dir.filePath(QStringLiteral("shared.json")), &loadError);
        QVERIFY2(imported.isValid(), qPrintable(loadError.text()));
        QVERIFY(model.filePath(0).startsWith(dir.filePath(QStringLiteral("store"))));
        QVERIFY(model.exportCollection(0, dir.filePath(QStringLiteral("out.json")), &error));
        QVERIFY(*CollectionFile::read(dir.filePath(QStringLiteral("out.json")), &loadError) ==
                outside);
        // A second import of the same name gets a file of its own.
        QVERIFY(model.importFile(dir.filePath(QStringLiteral("shared.json")), &loadError).isValid());
        QVERIFY(model.filePath(0) != model.filePath(1));
    }

    void environmentSwitchChangesExpansion()
    {
        Collection collection(QStringLiteral("c"));
        collection.setEnvironments(
                {{QStringLiteral("dev"), {{QStringLiteral("HOST"), QStringLiteral("dev-1")}}},
                 {QStringLiteral("production"),
                  {{QStringLiteral("HOST"), QStringLiteral("prod-9")}}}});
        CollectionNode *entry = collection.root()->appendChild(CollectionNode::entry(
                QStringLiteral("e"), message("devices/{{env.HOST}}/cmd", "to {{env.HOST}}")));
        CollectionSender sender;
        const auto prepare = [&] {
            return sender.prepare(*entry, collection.environments(), Variables::Context::current());
        };
        CollectionSender::Prepared prepared = prepare();
        QVERIFY(!prepared.isValid()); // none active
        QVERIFY2(prepared.error.contains(QStringLiteral("Topic, line 1, column 11")),
                 qPrintable(prepared.error));
        sender.setActiveEnvironment(QStringLiteral("dev"));
        prepared = prepare();
        QVERIFY2(prepared.isValid(), qPrintable(prepared.error));
        QCOMPARE(prepared.message.topic, "devices/dev-1/cmd");
        QCOMPARE(prepared.message.payload, "to dev-1");
        sender.setActiveEnvironment(QStringLiteral("production"));
        prepared = prepare();
        QCOMPARE(prepared.message.topic, "devices/prod-9/cmd");
        QCOMPARE(prepared.message.payload, "to prod-9");
        sender.setActiveEnvironment(QStringLiteral("staging")); // not in this collection
        QVERIFY(prepare().error.contains(QStringLiteral("\"staging\" has no HOST")));
    }

    void preparedMessages()
    {
        Collection collection(QStringLiteral("c"));
        CollectionMessage source = message("t/{{seq}}", "{\"n\": {{seq}}}");
        source.format = {Payload::Decoder::Cbor, QString()};
        source.qos = Mqtt::QoS::AtLeastOnce;
        source.retain = true;
        source.contentType = QStringLiteral("application/cbor");
        source.responseTopic = QStringLiteral("r/{{seq}}");
        source.correlationData = QStringLiteral("{{seq}}");
        source.userProperties = {{QStringLiteral("n"), QStringLiteral("{{seq}}")}};
        CollectionNode *entry =
                collection.root()->appendChild(CollectionNode::entry(QStringLiteral("e"), source));
        CollectionSender sender;
        Variables::Context context = Variables::Context::current();
        context.sequence = 3;
        CollectionSender::Prepared prepared = sender.prepare(*entry, {}, context);
        QVERIFY2(prepared.isValid(), qPrintable(prepared.error));
        QCOMPARE(prepared.message.topic, "t/3");
        QCOMPARE(prepared.message.payload.toHex(), "a1616e03"); // CBOR {"n": 3}
        QCOMPARE(prepared.message.qos, Mqtt::QoS::AtLeastOnce);
        QVERIFY(prepared.message.retain);
        const Mqtt::Properties &properties = prepared.message.properties;
        QCOMPARE(properties.string(Mqtt::PropertyId::ResponseTopic), "r/3");
        QCOMPARE(properties.binary(Mqtt::PropertyId::CorrelationData), "3");
        QCOMPARE(properties.userProperties().value(0).second, "3");
        // On 3.1.1 the properties stay out.
        prepared = sender.prepare(*entry, {}, context, CollectionSender::Properties::Without);
        QVERIFY(prepared.message.properties.isEmpty());

        // A payload that does not encode after expansion says where, in the text as sent.
        source.payload = QStringLiteral("{\"n\": {{seq}}");
        entry->setMessage(source);
        prepared = sender.prepare(*entry, {}, context);
        QVERIFY(!prepared.isValid());
        QVERIFY2(prepared.error.startsWith(QStringLiteral("Payload as sent, line 1")),
                 qPrintable(prepared.error));
        // A bad template in the payload names its line and column.
        source.payload = QStringLiteral("{\n  \"n\": {{sq}}\n}");
        entry->setMessage(source);
        prepared = sender.prepare(*entry, {}, context);
        QVERIFY2(prepared.error.startsWith(QStringLiteral("Payload, line 2, column 10: unknown")),
                 qPrintable(prepared.error));
        // A topic that expands to a wildcard is refused.
        source = message("t/{{env.X}}");
        entry->setMessage(source);
        Collection withX(QStringLiteral("x"));
        sender.setActiveEnvironment(QStringLiteral("e"));
        prepared = sender.prepare(
                *entry, {{QStringLiteral("e"), {{QStringLiteral("X"), QStringLiteral("#")}}}},
                context);
        QVERIFY2(prepared.error.startsWith(QStringLiteral("Topic: ")), qPrintable(prepared.error));
        QCOMPARE(sender.nextSequence(entry), 1u);
    }
};

QTEST_GUILESS_MAIN(tst_CollectionModel)
#include "tst_collectionmodel.moc"
