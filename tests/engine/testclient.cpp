#include "testclient.h"

#include <QTcpServer>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

QByteArray Reply::header(const QByteArray &name) const
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

TestClient::~TestClient()
{
    close();
}

void TestClient::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
}

bool TestClient::connectTo(quint16 port)
{
    close();
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return ::connect(m_fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) == 0;
}

bool TestClient::send(const QByteArray &bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n
            = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

bool TestClient::fill(int timeoutMs)
{
    pollfd p{m_fd, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0)
        return false;
    char buf[65536];
    const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
    if (n <= 0)
        return false;
    m_buffer.append(buf, n);
    return true;
}

Reply TestClient::read(bool headRequest, int timeoutMs)
{
    Reply r;
    qsizetype end;
    while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (!fill(timeoutMs))
            return r;
    }
    r.head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);
    r.status = r.head.mid(9, 3).toInt();
    if (headRequest || r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200)) {
        r.ok = true;
        return r;
    }
    if (r.header("transfer-encoding").toLower() == "chunked") {
        for (;;) {
            qsizetype eol;
            while ((eol = m_buffer.indexOf("\r\n")) < 0) {
                if (!fill(timeoutMs))
                    return r;
            }
            bool okSize = false;
            const qint64 size
                = m_buffer.left(eol).split(';').value(0).trimmed().toLongLong(&okSize, 16);
            if (!okSize)
                return r;
            while (m_buffer.size() < eol + 2 + size + 2) {
                if (!fill(timeoutMs))
                    return r;
            }
            r.body += m_buffer.mid(eol + 2, size);
            m_buffer.remove(0, eol + 2 + size + 2);
            if (size == 0) {
                r.ok = true;
                return r;
            }
        }
    }
    const QByteArray cl = r.header("content-length");
    if (!cl.isEmpty()) {
        const qint64 length = cl.toLongLong();
        while (m_buffer.size() < length) {
            if (!fill(timeoutMs))
                return r;
        }
        r.body = m_buffer.left(length);
        m_buffer.remove(0, length);
        r.ok = true;
        return r;
    }
    while (fill(timeoutMs)) {
    }
    r.body = m_buffer;
    m_buffer.clear();
    r.ok = true;
    return r;
}

bool TestClient::waitClosed(int timeoutMs)
{
    for (;;) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0)
            return false;
        char buf[4096];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0)
            return true;
    }
}

Reply TestClient::get(quint16 port, const QByteArray &path, const QByteArray &extraHeaders)
{
    TestClient c;
    if (!c.connectTo(port))
        return {};
    c.send("GET " + path + " HTTP/1.1\r\nHost: localhost:" + QByteArray::number(port) + "\r\n"
           + extraHeaders + "\r\n");
    return c.read();
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::Any, 0);
    return server.serverPort();
}

quint32 bodySum(const char *data, qsizetype size, quint32 start)
{
    quint32 s = start;
    for (qsizetype i = 0; i < size; ++i)
        s = s * 31 + quint8(data[i]);
    return s;
}

SinkServer::SinkServer()
{
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(m_listen, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    ::listen(m_listen, 128);
    socklen_t len = sizeof sa;
    ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&sa), &len);
    m_port = ntohs(sa.sin_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
}

SinkServer::~SinkServer()
{
    m_stop = true;
    m_acceptor.join();
    {
        std::lock_guard<std::mutex> lock(m_lock);
        for (int fd : m_fds)
            ::shutdown(fd, SHUT_RDWR);
    }
    for (std::thread &t : m_threads)
        t.join();
    for (int fd : m_fds)
        ::close(fd);
    ::close(m_listen);
}

void SinkServer::acceptLoop()
{
    while (!m_stop) {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        ++m_connections;
        std::lock_guard<std::mutex> lock(m_lock);
        m_fds.push_back(fd);
        m_threads.emplace_back([this, fd] { serve(fd); });
    }
}

void SinkServer::serve(int fd)
{
    QByteArray buffer;
    char chunk[65536];
    auto fill = [&]() {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer.append(chunk, n);
        return true;
    };
    for (;;) {
        qsizetype end;
        while ((end = buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill())
                return;
        }
        const QByteArray head = buffer.left(end);
        buffer.remove(0, end + 4);
        const QByteArray lower = head.toLower();
        if (lower.contains("\r\nexpect: 100-continue"))
            ::send(fd, "HTTP/1.1 100 Continue\r\n\r\n", 25, MSG_NOSIGNAL);
        qint64 bytes = 0;
        quint32 sum = 0;
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            for (;;) {
                qsizetype eol;
                while ((eol = buffer.indexOf("\r\n")) < 0) {
                    if (!fill())
                        return;
                }
                const qint64 size = buffer.left(eol).toLongLong(nullptr, 16);
                buffer.remove(0, eol + 2);
                while (buffer.size() < size + 2) {
                    if (!fill())
                        return;
                }
                sum = bodySum(buffer.constData(), size, sum);
                bytes += size;
                buffer.remove(0, size + 2);
                if (size == 0)
                    break;
            }
        } else if (const qsizetype cl = lower.indexOf("\r\ncontent-length:"); cl >= 0) {
            qint64 remaining = lower.mid(cl + 17).split('\r').value(0).trimmed().toLongLong();
            while (remaining > 0) {
                if (buffer.isEmpty() && !fill())
                    return;
                const qint64 take = qMin<qint64>(remaining, buffer.size());
                sum = bodySum(buffer.constData(), take, sum);
                bytes += take;
                remaining -= take;
                buffer.remove(0, take);
            }
        }
        const QByteArray body = "bytes=" + QByteArray::number(bytes)
                                + " sum=" + QByteArray::number(sum) + "\n" + head;
        const QByteArray response
            = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size())
              + "\r\nConnection: keep-alive\r\n\r\n" + body;
        if (::send(fd, response.constData(), size_t(response.size()), MSG_NOSIGNAL) <= 0)
            return;
    }
}
