// SPDX-License-Identifier: Apache-2.0
#include "savedsession.h"

#include <QSettings>

namespace {

const QString Group = QStringLiteral("session");

} // namespace

SavedSession SavedSession::read(QSettings &settings)
{
    SavedSession session;
    settings.beginGroup(Group);
    const int count = settings.beginReadArray(QStringLiteral("connections"));
    for (int index = 0; index < count; ++index) {
        settings.setArrayIndex(index);
        Connection connection;
        connection.profile = settings.value(QStringLiteral("profile")).toString();
        connection.host = settings.value(QStringLiteral("host")).toString();
        const uint port = settings.value(QStringLiteral("port")).toUInt();
        connection.port = port <= 65535 ? quint16(port) : 0;
        connection.connected = settings.value(QStringLiteral("connected")).toBool();
        const int rows = settings.beginReadArray(QStringLiteral("subscriptions"));
        for (int row = 0; row < rows; ++row) {
            settings.setArrayIndex(row);
            Subscription subscription;
            Mqtt::SubscribeTopic &topic = subscription.topic;
            topic.filter = settings.value(QStringLiteral("filter")).toString();
            if (topic.filter.isEmpty())
                continue;
            topic.qos = Mqtt::QoS(qBound(0, settings.value(QStringLiteral("qos")).toInt(), 2));
            topic.noLocal = settings.value(QStringLiteral("noLocal")).toBool();
            topic.retainAsPublished = settings.value(QStringLiteral("retainAsPublished")).toBool();
            topic.retainHandling = Mqtt::RetainHandling(
                    qBound(0, settings.value(QStringLiteral("retainHandling")).toInt(), 2));
            subscription.identifier = settings.value(QStringLiteral("identifier")).toUInt();
            subscription.color = QColor(settings.value(QStringLiteral("color")).toString());
            subscription.muted = settings.value(QStringLiteral("muted")).toBool();
            connection.subscriptions << subscription;
        }
        settings.endArray();
        session.connections << connection;
    }
    settings.endArray();
    session.current = qBound(0, settings.value(QStringLiteral("current")).toInt(),
                             qMax(0, int(session.connections.size()) - 1));
    session.combinedShown = settings.value(QStringLiteral("combined")).toBool();
    settings.endGroup();
    return session;
}

void SavedSession::write(QSettings &settings) const
{
    settings.remove(Group);
    settings.beginGroup(Group);
    settings.beginWriteArray(QStringLiteral("connections"), int(connections.size()));
    for (int index = 0; index < connections.size(); ++index) {
        const Connection &connection = connections.at(index);
        settings.setArrayIndex(index);
        settings.setValue(QStringLiteral("profile"), connection.profile);
        settings.setValue(QStringLiteral("host"), connection.host);
        settings.setValue(QStringLiteral("port"), connection.port);
        settings.setValue(QStringLiteral("connected"), connection.connected);
        settings.beginWriteArray(QStringLiteral("subscriptions"),
                                 int(connection.subscriptions.size()));
        for (int row = 0; row < connection.subscriptions.size(); ++row) {
            const Subscription &subscription = connection.subscriptions.at(row);
            settings.setArrayIndex(row);
            settings.setValue(QStringLiteral("filter"), subscription.topic.filter);
            settings.setValue(QStringLiteral("qos"), int(subscription.topic.qos));
            settings.setValue(QStringLiteral("noLocal"), subscription.topic.noLocal);
            settings.setValue(QStringLiteral("retainAsPublished"),
                              subscription.topic.retainAsPublished);
            settings.setValue(QStringLiteral("retainHandling"),
                              int(subscription.topic.retainHandling));
            settings.setValue(QStringLiteral("identifier"), subscription.identifier);
            settings.setValue(QStringLiteral("color"), subscription.color.name());
            settings.setValue(QStringLiteral("muted"), subscription.muted);
        }
        settings.endArray();
    }
    settings.endArray();
    settings.setValue(QStringLiteral("current"), current);
    settings.setValue(QStringLiteral("combined"), combinedShown);
    settings.endGroup();
}
