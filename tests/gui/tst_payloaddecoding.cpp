// SPDX-License-Identifier: Apache-2.0
// Payloads decoded in the real MainWindow (offscreen) against a real mosquitto: "Decode as…"
// on a topic makes a protobuf rule (the .proto folder set in the rules editor) and the detail
// views show protoc-encoded bytes as a tree; a Sparkplug B session (encoded by protoc from the
// committed text files) shows metric names resolved from the birth and the sequence gap; a
// payload that does not decode under its rule shows the reason and its hex; the rules editor
// refuses a bad filter and an unknown message type; the rules come back with the profile.
#include "guitesthelpers.h"

#include "clientwaits.h"
#include "connectionpane.h"
#include "connectionworkspace.h"
#include "decodedpayloadview.h"
#include "decodedtreemodel.h"
#include "decoderuleseditor.h"
#include "mainwindow.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "payloaddecoder.h"
#include "payloaddecodingcontroller.h"
#include "profilestore.h"
#include "secretstore.h"
#include "sparkplugsession.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "topicdetailpane.h"
#include "topictreemodel.h"
#include "topictreepane.h"
#include "translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <functional>
#include <memory>

namespace {

const QString ProtoFolder = QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos");

QByteArray protocReading(QString *error)
{
    QFile text(ProtoFolder + QStringLiteral("/acme/reading.txtpb"));
    if (!text.open(QIODevice::ReadOnly)) {
        *error = text.errorString();
        return {};
    }
    return ExternalEncoders::protocEncode({ProtoFolder}, QStringLiteral("acme/reading.proto"),
                                          QStringLiteral("acme.Reading"), text.readAll(), error);
}

// The value shown beside the first row of that name in the decoded tree.
QString decodedValue(DecodedPayloadView *view, const QString &name)
{
    const QModelIndex found = view->model()->findName(name);
    return found.isValid() ? found.siblingAtColumn(DecodedTreeModel::ValueColumn).data().toString()
                           : QStringLiteral("<no %1>").arg(name);
}

} // namespace

class TestPayloadDecoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void decodeAsOnATopicShowsTheProtobufTree();
    void sparkplugSessionShowsNamesAndTheGap();
    void malformedPayloadUnderARuleShowsTheReasonAndHex();
    void rulesEditorRefusesABadFilterAndAnUnknownType();
    void rulesComeBackWithTheProfile();
    // Last: it installs the Chinese translation for the rest of the run.
    void sparkplugSessionInChinese();

private:
    // Publishes the committed Sparkplug B session (protoc-encoded) and waits for its rows.
    void publishSparkplugSession();
    // Pictures of the window at the README's sizes, and of a dialog (SWITCHBOARD_SCREENSHOTS).
    void saveScreenshots(const QString &baseName);
    static void saveScreenshot(QWidget *widget, const QString &fileName);
    void connectWindow(const QString &filter);
    void publish(const QString &topic, const QByteArray &payload);
    // Selects the newest log row of the topic (the detail view then shows it).
    void selectNewest(const QString &topic);
    // Chooses the menu entry in the context menu the call opens.
    void chooseFromMenu(const QString &entry, const std::function<void()> &open);
    DecodeRulesEditor *openRulesEditor();

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_other;
};

void TestPayloadDecoding::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_payloaddecoding"));
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestPayloadDecoding::init()
{
    // Each test starts without settings or profiles (rules are saved into the profile).
    QFile::remove(QSettings().fileName());
    QFile::remove(ProfileStore().fileName());
    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-payloaddecoding-other");
    QVERIFY(ClientWaits::connectAndWait(m_other.get(), options, 10000));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
}

void TestPayloadDecoding::cleanup()
{
    m_other.reset();
    m_window.reset();
}

void TestPayloadDecoding::cleanupTestCase()
{
    m_secrets.reset();
    m_broker.reset();
}

void TestPayloadDecoding::connectWindow(const QString &filter)
{
    ConnectionPane *connection = m_window->connectionPane();
    child<QLineEdit>(connection, "hostEdit")->setText(m_broker->host());
    connection->setPort(m_broker->port());
    QTest::mouseClick(child<QPushButton>(connection, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 10000);
    QVERIFY(m_window->subscriptionsPane()->subscribe(filter, Mqtt::QoS::AtLeastOnce));
    SubscriptionModel *model = m_window->subscriptions();
    QTRY_COMPARE_WITH_TIMEOUT(model->subscription(model->rowOf(filter)).state,
                              SubscriptionModel::State::Granted, 10000);
}

void TestPayloadDecoding::publish(const QString &topic, const QByteArray &payload)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce; // in order, each acknowledged
    QVERIFY(ClientWaits::publishAndWait(m_other.get(), message, 10000));
}

void TestPayloadDecoding::selectNewest(const QString &topic)
{
    MessageFilterProxyModel *proxy = m_window->messageProxy();
    m_window->messageLog()->flush();
    for (int row = proxy->rowCount() - 1; row >= 0; --row) {
        if (proxy->index(row, 0).data(MessageLogModel::TopicRole).toString() == topic) {
            m_window->messageLogPane()->selectRow(row);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no message on %1 in the log").arg(topic)));
}

void TestPayloadDecoding::chooseFromMenu(const QString &entry, const std::function<void()> &open)
{
    QVERIFY2(::chooseFromMenu(entry, open),
             qPrintable(QStringLiteral("no enabled \"%1\" in the menu").arg(entry)));
}

DecodeRulesEditor *TestPayloadDecoding::openRulesEditor()
{
    // The connection pane's button opens it (the Tools menu's entry does the same).
    QTest::mouseClick(child<QPushButton>(m_window->connectionPane(), "payloadDecodingButton"),
                      Qt::LeftButton);
    DecodeRulesEditor *editor = m_window->findChild<DecodeRulesEditor *>();
    if (editor && !QTest::qWaitForWindowExposed(editor))
        return nullptr;
    return editor;
}

void TestPayloadDecoding::decodeAsOnATopicShowsTheProtobufTree()
{
    QString error;
    const QByteArray reading = protocReading(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    connectWindow(QStringLiteral("fleet/#"));

    // The .proto folder, set in the rules editor.
    DecodeRulesEditor *editor = openRulesEditor();
    QVERIFY(editor);
    editor->addProtoFolder(ProtoFolder);
    QCOMPARE(editor->problemText(), QString());
    QTest::mouseClick(editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<DecodeRulesEditor *>());
    QCOMPARE(m_window->connectionPane()->protoPaths(), QStringList{ProtoFolder});

    const QString topic = QStringLiteral("fleet/truck7/reading");
    publish(topic, reading);
    TopicTreeModel *tree = m_window->topicTree();
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexForTopic(topic).isValid(), 10000);
    QTRY_COMPARE(m_window->messageLog()->rowCount(), 1);
    // Before any rule: binary that is not CBOR is guessed as hex, shown as a hex dump.
    selectNewest(topic);
    MessageLogPane *log = m_window->messageLogPane();
    QVERIFY(!log->isDecodedShown());

    // "Decode as…" in the topic's context menu (the tree under the subscriptions).
    QTreeView *topics = child<QTreeView>(m_window->subscriptionsPane(), "topicView");
    topics->expandAll();
    QModelIndex index;
    QTRY_VERIFY((index =
                         [&] {
                             for (QModelIndex at = topics->model()->index(0, 0); at.isValid();
                                  at = topics->model()->index(0, 0, at)) {
                                 if (at.data(TopicTreeModel::TopicRole).toString() == topic)
                                     return at;
                             }
                             return QModelIndex();
                         }())
                        .isValid());
    chooseFromMenu(QStringLiteral("Decode as…"), [&] {
        Q_EMIT topics->customContextMenuRequested(topics->visualRect(index).center());
    });
    DecodeAsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<DecodeAsDialog *>()));
    DecodeRuleForm *form = dialog->form();
    QCOMPARE(form->filterEdit()->text(), topic);
    // The user widens the filter to every truck, and names the type, wrong first.
    form->filterEdit()->setText(QStringLiteral("fleet/+/reading"));
    form->decoderCombo()->setCurrentIndex(
            form->decoderCombo()->findData(QVariant::fromValue(Payload::Decoder::Protobuf)));
    QVERIFY(form->typeCombo()->findText(QStringLiteral("acme.Reading")) >= 0); // offered
    form->typeCombo()->setEditText(QStringLiteral("acme.Readings"));
    QVERIFY2(form->typeProblemText().contains(QStringLiteral("acme.Readings")),
             qPrintable(form->typeProblemText()));
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog->isVisible()); // refused
    form->typeCombo()->setEditText(QStringLiteral("acme.Reading"));
    QCOMPARE(form->typeProblemText(), QString());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<DecodeAsDialog *>());

    // The rule is first in the profile's rules and reached the workspace.
    const Payload::DecodeRules rules = m_window->connectionPane()->decodeRules();
    QCOMPARE(rules.size(), 1);
    QCOMPARE(rules.rules().first().toString(),
             QStringLiteral("fleet/+/reading=protobuf:acme.Reading"));
    QCOMPARE(m_window->currentWorkspace()->payloadDecoder()->rules(), rules);
    // Saved into the connection's profile at once.
    const QString profile = m_window->connectionPane()->currentProfileName();
    QVERIFY(!profile.isEmpty());
    QCOMPARE(ProfileStore().profile(profile)->decodeRules, rules);

    // The shown message re-renders decoded, with the decoder named.
    QTRY_VERIFY(log->isDecodedShown());
    DecodedPayloadView *view = log->decodedView();
    QVERIFY2(view->summaryText().contains(QStringLiteral("Protobuf (acme.Reading)")),
             qPrintable(view->summaryText()));
    QVERIFY(!view->summaryText().contains(QStringLiteral("guessed")));
    QCOMPARE(decodedValue(view, QStringLiteral("sensor")), QStringLiteral("boiler-7"));
    QCOMPARE(decodedValue(view, QStringLiteral("value")), QStringLiteral("21.5"));
    QCOMPARE(decodedValue(view, QStringLiteral("latitude")), QStringLiteral("48.1"));
    QVERIFY(view->treeView()->isVisible());

    // Another truck's reading matches the widened rule; the topic detail pane shows it too.
    publish(QStringLiteral("fleet/truck9/reading"), reading);
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexForTopic(QStringLiteral("fleet/truck9/reading")).isValid(),
                             10000);
    m_window->setCentralView(MainWindow::CentralView::TopicTree);
    TopicTreePane *treePane = m_window->topicTreePane();
    treePane->selectTopic(QStringLiteral("fleet/truck9/reading"));
    TopicDetailPane *detail = treePane->detailPane();
    QTRY_VERIFY(detail->isDecodedShown());
    QCOMPARE(decodedValue(detail->decodedView(), QStringLiteral("sensor")),
             QStringLiteral("boiler-7"));
    // "Decode as…" on a message in the log offers its topic, with the rule that decodes it.
    m_window->setCentralView(MainWindow::CentralView::MessageLog);
    selectNewest(topic);
    QTableView *table = child<QTableView>(log, "tableView");
    const QModelIndex row = table->currentIndex();
    QVERIFY(row.isValid());
    chooseFromMenu(QStringLiteral("Decode as…"), [&] {
        Q_EMIT table->customContextMenuRequested(table->visualRect(row).center());
    });
    QTRY_VERIFY((dialog = m_window->findChild<DecodeAsDialog *>()));
    QCOMPARE(dialog->form()->filterEdit()->text(), topic);
    QCOMPARE(dialog->form()->typeCombo()->currentText(), QStringLiteral("acme.Reading"));
    dialog->reject();
    QTRY_VERIFY(!m_window->findChild<DecodeAsDialog *>());
    QCOMPARE(m_window->connectionPane()->decodeRules(), rules); // cancelled: unchanged

    // The export writes the decoded payload beside the bytes.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString file = folder.filePath(QStringLiteral("log.jsonl"));
    QString exportError;
    QVERIFY2(log->exportTo(file, MessageLogPane::ExportFormat::JsonLines, &exportError),
             qPrintable(exportError));
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = exported.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject line = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(line.value(u"decoded").toObject().value(u"sensor").toString(),
             QStringLiteral("boiler-7"));

    // The text views still work.
    log->setDetailFormat(MessageLogPane::DetailFormat::Hex);
    QVERIFY(!log->isDecodedShown());
    QVERIFY(log->detailText().startsWith(QStringLiteral("00000000 ")));
    log->setDetailFormat(MessageLogPane::DetailFormat::Automatic);
}

void TestPayloadDecoding::publishSparkplugSession()
{
    connectWindow(QStringLiteral("spBv1.0/#"));
    const QList<SparkplugSessionFiles::Step> steps = SparkplugSessionFiles::nodeSession();
    for (const SparkplugSessionFiles::Step &step : steps) {
        QString error;
        const QByteArray payload = SparkplugSessionFiles::encode(step.textFile, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        publish(step.topic, payload);
    }
    MessageLogModel *logModel = m_window->messageLog();
    QTRY_COMPARE_WITH_TIMEOUT(logModel->rowCount(), int(steps.size()), 10000);
    QCOMPARE(logModel->decodedHeldCount(), int(steps.size())); // every one, on arrival
}

void TestPayloadDecoding::saveScreenshots(const QString &baseName)
{
    const QString folder = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
    if (folder.isEmpty())
        return;
    for (const QSize size : {QSize(1600, 1000), QSize(1024, 700)}) {
        m_window->resize(size);
        QCoreApplication::processEvents();
        m_window->grab().save(QDir(folder).filePath(
                QStringLiteral("%1-%2x%3.png").arg(baseName).arg(size.width()).arg(size.height())));
    }
    m_window->resize(1600, 1000);
}

void TestPayloadDecoding::saveScreenshot(QWidget *widget, const QString &fileName)
{
    const QString folder = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
    if (folder.isEmpty())
        return;
    QCoreApplication::processEvents(); // pending layout requests
    widget->grab().save(QDir(folder).filePath(fileName));
}

void TestPayloadDecoding::sparkplugSessionShowsNamesAndTheGap()
{
    publishSparkplugSession();
    if (QTest::currentTestFailed())
        return;

    MessageLogPane *log = m_window->messageLogPane();
    DecodedPayloadView *view = log->decodedView();
    // NDATA 0 (after 255): the alias resolved to the birth's name, no warning; a guess by topic.
    log->selectRow(3);
    QTRY_VERIFY(log->isDecodedShown());
    QVERIFY2(view->summaryText().contains(QStringLiteral("guessed: Sparkplug B")),
             qPrintable(view->summaryText()));
    QCOMPARE(decodedValue(view, QStringLiteral("name")), QStringLiteral("Temperature"));
    QCOMPARE(view->warningsText(), QString());
    // NDATA 2: the gap is said; shown again (selection moves away and back), still one gap and
    // the same words, never a second decode.
    log->selectRow(4);
    QVERIFY2(view->warningsText().contains(QStringLiteral("expected 1, got 2")),
             qPrintable(view->warningsText()));
    QCOMPARE(decodedValue(view, QStringLiteral("name")), QStringLiteral("Label"));
    const QString gap = view->warningsText();
    log->selectRow(0);
    QCOMPARE(decodedValue(view, QStringLiteral("name")), QStringLiteral("bdSeq"));
    log->selectRow(4);
    QCOMPARE(view->warningsText(), gap);
    // NDEATH: its bdSeq.
    log->selectRow(5);
    QCOMPARE(decodedValue(view, QStringLiteral("bdSeq")), QStringLiteral("7"));
    log->selectRow(4);
    saveScreenshots(QStringLiteral("sparkplug-decoded"));
}

void TestPayloadDecoding::sparkplugSessionInChinese()
{
    QCOMPARE(Translations::install(qApp, QStringLiteral("zh_CN")).name(), QStringLiteral("zh_CN"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1600, 1000);
    m_window->show();
    publishSparkplugSession();
    if (QTest::currentTestFailed())
        return;
    MessageLogPane *log = m_window->messageLogPane();
    log->selectRow(4);
    QTRY_VERIFY(log->isDecodedShown());
    DecodedPayloadView *view = log->decodedView();
    QVERIFY2(view->summaryText().contains(QStringLiteral("猜测：Sparkplug B")),
             qPrintable(view->summaryText()));
    QCOMPARE(view->model()->headerData(DecodedTreeModel::ValueColumn, Qt::Horizontal).toString(),
             QStringLiteral("值"));
    QVERIFY(m_window->connectionPane()->decodingSummaryText().startsWith(QStringLiteral("负载")));
    saveScreenshots(QStringLiteral("sparkplug-decoded-zh_CN"));
    DecodeRulesEditor *editor = openRulesEditor();
    QVERIFY(editor);
    editor->addProtoFolder(ProtoFolder);
    QTest::mouseClick(child<QPushButton>(editor, "addRuleButton"), Qt::LeftButton);
    saveScreenshot(editor, QStringLiteral("decode-rules-editor-zh_CN.png"));
    editor->reject();
}

void TestPayloadDecoding::malformedPayloadUnderARuleShowsTheReasonAndHex()
{
    connectWindow(QStringLiteral("fleet/#"));
    QString error;
    const auto rule =
            Payload::DecodeRule::fromString(u"fleet/+/reading=protobuf:acme.Reading", &error);
    QVERIFY2(rule, qPrintable(error));
    m_window->payloadDecoding()->setDecoding(m_window->currentWorkspace(),
                                             Payload::DecodeRules({*rule}), {ProtoFolder});
    // Field 1 says 5 bytes follow; none do.
    const QString topic = QStringLiteral("fleet/truck1/reading");
    publish(topic, QByteArray::fromHex("0a05"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->messageLog()->rowCount(), 1, 10000);
    selectNewest(topic);
    MessageLogPane *log = m_window->messageLogPane();
    QTRY_VERIFY(log->isDecodedShown());
    DecodedPayloadView *view = log->decodedView();
    QVERIFY2(view->summaryText().contains(QStringLiteral("Does not decode as Protobuf "
                                                         "(acme.Reading)")),
             qPrintable(view->summaryText()));
    QVERIFY2(view->summaryText().contains(QStringLiteral("at byte 0")),
             qPrintable(view->summaryText()));
    QVERIFY2(view->hexText().contains(QStringLiteral("0a 05")), qPrintable(view->hexText()));
    QVERIFY(!view->treeView()->isVisible());

    // A .proto that does not parse is named, with its line, in the connection pane.
    m_window->payloadDecoding()->setDecoding(
            m_window->currentWorkspace(), Payload::DecodeRules({*rule}),
            {ProtoFolder, QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/broken")});
    const QString summary = m_window->connectionPane()->decodingSummaryText();
    QVERIFY2(summary.contains(QStringLiteral("bad.proto:")), qPrintable(summary));
    m_window->payloadDecoding()->setDecoding(m_window->currentWorkspace(),
                                             Payload::DecodeRules({*rule}), {ProtoFolder});
    QVERIFY(!m_window->connectionPane()->decodingSummaryText().contains(
            QStringLiteral("bad.proto")));
}

void TestPayloadDecoding::rulesEditorRefusesABadFilterAndAnUnknownType()
{
    DecodeRulesEditor *editor = openRulesEditor();
    QVERIFY(editor);
    QTest::mouseClick(child<QPushButton>(editor, "addRuleButton"), Qt::LeftButton);
    QCOMPARE(editor->ruleList()->count(), 1);
    DecodeRuleForm *form = editor->form();
    // '#' must be last: said while typing.
    form->filterEdit()->clear();
    QTest::keyClicks(form->filterEdit(), QStringLiteral("plant/#/boiler"));
    QVERIFY2(!form->filterProblemText().isEmpty(), "a bad filter is not flagged as typed");
    QPushButton *ok = editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(editor->isVisible());
    QVERIFY2(editor->problemText().contains(QStringLiteral("Rule 1")),
             qPrintable(editor->problemText()));

    form->filterEdit()->setText(QStringLiteral("plant/+/boiler"));
    QCOMPARE(form->filterProblemText(), QString());
    form->decoderCombo()->setCurrentIndex(
            form->decoderCombo()->findData(QVariant::fromValue(Payload::Decoder::Protobuf)));
    form->typeCombo()->setEditText(QStringLiteral("acme.Reading"));
    // No folder yet: the type cannot be found.
    QVERIFY2(form->typeProblemText().contains(QStringLiteral(".proto")),
             qPrintable(form->typeProblemText()));
    editor->addProtoFolder(ProtoFolder);
    QCOMPARE(form->typeProblemText(), QString());
    form->typeCombo()->setEditText(QStringLiteral("acme.Boiler"));
    QVERIFY2(form->typeProblemText().contains(QStringLiteral("acme.Boiler")),
             qPrintable(form->typeProblemText()));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(editor->isVisible());
    QVERIFY(m_window->connectionPane()->decodeRules().isEmpty()); // nothing saved

    // A second rule, moved first; then both valid and saved in that order.
    form->typeCombo()->setEditText(QStringLiteral("acme.fleet.Batch"));
    QTest::mouseClick(child<QPushButton>(editor, "addRuleButton"), Qt::LeftButton);
    form->filterEdit()->setText(QStringLiteral("plant/#"));
    form->decoderCombo()->setCurrentIndex(
            form->decoderCombo()->findData(QVariant::fromValue(Payload::Decoder::Cbor)));
    QTest::mouseClick(child<QPushButton>(editor, "moveRuleUpButton"), Qt::LeftButton);
    saveScreenshot(editor, QStringLiteral("decode-rules-editor.png"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<DecodeRulesEditor *>());
    const QList<Payload::DecodeRule> rules = m_window->connectionPane()->decodeRules().rules();
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules.at(0).toString(), QStringLiteral("plant/#=cbor"));
    QCOMPARE(rules.at(1).toString(), QStringLiteral("plant/+/boiler=protobuf:acme.fleet.Batch"));
    QVERIFY2(m_window->connectionPane()->decodingSummaryText().contains(QStringLiteral("2")),
             qPrintable(m_window->connectionPane()->decodingSummaryText()));
}

void TestPayloadDecoding::rulesComeBackWithTheProfile()
{
    ConnectionPane *pane = m_window->connectionPane();
    child<QLineEdit>(pane, "hostEdit")->setText(m_broker->host());
    pane->setPort(m_broker->port());
    QVERIFY(pane->addProfile(QStringLiteral("decoding")));
    QVERIFY(pane->selectProfile(QStringLiteral("decoding")));
    pane->saveCurrentProfile();

    QString error;
    const auto rule = Payload::DecodeRule::fromString(u"spBv1.0/#=sparkplug", &error);
    QVERIFY2(rule, qPrintable(error));
    m_window->payloadDecoding()->setDecoding(m_window->currentWorkspace(),
                                             Payload::DecodeRules({*rule}), {ProtoFolder});
    // Saved at once, without saving the rest of the form.
    m_window.reset();

    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get(), nullptr,
                                            MainWindow::Start::NoConnection);
    ConnectionWorkspace *workspace = m_window->openConnection(QStringLiteral("decoding"));
    QVERIFY(workspace);
    QCOMPARE(m_window->connectionPane()->decodeRules(), Payload::DecodeRules({*rule}));
    QCOMPARE(m_window->connectionPane()->protoPaths(), QStringList{ProtoFolder});
    // Applied to the connection as the profile was opened.
    QCOMPARE(workspace->payloadDecoder()->rules(), Payload::DecodeRules({*rule}));
    QVERIFY(workspace->payloadDecoder()->protobufSchemas().hasMessageType(
            QStringLiteral("acme.Reading")));
    ProfileStore store;
    QCOMPARE(store.profile(QStringLiteral("decoding"))->decodeRules, Payload::DecodeRules({*rule}));
}

QTEST_MAIN(TestPayloadDecoding)
#include "tst_payloaddecoding.moc"
