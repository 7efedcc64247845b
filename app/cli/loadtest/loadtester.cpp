// SPDX-License-Identifier: Apache-2.0
#include "loadtester.h"

#include "loadpattern.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace LoadTest {

namespace {

// Process CPU time (user + system) in seconds: the client's cost, not the broker's.
double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Descriptors the process needs besides its connections: standard streams, the event loop's
// own, the signal pipe, TLS and host lookups.
constexpr rlim_t SpareDescriptors = 64;

// With a rate: publishers are driven by one timer; a publisher whose QoS 1/2 backlog reaches
// this many waits for acknowledgements (and falls behind its rate, which the figures show).
constexpr quint64 RateBacklog = 10000;
constexpr int RateTickMs = 5;

quint64 nextPowerOfTwo(quint64 value)
{
    quint64 result = 1;
    while (result < value)
        result <<= 1;
    return result;
}

} // namespace

bool raiseOpenFileLimit(int connections, QString *note, QString *problem)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return true; // nothing to learn: let the connections try
    const rlim_t needed = rlim_t(connections) + SpareDescriptors;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed) {
        const rlim_t before = limit.rlim_cur;
        if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max > limit.rlim_cur) {
            limit.rlim_cur = limit.rlim_max;
            if (setrlimit(RLIMIT_NOFILE, &limit) == 0)
                *note = QCoreApplication::translate(
                                "bench", "raised the open-file limit from %1 to the hard limit, %2")
                                .arg(quint64(before))
                                .arg(limit.rlim_max == RLIM_INFINITY
                                             ? QCoreApplication::translate("bench", "unlimited")
                                             : QString::number(quint64(limit.rlim_max)));
            else
                limit.rlim_cur = before;
        }
        if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed) {
            *problem = QCoreApplication::translate(
                               "bench",
                               "%1 connections need about %2 open files, but this process may open "
                               "at most %3 (the hard limit of 'ulimit -n'): raise the hard limit "
                               "(as root: ulimit -Hn, or LimitNOFILE= for a service) or run fewer "
                               "connections on this machine")
                               .arg(connections)
                               .arg(quint64(needed))
                               .arg(quint64(limit.rlim_cur));
            return false;
        }
    }
    return true;
}

LoadTester::LoadTester(const Settings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
    // Never 0, so a zeroed payload is never taken for ours.
    m_runId = QRandomGenerator::global()->generate() | 1;
    if (m_settings.rate <= 0) {
        const auto publishers = quint64(m_settings.publishers);
        m_windowPerPublisher =
                std::max<quint64>(1, (quint64(m_settings.window) + publishers - 1) / publishers);
        m_ringMask = nextPowerOfTwo(m_windowPerPublisher) - 1;
    }
    m_rampTimer.setInterval(10);
    connect(&m_rampTimer, &QTimer::timeout, this, &LoadTester::rampConnections);
    m_rateTimer.setTimerType(Qt::PreciseTimer);
    m_rateTimer.setInterval(RateTickMs);
    connect(&m_rateTimer, &QTimer::timeout, this, &LoadTester::onRateTick);
    m_secondTimer.setInterval(1000);
    connect(&m_secondTimer, &QTimer::timeout, this, &LoadTester::onSecond);
    m_durationTimer.setSingleShot(true);
    connect(&m_durationTimer, &QTimer::timeout, this, &LoadTester::stopPublishing);
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setInterval(2000);
    // Connections that do not close in time are left to the end of the process.
    connect(&m_closeTimer, &QTimer::timeout, this, &LoadTester::emitFinished);
    createClients();
}

LoadTester::~LoadTester() = default;

qint64 LoadTester::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

Mqtt::ConnectionOptions LoadTester::optionsFor(const QString &clientId) const
{
    Mqtt::ConnectionOptions options = m_settings.connection;
    options.clientId = clientId;
    options.autoReconnect = false; // a lost connection is a failure: no hidden duplicates
    options.maximumInflight = m_settings.inflight;
    options.maximumQueued = int(std::max<quint64>(10000, 2 * RateBacklog));
    return options;
}

void LoadTester::createClients()
{
    m_subscribers.resize(size_t(m_settings.subscribers));
    for (int i = 0; i < m_settings.subscribers; ++i) {
        Subscriber &subscriber = m_subscribers[size_t(i)];
        const QString id = subscriberClientId(m_settings.clientIdPrefix, i + 1);
        subscriber.client = std::make_unique<Mqtt::Client>();
        subscriber.client->setOptions(optionsFor(id));
        subscriber.sequences.resize(size_t(m_settings.publishers));
        Mqtt::Client *client = subscriber.client.get();
        watchClient(client,
                    QCoreApplication::translate("bench", "subscriber %1 (%2)").arg(i + 1).arg(id));
        connect(client, &Mqtt::Client::connected, this, [this, i, client] {
            onConnected(m_subscribers[size_t(i)].connectStartNs);
            Mqtt::Error error;
            if (client->subscribe({Mqtt::SubscribeTopic{m_settings.filter, m_settings.qos}},
                                  m_settings.subscribeProperties, &error) == 0)
                fail(error.text);
        });
        connect(client, &Mqtt::Client::subscriptionAcknowledged, this,
                [this](quint64, const QList<Mqtt::SubscribeResult> &results) {
                    onSubscribed(results);
                });
        connect(client, &Mqtt::Client::messageReceived, this,
                [this, i](const Mqtt::Message &message) { onMessage(i, message); });
    }
    m_publishers.resize(size_t(m_settings.publishers));
    for (int i = 0; i < m_settings.publishers; ++i) {
        Publisher &publisher = m_publishers[size_t(i)];
        const QString id = publisherClientId(m_settings.clientIdPrefix, i + 1);
        publisher.client = std::make_unique<Mqtt::Client>();
        publisher.client->setOptions(optionsFor(id));
        publisher.message.topic = expandTopicPattern(m_settings.topicPattern, i + 1, id);
        publisher.message.qos = m_settings.qos;
        publisher.message.payload = QByteArray(m_settings.size, 'x');
        publisher.message.properties = m_settings.publishProperties;
        publisher.limit = m_settings.count > 0 ? quint64(m_settings.count)
                                               : std::numeric_limits<quint64>::max();
        if (m_windowPerPublisher > 0)
            publisher.passed.assign(size_t(m_ringMask + 1), 0);
        Mqtt::Client *client = publisher.client.get();
        watchClient(client,
                    QCoreApplication::translate("bench", "publisher %1 (%2)").arg(i + 1).arg(id));
        connect(client, &Mqtt::Client::connected, this, [this, i] {
            onConnected(m_publishers[size_t(i)].connectStartNs);
            if (++m_publishersConnected == m_settings.publishers)
                startPublishing();
        });
        if (m_settings.qos != Mqtt::QoS::AtMostOnce) {
            connect(client, &Mqtt::Client::messagePublished, this, [this, i](quint64) {
                ++m_publishers[size_t(i)].acknowledged;
                if (m_windowPerPublisher > 0)
                    pump(i);
            });
        }
        connect(client, &Mqtt::Client::messageRefused, this,
                [this](quint64, const Mqtt::Error &error) { fail(error.text); });
    }
}

void LoadTester::watchClient(Mqtt::Client *client, const QString &name)
{
    connect(client, &Mqtt::Client::errorOccurred, this, [this, name](const Mqtt::Error &error) {
        fail(QCoreApplication::translate("bench", "%1: %2").arg(name, error.text));
    });
    connect(client, &Mqtt::Client::disconnected, this, [this] {
        if (m_phase == Phase::Finished)
            onClosed();
    });
}

void LoadTester::start()
{
    m_runStartNs = nowNs();
    m_secondTimer.start();
    startPhase(Phase::Connecting);
}

void LoadTester::startPhase(Phase phase)
{
    m_phase = phase;
    m_startedInPhase = 0;
    m_rampClock.start();
    if (m_connectStartNs == 0)
        m_connectStartNs = nowNs();
    if (!rampConnections())
        m_rampTimer.start();
}

bool LoadTester::rampConnections()
{
    if (m_finished || m_phase != Phase::Connecting) {
        m_rampTimer.stop();
        return true;
    }
    // Subscribers first; publishers once every subscription is in place.
    const bool subscribersPhase = m_subscribed < m_settings.subscribers;
    const int total = subscribersPhase ? m_settings.subscribers : m_settings.publishers;
    qint64 allowed = total;
    if (m_settings.connectRate > 0)
        allowed = qint64(m_settings.connectRate * double(m_rampClock.nsecsElapsed()) / 1e9) + 1;
    while (m_startedInPhase < total && m_startedInPhase < allowed) {
        const size_t index = size_t(m_startedInPhase++);
        if (subscribersPhase) {
            m_subscribers[index].connectStartNs = nowNs();
            m_subscribers[index].client->connectToHost();
        } else {
            m_publishers[index].connectStartNs = nowNs();
            m_publishers[index].client->connectToHost();
        }
    }
    if (m_startedInPhase < total)
        return false;
    m_rampTimer.stop();
    return true;
}

void LoadTester::onConnected(qint64 startNs)
{
    const qint64 now = nowNs();
    m_connectTimes.record(now - startNs);
    m_connectEndNs = now;
    ++m_connected;
}

void LoadTester::onSubscribed(const QList<Mqtt::SubscribeResult> &results)
{
    if (results.isEmpty() || results.constFirst().isRefused()) {
        fail(QCoreApplication::translate("bench", "the broker refused the subscription to %1")
                     .arg(m_settings.filter));
        return;
    }
    if (++m_subscribed == m_settings.subscribers)
        startPhase(Phase::Connecting); // now the publishers
}

void LoadTester::startPublishing()
{
    if (m_finished)
        return;
    m_phase = Phase::Publishing;
    m_cpuAtStart = processCpuSeconds();
    m_publishStartNs = nowNs();
    m_quietSinceNs = m_publishStartNs;
    if (m_settings.durationSeconds > 0)
        m_durationTimer.start(int(std::lround(m_settings.durationSeconds * 1000)));
    if (m_windowPerPublisher == 0) {
        onRateTick();
        m_rateTimer.start();
        return;
    }
    for (int i = 0; i < m_settings.publishers && m_phase == Phase::Publishing; ++i)
        pump(i);
}

bool LoadTester::publishNext(int index)
{
    Publisher &publisher = m_publishers[size_t(index)];
    Stamp stamp;
    stamp.sequence = publisher.published;
    stamp.sentNs = nowNs();
    stamp.publisher = quint32(index);
    stamp.run = m_runId;
    // data() copies the payload when the engine still holds the previous one (QoS 1/2).
    stamp.write(publisher.message.payload.data());
    Mqtt::Error error;
    if (publisher.client->publish(publisher.message, &error) == 0) {
        fail(error.text);
        return false;
    }
    ++publisher.published;
    ++m_published;
    ++m_secondPublished;
    m_lastPublishNs = stamp.sentNs;
    if (publisher.published == publisher.limit)
        onPublisherDone();
    return true;
}

void LoadTester::pump(int index)
{
    if (m_phase != Phase::Publishing)
        return;
    Publisher &publisher = m_publishers[size_t(index)];
    const bool acknowledged = m_settings.qos != Mqtt::QoS::AtMostOnce;
    const quint64 ackWindow = 2 * quint64(m_settings.inflight); // in flight, and as many queued
    while (publisher.published < publisher.limit &&
           publisher.published - publisher.lowestOpen < m_windowPerPublisher &&
           (!acknowledged || publisher.published - publisher.acknowledged < ackWindow)) {
        if (!publishNext(index))
            return;
    }
}

void LoadTester::onRateTick()
{
    if (m_phase != Phase::Publishing)
        return;
    const double elapsed = double(nowNs() - m_publishStartNs) / 1e9;
    const bool acknowledged = m_settings.qos != Mqtt::QoS::AtMostOnce;
    for (int i = 0; i < m_settings.publishers && m_phase == Phase::Publishing; ++i) {
        Publisher &publisher = m_publishers[size_t(i)];
        // Publishers are spread over the first period, not all on the same tick: the first
        // sends at once, the last just before 1 / rate.
        const double phase = 1.0 - double(i) / double(m_settings.publishers);
        const quint64 due = std::min(publisher.limit, quint64(m_settings.rate * elapsed + phase));
        while (publisher.published < due &&
               (!acknowledged || publisher.published - publisher.acknowledged < RateBacklog)) {
            if (!publishNext(i))
                return;
        }
    }
}

void LoadTester::onPublisherDone()
{
    if (++m_publishersDone == m_settings.publishers)
        startDraining();
}

void LoadTester::stopPublishing()
{
    if (m_phase != Phase::Publishing)
        return;
    for (Publisher &publisher : m_publishers)
        publisher.limit = publisher.published;
    startDraining();
}

void LoadTester::startDraining()
{
    if (m_phase != Phase::Publishing)
        return;
    m_phase = Phase::Draining;
    m_rateTimer.stop();
    m_durationTimer.stop();
    m_expected = m_published * m_settings.subscribers;
    m_quietSinceNs = nowNs();
    if (m_unique >= m_expected)
        finish();
}

void LoadTester::onMessage(int subscriberIndex, const Mqtt::Message &message)
{
    if (m_phase != Phase::Publishing && m_phase != Phase::Draining)
        return;
    Stamp stamp;
    if (message.payload.size() != m_settings.size || !stamp.read(message.payload)) {
        ++m_corrupt;
        return;
    }
    if (stamp.run != m_runId) {
        ++m_foreign;
        return;
    }
    if (stamp.publisher >= quint32(m_settings.publishers) ||
        stamp.sequence >= m_publishers[stamp.publisher].published) {
        ++m_corrupt;
        return;
    }
    Subscriber &subscriber = m_subscribers[size_t(subscriberIndex)];
    SequenceWindow &sequences = subscriber.sequences[stamp.publisher];
    const quint64 before = sequences.next();
    if (sequences.add(stamp.sequence) == SequenceWindow::Outcome::Duplicate) {
        ++subscriber.duplicates;
        ++m_duplicates;
        return;
    }
    const qint64 now = nowNs();
    m_latency.record(now - stamp.sentNs);
    m_secondLatency.record(now - stamp.sentNs);
    m_lastReceiveNs = now;
    ++m_unique;
    ++m_secondReceived;
    if (sequences.next() > before) {
        m_missing += qint64(sequences.next() - before - 1);
        if (m_windowPerPublisher > 0)
            advanceWindow(int(stamp.publisher), before, sequences.next());
    } else {
        --m_missing; // a late one filled a gap
    }
    if (m_phase == Phase::Draining && m_unique >= m_expected)
        finish();
}

void LoadTester::advanceWindow(int index, quint64 from, quint64 to)
{
    Publisher &publisher = m_publishers[size_t(index)];
    // from is at least lowestOpen (the lowest of all subscribers' next()) unless the window was
    // given up on (releaseWindows()).
    for (quint64 sequence = std::max(from, publisher.lowestOpen); sequence < to; ++sequence)
        ++publisher.passed[size_t(sequence & m_ringMask)];
    const auto everyone = quint32(m_settings.subscribers);
    bool moved = false;
    while (publisher.lowestOpen < publisher.published &&
           publisher.passed[size_t(publisher.lowestOpen & m_ringMask)] == everyone) {
        publisher.passed[size_t(publisher.lowestOpen & m_ringMask)] = 0;
        ++publisher.lowestOpen;
        moved = true;
    }
    if (moved)
        pump(index);
}

void LoadTester::releaseWindows()
{
    // What the broker dropped (QoS 0 under load, or a queue limit) never arrives and would keep
    // the windows full: after a quiet second it counts as lost and publishing goes on.
    bool released = false;
    for (Publisher &publisher : m_publishers) {
        if (publisher.lowestOpen == publisher.published)
            continue;
        std::fill(publisher.passed.begin(), publisher.passed.end(), 0);
        publisher.lowestOpen = publisher.published;
        released = true;
    }
    if (!released)
        return;
    ++m_windowReleases;
    for (int i = 0; i < m_settings.publishers && m_phase == Phase::Publishing; ++i)
        pump(i);
}

void LoadTester::onSecond()
{
    const qint64 now = nowNs();
    Progress progress;
    progress.phase = m_phase;
    progress.elapsedSeconds = double(now - m_runStartNs) / 1e9;
    progress.connected = m_connected;
    progress.connections = m_settings.publishers + m_settings.subscribers;
    progress.outPerSecond = double(m_secondPublished);
    progress.inPerSecond = double(m_secondReceived);
    progress.p50Ns = m_secondLatency.percentile(0.5);
    progress.p99Ns = m_secondLatency.percentile(0.99);
    progress.missing = m_missing;
    progress.duplicates = m_duplicates;
    m_secondPublished = 0;
    m_secondReceived = 0;
    m_secondLatency.reset();
    emit progressed(progress);

    if (m_phase != Phase::Publishing && m_phase != Phase::Draining)
        return;
    if (m_unique != m_uniqueAtLastCheck) {
        m_uniqueAtLastCheck = m_unique;
        m_quietSinceNs = now;
        return;
    }
    const qint64 quietMs = (now - m_quietSinceNs) / 1000000;
    if (m_phase == Phase::Publishing && m_windowPerPublisher > 0 && quietMs >= 1000)
        releaseWindows();
    if (m_phase == Phase::Draining && quietMs >= m_settings.drainTimeoutMs) {
        finish(); // what is still missing is lost
    } else if (m_phase == Phase::Publishing && quietMs >= m_settings.idleTimeoutMs &&
               m_published * m_settings.subscribers > m_unique) {
        fail(QCoreApplication::translate("bench", "no message arrived for %1 s; %2 are missing")
                     .arg(m_settings.idleTimeoutMs / 1000)
                     .arg(m_published * m_settings.subscribers - m_unique));
    }
}

void LoadTester::stop()
{
    if (m_phase == Phase::Publishing)
        stopPublishing();
    else
        finish();
}

void LoadTester::fail(const QString &text)
{
    if (m_finished)
        return;
    if (m_results.failure.isEmpty())
        m_results.failure = text;
    finish();
}

void LoadTester::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    collectResults();
    m_phase = Phase::Finished;
    m_rampTimer.stop();
    m_rateTimer.stop();
    m_durationTimer.stop();
    m_secondTimer.stop();
    closeConnections();
}

void LoadTester::collectResults()
{
    Results &results = m_results;
    const qint64 now = nowNs();
    results.connections = m_connected;
    if (m_connectEndNs > m_connectStartNs)
        results.connectSeconds = double(m_connectEndNs - m_connectStartNs) / 1e9;
    results.connectTimes = m_connectTimes;
    results.published = m_published;
    if (m_publishStartNs > 0) {
        results.publishSeconds = double(m_lastPublishNs - m_publishStartNs) / 1e9;
        const qint64 end = m_lastReceiveNs > 0 ? m_lastReceiveNs : now;
        results.seconds = double(end - m_publishStartNs) / 1e9;
        results.cpuSeconds = processCpuSeconds() - m_cpuAtStart;
    }
    // Only what was published can be lost; when the run ended early (a failure, Ctrl+C) the
    // messages still on their way count as lost too.
    results.expected = m_published * m_settings.subscribers;
    results.received = m_unique;
    results.duplicates = m_duplicates;
    results.corrupt = m_corrupt;
    results.foreign = m_foreign;
    results.lostPerSubscriber.assign(m_subscribers.size(), 0);
    results.duplicatesPerSubscriber.assign(m_subscribers.size(), 0);
    for (size_t s = 0; s < m_subscribers.size(); ++s) {
        qint64 lost = 0;
        for (size_t p = 0; p < m_publishers.size(); ++p)
            lost += qint64(m_publishers[p].published - m_subscribers[s].sequences[p].unique());
        results.lostPerSubscriber[s] = lost;
        results.duplicatesPerSubscriber[s] = m_subscribers[s].duplicates;
        results.lost += lost;
    }
    results.latency = m_latency;
    results.windowReleases = m_windowReleases;
}

void LoadTester::closeConnections()
{
    const auto close = [this](Mqtt::Client *client) {
        if (client->state() == Mqtt::Client::State::Connected) {
            client->setDisconnectDrainTimeoutMs(1000);
            client->disconnectFromHost(Mqtt::ReasonCode::Success, m_settings.disconnectProperties);
        } else if (client->state() != Mqtt::Client::State::Disconnected) {
            client->abortConnection();
        }
    };
    for (Subscriber &subscriber : m_subscribers)
        close(subscriber.client.get());
    for (Publisher &publisher : m_publishers)
        close(publisher.client.get());
    m_closeTimer.start();
    onClosed();
}

void LoadTester::onClosed()
{
    if (m_phase != Phase::Finished || m_emittedFinished)
        return;
    const auto isOpen = [](const Mqtt::Client *client) {
        return client->state() != Mqtt::Client::State::Disconnected;
    };
    for (const Subscriber &subscriber : m_subscribers) {
        if (isOpen(subscriber.client.get()))
            return;
    }
    for (const Publisher &publisher : m_publishers) {
        if (isOpen(publisher.client.get()))
            return;
    }
    // After the signal that reported the last close has returned.
    QTimer::singleShot(0, this, &LoadTester::emitFinished);
}

void LoadTester::emitFinished()
{
    m_closeTimer.stop();
    if (m_emittedFinished)
        return;
    m_emittedFinished = true;
    emit finished();
}

} // namespace LoadTest
