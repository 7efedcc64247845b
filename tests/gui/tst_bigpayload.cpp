// SPDX-License-Identifier: Apache-2.0
// Big payloads in the real MainWindow (offscreen) against a real mosquitto: a 10 MiB payload
// published by mosquitto_pub arrives whole (size and checksum), its log row shows a bounded
// preview, the detail view shows a bounded part formatted off the UI thread with how much it
// shows, "Show all" loads the rest, and a result that comes after the selection moved on is
// dropped. A 10 MiB CBOR payload (made by Python's cbor2) under a rule is decoded off the UI
// thread ("Decoding…", then its tree), and two 10 MiB JSON payloads are compared off it.
#include "guitesthelpers.h"
#include "windowsteps.h"

#include "boundeddisplay.h"
#include "decodedpayloadview.h"
#include "decodedtreemodel.h"
#include "diffdialog.h"
#include "diffview.h"
#include "externalencoders.h"
#include "mainwindow.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "payloaddecodingcontroller.h"
#include "payloadtextview.h"
#include "profilestore.h"
#include "secretstore.h"

#include <QCryptographicHash>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeView>

#include <memory>

namespace {
constexpr qsizetype BigSize = 10 * 1024 * 1024;
constexpr int Timeout = 60000; // formatting 10 MiB on a busy machine

QByteArray bigJson()
{
    QByteArray json("[");
    for (int i = 0; json.size() < BigSize - 64; ++i)
        json += (i ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i) +
                ",\"name\":\"sensor\"}";
    json += ']';
    return json;
}

// About 10 MiB of CBOR by Python's cbor2: {"count": n, "readings": [{"id": i, "name":
// "sensor-i", "value": i / 2}, ...], "last": "end"}.
constexpr int CborReadings = 240000;
QByteArray bigCbor(QString *error)
{
    return ExternalEncoders::pythonBytes(
            QStringLiteral("cbor2"),
            QStringLiteral("cbor2.dumps({'count': %1, 'readings': [{'id': i, 'name': 'sensor-%d' "
                           "% i, 'value': i / 2} for i in range(%1)], 'last': 'end'})")
                    .arg(CborReadings),
            error);
}

// The value shown beside the first row of that name (of the rows fetched) in the decoded tree.
QString decodedValue(DecodedPayloadView *view, const QString &name)
{
    const QModelIndex found = view->model()->findName(name);
    return found.isValid() ? found.siblingAtColumn(DecodedTreeModel::ValueColumn).data().toString()
                           : QStringLiteral("<no %1>").arg(name);
}
} // namespace

class TestBigPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void bigPayloadArrivesWholeAndShowsInPart();
    void staleResultIsDropped();
    void bigCborUnderARuleShowsItsTreeDecodedOffTheThread();
    void bigJsonPayloadsAreComparedOffTheThread();

private:
    // Publishes the payload with mosquitto_pub -f and waits for its row; its source row.
    int publishAndWait(const QString &topic, const QByteArray &payload);
    int proxyRow(int sourceRow) const;

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestBigPayload::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_bigpayload"));
    QFile::remove(QSettings().fileName());
    QFile::remove(ProfileStore().fileName());
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), m_window->currentWorkspace(),
                                             m_broker->host(), m_broker->port(),
                                             QStringLiteral("big/#")));
}

void TestBigPayload::cleanupTestCase()
{
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

int TestBigPayload::publishAndWait(const QString &topic, const QByteArray &payload)
{
    const QString file = m_dir.filePath(QString(topic).replace(QLatin1Char('/'), '_'));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(payload) != payload.size())
        return -1;
    out.close();
    MessageLogModel *log = m_window->messageLog();
    const int rowsBefore = log->rowCount();
    QProcess publisher;
    publisher.start(QStringLiteral("mosquitto_pub"),
                    {QStringLiteral("-h"), m_broker->host(), QStringLiteral("-p"),
                     QString::number(m_broker->port()), QStringLiteral("-q"), QStringLiteral("1"),
                     QStringLiteral("-t"), topic, QStringLiteral("-f"), file});
    if (!QTest::qWaitFor([&] { return log->rowCount() > rowsBefore; }, Timeout))
        return -1;
    publisher.waitForFinished(10000);
    return log->rowCount() - 1;
}

int TestBigPayload::proxyRow(int sourceRow) const
{
    MessageFilterProxyModel *proxy = m_window->messageProxy();
    return proxy->mapFromSource(m_window->messageLog()->index(sourceRow, 0)).row();
}

void TestBigPayload::bigPayloadArrivesWholeAndShowsInPart()
{
    const QByteArray payload = bigJson();
    const int row = publishAndWait(QStringLiteral("big/json"), payload);
    QVERIFY(row >= 0);

    // Whole: the engine and the broker let 10 MiB through, the log keeps every byte.
    MessageLogModel *log = m_window->messageLog();
    const QByteArray stored = log->payloadAt(row);
    QCOMPARE(stored.size(), payload.size());
    QCOMPARE(QCryptographicHash::hash(stored, QCryptographicHash::Sha256),
             QCryptographicHash::hash(payload, QCryptographicHash::Sha256));
    // The log's cell is a short preview.
    const QString cell =
            log->index(row, MessageLogModel::PayloadColumn).data(Qt::DisplayRole).toString();
    QVERIFY(cell.size() <= MessageLogModel::PreviewLength + 1);
    QVERIFY(cell.startsWith(QLatin1String("[{\"id\":0,")));

    // Selected: the detail view formats it off the UI thread, then shows a bounded part.
    MessageLogPane *pane = m_window->messageLogPane();
    PayloadTextView *view = pane->payloadTextView();
    pane->selectRow(proxyRow(row));
    QCOMPARE(view->state(), PayloadTextView::State::Decoding);
    QVERIFY(view->noticeText().startsWith(QLatin1String("Decoding")));
    QTRY_COMPARE_WITH_TIMEOUT(view->state(), PayloadTextView::State::Bounded, Timeout);
    const QString pretty = PayloadFormat::toPrettyJson(payload);
    QVERIFY(pane->detailText().size() <= PayloadFormat::PreviewBytes);
    QVERIFY(pane->detailText().size() > PayloadFormat::PreviewBytes / 2);
    QVERIFY(pretty.startsWith(pane->detailText()));
    QCOMPARE(view->noticeText(), QStringLiteral("Showing %1 of %2 of pretty-printed JSON")
                                         .arg(PayloadFormat::sizeText(pane->detailText().size()),
                                              PayloadFormat::sizeText(pretty.size())));
    auto *showAll = child<QPushButton>(view, "showAllButton");
    QVERIFY(showAll->isVisible());

    // "Show all": the rest, formatted off the UI thread and fed to the view in pieces.
    QTest::mouseClick(showAll, Qt::LeftButton);
    QCOMPARE(view->state(), PayloadTextView::State::Loading);
    QTRY_COMPARE_WITH_TIMEOUT(view->state(), PayloadTextView::State::Complete, Timeout);
    QVERIFY(!showAll->isVisible());
    QCOMPARE(pane->detailText().size(), pretty.size());
    QVERIFY(pane->detailText() == pretty);
    QCOMPARE(view->noticeText(),
             QStringLiteral("Showing all %1").arg(PayloadFormat::sizeText(pretty.size())));
}

void TestBigPayload::staleResultIsDropped()
{
    QByteArray binary(BigSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < binary.size(); ++i)
        binary[i] = char((i * 131) ^ (i >> 9));
    const int bigRow = publishAndWait(QStringLiteral("big/binary"), binary);
    QVERIFY(bigRow >= 0);
    QCOMPARE(m_window->messageLog()->payloadAt(bigRow).size(), binary.size());
    const int smallRow = publishAndWait(QStringLiteral("big/small"), "small one");
    QVERIFY(smallRow >= 0);

    // The big one is chosen, then the small one before the big one's dump is ready.
    MessageLogPane *pane = m_window->messageLogPane();
    PayloadTextView *view = pane->payloadTextView();
    pane->selectRow(proxyRow(bigRow));
    QCOMPARE(view->state(), PayloadTextView::State::Decoding);
    pane->selectRow(proxyRow(smallRow));
    QCOMPARE(view->state(), PayloadTextView::State::Complete);
    QCOMPARE(pane->detailText(), QStringLiteral("small one"));
    // The big one's result comes and is dropped.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(pane->detailText(), QStringLiteral("small one"));
    QCOMPARE(view->noticeText(), QString());

    // Chosen again, its hex dump shows the first 64 KiB and says so.
    pane->selectRow(proxyRow(bigRow));
    QTRY_COMPARE_WITH_TIMEOUT(view->state(), PayloadTextView::State::Bounded, Timeout);
    QVERIFY(PayloadFormat::toHexDump(binary.first(PayloadFormat::PreviewBytes)) ==
            pane->detailText());
    QCOMPARE(view->noticeText(), QStringLiteral("Showing %1 of %2")
                                         .arg(PayloadFormat::sizeText(PayloadFormat::PreviewBytes),
                                              PayloadFormat::sizeText(BigSize)));
}

void TestBigPayload::bigCborUnderARuleShowsItsTreeDecodedOffTheThread()
{
    QString error;
    const QByteArray cbor = bigCbor(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(cbor.size() > BigSize * 9 / 10);
    const auto rule = Payload::DecodeRule::fromString(u"big/cbor/#=cbor", &error);
    QVERIFY2(rule, qPrintable(error));
    m_window->payloadDecoding()->setDecoding(m_window->currentWorkspace(),
                                             Payload::DecodeRules({*rule}), {});
    const int bigRow = publishAndWait(QStringLiteral("big/cbor/all"), cbor);
    QVERIFY(bigRow >= 0);
    // A small payload under the same rule: CBOR {"count": 7}, made by cbor2 as well.
    const QByteArray small = ExternalEncoders::pythonBytes(
            QStringLiteral("cbor2"), QStringLiteral("cbor2.dumps({'count': 7})"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const int smallRow = publishAndWait(QStringLiteral("big/cbor/one"), small);
    QVERIFY(smallRow >= 0);

    // Automatic: the rule's tree, decoded off the UI thread, "Decoding…" meanwhile.
    MessageLogPane *pane = m_window->messageLogPane();
    DecodedPayloadView *view = pane->decodedView();
    QCOMPARE(pane->detailFormat(), MessageLogPane::DetailFormat::Automatic);
    pane->selectRow(proxyRow(bigRow));
    QVERIFY(pane->isDecodedShown());
    QVERIFY(view->isDecoding());
    QCOMPARE(view->summaryText(),
             QStringLiteral("Decoding %1…").arg(PayloadFormat::sizeText(cbor.size())));
    QCOMPARE(view->model()->rowCount(), 0);

    // Stale: the small one is chosen before the big one is decoded; the big one's result,
    // when it comes, is dropped.
    pane->selectRow(proxyRow(smallRow));
    QVERIFY(!view->isDecoding());
    QCOMPARE(decodedValue(view, QStringLiteral("count")), QStringLiteral("7"));
    QSignalSpy decoded(view, &DecodedPayloadView::decoded);
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(decoded.count(), 0);
    QCOMPARE(decodedValue(view, QStringLiteral("count")), QStringLiteral("7"));
    QCOMPARE(view->model()->rowCount(), 1);

    // Chosen again: decoded, its tree with the right values, its big array fetched in part.
    pane->selectRow(proxyRow(bigRow));
    QVERIFY(view->isDecoding());
    QVERIFY(decoded.wait(Timeout));
    QVERIFY(!view->isDecoding());
    QCOMPARE(view->summaryText(), QStringLiteral("Decoded as CBOR (rule big/cbor/#)"));
    QCOMPARE(decodedValue(view, QStringLiteral("count")), QString::number(CborReadings));
    QCOMPARE(decodedValue(view, QStringLiteral("last")), QStringLiteral("end"));
    QCOMPARE(decodedValue(view, QStringLiteral("name")), QStringLiteral("sensor-0"));
    const QModelIndex readings = view->model()->findName(QStringLiteral("readings"));
    QVERIFY(readings.isValid());
    QCOMPARE(view->model()->rowCount(readings), DecodedTreeModel::FetchBatch);
    QVERIFY(view->model()->canFetchMore(readings));
    const QModelIndex lastShown = view->model()->index(DecodedTreeModel::FetchBatch - 1,
                                                       DecodedTreeModel::NameColumn, readings);
    const QModelIndex value = view->model()->index(2, DecodedTreeModel::ValueColumn, lastShown);
    QCOMPARE(value.siblingAtColumn(DecodedTreeModel::NameColumn).data().toString(),
             QStringLiteral("value"));
    QCOMPARE(value.data().toString(), QStringLiteral("499.5"));
    QVERIFY(view->treeView()->isExpanded(readings));

    // The same message shown again (a rule change elsewhere, the log's rows moving) keeps it.
    pane->refreshDecoding();
    QVERIFY(!view->isDecoding());
    QCOMPARE(decodedValue(view, QStringLiteral("last")), QStringLiteral("end"));
    m_window->payloadDecoding()->setDecoding(m_window->currentWorkspace(), {}, {});
}

void TestBigPayload::bigJsonPayloadsAreComparedOffTheThread()
{
    QByteArray older = bigJson();
    QByteArray newer = older;
    // One value differs: {"id":1,"name":"sensor"} becomes "sensors".
    const qsizetype at = newer.indexOf("\"sensor\"", newer.indexOf("{\"id\":1,"));
    newer.replace(at, 8, "\"sensors\"");
    QVERIFY(publishAndWait(QStringLiteral("big/compare"), older) >= 0);
    const int newRow = publishAndWait(QStringLiteral("big/compare"), newer);
    QVERIFY(newRow >= 0);
    MessageLogPane *pane = m_window->messageLogPane();
    pane->selectRow(proxyRow(newRow));
    DiffDialog *dialog = pane->compareWithPrevious();
    QVERIFY(dialog);
    QVERIFY(dialog->isComparing());
    auto *status = child<QLabel>(dialog, "diffComparingLabel");
    QCOMPARE(status->text(), QStringLiteral("Comparing %1 with %2…")
                                     .arg(PayloadFormat::sizeText(older.size()),
                                          PayloadFormat::sizeText(newer.size())));
    QSignalSpy compared(dialog, &DiffDialog::compared);
    QVERIFY(compared.wait(Timeout));
    QVERIFY(!dialog->isComparing());
    QVERIFY(!status->isVisible());
    QVERIFY2(dialog->view()->summaryText().contains(QStringLiteral("1 changed")),
             qPrintable(dialog->view()->summaryText()));
    QVERIFY2(dialog->newDescription().endsWith(QStringLiteral("guessed: JSON")),
             qPrintable(dialog->newDescription()));
    dialog->close();
}

QTEST_MAIN(TestBigPayload)
#include "tst_bigpayload.moc"
