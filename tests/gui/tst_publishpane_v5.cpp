// SPDX-License-Identifier: Apache-2.0
// MQTT 5.0 in the composer and the message log, in the main window against a real broker:
// every message property typed into the composer reaches another client, a payload that breaks
// its UTF-8 payload format is refused, the broker's reason code is shown, the history keeps
// the properties, and the log's detail view and export show the properties of a message.
#include "guitesthelpers.h"

#include "client.h"
#include "clientwaits.h"
#include "mainwindow.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "publishpane.h"
#include "secretstore.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

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

class TestPublishPaneV5 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void composerSendsEveryProperty();
    void invalidUtf8WithUtf8FormatIsRefused();
    void brokerReasonCodeIsShown();
    void brokerRefusalIsShown();
    void historyKeepsTheProperties();
    void logDetailShowsTheProperties();
    void propertiesAreUnavailableAt311();

private:
    Mqtt::ConnectionOptions options(const QString &clientId, Mqtt::ProtocolVersion version) const;
    std::unique_ptr<Mqtt::Client> connectedClient(const QString &clientId,
                                                  Mqtt::ProtocolVersion version);
    int rowWithTopic(const QString &topic, MessageLogModel::Direction direction) const;

    std::unique_ptr<MosquittoProcess> m_broker;
    std::unique_ptr<SecretStore> m_secrets; // outlives the window
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Mqtt::Client> m_receiver;
};

Mqtt::ConnectionOptions TestPublishPaneV5::options(const QString &clientId,
                                                   Mqtt::ProtocolVersion version) const
{
    Mqtt::ConnectionOptions options;
    options.host = m_broker->host();
    options.port = m_broker->port();
    options.clientId = clientId;
    options.version = version;
    return options;
}

std::unique_ptr<Mqtt::Client> TestPublishPaneV5::connectedClient(const QString &clientId,
                                                                 Mqtt::ProtocolVersion version)
{
    auto client = std::make_unique<Mqtt::Client>();
    if (!ClientWaits::connectAndWait(client.get(), options(clientId, version), Timeout))
        return nullptr;
    return client;
}

int TestPublishPaneV5::rowWithTopic(const QString &topic, MessageLogModel::Direction direction) const
{
    MessageLogModel *log = m_window->messageLog();
    for (int row = log->rowCount() - 1; row >= 0; --row) {
        if (log->topicAt(row) == topic && log->directionAt(row) == direction)
            return row;
    }
    return -1;
}

void TestPublishPaneV5::initTestCase()
{
    setUpGuiTestEnvironment(QStringLiteral("tst_publishpane_v5"));
    QFile::remove(QSettings().fileName());

    m_broker = std::make_unique<MosquittoProcess>();
    // Anonymous clients may use v5/# and nobody/#; anything else is refused (0x87).
    QFile acl(m_broker->directory() + QStringLiteral("/acl"));
    QVERIFY(acl.open(QIODevice::WriteOnly));
    acl.write("topic readwrite v5/#\ntopic readwrite nobody/#\n");
    acl.close();
    // user root: the broker keeps the rights to read the ACL in the test's private folder.
    m_broker->addConfigLines(
            {QStringLiteral("user root"), QStringLiteral("acl_file %1").arg(acl.fileName())});
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("switchboard-tests"));
    m_window = std::make_unique<MainWindow>(nullptr, m_secrets.get());
    m_window->show();

    PublishPane *composer = m_window->publishPane();
    // Not connected: the properties cannot be opened.
    QVERIFY(!composer->arePropertiesAvailable());
    QVERIFY(!child<QToolButton>(composer, "propertiesToggle")->isEnabled());

    QVERIFY(ClientWaits::connectAndWait(
            m_window->client(),
            options(QStringLiteral("tst-pub5-window"), Mqtt::ProtocolVersion::V5), Timeout));
    QVERIFY(composer->arePropertiesAvailable());
    QVERIFY(child<QToolButton>(composer, "propertiesToggle")->isEnabled());

    m_receiver = connectedClient(QStringLiteral("tst-pub5-receiver"), Mqtt::ProtocolVersion::V5);
    QVERIFY(m_receiver);
    QVERIFY(ClientWaits::subscribeAndWait(
            m_receiver.get(),
            {Mqtt::SubscribeTopic{QStringLiteral("v5/composer/#"), Mqtt::QoS::AtLeastOnce}}, {},
            Timeout));
}

void TestPublishPaneV5::cleanupTestCase()
{
    m_receiver.reset();
    m_window.reset();
    m_secrets.reset();
    m_broker.reset();
}

void TestPublishPaneV5::composerSendsEveryProperty()
{
    PublishPane *composer = m_window->publishPane();
    auto *toggle = child<QToolButton>(composer, "propertiesToggle");
    auto *section = child<QWidget>(composer, "propertiesWidget");
    QVERIFY(!section->isVisible()); // collapsed: the composer stays compact
    saveScreenshot(m_window.get(), QStringLiteral("collapsed"));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(section->isVisible());
    // The dock's scroll area lays the opened section out in its next pass: click what is drawn.
    auto *addUserProperty = child<QToolButton>(composer, "addUserPropertyButton");
    QTRY_VERIFY(!addUserProperty->rect().isEmpty() && addUserProperty->isVisible());

    composer->setTopic(QStringLiteral("v5/composer/all"));
    composer->setPayloadText(QStringLiteral("{\"temperature\": 21.5}"));
    composer->setQos(Mqtt::QoS::AtLeastOnce);
    QTest::keyClicks(child<QLineEdit>(composer, "contentTypeEdit"),
                     QStringLiteral("application/json"));
    auto *indicator = child<QComboBox>(composer, "payloadIndicatorCombo");
    indicator->setCurrentIndex(indicator->findText(QStringLiteral("UTF-8 text")));
    child<QSpinBox>(composer, "expirySpin")->setValue(600);
    QTest::keyClicks(child<QLineEdit>(composer, "responseTopicEdit"),
                     QStringLiteral("v5/replies/here"));
    auto *correlationFormat = child<QComboBox>(composer, "correlationFormatCombo");
    correlationFormat->setCurrentIndex(correlationFormat->findText(QStringLiteral("Hex")));
    QTest::keyClicks(child<QLineEdit>(composer, "correlationEdit"), QStringLiteral("00 ff 10"));

    // User properties through the table's buttons: duplicates allowed, order kept.
    auto *table = child<QTableWidget>(composer, "userPropertiesTable");
    const QList<QPair<QString, QString>> users = {{QStringLiteral("unit"), QStringLiteral("C")},
                                                  {QStringLiteral("tag"), QStringLiteral("a")},
                                                  {QStringLiteral("tag"), QStringLiteral("b")}};
    for (const auto &[name, value] : users) {
        QTest::mouseClick(child<QToolButton>(composer, "addUserPropertyButton"), Qt::LeftButton);
        const int row = table->rowCount() - 1;
        QVERIFY2(row >= 0 && table->item(row, 0), "the button added no row");
        table->item(row, 0)->setText(name);
        table->item(row, 1)->setText(value);
    }
    // A row added by mistake and removed again.
    QTest::mouseClick(child<QToolButton>(composer, "addUserPropertyButton"), Qt::LeftButton);
    table->item(table->rowCount() - 1, 0)->setText(QStringLiteral("oops"));
    table->setCurrentCell(table->rowCount() - 1, 0);
    QTest::mouseClick(child<QToolButton>(composer, "removeUserPropertyButton"), Qt::LeftButton);
    QCOMPARE(composer->userProperties(), users);
    QVERIFY2(composer->statusText().isEmpty(), qPrintable(composer->statusText()));

    QSignalSpy received(m_receiver.get(), &Mqtt::Client::messageReceived);
    QTest::mouseClick(child<QPushButton>(composer, "publishButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, Timeout);
    const auto message = received.first().first().value<Mqtt::Message>();
    QCOMPARE(message.topic, QStringLiteral("v5/composer/all"));
    QCOMPARE(message.payload, QByteArray("{\"temperature\": 21.5}"));
    const Mqtt::Properties &p = message.properties;
    QCOMPARE(p.string(Mqtt::PropertyId::ContentType), QStringLiteral("application/json"));
    QCOMPARE(p.integer(Mqtt::PropertyId::PayloadFormatIndicator).value_or(0), 1u);
    // The broker forwards the remaining lifetime: at most what was sent, and not much less.
    const quint32 expiry = p.integer(Mqtt::PropertyId::MessageExpiryInterval).value_or(0);
    QVERIFY2(expiry <= 600 && expiry >= 590, qPrintable(QString::number(expiry)));
    QCOMPARE(p.string(Mqtt::PropertyId::ResponseTopic), QStringLiteral("v5/replies/here"));
    QCOMPARE(p.binary(Mqtt::PropertyId::CorrelationData), QByteArray("\x00\xff\x10", 3));
    QCOMPARE(p.userProperties(), users);

    // The log keeps the outgoing message's properties too.
    QTRY_VERIFY(rowWithTopic(message.topic, MessageLogModel::Direction::Outgoing) >= 0);
    const int row = rowWithTopic(message.topic, MessageLogModel::Direction::Outgoing);
    QCOMPARE(m_window->messageLog()->propertiesAt(row).userProperties(), users);
    QTRY_VERIFY2(composer->statusText().contains(QLatin1String("acknowledged")),
                 qPrintable(composer->statusText()));
    saveScreenshot(m_window.get(), QStringLiteral("composer"));
}

void TestPublishPaneV5::invalidUtf8WithUtf8FormatIsRefused()
{
    PublishPane *composer = m_window->publishPane();
    composer->clearUserProperties();
    composer->setPayloadIndicator(PublishPane::PayloadIndicator::Utf8);
    composer->setTopic(QStringLiteral("v5/composer/bad"));
    composer->setEncoding({Payload::Decoder::Hex, {}});
    composer->setPayloadText(QStringLiteral("c3 28")); // a lead byte without its continuation
    // Said while typing already.
    QVERIFY2(composer->statusText().contains(QLatin1String("UTF-8")),
             qPrintable(composer->statusText()));

    QSignalSpy published(composer, &PublishPane::messagePublished);
    QSignalSpy received(m_receiver.get(), &Mqtt::Client::messageReceived);
    QTest::mouseClick(child<QPushButton>(composer, "publishButton"), Qt::LeftButton);
    QCOMPARE(published.count(), 0);
    QVERIFY2(composer->statusText().contains(QLatin1String("not valid UTF-8")),
             qPrintable(composer->statusText()));

    // Unspecified bytes: the same payload goes out. It is the first the receiver sees, so the
    // refused one never left.
    composer->setPayloadIndicator(PublishPane::PayloadIndicator::Unspecified);
    QVERIFY(composer->publish() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, Timeout);
    const auto message = received.first().first().value<Mqtt::Message>();
    QCOMPARE(message.payload, QByteArray("\xc3\x28"));
    QVERIFY(!message.properties.contains(Mqtt::PropertyId::PayloadFormatIndicator));
    composer->setEncoding({Payload::Decoder::Text, {}});
}

void TestPublishPaneV5::brokerReasonCodeIsShown()
{
    PublishPane *composer = m_window->publishPane();
    composer->setMessageProperties(Mqtt::Properties()); // every field back to empty
    composer->setTopic(QStringLiteral("nobody/listens/here"));
    composer->setPayloadText(QStringLiteral("hello?"));
    composer->setQos(Mqtt::QoS::AtLeastOnce);
    QSignalSpy acknowledged(m_window->client(), &Mqtt::Client::publishAcknowledged);
    QVERIFY(composer->publish() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(acknowledged.count(), 1, Timeout);
    QCOMPARE(acknowledged.first().at(1).value<quint8>(),
             quint8(Mqtt::ReasonCode::NoMatchingSubscribers));
    QTRY_VERIFY2(composer->statusText().contains(QLatin1String("No matching subscribers")) &&
                         composer->statusText().contains(QLatin1String("0x10")),
                 qPrintable(composer->statusText()));

    // The log keeps the answer with the outgoing message, and its detail view shows it.
    MessageLogModel *log = m_window->messageLog();
    const auto direction = MessageLogModel::Direction::Outgoing;
    QTRY_VERIFY_WITH_TIMEOUT(rowWithTopic(QStringLiteral("nobody/listens/here"), direction) >= 0,
                             Timeout);
    const int row = rowWithTopic(QStringLiteral("nobody/listens/here"), direction);
    QCOMPARE(log->brokerAnswerAt(row), QStringLiteral("No matching subscribers (0x10)"));
    MessageLogPane *logPane = m_window->messageLogPane();
    logPane->selectRow(m_window->messageProxy()->rowForSequence(log->sequenceAt(row)));
    QVERIFY2(logPane->detailHeaderText().endsWith(
                     QStringLiteral(" · broker: No matching subscribers (0x10)")),
             qPrintable(logPane->detailHeaderText()));
}

void TestPublishPaneV5::brokerRefusalIsShown()
{
    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("forbidden/topic"));
    composer->setPayloadText(QStringLiteral("let me in"));
    composer->setQos(Mqtt::QoS::AtLeastOnce);
    QSignalSpy refused(m_window->client(), &Mqtt::Client::messageRefused);
    QSignalSpy published(m_window->client(), &Mqtt::Client::messagePublished);
    QVERIFY(composer->publish() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, Timeout);
    QCOMPARE(published.count(), 0);
    QCOMPARE(refused.first().at(1).value<Mqtt::Error>().reasonCode,
             quint8(Mqtt::ReasonCode::NotAuthorized));
    QTRY_VERIFY_WITH_TIMEOUT(rowWithTopic(QStringLiteral("forbidden/topic"),
                                          MessageLogModel::Direction::Outgoing) >= 0,
                             Timeout);
    const QString answer = m_window->messageLog()->brokerAnswerAt(
            rowWithTopic(QStringLiteral("forbidden/topic"), MessageLogModel::Direction::Outgoing));
    QVERIFY2(answer.contains(QLatin1String("authorized"), Qt::CaseInsensitive) &&
                     answer.endsWith(QLatin1String("(0x87)")),
             qPrintable(answer));
    // mosquitto 2.0.11 closes the connection after refusing; connect again. The refusal stays
    // on show through the state changes.
    if (m_window->client()->state() != Mqtt::Client::State::Connected) {
        QTRY_COMPARE(m_window->client()->state(), Mqtt::Client::State::Disconnected);
        QVERIFY(ClientWaits::connectAndWait(
                m_window->client(),
                options(QStringLiteral("tst-pub5-window"), Mqtt::ProtocolVersion::V5), Timeout));
    }
    QVERIFY2(composer->statusText().contains(QLatin1String("0x87")) &&
                     composer->statusText().contains(QLatin1String("forbidden/topic")) &&
                     composer->statusText().contains(QLatin1String("authorized"),
                                                     Qt::CaseInsensitive),
             qPrintable(composer->statusText()));
}

void TestPublishPaneV5::historyKeepsTheProperties()
{
    PublishPane *composer = m_window->publishPane();
    composer->setTopic(QStringLiteral("v5/composer/history"));
    composer->setPayloadText(QStringLiteral("remember me"));
    composer->setContentType(QStringLiteral("text/plain"));
    composer->setCorrelationData(QStringLiteral("ticket-7"), PublishPane::CorrelationFormat::Text);
    composer->setResponseTopic(QString());
    composer->setMessageExpiryInterval(0);
    composer->setPayloadIndicator(PublishPane::PayloadIndicator::Unspecified);
    composer->clearUserProperties();
    composer->addUserProperty(QStringLiteral("dup"), QStringLiteral("1"));
    composer->addUserProperty(QStringLiteral("dup"), QStringLiteral("2"));
    QVERIFY(composer->publish() > 0);

    // Everything cleared, then the history entry brings it back.
    composer->setContentType(QString());
    composer->setCorrelationData(QString(), PublishPane::CorrelationFormat::Text);
    composer->clearUserProperties();
    auto *history = child<QComboBox>(composer, "historyCombo");
    QVERIFY(history->itemText(0).contains(QLatin1String("v5/composer/history")));
    Q_EMIT history->activated(0);
    QCOMPARE(child<QLineEdit>(composer, "contentTypeEdit")->text(), QStringLiteral("text/plain"));
    QCOMPARE(child<QLineEdit>(composer, "correlationEdit")->text(), QStringLiteral("ticket-7"));
    const QList<QPair<QString, QString>> users = {{QStringLiteral("dup"), QStringLiteral("1")},
                                                  {QStringLiteral("dup"), QStringLiteral("2")}};
    QCOMPARE(composer->userProperties(), users);

    // And it survives a new composer (the history is saved).
    PublishPane other;
    auto *otherHistory = child<QComboBox>(&other, "historyCombo");
    Q_EMIT otherHistory->activated(0);
    QCOMPARE(other.topic(), QStringLiteral("v5/composer/history"));
    QCOMPARE(other.userProperties(), users);
    QCOMPARE(child<QLineEdit>(&other, "contentTypeEdit")->text(), QStringLiteral("text/plain"));
    composer->clearUserProperties();
    composer->setContentType(QString());
    composer->setCorrelationData(QString(), PublishPane::CorrelationFormat::Text);
}

void TestPublishPaneV5::logDetailShowsTheProperties()
{
    QVERIFY(ClientWaits::subscribeAndWait(
            m_window->client(),
            {Mqtt::SubscribeTopic{QStringLiteral("v5/detail/#"), Mqtt::QoS::AtLeastOnce}}, {},
            Timeout));
    // A second filter with a Subscription Identifier, which the broker sends back. (Kept apart:
    // mosquitto 2.0.11 was seen leaving out the Message Expiry Interval of messages it sends
    // with a subscription identifier.)
    Mqtt::Properties subscribeProperties;
    subscribeProperties.addSubscriptionIdentifier(42);
    QVERIFY(ClientWaits::subscribeAndWait(
            m_window->client(),
            {Mqtt::SubscribeTopic{QStringLiteral("v5/ids/#"), Mqtt::QoS::AtLeastOnce}},
            subscribeProperties, Timeout));

    std::unique_ptr<Mqtt::Client> sender =
            connectedClient(QStringLiteral("tst-pub5-sender"), Mqtt::ProtocolVersion::V5);
    QVERIFY(sender);
    Mqtt::Message message;
    message.topic = QStringLiteral("v5/detail/sensor");
    message.payload = "21.5";
    message.qos = Mqtt::QoS::AtLeastOnce;
    message.properties.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1);
    message.properties.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 3600);
    message.properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("text/plain"));
    message.properties.setString(Mqtt::PropertyId::ResponseTopic, QStringLiteral("v5/back"));
    message.properties.setBinary(Mqtt::PropertyId::CorrelationData, QByteArray("\x01\xfe", 2));
    message.properties.addUserProperty(QStringLiteral("site"), QStringLiteral("north"));
    message.properties.addUserProperty(QStringLiteral("site"), QStringLiteral("south"));
    QVERIFY(ClientWaits::publishAndWait(sender.get(), message, Timeout));

    MessageFilterProxyModel *proxy = m_window->messageProxy();
    int proxyRow = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < proxy->rowCount(); ++row) {
                    if (proxy->index(row, MessageLogModel::TopicColumn).data().toString() ==
                        message.topic) {
                        proxyRow = row;
                        return true;
                    }
                }
                return false;
            }(),
            Timeout);
    // The marker column says the message has properties, and how many.
    QCOMPARE(proxy->index(proxyRow, MessageLogModel::PropertiesColumn).data().toInt(), 7);

    MessageLogPane *logPane = m_window->messageLogPane();
    logPane->selectRow(proxyRow);
    QCOMPARE(logPane->detailText(), QStringLiteral("21.5"));
    const QString shown = logPane->propertiesText();
    const QStringList lines = shown.split(QLatin1Char('\n'));
    QVERIFY2(lines.contains(QStringLiteral("Payload Format Indicator: 1 (UTF-8 text)")),
             qPrintable(shown));
    QVERIFY2(lines.contains(QStringLiteral("Content Type: text/plain")), qPrintable(shown));
    QVERIFY2(lines.contains(QStringLiteral("Response Topic: v5/back")), qPrintable(shown));
    QVERIFY2(lines.contains(QStringLiteral("Correlation Data: hex: 01fe")), qPrintable(shown));
    const int north = int(lines.indexOf(QStringLiteral("User Property: site = north")));
    const int south = int(lines.indexOf(QStringLiteral("User Property: site = south")));
    QVERIFY2(north >= 0 && south > north, qPrintable(shown));
    const auto expiry = std::find_if(lines.begin(), lines.end(), [](const QString &line) {
        return line.startsWith(QLatin1String("Message Expiry Interval: "));
    });
    QVERIFY2(expiry != lines.end() && expiry->endsWith(QLatin1String(" s")), qPrintable(shown));
    QVERIFY(child<QTableWidget>(logPane, "propertiesTable")->isVisible());
    saveScreenshot(m_window.get(), QStringLiteral("logdetail"));

    // The JSON Lines export carries them.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("log.jsonl"));
    QVERIFY(logPane->exportTo(path, MessageLogPane::ExportFormat::JsonLines));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    QVERIFY2(exported.contains("\"user_properties\":[[\"site\",\"north\"],[\"site\",\"south\"]]"),
             exported.constData());

    // A message without properties hides the table again.
    Mqtt::Message plain;
    plain.topic = QStringLiteral("v5/ids/plain");
    plain.payload = "x";
    plain.qos = Mqtt::QoS::AtLeastOnce;
    QVERIFY(ClientWaits::publishAndWait(sender.get(), plain, Timeout));
    QTRY_VERIFY_WITH_TIMEOUT(rowWithTopic(plain.topic, MessageLogModel::Direction::Incoming) >= 0,
                             Timeout);
    const int plainSource = rowWithTopic(plain.topic, MessageLogModel::Direction::Incoming);
    // Only the subscription identifier: the broker adds it to every message of the filter.
    logPane->selectRow(proxy->rowForSequence(m_window->messageLog()->sequenceAt(plainSource)));
    QCOMPARE(logPane->detailText(), QStringLiteral("x"));
    QCOMPARE(logPane->propertiesText(), QStringLiteral("Subscription Identifier: 42"));

    // A message without any property (the composer's, at QoS 0 and no properties typed) shows
    // no property table at all.
    const int noneSource = rowWithTopic(QStringLiteral("nobody/listens/here"),
                                        MessageLogModel::Direction::Outgoing);
    QVERIFY(noneSource >= 0);
    QVERIFY(!m_window->messageLog()->hasPropertiesAt(noneSource));
    logPane->selectRow(proxy->rowForSequence(m_window->messageLog()->sequenceAt(noneSource)));
    QCOMPARE(logPane->detailText(), QStringLiteral("hello?"));
    QVERIFY(logPane->propertiesText().isEmpty());
    QVERIFY(!child<QTableWidget>(logPane, "propertiesTable")->isVisible());
}

void TestPublishPaneV5::propertiesAreUnavailableAt311()
{
    std::unique_ptr<Mqtt::Client> old =
            connectedClient(QStringLiteral("tst-pub5-old"), Mqtt::ProtocolVersion::V3_1_1);
    QVERIFY(old);
    PublishPane composer;
    composer.setClient(old.get());
    composer.show();
    auto *toggle = child<QToolButton>(&composer, "propertiesToggle");
    QVERIFY(!composer.arePropertiesAvailable());
    QVERIFY(!toggle->isEnabled());
    QVERIFY(toggle->toolTip().contains(QLatin1String("5.0")));
    // Even filled in (e.g. from the history), nothing of it goes out at 3.1.1.
    composer.setMessageProperties([] {
        Mqtt::Properties p;
        p.setString(Mqtt::PropertyId::ContentType, QStringLiteral("text/plain"));
        return p;
    }());
    QVERIFY(!child<QWidget>(&composer, "propertiesWidget")->isVisible());
    composer.setTopic(QStringLiteral("v5/composer/old"));
    composer.setPayloadText(QStringLiteral("plain"));
    QSignalSpy received(m_receiver.get(), &Mqtt::Client::messageReceived);
    QVERIFY(composer.publish() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, Timeout);
    QVERIFY(received.first().first().value<Mqtt::Message>().properties.isEmpty());
}

QTEST_MAIN(TestPublishPaneV5)
#include "tst_publishpane_v5.moc"
