#pragma once

#include "compiledconfig.h"
#include "loadbalancer.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace Gatehouse::Core {

// One worker's mutable companion to a CompiledConfig: a balancer per service (FGW keeps them per
// worker thread, so do we: no locks, no shared cache lines) and request counters for /metrics.
// Created by the EngineController for each worker on every apply; used only on that worker's
// thread, except the counters, which the controller's thread reads (relaxed atomics).
//
// Requests that started on an older config keep their WorkerState alive through a shared_ptr,
// so they finish on the config they started with.
class WorkerState
{
public:
    // workerIndex rotates where round robin starts (see RoundRobinBalancer), so that several
    // workers spread their first picks.
    explicit WorkerState(std::shared_ptr<const CompiledConfig> config, int workerIndex = 0);

    const CompiledConfig &config() const { return *m_config; }
    const std::shared_ptr<const CompiledConfig> &configPtr() const { return m_config; }

    // Weighted choice of a service among a match's BackendService entries; -1 if none.
    int chooseService(const CompiledMatch &match);
    // Endpoint choice for one request. excluded: bit i set = endpoint i already refused this
    // request. Returns the endpoint index or -1 when no usable endpoint is left.
    int chooseEndpoint(int service, uint32_t clientIp, uint64_t excluded);
    bool isUsable(int service, int endpoint) const;
    // Least-connection bookkeeping: an upstream exchange started / ended on an endpoint.
    void borrow(int service, int endpoint) { m_balancers[size_t(service)]->acquire(endpoint); }
    void giveBack(int service, int endpoint) { m_balancers[size_t(service)]->release(endpoint); }

    struct Counters
    {
        std::atomic<uint64_t> requests{0};
        std::atomic<uint64_t> errors{0}; // status >= 500 produced or relayed
        std::atomic<uint64_t> bytesIn{0};
        std::atomic<uint64_t> bytesOut{0};
        // Request duration (head complete -> response handed to the socket), per bucket of
        // LatencyBoundsUs (not cumulative; the last bucket is +Inf), and the sum.
        std::atomic<uint64_t> latency[12] = {};
        std::atomic<uint64_t> latencySumUs{0};
    };
    static constexpr int64_t LatencyBoundsUs[11]
        = {1000, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000, 5000000};
    // Indexed by listener (config order); by routeId; by service; by health target.
    std::vector<Counters> listenerCounters;
    std::vector<Counters> routeCounters;
    std::vector<Counters> serviceCounters;
    std::vector<Counters> endpointCounters;
    std::atomic<uint64_t> statusClass[6] = {}; // 0: other, 1..5: 1xx..5xx

private:
    std::shared_ptr<const CompiledConfig> m_config;
    std::vector<std::unique_ptr<LoadBalancer>> m_balancers; // [service]
    std::vector<std::vector<int>> m_serviceHits;            // [routeId][backend]
};

} // namespace Gatehouse::Core
