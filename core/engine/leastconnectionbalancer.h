#pragma once

#include "loadbalancer.h"

#include <vector>

namespace Gatehouse::Core {

// FGW's LeastConnectionLoadBalancer (Pipy LeastWorkLoadBalancer with every weight 1): the usable
// endpoint with the fewest borrowed connections wins. The caller reports borrows with
// acquire(endpoint) and returns with release(endpoint); counts are per worker thread, as in FGW.
//
// Ties rotate: the scan starts one past the previous pick, so equally loaded endpoints (for
// instance all idle) share the traffic instead of the first one taking every request.
class LeastConnectionBalancer final : public LoadBalancer
{
public:
    explicit LeastConnectionBalancer(int endpointCount);

    int pick(const PickContext &ctx) override;
    void acquire(int endpoint) override;
    void release(int endpoint) override;
    int endpointCount() const override { return int(m_inFlight.size()); }

    quint32 inFlight(int endpoint) const { return m_inFlight[size_t(endpoint)]; }

private:
    std::vector<quint32> m_inFlight;
    int m_start = 0;
};

} // namespace Gatehouse::Core
