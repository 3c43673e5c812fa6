#pragma once

#include <QByteArray>
#include <QString>

namespace Gatehouse::Ui {

// A line diff of two texts in unified form ("--- a", "+++ b", "@@ -1,3 +1,4 @@", " same",
// "-removed", "+added"), for the publish dialog and the history view. Pure and reentrant: call
// from any thread (the dialog computes it on a worker thread).
class TextDiff
{
public:
    struct Result
    {
        QString unified; // empty when the texts are equal
        int added = 0;
        int removed = 0;
    };

    // `context`: unchanged lines kept around each change. Texts longer than the exact
    // algorithm's budget (a few million line pairs after trimming the common head and tail)
    // are shown as one replaced block, which is still correct, only less precise.
    static Result unified(const QByteArray &before,
                          const QByteArray &after,
                          const QString &beforeLabel,
                          const QString &afterLabel,
                          int context = 3);
};

} // namespace Gatehouse::Ui
