#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Gatehouse::Ui {

// Typed access to the desktop app's persistent settings (QSettings, organisation "Gatehouse").
// GUI thread only. Keys are kept here so that no other file spells a settings key.
class AppSettings
{
public:
    enum class Theme { System, Light, Dark };

    static Theme theme();
    static void setTheme(Theme theme);
    // "" = follow the system locale; otherwise a locale name such as "zh_CN" or "en".
    static QString language();
    static void setLanguage(const QString &language);

    static QStringList recentFiles();
    static void addRecentFile(const QString &path);
    static void removeRecentFile(const QString &path);
    static constexpr int MaxRecentFiles = 10;

    static QByteArray windowGeometry();
    static QByteArray windowState();
    static void setWindowGeometry(const QByteArray &geometry, const QByteArray &state);
    // Files open when the app last quit, restored at the next start.
    static QStringList openFiles();
    static void setOpenFiles(const QStringList &files);
    // Whether the first start (which opens the demo) has happened.
    static bool firstStartDone();
    static void setFirstStartDone();
    // Publish targets used last, newest first (PublishTarget::toSettings maps).
    static QVariantList publishTargets();
    static void setPublishTargets(const QVariantList &targets);
};

} // namespace Gatehouse::Ui
