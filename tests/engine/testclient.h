#pragma once

#include <QByteArray>
#include <QString>
#include <QTest>

#include <atomic>
#include <functional>
#include <optional>
#include <thread>

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
