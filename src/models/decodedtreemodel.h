// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>

// A decoded payload as a tree for the detail views: one row per Payload::Node, with its name,
// its value (Node::displayText()) and what the format calls it. The result is held (shared, as
// the log keeps it) and never changes; setResult() resets the model. Big trees cost the same to
// show as small ones: a node's children come FetchBatch at a time (canFetchMore()/fetchMore(),
// as a view scrolls to them), and nothing is indexed before a view asks for it.
class DecodedTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, TypeColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        KindRole = Qt::UserRole + 1, // int (Payload::Node::Kind)
        PathRole, // QString: the names from the root, joined by '/' ("metrics/0/value")
    };
    Q_ENUM(Role)

    // How many children of a node are shown at first, and added by each fetchMore().
    static constexpr int FetchBatch = 1000;

    explicit DecodedTreeModel(QObject *parent = nullptr);
    ~DecodedTreeModel() override;

    // Shows the result's tree (nothing for a failure or null).
    void setResult(std::shared_ptr<const Payload::DecodeResult> result);
    std::shared_ptr<const Payload::DecodeResult> result() const { return m_result; }

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The first row (depth first, of the rows fetched) whose name is name, or an invalid index.
    QModelIndex findName(const QString &name) const;

    // Rough heap a kept result holds, for the logs' and the histories' budgets.
    static qint64 heapBytes(const Payload::DecodeResult &result);
    // The Type column's word for a node its decoder gave none (JSON's): "number", "object"…
    static QString kindName(Payload::Node::Kind kind);

private:
    struct Place
    {
        const Payload::Node *parent = nullptr;
        int row = 0;
    };
    const Payload::Node *nodeFor(const QModelIndex &index) const;
    QModelIndex findName(const QString &name, const QModelIndex &parent) const;

    std::shared_ptr<const Payload::DecodeResult> m_result;
    // Each node's parent and row, noted as index() makes its first index: the nodes live in
    // m_result, which never changes.
    mutable QHash<const Payload::Node *, Place> m_places;
    // How many children of a node are fetched, when more than FetchBatch.
    QHash<const Payload::Node *, int> m_fetched;
};
