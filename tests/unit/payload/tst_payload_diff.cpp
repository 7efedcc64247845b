// SPDX-License-Identifier: Apache-2.0
// PayloadDiff: decoded trees compared by path (maps by key, arrays by index, type changes,
// equal trees), lines of text by edit script (and the fallback past the limit), bytes by
// offset, and the choice among the three.
#include "payloaddiff.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace PayloadDiff;
using Payload::Node;

namespace {

// Any JSON value, scalars too (wrapped in an array to parse).
Node parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + json + ']', &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in the test table: %s", json.constData());
    return Node::fromJson(document.array().at(0));
}

QString kindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("added");
    case ChangeKind::Removed:
        return QStringLiteral("removed");
    case ChangeKind::Changed:
        return QStringLiteral("changed");
    case ChangeKind::TypeChanged:
        return QStringLiteral("type-changed");
    }
    return QString();
}

// One line per change: "changed a.b: 1 -> 2", "added x[2]: 3", "removed y: true".
QString describe(const TreeDiff &diff)
{
    QStringList lines;
    for (const Change &change : diff.changes) {
        const QString path = change.path.isEmpty() ? QStringLiteral("(root)") : change.path;
        QString values;
        switch (change.kind) {
        case ChangeKind::Added:
            values = valueText(change.newValue);
            break;
        case ChangeKind::Removed:
            values = valueText(change.oldValue);
            break;
        case ChangeKind::Changed:
        case ChangeKind::TypeChanged:
            values = valueText(change.oldValue) + QStringLiteral(" -> ") +
                     valueText(change.newValue);
            break;
        }
        lines << QStringLiteral("%1 %2: %3").arg(kindName(change.kind), path, values);
    }
    return lines.join(QLatin1Char('\n'));
}

// " kept", "-removed", "+added", one per line.
QString unified(const LineDiff &diff)
{
    QStringList lines;
    for (const Line &line : diff.lines) {
        const QChar mark =
                line.kind == LineKind::Common
                        ? QLatin1Char(' ')
                        : (line.kind == LineKind::Removed ? QLatin1Char('-') : QLatin1Char('+'));
        lines << mark + line.text;
    }
    return lines.join(QLatin1Char('\n'));
}

// "changed 2+1, added 5+2".
QString describe(const ByteDiff &diff)
{
    QStringList ranges;
    for (const ByteRange &range : diff.ranges)
        ranges << QStringLiteral("%1 %2+%3")
                          .arg(kindName(range.kind))
                          .arg(range.offset)
                          .arg(range.length);
    return ranges.join(QStringLiteral(", "));
}

QString numberedLines(int count, const QString &prefix)
{
    QStringList lines;
    for (int i = 0; i < count; ++i)
        lines << prefix + QString::number(i);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

class tst_PayloadDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void trees_data();
    void trees();
    void repeatedKeysPairByOccurrence();
    void bytesAndLargeIntegers();
    void changesAreBounded();
    void largeTree();
    void pathKeys_data();
    void pathKeys();
    void lines_data();
    void lines();
    void lineNumbers();
    void tooLargeShowsTheFirstDifference();
    void longTextWithOneChangeIsQuick();
    void bytes_data();
    void bytes();
    void byteRangesAreBounded();
    void chooses_data();
    void chooses();
};

void tst_PayloadDiff::trees_data()
{
    QTest::addColumn<QByteArray>("oldJson");
    QTest::addColumn<QByteArray>("newJson");
    QTest::addColumn<QString>("expected"); // describe(); empty: equal

    QTest::newRow("equal objects, keys in another order")
            << QByteArray(R"({"a": 1, "b": {"c": [1, 2]}})")
            << QByteArray(R"({"b": {"c": [1, 2]}, "a": 1})") << QString();
    QTest::newRow("equal empty objects") << QByteArray("{}") << QByteArray("{}") << QString();
    QTest::newRow("equal arrays of objects")
            << QByteArray(R"([{"x": null}, {"y": "z"}])")
            << QByteArray(R"([{"x": null}, {"y": "z"}])") << QString();
    QTest::newRow("integer equals the same double")
            << QByteArray(R"({"v": 1})") << QByteArray(R"({"v": 1.0})") << QString();
    QTest::newRow("nested value changed")
            << QByteArray(R"({"a": {"b": {"c": 1}}, "d": 2})")
            << QByteArray(R"({"a": {"b": {"c": 5}}, "d": 2})") << "changed a.b.c: 1 -> 5";
    QTest::newRow("key added and key removed")
            << QByteArray(R"({"keep": 1, "gone": true})")
            << QByteArray(R"({"keep": 1, "new": [1]})") << "removed gone: true\nadded new: [1]";
    QTest::newRow("nested object added")
            << QByteArray(R"({"a": {}})") << QByteArray(R"({"a": {"b": {"c": 1}}})")
            << R"(added a.b: {"c":1})";
    QTest::newRow("array grown") << QByteArray(R"({"x": [1, 2]})")
                                 << QByteArray(R"({"x": [1, 2, 3, 4]})")
                                 << "added x[2]: 3\nadded x[3]: 4";
    QTest::newRow("array shrunk") << QByteArray(R"({"x": [1, 2, 3]})")
                                  << QByteArray(R"({"x": [1]})")
                                  << "removed x[1]: 2\nremoved x[2]: 3";
    QTest::newRow("array compared by index, not aligned")
            << QByteArray("[1, 2, 3]") << QByteArray("[0, 1, 2, 3]")
            << "changed [0]: 1 -> 0\nchanged [1]: 2 -> 1\nchanged [2]: 3 -> 2\nadded [3]: 3";
    QTest::newRow("value in an object in an array")
            << QByteArray(R"({"rows": [{"c": 1}, {"c": 2}]})")
            << QByteArray(R"({"rows": [{"c": 1}, {"c": 3}]})") << "changed rows[1].c: 2 -> 3";
    QTest::newRow("array in an array")
            << QByteArray("[[1, 2], [3]]") << QByteArray("[[1, 2], [3, 4]]") << "added [1][1]: 4";
    QTest::newRow("number to string") << QByteArray(R"({"v": 42})") << QByteArray(R"({"v": "42"})")
                                      << R"(type-changed v: 42 -> "42")";
    QTest::newRow("string to number")
            << QByteArray(R"({"v": "21.5"})") << QByteArray(R"({"v": 21.5})")
            << R"(type-changed v: "21.5" -> 21.5)";
    QTest::newRow("null to number") << QByteArray(R"({"v": null})") << QByteArray(R"({"v": 0})")
                                    << "type-changed v: null -> 0";
    QTest::newRow("number to null") << QByteArray(R"({"v": 0})") << QByteArray(R"({"v": null})")
                                    << "type-changed v: 0 -> null";
    QTest::newRow("null stays null")
            << QByteArray(R"({"v": null})") << QByteArray(R"({"v": null})") << QString();
    QTest::newRow("boolean flipped")
            << QByteArray(R"({"on": true})") << QByteArray(R"({"on": false})")
            << "changed on: true -> false";
    QTest::newRow("boolean to string")
            << QByteArray(R"({"on": true})") << QByteArray(R"({"on": "true"})")
            << R"(type-changed on: true -> "true")";
    QTest::newRow("object to array")
            << QByteArray(R"({"a": {"x": 1}})") << QByteArray(R"({"a": [1]})")
            << R"(type-changed a: {"x":1} -> [1])";
    QTest::newRow("string with quotes")
            << QByteArray(R"({"s": "say \"hi\""})") << QByteArray(R"({"s": "say \"bye\""})")
            << R"(changed s: "say \"hi\"" -> "say \"bye\"")";
    QTest::newRow("root number changed")
            << QByteArray("21.5") << QByteArray("22") << "changed (root): 21.5 -> 22";
    QTest::newRow("root string changed") << QByteArray(R"("on")") << QByteArray(R"("off")")
                                         << R"(changed (root): "on" -> "off")";
    QTest::newRow("root scalar equal") << QByteArray("true") << QByteArray("true") << QString();
    QTest::newRow("root object to array") << QByteArray(R"({"a": 1})") << QByteArray("[1]")
                                          << R"(type-changed (root): {"a":1} -> [1])";
    QTest::newRow("root null to object")
            << QByteArray("null") << QByteArray("{}") << "type-changed (root): null -> {}";
    QTest::newRow("key with a dot is quoted")
            << QByteArray(R"({"a.b": 1, "c": {"x y": 1, "[0]": 1}})")
            << QByteArray(R"({"a.b": 2, "c": {"x y": 2, "[0]": 2}})")
            // (QJsonObject orders keys)
            << "changed [\"a.b\"]: 1 -> 2\nchanged c[\"[0]\"]: 1 -> 2\nchanged c[\"x y\"]: 1 -> 2";
    QTest::newRow("empty key") << QByteArray(R"({"": 1})") << QByteArray(R"({"": 2})")
                               << "changed [\"\"]: 1 -> 2";
}

void tst_PayloadDiff::trees()
{
    QFETCH(QByteArray, oldJson);
    QFETCH(QByteArray, newJson);
    QFETCH(QString, expected);
    const TreeDiff diff = diffTrees(parse(oldJson), parse(newJson));
    QCOMPARE(describe(diff), expected);
    QCOMPARE(diff.isEqual(), expected.isEmpty());
    QCOMPARE(diff.totalChanges, diff.changes.size());
    QVERIFY(!diff.truncated);
    // Backwards, every change turns around: added and removed swap, old and new swap.
    const TreeDiff back = diffTrees(parse(newJson), parse(oldJson));
    QCOMPARE(back.changes.size(), diff.changes.size());
    for (const Change &change : diff.changes) {
        const ChangeKind reversed =
                change.kind == ChangeKind::Added
                        ? ChangeKind::Removed
                        : (change.kind == ChangeKind::Removed ? ChangeKind::Added : change.kind);
        const Change expectedBack{reversed, change.path, change.newValue, change.oldValue};
        QVERIFY2(back.changes.contains(expectedBack), qPrintable(change.path));
    }
}

void tst_PayloadDiff::repeatedKeysPairByOccurrence()
{
    // CBOR maps may repeat a key: the nth occurrence pairs with the nth.
    Node oldMap = Node::map();
    oldMap.add(QStringLiteral("k"), Node::scalar(Node::Kind::Integer, 1));
    oldMap.add(QStringLiteral("k"), Node::scalar(Node::Kind::Integer, 2));
    Node newMap = Node::map();
    newMap.add(QStringLiteral("k"), Node::scalar(Node::Kind::Integer, 1));
    newMap.add(QStringLiteral("k"), Node::scalar(Node::Kind::Integer, 3));
    newMap.add(QStringLiteral("k"), Node::scalar(Node::Kind::Integer, 4));
    QCOMPARE(describe(diffTrees(oldMap, newMap)), QStringLiteral("changed k: 2 -> 3\nadded k: 4"));
}

void tst_PayloadDiff::bytesAndLargeIntegers()
{
    Node oldMap = Node::map();
    oldMap.add(QStringLiteral("raw"), Node::scalar(Node::Kind::Bytes, QByteArray("\x01\x02", 2)));
    oldMap.add(QStringLiteral("big"), Node::scalar(Node::Kind::UnsignedInteger, quint64(7)));
    oldMap.add(QStringLiteral("max"),
               Node::scalar(Node::Kind::UnsignedInteger, std::numeric_limits<quint64>::max()));
    oldMap.add(QStringLiteral("nan"), Node::scalar(Node::Kind::Double, qQNaN()));
    Node newMap = Node::map();
    newMap.add(QStringLiteral("raw"), Node::scalar(Node::Kind::Bytes, QByteArray("\x01\x03", 2)));
    // The same seven, signed: equal.
    newMap.add(QStringLiteral("big"), Node::scalar(Node::Kind::Integer, qint64(7)));
    // -1 is not 2^64 - 1.
    newMap.add(QStringLiteral("max"), Node::scalar(Node::Kind::Integer, qint64(-1)));
    newMap.add(QStringLiteral("nan"), Node::scalar(Node::Kind::Double, qQNaN()));
    QCOMPARE(describe(diffTrees(oldMap, newMap)),
             QStringLiteral("changed raw: h'0102' -> h'0103'\n"
                            "changed max: 18446744073709551615 -> -1"));
    // Bytes and a string are different kinds.
    QCOMPARE(diffTrees(Node::scalar(Node::Kind::Bytes, QByteArray("a")),
                       Node::scalar(Node::Kind::String, QStringLiteral("a")))
                     .changes.value(0)
                     .kind,
             ChangeKind::TypeChanged);
    QCOMPARE(valueKindName(Node::scalar(Node::Kind::Bytes, QByteArray())), QStringLiteral("bytes"));
    QCOMPARE(valueKindName(Node::scalar(Node::Kind::Double, 1.5)), QStringLiteral("number"));
    QCOMPARE(valueKindName(Node::array()), QStringLiteral("array"));
}

void tst_PayloadDiff::changesAreBounded()
{
    Node oldArray = Node::array();
    Node newArray = Node::array();
    for (int i = 0; i < 50; ++i) {
        oldArray.add(QString::number(i), Node::scalar(Node::Kind::Integer, i));
        newArray.add(QString::number(i), Node::scalar(Node::Kind::Integer, i + 1));
    }
    const TreeDiff diff = diffTrees(oldArray, newArray, 10);
    QCOMPARE(diff.changes.size(), 10);
    QCOMPARE(diff.totalChanges, 50);
    QVERIFY(diff.truncated);
    QCOMPARE(diff.changes.last().path, QStringLiteral("[9]"));
    // A long value is cut for its cell.
    const QString text =
            valueText(Node::scalar(Node::Kind::String, QString(500, QLatin1Char('x'))), 20);
    QCOMPARE(text.size(), 20);
    QVERIFY(text.endsWith(QChar(0x2026)));
}

void tst_PayloadDiff::largeTree()
{
    // 20,000 readings (60,000 values), every hundredth changed: 200 changes.
    Node oldArray = Node::array();
    Node newArray = Node::array();
    for (int i = 0; i < 20000; ++i) {
        Node reading = Node::map();
        reading.add(QStringLiteral("id"), Node::scalar(Node::Kind::Integer, i));
        reading.add(QStringLiteral("name"),
                    Node::scalar(Node::Kind::String, QStringLiteral("s%1").arg(i)));
        reading.add(QStringLiteral("value"), Node::scalar(Node::Kind::Double, i * 0.5));
        oldArray.add(QString::number(i), reading);
        if (i % 100 == 0)
            reading.children[2].value = i * 0.5 + 1;
        newArray.add(QString::number(i), reading);
    }
    QElapsedTimer timer;
    timer.start();
    const TreeDiff diff = diffTrees(oldArray, newArray);
    qInfo("20,000 objects (60,000 values), 200 changes: %lld ms", qint64(timer.elapsed()));
    QCOMPARE(diff.totalChanges, 200);
    QCOMPARE(diff.changes.at(1).path, QStringLiteral("[100].value"));
}

void tst_PayloadDiff::pathKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("written");
    QTest::newRow("plain") << "temperature"
                           << "temperature";
    QTest::newRow("digits") << "0"
                            << "0";
    QTest::newRow("dash and colon") << "a-b:c"
                                    << "a-b:c";
    QTest::newRow("dot") << "a.b"
                         << "[\"a.b\"]";
    QTest::newRow("brackets") << "x[1]"
                              << "[\"x[1]\"]";
    QTest::newRow("quote") << "say \"hi\""
                           << "[\"say \\\"hi\\\"\"]";
    QTest::newRow("space") << "a b"
                           << "[\"a b\"]";
    QTest::newRow("empty") << ""
                           << "[\"\"]";
    QTest::newRow("chinese") << QStringLiteral("温度") << QStringLiteral("温度");
}

void tst_PayloadDiff::pathKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, written);
    QCOMPARE(pathKey(key), written);
}

void tst_PayloadDiff::lines_data()
{
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<QString>("expected"); // unified()

    QTest::newRow("equal") << "a\nb\n"
                           << "a\nb\n"
                           << " a\n b";
    QTest::newRow("both empty") << ""
                                << "" << QString();
    QTest::newRow("one line changed") << "a\nb\nc\n"
                                      << "a\nB\nc\n"
                                      << " a\n-b\n+B\n c";
    QTest::newRow("line inserted") << "a\nc\n"
                                   << "a\nb\nc\n"
                                   << " a\n+b\n c";
    QTest::newRow("line removed") << "a\nb\nc\n"
                                  << "a\nc\n"
                                  << " a\n-b\n c";
    QTest::newRow("from empty") << ""
                                << "x\ny"
                                << "+x\n+y";
    QTest::newRow("to empty") << "x\ny\n"
                              << ""
                              << "-x\n-y";
    QTest::newRow("CRLF and LF are the same lines") << "a\r\nb\r\n"
                                                    << "a\nb\n"
                                                    << " a\n b";
    QTest::newRow("missing last newline is no difference") << "a\nb"
                                                           << "a\nb\n"
                                                           << " a\n b";
    QTest::newRow("empty line added") << "a\nb"
                                      << "a\n\nb"
                                      << " a\n+\n b";
    QTest::newRow("whole text replaced") << "a\nb\n"
                                         << "c\nd\n"
                                         << "-a\n-b\n+c\n+d";
    QTest::newRow("moved line") << "a\nb\nc\nd\n"
                                << "b\nc\nd\na\n"
                                << "-a\n b\n c\n d\n+a";
    QTest::newRow("changes at both ends") << "x\nm\nn\ny\n"
                                          << "X\nm\nn\nY\n"
                                          << "-x\n+X\n m\n n\n-y\n+Y";
    QTest::newRow("repeated lines") << "a\na\nb\n"
                                    << "a\nb\nb\n"
                                    << " a\n-a\n+b\n b";
}

void tst_PayloadDiff::lines()
{
    QFETCH(QString, oldText);
    QFETCH(QString, newText);
    QFETCH(QString, expected);
    const LineDiff diff = diffLines(oldText, newText);
    QCOMPARE(unified(diff), expected);
    QVERIFY(!diff.tooLarge);
    QCOMPARE(diff.addedCount, int(expected.count(QLatin1String("\n+")) +
                                  (expected.startsWith(QLatin1Char('+')) ? 1 : 0)));
    QCOMPARE(diff.removedCount, int(expected.count(QLatin1String("\n-")) +
                                    (expected.startsWith(QLatin1Char('-')) ? 1 : 0)));
    QCOMPARE(diff.isEqual(), diff.addedCount == 0 && diff.removedCount == 0);
}

void tst_PayloadDiff::lineNumbers()
{
    const LineDiff diff =
            diffLines(QStringLiteral("a\nb\nc\nd\n"), QStringLiteral("a\nx\nc\nd\ne\n"));
    QStringList numbers;
    for (const Line &line : diff.lines)
        numbers << QStringLiteral("%1:%2").arg(line.oldNumber).arg(line.newNumber);
    // a (1,1), -b (2,-), +x (-,2), c (3,3), d (4,4), +e (-,5)
    QCOMPARE(numbers.join(QLatin1Char(' ')), QStringLiteral("1:1 2:0 0:2 3:3 4:4 0:5"));
}

void tst_PayloadDiff::tooLargeShowsTheFirstDifference()
{
    // Ten common lines, then twenty different ones on each side: over a limit of 5.
    const QString common = numberedLines(10, QStringLiteral("same "));
    const LineDiff diff = diffLines(common + numberedLines(20, QStringLiteral("old ")),
                                    common + numberedLines(20, QStringLiteral("new ")), 5);
    QVERIFY(diff.tooLarge);
    QVERIFY(!diff.isEqual());
    QCOMPARE(unified(diff), QStringLiteral(" same 7\n same 8\n same 9\n-old 0\n+new 0"));
    QCOMPARE(diff.lines.at(0).oldNumber, 8);
    QCOMPARE(diff.lines.at(3).oldNumber, 11);
    QCOMPARE(diff.lines.at(4).newNumber, 11);
    // Within the limit, the same texts are diffed line by line.
    const LineDiff full = diffLines(common + numberedLines(20, QStringLiteral("old ")),
                                    common + numberedLines(20, QStringLiteral("new ")), 20);
    QVERIFY(!full.tooLarge);
    QCOMPARE(full.removedCount, 20);
    QCOMPARE(full.addedCount, 20);
    // One side only longer than the limit: the other is empty there.
    const LineDiff grown =
            diffLines(common, common + numberedLines(20, QStringLiteral("more ")), 5);
    QVERIFY(grown.tooLarge);
    QCOMPARE(unified(grown), QStringLiteral(" same 7\n same 8\n same 9\n+more 0"));
}

void tst_PayloadDiff::longTextWithOneChangeIsQuick()
{
    // 200,000 lines, one changed in the middle: the common ends are set aside, never diffed.
    QString oldText = numberedLines(200000, QStringLiteral("line "));
    QString newText = oldText;
    newText.replace(QStringLiteral("\nline 100000\n"), QStringLiteral("\nLINE 100000\n"));
    QElapsedTimer timer;
    timer.start();
    const LineDiff diff = diffLines(oldText, newText);
    QVERIFY(!diff.tooLarge);
    QCOMPARE(diff.removedCount, 1);
    QCOMPARE(diff.addedCount, 1);
    QCOMPARE(diff.lines.size(), 200001);
    QCOMPARE(diff.lines.at(100000).text, QStringLiteral("line 100000"));
    QCOMPARE(diff.lines.at(100001).text, QStringLiteral("LINE 100000"));
    qInfo("200,000 lines, one change: %lld ms", qint64(timer.elapsed()));
    // Scattered changes over 5,000 lines go through the edit script.
    QStringList oldLines;
    QStringList newLines;
    for (int i = 0; i < 5000; ++i) {
        oldLines << QStringLiteral("row %1").arg(i);
        newLines << (i % 50 == 0 ? QStringLiteral("changed %1").arg(i)
                                 : QStringLiteral("row %1").arg(i));
    }
    timer.restart();
    const LineDiff scattered =
            diffLines(oldLines.join(QLatin1Char('\n')), newLines.join(QLatin1Char('\n')));
    QCOMPARE(scattered.removedCount, 100);
    QCOMPARE(scattered.addedCount, 100);
    QCOMPARE(scattered.lines.size(), 5100);
    qInfo("5,000 lines, 100 changes: %lld ms", qint64(timer.elapsed()));
}

void tst_PayloadDiff::bytes_data()
{
    QTest::addColumn<QByteArray>("oldHex");
    QTest::addColumn<QByteArray>("newHex");
    QTest::addColumn<QString>("expected"); // describe()
    QTest::addColumn<int>("differing");

    QTest::newRow("equal") << QByteArray("00ff10") << QByteArray("00ff10") << QString() << 0;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << QString() << 0;
    QTest::newRow("one byte") << QByteArray("00010203") << QByteArray("0001ff03") << "changed 2+1"
                              << 1;
    QTest::newRow("first and last byte")
            << QByteArray("00010203040506070809") << QByteArray("ff0102030405060708ff")
            << "changed 0+1, changed 9+1" << 2;
    QTest::newRow("runs joined across a short gap")
            << QByteArray("0000000000000000") << QByteArray("00ff0000ff000000") << "changed 1+4"
            << 2;
    QTest::newRow("runs apart") << QByteArray("00000000000000000000")
                                << QByteArray("00ff00000000ff000000") << "changed 1+1, changed 6+1"
                                << 2;
    QTest::newRow("new is longer")
            << QByteArray("0102") << QByteArray("01020304") << "added 2+2" << 2;
    QTest::newRow("new is shorter")
            << QByteArray("010203") << QByteArray("01") << "removed 1+2" << 2;
    QTest::newRow("from empty") << QByteArray() << QByteArray("0a0b") << "added 0+2" << 2;
    QTest::newRow("changed and longer")
            << QByteArray("0102") << QByteArray("01ff03") << "changed 1+1, added 2+1" << 2;
}

void tst_PayloadDiff::bytes()
{
    QFETCH(QByteArray, oldHex);
    QFETCH(QByteArray, newHex);
    QFETCH(QString, expected);
    QFETCH(int, differing);
    const ByteDiff diff = diffBytes(QByteArray::fromHex(oldHex), QByteArray::fromHex(newHex));
    QCOMPARE(describe(diff), expected);
    QCOMPARE(diff.differingBytes, differing);
    QCOMPARE(diff.isEqual(), differing == 0);
    QCOMPARE(diff.oldSize, oldHex.size() / 2);
    QCOMPARE(diff.newSize, newHex.size() / 2);
}

void tst_PayloadDiff::byteRangesAreBounded()
{
    // Every eighth byte differs in 1 MB: 131,072 ranges, the first 1,000 listed.
    QByteArray oldBytes(1 << 20, '\0');
    QByteArray newBytes = oldBytes;
    for (qsizetype i = 0; i < newBytes.size(); i += 8)
        newBytes[i] = '\x01';
    const ByteDiff diff = diffBytes(oldBytes, newBytes);
    QVERIFY(diff.truncated);
    QCOMPARE(diff.ranges.size(), DefaultMaximumByteRanges);
    QCOMPARE(diff.differingBytes, (1 << 20) / 8);
    QCOMPARE(diff.ranges.last().offset, (DefaultMaximumByteRanges - 1) * 8);
}

void tst_PayloadDiff::chooses_data()
{
    QTest::addColumn<QByteArray>("oldPayload");
    QTest::addColumn<QByteArray>("newPayload");
    // "none": not decoded; "cbor", "json", "text": decoded by that decoder (the payload's JSON).
    QTest::addColumn<QString>("decodedAs");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<bool>("equal");

    QTest::newRow("JSON objects, not decoded")
            << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 2})") << "none" << Mode::Tree
            << false;
    QTest::newRow("JSON equal but spaced differently")
            << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({ "b": 2, "a": 1 })") << "none"
            << Mode::Tree << true;
    QTest::newRow("decoded CBOR trees") << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 1})")
                                        << "cbor" << Mode::Tree << true;
    QTest::newRow("decoded JSON") << QByteArray(R"([1])") << QByteArray(R"([2])") << "json"
                                  << Mode::Tree << false;
    QTest::newRow("a rule says text") << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 2})")
                                      << "text" << Mode::Lines << false;
    QTest::newRow("text") << QByteArray("on\n") << QByteArray("off\n") << "none" << Mode::Lines
                          << false;
    QTest::newRow("JSON against text")
            << QByteArray(R"({"a": 1})") << QByteArray("oops") << "none" << Mode::Lines << false;
    QTest::newRow("empty payloads")
            << QByteArray() << QByteArray() << "none" << Mode::Lines << true;
    QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3) << QByteArray("\x00\x01\x03", 3)
                            << "none" << Mode::Bytes << false;
    QTest::newRow("text against binary")
            << QByteArray("abc") << QByteArray("\x00\xff", 2) << "none" << Mode::Bytes << false;
}

void tst_PayloadDiff::chooses()
{
    QFETCH(QByteArray, oldPayload);
    QFETCH(QByteArray, newPayload);
    QFETCH(QString, decodedAs);
    QFETCH(Mode, mode);
    QFETCH(bool, equal);
    const auto decode = [&decodedAs](const QByteArray &payload) {
        if (decodedAs == QLatin1String("text"))
            return Payload::DecodeResult::success(
                    Payload::Decoder::Text,
                    Node::scalar(Node::Kind::String, QString::fromUtf8(payload)));
        return Payload::DecodeResult::success(
                *Payload::decoderFromName(decodedAs),
                Node::fromJson(QJsonDocument::fromJson(payload).isArray()
                                       ? QJsonValue(QJsonDocument::fromJson(payload).array())
                                       : QJsonValue(QJsonDocument::fromJson(payload).object())));
    };
    Payload::DecodeResult oldDecoded;
    Payload::DecodeResult newDecoded;
    Side oldSide{oldPayload, nullptr};
    Side newSide{newPayload, nullptr};
    if (decodedAs != QLatin1String("none")) {
        oldDecoded = decode(oldPayload);
        newDecoded = decode(newPayload);
        oldSide.decoded = &oldDecoded;
        newSide.decoded = &newDecoded;
    }
    const Result result = diffPayloads(oldSide, newSide);
    QCOMPARE(result.mode, mode);
    QCOMPARE(result.isEqual(), equal);
}

QTEST_APPLESS_MAIN(tst_PayloadDiff)
#include "tst_payload_diff.moc"
