// Cookie parsing (StickyCookie) and query-parameter lookup (queryParam, compiledconfig.h).
//
// Input: 8 bytes of StickyCookieExpires (any int64, as a config may say), then NAME '\n' TEXT.
// Properties:
//  - StickyCookie::findCookie(TEXT, NAME) and endpointForCookieHeader(TEXT) agree with a
//    reference parser (pairs split on ';', first '=' splits name and value, SP/HTAB trimmed,
//    a DQUOTEd value unquoted, values of both hash families, the first known one wins);
//  - a Set-Cookie the service formats is well-formed (NAME=VALUE; path=/; expires=<IMF date>;
//    max-age=N), its date parses back, and the cookie it sets, sent back after TEXT's cookies,
//    pins the endpoint it was issued for (unless TEXT already pinned another);
//  - queryParam(TEXT, NAME) agrees with a reference (split on '&', then '=', no decoding, the
//    last duplicate wins) and returns a view into TEXT.

#include "fuzzcheck.h"

#include "engine/compiledconfig.h"
#include "engine/httpdate.h"
#include "engine/stickycookie.h"

#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace Gatehouse::Core;

namespace {

std::string_view trim(std::string_view s)
{
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    return s.substr(b, e - b);
}

std::vector<std::pair<std::string_view, std::string_view>> cookiePairs(std::string_view header)
{
    std::vector<std::pair<std::string_view, std::string_view>> pairs;
    size_t pos = 0;
    while (pos < header.size()) {
        size_t semi = header.find(';', pos);
        if (semi == std::string_view::npos)
            semi = header.size();
        const std::string_view pair = header.substr(pos, semi - pos);
        pos = semi + 1;
        const size_t eq = pair.find('=');
        if (eq != std::string_view::npos)
            pairs.emplace_back(trim(pair.substr(0, eq)), trim(pair.substr(eq + 1)));
    }
    return pairs;
}

bool inside(std::string_view part, std::string_view whole)
{
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

const QList<QByteArray> &endpointKeys()
{
    static const QList<QByteArray> keys
        = {"127.0.0.1:8081", "127.0.0.1:8082", "10.0.0.7:80", "[::1]:9000", "backend.local:443"};
    return keys;
}

// value -> endpoint, the earlier endpoint and the libstdc++ value first.
const std::map<quint64, int> &valueTable()
{
    static const std::map<quint64, int> table = [] {
        std::map<quint64, int> t;
        for (int i = 0; i < endpointKeys().size(); ++i) {
            const std::string_view k(endpointKeys()[i].constData(),
                                     size_t(endpointKeys()[i].size()));
            t.emplace(fgwStickyValue(k, StdHashFamily::LibStdCxx), i);
        }
        for (int i = 0; i < endpointKeys().size(); ++i) {
            const std::string_view k(endpointKeys()[i].constData(),
                                     size_t(endpointKeys()[i].size()));
            t.emplace(fgwStickyValue(k, StdHashFamily::LibCxx), i);
        }
        return t;
    }();
    return table;
}

int referenceEndpoint(std::string_view value)
{
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
    if (value.empty() || value.size() > 16)
        return -1;
    for (char c : value) {
        if (c < '0' || c > '9')
            return -1;
    }
    const auto it = valueTable().find(std::stoull(std::string(value)));
    return it == valueTable().end() ? -1 : it->second;
}

int referenceCookieHeader(std::string_view header, std::string_view name)
{
    for (const auto &[n, v] : cookiePairs(header)) {
        if (n == name) {
            const int e = referenceEndpoint(v);
            if (e >= 0)
                return e;
        }
    }
    return -1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 8)
        return 0;
    qint64 expires = 0;
    std::memcpy(&expires, data, 8);
    const std::string_view rest(reinterpret_cast<const char *>(data) + 8, size - 8);
    const size_t nl = rest.find('\n');
    const std::string_view name
        = nl == std::string_view::npos ? std::string_view("_srv_id") : rest.substr(0, nl);
    const std::string_view text = nl == std::string_view::npos ? rest : rest.substr(nl + 1);

    // findCookie
    const std::optional<std::string_view> found = StickyCookie::findCookie(text, name);
    std::optional<std::string_view> expected;
    for (const auto &[n, v] : cookiePairs(text)) {
        if (n == name) {
            expected = v;
            break;
        }
    }
    FUZZ_CHECK(found.has_value() == expected.has_value());
    if (found) {
        FUZZ_CHECK(*found == *expected);
        FUZZ_CHECK(inside(*found, text));
    }

    // The sticky cookie of a service with these endpoints, named NAME when it is a usable
    // cookie name (the config schema refuses the others).
    const bool usableName = !name.empty() && name.size() < 64
                            && name.find_first_of(" \t;=\"") == std::string_view::npos;
    const QByteArray cookieName = usableName ? QByteArray(name.data(), qsizetype(name.size()))
                                             : QByteArrayLiteral("_srv_id");
    const StickyCookie sticky(cookieName, expires, endpointKeys());
    const std::string_view cn(cookieName.constData(), size_t(cookieName.size()));
    const int pinned = sticky.endpointForCookieHeader(text);
    FUZZ_CHECK(pinned == referenceCookieHeader(text, cn));

    const qint64 now = 1764000000 + qint64(size);
    const qint64 expectedExpires = qMax<qint64>(0, expires);
    for (int i = 0; i < sticky.endpointCount(); ++i) {
        std::vector<char> buf(size_t(sticky.maxSetCookieLength()));
        const int n = sticky.formatSetCookie(i, now, buf.data(), int(buf.size()));
        FUZZ_CHECK(n > 0 && n <= int(buf.size()));
        const std::string_view set(buf.data(), size_t(n));
        const std::string prefix
            = std::string(cn) + "=" + sticky.valueFor(i).toStdString() + "; path=/; expires=";
        FUZZ_CHECK(set.substr(0, prefix.size()) == prefix);
        const size_t maxAge = set.find("; max-age=");
        FUZZ_CHECK(maxAge == prefix.size() + size_t(ImfFixdateLength));
        FUZZ_CHECK(set.substr(maxAge + 10) == std::to_string(expectedExpires));
        const std::optional<qint64> date
            = parseHttpDate(set.substr(prefix.size(), ImfFixdateLength));
        FUZZ_CHECK(date.has_value());
        // The date is now + expires, clamped to year 9999.
        FUZZ_CHECK(*date
                   == qMin<qint64>(now + qMin<qint64>(expectedExpires, Q_INT64_C(253402300799)),
                                   Q_INT64_C(253402300799)));
        // The cookie goes back to the service after what the client sent already.
        const std::string back
            = std::string(text) + "; " + std::string(set.substr(0, set.find(';')));
        const int e = sticky.endpointForCookieHeader(back);
        FUZZ_CHECK(e == (pinned >= 0 ? pinned : i));
    }

    // queryParam
    bool qFound = false;
    const QByteArrayView query(text.data(), qsizetype(text.size()));
    const QByteArrayView qName(name.data(), qsizetype(name.size()));
    const QByteArrayView v = queryParam(query, qName, &qFound);
    bool refFound = false;
    std::string_view refValue;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t amp = text.find('&', pos);
        if (amp == std::string_view::npos)
            amp = text.size();
        const std::string_view pair = text.substr(pos, amp - pos);
        pos = amp + 1;
        const size_t eq = pair.find('=');
        if (pair.substr(0, eq) == name) {
            refFound = true;
            refValue = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        }
    }
    FUZZ_CHECK(qFound == refFound);
    FUZZ_CHECK(std::string_view(v.data(), size_t(v.size())) == refValue);
    if (!v.isEmpty())
        FUZZ_CHECK(inside(std::string_view(v.data(), size_t(v.size())), text));
    return 0;
}
