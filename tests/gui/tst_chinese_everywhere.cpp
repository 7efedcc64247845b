// SPDX-License-Identifier: Apache-2.0
// In Chinese, no English is left on screen: the real MainWindow against a real mosquitto, every
// pane and section, the menus, context menus and the dialogs the window opens, walked widget by
// widget. Every text a user can read (labels, buttons, titles, tabs, headers, tool tips, menu
// items, placeholders, combo items, cells, the status bar) may hold Latin words only from a
// short allow-list: protocol and format names, units, the product's name. Messages the sources
// send through tr() but that no catalogue knows (a context lupdate did not see) are failures
// too, whether shown or not.
#include "guitesthelpers.h"

#include "client.h"
#include "connectionpane.h"
#include "connectionworkspace.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "numbercodec.h"
#include "publishpane.h"
#include "requestresponsemodel.h"
#include "requestresponsepane.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"
#include "translations.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialog>
#include <QDockWidget>
#include <QFileDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

#include <functional>
#include <memory>

namespace {

// Latin words that stay as they are in the Chinese interface.
const QSet<QString> &allowedWords()
{
    static const QSet<QString> words = [] {
        const QString groups[] = {
                // Protocols, their packets and options
                QStringLiteral("MQTT mqtt QoS TLS TCP HTTP CONNECT SOCKS5 WebSocket SNI ALPN "
                               "SCRAM-SHA-256 AUTH CONNACK PUBLISH URL ID CA"),
                // Formats and encodings
                QStringLiteral("JSON CSV Base64 UTF-8 PEM MIME HTML"),
                // Payload formats and schema files (issue 15)
                QStringLiteral("CBOR MessagePack Protobuf Sparkplug proto"),
                // The scripts' language (issue 19)
                QStringLiteral("JavaScript"),
                // Units
                QStringLiteral("ms kB KB MB GB"),
                // Names: the product, Qt, the broker, an algorithm, a language in its own
                // language
                QStringLiteral("Switchboard Qt mosquitto Nagle English"),
        };
        QSet<QString> all;
        for (const QString &group : groups)
            for (const QString &word : group.split(QLatin1Char(' ')))
                all.insert(word);
        // Number formats as the rules and the CLI spell them ("int16le", "float32be").
        for (const QString &name : Payload::NumberFormat::names())
            all.insert(name);
        return all;
    }();
    return words;
}

// Names of more than one word.
const QStringList &allowedPhrases()
{
    static const QStringList phrases = {QStringLiteral("JSON Lines")};
    return phrases;
}

// The Latin words of a text that are not allowed. Paths, topics, URLs, host and file names,
// identifiers, hexadecimal ids and patterns are data, not prose.
QStringList englishWords(QString text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s，。：；、（）“”《》()\"',;]+"));
    static const QRegularExpression dataLike(
            QStringLiteral("[/#+$*@\\\\=_]|^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+(:[0-9]+)?$|"
                           "^(?=.*[0-9])[0-9a-fA-F-]{8,}$"));
    static const QRegularExpression word(QStringLiteral("[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"));
    for (const QString &phrase : allowedPhrases())
        text.replace(phrase, QStringLiteral(" "));
    QStringList found;
    for (const QString &token : text.split(separators, Qt::SkipEmptyParts)) {
        if (token.contains(dataLike))
            continue;
        for (auto it = word.globalMatch(token); it.hasNext();) {
            const QString candidate = it.next().captured();
            int letters = 0;
            for (QChar c : candidate)
                letters += c.isLetter();
            if (letters >= 2 && !allowedWords().contains(candidate))
                found << candidate;
        }
    }
    return found;
}

QString plain(const QString &text)
{
    QString result =
            Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
    result.remove(QLatin1Char('&')); // mnemonics
    return result;
}

// Cells are data (topics, payloads, file names) in some views: their texts are not checked.
enum class Cells { Check, Skip };

class TextWalk
{
public:
    explicit TextWalk(Cells cells = Cells::Check) : m_cells(cells) { }

    QStringList findings() const { return m_findings; }
    int textCount() const { return m_textCount; }

    void check(const QString &where, const QString &text)
    {
        m_textCount += !text.isEmpty();
        const QStringList words = englishWords(plain(text));
        if (!words.isEmpty())
            m_findings << QStringLiteral("%1: \"%2\" (%3)")
                                  .arg(where, plain(text).left(160), words.join(QLatin1Char(' ')));
    }

    void walkMenu(const QString &where, QMenu *menu)
    {
        check(where + QStringLiteral(" title"), menu->title());
        for (QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            const QString name = where + QStringLiteral(" > ") + plain(action->text());
            check(name, action->text());
            if (action->toolTip() != plain(action->text()))
                check(name + QStringLiteral(" tool tip"), action->toolTip());
            check(name + QStringLiteral(" status tip"), action->statusTip());
            if (action->menu())
                walkMenu(name, action->menu());
        }
    }

    void walkModel(const QString &where, QAbstractItemModel *model, const QModelIndex &parent,
                   QHeaderView *horizontal)
    {
        if (!model)
            return;
        if (!parent.isValid() && horizontal && !horizontal->isHidden()) {
            for (int column = 0; column < model->columnCount(); ++column) {
                if (horizontal->isSectionHidden(column))
                    continue;
                check(where + QStringLiteral(" header"),
                      model->headerData(column, Qt::Horizontal).toString());
                check(where + QStringLiteral(" header tool tip"),
                      model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString());
            }
        }
        if (m_cells == Cells::Skip)
            return;
        const int rows = qMin(model->rowCount(parent), 200);
        for (int row = 0; row < rows; ++row) {
            for (int column = 0; column < model->columnCount(parent); ++column) {
                const QModelIndex index = model->index(row, column, parent);
                check(where + QStringLiteral(" cell"), index.data().toString());
                check(where + QStringLiteral(" cell tool tip"),
                      index.data(Qt::ToolTipRole).toString());
            }
            walkModel(where, model, model->index(row, 0, parent), horizontal);
        }
    }

    void walk(QWidget *root)
    {
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *widget : std::as_const(widgets)) {
            if (!widget->isVisible() && !qobject_cast<QMenu *>(widget))
                continue;
            if (qobject_cast<QMenu *>(widget))
                continue; // walked through their actions (menu bar, buttons, popups)
            const QString where = widget->objectName().isEmpty()
                                          ? QString::fromLatin1(widget->metaObject()->className())
                                          : widget->objectName();
            if (widget->isWindow())
                check(where + QStringLiteral(" window title"), widget->windowTitle());
            check(where + QStringLiteral(" tool tip"), widget->toolTip());
            check(where + QStringLiteral(" status tip"), widget->statusTip());
            check(where + QStringLiteral(" what's this"), widget->whatsThis());
            if (auto *label = qobject_cast<QLabel *>(widget)) {
                check(where, label->text());
            } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
                check(where, button->text());
                if (auto *tool = qobject_cast<QToolButton *>(widget); tool && tool->menu())
                    walkMenu(where, tool->menu());
                if (auto *push = qobject_cast<QPushButton *>(widget); push && push->menu())
                    walkMenu(where, push->menu());
            } else if (auto *group = qobject_cast<QGroupBox *>(widget)) {
                check(where, group->title());
            } else if (auto *dock = qobject_cast<QDockWidget *>(widget)) {
                check(where + QStringLiteral(" title"), dock->windowTitle());
            } else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
                for (int i = 0; i < tabs->count(); ++i) {
                    check(where + QStringLiteral(" tab"), tabs->tabText(i));
                    check(where + QStringLiteral(" tab tool tip"), tabs->tabToolTip(i));
                }
            } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
                for (int i = 0; i < combo->count(); ++i) {
                    check(where + QStringLiteral(" item"), combo->itemText(i));
                    check(where + QStringLiteral(" item tool tip"),
                          combo->itemData(i, Qt::ToolTipRole).toString());
                }
                if (combo->lineEdit())
                    check(where + QStringLiteral(" placeholder"), combo->placeholderText());
            } else if (auto *edit = qobject_cast<QLineEdit *>(widget)) {
                check(where + QStringLiteral(" placeholder"), edit->placeholderText());
                if (edit->isReadOnly() && !qobject_cast<QAbstractSpinBox *>(edit->parent()))
                    check(where, edit->text());
            } else if (auto *spin = qobject_cast<QSpinBox *>(widget)) {
                check(where + QStringLiteral(" prefix"), spin->prefix());
                check(where + QStringLiteral(" suffix"), spin->suffix());
                check(where + QStringLiteral(" special value"), spin->specialValueText());
            } else if (auto *text = qobject_cast<QPlainTextEdit *>(widget)) {
                check(where + QStringLiteral(" placeholder"), text->placeholderText());
            } else if (auto *rich = qobject_cast<QTextEdit *>(widget)) {
                check(where + QStringLiteral(" placeholder"), rich->placeholderText());
            } else if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
                QHeaderView *header = nullptr;
                if (auto *tree = qobject_cast<QTreeView *>(widget))
                    header = tree->header();
                else if (auto *table = qobject_cast<QTableView *>(widget))
                    header = table->horizontalHeader();
                if (!qobject_cast<QHeaderView *>(widget))
                    walkModel(where, view->model(), view->rootIndex(), header);
            } else if (auto *bar = qobject_cast<QMenuBar *>(widget)) {
                for (QAction *action : bar->actions())
                    if (action->menu())
                        walkMenu(plain(action->text()), action->menu());
            }
        }
    }

private:
    Cells m_cells;
    QStringList m_findings;
    int m_textCount = 0;
};

// Consulted after every other translator: records what our sources ask for that no catalogue
// knows (Qt's own contexts start with Q and are left to the widget walk).
class MissingTranslations : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int) const override
    {
        if (context && sourceText && *sourceText && context[0] != 'Q')
            m_missing.insert(QStringLiteral("%1: %2%3")
                                     .arg(QString::fromUtf8(context), QString::fromUtf8(sourceText),
                                          disambiguation ? QStringLiteral(" (%1)").arg(
                                                                   QString::fromUtf8(disambiguation))
                                                         : QString()));
        return QString();
    }
    bool isEmpty() const override { return false; }

    QStringList missing() const { return QStringList(m_missing.begin(), m_missing.end()); }

private:
    mutable QSet<QString> m_missing;
};

} // namespace

class TestChineseEverywhere : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void detectorTellsEnglishFromData();
    void disconnectedWindow();
    void connectionPaneSections();
    void connectedWithMqtt5();
    void messagesInTheLog();
    void composerValidation();
    void menusAndContextMenus();
    void dialogs();
    void fileDialogs();
    void transportErrorsReachTheWindow();
    void severalConnections();
    void everyMessageLookedUpIsTranslated();

private:
    // Fails with the English found in the window (or in a dialog).
    void verifyChinese(QWidget *root, Cells cells = Cells::Check);
    // Calls open(), which opens a modal dialog or a popup menu and returns once it is closed;
    // walks it as soon as it shows, then closes it.
    void verifyChineseWhileOpen(const char *what, const std::function<void()> &open,
                                Cells cells = Cells::Check,
                                const std::function<void(QWidget *)> &prepare = {});
    // The window as the closing note shows it, when SWITCHBOARD_SCREENSHOTS names a folder.
    void saveScreenshot(const QString &name);
    void publishFromOtherClient(const QString &topic, const QByteArray &payload,
                                const Mqtt::Properties &properties = {});

    MissingTranslations *m_missing = nullptr;
    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_other;
};

void TestChineseEverywhere::verifyChinese(QWidget *root, Cells cells)
{
    TextWalk walk(cells);
    walk.walk(root);
    QVERIFY2(walk.findings().isEmpty(),
             qPrintable(QStringLiteral("English in %1:\n  ")
                                .arg(root->objectName().isEmpty()
                                             ? QString::fromLatin1(root->metaObject()->className())
                                             : root->objectName()) +
                        walk.findings().join(QStringLiteral("\n  "))));
}

void TestChineseEverywhere::verifyChineseWhileOpen(const char *what,
                                                   const std::function<void()> &open, Cells cells,
                                                   const std::function<void(QWidget *)> &prepare)
{
    QStringList findings;
    bool walked = false;
    QTimer poll;
    poll.setInterval(10);
    connect(&poll, &QTimer::timeout, this, [&] {
        QWidget *shown = QApplication::activePopupWidget();
        if (!shown)
            shown = QApplication::activeModalWidget();
        if (!shown || !shown->isVisible())
            return;
        poll.stop();
        if (prepare)
            prepare(shown);
        TextWalk walk(cells);
        walk.walk(shown);
        findings = walk.findings();
        walked = true;
        if (auto *dialog = qobject_cast<QDialog *>(shown))
            dialog->reject();
        else
            shown->close();
    });
    poll.start();
    open();
    poll.stop();
    QVERIFY2(walked, qPrintable(QStringLiteral("%1: nothing opened").arg(QLatin1String(what))));
    QVERIFY2(findings.isEmpty(),
             qPrintable(QStringLiteral("English in %1:\n  ").arg(QLatin1String(what)) +
                        findings.join(QStringLiteral("\n  "))));
}

void TestChineseEverywhere::saveScreenshot(const QString &name)
{
    const QString folder = qEnvironmentVariable("SWITCHBOARD_SCREENSHOTS");
    if (!folder.isEmpty())
        QVERIFY(m_window->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestChineseEverywhere::publishFromOtherClient(const QString &topic, const QByteArray &payload,
                                                   const Mqtt::Properties &properties)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce;
    message.retain = true;
    message.properties = properties;
    m_other->publish(message);
}

void TestChineseEverywhere::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_chinese_everywhere"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    QFile::remove(QSettings().fileName());

    m_missing = new MissingTranslations;
    m_missing->setParent(qApp);
    QCoreApplication::installTranslator(m_missing); // first installed: asked last
    QCOMPARE(Translations::install(qApp, QStringLiteral("zh_CN")).name(), QStringLiteral("zh_CN"));

    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1024, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestChineseEverywhere::cleanupTestCase()
{
    m_other.reset();
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestChineseEverywhere::detectorTellsEnglishFromData()
{
    QCOMPARE(englishWords(QStringLiteral("Connection refused")),
             QStringList({QStringLiteral("Connection"), QStringLiteral("refused")}));
    QCOMPARE(englishWords(QStringLiteral("连接 127.0.0.1:1883 失败：Host not found")),
             QStringList({QStringLiteral("Host"), QStringLiteral("not"), QStringLiteral("found")}));
    QCOMPARE(englishWords(QStringLiteral("已连接到 broker.example.com:8883（MQTT 5.0，QoS 2）")),
             QStringList());
    QCOMPARE(englishWords(QStringLiteral("主题过滤器，例如 sensors/#；mqtts://h/x；*.jsonl")),
             QStringList());
    QCOMPARE(englishWords(QStringLiteral("JSON Lines（*.jsonl）")), QStringList());
    QCOMPARE(englishWords(QStringLiteral("请求 00c0ffee12ab34cd-1 已发送")), QStringList());
    QCOMPARE(englishWords(QStringLiteral("%1 字节 (late)")), QStringList{QStringLiteral("late")});
}

void TestChineseEverywhere::disconnectedWindow()
{
    TextWalk walk;
    walk.walk(m_window.get());
    QVERIFY2(walk.textCount() > 150, qPrintable(QString::number(walk.textCount())));
    verifyChinese(m_window.get());
    saveScreenshot(QStringLiteral("main-window-zh_CN"));
}

void TestChineseEverywhere::connectionPaneSections()
{
    ConnectionPane *pane = m_window->connectionPane();
    auto *version = child<QComboBox>(pane, "versionCombo");
    auto *transport = child<QComboBox>(pane, "transportCombo");
    auto *proxy = child<QComboBox>(pane, "proxyKindCombo");
    // Every protocol, transport and proxy shows its own fields.
    for (int v = 0; v < version->count(); ++v) {
        version->setCurrentIndex(v);
        for (int t = 0; t < transport->count(); ++t) {
            transport->setCurrentIndex(t);
            for (int p = 0; p < proxy->count(); ++p) {
                proxy->setCurrentIndex(p);
                verifyChinese(pane);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }
    child<QAbstractButton>(pane, "allowInsecureCheck")->setChecked(true);
    transport->setCurrentIndex(1);
    verifyChinese(pane);
    child<QAbstractButton>(pane, "allowInsecureCheck")->setChecked(false);
    transport->setCurrentIndex(0);
    proxy->setCurrentIndex(0);
}

void TestChineseEverywhere::connectedWithMqtt5()
{
    ConnectionPane *pane = m_window->connectionPane();
    child<QComboBox>(pane, "versionCombo")->setCurrentIndex(2); // 5.0
    pane->setHost(m_broker->host());
    pane->setPort(m_broker->port());
    // The client id is shown back in the broker box: not an English word.
    child<QLineEdit>(pane, "clientIdEdit")->setText(QStringLiteral("客户端-1"));
    child<QAbstractButton>(pane, "autoReconnectCheck")->setChecked(false);
    pane->connectToBroker();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->client()->state(), Mqtt::Client::State::Connected, 10000);
    QVERIFY(child<QGroupBox>(pane, "brokerGroup")->isVisible());

    m_window->publishPane()->setPropertiesSectionShown(true);
    child<QAbstractButton>(m_window->subscriptionsPane(), "optionsToggleButton")->setChecked(true);
    QVERIFY(m_window->subscriptionsPane()->subscribe(QStringLiteral("传感器/#"),
                                                     Mqtt::QoS::AtLeastOnce));
    QTRY_COMPARE(m_window->subscriptions()->subscription(0).state,
                 SubscriptionModel::State::Granted);
    m_window->showRequestResponse();
    verifyChinese(m_window.get());
}

void TestChineseEverywhere::messagesInTheLog()
{
    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.version = Mqtt::ProtocolVersion::V5;
    m_other->connectToHost(options);
    QTRY_COMPARE_WITH_TIMEOUT(m_other->state(), Mqtt::Client::State::Connected, 10000);

    Mqtt::Properties properties;
    properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json"));
    properties.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 3600);
    properties.addUserProperty(QStringLiteral("位置"), QStringLiteral("实验室"));
    publishFromOtherClient(QStringLiteral("传感器/温度"), "{\"值\": 21.5}", properties);
    publishFromOtherClient(QStringLiteral("传感器/湿度/1"), "40");
    QTRY_COMPARE(m_window->messageLog()->rowCount(), 2);
    m_window->messageLogPane()->selectRow(0);
    QVERIFY(!m_window->messageLogPane()->propertiesText().isEmpty());
    verifyChinese(m_window.get());
    m_window->messageLogPane()->setPaused(true);
    publishFromOtherClient(QStringLiteral("传感器/湿度/2"), "41");
    QTRY_VERIFY(m_window->messageLog()->heldCount() > 0);
    // Requests: one left unanswered, one still waiting.
    RequestResponsePane *requests = m_window->requestResponsePane();
    requests->setRequestTopic(QStringLiteral("服务/时间"));
    requests->setTimeout(100);
    QVERIFY(requests->send());
    QTRY_COMPARE(requests->model()->countOf(RequestResponseModel::State::TimedOut), 1);
    requests->setTimeout(0);
    QVERIFY(requests->send());
    verifyChinese(m_window.get());
    saveScreenshot(QStringLiteral("main-window-zh_CN-messages"));
    m_window->messageLogPane()->setPaused(false);
}

void TestChineseEverywhere::composerValidation()
{
    PublishPane *publish = m_window->publishPane();
    for (const Payload::Decoder format :
         {Payload::Decoder::Json, Payload::Decoder::Hex, Payload::Decoder::Base64,
          Payload::Decoder::Cbor, Payload::Decoder::MessagePack, Payload::Decoder::Protobuf,
          Payload::Decoder::Sparkplug, Payload::Decoder::Numbers}) {
        publish->setEncoding({format, {}});
        publish->setPayloadText(QString());
        verifyChinese(publish); // the encoded bytes' heading, a missing type
        publish->setPayloadText(QStringLiteral("{\"a\": 1, zz"));
        verifyChinese(publish);
    }
    // What the encoders refuse in valid JSON, and encoded bytes.
    for (const auto &[format, json] : {std::pair{Payload::Decoder::Numbers, "[1, 300]"},
                                       std::pair{Payload::Decoder::Cbor, "{\"a\": 1}"}}) {
        publish->setEncoding(
                {format, format == Payload::Decoder::Numbers ? QStringLiteral("int8") : QString()});
        publish->setPayloadText(QString::fromLatin1(json));
        verifyChinese(publish);
    }
    publish->setEncoding({Payload::Decoder::Hex, {}});
    publish->setPayloadText(QStringLiteral("abc"));
    verifyChinese(publish);
    publish->setEncoding({Payload::Decoder::Text, {}});
    publish->setPayloadText(QString());

    // A bad topic filter while typing, in the subscriptions pane and in the log's filter.
    auto *filter = child<QLineEdit>(m_window->subscriptionsPane(), "filterEdit");
    QTest::keyClicks(filter, QStringLiteral("a/#/b"));
    QVERIFY(!m_window->subscriptionsPane()->errorText().isEmpty());
    verifyChinese(m_window->subscriptionsPane());
    filter->clear();
    auto *payloadFilter = child<QLineEdit>(m_window->messageLogPane(), "payloadFilterEdit");
    child<QAbstractButton>(m_window->messageLogPane(), "regexCheck")->setChecked(true);
    payloadFilter->setText(QStringLiteral("(unclosed"));
    verifyChinese(m_window->messageLogPane());
    payloadFilter->clear();
    child<QAbstractButton>(m_window->messageLogPane(), "regexCheck")->setChecked(false);
}

void TestChineseEverywhere::menusAndContextMenus()
{
    // The menu bar's menus are walked with the window; here the menus that pop up.
    auto *topics = child<QTreeView>(m_window->subscriptionsPane(), "topicView");
    QTRY_VERIFY(topics->model()->rowCount() > 0);
    topics->expandAll();
    const QModelIndex first = topics->model()->index(0, 0);
    // A right click on the tree (as the context menu key or a mouse would send it).
    verifyChineseWhileOpen("the topic tree's context menu", [&] {
        const QPoint position = topics->visualRect(first).center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, position,
                                topics->viewport()->mapToGlobal(position));
        QApplication::sendEvent(topics->viewport(), &event);
    });
    // Qt's own context menu of a line edit (Undo, Copy, Paste...).
    auto *topicEdit = child<QLineEdit>(m_window->publishPane(), "topicEdit");
    std::unique_ptr<QMenu> standard(topicEdit->createStandardContextMenu());
    TextWalk walk;
    walk.walkMenu(QStringLiteral("line edit context menu"), standard.get());
    QVERIFY2(walk.findings().isEmpty(), qPrintable(walk.findings().join(QLatin1Char('\n'))));
}

void TestChineseEverywhere::dialogs()
{
    // Menu items by their source text (what the user sees is its translation).
    const auto trigger = [this](const char *source) {
        const QString text = QCoreApplication::translate("MainWindow", source);
        for (QAction *action : m_window->findChildren<QAction *>()) {
            if (action->text() == text) {
                action->trigger();
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no action named %1").arg(text)));
    };
    verifyChineseWhileOpen("About", [&] { trigger("&About Switchboard"); });
    // Qt's own About Qt box: its title and buttons (the licence text is Qt's, in English in
    // qtbase's own catalogue).
    verifyChineseWhileOpen(
            "About Qt", [&] { trigger("About &Qt"); }, Cells::Check,
            [](QWidget *shown) {
                if (auto *label = shown->findChild<QLabel *>(
                            QStringLiteral("qt_msgbox_informativelabel")))
                    label->hide();
            });
    // The language note, after choosing another language.
    verifyChineseWhileOpen("the language note", [&] {
        for (QAction *action : m_window->findChildren<QAction *>())
            if (action->data() == QStringLiteral("en"))
                action->trigger();
    });
    MainWindow::setLanguageSetting(QString());

    // Clearing retained messages asks first.
    verifyChineseWhileOpen("clearing a retained message", [&] {
        m_window->subscriptionsPane()->clearRetained(QStringLiteral("传感器/温度"),
                                                     SubscriptionsPane::RetainedScope::Topic);
    });
    // The colour of a subscription.
    auto *subscriptions = child<QTableView>(m_window->subscriptionsPane(), "subscriptionsView");
    subscriptions->selectRow(0);
    verifyChineseWhileOpen(
            "the colour dialog",
            [&] {
                QTest::mouseClick(child<QPushButton>(m_window->subscriptionsPane(), "colorButton"),
                                  Qt::LeftButton);
            },
            Cells::Skip);
    // The password prompt, when there is no keychain to read it from.
    if (m_secrets->availability() != SecretStore::Availability::Available) {
        ConnectionPane *pane = m_window->connectionPane();
        auto *userName = child<QLineEdit>(pane, "userNameEdit");
        userName->setText(QStringLiteral("用户"));
        verifyChineseWhileOpen("the password prompt", [&] { pane->connectToBroker(); });
        userName->clear();
    }
    // Profiles: add, rename, delete.
    QMenu *profiles = child<QToolButton>(m_window->connectionPane(), "profileMenuButton")->menu();
    for (QAction *action : profiles->actions()) {
        if (action->text().endsWith(QChar(0x2026))) // the ones that open a dialog
            verifyChineseWhileOpen("a profile dialog", [&] { action->trigger(); });
    }
}

void TestChineseEverywhere::fileDialogs()
{
    // An empty folder: the file list holds nothing but Qt's own texts.
    QTemporaryDir folder;
    const QString previous = QDir::currentPath();
    QDir::setCurrent(folder.path());
    verifyChineseWhileOpen(
            "the export dialog", [&] { m_window->messageLogPane()->exportWithDialog(); },
            Cells::Skip);
    // Choosing a certificate authority file.
    ConnectionPane *pane = m_window->connectionPane();
    auto *transport = child<QComboBox>(pane, "transportCombo");
    transport->setCurrentIndex(1); // TLS
    verifyChineseWhileOpen(
            "the CA file dialog",
            [&] { QTest::mouseClick(child<QToolButton>(pane, "caFileButton"), Qt::LeftButton); },
            Cells::Skip);
    transport->setCurrentIndex(0);
    QDir::setCurrent(previous);
}

void TestChineseEverywhere::transportErrorsReachTheWindow()
{
    ConnectionPane *pane = m_window->connectionPane();
    pane->disconnectFromBroker();
    QTRY_COMPARE(m_window->client()->state(), Mqtt::Client::State::Disconnected);
    pane->setPort(MosquittoProcess::freePort()); // nobody listens there
    pane->connectToBroker();
    QTRY_VERIFY_WITH_TIMEOUT(!pane->errorText().isEmpty(), 10000);
    // Qt's socket error, from qtbase's catalogue.
    QVERIFY2(pane->errorText().contains(QStringLiteral("连接被拒绝")),
             qPrintable(pane->errorText()));
    verifyChinese(m_window.get());
}

// A second connection: the tabs, the combined view with its Connection column, the composer's
// choice of connection, the status bar's name, then the connection list.
void TestChineseEverywhere::severalConnections()
{
    ConnectionWorkspace *second = m_window->openConnection();
    ConnectionPane *pane = m_window->connectionPane(second);
    pane->setHost(m_broker->host());
    pane->setPort(m_broker->port());
    pane->connectToBroker();
    QTRY_COMPARE_WITH_TIMEOUT(second->client()->state(), Mqtt::Client::State::Connected, 10000);
    QVERIFY(m_window->subscriptionsPane(second)->subscribe(QStringLiteral("传感器/#"),
                                                           Mqtt::QoS::AtMostOnce));
    QTRY_COMPARE(second->subscriptions()->subscription(0).state, SubscriptionModel::State::Granted);
    publishFromOtherClient(QStringLiteral("传感器/压力"), "101");
    QTRY_VERIFY(m_window->combinedLog()->rowCount() >= 2);
    m_window->showCombinedView();
    m_window->combinedLogPane()->selectRow(0);
    verifyChinese(m_window.get());
    m_window->setConnectionSwitcher(MainWindow::ConnectionSwitcher::List);
    verifyChinese(m_window.get());
    m_window->setConnectionSwitcher(MainWindow::ConnectionSwitcher::Tabs);
}

void TestChineseEverywhere::everyMessageLookedUpIsTranslated()
{
    const QStringList missing = m_missing->missing();
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("Not in any catalogue:\n  ") +
                                           missing.join(QStringLiteral("\n  "))));
}

QTEST_MAIN(TestChineseEverywhere)
#include "tst_chinese_everywhere.moc"
