// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QWidget>

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
