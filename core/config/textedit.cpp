#include "textedit.h"

#include <algorithm>

namespace Gatehouse::Core {

std::optional<QByteArray> applyTextEdits(const QByteArray &text, QList<TextEdit> edits)
{
    std::stable_sort(edits.begin(), edits.end(),
                     [](const TextEdit &a, const TextEdit &b) { return a.offset < b.offset; });
    QByteArray out;
    out.reserve(text.size() + 256);
    quint32 pos = 0;
    for (const TextEdit &e : std::as_const(edits)) {
        if (e.offset < pos || qsizetype(e.offset) + e.length > text.size())
            return std::nullopt;
        out.append(text.constData() + pos, e.offset - pos);
        out.append(e.replacement);
        pos = e.offset + e.length;
    }
    out.append(text.constData() + pos, text.size() - pos);
    return out;
}

} // namespace Gatehouse::Core
