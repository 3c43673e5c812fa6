#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QsciScintilla;

namespace Gatehouse::Ui {

// An inline find-and-replace bar under an editor (Qt Creator style): Enter finds the next match,
// Shift+Enter the previous one, Escape closes. GUI thread.
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QsciScintilla *editor, QWidget *parent = nullptr);

    // Shows the bar with the editor's selection (if any) as the search text; with `replace`
    // the replace row is visible too.
    void activate(bool replace);
    bool findNext(bool backwards = false);
    // Replaces every match in the document as one undo step; returns the number replaced.
    int replaceAll();
    void retranslateUi();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void replaceCurrent();
    void updateStatus(bool found);

    QsciScintilla *m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_caseSensitive;
    QCheckBox *m_regex;
    QPushButton *m_next;
    QPushButton *m_previous;
    QPushButton *m_replaceOne;
    QPushButton *m_replaceAll;
    QPushButton *m_close;
    QLabel *m_status;
    QWidget *m_replaceRow;
};

} // namespace Gatehouse::Ui
