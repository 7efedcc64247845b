// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture.h"
#include "client.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Capture {

// Publishes the messages of a capture file through a connected client, at the recorded pace,
// N times faster, or as fast as the connection takes them. The file is read as it goes (any
// size in constant memory). Each message is due at its recorded offset (from the file's first
// message) divided by the speed, counted from the start of the replay on a monotonic clock:
// a late timer makes the next message come sooner, so the replay does not drift. Messages keep
// their order at the subscribers: one at QoS 0 or 1 waits for the QoS 2 messages before it to
// complete (a broker passes a QoS 2 message on only once it is released).
class Replayer : public QObject
{
    Q_OBJECT
public:
    enum class Pacing {
        Recorded, // at the recorded pace divided by speed
        AsFastAsPossible,
    };
    Q_ENUM(Pacing)
    enum class Looping { Once, Forever };
    Q_ENUM(Looping)
    enum class Outcome {
        Completed, // every message published (and acknowledged at QoS 1 and 2)
        Stopped, // stop() was called
        Failed, // the file or the connection failed; the text says why
    };
    Q_ENUM(Outcome)

    struct Options
    {
        Pacing pacing = Pacing::Recorded;
        double speed = 1.0; // with Pacing::Recorded: 2 replays twice as fast
        QString topicPrefix; // put in front of every topic ("copy/" makes rec/a copy/rec/a)
        std::optional<Mqtt::QoS> qos; // every message at this QoS; nullopt: as recorded
        Looping looping = Looping::Once;
    };

    explicit Replayer(Mqtt::Client *client, QObject *parent = nullptr);

    // The speed and topic prefix checked: false, with *problem, when they cannot work.
    static bool checkOptions(const Options &options, QString *problem);

    // Opens the file and starts publishing. False, with *problem, when the file cannot be
    // read, the options are wrong, or the client is not connected.
    bool start(const QString &path, const Options &options, QString *problem);
    void stop();
    bool isRunning() const { return m_running; }

    const Options &options() const { return m_options; }
    qint64 publishedCount() const { return m_published; }
    // Messages the broker refused (5.0 reason codes) or the client did not send.
    qint64 refusedCount() const { return m_refused; }
    // 1 for the first pass through the file.
    int loop() const { return m_loop; }
    // How far through the file the current pass is, 0 to 1.
    double progress() const;

Q_SIGNALS:
    // At most every 50 ms, and once at the end.
    void progressChanged(qint64 published, double progress);
    void messagePublished(const Mqtt::Message &message, quint64 token);
    void finished(Capture::Replayer::Outcome outcome, const QString &problem);

private:
    void pump();
    // Reads the next message into m_next, starting the next pass at the end of the file when
    // looping. False at the end (or on an error: then the replay has failed).
    bool readNext();
    bool isBacklogged() const;
    void publishNext();
    void onPublished(quint64 token);
    void onRefused(quint64 token, const Mqtt::Error &error);
    void resumeAfter(quint64 token);
    void finishIfDone();
    void end(Outcome outcome, const QString &problem = {});
    void reportProgress(bool force);

    // Pause while this many messages wait in the client or this many bytes in the transport.
    static constexpr int MaximumQueued = 1000;
    static constexpr qint64 MaximumBytesToWrite = 1 << 20;
    // Messages published in one turn of the event loop before it gets a turn.
    static constexpr int BatchSize = 256;

    Mqtt::Client *m_client;
    Reader m_reader;
    Options m_options;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastProgressMs = -1;
    bool m_running = false;
    bool m_readingDone = false;
    bool m_backlogged = false; // waiting for the connection to catch up
    std::optional<Record> m_next;
    qint64 m_nextLine = 0;
    std::optional<qint64> m_firstOffsetMs; // of the file's first message
    qint64 m_lastOffsetMs = 0; // of the last message read in this pass
    double m_loopStartMs = 0; // when this pass began, in replay time
    int m_loop = 1;
    qint64 m_messagesInPass = 0;
    qint64 m_published = 0;
    qint64 m_refused = 0;
    QString m_lastRefusal;
    QSet<quint64> m_pending; // published, not yet reported by the client
    QSet<quint64> m_pendingExactlyOnce; // those at QoS 2
};

} // namespace Capture
