// SPDX-License-Identifier: Apache-2.0
#include "replayer.h"

#include "topic.h"
#include "transport.h"

#include <cmath>

namespace Capture {

Replayer::Replayer(Mqtt::Client *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Replayer::pump);
    connect(m_client, &Mqtt::Client::messagePublished, this, &Replayer::onPublished);
    connect(m_client, &Mqtt::Client::messageRefused, this, &Replayer::onRefused);
    connect(m_client, &Mqtt::Client::stateChanged, this, [this](Mqtt::Client::State state) {
        if (!m_running || state == Mqtt::Client::State::Connected)
            return;
        const QString reason = m_client->lastError().text;
        end(Outcome::Failed, reason.isEmpty() ? tr("the connection closed")
                                              : tr("the connection closed: %1").arg(reason));
    });
}

bool Replayer::checkOptions(const Options &options, QString *problem)
{
    if (options.pacing == Pacing::Recorded && !(options.speed > 0 && std::isfinite(options.speed))) {
        *problem = tr("the speed must be a number above 0");
        return false;
    }
    if (!options.topicPrefix.isEmpty()) {
        // The prefix must keep every topic a valid topic name.
        if (const Mqtt::Error error =
                    Mqtt::validateTopicName(options.topicPrefix + QStringLiteral("a"))) {
            *problem = tr("the topic prefix \"%1\" cannot start a topic: %2")
                               .arg(options.topicPrefix, error.text);
            return false;
        }
    }
    return true;
}

bool Replayer::start(const QString &path, const Options &options, QString *problem)
{
    if (m_running) {
        *problem = tr("a replay is already running");
        return false;
    }
    if (!checkOptions(options, problem))
        return false;
    if (m_client->state() != Mqtt::Client::State::Connected) {
        *problem = tr("the connection is not up");
        return false;
    }
    if (!m_reader.open(path)) {
        *problem = m_reader.errorString();
        return false;
    }
    m_options = options;
    m_running = true;
    m_readingDone = false;
    m_next.reset();
    m_firstOffsetMs.reset();
    m_lastOffsetMs = 0;
    m_loopStartMs = 0;
    m_loop = 1;
    m_messagesInPass = 0;
    m_published = 0;
    m_refused = 0;
    m_lastRefusal.clear();
    m_pending.clear();
    m_pendingExactlyOnce.clear();
    m_lastProgressMs = -1;
    m_clock.start();
    m_timer.start(0);
    return true;
}

void Replayer::stop()
{
    if (m_running)
        end(Outcome::Stopped);
}

double Replayer::progress() const
{
    const qint64 size = m_reader.size();
    if (m_readingDone || size <= 0)
        return 1.0;
    return qBound(0.0, double(m_reader.position()) / double(size), 1.0);
}

bool Replayer::readNext()
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        Record record;
        switch (m_reader.readNext(&record)) {
        case Reader::Status::Record:
            if (!m_firstOffsetMs)
                m_firstOffsetMs = record.offsetMs;
            m_lastOffsetMs = record.offsetMs;
            m_nextLine = m_reader.lineNumber();
            m_next = std::move(record);
            ++m_messagesInPass;
            return true;
        case Reader::Status::Error:
            end(Outcome::Failed, m_reader.errorString());
            return false;
        case Reader::Status::End:
            // An empty file does not loop.
            if (m_options.looping == Looping::Once || m_messagesInPass == 0)
                return false;
            // The next pass starts where this one's last message was due.
            if (m_options.pacing == Pacing::Recorded)
                m_loopStartMs +=
                        double(m_lastOffsetMs - m_firstOffsetMs.value_or(0)) / m_options.speed;
            if (!m_reader.rewind()) {
                end(Outcome::Failed, m_reader.errorString());
                return false;
            }
            ++m_loop;
            m_messagesInPass = 0;
            break;
        }
    }
    return false;
}

bool Replayer::isBacklogged() const
{
    if (m_client->queuedCount() >= MaximumQueued)
        return true;
    const Mqtt::Transport *transport = m_client->transport();
    return transport && transport->bytesToWrite() > MaximumBytesToWrite;
}

void Replayer::pump()
{
    int published = 0;
    while (m_running) {
        if (!m_next && !readNext()) {
            if (m_running) {
                m_readingDone = true;
                reportProgress(true);
                finishIfDone();
            }
            return;
        }
        if (m_options.pacing == Pacing::Recorded) {
            const double dueMs =
                    m_loopStartMs +
                    double(m_next->offsetMs - m_firstOffsetMs.value_or(0)) / m_options.speed;
            const double nowMs = double(m_clock.nsecsElapsed()) / 1e6;
            if (dueMs > nowMs) {
                reportProgress(false);
                m_timer.start(int(std::ceil(dueMs - nowMs)));
                return;
            }
        }
        const Mqtt::QoS qos = m_options.qos.value_or(m_next->message.qos);
        if (qos != Mqtt::QoS::ExactlyOnce && !m_pendingExactlyOnce.isEmpty()) {
            // Its turn comes when they complete (onPublished()).
            reportProgress(false);
            return;
        }
        if (isBacklogged()) {
            // The connection catches up: each acknowledgement looks again (onPublished()),
            // and a timer for the bytes of QoS 0 messages that have none.
            m_backlogged = true;
            reportProgress(false);
            m_timer.start(2);
            return;
        }
        if (published >= BatchSize) {
            reportProgress(false);
            m_timer.start(0);
            return;
        }
        publishNext();
        ++published;
    }
}

void Replayer::publishNext()
{
    Mqtt::Message message = std::move(m_next->message);
    m_next.reset();
    message.topic.prepend(m_options.topicPrefix);
    if (m_options.qos)
        message.qos = *m_options.qos;
    message.dup = false;
    message.packetId = 0;
    // [MQTT-3.3.4-6]: a client's PUBLISH carries no Subscription Identifier; an alias is the
    // recording connection's.
    message.properties.remove(Mqtt::PropertyId::SubscriptionIdentifier);
    message.properties.remove(Mqtt::PropertyId::TopicAlias);
    if (m_client->options().version != Mqtt::ProtocolVersion::V5)
        message.properties.clear();
    Mqtt::Error error;
    const quint64 token = m_client->publish(message, &error);
    if (token == 0) {
        end(Outcome::Failed,
            tr("%1, line %2: %3").arg(m_reader.fileName()).arg(m_nextLine).arg(error.text));
        return;
    }
    m_pending.insert(token);
    if (message.qos == Mqtt::QoS::ExactlyOnce)
        m_pendingExactlyOnce.insert(token);
    ++m_published;
    Q_EMIT messagePublished(message, token);
}

void Replayer::onPublished(quint64 token)
{
    if (!m_pending.remove(token))
        return;
    resumeAfter(token);
    if (m_backlogged && m_running && m_client->queuedCount() < MaximumQueued / 2) {
        m_backlogged = false;
        m_timer.start(0);
    }
    finishIfDone();
}

void Replayer::onRefused(quint64 token, const Mqtt::Error &error)
{
    if (!m_pending.remove(token))
        return;
    ++m_refused;
    m_lastRefusal = error.text;
    resumeAfter(token);
    finishIfDone();
}

void Replayer::resumeAfter(quint64 token)
{
    // The last QoS 2 message out of the way: the next one may go (unless its time has not
    // come, which pump() finds out).
    if (m_pendingExactlyOnce.remove(token) && m_pendingExactlyOnce.isEmpty() && m_running &&
        m_next && !m_timer.isActive())
        m_timer.start(0);
}

void Replayer::finishIfDone()
{
    if (!m_running || !m_readingDone || !m_pending.isEmpty())
        return;
    if (m_refused > 0)
        end(Outcome::Completed,
            tr("%Ln message(s) refused, the last: %1", nullptr, int(m_refused)).arg(m_lastRefusal));
    else
        end(Outcome::Completed);
}

void Replayer::end(Outcome outcome, const QString &problem)
{
    m_running = false;
    m_timer.stop();
    m_next.reset();
    reportProgress(true);
    m_reader.close();
    Q_EMIT finished(outcome, problem);
}

void Replayer::reportProgress(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && m_lastProgressMs >= 0 && now - m_lastProgressMs < 50)
        return;
    m_lastProgressMs = now;
    Q_EMIT progressChanged(m_published, progress());
}

} // namespace Capture
