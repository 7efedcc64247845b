// SPDX-License-Identifier: Apache-2.0
#include "retainedscan.h"

#include "topic.h"

RetainedScan::RetainedScan(Mqtt::Client *client, QObject *parent)
    : QObject(parent), m_client(client)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(DefaultSettleInterval);
    connect(&m_settle, &QTimer::timeout, this, &RetainedScan::finish);
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(DefaultTimeout);
    connect(&m_timeout, &QTimer::timeout, this, &RetainedScan::finish);
}

RetainedScan::~RetainedScan()
{
    if (m_state == State::Subscribing || m_state == State::Collecting)
        stopListening();
}

bool RetainedScan::start(const QString &topic, Mqtt::Error *error)
{
    auto refuse = [&](Mqtt::ErrorCode code, const QString &text) {
        if (error)
            *error = Mqtt::Error{code, text};
        return false;
    };
    if (!m_client || m_client->state() != Mqtt::Client::State::Connected)
        return refuse(Mqtt::ErrorCode::NotConnected, tr("Not connected"));
    if (m_state == State::Subscribing || m_state == State::Collecting)
        return refuse(Mqtt::ErrorCode::InvalidArgument,
                      tr("A search for retained messages is running"));
    m_topic = topic;
    // "a/#" matches "a" itself too (4.7.1.2).
    m_filter = topic.isEmpty() ? QStringLiteral("#") : topic + QStringLiteral("/#");
    m_found.clear();
    m_errorText.clear();

    Mqtt::SubscribeTopic subscription;
    subscription.filter = m_filter;
    subscription.qos = Mqtt::QoS::AtMostOnce; // in order, with no in-flight window to wait for
    m_keepSubscription = false;
    for (const Mqtt::SubscribeTopic &held : m_client->activeSubscriptions()) {
        if (held.filter == m_filter) {
            // Asking again for the same filter replaces it and sends its retained messages
            // again [MQTT-3.8.4-3]; with the user's own options nothing else changes.
            subscription = held;
            subscription.retainHandling = Mqtt::RetainHandling::SendAtSubscribe;
            m_keepSubscription = true;
        }
    }
    connect(m_client, &Mqtt::Client::messageReceived, this, &RetainedScan::onMessageReceived);
    connect(m_client, &Mqtt::Client::subscriptionAcknowledged, this,
            &RetainedScan::onSubscriptionAcknowledged);
    connect(m_client, &Mqtt::Client::disconnected, this,
            [this] { fail(tr("The connection ended during the search")); });
    m_token = m_client->subscribe({subscription}, error);
    if (m_token == 0) {
        m_client->disconnect(this);
        return false;
    }
    m_state = State::Subscribing;
    m_timeout.start();
    return true;
}

QStringList RetainedScan::topics() const
{
    QStringList topics(m_found.cbegin(), m_found.cend());
    topics.sort();
    return topics;
}

void RetainedScan::onMessageReceived(const Mqtt::Message &message)
{
    if (!message.retain || message.payload.isEmpty() || !Mqtt::topicMatches(m_filter, message.topic))
        return;
    m_found.insert(message.topic);
    if (m_state == State::Collecting)
        m_settle.start(); // more may follow
}

void RetainedScan::onSubscriptionAcknowledged(quint64 token,
                                              const QList<Mqtt::SubscribeResult> &results)
{
    if (token != m_token || m_state != State::Subscribing)
        return;
    if (!results.isEmpty() && results.first().isRefused()) { // [MQTT-3.9.3-1]
        fail(tr("The broker refused the subscription to %1: %2")
                     .arg(m_filter, results.first().reasonText()));
        return;
    }
    // The broker sends the retained messages right after the SUBACK [MQTT-3.3.1-6]: done
    // once they stop coming.
    m_state = State::Collecting;
    m_settle.start();
}

void RetainedScan::stopListening()
{
    m_settle.stop();
    m_timeout.stop();
    if (!m_client)
        return;
    m_client->disconnect(this);
    if (!m_keepSubscription && m_client->state() == Mqtt::Client::State::Connected)
        m_client->unsubscribe({m_filter});
}

void RetainedScan::finish()
{
    if (m_state != State::Collecting && m_state != State::Subscribing)
        return;
    stopListening();
    m_state = State::Finished;
    Q_EMIT finished(topics());
}

void RetainedScan::fail(const QString &reason)
{
    stopListening();
    m_state = State::Failed;
    m_errorText = reason;
    Q_EMIT failed(reason);
}
