#pragma once

#include "engine/enginelimits.h"

#include <QByteArray>
#include <QString>

namespace Gatehouse::Core {

// `gatehouse-proxy run URL|DIR`: the engine fed by a Puller, like `pipy URL`. Each version
// the Puller downloads (or a local repo makes current) is validated and applied through
// EngineController, all or nothing; one that fails to validate, bind or apply is logged and
// the running config keeps serving. Runs the application's event loop until SIGINT/SIGTERM.
class PullRunCommand
{
public:
    struct Options
    {
        QString target; // codebase URL (http://host:6060/repo/local/fgw/) or repo directory
        int threads = 0;
        EngineLimits limits;
        int adminPort = -1;
        int pollIntervalMs = 5000;
        QByteArray token;
    };

    // True when `argument` names a repo rather than a config file: an http(s) URL, or a
    // directory (a local repo).
    static bool isRepoTarget(const QString &argument);
    static int run(const Options &options);
};

} // namespace Gatehouse::Core
