// SPDX-License-Identifier: Apache-2.0
#include "brokerstats.h"

#include "client.h"
#include "subscriptionmodel.h"

#include <QRegularExpression>

#include <algorithm>

const QString BrokerStats::Filter = QStringLiteral("$SYS/#");

namespace {

std::optional<qint64> parseCount(const QByteArray &payload)
{
    bool ok = false;
    const qint64 value = payload.trimmed().toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

} // namespace

BrokerStats::BrokerStats(QObject *parent) : QAbstractTableModel(parent)
{
    m_silence.setSingleShot(true);
    m_silence.setInterval(DefaultSilenceTimeout);
    connect(&m_silence, &QTimer::timeout, this, &BrokerStats::onSilence);
}

BrokerStats::~BrokerStats() = default;

int BrokerStats::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_raw.size());
}

int BrokerStats::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BrokerStats::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const RawTopic &raw = m_raw.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return index.column() == TopicColumn ? raw.topic : raw.value;
    return QVariant();
}

QVariant BrokerStats::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TopicColumn:
        return tr("Topic");
    case ValueColumn:
        return tr("Value");
    default:
        return QVariant();
    }
}

void BrokerStats::setClient(Mqtt::Client *client, SubscriptionModel *subscriptions)
{
    if (m_client)
        m_client->disconnect(this);
    if (m_userSubscriptions)
        m_userSubscriptions->removeInternalFilter(Filter);
    m_client = client;
    m_userSubscriptions = subscriptions;
    if (m_userSubscriptions)
        m_userSubscriptions->addInternalFilter(Filter);
    if (!m_client)
        return;
    connect(m_client, &Mqtt::Client::connected, this, &BrokerStats::onConnected);
    connect(m_client, &Mqtt::Client::subscriptionAcknowledged, this,
            [this](quint64, const QList<Mqtt::SubscribeResult> &results) {
                onSubscriptionAcknowledged(results);
            });
    // The user unsubscribed from a $SYS/# of their own, which was ours too: ask again.
    connect(m_client, &Mqtt::Client::unsubscriptionAcknowledged, this,
            [this](quint64, const QStringList &filters) {
                if (!filters.contains(Filter))
                    return;
                if (m_unsubscribing)
                    m_unsubscribing = false;
                else if (m_watching == Watching::On)
                    subscribe();
            });
}

void BrokerStats::setWatching(Watching watching)
{
    if (watching == m_watching)
        return;
    m_watching = watching;
    if (watching == Watching::On) {
        setState(State::Waiting);
        subscribe();
        return;
    }
    m_silence.stop();
    setState(State::Idle);
    const bool userHolds = m_userSubscriptions && m_userSubscriptions->contains(Filter);
    if (m_client && !userHolds && m_client->state() == Mqtt::Client::State::Connected) {
        m_unsubscribing = true;
        m_client->unsubscribe({Filter});
    }
}

void BrokerStats::subscribe()
{
    if (!m_client || m_client->state() != Mqtt::Client::State::Connected)
        return; // onConnected() does it
    m_silence.start();
    for (const Mqtt::SubscribeTopic &held : m_client->activeSubscriptions()) {
        if (held.filter == Filter)
            return; // the user's, or ours kept by the session
    }
    m_client->subscribe(Filter, Mqtt::QoS::AtMostOnce);
}

void BrokerStats::onConnected()
{
    // Another broker (the user changed the connection's address, or failover moved on): what
    // the last one said is no longer what this one is doing.
    const Mqtt::BrokerAddress server = m_client->currentServer();
    const bool another = m_server && *m_server != server;
    m_server = server;
    if (another)
        clear();
    if (m_watching != Watching::On)
        return;
    if (another || m_state != State::Receiving)
        setState(State::Waiting);
    // The client subscribes again itself when the session was lost; a first connection (or
    // one where the dashboard was opened while offline) needs asking.
    subscribe();
}

void BrokerStats::onSubscriptionAcknowledged(const QList<Mqtt::SubscribeResult> &results)
{
    if (m_watching != Watching::On)
        return;
    for (const Mqtt::SubscribeResult &result : results) {
        if (result.filter == Filter && result.isRefused()) { // [MQTT-3.9.3-1]
            m_silence.stop();
            setState(State::Refused);
        }
    }
}

void BrokerStats::onSilence()
{
    if (m_state == State::Waiting)
        setState(State::Silent);
}

void BrokerStats::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

std::optional<BrokerStats::Parsed> BrokerStats::parseMosquitto(QStringView rest) const
{
    static const QHash<QString, Parsed> known = {
            {QStringLiteral("version"), {Known::Version}},
            {QStringLiteral("uptime"), {Known::Uptime}},
            {QStringLiteral("clients/connected"), {Known::Clients}},
            {QStringLiteral("clients/active"), {Known::Clients}}, // before mosquitto 1.4
            {QStringLiteral("subscriptions/count"), {Known::Subscriptions}},
            {QStringLiteral("retained messages/count"), {Known::Retained}},
            {QStringLiteral("messages/received"), {Known::Counter, Series::MessagesReceived}},
            {QStringLiteral("messages/sent"), {Known::Counter, Series::MessagesSent}},
            {QStringLiteral("bytes/received"), {Known::Counter, Series::BytesReceived}},
            {QStringLiteral("bytes/sent"), {Known::Counter, Series::BytesSent}},
            {QStringLiteral("load/messages/received/1min"), {Known::Load, Series::MessagesReceived}},
            {QStringLiteral("load/messages/sent/1min"), {Known::Load, Series::MessagesSent}},
            {QStringLiteral("load/bytes/received/1min"), {Known::Load, Series::BytesReceived}},
            {QStringLiteral("load/bytes/sent/1min"), {Known::Load, Series::BytesSent}},
    };
    const auto found = known.constFind(rest.toString());
    if (found == known.constEnd())
        return std::nullopt;
    return found.value();
}

std::optional<BrokerStats::Parsed> BrokerStats::parseEmqx(QStringView rest) const
{
    static const QHash<QString, Parsed> known = {
            {QStringLiteral("version"), {Known::Version}},
            {QStringLiteral("uptime"), {Known::Uptime}},
            {QStringLiteral("sysdescr"), {Known::Description}},
            {QStringLiteral("stats/connections/count"), {Known::Clients}},
            {QStringLiteral("stats/clients/count"), {Known::Clients}}, // emqttd
            {QStringLiteral("stats/subscriptions/count"), {Known::Subscriptions}},
            {QStringLiteral("stats/retained/count"), {Known::Retained}},
            {QStringLiteral("metrics/messages/received"),
             {Known::Counter, Series::MessagesReceived}},
            {QStringLiteral("metrics/messages/sent"), {Known::Counter, Series::MessagesSent}},
            {QStringLiteral("metrics/bytes/received"), {Known::Counter, Series::BytesReceived}},
            {QStringLiteral("metrics/bytes/sent"), {Known::Counter, Series::BytesSent}},
    };
    const auto found = known.constFind(rest.toString());
    if (found == known.constEnd())
        return std::nullopt;
    return found.value();
}

void BrokerStats::handleMessage(const QString &topic, const QByteArray &payload, qint64 atMs,
                                Delivery delivery)
{
    if (!isSysTopic(topic))
        return;
    static const QLatin1String mosquittoPrefix("$SYS/broker/");
    static const QLatin1String emqxPrefix("$SYS/brokers/");
    std::optional<Parsed> parsed;
    Broker broker = Broker::Unknown;
    QString node;
    if (topic.startsWith(mosquittoPrefix)) {
        parsed = parseMosquitto(QStringView(topic).mid(mosquittoPrefix.size()));
        broker = Broker::Mosquitto;
    } else if (topic.startsWith(emqxPrefix)) {
        const QStringView rest = QStringView(topic).mid(emqxPrefix.size());
        const qsizetype slash = rest.indexOf(QLatin1Char('/'));
        if (slash > 0) {
            parsed = parseEmqx(rest.mid(slash + 1));
            node = rest.left(slash).toString();
            broker = Broker::Emqx;
        }
    }
    const QString text = QString::fromUtf8(payload).trimmed();
    if (m_state == State::Waiting || m_state == State::Silent) {
        m_silence.stop();
        setState(State::Receiving);
    }
    if (!parsed) {
        setRaw(topic, text);
        return;
    }
    if (m_broker != broker || (broker == Broker::Emqx && m_node != node)) {
        // The first value of a known tree names the broker; a cluster's other nodes are raw.
        if (m_broker != Broker::Unknown) {
            setRaw(topic, text);
            return;
        }
        m_broker = broker;
        m_node = node;
    }
    switch (parsed->known) {
    case Known::Version:
        m_version = text;
        break;
    case Known::Description:
        m_description = text;
        break;
    case Known::Uptime:
        if (const std::optional<qint64> seconds = parseUptime(text)) {
            if (m_uptime && *seconds < *m_uptime) {
                // The broker restarted: its counters began again.
                m_lastSample.reset();
                m_intervalStartMs.reset();
            }
            m_uptime = seconds;
        }
        if (delivery == Delivery::Live) {
            tick(atMs);
        } else {
            // Stored at the broker's last interval, not now: the next live one starts afresh.
            m_intervalStartMs.reset();
            m_lastSample.reset();
        }
        break;
    case Known::Clients:
        m_clients = parseCount(payload);
        break;
    case Known::Subscriptions:
        m_subscriptions = parseCount(payload);
        break;
    case Known::Retained:
        m_retained = parseCount(payload);
        break;
    case Known::Counter:
        m_counter[size_t(parsed->series)] = parseCount(payload);
        return; // shown as rates when the interval ends
    case Known::Load: {
        bool ok = false;
        const double value = text.toDouble(&ok);
        m_load[size_t(parsed->series)] = ok ? std::optional<double>(value) : std::nullopt;
        break;
    }
    }
    Q_EMIT valuesChanged();
}

void BrokerStats::tick(qint64 atMs)
{
    // The interval that began with the previous uptime is over: its counters are complete.
    const std::optional<qint64> ended = m_intervalStartMs;
    m_intervalStartMs = atMs;
    if (!ended)
        return;
    Sample sample{*ended, m_counter};
    if (m_lastSample && sample.atMs > m_lastSample->atMs) {
        const double seconds = double(sample.atMs - m_lastSample->atMs) / 1000.0;
        bool added = false;
        for (size_t i = 0; i < SeriesCount; ++i) {
            const std::optional<qint64> now = sample.counters[i];
            const std::optional<qint64> before = m_lastSample->counters[i];
            if (!now || !before || *now < *before)
                continue;
            std::deque<Point> &points = m_points[i];
            points.push_back({sample.atMs, double(*now - *before) / seconds});
            while (!points.empty() && points.front().atMs < sample.atMs - m_historyLength)
                points.pop_front();
            added = true;
        }
        if (added)
            Q_EMIT sampled();
    }
    m_lastSample = sample;
}

std::optional<double> BrokerStats::latestRate(Series series) const
{
    const std::deque<Point> &points = m_points[size_t(series)];
    if (points.empty())
        return std::nullopt;
    return points.back().perSecond;
}

void BrokerStats::setRaw(const QString &topic, const QString &value)
{
    const auto at =
            std::lower_bound(m_raw.begin(), m_raw.end(), topic,
                             [](const RawTopic &raw, const QString &t) { return raw.topic < t; });
    const int row = int(at - m_raw.begin());
    if (at != m_raw.end() && at->topic == topic) {
        if (at->value == value)
            return;
        at->value = value;
        Q_EMIT dataChanged(index(row, ValueColumn), index(row, ValueColumn));
        return;
    }
    if (m_raw.size() >= MaximumRawTopics)
        return; // EMQX's client events could grow it without end
    beginInsertRows(QModelIndex(), row, row);
    m_raw.insert(row, RawTopic{topic, value});
    endInsertRows();
}

void BrokerStats::clear()
{
    beginResetModel();
    m_raw.clear();
    endResetModel();
    m_broker = Broker::Unknown;
    m_node.clear();
    m_version.clear();
    m_description.clear();
    m_uptime.reset();
    m_clients.reset();
    m_subscriptions.reset();
    m_retained.reset();
    m_load = {};
    m_counter = {};
    m_intervalStartMs.reset();
    m_lastSample.reset();
    m_points = {};
    Q_EMIT valuesChanged();
    Q_EMIT sampled();
}

std::optional<qint64> BrokerStats::parseUptime(const QString &text)
{
    // mosquitto: "123 seconds"; EMQX 4: "1 days, 2 hours, 3 minutes, 4 seconds".
    static const QRegularExpression part(
            QStringLiteral("(\\d+)\\s*(days?|hours?|minutes?|seconds?)"));
    qint64 seconds = 0;
    bool any = false;
    auto it = part.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const qint64 n = match.captured(1).toLongLong();
        const QChar unit = match.capturedView(2).front();
        const qint64 scale = unit == QLatin1Char('d')   ? 86400
                             : unit == QLatin1Char('h') ? 3600
                             : unit == QLatin1Char('m') ? 60
                                                        : 1;
        seconds += n * scale;
        any = true;
    }
    if (!any) {
        bool ok = false;
        const qint64 plain = text.toLongLong(&ok);
        if (ok && plain >= 0)
            return plain;
        return std::nullopt;
    }
    return seconds;
}

QString BrokerStats::uptimeText(qint64 seconds)
{
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds % 86400 / 3600;
    const qint64 minutes = seconds % 3600 / 60;
    const qint64 rest = seconds % 60;
    if (days > 0)
        return tr("%1 d %2 h %3 min").arg(days).arg(hours).arg(minutes);
    if (hours > 0)
        return tr("%1 h %2 min %3 s").arg(hours).arg(minutes).arg(rest);
    if (minutes > 0)
        return tr("%1 min %2 s").arg(minutes).arg(rest);
    return tr("%1 s").arg(rest);
}
