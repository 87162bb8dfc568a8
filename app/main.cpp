#include "app/Application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>

#include <cstdio>
#include <cstring>

int main(int argc, char* argv[])
{
    // Answered before QApplication exists, so it works without a display or platform plugin (packaging
    // checks, scripts).
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::fputs("creditdesk " CREDITDESK_VERSION "\n", stdout);
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("creditdesk"));
    QApplication::setOrganizationName(QStringLiteral("CreditDesk"));
    QApplication::setApplicationDisplayName(QStringLiteral("CreditDesk"));
    QApplication::setApplicationVersion(QStringLiteral(CREDITDESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.creditdesk.CreditDesk"));

    creditdesk::Application::installTranslators(QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "CreditDesk console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("main", "Start a local demo server and sign in to it."));
    const QCommandLineOption serverBinary(
        QStringLiteral("server-binary"),
        QApplication::translate("main", "The creditdesk-server to run in demo mode."),
        QStringLiteral("path"));
    parser.addOption(demo);
    parser.addOption(serverBinary);
    parser.process(app);

    creditdesk::Application::Options options;
    options.demo = parser.isSet(demo);
    options.serverBinary = parser.value(serverBinary);
    creditdesk::Application application(options);
    QObject::connect(&application, &creditdesk::Application::demoFailed, &app,
                     [](const QString& message) { qCritical("%s", qPrintable(message)); });
    application.start();
    return QApplication::exec();
}
