// SPDX-License-Identifier: Apache-2.0
#include "textcodecs.h"

#include "payloadformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Payload {

DecodeResult decodeText(QByteArrayView payload)
{
    DecodeResult result = DecodeResult::success(
            Decoder::Text, Node::scalar(Node::Kind::String, PayloadFormat::toText(payload),
                                        QStringLiteral("UTF-8")));
    if (!PayloadFormat::isValidUtf8(payload))
        result.warnings.append(QCoreApplication::translate("Payload",
                                                           "not valid UTF-8: invalid sequences are "
                                                           "shown as U+FFFD"));
    return result;
}

std::optional<QJsonValue> parseJson(QByteArrayView json, QString *reason, qsizetype *offset)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error == QJsonParseError::NoError) {
        if (document.isObject())
            return QJsonValue(document.object());
        return QJsonValue(document.array());
    }
    // A bare value ("21.5", "\"on\""): QJsonDocument takes only objects and arrays, so read it
    // as the one element of an array.
    QJsonParseError wrappedError;
    QByteArray wrapped;
    wrapped.reserve(json.size() + 2);
    wrapped.append('[').append(json.data(), json.size()).append(']');
    const QJsonDocument element = QJsonDocument::fromJson(wrapped, &wrappedError);
    if (wrappedError.error == QJsonParseError::NoError && element.array().size() == 1)
        return element.array().at(0);
    if (reason)
        *reason = error.errorString();
    // Qt's parser can stop one past the end of a truncated text: keep the offset inside it.
    if (offset)
        *offset = qMin<qsizetype>(error.offset, json.size());
    return std::nullopt;
}

std::optional<QJsonValue> parseJsonInput(const QString &json, PayloadFormat::EncodeResult *result)
{
    const QByteArray utf8 = json.toUtf8();
    QString reason;
    qsizetype offset = -1;
    std::optional<QJsonValue> value = parseJson(utf8, &reason, &offset);
    if (!value) {
        result->bytes.clear();
        result->errorOffset = int(QString::fromUtf8(utf8.left(offset)).size());
        result->error =
                QCoreApplication::translate("PayloadFormat", "Invalid JSON at character %1: %2")
                        .arg(result->errorOffset)
                        .arg(reason);
    }
    return value;
}

DecodeResult decodeJson(QByteArrayView payload)
{
    QString reason;
    qsizetype offset = -1;
    const std::optional<QJsonValue> json = parseJson(payload, &reason, &offset);
    if (!json)
        return DecodeResult::failure(
                Decoder::Json, payload, offset,
                QCoreApplication::translate("Payload", "not JSON: %1 at byte %2")
                        .arg(reason)
                        .arg(offset));
    return DecodeResult::success(Decoder::Json, Node::fromJson(*json));
}

DecodeResult decodeHex(QByteArrayView payload)
{
    return DecodeResult::success(
            Decoder::Hex,
            Node::scalar(Node::Kind::String, PayloadFormat::toHex(payload), QStringLiteral("hex")));
}

DecodeResult decodeBase64(QByteArrayView payload)
{
    return DecodeResult::success(Decoder::Base64,
                                 Node::scalar(Node::Kind::String, PayloadFormat::toBase64(payload),
                                              QStringLiteral("Base64")));
}

} // namespace Payload
