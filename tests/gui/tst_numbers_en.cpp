// SPDX-License-Identifier: Apache-2.0
// English: numbers in the locale's format and real plural forms ("1 message", "2 messages",
// "100,000 messages"), from the plurals-only catalogue switchboard_en.
#include "guitesthelpers.h"

#include "connectionpane.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "properties.h"
#include "publishpane.h"
#include "requestresponsepane.h"
#include "secretstore.h"
#include "translations.h"

#include <QFile>
#include <QSettings>
#include <QSpinBox>
#include <QTest>
#include <QXmlStreamReader>

class TestNumbersEnglish : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyPluralHasEnglishForms();
    void statusBarCountsMessages();
    void detailCountsBytes();
    void engineTextsGroupDigits();
    void spinBoxesGroupDigitsButNotPorts();

private:
    static void appendMessages(MessageLogModel *log, int count, const QByteArray &payload);
};

void TestNumbersEnglish::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_numbers_en"));
    QFile::remove(QSettings().fileName());
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/switchboard_en.qm")));
    // The C locale (no LANG) has no catalogue of its own: English, with English numbers.
    QCOMPARE(Translations::install(qApp, QStringLiteral("C")).name(), QStringLiteral("en_US"));
    const QLocale locale = Translations::install(qApp, QStringLiteral("en_GB"));
    QCOMPARE(locale.name(), QStringLiteral("en_GB"));
    QCOMPARE(QLocale().name(), QStringLiteral("en_GB"));
}

// Every "%n" message of the sources (lupdate -pluralonly lists them all in switchboard_en.ts,
// which tst_translations keeps complete) reads right for one and for many, with grouped digits.
void TestNumbersEnglish::everyPluralHasEnglishForms()
{
    QFile file(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/translations/switchboard_en.ts"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    QString context;
    int checked = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            const QByteArray source = xml.readElementText().toUtf8();
            const QByteArray contextName = context.toUtf8();
            const QString one = QCoreApplication::translate(contextName, source, nullptr, 1);
            const QString two = QCoreApplication::translate(contextName, source, nullptr, 2);
            const QString many = QCoreApplication::translate(contextName, source, nullptr, 100000);
            const QByteArray where = contextName + ": " + source;
            QVERIFY2(!one.contains(QLatin1String("(s)")) && !two.contains(QLatin1String("(s)")),
                     where.constData());
            QVERIFY2(one != two, where.constData());
            QVERIFY2(!one.contains(QLatin1String("%n")) && !one.contains(QLatin1String("%Ln")),
                     qPrintable(one));
            // %Ln, not %n: digits grouped as the locale does.
            QVERIFY2(many.contains(QLatin1String("100,000")), qPrintable(many));
            ++checked;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(checked >= 3);
}

void TestNumbersEnglish::appendMessages(MessageLogModel *log, int count, const QByteArray &payload)
{
    Mqtt::Message message;
    message.topic = QStringLiteral("numbers/test");
    message.payload = payload;
    for (int i = 0; i < count; ++i)
        log->append(message, MessageLogModel::Direction::Incoming);
    log->flush();
}

void TestNumbersEnglish::statusBarCountsMessages()
{
    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    MessageLogModel *log = window.messageLog();

    appendMessages(log, 1, "x");
    QTRY_VERIFY2(window.statusText().contains(QLatin1String("Log: 1 message, ")),
                 qPrintable(window.statusText()));
    appendMessages(log, 1, "y");
    QTRY_VERIFY2(window.statusText().contains(QLatin1String("Log: 2 messages, ")),
                 qPrintable(window.statusText()));
    appendMessages(log, 100000 - 2, "z");
    QCOMPARE(log->rowCount(), 100000);
    QTRY_VERIFY2(window.statusText().contains(QLatin1String("Log: 100,000 messages, ")),
                 qPrintable(window.statusText()));
}

void TestNumbersEnglish::detailCountsBytes()
{
    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    MessageLogModel *log = window.messageLog();
    appendMessages(log, 1, "1");
    appendMessages(log, 1, "12");
    appendMessages(log, 1, QByteArray(12345, 'a'));
    MessageLogPane *pane = window.messageLogPane();
    const auto showsBytes = [pane](int row, const QString &expected) {
        pane->selectRow(row);
        return pane->detailHeaderText().endsWith(QStringLiteral(" · ") + expected);
    };
    QVERIFY2(showsBytes(0, QStringLiteral("1 byte")), qPrintable(pane->detailHeaderText()));
    QVERIFY2(showsBytes(1, QStringLiteral("2 bytes")), qPrintable(pane->detailHeaderText()));
    QVERIFY2(showsBytes(2, QStringLiteral("12,345 bytes")), qPrintable(pane->detailHeaderText()));
}

// The engine's texts reach the window with the locale's numbers too (here a 5.0 property as the
// detail view lists it).
void TestNumbersEnglish::engineTextsGroupDigits()
{
    Mqtt::Properties properties;
    properties.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 86400);
    const QList<Mqtt::PropertyText> lines = properties.describe(Mqtt::BinaryNotation::Labelled);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().value, QStringLiteral("86,400 s"));
}

// Durations and intervals read like the numbers elsewhere; a port is a name, never grouped.
void TestNumbersEnglish::spinBoxesGroupDigitsButNotPorts()
{
    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    QCOMPARE(child<QSpinBox>(window.requestResponsePane(), "timeoutSpin")->text(),
             QStringLiteral("5,000 ms"));
    auto *repeat = child<QSpinBox>(window.publishPane(), "repeatSpin");
    repeat->setValue(60000);
    QCOMPARE(repeat->text(), QStringLiteral("60,000 ms"));
    auto *port = child<QSpinBox>(window.connectionPane(), "portSpin");
    port->setValue(18830);
    QCOMPARE(port->text(), QStringLiteral("18830"));
}

QTEST_MAIN(TestNumbersEnglish)
#include "tst_numbers_en.moc"
