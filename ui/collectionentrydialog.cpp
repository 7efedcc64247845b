// SPDX-License-Identifier: Apache-2.0
#include "collectionentrydialog.h"

#include "numbercodec.h"
#include "publishpane.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

bool hasType(Payload::Decoder decoder)
{
    return decoder == Payload::Decoder::Protobuf || decoder == Payload::Decoder::Numbers;
}

} // namespace

CollectionEntryDialog::CollectionEntryDialog(const Checker &checker, QWidget *parent)
    : QDialog(parent), m_checker(checker)
{
    setWindowTitle(tr("Collection entry"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QFormLayout;
    layout->addLayout(top);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("nameEdit"));
    top->addRow(tr("&Name:"), m_name);
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("Message"), QVariant::fromValue(CollectionMessage::Kind::Message));
    m_kind->addItem(tr("Script"), QVariant::fromValue(CollectionMessage::Kind::Script));
    m_kind->setToolTip(tr("A message is published; a script runs in the Script console"));
    top->addRow(tr("&Kind:"), m_kind);

    // The kinds' fields: a message's on the first page, a script's on the second.
    m_pages = new QStackedWidget;
    layout->addWidget(m_pages, 1);
    auto *messagePage = new QWidget;
    auto *messageLayout = new QVBoxLayout(messagePage);
    messageLayout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    messageLayout->addLayout(form);
    m_topic = new QLineEdit;
    m_topic->setObjectName(QStringLiteral("topicEdit"));
    m_topic->setPlaceholderText(tr("e.g. devices/{{env.DEVICE}}/set"));
    form->addRow(tr("&Topic:"), m_topic);

    // The composer's formats, named as it names them.
    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("formatCombo"));
    PublishPane::addEncodings(m_format);
    m_type = new QComboBox;
    m_type->setEditable(true);
    m_type->setObjectName(QStringLiteral("typeCombo"));
    auto *formatRow = new QHBoxLayout;
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_type, 1);
    form->addRow(tr("&Format:"), formatRow);

    m_payload = new QPlainTextEdit;
    m_payload->setObjectName(QStringLiteral("payloadEdit"));
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setPlaceholderText(
            tr("Payload. Variables: {{now}}, {{now.epoch}}, {{now.epochms}}, {{seq}}, {{uuid}}, "
               "{{random 1 100}}, {{env.NAME}}; \\{{ is a literal {{"));
    form->addRow(tr("&Payload:"), m_payload);

    m_qos = new QComboBox;
    m_qos->setObjectName(QStringLiteral("qosCombo"));
    m_qos->addItem(tr("0 - at most once"), 0);
    m_qos->addItem(tr("1 - at least once"), 1);
    m_qos->addItem(tr("2 - exactly once"), 2);
    m_retain = new QCheckBox(tr("&Retain"));
    auto *qosRow = new QHBoxLayout;
    qosRow->addWidget(m_qos);
    qosRow->addWidget(m_retain);
    qosRow->addStretch();
    form->addRow(tr("&QoS:"), qosRow);

    auto *properties = new QGroupBox(tr("MQTT 5.0 properties (sent on 5.0 connections)"));
    properties->setCheckable(false);
    auto *propertiesForm = new QFormLayout(properties);
    m_contentType = new QLineEdit;
    propertiesForm->addRow(tr("Content type:"), m_contentType);
    m_payloadIndicator = new QComboBox;
    m_payloadIndicator->addItem(
            tr("Unspecified bytes"),
            QVariant::fromValue(CollectionMessage::PayloadIndicator::Unspecified));
    m_payloadIndicator->addItem(tr("UTF-8 text"),
                                QVariant::fromValue(CollectionMessage::PayloadIndicator::Utf8));
    propertiesForm->addRow(tr("Payload format:"), m_payloadIndicator);
    m_expiry = new QSpinBox;
    m_expiry->setRange(0, std::numeric_limits<int>::max());
    m_expiry->setSuffix(tr(" s"));
    m_expiry->setSpecialValueText(tr("Never"));
    propertiesForm->addRow(tr("Message expiry:"), m_expiry);
    m_responseTopic = new QLineEdit;
    propertiesForm->addRow(tr("Response topic:"), m_responseTopic);
    m_correlation = new QLineEdit;
    m_correlationFormat = new QComboBox;
    m_correlationFormat->addItem(tr("Text"),
                                 QVariant::fromValue(CollectionMessage::CorrelationFormat::Text));
    m_correlationFormat->addItem(tr("Hex"),
                                 QVariant::fromValue(CollectionMessage::CorrelationFormat::Hex));
    auto *correlationRow = new QHBoxLayout;
    correlationRow->addWidget(m_correlation, 1);
    correlationRow->addWidget(m_correlationFormat);
    propertiesForm->addRow(tr("Correlation data:"), correlationRow);
    m_userProperties = new QPlainTextEdit;
    m_userProperties->setPlaceholderText(tr("name=value, one a line"));
    m_userProperties->setFixedHeight(4 * m_userProperties->fontMetrics().lineSpacing());
    propertiesForm->addRow(tr("User properties:"), m_userProperties);
    messageLayout->addWidget(properties);
    m_pages->addWidget(messagePage);

    m_script = new QPlainTextEdit;
    m_script->setObjectName(QStringLiteral("scriptEdit"));
    m_script->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_script->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_script->setPlaceholderText(
            tr("JavaScript run in the Script console: connect(), subscribe(), publish(), on(), "
               "expect(), sleep(), test(), log(). env(\"NAME\") reads the active environment "
               "(see docs/scripting.md)"));
    m_pages->addWidget(m_script);

    m_check = new QLabel;
    m_check->setObjectName(QStringLiteral("checkLabel"));
    m_check->setWordWrap(true);
    m_check->setTextFormat(Qt::PlainText);
    m_check->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_check);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_name, m_topic, m_contentType, m_responseTopic, m_correlation})
        connect(edit, &QLineEdit::textChanged, this, &CollectionEntryDialog::recheck);
    for (QPlainTextEdit *edit : {m_payload, m_userProperties, m_script})
        connect(edit, &QPlainTextEdit::textChanged, this, &CollectionEntryDialog::recheck);
    for (QComboBox *combo : {m_qos, m_payloadIndicator, m_correlationFormat})
        connect(combo, &QComboBox::currentIndexChanged, this, &CollectionEntryDialog::recheck);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        recheck();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        updateTypeField();
        recheck();
    });
    connect(m_type, &QComboBox::editTextChanged, this, &CollectionEntryDialog::recheck);
    connect(m_retain, &QCheckBox::toggled, this, &CollectionEntryDialog::recheck);
    connect(m_expiry, &QSpinBox::valueChanged, this, &CollectionEntryDialog::recheck);
    updateTypeField();
    recheck();
    resize(560, sizeHint().height());
}

QString CollectionEntryDialog::name() const
{
    return m_name->text().trimmed();
}

void CollectionEntryDialog::setName(const QString &name)
{
    m_name->setText(name);
}

CollectionMessage CollectionEntryDialog::message() const
{
    CollectionMessage message;
    message.kind = m_kind->currentData().value<CollectionMessage::Kind>();
    if (message.isScript()) {
        message.script = m_script->toPlainText();
        return message;
    }
    message.topic = m_topic->text();
    message.payload = m_payload->toPlainText();
    message.format.decoder = m_format->currentData().value<Payload::Decoder>();
    if (hasType(message.format.decoder))
        message.format.type = m_type->currentText().trimmed();
    message.qos = Mqtt::QoS(m_qos->currentData().toInt());
    message.retain = m_retain->isChecked();
    message.contentType = m_contentType->text();
    message.payloadIndicator =
            m_payloadIndicator->currentData().value<CollectionMessage::PayloadIndicator>();
    message.messageExpiryInterval = quint32(m_expiry->value());
    message.responseTopic = m_responseTopic->text();
    message.correlationData = m_correlation->text();
    message.correlationFormat =
            m_correlationFormat->currentData().value<CollectionMessage::CorrelationFormat>();
    const QStringList lines = m_userProperties->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype equals = line.indexOf(u'=');
        message.userProperties.append({equals < 0 ? line.trimmed() : line.left(equals).trimmed(),
                                       equals < 0 ? QString() : line.mid(equals + 1).trimmed()});
    }
    return message;
}

void CollectionEntryDialog::setMessage(const CollectionMessage &message)
{
    m_kind->setCurrentIndex(m_kind->findData(QVariant::fromValue(message.kind)));
    m_script->setPlainText(message.script);
    m_topic->setText(message.topic);
    m_format->setCurrentIndex(m_format->findData(QVariant::fromValue(message.format.decoder)));
    updateTypeField();
    if (hasType(message.format.decoder))
        m_type->setEditText(message.format.type);
    m_payload->setPlainText(message.payload);
    m_qos->setCurrentIndex(m_qos->findData(int(message.qos)));
    m_retain->setChecked(message.retain);
    m_contentType->setText(message.contentType);
    m_payloadIndicator->setCurrentIndex(
            m_payloadIndicator->findData(QVariant::fromValue(message.payloadIndicator)));
    m_expiry->setValue(int(qMin<quint32>(message.messageExpiryInterval,
                                         quint32(std::numeric_limits<int>::max()))));
    m_responseTopic->setText(message.responseTopic);
    m_correlation->setText(message.correlationData);
    m_correlationFormat->setCurrentIndex(
            m_correlationFormat->findData(QVariant::fromValue(message.correlationFormat)));
    QStringList lines;
    for (const auto &[name, value] : message.userProperties)
        lines << name + u'=' + value;
    m_userProperties->setPlainText(lines.join(u'\n'));
    recheck();
}

QString CollectionEntryDialog::checkText() const
{
    return m_check->text();
}

void CollectionEntryDialog::updateTypeField()
{
    const Payload::Decoder decoder = m_format->currentData().value<Payload::Decoder>();
    m_type->setVisible(hasType(decoder));
    const QSignalBlocker blocker(m_type);
    const QString typed = m_type->currentText();
    m_type->clear();
    if (decoder == Payload::Decoder::Numbers) {
        m_type->addItems(Payload::NumberFormat::names());
        m_type->setEditText(typed.isEmpty() ? QStringLiteral("float32le") : typed);
    } else {
        m_type->setEditText(typed);
    }
    m_type->lineEdit()->setPlaceholderText(decoder == Payload::Decoder::Protobuf
                                                   ? tr("message type, e.g. acme.Reading")
                                                   : tr("number format"));
}

void CollectionEntryDialog::recheck()
{
    QString problem;
    if (name().isEmpty())
        problem = tr("Give the entry a name");
    else if (m_kind->currentIndex() == 0 && m_topic->text().isEmpty())
        problem = tr("Give the entry a topic");
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
    Check check;
    if (problem.isEmpty() && m_checker)
        check = m_checker(message());
    else
        check.text = problem;
    m_check->setText(check.text);
    m_check->setStyleSheet(
            check.ok ? QString()
                     : QStringLiteral("color: %1;")
                               .arg(Theme::color(Theme::Role::Error, palette()).name()));
}
