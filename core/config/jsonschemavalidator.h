#pragma once

#include "diagnostic.h"
#include "jsondocument.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace Gatehouse::Core {

// Validates JsonDocument values against a JSON Schema (draft 2020-12), keeping the source
// position of every finding so an editor can underline it.
//
// Only the keywords Gatehouse's own schemas use are implemented: type, enum, const, properties,
// patternProperties, additionalProperties, required, items, prefixItems, minItems, maxItems,
// minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern, $ref (local
// "#/..." pointers), $defs, allOf, anyOf, oneOf, not, and the annotations $schema, $id, $comment,
// title, description, default, examples and deprecated. A schema using any other keyword is
// refused by create(): silently ignoring a constraint would make the schema look stricter than
// its validation is. `pattern` and patternProperties use QRegularExpression (PCRE2), which agrees
// with ECMA-262 on the syntax our schemas use.
//
// Immutable after create(); validate() may be called from any thread.
class JsonSchemaValidator
{
public:
    struct Finding
    {
        QString pointer; // JSON Pointer (RFC 6901) of the instance value, "" for the root
        QString keyword; // schema keyword that failed, or "deprecated"
        Diagnostic diagnostic;
    };

    // Compiles a schema: resolves every $ref and compiles every pattern once. On failure returns
    // nothing and, when `error` is given, says why (translated, with the schema's line:column).
    static std::optional<JsonSchemaValidator> create(std::shared_ptr<const JsonDocument> schema,
                                                     QString *error = nullptr);

    // Errors (code "schema-violation") for every constraint the instance breaks, and warnings
    // (code "schema-deprecated") for every member whose schema is marked deprecated. Errors come
    // in document order of the offending value.
    QList<Finding> validate(const JsonValue &instance) const;

    // Convenience: true when validate() reports no error (deprecations do not count).
    bool isValid(const JsonValue &instance) const;

    const JsonDocument &schemaDocument() const { return *m_schema; }

private:
    struct Context;
    explicit JsonSchemaValidator(std::shared_ptr<const JsonDocument> schema);
    bool compile(const JsonValue &schema, QString *error);
    void check(const JsonValue &schema, const JsonValue &instance, Context &ctx) const;
    void checkObject(const JsonValue &schema, const JsonValue &instance, Context &ctx) const;
    void checkArray(const JsonValue &schema, const JsonValue &instance, Context &ctx) const;
    void checkCombinator(const JsonValue &keyword, const JsonValue &instance, Context &ctx) const;

    enum class Keyword : quint8;

    std::shared_ptr<const JsonDocument> m_schema;
    // Keyed by the node index of the `pattern` string, or of the patternProperties member.
    QHash<quint32, QRegularExpression> m_patterns;
    // Keyed by the node index of the `$ref` string: the schema it points to.
    QHash<quint32, JsonValue> m_refs;
    // Keyed by the node index of a `properties` member: its subschemas sorted by UTF-8 name.
    QHash<quint32, std::vector<std::pair<QByteArray, JsonValue>>> m_properties;
    // Keyed by the node index of each keyword member of every schema object, so validation
    // dispatches without decoding keys.
    QHash<quint32, Keyword> m_keywords;
};

} // namespace Gatehouse::Core
