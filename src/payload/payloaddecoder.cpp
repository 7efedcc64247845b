// SPDX-License-Identifier: Apache-2.0
#include "payloaddecoder.h"

#include "cborcodec.h"
#include "msgpackcodec.h"
#include "numbercodec.h"
#include "textcodecs.h"

#include <QCoreApplication>

namespace Payload {

namespace {

// Both the decoder and its snapshots decode through these: protobuf from the schemas given,
// Sparkplug B through the session given.
DecodeResult decodeWith(const DecoderSpec &spec, const QString &topic, QByteArrayView payload,
                        const ProtobufSchemas *protobuf, SparkplugSession *sparkplug)
{
    switch (spec.decoder) {
    case Decoder::Text:
        return decodeText(payload);
    case Decoder::Json:
        return decodeJson(payload);
    case Decoder::Hex:
        return decodeHex(payload);
    case Decoder::Base64:
        return decodeBase64(payload);
    case Decoder::Cbor:
        return decodeCbor(payload);
    case Decoder::MessagePack:
        return decodeMessagePack(payload);
    case Decoder::Protobuf:
        if (protobuf)
            return protobuf->decode(payload, spec.type);
        break;
    case Decoder::Sparkplug:
        return sparkplug->decode(topic, payload);
    case Decoder::Numbers:
        if (const std::optional<NumberFormat> format = NumberFormat::fromName(spec.type))
            return decodeNumbers(payload, *format);
        break;
    }
    return DecodeResult::failure(
            spec.decoder, payload, -1,
            QCoreApplication::translate("Payload", "unknown decoder %1").arg(spec.toString()));
}

DecodeResult guess(const QString &topic, QByteArrayView payload, SparkplugSession *sparkplug)
{
    DecodeResult result;
    if (SparkplugTopic::fromTopic(topic)) {
        result = sparkplug->decode(topic, payload);
        if (!result.isValid())
            result = decodeHex(payload);
    } else {
        switch (PayloadFormat::sniff(payload)) {
        case PayloadFormat::Format::Json:
            result = decodeJson(payload);
            break;
        case PayloadFormat::Format::Text:
            result = decodeText(payload);
            break;
        default: {
            // CBOR only when it holds a structure: many short binary payloads happen to be one
            // valid CBOR number.
            const auto first = quint8(payload.front()) >> 5;
            if (first == 4 || first == 5 || first == 6)
                result = decodeCbor(payload);
            if (!result.isValid() || result.root.kind == Node::Kind::Null)
                result = decodeHex(payload);
            break;
        }
        }
    }
    result.guessed = true;
    return result;
}

} // namespace

DecoderSnapshot::DecoderSnapshot(const DecodeRules &rules,
                                 std::shared_ptr<const ProtobufSchemas> protobuf)
    : m_rules(rules), m_protobuf(std::move(protobuf))
{ }

DecodeResult DecoderSnapshot::decode(const QString &topic, QByteArrayView payload) const
{
    SparkplugSession alone;
    if (const DecodeRule *rule = m_rules.match(topic))
        return decodeWith(rule->decoder, topic, payload, m_protobuf.get(), &alone);
    return guess(topic, payload, &alone);
}

DecodeResult DecoderSnapshot::decode(const DecoderSpec &spec, const QString &topic,
                                     QByteArrayView payload) const
{
    SparkplugSession alone;
    return decodeWith(spec, topic, payload, m_protobuf.get(), &alone);
}

PayloadDecoder::PayloadDecoder() : m_protobuf(std::make_shared<ProtobufSchemas>()) { }

PayloadDecoder::~PayloadDecoder() = default;

bool PayloadDecoder::setProtoPaths(const QStringList &folders)
{
    // A new set: a snapshot decoding on another thread keeps the old one.
    auto protobuf = std::make_shared<ProtobufSchemas>();
    const bool loaded = protobuf->load(folders);
    m_protobuf = std::move(protobuf);
    return loaded;
}

DecoderSnapshot PayloadDecoder::snapshot() const
{
    return DecoderSnapshot(m_rules, m_protobuf);
}

QString PayloadDecoder::check(const DecoderSpec &spec) const
{
    if (spec.decoder == Decoder::Protobuf && !m_protobuf->hasMessageType(spec.type)) {
        if (m_protobuf->folders().isEmpty())
            return QCoreApplication::translate("Payload",
                                               "no .proto files loaded for %1: give a folder "
                                               "with --proto-path")
                    .arg(spec.type);
        return QCoreApplication::translate("Payload", "no message type %1 in the .proto files")
                .arg(spec.type);
    }
    return QString();
}

DecodeResult PayloadDecoder::decode(const QString &topic, QByteArrayView payload)
{
    if (const DecodeRule *rule = m_rules.match(topic))
        return decode(rule->decoder, topic, payload);
    return guess(topic, payload, &m_sparkplug);
}

DecodeResult PayloadDecoder::decode(const DecoderSpec &spec, const QString &topic,
                                    QByteArrayView payload)
{
    return decodeWith(spec, topic, payload, m_protobuf.get(), &m_sparkplug);
}

PayloadFormat::EncodeResult PayloadDecoder::encode(const DecoderSpec &spec,
                                                   const QString &input) const
{
    switch (spec.decoder) {
    case Decoder::Text:
        return PayloadFormat::encode(input, PayloadFormat::Format::Text);
    case Decoder::Json:
        return PayloadFormat::encode(input, PayloadFormat::Format::Json);
    case Decoder::Hex:
        return PayloadFormat::encode(input, PayloadFormat::Format::Hex);
    case Decoder::Base64:
        return PayloadFormat::encode(input, PayloadFormat::Format::Base64);
    case Decoder::Cbor:
        return encodeCbor(input);
    case Decoder::MessagePack:
        return encodeMessagePack(input);
    case Decoder::Protobuf:
        return m_protobuf->encode(input, spec.type);
    case Decoder::Sparkplug:
        return SparkplugSession::encode(input);
    case Decoder::Numbers:
        if (const std::optional<NumberFormat> format = NumberFormat::fromName(spec.type))
            return encodeNumbers(input, *format);
        break;
    }
    PayloadFormat::EncodeResult result;
    result.error =
            QCoreApplication::translate("Payload", "unknown decoder %1").arg(spec.toString());
    return result;
}

} // namespace Payload
