// SPDX-License-Identifier: Apache-2.0
// Settings → Theme on the real window, with a real mosquitto feeding its log: Dark and Light
// are readable (WCAG contrast of the log's text on its base), the choice is kept for the next
// window, System shows the desktop's own palette, and coloured labels follow a change of theme.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "connectionpane.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "secretstore.h"
#include "theme.h"
#include "themecontroller.h"
#include "windowsteps.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QProxyStyle>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

// WCAG 2 relative luminance of an sRGB colour.
double luminance(const QColor &color)
{
    const auto linear = [](double channel) {
        return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) +
           0.0722 * linear(color.blueF());
}

// WCAG 2 contrast ratio, 1 to 21; text needs 4.5 (AA).
double contrast(const QColor &a, const QColor &b)
{
    const double lighter = qMax(luminance(a), luminance(b));
    const double darker = qMin(luminance(a), luminance(b));
    return (lighter + 0.05) / (darker + 0.05);
}

const double ReadableContrast = 4.5;

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void darkFromTheMenuIsReadable();
    void lightFromTheMenuIsReadable();
    void choiceIsKeptForTheNextWindow();
    void colouredLabelsFollowTheTheme();
    void systemShowsADarkDesktopAsItIs();

private:
    void makeWindow();
    void choose(const char *actionName);
    // Fails unless every cell of the log reads with enough contrast on its background.
    void verifyLogReadable();

    QTemporaryDir m_settingsDir;
    MosquittoProcess m_broker;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Mqtt::Client> m_publisher;
    std::unique_ptr<MainWindow> m_window;
    QPalette m_startPalette;
};

void TestTheme::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_theme"));
    QVERIFY(m_settingsDir.isValid());
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
    m_profiles =
            std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.ini")));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_publisher = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    options.clientId = QStringLiteral("tst-theme-publisher");
    QVERIFY(ClientWaits::connectAndWait(m_publisher.get(), options, 10000));
    m_startPalette = QApplication::palette();
    ThemeController::capturePlatformLook();
}

void TestTheme::init()
{
    QFile::remove(QSettings().fileName());
    makeWindow();
    ConnectionWorkspace *workspace = m_window->currentWorkspace();
    QVERIFY(WindowSteps::connectAndSubscribe(m_window.get(), workspace, m_broker.host(),
                                             m_broker.port(), QStringLiteral("theme/#")));
    const QList<QByteArray> payloads = {"21.5", R"({"celsius": 21.5, "humidity": 40})", "hello"};
    for (const QByteArray &payload : payloads) {
        Mqtt::Message message;
        message.topic = QStringLiteral("theme/kitchen");
        message.payload = payload;
        QVERIFY(ClientWaits::publishAndWait(m_publisher.get(), message, 10000));
    }
    QTRY_COMPARE_WITH_TIMEOUT(workspace->messageLog()->rowCount(), int(payloads.size()), 10000);
}

void TestTheme::cleanup()
{
    m_window.reset();
    ThemeController::apply(ThemeController::Mode::System);
}

void TestTheme::makeWindow()
{
    m_window = std::make_unique<MainWindow>(m_profiles.get(), m_secrets.get());
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestTheme::choose(const char *actionName)
{
    auto *action = m_window->findChild<QAction *>(QLatin1String(actionName));
    QVERIFY2(action, actionName);
    action->trigger();
    QVERIFY(action->isChecked());
    // The application's palette reaches the widgets through posted events.
    auto *view = child<QTableView>(m_window->messageLogPane(), "tableView");
    QTRY_COMPARE(view->palette().color(QPalette::Base),
                 QApplication::palette().color(QPalette::Base));
}

void TestTheme::verifyLogReadable()
{
    auto *view = child<QTableView>(m_window->messageLogPane(), "tableView");
    const QPalette palette = view->palette();
    QAbstractItemModel *model = view->model();
    QVERIFY(model->rowCount() > 0);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QColor base = palette.color(
                view->alternatingRowColors() && row % 2 ? QPalette::AlternateBase : QPalette::Base);
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            const QVariant foreground = model->data(index, Qt::ForegroundRole);
            const QVariant background = model->data(index, Qt::BackgroundRole);
            const QColor text = foreground.isValid() ? foreground.value<QBrush>().color()
                                                     : palette.color(QPalette::Text);
            const QColor under = background.isValid() ? background.value<QBrush>().color() : base;
            const double ratio = contrast(text, under);
            QVERIFY2(ratio >= ReadableContrast,
                     qPrintable(QStringLiteral("row %1 column %2: %3 on %4, contrast %5")
                                        .arg(row)
                                        .arg(column)
                                        .arg(text.name(), under.name())
                                        .arg(ratio)));
        }
    }
    // The selected row stands out (WCAG's 3 for large text: Fusion's own light palette has
    // 3.7).
    QVERIFY(contrast(palette.color(QPalette::HighlightedText),
                     palette.color(QPalette::Highlight)) >= 3.0);
    QVERIFY(contrast(palette.color(QPalette::WindowText), palette.color(QPalette::Window)) >=
            ReadableContrast);
}

void TestTheme::darkFromTheMenuIsReadable()
{
    choose("themeDarkAction");
    auto *view = child<QTableView>(m_window->messageLogPane(), "tableView");
    QVERIFY(Theme::isDark(view->palette()));
    const auto *style = qobject_cast<QProxyStyle *>(QApplication::style());
    QVERIFY(style);
    QCOMPARE(style->baseStyle()->name().toLower(), QStringLiteral("fusion"));
    verifyLogReadable();
    // What is drawn is dark as well: no style sheet or fixed colour keeps a light background.
    const QImage drawn = view->viewport()->grab().toImage();
    double sum = 0;
    for (int y = 0; y < drawn.height(); y += 4) {
        for (int x = 0; x < drawn.width(); x += 4)
            sum += luminance(drawn.pixelColor(x, y));
    }
    const double mean = sum / (((drawn.height() + 3) / 4) * ((drawn.width() + 3) / 4));
    QVERIFY2(mean < 0.1, qPrintable(QString::number(mean)));
}

void TestTheme::lightFromTheMenuIsReadable()
{
    choose("themeDarkAction");
    choose("themeLightAction");
    auto *view = child<QTableView>(m_window->messageLogPane(), "tableView");
    QVERIFY(!Theme::isDark(view->palette()));
    verifyLogReadable();
}

void TestTheme::choiceIsKeptForTheNextWindow()
{
    choose("themeDarkAction");
    m_window.reset();
    // A new start: the platform's look, then the saved choice.
    ThemeController::apply(ThemeController::Mode::System);
    QVERIFY(!Theme::isDark(QApplication::palette()));
    QCOMPARE(ThemeController::modeSetting(), ThemeController::Mode::Dark);
    ThemeController::applySetting();
    QVERIFY(Theme::isDark(QApplication::palette()));
    makeWindow();
    auto *dark = m_window->findChild<QAction *>(QStringLiteral("themeDarkAction"));
    QVERIFY(dark);
    QVERIFY(dark->isChecked());
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("themeSystemAction"))->isChecked());
}

void TestTheme::colouredLabelsFollowTheTheme()
{
    // A mistake in the payload filter's expression: an error label, and the connection's state.
    MessageLogPane *log = m_window->messageLogPane();
    child<QCheckBox>(log, "regexCheck")->setChecked(true);
    child<QLineEdit>(log, "payloadFilterEdit")->setText(QStringLiteral("(unclosed"));
    auto *error = child<QLabel>(log, "filterErrorLabel");
    QTRY_VERIFY(error->isVisible());
    auto *state = child<QLabel>(m_window->connectionPane(), "stateLabel");
    const auto verifyReadable = [](QLabel *label, Theme::Role role) {
        const QPalette palette = label->palette();
        QCOMPARE(palette.color(QPalette::WindowText), Theme::color(role, palette));
        QVERIFY2(contrast(palette.color(QPalette::WindowText), palette.color(QPalette::Window)) >=
                         ReadableContrast,
                 qPrintable(label->objectName()));
    };
    verifyReadable(error, Theme::Role::Error);
    verifyReadable(state, Theme::Role::Success);
    const QColor lightError = error->palette().color(QPalette::WindowText);
    choose("themeDarkAction");
    QVERIFY(Theme::isDark(error->palette()));
    QVERIFY(error->palette().color(QPalette::WindowText) != lightError);
    verifyReadable(error, Theme::Role::Error);
    verifyReadable(state, Theme::Role::Success);
    choose("themeLightAction");
    QCOMPARE(error->palette().color(QPalette::WindowText), lightError);
}

void TestTheme::systemShowsADarkDesktopAsItIs()
{
    // A desktop with a dark palette of its own when the application starts.
    QPalette desktop{QColor(Qt::black)};
    desktop.setColor(QPalette::WindowText, Qt::white);
    desktop.setColor(QPalette::Base, Qt::black);
    desktop.setColor(QPalette::AlternateBase, QColor(Qt::darkGray).darker(200));
    desktop.setColor(QPalette::Text, Qt::white);
    desktop.setColor(QPalette::Highlight, Qt::darkBlue);
    desktop.setColor(QPalette::HighlightedText, Qt::white);
    m_window.reset();
    QApplication::setPalette(desktop);
    ThemeController::capturePlatformLook();
    init();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(ThemeController::modeSetting(), ThemeController::Mode::System);
    verifyLogReadable();
    // Light on a dark desktop is light; System again is the desktop's own palette.
    choose("themeLightAction");
    QVERIFY(!Theme::isDark(QApplication::palette()));
    verifyLogReadable();
    choose("themeSystemAction");
    auto *view = child<QTableView>(m_window->messageLogPane(), "tableView");
    QCOMPARE(view->palette().color(QPalette::Base), QColor(Qt::black));
    QCOMPARE(view->palette().color(QPalette::Text), QColor(Qt::white));
    verifyLogReadable();

    m_window.reset();
    QApplication::setPalette(m_startPalette);
    ThemeController::capturePlatformLook();
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
