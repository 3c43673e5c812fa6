#include "diffview.h"

#include <QEvent>
#include <QFontDatabase>
#include <QSyntaxHighlighter>

namespace Gatehouse::Ui {

class DiffHighlighter : public QSyntaxHighlighter
{
public:
    explicit DiffHighlighter(QPlainTextEdit *view)
        : QSyntaxHighlighter(view->document())
        , m_view(view)
    {}

    bool enabled = false;

protected:
    void highlightBlock(const QString &text) override
    {
        if (!enabled || text.isEmpty())
            return;
        QColor tint;
        if (text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---")))
            tint = QColor(128, 128, 128);
        else if (text.startsWith(QLatin1Char('+')))
            tint = QColor(40, 180, 60);
        else if (text.startsWith(QLatin1Char('-')))
            tint = QColor(220, 50, 50);
        else if (text.startsWith(QLatin1String("@@")))
            tint = QColor(60, 120, 230);
        else
            return;
        // Mix the tint into the base colour: about 25 % on a light base, 35 % on a dark one, so
        // the text colour of either palette keeps its contrast.
        const QPalette palette = m_view->palette();
        const QColor base = palette.color(QPalette::Base);
        const qreal share = base.lightness() < 128 ? 0.35 : 0.22;
        const QColor mixed = QColor::fromRgbF(base.redF() * (1 - share) + tint.redF() * share,
                                              base.greenF() * (1 - share) + tint.greenF() * share,
                                              base.blueF() * (1 - share) + tint.blueF() * share);
        QTextCharFormat format;
        format.setBackground(mixed);
        format.setForeground(palette.color(QPalette::Text));
        setFormat(0, int(text.size()), format);
    }

private:
    QPlainTextEdit *m_view;
};

DiffView::DiffView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new DiffHighlighter(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

void DiffView::setDiff(const QString &diff, const QString &placeholder)
{
    m_highlighter->enabled = !diff.isEmpty();
    setPlainText(diff.isEmpty() ? placeholder : diff);
}

void DiffView::setPlainContent(const QString &text)
{
    m_highlighter->enabled = false;
    setPlainText(text);
}

void DiffView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->rehighlight();
}

} // namespace Gatehouse::Ui
