// SPDX-License-Identifier: Apache-2.0
// switchboard-cli bench: a broker load test on the engine (app/cli/loadtest): N publishers and
// M subscribers, latency percentiles, throughput, losses and duplicates. With one of each it
// runs the workload of the libmosquitto and MQTT.js programs under tests/ (see scripts/bench).
#include "clientoptions.h"
#include "commands.h"
#include "loadpattern.h"
#include "loadreport.h"
#include "loadtester.h"

#include "topic.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>

using Cli::Command;

namespace {

struct NumberOption
{
    const char *name;
    double minimum;
    double maximum;
};

// The --option's value as a number in [minimum, maximum]; false with *problem set.
bool readNumber(const Cli::ClientOptionsParser &options, const NumberOption &option, double *value,
                QString *problem)
{
    const QString name = QLatin1String(option.name);
    const QString text = options.value(name).trimmed();
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (!ok || number < option.minimum || number > option.maximum) {
        *problem = QCoreApplication::translate("bench", "--%1 must be a number from %2 to %3, "
                                                        "not '%4'")
                           .arg(name)
                           .arg(option.minimum)
                           .arg(option.maximum)
                           .arg(text);
        return false;
    }
    *value = number;
    return true;
}

bool readInteger(const Cli::ClientOptionsParser &options, const NumberOption &option, qint64 *value,
                 QString *problem)
{
    const QString name = QLatin1String(option.name);
    if (!Cli::parseInteger(options.value(name), qint64(option.minimum), qint64(option.maximum),
                           value)) {
        *problem = QCoreApplication::translate("bench", "--%1 must be a whole number from %2 to "
                                                        "%3, not '%4'")
                           .arg(name)
                           .arg(qint64(option.minimum))
                           .arg(qint64(option.maximum))
                           .arg(options.value(name));
        return false;
    }
    return true;
}

void addBenchOptions(Cli::ClientOptionsParser *options)
{
    const auto add = [options](const char *name, const char *help, const char *valueName,
                               const char *defaultValue) {
        options->addOption({QLatin1String(name), QCoreApplication::translate("bench", help),
                            QLatin1String(valueName), QLatin1String(defaultValue)});
    };
    add("publishers", QT_TRANSLATE_NOOP("bench", "Publishing connections (default 1)."), "N", "1");
    add("subscribers",
        QT_TRANSLATE_NOOP("bench", "Subscribing connections; each receives every message "
                                   "(default 1)."),
        "M", "1");
    add("connect-rate",
        QT_TRANSLATE_NOOP("bench", "New connections per second, subscribers first; 0 opens "
                                   "them all at once (default 1000)."),
        "per-second", "1000");
    add("count",
        QT_TRANSLATE_NOOP("bench", "Messages per publisher; 0 with --duration for no limit "
                                   "(default 100000)."),
        "n", "100000");
    add("duration",
        QT_TRANSLATE_NOOP("bench", "Publish for this many seconds (and stop at --count if it "
                                   "is given)."),
        "seconds", "0");
    add("rate",
        QT_TRANSLATE_NOOP("bench", "Messages per second per publisher; 0 publishes as fast as "
                                   "--window lets (default 0)."),
        "per-second", "0");
    add("size",
        QT_TRANSLATE_NOOP("bench", "Payload bytes, at least 24: sequence number, time stamp, "
                                   "publisher and run (default 64)."),
        "bytes", "64");
    add("inflight",
        QT_TRANSLATE_NOOP("bench", "QoS 1/2 messages in flight at once per publisher "
                                   "(default 20)."),
        "w", "20");
    add("window",
        QT_TRANSLATE_NOOP("bench", "Without --rate: messages sent that not every subscriber "
                                   "has received yet, shared out between the publishers "
                                   "(default 1000)."),
        "n", "1000");
    add("topic",
        QT_TRANSLATE_NOOP("bench", "Topic pattern of the publishers: %i is the publisher's "
                                   "number (from 1), %c its client id (default bench/%i)."),
        "pattern", "bench/%i");
    options->addOption({QStringLiteral("filter"),
                        QCoreApplication::translate(
                                "bench", "Topic filter of the subscribers (default: the topic "
                                         "pattern up to its first level with %i or %c, then #; "
                                         "bench/# for bench/%i)."),
                        QStringLiteral("filter")});
    options->addOption({QStringLiteral("json"),
                        QCoreApplication::translate(
                                "bench", "Print the summary as one JSON object (latency in "
                                         "milliseconds: p50, p90, p99, p999, max; lost, "
                                         "duplicates, rates, connections).")});
}

// Reads the bench options into *settings; false with *problem set.
bool readSettings(const Cli::ClientOptionsParser &options, LoadTest::Settings *settings,
                  QString *problem)
{
    qint64 integer = 0;
    if (!readInteger(options, {"publishers", 1, 100000}, &integer, problem))
        return false;
    settings->publishers = int(integer);
    if (!readInteger(options, {"subscribers", 1, 100000}, &integer, problem))
        return false;
    settings->subscribers = int(integer);
    if (!readNumber(options, {"connect-rate", 0, 1e6}, &settings->connectRate, problem) ||
        !readNumber(options, {"duration", 0, 1e6}, &settings->durationSeconds, problem) ||
        !readNumber(options, {"rate", 0, 1e7}, &settings->rate, problem))
        return false;
    if (!readInteger(options, {"count", 0, 1e12}, &settings->count, problem))
        return false;
    // --duration alone publishes for that long, without a count.
    if (settings->durationSeconds > 0 && !options.isSet(QStringLiteral("count")))
        settings->count = 0;
    if (settings->count == 0 && settings->durationSeconds <= 0) {
        *problem = QCoreApplication::translate("bench", "--count 0 needs --duration");
        return false;
    }
    if (!readInteger(options, {"size", LoadTest::Stamp::Size, 256 * 1024 * 1024}, &integer, problem))
        return false;
    settings->size = int(integer);
    if (!readInteger(options, {"inflight", 1, 65535}, &integer, problem))
        return false;
    settings->inflight = int(integer);
    if (!readInteger(options, {"window", 1, 10000000}, &integer, problem))
        return false;
    settings->window = int(integer);

    settings->topicPattern = options.value(QStringLiteral("topic"));
    if (!LoadTest::checkTopicPattern(settings->topicPattern, problem))
        return false;
    const QString firstTopic = LoadTest::expandTopicPattern(
            settings->topicPattern, 1, LoadTest::publisherClientId(settings->clientIdPrefix, 1));
    if (const Mqtt::Error error = Mqtt::validateTopicName(firstTopic)) {
        *problem = QCoreApplication::translate("bench", "invalid topic '%1': %2")
                           .arg(firstTopic, error.text);
        return false;
    }
    settings->filter = options.isSet(QStringLiteral("filter"))
                               ? options.value(QStringLiteral("filter"))
                               : LoadTest::subscriptionFilterFor(settings->topicPattern);
    if (const Mqtt::Error error = Mqtt::validateTopicFilter(settings->filter)) {
        *problem = QCoreApplication::translate("bench", "invalid topic filter '%1': %2")
                           .arg(settings->filter, error.text);
        return false;
    }
    if (!Mqtt::topicMatches(settings->filter, firstTopic)) {
        *problem = QCoreApplication::translate("bench", "the filter '%1' does not match the "
                                                        "first publisher's topic '%2': the "
                                                        "subscribers would receive nothing")
                           .arg(settings->filter, firstTopic);
        return false;
    }
    return true;
}

} // namespace

int runBench(const QStringList &arguments)
{
    Cli::ClientOptionsParser options(
            Command::Bench,
            QCoreApplication::translate(
                    "bench", "Load-tests a broker: --publishers connections publish --count "
                             "messages each (or for --duration seconds, at --rate per second "
                             "or as fast as the broker takes them) to the --topic pattern, and "
                             "--subscribers connections receive every one of them. Prints a "
                             "live line every second on standard error, then the latency from "
                             "publish to receive (p50, p90, p99, p99.9, max), the rates in and "
                             "out, the connection set-up rate, and the messages lost or "
                             "duplicated; with --json as one JSON object."));
    addBenchOptions(&options);
    const int parsed = options.parse(arguments);
    if (parsed >= 0)
        return parsed;

    const auto usageError = [](const QString &text) {
        Cli::printError(Command::Bench, text);
        return int(Cli::ExitUsage);
    };
    LoadTest::Settings settings;
    QString problem;
    if (!options.connectionOptions(&settings.connection, &problem) ||
        !options.qos(&settings.qos, &problem))
        return usageError(problem);
    settings.clientIdPrefix = settings.connection.clientId;
    if (settings.clientIdPrefix.isEmpty())
        settings.clientIdPrefix =
                QStringLiteral("sb-bench-%1")
                        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    settings.connection.clientId.clear();
    if (!readSettings(options, &settings, &problem))
        return usageError(problem);
    settings.publishProperties = options.properties().publish;
    settings.subscribeProperties = options.properties().subscribe;
    settings.disconnectProperties = options.properties().disconnect;

    QTextStream err(stderr);
    QString note;
    if (!LoadTest::raiseOpenFileLimit(settings.publishers + settings.subscribers, &note, &problem)) {
        Cli::printError(Command::Bench, problem);
        return Cli::ExitFailure;
    }
    if (!note.isEmpty())
        err << QStringLiteral("switchboard-cli bench: ") << note << Qt::endl;

    // A terminal gets one line rewritten in place; a file or pipe a line per second.
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    bool lineOpen = false;
    LoadTest::LoadTester tester(settings);
    QObject::connect(&tester, &LoadTest::LoadTester::progressed, &tester,
                     [&err, &lineOpen, terminal](const LoadTest::Progress &progress) {
                         const QString line = LoadTest::progressLine(progress);
                         if (terminal) {
                             err << '\r' << line << "\x1b[K";
                             lineOpen = true;
                         } else {
                             err << line << '\n';
                         }
                         err.flush();
                     });
    QObject::connect(&tester, &LoadTest::LoadTester::finished, &tester,
                     [] { QCoreApplication::exit(0); });
    // Ctrl+C ends the run early and still prints what it measured.
    Cli::onQuitSignal(&tester, [&tester] { tester.stop(); });
    QTimer::singleShot(0, &tester, &LoadTest::LoadTester::start);
    QCoreApplication::exec();
    if (lineOpen)
        err << '\n';
    err.flush();

    const LoadTest::Results &results = tester.results();
    QTextStream out(stdout);
    if (options.isSet(QStringLiteral("json")))
        out << QJsonDocument(LoadTest::summaryJson(settings, results)).toJson(QJsonDocument::Compact)
            << '\n';
    else
        out << LoadTest::summaryText(settings, results);
    out.flush();
    if (!results.failure.isEmpty())
        Cli::printError(Command::Bench, results.failure);
    return results.isComplete() ? Cli::ExitSuccess : Cli::ExitFailure;
}
