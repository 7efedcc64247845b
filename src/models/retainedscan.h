// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

// Finds the retained messages at and below a topic: subscribes to "topic/#" for a moment,
// collects the topics whose messages come with the retain flag right after the SUBACK, and
// unsubscribes (a subscription the user holds to the same filter is asked again with its own
// options and kept). The messages themselves reach the window like any other, so the topic
// tree marks them.
class RetainedScan : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Subscribing, Collecting, Finished, Failed };
    Q_ENUM(State)

    static constexpr int DefaultSettleInterval = 500; // ms without a retained message: done
    static constexpr int DefaultTimeout = 30000; // ms in all, however busy the broker is

    explicit RetainedScan(Mqtt::Client *client, QObject *parent = nullptr);
    ~RetainedScan() override;

    // Starts a scan of the topic and everything below (an empty topic: the whole broker).
    // False (error says why) when not connected or the filter is refused before sending.
    bool start(const QString &topic, Mqtt::Error *error = nullptr);
    State state() const { return m_state; }
    QString topic() const { return m_topic; }
    QString filter() const { return m_filter; }
    // The topics found holding a retained message, sorted.
    QStringList topics() const;
    QString errorText() const { return m_errorText; }

    int settleInterval() const { return m_settle.interval(); }
    void setSettleInterval(int milliseconds) { m_settle.setInterval(milliseconds); }

Q_SIGNALS:
    void finished(const QStringList &topics);
    void failed(const QString &reason);

private:
    void onMessageReceived(const Mqtt::Message &message);
    void onSubscriptionAcknowledged(quint64 token, const QList<Mqtt::SubscribeResult> &results);
    void finish();
    void fail(const QString &reason);
    void stopListening();

    QPointer<Mqtt::Client> m_client;
    State m_state = State::Idle;
    QString m_topic;
    QString m_filter;
    quint64 m_token = 0;
    bool m_keepSubscription = false; // the user holds the same filter
    QSet<QString> m_found;
    QString m_errorText;
    QTimer m_settle;
    QTimer m_timeout;
};
