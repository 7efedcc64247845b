// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"
#include "packetlogmodel.h"

#include <QSignalSpy>

#include <memory>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

namespace {

// A made-up two-step method: CONNECT carries "hello", the broker challenges, we answer.
class TwoStepAuthenticator : public Authenticator
{
public:
    QString method() const override { return QStringLiteral("TWO-STEP"); }
    AuthenticationStep start() override { return {"hello", {}}; }
    AuthenticationStep respond(const QByteArray &challenge) override
    {
        return {"answer to " + challenge, {}};
    }
    AuthenticationStep finish(const QByteArray &) override { return {}; }
};

QByteArray authFrame(ReasonCode reason, const QByteArray &data)
{
    AuthPacket packet;
    packet.reasonCode = reason;
    packet.properties.setString(PropertyId::AuthenticationMethod, QStringLiteral("TWO-STEP"));
    packet.properties.setBinary(PropertyId::AuthenticationData, data);
    return encode(packet);
}

// The rows of a packet log as "send PUBLISH" / "recv PUBACK", for comparisons.
QStringList rowsOf(const PacketLogModel &log)
{
    QStringList rows;
    for (int row = 0; row < log.rowCount(); ++row) {
        const PacketTrace &trace = log.traceAt(row);
        rows << QStringLiteral("%1 %2").arg(trace.direction == PacketDirection::Sent ? u"send"_qs
                                                                                     : u"recv"_qs,
                                            packetTypeName(trace.type));
    }
    return rows;
}

} // namespace

// The packet inspector's pairing (PacketLogModel over Client::packetTraced) against the
// scripted broker: answers pair with their requests with a latency, a missing answer is marked
// after the timeout, a DUP resend is linked to its first send, an AUTH exchange is paired.
class TestEnginePacketTrace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tracingOffReportsNothing();
    void qos2WithoutPubcompIsUnanswered();
    void dupResendLinksToFirstSend();
    void authExchangeIsPaired();
    void pingIsPaired();

private:
    // A client whose packets go into log, with a short timeout so that tests need not wait.
    static void attach(Client *client, PacketLogModel *log)
    {
        client->setPacketTracing(PacketTracing::On);
        log->setTimeoutMs(300);
        log->setFlushInterval(0);
        QObject::connect(client, &Client::packetTraced, log, &PacketLogModel::append);
    }
};

void TestEnginePacketTrace::tracingOffReportsNothing()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    QSignalSpy traced(&client, &Client::packetTraced);
    QVERIFY(connectTo(client, optionsFor(broker)));
    QVERIFY(client.publish(message(u"t/a"_qs, "x", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE(broker.count(T::Puback) + broker.count(T::Publish), 1);
    QTRY_COMPARE(client.inflightCount(), 0);
    QCOMPARE(traced.size(), 0);
    client.setPacketTracing(PacketTracing::On);
    QVERIFY(client.publish(message(u"t/a"_qs, "y", QoS::AtMostOnce)) != 0);
    QTRY_COMPARE(traced.size(), 1);
    // The client reuses one buffer for the bytes of its traces: a trace kept (here by the spy)
    // keeps its own bytes when the next one comes.
    QVERIFY(client.publish(message(u"t/b"_qs, "zz", QoS::AtMostOnce)) != 0);
    QTRY_COMPARE(traced.size(), 2);
    const auto first = traced.at(0).at(0).value<PacketTrace>();
    const auto second = traced.at(1).at(0).value<PacketTrace>();
    QCOMPARE(first.type, T::Publish);
    QCOMPARE(first.direction, PacketDirection::Sent);
    QCOMPARE(first.topic(), u"t/a"_qs);
    QCOMPARE(first.payload(), QByteArray("y"));
    QCOMPARE(second.topic(), u"t/b"_qs);
    QCOMPARE(second.payload(), QByteArray("zz"));
    QTRY_COMPARE(broker.count(T::Publish), 3);
    QCOMPARE(first.bytes, broker.packets(T::Publish).at(1).frame);
    QCOMPARE(second.bytes, broker.packets(T::Publish).at(2).frame);
}

void TestEnginePacketTrace::qos2WithoutPubcompIsUnanswered()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Pubrel); // PUBREC comes, PUBCOMP never does
    Client client;
    PacketLogModel log;
    attach(&client, &log);
    QVERIFY(connectTo(client, optionsFor(broker)));
    QVERIFY(client.publish(message(u"t/q2"_qs, "x", QoS::ExactlyOnce)) != 0);
    QTRY_COMPARE(broker.count(T::Pubrel), 1);
    QTRY_COMPARE(log.rowCount(), 5);
    QCOMPARE(rowsOf(log), (QStringList{u"send CONNECT"_qs, u"recv CONNACK"_qs, u"send PUBLISH"_qs,
                                       u"recv PUBREC"_qs, u"send PUBREL"_qs}));
    const int connect = 0;
    QCOMPARE(log.statusAt(connect), PacketLogModel::Status::Answered);
    QCOMPARE(log.pairAt(connect), log.sequenceAt(1));
    const int publish = log.findRow(PacketDirection::Sent, T::Publish);
    const int pubrec = log.findRow(PacketDirection::Received, T::Pubrec);
    const int pubrel = log.findRow(PacketDirection::Sent, T::Pubrel);
    QCOMPARE(log.statusAt(publish), PacketLogModel::Status::Answered);
    QCOMPARE(log.pairAt(publish), log.sequenceAt(pubrec));
    QCOMPARE(log.pairAt(pubrec), log.sequenceAt(publish));
    QVERIFY(log.latencyAt(pubrec) >= 0);
    QCOMPARE(log.latencyAt(publish), log.latencyAt(pubrec));
    // PUBREC and PUBREL belong to the PUBLISH's exchange.
    QCOMPARE(log.exchangeAt(pubrec), log.sequenceAt(publish));
    QCOMPARE(log.exchangeAt(pubrel), log.sequenceAt(publish));
    QCOMPARE(log.statusAt(pubrel), PacketLogModel::Status::Waiting);
    QTRY_COMPARE(log.statusAt(pubrel), PacketLogModel::Status::Unanswered);
    QCOMPARE(log.index(pubrel, PacketLogModel::PairColumn).data().toString(), u"no answer"_qs);
    QCOMPARE(log.latencyAt(pubrel), -1);
}

void TestEnginePacketTrace::dupResendLinksToFirstSend()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Publish); // no PUBACK on the first connection
    Client client;
    PacketLogModel log;
    attach(&client, &log);
    log.setTimeoutMs(60000); // only the resend may mark the first send unanswered
    ConnectionOptions options = optionsFor(broker);
    options.cleanSession = false;
    QVERIFY(connectTo(client, options));
    QVERIFY(client.publish(message(u"t/dup"_qs, "x", QoS::AtLeastOnce)) != 0);
    QTRY_COMPARE(broker.count(T::Publish), 1);
    broker.dropConnection();
    QVERIFY(waitForState(client, Client::State::Disconnected));
    broker.setSessionPresent(true);
    broker.restoreDefaultHandler(T::Publish);
    QVERIFY(connectTo(client, options));
    QTRY_COMPARE(client.inflightCount(), 0);
    log.flush();

    const int first = log.findRow(PacketDirection::Sent, T::Publish);
    const int resend = log.findRow(PacketDirection::Sent, T::Publish, first + 1);
    const int puback = log.findRow(PacketDirection::Received, T::Puback);
    QVERIFY(first >= 0 && resend > first && puback > resend);
    QVERIFY(!log.traceAt(first).dup());
    QVERIFY(log.traceAt(resend).dup());
    QCOMPARE(log.traceAt(resend).packetId, log.traceAt(first).packetId);
    QCOMPARE(log.firstSendAt(resend), log.sequenceAt(first));
    QCOMPARE(log.exchangeAt(resend), log.sequenceAt(first));
    QCOMPARE(log.firstSendAt(first), quint64(0));
    // The answer pairs with the resend; the first send is left unanswered.
    QCOMPARE(log.pairAt(puback), log.sequenceAt(resend));
    QCOMPARE(log.statusAt(resend), PacketLogModel::Status::Answered);
    QTRY_COMPARE(log.statusAt(first), PacketLogModel::Status::Unanswered);
    QVERIFY(log.index(resend, PacketLogModel::PairColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("resend of #%1").arg(log.sequenceAt(first))));
}

void TestEnginePacketTrace::authExchangeIsPaired()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.setHandler(T::Connect, [&broker](const FakeBroker::Packet &) {
        broker.sendBytes(authFrame(ReasonCode::ContinueAuthentication, "challenge"));
    });
    bool reauthenticating = false;
    broker.setHandler(T::Auth, [&](const FakeBroker::Packet &packet) {
        if (packet.auth.reasonCode == ReasonCode::ReAuthenticate) {
            reauthenticating = true;
            broker.sendBytes(authFrame(ReasonCode::ContinueAuthentication, "again"));
        } else if (reauthenticating) {
            broker.sendBytes(authFrame(ReasonCode::Success, "done"));
        } else {
            ConnackPacket connack;
            connack.properties.setString(PropertyId::AuthenticationMethod, u"TWO-STEP"_qs);
            broker.sendBytes(encode(connack, ProtocolVersion::V5));
        }
    });
    Client client;
    client.setAuthenticator(std::make_unique<TwoStepAuthenticator>());
    PacketLogModel log;
    attach(&client, &log);
    ConnectionOptions options = optionsFor(broker);
    options.version = ProtocolVersion::V5;
    QVERIFY(connectTo(client, options));
    QSignalSpy reauthenticated(&client, &Client::reauthenticated);
    QVERIFY(client.reauthenticate());
    QVERIFY(reauthenticated.wait(Timeout));
    QTRY_COMPARE(log.rowCount(), 8);
    QCOMPARE(rowsOf(log),
             (QStringList{u"send CONNECT"_qs, u"recv AUTH"_qs, u"send AUTH"_qs, u"recv CONNACK"_qs,
                          u"send AUTH"_qs, u"recv AUTH"_qs, u"send AUTH"_qs, u"recv AUTH"_qs}));
    // Each step pairs with the broker's next one, with a latency; one exchange per
    // authentication.
    for (int request : {0, 2, 4, 6}) {
        QCOMPARE(log.statusAt(request), PacketLogModel::Status::Answered);
        QCOMPARE(log.pairAt(request), log.sequenceAt(request + 1));
        QCOMPARE(log.pairAt(request + 1), log.sequenceAt(request));
        QVERIFY(log.latencyAt(request + 1) >= 0);
    }
    for (int row = 0; row < 4; ++row)
        QCOMPARE(log.exchangeAt(row), log.sequenceAt(0));
    for (int row = 4; row < 8; ++row)
        QCOMPARE(log.exchangeAt(row), log.sequenceAt(4));
    QCOMPARE(log.index(1, PacketLogModel::ReasonColumn).data().toString(),
             u"Continue authentication"_qs);
    QVERIFY(log.index(1, PacketLogModel::PropertiesColumn)
                    .data()
                    .toString()
                    .contains(u"Authentication Method: TWO-STEP"_qs));
}

void TestEnginePacketTrace::pingIsPaired()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    PacketLogModel log;
    attach(&client, &log);
    ConnectionOptions options = optionsFor(broker);
    options.keepAlive = 1;
    QVERIFY(connectTo(client, options));
    QSignalSpy pong(&client, &Client::pingResponseReceived);
    QVERIFY(pong.wait(Timeout));
    log.flush();
    const int ping = log.findRow(PacketDirection::Sent, T::Pingreq);
    const int answer = log.findRow(PacketDirection::Received, T::Pingresp);
    QVERIFY(ping >= 0 && answer > ping);
    QCOMPARE(log.pairAt(ping), log.sequenceAt(answer));
    QCOMPARE(log.statusAt(ping), PacketLogModel::Status::Answered);
    QVERIFY(log.latencyAt(answer) >= 0);
}

QTEST_GUILESS_MAIN(TestEnginePacketTrace)
#include "tst_engine_packettrace.moc"
