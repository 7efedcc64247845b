// SPDX-License-Identifier: Apache-2.0
#include "messageexporter.h"

#include "messagelogmodel.h"
#include "payloadformat.h"
#include "properties.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>

namespace {

struct Row
{
    qint64 timestampMs = 0;
    QString direction;
    QString topic;
    int qos = 0;
    bool retain = false;
    bool dup = false;
    QByteArray payload;
    Mqtt::Properties properties; // 5.0; empty for most messages
    QByteArray decoded; // JSON of the decoded payload; empty when none
};

Row readRow(const QAbstractItemModel *model, int row)
{
    const QModelIndex index = model->index(row, 0);
    Row r;
    r.timestampMs = index.data(MessageLogModel::TimestampRole).toLongLong();
    r.direction = index.data(MessageLogModel::DirectionRole).toInt() ==
                                  int(MessageLogModel::Direction::Outgoing)
                          ? QStringLiteral("out")
                          : QStringLiteral("in");
    r.topic = index.data(MessageLogModel::TopicRole).toString();
    r.qos = index.data(MessageLogModel::QosRole).toInt();
    r.retain = index.data(MessageLogModel::RetainRole).toBool();
    r.dup = index.data(MessageLogModel::DupRole).toBool();
    r.payload = index.data(MessageLogModel::PayloadRole).toByteArray();
    if (index.data(MessageLogModel::HasPropertiesRole).toBool())
        r.properties = index.data(MessageLogModel::PropertiesRole).value<Mqtt::Properties>();
    return r;
}

QByteArray isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
}

QByteArray boolText(bool value)
{
    return value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

// A JSON string literal (RFC 8259 section 7).
QByteArray jsonString(const QByteArray &utf8)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (quint8(c) < 0x20) {
                out += "\\u00";
                out += hex[quint8(c) >> 4];
                out += hex[quint8(c) & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

// Payload as text when it is valid UTF-8, base64 otherwise.
std::pair<QByteArray, QByteArray> encodedPayload(const QByteArray &payload)
{
    if (PayloadFormat::isValidUtf8(payload))
        return {QByteArrayLiteral("utf-8"), payload};
    return {QByteArrayLiteral("base64"), payload.toBase64()};
}

// The JSON key of a property: its name in snake case, as in the export's other keys.
QByteArray propertyKey(Mqtt::PropertyId id)
{
    switch (id) {
    case Mqtt::PropertyId::PayloadFormatIndicator:
        return QByteArrayLiteral("payload_format_indicator");
    case Mqtt::PropertyId::MessageExpiryInterval:
        return QByteArrayLiteral("message_expiry_interval");
    case Mqtt::PropertyId::ContentType:
        return QByteArrayLiteral("content_type");
    case Mqtt::PropertyId::ResponseTopic:
        return QByteArrayLiteral("response_topic");
    case Mqtt::PropertyId::CorrelationData:
        return QByteArrayLiteral("correlation_data");
    case Mqtt::PropertyId::TopicAlias:
        return QByteArrayLiteral("topic_alias");
    default:
        return "property_" + QByteArray::number(int(id));
    }
}

// A compact JSON object: single values by key; user properties as an ordered array of
// [name, value] pairs (names may repeat); subscription identifiers as an array; binary data as
// text when it is valid UTF-8, base64 otherwise, with "<key>_encoding" saying which.
QByteArray propertiesJson(const Mqtt::Properties &properties)
{
    QByteArray singles;
    QByteArray userProperties;
    QByteArray subscriptionIdentifiers;
    for (const Mqtt::Properties::Entry &entry : properties.entries()) {
        switch (entry.id) {
        case Mqtt::PropertyId::UserProperty:
            userProperties += (userProperties.isEmpty() ? "[" : ",");
            userProperties += '[' + jsonString(entry.data) + ',' + jsonString(entry.value) + ']';
            continue;
        case Mqtt::PropertyId::SubscriptionIdentifier:
            subscriptionIdentifiers += (subscriptionIdentifiers.isEmpty() ? "[" : ",");
            subscriptionIdentifiers += QByteArray::number(entry.integer);
            continue;
        default:
            break;
        }
        const QByteArray key = propertyKey(entry.id);
        if (!singles.isEmpty())
            singles += ',';
        switch (Mqtt::Properties::typeOf(entry.id)) {
        case Mqtt::PropertyType::Utf8String:
            singles += jsonString(key) + ':' + jsonString(entry.data);
            break;
        case Mqtt::PropertyType::BinaryData: {
            const auto [encoding, data] = encodedPayload(entry.data);
            singles += jsonString(key + "_encoding") + ':' + jsonString(encoding) + ',';
            singles += jsonString(key) + ':' + jsonString(data);
            break;
        }
        case Mqtt::PropertyType::Utf8StringPair:
            singles += jsonString(key) + ":[" + jsonString(entry.data) + ',' +
                       jsonString(entry.value) + ']';
            break;
        default:
            singles += jsonString(key) + ':' + QByteArray::number(entry.integer);
            break;
        }
    }
    QByteArray out = "{" + singles;
    if (!subscriptionIdentifiers.isEmpty())
        out += QByteArray(out.size() > 1 ? "," : "") +
               "\"subscription_identifiers\":" + subscriptionIdentifiers + ']';
    if (!userProperties.isEmpty())
        out += QByteArray(out.size() > 1 ? "," : "") + "\"user_properties\":" + userProperties +
               ']';
    out += '}';
    return out;
}

QByteArray jsonLine(const Row &r)
{
    const auto [encoding, payload] = encodedPayload(r.payload);
    QByteArray line;
    line += "{\"time\":" + jsonString(isoTime(r.timestampMs));
    line += ",\"timestamp_ms\":" + QByteArray::number(r.timestampMs);
    line += ",\"direction\":" + jsonString(r.direction.toUtf8());
    line += ",\"topic\":" + jsonString(r.topic.toUtf8());
    line += ",\"qos\":" + QByteArray::number(r.qos);
    line += ",\"retain\":" + boolText(r.retain);
    line += ",\"dup\":" + boolText(r.dup);
    line += ",\"size\":" + QByteArray::number(r.payload.size());
    line += ",\"payload_encoding\":" + jsonString(encoding);
    line += ",\"payload\":" + jsonString(payload);
    if (!r.properties.isEmpty()) // 5.0 only: 3.1.1 lines stay as they were
        line += ",\"properties\":" + propertiesJson(r.properties);
    if (!r.decoded.isEmpty())
        line += ",\"decoded\":" + r.decoded;
    line += "}\n";
    return line;
}

QByteArray csvLine(const Row &r)
{
    const auto [encoding, payload] = encodedPayload(r.payload);
    QByteArray line;
    line += MessageExporter::csvField(isoTime(r.timestampMs)) + ',';
    line += QByteArray::number(r.timestampMs) + ',';
    line += MessageExporter::csvField(r.direction.toUtf8()) + ',';
    line += MessageExporter::csvField(r.topic.toUtf8()) + ',';
    line += QByteArray::number(r.qos) + ',';
    line += boolText(r.retain) + ',';
    line += boolText(r.dup) + ',';
    line += QByteArray::number(r.payload.size()) + ',';
    line += encoding + ',';
    line += MessageExporter::csvField(payload) + ',';
    if (!r.properties.isEmpty())
        line += MessageExporter::csvField(propertiesJson(r.properties));
    line += "\r\n";
    return line;
}

} // namespace

QByteArray MessageExporter::csvField(const QByteArray &utf8)
{
    bool quote = false;
    for (const char c : utf8) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    }
    // A leading or trailing space would be trimmed by some readers.
    if (!utf8.isEmpty() && (utf8.front() == ' ' || utf8.back() == ' '))
        quote = true;
    if (!quote)
        return utf8;
    QByteArray out = utf8;
    out.replace('"', "\"\"");
    return '"' + out + '"';
}

QString MessageExporter::exportMessages(const QAbstractItemModel *model, QIODevice *device,
                                        Format format, const DecodedJson &decoded)
{
    if (!model)
        return tr("Nothing to export.");
    if (!device || !device->isWritable())
        return tr("The output is not open for writing.");
    if (format == Format::Csv) {
        const QByteArray header = "time,timestamp_ms,direction,topic,qos,retain,dup,size,"
                                  "payload_encoding,payload,properties\r\n";
        if (device->write(header) != header.size())
            return tr("Could not write: %1").arg(device->errorString());
    }
    const int rows = model->rowCount();
    for (int row = 0; row < rows; ++row) {
        // Connection events are not messages: an export holds messages only.
        if (model->index(row, 0).data(MessageLogModel::DirectionRole).toInt() ==
            int(MessageLogModel::Direction::Event))
            continue;
        Row r = readRow(model, row);
        if (decoded && format == Format::JsonLines)
            r.decoded = decoded(model->index(row, 0));
        const QByteArray line = format == Format::Csv ? csvLine(r) : jsonLine(r);
        if (device->write(line) != line.size())
            return tr("Could not write: %1").arg(device->errorString());
    }
    return QString();
}

QString MessageExporter::exportMessages(const QAbstractItemModel *model, const QString &fileName,
                                        Format format, const DecodedJson &decoded)
{
    // QSaveFile: a failed export never leaves half a file in place of an older one.
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Could not open %1: %2").arg(fileName, file.errorString());
    const QString error = exportMessages(model, &file, format, decoded);
    if (!error.isEmpty()) {
        file.cancelWriting();
        return error;
    }
    if (!file.commit())
        return tr("Could not save %1: %2").arg(fileName, file.errorString());
    return QString();
}
