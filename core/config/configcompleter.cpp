#include "configcompleter.h"

#include "fgwcatalogue.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace Gatehouse::Core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::ConfigCompleter)
};

// Where the cursor is, found by a forgiving scan of the text before it.
struct Scan
{
    struct Frame
    {
        bool object = true;
        QString key;               // object: the member being written (after its key)
        QSet<QString> presentKeys; // object: keys already written
        int index = 0;             // array: element index
        bool expectKey = true;     // object: the next token is a key
    };
    QList<Frame> stack;
    bool inString = false;
    bool stringIsKey = false;
    quint32 tokenStart = 0; // offset of the token being typed (its quote, or its first char)
    QString partial;        // what is typed of it so far
    bool valuePosition = false;
};

Scan scanTo(const QByteArray &text, quint32 cursor)
{
    Scan s;
    const char *b = text.constData();
    const quint32 end = qMin<quint32>(cursor, quint32(text.size()));
    quint32 i = 0;
    QByteArray lastString;
    bool haveLastString = false;
    while (i < end) {
        const char c = b[i];
        if (c == '"') {
            const quint32 start = i++;
            QByteArray str;
            bool closed = false;
            while (i < end) {
                if (b[i] == '\\' && i + 1 < end) {
                    str.append(b[i + 1]);
                    i += 2;
                    continue;
                }
                if (b[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                str.append(b[i++]);
            }
            if (!closed) { // the cursor is inside this string
                s.inString = true;
                s.tokenStart = start;
                s.partial = QString::fromUtf8(str);
                s.stringIsKey = !s.stack.isEmpty() && s.stack.last().object && s.stack.last().expectKey;
                s.valuePosition = !s.stringIsKey;
                return s;
            }
            lastString = str;
            haveLastString = true;
            if (!s.stack.isEmpty() && s.stack.last().object && s.stack.last().expectKey)
                s.stack.last().presentKeys.insert(QString::fromUtf8(str));
            continue;
        }
        switch (c) {
        case '{':
        case '[': {
            Scan::Frame f;
            f.object = c == '{';
            s.stack.append(f);
            haveLastString = false;
            break;
        }
        case '}':
        case ']':
            if (!s.stack.isEmpty())
                s.stack.removeLast();
            if (!s.stack.isEmpty() && s.stack.last().object)
                s.stack.last().expectKey = false;
            break;
        case ':':
            if (!s.stack.isEmpty() && s.stack.last().object) {
                s.stack.last().key = haveLastString ? QString::fromUtf8(lastString) : QString();
                s.stack.last().expectKey = false;
            }
            break;
        case ',':
            if (!s.stack.isEmpty()) {
                if (s.stack.last().object)
                    s.stack.last().expectKey = true;
                else
                    ++s.stack.last().index;
            }
            haveLastString = false;
            break;
        default:
            break;
        }
        ++i;
    }
    // Not inside a string: the token is whatever bare word ends at the cursor.
    quint32 start = end;
    while (start > 0 && (QChar::isLetterOrNumber(uchar(b[start - 1])) || b[start - 1] == '_' || b[start - 1] == '-'))
        --start;
    s.tokenStart = start;
    s.partial = QString::fromUtf8(b + start, int(end - start));
    if (!s.stack.isEmpty()) {
        const Scan::Frame &f = s.stack.last();
        s.valuePosition = !f.object || !f.expectKey;
    }
    return s;
}

// The JSON path (keys; "[]" for array elements) from the root to the cursor's container, plus,
// in value position, the member key.
QStringList pathOf(const Scan &s, bool includeValueKey)
{
    QStringList path;
    for (qsizetype i = 0; i < s.stack.size(); ++i) {
        const Scan::Frame &f = s.stack.at(i);
        const bool last = i == s.stack.size() - 1;
        if (last) {
            if (includeValueKey && f.object && !f.expectKey)
                path << f.key;
            else if (includeValueKey && !f.object)
                path << QStringLiteral("[]");
            break;
        }
        path << (f.object ? f.key : QStringLiteral("[]"));
    }
    return path;
}

class SchemaWalker
{
public:
    explicit SchemaWalker(const JsonValue &root) : m_root(root) {}

    // Every schema that applies at `path` (alternatives of oneOf/anyOf included).
    QList<JsonValue> resolve(const QStringList &path) const
    {
        QList<JsonValue> current = expand(m_root);
        for (const QString &segment : path) {
            QList<JsonValue> next;
            for (const JsonValue &schema : std::as_const(current)) {
                for (const JsonValue &child : step(schema, segment))
                    next << expand(child);
            }
            current = next;
            if (current.isEmpty())
                break;
        }
        return current;
    }

    QList<JsonValue> expand(const JsonValue &schema, int depth = 0) const
    {
        if (!schema.isObject() || depth > 16)
            return {};
        QList<JsonValue> out;
        const JsonValue ref = schema.member(QLatin1StringView("$ref"));
        if (ref.isString()) {
            const QString target = ref.toString();
            const QString prefix = QStringLiteral("#/$defs/");
            if (target.startsWith(prefix)) {
                const QByteArray name = target.mid(prefix.size()).toUtf8();
                out << expand(m_root.member(QLatin1StringView("$defs")).member(QLatin1StringView(name)), depth + 1);
            }
        }
        out << schema;
        for (const char *combinator : {"oneOf", "anyOf", "allOf"}) {
            for (const JsonValue alt : schema.member(QLatin1StringView(combinator)))
                out << expand(alt, depth + 1);
        }
        return out;
    }

private:
    QList<JsonValue> step(const JsonValue &schema, const QString &segment) const
    {
        if (segment == QLatin1String("[]")) {
            const JsonValue items = schema.member(QLatin1StringView("items"));
            return items.isValid() ? QList<JsonValue>{items} : QList<JsonValue>{};
        }
        const QByteArray key = segment.toUtf8();
        const JsonValue direct = schema.member(QLatin1StringView("properties")).member(QLatin1StringView(key));
        if (direct.isValid())
            return {direct};
        QList<JsonValue> out;
        for (const JsonValue pattern : schema.member(QLatin1StringView("patternProperties"))) {
            const QRegularExpression re(pattern.key());
            if (re.isValid() && re.match(segment).hasMatch())
                out << pattern;
        }
        if (out.isEmpty()) {
            const JsonValue additional = schema.member(QLatin1StringView("additionalProperties"));
            if (additional.isObject())
                out << additional;
        }
        return out;
    }

    JsonValue m_root;
};

QString typeOf(const JsonValue &schema)
{
    const JsonValue t = schema.member(QLatin1StringView("type"));
    if (t.isString())
        return t.toString();
    return {};
}

// A value skeleton after a completed key, so the user can keep typing inside it.
QString skeletonFor(const QList<JsonValue> &schemas)
{
    for (const JsonValue &s : schemas) {
        const QString t = typeOf(s);
        if (t == QLatin1String("object"))
            return QStringLiteral("{}");
        if (t == QLatin1String("array"))
            return QStringLiteral("[]");
        if (t == QLatin1String("string"))
            return QStringLiteral("\"\"");
    }
    return {};
}

} // namespace

ConfigCompleter::ConfigCompleter(const QByteArray &schemaText)
{
    auto parsed = JsonDocument::parse(schemaText);
    if (parsed.ok())
        m_schema = std::move(parsed.document);
}

const ConfigCompleter &ConfigCompleter::fgw()
{
    static const ConfigCompleter instance([] {
        QFile file(QStringLiteral(":/schema/config.schema.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }());
    return instance;
}

ConfigCompleter::Result ConfigCompleter::complete(const QByteArray &text, quint32 cursor,
                                                  const Config *names) const
{
    Result result;
    if (!m_schema)
        return result;
    const Scan scan = scanTo(text, cursor);
    if (scan.stack.isEmpty())
        return result;
    result.replaceStart = scan.tokenStart;
    result.replaceEnd = qMin<quint32>(cursor, quint32(text.size()));
    // Replace the closing quote too when the string is already closed right after the cursor
    // ("Algo|": ...), but not when that quote opens the next string ("Algo|"Next": ...).
    if (scan.inString && result.replaceEnd < quint32(text.size()) && text[result.replaceEnd] == '"') {
        const qsizetype after = result.replaceEnd + 1;
        const char next = after < text.size() ? text[after] : ' ';
        if (!QChar::isLetterOrNumber(uchar(next)) && next != '_' && next != '/')
            ++result.replaceEnd;
    }
    result.prefix = scan.partial;
    const SchemaWalker walker(m_schema->root());
    const QStringList containerPath = pathOf(scan, false);
    const bool keyPosition = !scan.valuePosition;
    const QString parentKey = containerPath.isEmpty() ? QString() : containerPath.last();

    auto accept = [&](const QString &label) {
        return label.startsWith(result.prefix, Qt::CaseInsensitive);
    };
    auto addReference = [&](const QString &label, const QString &detail, bool asKey) {
        if (!accept(label))
            return;
        CompletionItem item;
        item.kind = CompletionItem::Kind::Reference;
        item.label = label;
        item.insertText = asKey ? QStringLiteral("\"%1\": ").arg(label) : QStringLiteral("\"%1\"").arg(label);
        item.detail = detail;
        result.items << item;
    };

    if (keyPosition) {
        // Keys that name things in this config rather than schema properties.
        const bool backendKeys = parentKey == QLatin1String("BackendService");
        const bool routeRuleKeys = containerPath.size() == 1 && parentKey == QLatin1String("RouteRules");
        const QSet<QString> &present = scan.stack.last().presentKeys;
        if (backendKeys && names) {
            for (const Service &s : names->services) {
                if (!present.contains(s.name))
                    addReference(s.name, Tr::tr("service, %n endpoint(s)", nullptr, int(s.endpoints.size())), true);
            }
            return result;
        }
        if (routeRuleKeys && names) {
            for (const ListenerConfig &l : names->listeners) {
                const QString port = QString::number(l.port);
                if (!present.contains(port))
                    addReference(port, Tr::tr("%1 listener", "protocol").arg(l.protocolName), true);
            }
            return result;
        }
        QSet<QString> seen;
        const QList<JsonValue> schemas = walker.resolve(containerPath);
        for (const JsonValue &schema : schemas) {
            for (const JsonValue prop : schema.member(QLatin1StringView("properties"))) {
                const QString key = prop.key();
                if (seen.contains(key) || present.contains(key) || !accept(key))
                    continue;
                seen.insert(key);
                const QList<JsonValue> propSchemas = walker.expand(prop);
                if (std::any_of(propSchemas.cbegin(), propSchemas.cend(), [](const JsonValue &s) {
                        return s.member(QLatin1StringView("deprecated")).toBool();
                    }))
                    continue; // never propose a legacy key
                CompletionItem item;
                item.kind = CompletionItem::Kind::Key;
                item.label = key;
                item.insertText = QStringLiteral("\"%1\": %2").arg(key, skeletonFor(propSchemas));
                for (const JsonValue &ps : propSchemas) {
                    const JsonValue description = ps.member(QLatin1StringView("description"));
                    if (description.isString()) {
                        item.detail = description.toString();
                        break;
                    }
                }
                result.items << item;
            }
        }
        return result;
    }

    // Value position: the config's names first, then enum values.
    const QStringList valuePath = pathOf(scan, true);
    const QString valueKey = valuePath.isEmpty() ? QString() : valuePath.last();
    // RequestMirror names its target service as a string.
    if (names && valueKey == QLatin1String("BackendService") && valuePath.size() >= 2
        && valuePath.at(valuePath.size() - 2) == QLatin1String("RequestMirror")) {
        for (const Service &s : names->services)
            addReference(s.name, Tr::tr("service"), false);
    }
    if (valuePath.size() >= 2 && valuePath.first() == QLatin1String("Chains") && valueKey == QLatin1String("[]")) {
        for (QLatin1StringView module : FgwCatalogue::modules())
            addReference(QString(module), Tr::tr("FGW module"), false);
        return result;
    }
    QSet<QString> seen;
    for (const JsonValue &schema : walker.resolve(valuePath)) {
        for (const JsonValue value : schema.member(QLatin1StringView("enum"))) {
            const QString label = value.isString() ? value.toString() : QString::fromUtf8(value.raw());
            if (seen.contains(label) || !accept(label))
                continue;
            seen.insert(label);
            CompletionItem item;
            item.kind = CompletionItem::Kind::Value;
            item.label = label;
            item.insertText = QString::fromUtf8(value.raw());
            result.items << item;
        }
        if (typeOf(schema) == QLatin1String("boolean")) {
            for (const QString &b : {QStringLiteral("true"), QStringLiteral("false")}) {
                if (!seen.contains(b) && accept(b)) {
                    seen.insert(b);
                    result.items << CompletionItem{CompletionItem::Kind::Value, b, b, {}};
                }
            }
        }
    }
    return result;
}

} // namespace Gatehouse::Core
