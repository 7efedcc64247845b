// SPDX-License-Identifier: Apache-2.0
#include "connectionworkspace.h"

#include "brokerstats.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "packetlogmodel.h"
#include "payloaddecoder.h"
#include "retainedscan.h"
#include "subscriptionmodel.h"
#include "topictreemodel.h"
#include "toptalkersmodel.h"

#include <QDateTime>
#include <QPalette>
#include <QSettings>
#include <QTime>

#include <array>

MemoryBudget MemoryBudget::fromSettings()
{
    const QSettings settings;
    MemoryBudget budget;
    budget.maximumMessages = qMax(1, settings.value(QStringLiteral("settings/logMaximumMessages"),
                                                    MessageLogModel::DefaultMaximumMessages)
                                             .toInt());
    budget.maximumBytes = qMax<qint64>(1, settings.value(QStringLiteral("settings/logMaximumBytes"),
                                                         MessageLogModel::DefaultMaximumBytes)
                                                  .toLongLong());
    budget.maximumHistoryBytes =
            qMax<qint64>(1, settings.value(QStringLiteral("settings/treeHistoryBytes"),
                                           TopicTreeModel::DefaultMaximumHistoryBytes)
                                    .toLongLong());
    return budget;
}

MemoryBudget MemoryBudget::share(int count) const
{
    const int parts = qMax(1, count);
    MemoryBudget shared;
    shared.maximumMessages = qMax(1, maximumMessages / parts);
    shared.maximumBytes = qMax<qint64>(1, maximumBytes / parts);
    shared.maximumHistoryBytes = qMax<qint64>(1, maximumHistoryBytes / parts);
    return shared;
}

ConnectionWorkspace::ConnectionWorkspace(quint16 id, QObject *parent)
    : QObject(parent),
      m_id(id),
      m_client(new Mqtt::Client(this)),
      m_log(new MessageLogModel(this)),
      m_proxy(new MessageFilterProxyModel(this)),
      m_topics(new TopicTreeModel(this)),
      m_subscriptions(new SubscriptionModel(this)),
      m_retainedScan(new RetainedScan(m_client, this)),
      m_packetLog(new PacketLogModel(this)),
      m_brokerStats(new BrokerStats(this)),
      m_topTalkers(new TopTalkersModel(this)),
      m_payloadDecoder(std::make_unique<Payload::PayloadDecoder>())
{
    connect(m_client, &Mqtt::Client::packetTraced, m_packetLog, &PacketLogModel::append);
    m_proxy->setSourceModel(m_log);
    m_brokerStats->setClient(m_client, m_subscriptions);
    m_log->setPreviewDecoder([this](quint16, const QString &topic, const QByteArray &payload) {
        return previewText(topic, payload);
    });
    m_proxy->setSubscriptionModel(m_subscriptions);
    connect(m_log, &MessageLogModel::countersChanged, this, &ConnectionWorkspace::countersChanged);
    connect(m_client, &Mqtt::Client::stateChanged, this, &ConnectionWorkspace::onStateChanged);
    connect(m_client, &Mqtt::Client::messageReceived, this, &ConnectionWorkspace::onMessageReceived);
    connect(m_client, &Mqtt::Client::publishAcknowledged, this,
            &ConnectionWorkspace::onPublishAnswered);
    connect(m_client, &Mqtt::Client::messagePublished, this, [this](quint64 token) {
        const auto queued = m_queuedTokens.constFind(token);
        if (queued == m_queuedTokens.constEnd())
            return;
        // QoS 1/2 answers come with publishAcknowledged(); a QoS 0 message has only left.
        if (queued.value() == Mqtt::QoS::AtMostOnce)
            m_log->setBrokerAnswer(token, tr("sent after waiting for the connection"));
        m_queuedTokens.erase(queued);
        ++m_sentTotal;
        Q_EMIT countersChanged();
    });
    connect(m_client, &Mqtt::Client::messageRefused, this,
            [this](quint64 token, const Mqtt::Error &error) {
                if (m_queuedTokens.remove(token))
                    Q_EMIT countersChanged();
                m_log->setBrokerAnswer(
                        token, error.reasonCode == 0
                                       ? error.text
                                       : tr("%1 (0x%2)")
                                                 .arg(error.text)
                                                 .arg(error.reasonCode, 2, 16, QLatin1Char('0')));
            });
    m_rateClock.start();
    sampleRates();
}

ConnectionWorkspace::~ConnectionWorkspace()
{
    // The proxy follows the subscription model; cut that before the children go (the log is
    // destroyed first).
    m_proxy->setSubscriptionModel(nullptr);
    m_client->disconnect(this);
}

void ConnectionWorkspace::setPacketTracing(Mqtt::PacketTracing tracing)
{
    if (tracing == m_client->packetTracing())
        return;
    m_client->setPacketTracing(tracing);
    Q_EMIT packetTracingChanged(tracing);
}

QStringList ConnectionWorkspace::setDecoding(const Payload::DecodeRules &rules,
                                             const QStringList &protoPaths)
{
    m_payloadDecoder->setRules(rules);
    // Read again each time: the files may have changed since.
    QStringList errors;
    if (!m_payloadDecoder->setProtoPaths(protoPaths))
        errors = m_payloadDecoder->protobufSchemas().errors();
    m_log->refreshPreviews();
    if (m_combinedLog)
        m_combinedLog->refreshPreviews();
    Q_EMIT decodingChanged();
    return errors;
}

std::optional<QString> ConnectionWorkspace::previewText(const QString &topic,
                                                        const QByteArray &payload) const
{
    const Payload::DecodeRule *rule = m_payloadDecoder->rules().match(topic);
    if (!rule)
        return std::nullopt;
    switch (rule->decoder.decoder) {
    case Payload::Decoder::Text:
    case Payload::Decoder::Json:
    case Payload::Decoder::Sparkplug: // decoded on arrival, its result kept with the row
        return std::nullopt;
    default:
        break;
    }
    const Payload::DecodeResult result = m_payloadDecoder->decode(rule->decoder, topic, payload);
    if (!result.isValid())
        return std::nullopt; // the bytes, as without a rule; the detail view says why
    return QString::fromUtf8(result.toJsonLine());
}

bool ConnectionWorkspace::decodesOnArrival(const QString &topic) const
{
    if (const Payload::DecodeRule *rule = m_payloadDecoder->rules().match(topic))
        return rule->decoder.decoder == Payload::Decoder::Sparkplug;
    // Cheap test first: this runs for every message.
    if (!topic.startsWith(QLatin1String("spBv1.0/")) && !topic.startsWith(QLatin1String("STATE/")))
        return false;
    return Payload::SparkplugTopic::fromTopic(topic).has_value();
}

ConnectionWorkspace::DecodedPayload
ConnectionWorkspace::decodeForView(const QString &topic, const QByteArray &payload,
                                   const DecodedPayload &kept) const
{
    const bool onArrival = decodesOnArrival(topic);
    if (kept && onArrival)
        return kept;
    if (!onArrival)
        return std::make_shared<const Payload::DecodeResult>(
                m_payloadDecoder->decode(topic, payload));
    // Not through the session (it would take it for the next message in order): alone.
    Payload::SparkplugSession alone;
    Payload::DecodeResult result = alone.decode(topic, payload);
    result.guessed = !m_payloadDecoder->rules().match(topic);
    result.warnings.prepend(tr("decoded on its own: it did not reach this connection's "
                               "Sparkplug B session as it arrived, so aliases and sequence "
                               "numbers are not checked"));
    return std::make_shared<const Payload::DecodeResult>(std::move(result));
}

void ConnectionWorkspace::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    updateCombinedLabel();
    Q_EMIT nameChanged(name);
}

void ConnectionWorkspace::setColor(const QColor &color)
{
    if (color == m_color)
        return;
    m_color = color;
    updateCombinedLabel();
    Q_EMIT colorChanged(color);
}

QColor ConnectionWorkspace::paletteColor(int index, const QPalette &palette)
{
    // Hues far apart in order (blue, orange, green, magenta, teal, gold, violet, red); dark
    // enough to read on a light base, light enough on a dark one.
    static constexpr std::array<int, 8> Hues = {212, 28, 128, 320, 180, 48, 268, 0};
    const int hue = Hues[size_t(qAbs(index)) % Hues.size()];
    const bool darkBase = palette.color(QPalette::Base).lightness() < 128;
    return QColor::fromHsl(hue, darkBase ? 170 : 200, darkBase ? 165 : 88);
}

void ConnectionWorkspace::setCombinedModels(MessageLogModel *log, TopicTreeModel *tree)
{
    m_combinedLog = log;
    m_combinedTree = tree;
    updateCombinedLabel();
}

void ConnectionWorkspace::updateCombinedLabel()
{
    if (m_combinedLog)
        m_combinedLog->setConnection(m_id, m_name, m_color);
    if (m_combinedTree)
        m_combinedTree->setConnection(m_id, m_name, m_color);
}

void ConnectionWorkspace::setBudget(const MemoryBudget &budget)
{
    m_log->setMaximumMessages(budget.maximumMessages);
    m_log->setMaximumBytes(budget.maximumBytes);
    m_topics->setMaximumHistoryBytes(budget.maximumHistoryBytes);
}

void ConnectionWorkspace::onMessageReceived(const Mqtt::Message &message)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (BrokerStats::isSysTopic(message.topic)) {
        m_brokerStats->handleMessage(message.topic, message.payload, now,
                                     message.retain ? BrokerStats::Delivery::Retained
                                                    : BrokerStats::Delivery::Live);
        // The dashboard's own subscription: only a filter of the user's shows (and counts) it.
        if (!m_subscriptions->matches(message.topic))
            return;
    }
    ++m_receivedTotal;
    DecodedPayload decoded;
    if (decodesOnArrival(message.topic)) {
        decoded = std::make_shared<const Payload::DecodeResult>(
                m_payloadDecoder->decode(message.topic, message.payload));
    }
    m_log->append(message, MessageLogModel::Direction::Incoming, now, 0, decoded);
    m_topics->append(message, now, 0, decoded);
    m_subscriptions->countMessage(message.topic);
    m_topTalkers->record(message.topic, message.payload.size());
    if (m_combinedLog)
        m_combinedLog->append(message, MessageLogModel::Direction::Incoming, now, m_id, decoded);
    if (m_combinedTree)
        m_combinedTree->append(message, now, m_id, decoded);
    Q_EMIT messageArrived(message, now, decoded);
}

void ConnectionWorkspace::setCaptureFile(const QString &path)
{
    if (path == m_captureFile)
        return;
    m_captureFile = path;
    Q_EMIT captureFileChanged(path);
}

void ConnectionWorkspace::appendCaptured(const Mqtt::Message &message,
                                         MessageLogModel::Direction direction, qint64 timestampMs)
{
    if (direction == MessageLogModel::Direction::Outgoing)
        ++m_sentTotal;
    else
        ++m_receivedTotal;
    m_log->append(message, direction, timestampMs);
    m_topics->append(message, timestampMs);
    m_subscriptions->countMessage(message.topic);
    if (m_combinedLog)
        m_combinedLog->append(message, direction, timestampMs, m_id);
    if (m_combinedTree)
        m_combinedTree->append(message, timestampMs, m_id);
    if (direction == MessageLogModel::Direction::Incoming)
        Q_EMIT messageArrived(message, timestampMs, nullptr);
}

void ConnectionWorkspace::recordPublished(const Mqtt::Message &message, quint64 token)
{
    Q_EMIT messageSent(message);
    if (m_combinedLog) {
        m_combinedLog->append(message, MessageLogModel::Direction::Outgoing,
                              QDateTime::currentMSecsSinceEpoch(), m_id);
    }
    if (m_client->state() != Mqtt::Client::State::Connected) {
        // It waits in the client's queue: say so until it leaves.
        m_queuedTokens.insert(token, message.qos);
        m_log->appendPublished(message, token);
        m_log->setBrokerAnswer(token, tr("queued: waiting for the connection"));
        Q_EMIT countersChanged();
        return;
    }
    ++m_sentTotal;
    if (message.qos == Mqtt::QoS::AtMostOnce)
        m_log->append(message, MessageLogModel::Direction::Outgoing);
    else
        m_log->appendPublished(message, token);
}

void ConnectionWorkspace::onPublishAnswered(quint64 token, Mqtt::ReasonCode reasonCode,
                                            const QString &reasonString)
{
    // 3.1.1 acknowledgements carry no reason code.
    if (m_client->options().version != Mqtt::ProtocolVersion::V5) {
        m_log->setBrokerAnswer(token, tr("acknowledged"));
        return;
    }
    QString answer = tr("%1 (0x%2)")
                             .arg(Mqtt::reasonCodeText(reasonCode))
                             .arg(quint8(reasonCode), 2, 16, QLatin1Char('0'));
    if (!reasonString.isEmpty())
        answer = tr("%1: %2").arg(answer, reasonString);
    m_log->setBrokerAnswer(token, answer);
}

void ConnectionWorkspace::appendEvent(const QString &text)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_log->appendEvent(text, now);
    if (m_combinedLog)
        m_combinedLog->appendEvent(text, now, m_id);
}

void ConnectionWorkspace::onStateChanged(Mqtt::Client::State state)
{
    const bool lost = m_lastState == Mqtt::Client::State::Connected &&
                      (state == Mqtt::Client::State::WaitingToReconnect ||
                       state == Mqtt::Client::State::Disconnected);
    if (lost) {
        m_lostAtMs = QDateTime::currentMSecsSinceEpoch();
        const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
        const QString reason = m_client->lastError().text;
        QString text = reason.isEmpty() ? tr("Connection lost %1").arg(time)
                                        : tr("Connection lost %1: %2").arg(time, reason);
        if (state == Mqtt::Client::State::WaitingToReconnect)
            text = tr("%1; reconnecting…").arg(text);
        appendEvent(text);
    } else if (state == Mqtt::Client::State::Disconnecting) {
        m_lostAtMs = 0; // the user ended it: nothing was lost
    }
    m_lastState = state;
}

void ConnectionWorkspace::recordConnected(bool sessionPresent, int restoredSubscriptions)
{
    if (m_lostAtMs == 0)
        return;
    const QString lost =
            QDateTime::fromMSecsSinceEpoch(m_lostAtMs).toString(QStringLiteral("HH:mm:ss"));
    const QString back = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    appendEvent(sessionPresent
                        ? tr("Connection lost %1 — reconnected %2, session resumed").arg(lost, back)
                        : tr("Connection lost %1 — reconnected %2, %Ln subscription(s) "
                             "restored",
                             nullptr, restoredSubscriptions)
                                  .arg(lost, back));
    m_lostAtMs = 0;
}

void ConnectionWorkspace::sampleRates()
{
    // Rates over the last five seconds: one message a second reads 1.0/s, not 0 or 1 by turns.
    constexpr qint64 Window = 5000;
    const qint64 now = m_rateClock.elapsed();
    m_rateSamples.push_back({now, m_receivedTotal, m_sentTotal});
    while (m_rateSamples.size() > 2 && now - m_rateSamples.front().atMs > Window)
        m_rateSamples.pop_front();
    const RateSample &first = m_rateSamples.front();
    const qint64 span = now - first.atMs;
    m_receivedRate = span > 0 ? (m_receivedTotal - first.received) * 1000.0 / span : 0;
    m_sentRate = span > 0 ? (m_sentTotal - first.sent) * 1000.0 / span : 0;
    Q_EMIT countersChanged();
}
