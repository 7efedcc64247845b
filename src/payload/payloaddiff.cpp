// SPDX-License-Identifier: Apache-2.0
#include "payloaddiff.h"

#include "payloadformat.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringView>

#include <dtl/dtl.hpp>

#include <cmath>
#include <vector>

namespace PayloadDiff {

using Payload::Node;

namespace {

// What the diff compares: integers and doubles are one kind, numbers.
enum class ValueKind { Null, Boolean, Number, String, Bytes, Object, Array };

ValueKind valueKind(const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Null:
        return ValueKind::Null;
    case Node::Kind::Boolean:
        return ValueKind::Boolean;
    case Node::Kind::Integer:
    case Node::Kind::UnsignedInteger:
    case Node::Kind::Double:
        return ValueKind::Number;
    case Node::Kind::String:
        return ValueKind::String;
    case Node::Kind::Bytes:
        return ValueKind::Bytes;
    case Node::Kind::Map:
        return ValueKind::Object;
    case Node::Kind::Array:
        return ValueKind::Array;
    }
    return ValueKind::Null;
}

bool numbersEqual(const Node &a, const Node &b)
{
    const bool aDouble = a.kind == Node::Kind::Double;
    const bool bDouble = b.kind == Node::Kind::Double;
    if (aDouble || bDouble) {
        const double x = a.value.toDouble();
        const double y = b.value.toDouble();
        return x == y || (std::isnan(x) && std::isnan(y));
    }
    // Integers exactly, signed and unsigned alike (-1 is not 2^64 - 1).
    if (a.kind == b.kind)
        return a.kind == Node::Kind::Integer ? a.value.toLongLong() == b.value.toLongLong()
                                             : a.value.toULongLong() == b.value.toULongLong();
    const Node &signedNode = a.kind == Node::Kind::Integer ? a : b;
    const Node &unsignedNode = a.kind == Node::Kind::Integer ? b : a;
    const qint64 number = signedNode.value.toLongLong();
    return number >= 0 && quint64(number) == unsignedNode.value.toULongLong();
}

// Same kind of scalar, same value.
bool scalarsEqual(const Node &a, const Node &b)
{
    switch (valueKind(a)) {
    case ValueKind::Null:
        return true;
    case ValueKind::Boolean:
        return a.value.toBool() == b.value.toBool();
    case ValueKind::Number:
        return numbersEqual(a, b);
    case ValueKind::String:
        return a.value.toString() == b.value.toString();
    case ValueKind::Bytes:
        return a.value.toByteArray() == b.value.toByteArray();
    case ValueKind::Object:
    case ValueKind::Array:
        break;
    }
    return false;
}

bool needsQuotes(const QString &key)
{
    if (key.isEmpty())
        return true;
    for (const QChar c : key) {
        if (c == QLatin1Char('.') || c == QLatin1Char('[') || c == QLatin1Char(']') ||
            c == QLatin1Char('"') || c.isSpace() || c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

class TreeDiffer
{
public:
    TreeDiffer(TreeDiff &out, qsizetype maximum) : m_out(out), m_maximum(maximum) { }

    void compare(const Node &oldNode, const Node &newNode)
    {
        const ValueKind oldKind = valueKind(oldNode);
        if (oldKind != valueKind(newNode)) {
            add(ChangeKind::TypeChanged, oldNode, newNode);
            return;
        }
        switch (oldKind) {
        case ValueKind::Object:
            compareObjects(oldNode, newNode);
            return;
        case ValueKind::Array:
            compareArrays(oldNode, newNode);
            return;
        default:
            if (!scalarsEqual(oldNode, newNode))
                add(ChangeKind::Changed, oldNode, newNode);
            return;
        }
    }

private:
    // One step of the path from the root: a key, or an index when key is null.
    struct Step
    {
        const QString *key = nullptr;
        qsizetype index = 0;
    };

    void compareObjects(const Node &oldNode, const Node &newNode)
    {
        const QList<Node> &oldChildren = oldNode.children;
        const QList<Node> &newChildren = newNode.children;
        // The common case first: the same keys in the same order pair by position.
        qsizetype same = 0;
        while (same < oldChildren.size() && same < newChildren.size() &&
               oldChildren.at(same).name == newChildren.at(same).name)
            ++same;
        if (same == oldChildren.size() && same == newChildren.size()) {
            for (const Node &child : oldChildren) {
                m_path.push_back(Step{&child.name, 0});
                compare(child, newChildren.at(&child - oldChildren.constData()));
                m_path.pop_back();
            }
            return;
        }
        // Each key's occurrences in the new object, in order: the nth "x" of the old object
        // pairs with the nth "x" of the new one.
        QHash<QString, QList<qsizetype>> newPositions;
        for (qsizetype i = 0; i < newChildren.size(); ++i)
            newPositions[newChildren.at(i).name].append(i);
        std::vector<bool> paired(size_t(newChildren.size()), false);
        QHash<QString, qsizetype> seen;
        for (const Node &oldChild : oldChildren) {
            const qsizetype occurrence = seen[oldChild.name]++;
            const QList<qsizetype> positions = newPositions.value(oldChild.name);
            m_path.push_back(Step{&oldChild.name, 0});
            if (occurrence < positions.size()) {
                const qsizetype position = positions.at(occurrence);
                paired[size_t(position)] = true;
                compare(oldChild, newChildren.at(position));
            } else {
                add(ChangeKind::Removed, oldChild, Node());
            }
            m_path.pop_back();
        }
        for (qsizetype i = 0; i < newChildren.size(); ++i) {
            if (!paired[size_t(i)]) {
                m_path.push_back(Step{&newChildren.at(i).name, 0});
                add(ChangeKind::Added, Node(), newChildren.at(i));
                m_path.pop_back();
            }
        }
    }

    void compareArrays(const Node &oldNode, const Node &newNode)
    {
        const qsizetype common = qMin(oldNode.children.size(), newNode.children.size());
        const auto at = [this](qsizetype index, const auto &step) {
            m_path.push_back(Step{nullptr, index});
            step();
            m_path.pop_back();
        };
        for (qsizetype i = 0; i < common; ++i)
            at(i, [&] { compare(oldNode.children.at(i), newNode.children.at(i)); });
        for (qsizetype i = common; i < oldNode.children.size(); ++i)
            at(i, [&] { add(ChangeKind::Removed, oldNode.children.at(i), Node()); });
        for (qsizetype i = common; i < newNode.children.size(); ++i)
            at(i, [&] { add(ChangeKind::Added, Node(), newNode.children.at(i)); });
    }

    // The path is written only for a change: most values are equal.
    QString pathText() const
    {
        QString path;
        for (const Step &step : m_path) {
            if (!step.key)
                path += QLatin1Char('[') + QString::number(step.index) + QLatin1Char(']');
            else if (path.isEmpty() || needsQuotes(*step.key))
                path += pathKey(*step.key);
            else
                path += QLatin1Char('.') + *step.key;
        }
        return path;
    }

    void add(ChangeKind kind, const Node &oldValue, const Node &newValue)
    {
        ++m_out.totalChanges;
        if (m_out.changes.size() >= m_maximum) {
            m_out.truncated = true;
            return;
        }
        m_out.changes.append(Change{kind, pathText(), oldValue, newValue});
    }

    TreeDiff &m_out;
    qsizetype m_maximum;
    std::vector<Step> m_path;
};

QString cut(QString text, int maxCharacters)
{
    if (maxCharacters > 0 && text.size() > maxCharacters) {
        text.truncate(maxCharacters - 1);
        text += QChar(0x2026); // …
    }
    return text;
}

// The text's lines: "\n" ends a line, a "\r" before it is dropped; a final newline does not
// start another line.
QList<QStringView> splitLines(const QString &text)
{
    QList<QStringView> lines;
    const QStringView view(text);
    qsizetype start = 0;
    while (start < view.size()) {
        qsizetype end = view.indexOf(QLatin1Char('\n'), start);
        const qsizetype next = end < 0 ? view.size() : end + 1;
        if (end < 0)
            end = view.size();
        QStringView line = view.mid(start, end - start);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        lines.append(line);
        start = next;
    }
    return lines;
}

// Common lines shown before the first difference when the texts are too large to diff.
constexpr int FirstDifferenceContext = 3;

} // namespace

bool Change::operator==(const Change &other) const
{
    return kind == other.kind && path == other.path &&
           (kind == ChangeKind::Added || oldValue.toJson() == other.oldValue.toJson()) &&
           (kind == ChangeKind::Removed || newValue.toJson() == other.newValue.toJson());
}

QString valueKindName(const Node &node)
{
    switch (valueKind(node)) {
    case ValueKind::Null:
        return QStringLiteral("null");
    case ValueKind::Boolean:
        return QStringLiteral("boolean");
    case ValueKind::Number:
        return QStringLiteral("number");
    case ValueKind::String:
        return QStringLiteral("string");
    case ValueKind::Bytes:
        return QStringLiteral("bytes");
    case ValueKind::Object:
        return QStringLiteral("object");
    case ValueKind::Array:
        return QStringLiteral("array");
    }
    return QString();
}

QString valueText(const Node &node, int maxCharacters)
{
    switch (node.kind) {
    case Node::Kind::String: {
        // A JSON string: quoted and escaped, so "42" reads apart from 42.
        const QByteArray array =
                QJsonDocument(QJsonArray{node.value.toString()}).toJson(QJsonDocument::Compact);
        return cut(QString::fromUtf8(array.mid(1, array.size() - 2)), maxCharacters);
    }
    case Node::Kind::Bytes:
        return cut(QStringLiteral("h'%1'").arg(PayloadFormat::toHex(node.value.toByteArray())),
                   maxCharacters);
    case Node::Kind::Map:
        return cut(QString::fromUtf8(
                           QJsonDocument(node.toJson().toObject()).toJson(QJsonDocument::Compact)),
                   maxCharacters);
    case Node::Kind::Array:
        return cut(QString::fromUtf8(
                           QJsonDocument(node.toJson().toArray()).toJson(QJsonDocument::Compact)),
                   maxCharacters);
    default:
        return cut(node.displayText(), maxCharacters);
    }
}

QString pathKey(const QString &key)
{
    if (!needsQuotes(key))
        return key;
    const QByteArray array = QJsonDocument(QJsonArray{key}).toJson(QJsonDocument::Compact);
    return QLatin1Char('[') + QString::fromUtf8(array.mid(1, array.size() - 2)) + QLatin1Char(']');
}

TreeDiff diffTrees(const Node &oldRoot, const Node &newRoot, qsizetype maximumChanges)
{
    TreeDiff diff;
    TreeDiffer(diff, maximumChanges).compare(oldRoot, newRoot);
    return diff;
}

LineDiff diffLines(const QString &oldText, const QString &newText, int maximumLines)
{
    LineDiff diff;
    const QList<QStringView> oldLines = splitLines(oldText);
    const QList<QStringView> newLines = splitLines(newText);
    const qsizetype oldCount = oldLines.size();
    const qsizetype newCount = newLines.size();
    const auto common = [&diff](qsizetype oldIndex, qsizetype newIndex, QStringView text) {
        diff.lines.append(
                Line{LineKind::Common, int(oldIndex + 1), int(newIndex + 1), text.toString()});
    };
    const auto removed = [&diff](qsizetype oldIndex, QStringView text) {
        diff.lines.append(Line{LineKind::Removed, int(oldIndex + 1), 0, text.toString()});
        ++diff.removedCount;
    };
    const auto added = [&diff](qsizetype newIndex, QStringView text) {
        diff.lines.append(Line{LineKind::Added, 0, int(newIndex + 1), text.toString()});
        ++diff.addedCount;
    };

    // The common first and last lines need no diff.
    qsizetype prefix = 0;
    while (prefix < oldCount && prefix < newCount && oldLines.at(prefix) == newLines.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < oldCount - prefix && suffix < newCount - prefix &&
           oldLines.at(oldCount - 1 - suffix) == newLines.at(newCount - 1 - suffix))
        ++suffix;
    const qsizetype oldMiddle = oldCount - prefix - suffix;
    const qsizetype newMiddle = newCount - prefix - suffix;

    if (qMax(oldMiddle, newMiddle) > maximumLines) {
        // Too costly: the first difference, after a few lines of context.
        diff.tooLarge = true;
        for (qsizetype i = qMax<qsizetype>(0, prefix - FirstDifferenceContext); i < prefix; ++i)
            common(i, i, oldLines.at(i));
        if (prefix < oldCount)
            removed(prefix, oldLines.at(prefix));
        if (prefix < newCount)
            added(prefix, newLines.at(prefix));
        return diff;
    }

    for (qsizetype i = 0; i < prefix; ++i)
        common(i, i, oldLines.at(i));
    if (oldMiddle == 0 || newMiddle == 0) {
        for (qsizetype i = prefix; i < prefix + oldMiddle; ++i)
            removed(i, oldLines.at(i));
        for (qsizetype i = prefix; i < prefix + newMiddle; ++i)
            added(i, newLines.at(i));
    } else {
        // Lines as numbers (equal lines, equal numbers) for the edit script.
        QHash<QStringView, int> numbers;
        const auto numbered = [&numbers](const QList<QStringView> &lines, qsizetype from,
                                         qsizetype count) {
            std::vector<int> sequence;
            sequence.reserve(size_t(count));
            for (qsizetype i = from; i < from + count; ++i) {
                auto found = numbers.constFind(lines.at(i));
                if (found == numbers.constEnd())
                    found = numbers.insert(lines.at(i), int(numbers.size()));
                sequence.push_back(found.value());
            }
            return sequence;
        };
        const std::vector<int> a = numbered(oldLines, prefix, oldMiddle);
        const std::vector<int> b = numbered(newLines, prefix, newMiddle);
        // Deletions first: a changed line reads as the old one, then the new one.
        dtl::Diff<int, std::vector<int>> script(a, b, true);
        script.compose();
        for (const auto &[element, info] : script.getSes().getSequence()) {
            Q_UNUSED(element);
            // dtl's indexes are 1-based within the middle part.
            const qsizetype oldIndex = prefix + qsizetype(info.beforeIdx) - 1;
            const qsizetype newIndex = prefix + qsizetype(info.afterIdx) - 1;
            switch (info.type) {
            case dtl::SES_COMMON:
                common(oldIndex, newIndex, oldLines.at(oldIndex));
                break;
            case dtl::SES_DELETE:
                removed(oldIndex, oldLines.at(oldIndex));
                break;
            case dtl::SES_ADD:
                added(newIndex, newLines.at(newIndex));
                break;
            }
        }
    }
    for (qsizetype i = 0; i < suffix; ++i)
        common(oldCount - suffix + i, newCount - suffix + i, oldLines.at(oldCount - suffix + i));
    return diff;
}

ByteDiff diffBytes(QByteArrayView oldBytes, QByteArrayView newBytes, qsizetype maximumRanges)
{
    ByteDiff diff;
    diff.oldSize = oldBytes.size();
    diff.newSize = newBytes.size();
    const auto addRange = [&diff, maximumRanges](const ByteRange &range) {
        if (diff.ranges.size() >= maximumRanges) {
            diff.truncated = true;
            return;
        }
        diff.ranges.append(range);
    };
    const qsizetype common = qMin(oldBytes.size(), newBytes.size());
    const char *oldData = oldBytes.data();
    const char *newData = newBytes.data();
    qsizetype i = 0;
    while (i < common) {
        if (oldData[i] == newData[i]) {
            ++i;
            continue;
        }
        // A run of differing bytes, joined with the next run across a short equal gap.
        ByteRange range{ChangeKind::Changed, i, 0};
        qsizetype end = i;
        while (i < common) {
            if (oldData[i] != newData[i]) {
                ++diff.differingBytes;
                end = ++i;
            } else if (i - end + 1 < ByteRangeJoinGap) {
                ++i;
            } else {
                break;
            }
        }
        range.length = end - range.offset;
        addRange(range);
    }
    if (oldBytes.size() != newBytes.size()) {
        const qsizetype tail = qAbs(oldBytes.size() - newBytes.size());
        diff.differingBytes += tail;
        addRange(ByteRange{newBytes.size() > oldBytes.size() ? ChangeKind::Added
                                                             : ChangeKind::Removed,
                           common, tail});
    }
    return diff;
}

bool Result::isEqual() const
{
    switch (mode) {
    case Mode::Tree:
        return tree.isEqual();
    case Mode::Lines:
        return lines.isEqual();
    case Mode::Bytes:
        return bytes.isEqual();
    }
    return false;
}

bool isTree(const Payload::DecodeResult *decoded)
{
    if (!decoded || !decoded->isValid())
        return false;
    switch (decoded->decoder) {
    case Payload::Decoder::Text:
    case Payload::Decoder::Hex:
    case Payload::Decoder::Base64:
        return false;
    default:
        return true;
    }
}

namespace {

// The side's tree: its decoded result, or, when it was not decoded at all, its JSON object or
// array.
std::optional<Node> treeOf(const Side &side)
{
    if (isTree(side.decoded))
        return side.decoded->root;
    if (side.decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(side.payload, &error);
    if (error.error != QJsonParseError::NoError)
        return std::nullopt;
    return Node::fromJson(document.isArray() ? QJsonValue(document.array())
                                             : QJsonValue(document.object()));
}

} // namespace

Result diffPayloads(const Side &oldSide, const Side &newSide)
{
    Result result;
    const std::optional<Node> oldTree = treeOf(oldSide);
    const std::optional<Node> newTree = oldTree ? treeOf(newSide) : std::nullopt;
    if (oldTree && newTree) {
        result.mode = Mode::Tree;
        result.tree = diffTrees(*oldTree, *newTree);
    } else if (PayloadFormat::isPrintableUtf8(oldSide.payload) &&
               PayloadFormat::isPrintableUtf8(newSide.payload)) {
        result.mode = Mode::Lines;
        result.lines =
                diffLines(QString::fromUtf8(oldSide.payload), QString::fromUtf8(newSide.payload));
    } else {
        result.mode = Mode::Bytes;
        result.bytes = diffBytes(oldSide.payload, newSide.payload);
    }
    return result;
}

} // namespace PayloadDiff
