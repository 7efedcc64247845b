// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

// What a receiver got of a numbered stream (payloads "0" to "count - 1", sent in that order on
// one topic at one QoS), judged by what MQTT promises:
// - QoS 1 (4.3.2): every number at least once; QoS 2 (4.3.3): every number exactly once.
// - Order (4.6, [MQTT-4.6.0-1] resends in the original order and [MQTT-4.6.0-6] an Ordered
//   Topic is delivered in the order published): new messages arrive in order. A QoS 1 resend
//   may bring an earlier message again after later ones (4.6's example: 1,2,3,2,3,4), so at
//   QoS 1 the first copies are in order and so are the final copies; at QoS 2 there are no
//   copies and the whole stream is in order.
class SequenceLog
{
public:
    explicit SequenceLog(int count);

    // A payload as received; anything that is not a number of the stream counts as foreign.
    void add(const QByteArray &payload);

    int count() const { return m_count; }
    int received() const { return int(m_arrivals.size()); }
    int distinct() const { return m_distinct; }
    int lost() const { return m_count - m_distinct; }
    int duplicates() const { return received() - m_distinct - m_foreign; }
    int foreign() const { return m_foreign; }
    bool isComplete() const { return m_distinct == m_count; }

    // Empty when the first copies and the final copies each come in the order published.
    QString orderProblem() const;
    // "5000 of 5000, 12 duplicates"
    QString summary() const;

private:
    int m_count;
    int m_distinct = 0;
    int m_foreign = 0;
    std::vector<int> m_arrivals; // numbers in arrival order (foreign ones left out)
    std::vector<int> m_copies; // by number
};
