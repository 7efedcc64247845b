// SPDX-License-Identifier: Apache-2.0
// The decoded payload's tree for the detail views: rows per node (name, value, type), parents
// and paths, a failure shows no rows; under QAbstractItemModelTester.
#include "decodedtreemodel.h"
#include "textcodecs.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

std::shared_ptr<const Payload::DecodeResult> reading()
{
    using Payload::Node;
    Node root = Node::map(QStringLiteral("acme.Reading"));
    root.add(QStringLiteral("sensor"),
             Node::scalar(Node::Kind::String, QStringLiteral("boiler"), QStringLiteral("string")));
    root.add(QStringLiteral("value"),
             Node::scalar(Node::Kind::Double, 21.5, QStringLiteral("double")));
    Node samples = Node::array(QStringLiteral("repeated sint32"));
    samples.add(QStringLiteral("0"), Node::scalar(Node::Kind::Integer, qint64(-3)));
    samples.add(QStringLiteral("1"), Node::scalar(Node::Kind::Integer, qint64(4)));
    root.add(QStringLiteral("samples"), samples);
    Node location = Node::map(QStringLiteral("acme.Location"));
    location.add(QStringLiteral("latitude"), Node::scalar(Node::Kind::Double, 48.1));
    root.add(QStringLiteral("location"), location);
    return std::make_shared<const Payload::DecodeResult>(
            Payload::DecodeResult::success(Payload::Decoder::Protobuf, root));
}

} // namespace

class TestDecodedTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowTheTree()
    {
        DecodedTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setResult(reading());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.columnCount(), int(DecodedTreeModel::ColumnCount));
        QCOMPARE(model.rowCount(), 4);
        const QModelIndex value = model.index(1, DecodedTreeModel::ValueColumn);
        QCOMPARE(value.data().toString(), QStringLiteral("21.5"));
        QCOMPARE(model.index(1, DecodedTreeModel::NameColumn).data().toString(),
                 QStringLiteral("value"));
        QCOMPARE(model.index(1, DecodedTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("double"));
        // Where the decoder gives no type (JSON), the kind's word.
        DecodedTreeModel json;
        json.setResult(std::make_shared<const Payload::DecodeResult>(
                Payload::decodeJson("{\"n\":1.5,\"s\":\"x\",\"l\":[true,null],\"i\":3}")));
        QStringList types;
        for (int row = 0; row < json.rowCount(); ++row)
            types << json.index(row, DecodedTreeModel::TypeColumn).data().toString();
        QCOMPARE(types, (QStringList{QStringLiteral("number"), QStringLiteral("string"),
                                     QStringLiteral("array"), QStringLiteral("integer")}));
        QCOMPARE(model.index(0, DecodedTreeModel::ValueColumn).data().toString(),
                 QStringLiteral("boiler"));

        const QModelIndex samples = model.index(2, 0);
        QCOMPARE(model.rowCount(samples), 2);
        QCOMPARE(model.rowCount(model.index(2, 1)), 0); // only column 0 has children
        const QModelIndex second = model.index(1, DecodedTreeModel::ValueColumn, samples);
        QCOMPARE(second.data().toString(), QStringLiteral("4"));
        QCOMPARE(second.parent(), samples);
        QCOMPARE(samples.parent(), QModelIndex());
        QCOMPARE(second.data(DecodedTreeModel::PathRole).toString(), QStringLiteral("samples/1"));
        QCOMPARE(second.data(DecodedTreeModel::KindRole).toInt(), int(Payload::Node::Kind::Integer));

        const QModelIndex latitude = model.findName(QStringLiteral("latitude"));
        QVERIFY(latitude.isValid());
        QCOMPARE(latitude.parent().data().toString(), QStringLiteral("location"));
        QCOMPARE(latitude.siblingAtColumn(DecodedTreeModel::ValueColumn).data().toString(),
                 QStringLiteral("48.1"));
        QVERIFY(!model.findName(QStringLiteral("absent")).isValid());
        QCOMPARE(model.headerData(DecodedTreeModel::TypeColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Type"));
    }

    void aFailureOrNothingShowsNoRows()
    {
        DecodedTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResult(reading());
        QCOMPARE(model.rowCount(), 4);
        model.setResult(std::make_shared<const Payload::DecodeResult>(Payload::DecodeResult::failure(
                Payload::Decoder::Cbor, QByteArray("\xff", 1), 0, QStringLiteral("not CBOR"))));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.result());
        model.setResult(nullptr);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.findName(QStringLiteral("value")).isValid());
    }

    void bigArraysComeInBatches()
    {
        // A root map holding an array of 2500 maps: the view gets FetchBatch rows at a time.
        using Payload::Node;
        Node items = Node::array();
        constexpr int Count = 2 * DecodedTreeModel::FetchBatch + 500;
        for (int i = 0; i < Count; ++i) {
            Node item = Node::map();
            item.add(QStringLiteral("id"), Node::scalar(Node::Kind::Integer, qint64(i)));
            items.add(QString::number(i), item);
        }
        Node root = Node::map();
        root.add(QStringLiteral("items"), items);
        // (QAbstractItemModelTester fetches more as it walks: it checks the model once all is in.)
        DecodedTreeModel model;
        model.setResult(std::make_shared<const Payload::DecodeResult>(
                Payload::DecodeResult::success(Payload::Decoder::Cbor, root)));
        const QModelIndex array = model.index(0, 0);
        QVERIFY(model.hasChildren(array));
        QCOMPARE(model.rowCount(array), DecodedTreeModel::FetchBatch);
        QVERIFY(model.canFetchMore(array));
        QVERIFY(!model.canFetchMore(QModelIndex()));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore(array);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), DecodedTreeModel::FetchBatch);
        QCOMPARE(inserted.at(0).at(2).toInt(), 2 * DecodedTreeModel::FetchBatch - 1);
        model.fetchMore(array);
        QCOMPARE(model.rowCount(array), Count);
        QVERIFY(!model.canFetchMore(array));
        {
            QAbstractItemModelTester tester(&model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        }
        const QModelIndex last = model.index(Count - 1, 0, array);
        QCOMPARE(last.parent(), array);
        const QModelIndex id = model.index(0, DecodedTreeModel::ValueColumn, last);
        QCOMPARE(id.data().toString(), QString::number(Count - 1));
        QCOMPARE(id.data(DecodedTreeModel::PathRole).toString(),
                 QStringLiteral("items/%1/id").arg(Count - 1));
        // A new result starts over with one batch.
        model.setResult(std::make_shared<const Payload::DecodeResult>(
                Payload::DecodeResult::success(Payload::Decoder::Cbor, root)));
        QCOMPARE(model.rowCount(model.index(0, 0)), DecodedTreeModel::FetchBatch);
    }

    void heapBytesGrowWithTheTree()
    {
        const qint64 small = DecodedTreeModel::heapBytes(
                Payload::DecodeResult::success(Payload::Decoder::Json, Payload::Node()));
        const qint64 large = DecodedTreeModel::heapBytes(*reading());
        QVERIFY(small > 0);
        QVERIFY2(large > small + 8 * qint64(sizeof(Payload::Node)),
                 qPrintable(QStringLiteral("%1 vs %2").arg(large).arg(small)));
    }
};

QTEST_GUILESS_MAIN(TestDecodedTreeModel)
#include "tst_decodedtreemodel.moc"
