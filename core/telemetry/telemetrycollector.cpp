#include "telemetrycollector.h"

#include "telemetrybuffer.h"

namespace Gatehouse::Core {

TelemetryCollector::TelemetryCollector(QObject *parent)
    : QObject(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &TelemetryCollector::flush);
}

void TelemetryCollector::setBuffers(std::vector<TelemetryBuffer *> buffers)
{
    m_buffers = std::move(buffers);
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
    for (TelemetryBuffer *b : m_buffers) {
        b->take(m_scratch, *heads);
        out->insert(out->end(), m_scratch.begin(), m_scratch.end());
    }
    if (!heads->empty())
        emit this->heads(heads);
    if (!out->empty())
        emit batch(out);
}

} // namespace Gatehouse::Core
