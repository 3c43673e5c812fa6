#include "upstreampool.h"

#include "upstreamconnection.h"

namespace Gatehouse::Core {

UpstreamConnection *UpstreamPool::take()
{
    if (m_idle.empty())
        return nullptr;
    UpstreamConnection *c = m_idle.back();
    m_idle.pop_back();
    c->setPoolSlot(-1);
    return c;
}

void UpstreamPool::put(UpstreamConnection *c)
{
    c->setPoolSlot(int(m_idle.size()));
    m_idle.push_back(c);
}

void UpstreamPool::remove(UpstreamConnection *c)
{
    const int slot = c->poolSlot();
    if (slot < 0 || size_t(slot) >= m_idle.size() || m_idle[size_t(slot)] != c)
        return;
    m_idle[size_t(slot)] = m_idle.back();
    m_idle[size_t(slot)]->setPoolSlot(slot);
    m_idle.pop_back();
    c->setPoolSlot(-1);
}

void UpstreamPool::closeIdleSince(int64_t deadlineMs)
{
    for (size_t i = 0; i < m_idle.size();) {
        UpstreamConnection *c = m_idle[i];
        if (c->lastActivityMs() < deadlineMs)
            c->close(); // removes itself from this pool
        else
            ++i;
    }
}

void UpstreamPool::closeAll()
{
    while (!m_idle.empty())
        m_idle.back()->close();
}

} // namespace Gatehouse::Core
