// SPDX-License-Identifier: Apache-2.0
#include "collectionspane.h"
#include "ui_collectionspane.h"

#include "client.h"
#include "collectionmodel.h"
#include "connectionworkspace.h"
#include "scriptconsole.h"
#include "theme.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTime>
#include <QToolButton>

namespace {

const char EnvironmentKey[] = "collections/environment";

// Edits one collection's environments: the names in a list, the chosen one's NAME=value lines.
class CollectionEnvironmentsDialog : public QDialog
{
    Q_DECLARE_TR_FUNCTIONS(CollectionEnvironmentsDialog)
public:
    CollectionEnvironmentsDialog(const QString &collection, const QList<Environment> &environments,
                                 QWidget *parent)
        : QDialog(parent), m_environments(environments)
    {
        setWindowTitle(tr("Environments of %1").arg(collection));
        auto *layout = new QVBoxLayout(this);
        auto *note = new QLabel(tr("{{env.NAME}} in this collection's entries reads NAME from "
                                   "the environment chosen in the Collections pane."));
        note->setWordWrap(true);
        layout->addWidget(note);
        auto *row = new QHBoxLayout;
        layout->addLayout(row);
        auto *left = new QVBoxLayout;
        row->addLayout(left);
        m_list = new QListWidget;
        left->addWidget(m_list);
        auto *buttons = new QHBoxLayout;
        auto *add = new QPushButton(tr("&Add…"));
        auto *remove = new QPushButton(tr("&Remove"));
        buttons->addWidget(add);
        buttons->addWidget(remove);
        left->addLayout(buttons);
        m_values = new QPlainTextEdit;
        m_values->setPlaceholderText(tr("NAME=value, one a line"));
        row->addWidget(m_values, 1);
        m_problem = new QLabel;
        m_problem->setWordWrap(true);
        m_problem->setStyleSheet(QStringLiteral("color: %1;")
                                         .arg(Theme::color(Theme::Role::Error, palette()).name()));
        layout->addWidget(m_problem);
        m_box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        layout->addWidget(m_box);
        connect(m_box, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(m_box, &QDialogButtonBox::rejected, this, &QDialog::reject);
        for (const Environment &environment : std::as_const(m_environments))
            m_list->addItem(environment.name);
        connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
            const QSignalBlocker blocker(m_values);
            m_values->setPlainText(row >= 0 ? Environment::toLines(m_environments.at(row).values)
                                            : QString());
            m_values->setEnabled(row >= 0);
        });
        connect(m_values, &QPlainTextEdit::textChanged, this, [this] {
            const int row = m_list->currentRow();
            QString error;
            QMap<QString, QString> values;
            const bool ok = Environment::parseLines(m_values->toPlainText(), &values, &error);
            if (ok && row >= 0)
                m_environments[row].values = values;
            m_problem->setText(ok ? QString() : error);
            m_box->button(QDialogButtonBox::Ok)->setEnabled(ok);
        });
        connect(add, &QPushButton::clicked, this, [this] {
            const QString name = QInputDialog::getText(this, tr("New environment"),
                                                       tr("Name (e.g. dev, staging, production):"))
                                         .trimmed();
            if (name.isEmpty() || findEnvironment(m_environments, name))
                return;
            m_environments.append({name, {}});
            m_list->addItem(name);
            m_list->setCurrentRow(m_list->count() - 1);
        });
        connect(remove, &QPushButton::clicked, this, [this] {
            const int row = m_list->currentRow();
            if (row < 0)
                return;
            m_environments.removeAt(row);
            delete m_list->takeItem(row);
        });
        m_list->setCurrentRow(m_environments.isEmpty() ? -1 : 0);
        m_values->setEnabled(!m_environments.isEmpty());
    }

    QList<Environment> environments() const { return m_environments; }

private:
    QList<Environment> m_environments;
    QListWidget *m_list;
    QPlainTextEdit *m_values;
    QLabel *m_problem;
    QDialogButtonBox *m_box;
};

} // namespace

CollectionsPane::CollectionsPane(QWidget *parent)
    : QWidget(parent),
      m_ui(new Ui::CollectionsPane),
      m_model(new CollectionModel(this)),
      m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(CollectionModel::SearchTextRole);
    m_ui->treeView->setModel(m_proxy);
    m_ui->treeView->setSelectionMode(QAbstractItemView::SingleSelection);
    // A double-click sends; F2 renames.
    m_ui->treeView->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_ui->treeView->setContextMenuPolicy(Qt::ActionsContextMenu);

    const auto makeAction = [this](const QString &text, const QString &toolTip) {
        auto *action = new QAction(text, this);
        action->setToolTip(toolTip);
        return action;
    };
    m_sendAction = makeAction(tr("&Send collection entry"),
                              tr("Send the selected collection entry (Ctrl+Shift+Return)"));
    m_sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter)});
    m_newCollectionAction = makeAction(tr("New &collection…"), tr("A new, empty collection"));
    m_newFolderAction = makeAction(tr("New &folder…"), tr("A folder in the selected collection"));
    m_newEntryAction = makeAction(tr("New &entry…"), tr("A message in the selected folder"));
    m_editAction = makeAction(tr("&Edit…"), tr("Edit the selected entry"));
    m_renameAction = makeAction(tr("&Rename"), tr("Rename the selected item (F2)"));
    m_removeAction = makeAction(tr("&Delete"), tr("Delete the selected item"));
    m_importAction = makeAction(tr("&Import…"), tr("Add a collection file (a copy is kept here)"));
    m_exportAction = makeAction(tr("E&xport…"), tr("Write the selected collection to a file"));
    connect(m_sendAction, &QAction::triggered, this, &CollectionsPane::sendCurrent);
    connect(m_newCollectionAction, &QAction::triggered, this, &CollectionsPane::newCollection);
    connect(m_newFolderAction, &QAction::triggered, this, &CollectionsPane::newFolder);
    connect(m_newEntryAction, &QAction::triggered, this, &CollectionsPane::newEntry);
    connect(m_editAction, &QAction::triggered, this, &CollectionsPane::editCurrent);
    connect(m_renameAction, &QAction::triggered, this, &CollectionsPane::renameCurrent);
    connect(m_removeAction, &QAction::triggered, this, &CollectionsPane::removeCurrent);
    connect(m_importAction, &QAction::triggered, this, &CollectionsPane::importCollection);
    connect(m_exportAction, &QAction::triggered, this, &CollectionsPane::exportCollection);
    m_ui->treeView->addActions({m_sendAction, m_editAction, m_renameAction, m_removeAction,
                                m_newFolderAction, m_newEntryAction});
    addAction(m_sendAction);

    // New ▾, Edit, Delete and More ▾ (import, export) above the tree.
    auto *newButton = new QToolButton;
    newButton->setText(tr("&New"));
    newButton->setPopupMode(QToolButton::InstantPopup);
    auto *newMenu = new QMenu(newButton);
    newMenu->addActions({m_newEntryAction, m_newFolderAction, m_newCollectionAction});
    newButton->setMenu(newMenu);
    m_ui->actionsLayout->addWidget(newButton);
    for (QAction *action : {m_editAction, m_removeAction}) {
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        m_ui->actionsLayout->addWidget(button);
    }
    auto *fileButton = new QToolButton;
    fileButton->setText(tr("&File"));
    fileButton->setPopupMode(QToolButton::InstantPopup);
    auto *fileMenu = new QMenu(fileButton);
    fileMenu->addActions({m_importAction, m_exportAction});
    fileButton->setMenu(fileMenu);
    m_ui->actionsLayout->addWidget(fileButton);
    m_ui->actionsLayout->addStretch();

    m_ui->sendButton->setToolTip(m_sendAction->toolTip());
    connect(m_ui->sendButton, &QPushButton::clicked, this, &CollectionsPane::sendCurrent);
    connect(m_ui->treeView, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_model->kind(m_proxy->mapToSource(index)) == CollectionModel::Kind::Entry)
            send(m_proxy->mapToSource(index));
    });
    connect(m_ui->treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CollectionsPane::updateActions);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_ui->treeView->expandAll();
    });
    connect(m_model, &CollectionModel::errorOccurred, this, &CollectionsPane::showError);
    connect(m_model, &CollectionModel::nodeAboutToBeRemoved, this,
            [this](const CollectionNode *node) {
                // The counters of the node and of everything below it.
                std::function<void(const CollectionNode *)> forget = [&](const CollectionNode *n) {
                    m_sender.forget(n);
                    for (int row = 0; row < n->childCount(); ++row)
                        forget(n->child(row));
                };
                forget(node);
            });
    connect(m_model, &CollectionModel::environmentsChanged, this,
            &CollectionsPane::refillEnvironments);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CollectionsPane::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &CollectionsPane::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CollectionsPane::updateActions);

    m_ui->environmentCombo->setToolTip(
            tr("The environment {{env.NAME}} reads: each collection has its own values under "
               "this name"));
    m_ui->environmentsButton->setToolTip(tr("Edit the selected collection's environments"));
    connect(m_ui->environmentsButton, &QToolButton::clicked, this,
            &CollectionsPane::editEnvironments);
    connect(m_ui->environmentCombo, &QComboBox::activated, this,
            [this] { setActiveEnvironment(m_ui->environmentCombo->currentData().toString()); });
    m_sender.setActiveEnvironment(QSettings().value(QLatin1String(EnvironmentKey)).toString());
    refillEnvironments();
    updateActions();
}

CollectionsPane::~CollectionsPane() = default;

QString CollectionsPane::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
            .filePath(QStringLiteral("collections"));
}

void CollectionsPane::setDirectory(const QString &directory)
{
    const QList<CollectionFile::LoadError> errors = m_model->setDirectory(directory);
    QStringList texts;
    for (const CollectionFile::LoadError &error : errors)
        texts << error.text();
    if (texts.isEmpty())
        showStatus(QString());
    else
        showError(tr("Not loaded: %1").arg(texts.join(QStringLiteral("; "))));
    m_ui->treeView->expandToDepth(0);
}

void CollectionsPane::setWorkspace(ConnectionWorkspace *workspace)
{
    m_workspace = workspace;
    m_sender.setPayloadDecoder(workspace ? workspace->payloadDecoder() : nullptr);
}

QString CollectionsPane::activeEnvironment() const
{
    return m_sender.activeEnvironment();
}

void CollectionsPane::setActiveEnvironment(const QString &name)
{
    m_sender.setActiveEnvironment(name);
    QSettings().setValue(QLatin1String(EnvironmentKey), name);
    refillEnvironments();
}

QStringList CollectionsPane::environmentChoices() const
{
    QStringList names;
    for (int i = 1; i < m_ui->environmentCombo->count(); ++i)
        names << m_ui->environmentCombo->itemData(i).toString();
    return names;
}

void CollectionsPane::refillEnvironments()
{
    QComboBox *combo = m_ui->environmentCombo;
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(tr("No environment"), QString());
    QStringList names = m_model->environmentNames();
    // The active one stays listed even when no collection has it (its variables then fail).
    if (!activeEnvironment().isEmpty() && !names.contains(activeEnvironment()))
        names << activeEnvironment();
    for (const QString &name : std::as_const(names))
        combo->addItem(name, name);
    combo->setCurrentIndex(qMax(0, combo->findData(activeEnvironment())));
}

QModelIndex CollectionsPane::currentIndex() const
{
    return m_proxy->mapToSource(m_ui->treeView->currentIndex());
}

void CollectionsPane::setCurrentIndex(const QModelIndex &index)
{
    const QModelIndex shown = m_proxy->mapFromSource(index);
    m_ui->treeView->scrollTo(shown);
    m_ui->treeView->setCurrentIndex(shown);
}

void CollectionsPane::setSearchText(const QString &text)
{
    m_ui->searchEdit->setText(text);
}

bool CollectionsPane::isShown(const QModelIndex &index) const
{
    return m_proxy->mapFromSource(index).isValid();
}

QString CollectionsPane::statusText() const
{
    return m_ui->statusLabel->text();
}

void CollectionsPane::showStatus(const QString &text)
{
    m_ui->statusLabel->setStyleSheet(QString());
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setToolTip(text);
}

void CollectionsPane::showError(const QString &text)
{
    m_ui->statusLabel->setStyleSheet(
            QStringLiteral("color: %1;").arg(Theme::color(Theme::Role::Error, palette()).name()));
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setToolTip(text);
}

void CollectionsPane::updateActions()
{
    const CollectionModel::Kind kind = m_model->kind(currentIndex());
    const bool any = currentIndex().isValid();
    const bool entry = any && kind == CollectionModel::Kind::Entry;
    const CollectionNode *node = m_model->node(currentIndex());
    const bool script = entry && node && node->message().isScript();
    m_sendAction->setText(script ? tr("&Run collection script") : tr("&Send collection entry"));
    m_sendAction->setToolTip(script ? tr("Run the selected script in the Script console "
                                         "(Ctrl+Shift+Return)")
                                    : tr("Send the selected collection entry (Ctrl+Shift+Return)"));
    m_ui->sendButton->setText(script ? tr("&Run") : tr("&Send"));
    m_ui->sendButton->setToolTip(m_sendAction->toolTip());
    m_sendAction->setEnabled(entry);
    m_ui->sendButton->setEnabled(entry);
    m_editAction->setEnabled(entry);
    m_renameAction->setEnabled(any);
    m_removeAction->setEnabled(any);
    m_newFolderAction->setEnabled(any);
    m_newEntryAction->setEnabled(any);
    m_exportAction->setEnabled(any);
    m_ui->environmentsButton->setEnabled(any);
}

quint64 CollectionsPane::sendCurrent()
{
    return send(currentIndex());
}

quint64 CollectionsPane::send(const QModelIndex &entry)
{
    const CollectionNode *node = m_model->node(entry);
    if (!node || node->isFolder()) {
        showError(tr("Choose an entry to send"));
        return 0;
    }
    if (node->message().isScript()) {
        runScript(entry);
        return 0;
    }
    Mqtt::Client *client = m_workspace ? m_workspace->client() : nullptr;
    Mqtt::Message sent;
    QString error;
    const quint64 token =
            m_sender.send(*node, m_model->collection(m_model->collectionRow(entry)).environments(),
                          client, &sent, &error);
    if (token == 0) {
        showError(tr("%1 not sent: %2").arg(node->name(), error));
        return 0;
    }
    m_workspace->recordPublished(sent, token);
    showStatus(tr("%1 sent to %2 at %3")
                       .arg(node->name(), sent.topic,
                            QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    return token;
}

void CollectionsPane::setScriptConsole(ScriptConsole *console)
{
    m_scriptConsole = console;
}

bool CollectionsPane::runScript(const QModelIndex &entry)
{
    const CollectionNode *node = m_model->node(entry);
    if (!node || !node->message().isScript())
        return false;
    if (!m_scriptConsole) {
        showError(tr("%1 not run: there is no script console").arg(node->name()));
        return false;
    }
    // The active environment's values are what env() reads ({{variables}} are not expanded).
    QHash<QString, QString> variables;
    const QList<Environment> environments =
            m_model->collection(m_model->collectionRow(entry)).environments();
    if (const Environment *environment =
                findEnvironment(environments, m_sender.activeEnvironment())) {
        for (auto it = environment->values.constBegin(); it != environment->values.constEnd(); ++it)
            variables.insert(it.key(), it.value());
    }
    if (!m_scriptConsole->runScript(node->message().script, node->name(), variables)) {
        showError(
                tr("%1 not run: a script is still running in the Script console").arg(node->name()));
        return false;
    }
    Q_EMIT scriptStarted();
    showStatus(
            tr("%1 running in the Script console since %2")
                    .arg(node->name(), QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
    return true;
}

CollectionEntryDialog::Check CollectionsPane::check(const CollectionMessage &message,
                                                    const QModelIndex &entry) const
{
    const QModelIndex container = entry.isValid() ? entry : currentIndex();
    const int row = m_model->collectionRow(container);
    const QList<Environment> environments =
            row >= 0 ? m_model->collection(row).environments() : QList<Environment>();
    CollectionEntryDialog::Check check;
    if (message.isScript()) {
        check.ok = !message.script.trimmed().isEmpty();
        check.text = check.ok ? tr("Runs in the Script console (%Ln line(s)); env() reads the "
                                   "active environment",
                                   nullptr, int(message.script.count(u'\n')) + 1)
                              : tr("Write the script");
        return check;
    }
    const CollectionNode *node = m_model->node(entry);
    const std::unique_ptr<CollectionNode> trial = CollectionNode::entry(QString(), message);
    Variables::Context context = Variables::Context::current();
    context.sequence = m_sender.nextSequence(node);
    const CollectionSender::Prepared prepared = m_sender.prepare(*trial, environments, context);
    check.ok = prepared.isValid();
    if (!check.ok) {
        check.text = prepared.error;
        return check;
    }
    QString payload = QString::fromUtf8(prepared.message.payload.left(200)).simplified();
    check.text = tr("Sends %Ln byte(s) to %1: %2", nullptr, int(prepared.message.payload.size()))
                         .arg(prepared.message.topic, payload);
    return check;
}

bool CollectionsPane::editEntry(const QModelIndex &entry, QString *name, CollectionMessage *message)
{
    CollectionEntryDialog dialog(
            [this, entry](const CollectionMessage &edited) { return check(edited, entry); }, this);
    dialog.setName(*name);
    dialog.setMessage(*message);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *name = dialog.name();
    *message = dialog.message();
    return true;
}

QModelIndex CollectionsPane::targetContainer()
{
    QModelIndex target = currentIndex();
    if (target.isValid())
        return target;
    if (m_model->collectionCount() == 0)
        return m_model->addCollection(Collection(tr("My collection")));
    return m_model->index(0, 0);
}

QModelIndex CollectionsPane::addMessage(const CollectionMessage &message)
{
    const QModelIndex added = m_model->addEntry(
            targetContainer(), message.topic.isEmpty() ? tr("New entry") : message.topic, message);
    setCurrentIndex(added);
    showStatus(tr("Saved as %1").arg(m_model->node(added)->path()));
    return added;
}

void CollectionsPane::newCollection()
{
    const QString name = QInputDialog::getText(this, tr("New collection"), tr("Name:")).trimmed();
    if (!name.isEmpty())
        setCurrentIndex(m_model->addCollection(Collection(name)));
}

void CollectionsPane::newFolder()
{
    if (!currentIndex().isValid())
        return;
    const QString name = QInputDialog::getText(this, tr("New folder"), tr("Name:")).trimmed();
    if (!name.isEmpty())
        setCurrentIndex(m_model->addFolder(currentIndex(), name));
}

void CollectionsPane::newEntry()
{
    QString name;
    CollectionMessage message;
    if (editEntry(QModelIndex(), &name, &message))
        setCurrentIndex(m_model->addEntry(targetContainer(), name, message));
}

void CollectionsPane::editCurrent()
{
    const QModelIndex entry = currentIndex();
    const CollectionNode *node = m_model->node(entry);
    if (!node || node->isFolder())
        return;
    QString name = node->name();
    CollectionMessage message = node->message();
    if (!editEntry(entry, &name, &message))
        return;
    m_model->setData(entry, name);
    m_model->setMessage(entry, message);
    updateActions(); // Send or Run
}

void CollectionsPane::renameCurrent()
{
    m_ui->treeView->edit(m_ui->treeView->currentIndex());
}

void CollectionsPane::removeCurrent()
{
    const QModelIndex index = currentIndex();
    const CollectionNode *node = m_model->node(index);
    if (!node)
        return;
    QString question;
    if (!node->parent())
        question = tr("Delete the collection %1 and its file?").arg(node->name());
    else if (node->isFolder() && node->childCount() > 0)
        question = tr("Delete the folder %1 and everything in it?").arg(node->name());
    if (!question.isEmpty() &&
        QMessageBox::question(this, tr("Delete"), question) != QMessageBox::Yes)
        return;
    m_model->removeNode(index);
}

void CollectionsPane::importCollection()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import collection"), QString(),
                                                      tr("Collections (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    CollectionFile::LoadError error;
    const QModelIndex imported = m_model->importFile(path, &error);
    if (!imported.isValid()) {
        showError(tr("Not imported: %1").arg(error.text()));
        return;
    }
    setCurrentIndex(imported);
    showStatus(tr("Imported %1").arg(m_model->node(imported)->name()));
}

void CollectionsPane::exportCollection()
{
    const int row = m_model->collectionRow(currentIndex());
    if (row < 0)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export collection"),
                                                      QFileInfo(m_model->filePath(row)).fileName(),
                                                      tr("Collections (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (m_model->exportCollection(row, path, &error))
        showStatus(tr("Exported to %1").arg(QDir::toNativeSeparators(path)));
    else
        showError(error);
}

void CollectionsPane::editEnvironments()
{
    const int row = m_model->collectionRow(currentIndex());
    if (row < 0)
        return;
    CollectionEnvironmentsDialog dialog(m_model->collection(row).name(),
                                        m_model->collection(row).environments(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_model->setEnvironments(row, dialog.environments());
}
