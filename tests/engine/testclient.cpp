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
        const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent),
                                 MSG_NOSIGNAL);
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
            const qint64 size = m_buffer.left(eol).split(';').value(0).trimmed().toLongLong(&okSize, 16);
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
