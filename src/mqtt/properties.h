// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "protocol.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace Mqtt {

class ByteReader;

// MQTT 5.0 property identifiers (2.2.2.2).
enum class PropertyId : quint8 {
    PayloadFormatIndicator = 0x01,
    MessageExpiryInterval = 0x02,
    ContentType = 0x03,
    ResponseTopic = 0x08,
    CorrelationData = 0x09,
    SubscriptionIdentifier = 0x0B,
    SessionExpiryInterval = 0x11,
    AssignedClientIdentifier = 0x12,
    ServerKeepAlive = 0x13,
    AuthenticationMethod = 0x15,
    AuthenticationData = 0x16,
    RequestProblemInformation = 0x17,
    WillDelayInterval = 0x18,
    RequestResponseInformation = 0x19,
    ResponseInformation = 0x1A,
    ServerReference = 0x1C,
    ReasonString = 0x1F,
    ReceiveMaximum = 0x21,
    TopicAliasMaximum = 0x22,
    TopicAlias = 0x23,
    MaximumQoS = 0x24,
    RetainAvailable = 0x25,
    UserProperty = 0x26,
    MaximumPacketSize = 0x27,
    WildcardSubscriptionAvailable = 0x28,
    SubscriptionIdentifierAvailable = 0x29,
    SharedSubscriptionAvailable = 0x2A,
};

enum class PropertyType {
    Byte,
    TwoByteInteger,
    FourByteInteger,
    VariableByteInteger,
    Utf8String,
    BinaryData,
    Utf8StringPair,
};

// Where a property appears; a Will's properties sit inside CONNECT but have their own set.
enum class PropertyContext {
    Connect,
    Connack,
    Publish,
    Will,
    Puback, // also PUBREC, PUBREL, PUBCOMP
    Subscribe,
    Suback,
    Unsubscribe,
    Unsuback,
    Disconnect,
    Auth,
};

// How Properties::describe() shows binary data that is not printable text.
enum class BinaryNotation {
    Prefixed, // "0x00ff": one token, for lines a script reads (the CLI)
    Labelled, // "hex: 00ff", translated: for a person (the GUI)
};

// One property as a person reads it.
struct PropertyText
{
    QString name; // e.g. "Content Type", "User Property"
    QString value; // e.g. "application/json", "colour = red", "30 s"
};

// The property container of an MQTT 5.0 packet: an ordered list of typed entries, so that
// repeated properties (user properties, subscription identifiers) keep their order.
class Properties
{
public:
    struct Entry
    {
        PropertyId id;
        quint32 integer = 0; // Byte, Two/Four Byte and Variable Byte Integer
        QByteArray data; // UTF-8 string, binary data, or the name of a string pair
        QByteArray value; // the value of a string pair
        bool operator==(const Entry &other) const
        {
            return id == other.id && integer == other.integer && data == other.data &&
                   value == other.value;
        }
    };

    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<Entry> &entries() const { return m_entries; }
    bool contains(PropertyId id) const;
    void remove(PropertyId id);
    void clear() { m_entries.clear(); }

    std::optional<quint32> integer(PropertyId id) const;
    QString string(PropertyId id) const;
    QByteArray binary(PropertyId id) const;
    QList<QPair<QString, QString>> userProperties() const;
    QList<quint32> subscriptionIdentifiers() const;

    // Setters replace an existing single-valued property.
    void setInteger(PropertyId id, quint32 value);
    void setString(PropertyId id, const QString &value);
    void setBinary(PropertyId id, const QByteArray &value);
    void addUserProperty(const QString &name, const QString &value);
    void addSubscriptionIdentifier(quint32 identifier);

    // Size of the encoded property list, without its length prefix.
    quint32 encodedSize() const;
    // Appends the length prefix and the properties.
    void encode(QByteArray &out) const;
    // Reads a length-prefixed property list. Returns an empty string on success, otherwise
    // what is wrong (and whether it is a protocol error rather than a malformed packet).
    static QString decode(ByteReader &reader, PropertyContext context, Properties *properties,
                          ReasonCode *reason);
    // Reads what encode() wrote (e.g. a compact copy a model keeps); an empty list when the
    // bytes are not a valid property list of context.
    static Properties fromEncoded(QByteArrayView encoded, PropertyContext context);

    static PropertyType typeOf(PropertyId id);
    static bool isKnown(quint8 id);
    static bool isAllowedIn(PropertyId id, PropertyContext context);
    static QString name(PropertyId id);
    // Every property in packet order, named and its value made readable: the Payload Format
    // Indicator spelled out, intervals in seconds, user properties "name = value", binary
    // data as binaryText(). Repeated properties (user properties, subscription identifiers)
    // each get their line.
    QList<PropertyText> describe(BinaryNotation notation) const;
    // Binary data (e.g. a Correlation Data) as its text when that is valid UTF-8 made of
    // printable characters only (no control characters, newlines included: the text is one
    // line), otherwise in hexadecimal.
    static QString binaryText(QByteArrayView data, BinaryNotation notation);

    bool operator==(const Properties &other) const { return m_entries == other.m_entries; }
    bool operator!=(const Properties &other) const { return !(*this == other); }

private:
    Entry *find(PropertyId id);
    QList<Entry> m_entries;
};

} // namespace Mqtt
