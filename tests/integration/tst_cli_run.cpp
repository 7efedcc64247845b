// SPDX-License-Identifier: Apache-2.0
// switchboard-cli run as a process against a real mosquitto: the exit code counts the
// failures, each test is printed with its result, a runaway script is interrupted by
// --timeout, --junit writes the structure CI systems read, and the example scripts of
// examples/scripts pass.
#include "mosquittoprocess.h"
#include "processruns.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using ProcessRuns::Result;

class tst_CliRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void helpListsRun();
    void passingScriptExitsWithZero();
    void failuresAreCountedInTheExitCode();
    void errorOutsideTestsCounts();
    void endlessLoopIsStoppedByTheTimeLimit();
    void junitXmlHasTheRequiredStructure();
    void connectsNowhereUntilAsked();
    void scriptThatCannotRun_data();
    void scriptThatCannotRun();
    void memoryIsCapped();
    void examples_data();
    void examples();

private:
    Result run(const QStringList &arguments, int timeoutMs = 30000) const;
    QString writeScript(const QString &name, const QString &source);

    MosquittoProcess m_broker;
    QTemporaryDir m_directory;
};

void tst_CliRun::initTestCase()
{
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
    QVERIFY(m_directory.isValid());
}

Result tst_CliRun::run(const QStringList &arguments, int timeoutMs) const
{
    // The scripts read the broker from MQTT_URL (env("MQTT_URL")).
    qputenv("MQTT_URL",
            QStringLiteral("mqtt://%1:%2").arg(m_broker.host()).arg(m_broker.port()).toUtf8());
    return ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI),
                            QStringList{QStringLiteral("run")} + arguments, timeoutMs);
}

QString tst_CliRun::writeScript(const QString &name, const QString &source)
{
    const QString path = m_directory.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(source.toUtf8()) < 0)
        return {};
    return path;
}

void tst_CliRun::helpListsRun()
{
    const Result overview =
            ProcessRuns::run(QStringLiteral(SWITCHBOARD_CLI), {QStringLiteral("--help")}, 10000);
    QCOMPARE(overview.exitCode, 0);
    QVERIFY2(overview.out.contains("\n  run "), overview.out.constData());
    const Result help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.startsWith("Usage: switchboard-cli run [options] SCRIPT"),
             help.out.constData());
    for (const char *option : {"--junit <FILE>", "--timeout <S>", "--memory-limit <MIB>"})
        QVERIFY2(help.out.contains(option), option);
}

void tst_CliRun::passingScriptExitsWithZero()
{
    const QString script = writeScript(QStringLiteral("pass.js"), QStringLiteral(R"(
connect(env("MQTT_URL"));
subscribe("cli/run/a", 1);
test("publish then expect", function () {
    publish("cli/run/a", "42", { qos: 1 });
    const m = expect("cli/run/a", m => json.parse(m) === 42, 2000);
    log("got " + m.payload);
});
)"));
    const Result result = run({script});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("got 42\n"), result.out.constData());
    QVERIFY2(result.out.contains("PASS  publish then expect ("), result.out.constData());
    QVERIFY2(result.out.contains("tests: 1, passed: 1, failed: 0, script errors: 0"),
             result.out.constData());
    QVERIFY2(result.err.isEmpty(), result.err.constData());
}

void tst_CliRun::failuresAreCountedInTheExitCode()
{
    const QString script = writeScript(QStringLiteral("fail.js"), QStringLiteral(R"(
connect(env("MQTT_URL"));
subscribe("cli/run/b", 1);
test("right", function () {
    publish("cli/run/b", "on", { qos: 1 });
    expect("cli/run/b", m => m.payload === "on", 2000);
});
test("wrong expectation", function () {
    publish("cli/run/b", "off", { qos: 1 });
    expect("cli/run/b", m => m.payload === "on", 300);
});
test("thrown", function () { throw new Error("it broke"); });
)"));
    const Result result = run({script});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.out.contains("PASS  right"), result.out.constData());
    QVERIFY2(result.out.contains("FAIL  wrong expectation"), result.out.constData());
    QVERIFY2(result.out.contains(
                     "      fail.js:10: expected a message on cli/run/b matching m => m.payload "
                     "=== \"on\" within 300 ms; messages on it that did not match: 1, the last: "
                     "off\n"),
             result.out.constData());
    QVERIFY2(result.out.contains("      fail.js:12: it broke\n"), result.out.constData());
    QVERIFY2(result.out.contains("tests: 3, passed: 1, failed: 2, script errors: 0"),
             result.out.constData());
}

void tst_CliRun::errorOutsideTestsCounts()
{
    const QString script =
            writeScript(QStringLiteral("error.js"), QStringLiteral("test('ok', function () {});\n"
                                                                   "undefinedFunction();\n"));
    const Result result = run({script});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("switchboard-cli run: error: error.js:2: ReferenceError: "),
             result.err.constData());
    QVERIFY2(result.out.contains("tests: 1, passed: 1, failed: 0, script errors: 1"),
             result.out.constData());
}

void tst_CliRun::endlessLoopIsStoppedByTheTimeLimit()
{
    const QString script = writeScript(QStringLiteral("loop.js"), QStringLiteral("for (;;) {}\n"));
    QElapsedTimer clock;
    clock.start();
    const Result result = run({script, QStringLiteral("--timeout"), QStringLiteral("1")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("interrupted after 1 s"), result.err.constData());
    QVERIFY2(clock.elapsed() < 15000, qPrintable(QString::number(clock.elapsed())));
}

void tst_CliRun::junitXmlHasTheRequiredStructure()
{
    const QString script = writeScript(QStringLiteral("suite.js"), QStringLiteral(R"(
log("a <log> line & more");
test("passes", function () {});
test("fails", function () { throw new Error("wrong <value> & \"quoted\""); });
test("spins", function () { for (;;) {} });
)"));
    const QString xmlPath = m_directory.filePath(QStringLiteral("results.xml"));
    const Result result = run({script, QStringLiteral("--junit"), xmlPath,
                               QStringLiteral("--timeout"), QStringLiteral("1")});
    QCOMPARE(result.exitCode, 2);

    QFile file(xmlPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QVERIFY(xml.readNextStartElement());
    QCOMPARE(xml.name(), QStringLiteral("testsuites"));
    const QXmlStreamAttributes root = xml.attributes();
    int suites = 0;
    int testcases = 0;
    int failures = 0;
    int errors = 0;
    QStringList names;
    QStringList failureMessages;
    QString systemOut;
    QXmlStreamAttributes suite;
    while (!xml.atEnd()) {
        if (!xml.readNext() || !xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("testsuite")) {
            ++suites;
            suite = xml.attributes();
        } else if (xml.name() == QLatin1String("testcase")) {
            ++testcases;
            names << xml.attributes().value(QLatin1String("name")).toString();
            QVERIFY(xml.attributes().hasAttribute(QLatin1String("classname")));
            QVERIFY(xml.attributes().hasAttribute(QLatin1String("time")));
        } else if (xml.name() == QLatin1String("failure")) {
            ++failures;
            failureMessages << xml.attributes().value(QLatin1String("message")).toString();
        } else if (xml.name() == QLatin1String("error")) {
            ++errors;
            QCOMPARE(xml.attributes().value(QLatin1String("message")),
                     QStringLiteral("interrupted after 1 s"));
        } else if (xml.name() == QLatin1String("system-out")) {
            systemOut = xml.readElementText();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(suites, 1);
    QCOMPARE(names, (QStringList{QStringLiteral("passes"), QStringLiteral("fails"),
                                 QStringLiteral("spins")}));
    QCOMPARE(failures, 1);
    QCOMPARE(errors, 1);
    QCOMPARE(failureMessages, QStringList{QStringLiteral("wrong <value> & \"quoted\"")});
    QCOMPARE(systemOut, QStringLiteral("a <log> line & more\n"));
    for (const QXmlStreamAttributes &counts : {root, suite}) {
        QCOMPARE(counts.value(QLatin1String("tests")).toInt(), testcases);
        QCOMPARE(counts.value(QLatin1String("failures")).toInt(), failures);
        QCOMPARE(counts.value(QLatin1String("errors")).toInt(), errors);
        QVERIFY(counts.hasAttribute(QLatin1String("time")));
    }
    QCOMPARE(suite.value(QLatin1String("name")), QStringLiteral("suite.js"));
}

void tst_CliRun::connectsNowhereUntilAsked()
{
    // No broker is named: a script that does not connect runs all the same.
    const QString script = writeScript(QStringLiteral("offline.js"), QStringLiteral(R"(
test("json", function () {
    if (json.parse('{"a": [1, 2]}').a[1] !== 2) throw new Error("json");
});
test("not connected", function () { publish("x", "y"); });
)"));
    const Result result = run({script});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.out.contains("offline.js:5: publish(): not connected (call connect() first)"),
             result.out.constData());
}

void tst_CliRun::scriptThatCannotRun_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no script") << QStringList{} << QByteArray("give one script to run");
    QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/x.js")}
                                  << QByteArray("cannot read /nonexistent/x.js");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("x.js"), QStringLiteral("--timeout"),
                                                QStringLiteral("soon")}
                                 << QByteArray("--timeout must be a number of seconds");
    QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--fast")} << QByteArray("Unknown option 'fast'");
}

void tst_CliRun::scriptThatCannotRun()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 101);
    QVERIFY2(result.err.contains(message), result.err.constData());
}

void tst_CliRun::memoryIsCapped()
{
#ifdef SWITCHBOARD_SANITIZED
    QSKIP("AddressSanitizer builds run without the address-space cap");
#endif
    // Without the cap this script would take 4 GiB and more.
    const QString script = writeScript(QStringLiteral("hungry.js"), QStringLiteral(R"(
const kept = [];
for (let i = 0; i < 64; ++i) kept.push(new ArrayBuffer(64 * 1024 * 1024));
log("allocated " + kept.length);
)"));
    const Result result = run({script, QStringLiteral("--memory-limit"), QStringLiteral("512")});
    QVERIFY2(result.exitCode != 0, result.out.constData());
    QVERIFY2(!result.out.contains("allocated"), result.out.constData());
    // And with room enough the same process runs small scripts.
    const QString small = writeScript(QStringLiteral("small.js"),
                                      QStringLiteral("new ArrayBuffer(1024 * 1024); log('fine');"));
    const Result fine = run({small, QStringLiteral("--memory-limit"), QStringLiteral("512")});
    QCOMPARE(fine.exitCode, 0);
    QVERIFY(fine.out.startsWith("fine\n"));
}

void tst_CliRun::examples_data()
{
    QTest::addColumn<QString>("path");
    const QDir examples(QStringLiteral(SWITCHBOARD_EXAMPLES_DIR));
    const QStringList files = examples.entryList({QStringLiteral("*.js")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 3);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << examples.filePath(file);
}

void tst_CliRun::examples()
{
    QFETCH(QString, path);
    const QString xmlPath = m_directory.filePath(QStringLiteral("example.xml"));
    const Result result = run({path, QStringLiteral("--junit"), xmlPath});
    QVERIFY2(result.exitCode == 0, (result.out + result.err).constData());
    QVERIFY2(result.out.contains("PASS  "), result.out.constData());
    QVERIFY2(!result.out.contains("FAIL  "), result.out.constData());
    QVERIFY(QFile::exists(xmlPath));
}

QTEST_GUILESS_MAIN(tst_CliRun)
#include "tst_cli_run.moc"
