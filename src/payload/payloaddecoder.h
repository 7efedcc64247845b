// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"
#include "decoderules.h"
#include "payloadformat.h"
#include "protobufcodec.h"
#include "sparkplugcodec.h"

#include <memory>

// One connection's decoding: its rules, its .proto folders and its Sparkplug B session, in
// front of every decoder and encoder. The window and the CLI use this; the codecs below it
// stay usable alone.
namespace Payload {

// What a decoder was configured with at one moment: its rules and its loaded .proto files,
// shared and never changed afterwards (new rules or folders make a new snapshot). Copies are
// cheap and may decode on any thread, several at once. Sparkplug B has no session here: a
// snapshot decodes it alone (no alias or sequence checks); the window keeps those payloads
// decoded as they arrived instead.
class DecoderSnapshot
{
public:
    DecoderSnapshot() = default;
    DecoderSnapshot(const DecodeRules &rules, std::shared_ptr<const ProtobufSchemas> protobuf);

    const DecodeRules &rules() const { return m_rules; }
    // The same rules and the same loaded .proto files.
    bool operator==(const DecoderSnapshot &other) const
    {
        return m_rules == other.m_rules && m_protobuf == other.m_protobuf;
    }
    bool operator!=(const DecoderSnapshot &other) const { return !(*this == other); }
    // As PayloadDecoder::decode() would have decoded it when the snapshot was taken.
    DecodeResult decode(const QString &topic, QByteArrayView payload) const;
    DecodeResult decode(const DecoderSpec &spec, const QString &topic, QByteArrayView payload) const;

private:
    DecodeRules m_rules;
    std::shared_ptr<const ProtobufSchemas> m_protobuf;
};

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
    const ProtobufSchemas &protobufSchemas() const { return *m_protobuf; }
    // The rules and .proto files as they are now, for decoding on another thread.
    DecoderSnapshot snapshot() const;
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
    DecodeRules m_rules;
    // Replaced, never changed, once loaded: snapshots keep the one they were taken with.
    std::shared_ptr<ProtobufSchemas> m_protobuf;
    SparkplugSession m_sparkplug;
};

} // namespace Payload
