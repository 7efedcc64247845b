// SPDX-License-Identifier: Apache-2.0
#include "toptalkerspane.h"
#include "ui_toptalkerspane.h"

#include "tableviewsetup.h"

#include <QHeaderView>
#include <QLocale>

using Window = TopTalkersModel::Window;
using Kind = TopTalkersModel::Kind;

TopTalkersPane::TopTalkersPane(QWidget *parent) : QWidget(parent), m_ui(new Ui::TopTalkersPane)
{
    m_ui->setupUi(this);
    m_ui->windowCombo->addItem(tr("1 second"), QVariant::fromValue(Window::OneSecond));
    m_ui->windowCombo->addItem(tr("10 seconds"), QVariant::fromValue(Window::TenSeconds));
    m_ui->windowCombo->addItem(tr("1 minute"), QVariant::fromValue(Window::OneMinute));
    m_ui->windowCombo->setCurrentIndex(1);
    m_ui->windowCombo->setToolTip(tr("The sliding window the rates are counted over"));
    m_ui->topicsRadio->setToolTip(tr("One row per topic"));
    m_ui->subtreesRadio->setToolTip(
            tr("One row per topic level with everything below it, such as sensors/kitchen/#"));
    m_ui->showAllButton->setToolTip(
            tr("Undo the narrowing: the log and the topic tree show every topic again"));
    m_ui->showAllButton->setEnabled(false);
    m_ui->tableView->setToolTip(
            tr("Click a row to narrow the message log and the topic tree to it"));
    connect(m_ui->windowCombo, &QComboBox::activated, this,
            [this](int item) { setWindow(m_ui->windowCombo->itemData(item).value<Window>()); });
    connect(m_ui->topicsRadio, &QRadioButton::toggled, this,
            [this](bool topics) { setKind(topics ? Kind::Topics : Kind::Subtrees); });
    connect(m_ui->showAllButton, &QPushButton::clicked, this, &TopTalkersPane::showAll);
    const auto choose = [this](const QModelIndex &index) { chooseRow(index.row()); };
    connect(m_ui->tableView, &QTableView::clicked, this, choose);
    connect(m_ui->tableView, &QTableView::activated, this, choose);
}

TopTalkersPane::~TopTalkersPane() = default;

QTableView *TopTalkersPane::tableView() const
{
    return m_ui->tableView;
}

void TopTalkersPane::setModel(TopTalkersModel *model)
{
    if (model == m_model)
        return;
    disconnect(m_refreshedConnection);
    m_model = model;
    QTableView *table = m_ui->tableView;
    QItemSelectionModel *previous = table->selectionModel();
    table->setModel(model);
    delete previous; // the view does not delete it
    if (!model) {
        updateTotals();
        return;
    }
    applySettings();
    m_refreshedConnection =
            connect(model, &TopTalkersModel::refreshed, this, &TopTalkersPane::updateTotals);
    TableViewSetup::setUniformRows(table);
    QHeaderView *header = table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(TopTalkersModel::NameColumn, QHeaderView::Stretch);
    TableViewSetup::fitColumn(table, TopTalkersModel::MessageRateColumn, 9);
    TableViewSetup::fitColumn(table, TopTalkersModel::ByteRateColumn, 11);
    TableViewSetup::fitColumn(table, TopTalkersModel::ShareColumn, 7);
    if (!table->isSortingEnabled()) {
        // Enabling sorts by the indicator: the model's own order first (messages/s, largest
        // first); later models take the indicator's (applySettings()).
        header->setSortIndicator(model->sortColumn(), model->sortOrder());
        table->setSortingEnabled(true);
    }
    updateTotals();
}

void TopTalkersPane::applySettings()
{
    if (!m_model)
        return;
    m_model->setWindow(m_window);
    m_model->setKind(m_kind);
    const QHeaderView *header = m_ui->tableView->horizontalHeader();
    if (m_ui->tableView->isSortingEnabled())
        m_model->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void TopTalkersPane::setWindow(Window window)
{
    m_window = window;
    m_ui->windowCombo->setCurrentIndex(m_ui->windowCombo->findData(QVariant::fromValue(window)));
    if (m_model)
        m_model->setWindow(window);
    updateTotals();
}

void TopTalkersPane::setKind(Kind kind)
{
    m_kind = kind;
    {
        const QSignalBlocker blocker(m_ui->topicsRadio);
        m_ui->topicsRadio->setChecked(kind == Kind::Topics);
        m_ui->subtreesRadio->setChecked(kind == Kind::Subtrees);
    }
    if (m_model)
        m_model->setKind(kind);
}

void TopTalkersPane::chooseRow(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    m_narrowedTo = m_model->index(row, 0).data(TopTalkersModel::FilterRole).toString();
    m_ui->tableView->selectRow(row);
    m_ui->showAllButton->setEnabled(true);
    m_ui->showAllButton->setText(tr("Show &all topics (now: %1)").arg(m_narrowedTo));
    Q_EMIT filterChosen(m_narrowedTo);
}

void TopTalkersPane::showAll()
{
    m_narrowedTo.clear();
    m_ui->tableView->clearSelection();
    m_ui->showAllButton->setEnabled(false);
    m_ui->showAllButton->setText(tr("Show &all topics"));
    Q_EMIT showAllRequested();
}

QString TopTalkersPane::totalsText() const
{
    return m_ui->totalsLabel->text();
}

void TopTalkersPane::updateTotals()
{
    if (!m_model) {
        m_ui->totalsLabel->clear();
        return;
    }
    const QLocale locale;
    const double rate = m_model->totalMessageRate();
    m_ui->totalsLabel->setText(
            tr("In all: %1 messages/s, %2/s; %Ln topic(s) tracked", nullptr,
               m_model->trackedTopicCount())
                    .arg(locale.toString(rate, 'f', rate < 10 ? 1 : 0),
                         locale.formattedDataSize(qint64(m_model->totalByteRate() + 0.5))));
}
