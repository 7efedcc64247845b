// SPDX-License-Identifier: Apache-2.0
// Decoder specs, rules per topic (first match wins, kept as JSON), and PayloadDecoder: rules
// before guesses, guesses marked, text / JSON / hex / Base64 through it, encoders by spec.
#include "payloaddecoder.h"
#include "textcodecs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <future>

using namespace Payload;

namespace {

// Random JSON text (no repeated keys, integers within 64 bits): nesting, escapes, non-ASCII,
// odd spacing, for the tree walk to be checked against Qt's own reading.
QByteArray randomJson(QRandomGenerator &random, int depth)
{
    const auto space = [&random] {
        static const char *const spaces[] = {"", " ", "\n", "\t ", "\r\n  "};
        return QByteArray(spaces[random.bounded(5)]);
    };
    static const char *const scalars[] = {"0",
                                          "-12",
                                          "3.25",
                                          "1e3",
                                          "-0.5E-2",
                                          "true",
                                          "false",
                                          "null",
                                          "\"\"",
                                          "\"a b\"",
                                          "\"\\u00e9\\n\\\"\"",
                                          "\"\xe4\xb8\xad\"",
                                          "\"\\ud83d\\ude00\"",
                                          "9007199254740993",
                                          "-9223372036854775808",
                                          "\"\\/\\b\\f\\t\""};
    const int kind = depth > 3 ? 2 : random.bounded(3);
    QByteArray out = space();
    if (kind == 2) {
        out += scalars[random.bounded(int(std::size(scalars)))];
    } else {
        const bool object = kind == 0;
        out += object ? '{' : '[';
        const int count = random.bounded(4);
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                out += ',';
            if (object)
                out += space() + "\"k" + QByteArray::number(i) + "\"" + space() + ':';
            out += randomJson(random, depth + 1);
        }
        out += space() + (object ? '}' : ']');
    }
    return out + space();
}

} // namespace

class tst_PayloadRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void specs_data();
    void specs();
    void rules_data();
    void rules();
    void firstMatchWins();
    void rulesAsJson();
    void decoderUsesRulesThenGuesses();
    void textualDecoders();
    void jsonTreeAgreesWithQt();
    void checkNamesMissingProtobufTypes();
    void encodeBySpec();
    void snapshotKeepsTheRulesAndProtosItWasTakenWith();
};

void tst_PayloadRules::specs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("normalised"); // empty: refused
    QTest::newRow("cbor") << "cbor"
                          << "cbor";
    QTest::newRow("upper case") << "MSGPACK"
                                << "msgpack";
    QTest::newRow("protobuf type") << "protobuf:acme.Reading"
                                   << "protobuf:acme.Reading";
    QTest::newRow("numbers") << "numbers:Float32LE"
                             << "numbers:float32le";
    QTest::newRow("sparkplug") << "sparkplug"
                               << "sparkplug";
    QTest::newRow("protobuf without type") << "protobuf"
                                           << "";
    QTest::newRow("protobuf empty type") << "protobuf:"
                                         << "";
    QTest::newRow("numbers bad format") << "numbers:int7"
                                        << "";
    QTest::newRow("type where none belongs") << "cbor:x"
                                             << "";
    QTest::newRow("unknown decoder") << "xml"
                                     << "";
    QTest::newRow("empty") << ""
                           << "";
}

void tst_PayloadRules::specs()
{
    QFETCH(QString, text);
    QFETCH(QString, normalised);
    QString error;
    const std::optional<DecoderSpec> spec = DecoderSpec::fromString(text, &error);
    QCOMPARE(spec.has_value(), !normalised.isEmpty());
    if (spec)
        QCOMPARE(spec->toString(), normalised);
    else
        QVERIFY(!error.isEmpty());
}

void tst_PayloadRules::rules_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("filter"); // empty: refused
    QTest::newRow("wildcards") << "spBv1.0/#=sparkplug"
                               << "spBv1.0/#";
    QTest::newRow("plus") << "fleet/+/reading=protobuf:acme.Reading"
                          << "fleet/+/reading";
    QTest::newRow("equals in the filter") << "a=b/c=json"
                                          << "a=b/c";
    QTest::newRow("no equals") << "fleet/#"
                               << "";
    QTest::newRow("bad filter") << "a/#/b=json"
                                << "";
    QTest::newRow("empty filter") << "=json"
                                  << "";
    QTest::newRow("bad decoder") << "a=xml"
                                 << "";
}

void tst_PayloadRules::rules()
{
    QFETCH(QString, text);
    QFETCH(QString, filter);
    QString error;
    const std::optional<DecodeRule> rule = DecodeRule::fromString(text, &error);
    QCOMPARE(rule.has_value(), !filter.isEmpty());
    if (rule) {
        QCOMPARE(rule->filter, filter);
        QCOMPARE(rule->toString(), text);
    } else {
        QVERIFY(!error.isEmpty());
    }
}

void tst_PayloadRules::firstMatchWins()
{
    DecodeRules rules;
    rules.append(*DecodeRule::fromString(u"fleet/special/reading=json", nullptr));
    rules.append(*DecodeRule::fromString(u"fleet/+/reading=protobuf:acme.Reading", nullptr));
    rules.append(*DecodeRule::fromString(u"#=hex", nullptr));
    QCOMPARE(rules.match(u"fleet/special/reading")->decoder.decoder, Decoder::Json);
    QCOMPARE(rules.match(u"fleet/7/reading")->decoder.decoder, Decoder::Protobuf);
    QCOMPARE(rules.match(u"other")->decoder.decoder, Decoder::Hex);
    // [MQTT-4.7.2-1]: '#' does not match topics starting with '$'.
    QVERIFY(!rules.match(u"$SYS/broker/uptime"));
    QVERIFY(!DecodeRules().match(u"a"));
}

void tst_PayloadRules::rulesAsJson()
{
    DecodeRules rules;
    rules.append(*DecodeRule::fromString(u"spBv1.0/#=sparkplug", nullptr));
    rules.append(*DecodeRule::fromString(u"fleet/+=protobuf:acme.Reading", nullptr));
    const QJsonArray json = rules.toJson();
    QCOMPARE(json.at(1).toObject().value(u"decoder").toString(),
             QStringLiteral("protobuf:acme.Reading"));
    QCOMPARE(DecodeRules::fromJson(json), rules);
    QJsonArray damaged = json;
    damaged.append(QJsonObject{{QStringLiteral("filter"), QStringLiteral("x")},
                               {QStringLiteral("decoder"), QStringLiteral("xml")}});
    QStringList errors;
    QCOMPARE(DecodeRules::fromJson(damaged, &errors), rules);
    QCOMPARE(errors.size(), 1);
}

void tst_PayloadRules::decoderUsesRulesThenGuesses()
{
    PayloadDecoder decoder;
    DecodeRules rules;
    rules.append(*DecodeRule::fromString(u"raw/#=hex", nullptr));
    decoder.setRules(rules);
    const DecodeResult ruled = decoder.decode(QStringLiteral("raw/a"), "{\"a\":1}");
    QCOMPARE(ruled.decoder, Decoder::Hex);
    QVERIFY(!ruled.guessed);
    QCOMPARE(ruled.toJsonLine(), QByteArray("\"7b2261223a317d\""));

    const DecodeResult json = decoder.decode(QStringLiteral("other"), "{\"a\":1}");
    QCOMPARE(json.decoder, Decoder::Json);
    QVERIFY(json.guessed);
    const DecodeResult text = decoder.decode(QStringLiteral("other"), "on");
    QCOMPARE(text.decoder, Decoder::Text);
    QVERIFY(text.guessed);
    // A CBOR map {"a": 1}.
    const DecodeResult cbor =
            decoder.decode(QStringLiteral("other"), QByteArray::fromHex("a1616101"));
    QCOMPARE(cbor.decoder, Decoder::Cbor);
    QVERIFY(cbor.guessed);
    const DecodeResult binary =
            decoder.decode(QStringLiteral("other"), QByteArray::fromHex("00ff"));
    QCOMPARE(binary.decoder, Decoder::Hex);
    QVERIFY(binary.guessed);
    // Sparkplug topics are guessed as Sparkplug, and fall back to hex when they are not.
    const DecodeResult state =
            decoder.decode(QStringLiteral("spBv1.0/STATE/h"), R"({"online":true})");
    QCOMPARE(state.decoder, Decoder::Sparkplug);
    QVERIFY(state.guessed);
    const DecodeResult notSparkplug =
            decoder.decode(QStringLiteral("spBv1.0/g/NDATA/n"), QByteArray::fromHex("ffff"));
    QCOMPARE(notSparkplug.decoder, Decoder::Hex);
    QVERIFY(notSparkplug.guessed);
}

void tst_PayloadRules::textualDecoders()
{
    QCOMPARE(decodeJson("21.5").toJsonLine(), QByteArray("21.5"));
    QCOMPARE(decodeJson("\"on\"").toJsonLine(), QByteArray("\"on\""));
    QCOMPARE(decodeJson(" [1, {\"a\": null}] ").toJsonLine(), QByteArray("[1,{\"a\":null}]"));
    // The tree keeps what the payload says: its keys' order, a key given twice, an integer
    // above 2^63 exactly, escapes (a surrogate pair too) unescaped.
    const QByteArray asSent =
            "{\"zeta\":1,\"alpha\":[true,false,null],\"big\":12345678901234567890,"
            "\"dup\":1,\"dup\":2.5,\"s\":\"\\u00e9\\ud83d\\ude00\\n\\\"x\\/\"}";
    const DecodeResult tree = decodeJson(asSent);
    QVERIFY2(tree.isValid(), qPrintable(tree.error));
    QStringList names;
    for (const Node &child : tree.root.children)
        names << child.name;
    QCOMPARE(names,
             (QStringList{QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("big"),
                          QStringLiteral("dup"), QStringLiteral("dup"), QStringLiteral("s")}));
    QCOMPARE(tree.root.children.at(1).children.size(), 3);
    QCOMPARE(tree.root.children.at(1).children.at(0).value, QVariant(true));
    QCOMPARE(tree.root.children.at(1).children.at(2).kind, Node::Kind::Null);
    QCOMPARE(tree.root.children.at(2).kind, Node::Kind::UnsignedInteger);
    QCOMPARE(tree.root.children.at(2).value.toULongLong(), 12345678901234567890ULL);
    QCOMPARE(tree.root.children.at(4).kind, Node::Kind::Double);
    QCOMPARE(tree.root.children.at(4).value.toDouble(), 2.5);
    QCOMPARE(tree.root.children.at(5).value.toString(),
             QString::fromUtf8("\xc3\xa9\xf0\x9f\x98\x80\n\"x/"));
    QCOMPARE(decodeJson("\"\\b\\f\\r\\t\\\\\"").root.value.toString(),
             QStringLiteral("\b\f\r\t\\"));
    const DecodeResult broken = decodeJson("{\"a\": tru}");
    QVERIFY(!broken.isValid());
    QCOMPARE(broken.errorOffset, 7); // where Qt's parser stopped
    QVERIFY(!decodeJson("1 2").isValid());
    QVERIFY(!decodeJson("").isValid());
    const DecodeResult text = decodeText("caf\xc3\xa9");
    QCOMPARE(text.toJsonLine(), QByteArray("\"caf\xc3\xa9\""));
    QVERIFY(text.warnings.isEmpty());
    QCOMPARE(decodeText("\xff").warnings.size(), 1);
    QCOMPARE(decodeHex("\x01\xab").toJsonLine(), QByteArray("\"01ab\""));
    QCOMPARE(decodeBase64("hi").toJsonLine(), QByteArray("\"aGk=\""));
}

void tst_PayloadRules::checkNamesMissingProtobufTypes()
{
    PayloadDecoder decoder;
    const DecoderSpec spec = *DecoderSpec::fromString(u"protobuf:acme.Reading", nullptr);
    QVERIFY(decoder.check(spec).contains(QStringLiteral("--proto-path")));
    QVERIFY(decoder.setProtoPaths({QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos")}));
    QVERIFY(decoder.check(spec).isEmpty());
    QVERIFY(decoder.check(*DecoderSpec::fromString(u"protobuf:acme.Nope", nullptr))
                    .contains(QStringLiteral("acme.Nope")));
    QVERIFY(decoder.check(*DecoderSpec::fromString(u"cbor", nullptr)).isEmpty());
}

void tst_PayloadRules::encodeBySpec()
{
    PayloadDecoder decoder;
    const auto encode = [&decoder](const char *spec, const char *input) {
        return decoder.encode(*DecoderSpec::fromString(QString::fromLatin1(spec), nullptr),
                              QString::fromUtf8(input));
    };
    QCOMPARE(encode("cbor", "{\"a\":1}").bytes, QByteArray::fromHex("a1616101"));
    QCOMPARE(encode("msgpack", "{\"a\":1}").bytes, QByteArray::fromHex("81a16101"));
    QCOMPARE(encode("numbers:uint16be", "[1,2]").bytes, QByteArray::fromHex("00010002"));
    QCOMPARE(encode("hex", "01 ab").bytes, QByteArray::fromHex("01ab"));
    QCOMPARE(encode("text", "hi").bytes, QByteArray("hi"));
    QVERIFY(!encode("json", "{").isValid());
    QVERIFY(!encode("protobuf:acme.Reading", "{}").isValid());
    QVERIFY(encode("sparkplug", "[{\"name\": \"a\", \"value\": 1}]").isValid());
}

void tst_PayloadRules::snapshotKeepsTheRulesAndProtosItWasTakenWith()
{
    PayloadDecoder decoder;
    QVERIFY(decoder.setProtoPaths({QStringLiteral(SWITCHBOARD_PAYLOAD_TEST_DATA "/protos")}));
    DecodeRules rules;
    rules.append(*DecodeRule::fromString(u"pb/#=protobuf:acme.Reading", nullptr));
    rules.append(*DecodeRule::fromString(u"raw/#=hex", nullptr));
    decoder.setRules(rules);
    // acme.Reading {sensor: "abc"}, and a payload the raw/# rule shows as hex.
    const QByteArray reading = QByteArray::fromHex("0a03616263");
    const QByteArray json("{\"a\":1}");

    const DecoderSnapshot snapshot = decoder.snapshot();
    QVERIFY(snapshot.rules() == rules);
    QVERIFY(snapshot == decoder.snapshot());
    // Decoding on another thread while the window changes the rules and the .proto folders
    // (the old schemas freed but for the snapshot's share).
    std::future<QList<DecodeResult>> running =
            std::async(std::launch::async, [snapshot, reading, json] {
                return QList<DecodeResult>{snapshot.decode(QStringLiteral("pb/1"), reading),
                                           snapshot.decode(QStringLiteral("raw/1"), json)};
            });
    DecodeRules changed;
    changed.append(*DecodeRule::fromString(u"#=text", nullptr));
    decoder.setRules(changed);
    decoder.setProtoPaths({});
    QVERIFY(snapshot != decoder.snapshot());
    QCOMPARE(decoder.decode(QStringLiteral("pb/1"), reading).decoder, Decoder::Text);

    const QList<DecodeResult> results = running.get();
    QCOMPARE(results.at(0).decoder, Decoder::Protobuf);
    QVERIFY2(results.at(0).isValid(), qPrintable(results.at(0).error));
    QCOMPARE(results.at(0).toJsonLine(), QByteArray("{\"sensor\":\"abc\"}"));
    QVERIFY(!results.at(0).guessed);
    QCOMPARE(results.at(1).decoder, Decoder::Hex);
    // Taken again, on this thread: still the old rules and schemas.
    QCOMPARE(snapshot.decode(QStringLiteral("pb/2"), reading).toJsonLine(),
             QByteArray("{\"sensor\":\"abc\"}"));
    // Without a rule it guesses as the decoder does.
    const DecodeResult guessed = snapshot.decode(QStringLiteral("other"), json);
    QCOMPARE(guessed.decoder, Decoder::Json);
    QVERIFY(guessed.guessed);
}

void tst_PayloadRules::jsonTreeAgreesWithQt()
{
    QRandomGenerator random(20261206);
    for (int i = 0; i < 2000; ++i) {
        const QByteArray text = "[" + randomJson(random, 0) + "]";
        const QJsonDocument qt = QJsonDocument::fromJson(text);
        QVERIFY2(qt.isArray(), text.constData());
        const DecodeResult ours = decodeJson(text);
        QVERIFY2(ours.isValid(), text.constData());
        QCOMPARE(ours.toJsonLine(), qt.toJson(QJsonDocument::Compact));
    }
}

QTEST_GUILESS_MAIN(tst_PayloadRules)
#include "tst_payload_rules.moc"
