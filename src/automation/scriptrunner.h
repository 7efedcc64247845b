// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "scriptreport.h"
#include "scriptsession.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <mutex>

class QThread;

namespace Script {

// Runs a script (docs/scripting.md) on a thread of its own, with its own QJSEngine and MQTT
// client made on that thread, so that a script waiting in expect() or sleep() never blocks the
// caller. What happens comes out as signals (queued to the caller's thread); a time limit ends
// a runaway script through QJSEngine::setInterrupted() from a watchdog thread, and stop()
// ends it at once. One script at a time per runner.
//
//     Script::ScriptRunner runner;
//     runner.setVariables({{"MQTT_URL", "mqtt://127.0.0.1:1883"}});
//     connect(&runner, &Script::ScriptRunner::finished, ...);
//     runner.start(source, "check.js");
class ScriptRunner : public QObject
{
    Q_OBJECT
public:
    explicit ScriptRunner(QObject *parent = nullptr);
    // Stops a running script and waits for its thread.
    ~ScriptRunner() override;

    // How connect("name") finds a saved profile; it is called on the script's thread.
    void setProfileResolver(const ProfileResolver &resolver) { m_settings.profiles = resolver; }
    // What env(name) returns to the script.
    void setVariables(const QHash<QString, QString> &variables)
    {
        m_settings.variables = variables;
    }
    QHash<QString, QString> variables() const { return m_settings.variables; }
    // The time a run may take before it is interrupted; 0 for none. 60 s by default.
    int timeLimitMs() const { return m_settings.timeLimitMs; }
    void setTimeLimitMs(int milliseconds) { m_settings.timeLimitMs = milliseconds; }

    // Starts source (fileName names it in messages); false when a script is still running.
    bool start(const QString &source, const QString &fileName);
    // Ends the running script as soon as it can; finished() follows with an error "stopped".
    void stop();
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    void started(const QString &fileName);
    // A line the script wrote with log(), or a notice of the runtime (a lost connection).
    void logged(const QString &line);
    void testStarted(const QString &name);
    void testFinished(const Script::TestResult &result);
    // An error outside tests (with the line where it happened, when known).
    void errorOccurred(const Script::ScriptError &error);
    void finished(const Script::ScriptReport &report);

private:
    void finish(const Script::ScriptReport &report);

    SessionSettings m_settings;
    QThread *m_thread = nullptr;
    std::mutex m_sessionMutex;
    ScriptSession *m_session = nullptr; // while the thread runs one (under m_sessionMutex)
    bool m_stopRequested = false; // stop() before the session existed (under m_sessionMutex)
};

} // namespace Script
