// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "scriptreport.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <memory>

class ProfileStore;
class QTextCharFormat;

namespace Script {
class ScriptRunner;
}
namespace Ui {
class ScriptConsole;
}

// Tools → Script console: an editor for a script (docs/scripting.md), Run and Stop, and what
// the script writes, its tests' results and its errors with their line numbers (the editor
// marks those lines). The script runs on a thread of its own (Script::ScriptRunner), so the
// window stays responsive while it waits; connect("name") finds the saved profiles (without
// their passwords, which stay in the keychain: give one in connect()'s options).
class ScriptConsole : public QWidget
{
    Q_OBJECT
public:
    explicit ScriptConsole(ProfileStore *profiles, QWidget *parent = nullptr);
    ~ScriptConsole() override;

    QString script() const;
    void setScript(const QString &text);
    QString fileName() const { return m_fileName; }
    bool isRunning() const;
    // The output as plain text (tests).
    QString outputText() const;

    void run();
    // Runs source under name (e.g. a collection entry's script), as if typed in: it replaces
    // the editor's text (an undoable edit, so Ctrl+Z brings the earlier text back), so that the
    // lines of errors point into it. env() sees the process environment with variables over
    // it (for Run again too, until a file is opened or saved). False (and says so in the
    // output) when a script is still running.
    bool runScript(const QString &source, const QString &name,
                   const QHash<QString, QString> &variables = {});
    void stop();
    // Reads a script file into the editor; false (and says why) when it cannot.
    bool openFile(const QString &path);
    bool saveFile(const QString &path);

Q_SIGNALS:
    // The run ended: its tests and errors.
    void runFinished(const Script::ScriptReport &report);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Tone { Plain, Success, Error, Muted };
    void append(const QString &text, Tone tone);
    void markLine(int line);
    void setRunning(bool running);
    void chooseFileToOpen();
    void chooseFileToSave();
    void showFileName();
    bool start(const QString &name, const QHash<QString, QString> &variables);

    std::unique_ptr<Ui::ScriptConsole> m_ui;
    ProfileStore *m_profiles;
    Script::ScriptRunner *m_runner;
    QString m_fileName;
    // What the editor holds when it is not a file (a collection entry), and its env() values,
    // which Run uses again.
    QString m_scriptName;
    QHash<QString, QString> m_scriptVariables;
    QHash<QString, QString> m_systemVariables; // the process environment, for env()
    QSet<int> m_markedLines;
};
