// gatehouse: the desktop app.
#include "appsettings.h"
#include "theme.h"
#include "translations.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace Gatehouse::Ui;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatehouse"));
    QApplication::setApplicationDisplayName(QStringLiteral("Gatehouse"));
    QApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QApplication::setApplicationVersion(QStringLiteral(GATEHOUSE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.gatehouse.Gatehouse"));

    Translations::apply(AppSettings::language());
    Theme::apply(AppSettings::theme());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop gateway manager with an embedded proxy."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the built-in demo."));
    parser.addOption(demo);
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "config.json to open."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        window.openFile(files.constFirst());
    } else if (parser.isSet(demo) || !AppSettings::firstStartDone()) {
        window.openDemo();
    } else if (!window.restoreSession()) {
        window.openDemo();
    }
    AppSettings::setFirstStartDone();
    window.show();
    return QApplication::exec();
}
