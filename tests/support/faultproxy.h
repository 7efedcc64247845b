// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

#include <array>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

// A TCP proxy for tests that breaks the link: it listens on 127.0.0.1 (port 0), opens a
// connection to the target (a real broker) for each client it accepts, and forwards bytes
// both ways while it cuts the connections at random moments, with a reset (RST) or a clean
// close (FIN), often in the middle of an MQTT packet; it can also delay every chunk and stall
// a direction for a while. Each random choice comes from a QRandomGenerator seeded with
// seed(): print it, and pass it again (e.g. SWITCHBOARD_FAULT_SEED) to replay the same
// choices. Counters say which faults really happened, so a test can assert them.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Cut {
        Reset, // SO_LINGER 0 and close: the peers see ECONNRESET
        Close, // shutdown and close: the peers see end of stream
    };
    Q_ENUM(Cut)
    enum class Direction { ToServer, ToClient };
    Q_ENUM(Direction)
    // When a cut leaves the peer with part of a packet.
    enum class Boundary {
        BetweenPackets,
        MidPacket, // the bytes forwarded last end inside an MQTT packet
    };
    Q_ENUM(Boundary)

    // The seed of the environment variable SWITCHBOARD_FAULT_SEED when set, else a random one.
    static quint32 seedFromEnvironment();
    // Runs the event loop until done() or timeoutMs, checking every 20 ms. Unlike
    // QTest::qWaitFor() it never sleeps while no event is pending, so a proxy in the test's own
    // thread forwards at once. Returns done().
    static bool runUntil(const std::function<bool()> &done, int timeoutMs);

    FaultProxy(const QHostAddress &targetHost, quint16 targetPort, quint32 seed,
               QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    quint16 port() const;
    quint32 seed() const { return m_seed; }

    // Cuts the open connection every [minimumMs, maximumMs] (uniformly drawn); 0, 0: never.
    // Half of the cuts are resets, half clean closes; half of each wait for the next chunk
    // of bytes and forward only part of it (ending inside a packet) before cutting.
    void setCutInterval(int minimumMs, int maximumMs);
    // Holds each chunk for up to maximumMs before forwarding it (order is kept).
    void setMaximumDelay(int maximumMs) { m_maximumDelayMs = maximumMs; }
    // Every [minimumMs, maximumMs] one direction stops forwarding for up to stallMs.
    void setStalls(int minimumMs, int maximumMs, int stallMs);
    // Stops every fault (and releases held bytes); connections stay as they are.
    void stopFaults();
    // Cuts the open connections now.
    void cutNow(Cut cut);

    int cuts(Cut cut) const { return m_cuts[int(cut)]; }
    int cuts(Cut cut, Boundary boundary) const { return m_cutsAt[int(cut)][int(boundary)]; }
    int totalCuts() const { return cuts(Cut::Reset) + cuts(Cut::Close); }
    int stalls() const { return m_stallCount; }
    int delayedChunks() const { return m_delayedChunks; }
    int connectionCount() const { return m_connectionCount; }
    qint64 bytesForwarded(Direction direction) const { return m_bytes[int(direction)]; }
    // "seed 123: 40 cuts (reset 21: 11 mid-packet; close 19: 9 mid-packet), 12 stalls, ..."
    QString summary() const;

Q_SIGNALS:
    void cutMade(FaultProxy::Cut cut, FaultProxy::Boundary boundary);

private:
    // Where an MQTT byte stream stands: inside a fixed header, or how many bytes of the
    // current packet are left.
    class PacketTracker
    {
    public:
        void feed(const char *data, qsizetype size);
        bool isAtBoundary() const { return m_stage == Stage::Type; }

    private:
        enum class Stage { Type, Length, Body };
        Stage m_stage = Stage::Type;
        quint32 m_length = 0;
        int m_shift = 0;
        quint32 m_left = 0;
    };
    struct Chunk
    {
        QByteArray bytes;
        qint64 dueMs = 0; // when it may leave
    };
    struct Flow
    {
        std::deque<Chunk> held;
        PacketTracker tracker; // of what was forwarded
        qint64 stalledUntilMs = 0;
    };
    struct Link
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        std::array<Flow, 2> flows; // by Direction
        bool serverConnected = false;
    };
    // A cut waiting for the next chunk to split.
    struct ArmedCut
    {
        bool armed = false;
        Cut cut = Cut::Reset;
    };

    void onNewConnection();
    void onReadable(Link *link, Direction direction);
    void forward(Link *link, Direction direction);
    // Writes part of the chunk at the front of flow, chosen to end inside a packet, and
    // cuts; false when the chunk has no such point.
    bool splitAndCut(Link *link, Direction direction, Cut cut);
    void cut(Link *link, Cut cut, Boundary boundary);
    void removeLink(Link *link);
    void scheduleCut();
    void onCutTimer();
    void scheduleStall();
    void onStallTimer();
    void scheduleFlush();
    void flushAll();
    QTcpSocket *target(Link *link, Direction direction) const;
    qint64 now() const { return m_clock.elapsed(); }
    int between(int minimum, int maximum);

    QHostAddress m_targetHost;
    quint16 m_targetPort;
    quint32 m_seed;
    QRandomGenerator m_random;
    QTcpServer *m_server;
    std::vector<std::unique_ptr<Link>> m_links;
    QElapsedTimer m_clock;
    QTimer m_cutTimer;
    QTimer m_armTimer; // an armed cut that saw no chunk in time cuts anyway
    QTimer m_stallTimer;
    QTimer m_flushTimer;
    ArmedCut m_armed;
    int m_cutMinimumMs = 0;
    int m_cutMaximumMs = 0;
    int m_stallMinimumMs = 0;
    int m_stallMaximumMs = 0;
    int m_stallMs = 0;
    int m_maximumDelayMs = 0;
    bool m_faultsStopped = false;
    std::array<int, 2> m_cuts{};
    std::array<std::array<int, 2>, 2> m_cutsAt{};
    int m_stallCount = 0;
    int m_delayedChunks = 0;
    int m_connectionCount = 0;
    std::array<qint64, 2> m_bytes{};
};
