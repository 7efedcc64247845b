// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Payload {

// A field of a decoded payload, as the charts name it: `value`, `a.b.c`, `list[2]`, or
// `metrics[temperature]` (the element of the array `metrics` whose `name` child is
// "temperature", as Sparkplug B lists its metrics). An element that ends the path and holds a
// `value` child stands for that child, so `metrics[temperature]` is the metric's value. The
// empty path is the whole payload (a plain number such as "21.5"). A backslash escapes `.`,
// `[`, `]` and itself in a name.
class NodePath
{
public:
    struct Segment
    {
        enum class Kind {
            Field, // .name (or the first name): the child of that name
            Bracket, // [text]: an index into an array, or the element whose `name` is text
        };
        Kind kind = Kind::Field;
        QString text;

        bool operator==(const Segment &other) const
        {
            return kind == other.kind && text == other.text;
        }
    };

    struct Parsed;
    // What a node resolves to: the node and its number, or why not.
    struct Resolved
    {
        const Node *node = nullptr;
        std::optional<double> number;
        QString error;
    };

    NodePath() = default;
    static Parsed parse(const QString &text);

    bool isEmpty() const { return m_segments.isEmpty(); }
    const QList<Segment> &segments() const { return m_segments; }
    // The path as parse() reads it.
    QString toString() const;

    // The node the path names in root, and its value as a number: integers, doubles, booleans
    // (0 and 1) and text that reads as a number ("21.5"). The error names the segment that
    // does not resolve or why the value is not a number.
    Resolved resolve(const Node &root) const;

    // The path of the node reached from root by these child rows (each an index into the
    // children of the node before), in the shortest form that resolves to it: an array
    // element with a text `name` child as [name], else [row]; a trailing `value` of such an
    // element left out.
    static NodePath pathTo(const Node &root, const QList<int> &rows);
    // Every field of root that resolves to a number, in tree order, at most limit of them.
    static QList<NodePath> numericPaths(const Node &root, int limit = 200);
    // The node as a number, as resolve() reads it.
    static std::optional<double> numberOf(const Node &node);

    bool operator==(const NodePath &other) const { return m_segments == other.m_segments; }

private:
    QList<Segment> m_segments;
};

struct NodePath::Parsed
{
    NodePath path;
    QString error; // empty when the text is a path

    bool isValid() const { return error.isEmpty(); }
};

} // namespace Payload
