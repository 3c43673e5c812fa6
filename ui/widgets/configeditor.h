#pragma once

#include "config/configcompleter.h"
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
    // Selects utf8Text() bytes [offset, offset + length) and scrolls their start into view.
    void selectRange(quint32 offset, quint32 length);
    quint32 cursorOffset() const;

    // Shows diagnostics computed for the current text: squiggles under their ranges, a marker in
    // the margin, and (when enabled) an inline annotation under the line.
    void setDiagnostics(const QList<Core::Diagnostic> &diagnostics);
    const QList<Core::Diagnostic> &diagnostics() const { return m_diagnostics; }
    // Diagnostics whose range or line contains the byte offset.
    QList<Core::Diagnostic> diagnosticsAt(quint32 offset) const;
    void setInlineAnnotations(bool enabled);
    bool inlineAnnotations() const { return m_annotations; }
    // The config whose names (services, ports) completion proposes; the last one that loaded.
    void setCompletionNames(std::shared_ptr<const Core::Config> config) { m_names = std::move(config); }
    // Shows schema-aware completions at the cursor (Ctrl+Space; also after typing a quote).
    // Returns the number of proposals shown.
    int showCompletions();
    // Inserts the proposal with this label from the list on show (as picking it does).
    bool acceptCompletion(const QString &label);
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
    void keyPressEvent(QKeyEvent *event) override;

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
    std::shared_ptr<const Core::Config> m_names;
    Core::ConfigCompleter::Result m_completion; // the proposals on show
};

} // namespace Gatehouse::Ui
