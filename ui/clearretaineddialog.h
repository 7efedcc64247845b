// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QStringList>

#include <memory>

class QPushButton;

namespace Ui {
class ClearRetainedDialog;
}

// The dry run of "Clear retained messages below X": lists the exact topics that hold a
// retained message, and clears them only when the user agrees.
class ClearRetainedDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ClearRetainedDialog(const QString &topic, const QStringList &topics,
                                 QWidget *parent = nullptr);
    ~ClearRetainedDialog() override;

    QString topic() const { return m_topic; }
    QStringList topics() const { return m_topics; }
    // The button that clears (for tests).
    QPushButton *clearButton() const { return m_clearButton; }

private:
    std::unique_ptr<Ui::ClearRetainedDialog> m_ui;
    QString m_topic;
    QStringList m_topics;
    QPushButton *m_clearButton = nullptr;
};
