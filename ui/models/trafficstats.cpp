#include "trafficstats.h"

#include "requestrow.h"
#include "stringpool.h"

#include <cmath>

namespace Gatehouse::Ui {

TrafficStats::TrafficStats(int seconds)
    : m_seconds(qMax(2, seconds))
{
    m_all.entries.resize(size_t(m_seconds));
}

double TrafficStats::bucketUpperMs(int bucket)
{
    return 0.05 * std::pow(1.25, bucket + 1);
}

int TrafficStats::bucketOf(double ms)
{
    if (ms <= 0.05)
        return 0;
    const int b = int(std::ceil(std::log(ms / 0.05) / std::log(1.25))) - 1;
    return qBound(0, b, Buckets - 1);
}

TrafficStats::Second &TrafficStats::slot(Ring &ring, qint64 second)
{
    if (ring.entries.empty())
        ring.entries.resize(size_t(m_seconds));
    Second &s = ring.entries[size_t(second % m_seconds)];
    if (s.second != second)
        s = Second{second, 0, 0, {}};
    return s;
}

void TrafficStats::add(const RequestRow &row, const StringPool &pool)
{
    const qint64 second = row.startMs / 1000;
    const bool error = row.status == 0 || row.status >= 500;
    const int bucket = bucketOf(row.durationUs / 1000.0);
    for (Ring *ring : {&m_all, row.service ? &m_services[pool.string(row.service)] : nullptr}) {
        if (!ring)
            continue;
        Second &s = slot(*ring, second);
        ++s.requests;
        s.errors += error ? 1 : 0;
        ++s.latency[size_t(bucket)];
    }
}

double TrafficStats::percentile(const Second &s, double q)
{
    if (s.requests == 0)
        return 0;
    const double rank = q * s.requests;
    double seen = 0;
    for (int b = 0; b < Buckets; ++b) {
        seen += s.latency[size_t(b)];
        if (seen >= rank)
            return bucketUpperMs(b);
    }
    return bucketUpperMs(Buckets - 1);
}

std::vector<TrafficStats::Point> TrafficStats::series(const QString &service, qint64 nowSecond) const
{
    const Ring *ring = service.isEmpty() ? &m_all : nullptr;
    if (!ring) {
        auto it = m_services.constFind(service);
        if (it == m_services.cend())
            return {};
        ring = &it.value();
    }
    std::vector<Point> out;
    out.reserve(size_t(m_seconds));
    for (qint64 second = nowSecond - m_seconds + 1; second <= nowSecond; ++second) {
        Point p;
        p.second = second;
        const Second &s = ring->entries[size_t(((second % m_seconds) + m_seconds) % m_seconds)];
        if (s.second == second) {
            p.requests = s.requests;
            p.errors = s.errors;
            p.p50Ms = percentile(s, 0.50);
            p.p95Ms = percentile(s, 0.95);
        }
        out.push_back(p);
    }
    return out;
}

void TrafficStats::clear()
{
    m_all.entries.assign(size_t(m_seconds), Second{});
    m_services.clear();
}

} // namespace Gatehouse::Ui
