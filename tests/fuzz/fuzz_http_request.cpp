// The HTTP/1 request codec as ClientConnection drives it: llhttp in strict mode with the
// engine's callbacks and limits (request line, header line, header count, head size,
// ClientMaxBodySize), its body-framing decisions (Content-Length passed through, chunked
// re-chunked) and the request head it forwards upstream. The callbacks below mirror
// clientconnection.cpp (onUrl .. onMessageComplete, parseInput, startRequest, forward): keep
// them in step when those change. Header classification and hop-by-hop marking are the
// engine's own (HttpHeaders), the buffer is the engine's IoBuffer.
//
// Input: byte 0 = read size (bytes per read(), 0 = everything at once), byte 1 bit 0 = a small
// ClientMaxBodySize (16); the rest is what the client sends. Properties:
//  - every request is either refused (400/413/414/431, connection closed) or accepted with
//    exactly one body framing: chunked (Transfer-Encoding ending in chunked, no
//    Content-Length), one Content-Length (no Transfer-Encoding), or none (neither header);
//  - an accepted head is within the limits (request line, header count and size, head size);
//  - what goes upstream (the forwarded head and the body, re-chunked or not), parsed by a
//    fresh strict parser, is exactly one request with the same method, target and body, and
//    nothing after it: no request can be smuggled through the proxy;
//  - splitting the input into different read sizes does not change any of this.

#include "fuzzcheck.h"

#include "engine/clientconnection.h"
#include "engine/httpheaders.h"
#include "engine/iobuffer.h"

#include <llhttp.h>

#include <algorithm>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

using namespace Gatehouse::Core;

namespace {

constexpr size_t MaxRequestLine = ClientConnection::MaxRequestLine;
constexpr size_t MaxHeaderLine = ClientConnection::MaxHeaderLine;
constexpr size_t MaxHead = ClientConnection::MaxHead;
constexpr size_t MaxHeaders = 256;

struct Codec
{
    llhttp_t parser;
    HttpHeaders headers;
    IoBuffer in;
    IoBuffer upstream; // what the engine sends to the upstream
    const char *base = nullptr;
    size_t parsed = 0;
    uint32_t methodOffset = 0, methodLength = 0, urlOffset = 0, urlLength = 0, headBytes = 0;
    bool inHead = true;
    bool lastWasValue = false;
    int errorStatus = 0;
    qint64 maxBody = 0;
    uint64_t bytesIn = 0;
    bool chunked = false;
    bool upgrade = false;
    bool keepAlive = true;
    bool done = false; // the current request was parsed entirely
    bool upgradePaused = false;
    int refused = 0; // the status the engine answers and closes with
    // The accepted request being checked.
    std::string method, url, body;
    bool accepted = false;
};

Codec *self(llhttp_t *p)
{
    return static_cast<Codec *>(p->data);
}

int onMessageBegin(llhttp_t *p)
{
    Codec *c = self(p);
    c->inHead = true;
    c->headers.clear();
    c->lastWasValue = false;
    c->methodLength = c->urlLength = 0;
    c->headBytes = 0;
    c->errorStatus = 0;
    return 0;
}

int onMethod(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    if (c->methodLength == 0)
        c->methodOffset = uint32_t(at - c->base);
    c->methodLength += uint32_t(len);
    return 0;
}

int onUrl(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    if (c->urlLength == 0)
        c->urlOffset = uint32_t(at - c->base);
    c->urlLength += uint32_t(len);
    if (c->urlLength > MaxRequestLine) {
        c->errorStatus = 414;
        return -1;
    }
    return 0;
}

int onHeaderField(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    auto &spans = c->headers.spans();
    if (spans.empty() || c->lastWasValue) {
        if (spans.size() >= MaxHeaders) {
            c->errorStatus = 431;
            return -1;
        }
        HeaderSpan h;
        h.nameOffset = uint32_t(at - c->base);
        spans.push_back(h);
        c->lastWasValue = false;
    }
    spans.back().nameLength += uint32_t(len);
    if (spans.back().nameLength > MaxHeaderLine) {
        c->errorStatus = 431;
        return -1;
    }
    return 0;
}

int onHeaderValue(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    HeaderSpan &h = c->headers.spans().back();
    if (h.valueLength == 0)
        h.valueOffset = uint32_t(at - c->base);
    h.valueLength += uint32_t(len);
    if (h.nameLength + h.valueLength > MaxHeaderLine) {
        c->errorStatus = 431;
        return -1;
    }
    return 0;
}

int onHeaderValueComplete(llhttp_t *p)
{
    Codec *c = self(p);
    HeaderSpan &h = c->headers.spans().back();
    h.id = HttpHeaders::classify(QByteArrayView(c->base + h.nameOffset, h.nameLength));
    h.hopByHop = HttpHeaders::isHopByHop(h.id);
    const char *v = c->base + h.valueOffset;
    if (std::memchr(v, '\r', h.valueLength) || std::memchr(v, '\n', h.valueLength)) {
        c->errorStatus = 400;
        return -1;
    }
    c->lastWasValue = true;
    c->headBytes += h.nameLength + h.valueLength + 4;
    if (c->headBytes + c->urlLength > MaxHead) {
        c->errorStatus = 431;
        return -1;
    }
    return 0;
}

QByteArrayView span(const Codec *c, uint32_t offset, uint32_t length)
{
    return QByteArrayView(c->base + offset, qsizetype(length));
}

std::string str(QByteArrayView v)
{
    return std::string(v.data(), size_t(v.size()));
}

bool lastTokenIsChunked(QByteArrayView v)
{
    const qsizetype comma = v.lastIndexOf(',');
    return HttpHeaders::equalsIgnoreCase(HttpHeaders::trimmed(comma < 0 ? v : v.sliced(comma + 1)),
                                         "chunked");
}

// The framing checks of an accepted head, against the header table the engine built.
void checkFraming(const Codec *c, const llhttp_t *p)
{
    int lengths = 0, encodings = 0;
    bool lastChunked = false;
    for (const HeaderSpan &h : c->headers.spans()) {
        if (h.id == HeaderId::ContentLength)
            ++lengths;
        if (h.id == HeaderId::TransferEncoding) {
            ++encodings;
            lastChunked = lastTokenIsChunked(span(c, h.valueOffset, h.valueLength));
        }
    }
    const bool chunked = p->flags & F_CHUNKED;
    const bool hasLength = p->flags & F_CONTENT_LENGTH;
    FUZZ_CHECK(!(chunked && hasLength));
    if (chunked) {
        FUZZ_CHECK(encodings >= 1 && lastChunked && lengths == 0);
    } else if (hasLength) {
        FUZZ_CHECK(lengths == 1 && encodings == 0);
    } else {
        FUZZ_CHECK(lengths == 0 && encodings == 0);
    }
    // Limits.
    FUZZ_CHECK(c->urlLength <= MaxRequestLine);
    FUZZ_CHECK(c->headers.spans().size() <= MaxHeaders);
    for (const HeaderSpan &h : c->headers.spans())
        FUZZ_CHECK(h.nameLength + h.valueLength <= MaxHeaderLine);
    FUZZ_CHECK(c->headBytes + c->urlLength <= MaxHead);
}

int onHeadersComplete(llhttp_t *p)
{
    Codec *c = self(p);
    c->inHead = false;
    if (c->urlLength == 0) {
        c->errorStatus = 400;
        return -1;
    }
    if (!(p->flags & F_CHUNKED)) {
        bool encoded = p->flags & F_TRANSFER_ENCODING;
        for (const HeaderSpan &h : c->headers.spans())
            encoded = encoded || h.id == HeaderId::TransferEncoding;
        if (encoded) {
            c->errorStatus = 400;
            return -1;
        }
    }
    c->bytesIn = 0;
    c->done = false;
    c->keepAlive = llhttp_should_keep_alive(p);
    c->chunked = p->flags & F_CHUNKED;
    c->upgrade = p->upgrade && p->method != HTTP_CONNECT;
    c->headers.markConnectionTokens(c->base);
    checkFraming(c, p);
    if (c->maxBody > 0 && (p->flags & F_CONTENT_LENGTH)
        && p->content_length > uint64_t(c->maxBody)) {
        c->refused = 413;
        c->errorStatus = -1;
        return -1;
    }
    c->accepted = true;
    c->method = str(span(c, c->methodOffset, c->methodLength));
    c->url = str(span(c, c->urlOffset, c->urlLength));
    c->body.clear();

    // forward(): the upstream request head (no preserveHost).
    IoBuffer &h = c->upstream;
    h.clear();
    h.append(span(c, c->methodOffset, c->methodLength));
    h.append(' ');
    h.append(span(c, c->urlOffset, c->urlLength));
    h.append(QByteArrayView(" HTTP/1.1\r\n"));
    QByteArrayView xff;
    QByteArrayView upgradeValue;
    for (const HeaderSpan &s : c->headers.spans()) {
        if (s.id == HeaderId::Upgrade && upgradeValue.isEmpty())
            upgradeValue = span(c, s.valueOffset, s.valueLength);
        if (s.hopByHop)
            continue;
        if (s.id == HeaderId::XForwardedFor) {
            xff = span(c, s.valueOffset, s.valueLength);
            continue;
        }
        if (s.id == HeaderId::Host)
            continue;
        h.append(span(c, s.nameOffset, s.nameLength));
        h.append(QByteArrayView(": "));
        h.append(span(c, s.valueOffset, s.valueLength));
        h.append(QByteArrayView("\r\n"));
    }
    h.append(QByteArrayView("Host: 127.0.0.1:8080\r\n"));
    h.append(QByteArrayView("X-Forwarded-For: "));
    if (!xff.isEmpty()) {
        h.append(xff);
        h.append(QByteArrayView(", "));
    }
    h.append(QByteArrayView("127.0.0.1\r\n"));
    if (c->chunked)
        h.append(QByteArrayView("Transfer-Encoding: chunked\r\n"));
    if (c->upgrade) {
        h.append(QByteArrayView("Upgrade: "));
        h.append(upgradeValue);
        h.append(QByteArrayView("\r\nConnection: Upgrade\r\n"));
    }
    h.append(QByteArrayView("\r\n"));
    return 0;
}

int onBody(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    c->bytesIn += len;
    if (c->maxBody > 0 && c->bytesIn > uint64_t(c->maxBody)) {
        c->refused = 413;
        c->errorStatus = -1;
        return -1;
    }
    c->body.append(at, len);
    if (c->chunked) {
        c->upstream.appendHex(len);
        c->upstream.append(QByteArrayView("\r\n"));
        c->upstream.append(at, len);
        c->upstream.append(QByteArrayView("\r\n"));
    } else {
        c->upstream.append(at, len);
    }
    return 0;
}

int onMessageComplete(llhttp_t *p)
{
    Codec *c = self(p);
    if (c->chunked)
        c->upstream.append(QByteArrayView("0\r\n\r\n"));
    return HPE_PAUSED;
}

const llhttp_settings_t &settings()
{
    static const llhttp_settings_t s = [] {
        llhttp_settings_t v;
        llhttp_settings_init(&v);
        v.on_message_begin = &onMessageBegin;
        v.on_method = &onMethod;
        v.on_url = &onUrl;
        v.on_header_field = &onHeaderField;
        v.on_header_value = &onHeaderValue;
        v.on_header_value_complete = &onHeaderValueComplete;
        v.on_headers_complete = &onHeadersComplete;
        v.on_body = &onBody;
        v.on_message_complete = &onMessageComplete;
        return v;
    }();
    return s;
}

// The upstream's view of what the engine sent: a plain strict parser.
struct Upstream
{
    std::string method, url, body;
    int messages = 0;
    bool upgrade = false;
};

llhttp_errno_t parseUpstream(const IoBuffer &bytes, Upstream &u, size_t &used)
{
    static const llhttp_settings_t s = [] {
        llhttp_settings_t v;
        llhttp_settings_init(&v);
        v.on_method = [](llhttp_t *p, const char *at, size_t len) {
            static_cast<Upstream *>(p->data)->method.append(at, len);
            return 0;
        };
        v.on_url = [](llhttp_t *p, const char *at, size_t len) {
            static_cast<Upstream *>(p->data)->url.append(at, len);
            return 0;
        };
        v.on_body = [](llhttp_t *p, const char *at, size_t len) {
            static_cast<Upstream *>(p->data)->body.append(at, len);
            return 0;
        };
        v.on_message_complete = [](llhttp_t *p) {
            ++static_cast<Upstream *>(p->data)->messages;
            return 0;
        };
        return v;
    }();
    llhttp_t p;
    llhttp_init(&p, HTTP_REQUEST, &s);
    p.data = &u;
    const llhttp_errno_t e = llhttp_execute(&p, bytes.data(), bytes.size());
    used = e == HPE_OK ? bytes.size() : size_t(llhttp_get_error_pos(&p) - bytes.data());
    u.upgrade = p.upgrade;
    return e;
}

// The request the codec just finished (or is in the middle of), as the upstream sees it.
void checkUpstream(const Codec &c, bool complete)
{
    Upstream u;
    size_t used = 0;
    const llhttp_errno_t e = parseUpstream(c.upstream, u, used);
    if (std::getenv("FUZZ_DEBUG"))
        std::fprintf(stderr, "upstream e=%d used=%zu [%.*s]\nurl [%s] vs [%s]\n", int(e), used,
                     int(c.upstream.size()), c.upstream.data(), c.url.c_str(), u.url.c_str());
    if (complete && (c.upgrade || c.method == "CONNECT")) {
        // The upstream stops parsing after the head; what follows belongs to the new protocol.
        FUZZ_CHECK(e == HPE_PAUSED_UPGRADE || e == HPE_OK);
    } else {
        FUZZ_CHECK(e == HPE_OK);
        FUZZ_CHECK(used == c.upstream.size());
        FUZZ_CHECK(u.messages == (complete ? 1 : 0));
    }
    FUZZ_CHECK(u.method == c.method);
    FUZZ_CHECK(u.url == c.url);
    FUZZ_CHECK(u.body == c.body);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const size_t readSize = data[0] ? data[0] : size;
    Codec c;
    c.maxBody = (data[1] & 1) ? 16 : 0;
    llhttp_init(&c.parser, HTTP_REQUEST, &settings());
    c.parser.data = &c;
    const char *input = reinterpret_cast<const char *>(data) + 2;
    const size_t inputSize = size - 2;

    size_t fed = 0;
    bool closed = false;
    int messages = 0;
    while (!closed && (fed < inputSize || c.in.size() > c.parsed)) {
        if (c.in.size() <= c.parsed || c.inHead) {
            // read(): the next piece of input.
            const size_t n = std::min(readSize, inputSize - fed);
            if (n == 0 && c.in.size() <= c.parsed)
                break;
            c.in.append(input + fed, n);
            fed += n;
        }
        // parseInput()
        c.base = c.in.data();
        const size_t avail = c.in.size() - c.parsed;
        if (avail == 0)
            break;
        const llhttp_errno_t e = llhttp_execute(&c.parser, c.base + c.parsed, avail);
        if (e == HPE_OK) {
            if (c.inHead) {
                c.parsed += avail;
                if (c.parsed > MaxHead) {
                    c.refused = 431;
                    closed = true;
                }
            } else {
                c.in.consume(c.parsed + avail);
                c.parsed = 0;
            }
            continue;
        }
        if (e == HPE_PAUSED || e == HPE_PAUSED_UPGRADE) {
            c.in.consume(size_t(llhttp_get_error_pos(&c.parser) - c.base));
            c.parsed = 0;
            FUZZ_CHECK(c.accepted);
            checkUpstream(c, true);
            ++messages;
            c.accepted = false;
            // finishExchange(): the response went out; close, or go on with pipelined input.
            // After an Upgrade or CONNECT, the bytes that follow are the new protocol's (the
            // upstream agreed) and are no longer parsed.
            if (!c.keepAlive || e == HPE_PAUSED_UPGRADE || c.parser.upgrade)
                break;
            llhttp_resume(&c.parser);
            continue;
        }
        // An error: the engine answers and closes.
        if (c.errorStatus != -1)
            c.refused = c.errorStatus > 0 ? c.errorStatus : 400;
        FUZZ_CHECK(c.refused == 400 || c.refused == 413 || c.refused == 414 || c.refused == 431);
        closed = true;
    }
    // Input ended in the middle of an accepted request: what went upstream is a clean prefix.
    if (!closed && c.accepted)
        checkUpstream(c, false);
    return 0;
}
