// SPDX-License-Identifier: Apache-2.0
// Big payloads in the real MainWindow (offscreen) against a real mosquitto: a 10 MiB payload
// published by mosquitto_pub arrives whole (size and checksum), its log row shows a bounded
// preview, the detail view shows a bounded part formatted off the UI thread with how much it
// shows, "Show all" loads the rest, and a result that comes after the selection moved on is
// dropped.
#include "guitesthelpers.h"
#include "windowsteps.h"

#include "boundeddisplay.h"
#include "mainwindow.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "payloadtextview.h"
#include "profilestore.h"
#include "secretstore.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

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
} // namespace

class TestBigPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void bigPayloadArrivesWholeAndShowsInPart();
    void staleResultIsDropped();

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

QTEST_MAIN(TestBigPayload)
#include "tst_bigpayload.moc"
