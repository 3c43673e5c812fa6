#pragma once

#include "publishresult.h"

#include <QStringList>

class QTextStream;

namespace Gatehouse::Core {

// The repo subcommands of gatehouse-proxy: publish, pull, history, rollback and repo (serve).
// Each takes its own arguments (arguments[0] is "gatehouse-proxy <command>"), prints results
// on `out` and problems on `err`, and returns an exit code scripts can rely on:
//   0 ok, 1 usage, 2 invalid config, 3 target unreachable, refused or failing (including a
//   locked local repo and answers that are not the Pipy protocol), 4 version conflict.
// Runs on the main thread; spins a local event loop for network calls.
class RepoCommand
{
public:
    enum ExitCode : int { Ok = 0, Usage = 1, InvalidConfig = 2, TargetFailed = 3, Conflict = 4 };

    static int publish(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static int pull(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static int history(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static int rollback(const QStringList &arguments, QTextStream &out, QTextStream &err);
    // Runs the repo server until the process is interrupted.
    static int serve(const QStringList &arguments, QTextStream &out, QTextStream &err);

    static int exitCodeFor(const PublishResult &result);
};

} // namespace Gatehouse::Core
