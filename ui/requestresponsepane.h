// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>

class RequestResponseModel;

namespace Ui {
class RequestResponsePane;
}

// The MQTT 5.0 request/response helper: publishes a request with a Response Topic and a unique
// Correlation Data (subscribing to the response topic first when needed) and lists each request
// with its response and latency, a timeout ("no response"), and responses nobody asked for.
// The pairing lives in RequestResponseModel.
class RequestResponsePane : public QWidget
{
    Q_OBJECT
public:
    explicit RequestResponsePane(QWidget *parent = nullptr);
    ~RequestResponsePane() override;

    void setClient(Mqtt::Client *client);
    RequestResponseModel *model() const { return m_model; }

    // True when the client is connected with MQTT 5.0 (the helper needs its properties).
    bool isAvailable() const;

    QString requestTopic() const;
    void setRequestTopic(const QString &topic);
    QString responseTopic() const;
    void setResponseTopic(const QString &topic);
    QString payloadText() const;
    void setPayloadText(const QString &text);
    Mqtt::QoS qos() const;
    void setQos(Mqtt::QoS qos);
    int timeout() const; // ms; 0: wait for ever
    void setTimeout(int milliseconds);
    QString statusText() const;

    // The response topic offered for this connection: the broker's Response Information as a
    // prefix when it gave one, otherwise switchboard/response/<client id>.
    QString defaultResponseTopic() const;

    // Sends one request; returns the client's token, 0 when nothing was sent (status says why).
    quint64 send();

Q_SIGNALS:
    // A request was handed to the client (the log shows it as outgoing).
    // token: the client's token for the message (its answer comes with that token).
    void messagePublished(const Mqtt::Message &message, quint64 token);

private:
    void showError(const QString &text);
    void showStatus(const QString &text);
    void updateAvailability();
    void updateSummary();
    void onConnected();
    void onMessageReceived(const Mqtt::Message &message);
    void onSubscriptionAcknowledged(quint64 token, const QList<Mqtt::SubscribeResult> &results);
    bool isSubscribedTo(const QString &topic) const;

    std::unique_ptr<Ui::RequestResponsePane> m_ui;
    QPointer<Mqtt::Client> m_client;
    RequestResponseModel *m_model = nullptr;
    QSet<QString> m_responseTopics; // topics whose messages are treated as responses
    QSet<QString> m_subscribedTopics; // response topics this pane subscribed to
    QHash<quint64, QString> m_pendingSubscriptions; // SUBSCRIBE token -> response topic
    QString m_lastDefaultResponseTopic;
};
