// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decodedpayloadview.h"
#include "topictreemodel.h"

#include <QWidget>

#include <memory>

namespace Ui {
class TopicDetailPane;
}

// What the topic tree knows of one topic: its last value (pretty-printed), QoS, retain flag,
// time and size, whether the broker holds a retained message for it, and its recent history
// (selecting an entry shows that value).
class TopicDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit TopicDetailPane(QWidget *parent = nullptr);
    ~TopicDetailPane() override;

    void setTopicTree(TopicTreeModel *tree);
    // The topic to show; empty shows nothing.
    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }
    // Shows the tree's latest state of the topic (called after each flush of the tree).
    void refresh();

    // How the shown value is decoded; without it the value is shown as text only.
    void setPayloadDecoding(const PayloadDecoding &decoding);
    // Decodes the shown value again (the rules changed).
    void refreshDecoding();
    DecodedPayloadView *decodedView() const { return m_decodedView; }
    bool isDecodedShown() const;

    // The shown value as text (for tests and copying).
    QString valueText() const;
    int historyCount() const;

private:
    void showEntry(const TopicTreeModel::HistoryEntry &entry, bool latest);
    void clearFields();
    void showValue();

    std::unique_ptr<Ui::TopicDetailPane> m_ui;
    TopicTreeModel *m_tree = nullptr;
    QString m_topic;
    QList<TopicTreeModel::HistoryEntry> m_history; // as shown, newest first
    quint64 m_shownNewest = 0; // sequence of the newest entry shown
    quint64 m_chosenSequence = 0; // the history entry the user selected, 0: the latest
    TopicTreeModel::HistoryEntry m_shownEntry;
    PayloadDecoding m_decoding;
    DecodedPayloadView *m_decodedView = nullptr;
};
