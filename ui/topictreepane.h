// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTimer>
#include <QWidget>

#include <memory>

class QModelIndex;
class QPoint;
class QTreeView;
class TopicDetailPane;
class TopicTreeModel;
class TopicTreeProxyModel;

namespace Ui {
class TopicTreePane;
}

// The topic tree as a place to work: a search box (text or MQTT filter), the tree sorted and
// searched through a TopicTreeProxyModel, a legend, a brief tint on nodes that just changed,
// and the selected topic's details beside it. Retained-message actions are asked for with
// signals; the window carries them out.
class TopicTreePane : public QWidget
{
    Q_OBJECT
public:
    enum class Highlight { On, Off };
    Q_ENUM(Highlight)
    static constexpr int HighlightDuration = 1000; // ms a changed node stays tinted
    static constexpr int SearchDelay = 150; // ms after the last key before the tree is searched

    explicit TopicTreePane(QWidget *parent = nullptr);
    ~TopicTreePane() override;

    void setTopicTree(TopicTreeModel *tree);
    TopicTreeProxyModel *proxy() const { return m_proxy; }
    TopicDetailPane *detailPane() const;
    QTreeView *treeView() const;

    // Searches at once (the search box waits for a pause in typing).
    void setSearchText(const QString &text);
    void selectTopic(const QString &topic);
    QString selectedTopic() const;

    Highlight highlight() const { return m_highlight; }
    void setHighlight(Highlight highlight);

    // A line under the search box (e.g. the result of finding retained messages).
    void showStatus(const QString &text);
    QString statusText() const;

    void saveState(const QString &settingsGroup) const;
    void restoreState(const QString &settingsGroup);

Q_SIGNALS:
    void topicSelected(const QString &topic);
    void findRetainedRequested(const QString &topic);
    void clearRetainedRequested(const QString &topic); // the topic's own retained message
    void clearRetainedBelowRequested(const QString &topic);
    void topicChosenForPublishing(const QString &topic);
    // "Decode as…" in a topic's context menu.
    void decodeAsRequested(const QString &topic);
    // "Chart this" in a topic's context menu.
    void chartRequested(const QString &topic);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applySearch();
    void expandMatches();
    void onCurrentChanged(const QModelIndex &current);
    void onContextMenu(const QPoint &position);
    void onTreeFlushed();
    void updateHighlights();
    void updateButtons();

    class HighlightDelegate;

    std::unique_ptr<Ui::TopicTreePane> m_ui;
    TopicTreeModel *m_tree = nullptr;
    TopicTreeProxyModel *m_proxy = nullptr;
    HighlightDelegate *m_delegate = nullptr;
    Highlight m_highlight = Highlight::On;
    QTimer m_searchTimer;
    QTimer m_highlightTimer; // repaints while tints fade; stops when nothing changes
    qint64 m_lastChangeMs = 0;
};
