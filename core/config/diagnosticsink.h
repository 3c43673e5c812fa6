#pragma once

#include "diagnostic.h"
#include "jsondocument.h"

#include <QLatin1StringView>
#include <QList>

namespace Gatehouse::Core {

// Collects the diagnostics of one load. Knows the document so each finding gets its line and
// column from the JSON node it is about. Not thread-safe; one per load.
class DiagnosticSink
{
public:
    explicit DiagnosticSink(const JsonDocument &document)
        : m_document(document)
    {}

    // Which part of a member a finding points at: its key (unknown or legacy keys, a missing
    // field's owner) or its value (wrong types, bad values).
    enum class Span : quint8 { Key, Value };

    // Adds a finding about `at` and returns it so the caller can attach quick-fixes. The
    // reference stays valid until the next add().
    Diagnostic &add(Severity severity,
                    QLatin1StringView code,
                    const JsonValue &at,
                    Span span,
                    const QString &message);
    Diagnostic &
    error(QLatin1StringView code, const JsonValue &at, Span span, const QString &message)
    {
        return add(Severity::Error, code, at, span, message);
    }
    Diagnostic &
    warning(QLatin1StringView code, const JsonValue &at, Span span, const QString &message)
    {
        return add(Severity::Warning, code, at, span, message);
    }

    const JsonDocument &document() const { return m_document; }
    const QList<Diagnostic> &diagnostics() const { return m_diagnostics; }
    // The findings in text order (stable for findings at the same offset).
    QList<Diagnostic> take();

private:
    const JsonDocument &m_document;
    QList<Diagnostic> m_diagnostics;
};

} // namespace Gatehouse::Core
