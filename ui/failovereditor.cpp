// SPDX-License-Identifier: Apache-2.0
#include "failovereditor.h"

#include "connectionoptions.h"
#include "theme.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

FailoverEditor::FailoverEditor(QWidget *parent)
    : QGroupBox(tr("Failover brokers"), parent),
      m_list(new QListWidget(this)),
      m_addButton(new QToolButton(this)),
      m_removeButton(new QToolButton(this)),
      m_upButton(new QToolButton(this)),
      m_downButton(new QToolButton(this)),
      m_problemLabel(new QLabel(this)),
      m_followCheck(new QCheckBox(tr("&Follow a server reference (MQTT 5.0)"), this))
{
    setObjectName(QStringLiteral("failoverEditor"));
    m_list->setObjectName(QStringLiteral("failoverList"));
    m_addButton->setObjectName(QStringLiteral("failoverAddButton"));
    m_removeButton->setObjectName(QStringLiteral("failoverRemoveButton"));
    m_upButton->setObjectName(QStringLiteral("failoverUpButton"));
    m_downButton->setObjectName(QStringLiteral("failoverDownButton"));
    m_problemLabel->setObjectName(QStringLiteral("failoverProblemLabel"));
    m_followCheck->setObjectName(QStringLiteral("followServerReferenceCheck"));

    auto *hint = new QLabel(tr("Tried in this order when the broker above cannot be reached, "
                               "refuses or is lost; one URL a row, e.g. mqtt://host:1883."),
                            this);
    hint->setWordWrap(true);
    m_list->setDragDropMode(QAbstractItemView::InternalMove); // the order, by dragging too
    m_list->setUniformItemSizes(true);
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 6);
    m_list->setAccessibleName(tr("Failover brokers"));
    m_addButton->setText(QStringLiteral("+"));
    m_addButton->setToolTip(tr("Add a broker"));
    m_removeButton->setText(QStringLiteral("−"));
    m_removeButton->setToolTip(tr("Remove the selected broker"));
    m_upButton->setArrowType(Qt::UpArrow);
    m_upButton->setToolTip(tr("Try the selected broker earlier"));
    m_downButton->setArrowType(Qt::DownArrow);
    m_downButton->setToolTip(tr("Try the selected broker later"));
    Theme::setTextRole(m_problemLabel, Theme::Role::Error);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->hide();
    m_followCheck->setToolTip(tr("A broker that answers \"Use another server\" or \"Server "
                                 "moved\" with a server reference sends the next attempt "
                                 "there."));

    auto *buttons = new QVBoxLayout;
    for (QToolButton *button : {m_addButton, m_removeButton, m_upButton, m_downButton})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_list);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(row);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_followCheck);

    connect(m_addButton, &QToolButton::clicked, this, [this] { addUrl(); });
    connect(m_removeButton, &QToolButton::clicked, this, &FailoverEditor::removeCurrentRow);
    connect(m_upButton, &QToolButton::clicked, this, [this] { moveCurrentRow(-1); });
    connect(m_downButton, &QToolButton::clicked, this, [this] { moveCurrentRow(1); });
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        validate();
        emit changed();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &FailoverEditor::updateButtons);
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        updateButtons();
        emit changed();
    });
    connect(m_followCheck, &QCheckBox::toggled, this, &FailoverEditor::changed);
    updateButtons();
}

QStringList FailoverEditor::urls() const
{
    QStringList result;
    for (int row = 0; row < m_list->count(); ++row) {
        const QString url = m_list->item(row)->text().trimmed();
        if (!url.isEmpty())
            result.append(url);
    }
    return result;
}

void FailoverEditor::setUrls(const QStringList &urls)
{
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const QString &url : urls) {
            auto *item = new QListWidgetItem(url, m_list);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
    }
    validate();
    updateButtons();
}

void FailoverEditor::addUrl(const QString &url)
{
    auto *item = new QListWidgetItem(url);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_list->addItem(item);
    m_list->setCurrentItem(item);
    if (url.isEmpty())
        m_list->editItem(item);
    validate();
    updateButtons();
    emit changed();
}

void FailoverEditor::moveCurrentRow(int offset)
{
    const int row = m_list->currentRow();
    const int target = row + offset;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    validate();
    updateButtons();
    emit changed();
}

void FailoverEditor::removeCurrentRow()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    delete m_list->takeItem(row);
    validate();
    updateButtons();
    emit changed();
}

bool FailoverEditor::followServerReference() const
{
    return m_followCheck->isChecked();
}

void FailoverEditor::setFollowServerReference(bool follow)
{
    m_followCheck->setChecked(follow);
}

void FailoverEditor::setServerReferenceAvailable(bool available)
{
    m_followCheck->setEnabled(available);
}

QString FailoverEditor::problem() const
{
    return m_problem;
}

void FailoverEditor::validate()
{
    const QSignalBlocker blocker(m_list); // icons and tool tips are no edit
    m_problem.clear();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        Mqtt::BrokerAddress address;
        QString error;
        const bool usable = item->text().trimmed().isEmpty() ||
                            Mqtt::parseBrokerAddress(item->text(), &address, &error);
        item->setIcon(usable ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
        item->setToolTip(usable ? QString() : error);
        if (!usable && m_problem.isEmpty())
            m_problem = tr("Failover broker %1: %2").arg(row + 1).arg(error);
    }
    m_problemLabel->setText(m_problem);
    m_problemLabel->setVisible(!m_problem.isEmpty());
}

void FailoverEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_removeButton->setEnabled(row >= 0);
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row + 1 < m_list->count());
}
