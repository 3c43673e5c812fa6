#pragma once

#include "health/healthtable.h"
#include "staticfiles.h"
#include "stickycookie.h"

#include <QByteArray>
#include <QHostAddress>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <netinet/in.h>

#include <memory>
#include <vector>

namespace Gatehouse::Core {

class JsonDocument;

struct CompiledEndpoint
{
    QString key;           // "ip:port" as written in the config
    sockaddr_in address{}; // resolved at compile time: no DNS on the data path
    int weight = 0;        // 0 = backup endpoint
    QByteArray hostHeader; // sent when ProxyPreserveHost is false
    int healthSlot = -1;
    int addressId = 0; // process-wide id of the address: indexes per-worker pools
};

struct CompiledService
{
    enum class Algorithm { RoundRobin, Hashing, LeastConnection };
    QString name;
    std::vector<CompiledEndpoint> endpoints;
    Algorithm algorithm = Algorithm::RoundRobin;
    std::shared_ptr<const StickyCookie> sticky; // null without StickyCookieName
    int maxRequestsPerConnection = 0;           // 0 = unlimited
    HealthCheckSpec health;
    int firstTarget = 0; // endpoint i is health target firstTarget + i
    bool hasBackups = false;
};

struct ValueMatcher
{
    QByteArray name; // header: lower case; query: as written
    QByteArray exact;
    QRegularExpression regex;
    bool isRegex = false;
};

struct CompiledMatch
{
    enum class PathType { Any, Prefix, Exact, Regex, Never };
    PathType pathType = PathType::Any;
    QByteArray path;
    QRegularExpression pathRegex;
    std::vector<ValueMatcher> headers;
    std::vector<ValueMatcher> queryParams;
    std::vector<QByteArray> methods;

    std::vector<std::pair<int, int>> backends; // (service index, weight > 0)
    int totalBackendWeight = 0;

    std::shared_ptr<const StaticFiles> staticFiles; // set for ServerRoot routes

    bool preserveHost = true;
    qint64 clientMaxBodySize = 0; // 0 = unlimited
    int routeId = 0;              // index into CompiledConfig::routeNames
};

// Why a Match did not take a request; None when it did.
enum class MatchMiss : quint8 { None, Method, Path, Header, QueryParam };

// FGW's value test for Headers/QueryParams: Exact is strict equality (missing fails); Regex is
// an unanchored test against the value, or against "" when it is missing.
inline bool valueMatches(const ValueMatcher &m, QByteArrayView value, bool found)
{
    if (!m.isRegex)
        return found && value == QByteArrayView(m.exact);
    // Regex criteria are rare; they cost one conversion.
    return m.regex.match(QString::fromUtf8(value)).hasMatch();
}

// FGW's query parameter lookup: split on '&' and '=', no decoding, a later duplicate wins.
inline QByteArrayView queryParam(QByteArrayView query, QByteArrayView name, bool *found)
{
    QByteArrayView value;
    *found = false;
    while (!query.isEmpty()) {
        const qsizetype amp = query.indexOf('&');
        const QByteArrayView pair = amp < 0 ? query : query.first(amp);
        query = amp < 0 ? QByteArrayView() : query.sliced(amp + 1);
        const qsizetype eq = pair.indexOf('=');
        if ((eq < 0 ? pair : pair.first(eq)) == name) {
            value = eq < 0 ? QByteArrayView() : pair.sliced(eq + 1);
            *found = true;
        }
    }
    return value;
}

// Tests one Match against a request, in FGW's order: Methods, Path (Prefix with FGW's segment
// rule, Exact, Regex unanchored), Headers, QueryParams. `header(name, &found)` returns a header's
// trimmed value (names compare case-insensitively). The data path and the route tester share
// this, so what the tester explains is what the engine does. `failedIndex` receives the index of
// the header or query criterion that failed. Inline: it is on the per-request path.
template<class HeaderLookup>
MatchMiss testMatch(const CompiledMatch &m, QByteArrayView method, QByteArrayView path,
                    QByteArrayView query, HeaderLookup &&header, int *failedIndex = nullptr)
{
    if (!m.methods.empty()) {
        bool ok = false;
        for (const QByteArray &allowed : m.methods)
            ok = ok || QByteArrayView(allowed) == method;
        if (!ok)
            return MatchMiss::Method;
    }
    switch (m.pathType) {
    case CompiledMatch::PathType::Any:
        break;
    case CompiledMatch::PathType::Never:
        return MatchMiss::Path;
    case CompiledMatch::PathType::Exact:
        if (path != QByteArrayView(m.path))
            return MatchMiss::Path;
        break;
    case CompiledMatch::PathType::Prefix:
        // FGW's segment rule: "/path" matches "/path", "/path/", "/path/x", not "/pathx".
        if (!path.startsWith(QByteArrayView(m.path)))
            return MatchMiss::Path;
        if (!m.path.endsWith('/') && path.size() != m.path.size() && path[m.path.size()] != '/')
            return MatchMiss::Path;
        break;
    case CompiledMatch::PathType::Regex:
        if (!m.pathRegex.match(QString::fromUtf8(path)).hasMatch())
            return MatchMiss::Path;
        break;
    }
    for (size_t i = 0; i < m.headers.size(); ++i) {
        bool found = false;
        const QByteArrayView v = header(m.headers[i].name, &found);
        if (!valueMatches(m.headers[i], v, found)) {
            if (failedIndex)
                *failedIndex = int(i);
            return MatchMiss::Header;
        }
    }
    for (size_t i = 0; i < m.queryParams.size(); ++i) {
        bool found = false;
        const QByteArrayView v = queryParam(query, QByteArrayView(m.queryParams[i].name), &found);
        if (!valueMatches(m.queryParams[i], v, found)) {
            if (failedIndex)
                *failedIndex = int(i);
            return MatchMiss::QueryParam;
        }
    }
    return MatchMiss::None;
}

struct CompiledHost
{
    QByteArray name; // exact host (lower case), or the suffix of a wildcard ("" for "*")
    bool wildcard = false;
    std::vector<CompiledMatch> matches;
};

struct CompiledListener
{
    int port = 0;     // logical port: the RouteRules key
    int bindPort = 0; // Listen, else Port
    QHostAddress bindAddress = QHostAddress(QHostAddress::AnyIPv4);
    QString protocol;
    bool supported = true; // HTTP only for now
    uint64_t bindId = 0;   // (IPv4 address << 16) | bind port: what a listening socket knows
    // FGW's Chains: a step whose module is absent from the listener's chain does not run.
    bool chainCodec = true;     // http/codec.js: without it nothing is parsed or answered
    bool chainRoute = true;     // http/route.js
    bool chainService = true;   // http/service.js: static roots and service choice
    bool chainForward = true;   // http/forward.js
    bool chainAccessLog = true; // http/access-log.js: AccessLog files
    std::vector<CompiledHost> exactHosts;
    std::vector<CompiledHost> wildcardHosts; // config order: first match wins
    QString bindKey() const { return bindAddress.toString() + u':' + QString::number(bindPort); }
};

// A config compiled for the data path: immutable once built, shared by every worker through a
// shared_ptr. Regexes compile here, hosts and services resolve to indexes, endpoint addresses
// resolve to sockaddrs, so a request never compiles, resolves or looks anything up by name.
//
// Built on the controller's thread; read concurrently by workers. Only the HealthTable it
// points to changes afterwards (atomics).
class CompiledConfig
{
public:
    struct Result
    {
        std::shared_ptr<const CompiledConfig> config; // null on error
        QString error;
        QStringList notActive; // configured features the engine does not run (yet)
    };
    // configDir resolves relative ServerRoot values (static/<ServerRoot> beside the config).
    static Result compile(const JsonDocument &doc, const QString &configDir);

    std::vector<CompiledListener> listeners;
    std::vector<CompiledService> services;
    QStringList routeNames;
    // Where each route (by routeId) is written: its Match object in the config text that was
    // compiled (byte offset and length, 1-based line), so a request can lead to its rule.
    struct RouteLocation
    {
        quint32 offset = 0;
        quint32 length = 0;
        int line = 0;
    };
    std::vector<RouteLocation> routeLocations;
    // FGW's AccessLog (cascade Match, domain, Configs): distinct file paths (relative ones
    // resolved beside the config), the file of each route (-1: none), and the file of requests
    // no route took (Configs' AccessLog).
    QStringList accessLogFiles;
    std::vector<int> routeAccessLog;
    int unroutedAccessLog = -1;
    std::shared_ptr<HealthTable> health;
    quint64 generation = 0; // increases with every compile in this process

    int idleTimeoutMs = 60000; // SocketTimeout, else Pipy's 60 s idle default
    int ioTimeoutMs = 0;       // SocketTimeout: connect/read/write; 0 = none
    bool http1PerRequestLoadBalancing = false;
    bool stripAnyHostPort = false;

    const CompiledListener *listenerForPort(int port) const;
    // Host routing for one listener: exact, then wildcard suffix in config order, then (with
    // StripAnyHostPort) the same without ":port". host must be lower case already.
    const CompiledHost *findHost(const CompiledListener &l, QByteArrayView host) const;
};

} // namespace Gatehouse::Core
