#pragma once

#include <Qsci/qsciscintilla.h>

namespace Gatehouse::Ui {

// The config.json editor: QScintilla with JSON highlighting, folding, brace matching and line
// numbers. Lives in the GUI thread.
class ConfigEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit ConfigEditor(QWidget *parent = nullptr);
};

} // namespace Gatehouse::Ui
