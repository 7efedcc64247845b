// SPDX-License-Identifier: Apache-2.0
#pragma once

// Protobuf helpers shared by the protobuf and Sparkplug B codecs; only src/payload's sources
// include this (protobuf's headers stay out of the library's interface).

#include "decoded.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>

namespace Payload::Protobuf {

// Sends libprotobuf's own log lines (it writes to stderr, e.g. on invalid UTF-8) to the
// switchboard.payload logging category instead; the decoders report errors as values.
void routeLibraryLogs();

// Walks the wire format against the type: the first field that is truncated, has a wire type
// its declaration does not allow, or a length past its end. True when the bytes are sound.
bool checkWireFormat(QByteArrayView bytes, const google::protobuf::Descriptor *type,
                     qsizetype *offset, QString *reason);

// The bytes as a message of the type (made by factory): null with offset and reason when they
// are not one. Missing required fields (proto2) are a failure too.
std::unique_ptr<google::protobuf::Message> parseMessage(QByteArrayView bytes,
                                                        const google::protobuf::Descriptor *type,
                                                        google::protobuf::MessageFactory *factory,
                                                        qsizetype *offset, QString *reason);

// The message's set fields as a tree; unknown fields as "#N" children, counted in unknown.
Node messageNode(const google::protobuf::Message &message, int *unknown = nullptr);
// One field's value (an element of a repeated field with index >= 0).
Node fieldNode(const google::protobuf::Message &message,
               const google::protobuf::FieldDescriptor *field, int index, int *unknown);

} // namespace Payload::Protobuf
