// SPDX-License-Identifier: Apache-2.0
#include "framereader.h"

#include "bytes.h"

#include <QCoreApplication>

namespace Mqtt {

void FrameReader::compact()
{
    if (m_offset == 0)
        return;
    if (m_offset >= m_buffer.size()) {
        m_buffer.resize(0); // keeps the capacity
        m_offset = 0;
        return;
    }
    // Move the tail only when the consumed part dominates, so each byte moves O(1) times.
    if (m_offset >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
}

void FrameReader::append(QByteArrayView data)
{
    compact();
    m_buffer.append(data.data(), data.size());
}

char *FrameReader::reserve(qsizetype count)
{
    compact();
    m_reserved = m_buffer.size();
    m_buffer.resize(m_reserved + count);
    return m_buffer.data() + m_reserved;
}

void FrameReader::commit(qsizetype count)
{
    m_buffer.resize(m_reserved + count);
}

FrameReader::Status FrameReader::next(Frame *frame)
{
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < 2)
        return Status::NeedMoreData;
    const QByteArrayView data(m_buffer.constData() + m_offset, available);
    const quint8 first = quint8(data[0]);
    const VarIntResult length = decodeVariableByteInteger(data.sliced(1));
    switch (length.status) {
    case VarIntStatus::NeedMoreData:
        return Status::NeedMoreData;
    case VarIntStatus::TooLong:
        m_problem = Problem::MalformedLength;
        m_error = QCoreApplication::translate(
                "Mqtt", "Malformed packet: its Remaining Length is longer than 4 bytes");
        return Status::Error;
    case VarIntStatus::Overlong: // [MQTT-1.5.5-1]
        m_problem = Problem::MalformedLength;
        m_error = QCoreApplication::translate(
                "Mqtt", "Malformed packet: its Remaining Length is not minimally encoded");
        return Status::Error;
    case VarIntStatus::Ok:
        break;
    }
    const quint64 frameSize = quint64(1 + length.length) + length.value;
    // Refused from the header alone, before any of the body is buffered.
    if (frameSize > m_maximumPacketSize) {
        m_problem = Problem::TooLarge;
        m_error = QCoreApplication::translate("Mqtt", "Received a packet of %L1 bytes, more than "
                                                      "the maximum of %L2 bytes")
                          .arg(frameSize)
                          .arg(m_maximumPacketSize);
        return Status::Error;
    }
    if (quint64(available) < frameSize)
        return Status::NeedMoreData;
    frame->type = PacketType(first >> 4);
    frame->flags = first & 0x0F;
    frame->body = data.sliced(1 + length.length, length.value);
    frame->size = quint32(frameSize);
    m_offset += qsizetype(frameSize);
    return Status::FrameReady;
}

void FrameReader::clear()
{
    m_buffer.clear();
    m_offset = 0;
    m_reserved = 0;
    m_error.clear();
    m_problem = Problem::None;
}

} // namespace Mqtt
