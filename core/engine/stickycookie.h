#pragma once

#include "httpdate.h"
#include "loadbalancer.h"

#include <QByteArray>
#include <QList>

#include <optional>

#include <string_view>
#include <vector>

namespace Gatehouse::Core {

// The two C++ standard libraries FGW (Pipy) is built with. Its sticky cookie value is
// `std::hash<std::string>("ip:port") & (2^53 - 1)` printed in decimal, so the value depends on
// the library: Linux builds use libstdc++, macOS builds libc++ (reference §2.5).
enum class StdHashFamily : quint8 { LibStdCxx, LibCxx };

// libstdc++'s std::hash<std::string> on 64-bit targets: `_Hash_bytes(data, len, 0xc70f6907)`
// (a MurmurHash2 variant). Implemented here so the value does not depend on the library this
// program was built with. Reads bytes little-endian, as FGW's x86-64 and arm64 builds do.
quint64 libStdCxxStringHash(std::string_view bytes) noexcept;

// libc++'s std::hash<std::string> on 64-bit targets: `__murmur2_or_cityhash<size_t, 64>`
// (CityHash64-derived), with the pre-fix ABI that Apple's libc++ ships.
quint64 libCxxStringHash(std::string_view bytes) noexcept;

// FGW's cookie value for an endpoint key such as "127.0.0.1:8082": the hash masked to 53 bits
// (so it survives a JavaScript number).
quint64 fgwStickyValue(std::string_view endpointKey, StdHashFamily family) noexcept;

// Session stickiness for one service (reference §2.5), built when a config compiles and
// immutable afterwards; shared read-only by every worker thread without locks.
//
// A request's Cookie header is searched for NAME=VALUE; VALUE is matched against the cookie
// values of every endpoint in both hash families, so cookies issued by a Linux FGW
// (`_srv_id=8153145845723989` -> 127.0.0.1:8082) and by a macOS FGW (`3021372512864600`)
// both pin. Gatehouse issues the Linux (libstdc++) value, which is what FGW servers issue.
// Health is the caller's business: a cookie naming an unhealthy endpoint must be ignored.
//
// Cost per request: one scan of the Cookie header, a decimal parse and a scan of 2*N table
// entries; no allocation. Set-Cookie is formatted into a caller buffer.
class StickyCookie
{
public:
    // Returns "now" in seconds since the Unix epoch; replaceable for tests.
    using Clock = qint64 (*)();

    // `endpointKeys[i]` is the "host:port" key of endpoint i exactly as written in the config.
    // `expiresSeconds` is StickyCookieExpires (FGW default 3600). If two endpoints' values
    // collide (odds ~2^-53), the earlier endpoint keeps the value.
    StickyCookie(QByteArray name, qint64 expiresSeconds, const QList<QByteArray> &endpointKeys);

    const QByteArray &name() const { return m_name; }
    qint64 expiresSeconds() const { return m_expires; }
    int endpointCount() const { return int(m_issued.size()); }

    // The decimal value Gatehouse issues for endpoint `index` (libstdc++ family).
    QByteArray valueFor(int index) const;

    // The endpoint a cookie VALUE names, or -1. Accepts the value with or without the DQUOTEs
    // RFC 6265 allows around a cookie value.
    int endpointForValue(std::string_view value) const noexcept;

    // The endpoint the sticky cookie in one `Cookie` header value names, or -1. Every pair with
    // this cookie's name is tried in order (a browser can send two on path overlap); the first
    // one naming a known endpoint wins.
    int endpointForCookieHeader(std::string_view cookieHeader) const noexcept;

    // The endpoint to pin this request to: the one the Cookie header names if it is usable in
    // `ctx` (healthy, not excluded), else -1, and the caller balances and issues a new
    // cookie. A cookie naming a dead endpoint is thus ignored and replaced (reference §2.5).
    int pinnedEndpoint(std::string_view cookieHeader, const PickContext &ctx) const noexcept
    {
        const int e = endpointForCookieHeader(cookieHeader);
        return e >= 0 && ctx.usable(e) ? e : -1;
    }

    // Finds the value of the first `name` pair in a `Cookie` header ("a=1; b=2"), a view into
    // `cookieHeader`. Whitespace around pairs and around '=' is tolerated.
    static std::optional<std::string_view> findCookie(std::string_view cookieHeader,
                                                      std::string_view name) noexcept;

    // Upper bound of a formatted Set-Cookie value for this service.
    int maxSetCookieLength() const noexcept;

    // Writes the Set-Cookie header value pinning endpoint `index`:
    // `NAME=VALUE; path=/; expires=<IMF-fixdate>; max-age=N` into `out` (at least
    // maxSetCookieLength() bytes) and returns the number of bytes written, or 0 when the index
    // is out of range or `capacity` is too small. `nowUnixSeconds` is the response time.
    int formatSetCookie(int index, qint64 nowUnixSeconds, char *out, int capacity) const noexcept;

    // Convenience for non-hot paths and tests: uses clock() for "now"; allocates.
    QByteArray setCookie(int index) const;

    void setClock(Clock now) { m_clock = now; }
    Clock clock() const { return m_clock; }
    static qint64 systemClock();

private:
    struct Entry
    {
        quint64 value;
        int endpoint;
    };

    QByteArray m_name;
    qint64 m_expires;
    std::vector<Entry> m_table;       // sorted by value, both hash families
    std::vector<QByteArray> m_issued; // "NAME=VALUE; path=/; expires=" per endpoint
    QByteArray m_maxAge;              // "; max-age=N"
    Clock m_clock = &StickyCookie::systemClock;
};

} // namespace Gatehouse::Core
