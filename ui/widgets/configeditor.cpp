#include "configeditor.h"

#include <Qsci/qscilexerjson.h>

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFontDatabase>
#include <QMimeData>

namespace Gatehouse::Ui {

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
}

QByteArray ConfigEditor::utf8Text() const
{
    return text().toUtf8();
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
