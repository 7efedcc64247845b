// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QKeyEvent;
class QWidget;

// Makes a window's own shortcuts win over the key bindings of whatever widget has focus.
// Text fields claim some chords for editing (under X11 a line edit takes Ctrl+K as "delete to
// the end of the line" and Ctrl+E as "go to the end"), so Connect would not fire and the
// user's text would be cut. The actions given here keep their keys in every widget of the
// window: enabled ones fire, disabled ones do nothing (the text stays as it is).
class WindowShortcuts : public QObject
{
    Q_OBJECT
public:
    explicit WindowShortcuts(QWidget *window);
    ~WindowShortcuts() override;

    void addAction(QAction *action);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool isReserved(const QKeyEvent *event) const;

    QWidget *m_window = nullptr;
    QList<QPointer<QAction>> m_actions;
};
