// SPDX-License-Identifier: Apache-2.0
#include "validation.h"

#include <QTest>

using namespace Mqtt;

// The one set of rules the Client, the panes and the CLI call, without a socket.
class TestValidation : public QObject
{
    Q_OBJECT

private:
    static ConnectionOptions valid(ProtocolVersion version = ProtocolVersion::V5)
    {
        ConnectionOptions options;
        options.host = u"broker"_qs;
        options.version = version;
        return options;
    }

private Q_SLOTS:
    void connectionOptions()
    {
        QVERIFY(!validateConnectionOptions(valid()));
        ConnectionOptions options = valid();
        options.host = u"  "_qs;
        QCOMPARE(validateConnectionOptions(options).code, ErrorCode::InvalidArgument);
        options = valid();
        options.port = 0;
        QCOMPARE(validateConnectionOptions(options).code, ErrorCode::InvalidArgument);
        options = valid();
        options.clientId = QString(65536, u'x');
        QCOMPARE(validateConnectionOptions(options).code, ErrorCode::InvalidString);
        options = valid();
        options.clientId = QString(QChar(0));
        QCOMPARE(validateConnectionOptions(options).code, ErrorCode::InvalidString);
        // [MQTT-3.1.2-22]: before 5.0 no password without a user name.
        options = valid(ProtocolVersion::V3_1_1);
        options.password = "secret";
        QCOMPARE(validateConnectionOptions(options).code, ErrorCode::InvalidArgument);
        options.version = ProtocolVersion::V5;
        QVERIFY(!validateConnectionOptions(options));
        // [MQTT-3.1.3-7]: an empty id the broker assigns needs a clean session (3.1.1).
        options = valid(ProtocolVersion::V3_1_1);
        options.clientIdPolicy = ClientIdPolicy::SendAsGiven;
        options.cleanSession = false;
        QCOMPARE(validateConnectionOptions(options).code, ErrorCode::InvalidArgument);
        options.clientId = u"me"_qs;
        QVERIFY(!validateConnectionOptions(options));
    }

    void will()
    {
        ConnectionOptions options = valid();
        options.will = Will{u"last/#"_qs, "bye", QoS::AtMostOnce, false, {}};
        const Error error = validateConnectionOptions(options);
        QCOMPARE(error.code, ErrorCode::InvalidTopic);
        QVERIFY2(error.text.startsWith(u"Will topic"), qPrintable(error.text));
        QCOMPARE(validateWill(*options.will).text, error.text);
        options.will->topic = u"last/words"_qs;
        QVERIFY(!validateConnectionOptions(options));
    }

    void connectPropertiesRanges()
    {
        // 3.1.2.11.3 / 3.1.2.11.4: 0 is a Protocol Error.
        QCOMPARE(propertyValueRange(PropertyId::ReceiveMaximum).minimum, 1u);
        QCOMPARE(propertyValueRange(PropertyId::ReceiveMaximum).maximum, 65535u);
        QCOMPARE(propertyValueRange(PropertyId::MaximumPacketSize).minimum, 1u);
        QCOMPARE(propertyValueRange(PropertyId::TopicAliasMaximum).minimum, 0u);
        QCOMPARE(propertyValueRange(PropertyId::SubscriptionIdentifier).maximum, 268435455u);
        QCOMPARE(propertyValueRange(PropertyId::RequestProblemInformation).maximum, 1u);
        for (PropertyId id : {PropertyId::ReceiveMaximum, PropertyId::MaximumPacketSize}) {
            ConnectionOptions options = valid();
            options.connectProperties.setInteger(id, 0);
            QCOMPARE(validateConnectionOptions(options).code, ErrorCode::InvalidArgument);
            options.version = ProtocolVersion::V3_1_1; // 3.1.1 sends no properties
            QVERIFY(!validateConnectionOptions(options));
        }
        ConnectionOptions options = valid();
        options.connectProperties.setInteger(PropertyId::RequestResponseInformation, 2);
        QCOMPARE(validateConnectionOptions(options).code, ErrorCode::InvalidArgument);
    }

    void authentication()
    {
        ConnectionOptions options = valid();
        options.authenticationMethod = u"SCRAM-SHA-256"_qs;
        // A method needs a user name and a password...
        QCOMPARE(validateAuthentication(options).code, ErrorCode::InvalidArgument);
        options.userName = u"alice"_qs;
        QCOMPARE(validateAuthentication(options).code, ErrorCode::InvalidArgument);
        options.password = "secret";
        QVERIFY(!validateAuthentication(options));
        QVERIFY(!validateConnectionOptions(options));
        // ...that is known...
        options.authenticationMethod = u"NOPE"_qs;
        QCOMPARE(validateAuthentication(options).code, ErrorCode::InvalidArgument);
        // ...and 5.0, also for the application's own authenticator.
        options.version = ProtocolVersion::V3_1_1;
        QVERIFY(validateAuthentication(options, AuthenticationSource::Application));
        options.version = ProtocolVersion::V5;
        QVERIFY(!validateAuthentication(options, AuthenticationSource::Application));
    }

    void message()
    {
        Message message;
        message.qos = QoS(3);
        QCOMPARE(validateMessage(message, 1).code, ErrorCode::InvalidArgument);
        message.qos = QoS::ExactlyOnce;
        QVERIFY(!validateMessage(message, 1));
        QCOMPARE(validateMessage(message, MaximumRemainingLength).code, ErrorCode::PacketTooLarge);
    }

    void subscription_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("noLocal");
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("code");
        const int v5 = int(ProtocolVersion::V5);
        const int v311 = int(ProtocolVersion::V3_1_1);
        QTest::newRow("plain") << u"a/+/c"_qs << false << v5 << int(ErrorCode::None);
        QTest::newRow("bad filter") << u"a/#/c"_qs << false << v5 << int(ErrorCode::InvalidTopic);
        QTest::newRow("shared") << u"$share/g/a/#"_qs << false << v5 << int(ErrorCode::None);
        QTest::newRow("shared without filter")
                << u"$share/g"_qs << false << v5 << int(ErrorCode::InvalidTopic);
        QTest::newRow("share name with +")
                << u"$share/g+/a"_qs << false << v5 << int(ErrorCode::InvalidTopic);
        // [MQTT-3.8.3-4]
        QTest::newRow("shared with No Local")
                << u"$share/g/a"_qs << true << v5 << int(ErrorCode::InvalidArgument);
        QTest::newRow("No Local") << u"a"_qs << true << v5 << int(ErrorCode::None);
        // 3.1.1 has no shared subscriptions: an ordinary filter there.
        QTest::newRow("3.1.1 $share") << u"$share/g/a"_qs << true << v311 << int(ErrorCode::None);
    }

    void subscription()
    {
        QFETCH(QString, filter);
        QFETCH(bool, noLocal);
        QFETCH(int, version);
        QFETCH(int, code);
        SubscribeTopic topic;
        topic.filter = filter;
        topic.noLocal = noLocal;
        QCOMPARE(int(validateSubscription(topic, ProtocolVersion(version)).code), code);
    }

    void subscriptionOptionRanges()
    {
        SubscribeTopic topic;
        topic.filter = u"a"_qs;
        topic.qos = QoS(3);
        QCOMPARE(validateSubscription(topic, ProtocolVersion::V5).code, ErrorCode::InvalidArgument);
        topic.qos = QoS::AtMostOnce;
        topic.retainHandling = RetainHandling(3); // [MQTT-3.8.3-5]
        QCOMPARE(validateSubscription(topic, ProtocolVersion::V5).code, ErrorCode::InvalidArgument);
    }

    void subscribeAndUnsubscribeProperties()
    {
        QVERIFY(!validateSubscribeProperties({}, ProtocolVersion::V3_1_1));
        Properties properties;
        properties.addSubscriptionIdentifier(1);
        QVERIFY(validateSubscribeProperties(properties, ProtocolVersion::V3_1_1));
        QVERIFY(!validateSubscribeProperties(properties, ProtocolVersion::V5));
        properties.addSubscriptionIdentifier(2);
        QVERIFY(validateSubscribeProperties(properties, ProtocolVersion::V5));
        Properties zero;
        zero.addSubscriptionIdentifier(0);
        QVERIFY(validateSubscribeProperties(zero, ProtocolVersion::V5));

        Properties user;
        user.addUserProperty(u"k"_qs, u"v"_qs);
        QVERIFY(!validateUnsubscribeProperties(user, ProtocolVersion::V5));
        QVERIFY(validateUnsubscribeProperties(user, ProtocolVersion::V3_1_1));
        user.setString(PropertyId::ReasonString, u"no"_qs); // 3.10.2.1: user properties only
        QVERIFY(validateUnsubscribeProperties(user, ProtocolVersion::V5));
    }
};

QTEST_APPLESS_MAIN(TestValidation)
#include "tst_validation.moc"
