// SPDX-License-Identifier: Apache-2.0
// Payloads compared in the real MainWindow (offscreen) against a real mosquitto: two JSON
// messages on a topic, the second selected, "Compare with previous" (the detail view's button
// and the log's context menu) lists the changed paths with their old and new values; two
// messages selected in the log (Ctrl+click) and "Compare selected" shows their line diff; two
// binary payloads show their differing bytes marked in hex.
#include "guitesthelpers.h"

#include "clientwaits.h"
#include "connectionpane.h"
#include "diffdialog.h"
#include "diffview.h"
#include "mainwindow.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "theme.h"
#include "translations.h"
#include "windowsteps.h"

#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

#include <memory>

class TestDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void compareWithPreviousShowsChangedPaths();
    void compareWithPreviousFromTheContextMenu();
    void compareSelectedShowsTheLineDiff();
    void binaryPayloadsShowTheirDifferingBytes();
    void longTextsFoldAndFallBack();
    // Last: it installs the Chinese translation for the rest of the run.
    void treeDiffInChinese();

private:
    void connectWindow(const QString &filter);
    void publish(const QString &topic, const QByteArray &payload);
    // The proxy row of the newest (or oldest) message on the topic; -1 when none.
    int rowOf(const QString &topic, bool newest = true);
    // The dialog the window shows, once exposed.
    DiffDialog *shownDialog();
    // Opens the log's context menu on a proxy row.
    static std::function<void()> contextMenuAt(QTableView *table, int row);
    // The changes table's row of the path: "change | old | new"; "<no path>" when none.
    static QString row(DiffView *view, const QString &path);
    static void saveScreenshot(QWidget *widget, const QString &fileName);

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_other;
};

void TestDiff::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_diff"));
    Translations::install(qApp, QStringLiteral("en")); // "2 lines added", not "2 line(s) added"
    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestDiff::init()
{
    QFile::remove(QSettings().fileName());
    QFile::remove(ProfileStore().fileName());
    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = QStringLiteral("tst-diff-other");
    QVERIFY(ClientWaits::connectAndWait(m_other.get(), options, 10000));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1400, 900);
    m_window->show();
    connectWindow(QStringLiteral("diff/#"));
}

void TestDiff::cleanup()
{
    m_other.reset();
    m_window.reset();
}

void TestDiff::cleanupTestCase()
{
    m_secrets.reset();
    m_broker.reset();
}

void TestDiff::connectWindow(const QString &filter)
{
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), m_window->currentWorkspace(),
                                             m_broker->host(), m_broker->port(), filter));
}

void TestDiff::publish(const QString &topic, const QByteArray &payload)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce; // in order, each acknowledged
    QVERIFY(ClientWaits::publishAndWait(m_other.get(), message, 10000));
}

int TestDiff::rowOf(const QString &topic, bool newest)
{
    MessageFilterProxyModel *proxy = m_window->messageProxy();
    m_window->messageLog()->flush();
    const int count = proxy->rowCount();
    for (int i = 0; i < count; ++i) {
        const int row = newest ? count - 1 - i : i;
        if (proxy->index(row, 0).data(MessageLogModel::TopicRole).toString() == topic)
            return row;
    }
    return -1;
}

DiffDialog *TestDiff::shownDialog()
{
    DiffDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = m_window->findChild<DiffDialog *>()); }, 5000))
        return nullptr;
    if (!QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

std::function<void()> TestDiff::contextMenuAt(QTableView *table, int row)
{
    return [table, row] {
        Q_EMIT table->customContextMenuRequested(
                table->visualRect(table->model()->index(row, 0)).center());
    };
}

QString TestDiff::row(DiffView *view, const QString &path)
{
    QTableWidget *table = view->changesTable();
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, DiffView::PathColumn)->text() != path)
            continue;
        return QStringList{table->item(row, DiffView::ChangeColumn)->text(),
                           table->item(row, DiffView::OldValueColumn)->text(),
                           table->item(row, DiffView::NewValueColumn)->text()}
                .join(QStringLiteral(" | "));
    }
    return QStringLiteral("<no %1>").arg(path);
}

void TestDiff::saveScreenshot(QWidget *widget, const QString &fileName)
{
    const QString folder = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
    if (folder.isEmpty())
        return;
    widget->resize(880, 400); // the README's picture
    QCoreApplication::processEvents(); // pending layout requests
    widget->grab().save(QDir(folder).filePath(fileName));
}

void TestDiff::compareWithPreviousShowsChangedPaths()
{
    const QString kitchen = QStringLiteral("diff/kitchen");
    publish(kitchen, R"({"celsius": 21.5, "unit": "C", "tags": ["indoor"], "battery": 90, )"
                     R"("sensor": {"id": "t-17", "firmware": "1.4.2", "rssi": -61}, )"
                     R"("error": null})");
    // Another topic in between is not "the previous one".
    publish(QStringLiteral("diff/hall"), R"({"celsius": 18})");
    publish(kitchen,
            R"({"celsius": 22, "unit": "C", "tags": ["indoor", "north"], "battery": "low", )"
            R"("sensor": {"id": "t-17", "firmware": "1.5.0", "rssi": -58}, "ok": true})");
    QTRY_COMPARE(m_window->messageLog()->rowCount(), 3);

    MessageLogPane *log = m_window->messageLogPane();
    auto *compare = child<QToolButton>(log, "compareButton");
    // The first message of its topic has nothing to compare with.
    log->selectRow(rowOf(kitchen, false));
    QVERIFY(!compare->isEnabled());
    log->selectRow(rowOf(QStringLiteral("diff/hall")));
    QVERIFY(!compare->isEnabled());
    log->selectRow(rowOf(kitchen));
    QVERIFY(compare->isEnabled());
    QTest::mouseClick(compare, Qt::LeftButton);
    DiffDialog *dialog = shownDialog();
    QVERIFY(dialog);
    QVERIFY2(dialog->oldDescription().contains(kitchen), qPrintable(dialog->oldDescription()));
    QVERIFY2(dialog->newDescription().contains(kitchen), qPrintable(dialog->newDescription()));
    QVERIFY2(dialog->newDescription().contains(QStringLiteral("JSON")),
             qPrintable(dialog->newDescription()));

    DiffView *view = dialog->view();
    QCOMPARE(view->diff().mode, PayloadDiff::Mode::Tree);
    QCOMPARE(view->changesTable()->rowCount(), 7);
    // "change | old | new" of each path.
    QCOMPARE(row(view, QStringLiteral("celsius")), QStringLiteral("changed | 21.5 | 22"));
    QCOMPARE(row(view, QStringLiteral("sensor.firmware")),
             QStringLiteral("changed | \"1.4.2\" | \"1.5.0\""));
    QCOMPARE(row(view, QStringLiteral("sensor.rssi")), QStringLiteral("changed | -61 | -58"));
    QCOMPARE(row(view, QStringLiteral("error")), QStringLiteral("removed | null | "));
    QCOMPARE(row(view, QStringLiteral("battery")),
             QStringLiteral("number → string | 90 | \"low\""));
    QCOMPARE(row(view, QStringLiteral("tags[1]")), QStringLiteral("added |  | \"north\""));
    QCOMPARE(row(view, QStringLiteral("ok")), QStringLiteral("added |  | true"));
    QCOMPARE(row(view, QStringLiteral("unit")), QStringLiteral("<no unit>")); // unchanged
    QVERIFY2(view->summaryText().contains(QStringLiteral("2 added, 1 removed, 4 changed")),
             qPrintable(view->summaryText()));
    // Rows have the theme's diff colours.
    QTableWidget *table = view->changesTable();
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString change = table->item(row, DiffView::ChangeColumn)->text();
        const Theme::Role role =
                change == QLatin1String("added")
                        ? Theme::Role::DiffAdded
                        : (change == QLatin1String("removed") ? Theme::Role::DiffRemoved
                                                              : Theme::Role::DiffChanged);
        QCOMPARE(table->item(row, DiffView::PathColumn)->background().color(),
                 Theme::color(role, table->palette()));
    }
    saveScreenshot(dialog, QStringLiteral("diff.png"));
    dialog->close();
    QTRY_VERIFY(!m_window->findChild<DiffDialog *>());
}

void TestDiff::compareWithPreviousFromTheContextMenu()
{
    const QString topic = QStringLiteral("diff/meter");
    publish(topic, R"({"reading": {"kwh": 1200.5, "phase": [230, 231, 229]}})");
    publish(topic, R"({"reading": {"kwh": 1201, "phase": [230, 232]}})");
    QTRY_COMPARE(m_window->messageLog()->rowCount(), 2);
    MessageLogPane *log = m_window->messageLogPane();
    auto *table = log->findChild<QTableView *>(QStringLiteral("tableView"));
    const QString entry = QStringLiteral("Compare with previous on this topic");
    const auto openAt = [table](int row) { return contextMenuAt(table, row); };
    // The first message: the entry is there, disabled.
    bool enabled = true;
    QVERIFY(withPopupMenu(openAt(rowOf(topic, false)), [&](QMenu *menu) {
        QAction *action = menuEntry(menu, entry);
        enabled = !action || action->isEnabled();
    }));
    QVERIFY(!enabled);
    QVERIFY(chooseFromMenu(entry, openAt(rowOf(topic))));
    DiffDialog *dialog = shownDialog();
    QVERIFY(dialog);
    DiffView *view = dialog->view();
    QCOMPARE(row(view, QStringLiteral("reading.kwh")), QStringLiteral("changed | 1200.5 | 1201"));
    QCOMPARE(row(view, QStringLiteral("reading.phase[1]")), QStringLiteral("changed | 231 | 232"));
    QCOMPARE(row(view, QStringLiteral("reading.phase[2]")), QStringLiteral("removed | 229 | "));
    QCOMPARE(view->changesTable()->rowCount(), 3);
}

void TestDiff::compareSelectedShowsTheLineDiff()
{
    publish(QStringLiteral("diff/hall"), "door: open\nlight: on\nalarm: armed\n");
    publish(QStringLiteral("diff/other"), "unrelated");
    publish(QStringLiteral("diff/porch"), "door: open\nlight: off\nalarm: armed\nmotion: yes\n");
    QTRY_COMPARE(m_window->messageLog()->rowCount(), 3);
    MessageLogPane *log = m_window->messageLogPane();
    auto *table = log->findChild<QTableView *>(QStringLiteral("tableView"));
    const auto clickRow = [table](int row, Qt::KeyboardModifiers modifiers) {
        QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers,
                          table->visualRect(table->model()->index(row, 0)).center());
    };
    const QString entry = QStringLiteral("Compare selected");
    // The newer one first, then the older with Ctrl: two selected.
    const int porch = rowOf(QStringLiteral("diff/porch"));
    const int hall = rowOf(QStringLiteral("diff/hall"));
    clickRow(porch, Qt::NoModifier);
    QCOMPARE(log->compareSelected(), nullptr); // one is not two
    clickRow(hall, Qt::ControlModifier);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 2);
    QVERIFY(chooseFromMenu(entry, contextMenuAt(table, hall)));
    DiffDialog *dialog = shownDialog();
    QVERIFY(dialog);
    // The older message is the old side, whichever was clicked first.
    QVERIFY2(dialog->oldDescription().contains(QStringLiteral("diff/hall")),
             qPrintable(dialog->oldDescription()));
    QVERIFY2(dialog->newDescription().contains(QStringLiteral("diff/porch")),
             qPrintable(dialog->newDescription()));
    DiffView *view = dialog->view();
    QCOMPARE(view->diff().mode, PayloadDiff::Mode::Lines);
    QCOMPARE(view->diff().lines.removedCount, 1);
    QCOMPARE(view->diff().lines.addedCount, 2);
    const QStringList lines = view->diffText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 5);
    QVERIFY2(lines.at(1).endsWith(QStringLiteral("- light: on")), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).endsWith(QStringLiteral("+ light: off")), qPrintable(lines.at(2)));
    QVERIFY2(lines.at(4).endsWith(QStringLiteral("+ motion: yes")), qPrintable(lines.at(4)));
    // Three marked lines: one removed, two added.
    QCOMPARE(view->marks().size(), 3);
    QCOMPARE(view->marks().at(0).kind, PayloadDiff::ChangeKind::Removed);
    QVERIFY2(view->summaryText().contains(QStringLiteral("1 line removed, 2 lines added")),
             qPrintable(view->summaryText()));
    saveScreenshot(dialog, QStringLiteral("diff-lines.png"));
    dialog->close();
    // Three selected: not offered.
    clickRow(rowOf(QStringLiteral("diff/other")), Qt::ControlModifier);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 3);
    QVERIFY(!chooseFromMenu(entry, contextMenuAt(table, hall)));
    QCOMPARE(log->compareSelected(), nullptr);
}

void TestDiff::binaryPayloadsShowTheirDifferingBytes()
{
    const QString topic = QStringLiteral("diff/raw");
    QByteArray first(40, '\0');
    for (int i = 0; i < first.size(); ++i)
        first[i] = char(0x80 + i);
    QByteArray second = first;
    second[20] = '\x01';
    second.append("\xfe\xff", 2);
    publish(topic, first);
    publish(topic, second);
    QTRY_COMPARE(m_window->messageLog()->rowCount(), 2);
    MessageLogPane *log = m_window->messageLogPane();
    log->selectRow(rowOf(topic));
    DiffDialog *dialog = log->compareWithPrevious();
    QVERIFY(dialog);
    DiffView *view = dialog->view();
    QCOMPARE(view->diff().mode, PayloadDiff::Mode::Bytes);
    QCOMPARE(view->diff().bytes.differingBytes, 3);
    // Old and new rows at offset 0x10, the changed byte (the fifth of the row) marked in both;
    // the two added bytes on the new side's row at 0x20.
    const QString text = view->diffText();
    QVERIFY2(text.contains(QStringLiteral("- 00000010  90 91 92 93 94 95")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("+ 00000010  90 91 92 93 01 95")), qPrintable(text));
    QStringList marked;
    for (const DiffView::Mark &mark : view->marks())
        marked << text.mid(mark.start, mark.length);
    QCOMPARE(marked,
             QStringList({QStringLiteral("94"), QStringLiteral("01"), QStringLiteral("fe ff")}));
    QCOMPARE(view->marks().last().kind, PayloadDiff::ChangeKind::Added);
    saveScreenshot(dialog, QStringLiteral("diff-bytes.png"));
}

void TestDiff::longTextsFoldAndFallBack()
{
    // 200 lines, the 100th changed: three lines of context each side, the rest folded.
    QStringList lines;
    for (int i = 1; i <= 200; ++i)
        lines << QStringLiteral("line %1").arg(i);
    const QByteArray oldText = lines.join(QLatin1Char('\n')).toUtf8();
    lines[99] = QStringLiteral("LINE 100");
    const QByteArray newText = lines.join(QLatin1Char('\n')).toUtf8();
    DiffView view;
    view.setDiff(PayloadDiff::diffPayloads({oldText, nullptr}, {newText, nullptr}), oldText,
                 newText);
    QStringList shown = view.diffText().split(QLatin1Char('\n'));
    QCOMPARE(shown.size(), 10);
    QCOMPARE(shown.first(), QStringLiteral("⋯ 96 unchanged lines"));
    QCOMPARE(shown.at(1), QStringLiteral(" 97  97   line 97"));
    QCOMPARE(shown.at(4), QStringLiteral("100     - line 100"));
    QCOMPARE(shown.at(5), QStringLiteral("    100 + LINE 100"));
    QCOMPARE(shown.last(), QStringLiteral("⋯ 97 unchanged lines"));

    // More than 20,000 different lines: the first difference, and it says so.
    QStringList many;
    for (int i = 0; i < 25000; ++i)
        many << QStringLiteral("a%1").arg(i);
    const QByteArray manyOld = many.join(QLatin1Char('\n')).toUtf8();
    const QByteArray manyNew = QByteArray(manyOld).replace('a', 'b');
    view.setDiff(PayloadDiff::diffPayloads({manyOld, nullptr}, {manyNew, nullptr}), manyOld,
                 manyNew);
    QVERIFY2(view.summaryText().contains(QStringLiteral("Too large to diff line by line: showing "
                                                        "the first difference, at line 1.")),
             qPrintable(view.summaryText()));
    shown = view.diffText().split(QLatin1Char('\n'));
    QCOMPARE(shown.size(), 3);
    QVERIFY2(shown.at(0).endsWith(QStringLiteral("- a0")), qPrintable(shown.at(0)));
    QVERIFY2(shown.at(1).endsWith(QStringLiteral("+ b0")), qPrintable(shown.at(1)));
    QCOMPARE(shown.at(2), QStringLiteral("⋯ the rest is not compared line by line"));

    // Equal payloads say so.
    view.setDiff(PayloadDiff::diffPayloads({oldText, nullptr}, {oldText, nullptr}), oldText,
                 oldText);
    QVERIFY2(view.summaryText().contains(QStringLiteral("The payloads are equal.")),
             qPrintable(view.summaryText()));
    QCOMPARE(view.diffText(), QStringLiteral("⋯ 200 unchanged lines"));
}

void TestDiff::treeDiffInChinese()
{
    QCOMPARE(Translations::install(qApp, QStringLiteral("zh_CN")).name(), QStringLiteral("zh_CN"));
    const QString topic = QStringLiteral("diff/valve");
    publish(topic, R"({"open": 1, "mode": "auto"})");
    publish(topic, R"({"open": "1", "mode": "manual", "since": 5})");
    QTRY_COMPARE(m_window->messageLog()->rowCount(), 2);
    MessageLogPane *log = m_window->messageLogPane();
    log->selectRow(rowOf(topic));
    DiffDialog *dialog = log->compareWithPrevious();
    QVERIFY(dialog);
    DiffView *view = dialog->view();
    QCOMPARE(row(view, QStringLiteral("open")), QStringLiteral("数字 → 字符串 | 1 | \"1\""));
    QCOMPARE(row(view, QStringLiteral("mode")), QStringLiteral("修改 | \"auto\" | \"manual\""));
    QCOMPARE(row(view, QStringLiteral("since")), QStringLiteral("新增 |  | 5"));
    QCOMPARE(view->changesTable()->horizontalHeaderItem(DiffView::OldValueColumn)->text(),
             QStringLiteral("旧值"));
    QVERIFY2(view->summaryText().contains(QStringLiteral("3 处变化")),
             qPrintable(view->summaryText()));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("比较负载"));
}

QTEST_MAIN(TestDiff)
#include "tst_diff.moc"
