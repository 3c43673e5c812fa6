#include "stickycookie.h"

#include <QDateTime>

#include <algorithm>
#include <cstring>
#include <limits>

namespace Gatehouse::Core {

namespace {

constexpr quint64 s_mask53 = (quint64(1) << 53) - 1;

// Explicit little-endian loads: the values must match what FGW's little-endian builds
// compute, whatever this machine is.
quint64 load64(const char *p) noexcept
{
    quint64 v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

quint32 load32(const char *p) noexcept
{
    quint32 v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

// --- libstdc++ (libsupc++/hash_bytes.cc, 64-bit size_t) ---

quint64 shiftMix(quint64 v) noexcept
{
    return v ^ (v >> 47);
}

// Loads the 1..7 trailing bytes, last byte most significant (libstdc++'s load_bytes).
quint64 loadTail(const char *p, size_t n) noexcept
{
    quint64 v = 0;
    while (n > 0) {
        --n;
        v = (v << 8) + static_cast<unsigned char>(p[n]);
    }
    return v;
}

// --- libc++ (__functional/hash.h, __murmur2_or_cityhash<size_t, 64>) ---

constexpr quint64 k0 = 0xc3a5c85c97cb3127ULL;
constexpr quint64 k1 = 0xb492b66fbe98f273ULL;
constexpr quint64 k2 = 0x9ae16a3b2f90404fULL;
constexpr quint64 k3 = 0xc949d7c7509e6557ULL;

quint64 rotate(quint64 v, int shift) noexcept
{
    return shift == 0 ? v : ((v >> shift) | (v << (64 - shift)));
}

quint64 hashLen16(quint64 u, quint64 v) noexcept
{
    constexpr quint64 mul = 0x9ddfea08eb382d69ULL;
    quint64 a = (u ^ v) * mul;
    a ^= a >> 47;
    quint64 b = (v ^ a) * mul;
    b ^= b >> 47;
    return b * mul;
}

quint64 hashLen0To16(const char *s, quint64 len) noexcept
{
    if (len > 8) {
        const quint64 a = load64(s);
        const quint64 b = load64(s + len - 8);
        const int shift = int(len);
        return hashLen16(a, ((b + len) >> shift) | ((b + len) << (64 - shift))) ^ b;
    }
    if (len >= 4) {
        const quint32 a = load32(s);
        const quint32 b = load32(s + len - 4);
        // Apple's libc++ ABI: the shift happens in 32 bits (no _LIBCPP_ABI_FIX_CITYHASH_...).
        return hashLen16(len + quint32(a << 3), b);
    }
    if (len > 0) {
        const auto a = static_cast<unsigned char>(s[0]);
        const auto b = static_cast<unsigned char>(s[len >> 1]);
        const auto c = static_cast<unsigned char>(s[len - 1]);
        const quint32 y = quint32(a) + (quint32(b) << 8);
        const quint32 z = quint32(len) + (quint32(c) << 2);
        return shiftMix(quint64(y) * k2 ^ quint64(z) * k3) * k2;
    }
    return k2;
}

quint64 hashLen17To32(const char *s, quint64 len) noexcept
{
    const quint64 a = load64(s) * k1;
    const quint64 b = load64(s + 8);
    const quint64 c = load64(s + len - 8) * k2;
    const quint64 d = load64(s + len - 16) * k0;
    return hashLen16(rotate(a - b, 43) + rotate(c, 30) + d, a + rotate(b ^ k3, 20) - c + len);
}

struct Pair
{
    quint64 first;
    quint64 second;
};

Pair weakHashLen32WithSeeds(
    quint64 w, quint64 x, quint64 y, quint64 z, quint64 a, quint64 b) noexcept
{
    a += w;
    b = rotate(b + a + z, 21);
    const quint64 c = a;
    a += x;
    a += y;
    b += rotate(a, 44);
    return {a + z, b + c};
}

Pair weakHashLen32WithSeeds(const char *s, quint64 a, quint64 b) noexcept
{
    return weakHashLen32WithSeeds(load64(s), load64(s + 8), load64(s + 16), load64(s + 24), a, b);
}

quint64 hashLen33To64(const char *s, quint64 len) noexcept
{
    quint64 z = load64(s + 24);
    quint64 a = load64(s) + (len + load64(s + len - 16)) * k0;
    quint64 b = rotate(a + z, 52);
    quint64 c = rotate(a, 37);
    a += load64(s + 8);
    c += rotate(a, 7);
    a += load64(s + 16);
    const quint64 vf = a + z;
    const quint64 vs = b + rotate(a, 31) + c;
    a = load64(s + 16) + load64(s + len - 32);
    z += load64(s + len - 8);
    b = rotate(a + z, 52);
    c = rotate(a, 37);
    a += load64(s + len - 24);
    c += rotate(a, 7);
    a += load64(s + len - 16);
    const quint64 wf = a + z;
    const quint64 ws = b + rotate(a, 31) + c;
    const quint64 r = shiftMix((vf + ws) * k2 + (wf + vs) * k0);
    return shiftMix(r * k0 + vs) * k2;
}

// Trims spaces and horizontal tabs.
std::string_view trimmed(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Calls f(value) for every `name` pair in a Cookie header until f returns true.
template<typename F>
bool forEachCookie(std::string_view header, std::string_view name, F &&f) noexcept
{
    while (!header.empty()) {
        const size_t semi = header.find(';');
        const std::string_view pair = header.substr(0, semi);
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        const size_t eq = pair.find('=');
        if (eq == std::string_view::npos)
            continue;
        if (trimmed(pair.substr(0, eq)) == name && f(trimmed(pair.substr(eq + 1))))
            return true;
    }
    return false;
}

} // namespace

quint64 libStdCxxStringHash(std::string_view bytes) noexcept
{
    constexpr quint64 mul = (quint64(0xc6a4a793UL) << 32) + quint64(0x5bd1e995UL);
    constexpr quint64 seed = 0xc70f6907UL;
    const char *buf = bytes.data();
    const size_t len = bytes.size();
    const size_t aligned = len & ~size_t(7);
    quint64 hash = seed ^ (quint64(len) * mul);
    for (size_t i = 0; i < aligned; i += 8) {
        const quint64 data = shiftMix(load64(buf + i) * mul) * mul;
        hash ^= data;
        hash *= mul;
    }
    if ((len & 7) != 0) {
        hash ^= loadTail(buf + aligned, len & 7);
        hash *= mul;
    }
    hash = shiftMix(hash) * mul;
    return shiftMix(hash);
}

quint64 libCxxStringHash(std::string_view bytes) noexcept
{
    const char *s = bytes.data();
    quint64 len = bytes.size();
    if (len <= 16)
        return hashLen0To16(s, len);
    if (len <= 32)
        return hashLen17To32(s, len);
    if (len <= 64)
        return hashLen33To64(s, len);

    quint64 x = load64(s + len - 40);
    quint64 y = load64(s + len - 16) + load64(s + len - 56);
    quint64 z = hashLen16(load64(s + len - 48) + len, load64(s + len - 24));
    Pair v = weakHashLen32WithSeeds(s + len - 64, len, z);
    Pair w = weakHashLen32WithSeeds(s + len - 32, y + k1, x);
    x = x * k1 + load64(s);
    len = (len - 1) & ~quint64(63);
    do {
        x = rotate(x + y + v.first + load64(s + 8), 37) * k1;
        y = rotate(y + v.second + load64(s + 48), 42) * k1;
        x ^= w.second;
        y += v.first + load64(s + 40);
        z = rotate(z + w.first, 33) * k1;
        v = weakHashLen32WithSeeds(s, v.second * k1, x + w.first);
        w = weakHashLen32WithSeeds(s + 32, z + w.second, y + load64(s + 16));
        std::swap(z, x);
        s += 64;
        len -= 64;
    } while (len != 0);
    return hashLen16(hashLen16(v.first, w.first) + shiftMix(y) * k1 + z,
                     hashLen16(v.second, w.second) + x);
}

quint64 fgwStickyValue(std::string_view endpointKey, StdHashFamily family) noexcept
{
    const quint64 h = family == StdHashFamily::LibStdCxx ? libStdCxxStringHash(endpointKey)
                                                         : libCxxStringHash(endpointKey);
    return h & s_mask53;
}

StickyCookie::StickyCookie(QByteArray name,
                           qint64 expiresSeconds,
                           const QList<QByteArray> &endpointKeys)
    : m_name(std::move(name))
    , m_expires(qMax<qint64>(0, expiresSeconds))
{
    m_issued.reserve(size_t(endpointKeys.size()));
    m_table.reserve(size_t(endpointKeys.size()) * 2);
    for (int i = 0; i < endpointKeys.size(); ++i) {
        const std::string_view key(endpointKeys[i].constData(), size_t(endpointKeys[i].size()));
        const quint64 issued = fgwStickyValue(key, StdHashFamily::LibStdCxx);
        m_issued.push_back(m_name + '=' + QByteArray::number(issued) + "; path=/; expires=");
        m_table.push_back({issued, i});
        m_table.push_back({fgwStickyValue(key, StdHashFamily::LibCxx), i});
    }
    // Stable: on a collision the earlier endpoint (and the libstdc++ value) comes first.
    std::stable_sort(m_table.begin(), m_table.end(),
                     [](const Entry &a, const Entry &b) { return a.value < b.value; });
    m_maxAge = "; max-age=" + QByteArray::number(m_expires);
}

QByteArray StickyCookie::valueFor(int index) const
{
    if (index < 0 || index >= endpointCount())
        return {};
    const QByteArray &issued = m_issued[size_t(index)];
    const qsizetype start = m_name.size() + 1;
    return issued.mid(start, issued.indexOf(';', start) - start);
}

int StickyCookie::endpointForValue(std::string_view value) const noexcept
{
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    // 2^53 has 16 decimal digits; anything longer, empty or non-decimal names no endpoint.
    if (value.empty() || value.size() > 16)
        return -1;
    quint64 v = 0;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + quint64(c - '0');
    }
    const auto it = std::lower_bound(m_table.begin(), m_table.end(), v,
                                     [](const Entry &e, quint64 x) { return e.value < x; });
    return it != m_table.end() && it->value == v ? it->endpoint : -1;
}

int StickyCookie::endpointForCookieHeader(std::string_view cookieHeader) const noexcept
{
    const std::string_view name(m_name.constData(), size_t(m_name.size()));
    int found = -1;
    forEachCookie(cookieHeader, name, [&](std::string_view value) {
        found = endpointForValue(value);
        return found >= 0;
    });
    return found;
}

std::optional<std::string_view> StickyCookie::findCookie(std::string_view cookieHeader,
                                                         std::string_view name) noexcept
{
    std::optional<std::string_view> result;
    forEachCookie(cookieHeader, name, [&](std::string_view value) {
        result = value;
        return true;
    });
    return result;
}

int StickyCookie::maxSetCookieLength() const noexcept
{
    qsizetype longest = 0;
    for (const QByteArray &issued : m_issued)
        longest = qMax(longest, issued.size());
    return int(longest + ImfFixdateLength + m_maxAge.size());
}

int StickyCookie::formatSetCookie(int index,
                                  qint64 nowUnixSeconds,
                                  char *out,
                                  int capacity) const noexcept
{
    if (index < 0 || index >= endpointCount())
        return 0;
    const QByteArray &issued = m_issued[size_t(index)];
    const int total = int(issued.size() + ImfFixdateLength + m_maxAge.size());
    if (capacity < total)
        return 0;
    // Every response of one second carries the same Expires: format it once per second and
    // thread (the calendar arithmetic cost ~250 instructions per proxied request).
    struct DateCache
    {
        qint64 time = std::numeric_limits<qint64>::min();
        char text[ImfFixdateLength];
    };
    static thread_local DateCache date;
    // StickyCookieExpires may be as large as the config says: saturate (formatImfFixdate
    // clamps to year 9999) instead of overflowing.
    qint64 expires = 0;
    if (qAddOverflow(nowUnixSeconds, m_expires, &expires))
        expires = std::numeric_limits<qint64>::max();
    if (date.time != expires) {
        formatImfFixdate(expires, date.text);
        date.time = expires;
    }
    char *p = out;
    std::memcpy(p, issued.constData(), size_t(issued.size()));
    p += issued.size();
    std::memcpy(p, date.text, ImfFixdateLength);
    p += ImfFixdateLength;
    std::memcpy(p, m_maxAge.constData(), size_t(m_maxAge.size()));
    return total;
}

QByteArray StickyCookie::setCookie(int index) const
{
    QByteArray out(maxSetCookieLength(), Qt::Uninitialized);
    out.truncate(formatSetCookie(index, m_clock(), out.data(), int(out.size())));
    return out;
}

qint64 StickyCookie::systemClock()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace Gatehouse::Core
