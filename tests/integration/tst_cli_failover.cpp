// SPDX-License-Identifier: Apache-2.0
// switchboard-cli with -L given more than once, against real mosquitto brokers: sub receives
// from the first broker, then from the second once the first is killed; pub and sub move past
// a first broker that cannot be reached or refuses; -d says which broker is in use.
#include "client.h"
#include "clientwaits.h"
#include "mosquittoprocess.h"
#include "processruns.h"

#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Mqtt;
using ProcessRuns::Result;

namespace {

constexpr int WaitMs = 10000;

QString urlOf(const MosquittoProcess &broker)
{
    return QStringLiteral("mqtt://%1:%2").arg(broker.host()).arg(broker.port());
}

QString deadUrl()
{
    return QStringLiteral("mqtt://127.0.0.1:%1").arg(MosquittoProcess::freePort());
}

} // namespace

class TestCliFailover : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void subMovesToTheSecondWhenTheFirstIsKilled();
    void pubMovesPastAnUnreachableBroker();
    void subMovesPastARefusingBroker();
    void wholeListUnreachableFails();

private:
    // Publishes payload on broker (QoS 1) until process has printed it on stdout, which
    // *out collects.
    bool printsWhenPublished(QProcess *process, const MosquittoProcess &broker,
                             const QByteArray &payload, QByteArray *out);

    MosquittoProcess m_first;
    MosquittoProcess m_second;
};

void TestCliFailover::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SWITCHBOARD_CLI)).isExecutable(), SWITCHBOARD_CLI);
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
    QVERIFY2(m_first.start(), qPrintable(m_first.errorString()));
    QVERIFY2(m_second.start(), qPrintable(m_second.errorString()));
}

void TestCliFailover::init()
{
    for (MosquittoProcess *broker : {&m_first, &m_second}) {
        if (!broker->isRunning())
            QVERIFY2(broker->restart(), qPrintable(broker->errorString()));
    }
}

bool TestCliFailover::printsWhenPublished(QProcess *process, const MosquittoProcess &broker,
                                          const QByteArray &payload, QByteArray *out)
{
    Client publisher;
    ConnectionOptions options;
    options.host = broker.host();
    options.port = broker.port();
    if (!ClientWaits::connectAndWait(&publisher, options, WaitMs))
        return false;
    Message message;
    message.topic = QStringLiteral("cli/failover");
    message.payload = payload;
    message.qos = QoS::AtLeastOnce;
    // After a move the subscription may still be on its way: publish until it is printed.
    for (int attempt = 0; attempt < 20 && !out->contains(payload); ++attempt) {
        if (!ClientWaits::publishAndWait(&publisher, message, WaitMs))
            return false;
        process->waitForReadyRead(500); // returns as soon as output comes
        *out += process->readAllStandardOutput();
    }
    return out->contains(payload);
}

void TestCliFailover::subMovesToTheSecondWhenTheFirstIsKilled()
{
    QByteArray early;
    auto subscriber = ProcessRuns::startAndWaitFor(
            QStringLiteral(SWITCHBOARD_CLI),
            {QStringLiteral("sub"), QStringLiteral("-d"), QStringLiteral("-L"), urlOf(m_first),
             QStringLiteral("-L"), urlOf(m_second), QStringLiteral("-t"),
             QStringLiteral("cli/failover"), QStringLiteral("-q"), QStringLiteral("1")},
            "subscribed to", WaitMs, &early);
    QVERIFY(subscriber);
    QVERIFY2(early.contains("broker 1 of 2: " + urlOf(m_first).toUtf8()), early.constData());
    QByteArray out;
    QVERIFY(printsWhenPublished(subscriber.get(), m_first, "from the first", &out));

    m_first.stop();
    QVERIFY(printsWhenPublished(subscriber.get(), m_second, "from the second", &out));
    subscriber->terminate(); // Ctrl+C: a clean DISCONNECT
    const Result result = ProcessRuns::finish(subscriber.get(), WaitMs);
    const QByteArray err = early + result.err;
    QVERIFY2(err.contains("broker 2 of 2: " + urlOf(m_second).toUtf8()), err.constData());
    QCOMPARE(out + result.out, QByteArray("from the first\nfrom the second\n"));
    // The loss of the first was survived: not a failure of the command.
    QVERIFY2(result.exitCode == 0, err.constData());
}

void TestCliFailover::pubMovesPastAnUnreachableBroker()
{
    Client watcher;
    ConnectionOptions options;
    options.host = m_second.host();
    options.port = m_second.port();
    QVERIFY(ClientWaits::connectAndWait(&watcher, options, WaitMs));
    QVERIFY(ClientWaits::subscribeAndWait(
            &watcher, {{QStringLiteral("cli/failover"), QoS::AtLeastOnce, false, false, {}}}, {},
            WaitMs));
    QSignalSpy received(&watcher, &Client::messageReceived);
    const QString dead = deadUrl();
    const Result result = ProcessRuns::run(
            QStringLiteral(SWITCHBOARD_CLI),
            {QStringLiteral("pub"), QStringLiteral("-d"), QStringLiteral("-L"), dead,
             QStringLiteral("-L"), urlOf(m_second), QStringLiteral("-t"),
             QStringLiteral("cli/failover"), QStringLiteral("-m"), QStringLiteral("past the dead"),
             QStringLiteral("-q"), QStringLiteral("1")},
            WaitMs);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.err.contains("broker 1 of 2: " + dead.toUtf8()), result.err.constData());
    QVERIFY2(result.err.contains("broker 2 of 2: " + urlOf(m_second).toUtf8()),
             result.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, WaitMs);
    QCOMPARE(received.at(0).at(0).value<Message>().payload, QByteArray("past the dead"));
}

void TestCliFailover::subMovesPastARefusingBroker()
{
    MosquittoProcess refusing;
    refusing.addConfigLines({QStringLiteral("allow_anonymous false")});
    QVERIFY2(refusing.start(), qPrintable(refusing.errorString()));
    QByteArray early;
    auto subscriber = ProcessRuns::startAndWaitFor(
            QStringLiteral(SWITCHBOARD_CLI),
            {QStringLiteral("sub"), QStringLiteral("-d"), QStringLiteral("-L"), urlOf(refusing),
             QStringLiteral("-L"), urlOf(m_second), QStringLiteral("-t"),
             QStringLiteral("cli/failover"), QStringLiteral("-C"), QStringLiteral("1")},
            "subscribed to", WaitMs, &early);
    QVERIFY(subscriber);
    QVERIFY2(early.contains("broker 2 of 2"), early.constData());
    QByteArray out;
    QVERIFY(printsWhenPublished(subscriber.get(), m_second, "after a refusal", &out));
    const Result result = ProcessRuns::finish(subscriber.get(), WaitMs);
    QCOMPARE(out + result.out, QByteArray("after a refusal\n"));
    QVERIFY2(result.exitCode == 0, result.err.constData());
}

void TestCliFailover::wholeListUnreachableFails()
{
    // Without automatic reconnection pub gives up after one round, naming each failure.
    const QString first = deadUrl();
    const QString second = deadUrl();
    const Result result = ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI),
                                           {QStringLiteral("pub"), QStringLiteral("-L"), first,
                                            QStringLiteral("-L"), second, QStringLiteral("-t"),
                                            QStringLiteral("cli/failover"), QStringLiteral("-m"),
                                            QStringLiteral("nowhere")},
                                           WaitMs);
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.err.count("error:"), 2);
}

QTEST_GUILESS_MAIN(TestCliFailover)
#include "tst_cli_failover.moc"
