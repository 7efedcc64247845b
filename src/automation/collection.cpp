// SPDX-License-Identifier: Apache-2.0
#include "collection.h"

#include "payloadformat.h"

bool CollectionMessage::hasProperties() const
{
    return !contentType.isEmpty() || payloadIndicator != PayloadIndicator::Unspecified ||
           messageExpiryInterval != 0 || !responseTopic.isEmpty() || !correlationData.isEmpty() ||
           !userProperties.isEmpty();
}

void CollectionMessage::setProperties(const Mqtt::Properties &properties)
{
    payloadIndicator = properties.integer(Mqtt::PropertyId::PayloadFormatIndicator).value_or(0) == 1
                               ? PayloadIndicator::Utf8
                               : PayloadIndicator::Unspecified;
    messageExpiryInterval = properties.integer(Mqtt::PropertyId::MessageExpiryInterval).value_or(0);
    contentType = properties.string(Mqtt::PropertyId::ContentType);
    responseTopic = properties.string(Mqtt::PropertyId::ResponseTopic);
    const QByteArray correlation = properties.binary(Mqtt::PropertyId::CorrelationData);
    const bool printable = PayloadFormat::isPrintableUtf8(correlation);
    correlationData =
            printable ? QString::fromUtf8(correlation) : PayloadFormat::toHex(correlation);
    correlationFormat = printable ? CorrelationFormat::Text : CorrelationFormat::Hex;
    userProperties = properties.userProperties();
}

bool CollectionMessage::operator==(const CollectionMessage &other) const
{
    return kind == other.kind && script == other.script && topic == other.topic &&
           payload == other.payload && format == other.format && qos == other.qos &&
           retain == other.retain && contentType == other.contentType &&
           payloadIndicator == other.payloadIndicator &&
           messageExpiryInterval == other.messageExpiryInterval &&
           responseTopic == other.responseTopic && correlationData == other.correlationData &&
           correlationFormat == other.correlationFormat && userProperties == other.userProperties;
}

CollectionNode::CollectionNode(Kind kind, const QString &name) : m_kind(kind), m_name(name) { }

CollectionNode::~CollectionNode() = default;

std::unique_ptr<CollectionNode> CollectionNode::folder(const QString &name)
{
    return std::make_unique<CollectionNode>(Kind::Folder, name);
}

std::unique_ptr<CollectionNode> CollectionNode::entry(const QString &name,
                                                      const CollectionMessage &message)
{
    auto node = std::make_unique<CollectionNode>(Kind::Entry, name);
    node->m_message = message;
    return node;
}

CollectionNode *CollectionNode::child(int row) const
{
    return row >= 0 && row < childCount() ? m_children[size_t(row)].get() : nullptr;
}

int CollectionNode::indexOf(const CollectionNode *child) const
{
    for (size_t i = 0; i < m_children.size(); ++i) {
        if (m_children[i].get() == child)
            return int(i);
    }
    return -1;
}

int CollectionNode::row() const
{
    return m_parent ? m_parent->indexOf(this) : 0;
}

CollectionNode *CollectionNode::insertChild(int row, std::unique_ptr<CollectionNode> child)
{
    Q_ASSERT(isFolder());
    if (row < 0 || row > childCount())
        row = childCount();
    child->m_parent = this;
    CollectionNode *inserted = child.get();
    m_children.insert(m_children.begin() + row, std::move(child));
    return inserted;
}

CollectionNode *CollectionNode::appendChild(std::unique_ptr<CollectionNode> child)
{
    return insertChild(childCount(), std::move(child));
}

std::unique_ptr<CollectionNode> CollectionNode::takeChild(int row)
{
    if (row < 0 || row >= childCount())
        return nullptr;
    std::unique_ptr<CollectionNode> taken = std::move(m_children[size_t(row)]);
    m_children.erase(m_children.begin() + row);
    taken->m_parent = nullptr;
    return taken;
}

bool CollectionNode::contains(const CollectionNode *node) const
{
    for (; node; node = node->m_parent) {
        if (node == this)
            return true;
    }
    return false;
}

QString CollectionNode::path() const
{
    QStringList names;
    for (const CollectionNode *node = this; node && node->m_parent; node = node->m_parent)
        names.prepend(node->m_name);
    return names.join(QStringLiteral(" / "));
}

std::unique_ptr<CollectionNode> CollectionNode::clone() const
{
    auto copy = std::make_unique<CollectionNode>(m_kind, m_name);
    copy->m_message = m_message;
    for (const auto &child : m_children)
        copy->appendChild(child->clone());
    return copy;
}

bool CollectionNode::equals(const CollectionNode &other) const
{
    if (m_kind != other.m_kind || m_name != other.m_name || m_message != other.m_message ||
        m_children.size() != other.m_children.size())
        return false;
    for (size_t i = 0; i < m_children.size(); ++i) {
        if (!m_children[i]->equals(*other.m_children[i]))
            return false;
    }
    return true;
}

Collection::Collection(const QString &name) : m_root(CollectionNode::folder(name)) { }

Collection::Collection(const Collection &other)
    : m_root(other.m_root->clone()), m_environments(other.m_environments)
{ }

Collection &Collection::operator=(const Collection &other)
{
    if (this != &other) {
        m_root = other.m_root->clone();
        m_environments = other.m_environments;
    }
    return *this;
}

Collection::~Collection() = default;

CollectionNode *Collection::find(const QStringList &path) const
{
    CollectionNode *node = m_root.get();
    for (const QString &name : path) {
        CollectionNode *next = nullptr;
        for (int row = 0; row < node->childCount() && !next; ++row) {
            if (node->child(row)->name() == name)
                next = node->child(row);
        }
        if (!next)
            return nullptr;
        node = next;
    }
    return node;
}

bool Collection::operator==(const Collection &other) const
{
    return m_root->equals(*other.m_root) && m_environments == other.m_environments;
}
