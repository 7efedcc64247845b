// SPDX-License-Identifier: Apache-2.0
#pragma once

// Engine internal: only src/mqtt and the engine's own tests (switchboard_mqtt_internals)
// may include it; the layers above use client.h, message.h, subscription.h, properties.h,
// serverlimits.h and validation.h.
#ifndef SWITCHBOARD_MQTT_INTERNALS
#error "framereader.h is internal to the MQTT engine (src/mqtt)"
#endif

#include "protocol.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Mqtt {

// One whole frame of the stream.
struct Frame
{
    PacketType type = PacketType::Reserved;
    quint8 flags = 0;
    QByteArrayView body; // valid until the next append() or clear()
    quint32 size = 0; // whole frame, fixed header included
};

// Accumulates bytes from a stream and yields whole MQTT frames. It reads the fixed header as
// soon as it arrives, so a malformed or oversized Remaining Length is refused before the body
// is buffered. Consumed frames are skipped by an offset rather than removed one by one, so a
// burst of small frames costs linear time.
class FrameReader
{
public:
    using Frame = Mqtt::Frame;

    enum class Status {
        FrameReady,
        NeedMoreData,
        Error,
    };

    // Why next() returned Error: lets callers branch without parsing translated text.
    enum class Problem {
        None,
        MalformedLength, // a Remaining Length longer than 4 bytes or not minimally encoded
        TooLarge, // a frame over maximumPacketSize()
    };

    // Largest whole frame accepted; anything longer is an error. Default: the protocol limit.
    void setMaximumPacketSize(quint32 bytes) { m_maximumPacketSize = bytes; }
    quint32 maximumPacketSize() const { return m_maximumPacketSize; }

    void append(QByteArrayView data);
    // Room for reading straight into the buffer: returns a pointer to `count` writable bytes;
    // call commit() with how many were filled.
    char *reserve(qsizetype count);
    void commit(qsizetype count);

    Status next(Frame *frame);
    QString errorString() const { return m_error; }
    Problem problem() const { return m_problem; }
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }
    // Memory held by the buffer, consumed frames included (for tests of bounded growth).
    qsizetype bufferCapacity() const { return m_buffer.capacity(); }
    void clear();

private:
    void compact();

    QByteArray m_buffer;
    qsizetype m_offset = 0;
    qsizetype m_reserved = 0;
    quint32 m_maximumPacketSize = MaximumRemainingLength + 5;
    QString m_error;
    Problem m_problem = Problem::None;
};

} // namespace Mqtt
