// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the MQTT 5.0 property list in every packet context.
//
// Input: one context byte, then a property list (its Variable Byte Integer length first).
//   context byte % 11: CONNECT, CONNACK, PUBLISH, will (in CONNECT), PUBACK/PUBREC/PUBREL/PUBCOMP
//   ((byte / 11) % 4 picks which), SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH
// Checks:
// - Properties::decode() and the packet's decoder (the list placed in a minimal packet of
//   that context) agree: what the list alone accepts, the packet accepts with the same
//   properties; a list the list alone refuses at the end of a packet refuses the packet, for
//   the same reason;
// - an accepted list encodes to encodedSize() bytes and decodes to the same value, also
//   through fromEncoded(); describe() gives one line per property, and binary data shown as
//   text is one line without control characters.
#include "bytes.h"
#include "codec.h"
#include "validation.h"

#include <QByteArray>

#include <cstdio>
#include <cstdlib>

using namespace Mqtt;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_properties: %s %s\n", what, qPrintable(detail));
    std::abort();
}

constexpr PropertyContext contexts[11] = {
        PropertyContext::Connect,    PropertyContext::Connack,     PropertyContext::Publish,
        PropertyContext::Will,       PropertyContext::Puback,      PropertyContext::Subscribe,
        PropertyContext::Suback,     PropertyContext::Unsubscribe, PropertyContext::Unsuback,
        PropertyContext::Disconnect, PropertyContext::Auth,
};

constexpr PacketType acks[4] = {PacketType::Puback, PacketType::Pubrec, PacketType::Pubrel,
                                PacketType::Pubcomp};

QByteArray bytes(std::initializer_list<quint8> values)
{
    QByteArray out;
    for (quint8 v : values)
        out.append(char(v));
    return out;
}

struct PacketResult
{
    bool ok = false;
    ReasonCode reason = ReasonCode::Success;
    Properties properties;
    bool propertiesLast = false; // nothing follows the list in the packet
};

enum class Position { Inside, Last }; // whether anything follows the list in the packet

template<typename Packet>
PacketResult resultOf(const Decoded<Packet> &decoded, Position position)
{
    return {decoded.ok(), decoded.reason, decoded.packet.properties, position == Position::Last};
}

// Decodes list inside a minimal 5.0 packet of context.
PacketResult decodeInPacket(PropertyContext context, PacketType ackType, const QByteArray &list)
{
    const ProtocolVersion v5 = ProtocolVersion::V5;
    const QByteArray connectHead = bytes({0, 4, 'M', 'Q', 'T', 'T', 5});
    const QByteArray clientId = bytes({0, 1, 'c'});
    const QByteArray idOne = bytes({0, 1});
    switch (context) {
    case PropertyContext::Connect:
        return resultOf(decodeConnect(0, connectHead + bytes({0x02, 0, 60}) + list + clientId),
                        Position::Inside);
    case PropertyContext::Will: {
        // Clean start and a will: connect properties (none), client id, will properties,
        // will topic "w", empty will payload.
        const auto d = decodeConnect(0, connectHead + bytes({0x06, 0, 60, 0}) + clientId + list +
                                                bytes({0, 1, 'w', 0, 0}));
        PacketResult result = resultOf(d, Position::Inside);
        result.properties = d.ok() ? d.packet.will->properties : Properties();
        return result;
    }
    case PropertyContext::Connack:
        return resultOf(decodeConnack(0, bytes({0, 0}) + list, v5), Position::Last);
    case PropertyContext::Publish: // QoS 1 to topic "t", packet id 1, payload "p"
        return resultOf(decodePublish(0x02, bytes({0, 1, 't', 0, 1}) + list + "p", v5),
                        Position::Inside);
    case PropertyContext::Puback:
        return resultOf(decodeAck(ackType, ackType == PacketType::Pubrel ? 0x02 : 0,
                                  idOne + bytes({0}) + list, v5),
                        Position::Last);
    case PropertyContext::Subscribe:
        return resultOf(decodeSubscribe(0x02, idOne + list + bytes({0, 1, 'a', 1}), v5),
                        Position::Inside);
    case PropertyContext::Suback:
        return resultOf(decodeSuback(0, idOne + list + bytes({1}), v5), Position::Inside);
    case PropertyContext::Unsubscribe:
        return resultOf(decodeUnsubscribe(0x02, idOne + list + bytes({0, 1, 'a'}), v5),
                        Position::Inside);
    case PropertyContext::Unsuback:
        return resultOf(decodeUnsuback(0, idOne + list + bytes({0x11}), v5), Position::Inside);
    case PropertyContext::Disconnect:
        return resultOf(decodeDisconnect(0, bytes({0x8B}) + list, v5), Position::Last);
    case PropertyContext::Auth:
        return resultOf(decodeAuth(0, bytes({0x18}) + list), Position::Last);
    }
    return {};
}

bool hasControlCharacter(const QString &text)
{
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

void checkAccepted(const Properties &properties, PropertyContext context)
{
    QByteArray encoded;
    properties.encode(encoded);
    const quint32 size = properties.encodedSize();
    if (quint32(encoded.size()) != size + quint32(variableByteIntegerSize(size)))
        fail("encodedSize() differs from what encode() wrote");
    ByteReader reader(encoded);
    Properties again;
    ReasonCode reason = ReasonCode::Success;
    if (const QString problem = Properties::decode(reader, context, &again, &reason);
        !problem.isEmpty())
        fail("an encoded property list does not decode:", problem);
    if (again != properties || !reader.atEnd())
        fail("a property list differs after a round trip");
    if (Properties::fromEncoded(encoded, context) != properties)
        fail("fromEncoded() differs from decode()");

    int userProperties = 0;
    int subscriptionIdentifiers = 0;
    for (const Properties::Entry &entry : properties.entries()) {
        if (!Properties::isAllowedIn(entry.id, context))
            fail("a property not allowed in its context was accepted");
        userProperties += entry.id == PropertyId::UserProperty;
        subscriptionIdentifiers += entry.id == PropertyId::SubscriptionIdentifier;
        if (Properties::typeOf(entry.id) == PropertyType::BinaryData) {
            for (BinaryNotation notation : {BinaryNotation::Prefixed, BinaryNotation::Labelled}) {
                const QString text = Properties::binaryText(entry.data, notation);
                if (hasControlCharacter(text))
                    fail("binary data shown with a control character:", text);
            }
        }
    }
    if (properties.userProperties().size() != userProperties ||
        properties.subscriptionIdentifiers().size() != subscriptionIdentifiers)
        fail("the accessors miss repeated properties");
    if (properties.describe(BinaryNotation::Prefixed).size() != properties.entries().size() ||
        properties.describe(BinaryNotation::Labelled).size() != properties.entries().size())
        fail("describe() does not give one line per property");
    // Whatever it says, the range check of what an application sends must not trip.
    (void)validatePropertyValues(properties);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const PropertyContext context = contexts[data[0] % 11];
    const PacketType ackType = acks[(data[0] / 11) % 4];
    const QByteArray list(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));

    ByteReader reader(list);
    Properties alone;
    ReasonCode reason = ReasonCode::Success;
    const QString problem = Properties::decode(reader, context, &alone, &reason);
    if (problem.isEmpty()) {
        // The list as far as it goes, in its packet.
        const PacketResult inPacket =
                decodeInPacket(context, ackType, list.first(reader.position()));
        if (!inPacket.ok)
            fail("a property list accepted alone is refused in its packet");
        if (inPacket.properties != alone)
            fail("a property list decodes differently in its packet");
        checkAccepted(alone, context);
    } else {
        if (reason != ReasonCode::MalformedPacket && reason != ReasonCode::ProtocolError)
            fail("a refused property list has reason neither malformed nor protocol error");
        const PacketResult inPacket = decodeInPacket(context, ackType, list);
        // (An acknowledgement, DISCONNECT or AUTH may end before its property list.)
        if (inPacket.propertiesLast && !list.isEmpty() && (inPacket.ok || inPacket.reason != reason))
            fail("a property list refused alone is not refused alike in its packet:", problem);
    }
    return 0;
}
