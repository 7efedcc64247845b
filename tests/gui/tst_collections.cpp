// SPDX-License-Identifier: Apache-2.0
// The Collections pane in the real window against mosquitto: a collection file in the data
// folder shows in View → Collections; its entry is sent by a double-click, by Ctrl+Shift+Return
// and by the Send button, and the log shows each message as sent (variables expanded); a bad
// template is refused with its position and nothing is sent; the environment combo switches
// {{env.HOST}}; the search hides what does not match; the composer's history becomes an entry. A
// script entry is run (not sent) in the Script console with the active environment in env().
#include "guitesthelpers.h"

#include "collectionentrydialog.h"
#include "collectionmodel.h"
#include "collectionspane.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "publishpane.h"
#include "scriptconsole.h"
#include "secretstore.h"
#include "translations.h"
#include "windowsteps.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

#include <memory>

namespace {

const char CollectionJson[] = R"({
  "version": 1,
  "name": "GUI",
  "environments": [
    {"name": "dev", "variables": {"HOST": "dev-box"}},
    {"name": "production", "variables": {"HOST": "prod-box"}}
  ],
  "items": [
    {"name": "Count", "topic": "gui/{{env.HOST}}/count", "payload": "n={{seq}}", "qos": 1},
    {"folder": "Broken", "items": [
      {"name": "Typo", "topic": "gui/typo", "payload": "x\n{{sqe}}"}
    ]}
  ]
}
)";

using Direction = MessageLogModel::Direction;

} // namespace

class TestCollections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void sendFromThePaneShowsTheExpandedMessage();
    void scriptEntryRunsInTheScriptConsole();

private:
    // Writes the only collection file of the data folder, then opens the window.
    bool openWindowWith(const QString &fileName, const QByteArray &json);

    MosquittoProcess m_broker;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
};

void TestCollections::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_collections"));
    Translations::install(qApp, QStringLiteral("en"));
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestCollections::cleanup()
{
    m_window.reset();
    m_profiles.reset();
    m_secrets.reset();
}

bool TestCollections::openWindowWith(const QString &fileName, const QByteArray &json)
{
    QDir folder(CollectionsPane::defaultDirectory());
    QFile file(folder.filePath(fileName));
    if (!folder.removeRecursively() || !folder.mkpath(QStringLiteral(".")) ||
        !file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
        return false;
    file.close();
    m_profiles =
            std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.ini")));
    m_window = std::make_unique<MainWindow>(m_profiles.get(), m_secrets.get());
    m_window->resize(1280, 800);
    m_window->show();
    return QTest::qWaitForWindowExposed(m_window.get());
}

void TestCollections::sendFromThePaneShowsTheExpandedMessage()
{
    // A file written by hand into the data folder before the window starts.
    QVERIFY(openWindowWith(QStringLiteral("gui.json"), CollectionJson));
    const QDir folder(CollectionsPane::defaultDirectory());
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), workspace, m_broker.host(),
                                             m_broker.port(), QStringLiteral("gui/#")));

    // View → Collections.
    QDockWidget *dock = m_window->collectionsDock();
    QVERIFY(!dock->isVisible());
    dock->toggleViewAction()->trigger();
    QTRY_VERIFY(dock->isVisible());
    CollectionsPane *pane = m_window->collectionsPane();
    CollectionModel *model = pane->model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex collection = model->index(0, 0);
    const QModelIndex count = model->index(0, 0, collection);
    QCOMPARE(count.data().toString(), "Count");

    // The environment combo offers the file's environments; dev is chosen.
    auto *combo = child<QComboBox>(pane, "environmentCombo");
    QCOMPARE(pane->environmentChoices(), QStringList({"dev", "production"}));
    combo->setCurrentIndex(combo->findData(QStringLiteral("dev")));
    Q_EMIT combo->activated(combo->currentIndex());
    QCOMPARE(pane->activeEnvironment(), "dev");

    // A double-click on the entry sends it.
    auto *tree = child<QTreeView>(pane, "treeView");
    pane->setCurrentIndex(count);
    const QRect rect = tree->visualRect(tree->currentIndex());
    QVERIFY(rect.isValid());
    // A real double click starts with a press (QTest's double click is only the second one).
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
    MessageLogModel *log = workspace->messageLog();
    QTRY_VERIFY2(WindowSteps::rowsWithPayload(log, "n=1", Direction::Outgoing) == 1,
                 qPrintable(pane->statusText()));
    QTRY_COMPARE(WindowSteps::rowsWithPayload(log, "n=1", Direction::Incoming), 1);
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->payloadAt(row) == "n=1")
            QCOMPARE(log->topicAt(row), "gui/dev-box/count");
    }
    QVERIFY2(pane->statusText().contains(QStringLiteral("sent to gui/dev-box/count")),
             qPrintable(pane->statusText()));

    // Ctrl+Shift+Return sends the selected entry again, wherever the focus is in the window.
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(WindowSteps::rowsWithPayload(log, "n=2", Direction::Incoming), 1);

    // Another environment, then the Send button.
    combo->setCurrentIndex(combo->findData(QStringLiteral("production")));
    Q_EMIT combo->activated(combo->currentIndex());
    QTest::mouseClick(child<QPushButton>(pane, "sendButton"), Qt::LeftButton);
    QTRY_COMPARE(WindowSteps::rowsWithPayload(log, "n=3", Direction::Incoming), 1);
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->payloadAt(row) == "n=3")
            QCOMPARE(log->topicAt(row), "gui/prod-box/count");
    }
    // The choice is remembered.
    QCOMPARE(QSettings().value(QStringLiteral("collections/environment")).toString(), "production");

    // A bad template: refused with its line and column, nothing sent.
    const int rows = log->rowCount();
    const QModelIndex typo = model->index(0, 0, model->index(1, 0, collection));
    QCOMPARE(typo.data().toString(), "Typo");
    pane->setCurrentIndex(typo);
    QCOMPARE(pane->sendCurrent(), 0u);
    QVERIFY2(pane->statusText().contains(
                     QStringLiteral("Payload, line 2, column 3: unknown variable \"sqe\"")),
             qPrintable(pane->statusText()));
    QCOMPARE(log->rowCount(), rows);
    // Nor later: a message sent after it arrives, and the refused one never came first.
    pane->setCurrentIndex(count);
    QVERIFY(pane->sendCurrent() != 0);
    QTRY_COMPARE(WindowSteps::rowsWithPayload(log, "n=4", Direction::Incoming), 1);
    for (int row = 0; row < log->rowCount(); ++row)
        QVERIFY(log->topicAt(row) != QStringLiteral("gui/typo"));

    // The search leaves what matches (and the folders above it).
    pane->setSearchText(QStringLiteral("typo"));
    QVERIFY(pane->isShown(typo));
    QVERIFY(!pane->isShown(count));
    pane->setSearchText(QStringLiteral("prod")); // not a name, topic or payload
    QVERIFY(!pane->isShown(count));
    pane->setSearchText(QString());
    QVERIFY(pane->isShown(count));

    // The entry editor tries the entry as it is typed, with the active environment and the
    // entry's next {{seq}}, and saves what was typed.
    pane->setCurrentIndex(count);
    QString seen;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<CollectionEntryDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        seen = dialog->checkText();
        auto *payload = child<QPlainTextEdit>(dialog, "payloadEdit");
        payload->setPlainText(QStringLiteral("m={{seq"));
        seen += QLatin1Char('|') + dialog->checkText();
        payload->setPlainText(QStringLiteral("m={{seq}}"));
        seen += QLatin1Char('|') + dialog->checkText();
        dialog->accept();
    });
    pane->editCurrent();
    const QStringList checks = seen.split(QLatin1Char('|'));
    QCOMPARE(checks.size(), 3);
    QCOMPARE(checks.at(0), "Sends 3 bytes to gui/prod-box/count: n=5");
    QVERIFY2(checks.at(1).startsWith(QStringLiteral("Payload, line 1, column 3: \"{{\" is not "
                                                    "closed")),
             qPrintable(checks.at(1)));
    QCOMPARE(checks.at(2), "Sends 3 bytes to gui/prod-box/count: m=5");
    QCOMPARE(model->node(count)->message().payload, "m={{seq}}");

    // The composer's history into the collection: a new entry with its topic and payload.
    PublishPane *publish = m_window->publishPane();
    publish->setTopic(QStringLiteral("gui/from-history"));
    publish->setPayloadText(QStringLiteral("{\"a\": 1}"));
    QVERIFY(publish->publish() != 0);
    pane->setCurrentIndex(collection);
    auto *save = child<QToolButton>(publish, "saveToCollectionButton");
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(model->rowCount(collection), 3);
    const CollectionNode *saved = model->node(model->index(2, 0, collection));
    QCOMPARE(saved->name(), "gui/from-history");
    QCOMPARE(saved->message().topic, "gui/from-history");
    QCOMPARE(saved->message().payload, "{\"a\": 1}");
    // Written to the file at once.
    CollectionFile::LoadError error;
    const std::optional<Collection> reread =
            CollectionFile::read(folder.filePath(QStringLiteral("gui.json")), &error);
    QVERIFY2(reread, qPrintable(error.text()));
    QVERIFY(reread->find({QStringLiteral("gui/from-history")}));
}

void TestCollections::scriptEntryRunsInTheScriptConsole()
{
    // A script entry (version 2) whose env() reads the active environment's values; the
    // {{seq}} in its source is not expanded.
    const QString url = QStringLiteral("mqtt://%1:%2").arg(m_broker.host()).arg(m_broker.port());
    const QStringList source = {
            QStringLiteral("if (!env(\"DEVICE\")) throw new Error(\"DEVICE is not set\");"),
            QStringLiteral("connect(env(\"MQTT_URL\"));"),
            QStringLiteral("subscribe(\"gui/script/\" + env(\"DEVICE\"), 1);"),
            QStringLiteral("test(\"device answers\", function () {"),
            QStringLiteral("    publish(\"gui/script/\" + env(\"DEVICE\"), \"{{seq}}\", "
                           "{ qos: 1 });"),
            QStringLiteral("    log(\"got\", expect(\"gui/script/#\", 5000).payload);"),
            QStringLiteral("});")};
    QJsonObject entry{{QStringLiteral("name"), QStringLiteral("Check device")},
                      {QStringLiteral("script"), QJsonArray::fromStringList(source)}};
    QJsonObject environment{{QStringLiteral("name"), QStringLiteral("dev")},
                            {QStringLiteral("variables"),
                             QJsonObject{{QStringLiteral("MQTT_URL"), url},
                                         {QStringLiteral("DEVICE"), QStringLiteral("pump-7")}}}};
    const QJsonObject file{{QStringLiteral("version"), 2},
                           {QStringLiteral("name"), QStringLiteral("Scripts")},
                           {QStringLiteral("environments"), QJsonArray{environment}},
                           {QStringLiteral("items"), QJsonArray{entry}}};
    qunsetenv("DEVICE"); // the console's env() also sees the process environment
    QVERIFY(openWindowWith(QStringLiteral("scripts.json"), QJsonDocument(file).toJson()));
    m_window->collectionsDock()->toggleViewAction()->trigger();
    CollectionsPane *pane = m_window->collectionsPane();
    CollectionModel *model = pane->model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex script = model->index(0, 0, model->index(0, 0));
    QCOMPARE(script.data().toString(), "Check device");
    pane->setActiveEnvironment(QStringLiteral("dev"));

    // The pane's Send reads Run for a script entry.
    pane->setCurrentIndex(script);
    auto *button = child<QPushButton>(pane, "sendButton");
    QCOMPARE(button->text(), "&Run");
    QCOMPARE(pane->sendAction()->text(), "&Run collection script");

    // What the console's editor held is one undo away after the entry replaced it.
    ScriptConsole *console = m_window->scriptConsole();
    QVERIFY(!console->isVisible());
    console->setScript(QStringLiteral("// mine"));
    QSignalSpy finished(console, &ScriptConsole::runFinished);
    auto *tree = child<QTreeView>(pane, "treeView");
    const QRect rect = tree->visualRect(tree->currentIndex());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_VERIFY(console->isVisible());
    QVERIFY2(pane->statusText().contains(QStringLiteral("Check device running")),
             qPrintable(pane->statusText()));
    QCOMPARE(console->script(), source.join(u'\n'));
    QVERIFY(finished.wait(20000));
    QString output = console->outputText();
    QVERIFY2(output.contains(QStringLiteral("Running Check device")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("got {{seq}}")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("PASS  device answers")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("tests 1, passed 1, failed 0, errors 0")),
             qPrintable(output));

    // Ctrl+Shift+Return runs it again; without the environment env() has no DEVICE, and the
    // console says where the script failed.
    pane->setActiveEnvironment(QString());
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(finished.wait(20000));
    output = console->outputText();
    QVERIFY2(!output.contains(QStringLiteral("PASS")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Error at line 1: ")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("DEVICE is not set")), qPrintable(output));

    // The text that was in the editor comes back with one undo.
    auto *editor = child<QPlainTextEdit>(console, "scriptEditor");
    editor->undo();
    QCOMPARE(console->script(), "// mine");

    // The entry editor shows the kind and the source, checks it, and saves the edit; turned
    // into a message, the entry is sent again (the button reads Send).
    QStringList seen;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<CollectionEntryDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        auto *kind = child<QComboBox>(dialog, "kindCombo");
        auto *edit = child<QPlainTextEdit>(dialog, "scriptEdit");
        seen << kind->currentText() << edit->toPlainText() << dialog->checkText();
        edit->setPlainText(QStringLiteral("log(1)"));
        seen << dialog->checkText();
        edit->clear();
        seen << dialog->checkText();
        edit->setPlainText(QStringLiteral("log(2)"));
        dialog->accept();
    });
    pane->editCurrent();
    QCOMPARE(seen.size(), 5);
    QCOMPARE(seen.at(0), "Script");
    QCOMPARE(seen.at(1), source.join(u'\n'));
    QCOMPARE(seen.at(2),
             "Runs in the Script console (7 lines); env() reads the active environment");
    QCOMPARE(seen.at(3), "Runs in the Script console (1 line); env() reads the active environment");
    QCOMPARE(seen.at(4), "Write the script");
    QCOMPARE(model->node(script)->message().script, "log(2)");
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<CollectionEntryDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        auto *kind = child<QComboBox>(dialog, "kindCombo");
        kind->setCurrentIndex(kind->findText(QStringLiteral("Message")));
        child<QLineEdit>(dialog, "topicEdit")->setText(QStringLiteral("gui/script/message"));
        dialog->accept();
    });
    pane->editCurrent();
    QVERIFY(!model->node(script)->message().isScript());
    QCOMPARE(button->text(), "&Send");
}

QTEST_MAIN(TestCollections)
#include "tst_collections.moc"
