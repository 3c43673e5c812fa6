#pragma once

#include "loadbalancer.h"

#include <vector>

namespace Gatehouse::Core {

// FGW's LeastConnectionLoadBalancer (Pipy LeastWorkLoadBalancer with every weight 1): the usable
// endpoint with the fewest borrowed connections wins. The caller reports borrows with
// acquire(endpoint) and returns with release(endpoint); counts are per worker thread, as in FGW.
//
// With weights (Pipy's LeastWorkLoadBalancer, which FGW's docs example names) the lowest
// inFlight/weight wins; a weight below 1 counts as 1.
//
// Ties rotate: the scan starts one past the previous pick, so equally loaded endpoints (for
// instance all idle) share the traffic instead of the first one taking every request.
class LeastConnectionBalancer final : public LoadBalancer
{
public:
    explicit LeastConnectionBalancer(int endpointCount);
    explicit LeastConnectionBalancer(const QList<int> &weights);

    int pick(const PickContext &ctx) override;
    void acquire(int endpoint) override;
    void release(int endpoint) override;
    int endpointCount() const override { return int(m_inFlight.size()); }

    quint32 inFlight(int endpoint) const { return m_inFlight[size_t(endpoint)]; }

private:
    std::vector<quint32> m_inFlight;
    std::vector<quint32> m_weights; // all 1 when unweighted
    int m_start = 0;
};

} // namespace Gatehouse::Core
