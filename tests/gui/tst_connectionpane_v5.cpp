// SPDX-License-Identifier: Apache-2.0
// The connection pane at MQTT 5.0: its options reach the broker, the Broker box shows what the
// CONNACK said, a DISCONNECT from the broker is explained, bad input is refused, a profile
// keeps every 5.0 field, the topic alias choice reaches the client, and Re-authenticate runs
// a SCRAM-SHA-256 exchange on the open connection.
#include "guitesthelpers.h"

#include "client.h"
#include "codec.h"
#include "connectionpane.h"
#include "framereader.h"
#include "mosquittoprocess.h"
#include "profilestore.h"
#include "scramserver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

namespace {

// RFC 7677, section 3 (the engine's test vector): user "user", password "pencil".
const QByteArray ScramSalt = QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ==");
const QByteArray ScramServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
const QString Scram = QStringLiteral("SCRAM-SHA-256");

// A scripted 5.0 broker that authenticates one client with SCRAM-SHA-256 through the test
// ScramServer: at CONNECT and again at each AUTH Re-authenticate. A re-authentication that
// fails its proof gets DISCONNECT Not authorized, as a broker must answer it.
class ScramBroker : public QObject
{
public:
    explicit ScramBroker(QObject *parent = nullptr) : QObject(parent)
    {
        setPassword("pencil");
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_peer = m_server.nextPendingConnection();
            connect(m_peer, &QTcpSocket::readyRead, this, &ScramBroker::read);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    // What the broker has stored for "user" from now on (a changed password).
    void setPassword(const QByteArray &password)
    {
        m_scram =
                std::make_unique<ScramServer>("user", password, ScramSalt, 4096, ScramServerNonce);
    }

    QList<Mqtt::AuthPacket> authPackets; // every AUTH the client sent, in order
    QString problem; // what the client sent that the script did not expect

private:
    void read()
    {
        m_reader.append(m_peer->readAll());
        Mqtt::FrameReader::Frame frame;
        while (m_reader.next(&frame) == Mqtt::FrameReader::Status::FrameReady) {
            switch (frame.type) {
            case Mqtt::PacketType::Connect: {
                const auto decoded = Mqtt::decodeConnect(frame.flags, frame.body);
                if (decoded.packet.properties.string(Mqtt::PropertyId::AuthenticationMethod) !=
                    Scram) {
                    problem = QStringLiteral("CONNECT without SCRAM-SHA-256");
                    return;
                }
                challenge(decoded.packet.properties.binary(Mqtt::PropertyId::AuthenticationData));
                break;
            }
            case Mqtt::PacketType::Auth:
                onAuth(Mqtt::decodeAuth(frame.flags, frame.body).packet);
                break;
            case Mqtt::PacketType::Pingreq:
                m_peer->write(Mqtt::encodePingresp());
                break;
            default:
                break;
            }
        }
    }

    void onAuth(const Mqtt::AuthPacket &packet)
    {
        authPackets.append(packet);
        const QByteArray data = packet.properties.binary(Mqtt::PropertyId::AuthenticationData);
        if (packet.reasonCode == Mqtt::ReasonCode::ReAuthenticate) {
            m_reauthenticating = true;
            challenge(data);
            return;
        }
        const bool proven = m_scram->verify(data);
        if (m_reauthenticating) {
            m_reauthenticating = false;
            if (proven) {
                m_peer->write(auth(Mqtt::ReasonCode::Success, m_scram->serverFinal()));
            } else {
                Mqtt::DisconnectPacket refusal;
                refusal.reasonCode = Mqtt::ReasonCode::NotAuthorized;
                m_peer->write(Mqtt::encode(refusal, Mqtt::ProtocolVersion::V5));
            }
            return;
        }
        Mqtt::ConnackPacket connack;
        connack.returnCode =
                quint8(proven ? Mqtt::ReasonCode::Success : Mqtt::ReasonCode::NotAuthorized);
        connack.properties.setString(Mqtt::PropertyId::AuthenticationMethod, Scram);
        if (proven)
            connack.properties.setBinary(Mqtt::PropertyId::AuthenticationData,
                                         m_scram->serverFinal());
        m_peer->write(Mqtt::encode(connack, Mqtt::ProtocolVersion::V5));
    }

    void challenge(const QByteArray &clientFirst)
    {
        const QByteArray serverFirst = m_scram->challenge(clientFirst);
        if (serverFirst.isEmpty())
            problem = m_scram->lastError();
        m_peer->write(auth(Mqtt::ReasonCode::ContinueAuthentication, serverFirst));
    }

    static QByteArray auth(Mqtt::ReasonCode reason, const QByteArray &data)
    {
        Mqtt::AuthPacket packet;
        packet.reasonCode = reason;
        packet.properties.setString(Mqtt::PropertyId::AuthenticationMethod, Scram);
        packet.properties.setBinary(Mqtt::PropertyId::AuthenticationData, data);
        return Mqtt::encode(packet);
    }

    QTcpServer m_server;
    QPointer<QTcpSocket> m_peer;
    Mqtt::FrameReader m_reader;
    std::unique_ptr<ScramServer> m_scram;
    bool m_reauthenticating = false;
};

} // namespace

class TestConnectionPaneV5 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void optionsNeedMqtt5();
    void connectShowsTheConnack();
    void brokerDisconnectShowsItsReason();
    void refusedAuthenticationMethodShowsItsReason();
    void invalidInputIsRefused_data();
    void invalidInputIsRefused();
    void profileKeepsEveryV5Field();
    void topicAliasChoiceReachesTheClient();
    void reauthenticateNeedsAConnectionWithAMethod();
    void reauthenticateRunsAScramExchange();

private:
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    static void chooseVersion(ConnectionPane *pane, Mqtt::ProtocolVersion version)
    {
        auto *combo = child<QComboBox>(pane, "versionCombo");
        combo->setCurrentIndex(combo->findData(int(version)));
    }
    static void addUserProperty(ConnectionPane *pane, const char *prefix, const QString &name,
                                const QString &value);
    static QString detail(const ConnectionPane *pane, const QString &name);
    // With SWITCHBOARD_GRAB_DIR set, saves what the pane looks like (for a person to check).
    static void grab(QWidget *widget, const QString &name);
};

void TestConnectionPaneV5::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_connectionpane_v5"));
}

void TestConnectionPaneV5::addUserProperty(ConnectionPane *pane, const char *prefix,
                                           const QString &name, const QString &value)
{
    const QByteArray table = QByteArray(prefix) + "UserPropertiesTable";
    const QByteArray add = QByteArray(prefix) + "AddUserPropertyButton";
    auto *widget = child<QTableWidget>(pane, table.constData());
    QTest::mouseClick(child<QToolButton>(pane, add.constData()), Qt::LeftButton);
    const int row = widget->rowCount() - 1;
    widget->item(row, 0)->setText(name);
    widget->item(row, 1)->setText(value);
}

QString TestConnectionPaneV5::detail(const ConnectionPane *pane, const QString &name)
{
    for (const auto &[label, value] : pane->brokerDetails()) {
        if (label == name)
            return value;
    }
    return QStringLiteral("<no %1>").arg(name);
}

void TestConnectionPaneV5::grab(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("SWITCHBOARD_GRAB_DIR");
    if (!folder.isEmpty())
        widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png"));
}

void TestConnectionPaneV5::optionsNeedMqtt5()
{
    ConnectionPane pane;
    showUnscrolled(&pane);
    auto *group = child<QGroupBox>(&pane, "v5Group");
    auto *toggle = child<QToolButton>(&pane, "v5ToggleButton");
    chooseVersion(&pane, Mqtt::ProtocolVersion::V3_1_1);
    QVERIFY(!group->isEnabled());
    QVERIFY(!group->isVisible()); // folded away at 3.1.1
    grab(&pane, QStringLiteral("connectionpane-311"));
    QVERIFY(toggle->toolTip().contains(QLatin1String("MQTT 5.0")));
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    QVERIFY(group->isEnabled());
    QVERIFY(group->isVisible());
    QVERIFY(toggle->toolTip().isEmpty());
    // The will properties follow the will.
    auto *will = child<QGroupBox>(&pane, "willGroup");
    will->setChecked(false);
    QVERIFY(!child<QGroupBox>(&pane, "willPropertiesGroup")->isEnabled());
    will->setChecked(true);
    QVERIFY(child<QGroupBox>(&pane, "willPropertiesGroup")->isEnabled());
    QCOMPARE(child<QCheckBox>(&pane, "cleanSessionCheck")->text(), QStringLiteral("C&lean start"));
}

void TestConnectionPaneV5::connectShowsTheConnack()
{
    MosquittoProcess broker;
    // Limits mosquitto announces in its CONNACK.
    broker.addConfigLines({QStringLiteral("max_qos 1"), QStringLiteral("max_keepalive 30"),
                           QStringLiteral("retain_available false"),
                           QStringLiteral("max_packet_size 200000")});
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    Mqtt::Client client;
    ConnectionPane pane;
    pane.setClient(&client);
    pane.resize(360, 900);
    showUnscrolled(&pane);
    type(child<QLineEdit>(&pane, "hostEdit"), broker.host());
    child<QSpinBox>(&pane, "portSpin")->setValue(broker.port());
    child<QCheckBox>(&pane, "autoReconnectCheck")->setChecked(false);
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    type(child<QLineEdit>(&pane, "clientIdEdit"), QStringLiteral("v5-pane-client"));
    child<QSpinBox>(&pane, "keepAliveSpin")->setValue(60);
    auto *expiry = child<QComboBox>(&pane, "sessionExpiryCombo");
    type(expiry->lineEdit(), QStringLiteral("300"));
    type(child<QLineEdit>(&pane, "receiveMaximumEdit"), QStringLiteral("7"));
    addUserProperty(&pane, "connect", QStringLiteral("site"), QStringLiteral("lab"));
    addUserProperty(&pane, "connect", QStringLiteral("site"), QStringLiteral("annex"));
    addUserProperty(&pane, "connect", QStringLiteral("app"), QString());
    QVERIFY(!child<QGroupBox>(&pane, "brokerGroup")->isVisible());

    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(client.options().version, Mqtt::ProtocolVersion::V5);
    const Mqtt::Properties sent = client.options().connectProperties;
    QCOMPARE(sent.integer(Mqtt::PropertyId::SessionExpiryInterval), std::optional<quint32>(300));
    QCOMPARE(sent.integer(Mqtt::PropertyId::ReceiveMaximum), std::optional<quint32>(7));
    const QList<QPair<QString, QString>> expectedUserProperties{
            {QStringLiteral("site"), QStringLiteral("lab")},
            {QStringLiteral("site"), QStringLiteral("annex")},
            {QStringLiteral("app"), QString()}};
    QCOMPARE(sent.userProperties(), expectedUserProperties);

    QVERIFY(child<QGroupBox>(&pane, "brokerGroup")->isVisible());
    QCOMPARE(detail(&pane, QStringLiteral("Session present")), QStringLiteral("no"));
    QCOMPARE(detail(&pane, QStringLiteral("Client id")), QStringLiteral("v5-pane-client"));
    QCOMPARE(detail(&pane, QStringLiteral("Maximum QoS")), QStringLiteral("1"));
    QCOMPARE(detail(&pane, QStringLiteral("Retain available")), QStringLiteral("no"));
    QCOMPARE(detail(&pane, QStringLiteral("Server keep alive")), QStringLiteral("30 s"));
    QCOMPARE(detail(&pane, QStringLiteral("Maximum packet size")),
             QStringLiteral("%1 bytes").arg(QLocale().toString(200000)));
    QVERIFY2(!detail(&pane, QStringLiteral("Topic alias maximum")).startsWith(u'<'),
             qPrintable(detail(&pane, QStringLiteral("Topic alias maximum"))));
    QVERIFY(!detail(&pane, QStringLiteral("Receive maximum")).startsWith(u'<'));
    QVERIFY(!detail(&pane, QStringLiteral("Shared subscriptions")).startsWith(u'<'));
    // What is shown is what the box holds, one label per value.
    const auto labels = child<QGroupBox>(&pane, "brokerGroup")->findChildren<QLabel *>();
    QVERIFY(labels.size() >= 2 * pane.brokerDetails().size());
    grab(&pane, QStringLiteral("connectionpane-v5-connected"));

    // The session outlived the connection (expiry 300 s): a reconnect without clean start
    // finds it. With the expiry not sent, mosquitto would have dropped it at disconnect.
    QTest::mouseClick(child<QPushButton>(&pane, "disconnectButton"), Qt::LeftButton);
    QTRY_COMPARE(client.state(), Mqtt::Client::State::Disconnected);
    child<QCheckBox>(&pane, "cleanSessionCheck")->setChecked(false);
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(detail(&pane, QStringLiteral("Session present")), QStringLiteral("yes"));
}

void TestConnectionPaneV5::brokerDisconnectShowsItsReason()
{
    // mosquitto 2.0 closes connections without a DISCONNECT (session take-over, shutdown), so
    // a scripted broker accepts the CONNECT and then sends DISCONNECT "Server shutting down"
    // with a Reason String.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QPointer<QTcpSocket> peer;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        peer = server.nextPendingConnection();
        connect(peer, &QTcpSocket::readyRead, peer, [&] {
            peer->readAll(); // the CONNECT; its contents are other tests' business
            const QByteArray connack = QByteArray::fromHex("2003000000");
            const QByteArray reason = "maintenance";
            QByteArray properties = QByteArray::fromHex("1f0000") + reason;
            properties[2] = char(reason.size());
            QByteArray disconnect = QByteArray::fromHex("e0");
            disconnect += char(2 + properties.size());
            disconnect += char(Mqtt::ReasonCode::ServerShuttingDown);
            disconnect += char(properties.size());
            disconnect += properties;
            peer->write(connack + disconnect);
        });
    });
    Mqtt::Client client;
    ConnectionPane pane;
    pane.setClient(&client);
    showUnscrolled(&pane);
    type(child<QLineEdit>(&pane, "hostEdit"), QStringLiteral("127.0.0.1"));
    child<QSpinBox>(&pane, "portSpin")->setValue(server.serverPort());
    child<QCheckBox>(&pane, "autoReconnectCheck")->setChecked(false);
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(client.lastError().code == Mqtt::ErrorCode::BrokerDisconnected, 10000);
    QTRY_COMPARE(client.state(), Mqtt::Client::State::Disconnected);
    QCOMPARE(client.lastError().reasonCode, quint8(Mqtt::ReasonCode::ServerShuttingDown));
    const QString text = pane.errorText();
    QVERIFY2(text.contains(QLatin1String("Server shutting down")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("0x8b")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("maintenance")), qPrintable(text));
    QVERIFY(child<QLabel>(&pane, "errorLabel")->isVisible());
}

void TestConnectionPaneV5::refusedAuthenticationMethodShowsItsReason()
{
    // mosquitto without an authentication plugin refuses any method: "Bad authentication
    // method" in the CONNACK, which shows that the choice reached the broker.
    MosquittoProcess broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    Mqtt::Client client;
    ConnectionPane pane;
    pane.setClient(&client);
    showUnscrolled(&pane);
    type(child<QLineEdit>(&pane, "hostEdit"), broker.host());
    child<QSpinBox>(&pane, "portSpin")->setValue(broker.port());
    child<QCheckBox>(&pane, "autoReconnectCheck")->setChecked(false);
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    auto *method = child<QComboBox>(&pane, "authenticationMethodCombo");
    QVERIFY(method->findText(QStringLiteral("SCRAM-SHA-256")) > 0);
    method->setCurrentIndex(method->findText(QStringLiteral("SCRAM-SHA-256")));

    // A method needs credentials.
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QVERIFY2(pane.errorText().contains(QLatin1String("needs a user name")),
             qPrintable(pane.errorText()));
    QCOMPARE(client.state(), Mqtt::Client::State::Disconnected);

    type(child<QLineEdit>(&pane, "userNameEdit"), QStringLiteral("alice"));
    type(child<QLineEdit>(&pane, "passwordEdit"), QStringLiteral("wonderland"));
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QCOMPARE(client.options().authenticationMethod, QStringLiteral("SCRAM-SHA-256"));
    QTRY_COMPARE_WITH_TIMEOUT(client.lastError().code, Mqtt::ErrorCode::ConnectionRefused, 10000);
    QCOMPARE(client.lastError().reasonCode, quint8(Mqtt::ReasonCode::BadAuthenticationMethod));
    QVERIFY2(pane.errorText().contains(QLatin1String("0x8c")), qPrintable(pane.errorText()));
    QVERIFY2(pane.errorText().contains(QLatin1String("Bad authentication method")),
             qPrintable(pane.errorText()));
}

void TestConnectionPaneV5::invalidInputIsRefused_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("receive maximum 0")
            << QByteArray("receiveMaximumEdit") << QStringLiteral("0")
            << QStringLiteral("Receive maximum: enter a whole number from 1 to");
    QTest::newRow("receive maximum too large")
            << QByteArray("receiveMaximumEdit") << QStringLiteral("65536")
            << QStringLiteral("Receive maximum");
    QTest::newRow("receive maximum not a number")
            << QByteArray("receiveMaximumEdit") << QStringLiteral("many")
            << QStringLiteral("Receive maximum");
    QTest::newRow("maximum packet size 0")
            << QByteArray("maximumPacketSizeEdit") << QStringLiteral("0")
            << QStringLiteral("Maximum packet size");
    QTest::newRow("maximum packet size over 32 bits")
            << QByteArray("maximumPacketSizeEdit") << QStringLiteral("4294967296")
            << QStringLiteral("Maximum packet size");
    QTest::newRow("topic alias maximum")
            << QByteArray("topicAliasMaximumEdit") << QStringLiteral("70000")
            << QStringLiteral("Topic alias maximum");
    QTest::newRow("negative topic alias maximum")
            << QByteArray("topicAliasMaximumEdit") << QStringLiteral("-1")
            << QStringLiteral("Topic alias maximum");
    QTest::newRow("session expiry word")
            << QByteArray("sessionExpiryCombo") << QStringLiteral("soon")
            << QStringLiteral("Session expiry");
    QTest::newRow("session expiry over 32 bits")
            << QByteArray("sessionExpiryCombo") << QStringLiteral("4294967296")
            << QStringLiteral("Session expiry");
    QTest::newRow("will delay") << QByteArray("willDelayEdit") << QStringLiteral("1.5")
                                << QStringLiteral("Will delay");
    QTest::newRow("will message expiry")
            << QByteArray("willMessageExpiryEdit") << QStringLiteral("99999999999")
            << QStringLiteral("Will message expiry");
    QTest::newRow("will response topic with wildcard")
            << QByteArray("willResponseTopicEdit") << QStringLiteral("replies/#")
            << QStringLiteral("Will response topic");
    QTest::newRow("user property with U+0000")
            << QByteArray("connectUserPropertiesTable")
            << QStringLiteral("bad") + QChar(u'\0') + QStringLiteral("name")
            << QStringLiteral("User property");
}

void TestConnectionPaneV5::invalidInputIsRefused()
{
    QFETCH(QByteArray, field);
    QFETCH(QString, text);
    QFETCH(QString, message);
    Mqtt::Client client;
    ConnectionPane pane;
    pane.setClient(&client);
    showUnscrolled(&pane);
    type(child<QLineEdit>(&pane, "hostEdit"), QStringLiteral("127.0.0.1"));
    child<QSpinBox>(&pane, "portSpin")->setValue(MosquittoProcess::freePort());
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    child<QGroupBox>(&pane, "willGroup")->setChecked(true);
    type(child<QLineEdit>(&pane, "willTopicEdit"), QStringLiteral("status/pane"));
    QWidget *widget = child<QWidget>(&pane, field.constData());
    if (auto *combo = qobject_cast<QComboBox *>(widget))
        type(combo->lineEdit(), text);
    else if (qobject_cast<QTableWidget *>(widget))
        addUserProperty(&pane, "connect", text, QStringLiteral("value"));
    else
        type(qobject_cast<QLineEdit *>(widget), text);

    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QVERIFY2(pane.errorText().startsWith(message), qPrintable(pane.errorText()));
    QVERIFY(child<QLabel>(&pane, "errorLabel")->isVisible());
    QCOMPARE(client.state(), Mqtt::Client::State::Disconnected); // nothing was sent

    // Saving refuses it too rather than storing something else.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    ProfileStore store(folder.filePath(QStringLiteral("profiles.ini")));
    pane.setStores(&store, nullptr);
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    child<QGroupBox>(&pane, "willGroup")->setChecked(true);
    if (auto *combo = qobject_cast<QComboBox *>(widget))
        type(combo->lineEdit(), text);
    else if (qobject_cast<QTableWidget *>(widget))
        addUserProperty(&pane, "connect", text, QStringLiteral("value"));
    else
        type(qobject_cast<QLineEdit *>(widget), text);
    const auto before = store.profile(pane.currentProfileName());
    QVERIFY(before.has_value());
    QTest::mouseClick(child<QPushButton>(&pane, "saveButton"), Qt::LeftButton);
    QVERIFY2(pane.errorText().startsWith(message), qPrintable(pane.errorText()));
    QVERIFY(*store.profile(pane.currentProfileName()) == *before);
}

void TestConnectionPaneV5::profileKeepsEveryV5Field()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString fileName = folder.filePath(QStringLiteral("profiles.ini"));
    ConnectionProfile expected;
    {
        ProfileStore store(fileName);
        ConnectionPane pane;
        pane.setStores(&store, nullptr);
        pane.resize(360, 1400);
        showUnscrolled(&pane);
        chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
        type(child<QLineEdit>(&pane, "userNameEdit"), QStringLiteral("alice"));
        auto *expiry = child<QComboBox>(&pane, "sessionExpiryCombo");
        expiry->setCurrentIndex(expiry->findText(QStringLiteral("never")));
        type(child<QLineEdit>(&pane, "receiveMaximumEdit"), QStringLiteral("10"));
        type(child<QLineEdit>(&pane, "maximumPacketSizeEdit"), QStringLiteral("100000"));
        type(child<QLineEdit>(&pane, "topicAliasMaximumEdit"), QStringLiteral("0"));
        child<QCheckBox>(&pane, "requestResponseInformationCheck")->setChecked(true);
        child<QCheckBox>(&pane, "requestProblemInformationCheck")->setChecked(false);
        auto *method = child<QComboBox>(&pane, "authenticationMethodCombo");
        method->setCurrentIndex(method->findText(QStringLiteral("SCRAM-SHA-256")));
        auto *aliases = child<QCheckBox>(&pane, "outgoingTopicAliasesCheck");
        QVERIFY(aliases->isChecked()); // on by default
        QVERIFY(aliases->toolTip().contains(QLatin1String("Topic Alias Maximum")));
        aliases->setChecked(false);
        addUserProperty(&pane, "connect", QStringLiteral("a"), QStringLiteral("1"));
        addUserProperty(&pane, "connect", QStringLiteral("a"), QStringLiteral("2"));
        addUserProperty(&pane, "connect", QStringLiteral("ü"), QStringLiteral("x=y, z"));
        child<QGroupBox>(&pane, "willGroup")->setChecked(true);
        type(child<QLineEdit>(&pane, "willTopicEdit"), QStringLiteral("status/alice"));
        type(child<QLineEdit>(&pane, "willDelayEdit"), QStringLiteral("30"));
        type(child<QLineEdit>(&pane, "willMessageExpiryEdit"), QStringLiteral("0"));
        child<QCheckBox>(&pane, "willPayloadUtf8Check")->setChecked(true);
        type(child<QLineEdit>(&pane, "willContentTypeEdit"), QStringLiteral("text/plain"));
        type(child<QLineEdit>(&pane, "willResponseTopicEdit"), QStringLiteral("replies/alice"));
        type(child<QLineEdit>(&pane, "willCorrelationDataEdit"), QStringLiteral("req-42"));
        addUserProperty(&pane, "will", QStringLiteral("k"), QStringLiteral("v"));
        grab(&pane, QStringLiteral("connectionpane-v5-options"));

        // A row removed is gone, the others keep their order.
        addUserProperty(&pane, "connect", QStringLiteral("gone"), QStringLiteral("soon"));
        auto *table = child<QTableWidget>(&pane, "connectUserPropertiesTable");
        table->selectRow(table->rowCount() - 1);
        QTest::mouseClick(child<QToolButton>(&pane, "connectRemoveUserPropertyButton"),
                          Qt::LeftButton);
        QCOMPARE(table->rowCount(), 3);

        expected = pane.profile();
        QCOMPARE(expected.sessionExpiryInterval, ConnectionProfile::SessionNeverExpires);
        QCOMPARE(expected.receiveMaximum, std::optional<quint16>(10));
        QCOMPARE(expected.maximumPacketSize, std::optional<quint32>(100000));
        QCOMPARE(expected.topicAliasMaximum, std::optional<quint16>(0));
        QVERIFY(expected.requestResponseInformation);
        QVERIFY(!expected.requestProblemInformation);
        QCOMPARE(expected.authenticationMethod, QStringLiteral("SCRAM-SHA-256"));
        QCOMPARE(expected.topicAliasPolicy, Mqtt::TopicAliasPolicy::Disabled);
        const QList<QPair<QString, QString>> userProperties{
                {QStringLiteral("a"), QStringLiteral("1")},
                {QStringLiteral("a"), QStringLiteral("2")},
                {QStringLiteral("ü"), QStringLiteral("x=y, z")}};
        QCOMPARE(expected.userProperties, userProperties);
        QCOMPARE(expected.willDelayInterval, 30u);
        QCOMPARE(expected.willMessageExpiryInterval, std::optional<quint32>(0));
        QVERIFY(expected.willPayloadIsUtf8);
        QCOMPARE(expected.willContentType, QStringLiteral("text/plain"));
        QCOMPARE(expected.willResponseTopic, QStringLiteral("replies/alice"));
        QCOMPARE(expected.willCorrelationData, QByteArray("req-42"));
        const QList<QPair<QString, QString>> willUserProperties{
                {QStringLiteral("k"), QStringLiteral("v")}};
        QCOMPARE(expected.willUserProperties, willUserProperties);

        // What the engine gets from it.
        const Mqtt::ConnectionOptions options = expected.toConnectionOptions();
        QCOMPARE(options.authenticationMethod, QStringLiteral("SCRAM-SHA-256"));
        QCOMPARE(options.connectProperties.integer(Mqtt::PropertyId::SessionExpiryInterval),
                 std::optional<quint32>(0xFFFFFFFF));
        QCOMPARE(options.connectProperties.integer(Mqtt::PropertyId::RequestProblemInformation),
                 std::optional<quint32>(0));
        QCOMPARE(options.maximumIncomingPacketSize, 100000u);
        QVERIFY(options.will.has_value());
        QCOMPARE(options.will->properties.integer(Mqtt::PropertyId::WillDelayInterval),
                 std::optional<quint32>(30));
        QCOMPARE(options.will->properties.binary(Mqtt::PropertyId::CorrelationData),
                 QByteArray("req-42"));
        QCOMPARE(options.will->properties.string(Mqtt::PropertyId::ResponseTopic),
                 QStringLiteral("replies/alice"));

        QTest::mouseClick(child<QPushButton>(&pane, "saveButton"), Qt::LeftButton);
        QVERIFY2(pane.errorText().isEmpty(), qPrintable(pane.errorText()));
    }
    // Another store over the same file and a fresh pane show the same profile.
    ProfileStore store(fileName);
    const auto loaded = store.profile(expected.name);
    QVERIFY(loaded.has_value());
    QVERIFY(*loaded == expected);
    ConnectionPane pane;
    pane.setStores(&store, nullptr);
    QVERIFY(pane.selectProfile(expected.name));
    QVERIFY(pane.profile() == expected);
    QCOMPARE(child<QComboBox>(&pane, "sessionExpiryCombo")->currentText(), QStringLiteral("never"));
    QCOMPARE(child<QLineEdit>(&pane, "receiveMaximumEdit")->text(), QStringLiteral("10"));
    QCOMPARE(child<QTableWidget>(&pane, "connectUserPropertiesTable")->rowCount(), 3);
    QVERIFY(child<QGroupBox>(&pane, "v5Group")->isEnabled());
    QVERIFY(!child<QCheckBox>(&pane, "outgoingTopicAliasesCheck")->isChecked());
    // A profile with the default shows the box ticked again.
    ConnectionProfile fresh;
    fresh.name = QStringLiteral("fresh");
    QVERIFY(store.addProfile(fresh));
    QVERIFY(pane.selectProfile(fresh.name));
    QVERIFY(child<QCheckBox>(&pane, "outgoingTopicAliasesCheck")->isChecked());
    QCOMPARE(pane.profile().topicAliasPolicy, Mqtt::TopicAliasPolicy::Automatic);
}

void TestConnectionPaneV5::topicAliasChoiceReachesTheClient()
{
    // The policy is handed over with the connect; nothing needs to listen for that.
    Mqtt::Client client;
    ConnectionPane pane;
    pane.setClient(&client);
    showUnscrolled(&pane);
    type(child<QLineEdit>(&pane, "hostEdit"), QStringLiteral("127.0.0.1"));
    child<QSpinBox>(&pane, "portSpin")->setValue(MosquittoProcess::freePort());
    child<QCheckBox>(&pane, "autoReconnectCheck")->setChecked(false);
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    auto *aliases = child<QCheckBox>(&pane, "outgoingTopicAliasesCheck");
    QCOMPARE(client.topicAliasPolicy(), Mqtt::TopicAliasPolicy::Automatic);

    aliases->setChecked(false);
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QCOMPARE(client.topicAliasPolicy(), Mqtt::TopicAliasPolicy::Disabled);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::Client::State::Disconnected, 10000);

    aliases->setChecked(true);
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QCOMPARE(client.topicAliasPolicy(), Mqtt::TopicAliasPolicy::Automatic);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::Client::State::Disconnected, 10000);
}

void TestConnectionPaneV5::reauthenticateNeedsAConnectionWithAMethod()
{
    // The button follows the connection the client has, not the choices shown in the pane.
    MosquittoProcess broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    Mqtt::Client client;
    ConnectionPane pane;
    pane.setClient(&client);
    showUnscrolled(&pane);
    auto *button = child<QPushButton>(&pane, "reauthenticateButton");
    auto *method = child<QComboBox>(&pane, "authenticationMethodCombo");
    type(child<QLineEdit>(&pane, "hostEdit"), broker.host());
    child<QSpinBox>(&pane, "portSpin")->setValue(broker.port());
    child<QCheckBox>(&pane, "autoReconnectCheck")->setChecked(false);

    // Disconnected, with everything else in place.
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    method->setCurrentIndex(method->findText(Scram));
    QVERIFY(child<QGroupBox>(&pane, "v5Group")->isEnabled());
    QVERIFY(!button->isEnabled());
    QVERIFY2(button->toolTip().contains(QLatin1String("Connect first")),
             qPrintable(button->toolTip()));

    // Connected at 3.1.1: choosing 5.0 and a method afterwards changes nothing.
    chooseVersion(&pane, Mqtt::ProtocolVersion::V3_1_1);
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::Client::State::Connected, 10000);
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    method->setCurrentIndex(method->findText(Scram));
    QVERIFY(child<QGroupBox>(&pane, "v5Group")->isEnabled());
    QVERIFY(!button->isEnabled());
    QVERIFY2(button->toolTip().contains(QLatin1String("MQTT 5.0")), qPrintable(button->toolTip()));
    Mqtt::Error error;
    QVERIFY(!client.reauthenticate(&error)); // the engine agrees
    QTest::mouseClick(child<QPushButton>(&pane, "disconnectButton"), Qt::LeftButton);
    QTRY_COMPARE(client.state(), Mqtt::Client::State::Disconnected);

    // Connected at 5.0 without a method, then one chosen.
    method->setCurrentIndex(method->findData(QString()));
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(client.options().version, Mqtt::ProtocolVersion::V5);
    method->setCurrentIndex(method->findText(Scram));
    QVERIFY(!button->isEnabled());
    QVERIFY2(button->toolTip().contains(QLatin1String("authentication method")),
             qPrintable(button->toolTip()));
    QVERIFY(!client.reauthenticate(&error));
}

void TestConnectionPaneV5::reauthenticateRunsAScramExchange()
{
    // mosquitto has no SCRAM: a scripted broker runs the server side with the RFC 7677 vector.
    ScramBroker broker;
    QVERIFY(broker.listen());
    Mqtt::Client client;
    ConnectionPane pane;
    pane.setClient(&client);
    pane.resize(360, 900);
    showUnscrolled(&pane);
    auto *button = child<QPushButton>(&pane, "reauthenticateButton");
    type(child<QLineEdit>(&pane, "hostEdit"), QStringLiteral("127.0.0.1"));
    child<QSpinBox>(&pane, "portSpin")->setValue(broker.port());
    child<QCheckBox>(&pane, "autoReconnectCheck")->setChecked(false);
    chooseVersion(&pane, Mqtt::ProtocolVersion::V5);
    auto *method = child<QComboBox>(&pane, "authenticationMethodCombo");
    method->setCurrentIndex(method->findText(Scram));
    type(child<QLineEdit>(&pane, "userNameEdit"), QStringLiteral("user"));
    type(child<QLineEdit>(&pane, "passwordEdit"), QStringLiteral("pencil"));
    QTest::mouseClick(child<QPushButton>(&pane, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::Client::State::Connected, 10000);
    QVERIFY2(broker.problem.isEmpty(), qPrintable(broker.problem));
    QCOMPARE(broker.authPackets.size(), 1); // the client-final-message of the CONNECT
    QVERIFY(button->isEnabled());
    QVERIFY(!pane.stateText().contains(QLatin1String("Re-authenticated")));

    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(pane.stateText().contains(QLatin1String("Re-authenticated at ")),
                              qPrintable(pane.stateText()), 10000);
    QVERIFY2(broker.problem.isEmpty(), qPrintable(broker.problem));
    // AUTH Re-authenticate (0x19) with the method and a new client-first-message, then the
    // proof (0x18).
    QCOMPARE(broker.authPackets.size(), 3);
    const Mqtt::AuthPacket &start = broker.authPackets.at(1);
    QCOMPARE(start.reasonCode, Mqtt::ReasonCode::ReAuthenticate);
    QCOMPARE(start.properties.string(Mqtt::PropertyId::AuthenticationMethod), Scram);
    QVERIFY(start.properties.binary(Mqtt::PropertyId::AuthenticationData).startsWith("n,,n=user,r="));
    QCOMPARE(broker.authPackets.at(2).reasonCode, Mqtt::ReasonCode::ContinueAuthentication);
    QCOMPARE(client.state(), Mqtt::Client::State::Connected);
    QVERIFY(pane.stateText().startsWith(QLatin1String("Connected to 127.0.0.1:")));
    QVERIFY(child<QLabel>(&pane, "stateLabel")->text().contains(QLatin1String("Re-authenticated")));
    QVERIFY(button->isEnabled()); // again whenever wanted
    QVERIFY(pane.errorText().isEmpty());
    child<QToolButton>(&pane, "v5ToggleButton")->setChecked(true);
    grab(&pane, QStringLiteral("connectionpane-v5-reauthenticated"));

    // The broker's password changed meanwhile: the proof fails, the broker disconnects and the
    // error line says why.
    broker.setPassword("changed");
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::Client::State::Disconnected, 10000);
    QCOMPARE(broker.authPackets.size(), 5);
    QCOMPARE(broker.authPackets.at(3).reasonCode, Mqtt::ReasonCode::ReAuthenticate);
    QCOMPARE(client.lastError().reasonCode, quint8(Mqtt::ReasonCode::NotAuthorized));
    QVERIFY2(pane.errorText().contains(QLatin1String("0x87")), qPrintable(pane.errorText()));
    QCOMPARE(pane.stateText(), QStringLiteral("Disconnected"));
    QVERIFY(!button->isEnabled());
}

QTEST_MAIN(TestConnectionPaneV5)
#include "tst_connectionpane_v5.moc"
