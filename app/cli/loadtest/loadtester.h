// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "latencyhistogram.h"
#include "loadpayload.h"

#include "client.h"
#include "connectionoptions.h"
#include "properties.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <vector>

// The broker load test behind `switchboard-cli bench`: N publishers and M subscribers, each its
// own Mqtt::Client, all in this thread's event loop.
namespace LoadTest {

struct Settings
{
    // Broker, credentials, TLS, version, session; the client id is set per connection.
    Mqtt::ConnectionOptions connection;
    // Client ids are <prefix>-pub-<i> and <prefix>-sub-<i>.
    QString clientIdPrefix;
    int publishers = 1;
    int subscribers = 1;
    // New connections per second; 0 opens them all at once.
    double connectRate = 1000;
    // Messages per publisher; 0: until the duration ends.
    qint64 count = 100000;
    // Seconds of publishing; 0: until each publisher has sent count.
    double durationSeconds = 0;
    // Messages per second per publisher; 0: as fast as the window lets (closed loop).
    double rate = 0;
    int size = 64;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    // QoS 1/2 messages in flight per publisher (the engine's window).
    int inflight = 20;
    // Without a rate: how many messages sent but not yet received by every subscriber there
    // may be at once, shared out between the publishers, so a subscriber's queue on the broker
    // stays below this many.
    int window = 1000;
    QString topicPattern;
    QString filter;
    Mqtt::Properties publishProperties;
    Mqtt::Properties subscribeProperties;
    Mqtt::Properties disconnectProperties;
    // While publishing: a failure when nothing arrives for this long though messages are due.
    int idleTimeoutMs = 10000;
    // After publishing: how long to wait for missing messages before counting them lost.
    int drainTimeoutMs = 3000;
};

enum class Phase { Connecting, Publishing, Draining, Finished };

// The figures of the last second, for the live line.
struct Progress
{
    Phase phase = Phase::Connecting;
    double elapsedSeconds = 0;
    int connected = 0;
    int connections = 0;
    double outPerSecond = 0;
    double inPerSecond = 0;
    qint64 p50Ns = 0;
    qint64 p99Ns = 0;
    qint64 missing = 0; // gaps in the sequences so far (lost unless they still arrive)
    qint64 duplicates = 0;
};

struct Results
{
    int connections = 0; // that reached CONNACK
    double connectSeconds = 0; // first connection attempt to the last CONNACK
    LatencyHistogram connectTimes; // attempt to CONNACK, per connection
    qint64 published = 0;
    double publishSeconds = 0; // first to last publish
    qint64 expected = 0; // published times subscribers
    qint64 received = 0; // distinct messages received, summed over the subscribers
    qint64 lost = 0;
    qint64 duplicates = 0;
    qint64 corrupt = 0; // wrong size or an impossible stamp
    qint64 foreign = 0; // stamped by another run on the same topics
    std::vector<qint64> lostPerSubscriber;
    std::vector<qint64> duplicatesPerSubscriber;
    double seconds = 0; // first publish to the last message received
    double cpuSeconds = 0; // this process, while publishing and draining
    LatencyHistogram latency; // publish to receive
    // Without a rate: how often nothing arrived for a second while the publishers waited, so
    // they stopped waiting for what was missing.
    int windowReleases = 0;
    QString failure;

    bool isComplete() const
    {
        return failure.isEmpty() && lost == 0 && duplicates == 0 && corrupt == 0;
    }
};

// Raises the soft open-file limit to the hard limit when `connections` need more than the soft
// one. False with *problem set when even the hard limit is too low; *note says what was raised.
bool raiseOpenFileLimit(int connections, QString *note, QString *problem);

class LoadTester : public QObject
{
    Q_OBJECT
public:
    explicit LoadTester(const Settings &settings, QObject *parent = nullptr);
    ~LoadTester() override;

    // Opens the connections (subscribers first, then publishers), publishes, waits for the
    // last messages, closes the connections and emits finished().
    void start();
    // Ends the run early (Ctrl+C): what arrived so far is counted.
    void stop();
    const Results &results() const { return m_results; }

Q_SIGNALS:
    void progressed(const LoadTest::Progress &progress);
    void finished();

private:
    struct Publisher
    {
        std::unique_ptr<Mqtt::Client> client;
        Mqtt::Message message;
        quint64 published = 0; // the next sequence number
        quint64 limit = 0; // published stops here
        quint64 acknowledged = 0;
        qint64 connectStartNs = 0;
        // Without a rate: per sequence number in the window, how many subscribers have it
        // (or skipped past it), and the lowest that not every subscriber has.
        std::vector<quint32> passed;
        quint64 lowestOpen = 0;
    };
    struct Subscriber
    {
        std::unique_ptr<Mqtt::Client> client;
        std::vector<SequenceWindow> sequences; // one per publisher
        qint64 duplicates = 0;
        qint64 connectStartNs = 0;
    };

    static qint64 nowNs();
    Mqtt::ConnectionOptions optionsFor(const QString &clientId) const;
    void createClients();
    void watchClient(Mqtt::Client *client, const QString &name);
    // Starts the connections now due; true once the phase has started them all.
    bool rampConnections();
    void startPhase(Phase phase);
    void onConnected(qint64 startNs);
    void onSubscribed(const QList<Mqtt::SubscribeResult> &results);
    void startPublishing();
    void pump(int index);
    bool publishNext(int index);
    void onRateTick();
    void onPublisherDone();
    void onMessage(int subscriber, const Mqtt::Message &message);
    void advanceWindow(int publisher, quint64 from, quint64 to);
    void onSecond();
    void releaseWindows();
    void stopPublishing();
    void startDraining();
    void fail(const QString &text);
    void finish();
    void collectResults();
    void closeConnections();
    void onClosed();
    void emitFinished();

    Settings m_settings;
    quint32 m_runId = 0;
    Phase m_phase = Phase::Connecting;
    std::vector<Publisher> m_publishers;
    std::vector<Subscriber> m_subscribers;
    quint64 m_windowPerPublisher = 0; // 0 with a rate
    quint64 m_ringMask = 0;

    QTimer m_rampTimer;
    QElapsedTimer m_rampClock;
    int m_startedInPhase = 0;
    QTimer m_rateTimer;
    QTimer m_secondTimer;
    QTimer m_durationTimer;
    QTimer m_closeTimer;

    int m_connected = 0;
    int m_subscribed = 0;
    int m_publishersConnected = 0;
    int m_publishersDone = 0;
    qint64 m_connectStartNs = 0;
    qint64 m_connectEndNs = 0;
    qint64 m_publishStartNs = 0;
    qint64 m_lastPublishNs = 0;
    qint64 m_lastReceiveNs = 0;
    qint64 m_runStartNs = 0;
    double m_cpuAtStart = 0;

    qint64 m_published = 0;
    qint64 m_unique = 0;
    qint64 m_expected = 0; // known once publishing is over
    qint64 m_duplicates = 0;
    qint64 m_corrupt = 0;
    qint64 m_foreign = 0;
    qint64 m_missing = 0;
    int m_windowReleases = 0;
    LatencyHistogram m_latency;
    LatencyHistogram m_secondLatency;
    LatencyHistogram m_connectTimes;
    qint64 m_secondPublished = 0;
    qint64 m_secondReceived = 0;
    qint64 m_uniqueAtLastCheck = -1;
    qint64 m_quietSinceNs = 0;

    Results m_results;
    bool m_finished = false;
    bool m_emittedFinished = false;
};

} // namespace LoadTest
