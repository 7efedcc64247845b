// SPDX-License-Identifier: Apache-2.0
#include "clientoptions.h"
#include "commandend.h"
#include "commands.h"

#include "capture.h"
#include "client.h"
#include "replayer.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

namespace {

using Cli::Command;

// Connects, replays the file through the connection, and disconnects once every message is
// out (acknowledged at QoS 1 and 2), the file turns out bad, or Ctrl+C.
class ReplaySession : public QObject
{
    Q_OBJECT
public:
    ReplaySession(const Mqtt::ConnectionOptions &options, const QString &path,
                  const Capture::Replayer::Options &replay)
        : m_options(options), m_path(path), m_replay(replay)
    {
        connect(&m_client, &Mqtt::Client::connected, this, [this] {
            if (m_started)
                return;
            m_started = true;
            QString problem;
            if (!m_replayer.start(m_path, m_replay, &problem)) {
                Cli::printError(Command::Replay, problem);
                finish(Cli::ExitFailure);
            }
        });
        connect(&m_replayer, &Capture::Replayer::finished, this,
                [this](Capture::Replayer::Outcome outcome, const QString &problem) {
                    if (!problem.isEmpty())
                        Cli::printError(Command::Replay, problem);
                    const bool clean = outcome != Capture::Replayer::Outcome::Failed &&
                                       m_replayer.refusedCount() == 0;
                    if (m_debug || !clean)
                        QTextStream(stderr) << tr("switchboard-cli replay: messages published: %1")
                                                       .arg(m_replayer.publishedCount())
                                            << Qt::endl;
                    finish(clean ? Cli::ExitSuccess : Cli::ExitFailure);
                });
    }

    void setDebug(bool debug)
    {
        m_debug = debug;
        if (debug)
            Cli::tracePackets(&m_client);
    }
    void setDisconnectProperties(const Mqtt::Properties &properties)
    {
        m_disconnectProperties = properties;
    }

    void start()
    {
        Cli::onQuitSignal(this, [this] {
            m_replayer.stop();
            finish(Cli::ExitSuccess);
        });
        QTimer::singleShot(0, this, [this] { m_client.connectToHost(m_options); });
    }

private:
    void finish(int exitCode) { m_end.finish(exitCode, m_disconnectProperties); }

    Mqtt::Client m_client;
    Capture::Replayer m_replayer{&m_client};
    Mqtt::ConnectionOptions m_options;
    QString m_path;
    Capture::Replayer::Options m_replay;
    Mqtt::Properties m_disconnectProperties;
    bool m_started = false;
    bool m_debug = false;
    Cli::CommandEnd m_end{Command::Replay, &m_client};
};

} // namespace

int runReplay(const QStringList &arguments)
{
    Cli::ClientOptionsParser options(
            Command::Replay,
            QCoreApplication::translate("Cli", "Publish the messages of a capture file (made by "
                                               "'switchboard-cli record' or the window) again, "
                                               "at the recorded pace or faster."));
    options.setPositionalArgument(
            QStringLiteral("FILE"),
            QCoreApplication::translate("Cli", "The capture file to replay."));
    const QString speedName = QStringLiteral("speed");
    const QString maxSpeedName = QStringLiteral("max-speed");
    const QString prefixName = QStringLiteral("topic-prefix");
    const QString loopName = QStringLiteral("loop");
    options.addOption({speedName,
                       QCoreApplication::translate(
                               "Cli", "Replay this many times faster than recorded, e.g. 2 or "
                                      "0.5 (default 1)."),
                       QStringLiteral("X")});
    options.addOption({maxSpeedName,
                       QCoreApplication::translate("Cli", "Replay as fast as the broker takes the "
                                                          "messages.")});
    options.addOption({prefixName,
                       QCoreApplication::translate(
                               "Cli", "Put P in front of every topic: 'copy/' turns rec/a into "
                                      "copy/rec/a."),
                       QStringLiteral("P")});
    options.addOption({loopName, QCoreApplication::translate(
                                         "Cli", "Start again at the end of the file, until "
                                                "Ctrl+C.")});
    const int parsed = options.parse(arguments);
    if (parsed >= 0)
        return parsed;

    const auto usageError = [](const QString &text) {
        Cli::printError(Command::Replay, text);
        return int(Cli::ExitUsage);
    };
    Mqtt::ConnectionOptions connection;
    QString problem;
    if (!options.connectionOptions(&connection, &problem))
        return usageError(problem);
    const QStringList files = options.parser().positionalArguments();
    if (files.isEmpty())
        return usageError(QCoreApplication::translate("Cli", "give the capture file to replay"));

    Capture::Replayer::Options replay;
    if (options.isSet(QStringLiteral("qos"))) {
        Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
        if (!options.qos(&qos, &problem))
            return usageError(problem);
        replay.qos = qos;
    }
    if (options.isSet(speedName) && options.isSet(maxSpeedName))
        return usageError(
                QCoreApplication::translate("Cli", "give --speed or --max-speed, not both"));
    if (options.isSet(maxSpeedName))
        replay.pacing = Capture::Replayer::Pacing::AsFastAsPossible;
    if (options.isSet(speedName)) {
        bool ok = false;
        replay.speed = options.value(speedName).toDouble(&ok);
        if (!ok || !(replay.speed > 0) || replay.speed > 1e6)
            return usageError(
                    QCoreApplication::translate("Cli", "--speed must be a number above 0, not '%1'")
                            .arg(options.value(speedName)));
    }
    replay.topicPrefix = options.value(prefixName);
    replay.looping = options.isSet(loopName) ? Capture::Replayer::Looping::Forever
                                             : Capture::Replayer::Looping::Once;
    if (!Capture::Replayer::checkOptions(replay, &problem))
        return usageError(problem);

    // A file that is not a capture fails before any connection is made.
    Capture::Reader reader;
    if (!reader.open(files.constFirst())) {
        Cli::printError(Command::Replay, reader.errorString());
        return Cli::ExitFailure;
    }
    reader.close();

    ReplaySession session(connection, files.constFirst(), replay);
    session.setDebug(options.isSet(QStringLiteral("debug")));
    session.setDisconnectProperties(options.properties().disconnect);
    session.start();
    return QCoreApplication::exec();
}

#include "replaycommand.moc"
