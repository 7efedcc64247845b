// SPDX-License-Identifier: Apache-2.0
#include "properties.h"

#include "bytes.h"
#include "topic.h"

#include <QCoreApplication>
#include <QMetaEnum>
#include <QStringDecoder>

namespace Mqtt {

bool Properties::contains(PropertyId id) const
{
    for (const Entry &entry : m_entries) {
        if (entry.id == id)
            return true;
    }
    return false;
}

void Properties::remove(PropertyId id)
{
    m_entries.removeIf([id](const Entry &entry) { return entry.id == id; });
}

Properties::Entry *Properties::find(PropertyId id)
{
    for (Entry &entry : m_entries) {
        if (entry.id == id)
            return &entry;
    }
    return nullptr;
}

std::optional<quint32> Properties::integer(PropertyId id) const
{
    for (const Entry &entry : m_entries) {
        if (entry.id == id)
            return entry.integer;
    }
    return std::nullopt;
}

QString Properties::string(PropertyId id) const
{
    for (const Entry &entry : m_entries) {
        if (entry.id == id)
            return QString::fromUtf8(entry.data);
    }
    return {};
}

QByteArray Properties::binary(PropertyId id) const
{
    for (const Entry &entry : m_entries) {
        if (entry.id == id)
            return entry.data;
    }
    return {};
}

QList<QPair<QString, QString>> Properties::userProperties() const
{
    QList<QPair<QString, QString>> result;
    for (const Entry &entry : m_entries) {
        if (entry.id == PropertyId::UserProperty)
            result.append({QString::fromUtf8(entry.data), QString::fromUtf8(entry.value)});
    }
    return result;
}

QList<quint32> Properties::subscriptionIdentifiers() const
{
    QList<quint32> result;
    for (const Entry &entry : m_entries) {
        if (entry.id == PropertyId::SubscriptionIdentifier)
            result.append(entry.integer);
    }
    return result;
}

void Properties::setInteger(PropertyId id, quint32 value)
{
    if (Entry *entry = find(id))
        entry->integer = value;
    else
        m_entries.append(Entry{id, value, {}, {}});
}

void Properties::setString(PropertyId id, const QString &value)
{
    setBinary(id, value.toUtf8());
}

void Properties::setBinary(PropertyId id, const QByteArray &value)
{
    if (Entry *entry = find(id))
        entry->data = value;
    else
        m_entries.append(Entry{id, 0, value, {}});
}

void Properties::addUserProperty(const QString &name, const QString &value)
{
    m_entries.append(Entry{PropertyId::UserProperty, 0, name.toUtf8(), value.toUtf8()});
}

void Properties::addSubscriptionIdentifier(quint32 identifier)
{
    m_entries.append(Entry{PropertyId::SubscriptionIdentifier, identifier, {}, {}});
}

PropertyType Properties::typeOf(PropertyId id)
{
    switch (id) {
    case PropertyId::PayloadFormatIndicator:
    case PropertyId::RequestProblemInformation:
    case PropertyId::RequestResponseInformation:
    case PropertyId::MaximumQoS:
    case PropertyId::RetainAvailable:
    case PropertyId::WildcardSubscriptionAvailable:
    case PropertyId::SubscriptionIdentifierAvailable:
    case PropertyId::SharedSubscriptionAvailable:
        return PropertyType::Byte;
    case PropertyId::ServerKeepAlive:
    case PropertyId::ReceiveMaximum:
    case PropertyId::TopicAliasMaximum:
    case PropertyId::TopicAlias:
        return PropertyType::TwoByteInteger;
    case PropertyId::MessageExpiryInterval:
    case PropertyId::SessionExpiryInterval:
    case PropertyId::WillDelayInterval:
    case PropertyId::MaximumPacketSize:
        return PropertyType::FourByteInteger;
    case PropertyId::SubscriptionIdentifier:
        return PropertyType::VariableByteInteger;
    case PropertyId::ContentType:
    case PropertyId::ResponseTopic:
    case PropertyId::AssignedClientIdentifier:
    case PropertyId::AuthenticationMethod:
    case PropertyId::ResponseInformation:
    case PropertyId::ServerReference:
    case PropertyId::ReasonString:
        return PropertyType::Utf8String;
    case PropertyId::CorrelationData:
    case PropertyId::AuthenticationData:
        return PropertyType::BinaryData;
    case PropertyId::UserProperty:
        return PropertyType::Utf8StringPair;
    }
    return PropertyType::Byte;
}

bool Properties::isKnown(quint8 id)
{
    switch (PropertyId(id)) {
    case PropertyId::PayloadFormatIndicator:
    case PropertyId::MessageExpiryInterval:
    case PropertyId::ContentType:
    case PropertyId::ResponseTopic:
    case PropertyId::CorrelationData:
    case PropertyId::SubscriptionIdentifier:
    case PropertyId::SessionExpiryInterval:
    case PropertyId::AssignedClientIdentifier:
    case PropertyId::ServerKeepAlive:
    case PropertyId::AuthenticationMethod:
    case PropertyId::AuthenticationData:
    case PropertyId::RequestProblemInformation:
    case PropertyId::WillDelayInterval:
    case PropertyId::RequestResponseInformation:
    case PropertyId::ResponseInformation:
    case PropertyId::ServerReference:
    case PropertyId::ReasonString:
    case PropertyId::ReceiveMaximum:
    case PropertyId::TopicAliasMaximum:
    case PropertyId::TopicAlias:
    case PropertyId::MaximumQoS:
    case PropertyId::RetainAvailable:
    case PropertyId::UserProperty:
    case PropertyId::MaximumPacketSize:
    case PropertyId::WildcardSubscriptionAvailable:
    case PropertyId::SubscriptionIdentifierAvailable:
    case PropertyId::SharedSubscriptionAvailable:
        return true;
    }
    return false;
}

bool Properties::isAllowedIn(PropertyId id, PropertyContext context)
{
    using C = PropertyContext;
    // Table 2-4 of MQTT 5.0: the packets each property may appear in.
    switch (id) {
    case PropertyId::PayloadFormatIndicator:
    case PropertyId::MessageExpiryInterval:
    case PropertyId::ContentType:
    case PropertyId::ResponseTopic:
    case PropertyId::CorrelationData:
        return context == C::Publish || context == C::Will;
    case PropertyId::SubscriptionIdentifier:
        return context == C::Publish || context == C::Subscribe;
    case PropertyId::SessionExpiryInterval:
        return context == C::Connect || context == C::Connack || context == C::Disconnect;
    case PropertyId::AssignedClientIdentifier:
    case PropertyId::ServerKeepAlive:
    case PropertyId::ResponseInformation:
    case PropertyId::MaximumQoS:
    case PropertyId::RetainAvailable:
    case PropertyId::WildcardSubscriptionAvailable:
    case PropertyId::SubscriptionIdentifierAvailable:
    case PropertyId::SharedSubscriptionAvailable:
        return context == C::Connack;
    case PropertyId::AuthenticationMethod:
    case PropertyId::AuthenticationData:
        return context == C::Connect || context == C::Connack || context == C::Auth;
    case PropertyId::RequestProblemInformation:
    case PropertyId::RequestResponseInformation:
        return context == C::Connect;
    case PropertyId::WillDelayInterval:
        return context == C::Will;
    case PropertyId::ServerReference:
        return context == C::Connack || context == C::Disconnect;
    case PropertyId::ReasonString:
        return context == C::Connack || context == C::Puback || context == C::Suback ||
               context == C::Unsuback || context == C::Disconnect || context == C::Auth;
    case PropertyId::ReceiveMaximum:
    case PropertyId::TopicAliasMaximum:
    case PropertyId::MaximumPacketSize:
        return context == C::Connect || context == C::Connack;
    case PropertyId::TopicAlias:
        return context == C::Publish;
    case PropertyId::UserProperty:
        return true;
    }
    return false;
}

QString Properties::name(PropertyId id)
{
    switch (id) {
    case PropertyId::PayloadFormatIndicator:
        return QCoreApplication::translate("Mqtt", "Payload Format Indicator");
    case PropertyId::MessageExpiryInterval:
        return QCoreApplication::translate("Mqtt", "Message Expiry Interval");
    case PropertyId::ContentType:
        return QCoreApplication::translate("Mqtt", "Content Type");
    case PropertyId::ResponseTopic:
        return QCoreApplication::translate("Mqtt", "Response Topic");
    case PropertyId::CorrelationData:
        return QCoreApplication::translate("Mqtt", "Correlation Data");
    case PropertyId::SubscriptionIdentifier:
        return QCoreApplication::translate("Mqtt", "Subscription Identifier");
    case PropertyId::SessionExpiryInterval:
        return QCoreApplication::translate("Mqtt", "Session Expiry Interval");
    case PropertyId::AssignedClientIdentifier:
        return QCoreApplication::translate("Mqtt", "Assigned Client Identifier");
    case PropertyId::ServerKeepAlive:
        return QCoreApplication::translate("Mqtt", "Server Keep Alive");
    case PropertyId::AuthenticationMethod:
        return QCoreApplication::translate("Mqtt", "Authentication Method");
    case PropertyId::AuthenticationData:
        return QCoreApplication::translate("Mqtt", "Authentication Data");
    case PropertyId::RequestProblemInformation:
        return QCoreApplication::translate("Mqtt", "Request Problem Information");
    case PropertyId::WillDelayInterval:
        return QCoreApplication::translate("Mqtt", "Will Delay Interval");
    case PropertyId::RequestResponseInformation:
        return QCoreApplication::translate("Mqtt", "Request Response Information");
    case PropertyId::ResponseInformation:
        return QCoreApplication::translate("Mqtt", "Response Information");
    case PropertyId::ServerReference:
        return QCoreApplication::translate("Mqtt", "Server Reference");
    case PropertyId::ReasonString:
        return QCoreApplication::translate("Mqtt", "Reason String");
    case PropertyId::ReceiveMaximum:
        return QCoreApplication::translate("Mqtt", "Receive Maximum");
    case PropertyId::TopicAliasMaximum:
        return QCoreApplication::translate("Mqtt", "Topic Alias Maximum");
    case PropertyId::TopicAlias:
        return QCoreApplication::translate("Mqtt", "Topic Alias");
    case PropertyId::MaximumQoS:
        return QCoreApplication::translate("Mqtt", "Maximum QoS");
    case PropertyId::RetainAvailable:
        return QCoreApplication::translate("Mqtt", "Retain Available");
    case PropertyId::UserProperty:
        return QCoreApplication::translate("Mqtt", "User Property");
    case PropertyId::MaximumPacketSize:
        return QCoreApplication::translate("Mqtt", "Maximum Packet Size");
    case PropertyId::WildcardSubscriptionAvailable:
        return QCoreApplication::translate("Mqtt", "Wildcard Subscription Available");
    case PropertyId::SubscriptionIdentifierAvailable:
        return QCoreApplication::translate("Mqtt", "Subscription Identifier Available");
    case PropertyId::SharedSubscriptionAvailable:
        return QCoreApplication::translate("Mqtt", "Shared Subscription Available");
    }
    return QCoreApplication::translate("Mqtt", "Property 0x%1").arg(int(id), 2, 16, QLatin1Char('0'));
}

QString Properties::binaryText(QByteArrayView data, BinaryNotation notation)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(data);
    bool printable = !decoder.hasError();
    // By code point: a character outside the BMP is a surrogate pair in UTF-16.
    const QList<uint> codePoints = printable ? text.toUcs4() : QList<uint>();
    for (qsizetype i = 0; printable && i < codePoints.size(); ++i)
        printable = QChar::isPrint(char32_t(codePoints.at(i)));
    if (printable)
        return text;
    const QString hex = QString::fromLatin1(data.toByteArray().toHex());
    if (notation == BinaryNotation::Prefixed)
        return QStringLiteral("0x") + hex;
    return QCoreApplication::translate("Mqtt::Properties", "hex: %1").arg(hex);
}

QList<PropertyText> Properties::describe(BinaryNotation notation) const
{
    QList<PropertyText> lines;
    lines.reserve(m_entries.size());
    for (const Entry &entry : m_entries) {
        PropertyText line;
        line.name = name(entry.id);
        switch (entry.id) {
        case PropertyId::PayloadFormatIndicator:
            line.value = entry.integer == 1
                                 ? QCoreApplication::translate("Mqtt::Properties", "1 (UTF-8 text)")
                                 : QCoreApplication::translate("Mqtt::Properties",
                                                               "%1 (unspecified bytes)")
                                           .arg(entry.integer);
            break;
        case PropertyId::MessageExpiryInterval:
        case PropertyId::SessionExpiryInterval:
        case PropertyId::WillDelayInterval:
        case PropertyId::ServerKeepAlive:
            line.value =
                    QCoreApplication::translate("Mqtt::Properties", "%L1 s").arg(entry.integer);
            break;
        default:
            switch (typeOf(entry.id)) {
            case PropertyType::Byte:
            case PropertyType::TwoByteInteger:
            case PropertyType::FourByteInteger:
            case PropertyType::VariableByteInteger:
                line.value = QString::number(entry.integer);
                break;
            case PropertyType::Utf8String:
                line.value = QString::fromUtf8(entry.data);
                break;
            case PropertyType::BinaryData:
                line.value = binaryText(entry.data, notation);
                break;
            case PropertyType::Utf8StringPair:
                line.value = QString::fromUtf8(entry.data) + QStringLiteral(" = ") +
                             QString::fromUtf8(entry.value);
                break;
            }
        }
        lines.append(line);
    }
    return lines;
}

quint32 Properties::encodedSize() const
{
    quint32 size = 0;
    for (const Entry &entry : m_entries) {
        size += 1; // identifier
        switch (typeOf(entry.id)) {
        case PropertyType::Byte:
            size += 1;
            break;
        case PropertyType::TwoByteInteger:
            size += 2;
            break;
        case PropertyType::FourByteInteger:
            size += 4;
            break;
        case PropertyType::VariableByteInteger:
            size += quint32(variableByteIntegerSize(entry.integer));
            break;
        case PropertyType::Utf8String:
        case PropertyType::BinaryData:
            size += 2 + quint32(entry.data.size());
            break;
        case PropertyType::Utf8StringPair:
            size += 4 + quint32(entry.data.size() + entry.value.size());
            break;
        }
    }
    return size;
}

void Properties::encode(QByteArray &out) const
{
    appendVariableByteInteger(out, encodedSize());
    for (const Entry &entry : m_entries) {
        out.append(char(entry.id));
        switch (typeOf(entry.id)) {
        case PropertyType::Byte:
            out.append(char(entry.integer));
            break;
        case PropertyType::TwoByteInteger:
            appendUInt16(out, quint16(entry.integer));
            break;
        case PropertyType::FourByteInteger:
            appendUInt32(out, entry.integer);
            break;
        case PropertyType::VariableByteInteger:
            appendVariableByteInteger(out, entry.integer);
            break;
        case PropertyType::Utf8String:
        case PropertyType::BinaryData:
            appendLengthPrefixed(out, entry.data);
            break;
        case PropertyType::Utf8StringPair:
            appendLengthPrefixed(out, entry.data);
            appendLengthPrefixed(out, entry.value);
            break;
        }
    }
}

// Values the specification forbids for otherwise well-formed integer properties.
static bool isValueAllowed(PropertyId id, quint32 value)
{
    // Every single-byte property is a boolean (Maximum QoS: 0 or 1 when present).
    if (Properties::typeOf(id) == PropertyType::Byte)
        return value <= 1;
    switch (id) {
    case PropertyId::ReceiveMaximum: // 0 is a protocol error (3.1.2.11.3)
    case PropertyId::MaximumPacketSize: // 3.1.2.11.4
    case PropertyId::TopicAlias: // 3.3.2.3.4
    case PropertyId::SubscriptionIdentifier: // 1 .. 268,435,455 (3.8.2.1.2)
        return value != 0;
    default:
        return true;
    }
}

QString Properties::decode(ByteReader &reader, PropertyContext context, Properties *properties,
                           ReasonCode *reason)
{
    *reason = ReasonCode::MalformedPacket;
    const quint32 length = reader.readVariableByteInteger();
    if (!reader.ok())
        return QCoreApplication::translate("Mqtt", "the property length is malformed");
    if (length > quint32(reader.remaining()))
        return QCoreApplication::translate("Mqtt", "the properties run past the end of the packet");
    ByteReader inner(reader.readBytes(length));
    while (!inner.atEnd()) {
        const quint32 rawId = inner.readVariableByteInteger();
        if (!inner.ok() || rawId > 0xFF || !isKnown(quint8(rawId)))
            return QCoreApplication::translate("Mqtt", "unknown property identifier 0x%1")
                    .arg(rawId, 2, 16, QLatin1Char('0'));
        const auto id = PropertyId(rawId);
        if (!isAllowedIn(id, context)) {
            *reason = ReasonCode::ProtocolError;
            return QCoreApplication::translate("Mqtt", "the property %1 is not allowed here")
                    .arg(name(id));
        }
        const bool repeatable =
                id == PropertyId::UserProperty || id == PropertyId::SubscriptionIdentifier;
        if (!repeatable && properties->contains(id)) {
            *reason = ReasonCode::ProtocolError;
            return QCoreApplication::translate("Mqtt", "the property %1 appears more than once")
                    .arg(name(id));
        }
        Entry entry{id, 0, {}, {}};
        switch (typeOf(id)) {
        case PropertyType::Byte:
            entry.integer = inner.readByte();
            break;
        case PropertyType::TwoByteInteger:
            entry.integer = inner.readUInt16();
            break;
        case PropertyType::FourByteInteger:
            entry.integer = inner.readUInt32();
            break;
        case PropertyType::VariableByteInteger:
            entry.integer = inner.readVariableByteInteger();
            break;
        case PropertyType::Utf8String: {
            const QByteArrayView text = inner.readLengthPrefixed();
            if (inner.ok() && !isValidUtf8String(text))
                return QCoreApplication::translate("Mqtt", "the property %1 is not valid UTF-8")
                        .arg(name(id));
            entry.data = text.toByteArray();
            break;
        }
        case PropertyType::BinaryData:
            entry.data = inner.readLengthPrefixed().toByteArray();
            break;
        case PropertyType::Utf8StringPair: {
            const QByteArrayView key = inner.readLengthPrefixed();
            const QByteArrayView value = inner.readLengthPrefixed();
            if (inner.ok() && (!isValidUtf8String(key) || !isValidUtf8String(value)))
                return QCoreApplication::translate("Mqtt", "a user property is not valid UTF-8");
            entry.data = key.toByteArray();
            entry.value = value.toByteArray();
            break;
        }
        }
        if (!inner.ok())
            return QCoreApplication::translate("Mqtt", "the property %1 is truncated").arg(name(id));
        if (!isValueAllowed(id, entry.integer)) {
            *reason = ReasonCode::ProtocolError;
            return QCoreApplication::translate("Mqtt", "the property %1 has the invalid value %2")
                    .arg(name(id))
                    .arg(entry.integer);
        }
        properties->m_entries.append(std::move(entry));
    }
    return {};
}

Properties Properties::fromEncoded(QByteArrayView encoded, PropertyContext context)
{
    Properties properties;
    ByteReader reader(encoded);
    ReasonCode reason = ReasonCode::Success;
    if (!decode(reader, context, &properties, &reason).isEmpty())
        return {};
    return properties;
}

} // namespace Mqtt
