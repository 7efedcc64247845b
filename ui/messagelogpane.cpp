// SPDX-License-Identifier: Apache-2.0
#include "messagelogpane.h"
#include "ui_messagelogpane.h"

#include "boundeddisplay.h"
#include "diffdialog.h"
#include "messageexporter.h"
#include "messagefilterproxymodel.h"
#include "messagelogmodel.h"
#include "payloadformat.h"
#include "properties.h"
#include "tableviewsetup.h"
#include "theme.h"
#include "topic.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QTableWidget>

#include <algorithm>

MessageLogPane::MessageLogPane(QWidget *parent) : QWidget(parent), m_ui(new Ui::MessageLogPane)
{
    m_ui->setupUi(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->detailView->setPlaceholderText(tr("Select a message to see its payload"));
    m_ui->detailFormatCombo->addItem(tr("Automatic"), QVariant::fromValue(DetailFormat::Automatic));
    m_ui->detailFormatCombo->addItem(tr("Text"), QVariant::fromValue(DetailFormat::Text));
    m_ui->detailFormatCombo->addItem(tr("JSON (pretty)"), QVariant::fromValue(DetailFormat::Json));
    m_ui->detailFormatCombo->addItem(tr("Hex dump"), QVariant::fromValue(DetailFormat::Hex));
    m_ui->detailFormatCombo->addItem(tr("Base64"), QVariant::fromValue(DetailFormat::Base64));
    m_ui->detailFormatCombo->addItem(tr("Decoded tree"), QVariant::fromValue(DetailFormat::Decoded));
    m_decodedView = new DecodedPayloadView;
    m_ui->detailStack->addWidget(m_decodedView);
    m_ui->payloadFilterEdit->setToolTip(
            tr("Shows the messages whose payload, or the value of one of their MQTT 5.0 user "
               "properties, contains this text"));
    Theme::setTextRole(m_ui->filterErrorLabel, Theme::Role::Error);
    m_ui->filterErrorLabel->hide();
    QFont noticeFont = m_ui->detailNoticeLabel->font();
    noticeFont.setItalic(true);
    m_ui->detailNoticeLabel->setFont(noticeFont);
    m_ui->detailNoticeLabel->hide();
    // The detail view gets room for a decoded tree.
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    // 5.0 properties beside the payload, only for messages that carry some.
    QTableWidget *properties = m_ui->propertiesTable;
    properties->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
    properties->horizontalHeader()->setStretchLastSection(true);
    properties->verticalHeader()->hide();
    properties->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    properties->verticalHeader()->setDefaultSectionSize(properties->fontMetrics().height() + 6);
    properties->hide();
    m_ui->detailSplitter->setStretchFactor(0, 3);
    m_ui->detailSplitter->setStretchFactor(1, 2);

    QTableView *table = m_ui->tableView;
    table->setFont(fixed);
    TableViewSetup::setUniformRows(table);
    table->setCornerButtonEnabled(false);
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table, &QWidget::customContextMenuRequested, this, &MessageLogPane::onContextMenu);

    // Space pauses while the log has focus (elsewhere it types a space or presses a button).
    auto *pauseShortcut = new QShortcut(QKeySequence(Qt::Key_Space), table);
    pauseShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(pauseShortcut, &QShortcut::activated, this, &MessageLogPane::togglePaused);

    connect(m_ui->pauseButton, &QPushButton::toggled, this, &MessageLogPane::setPaused);
    connect(m_ui->clearButton, &QPushButton::clicked, this, &MessageLogPane::clear);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &MessageLogPane::exportWithDialog);
    connect(m_ui->followTailCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_ui->tableView->scrollToBottom();
    });
    connect(m_ui->detailFormatCombo, &QComboBox::currentIndexChanged, this,
            &MessageLogPane::updateDetail);
    connect(m_ui->compareButton, &QToolButton::clicked, this, &MessageLogPane::compareWithPrevious);
    connect(m_ui->topicFilterEdit, &QLineEdit::textChanged, this, &MessageLogPane::applyTopicFilter);
    connect(m_ui->payloadFilterEdit, &QLineEdit::textChanged, this,
            &MessageLogPane::applyPayloadFilter);
    connect(m_ui->regexCheck, &QCheckBox::toggled, this, &MessageLogPane::applyPayloadFilter);
    m_pausedCountTimer.setInterval(250);
    connect(&m_pausedCountTimer, &QTimer::timeout, this, &MessageLogPane::updateCounts);
    updateCounts();
}

MessageLogPane::~MessageLogPane() = default;

void MessageLogPane::setModels(MessageLogModel *log, MessageFilterProxyModel *proxy,
                               ConnectionColumn connectionColumn)
{
    m_log = log;
    m_proxy = proxy;
    QTableView *table = m_ui->tableView;
    table->setModel(proxy);
    // Widths from the header texts and typical contents, never from measuring every row.
    const auto fit = [table](int column, int characters) {
        TableViewSetup::fitColumn(table, column, characters);
    };
    fit(MessageLogModel::TimeColumn, 12);
    fit(MessageLogModel::DirectionColumn, 3);
    fit(MessageLogModel::TopicColumn, 26);
    fit(MessageLogModel::QosColumn, 1);
    fit(MessageLogModel::RetainColumn, 1);
    fit(MessageLogModel::DupColumn, 1);
    fit(MessageLogModel::SizeColumn, 8); // "2,666,666": a few MB whole
    fit(MessageLogModel::PropertiesColumn, 2);
    fit(MessageLogModel::ConnectionColumn, 16);
    m_preferredConnectionWidth = table->columnWidth(MessageLogModel::ConnectionColumn);
    m_connectionColumn = connectionColumn;
    placeConnectionColumn();
    // The topic gives up width on narrow windows so that the payload stays in view.
    m_preferredTopicWidth = table->columnWidth(MessageLogModel::TopicColumn);
    table->viewport()->installEventFilter(this);
    connect(table->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int column, int, int newSize) {
                if (m_fittingColumns)
                    return;
                // The user's choice, kept from now on.
                if (column == MessageLogModel::TopicColumn)
                    m_preferredTopicWidth = newSize;
                else if (column == MessageLogModel::ConnectionColumn)
                    m_preferredConnectionWidth = newSize;
            });
    fitTopicColumn();

    // The detail shows the highlighted row. Ctrl with the arrows, Home or End moves the focus
    // alone (to pick rows for Compare selected with Ctrl+Space): the detail stays until the
    // row under the focus is selected too.
    QItemSelectionModel *selection = table->selectionModel();
    connect(selection, &QItemSelectionModel::currentRowChanged, this,
            [this, selection](const QModelIndex &current) {
                if (!current.isValid() || selection->isRowSelected(current.row(), QModelIndex()))
                    onCurrentChanged(current);
            });
    connect(selection, &QItemSelectionModel::selectionChanged, this, [this, selection] {
        const QModelIndex current = selection->currentIndex();
        if (current.isValid() && selection->isRowSelected(current.row(), QModelIndex()) &&
            !(m_hasSelection && m_proxy && m_proxy->sequenceAt(current.row()) == m_selectedSequence))
            onCurrentChanged(current);
    });
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &MessageLogPane::onRowsInserted);
    connect(proxy, &QAbstractItemModel::modelReset, this, &MessageLogPane::restoreSelection);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &MessageLogPane::restoreSelection);
    connect(proxy, &MessageFilterProxyModel::filtersAboutToChange, this,
            &MessageLogPane::holdSelection);
    connect(proxy, &MessageFilterProxyModel::filtersChanged, this,
            &MessageLogPane::releaseSelection);
    connect(log, &MessageLogModel::aboutToTrim, this, &MessageLogPane::holdSelection);
    // After the proxy has followed the removal (it connected to the log first).
    connect(log, &QAbstractItemModel::rowsRemoved, this, &MessageLogPane::releaseSelectionAfterTrim);
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, &MessageLogPane::updateCounts);
    connect(log, &MessageLogModel::countersChanged, this, &MessageLogPane::updateCounts);
    // The broker's answer to a published message arrives after the row.
    connect(log, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int row =
                        (m_log && m_hasSelection) ? m_log->rowForSequence(m_selectedSequence) : -1;
                if (row >= topLeft.row() && row <= bottomRight.row())
                    updateDetail();
            });
    connect(log, &MessageLogModel::pausedChanged, this, [this](bool paused) {
        const QSignalBlocker blocker(m_ui->pauseButton);
        m_ui->pauseButton->setChecked(paused);
        m_ui->pauseButton->setText(paused ? tr("&Resume") : tr("&Pause"));
        if (paused)
            m_pausedCountTimer.start();
        else
            m_pausedCountTimer.stop();
        updateCounts();
        Q_EMIT pausedChanged(paused);
    });
    updateCounts();
}

bool MessageLogPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->tableView->viewport() && event->type() == QEvent::Resize)
        fitTopicColumn();
    return QWidget::eventFilter(watched, event);
}

void MessageLogPane::fitTopicColumn()
{
    QTableView *table = m_ui->tableView;
    if (!m_proxy || m_preferredTopicWidth <= 0)
        return;
    const int available = table->viewport()->width();
    const bool connectionShown = m_connectionColumn == ConnectionColumn::Shown;
    int others = 0;
    for (int column = 0; column < MessageLogModel::ColumnCount; ++column) {
        if (column != MessageLogModel::TopicColumn && column != MessageLogModel::PayloadColumn &&
            column != MessageLogModel::ConnectionColumn && !table->isColumnHidden(column))
            others += table->columnWidth(column);
    }
    // At least a third of the row (a quarter beside a connection column), or 12 characters,
    // for the payload preview.
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int payload = qMax(available / (connectionShown ? 4 : 3), digit * 12);
    const int minimum = digit * 10;
    int room = available - others - payload;
    m_fittingColumns = true;
    if (connectionShown) {
        // The connection's name gives up width with the topic (a third of their room), down
        // to its colour and a few letters.
        const QString title =
                m_proxy->headerData(MessageLogModel::ConnectionColumn, Qt::Horizontal).toString();
        const int least = qMax(
                digit * 9, table->horizontalHeader()->fontMetrics().horizontalAdvance(title) + 14);
        const int connection = qBound(least, room / 3, qMax(least, m_preferredConnectionWidth));
        if (table->columnWidth(MessageLogModel::ConnectionColumn) != connection)
            table->setColumnWidth(MessageLogModel::ConnectionColumn, connection);
        room -= connection;
    }
    const int width = qBound(minimum, room, m_preferredTopicWidth);
    if (table->columnWidth(MessageLogModel::TopicColumn) != width)
        table->setColumnWidth(MessageLogModel::TopicColumn, width);
    m_fittingColumns = false;
}

void MessageLogPane::placeConnectionColumn()
{
    QTableView *table = m_ui->tableView;
    const bool shown = m_connectionColumn == ConnectionColumn::Shown;
    table->setColumnHidden(MessageLogModel::ConnectionColumn, !shown);
    QHeaderView *header = table->horizontalHeader();
    const int visual = header->visualIndex(MessageLogModel::ConnectionColumn);
    if (shown && visual != 1)
        header->moveSection(visual, 1); // beside the time: whose message it is comes first
}

bool MessageLogPane::isPaused() const
{
    return m_log && m_log->isPaused();
}

void MessageLogPane::setPaused(bool paused)
{
    if (!m_log || paused == m_log->isPaused())
        return;
    if (paused)
        m_log->pause();
    else
        m_log->resume();
}

void MessageLogPane::togglePaused()
{
    setPaused(!isPaused());
}

void MessageLogPane::clear()
{
    if (!m_log)
        return;
    m_log->clear();
    m_selectedSequence = 0;
    m_hasSelection = false;
    updateDetail();
    updateCounts();
}

bool MessageLogPane::followsTail() const
{
    return m_ui->followTailCheck->isChecked();
}

void MessageLogPane::setFollowsTail(bool follow)
{
    m_ui->followTailCheck->setChecked(follow);
}

void MessageLogPane::onRowsInserted()
{
    if (followsTail())
        m_ui->tableView->scrollToBottom();
    updateCounts();
}

void MessageLogPane::holdSelection()
{
    m_selectionHeld = true;
}

void MessageLogPane::releaseSelection()
{
    if (!m_selectionHeld)
        return;
    m_selectionHeld = false;
    restoreSelection();
}

void MessageLogPane::releaseSelectionAfterTrim()
{
    if (!m_selectionHeld)
        return;
    m_selectionHeld = false;
    if (!m_hasSelection || !m_proxy)
        return;
    // Trims come with every flush of a full log: redraw the detail only when the selected
    // message itself has left.
    if (m_proxy->rowForSequence(m_selectedSequence) >= 0)
        return;
    if (m_ui->tableView->currentIndex().isValid()) {
        m_selectionHeld = true;
        m_ui->tableView->selectionModel()->clear();
        m_selectionHeld = false;
    }
    if (!m_shownHasLeft)
        updateDetail();
}

void MessageLogPane::onCurrentChanged(const QModelIndex &current)
{
    if (m_selectionHeld)
        return; // the view moved off a row that is leaving; the user chose nothing
    if (current.isValid() && m_proxy) {
        m_selectedSequence = m_proxy->sequenceAt(current.row());
        m_hasSelection = true;
    }
    updateDetail();
}

void MessageLogPane::restoreSelection()
{
    // Filters or a trim moved the rows: put the selection back on the same message if it is
    // still shown, and on no row at all if it is not (never on a neighbour).
    if (m_hasSelection && m_proxy) {
        const int row = m_proxy->rowForSequence(m_selectedSequence);
        const QModelIndex current = m_ui->tableView->currentIndex();
        if (row >= 0 && (!current.isValid() || current.row() != row)) {
            selectRow(row);
        } else if (row < 0 && current.isValid()) {
            m_selectionHeld = true;
            m_ui->tableView->selectionModel()->clear();
            m_selectionHeld = false;
        }
    }
    updateCounts();
    updateDetail();
}

void MessageLogPane::selectRow(int proxyRow)
{
    if (!m_proxy || proxyRow < 0 || proxyRow >= m_proxy->rowCount())
        return;
    const QModelIndex index = m_proxy->index(proxyRow, 0);
    m_ui->tableView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                      QItemSelectionModel::Rows);
    m_ui->tableView->scrollTo(index);
}

MessageLogPane::DetailFormat MessageLogPane::detailFormat() const
{
    return m_ui->detailFormatCombo->currentData().value<DetailFormat>();
}

void MessageLogPane::setDetailFormat(DetailFormat format)
{
    m_ui->detailFormatCombo->setCurrentIndex(
            m_ui->detailFormatCombo->findData(QVariant::fromValue(format)));
}

QString MessageLogPane::detailText() const
{
    return m_ui->detailView->text();
}

QString MessageLogPane::detailHeaderText() const
{
    return m_ui->detailHeaderLabel->text();
}

QString MessageLogPane::detailNoticeText() const
{
    return m_ui->detailNoticeLabel->isHidden() ? QString() : m_ui->detailNoticeLabel->text();
}

void MessageLogPane::updateDetail()
{
    const int sourceRow =
            (m_log && m_hasSelection) ? m_log->rowForSequence(m_selectedSequence) : -1;
    QString notice;
    m_shownHasLeft = sourceRow < 0 && m_hasSelection && m_log;
    if (sourceRow >= 0) {
        m_shown.message = m_log->messageAt(sourceRow);
        m_shown.direction = m_log->directionAt(sourceRow);
        m_shown.timestampMs = m_log->timestampAt(sourceRow);
        m_shown.brokerAnswer = m_log->brokerAnswerAt(sourceRow);
        m_shown.connectionId = m_log->connectionAt(sourceRow);
        m_shown.connection = m_connectionColumn == ConnectionColumn::Shown
                                     ? m_log->connectionName(m_shown.connectionId)
                                     : QString();
        m_shown.kept = m_log->decodedAt(sourceRow);
        if (m_proxy && m_proxy->rowForSequence(m_selectedSequence) < 0)
            notice = tr("The selected message is hidden by the log's filters; it is still shown "
                        "here.");
    } else if (m_hasSelection && m_log) {
        // Trimmed by the log's budget: keep showing it, and say why it is not in the list.
        notice = tr("The selected message has left the log (the oldest messages make room for "
                    "new ones); it is still shown here.");
    } else {
        m_shown = ShownMessage();
        m_ui->detailNoticeLabel->clear();
        m_ui->detailNoticeLabel->hide();
        m_ui->detailHeaderLabel->clear();
        m_ui->detailView->clear();
        m_decodedView->clear();
        m_ui->detailStack->setCurrentWidget(m_ui->detailView);
        m_ui->compareButton->setEnabled(false);
        updateProperties(Mqtt::Properties());
        return;
    }
    m_ui->detailNoticeLabel->setText(notice);
    m_ui->detailNoticeLabel->setVisible(!notice.isEmpty());
    m_ui->compareButton->setEnabled(sourceRow >= 0 && !m_log->isEventAt(sourceRow) &&
                                    m_log->previousRowOnTopic(sourceRow) >= 0);
    showDetail(m_shown);
}

void MessageLogPane::showDetail(const ShownMessage &shown)
{
    const Mqtt::Message &message = shown.message;
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(shown.timestampMs);
    if (shown.direction == MessageLogModel::Direction::Event) {
        m_ui->detailHeaderLabel->setText(
                tr("Connection event · %1")
                        .arg(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))));
        m_ui->detailHeaderLabel->setToolTip(QString());
        m_ui->detailView->setText(QString::fromUtf8(message.payload));
        m_ui->detailStack->setCurrentWidget(m_ui->detailView);
        updateProperties(Mqtt::Properties());
        return;
    }
    const bool outgoing = shown.direction == MessageLogModel::Direction::Outgoing;
    QStringList facts;
    // In a log of several connections: "Received on Bridge east".
    const QString direction = outgoing ? tr("Sent") : tr("Received");
    facts << (shown.connection.isEmpty()
                      ? direction
                      : tr("%1 on %2", "direction on connection").arg(direction, shown.connection))
          << time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) << message.topic
          << tr("QoS %1").arg(int(message.qos));
    if (message.retain)
        facts << tr("retained");
    if (message.dup)
        facts << tr("duplicate");
    facts << tr("%Ln byte(s)", nullptr, int(message.payload.size()));
    if (!shown.brokerAnswer.isEmpty())
        facts << tr("broker: %1").arg(shown.brokerAnswer);
    m_ui->detailHeaderLabel->setText(facts.join(QStringLiteral(" · ")));
    m_ui->detailHeaderLabel->setToolTip(message.topic);

    updateProperties(message.properties);
    if (showDecoded(shown))
        return;
    m_decodedView->clear(); // a decoding under way is dropped, a big tree freed
    m_ui->detailStack->setCurrentWidget(m_ui->detailView);
    std::optional<PayloadFormat::Format> format; // sniffed
    switch (detailFormat()) {
    case DetailFormat::Automatic:
    case DetailFormat::Decoded: // without a decoder to ask
        break;
    case DetailFormat::Text:
        format = PayloadFormat::Format::Text;
        break;
    case DetailFormat::Json:
        format = PayloadFormat::Format::Json;
        break;
    case DetailFormat::Hex:
        format = PayloadFormat::Format::Hex;
        break;
    case DetailFormat::Base64:
        format = PayloadFormat::Format::Base64;
        break;
    }
    // Plain text only: topics and payloads are never interpreted as markup. A big payload is
    // formatted off the UI thread and shown in part first.
    m_ui->detailView->setPayload(message.payload, format);
}

bool MessageLogPane::showDecoded(const ShownMessage &shown)
{
    const DetailFormat format = detailFormat();
    if (!m_decoding || (format != DetailFormat::Automatic && format != DetailFormat::Decoded))
        return false;
    // Only the selected message is decoded, and only when shown; a big one off the UI thread.
    const ShownDecoding decoding =
            m_decoding(shown.connectionId, shown.message.topic, shown.message.payload, shown.kept);
    if (!decoding.result && !decoding.isPending())
        return false;
    // A big payload is not guessed: without a rule it shows as text, JSON or hex unless asked
    // for the tree (or kept decoded on arrival).
    if (format == DetailFormat::Automatic && decoding.isPending() && !decoding.rule)
        return false;
    if (format == DetailFormat::Automatic && !decoding.rule && decoding.result) {
        // A guess of text or JSON reads best in the text view, as before rules existed.
        switch (decoding.result->decoder) {
        case Payload::Decoder::Cbor:
        case Payload::Decoder::MessagePack:
        case Payload::Decoder::Sparkplug:
        case Payload::Decoder::Protobuf:
            break;
        default:
            return false;
        }
    }
    m_decodedView->setDecoding(decoding);
    m_ui->detailStack->setCurrentWidget(m_decodedView);
    return true;
}

void MessageLogPane::setPayloadDecoding(const PayloadDecoding &decoding)
{
    m_decoding = decoding;
    refreshDecoding();
}

void MessageLogPane::refreshDecoding()
{
    if (m_hasSelection)
        updateDetail();
}

PayloadTextView *MessageLogPane::payloadTextView() const
{
    return m_ui->detailView;
}

bool MessageLogPane::isDecodedShown() const
{
    return m_ui->detailStack->currentWidget() == m_decodedView;
}

void MessageLogPane::onContextMenu(const QPoint &position)
{
    const QModelIndex index = m_ui->tableView->indexAt(position);
    if (!index.isValid() || !m_proxy)
        return;
    const QModelIndex source = m_proxy->mapToSource(index);
    if (m_log->isEventAt(source.row()))
        return;
    const QString topic = m_log->topicAt(source.row());
    const quint16 connection = m_log->connectionAt(source.row());
    QMenu menu;
    const int row = source.row();
    QAction *previous = menu.addAction(tr("Compare with previous on this topic"), this,
                                       [this, row] { compareRowWithPrevious(row); });
    previous->setEnabled(m_log->previousRowOnTopic(row) >= 0);
    QAction *selected =
            menu.addAction(tr("Compare selected"), this, &MessageLogPane::compareSelected);
    selected->setEnabled(selectedPair().size() == 2);
    if (m_decoding) {
        menu.addSeparator();
        menu.addAction(tr("&Decode as…"), this,
                       [this, connection, topic] { Q_EMIT decodeAsRequested(connection, topic); });
    }
    menu.exec(m_ui->tableView->viewport()->mapToGlobal(position));
}

int MessageLogPane::selectedSourceRow() const
{
    return (m_log && m_hasSelection) ? m_log->rowForSequence(m_selectedSequence) : -1;
}

QList<int> MessageLogPane::selectedPair() const
{
    QList<int> rows;
    if (!m_proxy)
        return rows;
    const QModelIndexList selected = m_ui->tableView->selectionModel()->selectedRows();
    if (selected.size() != 2)
        return rows;
    for (const QModelIndex &index : selected) {
        const int row = m_proxy->mapToSource(index).row();
        if (m_log->isEventAt(row))
            return {};
        rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

DiffDialog *MessageLogPane::compareWithPrevious()
{
    return compareRowWithPrevious(selectedSourceRow());
}

DiffDialog *MessageLogPane::compareRowWithPrevious(int sourceRow)
{
    if (!m_log || sourceRow < 0 || m_log->isEventAt(sourceRow))
        return nullptr;
    const int previous = m_log->previousRowOnTopic(sourceRow);
    if (previous < 0)
        return nullptr;
    return DiffDialog::compareRows(m_log, previous, sourceRow, m_decoding, this);
}

DiffDialog *MessageLogPane::compareSelected()
{
    const QList<int> rows = selectedPair();
    if (rows.size() != 2)
        return nullptr;
    return DiffDialog::compareRows(m_log, rows.at(0), rows.at(1), m_decoding, this);
}

void MessageLogPane::updateProperties(const Mqtt::Properties &properties)
{
    QTableWidget *table = m_ui->propertiesTable;
    const QList<PayloadFormat::PropertyText> lines = PayloadFormat::describeProperties(properties);
    table->setRowCount(int(lines.size()));
    for (int row = 0; row < lines.size(); ++row) {
        auto *name = new QTableWidgetItem(lines.at(row).name);
        auto *value = new QTableWidgetItem(lines.at(row).value);
        value->setToolTip(lines.at(row).value);
        table->setItem(row, 0, name);
        table->setItem(row, 1, value);
    }
    if (!lines.isEmpty())
        table->resizeColumnToContents(0); // a handful of rows: cheap
    table->setVisible(!lines.isEmpty());
}

QString MessageLogPane::propertiesText() const
{
    const QTableWidget *table = m_ui->propertiesTable;
    QStringList lines;
    for (int row = 0; row < table->rowCount(); ++row)
        lines << table->item(row, 0)->text() + QStringLiteral(": ") + table->item(row, 1)->text();
    return lines.join(QLatin1Char('\n'));
}

void MessageLogPane::updateCounts()
{
    if (!m_log || !m_proxy) {
        m_ui->countLabel->clear();
        return;
    }
    const QLocale locale;
    QString text =
            tr("Showing %1 of %2")
                    .arg(locale.toString(m_proxy->rowCount()), locale.toString(m_log->rowCount()));
    if (m_log->isPaused() || m_log->heldCount() > 0)
        text += QStringLiteral(" · ") + tr("held %1").arg(locale.toString(m_log->heldCount()));
    if (m_log->droppedCount() > 0)
        text += QStringLiteral(" · ") +
                tr("dropped %1").arg(locale.toString(m_log->droppedCount()));
    m_ui->countLabel->setText(text);
}

void MessageLogPane::showFilterError(const QString &text)
{
    m_ui->filterErrorLabel->setText(text);
    m_ui->filterErrorLabel->setVisible(!text.isEmpty());
}

void MessageLogPane::setTopicFilter(const QString &filter)
{
    m_ui->topicFilterEdit->setText(filter);
}

QString MessageLogPane::topicFilter() const
{
    return m_ui->topicFilterEdit->text().trimmed();
}

void MessageLogPane::applyTopicFilter()
{
    if (!m_proxy)
        return;
    const QString filter = m_ui->topicFilterEdit->text().trimmed();
    if (!filter.isEmpty()) {
        if (const Mqtt::Error error = Mqtt::validateTopicFilter(filter)) {
            showFilterError(error.text);
            return;
        }
    }
    m_proxy->setTopicFilter(filter);
    applyPayloadFilter();
}

void MessageLogPane::applyPayloadFilter()
{
    if (!m_proxy)
        return;
    const auto mode = m_ui->regexCheck->isChecked()
                              ? MessageFilterProxyModel::PayloadFilterMode::RegularExpression
                              : MessageFilterProxyModel::PayloadFilterMode::PlainText;
    m_proxy->setPayloadFilter(m_ui->payloadFilterEdit->text(), mode);
    const QString topicFilter = m_ui->topicFilterEdit->text().trimmed();
    const Mqtt::Error topicError =
            topicFilter.isEmpty() ? Mqtt::Error() : Mqtt::validateTopicFilter(topicFilter);
    showFilterError(topicError ? topicError.text : m_proxy->payloadFilterError());
}

void MessageLogPane::exportWithDialog()
{
    if (!m_proxy)
        return;
    const QString jsonLines = tr("JSON Lines (*.jsonl)");
    const QString csv = tr("CSV (*.csv)");
    QString selectedFilter = jsonLines;
    QString fileName =
            QFileDialog::getSaveFileName(this, tr("Export the log"), QString(),
                                         jsonLines + QStringLiteral(";;") + csv, &selectedFilter);
    if (fileName.isEmpty())
        return;
    const bool isCsv = selectedFilter == csv || fileName.endsWith(QLatin1String(".csv"));
    if (QFileInfo(fileName).suffix().isEmpty())
        fileName += isCsv ? QStringLiteral(".csv") : QStringLiteral(".jsonl");
    QString error;
    if (!exportTo(fileName, isCsv ? ExportFormat::Csv : ExportFormat::JsonLines, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

bool MessageLogPane::exportTo(const QString &fileName, ExportFormat format, QString *error)
{
    if (!m_proxy) {
        if (error)
            *error = tr("There is no log to export");
        return false;
    }
    // Payloads a rule decodes (or kept decoded on arrival) are exported decoded as well.
    MessageExporter::DecodedJson decoded;
    if (m_decoding) {
        decoded = [this](const QModelIndex &index) {
            const int row = m_proxy->mapToSource(index).row();
            const MessageLogModel::DecodedPayload kept = m_log->decodedAt(row);
            const ShownDecoding decoding = m_decoding(m_log->connectionAt(row), m_log->topicAt(row),
                                                      m_log->payloadAt(row), kept);
            if ((!decoding.result && !decoding.isPending()) || (!decoding.rule && !kept))
                return QByteArray();
            return decoding.decodeNow()->toJsonLine();
        };
    }
    const QString problem = MessageExporter::exportMessages(
            m_proxy, fileName,
            format == ExportFormat::Csv ? MessageExporter::Format::Csv
                                        : MessageExporter::Format::JsonLines,
            decoded);
    if (error)
        *error = problem;
    return problem.isEmpty();
}

void MessageLogPane::saveState(const QString &settingsGroup) const
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    settings.setValue(QStringLiteral("splitter"), m_ui->splitter->saveState());
    // "header3": the Connection column came; a state saved before it would misplace the
    // columns.
    settings.setValue(QStringLiteral("header3"), m_ui->tableView->horizontalHeader()->saveState());
    // The width the user gave the topic column, which a narrow window may have reduced.
    settings.setValue(QStringLiteral("topicWidth"), m_preferredTopicWidth);
    settings.setValue(QStringLiteral("detailSplitter"), m_ui->detailSplitter->saveState());
    settings.setValue(QStringLiteral("followTail"), followsTail());
    settings.setValue(QStringLiteral("detailFormat"), m_ui->detailFormatCombo->currentIndex());
}

void MessageLogPane::restoreState(const QString &settingsGroup)
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    m_ui->splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    if (m_proxy) {
        m_fittingColumns = true;
        m_ui->tableView->horizontalHeader()->restoreState(
                settings.value(QStringLiteral("header3")).toByteArray());
        placeConnectionColumn();
        m_fittingColumns = false;
        m_preferredTopicWidth =
                settings.value(QStringLiteral("topicWidth"), m_preferredTopicWidth).toInt();
        fitTopicColumn();
    }
    m_ui->detailSplitter->restoreState(
            settings.value(QStringLiteral("detailSplitter")).toByteArray());
    setFollowsTail(settings.value(QStringLiteral("followTail"), true).toBool());
    const int detail = settings.value(QStringLiteral("detailFormat"), 0).toInt();
    if (detail >= 0 && detail < m_ui->detailFormatCombo->count())
        m_ui->detailFormatCombo->setCurrentIndex(detail);
}
