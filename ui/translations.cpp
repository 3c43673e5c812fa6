#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Gatehouse::Ui {

namespace {
QTranslator *s_app = nullptr;
QTranslator *s_qt = nullptr;
} // namespace

QStringList Translations::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Translations::nativeName(const QString &language)
{
    return QLocale(language).nativeLanguageName();
}

void Translations::apply(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    for (QTranslator **t : {&s_app, &s_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    // English (and any language without a translation) shows the source strings, with the
    // plural forms from gatehouse_en ("1 error", "2 errors" for "%n error(s)").
    auto *app = new QTranslator;
    if (app->load(locale, QStringLiteral("gatehouse"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || app->load(QStringLiteral(":/i18n/gatehouse_en.qm"))) {
        QCoreApplication::installTranslator(app);
        s_app = app;
    } else {
        delete app;
    }
    auto *qt = new QTranslator;
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        s_qt = qt;
    } else {
        delete qt;
    }
}

} // namespace Gatehouse::Ui
