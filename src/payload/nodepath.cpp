// SPDX-License-Identifier: Apache-2.0
#include "nodepath.h"

#include <QCoreApplication>

namespace Payload {

namespace {

bool isSpecial(QChar c)
{
    return c == QLatin1Char('.') || c == QLatin1Char('[') || c == QLatin1Char(']') ||
           c == QLatin1Char('\\');
}

QString escaped(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (isSpecial(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

bool isIndex(const QString &text)
{
    if (text.isEmpty() || text.size() > 9)
        return false;
    for (const QChar c : text) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

const Node *childNamed(const Node &node, const QString &name)
{
    for (const Node &child : node.children) {
        if (child.name == name)
            return &child;
    }
    return nullptr;
}

// The text of an element's `name` child, or a null string.
QString elementName(const Node &element)
{
    if (element.kind != Node::Kind::Map)
        return QString();
    const Node *name = childNamed(element, QStringLiteral("name"));
    return name && name->kind == Node::Kind::String ? name->value.toString() : QString();
}

const Node *elementNamed(const Node &array, const QString &name)
{
    for (const Node &element : array.children) {
        if (elementName(element) == name)
            return &element;
    }
    return nullptr;
}

QString kindText(const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Null:
        return QCoreApplication::translate("Payload", "null");
    case Node::Kind::String:
        return QCoreApplication::translate("Payload", "the text \"%1\"")
                .arg(node.value.toString().left(40));
    case Node::Kind::Bytes:
        return QCoreApplication::translate("Payload", "bytes");
    case Node::Kind::Map:
        return QCoreApplication::translate("Payload", "an object");
    case Node::Kind::Array:
        return QCoreApplication::translate("Payload", "an array");
    default:
        return QCoreApplication::translate("Payload", "the value %1").arg(node.displayText());
    }
}

} // namespace

NodePath::Parsed NodePath::parse(const QString &text)
{
    Parsed parsed;
    const QString trimmed = text.trimmed();
    QList<Segment> segments;
    qsizetype at = 0;
    const qsizetype size = trimmed.size();
    // Reads a name or a bracket's text up to an unescaped stop character.
    const auto readUntil = [&](auto isStop, QString *out) -> bool {
        while (at < size && !isStop(trimmed.at(at))) {
            QChar c = trimmed.at(at);
            if (c == QLatin1Char('\\')) {
                if (at + 1 >= size) {
                    parsed.error = QCoreApplication::translate(
                            "Payload", "a backslash ends the path; it escapes the "
                                       "character after it");
                    return false;
                }
                c = trimmed.at(++at);
            }
            out->append(c);
            ++at;
        }
        return true;
    };
    while (at < size) {
        const QChar c = trimmed.at(at);
        Segment segment;
        if (c == QLatin1Char('[')) {
            ++at;
            segment.kind = Segment::Kind::Bracket;
            if (!readUntil([](QChar x) { return x == QLatin1Char(']'); }, &segment.text))
                return parsed;
            if (at >= size) {
                parsed.error = QCoreApplication::translate(
                                       "Payload", "\"[\" at character %1 is not closed with \"]\"")
                                       .arg(trimmed.lastIndexOf(QLatin1Char('[')) + 1);
                return parsed;
            }
            ++at; // the ]
            if (segment.text.isEmpty()) {
                parsed.error =
                        QCoreApplication::translate("Payload", "empty brackets at character %1")
                                .arg(at - 1);
                return parsed;
            }
        } else {
            if (c == QLatin1Char('.')) {
                if (segments.isEmpty()) {
                    parsed.error = QCoreApplication::translate(
                            "Payload", "the path starts with \".\": begin with a name");
                    return parsed;
                }
                ++at;
            } else if (!segments.isEmpty()) {
                parsed.error = QCoreApplication::translate(
                                       "Payload", "expected \".\" or \"[\" at character %1")
                                       .arg(at + 1);
                return parsed;
            }
            const qsizetype start = at;
            if (!readUntil(
                        [](QChar x) {
                            return x == QLatin1Char('.') || x == QLatin1Char('[') ||
                                   x == QLatin1Char(']');
                        },
                        &segment.text))
                return parsed;
            if (at < size && trimmed.at(at) == QLatin1Char(']')) {
                parsed.error = QCoreApplication::translate("Payload",
                                                           "\"]\" at character %1 closes no \"[\"")
                                       .arg(at + 1);
                return parsed;
            }
            if (segment.text.isEmpty()) {
                parsed.error =
                        QCoreApplication::translate("Payload", "a name is missing at character %1")
                                .arg(start + 1);
                return parsed;
            }
        }
        segments.append(segment);
    }
    parsed.path.m_segments = segments;
    return parsed;
}

QString NodePath::toString() const
{
    QString text;
    for (const Segment &segment : m_segments) {
        if (segment.kind == Segment::Kind::Bracket) {
            text += QLatin1Char('[') + escaped(segment.text) + QLatin1Char(']');
        } else {
            if (!text.isEmpty())
                text += QLatin1Char('.');
            text += escaped(segment.text);
        }
    }
    return text;
}

std::optional<double> NodePath::numberOf(const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Boolean:
        return node.value.toBool() ? 1.0 : 0.0;
    case Node::Kind::Integer:
        return double(node.value.toLongLong());
    case Node::Kind::UnsignedInteger:
        return double(node.value.toULongLong());
    case Node::Kind::Double:
        return node.value.toDouble();
    case Node::Kind::String: {
        bool ok = false;
        const double number = node.value.toString().trimmed().toDouble(&ok);
        if (ok)
            return number;
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

NodePath::Resolved NodePath::resolve(const Node &root) const
{
    Resolved resolved;
    const Node *node = &root;
    NodePath reached;
    const auto where = [&reached] {
        return reached.isEmpty() ? QCoreApplication::translate("Payload", "the payload")
                                 : reached.toString();
    };
    for (const Segment &segment : m_segments) {
        if (!node->isContainer()) {
            resolved.error =
                    QCoreApplication::translate("Payload", "%1 is %2, it has no field \"%3\"")
                            .arg(where(), kindText(*node), segment.text);
            return resolved;
        }
        const Node *next = nullptr;
        if (segment.kind == Segment::Kind::Bracket && node->kind == Node::Kind::Array) {
            if (isIndex(segment.text)) {
                const int index = segment.text.toInt();
                if (index >= node->children.size()) {
                    resolved.error =
                            QCoreApplication::translate("Payload", "%1 has %2 element(s), no [%3]")
                                    .arg(where())
                                    .arg(node->children.size())
                                    .arg(index);
                    return resolved;
                }
                next = &node->children.at(index);
            } else {
                next = elementNamed(*node, segment.text);
                if (!next) {
                    resolved.error =
                            QCoreApplication::translate("Payload", "%1 has no element named \"%2\"")
                                    .arg(where(), segment.text);
                    return resolved;
                }
            }
        } else {
            next = childNamed(*node, segment.text);
            if (!next) {
                resolved.error = QCoreApplication::translate("Payload", "%1 has no field \"%2\"")
                                         .arg(where(), segment.text);
                return resolved;
            }
        }
        node = next;
        reached.m_segments.append(segment);
    }
    // An element such as a Sparkplug B metric stands for its value.
    if (node->kind == Node::Kind::Map) {
        if (const Node *value = childNamed(*node, QStringLiteral("value")))
            node = value;
    }
    resolved.node = node;
    resolved.number = numberOf(*node);
    if (!resolved.number)
        resolved.error = QCoreApplication::translate("Payload", "%1 is %2, not a number")
                                 .arg(where(), kindText(*node));
    return resolved;
}

NodePath NodePath::pathTo(const Node &root, const QList<int> &rows)
{
    NodePath path;
    const Node *node = &root;
    bool inNamedElement = false;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const int row = rows.at(i);
        if (row < 0 || row >= node->children.size())
            return path;
        const Node &child = node->children.at(row);
        Segment segment;
        if (node->kind == Node::Kind::Array) {
            segment.kind = Segment::Kind::Bracket;
            const QString name = elementName(child);
            // By its name when that finds this element (and cannot be read as an index).
            if (!name.isEmpty() && !isIndex(name) && elementNamed(*node, name) == &child) {
                segment.text = name;
                inNamedElement = true;
            } else {
                segment.text = QString::number(row);
                inNamedElement = false;
            }
        } else {
            // metrics[temperature] stands for its value.
            if (inNamedElement && i == rows.size() - 1 && child.name == QLatin1String("value"))
                break;
            segment.text = child.name;
            inNamedElement = false;
        }
        path.m_segments.append(segment);
        node = &child;
    }
    return path;
}

QList<NodePath> NodePath::numericPaths(const Node &root, int limit)
{
    QList<NodePath> paths;
    QList<int> rows;
    const auto visit = [&](const auto &self, const Node &node) -> void {
        if (paths.size() >= limit)
            return;
        if (!node.isContainer()) {
            if (numberOf(node))
                paths.append(pathTo(root, rows));
            return;
        }
        for (int row = 0; row < node.children.size(); ++row) {
            rows.append(row);
            self(self, node.children.at(row));
            rows.removeLast();
        }
    };
    visit(visit, root);
    return paths;
}

} // namespace Payload
