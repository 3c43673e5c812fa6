#include "configdiff.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace Gatehouse::Core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::ConfigDiff)
};

using Change = ConfigDiff::Change;
using Kind = ConfigDiff::Kind;
using Area = ConfigDiff::Area;

// A value as a person would type it, shortened so a sentence stays one line.
QString show(const JsonValue &v)
{
    if (!v.isValid())
        return Tr::tr("(unset)");
    QString text
        = v.isString()
              ? v.toString()
              : QString::fromUtf8(JsonDocument::serialize(v, JsonDocument::Format::Compact));
    if (text.size() > 48)
        text = text.left(45) + QStringLiteral("...");
    return text;
}

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

QString showList(const QList<int> &values)
{
    QStringList parts;
    for (int v : values)
        parts << QString::number(v);
    return parts.join(QStringLiteral(", "));
}

// Accumulates changes; `prefix` makes the sentence ("service web: ...").
class Collector
{
public:
    QList<Change> changes;

    void add(Kind kind, Area area, const QString &subject, const QString &sentence)
    {
        changes.append({kind, area, subject, sentence});
    }

    // Member-by-member comparison of two JSON objects for blocks the diff does not model in
    // detail (Configs, Match options, endpoint extras). `skip` lists members compared elsewhere.
    void compareMembers(const JsonValue &before,
                        const JsonValue &after,
                        Area area,
                        const QString &subject,
                        const QString &prefix,
                        const QStringList &skip = {})
    {
        QStringList keys;
        QMap<QString, JsonValue> left, right;
        const auto collect = [&](const JsonValue &object, QMap<QString, JsonValue> &into) {
            if (!object.isObject())
                return;
            for (const JsonValue m : object) {
                const QString key = m.key();
                if (skip.contains(key))
                    continue;
                if (!keys.contains(key))
                    keys << key;
                into.insert(key, m);
            }
        };
        collect(after, right);
        collect(before, left);
        for (const QString &key : std::as_const(keys)) {
            const JsonValue b = left.value(key);
            const JsonValue a = right.value(key);
            const QString sub = subject + QLatin1Char('/') + key;
            if (!b.isValid()) {
                // A block too long to show in a sentence is just named.
                if ((a.isObject() || a.isArray())
                    && JsonDocument::serialize(a, JsonDocument::Format::Compact).size() > 48)
                    add(Kind::Added, area, sub, Tr::tr("%1: %2 added").arg(prefix, key));
                else
                    add(Kind::Added, area, sub,
                        Tr::tr("%1: %2 set to %3").arg(prefix, key, show(a)));
            } else if (!a.isValid()) {
                add(Kind::Removed, area, sub, Tr::tr("%1: %2 removed").arg(prefix, key));
            } else if (!jsonEqual(a, b)) {
                if (a.isObject() || a.isArray() || b.isObject() || b.isArray())
                    add(Kind::Changed, area, sub, Tr::tr("%1: %2 changed").arg(prefix, key));
                else
                    add(Kind::Changed, area, sub,
                        Tr::tr("%1: %2 %3 -> %4").arg(prefix, key, show(b), show(a)));
            }
        }
    }
};

QString listenerAddress(const ListenerConfig &l)
{
    const QString host = l.bindAddress.toString();
    return host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(host).arg(l.listenPort)
                                           : QStringLiteral("%1:%2").arg(host).arg(l.listenPort);
}

void compareListeners(const Config &before, const Config &after, Collector &out)
{
    // Keyed by the logical port: it is what RouteRules and people refer to.
    QMap<int, const ListenerConfig *> left, right;
    for (const ListenerConfig &l : before.listeners)
        left.insert(l.port, &l);
    for (const ListenerConfig &l : after.listeners)
        right.insert(l.port, &l);
    QList<int> ports = left.keys() + right.keys();
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
    for (int port : std::as_const(ports)) {
        const ListenerConfig *b = left.value(port);
        const ListenerConfig *a = right.value(port);
        const QString subject = QStringLiteral("Listeners/%1").arg(port);
        if (!b) {
            out.add(Kind::Added, Area::Listeners, subject,
                    Tr::tr("new listener %1 (%2)").arg(port).arg(a->protocolName));
            continue;
        }
        if (!a) {
            out.add(Kind::Removed, Area::Listeners, subject,
                    Tr::tr("listener %1 removed").arg(port));
            continue;
        }
        const QString prefix = Tr::tr("listener %1").arg(port);
        if (a->protocolName != b->protocolName)
            out.add(Kind::Changed, Area::Listeners, subject + QStringLiteral("/Protocol"),
                    Tr::tr("%1: protocol %2 -> %3").arg(prefix, b->protocolName, a->protocolName));
        if (listenerAddress(*a) != listenerAddress(*b))
            out.add(Kind::Changed, Area::Listeners, subject + QStringLiteral("/Listen"),
                    Tr::tr("%1: bind address %2 -> %3")
                        .arg(prefix, listenerAddress(*b), listenerAddress(*a)));
        out.compareMembers(
            b->node, a->node, Area::Listeners, subject, prefix,
            {QStringLiteral("Protocol"), QStringLiteral("Port"), QStringLiteral("Listen")});
    }
}

// --- Routes ---

QString matchLabel(const RouteMatch &m)
{
    QString label;
    if (m.grpcMethod) {
        label = Tr::tr("gRPC %1/%2")
                    .arg(m.grpcMethod->service.value_or(QStringLiteral("*")),
                         m.grpcMethod->method.value_or(QStringLiteral("*")));
    } else if (m.path) {
        label = QStringLiteral("%1 %2").arg(m.path->typeName, m.path->path);
    } else {
        label = Tr::tr("any path");
    }
    if (!m.methods.isEmpty())
        label += QStringLiteral(" [%1]").arg(m.methods.join(QStringLiteral(", ")));
    if (m.headers)
        label += Tr::tr(" with headers %1").arg(show(m.headers->node));
    if (m.queryParams)
        label += Tr::tr(" with query %1").arg(show(m.queryParams->node));
    return label;
}

QString describeTarget(const RouteMatch &m)
{
    if (m.serverRoot)
        return Tr::tr("files in %1").arg(*m.serverRoot);
    QStringList services;
    for (const BackendRef &b : m.backends)
        services << b.service;
    return services.isEmpty() ? Tr::tr("nothing") : services.join(QStringLiteral(", "));
}

void compareMatch(const RouteMatch &b,
                  const RouteMatch &a,
                  const QString &subject,
                  const QString &prefix,
                  Collector &out)
{
    if (b.serverRoot != a.serverRoot) {
        out.add(Kind::Changed, Area::Routes, subject + QStringLiteral("/target"),
                Tr::tr("%1: serves %2 instead of %3")
                    .arg(prefix, describeTarget(a), describeTarget(b)));
    } else if (!a.serverRoot) {
        QMap<QString, const BackendRef *> left, right;
        for (const BackendRef &r : b.backends)
            left.insert(r.service, &r);
        for (const BackendRef &r : a.backends)
            right.insert(r.service, &r);
        for (const BackendRef &r : a.backends) {
            const BackendRef *old = left.value(r.service);
            const QString sub = subject + QStringLiteral("/BackendService/") + r.service;
            if (!old) {
                out.add(Kind::Added, Area::Routes, sub,
                        Tr::tr("%1: service %2 added with weight %3")
                            .arg(prefix, r.service)
                            .arg(r.weight));
                continue;
            }
            if (old->weight != r.weight)
                out.add(Kind::Changed, Area::Routes, sub + QStringLiteral("/Weight"),
                        Tr::tr("%1: service %2 weight %3 -> %4")
                            .arg(prefix, r.service)
                            .arg(old->weight)
                            .arg(r.weight));
            const JsonValue oldFilters = old->node.member(QLatin1StringView("Filters"));
            const JsonValue newFilters = r.node.member(QLatin1StringView("Filters"));
            if (!jsonEqual(oldFilters, newFilters))
                out.add(Kind::Changed, Area::Routes, sub + QStringLiteral("/Filters"),
                        Tr::tr("%1: filters of service %2 changed").arg(prefix, r.service));
        }
        for (const BackendRef &r : b.backends) {
            if (!right.contains(r.service))
                out.add(Kind::Removed, Area::Routes,
                        subject + QStringLiteral("/BackendService/") + r.service,
                        Tr::tr("%1: service %2 removed").arg(prefix, r.service));
        }
    }
    out.compareMembers(b.node, a.node, Area::Routes, subject, prefix,
                       {QStringLiteral("Path"), QStringLiteral("Methods"),
                        QStringLiteral("Headers"), QStringLiteral("QueryParams"),
                        QStringLiteral("Method"), QStringLiteral("BackendService"),
                        QStringLiteral("ServerRoot")});
}

// Matches are identified by what they match, so an edited target reads as a change of that
// route, and a route moved in the list (which changes who wins on FGW) as a reorder.
void compareMatches(const DomainRule &b,
                    const DomainRule &a,
                    const QString &subject,
                    const QString &prefix,
                    Collector &out)
{
    const auto labels = [](const DomainRule &d) {
        QStringList list;
        for (const RouteMatch &m : d.matches) {
            QString label = matchLabel(m);
            for (int n = 2; list.contains(label); ++n)
                label = matchLabel(m) + QStringLiteral(" #%1").arg(n);
            list << label;
        }
        return list;
    };
    const QStringList left = labels(b);
    const QStringList right = labels(a);
    for (int i = 0; i < right.size(); ++i) {
        const QString sub = subject + QStringLiteral("/Matches/") + right[i];
        const int j = left.indexOf(right[i]);
        if (j < 0) {
            out.add(Kind::Added, Area::Routes, sub,
                    Tr::tr("%1: new route %2 -> %3")
                        .arg(prefix, right[i], describeTarget(a.matches[i])));
            continue;
        }
        compareMatch(b.matches[j], a.matches[i], sub, Tr::tr("%1, route %2").arg(prefix, right[i]),
                     out);
    }
    for (int j = 0; j < left.size(); ++j) {
        if (!right.contains(left[j]))
            out.add(Kind::Removed, Area::Routes, subject + QStringLiteral("/Matches/") + left[j],
                    Tr::tr("%1: route %2 removed").arg(prefix, left[j]));
    }
    QStringList keptLeft, keptRight;
    for (const QString &l : left) {
        if (right.contains(l))
            keptLeft << l;
    }
    for (const QString &r : right) {
        if (left.contains(r))
            keptRight << r;
    }
    if (keptLeft != keptRight)
        out.add(Kind::Changed, Area::Routes, subject + QStringLiteral("/Matches"),
                Tr::tr("%1: route order changed (first match wins)").arg(prefix));
}

QString hostLabel(const QStringList &hosts)
{
    return hosts.join(QStringLiteral(", "));
}

void compareWeights(const QList<ServiceWeight> &b,
                    const QList<ServiceWeight> &a,
                    const QString &subject,
                    const QString &prefix,
                    Collector &out)
{
    QMap<QString, qint64> left, right;
    for (const ServiceWeight &w : b)
        left.insert(w.service, w.weight);
    for (const ServiceWeight &w : a)
        right.insert(w.service, w.weight);
    for (const ServiceWeight &w : a) {
        const QString sub = subject + QLatin1Char('/') + w.service;
        if (!left.contains(w.service))
            out.add(
                Kind::Added, Area::Routes, sub,
                Tr::tr("%1: service %2 added with weight %3").arg(prefix, w.service).arg(w.weight));
        else if (left.value(w.service) != w.weight)
            out.add(Kind::Changed, Area::Routes, sub,
                    Tr::tr("%1: service %2 weight %3 -> %4")
                        .arg(prefix, w.service)
                        .arg(left.value(w.service))
                        .arg(w.weight));
    }
    for (const ServiceWeight &w : b) {
        if (!right.contains(w.service))
            out.add(Kind::Removed, Area::Routes, subject + QLatin1Char('/') + w.service,
                    Tr::tr("%1: service %2 removed").arg(prefix, w.service));
    }
}

// The changes of one port, as (subject suffix, sentence after the "port N" prefix) pairs, so
// that identical changes of ports sharing a rule ("8080, 8081") can be told once.
void comparePort(const RouteRule *b,
                 const RouteRule *a,
                 const QString &portSubject,
                 const QString &portLabel,
                 Collector &out)
{
    if (!a) {
        out.add(Kind::Removed, Area::Routes, portSubject,
                Tr::tr("%1: all routes removed").arg(portLabel));
        return;
    }
    static const RouteRule empty;
    if (!b)
        b = &empty;

    // HTTP: domains keyed by their host list as a person reads it.
    QStringList order;
    QMap<QString, const DomainRule *> left, right;
    for (const DomainRule &d : b->domains)
        left.insert(hostLabel(d.hosts), &d);
    for (const DomainRule &d : a->domains) {
        right.insert(hostLabel(d.hosts), &d);
        order << hostLabel(d.hosts);
    }
    for (const QString &host : std::as_const(order)) {
        const DomainRule *db = left.value(host);
        const DomainRule *da = right.value(host);
        const QString subject = portSubject + QLatin1Char('/') + host;
        if (!db) {
            out.add(Kind::Added, Area::Routes, subject,
                    Tr::tr("%1: new host %2").arg(portLabel, host));
            continue;
        }
        const QString prefix = Tr::tr("%1, host %2").arg(portLabel, host);
        compareMatches(*db, *da, subject, prefix, out);
        out.compareMembers(db->node, da->node, Area::Routes, subject, prefix,
                           {QStringLiteral("Matches")});
    }
    for (const DomainRule &d : b->domains) {
        const QString host = hostLabel(d.hosts);
        if (!right.contains(host))
            out.add(Kind::Removed, Area::Routes, portSubject + QLatin1Char('/') + host,
                    Tr::tr("%1: host %2 removed").arg(portLabel, host));
    }

    compareWeights(b->services, a->services, portSubject, portLabel, out);

    QMap<QString, const TlsRoute *> tlsLeft, tlsRight;
    for (const TlsRoute &t : b->tlsRoutes)
        tlsLeft.insert(hostLabel(t.hosts), &t);
    for (const TlsRoute &t : a->tlsRoutes)
        tlsRight.insert(hostLabel(t.hosts), &t);
    for (const TlsRoute &t : a->tlsRoutes) {
        const QString sni = hostLabel(t.hosts);
        const TlsRoute *old = tlsLeft.value(sni);
        const QString subject = portSubject + QLatin1Char('/') + sni;
        if (!old) {
            out.add(Kind::Added, Area::Routes, subject,
                    Tr::tr("%1: new SNI route %2").arg(portLabel, sni));
            continue;
        }
        const QString prefix = Tr::tr("%1, SNI %2").arg(portLabel, sni);
        if (old->passthroughTarget != t.passthroughTarget)
            out.add(Kind::Changed, Area::Routes, subject,
                    Tr::tr("%1: target %2 -> %3")
                        .arg(prefix, old->passthroughTarget.value_or(Tr::tr("(unset)")),
                             t.passthroughTarget.value_or(Tr::tr("(unset)"))));
        compareWeights(old->services, t.services, subject, prefix, out);
    }
    for (const TlsRoute &t : b->tlsRoutes) {
        if (!tlsRight.contains(hostLabel(t.hosts)))
            out.add(Kind::Removed, Area::Routes,
                    portSubject + QLatin1Char('/') + hostLabel(t.hosts),
                    Tr::tr("%1: SNI route %2 removed").arg(portLabel, hostLabel(t.hosts)));
    }
}

void compareRoutes(const Config &before, const Config &after, Collector &out)
{
    QList<int> ports;
    for (const Config *c : {&before, &after}) {
        for (const RouteRule &r : c->routeRules)
            ports += r.ports;
    }
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());

    // Per port first, then ports whose changes read the same are merged ("ports 8080, 8081:").
    struct PortChange
    {
        Change change;
        QString suffix; // subject and sentence without the port part
        QString tail;
        QList<int> ports;
    };
    QList<PortChange> merged;
    const QString marker = QStringLiteral("\x1f");
    for (int port : std::as_const(ports)) {
        Collector one;
        comparePort(before.routeRuleForPort(port), after.routeRuleForPort(port), marker, marker,
                    one);
        for (const Change &c : std::as_const(one.changes)) {
            const QString suffix = c.subject.mid(marker.size());
            const QString tail = c.sentence.mid(marker.size());
            auto it = std::find_if(merged.begin(), merged.end(), [&](const PortChange &m) {
                return m.suffix == suffix && m.tail == tail && m.change.kind == c.kind;
            });
            if (it == merged.end())
                merged.append({c, suffix, tail, {port}});
            else
                it->ports << port;
        }
    }
    for (const PortChange &m : std::as_const(merged)) {
        QStringList names;
        for (int p : m.ports)
            names << QString::number(p);
        const QString list = names.join(QStringLiteral(", "));
        const QString label
            = m.ports.size() == 1 ? Tr::tr("port %1").arg(list) : Tr::tr("ports %1").arg(list);
        out.add(m.change.kind, Area::Routes, QStringLiteral("RouteRules/") + list + m.suffix,
                label + m.tail);
    }
}

// --- Services ---

QString describeProbe(const HealthCheckConfig &h)
{
    return h.isHttpProbe() ? Tr::tr("HTTP GET %1").arg(*h.path) : Tr::tr("TCP connect");
}

QList<int> acceptedStatuses(const HealthCheckConfig &h)
{
    QList<int> codes;
    for (const HealthCheckMatch &m : h.matches)
        codes += m.statusCodes;
    if (h.matches.isEmpty())
        codes << 200;
    return codes;
}

void compareHealthCheck(const Service &b,
                        const Service &a,
                        const QString &subject,
                        const QString &prefix,
                        Collector &out)
{
    const QString sub = subject + QStringLiteral("/HealthCheck");
    if (!b.healthCheck && !a.healthCheck)
        return;
    if (!b.healthCheck) {
        out.add(Kind::Added, Area::Services, sub,
                Tr::tr("%1: health check added (%2 every %3 s, MaxFails %4)")
                    .arg(prefix, describeProbe(*a.healthCheck),
                         number(a.healthCheck->interval.value_or(0)))
                    .arg(a.healthCheck->maxFails));
        return;
    }
    if (!a.healthCheck) {
        out.add(Kind::Removed, Area::Services, sub, Tr::tr("%1: health check removed").arg(prefix));
        return;
    }
    const HealthCheckConfig &hb = *b.healthCheck;
    const HealthCheckConfig &ha = *a.healthCheck;
    const QString p = Tr::tr("%1: health check").arg(prefix);
    if (describeProbe(hb) != describeProbe(ha))
        out.add(Kind::Changed, Area::Services, sub + QStringLiteral("/Path"),
                Tr::tr("%1 probe %2 -> %3").arg(p, describeProbe(hb), describeProbe(ha)));
    const auto seconds = [](const std::optional<double> &v) {
        return v ? Tr::tr("%1 s").arg(number(*v)) : Tr::tr("(unset)");
    };
    if (hb.interval != ha.interval)
        out.add(Kind::Changed, Area::Services, sub + QStringLiteral("/Interval"),
                Tr::tr("%1 interval %2 -> %3").arg(p, seconds(hb.interval), seconds(ha.interval)));
    if (hb.maxFails != ha.maxFails)
        out.add(Kind::Changed, Area::Services, sub + QStringLiteral("/MaxFails"),
                Tr::tr("%1 MaxFails %2 -> %3").arg(p).arg(hb.maxFails).arg(ha.maxFails));
    if (hb.failTimeout != ha.failTimeout)
        out.add(Kind::Changed, Area::Services, sub + QStringLiteral("/FailTimeout"),
                Tr::tr("%1 FailTimeout %2 -> %3")
                    .arg(p, seconds(hb.failTimeout), seconds(ha.failTimeout)));
    if (ha.isHttpProbe() && hb.isHttpProbe()) {
        if (acceptedStatuses(hb) != acceptedStatuses(ha))
            out.add(Kind::Changed, Area::Services, sub + QStringLiteral("/Matches"),
                    Tr::tr("%1 accepted statuses %2 -> %3")
                        .arg(p, showList(acceptedStatuses(hb)), showList(acceptedStatuses(ha))));
        const auto rest = [](const HealthCheckConfig &h) {
            QStringList parts;
            for (const HealthCheckMatch &m : h.matches) {
                parts << m.body.value_or(QString());
                for (const NameValue &nv : m.headers)
                    parts << nv.name + QLatin1Char('=') + nv.value;
            }
            return parts;
        };
        if (rest(hb) != rest(ha))
            out.add(Kind::Changed, Area::Services, sub + QStringLiteral("/Matches"),
                    Tr::tr("%1 body or header rules changed").arg(p));
    }
}

void compareSticky(const Service &b,
                   const Service &a,
                   const QString &subject,
                   const QString &prefix,
                   Collector &out)
{
    const QString sub = subject + QStringLiteral("/StickyCookieName");
    if (!b.stickyCookieName && a.stickyCookieName) {
        out.add(Kind::Added, Area::Services, sub,
                Tr::tr("%1: sticky sessions enabled (cookie %2, %3 s)")
                    .arg(prefix, *a.stickyCookieName)
                    .arg(a.stickyCookieExpires));
        return;
    }
    if (b.stickyCookieName && !a.stickyCookieName) {
        out.add(Kind::Removed, Area::Services, sub,
                Tr::tr("%1: sticky sessions disabled").arg(prefix));
        return;
    }
    if (!a.stickyCookieName)
        return;
    if (*b.stickyCookieName != *a.stickyCookieName)
        out.add(Kind::Changed, Area::Services, sub,
                Tr::tr("%1: sticky cookie %2 -> %3")
                    .arg(prefix, *b.stickyCookieName, *a.stickyCookieName));
    if (b.stickyCookieExpires != a.stickyCookieExpires)
        out.add(Kind::Changed, Area::Services, subject + QStringLiteral("/StickyCookieExpires"),
                Tr::tr("%1: sticky cookie lifetime %2 s -> %3 s")
                    .arg(prefix)
                    .arg(b.stickyCookieExpires)
                    .arg(a.stickyCookieExpires));
}

QString algorithmName(const Service &s)
{
    if (s.algorithmName)
        return *s.algorithmName;
    switch (s.algorithm) {
    case LoadBalancingAlgorithm::RoundRobin:
        return QStringLiteral("RoundRobinLoadBalancer");
    case LoadBalancingAlgorithm::Hashing:
        return QStringLiteral("HashingLoadBalancer");
    case LoadBalancingAlgorithm::LeastConnection:
        return QStringLiteral("LeastConnectionLoadBalancer");
    case LoadBalancingAlgorithm::Other:
        break;
    }
    return {};
}

QString weightText(const std::optional<qint64> &w)
{
    return w ? QString::number(*w) : Tr::tr("(unset)");
}

void compareService(const Service &b, const Service &a, Collector &out)
{
    const QString subject = QStringLiteral("Services/") + a.name;
    const QString prefix = Tr::tr("service %1").arg(a.name);

    QMap<QString, const Endpoint *> left, right;
    for (const Endpoint &e : b.endpoints)
        left.insert(e.address, &e);
    for (const Endpoint &e : a.endpoints)
        right.insert(e.address, &e);
    for (const Endpoint &e : a.endpoints) {
        const QString sub = subject + QStringLiteral("/Endpoints/") + e.address;
        const Endpoint *old = left.value(e.address);
        if (!old) {
            out.add(Kind::Added, Area::Services, sub,
                    Tr::tr("%1: endpoint %2 added with weight %3")
                        .arg(prefix, e.address, weightText(e.weight)));
            continue;
        }
        if (old->weight != e.weight)
            out.add(Kind::Changed, Area::Services, sub + QStringLiteral("/Weight"),
                    Tr::tr("%1: endpoint %2 weight %3 -> %4")
                        .arg(prefix, e.address, weightText(old->weight), weightText(e.weight)));
        out.compareMembers(old->node, e.node, Area::Services, sub,
                           Tr::tr("%1: endpoint %2").arg(prefix, e.address),
                           {QStringLiteral("Weight")});
    }
    for (const Endpoint &e : b.endpoints) {
        if (!right.contains(e.address))
            out.add(Kind::Removed, Area::Services,
                    subject + QStringLiteral("/Endpoints/") + e.address,
                    Tr::tr("%1: endpoint %2 removed").arg(prefix, e.address));
    }

    if (algorithmName(b) != algorithmName(a))
        out.add(Kind::Changed, Area::Services, subject + QStringLiteral("/Algorithm"),
                Tr::tr("%1: algorithm %2 -> %3").arg(prefix, algorithmName(b), algorithmName(a)));
    compareSticky(b, a, subject, prefix, out);
    compareHealthCheck(b, a, subject, prefix, out);

    // The remaining blocks are compared as the JSON FGW reads (the model keeps their nodes);
    // their names are FGW's keys, which is what a reader of the config knows them by.
    const auto block = [&](const char *key, const JsonValue &before, const JsonValue &after) {
        const QString name = QString::fromLatin1(key);
        const QString sub = subject + QLatin1Char('/') + name;
        if (!before.isValid() && after.isValid())
            out.add(Kind::Added, Area::Services, sub, Tr::tr("%1: %2 added").arg(prefix, name));
        else if (before.isValid() && !after.isValid())
            out.add(Kind::Removed, Area::Services, sub, Tr::tr("%1: %2 removed").arg(prefix, name));
        else if (!jsonEqual(before, after))
            out.add(Kind::Changed, Area::Services, sub, Tr::tr("%1: %2 changed").arg(prefix, name));
    };
    const auto nodeOf = [](const auto &ptr) { return ptr ? ptr->node : JsonValue(); };
    block("CircuitBreaking", nodeOf(b.circuitBreaking), nodeOf(a.circuitBreaking));
    block("Retry", nodeOf(b.retry), nodeOf(a.retry));
    block("UpstreamCert", nodeOf(b.upstreamCert), nodeOf(a.upstreamCert));
    block("Plugins", b.plugins, a.plugins);
    if (b.mtls != a.mtls)
        out.add(Kind::Changed, Area::Services, subject + QStringLiteral("/MTLS"),
                a.mtls ? Tr::tr("%1: upstream mTLS enabled").arg(prefix)
                       : Tr::tr("%1: upstream mTLS disabled").arg(prefix));
    if (b.maxRequestsPerConnection != a.maxRequestsPerConnection)
        out.add(Kind::Changed, Area::Services,
                subject + QStringLiteral("/MaxRequestsPerConnection"),
                Tr::tr("%1: MaxRequestsPerConnection %2 -> %3")
                    .arg(prefix, weightText(b.maxRequestsPerConnection),
                         weightText(a.maxRequestsPerConnection)));
}

// "a, b, c" or "a, b, c and 7 more": a new service is recognised by its addresses.
QString addresses(const Service &s)
{
    QStringList list;
    for (const Endpoint &e : s.endpoints) {
        if (list.size() == 3)
            break;
        list << e.address;
    }
    if (list.isEmpty())
        return Tr::tr("(none)");
    const qsizetype more = s.endpoints.size() - list.size();
    return more > 0 ? Tr::tr("%1 and %2 more").arg(list.join(QStringLiteral(", "))).arg(more)
                    : list.join(QStringLiteral(", "));
}

void compareServices(const Config &before, const Config &after, Collector &out)
{
    QHash<QString, const Service *> left, right;
    for (const Service &s : before.services)
        left.insert(s.name, &s);
    for (const Service &s : after.services)
        right.insert(s.name, &s);
    QSet<QString> seen;
    for (const Service &s : after.services) {
        if (seen.contains(s.name))
            continue;
        seen.insert(s.name);
        const Service *a = right.value(s.name); // the last definition wins, as on FGW
        const Service *b = left.value(s.name);
        if (!b)
            out.add(Kind::Added, Area::Services, QStringLiteral("Services/") + s.name,
                    Tr::tr("new service %1 with endpoints %2").arg(s.name, addresses(*a)));
        else
            compareService(*b, *a, out);
    }
    for (const Service &s : before.services) {
        if (!right.contains(s.name) && !seen.contains(s.name)) {
            seen.insert(s.name);
            out.add(Kind::Removed, Area::Services, QStringLiteral("Services/") + s.name,
                    Tr::tr("service %1 removed").arg(s.name));
        }
    }
}

void compareChains(const Config &before, const Config &after, Collector &out)
{
    QStringList names;
    for (const Config *c : {&after, &before}) {
        for (const Chain &ch : c->chains) {
            if (!names.contains(ch.name))
                names << ch.name;
        }
    }
    for (const QString &name : std::as_const(names)) {
        const Chain *b = before.chain(name);
        const Chain *a = after.chain(name);
        const QString subject = QStringLiteral("Chains/") + name;
        if (!b) {
            out.add(Kind::Added, Area::Chains, subject, Tr::tr("new chain %1").arg(name));
            continue;
        }
        if (!a) {
            out.add(Kind::Removed, Area::Chains, subject, Tr::tr("chain %1 removed").arg(name));
            continue;
        }
        QStringList left, right;
        for (const ChainModule &m : b->modules)
            left << m.path;
        for (const ChainModule &m : a->modules)
            right << m.path;
        for (const QString &m : std::as_const(right)) {
            if (!left.contains(m))
                out.add(Kind::Added, Area::Chains, subject + QLatin1Char('/') + m,
                        Tr::tr("chain %1: module %2 added").arg(name, m));
        }
        for (const QString &m : std::as_const(left)) {
            if (!right.contains(m))
                out.add(Kind::Removed, Area::Chains, subject + QLatin1Char('/') + m,
                        Tr::tr("chain %1: module %2 removed").arg(name, m));
        }
        QStringList keptLeft, keptRight;
        for (const QString &m : std::as_const(left)) {
            if (right.contains(m))
                keptLeft << m;
        }
        for (const QString &m : std::as_const(right)) {
            if (left.contains(m))
                keptRight << m;
        }
        if (keptLeft != keptRight)
            out.add(Kind::Changed, Area::Chains, subject,
                    Tr::tr("chain %1: module order changed").arg(name));
    }
}

void compareOther(const Config &before, const Config &after, Collector &out)
{
    const auto nodeOf
        = [](const std::optional<CertificateConfig> &c) { return c ? c->node : JsonValue(); };
    const JsonValue cb = nodeOf(before.certificate), ca = nodeOf(after.certificate);
    if (!cb.isValid() && ca.isValid())
        out.add(Kind::Added, Area::Other, QStringLiteral("Certificate"),
                Tr::tr("global certificate added"));
    else if (cb.isValid() && !ca.isValid())
        out.add(Kind::Removed, Area::Other, QStringLiteral("Certificate"),
                Tr::tr("global certificate removed"));
    else if (!jsonEqual(cb, ca))
        out.add(Kind::Changed, Area::Other, QStringLiteral("Certificate"),
                Tr::tr("global certificate changed"));

    const JsonValue consumersBefore = before.node.member(QLatin1StringView("Consumers"));
    const JsonValue consumersAfter = after.node.member(QLatin1StringView("Consumers"));
    if (!jsonEqual(consumersBefore, consumersAfter))
        out.add(Kind::Changed, Area::Other, QStringLiteral("Consumers"),
                Tr::tr("consumers changed (%1 -> %2)")
                    .arg(before.consumers.size())
                    .arg(after.consumers.size()));
    if (before.version != after.version)
        out.add(Kind::Changed, Area::Other, QStringLiteral("Version"),
                Tr::tr("Version %1 -> %2")
                    .arg(before.version.value_or(Tr::tr("(unset)")),
                         after.version.value_or(Tr::tr("(unset)"))));
}

} // namespace

QList<ConfigDiff::Change> ConfigDiff::compare(const Config &before, const Config &after)
{
    Collector out;
    out.compareMembers(before.configs.node, after.configs.node, Area::Configs,
                       QStringLiteral("Configs"), QStringLiteral("Configs"));
    compareListeners(before, after, out);
    compareRoutes(before, after, out);
    compareServices(before, after, out);
    compareChains(before, after, out);
    compareOther(before, after, out);
    return out.changes;
}

QString ConfigDiff::summary(const QList<Change> &changes)
{
    if (changes.isEmpty())
        return Tr::tr("No changes: the new config behaves like the current one.");
    int added = 0, removed = 0, changed = 0;
    QList<Area> areas;
    for (const Change &c : changes) {
        added += c.kind == Kind::Added;
        removed += c.kind == Kind::Removed;
        changed += c.kind == Kind::Changed;
        if (!areas.contains(c.area))
            areas << c.area;
    }
    std::sort(areas.begin(), areas.end());
    QStringList areaNames;
    for (Area area : std::as_const(areas)) {
        switch (area) {
        case Area::Configs:
            areaNames << Tr::tr("global options");
            break;
        case Area::Listeners:
            areaNames << Tr::tr("listeners");
            break;
        case Area::Routes:
            areaNames << Tr::tr("routes");
            break;
        case Area::Services:
            areaNames << Tr::tr("services");
            break;
        case Area::Chains:
            areaNames << Tr::tr("chains");
            break;
        case Area::Other:
            areaNames << Tr::tr("certificates, consumers and version");
            break;
        }
    }
    QString where = areaNames.takeLast();
    if (!areaNames.isEmpty())
        where = Tr::tr("%1 and %2").arg(areaNames.join(QStringLiteral(", ")), where);
    QStringList counts;
    if (added)
        counts << Tr::tr("%1 added").arg(added);
    if (removed)
        counts << Tr::tr("%1 removed").arg(removed);
    if (changed)
        counts << Tr::tr("%1 modified").arg(changed);
    // Counts sit after a colon as "N added", which reads right for every N without plurals.
    return Tr::tr("Changes in %1: %2.").arg(where, counts.join(QStringLiteral(", ")));
}

} // namespace Gatehouse::Core
