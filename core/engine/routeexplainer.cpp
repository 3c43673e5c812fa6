#include "routeexplainer.h"

#include "compiledconfig.h"

#include <QCoreApplication>

namespace Gatehouse::Core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::RouteExplainer)
};

QString matchSubject(const CompiledMatch &m, int number)
{
    QString what;
    switch (m.pathType) {
    case CompiledMatch::PathType::Any: what = Tr::tr("any path"); break;
    case CompiledMatch::PathType::Never: what = Tr::tr("unknown path type"); break;
    case CompiledMatch::PathType::Exact: what = QStringLiteral("Exact ") + QString::fromUtf8(m.path); break;
    case CompiledMatch::PathType::Prefix: what = QStringLiteral("Prefix ") + QString::fromUtf8(m.path); break;
    case CompiledMatch::PathType::Regex: what = QStringLiteral("Regex ") + QString::fromUtf8(m.path); break;
    }
    return Tr::tr("match #%1 (%2)").arg(number).arg(what);
}

QString missReason(const CompiledMatch &m, MatchMiss miss, int failed, const QByteArray &method, const QByteArray &path)
{
    switch (miss) {
    case MatchMiss::None:
        return Tr::tr("takes the request");
    case MatchMiss::Method: {
        QStringList allowed;
        for (const QByteArray &a : m.methods)
            allowed << QString::fromUtf8(a);
        return Tr::tr("method %1 is not one of %2").arg(QString::fromUtf8(method), allowed.join(QStringLiteral(", ")));
    }
    case MatchMiss::Path:
        switch (m.pathType) {
        case CompiledMatch::PathType::Exact:
            return Tr::tr("path %1 is not exactly %2").arg(QString::fromUtf8(path), QString::fromUtf8(m.path));
        case CompiledMatch::PathType::Prefix:
            return path.startsWith(m.path)
                       ? Tr::tr("%1 starts with %2 but not at a segment boundary (FGW: \"/path\" matches \"/path/x\", not \"/pathx\")")
                             .arg(QString::fromUtf8(path), QString::fromUtf8(m.path))
                       : Tr::tr("path %1 does not start with %2").arg(QString::fromUtf8(path), QString::fromUtf8(m.path));
        case CompiledMatch::PathType::Regex:
            return Tr::tr("path %1 does not match the regular expression %2").arg(QString::fromUtf8(path), QString::fromUtf8(m.path));
        case CompiledMatch::PathType::Never:
            return Tr::tr("its Path.Type is unknown, so FGW never matches it");
        case CompiledMatch::PathType::Any:
            break;
        }
        return {};
    case MatchMiss::Header: {
        const ValueMatcher &h = m.headers[size_t(failed)];
        return h.isRegex ? Tr::tr("header %1 does not match %2").arg(QString::fromUtf8(h.name), h.regex.pattern())
                         : Tr::tr("header %1 is not \"%2\"").arg(QString::fromUtf8(h.name), QString::fromUtf8(h.exact));
    }
    case MatchMiss::QueryParam: {
        const ValueMatcher &q = m.queryParams[size_t(failed)];
        return q.isRegex ? Tr::tr("query parameter %1 does not match %2").arg(QString::fromUtf8(q.name), q.regex.pattern())
                         : Tr::tr("query parameter %1 is not \"%2\"").arg(QString::fromUtf8(q.name), QString::fromUtf8(q.exact));
    }
    }
    return {};
}

} // namespace

RouteExplanation RouteExplainer::explain(const CompiledConfig &config, int port, const QByteArray &method,
                                         const QByteArray &target, const Headers &headers)
{
    RouteExplanation out;
    auto step = [&out](RouteStep::Level level, bool taken, QString subject, QString reason) {
        out.steps.append(RouteStep{level, taken, std::move(subject), std::move(reason)});
    };
    auto header = [&headers](QByteArrayView name, bool *found) -> QByteArrayView {
        *found = false;
        for (const auto &[n, v] : headers) {
            if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0) {
                *found = true;
                return QByteArrayView(v).trimmed();
            }
        }
        return {};
    };

    // 1. Listener
    const CompiledListener *listener = config.listenerForPort(port);
    if (!listener) {
        step(RouteStep::Level::Listener, false, Tr::tr("listener :%1").arg(port), Tr::tr("no listener has \"Port\": %1").arg(port));
        out.outcome = Tr::tr("Nothing listens there: the connection is refused.");
        return out;
    }
    out.bindPort = listener->bindPort;
    step(RouteStep::Level::Listener, true, Tr::tr("listener :%1").arg(port),
         Tr::tr("%1, bound to %2").arg(listener->protocol, listener->bindKey()));

    // 2. Host, as CompiledConfig::findHost looks it up, recording each candidate.
    bool hasHost = false;
    const QByteArray hostHeader = header("host", &hasHost).toByteArray().toLower();
    if (!hasHost || hostHeader.isEmpty()) {
        step(RouteStep::Level::Host, false, Tr::tr("host"), Tr::tr("the request has no Host header, which never matches"));
        out.outcome = Tr::tr("404 Not found");
        return out;
    }
    const CompiledHost *host = nullptr;
    QByteArrayView lookup = hostHeader;
    for (int pass = 0; pass < 2 && !host; ++pass) {
        for (const CompiledHost &h : listener->exactHosts) {
            if (lookup == QByteArrayView(h.name)) {
                host = &h;
                step(RouteStep::Level::Host, true, Tr::tr("host %1").arg(QString::fromUtf8(h.name)),
                     Tr::tr("equals %1").arg(QString::fromUtf8(lookup)));
                break;
            }
        }
        for (size_t i = 0; !host && i < listener->wildcardHosts.size(); ++i) {
            const CompiledHost &h = listener->wildcardHosts[i];
            const QString name = QStringLiteral("*") + QString::fromUtf8(h.name);
            if (lookup.endsWith(QByteArrayView(h.name))) {
                host = &h;
                step(RouteStep::Level::Host, true, Tr::tr("host %1").arg(name),
                     h.name.isEmpty() ? Tr::tr("matches every host") : Tr::tr("%1 ends with %2").arg(QString::fromUtf8(lookup), QString::fromUtf8(h.name)));
            } else {
                step(RouteStep::Level::Host, false, Tr::tr("host %1").arg(name),
                     Tr::tr("%1 does not end with %2").arg(QString::fromUtf8(lookup), QString::fromUtf8(h.name)));
            }
        }
        if (host || !config.stripAnyHostPort || pass == 1)
            break;
        const qsizetype colon = lookup.lastIndexOf(':');
        if (colon < 0 || lookup.endsWith(']'))
            break;
        lookup = lookup.first(colon);
        step(RouteStep::Level::Host, false, Tr::tr("StripAnyHostPort"), Tr::tr("no host matched; trying %1 without its port").arg(QString::fromUtf8(lookup)));
    }
    if (!host) {
        if (listener->exactHosts.empty() && listener->wildcardHosts.empty())
            step(RouteStep::Level::Host, false, Tr::tr("host"), Tr::tr("RouteRules has no hosts for port %1").arg(port));
        else if (!listener->exactHosts.empty())
            step(RouteStep::Level::Host, false, Tr::tr("exact hosts"), Tr::tr("none is %1 (the Host header, with its port)").arg(QString::fromUtf8(hostHeader)));
        out.outcome = Tr::tr("404 Not found");
        return out;
    }

    // 3. Matches, in order; the first that takes the request wins.
    const qsizetype q = target.indexOf('?');
    const QByteArray path = q < 0 ? target : target.first(q);
    QByteArray query = q < 0 ? QByteArray() : target.sliced(q + 1);
    if (const qsizetype hash = query.indexOf('#'); hash >= 0)
        query.truncate(hash);
    const CompiledMatch *match = nullptr;
    for (size_t i = 0; i < host->matches.size(); ++i) {
        const CompiledMatch &m = host->matches[i];
        int failed = -1;
        const MatchMiss miss = testMatch(m, method, path, query, header, &failed);
        step(RouteStep::Level::Match, miss == MatchMiss::None, matchSubject(m, int(i) + 1),
             missReason(m, miss, failed, method, path));
        if (miss == MatchMiss::None) {
            match = &m;
            break;
        }
    }
    if (!match) {
        out.outcome = Tr::tr("404 Not found: no match takes it");
        return out;
    }
    out.routed = true;

    // 4. Static root, or the weighted services and their endpoints.
    if (match->staticFiles) {
        step(RouteStep::Level::Static, true, Tr::tr("static files"), Tr::tr("served from the match's ServerRoot"));
        out.outcome = Tr::tr("Served as a static file.");
        return out;
    }
    if (match->backends.empty()) {
        out.outcome = Tr::tr("404 Not found: the match names no service with a weight above 0");
        return out;
    }
    bool cookieFound = false;
    const QByteArrayView cookie = header("cookie", &cookieFound);
    QStringList destinations;
    for (const auto &[serviceIndex, weight] : match->backends) {
        const CompiledService &svc = config.services[size_t(serviceIndex)];
        const double share = 100.0 * weight / qMax(1, match->totalBackendWeight);
        step(RouteStep::Level::Service, true, Tr::tr("service %1").arg(svc.name),
             Tr::tr("weight %1: %2% of the requests").arg(weight).arg(share, 0, 'f', 0));
        int pinned = -1;
        if (svc.sticky && cookieFound)
            pinned = svc.sticky->endpointForCookieHeader(std::string_view(cookie.data(), size_t(cookie.size())));
        int usable = 0;
        for (size_t e = 0; e < svc.endpoints.size(); ++e) {
            const CompiledEndpoint &ep = svc.endpoints[e];
            const bool healthy = !config.health || config.health->isUsable(svc.firstTarget + int(e));
            usable += healthy && ep.weight > 0 ? 1 : 0;
            QString reason = ep.weight == 0 ? Tr::tr("backup (weight 0): used only when no other endpoint can be")
                                            : Tr::tr("weight %1").arg(ep.weight);
            if (!healthy)
                reason = Tr::tr("unhealthy: skipped");
            if (int(e) == pinned)
                reason += u' ' + (healthy ? Tr::tr("- the sticky cookie pins the request here")
                                          : Tr::tr("- the sticky cookie names it, but it is unhealthy: another endpoint is chosen and a new cookie issued"));
            step(RouteStep::Level::Endpoint, healthy && (pinned < 0 || int(e) == pinned || ep.weight > 0), ep.key, reason);
        }
        destinations << (pinned >= 0 && config.health && config.health->isUsable(svc.firstTarget + pinned)
                             ? svc.endpoints[size_t(pinned)].key
                             : Tr::tr("%1 (%n usable endpoint(s))", nullptr, usable).arg(svc.name));
    }
    out.outcome = Tr::tr("Proxied to %1.").arg(destinations.join(QStringLiteral(", ")));
    return out;
}

} // namespace Gatehouse::Core
