#include "settingsdialog.h"

#include "appsettings.h"
#include "theme.h"
#include "translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>

namespace Gatehouse::Ui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_theme(new QComboBox(this))
    , m_language(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    m_theme->addItem(tr("Follow the desktop"), int(AppSettings::Theme::System));
    m_theme->addItem(tr("Light"), int(AppSettings::Theme::Light));
    m_theme->addItem(tr("Dark"), int(AppSettings::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(AppSettings::theme())));

    m_language->addItem(tr("Follow the system"), QString());
    for (const QString &lang : Translations::available())
        m_language->addItem(Translations::nativeName(lang), lang);
    m_language->setCurrentIndex(qMax(0, m_language->findData(AppSettings::language())));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("&Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

void SettingsDialog::accept()
{
    const auto theme = AppSettings::Theme(m_theme->currentData().toInt());
    AppSettings::setTheme(theme);
    Theme::apply(theme);
    const QString language = m_language->currentData().toString();
    if (language != AppSettings::language()) {
        AppSettings::setLanguage(language);
        Translations::apply(language);
    }
    QDialog::accept();
}

} // namespace Gatehouse::Ui
