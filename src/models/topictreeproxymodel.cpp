// SPDX-License-Identifier: Apache-2.0
#include "topictreeproxymodel.h"

#include "topic.h"
#include "topictreemodel.h"

#include <functional>

TopicTreeProxyModel::TopicTreeProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    // The C locale collates by code points and ignores the numeric mode: natural order needs a
    // real locale, and English is as good as any for topic names.
    if (m_collator.locale().language() == QLocale::C)
        m_collator.setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    // New rows are placed by the sort and checked by the search as they arrive; rows that
    // change keep their frozen sort values, so they do not move.
    setDynamicSortFilter(true);
    setRecursiveFilteringEnabled(false); // subtreeMatches() does it, with a memory
}

TopicTreeProxyModel::~TopicTreeProxyModel() = default;

void TopicTreeProxyModel::setTopicTree(TopicTreeModel *tree)
{
    if (m_tree)
        m_tree->disconnect(this);
    forgetAll();
    m_tree = tree;
    setSourceModel(tree);
    if (!tree)
        return;
    connect(tree, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &parent) { forgetAncestors(parent); });
    connect(tree, &QAbstractItemModel::modelAboutToBeReset, this, &TopicTreeProxyModel::forgetAll);
}

void TopicTreeProxyModel::forgetAll()
{
    m_subtreeMatches.clear();
    m_nameKeys.clear();
    m_sortValues.clear();
}

void TopicTreeProxyModel::forgetAncestors(const QModelIndex &sourceParent)
{
    // A new topic below may match: the verdict of every ancestor is open again. The tree
    // announces those ancestors with dataChanged() in the same flush, and the proxy then asks
    // again (so a hidden branch that now holds a match appears).
    for (QModelIndex index = sourceParent; index.isValid(); index = index.parent())
        m_subtreeMatches.remove(index.internalPointer());
}

void TopicTreeProxyModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    m_searchText = trimmed;
    m_searchMode = trimmed.contains(QLatin1Char('+')) || trimmed.contains(QLatin1Char('#'))
                           ? SearchMode::Wildcard
                           : SearchMode::Substring;
    m_subtreeMatches.clear();
    invalidateRowsFilter();
    Q_EMIT searchTextChanged(m_searchText);
}

bool TopicTreeProxyModel::matchesSearch(const QString &topic) const
{
    if (m_searchText.isEmpty())
        return true;
    if (m_searchMode == SearchMode::Wildcard)
        return Mqtt::topicMatches(m_searchText, topic);
    return topic.contains(m_searchText, Qt::CaseInsensitive);
}

bool TopicTreeProxyModel::subtreeMatches(const QModelIndex &sourceIndex) const
{
    const void *key = sourceIndex.internalPointer();
    const auto known = m_subtreeMatches.constFind(key);
    if (known != m_subtreeMatches.constEnd())
        return known.value();
    bool matches = matchesSearch(sourceIndex.data(TopicTreeModel::TopicRole).toString());
    const QAbstractItemModel *model = sourceIndex.model();
    const int rows = model->rowCount(sourceIndex);
    // Down to the first match only: the rest is decided when the branch opens.
    for (int row = 0; row < rows && !matches; ++row)
        matches = subtreeMatches(model->index(row, 0, sourceIndex));
    m_subtreeMatches.insert(key, matches);
    return matches;
}

int TopicTreeProxyModel::matchCount() const
{
    if (m_searchText.isEmpty() || !m_tree)
        return 0;
    int count = 0;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_tree->rowCount(parent); ++row) {
            const QModelIndex index = m_tree->index(row, 0, parent);
            if (matchesSearch(m_tree->topicForIndex(index)))
                ++count;
            walk(index);
        }
    };
    walk(QModelIndex());
    return count;
}

bool TopicTreeProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_searchText.isEmpty())
        return true;
    return subtreeMatches(sourceModel()->index(sourceRow, 0, sourceParent));
}

const QCollatorSortKey &TopicTreeProxyModel::nameKey(const QModelIndex &sourceIndex) const
{
    const void *key = sourceIndex.internalPointer();
    auto it = m_nameKeys.find(key);
    if (it == m_nameKeys.end()) {
        const QString name =
                sourceIndex.siblingAtColumn(TopicTreeModel::NameColumn).data().toString();
        it = m_nameKeys.emplace(key, m_collator.sortKey(name)).first;
    }
    return it->second;
}

double TopicTreeProxyModel::sortValue(const QModelIndex &sourceIndex) const
{
    const void *key = sourceIndex.internalPointer();
    const auto known = m_sortValues.constFind(key);
    if (known != m_sortValues.constEnd())
        return known.value();
    int role = 0;
    switch (sourceIndex.column()) {
    case TopicTreeModel::MessageCountColumn:
        role = TopicTreeModel::MessageCountRole;
        break;
    case TopicTreeModel::TopicCountColumn:
        role = TopicTreeModel::TopicCountRole;
        break;
    case TopicTreeModel::RateColumn:
        role = TopicTreeModel::RateRole;
        break;
    case TopicTreeModel::LastSeenColumn:
        role = TopicTreeModel::LastSeenRole;
        break;
    }
    const double value = role == 0 ? 0.0 : sourceIndex.data(role).toDouble();
    m_sortValues.insert(key, value);
    return value;
}

bool TopicTreeProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int column = left.column();
    if (column != TopicTreeModel::NameColumn && column != TopicTreeModel::LastPayloadColumn) {
        const double a = sortValue(left);
        const double b = sortValue(right);
        if (a != b)
            return a < b;
    }
    return nameKey(left).compare(nameKey(right)) < 0;
}

void TopicTreeProxyModel::sort(int column, Qt::SortOrder order)
{
    m_sortValues.clear();
    if (column == sortColumn() && order == sortOrder()) {
        // The base class would keep the current order: sort again with fresh values.
        invalidate();
        return;
    }
    QSortFilterProxyModel::sort(column, order);
}

void TopicTreeProxyModel::resort()
{
    sort(sortColumn(), sortOrder());
}

QModelIndex TopicTreeProxyModel::indexForTopic(const QString &topic) const
{
    return m_tree ? mapFromSource(m_tree->indexForTopic(topic)) : QModelIndex();
}

QString TopicTreeProxyModel::topicForIndex(const QModelIndex &index) const
{
    return m_tree ? m_tree->topicForIndex(mapToSource(index)) : QString();
}
