// SPDX-License-Identifier: Apache-2.0
#include "chartdock.h"

#include "chartpane.h"
#include "chartseries.h"
#include "connectionworkspace.h"
#include "decodedpayloadview.h"
#include "messagelogpane.h"
#include "nodepath.h"
#include "theme.h"
#include "topicdetailpane.h"
#include "topictreemodel.h"
#include "topictreepane.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

ChartSeriesDialog::ChartSeriesDialog(const QString &topic, const QString &path,
                                     std::shared_ptr<const Payload::DecodeResult> last,
                                     QWidget *parent)
    : QDialog(parent), m_last(std::move(last))
{
    setWindowTitle(tr("Chart this"));
    m_topic = new QLineEdit(topic);
    m_topic->setObjectName(QStringLiteral("chartTopicEdit"));
    m_topic->setToolTip(tr("A topic, or a filter with + and # to chart several topics as one "
                           "series"));
    m_path = new QComboBox;
    m_path->setObjectName(QStringLiteral("chartPathCombo"));
    m_path->setEditable(true);
    m_path->setInsertPolicy(QComboBox::NoInsert);
    m_path->setMinimumContentsLength(30);
    m_path->lineEdit()->setPlaceholderText(tr("the whole payload"));
    m_path->setToolTip(tr("A field of the decoded payload: value, a.b.c, list[2], or "
                          "metrics[temperature] (the element whose name is temperature)"));
    if (m_last && m_last->isValid()) {
        for (const Payload::NodePath &numeric : Payload::NodePath::numericPaths(m_last->root)) {
            if (!numeric.isEmpty())
                m_path->addItem(numeric.toString());
        }
    }
    m_path->setEditText(path.isEmpty() && m_path->count() > 0 ? m_path->itemText(0) : path);
    m_preview = new QLabel;
    m_preview->setObjectName(QStringLiteral("chartPreviewLabel"));
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Topic:"), m_topic);
    form->addRow(tr("&Field:"), m_path);
    form->addRow(QString(), m_preview);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Chart"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(m_path, &QComboBox::editTextChanged, this, &ChartSeriesDialog::updatePreview);
    connect(m_topic, &QLineEdit::textChanged, this, &ChartSeriesDialog::updatePreview);
    updatePreview();
}

ChartSeriesDialog::~ChartSeriesDialog() = default;

QString ChartSeriesDialog::topicFilter() const
{
    return m_topic->text().trimmed();
}

QString ChartSeriesDialog::path() const
{
    return m_path->currentText().trimmed();
}

QString ChartSeriesDialog::previewText() const
{
    return m_preview->text();
}

void ChartSeriesDialog::updatePreview()
{
    const Payload::NodePath::Parsed parsed = Payload::NodePath::parse(path());
    QString text;
    Theme::Role role = Theme::Role::Muted;
    if (topicFilter().isEmpty()) {
        text = tr("Name a topic.");
        role = Theme::Role::Error;
    } else if (!parsed.isValid()) {
        text = tr("Not a field path: %1").arg(parsed.error);
        role = Theme::Role::Error;
    } else if (!m_last) {
        text = tr("No message on this topic yet.");
    } else if (!m_last->isValid()) {
        text = tr("The last message does not decode: %1").arg(m_last->error);
        role = Theme::Role::Warning;
    } else {
        const Payload::NodePath::Resolved resolved = parsed.path.resolve(m_last->root);
        if (resolved.number) {
            text = tr("In the last message: %1").arg(QString::number(*resolved.number, 'g', 10));
        } else {
            text = tr("Not a number in the last message: %1").arg(resolved.error);
            role = Theme::Role::Warning;
        }
    }
    m_preview->setText(text);
    m_preview->setStyleSheet(Theme::styleSheetColor(role, palette()));
    m_ok->setEnabled(role != Theme::Role::Error);
}

ChartDock::ChartDock(QWidget *parent)
    : QDockWidget(tr("Charts"), parent), m_model(new ChartSeriesModel(this)), m_pane(new ChartPane)
{
    setObjectName(QStringLiteral("chartDock"));
    m_model->setMaximumPoints(QSettings()
                                      .value(QStringLiteral("settings/chartMaximumPoints"),
                                             ChartSeriesModel::DefaultMaximumPoints)
                                      .toInt());
    m_pane->setModel(m_model);
    setWidget(m_pane);

    QSettings settings;
    const int count = settings.beginReadArray(QStringLiteral("charts/series"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        SavedSeries saved{settings.value(QStringLiteral("connection")).toString(),
                          settings.value(QStringLiteral("topic")).toString(),
                          settings.value(QStringLiteral("path")).toString()};
        if (!saved.topicFilter.isEmpty())
            m_waiting.append(saved);
    }
    settings.endArray();
    // Saved as the user adds and removes them (a connection closing leaves its series).
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChartDock::saveSeries);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ChartDock::saveSeries);
}

ChartDock::~ChartDock() = default;

void ChartDock::chartSaved(ConnectionWorkspace *workspace)
{
    for (qsizetype i = 0; i < m_waiting.size();) {
        const SavedSeries saved = m_waiting.at(i);
        if (saved.connectionName != workspace->name()) {
            ++i;
            continue;
        }
        m_waiting.removeAt(i);
        // A saved series that no longer parses (edited settings) is dropped, not charted.
        m_model->addSeries(workspace, saved.topicFilter, saved.path);
    }
}

void ChartDock::saveSeries() const
{
    QList<SavedSeries> all;
    for (int row = 0; row < m_model->seriesCount(); ++row) {
        const ChartSeriesModel::Series &series = m_model->series(row);
        all.append({series.connectionName, series.topicFilter, series.path.toString()});
    }
    all.append(m_waiting);
    QSettings settings;
    settings.remove(QStringLiteral("charts/series")); // no rows beyond the new size left over
    settings.beginWriteArray(QStringLiteral("charts/series"), int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("connection"), all.at(i).connectionName);
        settings.setValue(QStringLiteral("topic"), all.at(i).topicFilter);
        settings.setValue(QStringLiteral("path"), all.at(i).path);
    }
    settings.endArray();
}

void ChartDock::addConnection(ConnectionWorkspace *workspace, TopicTreePane *tree,
                              MessageLogPane *log)
{
    m_model->addConnection(workspace);
    // The series saved for it, now or once it has its name.
    chartSaved(workspace);
    connect(workspace, &ConnectionWorkspace::nameChanged, this,
            [this, workspace] { chartSaved(workspace); });
    connect(tree, &TopicTreePane::chartRequested, this,
            [this, workspace](const QString &topic) { chartThis(workspace, topic); });
    connect(tree->detailPane()->decodedView(), &DecodedPayloadView::chartRequested, this,
            [this, workspace, tree](const QString &path) {
                chartThis(workspace, tree->detailPane()->topic(), path);
            });
    connect(log->decodedView(), &DecodedPayloadView::chartRequested, this,
            [this, workspace, log](const QString &path) {
                chartThis(workspace, log->shownTopic(), path);
            });
}

void ChartDock::setCombinedPanes(TopicTreePane *tree, MessageLogPane *log,
                                 const std::function<ConnectionWorkspace *()> &current,
                                 const std::function<ConnectionWorkspace *(quint16 id)> &byId)
{
    connect(tree, &TopicTreePane::chartRequested, this,
            [this, current](const QString &topic) { chartThis(current(), topic); });
    connect(tree->detailPane()->decodedView(), &DecodedPayloadView::chartRequested, this,
            [this, current, tree](const QString &path) {
                chartThis(current(), tree->detailPane()->topic(), path);
            });
    connect(log->decodedView(), &DecodedPayloadView::chartRequested, this,
            [this, byId, log](const QString &path) {
                chartThis(byId(log->shownConnectionId()), log->shownTopic(), path);
            });
}

ChartSeriesDialog *ChartDock::chartThis(ConnectionWorkspace *workspace, const QString &topic,
                                        const QString &path)
{
    if (!workspace || topic.isEmpty())
        return nullptr;
    // The topic's last message, decoded as its views show it.
    std::shared_ptr<const Payload::DecodeResult> last;
    TopicTreeModel *tree = workspace->topicTree();
    tree->flush(); // the message the user right-clicked may still wait for the tree's timer
    const QList<TopicTreeModel::HistoryEntry> history = tree->history(tree->indexForTopic(topic));
    if (!history.isEmpty())
        last = workspace->decodeForView(topic, history.last().payload, history.last().decoded);
    auto *dialog = new ChartSeriesDialog(topic, path, last, parentWidget());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, workspace] {
        const ChartSeriesModel::Added added =
                m_model->addSeries(workspace, dialog->topicFilter(), dialog->path());
        if (!added.error.isEmpty()) {
            QMessageBox::warning(parentWidget(), tr("Chart this"), added.error);
            return;
        }
        bringForward();
    });
    dialog->open();
    return dialog;
}

void ChartDock::bringForward()
{
    show();
    raise();
}
