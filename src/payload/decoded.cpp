// SPDX-License-Identifier: Apache-2.0
#include "decoded.h"

#include "payloadformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>
#include <limits>

namespace Payload {

Node Node::scalar(Kind kind, const QVariant &value, const QString &type)
{
    Node node;
    node.kind = kind;
    node.value = value;
    node.type = type;
    return node;
}

Node Node::map(const QString &type)
{
    Node node;
    node.kind = Kind::Map;
    node.type = type;
    return node;
}

Node Node::array(const QString &type)
{
    Node node;
    node.kind = Kind::Array;
    node.type = type;
    return node;
}

Node Node::tagged(const QString &type, const QString &tagName, const QVariant &tag, Node value)
{
    Node node = map(type);
    node.add(tagName,
             scalar(tag.typeId() == QMetaType::ULongLong ? Kind::UnsignedInteger : Kind::Integer,
                    tag));
    node.add(QStringLiteral("value"), std::move(value));
    return node;
}

Node &Node::add(const QString &childName, Node child)
{
    child.name = childName;
    children.append(std::move(child));
    return children.last();
}

QString Node::displayText() const
{
    switch (kind) {
    case Kind::Null:
        return QStringLiteral("null");
    case Kind::Boolean:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Integer:
        return QString::number(value.toLongLong());
    case Kind::UnsignedInteger:
        return QString::number(value.toULongLong());
    case Kind::Double:
        // The shortest text that reads back as the same double: 48.1, not 48.100000000000001.
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case Kind::String:
        return PayloadFormat::toText(value.toString().toUtf8());
    case Kind::Bytes:
        return PayloadFormat::toHex(value.toByteArray());
    case Kind::Map:
        return QStringLiteral("{%1}").arg(children.size());
    case Kind::Array:
        return QStringLiteral("[%1]").arg(children.size());
    }
    return QString();
}

QJsonValue Node::toJson() const
{
    switch (kind) {
    case Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case Kind::Boolean:
        return value.toBool();
    case Kind::Integer:
        return value.toLongLong();
    case Kind::UnsignedInteger: {
        const quint64 number = value.toULongLong();
        if (number <= quint64(std::numeric_limits<qint64>::max()))
            return qint64(number);
        return double(number);
    }
    case Kind::Double: {
        const double number = value.toDouble();
        if (std::isnan(number))
            return QStringLiteral("NaN");
        if (std::isinf(number))
            return number > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
        // -2^63 is the one whole double Qt's JSON keeps as a double ("-9223372036854776000",
        // which no 64-bit integer reader takes) where every other whole double in the 64-bit
        // range becomes an integer: print it as the integer it is exactly. (A CBOR or
        // MessagePack integer just below -2^63 arrives here rounded to it.)
        if (number == -0x1p63)
            return std::numeric_limits<qint64>::min();
        return number;
    }
    case Kind::String:
        return value.toString();
    case Kind::Bytes:
        return QString::fromLatin1(value.toByteArray().toBase64());
    case Kind::Map: {
        QJsonObject object;
        for (const Node &child : children)
            object.insert(child.name, child.toJson());
        return object;
    }
    case Kind::Array: {
        QJsonArray array;
        for (const Node &child : children)
            array.append(child.toJson());
        return array;
    }
    }
    return QJsonValue();
}

Node Node::fromJson(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Bool:
        return scalar(Kind::Boolean, json.toBool());
    case QJsonValue::Double: {
        // Integers stay integers (Qt keeps them exact up to 64 bits).
        const QVariant variant = json.toVariant();
        if (variant.typeId() == QMetaType::LongLong)
            return scalar(Kind::Integer, variant);
        return scalar(Kind::Double, json.toDouble());
    }
    case QJsonValue::String:
        return scalar(Kind::String, json.toString());
    case QJsonValue::Array: {
        Node node = array();
        const QJsonArray items = json.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            node.add(QString::number(i), fromJson(items.at(i)));
        return node;
    }
    case QJsonValue::Object: {
        Node node = map();
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            node.add(it.key(), fromJson(it.value()));
        return node;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return Node();
}

QJsonValue DecodeResult::toJson() const
{
    if (!isValid()) {
        QJsonObject object{{QStringLiteral("error"), error}};
        if (errorOffset >= 0)
            object.insert(QStringLiteral("offset"), qint64(errorOffset));
        object.insert(QStringLiteral("hex"), hex);
        return object;
    }
    QJsonValue json = root.toJson();
    if (!warnings.isEmpty() && json.isObject()) {
        QJsonObject object = json.toObject();
        object.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
        json = object;
    }
    return json;
}

QByteArray DecodeResult::toJsonLine() const
{
    const QJsonValue json = toJson();
    if (json.isObject())
        return QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact);
    if (json.isArray())
        return QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact);
    // A scalar: wrapped in an array to print it, then unwrapped.
    QByteArray line = QJsonDocument(QJsonArray{json}).toJson(QJsonDocument::Compact);
    return line.mid(1, line.size() - 2);
}

DecodeResult DecodeResult::success(Decoder decoder, Node root)
{
    DecodeResult result;
    result.decoder = decoder;
    result.root = std::move(root);
    return result;
}

DecodeResult DecodeResult::failure(Decoder decoder, QByteArrayView payload, qsizetype offset,
                                   const QString &reason)
{
    DecodeResult result;
    result.decoder = decoder;
    result.error = reason;
    result.errorOffset = offset;
    result.hex = PayloadFormat::toHex(payload);
    return result;
}

namespace {
struct DecoderName
{
    Decoder decoder;
    const char *name;
};
constexpr DecoderName decoderTable[] = {
        {Decoder::Text, "text"},         {Decoder::Json, "json"},
        {Decoder::Hex, "hex"},           {Decoder::Base64, "base64"},
        {Decoder::Cbor, "cbor"},         {Decoder::MessagePack, "msgpack"},
        {Decoder::Protobuf, "protobuf"}, {Decoder::Sparkplug, "sparkplug"},
        {Decoder::Numbers, "numbers"},
};
} // namespace

QString decoderName(Decoder decoder)
{
    for (const DecoderName &entry : decoderTable) {
        if (entry.decoder == decoder)
            return QString::fromLatin1(entry.name);
    }
    return QString();
}

std::optional<Decoder> decoderFromName(QStringView name)
{
    for (const DecoderName &entry : decoderTable) {
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0)
            return entry.decoder;
    }
    return std::nullopt;
}

QStringList decoderNames()
{
    QStringList names;
    for (const DecoderName &entry : decoderTable)
        names.append(QString::fromLatin1(entry.name));
    return names;
}

} // namespace Payload
