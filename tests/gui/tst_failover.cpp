// SPDX-License-Identifier: Apache-2.0
// Failover in the window, against two real mosquitto brokers: the connection pane's list of
// other brokers, checked where it is typed; the window moves to the second broker when the
// first is killed and the status says which one is in use; the next connect starts again at
// the head of the list. At 5.0 a server reference (from a scripted broker) is shown and, when
// the profile says so, followed.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "codec.h"
#include "connectionpane.h"
#include "failovereditor.h"
#include "fakebroker.h"
#include "mainwindow.h"
#include "mosquittoprocess.h"
#include "secretstore.h"
#include "translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <memory>

class TestFailover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void movesToTheNextBrokerAndBackToTheHead();
    void badUrlIsRefusedWhereItIsTyped();
    void orderCanBeChanged();
    void serverReferenceIsShown_data();
    void serverReferenceIsShown();

private:
    QString urlOf(const MosquittoProcess &broker) const
    {
        return QStringLiteral("mqtt://%1:%2").arg(broker.host()).arg(broker.port());
    }
    QString stateText() const { return m_window->connectionPane()->stateText(); }

    std::unique_ptr<MosquittoProcess> m_first;
    std::unique_ptr<MosquittoProcess> m_second;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
};

void TestFailover::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_failover"));
    Translations::install(qApp, QStringLiteral("en"));
    m_first = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_first->start(), qPrintable(m_first->errorString()));
    m_second = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_second->start(), qPrintable(m_second->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
}

void TestFailover::init()
{
    QFile::remove(QSettings().fileName());
    for (MosquittoProcess *broker : {m_first.get(), m_second.get()}) {
        if (!broker->isRunning())
            QVERIFY2(broker->restart(), qPrintable(broker->errorString()));
    }
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->resize(1024, 700);
    m_window->show();
}

void TestFailover::cleanup()
{
    m_window.reset();
}

void TestFailover::cleanupTestCase()
{
    m_secrets.reset();
    m_second.reset();
    m_first.reset();
}

void TestFailover::movesToTheNextBrokerAndBackToTheHead()
{
    ConnectionPane *pane = m_window->connectionPane();
    auto *editor = child<FailoverEditor>(pane, "failoverEditor");
    child<QLineEdit>(pane, "hostEdit")->setText(m_first->host());
    pane->setPort(m_first->port());
    child<QCheckBox>(pane, "autoReconnectCheck")->setChecked(true);
    editor->addUrl(urlOf(*m_second));
    QCOMPARE(pane->profile().failoverUrls, QStringList{urlOf(*m_second)});
    Mqtt::Client *client = m_window->client();
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(client->currentServerIndex(), 0);
    const QString first = QStringLiteral("%1:%2").arg(m_first->host()).arg(m_first->port());
    const QString second = QStringLiteral("%1:%2").arg(m_second->host()).arg(m_second->port());
    QVERIFY2(stateText().contains(first + QStringLiteral(" (broker 1 of 2)")),
             qPrintable(stateText()));
    QVERIFY(ClientWaits::subscribeAndWait(
            client, {{QStringLiteral("fo/#"), Mqtt::QoS::AtLeastOnce, false, false, {}}}, {},
            10000));

    // The first broker dies: the window moves to the second at once and says so.
    QSignalSpy received(client, &Mqtt::Client::messageReceived);
    QSignalSpy scheduled(client, &Mqtt::Client::reconnectScheduled);
    m_first->stop();
    QTRY_COMPARE_WITH_TIMEOUT(client->currentServerIndex(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::Client::State::Connected, 10000);
    QTRY_VERIFY2_WITH_TIMEOUT(stateText().contains(second + QStringLiteral(" (broker 2 of 2)")),
                              qPrintable(stateText()), 10000);
    QVERIFY2(stateText().startsWith(QStringLiteral("Connected to")), qPrintable(stateText()));
    QCOMPARE(scheduled.size(), 0); // straight to the next broker, no back-off
    // The subscription came along: a message published on the second reaches the window.
    Mqtt::Client other;
    Mqtt::ConnectionOptions options;
    options.host = m_second->host();
    options.port = m_second->port();
    QVERIFY(ClientWaits::connectAndWait(&other, options, 10000));
    Mqtt::Message message;
    message.topic = QStringLiteral("fo/second");
    message.payload = "via the second broker";
    message.qos = Mqtt::QoS::AtLeastOnce;
    // The resubscription may still be on its way: publish until the window has it.
    QTRY_VERIFY_WITH_TIMEOUT(
            (ClientWaits::publishAndWait(&other, message, 10000), !received.isEmpty()), 10000);
    QCOMPARE(received.constLast().at(0).value<Mqtt::Message>().payload, message.payload);

    // Connecting again starts at the head of the list, now that it is back.
    QVERIFY2(m_first->restart(), qPrintable(m_first->errorString()));
    QTest::mouseClick(child<QPushButton>(pane, "disconnectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::Client::State::Disconnected, 10000);
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(client->currentServerIndex(), 0);
    QVERIFY2(stateText().contains(first + QStringLiteral(" (broker 1 of 2)")),
             qPrintable(stateText()));
}

void TestFailover::badUrlIsRefusedWhereItIsTyped()
{
    ConnectionPane *pane = m_window->connectionPane();
    showUnscrolled(pane);
    auto *editor = child<FailoverEditor>(pane, "failoverEditor");
    auto *problem = child<QLabel>(editor, "failoverProblemLabel");
    QVERIFY(problem->isHidden());
    editor->addUrl(QStringLiteral("http://wrong.example"));
    QVERIFY(!problem->isHidden());
    QVERIFY2(problem->text().contains(QLatin1String("Failover broker 1")),
             qPrintable(problem->text()));
    QVERIFY2(problem->text().contains(QLatin1String("http")), qPrintable(problem->text()));

    // Connect refuses with the same words and nothing is attempted.
    child<QLineEdit>(pane, "hostEdit")->setText(m_first->host());
    pane->setPort(m_first->port());
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QCOMPARE(pane->errorText(), problem->text());
    QCOMPARE(m_window->client()->state(), Mqtt::Client::State::Disconnected);

    // Fixed where it is: the message goes.
    auto *list = child<QListWidget>(editor, "failoverList");
    list->item(0)->setText(urlOf(*m_second));
    QVERIFY(problem->isHidden());
    QCOMPARE(editor->problem(), QString());
}

void TestFailover::orderCanBeChanged()
{
    ConnectionPane *pane = m_window->connectionPane();
    showUnscrolled(pane);
    auto *editor = child<FailoverEditor>(pane, "failoverEditor");
    const QStringList urls{QStringLiteral("mqtt://a.example"),
                           QStringLiteral("ws://b.example/mqtt"),
                           QStringLiteral("mqtts://c.example:8884")};
    editor->setUrls(urls);
    auto *list = child<QListWidget>(editor, "failoverList");
    list->setCurrentRow(2);
    QTest::mouseClick(child<QToolButton>(editor, "failoverUpButton"), Qt::LeftButton);
    QCOMPARE(editor->urls(), (QStringList{urls[0], urls[2], urls[1]}));
    QTest::mouseClick(child<QToolButton>(editor, "failoverUpButton"), Qt::LeftButton);
    QCOMPARE(editor->urls(), (QStringList{urls[2], urls[0], urls[1]}));
    QVERIFY(!child<QToolButton>(editor, "failoverUpButton")->isEnabled()); // at the top
    QTest::mouseClick(child<QToolButton>(editor, "failoverRemoveButton"), Qt::LeftButton);
    QCOMPARE(editor->urls(), (QStringList{urls[0], urls[1]}));

    // The list and the 5.0 choice are part of the profile the pane saves.
    auto *follow = child<QCheckBox>(editor, "followServerReferenceCheck");
    QVERIFY(!follow->isEnabled()); // 3.1.1
    pane->setProfile([&] {
        ConnectionProfile profile = pane->profile();
        profile.protocolVersion = Mqtt::ProtocolVersion::V5;
        return profile;
    }());
    QVERIFY(follow->isEnabled());
    follow->setChecked(true);
    const ConnectionProfile profile = pane->profile();
    QCOMPARE(profile.failoverUrls, (QStringList{urls[0], urls[1]}));
    QVERIFY(profile.followServerReference);
    QVERIFY(profile.toConnectionOptions().followServerReference);
}

void TestFailover::serverReferenceIsShown_data()
{
    QTest::addColumn<bool>("follow");
    QTest::newRow("followed") << true;
    QTest::newRow("not followed") << false;
}

void TestFailover::serverReferenceIsShown()
{
    QFETCH(bool, follow);
    // A 5.0 broker that sends every client to the second mosquitto.
    FakeBroker redirecting;
    QVERIFY(redirecting.listen());
    const QString reference = QStringLiteral("%1:%2").arg(m_second->host()).arg(m_second->port());
    redirecting.setHandler(Mqtt::PacketType::Connect, [&](const FakeBroker::Packet &) {
        Mqtt::ConnackPacket refusal;
        refusal.returnCode = quint8(Mqtt::ReasonCode::UseAnotherServer);
        refusal.properties.setString(Mqtt::PropertyId::ServerReference, reference);
        redirecting.sendBytes(Mqtt::encode(refusal, Mqtt::ProtocolVersion::V5));
    });

    ConnectionPane *pane = m_window->connectionPane();
    showUnscrolled(pane);
    auto *version = child<QComboBox>(pane, "versionCombo");
    version->setCurrentIndex(version->findData(int(Mqtt::ProtocolVersion::V5)));
    child<QLineEdit>(pane, "hostEdit")->setText(QStringLiteral("127.0.0.1"));
    pane->setPort(redirecting.port());
    child<QCheckBox>(pane, "autoReconnectCheck")->setChecked(false);
    auto *followCheck = child<QCheckBox>(pane, "followServerReferenceCheck");
    QVERIFY(followCheck->isEnabled());
    followCheck->setChecked(follow);
    Mqtt::Client *client = m_window->client();
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    const QString from = QStringLiteral("127.0.0.1:%1").arg(redirecting.port());
    if (follow) {
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::Client::State::Connected, 10000);
        QCOMPARE(client->currentServerIndex(), -1);
        QVERIFY2(stateText().startsWith(QStringLiteral("Connected to ") + reference +
                                        QStringLiteral(" (named by a server reference)")),
                 qPrintable(stateText()));
        QVERIFY2(stateText().contains(from + QStringLiteral(" sent us to ") + reference +
                                      QStringLiteral(" (Use another server)")),
                 qPrintable(stateText()));
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::Client::State::Disconnected, 10000);
        QVERIFY2(stateText().contains(from + QStringLiteral(" named another server: ") + reference +
                                      QStringLiteral(" (Use another server; not followed)")),
                 qPrintable(stateText()));
        QVERIFY2(pane->errorText().contains(reference), qPrintable(pane->errorText()));
    }
    // The next connect starts afresh: the note goes.
    pane->disconnectFromBroker();
    pane->setPort(m_first->port());
    QTest::mouseClick(child<QPushButton>(pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::Client::State::Connected, 10000);
    QVERIFY2(!stateText().contains(reference), qPrintable(stateText()));
}

QTEST_MAIN(TestFailover)
#include "tst_failover.moc"
