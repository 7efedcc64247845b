// SPDX-License-Identifier: Apache-2.0
// Big payload benchmark: prints figures, asserts nothing.
//
// The real MainWindow (offscreen) subscribed to a mosquitto of its own; mosquitto_pub sends one
// 10 MiB payload (minified JSON, then random bytes). A 5 ms timer measures its own lateness (the
// event loop's lag, max and p99) while the payload arrives, while it is selected in the log and
// the detail view shows it, and while "Show all" loads the rest (when the detail view offers it).
// Then a 10 MiB CBOR payload (made by Python's cbor2) under a decode rule, selected and shown as
// its decoded tree, and two 10 MiB JSON payloads compared ("Compare with previous"). Goal: the
// maximum lag stays under 50 ms.
//
//   gui_bigpayload_bench [--mebibytes N] [--only json|binary|cbor|diff]

#include "benchprobes.h"
#include "decodedpayloadview.h"
#include "decodedtreemodel.h"
#include "diffdialog.h"
#include "diffview.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "payloaddecodingcontroller.h"
#include "payloadtextview.h"
#include "profilestore.h"
#include "secretstore.h"

#include "connectionworkspace.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

namespace {

constexpr int LagIntervalMs = 5;
constexpr int SettleMs = 300; // keeps measuring after each step so late work is counted

QByteArray jsonPayload(qsizetype bytes)
{
    QByteArray json("[");
    for (int i = 0; json.size() < bytes - 128; ++i) {
        if (i > 0)
            json += ',';
        json += "{\"id\":" + QByteArray::number(i) + ",\"name\":\"device-" + QByteArray::number(i) +
                "\",\"value\":" + QByteArray::number(i * 0.25) +
                ",\"tags\":[\"a\",\"b\"],\"ok\":true}";
    }
    json += ']';
    return json;
}

QByteArray binaryPayload(qsizetype bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), bytes / 4);
    return data;
}

// Runs the event loop until done() holds (and SettleMs more); false on timeout.
bool runUntil(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < SettleMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return true;
}

// About the size in CBOR, made by Python's cbor2 (not our encoder): {"count": n, "readings":
// [{"id": i, "name": "sensor-i", "value": i / 2}, ...]}; empty when python3 fails.
QByteArray cborPayload(qsizetype bytes)
{
    const qsizetype readings = bytes / 43; // cbor2 writes about 43 bytes per reading
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, cbor2\nsys.stdout.buffer.write(cbor2.dumps({'count': "
                                 "%1, 'readings': [{'id': i, 'name': 'sensor-%d' % i, 'value': "
                                 "i / 2} for i in range(%1)]}))")
                          .arg(readings)});
    if (!python.waitForFinished(120000) || python.exitCode() != 0)
        return QByteArray();
    return python.readAllStandardOutput();
}

// Publishes the payload on big/<kind> with mosquitto_pub and runs the event loop until it is
// in the log (the probe measuring); its row, or -1.
int publish(MainWindow &window, const MosquittoProcess &broker, const QTemporaryDir &dir,
            const char *kind, const QByteArray &payload)
{
    const QString file = dir.filePath(QString::fromLatin1(kind));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(payload) != payload.size())
        return -1;
    out.close();
    MessageLogModel *log = window.messageLog();
    const int rowsBefore = log->rowCount();
    QProcess publisher;
    publisher.start(QStringLiteral("mosquitto_pub"),
                    {QStringLiteral("-h"), broker.host(), QStringLiteral("-p"),
                     QString::number(broker.port()), QStringLiteral("-q"), QStringLiteral("1"),
                     QStringLiteral("-t"), QStringLiteral("big/") + QString::fromLatin1(kind),
                     QStringLiteral("-f"), file});
    if (!runUntil([&] { return log->rowCount() > rowsBefore; }))
        return -1;
    publisher.waitForFinished(10000);
    return log->rowCount() - 1;
}

QAbstractButton *child(QWidget *parent, const char *name)
{
    return parent->findChild<QAbstractButton *>(QString::fromLatin1(name));
}

void report(const char *kind, const char *step, LagProbe &probe, qint64 elapsedMs)
{
    probe.stop();
    const std::vector<double> &lags = probe.lags();
    const double max = lags.empty() ? 0 : *std::max_element(lags.begin(), lags.end());
    std::printf("%-7s %-22s %9lld %9.1f %9.1f %9.1f\n", kind, step,
                static_cast<long long>(elapsedMs), percentile(lags, 0.99), max,
                percentile(probe.cpuLags(), 1.0));
    std::fflush(stdout);
}

int runCase(MainWindow &window, const MosquittoProcess &broker, const QTemporaryDir &dir,
            const char *kind, const QByteArray &payload)
{
    const QString file = dir.filePath(QString::fromLatin1(kind));
    {
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(payload) != payload.size()) {
            std::printf("%s: could not write %s\n", kind, qPrintable(file));
            return 1;
        }
    }
    MessageLogModel *log = window.messageLog();
    MessageLogPane *pane = window.messageLogPane();
    const int rowsBefore = log->rowCount();
    LagProbe probe(LagIntervalMs);
    QElapsedTimer clock;

    // 1. The payload arrives and reaches the log.
    probe.start();
    clock.start();
    QProcess publisher;
    publisher.start(QStringLiteral("mosquitto_pub"),
                    {QStringLiteral("-h"), broker.host(), QStringLiteral("-p"),
                     QString::number(broker.port()), QStringLiteral("-q"), QStringLiteral("1"),
                     QStringLiteral("-t"), QStringLiteral("big/") + QString::fromLatin1(kind),
                     QStringLiteral("-f"), file});
    if (!runUntil([&] { return log->rowCount() > rowsBefore; })) {
        std::printf("%s: the payload did not arrive\n", kind);
        return 1;
    }
    const qint64 arrivedMs = clock.elapsed();
    publisher.waitForFinished(10000);
    report(kind, "arrives", probe, arrivedMs);
    const int row = log->rowCount() - 1;
    if (log->payloadAt(row).size() != payload.size()) {
        std::printf("%s: %lld bytes arrived of %lld\n", kind,
                    static_cast<long long>(log->payloadAt(row).size()),
                    static_cast<long long>(payload.size()));
        return 1;
    }

    // 2. Selected in the log: the detail view shows it (bounded, decoded off the UI thread).
    probe.start();
    clock.start();
    pane->selectRow(row);
    const bool shown =
            runUntil([&] { return !pane->detailText().isEmpty() || pane->isDecodedShown(); });
    report(kind, shown ? "selected and shown" : "selected (timeout)", probe, clock.elapsed());

    // 3. "Show all", when the detail view offers it.
    PayloadTextView *view = pane->payloadTextView();
    if (view->state() == PayloadTextView::State::Bounded) {
        probe.start();
        clock.start();
        child(view, "showAllButton")->click();
        const bool all =
                runUntil([&] { return view->state() == PayloadTextView::State::Complete; });
        report(kind, all ? "show all" : "show all (timeout)", probe, clock.elapsed());
    } else {
        std::printf("%-7s %-22s (the detail view shows it whole)\n", kind, "show all");
    }

    // 4. Back to nothing selected (the big document leaves the view).
    probe.start();
    clock.start();
    pane->clear();
    runUntil([&] { return pane->detailText().isEmpty(); });
    report(kind, "cleared", probe, clock.elapsed());
    return 0;
}

// A CBOR payload under a rule (big/cbor=cbor), arriving, selected with "Decoded tree" and shown
// as its tree, then cleared.
int runCborCase(MainWindow &window, const MosquittoProcess &broker, const QTemporaryDir &dir,
                qsizetype bytes)
{
    const char *kind = "cbor";
    const QByteArray payload = cborPayload(bytes);
    if (payload.isEmpty()) {
        std::printf("cbor: python3 with cbor2 did not make the payload\n");
        return 1;
    }
    QString error;
    const std::optional<Payload::DecodeRule> rule =
            Payload::DecodeRule::fromString(u"big/cbor=cbor", &error);
    window.payloadDecoding()->setDecoding(window.currentWorkspace(), Payload::DecodeRules({*rule}),
                                          {});
    LagProbe probe(LagIntervalMs);
    QElapsedTimer clock;
    probe.start();
    clock.start();
    const int row = publish(window, broker, dir, kind, payload);
    if (row < 0) {
        std::printf("cbor: the payload did not arrive\n");
        return 1;
    }
    report(kind, "arrives", probe, clock.elapsed());

    MessageLogPane *pane = window.messageLogPane();
    DecodedPayloadView *view = pane->decodedView();
    pane->setDetailFormat(MessageLogPane::DetailFormat::Decoded);
    probe.start();
    clock.start();
    pane->selectRow(row);
    const bool shown = runUntil([&] {
        return pane->isDecodedShown() && view->model()->rowCount() > 0 &&
               !view->summaryText().startsWith(QLatin1String("Decoding"));
    });
    report(kind, shown ? "tree shown" : "tree shown (timeout)", probe, clock.elapsed());

    probe.start();
    clock.start();
    pane->clear();
    runUntil([&] { return view->model()->rowCount() == 0; });
    report(kind, "cleared", probe, clock.elapsed());
    pane->setDetailFormat(MessageLogPane::DetailFormat::Automatic);
    window.payloadDecoding()->setDecoding(window.currentWorkspace(), {}, {});
    return 0;
}

// Two JSON payloads on one topic, one value apart: "Compare with previous" until the diff shows.
int runDiffCase(MainWindow &window, const MosquittoProcess &broker, const QTemporaryDir &dir,
                qsizetype bytes)
{
    const char *kind = "diff";
    const QByteArray older = jsonPayload(bytes);
    QByteArray newer = older;
    newer.replace(newer.indexOf("\"device-1\""), 10, "\"device-X\"");
    if (publish(window, broker, dir, kind, older) < 0 ||
        publish(window, broker, dir, kind, newer) < 0) {
        std::printf("diff: the payloads did not arrive\n");
        return 1;
    }
    MessageLogPane *pane = window.messageLogPane();
    pane->selectRow(window.messageLog()->rowCount() - 1);
    runUntil([&] { return !pane->detailText().isEmpty(); });
    LagProbe probe(LagIntervalMs);
    QElapsedTimer clock;
    probe.start();
    clock.start();
    DiffDialog *dialog = pane->compareWithPrevious();
    const bool compared =
            runUntil([&] { return dialog && !dialog->view()->summaryText().isEmpty(); });
    report(kind, compared ? "compared" : "compared (timeout)", probe, clock.elapsed());
    if (compared)
        std::printf("%-7s %-22s %s\n", kind, "diff says", qPrintable(dialog->view()->summaryText()));
    probe.start();
    clock.start();
    delete dialog;
    pane->clear();
    runUntil([] { return true; });
    report(kind, "closed", probe, clock.elapsed());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gui_bigpayload_bench"));
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    qsizetype mebibytes = 10;
    QString only;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--mebibytes"))
            mebibytes = qMax(1, args.at(++i).toInt());
        else if (args.at(i) == QLatin1String("--only"))
            only = args.at(++i);
    }
    const qsizetype bytes = mebibytes * 1024 * 1024;

    MosquittoProcess broker;
    if (!broker.start()) {
        std::printf("bigpayload: %s\n", qPrintable(broker.errorString()));
        return 1;
    }
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(QStringLiteral("profiles.ini")));
    SecretStore secrets;
    MainWindow window(&profiles, &secrets);
    window.resize(1600, 1000);
    window.show();
    window.subscribeWhenConnected({QStringLiteral("big/#")}, Mqtt::QoS::AtLeastOnce);
    Mqtt::ConnectionOptions options;
    options.host = broker.host();
    options.port = broker.port();
    window.client()->connectToHost(options);
    if (!runUntil([&] { return !window.client()->activeSubscriptions().isEmpty(); }, 10000)) {
        std::printf("bigpayload: could not connect and subscribe\n");
        return 1;
    }

    std::printf("bigpayload: MainWindow, one %lld MiB payload from mosquitto_pub, lag probe every "
                "%d ms (goal: max < 50 ms)\n",
                static_cast<long long>(mebibytes), LagIntervalMs);
    std::printf("%-7s %-22s %9s %9s %9s %9s\n", "payload", "step", "took ms", "lag p99", "lag max",
                "CPU max");
    if ((only.isEmpty() || only == QLatin1String("json")) &&
        runCase(window, broker, dir, "json", jsonPayload(bytes)) != 0)
        return 1;
    const auto chosen = [&only](const char *kind) {
        return only.isEmpty() || only == QLatin1String(kind);
    };
    if (chosen("binary") && runCase(window, broker, dir, "binary", binaryPayload(bytes)) != 0)
        return 1;
    if (chosen("cbor") && runCborCase(window, broker, dir, bytes) != 0)
        return 1;
    if (chosen("diff") && runDiffCase(window, broker, dir, bytes) != 0)
        return 1;
    return 0;
}
