#include "jsondocument.h"

#include <QCoreApplication>
#include <QMap>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

namespace Gatehouse::Core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::JsonDocument)
};

inline bool isWs(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Length of the valid UTF-8 sequence starting at p (p < end), or 0 when invalid: overlong forms,
// surrogates and code points above U+10FFFF are refused as RFC 3629 says.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    auto cont = [&](int i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c == 0xE0)
        return (p + 1 < end && p[1] >= 0xA0 && p[1] <= 0xBF && cont(2)) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return (cont(1) && cont(2)) ? 3 : 0;
    if (c == 0xED)
        return (p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F && cont(2)) ? 3 : 0;
    if (c == 0xF0)
        return (p + 1 < end && p[1] >= 0x90 && p[1] <= 0xBF && cont(2) && cont(3)) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3)
        return (cont(1) && cont(2) && cont(3)) ? 4 : 0;
    if (c == 0xF4)
        return (p + 1 < end && p[1] >= 0x80 && p[1] <= 0x8F && cont(2) && cont(3)) ? 4 : 0;
    return 0;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QString describeChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7F)
        return QStringLiteral("'%1'").arg(QChar(QLatin1Char(c)));
    return QStringLiteral("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
}

} // namespace

// Recursive-descent parser filling JsonDocument's node vector. Not reentrant; one per parse.
class JsonParser
{
public:
    JsonParser(JsonDocument &doc)
        : m_doc(doc)
        , m_begin(doc.m_text.constData())
        , m_p(m_begin)
        , m_end(m_begin + doc.m_text.size())
    {}

    bool run()
    {
        if (m_end - m_p >= 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
            m_p += 3;
        skipWs();
        if (m_p == m_end)
            return fail(Tr::tr("The document is empty: expected a JSON value"));
        if (!parseValue(0, 0, 0))
            return false;
        skipWs();
        if (m_p != m_end)
            return fail(Tr::tr("Unexpected %1 after the end of the document").arg(describeChar(*m_p)));
        return true;
    }

    JsonParseError error;

private:
    using Node = JsonDocument::Node;

    bool fail(const QString &message) { return failAt(m_p, message); }
    bool failAt(const char *at, const QString &message)
    {
        error.offset = quint32(at - m_begin);
        error.message = message;
        return false;
    }

    void skipWs()
    {
        while (m_p < m_end && isWs(*m_p))
            ++m_p;
    }

    quint32 off(const char *p) const { return quint32(p - m_begin); }

    // Scans a string literal at m_p (which points at '"'). On success m_p is past the closing
    // quote and *escaped tells whether it contains backslashes.
    bool scanString(bool *escaped)
    {
        const char *start = m_p;
        ++m_p;
        *escaped = false;
        while (true) {
            // Fast skip of plain ASCII.
            while (m_p < m_end) {
                const auto c = static_cast<unsigned char>(*m_p);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                    break;
                ++m_p;
            }
            if (m_p >= m_end)
                return failAt(start, Tr::tr("Unterminated string: the closing '\"' is missing"));
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c == '\\') {
                *escaped = true;
                if (m_p + 1 >= m_end)
                    return failAt(start, Tr::tr("Unterminated string: the closing '\"' is missing"));
                const char e = m_p[1];
                switch (e) {
                case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                    m_p += 2;
                    break;
                case 'u':
                    for (int i = 2; i < 6; ++i) {
                        if (m_p + i >= m_end || hexValue(m_p[i]) < 0)
                            return fail(Tr::tr("Invalid \\u escape: four hexadecimal digits must follow \\u"));
                    }
                    m_p += 6;
                    break;
                default:
                    return fail(Tr::tr("Invalid escape sequence '\\%1' in a string")
                                    .arg(QChar(QLatin1Char(e))));
                }
                continue;
            }
            if (c < 0x20) {
                if (c == '\n')
                    return failAt(start, Tr::tr("Unterminated string: a line break appears before the closing '\"'"));
                return fail(Tr::tr("Control character U+%1 in a string: write it as an escape")
                                .arg(c, 4, 16, QLatin1Char('0')));
            }
            const int n = utf8SequenceLength(reinterpret_cast<const unsigned char *>(m_p),
                                             reinterpret_cast<const unsigned char *>(m_end));
            if (n == 0)
                return fail(Tr::tr("Invalid UTF-8 in a string"));
            m_p += n;
        }
    }

    bool scanNumber(bool *integer)
    {
        const char *start = m_p;
        *integer = true;
        if (*m_p == '-')
            ++m_p;
        if (m_p >= m_end || *m_p < '0' || *m_p > '9')
            return failAt(start, Tr::tr("Invalid number"));
        if (*m_p == '0') {
            ++m_p;
            if (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                return failAt(start, Tr::tr("Invalid number: leading zeros are not allowed"));
        } else {
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p < m_end && *m_p == '.') {
            *integer = false;
            ++m_p;
            if (m_p >= m_end || *m_p < '0' || *m_p > '9')
                return fail(Tr::tr("Invalid number: a digit must follow the decimal point"));
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            *integer = false;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p >= m_end || *m_p < '0' || *m_p > '9')
                return fail(Tr::tr("Invalid number: a digit must follow the exponent"));
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        return true;
    }

    bool literal(const char *word, size_t len)
    {
        if (size_t(m_end - m_p) >= len && std::memcmp(m_p, word, len) == 0) {
            m_p += len;
            return true;
        }
        return false;
    }

    quint32 newNode(JsonType type, quint32 parent, quint32 keyOffset, quint8 flags)
    {
        auto &nodes = m_doc.m_nodes;
        Node n;
        n.offset = off(m_p);
        n.type = type;
        n.parent = parent;
        n.keyOffset = keyOffset;
        n.flags = flags;
        nodes.push_back(n);
        return quint32(nodes.size() - 1);
    }

    bool parseValue(quint32 parent, quint32 keyOffset, quint8 keyFlags)
    {
        if (m_p >= m_end)
            return fail(Tr::tr("Unexpected end of the document: expected a value"));
        const char c = *m_p;
        switch (c) {
        case '{':
            return parseObject(parent, keyOffset, keyFlags);
        case '[':
            return parseArray(parent, keyOffset, keyFlags);
        case '"': {
            const quint32 idx = newNode(JsonType::String, parent, keyOffset, keyFlags);
            bool escaped = false;
            if (!scanString(&escaped))
                return false;
            auto &n = m_doc.m_nodes[idx];
            n.length = off(m_p) - n.offset;
            if (escaped)
                n.flags |= JsonDocument::ValueEscaped;
            return true;
        }
        case 't': case 'f': case 'n': {
            const quint32 idx = newNode(c == 'n' ? JsonType::Null : JsonType::Bool, parent, keyOffset, keyFlags);
            const bool ok = c == 't' ? literal("true", 4) : c == 'f' ? literal("false", 5) : literal("null", 4);
            if (!ok)
                return fail(Tr::tr("Unexpected %1: expected a value (true, false and null are lower case)")
                                .arg(describeChar(c)));
            m_doc.m_nodes[idx].length = off(m_p) - m_doc.m_nodes[idx].offset;
            return true;
        }
        default:
            if (c == '-' || (c >= '0' && c <= '9')) {
                const quint32 idx = newNode(JsonType::Number, parent, keyOffset, keyFlags);
                bool integer = true;
                if (!scanNumber(&integer))
                    return false;
                auto &n = m_doc.m_nodes[idx];
                n.length = off(m_p) - n.offset;
                if (integer)
                    n.flags |= JsonDocument::Integer;
                return true;
            }
            if (c == '/')
                return fail(Tr::tr("Comments are not allowed in JSON"));
            if (c == '\'')
                return fail(Tr::tr("Strings must use double quotes, not single quotes"));
            if (c == '}' || c == ']')
                return fail(Tr::tr("Unexpected %1: expected a value").arg(describeChar(c)));
            return fail(Tr::tr("Unexpected %1: expected a value").arg(describeChar(c)));
        }
    }

    bool enter()
    {
        if (++m_depth > JsonDocument::MaxDepth)
            return fail(Tr::tr("Nesting is deeper than %1 levels").arg(JsonDocument::MaxDepth));
        return true;
    }

    bool parseObject(quint32 parent, quint32 keyOffset, quint8 keyFlags)
    {
        const char *open = m_p;
        if (!enter())
            return false;
        const quint32 idx = newNode(JsonType::Object, parent, keyOffset, keyFlags);
        ++m_p;
        skipWs();
        quint32 last = 0;
        quint32 count = 0;
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
        } else {
            while (true) {
                skipWs();
                if (m_p >= m_end)
                    return failAt(open, Tr::tr("Unterminated object: the closing '}' is missing"));
                if (*m_p != '"') {
                    if (*m_p == '}' && count > 0)
                        return fail(Tr::tr("Trailing comma: JSON allows no ',' before '}'"));
                    if (*m_p == '/')
                        return fail(Tr::tr("Comments are not allowed in JSON"));
                    return fail(Tr::tr("Unexpected %1: expected a member name in double quotes")
                                    .arg(describeChar(*m_p)));
                }
                const quint32 memberKey = off(m_p);
                bool keyEscaped = false;
                if (!scanString(&keyEscaped))
                    return false;
                skipWs();
                if (m_p >= m_end || *m_p != ':')
                    return fail(Tr::tr("Expected ':' after the member name"));
                ++m_p;
                skipWs();
                const quint32 child = quint32(m_doc.m_nodes.size());
                if (!parseValue(idx, memberKey, keyEscaped ? JsonDocument::KeyEscaped : 0))
                    return false;
                // The first child is always the node right after its container (pre-order).
                if (last)
                    m_doc.m_nodes[last].next = child;
                last = child;
                ++count;
                skipWs();
                if (m_p >= m_end)
                    return failAt(open, Tr::tr("Unterminated object: the closing '}' is missing"));
                if (*m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (*m_p == '}') {
                    ++m_p;
                    break;
                }
                return fail(Tr::tr("Unexpected %1: expected ',' or '}' after an object member")
                                .arg(describeChar(*m_p)));
            }
        }
        auto &n = m_doc.m_nodes[idx];
        n.count = count;
        n.length = off(m_p) - n.offset;
        --m_depth;
        return true;
    }

    bool parseArray(quint32 parent, quint32 keyOffset, quint8 keyFlags)
    {
        const char *open = m_p;
        if (!enter())
            return false;
        const quint32 idx = newNode(JsonType::Array, parent, keyOffset, keyFlags);
        ++m_p;
        skipWs();
        quint32 last = 0;
        quint32 count = 0;
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
        } else {
            while (true) {
                skipWs();
                if (m_p >= m_end)
                    return failAt(open, Tr::tr("Unterminated array: the closing ']' is missing"));
                if (*m_p == ']' && count > 0)
                    return fail(Tr::tr("Trailing comma: JSON allows no ',' before ']'"));
                const quint32 child = quint32(m_doc.m_nodes.size());
                if (!parseValue(idx, 0, 0))
                    return false;
                // The first child is always the node right after its container (pre-order).
                if (last)
                    m_doc.m_nodes[last].next = child;
                last = child;
                ++count;
                skipWs();
                if (m_p >= m_end)
                    return failAt(open, Tr::tr("Unterminated array: the closing ']' is missing"));
                if (*m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (*m_p == ']') {
                    ++m_p;
                    break;
                }
                return fail(Tr::tr("Unexpected %1: expected ',' or ']' after an array element")
                                .arg(describeChar(*m_p)));
            }
        }
        auto &n = m_doc.m_nodes[idx];
        n.count = count;
        n.length = off(m_p) - n.offset;
        --m_depth;
        return true;
    }

    JsonDocument &m_doc;
    const char *m_begin;
    const char *m_p;
    const char *m_end;
    int m_depth = 0;
};

JsonDocument::ParseResult JsonDocument::parse(const QByteArray &text)
{
    auto doc = std::make_shared<JsonDocument>();
    doc->m_text = text;
    // One pass over the bytes finds the line starts (errors need positions too) and bounds the
    // number of values: each value is the root, the first element of a container, or follows
    // a comma (commas and brackets inside strings only make the bound looser). Reserving that
    // bound means the node vector never reallocates and is never shrunk: both would copy it
    // and double the peak memory of a large load. The unused tail of the reservation is
    // address space that is never touched, not resident memory.
    const char *b = text.constData();
    const char *e = b + text.size();
    size_t lines = 1;
    size_t valueBound = 1;
    for (const char *p = b; p < e; ++p) {
        const char c = *p;
        lines += c == '\n';
        valueBound += c == ',' || c == '[' || c == '{';
    }
    // Only every LineStride-th line start is kept; positionOf() scans the few lines between.
    doc->m_lineStarts.reserve(lines / LineStride + 1);
    doc->m_lineStarts.push_back(0);
    size_t line = 1;
    for (const char *p = b; (p = static_cast<const char *>(std::memchr(p, '\n', size_t(e - p)))); ++p) {
        if (line++ % LineStride == 0)
            doc->m_lineStarts.push_back(quint32(p - b + 1));
    }
    doc->m_nodes.reserve(valueBound);

    ParseResult result;
    JsonParser parser(*doc);
    if (!parser.run()) {
        result.error = parser.error;
        result.error.position = doc->positionOf(parser.error.offset);
        return result;
    }
    result.document = std::move(doc);
    return result;
}

TextPosition JsonDocument::positionOf(quint32 offset) const
{
    offset = std::min<quint32>(offset, quint32(m_text.size()));
    const auto block = size_t(std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset)
                              - m_lineStarts.begin() - 1);
    int line = int(block * LineStride) + 1;
    quint32 start = m_lineStarts[block];
    const char *text = m_text.constData();
    while (const void *nl = std::memchr(text + start, '\n', offset - start)) {
        start = quint32(static_cast<const char *>(nl) - text) + 1;
        ++line;
    }
    int column = 1;
    for (quint32 i = start; i < offset; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++column;
    }
    return {line, column};
}

quint32 JsonDocument::offsetOf(TextPosition position) const
{
    if (position.line < 1)
        return 0;
    const auto size = quint32(m_text.size());
    const auto block = size_t(position.line - 1) / LineStride;
    if (block >= m_lineStarts.size())
        return size;
    quint32 i = m_lineStarts[block];
    const char *text = m_text.constData();
    for (int skip = (position.line - 1) % LineStride; skip > 0; --skip) {
        const void *nl = std::memchr(text + i, '\n', size - i);
        if (!nl)
            return size;
        i = quint32(static_cast<const char *>(nl) - text) + 1;
    }
    for (int column = 1; column < position.column && i < size && text[i] != '\n'; ++column) {
        ++i;
        while (i < size && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            ++i;
    }
    return i;
}

QString JsonDocument::decodeString(QByteArrayView body, bool hasEscapes)
{
    if (!hasEscapes)
        return QString::fromUtf8(body);
    QByteArray out;
    out.reserve(body.size());
    const char *p = body.data();
    const char *e = p + body.size();
    auto appendUtf8 = [&out](char32_t cp) {
        if (cp < 0x80) {
            out.append(char(cp));
        } else if (cp < 0x800) {
            out.append(char(0xC0 | (cp >> 6)));
            out.append(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.append(char(0xE0 | (cp >> 12)));
            out.append(char(0x80 | ((cp >> 6) & 0x3F)));
            out.append(char(0x80 | (cp & 0x3F)));
        } else {
            out.append(char(0xF0 | (cp >> 18)));
            out.append(char(0x80 | ((cp >> 12) & 0x3F)));
            out.append(char(0x80 | ((cp >> 6) & 0x3F)));
            out.append(char(0x80 | (cp & 0x3F)));
        }
    };
    auto hex4 = [](const char *q) {
        return char32_t((hexValue(q[0]) << 12) | (hexValue(q[1]) << 8) | (hexValue(q[2]) << 4)
                        | hexValue(q[3]));
    };
    while (p < e) {
        if (*p != '\\') {
            out.append(*p++);
            continue;
        }
        if (p + 1 >= e)
            break;
        const char c = p[1];
        p += 2;
        switch (c) {
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u': {
            if (e - p < 4)
                return QString::fromUtf8(out);
            char32_t cp = hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && e - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                const char32_t low = hex4(p + 2);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD; // a lone surrogate cannot be represented
            appendUtf8(cp);
            break;
        }
        default: out.append(c); break; // '"', '\\', '/'
        }
    }
    return QString::fromUtf8(out);
}

namespace {

void writeValue(QByteArray &out, const JsonValue &v, JsonDocument::Format format, int depth)
{
    const bool indented = format == JsonDocument::Format::Indented;
    auto newline = [&](int d) {
        if (!indented)
            return;
        out.append('\n');
        out.append(QByteArray(d * 2, ' '));
    };
    switch (v.type()) {
    case JsonType::Object:
    case JsonType::Array: {
        const bool object = v.type() == JsonType::Object;
        out.append(object ? '{' : '[');
        bool first = true;
        for (const JsonValue child : v) {
            if (!first)
                out.append(',');
            first = false;
            newline(depth + 1);
            if (object) {
                const QByteArray &text = v.document()->text();
                out.append(text.constData() + child.keyOffset(), child.keyLength());
                out.append(indented ? ": " : ":");
            }
            writeValue(out, child, format, depth + 1);
        }
        if (!first)
            newline(depth);
        out.append(object ? '}' : ']');
        break;
    }
    default:
        out.append(v.raw());
        break;
    }
}

} // namespace

QByteArray JsonDocument::serialize(const JsonValue &value, Format format)
{
    QByteArray out;
    if (!value.isValid())
        return out;
    out.reserve(qsizetype(value.length()) + 64);
    writeValue(out, value, format, 0);
    if (format == Format::Indented)
        out.append('\n');
    return out;
}

// --- JsonValue ---

bool jsonEqual(const JsonValue &a, const JsonValue &b)
{
    if (a.isValid() != b.isValid())
        return false;
    if (!a.isValid())
        return true;
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case JsonType::Null:
        return true;
    case JsonType::Bool:
        return a.toBool() == b.toBool();
    case JsonType::Number:
        return a.toDouble() == b.toDouble();
    case JsonType::String:
        return a.toString() == b.toString();
    case JsonType::Array: {
        if (a.size() != b.size())
            return false;
        for (JsonValue x = a.firstChild(), y = b.firstChild(); x.isValid();
             x = x.nextSibling(), y = y.nextSibling()) {
            if (!jsonEqual(x, y))
                return false;
        }
        return true;
    }
    case JsonType::Object: {
        QMap<QString, JsonValue> left, right;
        for (const JsonValue m : a)
            left.insert(m.key(), m);
        for (const JsonValue m : b)
            right.insert(m.key(), m);
        if (left.keys() != right.keys())
            return false;
        for (auto it = left.cbegin(); it != left.cend(); ++it) {
            if (!jsonEqual(*it, right.value(it.key())))
                return false;
        }
        return true;
    }
    }
    return false;
}


JsonType JsonValue::type() const
{
    return m_doc ? m_doc->m_nodes[m_index].type : JsonType::Null;
}

bool JsonValue::isInteger() const
{
    return isNumber() && (m_doc->m_nodes[m_index].flags & JsonDocument::Integer);
}

bool JsonValue::toBool(bool defaultValue) const
{
    if (!isBool())
        return defaultValue;
    return m_doc->m_text[m_doc->m_nodes[m_index].offset] == 't';
}

double JsonValue::toDouble(double defaultValue) const
{
    if (!isNumber())
        return defaultValue;
    const QByteArrayView r = raw();
    double d = 0;
    const auto res = std::from_chars(r.data(), r.data() + r.size(), d);
    if (res.ec == std::errc::result_out_of_range)
        return r.startsWith('-') ? -std::numeric_limits<double>::infinity()
                                 : std::numeric_limits<double>::infinity();
    return res.ec == std::errc() ? d : defaultValue;
}

qint64 JsonValue::toInt64(qint64 defaultValue) const
{
    if (!isNumber())
        return defaultValue;
    if (isInteger()) {
        const QByteArrayView r = raw();
        qint64 i = 0;
        const auto res = std::from_chars(r.data(), r.data() + r.size(), i);
        if (res.ec == std::errc())
            return i;
        return r.startsWith('-') ? std::numeric_limits<qint64>::min()
                                 : std::numeric_limits<qint64>::max();
    }
    const double d = toDouble();
    if (d >= 9.2e18)
        return std::numeric_limits<qint64>::max();
    if (d <= -9.2e18)
        return std::numeric_limits<qint64>::min();
    return qint64(d);
}

QString JsonValue::toString(const QString &defaultValue) const
{
    if (!isString())
        return defaultValue;
    const auto &n = m_doc->m_nodes[m_index];
    return JsonDocument::decodeString(
        QByteArrayView(m_doc->m_text.constData() + n.offset + 1, n.length - 2),
        n.flags & JsonDocument::ValueEscaped);
}

bool JsonValue::stringEquals(QLatin1StringView text) const
{
    if (!isString())
        return false;
    const auto &n = m_doc->m_nodes[m_index];
    if (n.flags & JsonDocument::ValueEscaped)
        return toString() == text;
    return qsizetype(n.length - 2) == text.size()
           && std::memcmp(m_doc->m_text.constData() + n.offset + 1, text.data(), size_t(text.size())) == 0;
}

QByteArrayView JsonValue::raw() const
{
    if (!m_doc)
        return {};
    const auto &n = m_doc->m_nodes[m_index];
    return QByteArrayView(m_doc->m_text.constData() + n.offset, n.length);
}

quint32 JsonValue::offset() const
{
    return m_doc ? m_doc->m_nodes[m_index].offset : 0;
}

quint32 JsonValue::length() const
{
    return m_doc ? m_doc->m_nodes[m_index].length : 0;
}

TextPosition JsonValue::position() const
{
    return m_doc ? m_doc->positionOf(offset()) : TextPosition{};
}

bool JsonValue::hasKey() const
{
    return m_doc && m_doc->m_nodes[m_index].keyOffset != 0;
}

quint32 JsonValue::keyOffset() const
{
    return hasKey() ? m_doc->m_nodes[m_index].keyOffset : 0;
}

quint32 JsonValue::keyLength() const
{
    if (!hasKey())
        return 0;
    const char *b = m_doc->m_text.constData();
    const quint32 start = m_doc->m_nodes[m_index].keyOffset;
    quint32 i = start + 1;
    while (b[i] != '"') // the parser guarantees a closing quote
        i += b[i] == '\\' ? 2 : 1;
    return i + 1 - start;
}

QString JsonValue::key() const
{
    if (!hasKey())
        return {};
    const auto &n = m_doc->m_nodes[m_index];
    return JsonDocument::decodeString(
        QByteArrayView(m_doc->m_text.constData() + n.keyOffset + 1, keyLength() - 2),
        n.flags & JsonDocument::KeyEscaped);
}

bool JsonValue::keyEquals(QLatin1StringView text) const
{
    if (!hasKey())
        return false;
    const auto &n = m_doc->m_nodes[m_index];
    if (n.flags & JsonDocument::KeyEscaped)
        return key() == text;
    // memcmp may read all `len` bytes, so a key near the end of the text must not let it run
    // past the buffer: the key and its closing quote have to fit before the end to be equal.
    const qsizetype start = qsizetype(n.keyOffset) + 1;
    if (start + text.size() >= m_doc->m_text.size())
        return false;
    const char *k = m_doc->m_text.constData() + start;
    const auto len = size_t(text.size());
    return std::memcmp(k, text.data(), len) == 0 && k[len] == '"';
}

TextPosition JsonValue::keyPosition() const
{
    return hasKey() ? m_doc->positionOf(keyOffset()) : position();
}

int JsonValue::size() const
{
    if (!m_doc)
        return 0;
    const auto &n = m_doc->m_nodes[m_index];
    return (n.type == JsonType::Object || n.type == JsonType::Array) ? int(n.count) : 0;
}

JsonValue JsonValue::firstChild() const
{
    if (!m_doc)
        return {};
    // Nodes are stored in pre-order: a container's first child directly follows it.
    return size() > 0 ? JsonValue(m_doc, m_index + 1) : JsonValue();
}

JsonValue JsonValue::nextSibling() const
{
    if (!m_doc)
        return {};
    const quint32 s = m_doc->m_nodes[m_index].next;
    return s ? JsonValue(m_doc, s) : JsonValue();
}

JsonValue JsonValue::parent() const
{
    if (!m_doc || m_index == 0)
        return {};
    return JsonValue(m_doc, m_doc->m_nodes[m_index].parent);
}

JsonValue JsonValue::member(QLatin1StringView key) const
{
    if (!isObject())
        return {};
    JsonValue found;
    for (const JsonValue child : *this) {
        if (child.keyEquals(key))
            found = child;
    }
    return found;
}

JsonValue JsonValue::at(int index) const
{
    if (index < 0 || index >= size())
        return {};
    JsonValue v = firstChild();
    while (index-- > 0)
        v = v.nextSibling();
    return v;
}

} // namespace Gatehouse::Core
