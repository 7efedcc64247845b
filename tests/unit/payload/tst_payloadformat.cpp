// SPDX-License-Identifier: Apache-2.0
#include "payloadformat.h"
#include "properties.h"

#include <QTest>

using PayloadFormat::Format;

class TestPayloadFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void binaryText()
    {
        QCOMPARE(PayloadFormat::binaryText("req-42"), QStringLiteral("req-42"));
        QCOMPARE(PayloadFormat::binaryText(QByteArray("\x00\xff\x10", 3)),
                 QStringLiteral("hex: 00ff10"));
        QCOMPARE(PayloadFormat::binaryText("a\x01"), QStringLiteral("hex: 6101")); // control
        QCOMPARE(PayloadFormat::binaryText(""), QString());
    }

    void describeProperties()
    {
        Mqtt::Properties properties;
        properties.addSubscriptionIdentifier(3);
        properties.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 0);
        properties.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 90);
        properties.setInteger(Mqtt::PropertyId::TopicAlias, 5);
        properties.addUserProperty(QStringLiteral("k"), QStringLiteral("1"));
        properties.addSubscriptionIdentifier(8);
        properties.addUserProperty(QStringLiteral("k"), QStringLiteral("2"));
        properties.setBinary(Mqtt::PropertyId::CorrelationData, "abc");
        QStringList lines;
        for (const PayloadFormat::PropertyText &line : PayloadFormat::describeProperties(properties))
            lines << line.name + QStringLiteral(": ") + line.value;
        // Packet order, repeats included.
        QCOMPARE(lines,
                 (QStringList{QStringLiteral("Subscription Identifier: 3"),
                              QStringLiteral("Payload Format Indicator: 0 (unspecified bytes)"),
                              QStringLiteral("Message Expiry Interval: 90 s"),
                              QStringLiteral("Topic Alias: 5"),
                              QStringLiteral("User Property: k = 1"),
                              QStringLiteral("Subscription Identifier: 8"),
                              QStringLiteral("User Property: k = 2"),
                              QStringLiteral("Correlation Data: abc")}));
        QVERIFY(PayloadFormat::describeProperties(Mqtt::Properties()).isEmpty());
    }

    void sniff_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<Format>("expected");
        QTest::newRow("empty") << QByteArray() << Format::Text;
        QTest::newRow("object") << QByteArray("{\"a\": 1}") << Format::Json;
        QTest::newRow("array with space") << QByteArray("  [1, 2]") << Format::Json;
        QTest::newRow("number is text") << QByteArray("42") << Format::Text;
        QTest::newRow("broken json is text") << QByteArray("{\"a\": ") << Format::Text;
        QTest::newRow("utf8 text") << QByteArray("Grüße\naus Köln") << Format::Text;
        QTest::newRow("invalid utf8") << QByteArray("ab\xff\xfe") << Format::Hex;
        QTest::newRow("control bytes") << QByteArray("ab\x01\x02", 4) << Format::Hex;
        QTest::newRow("nul") << QByteArray("a\0b", 3) << Format::Hex;
    }
    void sniff()
    {
        QFETCH(QByteArray, payload);
        QFETCH(Format, expected);
        QCOMPARE(PayloadFormat::sniff(payload), expected);
    }

    void textIsSafe()
    {
        QCOMPARE(PayloadFormat::toText("plain\ttext\nline"), QStringLiteral("plain\ttext\nline"));
        // Invalid bytes become U+FFFD, controls their visible symbols, NUL included.
        QCOMPARE(PayloadFormat::toText(QByteArray("a\xff"
                                                  "b",
                                                  3)),
                 QStringLiteral("a\uFFFDb"));
        QCOMPARE(PayloadFormat::toText(QByteArray("a\0b\x1b", 4)),
                 QStringLiteral("a\u2400b\u241B"));
        QCOMPARE(PayloadFormat::toText("\x7f"), QStringLiteral("\u2421"));
        QCOMPARE(PayloadFormat::toText("<b>bold</b>"), QStringLiteral("<b>bold</b>"));
    }

    void preview()
    {
        QCOMPARE(PayloadFormat::preview("a\r\nb", 100), QStringLiteral("a\u240D\u240Ab"));
        QCOMPARE(PayloadFormat::preview("abcdef", 3), QStringLiteral("abc\u2026"));
        QCOMPARE(PayloadFormat::preview("abc", 3), QStringLiteral("abc"));
        // Binary payloads preview as hex, not as replacement characters.
        QCOMPARE(PayloadFormat::preview(QByteArray("\xff\xfe\x00\x01", 4), 100),
                 QStringLiteral("0xfffe0001"));
        QCOMPARE(PayloadFormat::preview(QByteArray("\xff\xfe\x00\x01", 4), 6),
                 QStringLiteral("0xfffe\u2026"));
        // Never cut inside a surrogate pair.
        const QByteArray emoji = QStringLiteral("ab\U0001F600").toUtf8();
        QCOMPARE(PayloadFormat::preview(emoji, 3), QStringLiteral("ab\u2026"));
        QCOMPARE(PayloadFormat::preview(emoji, 4), QStringLiteral("ab\U0001F600"));
        // A huge payload is only partly decoded but still cut correctly.
        QCOMPARE(PayloadFormat::preview(QByteArray(1 << 20, 'x'), 5),
                 QStringLiteral("xxxxx\u2026"));
    }

    void prettyJson()
    {
        QCOMPARE(PayloadFormat::toPrettyJson("{\"a\":[1,2]}"),
                 QStringLiteral("{\n    \"a\": [\n        1,\n        2\n    ]\n}\n"));
        // The payload's own text, indented: keys in their order, a repeated key twice, numbers
        // and escapes as written, empty containers on one line.
        const QByteArray asSent = " {\"zeta\":1, \"alpha\" : 2,\"big\":12345678901234567890,"
                                  "\"price\":1.10,\"dup\":1,\"dup\":2,\"e\":{ },\"l\":[],"
                                  "\"s\":\"a\\u00e9\\\"b[{,:\"} ";
        QCOMPARE(PayloadFormat::toPrettyJson(asSent),
                 QStringLiteral("{\n    \"zeta\": 1,\n    \"alpha\": 2,\n"
                                "    \"big\": 12345678901234567890,\n    \"price\": 1.10,\n"
                                "    \"dup\": 1,\n    \"dup\": 2,\n    \"e\": {},\n"
                                "    \"l\": [],\n    \"s\": \"a\\u00e9\\\"b[{,:\"\n}\n"));
        QVERIFY(PayloadFormat::toPrettyJson("{\"a\":").isNull());
        QVERIFY(PayloadFormat::toPrettyJson("").isNull());
        // Json display falls back to text when the payload does not parse.
        QCOMPARE(PayloadFormat::toDisplay("nope", Format::Json), QStringLiteral("nope"));
    }

    void hexDump()
    {
        QByteArray bytes;
        for (int i = 0; i < 18; ++i)
            bytes.append(char(0x40 + i));
        bytes[1] = '\n';
        const QString expected = QStringLiteral(
                "00000000  40 0a 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f  |@.BCDEFGHIJKLMNO|\n"
                "00000010  50 51                                             |PQ|\n");
        QCOMPARE(PayloadFormat::toHexDump(bytes), expected);
        QCOMPARE(PayloadFormat::toHexDump(QByteArray()), QString());
    }

    void base64()
    {
        QCOMPARE(PayloadFormat::toBase64(QByteArray("\x00\xff hi", 5)), QStringLiteral("AP8gaGk="));
    }

    void roundTrips_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("hello");
        QTest::newRow("binary") << QByteArray("\x00\x01\x80\xff\x7f", 5);
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all.append(char(i));
        QTest::newRow("all bytes") << all;
    }
    void roundTrips()
    {
        QFETCH(QByteArray, payload);
        // Hex: the hex columns of the dump are valid composer input.
        QString hex;
        for (char c : payload)
            hex += QStringLiteral("%1 ").arg(quint8(c), 2, 16, QLatin1Char('0'));
        auto result = PayloadFormat::encode(hex, Format::Hex);
        QVERIFY2(result.isValid(), qPrintable(result.error));
        QCOMPARE(result.bytes, payload);
        result = PayloadFormat::encode(PayloadFormat::toBase64(payload), Format::Base64);
        QVERIFY2(result.isValid(), qPrintable(result.error));
        QCOMPARE(result.bytes, payload);
        if (PayloadFormat::isValidUtf8(payload)) {
            result = PayloadFormat::encode(QString::fromUtf8(payload), Format::Text);
            QCOMPARE(result.bytes, payload);
        }
    }

    void jsonRoundTrip()
    {
        const QByteArray json = "{\"temp\":21.5,\"tags\":[\"a\",\"ü\"]}";
        const auto result = PayloadFormat::encode(PayloadFormat::toPrettyJson(json), Format::Json);
        QVERIFY(result.isValid());
        QCOMPARE(PayloadFormat::toPrettyJson(result.bytes), PayloadFormat::toPrettyJson(json));
    }

    void encodeErrors_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<Format>("format");
        QTest::addColumn<int>("offset");
        // QJsonParseError points at the offending token (or just past a missing one); the
        // offset is counted in characters of the input, not in UTF-8 bytes ("ä" is two).
        QTest::newRow("json missing value") << QStringLiteral("{\"a\": }") << Format::Json << 7;
        QTest::newRow("json after non-ascii") << QStringLiteral("{\"ä\": x}") << Format::Json << 6;
        QTest::newRow("hex bad digit") << QStringLiteral("0a 0g") << Format::Hex << 4;
        QTest::newRow("hex odd") << QStringLiteral("0a 0") << Format::Hex << 3;
        QTest::newRow("base64 bad char") << QStringLiteral("aGk*") << Format::Base64 << 3;
        QTest::newRow("base64 bad length") << QStringLiteral("aGk=a") << Format::Base64 << -1;
    }
    void encodeErrors()
    {
        QFETCH(QString, input);
        QFETCH(Format, format);
        QFETCH(int, offset);
        const auto result = PayloadFormat::encode(input, format);
        QVERIFY(!result.isValid());
        QVERIFY(result.bytes.isEmpty());
        QCOMPARE(result.errorOffset, offset);
    }

    void encodeAccepts()
    {
        QCOMPARE(PayloadFormat::encode(QStringLiteral("0x41 0x42\n43"), Format::Hex).bytes,
                 QByteArray("ABC"));
        QCOMPARE(PayloadFormat::encode(QStringLiteral("414243"), Format::Hex).bytes,
                 QByteArray("ABC"));
        QCOMPARE(PayloadFormat::encode(QStringLiteral("_-8="), Format::Base64).bytes,
                 QByteArray("\xff\xef", 2));
        QCOMPARE(PayloadFormat::encode(QStringLiteral("Grüße"), Format::Text).bytes,
                 QByteArray("Gr\xc3\xbc\xc3\x9f"
                            "e"));
    }
};

QTEST_GUILESS_MAIN(TestPayloadFormat)
#include "tst_payloadformat.moc"
