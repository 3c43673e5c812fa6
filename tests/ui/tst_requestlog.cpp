// The request log: ring buffer under streaming batches, the filter language, exports.
#include "models/requestexport.h"
#include "models/requestfilter.h"
#include "models/requestlogfiltermodel.h"
#include "models/requestlogmodel.h"
#include "models/trafficstats.h"
#include "views/chartsview.h"
#include "views/requestlogview.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLineSeries>
#include <QtTest>

using namespace Gatehouse::Ui;

namespace {
// A batch of rows like the demo produces: alternate endpoints, a 5xx every tenth request.
std::vector<RequestRow> batch(RequestLogModel &log, int first, int count)
{
    std::vector<RequestRow> rows;
    for (int i = first; i < first + count; ++i) {
        RequestRow r;
        r.startMs = 1'700'000'000'000 + i;
        r.durationUs = quint32(1000 * (i % 400)); // 0..399 ms
        r.headUs = 50;
        r.connectUs = 120;
        r.firstByteUs = 900;
        r.bytesIn = 80;
        r.bytesOut = quint64(100 + i);
        r.status = (i % 10 == 9) ? 502 : 200;
        r.listenerPort = 8000;
        r.client = log.pool().intern(QByteArrayLiteral("127.0.0.1"));
        r.method = log.pool().intern(i % 2 ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET"));
        r.host = log.pool().intern(i % 3 ? QByteArrayLiteral("api.example.com") : QByteArrayLiteral("www.example.com"));
        r.route = log.pool().intern(QByteArrayLiteral("* Prefix /"));
        r.service = log.pool().intern(QByteArrayLiteral("backendService1"));
        r.endpoint = log.pool().intern(i % 2 ? QByteArrayLiteral("127.0.0.1:8082") : QByteArrayLiteral("127.0.0.1:8081"));
        if (r.status == 502)
            r.error = log.pool().intern(QByteArrayLiteral("upstream refused the connection"));
        r.path = QByteArray("/items/") + QByteArray::number(i) + "?q=a%20b";
        rows.push_back(std::move(r));
    }
    return rows;
}
} // namespace

class TestRequestLog : public QObject
{
    Q_OBJECT
private slots:
    void ringBufferUnderStreamingBatches()
    {
        RequestLogModel log(1000);
        RequestLogFilterModel filtered(&log);
        QAbstractItemModelTester t1(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&filtered, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filtered.setFilter(*RequestFilter::parse(QStringLiteral("status:5xx")));
        for (int b = 0; b < 30; ++b)
            log.appendBatch(batch(log, b * 100, 100));
        QCOMPARE(log.rowCount(), 1000);
        QCOMPARE(log.droppedCount(), quint64(2000));
        QCOMPARE(log.receivedCount(), quint64(3000));
        // Oldest kept row is #2000, newest #2999, in arrival order.
        QCOMPARE(log.row(0).startMs, 1'700'000'000'000 + 2000);
        QCOMPARE(log.row(999).startMs, 1'700'000'000'000 + 2999);
        QCOMPARE(filtered.rowCount(), 100);
        // A batch larger than the ring keeps its newest rows.
        log.appendBatch(batch(log, 5000, 1500));
        QCOMPARE(log.rowCount(), 1000);
        QCOMPARE(log.row(0).startMs, 1'700'000'000'000 + 5500);
        log.clear();
        QCOMPARE(log.rowCount(), 0);
        QCOMPARE(filtered.rowCount(), 0);
    }

    void detailsKeptForNewestRowsOnly()
    {
        RequestLogModel log(5000);
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto withDetail = [&log](int first, int count) {
            std::vector<RequestRow> rows = batch(log, first, count);
            for (RequestRow &r : rows) {
                auto d = std::make_shared<RequestDetail>();
                d->requestHeaders = {{"Host", "h"}};
                r.detail = d;
            }
            return rows;
        };
        log.appendBatch(withDetail(0, 700));
        QCOMPARE(log.detailCount(), 700);
        log.appendBatch(withDetail(700, 700));
        QCOMPARE(log.detailCount(), RequestLogModel::DetailRows);
        QVERIFY(!log.row(399).detail);
        QVERIFY(log.row(400).detail);
        QVERIFY(log.row(1399).detail);
        log.appendBatch(withDetail(1400, 2500)); // one batch larger than the detail window
        QCOMPARE(log.detailCount(), RequestLogModel::DetailRows);
        QVERIFY(log.row(log.rowCount() - 1).detail);
        QVERIFY(!log.row(log.rowCount() - 1 - RequestLogModel::DetailRows).detail);
    }

    void headParsing()
    {
        RequestDetail d;
        RequestDetail::parseHead("GET /a HTTP/1.1\r\nHost: x\r\nX-A:  spaced \r\nX-Cut: abc", &d.requestLine,
                                 &d.requestHeaders);
        QCOMPARE(d.requestLine, QByteArray("GET /a HTTP/1.1"));
        QCOMPARE(d.requestHeaders.size(), 3);
        QCOMPARE(d.requestHeaders[1].first, QByteArray("X-A"));
        QCOMPARE(d.requestHeaders[1].second, QByteArray("spaced"));
        QCOMPARE(d.requestHeaders[2].second, QByteArray("abc"));
    }

    void pauseDiscardsAndCounts()
    {
        RequestLogModel log(100);
        log.setPaused(true);
        log.appendBatch(batch(log, 0, 10));
        QCOMPARE(log.rowCount(), 0);
        QCOMPARE(log.pausedCount(), quint64(10));
        log.setPaused(false);
        log.appendBatch(batch(log, 10, 10));
        QCOMPARE(log.rowCount(), 10);
    }

    void filterErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("fragment");
        QTest::addRow("unknown field") << QStringLiteral("status:5xx colour:red") << 11 << QStringLiteral("Unknown field");
        QTest::addRow("bad duration") << QStringLiteral("dur>fast") << 4 << QStringLiteral("duration");
        QTest::addRow("bad status") << QStringLiteral("status:abc") << 7 << QStringLiteral("status");
        QTest::addRow("no value") << QStringLiteral("host:") << 0 << QStringLiteral("needs a value");
        QTest::addRow("compare text") << QStringLiteral("host>a") << 0 << QStringLiteral("cannot be compared");
    }

    void filterErrors()
    {
        QFETCH(QString, text);
        QFETCH(int, position);
        QFETCH(QString, fragment);
        RequestFilter::ParseError error;
        QVERIFY(!RequestFilter::parse(text, &error));
        QCOMPARE(error.position, position);
        QVERIFY2(error.message.contains(fragment), qPrintable(error.message));
    }

    void filterMatching_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected"); // of 300 rows
        QTest::addRow("empty") << QString() << 300;
        QTest::addRow("5xx") << QStringLiteral("status:5xx") << 30;
        QTest::addRow("200 or 502") << QStringLiteral("status:200|502") << 300;
        QTest::addRow("range") << QStringLiteral("status:200-299") << 270;
        QTest::addRow("not 5xx") << QStringLiteral("-status:5xx") << 270;
        QTest::addRow("host glob") << QStringLiteral("host:api.*") << 200;
        QTest::addRow("host case") << QStringLiteral("host:API.EXAMPLE.COM") << 200;
        QTest::addRow("and") << QStringLiteral("host:api.* method:POST") << 100;
        QTest::addRow("dur") << QStringLiteral("dur>200ms") << 99; // rows last 0..299 ms
        QTest::addRow("dur seconds") << QStringLiteral("dur<=0.1s") << 101;
        QTest::addRow("endpoint") << QStringLiteral("endpoint:*:8082") << 150;
        QTest::addRow("service") << QStringLiteral("service:backendService1") << 300;
        QTest::addRow("error any") << QStringLiteral("error:*") << 300; // '*' also matches ""
        QTest::addRow("error word") << QStringLiteral("error:*refused*") << 30;
        QTest::addRow("bare word") << QStringLiteral("items/1") << 111;
        QTest::addRow("listener") << QStringLiteral("listener:8000") << 300;
        QTest::addRow("out size") << QStringLiteral("out>=300") << 100;
    }

    void filterMatching()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        RequestLogModel log(1000);
        log.appendBatch(batch(log, 0, 300));
        RequestFilter::ParseError error;
        const auto filter = RequestFilter::parse(text, &error);
        QVERIFY2(filter, qPrintable(error.message));
        int count = 0;
        for (int i = 0; i < log.rowCount(); ++i)
            count += filter->matches(log.row(i), log.pool()) ? 1 : 0;
        QCOMPARE(count, expected);
    }

    void harExport()
    {
        RequestLogModel log(100);
        auto rows = batch(log, 0, 3);
        auto detail = std::make_shared<RequestDetail>();
        detail->requestHeaders = {{"host", "api.example.com"}, {"user-agent", "curl/7.88"}};
        detail->responseHeaders = {{"content-type", "text/plain"}};
        rows[1].detail = detail;
        log.appendBatch(std::move(rows));
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(RequestExport::har(log, {0, 1, 2}), &pe);
        QCOMPARE(pe.error, QJsonParseError::NoError);
        const QJsonObject harLog = doc.object().value(QLatin1String("log")).toObject();
        QCOMPARE(harLog.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
        const QJsonArray entries = harLog.value(QLatin1String("entries")).toArray();
        QCOMPARE(entries.size(), 3);
        const QJsonObject e = entries.at(1).toObject();
        const QJsonObject request = e.value(QLatin1String("request")).toObject();
        QCOMPARE(request.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(request.value(QLatin1String("url")).toString(), QStringLiteral("http://api.example.com/items/1?q=a%20b"));
        QCOMPARE(request.value(QLatin1String("headers")).toArray().size(), 2);
        QCOMPARE(request.value(QLatin1String("queryString")).toArray().at(0).toObject().value(QLatin1String("value")).toString(), QStringLiteral("a b"));
        QCOMPARE(e.value(QLatin1String("response")).toObject().value(QLatin1String("status")).toInt(), 200);
        const QJsonObject timings = e.value(QLatin1String("timings")).toObject();
        for (const char *key : {"blocked", "dns", "connect", "send", "wait", "receive", "ssl"})
            QVERIFY2(timings.contains(QLatin1String(key)), key);
        QVERIFY(e.value(QLatin1String("startedDateTime")).toString().endsWith(u'Z'));
        QCOMPARE(e.value(QLatin1String("_endpoint")).toString(), QStringLiteral("127.0.0.1:8082"));
    }

    void csvExportQuotes()
    {
        RequestLogModel log(10);
        auto rows = batch(log, 0, 1);
        rows[0].path = "/a,\"b\"";
        log.appendBatch(std::move(rows));
        const QByteArray csv = RequestExport::csv(log, {0});
        const QList<QByteArray> lines = csv.split('\n');
        QVERIFY(lines.at(0).startsWith("Time,Listener,Client,Method,Host,Path"));
        QVERIFY2(lines.at(1).contains("\"/a,\"\"b\"\"\""), lines.at(1).constData());
        QVERIFY(csv.endsWith("\r\n"));
    }

    void curlCommand()
    {
        RequestLogModel log(10);
        auto rows = batch(log, 0, 2);
        auto detail = std::make_shared<RequestDetail>();
        detail->requestHeaders = {{"Host", "api.example.com"}, {"X-Token", "it's"}, {"Content-Length", "3"}};
        rows[1].detail = detail;
        log.appendBatch(std::move(rows));
        QCOMPARE(RequestExport::curl(log, log.row(1)),
                 QStringLiteral("curl -X POST 'http://127.0.0.1:8000/items/1?q=a%20b' -H 'Host: api.example.com' -H 'X-Token: it'\\''s'"));
        QCOMPARE(RequestExport::curl(log, log.row(0)),
                 QStringLiteral("curl 'http://127.0.0.1:8000/items/0?q=a%20b' -H 'Host: www.example.com'"));
    }

    void trafficStatsPerSecond()
    {
        RequestLogModel log(100000);
        TrafficStats stats(60);
        // 100 requests in second 1000 (10 errors), 50 in second 1001, all 10 ms; one 900 ms.
        std::vector<RequestRow> rows = batch(log, 0, 150);
        for (size_t i = 0; i < rows.size(); ++i) {
            rows[i].startMs = (i < 100 ? 1'000'000 : 1'001'000) + qint64(i);
            rows[i].durationUs = 10'000;
        }
        rows[5].durationUs = 900'000;
        for (const RequestRow &r : rows)
            stats.add(r, log.pool());
        const auto series = stats.series(QString(), 1002);
        QCOMPARE(series.size(), size_t(60));
        const auto &s1000 = series[series.size() - 3];
        QCOMPARE(s1000.second, 1000);
        QCOMPARE(s1000.requests, 100);
        QCOMPARE(s1000.errors, 10);
        // Percentiles come from log-scale buckets: within 25% above the true value.
        QVERIFY2(s1000.p50Ms >= 10 && s1000.p50Ms <= 12.5, qPrintable(QString::number(s1000.p50Ms)));
        QVERIFY(s1000.p95Ms >= 10 && s1000.p95Ms <= 12.5);
        QCOMPARE(series[series.size() - 2].requests, 50);
        QCOMPARE(series.back().requests, 0);
        QCOMPARE(stats.services(), QStringList{QStringLiteral("backendService1")});
        QCOMPARE(stats.series(QStringLiteral("backendService1"), 1002)[57].requests, 100);
        QVERIFY(stats.series(QStringLiteral("nope"), 1002).empty());
        // Old seconds fall out of the window.
        QCOMPARE(stats.series(QString(), 1000 + 120)[0].requests, 0);
    }

    void chartsDrawTheSeries()
    {
        ChartsView view;
        RequestLogModel log(1000);
        std::vector<RequestRow> rows = batch(log, 0, 20);
        for (RequestRow &r : rows)
            r.startMs = 5'000'000;
        view.addRows(rows, log.pool());
        view.refresh(5'001);
        QCOMPARE(view.requestsSeries()->count(), 300);
        QCOMPARE(view.requestsSeries()->at(299).y(), 20.0);
        QCOMPARE(view.errorSeries()->at(299).y(), 10.0); // 2 of 20 are 502
    }

    void viewFiltersAndTints()
    {
        RequestLogView view;
        view.model()->appendBatch(batch(*view.model(), 0, 50));
        QVERIFY(!view.setFilterText(QStringLiteral("colour:red")));
        QVERIFY(!view.filterEdit()->toolTip().isEmpty());
        QCOMPARE(view.filterModel()->rowCount(), 50); // the last good filter stays
        QVERIFY(view.setFilterText(QStringLiteral("status:5xx")));
        QCOMPARE(view.filterModel()->rowCount(), 5);
        QCOMPARE(view.visibleRows().constFirst(), 9);
        view.model()->appendBatch(batch(*view.model(), 50, 50)); // new rows are filtered live
        QCOMPARE(view.filterModel()->rowCount(), 10);
    }
};

QTEST_MAIN(TestRequestLog)
#include "tst_requestlog.moc"
