#pragma once

#include "compiledconfig.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace Gatehouse::Core {

// One worker's mutable companion to a CompiledConfig: balancer counters (FGW keeps them per
// worker thread, so do we: no locks, no shared cache lines) and request counters for /metrics.
// Created by the EngineController for each worker on every apply; used only on that worker's
// thread, except the counters, which the controller's thread reads (relaxed atomics).
//
// Requests that started on an older config keep their WorkerState alive through a shared_ptr,
// so they finish on the config they started with.
class WorkerState
{
public:
    explicit WorkerState(std::shared_ptr<const CompiledConfig> config);

    const CompiledConfig &config() const { return *m_config; }
    const std::shared_ptr<const CompiledConfig> &configPtr() const { return m_config; }

    // Weighted choice of a service among a match's BackendService entries; -1 if none.
    int chooseService(const CompiledMatch &match);
    // Endpoint choice for one request. excluded: bit i set = endpoint i already failed for this
    // request. Returns the endpoint index or -1 when no healthy endpoint is left.
    int chooseEndpoint(int service, uint32_t clientIp, uint64_t excluded);
    // Least-connection bookkeeping: an upstream exchange started / ended on an endpoint.
    void borrow(int service, int endpoint) { ++m_active[size_t(service)][size_t(endpoint)]; }
    void giveBack(int service, int endpoint) { --m_active[size_t(service)][size_t(endpoint)]; }

    struct Counters
    {
        std::atomic<uint64_t> requests{0};
        std::atomic<uint64_t> errors{0}; // status >= 500 produced or relayed
        std::atomic<uint64_t> bytesIn{0};
        std::atomic<uint64_t> bytesOut{0};
    };
    // Indexed by routeId; by service; by service then endpoint (flattened by health slot).
    std::vector<Counters> routeCounters;
    std::vector<Counters> serviceCounters;
    std::vector<Counters> endpointCounters;
    std::atomic<uint64_t> statusClass[6] = {}; // 0: other, 1..5: 1xx..5xx

private:
    // Pipy's weighted round robin (reference §2.4): lowest hits/weight wins, ties to the earliest,
    // counters reset once every eligible weight is used up.
    int roundRobin(std::vector<int> &hits, const std::vector<int> &weights,
                   const std::vector<bool> &eligible);

    std::shared_ptr<const CompiledConfig> m_config;
    std::vector<std::vector<int>> m_endpointHits;      // [service][endpoint]
    std::vector<std::vector<int>> m_endpointWeights;   // [service][endpoint]
    std::vector<std::vector<int>> m_active;            // [service][endpoint]
    std::vector<std::vector<int>> m_serviceHits;       // [routeId][backend]
    std::vector<int> m_backupCursor;                   // [service]
    std::vector<bool> m_eligible;                      // scratch, reused
};

} // namespace Gatehouse::Core
