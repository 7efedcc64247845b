// SPDX-License-Identifier: Apache-2.0
#include "packetinspectorpane.h"
#include "ui_packetinspectorpane.h"

#include "connectionworkspace.h"
#include "packetfilterproxymodel.h"
#include "packetlogexporter.h"
#include "packetlogmodel.h"
#include "payloadformat.h"
#include "tableviewsetup.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>

using Mqtt::PacketType;

namespace {

// The type filter's choices: groups of the packets that answer each other, then each type.
struct TypeChoice
{
    const char *label; // translated in PacketInspectorPane's context
    QList<PacketType> types;
};

QList<TypeChoice> typeChoices()
{
    QList<TypeChoice> choices = {
            {QT_TRANSLATE_NOOP("PacketInspectorPane", "All types"), {}},
            {QT_TRANSLATE_NOOP("PacketInspectorPane", "Connection and authentication"),
             {PacketType::Connect, PacketType::Connack, PacketType::Auth, PacketType::Disconnect}},
            {QT_TRANSLATE_NOOP("PacketInspectorPane", "Publish and acknowledgements"),
             {PacketType::Publish, PacketType::Puback, PacketType::Pubrec, PacketType::Pubrel,
              PacketType::Pubcomp}},
            {QT_TRANSLATE_NOOP("PacketInspectorPane", "Subscriptions"),
             {PacketType::Subscribe, PacketType::Suback, PacketType::Unsubscribe,
              PacketType::Unsuback}},
            {QT_TRANSLATE_NOOP("PacketInspectorPane", "Keep-alive pings"),
             {PacketType::Pingreq, PacketType::Pingresp}},
    };
    for (int type = int(PacketType::Connect); type <= int(PacketType::Auth); ++type)
        choices.append({nullptr, {PacketType(type)}});
    return choices;
}

} // namespace

PacketInspectorPane::PacketInspectorPane(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::PacketInspectorPane>())
{
    m_ui->setupUi(this);
    for (const TypeChoice &choice : typeChoices())
        m_ui->typeCombo->addItem(choice.label ? tr(choice.label)
                                              : Mqtt::packetTypeName(choice.types.constFirst()));
    m_ui->idSpin->setSpecialValueText(tr("any"));
    m_ui->idSpin->setToolTip(tr("Show only the packets with this packet identifier"));
    m_ui->traceCheck->setToolTip(
            tr("Record every packet of this connection (turn off to save the little it costs)"));
    m_ui->hexCheck->setToolTip(tr("Show the selected packet's bytes as a hex dump"));

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QTableView *table = m_ui->packetView;
    TableViewSetup::setUniformRows(table);
    m_ui->detailView->setFont(fixed);
    m_ui->splitter->setStretchFactor(0, 2);
    m_ui->splitter->setStretchFactor(1, 1);

    m_proxy = new PacketFilterProxyModel(this);
    table->setModel(m_proxy);

    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this,
            &PacketInspectorPane::applyTypeFilter);
    connect(m_ui->topicEdit, &QLineEdit::textChanged, m_proxy,
            &PacketFilterProxyModel::setTopicFilter);
    connect(m_ui->idSpin, &QSpinBox::valueChanged, m_proxy, &PacketFilterProxyModel::setPacketId);
    connect(m_ui->hexCheck, &QCheckBox::toggled, this, &PacketInspectorPane::updateDetail);
    connect(m_ui->pairButton, &QPushButton::clicked, this, &PacketInspectorPane::selectPair);
    connect(table, &QTableView::doubleClicked, this, &PacketInspectorPane::selectPair);
    connect(m_ui->clearButton, &QPushButton::clicked, this, [this] {
        if (m_log)
            m_log->clear();
    });
    connect(m_ui->exportButton, &QPushButton::clicked, this, &PacketInspectorPane::exportWithDialog);
    connect(m_ui->traceCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (m_workspace)
            m_workspace->setPacketTracing(on ? Mqtt::PacketTracing::On : Mqtt::PacketTracing::Off);
    });
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PacketInspectorPane::updateDetail);
    // The pair's status and latency change after the row is shown.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &PacketInspectorPane::updateDetail);
    m_statusTimer.setInterval(500);
    connect(&m_statusTimer, &QTimer::timeout, this, &PacketInspectorPane::updateStatus);
    updateDetail();
}

PacketInspectorPane::~PacketInspectorPane() = default;

QTableView *PacketInspectorPane::tableView() const
{
    return m_ui->packetView;
}

ConnectionWorkspace *PacketInspectorPane::workspace() const
{
    return m_workspace;
}

void PacketInspectorPane::setWorkspace(ConnectionWorkspace *workspace)
{
    m_workspace = workspace;
    m_log = workspace->packetLog();
    if (isVisible()) {
        m_proxy->setSourceModel(m_log);
        fitColumns();
    }
    {
        const QSignalBlocker blocker(m_ui->traceCheck);
        m_ui->traceCheck->setChecked(workspace->packetTracing() == Mqtt::PacketTracing::On);
    }
    connect(workspace, &ConnectionWorkspace::packetTracingChanged, this,
            [this](Mqtt::PacketTracing tracing) {
                const QSignalBlocker blocker(m_ui->traceCheck);
                m_ui->traceCheck->setChecked(tracing == Mqtt::PacketTracing::On);
            });
    // Follows the newest packet until one is selected.
    connect(m_log, &PacketLogModel::packetsFlushed, this, [this] {
        updateStatus();
        QTableView *table = m_ui->packetView;
        if (table->currentIndex().isValid())
            return;
        table->scrollToBottom();
    });

    m_statusTimer.start();
    updateStatus();
}

void PacketInspectorPane::fitColumns()
{
    QTableView *table = m_ui->packetView;
    // Widths from the header texts and typical contents, never from measuring every row.
    const auto fit = [table](int column, int characters) {
        TableViewSetup::fitColumn(table, column, characters);
    };
    fit(PacketLogModel::NumberColumn, 5);
    fit(PacketLogModel::TimeColumn, 12);
    fit(PacketLogModel::DirectionColumn, 4);
    fit(PacketLogModel::TypeColumn, 11);
    fit(PacketLogModel::PacketIdColumn, 5);
    fit(PacketLogModel::FlagsColumn, 16);
    fit(PacketLogModel::ReasonColumn, 18);
    fit(PacketLogModel::TopicColumn, 22);
    fit(PacketLogModel::PropertiesColumn, 14);
    fit(PacketLogModel::SizeColumn, 6);
    fit(PacketLogModel::LatencyColumn, 9);
}

void PacketInspectorPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_log && m_proxy->sourceModel() != m_log) {
        m_proxy->setSourceModel(m_log);
        if (m_headerState.isEmpty())
            fitColumns();
        else
            m_ui->packetView->horizontalHeader()->restoreState(m_headerState);
        m_ui->packetView->scrollToBottom();
        updateDetail();
        updateStatus();
    }
}

void PacketInspectorPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (m_proxy->sourceModel())
        m_headerState = m_ui->packetView->horizontalHeader()->saveState();
    m_proxy->setSourceModel(nullptr);
}

void PacketInspectorPane::applyTypeFilter()
{
    const QList<TypeChoice> choices = typeChoices();
    const int index = m_ui->typeCombo->currentIndex();
    m_proxy->setTypes(index >= 0 && index < choices.size() ? choices.at(index).types
                                                           : QList<PacketType>());
}

void PacketInspectorPane::setTypeFilter(int comboIndex)
{
    m_ui->typeCombo->setCurrentIndex(comboIndex);
}

void PacketInspectorPane::setTopicFilter(const QString &text)
{
    m_ui->topicEdit->setText(text);
}

void PacketInspectorPane::setPacketIdFilter(int packetId)
{
    m_ui->idSpin->setValue(packetId);
}

void PacketInspectorPane::setBytesShown(bool shown)
{
    m_ui->hexCheck->setChecked(shown);
}

QString PacketInspectorPane::detailText() const
{
    return m_ui->detailView->toPlainText();
}

int PacketInspectorPane::selectedSourceRow() const
{
    const QModelIndex current = m_ui->packetView->currentIndex();
    if (!current.isValid() || !m_log)
        return -1;
    return m_proxy->mapToSource(current).row();
}

bool PacketInspectorPane::selectPair()
{
    const int row = selectedSourceRow();
    if (row < 0)
        return false;
    const int pairRow = m_log->rowForSequence(m_log->pairAt(row));
    const QModelIndex target =
            pairRow < 0 ? QModelIndex() : m_proxy->mapFromSource(m_log->index(pairRow, 0));
    if (!target.isValid())
        return false;
    m_ui->packetView->setCurrentIndex(target);
    m_ui->packetView->scrollTo(target);
    return true;
}

void PacketInspectorPane::updateDetail()
{
    const int row = selectedSourceRow();
    m_ui->pairButton->setEnabled(row >= 0 && m_log->rowForSequence(m_log->pairAt(row)) >= 0);
    if (row < 0) {
        m_ui->detailView->setPlainText(
                tr("Select a packet to see its fields; double-click it to go to its pair."));
        return;
    }
    const Mqtt::PacketTrace trace = m_log->traceAt(row);
    QStringList lines;
    lines << m_log->index(row, 0).data(PacketLogModel::SummaryRole).toString();
    for (int column = PacketLogModel::FlagsColumn; column < PacketLogModel::ColumnCount; ++column) {
        if (column == PacketLogModel::PropertiesColumn)
            continue; // one line each below
        const QString value = m_log->index(row, column).data().toString();
        if (!value.isEmpty())
            lines << QStringLiteral("%1: %2").arg(
                    m_log->headerData(column, Qt::Horizontal).toString(), value);
    }
    if (trace.type == PacketType::Publish)
        lines << tr("Payload: %1").arg(PayloadFormat::preview(trace.payload(), 200));
    const QList<PayloadFormat::PropertyText> properties =
            PayloadFormat::describeProperties(trace.properties());
    for (const PayloadFormat::PropertyText &property : properties)
        lines << QStringLiteral("%1: %2").arg(property.name, property.value);
    if (trace.direction == Mqtt::PacketDirection::Received) {
        if (const QString problem = trace.decodeProblem(); !problem.isEmpty())
            lines << tr("Refused: %1").arg(problem);
    }
    if (m_ui->hexCheck->isChecked())
        lines << QString() << PayloadFormat::toHexDump(trace.bytes);
    m_ui->detailView->setPlainText(lines.join(QLatin1Char('\n')));
}

void PacketInspectorPane::updateStatus()
{
    if (!m_log)
        return;
    const QString text =
            tr("%Ln packet(s) shown", nullptr, m_proxy->rowCount()) + QStringLiteral(" · ") +
            tr("%L1 recorded").arg(m_log->receivedCount()) + QStringLiteral(" · ") +
            QLocale().formattedDataSize(m_log->bytesHeld(), 1, QLocale::DataSizeTraditionalFormat);
    if (text != m_ui->statusLabel->text())
        m_ui->statusLabel->setText(text);
}

QString PacketInspectorPane::exportTo(const QString &fileName) const
{
    return PacketLogExporter::write(m_proxy, fileName);
}

void PacketInspectorPane::exportWithDialog()
{
    QString fileName = QFileDialog::getSaveFileName(this, tr("Export the packets"), QString(),
                                                    tr("JSON Lines (*.jsonl)"));
    if (fileName.isEmpty())
        return;
    if (QFileInfo(fileName).suffix().isEmpty())
        fileName += QStringLiteral(".jsonl");
    if (const QString problem = exportTo(fileName); !problem.isEmpty())
        QMessageBox::warning(this, tr("Export the packets"), problem);
}
