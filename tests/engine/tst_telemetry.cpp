// Engine telemetry end to end, black-box: request and response heads captured exactly as
// received and sent (truncated at 4 KiB, only the newest kept), records pointing at their
// rule in the config text, and FGW's AccessLog files (format, rotation, errors).
#include "testclient.h"

#include "engine/compiledconfig.h"
#include "engine/enginecontroller.h"
#include "telemetry/accesslogwriter.h"
#include "telemetry/telemetrybuffer.h"
#include "telemetry/telemetrycollector.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

// Two rules on one listener: /first goes to the sink, /second to the sink with a sticky
// cookie; `configs` and the Match extras go in as given.
QByteArray makeConfig(quint16 port,
                      quint16 upstream,
                      const QString &configs = {},
                      const QString &secondMatchExtra = {})
{
    return uR"({
  "Configs": {%3},
  "Listeners": [{"Protocol": "HTTP", "Port": %1}],
  "RouteRules": {
    "%1": {
      "*": {
        "RouteType": "HTTP",
        "Matches": [
          {"Path": {"Type": "Prefix", "Path": "/first"}, "BackendService": {"plain": {"Weight": 100}}},
          {"Path": {"Type": "Prefix", "Path": "/second"}, "BackendService": {"sticky": {"Weight": 100}}%4}
        ]
      }
    }
  },
  "Services": {
    "plain": {"Endpoints": {"127.0.0.1:%2": {"Weight": 100}}},
    "sticky": {"StickyCookieName": "_srv_id", "Endpoints": {"127.0.0.1:%2": {"Weight": 100}}}
  },
  "Chains": {"HTTPRoute": ["http/codec.js", "http/access-log.js", "http/route.js", "http/service.js", "http/forward.js", "http/default.js"]}
})"_s.arg(port)
        .arg(upstream)
        .arg(configs, secondMatchExtra.isEmpty() ? QString() : u", "_s + secondMatchExtra)
        .toUtf8();
}

// Sends one raw request on a fresh connection; returns everything received until the peer is
// done with one response (the head and body split at the blank line).
struct Exchange
{
    QByteArray head; // including the blank line
    Reply reply;
};

Exchange exchange(quint16 port, const QByteArray &request)
{
    return offThread([port, request] {
        Exchange e;
        TestClient c;
        if (!c.connectTo(port) || !c.send(request))
            return e;
        e.reply = c.read();
        e.head = e.reply.head + "\r\n\r\n";
        return e;
    });
}

QStringList readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// FGW's access log line (README, "Differences from FGW").
const QRegularExpression &lineFormat()
{
    static const QRegularExpression re(
        uR"re(^(\d+\.\d+\.\d+\.\d+) "" \[(\w{3} \w{3} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4})\] (\d+) (\S+) "((?:[^"\\]|\\.)*)" (\d+) (\d+) (\d+) (\d+) (\d+) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$)re"_s);
    return re;
}

} // namespace

class tst_Telemetry : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headsCapturedExactly();
    void headsTruncatedAt4KiB();
    void onlyNewestHeadsKept();
    void localAnswerHeadCaptured();
    void recordsPointAtTheirRule();
    void accessLogLines();
    void accessLogReopenedAfterRename();
    void accessLogErrorReportedOnce();
    void proxyRunWritesAccessLog();

private:
    bool start(const QByteArray &config);
    void collect();

    std::unique_ptr<SinkServer> m_sink;
    std::unique_ptr<EngineController> m_engine;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    std::vector<RequestRecord> m_records;
    QHash<quint64, CapturedHeads> m_heads;
};

void tst_Telemetry::init()
{
    m_sink = std::make_unique<SinkServer>();
    m_port = freePort();
    m_records.clear();
    m_heads.clear();
}

void tst_Telemetry::cleanup()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    m_sink.reset();
}

bool tst_Telemetry::start(const QByteArray &config)
{
    m_engine = std::make_unique<EngineController>(1);
    connect(m_engine->telemetry(), &TelemetryCollector::batch, this,
            [this](std::shared_ptr<const std::vector<RequestRecord>> batch) {
                m_records.insert(m_records.end(), batch->begin(), batch->end());
            });
    connect(m_engine->telemetry(), &TelemetryCollector::heads, this,
            [this](std::shared_ptr<const std::vector<CapturedHeads>> heads) {
                for (const CapturedHeads &h : *heads)
                    m_heads.insert(h.key, h);
            });
    const EngineController::Outcome outcome = m_engine->apply(config, m_dir.path());
    if (!outcome.ok)
        qWarning() << outcome.error;
    return outcome.ok;
}

void tst_Telemetry::collect()
{
    m_engine->telemetry()->flush();
}

void tst_Telemetry::headsCapturedExactly()
{
    QVERIFY(start(makeConfig(m_port, m_sink->port())));
    m_engine->telemetry()->setHeadsEnabled(true);
    m_engine->telemetry()->setEnabled(true, 3600 * 1000); // collected by hand below
    const QByteArray request
        = "GET /second/x?q=1 HTTP/1.1\r\nHost: heads.test\r\nUser-Agent: ua/1\r\n"
          "X-Custom:  spaced value \r\nAccept: */*\r\n\r\n";
    const Exchange e = exchange(m_port, request);
    QCOMPARE(e.reply.status, 200);
    QVERIFY(e.reply.header("set-cookie").startsWith("_srv_id="));
    QTRY_VERIFY_WITH_TIMEOUT((collect(), m_records.size() == 1), 5000);
    const RequestRecord &r = m_records[0];
    QVERIFY(r.headsKey != 0);
    QVERIFY(m_heads.contains(r.headsKey));
    const CapturedHeads &h = m_heads[r.headsKey];
    QCOMPARE(h.request, request); // byte for byte as received
    QCOMPARE(h.response, e.head); // as sent, with the Set-Cookie the proxy added
    QVERIFY(!h.requestTruncated && !h.responseTruncated);
    QCOMPARE(r.requestHeadBytes, quint32(request.size()));
    QCOMPARE(r.responseHeadBytes, quint32(e.head.size()));
    QCOMPARE(QByteArray(r.userAgent), "ua/1");
}

void tst_Telemetry::headsTruncatedAt4KiB()
{
    QVERIFY(start(makeConfig(m_port, m_sink->port())));
    m_engine->telemetry()->setHeadsEnabled(true);
    m_engine->telemetry()->setEnabled(true, 3600 * 1000);
    const QByteArray request
        = "GET /first HTTP/1.1\r\nHost: big.test\r\nX-Big: " + QByteArray(6000, 'b') + "\r\n\r\n";
    const Exchange e = exchange(m_port, request);
    QCOMPARE(e.reply.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT((collect(), m_records.size() == 1), 5000);
    const CapturedHeads &h = m_heads[m_records[0].headsKey];
    QCOMPARE(h.request.size(), qsizetype(CapturedHeads::MaxBytes));
    QCOMPARE(h.request, request.left(4096));
    QVERIFY(h.requestTruncated);
    QCOMPARE(m_records[0].requestHeadBytes, quint32(request.size()));
    // The sink echoes the request head in its body, not in its head: the response head is whole.
    QVERIFY(!h.responseTruncated);
    QCOMPARE(h.response, e.head);
}

void tst_Telemetry::onlyNewestHeadsKept()
{
    QVERIFY(start(makeConfig(m_port, m_sink->port())));
    m_engine->telemetry()->setHeadsEnabled(true);
    m_engine->telemetry()->setEnabled(true, 3600 * 1000);
    const int total = int(TelemetryBuffer::HeadSlots) + 150;
    const quint16 port = m_port;
    const int ok = offThread([port, total] {
        TestClient c;
        c.connectTo(port);
        int n = 0;
        for (int i = 0; i < total; ++i) {
            c.send("GET /first/" + QByteArray::number(i) + " HTTP/1.1\r\nHost: n.test\r\n\r\n");
            n += c.read().status == 200 ? 1 : 0;
        }
        return n;
    });
    QCOMPARE(ok, total);
    QTRY_VERIFY_WITH_TIMEOUT((collect(), m_records.size() == size_t(total)), 5000);
    QCOMPARE(m_heads.size(), qsizetype(TelemetryBuffer::HeadSlots));
    // The heads kept are exactly the newest ones.
    for (size_t i = 0; i < m_records.size(); ++i) {
        const bool newest = i >= m_records.size() - TelemetryBuffer::HeadSlots;
        const RequestRecord &r = m_records[i];
        QCOMPARE(m_heads.contains(r.headsKey), newest);
        if (newest)
            QVERIFY(m_heads[r.headsKey].request.startsWith(
                QByteArray("GET " + QByteArray(r.path) + " HTTP/1.1\r\n")));
    }
}

void tst_Telemetry::localAnswerHeadCaptured()
{
    QVERIFY(start(makeConfig(m_port, m_sink->port())));
    m_engine->telemetry()->setHeadsEnabled(true);
    m_engine->telemetry()->setEnabled(true, 3600 * 1000);
    const Exchange e = exchange(m_port, "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(e.reply.status, 404);
    QTRY_VERIFY_WITH_TIMEOUT((collect(), m_records.size() == 1), 5000);
    const CapturedHeads &h = m_heads[m_records[0].headsKey];
    QVERIFY(h.response.startsWith("HTTP/1.1 404 "));
    QCOMPARE(h.response, e.head);
    QCOMPARE(QByteArray(m_records[0].error), "no route");
}

void tst_Telemetry::recordsPointAtTheirRule()
{
    const QByteArray config = makeConfig(m_port, m_sink->port());
    QVERIFY(start(config));
    m_engine->telemetry()->setEnabled(true, 3600 * 1000);
    QCOMPARE(exchange(m_port, "GET /second HTTP/1.1\r\nHost: r\r\n\r\n").reply.status, 200);
    QCOMPARE(exchange(m_port, "GET /first HTTP/1.1\r\nHost: r\r\n\r\n").reply.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT((collect(), m_records.size() == 2), 5000);
    const std::shared_ptr<const CompiledConfig> compiled = m_engine->config();
    QCOMPARE(compiled->routeLocations.size(), size_t(2));
    for (const RequestRecord &r : m_records) {
        QCOMPARE(r.configGeneration, compiled->generation);
        QVERIFY(r.routeId >= 0);
        const CompiledConfig::RouteLocation &l = compiled->routeLocations[size_t(r.routeId)];
        const QByteArray rule = config.mid(l.offset, l.length);
        QVERIFY2(rule.startsWith(QByteArray("{\"Path\": {\"Type\": \"Prefix\", \"Path\": \""
                                            + QByteArray(r.path) + '"')),
                 rule.constData());
        QVERIFY(rule.endsWith('}'));
        QCOMPARE(l.line, int(config.left(l.offset).count('\n')) + 1);
    }
}

void tst_Telemetry::accessLogLines()
{
    const QString log = m_dir.filePath(u"access.log"_s);
    const QString routeLog = m_dir.filePath(u"route.log"_s);
    QVERIFY(start(makeConfig(m_port, m_sink->port(), u"\"AccessLog\": \"access.log\""_s,
                             u"\"AccessLog\": \""_s + routeLog + u'"')));
    // `gatehouse-proxy run` has no other consumer: the access log alone turns records on.
    QVERIFY(m_engine->telemetry()->isEnabled());
    const QByteArray body = "0123456789";
    const QByteArray head = "POST /first/a?x=1&y=2 HTTP/1.1\r\nHost: log.test:8080\r\n"
                            "User-Agent: curl/7.88 \"quoted\"\r\nX-Forwarded-For: 10.1.2.3\r\n"
                            "Referer: http://ref.test/\r\nContent-Length: 10\r\n\r\n";
    const Exchange a = exchange(m_port, head + body);
    QCOMPARE(a.reply.status, 200);
    const Exchange b = exchange(m_port, "GET /nowhere HTTP/1.1\r\nHost: log.test\r\n\r\n");
    QCOMPARE(b.reply.status, 404);
    const Exchange c = exchange(m_port, "GET /second HTTP/1.1\r\nHost: other.test\r\n\r\n");
    QCOMPARE(c.reply.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT((m_engine->flushAccessLogs(), readLines(log).size() == 2), 5000);
    m_engine->flushAccessLogs();
    const QStringList lines = readLines(log);
    QCOMPARE(lines.size(), 2);

    QRegularExpressionMatch m = lineFormat().match(lines[0]);
    QVERIFY2(m.hasMatch(), qPrintable(lines[0]));
    QCOMPARE(m.captured(1), u"127.0.0.1"_s);
    QCOMPARE(m.captured(4), u"log.test:8080"_s);
    QCOMPARE(m.captured(5), u"/first/a?x=1&y=2"_s);
    QCOMPARE(m.captured(6).toInt(), head.size()); // the request head as received
    QCOMPARE(m.captured(7).toInt(), body.size());
    QCOMPARE(m.captured(8).toInt(), 200);
    QCOMPARE(m.captured(9).toInt(), a.head.size());
    QCOMPARE(m.captured(10).toInt(), a.reply.body.size());
    QCOMPARE(m.captured(11), u"curl/7.88 \\\"quoted\\\""_s); // quotes escaped
    QVERIFY(lines[0].endsWith(u"\"10.1.2.3\" \"http://ref.test/\""_s));

    m = lineFormat().match(lines[1]);
    QVERIFY2(m.hasMatch(), qPrintable(lines[1]));
    QCOMPARE(m.captured(5), u"/nowhere"_s);
    QCOMPARE(m.captured(8).toInt(), 404);
    QCOMPARE(m.captured(9).toInt(), b.head.size());
    QCOMPARE(m.captured(10).toInt(), b.reply.body.size());
    QVERIFY(lines[1].endsWith(u"\"\" \"\" \"\""_s));

    // The second rule has its own file (the Match overrides Configs).
    const QStringList route = readLines(routeLog);
    QCOMPARE(route.size(), 1);
    m = lineFormat().match(route[0]);
    QVERIFY2(m.hasMatch(), qPrintable(route[0]));
    QCOMPARE(m.captured(4), u"other.test"_s);
}

void tst_Telemetry::accessLogReopenedAfterRename()
{
    const QString log = m_dir.filePath(u"rotate.log"_s);
    QVERIFY(start(makeConfig(m_port, m_sink->port(), u"\"AccessLog\": \""_s + log + u'"')));
    QCOMPARE(exchange(m_port, "GET /first/before HTTP/1.1\r\nHost: r\r\n\r\n").reply.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT((m_engine->flushAccessLogs(), readLines(log).size() == 1), 5000);
    // logrotate's default: rename, and the writer notices within a second.
    const QString rotated = log + u".1"_s;
    QVERIFY(QFile::rename(log, rotated));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(log), 5000);
    QCOMPARE(exchange(m_port, "GET /first/after HTTP/1.1\r\nHost: r\r\n\r\n").reply.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT((m_engine->flushAccessLogs(), readLines(log).size() == 1), 5000);
    QVERIFY(readLines(log)[0].contains(u"\"/first/after\""_s));
    QCOMPARE(readLines(rotated).size(), 1);
    QVERIFY(readLines(rotated)[0].contains(u"\"/first/before\""_s));

    // SIGHUP's path: reopen at once (here after a copytruncate-less move).
    QVERIFY(QFile::rename(log, log + u".2"_s));
    m_engine->reopenAccessLogs();
    QCOMPARE(exchange(m_port, "GET /first/hup HTTP/1.1\r\nHost: r\r\n\r\n").reply.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT((m_engine->flushAccessLogs(), readLines(log).size() == 1), 5000);
    QVERIFY(readLines(log)[0].contains(u"\"/first/hup\""_s));
    QCOMPARE(readLines(log + u".2"_s).size(), 1);
}

void tst_Telemetry::accessLogErrorReportedOnce()
{
    const QString log = m_dir.filePath(u"missing-dir/a.log"_s);
    QVERIFY(start(makeConfig(m_port, m_sink->port(), u"\"AccessLog\": \""_s + log + u'"')));
    QSignalSpy problems(m_engine.get(), &EngineController::accessLogProblem);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(exchange(m_port, "GET /first HTTP/1.1\r\nHost: r\r\n\r\n").reply.status, 200);
        m_engine->flushAccessLogs();
    }
    QTRY_VERIFY_WITH_TIMEOUT(problems.size() >= 1, 5000);
    QTest::qWait(50);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems[0][0].toString().contains(log), qPrintable(problems[0][0].toString()));
    // The directory appears: writing resumes, and that is reported too, with the lines lost.
    QVERIFY(QDir(m_dir.path()).mkdir(u"missing-dir"_s));
    QCOMPARE(exchange(m_port, "GET /first HTTP/1.1\r\nHost: r\r\n\r\n").reply.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT((m_engine->flushAccessLogs(), readLines(log).size() == 1), 5000);
    QTRY_COMPARE(problems.size(), 2);
    QVERIFY2(problems[1][0].toString().contains(u"3 line"_s),
             qPrintable(problems[1][0].toString()));
}

void tst_Telemetry::proxyRunWritesAccessLog()
{
    // `gatehouse-proxy run` itself: writes the file, reopens it on SIGHUP, flushes on SIGTERM.
    const QString log = m_dir.filePath(u"run.log"_s);
    QFile config(m_dir.filePath(u"run.json"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(makeConfig(m_port, m_sink->port(), u"\"AccessLog\": \"run.log\""_s));
    config.close();
    QProcess proxy;
    proxy.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    proxy.start(QStringLiteral(GATEHOUSE_BINARY_DIR "/app/gatehouse-proxy"),
                {u"run"_s, u"--threads"_s, u"1"_s, config.fileName()});
    QVERIFY(proxy.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += proxy.readAllStandardOutput()).contains("listener:"), 10000);
    QCOMPARE(exchange(m_port, "GET /first/one HTTP/1.1\r\nHost: run\r\n\r\n").reply.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(readLines(log).size() == 1, 5000); // flushed within a second
    QVERIFY(QFile::rename(log, log + u".old"_s));
    ::kill(pid_t(proxy.processId()), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(log), 5000);
    QCOMPARE(exchange(m_port, "GET /first/two HTTP/1.1\r\nHost: run\r\n\r\n").reply.status, 200);
    proxy.terminate(); // SIGTERM: the last lines are written before the process ends
    QVERIFY(proxy.waitForFinished(10000));
    QCOMPARE(proxy.exitCode(), 0);
    QCOMPARE(readLines(log + u".old"_s).size(), 1);
    QCOMPARE(readLines(log).size(), 1);
    QVERIFY(lineFormat().match(readLines(log)[0]).hasMatch());
    QVERIFY(readLines(log)[0].contains(u"\"/first/two\""_s));
}

QTEST_GUILESS_MAIN(tst_Telemetry)
#include "tst_telemetry.moc"
