// SPDX-License-Identifier: Apache-2.0
#include "capture.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <limits>

namespace Capture {

const char FormatName[] = "switchboard-capture";

namespace {

// The header's keys.
const QLatin1String FormatKey("format");
const QLatin1String VersionKey("version");
const QLatin1String StartKey("start");
const QLatin1String BrokerKey("broker");
const QLatin1String FiltersKey("filters");
// A message's keys. A binary value is a string when it is text, else Base64 under the key
// with "64" appended.
const QLatin1String TimeKey("t");
const QLatin1String DirectionKey("dir");
const QLatin1String TopicKey("topic");
const QLatin1String PayloadKey("payload");
const QLatin1String QosKey("qos");
const QLatin1String RetainKey("retain");
const QLatin1String PropertiesKey("props");
const QLatin1String SentValue("out");
const QLatin1String Base64Suffix("64");

// The PUBLISH properties a file keeps, named as switchboard-cli's -D names them. The order is
// the order of reading (order among different properties carries no meaning; repeated user
// properties keep theirs, [MQTT-3.3.2-18]).
struct PropertyName
{
    Mqtt::PropertyId id;
    QLatin1String name;
};
const std::array<PropertyName, 7> PropertyNames = {{
        {Mqtt::PropertyId::PayloadFormatIndicator, QLatin1String("payload-format-indicator")},
        {Mqtt::PropertyId::MessageExpiryInterval, QLatin1String("message-expiry-interval")},
        {Mqtt::PropertyId::ContentType, QLatin1String("content-type")},
        {Mqtt::PropertyId::ResponseTopic, QLatin1String("response-topic")},
        {Mqtt::PropertyId::CorrelationData, QLatin1String("correlation-data")},
        {Mqtt::PropertyId::SubscriptionIdentifier, QLatin1String("subscription-identifier")},
        {Mqtt::PropertyId::UserProperty, QLatin1String("user-property")},
}};

// Text a person can read in the file: valid UTF-8 without control characters other than tab,
// line feed and carriage return. Anything else goes as Base64.
bool isText(QByteArrayView data)
{
    for (const char c : data) {
        const auto byte = uchar(c);
        if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F)
            return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(data); // decodes, to find out whether it can
    Q_UNUSED(text);
    return !decoder.hasError();
}

void putBinary(QJsonObject &object, const QString &key, const QByteArray &data)
{
    if (isText(data))
        object.insert(key, QString::fromUtf8(data));
    else
        object.insert(key + Base64Suffix, QString::fromLatin1(data.toBase64()));
}

// Reads the binary value of key (text or Base64); nullopt when absent, *problem set when bad.
std::optional<QByteArray> takeBinary(const QJsonObject &object, const QString &key, QString *problem)
{
    const QJsonValue text = object.value(key);
    const QJsonValue base64 = object.value(key + Base64Suffix);
    if (!text.isUndefined() && !base64.isUndefined()) {
        *problem = QCoreApplication::translate("Capture", "\"%1\" and \"%2\" are both given")
                           .arg(key, key + Base64Suffix);
        return std::nullopt;
    }
    if (!text.isUndefined()) {
        if (!text.isString()) {
            *problem = QCoreApplication::translate("Capture", "\"%1\" must be a string").arg(key);
            return std::nullopt;
        }
        return text.toString().toUtf8();
    }
    if (!base64.isUndefined()) {
        const auto decoded = QByteArray::fromBase64Encoding(
                base64.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!base64.isString() || !decoded) {
            *problem = QCoreApplication::translate("Capture", "\"%1\" must be a Base64 string")
                               .arg(key + Base64Suffix);
            return std::nullopt;
        }
        return *decoded;
    }
    return std::nullopt;
}

std::optional<QJsonObject> parseObject(QByteArrayView line, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        *problem = QCoreApplication::translate("Capture", "not valid JSON: %1 (at column %2)")
                           .arg(error.errorString())
                           .arg(error.offset + 1);
        return std::nullopt;
    }
    if (!document.isObject()) {
        *problem = QCoreApplication::translate("Capture", "a line must hold one JSON object");
        return std::nullopt;
    }
    return document.object();
}

// A whole number in [minimum, maximum] under key; nullopt with *problem when not.
std::optional<qint64> takeInteger(const QJsonValue &value, const QString &key, qint64 minimum,
                                  qint64 maximum, QString *problem)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number != double(qint64(number)) || number < double(minimum) ||
        number > double(maximum)) {
        *problem = QCoreApplication::translate("Capture",
                                               "\"%1\" must be a whole number from %2 to %3")
                           .arg(key)
                           .arg(minimum)
                           .arg(maximum);
        return std::nullopt;
    }
    return qint64(number);
}

QJsonObject encodeProperties(const Mqtt::Properties &properties)
{
    QJsonObject object;
    for (const PropertyName &property : PropertyNames) {
        const QString name = property.name;
        switch (property.id) {
        case Mqtt::PropertyId::PayloadFormatIndicator:
        case Mqtt::PropertyId::MessageExpiryInterval:
            if (const auto value = properties.integer(property.id))
                object.insert(name, qint64(*value));
            break;
        case Mqtt::PropertyId::ContentType:
        case Mqtt::PropertyId::ResponseTopic:
            if (properties.contains(property.id))
                object.insert(name, properties.string(property.id));
            break;
        case Mqtt::PropertyId::CorrelationData:
            if (properties.contains(property.id))
                putBinary(object, name, properties.binary(property.id));
            break;
        case Mqtt::PropertyId::SubscriptionIdentifier: {
            QJsonArray identifiers;
            for (const quint32 identifier : properties.subscriptionIdentifiers())
                identifiers.append(qint64(identifier));
            if (!identifiers.isEmpty())
                object.insert(name, identifiers);
            break;
        }
        case Mqtt::PropertyId::UserProperty: {
            QJsonArray pairs;
            for (const auto &[key, value] : properties.userProperties())
                pairs.append(QJsonArray{key, value});
            if (!pairs.isEmpty())
                object.insert(name, pairs);
            break;
        }
        default:
            break;
        }
    }
    return object;
}

std::optional<Mqtt::Properties> decodeProperties(const QJsonValue &value, QString *problem)
{
    if (!value.isObject()) {
        *problem = QCoreApplication::translate("Capture", "\"%1\" must be an object")
                           .arg(PropertiesKey);
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        QString key = it.key();
        if (key.endsWith(Base64Suffix))
            key.chop(Base64Suffix.size());
        const bool known = std::any_of(PropertyNames.begin(), PropertyNames.end(),
                                       [&key](const PropertyName &p) { return p.name == key; });
        if (!known) {
            *problem =
                    QCoreApplication::translate("Capture", "unknown property \"%1\"").arg(it.key());
            return std::nullopt;
        }
    }
    Mqtt::Properties properties;
    for (const PropertyName &property : PropertyNames) {
        const QString name = property.name;
        const QJsonValue entry = object.value(name);
        switch (property.id) {
        case Mqtt::PropertyId::PayloadFormatIndicator:
        case Mqtt::PropertyId::MessageExpiryInterval: {
            if (entry.isUndefined())
                break;
            const qint64 maximum =
                    property.id == Mqtt::PropertyId::PayloadFormatIndicator ? 1 : 0xFFFFFFFF;
            const auto number = takeInteger(entry, name, 0, maximum, problem);
            if (!number)
                return std::nullopt;
            properties.setInteger(property.id, quint32(*number));
            break;
        }
        case Mqtt::PropertyId::ContentType:
        case Mqtt::PropertyId::ResponseTopic:
            if (entry.isUndefined())
                break;
            if (!entry.isString()) {
                *problem =
                        QCoreApplication::translate("Capture", "\"%1\" must be a string").arg(name);
                return std::nullopt;
            }
            properties.setString(property.id, entry.toString());
            break;
        case Mqtt::PropertyId::CorrelationData: {
            const auto data = takeBinary(object, name, problem);
            if (!problem->isEmpty())
                return std::nullopt;
            if (data)
                properties.setBinary(property.id, *data);
            break;
        }
        case Mqtt::PropertyId::SubscriptionIdentifier:
            if (entry.isUndefined())
                break;
            if (!entry.isArray()) {
                *problem =
                        QCoreApplication::translate("Capture", "\"%1\" must be an array of numbers")
                                .arg(name);
                return std::nullopt;
            }
            for (const QJsonValue &identifier : entry.toArray()) {
                const auto number = takeInteger(identifier, name, 1, 268435455, problem);
                if (!number)
                    return std::nullopt;
                properties.addSubscriptionIdentifier(quint32(*number));
            }
            break;
        case Mqtt::PropertyId::UserProperty:
            if (entry.isUndefined())
                break;
            if (!entry.isArray()) {
                *problem = QCoreApplication::translate(
                                   "Capture", "\"%1\" must be an array of [name, value] pairs")
                                   .arg(name);
                return std::nullopt;
            }
            for (const QJsonValue &pair : entry.toArray()) {
                const QJsonArray parts = pair.toArray();
                if (!pair.isArray() || parts.size() != 2 || !parts.at(0).isString() ||
                    !parts.at(1).isString()) {
                    *problem = QCoreApplication::translate(
                                       "Capture", "\"%1\" must be an array of [name, value] pairs")
                                       .arg(name);
                    return std::nullopt;
                }
                properties.addUserProperty(parts.at(0).toString(), parts.at(1).toString());
            }
            break;
        default:
            break;
        }
    }
    return properties;
}

} // namespace

QByteArray encodeHeader(const Header &header)
{
    QJsonObject object{{FormatKey, QLatin1String(FormatName)},
                       {VersionKey, header.version},
                       {StartKey, header.start.toUTC().toString(Qt::ISODateWithMs)}};
    if (!header.broker.isEmpty())
        object.insert(BrokerKey, header.broker);
    if (!header.filters.isEmpty())
        object.insert(FiltersKey, QJsonArray::fromStringList(header.filters));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeRecord(const Record &record)
{
    const Mqtt::Message &message = record.message;
    QJsonObject object{
            {TimeKey, record.offsetMs}, {TopicKey, message.topic}, {QosKey, int(message.qos)}};
    putBinary(object, PayloadKey, message.payload);
    if (message.retain)
        object.insert(RetainKey, true);
    if (record.direction == Direction::Sent)
        object.insert(DirectionKey, SentValue);
    const QJsonObject properties = encodeProperties(message.properties);
    if (!properties.isEmpty())
        object.insert(PropertiesKey, properties);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<Header> decodeHeader(QByteArrayView line, QString *problem)
{
    const auto object = parseObject(line, problem);
    if (!object)
        return std::nullopt;
    if (object->value(FormatKey).toString() != QLatin1String(FormatName)) {
        *problem = QCoreApplication::translate(
                           "Capture",
                           "not a Switchboard capture: the first line must say \"format\": \"%1\"")
                           .arg(QLatin1String(FormatName));
        return std::nullopt;
    }
    const QJsonValue version = object->value(VersionKey);
    if (!version.isDouble()) {
        *problem = QCoreApplication::translate("Capture", "the field \"%1\" is missing")
                           .arg(VersionKey);
        return std::nullopt;
    }
    if (version.toDouble() != FormatVersion) {
        *problem = QCoreApplication::translate(
                           "Capture",
                           "format version %1 is not supported (this Switchboard reads version %2)")
                           .arg(version.toDouble())
                           .arg(FormatVersion);
        return std::nullopt;
    }
    Header header;
    header.version = FormatVersion;
    const QJsonValue start = object->value(StartKey);
    if (start.isUndefined()) {
        *problem =
                QCoreApplication::translate("Capture", "the field \"%1\" is missing").arg(StartKey);
        return std::nullopt;
    }
    header.start = QDateTime::fromString(start.toString(), Qt::ISODateWithMs);
    if (!header.start.isValid()) {
        *problem =
                QCoreApplication::translate(
                        "Capture", "\"%1\" must be a date and time as in 2026-01-31T12:00:00.000Z")
                        .arg(StartKey);
        return std::nullopt;
    }
    header.start = header.start.toUTC();
    header.broker = object->value(BrokerKey).toString();
    for (const QJsonValue &filter : object->value(FiltersKey).toArray())
        header.filters << filter.toString();
    return header;
}

std::optional<Record> decodeRecord(QByteArrayView line, QString *problem)
{
    problem->clear();
    const auto object = parseObject(line, problem);
    if (!object)
        return std::nullopt;
    Record record;
    const auto requireField = [&object, problem](const QString &key) {
        if (object->contains(key))
            return true;
        *problem = QCoreApplication::translate("Capture", "the field \"%1\" is missing").arg(key);
        return false;
    };
    if (!requireField(TimeKey) || !requireField(TopicKey) || !requireField(QosKey))
        return std::nullopt;
    const auto offset = takeInteger(object->value(TimeKey), TimeKey, 0,
                                    std::numeric_limits<qint32>::max() * qint64(1000), problem);
    if (!offset)
        return std::nullopt;
    record.offsetMs = *offset;
    const QJsonValue topic = object->value(TopicKey);
    if (!topic.isString()) {
        *problem = QCoreApplication::translate("Capture", "\"%1\" must be a string").arg(TopicKey);
        return std::nullopt;
    }
    record.message.topic = topic.toString();
    const auto qos = takeInteger(object->value(QosKey), QosKey, 0, 2, problem);
    if (!qos)
        return std::nullopt;
    record.message.qos = Mqtt::QoS(*qos);
    const auto payload = takeBinary(*object, PayloadKey, problem);
    if (!problem->isEmpty())
        return std::nullopt;
    if (!payload) {
        *problem = QCoreApplication::translate("Capture", "the field \"%1\" is missing")
                           .arg(PayloadKey);
        return std::nullopt;
    }
    record.message.payload = *payload;
    const QJsonValue retain = object->value(RetainKey);
    if (!retain.isUndefined() && !retain.isBool()) {
        *problem = QCoreApplication::translate("Capture", "\"%1\" must be true or false")
                           .arg(RetainKey);
        return std::nullopt;
    }
    record.message.retain = retain.toBool();
    const QJsonValue direction = object->value(DirectionKey);
    if (!direction.isUndefined()) {
        if (direction.toString() != SentValue) {
            *problem = QCoreApplication::translate("Capture", "\"%1\" must be \"%2\" when given")
                               .arg(DirectionKey, SentValue);
            return std::nullopt;
        }
        record.direction = Direction::Sent;
    }
    const QJsonValue properties = object->value(PropertiesKey);
    if (!properties.isUndefined()) {
        const auto decoded = decodeProperties(properties, problem);
        if (!decoded)
            return std::nullopt;
        record.message.properties = *decoded;
    }
    return record;
}

// Writer

Writer::~Writer()
{
    close();
}

bool Writer::open(const QString &path, Header header)
{
    close();
    m_count = 0;
    m_bytes = 0;
    m_error.clear();
    if (!header.start.isValid())
        header.start = QDateTime::currentDateTimeUtc();
    m_header = header;
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = QCoreApplication::translate("Capture", "cannot write %1: %2")
                          .arg(path, m_file.errorString());
        return false;
    }
    m_clock.start();
    return writeLine(encodeHeader(m_header));
}

bool Writer::write(const Mqtt::Message &message, Direction direction)
{
    return write(Record{m_clock.isValid() ? m_clock.elapsed() : 0, direction, message});
}

bool Writer::write(const Record &record)
{
    if (!m_file.isOpen())
        return false;
    Record kept = record;
    // An alias means something on the connection it came by only.
    kept.message.properties.remove(Mqtt::PropertyId::TopicAlias);
    if (!writeLine(encodeRecord(kept)))
        return false;
    ++m_count;
    return true;
}

bool Writer::writeLine(const QByteArray &line)
{
    const QByteArray withNewline = line + '\n';
    if (m_file.write(withNewline) != withNewline.size()) {
        m_error = QCoreApplication::translate("Capture", "cannot write %1: %2")
                          .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_bytes += withNewline.size();
    return true;
}

bool Writer::flush()
{
    if (m_file.isOpen() && !m_file.flush()) {
        m_error = QCoreApplication::translate("Capture", "cannot write %1: %2")
                          .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

bool Writer::close()
{
    if (!m_file.isOpen())
        return true;
    const bool flushed = flush();
    m_file.close();
    return flushed;
}

// Reader

bool Reader::open(const QString &path)
{
    m_file.close();
    m_file.setFileName(path);
    m_line = 0;
    m_error.clear();
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = QCoreApplication::translate("Capture", "cannot read %1: %2")
                          .arg(path, m_file.errorString());
        return false;
    }
    QByteArray line;
    if (!nextLine(&line))
        return fail(m_error.isEmpty() ? QCoreApplication::translate("Capture", "the file is empty")
                                      : m_error);
    QString problem;
    const auto header = decodeHeader(line, &problem);
    if (!header)
        return fail(problem);
    m_header = *header;
    m_firstRecordPosition = m_file.pos();
    m_firstRecordLine = m_line;
    return true;
}

bool Reader::nextLine(QByteArray *line)
{
    while (!m_file.atEnd()) {
        *line = m_file.readLine();
        ++m_line;
        if (line->endsWith('\n'))
            line->chop(1);
        if (line->endsWith('\r'))
            line->chop(1);
        if (!line->trimmed().isEmpty())
            return true;
    }
    return false;
}

bool Reader::fail(const QString &text)
{
    m_error = QCoreApplication::translate("Capture", "%1, line %2: %3")
                      .arg(m_file.fileName())
                      .arg(qMax<qint64>(1, m_line))
                      .arg(text);
    return false;
}

Reader::Status Reader::readNext(Record *record)
{
    if (!m_file.isOpen())
        return Status::End;
    QByteArray line;
    if (!nextLine(&line))
        return Status::End;
    QString problem;
    auto decoded = decodeRecord(line, &problem);
    if (!decoded) {
        fail(problem);
        return Status::Error;
    }
    *record = std::move(*decoded);
    return Status::Record;
}

bool Reader::rewind()
{
    if (!m_file.seek(m_firstRecordPosition)) {
        m_error = QCoreApplication::translate("Capture", "cannot read %1: %2")
                          .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_line = m_firstRecordLine;
    return true;
}

} // namespace Capture
