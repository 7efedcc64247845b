// SPDX-License-Identifier: Apache-2.0
// Big payload benchmark: prints figures, asserts nothing.
//
// The real MainWindow (offscreen) subscribed to a mosquitto of its own; mosquitto_pub sends one
// 10 MiB payload (minified JSON, then random bytes). A 5 ms timer measures its own lateness (the
// event loop's lag, max and p99) while the payload arrives, while it is selected in the log and
// the detail view shows it, and while "Show all" loads the rest (when the detail view offers it).
// Goal: the maximum lag stays under 50 ms.
//
//   gui_bigpayload_bench [--mebibytes N] [--only json|binary]

#include "benchprobes.h"
#include "mainwindow.h"
#include "messagelogmodel.h"
#include "messagelogpane.h"
#include "mosquittoprocess.h"
#include "payloadtextview.h"
#include "profilestore.h"
#include "secretstore.h"

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
    if (only != QLatin1String("binary") &&
        runCase(window, broker, dir, "json", jsonPayload(bytes)) != 0)
        return 1;
    if (only != QLatin1String("json") &&
        runCase(window, broker, dir, "binary", binaryPayload(bytes)) != 0)
        return 1;
    return 0;
}
