// SPDX-License-Identifier: Apache-2.0
#include "scriptrunner.h"

#include <QThread>

namespace Script {

ScriptRunner::ScriptRunner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Script::TestResult>();
    qRegisterMetaType<Script::ScriptError>();
    qRegisterMetaType<Script::ScriptReport>();
}

ScriptRunner::~ScriptRunner()
{
    if (!m_thread)
        return;
    stop();
    m_thread->wait();
    delete m_thread;
}

bool ScriptRunner::start(const QString &source, const QString &fileName)
{
    if (m_thread)
        return false;
    {
        std::lock_guard<std::mutex> lock(m_sessionMutex);
        m_stopRequested = false;
    }
    const SessionSettings settings = m_settings;
    m_thread = QThread::create([this, settings, source, fileName] {
        // Made here, so that the engine, the client and their sockets belong to this thread.
        ScriptSession session(settings);
        connect(&session, &ScriptSession::logged, this, &ScriptRunner::logged);
        connect(&session, &ScriptSession::testStarted, this, &ScriptRunner::testStarted);
        connect(&session, &ScriptSession::testFinished, this, &ScriptRunner::testFinished);
        connect(&session, &ScriptSession::errorOccurred, this, &ScriptRunner::errorOccurred);
        {
            std::lock_guard<std::mutex> lock(m_sessionMutex);
            m_session = &session;
            if (m_stopRequested)
                session.interrupt(StopReason::Stopped);
        }
        const ScriptReport report = session.run(source, fileName);
        {
            std::lock_guard<std::mutex> lock(m_sessionMutex);
            m_session = nullptr;
        }
        QMetaObject::invokeMethod(
                this, [this, report] { finish(report); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("script"));
    m_thread->start();
    Q_EMIT started(fileName);
    return true;
}

void ScriptRunner::stop()
{
    std::lock_guard<std::mutex> lock(m_sessionMutex);
    m_stopRequested = true;
    if (m_session)
        m_session->interrupt(StopReason::Stopped);
}

void ScriptRunner::finish(const ScriptReport &report)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    Q_EMIT finished(report);
}

} // namespace Script
