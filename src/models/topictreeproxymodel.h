// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCollator>
#include <QCollatorSortKey>
#include <QHash>
#include <QSortFilterProxyModel>
#include <QString>

#include <unordered_map>

class TopicTreeModel;

// The topic tree as a view shows it: searched and sorted.
//
// Search: a text with '+' or '#' is an MQTT topic filter matched against each node's full
// topic; any other text is a case-insensitive substring of it. A node stays visible when it or
// any node below it matches, so the path to every match is shown.
//
// Sort: by name in natural order ("line2" before "line10"), or by message count, topic count,
// messages per second or last update (ties by name). A row's sort value is taken the first
// time the sort looks at it and kept: rows stay put while messages change the counts, and new
// rows are placed by their value on arrival. Choosing a column (or resort()) sorts again with
// the values of that moment.
class TopicTreeProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)

public:
    enum class SearchMode { Substring, Wildcard };
    Q_ENUM(SearchMode)

    explicit TopicTreeProxyModel(QObject *parent = nullptr);
    ~TopicTreeProxyModel() override;

    // The proxy relies on the tree's stable nodes (one internal pointer per node).
    void setTopicTree(TopicTreeModel *tree);
    TopicTreeModel *topicTree() const { return m_tree; }

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);
    SearchMode searchMode() const { return m_searchMode; }
    // Whether a full topic matches the search (true when there is none).
    bool matchesSearch(const QString &topic) const;
    // Nodes that match the search themselves (not only as ancestors of matches); 0 without one.
    int matchCount() const;

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // Sorts again by the current column with the values of now.
    void resort();

    QModelIndex indexForTopic(const QString &topic) const;
    QString topicForIndex(const QModelIndex &index) const;

Q_SIGNALS:
    void searchTextChanged(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool subtreeMatches(const QModelIndex &sourceIndex) const;
    const QCollatorSortKey &nameKey(const QModelIndex &sourceIndex) const;
    double sortValue(const QModelIndex &sourceIndex) const;
    void forgetAncestors(const QModelIndex &sourceParent);
    void forgetAll();

    TopicTreeModel *m_tree = nullptr;
    QString m_searchText;
    SearchMode m_searchMode = SearchMode::Substring;
    QCollator m_collator;
    // Per node (the tree's internal pointer): whether it or a node below matches the search;
    // forgotten for a node and its ancestors when rows are inserted below it.
    mutable QHash<const void *, bool> m_subtreeMatches;
    mutable std::unordered_map<const void *, QCollatorSortKey> m_nameKeys;
    mutable QHash<const void *, double> m_sortValues; // frozen at the first comparison
};
