// SPDX-License-Identifier: Apache-2.0
#include "sequencelog.h"

SequenceLog::SequenceLog(int count) : m_count(count), m_copies(size_t(count), 0)
{
    m_arrivals.reserve(size_t(count));
}

void SequenceLog::add(const QByteArray &payload)
{
    bool ok = false;
    const int number = payload.toInt(&ok);
    if (!ok || number < 0 || number >= m_count) {
        ++m_foreign;
        return;
    }
    if (m_copies[size_t(number)]++ == 0)
        ++m_distinct;
    m_arrivals.push_back(number);
}

QString SequenceLog::orderProblem() const
{
    // First copies: each new number is the next one expected.
    int expected = 0;
    std::vector<int> last(size_t(m_count), -1);
    for (size_t at = 0; at < m_arrivals.size(); ++at) {
        const int number = m_arrivals[at];
        last[size_t(number)] = int(at);
        if (number > expected)
            return QStringLiteral("%1 arrived (arrival %2) before %3")
                    .arg(number)
                    .arg(at)
                    .arg(expected);
        if (number == expected)
            ++expected;
    }
    // Final copies: the last copy of each number comes after the last copy of the one before.
    for (int number = 1; number < m_count; ++number) {
        if (last[size_t(number)] >= 0 && last[size_t(number)] < last[size_t(number - 1)])
            return QStringLiteral("the last copy of %1 (arrival %2) came before the last copy of "
                                  "%3 (arrival %4)")
                    .arg(number)
                    .arg(last[size_t(number)])
                    .arg(number - 1)
                    .arg(last[size_t(number - 1)]);
    }
    return {};
}

QString SequenceLog::summary() const
{
    QString text =
            QStringLiteral("%1 of %2, %3 duplicates").arg(m_distinct).arg(m_count).arg(duplicates());
    if (m_foreign > 0)
        text += QStringLiteral(", %1 foreign").arg(m_foreign);
    return text;
}
