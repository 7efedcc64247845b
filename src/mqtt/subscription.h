// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "protocol.h"

#include <QList>
#include <QMetaType>
#include <QString>

// What the application asks for in a SUBSCRIBE and what the broker answers.
namespace Mqtt {

enum class RetainHandling : quint8 {
    SendAtSubscribe = 0,
    SendAtNewSubscribe = 1,
    DoNotSend = 2,
};

struct SubscribeTopic
{
    QString filter;
    QoS qos = QoS::AtMostOnce;
    // MQTT 5.0 subscription options
    bool noLocal = false;
    bool retainAsPublished = false;
    RetainHandling retainHandling = RetainHandling::SendAtSubscribe;

    bool operator==(const SubscribeTopic &o) const
    {
        return filter == o.filter && qos == o.qos && noLocal == o.noLocal &&
               retainAsPublished == o.retainAsPublished && retainHandling == o.retainHandling;
    }
};

// The broker's answer for one filter of a SUBSCRIBE. 3.1.1's return codes 0, 1, 2 and 0x80
// share the values of the 5.0 reason codes.
struct SubscribeResult
{
    SubscribeResult() = default;
    SubscribeResult(const QString &filter, ReasonCode reasonCode, const QString &reasonString = {})
        : filter(filter), reasonCode(reasonCode), reasonString(reasonString)
    { }

    QString filter;
    ReasonCode reasonCode = ReasonCode::Success; // granted QoS 0..2, or a failure
    QString reasonString; // 5.0: the broker's Reason String of the SUBACK, if any
    bool isRefused() const { return isFailure(reasonCode); }
    // The QoS the broker granted; only meaningful when not refused.
    QoS grantedQos() const { return QoS(quint8(reasonCode)); }
    // The reason code's name and meaning, e.g. "Granted QoS 1".
    QString reasonText() const { return reasonCodeText(reasonCode); }
};

// 5.0: the broker's answer for one filter of an UNSUBSCRIBE (3.1.1 brokers answer Success).
struct UnsubscribeResult
{
    UnsubscribeResult() = default;
    UnsubscribeResult(const QString &filter, ReasonCode reasonCode, const QString &reasonString = {})
        : filter(filter), reasonCode(reasonCode), reasonString(reasonString)
    { }

    QString filter;
    ReasonCode reasonCode = ReasonCode::Success; // Success, No subscription existed, or a failure
    QString reasonString;
    bool isRefused() const { return isFailure(reasonCode); }
    QString reasonText() const { return reasonCodeText(reasonCode); }
};

} // namespace Mqtt

Q_DECLARE_METATYPE(Mqtt::SubscribeResult)
Q_DECLARE_METATYPE(Mqtt::UnsubscribeResult)
