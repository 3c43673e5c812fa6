#include "mainwindow.h"

#include "widgets/configeditor.h"

#include <QFile>
#include <QFileInfo>
#include <QMessageBox>

namespace Gatehouse::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_editor(new ConfigEditor(this))
{
    setCentralWidget(m_editor);
    resize(1100, 750);
    setWindowTitle(tr("Gatehouse"));
}

bool MainWindow::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Open config"),
                             tr("Cannot open %1: %2").arg(path, file.errorString()));
        return false;
    }
    openText(QFileInfo(path).fileName(), file.readAll());
    return true;
}

void MainWindow::openText(const QString &title, const QByteArray &text)
{
    m_editor->setText(QString::fromUtf8(text));
    setWindowTitle(tr("%1 - Gatehouse").arg(title));
}

} // namespace Gatehouse::Ui
