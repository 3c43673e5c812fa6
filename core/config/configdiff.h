#pragma once

#include "config.h"

#include <QList>
#include <QString>

namespace Gatehouse::Core {

// A semantic diff of two loaded configs: what a person must know before publishing ("service
// backendService1: endpoint 127.0.0.1:8082 removed"), not which bytes moved. It compares the
// typed model, so reformatting, reordering of keys, port or host lists written differently
// ("80,8080" vs "80, 8080") and legacy spellings that the loader reads into the same model
// (HealthCheck `Uri` vs `Path`) are no change. Order that FGW honours (Matches, chain modules)
// is compared as order.
//
// Stateless; call from any thread. The configs must outlive the call only.
class ConfigDiff
{
public:
    enum class Kind : quint8 { Added, Removed, Changed };
    enum class Area : quint8 { Configs, Listeners, Routes, Services, Chains, Other };

    struct Change
    {
        Kind kind = Kind::Changed;
        Area area = Area::Other;
        // Path-like and stable, for grouping and tests: "Services/backendService1/Endpoints/
        // 127.0.0.1:8082", "RouteRules/8080/*/Matches/Prefix /api/", "Listeners/8443".
        QString subject;
        QString sentence; // translated, complete: "service web: endpoint 10.0.0.1:80 removed"
    };

    // Changes in a fixed order: Configs, listeners (by port), routes (by port, host, then route
    // order), services (in `after`'s order, removed ones last), chains, then the rest.
    static QList<Change> compare(const Config &before, const Config &after);

    // One paragraph for the publish dialog: how many changes of which kind in which areas.
    static QString summary(const QList<Change> &changes);
};

} // namespace Gatehouse::Core
