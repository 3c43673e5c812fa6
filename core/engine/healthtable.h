#pragma once

#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace Gatehouse::Core {

// Health of every (service, endpoint) target of one compiled config: one atomic per target, so
// every worker reads it lock-free on each request while the health prober and the workers'
// passive failure reports write it. Slots are numbered at compile time; keys are
// "ip:port@service" as in FGW, used to carry state over a reload (FGW resets everything to
// healthy on reload, which sends traffic straight back to a dead endpoint).
class HealthTable
{
public:
    struct Slot
    {
        QString key;
        QString service;
        QString endpoint;
        int maxFails = 0; // 0: passive failures never mark the target down
        bool checked = false; // the service has a HealthCheck
        std::atomic<bool> healthy{true};
        std::atomic<int> consecutiveFails{0};
    };

    explicit HealthTable(size_t slots) : m_slots(slots) {}

    size_t size() const { return m_slots.size(); }
    Slot &slot(size_t i) { return m_slots[i]; }
    const Slot &slot(size_t i) const { return m_slots[i]; }
    bool isHealthy(int i) const
    {
        return i < 0 || m_slots[size_t(i)].healthy.load(std::memory_order_relaxed);
    }

    // A failure seen by real traffic (connection refused or reset). Returns true when this
    // report turned the target unhealthy (the caller then reports the transition once).
    bool reportFailure(int i);
    // Copies health of targets present in both tables (matched by key).
    void carryOverFrom(const HealthTable &old);

private:
    std::vector<Slot> m_slots;
};

} // namespace Gatehouse::Core
