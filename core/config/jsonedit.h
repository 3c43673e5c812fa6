#pragma once

#include "jsondocument.h"
#include "textedit.h"

#include <QByteArray>
#include <QByteArrayList>

namespace Gatehouse::Core {

// Builders of TextEdits that change one JSON member or element in place, following the
// surrounding layout (indentation, one member per line or not), so quick-fixes and migrations
// touch only what they change. All functions are pure; the values must belong to a live document.
class JsonEdit
{
public:
    // Replaces the key's text (inside the quotes).
    static TextEdit renameKey(const JsonValue &member, QByteArrayView newKey);
    // Replaces the value's source text.
    static TextEdit replaceValue(const JsonValue &value, const QByteArray &newText);
    // Removes a member of an object (or an element of an array) with its separating comma.
    static TextEdit remove(const JsonValue &memberOrElement);
    // Inserts `"key": value` as the last member of `object`. `valueText` may span several lines:
    // its line breaks are followed by the member's indentation.
    static TextEdit
    appendMember(const JsonValue &object, QByteArrayView key, const QByteArray &valueText);
    // Inserts `"key": value` right before `member` (same indentation).
    static TextEdit
    insertMemberBefore(const JsonValue &member, QByteArrayView key, const QByteArray &valueText);
    // Inserts an element into `array` after `after` (or first when `after` is invalid).
    static TextEdit
    insertElement(const JsonValue &array, const JsonValue &after, const QByteArray &valueText);

    // A JSON string literal for text (quoted and escaped).
    static QByteArray quote(QStringView text);
    static QByteArray quote(QLatin1StringView text) { return quote(QString(text)); }
    // A JSON array of quoted items, one per line indented by `unit`, for the value arguments
    // above (which add the holder's own indentation after each line break).
    static QByteArray stringArray(const QByteArrayList &quotedItems, QByteArrayView unit);

    // Leading whitespace of the line that holds `offset`.
    static QByteArray indentationAt(const JsonDocument &document, quint32 offset);
    // Indentation one level deeper than `indent`, guessed from the document (2 or 4 spaces, tab).
    static QByteArray indentUnit(const JsonDocument &document);
};

} // namespace Gatehouse::Core
