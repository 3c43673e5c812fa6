#pragma once

#include "health/healthtable.h"

#include <QList>

#include <memory>
#include <span>
#include <string_view>

namespace Gatehouse::Core {

// What a pick may choose from, built by the data path on its stack per request.
struct PickContext
{
    // Health of the service's endpoints: endpoint i is target `firstTarget + i`. Null when the
    // service has no HealthCheck (then FGW has no unhealthy set and neither do we).
    const HealthTable *health = nullptr;
    int firstTarget = 0;
    // Endpoints already tried for this request (refused/reset before anything was sent).
    // Tiny in practice; searched linearly.
    std::span<const int> excluded = {};
    // Bytes identifying the client for HashingBalancer: the raw IP address (4 or 16 bytes) or
    // its text, whichever the caller uses consistently. Ignored by the other balancers.
    std::string_view clientKey = {};

    bool healthy(int endpoint) const noexcept
    {
        return !health || health->isUsable(firstTarget + endpoint);
    }
    bool isExcluded(int endpoint) const noexcept
    {
        for (const int e : excluded) {
            if (e == endpoint)
                return true;
        }
        return false;
    }
    bool usable(int endpoint) const noexcept { return healthy(endpoint) && !isExcluded(endpoint); }
};

enum class BalancerAlgorithm : quint8 {
    RoundRobin,
    Hashing,
    LeastConnection,         // FGW's LeastConnectionLoadBalancer: weights ignored
    WeightedLeastConnection, // Pipy's LeastWorkLoadBalancer: in-flight per weight
};

// Chooses an endpoint of one service for one request (or one pinned client connection).
//
// Threads: one instance per service per worker thread; pick/acquire/release are called only
// on that thread, so there are no locks. Contract for every implementation: pick() is
// O(endpoints), never allocates, and returns an endpoint index in [0, endpointCount()) that is
// usable() in `ctx`, or -1 when none is.
class LoadBalancer
{
public:
    virtual ~LoadBalancer() = default;

    virtual int pick(const PickContext &ctx) = 0;
    // The caller borrowed / returned a connection to `endpoint` (LeastConnectionBalancer
    // counts them; the others ignore it). Every acquire must be paired with one release.
    virtual void acquire(int endpoint) { Q_UNUSED(endpoint); }
    virtual void release(int endpoint) { Q_UNUSED(endpoint); }

    virtual int endpointCount() const = 0;

    // `weights[i]` is endpoint i's Weight (0 = backup for round robin; ignored by hashing and
    // unweighted least connection). `rotation`: see RoundRobinBalancer (the worker's index).
    static std::unique_ptr<LoadBalancer>
    create(BalancerAlgorithm algorithm, const QList<int> &weights, int rotation = 0);
};

} // namespace Gatehouse::Core
