// SPDX-License-Identifier: Apache-2.0
#include "topicdetailpane.h"
#include "ui_topicdetailpane.h"

#include "payloadformat.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>

namespace {
enum HistoryColumn { TimeColumn, PayloadColumn, QosColumn, RetainColumn, SizeColumn };
// How the value is shown: decoded when a rule names the decoder or a binary format was guessed.
enum class ValueFormat { Automatic, Decoded, Text };
constexpr int HistoryPreviewLength = 80;
} // namespace

TopicDetailPane::TopicDetailPane(QWidget *parent) : QWidget(parent), m_ui(new Ui::TopicDetailPane)
{
    m_ui->setupUi(this);
    m_decodedView = new DecodedPayloadView;
    m_ui->valueStack->addWidget(m_decodedView);
    m_ui->valueFormatCombo->addItem(tr("Automatic"), int(ValueFormat::Automatic));
    m_ui->valueFormatCombo->addItem(tr("Decoded tree"), int(ValueFormat::Decoded));
    m_ui->valueFormatCombo->addItem(tr("Text"), int(ValueFormat::Text));
    connect(m_ui->valueFormatCombo, &QComboBox::currentIndexChanged, this,
            &TopicDetailPane::showValue);
    m_ui->historyView->setHeaderLabels(
            {tr("Time"), tr("Payload"), tr("QoS"), tr("Retain"), tr("Size")});
    QHeaderView *header = m_ui->historyView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(PayloadColumn, QHeaderView::Stretch);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_ui->historyView->setColumnWidth(TimeColumn, digit * 13);
    m_ui->historyView->setColumnWidth(QosColumn, digit * 4);
    m_ui->historyView->setColumnWidth(RetainColumn, digit * 6);
    m_ui->historyView->setColumnWidth(SizeColumn, digit * 7);
    connect(m_ui->historyView, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) {
                if (!item)
                    return;
                const int row = m_ui->historyView->indexOfTopLevelItem(item);
                if (row < 0 || row >= m_history.size())
                    return;
                m_chosenSequence = row == 0 ? 0 : m_history.at(row).sequence;
                showEntry(m_history.at(row), row == 0);
            });
    clearFields();
}

TopicDetailPane::~TopicDetailPane() = default;

void TopicDetailPane::setTopicTree(TopicTreeModel *tree)
{
    m_tree = tree;
    refresh();
}

void TopicDetailPane::setTopic(const QString &topic)
{
    if (topic == m_topic)
        return;
    m_topic = topic;
    m_shownNewest = 0;
    m_chosenSequence = 0;
    m_history.clear();
    m_ui->historyView->clear();
    refresh();
}

QString TopicDetailPane::valueText() const
{
    return m_ui->valueEdit->toPlainText();
}

int TopicDetailPane::historyCount() const
{
    return m_ui->historyView->topLevelItemCount();
}

void TopicDetailPane::clearFields()
{
    m_ui->topicLabel->setText(m_topic.isEmpty() ? tr("Select a topic in the tree") : m_topic);
    for (QLabel *label : {m_ui->qosValue, m_ui->retainValue, m_ui->timeValue, m_ui->sizeValue,
                          m_ui->messagesValue, m_ui->retainedValue})
        label->clear();
    m_ui->valueLabel->setText(tr("Value"));
    m_ui->valueEdit->clear();
    m_ui->historyView->clear();
    m_shownEntry = TopicTreeModel::HistoryEntry();
    m_decodedView->clear();
    m_ui->valueStack->setCurrentWidget(m_ui->valueEdit);
}

void TopicDetailPane::refresh()
{
    const QModelIndex index =
            m_tree && !m_topic.isEmpty() ? m_tree->indexForTopic(m_topic) : QModelIndex();
    if (!index.isValid()) {
        clearFields();
        return;
    }
    const QLocale locale;
    m_ui->topicLabel->setText(m_topic);
    m_ui->messagesValue->setText(
            tr("%1 here and below, in %Ln topic(s)", nullptr,
               index.data(TopicTreeModel::TopicCountRole).toInt())
                    .arg(locale.toString(
                            index.data(TopicTreeModel::MessageCountRole).toLongLong())));
    const bool retainedHere = index.data(TopicTreeModel::RetainedRole).toBool();
    const int retainedBelow =
            index.data(TopicTreeModel::RetainedCountRole).toInt() - (retainedHere ? 1 : 0);
    // A level without messages of its own only has what is below it to tell.
    QStringList retained;
    if (retainedHere || index.data(TopicTreeModel::IsTopicRole).toBool() || retainedBelow == 0)
        retained << (retainedHere ? tr("held by the broker") : tr("none known"));
    if (retainedBelow > 0)
        retained << tr("%Ln topic(s) below hold one", nullptr, retainedBelow);
    m_ui->retainedValue->setText(retained.join(QStringLiteral("; ")));

    QList<TopicTreeModel::HistoryEntry> history = m_tree->history(index);
    if (!index.data(TopicTreeModel::IsTopicRole).toBool()) {
        // A level no message was published to: only what is below it.
        for (QLabel *label : {m_ui->qosValue, m_ui->retainValue, m_ui->timeValue, m_ui->sizeValue})
            label->setText(tr("—"));
        m_ui->valueLabel->setText(tr("No message was published to this level itself"));
        m_ui->valueEdit->clear();
        m_decodedView->clear();
        m_ui->valueStack->setCurrentWidget(m_ui->valueEdit);
        m_ui->historyView->clear();
        m_history.clear();
        return;
    }
    if (history.isEmpty()) {
        // The history budget took it: the last value is still known.
        TopicTreeModel::HistoryEntry last;
        last.payload = index.data(TopicTreeModel::LastPayloadRole).toByteArray();
        last.size = index.data(TopicTreeModel::LastSizeRole).toInt();
        last.qos = Mqtt::QoS(index.data(TopicTreeModel::LastQosRole).toInt());
        last.retain = index.data(TopicTreeModel::LastRetainRole).toBool();
        last.timestampMs = index.data(TopicTreeModel::LastSeenRole).toLongLong();
        history.append(last);
    }
    const quint64 newest = history.constLast().sequence;
    if (newest == m_shownNewest && newest != 0 && !m_history.isEmpty())
        return; // nothing new here
    m_shownNewest = newest;
    std::reverse(history.begin(), history.end());
    m_history = history;

    const QSignalBlocker blocker(m_ui->historyView);
    m_ui->historyView->clear();
    QList<QTreeWidgetItem *> items;
    int chosenRow = 0;
    for (int row = 0; row < m_history.size(); ++row) {
        const TopicTreeModel::HistoryEntry &entry = m_history.at(row);
        auto *item = new QTreeWidgetItem;
        item->setText(TimeColumn, QDateTime::fromMSecsSinceEpoch(entry.timestampMs)
                                          .time()
                                          .toString(QStringLiteral("hh:mm:ss.zzz")));
        item->setText(QosColumn, QString::number(int(entry.qos)));
        item->setText(RetainColumn, entry.retain ? tr("yes") : QString());
        item->setText(SizeColumn, locale.toString(entry.size));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(PayloadColumn, PayloadFormat::preview(entry.payload, HistoryPreviewLength));
        items.append(item);
        if (m_chosenSequence != 0 && entry.sequence == m_chosenSequence)
            chosenRow = row;
    }
    m_ui->historyView->addTopLevelItems(items);
    if (chosenRow == 0)
        m_chosenSequence = 0; // the chosen entry left the history: back to the latest
    m_ui->historyView->setCurrentItem(items.at(chosenRow));
    showEntry(m_history.at(chosenRow), chosenRow == 0);
}

void TopicDetailPane::showEntry(const TopicTreeModel::HistoryEntry &entry, bool latest)
{
    const QLocale locale;
    const QString time = QDateTime::fromMSecsSinceEpoch(entry.timestampMs)
                                 .toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
    m_ui->qosValue->setText(QString::number(int(entry.qos)));
    m_ui->retainValue->setText(entry.retain ? tr("yes") : tr("no"));
    m_ui->timeValue->setText(time);
    m_ui->sizeValue->setText(tr("%Ln byte(s)", nullptr, entry.size));
    QString heading = latest ? tr("Last value") : tr("Value at %1").arg(time);
    if (entry.payload.size() < entry.size)
        heading += QLatin1Char(' ') +
                   tr("(the first %1 of %2 bytes)")
                           .arg(locale.toString(entry.payload.size()), locale.toString(entry.size));
    m_ui->valueLabel->setText(heading);
    m_shownEntry = entry;
    showValue();
}

void TopicDetailPane::showValue()
{
    const TopicTreeModel::HistoryEntry &entry = m_shownEntry;
    const auto format = ValueFormat(m_ui->valueFormatCombo->currentData().toInt());
    // Only the shown entry is decoded, when it is shown; the whole payload only (a cut one
    // would not decode).
    if (m_decoding && format != ValueFormat::Text && !m_topic.isEmpty() &&
        entry.payload.size() == entry.size) {
        const ShownDecoding decoding = m_decoding(0, m_topic, entry.payload, entry.decoded);
        // A big payload is decoded off the UI thread: shown in Automatic when a rule names
        // its decoder (it is not guessed).
        bool show = (decoding.result || decoding.isPending()) &&
                    (format == ValueFormat::Decoded || decoding.rule);
        if (decoding.result && format == ValueFormat::Automatic) {
            const Payload::Decoder decoder = decoding.result->decoder;
            show = decoding.rule || decoder == Payload::Decoder::Cbor ||
                   decoder == Payload::Decoder::MessagePack ||
                   decoder == Payload::Decoder::Sparkplug;
        }
        if (show) {
            m_decodedView->setDecoding(decoding);
            m_ui->valueStack->setCurrentWidget(m_decodedView);
            return;
        }
    }
    m_decodedView->clear();
    m_ui->valueStack->setCurrentWidget(m_ui->valueEdit);
    const PayloadFormat::Format textFormat = PayloadFormat::sniff(entry.payload);
    m_ui->valueEdit->setPlainText(PayloadFormat::toDisplay(entry.payload, textFormat));
}

void TopicDetailPane::setPayloadDecoding(const PayloadDecoding &decoding)
{
    m_decoding = decoding;
    refreshDecoding();
}

void TopicDetailPane::refreshDecoding()
{
    if (!m_shownEntry.timestampMs && m_shownEntry.payload.isEmpty())
        return;
    showValue();
}

bool TopicDetailPane::isDecodedShown() const
{
    return m_ui->valueStack->currentWidget() == m_decodedView;
}
