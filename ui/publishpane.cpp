// SPDX-License-Identifier: Apache-2.0
#include "publishpane.h"
#include "ui_publishpane.h"

#include "client.h"
#include "numbercodec.h"
#include "payloaddecoder.h"
#include "theme.h"
#include "topic.h"
#include "validation.h"

#include <QCompleter>
#include <QFontDatabase>
#include <QHeaderView>
#include <QPushButton>
#include <QSettings>
#include <QStringListModel>
#include <QTableWidget>
#include <QTextBlock>
#include <QTime>

namespace {

const char HistoryKey[] = "publish/history";

// The encoded bytes shown at most: a hex dump line per 16 bytes stays quick to lay out.
constexpr int EncodedBytesShown = 4096;

bool isJsonEncoding(Payload::Decoder decoder)
{
    switch (decoder) {
    case Payload::Decoder::Text:
    case Payload::Decoder::Json:
    case Payload::Decoder::Hex:
    case Payload::Decoder::Base64:
        return false;
    default:
        return true;
    }
}

bool hasType(Payload::Decoder decoder)
{
    return decoder == Payload::Decoder::Protobuf || decoder == Payload::Decoder::Numbers;
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
    m_ownDecoder = std::make_unique<Payload::PayloadDecoder>();
    addEncodings(m_ui->formatCombo);
    m_ui->formatCombo->setToolTip(
            tr("How the payload is sent: text, JSON, hex and Base64 as typed; CBOR, "
               "MessagePack, Protobuf, Sparkplug B and Numbers encode the JSON typed below. The "
               "connection's decode rule for the topic chooses it unless you choose another."));
    m_ui->typeCombo->lineEdit()->setClearButtonEnabled(true);
    m_ui->typeCombo->hide();
    m_ui->ruleLabel->hide();
    m_ui->ruleLabel->setToolTip(
            tr("The connection's decode rules say how a topic's payloads are shown, and the "
               "composer sends in that format unless you choose another"));
    m_ui->encodedView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Room for four lines of the hex dump (64 bytes) beside the payload.
    m_ui->encodedView->setMinimumHeight(4 * m_ui->encodedView->fontMetrics().lineSpacing() +
                                        2 * (m_ui->encodedView->frameWidth() +
                                             int(m_ui->encodedView->document()->documentMargin())));
    m_ui->encodedWidget->hide();
    m_ui->payloadSplitter->setStretchFactor(0, 1);
    m_ui->payloadSplitter->setStretchFactor(1, 1);
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
    connect(m_ui->formatCombo, &QComboBox::currentIndexChanged, this,
            &PublishPane::onEncodingEdited);
    connect(m_ui->typeCombo, &QComboBox::editTextChanged, this, &PublishPane::onEncodingEdited);
    connect(m_ui->payloadEdit, &QPlainTextEdit::textChanged, this, &PublishPane::validatePayload);
    connect(m_ui->topicEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        followRule();
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
    m_ui->saveToCollectionButton->setToolTip(
            tr("Save the message chosen in the history (or the latest) as a collection entry"));
    connect(m_ui->saveToCollectionButton, &QToolButton::clicked, this,
            &PublishPane::requestSaveToCollection);

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

void PublishPane::setPayloadDecoder(Payload::PayloadDecoder *decoder)
{
    m_decoder = decoder;
    m_matchedRule.reset();
    refreshEncoding();
}

void PublishPane::refreshEncoding()
{
    updateTypeField();
    validatePayload(); // follows the rule first
}

const Payload::PayloadDecoder &PublishPane::decoder() const
{
    return m_decoder ? *m_decoder : *m_ownDecoder;
}

QString PublishPane::encodingName(const Payload::DecoderSpec &spec)
{
    QString name;
    switch (spec.decoder) {
    case Payload::Decoder::Text:
        name = tr("Text");
        break;
    case Payload::Decoder::Json:
        name = tr("JSON");
        break;
    case Payload::Decoder::Hex:
        name = tr("Hex");
        break;
    case Payload::Decoder::Base64:
        name = tr("Base64");
        break;
    case Payload::Decoder::Cbor:
        name = tr("CBOR");
        break;
    case Payload::Decoder::MessagePack:
        name = tr("MessagePack");
        break;
    case Payload::Decoder::Protobuf:
        name = tr("Protobuf");
        break;
    case Payload::Decoder::Sparkplug:
        name = tr("Sparkplug B");
        break;
    case Payload::Decoder::Numbers:
        name = tr("Numbers");
        break;
    }
    return spec.type.isEmpty() ? name : tr("%1 %2").arg(name, spec.type);
}

void PublishPane::addEncodings(QComboBox *combo)
{
    for (const Payload::Decoder decoder :
         {Payload::Decoder::Text, Payload::Decoder::Json, Payload::Decoder::Hex,
          Payload::Decoder::Base64, Payload::Decoder::Cbor, Payload::Decoder::MessagePack,
          Payload::Decoder::Protobuf, Payload::Decoder::Sparkplug, Payload::Decoder::Numbers})
        combo->addItem(encodingName({decoder, QString()}), QVariant::fromValue(decoder));
}

Payload::DecoderSpec PublishPane::encoding() const
{
    Payload::DecoderSpec spec;
    spec.decoder = m_ui->formatCombo->currentData().value<Payload::Decoder>();
    if (hasType(spec.decoder))
        spec.type = m_ui->typeCombo->currentText().trimmed();
    return spec;
}

void PublishPane::setEncoding(const Payload::DecoderSpec &spec)
{
    showEncoding(spec);
    rememberChosenEncoding();
    validatePayload();
}

void PublishPane::rememberChosenEncoding()
{
    m_chosenEncoding = encoding();
    if (m_matchedRule)
        m_overriddenRule = ruleChoseEncoding() ? std::nullopt : m_matchedRule;
    updateRuleLabel();
}

QString PublishPane::encodingRule() const
{
    return m_matchedRule ? m_matchedRule->filter : QString();
}

bool PublishPane::ruleChoseEncoding() const
{
    return m_matchedRule && m_matchedRule->decoder == encoding();
}

void PublishPane::showEncoding(const Payload::DecoderSpec &spec)
{
    m_showingEncoding = true;
    m_ui->formatCombo->setCurrentIndex(
            m_ui->formatCombo->findData(QVariant::fromValue(spec.decoder)));
    updateTypeField();
    if (hasType(spec.decoder))
        m_ui->typeCombo->setEditText(spec.type);
    m_showingEncoding = false;
}

void PublishPane::onEncodingEdited()
{
    updateTypeField();
    if (m_showingEncoding)
        return; // the caller validates once the whole spec is shown
    rememberChosenEncoding();
    validatePayload();
}

void PublishPane::updateTypeField()
{
    const Payload::Decoder decoder = m_ui->formatCombo->currentData().value<Payload::Decoder>();
    QComboBox *type = m_ui->typeCombo;
    type->setVisible(hasType(decoder));
    if (!hasType(decoder))
        return;
    const QStringList items = decoder == Payload::Decoder::Protobuf
                                      ? this->decoder().protobufSchemas().messageTypes()
                                      : Payload::NumberFormat::names();
    QStringList shown;
    for (int i = 0; i < type->count(); ++i)
        shown << type->itemText(i);
    const bool sameKind = m_typeFieldDecoder == decoder;
    if (sameKind && shown == items)
        return;
    const QSignalBlocker blocker(type);
    // The text typed for the other kind of type (a message type, a number format) stays with it.
    if (!sameKind && hasType(m_typeFieldDecoder))
        m_typedTypes.insert(m_typeFieldDecoder, type->currentText());
    const QString text = sameKind
                                 ? type->currentText()
                                 : m_typedTypes.value(decoder, decoder == Payload::Decoder::Numbers
                                                                       ? QStringLiteral("float32le")
                                                                       : items.value(0));
    m_typeFieldDecoder = decoder;
    type->clear();
    type->addItems(items);
    type->setEditText(text);
    type->lineEdit()->setPlaceholderText(decoder == Payload::Decoder::Protobuf
                                                 ? tr("message type, e.g. acme.Reading")
                                                 : tr("number format"));
}

void PublishPane::followRule()
{
    std::optional<Payload::DecodeRule> matched;
    if (m_decoder && !topic().isEmpty() && !Mqtt::validateTopicName(topic())) {
        if (const Payload::DecodeRule *rule = m_decoder->rules().match(topic()))
            matched = *rule;
    }
    if (matched == m_matchedRule)
        return; // the same rule as before: the user's choice over it stands
    m_matchedRule = matched;
    if (matched && !(matched == m_overriddenRule)) {
        m_overriddenRule.reset();
        showEncoding(matched->decoder);
    } else {
        showEncoding(m_chosenEncoding);
    }
    updateRuleLabel();
    validatePayload();
}

void PublishPane::updateRuleLabel()
{
    QLabel *label = m_ui->ruleLabel;
    label->setVisible(m_matchedRule.has_value());
    if (!m_matchedRule)
        return;
    if (ruleChoseEncoding())
        label->setText(tr("as the rule for %1 says").arg(m_matchedRule->filter));
    else
        label->setText(tr("the rule for %1 says %2")
                               .arg(m_matchedRule->filter, encodingName(m_matchedRule->decoder)));
}

QString PublishPane::encodingProblem() const
{
    const Payload::DecoderSpec spec = encoding();
    if (spec.decoder == Payload::Decoder::Protobuf) {
        if (spec.type.isEmpty())
            return tr("Name the message type to encode into, e.g. acme.Reading");
        if (decoder().protobufSchemas().folders().isEmpty())
            return tr("No .proto files are loaded for this connection: %1 is unknown").arg(spec.type);
        if (!decoder().protobufSchemas().hasMessageType(spec.type))
            return tr("No message type %1 in this connection's .proto files").arg(spec.type);
    } else if (spec.decoder == Payload::Decoder::Numbers &&
               !Payload::NumberFormat::fromName(spec.type)) {
        return tr("Choose a number format: %1")
                .arg(Payload::NumberFormat::names().join(QStringLiteral(", ")));
    }
    return QString();
}

PayloadFormat::EncodeResult PublishPane::encodedPayload() const
{
    PayloadFormat::EncodeResult result;
    result.error = encodingProblem();
    if (!result.isValid())
        return result;
    return decoder().encode(encoding(), payloadText());
}

QString PublishPane::encodeProblem(const PayloadFormat::EncodeResult &encoded) const
{
    if (encoded.errorOffset < 0)
        return encoded.error;
    const QTextBlock block = m_ui->payloadEdit->document()->findBlock(encoded.errorOffset);
    if (!block.isValid())
        return encoded.error;
    return tr("%1 (line %2, column %3)")
            .arg(encoded.error)
            .arg(block.blockNumber() + 1)
            .arg(encoded.errorOffset - block.position() + 1);
}

void PublishPane::showEncoded(const PayloadFormat::EncodeResult &encoded)
{
    const Payload::DecoderSpec spec = encoding();
    const bool typed = !payloadText().isEmpty();
    // The position of the mistake, underlined where it was typed.
    QList<QTextEdit::ExtraSelection> marks;
    if (typed && !encoded.isValid() && encoded.errorOffset >= 0) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_ui->payloadEdit->document());
        const int end = int(payloadText().size());
        const int position = qMin(int(encoded.errorOffset), end);
        // At the end of the input (something is missing) the last character is marked.
        mark.cursor.setPosition(position < end ? position : qMax(0, end - 1));
        mark.cursor.setPosition(qMin(mark.cursor.position() + 1, end), QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(
                Theme::color(Theme::Role::Error, m_ui->payloadEdit->palette()));
        marks << mark;
    }
    m_ui->payloadEdit->setExtraSelections(marks);

    m_ui->payloadEdit->setPlaceholderText(
            isJsonEncoding(spec.decoder) ? tr("Payload as JSON, sent as %1").arg(encodingName(spec))
                                         : tr("Payload"));
    // Text and JSON go out as typed: their bytes are the text.
    const bool shown =
            spec.decoder != Payload::Decoder::Text && spec.decoder != Payload::Decoder::Json;
    m_ui->encodedWidget->setVisible(shown);
    if (!shown)
        return;
    if (!typed) {
        m_ui->encodedLabel->setText(tr("Nothing typed yet"));
        m_ui->encodedView->setPlainText(encodingProblem());
    } else if (!encoded.isValid()) {
        m_ui->encodedLabel->setText(
                tr("Not sent: this does not encode as %1").arg(encodingName(spec)));
        m_ui->encodedView->setPlainText(encodeProblem(encoded));
    } else {
        const QByteArray &bytes = encoded.bytes;
        m_ui->encodedLabel->setText(
                tr("%Ln byte(s) as %1", nullptr, int(bytes.size())).arg(encodingName(spec)));
        QString dump = PayloadFormat::toHexDump(
                QByteArrayView(bytes).first(qMin<qsizetype>(bytes.size(), EncodedBytesShown)));
        if (bytes.size() > EncodedBytesShown)
            dump += tr("… and %Ln more byte(s)", nullptr, int(bytes.size() - EncodedBytesShown));
        else if (dump.endsWith(u'\n'))
            dump.chop(1); // no empty line to scroll to
        m_ui->encodedView->setPlainText(dump);
    }
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
    return m_ui->statusLabel->fullText();
}

void PublishPane::showError(const QString &text)
{
    m_showsInputProblem = false;
    Theme::setTextRole(m_ui->statusLabel, Theme::Role::Error);
    m_ui->statusLabel->setFullText(text);
}

void PublishPane::showStatus(const QString &text)
{
    m_showsInputProblem = false;
    Theme::clearTextRole(m_ui->statusLabel);
    m_ui->statusLabel->setFullText(text);
}

QString PublishPane::inputProblem(const PayloadFormat::EncodeResult &encoded) const
{
    if (const Mqtt::Error error = Mqtt::validateTopicName(topic()); error && !topic().isEmpty())
        return error.text;
    const QByteArray &payload = encoded.bytes;
    QString problem;
    Mqtt::Properties properties;
    // Nothing typed yet is not a mistake: Publish says what an empty payload lacks.
    if (!payloadText().isEmpty() && !encoded.isValid())
        return encodeProblem(encoded);
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
    followRule();
    const PayloadFormat::EncodeResult encoded = encodedPayload();
    showEncoded(encoded);
    const QString problem = inputProblem(encoded);
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
    const QString problem = inputProblem(encodedPayload());
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
    const PayloadFormat::EncodeResult encoded = encodedPayload();
    if (!encoded.isValid()) {
        showError(encodeProblem(encoded));
        return 0;
    }
    message.payload = encoded.bytes;
    QString problem;
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
    rememberInHistory({message.topic, payloadText(), encoding(), message.qos, message.retain,
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
    setEncoding(entry.format);
    setPayloadText(entry.payload);
    setQos(entry.qos);
    setRetain(entry.retain);
    setMessageProperties(entry.properties);
}

void PublishPane::requestSaveToCollection()
{
    if (m_history.isEmpty())
        return;
    const int index = m_ui->historyCombo->currentIndex();
    const HistoryEntry &entry = m_history.at(index >= 0 && index < m_history.size() ? index : 0);
    CollectionMessage message;
    message.topic = entry.topic;
    message.payload = entry.payload;
    message.format = entry.format;
    message.qos = entry.qos;
    message.retain = entry.retain;
    message.setProperties(entry.properties);
    Q_EMIT saveToCollectionRequested(message);
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
        entry.format = Payload::DecoderSpec::fromString(
                               map.value(QStringLiteral("format")).toString(), nullptr)
                               .value_or(Payload::DecoderSpec());
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
                        {QStringLiteral("format"), entry.format.toString()},
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
                tr("%1 (QoS %2%3%4%5): %6")
                        .arg(entry.topic)
                        .arg(int(entry.qos))
                        .arg(entry.format.decoder == Payload::Decoder::Text
                                     ? QString()
                                     : tr(", %1").arg(encodingName(entry.format)))
                        .arg(entry.retain ? tr(", retained") : QString())
                        .arg(entry.properties.isEmpty() ? QString() : tr(", with properties"))
                        .arg(preview));
    }
    m_ui->historyCombo->setEnabled(!m_history.isEmpty());
    m_ui->saveToCollectionButton->setEnabled(!m_history.isEmpty());
    m_ui->historyCombo->setCurrentIndex(-1);
    m_ui->historyCombo->setPlaceholderText(m_history.isEmpty() ? tr("No messages published yet")
                                                               : tr("Recent messages"));
}
