#include "loadbalancer.h"

#include "hashingbalancer.h"
#include "leastconnectionbalancer.h"
#include "roundrobinbalancer.h"

namespace Gatehouse::Core {

std::unique_ptr<LoadBalancer>
LoadBalancer::create(BalancerAlgorithm algorithm, const QList<int> &weights, int rotation)
{
    switch (algorithm) {
    case BalancerAlgorithm::Hashing:
        return std::make_unique<HashingBalancer>(int(weights.size()));
    case BalancerAlgorithm::LeastConnection:
        return std::make_unique<LeastConnectionBalancer>(int(weights.size()));
    case BalancerAlgorithm::WeightedLeastConnection:
        return std::make_unique<LeastConnectionBalancer>(weights);
    case BalancerAlgorithm::RoundRobin:
        break;
    }
    return std::make_unique<RoundRobinBalancer>(weights, rotation);
}

} // namespace Gatehouse::Core
