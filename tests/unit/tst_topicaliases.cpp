// SPDX-License-Identifier: Apache-2.0
#include "topicaliases.h"

#include <QTest>

using namespace Mqtt;
using Resolution = TopicAliases::Resolution;

// The topic alias table of one connection, both directions (3.3.2.3.4).
class TestTopicAliases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void incoming()
    {
        TopicAliases aliases;
        QByteArrayView topic = "a/b";
        // Absent Topic Alias Maximum in our CONNECT: none allowed [MQTT-3.3.2-9].
        QCOMPARE(aliases.resolveIncoming(1, &topic), Resolution::AboveMaximum);
        aliases.setIncomingMaximum(2);
        QCOMPARE(aliases.resolveIncoming(0, &topic), Resolution::AboveMaximum);
        QCOMPARE(aliases.resolveIncoming(3, &topic), Resolution::AboveMaximum);
        QByteArrayView empty;
        QCOMPARE(aliases.resolveIncoming(1, &empty), Resolution::Unknown);
        QCOMPARE(aliases.resolveIncoming(1, &topic), Resolution::Resolved); // sets it
        QCOMPARE(aliases.resolveIncoming(1, &empty), Resolution::Resolved);
        QCOMPARE(empty, QByteArrayView("a/b"));
        QByteArrayView other = "c";
        QCOMPARE(aliases.resolveIncoming(1, &other), Resolution::Resolved); // sets it again
        QByteArrayView again;
        aliases.resolveIncoming(1, &again);
        QCOMPARE(again, QByteArrayView("c"));
        aliases.clear(); // a new connection
        QByteArrayView after;
        QCOMPARE(aliases.resolveIncoming(1, &after), Resolution::Unknown);
    }

    void outgoingNeedsTheBrokersMaximum()
    {
        TopicAliases aliases;
        // [MQTT-3.3.2-7]: no alias unless the broker allows some.
        QCOMPARE(aliases.chooseOutgoing("a").alias, quint16(0));
        QVERIFY(aliases.chooseOutgoing("a").topicNeeded);
    }

    void outgoing()
    {
        TopicAliases aliases;
        aliases.setOutgoingMaximum(2);
        TopicAliases::Choice choice = aliases.chooseOutgoing("a");
        QCOMPARE(choice.alias, quint16(1));
        QVERIFY(choice.topicNeeded); // the first PUBLISH sets it
        choice = aliases.chooseOutgoing("a");
        QCOMPARE(choice.alias, quint16(1));
        QVERIFY(!choice.topicNeeded); // later ones send the alias alone
        QCOMPARE(aliases.chooseOutgoing("b").alias, quint16(2));
        // Every alias taken: the topic goes in full [MQTT-3.3.2-8].
        choice = aliases.chooseOutgoing("c");
        QCOMPARE(choice.alias, quint16(0));
        QVERIFY(choice.topicNeeded);
        QCOMPARE(aliases.outgoingCount(), 2);
    }

    void applicationAliasesRebind()
    {
        TopicAliases aliases;
        aliases.setOutgoingMaximum(3);
        aliases.chooseOutgoing("a"); // 1
        aliases.chooseOutgoing("b"); // 2
        // The application sets alias 1 for "c": "a" loses it, one alias names one topic.
        aliases.bindOutgoing("c", 1);
        QCOMPARE(aliases.outgoingAlias("c"), quint16(1));
        QCOMPARE(aliases.outgoingAlias("a"), quint16(0));
        // ...and one topic has one alias: "b" moves to 3, 2 is free again.
        aliases.bindOutgoing("b", 3);
        QCOMPARE(aliases.outgoingAlias("b"), quint16(3));
        QCOMPARE(aliases.chooseOutgoing("a").alias, quint16(2)); // the lowest free one
        aliases.clear();
        QCOMPARE(aliases.outgoingCount(), 0);
        QCOMPARE(aliases.chooseOutgoing("z").alias, quint16(1)); // the maximum stays
    }
};

QTEST_APPLESS_MAIN(TestTopicAliases)
#include "tst_topicaliases.moc"
