#pragma once

#include "requestrecord.h"

#include <QMutex>

#include <atomic>
#include <vector>

namespace Gatehouse::Core {

// A worker's request records between two hand-overs. The worker appends (one short lock, no
// allocation once warm: the two vectors swap and keep their capacity); the collector takes the
// batch every 100-250 ms. Bounded: when the collector falls behind, the newest records beyond
// Capacity are dropped and counted, the data path never waits.
//
// Disabled (the default) it costs one relaxed atomic load per request: `gatehouse-proxy run`
// has no consumer for records, the desktop app turns them on.
class TelemetryBuffer
{
public:
    static constexpr size_t Capacity = 8192;

    void setEnabled(bool on) { m_enabled.store(on, std::memory_order_relaxed); }
    bool isEnabled() const { return m_enabled.load(std::memory_order_relaxed); }

    // Worker thread: a record slot to fill, or null when full. Call commit() after filling.
    RequestRecord *begin()
    {
        m_lock.lock(); // m_lock guards m_records
        if (m_records.size() >= Capacity) {
            m_lock.unlock();
            m_dropped.fetch_add(1, std::memory_order_relaxed);
            return nullptr;
        }
        return &m_records.emplace_back();
    }
    void commit() { m_lock.unlock(); }

    // Collector thread: swaps the batch out (`into` is cleared first and keeps its capacity).
    void take(std::vector<RequestRecord> &into)
    {
        into.clear();
        QMutexLocker locker(&m_lock);
        m_records.swap(into);
    }
    quint64 dropped() const { return m_dropped.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_enabled{false};
    std::atomic<quint64> m_dropped{0};
    QMutex m_lock;
    std::vector<RequestRecord> m_records;
};

} // namespace Gatehouse::Core
