#pragma once

#include "config.h"
#include "jsondocument.h"

#include <QList>
#include <QString>

#include <memory>

namespace Gatehouse::Core {

// One completion proposal. `insertText` replaces the range the Result names.
struct CompletionItem
{
    enum class Kind : quint8 { Key, Value, Reference };
    Kind kind = Kind::Key;
    QString label;      // shown in the list
    QString insertText; // what goes into the text
    QString detail;     // the schema's description, for a tooltip
};

// Schema-aware completion for config.json, for the editor (and any other front end). Knows the
// keys valid at the cursor and the enum values of a value (both from the JSON Schema in
// resources/schema, so completion and schema cannot drift apart), and the config's own names:
// service names as BackendService / TCP route keys and RequestMirror targets, listener ports as
// RouteRules keys, FGW module files in Chains. Works on half-typed, invalid text.
// Immutable after construction; thread-safe.
class ConfigCompleter
{
public:
    struct Result
    {
        quint32 replaceStart = 0; // byte range of the text to replace (the partial token)
        quint32 replaceEnd = 0;
        QString prefix; // what the user has typed of the token (without quotes)
        QList<CompletionItem> items;
    };

    // `schemaText` is a JSON Schema (draft 2020-12) of config.json.
    explicit ConfigCompleter(const QByteArray &schemaText);
    // The completer for the embedded FGW schema (:/schema/config.schema.json), built once.
    static const ConfigCompleter &fgw();

    bool isValid() const { return m_schema != nullptr; }
    // Proposals at byte offset `cursor` of `text`. `names` (may be null) is the last config that
    // loaded, the source of service names and ports while the text is half-typed.
    Result complete(const QByteArray &text, quint32 cursor, const Config *names) const;

private:
    std::shared_ptr<const JsonDocument> m_schema;
};

} // namespace Gatehouse::Core
