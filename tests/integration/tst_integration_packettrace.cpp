// SPDX-License-Identifier: Apache-2.0
// The packet inspector's pairing (PacketLogModel over Client::packetTraced) against a real
// mosquitto: the client subscribes to its own topic and publishes at QoS 1 and 2, so every
// exchange runs both ways; each request pairs with its answer with a latency >= 0.
#include "client.h"
#include "clientwaits.h"
#include "mosquittoprocess.h"
#include "packetlogmodel.h"

#include <QTest>

using namespace Mqtt;
using T = PacketType;
using Status = PacketLogModel::Status;

namespace {

constexpr int WaitMs = 5000;

} // namespace

class tst_IntegrationPacketTrace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exchangesArePaired_data();
    void exchangesArePaired();

private:
    MosquittoProcess m_broker;
};

void tst_IntegrationPacketTrace::initTestCase()
{
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_IntegrationPacketTrace::exchangesArePaired_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1;
    QTest::newRow("5.0") << ProtocolVersion::V5;
}

void tst_IntegrationPacketTrace::exchangesArePaired()
{
    QFETCH(ProtocolVersion, version);
    Client client;
    PacketLogModel log;
    client.setPacketTracing(PacketTracing::On);
    connect(&client, &Client::packetTraced, &log, &PacketLogModel::append);
    ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    options.version = version;
    QVERIFY(ClientWaits::connectAndWait(&client, options, WaitMs));
    const QString topic = QStringLiteral("inspector/%1").arg(QTest::currentDataTag());
    QVERIFY(ClientWaits::subscribeAndWait(&client, {SubscribeTopic{topic, QoS::ExactlyOnce}}, {},
                                          WaitMs));
    for (QoS qos : {QoS::AtLeastOnce, QoS::ExactlyOnce}) {
        Message message;
        message.topic = topic;
        message.payload = "at QoS " + QByteArray::number(int(qos));
        message.qos = qos;
        QVERIFY(ClientWaits::publishAndWait(&client, message, WaitMs));
    }
    // Both messages come back, and the last exchange (our PUBCOMP) is done.
    QTRY_VERIFY_WITH_TIMEOUT(client.awaitingReleaseCount() == 0 &&
                                     log.findRow(PacketDirection::Sent, T::Pubcomp) >= 0,
                             WaitMs);
    log.flush();

    QCOMPARE(log.traceAt(0).type, T::Connect);
    QCOMPARE(log.statusAt(0), Status::Answered);
    QCOMPARE(log.traceAt(log.rowForSequence(log.pairAt(0))).type, T::Connack);
    const int subscribe = log.findRow(PacketDirection::Sent, T::Subscribe);
    QCOMPARE(log.traceAt(log.rowForSequence(log.pairAt(subscribe))).type, T::Suback);
    // Every request of both directions got its answer; every answer names its request.
    int requests = 0;
    for (int row = 0; row < log.rowCount(); ++row) {
        const PacketTrace &trace = log.traceAt(row);
        if (log.statusAt(row) == Status::None) {
            if (trace.type == T::Publish)
                QCOMPARE(trace.qos(), QoS::AtMostOnce);
            else if (trace.type != T::Disconnect)
                QVERIFY2(log.pairAt(row) != 0, qPrintable(packetTraceLine(trace)));
            continue;
        }
        ++requests;
        QVERIFY2(log.statusAt(row) == Status::Answered, qPrintable(packetTraceLine(trace)));
        const int answer = log.rowForSequence(log.pairAt(row));
        QVERIFY(answer > row);
        QCOMPARE(log.pairAt(answer), log.sequenceAt(row));
        QVERIFY(log.latencyAt(row) >= 0);
        QCOMPARE(log.latencyAt(answer), log.latencyAt(row));
    }
    // CONNECT, SUBSCRIBE, PUBLISH 1 and 2 and PUBREL of ours; PUBLISH 1 and 2 and PUBREL of
    // the broker's.
    QCOMPARE(requests, 8);
    // The two QoS 2 exchanges: four packets each, one exchange number.
    for (PacketDirection direction : {PacketDirection::Sent, PacketDirection::Received}) {
        int publish = -1;
        do {
            publish = log.findRow(direction, T::Publish, publish + 1);
        } while (publish >= 0 && log.traceAt(publish).qos() != QoS::ExactlyOnce);
        QVERIFY(publish >= 0);
        const quint64 exchange = log.exchangeAt(publish);
        int members = 0;
        for (int row = 0; row < log.rowCount(); ++row)
            members += log.exchangeAt(row) == exchange ? 1 : 0;
        QCOMPARE(members, 4);
    }
    client.disconnectFromHost();
}

QTEST_GUILESS_MAIN(tst_IntegrationPacketTrace)
#include "tst_integration_packettrace.moc"
