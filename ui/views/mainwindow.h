#pragma once

#include <QMainWindow>

namespace Gatehouse::Ui {

class ConfigEditor;

// The main window. Lives in the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Loads a config file into the editor; returns false (and says why) when it cannot be read.
    bool openFile(const QString &path);
    void openText(const QString &title, const QByteArray &text);
    ConfigEditor *editor() const { return m_editor; }

private:
    ConfigEditor *m_editor = nullptr;
};

} // namespace Gatehouse::Ui
