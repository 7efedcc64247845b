// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

Q_DECLARE_METATYPE(Mqtt::ErrorCode)

// A broker that misbehaves: every bad packet closes the connection with one readable reason,
// never a crash, and the client can connect again afterwards.
class TestEngineMalformed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void badPacket_data();
    void badPacket();
    void subackCountMismatch();
    void garbageAtEveryLength();
};

enum class When { InsteadOfConnack, AfterConnack };
Q_DECLARE_METATYPE(When)

void TestEngineMalformed::badPacket_data()
{
    QTest::addColumn<When>("when");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ErrorCode>("code");
    const auto after = When::AfterConnack;
    const auto instead = When::InsteadOfConnack;
    auto hex = [](const char *text) { return QByteArray::fromHex(text); };

    QTest::newRow("Remaining Length of 5 bytes")
            << after << hex("30 ffffffff01") << ErrorCode::MalformedPacket;
    QTest::newRow("overlong Remaining Length [MQTT-1.5.5-1]")
            << after << hex("d0 8000") << ErrorCode::MalformedPacket;
    QTest::newRow("PUBACK with flags 0010")
            << after << hex("42 02 0001") << ErrorCode::MalformedPacket;
    QTest::newRow("PINGRESP with flags 0001")
            << after << hex("d1 00") << ErrorCode::MalformedPacket;
    QTest::newRow("PUBREL with flags 0000")
            << after << hex("60 02 0001") << ErrorCode::MalformedPacket;
    QTest::newRow("PUBLISH QoS 3")
            << after << hex("36 07 0001 74 0001 6869") << ErrorCode::MalformedPacket;
    QTest::newRow("PUBLISH DUP on QoS 0")
            << after << hex("38 03 0001 74") << ErrorCode::MalformedPacket;
    QTest::newRow("PUBLISH packet id 0")
            << after << hex("32 05 0001 74 0000") << ErrorCode::ProtocolError;
    QTest::newRow("PUBLISH topic with wildcard")
            << after << hex("30 05 0003 612f23") << ErrorCode::ProtocolError;
    QTest::newRow("PUBLISH topic with null")
            << after << hex("30 05 0003 610062") << ErrorCode::MalformedPacket;
    QTest::newRow("PUBLISH topic longer than the packet")
            << after << hex("30 04 00ff 6162") << ErrorCode::MalformedPacket;
    QTest::newRow("SUBACK reserved code 0x03")
            << after << hex("90 03 0001 03") << ErrorCode::MalformedPacket;
    QTest::newRow("garbage: reserved type 0") << after << hex("00 00") << ErrorCode::ProtocolError;
    QTest::newRow("garbage: all ones")
            << after << hex("ffffffffffff") << ErrorCode::MalformedPacket;
    QTest::newRow("CONNECT from the broker") << after << hex("10 00") << ErrorCode::ProtocolError;
    QTest::newRow("SUBSCRIBE from the broker")
            << after << hex("82 06 0001 0001 61 00") << ErrorCode::ProtocolError;
    QTest::newRow("PINGREQ from the broker") << after << hex("c0 00") << ErrorCode::ProtocolError;
    QTest::newRow("second CONNACK") << after << hex("20 02 00 00") << ErrorCode::ProtocolError;
    QTest::newRow("DISCONNECT in 3.1.1") << after << hex("e0 00") << ErrorCode::ProtocolError;
    QTest::newRow("AUTH in 3.1.1") << after << hex("f0 00") << ErrorCode::ProtocolError;
    QTest::newRow("oversized: header announces 1 MB")
            << after << hex("30 80 80 40") << ErrorCode::PacketTooLarge;
    QTest::newRow("PUBLISH before CONNACK [MQTT-3.2.0-1]")
            << instead << hex("30 05 0001 74 6869") << ErrorCode::ProtocolError;
    QTest::newRow("PINGRESP before CONNACK") << instead << hex("d0 00") << ErrorCode::ProtocolError;
    QTest::newRow("CONNACK with trailing byte")
            << instead << hex("20 03 00 00 00") << ErrorCode::MalformedPacket;
    QTest::newRow("CONNACK with reserved flags [MQTT-3.2.2-1]")
            << instead << hex("20 02 02 00") << ErrorCode::MalformedPacket;
    QTest::newRow("CONNACK session present on a clean session [MQTT-3.2.2-4]")
            << instead << hex("20 02 01 00") << ErrorCode::ProtocolError;
    QTest::newRow("CONNACK truncated") << instead << hex("20 01 00") << ErrorCode::MalformedPacket;
    QTest::newRow("oversized before CONNACK")
            << instead << hex("20 ffffff7f") << ErrorCode::PacketTooLarge;
}

void TestEngineMalformed::badPacket()
{
    QFETCH(When, when);
    QFETCH(QByteArray, bytes);
    QFETCH(ErrorCode, code);
    FakeBroker broker;
    QVERIFY(broker.listen());
    if (when == When::InsteadOfConnack)
        broker.setHandler(T::Connect, [&](const FakeBroker::Packet &) { broker.sendBytes(bytes); });
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.maximumIncomingPacketSize = 64 * 1024;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy disconnected(&client, &Client::disconnected);
    QSignalSpy received(&client, &Client::messageReceived);
    if (when == When::AfterConnack) {
        QVERIFY(connectTo(client, options));
        broker.sendBytes(bytes);
    } else {
        client.connectToHost(options);
    }
    QTRY_COMPARE(errors.size(), 1);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, code);
    QVERIFY(!error.text.isEmpty());
    qDebug().noquote() << "reason:" << error.text;
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(received.size(), 0);
    QTRY_VERIFY(!broker.isClientConnected());
    QCOMPARE(errors.size(), 1); // one reason, no echo from the socket closing

    // The client is intact: it connects again to a broker that behaves.
    broker.restoreDefaultHandler(T::Connect);
    QVERIFY(connectTo(client, options));
    QVERIFY(broker.decodeErrors().isEmpty());
}

void TestEngineMalformed::subackCountMismatch()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Subscribe, [&](const FakeBroker::Packet &packet) {
        broker.sendBytes(encode(SubackPacket{packet.packetId, {0}, {}}, ProtocolVersion::V3_1_1));
    });
    Client client;
    QVERIFY(connectTo(client, optionsFor(broker)));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy acknowledged(&client, &Client::subscriptionAcknowledged);
    client.subscribe({{u"a"_qs, QoS::AtMostOnce, false, false, {}},
                      {u"b"_qs, QoS::AtMostOnce, false, false, {}}});
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::ProtocolError);
    QCOMPARE(acknowledged.size(), 0);
    QCOMPARE(client.state(), Client::State::Disconnected);
}

void TestEngineMalformed::garbageAtEveryLength()
{
    // Bytes that are never a valid first packet, cut at every length: each either waits for
    // more or fails cleanly; none is taken for a CONNACK.
    const QByteArray garbage = QByteArray::fromHex("3f 05 ff00 41 42 43 e3 ff ff 00 11");
    for (qsizetype size = 1; size <= garbage.size(); ++size) {
        FakeBroker broker;
        QVERIFY(broker.listen());
        const QByteArray bytes = garbage.first(size);
        broker.setHandler(T::Connect, [&](const FakeBroker::Packet &) {
            broker.sendBytes(bytes);
            broker.dropConnection(); // then the stream ends
        });
        Client client;
        QSignalSpy errors(&client, &Client::errorOccurred);
        QSignalSpy connected(&client, &Client::connected);
        client.connectToHost(optionsFor(broker));
        QTRY_COMPARE(errors.size(), 1);
        QVERIFY(waitForState(client, Client::State::Disconnected));
        QCOMPARE(connected.size(), 0);
        QVERIFY(!errors.at(0).at(0).value<Error>().text.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestEngineMalformed)
#include "tst_engine_malformed.moc"
