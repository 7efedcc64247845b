// SPDX-License-Identifier: Apache-2.0
#include "topictreemodel.h"
#include "topictreeproxymodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {

Mqtt::Message message(const QString &topic, const QByteArray &payload = "v")
{
    Mqtt::Message m;
    m.topic = topic;
    m.payload = payload;
    return m;
}

} // namespace

class TestTopicTreeProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_tree = std::make_unique<TopicTreeModel>();
        m_proxy = std::make_unique<TopicTreeProxyModel>();
        m_proxy->setTopicTree(m_tree.get());
        m_proxy->sort(TopicTreeModel::NameColumn, Qt::AscendingOrder);
        m_tester = std::make_unique<QAbstractItemModelTester>(
                m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void cleanup()
    {
        m_tester.reset();
        m_proxy.reset();
        m_tree.reset();
    }

    void substringSearchKeepsAncestors()
    {
        add({"home/kitchen/temp", "home/kitchen/hum", "home/garden/temp", "office/door",
             "office/kitchenette"});
        m_proxy->setSearchText(QStringLiteral("kitchen/"));
        QCOMPARE(m_proxy->searchMode(), TopicTreeProxyModel::SearchMode::Substring);
        QCOMPARE(visibleTopics(),
                 (QStringList{"home", "home/kitchen", "home/kitchen/hum", "home/kitchen/temp"}));
        // Case does not matter; a match deep down keeps its whole path.
        m_proxy->setSearchText(QStringLiteral("KITCHEN"));
        QCOMPARE(visibleTopics(),
                 (QStringList{"home", "home/kitchen", "home/kitchen/hum", "home/kitchen/temp",
                              "office", "office/kitchenette"}));
        QCOMPARE(m_proxy->matchCount(), 4);
        m_proxy->setSearchText(QString());
        QCOMPARE(visibleTopics().size(), 9);
    }

    void wildcardSearchKeepsAncestors()
    {
        add({"home/kitchen/temp", "home/kitchen/hum", "home/garden/temp", "office/door",
             "home/garden/temp/raw"});
        m_proxy->setSearchText(QStringLiteral("home/+/temp"));
        QCOMPARE(m_proxy->searchMode(), TopicTreeProxyModel::SearchMode::Wildcard);
        QCOMPARE(visibleTopics(), (QStringList{"home", "home/garden", "home/garden/temp",
                                               "home/kitchen", "home/kitchen/temp"}));
        m_proxy->setSearchText(QStringLiteral("+/door"));
        QCOMPARE(visibleTopics(), (QStringList{"office", "office/door"}));
        m_proxy->setSearchText(QStringLiteral("home/garden/#"));
        QCOMPARE(visibleTopics(),
                 (QStringList{"home", "home/garden", "home/garden/temp", "home/garden/temp/raw"}));
    }

    void searchFollowsArrivals()
    {
        add({"office/door", "lab/window"});
        m_proxy->setSearchText(QStringLiteral("door"));
        QCOMPARE(visibleTopics(), (QStringList{"office", "office/door"}));
        // A match below a hidden branch brings its path; a non-match stays hidden.
        add({"lab/door", "lab/bench/back-door", "lab/lamp", "shed"});
        QCOMPARE(visibleTopics(), (QStringList{"lab", "lab/bench", "lab/bench/back-door",
                                               "lab/door", "office", "office/door"}));
    }

    void naturalSortByName()
    {
        // Arrival order line1 … line19, line0, as a broker lists them.
        QStringList topics;
        for (int i = 1; i < 20; ++i)
            topics << QStringLiteral("plant/line%1").arg(i);
        topics << QStringLiteral("plant/line0");
        add(topics);
        QStringList expected;
        for (int i = 0; i < 20; ++i)
            expected << QStringLiteral("line%1").arg(i);
        QCOMPARE(childNames(QStringLiteral("plant")), expected);
        // Later arrivals go to their place, between the others.
        add({"plant/line2a", "plant/line100", "plant/Line3b"});
        expected.insert(3, QStringLiteral("line2a"));
        expected.insert(5, QStringLiteral("Line3b"));
        expected << QStringLiteral("line100");
        QCOMPARE(childNames(QStringLiteral("plant")), expected);
        m_proxy->sort(TopicTreeModel::NameColumn, Qt::DescendingOrder);
        std::reverse(expected.begin(), expected.end());
        QCOMPARE(childNames(QStringLiteral("plant")), expected);
    }

    void numericSortsStayPutWhileMessagesArrive_data()
    {
        QTest::addColumn<int>("column");
        QTest::newRow("message count") << int(TopicTreeModel::MessageCountColumn);
        QTest::newRow("last update") << int(TopicTreeModel::LastSeenColumn);
    }
    void numericSortsStayPutWhileMessagesArrive()
    {
        QFETCH(int, column);
        qint64 now = 1000;
        // a: 5 messages, b: 3, c: 1, in that order of time too (c is the latest).
        for (const auto &[name, count] : {std::pair{"a", 5}, std::pair{"b", 3}, std::pair{"c", 1}})
            for (int i = 0; i < count; ++i)
                m_tree->append(message(QLatin1String(name)), now++);
        if (column == TopicTreeModel::LastSeenColumn)
            m_tree->append(message(QStringLiteral("a")), now++); // a is the latest now
        m_tree->flush();
        m_proxy->sort(column, Qt::DescendingOrder);
        const QStringList before = childNames(QString());
        QCOMPARE(before.size(), 3);
        QCOMPARE(before.first(), QStringLiteral("a"));
        // c gets busy: counts and times change, the rows do not move.
        for (int i = 0; i < 20; ++i)
            m_tree->append(message(QStringLiteral("c")), now++);
        m_tree->flush();
        QCOMPARE(childNames(QString()), before);
        QCOMPARE(m_tree->indexForTopic(QStringLiteral("c"))
                         .data(TopicTreeModel::MessageCountRole)
                         .toLongLong(),
                 21);
        // A new topic is placed by its value on arrival.
        for (int i = 0; i < 40; ++i)
            m_tree->append(message(QStringLiteral("d")), now++);
        m_tree->flush();
        QCOMPARE(childNames(QString()), QStringList{"d"} + before);
        // Sorting again takes the values of now.
        m_proxy->resort();
        QCOMPARE(childNames(QString()), (QStringList{"d", "c", "a", "b"}));
    }

    void sortsBySubtopicsAndRate()
    {
        add({"big/1", "big/2", "big/3", "small/1", "mid/1", "mid/2"});
        m_proxy->sort(TopicTreeModel::TopicCountColumn, Qt::DescendingOrder);
        QCOMPARE(childNames(QString()), (QStringList{"big", "mid", "small"}));
        m_proxy->sort(TopicTreeModel::TopicCountColumn, Qt::AscendingOrder);
        QCOMPARE(childNames(QString()), (QStringList{"small", "mid", "big"}));

        for (int i = 0; i < 50; ++i)
            m_tree->append(message(QStringLiteral("small/1")));
        for (int i = 0; i < 10; ++i)
            m_tree->append(message(QStringLiteral("mid/2")));
        m_tree->flush();
        QTRY_VERIFY(m_tree->indexForTopic(QStringLiteral("small"))
                            .data(TopicTreeModel::RateRole)
                            .toDouble() > 0);
        const QModelIndex rate = m_tree->index(m_tree->indexForTopic(QStringLiteral("small")).row(),
                                               TopicTreeModel::RateColumn);
        QVERIFY(!rate.data().toString().isEmpty());
        m_proxy->sort(TopicTreeModel::RateColumn, Qt::DescendingOrder);
        QCOMPARE(childNames(QString()), (QStringList{"small", "mid", "big"}));
    }

private:
    void add(const QStringList &topics)
    {
        for (const QString &topic : topics)
            m_tree->append(message(topic));
        m_tree->flush();
    }
    // Every visible node's topic, depth first (children in the proxy's order), sorted.
    QStringList visibleTopics() const
    {
        QStringList topics;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
                const QModelIndex index = m_proxy->index(row, 0, parent);
                topics << m_proxy->topicForIndex(index);
                walk(index);
            }
        };
        walk(QModelIndex());
        topics.sort();
        return topics;
    }
    QStringList childNames(const QString &topic) const
    {
        const QModelIndex parent = topic.isEmpty() ? QModelIndex() : m_proxy->indexForTopic(topic);
        QStringList names;
        for (int row = 0; row < m_proxy->rowCount(parent); ++row)
            names << m_proxy->index(row, 0, parent).data().toString();
        return names;
    }

    std::unique_ptr<TopicTreeModel> m_tree;
    std::unique_ptr<TopicTreeProxyModel> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestTopicTreeProxyModel)
#include "tst_topictreeproxymodel.moc"
