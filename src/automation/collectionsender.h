// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "collection.h"
#include "message.h"
#include "variables.h"

#include <QHash>
#include <QString>

#include <memory>

namespace Mqtt {
class Client;
struct Error;
} // namespace Mqtt

namespace Payload {
class PayloadDecoder;
}

// Turns collection entries into messages at send time: variables expanded (the same {{now}}
// in every field, the entry's next {{seq}}, the active environment's values), the payload
// encoded in the entry's format, the 5.0 properties built; and publishes them.
class CollectionSender
{
public:
    CollectionSender();
    ~CollectionSender();
    CollectionSender(const CollectionSender &) = delete;
    CollectionSender &operator=(const CollectionSender &) = delete;

    // The environment {{env.NAME}} reads, by name (each collection has its own values under
    // that name); empty: none.
    QString activeEnvironment() const { return m_activeEnvironment; }
    void setActiveEnvironment(const QString &name) { m_activeEnvironment = name; }

    // Encodes protobuf types with this connection's .proto files (nullptr: no rules, no types).
    // The decoder must outlive its use here.
    void setPayloadDecoder(const Payload::PayloadDecoder *decoder) { m_decoder = decoder; }

    struct Prepared
    {
        Mqtt::Message message;
        QString error; // readable, naming the field and the position; empty when valid
        bool isValid() const { return error.isEmpty(); }
    };
    // The message entry makes in the context (whose sequence is used as given). Properties are
    // included when withProperties is WithProperties (a 5.0 connection).
    enum class Properties { Without, With };
    Prepared prepare(const CollectionNode &entry, const QList<Environment> &environments,
                     Variables::Context context, Properties properties = Properties::With) const;

    // {{seq}} of the entry's next send: 1 before the first.
    quint64 nextSequence(const CollectionNode *entry) const;
    void resetSequences() { m_sent.clear(); }
    // The entry is gone: its counter goes too (a new node at the same address starts at 1).
    void forget(const CollectionNode *entry) { m_sent.remove(entry); }

    // Prepares with the current time and the next sequence, publishes through the client and
    // counts the send. Returns the client's token, 0 with *error when nothing was sent (a bad
    // template, a payload that does not encode, or the client refused it); *sent is the message
    // as published.
    quint64 send(const CollectionNode &entry, const QList<Environment> &environments,
                 Mqtt::Client *client, Mqtt::Message *sent, QString *error);

private:
    const Payload::PayloadDecoder &decoder() const;

    QString m_activeEnvironment;
    const Payload::PayloadDecoder *m_decoder = nullptr;
    std::unique_ptr<Payload::PayloadDecoder> m_ownDecoder;
    QHash<const CollectionNode *, quint64> m_sent; // sends so far, by entry
};
