#pragma once

#include <Qsci/qsciscintilla.h>

class QsciLexerJSON;

namespace Gatehouse::Ui {

// The config.json editor: QScintilla with JSON highlighting, folding, brace matching, line
// numbers and a margin for diagnostics. Lives in the GUI thread.
class ConfigEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit ConfigEditor(QWidget *parent = nullptr);

    // Re-colours the editor for a light or dark palette.
    void applyTheme(bool dark);
    // Text as UTF-8 bytes, which is what core/config parses (offsets are byte offsets).
    QByteArray utf8Text() const;
    // Moves the cursor to a 1-based line and column and centres it.
    void goTo(int line, int column);

signals:
    // Files dropped onto the editor: the window opens them instead of inserting their paths.
    void filesDropped(const QStringList &paths);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QsciLexerJSON *m_lexer;
};

} // namespace Gatehouse::Ui
