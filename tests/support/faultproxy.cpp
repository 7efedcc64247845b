// SPDX-License-Identifier: Apache-2.0
#include "faultproxy.h"

#include <QEventLoop>
#include <QMetaEnum>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <sys/socket.h>

namespace {

// An armed cut that meets no chunk within this time cuts between packets instead.
constexpr int ArmedCutPatienceMs = 300;
// A cleanly closed socket is read (and its bytes dropped) until the peer closes too, at most
// this long: closing with unread bytes would make the kernel send RST instead of FIN.
constexpr int CloseLingerMs = 2000;

} // namespace

void FaultProxy::PacketTracker::feed(const char *data, qsizetype size)
{
    qsizetype at = 0;
    while (at < size) {
        switch (m_stage) {
        case Stage::Type:
            ++at;
            m_stage = Stage::Length;
            m_length = 0;
            m_shift = 0;
            break;
        case Stage::Length: {
            const quint8 byte = quint8(data[at++]);
            m_length |= quint32(byte & 0x7f) << m_shift;
            m_shift += 7;
            if ((byte & 0x80) == 0) {
                m_left = m_length;
                m_stage = m_left == 0 ? Stage::Type : Stage::Body;
            }
            break;
        }
        case Stage::Body: {
            const qsizetype taken = std::min<qsizetype>(m_left, size - at);
            at += taken;
            m_left -= quint32(taken);
            if (m_left == 0)
                m_stage = Stage::Type;
            break;
        }
        }
    }
}

quint32 FaultProxy::seedFromEnvironment()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("SWITCHBOARD_FAULT_SEED").toUInt(&ok);
    return ok ? seed : QRandomGenerator::global()->generate();
}

bool FaultProxy::runUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() >= timeoutMs)
            loop.quit();
    });
    poll.start(20);
    loop.exec();
    return done();
}

FaultProxy::FaultProxy(const QHostAddress &targetHost, quint16 targetPort, quint32 seed,
                       QObject *parent)
    : QObject(parent),
      m_targetHost(targetHost),
      m_targetPort(targetPort),
      m_seed(seed),
      m_random(seed),
      m_server(new QTcpServer(this))
{
    m_clock.start();
    for (QTimer *timer : {&m_cutTimer, &m_armTimer, &m_stallTimer, &m_flushTimer})
        timer->setSingleShot(true);
    connect(m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
    connect(&m_cutTimer, &QTimer::timeout, this, &FaultProxy::onCutTimer);
    connect(&m_armTimer, &QTimer::timeout, this, [this] {
        if (!m_armed.armed)
            return;
        m_armed.armed = false;
        const Cut kind = m_armed.cut;
        while (!m_links.empty())
            cut(m_links.back().get(), kind, Boundary::BetweenPackets);
        scheduleCut();
    });
    connect(&m_stallTimer, &QTimer::timeout, this, &FaultProxy::onStallTimer);
    connect(&m_flushTimer, &QTimer::timeout, this, &FaultProxy::flushAll);
}

FaultProxy::~FaultProxy()
{
    while (!m_links.empty())
        removeLink(m_links.back().get());
}

bool FaultProxy::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FaultProxy::port() const
{
    return m_server->serverPort();
}

int FaultProxy::between(int minimum, int maximum)
{
    return maximum <= minimum ? minimum : int(m_random.bounded(minimum, maximum + 1));
}

void FaultProxy::setCutInterval(int minimumMs, int maximumMs)
{
    m_cutMinimumMs = minimumMs;
    m_cutMaximumMs = maximumMs;
    scheduleCut();
}

void FaultProxy::setStalls(int minimumMs, int maximumMs, int stallMs)
{
    m_stallMinimumMs = minimumMs;
    m_stallMaximumMs = maximumMs;
    m_stallMs = stallMs;
    scheduleStall();
}

void FaultProxy::stopFaults()
{
    m_faultsStopped = true;
    m_cutTimer.stop();
    m_armTimer.stop();
    m_stallTimer.stop();
    m_armed.armed = false;
    for (const auto &link : m_links) {
        for (Flow &flow : link->flows) {
            flow.stalledUntilMs = 0;
            for (Chunk &chunk : flow.held)
                chunk.dueMs = 0;
        }
    }
    flushAll();
}

void FaultProxy::scheduleCut()
{
    if (m_faultsStopped || m_cutMaximumMs <= 0) {
        m_cutTimer.stop();
        return;
    }
    m_cutTimer.start(between(m_cutMinimumMs, m_cutMaximumMs));
}

void FaultProxy::onCutTimer()
{
    const bool anyOpen = std::any_of(m_links.begin(), m_links.end(),
                                     [](const auto &link) { return link->serverConnected; });
    if (!anyOpen) {
        m_cutTimer.start(20); // nothing to cut yet: soon again
        return;
    }
    const Cut kind = m_random.bounded(2) == 0 ? Cut::Reset : Cut::Close;
    if (m_random.bounded(2) == 0) {
        // Mid-packet: the next chunk on the way is split and the link cut after its first part.
        m_armed = {true, kind};
        m_armTimer.start(ArmedCutPatienceMs);
        return;
    }
    cutNow(kind);
    scheduleCut();
}

void FaultProxy::cutNow(Cut kind)
{
    while (!m_links.empty()) {
        Link *link = m_links.back().get();
        const bool inside =
                !link->flows[0].tracker.isAtBoundary() || !link->flows[1].tracker.isAtBoundary();
        cut(link, kind, inside ? Boundary::MidPacket : Boundary::BetweenPackets);
    }
}

void FaultProxy::scheduleStall()
{
    if (m_faultsStopped || m_stallMaximumMs <= 0 || m_stallMs <= 0) {
        m_stallTimer.stop();
        return;
    }
    m_stallTimer.start(between(m_stallMinimumMs, m_stallMaximumMs));
}

void FaultProxy::onStallTimer()
{
    if (!m_links.empty()) {
        Link *link = m_links.at(m_random.bounded(int(m_links.size()))).get();
        Flow &flow = link->flows[m_random.bounded(2)];
        flow.stalledUntilMs = now() + between(m_stallMs / 4, m_stallMs);
        ++m_stallCount;
    }
    scheduleStall();
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        ++m_connectionCount;
        auto owned = std::make_unique<Link>();
        Link *link = owned.get();
        m_links.push_back(std::move(owned));
        link->client = client;
        link->server = new QTcpSocket(this);
        QTcpSocket *server = link->server;
        connect(server, &QTcpSocket::connected, this, [this, link] {
            link->serverConnected = true;
            link->server->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            forward(link, Direction::ToServer); // what the client sent meanwhile
        });
        connect(client, &QTcpSocket::readyRead, this,
                [this, link] { onReadable(link, Direction::ToServer); });
        connect(server, &QTcpSocket::readyRead, this,
                [this, link] { onReadable(link, Direction::ToClient); });
        // One side left: the other side gets what is held for it, then a clean close.
        for (QTcpSocket *socket : {client, server}) {
            connect(socket, &QTcpSocket::disconnected, this, [this, link] { removeLink(link); });
            connect(socket, &QTcpSocket::errorOccurred, this,
                    [this, link](QAbstractSocket::SocketError error) {
                        if (error != QAbstractSocket::RemoteHostClosedError)
                            removeLink(link);
                    });
        }
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        server->connectToHost(m_targetHost, m_targetPort);
    }
}

QTcpSocket *FaultProxy::target(Link *link, Direction direction) const
{
    return direction == Direction::ToServer ? link->server : link->client;
}

void FaultProxy::onReadable(Link *link, Direction direction)
{
    QTcpSocket *source = direction == Direction::ToServer ? link->client : link->server;
    const QByteArray bytes = source->readAll();
    if (bytes.isEmpty())
        return;
    Flow &flow = link->flows[int(direction)];
    qint64 due = now();
    if (!m_faultsStopped && m_maximumDelayMs > 0) {
        const int delay = between(0, m_maximumDelayMs);
        if (delay > 0)
            ++m_delayedChunks;
        due += delay;
    }
    if (!flow.held.empty()) // order is kept
        due = std::max(due, flow.held.back().dueMs);
    flow.held.push_back(Chunk{bytes, due});
    forward(link, direction);
}

void FaultProxy::forward(Link *link, Direction direction)
{
    QTcpSocket *destination = target(link, direction);
    if (!link->serverConnected)
        return;
    Flow &flow = link->flows[int(direction)];
    const qint64 time = now();
    if (flow.stalledUntilMs > time) {
        scheduleFlush();
        return;
    }
    while (!flow.held.empty() && flow.held.front().dueMs <= time) {
        if (m_armed.armed && splitAndCut(link, direction, m_armed.cut))
            return; // the link is gone
        const QByteArray &bytes = flow.held.front().bytes;
        destination->write(bytes);
        flow.tracker.feed(bytes.constData(), bytes.size());
        m_bytes[int(direction)] += bytes.size();
        flow.held.pop_front();
    }
    if (!flow.held.empty())
        scheduleFlush();
}

bool FaultProxy::splitAndCut(Link *link, Direction direction, Cut kind)
{
    Flow &flow = link->flows[int(direction)];
    const QByteArray &bytes = flow.held.front().bytes;
    // The points of the chunk that end inside a packet: the first part goes out, then the cut.
    std::vector<qsizetype> inside;
    PacketTracker tracker = flow.tracker;
    for (qsizetype at = 0; at < bytes.size(); ++at) {
        if (!tracker.isAtBoundary())
            inside.push_back(at);
        tracker.feed(bytes.constData() + at, 1);
    }
    if (inside.empty())
        return false;
    const qsizetype part = inside.at(m_random.bounded(int(inside.size())));
    if (part > 0) {
        target(link, direction)->write(bytes.constData(), part);
        flow.tracker.feed(bytes.constData(), part);
        m_bytes[int(direction)] += part;
    }
    m_armed.armed = false;
    m_armTimer.stop();
    cut(link, kind, Boundary::MidPacket);
    // The other connections (if any) go down at the same moment.
    while (!m_links.empty())
        cut(m_links.back().get(), kind, Boundary::BetweenPackets);
    scheduleCut();
    return true;
}

void FaultProxy::cut(Link *link, Cut kind, Boundary boundary)
{
    ++m_cuts[int(kind)];
    ++m_cutsAt[int(kind)][int(boundary)];
    for (QTcpSocket *socket : {link->client, link->server}) {
        disconnect(socket, nullptr, this, nullptr);
        socket->flush(); // the part written last reaches the kernel before the cut
        const int descriptor = int(socket->socketDescriptor());
        if (descriptor < 0 || socket->state() != QAbstractSocket::ConnectedState) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (kind == Cut::Reset) {
            const linger option{1, 0};
            ::setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, sizeof option);
            socket->abort(); // close() with a zero linger time sends RST
            socket->deleteLater();
        } else {
            ::shutdown(descriptor, SHUT_WR); // FIN after the bytes already written
            connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(CloseLingerMs, socket, [socket] {
                socket->abort();
                socket->deleteLater();
            });
        }
    }
    link->client = link->server = nullptr;
    emit cutMade(kind, boundary);
    removeLink(link);
}

void FaultProxy::removeLink(Link *link)
{
    const auto it = std::find_if(m_links.begin(), m_links.end(),
                                 [link](const auto &owned) { return owned.get() == link; });
    if (it == m_links.end())
        return;
    // One side left on its own: the other side gets what is held for it, then a clean close.
    if (link->client && link->server) {
        for (const Direction direction : {Direction::ToServer, Direction::ToClient}) {
            QTcpSocket *destination = target(link, direction);
            if (destination->state() != QAbstractSocket::ConnectedState)
                continue;
            for (const Chunk &chunk : link->flows[int(direction)].held)
                destination->write(chunk.bytes);
        }
    }
    for (QTcpSocket *socket : {link->client, link->server}) {
        if (!socket)
            continue;
        disconnect(socket, nullptr, this, nullptr);
        if (socket->state() == QAbstractSocket::ConnectedState) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->disconnectFromHost();
            QTimer::singleShot(CloseLingerMs, socket, [socket] {
                socket->abort();
                socket->deleteLater();
            });
        } else {
            socket->abort();
            socket->deleteLater();
        }
    }
    m_links.erase(it);
}

void FaultProxy::scheduleFlush()
{
    qint64 next = -1;
    for (const auto &link : m_links) {
        for (const Flow &flow : link->flows) {
            if (flow.held.empty())
                continue;
            const qint64 due = std::max(flow.held.front().dueMs, flow.stalledUntilMs);
            next = next < 0 ? due : std::min(next, due);
        }
    }
    if (next < 0)
        return;
    const int wait = int(std::max<qint64>(0, next - now()));
    if (!m_flushTimer.isActive() || m_flushTimer.remainingTime() > wait)
        m_flushTimer.start(wait);
}

void FaultProxy::flushAll()
{
    // forward() may cut every link: walk a copy of the pointers and check each is still here.
    std::vector<Link *> links;
    for (const auto &link : m_links)
        links.push_back(link.get());
    for (Link *link : links) {
        for (const Direction direction : {Direction::ToServer, Direction::ToClient}) {
            const bool alive =
                    std::any_of(m_links.begin(), m_links.end(),
                                [link](const auto &owned) { return owned.get() == link; });
            if (alive)
                forward(link, direction);
        }
    }
}

QString FaultProxy::summary() const
{
    const auto part = [this](Cut kind) {
        return QStringLiteral("%1 %2 (%3 mid-packet)")
                .arg(QString::fromLatin1(QMetaEnum::fromType<Cut>().valueToKey(int(kind))).toLower())
                .arg(cuts(kind))
                .arg(cuts(kind, Boundary::MidPacket));
    };
    return QStringLiteral("seed %1: %2 cuts: %3, %4; %5 stalls, %6 delayed chunks, %7 "
                          "connections, %8 bytes to the server, %9 to the client")
            .arg(m_seed)
            .arg(totalCuts())
            .arg(part(Cut::Reset), part(Cut::Close))
            .arg(m_stallCount)
            .arg(m_delayedChunks)
            .arg(m_connectionCount)
            .arg(m_bytes[int(Direction::ToServer)])
            .arg(m_bytes[int(Direction::ToClient)]);
}
