// SPDX-License-Identifier: Apache-2.0
// The engine across a link that breaks: a client with automatic reconnection and a persistent
// session talks to a real mosquitto through a fault proxy that cuts the connection every few
// hundred milliseconds (RST and FIN, in the middle of packets too), delays chunks and stalls
// a direction now and then. 5,000 QoS 1 and 5,000 QoS 2 messages go each way: from our client
// through the proxy to a subscriber connected directly, and from a publisher connected directly
// to our client through the proxy. QoS 1 loses nothing, QoS 2 loses and repeats nothing, and
// each topic keeps the order 4.6 promises (see sequencelog.h). At 3.1.1 (clean session 0) and
// 5.0 (Clean Start 0 with a Session Expiry Interval).
#include "client.h"
#include "clientwaits.h"
#include "faultproxy.h"
#include "mosquittoprocess.h"
#include "sequencelog.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTest>

#include <array>

using namespace Mqtt;

namespace {

constexpr int MessagesPerStream = 5000;
// Messages a publisher has out (published, not yet acknowledged) at most: keeps the run spread
// over many cuts instead of queueing everything at once.
constexpr int Window = 40;
constexpr int WaitMs = 10000;
// The whole exchange must end well inside CTest's 90 s.
constexpr int RunDeadlineMs = 70000;
// Cuts every 40 to 250 ms: several per second, dozens in a run.
constexpr int CutMinimumMs = 40;
constexpr int CutMaximumMs = 250;
constexpr int MinimumCuts = 40;

// One numbered stream a client publishes: keeps Window messages out, counts the answers.
struct Feed
{
    Feed(const QString &topic, QoS qos) : topic(topic), qos(qos) { }

    QString topic;
    QoS qos;
    int next = 0; // the number published next
    QSet<quint64> open; // tokens awaiting messagePublished
    int published = 0; // messagePublished reports
    int repeatedReports = 0; // messagePublished for a token already reported
    QStringList refusals;

    bool isDone() const { return next == MessagesPerStream && open.isEmpty(); }
};

} // namespace

class tst_BrokenLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bothWaysAtQos1AndQos2_data();
    void bothWaysAtQos1AndQos2();

private:
    // Publishes from feed while fewer than Window are out and canSend(number) says yes.
    void pump(Client *client, Feed *feed, const std::function<bool(int)> &canSend);

    MosquittoProcess m_broker;
};

void tst_BrokenLinks::initTestCase()
{
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
    // mosquitto 2.0.11 (Debian 12) with its default in-flight window of 20 per client
    // (max_inflight_messages) at times delivers a topic's messages out of order, without any
    // fault ([MQTT-4.6.0-6]; seen here: 621 before 607, our client had sent them in order).
    // Its documented way to keep the order, a window of 1, also limits what a 3.1.1 client may
    // have in flight towards it (PUBREC 0x97, then it closes the connection). No limit keeps
    // the order and lets our client use its window of 20.
    m_broker.addConfigLines({QStringLiteral("max_inflight_messages 0")});
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_BrokenLinks::pump(Client *client, Feed *feed, const std::function<bool(int)> &canSend)
{
    while (feed->next < MessagesPerStream && feed->open.size() < Window && canSend(feed->next)) {
        Message message;
        message.topic = feed->topic;
        message.qos = feed->qos;
        message.payload = QByteArray::number(feed->next);
        Error error;
        const quint64 token = client->publish(message, &error);
        if (token == 0) {
            feed->refusals.append(error.text);
            return;
        }
        feed->open.insert(token);
        ++feed->next;
    }
}

void tst_BrokenLinks::bothWaysAtQos1AndQos2_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1;
    QTest::newRow("5.0") << ProtocolVersion::V5;
}

void tst_BrokenLinks::bothWaysAtQos1AndQos2()
{
    QFETCH(ProtocolVersion, version);
    // Topics of their own: the session the other row left behind gets none of this row's.
    const QString prefix = QStringLiteral("links/%1/").arg(QTest::currentDataTag());
    const quint32 seed = FaultProxy::seedFromEnvironment();
    qInfo("fault proxy seed %u (SWITCHBOARD_FAULT_SEED=%u replays its choices)", seed, seed);
    FaultProxy proxy(QHostAddress::LocalHost, m_broker.port(), seed);
    QVERIFY(proxy.listen());

    // Ours: through the proxy, reconnecting, with a session that outlives each connection.
    ConnectionOptions through;
    through.host = QStringLiteral("127.0.0.1");
    through.port = proxy.port();
    through.version = version;
    through.clientId = QStringLiteral("brokenlinks-%1").arg(QTest::currentDataTag());
    through.cleanSession = false;
    if (version == ProtocolVersion::V5)
        through.connectProperties.setInteger(PropertyId::SessionExpiryInterval, 600);
    through.autoReconnect = true;
    through.reconnectInitialDelayMs = 20;
    through.reconnectMaximumDelayMs = 320;
    // A CONNECT or CONNACK lost in a stall is retried soon.
    through.connectTimeoutMs = 3000;
    through.keepAlive = 10;
    through.maximumQueued = 2 * Window + 10;
    Client client;
    QVERIFY(ClientWaits::connectAndWait(&client, through, WaitMs));
    QVERIFY(ClientWaits::subscribeAndWait(
            &client, {SubscribeTopic{prefix + QStringLiteral("in/+"), QoS::ExactlyOnce}}, {},
            WaitMs));

    // The other end: connected directly, never cut.
    ConnectionOptions direct;
    direct.host = m_broker.host();
    direct.port = m_broker.port();
    direct.version = version;
    direct.maximumQueued = 2 * Window + 10;
    Client peer;
    QVERIFY(ClientWaits::connectAndWait(&peer, direct, WaitMs));
    QVERIFY(ClientWaits::subscribeAndWait(
            &peer, {SubscribeTopic{prefix + QStringLiteral("out/+"), QoS::ExactlyOnce}}, {},
            WaitMs));

    // Streams, by QoS 1 and QoS 2: ours out, the peer's in.
    std::array<Feed, 2> outgoing{Feed{prefix + QStringLiteral("out/qos1"), QoS::AtLeastOnce},
                                 Feed{prefix + QStringLiteral("out/qos2"), QoS::ExactlyOnce}};
    std::array<Feed, 2> incoming{Feed{prefix + QStringLiteral("in/qos1"), QoS::AtLeastOnce},
                                 Feed{prefix + QStringLiteral("in/qos2"), QoS::ExactlyOnce}};
    std::array<SequenceLog, 2> peerReceived{SequenceLog(MessagesPerStream),
                                            SequenceLog(MessagesPerStream)};
    std::array<SequenceLog, 2> weReceived{SequenceLog(MessagesPerStream),
                                          SequenceLog(MessagesPerStream)};
    int foreignTopics = 0;
    const auto streamOf = [](const QString &topic) {
        return topic.endsWith(QLatin1String("qos1"))   ? 0
               : topic.endsWith(QLatin1String("qos2")) ? 1
                                                       : -1;
    };
    // The peer publishes only a little ahead of what we received: its stream spans the run.
    const auto peerMayPublish = [&](int stream) {
        return [&, stream](int number) { return number < weReceived[stream].distinct() + Window; };
    };
    const auto always = [](int) { return true; };
    const auto onPublished = [](std::array<Feed, 2> &feeds, quint64 token) {
        for (Feed &feed : feeds) {
            if (feed.open.remove(token)) {
                ++feed.published;
                return;
            }
        }
        ++feeds[0].repeatedReports; // a token reported twice, or never given out
    };
    connect(&client, &Client::messagePublished, this, [&](quint64 token) {
        onPublished(outgoing, token);
        for (Feed &feed : outgoing)
            pump(&client, &feed, always);
    });
    connect(&peer, &Client::messagePublished, this, [&](quint64 token) {
        onPublished(incoming, token);
        for (int stream : {0, 1})
            pump(&peer, &incoming[stream], peerMayPublish(stream));
    });
    QStringList refusals;
    for (Client *publisher : {&client, &peer}) {
        connect(publisher, &Client::messageRefused, this,
                [&](quint64, const Error &error) { refusals.append(error.text); });
    }
    connect(&peer, &Client::messageReceived, this, [&](const Message &message) {
        const int stream = streamOf(message.topic);
        if (stream < 0 || !message.topic.startsWith(prefix + QStringLiteral("out/")))
            ++foreignTopics;
        else
            peerReceived[stream].add(message.payload);
    });
    connect(&client, &Client::messageReceived, this, [&](const Message &message) {
        const int stream = streamOf(message.topic);
        if (stream < 0 || !message.topic.startsWith(prefix + QStringLiteral("in/"))) {
            ++foreignTopics;
            return;
        }
        weReceived[stream].add(message.payload);
        pump(&peer, &incoming[stream], peerMayPublish(stream));
    });
    int connections = 0;
    int sessionsLost = 0;
    connect(&client, &Client::connected, this, [&](bool sessionPresent) {
        ++connections;
        if (!sessionPresent)
            ++sessionsLost;
    });
    QList<Error> errors;
    connect(&client, &Client::errorOccurred, this,
            [&](const Error &error) { errors.append(error); });
    int gaveUp = 0;
    connect(&client, &Client::disconnected, this, [&] { ++gaveUp; });
    QVERIFY(peer.state() == Client::State::Connected);
    int peerDrops = 0;
    connect(&peer, &Client::disconnected, this, [&] { ++peerDrops; });

    proxy.setCutInterval(CutMinimumMs, CutMaximumMs);
    proxy.setMaximumDelay(5);
    proxy.setStalls(300, 1200, 400);
    QElapsedTimer clock;
    clock.start();
    for (int stream : {0, 1}) {
        pump(&client, &outgoing[stream], always);
        pump(&peer, &incoming[stream], peerMayPublish(stream));
    }
    const auto allDone = [&] {
        for (int stream : {0, 1}) {
            if (!outgoing[stream].isDone() || !incoming[stream].isDone() ||
                !peerReceived[stream].isComplete() || !weReceived[stream].isComplete())
                return false;
        }
        return true;
    };
    const auto progress = [&] {
        QStringList parts;
        for (int stream : {0, 1}) {
            parts << QStringLiteral("QoS %1 out: sent %2, acknowledged %3, peer got %4; in: sent "
                                    "%5, acknowledged %6, we got %7")
                             .arg(stream + 1)
                             .arg(outgoing[stream].next)
                             .arg(outgoing[stream].published)
                             .arg(peerReceived[stream].summary())
                             .arg(incoming[stream].next)
                             .arg(incoming[stream].published)
                             .arg(weReceived[stream].summary());
        }
        parts << QStringLiteral("client state %1, %2 connections, %3 in flight, %4 queued")
                         .arg(int(client.state()))
                         .arg(connections)
                         .arg(client.inflightCount())
                         .arg(client.queuedCount());
        parts << proxy.summary();
        return parts.join(QLatin1Char('\n'));
    };
    const bool finished = FaultProxy::runUntil(allDone, RunDeadlineMs);
    const qint64 runtimeMs = clock.elapsed();
    proxy.stopFaults();
    if (!finished)
        qWarning().noquote() << "mosquitto's log:" << m_broker.log();
    QVERIFY2(finished, qPrintable(QStringLiteral("not done in time:\n") + progress()));

    qInfo().noquote() << QStringLiteral("done in %1 ms, %2 connections (%3 without a session)")
                                 .arg(runtimeMs)
                                 .arg(connections)
                                 .arg(sessionsLost);
    qInfo().noquote() << progress();
    QCOMPARE(gaveUp, 0);
    QCOMPARE(peerDrops, 0);
    QVERIFY2(refusals.isEmpty(), qPrintable(refusals.join(QLatin1Char('\n'))));
    for (const Feed &feed : outgoing)
        QVERIFY2(feed.refusals.isEmpty(), qPrintable(feed.refusals.join(QLatin1Char('\n'))));
    for (const Feed &feed : incoming)
        QVERIFY2(feed.refusals.isEmpty(), qPrintable(feed.refusals.join(QLatin1Char('\n'))));
    QCOMPARE(outgoing[0].repeatedReports + incoming[0].repeatedReports, 0);
    QCOMPARE(foreignTopics, 0);
    // The broker kept our session through every cut (it never restarted).
    QCOMPARE(sessionsLost, 0);

    for (int stream : {0, 1}) {
        for (const SequenceLog *log : {&peerReceived[stream], &weReceived[stream]}) {
            const QString which =
                    log == &peerReceived[stream] ? QStringLiteral("out") : QStringLiteral("in");
            QVERIFY2(log->isComplete(), qPrintable(which + QLatin1Char(' ') + log->summary()));
            QCOMPARE(log->foreign(), 0);
            const QString problem = log->orderProblem();
            QVERIFY2(problem.isEmpty(), qPrintable(which + QString::number(stream + 1) +
                                                   QStringLiteral(": ") + problem));
            if (stream == 1) // QoS 2: exactly once
                QVERIFY2(log->duplicates() == 0,
                         qPrintable(which + QLatin1Char(' ') + log->summary()));
        }
    }

    // The faults really happened, and often.
    QVERIFY2(proxy.totalCuts() >= MinimumCuts, qPrintable(proxy.summary()));
    for (FaultProxy::Cut kind : {FaultProxy::Cut::Reset, FaultProxy::Cut::Close}) {
        QVERIFY2(proxy.cuts(kind) >= MinimumCuts / 4, qPrintable(proxy.summary()));
        QVERIFY2(proxy.cuts(kind, FaultProxy::Boundary::MidPacket) >= MinimumCuts / 8,
                 qPrintable(proxy.summary()));
    }
    QVERIFY2(proxy.stalls() > 0, qPrintable(proxy.summary()));
    QVERIFY2(connections > MinimumCuts / 2, qPrintable(progress()));
    QVERIFY(!errors.isEmpty());
}

QTEST_GUILESS_MAIN(tst_BrokenLinks)
#include "tst_brokenlinks.moc"
