// Memory per request-log row at 100,000 rows (target: at most 300 bytes a row, headers kept for
// the newest rows excluded). Measures the process's resident set before and after filling the
// log with realistic rows in batches, as the engine delivers them, through the filter proxy the
// view uses. Run: build/<preset>/tests/bench/requestlog_memory
#include "models/requestfilter.h"
#include "models/requestlogfiltermodel.h"
#include "models/requestlogmodel.h"

#include <QApplication>
#include <QFile>
#include <QRandomGenerator>

#include <cstdio>

using namespace Gatehouse::Ui;

namespace {
qint64 rssBytes()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.value(1).toLongLong() * 4096;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv); // the view's models live in a GUI app
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : RequestLogModel::DefaultCapacity;
    RequestLogModel log(rows);
    RequestLogFilterModel filtered(&log);
    filtered.setFilter(*RequestFilter::parse(QString())); // shown unfiltered, as by default
    QRandomGenerator rng(42);
    const char *paths[] = {"/", "/api/v1/orders", "/api/v1/orders/", "/static/app.js", "/index.html", "/api/v1/users/"};
    const qint64 before = rssBytes();
    for (int done = 0; done < rows;) {
        std::vector<RequestRow> batch;
        const int n = qMin(2000, rows - done); // ~200 ms of traffic at 10,000 req/s
        batch.reserve(size_t(n));
        for (int i = 0; i < n; ++i) {
            RequestRow r;
            r.startMs = 1'700'000'000'000 + done + i;
            r.durationUs = rng.bounded(50'000);
            r.status = rng.bounded(100) < 97 ? 200 : 502;
            r.listenerPort = 8000;
            r.bytesIn = 120;
            r.bytesOut = rng.bounded(4096);
            r.client = log.pool().intern(QByteArray("10.0.") + QByteArray::number(rng.bounded(4)) + '.'
                                         + QByteArray::number(rng.bounded(250)));
            r.method = log.pool().intern(QByteArrayLiteral("GET"));
            r.host = log.pool().intern(QByteArrayLiteral("api.example.com"));
            r.route = log.pool().intern(QByteArrayLiteral("* Prefix /"));
            r.service = log.pool().intern(QByteArrayLiteral("backendService1"));
            r.endpoint = log.pool().intern(QByteArray("127.0.0.1:808") + QByteArray::number(1 + rng.bounded(2)));
            const char *p = paths[rng.bounded(6)];
            r.path = QByteArray(p) + (p[qstrlen(p) - 1] == '/' ? QByteArray::number(rng.bounded(100000)) : QByteArray());
            batch.push_back(std::move(r));
        }
        done += n;
        log.appendBatch(std::move(batch));
    }
    const qint64 after = rssBytes();
    const double perRow = double(after - before) / rows;
    std::printf("rows: %d\nRSS growth: %.1f MiB\nbytes per row: %.0f (target <= 300)\nsizeof(RequestRow): %zu\n",
                rows, (after - before) / 1048576.0, perRow, sizeof(RequestRow));
    return perRow <= 300 ? 0 : 1;
}
