// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "toptalkersmodel.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QTableView;

namespace Ui {
class TopTalkersPane;
}

// Top talkers as a live table: the topics (or subtrees) that receive the most messages or
// bytes per second over the chosen window, sortable by each column. Choosing a row asks for
// the log and the topic tree to be narrowed to it (filterChosen()); *Show all topics* asks to
// undo that. The window, the kind of rows and the sort are the pane's and apply to whichever
// connection's model it shows.
class TopTalkersPane : public QWidget
{
    Q_OBJECT
public:
    explicit TopTalkersPane(QWidget *parent = nullptr);
    ~TopTalkersPane() override;

    void setModel(TopTalkersModel *model);
    TopTalkersModel *model() const { return m_model; }
    QTableView *tableView() const;

    TopTalkersModel::Window window() const { return m_window; }
    void setWindow(TopTalkersModel::Window window);
    TopTalkersModel::Kind kind() const { return m_kind; }
    void setKind(TopTalkersModel::Kind kind);
    // Narrowed to a row's filter (the topic, or "a/b/#"); empty when not narrowed.
    QString narrowedTo() const { return m_narrowedTo; }
    // Chooses the row, as a click does.
    void chooseRow(int row);
    void showAll();
    QString totalsText() const;

Q_SIGNALS:
    void filterChosen(const QString &filter);
    void showAllRequested();

private:
    void applySettings();
    void updateTotals();

    std::unique_ptr<Ui::TopTalkersPane> m_ui;
    QPointer<TopTalkersModel> m_model;
    QMetaObject::Connection m_refreshedConnection;
    TopTalkersModel::Window m_window = TopTalkersModel::Window::TenSeconds;
    TopTalkersModel::Kind m_kind = TopTalkersModel::Kind::Topics;
    QString m_narrowedTo;
};
