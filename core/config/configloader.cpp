#include "configloader.h"

#include "configreader.h"
#include "configvalidator.h"
#include "diagnosticcodes.h"
#include "diagnosticsink.h"

#include <QCoreApplication>

#include <algorithm>

namespace Gatehouse::Core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::ConfigLoader)
};
} // namespace

bool LoadResult::hasErrors() const
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

bool LoadResult::hasWarnings() const
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                       [](const Diagnostic &d) { return d.severity == Severity::Warning; });
}

QList<Diagnostic> LoadResult::withCode(QStringView code) const
{
    QList<Diagnostic> out;
    for (const Diagnostic &d : diagnostics) {
        if (d.code == code)
            out.append(d);
    }
    return out;
}

LoadResult ConfigLoader::load(const QByteArray &text)
{
    LoadResult result;
    auto parsed = JsonDocument::parse(text);
    if (!parsed.ok()) {
        Diagnostic d;
        d.severity = Severity::Error;
        d.code = DiagnosticCode::JsonSyntax;
        d.message = parsed.error.message;
        d.offset = parsed.error.offset;
        d.position = parsed.error.position;
        result.diagnostics.append(d);
        return result;
    }
    result.document = parsed.document;
    DiagnosticSink sink(*parsed.document);
    ConfigReader reader(sink);
    std::shared_ptr<Config> config = reader.read(parsed.document);
    ConfigValidator(*config, sink).validate();
    result.config = std::move(config);
    result.diagnostics = sink.take();
    return result;
}

std::optional<QByteArray> ConfigLoader::migrateLegacyKeys(const QByteArray &text)
{
    const LoadResult r = load(text);
    if (!r.document)
        return std::nullopt;
    QList<TextEdit> edits;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.code == DiagnosticCode::LegacyKey && !d.fixes.isEmpty())
            edits += d.fixes.first().edits;
    }
    // The fixes of different legacy keys touch disjoint text by construction (each rewrites
    // only its own member), so they apply together.
    return applyTextEdits(text, edits);
}

} // namespace Gatehouse::Core
