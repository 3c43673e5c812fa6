#pragma once

#include <QPlainTextEdit>

namespace Gatehouse::Ui {

class DiffHighlighter;

// A read-only view of a unified diff (TextDiff) or of plain text: added lines on a green,
// removed lines on a red, hunk headers on a blue tint, each mixed with the palette's base colour
// so that they read well in the light and the dark palette. GUI thread only.
class DiffView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit DiffView(QWidget *parent = nullptr);

    // Shows a unified diff (coloured), or `placeholder` when `diff` is empty.
    void setDiff(const QString &diff, const QString &placeholder = QString());
    // Shows text without diff colouring.
    void setPlainContent(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    DiffHighlighter *m_highlighter;
};

} // namespace Gatehouse::Ui
