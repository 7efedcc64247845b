// SPDX-License-Identifier: Apache-2.0
// The connection pane driven like a user would: fill the form, connect, see refusals in plain
// words, and save a profile without a password landing in any file.
#include "guitesthelpers.h"

#include "connectionpane.h"
#include "mainwindow.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "secretstore.h"

#include <QCheckBox>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

class TestConnectionPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void connectsWithTheFormsSettings();
    void refusedConnectionShowsItsReason();
    void acceptedPasswordConnects();
    void savedProfileHoldsNoPassword();
    void passwordIsAskedForWithoutKeychain();

private:
    // Types into the form the way a user does (clear, then keys).
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    void fillBroker(ConnectionPane *pane, const MosquittoProcess &broker);
    bool startBrokerWithPasswords(MosquittoProcess &broker);

    QString m_configFolder;
};

void TestConnectionPane::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_connectionpane"));
    m_configFolder = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QVERIFY(m_configFolder.contains(QLatin1String(".qttest")));
}

void TestConnectionPane::init()
{
    // A fresh profile file and settings for every test function.
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    QFile::remove(QSettings().fileName());
}

void TestConnectionPane::fillBroker(ConnectionPane *pane, const MosquittoProcess &broker)
{
    type(child<QLineEdit>(pane, "hostEdit"), broker.host());
    child<QSpinBox>(pane, "portSpin")->setValue(broker.port());
    child<QCheckBox>(pane, "autoReconnectCheck")->setChecked(false);
}

bool TestConnectionPane::startBrokerWithPasswords(MosquittoProcess &broker)
{
    const QString passwordFile = broker.directory() + QStringLiteral("/passwords");
    QProcess passwd;
    passwd.start(QStringLiteral("mosquitto_passwd"),
                 {QStringLiteral("-b"), QStringLiteral("-c"), passwordFile, QStringLiteral("alice"),
                  QStringLiteral("wonderland")});
    if (!passwd.waitForFinished(10000) || passwd.exitCode() != 0) {
        qWarning() << "mosquitto_passwd failed:" << passwd.readAllStandardError();
        return false;
    }
    // Started as root, mosquitto would switch to its own user, which cannot read the private
    // temporary folder; "user root" keeps it as it is (and does nothing for other users).
    broker.addConfigLines({QStringLiteral("user root"), QStringLiteral("allow_anonymous false"),
                           QStringLiteral("password_file %1").arg(passwordFile)});
    return broker.start();
}

void TestConnectionPane::connectsWithTheFormsSettings()
{
    MosquittoProcess broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    window.show();
    ConnectionPane *pane = window.connectionPane();
    fillBroker(pane, broker);
    type(child<QLineEdit>(pane, "clientIdEdit"), QStringLiteral("gui-test-client"));
    QCOMPARE(pane->stateText(), QStringLiteral("Disconnected"));

    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window.client()->state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(window.client()->clientId(), QStringLiteral("gui-test-client"));
    QCOMPARE(window.client()->options().port, broker.port());
    QVERIFY2(pane->stateText().startsWith(QLatin1String("Connected to 127.0.0.1:")),
             qPrintable(pane->stateText()));
    QVERIFY(window.statusText().contains(QLatin1String("Connected")));
    QVERIFY(!child<QPushButton>(pane, "connectButton")->isEnabled());

    QTest::mouseClick(child<QPushButton>(pane, "disconnectButton"), Qt::LeftButton);
    QTRY_COMPARE(window.client()->state(), Mqtt::Client::State::Disconnected);
    QCOMPARE(pane->stateText(), QStringLiteral("Disconnected"));
}

void TestConnectionPane::refusedConnectionShowsItsReason()
{
    MosquittoProcess broker;
    QVERIFY2(startBrokerWithPasswords(broker), qPrintable(broker.errorString()));
    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    window.show();
    ConnectionPane *pane = window.connectionPane();
    fillBroker(pane, broker);
    type(child<QLineEdit>(pane, "userNameEdit"), QStringLiteral("alice"));
    type(child<QLineEdit>(pane, "passwordEdit"), QStringLiteral("not-the-password"));

    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    // mosquitto answers a wrong password with "not authorized" (5), others with 4.
    QTRY_VERIFY_WITH_TIMEOUT(!pane->errorText().isEmpty(), 10000);
    QTRY_COMPARE(window.client()->state(), Mqtt::Client::State::Disconnected);
    const Mqtt::Error error = window.client()->lastError();
    QCOMPARE(error.code, Mqtt::ErrorCode::ConnectionRefused);
    QVERIFY(error.reasonCode == 4 || error.reasonCode == 5);
    QCOMPARE(pane->errorText(), error.text);
    QVERIFY2(pane->errorText().startsWith(QLatin1String("The broker refused the connection: ")),
             qPrintable(pane->errorText()));
    QVERIFY(child<QLabel>(pane, "errorLabel")->isVisible());
    QCOMPARE(child<QLabel>(pane, "errorLabel")->textFormat(), Qt::PlainText);
}

void TestConnectionPane::acceptedPasswordConnects()
{
    MosquittoProcess broker;
    QVERIFY2(startBrokerWithPasswords(broker), qPrintable(broker.errorString()));
    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    window.show();
    ConnectionPane *pane = window.connectionPane();
    fillBroker(pane, broker);
    type(child<QLineEdit>(pane, "userNameEdit"), QStringLiteral("alice"));
    type(child<QLineEdit>(pane, "passwordEdit"), QStringLiteral("wonderland"));
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window.client()->state(), Mqtt::Client::State::Connected, 10000);
    QVERIFY(pane->errorText().isEmpty());
}

void TestConnectionPane::savedProfileHoldsNoPassword()
{
    // Random, so no other file on the machine can hold it by chance.
    const QString secret = QStringLiteral("pw-%1").arg(QRandomGenerator::global()->generate64(), 16,
                                                       16, QLatin1Char('0'));
    QString profileFile;
    {
        SecretStore secretStore(QStringLiteral("switchboard-tests"));
        SecretStore *secrets = &secretStore;
        MainWindow window(nullptr, secrets);
        window.show();
        ConnectionPane *pane = window.connectionPane();
        QSignalSpy written(secrets, &SecretStore::passwordWritten);
        QSignalSpy failed(secrets, &SecretStore::errorOccurred);
        type(child<QLineEdit>(pane, "hostEdit"), QStringLiteral("broker.example.net"));
        type(child<QLineEdit>(pane, "userNameEdit"), QStringLiteral("carol-the-user"));
        type(child<QLineEdit>(pane, "passwordEdit"), secret);
        QTest::mouseClick(child<QPushButton>(pane, "saveButton"), Qt::LeftButton);
        // The keychain either stored it or said it cannot; either way nothing else may have.
        QTRY_VERIFY_WITH_TIMEOUT(written.count() + failed.count() > 0 ||
                                         secrets->availability() ==
                                                 SecretStore::Availability::Unavailable,
                                 15000);
        if (secrets->availability() == SecretStore::Availability::Unavailable)
            QTRY_VERIFY2(pane->errorText().contains(QLatin1String("not saved")),
                         qPrintable(pane->errorText()));
        ProfileStore store;
        const auto saved = store.profile(pane->currentProfileName());
        QVERIFY(saved.has_value());
        QCOMPARE(saved->userName, QStringLiteral("carol-the-user"));
        profileFile = store.fileName();
        window.close(); // writes the window settings too
    }

    const QStringList files = filesBelow(m_configFolder);
    QVERIFY2(files.contains(profileFile), qPrintable(files.join(QLatin1Char('\n'))));
    bool sawUserName = false;
    const QList<QByteArray> forms{secret.toUtf8(), secret.toUtf8().toBase64(),
                                  secret.toUtf8().toHex()};
    for (const QString &fileName : files) {
        QFile file(fileName);
        // Other tests running alongside share this folder: a lock file of theirs may be gone
        // between the listing and here. A file that still exists must be readable.
        if (!file.open(QIODevice::ReadOnly)) {
            QVERIFY2(!file.exists(), qPrintable(fileName));
            continue;
        }
        const QByteArray contents = file.readAll();
        sawUserName = sawUserName || contents.contains("carol-the-user");
        for (const QByteArray &form : forms)
            QVERIFY2(!contents.contains(form),
                     qPrintable(fileName + QStringLiteral(" holds the password")));
    }
    QVERIFY2(sawUserName, "the profile was not written where the test looks");
}

void TestConnectionPane::passwordIsAskedForWithoutKeychain()
{
    MosquittoProcess broker;
    QVERIFY2(startBrokerWithPasswords(broker), qPrintable(broker.errorString()));
    SecretStore secretStore(QStringLiteral("switchboard-tests"));
    SecretStore *secrets = &secretStore;
    MainWindow window(nullptr, secrets);
    window.show();
    // Find out whether this machine has a keychain service (it decides whether to ask).
    QSignalSpy read(secrets, &SecretStore::passwordRead);
    QSignalSpy failed(secrets, &SecretStore::errorOccurred);
    secrets->readPassword(QStringLiteral("no-such-profile"));
    QTRY_VERIFY_WITH_TIMEOUT(read.count() + failed.count() > 0, 15000);
    if (secrets->availability() != SecretStore::Availability::Unavailable)
        QSKIP("a keychain service runs here: the password would come from it");

    ConnectionPane *pane = window.connectionPane();
    fillBroker(pane, broker);
    type(child<QLineEdit>(pane, "userNameEdit"), QStringLiteral("alice"));
    child<QLineEdit>(pane, "passwordEdit")->clear();
    bool asked = false;
    // The dialog is modal: answer it from the event loop it runs.
    QTimer::singleShot(0, this, [&asked] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->textEchoMode(), QLineEdit::Password);
        asked = true;
        dialog->setTextValue(QStringLiteral("wonderland"));
        dialog->accept();
    });
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QVERIFY(asked);
    QTRY_COMPARE_WITH_TIMEOUT(window.client()->state(), Mqtt::Client::State::Connected, 10000);
}

QTEST_MAIN(TestConnectionPane)
#include "tst_connectionpane.moc"
