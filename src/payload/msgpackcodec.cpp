// SPDX-License-Identifier: Apache-2.0
#include "msgpackcodec.h"

#include "textcodecs.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QtEndian>

#include <msgpack.hpp>

namespace Payload {

namespace {

constexpr int maximumDepth = 200;

// Where the msgpack-cxx parser stopped on bad input: its visitor callbacks carry the offset
// that the unpack exceptions do not.
class ErrorOffsetVisitor : public msgpack::null_visitor
{
public:
    void parse_error(size_t, size_t errorOffset)
    {
        m_offset = errorOffset;
        m_truncated = false;
    }
    void insufficient_bytes(size_t, size_t errorOffset)
    {
        m_offset = errorOffset;
        m_truncated = true;
    }
    size_t m_offset = 0;
    bool m_truncated = false;
};

// The timestamp extension (type -1): 32-bit seconds, 30-bit nanoseconds + 34-bit seconds, or
// 32-bit nanoseconds + 64-bit seconds.
QString timestampText(const char *data, quint32 size)
{
    qint64 seconds = 0;
    quint32 nanoseconds = 0;
    const auto *bytes = reinterpret_cast<const uchar *>(data);
    if (size == 4) {
        seconds = qFromBigEndian<quint32>(bytes);
    } else if (size == 8) {
        const quint64 word = qFromBigEndian<quint64>(bytes);
        nanoseconds = quint32(word >> 34);
        seconds = qint64(word & 0x3ffffffffULL);
    } else if (size == 12) {
        nanoseconds = qFromBigEndian<quint32>(bytes);
        seconds = qFromBigEndian<qint64>(bytes + 4);
    } else {
        return QString();
    }
    // Seconds past what milliseconds in 64 bits hold (about 292 million years) are no date:
    // the extension is then shown as its bytes.
    qint64 milliseconds = 0;
    if (qMulOverflow(seconds, qint64(1000), &milliseconds) ||
        qAddOverflow(milliseconds, qint64(nanoseconds / 1000000), &milliseconds))
        return QString();
    return QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC).toString(Qt::ISODateWithMs);
}

Node messagePackNode(const msgpack::object &object, int depth)
{
    using Kind = Node::Kind;
    if (depth > maximumDepth)
        return Node::scalar(Kind::String, QStringLiteral("\u2026"), QStringLiteral("too deep"));
    switch (object.type) {
    case msgpack::type::NIL:
        return Node();
    case msgpack::type::BOOLEAN:
        return Node::scalar(Kind::Boolean, object.via.boolean);
    case msgpack::type::POSITIVE_INTEGER:
        return Node::scalar(Kind::UnsignedInteger, quint64(object.via.u64));
    case msgpack::type::NEGATIVE_INTEGER:
        return Node::scalar(Kind::Integer, qint64(object.via.i64));
    case msgpack::type::FLOAT32:
        return Node::scalar(Kind::Double, object.via.f64, QStringLiteral("float 32"));
    case msgpack::type::FLOAT64:
        return Node::scalar(Kind::Double, object.via.f64);
    case msgpack::type::STR:
        return Node::scalar(Kind::String,
                            QString::fromUtf8(object.via.str.ptr, qsizetype(object.via.str.size)));
    case msgpack::type::BIN:
        return Node::scalar(Kind::Bytes,
                            QByteArray(object.via.bin.ptr, qsizetype(object.via.bin.size)),
                            QStringLiteral("bin"));
    case msgpack::type::ARRAY: {
        Node node = Node::array();
        for (quint32 i = 0; i < object.via.array.size; ++i)
            node.add(QString::number(i), messagePackNode(object.via.array.ptr[i], depth + 1));
        return node;
    }
    case msgpack::type::MAP: {
        Node node = Node::map();
        for (quint32 i = 0; i < object.via.map.size; ++i) {
            const msgpack::object_kv &pair = object.via.map.ptr[i];
            const QString key = pair.key.type == msgpack::type::STR
                                        ? QString::fromUtf8(pair.key.via.str.ptr,
                                                            qsizetype(pair.key.via.str.size))
                                        : messagePackNode(pair.key, depth + 1).displayText();
            node.add(key, messagePackNode(pair.val, depth + 1));
        }
        return node;
    }
    case msgpack::type::EXT: {
        const qint8 type = object.via.ext.type();
        const QByteArray data(object.via.ext.data(), qsizetype(object.via.ext.size));
        QString typeText = QStringLiteral("ext %1").arg(type);
        Node value = Node::scalar(Kind::Bytes, data);
        if (type == -1) {
            const QString time = timestampText(data.constData(), quint32(data.size()));
            if (!time.isEmpty()) {
                typeText += QStringLiteral(" (timestamp)");
                value = Node::scalar(Kind::String, time);
            }
        }
        return Node::tagged(typeText, QStringLiteral("ext"), int(type), std::move(value));
    }
    }
    return Node();
}

void packJson(msgpack::sbuffer &buffer, msgpack::packer<msgpack::sbuffer> &packer,
              const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        packer.pack_nil();
        break;
    case QJsonValue::Bool:
        value.toBool() ? packer.pack_true() : packer.pack_false();
        break;
    case QJsonValue::Double: {
        const QVariant variant = value.toVariant();
        const double number = value.toDouble();
        if (variant.typeId() == QMetaType::LongLong) {
            packer.pack_int64(variant.toLongLong());
        } else if (number >= 18446744073709551616.0 || number < -9223372036854775808.0) {
            // Past the 64-bit integers: float 64 as it is. msgpack-cxx's pack_double would
            // make a whole 2^64 an integer out of range (undefined behaviour).
            char bytes[9] = {char(0xcb)};
            qToBigEndian(number, bytes + 1);
            buffer.write(bytes, sizeof bytes);
        } else {
            packer.pack_double(number); // a whole number as an integer, else float 64
        }
        break;
    }
    case QJsonValue::String: {
        const QByteArray utf8 = value.toString().toUtf8();
        packer.pack_str(quint32(utf8.size()));
        packer.pack_str_body(utf8.constData(), quint32(utf8.size()));
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        packer.pack_array(quint32(array.size()));
        for (const QJsonValue &item : array)
            packJson(buffer, packer, item);
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        packer.pack_map(quint32(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it) {
            packJson(buffer, packer, it.key());
            packJson(buffer, packer, it.value());
        }
        break;
    }
    }
}

} // namespace

DecodeResult decodeMessagePack(QByteArrayView payload)
{
    const auto failure = [payload](qsizetype offset, const QString &reason) {
        return DecodeResult::failure(
                Decoder::MessagePack, payload, offset,
                QCoreApplication::translate("Payload", "not MessagePack: %1 at byte %2")
                        .arg(reason)
                        .arg(offset));
    };
    if (payload.isEmpty())
        return failure(0, QCoreApplication::translate("Payload", "the payload is empty"));
    std::size_t offset = 0;
    msgpack::object_handle handle;
    // msgpack-cxx reports bad input with exceptions: caught here, never passed on.
    try {
        // No count or length can exceed the payload (each element takes a byte at least): a few
        // bytes declaring a map of 2^32 entries are refused, not allocated for (128 GiB, which
        // AddressSanitizer stops at and an overcommitting system may grant).
        const std::size_t most = std::size_t(payload.size());
        const msgpack::unpack_limit limit(most, most, most, most, most);
        handle = msgpack::unpack(payload.data(), most, offset, nullptr, nullptr, limit);
    } catch (const std::exception &exception) {
        ErrorOffsetVisitor visitor;
        std::size_t parsed = 0;
        msgpack::parse(payload.data(), std::size_t(payload.size()), parsed, visitor);
        if (visitor.m_truncated)
            return failure(qsizetype(visitor.m_offset),
                           QCoreApplication::translate("Payload", "truncated, more bytes needed"));
        if (visitor.m_offset > 0 || dynamic_cast<const msgpack::parse_error *>(&exception))
            return failure(qsizetype(visitor.m_offset),
                           QCoreApplication::translate("Payload", "invalid format byte"));
        // Limits (depth, sizes) and other refusals.
        return failure(qsizetype(parsed), QString::fromUtf8(exception.what()));
    }
    if (offset < std::size_t(payload.size()))
        return failure(qsizetype(offset), QCoreApplication::translate(
                                                  "Payload", "%1 bytes left after the first object")
                                                  .arg(payload.size() - qsizetype(offset)));
    return DecodeResult::success(Decoder::MessagePack, messagePackNode(handle.get(), 0));
}

PayloadFormat::EncodeResult encodeMessagePack(const QString &json)
{
    PayloadFormat::EncodeResult result;
    if (const std::optional<QJsonValue> value = parseJsonInput(json, &result)) {
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> packer(buffer);
        packJson(buffer, packer, *value);
        result.bytes = QByteArray(buffer.data(), qsizetype(buffer.size()));
    }
    return result;
}

} // namespace Payload
