// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"
#include "decoderules.h"
#include "payloadformat.h"
#include "protobufcodec.h"
#include "sparkplugcodec.h"

// One connection's decoding: its rules, its .proto folders and its Sparkplug B session, in
// front of every decoder and encoder. The window and the CLI use this; the codecs below it
// stay usable alone.
namespace Payload {

class PayloadDecoder
{
public:
    PayloadDecoder();
    ~PayloadDecoder();
    PayloadDecoder(const PayloadDecoder &) = delete;
    PayloadDecoder &operator=(const PayloadDecoder &) = delete;

    const DecodeRules &rules() const { return m_rules; }
    void setRules(const DecodeRules &rules) { m_rules = rules; }

    // Loads every .proto under the folders; false with protobufSchemas().errors() when one
    // does not parse.
    bool setProtoPaths(const QStringList &folders);
    const ProtobufSchemas &protobufSchemas() const { return m_protobuf; }
    SparkplugSession &sparkplug() { return m_sparkplug; }
    const SparkplugSession &sparkplug() const { return m_sparkplug; }

    // Why the spec cannot be used now (a protobuf type not in the loaded .proto files), or
    // an empty string.
    QString check(const DecoderSpec &spec) const;

    // Through the first rule matching the topic; with none, a guess (marked guessed):
    // Sparkplug B on spBv1.0/ topics, JSON, text, CBOR holding a map or array, else hex.
    DecodeResult decode(const QString &topic, QByteArrayView payload);
    // Through the given decoder.
    DecodeResult decode(const DecoderSpec &spec, const QString &topic, QByteArrayView payload);
    // The composer's or pub --encode's text to bytes: JSON for cbor, msgpack, protobuf,
    // sparkplug and numbers; text, json, hex and base64 as PayloadFormat::encode reads them.
    PayloadFormat::EncodeResult encode(const DecoderSpec &spec, const QString &input) const;

private:
    DecodeResult guess(const QString &topic, QByteArrayView payload);

    DecodeRules m_rules;
    ProtobufSchemas m_protobuf;
    SparkplugSession m_sparkplug;
};

} // namespace Payload
