// SPDX-License-Identifier: Apache-2.0
#include "decoderules.h"

#include "numbercodec.h"
#include "topic.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Payload {

std::optional<DecoderSpec> DecoderSpec::fromString(QStringView text, QString *error)
{
    const qsizetype colon = text.indexOf(u':');
    const QStringView name = colon < 0 ? text : text.left(colon);
    const QString type = colon < 0 ? QString() : text.mid(colon + 1).trimmed().toString();
    const std::optional<Decoder> decoder = decoderFromName(name.trimmed());
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (!decoder)
        return fail(QCoreApplication::translate("Payload", "unknown decoder '%1' (one of %2)")
                            .arg(name.toString(), decoderNames().join(QStringLiteral(", "))));
    DecoderSpec spec;
    spec.decoder = *decoder;
    spec.type = type;
    switch (*decoder) {
    case Decoder::Protobuf:
        if (type.isEmpty())
            return fail(QCoreApplication::translate(
                    "Payload", "protobuf needs a message type: protobuf:PACKAGE.Message"));
        break;
    case Decoder::Numbers:
        if (!NumberFormat::fromName(type))
            return fail(QCoreApplication::translate("Payload", "numbers needs a format, one of %1")
                                .arg(NumberFormat::names().join(QStringLiteral(", "))));
        spec.type = NumberFormat::fromName(type)->name();
        break;
    default:
        if (colon >= 0)
            return fail(QCoreApplication::translate("Payload", "%1 takes no type after ':'")
                                .arg(decoderName(*decoder)));
        break;
    }
    return spec;
}

QString DecoderSpec::toString() const
{
    return type.isEmpty() ? decoderName(decoder) : decoderName(decoder) + QLatin1Char(':') + type;
}

std::optional<DecodeRule> DecodeRule::fromString(QStringView text, QString *error)
{
    const qsizetype equals = text.lastIndexOf(u'=');
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (equals < 0)
        return fail(
                QCoreApplication::translate("Payload", "expected FILTER=DECODER[:TYPE], not '%1'")
                        .arg(text.toString()));
    DecodeRule rule;
    rule.filter = text.left(equals).toString();
    if (const Mqtt::Error filterError = Mqtt::validateTopicFilter(rule.filter))
        return fail(QCoreApplication::translate("Payload", "invalid topic filter '%1': %2")
                            .arg(rule.filter, filterError.text));
    const std::optional<DecoderSpec> spec = DecoderSpec::fromString(text.mid(equals + 1), error);
    if (!spec)
        return std::nullopt;
    rule.decoder = *spec;
    return rule;
}

QString DecodeRule::toString() const
{
    return filter + QLatin1Char('=') + decoder.toString();
}

const DecodeRule *DecodeRules::match(QStringView topic) const
{
    for (const DecodeRule &rule : m_rules) {
        if (Mqtt::topicMatches(rule.filter, topic))
            return &rule;
    }
    return nullptr;
}

QJsonArray DecodeRules::toJson() const
{
    QJsonArray array;
    for (const DecodeRule &rule : m_rules)
        array.append(QJsonObject{{QStringLiteral("filter"), rule.filter},
                                 {QStringLiteral("decoder"), rule.decoder.toString()}});
    return array;
}

DecodeRules DecodeRules::fromJson(const QJsonArray &json, QStringList *errors)
{
    DecodeRules rules;
    for (const QJsonValue &value : json) {
        const QJsonObject object = value.toObject();
        QString error;
        const std::optional<DecodeRule> rule =
                DecodeRule::fromString(object.value(u"filter").toString() + QLatin1Char('=') +
                                               object.value(u"decoder").toString(),
                                       &error);
        if (rule)
            rules.append(*rule);
        else if (errors)
            errors->append(error);
    }
    return rules;
}

} // namespace Payload
