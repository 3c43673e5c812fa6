#pragma once

#include "config/diagnostic.h"

#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>

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
    // Moves the cursor to a byte offset of utf8Text().
    void goToOffset(quint32 offset);
    quint32 cursorOffset() const;

    // Shows diagnostics computed for the current text: squiggles under their ranges, a marker in
    // the margin, and (when enabled) an inline annotation under the line.
    void setDiagnostics(const QList<Core::Diagnostic> &diagnostics);
    const QList<Core::Diagnostic> &diagnostics() const { return m_diagnostics; }
    // Diagnostics whose range or line contains the byte offset.
    QList<Core::Diagnostic> diagnosticsAt(quint32 offset) const;
    void setInlineAnnotations(bool enabled);
    bool inlineAnnotations() const { return m_annotations; }
    // Applies text edits (a quick-fix, a migration) as one undo step; false when they overlap or
    // run past the end (then nothing changes).
    bool applyEdits(const QList<Core::TextEdit> &edits);

signals:
    // The user picked a quick-fix from the context menu (after it was applied).
    void quickFixApplied(const QString &title);
    // Files dropped onto the editor: the window opens them instead of inserting their paths.
    void filesDropped(const QStringList &paths);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void refreshAnnotations();

    QsciLexerJSON *m_lexer;
    QList<Core::Diagnostic> m_diagnostics;
    bool m_annotations = true;
    bool m_dark = false;
    int m_errorIndicator = -1;
    int m_warningIndicator = -1;
    int m_infoIndicator = -1;
    QsciStyle m_errorStyle;
    QsciStyle m_warningStyle;
};

} // namespace Gatehouse::Ui
