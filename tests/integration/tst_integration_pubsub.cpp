// SPDX-License-Identifier: Apache-2.0
// Mqtt::Client against a real mosquitto: delivery at each QoS, retained messages, wills,
// persistent sessions, unsubscribe, several filters at once, protocol versions, passwords.
#include "client.h"
#include "clientwaits.h"
#include "mosquittoprocess.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Mqtt;

namespace {

constexpr int WaitMs = 5000;

QList<Message> messagesOf(const QSignalSpy &spy)
{
    QList<Message> messages;
    for (const QList<QVariant> &arguments : spy)
        messages.append(arguments.at(0).value<Message>());
    return messages;
}

QList<QByteArray> payloadsOf(const QSignalSpy &spy)
{
    QList<QByteArray> payloads;
    for (const Message &message : messagesOf(spy))
        payloads.append(message.payload);
    return payloads;
}

} // namespace

class tst_IntegrationPubSub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void deliveryAtEachQos_data();
    void deliveryAtEachQos();
    void retainedMessageReachesLateSubscriberAndCanBeCleared();
    void willIsPublishedOnAbruptDisconnect();
    void willIsNotPublishedOnCleanDisconnect();
    void persistentSessionKeepsQos1And2MessagesWhileOffline();
    void unsubscribeStopsDelivery();
    void severalFiltersInOneSubscribe();
    void protocolVersionsConnect_data();
    void protocolVersionsConnect();
    void badPasswordIsRefused();

private:
    ConnectionOptions optionsFor(const MosquittoProcess &broker) const;
    // A client owned by the test function, connected (and checked) before it returns.
    Client *connectedClient(const ConnectionOptions &options);
    Client *connectedClient() { return connectedClient(optionsFor(m_broker)); }
    static bool subscribe(Client *client, const QList<SubscribeTopic> &topics);
    static bool subscribe(Client *client, const QString &filter, QoS qos)
    {
        SubscribeTopic topic;
        topic.filter = filter;
        topic.qos = qos;
        return subscribe(client, {topic});
    }
    // Publishes and waits until the broker acknowledged (or, for QoS 0, the client wrote) it.
    static bool publishAndWait(Client *client, const Message &message);
    static Message message(const QString &topic, const QByteArray &payload, QoS qos,
                           bool retain = false)
    {
        Message result;
        result.topic = topic;
        result.payload = payload;
        result.qos = qos;
        result.retain = retain;
        return result;
    }

    MosquittoProcess m_broker;
    std::vector<std::unique_ptr<Client>> m_clients;
};

ConnectionOptions tst_IntegrationPubSub::optionsFor(const MosquittoProcess &broker) const
{
    ConnectionOptions options;
    options.host = broker.host();
    options.port = broker.port();
    options.connectTimeoutMs = WaitMs;
    return options;
}

Client *tst_IntegrationPubSub::connectedClient(const ConnectionOptions &options)
{
    m_clients.push_back(std::make_unique<Client>());
    Client *client = m_clients.back().get();
    return ClientWaits::connectAndWait(client, options, WaitMs) ? client : nullptr;
}

bool tst_IntegrationPubSub::subscribe(Client *client, const QList<SubscribeTopic> &topics)
{
    return ClientWaits::subscribeAndWait(client, topics, Properties(), WaitMs);
}

bool tst_IntegrationPubSub::publishAndWait(Client *client, const Message &message)
{
    return ClientWaits::publishAndWait(client, message, WaitMs);
}

void tst_IntegrationPubSub::initTestCase()
{
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_IntegrationPubSub::cleanup()
{
    for (const auto &client : m_clients) {
        client->disconnect(this);
        client->abortConnection();
    }
    m_clients.clear();
}

void tst_IntegrationPubSub::deliveryAtEachQos_data()
{
    QTest::addColumn<QoS>("qos");
    QTest::newRow("QoS 0") << QoS::AtMostOnce;
    QTest::newRow("QoS 1") << QoS::AtLeastOnce;
    QTest::newRow("QoS 2") << QoS::ExactlyOnce;
}

void tst_IntegrationPubSub::deliveryAtEachQos()
{
    QFETCH(QoS, qos);
    const QString topic = QStringLiteral("delivery/%1").arg(int(qos));
    Client *subscriber = connectedClient();
    Client *publisher = connectedClient();
    QVERIFY(subscriber && publisher);
    // Subscribed at QoS 2, the message keeps the QoS it was published with.
    QVERIFY(subscribe(subscriber, topic, QoS::ExactlyOnce));
    QSignalSpy received(subscriber, &Client::messageReceived);

    const QList<QByteArray> payloads{"first", QByteArray(), "caf\xc3\xa9", QByteArray(100000, 'x'),
                                     "last"};
    for (const QByteArray &payload : payloads)
        QVERIFY(publishAndWait(publisher, message(topic, payload, qos)));
    // A fence after the others: once it arrives, a duplicate would have arrived too.
    QVERIFY(publishAndWait(publisher, message(topic, "fence", qos)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), payloads.size() + 1, WaitMs);
    QCOMPARE(payloadsOf(received), payloads + QList<QByteArray>{"fence"});
    for (const Message &message : messagesOf(received)) {
        QCOMPARE(message.topic, topic);
        QCOMPARE(message.qos, qos);
        QCOMPARE(message.retain, false);
    }
}

void tst_IntegrationPubSub::retainedMessageReachesLateSubscriberAndCanBeCleared()
{
    const QString topic = QStringLiteral("retained/value");
    const QString fenceTopic = QStringLiteral("retained/fence");
    Client *publisher = connectedClient();
    QVERIFY(publisher);
    QVERIFY(publishAndWait(publisher, message(topic, "kept", QoS::AtLeastOnce, true)));

    Client *late = connectedClient();
    QVERIFY(late);
    QSignalSpy received(late, &Client::messageReceived);
    QVERIFY(subscribe(late, topic, QoS::AtLeastOnce));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    const Message retained = received.at(0).at(0).value<Message>();
    QCOMPARE(retained.topic, topic);
    QCOMPARE(retained.payload, QByteArray("kept"));
    QCOMPARE(retained.qos, QoS::AtLeastOnce);
    QVERIFY(retained.retain); // [MQTT-3.3.1-8]: sent because of a new subscription

    // An empty retained message clears it [MQTT-3.3.1-10].
    QVERIFY(publishAndWait(publisher, message(topic, QByteArray(), QoS::AtLeastOnce, true)));
    QVERIFY(publishAndWait(publisher, message(fenceTopic, "fence", QoS::AtLeastOnce, true)));

    Client *later = connectedClient();
    QVERIFY(later);
    QSignalSpy laterReceived(later, &Client::messageReceived);
    SubscribeTopic cleared{topic, QoS::AtLeastOnce};
    SubscribeTopic fence{fenceTopic, QoS::AtLeastOnce};
    QVERIFY(subscribe(later, {cleared, fence}));
    // The broker sends retained messages filter by filter: the fence comes after anything
    // still retained on the first filter.
    QTRY_COMPARE_WITH_TIMEOUT(laterReceived.size(), 1, WaitMs);
    QCOMPARE(laterReceived.at(0).at(0).value<Message>().topic, fenceTopic);

    QVERIFY(publishAndWait(publisher, message(fenceTopic, QByteArray(), QoS::AtLeastOnce, true)));
}

void tst_IntegrationPubSub::willIsPublishedOnAbruptDisconnect()
{
    const QString willTopic = QStringLiteral("will/abrupt");
    Client *watcher = connectedClient();
    QVERIFY(watcher);
    QVERIFY(subscribe(watcher, willTopic, QoS::AtLeastOnce));
    QSignalSpy received(watcher, &Client::messageReceived);

    ConnectionOptions options = optionsFor(m_broker);
    Will will;
    will.topic = willTopic;
    will.payload = "gone";
    will.qos = QoS::AtLeastOnce;
    options.will = will;
    Client *mortal = connectedClient(options);
    QVERIFY(mortal);
    QVERIFY(received.isEmpty());
    mortal->abortConnection();

    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    const Message message = received.at(0).at(0).value<Message>();
    QCOMPARE(message.topic, willTopic);
    QCOMPARE(message.payload, QByteArray("gone"));
    QCOMPARE(message.qos, QoS::AtLeastOnce);
}

void tst_IntegrationPubSub::willIsNotPublishedOnCleanDisconnect()
{
    const QString willTopic = QStringLiteral("will/clean");
    Client *watcher = connectedClient();
    QVERIFY(watcher);
    QVERIFY(subscribe(watcher, willTopic, QoS::AtLeastOnce));
    QSignalSpy received(watcher, &Client::messageReceived);

    ConnectionOptions options = optionsFor(m_broker);
    Will will;
    will.topic = willTopic;
    will.payload = "gone";
    will.qos = QoS::AtLeastOnce;
    options.will = will;
    Client *polite = connectedClient(options);
    QVERIFY(polite);
    QSignalSpy disconnected(polite, &Client::disconnected);
    polite->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, WaitMs);

    // [MQTT-3.14.4-3]: DISCONNECT discards the will. A fence published on a new connection,
    // after the DISCONNECT reached the broker, arrives where the will would have.
    Client *fencer = connectedClient();
    QVERIFY(fencer);
    QVERIFY(publishAndWait(fencer, message(willTopic, "fence", QoS::AtLeastOnce)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    QCOMPARE(payloadsOf(received), QList<QByteArray>{"fence"});
}

void tst_IntegrationPubSub::persistentSessionKeepsQos1And2MessagesWhileOffline()
{
    const QString topic = QStringLiteral("session/inbox");
    ConnectionOptions options = optionsFor(m_broker);
    options.clientId = QStringLiteral("tst-persistent");
    options.cleanSession = false;

    // Start from no session, whatever an earlier run left.
    {
        ConnectionOptions clean = options;
        clean.cleanSession = true;
        Client *wiper = connectedClient(clean);
        QVERIFY(wiper);
        QSignalSpy disconnected(wiper, &Client::disconnected);
        wiper->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, WaitMs);
    }

    Client *sleeper = connectedClient(options);
    QVERIFY(sleeper);
    QCOMPARE(sleeper->sessionPresent(), false);
    QVERIFY(subscribe(sleeper, topic, QoS::ExactlyOnce));
    QSignalSpy disconnected(sleeper, &Client::disconnected);
    sleeper->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, WaitMs);

    Client *publisher = connectedClient();
    QVERIFY(publisher);
    // Same connection, in order: once QoS 1 is acknowledged, QoS 0 was handled before it.
    QVERIFY(publishAndWait(publisher, message(topic, "qos0", QoS::AtMostOnce)));
    QVERIFY(publishAndWait(publisher, message(topic, "qos1", QoS::AtLeastOnce)));
    QVERIFY(publishAndWait(publisher, message(topic, "qos2", QoS::ExactlyOnce)));

    m_clients.push_back(std::make_unique<Client>());
    Client *awake = m_clients.back().get();
    QSignalSpy connected(awake, &Client::connected);
    QSignalSpy received(awake, &Client::messageReceived);
    awake->connectToHost(options);
    QVERIFY(connected.wait(WaitMs));
    QCOMPARE(connected.at(0).at(0).toBool(), true); // session present
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, WaitMs);
    // The broker queues offline messages in order; a QoS 0 one would have come first.
    QCOMPARE(payloadsOf(received), (QList<QByteArray>{"qos1", "qos2"}));
    const QList<Message> messages = messagesOf(received);
    QCOMPARE(messages.at(0).qos, QoS::AtLeastOnce);
    QCOMPARE(messages.at(1).qos, QoS::ExactlyOnce);
    QCOMPARE(messages.at(0).topic, topic);
}

void tst_IntegrationPubSub::unsubscribeStopsDelivery()
{
    const QString topic = QStringLiteral("unsubscribe/topic");
    const QString fenceTopic = QStringLiteral("unsubscribe/fence");
    Client *subscriber = connectedClient();
    Client *publisher = connectedClient();
    QVERIFY(subscriber && publisher);
    QVERIFY(subscribe(subscriber, topic, QoS::AtLeastOnce));
    QVERIFY(subscribe(subscriber, fenceTopic, QoS::AtLeastOnce));
    QSignalSpy received(subscriber, &Client::messageReceived);

    QVERIFY(publishAndWait(publisher, message(topic, "before", QoS::AtLeastOnce)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);

    QSignalSpy unsubscribed(subscriber, &Client::unsubscriptionAcknowledged);
    QVERIFY(subscriber->unsubscribe({topic}) != 0);
    QVERIFY(unsubscribed.wait(WaitMs));
    QCOMPARE(unsubscribed.at(0).at(1).toStringList(), QStringList{topic});

    QVERIFY(publishAndWait(publisher, message(topic, "after", QoS::AtLeastOnce)));
    QVERIFY(publishAndWait(publisher, message(fenceTopic, "fence", QoS::AtLeastOnce)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, WaitMs);
    QCOMPARE(payloadsOf(received), (QList<QByteArray>{"before", "fence"}));
}

void tst_IntegrationPubSub::severalFiltersInOneSubscribe()
{
    Client *subscriber = connectedClient();
    Client *publisher = connectedClient();
    QVERIFY(subscriber && publisher);

    QSignalSpy acknowledged(subscriber, &Client::subscriptionAcknowledged);
    const QList<SubscribeTopic> topics{{QStringLiteral("several/exact"), QoS::AtMostOnce},
                                       {QStringLiteral("several/plus/+"), QoS::AtLeastOnce},
                                       {QStringLiteral("several/hash/#"), QoS::ExactlyOnce}};
    QVERIFY(subscriber->subscribe(topics) != 0);
    QVERIFY(acknowledged.wait(WaitMs));
    QCOMPARE(acknowledged.size(), 1); // one SUBSCRIBE, one SUBACK
    const auto results = acknowledged.at(0).at(1).value<QList<SubscribeResult>>();
    QCOMPARE(results.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(results.at(i).filter, topics.at(i).filter);
        QCOMPARE(results.at(i).grantedQos(), topics.at(i).qos);
    }

    QSignalSpy received(subscriber, &Client::messageReceived);
    QVERIFY(publishAndWait(publisher,
                           message(QStringLiteral("several/exact"), "a", QoS::ExactlyOnce)));
    QVERIFY(publishAndWait(publisher,
                           message(QStringLiteral("several/plus/x"), "b", QoS::ExactlyOnce)));
    QVERIFY(publishAndWait(publisher,
                           message(QStringLiteral("several/hash/y/z"), "c", QoS::ExactlyOnce)));
    QVERIFY(publishAndWait(publisher,
                           message(QStringLiteral("several/other"), "d", QoS::ExactlyOnce)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, WaitMs);
    const QList<Message> messages = messagesOf(received);
    QCOMPARE(payloadsOf(received), (QList<QByteArray>{"a", "b", "c"}));
    // Delivered at the lower of the published and the granted QoS.
    QCOMPARE(messages.at(0).qos, QoS::AtMostOnce);
    QCOMPARE(messages.at(1).qos, QoS::AtLeastOnce);
    QCOMPARE(messages.at(2).qos, QoS::ExactlyOnce);
}

void tst_IntegrationPubSub::protocolVersionsConnect_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1 (MQIsdp)") << ProtocolVersion::V3_1;
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1;
}

void tst_IntegrationPubSub::protocolVersionsConnect()
{
    QFETCH(ProtocolVersion, version);
    ConnectionOptions options = optionsFor(m_broker);
    options.version = version;
    Client *client = connectedClient(options);
    QVERIFY(client);
    QCOMPARE(client->state(), Client::State::Connected);
    QCOMPARE(client->options().version, version);
    // A round trip on the connection proves the broker speaks to it in that version.
    const QString topic = QStringLiteral("version/%1").arg(int(version));
    QVERIFY(subscribe(client, topic, QoS::ExactlyOnce));
    QSignalSpy received(client, &Client::messageReceived);
    QVERIFY(publishAndWait(client, message(topic, "echo", QoS::ExactlyOnce)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    QCOMPARE(received.at(0).at(0).value<Message>().payload, QByteArray("echo"));
}

void tst_IntegrationPubSub::badPasswordIsRefused()
{
    const QString passwd = QStandardPaths::findExecutable(QStringLiteral("mosquitto_passwd"));
    if (passwd.isEmpty())
        QSKIP("mosquitto_passwd is not installed (apt-get install mosquitto)");
    MosquittoProcess broker;
    const QString passwordFile = broker.directory() + QStringLiteral("/passwords");
    QProcess tool;
    tool.start(passwd, {QStringLiteral("-c"), QStringLiteral("-b"), passwordFile,
                        QStringLiteral("alice"), QStringLiteral("secret")});
    QVERIFY(tool.waitForFinished(WaitMs));
    QCOMPARE(tool.exitCode(), 0);
    // Started as root, mosquitto would switch to its own user, which cannot read our
    // private temporary folder; "root" keeps it as it is (no effect for other users).
    broker.addConfigLines({QStringLiteral("user root"), QStringLiteral("allow_anonymous false"),
                           QStringLiteral("password_file %1").arg(passwordFile)});
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));

    ConnectionOptions options = optionsFor(broker);
    options.userName = QStringLiteral("alice");
    options.password = QByteArray("wrong");
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy disconnected(&client, &Client::disconnected);
    client.connectToHost(options);
    QVERIFY(errors.wait(WaitMs));
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::ConnectionRefused);
    // The 3.1.1 code for this is 4, "bad user name or password"; mosquitto 2.0 answers every
    // failed password check with 5, "not authorized". Either way the user reads the code's
    // own sentence.
    const auto code = ConnectReturnCode(error.reasonCode);
    QVERIFY2(code == ConnectReturnCode::BadUserNameOrPassword ||
                     code == ConnectReturnCode::NotAuthorized,
             qPrintable(QString::number(error.reasonCode)));
    QCOMPARE(error.text, connectReturnCodeText(code));
    QVERIFY2(error.text.contains(code == ConnectReturnCode::BadUserNameOrPassword
                                         ? QLatin1String("bad user name or password")
                                         : QLatin1String("not authorized")),
             qPrintable(error.text));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, WaitMs);
    QCOMPARE(client.state(), Client::State::Disconnected);

    // The right password gets in: the refusal was about the password, not the setup.
    options.password = QByteArray("secret");
    QSignalSpy connected(&client, &Client::connected);
    client.connectToHost(options);
    QVERIFY2(connected.wait(WaitMs), qPrintable(client.lastError().text));
    client.disconnectFromHost();
}

QTEST_GUILESS_MAIN(tst_IntegrationPubSub)
#include "tst_integration_pubsub.moc"
