// SPDX-License-Identifier: Apache-2.0
#include "capture.h"
#include "connectionpane.h"
#include "mainwindow.h"
#include "profilestore.h"
#include "recordingcontroller.h"
#include "themecontroller.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

#include <cstdio>
#include <optional>
#include <variant>

namespace {

// What the command line asks of the window.
struct StartRequest
{
    QStringList profiles; // each opens a connection
    std::optional<QString> host;
    std::optional<quint16> port;
    QStringList subscriptions;
    QStringList recordings; // capture files opened for browsing
    bool connect = false;
};

int failWith(const QString &message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    return 2;
}

// The window's command line. Made once the translators are installed, so its texts are
// translated.
class CommandLine
{
public:
    CommandLine();

    // Reads the arguments under a QCoreApplication, so that --help, --version, --list-profiles
    // and mistakes are answered without a display. False when they hold what only QApplication
    // knows: its own options (-platform, -style, ...) and --help-all, which lists them.
    bool readWithoutDisplay();
    // Reads the arguments left once QApplication took its own; ends the program on --help,
    // --version and unknown options, as QCommandLineParser::process() does.
    void readWithDisplay(const QApplication &application);

    // The exit code when the program ends here (help, version, a mistake), else what to start.
    std::variant<StartRequest, int> outcome() const;

private:
    QCommandLineParser m_parser;
    QCommandLineOption m_helpOption;
    QCommandLineOption m_versionOption;
    QCommandLineOption m_hostOption;
    QCommandLineOption m_portOption;
    QCommandLineOption m_subscribeOption;
    QCommandLineOption m_profileOption;
    QCommandLineOption m_connectOption;
    QCommandLineOption m_listProfilesOption;
    QCommandLineOption m_recordingOption;
};

CommandLine::CommandLine()
    : m_helpOption(m_parser.addHelpOption()),
      m_versionOption(m_parser.addVersionOption()),
      m_hostOption(QStringLiteral("host"), QCoreApplication::translate("main", "Broker host name."),
                   QCoreApplication::translate("main", "host")),
      m_portOption(QStringLiteral("port"),
                   QCoreApplication::translate("main", "Broker port (1-65535)."),
                   QCoreApplication::translate("main", "port")),
      m_subscribeOption(QStringLiteral("subscribe"),
                        QCoreApplication::translate(
                                "main", "Subscribe to a topic filter once connected (repeatable)."),
                        QCoreApplication::translate("main", "filter")),
      m_profileOption(QStringLiteral("profile"),
                      QCoreApplication::translate("main", "Open a connection with a saved profile "
                                                          "(repeatable: one connection each)."),
                      QCoreApplication::translate("main", "name")),
      m_connectOption(QStringLiteral("connect"),
                      QCoreApplication::translate("main", "Connect as soon as the window opens.")),
      m_listProfilesOption(QStringLiteral("list-profiles"),
                           QCoreApplication::translate(
                                   "main", "Print the names of the saved connection profiles, one "
                                           "per line, and exit.")),
      m_recordingOption(QStringLiteral("recording"),
                        QCoreApplication::translate(
                                "main", "Open a capture file (switchboard-cli record, File → "
                                        "Record messages) for browsing, without a broker "
                                        "(repeatable)."),
                        QCoreApplication::translate("main", "file"))
{
    m_parser.setApplicationDescription(
            QCoreApplication::translate("main", "Switchboard: a desktop MQTT client."));
    m_parser.addOptions({m_hostOption, m_portOption, m_subscribeOption, m_profileOption,
                         m_connectOption, m_listProfilesOption, m_recordingOption});
}

bool CommandLine::readWithoutDisplay()
{
    return m_parser.parse(QCoreApplication::arguments()) &&
           !m_parser.isSet(QStringLiteral("help-all"));
}

void CommandLine::readWithDisplay(const QApplication &application)
{
    m_parser.process(application);
}

std::variant<StartRequest, int> CommandLine::outcome() const
{
    if (m_parser.isSet(m_helpOption)) {
        // helpText() shows the path the program was started with; the manual shows the name.
        QString help = m_parser.helpText();
        const QString path = QCoreApplication::arguments().constFirst();
        const qsizetype at = help.indexOf(path);
        if (at >= 0 && at < help.indexOf(QLatin1Char('\n')))
            help.replace(at, path.size(), QStringLiteral("switchboard"));
        QTextStream(stdout) << help;
        return 0;
    }
    if (m_parser.isSet(m_versionOption)) {
        QTextStream(stdout) << QCoreApplication::applicationName() << ' '
                            << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    if (m_parser.isSet(m_listProfilesOption)) {
        // For the shell's completion of --profile.
        QTextStream out(stdout);
        const QStringList names = ProfileStore().profileNames();
        for (const QString &name : names)
            out << name << '\n';
        return 0;
    }

    StartRequest request;
    request.profiles = m_parser.values(m_profileOption);
    const ProfileStore profiles;
    for (const QString &profile : std::as_const(request.profiles)) {
        if (!profiles.contains(profile)) {
            return failWith(QCoreApplication::translate("main", "No saved profile named \"%1\".")
                                    .arg(profile));
        }
    }
    if (m_parser.isSet(m_hostOption))
        request.host = m_parser.value(m_hostOption);
    if (m_parser.isSet(m_portOption)) {
        bool ok = false;
        const uint port = m_parser.value(m_portOption).toUInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            return failWith(QCoreApplication::translate(
                    "main", "The port must be a number from 1 to 65535."));
        }
        request.port = quint16(port);
    }
    request.subscriptions = m_parser.values(m_subscribeOption);
    request.connect = m_parser.isSet(m_connectOption);
    request.recordings = m_parser.values(m_recordingOption);
    for (const QString &path : std::as_const(request.recordings)) {
        // A file that is not a capture is told before any window opens.
        Capture::Reader reader;
        if (!reader.open(path))
            return failWith(reader.errorString());
    }
    return request;
}

// The command line read without a display; nothing when it needs QApplication's own options.
std::optional<std::variant<StartRequest, int>> readCommandLineWithoutDisplay(int &argc, char **argv)
{
    QCoreApplication application(argc, argv);
    Translations::install(&application, MainWindow::languageSetting());
    CommandLine commandLine;
    if (!commandLine.readWithoutDisplay())
        return std::nullopt;
    return commandLine.outcome();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));

    std::optional<std::variant<StartRequest, int>> read = readCommandLineWithoutDisplay(argc, argv);
    if (read && std::holds_alternative<int>(*read))
        return std::get<int>(*read); // answered without a display

    QApplication application(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/switchboard.svg")));
    // Wayland matches the window with the installed desktop file by this id.
    QApplication::setDesktopFileName(QStringLiteral(SWITCHBOARD_APP_ID));
    Translations::install(&application, MainWindow::languageSetting());
    ThemeController::applySetting(); // Settings → Theme, before any window
    if (!read) {
        CommandLine commandLine;
        commandLine.readWithDisplay(application);
        read = commandLine.outcome();
    }
    if (const int *exitCode = std::get_if<int>(&*read))
        return *exitCode;
    const StartRequest &request = std::get<StartRequest>(*read);

    // Connections named on the command line are opened in place of the last session's: each
    // --profile, then one more ad hoc for --host/--port (with --subscribe).
    const bool adHoc = request.host || request.port;
    const bool named = !request.profiles.isEmpty() || adHoc;
    MainWindow window(nullptr, nullptr, nullptr,
                      named ? MainWindow::Start::NoConnection : MainWindow::Start::LastSession);
    QList<ConnectionPane *> opened;
    for (const QString &profile : std::as_const(request.profiles)) {
        opened << window.connectionPane(window.openConnection(profile));
        if (opened.last()->currentProfileName() != profile) {
            return failWith(QCoreApplication::translate("main", "No saved profile named \"%1\".")
                                    .arg(profile));
        }
    }
    if (adHoc)
        opened << window.connectionPane(window.openConnection());
    ConnectionPane *last = named ? opened.last() : window.connectionPane();
    if (request.host)
        last->setHost(*request.host);
    if (request.port)
        last->setPort(*request.port);
    // --subscribe goes with the current connection: the ad hoc one, or the last one named.
    window.subscribeWhenConnected(request.subscriptions);
    window.show();
    for (const QString &path : std::as_const(request.recordings)) {
        QString problem;
        if (!window.recordingController()->openRecording(path, &problem))
            return failWith(problem);
    }
    if (request.connect) {
        const QList<ConnectionPane *> toConnect =
                named ? opened : QList<ConnectionPane *>{window.connectionPane()};
        for (ConnectionPane *pane : toConnect)
            pane->connectWhenSecretsRead();
    }
    return application.exec();
}
