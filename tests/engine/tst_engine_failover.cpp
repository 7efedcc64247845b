// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QSignalSpy>
#include <QTcpServer>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// Failover: the order in which the client tries the brokers of options().servers(), when it
// moves on and when the back-off applies; and 5.0 server redirection (Use another server,
// Server moved) in CONNACK and DISCONNECT, followed or only reported.
class TestEngineFailover : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void triesServersInOrder();
    void roundWithoutReconnectEnds();
    void roundThenBackoff();
    void lostConnectionMovesOn();
    void lostWithoutReconnectStays();
    void connectStartsAtHead();
    void connackRedirect_data();
    void connackRedirect();
    void disconnectRedirect_data();
    void disconnectRedirect();
    void redirectLoopIsBounded();
    void serverReference_data();
    void serverReference();
    void brokerAddressUrls();
};

namespace {

BrokerAddress addressOf(const FakeBroker &broker)
{
    return BrokerAddress{TransportKind::Tcp, QStringLiteral("127.0.0.1"), broker.port()};
}

// A loopback port nobody listens on: connecting is refused at once.
BrokerAddress deadAddress()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    const quint16 port = server.serverPort();
    server.close();
    return BrokerAddress{TransportKind::Tcp, QStringLiteral("127.0.0.1"), port};
}

ConnectionOptions optionsFor(const QList<BrokerAddress> &servers)
{
    ConnectionOptions options;
    options.clientId = QStringLiteral("engine-test");
    options.connectTimeoutMs = Timeout;
    options.setServers(servers);
    return options;
}

QList<int> indexes(const QSignalSpy &spy)
{
    QList<int> result;
    for (const QList<QVariant> &arguments : spy)
        result.append(arguments.at(0).toInt());
    return result;
}

// A 5.0 broker that answers CONNECT with reasonCode and a Server Reference.
void redirectOnConnect(FakeBroker &broker, ReasonCode reasonCode, const QString &reference)
{
    broker.setHandler(T::Connect, [&broker, reasonCode, reference](const FakeBroker::Packet &) {
        ConnackPacket refusal;
        refusal.returnCode = quint8(reasonCode);
        refusal.properties.setString(PropertyId::ServerReference, reference);
        broker.sendBytes(encode(refusal, ProtocolVersion::V5));
    });
}

QString referenceTo(const FakeBroker &broker)
{
    return QStringLiteral("127.0.0.1:%1").arg(broker.port());
}

} // namespace

void TestEngineFailover::triesServersInOrder()
{
    const BrokerAddress dead = deadAddress();
    FakeBroker refusing;
    QVERIFY(refusing.listen());
    refusing.setConnackReturnCode(quint8(ConnectReturnCode::NotAuthorized));
    FakeBroker good;
    QVERIFY(good.listen());

    Client client;
    QSignalSpy servers(&client, &Client::serverChanged);
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    QSignalSpy states(&client, &Client::stateChanged);
    QVERIFY(connectTo(client, optionsFor({dead, addressOf(refusing), addressOf(good)})));
    // Failed attempts are not reconnects: the client stays connecting from one to the next.
    for (const QList<QVariant> &arguments : states)
        QVERIFY(arguments.at(0).value<Client::State>() != Client::State::WaitingToReconnect);
    QCOMPARE(indexes(servers), (QList<int>{0, 1, 2}));
    QCOMPARE(client.currentServerIndex(), 2);
    QCOMPARE(client.currentServer(), addressOf(good));
    // The unreachable one and the refusal, each reported; no back-off inside a round.
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::TransportError);
    QCOMPARE(errors.at(1).at(0).value<Error>().code, ErrorCode::ConnectionRefused);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(refusing.count(T::Connect), 1);
    QCOMPARE(good.count(T::Connect), 1);
}

void TestEngineFailover::roundWithoutReconnectEnds()
{
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy disconnected(&client, &Client::disconnected);
    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    client.connectToHost(optionsFor({deadAddress(), deadAddress(), deadAddress()}));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QCOMPARE(errors.size(), 3);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(client.currentServerIndex(), 2);
}

void TestEngineFailover::roundThenBackoff()
{
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    ConnectionOptions options = optionsFor({deadAddress(), deadAddress()});
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 60000; // scheduled, never run during the test
    client.connectToHost(options);
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.size(), 1, Timeout);
    QCOMPARE(errors.size(), 2); // both tried before the back-off
    QCOMPARE(client.state(), Client::State::WaitingToReconnect);
    client.abortConnection();
}

void TestEngineFailover::lostConnectionMovesOn()
{
    FakeBroker first;
    QVERIFY(first.listen());
    FakeBroker second;
    QVERIFY(second.listen());
    ConnectionOptions options = optionsFor({addressOf(first), addressOf(second)});
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 60000; // a back-off would fail the test
    Client client;
    QVERIFY(connectTo(client, options));
    QCOMPARE(client.currentServerIndex(), 0);

    QSignalSpy servers(&client, &Client::serverChanged);
    QSignalSpy connected(&client, &Client::connected);
    QSignalSpy scheduled(&client, &Client::reconnectScheduled);
    QSignalSpy states(&client, &Client::stateChanged);
    // The status of the new broker is told once the loss is.
    connect(&client, &Client::serverChanged, this,
            [&client] { QCOMPARE(client.state(), Client::State::WaitingToReconnect); });
    first.dropConnection();
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, Timeout);
    // A lost connection is restored: observers see the outage as with one broker.
    QCOMPARE(states.at(0).at(0).value<Client::State>(), Client::State::WaitingToReconnect);
    QCOMPARE(states.at(1).at(0).value<Client::State>(), Client::State::Connecting);
    QCOMPARE(second.connectionCount(), 1);
    QCOMPARE(client.currentServerIndex(), 1);
    // The second lost: on round to the first again, still without a back-off.
    second.dropConnection();
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, Timeout);
    QCOMPARE(first.connectionCount(), 2);
    QCOMPARE(indexes(servers), (QList<int>{1, 0}));
    QCOMPARE(scheduled.size(), 0);
}

void TestEngineFailover::lostWithoutReconnectStays()
{
    FakeBroker first;
    QVERIFY(first.listen());
    FakeBroker second;
    QVERIFY(second.listen());
    Client client;
    QVERIFY(connectTo(client, optionsFor({addressOf(first), addressOf(second)})));
    QSignalSpy disconnected(&client, &Client::disconnected);
    first.dropConnection();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(second.connectionCount(), 0);
}

void TestEngineFailover::connectStartsAtHead()
{
    // The first refuses once (Server unavailable), then accepts.
    FakeBroker first;
    QVERIFY(first.listen());
    first.setConnackReturnCode(quint8(ConnectReturnCode::ServerUnavailable));
    FakeBroker second;
    QVERIFY(second.listen());
    Client client;
    QSignalSpy servers(&client, &Client::serverChanged);
    QVERIFY(connectTo(client, optionsFor({addressOf(first), addressOf(second)})));
    QCOMPARE(client.currentServerIndex(), 1);

    first.setConnackReturnCode(0);
    client.disconnectFromHost();
    QVERIFY(waitForState(client, Client::State::Disconnected));
    QVERIFY(connectTo(client, client.options()));
    QCOMPARE(client.currentServerIndex(), 0);
    QCOMPARE(first.count(T::Connect), 2);
    QCOMPARE(second.count(T::Connect), 1);
    QCOMPARE(indexes(servers), (QList<int>{0, 1, 0}));
}

void TestEngineFailover::connackRedirect_data()
{
    QTest::addColumn<ReasonCode>("reasonCode");
    QTest::addColumn<bool>("follow");
    QTest::newRow("use another server, followed") << ReasonCode::UseAnotherServer << true;
    QTest::newRow("use another server, not followed") << ReasonCode::UseAnotherServer << false;
    QTest::newRow("server moved, followed") << ReasonCode::ServerMoved << true;
    QTest::newRow("server moved, not followed") << ReasonCode::ServerMoved << false;
}

void TestEngineFailover::connackRedirect()
{
    QFETCH(ReasonCode, reasonCode);
    QFETCH(bool, follow);
    FakeBroker referenced;
    QVERIFY(referenced.listen());
    FakeBroker redirecting;
    QVERIFY(redirecting.listen());
    // A reference that cannot be read is skipped; the readable one is used.
    const QString reference = QStringLiteral("[::1 ") + referenceTo(referenced);
    redirectOnConnect(redirecting, reasonCode, reference);
    FakeBroker next;
    QVERIFY(next.listen());

    ConnectionOptions options = optionsFor({addressOf(redirecting), addressOf(next)});
    options.version = ProtocolVersion::V5;
    options.followServerReference = follow;
    Client client;
    QSignalSpy redirected(&client, &Client::serverRedirected);
    QSignalSpy errors(&client, &Client::errorOccurred);
    QVERIFY(connectTo(client, options));
    QCOMPARE(redirected.size(), 1);
    QCOMPARE(redirected.at(0).at(0).toString(), reference);
    QCOMPARE(redirected.at(0).at(1).value<ReasonCode>(), reasonCode);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.at(0).at(0).value<Error>().text.contains(referenceTo(referenced)),
             qPrintable(errors.at(0).at(0).value<Error>().text));
    // Followed: the referenced broker, outside the list; otherwise the list's next one.
    QCOMPARE(referenced.connectionCount(), follow ? 1 : 0);
    QCOMPARE(next.connectionCount(), follow ? 0 : 1);
    QCOMPARE(client.currentServerIndex(), follow ? -1 : 1);
    QCOMPARE(client.currentServer().port, follow ? referenced.port() : next.port());
}

void TestEngineFailover::disconnectRedirect_data()
{
    connackRedirect_data();
}

void TestEngineFailover::disconnectRedirect()
{
    QFETCH(ReasonCode, reasonCode);
    QFETCH(bool, follow);
    FakeBroker referenced;
    QVERIFY(referenced.listen());
    FakeBroker first;
    QVERIFY(first.listen());
    ConnectionOptions options = optionsFor({addressOf(first)});
    options.version = ProtocolVersion::V5;
    options.followServerReference = follow;
    Client client;
    QVERIFY(connectTo(client, options));

    QSignalSpy redirected(&client, &Client::serverRedirected);
    QSignalSpy servers(&client, &Client::serverChanged);
    QSignalSpy disconnected(&client, &Client::disconnected);
    DisconnectPacket packet;
    packet.reasonCode = reasonCode;
    packet.properties.setString(PropertyId::ServerReference, referenceTo(referenced));
    first.sendBytes(encode(packet, ProtocolVersion::V5));
    QTRY_COMPARE_WITH_TIMEOUT(redirected.size(), 1, Timeout);
    QCOMPARE(redirected.at(0).at(0).toString(), referenceTo(referenced));
    QCOMPARE(redirected.at(0).at(1).value<ReasonCode>(), reasonCode);
    if (follow) {
        // Followed without automatic reconnect: the broker said where to go.
        QVERIFY(waitForState(client, Client::State::Connected));
        QCOMPARE(referenced.connectionCount(), 1);
        QCOMPARE(indexes(servers), QList<int>{-1});
        QCOMPARE(client.currentServer().port, referenced.port());
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
        QCOMPARE(referenced.connectionCount(), 0);
        QCOMPARE(servers.size(), 0);
    }
}

void TestEngineFailover::redirectLoopIsBounded()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    redirectOnConnect(broker, ReasonCode::UseAnotherServer, referenceTo(broker));
    ConnectionOptions options = optionsFor({addressOf(broker)});
    options.version = ProtocolVersion::V5;
    options.followServerReference = true;
    Client client;
    QSignalSpy disconnected(&client, &Client::disconnected);
    client.connectToHost(options);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QCOMPARE(broker.count(T::Connect), 9); // the first attempt and eight redirects
}

void TestEngineFailover::serverReference_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QStringList>("urls");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("host") << u"other.example"_qs << QStringList{u"ws://other.example:8080/mqtt"_qs};
    QTest::newRow("host and port")
            << u"other.example:9001"_qs << QStringList{u"ws://other.example:9001/mqtt"_qs};
    QTest::newRow("several, spaces")
            << u"  a.example  10.0.0.2:1884 "_qs
            << QStringList{u"ws://a.example:8080/mqtt"_qs, u"ws://10.0.0.2:1884/mqtt"_qs};
    QTest::newRow("IPv6 with port")
            << u"[fe80::1]:1885"_qs << QStringList{u"ws://[fe80::1]:1885/mqtt"_qs};
    QTest::newRow("IPv6 without port")
            << u"[fe80::1]"_qs << QStringList{u"ws://[fe80::1]:8080/mqtt"_qs};
    QTest::newRow("bad entries skipped")
            << u"[fe80::1 x:0 y:70000 z:port :1 ok"_qs << QStringList{u"ws://ok:8080/mqtt"_qs};
}

void TestEngineFailover::serverReference()
{
    QFETCH(QString, reference);
    QFETCH(QStringList, urls);
    const BrokerAddress current{TransportKind::WebSocket, u"current.example"_qs, 8080, u"/mqtt"_qs};
    QStringList result;
    for (const BrokerAddress &address : parseServerReference(reference, current))
        result.append(address.toUrl());
    QCOMPARE(result, urls);
}

void TestEngineFailover::brokerAddressUrls()
{
    const QStringList urls{u"mqtt://a.example:1883"_qs, u"mqtts://b.example:8883"_qs,
                           u"ws://c.example:80/mqtt"_qs, u"wss://d.example:443/path?x=1"_qs,
                           u"mqtt://[::1]:1883"_qs};
    for (const QString &url : urls) {
        BrokerAddress address;
        QString error;
        QVERIFY2(parseBrokerAddress(url, &address, &error), qPrintable(error));
        QCOMPARE(address.toUrl(), url);
    }
    BrokerAddress untouched;
    QString error;
    QVERIFY(!parseBrokerAddress(u"http://x"_qs, &untouched, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(untouched, BrokerAddress());

    // The first address is the options' own host and port; the rest follow it.
    ConnectionOptions options;
    const QList<BrokerAddress> servers{{TransportKind::Tls, u"one"_qs, 8883, u"/mqtt"_qs},
                                       {TransportKind::Tcp, u"two"_qs, 1884, u"/mqtt"_qs}};
    options.setServers(servers);
    QCOMPARE(options.host, u"one"_qs);
    QCOMPARE(options.port, quint16(8883));
    QCOMPARE(options.transport, TransportKind::Tls);
    QCOMPARE(options.servers(), servers);
}

QTEST_GUILESS_MAIN(TestEngineFailover)
#include "tst_engine_failover.moc"
