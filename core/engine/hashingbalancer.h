#pragma once

#include "loadbalancer.h"

namespace Gatehouse::Core {

// FGW's HashingLoadBalancer: the client's IP picks the endpoint, `hash(ip) mod N` over all
// endpoints (weights ignored, weight-0 endpoints included), so a client keeps its endpoint
// across connections.
//
// Better than FGW: when the hashed endpoint is unusable, FGW gives up (502 or backup); here the
// client is rehashed, with a second independent hash, onto the usable endpoints. The displaced
// clients spread evenly over the survivors instead of all landing on one neighbour, the clients
// of healthy endpoints do not move at all, and everyone returns home when the endpoint recovers.
class HashingBalancer final : public LoadBalancer
{
public:
    explicit HashingBalancer(int endpointCount);

    int pick(const PickContext &ctx) override;
    int endpointCount() const override { return m_count; }

    // The endpoint `clientKey` maps to when every endpoint is usable.
    int home(std::string_view clientKey) const noexcept;

private:
    int m_count;
};

} // namespace Gatehouse::Core
