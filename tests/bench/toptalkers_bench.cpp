// SPDX-License-Identifier: Apache-2.0
// Top talkers' cost per message: a connection's workspace (log, topic tree, subscriptions)
// receives messages on 1,000 distinct topics through Client::messageReceived, with the top
// talkers' tracking off and on, in interleaved rounds (thread CPU time, the fastest of each);
// the difference is what top talkers cost per message, its ranking timer included. Then
// record() alone (with its heap allocations per message, counted by replacing the allocation
// functions, once every topic is known) and one refresh() (the ranking, every 500 ms) over those
// topics, in topics and in subtrees. Prints figures, asserts nothing.
#include "allocationcounter.h"
#include "client.h"
#include "connectionworkspace.h"
#include "toptalkersmodel.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <vector>

#include <time.h>

namespace {

qint64 threadNanoseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

std::vector<Mqtt::Message> sampleMessages(int topics)
{
    std::vector<Mqtt::Message> messages;
    for (int i = 0; i < topics; ++i) {
        Mqtt::Message message;
        message.topic = QStringLiteral("plant/line%1/cell%2/sensor%3")
                                .arg(i / 100)
                                .arg(i / 10 % 10)
                                .arg(i % 10);
        message.payload = QByteArray(64, 'x');
        messages.push_back(message);
    }
    return messages;
}

// Nanoseconds per message into a fresh workspace, events handled every 1,000 messages (the
// log's flushes and, when on, the ranking timer run as in the window).
double workspaceRound(const std::vector<Mqtt::Message> &messages, int count,
                      TopTalkersModel::Tracking tracking)
{
    ConnectionWorkspace workspace(1);
    workspace.topTalkers()->setTracking(tracking);
    Mqtt::Client *client = workspace.client();
    const qint64 start = threadNanoseconds();
    for (int i = 0; i < count; ++i) {
        Q_EMIT client->messageReceived(messages[size_t(i) % messages.size()]);
        if (i % 1000 == 999)
            QCoreApplication::processEvents();
    }
    QCoreApplication::processEvents();
    return double(threadNanoseconds() - start) / count;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 300000;
    const int topics = 1000;
    const std::vector<Mqtt::Message> messages = sampleMessages(topics);
    QTextStream out(stdout);

    double without = 1e18;
    double with = 1e18;
    for (int round = 0; round < 3; ++round) {
        without =
                std::min(without, workspaceRound(messages, count, TopTalkersModel::Tracking::Off));
        with = std::min(with, workspaceRound(messages, count, TopTalkersModel::Tracking::On));
    }

    TopTalkersModel model;
    model.setTracking(TopTalkersModel::Tracking::On);
    double record = 1e18;
    double allocations = 0; // per message once every topic is known
    for (int round = 0; round < 3; ++round) {
        const quint64 allocationsBefore = allocationCount();
        const qint64 start = threadNanoseconds();
        for (int i = 0; i < count; ++i) {
            const Mqtt::Message &message = messages[size_t(i) % messages.size()];
            model.record(message.topic, message.payload.size());
        }
        record = std::min(record, double(threadNanoseconds() - start) / count);
        if (round > 0)
            allocations = double(allocationCount() - allocationsBefore) / count;
    }
    const auto refreshCost = [&model](TopTalkersModel::Kind kind) {
        model.setKind(kind);
        double best = 1e18;
        for (int round = 0; round < 5; ++round) {
            const qint64 start = threadNanoseconds();
            model.refresh();
            best = std::min(best, double(threadNanoseconds() - start));
        }
        return best / 1000.0; // µs
    };
    const double refreshTopics = refreshCost(TopTalkersModel::Kind::Topics);
    const double refreshSubtrees = refreshCost(TopTalkersModel::Kind::Subtrees);

    out << "\n== top talkers' cost per message: " << topics << " topics, " << count
        << " messages of 64 B per round (thread CPU, best of 3 interleaved rounds)\n";
    out << QStringLiteral("  workspace ingest without top talkers  %1 ns/msg\n")
                    .arg(without, 0, 'f', 0);
    out << QStringLiteral("  with top talkers tracking             %1 ns/msg\n").arg(with, 0, 'f', 0);
    out << QStringLiteral(
                   "  top talkers' cost                     %1 ns/msg (%2 % of the ingest)\n")
                    .arg(with - without, 0, 'f', 0)
                    .arg((with - without) * 100 / without, 0, 'f', 1);
    out << QStringLiteral(
                   "  record() alone                        %1 ns/msg, %2 heap allocations/msg\n")
                    .arg(record, 0, 'f', 1)
                    .arg(allocations, 0, 'f', 4);
    out << QStringLiteral(
                   "  refresh() every 500 ms                %1 µs (topics), %2 µs (subtrees):"
                   " %3 ns/msg at 100,000 msgs/s\n")
                    .arg(refreshTopics, 0, 'f', 0)
                    .arg(refreshSubtrees, 0, 'f', 0)
                    .arg(std::max(refreshTopics, refreshSubtrees) * 1000 / 50000, 0, 'f', 2);
    return 0;
}
