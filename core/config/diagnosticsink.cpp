#include "diagnosticsink.h"

#include <algorithm>

namespace Gatehouse::Core {

Diagnostic &DiagnosticSink::add(Severity severity,
                                QLatin1StringView code,
                                const JsonValue &at,
                                Span span,
                                const QString &message)
{
    Diagnostic d;
    d.severity = severity;
    d.code = code;
    d.message = message;
    if (at.isValid()) {
        const bool onKey = span == Span::Key && at.hasKey();
        d.offset = onKey ? at.keyOffset() : at.offset();
        d.length = onKey ? at.keyLength() : at.length();
    }
    d.position = m_document.positionOf(d.offset);
    m_diagnostics.append(std::move(d));
    return m_diagnostics.last();
}

QList<Diagnostic> DiagnosticSink::take()
{
    std::stable_sort(m_diagnostics.begin(), m_diagnostics.end(),
                     [](const Diagnostic &a, const Diagnostic &b) { return a.offset < b.offset; });
    return std::exchange(m_diagnostics, {});
}

} // namespace Gatehouse::Core
