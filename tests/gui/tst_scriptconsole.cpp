// SPDX-License-Identifier: Apache-2.0
// Tools → Script console in the real window against a real mosquitto: a script connects,
// publishes and expects, and its log lines and test results show in the output; a failing
// expectation shows its line; Stop interrupts a script that loops, and the window answers
// while a script waits.
#include "guitesthelpers.h"

#include "mainwindow.h"
#include "mosquittoprocess.h"
#include "scriptconsole.h"
#include "secretstore.h"

#include <QAction>
#include <QDockWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

constexpr int Timeout = 20000;

// With SWITCHBOARD_SCREENSHOT_DIR set, saves what the window shows there (docs/*.png).
void saveScreenshot(QWidget *window, const QString &name)
{
    const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    window->grab().save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TestScriptConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void consoleOpensFromTheToolsMenu();
    void scriptRunsAgainstTheBrokerAndShowsItsOutput();
    void failureShowsItsLine();
    void stopInterruptsALoopingScript();
    void windowAnswersWhileAScriptWaits();
    void openAndSave();

private:
    ScriptConsole *console() const { return m_window->scriptConsole(); }
    QPushButton *runButton() const { return child<QPushButton>(console(), "runScriptButton"); }
    QPushButton *stopButton() const { return child<QPushButton>(console(), "stopScriptButton"); }
    QString url() const
    {
        return QStringLiteral("mqtt://%1:%2").arg(m_broker->host()).arg(m_broker->port());
    }

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
};

void TestScriptConsole::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_scriptconsole"));
    QFile::remove(QSettings().fileName());
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1100, 760);
    m_window->show();
}

void TestScriptConsole::cleanupTestCase()
{
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestScriptConsole::consoleOpensFromTheToolsMenu()
{
    QVERIFY(!console()->isVisible());
    auto *action = m_window->findChild<QAction *>(QStringLiteral("scriptConsoleAction"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("&Script console"));
    action->trigger();
    QTRY_VERIFY(console()->isVisible());
    QVERIFY(runButton()->isEnabled());
    QVERIFY(!stopButton()->isEnabled());
}

void TestScriptConsole::scriptRunsAgainstTheBrokerAndShowsItsOutput()
{
    console()->setScript(QStringLiteral(R"(connect("%1");
subscribe("console/a", 1);
test("echo", function () {
    publish("console/a", "hello from the console", { qos: 1 });
    const m = expect("console/a", 2000);
    log("got", m.payload);
});
)")
                                 .arg(url()));
    QSignalSpy finished(console(), &ScriptConsole::runFinished);
    QTest::mouseClick(runButton(), Qt::LeftButton);
    QVERIFY(console()->isRunning());
    QVERIFY(finished.wait(Timeout));
    const QString output = console()->outputText();
    QVERIFY2(output.contains(QLatin1String("got hello from the console")), qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("PASS  echo")), qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("tests 1, passed 1, failed 0, errors 0")),
             qPrintable(output));
    QVERIFY(runButton()->isEnabled());
    QVERIFY(!stopButton()->isEnabled());
}

void TestScriptConsole::failureShowsItsLine()
{
    console()->setScript(QStringLiteral(R"(connect("%1");
subscribe("console/b");
test("an echo", function () {
    publish("console/b", "ping");
    log("got", expect("console/b", 1000).payload);
});
test("nothing comes", function () {
    expect("console/b", 200);
});
)")
                                 .arg(url()));
    QSignalSpy finished(console(), &ScriptConsole::runFinished);
    console()->run();
    QVERIFY(finished.wait(Timeout));
    const QString output = console()->outputText();
    QVERIFY2(output.contains(QLatin1String("FAIL  nothing comes")), qPrintable(output));
    QVERIFY2(
            output.contains(QLatin1String("line 8: expected a message on console/b within 200 ms")),
            qPrintable(output));
    // The editor marks the line.
    const auto *editor = child<QPlainTextEdit>(console(), "scriptEditor");
    QCOMPARE(editor->extraSelections().size(), 1);
    QCOMPARE(editor->extraSelections().constFirst().cursor.blockNumber(), 7);
    saveScreenshot(m_window.get(), QStringLiteral("script-console"));
}

void TestScriptConsole::stopInterruptsALoopingScript()
{
    console()->setScript(QStringLiteral("log('looping');\nfor (;;) {}\n"));
    QSignalSpy finished(console(), &ScriptConsole::runFinished);
    QTest::mouseClick(runButton(), Qt::LeftButton);
    QTRY_VERIFY(console()->outputText().contains(QLatin1String("looping")));
    QVERIFY(stopButton()->isEnabled());
    QTest::mouseClick(stopButton(), Qt::LeftButton);
    QVERIFY(finished.wait(Timeout));
    QVERIFY2(console()->outputText().contains(QLatin1String("Error: stopped")),
             qPrintable(console()->outputText()));
    QVERIFY(runButton()->isEnabled());
}

void TestScriptConsole::windowAnswersWhileAScriptWaits()
{
    console()->setScript(QStringLiteral("sleep(600000);"));
    console()->run();
    QVERIFY(console()->isRunning());
    // A timer of the window's thread fires on time although the script waits.
    QElapsedTimer clock;
    clock.start();
    bool fired = false;
    QTimer::singleShot(50, this, [&fired] { fired = true; });
    QTRY_VERIFY_WITH_TIMEOUT(fired, 5000);
    QVERIFY(clock.elapsed() < 5000);
    QSignalSpy finished(console(), &ScriptConsole::runFinished);
    console()->stop();
    QVERIFY(finished.wait(Timeout));
}

void TestScriptConsole::openAndSave()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("saved.js"));
    console()->setScript(QStringLiteral("log('saved');\n"));
    QVERIFY(console()->saveFile(path));
    console()->setScript(QString());
    QVERIFY(console()->openFile(path));
    QCOMPARE(console()->script(), QStringLiteral("log('saved');\n"));
    QCOMPARE(console()->fileName(), path);
    QVERIFY(!console()->openFile(directory.filePath(QStringLiteral("missing.js"))));
    QVERIFY(console()->outputText().contains(QLatin1String("Cannot open")));
}

QTEST_MAIN(TestScriptConsole)
#include "tst_scriptconsole.moc"
