#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace Gatehouse::Core {

// Replace `length` bytes at byte `offset` of a UTF-8 text with `replacement`. Quick-fixes,
// migrations and structured edits are lists of these, so they keep every byte they do not touch
// (formatting, key order, unknown keys).
struct TextEdit
{
    quint32 offset = 0;
    quint32 length = 0;
    QByteArray replacement;
    friend bool operator==(const TextEdit &, const TextEdit &) = default;
};

// Applies edits to text. Edits may come in any order; overlapping edits (or edits past the end)
// make the whole application fail (std::nullopt), so a half-applied change never happens.
std::optional<QByteArray> applyTextEdits(const QByteArray &text, QList<TextEdit> edits);

} // namespace Gatehouse::Core
