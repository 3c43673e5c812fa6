#include "jsonschemavalidator.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <tuple>

namespace Gatehouse::Core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::JsonSchemaValidator)
};

const QString ViolationCode = QStringLiteral("schema-violation");
const QString DeprecatedCode = QStringLiteral("schema-deprecated");

QString rawText(const JsonValue &value)
{
    return QString::fromUtf8(value.raw());
}

bool isInteger(const JsonValue &value)
{
    // Draft 2020-12: an integer is a number with a zero fractional part, however it is written.
    if (!value.isNumber())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && std::floor(d) == d;
}

bool hasType(const JsonValue &value, QLatin1StringView type)
{
    switch (value.type()) {
    case JsonType::Null:
        return type == QLatin1StringView("null");
    case JsonType::Bool:
        return type == QLatin1StringView("boolean");
    case JsonType::Number:
        return type == QLatin1StringView("number")
               || (type == QLatin1StringView("integer") && isInteger(value));
    case JsonType::String:
        return type == QLatin1StringView("string");
    case JsonType::Array:
        return type == QLatin1StringView("array");
    case JsonType::Object:
        return type == QLatin1StringView("object");
    }
    return false;
}

QString describeType(const QString &type)
{
    if (type == QLatin1StringView("object"))
        return Tr::tr("an object");
    if (type == QLatin1StringView("array"))
        return Tr::tr("an array");
    if (type == QLatin1StringView("string"))
        return Tr::tr("a string");
    if (type == QLatin1StringView("number"))
        return Tr::tr("a number");
    if (type == QLatin1StringView("integer"))
        return Tr::tr("an integer");
    if (type == QLatin1StringView("boolean"))
        return Tr::tr("true or false");
    return Tr::tr("null");
}

QString describeValueType(const JsonValue &value)
{
    switch (value.type()) {
    case JsonType::Null:
        return describeType(QStringLiteral("null"));
    case JsonType::Bool:
        return describeType(QStringLiteral("boolean"));
    case JsonType::Number:
        return isInteger(value) ? describeType(QStringLiteral("integer"))
                                : describeType(QStringLiteral("number"));
    case JsonType::String:
        return describeType(QStringLiteral("string"));
    case JsonType::Array:
        return describeType(QStringLiteral("array"));
    case JsonType::Object:
        return describeType(QStringLiteral("object"));
    }
    return {};
}

// RFC 6901 pointer of a value, built by walking up; only computed for findings.
QString pointerOf(const JsonValue &value)
{
    QStringList parts;
    for (JsonValue v = value; v.parent().isValid(); v = v.parent()) {
        if (v.hasKey()) {
            QString key = v.key();
            key.replace(QLatin1Char('~'), QLatin1StringView("~0"));
            key.replace(QLatin1Char('/'), QLatin1StringView("~1"));
            parts.prepend(key);
        } else {
            int index = 0;
            for (JsonValue s = v.parent().firstChild(); s.isValid() && !(s == v);
                 s = s.nextSibling())
                ++index;
            parts.prepend(QString::number(index));
        }
    }
    return parts.isEmpty() ? QString() : QLatin1Char('/') + parts.join(QLatin1Char('/'));
}

} // namespace

enum class JsonSchemaValidator::Keyword : quint8 {
    Annotation,
    Deprecated,
    Defs,
    Ref,
    Type,
    Enum,
    Const,
    Properties,
    PatternProperties,
    AdditionalProperties,
    Required,
    Items,
    PrefixItems,
    MinItems,
    MaxItems,
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
    MinLength,
    MaxLength,
    Pattern,
    AllOf,
    AnyOf,
    OneOf,
    Not,
};

struct JsonSchemaValidator::Context
{
    QList<Finding> findings;
    bool hasError = false;

    void error(const JsonValue &at,
               QLatin1StringView keyword,
               const QString &message,
               bool pointAtKey = false)
    {
        add(Severity::Error, ViolationCode, at, keyword, message, pointAtKey);
        hasError = true;
    }
    void add(Severity severity,
             const QString &code,
             const JsonValue &at,
             QLatin1StringView keyword,
             const QString &message,
             bool pointAtKey)
    {
        Finding f;
        f.pointer = pointerOf(at);
        f.keyword = keyword;
        f.diagnostic.severity = severity;
        f.diagnostic.code = code;
        f.diagnostic.message = message;
        if (pointAtKey && at.hasKey()) {
            f.diagnostic.offset = at.keyOffset();
            f.diagnostic.length = at.keyLength();
            f.diagnostic.position = at.keyPosition();
        } else {
            f.diagnostic.offset = at.offset();
            f.diagnostic.length = at.length();
            f.diagnostic.position = at.position();
        }
        findings.append(f);
    }
};

JsonSchemaValidator::JsonSchemaValidator(std::shared_ptr<const JsonDocument> schema)
    : m_schema(std::move(schema))
{}

std::optional<JsonSchemaValidator>
JsonSchemaValidator::create(std::shared_ptr<const JsonDocument> schema, QString *error)
{
    QString why;
    if (!schema) {
        why = Tr::tr("No schema document");
    } else {
        JsonSchemaValidator validator(std::move(schema));
        if (validator.compile(validator.m_schema->root(), &why))
            return validator;
    }
    if (error)
        *error = why;
    return std::nullopt;
}

// Walks every subschema once: classifies keywords, compiles patterns, resolves $ref. Returns
// false with a translated reason on the first construct the validator does not understand.
bool JsonSchemaValidator::compile(const JsonValue &schema, QString *error)
{
    if (schema.isBool())
        return true;
    const auto failAt = [&](const JsonValue &at, const QString &why) {
        const TextPosition p = at.hasKey() ? at.keyPosition() : at.position();
        *error = Tr::tr("Schema line %1, column %2: %3").arg(p.line).arg(p.column).arg(why);
        return false;
    };
    if (!schema.isObject())
        return failAt(schema, Tr::tr("a schema must be an object or a boolean"));

    static const QHash<QString, Keyword> keywords = {
        {QStringLiteral("$schema"), Keyword::Annotation},
        {QStringLiteral("$id"), Keyword::Annotation},
        {QStringLiteral("$comment"), Keyword::Annotation},
        {QStringLiteral("title"), Keyword::Annotation},
        {QStringLiteral("description"), Keyword::Annotation},
        {QStringLiteral("default"), Keyword::Annotation},
        {QStringLiteral("examples"), Keyword::Annotation},
        {QStringLiteral("deprecated"), Keyword::Deprecated},
        {QStringLiteral("$defs"), Keyword::Defs},
        {QStringLiteral("$ref"), Keyword::Ref},
        {QStringLiteral("type"), Keyword::Type},
        {QStringLiteral("enum"), Keyword::Enum},
        {QStringLiteral("const"), Keyword::Const},
        {QStringLiteral("properties"), Keyword::Properties},
        {QStringLiteral("patternProperties"), Keyword::PatternProperties},
        {QStringLiteral("additionalProperties"), Keyword::AdditionalProperties},
        {QStringLiteral("required"), Keyword::Required},
        {QStringLiteral("items"), Keyword::Items},
        {QStringLiteral("prefixItems"), Keyword::PrefixItems},
        {QStringLiteral("minItems"), Keyword::MinItems},
        {QStringLiteral("maxItems"), Keyword::MaxItems},
        {QStringLiteral("minimum"), Keyword::Minimum},
        {QStringLiteral("maximum"), Keyword::Maximum},
        {QStringLiteral("exclusiveMinimum"), Keyword::ExclusiveMinimum},
        {QStringLiteral("exclusiveMaximum"), Keyword::ExclusiveMaximum},
        {QStringLiteral("minLength"), Keyword::MinLength},
        {QStringLiteral("maxLength"), Keyword::MaxLength},
        {QStringLiteral("pattern"), Keyword::Pattern},
        {QStringLiteral("allOf"), Keyword::AllOf},
        {QStringLiteral("anyOf"), Keyword::AnyOf},
        {QStringLiteral("oneOf"), Keyword::OneOf},
        {QStringLiteral("not"), Keyword::Not},
    };
    const auto compilePattern = [&](const JsonValue &at, const QString &pattern) {
        QRegularExpression re(pattern);
        if (!re.isValid())
            return failAt(at, Tr::tr("invalid pattern: %1").arg(re.errorString()));
        re.optimize();
        m_patterns.insert(at.index(), re);
        return true;
    };
    const auto compileEach = [&](const JsonValue &container) {
        for (const JsonValue sub : container) {
            if (!compile(sub, error))
                return false;
        }
        return true;
    };

    for (const JsonValue member : schema) {
        const auto it = keywords.constFind(member.key());
        if (it == keywords.constEnd())
            return failAt(member, Tr::tr("unsupported keyword \"%1\"").arg(member.key()));
        const Keyword keyword = *it;
        m_keywords.insert(member.index(), keyword);
        switch (keyword) {
        case Keyword::Annotation:
            break;
        case Keyword::Deprecated:
            if (!member.isBool())
                return failAt(member, Tr::tr("\"deprecated\" must be true or false"));
            break;
        case Keyword::Defs:
        case Keyword::Properties:
            if (!member.isObject())
                return failAt(member, Tr::tr("\"%1\" must be an object").arg(member.key()));
            if (!compileEach(member))
                return false;
            if (keyword == Keyword::Properties) {
                auto &index = m_properties[member.index()];
                for (const JsonValue p : member)
                    index.emplace_back(p.key().toUtf8(), p);
                // Sorted for binary search; of duplicate names the last counts, as everywhere.
                std::stable_sort(index.begin(), index.end(),
                                 [](const auto &x, const auto &y) { return x.first < y.first; });
                const auto last
                    = std::unique(index.rbegin(), index.rend(),
                                  [](const auto &x, const auto &y) { return x.first == y.first; });
                index.erase(index.begin(), last.base());
            }
            break;
        case Keyword::PatternProperties:
            if (!member.isObject())
                return failAt(member, Tr::tr("\"%1\" must be an object").arg(member.key()));
            for (const JsonValue sub : member) {
                if (!compilePattern(sub, sub.key()) || !compile(sub, error))
                    return false;
            }
            break;
        case Keyword::AdditionalProperties:
        case Keyword::Items:
        case Keyword::Not:
            if (!compile(member, error))
                return false;
            break;
        case Keyword::PrefixItems:
        case Keyword::AllOf:
        case Keyword::AnyOf:
        case Keyword::OneOf:
            if (!member.isArray() || member.size() == 0)
                return failAt(member, Tr::tr("\"%1\" must be a non-empty array").arg(member.key()));
            if (!compileEach(member))
                return false;
            break;
        case Keyword::Ref: {
            const QString ref = member.toString();
            if (!member.isString() || !ref.startsWith(QLatin1Char('#')))
                return failAt(member, Tr::tr("only local references (\"#/...\") are supported"));
            JsonValue target = m_schema->root();
            const QStringList parts = ref.mid(1).split(QLatin1Char('/'), Qt::SkipEmptyParts);
            for (QString part : parts) {
                part.replace(QLatin1StringView("~1"), QLatin1StringView("/"));
                part.replace(QLatin1StringView("~0"), QLatin1StringView("~"));
                const QByteArray latin = part.toUtf8();
                target = target.isArray() ? target.at(part.toInt())
                                          : target.member(QLatin1StringView(latin));
                if (!target.isValid())
                    return failAt(member, Tr::tr("unresolved reference \"%1\"").arg(ref));
            }
            // The target is compiled where it lives ($defs or the root); a reference into
            // anything else would never be classified.
            if (!target.isBool() && !target.isObject())
                return failAt(member, Tr::tr("reference \"%1\" is not a schema").arg(ref));
            m_refs.insert(member.index(), target);
            break;
        }
        case Keyword::Type:
            if (!member.isString() && !member.isArray())
                return failAt(member, Tr::tr("\"type\" must be a string or an array"));
            break;
        case Keyword::Enum:
            if (!member.isArray())
                return failAt(member, Tr::tr("\"enum\" must be an array"));
            break;
        case Keyword::Required:
            if (!member.isArray())
                return failAt(member, Tr::tr("\"required\" must be an array"));
            break;
        case Keyword::Pattern:
            if (!member.isString())
                return failAt(member, Tr::tr("\"pattern\" must be a string"));
            if (!compilePattern(member, member.toString()))
                return false;
            break;
        case Keyword::Const:
            break;
        case Keyword::MinItems:
        case Keyword::MaxItems:
        case Keyword::Minimum:
        case Keyword::Maximum:
        case Keyword::ExclusiveMinimum:
        case Keyword::ExclusiveMaximum:
        case Keyword::MinLength:
        case Keyword::MaxLength:
            if (!member.isNumber())
                return failAt(member, Tr::tr("\"%1\" must be a number").arg(member.key()));
            break;
        }
    }
    return true;
}

QList<JsonSchemaValidator::Finding> JsonSchemaValidator::validate(const JsonValue &instance) const
{
    Context ctx;
    check(m_schema->root(), instance, ctx);
    std::stable_sort(ctx.findings.begin(), ctx.findings.end(),
                     [](const Finding &a, const Finding &b) {
                         return a.diagnostic.offset < b.diagnostic.offset;
                     });
    return ctx.findings;
}

bool JsonSchemaValidator::isValid(const JsonValue &instance) const
{
    Context ctx;
    check(m_schema->root(), instance, ctx);
    return !ctx.hasError;
}

void JsonSchemaValidator::check(const JsonValue &schema,
                                const JsonValue &instance,
                                Context &ctx) const
{
    if (schema.isBool()) {
        if (!schema.toBool())
            ctx.error(instance, QLatin1StringView("false"), Tr::tr("No value is allowed here"));
        return;
    }
    bool objectKeywords = false;
    bool arrayKeywords = false;
    for (const JsonValue member : schema) {
        switch (m_keywords.value(member.index(), Keyword::Annotation)) {
        case Keyword::Annotation:
        case Keyword::Defs:
            break;
        case Keyword::Deprecated:
            if (member.toBool()) {
                const QString name = instance.hasKey() ? instance.key() : pointerOf(instance);
                const QString why = schema.member(QLatin1StringView("description")).toString();
                ctx.add(Severity::Warning, DeprecatedCode, instance,
                        QLatin1StringView("deprecated"),
                        Tr::tr("\"%1\" is deprecated. %2").arg(name, why).trimmed(), true);
            }
            break;
        case Keyword::Ref:
            check(m_refs.value(member.index()), instance, ctx);
            break;
        case Keyword::Type: {
            bool ok = false;
            QStringList names;
            const auto consider = [&](const JsonValue &t) {
                const QByteArray name = t.toString().toLatin1();
                ok = ok || hasType(instance, QLatin1StringView(name));
                names << describeType(t.toString());
            };
            if (member.isString())
                consider(member);
            else
                for (const JsonValue t : member)
                    consider(t);
            if (!ok)
                ctx.error(instance, QLatin1StringView("type"),
                          Tr::tr("Expected %1, found %2")
                              .arg(names.join(Tr::tr(" or ")), describeValueType(instance)));
            break;
        }
        case Keyword::Enum: {
            bool found = false;
            QStringList allowed;
            for (const JsonValue option : member) {
                found = found || jsonEqual(option, instance);
                allowed << rawText(option);
            }
            if (!found)
                ctx.error(instance, QLatin1StringView("enum"),
                          Tr::tr("%1 is not one of the allowed values: %2")
                              .arg(rawText(instance), allowed.join(QStringLiteral(", "))));
            break;
        }
        case Keyword::Const:
            if (!jsonEqual(member, instance))
                ctx.error(instance, QLatin1StringView("const"),
                          Tr::tr("Expected %1, found %2").arg(rawText(member), rawText(instance)));
            break;
        case Keyword::Minimum:
            if (instance.isNumber() && instance.toDouble() < member.toDouble())
                ctx.error(instance, QLatin1StringView("minimum"),
                          Tr::tr("%1 is less than the minimum %2")
                              .arg(rawText(instance), rawText(member)));
            break;
        case Keyword::Maximum:
            if (instance.isNumber() && instance.toDouble() > member.toDouble())
                ctx.error(instance, QLatin1StringView("maximum"),
                          Tr::tr("%1 is greater than the maximum %2")
                              .arg(rawText(instance), rawText(member)));
            break;
        case Keyword::ExclusiveMinimum:
            if (instance.isNumber() && instance.toDouble() <= member.toDouble())
                ctx.error(
                    instance, QLatin1StringView("exclusiveMinimum"),
                    Tr::tr("%1 must be greater than %2").arg(rawText(instance), rawText(member)));
            break;
        case Keyword::ExclusiveMaximum:
            if (instance.isNumber() && instance.toDouble() >= member.toDouble())
                ctx.error(
                    instance, QLatin1StringView("exclusiveMaximum"),
                    Tr::tr("%1 must be less than %2").arg(rawText(instance), rawText(member)));
            break;
        case Keyword::MinLength:
        case Keyword::MaxLength:
            if (instance.isString()) {
                // Lengths count code points, not UTF-16 units.
                const qsizetype length = instance.toString().toUcs4().size();
                const qsizetype limit = member.toInt64();
                const bool isMin = member.keyEquals(QLatin1StringView("minLength"));
                if (isMin && length < limit)
                    ctx.error(instance, QLatin1StringView("minLength"),
                              Tr::tr("Must be at least %n character(s) long", nullptr, int(limit)));
                else if (!isMin && length > limit)
                    ctx.error(instance, QLatin1StringView("maxLength"),
                              Tr::tr("Must be at most %n character(s) long", nullptr, int(limit)));
            }
            break;
        case Keyword::Pattern:
            if (instance.isString()
                && !m_patterns.value(member.index()).match(instance.toString()).hasMatch())
                ctx.error(instance, QLatin1StringView("pattern"),
                          Tr::tr("%1 does not match the pattern %2")
                              .arg(rawText(instance), member.toString()));
            break;
        case Keyword::Properties:
        case Keyword::PatternProperties:
        case Keyword::AdditionalProperties:
        case Keyword::Required:
            objectKeywords = true;
            break;
        case Keyword::Items:
        case Keyword::PrefixItems:
        case Keyword::MinItems:
        case Keyword::MaxItems:
            arrayKeywords = true;
            break;
        case Keyword::AllOf:
            for (const JsonValue sub : member)
                check(sub, instance, ctx);
            break;
        case Keyword::AnyOf:
        case Keyword::OneOf:
        case Keyword::Not:
            checkCombinator(member, instance, ctx);
            break;
        }
    }
    if (objectKeywords && instance.isObject())
        checkObject(schema, instance, ctx);
    if (arrayKeywords && instance.isArray())
        checkArray(schema, instance, ctx);
}

void JsonSchemaValidator::checkObject(const JsonValue &schema,
                                      const JsonValue &instance,
                                      Context &ctx) const
{
    JsonValue properties, patternProperties, additional, required;
    for (const JsonValue member : schema) {
        switch (m_keywords.value(member.index(), Keyword::Annotation)) {
        case Keyword::Properties:
            properties = member;
            break;
        case Keyword::PatternProperties:
            patternProperties = member;
            break;
        case Keyword::AdditionalProperties:
            additional = member;
            break;
        case Keyword::Required:
            required = member;
            break;
        default:
            break;
        }
    }

    // Keys are compared as UTF-8 bytes straight from the source text (decoded only when they
    // hold escapes), so checking a 10,000-service config does not allocate a string per member.
    const auto keyBytes = [](const JsonValue &member, QByteArray &scratch) {
        const char *raw = member.document()->text().constData() + member.keyOffset() + 1;
        const qsizetype size = qsizetype(member.keyLength()) - 2;
        if (!std::memchr(raw, '\\', size_t(size)))
            return QByteArrayView(raw, size);
        scratch = member.key().toUtf8();
        return QByteArrayView(scratch);
    };

    // JSON Schema validates the data model, where an object has one value per key; like
    // JSON.parse (and FGW) that is the last of duplicate members, so earlier ones are skipped.
    const int size = instance.size();
    std::vector<bool> skip(size_t(size), false);
    if (size > 1) {
        QList<QByteArray> scratch(size);
        std::vector<std::pair<QByteArrayView, int>> keys;
        keys.reserve(size_t(size));
        int i = 0;
        for (const JsonValue member : instance) {
            keys.emplace_back(keyBytes(member, scratch[i]), i);
            ++i;
        }
        std::sort(keys.begin(), keys.end());
        for (size_t k = 0; k + 1 < keys.size(); ++k) {
            if (keys[k].first == keys[k + 1].first)
                skip[size_t(keys[k].second)] = true;
        }
    }

    const std::vector<std::pair<QByteArray, JsonValue>> *propertyIndex = nullptr;
    if (const auto it = m_properties.constFind(properties.index());
        properties.isValid() && it != m_properties.cend())
        propertyIndex = &*it;
    int position = -1;
    QByteArray scratch;
    for (const JsonValue member : instance) {
        if (skip[size_t(++position)])
            continue;
        bool matched = false;
        const QByteArrayView key = keyBytes(member, scratch);
        if (propertyIndex) {
            const auto it = std::lower_bound(propertyIndex->cbegin(), propertyIndex->cend(), key,
                                             [](const auto &entry, QByteArrayView k) {
                                                 return QByteArrayView(entry.first) < k;
                                             });
            if (it != propertyIndex->cend() && QByteArrayView(it->first) == key) {
                matched = true;
                check(it->second, member, ctx);
            }
        }
        if (patternProperties.isValid()) {
            const QString decoded = member.key();
            for (const JsonValue p : patternProperties) {
                if (m_patterns.value(p.index()).match(decoded).hasMatch()) {
                    matched = true;
                    check(p, member, ctx);
                }
            }
        }
        if (matched || !additional.isValid())
            continue;
        if (additional.isBool() && !additional.toBool()) {
            const QString description = schema.member(QLatin1StringView("description")).toString();
            if (patternProperties.isValid())
                ctx.error(member, QLatin1StringView("additionalProperties"),
                          Tr::tr("\"%1\" is not a valid key here. %2")
                              .arg(member.key(), description)
                              .trimmed(),
                          true);
            else
                ctx.error(member, QLatin1StringView("additionalProperties"),
                          Tr::tr("Unknown key \"%1\"").arg(member.key()), true);
        } else {
            check(additional, member, ctx);
        }
    }

    if (required.isValid()) {
        for (const JsonValue name : required) {
            const QByteArray wanted = name.toString().toUtf8();
            bool present = false;
            for (const JsonValue member : instance)
                present = present || keyBytes(member, scratch) == QByteArrayView(wanted);
            if (!present)
                ctx.error(instance, QLatin1StringView("required"),
                          Tr::tr("The required key \"%1\" is missing").arg(name.toString()));
        }
    }
}

void JsonSchemaValidator::checkArray(const JsonValue &schema,
                                     const JsonValue &instance,
                                     Context &ctx) const
{
    const JsonValue prefix = schema.member(QLatin1StringView("prefixItems"));
    const JsonValue items = schema.member(QLatin1StringView("items"));
    const JsonValue minItems = schema.member(QLatin1StringView("minItems"));
    const JsonValue maxItems = schema.member(QLatin1StringView("maxItems"));
    int i = 0;
    for (const JsonValue element : instance) {
        if (prefix.isValid() && i < prefix.size())
            check(prefix.at(i), element, ctx);
        else if (items.isValid())
            check(items, element, ctx);
        ++i;
    }
    if (minItems.isValid() && instance.size() < minItems.toInt64())
        ctx.error(instance, QLatin1StringView("minItems"),
                  Tr::tr("Needs at least %n element(s)", nullptr, int(minItems.toInt64())));
    if (maxItems.isValid() && instance.size() > maxItems.toInt64())
        ctx.error(instance, QLatin1StringView("maxItems"),
                  Tr::tr("Allows at most %n element(s)", nullptr, int(maxItems.toInt64())));
}

// anyOf, oneOf and not evaluate their branches in private contexts: a failing branch's errors
// and annotations (deprecations) must not leak. When no branch fits, the errors of the closest
// branch are reported, because "matches none of 4 shapes" helps nobody fix a typo. Closest means
// the branch whose shallowest error lies deepest in the instance (it accepted the most before
// failing), then the one with fewest errors, then the first. If even that branch fails on the
// instance itself, no branch is close and the combinator's own message is given.
void JsonSchemaValidator::checkCombinator(const JsonValue &keyword,
                                          const JsonValue &instance,
                                          Context &ctx) const
{
    if (keyword.keyEquals(QLatin1StringView("not"))) {
        Context branch;
        check(keyword, instance, branch);
        if (!branch.hasError)
            ctx.error(instance, QLatin1StringView("not"),
                      Tr::tr("This value has a shape that is not allowed here"));
        return;
    }
    const bool oneOf = keyword.keyEquals(QLatin1StringView("oneOf"));
    const QLatin1StringView name = oneOf ? QLatin1StringView("oneOf") : QLatin1StringView("anyOf");
    QList<Context> failures;
    int passed = 0;
    for (const JsonValue sub : keyword) {
        Context branch;
        check(sub, instance, branch);
        if (branch.hasError) {
            failures.append(std::move(branch));
            continue;
        }
        if (++passed == 1)
            ctx.findings.append(branch.findings); // annotations of the first fitting branch
        if (!oneOf)
            return;
    }
    if (oneOf && passed > 1) {
        ctx.error(instance, name, Tr::tr("This value fits more than one of the exclusive shapes"));
        return;
    }
    if (passed > 0)
        return;

    const auto depth = [](const QString &pointer) { return pointer.count(QLatin1Char('/')); };
    // Unknown keys rank last: a branch that only objects to extra keys fits the value's shape
    // and is the one a person meant (FGW itself ignores such keys).
    const auto score = [&](const Context &c) {
        qsizetype shallowest = std::numeric_limits<qsizetype>::max();
        qsizetype errors = 0;
        qsizetype unknownKeys = 0;
        for (const Finding &f : c.findings) {
            if (f.diagnostic.severity != Severity::Error)
                continue;
            if (f.keyword == QLatin1StringView("additionalProperties")) {
                ++unknownKeys;
                continue;
            }
            shallowest = std::min(shallowest, depth(f.pointer));
            ++errors;
        }
        return std::tuple(shallowest, -errors, -unknownKeys);
    };
    const Context *best = nullptr;
    std::tuple<qsizetype, qsizetype, qsizetype> bestScore;
    for (const Context &c : failures) {
        const auto s = score(c);
        if (!best || s > bestScore) {
            best = &c;
            bestScore = s;
        }
    }
    const qsizetype here = depth(pointerOf(instance));
    const bool pointsInside = std::get<0>(bestScore) > here;
    if (pointsInside) {
        for (const Finding &f : best->findings) {
            if (f.diagnostic.severity == Severity::Error)
                ctx.findings.append(f);
        }
        ctx.hasError = true;
        return;
    }
    const QString description
        = keyword.parent().member(QLatin1StringView("description")).toString();
    ctx.error(instance, name,
              Tr::tr("This value does not have any of the allowed shapes. %1")
                  .arg(description)
                  .trimmed());
}

} // namespace Gatehouse::Core
