#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace Gatehouse::Core {

class CompiledConfig;

// One step of routing a request: a candidate at one level (listener, host, match, service,
// endpoint), whether it took the request, and why (not).
struct RouteStep
{
    enum class Level : quint8 { Listener, Host, Match, Static, Service, Endpoint };
    Level level = Level::Listener;
    bool taken = false;
    QString subject; // "listener :8000", "host *.example.com", "match #2 Prefix /api", ...
    QString reason;  // a sentence a person understands
};

struct RouteExplanation
{
    QList<RouteStep> steps;
    bool routed = false; // a match took it (static root or services)
    int bindPort = 0;    // where the listener can be reached, for sending the request for real
    QString outcome;     // one sentence: where the request goes, or what the client gets
};

// Explains how the engine routes a request, with the engine's own compiled tables and match
// test (testMatch), so the answer is what the engine does: listener by port, host (exact, then
// wildcards in config order, then without ":port" with StripAnyHostPort), Matches in order with
// the reason each earlier one missed, the weighted services, and their endpoints with health and
// sticky-cookie pinning. Reads the config's health table (lock-free); call from any thread.
class RouteExplainer
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    // `target` is the request target (path and query); header names in any case.
    static RouteExplanation explain(const CompiledConfig &config, int port, const QByteArray &method,
                                    const QByteArray &target, const Headers &headers);
};

} // namespace Gatehouse::Core
