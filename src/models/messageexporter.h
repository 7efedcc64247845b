// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class QAbstractItemModel;
class QIODevice;
class QModelIndex;

// Writes what a message log view shows (a MessageLogModel or a proxy over it, read through the
// MessageLogModel roles) to JSON Lines or CSV. Payloads that are valid UTF-8 are written as text,
// others as base64, with "payload_encoding" saying which. A message with MQTT 5.0 properties
// gets a "properties" object (JSON Lines) or the same object in the last column (CSV). With a
// decoder, a message whose payload a rule decodes also gets "decoded": the decoded payload's
// JSON (Payload::DecodeResult::toJson()) in JSON Lines.
class MessageExporter
{
    Q_DECLARE_TR_FUNCTIONS(MessageExporter)

public:
    enum class Format { JsonLines, Csv };

    // The decoded payload of a row (an index of the model) as one line of JSON, or empty.
    using DecodedJson = std::function<QByteArray(const QModelIndex &index)>;

    // Returns an empty string on success, otherwise why it failed.
    static QString exportMessages(const QAbstractItemModel *model, QIODevice *device, Format format,
                                  const DecodedJson &decoded = {});
    static QString exportMessages(const QAbstractItemModel *model, const QString &fileName,
                                  Format format, const DecodedJson &decoded = {});

    // One CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180).
    static QByteArray csvField(const QByteArray &utf8);
};
