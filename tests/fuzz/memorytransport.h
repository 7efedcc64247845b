// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "transport.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaObject>

#include <algorithm>
#include <cstring>
#include <utility>

// A transport without a socket: what the client writes is kept, what the "broker" says is fed
// in by the test. It opens on the next turn of the event loop, as a socket would.
class MemoryTransport : public Mqtt::Transport
{
    Q_OBJECT
public:
    using Mqtt::Transport::Transport;

    void connectToHost(const QString &host, quint16 port) override
    {
        Q_UNUSED(host);
        Q_UNUSED(port);
        m_incoming.clear();
        m_readPosition = 0;
        m_opening = true;
        m_written.append(QByteArray());
        QMetaObject::invokeMethod(
                this,
                [this] {
                    if (!m_opening)
                        return;
                    m_opening = false;
                    m_open = true;
                    emit connected();
                },
                Qt::QueuedConnection);
    }
    void disconnectFromHost() override { close(); }
    void abort() override { close(); }
    bool isOpen() const override { return m_open; }
    qint64 write(const char *data, qint64 size) override
    {
        if (!m_open)
            return -1;
        m_written.last().append(data, size);
        return size;
    }
    qint64 bytesAvailable() const override { return m_incoming.size() - m_readPosition; }
    qint64 read(char *data, qint64 maximum) override
    {
        const qint64 count = std::min(maximum, bytesAvailable());
        std::memcpy(data, m_incoming.constData() + m_readPosition, size_t(count));
        m_readPosition += count;
        return count;
    }
    qint64 bytesToWrite() const override { return 0; }

    // The broker's bytes.
    void feed(QByteArrayView bytes)
    {
        if (!m_open)
            return;
        m_incoming.append(bytes.data(), bytes.size());
        emit readyRead();
    }
    // The broker closes the connection.
    void closeFromPeer() { close(); }
    // What the client wrote, one entry per connection.
    const QList<QByteArray> &written() const { return m_written; }

private:
    void close()
    {
        m_opening = false;
        if (!std::exchange(m_open, false))
            return;
        emit disconnected();
    }

    QByteArray m_incoming;
    qint64 m_readPosition = 0;
    QList<QByteArray> m_written;
    bool m_opening = false;
    bool m_open = false;
};
