// SPDX-License-Identifier: Apache-2.0
#include "scriptconsole.h"
#include "ui_scriptconsole.h"

#include "profilestore.h"
#include "scriptrunner.h"
#include "theme.h"

#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHash>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QShortcut>
#include <QTextBlock>

ScriptConsole::ScriptConsole(ProfileStore *profiles, QWidget *parent)
    : QWidget(parent),
      m_ui(std::make_unique<Ui::ScriptConsole>()),
      m_profiles(profiles),
      m_runner(new Script::ScriptRunner(this))
{
    m_ui->setupUi(this);
    m_ui->editor->setObjectName(QStringLiteral("scriptEditor"));
    m_ui->output->setObjectName(QStringLiteral("scriptOutput"));
    m_ui->runButton->setObjectName(QStringLiteral("runScriptButton"));
    m_ui->stopButton->setObjectName(QStringLiteral("stopScriptButton"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->editor->setFont(fixed);
    m_ui->output->setFont(fixed);
    m_ui->editor->setPlaceholderText(
            tr("Write a script here or open one: connect(), subscribe(), publish(), on(), "
               "expect(), sleep(), test(), log() (see docs/scripting.md)"));
    m_ui->output->setPlaceholderText(tr("What the script logs, its tests and its errors"));
    // A script that logs every message of a flood must not fill the memory.
    m_ui->output->setMaximumBlockCount(10000);
    setFocusProxy(m_ui->editor);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    showFileName();

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys())
        m_systemVariables.insert(name, environment.value(name));

    connect(m_ui->runButton, &QPushButton::clicked, this, &ScriptConsole::run);
    connect(m_ui->stopButton, &QPushButton::clicked, this, &ScriptConsole::stop);
    connect(m_ui->openButton, &QPushButton::clicked, this, &ScriptConsole::chooseFileToOpen);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &ScriptConsole::chooseFileToSave);
    auto *runShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), m_ui->editor);
    runShortcut->setContext(Qt::WidgetShortcut);
    connect(runShortcut, &QShortcut::activated, this, &ScriptConsole::run);

    connect(m_runner, &Script::ScriptRunner::logged, this,
            [this](const QString &line) { append(line, Tone::Plain); });
    connect(m_runner, &Script::ScriptRunner::testFinished, this,
            [this](const Script::TestResult &test) {
                if (test.isPassed()) {
                    append(tr("PASS  %1 (%2 ms)").arg(test.name).arg(test.durationMs),
                           Tone::Success);
                    return;
                }
                append(tr("FAIL  %1 (%2 ms)").arg(test.name).arg(test.durationMs), Tone::Error);
                const QString where = test.location.isKnown()
                                              ? tr("line %1: ").arg(test.location.line)
                                              : QString();
                append(QStringLiteral("      ") + where + test.message, Tone::Error);
                markLine(test.location.line);
            });
    connect(m_runner, &Script::ScriptRunner::errorOccurred, this,
            [this](const Script::ScriptError &error) {
                append(error.location.isKnown() ? tr("Error at line %1: %2")
                                                          .arg(error.location.line)
                                                          .arg(error.message)
                                                : tr("Error: %1").arg(error.message),
                       Tone::Error);
                markLine(error.location.line);
            });
    connect(m_runner, &Script::ScriptRunner::finished, this,
            [this](const Script::ScriptReport &report) {
                append(tr("Finished in %1 s: tests %2, passed %3, failed %4, errors %5")
                               .arg(double(report.durationMs) / 1000.0, 0, 'f', 2)
                               .arg(report.tests.size())
                               .arg(report.tests.size() - report.failedTestCount())
                               .arg(report.failedTestCount())
                               .arg(report.errors.size()),
                       report.failureCount() == 0 ? Tone::Success : Tone::Muted);
                setRunning(false);
                Q_EMIT runFinished(report);
            });
}

ScriptConsole::~ScriptConsole() = default;

QString ScriptConsole::script() const
{
    return m_ui->editor->toPlainText();
}

void ScriptConsole::setScript(const QString &text)
{
    m_ui->editor->setPlainText(text);
}

bool ScriptConsole::isRunning() const
{
    return m_runner->isRunning();
}

QString ScriptConsole::outputText() const
{
    return m_ui->output->toPlainText();
}

void ScriptConsole::run()
{
    if (m_runner->isRunning())
        return;
    const QString name = !m_fileName.isEmpty()     ? QFileInfo(m_fileName).fileName()
                         : !m_scriptName.isEmpty() ? m_scriptName
                                                   : tr("untitled.js");
    start(name, m_fileName.isEmpty() ? m_scriptVariables : QHash<QString, QString>());
}

bool ScriptConsole::runScript(const QString &source, const QString &name,
                              const QHash<QString, QString> &variables)
{
    if (m_runner->isRunning()) {
        append(tr("%1 not run: a script is still running (Stop it first)").arg(name), Tone::Error);
        return false;
    }
    if (script() != source) {
        // One undoable edit instead of setPlainText(), which forgets the undo history.
        QTextCursor cursor(m_ui->editor->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(source);
    }
    m_fileName.clear();
    m_scriptName = name;
    m_scriptVariables = variables;
    showFileName();
    return start(name, variables);
}

bool ScriptConsole::start(const QString &name, const QHash<QString, QString> &variables)
{
    QHash<QString, QString> environment = m_systemVariables;
    environment.insert(variables);
    m_runner->setVariables(environment);
    // The profiles as they are now, copied: the resolver runs on the script's thread.
    QHash<QString, Mqtt::ConnectionOptions> profiles;
    if (m_profiles) {
        for (const QString &name : m_profiles->profileNames()) {
            if (const std::optional<ConnectionProfile> profile = m_profiles->profile(name))
                profiles.insert(name, profile->toConnectionOptions());
        }
    }
    m_runner->setProfileResolver(
            [profiles](const QString &name) -> std::optional<Mqtt::ConnectionOptions> {
                const auto it = profiles.constFind(name);
                if (it == profiles.cend())
                    return std::nullopt;
                return *it;
            });
    m_runner->setTimeLimitMs(m_ui->timeLimitSpin->value() * 1000);
    m_ui->output->clear();
    m_markedLines.clear();
    m_ui->editor->setExtraSelections({});
    append(tr("Running %1…").arg(name), Tone::Muted);
    const bool started = m_runner->start(script(), name);
    setRunning(started);
    return started;
}

void ScriptConsole::stop()
{
    m_runner->stop();
}

void ScriptConsole::setRunning(bool running)
{
    m_ui->runButton->setEnabled(!running);
    m_ui->stopButton->setEnabled(running);
}

void ScriptConsole::append(const QString &text, Tone tone)
{
    QTextCharFormat format;
    switch (tone) {
    case Tone::Plain:
        break;
    case Tone::Success:
        format.setForeground(Theme::color(Theme::Role::Success, palette()));
        break;
    case Tone::Error:
        format.setForeground(Theme::color(Theme::Role::Error, palette()));
        break;
    case Tone::Muted:
        format.setForeground(Theme::color(Theme::Role::Muted, palette()));
        break;
    }
    QTextCursor cursor(m_ui->output->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_ui->output->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(text, format);
    m_ui->output->ensureCursorVisible();
}

void ScriptConsole::markLine(int line)
{
    if (line <= 0 || m_markedLines.contains(line))
        return;
    const QTextBlock block = m_ui->editor->document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    m_markedLines.insert(line);
    QTextEdit::ExtraSelection selection;
    selection.cursor = QTextCursor(block);
    selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    selection.format.setUnderlineColor(Theme::color(Theme::Role::Error, palette()));
    selection.format.setProperty(QTextFormat::FullWidthSelection, true);
    selection.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    QList<QTextEdit::ExtraSelection> selections = m_ui->editor->extraSelections();
    selections.append(selection);
    m_ui->editor->setExtraSelections(selections);
}

bool ScriptConsole::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        append(tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
               Tone::Error);
        return false;
    }
    setScript(QString::fromUtf8(file.readAll()));
    m_fileName = path;
    m_scriptName.clear();
    m_scriptVariables.clear();
    showFileName();
    return true;
}

bool ScriptConsole::saveFile(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(script().toUtf8()) < 0 || !file.commit()) {
        append(tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
               Tone::Error);
        return false;
    }
    m_fileName = path;
    m_scriptName.clear();
    m_scriptVariables.clear();
    showFileName();
    return true;
}

void ScriptConsole::chooseFileToOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open script"), m_fileName,
                                                      tr("JavaScript (*.js);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void ScriptConsole::chooseFileToSave()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save script"), m_fileName,
                                                      tr("JavaScript (*.js);;All files (*)"));
    if (!path.isEmpty())
        saveFile(path);
}

void ScriptConsole::showFileName()
{
    m_ui->fileLabel->setText(!m_fileName.isEmpty()     ? QFileInfo(m_fileName).fileName()
                             : !m_scriptName.isEmpty() ? tr("%1 (not saved)").arg(m_scriptName)
                                                       : tr("(not saved)"));
    m_ui->fileLabel->setToolTip(QDir::toNativeSeparators(m_fileName));
}

void ScriptConsole::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showFileName();
    }
    QWidget::changeEvent(event);
}
