#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace Gatehouse::Core {

class UpstreamConnection;

// Idle keep-alive connections to one upstream address, owned by one worker (no locks). LIFO:
// the most recently used connection is the warmest and the least likely to have been closed
// by the upstream's own idle timeout.
class UpstreamPool
{
public:
    UpstreamConnection *take();
    void put(UpstreamConnection *c);
    // Removes a connection that closed while idle. O(1): connections know their slot.
    void remove(UpstreamConnection *c);
    // Closes connections idle since before `deadlineMs`.
    void closeIdleSince(int64_t deadlineMs);
    void closeAll();
    size_t size() const { return m_idle.size(); }

private:
    std::vector<UpstreamConnection *> m_idle;
};

} // namespace Gatehouse::Core
