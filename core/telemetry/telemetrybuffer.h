#pragma once

#include "requestrecord.h"

#include <QMutex>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <vector>

namespace Gatehouse::Core {

// A worker's request records between two hand-overs. The worker appends (one short lock, no
// allocation once warm: the two vectors swap and keep their capacity); the collector takes the
// batch every 100-250 ms. Bounded: when the collector falls behind, the newest records beyond
// Capacity are dropped and counted, the data path never waits.
//
// Disabled (the default) it costs one relaxed atomic load per request: `gatehouse-proxy run`
// has no consumer for records, the desktop app turns them on.
//
// Heads (request as received, response as sent) are kept apart, in a ring of HeadSlots fixed
// slots of 2 x 4 KiB allocated once when head capture is turned on: a record names its slot by a
// key, and a newer request reusing the slot makes the older record's heads unavailable. So only
// the newest HeadSlots heads of a worker survive until the hand-over, which is all the request
// log keeps anyway, and the data path copies a few hundred bytes per request, never allocating.
class TelemetryBuffer
{
public:
    static constexpr size_t Capacity = 8192;
    static constexpr quint64 HeadSlots = 1000;

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

    // Collector thread: `base` makes this buffer's head keys unique among all buffers.
    void setHeadKeyBase(quint64 base) { m_keyBase = base; }
    // Collector thread: turns head capture on (allocating the ring once) or off.
    void setHeadsEnabled(bool on)
    {
        if (on) {
            QMutexLocker locker(&m_lock);
            if (!m_slots)
                // calloc: zeroed pages straight from the kernel, resident only once used.
                m_slots.reset(static_cast<HeadSlot *>(std::calloc(HeadSlots, sizeof(HeadSlot))));
        }
        m_headsEnabled.store(on, std::memory_order_release);
    }
    bool headsEnabled() const { return m_headsEnabled.load(std::memory_order_relaxed); }

    // Worker thread: claims a slot for a new request and stores its head there; returns the
    // key for RequestRecord::headsKey, 0 when capture is off.
    quint64 storeRequestHead(const char *data, size_t size)
    {
        if (!m_headsEnabled.load(std::memory_order_acquire))
            return 0;
        const quint64 key = m_keyBase + ++m_headSeq;
        QMutexLocker locker(&m_lock); // m_lock also guards the slots against take()
        HeadSlot &slot = m_slots.get()[key % HeadSlots];
        slot.key = key;
        slot.requestSize = quint32(size);
        slot.responseSize = 0;
        std::memcpy(slot.request, data, qMin<size_t>(size, CapturedHeads::MaxBytes));
        return key;
    }
    // Worker thread: the response head of the request that got `key`.
    void storeResponseHead(quint64 key, const char *data, size_t size)
    {
        if (!key)
            return;
        QMutexLocker locker(&m_lock);
        HeadSlot &slot = m_slots.get()[key % HeadSlots];
        if (slot.key != key)
            return; // a newer request took the slot
        slot.responseSize = quint32(size);
        std::memcpy(slot.response, data, qMin<size_t>(size, CapturedHeads::MaxBytes));
    }

    // Collector thread: like take(), and appends the heads still held for the taken records.
    void take(std::vector<RequestRecord> &into, std::vector<CapturedHeads> &heads)
    {
        into.clear();
        QMutexLocker locker(&m_lock);
        m_records.swap(into);
        if (!m_slots)
            return;
        for (const RequestRecord &r : into) {
            if (!r.headsKey)
                continue;
            const HeadSlot &slot = m_slots.get()[r.headsKey % HeadSlots];
            if (slot.key != r.headsKey)
                continue;
            CapturedHeads h;
            h.key = r.headsKey;
            const quint32 req = qMin(slot.requestSize, CapturedHeads::MaxBytes);
            const quint32 resp = qMin(slot.responseSize, CapturedHeads::MaxBytes);
            h.request = QByteArray(slot.request, qsizetype(req));
            h.response = QByteArray(slot.response, qsizetype(resp));
            h.requestTruncated = slot.requestSize > req;
            h.responseTruncated = slot.responseSize > resp;
            heads.push_back(std::move(h));
        }
    }

private:
    struct HeadSlot
    {
        quint64 key;
        quint32 requestSize; // as received / sent (may exceed what the slot holds)
        quint32 responseSize;
        char request[CapturedHeads::MaxBytes];
        char response[CapturedHeads::MaxBytes];
    };

    std::atomic<bool> m_enabled{false};
    std::atomic<bool> m_headsEnabled{false};
    quint64 m_keyBase = 0;
    quint64 m_headSeq = 0; // worker thread only
    struct Free
    {
        void operator()(HeadSlot *p) const { std::free(p); }
    };
    std::unique_ptr<HeadSlot, Free> m_slots;
    std::atomic<quint64> m_dropped{0};
    QMutex m_lock;
    std::vector<RequestRecord> m_records;
};

} // namespace Gatehouse::Core
