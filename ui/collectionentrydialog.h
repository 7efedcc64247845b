// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "collection.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;

// Edits a collection entry: its name and kind; a message's topic, payload in one of the
// composer's formats, QoS, retain and 5.0 properties, or a script's JavaScript source. As the user
// types, the entry is tried as it would be sent (the checker the pane gives: variables expanded,
// payload encoded) and the result or the problem is shown under the fields.
class CollectionEntryDialog : public QDialog
{
    Q_OBJECT
public:
    // What the entry would send, or why it would not: ok false with the problem.
    struct Check
    {
        bool ok = false;
        QString text;
    };
    using Checker = std::function<Check(const CollectionMessage &message)>;

    explicit CollectionEntryDialog(const Checker &checker, QWidget *parent = nullptr);

    QString name() const;
    void setName(const QString &name);
    CollectionMessage message() const;
    void setMessage(const CollectionMessage &message);
    // The line under the fields: what the entry sends or what is wrong.
    QString checkText() const;

private:
    void recheck();
    void updateTypeField();

    Checker m_checker;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QPlainTextEdit *m_script;
    QLineEdit *m_topic;
    QComboBox *m_format;
    QComboBox *m_type;
    QPlainTextEdit *m_payload;
    QComboBox *m_qos;
    QCheckBox *m_retain;
    QLineEdit *m_contentType;
    QComboBox *m_payloadIndicator;
    QSpinBox *m_expiry;
    QLineEdit *m_responseTopic;
    QLineEdit *m_correlation;
    QComboBox *m_correlationFormat;
    QPlainTextEdit *m_userProperties;
    QLabel *m_check;
    QDialogButtonBox *m_buttons;
};
