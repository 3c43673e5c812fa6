#pragma once

#include <QStringList>

class QTextStream;

namespace Gatehouse::Core {

// `gatehouse-proxy check FILE [FILE...]`: validates FGW config.json files and prints each
// finding as "FILE:LINE:COL: error|warning: message [code]" on `out` (the form compilers use,
// which editors and CI logs understand) and a one-line summary on `err`.
class CheckCommand
{
public:
    enum ExitCode : int { Clean = 0, WarningsOnly = 1, Errors = 2 };

    // Checks every file ("-" is standard input, reported as "<stdin>"; an unreadable file
    // counts as an error and the others are still checked) and returns the worst outcome.
    static int run(const QStringList &files, QTextStream &out, QTextStream &err);
};

} // namespace Gatehouse::Core
