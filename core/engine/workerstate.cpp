#include "workerstate.h"

namespace Gatehouse::Core {

WorkerState::WorkerState(std::shared_ptr<const CompiledConfig> config, int workerIndex)
    : listenerCounters(config->listeners.size())
    , routeCounters(size_t(config->routeNames.size()))
    , serviceCounters(config->services.size())
    , endpointCounters(size_t(config->health->targetCount()))
    , m_config(std::move(config))
{
    for (const CompiledService &s : m_config->services) {
        QList<int> weights;
        for (const CompiledEndpoint &e : s.endpoints)
            weights << e.weight;
        BalancerAlgorithm algorithm = BalancerAlgorithm::RoundRobin;
        if (s.algorithm == CompiledService::Algorithm::Hashing)
            algorithm = BalancerAlgorithm::Hashing;
        else if (s.algorithm == CompiledService::Algorithm::LeastConnection)
            algorithm = BalancerAlgorithm::LeastConnection;
        m_balancers.push_back(LoadBalancer::create(algorithm, weights, workerIndex));
    }
    m_serviceHits.resize(size_t(m_config->routeNames.size()));
}

int WorkerState::chooseService(const CompiledMatch &match)
{
    if (match.backends.size() == 1)
        return match.backends.front().first;
    if (match.backends.empty())
        return -1;
    // FGW's weighted round robin between services, a fresh choice per request.
    std::vector<int> &hits = m_serviceHits[size_t(match.routeId)];
    if (hits.size() != match.backends.size())
        hits.assign(match.backends.size(), 0);
    size_t best = 0;
    for (size_t i = 1; i < match.backends.size(); ++i) {
        if (qint64(hits[i]) * match.backends[best].second
            < qint64(hits[best]) * match.backends[i].second)
            best = i;
    }
    ++hits[best];
    qint64 used = 0;
    for (int h : hits)
        used += h;
    if (used >= match.totalBackendWeight)
        std::fill(hits.begin(), hits.end(), 0);
    return match.backends[best].first;
}

bool WorkerState::isUsable(int service, int endpoint) const
{
    const CompiledService &svc = m_config->services[size_t(service)];
    return !svc.health.enabled()
           || m_config->health->isUsable(svc.endpoints[size_t(endpoint)].healthSlot);
}

int WorkerState::chooseEndpoint(int service, uint32_t clientIp, uint64_t excluded)
{
    const CompiledService &svc = m_config->services[size_t(service)];
    int excludedList[64];
    int excludedCount = 0;
    for (int i = 0; i < 64 && excluded >> i; ++i) {
        if ((excluded >> i) & 1)
            excludedList[excludedCount++] = i;
    }
    PickContext ctx;
    // Without a HealthCheck FGW has no unhealthy set; passive reports are not made then either.
    ctx.health = svc.health.enabled() ? m_config->health.get() : nullptr;
    ctx.firstTarget = svc.firstTarget;
    ctx.excluded = std::span<const int>(excludedList, size_t(excludedCount));
    const uint32_t ipBytes = clientIp;
    ctx.clientKey = std::string_view(reinterpret_cast<const char *>(&ipBytes), sizeof ipBytes);
    return m_balancers[size_t(service)]->pick(ctx);
}

} // namespace Gatehouse::Core
