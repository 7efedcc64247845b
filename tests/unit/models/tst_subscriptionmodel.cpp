// SPDX-License-Identifier: Apache-2.0
#include "subscriptionmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestSubscriptionModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<SubscriptionModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
                m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void addAndAcknowledge()
    {
        QCOMPARE(m_model->addSubscription(QStringLiteral("a/#"), Mqtt::QoS::ExactlyOnce), 0);
        QCOMPARE(m_model->addSubscription(QStringLiteral("b/+"), Mqtt::QoS::AtLeastOnce), 1);
        QCOMPARE(m_model->addSubscription(QStringLiteral("c"), Mqtt::QoS::AtMostOnce), 2);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(cell(0, SubscriptionModel::GrantedQosColumn).toString(),
                 QStringLiteral("pending"));
        QCOMPARE(m_model->index(0, 0).data(SubscriptionModel::StateRole).toInt(),
                 int(SubscriptionModel::State::Pending));
        QCOMPARE(m_model->index(0, 0).data(SubscriptionModel::GrantedQosRole).toInt(), -1);

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->applyAcknowledgement({{QStringLiteral("a/#"), Mqtt::ReasonCode(1)},
                                       {QStringLiteral("b/+"), Mqtt::ReasonCode(0x80)},
                                       {QStringLiteral("c"), Mqtt::ReasonCode(0)}});
        QCOMPARE(changed.count(), 3);
        QCOMPARE(cell(0, SubscriptionModel::RequestedQosColumn).toInt(), 2);
        QCOMPARE(cell(0, SubscriptionModel::GrantedQosColumn).toInt(), 1); // downgraded
        QCOMPARE(m_model->index(0, 0).data(SubscriptionModel::GrantedQosRole).toInt(), 1);
        QCOMPARE(cell(1, SubscriptionModel::GrantedQosColumn).toString(),
                 QStringLiteral("refused"));
        QCOMPARE(m_model->index(1, 0).data(SubscriptionModel::StateRole).toInt(),
                 int(SubscriptionModel::State::Refused));
        QCOMPARE(m_model->index(1, 0).data(SubscriptionModel::ReasonCodeRole).toInt(), 0x80);
        QCOMPARE(m_model->index(1, 0).data(SubscriptionModel::GrantedQosRole).toInt(), -1);
        QCOMPARE(m_model->subscription(2).state, SubscriptionModel::State::Granted);

        // Subscribing again to a known filter does not add a row.
        QCOMPARE(m_model->addSubscription(QStringLiteral("b/+"), Mqtt::QoS::AtMostOnce), 1);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->subscription(1).state, SubscriptionModel::State::Pending);
    }

    void mqtt5OptionsAndReasonString()
    {
        Mqtt::SubscribeTopic topic;
        topic.filter = QStringLiteral("five/#");
        topic.qos = Mqtt::QoS::AtLeastOnce;
        topic.noLocal = true;
        topic.retainAsPublished = true;
        topic.retainHandling = Mqtt::RetainHandling::DoNotSend;
        QCOMPARE(m_model->addSubscription(topic, 17), 0);
        QCOMPARE(m_model->addSubscription(QStringLiteral("plain"), Mqtt::QoS::AtMostOnce), 1);
        const SubscriptionModel::Subscription s = m_model->subscription(0);
        QVERIFY(s.noLocal);
        QVERIFY(s.retainAsPublished);
        QCOMPARE(s.retainHandling, Mqtt::RetainHandling::DoNotSend);
        QCOMPARE(s.subscriptionIdentifier, 17u);
        QCOMPARE(cell(0, SubscriptionModel::OptionsColumn).toString(),
                 QStringLiteral("id 17, no local, retain as published, no retained"));
        QCOMPARE(cell(1, SubscriptionModel::OptionsColumn).toString(), QString());
        QCOMPARE(m_model->index(0, 0).data(SubscriptionModel::SubscriptionIdentifierRole).toUInt(),
                 17u);
        QCOMPARE(m_model->headerData(SubscriptionModel::OptionsColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Options"));
        QCOMPARE(m_model->subscriptionIdentifiers(), QList<quint32>{17});
        const QString tip =
                m_model->index(0, SubscriptionModel::FilterColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("Subscription identifier 17")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("never sent")), qPrintable(tip));
        QVERIFY(!m_model->index(1, 0).data(Qt::ToolTipRole).isValid());

        // A 5.0 refusal keeps its reason code and reason string for the tooltip.
        m_model->applyAcknowledgement(
                {{QStringLiteral("plain"), Mqtt::ReasonCode(0x87), QStringLiteral("not for you")}});
        QCOMPARE(m_model->subscription(1).state, SubscriptionModel::State::Refused);
        QCOMPARE(m_model->index(1, 0).data(SubscriptionModel::ReasonStringRole).toString(),
                 QStringLiteral("not for you"));
        const QString refusal = m_model->index(1, 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(refusal.contains(QLatin1String("Not authorized")), qPrintable(refusal));
        QVERIFY2(refusal.contains(QLatin1String("0x87")), qPrintable(refusal));
        QVERIFY2(refusal.contains(QLatin1String("not for you")), qPrintable(refusal));

        // Subscribing again replaces the options and forgets the old answer.
        topic.noLocal = false;
        topic.retainHandling = Mqtt::RetainHandling::SendAtNewSubscribe;
        QCOMPARE(m_model->addSubscription(topic, 0), 0);
        QCOMPARE(cell(0, SubscriptionModel::OptionsColumn).toString(),
                 QStringLiteral("retain as published, retained if new"));
        QVERIFY(m_model->subscriptionIdentifiers().isEmpty());
        QCOMPARE(m_model->addSubscription(QStringLiteral("plain"), Mqtt::QoS::AtMostOnce), 1);
        QVERIFY(m_model->subscription(1).reasonString.isEmpty());
    }

    void acknowledgementForAnUnknownFilterAddsIt()
    {
        m_model->applyAcknowledgement({{QStringLiteral("x/y"), Mqtt::ReasonCode(2)}});
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->subscription(0).state, SubscriptionModel::State::Granted);
        QCOMPARE(m_model->subscription(0).reasonCode, quint8(2));
    }

    void internalFiltersAreNotListed()
    {
        // The broker dashboard's own $SYS/#: its SUBACK adds no row...
        const QString sys = QStringLiteral("$SYS/#");
        m_model->addInternalFilter(sys);
        m_model->applyAcknowledgement({{sys, Mqtt::ReasonCode(0)}});
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->matches(QStringLiteral("$SYS/broker/uptime")));
        // ...but the user's own subscription to it is listed and matches.
        m_model->addSubscription(sys, Mqtt::QoS::AtMostOnce);
        m_model->applyAcknowledgement({{sys, Mqtt::ReasonCode(0)}});
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->subscription(0).state, SubscriptionModel::State::Granted);
        QVERIFY(m_model->matches(QStringLiteral("$SYS/broker/uptime")));
        QVERIFY(!m_model->matches(QStringLiteral("sensors/a")));
        m_model->removeInternalFilter(sys);
        m_model->removeSubscription(sys);
        m_model->applyAcknowledgement({{sys, Mqtt::ReasonCode(0)}});
        QCOMPARE(m_model->rowCount(), 1); // no longer internal: listed again
    }

    void coloursAreDistinct()
    {
        m_model->addSubscription(QStringLiteral("a"), Mqtt::QoS::AtMostOnce);
        m_model->addSubscription(QStringLiteral("b"), Mqtt::QoS::AtMostOnce);
        m_model->addSubscription(QStringLiteral("c"), Mqtt::QoS::AtMostOnce, QColor(Qt::red));
        const QColor a = m_model->index(0, 0).data(SubscriptionModel::ColorRole).value<QColor>();
        const QColor b = m_model->index(1, 0).data(SubscriptionModel::ColorRole).value<QColor>();
        QVERIFY(a.isValid() && b.isValid());
        QVERIFY(a != b);
        QCOMPARE(cell(2, SubscriptionModel::ColorColumn, Qt::DecorationRole).value<QColor>(),
                 QColor(Qt::red));
        QVERIFY(m_model->setData(m_model->index(2, SubscriptionModel::ColorColumn),
                                 QColor(Qt::blue), SubscriptionModel::ColorRole));
        QCOMPARE(m_model->subscription(2).color, QColor(Qt::blue));
    }

    void removal()
    {
        m_model->addSubscription(QStringLiteral("a"), Mqtt::QoS::AtMostOnce);
        m_model->addSubscription(QStringLiteral("b"), Mqtt::QoS::AtMostOnce);
        m_model->addSubscription(QStringLiteral("c"), Mqtt::QoS::AtMostOnce);
        QVERIFY(m_model->removeSubscription(QStringLiteral("b")));
        QVERIFY(!m_model->removeSubscription(QStringLiteral("b")));
        QCOMPARE(m_model->filters(), (QStringList{"a", "c"}));
        m_model->removeSubscriptions({QStringLiteral("a"), QStringLiteral("zzz")});
        QCOMPARE(m_model->filters(), QStringList{"c"});
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
    }

    void muting()
    {
        m_model->addSubscription(QStringLiteral("a/#"), Mqtt::QoS::AtMostOnce);
        m_model->addSubscription(QStringLiteral("b/#"), Mqtt::QoS::AtMostOnce);
        QSignalSpy muting(m_model.get(), &SubscriptionModel::mutingChanged);
        const QModelIndex mutedCell = m_model->index(1, SubscriptionModel::MutedColumn);
        QVERIFY(m_model->flags(mutedCell) & Qt::ItemIsUserCheckable);
        QCOMPARE(mutedCell.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(m_model->setData(mutedCell, int(Qt::Checked), Qt::CheckStateRole));
        QCOMPARE(muting.count(), 1);
        QVERIFY(m_model->isMuted(QStringLiteral("b/#")));
        QCOMPARE(mutedCell.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(m_model->mutedFilters(), QStringList{"b/#"});
        QCOMPARE(m_model->unmutedFilters(), QStringList{"a/#"});
        m_model->setMuted(QStringLiteral("b/#"), true); // no change, no signal
        QCOMPARE(muting.count(), 1);
        m_model->setMuted(QStringLiteral("b/#"), false);
        QCOMPARE(muting.count(), 2);
        QVERIFY(m_model->mutedFilters().isEmpty());
    }

    void countsMatchingMessages()
    {
        m_model->addSubscription(QStringLiteral("a/#"), Mqtt::QoS::AtMostOnce);
        m_model->addSubscription(QStringLiteral("a/+/c"), Mqtt::QoS::AtMostOnce);
        m_model->addSubscription(QStringLiteral("refused/#"), Mqtt::QoS::AtMostOnce);
        m_model->applyAcknowledgement({{QStringLiteral("refused/#"), Mqtt::ReasonCode(0x87)}});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->countMessage(QStringLiteral("a/b/c"));
        m_model->countMessage(QStringLiteral("a/b"));
        m_model->countMessage(QStringLiteral("a/x/c"));
        m_model->countMessage(QStringLiteral("refused/x"));
        m_model->countMessage(QStringLiteral("other"));
        QCOMPARE(m_model->subscription(0).messageCount, 3);
        QCOMPARE(m_model->subscription(1).messageCount, 2);
        QCOMPARE(m_model->subscription(2).messageCount, 0);
        // The count column is refreshed once for the burst.
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(cell(0, SubscriptionModel::MessageCountColumn).toLongLong(), 3);
        m_model->resetMessageCounts();
        QCOMPARE(m_model->index(0, 0).data(SubscriptionModel::MessageCountRole).toLongLong(), 0);
    }

    void countsWithManySubscriptions()
    {
        // Enough subscriptions for the per-topic match cache; it must follow every change.
        const QStringList filters{"a/#", "a/+", "+/b", "#", "c", "a/b", "x/#"};
        for (const QString &filter : filters)
            m_model->addSubscription(filter, Mqtt::QoS::AtMostOnce);
        auto countOf = [this](const QString &filter) {
            return m_model->subscription(m_model->rowOf(filter)).messageCount;
        };
        for (int i = 0; i < 3; ++i) {
            m_model->countMessage(QStringLiteral("a/b"));
            m_model->countMessage(QStringLiteral("c"));
        }
        QCOMPARE(countOf(QStringLiteral("a/#")), 3);
        QCOMPARE(countOf(QStringLiteral("a/+")), 3);
        QCOMPARE(countOf(QStringLiteral("+/b")), 3);
        QCOMPARE(countOf(QStringLiteral("#")), 6);
        QCOMPARE(countOf(QStringLiteral("c")), 3);
        QCOMPARE(countOf(QStringLiteral("a/b")), 3);
        QCOMPARE(countOf(QStringLiteral("x/#")), 0);

        m_model->applyAcknowledgement({{QStringLiteral("#"), Mqtt::ReasonCode(0x80)}});
        m_model->countMessage(QStringLiteral("a/b"));
        QCOMPARE(countOf(QStringLiteral("#")), 6); // refused: no longer counted
        QCOMPARE(countOf(QStringLiteral("a/b")), 4);

        QVERIFY(m_model->removeSubscription(QStringLiteral("a/#")));
        m_model->countMessage(QStringLiteral("a/b"));
        QCOMPARE(countOf(QStringLiteral("a/+")), 5);
        QCOMPARE(countOf(QStringLiteral("a/b")), 5);
        QCOMPARE(countOf(QStringLiteral("x/#")), 0);

        m_model->addSubscription(QStringLiteral("#"), Mqtt::QoS::AtMostOnce); // pending again
        m_model->countMessage(QStringLiteral("a/b"));
        QCOMPARE(countOf(QStringLiteral("#")), 7);
    }

private:
    QVariant cell(int row, int column, int role = Qt::DisplayRole) const
    {
        return m_model->index(row, column).data(role);
    }

    std::unique_ptr<SubscriptionModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestSubscriptionModel)
#include "tst_subscriptionmodel.moc"
