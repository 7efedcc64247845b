// SPDX-License-Identifier: Apache-2.0
// Record and replay through a real mosquitto: what a connection received comes back from a
// replay with the same topics (behind the prefix), payloads, properties and order; the
// recorded pace divided by the speed; the QoS override, looping and stop; a bad line.
#include "capture.h"
#include "client.h"
#include "clientwaits.h"
#include "mosquittoprocess.h"
#include "recorder.h"
#include "replayer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Mqtt;

namespace {

constexpr int WaitMs = 10000;

struct Arrival
{
    qint64 atMs = 0;
    Message message;
};

// A replay through a connection of its own, and what a watcher saw of it.
struct ReplayRun
{
    QList<Arrival> arrivals;
    std::unique_ptr<Capture::Replayer> replayer;
    std::unique_ptr<QSignalSpy> finished;
};

} // namespace

class tst_RecordReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void recordThenReplay();
    void pacingFollowsSpeed();
    void maxSpeedIgnoresGaps();
    void qosOverride();
    void loopAndStop();
    void badLineStopsTheReplay();
    void refusesWithoutConnection();

private:
    ConnectionOptions options(ProtocolVersion version = ProtocolVersion::V5) const
    {
        ConnectionOptions result;
        result.host = m_broker.host();
        result.port = m_broker.port();
        result.version = version;
        return result;
    }
    Client *connectedClient(ProtocolVersion version = ProtocolVersion::V5);
    // A client subscribed to filter (QoS 2, retain as published) that keeps what arrives and
    // when, on a monotonic clock.
    Client *watcher(const QString &filter, QList<Arrival> *arrivals);
    // Subscribes a watcher to filter, then starts replaying path through another connection.
    bool startReplay(ReplayRun *run, const QString &path, const Capture::Replayer::Options &options,
                     const QString &filter = QStringLiteral("pace/#"));
    // A capture file with one message on "pace/N" at each offset.
    QString writeFile(const QString &name, const QList<qint64> &offsets);

    MosquittoProcess m_broker;
    QTemporaryDir m_directory;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Client>> m_clients;
};

void tst_RecordReplay::initTestCase()
{
    // Timing is measured at a subscriber: no Nagle delay on the broker's side.
    m_broker.addConfigLines({QStringLiteral("set_tcp_nodelay true")});
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
    QVERIFY(m_directory.isValid());
    m_clock.start();
}

void tst_RecordReplay::cleanup()
{
    for (const auto &client : m_clients)
        client->disconnect(this);
    m_clients.clear();
}

Client *tst_RecordReplay::connectedClient(ProtocolVersion version)
{
    m_clients.push_back(std::make_unique<Client>());
    Client *client = m_clients.back().get();
    if (!ClientWaits::connectAndWait(client, options(version), WaitMs))
        return nullptr;
    return client;
}

Client *tst_RecordReplay::watcher(const QString &filter, QList<Arrival> *arrivals)
{
    Client *client = connectedClient();
    if (!client)
        return nullptr;
    connect(client, &Client::messageReceived, this, [this, arrivals](const Message &message) {
        arrivals->append({m_clock.elapsed(), message});
    });
    SubscribeTopic topic;
    topic.filter = filter;
    topic.qos = QoS::ExactlyOnce;
    topic.retainAsPublished = true;
    if (!ClientWaits::subscribeAndWait(client, {topic}, {}, WaitMs))
        return nullptr;
    return client;
}

QString tst_RecordReplay::writeFile(const QString &name, const QList<qint64> &offsets)
{
    const QString path = m_directory.filePath(name);
    Capture::Writer writer;
    if (!writer.open(path))
        return QString();
    for (int i = 0; i < offsets.size(); ++i) {
        Capture::Record record;
        record.offsetMs = offsets.at(i);
        record.message.topic = QStringLiteral("pace/%1").arg(i);
        record.message.payload = QByteArray::number(i);
        writer.write(record);
    }
    return writer.close() ? path : QString();
}

bool tst_RecordReplay::startReplay(ReplayRun *run, const QString &path,
                                   const Capture::Replayer::Options &options, const QString &filter)
{
    Client *replaying = connectedClient();
    if (!watcher(filter, &run->arrivals) || !replaying)
        return false;
    run->replayer = std::make_unique<Capture::Replayer>(replaying);
    run->finished = std::make_unique<QSignalSpy>(run->replayer.get(), &Capture::Replayer::finished);
    QString problem;
    if (!run->replayer->start(path, options, &problem)) {
        qWarning("cannot replay: %s", qPrintable(problem));
        return false;
    }
    return true;
}

void tst_RecordReplay::recordThenReplay()
{
    // What is sent: text, binary, every kind of 5.0 property, QoS 1 and 2, and a message
    // retained before the recording subscribes (it arrives with the retain flag).
    Client *publisher = connectedClient();
    QVERIFY(publisher);
    QList<Message> sent;
    Message retained;
    retained.topic = QStringLiteral("rec/retained");
    retained.payload = "kept";
    retained.retain = true;
    retained.qos = QoS::AtLeastOnce;
    QVERIFY(ClientWaits::publishAndWait(publisher, retained, WaitMs));

    Client *recording = connectedClient();
    QVERIFY(recording);
    Capture::Recorder recorder(recording);
    const QString path = m_directory.filePath(QStringLiteral("recorded.jsonl"));
    QString problem;
    QVERIFY2(recorder.start(path, {}, &problem), qPrintable(problem));
    QVERIFY(ClientWaits::subscribeAndWait(
            recording, {SubscribeTopic{QStringLiteral("rec/#"), QoS::ExactlyOnce}}, {}, WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messageCount(), 1, WaitMs);

    Message text;
    text.topic = QStringLiteral("rec/text");
    text.payload = "hello";
    Message binary;
    binary.topic = QStringLiteral("rec/binary");
    binary.payload = QByteArray("\x00\x01\x80\xff", 4);
    binary.qos = QoS::ExactlyOnce;
    Message withProperties;
    withProperties.topic = QStringLiteral("rec/props");
    withProperties.payload = R"({"t":21.5})";
    withProperties.qos = QoS::AtLeastOnce;
    withProperties.properties.setInteger(PropertyId::PayloadFormatIndicator, 1);
    withProperties.properties.setString(PropertyId::ContentType,
                                        QStringLiteral("application/json"));
    withProperties.properties.setString(PropertyId::ResponseTopic, QStringLiteral("svc/answers"));
    withProperties.properties.setBinary(PropertyId::CorrelationData, QByteArray("\x00\x2a", 2));
    withProperties.properties.addUserProperty(QStringLiteral("site"), QStringLiteral("lab"));
    withProperties.properties.addUserProperty(QStringLiteral("site"), QStringLiteral("lab 2"));
    for (const Message &message : {text, binary, withProperties})
        QVERIFY(ClientWaits::publishAndWait(publisher, message, WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messageCount(), 4, WaitMs);
    QVERIFY(recorder.stop());
    sent << retained << text << binary << withProperties;

    // Replayed behind a prefix, as fast as possible.
    QList<Arrival> arrivals;
    QVERIFY(watcher(QStringLiteral("copy/#"), &arrivals));
    Client *replaying = connectedClient();
    QVERIFY(replaying);
    Capture::Replayer replayer(replaying);
    QSignalSpy finished(&replayer, &Capture::Replayer::finished);
    Capture::Replayer::Options replay;
    replay.pacing = Capture::Replayer::Pacing::AsFastAsPossible;
    replay.topicPrefix = QStringLiteral("copy/");
    QVERIFY2(replayer.start(path, replay, &problem), qPrintable(problem));
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(finished.at(0).at(0).value<Capture::Replayer::Outcome>(),
             Capture::Replayer::Outcome::Completed);
    QCOMPARE(replayer.publishedCount(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 4, WaitMs);
    for (int i = 0; i < sent.size(); ++i) {
        const Message &expected = sent.at(i);
        const Message &got = arrivals.at(i).message;
        QCOMPARE(got.topic, QStringLiteral("copy/") + expected.topic);
        QCOMPARE(got.payload, expected.payload);
        QCOMPARE(got.qos, expected.qos);
        QCOMPARE(got.retain, expected.retain);
        const Properties &p = got.properties;
        const Properties &e = expected.properties;
        QCOMPARE(p.integer(PropertyId::PayloadFormatIndicator),
                 e.integer(PropertyId::PayloadFormatIndicator));
        QCOMPARE(p.string(PropertyId::ContentType), e.string(PropertyId::ContentType));
        QCOMPARE(p.string(PropertyId::ResponseTopic), e.string(PropertyId::ResponseTopic));
        QCOMPARE(p.binary(PropertyId::CorrelationData), e.binary(PropertyId::CorrelationData));
        QCOMPARE(p.userProperties(), e.userProperties());
    }
}

void tst_RecordReplay::pacingFollowsSpeed()
{
    // Gaps of 300 ms replayed at speed 3 arrive 100 ms apart, and the whole run takes 500 ms:
    // each message is due at its offset / speed from the start, so late timers do not add up.
    const QString path = writeFile(QStringLiteral("pace.jsonl"), {0, 300, 600, 900, 1200, 1500});
    QVERIFY(!path.isEmpty());
    Capture::Replayer::Options replay;
    replay.speed = 3;
    ReplayRun run;
    QVERIFY(startReplay(&run, path, replay));
    QList<Arrival> &arrivals = run.arrivals;
    QSignalSpy &finished = *run.finished;
    QVERIFY(finished.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 6, WaitMs);
    QStringList gaps;
    for (int i = 1; i < arrivals.size(); ++i)
        gaps << QString::number(arrivals.at(i).atMs - arrivals.at(i - 1).atMs);
    const QString seen = gaps.join(QStringLiteral(", "));
    qInfo("gaps at speed 3 (expected 100 ms each): %s ms", qPrintable(seen));
    for (int i = 1; i < arrivals.size(); ++i) {
        QCOMPARE(arrivals.at(i).message.topic, QStringLiteral("pace/%1").arg(i));
        const qint64 gap = arrivals.at(i).atMs - arrivals.at(i - 1).atMs;
        QVERIFY2(gap >= 40 && gap <= 220, qPrintable(seen));
    }
    const qint64 total = arrivals.last().atMs - arrivals.first().atMs;
    QVERIFY2(total >= 450 && total <= 700, qPrintable(QString::number(total)));
}

void tst_RecordReplay::maxSpeedIgnoresGaps()
{
    // The same gaps, as fast as possible: everything within a fraction of the recorded span.
    const QString path = writeFile(QStringLiteral("fast.jsonl"), {0, 1000, 2000, 3000, 4000});
    QVERIFY(!path.isEmpty());
    Capture::Replayer::Options replay;
    replay.pacing = Capture::Replayer::Pacing::AsFastAsPossible;
    ReplayRun run;
    QVERIFY(startReplay(&run, path, replay));
    QList<Arrival> &arrivals = run.arrivals;
    QSignalSpy &finished = *run.finished;
    QVERIFY(finished.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 5, WaitMs);
    const qint64 total = arrivals.last().atMs - arrivals.first().atMs;
    QVERIFY2(total < 1000, qPrintable(QString::number(total)));
}

void tst_RecordReplay::qosOverride()
{
    const QString path = writeFile(QStringLiteral("qos.jsonl"), {0, 1, 2});
    QVERIFY(!path.isEmpty());
    Capture::Replayer::Options replay;
    replay.qos = QoS::ExactlyOnce;
    ReplayRun run;
    QVERIFY(startReplay(&run, path, replay));
    QList<Arrival> &arrivals = run.arrivals;
    QSignalSpy &finished = *run.finished;
    QVERIFY(finished.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 3, WaitMs);
    for (const Arrival &arrival : std::as_const(arrivals))
        QCOMPARE(arrival.message.qos, QoS::ExactlyOnce);
}

void tst_RecordReplay::loopAndStop()
{
    const QString path = writeFile(QStringLiteral("loop.jsonl"), {0, 20, 40});
    QVERIFY(!path.isEmpty());
    Capture::Replayer::Options replay;
    replay.looping = Capture::Replayer::Looping::Forever;
    ReplayRun run;
    QVERIFY(startReplay(&run, path, replay));
    QList<Arrival> &arrivals = run.arrivals;
    Capture::Replayer &replayer = *run.replayer;
    QSignalSpy &finished = *run.finished;
    // Three passes: the file starts again after its last message.
    QTRY_VERIFY_WITH_TIMEOUT(arrivals.size() >= 9, WaitMs);
    QVERIFY(replayer.loop() >= 3);
    for (int i = 0; i < 9; ++i)
        QCOMPARE(arrivals.at(i).message.topic, QStringLiteral("pace/%1").arg(i % 3));
    replayer.stop();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<Capture::Replayer::Outcome>(),
             Capture::Replayer::Outcome::Stopped);
    QVERIFY(!replayer.isRunning());
    // Nothing after the stop: a marker published after it is the last to arrive.
    const qint64 published = replayer.publishedCount();
    Message marker;
    marker.topic = QStringLiteral("pace/marker");
    QVERIFY(ClientWaits::publishAndWait(connectedClient(), marker, WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(!arrivals.isEmpty() && arrivals.last().message.topic == marker.topic,
                             WaitMs);
    QCOMPARE(replayer.publishedCount(), published);
    QCOMPARE(arrivals.size(), published + 1);
}

void tst_RecordReplay::badLineStopsTheReplay()
{
    const QString path = m_directory.filePath(QStringLiteral("bad.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format":"switchboard-capture","version":1,"start":"2026-01-01T00:00:00.000Z"})"
               "\n"
               R"({"t":0,"topic":"pace/0","payload":"0","qos":0})"
               "\n"
               R"({"t":1,"payload":"1","qos":0})"
               "\n");
    file.close();
    Capture::Replayer::Options replay;
    ReplayRun run;
    QVERIFY(startReplay(&run, path, replay));
    QList<Arrival> &arrivals = run.arrivals;
    Capture::Replayer &replayer = *run.replayer;
    QSignalSpy &finished = *run.finished;
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(finished.at(0).at(0).value<Capture::Replayer::Outcome>(),
             Capture::Replayer::Outcome::Failed);
    const QString error = finished.at(0).at(1).toString();
    QVERIFY2(error.contains(QStringLiteral("line 3: the field \"topic\" is missing")),
             qPrintable(error));
    QCOMPARE(replayer.publishedCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 1, WaitMs);
}

void tst_RecordReplay::refusesWithoutConnection()
{
    const QString path = writeFile(QStringLiteral("idle.jsonl"), {0});
    Client idle;
    Capture::Replayer replayer(&idle);
    QString problem;
    QVERIFY(!replayer.start(path, {}, &problem));
    QCOMPARE(problem, QStringLiteral("the connection is not up"));
    Client *client = connectedClient();
    QVERIFY(client);
    Capture::Replayer prefixed(client);
    Capture::Replayer::Options replay;
    replay.topicPrefix = QStringLiteral("bad/#/");
    QVERIFY(!prefixed.start(path, replay, &problem));
    QVERIFY2(problem.contains(QStringLiteral("bad/#/")), qPrintable(problem));
    replay.topicPrefix.clear();
    replay.speed = 0;
    QVERIFY(!prefixed.start(path, replay, &problem));
}

QTEST_GUILESS_MAIN(tst_RecordReplay)
#include "tst_record_replay.moc"
