// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "properties.h"
#include "protocol.h"

#include <QList>
#include <QPair>
#include <QString>

#include <array>
#include <optional>

namespace Mqtt {

// What a broker allows on one connection, read once from its CONNACK. A 5.0 broker sends a
// limit only where it differs from the specification's default (3.2.2.3); a 3.1.1 broker
// sends none. Each accessor answers with the value in force: the announced one, or the
// default. A default-constructed value holds the defaults (no CONNACK yet, or 3.1.1).
class ServerLimits
{
public:
    // The limits with a specification default, for isAnnounced().
    enum class Limit {
        MaximumQos,
        RetainAvailable,
        WildcardSubscriptionAvailable,
        SubscriptionIdentifierAvailable,
        SharedSubscriptionAvailable,
        ReceiveMaximum,
        MaximumPacketSize,
        TopicAliasMaximum,
        ServerKeepAlive,
        SessionExpiryInterval,
    };

    ServerLimits() = default;
    // The limits of a CONNACK's properties (version 3.1.1 or 3.1: the defaults).
    static ServerLimits fromConnack(const Properties &properties, ProtocolVersion version,
                                    bool sessionPresent);

    bool sessionPresent() const { return m_sessionPresent; }
    // 3.2.2.3.4: QoS 2 unless announced.
    QoS maximumQos() const;
    // 3.2.2.3.5, 3.2.2.3.11 - 13: available unless announced as 0.
    bool isRetainAvailable() const { return flag(Limit::RetainAvailable); }
    bool isWildcardSubscriptionAvailable() const
    {
        return flag(Limit::WildcardSubscriptionAvailable);
    }
    bool isSubscriptionIdentifierAvailable() const
    {
        return flag(Limit::SubscriptionIdentifierAvailable);
    }
    bool isSharedSubscriptionAvailable() const { return flag(Limit::SharedSubscriptionAvailable); }
    // 3.2.2.3.3: QoS 1 and 2 messages the broker takes at once; 65,535 unless announced.
    quint16 receiveMaximum() const;
    // 3.2.2.3.6: the largest packet the broker accepts; none announced: no limit beyond the
    // protocol's.
    std::optional<quint32> maximumPacketSize() const
    {
        return m_values[index(Limit::MaximumPacketSize)];
    }
    // 3.2.2.3.8: outgoing topic aliases allowed; 0 (none) unless announced.
    quint16 topicAliasMaximum() const;
    // 3.2.2.3.14: the keep-alive in force: the broker's Server Keep Alive, else requested.
    quint16 keepAlive(quint16 requested) const;
    // 3.2.2.3.2: the session lifetime the broker granted, if it changed the requested one.
    std::optional<quint32> sessionExpiryInterval() const
    {
        return m_values[index(Limit::SessionExpiryInterval)];
    }
    bool isAnnounced(Limit limit) const { return m_values[index(limit)].has_value(); }
    // The raw announced value of a limit (for display), if any.
    std::optional<quint32> announced(Limit limit) const { return m_values[index(limit)]; }

    // 3.2.2.3.7: the client id the broker assigned (we sent an empty one); empty when none.
    QString assignedClientIdentifier() const { return m_assignedClientIdentifier; }
    // 3.2.2.3.15: the Response Information asked for with Request Response Information.
    QString responseInformation() const { return m_responseInformation; }
    QString serverReference() const { return m_serverReference; }
    QString reasonString() const { return m_reasonString; }
    QList<QPair<QString, QString>> userProperties() const { return m_userProperties; }

private:
    static constexpr int LimitCount = int(Limit::SessionExpiryInterval) + 1;
    static constexpr int index(Limit limit) { return int(limit); }
    bool flag(Limit limit) const { return m_values[index(limit)].value_or(1) != 0; }

    std::array<std::optional<quint32>, LimitCount> m_values{};
    bool m_sessionPresent = false;
    QString m_assignedClientIdentifier;
    QString m_responseInformation;
    QString m_serverReference;
    QString m_reasonString;
    QList<QPair<QString, QString>> m_userProperties;
};

} // namespace Mqtt
