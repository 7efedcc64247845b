// SPDX-License-Identifier: Apache-2.0
#include "decoderuleseditor.h"

#include "decodedpayloadview.h"
#include "numbercodec.h"
#include "payloaddecoder.h"
#include "theme.h"
#include "topic.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QLabel *problemLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    Theme::setTextRole(label, Theme::Role::Error);
    label->hide();
    return label;
}

// Shows a row of a form layout, or a widget, with no gap left where it is hidden.
void setShown(QWidget *widget, bool shown)
{
    QWidget *parent = widget->parentWidget();
    auto *form = qobject_cast<QFormLayout *>(parent ? parent->layout() : nullptr);
    if (form && form->indexOf(widget) >= 0)
        form->setRowVisible(widget, shown);
    else
        widget->setVisible(shown);
}

void showProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    setShown(label, !text.isEmpty());
}

bool needsType(Payload::Decoder decoder)
{
    return decoder == Payload::Decoder::Protobuf || decoder == Payload::Decoder::Numbers;
}

QString ruleText(const Payload::DecodeRule &rule)
{
    return DecodeRulesEditor::tr("%1 → %2", "topic filter → decoder")
            .arg(rule.filter.isEmpty() ? DecodeRulesEditor::tr("(no filter)") : rule.filter,
                 DecodedPayloadView::decoderTitle(rule.decoder.decoder, rule.decoder.type));
}

} // namespace

DecodeRuleForm::DecodeRuleForm(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("ruleFilterEdit"));
    m_filter->setPlaceholderText(tr("e.g. fleet/+/reading"));
    m_filter->setToolTip(tr("The topics this rule decodes: an MQTT topic filter (+ matches one "
                            "level, # the rest)"));
    m_filterProblem = problemLabel(QStringLiteral("ruleFilterProblemLabel"));
    m_decoder = new QComboBox;
    m_decoder->setObjectName(QStringLiteral("ruleDecoderCombo"));
    for (const Payload::Decoder decoder :
         {Payload::Decoder::Protobuf, Payload::Decoder::Sparkplug, Payload::Decoder::Cbor,
          Payload::Decoder::MessagePack, Payload::Decoder::Json, Payload::Decoder::Text,
          Payload::Decoder::Numbers, Payload::Decoder::Hex, Payload::Decoder::Base64})
        m_decoder->addItem(DecodedPayloadView::decoderTitle(decoder), QVariant::fromValue(decoder));
    m_typeLabel = new QLabel;
    m_type = new QComboBox;
    m_type->setObjectName(QStringLiteral("ruleTypeCombo"));
    m_type->setEditable(true);
    m_type->setInsertPolicy(QComboBox::NoInsert);
    m_type->setMinimumContentsLength(18);
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_typeLabel->setBuddy(m_type);
    m_typeProblem = problemLabel(QStringLiteral("ruleTypeProblemLabel"));
    layout->addRow(tr("Topic &filter:"), m_filter);
    layout->addRow(m_filterProblem);
    layout->addRow(tr("&Decoder:"), m_decoder);
    layout->addRow(m_typeLabel, m_type);
    layout->addRow(m_typeProblem);

    connect(m_filter, &QLineEdit::textChanged, this, [this] {
        showProblem(m_filterProblem, filterProblem());
        if (!m_filling)
            Q_EMIT ruleEdited();
    });
    connect(m_decoder, &QComboBox::currentIndexChanged, this, &DecodeRuleForm::onDecoderChanged);
    connect(m_type, &QComboBox::editTextChanged, this, [this] {
        Payload::DecoderSpec spec;
        showProblem(m_typeProblem, specProblem(&spec));
        if (!m_filling)
            Q_EMIT ruleEdited();
    });
    onDecoderChanged();
}

DecodeRuleForm::~DecodeRuleForm() = default;

void DecodeRuleForm::setChecker(const Payload::PayloadDecoder *checker)
{
    m_checker = checker;
    onDecoderChanged();
}

void DecodeRuleForm::onDecoderChanged()
{
    const auto decoder = m_decoder->currentData().value<Payload::Decoder>();
    // Kept while a decoder without a type is chosen, for when one with a type comes back.
    if (m_type->isEnabled())
        m_typeText = m_type->currentText();
    const bool filling = m_filling;
    m_filling = true;
    m_type->clear();
    if (decoder == Payload::Decoder::Protobuf) {
        m_typeLabel->setText(tr("Message &type:"));
        if (m_checker)
            m_type->addItems(m_checker->protobufSchemas().messageTypes());
        m_type->setToolTip(tr("The full name of a message type in the .proto files, e.g. "
                              "acme.Reading"));
    } else if (decoder == Payload::Decoder::Numbers) {
        m_typeLabel->setText(tr("Number &format:"));
        m_type->addItems(Payload::NumberFormat::names());
        m_type->setToolTip(tr("Size, kind and byte order of each number, e.g. float32le"));
    } else {
        m_typeLabel->setText(tr("&Type:"));
        m_type->setToolTip(tr("Only Protobuf (a message type) and numbers (a format) take one"));
    }
    // Always shown (disabled when not needed): the form keeps its shape.
    m_type->setEnabled(needsType(decoder));
    m_type->setEditText(needsType(decoder) ? m_typeText : QString());
    m_filling = filling;
    revalidate();
    if (!m_filling)
        Q_EMIT ruleEdited();
}

void DecodeRuleForm::revalidate()
{
    showProblem(m_filterProblem, filterProblem());
    Payload::DecoderSpec spec;
    showProblem(m_typeProblem, specProblem(&spec));
}

void DecodeRuleForm::setRule(const Payload::DecodeRule &rule)
{
    m_filling = true;
    m_filter->setText(rule.filter);
    m_decoder->setCurrentIndex(m_decoder->findData(QVariant::fromValue(rule.decoder.decoder)));
    m_typeText = rule.decoder.type;
    m_type->setEnabled(false); // so that onDecoderChanged() keeps the rule's type
    onDecoderChanged();
    m_filling = false;
    revalidate();
}

Payload::DecodeRule DecodeRuleForm::editedRule() const
{
    Payload::DecodeRule rule;
    rule.filter = m_filter->text().trimmed();
    rule.decoder.decoder = m_decoder->currentData().value<Payload::Decoder>();
    if (needsType(rule.decoder.decoder))
        rule.decoder.type = m_type->currentText().trimmed();
    return rule;
}

QString DecodeRuleForm::filterProblem() const
{
    const QString filter = m_filter->text().trimmed();
    if (filter.isEmpty())
        return tr("Give the topics this rule is for (a topic filter)");
    if (const Mqtt::Error error = Mqtt::validateTopicFilter(filter))
        return error.text;
    return QString();
}

QString DecodeRuleForm::specProblem(Payload::DecoderSpec *spec) const
{
    const Payload::DecodeRule edited = editedRule();
    QString problem;
    const std::optional<Payload::DecoderSpec> parsed =
            Payload::DecoderSpec::fromString(edited.decoder.toString(), &problem);
    if (!parsed)
        return problem;
    *spec = *parsed;
    if (spec->decoder == Payload::Decoder::Protobuf && m_checker) {
        if (m_checker->protobufSchemas().folders().isEmpty())
            return tr("No .proto files are loaded: add the folder that holds %1 under .proto "
                      "folders (Payload decoding…)")
                    .arg(spec->type);
        return m_checker->check(*spec);
    }
    return QString();
}

std::optional<Payload::DecodeRule> DecodeRuleForm::rule(QString *problem) const
{
    QString text = filterProblem();
    Payload::DecoderSpec spec;
    if (text.isEmpty())
        text = specProblem(&spec);
    showProblem(m_filterProblem, filterProblem());
    Payload::DecoderSpec ignored;
    showProblem(m_typeProblem, specProblem(&ignored));
    if (problem)
        *problem = text;
    if (!text.isEmpty())
        return std::nullopt;
    Payload::DecodeRule rule;
    rule.filter = m_filter->text().trimmed();
    rule.decoder = spec;
    return rule;
}

QString DecodeRuleForm::filterProblemText() const
{
    return m_filterProblem->isHidden() ? QString() : m_filterProblem->text();
}

QString DecodeRuleForm::typeProblemText() const
{
    return m_typeProblem->isHidden() ? QString() : m_typeProblem->text();
}

DecodeRulesEditor::DecodeRulesEditor(QWidget *parent)
    : QDialog(parent), m_checker(std::make_unique<Payload::PayloadDecoder>())
{
    setWindowTitle(tr("Payload decoding"));
    setObjectName(QStringLiteral("DecodeRulesEditor"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Rules in order: the first whose topic filter matches a topic "
                                "decodes its payloads. Topics no rule names are guessed (and "
                                "shown as a guess)."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *rulesRow = new QHBoxLayout;
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("ruleList"));
    rulesRow->addWidget(m_list, 1);
    auto *ruleButtons = new QVBoxLayout;
    auto *addButton = new QPushButton(tr("&Add"));
    addButton->setObjectName(QStringLiteral("addRuleButton"));
    m_removeButton = new QPushButton(tr("&Remove"));
    m_removeButton->setObjectName(QStringLiteral("removeRuleButton"));
    m_upButton = new QPushButton(tr("Move &up"));
    m_upButton->setObjectName(QStringLiteral("moveRuleUpButton"));
    m_downButton = new QPushButton(tr("Move do&wn"));
    m_downButton->setObjectName(QStringLiteral("moveRuleDownButton"));
    for (QPushButton *button : {addButton, m_removeButton, m_upButton, m_downButton})
        ruleButtons->addWidget(button);
    ruleButtons->addStretch();
    rulesRow->addLayout(ruleButtons);
    layout->addLayout(rulesRow, 1);

    m_form = new DecodeRuleForm;
    m_form->setChecker(m_checker.get());
    // Extra height goes to the list of rules, not between the fields.
    m_form->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(m_form);

    layout->addWidget(new QLabel(tr(".proto folders (every .proto below them is read):")));
    auto *foldersRow = new QHBoxLayout;
    m_folders = new QListWidget;
    m_folders->setObjectName(QStringLiteral("protoFolderList"));
    m_folders->setMaximumHeight(fontMetrics().height() * 5);
    foldersRow->addWidget(m_folders, 1);
    auto *folderButtons = new QVBoxLayout;
    auto *addFolderButton = new QPushButton(tr("Add &folder…"));
    addFolderButton->setObjectName(QStringLiteral("addProtoFolderButton"));
    m_removeFolderButton = new QPushButton(tr("Remo&ve folder"));
    m_removeFolderButton->setObjectName(QStringLiteral("removeProtoFolderButton"));
    folderButtons->addWidget(addFolderButton);
    folderButtons->addWidget(m_removeFolderButton);
    folderButtons->addStretch();
    foldersRow->addLayout(folderButtons);
    layout->addLayout(foldersRow);
    m_protoProblem = problemLabel(QStringLiteral("protoProblemLabel"));
    layout->addWidget(m_protoProblem);
    m_problem = problemLabel(QStringLiteral("rulesProblemLabel"));
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &DecodeRulesEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DecodeRulesEditor::reject);
    connect(addButton, &QPushButton::clicked, this, [this] {
        Payload::DecodeRule rule;
        rule.filter = QStringLiteral("#");
        rule.decoder.decoder = Payload::Decoder::Json;
        addRule(rule);
        m_form->filterEdit()->setFocus();
        m_form->filterEdit()->selectAll();
    });
    connect(m_removeButton, &QPushButton::clicked, this, &DecodeRulesEditor::removeCurrentRule);
    connect(m_upButton, &QPushButton::clicked, this, [this] { moveCurrentRule(-1); });
    connect(m_downButton, &QPushButton::clicked, this, [this] { moveCurrentRule(1); });
    connect(addFolderButton, &QPushButton::clicked, this, &DecodeRulesEditor::chooseProtoFolder);
    connect(m_removeFolderButton, &QPushButton::clicked, this,
            &DecodeRulesEditor::removeCurrentProtoFolder);
    connect(m_folders, &QListWidget::currentRowChanged, this, &DecodeRulesEditor::updateButtons);
    connect(m_list, &QListWidget::currentRowChanged, this, &DecodeRulesEditor::showCurrentRule);
    connect(m_form, &DecodeRuleForm::ruleEdited, this, &DecodeRulesEditor::onRuleEdited);
    resize(fontMetrics().averageCharWidth() * 80, fontMetrics().height() * 34);
    showCurrentRule();
}

DecodeRulesEditor::~DecodeRulesEditor() = default;

void DecodeRulesEditor::setRules(const Payload::DecodeRules &rules)
{
    m_rules = rules.rules();
    m_list->clear();
    for (int row = 0; row < m_rules.size(); ++row) {
        m_list->addItem(QString());
        updateItem(row);
    }
    selectRule(m_rules.isEmpty() ? -1 : 0);
    showCurrentRule();
}

Payload::DecodeRules DecodeRulesEditor::rules() const
{
    return Payload::DecodeRules(m_rules);
}

void DecodeRulesEditor::setProtoPaths(const QStringList &folders)
{
    m_folders->clear();
    m_folders->addItems(folders);
    loadProtoFiles();
}

QStringList DecodeRulesEditor::protoPaths() const
{
    QStringList folders;
    for (int row = 0; row < m_folders->count(); ++row)
        folders << m_folders->item(row)->text();
    return folders;
}

void DecodeRulesEditor::addRule(const Payload::DecodeRule &rule)
{
    m_rules.append(rule);
    m_list->addItem(QString());
    updateItem(int(m_rules.size()) - 1);
    selectRule(int(m_rules.size()) - 1);
}

void DecodeRulesEditor::removeCurrentRule()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_rules.removeAt(row);
    delete m_list->takeItem(row);
    selectRule(qMin(row, int(m_rules.size()) - 1));
    showCurrentRule();
}

void DecodeRulesEditor::moveCurrentRule(int offset)
{
    const int row = m_list->currentRow();
    const int target = row + offset;
    if (row < 0 || target < 0 || target >= m_rules.size())
        return;
    m_rules.move(row, target);
    updateItem(row);
    updateItem(target);
    selectRule(target);
}

void DecodeRulesEditor::selectRule(int row)
{
    m_list->setCurrentRow(row);
}

void DecodeRulesEditor::updateItem(int row)
{
    QListWidgetItem *item = m_list->item(row);
    if (item)
        item->setText(ruleText(m_rules.at(row)));
}

void DecodeRulesEditor::showCurrentRule()
{
    const int row = m_list->currentRow();
    m_form->setEnabled(row >= 0);
    if (row >= 0)
        m_form->setRule(m_rules.at(row));
    updateButtons();
}

void DecodeRulesEditor::onRuleEdited()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_rules[row] = m_form->editedRule();
    updateItem(row);
    showProblem(m_problem, QString());
}

void DecodeRulesEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_removeButton->setEnabled(row >= 0);
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row + 1 < m_rules.size());
    m_removeFolderButton->setEnabled(m_folders->currentRow() >= 0);
}

void DecodeRulesEditor::chooseProtoFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Folder with .proto files"),
            m_folders->count() > 0 ? m_folders->item(m_folders->count() - 1)->text() : QString());
    if (!folder.isEmpty())
        addProtoFolder(folder);
}

void DecodeRulesEditor::addProtoFolder(const QString &folder)
{
    if (protoPaths().contains(folder))
        return;
    m_folders->addItem(folder);
    loadProtoFiles();
}

void DecodeRulesEditor::removeCurrentProtoFolder()
{
    delete m_folders->takeItem(m_folders->currentRow());
    loadProtoFiles();
}

void DecodeRulesEditor::loadProtoFiles()
{
    if (m_checker->setProtoPaths(protoPaths()))
        showProblem(m_protoProblem, QString());
    else
        showProblem(m_protoProblem,
                    tr("Some .proto files do not load:\n%1")
                            .arg(m_checker->protobufSchemas().errors().join(QLatin1Char('\n'))));
    m_form->setChecker(m_checker.get()); // the type list follows
    updateButtons();
}

QString DecodeRulesEditor::problemText() const
{
    QStringList problems;
    for (const QLabel *label : {m_problem, m_protoProblem}) {
        if (!label->isHidden())
            problems << label->text();
    }
    return problems.join(QLatin1Char('\n'));
}

void DecodeRulesEditor::accept()
{
    for (int row = 0; row < m_rules.size(); ++row) {
        selectRule(row);
        QString problem;
        const std::optional<Payload::DecodeRule> rule = m_form->rule(&problem);
        if (!rule) {
            showProblem(m_problem, tr("Rule %1 cannot be used: %2").arg(row + 1).arg(problem));
            return;
        }
        m_rules[row] = *rule;
    }
    showProblem(m_problem, QString());
    QDialog::accept();
}

DecodeAsDialog::DecodeAsDialog(const QString &topic, const Payload::PayloadDecoder *checker,
                               QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Decode as"));
    setObjectName(QStringLiteral("DecodeAsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Payloads of the topics this filter matches are decoded with the "
                                "decoder chosen here. The rule goes first in the connection's "
                                "rules and is saved with its profile; widen the filter with + or "
                                "# to cover similar topics."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_form = new DecodeRuleForm;
    m_form->setChecker(checker);
    Payload::DecodeRule rule;
    rule.filter = topic;
    // The rule that decodes the topic now, else what the topic most likely needs.
    if (const Payload::DecodeRule *current = checker ? checker->rules().match(topic) : nullptr)
        rule.decoder = current->decoder;
    else if (Payload::SparkplugTopic::fromTopic(topic))
        rule.decoder.decoder = Payload::Decoder::Sparkplug;
    else
        rule.decoder.decoder = Payload::Decoder::Protobuf;
    m_form->setRule(rule);
    layout->addWidget(m_form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &DecodeAsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DecodeAsDialog::reject);
    resize(fontMetrics().averageCharWidth() * 64, sizeHint().height());
}

DecodeAsDialog::~DecodeAsDialog() = default;

void DecodeAsDialog::accept()
{
    if (!m_form->rule())
        return; // the problem is shown under its field
    QDialog::accept();
}
