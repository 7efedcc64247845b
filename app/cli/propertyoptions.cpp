// SPDX-License-Identifier: Apache-2.0
#include "propertyoptions.h"

#include "authenticator.h"
#include "topic.h"
#include "validation.h"

#include <QCoreApplication>

#include <limits>
#include <optional>

namespace Cli {

namespace {

using Mqtt::PropertyId;

// The spec's property names with '-' between words, as mosquitto_pub spells them.
struct PropertyName
{
    const char *name;
    PropertyId id;
};

constexpr PropertyName PropertyNames[] = {
        {"payload-format-indicator", PropertyId::PayloadFormatIndicator},
        {"message-expiry-interval", PropertyId::MessageExpiryInterval},
        {"content-type", PropertyId::ContentType},
        {"response-topic", PropertyId::ResponseTopic},
        {"correlation-data", PropertyId::CorrelationData},
        {"subscription-identifier", PropertyId::SubscriptionIdentifier},
        {"session-expiry-interval", PropertyId::SessionExpiryInterval},
        {"assigned-client-identifier", PropertyId::AssignedClientIdentifier},
        {"server-keep-alive", PropertyId::ServerKeepAlive},
        {"authentication-method", PropertyId::AuthenticationMethod},
        {"authentication-data", PropertyId::AuthenticationData},
        {"request-problem-information", PropertyId::RequestProblemInformation},
        {"will-delay-interval", PropertyId::WillDelayInterval},
        {"request-response-information", PropertyId::RequestResponseInformation},
        {"response-information", PropertyId::ResponseInformation},
        {"server-reference", PropertyId::ServerReference},
        {"reason-string", PropertyId::ReasonString},
        {"receive-maximum", PropertyId::ReceiveMaximum},
        {"topic-alias-maximum", PropertyId::TopicAliasMaximum},
        {"topic-alias", PropertyId::TopicAlias},
        {"maximum-qos", PropertyId::MaximumQoS},
        {"retain-available", PropertyId::RetainAvailable},
        {"user-property", PropertyId::UserProperty},
        {"maximum-packet-size", PropertyId::MaximumPacketSize},
        {"wildcard-subscription-available", PropertyId::WildcardSubscriptionAvailable},
        {"subscription-identifier-available", PropertyId::SubscriptionIdentifierAvailable},
        {"shared-subscription-available", PropertyId::SharedSubscriptionAvailable},
};

constexpr PropertyTarget AllTargets[] = {PropertyTarget::Connect,   PropertyTarget::Publish,
                                         PropertyTarget::Subscribe, PropertyTarget::Unsubscribe,
                                         PropertyTarget::Will,      PropertyTarget::Disconnect};

QString nameOf(PropertyId id)
{
    for (const PropertyName &entry : PropertyNames) {
        if (entry.id == id)
            return QLatin1String(entry.name);
    }
    return {};
}

// What a client may send in each packet (Table 2-4 of MQTT 5.0, client to server only).
QList<PropertyId> allowedIds(PropertyTarget target)
{
    switch (target) {
    case PropertyTarget::Connect:
        return {PropertyId::SessionExpiryInterval,
                PropertyId::ReceiveMaximum,
                PropertyId::MaximumPacketSize,
                PropertyId::TopicAliasMaximum,
                PropertyId::RequestResponseInformation,
                PropertyId::RequestProblemInformation,
                PropertyId::UserProperty,
                PropertyId::AuthenticationMethod,
                PropertyId::AuthenticationData};
    case PropertyTarget::Publish:
        // [MQTT-3.3.4-6]: a Subscription Identifier is the broker's to send, not ours.
        return {PropertyId::PayloadFormatIndicator,
                PropertyId::MessageExpiryInterval,
                PropertyId::ContentType,
                PropertyId::ResponseTopic,
                PropertyId::CorrelationData,
                PropertyId::TopicAlias,
                PropertyId::UserProperty};
    case PropertyTarget::Will:
        return {PropertyId::WillDelayInterval,     PropertyId::PayloadFormatIndicator,
                PropertyId::MessageExpiryInterval, PropertyId::ContentType,
                PropertyId::ResponseTopic,         PropertyId::CorrelationData,
                PropertyId::UserProperty};
    case PropertyTarget::Subscribe:
        return {PropertyId::SubscriptionIdentifier, PropertyId::UserProperty};
    case PropertyTarget::Unsubscribe:
        return {PropertyId::UserProperty};
    case PropertyTarget::Disconnect:
        // Server Reference goes from broker to client only (3.14.2.2.5).
        return {PropertyId::SessionExpiryInterval, PropertyId::ReasonString,
                PropertyId::UserProperty};
    }
    return {};
}

bool fail(QString *problem, const QString &text)
{
    *problem = text;
    return false;
}

} // namespace

Mqtt::Properties *PropertySets::of(PropertyTarget target)
{
    switch (target) {
    case PropertyTarget::Connect:
        return &connect;
    case PropertyTarget::Publish:
        return &publish;
    case PropertyTarget::Subscribe:
        return &subscribe;
    case PropertyTarget::Unsubscribe:
        return &unsubscribe;
    case PropertyTarget::Will:
        return &will;
    case PropertyTarget::Disconnect:
        return &disconnect;
    }
    return &connect;
}

QString targetName(PropertyTarget target)
{
    switch (target) {
    case PropertyTarget::Connect:
        return QStringLiteral("connect");
    case PropertyTarget::Publish:
        return QStringLiteral("publish");
    case PropertyTarget::Subscribe:
        return QStringLiteral("subscribe");
    case PropertyTarget::Unsubscribe:
        return QStringLiteral("unsubscribe");
    case PropertyTarget::Will:
        return QStringLiteral("will");
    case PropertyTarget::Disconnect:
        return QStringLiteral("disconnect");
    }
    return {};
}

QStringList propertyNames(PropertyTarget target)
{
    QStringList names;
    for (PropertyId id : allowedIds(target)) {
        if (id != PropertyId::AuthenticationData) // refused with its reason, not offered
            names.append(nameOf(id));
    }
    return names;
}

bool takePropertyArguments(QStringList *arguments, const QSet<QString> &valueOptions,
                           QList<PropertyArgument> *taken, QString *problem)
{
    QStringList kept;
    for (qsizetype i = 0; i < arguments->size(); ++i) {
        const QString &argument = arguments->at(i);
        if (argument == QLatin1String("--")) {
            kept += arguments->mid(i);
            break;
        }
        if (argument == QLatin1String("-D") || argument == QLatin1String("--property")) {
            // Read verbatim, as mosquitto does: a value may start with '-'.
            PropertyArgument property;
            if (i + 2 < arguments->size()) {
                property.command = arguments->at(i + 1).toLower();
                property.property = arguments->at(i + 2).toLower();
            }
            const int valueCount = property.property == QLatin1String("user-property") ? 2 : 1;
            if (property.property.isEmpty() || i + 2 + valueCount >= arguments->size()) {
                return fail(problem,
                            QCoreApplication::translate(
                                    "Cli", "%1 needs a command, a property and a value, e.g. "
                                           "-D publish content-type text/plain (user-property "
                                           "takes a name and a value)")
                                    .arg(argument));
            }
            property.values = arguments->mid(i + 3, valueCount);
            taken->append(property);
            i += 2 + valueCount;
            continue;
        }
        kept.append(argument);
        // Skip the value of an option that takes one, so that it is never read as -D.
        if (argument.startsWith(QLatin1String("--"))) {
            if (!argument.contains(QLatin1Char('=')) && valueOptions.contains(argument.mid(2)) &&
                i + 1 < arguments->size())
                kept.append(arguments->at(++i));
        } else if (argument.startsWith(QLatin1Char('-')) && argument.size() > 1) {
            // Compacted short options: the first that takes a value takes the rest, or the
            // next argument when nothing is left.
            for (qsizetype c = 1; c < argument.size(); ++c) {
                if (valueOptions.contains(argument.at(c))) {
                    if (c == argument.size() - 1 && i + 1 < arguments->size())
                        kept.append(arguments->at(++i));
                    break;
                }
            }
        }
    }
    *arguments = kept;
    return true;
}

bool parseSessionExpiry(const QString &text, quint32 *seconds)
{
    // mosquitto_pub -x: -1, 4294967295 or ∞ mean a session that never expires.
    const QString trimmed = text.trimmed();
    if (trimmed == QLatin1String("-1") || trimmed == QString(QChar(0x221E))) {
        *seconds = std::numeric_limits<quint32>::max();
        return true;
    }
    bool ok = false;
    const qint64 number = trimmed.toLongLong(&ok);
    if (!ok || number < 0 || number > qint64(std::numeric_limits<quint32>::max()))
        return false;
    *seconds = quint32(number);
    return true;
}

QStringList authenticationMethods()
{
    return Mqtt::authenticationMethods(); // what the engine can run
}

bool checkAuthenticationMethod(const QString &text, QString *canonical, QString *problem)
{
    for (const QString &method : authenticationMethods()) {
        if (method.compare(text.trimmed(), Qt::CaseInsensitive) == 0) {
            *canonical = method;
            return true;
        }
    }
    return fail(problem, QCoreApplication::translate(
                                 "Cli", "unknown authentication method '%1' (supported: %2)")
                                 .arg(text, authenticationMethods().join(QStringLiteral(", "))));
}

bool buildPropertySets(const QList<PropertyArgument> &arguments,
                       const QList<PropertyTarget> &targets, PropertySets *sets, QString *problem)
{
    QStringList targetNames;
    for (PropertyTarget target : targets)
        targetNames.append(targetName(target));
    for (const PropertyArgument &argument : arguments) {
        std::optional<PropertyTarget> target;
        for (PropertyTarget candidate : AllTargets) {
            if (targetName(candidate) == argument.command)
                target = candidate;
        }
        if (!target || !targets.contains(*target)) {
            return fail(problem,
                        QCoreApplication::translate(
                                "Cli", "-D %1: not a packet this command sends (use %2)")
                                .arg(argument.command, targetNames.join(QStringLiteral(", "))));
        }
        std::optional<PropertyId> id;
        for (const PropertyName &entry : PropertyNames) {
            if (argument.property == QLatin1String(entry.name))
                id = entry.id;
        }
        if (!id) {
            return fail(problem, QCoreApplication::translate("Cli", "-D %1: unknown property '%2'")
                                         .arg(argument.command, argument.property));
        }
        if (!allowedIds(*target).contains(*id)) {
            return fail(problem,
                        QCoreApplication::translate(
                                "Cli", "-D %1: the property %2 is not allowed in %1 (allowed: %3)")
                                .arg(argument.command, argument.property,
                                     propertyNames(*target).join(QStringLiteral(", "))));
        }
        const QString &value = argument.values.constFirst();
        if (*id == PropertyId::AuthenticationMethod) {
            if (!sets->authenticationMethod.isEmpty())
                return fail(problem, QCoreApplication::translate(
                                             "Cli", "the authentication method is given twice"));
            if (!checkAuthenticationMethod(value, &sets->authenticationMethod, problem))
                return false;
            continue;
        }
        if (*id == PropertyId::AuthenticationData) {
            return fail(problem, QCoreApplication::translate(
                                         "Cli", "-D connect authentication-data: the "
                                                "authentication method computes it from the "
                                                "user name (-u) and password (-P)"));
        }
        Mqtt::Properties *properties = sets->of(*target);
        // Only user properties repeat in what a client sends (2.2.2.2, 3.8.2.1.2).
        if (*id != PropertyId::UserProperty && properties->contains(*id)) {
            return fail(problem, QCoreApplication::translate("Cli", "-D %1 %2 is given twice")
                                         .arg(argument.command, argument.property));
        }
        for (const QString &text : argument.values) {
            if (text.toUtf8().size() > Mqtt::MaximumStringLength)
                return fail(problem, QCoreApplication::translate(
                                             "Cli", "-D %1 %2: a value is longer than %3 bytes")
                                             .arg(argument.command, argument.property)
                                             .arg(Mqtt::MaximumStringLength));
        }
        switch (Mqtt::Properties::typeOf(*id)) {
        case Mqtt::PropertyType::Byte:
        case Mqtt::PropertyType::TwoByteInteger:
        case Mqtt::PropertyType::FourByteInteger:
        case Mqtt::PropertyType::VariableByteInteger: {
            // The engine's rule: the type's range, without values that are a Protocol Error.
            const Mqtt::ValueRange range = Mqtt::propertyValueRange(*id);
            const quint32 minimum = range.minimum;
            const quint32 maximum = range.maximum;
            bool ok = false;
            const qint64 number = value.trimmed().toLongLong(&ok);
            if (!ok || number < 0 || !range.contains(quint64(number))) {
                return fail(problem,
                            QCoreApplication::translate(
                                    "Cli", "-D %1 %2 must be a whole number from %3 to %4, "
                                           "not '%5'")
                                    .arg(argument.command, argument.property)
                                    .arg(minimum)
                                    .arg(maximum)
                                    .arg(value));
            }
            if (*id == PropertyId::SubscriptionIdentifier)
                properties->addSubscriptionIdentifier(quint32(number));
            else
                properties->setInteger(*id, quint32(number));
            break;
        }
        case Mqtt::PropertyType::Utf8String:
            // [MQTT-3.3.2-14]: the Response Topic is a topic name, without wildcards.
            if (*id == PropertyId::ResponseTopic) {
                if (const Mqtt::Error error = Mqtt::validateTopicName(value))
                    return fail(problem,
                                QCoreApplication::translate("Cli", "-D %1 response-topic '%2': %3")
                                        .arg(argument.command, value, error.text));
            }
            properties->setString(*id, value);
            break;
        case Mqtt::PropertyType::BinaryData:
            properties->setBinary(*id, value.toUtf8()); // as mosquitto: the text's bytes
            break;
        case Mqtt::PropertyType::Utf8StringPair:
            properties->addUserProperty(argument.values.at(0), argument.values.at(1));
            break;
        }
    }
    return true;
}

QByteArray describeProperties(const Mqtt::Properties &properties)
{
    QString out;
    // Hexadecimal as one untranslated token ("0x00ff"): the output is read by scripts too.
    for (const Mqtt::PropertyText &line : properties.describe(Mqtt::BinaryNotation::Prefixed))
        out += QStringLiteral("  %1: %2\n").arg(line.name, line.value);
    return out.toUtf8();
}

} // namespace Cli
