// SPDX-License-Identifier: Apache-2.0
#include "codec.h"

#include "codecsupport.h"
#include "topic.h"

// SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK: the codec's subscription packets.
namespace Mqtt {

using namespace CodecSupport;

// ---- SUBSCRIBE, SUBACK (3.8, 3.9) ---------------------------------------------------------

QByteArray encode(const SubscribePacket &packet, ProtocolVersion version)
{
    QByteArray body;
    appendUInt16(body, packet.packetId);
    if (isV5(version))
        packet.properties.encode(body);
    for (const SubscribeTopic &topic : packet.topics) {
        appendString(body, topic.filter);
        quint8 options = quint8(topic.qos);
        if (isV5(version)) {
            if (topic.noLocal)
                options |= 0x04;
            if (topic.retainAsPublished)
                options |= 0x08;
            options |= quint8(topic.retainHandling) << 4;
        }
        body.append(char(options));
    }
    return frame(PacketType::Subscribe, 0x2, body);
}

Decoded<SubscribePacket> decodeSubscribe(quint8 flags, QByteArrayView body, ProtocolVersion version)
{
    const PacketType type = PacketType::Subscribe;
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<SubscribePacket>(problem);
    Decoded<SubscribePacket> result;
    ByteReader reader(body);
    result.packet.packetId = reader.readUInt16();
    if (!reader.ok())
        return failure<SubscribePacket>(malformed(type, truncated()));
    if (result.packet.packetId == 0)
        return failure<SubscribePacket>(protocolError(type, tr("the packet identifier is 0")),
                                        ReasonCode::ProtocolError);
    if (isV5(version) && !readProperties(reader, PropertyContext::Subscribe,
                                         &result.packet.properties, type, &result))
        return result;
    while (!reader.atEnd()) {
        SubscribeTopic topic;
        if (QString problem = readString(reader, &topic.filter); !problem.isEmpty())
            return failure<SubscribePacket>(malformed(type, problem));
        if (const Error problem = validateTopicFilter(topic.filter); problem)
            return failure<SubscribePacket>(protocolError(type, problem.text),
                                            ReasonCode::TopicFilterInvalid);
        const quint8 options = reader.readByte();
        if (!reader.ok())
            return failure<SubscribePacket>(malformed(type, truncated()));
        const quint8 reservedMask = isV5(version) ? 0xC0 : 0xFC;
        if ((options & reservedMask) || (options & 0x03) == 3 ||
            ((options >> 4) & 0x03) == 3) // [MQTT-3.8.3-4], [MQTT-3-8.3-5]
            return failure<SubscribePacket>(malformed(type, tr("invalid subscription options")));
        topic.qos = QoS(options & 0x03);
        if (isV5(version)) {
            topic.noLocal = options & 0x04;
            topic.retainAsPublished = options & 0x08;
            topic.retainHandling = RetainHandling((options >> 4) & 0x03);
        }
        result.packet.topics.append(topic);
    }
    if (result.packet.topics.isEmpty()) // [MQTT-3.8.3-3]
        return failure<SubscribePacket>(protocolError(type, tr("it has no topic filter")),
                                        ReasonCode::ProtocolError);
    return result;
}

QByteArray encode(const SubackPacket &packet, ProtocolVersion version)
{
    QByteArray body;
    appendUInt16(body, packet.packetId);
    if (isV5(version))
        packet.properties.encode(body);
    for (quint8 code : packet.reasonCodes)
        body.append(char(code));
    return frame(PacketType::Suback, 0, body);
}

Decoded<SubackPacket> decodeSuback(quint8 flags, QByteArrayView body, ProtocolVersion version)
{
    const PacketType type = PacketType::Suback;
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<SubackPacket>(problem);
    Decoded<SubackPacket> result;
    ByteReader reader(body);
    result.packet.packetId = reader.readUInt16();
    if (!reader.ok())
        return failure<SubackPacket>(malformed(type, truncated()));
    if (isV5(version) &&
        !readProperties(reader, PropertyContext::Suback, &result.packet.properties, type, &result))
        return result;
    const QByteArrayView codes = reader.readRest();
    if (codes.isEmpty())
        return failure<SubackPacket>(malformed(type, tr("it has no return code")));
    for (char c : codes) {
        const quint8 code = quint8(c);
        bool valid = false;
        if (isV5(version)) {
            switch (ReasonCode(code)) {
            case ReasonCode::Success:
            case ReasonCode::GrantedQoS1:
            case ReasonCode::GrantedQoS2:
            case ReasonCode::UnspecifiedError:
            case ReasonCode::ImplementationSpecificError:
            case ReasonCode::NotAuthorized:
            case ReasonCode::TopicFilterInvalid:
            case ReasonCode::PacketIdentifierInUse:
            case ReasonCode::QuotaExceeded:
            case ReasonCode::SharedSubscriptionsNotSupported:
            case ReasonCode::SubscriptionIdentifiersNotSupported:
            case ReasonCode::WildcardSubscriptionsNotSupported:
                valid = true;
                break;
            default:
                break;
            }
        } else {
            valid = code <= 2 || code == 0x80; // [MQTT-3.9.3-2]
        }
        if (!valid)
            return failure<SubackPacket>(malformed(
                    type, tr("reserved return code 0x%1").arg(code, 2, 16, QLatin1Char('0'))));
        result.packet.reasonCodes.append(code);
    }
    return result;
}

// ---- UNSUBSCRIBE, UNSUBACK (3.10, 3.11) -----------------------------------------------------

QByteArray encode(const UnsubscribePacket &packet, ProtocolVersion version)
{
    QByteArray body;
    appendUInt16(body, packet.packetId);
    if (isV5(version))
        packet.properties.encode(body);
    for (const QString &filter : packet.filters)
        appendString(body, filter);
    return frame(PacketType::Unsubscribe, 0x2, body);
}

Decoded<UnsubscribePacket> decodeUnsubscribe(quint8 flags, QByteArrayView body,
                                             ProtocolVersion version)
{
    const PacketType type = PacketType::Unsubscribe;
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<UnsubscribePacket>(problem);
    Decoded<UnsubscribePacket> result;
    ByteReader reader(body);
    result.packet.packetId = reader.readUInt16();
    if (!reader.ok())
        return failure<UnsubscribePacket>(malformed(type, truncated()));
    if (isV5(version) && !readProperties(reader, PropertyContext::Unsubscribe,
                                         &result.packet.properties, type, &result))
        return result;
    while (!reader.atEnd()) {
        QString filter;
        if (QString problem = readString(reader, &filter); !problem.isEmpty())
            return failure<UnsubscribePacket>(malformed(type, problem));
        if (const Error problem = validateTopicFilter(filter); problem)
            return failure<UnsubscribePacket>(protocolError(type, problem.text),
                                              ReasonCode::TopicFilterInvalid);
        result.packet.filters.append(filter);
    }
    if (result.packet.filters.isEmpty()) // [MQTT-3.10.3-2]
        return failure<UnsubscribePacket>(protocolError(type, tr("it has no topic filter")),
                                          ReasonCode::ProtocolError);
    return result;
}

QByteArray encode(const UnsubackPacket &packet, ProtocolVersion version)
{
    QByteArray body;
    appendUInt16(body, packet.packetId);
    if (isV5(version)) {
        packet.properties.encode(body);
        for (quint8 code : packet.reasonCodes)
            body.append(char(code));
    }
    return frame(PacketType::Unsuback, 0, body);
}

Decoded<UnsubackPacket> decodeUnsuback(quint8 flags, QByteArrayView body, ProtocolVersion version)
{
    const PacketType type = PacketType::Unsuback;
    if (const QString problem = fixedHeaderProblem(type, flags); !problem.isEmpty())
        return failure<UnsubackPacket>(problem);
    Decoded<UnsubackPacket> result;
    ByteReader reader(body);
    result.packet.packetId = reader.readUInt16();
    if (!reader.ok())
        return failure<UnsubackPacket>(malformed(type, truncated()));
    if (isV5(version)) {
        if (!readProperties(reader, PropertyContext::Unsuback, &result.packet.properties, type,
                            &result))
            return result;
        for (char c : reader.readRest()) {
            // 3.11.3: the reason codes an UNSUBACK may carry; any other is malformed.
            switch (ReasonCode(quint8(c))) {
            case ReasonCode::Success:
            case ReasonCode::NoSubscriptionExisted:
            case ReasonCode::UnspecifiedError:
            case ReasonCode::ImplementationSpecificError:
            case ReasonCode::NotAuthorized:
            case ReasonCode::TopicFilterInvalid:
            case ReasonCode::PacketIdentifierInUse:
                break;
            default:
                return failure<UnsubackPacket>(malformed(type, reservedCode(ReasonCode(quint8(c)))));
            }
            result.packet.reasonCodes.append(quint8(c));
        }
        if (result.packet.reasonCodes.isEmpty())
            return failure<UnsubackPacket>(malformed(type, tr("it has no reason code")));
    }
    if (!reader.atEnd())
        return failure<UnsubackPacket>(malformed(type, trailing()));
    return result;
}

} // namespace Mqtt
