// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"
#include "payloadformat.h"

#include <memory>

// Protobuf from the user's own .proto files, without code generation: every .proto under the
// chosen folders is parsed with protobuf's importer, and payloads become dynamic messages of
// a type named in full ("acme.Reading").
namespace Payload {

class ProtobufSchemas
{
public:
    ProtobufSchemas();
    ~ProtobufSchemas();
    ProtobufSchemas(const ProtobufSchemas &) = delete;
    ProtobufSchemas &operator=(const ProtobufSchemas &) = delete;

    // Forgets what was loaded and parses every .proto file under the folders (recursively;
    // imports are resolved against all folders, then the well-known types). False when a file
    // did not parse: errors() then says where ("folder/acme.proto:12:5: ...").
    bool load(const QStringList &folders);
    QStringList folders() const;
    QStringList errors() const;
    // Full names of every message type loaded, sorted.
    QStringList messageTypes() const;
    bool hasMessageType(const QString &fullName) const;

    // The payload as a message of that type: fields by name, enums by name, unknown fields
    // by number (with a warning). Malformed input says at which byte and why.
    DecodeResult decode(QByteArrayView payload, const QString &messageType) const;
    // protobuf's JSON mapping (util/json_util) to the message's bytes.
    PayloadFormat::EncodeResult encode(const QString &json, const QString &messageType) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Payload
