#include "textdiff.h"

#include <QStringList>

#include <vector>

namespace Gatehouse::Ui {

namespace {

enum class Op : char { Same = ' ', Remove = '-', Add = '+' };

struct Line
{
    Op op;
    int beforeIndex; // 0-based index into `before` (Same, Remove), else the next one
    int afterIndex;  // 0-based index into `after` (Same, Add), else the next one
};

QStringList splitLines(const QByteArray &text)
{
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast(); // a final newline ends the last line, it does not start another
    return lines;
}

// Longest common subsequence on the middle part (the common head and tail already removed).
void diffMiddle(const QStringList &a,
                const QStringList &b,
                int a0,
                int a1,
                int b0,
                int b1,
                std::vector<Line> *out)
{
    const qsizetype n = a1 - a0;
    const qsizetype m = b1 - b0;
    constexpr qsizetype Budget = 4'000'000;
    if (n == 0 || m == 0 || n * m > Budget) {
        for (int i = a0; i < a1; ++i)
            out->push_back({Op::Remove, i, b0});
        for (int j = b0; j < b1; ++j)
            out->push_back({Op::Add, a1, j});
        return;
    }
    // lcs[i][j]: LCS length of a[a0+i..a1) and b[b0+j..b1).
    std::vector<quint32> lcs(size_t((n + 1) * (m + 1)), 0);
    auto at = [&](qsizetype i, qsizetype j) -> quint32 & { return lcs[size_t(i * (m + 1) + j)]; };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j)
            at(i, j) = a.at(a0 + i) == b.at(b0 + j) ? at(i + 1, j + 1) + 1
                                                    : qMax(at(i + 1, j), at(i, j + 1));
    }
    qsizetype i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(a0 + i) == b.at(b0 + j)) {
            out->push_back({Op::Same, int(a0 + i), int(b0 + j)});
            ++i;
            ++j;
        } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
            // Removals before additions, as diff(1) shows a replaced line.
            out->push_back({Op::Remove, int(a0 + i), int(b0 + j)});
            ++i;
        } else {
            out->push_back({Op::Add, int(a0 + i), int(b0 + j)});
            ++j;
        }
    }
}

} // namespace

TextDiff::Result TextDiff::unified(const QByteArray &before,
                                   const QByteArray &after,
                                   const QString &beforeLabel,
                                   const QString &afterLabel,
                                   int context)
{
    Result result;
    if (before == after)
        return result;
    const QStringList a = splitLines(before);
    const QStringList b = splitLines(after);
    int head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    int tail = 0;
    while (tail < a.size() - head && tail < b.size() - head
           && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;

    std::vector<Line> lines;
    lines.reserve(size_t(qMax(a.size(), b.size()) + 16));
    for (int i = 0; i < head; ++i)
        lines.push_back({Op::Same, i, i});
    diffMiddle(a, b, head, int(a.size()) - tail, head, int(b.size()) - tail, &lines);
    for (int k = tail; k > 0; --k)
        lines.push_back({Op::Same, int(a.size()) - k, int(b.size()) - k});

    QString out;
    out += QStringLiteral("--- ") + beforeLabel + QLatin1Char('\n');
    out += QStringLiteral("+++ ") + afterLabel + QLatin1Char('\n');
    const int total = int(lines.size());
    int k = 0;
    while (k < total) {
        while (k < total && lines[size_t(k)].op == Op::Same)
            ++k;
        if (k == total)
            break;
        // A hunk: from `context` lines before this change to `context` lines after the last
        // change that is no more than 2 * context unchanged lines away from the previous one.
        const int start = qMax(0, k - context);
        int end = k;
        int gap = 0;
        for (int x = k; x < total; ++x) {
            if (lines[size_t(x)].op == Op::Same) {
                if (++gap > 2 * context)
                    break;
            } else {
                gap = 0;
                end = x + 1;
            }
        }
        end = qMin(total, end + context);
        int aCount = 0, bCount = 0;
        for (int x = start; x < end; ++x) {
            if (lines[size_t(x)].op != Op::Add)
                ++aCount;
            if (lines[size_t(x)].op != Op::Remove)
                ++bCount;
        }
        const Line &first = lines[size_t(start)];
        const int aStart = aCount ? first.beforeIndex + 1 : first.beforeIndex;
        const int bStart = bCount ? first.afterIndex + 1 : first.afterIndex;
        out += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n")
                   .arg(aStart)
                   .arg(aCount)
                   .arg(bStart)
                   .arg(bCount);
        for (int x = start; x < end; ++x) {
            const Line &l = lines[size_t(x)];
            out += QLatin1Char(char(l.op));
            if (l.op == Op::Add) {
                out += b.at(l.afterIndex);
                ++result.added;
            } else {
                out += a.at(l.beforeIndex);
                if (l.op == Op::Remove)
                    ++result.removed;
            }
            out += QLatin1Char('\n');
        }
        k = end;
    }
    result.unified = out;
    return result;
}

} // namespace Gatehouse::Ui
