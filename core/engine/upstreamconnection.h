#pragma once

#include "eventloop.h"
#include "httpheaders.h"
#include "iobuffer.h"

#include <llhttp.h>

#include <netinet/in.h>

namespace Gatehouse::Core {

class ClientConnection;
class Worker;

// One HTTP/1.1 connection to an upstream endpoint, on a worker's EventLoop. While busy it is
// attached to exactly one ClientConnection: request bytes queue in out() (the client writes
// them there), the response is parsed with llhttp and re-framed straight into the client's
// output buffer. When an exchange ends cleanly it goes back to its UpstreamPool.
//
// Back-pressure: it stops reading while the client has more than HighWater bytes unwritten
// and resumes when the client drains (resumeRead). Lives on its worker's thread.
class UpstreamConnection final : public IoHandler
{
public:
    enum class Failure {
        Refused,     // connect failed: nothing was sent
        Reset,       // closed or reset before a complete response
        Timeout,     // no progress for SocketTimeout
        BadResponse, // unparseable response
    };

    UpstreamConnection(Worker *worker, int addressId);
    ~UpstreamConnection() override;

    // Starts a non-blocking connect. False when the socket could not even be created.
    bool connectTo(const sockaddr_in &address);

    // Binds the connection to a client for one exchange. headRequest: the response has no body.
    void attach(ClientConnection *client, bool headRequest, int maxRequests);
    // The client is gone or gave up: the connection cannot be reused.
    void abandon();

    IoBuffer &out() { return m_out; }
    void flush();
    void resumeRead();
    void close();

    bool wasReused() const { return m_requests > 0; }
    bool sentAnything() const { return m_sentAnything; }
    bool responseStarted() const { return m_responseStarted; }
    bool isConnecting() const { return m_connecting; }
    int64_t lastActivityMs() const { return m_lastActivityMs; }
    // Bytes are waiting in the socket (the loop has not read them yet): not a silent upstream.
    bool hasUnreadInput() const;
    int addressId() const { return m_addressId; }
    int poolSlot() const { return m_poolSlot; }
    void setPoolSlot(int slot) { m_poolSlot = slot; }
    int status() const { return m_status; }
    // errno of the socket error behind the last Reset failure; 0 when the upstream closed
    // cleanly (EOF).
    int failureErrno() const { return m_failureErrno; }

    void onIoEvent(uint32_t events) override;

private:
    static int onMessageBegin(llhttp_t *p);
    static int onStatus(llhttp_t *p, const char *at, size_t len);
    static int onHeaderField(llhttp_t *p, const char *at, size_t len);
    static int onHeaderValue(llhttp_t *p, const char *at, size_t len);
    static int onHeaderValueComplete(llhttp_t *p);
    static int onHeadersComplete(llhttp_t *p);
    static int onBody(llhttp_t *p, const char *at, size_t len);
    static int onMessageComplete(llhttp_t *p);
    static const llhttp_settings_t &settings();

    void onReadable();
    void parse();
    void onEof();
    void writeResponseHead();
    void complete(bool clean);
    void fail(Failure failure);

    enum class BodyMode : uint8_t { None, Length, Chunked, UntilClose };

    Worker *m_worker;
    int m_fd = -1;
    int m_addressId;
    int m_poolSlot = -1;
    IoBuffer m_in;
    IoBuffer m_out;
    llhttp_t m_parser;
    HttpHeaders m_headers;
    ClientConnection *m_client = nullptr;
    size_t m_parsed = 0;
    const char *m_base = nullptr; // m_in.data() during llhttp_execute
    uint32_t m_statusOffset = 0;
    uint32_t m_statusLength = 0;
    int m_status = 0;
    int m_requests = 0;
    int m_maxRequests = 0;
    int m_failureErrno = 0;
    int64_t m_lastActivityMs = 0;
    BodyMode m_clientBody = BodyMode::None;
    bool m_connecting = false;
    bool m_closed = false;
    bool m_inHead = true;
    bool m_lastWasValue = false;
    bool m_headRequest = false;
    bool m_interim = false;
    bool m_responseStarted = false;
    bool m_responseDone = false;
    bool m_sentAnything = false;
    bool m_readBlocked = false;
    bool m_reading = false;
    bool m_tunnel = false; // after a 101: raw bytes both ways
    // The peer's FIN (or an error) was reported: read until EOF even after a short read, as
    // edge-triggered epoll will not report it again.
    bool m_peerClosed = false;
};

} // namespace Gatehouse::Core
