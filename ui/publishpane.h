#pragma once

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
// retain, a remembered history and an optional repeat timer.
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

    // Publishes what the composer holds once; returns the token (0 when nothing was sent).
    quint64 publish();
    // Publish button / Ctrl+Return: once, or starts/stops repeating when "repeat" is on.
    void trigger();
    bool isRepeating() const { return m_repeatTimer.isActive(); }
    void stopRepeating();

    static int maximumHistory() { return 20; }

Q_SIGNALS:
    // A message was handed to the client (the log shows it as outgoing).
    void messagePublished(const Mqtt::Message &message);

private:
    struct HistoryEntry
    {
        QString topic;
        QString payload;
        PayloadFormat::Format format = PayloadFormat::Format::Text;
        Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
        bool retain = false;
        bool operator==(const HistoryEntry &other) const
        {
            return topic == other.topic && payload == other.payload && format == other.format &&
                   qos == other.qos && retain == other.retain;
        }
    };

    void showError(const QString &text);
    void showStatus(const QString &text);
    bool encodePayload(QByteArray *payload, QString *problem) const;
    void validatePayload();
    void updatePublishButton();
    void onAcknowledged(quint64 token);
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
};
