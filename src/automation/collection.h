// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoderules.h"
#include "environment.h"
#include "properties.h"
#include "protocol.h"

#include <QList>
#include <QPair>
#include <QString>

#include <memory>
#include <vector>

// A collection: a tree of folders and named messages, with its environments, kept in one
// diff-friendly file (CollectionFile, docs/collection-format.md).

// What an entry publishes. Text fields may hold variables (variables.h), expanded at send time.
// A script entry (kind Script) runs its JavaScript source (docs/scripting.md) instead; its
// message fields are unused, and its source is not expanded (scripts read env()).
struct CollectionMessage
{
    enum class Kind { Message, Script };
    enum class PayloadIndicator { Unspecified, Utf8 };
    enum class CorrelationFormat { Text, Hex };

    Kind kind = Kind::Message;
    QString script; // the JavaScript source of a script entry

    QString topic;
    QString payload; // the composer's text, encoded as format says after expansion
    Payload::DecoderSpec format;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    bool retain = false;
    // MQTT 5.0 properties (left out on 3.1.1 connections).
    QString contentType;
    PayloadIndicator payloadIndicator = PayloadIndicator::Unspecified;
    quint32 messageExpiryInterval = 0; // seconds, 0: none
    QString responseTopic;
    QString correlationData;
    CorrelationFormat correlationFormat = CorrelationFormat::Text;
    QList<QPair<QString, QString>> userProperties;

    bool isScript() const { return kind == Kind::Script; }
    bool hasProperties() const;
    // Takes the 5.0 properties of a message (e.g. one the composer sent): correlation data as
    // text when it is printable UTF-8, otherwise as hex.
    void setProperties(const Mqtt::Properties &properties);
    bool operator==(const CollectionMessage &other) const;
    bool operator!=(const CollectionMessage &other) const { return !(*this == other); }
};

// A folder or an entry of a collection's tree. A node owns its children.
class CollectionNode
{
public:
    enum class Kind { Folder, Entry };

    CollectionNode(Kind kind, const QString &name);
    ~CollectionNode();
    CollectionNode(const CollectionNode &) = delete;
    CollectionNode &operator=(const CollectionNode &) = delete;

    static std::unique_ptr<CollectionNode> folder(const QString &name);
    static std::unique_ptr<CollectionNode> entry(const QString &name,
                                                 const CollectionMessage &message);

    Kind kind() const { return m_kind; }
    bool isFolder() const { return m_kind == Kind::Folder; }
    QString name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    const CollectionMessage &message() const { return m_message; }
    void setMessage(const CollectionMessage &message) { m_message = message; }

    CollectionNode *parent() const { return m_parent; }
    int childCount() const { return int(m_children.size()); }
    CollectionNode *child(int row) const;
    int row() const; // among the parent's children, 0 for a root
    int indexOf(const CollectionNode *child) const;
    // Folders only: the child is inserted at row (appended when row is out of range).
    CollectionNode *insertChild(int row, std::unique_ptr<CollectionNode> child);
    CollectionNode *appendChild(std::unique_ptr<CollectionNode> child);
    std::unique_ptr<CollectionNode> takeChild(int row);
    // True for the node itself and every node below it.
    bool contains(const CollectionNode *node) const;
    // "Sensors / Temperature": the names from below the root to this node.
    QString path() const;

    std::unique_ptr<CollectionNode> clone() const;
    // Same kind, name, message and children, recursively.
    bool equals(const CollectionNode &other) const;

private:
    Kind m_kind;
    QString m_name;
    CollectionMessage m_message;
    CollectionNode *m_parent = nullptr;
    std::vector<std::unique_ptr<CollectionNode>> m_children;
};

class Collection
{
public:
    explicit Collection(const QString &name = QString());
    Collection(const Collection &other);
    Collection &operator=(const Collection &other);
    Collection(Collection &&) = default;
    Collection &operator=(Collection &&) = default;
    ~Collection();

    // The root folder; its name is the collection's.
    CollectionNode *root() const { return m_root.get(); }
    QString name() const { return m_root->name(); }
    void setName(const QString &name) { m_root->setName(name); }

    QList<Environment> environments() const { return m_environments; }
    void setEnvironments(const QList<Environment> &environments) { m_environments = environments; }

    // The entry at the path of names below the root ("Sensors", "Temperature"), or nullptr.
    CollectionNode *find(const QStringList &path) const;

    bool operator==(const Collection &other) const;
    bool operator!=(const Collection &other) const { return !(*this == other); }

private:
    std::unique_ptr<CollectionNode> m_root;
    QList<Environment> m_environments;
};
