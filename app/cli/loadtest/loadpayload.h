// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <cstring>

// What each message of `switchboard-cli bench` carries at the start of its payload, so a
// subscriber can tell latency, loss and duplicates: little-endian fields, then filler.
namespace LoadTest {

struct Stamp
{
    quint64 sequence = 0; // per publisher, from 0
    qint64 sentNs = 0; // steady clock when publish() was called
    quint32 publisher = 0; // index, from 0
    quint32 run = 0; // random per run: messages of another run on the same topics are foreign

    static constexpr int Size = 24;

    void write(char *data) const
    {
        std::memcpy(data, &sequence, 8);
        std::memcpy(data + 8, &sentNs, 8);
        std::memcpy(data + 16, &publisher, 4);
        std::memcpy(data + 20, &run, 4);
    }
    // False when the payload is too short to hold a stamp.
    bool read(QByteArrayView payload)
    {
        if (payload.size() < Size)
            return false;
        const char *data = payload.data();
        std::memcpy(&sequence, data, 8);
        std::memcpy(&sentNs, data + 8, 8);
        std::memcpy(&publisher, data + 16, 4);
        std::memcpy(&run, data + 20, 4);
        return true;
    }
};
static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the stamp is written in host order");

// One subscriber's view of one publisher's sequence numbers: which arrived, in a sliding
// window of 64 behind the highest one, so a late message that fills a gap is no duplicate.
class SequenceWindow
{
public:
    enum class Outcome { New, Duplicate };

    Outcome add(quint64 sequence)
    {
        if (sequence >= m_next) {
            const quint64 advance = sequence + 1 - m_next;
            m_seen = advance >= 64 ? 0 : m_seen << advance;
            m_seen |= 1;
            m_next = sequence + 1;
            ++m_unique;
            return Outcome::New;
        }
        const quint64 behind = m_next - 1 - sequence;
        // Older than the window: it cannot be told apart from a repeat, so it counts as one.
        if (behind >= 64 || (m_seen & (quint64(1) << behind)) != 0)
            return Outcome::Duplicate;
        m_seen |= quint64(1) << behind;
        ++m_unique;
        return Outcome::New;
    }
    // One past the highest sequence number seen.
    quint64 next() const { return m_next; }
    // Distinct sequence numbers seen.
    quint64 unique() const { return m_unique; }

private:
    quint64 m_next = 0;
    quint64 m_seen = 0; // bit k: sequence m_next - 1 - k arrived
    quint64 m_unique = 0;
};

} // namespace LoadTest
