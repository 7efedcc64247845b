// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"

#include <QJsonArray>

#include <optional>

// Which decoder a topic's payloads go through: "DECODER[:TYPE]" specs and an ordered list of
// rules "topic filter -> decoder" where the first matching rule wins.
namespace Payload {

struct DecoderSpec
{
    Decoder decoder = Decoder::Text;
    // The protobuf message type ("acme.Reading") or the numbers format ("float32le"); empty
    // for the other decoders.
    QString type;

    // "cbor", "protobuf:acme.Reading", "numbers:int16be". Refuses unknown decoders, a missing
    // type (protobuf, numbers), a type where none belongs and unknown number formats; whether
    // a protobuf type exists is for PayloadDecoder::check().
    static std::optional<DecoderSpec> fromString(QStringView text, QString *error);
    QString toString() const;
    bool operator==(const DecoderSpec &other) const
    {
        return decoder == other.decoder && type == other.type;
    }
    bool operator!=(const DecoderSpec &other) const { return !(*this == other); }
};

struct DecodeRule
{
    QString filter; // an MQTT topic filter, wildcards allowed
    DecoderSpec decoder;

    // "FILTER=DECODER[:TYPE]" as the CLI's --decode takes it (split at the last '=').
    static std::optional<DecodeRule> fromString(QStringView text, QString *error);
    QString toString() const;
    bool operator==(const DecodeRule &other) const
    {
        return filter == other.filter && decoder == other.decoder;
    }
};

// Ordered: the first rule whose filter matches the topic decides. Kept in a profile as JSON
// [{"filter": "...", "decoder": "protobuf:acme.Reading"}, ...].
class DecodeRules
{
public:
    DecodeRules() = default;
    explicit DecodeRules(const QList<DecodeRule> &rules) : m_rules(rules) { }

    const QList<DecodeRule> &rules() const { return m_rules; }
    void setRules(const QList<DecodeRule> &rules) { m_rules = rules; }
    void append(const DecodeRule &rule) { m_rules.append(rule); }
    void insert(qsizetype index, const DecodeRule &rule) { m_rules.insert(index, rule); }
    void removeAt(qsizetype index) { m_rules.removeAt(index); }
    bool isEmpty() const { return m_rules.isEmpty(); }
    qsizetype size() const { return m_rules.size(); }

    // The first rule matching the topic, or null.
    const DecodeRule *match(QStringView topic) const;

    QJsonArray toJson() const;
    // Rules that do not parse are skipped and named in errors.
    static DecodeRules fromJson(const QJsonArray &json, QStringList *errors = nullptr);

    bool operator==(const DecodeRules &other) const { return m_rules == other.m_rules; }

private:
    QList<DecodeRule> m_rules;
};

} // namespace Payload
