#pragma once

#include "loadbalancer.h"

#include <vector>

namespace Gatehouse::Core {

// FGW's RoundRobinLoadBalancer (Pipy's weighted round robin, reference §2.4).
//
// Each endpoint keeps `hits`; a pick takes the usable primary (weight > 0) endpoint with the
// lowest hits/weight, ties going to the earliest in list order, and counts a hit. When the
// hits of the healthy primaries reach their total weight, every counter restarts from zero.
// So weights 100/100 give A,B,A,B... and 200/100 give A,B,A,A,B,A... exactly (2:1 over every
// 300 picks). An endpoint coming back from unhealthy re-enters at the current minimum usage,
// so it does not receive a burst of catch-up traffic.
//
// Weight-0 endpoints are backups: picked (plain round robin among them) only when no primary
// is usable. Unlike FGW the endpoint list is not shuffled: the order is the config's, so the
// sequence is reproducible. `rotation` moves where ties start: each worker of the engine passes
// its index, so that several workers do not all send their first request (and with keep-alive
// pinning, their first connections) to the first endpoint. 0 is FGW's order.
class RoundRobinBalancer final : public LoadBalancer
{
public:
    explicit RoundRobinBalancer(const QList<int> &weights, int rotation = 0);

    int pick(const PickContext &ctx) override;
    int endpointCount() const override { return int(m_endpoints.size()); }

    // For tests and metrics.
    quint64 hits(int endpoint) const { return m_endpoints[size_t(endpoint)].hits; }

private:
    struct Endpoint
    {
        quint64 weight;
        quint64 hits = 0;
        bool wasHealthy = true; // health seen at the previous pick
    };

    int pickBackup(const PickContext &ctx);

    std::vector<Endpoint> m_endpoints;
    int m_nextBackup = 0;
    int m_rotation = 0; // first index looked at, for ties
};

} // namespace Gatehouse::Core
