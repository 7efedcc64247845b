// SPDX-License-Identifier: Apache-2.0
#include "requestresponsemodel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

namespace {

Mqtt::Message response(const QByteArray &correlation, const QByteArray &payload)
{
    Mqtt::Message m;
    m.topic = QStringLiteral("replies/me");
    m.payload = payload;
    if (!correlation.isNull())
        m.properties.setBinary(Mqtt::PropertyId::CorrelationData, correlation);
    return m;
}

} // namespace

class TestRequestResponseModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<RequestResponseModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
                m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void correlationDataIsUnique()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 1000; ++i)
            seen.insert(m_model->nextCorrelationData());
        QCOMPARE(seen.size(), 1000);
        // Another model (another window or run) never hands out the same values.
        RequestResponseModel other;
        QVERIFY(!seen.contains(other.nextCorrelationData()));
    }

    void responsePairsByCorrelationData()
    {
        const QByteArray first = m_model->nextCorrelationData();
        const QByteArray second = m_model->nextCorrelationData();
        QCOMPARE(m_model->addRequest(first, QStringLiteral("svc/a"), "one", 0), 0);
        QCOMPARE(m_model->addRequest(second, QStringLiteral("svc/a"), "two", 0), 1);
        QCOMPARE(m_model->stateAt(0), RequestResponseModel::State::Waiting);
        QCOMPARE(m_model->index(0, RequestResponseModel::LatencyColumn).data().toString(),
                 QStringLiteral("waiting…"));

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        // Answered out of order: the correlation data decides, not the order.
        QCOMPARE(m_model->addResponse(response(second, "TWO")), 1);
        QCOMPARE(m_model->stateAt(1), RequestResponseModel::State::Answered);
        QCOMPARE(m_model->stateAt(0), RequestResponseModel::State::Waiting);
        QCOMPARE(m_model->responsePayloadAt(1), QByteArray("TWO"));
        QVERIFY(m_model->latencyAt(1) >= 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_model->index(1, RequestResponseModel::ResponseColumn).data().toString(),
                 QStringLiteral("TWO"));
        QVERIFY(m_model->index(1, RequestResponseModel::LatencyColumn)
                        .data()
                        .toString()
                        .endsWith(QLatin1String(" ms")));
        QCOMPARE(m_model->index(1, RequestResponseModel::CorrelationColumn).data().toString(),
                 QString::fromLatin1(second));
        QCOMPARE(m_model->addResponse(response(first, "ONE")), 0);
        QCOMPARE(m_model->countOf(RequestResponseModel::State::Answered), 2);
        QCOMPARE(m_model->rowCount(), 2);
    }

    void unknownCorrelationDataIsListedAsUnmatched()
    {
        m_model->addRequest("known", QStringLiteral("svc"), "q", 0);
        QCOMPARE(m_model->addResponse(response(QByteArray("\x01\x02", 2), "stray")), 1);
        QCOMPARE(m_model->addResponse(response(QByteArray(), "no correlation")), 2);
        QCOMPARE(m_model->stateAt(1), RequestResponseModel::State::Unmatched);
        QCOMPARE(m_model->stateAt(2), RequestResponseModel::State::Unmatched);
        QCOMPARE(m_model->stateAt(0), RequestResponseModel::State::Waiting);
        QCOMPARE(m_model->index(1, RequestResponseModel::LatencyColumn).data().toString(),
                 QStringLiteral("unmatched"));
        // Not printable: shown as hex.
        QCOMPARE(m_model->index(1, RequestResponseModel::CorrelationColumn).data().toString(),
                 QStringLiteral("hex: 0102"));
        QVERIFY(m_model->index(1, RequestResponseModel::SentColumn).data().toString().isEmpty());
        // A second answer to an answered request is not folded into it.
        QCOMPARE(m_model->addResponse(response("known", "a")), 0);
        QCOMPARE(m_model->addResponse(response("known", "b")), 3);
        QCOMPARE(m_model->responsePayloadAt(0), QByteArray("a"));
        QCOMPARE(m_model->stateAt(3), RequestResponseModel::State::Unmatched);
    }

    void timeoutMarksNoResponseThenLate()
    {
        QSignalSpy states(m_model.get(), &RequestResponseModel::rowStateChanged);
        m_model->addRequest("slow", QStringLiteral("svc"), "q", 50);
        m_model->addRequest("patient", QStringLiteral("svc"), "q", 0);
        QTRY_COMPARE(m_model->stateAt(0), RequestResponseModel::State::TimedOut);
        QCOMPARE(m_model->index(0, RequestResponseModel::LatencyColumn).data().toString(),
                 QStringLiteral("no response"));
        QCOMPARE(m_model->stateAt(1), RequestResponseModel::State::Waiting); // no timeout
        QCOMPARE(states.count(), 1);
        QVERIFY(m_model->latencyAt(0) < 0);

        m_model->addResponse(response("slow", "finally"));
        QCOMPARE(m_model->stateAt(0), RequestResponseModel::State::Late);
        QVERIFY(m_model->latencyAt(0) >= 50);
        QVERIFY(m_model->index(0, RequestResponseModel::LatencyColumn)
                        .data()
                        .toString()
                        .contains(QLatin1String("late")));
    }

    void answeredBeforeTheTimeoutStaysAnswered()
    {
        m_model->addRequest("quick", QStringLiteral("svc"), "q", 100);
        m_model->addResponse(response("quick", "r"));
        QCOMPARE(m_model->stateAt(0), RequestResponseModel::State::Answered);
        // Another request with a timeout proves the expiry ran past the answered one.
        m_model->addRequest("later", QStringLiteral("svc"), "q", 150);
        QTRY_COMPARE(m_model->stateAt(1), RequestResponseModel::State::TimedOut);
        QCOMPARE(m_model->stateAt(0), RequestResponseModel::State::Answered);
    }

    void oldestRowsAreTrimmed()
    {
        m_model->setMaximumRows(3);
        for (int i = 0; i < 5; ++i)
            m_model->addRequest("c" + QByteArray::number(i), QStringLiteral("svc"), "q", 0);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->correlationDataAt(0), QByteArray("c2"));
        QCOMPARE(m_model->rowForCorrelationData("c4"), 2);
        QCOMPARE(m_model->rowForCorrelationData("c0"), -1);
        // A response to a trimmed request is unmatched; one to a kept request still pairs.
        QCOMPARE(m_model->addResponse(response("c3", "r")), 1);
        QCOMPARE(m_model->stateAt(1), RequestResponseModel::State::Answered);
        m_model->addResponse(response("c0", "r"));
        QCOMPARE(m_model->stateAt(2), RequestResponseModel::State::Unmatched);

        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->rowForCorrelationData("c3"), -1);
    }

private:
    std::unique_ptr<RequestResponseModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestRequestResponseModel)
#include "tst_requestresponsemodel.moc"
