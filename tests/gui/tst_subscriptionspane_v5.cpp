// SPDX-License-Identifier: Apache-2.0
// The subscriptions pane at MQTT 5.0 against a real mosquitto: no local, retain handling,
// retain as published and subscription identifiers set in the pane change what the broker
// sends; shared subscriptions need 5.0; a refused subscription says why.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "connectionpane.h"
#include "mainwindow.h"
#include "mosquittoprocess.h"
#include "secretstore.h"
#include "subscriptionmodel.h"
#include "subscriptionspane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

#include <memory>

namespace {
// What the pane's option widgets are set to before subscribing.
struct Options
{
    bool noLocal = false;
    bool retainAsPublished = false;
    Mqtt::RetainHandling retainHandling = Mqtt::RetainHandling::SendAtSubscribe;
    QString identifier = QStringLiteral("none");
};
} // namespace

class TestSubscriptionsPaneV5 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void optionsAndSharedSubscriptionsNeedMqtt5(); // first: connects at 3.1.1, then at 5.0
    void sharedSubscriptionWorksAtMqtt5();
    void noLocalDropsOwnMessages();
    void retainHandlingNeverSendsNoRetained();
    void retainAsPublishedKeepsTheFlag();
    void subscriptionIdentifierComesBack();
    void invalidSubscriptionIdentifierIsRefused();
    void refusedSubscriptionShowsTheReason();
    void refusedUnsubscribeKeepsTheSubscription();

private:
    void connectWindow(Mqtt::ProtocolVersion version);
    // Sets the options, types the filter and clicks Subscribe, as a user does.
    void subscribeInPane(const QString &filter, const Options &options = Options());
    bool waitForState(const QString &filter, SubscriptionModel::State state);
    // Publishes from the other client (QoS 1) and waits for the broker's PUBACK.
    bool publishFromOther(const QString &topic, const QByteArray &payload, bool retain = false);
    // The received messages on topic (from the window's client).
    QList<Mqtt::Message> received(const QString &topic) const;
    bool waitForMessage(const QString &topic);

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_other;
    QList<Mqtt::Message> m_received;
};

namespace {
QString dynamicSecurityPlugin()
{
    const QStringList folders{QStringLiteral("/usr/lib/x86_64-linux-gnu"),
                              QStringLiteral("/usr/lib/aarch64-linux-gnu"),
                              QStringLiteral("/usr/lib"), QStringLiteral("/usr/local/lib")};
    for (const QString &folder : folders) {
        const QString path = folder + QStringLiteral("/mosquitto_dynamic_security.so");
        if (QFile::exists(path))
            return path;
    }
    return QString();
}
} // namespace

void TestSubscriptionsPaneV5::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_subscriptionspane_v5"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    QFile::remove(QSettings().fileName());

    m_broker = std::make_unique<MosquittoProcess>();
    // mosquitto's acl_file does not check subscriptions; its dynamic security plugin does:
    // for anonymous clients one subtree cannot be subscribed to and one cannot be left.
    const QString plugin = dynamicSecurityPlugin();
    QVERIFY2(!plugin.isEmpty(), "mosquitto_dynamic_security.so (package mosquitto) not found");
    const QString configFile = m_broker->directory() + QStringLiteral("/dynamic-security.json");
    QFile config(configFile);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({
  "defaultACLAccess": {"publishClientSend": true, "publishClientReceive": true,
                       "subscribe": true, "unsubscribe": true},
  "clients": [],
  "groups": [{"groupname": "anonymous", "roles": [{"rolename": "restricted"}], "clients": []}],
  "roles": [{"rolename": "restricted", "acls": [
      {"acltype": "subscribePattern", "topic": "forbidden/#", "priority": 0, "allow": false},
      {"acltype": "unsubscribePattern", "topic": "sticky/#", "priority": 0, "allow": false}]}],
  "anonymousGroup": "anonymous"
})");
    config.close();
    // "user root": see tst_connectionpane (the plugin writes its file back to the folder).
    m_broker->addConfigLines({QStringLiteral("user root"), QStringLiteral("plugin %1").arg(plugin),
                              QStringLiteral("plugin_opt_config_file %1").arg(configFile)});
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));

    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->show();
    connect(m_window->client(), &Mqtt::Client::messageReceived, this,
            [this](const Mqtt::Message &message) { m_received.append(message); });

    m_other = std::make_unique<Mqtt::Client>();
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.version = Mqtt::ProtocolVersion::V5;
    options.clientId = QStringLiteral("tst-subscriptions-v5-other");
    QVERIFY(ClientWaits::connectAndWait(m_other.get(), options, 10000));
}

void TestSubscriptionsPaneV5::cleanupTestCase()
{
    const QString folder = qEnvironmentVariable("SWITCHBOARD_GRAB_DIR");
    if (m_window && !folder.isEmpty()) {
        SubscriptionsPane *pane = m_window->subscriptionsPane();
        pane->resize(420, 640);
        pane->grab().save(folder + QStringLiteral("/subscriptionspane-v5.png"));
        m_window->resize(1280, 800);
        m_window->grab().save(folder + QStringLiteral("/mainwindow-v5.png"));
    }
    m_other.reset();
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestSubscriptionsPaneV5::connectWindow(Mqtt::ProtocolVersion version)
{
    ConnectionPane *connection = m_window->connectionPane();
    Mqtt::Client *client = m_window->client();
    if (client->state() != Mqtt::Client::State::Disconnected) {
        QTest::mouseClick(child<QPushButton>(connection, "disconnectButton"), Qt::LeftButton);
        QTRY_COMPARE(client->state(), Mqtt::Client::State::Disconnected);
    }
    child<QLineEdit>(connection, "hostEdit")->setText(m_broker->host());
    child<QSpinBox>(connection, "portSpin")->setValue(m_broker->port());
    child<QCheckBox>(connection, "autoReconnectCheck")->setChecked(false);
    auto *versionCombo = child<QComboBox>(connection, "versionCombo");
    versionCombo->setCurrentIndex(versionCombo->findData(int(version)));
    QTest::mouseClick(child<QPushButton>(connection, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::Client::State::Connected, 10000);
    QCOMPARE(client->options().version, version);
}

void TestSubscriptionsPaneV5::subscribeInPane(const QString &filter, const Options &options)
{
    SubscriptionsPane *pane = m_window->subscriptionsPane();
    child<QToolButton>(pane, "optionsToggleButton")->setChecked(true);
    child<QCheckBox>(pane, "noLocalCheck")->setChecked(options.noLocal);
    child<QCheckBox>(pane, "retainAsPublishedCheck")->setChecked(options.retainAsPublished);
    auto *handling = child<QComboBox>(pane, "retainHandlingCombo");
    handling->setCurrentIndex(handling->findData(int(options.retainHandling)));
    auto *identifier = child<QComboBox>(pane, "subscriptionIdentifierCombo");
    identifier->lineEdit()->clear();
    QTest::keyClicks(identifier->lineEdit(), options.identifier);
    auto *filterEdit = child<QLineEdit>(pane, "filterEdit");
    filterEdit->clear();
    QTest::keyClicks(filterEdit, filter);
    QTest::mouseClick(child<QPushButton>(pane, "subscribeButton"), Qt::LeftButton);
}

bool TestSubscriptionsPaneV5::waitForState(const QString &filter, SubscriptionModel::State state)
{
    SubscriptionModel *model = m_window->subscriptions();
    return QTest::qWaitFor(
            [&] {
                const int row = model->rowOf(filter);
                return row >= 0 && model->subscription(row).state == state;
            },
            10000);
}

bool TestSubscriptionsPaneV5::publishFromOther(const QString &topic, const QByteArray &payload,
                                               bool retain)
{
    Mqtt::Message message;
    message.topic = topic;
    message.payload = payload;
    message.qos = Mqtt::QoS::AtLeastOnce;
    message.retain = retain;
    return ClientWaits::publishAndWait(m_other.get(), message, 10000);
}

QList<Mqtt::Message> TestSubscriptionsPaneV5::received(const QString &topic) const
{
    QList<Mqtt::Message> messages;
    for (const Mqtt::Message &message : m_received) {
        if (message.topic == topic)
            messages.append(message);
    }
    return messages;
}

bool TestSubscriptionsPaneV5::waitForMessage(const QString &topic)
{
    return QTest::qWaitFor([&] { return !received(topic).isEmpty(); }, 10000);
}

void TestSubscriptionsPaneV5::optionsAndSharedSubscriptionsNeedMqtt5()
{
    connectWindow(Mqtt::ProtocolVersion::V3_1_1);
    SubscriptionsPane *pane = m_window->subscriptionsPane();
    QWidget *options = child<QWidget>(pane, "optionsWidget");
    QVERIFY(!options->isEnabled());
    QVERIFY(options->toolTip().contains(QLatin1String("MQTT 5.0")));
    QVERIFY(child<QToolButton>(pane, "optionsToggleButton")
                    ->toolTip()
                    .contains(QLatin1String("MQTT 5.0")));

    auto *filterEdit = child<QLineEdit>(pane, "filterEdit");
    QTest::keyClicks(filterEdit, QStringLiteral("$share/group/shared/#"));
    QVERIFY2(pane->errorText().contains(QLatin1String("MQTT 5.0")), qPrintable(pane->errorText()));
    QVERIFY(!child<QPushButton>(pane, "subscribeButton")->isEnabled());
    QVERIFY(!pane->subscribe(QStringLiteral("$share/group/shared/#"), Mqtt::QoS::AtMostOnce));
    QVERIFY(!m_window->subscriptions()->contains(QStringLiteral("$share/group/shared/#")));
    filterEdit->clear();

    connectWindow(Mqtt::ProtocolVersion::V5);
    QVERIFY(options->isEnabled());
    QVERIFY(options->toolTip().isEmpty());
}

void TestSubscriptionsPaneV5::sharedSubscriptionWorksAtMqtt5()
{
    SubscriptionsPane *pane = m_window->subscriptionsPane();
    auto *filterEdit = child<QLineEdit>(pane, "filterEdit");
    filterEdit->clear();
    QTest::keyClicks(filterEdit, QStringLiteral("$share/group/shared/#"));
    QVERIFY2(pane->errorText().isEmpty(), qPrintable(pane->errorText()));
    subscribeInPane(QStringLiteral("$share/group/shared/#"));
    QVERIFY(waitForState(QStringLiteral("$share/group/shared/#"),
                         SubscriptionModel::State::Granted));
    QVERIFY(publishFromOther(QStringLiteral("shared/a"), "to the group"));
    QVERIFY(waitForMessage(QStringLiteral("shared/a")));
    QCOMPARE(received(QStringLiteral("shared/a")).first().payload, QByteArray("to the group"));
}

void TestSubscriptionsPaneV5::noLocalDropsOwnMessages()
{
    Options noLocal;
    noLocal.noLocal = true;
    subscribeInPane(QStringLiteral("local/quiet/#"), noLocal);
    subscribeInPane(QStringLiteral("local/loud/#")); // the same without No Local
    QVERIFY(waitForState(QStringLiteral("local/quiet/#"), SubscriptionModel::State::Granted));
    QVERIFY(waitForState(QStringLiteral("local/loud/#"), SubscriptionModel::State::Granted));

    Mqtt::Message own;
    own.qos = Mqtt::QoS::AtLeastOnce;
    own.topic = QStringLiteral("local/quiet/own");
    QVERIFY(ClientWaits::publishAndWait(m_window->client(), own, 10000));
    own.topic = QStringLiteral("local/loud/own");
    QVERIFY(ClientWaits::publishAndWait(m_window->client(), own, 10000));
    // mosquitto queues a message to its subscribers before acknowledging it, so once the other
    // client's marker arrives, our own message would have come before it.
    QVERIFY(publishFromOther(QStringLiteral("local/quiet/marker"), "marker"));
    QVERIFY(waitForMessage(QStringLiteral("local/quiet/marker")));
    QVERIFY(waitForMessage(QStringLiteral("local/loud/own")));
    QVERIFY(received(QStringLiteral("local/quiet/own")).isEmpty());
    QVERIFY(m_window->subscriptions()
                    ->index(m_window->subscriptions()->rowOf(QStringLiteral("local/quiet/#")),
                            SubscriptionModel::OptionsColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("no local")));
}

void TestSubscriptionsPaneV5::retainHandlingNeverSendsNoRetained()
{
    QVERIFY(publishFromOther(QStringLiteral("handling/kept"), "retained", true));
    Options never;
    never.retainHandling = Mqtt::RetainHandling::DoNotSend;
    subscribeInPane(QStringLiteral("handling/#"), never);
    QVERIFY(waitForState(QStringLiteral("handling/#"), SubscriptionModel::State::Granted));
    QVERIFY(publishFromOther(QStringLiteral("handling/marker"), "marker"));
    QVERIFY(waitForMessage(QStringLiteral("handling/marker")));
    QVERIFY(received(QStringLiteral("handling/kept")).isEmpty());

    // The same retained message does come with the default handling.
    subscribeInPane(QStringLiteral("handling/kept"));
    QVERIFY(waitForMessage(QStringLiteral("handling/kept")));
    QVERIFY(received(QStringLiteral("handling/kept")).first().retain);
    QVERIFY(publishFromOther(QStringLiteral("handling/kept"), QByteArray(), true)); // clear it
}

void TestSubscriptionsPaneV5::retainAsPublishedKeepsTheFlag()
{
    Options asPublished;
    asPublished.retainAsPublished = true;
    subscribeInPane(QStringLiteral("flag/kept/#"), asPublished);
    subscribeInPane(QStringLiteral("flag/cleared/#"));
    QVERIFY(waitForState(QStringLiteral("flag/kept/#"), SubscriptionModel::State::Granted));
    QVERIFY(waitForState(QStringLiteral("flag/cleared/#"), SubscriptionModel::State::Granted));
    // Live retained messages: forwarded with retain 0 unless Retain As Published is set.
    QVERIFY(publishFromOther(QStringLiteral("flag/kept/a"), "live", true));
    QVERIFY(publishFromOther(QStringLiteral("flag/cleared/a"), "live", true));
    QVERIFY(waitForMessage(QStringLiteral("flag/kept/a")));
    QVERIFY(waitForMessage(QStringLiteral("flag/cleared/a")));
    QVERIFY(received(QStringLiteral("flag/kept/a")).first().retain);
    QVERIFY(!received(QStringLiteral("flag/cleared/a")).first().retain);
    QVERIFY(publishFromOther(QStringLiteral("flag/kept/a"), QByteArray(), true));
    QVERIFY(publishFromOther(QStringLiteral("flag/cleared/a"), QByteArray(), true));
}

void TestSubscriptionsPaneV5::subscriptionIdentifierComesBack()
{
    SubscriptionModel *model = m_window->subscriptions();
    Options numbered;
    numbered.identifier = QStringLiteral("4242");
    subscribeInPane(QStringLiteral("ids/typed/#"), numbered);
    Options automatic;
    automatic.identifier = QStringLiteral("automatic");
    subscribeInPane(QStringLiteral("ids/automatic/#"), automatic);
    QVERIFY(waitForState(QStringLiteral("ids/typed/#"), SubscriptionModel::State::Granted));
    QVERIFY(waitForState(QStringLiteral("ids/automatic/#"), SubscriptionModel::State::Granted));
    const int typedRow = model->rowOf(QStringLiteral("ids/typed/#"));
    const int automaticRow = model->rowOf(QStringLiteral("ids/automatic/#"));
    QCOMPARE(model->subscription(typedRow).subscriptionIdentifier, 4242u);
    // "Automatic" takes the next number after the largest in use.
    QCOMPARE(model->subscription(automaticRow).subscriptionIdentifier, 4243u);
    QCOMPARE(model->index(typedRow, SubscriptionModel::OptionsColumn).data().toString(),
             QStringLiteral("id 4242"));
    QVERIFY(model->index(typedRow, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("Subscription identifier 4242")));

    QVERIFY(publishFromOther(QStringLiteral("ids/typed/x"), "one"));
    QVERIFY(publishFromOther(QStringLiteral("ids/automatic/x"), "two"));
    QVERIFY(waitForMessage(QStringLiteral("ids/typed/x")));
    QVERIFY(waitForMessage(QStringLiteral("ids/automatic/x")));
    QCOMPARE(received(QStringLiteral("ids/typed/x")).first().properties.subscriptionIdentifiers(),
             QList<quint32>{4242});
    QCOMPARE(
            received(QStringLiteral("ids/automatic/x")).first().properties.subscriptionIdentifiers(),
            QList<quint32>{4243});
}

void TestSubscriptionsPaneV5::invalidSubscriptionIdentifierIsRefused()
{
    SubscriptionsPane *pane = m_window->subscriptionsPane();
    for (const QString &typed :
         {QStringLiteral("0"), QStringLiteral("268435456"), QStringLiteral("first")}) {
        Options bad;
        bad.identifier = typed;
        subscribeInPane(QStringLiteral("ids/bad/#"), bad);
        QVERIFY2(pane->errorText().startsWith(QLatin1String("Subscription identifier:")),
                 qPrintable(typed + QStringLiteral(": ") + pane->errorText()));
        QVERIFY(!m_window->subscriptions()->contains(QStringLiteral("ids/bad/#")));
    }
    Options largest;
    largest.identifier = QStringLiteral("268435455");
    subscribeInPane(QStringLiteral("ids/largest/#"), largest);
    QVERIFY2(pane->errorText().isEmpty(), qPrintable(pane->errorText()));
    QVERIFY(waitForState(QStringLiteral("ids/largest/#"), SubscriptionModel::State::Granted));
}

void TestSubscriptionsPaneV5::refusedSubscriptionShowsTheReason()
{
    SubscriptionsPane *pane = m_window->subscriptionsPane();
    subscribeInPane(QStringLiteral("forbidden/#"));
    QVERIFY(waitForState(QStringLiteral("forbidden/#"), SubscriptionModel::State::Refused));
    const QString text = pane->errorText();
    QVERIFY2(text.contains(QLatin1String("forbidden/#")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Not authorized")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("0x87")), qPrintable(text));
    SubscriptionModel *model = m_window->subscriptions();
    const QString tip = model->index(model->rowOf(QStringLiteral("forbidden/#")), 0)
                                .data(Qt::ToolTipRole)
                                .toString();
    QVERIFY2(tip.contains(QLatin1String("Not authorized")), qPrintable(tip));
}

void TestSubscriptionsPaneV5::refusedUnsubscribeKeepsTheSubscription()
{
    SubscriptionsPane *pane = m_window->subscriptionsPane();
    SubscriptionModel *model = m_window->subscriptions();
    subscribeInPane(QStringLiteral("sticky/#"));
    subscribeInPane(QStringLiteral("loose/#"));
    QVERIFY(waitForState(QStringLiteral("sticky/#"), SubscriptionModel::State::Granted));
    QVERIFY(waitForState(QStringLiteral("loose/#"), SubscriptionModel::State::Granted));
    QSignalSpy results(m_window->client(), &Mqtt::Client::unsubscriptionResultsReceived);
    pane->unsubscribe(QStringLiteral("sticky/#"));
    pane->unsubscribe(QStringLiteral("loose/#"));
    QTRY_COMPARE_WITH_TIMEOUT(results.count(), 2, 10000);
    QVERIFY(model->contains(QStringLiteral("sticky/#")));
    QVERIFY(!model->contains(QStringLiteral("loose/#")));
    const QString text = pane->errorText();
    QVERIFY2(text.contains(QLatin1String("unsubscribe from sticky/#")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Not authorized (0x87)")), qPrintable(text));
}

QTEST_MAIN(TestSubscriptionsPaneV5)
#include "tst_subscriptionspane_v5.moc"
