#pragma once

#include <QString>
#include <QStringList>

namespace Gatehouse::Ui {

// Installs the application's translators (Gatehouse's own .qm embedded at :/i18n, plus Qt's
// when installed). GUI thread; QEvent::LanguageChange reaches every widget, which retranslates.
class Translations
{
public:
    // `language` as stored in AppSettings: "" follows the system locale.
    static void apply(const QString &language);
    // Languages Gatehouse ships, as locale names ("en" first).
    static QStringList available();
    // The language's own name ("English", "简体中文").
    static QString nativeName(const QString &language);
};

} // namespace Gatehouse::Ui
