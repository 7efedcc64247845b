// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectionoptions.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QVector>

#include <array>
#include <deque>
#include <optional>

namespace Mqtt {
class Client;
struct SubscribeResult;
} // namespace Mqtt
class SubscriptionModel;

// What a broker says about itself on $SYS, for one connection: the values a dashboard shows
// (version, uptime, clients connected, subscriptions, retained messages), messages and bytes
// per second in and out over the last minutes, and every other $SYS topic raw (the rows of
// this model: topic and last value).
//
// Reads mosquitto's tree ($SYS/broker/...) and EMQX's ($SYS/brokers/<node>/...). Rates come
// from the brokers' counters: both publish their whole tree once per interval, uptime first,
// and mosquitto only the values that changed. So a sample is taken when the next interval's
// uptime arrives: the counters then hold the previous interval's values, stamped with the time
// that interval began; a counter that was not published has not moved (rate 0). The retained
// copies sent at subscribe time give values but time no interval.
//
// While watching (setWatching(On)) it subscribes to $SYS/# on the client (again after each
// connection that lost it). That subscription is the dashboard's, not the user's: it is not
// listed in the subscription model, and the workspace logs a $SYS message only when one of the
// user's filters matches it (a user's "#" never does [MQTT-4.7.2-1]).
class BrokerStats : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Watching { Off, On };
    Q_ENUM(Watching)
    // Idle: not watching. Waiting: subscribed, nothing came yet. Receiving: $SYS values came.
    // Silent: nothing came within silenceTimeout() (the broker publishes no $SYS, or not to
    // us). Refused: the broker refused the subscription (an ACL, usually).
    enum class State { Idle, Waiting, Receiving, Silent, Refused };
    Q_ENUM(State)
    enum class Broker { Unknown, Mosquitto, Emqx };
    Q_ENUM(Broker)
    enum class Series { MessagesReceived, MessagesSent, BytesReceived, BytesSent, SeriesCount };
    Q_ENUM(Series)
    enum Column { TopicColumn, ValueColumn, ColumnCount };
    // Live: published now. Retained: the broker's stored copy, sent when we subscribed (its
    // values are older than their arrival, so it times no interval).
    enum class Delivery { Live, Retained };
    Q_ENUM(Delivery)

    struct Point
    {
        qint64 atMs = 0; // ms since the epoch, when the interval began
        double perSecond = 0;
    };

    static constexpr int DefaultSilenceTimeout = 15000; // ms
    static constexpr qint64 DefaultHistoryLength = 5 * 60 * 1000; // ms of rates kept
    static constexpr int MaximumRawTopics = 2000;
    static const QString Filter; // "$SYS/#"

    explicit BrokerStats(QObject *parent = nullptr);
    ~BrokerStats() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The connection it subscribes on, and the user's subscriptions (to leave a $SYS/# the
    // user holds alone, and to keep its own out of that list).
    void setClient(Mqtt::Client *client, SubscriptionModel *subscriptions);
    Watching watching() const { return m_watching; }
    void setWatching(Watching watching);
    State state() const { return m_state; }
    int silenceTimeout() const { return m_silence.interval(); }
    void setSilenceTimeout(int milliseconds) { m_silence.setInterval(milliseconds); }

    static bool isSysTopic(const QString &topic)
    {
        return topic.startsWith(QLatin1String("$SYS/"));
    }
    // One $SYS message, received at atMs (ms since the epoch).
    void handleMessage(const QString &topic, const QByteArray &payload, qint64 atMs,
                       Delivery delivery = Delivery::Live);
    // Forgets every value, rate and raw topic (another broker, or a restart).
    void clear();

    Broker broker() const { return m_broker; }
    QString node() const { return m_node; } // EMQX's node name
    QString version() const { return m_version; }
    QString description() const { return m_description; } // EMQX's sysdescr
    std::optional<qint64> uptimeSeconds() const { return m_uptime; }
    std::optional<qint64> clientsConnected() const { return m_clients; }
    std::optional<qint64> subscriptionCount() const { return m_subscriptions; }
    std::optional<qint64> retainedCount() const { return m_retained; }
    // mosquitto's load averages over one minute, per minute as published.
    std::optional<double> load(Series series) const { return m_load[size_t(series)]; }

    // The series' points, oldest first, within historyLength() of the newest.
    const std::deque<Point> &points(Series series) const { return m_points[size_t(series)]; }
    std::optional<double> latestRate(Series series) const;
    qint64 historyLength() const { return m_historyLength; }
    void setHistoryLength(qint64 milliseconds) { m_historyLength = milliseconds; }

    // "3 d 4 h 5 min 6 s"; "123 seconds" and EMQX's "1 days, 2 hours, ..." read back.
    static std::optional<qint64> parseUptime(const QString &text);
    static QString uptimeText(qint64 seconds);

Q_SIGNALS:
    void stateChanged(BrokerStats::State state);
    // A value (version, uptime, counts, load) changed.
    void valuesChanged();
    // Each series got a point (once per $SYS interval).
    void sampled();

private:
    enum class Known {
        Version,
        Uptime,
        Description,
        Clients,
        Subscriptions,
        Retained,
        Counter, // a counter of a Series
        Load, // a load figure of a Series
    };
    struct Parsed
    {
        Known known;
        Series series = Series::SeriesCount;
    };
    std::optional<Parsed> parseMosquitto(QStringView rest) const;
    std::optional<Parsed> parseEmqx(QStringView rest) const;
    void tick(qint64 atMs);
    void setRaw(const QString &topic, const QString &value);
    void setState(State state);
    void subscribe();
    void onConnected();
    void onSubscriptionAcknowledged(const QList<Mqtt::SubscribeResult> &results);
    void onSilence();

    QPointer<Mqtt::Client> m_client;
    QPointer<SubscriptionModel> m_userSubscriptions;
    Watching m_watching = Watching::Off;
    State m_state = State::Idle;
    bool m_unsubscribing = false; // our own UNSUBSCRIBE is on its way
    QTimer m_silence;
    std::optional<Mqtt::BrokerAddress> m_server; // of the last connection

    Broker m_broker = Broker::Unknown;
    QString m_node;
    QString m_version;
    QString m_description;
    std::optional<qint64> m_uptime;
    std::optional<qint64> m_clients;
    std::optional<qint64> m_subscriptions;
    std::optional<qint64> m_retained;

    static constexpr size_t SeriesCount = size_t(Series::SeriesCount);
    std::array<std::optional<double>, SeriesCount> m_load;
    std::array<std::optional<qint64>, SeriesCount> m_counter; // the latest published value
    struct Sample
    {
        qint64 atMs = 0;
        std::array<std::optional<qint64>, SeriesCount> counters;
    };
    std::optional<qint64> m_intervalStartMs; // the uptime that began the current interval
    std::optional<Sample> m_lastSample;
    std::array<std::deque<Point>, SeriesCount> m_points;
    qint64 m_historyLength = DefaultHistoryLength;

    struct RawTopic
    {
        QString topic;
        QString value;
    };
    QVector<RawTopic> m_raw; // sorted by topic
};
