// SPDX-License-Identifier: Apache-2.0
#include "clearretaineddialog.h"
#include "ui_clearretaineddialog.h"

#include <QPushButton>

ClearRetainedDialog::ClearRetainedDialog(const QString &topic, const QStringList &topics,
                                         QWidget *parent)
    : QDialog(parent), m_ui(new Ui::ClearRetainedDialog), m_topic(topic), m_topics(topics)
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Clear retained messages"));
    const QString where =
            topic.isEmpty() ? tr("on the whole broker") : tr("at and below \"%1\"").arg(topic);
    m_ui->summaryLabel->setText(
            tr("%Ln topic(s) %1 hold a retained message that this window knows of. Clearing "
               "publishes an empty retained message to each; the broker then forgets it. "
               "Nothing has been sent yet.",
               nullptr, int(topics.size()))
                    .arg(where));
    m_ui->topicList->addItems(topics);
    m_clearButton = m_ui->buttonBox->addButton(
            tr("Clear %Ln retained message(s)", nullptr, int(topics.size())),
            QDialogButtonBox::DestructiveRole);
    m_clearButton->setEnabled(!topics.isEmpty());
    connect(m_clearButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setDefault(true);
}

ClearRetainedDialog::~ClearRetainedDialog() = default;
