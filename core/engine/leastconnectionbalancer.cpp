#include "leastconnectionbalancer.h"

namespace Gatehouse::Core {

LeastConnectionBalancer::LeastConnectionBalancer(int endpointCount)
    : m_inFlight(size_t(qMax(0, endpointCount)), 0)
    , m_weights(size_t(qMax(0, endpointCount)), 1)
{}

LeastConnectionBalancer::LeastConnectionBalancer(const QList<int> &weights)
    : m_inFlight(size_t(weights.size()), 0)
{
    m_weights.reserve(size_t(weights.size()));
    for (const int w : weights)
        m_weights.push_back(quint32(qMax(1, w)));
}

int LeastConnectionBalancer::pick(const PickContext &ctx)
{
    const int n = endpointCount();
    int best = -1;
    for (int k = 0; k < n; ++k) {
        const int i = (m_start + k) % n;
        if (!ctx.usable(i))
            continue;
        // inFlight(i)/weight(i) < inFlight(best)/weight(best), exactly
        if (best < 0
            || quint64(m_inFlight[size_t(i)]) * m_weights[size_t(best)]
                   < quint64(m_inFlight[size_t(best)]) * m_weights[size_t(i)])
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
