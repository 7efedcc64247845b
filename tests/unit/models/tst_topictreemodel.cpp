// SPDX-License-Identifier: Apache-2.0
#include "topictreemodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QFont>
#include <QImage>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

namespace {

Mqtt::Message message(const QString &topic, const QByteArray &payload, bool retain = false)
{
    Mqtt::Message m;
    m.topic = topic;
    m.payload = payload;
    m.retain = retain;
    return m;
}

} // namespace

class TestTopicTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<TopicTreeModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
                m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void marksTheConnectionsThatReachedEachNode()
    {
        m_model->setConnection(7, QStringLiteral("east"), QColor(Qt::blue));
        m_model->setConnection(3, QStringLiteral("west"), QColor(Qt::red));
        m_model->append(message(QStringLiteral("site/a"), "1"), 1000, 3);
        m_model->append(message(QStringLiteral("site/a"), "2"), 1000, 7);
        m_model->append(message(QStringLiteral("site/b"), "3"), 1000, 3);
        m_model->append(message(QStringLiteral("plain"), "4"), 1000);
        m_model->flush();
        const auto names = [this](const QString &topic) {
            return m_model->indexForTopic(topic).data(TopicTreeModel::ConnectionsRole).toStringList();
        };
        // In the order the connections were named, not of arrival.
        QCOMPARE(names(QStringLiteral("site/a")),
                 QStringList({QStringLiteral("east"), QStringLiteral("west")}));
        QCOMPARE(names(QStringLiteral("site/b")), QStringList{QStringLiteral("west")});
        QCOMPARE(names(QStringLiteral("site")),
                 QStringList({QStringLiteral("east"), QStringLiteral("west")}));
        QVERIFY(names(QStringLiteral("plain")).isEmpty());
        const QModelIndex b = m_model->indexForTopic(QStringLiteral("site/b"));
        QCOMPARE(b.data(Qt::DecorationRole).value<QImage>().pixelColor(5, 5).rgba(),
                 QColor(Qt::red).rgba());
        QVERIFY(b.data(Qt::ToolTipRole).toString().contains(QStringLiteral("west")));
        QVERIFY(!m_model->indexForTopic(QStringLiteral("plain")).data(Qt::DecorationRole).isValid());
        // A renamed connection is shown with its new name; past 64 connections the last bit is
        // shared, nothing breaks.
        m_model->setConnection(3, QStringLiteral("west 2"), QColor(Qt::green));
        QCOMPARE(names(QStringLiteral("site/b")), QStringList{QStringLiteral("west 2")});
        for (quint16 id = 100; id < 200; ++id)
            m_model->append(message(QStringLiteral("many/%1").arg(id), "x"), 1000, id);
        m_model->flush();
        QCOMPARE(names(QStringLiteral("many/199")).size(), 1);
        QCOMPARE(names(QStringLiteral("many")).size(), 62);
    }

    void buildsTheTreeWithCounts()
    {
        m_model->append(message(QStringLiteral("home/kitchen/temp"), "21"), 1000);
        m_model->append(message(QStringLiteral("home/kitchen/temp"), "22"), 2000);
        m_model->append(message(QStringLiteral("home/kitchen/hum"), "40"), 3000);
        m_model->append(message(QStringLiteral("home"), "root"), 1500);
        m_model->append(message(QStringLiteral("office/door"), "open"), 2500);
        QCOMPARE(m_model->rowCount(), 0);
        QTRY_COMPARE(m_model->rowCount(), 2);

        const QModelIndex home = m_model->indexForTopic(QStringLiteral("home"));
        QVERIFY(home.isValid());
        QCOMPARE(home.data().toString(), QStringLiteral("home"));
        QCOMPARE(home.data(TopicTreeModel::MessageCountRole).toLongLong(), 4);
        QCOMPARE(home.data(TopicTreeModel::TopicCountRole).toInt(), 3);
        QCOMPARE(home.data(TopicTreeModel::LastSeenRole).toLongLong(), 3000);
        QCOMPARE(home.data(TopicTreeModel::IsTopicRole).toBool(), true);
        QCOMPARE(home.data(TopicTreeModel::LastPayloadRole).toByteArray(), QByteArray("root"));
        QCOMPARE(m_model->rowCount(home), 1);

        const QModelIndex kitchen = m_model->indexForTopic(QStringLiteral("home/kitchen"));
        QCOMPARE(kitchen.parent(), home);
        QCOMPARE(kitchen.data(TopicTreeModel::IsTopicRole).toBool(), false);
        QCOMPARE(kitchen.data(TopicTreeModel::MessageCountRole).toLongLong(), 3);
        QCOMPARE(kitchen.data(TopicTreeModel::TopicCountRole).toInt(), 2);
        QCOMPARE(m_model->index(0, TopicTreeModel::LastPayloadColumn, home).data().toString(),
                 QString()); // kitchen itself has no payload

        const QModelIndex temp = m_model->indexForTopic(QStringLiteral("home/kitchen/temp"));
        QCOMPARE(temp.data(TopicTreeModel::TopicRole).toString(),
                 QStringLiteral("home/kitchen/temp"));
        QCOMPARE(temp.data(TopicTreeModel::MessageCountRole).toLongLong(), 2);
        QCOMPARE(m_model->index(temp.row(), TopicTreeModel::LastPayloadColumn, kitchen)
                         .data()
                         .toString(),
                 QStringLiteral("22"));
        QCOMPARE(m_model->index(temp.row(), TopicTreeModel::MessageCountColumn, kitchen)
                         .data()
                         .toLongLong(),
                 2);
        QCOMPARE(m_model->topicForIndex(temp), QStringLiteral("home/kitchen/temp"));
        QCOMPARE(m_model->distinctTopicCount(), 4);
        QCOMPARE(m_model->totalMessageCount(), 5);
        QVERIFY(!m_model->indexForTopic(QStringLiteral("home/garden")).isValid());
    }

    void emptyLevels()
    {
        m_model->append(message(QStringLiteral("/leading"), "a"));
        m_model->append(message(QStringLiteral("a//b"), "b"));
        m_model->append(message(QStringLiteral("trailing/"), "c"));
        m_model->flush();
        for (const QString &topic :
             {QStringLiteral("/leading"), QStringLiteral("a//b"), QStringLiteral("trailing/")}) {
            const QModelIndex index = m_model->indexForTopic(topic);
            QVERIFY2(index.isValid(), qPrintable(topic));
            QCOMPARE(m_model->topicForIndex(index), topic);
        }
        QCOMPARE(m_model->distinctTopicCount(), 3);
    }

    void batchesSignals()
    {
        m_model->append(message(QStringLiteral("a/x"), "1"));
        m_model->flush();
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        // Three new children of "a" (one with a subtree of its own), one new root, and
        // repeated messages on a known topic.
        for (int i = 0; i < 5; ++i)
            m_model->append(message(QStringLiteral("a/x"), QByteArray::number(i)));
        m_model->append(message(QStringLiteral("a/y"), "y"));
        m_model->append(message(QStringLiteral("a/z/deep/er"), "z"));
        m_model->append(message(QStringLiteral("a/w"), "w"));
        m_model->append(message(QStringLiteral("b"), "b"));
        m_model->flush();
        // One insert for the new children of "a", one for the new root "b".
        QCOMPARE(inserted.count(), 2);
        const QModelIndex a = m_model->indexForTopic(QStringLiteral("a"));
        QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), a);
        QCOMPARE(inserted.at(0).at(1).toInt(), 1);
        QCOMPARE(inserted.at(0).at(2).toInt(), 3);
        QCOMPARE(inserted.at(1).at(0).value<QModelIndex>(), QModelIndex());
        // dataChanged only for existing rows ("a" at the root, "x" under "a"), once each.
        QCOMPARE(changed.count(), 2);
        QCOMPARE(m_model->indexForTopic(QStringLiteral("a"))
                         .data(TopicTreeModel::MessageCountRole)
                         .toLongLong(),
                 9);
        QCOMPARE(m_model->rowCount(m_model->indexForTopic(QStringLiteral("a/z/deep"))), 1);
    }

    void retainedMarkers()
    {
        m_model->append(message(QStringLiteral("plant/line1/speed"), "10", true));
        m_model->append(message(QStringLiteral("plant/line1/state"), "on", true));
        m_model->append(message(QStringLiteral("plant/line2/speed"), "7", true));
        m_model->append(message(QStringLiteral("plant/line2/live"), "x", false));
        m_model->append(message(QStringLiteral("other"), "r", true));
        m_model->flush();
        const QModelIndex plant = m_model->indexForTopic(QStringLiteral("plant"));
        QCOMPARE(plant.data(TopicTreeModel::RetainedCountRole).toInt(), 3);
        // The marker a view shows: bold name for a topic that holds a retained message.
        QVERIFY(m_model->indexForTopic(QStringLiteral("plant/line1/speed"))
                        .data(Qt::FontRole)
                        .value<QFont>()
                        .bold());
        QVERIFY(!m_model->indexForTopic(QStringLiteral("plant/line2/live"))
                         .data(Qt::FontRole)
                         .isValid());
        QStringList retained = m_model->retainedTopics(plant);
        retained.sort();
        QCOMPARE(retained,
                 (QStringList{"plant/line1/speed", "plant/line1/state", "plant/line2/speed"}));
        QCOMPARE(m_model->retainedTopics(QModelIndex()).size(), 4);
        QCOMPARE(m_model->retainedTopics(m_model->indexForTopic(QStringLiteral("plant/line2"))),
                 QStringList{"plant/line2/speed"});

        // A live message leaves the marker; an empty retained message clears it.
        m_model->append(message(QStringLiteral("plant/line1/speed"), "11", false));
        m_model->append(message(QStringLiteral("plant/line1/state"), "", true));
        m_model->flush();
        QCOMPARE(m_model->indexForTopic(QStringLiteral("plant/line1/speed"))
                         .data(TopicTreeModel::RetainedRole)
                         .toBool(),
                 true);
        QCOMPARE(m_model->indexForTopic(QStringLiteral("plant/line1/state"))
                         .data(TopicTreeModel::RetainedRole)
                         .toBool(),
                 false);
        QCOMPARE(plant.data(TopicTreeModel::RetainedCountRole).toInt(), 2);

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->markRetainedCleared(QStringLiteral("plant/line2/speed"));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(m_model->retainedTopics(plant), QStringList{"plant/line1/speed"});
    }

    void clearEmptiesTheTree()
    {
        m_model->append(message(QStringLiteral("a/b"), "1"));
        m_model->flush();
        m_model->append(message(QStringLiteral("c"), "1")); // pending, dropped by clear
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->distinctTopicCount(), 0);
        QCOMPARE(m_model->totalMessageCount(), 0);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 0);
        m_model->append(message(QStringLiteral("a/b"), "1"));
        m_model->flush();
        QCOMPARE(m_model->indexForTopic(QStringLiteral("a"))
                         .data(TopicTreeModel::TopicCountRole)
                         .toInt(),
                 1);
    }

    void manyTopicsAcrossFlushes_data()
    {
        QTest::addColumn<int>("perBatch");
        QTest::addColumn<bool>("checked");
        // The tester walks the whole tree on every signal: a smaller tree under it, and the
        // large one without it.
        QTest::newRow("under the tester") << 150 << true;
        QTest::newRow("20,000 topics") << 5000 << false;
    }
    void manyTopicsAcrossFlushes()
    {
        QFETCH(int, perBatch);
        QFETCH(bool, checked);
        if (!checked)
            m_tester.reset();
        // Distinct topics in mixed batches, some repeated: every count adds up.
        int expectedMessages = 0;
        for (int batch = 0; batch < 4; ++batch) {
            for (int i = 0; i < perBatch; ++i) {
                const int n = batch * perBatch + i;
                m_model->append(message(
                        QStringLiteral("site%1/device%2/sensor%3").arg(n % 7).arg(n % 100).arg(n),
                        "v"));
                ++expectedMessages;
                if (i % 10 == 0) {
                    m_model->append(message(QStringLiteral("site0/device0/sensor0"), "again"));
                    ++expectedMessages;
                }
            }
            m_model->flush();
        }
        QCOMPARE(m_model->distinctTopicCount(), 4 * perBatch);
        QCOMPARE(m_model->totalMessageCount(), expectedMessages);
        QCOMPARE(m_model->rowCount(), 7);
        qint64 sum = 0;
        int topics = 0;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            sum += m_model->index(row, 0).data(TopicTreeModel::MessageCountRole).toLongLong();
            topics += m_model->index(row, 0).data(TopicTreeModel::TopicCountRole).toInt();
        }
        QCOMPARE(sum, expectedMessages);
        QCOMPARE(topics, 4 * perBatch);
        QCOMPARE(m_model->indexForTopic(QStringLiteral("site0/device0/sensor0"))
                         .data(TopicTreeModel::MessageCountRole)
                         .toLongLong(),
                 1 + 4 * (perBatch / 10));
        const QString last = QStringLiteral("site%1/device%2/sensor%3")
                                     .arg((4 * perBatch - 1) % 7)
                                     .arg((4 * perBatch - 1) % 100)
                                     .arg(4 * perBatch - 1);
        QCOMPARE(m_model->topicForIndex(m_model->indexForTopic(last)), last);
    }

    void randomMessagesMatchBruteForceCounts()
    {
        // Seeded random messages with flushes at random points: every node's counts, retained
        // marker and last payload must equal what a brute-force pass over the messages says.
        QRandomGenerator random(7);
        const QStringList topics{"a", "a/b", "a/b/c", "a/d", "e/f/g", "e/f/h", "/x", "e"};
        QHash<QString, qint64> messages; // per node path, at and below
        QHash<QString, QByteArray> lastPayload;
        QHash<QString, bool> retained;
        QSet<QString> seen;
        for (int i = 0; i < 600; ++i) {
            const QString topic = topics.at(int(random.bounded(topics.size())));
            const bool retain = random.bounded(4) == 0;
            const QByteArray payload =
                    random.bounded(5) == 0 ? QByteArray() : QByteArray::number(i);
            m_model->append(message(topic, payload, retain), 1000 + i);
            seen.insert(topic);
            lastPayload[topic] = payload;
            if (retain)
                retained[topic] = !payload.isEmpty();
            const QStringList levels = topic.split(QLatin1Char('/'));
            for (int n = 1; n <= levels.size(); ++n)
                ++messages[levels.mid(0, n).join(QLatin1Char('/'))];
            if (random.bounded(20) == 0)
                m_model->flush();
        }
        m_model->flush();
        for (auto it = messages.cbegin(); it != messages.cend(); ++it) {
            const QModelIndex index = m_model->indexForTopic(it.key());
            QVERIFY2(index.isValid(), qPrintable(it.key()));
            QCOMPARE(index.data(TopicTreeModel::MessageCountRole).toLongLong(), it.value());
            int topicsBelow = 0;
            int retainedBelow = 0;
            for (const QString &topic : std::as_const(seen)) {
                if (topic == it.key() || topic.startsWith(it.key() + QLatin1Char('/'))) {
                    ++topicsBelow;
                    retainedBelow += retained.value(topic) ? 1 : 0;
                }
            }
            QCOMPARE(index.data(TopicTreeModel::TopicCountRole).toInt(), topicsBelow);
            QCOMPARE(index.data(TopicTreeModel::RetainedCountRole).toInt(), retainedBelow);
            QCOMPARE(index.data(TopicTreeModel::RetainedRole).toBool(), retained.value(it.key()));
            if (seen.contains(it.key()))
                QCOMPARE(index.data(TopicTreeModel::LastPayloadRole).toByteArray(),
                         lastPayload.value(it.key()));
        }
        QCOMPARE(m_model->distinctTopicCount(), int(seen.size()));
        QCOMPARE(m_model->totalMessageCount(), 600);
    }

    void historyRingIsBoundedAndInOrder()
    {
        m_model->setHistoryDepth(4);
        // Across flushes and within one: only the last four stay, oldest first.
        for (int i = 0; i < 3; ++i)
            m_model->append(message(QStringLiteral("a/b"), QByteArray::number(i)), 1000 + i);
        m_model->flush();
        QCOMPARE(m_model->history(m_model->indexForTopic(QStringLiteral("a/b"))).size(), 3);
        for (int i = 3; i < 10; ++i) {
            Mqtt::Message m = message(QStringLiteral("a/b"), QByteArray(i, 'x'), i % 2 == 0);
            m.qos = Mqtt::QoS(i % 3);
            m_model->append(m, 1000 + i);
            if (i == 5)
                m_model->flush();
        }
        m_model->flush();
        const QModelIndex ab = m_model->indexForTopic(QStringLiteral("a/b"));
        const QList<TopicTreeModel::HistoryEntry> history = m_model->history(ab);
        QCOMPARE(history.size(), 4);
        for (int k = 0; k < 4; ++k) {
            const int i = 6 + k;
            QCOMPARE(history.at(k).payload, QByteArray(i, 'x'));
            QCOMPARE(history.at(k).size, i);
            QCOMPARE(history.at(k).timestampMs, 1000 + i);
            QCOMPARE(history.at(k).qos, Mqtt::QoS(i % 3));
            QCOMPARE(history.at(k).retain, i % 2 == 0);
        }
        QCOMPARE(ab.data(TopicTreeModel::HistoryCountRole).toInt(), 4);
        QCOMPARE(ab.data(TopicTreeModel::LastSizeRole).toInt(), 9);
        QCOMPARE(ab.data(TopicTreeModel::LastQosRole).toInt(), 0);
        QCOMPARE(ab.data(TopicTreeModel::LastRetainRole).toBool(), false);
        QVERIFY(m_model->history(m_model->indexForTopic(QStringLiteral("a"))).isEmpty());
        // Large payloads are kept in part, with their whole size.
        m_model->append(message(QStringLiteral("a/b"), QByteArray(100000, 'y')));
        m_model->flush();
        const auto last = m_model->history(ab).constLast();
        QCOMPARE(last.payload.size(), TopicTreeModel::HistoryPayloadBytes);
        QCOMPARE(last.size, 100000);
        // The tooltip of the last payload column holds the value the cell cuts short.
        const QString tip = m_model->index(ab.row(), TopicTreeModel::LastPayloadColumn, ab.parent())
                                    .data(Qt::ToolTipRole)
                                    .toString();
        QCOMPARE(tip.size(), TopicTreeModel::HistoryPayloadBytes);
    }

    void historyIsCountedInTheBudget()
    {
        m_model->setHistoryDepth(8);
        const qint64 empty = m_model->bytesHeld();
        m_model->append(message(QStringLiteral("t0"), QByteArray(1000, 'a')));
        m_model->flush();
        const qint64 oneEntry = m_model->historyBytes();
        QVERIFY(oneEntry >= 1000);
        QVERIFY(m_model->bytesHeld() >= empty + oneEntry + 1000); // + the last payload
        // Twenty topics, four messages each, oldest topics first; room for 30 entries.
        m_model->clear();
        m_model->setMaximumHistoryBytes(30 * oneEntry);
        m_tester.reset(); // 80 flushes under the tester are slow and prove nothing more
        for (int t = 0; t < 20; ++t) {
            for (int i = 0; i < 4; ++i) {
                m_model->append(message(QStringLiteral("t%1").arg(t), QByteArray(1000, 'a')));
                m_model->flush();
                QVERIFY(m_model->historyBytes() <= m_model->maximumHistoryBytes());
            }
        }
        int entries = 0;
        for (int t = 0; t < 20; ++t)
            entries +=
                    m_model->history(m_model->indexForTopic(QStringLiteral("t%1").arg(t))).size();
        QCOMPARE(entries, 30);
        QCOMPARE(m_model->historyBytes(), 30 * oneEntry);
        // The oldest went first: the early topics lost their history, the late ones kept all.
        QCOMPARE(m_model->history(m_model->indexForTopic(QStringLiteral("t0"))).size(), 0);
        QCOMPARE(m_model->history(m_model->indexForTopic(QStringLiteral("t19"))).size(), 4);
        // Their last values are still known.
        QCOMPARE(m_model->indexForTopic(QStringLiteral("t0"))
                         .data(TopicTreeModel::LastPayloadRole)
                         .toByteArray()
                         .size(),
                 1000);
        // A smaller budget trims at once; clear() gives everything back.
        m_model->setMaximumHistoryBytes(10 * oneEntry);
        QCOMPARE(m_model->historyBytes(), 10 * oneEntry);
        m_model->clear();
        QCOMPARE(m_model->historyBytes(), 0);
        QCOMPARE(m_model->bytesHeld(), empty);
    }

    void manyMessagesOnFewTopicsKeepTheBookkeepingSmall()
    {
        m_tester.reset();
        m_model->setHistoryDepth(2);
        for (int i = 0; i < 50000; ++i) {
            m_model->append(message(QStringLiteral("x%1").arg(i % 3), "p"));
            if (i % 100 == 0)
                m_model->flush();
        }
        m_model->flush();
        // 3 topics × 2 entries live; the records of overwritten entries are swept.
        QCOMPARE(m_model->historyBytes(),
                 6 * (qint64(sizeof(TopicTreeModel::HistoryEntry)) + 1 + 32));
        QVERIFY2(m_model->bytesHeld() < 300 * 1024, QByteArray::number(m_model->bytesHeld()));
    }

private:
    std::unique_ptr<TopicTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestTopicTreeModel)
#include "tst_topictreemodel.moc"
