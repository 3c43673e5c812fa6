// The upstream response codec as UpstreamConnection drives it: llhttp (strict) with the
// engine's callbacks, interim (1xx) responses, the response head re-written for the client
// (hop-by-hop headers dropped, Transfer-Encoding re-issued) and the body re-framed for the
// client (BodyMode None / Length / Chunked / UntilClose), the end of input as the upstream
// closing. The callbacks mirror upstreamconnection.cpp (parse, onEof, onHeadersComplete,
// writeResponseHead, onBody, onMessageComplete): keep them in step when those change.
//
// Input: byte 0 = read size (0 = all at once), byte 1 = bit 0 HEAD request, bit 1 HTTP/1.0
// client; the rest is what the upstream sends. Properties:
//  - the response is either refused (502 before any byte went to the client), cut (the client
//    sees an incomplete message, never a complete wrong one) or complete;
//  - a complete response, parsed by a fresh strict client-side parser, is the upstream's status
//    and exactly the upstream's body, framed once (never Content-Length with chunked) and
//    ending exactly where the client output ends (after the close for UntilClose);
//  - interim responses reach the client as complete, body-less messages.

#include "fuzzcheck.h"

#include "engine/httpheaders.h"
#include "engine/iobuffer.h"

#include <llhttp.h>

#include <algorithm>
#include <cstring>

#include <string>

using namespace Gatehouse::Core;

namespace {

constexpr size_t MaxResponseHead = 64 * 1024;

enum class BodyMode : uint8_t { None, Length, Chunked, UntilClose };

struct Codec
{
    llhttp_t parser;
    HttpHeaders headers;
    IoBuffer in;
    IoBuffer client; // the client's output buffer
    const char *base = nullptr;
    size_t parsed = 0;
    uint32_t statusOffset = 0, statusLength = 0;
    int status = 0;
    BodyMode mode = BodyMode::None;
    bool inHead = true;
    bool lastWasValue = false;
    bool headRequest = false;
    bool http11 = true;
    bool interim = false;
    bool started = false;
    bool done = false;
    std::string body; // the upstream's body as llhttp decoded it
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
    c->statusLength = 0;
    return 0;
}

int onStatus(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    if (c->statusLength == 0)
        c->statusOffset = uint32_t(at - c->base);
    c->statusLength += uint32_t(len);
    return 0;
}

int onHeaderField(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    auto &spans = c->headers.spans();
    if (spans.empty() || c->lastWasValue) {
        HeaderSpan h;
        h.nameOffset = uint32_t(at - c->base);
        spans.push_back(h);
        c->lastWasValue = false;
    }
    spans.back().nameLength += uint32_t(len);
    return 0;
}

int onHeaderValue(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    HeaderSpan &h = c->headers.spans().back();
    if (h.valueLength == 0)
        h.valueOffset = uint32_t(at - c->base);
    h.valueLength += uint32_t(len);
    return 0;
}

int onHeaderValueComplete(llhttp_t *p)
{
    Codec *c = self(p);
    HeaderSpan &h = c->headers.spans().back();
    h.id = HttpHeaders::classify(QByteArrayView(c->base + h.nameOffset, h.nameLength));
    h.hopByHop = HttpHeaders::isHopByHop(h.id);
    const char *v = c->base + h.valueOffset;
    if (std::memchr(v, '\r', h.valueLength) || std::memchr(v, '\n', h.valueLength))
        return -1;
    c->lastWasValue = true;
    return 0;
}

void writeResponseHead(Codec *c)
{
    c->started = true;
    const llhttp_t &p = c->parser;
    const bool noBody = c->headRequest || c->status == 204 || c->status == 304;
    const bool chunked = p.flags & F_CHUNKED;
    const bool hasLength = p.flags & F_CONTENT_LENGTH;
    if (noBody)
        c->mode = BodyMode::None;
    else if (chunked)
        c->mode = c->http11 ? BodyMode::Chunked : BodyMode::UntilClose;
    else if (hasLength)
        c->mode = BodyMode::Length;
    else if (llhttp_message_needs_eof(&p))
        c->mode = c->http11 ? BodyMode::Chunked : BodyMode::UntilClose;
    else
        c->mode = BodyMode::None;

    c->headers.markConnectionTokens(c->base);
    IoBuffer &out = c->client;
    out.append(QByteArrayView("HTTP/1.1 "));
    out.appendNumber(unsigned(c->status));
    out.append(' ');
    out.append(c->base + c->statusOffset, c->statusLength);
    out.append(QByteArrayView("\r\n"));
    for (const HeaderSpan &h : c->headers.spans()) {
        if (h.hopByHop)
            continue;
        out.append(c->base + h.nameOffset, h.nameLength);
        out.append(QByteArrayView(": "));
        out.append(c->base + h.valueOffset, h.valueLength);
        out.append(QByteArrayView("\r\n"));
    }
    if (c->mode == BodyMode::Chunked || (chunked && c->headRequest))
        out.append(QByteArrayView("Transfer-Encoding: chunked\r\n"));
    out.append(QByteArrayView("\r\n"));
}

int onHeadersComplete(llhttp_t *p)
{
    Codec *c = self(p);
    c->inHead = false;
    c->status = int(p->status_code);
    if (c->status < 100)
        return -1;
    if (c->status >= 100 && c->status < 200) {
        c->interim = true;
        IoBuffer &out = c->client;
        out.append(QByteArrayView("HTTP/1.1 "));
        out.appendNumber(unsigned(c->status));
        out.append(' ');
        out.append(c->base + c->statusOffset, c->statusLength);
        out.append(QByteArrayView("\r\n\r\n"));
        return 1;
    }
    writeResponseHead(c);
    return (c->headRequest || c->status == 204 || c->status == 304) ? 1 : 0;
}

int onBody(llhttp_t *p, const char *at, size_t len)
{
    Codec *c = self(p);
    c->body.append(at, len);
    IoBuffer &out = c->client;
    if (c->mode == BodyMode::Chunked) {
        out.appendHex(len);
        out.append(QByteArrayView("\r\n"));
        out.append(at, len);
        out.append(QByteArrayView("\r\n"));
    } else if (c->mode != BodyMode::None) {
        out.append(at, len);
    }
    return 0;
}

int onMessageComplete(llhttp_t *p)
{
    Codec *c = self(p);
    if (c->interim) {
        c->interim = false;
        return 0;
    }
    if (c->mode == BodyMode::Chunked)
        c->client.append(QByteArrayView("0\r\n\r\n"));
    c->done = true;
    return HPE_PAUSED;
}

const llhttp_settings_t &settings()
{
    static const llhttp_settings_t s = [] {
        llhttp_settings_t v;
        llhttp_settings_init(&v);
        v.on_message_begin = &onMessageBegin;
        v.on_status = &onStatus;
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

// The client's view: a strict response parser that knows whether it asked with HEAD.
struct Client
{
    bool head = false;
    int finals = 0;
    int interims = 0;
    int status = 0;
    int lengths = 0;
    int encodings = 0;
    bool inHeaderName = false;
    std::string name;
    std::string body;
};

int clientHeadersComplete(llhttp_t *p)
{
    Client *c = static_cast<Client *>(p->data);
    if (p->status_code >= 200) {
        c->status = p->status_code;
        return (c->head || p->status_code == 204 || p->status_code == 304) ? 1 : 0;
    }
    return 0;
}

const llhttp_settings_t &clientSettings()
{
    static const llhttp_settings_t s = [] {
        llhttp_settings_t v;
        llhttp_settings_init(&v);
        v.on_header_field = [](llhttp_t *p, const char *at, size_t len) {
            static_cast<Client *>(p->data)->name.append(at, len);
            return 0;
        };
        v.on_header_field_complete = [](llhttp_t *p) {
            Client *c = static_cast<Client *>(p->data);
            const QByteArrayView n(c->name.data(), qsizetype(c->name.size()));
            if (p->status_code >= 200 || p->status_code == 0) {
                if (HttpHeaders::classify(n) == HeaderId::ContentLength)
                    ++c->lengths;
                if (HttpHeaders::classify(n) == HeaderId::TransferEncoding)
                    ++c->encodings;
            }
            c->name.clear();
            return 0;
        };
        v.on_headers_complete = &clientHeadersComplete;
        v.on_body = [](llhttp_t *p, const char *at, size_t len) {
            static_cast<Client *>(p->data)->body.append(at, len);
            return 0;
        };
        v.on_message_complete = [](llhttp_t *p) {
            Client *c = static_cast<Client *>(p->data);
            if (p->status_code >= 200)
                ++c->finals;
            else
                ++c->interims;
            return 0;
        };
        return v;
    }();
    return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const size_t readSize = data[0] ? data[0] : size;
    Codec c;
    c.headRequest = data[1] & 1;
    c.http11 = !(data[1] & 2);
    llhttp_init(&c.parser, HTTP_RESPONSE, &settings());
    c.parser.data = &c;
    const char *input = reinterpret_cast<const char *>(data) + 2;
    const size_t inputSize = size - 2;

    enum class End { Open, Complete, Failed } end = End::Open;
    size_t fed = 0;
    while (end == End::Open && fed < inputSize) {
        const size_t n = std::min(readSize, inputSize - fed);
        c.in.append(input + fed, n);
        fed += n;
        // parse()
        c.base = c.in.data();
        const size_t avail = c.in.size() - c.parsed;
        const llhttp_errno_t e = llhttp_execute(&c.parser, c.base + c.parsed, avail);
        if (e == HPE_OK) {
            if (c.inHead) {
                c.parsed += avail;
                if (c.parsed > MaxResponseHead)
                    end = End::Failed;
            } else {
                c.in.consume(c.parsed + avail);
                c.parsed = 0;
            }
            continue;
        }
        // No upgrade was asked for: a 101 is an error here, as in the engine.
        end = e == HPE_PAUSED ? End::Complete : End::Failed;
    }
    if (end == End::Open) {
        // onEof(): the upstream closed.
        if (c.started && !c.done && llhttp_message_needs_eof(&c.parser)) {
            c.base = c.in.data();
            llhttp_finish(&c.parser);
        }
        end = c.done ? End::Complete : End::Failed;
    }

    Client client;
    client.head = c.headRequest;
    llhttp_t p;
    llhttp_init(&p, HTTP_RESPONSE, &clientSettings());
    p.data = &client;
    const llhttp_errno_t e
        = c.client.size() ? llhttp_execute(&p, c.client.data(), c.client.size()) : HPE_OK;
    FUZZ_CHECK(e == HPE_OK); // whatever the engine wrote is valid HTTP (maybe incomplete)
    if (end == End::Complete) {
        if (c.mode == BodyMode::UntilClose)
            FUZZ_CHECK(llhttp_finish(&p) == HPE_OK);
        FUZZ_CHECK(client.finals == 1);
        FUZZ_CHECK(client.status == c.status);
        FUZZ_CHECK(!(client.lengths > 0 && client.encodings > 0));
        FUZZ_CHECK(client.encodings <= 1);
        if (c.mode != BodyMode::None)
            FUZZ_CHECK(client.body == c.body);
        else
            FUZZ_CHECK(client.body.empty());
    } else if (!c.started) {
        FUZZ_CHECK(client.finals == 0); // only interim responses went out: the engine says 502
    } else {
        // Cut: the client must not see a complete response.
        FUZZ_CHECK(client.finals == 0);
    }
    return 0;
}
