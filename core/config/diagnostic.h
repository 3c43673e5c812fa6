#pragma once

#include "jsondocument.h"
#include "textedit.h"

#include <QList>
#include <QString>

namespace Gatehouse::Core {

enum class Severity : quint8 { Error, Warning, Info };

// A change that resolves a diagnostic, offered as a quick-fix in the editor and applied by
// migrations ("migrate legacy keys").
struct QuickFix
{
    QString title; // user-visible, translated
    QList<TextEdit> edits;
};

// One finding about a config text. `code` is stable (documented, used by tests, filters and
// suppressions); `message` is for people and translated.
struct Diagnostic
{
    Severity severity = Severity::Error;
    QString code;
    QString message;
    quint32 offset = 0; // byte range in the text the finding is about
    quint32 length = 0;
    TextPosition position; // of `offset`
    QList<QuickFix> fixes;

    // "FILE:LINE:COL: error: message [code]", the form compilers use and editors and CI logs
    // understand.
    QString format(const QString &fileName) const;
};

QString severityName(Severity severity);

} // namespace Gatehouse::Core
