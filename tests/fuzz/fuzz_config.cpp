// Config parsing: JsonDocument::parse, JsonDocument::serialize and ConfigLoader::load.
//
// Input: config.json text. Properties:
//  - parse never crashes, and fails only with an error offset inside the text;
//  - for a document that parses, parse(serialize(doc)) succeeds and is the same document: the
//    same tree (types, member order, duplicates, keys and scalars spelled byte for byte), equal
//    under jsonEqual, and serialize is a fixed point (compact and indented);
//  - ConfigLoader::load builds a document exactly when parse does; without a config it reports
//    an error; and reloading the re-serialised text yields the same diagnostics (codes and
//    severities): whitespace never changes what a config means.

#include "fuzzcheck.h"

#include "config/configloader.h"
#include "config/jsondocument.h"

#include <QByteArray>
#include <QStringList>

using namespace Gatehouse::Core;

namespace {

QByteArrayView keyBytes(const JsonValue &v)
{
    return QByteArrayView(v.document()->text()).sliced(v.keyOffset(), v.keyLength());
}

bool sameTree(const JsonValue &a, const JsonValue &b)
{
    if (a.type() != b.type() || a.hasKey() != b.hasKey())
        return false;
    if (a.hasKey() && keyBytes(a) != keyBytes(b))
        return false;
    if (a.type() != JsonType::Array && a.type() != JsonType::Object)
        return a.raw() == b.raw();
    if (a.size() != b.size())
        return false;
    for (JsonValue x = a.firstChild(), y = b.firstChild(); x.isValid() || y.isValid();
         x = x.nextSibling(), y = y.nextSibling()) {
        if (!x.isValid() || !y.isValid() || !sameTree(x, y))
            return false;
    }
    return true;
}

QStringList findings(const LoadResult &r)
{
    QStringList out;
    for (const Diagnostic &d : r.diagnostics)
        out.append(severityName(d.severity) + QLatin1Char(' ') + d.code);
    out.sort();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const JsonDocument::ParseResult parsed = JsonDocument::parse(text);
    if (!parsed.ok()) {
        FUZZ_CHECK(parsed.error.offset <= size);
        FUZZ_CHECK(!parsed.error.message.isEmpty());
    }

    QByteArray indented;
    if (parsed.ok()) {
        const JsonValue root = parsed.document->root();
        for (const auto format : {JsonDocument::Format::Compact, JsonDocument::Format::Indented}) {
            const QByteArray out = JsonDocument::serialize(root, format);
            const JsonDocument::ParseResult again = JsonDocument::parse(out);
            FUZZ_CHECK(again.ok());
            FUZZ_CHECK(sameTree(root, again.document->root()));
            FUZZ_CHECK(jsonEqual(root, again.document->root()));
            FUZZ_CHECK(JsonDocument::serialize(again.document->root(), format) == out);
            if (format == JsonDocument::Format::Indented)
                indented = out;
        }
    }

    const LoadResult loaded = ConfigLoader::load(text);
    FUZZ_CHECK((loaded.document != nullptr) == parsed.ok());
    if (!loaded.config)
        FUZZ_CHECK(loaded.hasErrors());
    if (parsed.ok()) {
        const LoadResult reloaded = ConfigLoader::load(indented);
        FUZZ_CHECK(reloaded.document != nullptr);
        FUZZ_CHECK((reloaded.config != nullptr) == (loaded.config != nullptr));
        FUZZ_CHECK(findings(reloaded) == findings(loaded));
    }
    return 0;
}
