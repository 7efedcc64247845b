// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QRegularExpression>
#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// disconnectFromHost() finishes the open QoS 1/2 exchanges, within a bounded wait, before
// DISCONNECT: a broker that still has to release a message must not meet a closed socket.
class TestEngineDisconnect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void nothingOpenDisconnectsAtOnce();
    void incomingQos2ReleasedFirst();
    void ownInflightAcknowledgedFirst();
    void newMessagesNotTakenWhileFinishing();
    void waitIsBounded();
    void brokerClosingEndsTheWait();
    void disconnectFromMessageReceived();
    void connectWhileFinishing();

private:
    // Receives a QoS 2 message the broker does not release yet.
    bool receiveUnreleased(quint16 id);

    std::unique_ptr<FakeBroker> m_broker;
    std::unique_ptr<Client> m_client;
};

void TestEngineDisconnect::init()
{
    m_broker = std::make_unique<FakeBroker>();
    QVERIFY(m_broker->listen());
    m_client = std::make_unique<Client>();
    QVERIFY(connectTo(*m_client, optionsFor(*m_broker)));
}

void TestEngineDisconnect::cleanup()
{
    QVERIFY2(m_broker->decodeErrors().isEmpty(), qPrintable(m_broker->decodeErrors().join('\n')));
    m_client.reset();
    m_broker.reset();
}

bool TestEngineDisconnect::receiveUnreleased(quint16 id)
{
    QSignalSpy received(m_client.get(), &Client::messageReceived);
    m_broker->sendPublish(u"q/2"_qs, "two", QoS::ExactlyOnce, id);
    return QTest::qWaitFor([&] { return m_broker->count(T::Pubrec) == 1; }, Timeout) &&
           received.size() == 1 && m_client->awaitingReleaseCount() == 1;
}

void TestEngineDisconnect::nothingOpenDisconnectsAtOnce()
{
    QSignalSpy disconnected(m_client.get(), &Client::disconnected);
    m_client->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Disconnect}));
}

void TestEngineDisconnect::incomingQos2ReleasedFirst()
{
    QVERIFY(receiveUnreleased(42));
    QSignalSpy disconnected(m_client.get(), &Client::disconnected);
    m_client->disconnectFromHost();
    // Waiting for the PUBREL; a client that left at once would never send the PUBCOMP.
    QCOMPARE(m_client->state(), Client::State::Disconnecting);
    QCOMPARE(disconnected.size(), 0);
    m_broker->sendAck(T::Pubrel, 42);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Pubrec, T::Pubcomp, T::Disconnect}));
    QCOMPARE(m_broker->packets(T::Pubcomp).first().packetId, quint16(42));
    QCOMPARE(m_client->awaitingReleaseCount(), 0);
}

void TestEngineDisconnect::ownInflightAcknowledgedFirst()
{
    m_broker->ignore(T::Publish); // the PUBACK comes when the test says
    QSignalSpy published(m_client.get(), &Client::messagePublished);
    QSignalSpy disconnected(m_client.get(), &Client::disconnected);
    const quint64 token = m_client->publish(message(u"a"_qs, "one", QoS::AtLeastOnce));
    QTRY_COMPARE(m_broker->count(T::Publish), 1);
    m_client->disconnectFromHost();
    QCOMPARE(m_client->state(), Client::State::Disconnecting);
    m_broker->sendAck(T::Puback, m_broker->packets(T::Publish).first().packetId);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QCOMPARE(published.size(), 1);
    QCOMPARE(published.at(0).at(0).toULongLong(), token);
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Publish, T::Disconnect}));
}

void TestEngineDisconnect::newMessagesNotTakenWhileFinishing()
{
    QVERIFY(receiveUnreleased(1));
    QSignalSpy received(m_client.get(), &Client::messageReceived);
    QSignalSpy disconnected(m_client.get(), &Client::disconnected);
    m_client->disconnectFromHost();
    // A new message after the user asked to leave is neither delivered nor acknowledged
    // (a kept session gets it again); the repeat of the open one is acknowledged again.
    m_broker->sendPublish(u"late"_qs, "x", QoS::AtLeastOnce, 2);
    m_broker->sendPublish(u"q/2"_qs, "two", QoS::ExactlyOnce, 1, FakeBroker::Dup::Yes);
    QTRY_COMPARE(m_broker->count(T::Pubrec), 2);
    m_broker->sendAck(T::Pubrel, 1);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QCOMPARE(received.size(), 0);
    QCOMPARE(m_broker->count(T::Puback), 0);
    QTRY_COMPARE(m_broker->types(),
                 (QList<T>{T::Connect, T::Pubrec, T::Pubrec, T::Pubcomp, T::Disconnect}));
}

void TestEngineDisconnect::waitIsBounded()
{
    QVERIFY(receiveUnreleased(9));
    m_client->setDisconnectDrainTimeoutMs(200);
    QSignalSpy disconnected(m_client.get(), &Client::disconnected);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"did not finish them in time"_qs));
    m_client->disconnectFromHost();
    // The broker never releases it: DISCONNECT leaves once the wait is over.
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Pubrec, T::Disconnect}));
    QCOMPARE(m_client->state(), Client::State::Disconnected);
}

void TestEngineDisconnect::brokerClosingEndsTheWait()
{
    QVERIFY(receiveUnreleased(9));
    QSignalSpy disconnected(m_client.get(), &Client::disconnected);
    QSignalSpy errors(m_client.get(), &Client::errorOccurred);
    m_client->disconnectFromHost();
    m_broker->dropConnection();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QCOMPARE(m_client->state(), Client::State::Disconnected);
    QCOMPARE(errors.size(), 0); // the user was leaving anyway
    QCOMPARE(m_broker->count(T::Disconnect), 0);
}

// As switchboard-cli sub -C 1 does: the last message wanted arrives and the slot leaves.
void TestEngineDisconnect::disconnectFromMessageReceived()
{
    QSignalSpy disconnected(m_client.get(), &Client::disconnected);
    connect(m_client.get(), &Client::messageReceived, m_client.get(),
            [this] { m_client->disconnectFromHost(); });
    m_broker->sendPublish(u"q/2"_qs, "two", QoS::ExactlyOnce, 5);
    QTRY_COMPARE(m_broker->count(T::Pubrec), 1);
    QCOMPARE(m_client->state(), Client::State::Disconnecting);
    m_broker->sendAck(T::Pubrel, 5);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QTRY_COMPARE(m_broker->types(), (QList<T>{T::Connect, T::Pubrec, T::Pubcomp, T::Disconnect}));
}

// Connecting again while a disconnect waits drops that wait: the new connection is not
// closed by the old DISCONNECT.
void TestEngineDisconnect::connectWhileFinishing()
{
    QVERIFY(receiveUnreleased(3));
    m_client->setDisconnectDrainTimeoutMs(300);
    m_client->disconnectFromHost();
    QCOMPARE(m_client->state(), Client::State::Disconnecting);
    QVERIFY(connectTo(*m_client, optionsFor(*m_broker)));
    QSignalSpy disconnected(m_client.get(), &Client::disconnected);
    // Longer than the old wait: nothing of it fires.
    QVERIFY(!disconnected.wait(600));
    QCOMPARE(m_client->state(), Client::State::Connected);
    QCOMPARE(m_broker->count(T::Disconnect), 0);
}

QTEST_GUILESS_MAIN(TestEngineDisconnect)
#include "tst_engine_disconnect.moc"
