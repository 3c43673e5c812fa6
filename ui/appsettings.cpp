#include "appsettings.h"

#include <QFileInfo>
#include <QSettings>

namespace Gatehouse::Ui {

namespace {
const QString kTheme = QStringLiteral("appearance/theme");
const QString kLanguage = QStringLiteral("appearance/language");
const QString kRecent = QStringLiteral("files/recent");
const QString kOpen = QStringLiteral("files/open");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kFirstStart = QStringLiteral("app/firstStartDone");
const QString kPublishTargets = QStringLiteral("publish/recentTargets");
} // namespace

AppSettings::Theme AppSettings::theme()
{
    const QString t = QSettings().value(kTheme).toString();
    if (t == QLatin1String("light"))
        return Theme::Light;
    if (t == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

void AppSettings::setTheme(Theme theme)
{
    QSettings().setValue(kTheme, theme == Theme::Light  ? QStringLiteral("light")
                                 : theme == Theme::Dark ? QStringLiteral("dark")
                                                        : QStringLiteral("system"));
}

QString AppSettings::language()
{
    return QSettings().value(kLanguage).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    QSettings().setValue(kLanguage, language);
}

QStringList AppSettings::recentFiles()
{
    return QSettings().value(kRecent).toStringList();
}

void AppSettings::addRecentFile(const QString &path)
{
    const QString canonical = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(canonical);
    files.prepend(canonical);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    QSettings().setValue(kRecent, files);
}

void AppSettings::removeRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    QSettings().setValue(kRecent, files);
}

QByteArray AppSettings::windowGeometry()
{
    return QSettings().value(kGeometry).toByteArray();
}

QByteArray AppSettings::windowState()
{
    return QSettings().value(kState).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry, const QByteArray &state)
{
    QSettings s;
    s.setValue(kGeometry, geometry);
    s.setValue(kState, state);
}

QStringList AppSettings::openFiles()
{
    return QSettings().value(kOpen).toStringList();
}

void AppSettings::setOpenFiles(const QStringList &files)
{
    QSettings().setValue(kOpen, files);
}

bool AppSettings::firstStartDone()
{
    return QSettings().value(kFirstStart, false).toBool();
}

void AppSettings::setFirstStartDone()
{
    QSettings().setValue(kFirstStart, true);
}

QVariantList AppSettings::publishTargets()
{
    return QSettings().value(kPublishTargets).toList();
}

void AppSettings::setPublishTargets(const QVariantList &targets)
{
    QSettings().setValue(kPublishTargets, targets);
}

} // namespace Gatehouse::Ui
