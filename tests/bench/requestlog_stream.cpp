// The request log under streaming: the real RequestLogView (table, filter proxy, follow) shown,
// its ring already full (100,000 rows), takes BATCHES batches of ROWS rows as the engine
// delivers them; prints the time of each appendBatch (model, proxy and view bookkeeping) and of
// the event processing after it (layout and paint). Finds what makes the GUI lag without the
// noise of a loaded machine's scheduling (tests/bench/gui_lag.sh measures the whole app).
// Run: QT_QPA_PLATFORM=offscreen build/<preset>/tests/bench/requestlog_stream [ROWS] [BATCHES]
#include "models/requestlogmodel.h"
#include "views/requestlogview.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Gatehouse::Ui;

namespace {
std::vector<RequestRow> makeBatch(RequestLogModel &log, int n, qint64 start)
{
    std::vector<RequestRow> batch;
    batch.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        RequestRow r;
        r.startMs = start + i;
        r.durationUs = quint32(1000 + i % 5000);
        r.status = i % 50 ? 200 : 502;
        r.listenerPort = 8000;
        r.client = log.pool().intern(QByteArrayLiteral("127.0.0.1"));
        r.method = log.pool().intern(QByteArrayLiteral("GET"));
        r.host = log.pool().intern(QByteArrayLiteral("127.0.0.1"));
        r.service = log.pool().intern(QByteArrayLiteral("backendService1"));
        r.endpoint = log.pool().intern(QByteArrayLiteral("127.0.0.1:8081"));
        r.path = QByteArrayLiteral("/");
        batch.push_back(std::move(r));
    }
    return batch;
}
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    const int batches = argc > 2 ? QByteArray(argv[2]).toInt() : 50;
    RequestLogView view;
    view.resize(1200, 500);
    view.show();
    RequestLogModel &log = *view.model();
    qint64 t = 1'700'000'000'000;
    while (log.rowCount() < log.capacity()) {
        log.appendBatch(makeBatch(log, 5000, t));
        t += 5000;
    }
    QApplication::processEvents();
    std::vector<double> append, events;
    QElapsedTimer clock;
    for (int b = 0; b < batches; ++b) {
        std::vector<RequestRow> batch = makeBatch(log, rows, t);
        t += rows;
        clock.start();
        log.appendBatch(std::move(batch));
        append.push_back(double(clock.nsecsElapsed()) / 1e6);
        clock.start();
        QApplication::processEvents();
        events.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    std::printf("%d batches of %d rows into a full ring of %d\n", batches, rows, log.capacity());
    std::printf("appendBatch ms: median %.2f max %.2f\n", median(append), *std::max_element(append.begin(), append.end()));
    std::printf("events (layout, paint) ms: median %.2f max %.2f\n", median(events), *std::max_element(events.begin(), events.end()));
    return 0;
}
