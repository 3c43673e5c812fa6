#pragma once

#include "requestrecord.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace Gatehouse::Core {

class TelemetryBuffer;

// Collects the workers' request records in batches (every 200 ms by default) and hands each
// batch on with one signal, so consumers (the request log model, an access log writer) insert
// a whole batch at once instead of reacting per request.
//
// Lives in: the thread that owns the engine controller. The buffers it polls belong to the
// workers and outlive it (the controller stops the collector before the workers).
class TelemetryCollector : public QObject
{
    Q_OBJECT
public:
    explicit TelemetryCollector(QObject *parent = nullptr);

    void setBuffers(std::vector<TelemetryBuffer *> buffers);
    // Turns record keeping on in every buffer and starts the timer (off: stops both).
    void setEnabled(bool on, int intervalMs = 200);
    bool isEnabled() const { return m_timer.isActive(); }
    // Also capture request and response heads (the newest TelemetryBuffer::HeadSlots per
    // worker survive each hand-over; see heads()). Off by default.
    void setHeadsEnabled(bool on);
    bool headsEnabled() const { return m_headsEnabled; }
    // Collects now (also what the timer does).
    void flush();
    // Records the workers could not keep because this collector fell behind (their buffers
    // were full), since the collector was created; survives setBuffers().
    quint64 droppedCount() const { return m_dropped; }

signals:
    // Emitted just before the batch() they belong to, when heads were captured for some of its
    // records (matched by CapturedHeads::key == RequestRecord::headsKey).
    void heads(std::shared_ptr<const std::vector<Gatehouse::Core::CapturedHeads>> heads);
    void batch(std::shared_ptr<const std::vector<Gatehouse::Core::RequestRecord>> records);
    // At a flush that found new drops: how many since the previous flush.
    void dropped(quint64 count);

private:
    std::vector<TelemetryBuffer *> m_buffers;
    std::vector<quint64> m_seenDropped; // per buffer: its dropped() at the last flush
    quint64 m_dropped = 0;
    std::vector<RequestRecord> m_scratch;
    QTimer m_timer;
    bool m_headsEnabled = false;
};

} // namespace Gatehouse::Core
