#include "diagnostic.h"

namespace Gatehouse::Core {

QString severityName(Severity severity)
{
    // Not translated: compilers' and CI tools' parsers read these words.
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        return QStringLiteral("note");
    }
    return {};
}

QString Diagnostic::format(const QString &fileName) const
{
    return QStringLiteral("%1:%2:%3: %4: %5 [%6]")
        .arg(fileName)
        .arg(position.line)
        .arg(position.column)
        .arg(severityName(severity), message, code);
}

} // namespace Gatehouse::Core
