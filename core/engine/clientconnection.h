#pragma once

#include "eventloop.h"
#include "httpheaders.h"
#include "iobuffer.h"
#include "telemetry/requestrecord.h"
#include "upstreamconnection.h"

#include <llhttp.h>

#include <netinet/in.h>

#include <memory>

namespace Gatehouse::Core {

class Worker;
class WorkerState;
struct CompiledMatch;
struct CompiledListener;

// One client connection on a worker's EventLoop: parses requests with llhttp (strict mode),
// routes each one on the worker's current compiled config, and either forwards it through an
// UpstreamConnection, serves a static file, or answers an error itself. Requests on one
// connection are handled one at a time; pipelined requests wait in the input buffer.
//
// Buffers: the request head stays in the input buffer while it is parsed (headers are offsets
// into it), so parsing copies nothing; body bytes are copied once, into the upstream's output.
// Reading stops while the upstream has HighWater bytes unsent (back-pressure) and resumes below
// LowWater; the same holds for the response direction.
//
// Lives on its worker's thread. Destroyed through EventLoop::retire after close().
class ClientConnection final : public IoHandler
{
public:
    static constexpr size_t HighWater = 256 * 1024;
    static constexpr size_t LowWater = 64 * 1024;
    // Pipelined requests buffered while one is answered. The head limits in force are the
    // worker's EngineLimits; these are their defaults.
    static constexpr size_t MaxRequestLine = 8 * 1024;
    static constexpr size_t MaxHeaderLine = 8 * 1024;
    static constexpr size_t MaxHead = 64 * 1024;
    static constexpr qint64 SmallFile = 32 * 1024; // sent from the buffer, not by sendfile

    ClientConnection(Worker *worker, int fd, const sockaddr_in &peer, uint64_t bindId);
    ~ClientConnection() override;

    void start();
    void close();
    void onIoEvent(uint32_t events) override;

    // The sweep timer: closes idle connections, times out stalled upstream exchanges.
    void checkTimeouts(int64_t nowMs, int idleTimeoutMs);

    // For the UpstreamConnection serving this client.
    IoBuffer &out() { return m_out; }
    size_t outputPending() const { return m_out.size(); }
    bool isHttp11() const { return m_http11; }
    bool requestFullySent() const { return m_requestDone; }
    void onResponseHead(int status, bool closeDelimited);
    void appendResponseExtras(IoBuffer &out);
    // Telemetry: the response head just written to out() began at headStart.
    void recordResponseHead(size_t headStart);
    void countBytesOut(size_t n) { m_bytesOut += n; }
    void onUpstreamComplete(UpstreamConnection *up);
    void onUpstreamFailure(UpstreamConnection *up, UpstreamConnection::Failure failure);
    void resumeRead();
    void flush();
    // Sets TCP_NODELAY once. Not at accept: a response written with one send() is not delayed
    // by Nagle (nothing else is unacknowledged), so a Connection: close exchange skips the
    // system call; from the second send on (keep-alive, streamed bodies, tunnels) it is set.
    void enableNoDelay();
    // WebSocket and other upgrades: the request asked for one, and the upstream agreed (101);
    // from then on both connections carry raw bytes.
    bool upgradeRequested() const { return m_upgradeRequested; }
    void enterTunnel();
    void onUpstreamConnected();

    // Intrusive list of the worker's clients (for the sweep), no allocation per connection.
    ClientConnection *prev = nullptr;
    ClientConnection *next = nullptr;

private:
    static int onMessageBegin(llhttp_t *p);
    static int onMethod(llhttp_t *p, const char *at, size_t len);
    static int onUrl(llhttp_t *p, const char *at, size_t len);
    static int onHeaderField(llhttp_t *p, const char *at, size_t len);
    static int onHeaderValue(llhttp_t *p, const char *at, size_t len);
    static int onHeaderValueComplete(llhttp_t *p);
    static int onHeadersComplete(llhttp_t *p);
    static int onBody(llhttp_t *p, const char *at, size_t len);
    static int onMessageComplete(llhttp_t *p);
    static const llhttp_settings_t &settings();

    void onReadable();
    bool canRead() const;
    void parseInput();
    // Called from onHeadersComplete; returns false to stop parsing (an answer was queued and
    // the connection will close).
    bool startRequest();
    // Protocol checks llhttp leaves to the application (Host, Expect, the target's form):
    // the status to refuse the request with, or 0. Rewrites an absolute-form target to
    // origin-form.
    int checkRequest();
    const CompiledMatch *route(const CompiledListener &listener);
    bool forward(const CompiledMatch &match);
    bool connectUpstream();
    void serveStatic(const CompiledMatch &match);
    void respond(int status, QByteArrayView reason, QByteArrayView body, bool close);
    void finishExchange();
    void sendFile();
    QByteArrayView headerValue(HeaderId id) const;
    QByteArrayView span(uint32_t offset, uint32_t length) const
    {
        return QByteArrayView(m_base + offset, qsizetype(length));
    }
    // Gives the upstream connection (if any) up for good and returns its balancer slot.
    void dropUpstream();
    void recordStart(const CompiledListener *listener);
    void recordEnd();
    // The exchange cannot complete (upstream cut, file changed, client gone): remembers why for
    // the request record; `log` also writes it to the engine's log (faults the operator must
    // see, not client aborts).
    void noteFailure(const char *why, bool log);
    // close() in the middle of an exchange: counts and records it with its failure.
    void accountAbortedExchange();

    Worker *m_worker;
    int m_fd;
    sockaddr_in m_peer;
    uint64_t m_bindId;
    IoBuffer m_in;
    IoBuffer m_out;
    IoBuffer m_requestHead; // the upstream request head, kept to retry a body-less request
    llhttp_t m_parser;
    HttpHeaders m_headers;
    const char *m_base = nullptr; // m_in.data() during llhttp_execute
    size_t m_parsed = 0;

    // The current request.
    std::shared_ptr<WorkerState> m_state;
    const CompiledMatch *m_match = nullptr;
    UpstreamConnection *m_up = nullptr;
    uint32_t m_methodOffset = 0, m_methodLength = 0;
    uint32_t m_urlOffset = 0, m_urlLength = 0;
    uint32_t m_headBytes = 0;
    uint64_t m_excluded = 0; // endpoints that refused this request
    uint64_t m_bytesIn = 0;
    uint64_t m_bytesOut = 0;
    qint64 m_maxBody = 0;
    int64_t m_lastActivityMs = 0;
    int64_t m_headStartMs = 0; // first byte of the request head being received, 0: none yet
    int m_listenerIndex = -1;
    int m_service = -1;
    int m_endpoint = -1;
    int m_status = 0;
    int m_errorStatus = 0;
    int m_attempts = 0;
    bool m_inHead = true;
    bool m_lastWasValue = false;
    bool m_exchange = false;    // a request is being handled
    bool m_requestDone = false; // the request (with body) has been parsed entirely
    bool m_responseDone = false;
    bool m_responseStarted = false;
    bool m_discardBody = false; // answered already: drop the rest of the body
    bool m_reqChunked = false;
    bool m_headMethod = false;
    bool m_http11 = true;
    bool m_keepAlive = true;
    bool m_issueCookie = false;
    bool m_closeAfterResponse = false;
    bool m_upgradePaused = false;
    bool m_upgradeRequested = false;
    bool m_tunnel = false;
    bool m_accounting = false;     // startRequest ran; the exchange is not counted/recorded yet
    const char *m_error = nullptr; // why the exchange failed (static text), else null

    // Keep-alive pinning (FGW: an HTTP/1 connection sticks to one endpoint).
    const WorkerState *m_pinState = nullptr;
    int m_pinService = -1;
    int m_pinEndpoint = -1;

    // Static file being sent.
    int m_fileFd = -1;
    int64_t m_fileOffset = 0;
    int64_t m_fileEnd = 0;

    // Telemetry, only while the collector wants records (allocated on first use).
    std::unique_ptr<RequestRecord> m_record;
    int64_t m_startUs = 0;
    int64_t m_acceptUs = 0; // accept, or the end of the previous exchange
    bool m_recording = false;

    bool m_closed = false;
    bool m_sentBefore = false; // something went out on this connection already
    bool m_noDelay = false;    // TCP_NODELAY is set
    bool m_reading = false;
    bool m_readBlocked = false;
    bool m_peerEof = false;
    bool m_peerHup = false; // FIN reported: read to EOF even after a short read (edge-triggered)
};

} // namespace Gatehouse::Core
