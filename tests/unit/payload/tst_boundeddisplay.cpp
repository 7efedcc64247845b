// SPDX-License-Identifier: Apache-2.0
// Big payloads as the views show them: the bounded part (text, JSON, hex, Base64) is a prefix
// of the whole, says how much it shows, never cuts a character, breaks lines too long for a
// text view; the pieces of "Show all" add up to the whole text.
#include "boundeddisplay.h"

#include <QJsonDocument>
#include <QLocale>
#include <QTest>

using namespace PayloadFormat;

class TestBoundedDisplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void smallPayloadsAreWhole_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<Format>("format");
        QTest::newRow("text") << QByteArray("hello\nworld") << Format::Text;
        QTest::newRow("json") << QByteArray(R"({"b":1,"a":[1,2]})") << Format::Json;
        QTest::newRow("hex") << QByteArray("\x00\x01\xff", 3) << Format::Hex;
        QTest::newRow("base64") << QByteArray("abcd") << Format::Base64;
    }
    void smallPayloadsAreWhole()
    {
        QFETCH(QByteArray, payload);
        QFETCH(Format, format);
        const BoundedDisplay display = toBoundedDisplay(payload, format, 1024);
        QVERIFY(display.isComplete());
        QCOMPARE(display.text, toDisplay(payload, format));
        QCOMPARE(notice(display), QStringLiteral("Showing all %1").arg(sizeText(display.total)));
    }

    void sniffsLikeTheViews_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::newRow("json") << QByteArray(R"([{"x":1}])");
        QTest::newRow("text") << QByteArray("plain words");
        QTest::newRow("binary") << QByteArray("\x00\xfe\x01", 3);
        QTest::newRow("empty") << QByteArray();
    }
    void sniffsLikeTheViews()
    {
        QFETCH(QByteArray, payload);
        QCOMPARE(toBoundedDisplay(payload, std::nullopt).format, sniff(payload));
        QCOMPARE(resolveFormat(payload, std::nullopt), sniff(payload));
    }

    void textIsCutOnACharacter()
    {
        // "é" is two bytes: a limit in its middle shows the characters before it.
        const QByteArray payload = QByteArray("ab") + QByteArray("é").repeated(10);
        const BoundedDisplay display = toBoundedDisplay(payload, Format::Text, 5);
        QCOMPARE(display.text, QStringLiteral("abé"));
        QCOMPARE(display.shown, 4);
        QCOMPARE(display.total, payload.size());
        QVERIFY(!display.isComplete());
        QVERIFY(!display.text.contains(QChar::ReplacementCharacter));
    }

    void hexAndBase64ArePrefixesOfTheWhole()
    {
        QByteArray payload(1000, Qt::Uninitialized);
        for (int i = 0; i < payload.size(); ++i)
            payload[i] = char(i * 7);
        const BoundedDisplay hex = toBoundedDisplay(payload, Format::Hex, 100);
        QCOMPARE(hex.shown, 96); // whole lines of 16 bytes
        QVERIFY(toHexDump(payload).startsWith(hex.text));
        QCOMPARE(notice(hex), QStringLiteral("Showing 96 bytes of 1000 bytes"));
        const BoundedDisplay base64 = toBoundedDisplay(payload, Format::Base64, 100);
        QCOMPARE(base64.shown, 99); // whole groups of 3 bytes
        QVERIFY(toBase64(payload).startsWith(base64.text));
    }

    void jsonIsCutAfterALine()
    {
        QByteArray payload("[");
        for (int i = 0; i < 200; ++i)
            payload += (i ? "," : "") + QByteArray::number(i);
        payload += ']';
        const QString whole = toPrettyJson(payload);
        const BoundedDisplay display = toBoundedDisplay(payload, std::nullopt, 100);
        QCOMPARE(display.format, Format::Json);
        QCOMPARE(display.total, whole.size());
        QVERIFY(display.shown <= 100);
        QVERIFY(display.text.endsWith(QLatin1Char('\n')));
        QVERIFY(whole.startsWith(display.text));
        QVERIFY(notice(display).contains(QLatin1String("pretty-printed JSON")));
        // Asked for JSON, a payload that does not parse is text.
        QCOMPARE(toBoundedDisplay("{nope", Format::Json).format, Format::Text);
    }

    void longLinesAreBroken()
    {
        QString text = QString(10, QLatin1Char('a')) + QLatin1Char('\n') + QString(25, 'b');
        QVERIFY(breakLongLines(&text, 10));
        QCOMPARE(text, QStringLiteral("aaaaaaaaaa\nbbbbbbbbbb\nbbbbbbbbbb\nbbbbb"));
        QString shortLines = QStringLiteral("abc\ndef");
        QVERIFY(!breakLongLines(&shortLines, 10));
        QCOMPARE(shortLines, QStringLiteral("abc\ndef"));

        const QByteArray oneLine(3 * DisplayLineLength, 'x');
        const BoundedDisplay display = toBoundedDisplay(oneLine, Format::Text, oneLine.size() + 1);
        QVERIFY(display.linesBroken);
        QCOMPARE(display.text.count(QLatin1Char('\n')), 2);
        QVERIFY(notice(display).contains(QLatin1String("broken")));
    }

    void piecesMakeTheWholeText()
    {
        QString text;
        for (int i = 0; i < 5000; ++i)
            text += QStringLiteral("line %1\n").arg(i);
        const QStringList pieces = splitIntoPieces(text, 1000);
        QVERIFY(pieces.size() > 20);
        QCOMPARE(pieces.join(QString()), text);
        for (const QString &piece : pieces) {
            QVERIFY(piece.size() <= 1000);
            QVERIFY(piece.endsWith(QLatin1Char('\n')));
        }
        // Without line breaks, never between the halves of a surrogate pair.
        const QString emoji = QString::fromUtf8("😀").repeated(1000);
        const QStringList cut = splitIntoPieces(emoji, 101);
        QCOMPARE(cut.join(QString()), emoji);
        for (const QString &piece : cut)
            QVERIFY(!piece.back().isHighSurrogate());

        const QByteArray payload(300000, 'z');
        bool broken = false;
        const QStringList all = toDisplayPieces(payload, Format::Hex, &broken);
        QVERIFY(!broken);
        QCOMPARE(all.join(QString()), toHexDump(payload));
    }

    void sizesReadWell()
    {
        QCOMPARE(sizeText(64 * 1024), QStringLiteral("64.0 KiB"));
        QCOMPARE(sizeText(10 * 1024 * 1024), QStringLiteral("10.0 MiB"));
    }
};

QTEST_GUILESS_MAIN(TestBoundedDisplay)
#include "tst_boundeddisplay.moc"
