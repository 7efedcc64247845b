// SPDX-License-Identifier: Apache-2.0
#pragma once

// Engine internal: only src/mqtt and the engine's own tests (switchboard_mqtt_internals)
// may include it; the layers above use client.h, message.h, subscription.h, properties.h,
// serverlimits.h and validation.h.
#ifndef SWITCHBOARD_MQTT_INTERNALS
#error "bytes.h is internal to the MQTT engine (src/mqtt)"
#endif

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

// Big-endian readers and writers over packet bodies (MQTT "data representation", 1.5).
namespace Mqtt {

enum class VarIntStatus { Ok, NeedMoreData, TooLong, Overlong };

struct VarIntResult
{
    VarIntStatus status = VarIntStatus::NeedMoreData;
    quint32 value = 0;
    int length = 0; // bytes consumed when status is Ok
};

// Decodes a Variable Byte Integer from the start of data. Refuses a fifth byte (TooLong) and
// a non-minimal encoding (Overlong, [MQTT-1.5.5-1]).
VarIntResult decodeVariableByteInteger(QByteArrayView data);
// Number of bytes the value takes as a Variable Byte Integer (1..4); value <= 268435455.
int variableByteIntegerSize(quint32 value);
// Writes value into out (room for 4 bytes) and returns how many bytes were written.
int encodeVariableByteInteger(quint32 value, char *out);
void appendVariableByteInteger(QByteArray &out, quint32 value);

inline void appendUInt16(QByteArray &out, quint16 value)
{
    const char bytes[2] = {char(value >> 8), char(value & 0xFF)};
    out.append(bytes, 2);
}

inline void appendUInt32(QByteArray &out, quint32 value)
{
    const char bytes[4] = {char(value >> 24), char((value >> 16) & 0xFF), char((value >> 8) & 0xFF),
                           char(value & 0xFF)};
    out.append(bytes, 4);
}

// Two-byte length followed by the bytes (UTF-8 string or binary data).
inline void appendLengthPrefixed(QByteArray &out, QByteArrayView bytes)
{
    appendUInt16(out, quint16(bytes.size()));
    out.append(bytes.data(), bytes.size());
}

// A cursor over a packet body. Every read checks the bounds; the first failure sticks.
class ByteReader
{
public:
    explicit ByteReader(QByteArrayView data) : m_data(data) { }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_position >= m_data.size(); }
    qsizetype remaining() const { return m_data.size() - m_position; }
    qsizetype position() const { return m_position; }

    quint8 readByte()
    {
        if (!require(1))
            return 0;
        return quint8(m_data[m_position++]);
    }
    quint16 readUInt16()
    {
        if (!require(2))
            return 0;
        const auto *p = reinterpret_cast<const uchar *>(m_data.data() + m_position);
        m_position += 2;
        return quint16((p[0] << 8) | p[1]);
    }
    quint32 readUInt32()
    {
        if (!require(4))
            return 0;
        const auto *p = reinterpret_cast<const uchar *>(m_data.data() + m_position);
        m_position += 4;
        return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
    }
    quint32 readVariableByteInteger()
    {
        if (!m_ok)
            return 0;
        const VarIntResult result = decodeVariableByteInteger(m_data.sliced(m_position));
        if (result.status != VarIntStatus::Ok) {
            m_ok = false;
            return 0;
        }
        m_position += result.length;
        return result.value;
    }
    // Two-byte length then that many bytes.
    QByteArrayView readLengthPrefixed()
    {
        const quint16 length = readUInt16();
        return readBytes(length);
    }
    QByteArrayView readBytes(qsizetype count)
    {
        if (!require(count))
            return {};
        QByteArrayView view = m_data.sliced(m_position, count);
        m_position += count;
        return view;
    }
    QByteArrayView readRest()
    {
        if (!m_ok)
            return {};
        QByteArrayView view = m_data.sliced(m_position);
        m_position = m_data.size();
        return view;
    }

private:
    bool require(qsizetype count)
    {
        if (!m_ok || count > m_data.size() - m_position) {
            m_ok = false;
            return false;
        }
        return true;
    }

    QByteArrayView m_data;
    qsizetype m_position = 0;
    bool m_ok = true;
};

} // namespace Mqtt
