// SPDX-License-Identifier: Apache-2.0
// Payload::NodePath: the charts' field paths parsed, printed back, resolved in decoded trees
// (JSON and a Sparkplug B shaped tree), refused with a reason, and made from a row in the tree.
#include "decoded.h"
#include "nodepath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using Payload::Node;
using Payload::NodePath;

namespace {

Node json(const char *text)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text));
    return Node::fromJson(document.isObject() ? QJsonValue(document.object())
                                              : QJsonValue(document.array()));
}

// A Sparkplug B NDATA as the decoder shows it: metrics with name, alias, datatype, value.
Node sparkplug()
{
    Node root = Node::map();
    root.add(QStringLiteral("seq"), Node::scalar(Node::Kind::UnsignedInteger, 4));
    Node metrics = Node::array();
    const auto metric = [](const QString &name, Node value) {
        Node entry = Node::map();
        entry.add(QStringLiteral("name"), Node::scalar(Node::Kind::String, name));
        entry.add(QStringLiteral("alias"), Node::scalar(Node::Kind::UnsignedInteger, 3));
        entry.add(QStringLiteral("value"), std::move(value));
        return entry;
    };
    metrics.add(QStringLiteral("0"),
                metric(QStringLiteral("pressure"), Node::scalar(Node::Kind::Double, 1.5)));
    metrics.add(QStringLiteral("1"),
                metric(QStringLiteral("temperature"), Node::scalar(Node::Kind::Double, 21.5)));
    metrics.add(QStringLiteral("2"), metric(QStringLiteral("Node Control/Rebirth"),
                                            Node::scalar(Node::Kind::Boolean, false)));
    root.add(QStringLiteral("metrics"), std::move(metrics));
    return root;
}

} // namespace

class TestNodePath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolves_data();
    void resolves();
    void refuses_data();
    void refuses();
    void roundTripsItsText_data();
    void roundTripsItsText();
    void pathToARowResolvesToIt();
    void numericPathsListsEveryNumber();
};

void TestNodePath::resolves_data()
{
    QTest::addColumn<Node>("root");
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("expected");

    const Node reading = json(R"({"value": 7, "a": {"b": {"c": -2.25}}, "list": [10, 11, 12],
        "text": " 3.5 ", "on": true, "big": 18446744073709551615, "dotted.name": 9,
        "nested": {"value": 4}})");
    QTest::newRow("field") << reading << "value" << 7.0;
    QTest::newRow("nested fields") << reading << "a.b.c" << -2.25;
    QTest::newRow("index") << reading << "list[2]" << 12.0;
    QTest::newRow("index 0") << reading << "list[0]" << 10.0;
    QTest::newRow("numeric text") << reading << "text" << 3.5;
    QTest::newRow("boolean") << reading << "on" << 1.0;
    QTest::newRow("unsigned 64-bit") << reading << "big" << 18446744073709551615.0;
    QTest::newRow("escaped dot") << reading << "dotted\\.name" << 9.0;
    QTest::newRow("surrounding blanks") << reading << "  a.b.c " << -2.25;
    QTest::newRow("an object with a value stands for it") << reading << "nested" << 4.0;
    QTest::newRow("bracket on a map") << reading << "a[b].c" << -2.25;
    QTest::newRow("array root") << json("[1, 2, 3]") << "[1]" << 2.0;
    QTest::newRow("empty path: a number") << Node::scalar(Node::Kind::Double, 21.5) << "" << 21.5;
    QTest::newRow("empty path: numeric text")
            << Node::scalar(Node::Kind::String, QStringLiteral("21.5")) << "" << 21.5;
    QTest::newRow("empty path: an integer")
            << Node::scalar(Node::Kind::Integer, qint64(-40)) << "" << -40.0;
    QTest::newRow("sparkplug metric by name") << sparkplug() << "metrics[temperature]" << 21.5;
    QTest::newRow("sparkplug metric's value")
            << sparkplug() << "metrics[temperature].value" << 21.5;
    QTest::newRow("sparkplug metric's alias") << sparkplug() << "metrics[pressure].alias" << 3.0;
    QTest::newRow("sparkplug name with a slash")
            << sparkplug() << "metrics[Node Control/Rebirth]" << 0.0;
    QTest::newRow("sparkplug metric by index") << sparkplug() << "metrics[0]" << 1.5;
    QTest::newRow("sparkplug top level") << sparkplug() << "seq" << 4.0;
}

void TestNodePath::resolves()
{
    QFETCH(Node, root);
    QFETCH(QString, path);
    QFETCH(double, expected);
    const NodePath::Parsed parsed = NodePath::parse(path);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
    const NodePath::Resolved resolved = parsed.path.resolve(root);
    QVERIFY2(resolved.number.has_value(), qPrintable(resolved.error));
    QCOMPARE(*resolved.number, expected);
    QCOMPARE(resolved.error, QString());
}

void TestNodePath::refuses_data()
{
    QTest::addColumn<Node>("root");
    QTest::addColumn<QString>("path");
    // In the parse error, or else in the resolve error.
    QTest::addColumn<QString>("reason");

    const Node reading = json(R"({"value": 7, "list": [10, 11], "name": "pump",
        "a": {"b": 1}, "nothing": null})");
    QTest::newRow("unclosed bracket") << reading << "list[1"
                                      << "not closed";
    QTest::newRow("empty brackets") << reading << "list[]"
                                    << "empty brackets";
    QTest::newRow("leading dot") << reading << ".value"
                                 << "starts with \".\"";
    QTest::newRow("double dot") << reading << "a..b"
                                << "name is missing";
    QTest::newRow("trailing dot") << reading << "a."
                                  << "name is missing";
    QTest::newRow("stray closing bracket") << reading << "a]"
                                           << "closes no";
    QTest::newRow("name after bracket") << reading << "list[0]x"
                                        << "expected \".\" or \"[\"";
    QTest::newRow("trailing backslash") << reading << "a\\"
                                        << "backslash";
    QTest::newRow("missing field") << reading << "temperature"
                                   << "the payload has no field \"temperature\"";
    QTest::newRow("missing nested field") << reading << "a.c"
                                          << "a has no field \"c\"";
    QTest::newRow("index out of range") << reading << "list[5]"
                                        << "2 element(s), no [5]";
    QTest::newRow("no element of that name") << reading << "list[pump]"
                                             << "list has no element named \"pump\"";
    QTest::newRow("field of a number") << reading << "value.x"
                                       << "value is the value 7, it has no field";
    QTest::newRow("text that is no number") << reading << "name"
                                            << "the text \"pump\"";
    QTest::newRow("an object") << reading << "a"
                               << "a is an object, not a number";
    QTest::newRow("an array") << reading << "list"
                              << "list is an array, not a number";
    QTest::newRow("null") << reading << "nothing"
                          << "nothing is null";
    QTest::newRow("whole payload not a number")
            << Node::scalar(Node::Kind::String, QStringLiteral("on")) << ""
            << "the payload is the text \"on\", not a number";
    QTest::newRow("sparkplug unknown metric") << sparkplug() << "metrics[humidity]"
                                              << "metrics has no element named \"humidity\"";
}

void TestNodePath::refuses()
{
    QFETCH(Node, root);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    const NodePath::Parsed parsed = NodePath::parse(path);
    if (!parsed.isValid()) {
        QVERIFY2(parsed.error.contains(reason), qPrintable(parsed.error));
        return;
    }
    const NodePath::Resolved resolved = parsed.path.resolve(root);
    QVERIFY(!resolved.number.has_value());
    QVERIFY2(resolved.error.contains(reason), qPrintable(resolved.error));
}

void TestNodePath::roundTripsItsText_data()
{
    QTest::addColumn<QString>("path");
    for (const char *path :
         {"", "value", "a.b.c", "list[2]", "metrics[temperature]",
          "metrics[Node Control/Rebirth].value", "[0].x", "a\\.b[c\\]d]", "back\\\\slash"})
        QTest::newRow(path) << QString::fromUtf8(path);
}

void TestNodePath::roundTripsItsText()
{
    QFETCH(QString, path);
    const NodePath::Parsed parsed = NodePath::parse(path);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
    QCOMPARE(parsed.path.toString(), path);
    QCOMPARE(NodePath::parse(parsed.path.toString()).path, parsed.path);
}

void TestNodePath::pathToARowResolvesToIt()
{
    const Node root = sparkplug();
    // metrics (row 1) → element 1 (temperature) → value (row 2).
    QCOMPARE(NodePath::pathTo(root, {1, 1, 2}).toString(), QStringLiteral("metrics[temperature]"));
    QCOMPARE(NodePath::pathTo(root, {1, 1, 1}).toString(),
             QStringLiteral("metrics[temperature].alias"));
    QCOMPARE(NodePath::pathTo(root, {1, 1}).toString(), QStringLiteral("metrics[temperature]"));
    QCOMPARE(NodePath::pathTo(root, {0}).toString(), QStringLiteral("seq"));

    const Node reading = json(R"({"a.b": {"list": [5, {"value": 6}]}, "value": 1})");
    QCOMPARE(NodePath::pathTo(reading, {0, 0, 1}).toString(), QStringLiteral("a\\.b.list[1]"));
    // An element without a name keeps its .value.
    QCOMPARE(NodePath::pathTo(reading, {0, 0, 1, 0}).toString(),
             QStringLiteral("a\\.b.list[1].value"));
    QCOMPARE(NodePath::pathTo(reading, {1}).toString(), QStringLiteral("value"));
    QCOMPARE(NodePath::parse(QStringLiteral("a\\.b.list[0]")).path.resolve(reading).number, 5.0);

    // Two elements of the same name: by index, which finds each.
    Node twins = Node::array();
    for (int i = 0; i < 2; ++i) {
        Node entry = Node::map();
        entry.add(QStringLiteral("name"), Node::scalar(Node::Kind::String, QStringLiteral("t")));
        entry.add(QStringLiteral("value"), Node::scalar(Node::Kind::Integer, i));
        twins.add(QString::number(i), std::move(entry));
    }
    QCOMPARE(NodePath::pathTo(twins, {0, 1}).toString(), QStringLiteral("[t]"));
    QCOMPARE(NodePath::pathTo(twins, {1, 1}).toString(), QStringLiteral("[1].value"));
}

void TestNodePath::numericPathsListsEveryNumber()
{
    QStringList paths;
    for (const NodePath &path : NodePath::numericPaths(sparkplug()))
        paths << path.toString();
    QCOMPARE(paths,
             QStringList({"seq", "metrics[pressure].alias", "metrics[pressure]",
                          "metrics[temperature].alias", "metrics[temperature]",
                          "metrics[Node Control/Rebirth].alias", "metrics[Node Control/Rebirth]"}));
    // Each resolves to a number.
    for (const QString &path : paths)
        QVERIFY(NodePath::parse(path).path.resolve(sparkplug()).number.has_value());

    QStringList json;
    for (const NodePath &path : NodePath::numericPaths(::json(R"({"celsius": 21.5, "id": "x"})")))
        json << path.toString();
    QCOMPARE(json, QStringList{"celsius"});
    QCOMPARE(NodePath::numericPaths(Node::scalar(Node::Kind::Double, 1.0)).size(), 1);
    QVERIFY(NodePath::numericPaths(Node::scalar(Node::Kind::Double, 1.0)).first().isEmpty());
    QCOMPARE(NodePath::numericPaths(::json("[1, 2, 3, 4]"), 2).size(), 2); // the limit
}

QTEST_GUILESS_MAIN(TestNodePath)
#include "tst_nodepath.moc"
