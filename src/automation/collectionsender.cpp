// SPDX-License-Identifier: Apache-2.0
#include "collectionsender.h"

#include "client.h"
#include "payloaddecoder.h"
#include "validation.h"

#include <QCoreApplication>

namespace {

// "Payload, line 2, column 7: unknown variable ..." for a template that does not expand.
QString fieldProblem(const QString &field, const QString &text, const QString &problem, int offset)
{
    if (offset < 0)
        return QCoreApplication::translate("CollectionSender", "%1: %2").arg(field, problem);
    return QCoreApplication::translate("CollectionSender", "%1, %2: %3")
            .arg(field, Variables::position(text, offset), problem);
}

} // namespace

CollectionSender::CollectionSender() : m_ownDecoder(std::make_unique<Payload::PayloadDecoder>()) { }

CollectionSender::~CollectionSender() = default;

const Payload::PayloadDecoder &CollectionSender::decoder() const
{
    return m_decoder ? *m_decoder : *m_ownDecoder;
}

quint64 CollectionSender::nextSequence(const CollectionNode *entry) const
{
    return m_sent.value(entry) + 1;
}

CollectionSender::Prepared CollectionSender::prepare(const CollectionNode &entry,
                                                     const QList<Environment> &environments,
                                                     Variables::Context context,
                                                     Properties properties) const
{
    Prepared prepared;
    if (!m_activeEnvironment.isEmpty()) {
        context.environmentName = m_activeEnvironment;
        const Environment *environment = findEnvironment(environments, m_activeEnvironment);
        context.environment = environment ? environment->values : QMap<QString, QString>();
    }
    const CollectionMessage &source = entry.message();
    if (source.isScript()) {
        prepared.error =
                QCoreApplication::translate("CollectionSender", "a script entry is run, not sent");
        return prepared;
    }
    // Each text field expanded, or the first problem kept.
    const auto expand = [&](const QString &field, const QString &text) {
        if (!prepared.isValid())
            return QString();
        const Variables::Expansion expansion = Variables::expand(text, context);
        if (!expansion.isValid())
            prepared.error = fieldProblem(field, text, expansion.error, expansion.errorOffset);
        return expansion.text;
    };
    Mqtt::Message &message = prepared.message;
    message.topic = expand(QCoreApplication::translate("CollectionSender", "Topic"), source.topic);
    const QString payload =
            expand(QCoreApplication::translate("CollectionSender", "Payload"), source.payload);
    message.qos = source.qos;
    message.retain = source.retain;
    if (properties == Properties::With) {
        Mqtt::Properties &out = message.properties;
        if (source.payloadIndicator == CollectionMessage::PayloadIndicator::Utf8)
            out.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1);
        if (source.messageExpiryInterval != 0)
            out.setInteger(Mqtt::PropertyId::MessageExpiryInterval, source.messageExpiryInterval);
        if (!source.contentType.isEmpty())
            out.setString(Mqtt::PropertyId::ContentType,
                          expand(QCoreApplication::translate("CollectionSender", "Content type"),
                                 source.contentType));
        if (!source.responseTopic.isEmpty())
            out.setString(Mqtt::PropertyId::ResponseTopic,
                          expand(QCoreApplication::translate("CollectionSender", "Response topic"),
                                 source.responseTopic));
        if (!source.correlationData.isEmpty()) {
            const QString correlation =
                    expand(QCoreApplication::translate("CollectionSender", "Correlation data"),
                           source.correlationData);
            if (source.correlationFormat == CollectionMessage::CorrelationFormat::Hex) {
                const PayloadFormat::EncodeResult hex =
                        PayloadFormat::encode(correlation, PayloadFormat::Format::Hex);
                if (!hex.isValid() && prepared.isValid())
                    prepared.error =
                            QCoreApplication::translate("CollectionSender", "Correlation data: %1")
                                    .arg(hex.error);
                out.setBinary(Mqtt::PropertyId::CorrelationData, hex.bytes);
            } else {
                out.setBinary(Mqtt::PropertyId::CorrelationData, correlation.toUtf8());
            }
        }
        for (const auto &[name, value] : source.userProperties)
            out.addUserProperty(
                    expand(QCoreApplication::translate("CollectionSender", "User property"), name),
                    expand(QCoreApplication::translate("CollectionSender", "User property %1")
                                   .arg(name),
                           value));
    }
    if (!prepared.isValid())
        return prepared;
    // A topic name never carries wildcards [MQTT-3.3.2-2].
    if (const Mqtt::Error error = Mqtt::validateTopicName(message.topic)) {
        prepared.error =
                QCoreApplication::translate("CollectionSender", "Topic: %1").arg(error.text);
        return prepared;
    }
    const QString encodingProblem = decoder().check(source.format);
    if (!encodingProblem.isEmpty()) {
        prepared.error =
                QCoreApplication::translate("CollectionSender", "Payload: %1").arg(encodingProblem);
        return prepared;
    }
    const PayloadFormat::EncodeResult encoded = decoder().encode(source.format, payload);
    if (!encoded.isValid()) {
        // The position is in the expanded text: the encoder sees the payload as sent.
        prepared.error =
                fieldProblem(QCoreApplication::translate("CollectionSender", "Payload as sent"),
                             payload, encoded.error, encoded.errorOffset);
        return prepared;
    }
    message.payload = encoded.bytes;
    // Payload Format Indicator 1 promises UTF-8 character data (3.3.2.3.2).
    if (source.payloadIndicator == CollectionMessage::PayloadIndicator::Utf8 &&
        properties == Properties::With && !PayloadFormat::isValidUtf8(message.payload))
        prepared.error = QCoreApplication::translate(
                "CollectionSender",
                "The payload is not valid UTF-8 but its format is set to UTF-8 text");
    return prepared;
}

quint64 CollectionSender::send(const CollectionNode &entry, const QList<Environment> &environments,
                               Mqtt::Client *client, Mqtt::Message *sent, QString *error)
{
    if (!client) {
        *error = QCoreApplication::translate("CollectionSender", "Not connected to a broker");
        return 0;
    }
    Variables::Context context = Variables::Context::current();
    context.sequence = nextSequence(&entry);
    const Properties properties = client->options().version == Mqtt::ProtocolVersion::V5
                                          ? Properties::With
                                          : Properties::Without;
    const Prepared prepared = prepare(entry, environments, context, properties);
    if (!prepared.isValid()) {
        *error = prepared.error;
        return 0;
    }
    Mqtt::Error refused;
    const quint64 token = client->publish(prepared.message, &refused);
    if (token == 0) {
        *error = refused.text.isEmpty() ? QCoreApplication::translate("CollectionSender",
                                                                      "The message was not sent")
                                        : refused.text;
        return 0;
    }
    m_sent[&entry] = context.sequence;
    *sent = prepared.message;
    return token;
}
