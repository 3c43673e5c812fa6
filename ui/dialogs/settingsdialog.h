#pragma once

#include <QDialog>

class QComboBox;

namespace Gatehouse::Ui {

// Preferences: theme and language. Applies on OK. GUI thread.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    void accept() override;

private:
    QComboBox *m_theme;
    QComboBox *m_language;
};

} // namespace Gatehouse::Ui
