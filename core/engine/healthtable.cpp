#include "healthtable.h"

#include <QHash>

namespace Gatehouse::Core {

bool HealthTable::reportFailure(int i)
{
    if (i < 0)
        return false;
    Slot &s = m_slots[size_t(i)];
    if (!s.checked || s.maxFails <= 0)
        return false;
    const int fails = s.consecutiveFails.fetch_add(1, std::memory_order_relaxed) + 1;
    if (fails < s.maxFails)
        return false;
    bool expected = true;
    return s.healthy.compare_exchange_strong(expected, false, std::memory_order_relaxed);
}

void HealthTable::carryOverFrom(const HealthTable &old)
{
    QHash<QString, const Slot *> byKey;
    for (const Slot &s : old.m_slots)
        byKey.insert(s.key, &s);
    for (Slot &s : m_slots) {
        const Slot *o = byKey.value(s.key);
        if (!o || !s.checked)
            continue;
        s.healthy.store(o->healthy.load(std::memory_order_relaxed), std::memory_order_relaxed);
        s.consecutiveFails.store(o->consecutiveFails.load(std::memory_order_relaxed),
                                 std::memory_order_relaxed);
    }
}

} // namespace Gatehouse::Core
