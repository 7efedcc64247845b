// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clientoptions.h"
#include "payloaddecoder.h"

#include <QByteArray>

#include <optional>

// sub --decode FILTER=DECODER[:TYPE] and pub --encode DECODER[:TYPE], with --proto-path DIR
// for protobuf types: the payload decoders and encoders of src/payload on the command line.
namespace Cli {

class PayloadOptions
{
public:
    // Adds --decode (sub) or --encode (pub), and --proto-path, to the command's options.
    static void addOptions(ClientOptionsParser *options, Command command);

    // Reads and checks the options after parsing: unknown decoders, bad filters, .proto files
    // that do not parse and protobuf types they do not declare are refused here, before
    // connecting. False with *problem set.
    bool read(const ClientOptionsParser &options, Command command, QString *problem);

    // sub: the decoded payload as one line of JSON for a topic a --decode rule matches;
    // nothing for other topics (printed as they came). Sparkplug B names are resolved from the
    // births this process has seen.
    std::optional<QByteArray> decode(const QString &topic, const QByteArray &payload);

    // pub: with --encode, JSON turned into the format (false with *problem); otherwise the
    // payload is left as it is.
    bool encode(QByteArray *payload, QString *problem) const;

private:
    Payload::PayloadDecoder m_decoder;
    std::optional<Payload::DecoderSpec> m_encoding;
};

} // namespace Cli
