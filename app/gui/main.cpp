#include "connectionpane.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationName(QStringLiteral("Switchboard"));
    QApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/switchboard.svg")));
    QApplication::setDesktopFileName(QStringLiteral("switchboard"));
    Translations::install(&application, MainWindow::languageSetting());

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QCoreApplication::translate("main", "Switchboard: a desktop MQTT client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption hostOption(QStringLiteral("host"),
                                        QCoreApplication::translate("main", "Broker host name."),
                                        QCoreApplication::translate("main", "host"));
    const QCommandLineOption portOption(
            QStringLiteral("port"), QCoreApplication::translate("main", "Broker port (1-65535)."),
            QCoreApplication::translate("main", "port"));
    const QCommandLineOption subscribeOption(
            QStringLiteral("subscribe"),
            QCoreApplication::translate("main",
                                        "Subscribe to a topic filter once connected (repeatable)."),
            QCoreApplication::translate("main", "filter"));
    const QCommandLineOption profileOption(
            QStringLiteral("profile"),
            QCoreApplication::translate("main", "Start with a saved connection profile."),
            QCoreApplication::translate("main", "name"));
    const QCommandLineOption connectOption(
            QStringLiteral("connect"),
            QCoreApplication::translate("main", "Connect as soon as the window opens."));
    parser.addOptions({hostOption, portOption, subscribeOption, profileOption, connectOption});
    parser.process(application);

    MainWindow window;
    ConnectionPane *connection = window.connectionPane();
    if (parser.isSet(profileOption) && !connection->selectProfile(parser.value(profileOption))) {
        std::fprintf(
                stderr, "%s\n",
                qPrintable(QCoreApplication::translate("main", "No saved profile named \"%1\".")
                                   .arg(parser.value(profileOption))));
        return 2;
    }
    if (parser.isSet(hostOption))
        connection->setHost(parser.value(hostOption));
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(QCoreApplication::translate(
                                 "main", "The port must be a number from 1 to 65535.")));
            return 2;
        }
        connection->setPort(quint16(port));
    }
    window.subscribeWhenConnected(parser.values(subscribeOption));
    window.show();
    if (parser.isSet(connectOption))
        connection->connectToBroker();
    return application.exec();
}
