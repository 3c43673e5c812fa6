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
    bool chainCodec = true;   // http/codec.js: without it nothing is parsed or answered
    bool chainRoute = true;   // http/route.js
    bool chainService = true; // http/service.js: static roots and service choice
    bool chainForward = true; // http/forward.js
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
