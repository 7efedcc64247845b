// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QRegularExpression>
#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// MQTT 5.0: what the client sends in CONNECT, and how it obeys the limits of the CONNACK.
class TestEngineV5Connack : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void connectPropertiesSent();
    void assignedClientIdentifier();
    void assignedClientIdentifierKeepsOurs();
    void connackInformationExposed();
    void maximumQos_data();
    void maximumQos();
    void queuedMessageAboveMaximumQosRefused();
    void retainUnavailable();
    void maximumPacketSizeBoundary();
    void sessionPresentWithoutAsking();
    void incomingPacketAboveOurMaximum();
    void invalidConnackValues_data();
    void invalidConnackValues();
    void invalidOwnLimits_data();
    void invalidOwnLimits();
    void disconnectNamesServerReference();
    void refusalReasonCodes_data();
    void refusalReasonCodes();

private:
    static void answerConnack(FakeBroker &broker, const Properties &properties);
    static ConnectionOptions v5Options(const FakeBroker &broker);
    // Publishes a QoS 0 marker and waits for it: what was refused before it was never sent.
    static bool sendMarker(Client &client, FakeBroker &broker);
};

void TestEngineV5Connack::answerConnack(FakeBroker &broker, const Properties &properties)
{
    broker.setHandler(T::Connect, [&broker, properties](const FakeBroker::Packet &) {
        broker.sendBytes(encode(ConnackPacket{false, 0, properties}, ProtocolVersion::V5));
    });
}

ConnectionOptions TestEngineV5Connack::v5Options(const FakeBroker &broker)
{
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    return options;
}

bool TestEngineV5Connack::sendMarker(Client &client, FakeBroker &broker)
{
    if (client.publish(message(u"marker"_qs, "m", QoS::AtMostOnce)) == 0)
        return false;
    return QTest::qWaitFor(
            [&] {
                const auto publishes = broker.packets(T::Publish);
                return !publishes.isEmpty() && publishes.last().publish.topic == u"marker"_qs;
            },
            Timeout);
}

void TestEngineV5Connack::connectPropertiesSent()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.connectProperties.setInteger(PropertyId::SessionExpiryInterval, 300);
    options.connectProperties.setInteger(PropertyId::ReceiveMaximum, 5);
    options.connectProperties.setInteger(PropertyId::MaximumPacketSize, 4096);
    options.connectProperties.setInteger(PropertyId::TopicAliasMaximum, 4);
    options.connectProperties.setInteger(PropertyId::RequestResponseInformation, 1);
    options.connectProperties.setInteger(PropertyId::RequestProblemInformation, 0);
    options.connectProperties.addUserProperty(u"site"_qs, u"lab"_qs);
    Will will;
    will.topic = u"status/engine"_qs;
    will.payload = "gone";
    will.properties.setInteger(PropertyId::WillDelayInterval, 30);
    will.properties.setInteger(PropertyId::PayloadFormatIndicator, 1);
    will.properties.setInteger(PropertyId::MessageExpiryInterval, 600);
    will.properties.setString(PropertyId::ContentType, u"text/plain"_qs);
    will.properties.addUserProperty(u"why"_qs, u"lost"_qs);
    options.will = will;
    QVERIFY(connectTo(client, options));
    QCOMPARE(broker.decodeErrors(), QStringList());
    const ConnectPacket sent = broker.packets(T::Connect).first().connect;
    QCOMPARE(sent.version, ProtocolVersion::V5);
    QCOMPARE(sent.properties, options.connectProperties);
    QVERIFY(sent.will);
    QCOMPARE(sent.will->properties, will.properties);
    QCOMPARE(sent.will->topic, will.topic);
}

void TestEngineV5Connack::assignedClientIdentifier()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setString(PropertyId::AssignedClientIdentifier, u"broker-named-7"_qs);
    answerConnack(broker, properties);
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.clientId.clear();
    options.clientIdPolicy = ClientIdPolicy::SendAsGiven;
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 10;
    QVERIFY(connectTo(client, options));
    QCOMPARE(broker.packets(T::Connect).first().connect.clientId, QString());
    QCOMPARE(client.clientId(), u"broker-named-7"_qs);
    // A reconnect presents the assigned name, so the broker finds the same session.
    broker.dropConnection();
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Connect), 2, Timeout);
    QCOMPARE(broker.packets(T::Connect).at(1).connect.clientId, u"broker-named-7"_qs);
    QVERIFY(waitForState(client, Client::State::Connected));
}

// 3.2.2.3.7 defines the Assigned Client Identifier for an empty id only: when we sent ours,
// it stays, and a reconnect finds the user's persistent session under it.
void TestEngineV5Connack::assignedClientIdentifierKeepsOurs()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setString(PropertyId::AssignedClientIdentifier, u"broker-named-8"_qs);
    answerConnack(broker, properties);
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.clientId = u"mine"_qs;
    options.cleanSession = false;
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 10;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"assigned the client id"_qs));
    QVERIFY(connectTo(client, options));
    QCOMPARE(client.clientId(), u"mine"_qs);
    QCOMPARE(client.serverLimits().assignedClientIdentifier(), u"broker-named-8"_qs);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"connection closed"_qs));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"assigned the client id"_qs));
    broker.dropConnection();
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Connect), 2, Timeout);
    QCOMPARE(broker.packets(T::Connect).at(1).connect.clientId, u"mine"_qs);
    QVERIFY(waitForState(client, Client::State::Connected));
}

void TestEngineV5Connack::connackInformationExposed()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setString(PropertyId::ReasonString, u"welcome"_qs);
    properties.setString(PropertyId::ServerReference, u"other.example:1883"_qs);
    properties.setString(PropertyId::ResponseInformation, u"replies/engine"_qs);
    properties.addUserProperty(u"region"_qs, u"eu"_qs);
    answerConnack(broker, properties);
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.connectProperties.setInteger(PropertyId::RequestResponseInformation, 1);
    QVERIFY(connectTo(client, options));
    QCOMPARE(client.connackReasonString(), u"welcome"_qs);
    QCOMPARE(client.serverReference(), u"other.example:1883"_qs);
    QCOMPARE(client.responseInformation(), u"replies/engine"_qs);
    QCOMPARE(client.connackProperties().userProperties(),
             (QList<QPair<QString, QString>>{{u"region"_qs, u"eu"_qs}}));
}

void TestEngineV5Connack::maximumQos_data()
{
    QTest::addColumn<int>("maximum");
    QTest::newRow("maximum QoS 0") << 0;
    QTest::newRow("maximum QoS 1") << 1;
}

void TestEngineV5Connack::maximumQos()
{
    QFETCH(int, maximum);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::MaximumQoS, quint32(maximum));
    answerConnack(broker, properties);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    // [MQTT-3.2.2-11]: above the maximum: refused with a reason, nothing sent.
    for (int qos = maximum + 1; qos <= 2; ++qos) {
        Error error;
        QCOMPARE(client.publish(message(u"q"_qs, "x", QoS(qos)), &error), quint64(0));
        QCOMPARE(error.code, ErrorCode::InvalidArgument);
        QCOMPARE(error.reasonCode, quint8(ReasonCode::QoSNotSupported));
        QVERIFY2(error.text.contains(QString::number(maximum)), qPrintable(error.text));
    }
    // At the maximum: sent as asked, not downgraded.
    Error error;
    QVERIFY(client.publish(message(u"q"_qs, "ok", QoS(maximum)), &error) != 0);
    QVERIFY(!error);
    QVERIFY(sendMarker(client, broker));
    const auto publishes = broker.packets(T::Publish);
    QCOMPARE(publishes.size(), 2);
    QCOMPARE(publishes.first().publish.payload, QByteArray("ok"));
    QCOMPARE(publishes.first().publish.qos, QoS(maximum));
}

void TestEngineV5Connack::queuedMessageAboveMaximumQosRefused()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::MaximumQoS, 1);
    answerConnack(broker, properties);
    Client client;
    QSignalSpy refused(&client, &Client::messageRefused);
    QSignalSpy published(&client, &Client::messagePublished);
    // Queued before any CONNACK: checked when the connection's limits are known.
    const quint64 high = client.publish(message(u"q"_qs, "two", QoS::ExactlyOnce));
    const quint64 fine = client.publish(message(u"q"_qs, "one", QoS::AtLeastOnce));
    QVERIFY(high != 0 && fine != 0);
    QVERIFY(connectTo(client, v5Options(broker)));
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 1, Timeout);
    QCOMPARE(published.at(0).at(0).toULongLong(), fine);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(0).toULongLong(), high);
    QCOMPARE(refused.at(0).at(1).value<Error>().reasonCode, quint8(ReasonCode::QoSNotSupported));
    QCOMPARE(broker.count(T::Publish), 1);
    QCOMPARE(broker.packets(T::Publish).first().publish.payload, QByteArray("one"));
}

void TestEngineV5Connack::retainUnavailable()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::RetainAvailable, 0);
    answerConnack(broker, properties);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    Message retained = message(u"r"_qs, "keep", QoS::AtLeastOnce);
    retained.retain = true;
    Error error;
    // [MQTT-3.2.2-14]
    QCOMPARE(client.publish(retained, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::InvalidArgument);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::RetainNotSupported));
    QVERIFY(client.publish(message(u"r"_qs, "plain", QoS::AtLeastOnce), &error) != 0);
    QVERIFY(sendMarker(client, broker));
    const auto publishes = broker.packets(T::Publish);
    QCOMPARE(publishes.size(), 2);
    QCOMPARE(publishes.first().publish.payload, QByteArray("plain"));
    QVERIFY(!publishes.first().publish.retain);
}

void TestEngineV5Connack::maximumPacketSizeBoundary()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId::MaximumPacketSize, 64);
    answerConnack(broker, properties);
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    // Topic "t", QoS 0, no properties: 2 header bytes + 2 + 1 topic + 1 property length.
    const QByteArray fits(64 - 6, 'a');
    const QByteArray tooLarge(64 - 6 + 1, 'b');
    Error error;
    // [MQTT-3.1.2-24]: refused before sending.
    QCOMPARE(client.publish(message(u"t"_qs, tooLarge, QoS::AtMostOnce), &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::PacketTooLarge);
    QCOMPARE(error.reasonCode, quint8(ReasonCode::PacketTooLarge));
    QVERIFY2(error.text.contains(u"65"_qs) && error.text.contains(u"64"_qs), qPrintable(error.text));
    Message withQos = message(u"t"_qs, fits, QoS::AtLeastOnce); // 2 more for the packet id
    QCOMPARE(client.publish(withQos, &error), quint64(0));
    QCOMPARE(error.code, ErrorCode::PacketTooLarge);
    QVERIFY(client.publish(message(u"t"_qs, fits, QoS::AtMostOnce), &error) != 0);
    QVERIFY(sendMarker(client, broker));
    const auto publishes = broker.packets(T::Publish);
    QCOMPARE(publishes.size(), 2);
    QCOMPARE(publishes.first().frame.size(), 64);
    QCOMPARE(publishes.first().publish.payload, fits);
    QCOMPARE(client.state(), Client::State::Connected);
}

void TestEngineV5Connack::sessionPresentWithoutAsking()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setSessionPresent(true);
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy connected(&client, &Client::connected);
    ConnectionOptions options = v5Options(broker);
    options.cleanSession = true; // Clean Start: no session may be present [MQTT-3.2.2-4]
    client.connectToHost(options);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::ProtocolError);
    QCOMPARE(connected.size(), 0);
    QVERIFY(waitForState(client, Client::State::Disconnected));
}

void TestEngineV5Connack::incomingPacketAboveOurMaximum()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = v5Options(broker);
    options.connectProperties.setInteger(PropertyId::MaximumPacketSize, 50);
    QVERIFY(connectTo(client, options));
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy received(&client, &Client::messageReceived);
    broker.sendPublish(u"t"_qs, QByteArray(40, 'x'), QoS::AtMostOnce, 0); // 46 bytes: fits
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, Timeout);
    broker.sendPublish(u"t"_qs, QByteArray(60, 'x'), QoS::AtMostOnce, 0); // over what we announced
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::PacketTooLarge);
    QCOMPARE(received.size(), 1);
    // 5.0 says why before closing [MQTT-4.13.1-1].
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Disconnect), 1, Timeout);
    QCOMPARE(broker.packets(T::Disconnect).first().frame, QByteArray::fromHex("e00195"));
}

// The codec refuses these values (3.2.2.3); the client must end the connection for them.
void TestEngineV5Connack::invalidConnackValues_data()
{
    QTest::addColumn<int>("property");
    QTest::addColumn<quint32>("value");
    QTest::addColumn<bool>("valid");
    const auto row = [](const char *name, PropertyId id, quint32 value, bool valid) {
        QTest::newRow(name) << int(id) << value << valid;
    };
    row("Receive Maximum 0", PropertyId::ReceiveMaximum, 0, false);
    row("Receive Maximum 1", PropertyId::ReceiveMaximum, 1, true);
    row("Maximum Packet Size 0", PropertyId::MaximumPacketSize, 0, false);
    row("Maximum QoS 2", PropertyId::MaximumQoS, 2, false);
    row("Maximum QoS 1", PropertyId::MaximumQoS, 1, true);
    row("Retain Available 2", PropertyId::RetainAvailable, 2, false);
    row("Wildcard Subscription Available 2", PropertyId::WildcardSubscriptionAvailable, 2, false);
    row("Subscription Identifier Available 3", PropertyId::SubscriptionIdentifierAvailable, 3,
        false);
    row("Shared Subscription Available 0", PropertyId::SharedSubscriptionAvailable, 0, true);
}

void TestEngineV5Connack::invalidConnackValues()
{
    QFETCH(int, property);
    QFETCH(quint32, value);
    QFETCH(bool, valid);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Properties properties;
    properties.setInteger(PropertyId(property), value);
    answerConnack(broker, properties);
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy connected(&client, &Client::connected);
    client.connectToHost(v5Options(broker));
    if (valid) {
        QVERIFY(connected.wait(Timeout));
        QCOMPARE(errors.size(), 0);
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::ProtocolError);
    QVERIFY2(error.text.contains(u"CONNACK"_qs), qPrintable(error.text));
    QCOMPARE(connected.size(), 0);
    QVERIFY(waitForState(client, Client::State::Disconnected));
}

void TestEngineV5Connack::invalidOwnLimits_data()
{
    QTest::addColumn<int>("property");
    QTest::newRow("Receive Maximum 0") << int(PropertyId::ReceiveMaximum);
    QTest::newRow("Maximum Packet Size 0") << int(PropertyId::MaximumPacketSize);
}

void TestEngineV5Connack::invalidOwnLimits()
{
    QFETCH(int, property);
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    ConnectionOptions options = v5Options(broker);
    options.connectProperties.setInteger(PropertyId(property), 0);
    client.connectToHost(options);
    QCOMPARE(errors.size(), 1); // refused at once, nothing opened
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::InvalidArgument);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(broker.connectionCount(), 0);
}

void TestEngineV5Connack::disconnectNamesServerReference()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QVERIFY(connectTo(client, v5Options(broker)));
    QSignalSpy errors(&client, &Client::errorOccurred);
    DisconnectPacket packet;
    packet.reasonCode = ReasonCode::ServerMoved;
    packet.properties.setString(PropertyId::ServerReference, u"new.example:1883"_qs);
    broker.sendBytes(encode(packet, ProtocolVersion::V5));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.reasonCode, quint8(ReasonCode::ServerMoved));
    QVERIFY2(error.text.contains(u"new.example:1883"_qs), qPrintable(error.text));
}

void TestEngineV5Connack::refusalReasonCodes_data()
{
    QTest::addColumn<quint8>("code");
    QTest::addColumn<bool>("transient"); // worth retrying with automatic reconnect
    const auto row = [](ReasonCode code, bool transient) {
        QTest::newRow(qPrintable(reasonCodeText(code))) << quint8(code) << transient;
    };
    row(ReasonCode::UnspecifiedError, false);
    row(ReasonCode::UnsupportedProtocolVersion, false);
    row(ReasonCode::ClientIdentifierNotValid, false);
    row(ReasonCode::BadUserNameOrPassword, false);
    row(ReasonCode::NotAuthorized, false);
    row(ReasonCode::ServerUnavailable, true);
    row(ReasonCode::ServerBusy, true);
    row(ReasonCode::Banned, false);
    row(ReasonCode::BadAuthenticationMethod, false);
    row(ReasonCode::QuotaExceeded, false);
    row(ReasonCode::ConnectionRateExceeded, true);
}

void TestEngineV5Connack::refusalReasonCodes()
{
    QFETCH(quint8, code);
    QFETCH(bool, transient);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Connect, [&broker, code](const FakeBroker::Packet &) {
        ConnackPacket refusal;
        refusal.returnCode = code;
        refusal.properties.setString(PropertyId::ReasonString, u"see the admin"_qs);
        broker.sendBytes(encode(refusal, ProtocolVersion::V5));
    });
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy retries(&client, &Client::reconnectScheduled);
    ConnectionOptions options = v5Options(broker);
    options.autoReconnect = true;
    options.reconnectInitialDelayMs = 60000; // scheduled, never run during the test
    client.connectToHost(options);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::ConnectionRefused);
    QCOMPARE(error.reasonCode, code);
    QVERIFY2(error.text.contains(reasonCodeText(ReasonCode(code))), qPrintable(error.text));
    QVERIFY2(error.text.contains(u"see the admin"_qs), qPrintable(error.text));
    QCOMPARE(retries.size(), transient ? 1 : 0);
    QCOMPARE(client.state(),
             transient ? Client::State::WaitingToReconnect : Client::State::Disconnected);
    client.abortConnection();
}

QTEST_GUILESS_MAIN(TestEngineV5Connack)
#include "tst_engine_v5_connack.moc"
