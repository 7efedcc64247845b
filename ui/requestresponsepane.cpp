// SPDX-License-Identifier: Apache-2.0
#include "requestresponsepane.h"
#include "ui_requestresponsepane.h"

#include "payloadformat.h"
#include "requestresponsemodel.h"
#include "theme.h"
#include "topic.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLocale>

RequestResponsePane::RequestResponsePane(QWidget *parent)
    : QWidget(parent), m_ui(new Ui::RequestResponsePane), m_model(new RequestResponseModel(this))
{
    m_ui->setupUi(this);
    m_ui->qosCombo->addItem(tr("0 - at most once"), 0);
    m_ui->qosCombo->addItem(tr("1 - at least once"), 1);
    m_ui->qosCombo->addItem(tr("2 - exactly once"), 2);
    m_ui->qosCombo->setCurrentIndex(1);
    m_ui->timeoutSpin->setSpecialValueText(tr("None"));
    m_ui->timeoutSpin->setToolTip(
            tr("After this long without a response the request is listed as \"no response\""));
    m_ui->responseTopicEdit->setToolTip(
            tr("Sent as the Response Topic; Switchboard subscribes to it before the first "
               "request"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->payloadEdit->setFont(fixed);
    // A request is usually short: the list of requests gets the room.
    m_ui->payloadEdit->setMaximumHeight(m_ui->payloadEdit->fontMetrics().height() * 3 + 12);
    m_ui->gridLayout->setRowStretch(5, 1);

    QTableView *table = m_ui->tableView;
    table->setModel(m_model);
    table->setFont(fixed);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setSectionResizeMode(RequestResponseModel::RequestColumn,
                                                    QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(RequestResponseModel::ResponseColumn,
                                                    QHeaderView::Stretch);
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    table->setColumnWidth(RequestResponseModel::SentColumn, digit * 12 + 18);
    table->setColumnWidth(RequestResponseModel::CorrelationColumn, digit * 20 + 18);
    table->setColumnWidth(RequestResponseModel::LatencyColumn, digit * 14 + 18);

    connect(m_ui->sendButton, &QPushButton::clicked, this, [this] { send(); });
    connect(m_ui->clearButton, &QPushButton::clicked, this, [this] {
        m_model->clear();
        updateSummary();
    });
    connect(m_model, &RequestResponseModel::rowStateChanged, this, [this] {
        updateSummary();
        if (m_ui->tableView->model()->rowCount() > 0)
            m_ui->tableView->scrollToBottom();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RequestResponsePane::updateSummary);
    updateAvailability();
    updateSummary();
}

RequestResponsePane::~RequestResponsePane() = default;

void RequestResponsePane::setClient(Mqtt::Client *client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (m_client) {
        connect(m_client, &Mqtt::Client::stateChanged, this,
                &RequestResponsePane::updateAvailability);
        connect(m_client, &Mqtt::Client::connected, this, &RequestResponsePane::onConnected);
        connect(m_client, &Mqtt::Client::messageReceived, this,
                &RequestResponsePane::onMessageReceived);
        connect(m_client, &Mqtt::Client::subscriptionAcknowledged, this,
                &RequestResponsePane::onSubscriptionAcknowledged);
        if (m_client->state() == Mqtt::Client::State::Connected)
            onConnected();
    }
    updateAvailability();
}

bool RequestResponsePane::isAvailable() const
{
    return m_client && m_client->state() == Mqtt::Client::State::Connected &&
           m_client->options().version == Mqtt::ProtocolVersion::V5;
}

void RequestResponsePane::updateAvailability()
{
    const bool available = isAvailable();
    m_ui->sendButton->setEnabled(available);
    m_ui->sendButton->setToolTip(available ? QString()
                                           : tr("Request/response needs a connection with MQTT "
                                                "5.0"));
    if (!available)
        showStatus(tr("Request/response needs a connection with MQTT 5.0."));
    else if (m_ui->statusLabel->text() == tr("Request/response needs a connection with MQTT 5.0."))
        showStatus(QString());
}

QString RequestResponsePane::defaultResponseTopic() const
{
    if (!m_client)
        return QString();
    // Wildcards cannot appear in a topic name: a client id holding one is made safe.
    QString clientId = m_client->clientId();
    clientId.replace(QLatin1Char('+'), QLatin1Char('_')).replace(QLatin1Char('#'), QLatin1Char('_'));
    QString prefix = m_client->responseInformation();
    if (!prefix.isEmpty()) {
        // The broker's Response Information is where it lets this client receive responses.
        while (prefix.endsWith(QLatin1Char('/')))
            prefix.chop(1);
        if (!Mqtt::validateTopicName(prefix + QLatin1Char('/') + clientId))
            return prefix + QLatin1Char('/') + clientId;
    }
    return QStringLiteral("switchboard/response/") + clientId;
}

void RequestResponsePane::onConnected()
{
    // Offer this connection's default, unless the user typed a topic of their own.
    const QString current = responseTopic();
    if (current.isEmpty() || current == m_lastDefaultResponseTopic) {
        m_lastDefaultResponseTopic = defaultResponseTopic();
        setResponseTopic(m_lastDefaultResponseTopic);
    }
    // A new connection without a session has lost what this pane subscribed to.
    if (m_client && !m_client->sessionPresent())
        m_subscribedTopics.clear();
    updateAvailability();
}

QString RequestResponsePane::requestTopic() const
{
    return m_ui->requestTopicEdit->text();
}

void RequestResponsePane::setRequestTopic(const QString &topic)
{
    m_ui->requestTopicEdit->setText(topic);
}

QString RequestResponsePane::responseTopic() const
{
    return m_ui->responseTopicEdit->text();
}

void RequestResponsePane::setResponseTopic(const QString &topic)
{
    m_ui->responseTopicEdit->setText(topic);
}

QString RequestResponsePane::payloadText() const
{
    return m_ui->payloadEdit->toPlainText();
}

void RequestResponsePane::setPayloadText(const QString &text)
{
    m_ui->payloadEdit->setPlainText(text);
}

Mqtt::QoS RequestResponsePane::qos() const
{
    return Mqtt::QoS(m_ui->qosCombo->currentData().toInt());
}

void RequestResponsePane::setQos(Mqtt::QoS qos)
{
    m_ui->qosCombo->setCurrentIndex(m_ui->qosCombo->findData(int(qos)));
}

int RequestResponsePane::timeout() const
{
    return m_ui->timeoutSpin->value();
}

void RequestResponsePane::setTimeout(int milliseconds)
{
    m_ui->timeoutSpin->setValue(milliseconds);
}

QString RequestResponsePane::statusText() const
{
    return m_ui->statusLabel->text();
}

void RequestResponsePane::showError(const QString &text)
{
    Theme::setTextRole(m_ui->statusLabel, Theme::Role::Error);
    m_ui->statusLabel->setText(text);
}

void RequestResponsePane::showStatus(const QString &text)
{
    Theme::clearTextRole(m_ui->statusLabel);
    m_ui->statusLabel->setText(text);
}

bool RequestResponsePane::isSubscribedTo(const QString &topic) const
{
    if (m_subscribedTopics.contains(topic))
        return true;
    if (!m_client)
        return false;
    const QList<Mqtt::SubscribeTopic> active = m_client->activeSubscriptions();
    return std::any_of(active.begin(), active.end(), [&](const Mqtt::SubscribeTopic &known) {
        return Mqtt::topicMatches(known.filter, topic);
    });
}

quint64 RequestResponsePane::send()
{
    if (!isAvailable()) {
        showError(tr("Request/response needs a connection with MQTT 5.0."));
        return 0;
    }
    if (const Mqtt::Error error = Mqtt::validateTopicName(requestTopic())) {
        showError(tr("Request topic: %1").arg(error.text));
        return 0;
    }
    // The Response Topic is a topic name: no wildcards [MQTT-3.3.2-14].
    const QString response = responseTopic();
    if (const Mqtt::Error error = Mqtt::validateTopicName(response)) {
        showError(tr("Response topic: %1").arg(error.text));
        return 0;
    }
    if (!isSubscribedTo(response)) {
        // SUBSCRIBE leaves before the PUBLISH on the same connection and the broker handles
        // them in order, so the subscription is in place before any response can be sent.
        Mqtt::Error error;
        const quint64 token = m_client->subscribe(response, qos(), &error);
        if (token == 0) {
            showError(tr("Could not subscribe to the response topic: %1").arg(error.text));
            return 0;
        }
        m_pendingSubscriptions.insert(token, response);
        m_subscribedTopics.insert(response);
    }
    m_responseTopics.insert(response);

    Mqtt::Message message;
    message.topic = requestTopic();
    message.payload = payloadText().toUtf8();
    message.qos = qos();
    const QByteArray correlation = m_model->nextCorrelationData();
    message.properties.setString(Mqtt::PropertyId::ResponseTopic, response);
    message.properties.setBinary(Mqtt::PropertyId::CorrelationData, correlation);
    Mqtt::Error error;
    const quint64 token = m_client->publish(message, &error);
    if (token == 0) {
        showError(error.text.isEmpty() ? tr("The request was not sent") : error.text);
        return 0;
    }
    m_model->addRequest(correlation, message.topic, message.payload, timeout());
    showStatus(tr("Request %1 sent to %2").arg(QString::fromLatin1(correlation), message.topic));
    m_ui->tableView->scrollToBottom();
    Q_EMIT messagePublished(message, token);
    return token;
}

void RequestResponsePane::onMessageReceived(const Mqtt::Message &message)
{
    if (m_responseTopics.contains(message.topic))
        m_model->addResponse(message);
}

void RequestResponsePane::onSubscriptionAcknowledged(quint64 token,
                                                     const QList<Mqtt::SubscribeResult> &results)
{
    const auto it = m_pendingSubscriptions.constFind(token);
    if (it == m_pendingSubscriptions.constEnd())
        return;
    const QString topic = it.value();
    m_pendingSubscriptions.erase(it);
    for (const Mqtt::SubscribeResult &result : results) {
        if (!result.isRefused())
            continue;
        m_subscribedTopics.remove(topic);
        showError(tr("The broker refused the subscription to the response topic %1: %2")
                          .arg(topic, result.reasonText()));
    }
}

void RequestResponsePane::updateSummary()
{
    const QLocale locale;
    m_ui->summaryLabel->setText(
            tr("Answered %1 · waiting %2 · no response %3 · unmatched %4")
                    .arg(locale.toString(m_model->countOf(RequestResponseModel::State::Answered) +
                                         m_model->countOf(RequestResponseModel::State::Late)),
                         locale.toString(m_model->countOf(RequestResponseModel::State::Waiting)),
                         locale.toString(m_model->countOf(RequestResponseModel::State::TimedOut)),
                         locale.toString(m_model->countOf(RequestResponseModel::State::Unmatched))));
}
