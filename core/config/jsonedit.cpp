#include "jsonedit.h"

namespace Gatehouse::Core {

namespace {

quint32 endOf(const JsonValue &v)
{
    return v.offset() + v.length();
}

// Offset where a member's text starts: its key, or the value for array elements.
quint32 startOf(const JsonValue &v)
{
    return v.hasKey() ? v.keyOffset() : v.offset();
}

JsonValue previousSibling(const JsonValue &v)
{
    JsonValue prev;
    for (JsonValue c = v.parent().firstChild(); c.isValid() && !(c == v); c = c.nextSibling())
        prev = c;
    return prev;
}

QByteArray memberText(QByteArrayView key, const QByteArray &valueText, QByteArrayView indent)
{
    QByteArray value = valueText;
    value.replace(QByteArrayView("\n"), QByteArray(QByteArray("\n") + indent.toByteArray()));
    QByteArray out;
    out += JsonEdit::quote(QString::fromUtf8(key));
    out += ": ";
    out += value;
    return out;
}

bool startsLine(const QByteArray &text, quint32 offset)
{
    while (offset > 0) {
        const char c = text[offset - 1];
        if (c == '\n')
            return true;
        if (c != ' ' && c != '\t')
            return false;
        --offset;
    }
    return true;
}

} // namespace

TextEdit JsonEdit::renameKey(const JsonValue &member, QByteArrayView newKey)
{
    const QByteArray quoted = quote(QString::fromUtf8(newKey));
    return {member.keyOffset() + 1, member.keyLength() - 2, quoted.mid(1, quoted.size() - 2)};
}

TextEdit JsonEdit::replaceValue(const JsonValue &value, const QByteArray &newText)
{
    return {value.offset(), value.length(), newText};
}

TextEdit JsonEdit::remove(const JsonValue &v)
{
    const JsonValue next = v.nextSibling();
    if (next.isValid()) {
        // From this member to the next one: the next member takes this one's place and
        // indentation.
        return {startOf(v), startOf(next) - startOf(v), {}};
    }
    const JsonValue prev = previousSibling(v);
    if (prev.isValid()) // the last one: drop the comma after the previous member too
        return {endOf(prev), endOf(v) - endOf(prev), {}};
    return {startOf(v), endOf(v) - startOf(v), {}};
}

TextEdit
JsonEdit::appendMember(const JsonValue &object, QByteArrayView key, const QByteArray &valueText)
{
    const JsonDocument &doc = *object.document();
    JsonValue last;
    for (const JsonValue m : object)
        last = m;
    if (last.isValid()) {
        const bool ownLine = startsLine(doc.text(), last.keyOffset());
        const QByteArray indent = ownLine ? indentationAt(doc, last.keyOffset()) : QByteArray();
        QByteArray text = ownLine ? QByteArray(",\n") + indent : QByteArray(", ");
        text += memberText(key, valueText, indent);
        return {endOf(last), 0, text};
    }
    // An empty object: open it up on its own lines.
    const QByteArray outer = indentationAt(doc, object.offset());
    const QByteArray inner = outer + indentUnit(doc);
    QByteArray text = QByteArray("\n") + inner + memberText(key, valueText, inner) + '\n' + outer;
    return {object.offset() + 1, object.length() - 2, text};
}

TextEdit JsonEdit::insertMemberBefore(const JsonValue &member,
                                      QByteArrayView key,
                                      const QByteArray &valueText)
{
    const JsonDocument &doc = *member.document();
    const bool ownLine = startsLine(doc.text(), member.keyOffset());
    const QByteArray indent = ownLine ? indentationAt(doc, member.keyOffset()) : QByteArray();
    QByteArray text = memberText(key, valueText, indent);
    text += ownLine ? QByteArray(",\n") + indent : QByteArray(", ");
    return {member.keyOffset(), 0, text};
}

TextEdit
JsonEdit::insertElement(const JsonValue &array, const JsonValue &after, const QByteArray &valueText)
{
    const JsonDocument &doc = *array.document();
    const JsonValue first = array.firstChild();
    if (!first.isValid()) {
        const QByteArray outer = indentationAt(doc, array.offset());
        const QByteArray inner = outer + indentUnit(doc);
        return {array.offset() + 1, array.length() - 2,
                QByteArray("\n") + inner + valueText + '\n' + outer};
    }
    const bool ownLine = startsLine(doc.text(), first.offset());
    const QByteArray separator
        = ownLine ? QByteArray(",\n") + indentationAt(doc, first.offset()) : QByteArray(", ");
    if (after.isValid())
        return {endOf(after), 0, separator + valueText};
    return {first.offset(), 0, valueText + separator};
}

QByteArray JsonEdit::quote(QStringView text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\') {
            out += '\\';
            out += char(u);
        } else if (u == '\n') {
            out += "\\n";
        } else if (u == '\t') {
            out += "\\t";
        } else if (u < 0x20) {
            out += "\\u00";
            out += QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += QString(c).toUtf8();
        }
    }
    out += '"';
    return out;
}

QByteArray JsonEdit::stringArray(const QByteArrayList &quotedItems, QByteArrayView unit)
{
    QByteArray out("[");
    for (qsizetype i = 0; i < quotedItems.size(); ++i) {
        out += '\n';
        out += unit;
        out += quotedItems[i];
        if (i + 1 < quotedItems.size())
            out += ',';
    }
    out += "\n]";
    return out;
}

QByteArray JsonEdit::indentationAt(const JsonDocument &document, quint32 offset)
{
    const QByteArray &text = document.text();
    qsizetype start = offset;
    while (start > 0 && text[start - 1] != '\n')
        --start;
    qsizetype end = start;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t'))
        ++end;
    return text.mid(start, end - start);
}

QByteArray JsonEdit::indentUnit(const JsonDocument &document)
{
    // The indentation of the root's first member is the file's unit.
    const JsonValue first = document.root().firstChild();
    if (first.isValid() && first.hasKey()) {
        const QByteArray indent = indentationAt(document, first.keyOffset());
        if (!indent.isEmpty() && startsLine(document.text(), first.keyOffset()))
            return indent;
    }
    return QByteArray("  ");
}

} // namespace Gatehouse::Core
