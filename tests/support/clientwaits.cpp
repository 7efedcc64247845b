// SPDX-License-Identifier: Apache-2.0
#include "clientwaits.h"

#include <QDeadlineTimer>
#include <QDebug>
#include <QSignalSpy>

#include <algorithm>

namespace ClientWaits {

using namespace Mqtt;

bool connectAndWait(Client *client, const ConnectionOptions &options, int timeoutMs)
{
    QSignalSpy connected(client, &Client::connected);
    client->connectToHost(options);
    if (!connected.wait(timeoutMs)) {
        qWarning() << "connection failed:" << client->lastError().text;
        return false;
    }
    return true;
}

bool subscribeAndWait(Client *client, const QList<SubscribeTopic> &topics,
                      const Properties &properties, int timeoutMs)
{
    QSignalSpy acknowledged(client, &Client::subscriptionAcknowledged);
    const quint64 token = client->subscribe(topics, properties);
    if (token == 0 || !acknowledged.wait(timeoutMs))
        return false;
    const auto results = acknowledged.at(0).at(1).value<QList<SubscribeResult>>();
    if (acknowledged.at(0).at(0).toULongLong() != token || results.size() != topics.size())
        return false;
    for (const SubscribeResult &result : results) {
        if (result.isRefused()) {
            qWarning() << "refused:" << result.filter << result.reasonText();
            return false;
        }
    }
    return true;
}

bool publishAndWait(Client *client, const Message &message, int timeoutMs)
{
    QSignalSpy published(client, &Client::messagePublished);
    const quint64 token = client->publish(message);
    if (token == 0)
        return false;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        for (const QList<QVariant> &arguments : std::as_const(published)) {
            if (arguments.at(0).toULongLong() == token)
                return true;
        }
        published.wait(int(std::max<qint64>(deadline.remainingTime(), 1)));
    }
    return false;
}

} // namespace ClientWaits
