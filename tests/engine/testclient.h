#pragma once

#include <QByteArray>
#include <QString>
#include <QTest>

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

// A deliberately simple blocking HTTP/1.1 client on raw sockets, used from a helper thread
// while the test thread keeps its event loop turning (the demo backends live there).
struct Reply
{
    int status = 0;
    QByteArray head; // status line and headers, lower-cased names kept as sent
    QByteArray body;
    bool ok = false; // a complete response arrived
    QByteArray header(const QByteArray &name) const;
};

class TestClient
{
public:
    TestClient() = default;
    ~TestClient();
    TestClient(const TestClient &) = delete;
    TestClient &operator=(const TestClient &) = delete;

    bool connectTo(quint16 port);
    bool send(const QByteArray &bytes);
    Reply read(bool headRequest = false, int timeoutMs = 10000);
    // True when the peer closes within the timeout (reads and drops anything else).
    bool waitClosed(int timeoutMs);
    void close();

    // One request on a fresh connection.
    static Reply get(quint16 port, const QByteArray &path, const QByteArray &extraHeaders = {});

private:
    bool fill(int timeoutMs);
    int m_fd = -1;
    QByteArray m_buffer;
};

// Runs fn on a helper thread, spinning this thread's event loop until it is done.
template<typename F>
auto offThread(F fn)
{
    std::optional<decltype(fn())> result;
    std::atomic<bool> done{false};
    std::thread t([&] {
        result.emplace(fn());
        done = true;
    });
    while (!done)
        QTest::qWait(2);
    t.join();
    return std::move(*result);
}

// A port that was free a moment ago (bind port 0, read it back, close).
quint16 freePort();

// An upstream on its own threads (so it never depends on the test's event loop) that reads
// whole requests and answers each with what it saw: "bytes=N sum=S\n" and then the request
// head. Keep-alive; answers "100 Continue" when asked to. Counts accepted connections.
class SinkServer
{
public:
    SinkServer();
    ~SinkServer();
    quint16 port() const { return m_port; }
    int connections() const { return m_connections.load(); }

private:
    void acceptLoop();
    void serve(int fd);
    int m_listen = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::thread m_acceptor;
    std::vector<std::thread> m_threads;
    std::vector<int> m_fds;
    std::mutex m_lock; // guards m_threads and m_fds
};

// Adler-like checksum used by the body tests on both ends.
quint32 bodySum(const char *data, qsizetype size, quint32 start = 0);
