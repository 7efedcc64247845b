// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "collection.h"
#include "collectionfile.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

// The collections of a folder (one file each, CollectionFile) as a tree: a top-level row per
// collection, below it its folders and entries. Every change is written to the collection's
// file at once. Names are edited in place (setData); nodes move by drag and drop or moveNode().
class CollectionModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind
        TopicRole, // an entry's topic template
        // What the search matches: the name, and an entry's topic and payload.
        SearchTextRole,
    };
    enum class Kind { Collection, Folder, Entry };
    Q_ENUM(Kind)

    explicit CollectionModel(QObject *parent = nullptr);
    ~CollectionModel() override;

    // Loads every *.json of the folder (made if missing) in name order; files that do not load
    // are left out and named in the result.
    QList<CollectionFile::LoadError> setDirectory(const QString &directory);
    QString directory() const { return m_directory; }

    int collectionCount() const { return int(m_collections.size()); }
    const Collection &collection(int row) const;
    QString filePath(int row) const;
    // The top-level row of the collection the index belongs to, -1 for none.
    int collectionRow(const QModelIndex &index) const;
    // Environment names of every collection, sorted, each once.
    QStringList environmentNames() const;
    void setEnvironments(int row, const QList<Environment> &environments);

    Kind kind(const QModelIndex &index) const;
    CollectionNode *node(const QModelIndex &index) const;
    QModelIndex indexOf(const CollectionNode *node) const;

    // A new collection in the folder (its file named after it); returns its index.
    QModelIndex addCollection(const Collection &collection);
    // Reads a collection file and adds a copy to the folder.
    QModelIndex importFile(const QString &path, CollectionFile::LoadError *error);
    bool exportCollection(int row, const QString &path, QString *error) const;
    // Into the folder or collection at parent (an entry's parent when parent is an entry).
    QModelIndex addFolder(const QModelIndex &parent, const QString &name);
    QModelIndex addEntry(const QModelIndex &parent, const QString &name,
                         const CollectionMessage &message);
    bool setMessage(const QModelIndex &entry, const CollectionMessage &message);
    // A folder or an entry; a collection goes with its file.
    bool removeNode(const QModelIndex &index);
    // A folder or an entry into another folder or collection (not into itself), at row.
    bool moveNode(const QModelIndex &index, const QModelIndex &newParent, int row);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

Q_SIGNALS:
    // A file could not be written (or removed): the reason, for the user.
    void errorOccurred(const QString &text);
    // A folder or entry (with what is below it) is about to go: its send counters can go.
    void nodeAboutToBeRemoved(const CollectionNode *node);
    void environmentsChanged();

private:
    struct Item
    {
        Collection collection;
        QString path;
    };

    // The folder a new child of index goes into: a collection or a folder (an entry's parent).
    QModelIndex containerOf(const QModelIndex &index) const;
    QModelIndex insertNode(const QModelIndex &container, int row,
                           std::unique_ptr<CollectionNode> node);
    void save(int row);
    QString uniqueFilePath(const QString &name) const;
    QModelIndex decodeDragged(const QMimeData *data) const;

    QString m_directory;
    std::vector<std::unique_ptr<Item>> m_collections;
};
