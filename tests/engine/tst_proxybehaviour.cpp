// HTTP/1.1 proxy behaviour of the engine, black-box: pinning and per-request balancing,
// timeouts, upstream reuse and retry, reload under load and rollback, large bodies both ways,
// header handling and the parser's refusals.
#include "testclient.h"

#include "engine/demobackend.h"
#include "engine/enginecontroller.h"
#include "telemetry/telemetrycollector.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <atomic>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

struct Options
{
    quint16 port = 0;
    QList<quint16> endpoints;
    QList<int> weights;
    QString configs;        // extra members of "Configs"
    QString serviceExtra;   // extra members of the service
    QString matchExtra;     // extra members of the match
    quint16 staticPort = 0; // a second listener serving files from staticRoot
    QString staticRoot;
    quint16 extraListener = 0; // a third listener (rollback test)
};

// FGW's default HTTP chain (without it FGW serves nothing, and the validator refuses).
QString chains()
{
    return uR"("Chains": {"HTTPRoute": ["common/consumer.js", "http/codec.js", "http/route.js",
        "http/service.js", "http/forward.js", "http/default.js"]})"_s;
}

QByteArray makeConfig(const Options &o)
{
    QString endpoints;
    for (int i = 0; i < o.endpoints.size(); ++i) {
        endpoints += u"%1\"127.0.0.1:%2\": {\"Weight\": %3}"_s.arg(i ? u", "_s : QString())
                         .arg(o.endpoints[i])
                         .arg(o.weights.value(i, 100));
    }
    QString listeners = u"{\"Protocol\": \"HTTP\", \"Port\": %1}"_s.arg(o.port);
    QString rules
        = uR"("%1": {"*": {"RouteType": "HTTP", "Matches": [{"Path": {"Type": "Prefix", "Path": "/"}, "BackendService": {"svc": {"Weight": 100}} %2}]}})"_s
              .arg(o.port)
              .arg(o.matchExtra.isEmpty() ? QString() : u", "_s + o.matchExtra);
    if (o.staticPort) {
        listeners += u", {\"Protocol\": \"HTTP\", \"Port\": %1}"_s.arg(o.staticPort);
        rules += uR"(, "%1": {"*": {"Matches": [{"ServerRoot": "%2"}]}})"_s.arg(o.staticPort)
                     .arg(o.staticRoot);
    }
    if (o.extraListener)
        listeners += u", {\"Protocol\": \"HTTP\", \"Port\": %1}"_s.arg(o.extraListener);
    const QString text = uR"({"Configs": {%1}, "Listeners": [%2], "RouteRules": {%3},
        "Services": {"svc": {"Endpoints": {%4} %5}}, %6})"_s.arg(
        o.configs, listeners, rules, endpoints,
        o.serviceExtra.isEmpty() ? QString() : u", "_s + o.serviceExtra, chains());
    return text.toUtf8();
}

// Sends raw bytes on a fresh connection and reads one response; closed = the proxy closed
// the connection afterwards.
struct RawResult
{
    Reply reply;
    bool closed = false;
};

RawResult raw(quint16 port, const QByteArray &bytes)
{
    return offThread([port, bytes] {
        RawResult r;
        TestClient c;
        c.connectTo(port);
        c.send(bytes);
        r.reply = c.read(false, 5000);
        r.closed = c.waitClosed(3000);
        return r;
    });
}

// An upstream that answers every request head it reads with the same canned bytes and keeps
// the connection open (a misbehaving server: the fuzzers' findings, replayed for real).
class ScriptedUpstream
{
public:
    explicit ScriptedUpstream(QByteArray response)
        : m_response(std::move(response))
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&a), len) != 0
            || ::listen(m_listen, 16) != 0
            || ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len) != 0)
            return;
        m_port = ntohs(a.sin_port);
        m_acceptor = std::thread([this] {
            while (true) {
                const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
                if (fd < 0)
                    return;
                std::lock_guard lock(m_lock);
                m_fds.push_back(fd);
                m_threads.emplace_back([this, fd] { serve(fd); });
            }
        });
    }
    ~ScriptedUpstream()
    {
        ::shutdown(m_listen, SHUT_RDWR);
        if (m_acceptor.joinable())
            m_acceptor.join();
        std::lock_guard lock(m_lock);
        for (const int fd : m_fds)
            ::shutdown(fd, SHUT_RDWR);
        for (std::thread &t : m_threads)
            t.join();
        for (const int fd : m_fds)
            ::close(fd);
        ::close(m_listen);
    }
    quint16 port() const { return m_port; }
    int requests() const { return m_requests.load(); }

private:
    void serve(int fd)
    {
        QByteArray in;
        char buf[4096];
        while (true) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0)
                return;
            in.append(buf, n);
            qsizetype end;
            while ((end = in.indexOf("\r\n\r\n")) >= 0) {
                in.remove(0, end + 4);
                ++m_requests;
                if (::write(fd, m_response.constData(), size_t(m_response.size())) < 0)
                    return;
            }
        }
    }

    QByteArray m_response;
    int m_listen = -1;
    quint16 m_port = 0;
    std::atomic<int> m_requests{0};
    std::thread m_acceptor;
    std::vector<std::thread> m_threads;
    std::vector<int> m_fds;
    std::mutex m_lock;
};

} // namespace

class tst_ProxyBehaviour : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void keepAlivePinning_data();
    void keepAlivePinning();
    void socketTimeoutClosesIdleClient();
    void http10TransferEncodingCloses();
    void upstreamConnectionsAreReused();
    void refusedEndpointIsRetried();
    void upstreamTimeoutIs504();
    void noRouteIs404();
    void headersForwarded();
    void pipeliningAndHead();
    void expectContinue();
    void largeBodiesStreamBothWays();
    void malformedRequests_data();
    void malformedRequests();
    void clientMaxBodySize();
    void hotReloadUnderLoad();
    void failedApplyRollsBack();
    void runStartsWhatBinds();
    void telemetryRecordsAndMetrics();
    void chainsDecideWhatRuns();
    void upstreamRestartIsInvisible();
    void webSocketUpgradeIsTunnelled();
    void routing_data();
    void routing();
    void misbehavingUpstream_data();
    void misbehavingUpstream();

private:
    bool start(int threads, const Options &o);

    std::unique_ptr<DemoBackend> m_echo;
    std::unique_ptr<DemoBackend> m_hello;
    std::unique_ptr<EngineController> m_engine;
    quint16 m_port = 0;
};

void tst_ProxyBehaviour::init()
{
    m_echo = std::make_unique<DemoBackend>(DemoBackend::Behaviour::EchoRequest);
    m_hello = std::make_unique<DemoBackend>(DemoBackend::Behaviour::Hello);
    QVERIFY(m_echo->start());
    QVERIFY(m_hello->start());
    m_port = freePort();
}

void tst_ProxyBehaviour::cleanup()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    m_echo.reset();
    m_hello.reset();
}

bool tst_ProxyBehaviour::start(int threads, const Options &o)
{
    m_engine = std::make_unique<EngineController>(threads);
    const EngineController::Outcome outcome = m_engine->apply(makeConfig(o), QDir::tempPath());
    if (!outcome.ok)
        qWarning() << outcome.error;
    return outcome.ok;
}

void tst_ProxyBehaviour::keepAlivePinning_data()
{
    QTest::addColumn<bool>("perRequest");
    QTest::newRow("pinned (FGW default)") << false;
    QTest::newRow("HTTP1PerRequestLoadBalancing") << true;
}

void tst_ProxyBehaviour::keepAlivePinning()
{
    QFETCH(bool, perRequest);
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port(), m_hello->port()};
    if (perRequest)
        o.configs = u"\"HTTP1PerRequestLoadBalancing\": true"_s;
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    const QList<Reply> replies = offThread([port] {
        QList<Reply> out;
        TestClient c;
        c.connectTo(port);
        for (int i = 0; i < 10; ++i) {
            c.send("GET /k HTTP/1.1\r\nHost: h\r\n\r\n");
            out << c.read();
        }
        return out;
    });
    int hello = 0;
    for (const Reply &r : replies) {
        QCOMPARE(r.status, 200);
        hello += r.body == "Hello, there";
    }
    if (perRequest)
        QCOMPARE(hello, 5);
    else
        QVERIFY(hello == 0 || hello == 10);
}

void tst_ProxyBehaviour::socketTimeoutClosesIdleClient()
{
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    o.configs = u"\"SocketTimeout\": 1"_s;
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    const auto [status, closed, elapsed] = offThread([port] {
        TestClient c;
        c.connectTo(port);
        c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        const Reply r = c.read();
        QElapsedTimer t;
        t.start();
        const bool wasClosed = c.waitClosed(5000);
        return std::make_tuple(r.status, wasClosed, t.elapsed());
    });
    QCOMPARE(status, 200);
    QVERIFY(closed);
    QVERIFY2(elapsed >= 800 && elapsed < 3500, qPrintable(QString::number(elapsed)));
}

void tst_ProxyBehaviour::upstreamConnectionsAreReused()
{
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port(), m_hello->port()};
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    const int ok = offThread([port] {
        int n = 0;
        for (int i = 0; i < 200; ++i)
            n += TestClient::get(port, "/r").status == 200; // a fresh client connection each
        return n;
    });
    QCOMPARE(ok, 200);
    // 200 requests on 200 client connections: the upstreams saw a handful of connections.
    QVERIFY2(
        m_echo->connectionCount() + m_hello->connectionCount() <= 4,
        qPrintable(u"%1 + %2"_s.arg(m_echo->connectionCount()).arg(m_hello->connectionCount())));
    QCOMPARE(m_echo->requestCount() + m_hello->requestCount(), quint64(200));
    QVERIFY(m_engine->upstreamConnects() <= 4);
}

void tst_ProxyBehaviour::refusedEndpointIsRetried()
{
    Options o;
    o.port = m_port;
    o.endpoints = {freePort(), m_echo->port()}; // nothing listens on the first one
    QVERIFY(start(2, o));
    const quint16 port = m_port;
    const int ok = offThread([port] {
        int n = 0;
        for (int i = 0; i < 40; ++i) {
            const Reply r = TestClient::get(port, "/retry");
            n += r.status == 200 && r.body.startsWith("You are requesting");
        }
        return n;
    });
    QCOMPARE(ok, 40);
}

void tst_ProxyBehaviour::upstreamTimeoutIs504()
{
    m_echo->setSilent(true);
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    o.configs = u"\"SocketTimeout\": 1"_s;
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    QElapsedTimer t;
    t.start();
    const Reply r = offThread([port] { return TestClient::get(port, "/slow"); });
    QCOMPARE(r.status, 504);
    QVERIFY(t.elapsed() < 4000);
}

void tst_ProxyBehaviour::noRouteIs404()
{
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    o.matchExtra = u"\"Methods\": [\"GET\"]"_s;
    QVERIFY(start(1, o));
    const RawResult post
        = raw(m_port, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
    QCOMPARE(post.reply.status, 404);
    QCOMPARE(post.reply.body, "Not found");
    const RawResult noHost = raw(m_port, "GET / HTTP/1.0\r\n\r\n");
    QCOMPARE(noHost.reply.status, 404);
}

void tst_ProxyBehaviour::headersForwarded()
{
    SinkServer sink;
    Options o;
    o.port = m_port;
    o.endpoints = {sink.port()};
    QVERIFY(start(1, o));
    const RawResult r = raw(m_port, "GET /h?q=1 HTTP/1.1\r\nHost: example.test\r\n"
                                    "X-Forwarded-For: 1.2.3.4\r\nConnection: close, X-Secret\r\n"
                                    "X-Secret: s\r\nKeep-Alive: timeout=5\r\nX-Kept: k\r\n\r\n");
    QCOMPARE(r.reply.status, 200);
    const QByteArray head = r.reply.body.toLower();
    QVERIFY(head.startsWith("bytes=0"));
    QVERIFY(head.contains("get /h?q=1 http/1.1\r\n"));
    QVERIFY(head.contains("\r\nhost: example.test\r\n"));
    QVERIFY(head.contains("\r\nx-forwarded-for: 1.2.3.4, 127.0.0.1"));
    QVERIFY(head.contains("\r\nx-kept: k"));
    QVERIFY(!head.contains("x-secret"));
    QVERIFY(!head.contains("keep-alive"));
    QVERIFY(r.closed); // the client asked for close
    QCOMPARE(r.reply.header("connection"), "close");

    // ProxyPreserveHost false: the endpoint's address.
    m_engine->stop();
    o.matchExtra = u"\"ProxyPreserveHost\": false"_s;
    QVERIFY(start(1, o));
    const RawResult r2
        = raw(m_port, "GET / HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n");
    QVERIFY2(r2.reply.body.contains(
                 QByteArray("\r\nHost: 127.0.0.1:" + QByteArray::number(sink.port()))),
             r2.reply.body.constData());
}

void tst_ProxyBehaviour::pipeliningAndHead()
{
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    const QList<Reply> replies = offThread([port] {
        QList<Reply> out;
        TestClient c;
        c.connectTo(port);
        c.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nHEAD /2 HTTP/1.1\r\nHost: a\r\n\r\n"
               "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        out << c.read() << c.read(true) << c.read();
        return out;
    });
    QCOMPARE(replies[0].body, "You are requesting a/1");
    QCOMPARE(replies[1].status, 200);
    QVERIFY(replies[1].body.isEmpty());
    QCOMPARE(replies[2].body, "You are requesting a/3");
}

void tst_ProxyBehaviour::expectContinue()
{
    SinkServer sink;
    Options o;
    o.port = m_port;
    o.endpoints = {sink.port()};
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    const auto [interim, final] = offThread([port] {
        TestClient c;
        c.connectTo(port);
        c.send("PUT /up HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        const Reply first = c.read();
        c.send("hello");
        const Reply second = c.read();
        return std::make_pair(first, second);
    });
    QCOMPARE(interim.status, 100);
    QCOMPARE(final.status, 200);
    QVERIFY(final.body.startsWith("bytes=5 "));
}

void tst_ProxyBehaviour::largeBodiesStreamBothWays()
{
    // 48 MiB each way, far beyond the 16 KiB buffers and the 256 KiB high-water marks.
    constexpr qint64 size = 48 * 1024 * 1024;
    QByteArray payload(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        payload[i] = char((i * 7 + i / 4096) & 0xff);
    const quint32 sum = bodySum(payload.constData(), payload.size());
    QTemporaryDir root;
    QFile big(root.path() + u"/big.bin"_s);
    QVERIFY(big.open(QIODevice::WriteOnly));
    big.write(payload);
    big.close();

    SinkServer sink;
    Options o;
    o.port = m_port;
    o.endpoints = {sink.port()};
    o.staticPort = freePort();
    o.staticRoot = root.path();
    o.matchExtra = u"\"ClientMaxBodySize\": 0"_s;
    QVERIFY(start(2, o));
    const quint16 port = m_port;
    const quint16 staticPort = o.staticPort;

    // Upload with Content-Length and chunked.
    const auto uploads = offThread([port, &payload] {
        QList<Reply> out;
        TestClient c;
        c.connectTo(port);
        c.send("POST /cl HTTP/1.1\r\nHost: a\r\nContent-Length: "
               + QByteArray::number(payload.size()) + "\r\n\r\n");
        c.send(payload);
        out << c.read(false, 30000);
        c.send("POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (qsizetype off = 0; off < payload.size(); off += 1000000) {
            const qsizetype n = qMin<qsizetype>(1000000, payload.size() - off);
            c.send(QByteArray::number(n, 16) + "\r\n" + payload.mid(off, n) + "\r\n");
        }
        c.send("0\r\n\r\n");
        out << c.read(false, 30000);
        return out;
    });
    const QByteArray expected
        = "bytes=" + QByteArray::number(size) + " sum=" + QByteArray::number(sum);
    QVERIFY2(uploads[0].body.startsWith(expected), uploads[0].body.left(60).constData());
    QVERIFY2(uploads[1].body.startsWith(expected), uploads[1].body.left(60).constData());

    // Download: the proxy's upstream is the engine's own static listener (sendfile there).
    m_engine->stop();
    o.endpoints = {staticPort};
    QVERIFY(start(2, o));
    const Reply down = offThread([port] { return TestClient::get(port, "/big.bin"); });
    QCOMPARE(down.status, 200);
    QCOMPARE(down.body.size(), size);
    QCOMPARE(bodySum(down.body.constData(), down.body.size()), sum);
}

void tst_ProxyBehaviour::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("CL and TE") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                                             "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                               << 400;
    QTest::newRow("two CLs") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                                           "Content-Length: 6\r\n\r\nhello!")
                             << 400;
    QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\n"
                                                  "Transfer-Encoding: chunked\r\n\r\nzz\r\n")
                                    << 400;
    QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n") << 400;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\r\n b\r\n\r\n")
                              << 400;
    QTest::newRow("TE not chunked") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\n"
                                                  "Transfer-Encoding: gzip\r\n\r\n")
                                    << 400;
    QTest::newRow("TE empty") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\n"
                                            "Transfer-Encoding: \r\n\r\n0\r\n\r\n")
                              << 400;
    QTest::newRow("no target") << QByteArray("CONNECT \n\r\n") << 400;
    QTest::newRow("long URL") << QByteArray("GET /" + QByteArray(9000, 'a')
                                            + " HTTP/1.1\r\nHost: a\r\n\r\n")
                              << 414;
    QTest::newRow("long header line")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(9000, 'b') + "\r\n\r\n")
        << 431;
    QByteArray many = "GET / HTTP/1.1\r\nHost: a\r\n";
    for (int i = 0; i < 80; ++i)
        many += "X-H" + QByteArray::number(i) + ": " + QByteArray(1000, 'c') + "\r\n";
    QTest::newRow("header section over 64 KiB") << QByteArray(many + "\r\n") << 431;
}

void tst_ProxyBehaviour::http10TransferEncodingCloses()
{
    // llhttp reads it as chunked; RFC 9112 section 6.1 says the framing is faulty and the
    // connection must close, even if the client asked for keep-alive. The engine refuses it
    // outright (400, as in tst_hostile), so nothing reaches the upstream and the request
    // pipelined behind it is never served.
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    QVERIFY(start(1, o));
    const RawResult r = raw(m_port, "POST / HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n"
                                    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                                    "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n");
    QCOMPARE(r.reply.status, 400);
    QVERIFY(r.closed);
    QCOMPARE(m_echo->requestCount(), quint64(0));
}

void tst_ProxyBehaviour::malformedRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    QVERIFY(start(1, o));
    const RawResult r = raw(m_port, request);
    QCOMPARE(r.reply.status, status);
    QVERIFY(r.closed);
    QCOMPARE(m_echo->requestCount(), quint64(0)); // nothing was smuggled through
    const quint16 port = m_port;
    QCOMPARE(offThread([port] { return TestClient::get(port, "/after").status; }), 200);
}

void tst_ProxyBehaviour::clientMaxBodySize()
{
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    o.matchExtra = u"\"ClientMaxBodySize\": \"1k\""_s;
    QVERIFY(start(1, o));
    // The limit applies only where the domain says RouteType HTTP (as in FGW): it does here.
    const RawResult big = raw(m_port, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n");
    QCOMPARE(big.reply.status, 413);
    QVERIFY(big.closed);
    const RawResult chunked
        = raw(m_port, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n"
                          + QByteArray(2048, 'x') + "\r\n0\r\n\r\n");
    QCOMPARE(chunked.reply.status, 413);
    const RawResult small = raw(m_port, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n"
                                        "Connection: close\r\n\r\n0123456789");
    QCOMPARE(small.reply.status, 200);
}

void tst_ProxyBehaviour::hotReloadUnderLoad()
{
    Options echoOnly;
    echoOnly.port = m_port;
    echoOnly.endpoints = {m_echo->port()};
    Options helloOnly = echoOnly;
    helloOnly.endpoints = {m_hello->port()};
    QVERIFY(start(2, echoOnly));

    const quint16 port = m_port;
    std::atomic<bool> stop{false};
    std::atomic<int> ok{0}, failed{0};
    std::thread load([&] {
        while (!stop) {
            TestClient c;
            if (!c.connectTo(port)) {
                ++failed;
                continue;
            }
            for (int i = 0; i < 5; ++i) {
                c.send("GET /load HTTP/1.1\r\nHost: a\r\n\r\n");
                const Reply r = c.read();
                if (r.status == 200)
                    ++ok;
                else
                    ++failed;
            }
        }
    });
    for (int round = 0; round < 8; ++round) {
        QTest::qWait(60);
        const EngineController::Outcome outcome
            = m_engine->apply(makeConfig(round % 2 ? echoOnly : helloOnly), QDir::tempPath());
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
    }
    QTest::qWait(100);
    stop = true;
    // Keep the backends serving while the load thread finishes.
    std::atomic<bool> joined{false};
    std::thread joiner([&] {
        load.join();
        joined = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(joined.load(), 20000);
    joiner.join();
    QCOMPARE(failed.load(), 0);
    QVERIFY(ok.load() > 50);
    // The last config (echo only) is in effect for new requests.
    const Reply r = offThread([port] { return TestClient::get(port, "/final"); });
    QVERIFY(r.body.startsWith("You are requesting"));
}

void tst_ProxyBehaviour::failedApplyRollsBack()
{
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    QVERIFY(start(2, o));
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::Any, 0));
    Options bad = o;
    bad.endpoints = {m_hello->port()};
    bad.extraListener = squatter.serverPort();
    const EngineController::Outcome outcome = m_engine->apply(makeConfig(bad), QDir::tempPath());
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.error.contains(u"port %1 is in use"_s.arg(squatter.serverPort())),
             qPrintable(outcome.error));
    QCOMPARE(outcome.failedListeners(), 1);
    // A running engine is reloaded all-or-nothing, even when asked to start what binds.
    const EngineController::Outcome lenient
        = m_engine->apply(makeConfig(bad), QDir::tempPath(), EngineController::Bind::WhatBinds);
    QVERIFY(!lenient.ok);
    // The old config keeps serving, unchanged.
    const quint16 port = m_port;
    const Reply r = offThread([port] { return TestClient::get(port, "/still"); });
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.startsWith("You are requesting"));

    // A config the validator rejects never reaches the workers; the error says where.
    QByteArray invalid = makeConfig(bad);
    invalid.replace("\"Chains\"", "\"NoChains\"");
    const EngineController::Outcome refused = m_engine->apply(invalid, QDir::tempPath());
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.contains(u"line "_s) && refused.error.contains(u"missing-chain"_s),
             qPrintable(refused.error));
    QCOMPARE(offThread([port] { return TestClient::get(port, "/still").status; }), 200);
}

void tst_ProxyBehaviour::runStartsWhatBinds()
{
    // A real socket holds one of three ports (no SO_REUSEPORT, so the engine cannot share it).
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::AnyIPv4, 0));
    const quint16 busy = squatter.serverPort();
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    o.extraListener = busy;
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QFile index(root.filePath(u"index.html"_s));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("static here");
    index.close();
    o.staticPort = freePort();
    o.staticRoot = root.path();

    // All-or-nothing from stopped (the CLI's way): refused, nothing runs, and every
    // listener's state is known, not only the first failure.
    m_engine = std::make_unique<EngineController>(2);
    const EngineController::Outcome strict = m_engine->apply(makeConfig(o), QDir::tempPath());
    QVERIFY(!strict.ok);
    QVERIFY(!m_engine->isRunning());
    QCOMPARE(strict.listenerStates.size(), size_t(3));
    QCOMPARE(strict.failedListeners(), 1);
    QVERIFY(strict.listenerStates[0].ok());
    QVERIFY(strict.listenerStates[1].ok());
    QCOMPARE(strict.listenerStates[2].port, int(busy));
    QCOMPARE(strict.listenerStates[2].error, u"port %1 is in use"_s.arg(busy));
    QVERIFY(offThread([port = m_port] { return TestClient::get(port, "/x").status; }) != 200);

    // Run from stopped starts what binds and reports the rest.
    const EngineController::Outcome outcome
        = m_engine->apply(makeConfig(o), QDir::tempPath(), EngineController::Bind::WhatBinds);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(m_engine->isRunning());
    QCOMPARE(outcome.failedListeners(), 1);
    QCOMPARE(outcome.listenerStates[2].state, EngineController::ListenerState::State::Failed);
    QCOMPARE(outcome.listenerStates[2].bindAddress, u"0.0.0.0:%1"_s.arg(busy));
    QVERIFY2(outcome.error.contains(u"port %1 is in use"_s.arg(busy)), qPrintable(outcome.error));
    QVERIFY(outcome.listeners.last().contains(u"not listening"_s));
    const Reply proxied = offThread([port = m_port] { return TestClient::get(port, "/served"); });
    QCOMPARE(proxied.status, 200);
    QVERIFY(proxied.body.startsWith("You are requesting"));
    const Reply file = offThread([port = o.staticPort] { return TestClient::get(port, "/"); });
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, QByteArray("static here"));
    // The busy port is still the other socket's: nothing of ours answers there.
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, busy);
    QVERIFY(probe.waitForConnected(2000)); // the squatter's backlog accepts...
    QVERIFY(squatter.waitForNewConnection(2000)); // ...and the squatter gets the connection
    QVERIFY(squatter.nextPendingConnection());

    // Apply of the same config to the running engine: all-or-nothing, refused while the port
    // is busy, and the running config keeps serving.
    Options changed = o;
    changed.endpoints = {m_hello->port()};
    const EngineController::Outcome refused = m_engine->apply(makeConfig(changed), QDir::tempPath());
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.contains(u"port %1 is in use"_s.arg(busy)), qPrintable(refused.error));
    const Reply still = offThread([port = m_port] { return TestClient::get(port, "/still"); });
    QCOMPARE(still.status, 200);
    QVERIFY(still.body.startsWith("You are requesting"));

    // Once the port is free, Apply takes it.
    squatter.close();
    const EngineController::Outcome applied = m_engine->apply(makeConfig(changed), QDir::tempPath());
    QVERIFY2(applied.ok, qPrintable(applied.error));
    QCOMPARE(applied.failedListeners(), 0);
    const Reply hello = offThread([port = m_port] { return TestClient::get(port, "/now"); });
    QVERIFY(hello.body.startsWith("Hello, there"));
    // The third listener now answers (it has no RouteRules: the engine's own answer).
    const Reply third = offThread([busy] { return TestClient::get(busy, "/third"); });
    QVERIFY(third.status >= 400);
}

void tst_ProxyBehaviour::telemetryRecordsAndMetrics()
{
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    o.matchExtra = u"\"Methods\": [\"GET\"]"_s;
    QVERIFY(start(2, o));
    std::vector<RequestRecord> records;
    connect(m_engine->telemetry(), &TelemetryCollector::batch, this,
            [&](std::shared_ptr<const std::vector<RequestRecord>> batch) {
                records.insert(records.end(), batch->begin(), batch->end());
            });
    m_engine->telemetry()->setEnabled(true, 50);
    const quint16 port = m_port;
    offThread([port] {
        for (int i = 0; i < 5; ++i)
            TestClient::get(port, "/t/" + QByteArray::number(i));
        TestClient c;
        c.connectTo(port);
        c.send("DELETE /nope HTTP/1.1\r\nHost: h\r\n\r\n");
        return c.read().status;
    });
    QTRY_COMPARE_WITH_TIMEOUT(records.size(), size_t(6), 5000);
    int ok = 0, notFound = 0;
    for (const RequestRecord &r : records) {
        QCOMPARE(r.listenerPort, m_port);
        QCOMPARE(r.clientIp, quint32(0x7f000001));
        QVERIFY(r.totalUs >= 0);
        QVERIFY(r.acceptUs >= 0);
        QVERIFY(r.firstByteUs <= r.totalUs);
        if (r.status == 200) {
            ++ok;
            QCOMPARE(QByteArray(r.method), "GET");
            QVERIFY(QByteArray(r.path).startsWith("/t/"));
            QCOMPARE(QByteArray(r.serviceName), "svc");
            QCOMPARE(QByteArray(r.endpointKey), "127.0.0.1:" + QByteArray::number(m_echo->port()));
            QVERIFY(r.bytesOut > 0);
            QVERIFY(r.connectUs >= 0 && r.connectUs <= r.firstByteUs);
        } else if (r.status == 404) {
            ++notFound;
            QCOMPARE(QByteArray(r.error), "no route");
        }
    }
    QCOMPARE(ok, 5);
    QCOMPARE(notFound, 1);
    const QByteArray metrics = m_engine->metrics();
    QVERIFY2(metrics.contains("gatehouse_service_requests_total{service=\"svc\"} 5"),
             metrics.constData());
    QVERIFY(metrics.contains("gatehouse_responses_total{class=\"4xx\"} 1"));
    QVERIFY2(metrics.contains(
                 "gatehouse_service_duration_seconds_bucket{service=\"svc\",le=\"+Inf\"} 5"),
             metrics.constData());
    QVERIFY(metrics.contains("gatehouse_service_duration_seconds_count{service=\"svc\"} 5"));
    const QByteArray listenerLine
        = "gatehouse_listener_requests_total{listener=\"" + QByteArray::number(m_port) + "\"} 6";
    QVERIFY2(metrics.contains(listenerLine), metrics.constData());
}

void tst_ProxyBehaviour::chainsDecideWhatRuns()
{
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    QByteArray config = makeConfig(o);
    config.replace("\"http/forward.js\", ", "");
    m_engine = std::make_unique<EngineController>(1);
    QVERIFY(m_engine->apply(config, QDir::tempPath()).ok);
    const RawResult r = raw(m_port, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    QCOMPARE(r.reply.status, 502);
    QCOMPARE(r.reply.body, "Proxy Error");
    QCOMPARE(m_echo->requestCount(), quint64(0));
}

void tst_ProxyBehaviour::upstreamRestartIsInvisible()
{
    // The upstream drops every (pooled) connection and comes back: a keep-alive client of the
    // proxy sees no error, the stale pooled connection is never used for its next request.
    Options o;
    o.port = m_port;
    o.endpoints = {m_echo->port()};
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    const quint16 echoPort = m_echo->port();
    TestClient client;
    QVERIFY(client.connectTo(port));
    auto ask = [&client] {
        return offThread([&client] {
            client.send("GET /again HTTP/1.1\r\nHost: a\r\n\r\n");
            return client.read().status;
        });
    };
    QCOMPARE(ask(), 200);
    for (int i = 0; i < 3; ++i) {
        m_echo->stop();
        QVERIFY(m_echo->start(echoPort));
        QCOMPARE(ask(), 200);
    }
    QVERIFY(m_echo->connectionCount() >= 4);
}

void tst_ProxyBehaviour::webSocketUpgradeIsTunnelled()
{
    SinkServer sink;
    Options o;
    o.port = m_port;
    o.endpoints = {sink.port()};
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    const auto [head, echoed] = offThread([port] {
        TestClient c;
        c.connectTo(port);
        // The first frame bytes ride right behind the request.
        c.send("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\nping-1");
        const Reply r = c.read(true);
        QByteArray data;
        TestClient *client = &c;
        auto readUntil = [&](const QByteArray &what) {
            QElapsedTimer t;
            t.start();
            while (!data.contains(what) && t.elapsed() < 5000) {
                QByteArray more = client->readRaw(200);
                data += more;
            }
        };
        readUntil("ping-1");
        c.send("ping-2");
        readUntil("ping-2");
        return std::make_pair(r, data);
    });
    QCOMPARE(head.status, 101);
    QCOMPARE(head.header("upgrade").toLower(), "websocket");
    QVERIFY2(echoed.startsWith("hello-from-upstream"), echoed.constData());
    QVERIFY2(echoed.contains("ping-1") && echoed.contains("ping-2"), echoed.constData());
}

void tst_ProxyBehaviour::routing_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("expected"); // "echo", "hello" or a status code

    QTest::newRow("exact host") << QByteArray("GET / HTTP/1.1\r\nHost: API.test\r\n\r\n")
                                << QByteArray("hello");
    QTest::newRow("exact host with port does not match exact")
        << QByteArray("GET /other HTTP/1.1\r\nHost: api.test:80\r\n\r\n") << QByteArray("404");
    QTest::newRow("first wildcard in config order wins")
        << QByteArray("GET /x HTTP/1.1\r\nHost: a.b.test\r\n\r\n") << QByteArray("echo");
    QTest::newRow("suffix wildcard needs a label")
        << QByteArray("GET /x HTTP/1.1\r\nHost: b.test\r\n\r\n") << QByteArray("hello");
    QTest::newRow("prefix segment rule: /path")
        << QByteArray("GET /path HTTP/1.1\r\nHost: x.any\r\n\r\n") << QByteArray("echo");
    QTest::newRow("prefix segment rule: /path/x")
        << QByteArray("GET /path/x?y=1 HTTP/1.1\r\nHost: x.any\r\n\r\n") << QByteArray("echo");
    QTest::newRow("prefix segment rule: /pathx")
        << QByteArray("GET /pathx HTTP/1.1\r\nHost: x.any\r\n\r\n") << QByteArray("404");
    QTest::newRow("exact path") << QByteArray("GET /exact HTTP/1.1\r\nHost: x.any\r\n\r\n")
                                << QByteArray("hello");
    QTest::newRow("exact path, longer")
        << QByteArray("GET /exact/more HTTP/1.1\r\nHost: x.any\r\n\r\n") << QByteArray("404");
    QTest::newRow("regex path, unanchored")
        << QByteArray("GET /v1/items/42 HTTP/1.1\r\nHost: x.any\r\n\r\n") << QByteArray("echo");
    QTest::newRow("header exact") << QByteArray(
        "GET /h HTTP/1.1\r\nHost: x.any\r\nX-User: alice\r\n\r\n")
                                  << QByteArray("hello");
    QTest::newRow("header exact, wrong value")
        << QByteArray("GET /h HTTP/1.1\r\nHost: x.any\r\nX-User: bob\r\n\r\n") << QByteArray("404");
    QTest::newRow("query param") << QByteArray("GET /q?a=1&lang=zh HTTP/1.1\r\nHost: x.any\r\n\r\n")
                                 << QByteArray("echo");
    QTest::newRow("query param missing")
        << QByteArray("GET /q?a=1 HTTP/1.1\r\nHost: x.any\r\n\r\n") << QByteArray("404");
    QTest::newRow("method") << QByteArray("DELETE /m HTTP/1.1\r\nHost: x.any\r\n\r\n")
                            << QByteArray("hello");
    QTest::newRow("method not listed")
        << QByteArray("GET /m HTTP/1.1\r\nHost: x.any\r\n\r\n") << QByteArray("404");
    QTest::newRow("StripAnyHostPort")
        << QByteArray("GET / HTTP/1.1\r\nHost: strip.test:8443\r\n\r\n") << QByteArray("echo");
}

void tst_ProxyBehaviour::routing()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, expected);
    const quint16 e = m_echo->port(), h = m_hello->port();
    const QString config = uR"({"Configs": {"StripAnyHostPort": true},
      "Listeners": [{"Protocol": "HTTP", "Port": %1}],
      "RouteRules": {"%1": {
        "api.test": {"Matches": [{"Path": {"Type": "Exact", "Path": "/"}, "BackendService": {"hello": {"Weight": 1}}}]},
        "strip.test": {"Matches": [{"BackendService": {"echo": {"Weight": 1}}}]},
        "*.b.test": {"Matches": [{"BackendService": {"echo": {"Weight": 1}}}]},
        "*.test": {"Matches": [{"BackendService": {"hello": {"Weight": 1}}}]},
        "*.any": {"Matches": [
          {"Path": {"Type": "Prefix", "Path": "/path"}, "BackendService": {"echo": {"Weight": 1}}},
          {"Path": {"Type": "Exact", "Path": "/exact"}, "BackendService": {"hello": {"Weight": 1}}},
          {"Path": {"Type": "Regex", "Path": "/items/[0-9]+"}, "BackendService": {"echo": {"Weight": 1}}},
          {"Path": {"Type": "Prefix", "Path": "/h"}, "Headers": {"Exact": {"x-user": "alice"}}, "BackendService": {"hello": {"Weight": 1}}},
          {"Path": {"Type": "Prefix", "Path": "/q"}, "QueryParams": {"Regex": {"lang": "^zh"}}, "BackendService": {"echo": {"Weight": 1}}},
          {"Path": {"Type": "Prefix", "Path": "/m"}, "Methods": ["DELETE", "PUT"], "BackendService": {"hello": {"Weight": 1}}}
        ]}}},
      "Services": {"echo": {"Endpoints": {"127.0.0.1:%2": {"Weight": 1}}},
                   "hello": {"Endpoints": {"127.0.0.1:%3": {"Weight": 1}}}}, %4})"_s.arg(m_port)
                               .arg(e)
                               .arg(h)
                               .arg(chains());
    m_engine = std::make_unique<EngineController>(1);
    const EngineController::Outcome outcome = m_engine->apply(config.toUtf8(), QDir::tempPath());
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    const RawResult r = raw(m_port, request.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
    if (expected == "echo")
        QVERIFY2(r.reply.body.startsWith("You are requesting"), r.reply.head.constData());
    else if (expected == "hello")
        QCOMPARE(r.reply.body, "Hello, there");
    else
        QCOMPARE(QByteArray::number(r.reply.status), expected);
}

// Responses the fuzzers found mishandled (tests/fuzz/http_response/regress-*): two requests on
// one keep-alive connection, each answered by the same upstream bytes.
void tst_ProxyBehaviour::misbehavingUpstream_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("status");
    // A 304 or 204 ends with its head: the next request is served at once, on the same
    // upstream connection (it used to wait for a body that never comes).
    QTest::newRow("304 with Content-Length")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nContent-Length: 1024\r\n\r\n")
        << 304;
    QTest::newRow("204 with Content-Length")
        << QByteArray("HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n") << 204;
    QTest::newRow("304 with chunked")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n") << 304;
    // A 1xx has no body: the bytes after its head must be the next response, and "ok" is not
    // one (502). They used to be read as the 1xx's body and, on a reused connection, copied into
    // the client's stream framed as the previous response's body was.
    QTest::newRow("199 with Content-Length")
        << QByteArray("HTTP/1.1 199 Odd\r\nContent-Length: 2\r\n\r\nok"
                      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
        << 502;
    // Not HTTP a client can read: 502.
    QTest::newRow("status 000") << QByteArray("HTTP/1.1 000 Zero\r\nContent-Length: 0\r\n\r\n")
                                << 502;
    QTest::newRow("obs-fold") << QByteArray("HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\n"
                                            "Content-Length: 2\r\n\r\nok")
                              << 502;
}

void tst_ProxyBehaviour::misbehavingUpstream()
{
    QFETCH(QByteArray, response);
    QFETCH(int, status);
    ScriptedUpstream upstream(response);
    QVERIFY(upstream.port());
    Options o;
    o.port = m_port;
    o.endpoints = {upstream.port()};
    QVERIFY(start(1, o));
    const quint16 port = m_port;
    const QList<Reply> replies = offThread([port] {
        QList<Reply> out;
        TestClient c;
        if (!c.connectTo(port))
            return out;
        for (int i = 0; i < 2; ++i) {
            if (!c.send("GET /r HTTP/1.1\r\nHost: a\r\n\r\n"))
                break;
            Reply r = c.read(false, 3000);
            while (r.ok && r.status < 200)
                r = c.read(false, 3000); // interim responses
            out.append(r);
            if (!r.ok || r.status == 502)
                break;
        }
        return out;
    });
    QVERIFY(!replies.isEmpty());
    QVERIFY(replies[0].ok);
    QCOMPARE(replies[0].status, status);
    if (status != 502) {
        QCOMPARE(replies.size(), 2);
        QVERIFY(replies[1].ok);
        QCOMPARE(replies[1].status, status);
        QCOMPARE(replies[1].body, replies[0].body);
        QCOMPARE(upstream.requests(), 2);
    }
}

QTEST_GUILESS_MAIN(tst_ProxyBehaviour)
#include "tst_proxybehaviour.moc"
