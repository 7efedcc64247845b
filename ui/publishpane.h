// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "error.h"
#include "message.h"
#include "payloadformat.h"

#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <memory>

class QCompleter;
class QStringListModel;

namespace Mqtt {
class Client;
}

namespace Ui {
class PublishPane;
}

// The publish composer: topic (completed from topics seen), payload in a chosen format, QoS,
// retain, a remembered history and an optional repeat timer. At MQTT 5.0 a collapsible section
// adds the message properties (content type, payload format, expiry, response topic,
// correlation data, user properties) and the status shows the broker's reason code.
class PublishPane : public QWidget
{
    Q_OBJECT
public:
    explicit PublishPane(QWidget *parent = nullptr);
    ~PublishPane() override;

    void setClient(Mqtt::Client *client);

    // Offers a topic in the completer (cheap to call for every message).
    void addKnownTopic(const QString &topic);

    QString topic() const;
    void setTopic(const QString &topic);
    PayloadFormat::Format payloadFormat() const;
    void setPayloadFormat(PayloadFormat::Format format);
    QString payloadText() const;
    void setPayloadText(const QString &text);
    Mqtt::QoS qos() const;
    void setQos(Mqtt::QoS qos);
    bool isRetain() const;
    void setRetain(bool retain);
    QString statusText() const;

    // 5.0 message properties. Correlation data is typed as text or as hex digits.
    enum class CorrelationFormat { Text, Hex };
    Q_ENUM(CorrelationFormat)
    enum class PayloadIndicator { Unspecified, Utf8 };
    Q_ENUM(PayloadIndicator)
    // True when the client's connection speaks 5.0: the properties section is usable and its
    // values go into the messages.
    bool arePropertiesAvailable() const;
    bool isPropertiesSectionShown() const;
    void setPropertiesSectionShown(bool shown);
    void setContentType(const QString &contentType);
    void setPayloadIndicator(PayloadIndicator indicator);
    void setMessageExpiryInterval(quint32 seconds); // 0: none
    void setResponseTopic(const QString &topic);
    void setCorrelationData(const QString &text, CorrelationFormat format);
    // Appends a row to the user properties table (names may repeat; order is kept).
    void addUserProperty(const QString &name, const QString &value);
    void clearUserProperties();
    QList<QPair<QString, QString>> userProperties() const;
    // The properties the composer holds; false with *problem when one of them is invalid.
    bool composeProperties(Mqtt::Properties *properties, QString *problem) const;
    // Fills the properties section (and shows it when there is something to show).
    void setMessageProperties(const Mqtt::Properties &properties);

    // Publishes what the composer holds once; returns the token (0 when nothing was sent).
    quint64 publish();
    // Publish button / Ctrl+Return: once, or starts/stops repeating when "repeat" is on.
    void trigger();
    bool isRepeating() const { return m_repeatTimer.isActive(); }
    void stopRepeating();

    static int maximumHistory() { return 20; }

Q_SIGNALS:
    // A message was handed to the client (the log shows it as outgoing).
    // token: the client's token for the message (its answer comes with that token).
    void messagePublished(const Mqtt::Message &message, quint64 token);

private:
    struct HistoryEntry
    {
        QString topic;
        QString payload;
        PayloadFormat::Format format = PayloadFormat::Format::Text;
        Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
        bool retain = false;
        Mqtt::Properties properties;
        bool operator==(const HistoryEntry &other) const
        {
            return topic == other.topic && payload == other.payload && format == other.format &&
                   qos == other.qos && retain == other.retain && properties == other.properties;
        }
    };

    void showError(const QString &text);
    void showStatus(const QString &text);
    bool encodePayload(QByteArray *payload, QString *problem) const;
    // What is wrong with the composer's input, empty when it can be sent.
    QString inputProblem() const;
    void validatePayload(); // shows inputProblem(), or clears the status
    void revalidate(); // the same, but keeps a status that is not about the input
    void updatePublishButton();
    // False with *problem when the Payload Format Indicator says UTF-8 and the bytes are not.
    static bool payloadMatchesIndicator(const QByteArray &payload,
                                        const Mqtt::Properties &properties, QString *problem);
    void onAcknowledged(quint64 token);
    void onPublishAcknowledged(quint64 token, Mqtt::ReasonCode reasonCode,
                               const QString &reasonString);
    void onRefused(quint64 token, const Mqtt::Error &error);
    void updatePropertiesAvailability();
    void updatePropertiesToggle();
    void onHistoryActivated(int index);
    void flushKnownTopics();
    void loadHistory();
    void saveHistory();
    void rememberInHistory(const HistoryEntry &entry);
    void refreshHistoryCombo();

    std::unique_ptr<Ui::PublishPane> m_ui;
    QPointer<Mqtt::Client> m_client;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_topicModel = nullptr;
    QSet<QString> m_knownTopics;
    QStringList m_pendingTopics;
    QTimer m_topicFlushTimer;
    QTimer m_repeatTimer;
    QList<HistoryEntry> m_history;
    QHash<quint64, QString> m_pendingAcks; // token -> topic, for QoS 1/2
    QHash<quint64, QString> m_queuedSends; // token -> topic, QoS 0 waiting for a connection
    // token -> the reason code and string of an acknowledgement that said more than Success.
    QHash<quint64, QString> m_ackReasons;
    bool m_showsInputProblem = false; // the status shows inputProblem()
};
