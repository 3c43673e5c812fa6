// Faults, black-box: upstreams that the test drives byte by byte (cut, reset, garbage, silence),
// static files that change while they are sent, and a disk that fills up while a local repo
// publishes. For each fault: the client sees a clear answer or a terminated connection (never a
// hang, never a fake completion), the engine's log and the request record say why, and no
// descriptor or pooled upstream connection is left behind.
#include "testclient.h"

#include "engine/enginecontroller.h"
#include "repo/configbundle.h"
#include "repo/localrepo.h"
#include "telemetry/requestrecord.h"
#include "telemetry/telemetrycollector.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

// ---- the engine's log: warnings of gatehouse.engine.faults, from any worker thread ----

std::mutex s_logLock; // guards s_log
QStringList s_log;
QtMessageHandler s_previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && std::strcmp(context.category, "gatehouse.engine.faults") == 0) {
        std::lock_guard<std::mutex> lock(s_logLock);
        s_log << message;
    }
    if (s_previousHandler)
        s_previousHandler(type, context, message);
}

QStringList logLines()
{
    std::lock_guard<std::mutex> lock(s_logLock);
    return s_log;
}

void clearLog()
{
    std::lock_guard<std::mutex> lock(s_logLock);
    s_log.clear();
}

int openFdCount()
{
    return int(QDir(u"/proc/self/fd"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

// ---- raw socket helpers ----

bool writeAll(int fd, QByteArrayView bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n
            = ::send(fd, bytes.data() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            return false;
        }
        done += n;
    }
    return true;
}

// Reads until the end of a request head (and returns it); empty when the peer went away or
// `stop` was set (checked every 50 ms).
QByteArray readHead(int fd, const std::atomic<bool> *stop = nullptr)
{
    QByteArray head;
    char buf[4096];
    while (!head.contains("\r\n\r\n")) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) == 0) {
            if (stop && *stop)
                return {};
            continue;
        }
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return {};
        head.append(buf, n);
    }
    return head;
}

// Reads and drops until the peer closes (or stop is set: the poll wakes every 50 ms).
void drainUntilClosed(int fd, const std::atomic<bool> &stop)
{
    char buf[16384];
    while (!stop) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return;
    }
}

// Closes with an RST instead of a FIN.
void resetClose(int fd)
{
    linger l{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(fd);
}

// An upstream whose every connection runs `script` on its own thread; the script owns the fd
// until it returns (then it is closed unless the script closed it and returned -1).
class ScriptedUpstream
{
public:
    using Script = std::function<bool(int fd, const std::atomic<bool> &stop)>; // true: closed

    explicit ScriptedUpstream(Script script)
        : m_script(std::move(script))
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a);
        ::listen(m_listen, 64);
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_acceptor = std::thread([this] {
            for (;;) {
                const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
                if (fd < 0)
                    return;
                ++m_connections;
                std::lock_guard<std::mutex> lock(m_lock);
                m_threads.emplace_back([this, fd] {
                    if (!m_script(fd, m_stop))
                        ::close(fd);
                });
            }
        });
    }
    ~ScriptedUpstream()
    {
        m_stop = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        m_acceptor.join();
        std::lock_guard<std::mutex> lock(m_lock);
        for (std::thread &t : m_threads)
            t.join();
    }
    quint16 port() const { return m_port; }
    int connections() const { return m_connections; }

private:
    Script m_script;
    int m_listen = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::thread m_acceptor;
    std::mutex m_lock; // guards m_threads
    std::vector<std::thread> m_threads;
};

// What a client saw: every byte, and how the connection ended.
struct Seen
{
    QByteArray bytes;
    bool closed = false;   // EOF or reset from the proxy
    bool timedOut = false; // neither data nor close for timeoutMs: a hang
    int status() const { return bytes.startsWith("HTTP/1.1 ") ? bytes.mid(9, 3).toInt() : 0; }
    QByteArray body() const
    {
        const qsizetype end = bytes.indexOf("\r\n\r\n");
        return end < 0 ? QByteArray() : bytes.mid(end + 4);
    }
    qint64 contentLength() const
    {
        const qsizetype end = bytes.indexOf("\r\n\r\n");
        for (const QByteArray &line : bytes.left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                return line.mid(15).trimmed().toLongLong();
        }
        return -1;
    }
};

int connectTo(quint16 port, int rcvbuf = 0)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (rcvbuf > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Reads until `done(bytes)` says a whole answer is there, the peer closes, or nothing happens
// for timeoutMs.
void readUntil(int fd,
               Seen &seen,
               const std::function<bool(const QByteArray &)> &done,
               int timeoutMs)
{
    char buf[65536];
    while (!done(seen.bytes)) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0) {
            seen.timedOut = true;
            return;
        }
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) {
            seen.closed = true;
            return;
        }
        seen.bytes.append(buf, n);
    }
}

// A complete response with Content-Length (or a body-less one) is in `b`.
bool completeByLength(const QByteArray &b)
{
    const qsizetype end = b.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    Seen s;
    s.bytes = b;
    const qint64 length = s.contentLength();
    return length >= 0 && b.size() - end - 4 >= length;
}

// Sends `request`, then streams `bodyBytes` of body (0: none) while watching for an answer;
// reads until the proxy closes or timeoutMs pass without anything. Runs off the test thread.
Seen exchange(quint16 port, const QByteArray &request, qint64 bodyBytes = 0, int timeoutMs = 8000)
{
    Seen seen;
    const int fd = connectTo(port);
    if (fd < 0)
        return seen;
    writeAll(fd, request);
    const QByteArray block(64 * 1024, 'b');
    qint64 sent = 0;
    char buf[65536];
    ::fcntl(fd, F_SETFL, O_NONBLOCK);
    for (;;) {
        const bool sending = sent < bodyBytes;
        pollfd p{fd, short(POLLIN | (sending ? POLLOUT : 0)), 0};
        if (::poll(&p, 1, timeoutMs) <= 0) {
            seen.timedOut = true;
            break;
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n > 0) {
                seen.bytes.append(buf, n);
                continue;
            }
            if (n < 0 && errno == EAGAIN)
                continue;
            seen.closed = true; // EOF, or a reset after the answer was read
            break;
        }
        if (sending && (p.revents & POLLOUT)) {
            const ssize_t n
                = ::send(fd, block.data(), size_t(qMin<qint64>(block.size(), bodyBytes - sent)),
                         MSG_NOSIGNAL);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno != EAGAIN)
                bodyBytes = sent; // the proxy stopped reading: keep reading its answer
        }
    }
    ::close(fd);
    return seen;
}

QByteArray chains()
{
    return "\"Chains\": {\"HTTPRoute\": [\"common/consumer.js\", \"http/codec.js\", "
           "\"http/route.js\", \"http/service.js\", \"http/forward.js\", \"http/default.js\"]}";
}

QByteArray proxyConfig(quint16 port, quint16 upstream, const QByteArray &configs)
{
    return "{\"Configs\": {" + configs + "}, \"Listeners\": [{\"Protocol\": \"HTTP\", \"Port\": "
           + QByteArray::number(port) + "}], \"RouteRules\": {\"" + QByteArray::number(port)
           + "\": {\"*\": {\"RouteType\": \"HTTP\", \"Matches\": [{\"Path\": {\"Type\": "
             "\"Prefix\", \"Path\": \"/\"}, \"BackendService\": {\"svc\": {\"Weight\": 100}}}]}}},"
             " \"Services\": {\"svc\": {\"Endpoints\": {\"127.0.0.1:"
           + QByteArray::number(upstream) + "\": {\"Weight\": 100}}}}, " + chains() + "}";
}

QByteArray staticConfig(quint16 port, const QString &root)
{
    return "{\"Listeners\": [{\"Protocol\": \"HTTP\", \"Port\": " + QByteArray::number(port)
           + "}], \"RouteRules\": {\"" + QByteArray::number(port)
           + "\": {\"*\": {\"Matches\": [{\"ServerRoot\": \"" + root.toUtf8() + "\"}]}}}, "
           + chains() + "}";
}

// Every file under `dir` (relative path -> content), hidden ones included.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(dir).relativeFilePath(path);
        if (it.fileInfo().isDir()) {
            files.insert(rel + u'/', QByteArray());
            continue;
        }
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        files.insert(rel, f.readAll());
    }
    return files;
}

ConfigBundle bundleOf(int staticBytes, char fill)
{
    ConfigBundle b;
    b.setConfig(staticConfig(8080, u"www"_s));
    b.insert(u"static/www/index.html"_s, QByteArray(staticBytes, fill));
    return b;
}

// The upstream scripts. Each reads the request head first.
enum class Fault {
    LengthCut,        // Content-Length 1000, 300 bytes, FIN
    ChunkedCut,       // chunks without the last one, FIN
    ResetAfterHead,   // head and part of the body, then RST
    Garbage,          // no status line at all
    GarbageChunk,     // valid head, invalid chunk size
    ClosedBeforeHead, // FIN without a byte
    Silent,           // never answers
    SilentAfterHead,  // head and part of the body, then nothing
};

bool runFault(Fault fault, int fd, const std::atomic<bool> &stop)
{
    if (readHead(fd, &stop).isEmpty())
        return false;
    switch (fault) {
    case Fault::LengthCut:
        writeAll(fd, QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                                + QByteArray(300, 'x')));
        return false;
    case Fault::ChunkedCut:
        writeAll(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"
                     "6\r\n world\r\n");
        return false;
    case Fault::ResetAfterHead:
        writeAll(fd, QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                                + QByteArray(300, 'x')));
        QThread::msleep(100);
        resetClose(fd);
        return true;
    case Fault::Garbage:
        writeAll(fd, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
        drainUntilClosed(fd, stop);
        return false;
    case Fault::GarbageChunk:
        writeAll(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n");
        drainUntilClosed(fd, stop);
        return false;
    case Fault::ClosedBeforeHead:
        return false;
    case Fault::Silent:
        drainUntilClosed(fd, stop);
        return false;
    case Fault::SilentAfterHead:
        writeAll(fd, QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                                + QByteArray(300, 'x')));
        drainUntilClosed(fd, stop);
        return false;
    }
    return false;
}

} // namespace

class tst_Faults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void upstreamFaults_data();
    void upstreamFaults();
    void failedEndpointIsAvoided();
    void clientHalfCloseIsSeen();
    void upstreamResetDuringRequestBody_data();
    void upstreamResetDuringRequestBody();
    void staticFileChangesWhileSent_data();
    void staticFileChangesWhileSent();
    void diskFullWhilePublishing();

private:
    // Starts one worker on the config `config(port)` gives; another process may take the
    // port freePort() found between its check and the bind, so a refused apply tries anew.
    bool startEngine(const std::function<QByteArray(quint16)> &config);
    // The records collected so far with a non-empty error.
    void expectRecordAndLog(const QByteArray &error);
    void expectNoLeaks();

    std::unique_ptr<EngineController> m_engine;
    std::vector<RequestRecord> m_records;
    quint16 m_port = 0;
    int m_fdsBefore = 0;
};

void tst_Faults::initTestCase()
{
    s_previousHandler = qInstallMessageHandler(captureLog);
}

void tst_Faults::cleanupTestCase()
{
    qInstallMessageHandler(s_previousHandler);
}

void tst_Faults::init()
{
    clearLog();
    m_records.clear();
    m_port = freePort();
    m_fdsBefore = openFdCount();
}

void tst_Faults::cleanup()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
}

bool tst_Faults::startEngine(const std::function<QByteArray(quint16)> &config)
{
    for (int attempt = 0;; ++attempt) {
        m_engine = std::make_unique<EngineController>(1);
        const EngineController::Outcome outcome = m_engine->apply(config(m_port), QDir::tempPath());
        if (outcome.ok)
            break;
        qWarning() << outcome.error;
        if (attempt == 4)
            return false;
        m_port = freePort();
    }
    connect(m_engine->telemetry(), &TelemetryCollector::batch, this,
            [this](std::shared_ptr<const std::vector<RequestRecord>> batch) {
                m_records.insert(m_records.end(), batch->begin(), batch->end());
            });
    m_engine->telemetry()->setEnabled(true, 50);
    return true;
}

void tst_Faults::expectRecordAndLog(const QByteArray &error)
{
    auto recorded = [&] {
        for (const RequestRecord &r : m_records) {
            if (QByteArray(r.error) == error)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(recorded(), 5000);
    auto logged = [&] {
        for (const QString &line : logLines()) {
            if (line.contains(QString::fromUtf8(error)))
                return true;
        }
        return false;
    };
    QVERIFY2(logged(),
             qPrintable(logLines().join(u'\n') + u" / want: "_s + QString::fromUtf8(error)));
}

void tst_Faults::expectNoLeaks()
{
    // The upstreams are gone: their pooled connections (if any) see EOF and leave the pool;
    // every socket and file is closed.
    QTRY_COMPARE_WITH_TIMEOUT(m_engine->idleUpstreamConnections(), 0, 5000);
    m_engine->stop();
    m_engine.reset();
    QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), m_fdsBefore, 5000);
}

void tst_Faults::upstreamFaults_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("status"); // the answer's status (a cut response keeps its own)
    QTest::addColumn<bool>("cut");   // the response must end with a closed connection
    QTest::addColumn<QByteArray>("error");

    QTest::newRow("Content-Length body cut short")
        << int(Fault::LengthCut) << 200 << true << QByteArray("upstream closed mid-response");
    QTest::newRow("chunked body without its last chunk")
        << int(Fault::ChunkedCut) << 200 << true << QByteArray("upstream closed mid-response");
    QTest::newRow("reset after the head")
        << int(Fault::ResetAfterHead) << 200 << true << QByteArray("upstream reset mid-response");
    QTest::newRow("garbage instead of a status line")
        << int(Fault::Garbage) << 502 << false << QByteArray("upstream sent an invalid response");
    QTest::newRow("garbage chunk size")
        << int(Fault::GarbageChunk) << 200 << true << QByteArray("upstream sent an invalid body");
    QTest::newRow("closed before answering") << int(Fault::ClosedBeforeHead) << 502 << false
                                             << QByteArray("upstream closed before responding");
    QTest::newRow("too slow to answer")
        << int(Fault::Silent) << 504 << false << QByteArray("upstream timeout");
    QTest::newRow("stalls after the head") << int(Fault::SilentAfterHead) << 200 << true
                                           << QByteArray("upstream timeout mid-response");
}

void tst_Faults::upstreamFaults()
{
    QFETCH(int, fault);
    QFETCH(int, status);
    QFETCH(bool, cut);
    QFETCH(QByteArray, error);
    {
        const Fault f = Fault(fault);
        ScriptedUpstream upstream(
            [f](int fd, const std::atomic<bool> &stop) { return runFault(f, fd, stop); });
        QVERIFY(startEngine(
            [&](quint16 p) { return proxyConfig(p, upstream.port(), "\"SocketTimeout\": 1"); }));
        const quint16 port = m_port;
        const QByteArray request = "GET /fault HTTP/1.1\r\nHost: h\r\n\r\n";
        const Seen seen = offThread([&] {
            Seen s;
            const int fd = connectTo(port);
            writeAll(fd, request);
            readUntil(fd, s, completeByLength, 8000);
            if (!s.closed && !s.timedOut) {
                // A whole answer and a live connection: the next request must be answered too.
                writeAll(fd, request);
                Seen next;
                readUntil(fd, next, completeByLength, 8000);
                s.bytes += "\n--next--\n" + next.bytes;
                s.timedOut = next.timedOut;
            }
            ::close(fd);
            return s;
        });
        QVERIFY2(!seen.timedOut, seen.bytes.left(300).constData()); // never a hang
        QCOMPARE(seen.status(), status);
        if (cut) {
            QVERIFY(seen.closed);
            const QByteArray body = seen.body();
            if (f == Fault::ChunkedCut || f == Fault::GarbageChunk)
                QVERIFY2(!body.endsWith("0\r\n\r\n"), body.constData()); // no fake last chunk
            else
                QVERIFY(body.size() < seen.contentLength()); // no fake completion
        } else {
            QVERIFY2(seen.bytes.contains("\n--next--\nHTTP/1.1 "), seen.bytes.constData());
        }
        expectRecordAndLog(error);
        // The record names the status the client saw and the endpoint that failed.
        const QByteArray endpoint = "127.0.0.1:" + QByteArray::number(upstream.port());
        bool withStatus = false;
        for (const RequestRecord &r : m_records) {
            withStatus = withStatus
                         || (r.status == status && QByteArray(r.error) == error
                             && QByteArray(r.endpointKey) == endpoint);
        }
        QVERIFY(withStatus);
        // No upstream here completed a valid response: nothing may have gone back to a pool
        // (the garbage and silent upstreams still hold their connections open).
        QCOMPARE(m_engine->idleUpstreamConnections(), 0);
        QVERIFY2(logLines().join(u'\n').contains(QString::fromUtf8(endpoint)),
                 qPrintable(logLines().join(u'\n')));
    }
    expectNoLeaks();
}

void tst_Faults::failedEndpointIsAvoided()
{
    // An endpoint that dies with requests in flight (here: closes every connection after
    // reading the request): body-less idempotent requests are resent to the healthy endpoint,
    // a POST whose body went to the dead one is answered 502 with the reason.
    {
        ScriptedUpstream dying([](int fd, const std::atomic<bool> &stop) {
            return runFault(Fault::ClosedBeforeHead, fd, stop);
        });
        ScriptedUpstream healthy([](int fd, const std::atomic<bool> &stop) {
            while (!readHead(fd, &stop).isEmpty())
                writeAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return false;
        });
        QVERIFY(startEngine([&](quint16 p) {
            return proxyConfig(p, dying.port(), QByteArray())
                .replace("\"Weight\": 100}}}}", QByteArray("\"Weight\": 100}, \"127.0.0.1:"
                                                           + QByteArray::number(healthy.port())
                                                           + "\": {\"Weight\": 100}}}}"));
        }));
        const quint16 port = m_port;
        const QList<Seen> gets = offThread([port] {
            QList<Seen> out;
            for (int i = 0; i < 6; ++i)
                out << exchange(port, "GET /g HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            return out;
        });
        for (const Seen &s : gets) {
            QVERIFY(!s.timedOut);
            QCOMPARE(s.status(), 200);
        }
        QVERIFY(dying.connections() > 0); // the dying endpoint did get requests
        const QList<Seen> posts = offThread([port] {
            QList<Seen> out;
            for (int i = 0; i < 4; ++i)
                out << exchange(port, "POST /p HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
                                      "Content-Length: 3\r\n\r\nabc");
            return out;
        });
        int failed = 0;
        for (const Seen &s : posts) {
            QVERIFY(!s.timedOut);
            QVERIFY(s.status() == 200 || s.status() == 502);
            failed += s.status() == 502;
        }
        QVERIFY(failed > 0); // round robin sent some to the dying endpoint
        expectRecordAndLog("upstream closed before responding");
    }
    expectNoLeaks();
}

void tst_Faults::clientHalfCloseIsSeen()
{
    // A client that sends its request and its FIN together (`nc -N`, scripts) gets the whole
    // response and then the close, not a keep-alive connection held open until the idle
    // timeout (the FIN came with the data in one edge-triggered event and was never read).
    {
        ScriptedUpstream upstream([](int fd, const std::atomic<bool> &stop) {
            while (!readHead(fd, &stop).isEmpty())
                writeAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return false;
        });
        QVERIFY(
            startEngine([&](quint16 p) { return proxyConfig(p, upstream.port(), QByteArray()); }));
        const quint16 port = m_port;
        const Seen seen = offThread([port] {
            Seen s;
            const int fd = connectTo(port);
            writeAll(fd, "GET /h HTTP/1.1\r\nHost: h\r\n\r\n");
            ::shutdown(fd, SHUT_WR);
            readUntil(
                fd, s, [](const QByteArray &) { return false; }, 8000);
            ::close(fd);
            return s;
        });
        QVERIFY(!seen.timedOut);
        QVERIFY(seen.closed);
        QCOMPARE(seen.status(), 200);
        QCOMPARE(seen.body(), "ok");
    }
    expectNoLeaks();
}

void tst_Faults::upstreamResetDuringRequestBody_data()
{
    QTest::addColumn<bool>("answeredFirst"); // the upstream sent a response head before the RST
    QTest::newRow("nothing sent to the client: 502") << false;
    QTest::newRow("response started: connection closed") << true;
}

void tst_Faults::upstreamResetDuringRequestBody()
{
    QFETCH(bool, answeredFirst);
    {
        ScriptedUpstream upstream([answeredFirst](int fd, const std::atomic<bool> &) {
            if (readHead(fd).isEmpty())
                return false;
            char buf[65536];
            qint64 got = 0;
            while (got < 256 * 1024) {
                const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
                if (n <= 0)
                    return false;
                got += n;
            }
            if (answeredFirst)
                writeAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
            QThread::msleep(50);
            resetClose(fd);
            return true;
        });
        QVERIFY(startEngine([&](quint16 p) {
            return proxyConfig(p, upstream.port(), "\"ClientMaxBodySize\": \"300m\"");
        }));
        const quint16 port = m_port;
        const Seen seen = offThread([port] {
            return exchange(port,
                            "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 200000000\r\n\r\n",
                            200000000);
        });
        QVERIFY(!seen.timedOut);
        QVERIFY(seen.closed);
        if (answeredFirst) {
            QCOMPARE(seen.status(), 200);
            QVERIFY(seen.body().size() < 100);
            expectRecordAndLog("upstream reset mid-response");
        } else {
            QCOMPARE(seen.status(), 502);
            expectRecordAndLog("upstream reset before responding");
        }
    }
    expectNoLeaks();
}

void tst_Faults::staticFileChangesWhileSent_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("grows") << u"grow"_s;
    QTest::newRow("shrinks") << u"shrink"_s;
    QTest::newRow("replaced by a rename") << u"replace"_s;
    QTest::newRow("vanishes") << u"unlink"_s;
}

void tst_Faults::staticFileChangesWhileSent()
{
    QFETCH(QString, change);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    // Far larger than every socket buffer between the engine and the client, so the engine is
    // in the middle of sending when the file changes.
    const qint64 size = 24LL * 1024 * 1024;
    QByteArray content(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        content[i] = char('a' + (i * 7 + i / 4096) % 26);
    const QString path = root.filePath(u"big.bin"_s);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(content), size);
    }
    QVERIFY(startEngine([&](quint16 p) { return staticConfig(p, root.path()); }));
    const quint16 port = m_port;
    const Seen seen = offThread([&] {
        Seen s;
        const int fd = connectTo(port, 64 * 1024);
        writeAll(fd, "GET /big.bin HTTP/1.1\r\nHost: h\r\n\r\n");
        // The head and the first MiB, then the change, then the rest.
        readUntil(
            fd, s, [](const QByteArray &b) { return b.size() > 1024 * 1024; }, 8000);
        if (change == u"grow") {
            QFile f(path);
            f.open(QIODevice::Append);
            f.write(QByteArray(4 * 1024 * 1024, 'G'));
        } else if (change == u"shrink") {
            QFile::resize(path, 8 * 1024 * 1024);
        } else if (change == u"replace") {
            QFile f(path + u".new"_s);
            f.open(QIODevice::WriteOnly);
            f.write(QByteArray(size / 2, 'R'));
            f.close();
            ::rename(QFile::encodeName(path + u".new"_s).constData(),
                     QFile::encodeName(path).constData());
        } else {
            QFile::remove(path);
        }
        readUntil(fd, s, completeByLength, 8000);
        if (!s.closed && !s.timedOut) {
            // Complete: the connection stays usable.
            writeAll(fd, "HEAD /big.bin HTTP/1.1\r\nHost: h\r\n\r\n");
            Seen next;
            readUntil(
                fd, next, [](const QByteArray &b) { return b.contains("\r\n\r\n"); }, 8000);
            if (next.timedOut || next.closed)
                s.timedOut = true;
        }
        ::close(fd);
        return s;
    });
    QVERIFY(!seen.timedOut);
    QCOMPARE(seen.status(), 200);
    QCOMPARE(seen.contentLength(), size);
    const QByteArray body = seen.body();
    QVERIFY(body.size() <= size);      // never beyond the announced length
    QVERIFY(content.startsWith(body)); // never bytes of another version
    if (change == u"shrink") {
        QVERIFY(seen.closed);
        QVERIFY(body.size() < size);
        expectRecordAndLog("file shrank while being sent");
    } else {
        // The open descriptor keeps the old file: the old content, complete.
        QCOMPARE(body.size(), size);
    }
    expectNoLeaks();
}

void tst_Faults::diskFullWhilePublishing()
{
    // A real full disk: a 512 KiB tmpfs. Where mounting is not permitted, a child process with
    // RLIMIT_FSIZE (writes past the limit fail with EFBIG) stands in for it.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString mountPoint = dir.filePath(u"fs"_s);
    QVERIFY(QDir().mkpath(mountPoint));
    // GATEHOUSE_FAULTS_NO_MOUNT=1 runs the fallback where mounting would work.
    const bool mounted
        = !qEnvironmentVariableIsSet("GATEHOUSE_FAULTS_NO_MOUNT")
          && ::mount("tmpfs", QFile::encodeName(mountPoint).constData(), "tmpfs", 0, "size=512k")
                 == 0;
    auto unmount = qScopeGuard([&] {
        if (mounted)
            ::umount2(QFile::encodeName(mountPoint).constData(), MNT_DETACH);
    });
    const QString repoDir = mountPoint + u"/repo"_s;
    LocalRepo repo(repoDir);
    const PublishResult first = repo.publish(bundleOf(20 * 1024, 'a'), u"first"_s);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QCOMPARE(repo.currentVersion(), 1);
    const QMap<QString, QByteArray> before = snapshot(repoDir);

    if (mounted) {
        // Fill the disk, then free it page by page: every publish either fails cleanly and
        // leaves the repo byte for byte as it was, or succeeds whole.
        const QString filler = mountPoint + u"/filler"_s;
        {
            QFile f(filler);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QByteArray page(4096, 'f');
            while (f.write(page) == page.size() && f.flush()) {
            }
        }
        const qint64 full = QFileInfo(filler).size();
        bool succeeded = false;
        int failures = 0;
        for (qint64 freed = 0; freed <= 160 * 1024 && !succeeded; freed += 4096) {
            QVERIFY(QFile::resize(filler, qMax<qint64>(0, full - freed)));
            const PublishResult r = repo.publish(bundleOf(64 * 1024, 'b'), u"second"_s);
            if (r.ok()) {
                succeeded = true;
                QCOMPARE(repo.currentVersion(), 2);
                QString error;
                QVERIFY2(repo.verify(2, &error), qPrintable(error));
                QVERIFY2(repo.verify(1, &error), qPrintable(error));
                break;
            }
            ++failures;
            QCOMPARE(r.status, PublishResult::Status::IoError);
            QVERIFY2(r.error.contains(u"No space left on device"_s), qPrintable(r.error));
            QCOMPARE(r.version, u"1"_s);
            QVERIFY(!r.committed);
            QCOMPARE(repo.currentVersion(), 1);
            QCOMPARE(snapshot(repoDir), before);
        }
        QVERIFY(failures > 3);
        QVERIFY(succeeded); // once there is room, publishing works again
        return;
    }

    // Fallback: the child's files may not grow past 8 KiB, the bundle's static file is 64 KiB.
    int pipeFds[2];
    QVERIFY(::pipe(pipeFds) == 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{8 * 1024, 8 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        LocalRepo childRepo(repoDir);
        const PublishResult r = childRepo.publish(bundleOf(64 * 1024, 'b'), u"second"_s);
        const QByteArray report
            = QByteArray::number(int(r.status)) + ' ' + r.version.toUtf8() + ' ' + r.error.toUtf8();
        (void)!::write(pipeFds[1], report.constData(), size_t(report.size()));
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    QByteArray report;
    char buf[1024];
    for (ssize_t n; (n = ::read(pipeFds[0], buf, sizeof buf)) > 0;)
        report.append(buf, n);
    ::close(pipeFds[0]);
    int wstatus = 0;
    ::waitpid(child, &wstatus, 0);
    QVERIFY(WIFEXITED(wstatus));
    QVERIFY2(report.startsWith(
                 QByteArray(QByteArray::number(int(PublishResult::Status::IoError)) + " 1 ")),
             report.constData());
    QVERIFY2(report.contains("File too large"), report.constData());
    QCOMPARE(repo.currentVersion(), 1);
    QCOMPARE(snapshot(repoDir), before);
}

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
