#include "workerstate.h"

namespace Gatehouse::Core {

WorkerState::WorkerState(std::shared_ptr<const CompiledConfig> config)
    : routeCounters(size_t(config->routeNames.size()))
    , serviceCounters(config->services.size())
    , endpointCounters(config->health->size())
    , m_config(std::move(config))
{
    for (const CompiledService &s : m_config->services) {
        m_endpointHits.emplace_back(s.endpoints.size(), 0);
        m_active.emplace_back(s.endpoints.size(), 0);
        std::vector<int> weights;
        for (const CompiledEndpoint &e : s.endpoints)
            weights.push_back(e.weight);
        m_endpointWeights.push_back(std::move(weights));
    }
    m_serviceHits.resize(size_t(m_config->routeNames.size()));
    m_backupCursor.resize(m_config->services.size(), 0);
}

int WorkerState::roundRobin(std::vector<int> &hits, const std::vector<int> &weights,
                            const std::vector<bool> &eligible)
{
    int best = -1;
    // Compare hits[i]/weights[i] without division: a/b < c/d <=> a*d < c*b (weights > 0).
    for (size_t i = 0; i < hits.size(); ++i) {
        if (!eligible[i])
            continue;
        if (best < 0
            || qint64(hits[i]) * weights[size_t(best)] < qint64(hits[size_t(best)]) * weights[i])
            best = int(i);
    }
    if (best < 0)
        return -1;
    ++hits[size_t(best)];
    qint64 used = 0;
    qint64 total = 0;
    for (size_t i = 0; i < hits.size(); ++i) {
        if (eligible[i]) {
            used += hits[i];
            total += weights[i];
        }
    }
    if (used >= total)
        std::fill(hits.begin(), hits.end(), 0);
    return best;
}

int WorkerState::chooseService(const CompiledMatch &match)
{
    if (match.backends.size() == 1)
        return match.backends.front().first;
    if (match.backends.empty())
        return -1;
    std::vector<int> &hits = m_serviceHits[size_t(match.routeId)];
    if (hits.size() != match.backends.size())
        hits.assign(match.backends.size(), 0);
    // Backends are few; a small fixed scratch avoids allocating per request.
    int best = -1;
    for (size_t i = 0; i < match.backends.size(); ++i) {
        if (best < 0
            || qint64(hits[i]) * match.backends[size_t(best)].second
                   < qint64(hits[size_t(best)]) * match.backends[i].second)
            best = int(i);
    }
    ++hits[size_t(best)];
    qint64 used = 0;
    for (int h : hits)
        used += h;
    if (used >= match.totalBackendWeight)
        std::fill(hits.begin(), hits.end(), 0);
    return match.backends[size_t(best)].first;
}

int WorkerState::chooseEndpoint(int service, uint32_t clientIp, uint64_t excluded)
{
    const CompiledService &svc = m_config->services[size_t(service)];
    const HealthTable &health = *m_config->health;
    const size_t n = svc.endpoints.size();
    if (n == 0)
        return -1;
    auto usable = [&](size_t i) {
        return !(i < 64 && (excluded >> i) & 1) && health.isHealthy(svc.endpoints[i].healthSlot);
    };
    switch (svc.algorithm) {
    case CompiledService::Algorithm::Hashing: {
        // FGW: hash(client ip) mod N over all endpoints, no rehash when that one is down.
        const size_t i = (uint64_t(clientIp) * 0x9E3779B97F4A7C15ULL >> 32) % n;
        if (usable(i))
            return int(i);
        break;
    }
    case CompiledService::Algorithm::LeastConnection: {
        int best = -1;
        for (size_t i = 0; i < n; ++i) {
            if (usable(i) && (best < 0 || m_active[size_t(service)][i]
                                              < m_active[size_t(service)][size_t(best)]))
                best = int(i);
        }
        if (best >= 0)
            return best;
        break;
    }
    case CompiledService::Algorithm::RoundRobin: {
        m_eligible.assign(n, false);
        bool any = false;
        for (size_t i = 0; i < n; ++i) {
            m_eligible[i] = svc.endpoints[i].weight > 0 && usable(i);
            any = any || m_eligible[i];
        }
        if (any)
            return roundRobin(m_endpointHits[size_t(service)], m_endpointWeights[size_t(service)],
                              m_eligible);
        break;
    }
    }
    // Primary selection failed: round robin over healthy backup (weight 0) endpoints.
    if (!svc.hasBackups)
        return -1;
    int &cursor = m_backupCursor[size_t(service)];
    for (size_t k = 0; k < n; ++k) {
        const size_t i = (size_t(cursor) + k) % n;
        if (svc.endpoints[i].weight == 0 && usable(i)) {
            cursor = int((i + 1) % n);
            return int(i);
        }
    }
    return -1;
}

} // namespace Gatehouse::Core
