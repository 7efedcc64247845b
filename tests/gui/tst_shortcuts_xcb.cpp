// SPDX-License-Identifier: Apache-2.0
// Window-wide shortcuts under X11 key bindings, where a focused line edit takes Ctrl+K as
// "delete to the end of the line": run under Xvfb with the xcb platform (the offscreen
// platform binds no such keys, so it cannot show the problem).
#include "guitesthelpers.h"

#include "client.h"
#include "connectionpane.h"
#include "mainwindow.h"
#include "mosquittoprocess.h"
#include "publishpane.h"
#include "secretstore.h"
#include "subscriptionspane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLineEdit>
#include <QSettings>
#include <QTest>

#include <memory>

class TestShortcutsXcb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void connectAndDisconnectFireWhateverLineEditHasFocus_data();
    void connectAndDisconnectFireWhateverLineEditHasFocus();

private:
    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
};

void TestShortcutsXcb::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("needs the xcb platform (run by ctest under xvfb-run)");
    setUpGuiTestEnvironment(QStringLiteral("tst_shortcuts_xcb"));
    QFile::remove(QSettings().fileName());
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1024, 700);
    m_window->show();
    // No window manager runs under Xvfb: the window asks for the focus itself.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    ConnectionPane *connection = m_window->connectionPane();
    child<QLineEdit>(connection, "hostEdit")->setText(m_broker->host());
    connection->setPort(m_broker->port());
    child<QCheckBox>(connection, "autoReconnectCheck")->setChecked(false);
}

void TestShortcutsXcb::cleanupTestCase()
{
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestShortcutsXcb::connectAndDisconnectFireWhateverLineEditHasFocus_data()
{
    QTest::addColumn<QString>("edit");
    QTest::newRow("host") << QStringLiteral("hostEdit");
    QTest::newRow("subscription filter") << QStringLiteral("filterEdit");
    QTest::newRow("log topic filter") << QStringLiteral("topicFilterEdit");
    QTest::newRow("client id") << QStringLiteral("clientIdEdit");
    QTest::newRow("payload filter") << QStringLiteral("payloadFilterEdit");
    QTest::newRow("composer topic") << QStringLiteral("topicEdit");
}

void TestShortcutsXcb::connectAndDisconnectFireWhateverLineEditHasFocus()
{
    QFETCH(QString, edit);
    auto *lineEdit = m_window->findChild<QLineEdit *>(edit);
    if (auto *combo = m_window->findChild<QComboBox *>(edit))
        lineEdit = combo->lineEdit();
    QVERIFY2(lineEdit, qPrintable(edit));
    // The line edit must be on screen to take focus: bring its dock's tab forward.
    for (QWidget *w = lineEdit; w; w = w->parentWidget())
        w->show();
    if (auto *dock = [&]() -> QDockWidget * {
            for (QWidget *w = lineEdit; w; w = w->parentWidget())
                if (auto *found = qobject_cast<QDockWidget *>(w))
                    return found;
            return nullptr;
        }())
        dock->raise();
    const QString text = lineEdit->text().isEmpty() ? QStringLiteral("abc") : lineEdit->text();
    // The host field's text is the broker's address: keep it; others get a sample.
    if (edit != QLatin1String("hostEdit"))
        lineEdit->setText(text);
    lineEdit->setFocus();
    QTRY_VERIFY(lineEdit->hasFocus());
    lineEdit->setCursorPosition(0);

    QTest::keyClick(lineEdit, Qt::Key_K, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(lineEdit->text(), text); // not cut to the end of the line

    // Connected, Connect is disabled: the chord still belongs to the window, so X11's
    // "delete to the end of the line" does not cut the text either.
    lineEdit->setCursorPosition(0);
    QTest::keyClick(lineEdit, Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(lineEdit->text(), text);
    QCOMPARE(m_window->client()->state(), Mqtt::Client::State::Connected);

    QTest::keyClick(lineEdit, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Disconnected, 10000);
    QCOMPARE(lineEdit->text(), text);
}

QTEST_MAIN(TestShortcutsXcb)
#include "tst_shortcuts_xcb.moc"
