#include "configeditor.h"

#include <Qsci/qscilexerjson.h>

#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QMenu>
#include <QDropEvent>
#include <QKeyEvent>
#include <QFontDatabase>
#include <QMimeData>

namespace Gatehouse::Ui {

using Core::Diagnostic;
using Core::Severity;

namespace {
// Marker numbers in the symbol margin (margin 1).
constexpr int ErrorMarker = 1;
constexpr int WarningMarker = 2;
// The diagnostics margin. (Not "SymbolMargin": inside the class that name is QsciScintilla's enum.)
constexpr int DiagnosticMargin = 1;
constexpr int CompletionListId = 1;
} // namespace

ConfigEditor::ConfigEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(new QsciLexerJSON(this))
{
    setUtf8(true);
    setLexer(m_lexer);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(2);
    setTabWidth(2);
    setIndentationGuides(true);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setFolding(QsciScintilla::BoxedTreeFoldStyle);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginLineNumbers(0, true);
    setMarginWidth(0, QStringLiteral("00000"));
    setCaretLineVisible(true);
    setEolMode(QsciScintilla::EolUnix);
    // Size the horizontal scroll range to the longest line seen, not Scintilla's 2000 px default.
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1);
    viewport()->installEventFilter(this);

    setMarginType(DiagnosticMargin, QsciScintilla::SymbolMargin);
    setMarginWidth(DiagnosticMargin, 14);
    setMarginMarkerMask(DiagnosticMargin, (1 << ErrorMarker) | (1 << WarningMarker));
    setMarginSensitivity(DiagnosticMargin, true);
    markerDefine(QsciScintilla::Circle, ErrorMarker);
    markerDefine(QsciScintilla::Circle, WarningMarker);
    m_errorIndicator = indicatorDefine(QsciScintilla::SquiggleLowIndicator);
    m_warningIndicator = indicatorDefine(QsciScintilla::SquiggleLowIndicator);
    m_infoIndicator = indicatorDefine(QsciScintilla::DotsIndicator);
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    connect(this, &QsciScintilla::marginClicked, this, [this](int margin, int line, Qt::KeyboardModifiers) {
        if (margin != DiagnosticMargin)
            return;
        for (const Diagnostic &d : std::as_const(m_diagnostics)) {
            if (d.position.line == line + 1) {
                goTo(d.position.line, d.position.column);
                return;
            }
        }
    });
    connect(this, &QsciScintilla::userListActivated, this, [this](int id, const QString &label) {
        if (id == CompletionListId)
            acceptCompletion(label);
    });
    connect(this, &QsciScintilla::SCN_CHARADDED, this, [this](int ch) {
        if (ch == '"' && !isListActive())
            showCompletions();
    });
    applyTheme(false);
}

void ConfigEditor::applyTheme(bool dark)
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer->setDefaultFont(mono);
    m_lexer->setFont(mono);
    const QColor paper = dark ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white);
    const QColor ink = dark ? QColor(0xdf, 0xe1, 0xe5) : QColor(0x1f, 0x23, 0x28);
    m_lexer->setDefaultPaper(paper);
    m_lexer->setPaper(paper);
    m_lexer->setDefaultColor(ink);
    m_lexer->setColor(ink);
    // Keys, strings, numbers and keywords in colours readable on either background.
    m_lexer->setColor(dark ? QColor(0x7a, 0xb8, 0xff) : QColor(0x00, 0x4d, 0xa6), QsciLexerJSON::Property);
    m_lexer->setColor(dark ? QColor(0x9c, 0xd6, 0x8a) : QColor(0x0a, 0x7a, 0x26), QsciLexerJSON::String);
    m_lexer->setColor(dark ? QColor(0xf2, 0xb3, 0x6b) : QColor(0xa1, 0x4b, 0x00), QsciLexerJSON::Number);
    m_lexer->setColor(dark ? QColor(0xd4, 0x9b, 0xf7) : QColor(0x80, 0x20, 0xa0), QsciLexerJSON::Keyword);
    m_lexer->setColor(dark ? QColor(0xff, 0x70, 0x70) : QColor(0xc0, 0x00, 0x00), QsciLexerJSON::UnclosedString);
    m_lexer->setColor(ink, QsciLexerJSON::Operator);
    setMarginsBackgroundColor(dark ? QColor(0x2b, 0x2d, 0x30) : QColor(0xf3, 0xf3, 0xf3));
    setMarginsForegroundColor(dark ? QColor(0x8a, 0x8d, 0x93) : QColor(0x80, 0x80, 0x80));
    setFoldMarginColors(paper, paper);
    setCaretForegroundColor(ink);
    setCaretLineBackgroundColor(dark ? QColor(0x26, 0x28, 0x2e) : QColor(0xf5, 0xf8, 0xff));
    setMatchedBraceBackgroundColor(dark ? QColor(0x3b, 0x51, 0x4d) : QColor(0xd0, 0xec, 0xd0));
    setSelectionBackgroundColor(dark ? QColor(0x21, 0x42, 0x83) : QColor(0xb3, 0xd4, 0xfc));

    const QColor error = dark ? QColor(0xff, 0x6b, 0x68) : QColor(0xd7, 0x1f, 0x1f);
    const QColor warning = dark ? QColor(0xe5, 0xb5, 0x3c) : QColor(0xc7, 0x7c, 0x00);
    setIndicatorForegroundColor(error, m_errorIndicator);
    setIndicatorForegroundColor(warning, m_warningIndicator);
    setIndicatorForegroundColor(dark ? QColor(0x6c, 0xa6, 0xf2) : QColor(0x2f, 0x65, 0xca), m_infoIndicator);
    setMarkerBackgroundColor(error, ErrorMarker);
    setMarkerForegroundColor(error, ErrorMarker);
    setMarkerBackgroundColor(warning, WarningMarker);
    setMarkerForegroundColor(warning, WarningMarker);
    QFont small = mono;
    small.setPointSizeF(mono.pointSizeF() * 0.9);
    m_errorStyle = QsciStyle(-1, QStringLiteral("error annotation"), error,
                             dark ? QColor(0x3a, 0x22, 0x24) : QColor(0xfd, 0xec, 0xec), small);
    m_warningStyle = QsciStyle(-1, QStringLiteral("warning annotation"), warning,
                               dark ? QColor(0x36, 0x30, 0x1f) : QColor(0xfd, 0xf6, 0xe3), small);
    m_dark = dark;
    refreshAnnotations();
}

quint32 ConfigEditor::cursorOffset() const
{
    return quint32(const_cast<ConfigEditor *>(this)->SendScintilla(SCI_GETCURRENTPOS));
}

void ConfigEditor::goToOffset(quint32 offset)
{
    SendScintilla(SCI_GOTOPOS, static_cast<unsigned long>(offset));
    SendScintilla(SCI_SCROLLCARET);
    setFocus();
}

void ConfigEditor::selectRange(quint32 offset, quint32 length)
{
    // Caret at the start, so the start of the rule is what scrolls into view.
    SendScintilla(SCI_SETSEL, static_cast<unsigned long>(offset + length), static_cast<long>(offset));
    SendScintilla(SCI_SCROLLCARET);
    setFocus();
}

void ConfigEditor::setDiagnostics(const QList<Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    const long docLength = SendScintilla(SCI_GETLENGTH);
    for (int indicator : {m_errorIndicator, m_warningIndicator, m_infoIndicator}) {
        SendScintilla(SCI_SETINDICATORCURRENT, indicator);
        SendScintilla(SCI_INDICATORCLEARRANGE, 0, docLength);
    }
    markerDeleteAll(ErrorMarker);
    markerDeleteAll(WarningMarker);
    for (const Diagnostic &d : diagnostics) {
        const int indicator = d.severity == Severity::Error     ? m_errorIndicator
                              : d.severity == Severity::Warning ? m_warningIndicator
                                                                : m_infoIndicator;
        const long start = qMin<long>(d.offset, docLength);
        // Zero-length findings (a missing comma) still get a visible one-character squiggle.
        const long length = qMin<long>(qMax<quint32>(d.length, 1), docLength - start);
        SendScintilla(SCI_SETINDICATORCURRENT, indicator);
        if (length > 0)
            SendScintilla(SCI_INDICATORFILLRANGE, start, length);
        if (d.severity != Severity::Info)
            markerAdd(d.position.line - 1, d.severity == Severity::Error ? ErrorMarker : WarningMarker);
    }
    refreshAnnotations();
}

void ConfigEditor::setInlineAnnotations(bool enabled)
{
    m_annotations = enabled;
    refreshAnnotations();
}

void ConfigEditor::refreshAnnotations()
{
    clearAnnotations();
    if (!m_annotations)
        return;
    // One box under each line: its findings, worst first.
    QMap<int, QList<const Diagnostic *>> byLine;
    for (const Diagnostic &d : std::as_const(m_diagnostics)) {
        if (d.severity != Severity::Info)
            byLine[d.position.line - 1].append(&d);
    }
    for (auto it = byLine.cbegin(); it != byLine.cend(); ++it) {
        QStringList lines;
        bool error = false;
        for (const Diagnostic *d : it.value()) {
            error |= d->severity == Severity::Error;
            lines << QStringLiteral("%1 [%2]").arg(d->message, d->code);
        }
        annotate(it.key(), lines.join(QLatin1Char('\n')), error ? m_errorStyle : m_warningStyle);
    }
}

QList<Diagnostic> ConfigEditor::diagnosticsAt(quint32 offset) const
{
    int line = 0;
    int index = 0;
    lineIndexFromPosition(int(offset), &line, &index);
    QList<Diagnostic> found;
    for (const Diagnostic &d : m_diagnostics) {
        const bool inRange = offset >= d.offset && offset <= d.offset + d.length;
        if (inRange || d.position.line == line + 1)
            found << d;
    }
    return found;
}

bool ConfigEditor::applyEdits(const QList<Core::TextEdit> &edits)
{
    // Validate against the current text first so a bad edit list changes nothing.
    if (!Core::applyTextEdits(utf8Text(), edits))
        return false;
    QList<Core::TextEdit> sorted = edits;
    std::sort(sorted.begin(), sorted.end(),
              [](const Core::TextEdit &a, const Core::TextEdit &b) { return a.offset > b.offset; });
    beginUndoAction();
    for (const Core::TextEdit &e : std::as_const(sorted)) {
        SendScintilla(SCI_SETTARGETRANGE, static_cast<unsigned long>(e.offset),
                      static_cast<long>(e.offset + e.length));
        SendScintilla(SCI_REPLACETARGET, static_cast<unsigned long>(e.replacement.size()),
                      e.replacement.constData());
    }
    endUndoAction();
    return true;
}

int ConfigEditor::showCompletions()
{
    m_completion = Core::ConfigCompleter::fgw().complete(utf8Text(), cursorOffset(), m_names.get());
    if (m_completion.items.isEmpty())
        return 0;
    QStringList labels;
    labels.reserve(m_completion.items.size());
    for (const Core::CompletionItem &item : std::as_const(m_completion.items))
        labels << item.label;
    // Labels contain no spaces; keep Scintilla's default separator and order as given.
    SendScintilla(SCI_AUTOCSETORDER, SC_ORDER_CUSTOM);
    showUserList(CompletionListId, labels);
    return int(labels.size());
}

bool ConfigEditor::acceptCompletion(const QString &label)
{
    for (const Core::CompletionItem &item : std::as_const(m_completion.items)) {
        if (item.label != label)
            continue;
        const Core::TextEdit edit{m_completion.replaceStart,
                                  m_completion.replaceEnd - m_completion.replaceStart,
                                  item.insertText.toUtf8()};
        if (!applyEdits({edit}))
            return false;
        quint32 caret = edit.offset + quint32(edit.replacement.size());
        // Put the caret inside a value skeleton ({}, [], "") so typing continues there.
        if (edit.replacement.endsWith("{}") || edit.replacement.endsWith("[]")
            || (edit.replacement.endsWith(": \"\"")))
            --caret;
        goToOffset(caret);
        return true;
    }
    return false;
}

void ConfigEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier)) {
        showCompletions();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

void ConfigEditor::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu();
    const quint32 offset = event->reason() == QContextMenuEvent::Mouse
                               ? quint32(SendScintilla(SCI_POSITIONFROMPOINT, event->pos().x(), event->pos().y()))
                               : cursorOffset();
    const QList<Diagnostic> here = diagnosticsAt(offset);
    bool first = true;
    for (const Diagnostic &d : here) {
        for (const Core::QuickFix &fix : d.fixes) {
            if (first) {
                menu->insertSeparator(menu->actions().value(0));
                first = false;
            }
            QAction *action = new QAction(tr("Quick fix: %1").arg(fix.title), menu);
            connect(action, &QAction::triggered, this, [this, fix] {
                if (applyEdits(fix.edits))
                    emit quickFixApplied(fix.title);
            });
            menu->insertAction(menu->actions().value(0), action);
        }
    }
    menu->exec(event->globalPos());
    delete menu;
}

QByteArray ConfigEditor::utf8Text() const
{
    // The document's own UTF-8 buffer, copied once (text() would convert to UTF-16 and back).
    auto *self = const_cast<ConfigEditor *>(this);
    const long length = self->SendScintilla(SCI_GETLENGTH);
    const auto *bytes = reinterpret_cast<const char *>(self->SendScintilla(SCI_GETCHARACTERPOINTER));
    return bytes ? QByteArray(bytes, length) : QByteArray();
}

void ConfigEditor::goTo(int line, int column)
{
    if (line < 1)
        return;
    // QScintilla's index is in characters for UTF-8 documents; our columns count code points.
    setCursorPosition(line - 1, qMax(0, column - 1));
    ensureLineVisible(line - 1);
    SendScintilla(SCI_SCROLLCARET);
    setFocus();
}

bool ConfigEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == viewport()) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *drag = static_cast<QDropEvent *>(event);
            if (drag->mimeData()->hasUrls()) {
                drag->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *drop = static_cast<QDropEvent *>(event);
            if (drop->mimeData()->hasUrls()) {
                QStringList paths;
                for (const QUrl &url : drop->mimeData()->urls()) {
                    if (url.isLocalFile())
                        paths << url.toLocalFile();
                }
                drop->acceptProposedAction();
                if (!paths.isEmpty())
                    emit filesDropped(paths);
                return true;
            }
        }
    }
    return QsciScintilla::eventFilter(watched, event);
}

} // namespace Gatehouse::Ui
