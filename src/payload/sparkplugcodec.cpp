// SPDX-License-Identifier: Apache-2.0
#include "sparkplugcodec.h"

#include "numbercodec.h"
#include "protobufsupport.h"
#include "textcodecs.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cstring>

extern const char sparkplugSchemaText[];

namespace gp = google::protobuf;

namespace Payload {

namespace {

// The names of the DataType enum, indexed by number.
const QStringList &dataTypeNames()
{
    static const QStringList names = {
            QStringLiteral("Unknown"),       QStringLiteral("Int8"),
            QStringLiteral("Int16"),         QStringLiteral("Int32"),
            QStringLiteral("Int64"),         QStringLiteral("UInt8"),
            QStringLiteral("UInt16"),        QStringLiteral("UInt32"),
            QStringLiteral("UInt64"),        QStringLiteral("Float"),
            QStringLiteral("Double"),        QStringLiteral("Boolean"),
            QStringLiteral("String"),        QStringLiteral("DateTime"),
            QStringLiteral("Text"),          QStringLiteral("UUID"),
            QStringLiteral("DataSet"),       QStringLiteral("Bytes"),
            QStringLiteral("File"),          QStringLiteral("Template"),
            QStringLiteral("PropertySet"),   QStringLiteral("PropertySetList"),
            QStringLiteral("Int8Array"),     QStringLiteral("Int16Array"),
            QStringLiteral("Int32Array"),    QStringLiteral("Int64Array"),
            QStringLiteral("UInt8Array"),    QStringLiteral("UInt16Array"),
            QStringLiteral("UInt32Array"),   QStringLiteral("UInt64Array"),
            QStringLiteral("FloatArray"),    QStringLiteral("DoubleArray"),
            QStringLiteral("BooleanArray"),  QStringLiteral("StringArray"),
            QStringLiteral("DateTimeArray"),
    };
    return names;
}

enum DataType : quint32 {
    Int8 = 1,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float,
    Double,
    Boolean,
    String,
    DateTime,
    Text,
    Uuid,
    DataSet,
    Bytes,
    File,
    Template,
    PropertySet,
    PropertySetList,
    Int8Array,
    Int16Array,
    Int32Array,
    Int64Array,
    UInt8Array,
    UInt16Array,
    UInt32Array,
    UInt64Array,
    FloatArray,
    DoubleArray,
    BooleanArray,
    StringArray,
    DateTimeArray,
};

QString dataTypeName(quint32 type)
{
    return type < quint32(dataTypeNames().size()) ? dataTypeNames().at(int(type))
                                                  : QString::number(type);
}

// Arrays travel as little-endian numbers in bytes_value.
std::optional<NumberFormat> arrayFormat(quint32 type)
{
    NumberFormat format;
    switch (type) {
    case Int8Array:
        format = {NumberFormat::Kind::Signed, 1};
        break;
    case Int16Array:
        format = {NumberFormat::Kind::Signed, 2};
        break;
    case Int32Array:
        format = {NumberFormat::Kind::Signed, 4};
        break;
    case Int64Array:
    case DateTimeArray:
        format = {NumberFormat::Kind::Signed, 8};
        break;
    case UInt8Array:
        format = {NumberFormat::Kind::Unsigned, 1};
        break;
    case UInt16Array:
        format = {NumberFormat::Kind::Unsigned, 2};
        break;
    case UInt32Array:
        format = {NumberFormat::Kind::Unsigned, 4};
        break;
    case UInt64Array:
        format = {NumberFormat::Kind::Unsigned, 8};
        break;
    case FloatArray:
        format = {NumberFormat::Kind::Float, 4};
        break;
    case DoubleArray:
        format = {NumberFormat::Kind::Float, 8};
        break;
    default:
        return std::nullopt;
    }
    format.endian = QSysInfo::LittleEndian;
    return format;
}

// The schema, parsed once from the text compiled into the library.
struct Schema
{
    gp::DescriptorPool pool;
    std::unique_ptr<gp::DynamicMessageFactory> factory;
    const gp::Descriptor *payload = nullptr;
    const gp::Descriptor *metric = nullptr;

    Schema()
    {
        Protobuf::routeLibraryLogs();
        gp::io::ArrayInputStream input(sparkplugSchemaText, int(std::strlen(sparkplugSchemaText)));
        gp::io::Tokenizer tokenizer(&input, nullptr);
        gp::compiler::Parser parser;
        gp::FileDescriptorProto file;
        file.set_name("sparkplug_b.proto");
        if (!parser.Parse(&tokenizer, &file) || !pool.BuildFile(file))
            qFatal("the built-in Sparkplug B schema does not parse");
        factory = std::make_unique<gp::DynamicMessageFactory>(&pool);
        payload = pool.FindMessageTypeByName("org.eclipse.tahu.protobuf.Payload");
        metric = pool.FindMessageTypeByName("org.eclipse.tahu.protobuf.Payload.Metric");
    }
};

const Schema &schema()
{
    static const Schema instance;
    return instance;
}

struct MetricInfo
{
    QString name;
    quint32 datatype = 0;
};

struct AliasTable
{
    QHash<quint64, MetricInfo> aliases;
    QHash<QString, quint32> datatypes;
    QStringList names;

    void clear()
    {
        aliases.clear();
        datatypes.clear();
        names.clear();
    }
};

struct DeviceState
{
    bool online = false;
    AliasTable metrics;
};

struct NodeState
{
    bool online = false;
    bool born = false;
    qint64 bdSeq = -1;
    int seq = -1;
    AliasTable metrics;
    QMap<QString, DeviceState> devices;
};

// Field numbers of the schema (sparkplug_b.proto): looked up by number, which protobuf answers
// from an array, instead of by name.
enum PayloadField {
    PayloadTimestamp = 1,
    PayloadMetrics = 2,
    PayloadSeq = 3,
    PayloadUuid = 4,
    PayloadBody = 5
};
enum MetricField {
    MetricName = 1,
    MetricAlias = 2,
    MetricTimestamp = 3,
    MetricDatatype = 4,
    MetricIsHistorical = 5,
    MetricIsTransient = 6,
    MetricIsNull = 7,
    MetricMetadata = 8,
    MetricProperties = 9,
    MetricIntValue = 10,
    MetricLongValue = 11,
    MetricBytesValue = 16,
};

// Reads a metric's fields through reflection.
struct MetricReader
{
    const gp::Message &message;
    const gp::Reflection *reflection = message.GetReflection();
    const gp::Descriptor *type = message.GetDescriptor();

    const gp::FieldDescriptor *field(int number) const { return type->FindFieldByNumber(number); }
    bool has(int number) const { return reflection->HasField(message, field(number)); }
    quint64 uint64(int number) const { return reflection->GetUInt64(message, field(number)); }
    quint32 uint32(int number) const { return reflection->GetUInt32(message, field(number)); }
    bool boolean(int number) const { return reflection->GetBool(message, field(number)); }
    QString string(int number) const
    {
        return QString::fromStdString(reflection->GetString(message, field(number)));
    }
    QByteArray bytes(int number) const
    {
        return QByteArray::fromStdString(reflection->GetString(message, field(number)));
    }
};

QString timeText(quint64 milliseconds)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(milliseconds), Qt::UTC).toString(Qt::ISODateWithMs);
}

// The metric's value as its datatype says.
Node metricValue(const MetricReader &metric, quint32 datatype)
{
    using Kind = Node::Kind;
    const gp::OneofDescriptor *oneof = metric.field(MetricIntValue)->containing_oneof();
    const gp::FieldDescriptor *set =
            metric.reflection->GetOneofFieldDescriptor(metric.message, oneof);
    if (!set || (metric.has(MetricIsNull) && metric.boolean(MetricIsNull)))
        return Node();
    const std::string field = set->name();
    const QString type = dataTypeName(datatype);
    if (field == "int_value") {
        const quint32 value = metric.uint32(MetricIntValue);
        switch (datatype) {
        case Int8:
            return Node::scalar(Kind::Integer, qint64(qint8(value)), type);
        case Int16:
            return Node::scalar(Kind::Integer, qint64(qint16(value)), type);
        case Int32:
            return Node::scalar(Kind::Integer, qint64(qint32(value)), type);
        default:
            return Node::scalar(Kind::UnsignedInteger, quint64(value), type);
        }
    }
    if (field == "long_value") {
        const quint64 value = metric.uint64(MetricLongValue);
        if (datatype == Int64)
            return Node::scalar(Kind::Integer, qint64(value), type);
        if (datatype == DateTime)
            return Node::scalar(Kind::UnsignedInteger, value,
                                QStringLiteral("DateTime %1").arg(timeText(value)));
        return Node::scalar(Kind::UnsignedInteger, value, type);
    }
    if (field == "bytes_value") {
        const QByteArray bytes = metric.bytes(MetricBytesValue);
        if (const std::optional<NumberFormat> format = arrayFormat(datatype)) {
            if (bytes.size() % format->size == 0) {
                Node array = numbersNode(bytes, *format);
                array.type = type;
                return array;
            }
        }
        if (datatype == StringArray) {
            Node array = Node::array(type);
            QList<QByteArray> parts = bytes.split('\0');
            if (!parts.isEmpty() && parts.last().isEmpty())
                parts.removeLast();
            for (const QByteArray &part : parts)
                array.add(QString::number(array.children.size()),
                          Node::scalar(Kind::String, QString::fromUtf8(part)));
            return array;
        }
        return Node::scalar(Kind::Bytes, bytes, type);
    }
    Node node = Protobuf::fieldNode(metric.message, set, -1, nullptr);
    if (datatype != 0)
        node.type = type;
    return node;
}

QString nodeKey(const SparkplugTopic &topic)
{
    return topic.group + QLatin1Char('/') + topic.edgeNode;
}

} // namespace

std::optional<SparkplugTopic> SparkplugTopic::fromTopic(QStringView topic)
{
    const QList<QStringView> parts = topic.split(u'/');
    SparkplugTopic result;
    if (parts.size() == 2 && parts.at(0) == u"STATE" && !parts.at(1).isEmpty()) {
        result.type = Type::State;
        result.hostId = parts.at(1).toString();
        result.isVersion22State = true;
        return result;
    }
    if (parts.size() < 3 || parts.at(0) != u"spBv1.0")
        return std::nullopt;
    if (parts.size() == 3 && parts.at(1) == u"STATE" && !parts.at(2).isEmpty()) {
        result.type = Type::State;
        result.hostId = parts.at(2).toString();
        return result;
    }
    static const QHash<QString, Type> nodeTypes = {{QStringLiteral("NBIRTH"), Type::NBirth},
                                                   {QStringLiteral("NDEATH"), Type::NDeath},
                                                   {QStringLiteral("NDATA"), Type::NData},
                                                   {QStringLiteral("NCMD"), Type::NCmd}};
    static const QHash<QString, Type> deviceTypes = {{QStringLiteral("DBIRTH"), Type::DBirth},
                                                     {QStringLiteral("DDEATH"), Type::DDeath},
                                                     {QStringLiteral("DDATA"), Type::DData},
                                                     {QStringLiteral("DCMD"), Type::DCmd}};
    const QString type = parts.at(2).toString();
    if (parts.size() == 4 && nodeTypes.contains(type))
        result.type = nodeTypes.value(type);
    else if (parts.size() == 5 && deviceTypes.contains(type))
        result.type = deviceTypes.value(type);
    else
        return std::nullopt;
    result.group = parts.at(1).toString();
    result.edgeNode = parts.at(3).toString();
    if (parts.size() == 5)
        result.device = parts.at(4).toString();
    if (result.group.isEmpty() || result.edgeNode.isEmpty() ||
        (parts.size() == 5 && result.device.isEmpty()))
        return std::nullopt;
    return result;
}

QString SparkplugTopic::typeName() const
{
    switch (type) {
    case Type::NBirth:
        return QStringLiteral("NBIRTH");
    case Type::NDeath:
        return QStringLiteral("NDEATH");
    case Type::DBirth:
        return QStringLiteral("DBIRTH");
    case Type::DDeath:
        return QStringLiteral("DDEATH");
    case Type::NData:
        return QStringLiteral("NDATA");
    case Type::DData:
        return QStringLiteral("DDATA");
    case Type::NCmd:
        return QStringLiteral("NCMD");
    case Type::DCmd:
        return QStringLiteral("DCMD");
    case Type::State:
        break;
    }
    return QStringLiteral("STATE");
}

struct SparkplugSession::Private
{
    QMap<QString, NodeState> nodes; // by "group/edge node"
    QMap<QString, SparkplugHost> hosts;

    DecodeResult decodeState(const SparkplugTopic &topic, QByteArrayView payload);
    void checkSequence(const SparkplugTopic &topic, NodeState &node, const MetricReader &payload,
                       QStringList *warnings);
};

DecodeResult SparkplugSession::Private::decodeState(const SparkplugTopic &topic,
                                                    QByteArrayView payload)
{
    using Kind = Node::Kind;
    Node root = Node::map(QStringLiteral("Sparkplug B STATE"));
    root.add(QStringLiteral("sparkplug"), Node::scalar(Kind::String, QStringLiteral("STATE")));
    root.add(QStringLiteral("hostId"), Node::scalar(Kind::String, topic.hostId));
    SparkplugHost &host = hosts[topic.hostId];
    host.id = topic.hostId;
    if (topic.isVersion22State) {
        // 2.2: the text ONLINE or OFFLINE.
        const QByteArray text = payload.toByteArray().trimmed();
        if (text != "ONLINE" && text != "OFFLINE")
            return DecodeResult::failure(
                    Decoder::Sparkplug, payload, 0,
                    QCoreApplication::translate("Payload", "not a Sparkplug 2.2 STATE: the payload "
                                                           "is neither ONLINE nor OFFLINE"));
        host.online = text == "ONLINE";
        root.add(QStringLiteral("version"), Node::scalar(Kind::String, QStringLiteral("2.2")));
        root.add(QStringLiteral("online"), Node::scalar(Kind::Boolean, host.online));
        return DecodeResult::success(Decoder::Sparkplug, std::move(root));
    }
    // 3.0: JSON {"online": bool, "timestamp": ms}.
    QString reason;
    qsizetype offset = -1;
    const std::optional<QJsonValue> json = parseJson(payload, &reason, &offset);
    if (!json || !json->isObject() || !json->toObject().value(u"online").isBool())
        return DecodeResult::failure(
                Decoder::Sparkplug, payload, json ? -1 : offset,
                json ? QCoreApplication::translate(
                               "Payload",
                               "not a Sparkplug 3.0 STATE: no \"online\" true or false in the JSON")
                     : QCoreApplication::translate("Payload",
                                                   "not a Sparkplug 3.0 STATE: %1 at byte %2")
                                .arg(reason)
                                .arg(offset));
    const QJsonObject object = json->toObject();
    host.online = object.value(u"online").toBool();
    root.add(QStringLiteral("version"), Node::scalar(Kind::String, QStringLiteral("3.0")));
    for (auto it = object.begin(); it != object.end(); ++it)
        root.add(it.key(), Node::fromJson(it.value()));
    return DecodeResult::success(Decoder::Sparkplug, std::move(root));
}

void SparkplugSession::Private::checkSequence(const SparkplugTopic &topic, NodeState &node,
                                              const MetricReader &payload, QStringList *warnings)
{
    if (!payload.has(PayloadSeq)) {
        warnings->append(QCoreApplication::translate("Payload", "no sequence number (seq) in a %1")
                                 .arg(topic.typeName()));
        return;
    }
    const quint64 seq = payload.uint64(PayloadSeq);
    if (seq > 255) {
        warnings->append(QCoreApplication::translate(
                                 "Payload", "sequence number %1 is out of range (0 to 255)")
                                 .arg(seq));
        return;
    }
    // After a birth each message takes the next number; 255 wraps to 0.
    if (node.seq >= 0 && seq != quint64((node.seq + 1) % 256))
        warnings->append(
                QCoreApplication::translate(
                        "Payload",
                        "sequence gap: expected %1, got %2 (messages lost or out of order)")
                        .arg((node.seq + 1) % 256)
                        .arg(seq));
    node.seq = int(seq);
}

SparkplugSession::SparkplugSession() : d(std::make_unique<Private>()) { }

SparkplugSession::~SparkplugSession() = default;

void SparkplugSession::clear()
{
    d->nodes.clear();
    d->hosts.clear();
}

DecodeResult SparkplugSession::decode(const QString &topicName, QByteArrayView payload)
{
    using Kind = Node::Kind;
    using Type = SparkplugTopic::Type;
    const std::optional<SparkplugTopic> parsedTopic = SparkplugTopic::fromTopic(topicName);
    if (!parsedTopic)
        return DecodeResult::failure(
                Decoder::Sparkplug, payload, -1,
                QCoreApplication::translate("Payload", "not a Sparkplug B topic: expected "
                                                       "spBv1.0/GROUP/TYPE/EDGE_NODE[/DEVICE] or "
                                                       "spBv1.0/STATE/HOST"));
    const SparkplugTopic &topic = *parsedTopic;
    if (topic.type == Type::State)
        return d->decodeState(topic, payload);

    const Schema &types = schema();
    qsizetype offset = -1;
    QString reason;
    const std::unique_ptr<gp::Message> message =
            Protobuf::parseMessage(payload, types.payload, types.factory.get(), &offset, &reason);
    if (!message)
        return DecodeResult::failure(
                Decoder::Sparkplug, payload, offset,
                offset >= 0
                        ? QCoreApplication::translate("Payload",
                                                      "not a Sparkplug B payload: %1 at byte %2")
                                  .arg(reason)
                                  .arg(offset)
                        : QCoreApplication::translate("Payload", "not a Sparkplug B payload: %1")
                                  .arg(reason));

    QStringList warnings;
    const bool isDevice = !topic.device.isEmpty();
    const bool known = d->nodes.contains(nodeKey(topic));
    NodeState &node = d->nodes[nodeKey(topic)];
    DeviceState *device = isDevice ? &node.devices[topic.device] : nullptr;
    const MetricReader payloadReader{*message};

    switch (topic.type) {
    case Type::NBirth:
        // A new session of the edge node: its devices must be born again.
        node.online = true;
        node.born = true;
        node.seq = -1;
        node.bdSeq = -1;
        node.metrics.clear();
        node.devices.clear();
        device = nullptr;
        d->checkSequence(topic, node, payloadReader, &warnings);
        break;
    case Type::NDeath:
        if (!known || !node.born)
            warnings.append(QCoreApplication::translate(
                                    "Payload", "NDEATH of edge node %1 with no NBIRTH seen")
                                    .arg(nodeKey(topic)));
        break;
    case Type::DBirth:
    case Type::DData:
    case Type::DDeath:
    case Type::NData:
        if (!node.online)
            warnings.append(
                    QCoreApplication::translate(
                            "Payload",
                            "%1 before any NBIRTH of edge node %2: metric aliases cannot be "
                            "resolved")
                            .arg(topic.typeName(), nodeKey(topic)));
        d->checkSequence(topic, node, payloadReader, &warnings);
        if (topic.type == Type::DBirth) {
            device->online = true;
            device->metrics.clear();
        } else if (isDevice && !device->online && node.online) {
            warnings.append(
                    QCoreApplication::translate("Payload", "%1 of device %2 with no DBIRTH seen")
                            .arg(topic.typeName(), topic.device));
        }
        break;
    case Type::NCmd:
    case Type::DCmd:
    case Type::State:
        break;
    }
    const bool isBirth = topic.type == Type::NBirth || topic.type == Type::DBirth;
    AliasTable &table = device ? device->metrics : node.metrics;

    Node root = Node::map(QStringLiteral("Sparkplug B %1").arg(topic.typeName()));
    root.add(QStringLiteral("sparkplug"), Node::scalar(Kind::String, topic.typeName()));
    root.add(QStringLiteral("group"), Node::scalar(Kind::String, topic.group));
    root.add(QStringLiteral("edgeNode"), Node::scalar(Kind::String, topic.edgeNode));
    if (isDevice)
        root.add(QStringLiteral("device"), Node::scalar(Kind::String, topic.device));
    if (payloadReader.has(PayloadTimestamp)) {
        const quint64 timestamp = payloadReader.uint64(PayloadTimestamp);
        root.add(QStringLiteral("timestamp"),
                 Node::scalar(Kind::UnsignedInteger, timestamp, timeText(timestamp)));
    }
    if (payloadReader.has(PayloadSeq))
        root.add(QStringLiteral("seq"),
                 Node::scalar(Kind::UnsignedInteger, payloadReader.uint64(PayloadSeq)));
    if (payloadReader.has(PayloadUuid))
        root.add(QStringLiteral("uuid"),
                 Node::scalar(Kind::String, payloadReader.string(PayloadUuid)));
    if (payloadReader.has(PayloadBody))
        root.add(QStringLiteral("body"),
                 Node::scalar(Kind::Bytes, payloadReader.bytes(PayloadBody)));

    Node metrics = Node::array();
    std::optional<quint64> bdSeq;
    const gp::FieldDescriptor *metricsField = types.payload->FindFieldByNumber(PayloadMetrics);
    const int count = message->GetReflection()->FieldSize(*message, metricsField);
    for (int i = 0; i < count; ++i) {
        const MetricReader metric{
                message->GetReflection()->GetRepeatedMessage(*message, metricsField, i)};
        Node entry = Node::map(QStringLiteral("Metric"));
        QString name = metric.has(MetricName) ? metric.string(MetricName) : QString();
        quint32 datatype = metric.has(MetricDatatype) ? metric.uint32(MetricDatatype) : 0;
        const bool hasAlias = metric.has(MetricAlias);
        const quint64 alias = hasAlias ? metric.uint64(MetricAlias) : 0;
        QString nameSource;
        if (isBirth) {
            if (name.isEmpty())
                warnings.append(
                        QCoreApplication::translate("Payload", "metric %1 of a %2 has no name")
                                .arg(i)
                                .arg(topic.typeName()));
            if (hasAlias)
                table.aliases.insert(alias, {name, datatype});
            table.datatypes.insert(name, datatype);
            table.names.append(name);
        } else if (name.isEmpty() && hasAlias) {
            // Aliases are unique within the edge node: the device's own first, then the node's.
            const AliasTable *tables[] = {device ? &device->metrics : nullptr, &node.metrics};
            bool found = false;
            for (const AliasTable *candidate : tables) {
                if (candidate && candidate->aliases.contains(alias)) {
                    const MetricInfo info = candidate->aliases.value(alias);
                    name = info.name;
                    if (datatype == 0)
                        datatype = info.datatype;
                    found = true;
                    break;
                }
            }
            if (found)
                nameSource = QCoreApplication::translate("Payload", "from alias %1").arg(alias);
            else if (node.online)
                warnings.append(QCoreApplication::translate("Payload",
                                                            "alias %1 was not declared in a birth")
                                        .arg(alias));
        } else if (datatype == 0) {
            datatype = (device ? device->metrics : node.metrics).datatypes.value(name);
        }
        if (!name.isEmpty())
            entry.add(QStringLiteral("name"), Node::scalar(Kind::String, name, nameSource));
        else
            entry.add(QStringLiteral("name"), Node());
        if (hasAlias)
            entry.add(QStringLiteral("alias"), Node::scalar(Kind::UnsignedInteger, alias));
        if (datatype != 0)
            entry.add(QStringLiteral("datatype"), Node::scalar(Kind::String, dataTypeName(datatype),
                                                               QString::number(datatype)));
        if (metric.has(MetricTimestamp)) {
            const quint64 timestamp = metric.uint64(MetricTimestamp);
            entry.add(QStringLiteral("timestamp"),
                      Node::scalar(Kind::UnsignedInteger, timestamp, timeText(timestamp)));
        }
        for (const MetricField flag : {MetricIsHistorical, MetricIsTransient, MetricIsNull}) {
            if (metric.has(flag) && metric.boolean(flag))
                entry.add(QString::fromStdString(metric.field(flag)->name()),
                          Node::scalar(Kind::Boolean, true));
        }
        Node value = metricValue(metric, datatype);
        if (name == QLatin1String("bdSeq") && value.kind != Kind::Null && value.kind != Kind::Map &&
            value.kind != Kind::Array)
            bdSeq = value.value.toULongLong();
        entry.add(QStringLiteral("value"), std::move(value));
        for (const MetricField part : {MetricMetadata, MetricProperties}) {
            if (metric.has(part))
                entry.add(QString::fromStdString(metric.field(part)->name()),
                          Protobuf::fieldNode(metric.message, metric.field(part), -1, nullptr));
        }
        metrics.add(QString::number(i), std::move(entry));
    }
    root.add(QStringLiteral("metrics"), std::move(metrics));

    if (topic.type == Type::NBirth) {
        node.bdSeq = bdSeq ? qint64(*bdSeq) : -1;
        if (!bdSeq)
            warnings.append(
                    QCoreApplication::translate("Payload", "NBIRTH without a bdSeq metric"));
    } else if (topic.type == Type::NDeath) {
        if (bdSeq)
            root.add(QStringLiteral("bdSeq"), Node::scalar(Kind::UnsignedInteger, *bdSeq));
        else
            warnings.append(
                    QCoreApplication::translate("Payload", "NDEATH without a bdSeq metric"));
        // A death whose bdSeq is not the current birth's belongs to an earlier session.
        if (bdSeq && node.bdSeq >= 0 && qint64(*bdSeq) != node.bdSeq) {
            warnings.append(
                    QCoreApplication::translate(
                            "Payload",
                            "bdSeq %1 does not match the NBIRTH's %2: the death of an earlier "
                            "session, ignored")
                            .arg(*bdSeq)
                            .arg(node.bdSeq));
        } else {
            node.online = false;
            node.seq = -1;
            for (DeviceState &each : node.devices)
                each.online = false;
        }
    } else if (topic.type == Type::DDeath && device) {
        device->online = false;
    }
    DecodeResult result = DecodeResult::success(Decoder::Sparkplug, std::move(root));
    result.warnings = warnings;
    return result;
}

QList<SparkplugEdgeNode> SparkplugSession::edgeNodes() const
{
    QList<SparkplugEdgeNode> list;
    for (auto it = d->nodes.constBegin(); it != d->nodes.constEnd(); ++it) {
        SparkplugEdgeNode node;
        const qsizetype slash = it.key().indexOf(QLatin1Char('/'));
        node.group = it.key().left(slash);
        node.id = it.key().mid(slash + 1);
        node.online = it->online;
        node.bdSeq = it->bdSeq;
        node.seq = it->seq;
        node.metrics = it->metrics.names;
        for (auto device = it->devices.constBegin(); device != it->devices.constEnd(); ++device)
            node.devices.append({device.key(), device->online, device->metrics.names});
        list.append(node);
    }
    return list;
}

QList<SparkplugHost> SparkplugSession::hosts() const
{
    return d->hosts.values();
}

namespace {

// Sets the metric's value field for its datatype from JSON; an error text when it cannot.
QString setMetricValue(gp::Message *metric, quint32 datatype, const QJsonValue &value)
{
    const gp::Reflection *reflection = metric->GetReflection();
    const gp::Descriptor *type = metric->GetDescriptor();
    const auto field = [type](const char *name) { return type->FindFieldByName(name); };
    if (value.isNull()) {
        reflection->SetBool(metric, field("is_null"), true);
        return QString();
    }
    const auto mismatch = [&] {
        return QCoreApplication::translate("Payload", "the value %1 is not a %2")
                .arg(QString::fromUtf8(
                        QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)))
                .arg(dataTypeName(datatype));
    };
    switch (datatype) {
    case Int8:
    case Int16:
    case Int32:
    case UInt8:
    case UInt16:
    case UInt32:
        if (!value.isDouble())
            return mismatch();
        reflection->SetUInt32(metric, field("int_value"), quint32(qint32(value.toInteger())));
        return QString();
    case Int64:
    case UInt64:
    case DateTime:
        if (!value.isDouble())
            return mismatch();
        reflection->SetUInt64(metric, field("long_value"), quint64(value.toInteger()));
        return QString();
    case Float:
        if (!value.isDouble())
            return mismatch();
        reflection->SetFloat(metric, field("float_value"), float(value.toDouble()));
        return QString();
    case Double:
        if (!value.isDouble())
            return mismatch();
        reflection->SetDouble(metric, field("double_value"), value.toDouble());
        return QString();
    case Boolean:
        if (!value.isBool())
            return mismatch();
        reflection->SetBool(metric, field("boolean_value"), value.toBool());
        return QString();
    case String:
    case Text:
    case Uuid:
        if (!value.isString())
            return mismatch();
        reflection->SetString(metric, field("string_value"), value.toString().toStdString());
        return QString();
    case Bytes:
    case File: {
        if (!value.isString())
            return mismatch();
        const auto decoded = QByteArray::fromBase64Encoding(
                value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return QCoreApplication::translate("Payload", "bytes must be given as Base64");
        reflection->SetString(metric, field("bytes_value"), decoded.decoded.toStdString());
        return QString();
    }
    default:
        break;
    }
    if (const std::optional<NumberFormat> format = arrayFormat(datatype)) {
        if (!value.isArray())
            return mismatch();
        const PayloadFormat::EncodeResult numbers = encodeNumbers(
                QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)),
                *format);
        if (!numbers.isValid())
            return numbers.error;
        reflection->SetString(metric, field("bytes_value"), numbers.bytes.toStdString());
        return QString();
    }
    return QCoreApplication::translate("Payload", "a %1 metric cannot be written from JSON")
            .arg(dataTypeName(datatype));
}

quint32 inferredDataType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return Boolean;
    case QJsonValue::String:
        return String;
    case QJsonValue::Double:
        return value.toVariant().typeId() == QMetaType::LongLong ? Int64 : Double;
    case QJsonValue::Array: {
        for (const QJsonValue &item : value.toArray()) {
            if (item.toVariant().typeId() != QMetaType::LongLong)
                return DoubleArray;
        }
        return Int64Array;
    }
    default:
        break;
    }
    return 0;
}

} // namespace

PayloadFormat::EncodeResult SparkplugSession::encode(const QString &json)
{
    PayloadFormat::EncodeResult result;
    const std::optional<QJsonValue> value = parseJsonInput(json, &result);
    if (!value)
        return result;
    const auto fail = [&result](const QString &error) {
        result.bytes.clear();
        result.error = error;
        return result;
    };
    QJsonObject object;
    if (value->isArray())
        object.insert(QStringLiteral("metrics"), value->toArray());
    else if (value->isObject())
        object = value->toObject();
    else
        return fail(QCoreApplication::translate(
                "Payload", "Sparkplug B needs a JSON object {\"metrics\": [...]} or an array of "
                           "metrics"));
    const Schema &types = schema();
    std::unique_ptr<gp::Message> payload(types.factory->GetPrototype(types.payload)->New());
    const gp::Reflection *reflection = payload->GetReflection();
    const auto payloadField = [&types](const char *name) {
        return types.payload->FindFieldByName(name);
    };
    reflection->SetUInt64(payload.get(), payloadField("timestamp"),
                          object.contains(u"timestamp")
                                  ? quint64(object.value(u"timestamp").toInteger())
                                  : quint64(QDateTime::currentMSecsSinceEpoch()));
    if (object.contains(u"seq")) {
        const qint64 seq = object.value(u"seq").toInteger(-1);
        if (seq < 0 || seq > 255)
            return fail(QCoreApplication::translate("Payload",
                                                    "seq must be a whole number from 0 to 255"));
        reflection->SetUInt64(payload.get(), payloadField("seq"), quint64(seq));
    }
    if (object.contains(u"uuid"))
        reflection->SetString(payload.get(), payloadField("uuid"),
                              object.value(u"uuid").toString().toStdString());
    const QJsonArray metrics = object.value(u"metrics").toArray();
    for (qsizetype i = 0; i < metrics.size(); ++i) {
        const QJsonObject entry = metrics.at(i).toObject();
        if (!metrics.at(i).isObject() || (!entry.contains(u"name") && !entry.contains(u"alias")))
            return fail(QCoreApplication::translate("Payload",
                                                    "metric %1 needs a \"name\" or an \"alias\"")
                                .arg(i));
        gp::Message *metric = reflection->AddMessage(payload.get(), payloadField("metrics"));
        const gp::Reflection *metricReflection = metric->GetReflection();
        const auto metricField = [&types](const char *name) {
            return types.metric->FindFieldByName(name);
        };
        if (entry.contains(u"name"))
            metricReflection->SetString(metric, metricField("name"),
                                        entry.value(u"name").toString().toStdString());
        if (entry.contains(u"alias"))
            metricReflection->SetUInt64(metric, metricField("alias"),
                                        quint64(entry.value(u"alias").toInteger()));
        if (entry.contains(u"timestamp"))
            metricReflection->SetUInt64(metric, metricField("timestamp"),
                                        quint64(entry.value(u"timestamp").toInteger()));
        const QJsonValue datatypeValue = entry.value(u"datatype");
        quint32 datatype = 0;
        if (datatypeValue.isString()) {
            const qsizetype index = dataTypeNames().indexOf(datatypeValue.toString());
            if (index <= 0)
                return fail(
                        QCoreApplication::translate("Payload", "metric %1: unknown datatype \"%2\"")
                                .arg(i)
                                .arg(datatypeValue.toString()));
            datatype = quint32(index);
        } else if (datatypeValue.isDouble()) {
            datatype = quint32(datatypeValue.toInteger());
        } else {
            datatype = inferredDataType(entry.value(u"value"));
        }
        if (datatype != 0)
            metricReflection->SetUInt32(metric, metricField("datatype"), datatype);
        if (entry.contains(u"value")) {
            const QString error = setMetricValue(metric, datatype, entry.value(u"value"));
            if (!error.isEmpty())
                return fail(
                        QCoreApplication::translate("Payload", "metric %1: %2").arg(i).arg(error));
        }
    }
    result.bytes = QByteArray::fromStdString(payload->SerializeAsString());
    return result;
}

} // namespace Payload
