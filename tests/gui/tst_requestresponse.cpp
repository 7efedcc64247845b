// SPDX-License-Identifier: Apache-2.0
// The MQTT 5.0 request/response helper in the main window against a real broker and a
// responder written here (an Mqtt::Client that answers on the Response Topic with the
// Correlation Data of the request): a response paired with its latency, a request nobody
// answers timing out, a response with unknown correlation data listed as unmatched.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "mosquittoprocess.h"
#include "requestresponsemodel.h"
#include "requestresponsepane.h"
#include "secretstore.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <memory>

namespace {

// With SWITCHBOARD_SCREENSHOT_DIR set, saves what the window shows there (to look at it as a
// person would); otherwise does nothing.
void saveScreenshot(QWidget *window, const QString &name)
{
    const QString directory = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QCoreApplication::sendPostedEvents(); // pending layout requests: grab what a person sees
    QCoreApplication::processEvents();
    window->grab().save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

constexpr int Timeout = 10000;

} // namespace

class TestRequestResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void helperIsOpenedFromTheToolsMenuAt50();
    void responseIsPairedWithItsLatency();
    void unansweredRequestTimesOut();
    void responseWithUnknownCorrelationIsUnmatched();
    void helperIsUnavailableAt311();

private:
    Mqtt::ConnectionOptions options(const QString &clientId, Mqtt::ProtocolVersion version) const;

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets; // outlives the window
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_responder;
    int m_answered = 0;
};

Mqtt::ConnectionOptions TestRequestResponse::options(const QString &clientId,
                                                     Mqtt::ProtocolVersion version) const
{
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = clientId;
    options.version = version;
    return options;
}

void TestRequestResponse::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_requestresponse"));
    QFile::remove(QSettings().fileName());

    m_broker = std::make_unique<MosquittoProcess>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->show();
    QVERIFY(!m_window->requestResponseAction()->isEnabled()); // not connected

    // The responder answers requests on svc/echo (and ignores svc/silent).
    m_responder = std::make_unique<Mqtt::Client>();
    QVERIFY(ClientWaits::connectAndWait(
            m_responder.get(),
            options(QStringLiteral("tst-rr-responder"), Mqtt::ProtocolVersion::V5), Timeout));
    QVERIFY(ClientWaits::subscribeAndWait(
            m_responder.get(),
            {Mqtt::SubscribeTopic{QStringLiteral("svc/echo"), Mqtt::QoS::AtLeastOnce}}, {},
            Timeout));
    connect(m_responder.get(), &Mqtt::Client::messageReceived, this,
            [this](const Mqtt::Message &request) {
                const QString responseTopic =
                        request.properties.string(Mqtt::PropertyId::ResponseTopic);
                if (responseTopic.isEmpty())
                    return;
                Mqtt::Message answer;
                answer.topic = responseTopic;
                answer.payload = "echo:" + request.payload;
                answer.qos = Mqtt::QoS::AtLeastOnce;
                answer.properties.setBinary(
                        Mqtt::PropertyId::CorrelationData,
                        request.properties.binary(Mqtt::PropertyId::CorrelationData));
                if (m_responder->publish(answer) > 0)
                    ++m_answered;
            });

    QVERIFY(ClientWaits::connectAndWait(
            m_window->client(), options(QStringLiteral("tst-rr-window"), Mqtt::ProtocolVersion::V5),
            Timeout));
}

void TestRequestResponse::cleanupTestCase()
{
    m_responder.reset();
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestRequestResponse::helperIsOpenedFromTheToolsMenuAt50()
{
    QAction *action = m_window->requestResponseAction();
    QVERIFY(action->isEnabled());
    RequestResponsePane *pane = m_window->requestResponsePane();
    QVERIFY(!pane->isVisible());
    action->trigger();
    QVERIFY(pane->isVisible());
    QVERIFY(pane->isAvailable());
    // A per-client response topic by default (this broker gives no Response Information).
    QCOMPARE(pane->responseTopic(), QStringLiteral("switchboard/response/tst-rr-window"));
    QCOMPARE(pane->defaultResponseTopic(), pane->responseTopic());
}

void TestRequestResponse::responseIsPairedWithItsLatency()
{
    RequestResponsePane *pane = m_window->requestResponsePane();
    RequestResponseModel *model = pane->model();
    QTest::keyClicks(child<QLineEdit>(pane, "requestTopicEdit"), QStringLiteral("svc/echo"));
    child<QPlainTextEdit>(pane, "payloadEdit")->setPlainText(QStringLiteral("ping"));
    child<QSpinBox>(pane, "timeoutSpin")->setValue(Timeout);
    QTest::mouseClick(child<QPushButton>(pane, "sendButton"), Qt::LeftButton);
    QCOMPARE(model->rowCount(), 1);
    QVERIFY2(pane->statusText().contains(QLatin1String("sent")), qPrintable(pane->statusText()));

    // The helper subscribed to the response topic before the request left.
    const auto subscribedToResponses = [&] {
        const QList<Mqtt::SubscribeTopic> active = m_window->client()->activeSubscriptions();
        return std::any_of(active.begin(), active.end(), [&](const Mqtt::SubscribeTopic &topic) {
            return topic.filter == pane->responseTopic();
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(subscribedToResponses(), Timeout);

    QTRY_COMPARE_WITH_TIMEOUT(model->stateAt(0), RequestResponseModel::State::Answered, Timeout);
    QCOMPARE(m_answered, 1);
    QCOMPARE(model->responsePayloadAt(0), QByteArray("echo:ping"));
    QVERIFY(model->latencyAt(0) >= 0 && model->latencyAt(0) < Timeout);
    QCOMPARE(model->index(0, RequestResponseModel::LatencyColumn).data().toString(),
             QStringLiteral("%1 ms").arg(model->latencyAt(0)));
    QCOMPARE(model->index(0, RequestResponseModel::RequestColumn).data().toString(),
             QStringLiteral("ping"));
    QVERIFY(!model->index(0, RequestResponseModel::SentColumn).data().toString().isEmpty());
    QVERIFY(!model->correlationDataAt(0).isEmpty());

    // A second request gets another correlation data and its own answer; no new SUBSCRIBE.
    QSignalSpy subscribed(m_window->client(), &Mqtt::Client::subscriptionAcknowledged);
    child<QPlainTextEdit>(pane, "payloadEdit")->setPlainText(QStringLiteral("pong"));
    QVERIFY(pane->send() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(model->stateAt(1), RequestResponseModel::State::Answered, Timeout);
    QCOMPARE(model->responsePayloadAt(1), QByteArray("echo:pong"));
    QVERIFY(model->correlationDataAt(1) != model->correlationDataAt(0));
    QCOMPARE(subscribed.count(), 0);

    // The log shows the request as outgoing, with its properties.
    MessageLogModel *log = m_window->messageLog();
    QTRY_VERIFY([&] {
        for (int row = 0; row < log->rowCount(); ++row) {
            if (log->topicAt(row) == QLatin1String("svc/echo") &&
                log->directionAt(row) == MessageLogModel::Direction::Outgoing)
                return log->propertiesAt(row).binary(Mqtt::PropertyId::CorrelationData) ==
                       model->correlationDataAt(0);
        }
        return false;
    }());
}

void TestRequestResponse::unansweredRequestTimesOut()
{
    RequestResponsePane *pane = m_window->requestResponsePane();
    RequestResponseModel *model = pane->model();
    pane->setRequestTopic(QStringLiteral("svc/silent"));
    pane->setPayloadText(QStringLiteral("anyone?"));
    pane->setTimeout(300);
    QVERIFY(pane->send() > 0);
    const int row = model->rowCount() - 1;
    QCOMPARE(model->stateAt(row), RequestResponseModel::State::Waiting);
    QTRY_COMPARE_WITH_TIMEOUT(model->stateAt(row), RequestResponseModel::State::TimedOut, Timeout);
    QCOMPARE(model->index(row, RequestResponseModel::LatencyColumn).data().toString(),
             QStringLiteral("no response"));
    QVERIFY(model->responsePayloadAt(row).isEmpty());
}

void TestRequestResponse::responseWithUnknownCorrelationIsUnmatched()
{
    RequestResponsePane *pane = m_window->requestResponsePane();
    RequestResponseModel *model = pane->model();
    const int before = model->rowCount();
    Mqtt::Message stray;
    stray.topic = pane->responseTopic();
    stray.payload = "nobody asked";
    stray.qos = Mqtt::QoS::AtLeastOnce;
    stray.properties.setBinary(Mqtt::PropertyId::CorrelationData, "not-ours");
    QVERIFY(ClientWaits::publishAndWait(m_responder.get(), stray, Timeout));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), before + 1, Timeout);
    QCOMPARE(model->stateAt(before), RequestResponseModel::State::Unmatched);
    QCOMPARE(model->index(before, RequestResponseModel::CorrelationColumn).data().toString(),
             QStringLiteral("not-ours"));
    QCOMPARE(model->index(before, RequestResponseModel::ResponseColumn).data().toString(),
             QStringLiteral("nobody asked"));
    QCOMPARE(model->index(before, RequestResponseModel::LatencyColumn).data().toString(),
             QStringLiteral("unmatched"));
    // The earlier rows are untouched.
    QCOMPARE(model->stateAt(0), RequestResponseModel::State::Answered);
    saveScreenshot(m_window.get(), QStringLiteral("requestresponse"));
}

void TestRequestResponse::helperIsUnavailableAt311()
{
    Mqtt::Client old;
    QVERIFY(ClientWaits::connectAndWait(
            &old, options(QStringLiteral("tst-rr-old"), Mqtt::ProtocolVersion::V3_1_1), Timeout));
    RequestResponsePane pane;
    pane.setClient(&old);
    QVERIFY(!pane.isAvailable());
    QVERIFY(!child<QPushButton>(&pane, "sendButton")->isEnabled());
    pane.setRequestTopic(QStringLiteral("svc/echo"));
    pane.setResponseTopic(QStringLiteral("svc/back"));
    const int answeredBefore = m_answered;
    QCOMPARE(pane.send(), quint64(0));
    QVERIFY2(pane.statusText().contains(QLatin1String("5.0")), qPrintable(pane.statusText()));
    QCOMPARE(pane.model()->rowCount(), 0);
    QCOMPARE(old.inflightCount(), 0);
    QCOMPARE(m_answered, answeredBefore);

    // The window's menu follows the connection: disabled once it is gone.
    m_window->client()->disconnectFromHost();
    QTRY_COMPARE(m_window->client()->state(), Mqtt::Client::State::Disconnected);
    QVERIFY(!m_window->requestResponseAction()->isEnabled());
}

QTEST_MAIN(TestRequestResponse)
#include "tst_requestresponse.moc"
