#include "roundrobinbalancer.h"

namespace Gatehouse::Core {

RoundRobinBalancer::RoundRobinBalancer(const QList<int> &weights, int rotation)
{
    m_endpoints.reserve(size_t(weights.size()));
    for (const int w : weights)
        m_endpoints.push_back({quint64(qMax(0, w))});
    m_rotation = weights.isEmpty() ? 0 : qMax(0, rotation) % int(weights.size());
    m_nextBackup = m_rotation;
}

int RoundRobinBalancer::pick(const PickContext &ctx)
{
    const int n = endpointCount();
    // One pass: health is read once per endpoint; usage a/b is compared as cross products
    // (exact, no floating point). `lowest` is the least used healthy primary, excluded or not
    // (where a returning endpoint re-enters); `best` the least used one this request may use.
    int best = -1;
    int lowest = -1;
    bool anyReturning = false;
    quint64 totalHits = 0;
    quint64 totalWeight = 0;
    auto lessUsed = [this](int a, int b) {
        const Endpoint &x = m_endpoints[size_t(a)];
        const Endpoint &y = m_endpoints[size_t(b)];
        return x.hits * y.weight < y.hits * x.weight;
    };
    for (int k = 0, i = m_rotation; k < n; ++k, i = i + 1 < n ? i + 1 : 0) {
        Endpoint &e = m_endpoints[size_t(i)];
        if (e.weight == 0)
            continue;
        if (!ctx.healthy(i)) {
            e.wasHealthy = false;
            continue;
        }
        if (!e.wasHealthy) {
            anyReturning = true;
            continue;
        }
        totalHits += e.hits;
        totalWeight += e.weight;
        if (lowest < 0 || lessUsed(i, lowest))
            lowest = i;
        if (!ctx.isExcluded(i) && (best < 0 || lessUsed(i, best)))
            best = i;
    }
    if (anyReturning) {
        // Rare (an endpoint just recovered): re-enter at the current minimum usage,
        // hits = floor(minUsage * weight), then take it into account.
        const Endpoint *min = lowest >= 0 ? &m_endpoints[size_t(lowest)] : nullptr;
        for (int k = 0, i = m_rotation; k < n; ++k, i = i + 1 < n ? i + 1 : 0) {
            Endpoint &e = m_endpoints[size_t(i)];
            if (e.weight == 0 || e.wasHealthy || !ctx.healthy(i))
                continue;
            e.hits = min ? min->hits * e.weight / min->weight : 0;
            e.wasHealthy = true;
            totalHits += e.hits;
            totalWeight += e.weight;
            if (!ctx.isExcluded(i) && (best < 0 || lessUsed(i, best)))
                best = i;
        }
    }
    if (best < 0)
        return pickBackup(ctx);

    ++m_endpoints[size_t(best)].hits;
    // Every healthy primary used its weight: start a new round.
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
