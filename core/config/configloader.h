#pragma once

#include "config.h"
#include "diagnostic.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <optional>

namespace Gatehouse::Core {

// What loading a config text produced. The model is built even when there are non-fatal
// errors (so an editor can still show an outline), and is null only when the text is not JSON
// (or not a JSON object). Callers that run a config must refuse it when hasErrors().
struct LoadResult
{
    std::shared_ptr<const JsonDocument> document; // null on a JSON syntax error
    std::shared_ptr<const Config> config;         // null on a JSON syntax error
    QList<Diagnostic> diagnostics;                // sorted by offset

    bool hasErrors() const;
    bool hasWarnings() const;
    // Diagnostics with this code, in order (for tests and filters).
    QList<Diagnostic> withCode(QStringView code) const;
};

// Reads FGW v1 config.json text into the typed model and validates it against what FGW does
// (reference §1, §2, §8). Stateless and reentrant: call from any thread.
class ConfigLoader
{
public:
    static LoadResult load(const QByteArray &text);

    // Rewrites every legacy shape (`legacy-key` diagnostics) to the current FGW one by applying
    // their quick-fixes; every other byte is kept. Returns the text unchanged when there is
    // nothing to migrate, and std::nullopt when the text is not valid JSON.
    static std::optional<QByteArray> migrateLegacyKeys(const QByteArray &text);
};

} // namespace Gatehouse::Core
