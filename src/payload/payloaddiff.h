// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoded.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

// Differences between two payloads: between decoded trees (paths added, removed, changed),
// between lines of text, or between bytes. Pure functions over values; the window shows their
// results (ui/diffview). Every result is bounded, however large the payloads.
namespace PayloadDiff {
Q_NAMESPACE

// ---- Trees --------------------------------------------------------------------------------

// What became of one value. TypeChanged: the kind of value differs (a number became a string,
// an object an array); integers and doubles are both numbers, compared by value (1 == 1.0).
enum class ChangeKind { Added, Removed, Changed, TypeChanged };
Q_ENUM_NS(ChangeKind)

struct Change
{
    ChangeKind kind = ChangeKind::Changed;
    // Where: "a.b[2].c"; empty for the root. Keys that are empty or hold '.', '[', ']', '"' or
    // white space are written quoted in brackets as JSON strings: a["b.c"]["x y"].
    QString path;
    // The values; oldValue is meaningless for Added, newValue for Removed.
    Payload::Node oldValue;
    Payload::Node newValue;

    bool operator==(const Change &other) const;
};

struct TreeDiff
{
    QList<Change> changes; // in document order: the old tree's keys first, then new keys
    // More changes than the limit: the first ones are listed, the rest counted only.
    bool truncated = false;
    qsizetype totalChanges = 0;

    bool isEqual() const { return totalChanges == 0; }
};

// The value kind's name as the diff compares it: "null", "boolean", "number", "string",
// "bytes", "object", "array".
QString valueKindName(const Payload::Node &node);
// A value on one line for a table cell: JSON (strings quoted, objects and arrays compact),
// bytes as lowercase hex with a "h'…'" wrapper, cut with an ellipsis after maxCharacters.
QString valueText(const Payload::Node &node, int maxCharacters = 200);
// One key of a path as diffTrees() writes it: "b" after a dot, or ["b.c"].
QString pathKey(const QString &key);

constexpr qsizetype DefaultMaximumChanges = 10000;

// Maps (objects) are compared by key (a repeated key, as CBOR allows, by its occurrence), arrays
// by index: element i with element i, the longer array's tail added or removed. Equal trees
// give no change.
TreeDiff diffTrees(const Payload::Node &oldRoot, const Payload::Node &newRoot,
                   qsizetype maximumChanges = DefaultMaximumChanges);

// ---- Lines of text ------------------------------------------------------------------------

enum class LineKind { Common, Removed, Added };
Q_ENUM_NS(LineKind)

struct Line
{
    LineKind kind = LineKind::Common;
    int oldNumber = 0; // 1-based line in the old text; 0 for an added line
    int newNumber = 0; // 1-based line in the new text; 0 for a removed line
    QString text;
};

struct LineDiff
{
    // Every line of both texts in order (a removed line before the line added in its place),
    // or, when tooLarge, a few common lines and then the first difference.
    QList<Line> lines;
    // The texts differ in too many lines to diff line by line within the limit: lines stops at
    // the first difference (its line in each text, a removed and an added line), and the counts
    // below count only those.
    bool tooLarge = false;
    int addedCount = 0;
    int removedCount = 0;

    bool isEqual() const { return !tooLarge && addedCount == 0 && removedCount == 0; }
};

// Lines compared after the common first and last lines are set aside; past this many lines
// left in either text, the diff gives up (the cost grows with lines times differences).
constexpr int DefaultMaximumDiffLines = 20000;

// A shortest edit script (Wu, Manber and Myers' O(NP) algorithm, dtl's implementation) over
// the lines; "\n" and "\r\n" end lines, a missing last newline is not a difference.
LineDiff diffLines(const QString &oldText, const QString &newText,
                   int maximumLines = DefaultMaximumDiffLines);

// ---- Bytes --------------------------------------------------------------------------------

// A run of differing bytes. Bytes are compared at the same offsets (no alignment): a range
// where both payloads have bytes is Changed, the longer payload's tail Added or Removed.
struct ByteRange
{
    ChangeKind kind = ChangeKind::Changed;
    qsizetype offset = 0;
    qsizetype length = 0;
};

struct ByteDiff
{
    QList<ByteRange> ranges;
    bool truncated = false; // more ranges than the limit; the first ones are listed
    qsizetype differingBytes = 0; // in all ranges, listed or not
    qsizetype oldSize = 0;
    qsizetype newSize = 0;

    bool isEqual() const { return differingBytes == 0; }
};

// Differing runs closer than this many equal bytes are one range (easier to read).
constexpr qsizetype ByteRangeJoinGap = 4;
constexpr qsizetype DefaultMaximumByteRanges = 1000;

ByteDiff diffBytes(QByteArrayView oldBytes, QByteArrayView newBytes,
                   qsizetype maximumRanges = DefaultMaximumByteRanges);

// ---- Payloads -----------------------------------------------------------------------------

enum class Mode { Tree, Lines, Bytes };
Q_ENUM_NS(Mode)

// One side: the payload and, when it was decoded, the decoder's result (nullptr: not decoded).
struct Side
{
    QByteArray payload;
    const Payload::DecodeResult *decoded = nullptr;
};

struct Result
{
    Mode mode = Mode::Bytes;
    TreeDiff tree; // Mode::Tree
    LineDiff lines; // Mode::Lines
    ByteDiff bytes; // Mode::Bytes

    bool isEqual() const;
};

// Whether a decoded result is a tree worth comparing as one: a valid decode by a structured
// decoder (JSON, CBOR, MessagePack, Protobuf, Sparkplug B, numbers), not text, hex or Base64.
bool isTree(const Payload::DecodeResult *decoded);

// Chooses the comparison: both sides decoded to trees → Tree; both printable UTF-8 text → Lines;
// else Bytes.
Result diffPayloads(const Side &oldSide, const Side &newSide);

} // namespace PayloadDiff
