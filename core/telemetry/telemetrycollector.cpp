#include "telemetrycollector.h"

#include "telemetrybuffer.h"
#include "util/crossthread.h"

namespace Gatehouse::Core {

TelemetryCollector::TelemetryCollector(QObject *parent)
    : QObject(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &TelemetryCollector::flush);
}

void TelemetryCollector::setBuffers(std::vector<TelemetryBuffer *> buffers)
{
    m_buffers = std::move(buffers);
    m_seenDropped.assign(m_buffers.size(), 0);
    for (size_t i = 0; i < m_buffers.size(); ++i)
        m_seenDropped[i] = m_buffers[i]->dropped();
    quint64 base = 0;
    for (TelemetryBuffer *b : m_buffers) {
        b->setHeadKeyBase(base += quint64(1) << 48);
        b->setHeadsEnabled(m_headsEnabled);
        b->setEnabled(m_timer.isActive());
    }
}

void TelemetryCollector::setHeadsEnabled(bool on)
{
    m_headsEnabled = on;
    for (TelemetryBuffer *b : m_buffers)
        b->setHeadsEnabled(on);
}

void TelemetryCollector::setEnabled(bool on, int intervalMs)
{
    for (TelemetryBuffer *b : m_buffers)
        b->setEnabled(on);
    if (on)
        m_timer.start(intervalMs);
    else
        m_timer.stop();
}

void TelemetryCollector::flush()
{
    auto out = std::make_shared<std::vector<RequestRecord>>();
    auto heads = std::make_shared<std::vector<CapturedHeads>>();
    quint64 newlyDropped = 0;
    for (size_t i = 0; i < m_buffers.size(); ++i) {
        TelemetryBuffer *b = m_buffers[i];
        b->take(m_scratch, *heads);
        out->insert(out->end(), m_scratch.begin(), m_scratch.end());
        const quint64 d = b->dropped();
        newlyDropped += d - m_seenDropped[i];
        m_seenDropped[i] = d;
    }
    // Receivers may be on other threads (the access log writer): the batches are handed off.
    GATEHOUSE_TSAN_RELEASE_HAND_OFF();
    if (!heads->empty())
        emit this->heads(heads);
    if (!out->empty())
        emit batch(out);
    if (newlyDropped) {
        m_dropped += newlyDropped;
        emit dropped(newlyDropped);
    }
}

} // namespace Gatehouse::Core
