// SPDX-License-Identifier: Apache-2.0
// switchboard-cli's MQTT 5.0 options, run as processes against a real mosquitto: -D properties
// of each packet, subscription options, session expiry, `sub --properties`, the broker's
// refusals, and the usage errors of -D.
#include "client.h"
#include "clientwaits.h"
#include "mosquittoprocess.h"
#include "processruns.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Mqtt;

namespace {

constexpr int WaitMs = 10000;

using ProcessRuns::Result;

// The message lines of `sub -v --properties` output, each with its indented property lines.
struct PrintedMessage
{
    QByteArray line;
    QList<QByteArray> properties;
};

QList<PrintedMessage> printedMessages(const QByteArray &out)
{
    QList<PrintedMessage> messages;
    const QList<QByteArray> lines = out.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("  ") && !messages.isEmpty())
            messages.last().properties.append(line.mid(2));
        else if (!line.isEmpty())
            messages.append({line, {}});
    }
    return messages;
}

QList<QByteArray> startingWith(const QList<QByteArray> &lines, const QByteArray &prefix)
{
    QList<QByteArray> matching;
    for (const QByteArray &line : lines) {
        if (line.startsWith(prefix))
            matching.append(line);
    }
    return matching;
}

QString dynamicSecurityPlugin()
{
    const QString name = QStringLiteral("mosquitto_dynamic_security.so");
    QStringList folders{QStringLiteral("/usr/lib"), QStringLiteral("/usr/local/lib")};
    for (const QString &multiarch :
         QDir(QStringLiteral("/usr/lib")).entryList({QStringLiteral("*-linux-*")}, QDir::Dirs))
        folders.append(QStringLiteral("/usr/lib/") + multiarch);
    for (const QString &folder : std::as_const(folders)) {
        if (QFileInfo::exists(folder + QLatin1Char('/') + name))
            return folder + QLatin1Char('/') + name;
    }
    return {};
}

} // namespace

class tst_CliV5 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void publishPropertiesReachSubscriber();
    void binaryCorrelationDataPrintedAsHex();
    void willProperties();
    void connectProperties();
    void noLocal();
    void retainAsPublished();
    void retainHandlingDoNotSend();
    void sessionExpiryKeepsSession();
    void sessionEndsWhenAskedTo();
    void unsubscribeEndsSessionSubscription();
    void messageExpiry();
    void pubReportsNoMatchingSubscribers();
    void debugShowsTheBrokersLimits();
    void brokerRefusals();
    void brokerDisconnectReason();
    void authenticationMethodReachesBroker();
    void usageErrors_data();
    void usageErrors();
    void help();

private:
    QStringList brokerArguments() const
    {
        return {QStringLiteral("-h"), m_broker.host(),
                QStringLiteral("-p"), QString::number(m_broker.port()),
                QStringLiteral("-V"), QStringLiteral("5")};
    }
    QStringList pub(const QStringList &arguments) const
    {
        return QStringList{QStringLiteral("pub")} + brokerArguments() + arguments;
    }
    QStringList sub(const QStringList &arguments) const
    {
        return QStringList{QStringLiteral("sub")} + brokerArguments() + arguments;
    }
    static Result run(const QStringList &arguments);
    static Result finish(QProcess *process);
    // Starts `switchboard-cli sub -d -V 5 ...` and waits until its debug output on stderr
    // says ready (by default: its subscriptions are granted).
    std::unique_ptr<QProcess> startSubscriber(const QStringList &arguments,
                                              const QByteArray &ready = "subscribed to");
    // An in-process 5.0 client; a client id and a session expiry resume a session.
    Client *connectClient(const QString &clientId = {}, quint32 sessionExpiry = 0);
    // Subscribes (again) to topic and says whether a retained message came before a fence.
    bool retainedMessageArrives(Client *client, const QString &topic);
    // A second broker whose dynamic security plugin refuses some topics (started once).
    MosquittoProcess *securedBroker();
    // Sends one command to the dynamic security plugin and waits for its answer.
    static bool administer(Client *admin, const QByteArray &command);

    MosquittoProcess m_broker;
    std::unique_ptr<MosquittoProcess> m_secured;
    std::vector<std::unique_ptr<Client>> m_clients;
};

Result tst_CliV5::run(const QStringList &arguments)
{
    return ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI), arguments, WaitMs);
}

Result tst_CliV5::finish(QProcess *process)
{
    return ProcessRuns::finish(process, WaitMs);
}

std::unique_ptr<QProcess> tst_CliV5::startSubscriber(const QStringList &arguments,
                                                     const QByteArray &ready)
{
    return ProcessRuns::startAndWaitFor(QStringLiteral(SWITCHBOARD_CLI),
                                        QStringList{QStringLiteral("sub"), QStringLiteral("-d")} +
                                                brokerArguments() + arguments,
                                        ready, WaitMs);
}

Client *tst_CliV5::connectClient(const QString &clientId, quint32 sessionExpiry)
{
    m_clients.push_back(std::make_unique<Client>());
    Client *client = m_clients.back().get();
    ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    options.version = ProtocolVersion::V5;
    options.clientId = clientId;
    if (sessionExpiry > 0) {
        options.cleanSession = false;
        options.connectProperties.setInteger(PropertyId::SessionExpiryInterval, sessionExpiry);
    }
    return ClientWaits::connectAndWait(client, options, WaitMs) ? client : nullptr;
}

bool tst_CliV5::retainedMessageArrives(Client *client, const QString &topic)
{
    QSignalSpy received(client, &Client::messageReceived);
    // Retain Handling 0: every SUBSCRIBE brings the retained message again, before the fence.
    if (!ClientWaits::subscribeAndWait(client, {SubscribeTopic{topic, QoS::AtLeastOnce}}, {},
                                       WaitMs))
        return false;
    Message fence;
    fence.topic = topic;
    fence.payload = "fence";
    fence.qos = QoS::AtLeastOnce;
    if (!ClientWaits::publishAndWait(client, fence, WaitMs))
        return false;
    QDeadlineTimer deadline(WaitMs);
    while (!deadline.hasExpired()) {
        for (const QList<QVariant> &arguments : std::as_const(received)) {
            if (arguments.at(0).value<Message>().payload == "fence")
                return received.size() > 1;
        }
        received.wait(50);
    }
    qWarning() << "the fence did not come back";
    return false;
}

void tst_CliV5::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SWITCHBOARD_CLI)).isExecutable(), SWITCHBOARD_CLI);
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_CliV5::cleanup()
{
    for (const auto &client : m_clients)
        client->abortConnection();
    m_clients.clear();
}

void tst_CliV5::publishPropertiesReachSubscriber()
{
    auto subscriber =
            startSubscriber({QStringLiteral("-t"), QStringLiteral("cli5/props/#"),
                             QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-v"),
                             QStringLiteral("--properties"), QStringLiteral("-C"),
                             QStringLiteral("2"), QStringLiteral("-D"), QStringLiteral("subscribe"),
                             QStringLiteral("subscription-identifier"), QStringLiteral("7")});
    QVERIFY(subscriber);
    const QStringList properties{
            "-D", "publish", "payload-format-indicator", "1", "-D", "publish",
            "message-expiry-interval", "30", "-D", "publish", "content-type", "text/plain", "-D",
            "publish", "response-topic", "cli5/reply", "-D", "publish", "correlation-data",
            "request 42", "-D", "publish", "user-property", "colour", "red",
            // A value that looks like an option is still the property's value.
            "-D", "publish", "user-property", "size", "-L", "-D", "publish", "user-property",
            "colour", "blue", "-D", "publish", "topic-alias", "3"};
    // Twice: the second PUBLISH reuses the topic alias the first one set.
    const Result published =
            run(pub(QStringList{"-t", "cli5/props/a", "-q", "1", "-m", "hello", "--repeat", "2"} +
                    properties));
    QVERIFY2(published.exitCode == 0, published.err.constData());
    QCOMPARE(published.err, QByteArray());

    const Result received = finish(subscriber.get());
    QVERIFY2(received.exitCode == 0, received.err.constData());
    const QList<PrintedMessage> messages = printedMessages(received.out);
    QCOMPARE(messages.size(), 2);
    for (const PrintedMessage &message : messages) {
        QCOMPARE(message.line, QByteArray("cli5/props/a hello"));
        const QList<QByteArray> &lines = message.properties;
        QVERIFY2(lines.contains("Payload Format Indicator: 1 (UTF-8 text)"), received.out);
        QVERIFY2(lines.contains("Content Type: text/plain"), received.out);
        QVERIFY2(lines.contains("Response Topic: cli5/reply"), received.out);
        QVERIFY2(lines.contains("Correlation Data: request 42"), received.out);
        QVERIFY2(lines.contains("Subscription Identifier: 7"), received.out);
        // The broker forwards what is left of the interval: 30 s, or 29 across a second.
        QVERIFY2(lines.contains("Message Expiry Interval: 30 s") ||
                         lines.contains("Message Expiry Interval: 29 s"),
                 received.out);
        // In order, duplicates kept.
        QCOMPARE(startingWith(lines, "User Property: "),
                 (QList<QByteArray>{"User Property: colour = red", "User Property: size = -L",
                                    "User Property: colour = blue"}));
        QCOMPARE(lines.size(), 9);
    }
}

void tst_CliV5::binaryCorrelationDataPrintedAsHex()
{
    auto subscriber = startSubscriber({QStringLiteral("-t"), QStringLiteral("cli5/binary"),
                                       QStringLiteral("--properties"), QStringLiteral("-C"),
                                       QStringLiteral("1")});
    QVERIFY(subscriber);
    Client *publisher = connectClient();
    QVERIFY(publisher);
    Message message;
    message.topic = QStringLiteral("cli5/binary");
    message.payload = "raw";
    message.qos = QoS::AtLeastOnce;
    message.properties.setBinary(PropertyId::CorrelationData, QByteArray("\x00\xff"
                                                                         "a",
                                                                         3));
    message.properties.addUserProperty(QStringLiteral("größe"), QStringLiteral("日本"));
    QVERIFY(ClientWaits::publishAndWait(publisher, message, WaitMs));
    const Result received = finish(subscriber.get());
    QVERIFY2(received.exitCode == 0, received.err.constData());
    const QList<PrintedMessage> messages = printedMessages(received.out);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).line, QByteArray("raw"));
    QVERIFY2(messages.at(0).properties.contains("Correlation Data: 0x00ff61"), received.out);
    QVERIFY2(messages.at(0).properties.contains(
                     QStringLiteral("User Property: größe = 日本").toUtf8()),
             received.out);
}

void tst_CliV5::willProperties()
{
    Client *observer = connectClient();
    QVERIFY(observer);
    QVERIFY(ClientWaits::subscribeAndWait(
            observer, {SubscribeTopic{QStringLiteral("cli5/will"), QoS::AtLeastOnce}}, {}, WaitMs));
    QSignalSpy observed(observer, &Client::messageReceived);
    auto subscriber = startSubscriber({"-t",
                                       "cli5/nothing",
                                       "--will-topic",
                                       "cli5/will",
                                       "--will-payload",
                                       "gone",
                                       "--will-qos",
                                       "1",
                                       "-D",
                                       "will",
                                       "content-type",
                                       "text/plain",
                                       "-D",
                                       "will",
                                       "user-property",
                                       "why",
                                       "killed",
                                       "-D",
                                       "will",
                                       "message-expiry-interval",
                                       "60",
                                       "-D",
                                       "will",
                                       "payload-format-indicator",
                                       "1",
                                       "-D",
                                       "will",
                                       "response-topic",
                                       "cli5/will/reply",
                                       "-D",
                                       "will",
                                       "correlation-data",
                                       "w1",
                                       "-D",
                                       "will",
                                       "will-delay-interval",
                                       "0"});
    QVERIFY(subscriber);
    subscriber->kill(); // no DISCONNECT: the broker publishes the will
    QVERIFY(subscriber->waitForFinished(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), 1, WaitMs);
    const Message will = observed.at(0).at(0).value<Message>();
    QCOMPARE(will.payload, QByteArray("gone"));
    QCOMPARE(will.properties.string(PropertyId::ContentType), QStringLiteral("text/plain"));
    QCOMPARE(will.properties.userProperties(),
             (QList<QPair<QString, QString>>{{QStringLiteral("why"), QStringLiteral("killed")}}));
    QCOMPARE(will.properties.integer(PropertyId::PayloadFormatIndicator).value_or(0), 1u);
    QCOMPARE(will.properties.string(PropertyId::ResponseTopic), QStringLiteral("cli5/will/reply"));
    QCOMPARE(will.properties.binary(PropertyId::CorrelationData), QByteArray("w1"));
    const quint32 expiry = will.properties.integer(PropertyId::MessageExpiryInterval).value_or(0);
    QVERIFY2(expiry > 0 && expiry <= 60, QByteArray::number(expiry));
}

void tst_CliV5::connectProperties()
{
    // The broker drops what is over our Maximum Packet Size: only the small one comes.
    auto subscriber = startSubscriber({"-t",
                                       "cli5/size",
                                       "-q",
                                       "1",
                                       "-C",
                                       "1",
                                       "-D",
                                       "connect",
                                       "maximum-packet-size",
                                       "200",
                                       "-D",
                                       "connect",
                                       "receive-maximum",
                                       "10",
                                       "-D",
                                       "connect",
                                       "topic-alias-maximum",
                                       "5",
                                       "-D",
                                       "connect",
                                       "request-response-information",
                                       "1",
                                       "-D",
                                       "connect",
                                       "request-problem-information",
                                       "0",
                                       "-D",
                                       "connect",
                                       "user-property",
                                       "client",
                                       "cli"});
    QVERIFY(subscriber);
    const Result big =
            run(pub({"-t", "cli5/size", "-q", "1", "-m", QString(500, QLatin1Char('x'))}));
    QVERIFY2(big.exitCode == 0, big.err.constData());
    const Result small = run(pub({"-t", "cli5/size", "-q", "1", "-m", "small"}));
    QVERIFY2(small.exitCode == 0, small.err.constData());
    const Result received = finish(subscriber.get());
    QVERIFY2(received.exitCode == 0, received.err.constData());
    QCOMPARE(received.out, QByteArray("small\n"));
}

void tst_CliV5::noLocal()
{
    // sub makes a lasting subscription with No Local; the same client id publishes on it.
    auto subscriber = startSubscriber(
            {"-t", "cli5/nl", "-q", "1", "-c", "-i", "cli5-nl", "-x", "60", "--no-local"});
    QVERIFY(subscriber);
    subscriber->terminate();
    QCOMPARE(finish(subscriber.get()).exitCode, 0);

    Client *same = connectClient(QStringLiteral("cli5-nl"), 60);
    QVERIFY(same);
    QVERIFY(same->sessionPresent());
    QSignalSpy received(same, &Client::messageReceived);
    Message own;
    own.topic = QStringLiteral("cli5/nl");
    own.payload = "own";
    own.qos = QoS::AtLeastOnce;
    QVERIFY(ClientWaits::publishAndWait(same, own, WaitMs));
    // Another client's message arrives; the own one, published before it, never did.
    Client *other = connectClient();
    QVERIFY(other);
    Message theirs = own;
    theirs.payload = "theirs";
    QVERIFY(ClientWaits::publishAndWait(other, theirs, WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    QCOMPARE(received.at(0).at(0).value<Message>().payload, QByteArray("theirs"));
    Properties ending; // the session ends now
    ending.setInteger(PropertyId::SessionExpiryInterval, 0);
    same->disconnectFromHost(ReasonCode::Success, ending);
}

void tst_CliV5::retainAsPublished()
{
    // Without Retain As Published a live message arrives with retain 0 [MQTT-3.3.1-12].
    auto subscriber = startSubscriber(
            {"-t", "cli5/rap", "-q", "1", "-c", "-i", "cli5-rap", "-x", "60", "--rap"});
    QVERIFY(subscriber);
    subscriber->terminate();
    QCOMPARE(finish(subscriber.get()).exitCode, 0);

    Client *same = connectClient(QStringLiteral("cli5-rap"), 60);
    QVERIFY(same);
    QVERIFY(same->sessionPresent());
    QSignalSpy received(same, &Client::messageReceived);
    const Result published = run(pub({"-t", "cli5/rap", "-q", "1", "-r", "-m", "live"}));
    QVERIFY2(published.exitCode == 0, published.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    QCOMPARE(received.at(0).at(0).value<Message>().payload, QByteArray("live"));
    QCOMPARE(received.at(0).at(0).value<Message>().retain, true);
    QCOMPARE(run(pub({"-t", "cli5/rap", "-q", "1", "-r", "-n"})).exitCode, 0);
}

void tst_CliV5::retainHandlingDoNotSend()
{
    QCOMPARE(run(pub({"-t", "cli5/rh", "-q", "1", "-r", "-m", "old"})).exitCode, 0);
    // Retain Handling 0 (the default) sends it: the retained message is there.
    const Result usual = run(sub({"-t", "cli5/rh", "-C", "1", "-W", "5"}));
    QCOMPARE(usual.exitCode, 0);
    QCOMPARE(usual.out, QByteArray("old\n"));

    auto subscriber =
            startSubscriber({"-t", "cli5/rh", "-q", "1", "-C", "1", "--retain-handling", "2"});
    QVERIFY(subscriber);
    QCOMPARE(run(pub({"-t", "cli5/rh", "-q", "1", "-m", "new"})).exitCode, 0);
    const Result received = finish(subscriber.get());
    QVERIFY2(received.exitCode == 0, received.err.constData());
    QCOMPARE(received.out, QByteArray("new\n"));
    QCOMPARE(run(pub({"-t", "cli5/rh", "-q", "1", "-r", "-n"})).exitCode, 0);
}

void tst_CliV5::sessionExpiryKeepsSession()
{
    const QStringList session{"-t", "cli5/session", "-q", "1", "-c",
                              "-i", "cli5-session", "-x", "60"};
    auto first = startSubscriber(session);
    QVERIFY(first);
    first->terminate(); // DISCONNECT: the session stays for 60 s
    QCOMPARE(finish(first.get()).exitCode, 0);

    const Result published = run(pub({"-t", "cli5/session", "-q", "1", "-m", "while away"}));
    QVERIFY2(published.exitCode == 0, published.err.constData());

    const Result second = run(sub(session + QStringList{"-C", "1", "-W", "5"}));
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(second.out, QByteArray("while away\n"));
}

void tst_CliV5::sessionEndsWhenAskedTo()
{
    // -x 0: the session ends with the connection, -c or not.
    auto ending =
            startSubscriber({"-t", "cli5/gone", "-q", "1", "-c", "-i", "cli5-gone", "-x", "0"});
    QVERIFY(ending);
    ending->terminate();
    QCOMPARE(finish(ending.get()).exitCode, 0);
    Client *probe = connectClient(QStringLiteral("cli5-gone"), 60);
    QVERIFY(probe);
    QCOMPARE(probe->sessionPresent(), false);
    probe->abortConnection();

    // A session kept on connect (-D connect) and ended by -D disconnect.
    auto ended = startSubscriber({"-t", "cli5/gone", "-q", "1", "-c", "-i", "cli5-ended", "-D",
                                  "connect", "session-expiry-interval", "60", "-D", "disconnect",
                                  "session-expiry-interval", "0"});
    QVERIFY(ended);
    ended->terminate();
    QCOMPARE(finish(ended.get()).exitCode, 0);
    probe = connectClient(QStringLiteral("cli5-ended"), 60);
    QVERIFY(probe);
    QCOMPARE(probe->sessionPresent(), false);

    // The same without -D disconnect keeps it: the probe above is not blind.
    auto kept = startSubscriber({"-t", "cli5/gone", "-q", "1", "-c", "-i", "cli5-kept", "-D",
                                 "connect", "session-expiry-interval", "60"});
    QVERIFY(kept);
    kept->terminate();
    QCOMPARE(finish(kept.get()).exitCode, 0);
    probe = connectClient(QStringLiteral("cli5-kept"), 60);
    QVERIFY(probe);
    QCOMPARE(probe->sessionPresent(), true);
}

void tst_CliV5::unsubscribeEndsSessionSubscription()
{
    const QStringList session{"-q", "1", "-c", "-i", "cli5-unsub", "-x", "60"};
    // A first run subscribes to the old topic in a session kept for 60 s.
    auto first = startSubscriber(session + QStringList{"-t", "cli5/unsub/old"});
    QVERIFY(first);
    first->terminate();
    QCOMPARE(finish(first.get()).exitCode, 0);

    // A second run resumes it, subscribes to a new topic and unsubscribes from the old one,
    // with a user property on the UNSUBSCRIBE.
    auto second = startSubscriber(session + QStringList{"-t", "cli5/unsub/new", "-U",
                                                        "cli5/unsub/old", "-D", "unsubscribe",
                                                        "user-property", "reason", "cleanup"},
                                  "unsubscribed from 'cli5/unsub/old': Success");
    QVERIFY(second);
    second->terminate();
    const Result ended = finish(second.get());
    QVERIFY2(ended.exitCode == 0, ended.err.constData());

    // While nobody is connected: the old topic first, then the new one.
    for (const char *topic : {"cli5/unsub/old", "cli5/unsub/new"}) {
        const Result published = run(pub({"-t", topic, "-q", "1", "-m", topic}));
        QVERIFY2(published.exitCode == 0, published.err.constData());
    }
    // The session queued the new topic's message only: had the old subscription stayed,
    // its message would come first.
    const Result third =
            run(sub(session + QStringList{"-t", "cli5/unsub/new", "-C", "1", "-W", "5", "-v"}));
    QVERIFY2(third.exitCode == 0, third.err.constData());
    QCOMPARE(third.out, QByteArray("cli5/unsub/new cli5/unsub/new\n"));

    // Unsubscribing from what is not subscribed is no failure (5.0: No subscription existed).
    auto again = startSubscriber(session + QStringList{"-U", "cli5/unsub/old"},
                                 "unsubscribed from 'cli5/unsub/old': No subscription existed");
    QVERIFY(again);
    again->terminate();
    QCOMPARE(finish(again.get()).exitCode, 0);
}

void tst_CliV5::messageExpiry()
{
    const QString topic = QStringLiteral("cli5/expiry");
    QCOMPARE(run(pub({"-t", topic, "-q", "1", "-r", "-m", "short-lived", "-D", "publish",
                      "message-expiry-interval", "2"}))
                     .exitCode,
             0);
    // Delivered at once with what is left of its time (whole seconds: 2, or 1 across a
    // second boundary)...
    const Result early = run(sub({"-t", topic, "-C", "1", "-W", "5", "--properties"}));
    QCOMPARE(early.exitCode, 0);
    const QList<PrintedMessage> messages = printedMessages(early.out);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).line, QByteArray("short-lived"));
    QVERIFY2(messages.at(0).properties.contains("Message Expiry Interval: 2 s") ||
                     messages.at(0).properties.contains("Message Expiry Interval: 1 s"),
             early.out);
    // ...and then the broker drops it.
    Client *probe = connectClient();
    QVERIFY(probe);
    QTRY_VERIFY_WITH_TIMEOUT(!retainedMessageArrives(probe, topic), WaitMs);
}

void tst_CliV5::pubReportsNoMatchingSubscribers()
{
    const Result published =
            run(pub({"-d", "-t", "cli5/nobody/listens", "-q", "1", "-m", "into the void"}));
    QVERIFY2(published.exitCode == 0, published.err.constData());
    QVERIFY2(published.err.contains("the broker acknowledged a message: No matching subscribers"),
             published.err.constData());
    // Without -d it is not an error worth a word.
    const Result quiet = run(pub({"-t", "cli5/nobody/listens", "-q", "1", "-m", "again"}));
    QCOMPARE(quiet.exitCode, 0);
    QCOMPARE(quiet.err, QByteArray());
}

// -d says what the broker's CONNACK set, read from the engine's ServerLimits.
void tst_CliV5::debugShowsTheBrokersLimits()
{
    MosquittoProcess limited;
    limited.addConfigLines({QStringLiteral("max_qos 1"), QStringLiteral("retain_available false"),
                            QStringLiteral("max_packet_size 2000")});
    QVERIFY2(limited.start(), qPrintable(limited.errorString()));
    const Result published = run({"pub", "-V", "5", "-d", "-h", limited.host(), "-p",
                                  QString::number(limited.port()), "-t", "cli5/limits", "-m", "x"});
    QVERIFY2(published.exitCode == 0, published.err.constData());
    QVERIFY2(published.err.contains("connected; the broker announced: maximum QoS 1, retain "
                                    "available: no,"),
             published.err.constData());
    QVERIFY2(published.err.contains("maximum packet size 2000"), published.err.constData());
    // A 3.1.1 broker announces nothing: the specification's defaults hold.
    const Result old = run({"pub", "-d", "-h", limited.host(), "-p",
                            QString::number(limited.port()), "-t", "cli5/limits", "-m", "x"});
    QVERIFY2(old.err.contains("connected; the broker keeps the defaults"), old.err.constData());
}

MosquittoProcess *tst_CliV5::securedBroker()
{
    if (m_secured)
        return m_secured.get();
    const QString plugin = dynamicSecurityPlugin();
    if (plugin.isEmpty())
        return nullptr;
    auto broker = std::make_unique<MosquittoProcess>();
    // Anonymous clients may do anything but subscribe to secret/# or publish to readonly/#,
    // and they administer the plugin through $CONTROL.
    const QString configuration = broker->directory() + QStringLiteral("/dynsec.json");
    QFile file(configuration);
    if (!file.open(QIODevice::WriteOnly))
        return nullptr;
    file.write(R"({
  "defaultACLAccess": {"publishClientSend": true, "publishClientReceive": true,
                       "subscribe": true, "unsubscribe": true},
  "clients": [],
  "groups": [{"groupname": "anonymous", "roles": [{"rolename": "limited"}]}],
  "roles": [{"rolename": "limited", "acls": [
      {"acltype": "subscribePattern", "topic": "secret/#", "priority": 0, "allow": false},
      {"acltype": "publishClientSend", "topic": "readonly/#", "priority": 0, "allow": false},
      {"acltype": "publishClientSend", "topic": "$CONTROL/dynamic-security/#", "priority": 0,
       "allow": true},
      {"acltype": "publishClientReceive", "topic": "$CONTROL/dynamic-security/#",
       "priority": 0, "allow": true},
      {"acltype": "subscribePattern", "topic": "$CONTROL/dynamic-security/#", "priority": 0,
       "allow": true}]}],
  "anonymousGroup": "anonymous"
})");
    file.close();
    // As root, mosquitto would switch to its own user, which cannot write our folder.
    broker->addConfigLines({QStringLiteral("user root"), QStringLiteral("plugin %1").arg(plugin),
                            QStringLiteral("plugin_opt_config_file %1").arg(configuration)});
    if (!broker->start()) {
        qWarning() << broker->errorString();
        return nullptr;
    }
    m_secured = std::move(broker);
    return m_secured.get();
}

bool tst_CliV5::administer(Client *admin, const QByteArray &command)
{
    // The plugin answers each command on .../response: wait for it, so that it took effect.
    QSignalSpy received(admin, &Client::messageReceived);
    Message message;
    message.topic = QStringLiteral("$CONTROL/dynamic-security/v1");
    message.payload = R"({"commands":[)" + command + "]}";
    message.qos = QoS::AtLeastOnce;
    if (!ClientWaits::publishAndWait(admin, message, WaitMs))
        return false;
    if (received.isEmpty() && !received.wait(WaitMs))
        return false;
    const QByteArray response = received.at(0).at(0).value<Message>().payload;
    if (response.contains("\"error\"")) {
        qWarning() << "the plugin refused" << command << ":" << response;
        return false;
    }
    return true;
}

void tst_CliV5::brokerRefusals()
{
    MosquittoProcess *broker = securedBroker();
    if (!broker && dynamicSecurityPlugin().isEmpty())
        QSKIP("mosquitto's dynamic security plugin is not installed");
    QVERIFY(broker);
    const QStringList at{QStringLiteral("-p"), QString::number(broker->port()),
                         QStringLiteral("-V"), QStringLiteral("5")};

    for (const char *qos : {"1", "2"}) {
        const Result refused = run(QStringList{"pub"} + at +
                                   QStringList{"-t", "readonly/x", "-q", qos, "-m", "no"});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("The broker refused the message: Not authorized"),
                 refused.err.constData());
    }

    const Result partly = run(QStringList{"sub"} + at +
                              QStringList{"-t", "secret/#", "-t", "open/x", "-C", "1", "-W", "1"});
    QVERIFY2(partly.err.contains("the broker refused the subscription to 'secret/#': Not "
                                 "authorized"),
             partly.err.constData());
    QVERIFY2(!partly.err.contains("'open/x'"), partly.err.constData());
    QCOMPARE(partly.exitCode, 27); // the granted filter keeps it waiting

    const Result refused = run(QStringList{"sub"} + at + QStringList{"-t", "secret/a"});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("the broker refused the subscription to 'secret/a': Not "
                                  "authorized"),
             refused.err.constData());
}

void tst_CliV5::brokerDisconnectReason()
{
    MosquittoProcess *broker = securedBroker();
    if (!broker && dynamicSecurityPlugin().isEmpty())
        QSKIP("mosquitto's dynamic security plugin is not installed");
    QVERIFY(broker);
    // An administrator disables the account sub is connected with: DISCONNECT, reason 0x98.
    m_clients.push_back(std::make_unique<Client>());
    Client *admin = m_clients.back().get();
    ConnectionOptions options;
    options.host = broker->host();
    options.port = broker->port();
    options.version = ProtocolVersion::V5;
    QVERIFY(ClientWaits::connectAndWait(admin, options, WaitMs));
    QVERIFY(ClientWaits::subscribeAndWait(
            admin,
            {SubscribeTopic{QStringLiteral("$CONTROL/dynamic-security/v1/response"),
                            QoS::AtLeastOnce}},
            {}, WaitMs));
    QVERIFY(administer(admin, R"({"command":"createClient","username":"victim","password":"pw"})"));

    auto subscriber = std::make_unique<QProcess>();
    subscriber->start(QStringLiteral(SWITCHBOARD_CLI),
                      {"sub", "-d", "-p", QString::number(broker->port()), "-V", "5", "-u",
                       "victim", "-P", "pw", "-t", "cli5/victim"});
    QByteArray errors;
    QTRY_VERIFY_WITH_TIMEOUT(
            (errors += subscriber->readAllStandardError()).contains("subscribed to"), WaitMs);
    QVERIFY(administer(admin, R"({"command":"disableClient","username":"victim"})"));
    const Result result = finish(subscriber.get());
    QVERIFY2(result.exitCode == 1, result.err.constData());
    QVERIFY2(result.err.contains("The broker disconnected: Administrative action"),
             result.err.constData());
}

void tst_CliV5::authenticationMethodReachesBroker()
{
    // This mosquitto offers no enhanced authentication: it refuses the method by name.
    const Result refused = run(pub({"-t", "cli5/auth", "-m", "x", "--auth-method", "scram-sha-256",
                                    "-u", "user", "-P", "secret"}));
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("Bad authentication method"), refused.err.constData());
    QVERIFY2(refused.err.contains("SCRAM-SHA-256"), refused.err.constData());
}

void tst_CliV5::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    const QStringList pub{"pub", "-h", "127.0.0.1", "-t", "a", "-m", "x"};
    const QStringList pub5 = pub + QStringList{"-V", "5"};
    const QStringList sub{"sub", "-h", "127.0.0.1", "-t", "a"};
    const QStringList sub5 = sub + QStringList{"-V", "5"};

    QTest::newRow("-D without -V 5")
            << pub + QStringList{"-D", "publish", "content-type", "text/plain"}
            << "-D sets MQTT 5.0 properties: add -V 5";
    QTest::newRow("-D with -V 311")
            << pub + QStringList{"-V", "311", "-D", "connect", "receive-maximum", "5"}
            << "-D sets MQTT 5.0 properties: add -V 5";
    QTest::newRow("packet pub does not send")
            << pub5 + QStringList{"-D", "subscribe", "subscription-identifier", "1"}
            << "-D subscribe: not a packet this command sends (use connect, publish, will, "
               "disconnect)";
    QTest::newRow("packet sub does not send")
            << sub5 + QStringList{"-D", "publish", "content-type", "x"}
            << "-D publish: not a packet this command sends";
    QTest::newRow("subscription identifier in publish")
            << pub5 + QStringList{"-D", "publish", "subscription-identifier", "1"}
            << "-D publish: the property subscription-identifier is not allowed in publish";
    QTest::newRow("content type in subscribe")
            << sub5 + QStringList{"-D", "subscribe", "content-type", "x"}
            << "the property content-type is not allowed in subscribe";
    QTest::newRow("will delay in connect")
            << pub5 + QStringList{"-D", "connect", "will-delay-interval", "5"}
            << "the property will-delay-interval is not allowed in connect";
    QTest::newRow("broker's property") << pub5 + QStringList{"-D", "connect", "maximum-qos", "1"}
                                       << "the property maximum-qos is not allowed in connect";
    QTest::newRow("unknown property") << pub5 + QStringList{"-D", "publish", "colour", "red"}
                                      << "-D publish: unknown property 'colour'";
    QTest::newRow("user property without value")
            << QStringList{"pub",           "-V", "5", "-t", "a", "-m", "x", "-D", "publish",
                           "user-property", "key"}
            << "-D needs a command, a property and a value";
    QTest::newRow("byte out of range")
            << pub5 + QStringList{"-D", "publish", "payload-format-indicator", "2"}
            << "-D publish payload-format-indicator must be a whole number from 0 to 1, not '2'";
    QTest::newRow("not a number")
            << pub5 + QStringList{"-D", "publish", "message-expiry-interval", "soon"}
            << "-D publish message-expiry-interval must be a whole number from 0 to 4294967295, "
               "not 'soon'";
    QTest::newRow("receive maximum zero")
            << pub5 + QStringList{"-D", "connect", "receive-maximum", "0"}
            << "from 1 to 65535, not '0'";
    QTest::newRow("subscription identifier zero")
            << sub5 + QStringList{"-D", "subscribe", "subscription-identifier", "0"}
            << "from 1 to 268435455, not '0'";
    QTest::newRow("single property twice")
            << pub5 + QStringList{"-D", "publish", "content-type", "a",
                                  "-D", "publish", "content-type", "b"}
            << "-D publish content-type is given twice";
    QTest::newRow("response topic with wildcard")
            << pub5 + QStringList{"-D", "publish", "response-topic", "a/#"}
            << "-D publish response-topic 'a/#'";
    QTest::newRow("disconnect expiry after none")
            << pub5 + QStringList{"-D", "disconnect", "session-expiry-interval", "10"}
            << "needs a session expiry on connect";
    QTest::newRow("unsubscribe properties without -U")
            << sub5 + QStringList{"-D", "unsubscribe", "user-property", "k", "v"}
            << "-D unsubscribe needs -U";
    QTest::newRow("content type in unsubscribe")
            << sub5 + QStringList{"-U", "b", "-D", "unsubscribe", "content-type", "x"}
            << "the property content-type is not allowed in unsubscribe (allowed: user-property)";
    QTest::newRow("invalid unsubscribe filter")
            << QStringList{"sub", "-U", "a/#/b"} << "invalid topic filter 'a/#/b'";
    QTest::newRow("will properties without will")
            << sub5 + QStringList{"-D", "will", "content-type", "x"}
            << "-D will needs --will-topic";
    QTest::newRow("session expiry twice")
            << pub5 + QStringList{"-x", "10", "-D", "connect", "session-expiry-interval", "10"}
            << "give the session expiry once";
    QTest::newRow("-x without -V 5")
            << pub + QStringList{"-x", "10"} << "-x/--session-expiry is an MQTT 5.0 option";
    QTest::newRow("bad session expiry")
            << pub5 + QStringList{"--session-expiry", "forever"} << "not 'forever'";
    QTest::newRow("endless session without id")
            << sub5 + QStringList{"-x", "-1"} << "a session that never expires needs a client id";
    QTest::newRow("unknown authentication method")
            << pub5 + QStringList{"--auth-method", "PLAIN", "-u", "u", "-P", "p"}
            << "unknown authentication method 'PLAIN' (supported: SCRAM-SHA-256)";
    QTest::newRow("authentication without credentials")
            << pub5 + QStringList{"--auth-method", "scram-sha-256"}
            << "SCRAM-SHA-256 needs a user name and a password";
    QTest::newRow("authentication method without -V 5")
            << pub + QStringList{"--auth-method", "SCRAM-SHA-256"}
            << "--auth-method is an MQTT 5.0 option";
    QTest::newRow("authentication data")
            << pub5 + QStringList{"-D", "connect", "authentication-data", "x"}
            << "the authentication method computes it";
    QTest::newRow("no local without -V 5")
            << sub + QStringList{"--nl"} << "--no-local is an MQTT 5.0 option: add -V 5";
    QTest::newRow("retain as published without -V 5")
            << sub + QStringList{"--retain-as-published"}
            << "--retain-as-published is an MQTT 5.0 option";
    QTest::newRow("retain handling out of range") << sub5 + QStringList{"--retain-handling", "3"}
                                                  << "--retain-handling must be 0, 1 or 2, not '3'";
    QTest::newRow("no local on a shared subscription")
            << QStringList{"sub", "-V", "5", "-t", "$share/group/a", "--no-local"}
            << "invalid topic filter '$share/group/a': No Local cannot be set on a shared "
               "subscription";
}

void tst_CliV5::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QByteArray());
    QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
    QVERIFY2(result.err.startsWith("switchboard-cli "), result.err.constData());
}

void tst_CliV5::help()
{
    const Result pubHelp = run({QStringLiteral("pub"), QStringLiteral("--help")});
    QCOMPARE(pubHelp.exitCode, 0);
    for (const char *text : {"-D, --property", "-x, --session-expiry", "--auth-method",
                             "publish: payload-format-indicator", "message-expiry-interval",
                             "user-property", "will: will-delay-interval", "disconnect:"})
        QVERIFY2(pubHelp.out.contains(text), text);
    const Result subHelp = run({QStringLiteral("sub"), QStringLiteral("--help")});
    QCOMPARE(subHelp.exitCode, 0);
    for (const char *text :
         {"--no-local", "--nl", "--retain-as-published", "--rap", "--retain-handling",
          "--properties", "subscribe: subscription-identifier", "-U, --unsubscribe <filter>",
          "unsubscribe: user-property"})
        QVERIFY2(subHelp.out.contains(text), text);
}

QTEST_GUILESS_MAIN(tst_CliV5)
#include "tst_cli_v5.moc"
