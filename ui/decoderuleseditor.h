// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoderules.h"

#include <QDialog>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Payload {
class PayloadDecoder;
}

// One rule "topic filter -> decoder (+ message type or number format)", checked as typed: the
// filter by the engine's topic filter rules, the decoder spec by Payload::DecoderSpec and the
// checker's loaded .proto files (PayloadDecoder::check()). The problem is shown under the
// field it is about.
class DecodeRuleForm : public QWidget
{
    Q_OBJECT
public:
    explicit DecodeRuleForm(QWidget *parent = nullptr);
    ~DecodeRuleForm() override;

    // Decides whether a protobuf type exists and offers the loaded types; not owned.
    void setChecker(const Payload::PayloadDecoder *checker);
    void setRule(const Payload::DecodeRule &rule);
    // What the fields hold, whether or not it is valid.
    Payload::DecodeRule editedRule() const;
    // The rule if it can be used now; nullopt with the problem shown (and in *problem).
    std::optional<Payload::DecodeRule> rule(QString *problem = nullptr) const;
    // Checks the fields again (after the checker's .proto files changed).
    void revalidate();

    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *decoderCombo() const { return m_decoder; }
    QComboBox *typeCombo() const { return m_type; }
    QString filterProblemText() const;
    QString typeProblemText() const;

Q_SIGNALS:
    // The user changed a field.
    void ruleEdited();

private:
    void onDecoderChanged();
    QString filterProblem() const;
    QString specProblem(Payload::DecoderSpec *spec) const;

    const Payload::PayloadDecoder *m_checker = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterProblem = nullptr;
    QComboBox *m_decoder = nullptr;
    QLabel *m_typeLabel = nullptr;
    QComboBox *m_type = nullptr;
    QLabel *m_typeProblem = nullptr;
    QString m_typeText; // the type typed for protobuf or numbers
    bool m_filling = false;
};

// A connection's payload decoding: the ordered rules (the first whose filter matches a topic
// decides; topics no rule names are guessed), edited one at a time, and the folders whose
// .proto files the protobuf decoder reads. Refuses to close with OK while a rule is invalid.
class DecodeRulesEditor : public QDialog
{
    Q_OBJECT
public:
    explicit DecodeRulesEditor(QWidget *parent = nullptr);
    ~DecodeRulesEditor() override;

    void setRules(const Payload::DecodeRules &rules);
    Payload::DecodeRules rules() const;
    void setProtoPaths(const QStringList &folders);
    QStringList protoPaths() const;

    // What the buttons do (the folder button asks with a folder dialog first).
    void addRule(const Payload::DecodeRule &rule);
    void removeCurrentRule();
    void moveCurrentRule(int offset); // -1 up, +1 down
    void addProtoFolder(const QString &folder);
    void removeCurrentProtoFolder();
    void selectRule(int row);

    DecodeRuleForm *form() const { return m_form; }
    QListWidget *ruleList() const { return m_list; }
    // Why OK was refused, or why a .proto did not load; empty when all is well.
    QString problemText() const;

    void accept() override;

private:
    void loadProtoFiles();
    void showCurrentRule();
    void onRuleEdited();
    void updateItem(int row);
    void updateButtons();
    void chooseProtoFolder();

    std::unique_ptr<Payload::PayloadDecoder> m_checker;
    QList<Payload::DecodeRule> m_rules; // as edited, possibly invalid
    QListWidget *m_list = nullptr;
    DecodeRuleForm *m_form = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_upButton = nullptr;
    QPushButton *m_downButton = nullptr;
    QListWidget *m_folders = nullptr;
    QPushButton *m_removeFolderButton = nullptr;
    QLabel *m_protoProblem = nullptr;
    QLabel *m_problem = nullptr;
};

// "Decode as…" on a topic or a message: a rule for it (the filter prefilled with the topic,
// which the user may widen to a wildcard) with a chosen decoder; checked like the editor's.
class DecodeAsDialog : public QDialog
{
    Q_OBJECT
public:
    // checker: the connection's decoder (its loaded .proto files); not owned.
    DecodeAsDialog(const QString &topic, const Payload::PayloadDecoder *checker,
                   QWidget *parent = nullptr);
    ~DecodeAsDialog() override;

    DecodeRuleForm *form() const { return m_form; }
    // The rule chosen (valid once accepted).
    Payload::DecodeRule rule() const { return m_form->editedRule(); }

    void accept() override;

private:
    DecodeRuleForm *m_form = nullptr;
};
