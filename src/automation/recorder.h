// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture.h"
#include "client.h"

#include <QObject>
#include <QTimer>

namespace Capture {

// Records what a client receives (and, through recordSent(), what its user publishes) to a
// capture file while it runs. The file is flushed every second, so it can be read while it
// grows, and closed by stop().
class Recorder : public QObject
{
    Q_OBJECT
public:
    explicit Recorder(Mqtt::Client *client, QObject *parent = nullptr);
    ~Recorder() override;

    // Creates the file and writes its header (the broker and filters, when given, are noted
    // in it). False, with *problem, when it cannot be written.
    bool start(const QString &path, const Header &header, QString *problem);
    // Flushes and closes the file; false (failed() told why) when the last bytes could not
    // be written.
    bool stop();
    bool isRecording() const { return m_writer.isOpen(); }
    QString fileName() const { return m_writer.fileName(); }
    qint64 messageCount() const { return m_writer.messageCount(); }
    qint64 bytesWritten() const { return m_writer.bytesWritten(); }

    void recordSent(const Mqtt::Message &message);

Q_SIGNALS:
    void messageRecorded(qint64 count);
    // Writing failed (disk full, file gone): the recording has stopped.
    void failed(const QString &problem);

private:
    void write(const Mqtt::Message &message, Direction direction);

    Mqtt::Client *m_client;
    Writer m_writer;
    QTimer m_flushTimer;
};

} // namespace Capture
