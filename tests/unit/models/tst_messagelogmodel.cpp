// SPDX-License-Identifier: Apache-2.0
#include "messagelogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

Mqtt::Message message(const QString &topic, const QByteArray &payload,
                      Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false)
{
    Mqtt::Message m;
    m.topic = topic;
    m.payload = payload;
    m.qos = qos;
    m.retain = retain;
    return m;
}

} // namespace

class TestMessageLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<MessageLogModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
                m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void flushesOnTimerInOneBatch()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 10; ++i)
            m_model->append(message(QStringLiteral("a/b"), QByteArray::number(i)),
                            MessageLogModel::Direction::Incoming);
        QCOMPARE(m_model->rowCount(), 0); // nothing before the flush
        QCOMPARE(m_model->heldCount(), 10);
        QTRY_COMPARE(m_model->rowCount(), 10);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 9);
        QCOMPARE(m_model->heldCount(), 0);
        QCOMPARE(m_model->receivedCount(), 10);
    }

    void brokerAnswers()
    {
        const QString waiting = QStringLiteral("waiting for the broker's answer");
        // An answer may come before the flush that shows its message.
        m_model->appendPublished(message(QStringLiteral("a"), "1", Mqtt::QoS::AtLeastOnce), 7);
        m_model->setBrokerAnswer(7, QStringLiteral("Success (0x00)"));
        m_model->appendPublished(message(QStringLiteral("b"), "2", Mqtt::QoS::ExactlyOnce), 8);
        m_model->append(message(QStringLiteral("c"), "3"), MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->brokerAnswerAt(0), QStringLiteral("Success (0x00)"));
        QCOMPARE(m_model->brokerAnswerAt(1), waiting);
        QCOMPARE(m_model->directionAt(1), MessageLogModel::Direction::Outgoing);
        QVERIFY(m_model->brokerAnswerAt(2).isEmpty());
        QVERIFY(m_model->index(2, 0).data(MessageLogModel::BrokerAnswerRole).toString().isEmpty());

        // A later answer updates its row in place.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setBrokerAnswer(8, QStringLiteral("No matching subscribers (0x10)"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(m_model->index(1, MessageLogModel::TopicColumn)
                         .data(MessageLogModel::BrokerAnswerRole)
                         .toString(),
                 QStringLiteral("No matching subscribers (0x10)"));
        // A token never logged here changes nothing.
        m_model->setBrokerAnswer(99, QStringLiteral("x"));
        QCOMPARE(changed.count(), 1);

        // Trimmed messages take their answers along; the survivors keep theirs.
        m_model->setMaximumMessages(2);
        m_model->appendPublished(message(QStringLiteral("d"), "4", Mqtt::QoS::AtLeastOnce), 9);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 2);
        QVERIFY(m_model->brokerAnswerAt(0).isEmpty()); // "c", incoming
        QCOMPARE(m_model->brokerAnswerAt(1), waiting);
        m_model->setBrokerAnswer(8, QStringLiteral("late"));
        QCOMPARE(changed.count(), 1);
        m_model->setBrokerAnswer(9, QStringLiteral("Success (0x00)"));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(m_model->brokerAnswerAt(1), QStringLiteral("Success (0x00)"));

        // Pushed out of the pending buffer while paused: the answer goes with it.
        m_model->pause();
        m_model->appendPublished(message(QStringLiteral("e"), "5", Mqtt::QoS::AtLeastOnce), 10);
        m_model->append(message(QStringLiteral("f"), "6"), MessageLogModel::Direction::Incoming);
        m_model->append(message(QStringLiteral("g"), "7"), MessageLogModel::Direction::Incoming);
        m_model->resume();
        QCOMPARE(m_model->topicAt(0), QStringLiteral("f"));
        QCOMPARE(m_model->topicAt(1), QStringLiteral("g"));
        m_model->setBrokerAnswer(10, QStringLiteral("gone"));
        QVERIFY(m_model->brokerAnswerAt(0).isEmpty() && m_model->brokerAnswerAt(1).isEmpty());

        m_model->clear();
        m_model->appendPublished(message(QStringLiteral("h"), "8", Mqtt::QoS::AtLeastOnce), 11);
        m_model->flush();
        QCOMPARE(m_model->brokerAnswerAt(0), waiting);
    }

    void displayAndRoles()
    {
        const qint64 when = QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9, 123)).toMSecsSinceEpoch();
        Mqtt::Message m = message(QStringLiteral("x/y"), QByteArray("line1\nline2\x01"),
                                  Mqtt::QoS::ExactlyOnce, true);
        m.dup = true;
        m_model->append(m, MessageLogModel::Direction::Outgoing, when);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->columnCount(), int(MessageLogModel::ColumnCount));
        auto cell = [this](int column, int role = Qt::DisplayRole) {
            return m_model->index(0, column).data(role);
        };
        QCOMPARE(cell(MessageLogModel::TimeColumn).toString(), QStringLiteral("07:08:09.123"));
        QCOMPARE(cell(MessageLogModel::DirectionColumn).toString(), QStringLiteral("out"));
        QCOMPARE(cell(MessageLogModel::TopicColumn).toString(), QStringLiteral("x/y"));
        QCOMPARE(cell(MessageLogModel::QosColumn).toInt(), 2);
        QVERIFY(!cell(MessageLogModel::RetainColumn).toString().isEmpty());
        QVERIFY(!cell(MessageLogModel::DupColumn).toString().isEmpty());
        QCOMPARE(cell(MessageLogModel::SizeColumn).toInt(), 12);
        // Control characters never reach the cell: one line, visible symbols instead.
        QCOMPARE(cell(MessageLogModel::PayloadColumn).toString(),
                 QStringLiteral("line1\u240Aline2\u2401"));
        QCOMPARE(cell(MessageLogModel::PayloadColumn, MessageLogModel::PayloadRole).toByteArray(),
                 QByteArray("line1\nline2\x01"));
        QCOMPARE(cell(0, MessageLogModel::TimestampRole).toLongLong(), when);
        QCOMPARE(cell(0, MessageLogModel::DirectionRole).toInt(),
                 int(MessageLogModel::Direction::Outgoing));
        QCOMPARE(cell(0, MessageLogModel::QosRole).toInt(), 2);
        QCOMPARE(cell(0, MessageLogModel::RetainRole).toBool(), true);
        QCOMPARE(cell(0, MessageLogModel::DupRole).toBool(), true);
        QCOMPARE(cell(0, MessageLogModel::TopicRole).toString(), QStringLiteral("x/y"));
        const Mqtt::Message back = m_model->messageAt(0);
        QCOMPARE(back.topic, m.topic);
        QCOMPARE(back.payload, m.payload);
        QCOMPARE(back.qos, m.qos);
        QVERIFY(back.retain && back.dup);
    }

    void longPayloadPreviewIsCut()
    {
        m_model->append(message(QStringLiteral("t"), QByteArray(5000, 'a')),
                        MessageLogModel::Direction::Incoming);
        m_model->flush();
        const QString preview = m_model->index(0, MessageLogModel::PayloadColumn).data().toString();
        QCOMPARE(preview.size(), MessageLogModel::PreviewLength + 1);
        QCOMPARE(preview.back(), QChar(0x2026));
    }

    void bigPayloadPreviewIsNeverDecoded()
    {
        // A paint must not cost in proportion to the payload: a big one shows its first bytes.
        int decoded = 0;
        m_model->setPreviewDecoder([&decoded](quint16, const QString &, const QByteArray &) {
            ++decoded;
            return std::optional<QString>(QStringLiteral("decoded"));
        });
        m_model->append(message(QStringLiteral("small"), "{}"),
                        MessageLogModel::Direction::Incoming);
        m_model->append(message(QStringLiteral("big"),
                                QByteArray(MessageLogModel::PreviewDecodeLimit + 1, 'b')),
                        MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(m_model->index(0, MessageLogModel::PayloadColumn).data().toString(),
                 QStringLiteral("decoded"));
        QCOMPARE(decoded, 1);
        const QString big = m_model->index(1, MessageLogModel::PayloadColumn).data().toString();
        QCOMPARE(decoded, 1);
        QCOMPARE(big, QString(MessageLogModel::PreviewLength, QLatin1Char('b')) + QChar(0x2026));
    }

    void topicsAreInterned()
    {
        for (int i = 0; i < 100; ++i)
            m_model->append(message(QStringLiteral("t/%1").arg(i % 3), "p"),
                            MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 100);
        QCOMPARE(m_model->topicCount(), 3);
        QCOMPARE(m_model->topicIndexAt(0), m_model->topicIndexAt(3));
        QCOMPARE(m_model->topicAt(4), QStringLiteral("t/1"));
    }

    void previousRowOnTopicSkipsOtherTopicsConnectionsAndEvents()
    {
        using Direction = MessageLogModel::Direction;
        m_model->append(message(QStringLiteral("a"), "1"), Direction::Incoming, 1, 1); // 0
        m_model->append(message(QStringLiteral("b"), "x"), Direction::Incoming, 2, 1); // 1
        m_model->append(message(QStringLiteral("a"), "2"), Direction::Incoming, 3, 2); // 2
        m_model->appendEvent(QStringLiteral("Connection lost"), 4, 1); // 3
        m_model->append(message(QStringLiteral("a"), "3"), Direction::Outgoing, 5, 1); // 4
        m_model->append(message(QStringLiteral("a"), "4"), Direction::Incoming, 6, 1); // 5
        m_model->flush();
        QCOMPARE(m_model->previousRowOnTopic(5), 4); // sent or received alike
        QCOMPARE(m_model->previousRowOnTopic(4), 0); // not connection 2's, not the event
        QCOMPARE(m_model->previousRowOnTopic(2), -1); // the first of connection 2
        QCOMPARE(m_model->previousRowOnTopic(1), -1);
        QCOMPARE(m_model->previousRowOnTopic(0), -1);
        QCOMPARE(m_model->previousRowOnTopic(6), -1);
        QCOMPARE(m_model->previousRowOnTopic(-1), -1);
        // After a trim the rows move with their messages.
        m_model->setMaximumMessages(3);
        const int last = m_model->rowCount() - 1;
        QVERIFY(last < 5);
        QCOMPARE(m_model->payloadAt(last), QByteArray("4"));
        QCOMPARE(m_model->payloadAt(m_model->previousRowOnTopic(last)), QByteArray("3"));
    }

    void trimsByCount()
    {
        m_model->setMaximumMessages(5);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        for (int i = 0; i < 3; ++i)
            m_model->append(message(QStringLiteral("t"), QByteArray::number(i)),
                            MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(removed.count(), 0);
        const quint64 firstSequence = m_model->sequenceAt(0);
        const quint64 thirdSequence = m_model->sequenceAt(2);
        for (int i = 3; i < 7; ++i)
            m_model->append(message(QStringLiteral("t"), QByteArray::number(i)),
                            MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 5);
        QCOMPARE(m_model->droppedCount(), 2);
        QCOMPARE(removed.count(), 1); // one beginRemoveRows for the batch
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 1);
        QCOMPARE(m_model->payloadAt(0), QByteArray("2"));
        QCOMPARE(m_model->payloadAt(4), QByteArray("6"));
        // Sequence numbers stay with their message.
        QCOMPARE(m_model->rowForSequence(firstSequence), -1);
        QCOMPARE(m_model->rowForSequence(thirdSequence), 0);
        QCOMPARE(m_model->sequenceAt(4), thirdSequence + 4);
        QCOMPARE(m_model->index(0, 0).data(MessageLogModel::SequenceRole).value<quint64>(),
                 thirdSequence);
    }

    void aBatchLargerThanTheBudgetKeepsTheNewest()
    {
        m_model->setMaximumMessages(4);
        for (int i = 0; i < 3; ++i)
            m_model->append(message(QStringLiteral("t"), QByteArray::number(i)),
                            MessageLogModel::Direction::Incoming);
        m_model->flush();
        for (int i = 3; i < 13; ++i)
            m_model->append(message(QStringLiteral("t"), QByteArray::number(i)),
                            MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(m_model->droppedCount(), 9);
        QCOMPARE(m_model->payloadAt(0), QByteArray("9"));
        QCOMPARE(m_model->payloadAt(3), QByteArray("12"));
    }

    void trimsByBytes()
    {
        const QByteArray payload(1000, 'x');
        m_model->append(message(QStringLiteral("t"), payload), MessageLogModel::Direction::Incoming);
        m_model->flush();
        const qint64 oneMessage = m_model->bytesHeld();
        QVERIFY(oneMessage > 1000);
        // Room for three messages (topic table included), not four.
        m_model->setMaximumBytes(3 * oneMessage + 10);
        for (int i = 0; i < 9; ++i)
            m_model->append(message(QStringLiteral("t"), payload),
                            MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->droppedCount(), 7);
        QVERIFY(m_model->bytesHeld() <= 3 * oneMessage + 10);
        QVERIFY(m_model->bytesHeld() >= 3 * 1000);
    }

    void lowerBudgetTrimsAtOnce()
    {
        for (int i = 0; i < 10; ++i)
            m_model->append(message(QStringLiteral("t"), "p"), MessageLogModel::Direction::Incoming);
        m_model->flush();
        m_model->setMaximumMessages(4);
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(m_model->droppedCount(), 6);
    }

    void pauseHoldsAndCountsDrops()
    {
        m_model->setMaximumMessages(5);
        m_model->append(message(QStringLiteral("t"), "before"),
                        MessageLogModel::Direction::Incoming);
        m_model->flush();
        QSignalSpy paused(m_model.get(), &MessageLogModel::pausedChanged);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->pause();
        QVERIFY(m_model->isPaused());
        QCOMPARE(paused.count(), 1);
        for (int i = 0; i < 3; ++i)
            m_model->append(message(QStringLiteral("t"), QByteArray::number(i)),
                            MessageLogModel::Direction::Incoming);
        m_model->flush(); // does nothing while paused
        QCOMPARE(m_model->heldCount(), 3);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->droppedCount(), 0);
        for (int i = 3; i < 8; ++i)
            m_model->append(message(QStringLiteral("t"), QByteArray::number(i)),
                            MessageLogModel::Direction::Incoming);
        // The held buffer is bounded by the same budget: the oldest held go first.
        QCOMPARE(m_model->heldCount(), 5);
        QCOMPARE(m_model->droppedCount(), 3);
        // The timer must not flush while paused either: with a zero interval it would fire on
        // the next pass of the event loop.
        m_model->setFlushInterval(0);
        m_model->append(message(QStringLiteral("t"), "8"), MessageLogModel::Direction::Incoming);
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(m_model->rowCount(), 1);

        m_model->resume();
        QVERIFY(!m_model->isPaused());
        QCOMPARE(paused.count(), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(m_model->heldCount(), 0);
        QCOMPARE(m_model->rowCount(), 5);
        QCOMPARE(m_model->droppedCount(), 5); // "before" trimmed on resume
        QCOMPARE(m_model->payloadAt(0), QByteArray("4"));
        QCOMPARE(m_model->payloadAt(4), QByteArray("8"));
    }

    void clearResetsEverything()
    {
        m_model->setMaximumMessages(2);
        for (int i = 0; i < 4; ++i)
            m_model->append(message(QStringLiteral("t/%1").arg(i), "p"),
                            MessageLogModel::Direction::Incoming);
        m_model->flush();
        const quint64 lastSequence = m_model->sequenceAt(1);
        m_model->pause();
        m_model->append(message(QStringLiteral("held"), "p"), MessageLogModel::Direction::Incoming);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->clear();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->heldCount(), 0);
        QCOMPARE(m_model->droppedCount(), 0);
        QCOMPARE(m_model->bytesHeld(), 0);
        QCOMPARE(m_model->topicCount(), 0);
        m_model->resume();
        m_model->append(message(QStringLiteral("new"), "p"), MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 1);
        // An old selection never lands on a new message.
        QVERIFY(m_model->sequenceAt(0) > lastSequence);
        QCOMPARE(m_model->rowForSequence(lastSequence), -1);
    }

    void uniqueTopicsAreCompactedAway()
    {
        m_model->setMaximumMessages(100);
        for (int batch = 0; batch < 50; ++batch) {
            for (int i = 0; i < 200; ++i)
                m_model->append(message(QStringLiteral("unique/%1/%2").arg(batch).arg(i), "p"),
                                MessageLogModel::Direction::Incoming);
            m_model->flush();
        }
        QCOMPARE(m_model->rowCount(), 100);
        QVERIFY2(m_model->topicCount() <= 4096 + 200,
                 qPrintable(QString::number(m_model->topicCount())));
        QCOMPARE(m_model->topicAt(99), QStringLiteral("unique/49/199"));
        QCOMPARE(m_model->topicAt(0), QStringLiteral("unique/49/100"));
    }

    void bytesHeldFollowsTheStore()
    {
        QCOMPARE(m_model->bytesHeld(), 0);
        m_model->append(message(QStringLiteral("t"), QByteArray(100, 'a')),
                        MessageLogModel::Direction::Incoming);
        const qint64 pending = m_model->bytesHeld();
        QVERIFY(pending > 100);
        m_model->flush();
        QCOMPARE(m_model->bytesHeld(), pending);
        QSignalSpy counters(m_model.get(), &MessageLogModel::countersChanged);
        m_model->append(message(QStringLiteral("t"), QByteArray(100, 'a')),
                        MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(counters.count(), 1);
        QVERIFY(m_model->bytesHeld() > pending);
    }

    void propertiesAreKeptOnlyForMessagesThatHaveThem()
    {
        Mqtt::Message with = message(QStringLiteral("v5"), "p");
        with.properties.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1);
        with.properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("text/plain"));
        with.properties.addUserProperty(QStringLiteral("k"), QStringLiteral("one"));
        with.properties.addUserProperty(QStringLiteral("k"), QStringLiteral("two"));
        with.properties.addSubscriptionIdentifier(7);
        m_model->append(message(QStringLiteral("v3"), "a"), MessageLogModel::Direction::Incoming);
        m_model->append(with, MessageLogModel::Direction::Incoming);
        m_model->append(message(QStringLiteral("v3"), "b"), MessageLogModel::Direction::Incoming);
        QCOMPARE(m_model->propertiesHeldCount(), 1);
        m_model->flush();
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->propertiesHeldCount(), 1);

        QVERIFY(!m_model->hasPropertiesAt(0));
        QVERIFY(m_model->hasPropertiesAt(1));
        QVERIFY(!m_model->hasPropertiesAt(2));
        QVERIFY(m_model->propertiesAt(0).isEmpty());
        QCOMPARE(m_model->propertiesAt(1), with.properties);
        QCOMPARE(m_model->messageAt(1).properties, with.properties);
        QVERIFY(m_model->messageAt(2).properties.isEmpty());
        // Duplicated user properties keep their order.
        const QList<QPair<QString, QString>> users = m_model->propertiesAt(1).userProperties();
        QCOMPARE(users.size(), 2);
        QCOMPARE(users.at(0).second, QStringLiteral("one"));
        QCOMPARE(users.at(1).second, QStringLiteral("two"));

        // The marker column: a count for 5.0 messages, nothing for the others.
        const QModelIndex marker = m_model->index(1, MessageLogModel::PropertiesColumn);
        QCOMPARE(marker.data().toInt(), 5);
        QVERIFY(marker.data(Qt::ToolTipRole).toString().contains(QLatin1String("text/plain")));
        QVERIFY(!m_model->index(0, MessageLogModel::PropertiesColumn).data().isValid());
        QCOMPARE(m_model->index(1, 0).data(MessageLogModel::HasPropertiesRole).toBool(), true);
        QCOMPARE(
                m_model->index(1, 0).data(MessageLogModel::PropertiesRole).value<Mqtt::Properties>(),
                with.properties);
        QVERIFY(!m_model->index(0, 0).data(MessageLogModel::PropertiesRole).isValid());
    }

    void propertiesFollowTrimmingAndDrops()
    {
        m_model->setMaximumMessages(3);
        auto numbered = [](int i, bool withProperties) {
            Mqtt::Message m = message(QStringLiteral("t"), QByteArray::number(i));
            if (withProperties)
                m.properties.setString(Mqtt::PropertyId::ResponseTopic,
                                       QStringLiteral("r/%1").arg(i));
            return m;
        };
        for (int i = 0; i < 10; ++i) {
            m_model->append(numbered(i, i % 2 == 0), MessageLogModel::Direction::Incoming);
            m_model->flush(); // trims the stored rows one by one
        }
        QCOMPARE(m_model->rowCount(), 3); // 7, 8, 9
        QCOMPARE(m_model->propertiesHeldCount(), 1);
        QVERIFY(!m_model->hasPropertiesAt(0));
        QCOMPARE(m_model->propertiesAt(1).string(Mqtt::PropertyId::ResponseTopic),
                 QStringLiteral("r/8"));
        QVERIFY(!m_model->hasPropertiesAt(2));

        // Paused: the pending buffer drops its oldest, properties and all.
        m_model->pause();
        for (int i = 10; i < 20; ++i)
            m_model->append(numbered(i, i % 3 == 0), MessageLogModel::Direction::Incoming);
        QCOMPARE(m_model->heldCount(), 3); // 17, 18, 19
        m_model->resume();
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->payloadAt(0), QByteArray("17"));
        QVERIFY(!m_model->hasPropertiesAt(0));
        QCOMPARE(m_model->propertiesAt(1).string(Mqtt::PropertyId::ResponseTopic),
                 QStringLiteral("r/18"));
        QVERIFY(!m_model->hasPropertiesAt(2));
        QCOMPARE(m_model->propertiesHeldCount(), 1);

        m_model->clear();
        QCOMPARE(m_model->propertiesHeldCount(), 0);
    }

    void propertiesCountInBytesHeld()
    {
        m_model->append(message(QStringLiteral("t"), "x"), MessageLogModel::Direction::Incoming);
        m_model->flush();
        const qint64 plain = m_model->bytesHeld();
        Mqtt::Message with = message(QStringLiteral("t"), "x");
        with.properties.addUserProperty(QStringLiteral("name"), QString(1000, QLatin1Char('v')));
        m_model->append(with, MessageLogModel::Direction::Incoming);
        m_model->flush();
        QVERIFY2(m_model->bytesHeld() - plain > 1000,
                 qPrintable(QString::number(m_model->bytesHeld())));
        // Trimming gives the properties' bytes back.
        m_model->setMaximumMessages(1);
        m_model->append(message(QStringLiteral("t"), "x"), MessageLogModel::Direction::Incoming);
        m_model->flush();
        QCOMPARE(m_model->bytesHeld(), plain);
    }

private:
    std::unique_ptr<MessageLogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestMessageLogModel)
#include "tst_messagelogmodel.moc"
