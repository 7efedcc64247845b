// SPDX-License-Identifier: Apache-2.0
#include "textcodecs.h"

#include "payloadformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstring>

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

namespace {

// Builds the tree from JSON text Qt's parser has accepted, keeping what QJsonObject loses: the
// keys' order, a key given twice, and integers up to 2^64 - 1 exactly.
class JsonTree
{
public:
    explicit JsonTree(QByteArrayView text) : m_text(text)
    {
        if (m_text.startsWith("\xef\xbb\xbf"))
            m_at = 3; // a UTF-8 byte order mark
    }

    Node value()
    {
        skipSpace();
        if (m_at >= m_text.size())
            return Node();
        const char c = at(m_at);
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            Node node = c == '{' ? Node::map() : Node::array();
            ++m_at;
            // (Every loop here also stops at the end of the text: a walk that outran Qt's
            // parser ends, never reads past it.)
            for (int index = 0;; ++index) {
                skipSpace();
                if (m_at >= m_text.size() || at(m_at) == close)
                    break;
                if (at(m_at) == ',') {
                    ++m_at;
                    skipSpace();
                }
                QString name = QString::number(index);
                if (c == '{') {
                    name = string();
                    skipSpace();
                    ++m_at; // ':'
                }
                node.add(name, value());
            }
            ++m_at;
            return node;
        }
        if (c == '"')
            return Node::scalar(Node::Kind::String, string());
        if (m_text.sliced(m_at).startsWith("true")) {
            m_at += 4;
            return Node::scalar(Node::Kind::Boolean, true);
        }
        if (m_text.sliced(m_at).startsWith("false")) {
            m_at += 5;
            return Node::scalar(Node::Kind::Boolean, false);
        }
        if (m_text.sliced(m_at).startsWith("null")) {
            m_at += 4;
            return Node();
        }
        return number();
    }

private:
    void skipSpace()
    {
        while (at(m_at) == ' ' || at(m_at) == '\t' || at(m_at) == '\n' || at(m_at) == '\r')
            ++m_at;
    }

    char at(qsizetype index) const { return index < m_text.size() ? m_text[index] : '\0'; }

    Node number()
    {
        const qsizetype start = m_at;
        bool whole = true;
        while (at(m_at) != '\0' && std::strchr("+-0123456789.eE", at(m_at))) {
            whole = whole && at(m_at) != '.' && at(m_at) != 'e' && at(m_at) != 'E';
            ++m_at;
        }
        if (m_at == start) {
            ++m_at; // not a number after all: step over it
            return Node();
        }
        const QByteArray token = m_text.sliced(start, m_at - start).toByteArray();
        bool ok = false;
        if (whole) {
            if (const qlonglong integer = token.toLongLong(&ok); ok)
                return Node::scalar(Node::Kind::Integer, integer);
            if (const qulonglong unsignedInteger = token.toULongLong(&ok); ok)
                return Node::scalar(Node::Kind::UnsignedInteger, unsignedInteger);
        }
        return Node::scalar(Node::Kind::Double, token.toDouble());
    }

    // At the opening quote; the string unescaped, the quotes passed.
    QString string()
    {
        QString out;
        qsizetype run = ++m_at; // start of a run of bytes without escapes
        const auto flush = [&] { out += QString::fromUtf8(m_text.sliced(run, m_at - run)); };
        while (m_at < m_text.size() && at(m_at) != '"') {
            if (at(m_at) != '\\') {
                ++m_at;
                continue;
            }
            flush();
            const char escaped = at(m_at + 1);
            m_at = qMin(m_at + 2, m_text.size());
            // \b \f \n \r \t, \uXXXX, and \" \\ \/ for themselves.
            static constexpr char letters[] = "bfnrt";
            static constexpr char controls[] = "\b\f\n\r\t";
            if (escaped == 'u') {
                const qsizetype digits = qMin<qsizetype>(4, m_text.size() - m_at);
                out += QChar(
                        char16_t(m_text.sliced(m_at, digits).toByteArray().toUShort(nullptr, 16)));
                m_at += digits;
            } else if (const char *letter = std::strchr(letters, escaped); letter && escaped) {
                out += QLatin1Char(controls[letter - letters]);
            } else {
                out += QLatin1Char(escaped);
            }
            run = m_at;
        }
        flush();
        ++m_at;
        return out;
    }

    QByteArrayView m_text;
    qsizetype m_at = 0;
};

} // namespace

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
    return DecodeResult::success(Decoder::Json, JsonTree(payload).value());
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
