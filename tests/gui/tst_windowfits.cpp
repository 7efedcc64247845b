// SPDX-License-Identifier: Apache-2.0
// The window fits a 1024×700 screen: MainWindow's minimum size, with the default docks and with
// each other dock shown in turn (and all of them at once), stays within 1024×700, in English and
// in Chinese, in the Light and the Dark theme. A new window of that size shows the whole composer,
// down to its Publish button, without scrolling, and the log still shows rows.
#include "guitesthelpers.h"

#include "elidedlabel.h"
#include "mainwindow.h"
#include "profilestore.h"
#include "secretstore.h"
#include "themecontroller.h"
#include "translations.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QSize Screen(1024, 700);

// The widgets below root whose minimum size hint is the tallest: names what to fix.
QString tallest(QWidget *root)
{
    QStringList lines;
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisibleTo(root))
            continue;
        const QSize hint = widget->minimumSizeHint().expandedTo(widget->minimumSize());
        if (hint.height() > 250 || hint.width() > 500)
            lines << QStringLiteral("%1 (%2) %3×%4")
                             .arg(widget->objectName(),
                                  QString::fromLatin1(widget->metaObject()->className()))
                             .arg(hint.width())
                             .arg(hint.height());
    }
    return lines.join(QStringLiteral("; "));
}

} // namespace

class TestWindowFits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void fits_data();
    void fits();
    void composerWhole_data();
    void composerWhole();

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<SecretStore> m_secrets;
};

void TestWindowFits::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_windowfits"));
    QVERIFY(m_settingsDir.isValid());
    QFile::remove(QSettings().fileName());
    m_profiles =
            std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.ini")));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    ThemeController::capturePlatformLook();
}

void TestWindowFits::cleanup()
{
    ThemeController::apply(ThemeController::Mode::System);
}

void TestWindowFits::fits_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<ThemeController::Mode>("mode");
    QTest::newRow("English, light") << QStringLiteral("en") << ThemeController::Mode::Light;
    QTest::newRow("English, dark") << QStringLiteral("en") << ThemeController::Mode::Dark;
    QTest::newRow("Chinese, light") << QStringLiteral("zh_CN") << ThemeController::Mode::Light;
    QTest::newRow("Chinese, dark") << QStringLiteral("zh_CN") << ThemeController::Mode::Dark;
}

void TestWindowFits::fits()
{
    QFETCH(QString, language);
    QFETCH(ThemeController::Mode, mode);
    Translations::install(qApp, language);
    ThemeController::apply(mode);
    MainWindow window(m_profiles.get(), m_secrets.get());
    window.resize(Screen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QList<QDockWidget *> docks = window.findChildren<QDockWidget *>();
    QList<QDockWidget *> defaults;
    for (QDockWidget *dock : docks) {
        if (dock->isVisibleTo(&window))
            defaults << dock;
    }
    const auto check = [&](const QString &shown) {
        QApplication::processEvents();
        const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
        QVERIFY2(minimum.height() <= Screen.height() && minimum.width() <= Screen.width(),
                 qPrintable(QStringLiteral("%1: minimum %2×%3; %4")
                                    .arg(shown)
                                    .arg(minimum.width())
                                    .arg(minimum.height())
                                    .arg(tallest(&window))));
    };
    check(QStringLiteral("default docks"));
    for (QDockWidget *dock : docks) {
        if (defaults.contains(dock))
            continue;
        dock->show();
        check(dock->objectName());
        dock->hide();
    }
    for (QDockWidget *dock : docks)
        dock->show();
    check(QStringLiteral("every dock"));

    // Switching the theme with the window open does not make it grow past the screen.
    for (QDockWidget *dock : docks)
        dock->setVisible(defaults.contains(dock));
    window.resize(Screen);
    ThemeController::apply(mode == ThemeController::Mode::Dark ? ThemeController::Mode::Light
                                                               : ThemeController::Mode::Dark);
    check(QStringLiteral("after switching the theme"));
    QApplication::processEvents();
    QVERIFY2(window.height() <= Screen.height(), qPrintable(QString::number(window.height())));
}

void TestWindowFits::composerWhole_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("size");
    QTest::newRow("English, 1024×700") << QStringLiteral("en") << Screen;
    QTest::newRow("Chinese, 1024×700") << QStringLiteral("zh_CN") << Screen;
    QTest::newRow("English, 1600×1000") << QStringLiteral("en") << QSize(1600, 1000);
    QTest::newRow("Chinese, 1600×1000") << QStringLiteral("zh_CN") << QSize(1600, 1000);
}

void TestWindowFits::composerWhole()
{
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QFile::remove(QSettings().fileName()); // a new user: no saved layout
    Translations::install(qApp, language);
    MainWindow window(m_profiles.get(), m_secrets.get());
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::processEvents();

    auto *publishDock = window.findChild<QDockWidget *>(QStringLiteral("publish"));
    QVERIFY(publishDock);
    auto *scroll = qobject_cast<QScrollArea *>(publishDock->widget());
    QVERIFY(scroll);
    auto *publish = scroll->widget()->findChild<QPushButton *>(QStringLiteral("publishButton"));
    QVERIFY(publish);
    const QRect button(publish->mapTo(scroll->viewport(), QPoint(0, 0)), publish->size());
    QVERIFY2(scroll->viewport()->rect().contains(button),
             qPrintable(QStringLiteral("Publish at %1,%2 %3×%4 in a viewport of %5×%6")
                                .arg(button.x())
                                .arg(button.y())
                                .arg(button.width())
                                .arg(button.height())
                                .arg(scroll->viewport()->width())
                                .arg(scroll->viewport()->height())));
    QCOMPARE(scroll->verticalScrollBar()->maximum(), 0);
    // What Publish answers (here: the empty topic) is said beside it, and moves nothing: the
    // composer keeps its height, Publish its place.
    const int composerHeight = scroll->widget()->height();
    const QPoint publishAt = publish->mapTo(scroll->widget(), QPoint(0, 0));
    QTest::mouseClick(publish, Qt::LeftButton);
    auto *status = scroll->widget()->findChild<ElidedLabel *>(QStringLiteral("statusLabel"));
    QVERIFY(status);
    QVERIFY(!status->fullText().isEmpty());
    QCOMPARE(status->toolTip(), status->fullText());
    QApplication::processEvents();
    QCOMPARE(scroll->widget()->height(), composerHeight);
    QCOMPARE(publish->mapTo(scroll->widget(), QPoint(0, 0)), publishAt);
    QCOMPARE(scroll->verticalScrollBar()->maximum(), 0);
    QVERIFY(scroll->viewport()->rect().contains(
            QRect(publish->mapTo(scroll->viewport(), QPoint(0, 0)), publish->size())));

    // The log above it keeps room for rows.
    QTableView *log = nullptr;
    for (QTableView *table : window.centralWidget()->findChildren<QTableView *>()) {
        if (table->isVisibleTo(&window))
            log = table;
    }
    QVERIFY(log);
    const int rowHeight = log->verticalHeader()->defaultSectionSize();
    QVERIFY2(log->viewport()->height() >= 4 * rowHeight,
             qPrintable(QStringLiteral("log viewport %1 px, rows of %2 px")
                                .arg(log->viewport()->height())
                                .arg(rowHeight)));
}

QTEST_MAIN(TestWindowFits)
#include "tst_windowfits.moc"
