#include "findbar.h"

#include <Qsci/qsciscintilla.h>

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Gatehouse::Ui {

FindBar::FindBar(QsciScintilla *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_caseSensitive(new QCheckBox(this))
    , m_regex(new QCheckBox(this))
    , m_next(new QPushButton(this))
    , m_previous(new QPushButton(this))
    , m_replaceOne(new QPushButton(this))
    , m_replaceAll(new QPushButton(this))
    , m_close(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_replaceRow(new QWidget(this))
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_find, 1);
    findRow->addWidget(m_previous);
    findRow->addWidget(m_next);
    findRow->addWidget(m_caseSensitive);
    findRow->addWidget(m_regex);
    findRow->addWidget(m_status);
    findRow->addWidget(m_close);
    auto *replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replace, 1);
    replaceRow->addWidget(m_replaceOne);
    replaceRow->addWidget(m_replaceAll);
    layout->addLayout(findRow, 0, 0);
    layout->addWidget(m_replaceRow, 1, 0);
    m_find->setClearButtonEnabled(true);
    m_find->installEventFilter(this);
    m_replace->installEventFilter(this);
    m_close->setFlat(true);

    connect(m_next, &QPushButton::clicked, this, [this] { findNext(false); });
    connect(m_previous, &QPushButton::clicked, this, [this] { findNext(true); });
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(false); });
    connect(m_replaceOne, &QPushButton::clicked, this, &FindBar::replaceCurrent);
    connect(m_replaceAll, &QPushButton::clicked, this, &FindBar::replaceAll);
    connect(m_close, &QPushButton::clicked, this, [this] {
        hide();
        m_editor->setFocus();
    });
    retranslateUi();
    hide();
}

void FindBar::retranslateUi()
{
    m_find->setPlaceholderText(tr("Find"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_caseSensitive->setText(tr("Match case"));
    m_regex->setText(tr("Regular expression"));
    m_next->setText(tr("Next"));
    m_previous->setText(tr("Previous"));
    m_replaceOne->setText(tr("Replace"));
    m_replaceAll->setText(tr("Replace All"));
    m_close->setText(tr("Close"));
}

void FindBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void FindBar::activate(bool replace)
{
    if (m_editor->hasSelectedText() && !m_editor->selectedText().contains(QLatin1Char('\n')))
        m_find->setText(m_editor->selectedText());
    m_replaceRow->setVisible(replace);
    show();
    m_find->setFocus();
    m_find->selectAll();
}

bool FindBar::findNext(bool backwards)
{
    const QString text = m_find->text();
    if (text.isEmpty())
        return false;
    int line = 0;
    int index = 0;
    if (backwards && m_editor->hasSelectedText()) {
        // Start before the current match, or findFirst finds it again.
        int lineTo = 0;
        int indexTo = 0;
        m_editor->getSelection(&line, &index, &lineTo, &indexTo);
    } else {
        m_editor->getCursorPosition(&line, &index);
    }
    const bool found = m_editor->findFirst(text, m_regex->isChecked(), m_caseSensitive->isChecked(),
                                           false, true, !backwards, line, index);
    updateStatus(found);
    return found;
}

void FindBar::replaceCurrent()
{
    if (m_editor->hasSelectedText())
        m_editor->replace(m_replace->text());
    findNext(false);
}

int FindBar::replaceAll()
{
    const QString text = m_find->text();
    if (text.isEmpty())
        return 0;
    int count = 0;
    m_editor->beginUndoAction();
    bool found = m_editor->findFirst(text, m_regex->isChecked(), m_caseSensitive->isChecked(),
                                     false, false, true, 0, 0);
    while (found) {
        m_editor->replace(m_replace->text());
        ++count;
        found = m_editor->findNext();
    }
    m_editor->endUndoAction();
    m_status->setText(tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::updateStatus(bool found)
{
    m_status->setText(found ? QString() : tr("Not found"));
    QPalette p = m_find->palette();
    p.setColor(QPalette::Base, found ? palette().color(QPalette::Base) : QColor(0xff, 0xd0, 0xd0));
    p.setColor(QPalette::Text, found ? palette().color(QPalette::Text) : QColor(Qt::black));
    m_find->setPalette(p);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            hide();
            m_editor->setFocus();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            if (watched == m_replace) {
                replaceCurrent();
                return true;
            }
            if (key->modifiers() & Qt::ShiftModifier) {
                findNext(true);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Gatehouse::Ui
