#include "upstreamconnection.h"

#include "clientconnection.h"
#include "worker.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Gatehouse::Core {

namespace {
constexpr size_t ReadChunk = IoBuffer::BlockSize;
} // namespace

UpstreamConnection::UpstreamConnection(Worker *worker, int addressId)
    : m_worker(worker)
    , m_addressId(addressId)
{
    llhttp_init(&m_parser, HTTP_RESPONSE, &settings());
    m_parser.data = this;
    m_lastActivityMs = Worker::nowMs();
}

UpstreamConnection::~UpstreamConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

const llhttp_settings_t &UpstreamConnection::settings()
{
    static const llhttp_settings_t s = [] {
        llhttp_settings_t v;
        llhttp_settings_init(&v);
        v.on_message_begin = &UpstreamConnection::onMessageBegin;
        v.on_status = &UpstreamConnection::onStatus;
        v.on_header_field = &UpstreamConnection::onHeaderField;
        v.on_header_value = &UpstreamConnection::onHeaderValue;
        v.on_header_value_complete = &UpstreamConnection::onHeaderValueComplete;
        v.on_headers_complete = &UpstreamConnection::onHeadersComplete;
        v.on_body = &UpstreamConnection::onBody;
        v.on_message_complete = &UpstreamConnection::onMessageComplete;
        return v;
    }();
    return s;
}

bool UpstreamConnection::connectTo(const sockaddr_in &address)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return false;
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::setsockopt(m_fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    if (!m_worker->loop().add(m_fd, this))
        return false;
    m_connecting = true;
    const int rc = ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address);
    if (rc == 0)
        m_connecting = false;
    else if (errno != EINPROGRESS)
        m_connecting = true; // reported as Refused by the first event (EPOLLERR)
    return true;
}

bool UpstreamConnection::hasUnreadInput() const
{
    pollfd p{m_fd, POLLIN, 0};
    return m_fd >= 0 && ::poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

void UpstreamConnection::attach(ClientConnection *client, bool headRequest, int maxRequests)
{
    m_client = client;
    m_headRequest = headRequest;
    m_maxRequests = maxRequests;
    m_responseStarted = false;
    m_responseDone = false;
    m_sentAnything = false;
    m_interim = false;
    m_status = 0;
    m_lastActivityMs = Worker::nowMs();
}

void UpstreamConnection::abandon()
{
    m_client = nullptr;
    close();
}

void UpstreamConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    if (m_poolSlot >= 0)
        m_worker->pool(m_addressId).remove(this);
    if (m_fd >= 0) {
        ::close(m_fd); // also leaves the epoll set: the descriptor is never duplicated
        m_fd = -1;
    }
    m_in.clear();
    m_out.clear();
    m_in.releaseIfEmpty();
    m_out.releaseIfEmpty();
    m_client = nullptr;
    m_worker->loop().retire(this);
}

void UpstreamConnection::onIoEvent(uint32_t events)
{
    if (m_closed)
        return;
    if (m_connecting) {
        if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0 || (events & (EPOLLERR | EPOLLHUP))) {
            fail(Failure::Refused);
            return;
        }
        m_connecting = false;
        if (m_client)
            m_client->onUpstreamConnected();
        flush();
        if (m_closed)
            return;
    } else if (events & EPOLLERR) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len);
        m_failureErrno = err != 0 ? err : ECONNRESET;
        fail(m_sentAnything ? Failure::Reset : Failure::Refused);
        return;
    } else if (events & EPOLLOUT) {
        flush();
        if (m_closed)
            return;
    }
    if (events & (EPOLLRDHUP | EPOLLHUP))
        m_peerClosed = true;
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP))
        onReadable();
}

void UpstreamConnection::flush()
{
    if (m_connecting || m_closed)
        return;
    while (!m_out.isEmpty()) {
        const ssize_t n = ::send(m_fd, m_out.data(), m_out.size(), MSG_NOSIGNAL);
        if (n > 0) {
            m_out.consume(size_t(n));
            m_sentAnything = true;
            m_lastActivityMs = Worker::nowMs();
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            break;
        m_failureErrno = errno;
        fail(m_sentAnything ? Failure::Reset : Failure::Refused);
        return;
    }
    if (m_out.size() < ClientConnection::LowWater && m_client)
        m_client->resumeRead();
}

void UpstreamConnection::resumeRead()
{
    if (!m_readBlocked || m_closed
        || (m_client && m_client->outputPending() >= ClientConnection::HighWater))
        return;
    m_readBlocked = false;
    if (!m_reading)
        onReadable();
}

void UpstreamConnection::onReadable()
{
    if (!m_client) {
        // Idle in the pool: the upstream closed it (or sent garbage). Either way it is done.
        close();
        return;
    }
    m_reading = true;
    for (;;) {
        if (m_client->outputPending() >= ClientConnection::HighWater) {
            m_readBlocked = true;
            break;
        }
        char *dst = m_in.reserveBack(ReadChunk);
        const size_t space = m_in.spaceBack();
        const ssize_t n = ::read(m_fd, dst, space);
        if (n > 0) {
            m_in.commit(size_t(n));
            m_lastActivityMs = Worker::nowMs();
            if (m_tunnel) {
                m_client->out().append(m_in.view());
                m_in.clear();
            } else {
                parse();
            }
            if (m_closed || !m_client)
                break;
            m_client->flush(); // stream: do not wait for the end of the response
            if (m_closed || !m_client)
                break;
            if (size_t(n) < space && !m_peerClosed)
                break; // edge-triggered: a short read means the socket is drained
            continue;
        }
        if (n == 0) {
            onEof();
            break;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            m_failureErrno = errno;
            fail(Failure::Reset);
        }
        break;
    }
    m_reading = false;
    if (!m_closed && m_in.isEmpty())
        m_in.releaseIfEmpty();
}

void UpstreamConnection::parse()
{
    while (!m_closed && m_client && m_in.size() > m_parsed) {
        m_base = m_in.data();
        const size_t avail = m_in.size() - m_parsed;
        const llhttp_errno_t e = llhttp_execute(&m_parser, m_base + m_parsed, avail);
        if (m_closed)
            return;
        if (e == HPE_OK) {
            if (m_inHead) {
                m_parsed += avail;
                if (m_parsed > m_worker->limits().maxResponseHead)
                    fail(Failure::BadResponse);
            } else {
                m_in.consume(m_parsed + avail);
                m_parsed = 0;
            }
            return;
        }
        if ((e == HPE_PAUSED || e == HPE_PAUSED_UPGRADE) && m_tunnel) {
            // 101 Switching Protocols: what follows the head belongs to the new protocol.
            const size_t used = size_t(llhttp_get_error_pos(&m_parser) - m_base);
            m_in.consume(used);
            m_parsed = 0;
            m_client->out().append(m_in.view());
            m_in.clear();
            m_client->enterTunnel();
            flush(); // what the client sent after its request
            return;
        }
        if (e == HPE_PAUSED) {
            const size_t used = size_t(llhttp_get_error_pos(&m_parser) - m_base);
            m_in.consume(used);
            m_parsed = 0;
            llhttp_resume(&m_parser);
            complete(m_in.isEmpty());
            return;
        }
        fail(Failure::BadResponse);
        return;
    }
}

void UpstreamConnection::onEof()
{
    if (m_tunnel) {
        ClientConnection *client = m_client;
        m_client = nullptr;
        if (client) {
            client->flush(); // deliver what the upstream said last
            client->close();
        }
        close();
        return;
    }
    if (m_client && m_responseStarted && !m_responseDone && llhttp_message_needs_eof(&m_parser)) {
        m_base = m_in.data();
        llhttp_finish(&m_parser); // completes a close-delimited body
        if (!m_closed && m_responseDone)
            return;
    }
    if (m_client && !m_responseDone) {
        fail(Failure::Reset);
        return;
    }
    close();
}

int UpstreamConnection::onMessageBegin(llhttp_t *p)
{
    auto *self = static_cast<UpstreamConnection *>(p->data);
    self->m_inHead = true;
    self->m_headers.clear();
    self->m_lastWasValue = false;
    self->m_statusLength = 0;
    return 0;
}

int UpstreamConnection::onStatus(llhttp_t *p, const char *at, size_t len)
{
    auto *self = static_cast<UpstreamConnection *>(p->data);
    if (self->m_statusLength == 0)
        self->m_statusOffset = uint32_t(at - self->m_base);
    self->m_statusLength += uint32_t(len);
    return 0;
}

int UpstreamConnection::onHeaderField(llhttp_t *p, const char *at, size_t len)
{
    auto *self = static_cast<UpstreamConnection *>(p->data);
    auto &spans = self->m_headers.spans();
    if (spans.empty() || self->m_lastWasValue) {
        HeaderSpan h;
        h.nameOffset = uint32_t(at - self->m_base);
        spans.push_back(h);
        self->m_lastWasValue = false;
    }
    spans.back().nameLength += uint32_t(len);
    return 0;
}

int UpstreamConnection::onHeaderValue(llhttp_t *p, const char *at, size_t len)
{
    auto *self = static_cast<UpstreamConnection *>(p->data);
    if (self->m_headers.spans().empty() || self->m_lastWasValue)
        return -1; // a value without a name: a bad response
    HeaderSpan &h = self->m_headers.spans().back();
    if (h.valueLength == 0)
        h.valueOffset = uint32_t(at - self->m_base);
    h.valueLength += uint32_t(len);
    return 0;
}

int UpstreamConnection::onHeaderValueComplete(llhttp_t *p)
{
    auto *self = static_cast<UpstreamConnection *>(p->data);
    HeaderSpan &h = self->m_headers.spans().back();
    if (h.nameLength == 0)
        return -1; // ": v": a bad response
    h.id = HttpHeaders::classify(QByteArrayView(self->m_base + h.nameOffset, h.nameLength));
    h.hopByHop = HttpHeaders::isHopByHop(h.id);
    // An obsolete line fold (or a bare CR) leaves CR/LF inside the value, which would reach the
    // client verbatim as a broken or extra header line: a bad response, as for requests.
    const char *v = self->m_base + h.valueOffset;
    if (std::memchr(v, '\r', h.valueLength) || std::memchr(v, '\n', h.valueLength))
        return -1;
    self->m_lastWasValue = true;
    return 0;
}

int UpstreamConnection::onHeadersComplete(llhttp_t *p)
{
    auto *self = static_cast<UpstreamConnection *>(p->data);
    self->m_inHead = false;
    self->m_status = int(p->status_code);
    if (!self->m_client)
        return -1;
    // llhttp takes any three digits; a status below 100 is no HTTP status and would reach the
    // client as "HTTP/1.1 0": a bad response (502).
    if (self->m_status < 100)
        return -1;
    // A head that arrived in one read never paused in it: measure it here too.
    const auto &spans = self->m_headers.spans();
    const size_t headEnd = spans.empty() ? self->m_statusOffset + self->m_statusLength
                                         : spans.back().valueOffset + spans.back().valueLength;
    if (headEnd > self->m_statusOffset
        && headEnd - self->m_statusOffset > self->m_worker->limits().maxResponseHead)
        return -1; // parse() reports it as a bad response: 502
    if (self->m_status == 101 && self->m_client->upgradeRequested()) {
        // The upstream switches protocols: pass its head on as it is (Upgrade and Connection
        // included, they are this hop's agreement) and tunnel from here on.
        self->m_tunnel = true;
        self->m_responseStarted = true;
        IoBuffer &out = self->m_client->out();
        out.append(QByteArrayView("HTTP/1.1 101 "));
        out.append(self->m_base + self->m_statusOffset, self->m_statusLength);
        out.append(QByteArrayView("\r\n"));
        for (const HeaderSpan &h : self->m_headers.spans()) {
            out.append(self->m_base + h.nameOffset, h.nameLength);
            out.append(QByteArrayView(": "));
            out.append(self->m_base + h.valueOffset, h.valueLength);
            out.append(QByteArrayView("\r\n"));
        }
        out.append(QByteArrayView("\r\n"));
        return 0;
    }
    if (self->m_status >= 100 && self->m_status < 200) {
        // Interim responses (100 Continue, 103 Early Hints) pass through; 101 would switch
        // protocols, which this engine does not tunnel yet, so the request never asks for it.
        self->m_interim = true;
        IoBuffer &out = self->m_client->out();
        out.append(QByteArrayView("HTTP/1.1 "));
        out.appendNumber(unsigned(self->m_status));
        out.append(' ');
        out.append(self->m_base + self->m_statusOffset, self->m_statusLength);
        out.append(QByteArrayView("\r\n\r\n"));
        // A 1xx never has a body (RFC 9112 §6.3), whatever its Content-Length says; llhttp
        // only knows that for 100 and 101.
        return 1;
    }
    self->writeResponseHead();
    // A response to HEAD, and a 204 or 304, ends with its head whatever its Content-Length or
    // Transfer-Encoding say (RFC 9112 §6.3); llhttp leaves that to the caller (1: no body).
    const bool noBody = self->m_headRequest || self->m_status == 204 || self->m_status == 304;
    return noBody ? 1 : 0;
}

void UpstreamConnection::writeResponseHead()
{
    m_responseStarted = true;
    const bool noBody = m_headRequest || m_status == 204 || m_status == 304;
    const bool chunked = m_parser.flags & F_CHUNKED;
    const bool hasLength = m_parser.flags & F_CONTENT_LENGTH;
    if (noBody)
        m_clientBody = BodyMode::None;
    else if (chunked)
        m_clientBody = m_client->isHttp11() ? BodyMode::Chunked : BodyMode::UntilClose;
    else if (hasLength)
        m_clientBody = BodyMode::Length;
    else if (llhttp_message_needs_eof(&m_parser))
        m_clientBody = m_client->isHttp11() ? BodyMode::Chunked : BodyMode::UntilClose;
    else
        m_clientBody = BodyMode::None;

    m_headers.markConnectionTokens(m_base);
    IoBuffer &out = m_client->out();
    const size_t headStart = out.size();
    out.append(QByteArrayView("HTTP/1.1 "));
    out.appendNumber(unsigned(m_status));
    out.append(' ');
    out.append(m_base + m_statusOffset, m_statusLength);
    out.append(QByteArrayView("\r\n"));
    HeaderLineWriter lines(out, m_base);
    for (const HeaderSpan &h : m_headers.spans()) {
        if (!h.hopByHop)
            lines.add(h);
    }
    lines.finish();
    if (m_clientBody == BodyMode::Chunked || (chunked && m_headRequest))
        out.append(QByteArrayView("Transfer-Encoding: chunked\r\n"));
    m_client->onResponseHead(m_status, m_clientBody == BodyMode::UntilClose);
    m_client->appendResponseExtras(out);
    out.append(QByteArrayView("\r\n"));
    m_client->recordResponseHead(headStart);
}

int UpstreamConnection::onBody(llhttp_t *p, const char *at, size_t len)
{
    auto *self = static_cast<UpstreamConnection *>(p->data);
    if (!self->m_client)
        return -1;
    IoBuffer &out = self->m_client->out();
    if (self->m_clientBody == BodyMode::Chunked) {
        out.appendHex(len);
        out.append(QByteArrayView("\r\n"));
        out.append(at, len);
        out.append(QByteArrayView("\r\n"));
    } else if (self->m_clientBody != BodyMode::None) {
        out.append(at, len);
    }
    self->m_client->countBytesOut(len);
    return 0;
}

int UpstreamConnection::onMessageComplete(llhttp_t *p)
{
    auto *self = static_cast<UpstreamConnection *>(p->data);
    if (self->m_tunnel)
        return HPE_PAUSED;
    if (self->m_interim) {
        self->m_interim = false;
        return 0;
    }
    if (self->m_client && self->m_clientBody == BodyMode::Chunked)
        self->m_client->out().append(QByteArrayView("0\r\n\r\n"));
    self->m_responseDone = true;
    return HPE_PAUSED;
}

void UpstreamConnection::complete(bool clean)
{
    ClientConnection *client = m_client;
    ++m_requests;
    const bool reusable = clean && llhttp_should_keep_alive(&m_parser) && client
                          && client->requestFullySent() && m_out.isEmpty()
                          && (m_maxRequests <= 0 || m_requests < m_maxRequests);
    m_client = nullptr;
    if (reusable) {
        m_lastActivityMs = Worker::nowMs();
        m_in.releaseIfEmpty();
        m_out.releaseIfEmpty();
        m_worker->pool(m_addressId).put(this);
    } else {
        close();
    }
    if (client)
        client->onUpstreamComplete(this);
}

void UpstreamConnection::fail(Failure failure)
{
    ClientConnection *client = m_client;
    m_client = nullptr;
    // The client may take the unsent request bytes from out() to retry elsewhere: close after.
    if (client)
        client->onUpstreamFailure(this, failure);
    close();
}

} // namespace Gatehouse::Core
