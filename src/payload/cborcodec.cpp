// SPDX-License-Identifier: Apache-2.0
#include "cborcodec.h"

#include "textcodecs.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>
#include <QCoreApplication>

#include <cstring>

namespace Payload {

namespace {

// Deeper nesting than this is shown cut, not walked (a hostile payload cannot exhaust the
// stack).
constexpr int maximumDepth = 200;

QString tagName(QCborTag tag)
{
    switch (QCborKnownTags(quint64(tag))) {
    case QCborKnownTags::DateTimeString:
        return QStringLiteral("date/time");
    case QCborKnownTags::UnixTime_t:
        return QStringLiteral("epoch date/time");
    case QCborKnownTags::PositiveBignum:
        return QStringLiteral("positive bignum");
    case QCborKnownTags::NegativeBignum:
        return QStringLiteral("negative bignum");
    case QCborKnownTags::Decimal:
        return QStringLiteral("decimal fraction");
    case QCborKnownTags::Bigfloat:
        return QStringLiteral("bigfloat");
    case QCborKnownTags::Url:
        return QStringLiteral("URI");
    case QCborKnownTags::RegularExpression:
        return QStringLiteral("regular expression");
    case QCborKnownTags::Uuid:
        return QStringLiteral("UUID");
    case QCborKnownTags::Signature:
        return QStringLiteral("self-described CBOR");
    default:
        break;
    }
    return QString();
}

QString tagType(quint64 tag)
{
    const QString name = tagName(QCborTag(tag));
    return name.isEmpty() ? QStringLiteral("tag %1").arg(tag)
                          : QStringLiteral("tag %1 (%2)").arg(tag).arg(name);
}

Node cborNode(const QCborValue &value, int depth)
{
    using Kind = Node::Kind;
    if (depth > maximumDepth)
        return Node::scalar(Kind::String, QStringLiteral("\u2026"), QStringLiteral("too deep"));
    switch (value.type()) {
    case QCborValue::Integer:
        return Node::scalar(Kind::Integer, value.toInteger());
    case QCborValue::ByteArray:
        return Node::scalar(Kind::Bytes, value.toByteArray(), QStringLiteral("bytes"));
    case QCborValue::String:
        return Node::scalar(Kind::String, value.toString());
    case QCborValue::Array: {
        Node node = Node::array();
        const QCborArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            node.add(QString::number(i), cborNode(array.at(i), depth + 1));
        return node;
    }
    case QCborValue::Map: {
        Node node = Node::map();
        const QCborMap map = value.toMap();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            const QCborValue key = it.key();
            node.add(key.isString() ? key.toString() : key.toDiagnosticNotation(),
                     cborNode(it.value(), depth + 1));
        }
        return node;
    }
    case QCborValue::Tag:
        return Node::tagged(tagType(quint64(value.tag())), QStringLiteral("tag"),
                            quint64(value.tag()), cborNode(value.taggedValue(), depth + 1));
    case QCborValue::SimpleType:
        return Node::scalar(Kind::Integer, int(value.toSimpleType()),
                            QStringLiteral("simple value"));
    case QCborValue::False:
        return Node::scalar(Kind::Boolean, false);
    case QCborValue::True:
        return Node::scalar(Kind::Boolean, true);
    case QCborValue::Null:
        return Node();
    case QCborValue::Undefined:
        return Node::scalar(Kind::Null, QVariant(), QStringLiteral("undefined"));
    case QCborValue::Double:
        return Node::scalar(Kind::Double, value.toDouble());
    // Tags Qt turns into types of their own: shown with the value and the tag they came from.
    case QCborValue::DateTime:
        return Node::scalar(Kind::String, value.toDateTime().toString(Qt::ISODateWithMs),
                            tagType(quint64(QCborKnownTags::DateTimeString)));
    case QCborValue::Url:
        return Node::scalar(Kind::String, value.toUrl().toString(),
                            tagType(quint64(QCborKnownTags::Url)));
    case QCborValue::RegularExpression:
        return Node::scalar(Kind::String, value.toRegularExpression().pattern(),
                            tagType(quint64(QCborKnownTags::RegularExpression)));
    case QCborValue::Uuid:
        return Node::scalar(Kind::String, value.toUuid().toString(QUuid::WithoutBraces),
                            tagType(quint64(QCborKnownTags::Uuid)));
    case QCborValue::Invalid:
        break;
    }
    return Node::scalar(Kind::Null, QVariant(), QStringLiteral("invalid"));
}

// Qt 6.4's QCborValue reads the integer -2^64 (major type 1, argument 2^64 - 1) as 0; every
// other integer below -2^63 it keeps as the nearest double. The payload with each such item
// rewritten as the double -2^64 (same length, so offsets in errors stay right); the payload
// itself when it has none, which the byte pattern rules out without walking it.
QByteArray withoutMinus2To64(const QByteArray &bytes)
{
    // The head byte 0x3b and eight 0xff: memchr finds the candidates (most payloads have few).
    const auto hasItem = [&bytes] {
        const char *at = bytes.constData();
        const char *const end = at + bytes.size();
        while (end - at >= 9 && (at = static_cast<const char *>(memchr(at, 0x3b, end - at - 8)))) {
            if (memcmp(at + 1, "\xff\xff\xff\xff\xff\xff\xff\xff", 8) == 0)
                return true;
            ++at;
        }
        return false;
    };
    if (!hasItem())
        return bytes;
    static const QByteArray asDouble = QByteArray::fromHex("fbc3f0000000000000");
    QByteArray patched = bytes;
    QCborStreamReader reader(bytes);
    while (reader.lastError() == QCborError::NoError && reader.isValid()) {
        if (reader.isContainer()) {
            reader.enterContainer();
        } else if (!reader.hasNext()) {
            if (!reader.containerDepth())
                break;
            reader.leaveContainer();
        } else {
            if (reader.isNegativeInteger() && quint64(reader.toNegativeInteger()) == 0)
                patched.replace(reader.currentOffset(), asDouble.size(), asDouble);
            reader.next();
        }
    }
    return patched;
}

} // namespace

DecodeResult decodeCbor(QByteArrayView payload)
{
    const QByteArray bytes =
            withoutMinus2To64(QByteArray::fromRawData(payload.data(), payload.size()));
    QCborStreamReader reader(bytes);
    if (payload.isEmpty())
        return DecodeResult::failure(
                Decoder::Cbor, payload, 0,
                QCoreApplication::translate("Payload", "not CBOR: the payload is empty"));
    const QCborValue value = QCborValue::fromCbor(reader);
    const QCborError error = reader.lastError();
    if (error != QCborError::NoError) {
        // The offset where reading stopped: the item that did not decode starts there.
        return DecodeResult::failure(
                Decoder::Cbor, payload, reader.currentOffset(),
                QCoreApplication::translate("Payload", "not CBOR: %1 at byte %2")
                        .arg(error.toString())
                        .arg(reader.currentOffset()));
    }
    if (reader.currentOffset() < payload.size())
        return DecodeResult::failure(
                Decoder::Cbor, payload, reader.currentOffset(),
                QCoreApplication::translate("Payload",
                                            "not CBOR: %1 bytes left after the first item, "
                                            "which ends at byte %2")
                        .arg(payload.size() - reader.currentOffset())
                        .arg(reader.currentOffset()));
    return DecodeResult::success(Decoder::Cbor, cborNode(value, 0));
}

PayloadFormat::EncodeResult encodeCbor(const QString &json)
{
    PayloadFormat::EncodeResult result;
    if (const std::optional<QJsonValue> value = parseJsonInput(json, &result))
        result.bytes = QCborValue::fromJsonValue(*value).toCbor();
    return result;
}

} // namespace Payload
