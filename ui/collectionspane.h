// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "collection.h"
#include "collectionentrydialog.h"
#include "collectionsender.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class CollectionModel;
class ConnectionWorkspace;
class QAction;
class QModelIndex;
class QSortFilterProxyModel;
class ScriptConsole;

namespace Ui {
class CollectionsPane;
}

// The Collections pane (View → Collections): the collections of the data folder as a tree of
// folders and entries, searched by name, topic and payload; entries added, edited, renamed
// (F2), moved (drag and drop) and removed; collections imported and exported; one environment
// chosen for all; the selected entry sent with Send, a double-click or Ctrl+Shift+Return over
// the current connection, its variables expanded, and the message as sent goes to the log. A
// script entry is run the same ways (the button reads Run) in the Script console, its env()
// reading the active environment's values.
class CollectionsPane : public QWidget
{
    Q_OBJECT
public:
    explicit CollectionsPane(QWidget *parent = nullptr);
    ~CollectionsPane() override;

    // The folder of the collection files: by default "collections" in the application data
    // folder. Files that do not load are named in the status.
    static QString defaultDirectory();
    void setDirectory(const QString &directory);

    CollectionModel *model() const { return m_model; }
    CollectionSender *sender() { return &m_sender; }
    // Sends go to the workspace's client and are recorded in its log (nullptr: none).
    void setWorkspace(ConnectionWorkspace *workspace);

    // Empty: none. Remembered in the settings.
    QString activeEnvironment() const;
    void setActiveEnvironment(const QString &name);
    QStringList environmentChoices() const; // what the combo offers, after "none"

    // In the model's indexes.
    QModelIndex currentIndex() const;
    void setCurrentIndex(const QModelIndex &index);
    void setSearchText(const QString &text);
    // Rows of the model the search leaves visible, counted below the collections.
    bool isShown(const QModelIndex &index) const;

    // Where script entries run (nullptr: they cannot); scriptStarted() asks to show it.
    void setScriptConsole(ScriptConsole *console);

    // Sends the entry (a model index); returns the client's token, 0 when nothing was sent
    // (the status says why). A script entry is run instead (and 0 returned).
    quint64 send(const QModelIndex &entry);
    quint64 sendCurrent();
    // Runs a script entry in the Script console; false when it did not start (the status says
    // why).
    bool runScript(const QModelIndex &entry);
    QAction *sendAction() const { return m_sendAction; }
    QString statusText() const;

    // "Save to collection" from the composer's history: into the selected folder or
    // collection (a new "My collection" when there is none), named after its topic.
    QModelIndex addMessage(const CollectionMessage &message);

    void newCollection();
    void newFolder();
    void newEntry();
    void editCurrent();
    void renameCurrent();
    void removeCurrent();
    void importCollection();
    void exportCollection();
    void editEnvironments();

Q_SIGNALS:
    // A script entry started in the Script console, which should be shown.
    void scriptStarted();

private:
    void showStatus(const QString &text);
    void showError(const QString &text);
    void updateActions();
    void refillEnvironments();
    // What the entry (or one not yet in a collection) would send now, for the editor.
    CollectionEntryDialog::Check check(const CollectionMessage &message,
                                       const QModelIndex &entry) const;
    bool editEntry(const QModelIndex &entry, QString *name, CollectionMessage *message);
    QModelIndex targetContainer();

    std::unique_ptr<Ui::CollectionsPane> m_ui;
    CollectionModel *m_model;
    QSortFilterProxyModel *m_proxy;
    CollectionSender m_sender;
    QPointer<ConnectionWorkspace> m_workspace;
    QPointer<ScriptConsole> m_scriptConsole;
    QAction *m_sendAction;
    QAction *m_newCollectionAction;
    QAction *m_newFolderAction;
    QAction *m_newEntryAction;
    QAction *m_editAction;
    QAction *m_renameAction;
    QAction *m_removeAction;
    QAction *m_importAction;
    QAction *m_exportAction;
};
