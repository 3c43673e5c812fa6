#include "compiledconfig.h"

#include "config/jsondocument.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QHostInfo>
#include <QMutex>

#include <arpa/inet.h>

namespace Gatehouse::Core {

namespace {

using namespace Qt::StringLiterals;

// Stable small integers for upstream addresses, shared by all configs of the process, so
// per-worker upstream pools (indexed by id) survive reloads. Guarded by s_addressLock.
QMutex s_addressLock;
QHash<QString, int> s_addressIds;

int addressIdFor(const QString &key)
{
    QMutexLocker lock(&s_addressLock);
    auto it = s_addressIds.constFind(key);
    if (it != s_addressIds.constEnd())
        return it.value();
    const int id = int(s_addressIds.size());
    s_addressIds.insert(key, id);
    return id;
}

// The first defined value along Match -> domain -> Configs (FGW's cascade: whole value, no merge).
JsonValue cascade(const JsonValue &match,
                  const JsonValue &domain,
                  const JsonValue &configs,
                  QLatin1StringView key)
{
    for (const JsonValue &level : {match, domain, configs}) {
        const JsonValue v = level.member(key);
        if (v.isValid() && !v.isNull())
            return v;
    }
    return {};
}

// FGW's ClientMaxBodySize: a number, or a string with a k/m suffix; negative becomes 0.
qint64 parseSize(const JsonValue &v, qint64 fallback)
{
    if (!v.isValid())
        return fallback;
    if (v.isNumber())
        return qMax<qint64>(0, v.toInt64());
    if (!v.isString())
        return fallback;
    QString s = v.toString().trimmed().toLower();
    qint64 unit = 1;
    if (s.endsWith(u'k')) {
        unit = 1024;
        s.chop(1);
    } else if (s.endsWith(u'm')) {
        unit = 1024 * 1024;
        s.chop(1);
    }
    bool ok = false;
    const double n = s.toDouble(&ok);
    return ok ? qMax<qint64>(0, qint64(n * double(unit))) : fallback;
}

bool parseHostPort(const QString &key, QString *host, int *port)
{
    const qsizetype colon = key.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    bool ok = false;
    *port = key.mid(colon + 1).toInt(&ok);
    *host = key.left(colon);
    if (host->startsWith(u'[') && host->endsWith(u']'))
        *host = host->mid(1, host->size() - 2);
    return ok && *port > 0 && *port < 65536;
}

std::optional<sockaddr_in> resolve(const QString &host, int port)
{
    QHostAddress address;
    if (!address.setAddress(host)) {
        const QHostInfo info = QHostInfo::fromName(host);
        for (const QHostAddress &a : info.addresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                address = a;
                break;
            }
        }
    }
    if (address.protocol() != QAbstractSocket::IPv4Protocol)
        return std::nullopt; // IPv6 upstreams: not yet
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(quint16(port));
    sa.sin_addr.s_addr = htonl(address.toIPv4Address());
    return sa;
}

void compileValueMatchers(const JsonValue &spec,
                          bool lowerNames,
                          std::vector<ValueMatcher> *out,
                          bool *never)
{
    if (!spec.isObject())
        return;
    for (const JsonValue &kind : spec) {
        const bool exact = kind.keyEquals("Exact"_L1);
        const bool regex = kind.keyEquals("Regex"_L1);
        if (!exact && !regex) {
            *never = true; // FGW: any other type key never matches
            continue;
        }
        for (const JsonValue &entry : kind) {
            ValueMatcher m;
            m.name = lowerNames ? entry.key().toLower().toUtf8() : entry.key().toUtf8();
            m.isRegex = regex;
            if (regex)
                m.regex = QRegularExpression(entry.toString());
            else
                m.exact = entry.toString().toUtf8();
            out->push_back(std::move(m));
        }
    }
}

} // namespace

CompiledConfig::Result CompiledConfig::compile(const JsonDocument &doc, const QString &configDir)
{
    Result result;
    auto config = std::make_shared<CompiledConfig>();
    static std::atomic<quint64> s_generation{0};
    config->generation = ++s_generation;
    const JsonValue root = doc.root();
    if (!root.isObject()) {
        result.error = u"the config is not a JSON object"_s;
        return result;
    }
    const JsonValue configs = root.member("Configs"_L1);
    if (configs.isObject()) {
        const qint64 timeout = configs.member("SocketTimeout"_L1).toInt64(0);
        if (timeout > 0) {
            config->idleTimeoutMs = int(qMin<qint64>(timeout, 86400) * 1000);
            config->ioTimeoutMs = config->idleTimeoutMs;
        }
        config->http1PerRequestLoadBalancing
            = configs.member("HTTP1PerRequestLoadBalancing"_L1).toBool(false);
        config->stripAnyHostPort = configs.member("StripAnyHostPort"_L1).toBool(false);
        for (const char *key :
             {"Gzip", "ErrorPage", "ProxyRedirect", "Fault", "ResourceUsage", "HealthCheckLog"}) {
            if (configs.member(QLatin1StringView(key)).isValid())
                result.notActive << u"Configs."_s + QLatin1StringView(key);
        }
    }
    for (const char *key : {"Consumers", "Certificate"}) {
        if (root.member(QLatin1StringView(key)).isValid())
            result.notActive << QLatin1StringView(key);
    }

    const QDir dir(configDir);
    auto accessLogIndex = [&](const JsonValue &v) {
        const QString path = v.toString();
        if (path.isEmpty())
            return -1;
        const QString file = QDir::cleanPath(dir.absoluteFilePath(path));
        qsizetype i = config->accessLogFiles.indexOf(file);
        if (i < 0) {
            i = config->accessLogFiles.size();
            config->accessLogFiles << file;
        }
        return int(i);
    };
    if (configs.isObject())
        config->unroutedAccessLog = accessLogIndex(configs.member("AccessLog"_L1));

    // Services first: matches refer to them by index.
    QHash<QString, int> serviceIndex;
    config->health = std::make_shared<HealthTable>();
    const JsonValue services = root.member("Services"_L1);
    for (const JsonValue &s : services) {
        CompiledService svc;
        svc.name = s.key();
        const QString algorithm = s.member("Algorithm"_L1).toString();
        if (algorithm == "HashingLoadBalancer"_L1)
            svc.algorithm = CompiledService::Algorithm::Hashing;
        else if (algorithm == "LeastConnectionLoadBalancer"_L1
                 || algorithm == "LeastWorkLoadBalancer"_L1)
            svc.algorithm = CompiledService::Algorithm::LeastConnection;
        const QByteArray stickyName = s.member("StickyCookieName"_L1).toString().toUtf8();
        const qint64 stickyExpires = s.member("StickyCookieExpires"_L1).toInt64(3600);
        svc.maxRequestsPerConnection = int(s.member("MaxRequestsPerConnection"_L1).toInt64(0));
        for (const char *key : {"CircuitBreaking", "Retry", "UpstreamCert", "Plugins"}) {
            if (s.member(QLatin1StringView(key)).isValid())
                result.notActive << u"Services.%1.%2"_s.arg(svc.name, QLatin1StringView(key));
        }
        const JsonValue hc = s.member("HealthCheck"_L1);
        if (hc.isObject()) {
            HealthCheckSpec &h = svc.health;
            h.intervalMs = hc.member("Interval"_L1).toInt64(0) * 1000;
            h.maxFails = int(hc.member("MaxFails"_L1).toInt64(0));
            h.failTimeoutMs = hc.member("FailTimeout"_L1).toInt64(0) * 1000;
            // Legacy "Uri" (the article's form) is honoured: it is what the author meant, and
            // FGW's docs still describe it (current FGW would run a TCP probe instead).
            JsonValue path = hc.member("Path"_L1);
            if (!path.isString())
                path = hc.member("Uri"_L1);
            h.path = path.toString().toUtf8();
            for (const JsonValue &m : hc.member("Matches"_L1)) {
                HealthMatch hm;
                for (const JsonValue &code : m.member("StatusCodes"_L1))
                    hm.statusCodes << int(code.toInt64());
                if (m.member("Body"_L1).isString())
                    hm.body = m.member("Body"_L1).toString().toUtf8();
                for (const JsonValue &hv : m.member("Headers"_L1))
                    hm.headers.append({hv.key().toUtf8(), hv.toString().toUtf8()});
                const QString type = m.member("Type"_L1).toString().toLower();
                const JsonValue value = m.member("Value"_L1);
                if (type == "status"_L1) {
                    for (const JsonValue &code : value)
                        hm.statusCodes << int(code.toInt64());
                } else if (type == "body"_L1) {
                    hm.body = value.toString().toUtf8();
                } else if (type == "headers"_L1) {
                    hm.headers.append(
                        {m.member("Name"_L1).toString().toUtf8(), value.toString().toUtf8()});
                }
                h.matches << hm;
            }
        }
        for (const JsonValue &e : s.member("Endpoints"_L1)) {
            CompiledEndpoint ep;
            ep.key = e.key();
            QString host;
            int port = 0;
            if (!parseHostPort(ep.key, &host, &port)) {
                result.error
                    = u"service %1: endpoint \"%2\" is not host:port"_s.arg(svc.name, ep.key);
                return result;
            }
            const auto sa = resolve(host, port);
            if (!sa) {
                result.error = u"service %1: cannot resolve endpoint %2"_s.arg(svc.name, ep.key);
                return result;
            }
            ep.address = *sa;
            const JsonValue weight = e.member("Weight"_L1);
            ep.weight = weight.isValid() ? int(qMax<qint64>(0, weight.toInt64())) : 1;
            if (ep.weight == 0)
                svc.hasBackups = true;
            const QString hostOverride = e.member("Host"_L1).toString();
            ep.hostHeader = (hostOverride.isEmpty() ? ep.key : hostOverride).toUtf8();
            ep.addressId = addressIdFor(ep.key);
            if (e.member("UseSSL"_L1).toBool(false) || e.member("UpstreamCert"_L1).isValid())
                result.notActive << u"Services.%1.Endpoints.%2 TLS"_s.arg(svc.name, ep.key);
            svc.endpoints.push_back(std::move(ep));
        }
        QStringList endpointKeys;
        for (const CompiledEndpoint &ep : svc.endpoints)
            endpointKeys << ep.key;
        svc.firstTarget = config->health->addService(svc.name, endpointKeys, svc.health);
        for (size_t i = 0; i < svc.endpoints.size(); ++i)
            svc.endpoints[i].healthSlot = svc.firstTarget + int(i);
        if (!stickyName.isEmpty()) {
            QList<QByteArray> keys;
            for (const CompiledEndpoint &ep : svc.endpoints)
                keys << ep.key.toUtf8();
            svc.sticky = std::make_shared<StickyCookie>(stickyName, stickyExpires, keys);
        }
        serviceIndex.insert(svc.name, int(config->services.size()));
        config->services.push_back(std::move(svc));
    }
    // Listeners and their routes.
    const JsonValue routeRules = root.member("RouteRules"_L1);
    QHash<int, JsonValue> rulesByPort;
    for (const JsonValue &r : routeRules) {
        for (const QString &p : r.key().split(u',')) {
            bool ok = false;
            const int port = p.trimmed().toInt(&ok);
            if (ok)
                rulesByPort.insert(port, r);
        }
    }
    QSet<QString> bindKeys;
    for (const JsonValue &l : root.member("Listeners"_L1)) {
        CompiledListener listener;
        listener.protocol = l.member("Protocol"_L1).toString();
        listener.port = int(l.member("Port"_L1).toInt64(0));
        listener.bindPort = listener.port;
        const JsonValue listen = l.member("Listen"_L1);
        if (listen.isNumber()) {
            listener.bindPort = int(listen.toInt64());
        } else if (listen.isString()) {
            QString host;
            int port = 0;
            if (!parseHostPort(listen.toString(), &host, &port)
                || !listener.bindAddress.setAddress(host)) {
                result.error = u"listener %1: Listen \"%2\" is not ip:port"_s.arg(listener.port)
                                   .arg(listen.toString());
                return result;
            }
            listener.bindPort = port;
        }
        if (listener.bindPort <= 0 || listener.bindPort > 65535) {
            result.error = u"listener %1: no valid port"_s.arg(listener.port);
            return result;
        }
        if (bindKeys.contains(listener.bindKey())) {
            result.error
                = u"listener %1: %2 is bound twice"_s.arg(listener.port).arg(listener.bindKey());
            return result;
        }
        bindKeys.insert(listener.bindKey());
        listener.bindId
            = (uint64_t(listener.bindAddress.toIPv4Address()) << 16) | uint64_t(listener.bindPort);
        if (listener.protocol != "HTTP"_L1) {
            listener.supported = false;
            result.notActive
                << u"Listeners[%1] Protocol %2"_s.arg(listener.port).arg(listener.protocol);
        }
        for (const char *key : {"AccessControlLists", "BpsLimit", "TLS"}) {
            if (l.member(QLatin1StringView(key)).isValid())
                result.notActive
                    << u"Listeners[%1].%2"_s.arg(listener.port).arg(QLatin1StringView(key));
        }
        const JsonValue chain
            = root.member("Chains"_L1)
                  .member(listener.protocol == "HTTPS"_L1 ? "HTTPSRoute"_L1 : "HTTPRoute"_L1);
        if (chain.isValid()) {
            auto has = [&chain](QLatin1StringView module) {
                for (const JsonValue &m : chain) {
                    if (m.stringEquals(module))
                        return true;
                }
                return false;
            };
            listener.chainCodec = has("http/codec.js"_L1);
            listener.chainRoute = has("http/route.js"_L1);
            listener.chainService = has("http/service.js"_L1);
            listener.chainAccessLog = has("http/access-log.js"_L1);
            listener.chainForward = has("http/forward.js"_L1);
        } else if (root.member("Chains"_L1).isValid()) {
            listener.chainCodec = false; // FGW: a missing chain is an empty chain
        }
        const JsonValue domains = rulesByPort.value(listener.port);
        for (const JsonValue &domain : domains) {
            const bool httpRouteType = !domain.member("RouteType"_L1).isValid()
                                       || domain.member("RouteType"_L1).stringEquals("HTTP"_L1);
            if (!httpRouteType)
                result.notActive << u"RouteRules.%1 RouteType %2"_s.arg(listener.port)
                                        .arg(domain.member("RouteType"_L1).toString());
            for (const char *key : {"RateLimit", "AccessControlLists"}) {
                if (domain.member(QLatin1StringView(key)).isValid())
                    result.notActive << u"RouteRules.%1.%2.%3"_s.arg(listener.port)
                                            .arg(domain.key(), QLatin1StringView(key));
            }
            std::vector<CompiledMatch> matches;
            int matchNo = 0;
            for (const JsonValue &m : domain.member("Matches"_L1)) {
                CompiledMatch cm;
                const JsonValue path = m.member("Path"_L1);
                if (path.isObject()) {
                    const QString type = path.member("Type"_L1).toString();
                    cm.path = path.member("Path"_L1).toString().toUtf8();
                    if (type == "Prefix"_L1) {
                        cm.pathType = CompiledMatch::PathType::Prefix;
                    } else if (type == "Exact"_L1) {
                        cm.pathType = CompiledMatch::PathType::Exact;
                    } else if (type == "Regex"_L1) {
                        cm.pathType = CompiledMatch::PathType::Regex;
                        cm.pathRegex = QRegularExpression(QString::fromUtf8(cm.path));
                        if (!cm.pathRegex.isValid()) {
                            result.error = u"route %1 %2: bad path regex: %3"_s.arg(listener.port)
                                               .arg(domain.key(), cm.pathRegex.errorString());
                            return result;
                        }
                    } else {
                        cm.pathType = CompiledMatch::PathType::Never;
                    }
                }
                bool never = false;
                compileValueMatchers(m.member("Headers"_L1), true, &cm.headers, &never);
                compileValueMatchers(m.member("QueryParams"_L1), false, &cm.queryParams, &never);
                if (never)
                    cm.pathType = CompiledMatch::PathType::Never;
                for (const JsonValue &method : m.member("Methods"_L1))
                    cm.methods.push_back(method.toString().toUtf8());
                const JsonValue serverRoot = m.member("ServerRoot"_L1);
                if (serverRoot.isString()) {
                    StaticFiles::Options options;
                    options.root = StaticFiles::resolveServerRoot(serverRoot.toString(), configDir);
                    if (m.member("Index"_L1).isArray()) {
                        options.index.clear();
                        for (const JsonValue &i : m.member("Index"_L1))
                            options.index << i.toString().toUtf8();
                    }
                    for (const JsonValue &t : m.member("TryFiles"_L1))
                        options.tryFiles << t.toString().toUtf8();
                    options.defaultMimeType
                        = cascade(m, domain, configs, "DefaultMimeType"_L1).toString().toUtf8();
                    cm.staticFiles = std::make_shared<StaticFiles>(std::move(options));
                } else {
                    for (const JsonValue &b : m.member("BackendService"_L1)) {
                        const int weight = int(b.member("Weight"_L1).toInt64(0));
                        const int idx = serviceIndex.value(b.key(), -1);
                        if (weight > 0 && idx >= 0) {
                            cm.backends.emplace_back(idx, weight);
                            cm.totalBackendWeight += weight;
                        }
                        if (b.member("Filters"_L1).isValid())
                            result.notActive << u"BackendService.%1.Filters"_s.arg(b.key());
                    }
                }
                for (const char *key : {"Filters", "RateLimit", "AccessControlLists"}) {
                    if (m.member(QLatin1StringView(key)).isValid())
                        result.notActive << u"RouteRules.%1.%2.Matches[%3].%4"_s.arg(listener.port)
                                                .arg(domain.key())
                                                .arg(matchNo)
                                                .arg(QLatin1StringView(key));
                }
                cm.preserveHost = cascade(m, domain, configs, "ProxyPreserveHost"_L1).toBool(true);
                cm.clientMaxBodySize
                    = httpRouteType && domain.member("RouteType"_L1).isValid()
                          ? parseSize(cascade(m, domain, configs, "ClientMaxBodySize"_L1), 1000000)
                          : 0;
                cm.routeId = int(config->routeNames.size());
                config->routeNames
                    << u"%1 %2 #%3"_s.arg(listener.port).arg(domain.key()).arg(matchNo);
                config->routeLocations.push_back({m.offset(), m.length(), m.position().line});
                const JsonValue accessLog = cascade(m, domain, configs, "AccessLog"_L1);
                config->routeAccessLog.push_back(listener.chainAccessLog ? accessLogIndex(accessLog)
                                                                         : -1);
                matches.push_back(std::move(cm));
                ++matchNo;
            }
            for (const QString &h : domain.key().split(u',')) {
                CompiledHost host;
                const QString name = h.trimmed().toLower();
                host.wildcard = name.startsWith(u'*');
                host.name = (host.wildcard ? name.mid(1) : name).toUtf8();
                host.matches = matches;
                (host.wildcard ? listener.wildcardHosts : listener.exactHosts)
                    .push_back(std::move(host));
            }
        }
        config->listeners.push_back(std::move(listener));
    }
    result.notActive.removeDuplicates();
    result.config = std::move(config);
    return result;
}

const CompiledListener *CompiledConfig::listenerForPort(int port) const
{
    for (const CompiledListener &l : listeners) {
        if (l.port == port)
            return &l;
    }
    return nullptr;
}

const CompiledHost *CompiledConfig::findHost(const CompiledListener &l, QByteArrayView host) const
{
    for (int pass = 0; pass < 2; ++pass) {
        for (const CompiledHost &h : l.exactHosts) {
            if (host == QByteArrayView(h.name))
                return &h;
        }
        for (const CompiledHost &h : l.wildcardHosts) {
            if (host.endsWith(QByteArrayView(h.name)))
                return &h;
        }
        if (!stripAnyHostPort || pass == 1)
            break;
        const qsizetype colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith(']'))
            break;
        host = host.first(colon);
    }
    return nullptr;
}

} // namespace Gatehouse::Core
