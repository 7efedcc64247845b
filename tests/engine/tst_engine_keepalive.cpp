// SPDX-License-Identifier: Apache-2.0
#include "enginetest.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace Mqtt;
using namespace EngineTest;
using T = PacketType;

// Keep-alive: PINGREQ when idle, and a lost connection when no PINGRESP comes.
class TestEngineKeepAlive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pingWhenIdle();
    void noPingrespIsKeepAliveTimeout();
};

void TestEngineKeepAlive::pingWhenIdle()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.keepAlive = 1;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(connectTo(client, options));
    QCOMPARE(broker.packets(T::Connect).first().connect.keepAlive, quint16(1));
    QSignalSpy pongs(&client, &Client::pingResponseReceived);
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Pingreq), 1, Timeout);
    // Not before the client was idle for (about) the interval.
    QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(broker.packets(T::Pingreq).first().frame, QByteArray::fromHex("c000"));
    QTRY_COMPARE(pongs.size(), 1);
    // It keeps going, one ping per idle interval, and the connection stays up.
    QTRY_COMPARE_WITH_TIMEOUT(broker.count(T::Pingreq), 2, Timeout);
    QTRY_COMPARE(pongs.size(), 2);
    QCOMPARE(client.state(), Client::State::Connected);
    QCOMPARE(broker.types(), (QList<T>{T::Connect, T::Pingreq, T::Pingreq}));
}

void TestEngineKeepAlive::noPingrespIsKeepAliveTimeout()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.ignore(T::Pingreq);
    Client client;
    ConnectionOptions options = optionsFor(broker);
    options.keepAlive = 1;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy disconnected(&client, &Client::disconnected);
    QVERIFY(connectTo(client, options));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::KeepAliveTimeout);
    QVERIFY(!error.text.isEmpty());
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(broker.count(T::Pingreq), 1);
    QTRY_VERIFY(!broker.isClientConnected());
    // The one failure is reported once, not followed by a "broker closed" echo.
    QCOMPARE(errors.size(), 1);
    QCOMPARE(client.lastError().code, ErrorCode::KeepAliveTimeout);
}

QTEST_GUILESS_MAIN(TestEngineKeepAlive)
#include "tst_engine_keepalive.moc"
