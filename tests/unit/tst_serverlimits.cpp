// SPDX-License-Identifier: Apache-2.0
#include "serverlimits.h"
#include "validation.h"

#include <QTest>

using namespace Mqtt;
using Limit = ServerLimits::Limit;

// ServerLimits: each limit's specification default, the announced value, and its effect on
// what validation lets the client send.
class TestServerLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        // No CONNACK yet, a 3.1.1 broker, or a 5.0 broker that announced nothing (3.2.2.3).
        for (const ServerLimits &limits :
             {ServerLimits(), ServerLimits::fromConnack({}, ProtocolVersion::V5, false)}) {
            QCOMPARE(limits.maximumQos(), QoS::ExactlyOnce);
            QVERIFY(limits.isRetainAvailable());
            QVERIFY(limits.isWildcardSubscriptionAvailable());
            QVERIFY(limits.isSubscriptionIdentifierAvailable());
            QVERIFY(limits.isSharedSubscriptionAvailable());
            QCOMPARE(limits.receiveMaximum(), quint16(65535));
            QCOMPARE(limits.maximumPacketSize(), std::nullopt);
            QCOMPARE(limits.topicAliasMaximum(), quint16(0));
            QCOMPARE(limits.keepAlive(42), quint16(42));
            QCOMPARE(limits.sessionExpiryInterval(), std::nullopt);
            QVERIFY(limits.assignedClientIdentifier().isEmpty());
            QVERIFY(limits.responseInformation().isEmpty());
            for (int limit = 0; limit <= int(Limit::SessionExpiryInterval); ++limit)
                QVERIFY(!limits.isAnnounced(Limit(limit)));
        }
    }

    void announced()
    {
        Properties properties;
        properties.setInteger(PropertyId::MaximumQoS, 1);
        properties.setInteger(PropertyId::RetainAvailable, 0);
        properties.setInteger(PropertyId::WildcardSubscriptionAvailable, 0);
        properties.setInteger(PropertyId::SubscriptionIdentifierAvailable, 0);
        properties.setInteger(PropertyId::SharedSubscriptionAvailable, 0);
        properties.setInteger(PropertyId::ReceiveMaximum, 5);
        properties.setInteger(PropertyId::MaximumPacketSize, 200);
        properties.setInteger(PropertyId::TopicAliasMaximum, 3);
        properties.setInteger(PropertyId::ServerKeepAlive, 10);
        properties.setInteger(PropertyId::SessionExpiryInterval, 60);
        properties.setString(PropertyId::AssignedClientIdentifier, u"auto-1"_qs);
        properties.setString(PropertyId::ResponseInformation, u"reply/here"_qs);
        properties.setString(PropertyId::ServerReference, u"other:1883"_qs);
        properties.setString(PropertyId::ReasonString, u"welcome"_qs);
        properties.addUserProperty(u"a"_qs, u"b"_qs);
        const ServerLimits limits =
                ServerLimits::fromConnack(properties, ProtocolVersion::V5, true);
        QVERIFY(limits.sessionPresent());
        QCOMPARE(limits.maximumQos(), QoS::AtLeastOnce);
        QVERIFY(!limits.isRetainAvailable());
        QVERIFY(!limits.isWildcardSubscriptionAvailable());
        QVERIFY(!limits.isSubscriptionIdentifierAvailable());
        QVERIFY(!limits.isSharedSubscriptionAvailable());
        QCOMPARE(limits.receiveMaximum(), quint16(5));
        QCOMPARE(limits.maximumPacketSize(), std::optional<quint32>(200));
        QCOMPARE(limits.topicAliasMaximum(), quint16(3));
        QCOMPARE(limits.keepAlive(42), quint16(10)); // [MQTT-3.2.2-21]
        QCOMPARE(limits.sessionExpiryInterval(), std::optional<quint32>(60));
        QCOMPARE(limits.assignedClientIdentifier(), u"auto-1"_qs);
        QCOMPARE(limits.responseInformation(), u"reply/here"_qs);
        QCOMPARE(limits.serverReference(), u"other:1883"_qs);
        QCOMPARE(limits.reasonString(), u"welcome"_qs);
        QCOMPARE(limits.userProperties().size(), 1);
        for (int limit = 0; limit <= int(Limit::SessionExpiryInterval); ++limit)
            QVERIFY(limits.isAnnounced(Limit(limit)));
        QCOMPARE(limits.announced(Limit::MaximumQos), std::optional<quint32>(1));
    }

    void version311IgnoresProperties()
    {
        Properties properties;
        properties.setInteger(PropertyId::MaximumQoS, 0);
        const ServerLimits limits =
                ServerLimits::fromConnack(properties, ProtocolVersion::V3_1_1, false);
        QCOMPARE(limits.maximumQos(), QoS::ExactlyOnce);
        QVERIFY(!limits.isAnnounced(Limit::MaximumQos));
    }

    void effectOnMessages()
    {
        Properties properties;
        properties.setInteger(PropertyId::MaximumQoS, 1);
        properties.setInteger(PropertyId::RetainAvailable, 0);
        properties.setInteger(PropertyId::MaximumPacketSize, 100);
        properties.setInteger(PropertyId::TopicAliasMaximum, 2);
        const ServerLimits limits =
                ServerLimits::fromConnack(properties, ProtocolVersion::V5, false);
        const auto check = [&](const Message &message) {
            return validateAgainstServerLimits(message, message.topic.toUtf8().size(), limits,
                                               TopicAliasPolicy::Automatic);
        };
        Message message;
        message.topic = u"t"_qs;
        message.qos = QoS::AtLeastOnce;
        QVERIFY(!check(message));
        message.qos = QoS::ExactlyOnce; // [MQTT-3.2.2-11]
        QCOMPARE(check(message).reasonCode, quint8(ReasonCode::QoSNotSupported));
        message.qos = QoS::AtMostOnce;
        message.retain = true; // [MQTT-3.2.2-14]
        QCOMPARE(check(message).reasonCode, quint8(ReasonCode::RetainNotSupported));
        message.retain = false;
        message.properties.setInteger(PropertyId::TopicAlias, 3); // [MQTT-3.3.2-8]
        QCOMPARE(check(message).reasonCode, quint8(ReasonCode::TopicAliasInvalid));
        message.properties.setInteger(PropertyId::TopicAlias, 2);
        QVERIFY(!check(message));
        message.properties.clear();
        // [MQTT-3.1.2-24]: 1 + 1 + 2 + 1 topic + 1 properties length + 3 room for an alias
        // = 9 bytes around the payload.
        message.payload = QByteArray(91, 'x');
        QVERIFY(!check(message));
        message.payload.append('x');
        QCOMPARE(check(message).code, ErrorCode::PacketTooLarge);
        QVERIFY(!validateAgainstServerLimits(message, 1, limits, TopicAliasPolicy::Disabled));
        QVERIFY(!validatePacketSize(100, limits));
        QCOMPARE(validatePacketSize(101, limits).code, ErrorCode::PacketTooLarge);
        QVERIFY(!validatePacketSize(1'000'000, ServerLimits()));
    }

    void effectOnSubscriptions()
    {
        Properties properties;
        properties.setInteger(PropertyId::WildcardSubscriptionAvailable, 0);
        properties.setInteger(PropertyId::SharedSubscriptionAvailable, 0);
        properties.setInteger(PropertyId::SubscriptionIdentifierAvailable, 0);
        const ServerLimits limits =
                ServerLimits::fromConnack(properties, ProtocolVersion::V5, false);
        const auto check = [&](const QString &filter, const ServerLimits *with) {
            SubscribeTopic topic;
            topic.filter = filter;
            return validateSubscription(topic, ProtocolVersion::V5, with);
        };
        QVERIFY(!check(u"a/b"_qs, &limits));
        QCOMPARE(check(u"a/#"_qs, &limits).reasonCode,
                 quint8(ReasonCode::WildcardSubscriptionsNotSupported));
        QCOMPARE(check(u"$share/g/a"_qs, &limits).reasonCode,
                 quint8(ReasonCode::SharedSubscriptionsNotSupported));
        QVERIFY(!check(u"a/#"_qs, nullptr)); // not connected: no broker to ask
        Properties identifier;
        identifier.addSubscriptionIdentifier(5);
        QCOMPARE(validateSubscribeProperties(identifier, ProtocolVersion::V5, &limits).reasonCode,
                 quint8(ReasonCode::SubscriptionIdentifiersNotSupported));
        QVERIFY(!validateSubscribeProperties(identifier, ProtocolVersion::V5, nullptr));
    }
};

QTEST_APPLESS_MAIN(TestServerLimits)
#include "tst_serverlimits.moc"
