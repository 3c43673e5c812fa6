// Chunked transfer-coding: llhttp's decoder (strict mode, as the engine builds it) and the
// engine's re-encoder (IoBuffer::appendHex + data per llhttp body callback, "0\r\n\r\n" at the
// end, as clientconnection.cpp and upstreamconnection.cpp write it).
//
// Input: byte 0 = read size (0 = all at once); the rest is a chunked body (chunks, extensions,
// trailers) sent after a "Transfer-Encoding: chunked" request head. Properties:
//  - what llhttp accepts agrees with a reference decoder (RFC 9112 §7.1: hex sizes without
//    overflow, extensions, trailer fields), and decodes to the same bytes;
//  - splitting the input into reads of any size decodes the same;
//  - re-encoding the decoded body the engine's way and decoding it again is the identity,
//    ending exactly at the end of the re-encoded bytes.

#include "fuzzcheck.h"

#include "engine/iobuffer.h"

#include <llhttp.h>

#include <algorithm>

#include <optional>
#include <string>
#include <string_view>

using namespace Gatehouse::Core;

namespace {

constexpr std::string_view Head
    = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";

struct Decoded
{
    std::string body;
    IoBuffer reencoded;
    bool complete = false;
};

const llhttp_settings_t &settings()
{
    static const llhttp_settings_t s = [] {
        llhttp_settings_t v;
        llhttp_settings_init(&v);
        v.on_body = [](llhttp_t *p, const char *at, size_t len) {
            Decoded *d = static_cast<Decoded *>(p->data);
            d->body.append(at, len);
            d->reencoded.appendHex(len);
            d->reencoded.append(QByteArrayView("\r\n"));
            d->reencoded.append(at, len);
            d->reencoded.append(QByteArrayView("\r\n"));
            return 0;
        };
        v.on_message_complete = [](llhttp_t *p) {
            Decoded *d = static_cast<Decoded *>(p->data);
            d->reencoded.append(QByteArrayView("0\r\n\r\n"));
            d->complete = true;
            return int(HPE_PAUSED);
        };
        return v;
    }();
    return s;
}

// Feeds head + body in reads of `readSize`; returns the error (HPE_PAUSED when complete) and
// where parsing stopped in `body`.
llhttp_errno_t decode(std::string_view body, size_t readSize, Decoded &d, size_t &stop)
{
    llhttp_t p;
    llhttp_init(&p, HTTP_REQUEST, &settings());
    p.data = &d;
    llhttp_errno_t e = llhttp_execute(&p, Head.data(), Head.size());
    FUZZ_CHECK(e == HPE_OK);
    stop = 0;
    while (stop < body.size()) {
        const size_t n = std::min(readSize, body.size() - stop);
        e = llhttp_execute(&p, body.data() + stop, n);
        if (e != HPE_OK) {
            stop = size_t(llhttp_get_error_pos(&p) - body.data());
            return e;
        }
        stop += n;
    }
    return HPE_OK;
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Reference: returns the body and the number of bytes used, nullopt for a malformed or
// incomplete encoding. Lenient about what extensions and trailer lines contain (any byte but
// CR and LF): where llhttp is stricter the reference still accepts.
std::optional<std::pair<std::string, size_t>> reference(std::string_view in)
{
    std::string body;
    size_t i = 0;
    auto line = [&](size_t from) -> std::optional<size_t> {
        const size_t cr = in.find('\r', from);
        if (cr == std::string_view::npos || cr + 1 >= in.size() || in[cr + 1] != '\n')
            return std::nullopt;
        if (in.substr(from, cr - from).find('\n') != std::string_view::npos)
            return std::nullopt;
        return cr;
    };
    while (true) {
        size_t j = i;
        unsigned long long size = 0;
        while (j < in.size() && isHex(in[j])) {
            if (size >> 60)
                return std::nullopt; // overflow
            const char c = in[j];
            size = size * 16 + unsigned(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            ++j;
        }
        if (j == i)
            return std::nullopt;
        const std::optional<size_t> eol = line(j);
        if (!eol)
            return std::nullopt;
        i = *eol + 2;
        if (size == 0)
            break;
        if (size > in.size() - i || in.size() - i - size < 2)
            return std::nullopt;
        body.append(in.substr(i, size));
        i += size;
        if (in[i] != '\r' || in[i + 1] != '\n')
            return std::nullopt;
        i += 2;
    }
    // Trailer fields, then an empty line. llhttp 8.1 (Debian's), even in strict mode, also ends
    // the trailer section with a bare LF ("0\r\n\n", "X: y\r\n\n"); the engine never forwards
    // trailers and re-frames the body, so this is accepted here too (tests/fuzz/README).
    while (true) {
        if (i < in.size() && in[i] == '\n') {
            ++i;
            break;
        }
        const std::optional<size_t> eol = line(i);
        if (!eol)
            return std::nullopt;
        const bool empty = *eol == i;
        i = *eol + 2;
        if (empty)
            break;
    }
    return std::make_pair(body, i);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const size_t readSize = data[0] ? data[0] : size;
    const std::string_view body(reinterpret_cast<const char *>(data) + 1, size - 1);

    Decoded whole;
    size_t stopWhole = 0;
    const llhttp_errno_t eWhole = decode(body, body.size() + 1, whole, stopWhole);
    Decoded split;
    size_t stopSplit = 0;
    const llhttp_errno_t eSplit = decode(body, readSize, split, stopSplit);
    // Read boundaries change nothing.
    FUZZ_CHECK(eWhole == eSplit);
    FUZZ_CHECK(whole.complete == split.complete);
    FUZZ_CHECK(whole.body == split.body);
    if (eWhole == HPE_PAUSED)
        FUZZ_CHECK(stopWhole == stopSplit);

    const auto ref = reference(body);
    if (whole.complete) {
        FUZZ_CHECK(eWhole == HPE_PAUSED);
        FUZZ_CHECK(ref.has_value());
        FUZZ_CHECK(ref->first == whole.body);
        FUZZ_CHECK(ref->second == stopWhole);

        // Re-encoded the engine's way: the identity.
        Decoded again;
        size_t stopAgain = 0;
        const std::string_view re(whole.reencoded.data(), whole.reencoded.size());
        const llhttp_errno_t e = decode(re, re.size() + 1, again, stopAgain);
        FUZZ_CHECK(e == HPE_PAUSED && again.complete);
        FUZZ_CHECK(stopAgain == re.size());
        FUZZ_CHECK(again.body == whole.body);
    } else if (eWhole == HPE_OK) {
        // Incomplete: the reference cannot have finished either.
        FUZZ_CHECK(!ref.has_value());
    }
    return 0;
}
