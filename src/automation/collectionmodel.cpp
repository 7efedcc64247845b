// SPDX-License-Identifier: Apache-2.0
#include "collectionmodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMimeData>
#include <QRegularExpression>

namespace {

const char NodeMimeType[] = "application/x-switchboard-collection-node";

} // namespace

CollectionModel::CollectionModel(QObject *parent) : QAbstractItemModel(parent) { }

CollectionModel::~CollectionModel() = default;

QList<CollectionFile::LoadError> CollectionModel::setDirectory(const QString &directory)
{
    QList<CollectionFile::LoadError> errors;
    beginResetModel();
    m_collections.clear();
    m_directory = directory;
    QDir dir(directory);
    dir.mkpath(QStringLiteral("."));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        CollectionFile::LoadError error;
        std::optional<Collection> collection =
                CollectionFile::read(dir.absoluteFilePath(file), &error);
        if (!collection) {
            errors.append(error);
            continue;
        }
        m_collections.push_back(
                std::make_unique<Item>(Item{std::move(*collection), dir.absoluteFilePath(file)}));
    }
    endResetModel();
    Q_EMIT environmentsChanged();
    return errors;
}

const Collection &CollectionModel::collection(int row) const
{
    return m_collections.at(size_t(row))->collection;
}

QString CollectionModel::filePath(int row) const
{
    return m_collections.at(size_t(row))->path;
}

int CollectionModel::collectionRow(const QModelIndex &index) const
{
    const CollectionNode *node = this->node(index);
    if (!node)
        return -1;
    while (node->parent())
        node = node->parent();
    for (size_t row = 0; row < m_collections.size(); ++row) {
        if (m_collections[row]->collection.root() == node)
            return int(row);
    }
    return -1;
}

QStringList CollectionModel::environmentNames() const
{
    QStringList names;
    for (const auto &item : m_collections) {
        for (const Environment &environment : item->collection.environments()) {
            if (!names.contains(environment.name))
                names.append(environment.name);
        }
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

void CollectionModel::setEnvironments(int row, const QList<Environment> &environments)
{
    m_collections.at(size_t(row))->collection.setEnvironments(environments);
    save(row);
    Q_EMIT environmentsChanged();
}

CollectionModel::Kind CollectionModel::kind(const QModelIndex &index) const
{
    const CollectionNode *node = this->node(index);
    if (node && !node->parent())
        return Kind::Collection;
    return node && node->isFolder() ? Kind::Folder : Kind::Entry;
}

CollectionNode *CollectionModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<CollectionNode *>(index.internalPointer()) : nullptr;
}

QModelIndex CollectionModel::indexOf(const CollectionNode *node) const
{
    if (!node)
        return {};
    if (node->parent())
        return createIndex(node->row(), 0, node);
    for (size_t row = 0; row < m_collections.size(); ++row) {
        if (m_collections[row]->collection.root() == node)
            return createIndex(int(row), 0, node);
    }
    return {};
}

QString CollectionModel::uniqueFilePath(const QString &name) const
{
    QString base = name;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^[-.]+|-+$")));
    if (base.isEmpty())
        base = QStringLiteral("collection");
    const QDir dir(m_directory);
    QString path = dir.absoluteFilePath(base + QStringLiteral(".json"));
    for (int n = 2; QFile::exists(path); ++n)
        path = dir.absoluteFilePath(QStringLiteral("%1-%2.json").arg(base).arg(n));
    return path;
}

QModelIndex CollectionModel::addCollection(const Collection &collection)
{
    const int row = collectionCount();
    beginInsertRows({}, row, row);
    m_collections.push_back(
            std::make_unique<Item>(Item{collection, uniqueFilePath(collection.name())}));
    endInsertRows();
    save(row);
    Q_EMIT environmentsChanged();
    return index(row, 0);
}

QModelIndex CollectionModel::importFile(const QString &path, CollectionFile::LoadError *error)
{
    const std::optional<Collection> collection = CollectionFile::read(path, error);
    return collection ? addCollection(*collection) : QModelIndex();
}

bool CollectionModel::exportCollection(int row, const QString &path, QString *error) const
{
    return CollectionFile::write(collection(row), path, error);
}

QModelIndex CollectionModel::containerOf(const QModelIndex &index) const
{
    const CollectionNode *node = this->node(index);
    if (node && !node->isFolder())
        return index.parent();
    return index;
}

QModelIndex CollectionModel::insertNode(const QModelIndex &container, int row,
                                        std::unique_ptr<CollectionNode> node)
{
    CollectionNode *parent = this->node(container);
    if (!parent || !parent->isFolder())
        return {};
    if (row < 0 || row > parent->childCount())
        row = parent->childCount();
    beginInsertRows(container, row, row);
    parent->insertChild(row, std::move(node));
    endInsertRows();
    save(collectionRow(container));
    return index(row, 0, container);
}

QModelIndex CollectionModel::addFolder(const QModelIndex &parent, const QString &name)
{
    return insertNode(containerOf(parent), -1, CollectionNode::folder(name));
}

QModelIndex CollectionModel::addEntry(const QModelIndex &parent, const QString &name,
                                      const CollectionMessage &message)
{
    return insertNode(containerOf(parent), -1, CollectionNode::entry(name, message));
}

bool CollectionModel::setMessage(const QModelIndex &entry, const CollectionMessage &message)
{
    CollectionNode *node = this->node(entry);
    if (!node || node->isFolder())
        return false;
    node->setMessage(message);
    Q_EMIT dataChanged(entry, entry);
    save(collectionRow(entry));
    return true;
}

bool CollectionModel::removeNode(const QModelIndex &index)
{
    CollectionNode *node = this->node(index);
    if (!node)
        return false;
    const int collection = collectionRow(index);
    if (!node->parent()) {
        const QString path = filePath(collection);
        if (QFile::exists(path) && !QFile::remove(path)) {
            Q_EMIT errorOccurred(tr("Could not remove %1").arg(path));
            return false;
        }
        Q_EMIT nodeAboutToBeRemoved(node);
        beginRemoveRows({}, collection, collection);
        m_collections.erase(m_collections.begin() + collection);
        endRemoveRows();
        Q_EMIT environmentsChanged();
        return true;
    }
    Q_EMIT nodeAboutToBeRemoved(node);
    beginRemoveRows(index.parent(), index.row(), index.row());
    node->parent()->takeChild(index.row());
    endRemoveRows();
    save(collection);
    return true;
}

bool CollectionModel::moveNode(const QModelIndex &index, const QModelIndex &newParent, int row)
{
    CollectionNode *node = this->node(index);
    CollectionNode *target = this->node(newParent);
    if (!node || !node->parent() || !target || !target->isFolder() || node->contains(target))
        return false;
    const QModelIndex oldParent = index.parent();
    const int from = index.row();
    if (row < 0 || row > target->childCount())
        row = target->childCount();
    if (target == node->parent() && (row == from || row == from + 1))
        return true; // where it is already
    const int oldCollection = collectionRow(index);
    if (!beginMoveRows(oldParent, from, from, newParent, row))
        return false;
    std::unique_ptr<CollectionNode> taken = node->parent()->takeChild(from);
    // Rows after the moved one shifted up by one within the same parent.
    target->insertChild(target == this->node(oldParent) && row > from ? row - 1 : row,
                        std::move(taken));
    endMoveRows();
    save(oldCollection);
    const int newCollection = collectionRow(newParent);
    if (newCollection != oldCollection)
        save(newCollection);
    return true;
}

void CollectionModel::save(int row)
{
    if (row < 0 || row >= collectionCount())
        return;
    QString error;
    if (!CollectionFile::write(collection(row), filePath(row), &error))
        Q_EMIT errorOccurred(error);
}

QModelIndex CollectionModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < collectionCount() ? createIndex(row, 0, collection(row).root())
                                       : QModelIndex();
    const CollectionNode *node = this->node(parent);
    CollectionNode *child = node ? node->child(row) : nullptr;
    return child ? createIndex(row, 0, child) : QModelIndex();
}

QModelIndex CollectionModel::parent(const QModelIndex &child) const
{
    const CollectionNode *node = this->node(child);
    return node ? indexOf(node->parent()) : QModelIndex();
}

int CollectionModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    if (!parent.isValid())
        return collectionCount();
    return node(parent)->childCount();
}

int CollectionModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant CollectionModel::data(const QModelIndex &index, int role) const
{
    const CollectionNode *node = this->node(index);
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name();
    case Qt::ToolTipRole:
        if (!node->parent())
            return QDir::toNativeSeparators(filePath(index.row()));
        if (!node->isFolder() && node->message().isScript())
            return tr("Script (%Ln line(s))", nullptr, int(node->message().script.count(u'\n')) + 1);
        if (!node->isFolder())
            return tr("%1 (QoS %2)").arg(node->message().topic).arg(int(node->message().qos));
        return {};
    case KindRole:
        return QVariant::fromValue(kind(index));
    case TopicRole:
        return node->isFolder() ? QVariant() : QVariant(node->message().topic);
    case SearchTextRole:
        return node->isFolder() ? node->name()
                                : QStringList{node->name(), node->message().topic,
                                              node->message().payload, node->message().script}
                                          .join(u'\n');
    default:
        return {};
    }
}

bool CollectionModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    CollectionNode *node = this->node(index);
    const QString name = value.toString().trimmed();
    if (!node || role != Qt::EditRole || name.isEmpty())
        return false;
    if (node->name() == name)
        return true;
    node->setName(name);
    Q_EMIT dataChanged(index, index);
    save(collectionRow(index));
    return true;
}

Qt::ItemFlags CollectionModel::flags(const QModelIndex &index) const
{
    const CollectionNode *node = this->node(index);
    if (!node)
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
    if (node->parent())
        flags |= Qt::ItemIsDragEnabled;
    if (node->isFolder())
        flags |= Qt::ItemIsDropEnabled;
    else
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QStringList CollectionModel::mimeTypes() const
{
    return {QLatin1String(NodeMimeType)};
}

QMimeData *CollectionModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.size() != 1 || !node(indexes.first()))
        return nullptr;
    // The rows from the top down: "collection/row/row".
    QStringList rows;
    for (QModelIndex index = indexes.first(); index.isValid(); index = index.parent())
        rows.prepend(QString::number(index.row()));
    auto *data = new QMimeData;
    data->setData(QLatin1String(NodeMimeType), rows.join(u'/').toLatin1());
    return data;
}

QModelIndex CollectionModel::decodeDragged(const QMimeData *data) const
{
    if (!data || !data->hasFormat(QLatin1String(NodeMimeType)))
        return {};
    QModelIndex index;
    const QList<QByteArray> rows = data->data(QLatin1String(NodeMimeType)).split('/');
    for (const QByteArray &row : rows) {
        bool ok = false;
        index = this->index(row.toInt(&ok), 0, index);
        if (!ok || !index.isValid())
            return {};
    }
    return index;
}

bool CollectionModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    const CollectionNode *dragged = node(decodeDragged(data));
    const CollectionNode *target = node(parent);
    return action == Qt::MoveAction && dragged && dragged->parent() && target &&
           target->isFolder() && !dragged->contains(target);
}

bool CollectionModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                   int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    // The move is done here; the view's removal of the source after a move finds no
    // removeRows() to call, so nothing else goes.
    return moveNode(decodeDragged(data), parent, row);
}

Qt::DropActions CollectionModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions CollectionModel::supportedDragActions() const
{
    return Qt::MoveAction;
}
