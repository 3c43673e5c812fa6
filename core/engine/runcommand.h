#pragma once

#include "enginelimits.h"

#include <QStringList>

namespace Gatehouse::Core {

// `gatehouse-proxy run CONFIG [--threads N] [--admin-port P]` and `gatehouse-proxy demo`:
// start the engine in this process and serve until interrupted. Prints the listeners, the
// configured features that are not active, and every health transition, one line each.
// Runs the application's event loop; returns the process exit status.
class RunCommand
{
public:
    struct Options
    {
        QString configPath;
        int threads = 0;    // 0: one per core
        EngineLimits limits;
        int adminPort = -1; // < 0: no admin endpoint
    };
    static int run(const Options &options);
    // Both demo backends on 8081/8082, the seed article's config, and a static root holding
    // the article's index.html (the config's "/tmp" root is replaced by a private directory).
    static int demo(const Options &options);
};

} // namespace Gatehouse::Core
