// SPDX-License-Identifier: Apache-2.0
#include "payloadoptions.h"

#include <QCoreApplication>

namespace Cli {

namespace {
const QString decodeName = QStringLiteral("decode");
const QString encodeName = QStringLiteral("encode");
const QString protoPathName = QStringLiteral("proto-path");
} // namespace

void PayloadOptions::addOptions(ClientOptionsParser *options, Command command)
{
    if (command == Command::Subscribe)
        options->addOption(
                {decodeName,
                 QCoreApplication::translate(
                         "Cli", "Print the payloads of topics matching FILTER decoded, as one "
                                "line of JSON each (repeatable; the first matching rule wins). "
                                "DECODER: text, json, hex, base64, cbor, msgpack, "
                                "protobuf:PACKAGE.Message, sparkplug, numbers:FORMAT (int8, "
                                "uint16le, float32be, ...)."),
                 QStringLiteral("FILTER=DECODER[:TYPE]")});
    else
        options->addOption(
                {encodeName,
                 QCoreApplication::translate(
                         "Cli", "Read the payload (-m, -f or each -l line) as JSON and send it "
                                "encoded: cbor, msgpack, protobuf:PACKAGE.Message, sparkplug "
                                "(metrics), numbers:FORMAT; or text, json, hex, base64."),
                 QStringLiteral("DECODER[:TYPE]")});
    options->addOption(
            {protoPathName,
             QCoreApplication::translate("Cli", "Folder whose .proto files (and subfolders') "
                                                "declare the protobuf types (repeatable)."),
             QStringLiteral("DIR")});
}

bool PayloadOptions::read(const ClientOptionsParser &options, Command command, QString *problem)
{
    const QStringList protoPaths = options.values(protoPathName);
    if (!protoPaths.isEmpty() && !m_decoder.setProtoPaths(protoPaths)) {
        *problem = QCoreApplication::translate("Cli", "--proto-path: %1")
                           .arg(m_decoder.protobufSchemas().errors().join(QStringLiteral("; ")));
        return false;
    }
    QList<Payload::DecoderSpec> specs;
    if (command == Command::Subscribe) {
        Payload::DecodeRules rules;
        for (const QString &text : options.values(decodeName)) {
            QString error;
            const std::optional<Payload::DecodeRule> rule =
                    Payload::DecodeRule::fromString(text, &error);
            if (!rule) {
                *problem = QCoreApplication::translate("Cli", "--decode %1: %2").arg(text, error);
                return false;
            }
            rules.append(*rule);
            specs.append(rule->decoder);
        }
        m_decoder.setRules(rules);
    } else if (options.isSet(encodeName)) {
        QString error;
        m_encoding = Payload::DecoderSpec::fromString(options.value(encodeName), &error);
        if (!m_encoding) {
            *problem = QCoreApplication::translate("Cli", "--encode %1: %2")
                               .arg(options.value(encodeName), error);
            return false;
        }
        specs.append(*m_encoding);
    }
    for (const Payload::DecoderSpec &spec : specs) {
        const QString error = m_decoder.check(spec);
        if (!error.isEmpty()) {
            *problem = error;
            return false;
        }
    }
    return true;
}

std::optional<QByteArray> PayloadOptions::decode(const QString &topic, const QByteArray &payload)
{
    const Payload::DecodeRule *rule = m_decoder.rules().match(topic);
    if (!rule)
        return std::nullopt;
    return m_decoder.decode(rule->decoder, topic, payload).toJsonLine();
}

bool PayloadOptions::encode(QByteArray *payload, QString *problem) const
{
    if (!m_encoding)
        return true;
    const PayloadFormat::EncodeResult result =
            m_decoder.encode(*m_encoding, QString::fromUtf8(*payload));
    if (!result.isValid()) {
        *problem = QCoreApplication::translate("Cli", "--encode %1: %2")
                           .arg(m_encoding->toString(), result.error);
        return false;
    }
    *payload = result.bytes;
    return true;
}

} // namespace Cli
