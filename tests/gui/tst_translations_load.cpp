// SPDX-License-Identifier: Apache-2.0
// The embedded Simplified Chinese translation loads and reaches the widgets, the engine's
// errors and the models; Qt's own catalogue loads beside it; numbers are grouped as the
// Chinese locale does.
#include "guitesthelpers.h"

#include "connectionoptions.h"
#include "connectionpane.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "payloadformat.h"
#include "protocol.h"
#include "secretstore.h"
#include "translations.h"
#include "transportfactory.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTest>

class TestTranslationsLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void chineseReachesEveryLayer();
};

void TestTranslationsLoad::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_translations_load"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    QFile::remove(QSettings().fileName());
}

void TestTranslationsLoad::chineseReachesEveryLayer()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/switchboard_zh_CN.qm")));
    const QLocale locale = Translations::install(qApp, QStringLiteral("zh_CN"));
    QCOMPARE(locale.name(), QStringLiteral("zh_CN"));

    // The engine's plain-words refusal (context "Mqtt").
    QCOMPARE(Mqtt::connectReturnCodeText(Mqtt::ConnectReturnCode::BadUserNameOrPassword),
             QStringLiteral("服务器拒绝了连接：用户名或密码错误"));

    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    QCOMPARE(window.connectionPane()->stateText(), QStringLiteral("已断开"));
    QVERIFY2(window.statusText().startsWith(QStringLiteral("已断开")),
             qPrintable(window.statusText()));
    QVERIFY2(window.statusText().contains(QStringLiteral("日志：")),
             qPrintable(window.statusText()));

    // Texts looked up through helpers (they once stayed English: the helpers asked for a
    // context lupdate never wrote, or lupdate did not see the helper's calls at all).
    Mqtt::ConnectionOptions options;
    QString urlError;
    QVERIFY(!Mqtt::parseBrokerUrl(QString(), &options, &urlError));
    QCOMPARE(urlError, QStringLiteral("服务器 URL 为空"));
    QCOMPARE(Mqtt::describeSocketError(QAbstractSocket::ProxyConnectionRefusedError,
                                       QStringLiteral("x")),
             QStringLiteral("代理拒绝了连接（x）"));
    QCOMPARE(PayloadFormat::encode(QStringLiteral("QQ="), PayloadFormat::Format::Base64).error,
             QStringLiteral("Base64 无效：长度或填充错误"));

    // Qt's own catalogue: its standard buttons and its socket errors.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
    QCOMPARE(QCoreApplication::translate("QAbstractSocket", "Connection refused"),
             QStringLiteral("连接被拒绝"));

    // Numbers grouped as the Chinese locale groups them, in plurals too (%Ln).
    Mqtt::Message message;
    message.topic = QStringLiteral("t");
    for (int i = 0; i < 12345; ++i)
        window.messageLog()->append(message, MessageLogModel::Direction::Incoming);
    window.messageLog()->flush();
    const QString count = QLocale(QStringLiteral("zh_CN")).toString(12345);
    QCOMPARE(count, QStringLiteral("12,345"));
    QTRY_VERIFY2(window.statusText().contains(QStringLiteral("日志：%1 条消息").arg(count)),
                 qPrintable(window.statusText()));
}

QTEST_MAIN(TestTranslationsLoad)
#include "tst_translations_load.moc"
