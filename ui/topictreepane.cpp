// SPDX-License-Identifier: Apache-2.0
#include "topictreepane.h"
#include "ui_topictreepane.h"

#include "topicdetailpane.h"
#include "topictreemodel.h"
#include "topictreeproxymodel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QStyledItemDelegate>

namespace {
constexpr int HighlightRepaintInterval = 200; // ms between repaints while tints fade
constexpr double HighlightStrength = 0.28; // share of the highlight colour, when just changed
constexpr int MaximumExpandedBySearch = 2000; // nodes opened to show the matches
} // namespace

// Tints a row whose subtree changed in the last HighlightDuration, fading out. It reads one
// number per painted cell (the node's last update), so its cost follows the rows on screen,
// not the message rate.
class TopicTreePane::HighlightDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    bool enabled = true;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (!enabled)
            return;
        const qint64 lastSeen = index.data(TopicTreeModel::LastSeenRole).toLongLong();
        const qint64 age = QDateTime::currentMSecsSinceEpoch() - lastSeen;
        if (lastSeen == 0 || age < 0 || age >= HighlightDuration)
            return;
        // Blended here into an opaque colour: filling with it costs less than an alpha blend
        // per cell.
        const QColor base = option->palette.color(
                option->features.testFlag(QStyleOptionViewItem::Alternate) ? QPalette::AlternateBase
                                                                           : QPalette::Base);
        const QColor accent = option->palette.color(QPalette::Highlight);
        const double weight =
                HighlightStrength * double(HighlightDuration - age) / HighlightDuration;
        const auto mix = [weight](int from, int to) {
            return int(from + (to - from) * weight + 0.5);
        };
        option->backgroundBrush =
                QColor::fromRgb(mix(base.red(), accent.red()), mix(base.green(), accent.green()),
                                mix(base.blue(), accent.blue()));
    }
};

TopicTreePane::TopicTreePane(QWidget *parent)
    : QWidget(parent), m_ui(new Ui::TopicTreePane), m_proxy(new TopicTreeProxyModel(this))
{
    m_ui->setupUi(this);
    m_delegate = new HighlightDelegate(m_ui->treeView);
    m_ui->treeView->setItemDelegate(m_delegate);
    m_ui->legendLabel->setText(tr("Bold: the broker holds a retained message · Tinted: changed "
                                  "in the last second"));
    m_ui->legendLabel->setToolTip(
            tr("Rows keep their place while messages arrive; choose the sort again (or click "
               "the column title) to sort with the values of now."));
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->splitter->setSizes({600, 400}); // in proportion, until the user moves it
    // Each sort with the order one wants first: names A to Z, numbers largest first.
    const QList<std::pair<QString, int>> sorts = {
            {tr("Name"), TopicTreeModel::NameColumn},
            {tr("Messages"), TopicTreeModel::MessageCountColumn},
            {tr("Subtopics"), TopicTreeModel::TopicCountColumn},
            {tr("Messages/s"), TopicTreeModel::RateColumn},
            {tr("Last update"), TopicTreeModel::LastSeenColumn},
    };
    for (const auto &[label, column] : sorts)
        m_ui->sortCombo->addItem(tr("Sort: %1").arg(label), column);
    connect(m_ui->sortCombo, &QComboBox::activated, this, [this](int item) {
        const int column = m_ui->sortCombo->itemData(item).toInt();
        m_ui->treeView->sortByColumn(column, column == TopicTreeModel::NameColumn
                                                     ? Qt::AscendingOrder
                                                     : Qt::DescendingOrder);
        m_proxy->resort(); // the same choice again sorts with the values of now
    });

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(SearchDelay);
    connect(&m_searchTimer, &QTimer::timeout, this, &TopicTreePane::applySearch);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(m_ui->searchEdit, &QLineEdit::returnPressed, this, &TopicTreePane::applySearch);
    m_highlightTimer.setInterval(HighlightRepaintInterval);
    connect(&m_highlightTimer, &QTimer::timeout, this, &TopicTreePane::updateHighlights);

    connect(m_ui->findRetainedButton, &QPushButton::clicked, this,
            [this] { Q_EMIT findRetainedRequested(selectedTopic()); });
    connect(m_ui->clearRetainedButton, &QPushButton::clicked, this,
            [this] { Q_EMIT clearRetainedBelowRequested(selectedTopic()); });
    connect(m_ui->treeView, &QWidget::customContextMenuRequested, this,
            &TopicTreePane::onContextMenu);
    m_ui->statusLabel->hide();
    updateButtons();
}

TopicTreePane::~TopicTreePane() = default;

TopicDetailPane *TopicTreePane::detailPane() const
{
    return m_ui->detailPane;
}

QTreeView *TopicTreePane::treeView() const
{
    return m_ui->treeView;
}

void TopicTreePane::setTopicTree(TopicTreeModel *tree)
{
    m_tree = tree;
    m_proxy->setTopicTree(tree);
    m_ui->detailPane->setTopicTree(tree);
    QTreeView *view = m_ui->treeView;
    view->setModel(m_proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(TopicTreeModel::NameColumn, Qt::AscendingOrder);
    QHeaderView *header = view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(TopicTreeModel::LastPayloadColumn, QHeaderView::Stretch);
    header->setToolTip(tr("Click a column title to sort by it (names in natural order: line2 "
                          "before line10); rows keep their place while messages arrive until "
                          "you click again"));
    const int digit = view->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    view->setColumnWidth(TopicTreeModel::NameColumn, digit * 22);
    view->setColumnWidth(TopicTreeModel::MessageCountColumn, digit * 8);
    view->setColumnWidth(TopicTreeModel::RateColumn, digit * 7);
    // The details beside the tree say these; the sort box still sorts by them.
    view->hideColumn(TopicTreeModel::TopicCountColumn);
    view->hideColumn(TopicTreeModel::LastSeenColumn);
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int column) {
        const QSignalBlocker blocker(m_ui->sortCombo);
        m_ui->sortCombo->setCurrentIndex(m_ui->sortCombo->findData(column));
    });
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TopicTreePane::onCurrentChanged);
    connect(tree, &TopicTreeModel::flushed, this, &TopicTreePane::onTreeFlushed);
    // New top-level topics show their first level opened, which is what one looks at first.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (parent.isValid())
                    return;
                for (int row = first; row <= last; ++row)
                    m_ui->treeView->expand(m_proxy->index(row, 0));
            });
}

void TopicTreePane::setSearchText(const QString &text)
{
    {
        const QSignalBlocker blocker(m_ui->searchEdit);
        m_ui->searchEdit->setText(text);
    }
    applySearch();
}

void TopicTreePane::applySearch()
{
    m_searchTimer.stop();
    const QString text = m_ui->searchEdit->text();
    m_proxy->setSearchText(text);
    if (m_proxy->searchText().isEmpty()) {
        m_ui->matchLabel->clear();
        return;
    }
    const int matches = m_proxy->matchCount();
    m_ui->matchLabel->setText(m_proxy->searchMode() == TopicTreeProxyModel::SearchMode::Wildcard
                                      ? tr("%Ln topic(s) match the filter", nullptr, matches)
                                      : tr("%Ln topic(s) contain the text", nullptr, matches));
    expandMatches();
}

void TopicTreePane::expandMatches()
{
    // Open the branches down to the matches, breadth first, within a bound for huge trees.
    QList<QModelIndex> queue{QModelIndex()};
    int opened = 0;
    while (!queue.isEmpty() && opened < MaximumExpandedBySearch) {
        const QModelIndex parent = queue.takeFirst();
        const int rows = m_proxy->rowCount(parent);
        for (int row = 0; row < rows && opened < MaximumExpandedBySearch; ++row) {
            const QModelIndex index = m_proxy->index(row, 0, parent);
            if (m_proxy->hasChildren(index)) {
                m_ui->treeView->expand(index);
                ++opened;
                queue.append(index);
            }
        }
    }
}

void TopicTreePane::selectTopic(const QString &topic)
{
    const QModelIndex index = m_proxy->indexForTopic(topic);
    if (!index.isValid())
        return;
    m_ui->treeView->scrollTo(index);
    m_ui->treeView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                     QItemSelectionModel::Rows);
}

QString TopicTreePane::selectedTopic() const
{
    const QModelIndex current = m_ui->treeView->currentIndex();
    return current.isValid() ? m_proxy->topicForIndex(current) : QString();
}

void TopicTreePane::onCurrentChanged(const QModelIndex &current)
{
    const QString topic = current.isValid() ? m_proxy->topicForIndex(current) : QString();
    m_ui->detailPane->setTopic(topic);
    m_ui->findRetainedButton->setToolTip(
            topic.isEmpty() ? tr("Subscribe to the whole broker for a moment and mark every "
                                 "topic that holds a retained message")
                            : tr("Subscribe to \"%1\" and below for a moment and mark every "
                                 "topic that holds a retained message")
                                      .arg(topic));
    updateButtons();
    Q_EMIT topicSelected(topic);
}

void TopicTreePane::updateButtons()
{
    const QModelIndex current = m_ui->treeView->currentIndex();
    const int retained = current.isValid() ? current.data(TopicTreeModel::RetainedCountRole).toInt()
                                           : (m_tree ? m_tree->retainedTopicCount() : 0);
    m_ui->clearRetainedButton->setEnabled(retained > 0);
    const QString topic = selectedTopic();
    m_ui->clearRetainedButton->setToolTip(
            topic.isEmpty()
                    ? tr("List the %Ln topic(s) known to hold a retained message, then clear them",
                         nullptr, retained)
                    : tr("List the %Ln topic(s) at and below \"%1\" known to hold a retained "
                         "message, then clear them",
                         nullptr, retained)
                              .arg(topic));
}

void TopicTreePane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    onTreeFlushed(); // what arrived while the pane was hidden
}

void TopicTreePane::onTreeFlushed()
{
    // Hidden (the log layout): nothing to show, nothing to spend.
    if (!isVisible())
        return;
    m_ui->detailPane->refresh();
    updateButtons();
    if (m_highlight == Highlight::Off)
        return;
    m_lastChangeMs = QDateTime::currentMSecsSinceEpoch();
    if (!m_highlightTimer.isActive())
        m_highlightTimer.start();
}

void TopicTreePane::updateHighlights()
{
    // The tints fade with the time: repaint what is on screen, until the last one is gone.
    m_ui->treeView->viewport()->update();
    if (QDateTime::currentMSecsSinceEpoch() - m_lastChangeMs > HighlightDuration)
        m_highlightTimer.stop();
}

void TopicTreePane::setHighlight(Highlight highlight)
{
    m_highlight = highlight;
    m_delegate->enabled = highlight == Highlight::On;
    if (highlight == Highlight::Off)
        m_highlightTimer.stop();
    m_ui->treeView->viewport()->update();
}

void TopicTreePane::showStatus(const QString &text)
{
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setVisible(!text.isEmpty());
}

QString TopicTreePane::statusText() const
{
    return m_ui->statusLabel->text();
}

void TopicTreePane::onContextMenu(const QPoint &position)
{
    const QModelIndex index = m_ui->treeView->indexAt(position);
    if (!index.isValid())
        return;
    const QString topic = m_proxy->topicForIndex(index);
    const int retainedBelow = index.data(TopicTreeModel::RetainedCountRole).toInt();

    QMenu menu(this);
    QAction *find = menu.addAction(tr("Find retained messages below \"%1\"").arg(topic));
    QAction *clearTopic = menu.addAction(tr("Clear retained message on \"%1\"").arg(topic));
    clearTopic->setEnabled(index.data(TopicTreeModel::RetainedRole).toBool());
    QAction *clearBelow = menu.addAction(
            tr("Clear retained messages below \"%1\" (%2)…").arg(topic).arg(retainedBelow));
    clearBelow->setEnabled(retainedBelow > 0);
    menu.addSeparator();
    QAction *publish = menu.addAction(tr("Use in the publish composer"));
    QAction *decodeAs = menu.addAction(tr("Decode as…"));
    decodeAs->setEnabled(index.data(TopicTreeModel::IsTopicRole).toBool());
    QAction *chart = menu.addAction(tr("Chart this…"));
    chart->setEnabled(index.data(TopicTreeModel::IsTopicRole).toBool());

    QAction *chosen = menu.exec(m_ui->treeView->viewport()->mapToGlobal(position));
    if (chosen == find)
        Q_EMIT findRetainedRequested(topic);
    else if (chosen == clearTopic)
        Q_EMIT clearRetainedRequested(topic);
    else if (chosen == clearBelow)
        Q_EMIT clearRetainedBelowRequested(topic);
    else if (chosen == publish)
        Q_EMIT topicChosenForPublishing(topic);
    else if (chosen == decodeAs)
        Q_EMIT decodeAsRequested(topic);
    else if (chosen == chart)
        Q_EMIT chartRequested(topic);
}

void TopicTreePane::saveState(const QString &settingsGroup) const
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    settings.setValue(QStringLiteral("splitter"), m_ui->splitter->saveState());
}

void TopicTreePane::restoreState(const QString &settingsGroup)
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    m_ui->splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
}
