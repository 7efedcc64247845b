// SPDX-License-Identifier: Apache-2.0
// The connection pane's transport, TLS and proxy settings: kept in profiles (secrets only in
// the keychain, files owner-only), broker URLs typed in the host field, the insecure warning,
// and TLS failures against a real mosquitto shown in plain words.
#include "guitesthelpers.h"

#include "connectionpane.h"
#include "mainwindow.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "secretstore.h"
#include "transportscertificates.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

class TestConnectionPaneSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void tlsProfileRoundTrips();
    void secretsStayOutOfFiles();
    void typedUrlFillsTheFields_data();
    void typedUrlFillsTheFields();
    void defaultPortFollowsTheTransport();
    void allowInsecureShowsWarning();
    void tlsFailuresAreShown_data();
    void tlsFailuresAreShown();
    void insecureConnectionSaysSo();
    void secretsAreAskedForWithoutKeychain();

private:
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    static void choose(QComboBox *combo, int data)
    {
        const int index = combo->findData(data);
        QVERIFY(index >= 0);
        combo->setCurrentIndex(index);
    }
    static ConnectionProfile tlsProfile();
    bool startTlsBroker(QString *error);

    QString m_configFolder;
    QTemporaryDir m_certificateFolder;
    TransportsCertificates m_certificates;
    std::unique_ptr<MosquittoProcess> m_broker;
    quint16 m_tlsPort = 0;
    quint16 m_unknownCaPort = 0;
    quint16 m_expiredPort = 0;
};

void TestConnectionPaneSecurity::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_connectionpane_security"));
    m_configFolder = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QVERIFY(m_configFolder.contains(QLatin1String(".qttest")));
}

void TestConnectionPaneSecurity::init()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    QFile::remove(QSettings().fileName());
}

ConnectionProfile TestConnectionPaneSecurity::tlsProfile()
{
    ConnectionProfile p;
    p.name = QStringLiteral("secure/one");
    p.host = QStringLiteral("broker.example.org");
    p.port = 8884;
    p.userName = QStringLiteral("dave");
    p.transport = Mqtt::TransportKind::SecureWebSocket;
    p.webSocketPath = QStringLiteral("/ws/mqtt");
    p.caFile = QStringLiteral("/etc/ssl/my ca.pem");
    p.certificateFile = QStringLiteral("/home/dave/client.pem");
    p.keyFile = QStringLiteral("/home/dave/client.key");
    p.serverName = QStringLiteral("sni.example.org");
    p.alpn = QStringList{QStringLiteral("mqtt"), QStringLiteral("x-amzn-mqtt-ca")};
    p.minimumTlsVersion = Mqtt::TlsVersion::TlsV1_3;
    p.allowInsecure = true;
    p.proxyKind = Mqtt::ProxyKind::Socks5;
    p.proxyHost = QStringLiteral("proxy.example.org");
    p.proxyPort = 1080;
    p.proxyUserName = QStringLiteral("proxy-user");
    return p;
}

void TestConnectionPaneSecurity::tlsProfileRoundTrips()
{
    const ConnectionProfile original = tlsProfile();
    QVERIFY(original != ConnectionProfile());
    QString fileName;
    {
        ProfileStore store;
        fileName = store.fileName();
        QVERIFY(store.saveProfile(original));
    }
    {
        ProfileStore store(fileName);
        const auto loaded = store.profile(original.name);
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->transport, original.transport);
        QCOMPARE(loaded->alpn, original.alpn);
        QCOMPARE(loaded->proxyKind, original.proxyKind);
        QVERIFY(*loaded == original);
    }
    // Through the form and back, and into the engine's options.
    ConnectionPane pane;
    pane.setProfile(original);
    QVERIFY(pane.profile() == original);
    QCOMPARE(child<QComboBox>(&pane, "transportCombo")->currentData().toInt(),
             int(Mqtt::TransportKind::SecureWebSocket));
    QCOMPARE(child<QLineEdit>(&pane, "alpnEdit")->text(), QStringLiteral("mqtt, x-amzn-mqtt-ca"));
    const Mqtt::ConnectionOptions options = original.toConnectionOptions();
    QCOMPARE(options.transport, Mqtt::TransportKind::SecureWebSocket);
    QCOMPARE(options.webSocketPath, QStringLiteral("/ws/mqtt"));
    QCOMPARE(options.tls.keyFile, original.keyFile);
    QCOMPARE(options.tls.serverName, original.serverName);
    QCOMPARE(options.tls.alpn, (QByteArrayList{"mqtt", "x-amzn-mqtt-ca"}));
    QCOMPARE(options.tls.minimumVersion, Mqtt::TlsVersion::TlsV1_3);
    QVERIFY(options.tls.allowInsecure);
    QCOMPARE(options.proxy.kind, Mqtt::ProxyKind::Socks5);
    QCOMPARE(options.proxy.host, original.proxyHost);
    QCOMPARE(options.proxy.port, quint16(1080));
    QCOMPARE(options.proxy.userName, original.proxyUserName);
}

void TestConnectionPaneSecurity::secretsStayOutOfFiles()
{
    const QString password = QStringLiteral("pw-%1").arg(QDateTime::currentMSecsSinceEpoch());
    const QString passphrase = QStringLiteral("kp-%1").arg(QDateTime::currentMSecsSinceEpoch());
    const QString proxySecret = QStringLiteral("px-%1").arg(QDateTime::currentMSecsSinceEpoch());
    QString profileFile;
    {
        SecretStore secrets(QStringLiteral("switchboard-tests"));
        MainWindow window(nullptr, &secrets);
        window.show();
        ConnectionPane *pane = window.connectionPane();
        QSignalSpy written(&secrets, &SecretStore::passwordWritten);
        QSignalSpy failed(&secrets, &SecretStore::errorOccurred);
        type(child<QLineEdit>(pane, "hostEdit"), QStringLiteral("secure.example.net"));
        choose(child<QComboBox>(pane, "transportCombo"), int(Mqtt::TransportKind::Tls));
        type(child<QLineEdit>(pane, "userNameEdit"), QStringLiteral("erin-the-user"));
        type(child<QLineEdit>(pane, "passwordEdit"), password);
        type(child<QLineEdit>(pane, "keyFileEdit"), QStringLiteral("/tmp/erin.key"));
        type(child<QLineEdit>(pane, "keyPassphraseEdit"), passphrase);
        choose(child<QComboBox>(pane, "proxyKindCombo"), int(Mqtt::ProxyKind::HttpConnect));
        type(child<QLineEdit>(pane, "proxyHostEdit"), QStringLiteral("proxy.example.net"));
        type(child<QLineEdit>(pane, "proxyUserEdit"), QStringLiteral("proxy-erin"));
        type(child<QLineEdit>(pane, "proxyPasswordEdit"), proxySecret);
        QTest::mouseClick(child<QPushButton>(pane, "saveButton"), Qt::LeftButton);
        // Each of the three secrets was stored by the keychain or refused by it.
        QTRY_VERIFY_WITH_TIMEOUT(written.count() + failed.count() >= 3 ||
                                         secrets.availability() ==
                                                 SecretStore::Availability::Unavailable,
                                 15000);
        if (secrets.availability() == SecretStore::Availability::Unavailable)
            QTRY_VERIFY2(pane->errorText().contains(QLatin1String("not saved")),
                         qPrintable(pane->errorText()));
        ProfileStore store;
        const auto saved = store.profile(pane->currentProfileName());
        QVERIFY(saved.has_value());
        QCOMPARE(saved->keyFile, QStringLiteral("/tmp/erin.key"));
        QCOMPARE(saved->proxyUserName, QStringLiteral("proxy-erin"));
        profileFile = store.fileName();
        window.close(); // writes the window settings too
    }

    const QStringList files = filesBelow(m_configFolder);
    QVERIFY2(files.contains(profileFile), qPrintable(files.join(QLatin1Char('\n'))));
    QVERIFY2(files.contains(QSettings().fileName()), qPrintable(files.join(QLatin1Char('\n'))));
    bool sawUserName = false;
    for (const QString &fileName : files) {
        QFile file(fileName);
        // Other GUI tests share this folder and may remove their files meanwhile.
        if (!file.open(QIODevice::ReadOnly) && !file.exists())
            continue;
        QVERIFY2(file.isOpen(), qPrintable(fileName));
        const QByteArray contents = file.readAll();
        sawUserName = sawUserName || contents.contains("proxy-erin");
        for (const QString &secret : {password, passphrase, proxySecret}) {
            for (const QByteArray &form :
                 {secret.toUtf8(), secret.toUtf8().toBase64(), secret.toUtf8().toHex()})
                QVERIFY2(!contents.contains(form),
                         qPrintable(fileName + QStringLiteral(" holds a secret")));
        }
    }
    QVERIFY2(sawUserName, "the profile was not written where the test looks");

    // Every file this application wrote (profiles, window settings): owner read/write only.
    QStringList ours =
            filesBelow(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation));
    ours << QSettings().fileName();
    QVERIFY(ours.contains(profileFile));
    const QFileDevice::Permissions others = QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                            QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther |
                                            QFileDevice::ExeOther;
    for (const QString &fileName : std::as_const(ours)) {
        const QFileDevice::Permissions mode = QFileInfo(fileName).permissions();
        QVERIFY2((mode & QFileDevice::ReadOwner) && (mode & QFileDevice::WriteOwner),
                 qPrintable(fileName));
        QVERIFY2(!(mode & others),
                 qPrintable(fileName + QStringLiteral(" mode %1").arg(int(mode), 0, 16)));
    }
}

void TestConnectionPaneSecurity::typedUrlFillsTheFields_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("transport");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("path");

    QTest::newRow("mqtts") << QStringLiteral("mqtts://tls.example.com:8884")
                           << int(Mqtt::TransportKind::Tls) << QStringLiteral("tls.example.com")
                           << 8884 << QStringLiteral("/mqtt");
    QTest::newRow("wss default port")
            << QStringLiteral("wss://ws.example.com/ws")
            << int(Mqtt::TransportKind::SecureWebSocket) << QStringLiteral("ws.example.com") << 443
            << QStringLiteral("/ws");
    QTest::newRow("ws") << QStringLiteral("ws://127.0.0.1:9001/mqtt")
                        << int(Mqtt::TransportKind::WebSocket) << QStringLiteral("127.0.0.1")
                        << 9001 << QStringLiteral("/mqtt");
    QTest::newRow("mqtt") << QStringLiteral("mqtt://plain.example.com")
                          << int(Mqtt::TransportKind::Tcp) << QStringLiteral("plain.example.com")
                          << 1883 << QStringLiteral("/mqtt");
}

void TestConnectionPaneSecurity::typedUrlFillsTheFields()
{
    QFETCH(QString, url);
    QFETCH(int, transport);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, path);

    ConnectionPane pane;
    showUnscrolled(&pane);
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    auto *hostEdit = child<QLineEdit>(&pane, "hostEdit");
    hostEdit->setFocus();
    type(hostEdit, url);
    QTest::keyClick(hostEdit, Qt::Key_Return);
    QCOMPARE(child<QComboBox>(&pane, "transportCombo")->currentData().toInt(), transport);
    QCOMPARE(hostEdit->text(), host);
    QCOMPARE(child<QSpinBox>(&pane, "portSpin")->value(), port);
    QCOMPARE(child<QLineEdit>(&pane, "webSocketPathEdit")->text(), path);
    const bool webSocket = transport == int(Mqtt::TransportKind::WebSocket) ||
                           transport == int(Mqtt::TransportKind::SecureWebSocket);
    QCOMPARE(child<QLineEdit>(&pane, "webSocketPathEdit")->isVisible(), webSocket);
    const bool tls = transport == int(Mqtt::TransportKind::Tls) ||
                     transport == int(Mqtt::TransportKind::SecureWebSocket);
    QCOMPARE(child<QWidget>(&pane, "tlsGroup")->isVisible(), tls);

    // Not a URL it can read: said so, and the fields stay.
    type(hostEdit, QStringLiteral("gopher://nowhere.example.com"));
    QTest::keyClick(hostEdit, Qt::Key_Return);
    QVERIFY2(pane.errorText().startsWith(QLatin1String("Broker URL")), qPrintable(pane.errorText()));
    QCOMPARE(child<QSpinBox>(&pane, "portSpin")->value(), port);
}

void TestConnectionPaneSecurity::defaultPortFollowsTheTransport()
{
    ConnectionPane pane;
    auto *combo = child<QComboBox>(&pane, "transportCombo");
    auto *port = child<QSpinBox>(&pane, "portSpin");
    QCOMPARE(port->value(), 1883);
    choose(combo, int(Mqtt::TransportKind::Tls));
    QCOMPARE(port->value(), 8883);
    choose(combo, int(Mqtt::TransportKind::WebSocket));
    QCOMPARE(port->value(), 80);
    choose(combo, int(Mqtt::TransportKind::SecureWebSocket));
    QCOMPARE(port->value(), 443);
    // A port the user chose stays.
    port->setValue(9443);
    choose(combo, int(Mqtt::TransportKind::Tcp));
    QCOMPARE(port->value(), 9443);
}

void TestConnectionPaneSecurity::allowInsecureShowsWarning()
{
    ConnectionPane pane;
    showUnscrolled(&pane);
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    auto *warning = child<QLabel>(&pane, "insecureWarningLabel");
    auto *insecure = child<QCheckBox>(&pane, "allowInsecureCheck");
    choose(child<QComboBox>(&pane, "transportCombo"), int(Mqtt::TransportKind::Tls));
    QVERIFY(insecure->isVisible());
    QVERIFY(!warning->isVisible());
    QTest::mouseClick(insecure, Qt::LeftButton);
    QVERIFY(insecure->isChecked());
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QLatin1String("verification is off")));
    // It stays while the TLS options are edited, and goes when the box is cleared.
    type(child<QLineEdit>(&pane, "serverNameEdit"), QStringLiteral("sni.example.com"));
    QVERIFY(warning->isVisible());
    QTest::mouseClick(insecure, Qt::LeftButton);
    QVERIFY(!warning->isVisible());
    // Proxy host and credentials show only for a proxy named in the pane.
    auto *proxyHost = child<QLineEdit>(&pane, "proxyHostEdit");
    QVERIFY(!proxyHost->isVisible());
    choose(child<QComboBox>(&pane, "proxyKindCombo"), int(Mqtt::ProxyKind::Socks5));
    QVERIFY(proxyHost->isVisible());
    QVERIFY(child<QLineEdit>(&pane, "proxyPasswordEdit")->isVisible());
    choose(child<QComboBox>(&pane, "proxyKindCombo"), int(Mqtt::ProxyKind::System));
    QVERIFY(!proxyHost->isVisible());
}

bool TestConnectionPaneSecurity::startTlsBroker(QString *error)
{
    if (m_broker)
        return true;
    if (!m_certificateFolder.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    if (!m_certificates.generate(m_certificateFolder.path(), error))
        return false;
    const QString ca = QStringLiteral("cafile ") + m_certificates.caFile();
    const auto listener = [&](quint16 port, const QString &certificate, const QString &key) {
        return QStringList{QStringLiteral("listener %1 127.0.0.1").arg(port), ca,
                           QStringLiteral("certfile ") + certificate,
                           QStringLiteral("keyfile ") + key};
    };
    // A port may be taken between picking and binding: then pick them all again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        do {
            m_tlsPort = MosquittoProcess::freePort();
            m_unknownCaPort = MosquittoProcess::freePort();
            m_expiredPort = MosquittoProcess::freePort();
        } while (m_tlsPort == m_unknownCaPort || m_tlsPort == m_expiredPort ||
                 m_unknownCaPort == m_expiredPort);
        QStringList lines =
                listener(m_tlsPort, m_certificates.serverCertificate(), m_certificates.serverKey());
        lines += listener(m_unknownCaPort, m_certificates.unknownCaServerCertificate(),
                          m_certificates.unknownCaServerKey());
        lines += listener(m_expiredPort, m_certificates.expiredCertificate(),
                          m_certificates.expiredKey());
        auto broker = std::make_unique<MosquittoProcess>();
        broker->addConfigLines(lines);
        if (!broker->start()) {
            *error = broker->errorString();
            continue;
        }
        // The fixture waits for its own listener only; ours open right after it.
        bool open = true;
        for (quint16 port : {m_tlsPort, m_unknownCaPort, m_expiredPort}) {
            if (!broker->waitForListener(port)) {
                open = false;
                *error = QStringLiteral("TLS listener %1 did not open").arg(port);
                break;
            }
        }
        if (open) {
            m_broker = std::move(broker);
            return true;
        }
    }
    return false;
}

void TestConnectionPaneSecurity::tlsFailuresAreShown_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown CA") << QStringLiteral("unknown")
                                << QStringLiteral("not signed by a trusted certificate authority");
    QTest::newRow("expired") << QStringLiteral("expired")
                             << QStringLiteral("expired on 2020-02-01");
}

void TestConnectionPaneSecurity::tlsFailuresAreShown()
{
    QFETCH(QString, which);
    QFETCH(QString, expected);
    QString error;
    QVERIFY2(startTlsBroker(&error), qPrintable(error));

    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    window.show();
    ConnectionPane *pane = window.connectionPane();
    const quint16 port = which == QLatin1String("expired") ? m_expiredPort : m_unknownCaPort;
    type(child<QLineEdit>(pane, "hostEdit"), QStringLiteral("mqtts://localhost:%1").arg(port));
    QTest::keyClick(child<QLineEdit>(pane, "hostEdit"), Qt::Key_Return);
    QCOMPARE(child<QComboBox>(pane, "transportCombo")->currentData().toInt(),
             int(Mqtt::TransportKind::Tls));
    type(child<QLineEdit>(pane, "caFileEdit"), m_certificates.caFile());
    child<QCheckBox>(pane, "autoReconnectCheck")->setChecked(false);
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->errorText().isEmpty(), 10000);
    QVERIFY2(pane->errorText().contains(expected, Qt::CaseInsensitive),
             qPrintable(pane->errorText()));
    QVERIFY(window.client()->state() != Mqtt::Client::State::Connected);
}

void TestConnectionPaneSecurity::insecureConnectionSaysSo()
{
    QString error;
    QVERIFY2(startTlsBroker(&error), qPrintable(error));

    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    window.show();
    ConnectionPane *pane = window.connectionPane();
    type(child<QLineEdit>(pane, "hostEdit"),
         QStringLiteral("mqtts://localhost:%1").arg(m_unknownCaPort));
    QTest::keyClick(child<QLineEdit>(pane, "hostEdit"), Qt::Key_Return);
    child<QCheckBox>(pane, "autoReconnectCheck")->setChecked(false);
    child<QCheckBox>(pane, "allowInsecureCheck")->setChecked(true);
    QVERIFY(child<QLabel>(pane, "insecureWarningLabel")->isVisible());
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window.client()->state(), Mqtt::Client::State::Connected, 10000);
    QVERIFY2(pane->stateText().contains(QLatin1String("insecure")), qPrintable(pane->stateText()));
    QVERIFY2(window.statusText().contains(QLatin1String("insecure")),
             qPrintable(window.statusText()));
    QVERIFY(child<QLabel>(pane, "insecureWarningLabel")->isVisible());
    QTest::mouseClick(child<QPushButton>(pane, "disconnectButton"), Qt::LeftButton);
    QTRY_COMPARE(window.client()->state(), Mqtt::Client::State::Disconnected);
}

void TestConnectionPaneSecurity::secretsAreAskedForWithoutKeychain()
{
    QString error;
    QVERIFY2(startTlsBroker(&error), qPrintable(error));
    SecretStore secrets(QStringLiteral("switchboard-tests"));
    MainWindow window(nullptr, &secrets);
    window.show();
    // Whether this machine has a keychain service decides whether the pane asks.
    QSignalSpy read(&secrets, &SecretStore::passwordRead);
    QSignalSpy failed(&secrets, &SecretStore::errorOccurred);
    secrets.readPassword(QStringLiteral("no-such-profile"));
    QTRY_VERIFY_WITH_TIMEOUT(read.count() + failed.count() > 0, 15000);
    if (secrets.availability() != SecretStore::Availability::Unavailable)
        QSKIP("a keychain service runs here: the secrets would come from it");

    ConnectionPane *pane = window.connectionPane();
    type(child<QLineEdit>(pane, "hostEdit"), QStringLiteral("mqtts://localhost:%1").arg(m_tlsPort));
    QTest::keyClick(child<QLineEdit>(pane, "hostEdit"), Qt::Key_Return);
    child<QCheckBox>(pane, "autoReconnectCheck")->setChecked(false);
    type(child<QLineEdit>(pane, "caFileEdit"), m_certificates.caFile());
    type(child<QLineEdit>(pane, "certificateFileEdit"), m_certificates.clientCertificate());
    // The test client key is encrypted: its passphrase is needed.
    type(child<QLineEdit>(pane, "keyFileEdit"), m_certificates.clientKey());
    child<QLineEdit>(pane, "keyPassphraseEdit")->clear();
    // Nobody listens on the proxy port: only the prompt and the options matter here.
    choose(child<QComboBox>(pane, "proxyKindCombo"), int(Mqtt::ProxyKind::Socks5));
    type(child<QLineEdit>(pane, "proxyHostEdit"), QStringLiteral("127.0.0.1"));
    child<QSpinBox>(pane, "proxyPortSpin")->setValue(MosquittoProcess::freePort());
    type(child<QLineEdit>(pane, "proxyUserEdit"), QStringLiteral("proxy-frank"));
    child<QLineEdit>(pane, "proxyPasswordEdit")->clear();

    // The dialogs are modal: answer each from the event loop it runs.
    QStringList asked;
    QTimer answerer;
    answerer.setInterval(10);
    connect(&answerer, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        QCOMPARE(dialog->textEchoMode(), QLineEdit::Password);
        asked << dialog->windowTitle();
        dialog->setTextValue(dialog->windowTitle() == QLatin1String("Key passphrase")
                                     ? QString::fromUtf8(m_certificates.clientKeyPassphrase())
                                     : QStringLiteral("proxy-secret"));
        dialog->accept();
    });
    answerer.start();
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    answerer.stop();
    QCOMPARE(asked,
             (QStringList{QStringLiteral("Key passphrase"), QStringLiteral("Proxy password")}));
    const Mqtt::ConnectionOptions options = window.client()->options();
    QCOMPARE(options.tls.keyPassphrase, m_certificates.clientKeyPassphrase());
    QCOMPARE(options.tls.keyFile, m_certificates.clientKey());
    QCOMPARE(options.proxy.kind, Mqtt::ProxyKind::Socks5);
    QCOMPARE(options.proxy.userName, QStringLiteral("proxy-frank"));
    QCOMPARE(options.proxy.password, QStringLiteral("proxy-secret"));
    // The proxy is not there: the attempt fails and says so.
    QTRY_VERIFY_WITH_TIMEOUT(!pane->errorText().isEmpty(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.client()->state(), Mqtt::Client::State::Disconnected, 10000);
}

QTEST_MAIN(TestConnectionPaneSecurity)
#include "tst_connectionpane_security.moc"
