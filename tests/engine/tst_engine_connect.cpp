// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QSet>
#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// CONNECT on the wire (3.1 and 3.1.1) and every CONNACK refusal.
class TestEngineConnect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void connectBytes_data();
    void connectBytes();
    void connectWithCredentialsAndWill();
    void refused_data();
    void refused();
    void refusalTextsAreDistinct();
    void invalidOptions_data();
    void invalidOptions();
    void connackTimeout();
    void disconnectSendsDisconnect();
};

void TestEngineConnect::connectBytes_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("expected");
    // clean session (02), keep alive 60 (003c), client id "engine-test" (000b ...)
    QTest::newRow("MQTT 3.1: MQIsdp, level 3")
            << ProtocolVersion::V3_1
            << QByteArray::fromHex("10 19 0006 4d5149736470 03 02 003c 000b") +
                       QByteArray("engine-test");
    QTest::newRow("MQTT 3.1.1: MQTT, level 4")
            << ProtocolVersion::V3_1_1
            << QByteArray::fromHex("10 17 0004 4d515454 04 02 003c 000b") +
                       QByteArray("engine-test");
    QTest::newRow("MQTT 5.0: MQTT, level 5, empty properties")
            << ProtocolVersion::V5
            << QByteArray::fromHex("10 18 0004 4d515454 05 02 003c 00 000b") +
                       QByteArray("engine-test");
}

void TestEngineConnect::connectBytes()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, expected);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.version = version;
    QSignalSpy connected(&client, &Client::connected);
    QVERIFY(connectTo(client, options));
    QCOMPARE(connected.size(), 1);
    QCOMPARE(connected.at(0).at(0).toBool(), false);
    QCOMPARE(broker.types(), (QList<T>{T::Connect}));
    QCOMPARE(broker.packets().first().frame.toHex(' '), expected.toHex(' '));
    QCOMPARE(broker.version(), version);
    QVERIFY(broker.decodeErrors().isEmpty());
}

void TestEngineConnect::connectWithCredentialsAndWill()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.clientId.clear(); // generated
    options.userName = u"alice"_qs;
    options.password = QByteArray("s3cret");
    options.keepAlive = 300;
    options.cleanSession = false;
    options.will = Will{u"status/alice"_qs, "offline", QoS::AtLeastOnce, true, {}};
    QVERIFY(connectTo(client, options));
    const ConnectPacket sent = broker.packets(T::Connect).first().connect;
    QVERIFY(client.clientId().startsWith(u"switchboard-"_qs));
    QVERIFY(client.clientId().size() <= 23); // MQTT 3.1's limit
    QCOMPARE(sent.clientId, client.clientId());
    QCOMPARE(sent.userName, std::optional<QString>(u"alice"_qs));
    QCOMPARE(sent.password, std::optional<QByteArray>("s3cret"));
    QCOMPARE(sent.keepAlive, quint16(300));
    QVERIFY(!sent.cleanSession);
    QVERIFY(sent.will == options.will);
}

void TestEngineConnect::refused_data()
{
    QTest::addColumn<int>("code");
    QTest::newRow("1 unacceptable protocol version") << 1;
    QTest::newRow("2 identifier rejected") << 2;
    QTest::newRow("3 server unavailable") << 3;
    QTest::newRow("4 bad user name or password") << 4;
    QTest::newRow("5 not authorized") << 5;
}

void TestEngineConnect::refused()
{
    QFETCH(int, code);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setConnackReturnCode(quint8(code));
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy disconnected(&client, &Client::disconnected);
    QSignalSpy connected(&client, &Client::connected);
    client.connectToHost(optionsFor(broker));
    QTRY_COMPARE(errors.size(), 1);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::ConnectionRefused);
    QCOMPARE(error.reasonCode, quint8(code));
    QCOMPARE(error.text, connectReturnCodeText(ConnectReturnCode(code)));
    QVERIFY(error.text.contains(u"refused"_qs));
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(connected.size(), 0);
    QCOMPARE(client.lastError().code, ErrorCode::ConnectionRefused);
    QTRY_VERIFY(!broker.isClientConnected());
    QCOMPARE(errors.size(), 1);
}

void TestEngineConnect::refusalTextsAreDistinct()
{
    QSet<QString> texts;
    for (int code = 1; code <= 5; ++code)
        texts.insert(connectReturnCodeText(ConnectReturnCode(code)));
    QCOMPARE(texts.size(), 5);
    QVERIFY(!texts.contains(connectReturnCodeText(ConnectReturnCode::Accepted)));
}

void TestEngineConnect::invalidOptions_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("password without user name [MQTT-3.1.2-22]") << 0 << ErrorCode::InvalidArgument;
    QTest::newRow("wildcard in will topic") << 1 << ErrorCode::InvalidTopic;
    QTest::newRow("empty client id without clean session [MQTT-3.1.3-7]")
            << 2 << ErrorCode::InvalidArgument;
    QTest::newRow("null in user name") << 3 << ErrorCode::InvalidString;
    QTest::newRow("port 0") << 4 << ErrorCode::InvalidArgument;
}

void TestEngineConnect::invalidOptions()
{
    QFETCH(int, which);
    QFETCH(ErrorCode, code);
    FakeBroker broker;
    QVERIFY(broker.listen());
    ConnectionOptions options = optionsFor(broker);
    switch (which) {
    case 0:
        options.password = QByteArray("pw");
        break;
    case 1:
        options.will = Will{u"status/#"_qs, "x", QoS::AtMostOnce, false, {}};
        break;
    case 2:
        options.clientId.clear();
        options.clientIdPolicy = ClientIdPolicy::SendAsGiven;
        options.cleanSession = false;
        break;
    case 3:
        options.userName = QString::fromUtf16(u"a\0b", 3);
        break;
    case 4:
        options.port = 0;
        break;
    }
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy states(&client, &Client::stateChanged);
    client.connectToHost(options);
    QCOMPARE(errors.size(), 1); // refused at once, synchronously
    QCOMPARE(errors.at(0).at(0).value<Error>().code, code);
    QVERIFY(!errors.at(0).at(0).value<Error>().text.isEmpty());
    QCOMPARE(states.size(), 0);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(broker.connectionCount(), 0);
}

void TestEngineConnect::connackTimeout()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Connect);
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.connectTimeoutMs = 1500;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(options);
    QTRY_COMPARE(broker.count(T::Connect), 1);
    QCOMPARE(errors.size(), 0);
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::ConnectTimeout);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QTRY_VERIFY(!broker.isClientConnected());
}

void TestEngineConnect::disconnectSendsDisconnect()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, optionsFor(broker)));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy disconnected(&client, &Client::disconnected);
    client.disconnectFromHost();
    QTRY_COMPARE(disconnected.size(), 1);
    QTRY_COMPARE(broker.types(), (QList<T>{T::Connect, T::Disconnect}));
    QCOMPARE(broker.packets(T::Disconnect).first().frame, QByteArray::fromHex("e000"));
    QTRY_VERIFY(!broker.isClientConnected());
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(errors.size(), 0);
    QCOMPARE(disconnected.size(), 1);

    // abortConnection() closes without DISCONNECT and without an error.
    QVERIFY(connectTo(client, optionsFor(broker)));
    client.abortConnection();
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(disconnected.size(), 2);
    QTRY_VERIFY(!broker.isClientConnected());
    QCOMPARE(broker.count(T::Disconnect), 1);
    QCOMPARE(errors.size(), 0);
}

QTEST_GUILESS_MAIN(TestEngineConnect)
#include "tst_engine_connect.moc"
