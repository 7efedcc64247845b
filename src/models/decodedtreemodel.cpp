// SPDX-License-Identifier: Apache-2.0
#include "decodedtreemodel.h"

#include <algorithm>

namespace {

constexpr qint64 HeapBlockOverhead = 32;

qint64 nodeBytes(const Payload::Node &node)
{
    qint64 bytes = qint64(sizeof(Payload::Node)) + HeapBlockOverhead +
                   (node.name.size() + node.type.size()) * 2;
    if (node.kind == Payload::Node::Kind::String)
        bytes += node.value.toString().size() * 2 + HeapBlockOverhead;
    else if (node.kind == Payload::Node::Kind::Bytes)
        bytes += node.value.toByteArray().size() + HeapBlockOverhead;
    for (const Payload::Node &child : node.children)
        bytes += nodeBytes(child);
    return bytes;
}

} // namespace

DecodedTreeModel::DecodedTreeModel(QObject *parent) : QAbstractItemModel(parent) { }

DecodedTreeModel::~DecodedTreeModel() = default;

qint64 DecodedTreeModel::heapBytes(const Payload::DecodeResult &result)
{
    qint64 bytes = qint64(sizeof(Payload::DecodeResult)) + HeapBlockOverhead +
                   nodeBytes(result.root) + (result.hex.size() + result.error.size()) * 2;
    for (const QString &warning : result.warnings)
        bytes += warning.size() * 2 + HeapBlockOverhead;
    return bytes;
}

void DecodedTreeModel::setResult(std::shared_ptr<const Payload::DecodeResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    m_places.clear();
    m_fetched.clear();
    endResetModel();
}

const Payload::Node *DecodedTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return (m_result && m_result->isValid()) ? &m_result->root : nullptr;
    return static_cast<const Payload::Node *>(index.internalPointer());
}

QModelIndex DecodedTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return QModelIndex();
    const Payload::Node *node = nodeFor(parent);
    if (!node || row < 0 || row >= node->children.size())
        return QModelIndex();
    const Payload::Node *child = &node->children.at(row);
    m_places.insert(child, Place{node, row});
    return createIndex(row, column, const_cast<Payload::Node *>(child));
}

QModelIndex DecodedTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    const Place place = m_places.value(nodeFor(child));
    if (!place.parent || place.parent == &m_result->root)
        return QModelIndex();
    const Place above = m_places.value(place.parent);
    return createIndex(above.row, 0, const_cast<Payload::Node *>(place.parent));
}

int DecodedTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Payload::Node *node = nodeFor(parent);
    if (!node)
        return 0;
    return int(std::min<qsizetype>(node->children.size(), m_fetched.value(node, FetchBatch)));
}

bool DecodedTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Payload::Node *node = nodeFor(parent);
    return node && !node->children.isEmpty();
}

bool DecodedTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Payload::Node *node = nodeFor(parent);
    return node && rowCount(parent) < node->children.size();
}

void DecodedTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const Payload::Node *node = nodeFor(parent);
    const int first = rowCount(parent);
    const int last = int(std::min<qsizetype>(node->children.size(), qsizetype(first) + FetchBatch));
    beginInsertRows(parent, first, last - 1);
    m_fetched.insert(node, last);
    endInsertRows();
}

int DecodedTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString DecodedTreeModel::kindName(Payload::Node::Kind kind)
{
    using Kind = Payload::Node::Kind;
    switch (kind) {
    case Kind::Null:
        return tr("null");
    case Kind::Boolean:
        return tr("boolean");
    case Kind::Integer:
    case Kind::UnsignedInteger:
        return tr("integer");
    case Kind::Double:
        return tr("number");
    case Kind::String:
        return tr("string");
    case Kind::Bytes:
        return tr("bytes");
    case Kind::Map:
        return tr("object");
    case Kind::Array:
        return tr("array");
    }
    return QString();
}

QVariant DecodedTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const Payload::Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return node->name;
        case ValueColumn:
            return node->displayText();
        case TypeColumn:
            // The decoder's own word (a schema's field type, a CBOR tag), else the kind's.
            return node->type.isEmpty() ? kindName(node->kind) : node->type;
        default:
            return QVariant();
        }
    case KindRole:
        return int(node->kind);
    case PathRole: {
        QStringList names{node->name};
        for (QModelIndex above = index.parent(); above.isValid(); above = above.parent())
            names.prepend(nodeFor(above)->name);
        return names.join(QLatin1Char('/'));
    }
    default:
        return QVariant();
    }
}

QVariant DecodedTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return QVariant();
    }
}

QModelIndex DecodedTreeModel::findName(const QString &name) const
{
    return findName(name, QModelIndex());
}

QModelIndex DecodedTreeModel::findName(const QString &name, const QModelIndex &parent) const
{
    for (int row = 0; row < rowCount(parent); ++row) {
        const QModelIndex child = index(row, NameColumn, parent);
        if (nodeFor(child)->name == name)
            return child;
        const QModelIndex below = findName(name, child);
        if (below.isValid())
            return below;
    }
    return QModelIndex();
}
