// SPDX-License-Identifier: Apache-2.0
// switchboard-cli's transport options end to end: -L with mqtts:// and wss://, --cafile,
// --insecure and --proxy, against real mosquitto listeners and microsocks.

#include "client.h"
#include "message.h"
#include "mosquittoprocess.h"
#include "processruns.h"
#include "transportscertificates.h"
#include "transportsproxies.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Mqtt;

namespace {

const int Timeout = 10000;

using ProcessRuns::Result;

Result run(const QStringList &arguments)
{
    return ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI), arguments, Timeout);
}

} // namespace

class TestTransportsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void publishOverTls();
    void untrustedBrokerIsRefused();
    void insecureAcceptsUnknownCa();
    void subscribeOverSecureWebSockets();
    void publishThroughSocksProxy();

private:
    // An in-process client on the plain listener that sees what the CLI published.
    void expectPublished(const QStringList &arguments, const QString &topic);

    QTemporaryDir m_certificateDirectory;
    TransportsCertificates m_certificates;
    MosquittoProcess m_broker;
    quint16 m_tlsPort = 0;
    quint16 m_unknownCaPort = 0;
    quint16 m_wssPort = 0;
    TransportsHelperProcess m_socks;
};

void TestTransportsCli::initTestCase()
{
    QVERIFY(m_certificateDirectory.isValid());
    QString error;
    QVERIFY2(m_certificates.generate(m_certificateDirectory.path(), &error), qPrintable(error));
    m_tlsPort = MosquittoProcess::freePort();
    do {
        m_unknownCaPort = MosquittoProcess::freePort();
    } while (m_unknownCaPort == m_tlsPort);
    do {
        m_wssPort = MosquittoProcess::freePort();
    } while (m_wssPort == m_tlsPort || m_wssPort == m_unknownCaPort);
    const QString ca = QStringLiteral("cafile ") + m_certificates.caFile();
    m_broker.addConfigLines(
            {QStringLiteral("listener %1 127.0.0.1").arg(m_tlsPort), ca,
             QStringLiteral("certfile ") + m_certificates.serverCertificate(),
             QStringLiteral("keyfile ") + m_certificates.serverKey(),
             QStringLiteral("listener %1 127.0.0.1").arg(m_unknownCaPort), ca,
             QStringLiteral("certfile ") + m_certificates.unknownCaServerCertificate(),
             QStringLiteral("keyfile ") + m_certificates.unknownCaServerKey(),
             QStringLiteral("listener %1 127.0.0.1").arg(m_wssPort), ca,
             QStringLiteral("certfile ") + m_certificates.serverCertificate(),
             QStringLiteral("keyfile ") + m_certificates.serverKey(),
             QStringLiteral("protocol websockets")});
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
    // The fixture waits for its own listener, the first one opened; ours follow it.
    for (quint16 port : {m_tlsPort, m_unknownCaPort, m_wssPort}) {
        QTRY_VERIFY_WITH_TIMEOUT(
                [port] {
                    QTcpSocket probe;
                    probe.connectToHost(QHostAddress::LocalHost, port);
                    return probe.waitForConnected(200);
                }(),
                Timeout);
    }
    QVERIFY2(m_socks.startMicrosocks(QStringLiteral("cli"), QStringLiteral("secret"), &error),
             qPrintable(error));
}

void TestTransportsCli::cleanupTestCase()
{
    m_socks.stop();
    m_broker.stop();
}

void TestTransportsCli::expectPublished(const QStringList &arguments, const QString &topic)
{
    Client watcher;
    ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    QSignalSpy connected(&watcher, &Client::connected);
    QSignalSpy acknowledged(&watcher, &Client::subscriptionAcknowledged);
    QSignalSpy received(&watcher, &Client::messageReceived);
    watcher.connectToHost(options);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, Timeout);
    QVERIFY(watcher.subscribe(topic, QoS::AtLeastOnce) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.count(), 1, Timeout);

    const Result result = run(QStringList{QStringLiteral("pub"), QStringLiteral("-t"), topic,
                                          QStringLiteral("-q"), QStringLiteral("1"),
                                          QStringLiteral("-m"), QStringLiteral("over the wire")} +
                              arguments);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, Timeout);
    QCOMPARE(received.at(0).at(0).value<Message>().payload, QByteArray("over the wire"));
    watcher.disconnectFromHost();
}

void TestTransportsCli::publishOverTls()
{
    expectPublished({QStringLiteral("-L"), QStringLiteral("mqtts://127.0.0.1:%1").arg(m_tlsPort),
                     QStringLiteral("--cafile"), m_certificates.caFile()},
                    QStringLiteral("transports/cli/tls"));
}

void TestTransportsCli::untrustedBrokerIsRefused()
{
    const Result result = run({QStringLiteral("pub"), QStringLiteral("-L"),
                               QStringLiteral("mqtts://127.0.0.1:%1").arg(m_unknownCaPort),
                               QStringLiteral("--cafile"), m_certificates.caFile(),
                               QStringLiteral("-t"), QStringLiteral("transports/cli/refused"),
                               QStringLiteral("-m"), QStringLiteral("never")});
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.err.contains("not signed by a trusted certificate authority"),
             result.err.constData());
    QVERIFY2(result.err.contains(TransportsCertificates::unknownCaCommonName().toUtf8()),
             result.err.constData());
}

void TestTransportsCli::insecureAcceptsUnknownCa()
{
    expectPublished({QStringLiteral("-L"),
                     QStringLiteral("mqtts://127.0.0.1:%1").arg(m_unknownCaPort),
                     QStringLiteral("--insecure")},
                    QStringLiteral("transports/cli/insecure"));
}

void TestTransportsCli::subscribeOverSecureWebSockets()
{
    // A retained message is there before `sub` subscribes: no race with its start-up.
    const QString topic = QStringLiteral("transports/cli/wss");
    Client publisher;
    ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    QSignalSpy connected(&publisher, &Client::connected);
    QSignalSpy published(&publisher, &Client::messagePublished);
    publisher.connectToHost(options);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, Timeout);
    Message message;
    message.topic = topic;
    message.payload = "retained over wss";
    message.qos = QoS::AtLeastOnce;
    message.retain = true;
    QVERIFY(publisher.publish(message) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.count(), 1, Timeout);

    const Result result = run({QStringLiteral("sub"), QStringLiteral("-L"),
                               QStringLiteral("wss://127.0.0.1:%1/mqtt").arg(m_wssPort),
                               QStringLiteral("--cafile"), m_certificates.caFile(),
                               QStringLiteral("-t"), topic, QStringLiteral("-C"),
                               QStringLiteral("1"), QStringLiteral("-W"), QStringLiteral("8")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.out.contains("retained over wss"), result.out.constData());

    // Clear the retained message for reruns against the same broker.
    message.payload.clear();
    QVERIFY(publisher.publish(message) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(published.count(), 2, Timeout);
    publisher.disconnectFromHost();
}

void TestTransportsCli::publishThroughSocksProxy()
{
    expectPublished({QStringLiteral("-L"), QStringLiteral("mqtts://127.0.0.1:%1").arg(m_tlsPort),
                     QStringLiteral("--cafile"), m_certificates.caFile(), QStringLiteral("--proxy"),
                     QStringLiteral("socks5h://cli:secret@127.0.0.1:%1").arg(m_socks.port())},
                    QStringLiteral("transports/cli/socks"));

    // The proxy is really in the path: wrong proxy credentials fail.
    const Result refused =
            run({QStringLiteral("pub"), QStringLiteral("-L"),
                 QStringLiteral("mqtts://127.0.0.1:%1").arg(m_tlsPort), QStringLiteral("--cafile"),
                 m_certificates.caFile(), QStringLiteral("--proxy"),
                 QStringLiteral("socks5://cli:wrong@127.0.0.1:%1").arg(m_socks.port()),
                 QStringLiteral("-t"), QStringLiteral("transports/cli/socks"), QStringLiteral("-m"),
                 QStringLiteral("never")});
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains("proxy"), refused.err.constData());
}

QTEST_GUILESS_MAIN(TestTransportsCli)

#include "tst_transports_cli.moc"
