// SPDX-License-Identifier: Apache-2.0
// The script runtime (src/automation/scriptrunner) against a real mosquitto: the API does what
// docs/scripting.md says, failures are readable and point at their line, a runaway script is
// interrupted, handlers run while the script sleeps, the caller's thread never waits, and the
// engine offers nothing beyond the API.
#include "clientwaits.h"
#include "mosquittoprocess.h"
#include "scriptrunner.h"

#include <QSignalSpy>
#include <QTest>

using Script::ScriptReport;
using Script::ScriptRunner;
using Script::TestResult;

namespace {

constexpr int WaitMs = 20000;

} // namespace

class tst_ScriptRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void publishThenExpectPasses();
    void wrongExpectationFailsWithItsLine();
    void expectWithoutSubscriptionSaysSo();
    void expectTimesOutOnceTheInboxIsEmpty();
    void failingTestsDoNotStopTheOthers();
    void endlessLoopIsInterrupted();
    void endlessLoopInATestFailsThatTest();
    void stopEndsASleepingScript();
    void sleepKeepsHandlersRunning();
    void handlerErrorFailsTheTest();
    void propertiesRoundTrip();
    void payloadHelpers();
    void syntaxErrorHasItsLine();
    void onlyTheApiIsThere();
    void connectFailureIsReadable();
    void profilesResolveThroughTheHost();

private:
    ScriptReport run(const QString &source, int timeLimitMs = 30000);
    QString url() const
    {
        return QStringLiteral("mqtt://%1:%2").arg(m_broker.host()).arg(m_broker.port());
    }

    MosquittoProcess m_broker;
};

void tst_ScriptRunner::initTestCase()
{
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

ScriptReport tst_ScriptRunner::run(const QString &source, int timeLimitMs)
{
    ScriptRunner runner;
    runner.setVariables({{QStringLiteral("MQTT_URL"), url()}});
    runner.setTimeLimitMs(timeLimitMs);
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    if (!runner.start(source, QStringLiteral("check.js")))
        return {};
    if (!finished.wait(WaitMs) && finished.isEmpty())
        return {};
    return finished.constFirst().constFirst().value<ScriptReport>();
}

void tst_ScriptRunner::publishThenExpectPasses()
{
    const ScriptReport report = run(QStringLiteral(R"(
connect(env("MQTT_URL"));
subscribe("script/a", 1);
test("publish then expect", function () {
    publish("script/a", "hello", { qos: 1 });
    const m = expect("script/a", m => m.payload === "hello", 2000);
    if (m.topic !== "script/a" || m.qos !== 1 || m.retain) throw new Error("wrong message");
    if (!(m.bytes instanceof ArrayBuffer) || m.bytes.byteLength !== 5) throw new Error("no bytes");
});
)"));
    QCOMPARE(report.tests.size(), 1);
    QVERIFY2(report.tests.constFirst().isPassed(), qPrintable(report.tests.constFirst().message));
    QVERIFY(report.errors.isEmpty());
    QCOMPARE(Script::exitCode(report), 0);
}

void tst_ScriptRunner::wrongExpectationFailsWithItsLine()
{
    const ScriptReport report = run(QStringLiteral(R"(connect(env("MQTT_URL"));
subscribe("script/b");
test("wrong", function () {
    publish("script/b", "yes");
    expect("script/b", m => m.payload === "no", 300);
});
)"));
    QCOMPARE(report.tests.size(), 1);
    const TestResult test = report.tests.constFirst();
    QCOMPARE(test.status, TestResult::Status::Failed);
    QVERIFY2(test.message.startsWith(QLatin1String(
                     "expected a message on script/b matching m => m.payload === \"no\" within "
                     "300 ms; messages on it that did not match: 1, the last: yes")),
             qPrintable(test.message));
    QCOMPARE(test.location.line, 5);
    QCOMPARE(test.location.fileName, QStringLiteral("check.js"));
    QVERIFY(test.durationMs >= 300);
    QCOMPARE(Script::exitCode(report), 1);
}

void tst_ScriptRunner::expectWithoutSubscriptionSaysSo()
{
    const ScriptReport report = run(QStringLiteral(R"(connect(env("MQTT_URL"));
expect("nobody/listens", 100);
)"));
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.constFirst().message,
             QStringLiteral("expected a message on nobody/listens within 100 ms; no subscription "
                            "covers nobody/listens"));
    QCOMPARE(report.errors.constFirst().location.line, 2);
}

void tst_ScriptRunner::expectTimesOutOnceTheInboxIsEmpty()
{
    // The first expect() takes the only message: the second must wait, then time out (it
    // once spun on the taken message's number until the time limit).
    const ScriptReport report = run(QStringLiteral(R"(connect(env("MQTT_URL"));
subscribe("script/c", 1);
publish("script/c", "only", { qos: 1 });
expect("script/c", 2000);
expect("script/c", m => true, 200);
)"),
                                    10000);
    QVERIFY(!report.interrupted);
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.constFirst().message,
             QStringLiteral("expected a message on script/c matching m => true within 200 ms"));
    QCOMPARE(report.errors.constFirst().location.line, 5);
}

void tst_ScriptRunner::failingTestsDoNotStopTheOthers()
{
    const ScriptReport report = run(QStringLiteral(R"(
test("one", function () { throw new Error("first"); });
test("two", function () { });
test("three", function () { null.x; });
test("four", function () { throw "a string"; });
)"));
    QCOMPARE(report.tests.size(), 4);
    QCOMPARE(report.tests.at(0).message, QStringLiteral("first"));
    QCOMPARE(report.tests.at(0).location.line, 2);
    QVERIFY(report.tests.at(1).isPassed());
    QVERIFY2(report.tests.at(2).message.startsWith(QLatin1String("TypeError: ")),
             qPrintable(report.tests.at(2).message));
    QCOMPARE(report.tests.at(3).message, QStringLiteral("a string"));
    QCOMPARE(report.failureCount(), 3);
    QCOMPARE(Script::exitCode(report), 3);
}

void tst_ScriptRunner::endlessLoopIsInterrupted()
{
    QElapsedTimer clock;
    clock.start();
    const ScriptReport report = run(QStringLiteral("log('spinning');\nfor (;;) {}\n"), 1000);
    QVERIFY(report.interrupted);
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.constFirst().message, QStringLiteral("interrupted after 1 s"));
    QCOMPARE(report.output, QStringList{QStringLiteral("spinning")});
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
}

void tst_ScriptRunner::endlessLoopInATestFailsThatTest()
{
    const ScriptReport report = run(QStringLiteral(R"(
test("fine", function () {});
test("spins", function () { while (true) { try { for (;;) {} } catch (e) {} } });
test("never runs", function () {});
)"),
                                    1000);
    QCOMPARE(report.tests.size(), 2);
    QVERIFY(report.tests.at(0).isPassed());
    QCOMPARE(report.tests.at(1).status, TestResult::Status::Interrupted);
    QCOMPARE(report.tests.at(1).message, QStringLiteral("interrupted after 1 s"));
    QVERIFY(report.errors.isEmpty());
    QCOMPARE(Script::exitCode(report), 1);
}

void tst_ScriptRunner::stopEndsASleepingScript()
{
    ScriptRunner runner;
    QSignalSpy logged(&runner, &ScriptRunner::logged);
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QVERIFY(runner.start(QStringLiteral("log('asleep'); sleep(600000); log('woke');"),
                         QStringLiteral("sleepy.js")));
    // The caller's thread is free while the script sleeps.
    QVERIFY(logged.wait(WaitMs));
    QVERIFY(runner.isRunning());
    QElapsedTimer clock;
    clock.start();
    runner.stop();
    QVERIFY(finished.wait(WaitMs));
    QVERIFY(clock.elapsed() < 5000);
    const auto report = finished.constFirst().constFirst().value<ScriptReport>();
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.constFirst().message, QStringLiteral("stopped"));
    QCOMPARE(report.output, QStringList{QStringLiteral("asleep")});
    QVERIFY(!runner.isRunning());
}

void tst_ScriptRunner::sleepKeepsHandlersRunning()
{
    ScriptRunner runner;
    runner.setVariables({{QStringLiteral("MQTT_URL"), url()}});
    QSignalSpy logged(&runner, &ScriptRunner::logged);
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QVERIFY(runner.start(QStringLiteral(R"(
connect(env("MQTT_URL"));
subscribe("script/sleep/#", 1);
let count = 0;
on("script/sleep/+", function (m) { ++count; });
log("ready");
for (let waited = 0; count < 3 && waited < 10000; waited += 20)
    sleep(20);
log("handled " + count);
)"),
                         QStringLiteral("sleep.js")));
    QVERIFY(logged.wait(WaitMs));
    QCOMPARE(logged.constFirst().constFirst().toString(), QStringLiteral("ready"));
    // Another client publishes while the script only sleeps.
    Mqtt::Client publisher;
    Mqtt::ConnectionOptions options;
    options.host = m_broker.host();
    options.port = m_broker.port();
    QVERIFY(ClientWaits::connectAndWait(&publisher, options, WaitMs));
    for (int i = 0; i < 3; ++i) {
        Mqtt::Message message;
        message.topic = QStringLiteral("script/sleep/%1").arg(i);
        message.qos = Mqtt::QoS::AtLeastOnce;
        QVERIFY(ClientWaits::publishAndWait(&publisher, message, WaitMs));
    }
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(logged.constLast().constFirst().toString(), QStringLiteral("handled 3"));
}

void tst_ScriptRunner::handlerErrorFailsTheTest()
{
    const ScriptReport report = run(QStringLiteral(R"(connect(env("MQTT_URL"));
subscribe("script/h");
on("script/h", function (m) {
    throw new Error("bad handler");
});
test("handled", function () {
    publish("script/h", "x");
    expect("script/h", 2000);
    sleep(50);
});
)"));
    QCOMPARE(report.tests.size(), 1);
    QCOMPARE(report.tests.constFirst().status, TestResult::Status::Failed);
    QCOMPARE(report.tests.constFirst().message,
             QStringLiteral("in the on() handler for script/h: bad handler"));
    QCOMPARE(report.tests.constFirst().location.line, 4);
}

void tst_ScriptRunner::propertiesRoundTrip()
{
    const ScriptReport report = run(QStringLiteral(R"(
connect(env("MQTT_URL"), { version: 5, clientId: "script-properties" });
subscribe("script/v5", 1);
test("properties", function () {
    publish("script/v5", new Uint8Array([0, 1, 255]), { qos: 1, properties: {
        responseTopic: "script/answer", correlationData: "abc", contentType: "application/x",
        userProperties: [["site", "lab"], ["site", "roof"]] } });
    const m = expect("script/v5", 2000);
    const p = m.properties;
    if (p.responseTopic !== "script/answer" || p.correlationData !== "abc" ||
        p.contentType !== "application/x") throw new Error(json.stringify(p));
    if (json.stringify(p.userProperties) !== '[["site","lab"],["site","roof"]]')
        throw new Error(json.stringify(p.userProperties));
    const bytes = new Uint8Array(m.bytes);
    if (bytes.length !== 3 || bytes[2] !== 255) throw new Error("bytes " + bytes);
});
test("unknown options are refused", function () {
    publish("script/v5", "x", { qso: 1 });
});
)"));
    QCOMPARE(report.tests.size(), 2);
    QVERIFY2(report.tests.at(0).isPassed(), qPrintable(report.tests.at(0).message));
    QCOMPARE(report.tests.at(1).message, QStringLiteral("publish(): unknown option 'qso'"));
}

void tst_ScriptRunner::payloadHelpers()
{
    const ScriptReport report = run(QStringLiteral(R"(
test("cbor and msgpack round trips", function () {
    const value = { list: [1, 2, 3], name: "boiler", on: true, t: 21.5 }; // keys in order: the encoders sort them
    for (const format of ["cbor", "msgpack"]) {
        const bytes = payload.encode(value, format);
        if (!(bytes instanceof ArrayBuffer)) throw new Error(format + ": no ArrayBuffer");
        const back = payload.decode(bytes, format);
        if (json.stringify(back) !== json.stringify(value))
            throw new Error(format + ": " + json.stringify(back));
    }
    if (json.stringify(payload.decode("{\"a\": 1}", "json")) !== '{"a":1}') throw new Error("json");
    if (new Uint8Array(payload.encode("0aff", "hex"))[1] !== 255) throw new Error("hex");
});
test("bad JSON", function () { json.parse("{\"a\": }"); });
test("bad CBOR", function () { payload.decode("\xff\xff", "cbor"); });
test("unknown decoder", function () { payload.decode("x", "yaml"); });
)"));
    QCOMPARE(report.tests.size(), 4);
    QVERIFY2(report.tests.at(0).isPassed(), qPrintable(report.tests.at(0).message));
    QVERIFY2(report.tests.at(1).message.startsWith(QLatin1String("json.parse(): not JSON: ")),
             qPrintable(report.tests.at(1).message));
    QCOMPARE(report.tests.at(1).location.line, 14);
    QVERIFY2(report.tests.at(2).message.startsWith(QLatin1String("payload.decode(): not CBOR")),
             qPrintable(report.tests.at(2).message));
    QVERIFY2(report.tests.at(3).message.startsWith(QLatin1String("payload.decode(): ")),
             qPrintable(report.tests.at(3).message));
}

void tst_ScriptRunner::syntaxErrorHasItsLine()
{
    const ScriptReport report = run(QStringLiteral("log('a');\n\nvar x = ;\n"));
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.constFirst().location.line, 3);
    QVERIFY2(report.errors.constFirst().message.startsWith(QLatin1String("SyntaxError")),
             qPrintable(report.errors.constFirst().message));
    QVERIFY(report.output.isEmpty());
}

void tst_ScriptRunner::onlyTheApiIsThere()
{
    ScriptReport report = run(QStringLiteral(
            "log([typeof Qt, typeof XMLHttpRequest, typeof require, typeof console, typeof print, "
            "typeof setTimeout, typeof importScripts, typeof gc === 'function' ? 'gc' : "
            "'none'].join());"
            "log([typeof connect, typeof publish, typeof expect, typeof json.parse, "
            "typeof payload.decode].join());"));
    QVERIFY(report.errors.isEmpty());
    QCOMPARE(report.output,
             (QStringList{QStringLiteral("undefined,undefined,undefined,undefined,undefined,"
                                         "undefined,undefined,none"),
                          QStringLiteral("function,function,function,function,function")}));
    // No modules: import() is not even syntax here, so no file can be read through it.
    report = run(QStringLiteral("import('/etc/passwd').then(function (m) { log('read'); });"));
    QCOMPARE(report.errors.size(), 1);
    QVERIFY(report.output.isEmpty());
}

void tst_ScriptRunner::connectFailureIsReadable()
{
    const quint16 port = MosquittoProcess::freePort();
    const ScriptReport report =
            run(QStringLiteral("connect('mqtt://127.0.0.1:%1', { timeoutMs: 3000 });").arg(port));
    QCOMPARE(report.errors.size(), 1);
    QVERIFY2(report.errors.constFirst().message.startsWith(
                     QStringLiteral("could not connect to mqtt://127.0.0.1:%1: ").arg(port)),
             qPrintable(report.errors.constFirst().message));
    const ScriptReport profile = run(QStringLiteral("connect('lab');"));
    QCOMPARE(profile.errors.constFirst().message,
             QStringLiteral(
                     "connect(): give a broker URL such as mqtt://127.0.0.1:1883, not 'lab'"));
}

void tst_ScriptRunner::profilesResolveThroughTheHost()
{
    ScriptRunner runner;
    const quint16 port = m_broker.port();
    runner.setProfileResolver([port](const QString &name) -> std::optional<Mqtt::ConnectionOptions> {
        if (name != QLatin1String("lab"))
            return std::nullopt;
        Mqtt::ConnectionOptions options;
        options.port = port;
        return options;
    });
    QSignalSpy finished(&runner, &ScriptRunner::finished);
    QVERIFY(runner.start(QStringLiteral("connect('lab'); log('connected'); connect('attic');"),
                         QStringLiteral("profiles.js")));
    QVERIFY(finished.wait(WaitMs));
    const auto report = finished.constFirst().constFirst().value<ScriptReport>();
    QCOMPARE(report.output, QStringList{QStringLiteral("connected")});
    QCOMPARE(report.errors.constFirst().message,
             QStringLiteral("connect(): there is no profile named 'attic'"));
}

QTEST_GUILESS_MAIN(tst_ScriptRunner)
#include "tst_scriptrunner.moc"
