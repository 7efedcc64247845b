// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

// What a decoder makes of a payload: a tree the detail view shows, and JSON the export and
// the CLI write. Plain values: no QObject, no state.
namespace Payload {
Q_NAMESPACE

// The decoders by name ("text", "json", ... as the CLI and the profile spell them).
enum class Decoder { Text, Json, Hex, Base64, Cbor, MessagePack, Protobuf, Sparkplug, Numbers };
Q_ENUM_NS(Decoder)

// One value of a decoded payload. Scalars keep their value in value (bool, qint64, quint64,
// double, QString or QByteArray); maps and arrays keep children, each named by its key
// ("temperature"), field ("reading.value") or index ("0").
struct Node
{
    enum class Kind { Null, Boolean, Integer, UnsignedInteger, Double, String, Bytes, Map, Array };

    Kind kind = Kind::Null;
    QString name;
    // What the format calls the value, shown next to it: "int32", "tag 1", "ext 5",
    // "Float (alias 3)". May be empty.
    QString type;
    QVariant value;
    QList<Node> children;

    static Node scalar(Kind kind, const QVariant &value, const QString &type = QString());
    static Node map(const QString &type = QString());
    static Node array(const QString &type = QString());
    // A tagged value (CBOR tag, MessagePack extension): a map {"tag": n, "value": v}.
    static Node tagged(const QString &type, const QString &tagName, const QVariant &tag, Node value);
    // Appends child under name and returns it.
    Node &add(const QString &name, Node child);

    bool isContainer() const { return kind == Kind::Map || kind == Kind::Array; }
    // One line for the detail view's value column: the scalar, or "{3}" / "[12]" for
    // containers. Bytes as lowercase hex.
    QString displayText() const;
    // JSON: maps become objects, arrays arrays, bytes Base64 (as protobuf's JSON mapping),
    // integers exact up to 64 bits (unsigned ones above 2^63 as doubles), NaN and infinities
    // as strings.
    QJsonValue toJson() const;
    static Node fromJson(const QJsonValue &json);
};

// The result of one decode. When the payload does not decode, error says why, errorOffset
// where (byte offset into the payload, -1 when the format cannot tell), and hex holds the
// payload so that something is always shown.
struct DecodeResult
{
    Decoder decoder = Decoder::Text;
    // Automatic detection chose the decoder (no rule applied): show it as a guess.
    bool guessed = false;
    Node root;
    // Decoded, but something is off (a Sparkplug sequence gap, unknown protobuf fields).
    QStringList warnings;
    QString error;
    qsizetype errorOffset = -1;
    QString hex;

    bool isValid() const { return error.isEmpty(); }
    // The root's JSON, with "warnings" added to an object root; for a failure
    // {"error": reason, "offset": n, "hex": "0a1b..."}.
    QJsonValue toJson() const;
    // toJson() on one line.
    QByteArray toJsonLine() const;

    static DecodeResult success(Decoder decoder, Node root);
    static DecodeResult failure(Decoder decoder, QByteArrayView payload, qsizetype offset,
                                const QString &reason);
};

// Decoders and their names: "text", "json", "hex", "base64", "cbor", "msgpack", "protobuf",
// "sparkplug", "numbers".
QString decoderName(Decoder decoder);
std::optional<Decoder> decoderFromName(QStringView name);
QStringList decoderNames();

} // namespace Payload

Q_DECLARE_METATYPE(Payload::Node)
Q_DECLARE_METATYPE(Payload::DecodeResult)
