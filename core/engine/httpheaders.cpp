#include "httpheaders.h"

namespace Gatehouse::Core {

namespace {

inline char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

// Compares against a lower-case literal.
inline bool is(QByteArrayView name, const char *lit, qsizetype len)
{
    if (name.size() != len)
        return false;
    for (qsizetype i = 0; i < len; ++i) {
        if (lower(name[i]) != lit[i])
            return false;
    }
    return true;
}

#define GH_IS(name, lit) is(name, lit, sizeof(lit) - 1)

} // namespace

HeaderId HttpHeaders::classify(QByteArrayView name)
{
    switch (name.size()) {
    case 2:
        return GH_IS(name, "te") ? HeaderId::Te : HeaderId::Other;
    case 4:
        return GH_IS(name, "host") ? HeaderId::Host : HeaderId::Other;
    case 6:
        if (GH_IS(name, "cookie"))
            return HeaderId::Cookie;
        return GH_IS(name, "expect") ? HeaderId::Expect : HeaderId::Other;
    case 7:
        if (GH_IS(name, "upgrade"))
            return HeaderId::Upgrade;
        return GH_IS(name, "trailer") ? HeaderId::Trailer : HeaderId::Other;
    case 10:
        if (GH_IS(name, "connection"))
            return HeaderId::Connection;
        if (GH_IS(name, "keep-alive"))
            return HeaderId::KeepAlive;
        return GH_IS(name, "set-cookie") ? HeaderId::SetCookie : HeaderId::Other;
    case 14:
        return GH_IS(name, "content-length") ? HeaderId::ContentLength : HeaderId::Other;
    case 15:
        return GH_IS(name, "x-forwarded-for") ? HeaderId::XForwardedFor : HeaderId::Other;
    case 16:
        return GH_IS(name, "proxy-connection") ? HeaderId::ProxyConnection : HeaderId::Other;
    case 17:
        return GH_IS(name, "transfer-encoding") ? HeaderId::TransferEncoding : HeaderId::Other;
    default:
        return HeaderId::Other;
    }
}

bool HttpHeaders::isHopByHop(HeaderId id)
{
    switch (id) {
    case HeaderId::Connection:
    case HeaderId::KeepAlive:
    case HeaderId::ProxyConnection:
    case HeaderId::Te:
    case HeaderId::Trailer:
    case HeaderId::TransferEncoding:
    case HeaderId::Upgrade:
        return true;
    default:
        return false;
    }
}

bool HttpHeaders::equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

QByteArrayView HttpHeaders::trimmed(QByteArrayView v)
{
    qsizetype b = 0;
    qsizetype e = v.size();
    while (b < e && (v[b] == ' ' || v[b] == '\t'))
        ++b;
    while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t'))
        --e;
    return v.sliced(b, e - b);
}

void HttpHeaders::markConnectionTokens(const char *base)
{
    for (const HeaderSpan &c : m_spans) {
        if (c.id != HeaderId::Connection)
            continue;
        QByteArrayView list(base + c.valueOffset, c.valueLength);
        while (!list.isEmpty()) {
            const qsizetype comma = list.indexOf(',');
            const QByteArrayView token = trimmed(comma < 0 ? list : list.first(comma));
            list = comma < 0 ? QByteArrayView() : list.sliced(comma + 1);
            if (token.isEmpty() || is(token, "close", 5) || is(token, "keep-alive", 10))
                continue;
            for (HeaderSpan &h : m_spans) {
                if (h.id == HeaderId::Other
                    && equalsIgnoreCase(QByteArrayView(base + h.nameOffset, h.nameLength), token))
                    h.hopByHop = true;
            }
        }
    }
}

} // namespace Gatehouse::Core
