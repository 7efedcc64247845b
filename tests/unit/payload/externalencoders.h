// SPDX-License-Identifier: Apache-2.0
#pragma once

// Payloads made by encoders that are not ours (protoc, Python's cbor2, msgpack and struct),
// run at test time, so that a decoder is never checked against its own encoder's mistakes.

#include "processruns.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ExternalEncoders {

constexpr int TimeoutMs = 30000;

// protoc --encode=TYPE or --decode=TYPE (action) FILE < input, with the import folders; empty
// with *error on failure.
inline QByteArray protoc(const QString &action, const QStringList &protoPaths, const QString &file,
                         const QString &type, const QByteArray &input, QString *error)
{
    QStringList arguments;
    for (const QString &path : protoPaths)
        arguments << QStringLiteral("--proto_path=") + path;
    arguments << QStringLiteral("--%1=%2").arg(action, type) << file;
    const ProcessRuns::Result result =
            ProcessRuns::run(QStringLiteral("protoc"), arguments, TimeoutMs, input);
    if (result.exitCode != 0)
        *error = QStringLiteral("protoc --%1 failed (%2): %3")
                         .arg(action)
                         .arg(result.exitCode)
                         .arg(QString::fromUtf8(result.err));
    return result.out;
}

// The bytes of a message from its text format.
inline QByteArray protocEncode(const QStringList &protoPaths, const QString &file,
                               const QString &type, const QByteArray &text, QString *error)
{
    return protoc(QStringLiteral("encode"), protoPaths, file, type, text, error);
}

// The text format of a message's bytes.
inline QByteArray protocDecode(const QStringList &protoPaths, const QString &file,
                               const QString &type, const QByteArray &bytes, QString *error)
{
    return protoc(QStringLiteral("decode"), protoPaths, file, type, bytes, error);
}

// python3 -c script with input on stdin: what it wrote on stdout. SWITCHBOARD_PYTHON3 is the
// Debian python3 (its cbor2 and msgpack packages), set by CMake.
inline QByteArray python(const QString &script, const QByteArray &input, QString *error)
{
    const ProcessRuns::Result result = ProcessRuns::run(
            QStringLiteral(SWITCHBOARD_PYTHON3), {QStringLiteral("-c"), script}, TimeoutMs, input);
    if (result.exitCode != 0)
        *error = QStringLiteral("python3 failed (%1): %2")
                         .arg(result.exitCode)
                         .arg(QString::fromUtf8(result.err));
    return result.out;
}

// The bytes a Python expression makes with module (e.g. "cbor2", "cbor2.dumps(...)").
inline QByteArray pythonBytes(const QString &module, const QString &expression, QString *error)
{
    return python(
            QStringLiteral("import sys, %1\nsys.stdout.buffer.write(%2)").arg(module, expression),
            {}, error);
}

} // namespace ExternalEncoders
