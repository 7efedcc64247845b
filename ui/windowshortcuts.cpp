// SPDX-License-Identifier: Apache-2.0
#include "windowshortcuts.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

WindowShortcuts::WindowShortcuts(QWidget *window) : QObject(window), m_window(window)
{
    // The ShortcutOverride event goes to the focus widget: only the application sees them all.
    qApp->installEventFilter(this);
}

WindowShortcuts::~WindowShortcuts()
{
    qApp->removeEventFilter(this);
}

void WindowShortcuts::addAction(QAction *action)
{
    m_actions.append(action);
}

bool WindowShortcuts::isReserved(const QKeyEvent *event) const
{
    // The keypad's Enter is the same chord as Return for a person.
    const QKeySequence pressed(
            QKeyCombination(event->modifiers() & ~Qt::KeypadModifier, Qt::Key(event->key())));
    for (const QPointer<QAction> &action : m_actions) {
        if (!action)
            continue;
        const QList<QKeySequence> shortcuts = action->shortcuts();
        for (const QKeySequence &shortcut : shortcuts) {
            if (shortcut == pressed)
                return true;
        }
    }
    return false;
}

bool WindowShortcuts::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::ShortcutOverride && type != QEvent::KeyPress)
        return false;
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || widget->window() != m_window)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    if (!isReserved(key))
        return false;
    if (type == QEvent::ShortcutOverride) {
        // Not claimed by the widget: the shortcut map gets the chord and fires the action.
        key->ignore();
        return true;
    }
    // A KeyPress arrives only when no enabled action took the chord: it is not for editing.
    return true;
}
