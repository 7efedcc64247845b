// SPDX-License-Identifier: Apache-2.0
#include "recorder.h"

namespace Capture {

Recorder::Recorder(Mqtt::Client *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_flushTimer.setInterval(1000);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        if (!m_writer.flush()) {
            const QString problem = m_writer.errorString();
            stop();
            Q_EMIT failed(problem);
        }
    });
    connect(m_client, &Mqtt::Client::messageReceived, this,
            [this](const Mqtt::Message &message) { write(message, Direction::Received); });
}

Recorder::~Recorder()
{
    stop();
}

bool Recorder::start(const QString &path, const Header &header, QString *problem)
{
    stop();
    if (!m_writer.open(path, header)) {
        *problem = m_writer.errorString();
        return false;
    }
    m_flushTimer.start();
    return true;
}

bool Recorder::stop()
{
    m_flushTimer.stop();
    return m_writer.close();
}

void Recorder::recordSent(const Mqtt::Message &message)
{
    write(message, Direction::Sent);
}

void Recorder::write(const Mqtt::Message &message, Direction direction)
{
    if (!m_writer.isOpen())
        return;
    if (!m_writer.write(message, direction)) {
        const QString problem = m_writer.errorString();
        stop();
        Q_EMIT failed(problem);
        return;
    }
    Q_EMIT messageRecorded(m_writer.messageCount());
}

} // namespace Capture
