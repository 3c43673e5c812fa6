#include "leastconnectionbalancer.h"

namespace Gatehouse::Core {

LeastConnectionBalancer::LeastConnectionBalancer(int endpointCount)
    : m_inFlight(size_t(qMax(0, endpointCount)), 0)
{}

int LeastConnectionBalancer::pick(const PickContext &ctx)
{
    const int n = endpointCount();
    int best = -1;
    for (int k = 0; k < n; ++k) {
        const int i = (m_start + k) % n;
        if (!ctx.usable(i))
            continue;
        if (best < 0 || m_inFlight[size_t(i)] < m_inFlight[size_t(best)])
            best = i;
    }
    if (best >= 0)
        m_start = (best + 1) % n;
    return best;
}

void LeastConnectionBalancer::acquire(int endpoint)
{
    if (endpoint >= 0 && endpoint < endpointCount())
        ++m_inFlight[size_t(endpoint)];
}

void LeastConnectionBalancer::release(int endpoint)
{
    // Saturating: an unpaired release must not wrap to 4 billion and starve the endpoint.
    if (endpoint >= 0 && endpoint < endpointCount() && m_inFlight[size_t(endpoint)] > 0)
        --m_inFlight[size_t(endpoint)];
}

} // namespace Gatehouse::Core
