// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAction>
#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QMenu>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QTimer>
#include <QWidget>

#include <functional>

// Shared set-up for the GUI tests: an application identity of its own (so tests running in
// parallel do not share settings files) and QStandardPaths' test mode.
inline void setUpGuiTestEnvironment(const QString &testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("SwitchboardTests"));
    QApplication::setApplicationName(testName);
}

// Every file below a folder (recursively).
inline QStringList filesBelow(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

// Finds a child widget by object name and type, failing loudly when the form changed.
template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("The form has no widget named %s", name);
    return found;
}

// Shows a pane whose form scrolls (the connection pane) tall enough that nothing is scrolled
// away: QTest clicks land where a widget is on screen.
inline void showUnscrolled(QWidget *pane)
{
    pane->resize(qMax(pane->width(), 480), 4000);
    pane->show();
}

// Opens a popup menu with open() (which returns when the menu closes) and hands the menu, once
// shown, to act, which must close it (or trigger an entry); false when no menu showed.
inline bool withPopupMenu(const std::function<void()> &open, const std::function<void(QMenu *)> &act)
{
    bool shown = false;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu || !menu->isVisible())
            return;
        poll.stop();
        shown = true;
        act(menu);
        if (menu->isVisible())
            menu->close();
    });
    poll.start();
    open();
    poll.stop();
    return shown;
}

// The entry of the menu by its text without '&'; nullptr when it has none.
inline QAction *menuEntry(QMenu *menu, const QString &entry)
{
    for (QAction *action : menu->actions()) {
        if (action->text().remove(QLatin1Char('&')) == entry)
            return action;
    }
    return nullptr;
}

// Chooses the entry in the popup menu open() shows; false when it has no such enabled entry.
inline bool chooseFromMenu(const QString &entry, const std::function<void()> &open)
{
    bool chosen = false;
    withPopupMenu(open, [&](QMenu *menu) {
        QAction *action = menuEntry(menu, entry);
        if (!action || !action->isEnabled())
            return;
        menu->setActiveAction(action);
        QTest::keyClick(menu, Qt::Key_Return);
        chosen = true;
    });
    return chosen;
}
