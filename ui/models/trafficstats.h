#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace Gatehouse::Ui {

struct RequestRow;
class StringPool;

// Rolling per-second traffic figures for the charts: requests/s, error rate and latency
// percentiles, overall and per service, over the last `seconds` seconds. Latencies go into a
// fixed log-scale histogram per second (no sample is stored), so memory is bounded whatever the
// load. GUI thread.
class TrafficStats
{
public:
    struct Point
    {
        qint64 second = 0; // Unix seconds
        int requests = 0;
        int errors = 0;       // 5xx and requests that got no response
        double p50Ms = 0;
        double p95Ms = 0;
    };

    explicit TrafficStats(int seconds = 300);

    void add(const RequestRow &row, const StringPool &pool);
    // The series for one service ("" = all traffic), oldest first, one point per second up to
    // `nowSecond` (seconds without traffic are zeros).
    std::vector<Point> series(const QString &service, qint64 nowSecond) const;
    QStringList services() const { return m_services.keys(); }
    void clear();

    // Histogram bucket bounds: 0.05 ms * 1.25^k, 64 buckets (to ~80 s).
    static constexpr int Buckets = 64;
    static double bucketUpperMs(int bucket);
    static int bucketOf(double ms);

private:
    struct Second
    {
        qint64 second = -1;
        int requests = 0;
        int errors = 0;
        std::array<quint32, Buckets> latency{};
    };
    struct Ring
    {
        std::vector<Second> entries;
    };
    Second &slot(Ring &ring, qint64 second);
    static double percentile(const Second &s, double q);

    int m_seconds;
    Ring m_all;
    QHash<QString, Ring> m_services;
};

} // namespace Gatehouse::Ui
