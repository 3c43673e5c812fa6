#include "lagprobe.h"

#include "controllers/enginesession.h"
#include "models/requestlogmodel.h"
#include "views/mainwindow.h"
#include "views/requestlogview.h"

#include <QSaveFile>

#include <algorithm>

#include <sys/resource.h>

namespace Gatehouse::Ui {

namespace {
constexpr int IntervalMs = 10;

// Sum of gatehouse_responses_total over the status classes: every response the engine gave.
quint64 engineResponses(const QByteArray &metrics)
{
    quint64 n = 0;
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith("gatehouse_responses_total{"))
            n += line.mid(line.lastIndexOf(' ') + 1).toULongLong();
    }
    return n;
}
} // namespace

LagProbe::LagProbe(const QString &path, MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_window(window)
{
    m_lateUs.reserve(100'000);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LagProbe::tick);
    m_timer.start(IntervalMs);
    connect(&m_writer, &QTimer::timeout, this, &LagProbe::writeReport);
    m_writer.start(1000);
    m_clock.start();
}

LagProbe::~LagProbe()
{
    writeReport();
}

void LagProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0) {
        const qint64 late = (now - m_lastNs) / 1000 - IntervalMs * 1000;
        m_lateUs.push_back(qint32(std::clamp<qint64>(late, 0, INT_MAX)));
    }
    m_lastNs = now;
}

void LagProbe::writeReport() const
{
    std::vector<qint32> sorted = m_lateUs;
    std::sort(sorted.begin(), sorted.end());
    auto pct = [&sorted](double p) {
        if (sorted.empty())
            return 0.0;
        const size_t i = std::min(sorted.size() - 1, size_t(p * double(sorted.size() - 1) + 0.5));
        return sorted[i] / 1000.0;
    };
    const RequestLogModel *log = m_window->requestLog()->model();
    QByteArray out;
    out += "samples " + QByteArray::number(qulonglong(sorted.size())) + '\n';
    out += "lag_ms p50 " + QByteArray::number(pct(0.50), 'f', 2) + " p99 "
           + QByteArray::number(pct(0.99), 'f', 2) + " max "
           + QByteArray::number(sorted.empty() ? 0.0 : sorted.back() / 1000.0, 'f', 2) + '\n';
    out += "log received " + QByteArray::number(log->receivedCount()) + " not_recorded "
           + QByteArray::number(log->lostCount()) + " evicted "
           + QByteArray::number(log->droppedCount()) + " paused "
           + QByteArray::number(log->pausedCount()) + " rows " + QByteArray::number(log->rowCount())
           + '\n';
    // How much CPU the GUI thread itself used (the probe is constructed on it): lag with a
    // mostly idle GUI thread is the machine's scheduling, not the app's work.
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);
    const double cpuMs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
                         + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
    out += "gui_thread cpu_ms " + QByteArray::number(cpuMs, 'f', 0) + " wall_ms "
           + QByteArray::number(m_clock.elapsed()) + '\n';
    out += "engine responses " + QByteArray::number(engineResponses(m_window->engine()->metrics()))
           + '\n';
    // Lateness histogram: ms bucket -> ticks.
    out += "histogram_ms";
    size_t i = 0;
    while (i < sorted.size()) {
        const qint32 bucket = sorted[i] / 1000;
        size_t j = i;
        while (j < sorted.size() && sorted[j] / 1000 == bucket)
            ++j;
        out += ' ' + QByteArray::number(bucket) + ':' + QByteArray::number(qulonglong(j - i));
        i = j;
    }
    out += '\n';
    QSaveFile file(m_path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(out);
        file.commit();
    }
}

} // namespace Gatehouse::Ui
