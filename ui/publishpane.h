// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "collection.h"
#include "decoderules.h"
#include "error.h"
#include "message.h"
#include "payloadformat.h"

#include <QMap>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QCompleter;
class QStringListModel;

namespace Mqtt {
class Client;
}

namespace Payload {
class PayloadDecoder;
}

namespace Ui {
class PublishPane;
}

// The publish composer: topic (completed from topics seen), payload in a chosen format, QoS,
// retain, a remembered history and an optional repeat timer. Besides text, JSON, hex and Base64
// it encodes JSON into CBOR, MessagePack, a protobuf message type, Sparkplug B metrics or an
// array of numbers: the decode rule matching the topic chooses the encoding unless the user
// picks another, and the encoded bytes are shown (hex dump and size) while typing. At MQTT 5.0 a
// collapsible section adds the message properties (content type, payload format, expiry, response
// topic, correlation data, user properties) and the status shows the broker's reason code.
class PublishPane : public QWidget
{
    Q_OBJECT
public:
    explicit PublishPane(QWidget *parent = nullptr);
    ~PublishPane() override;

    void setClient(Mqtt::Client *client);

    // Offers a topic in the completer (cheap to call for every message).
    void addKnownTopic(const QString &topic);

    QString topic() const;
    void setTopic(const QString &topic);
    // The connection's decoder: the first of its rules matching the topic chooses the
    // encoding, its .proto files give the protobuf message types. Without one, no rule applies
    // and there are no protobuf types. The decoder must outlive the pane.
    void setPayloadDecoder(Payload::PayloadDecoder *decoder);
    // After the decoder's rules or .proto folders changed: follows the topic's rule now (the
    // composer also looks again at each edit) and lists the message types loaded.
    void refreshEncoding();
    // How the payload text becomes bytes ("cbor", "protobuf:acme.Reading", "numbers:int16le").
    Payload::DecoderSpec encoding() const;
    // The user's choice: it holds on topics without a rule and on those of the rule it was
    // chosen against, until the topic matches another rule.
    void setEncoding(const Payload::DecoderSpec &spec);
    // The filter of the rule that matches the topic (empty: none); ruleChoseEncoding() says
    // whether the encoding is still the rule's.
    QString encodingRule() const;
    bool ruleChoseEncoding() const;
    // The bytes the current input encodes to, or the reason and position it does not.
    PayloadFormat::EncodeResult encodedPayload() const;
    QString payloadText() const;
    void setPayloadText(const QString &text);
    Mqtt::QoS qos() const;
    void setQos(Mqtt::QoS qos);
    bool isRetain() const;
    void setRetain(bool retain);
    QString statusText() const;

    // 5.0 message properties. Correlation data is typed as text or as hex digits.
    enum class CorrelationFormat { Text, Hex };
    Q_ENUM(CorrelationFormat)
    enum class PayloadIndicator { Unspecified, Utf8 };
    Q_ENUM(PayloadIndicator)
    // True when the client's connection speaks 5.0: the properties section is usable and its
    // values go into the messages.
    bool arePropertiesAvailable() const;
    bool isPropertiesSectionShown() const;
    void setPropertiesSectionShown(bool shown);
    void setContentType(const QString &contentType);
    void setPayloadIndicator(PayloadIndicator indicator);
    void setMessageExpiryInterval(quint32 seconds); // 0: none
    void setResponseTopic(const QString &topic);
    void setCorrelationData(const QString &text, CorrelationFormat format);
    // Appends a row to the user properties table (names may repeat; order is kept).
    void addUserProperty(const QString &name, const QString &value);
    void clearUserProperties();
    QList<QPair<QString, QString>> userProperties() const;
    // The properties the composer holds; false with *problem when one of them is invalid.
    bool composeProperties(Mqtt::Properties *properties, QString *problem) const;
    // Fills the properties section (and shows it when there is something to show).
    void setMessageProperties(const Mqtt::Properties &properties);

    // Publishes what the composer holds once; returns the token (0 when nothing was sent).
    quint64 publish();
    // Publish button / Ctrl+Return: once, or starts/stops repeating when "repeat" is on.
    void trigger();
    bool isRepeating() const { return m_repeatTimer.isActive(); }
    void stopRepeating();

    static int maximumHistory() { return 20; }
    // "CBOR", "Protobuf acme.Reading": the encoding as the composer names it.
    static QString encodingName(const Payload::DecoderSpec &spec);
    // The composer's formats in its order, named so, each with its Payload::Decoder as data.
    static void addEncodings(QComboBox *combo);

Q_SIGNALS:
    // A message was handed to the client (the log shows it as outgoing).
    // token: the client's token for the message (its answer comes with that token).
    void messagePublished(const Mqtt::Message &message, quint64 token);
    // "Save to collection…": the history item shown (the latest when none is), as an entry.
    void saveToCollectionRequested(const CollectionMessage &message);

private:
    struct HistoryEntry
    {
        QString topic;
        QString payload;
        Payload::DecoderSpec format;
        Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
        bool retain = false;
        Mqtt::Properties properties;
        bool operator==(const HistoryEntry &other) const
        {
            return topic == other.topic && payload == other.payload && format == other.format &&
                   qos == other.qos && retain == other.retain && properties == other.properties;
        }
    };

    void showError(const QString &text);
    void showStatus(const QString &text);
    const Payload::PayloadDecoder &decoder() const;
    // Why the chosen encoding cannot be used (a protobuf type that is not loaded, no number
    // format), whatever is typed; empty when it can.
    QString encodingProblem() const;
    // The encoding's text with its position ("… (line 2, column 5)") when it does not encode.
    QString encodeProblem(const PayloadFormat::EncodeResult &encoded) const;
    // What is wrong with the composer's input, empty when it can be sent.
    QString inputProblem(const PayloadFormat::EncodeResult &encoded) const;
    void validatePayload(); // shows inputProblem(), or clears the status
    void revalidate(); // the same, but keeps a status that is not about the input
    // Shows the encoded bytes (or why there are none) and marks the position of a problem.
    void showEncoded(const PayloadFormat::EncodeResult &encoded);
    // Follows the rule matching the topic when it is another than before.
    void followRule();
    // Shows the spec in the format combo and the type field, without taking it for the user's.
    void showEncoding(const Payload::DecoderSpec &spec);
    void onEncodingEdited(); // the user changed the format or the type
    void rememberChosenEncoding();
    void updateTypeField();
    void updateRuleLabel();
    void updatePublishButton();
    // False with *problem when the Payload Format Indicator says UTF-8 and the bytes are not.
    static bool payloadMatchesIndicator(const QByteArray &payload,
                                        const Mqtt::Properties &properties, QString *problem);
    void onAcknowledged(quint64 token);
    void onPublishAcknowledged(quint64 token, Mqtt::ReasonCode reasonCode,
                               const QString &reasonString);
    void onRefused(quint64 token, const Mqtt::Error &error);
    void updatePropertiesAvailability();
    void updatePropertiesToggle();
    void onHistoryActivated(int index);
    void requestSaveToCollection();
    void flushKnownTopics();
    void loadHistory();
    void saveHistory();
    void rememberInHistory(const HistoryEntry &entry);
    void refreshHistoryCombo();

    std::unique_ptr<Ui::PublishPane> m_ui;
    QPointer<Mqtt::Client> m_client;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_topicModel = nullptr;
    QSet<QString> m_knownTopics;
    QStringList m_pendingTopics;
    QTimer m_topicFlushTimer;
    QTimer m_repeatTimer;
    QList<HistoryEntry> m_history;
    QHash<quint64, QString> m_pendingAcks; // token -> topic, for QoS 1/2
    QHash<quint64, QString> m_queuedSends; // token -> topic, QoS 0 waiting for a connection
    // token -> the reason code and string of an acknowledgement that said more than Success.
    QHash<quint64, QString> m_ackReasons;
    bool m_showsInputProblem = false; // the status shows inputProblem()
    Payload::PayloadDecoder *m_decoder = nullptr;
    // Encodes when no decoder is set (no rules, no protobuf types).
    std::unique_ptr<Payload::PayloadDecoder> m_ownDecoder;
    // The rule that matched the topic when it was last looked at.
    std::optional<Payload::DecodeRule> m_matchedRule;
    // What the user chose last: shown when no rule matches the topic, and over the rule the
    // user chose it against (until another rule matches: a topic typed letter by letter
    // passes through topics that match none).
    Payload::DecoderSpec m_chosenEncoding;
    std::optional<Payload::DecodeRule> m_overriddenRule;
    bool m_showingEncoding = false; // showEncoding() is changing the combo and the type field
    // The kind of type the type field lists (message types or number formats), and what was
    // typed there for the other kind.
    Payload::Decoder m_typeFieldDecoder = Payload::Decoder::Text;
    QMap<Payload::Decoder, QString> m_typedTypes;
};
