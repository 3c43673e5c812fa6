#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <vector>

namespace Gatehouse::Core {

// A 1-based position in a text. `column` counts Unicode code points from the start of the line,
// which is what a person (and an editor's status bar) sees.
struct TextPosition
{
    int line = 0;
    int column = 0;
    friend bool operator==(const TextPosition &, const TextPosition &) = default;
};

enum class JsonType : quint8 { Null, Bool, Number, String, Array, Object };

class JsonDocument;

// A lightweight handle to one value of a JsonDocument (document pointer + node index). Valid as
// long as the document lives. Copy freely; thread-safe to read since the document is immutable.
class JsonValue
{
public:
    JsonValue() = default;

    bool isValid() const { return m_doc != nullptr; }
    JsonType type() const;
    bool isNull() const { return isValid() && type() == JsonType::Null; }
    bool isBool() const { return isValid() && type() == JsonType::Bool; }
    bool isNumber() const { return isValid() && type() == JsonType::Number; }
    bool isString() const { return isValid() && type() == JsonType::String; }
    bool isArray() const { return isValid() && type() == JsonType::Array; }
    bool isObject() const { return isValid() && type() == JsonType::Object; }
    // A number written without fraction or exponent ("200", not "200.0" or "2e2").
    bool isInteger() const;

    bool toBool(bool defaultValue = false) const;
    double toDouble(double defaultValue = 0) const;
    // Integers beyond the int64 range saturate.
    qint64 toInt64(qint64 defaultValue = 0) const;
    // Unescaped string value; defaultValue unless this is a string.
    QString toString(const QString &defaultValue = {}) const;
    // Compares a string value with latin1 text without allocating.
    bool stringEquals(QLatin1StringView text) const;

    // Source bytes of the value (for strings: including the quotes).
    QByteArrayView raw() const;
    quint32 offset() const;
    quint32 length() const;
    TextPosition position() const;

    // Member key of this value inside its parent object; empty when the parent is an array.
    bool hasKey() const;
    QString key() const;
    bool keyEquals(QLatin1StringView text) const;
    // Offset of the key's opening quote and its length including quotes; 0/0 without a key.
    quint32 keyOffset() const;
    quint32 keyLength() const;
    TextPosition keyPosition() const;

    // Containers. size() is the number of elements or members.
    int size() const;
    JsonValue firstChild() const;
    JsonValue nextSibling() const;
    JsonValue parent() const;
    // The last member with this key (JavaScript's JSON.parse keeps the last duplicate, and so does
    // FGW); invalid when absent or when this is not an object. Linear in the object's size.
    JsonValue member(QLatin1StringView key) const;
    JsonValue at(int index) const;

    // Iterates the elements of an array or the members of an object (use key() on each).
    class Iterator;
    Iterator begin() const;
    Iterator end() const;

    const JsonDocument *document() const { return m_doc; }
    quint32 index() const { return m_index; }
    friend bool operator==(const JsonValue &a, const JsonValue &b)
    {
        return a.m_doc == b.m_doc && a.m_index == b.m_index;
    }

private:
    friend class JsonDocument;
    JsonValue(const JsonDocument *doc, quint32 index) : m_doc(doc), m_index(index) {}
    const JsonDocument *m_doc = nullptr;
    quint32 m_index = 0;
};

class JsonValue::Iterator
{
public:
    JsonValue operator*() const { return m_value; }
    Iterator &operator++()
    {
        m_value = m_value.nextSibling();
        return *this;
    }
    bool operator!=(const Iterator &other) const { return !(m_value == other.m_value); }

private:
    friend class JsonValue;
    explicit Iterator(JsonValue v) : m_value(v) {}
    JsonValue m_value;
};

inline JsonValue::Iterator JsonValue::begin() const
{
    return Iterator(firstChild());
}

inline JsonValue::Iterator JsonValue::end() const
{
    return Iterator(JsonValue());
}

// JSON equality as FGW (JSON.parse) sees it: member order, whitespace and number spelling do not
// matter ("1.0" equals "1"), and of duplicate members the last one counts. Two invalid values are
// equal. Used by the semantic diff and by the schema validator's enum/const.
bool jsonEqual(const JsonValue &a, const JsonValue &b);

struct JsonParseError
{
    quint32 offset = 0;
    TextPosition position;
    QString message;
};

// An immutable, lossless JSON document: the source text plus a compact flat tree of nodes that
// point into it. Keeps member order and duplicate members, and knows the line and column of every
// key and value. Strings and numbers are decoded on demand, so parsing allocates only the node
// vector (28 bytes a value) and a sparse line index.
//
// Parsing is strict RFC 8259 (no comments, no trailing commas, UTF-8 checked), with a nesting
// limit so hostile input cannot exhaust the stack. A UTF-8 byte order mark is skipped.
class JsonDocument
{
public:
    struct ParseResult
    {
        std::shared_ptr<const JsonDocument> document; // null on error
        JsonParseError error;
        bool ok() const { return document != nullptr; }
    };
    static ParseResult parse(const QByteArray &text);

    static constexpr int MaxDepth = 256;

    JsonValue root() const { return JsonValue(this, 0); }
    const QByteArray &text() const { return m_text; }
    // Line and column of a byte offset into text().
    TextPosition positionOf(quint32 offset) const;
    // Byte offset of a 1-based line and column (clamped to the text).
    quint32 offsetOf(TextPosition position) const;
    size_t nodeCount() const { return m_nodes.size(); }

    enum class Format { Indented, Compact };
    // Writes the value back as JSON, keeping member order, duplicates and the exact source
    // spelling of strings and numbers; only whitespace changes. Indented uses two spaces.
    static QByteArray serialize(const JsonValue &value, Format format = Format::Indented);

    // Decodes the JSON string literal at source bytes [begin, end) (quotes excluded).
    static QString decodeString(QByteArrayView body, bool hasEscapes);

private:
    friend class JsonValue;
    friend class JsonParser;
    struct Node
    {
        quint32 offset = 0;
        quint32 length = 0;
        quint32 keyOffset = 0; // offset of the key's opening quote; 0 = no key (root never has one)
        quint32 next = 0;      // next sibling; 0 = none (node 0 is the root, never a sibling)
        quint32 parent = 0;
        quint32 count = 0;
        JsonType type = JsonType::Null;
        quint8 flags = 0;
    };
    enum Flag : quint8 { ValueEscaped = 1, KeyEscaped = 2, Integer = 4 };

    QByteArray m_text;
    std::vector<Node> m_nodes;
    // Start offsets of lines 1, 1 + LineStride, 1 + 2 * LineStride, ...: a sparse index keeps
    // large pretty-printed documents small; finding a line scans at most LineStride - 1
    // line breaks.
    static constexpr int LineStride = 16;
    std::vector<quint32> m_lineStarts;
};

} // namespace Gatehouse::Core
