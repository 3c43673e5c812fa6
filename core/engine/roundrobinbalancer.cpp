#include "roundrobinbalancer.h"

namespace Gatehouse::Core {

RoundRobinBalancer::RoundRobinBalancer(const QList<int> &weights)
{
    m_endpoints.reserve(size_t(weights.size()));
    for (const int w : weights)
        m_endpoints.push_back({quint64(qMax(0, w))});
}

int RoundRobinBalancer::pick(const PickContext &ctx)
{
    const int n = endpointCount();
    // Usage a/b compared as cross products: exact, no floating point.
    int best = -1;
    quint64 totalHits = 0;
    quint64 totalWeight = 0;
    // Lowest usage among primaries that were healthy before this pick, for returning ones.
    int minIdx = -1;
    bool anyReturning = false;

    for (int i = 0; i < n; ++i) {
        Endpoint &e = m_endpoints[size_t(i)];
        if (e.weight == 0)
            continue;
        const bool healthy = ctx.healthy(i);
        if (!healthy) {
            e.wasHealthy = false;
            continue;
        }
        if (!e.wasHealthy) {
            anyReturning = true;
            continue;
        }
        if (minIdx < 0
            || e.hits * m_endpoints[size_t(minIdx)].weight
                   < m_endpoints[size_t(minIdx)].hits * e.weight)
            minIdx = i;
    }
    if (anyReturning) {
        // Re-enter at the current minimum usage: hits = floor(minUsage * weight).
        for (int i = 0; i < n; ++i) {
            Endpoint &e = m_endpoints[size_t(i)];
            if (e.weight == 0 || e.wasHealthy || !ctx.healthy(i))
                continue;
            e.hits = minIdx < 0 ? 0
                                : m_endpoints[size_t(minIdx)].hits * e.weight
                                      / m_endpoints[size_t(minIdx)].weight;
            e.wasHealthy = true;
        }
    }

    for (int i = 0; i < n; ++i) {
        const Endpoint &e = m_endpoints[size_t(i)];
        if (e.weight == 0 || !e.wasHealthy)
            continue;
        totalHits += e.hits;
        totalWeight += e.weight;
        if (ctx.isExcluded(i))
            continue;
        if (best < 0
            || e.hits * m_endpoints[size_t(best)].weight
                   < m_endpoints[size_t(best)].hits * e.weight)
            best = i;
    }
    if (best < 0)
        return pickBackup(ctx);

    ++m_endpoints[size_t(best)].hits;
    if (totalHits + 1 >= totalWeight) {
        for (Endpoint &e : m_endpoints)
            e.hits = 0;
    }
    return best;
}

int RoundRobinBalancer::pickBackup(const PickContext &ctx)
{
    const int n = endpointCount();
    for (int k = 0; k < n; ++k) {
        const int i = (m_nextBackup + k) % n;
        if (m_endpoints[size_t(i)].weight == 0 && ctx.usable(i)) {
            m_nextBackup = (i + 1) % n;
            return i;
        }
    }
    return -1;
}

} // namespace Gatehouse::Core
