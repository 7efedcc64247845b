// SPDX-License-Identifier: Apache-2.0
// Interoperability with MQTT.js through a real mosquitto, at every QoS: MQTT.js publishes and
// switchboard-cli sub (and the engine in-process) receive; switchboard-cli pub publishes and
// MQTT.js receives.
#include "client.h"
#include "mosquittoprocess.h"
#include "processruns.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Mqtt;

namespace {

constexpr int WaitMs = 15000; // node starts in a few hundred ms, slower on a busy machine

using ProcessRuns::Result;

QStringList payloadsFor(int qos)
{
    // Plain, empty-looking and non-ASCII payloads, then the last one the reader waits for.
    return {QStringLiteral("first %1").arg(qos), QStringLiteral("caf\u00e9 \u4f60\u597d"),
            QStringLiteral("x").repeated(5000), QStringLiteral("end %1").arg(qos)};
}

} // namespace

class tst_InteropMqttJs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void mqttJsPublishesCliReceives_data();
    void mqttJsPublishesCliReceives();
    void cliPublishesMqttJsReceives_data();
    void cliPublishesMqttJsReceives();

private:
    QString script(const QString &name) const
    {
        return QDir(QStringLiteral(SWITCHBOARD_NODE_DIR)).filePath(name);
    }

    MosquittoProcess m_broker;
    QString m_node;
    std::unique_ptr<Client> m_observer;
};

void tst_InteropMqttJs::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(SWITCHBOARD_CLI)).isExecutable(), SWITCHBOARD_CLI);
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (m_node.isEmpty())
        m_node = QStandardPaths::findExecutable(QStringLiteral("nodejs"));
    if (m_node.isEmpty())
        QSKIP("node is not installed (apt-get install nodejs): MQTT.js cannot run");
    // Installed by scripts/test (npm ci in tests/node): missing is a setup error, not a skip.
    QVERIFY2(QFileInfo::exists(QStringLiteral(SWITCHBOARD_NODE_DIR "/node_modules/mqtt")),
             "MQTT.js is missing: run npm ci in tests/node");
    if (MosquittoProcess::executable().isEmpty())
        QSKIP("mosquitto is not installed (apt-get install mosquitto)");
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_InteropMqttJs::cleanup()
{
    if (m_observer)
        m_observer->abortConnection();
    m_observer.reset();
}

void tst_InteropMqttJs::mqttJsPublishesCliReceives_data()
{
    QTest::addColumn<int>("qos");
    QTest::newRow("QoS 0") << 0;
    QTest::newRow("QoS 1") << 1;
    QTest::newRow("QoS 2") << 2;
}

void tst_InteropMqttJs::mqttJsPublishesCliReceives()
{
    QFETCH(int, qos);
    const QString topic = QStringLiteral("interop/from-mqttjs/%1").arg(qos);
    const QStringList payloads = payloadsFor(qos);

    // The engine in-process sees the QoS each message came with (subscribed at QoS 2).
    m_observer = std::make_unique<Client>();
    ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    QSignalSpy connected(m_observer.get(), &Client::connected);
    m_observer->connectToHost(options);
    QVERIFY(connected.wait(WaitMs));
    QSignalSpy acknowledged(m_observer.get(), &Client::subscriptionAcknowledged);
    QVERIFY(m_observer->subscribe(topic, QoS::ExactlyOnce) != 0);
    QVERIFY(acknowledged.wait(WaitMs));
    QSignalSpy observed(m_observer.get(), &Client::messageReceived);

    auto subscriber = ProcessRuns::startAndWaitFor(
            QStringLiteral(SWITCHBOARD_CLI),
            {QStringLiteral("sub"), QStringLiteral("-d"), QStringLiteral("-p"),
             QString::number(m_broker.port()), QStringLiteral("-t"), topic, QStringLiteral("-q"),
             QString::number(qos), QStringLiteral("-v"), QStringLiteral("-C"),
             QString::number(payloads.size()), QStringLiteral("-W"), QStringLiteral("30")},
            "subscribed to", WaitMs);
    QVERIFY(subscriber);

    QProcess publisher;
    publisher.start(m_node,
                    QStringList{script(QStringLiteral("mqttjs_publish.js")),
                                QString::number(m_broker.port()), topic, QString::number(qos)} +
                            payloads);
    const Result published = ProcessRuns::finish(&publisher, WaitMs);
    QVERIFY2(published.exitCode == 0, published.err.constData());

    const Result received = ProcessRuns::finish(subscriber.get(), WaitMs);
    QVERIFY2(received.exitCode == 0, received.err.constData());
    QByteArray expected;
    for (const QString &payload : payloads)
        expected += topic.toUtf8() + ' ' + payload.toUtf8() + '\n';
    QCOMPARE(received.out, expected);

    QTRY_COMPARE_WITH_TIMEOUT(observed.size(), payloads.size(), WaitMs);
    for (int i = 0; i < payloads.size(); ++i) {
        const Message message = observed.at(i).at(0).value<Message>();
        QCOMPARE(message.payload, payloads.at(i).toUtf8());
        QCOMPARE(int(message.qos), qos);
        QCOMPARE(message.topic, topic);
    }
}

void tst_InteropMqttJs::cliPublishesMqttJsReceives_data()
{
    mqttJsPublishesCliReceives_data();
}

void tst_InteropMqttJs::cliPublishesMqttJsReceives()
{
    QFETCH(int, qos);
    const QString topic = QStringLiteral("interop/from-cli/%1").arg(qos);
    const QStringList payloads = payloadsFor(qos);

    // MQTT.js subscribes at QoS 2, so each message keeps the QoS pub gave it.
    auto subscriber = ProcessRuns::startAndWaitFor(m_node,
                                                   {script(QStringLiteral("mqttjs_subscribe.js")),
                                                    QString::number(m_broker.port()), topic,
                                                    QStringLiteral("2"), payloads.constLast()},
                                                   "ready", WaitMs);
    QVERIFY(subscriber);

    QProcess publisher;
    publisher.start(QStringLiteral(SWITCHBOARD_CLI),
                    {QStringLiteral("pub"), QStringLiteral("-p"), QString::number(m_broker.port()),
                     QStringLiteral("-t"), topic, QStringLiteral("-q"), QString::number(qos),
                     QStringLiteral("-l")});
    QVERIFY(publisher.waitForStarted(WaitMs));
    publisher.write(payloads.join(QLatin1Char('\n')).toUtf8() + '\n');
    publisher.closeWriteChannel();
    const Result published = ProcessRuns::finish(&publisher, WaitMs);
    QVERIFY2(published.exitCode == 0, published.err.constData());

    const Result received = ProcessRuns::finish(subscriber.get(), WaitMs);
    QVERIFY2(received.exitCode == 0, received.err.constData());
    const QList<QByteArray> lines = received.out.trimmed().split('\n');
    QCOMPARE(lines.size(), payloads.size());
    for (int i = 0; i < lines.size(); ++i) {
        QJsonParseError parseError;
        const QJsonObject message = QJsonDocument::fromJson(lines.at(i), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, lines.at(i).constData());
        QCOMPARE(message.value(QLatin1String("topic")).toString(), topic);
        QCOMPARE(message.value(QLatin1String("payload")).toString(), payloads.at(i));
        QCOMPARE(message.value(QLatin1String("qos")).toInt(), qos);
        QCOMPARE(message.value(QLatin1String("retain")).toBool(), false);
    }
}

QTEST_GUILESS_MAIN(tst_InteropMqttJs)
#include "tst_interop_mqttjs.moc"
