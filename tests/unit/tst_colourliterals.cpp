// SPDX-License-Identifier: Apache-2.0
// Every colour in ui/ comes from the palette or a named role of ui/theme.h, so Light and Dark
// both read well: this fails on a colour written into a widget's code or form.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

// "#rgb", "#rrggbb", "#aarrggbb" (not an HTML character reference such as "&#123;"), and a
// QColor made from numbers or a "#..." name.
const QRegularExpression &colourLiteral()
{
    // (Plain strings: moc does not read raw ones.)
    static const char literal[] = "(?<![&\\w])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\\b"
                                  "|QColor\\s*(?:::fromRgba?F?\\s*)?\\(\\s*(?:[0-9]|0x|\"#|u\"#)"
                                  "|QColor\\s*\\(\\s*QStringLiteral\\(\\s*\"#";
    static const QRegularExpression pattern(QString::fromLatin1(literal));
    return pattern;
}

// The lines of a text holding a colour literal, as "line: text".
QStringList linesWithLiterals(const QString &text)
{
    QStringList found;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (colourLiteral().match(lines.at(i)).hasMatch())
            found << QStringLiteral("%1: %2").arg(i + 1).arg(lines.at(i).trimmed());
    }
    return found;
}

} // namespace

class TestColourLiterals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patternFindsLiterals_data();
    void patternFindsLiterals();
    void uiHasNoColourLiterals();
};

void TestColourLiterals::patternFindsLiterals_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("literal");
    QTest::newRow("style sheet") << "label->setStyleSheet(QStringLiteral(\"color: #b00020;\"));"
                                 << true;
    QTest::newRow("short") << "<string notr=\"true\">color: #b02;</string>" << true;
    QTest::newRow("with alpha") << "QStringLiteral(\"#80ff0000\")" << true;
    QTest::newRow("numbers") << "palette.setColor(QPalette::Text, QColor(176, 0, 32));" << true;
    QTest::newRow("hex numbers") << "QColor(0xb0, 0x00, 0x20)" << true;
    QTest::newRow("name") << "QColor(\"#b00020\")" << true;
    QTest::newRow("literal name") << "QColor(QStringLiteral(\"#b00020\"))" << true;
    QTest::newRow("fromRgb") << "QColor::fromRgb(176, 0, 32)" << true;
    QTest::newRow("include") << "#include \"theme.h\"" << false;
    QTest::newRow("define") << "#define FACE 1" << false;
    QTest::newRow("role") << "Theme::color(Theme::Role::Error, palette())" << false;
    QTest::newRow("named colour") << "QColor(Qt::darkRed)" << false;
    QTest::newRow("computed") << "QColor::fromRgb(mix(base.red(), accent.red()), 0, 0)" << false;
    QTest::newRow("character reference") << "&#233;" << false;
}

void TestColourLiterals::patternFindsLiterals()
{
    QFETCH(QString, line);
    QFETCH(bool, literal);
    QCOMPARE(colourLiteral().match(line).hasMatch(), literal);
}

void TestColourLiterals::uiHasNoColourLiterals()
{
    const QString folder = QStringLiteral(SWITCHBOARD_SOURCE_DIR "/ui");
    QDirIterator it(folder,
                    {QStringLiteral("*.cpp"), QStringLiteral("*.h"), QStringLiteral("*.ui")},
                    QDir::Files, QDirIterator::Subdirectories);
    int scanned = 0;
    QStringList found;
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        ++scanned;
        const QStringList lines = linesWithLiterals(QString::fromUtf8(file.readAll()));
        for (const QString &line : lines)
            found << QStringLiteral("%1:%2").arg(file.fileName(), line);
    }
    // The folder is there and holds the widgets (a wrong path would find nothing).
    QVERIFY2(scanned >= 20, qPrintable(QStringLiteral("%1 files in %2").arg(scanned).arg(folder)));
    QVERIFY2(found.isEmpty(),
             qPrintable(QStringLiteral("Colour literals in ui/ (use the palette or Theme::color()):"
                                       "\n") +
                        found.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestColourLiterals)
#include "tst_colourliterals.moc"
