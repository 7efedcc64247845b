// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "client.h"
#include "messagelogmodel.h"

#include <QColor>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>

#include <deque>
#include <memory>
#include <optional>

namespace Payload {
class DecodeRules;
class PayloadDecoder;
struct DecodeResult;
} // namespace Payload

class BrokerStats;
class MessageFilterProxyModel;
class PacketLogModel;
class QPalette;
class RetainedScan;
class SubscriptionModel;
class TopicTreeModel;
class TopTalkersModel;

// The memory the window's logs and topic trees may hold, all connections together. Read from
// the settings (settings/logMaximumMessages, settings/logMaximumBytes,
// settings/treeHistoryBytes) with the models' defaults.
struct MemoryBudget
{
    int maximumMessages = 0;
    qint64 maximumBytes = 0;
    qint64 maximumHistoryBytes = 0;

    static MemoryBudget fromSettings();
    // One connection's fair share when count connections are open (at least 1).
    MemoryBudget share(int count) const;
};

// One open connection of the window: its client, its message log (and the filter proxy over
// it), its topic tree, its subscriptions and the retained-message scan, the name and colour it
// is shown with, and its counters and rates. No widgets: the panes that show it live in ui/.
// Every message it receives or sends is also handed to the combined models when they are set
// (a view of all open connections), tagged with the workspace's id.
class ConnectionWorkspace : public QObject
{
    Q_OBJECT
public:
    // id: 1..65535, unique among the window's open connections.
    explicit ConnectionWorkspace(quint16 id, QObject *parent = nullptr);
    ~ConnectionWorkspace() override;

    quint16 id() const { return m_id; }
    Mqtt::Client *client() const { return m_client; }
    MessageLogModel *messageLog() const { return m_log; }
    MessageFilterProxyModel *messageProxy() const { return m_proxy; }
    TopicTreeModel *topicTree() const { return m_topics; }
    SubscriptionModel *subscriptions() const { return m_subscriptions; }
    RetainedScan *retainedScan() const { return m_retainedScan; }
    // The packet inspector's log: every packet of the client, paired with its answer. The
    // client traces packets for it once setPacketTracing(On) (off by default: the inspector
    // turns it on when it first shows the connection).
    PacketLogModel *packetLog() const { return m_packetLog; }
    // The broker dashboard's model: what the broker publishes on $SYS. Its $SYS/# subscription
    // (while the dashboard watches) is not the user's: $SYS messages go to it, and into the log
    // and the tree only when one of the user's subscriptions matches them.
    BrokerStats *brokerStats() const { return m_brokerStats; }
    // The topics and subtrees that receive the most (View → Top talkers), counted from every
    // received message while its tracking is on (off until the dock first shows it).
    TopTalkersModel *topTalkers() const { return m_topTalkers; }
    Mqtt::PacketTracing packetTracing() const { return m_client->packetTracing(); }
    void setPacketTracing(Mqtt::PacketTracing tracing);
    // How its payloads are shown: the profile's rules and .proto folders, and its Sparkplug B
    // session. The views decode what they show through it.
    Payload::PayloadDecoder *payloadDecoder() const { return m_payloadDecoder.get(); }
    // Takes a profile's rules and .proto folders; returns what did not load (a .proto that
    // does not parse: "folder/acme.proto:12:5: ..."), empty when all did.
    QStringList setDecoding(const Payload::DecodeRules &rules, const QStringList &protoPaths);
    // The log's payload column for a message whose topic has a rule (not Sparkplug B, which is
    // decoded on arrival, nor text): its decoded JSON on one line; empty when the payload does
    // not decode or no rule applies. The log asks only for the rows a view shows.
    std::optional<QString> previewText(const QString &topic, const QByteArray &payload) const;
    // Whether the topic's payloads are decoded as they arrive: Sparkplug B (by a rule, or
    // guessed from an spBv1.0/ topic) is stateful, so every such message goes through the
    // connection's Sparkplug session in order and its result is kept with the message (in the
    // log and the topic's history). Every other payload is decoded only when shown.
    bool decodesOnArrival(const QString &topic) const;
    // What a view shows for a payload: the result kept when it arrived (if the topic is still
    // decoded that way), else a decode now by the rules or a guess. A Sparkplug B payload
    // without a kept result (sent from here, or before a rule named it) is decoded alone, and
    // says so, leaving the session as it is.
    using DecodedPayload = std::shared_ptr<const Payload::DecodeResult>;
    DecodedPayload decodeForView(const QString &topic, const QByteArray &payload,
                                 const DecodedPayload &kept) const;

    // The name shown on its tab, in the combined log and in the status bar.
    QString name() const { return m_name; }
    void setName(const QString &name);
    QColor color() const { return m_color; }
    void setColor(const QColor &color);
    // A colour of the connection palette, readable on the palette's base (light or dark).
    static QColor paletteColor(int index, const QPalette &palette);

    // Also hands every message to these (a view of all open connections); nullptr: none.
    void setCombinedModels(MessageLogModel *log, TopicTreeModel *tree);
    void setBudget(const MemoryBudget &budget);

    // A message the user published from a pane, with the client's token: logged as outgoing,
    // or as queued while there is no connection.
    void recordPublished(const Mqtt::Message &message, quint64 token);
    // A workspace that shows a capture file (File → Open recording…) instead of a live
    // connection: its client stays idle. Empty for a live connection.
    QString captureFile() const { return m_captureFile; }
    void setCaptureFile(const QString &path);
    // A message of a capture file, at the time it was recorded, into the log, the tree and the
    // combined models, counted as received or sent.
    void appendCaptured(const Mqtt::Message &message, MessageLogModel::Direction direction,
                        qint64 timestampMs);

    // The connection is up (Client::connected()): an outage before it is marked in the log
    // with how many subscriptions went back to the broker.
    void recordConnected(bool sessionPresent, int restoredSubscriptions);

    qint64 receivedTotal() const { return m_receivedTotal; }
    qint64 sentTotal() const { return m_sentTotal; }
    double receivedRate() const { return m_receivedRate; }
    double sentRate() const { return m_sentRate; }
    // Messages published from here that wait for a connection.
    int queuedCount() const { return int(m_queuedTokens.size()); }
    // Takes a sample of the totals for the rates over a sliding window (every second).
    void sampleRates();

Q_SIGNALS:
    void nameChanged(const QString &name);
    // The user published it from a pane (recordPublished()).
    void messageSent(const Mqtt::Message &message);
    void captureFileChanged(const QString &path);
    void colorChanged(const QColor &color);
    // Totals, rates, the queue or the log's size moved.
    void countersChanged();
    void packetTracingChanged(Mqtt::PacketTracing tracing);
    // The rules or the .proto files changed: shown payloads should be decoded again.
    void decodingChanged();
    // A message arrived (or was read from a capture file) at that time, with the result
    // decoded as it arrived (Sparkplug B; else null). The charts take their points from here.
    void messageArrived(const Mqtt::Message &message, qint64 timestampMs,
                        const std::shared_ptr<const Payload::DecodeResult> &decoded);

private:
    void onStateChanged(Mqtt::Client::State state);
    void onMessageReceived(const Mqtt::Message &message);
    void onPublishAnswered(quint64 token, Mqtt::ReasonCode reasonCode, const QString &reasonString);
    void appendEvent(const QString &text);
    void updateCombinedLabel();

    quint16 m_id = 0;
    Mqtt::Client *m_client = nullptr;
    MessageLogModel *m_log = nullptr;
    MessageFilterProxyModel *m_proxy = nullptr;
    TopicTreeModel *m_topics = nullptr;
    SubscriptionModel *m_subscriptions = nullptr;
    RetainedScan *m_retainedScan = nullptr;
    PacketLogModel *m_packetLog = nullptr;
    BrokerStats *m_brokerStats = nullptr;
    TopTalkersModel *m_topTalkers = nullptr;
    std::unique_ptr<Payload::PayloadDecoder> m_payloadDecoder;
    MessageLogModel *m_combinedLog = nullptr;
    TopicTreeModel *m_combinedTree = nullptr;
    QString m_name;
    QColor m_color;
    QString m_captureFile;

    Mqtt::Client::State m_lastState = Mqtt::Client::State::Disconnected;
    qint64 m_lostAtMs = 0; // when the connection was lost, until it is back (0: not lost)
    // Messages published while not connected, by token, with their QoS: shown as queued
    // until the client reports them sent.
    QHash<quint64, Mqtt::QoS> m_queuedTokens;

    struct RateSample
    {
        qint64 atMs = 0;
        qint64 received = 0;
        qint64 sent = 0;
    };
    QElapsedTimer m_rateClock;
    std::deque<RateSample> m_rateSamples; // the last few seconds
    qint64 m_receivedTotal = 0;
    qint64 m_sentTotal = 0;
    double m_receivedRate = 0;
    double m_sentRate = 0;
};
