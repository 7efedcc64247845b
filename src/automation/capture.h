// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "message.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QStringList>

#include <optional>

// The capture file format of record and replay: JSON Lines, a header line first, then one
// line per message (docs/capture-format.md describes every field). Everything here is a
// value or a plain class; errors are values with readable text that name the line.
namespace Capture {

// "switchboard-capture", the header's "format".
extern const char FormatName[];
// The version this build writes and the only one it reads.
constexpr int FormatVersion = 1;

enum class Direction : quint8 {
    Received, // the broker delivered it to the recording connection
    Sent, // the recording connection published it
};

// The first line: what the file is, when the recording started and, for a person reading it,
// where it came from.
struct Header
{
    int version = FormatVersion;
    QDateTime start; // UTC, millisecond precision
    QString broker; // e.g. "mqtt://127.0.0.1:1883"; empty: not said
    QStringList filters; // the subscriptions recorded; empty: not said

    bool operator==(const Header &other) const
    {
        return version == other.version && start == other.start && broker == other.broker &&
               filters == other.filters;
    }
};

// One message of the file and when it came, in milliseconds after Header::start.
struct Record
{
    qint64 offsetMs = 0;
    Direction direction = Direction::Received;
    Mqtt::Message message; // topic, payload, qos, retain and the 5.0 properties
};

// One line of the file, without the newline. Properties that only mean something on one
// connection (Topic Alias) are left out.
QByteArray encodeHeader(const Header &header);
QByteArray encodeRecord(const Record &record);
// A line back into a value; nullopt with *problem saying what is wrong (without the line
// number, which the reader adds).
std::optional<Header> decodeHeader(QByteArrayView line, QString *problem);
std::optional<Record> decodeRecord(QByteArrayView line, QString *problem);

// Writes a capture file: the header when opened, then one line per message. The times are
// taken from a monotonic clock started at open() unless the record carries its own.
class Writer
{
public:
    Writer() = default;
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;
    ~Writer();

    // Creates (or truncates) the file and writes the header; header.start is set to now
    // when it is not valid. False with errorString() on failure.
    bool open(const QString &path, Header header = {});
    bool isOpen() const { return m_file.isOpen(); }
    const Header &header() const { return m_header; }
    QString fileName() const { return m_file.fileName(); }

    // The message now (milliseconds since open()).
    bool write(const Mqtt::Message &message, Direction direction = Direction::Received);
    // The record as it is (its own time).
    bool write(const Record &record);
    bool flush();
    // Flushes and closes; false when the last bytes could not be written.
    bool close();

    qint64 messageCount() const { return m_count; }
    qint64 bytesWritten() const { return m_bytes; }
    QString errorString() const { return m_error; }

private:
    bool writeLine(const QByteArray &line);

    QFile m_file;
    Header m_header;
    QElapsedTimer m_clock;
    qint64 m_count = 0;
    qint64 m_bytes = 0;
    QString m_error;
};

// Reads a capture file one line at a time (a file of any size in constant memory): open()
// reads and checks the header, readNext() each message. Blank lines are skipped.
class Reader
{
public:
    enum class Status {
        Record, // *record holds the next message
        End, // no more messages
        Error, // errorString() says what, with the line number
    };

    Reader() = default;
    Reader(const Reader &) = delete;
    Reader &operator=(const Reader &) = delete;

    bool open(const QString &path);
    void close() { m_file.close(); }
    const Header &header() const { return m_header; }
    QString fileName() const { return m_file.fileName(); }

    Status readNext(Record *record);
    // Back to the first message (a loop of replay).
    bool rewind();

    // The line last read (1: the header).
    qint64 lineNumber() const { return m_line; }
    // How far into the file the reader is, for progress.
    qint64 position() const { return m_file.pos(); }
    qint64 size() const { return m_file.size(); }
    QString errorString() const { return m_error; }

private:
    // The next line that is not blank; false at the end of the file or on a read error.
    bool nextLine(QByteArray *line);
    bool fail(const QString &text);

    QFile m_file;
    Header m_header;
    qint64 m_line = 0;
    qint64 m_firstRecordPosition = 0;
    qint64 m_firstRecordLine = 0;
    QString m_error;
};

} // namespace Capture
