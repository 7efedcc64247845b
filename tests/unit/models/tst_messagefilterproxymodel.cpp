// SPDX-License-Identifier: Apache-2.0
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "subscriptionmodel.h"

#include "topic.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace {

Mqtt::Message message(const QString &topic, const QByteArray &payload)
{
    Mqtt::Message m;
    m.topic = topic;
    m.payload = payload;
    return m;
}

} // namespace

class TestMessageFilterProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_log = std::make_unique<MessageLogModel>();
        m_proxy = std::make_unique<MessageFilterProxyModel>();
        m_proxy->setSourceModel(m_log.get());
        m_logTester = std::make_unique<QAbstractItemModelTester>(
                m_log.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
                m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void cleanup()
    {
        m_proxyTester.reset();
        m_logTester.reset();
        m_proxy.reset();
        m_log.reset();
    }

    void topicWildcards_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("empty shows all")
                << QString() << QStringList{"a/b", "a/b/c", "a/x", "b", "$SYS/load"};
        QTest::newRow("exact") << "a/b" << QStringList{"a/b"};
        QTest::newRow("plus") << "a/+" << QStringList{"a/b", "a/x"};
        QTest::newRow("hash") << "a/#" << QStringList{"a/b", "a/b/c", "a/x"};
        QTest::newRow("hash alone skips $") << "#" << QStringList{"a/b", "a/b/c", "a/x", "b"};
        QTest::newRow("$SYS explicit") << "$SYS/#" << QStringList{"$SYS/load"};
        QTest::newRow("no match") << "c/+" << QStringList{};
    }
    void topicWildcards()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        feed({"a/b", "a/b/c", "a/x", "b", "$SYS/load"});
        QVERIFY(m_proxy->setTopicFilter(filter));
        QCOMPARE(visibleTopics(), expected);
    }

    void invalidTopicFilterIsRefused()
    {
        feed({"a/b", "c"});
        QVERIFY(m_proxy->setTopicFilter(QStringLiteral("a/#")));
        QVERIFY(!m_proxy->setTopicFilter(QStringLiteral("a/#/b")));
        QVERIFY(!m_proxy->setTopicFilter(QStringLiteral("a+")));
        QCOMPARE(m_proxy->topicFilter(), QStringLiteral("a/#"));
        QCOMPARE(visibleTopics(), QStringList{"a/b"});
    }

    void filtersNewRowsOnAppend()
    {
        QVERIFY(m_proxy->setTopicFilter(QStringLiteral("keep/#")));
        QSignalSpy reset(m_proxy.get(), &QAbstractItemModel::modelReset);
        QSignalSpy layout(m_proxy.get(), &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(m_proxy.get(), &QAbstractItemModel::rowsInserted);
        feed({"keep/1", "drop/1", "keep/2", "drop/2"});
        feed({"keep/3"});
        QCOMPARE(visibleTopics(), (QStringList{"keep/1", "keep/2", "keep/3"}));
        // Appends reach the proxy as inserts only, never as a full re-filter.
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QVERIFY(inserted.count() >= 2);
    }

    void trimmingThroughTheProxy()
    {
        m_log->setMaximumMessages(3);
        QVERIFY(m_proxy->setTopicFilter(QStringLiteral("a")));
        feed({"a", "b", "a"});
        QCOMPARE(m_proxy->rowCount(), 2);
        const quint64 newest = m_proxy->sequenceAt(1);
        QCOMPARE(m_proxy->rowForSequence(newest), 1);
        feed({"b"});
        // Only the newest "a" is left among the last three messages, and the selection can
        // follow it to its new row.
        QCOMPARE(m_proxy->rowCount(), 1);
        QCOMPARE(m_proxy->rowForSequence(newest), 0);
        QCOMPARE(m_proxy->sequenceAt(0), newest);
        feed({"b", "b"});
        QCOMPARE(m_proxy->rowCount(), 0);
        QCOMPARE(m_proxy->rowForSequence(newest), -1);
    }

    void payloadText()
    {
        feedPayloads({"Hello World", "hello there", "bye", "{\"temp\": 21}"});
        m_proxy->setPayloadFilter(QStringLiteral("hello"),
                                  MessageFilterProxyModel::PayloadFilterMode::PlainText);
        QCOMPARE(visiblePayloads(), (QList<QByteArray>{"Hello World", "hello there"}));
        m_proxy->setPayloadFilter(QStringLiteral("hello"),
                                  MessageFilterProxyModel::PayloadFilterMode::PlainText,
                                  Qt::CaseSensitive);
        QCOMPARE(visiblePayloads(), (QList<QByteArray>{"hello there"}));
        // A plain text filter takes regex characters literally.
        m_proxy->setPayloadFilter(QStringLiteral("{\"temp\""),
                                  MessageFilterProxyModel::PayloadFilterMode::PlainText);
        QCOMPARE(visiblePayloads(), (QList<QByteArray>{"{\"temp\": 21}"}));
        m_proxy->setPayloadFilter(QString(), MessageFilterProxyModel::PayloadFilterMode::PlainText);
        QCOMPARE(m_proxy->rowCount(), 4);
    }

    void payloadFilterFindsUserPropertyValues()
    {
        Mqtt::Message tagged = message(QStringLiteral("t"), "reading");
        tagged.properties.addUserProperty(QStringLiteral("site"), QStringLiteral("North-7"));
        Mqtt::Message other = message(QStringLiteral("t"), "reading too");
        other.properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("north"));
        m_log->append(tagged, MessageLogModel::Direction::Incoming);
        m_log->append(other, MessageLogModel::Direction::Incoming);
        m_log->append(message(QStringLiteral("t"), "north in the payload"),
                      MessageLogModel::Direction::Incoming);
        m_log->flush();
        m_proxy->setPayloadFilter(QStringLiteral("north"),
                                  MessageFilterProxyModel::PayloadFilterMode::PlainText);
        // The user property value matches; a content type does not count.
        QCOMPARE(visiblePayloads(), (QList<QByteArray>{"reading", "north in the payload"}));
        m_proxy->setPayloadFilter(QStringLiteral("^North-\\d$"),
                                  MessageFilterProxyModel::PayloadFilterMode::RegularExpression);
        QCOMPARE(visiblePayloads(), (QList<QByteArray>{"reading"}));
        // Names are not values.
        m_proxy->setPayloadFilter(QStringLiteral("site"),
                                  MessageFilterProxyModel::PayloadFilterMode::PlainText);
        QCOMPARE(m_proxy->rowCount(), 0);
    }

    void payloadRegularExpression()
    {
        feedPayloads({"temp=21", "temp=x", "TEMP=5", "other"});
        m_proxy->setPayloadFilter(QStringLiteral("^temp=\\d+$"),
                                  MessageFilterProxyModel::PayloadFilterMode::RegularExpression);
        QVERIFY(m_proxy->payloadFilterError().isEmpty());
        QCOMPARE(visiblePayloads(), (QList<QByteArray>{"temp=21", "TEMP=5"}));
        m_proxy->setPayloadFilter(QStringLiteral("^temp=\\d+$"),
                                  MessageFilterProxyModel::PayloadFilterMode::RegularExpression,
                                  Qt::CaseSensitive);
        QCOMPARE(visiblePayloads(), (QList<QByteArray>{"temp=21"}));
        m_proxy->setPayloadFilter(QStringLiteral("temp=("),
                                  MessageFilterProxyModel::PayloadFilterMode::RegularExpression);
        QVERIFY(!m_proxy->payloadFilterError().isEmpty());
        QCOMPARE(m_proxy->rowCount(), 4); // an unusable expression hides nothing
    }

    void topicSubtree()
    {
        feed({"home", "home/kitchen", "home/kitchen/temp", "homeless", "office/home"});
        m_proxy->setTopicSubtree(QStringLiteral("home"));
        QCOMPARE(visibleTopics(), (QStringList{"home", "home/kitchen", "home/kitchen/temp"}));
        m_proxy->setTopicSubtree(QStringLiteral("home/kitchen"));
        QCOMPARE(visibleTopics(), (QStringList{"home/kitchen", "home/kitchen/temp"}));
        // Subtree and wildcard filter combine.
        QVERIFY(m_proxy->setTopicFilter(QStringLiteral("+/+")));
        QCOMPARE(visibleTopics(), (QStringList{"home/kitchen"}));
        m_proxy->setTopicSubtree(QString());
        QCOMPARE(visibleTopics(), (QStringList{"home/kitchen", "office/home"}));
    }

    void mutedSubscriptions()
    {
        SubscriptionModel subscriptions;
        subscriptions.addSubscription(QStringLiteral("sensors/#"), Mqtt::QoS::AtMostOnce);
        subscriptions.addSubscription(QStringLiteral("sensors/temp/+"), Mqtt::QoS::AtMostOnce);
        subscriptions.addSubscription(QStringLiteral("alerts/#"), Mqtt::QoS::AtMostOnce);
        m_proxy->setSubscriptionModel(&subscriptions);
        feed({"sensors/temp/1", "sensors/hum/1", "alerts/fire"});
        QCOMPARE(m_proxy->rowCount(), 3);

        subscriptions.setMuted(QStringLiteral("sensors/#"), true);
        // sensors/temp/1 still matches an unmuted filter; sensors/hum/1 only a muted one.
        QCOMPARE(visibleTopics(), (QStringList{"sensors/temp/1", "alerts/fire"}));
        QCOMPARE(m_proxy->mutedFilters(), QStringList{"sensors/#"});

        subscriptions.setMuted(QStringLiteral("sensors/temp/+"), true);
        QCOMPARE(visibleTopics(), (QStringList{"alerts/fire"}));
        // New messages are judged with the same rules.
        feed({"sensors/hum/2", "alerts/flood"});
        QCOMPARE(visibleTopics(), (QStringList{"alerts/fire", "alerts/flood"}));

        subscriptions.removeSubscription(QStringLiteral("sensors/#"));
        QCOMPARE(visibleTopics(),
                 (QStringList{"sensors/hum/1", "alerts/fire", "sensors/hum/2", "alerts/flood"}));

        subscriptions.setMuted(QStringLiteral("sensors/temp/+"), false);
        QCOMPARE(m_proxy->rowCount(), 5);
        m_proxy->setSubscriptionModel(nullptr);
        QCOMPARE(m_proxy->rowCount(), 5);
    }

    void cachedVerdictsSurviveTopicCompaction()
    {
        m_log->setMaximumMessages(10);
        QVERIFY(m_proxy->setTopicFilter(QStringLiteral("keep/#")));
        for (int batch = 0; batch < 10; ++batch) {
            QStringList topics;
            for (int i = 0; i < 1000; ++i)
                topics.append(QStringLiteral("%1/%2/%3")
                                      .arg(i % 2 ? QStringLiteral("keep") : QStringLiteral("drop"))
                                      .arg(batch)
                                      .arg(i));
            feed(topics);
        }
        QCOMPARE(m_log->rowCount(), 10);
        QCOMPARE(m_proxy->rowCount(), 5);
        for (const QString &topic : visibleTopics())
            QVERIFY2(topic.startsWith(QLatin1String("keep/")), qPrintable(topic));
    }

    void clearThroughTheProxy()
    {
        QVERIFY(m_proxy->setTopicFilter(QStringLiteral("a")));
        feed({"a", "b"});
        m_log->clear();
        QCOMPARE(m_proxy->rowCount(), 0);
        feed({"b", "a"});
        QCOMPARE(visibleTopics(), QStringList{"a"});
    }

    void randomOperationsMatchABruteForceFilter()
    {
        // Appends, trims, pauses, clears and filter changes in a seeded random order; after
        // each step the proxy must show exactly the log rows a brute-force filter accepts.
        QRandomGenerator random(20240611);
        const QStringList topics{"a", "a/b", "a/b/c", "b/x", "b/y", "$SYS/x", "c"};
        const QStringList filters{"", "a/#", "+/x", "#", "a/+", "c"};
        const QStringList subtrees{"", "a", "a/b", "b"};
        QString topicFilter;
        QString subtree;
        for (int step = 0; step < 400; ++step) {
            const int action = int(random.bounded(100));
            if (action < 55) {
                const int count = int(random.bounded(1, 30));
                for (int i = 0; i < count; ++i)
                    m_log->append(message(topics.at(int(random.bounded(topics.size()))),
                                          QByteArray::number(random.bounded(1000))),
                                  MessageLogModel::Direction::Incoming);
                if (random.bounded(2))
                    m_log->flush();
            } else if (action < 65) {
                m_log->setMaximumMessages(int(random.bounded(5, 80)));
            } else if (action < 72) {
                if (m_log->isPaused())
                    m_log->resume();
                else
                    m_log->pause();
            } else if (action < 82) {
                topicFilter = filters.at(int(random.bounded(filters.size())));
                QVERIFY(m_proxy->setTopicFilter(topicFilter));
            } else if (action < 90) {
                subtree = subtrees.at(int(random.bounded(subtrees.size())));
                m_proxy->setTopicSubtree(subtree);
            } else if (action < 96) {
                m_proxy->setPayloadFilter(QString::number(random.bounded(10)),
                                          MessageFilterProxyModel::PayloadFilterMode::PlainText);
            } else {
                m_log->clear();
            }

            QList<quint64> expected;
            for (int row = 0; row < m_log->rowCount(); ++row) {
                const QString topic = m_log->topicAt(row);
                if (!topicFilter.isEmpty() && !Mqtt::topicMatches(topicFilter, topic))
                    continue;
                if (!subtree.isEmpty() && topic != subtree &&
                    !topic.startsWith(subtree + QLatin1Char('/')))
                    continue;
                if (!m_proxy->payloadFilter().isEmpty() &&
                    !m_log->payloadAt(row).contains(m_proxy->payloadFilter().toUtf8()))
                    continue;
                expected.append(m_log->sequenceAt(row));
            }
            QList<quint64> actual;
            for (int row = 0; row < m_proxy->rowCount(); ++row)
                actual.append(m_proxy->sequenceAt(row));
            QVERIFY2(actual == expected, qPrintable(QStringLiteral("step %1").arg(step)));
        }
    }

private:
    void feed(const QStringList &topics)
    {
        for (const QString &topic : topics)
            m_log->append(message(topic, "p"), MessageLogModel::Direction::Incoming);
        m_log->flush();
    }
    void feedPayloads(const QList<QByteArray> &payloads)
    {
        for (const QByteArray &payload : payloads)
            m_log->append(message(QStringLiteral("t"), payload),
                          MessageLogModel::Direction::Incoming);
        m_log->flush();
    }
    QStringList visibleTopics() const
    {
        QStringList topics;
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            topics.append(m_proxy->index(row, MessageLogModel::TopicColumn).data().toString());
        return topics;
    }
    QList<QByteArray> visiblePayloads() const
    {
        QList<QByteArray> payloads;
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            payloads.append(m_proxy->index(row, 0).data(MessageLogModel::PayloadRole).toByteArray());
        return payloads;
    }

    std::unique_ptr<MessageLogModel> m_log;
    std::unique_ptr<MessageFilterProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_logTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
};

QTEST_GUILESS_MAIN(TestMessageFilterProxyModel)
#include "tst_messagefilterproxymodel.moc"
