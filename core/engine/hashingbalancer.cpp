#include "hashingbalancer.h"

#include "stickycookie.h"

namespace Gatehouse::Core {

namespace {

// splitmix64's finaliser: derives the second, independent hash from the first.
quint64 remix(quint64 x) noexcept
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

HashingBalancer::HashingBalancer(int endpointCount)
    : m_count(qMax(0, endpointCount))
{}

int HashingBalancer::home(std::string_view clientKey) const noexcept
{
    if (m_count == 0)
        return -1;
    return int(libStdCxxStringHash(clientKey) % quint64(m_count));
}

int HashingBalancer::pick(const PickContext &ctx)
{
    if (m_count == 0)
        return -1;
    const quint64 h = libStdCxxStringHash(ctx.clientKey);
    const int first = int(h % quint64(m_count));
    if (ctx.usable(first))
        return first;
    int usableCount = 0;
    for (int i = 0; i < m_count; ++i)
        usableCount += ctx.usable(i) ? 1 : 0;
    if (usableCount == 0)
        return -1;
    int nth = int(remix(h) % quint64(usableCount));
    for (int i = 0; i < m_count; ++i) {
        if (ctx.usable(i) && nth-- == 0)
            return i;
    }
    return -1;
}

} // namespace Gatehouse::Core
