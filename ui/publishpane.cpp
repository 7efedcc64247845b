// SPDX-License-Identifier: Apache-2.0
#include "publishpane.h"
#include "ui_publishpane.h"

#include "client.h"
#include "topic.h"
#include "validation.h"

#include <QCompleter>
#include <QFontDatabase>
#include <QHeaderView>
#include <QPushButton>
#include <QSettings>
#include <QStringListModel>
#include <QTableWidget>
#include <QTime>

namespace {

const char HistoryKey[] = "publish/history";

QString formatName(PayloadFormat::Format format)
{
    switch (format) {
    case PayloadFormat::Format::Text:
        return QStringLiteral("text");
    case PayloadFormat::Format::Json:
        return QStringLiteral("json");
    case PayloadFormat::Format::Hex:
        return QStringLiteral("hex");
    case PayloadFormat::Format::Base64:
        return QStringLiteral("base64");
    }
    return QStringLiteral("text");
}

PayloadFormat::Format formatFromName(const QString &name)
{
    if (name == QLatin1String("json"))
        return PayloadFormat::Format::Json;
    if (name == QLatin1String("hex"))
        return PayloadFormat::Format::Hex;
    if (name == QLatin1String("base64"))
        return PayloadFormat::Format::Base64;
    return PayloadFormat::Format::Text;
}

// History entries keep their properties as [id, integer, data, value] lists.
QVariantList propertiesToVariant(const Mqtt::Properties &properties)
{
    QVariantList list;
    for (const Mqtt::Properties::Entry &entry : properties.entries())
        list.append(QVariant(QVariantList{int(entry.id), entry.integer, entry.data, entry.value}));
    return list;
}

Mqtt::Properties propertiesFromVariant(const QVariantList &list)
{
    Mqtt::Properties properties;
    for (const QVariant &item : list) {
        const QVariantList fields = item.toList();
        if (fields.size() != 4 || !Mqtt::Properties::isKnown(quint8(fields.at(0).toInt())))
            continue;
        const auto id = Mqtt::PropertyId(fields.at(0).toInt());
        if (!Mqtt::Properties::isAllowedIn(id, Mqtt::PropertyContext::Publish))
            continue;
        switch (Mqtt::Properties::typeOf(id)) {
        case Mqtt::PropertyType::Utf8StringPair:
            properties.addUserProperty(QString::fromUtf8(fields.at(2).toByteArray()),
                                       QString::fromUtf8(fields.at(3).toByteArray()));
            break;
        case Mqtt::PropertyType::Utf8String:
            properties.setString(id, QString::fromUtf8(fields.at(2).toByteArray()));
            break;
        case Mqtt::PropertyType::BinaryData:
            properties.setBinary(id, fields.at(2).toByteArray());
            break;
        default:
            properties.setInteger(id, fields.at(1).toUInt());
            break;
        }
    }
    return properties;
}

} // namespace

PublishPane::PublishPane(QWidget *parent) : QWidget(parent), m_ui(new Ui::PublishPane)
{
    m_ui->setupUi(this);
    m_ui->formatCombo->addItem(tr("Text"), QVariant::fromValue(PayloadFormat::Format::Text));
    m_ui->formatCombo->addItem(tr("JSON"), QVariant::fromValue(PayloadFormat::Format::Json));
    m_ui->formatCombo->addItem(tr("Hex"), QVariant::fromValue(PayloadFormat::Format::Hex));
    m_ui->formatCombo->addItem(tr("Base64"), QVariant::fromValue(PayloadFormat::Format::Base64));
    m_ui->qosCombo->addItem(tr("0 - at most once"), 0);
    m_ui->qosCombo->addItem(tr("1 - at least once"), 1);
    m_ui->qosCombo->addItem(tr("2 - exactly once"), 2);
    m_ui->payloadEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->publishButton->setToolTip(tr("Publish (Ctrl+Return)"));

    // 5.0 properties: collapsed by default so the composer stays compact.
    m_ui->payloadIndicatorCombo->addItem(tr("Unspecified bytes"),
                                         QVariant::fromValue(PayloadIndicator::Unspecified));
    m_ui->payloadIndicatorCombo->addItem(tr("UTF-8 text"),
                                         QVariant::fromValue(PayloadIndicator::Utf8));
    m_ui->correlationFormatCombo->addItem(tr("Text"), QVariant::fromValue(CorrelationFormat::Text));
    m_ui->correlationFormatCombo->addItem(tr("Hex"), QVariant::fromValue(CorrelationFormat::Hex));
    m_ui->expirySpin->setSpecialValueText(tr("Never"));
    m_ui->expirySpin->setToolTip(tr("Message Expiry Interval: the broker drops the message when "
                                    "it could not deliver it in time"));
    m_ui->contentTypeEdit->setToolTip(tr("Content Type: what the payload is, e.g. a MIME type"));
    m_ui->responseTopicEdit->setPlaceholderText(tr("where the receiver should answer"));
    m_ui->correlationEdit->setPlaceholderText(tr("identifies the request in its response"));
    QTableWidget *users = m_ui->userPropertiesTable;
    users->setHorizontalHeaderLabels({tr("User property"), tr("Value")});
    users->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    users->verticalHeader()->hide();
    users->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    users->verticalHeader()->setDefaultSectionSize(users->fontMetrics().height() + 8);
    // Room for the header and three rows; more scroll.
    users->setFixedHeight(users->horizontalHeader()->sizeHint().height() +
                          3 * users->verticalHeader()->defaultSectionSize() +
                          2 * users->frameWidth() + 2);
    m_ui->addUserPropertyButton->setToolTip(tr("Add a user property"));
    m_ui->removeUserPropertyButton->setToolTip(tr("Remove the selected user property"));
    m_ui->propertiesWidget->hide();
    connect(m_ui->propertiesToggle, &QToolButton::toggled, this,
            &PublishPane::updatePropertiesToggle);
    connect(m_ui->addUserPropertyButton, &QToolButton::clicked, this, [this] {
        addUserProperty(QString(), QString());
        QTableWidget *table = m_ui->userPropertiesTable;
        table->setCurrentCell(table->rowCount() - 1, 0);
        table->scrollToBottom();
        table->editItem(table->item(table->rowCount() - 1, 0));
    });
    connect(m_ui->removeUserPropertyButton, &QToolButton::clicked, this, [this] {
        QTableWidget *table = m_ui->userPropertiesTable;
        const int row = table->currentRow();
        if (row >= 0)
            table->removeRow(row);
    });
    for (QLineEdit *edit : {m_ui->contentTypeEdit, m_ui->responseTopicEdit, m_ui->correlationEdit})
        connect(edit, &QLineEdit::textChanged, this, &PublishPane::validatePayload);
    connect(m_ui->payloadIndicatorCombo, &QComboBox::currentIndexChanged, this,
            &PublishPane::validatePayload);
    connect(m_ui->correlationFormatCombo, &QComboBox::currentIndexChanged, this,
            &PublishPane::validatePayload);
    connect(users, &QTableWidget::itemChanged, this, &PublishPane::validatePayload);

    m_topicModel = new QStringListModel(this);
    m_completer = new QCompleter(m_topicModel, this);
    m_completer->setCaseSensitivity(Qt::CaseSensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_ui->topicEdit->setCompleter(m_completer);

    // Topics arrive at message rate; the completer's list is refreshed a few times a second.
    m_topicFlushTimer.setInterval(500);
    m_topicFlushTimer.setSingleShot(true);
    connect(&m_topicFlushTimer, &QTimer::timeout, this, &PublishPane::flushKnownTopics);

    connect(&m_repeatTimer, &QTimer::timeout, this, [this] {
        if (publish() == 0)
            stopRepeating();
    });
    connect(m_ui->publishButton, &QPushButton::clicked, this, &PublishPane::trigger);
    connect(m_ui->repeatCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (!on)
            stopRepeating();
        updatePublishButton();
    });
    connect(m_ui->repeatSpin, &QSpinBox::valueChanged, this,
            [this](int value) { m_repeatTimer.setInterval(value); });
    connect(m_ui->formatCombo, &QComboBox::currentIndexChanged, this, &PublishPane::validatePayload);
    connect(m_ui->payloadEdit, &QPlainTextEdit::textChanged, this, &PublishPane::validatePayload);
    connect(m_ui->topicEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) {
            showStatus(QString());
            return;
        }
        const Mqtt::Error error = Mqtt::validateTopicName(text);
        if (error)
            showError(error.text);
        else
            validatePayload();
    });
    connect(m_ui->historyCombo, &QComboBox::activated, this, &PublishPane::onHistoryActivated);

    loadHistory();
    updatePublishButton();
    updatePropertiesAvailability();
}

PublishPane::~PublishPane() = default;

void PublishPane::setClient(Mqtt::Client *client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (m_client) {
        connect(m_client, &Mqtt::Client::messagePublished, this, &PublishPane::onAcknowledged);
        connect(m_client, &Mqtt::Client::publishAcknowledged, this,
                &PublishPane::onPublishAcknowledged);
        connect(m_client, &Mqtt::Client::messageRefused, this, &PublishPane::onRefused);
        connect(m_client, &Mqtt::Client::stateChanged, this,
                &PublishPane::updatePropertiesAvailability);
    }
    updatePropertiesAvailability();
}

bool PublishPane::arePropertiesAvailable() const
{
    return m_client && m_client->state() == Mqtt::Client::State::Connected &&
           m_client->options().version == Mqtt::ProtocolVersion::V5;
}

void PublishPane::updatePropertiesAvailability()
{
    const bool available = arePropertiesAvailable();
    m_ui->propertiesToggle->setEnabled(available);
    m_ui->propertiesToggle->setToolTip(
            available ? tr("Show or hide the MQTT 5.0 message properties")
                      : tr("Message properties need a connection with MQTT 5.0"));
    updatePropertiesToggle();
}

void PublishPane::updatePropertiesToggle()
{
    const bool shown = m_ui->propertiesToggle->isChecked() && m_ui->propertiesToggle->isEnabled();
    m_ui->propertiesToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_ui->propertiesWidget->setVisible(shown);
    revalidate();
}

bool PublishPane::isPropertiesSectionShown() const
{
    return m_ui->propertiesWidget->isVisibleTo(this);
}

void PublishPane::setPropertiesSectionShown(bool shown)
{
    m_ui->propertiesToggle->setChecked(shown);
}

void PublishPane::setContentType(const QString &contentType)
{
    m_ui->contentTypeEdit->setText(contentType);
}

void PublishPane::setPayloadIndicator(PayloadIndicator indicator)
{
    m_ui->payloadIndicatorCombo->setCurrentIndex(
            m_ui->payloadIndicatorCombo->findData(QVariant::fromValue(indicator)));
}

void PublishPane::setMessageExpiryInterval(quint32 seconds)
{
    m_ui->expirySpin->setValue(int(qMin<quint32>(seconds, quint32(m_ui->expirySpin->maximum()))));
}

void PublishPane::setResponseTopic(const QString &topic)
{
    m_ui->responseTopicEdit->setText(topic);
}

void PublishPane::setCorrelationData(const QString &text, CorrelationFormat format)
{
    m_ui->correlationFormatCombo->setCurrentIndex(
            m_ui->correlationFormatCombo->findData(QVariant::fromValue(format)));
    m_ui->correlationEdit->setText(text);
}

void PublishPane::addUserProperty(const QString &name, const QString &value)
{
    QTableWidget *table = m_ui->userPropertiesTable;
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, 0, new QTableWidgetItem(name));
    table->setItem(row, 1, new QTableWidgetItem(value));
}

void PublishPane::clearUserProperties()
{
    m_ui->userPropertiesTable->setRowCount(0);
}

QList<QPair<QString, QString>> PublishPane::userProperties() const
{
    QList<QPair<QString, QString>> pairs;
    const QTableWidget *table = m_ui->userPropertiesTable;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QTableWidgetItem *name = table->item(row, 0);
        const QTableWidgetItem *value = table->item(row, 1);
        const QString nameText = name ? name->text() : QString();
        const QString valueText = value ? value->text() : QString();
        if (nameText.isEmpty() && valueText.isEmpty())
            continue; // a row added and left blank
        pairs.append({nameText, valueText});
    }
    return pairs;
}

bool PublishPane::composeProperties(Mqtt::Properties *properties, QString *problem) const
{
    properties->clear();
    if (m_ui->payloadIndicatorCombo->currentData().value<PayloadIndicator>() ==
        PayloadIndicator::Utf8)
        properties->setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1);
    if (m_ui->expirySpin->value() > 0)
        properties->setInteger(Mqtt::PropertyId::MessageExpiryInterval,
                               quint32(m_ui->expirySpin->value()));
    const QString contentType = m_ui->contentTypeEdit->text();
    if (!contentType.isEmpty()) {
        if (const QString why = Mqtt::utf8StringProblem(contentType.toUtf8()); !why.isEmpty()) {
            *problem = tr("Content type: %1").arg(why);
            return false;
        }
        properties->setString(Mqtt::PropertyId::ContentType, contentType);
    }
    const QString responseTopic = m_ui->responseTopicEdit->text();
    if (!responseTopic.isEmpty()) {
        // A topic name: UTF-8 [MQTT-3.3.2-13] and no wildcards [MQTT-3.3.2-14].
        if (const Mqtt::Error error = Mqtt::validateTopicName(responseTopic)) {
            *problem = tr("Response topic: %1").arg(error.text);
            return false;
        }
        properties->setString(Mqtt::PropertyId::ResponseTopic, responseTopic);
    }
    const QString correlation = m_ui->correlationEdit->text();
    if (!correlation.isEmpty()) {
        QByteArray data;
        if (m_ui->correlationFormatCombo->currentData().value<CorrelationFormat>() ==
            CorrelationFormat::Hex) {
            const PayloadFormat::EncodeResult hex =
                    PayloadFormat::encode(correlation, PayloadFormat::Format::Hex);
            if (!hex.isValid()) {
                *problem = tr("Correlation data: %1").arg(hex.error);
                return false;
            }
            data = hex.bytes;
        } else {
            data = correlation.toUtf8();
        }
        properties->setBinary(Mqtt::PropertyId::CorrelationData, data);
    }
    for (const auto &[name, value] : userProperties()) {
        for (const QString &text : {name, value}) {
            if (const QString why = Mqtt::utf8StringProblem(text.toUtf8()); !why.isEmpty()) {
                *problem = tr("User property %1: %2").arg(name, why);
                return false;
            }
        }
        properties->addUserProperty(name, value);
    }
    return true;
}

void PublishPane::setMessageProperties(const Mqtt::Properties &properties)
{
    setPayloadIndicator(properties.integer(Mqtt::PropertyId::PayloadFormatIndicator).value_or(0) == 1
                                ? PayloadIndicator::Utf8
                                : PayloadIndicator::Unspecified);
    setMessageExpiryInterval(
            properties.integer(Mqtt::PropertyId::MessageExpiryInterval).value_or(0));
    setContentType(properties.string(Mqtt::PropertyId::ContentType));
    setResponseTopic(properties.string(Mqtt::PropertyId::ResponseTopic));
    const QByteArray correlation = properties.binary(Mqtt::PropertyId::CorrelationData);
    if (PayloadFormat::isPrintableUtf8(correlation))
        setCorrelationData(QString::fromUtf8(correlation), CorrelationFormat::Text);
    else
        setCorrelationData(PayloadFormat::toHex(correlation), CorrelationFormat::Hex);
    clearUserProperties();
    for (const auto &[name, value] : properties.userProperties())
        addUserProperty(name, value);
    if (!properties.isEmpty())
        setPropertiesSectionShown(true);
}

void PublishPane::addKnownTopic(const QString &topic)
{
    if (m_knownTopics.contains(topic))
        return;
    m_knownTopics.insert(topic);
    m_pendingTopics.append(topic);
    if (!m_topicFlushTimer.isActive())
        m_topicFlushTimer.start();
}

void PublishPane::flushKnownTopics()
{
    if (m_pendingTopics.isEmpty())
        return;
    const int row = m_topicModel->rowCount();
    m_topicModel->insertRows(row, int(m_pendingTopics.size()));
    for (int i = 0; i < m_pendingTopics.size(); ++i)
        m_topicModel->setData(m_topicModel->index(row + i), m_pendingTopics.at(i));
    m_pendingTopics.clear();
    m_topicModel->sort(0);
}

QString PublishPane::topic() const
{
    return m_ui->topicEdit->text();
}

void PublishPane::setTopic(const QString &topic)
{
    m_ui->topicEdit->setText(topic);
}

PayloadFormat::Format PublishPane::payloadFormat() const
{
    return m_ui->formatCombo->currentData().value<PayloadFormat::Format>();
}

void PublishPane::setPayloadFormat(PayloadFormat::Format format)
{
    m_ui->formatCombo->setCurrentIndex(m_ui->formatCombo->findData(QVariant::fromValue(format)));
}

QString PublishPane::payloadText() const
{
    return m_ui->payloadEdit->toPlainText();
}

void PublishPane::setPayloadText(const QString &text)
{
    m_ui->payloadEdit->setPlainText(text);
}

Mqtt::QoS PublishPane::qos() const
{
    return Mqtt::QoS(m_ui->qosCombo->currentData().toInt());
}

void PublishPane::setQos(Mqtt::QoS qos)
{
    m_ui->qosCombo->setCurrentIndex(m_ui->qosCombo->findData(int(qos)));
}

bool PublishPane::isRetain() const
{
    return m_ui->retainCheck->isChecked();
}

void PublishPane::setRetain(bool retain)
{
    m_ui->retainCheck->setChecked(retain);
}

QString PublishPane::statusText() const
{
    return m_ui->statusLabel->text();
}

void PublishPane::showError(const QString &text)
{
    m_showsInputProblem = false;
    m_ui->statusLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_ui->statusLabel->setText(text);
}

void PublishPane::showStatus(const QString &text)
{
    m_showsInputProblem = false;
    m_ui->statusLabel->setStyleSheet(QString());
    m_ui->statusLabel->setText(text);
}

bool PublishPane::encodePayload(QByteArray *payload, QString *problem) const
{
    const PayloadFormat::EncodeResult result =
            PayloadFormat::encode(payloadText(), payloadFormat());
    if (!result.isValid()) {
        *problem = result.error;
        return false;
    }
    *payload = result.bytes;
    return true;
}

QString PublishPane::inputProblem() const
{
    if (const Mqtt::Error error = Mqtt::validateTopicName(topic()); error && !topic().isEmpty())
        return error.text;
    QByteArray payload;
    QString problem;
    Mqtt::Properties properties;
    // Nothing typed yet is not a mistake: Publish says what an empty payload lacks.
    if (!payloadText().isEmpty() && !encodePayload(&payload, &problem))
        return problem;
    if (arePropertiesAvailable() && (!composeProperties(&properties, &problem) ||
                                     !payloadMatchesIndicator(payload, properties, &problem)))
        return problem;
    // The engine's check of the connected broker's limits (Maximum QoS, Retain Available,
    // topic aliases, Maximum Packet Size), said before Publish is pressed.
    if (arePropertiesAvailable() && !topic().isEmpty()) {
        Mqtt::Message message;
        message.topic = topic();
        message.qos = qos();
        message.retain = isRetain();
        message.payload = payload;
        message.properties = properties;
        if (const Mqtt::Error error = Mqtt::validateAgainstServerLimits(
                    message, message.topic.toUtf8().size(), m_client->serverLimits(),
                    m_client->topicAliasPolicy()))
            return error.text;
    }
    return QString();
}

void PublishPane::validatePayload()
{
    const QString problem = inputProblem();
    if (problem.isEmpty()) {
        showStatus(QString());
        return;
    }
    showError(problem);
    m_showsInputProblem = true;
}

void PublishPane::revalidate()
{
    // Unlike typing, a connection change must not wipe the broker's last answer.
    const QString problem = inputProblem();
    if (!problem.isEmpty())
        validatePayload();
    else if (m_showsInputProblem)
        showStatus(QString());
}

bool PublishPane::payloadMatchesIndicator(const QByteArray &payload,
                                          const Mqtt::Properties &properties, QString *problem)
{
    // Payload Format Indicator 1 promises UTF-8 character data: never send bytes that break it.
    if (properties.integer(Mqtt::PropertyId::PayloadFormatIndicator).value_or(0) == 1 &&
        !PayloadFormat::isValidUtf8(payload)) {
        *problem = tr("The payload is not valid UTF-8 but its format is set to UTF-8 text");
        return false;
    }
    return true;
}

void PublishPane::updatePublishButton()
{
    if (isRepeating())
        m_ui->publishButton->setText(tr("&Stop repeating"));
    else if (m_ui->repeatCheck->isChecked())
        m_ui->publishButton->setText(tr("Start &repeating"));
    else
        m_ui->publishButton->setText(tr("&Publish"));
    m_ui->repeatSpin->setEnabled(!isRepeating());
}

void PublishPane::trigger()
{
    if (isRepeating()) {
        stopRepeating();
        return;
    }
    if (publish() == 0)
        return;
    if (m_ui->repeatCheck->isChecked()) {
        m_repeatTimer.start(m_ui->repeatSpin->value());
        updatePublishButton();
    }
}

void PublishPane::stopRepeating()
{
    m_repeatTimer.stop();
    updatePublishButton();
}

quint64 PublishPane::publish()
{
    // A topic name never carries wildcards [MQTT-3.3.2-2]; refuse before anything is sent.
    if (const Mqtt::Error error = Mqtt::validateTopicName(topic())) {
        showError(error.text);
        return 0;
    }
    Mqtt::Message message;
    message.topic = topic();
    message.qos = qos();
    message.retain = isRetain();
    QString problem;
    if (!encodePayload(&message.payload, &problem)) {
        showError(problem);
        return 0;
    }
    if (arePropertiesAvailable()) {
        if (!composeProperties(&message.properties, &problem) ||
            !payloadMatchesIndicator(message.payload, message.properties, &problem)) {
            showError(problem);
            return 0;
        }
    }
    if (!m_client) {
        showError(tr("Not connected to a broker"));
        return 0;
    }
    Mqtt::Error error;
    const quint64 token = m_client->publish(message, &error);
    if (token == 0) {
        showError(error.text.isEmpty() ? tr("The message was not sent") : error.text);
        return 0;
    }
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    if (m_client->state() != Mqtt::Client::State::Connected) {
        // Accepted into the client's queue, not sent: say so, and how many wait.
        if (message.qos == Mqtt::QoS::AtMostOnce)
            m_queuedSends.insert(token, message.topic);
        else
            m_pendingAcks.insert(token, message.topic);
        showStatus(tr("Queued for %1 at %2: not connected, it is sent once the connection is up "
                      "(%Ln message(s) waiting)",
                      nullptr, m_client->queuedCount())
                           .arg(message.topic, time));
    } else if (message.qos == Mqtt::QoS::AtMostOnce) {
        showStatus(tr("Sent to %1 at %2").arg(message.topic, time));
    } else {
        m_pendingAcks.insert(token, message.topic);
        showStatus(tr("Sent to %1 at %2, waiting for the broker to acknowledge it (QoS %3)")
                           .arg(message.topic, time)
                           .arg(int(message.qos)));
    }
    rememberInHistory({message.topic, payloadText(), payloadFormat(), message.qos, message.retain,
                       message.properties});
    Q_EMIT messagePublished(message, token);
    return token;
}

void PublishPane::onAcknowledged(quint64 token)
{
    if (const auto queued = m_queuedSends.constFind(token); queued != m_queuedSends.constEnd()) {
        showStatus(tr("Sent to %1 at %2, after waiting for the connection")
                           .arg(queued.value(),
                                QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        m_queuedSends.erase(queued);
        return;
    }
    const auto it = m_pendingAcks.constFind(token);
    if (it == m_pendingAcks.constEnd())
        return;
    const QString topic = it.value();
    m_pendingAcks.erase(it);
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    const QString reason = m_ackReasons.take(token);
    if (reason.isEmpty())
        showStatus(tr("The broker acknowledged the message to %1 at %2").arg(topic, time));
    else
        showStatus(
                tr("The broker acknowledged the message to %1 at %2: %3").arg(topic, time, reason));
}

void PublishPane::onPublishAcknowledged(quint64 token, Mqtt::ReasonCode reasonCode,
                                        const QString &reasonString)
{
    // Success says nothing new; anything else (e.g. 0x10 No matching subscribers) is shown.
    if (!m_pendingAcks.contains(token) ||
        (reasonCode == Mqtt::ReasonCode::Success && reasonString.isEmpty()))
        return;
    QString text = tr("%1 (0x%2)")
                           .arg(Mqtt::reasonCodeText(reasonCode))
                           .arg(quint8(reasonCode), 2, 16, QLatin1Char('0'));
    if (!reasonString.isEmpty())
        text += QStringLiteral(" – ") + reasonString;
    m_ackReasons.insert(token, text);
}

void PublishPane::onRefused(quint64 token, const Mqtt::Error &error)
{
    if (const QString topic = m_queuedSends.take(token); !topic.isEmpty()) {
        showError(tr("Not sent to %1: %2").arg(topic, error.text));
        return;
    }
    const auto it = m_pendingAcks.constFind(token);
    if (it == m_pendingAcks.constEnd())
        return;
    const QString topic = it.value();
    m_pendingAcks.erase(it);
    m_ackReasons.remove(token);
    showError(tr("Not delivered to %1 (0x%2): %3")
                      .arg(topic)
                      .arg(error.reasonCode, 2, 16, QLatin1Char('0'))
                      .arg(error.text));
}

void PublishPane::onHistoryActivated(int index)
{
    if (index < 0 || index >= m_history.size())
        return;
    const HistoryEntry entry = m_history.at(index);
    setTopic(entry.topic);
    setPayloadFormat(entry.format);
    setPayloadText(entry.payload);
    setQos(entry.qos);
    setRetain(entry.retain);
    setMessageProperties(entry.properties);
}

void PublishPane::loadHistory()
{
    QSettings settings;
    const QVariantList list = settings.value(QLatin1String(HistoryKey)).toList();
    m_history.clear();
    for (const QVariant &item : list) {
        const QVariantMap map = item.toMap();
        HistoryEntry entry;
        entry.topic = map.value(QStringLiteral("topic")).toString();
        entry.payload = map.value(QStringLiteral("payload")).toString();
        entry.format = formatFromName(map.value(QStringLiteral("format")).toString());
        entry.qos = Mqtt::QoS(qBound(0, map.value(QStringLiteral("qos")).toInt(), 2));
        entry.retain = map.value(QStringLiteral("retain")).toBool();
        entry.properties = propertiesFromVariant(map.value(QStringLiteral("properties")).toList());
        if (!entry.topic.isEmpty() && m_history.size() < maximumHistory())
            m_history.append(entry);
    }
    refreshHistoryCombo();
}

void PublishPane::saveHistory()
{
    QVariantList list;
    for (const HistoryEntry &entry : std::as_const(m_history)) {
        QVariantMap map{{QStringLiteral("topic"), entry.topic},
                        {QStringLiteral("payload"), entry.payload},
                        {QStringLiteral("format"), formatName(entry.format)},
                        {QStringLiteral("qos"), int(entry.qos)},
                        {QStringLiteral("retain"), entry.retain}};
        if (!entry.properties.isEmpty())
            map.insert(QStringLiteral("properties"), propertiesToVariant(entry.properties));
        list.append(map);
    }
    QSettings settings;
    settings.setValue(QLatin1String(HistoryKey), list);
}

void PublishPane::rememberInHistory(const HistoryEntry &entry)
{
    if (!m_history.isEmpty() && m_history.first() == entry)
        return; // repeated publishes do not flood the history
    m_history.removeAll(entry);
    m_history.prepend(entry);
    while (m_history.size() > maximumHistory())
        m_history.removeLast();
    saveHistory();
    refreshHistoryCombo();
}

void PublishPane::refreshHistoryCombo()
{
    m_ui->historyCombo->clear();
    for (const HistoryEntry &entry : std::as_const(m_history)) {
        QString preview = entry.payload.simplified();
        if (preview.size() > 40)
            preview = preview.left(40) + QChar(0x2026);
        m_ui->historyCombo->addItem(
                tr("%1 (QoS %2%3%4): %5")
                        .arg(entry.topic)
                        .arg(int(entry.qos))
                        .arg(entry.retain ? tr(", retained") : QString())
                        .arg(entry.properties.isEmpty() ? QString() : tr(", with properties"))
                        .arg(preview));
    }
    m_ui->historyCombo->setEnabled(!m_history.isEmpty());
    m_ui->historyCombo->setCurrentIndex(-1);
    m_ui->historyCombo->setPlaceholderText(m_history.isEmpty() ? tr("No messages published yet")
                                                               : tr("Recent messages"));
}
