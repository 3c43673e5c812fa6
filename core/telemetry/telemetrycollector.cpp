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
    for (TelemetryBuffer *b : m_buffers)
        b->setEnabled(m_timer.isActive());
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
    for (TelemetryBuffer *b : m_buffers) {
        b->take(m_scratch);
        out->insert(out->end(), m_scratch.begin(), m_scratch.end());
    }
    if (!out->empty())
        emit batch(out);
}

} // namespace Gatehouse::Core
