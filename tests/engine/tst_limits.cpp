// EngineLimits, black-box: real slow clients and real slow or broken upstreams on loopback,
// each limit set short by the test.
#include "testclient.h"

#include "engine/demobackend.h"
#include "engine/enginecontroller.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

QByteArray configFor(quint16 port, quint16 upstream, const QString &configs = {})
{
    return u"{\"Configs\": {%3}, \"Listeners\": [{\"Protocol\": \"HTTP\", \"Port\": %1}], "
           "\"RouteRules\": {\"%1\": {\"*\": {\"RouteType\": \"HTTP\", \"Matches\": [{\"Path\": "
           "{\"Type\": \"Prefix\", \"Path\": \"/\"}, \"BackendService\": {\"svc\": {\"Weight\": "
           "100}}}]}}}, \"Services\": {\"svc\": {\"Endpoints\": {\"127.0.0.1:%2\": {\"Weight\": "
           "100}}}}, \"Chains\": {\"HTTPRoute\": [\"common/consumer.js\", \"http/codec.js\", "
           "\"http/route.js\", \"http/service.js\", \"http/forward.js\", \"http/default.js\"]}}"_s
               .arg(port)
               .arg(upstream)
               .arg(configs)
               .toUtf8();
}

// An upstream on its own thread that reads one request head per connection and then plays a
// script: each step is bytes to send after a pause. Serves connections one after another.
class ScriptedUpstream
{
public:
    struct Step
    {
        int pauseMs;
        QByteArray bytes;
    };
    explicit ScriptedUpstream(std::vector<Step> script)
        : m_script(std::move(script))
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
        ::listen(m_fd, 16);
        socklen_t len = sizeof sa;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&sa), &len);
        m_port = ntohs(sa.sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~ScriptedUpstream()
    {
        m_stop = true;
        ::shutdown(m_fd, SHUT_RDWR);
        m_thread.join();
        ::close(m_fd);
    }
    quint16 port() const { return m_port; }

private:
    void run()
    {
        while (!m_stop) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0)
                continue;
            const int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                continue;
            QByteArray in;
            char buf[4096];
            while (!in.contains("\r\n\r\n")) {
                const ssize_t n = ::recv(c, buf, sizeof buf, 0);
                if (n <= 0)
                    break;
                in.append(buf, n);
            }
            for (const Step &s : m_script) {
                for (int waited = 0; waited < s.pauseMs && !m_stop; waited += 20)
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                if (::send(c, s.bytes.constData(), size_t(s.bytes.size()), MSG_NOSIGNAL) < 0)
                    break;
            }
            ::close(c);
        }
    }
    std::vector<Step> m_script;
    int m_fd = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace

class tst_Limits : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void slowlorisGets408();
    void slowButCompleteHeadIsServed();
    void keepAliveIdleIsNotHeadTime();
    void connectionsPerWorker();
    void requestHeadSizes();
    void responseHeadTooLargeIs502();
    void upstreamConnectTimeoutIs504();
    void upstreamResponseTimeoutIs504();
    void slowButProgressingUpstreamIsNotCut();
    void proxyFlagsSetTheLimits();

private:
    bool start(const EngineLimits &limits, quint16 upstream, const QString &configs = {});

    std::unique_ptr<DemoBackend> m_echo;
    std::unique_ptr<EngineController> m_engine;
    quint16 m_port = 0;
};

void tst_Limits::init()
{
    m_echo = std::make_unique<DemoBackend>(DemoBackend::Behaviour::EchoRequest);
    QVERIFY(m_echo->start());
    m_port = freePort();
}

void tst_Limits::cleanup()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    m_echo.reset();
}

bool tst_Limits::start(const EngineLimits &limits, quint16 upstream, const QString &configs)
{
    m_engine = std::make_unique<EngineController>(1, limits);
    const auto outcome = m_engine->apply(configFor(m_port, upstream, configs), QDir::tempPath());
    if (!outcome.ok)
        qWarning() << outcome.error;
    return outcome.ok;
}

void tst_Limits::slowlorisGets408()
{
    EngineLimits limits;
    limits.requestHeadTimeoutMs = 1000;
    QVERIFY(start(limits, m_echo->port()));
    const quint16 port = m_port;
    // One byte every 200 ms: the connection is never idle, but the head never completes.
    const auto [status, closed, elapsed] = offThread([port] {
        TestClient c;
        c.connectTo(port);
        QElapsedTimer t;
        t.start();
        const QByteArray head = "GET / HTTP/1.1\r\nHost: a\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        Reply r;
        for (qsizetype i = 0; i < head.size(); ++i) {
            if (!c.send(head.mid(i, 1)))
                break;
            r = c.read(false, 200);
            if (r.status)
                break;
        }
        return std::make_tuple(r.status, c.waitClosed(3000), t.elapsed());
    });
    QCOMPARE(status, 408);
    QVERIFY(closed);
    QVERIFY2(elapsed >= 900 && elapsed < 4000, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_echo->requestCount(), quint64(0));
}

void tst_Limits::slowButCompleteHeadIsServed()
{
    EngineLimits limits;
    limits.requestHeadTimeoutMs = 3000;
    QVERIFY(start(limits, m_echo->port()));
    const quint16 port = m_port;
    const int status = offThread([port] {
        TestClient c;
        c.connectTo(port);
        const QByteArray head = "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n";
        for (qsizetype i = 0; i < head.size(); i += 4) {
            c.send(head.mid(i, 4));
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return c.read().status;
    });
    QCOMPARE(status, 200);
}

void tst_Limits::keepAliveIdleIsNotHeadTime()
{
    // Between keep-alive requests the idle timeout (SocketTimeout, 5 s here) applies, not the
    // 1 s head limit: a client that pauses 2 s before its next request is served.
    EngineLimits limits;
    limits.requestHeadTimeoutMs = 1000;
    QVERIFY(start(limits, m_echo->port(), u"\"SocketTimeout\": 5"_s));
    const quint16 port = m_port;
    const auto [first, second] = offThread([port] {
        TestClient c;
        c.connectTo(port);
        c.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
        const int a = c.read().status;
        std::this_thread::sleep_for(std::chrono::milliseconds(2000));
        c.send("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
        return std::make_pair(a, c.read().status);
    });
    QCOMPARE(first, 200);
    QCOMPARE(second, 200);
}

void tst_Limits::connectionsPerWorker()
{
    EngineLimits limits;
    limits.maxConnectionsPerWorker = 4;
    QVERIFY(start(limits, m_echo->port()));
    const quint16 port = m_port;
    const auto [served, extraClosed, extraStatus, stillServed, afterClose] = offThread([port] {
        std::vector<std::unique_ptr<TestClient>> held;
        int ok = 0;
        for (int i = 0; i < 4; ++i) {
            held.push_back(std::make_unique<TestClient>());
            held.back()->connectTo(port);
            held.back()->send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            ok += held.back()->read().status == 200;
        }
        // The fifth is closed at once, with nothing read from it.
        TestClient extra;
        extra.connectTo(port);
        extra.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        const int status = extra.read(false, 3000).status;
        const bool closed = extra.waitClosed(3000);
        // The four held ones keep being served.
        int again = 0;
        for (auto &c : held) {
            c->send("GET /again HTTP/1.1\r\nHost: a\r\n\r\n");
            again += c->read().status == 200;
        }
        // One leaves: a new client is accepted again.
        held.back()->close();
        held.pop_back();
        int next = 0;
        for (int attempt = 0; attempt < 50 && next != 200; ++attempt) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            next = TestClient::get(port, "/next").status;
        }
        return std::make_tuple(ok, closed, status, again, next);
    });
    QCOMPARE(served, 4);
    QCOMPARE(extraStatus, 0);
    QVERIFY(extraClosed);
    QCOMPARE(stillServed, 4);
    QCOMPARE(afterClose, 200);
    QVERIFY(m_engine->rejectedConnections() >= 1);
}

void tst_Limits::requestHeadSizes()
{
    EngineLimits limits;
    limits.maxRequestLine = 100;
    limits.maxHeaderLine = 200;
    limits.maxRequestHead = 1000;
    limits.maxRequestHeaders = 10;
    QVERIFY(start(limits, m_echo->port()));
    const quint16 port = m_port;
    auto status = [port](const QByteArray &request) {
        return offThread([port, request] {
            TestClient c;
            c.connectTo(port);
            c.send(request);
            const int s = c.read(false, 3000).status;
            return s * 10 + (c.waitClosed(3000) ? 1 : 0);
        });
    };
    const QByteArray h = "Host: a\r\n";
    QCOMPARE(status("GET /" + QByteArray(90, 'a') + " HTTP/1.1\r\n" + h + "\r\n"), 2000);
    QCOMPARE(status("GET /" + QByteArray(120, 'a') + " HTTP/1.1\r\n" + h + "\r\n"), 4141);
    QCOMPARE(status("GET / HTTP/1.1\r\n" + h + "X-A: " + QByteArray(250, 'b') + "\r\n\r\n"), 4311);
    QByteArray head = "GET / HTTP/1.1\r\n" + h;
    for (int i = 0; i < 8; ++i)
        head += "X-" + QByteArray::number(i) + ": " + QByteArray(150, 'c') + "\r\n";
    QCOMPARE(status(head + "\r\n"), 4311); // 1,200 bytes of header lines
    QByteArray many = "GET / HTTP/1.1\r\n" + h;
    for (int i = 0; i < 12; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    QCOMPARE(status(many + "\r\n"), 4311); // 13 lines
    QCOMPARE(m_echo->requestCount(), quint64(1));
}

void tst_Limits::responseHeadTooLargeIs502()
{
    ScriptedUpstream up({{0, "HTTP/1.1 200 OK\r\nX-Huge: " + QByteArray(6000, 'h')
                                 + "\r\nContent-Length: 2\r\n\r\nok"}});
    ScriptedUpstream fine({{0, "HTTP/1.1 200 OK\r\nX-Small: " + QByteArray(3000, 's')
                                   + "\r\nContent-Length: 2\r\n\r\nok"}});
    EngineLimits limits;
    limits.maxResponseHead = 4096;
    QVERIFY(start(limits, up.port()));
    const quint16 port = m_port;
    QCOMPARE(offThread([port] { return TestClient::get(port, "/").status; }), 502);
    m_engine->stop();
    QVERIFY(start(limits, fine.port()));
    const Reply r = offThread([port] { return TestClient::get(port, "/"); });
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "ok");
}

void tst_Limits::upstreamConnectTimeoutIs504()
{
    // A listener whose accept queue is full and never drained: further SYNs go unanswered, so
    // a connect to it hangs as it would to a host that has vanished.
    const int full = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(full, reinterpret_cast<sockaddr *>(&sa), sizeof sa), 0);
    QCOMPARE(::listen(full, 0), 0);
    socklen_t len = sizeof sa;
    ::getsockname(full, reinterpret_cast<sockaddr *>(&sa), &len);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
        const int f = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        ::connect(f, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
        fillers.push_back(f);
    }
    QTest::qWait(200);
    EngineLimits limits;
    limits.upstreamConnectTimeoutMs = 1000;
    QVERIFY(start(limits, ntohs(sa.sin_port)));
    const quint16 port = m_port;
    QElapsedTimer t;
    t.start();
    const Reply r = offThread([port] {
        TestClient c;
        c.connectTo(port);
        c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        return c.read(false, 8000);
    });
    const qint64 elapsed = t.elapsed();
    for (int f : fillers)
        ::close(f);
    ::close(full);
    QCOMPARE(r.status, 504);
    QVERIFY2(elapsed >= 900 && elapsed < 5000, qPrintable(QString::number(elapsed)));
}

void tst_Limits::upstreamResponseTimeoutIs504()
{
    m_echo->setSilent(true); // reads the request, never answers
    EngineLimits limits;
    limits.upstreamResponseTimeoutMs = 1000;
    QVERIFY(start(limits, m_echo->port()));
    const quint16 port = m_port;
    QElapsedTimer t;
    t.start();
    const Reply r = offThread([port] { return TestClient::get(port, "/silent"); });
    QCOMPARE(r.status, 504);
    QVERIFY2(t.elapsed() >= 900 && t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(m_echo->requestCount(), quint64(1));
}

void tst_Limits::slowButProgressingUpstreamIsNotCut()
{
    // 2.1 s in all, never silent for more than 0.3 s: the response timeout (1.5 s) measures
    // silence, not length.
    std::vector<ScriptedUpstream::Step> script{
        {300, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n"}};
    for (char c : QByteArray("hello!"))
        script.push_back({300, QByteArray(1, c)});
    ScriptedUpstream up(script);
    EngineLimits limits;
    limits.upstreamResponseTimeoutMs = 1500;
    QVERIFY(start(limits, up.port()));
    const quint16 port = m_port;
    const Reply r = offThread([port] { return TestClient::get(port, "/"); });
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "hello!");
}

void tst_Limits::proxyFlagsSetTheLimits()
{
    // `gatehouse-proxy run` as a user starts it: the flags reach the workers.
    QTemporaryDir dir;
    QFile config(dir.path() + u"/config.json"_s);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(configFor(m_port, m_echo->port()));
    config.close();
    QProcess proxy;
    proxy.setProcessChannelMode(QProcess::MergedChannels);
    proxy.start(QStringLiteral(GATEHOUSE_PROXY_BINARY),
                {u"run"_s, config.fileName(), u"--threads"_s, u"1"_s, u"--header-timeout"_s, u"1"_s,
                 u"--max-request-line"_s, u"100"_s});
    QVERIFY(proxy.waitForStarted());
    const quint16 port = m_port;
    QTRY_COMPARE_WITH_TIMEOUT(offThread([port] { return TestClient::get(port, "/up").status; }),
                              200, 10000);
    const auto [longTarget, slow] = offThread([port] {
        const int a = TestClient::get(port, "/" + QByteArray(120, 'a')).status;
        TestClient c;
        c.connectTo(port);
        c.send("GET / HTTP/1.1\r\nHost: a\r\n");
        return std::make_pair(a, c.read(false, 5000).status);
    });
    proxy.terminate();
    QVERIFY(proxy.waitForFinished(10000));
    QCOMPARE(longTarget, 414);
    QCOMPARE(slow, 408);
}

QTEST_GUILESS_MAIN(tst_Limits)
#include "tst_limits.moc"
