// SPDX-License-Identifier: Apache-2.0
// The variables of collection entries: each one, mixed with text, escaped, and bad templates
// with the position of their mistake.
#include "variables.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

class tst_Variables : public QObject
{
    Q_OBJECT

private:
    static Variables::Context context()
    {
        Variables::Context context;
        context.now = QDateTime(QDate(2026, 12, 6), QTime(10, 5, 7, 42), Qt::UTC);
        context.sequence = 7;
        context.environmentName = QStringLiteral("dev");
        context.environment = {{QStringLiteral("HOST"), QStringLiteral("dev.local")},
                               {QStringLiteral("PORT"), QStringLiteral("1883")}};
        context.random = [](qint64 low, qint64 high) { return low + (high - low) / 2; };
        context.uuid = [] { return QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"); };
        return context;
    }

private Q_SLOTS:
    void expands_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "a/b/c"
                               << "a/b/c";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("now") << "{{now}}"
                             << "2026-12-06T10:05:07.042Z";
        QTest::newRow("now.epoch") << "{{now.epoch}}"
                                   << "1796551507";
        QTest::newRow("now.epochms") << "{{now.epochms}}"
                                     << "1796551507042";
        QTest::newRow("seq") << "{{seq}}"
                             << "7";
        QTest::newRow("uuid") << "{{uuid}}"
                              << "0f8fad5b-d9cb-469f-a165-70867728950e";
        QTest::newRow("random") << "{{random 1 101}}"
                                << "51";
        QTest::newRow("random negative") << "{{random -10 -2}}"
                                         << "-6";
        QTest::newRow("random one value") << "{{random 5 5}}"
                                          << "5";
        QTest::newRow("env") << "{{env.HOST}}"
                             << "dev.local";
        QTest::newRow("spaces inside") << "{{ seq }}-{{  random   0  10 }}"
                                       << "7-5";
        QTest::newRow("mixed") << "devices/{{env.HOST}}/{{seq}}/t"
                               << "devices/dev.local/7/t";
        QTest::newRow("json") << "{\"n\": {{seq}}, \"at\": \"{{now}}\"}"
                              << "{\"n\": 7, \"at\": \"2026-12-06T10:05:07.042Z\"}";
        QTest::newRow("multi-line") << "a\n{{seq}}\n"
                                    << "a\n7\n";
        QTest::newRow("escaped") << "\\{{seq}}"
                                 << "{{seq}}";
        QTest::newRow("escaped then variable") << "\\{{x}} {{seq}}"
                                               << "{{x}} 7";
        QTest::newRow("single braces") << "{a} {seq} }}"
                                       << "{a} {seq} }}";
        QTest::newRow("backslash elsewhere") << "a\\b {{seq}}"
                                             << "a\\b 7";
        QTest::newRow("adjacent") << "{{seq}}{{seq}}"
                                  << "77";
    }
    void expands()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Variables::Expansion expansion = Variables::expand(text, context());
        QVERIFY2(expansion.isValid(), qPrintable(expansion.error));
        QCOMPARE(expansion.text, expected);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("withEnvironment");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("words"); // a part of the error text
        QTest::newRow("unclosed") << "abc {{seq" << true << 4 << "not closed";
        QTest::newRow("unclosed after one") << "{{seq}} {{now" << true << 8 << "not closed";
        QTest::newRow("unknown") << "x {{ nope }}" << true << 5 << "unknown variable \"nope\"";
        QTest::newRow("empty") << "ab{{}}" << true << 2 << "empty";
        QTest::newRow("random one bound") << "{{random 1}}" << true << 2 << "two integers";
        QTest::newRow("random words") << "{{random a b}}" << true << 2 << "two integers";
        QTest::newRow("random three") << "{{random 1 2 3}}" << true << 2 << "two integers";
        QTest::newRow("random reversed") << "{{random 9 1}}" << true << 2 << "greater";
        QTest::newRow("env missing name") << "t/{{env.NOPE}}" << true << 4 << "has no NOPE";
        QTest::newRow("env none active") << "t/{{env.HOST}}" << false << 4 << "none is active";
        QTest::newRow("seq with argument") << "{{seq 2}}" << true << 2 << "no arguments";
        QTest::newRow("second line") << "a\nbc {{oops}}" << true << 7 << "unknown";
    }
    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(bool, withEnvironment);
        QFETCH(int, offset);
        QFETCH(QString, words);
        Variables::Context context = this->context();
        if (!withEnvironment) {
            context.environmentName.clear();
            context.environment.clear();
        }
        const Variables::Expansion expansion = Variables::expand(text, context);
        QVERIFY(!expansion.isValid());
        QVERIFY2(expansion.error.contains(words), qPrintable(expansion.error));
        QCOMPARE(expansion.errorOffset, offset);
        QVERIFY(expansion.text.isEmpty());
    }

    void positionNamesLineAndColumn()
    {
        QCOMPARE(Variables::position(QStringLiteral("a\nbc {{oops}}"), 7), "line 2, column 6");
        QCOMPARE(Variables::position(QStringLiteral("{{x"), 0), "line 1, column 1");
    }

    void currentContextIsLive()
    {
        const Variables::Context context = Variables::Context::current();
        const QDateTime before = QDateTime::currentDateTimeUtc();
        QVERIFY(qAbs(context.now.msecsTo(before)) < 60000);
        // Real random numbers stay in their bounds and UUIDs differ.
        for (int i = 0; i < 200; ++i) {
            const qint64 value =
                    Variables::expand(QStringLiteral("{{random 1 3}}"), context).text.toLongLong();
            QVERIFY(value >= 1 && value <= 3);
        }
        // The widest ranges (the whole of qint64, up to its top) are drawn too.
        for (const char *range : {"{{random -9223372036854775808 9223372036854775807}}",
                                  "{{random 9223372036854775806 9223372036854775807}}"}) {
            const Variables::Expansion wide =
                    Variables::expand(QString::fromLatin1(range), context);
            QVERIFY2(wide.isValid(), qPrintable(wide.error));
            bool ok = false;
            const qint64 value = wide.text.toLongLong(&ok);
            QVERIFY(ok);
            QVERIFY(range[9] == '-' || value >= 9223372036854775806LL);
        }
        const QString a = Variables::expand(QStringLiteral("{{uuid}}"), context).text;
        const QString b = Variables::expand(QStringLiteral("{{uuid}}"), context).text;
        QCOMPARE(a.size(), 36);
        QVERIFY(a != b);
        const QString now = Variables::expand(QStringLiteral("{{now}}"), context).text;
        QVERIFY2(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"))
                         .match(now)
                         .hasMatch(),
                 qPrintable(now));
    }

    void containsVariables()
    {
        QVERIFY(Variables::containsVariables(QStringLiteral("a{{seq}}")));
        QVERIFY(!Variables::containsVariables(QStringLiteral("a\\{{seq}}")));
        QVERIFY(!Variables::containsVariables(QStringLiteral("plain")));
    }
};

QTEST_GUILESS_MAIN(tst_Variables)
#include "tst_variables.moc"
