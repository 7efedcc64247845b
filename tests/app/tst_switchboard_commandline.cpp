// SPDX-License-Identifier: Apache-2.0
#include "mosquittoprocess.h"
#include "processruns.h"
#include "profilestore.h"

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <array>

// `switchboard --help`, `--version` and command-line mistakes are answered without a display:
// the environment names none (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM), as on a server or
// while help2man writes the manual.
class TestSwitchboardCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void help();
    void helpFollowsTheLocale();
    void helpFollowsTheLanguageSetting();
    void version();
    void listProfiles();
    void mistakes_data();
    void mistakes();
    void qtOptions();
    void repeatedProfileOpensEachConnection();

private:
    QProcessEnvironment environment(const QString &locale) const;
    ProcessRuns::Result run(const QStringList &arguments,
                            const QString &locale = QStringLiteral("C"));

    std::unique_ptr<QTemporaryDir> m_config;
};

void TestSwitchboardCommandLine::init()
{
    m_config = std::make_unique<QTemporaryDir>();
    QVERIFY(m_config->isValid());
}

QProcessEnvironment TestSwitchboardCommandLine::environment(const QString &locale) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LANGUAGE", "LC_MESSAGES", "LANG"})
        environment.remove(QLatin1String(name));
    environment.insert(QStringLiteral("LC_ALL"), locale);
    // The user's own settings (a chosen language, saved profiles) stay out of the test.
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config->path());
    return environment;
}

ProcessRuns::Result TestSwitchboardCommandLine::run(const QStringList &arguments,
                                                    const QString &locale)
{
    QProcess process;
    process.setProcessEnvironment(environment(locale));
    process.start(QStringLiteral(SWITCHBOARD_EXECUTABLE), arguments);
    return ProcessRuns::finish(&process, 20000);
}

void TestSwitchboardCommandLine::help()
{
    const ProcessRuns::Result result = run({QStringLiteral("--help")});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    const QString out = QString::fromUtf8(result.out);
    QVERIFY2(out.startsWith(QLatin1String("Usage: switchboard [options]\n")), qPrintable(out));
    for (const char *expected :
         {"Switchboard: a desktop MQTT client.", "--host <host>", "--port <port>",
          "--subscribe <filter>", "--profile <name>", "--connect", "--version", "--help"})
        QVERIFY2(out.contains(QLatin1String(expected)), expected);
}

void TestSwitchboardCommandLine::helpFollowsTheLocale()
{
    const ProcessRuns::Result result =
            run({QStringLiteral("--help")}, QStringLiteral("zh_CN.UTF-8"));
    QCOMPARE(result.exitCode, 0);
    const QString out = QString::fromUtf8(result.out);
    QVERIFY2(out.contains(QStringLiteral("Switchboard：桌面 MQTT 客户端。")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("--host <主机>")), qPrintable(out));
}

void TestSwitchboardCommandLine::helpFollowsTheLanguageSetting()
{
    const QString dir = m_config->filePath(QStringLiteral("Switchboard"));
    QVERIFY(QDir().mkpath(dir));
    {
        QSettings settings(dir + QStringLiteral("/Switchboard.conf"), QSettings::IniFormat);
        settings.setValue(QStringLiteral("settings/language"), QStringLiteral("zh_CN"));
    }
    const ProcessRuns::Result result = run({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(QString::fromUtf8(result.out).contains(QStringLiteral("连接后订阅主题过滤器")),
             result.out.constData());
}

void TestSwitchboardCommandLine::version()
{
    const ProcessRuns::Result result = run({QStringLiteral("--version")});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QByteArray("Switchboard " SWITCHBOARD_VERSION "\n"));
}

// What the shell completes after --profile.
void TestSwitchboardCommandLine::listProfiles()
{
    ProcessRuns::Result result = run({QStringLiteral("--list-profiles")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QByteArray());

    {
        ProfileStore store(
                m_config->filePath(QStringLiteral("Switchboard/Switchboard/profiles.ini")));
        for (const char *name : {"site/b", "Home lab", "alpha"}) {
            ConnectionProfile profile;
            profile.name = QLatin1String(name);
            QVERIFY(store.addProfile(profile));
        }
    }
    result = run({QStringLiteral("--list-profiles")});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QByteArray("alpha\nHome lab\nsite/b\n"));
}

void TestSwitchboardCommandLine::mistakes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("port out of range")
            << QStringList{QStringLiteral("--port"), QStringLiteral("99999")}
            << QStringLiteral("The port must be a number from 1 to 65535.");
    QTest::newRow("unknown profile")
            << QStringList{QStringLiteral("--profile"), QStringLiteral("nowhere")}
            << QStringLiteral("No saved profile named \"nowhere\".");
    QTest::newRow("missing recording")
            << QStringList{QStringLiteral("--recording"), QStringLiteral("/nonexistent/r.jsonl")}
            << QStringLiteral("cannot read /nonexistent/r.jsonl");
    // Not a capture: the error names the file and its first line.
    QTest::newRow("not a recording")
            << QStringList{QStringLiteral("--recording"), QStringLiteral(SWITCHBOARD_EXECUTABLE)}
            << QStringLiteral(SWITCHBOARD_EXECUTABLE ", line 1: not valid JSON");
}

void TestSwitchboardCommandLine::mistakes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const ProcessRuns::Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.err.constData());
    QCOMPARE(result.out, QByteArray());
}

// QApplication's own options (-platform, -style, ...) still work, and unknown options are still
// refused: those need QApplication to sort them out, hence a platform.
void TestSwitchboardCommandLine::qtOptions()
{
    const QStringList platform = {QStringLiteral("-platform"), QStringLiteral("offscreen")};
    ProcessRuns::Result result = run(platform + QStringList{QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QByteArray("Switchboard " SWITCHBOARD_VERSION "\n"));

    result = run(platform + QStringList{QStringLiteral("--help-all")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("-platform"), result.out.constData());
    QVERIFY2(result.out.contains("--subscribe <filter>"), result.out.constData());

    result = run(platform + QStringList{QStringLiteral("--colour")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("Unknown option 'colour'."), result.err.constData());
}

// Each --profile opens its own connection, and --host/--port/--subscribe one more: three real
// brokers each see their client connect (and the ad hoc one subscribe).
void TestSwitchboardCommandLine::repeatedProfileOpensEachConnection()
{
    std::array<MosquittoProcess, 3> brokers;
    for (MosquittoProcess &broker : brokers) {
        broker.addConfigLines(
                {QStringLiteral("log_type notice"), QStringLiteral("log_type subscribe")});
        QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    }
    {
        ProfileStore store(
                m_config->filePath(QStringLiteral("Switchboard/Switchboard/profiles.ini")));
        for (int i = 0; i < 2; ++i) {
            ConnectionProfile profile;
            profile.name = QStringLiteral("node %1").arg(i + 1);
            profile.host = brokers[size_t(i)].host();
            profile.port = brokers[size_t(i)].port();
            profile.clientId = QStringLiteral("tst-commandline-node-%1").arg(i + 1);
            QVERIFY(store.addProfile(profile));
        }
    }
    QProcess process;
    process.setProcessEnvironment(environment(QStringLiteral("C")));
    process.start(QStringLiteral(SWITCHBOARD_EXECUTABLE),
                  {QStringLiteral("-platform"), QStringLiteral("offscreen"),
                   QStringLiteral("--profile"), QStringLiteral("node 1"),
                   QStringLiteral("--profile"), QStringLiteral("node 2"), QStringLiteral("--host"),
                   brokers[2].host(), QStringLiteral("--port"), QString::number(brokers[2].port()),
                   QStringLiteral("--subscribe"), QStringLiteral("dialog"),
                   QStringLiteral("--connect")});
    QVERIFY(process.waitForStarted(10000));
    // log() hands out what the broker wrote since it was last asked: keep all of it.
    std::array<QString, 3> logs;
    const auto logged = [&](size_t broker, const QString &text) {
        logs[broker] += brokers[broker].log();
        return logs[broker].contains(text);
    };
    QTRY_VERIFY_WITH_TIMEOUT(logged(0, QStringLiteral("as tst-commandline-node-1")), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(logged(1, QStringLiteral("as tst-commandline-node-2")), 20000);
    // The ad hoc connection subscribes to what --subscribe named; the profiles' do not.
    QTRY_VERIFY_WITH_TIMEOUT(logged(2, QStringLiteral(" dialog")), 20000);
    QVERIFY2(!logged(0, QStringLiteral(" dialog")), qPrintable(logs[0]));
    QVERIFY2(process.state() == QProcess::Running, process.readAllStandardError().constData());
    process.kill();
    process.waitForFinished(10000);
}

QTEST_GUILESS_MAIN(TestSwitchboardCommandLine)
#include "tst_switchboard_commandline.moc"
