#include "configvalidator.h"

#include "diagnosticcodes.h"
#include "fgwcatalogue.h"
#include "jsonedit.h"

#include <QCoreApplication>
#include <QSet>

namespace Gatehouse::Core {

using namespace Qt::StringLiterals;
using Span = DiagnosticSink::Span;
namespace Code = DiagnosticCode;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::ConfigLoader)
};

QString quoted(const QString &s)
{
    return u"\""_s + s + u'"';
}

int editDistance(QStringView a, QStringView b)
{
    const qsizetype n = b.size();
    QVarLengthArray<int, 64> row(n + 1);
    for (qsizetype j = 0; j <= n; ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= n; ++j) {
            const int up = row[j];
            row[j]
                = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[n];
}

// FGW's default chain as the text of a JSON array (one module per line).
QByteArray defaultChainText(QStringView chainName, const JsonDocument &document)
{
    QByteArrayList items;
    for (const QLatin1StringView m : FgwCatalogue::defaultChain(chainName))
        items.append(JsonEdit::quote(QString(m)));
    return JsonEdit::stringArray(items, JsonEdit::indentUnit(document));
}

} // namespace

ConfigValidator::ConfigValidator(const Config &config, DiagnosticSink &sink)
    : m_config(config)
    , m_sink(sink)
{}

void ConfigValidator::validate()
{
    if (!m_config.node.isObject())
        return;
    checkPorts();
    checkServiceReferences();
    checkChains();
    checkKeepAlivePinning();
    checkWildcardOrder();
    checkMtls();
    checkMaxFails();
}

void ConfigValidator::checkPorts()
{
    const auto &listeners = m_config.listeners;
    for (qsizetype i = 0; i < listeners.size(); ++i) {
        const ListenerConfig &l = listeners[i];
        if (l.port == 0)
            continue;
        for (qsizetype j = 0; j < i; ++j) {
            const ListenerConfig &other = listeners[j];
            if (other.port == 0)
                continue;
            const JsonValue portNode = l.node.member("Port"_L1);
            if (other.port == l.port) {
                m_sink.error(Code::DuplicatePort, portNode, Span::Value,
                             Tr::tr("Port %1 is already used by the listener on line %2. FGW "
                                    "finds routes by this port, so the two cannot be told apart.")
                                 .arg(l.port)
                                 .arg(other.node.position().line));
                break;
            }
            const bool sameAddress = other.bindAddress == l.bindAddress
                                     || other.bindAddress == QHostAddress(QHostAddress::AnyIPv4)
                                     || l.bindAddress == QHostAddress(QHostAddress::AnyIPv4);
            if (other.listenPort == l.listenPort && sameAddress) {
                const JsonValue listen = l.node.member("Listen"_L1);
                m_sink.error(Code::DuplicatePort, listen.isValid() ? listen : portNode, Span::Value,
                             Tr::tr("Port %1 is already bound by the listener on line %2; a "
                                    "port can be bound only once.")
                                 .arg(l.listenPort)
                                 .arg(other.node.position().line));
                break;
            }
        }
    }
    QSet<int> ports;
    for (const ListenerConfig &l : listeners)
        ports.insert(l.port);
    // A port named by two RouteRules keys ("80" and "80, 8080"): FGW assigns the keys in
    // order, so the later rule replaces the earlier one for that port.
    QHash<int, const RouteRule *> owners;
    for (const RouteRule &rule : m_config.routeRules) {
        for (const int port : rule.ports) {
            if (const RouteRule *earlier = owners.value(port)) {
                m_sink.warning(Code::DuplicateKey, earlier->node, Span::Key,
                               Tr::tr("Port %1 appears again in the RouteRules key %2 on line %3. "
                                      "FGW keeps only the later rule for it, so these routes are "
                                      "ignored on port %1.")
                                   .arg(port)
                                   .arg(quoted(rule.portKey))
                                   .arg(rule.node.keyPosition().line));
            }
            owners.insert(port, &rule);
        }
    }
    for (const RouteRule &rule : m_config.routeRules) {
        for (const int port : rule.ports) {
            if (ports.contains(port))
                continue;
            m_sink.warning(
                Code::OrphanRoutePort, rule.node, Span::Key,
                Tr::tr("No listener has \"Port\": %1, so FGW never uses these routes.").arg(port));
        }
    }
}

void ConfigValidator::checkServiceReference(const JsonValue &at, const QString &name, bool atKey)
{
    if (m_config.service(name))
        return;
    QString best;
    int bestDistance = 3;
    for (const Service &s : m_config.services) {
        const int d = editDistance(name, s.name);
        if (d < bestDistance) {
            bestDistance = d;
            best = s.name;
        }
    }
    if (best.isEmpty()) {
        m_sink.error(Code::DanglingService, at, atKey ? Span::Key : Span::Value,
                     Tr::tr("No service is named %1 in \"Services\"; FGW answers these requests "
                            "with 404.")
                         .arg(quoted(name)));
        return;
    }
    Diagnostic &d = m_sink.error(Code::DanglingService, at, atKey ? Span::Key : Span::Value,
                                 Tr::tr("No service is named %1 in \"Services\". Did you mean %2?")
                                     .arg(quoted(name), quoted(best)));
    d.fixes.append({Tr::tr("Use %1").arg(quoted(best)),
                    {atKey ? JsonEdit::renameKey(at, best.toUtf8())
                           : JsonEdit::replaceValue(at, JsonEdit::quote(best))}});
}

void ConfigValidator::checkServiceReferences()
{
    auto checkFilters = [this](const QList<Filter> &filters) {
        for (const Filter &f : filters) {
            if (f.requestMirror && !f.requestMirror->backendService.isEmpty()) {
                checkServiceReference(f.requestMirror->node.member("BackendService"_L1),
                                      f.requestMirror->backendService, false);
            }
        }
    };
    for (const RouteRule &rule : m_config.routeRules) {
        for (const DomainRule &domain : rule.domains) {
            for (const RouteMatch &match : domain.matches) {
                for (const BackendRef &ref : match.backends) {
                    checkServiceReference(ref.node, ref.service, true);
                    checkFilters(ref.filters);
                }
                checkFilters(match.filters);
            }
        }
        for (const ServiceWeight &w : rule.services)
            checkServiceReference(w.node, w.service, true);
        for (const TlsRoute &route : rule.tlsRoutes) {
            for (const ServiceWeight &w : route.services)
                checkServiceReference(w.node, w.service, true);
        }
    }
    for (const Service &s : m_config.services) {
        const JsonValue mirror = s.plugins.member("traffic-mirror"_L1).member("serviceName"_L1);
        if (mirror.isString())
            checkServiceReference(mirror, mirror.toString(), false);
    }
}

void ConfigValidator::checkChains()
{
    const JsonValue root = m_config.node;
    const JsonValue chains = root.member("Chains"_L1);
    const JsonDocument &doc = *m_config.document;
    QSet<QString> fixed; // one quick-fix per missing chain, even with several listeners
    for (const ListenerConfig &l : m_config.listeners) {
        const QString name = l.chainName();
        if (name.isEmpty())
            continue;
        const Chain *chain = m_config.chain(name);
        if (chain && !chain->modules.isEmpty()) {
            checkModules(l, *chain);
            continue;
        }
        const JsonValue at = l.node.member("Protocol"_L1);
        Diagnostic &d = m_sink.error(
            Code::MissingChain, at.isValid() ? at : l.node, Span::Value,
            chain ? Tr::tr("The \"%1\" chain is empty: FGW runs no module for this listener, "
                           "so it accepts connections and serves nothing.")
                        .arg(name)
                  : Tr::tr("\"Chains\" has no \"%1\" chain: FGW runs no module for this listener, "
                           "so it accepts connections and serves nothing.")
                        .arg(name));
        if (fixed.contains(name))
            continue;
        fixed.insert(name);
        const QByteArray array = defaultChainText(name, doc);
        TextEdit edit;
        if (chain) {
            QByteArray text = array;
            text.replace(QByteArrayView("\n"),
                         QByteArray(QByteArray("\n")
                                    + JsonEdit::indentationAt(doc, chain->node.keyOffset())));
            edit = JsonEdit::replaceValue(chain->node, text);
        } else if (chains.isObject()) {
            edit = JsonEdit::appendMember(chains, name.toUtf8(), array);
        } else {
            QByteArray object = "{\n" + JsonEdit::indentUnit(doc) + JsonEdit::quote(name) + ": ";
            QByteArray inner = array;
            inner.replace(QByteArrayView("\n"),
                          QByteArray(QByteArray("\n") + JsonEdit::indentUnit(doc)));
            object += inner + "\n}";
            edit = JsonEdit::appendMember(root, "Chains", object);
        }
        d.fixes.append({Tr::tr("Insert FGW's default \"%1\" chain").arg(name), {edit}});
    }
}

void ConfigValidator::requireModule(const Chain &chain,
                                    QLatin1StringView module,
                                    const JsonValue &at,
                                    const QString &feature,
                                    bool essential)
{
    if (!at.isValid() || chain.contains(module))
        return;
    const QString key
        = QString::number(chain.node.index()) + u'/' + QString::number(at.offset()) + u'/' + module;
    if (m_reported.contains(key))
        return;
    m_reported.insert(key);
    const QString message
        = essential ? Tr::tr("%1 needs the module \"%2\", which the \"%3\" chain (line %4) does "
                             "not list, so this listener does not work on FGW.")
                    : Tr::tr("%1 needs the module \"%2\", which the \"%3\" chain (line %4) does "
                             "not list, so FGW ignores this setting.");
    Diagnostic &d = m_sink.warning(
        Code::ModuleNotInChain, at, Span::Key,
        message.arg(feature, module, chain.name).arg(chain.node.keyPosition().line));
    // Insert it where FGW's default chain has it: after the last module listed that comes
    // before it in the default order.
    const QList<QLatin1StringView> defaults = FgwCatalogue::defaultChain(chain.name);
    qsizetype wanted = defaults.indexOf(module);
    if (wanted < 0)
        wanted = defaults.size(); // optional modules (plugins) go last
    JsonValue after;
    for (const ChainModule &m : chain.modules) {
        const qsizetype pos = defaults.indexOf(QLatin1StringView(m.path.toLatin1()));
        if (pos >= 0 && pos < wanted)
            after = m.node;
        if (pos < 0 && wanted == defaults.size())
            after = m.node;
    }
    if (wanted == defaults.size() && !chain.modules.isEmpty()) {
        // Plugins run after http/service.js, before forwarding (reference §1.9).
        const qsizetype service = [&] {
            for (qsizetype i = 0; i < chain.modules.size(); ++i) {
                if (chain.modules[i].path == "http/service.js"_L1)
                    return i;
            }
            return chain.modules.size() - 1;
        }();
        after = chain.modules[service].node;
    }
    d.fixes.append(
        {Tr::tr("Add \"%1\" to the \"%2\" chain").arg(module, chain.name),
         {JsonEdit::insertElement(chain.node, after, JsonEdit::quote(QString(module)))}});
}

void ConfigValidator::checkModules(const ListenerConfig &listener, const Chain &chain)
{
    const JsonValue protocol = listener.node.member("Protocol"_L1);
    auto core = [&](QLatin1StringView module, const QString &what) {
        requireModule(chain, module, protocol, what, true);
    };
    if (const JsonValue acl = listener.node.member("AccessControlLists"_L1); acl.isValid())
        requireModule(chain, "common/access-control.js"_L1, acl, Tr::tr("\"AccessControlLists\""));
    if (const JsonValue bps = listener.node.member("BpsLimit"_L1); bps.isValid())
        requireModule(chain, "common/ratelimit.js"_L1, bps, Tr::tr("\"BpsLimit\""));

    switch (listener.protocol) {
    case ListenerProtocol::Tcp:
        core("tcp/forward.js"_L1, Tr::tr("Forwarding TCP"));
        return;
    case ListenerProtocol::Udp:
        core("udp/forward.js"_L1, Tr::tr("Forwarding UDP"));
        return;
    case ListenerProtocol::Tls:
        if (listener.tls && listener.tls->mode == TlsMode::Passthrough) {
            core("tls/passthrough.js"_L1, Tr::tr("TLS passthrough"));
        } else {
            core("common/tls-termination.js"_L1, Tr::tr("TLS termination"));
            core("tls/forward.js"_L1, Tr::tr("Forwarding terminated TLS"));
        }
        return;
    case ListenerProtocol::Unknown:
        return;
    case ListenerProtocol::Https:
        core("common/tls-termination.js"_L1, Tr::tr("An HTTPS listener"));
        break;
    case ListenerProtocol::Http:
        break;
    }
    core("http/codec.js"_L1, Tr::tr("An HTTP listener"));
    core("http/route.js"_L1, Tr::tr("Routing"));
    core("http/service.js"_L1, Tr::tr("Choosing a service"));

    auto options = [&](const RouteOptions &o, const JsonValue &owner) {
        if (o.accessLog)
            requireModule(chain, "http/access-log.js"_L1, owner.member("AccessLog"_L1),
                          Tr::tr("\"AccessLog\""));
        if (o.fault)
            requireModule(chain, "http/fault-injection.js"_L1, o.fault->node, Tr::tr("\"Fault\""));
        if (o.errorPages)
            requireModule(chain, "http/error-page.js"_L1, owner.member("ErrorPage"_L1),
                          Tr::tr("\"ErrorPage\""));
        if (o.proxyRedirect)
            requireModule(chain, "http/proxy-redirect.js"_L1, owner.member("ProxyRedirect"_L1),
                          Tr::tr("\"ProxyRedirect\""));
    };
    auto filters = [&](const QList<Filter> &list) {
        for (const Filter &f : list) {
            QLatin1StringView module;
            switch (f.type) {
            case FilterType::RequestHeaderModifier:
            case FilterType::ResponseHeaderModifier:
                module = "filter/header-modifier.js"_L1;
                break;
            case FilterType::RequestRedirect:
                module = "filter/request-redirect.js"_L1;
                break;
            case FilterType::UrlRewrite:
                module = "filter/url-rewrite.js"_L1;
                break;
            case FilterType::RequestMirror:
                module = "filter/request-mirror.js"_L1;
                break;
            case FilterType::Unknown:
                continue;
            }
            requireModule(chain, module, f.node.member("Type"_L1),
                          Tr::tr("A %1 filter").arg(f.typeName));
        }
    };
    QSet<QString> services;
    options(m_config.configs.options, m_config.configs.node);
    bool proxies = false;
    const RouteRule *rule = m_config.routeRuleForPort(listener.port);
    if (rule) {
        for (const DomainRule &domain : rule->domains) {
            options(domain.options, domain.node);
            if (domain.rateLimit)
                requireModule(chain, "http/throttle-domain.js"_L1, domain.rateLimit->node,
                              Tr::tr("A domain \"RateLimit\""));
            if (domain.accessControl)
                requireModule(chain, "http/access-control-domain.js"_L1, domain.accessControl->node,
                              Tr::tr("Domain \"AccessControlLists\""));
            for (const RouteMatch &match : domain.matches) {
                options(match.options, match.node);
                if (match.rateLimit)
                    requireModule(chain, "http/throttle-route.js"_L1, match.rateLimit->node,
                                  Tr::tr("A route \"RateLimit\""));
                if (match.accessControl)
                    requireModule(chain, "http/access-control-route.js"_L1,
                                  match.accessControl->node,
                                  Tr::tr("Route \"AccessControlLists\""));
                if (match.enableHeadersAuthorization)
                    requireModule(chain, "http/auth.js"_L1,
                                  match.node.member("EnableHeadersAuthorization"_L1),
                                  Tr::tr("\"EnableHeadersAuthorization\""));
                if (match.enableSubrequestAuthorization)
                    requireModule(chain, "http/sr-auth.js"_L1,
                                  match.node.member("EnableSubrequestAuthorization"_L1),
                                  Tr::tr("\"EnableSubrequestAuthorization\""));
                filters(match.filters);
                for (const BackendRef &ref : match.backends) {
                    filters(ref.filters);
                    services.insert(ref.service);
                    if (!match.serverRoot)
                        proxies = true;
                }
            }
        }
    }
    if (proxies)
        core("http/forward.js"_L1, Tr::tr("Proxying to a service"));
    for (const QString &name : std::as_const(services)) {
        const Service *s = m_config.service(name);
        if (!s)
            continue;
        if (s->circuitBreaking)
            requireModule(chain, "http/circuit-breaker.js"_L1, s->circuitBreaking->node,
                          Tr::tr("\"CircuitBreaking\""));
        if (const JsonValue cors = s->plugins.member("cors"_L1); cors.isValid())
            requireModule(chain, "plugins/cors.js"_L1, cors, Tr::tr("The \"cors\" plugin"));
        if (const JsonValue mirror = s->plugins.member("traffic-mirror"_L1); mirror.isValid())
            requireModule(chain, "plugins/traffic-mirror.js"_L1, mirror,
                          Tr::tr("The \"traffic-mirror\" plugin"));
    }
}

void ConfigValidator::checkKeepAlivePinning()
{
    // Explicitly false is a deliberate choice of per-connection balancing: nothing to say.
    if (m_config.configs.http1PerRequestLoadBalancing
        || m_config.configs.node.member("HTTP1PerRequestLoadBalancing"_L1).isValid())
        return;
    // One finding per config: it is one global switch, however many services it affects.
    const Service *first = nullptr;
    int affected = 0;
    QSet<QString> seen;
    for (const RouteRule &rule : m_config.routeRules) {
        for (const DomainRule &domain : rule.domains) {
            if (domain.routeType == RouteType::Http2 || domain.routeType == RouteType::Grpc)
                continue;
            for (const RouteMatch &match : domain.matches) {
                if (match.serverRoot)
                    continue;
                for (const BackendRef &ref : match.backends) {
                    const Service *s = m_config.service(ref.service);
                    if (!s || seen.contains(ref.service))
                        continue;
                    seen.insert(ref.service);
                    int active = 0;
                    for (const Endpoint &e : s->endpoints)
                        active += e.weight.value_or(0) > 0 ? 1 : 0;
                    if (active < 2)
                        continue;
                    ++affected;
                    if (!first)
                        first = s;
                }
            }
        }
    }
    if (!first)
        return;
    const JsonValue at = first->node.member("Endpoints"_L1);
    const QString others
        = affected > 1 ? Tr::tr(" (and %n other service(s))", nullptr, affected - 1) : QString();
    Diagnostic &d = m_sink.warning(
        Code::SurpriseKeepAlivePinning, at.isValid() ? at : first->node, Span::Key,
        Tr::tr("FGW balances HTTP/1 requests per connection: a keep-alive client sends all its "
               "requests to the same endpoint of %1%2. Set "
               "\"Configs.HTTP1PerRequestLoadBalancing\" to true to balance every request.")
            .arg(quoted(first->name), others));
    const JsonDocument &doc = *m_config.document;
    const JsonValue configs = m_config.configs.node;
    TextEdit edit;
    if (const JsonValue current = configs.member("HTTP1PerRequestLoadBalancing"_L1);
        current.isValid()) {
        edit = JsonEdit::replaceValue(current, "true");
    } else if (configs.isObject()) {
        edit = JsonEdit::appendMember(configs, "HTTP1PerRequestLoadBalancing", "true");
    } else {
        edit = JsonEdit::appendMember(m_config.node, "Configs",
                                      "{\n" + JsonEdit::indentUnit(doc)
                                          + "\"HTTP1PerRequestLoadBalancing\": true\n}");
    }
    d.fixes.append({Tr::tr("Balance every request"), {edit}});
}

void ConfigValidator::checkWildcardOrder()
{
    for (const RouteRule &rule : m_config.routeRules) {
        // FGW tries suffix ("*...") hosts in file order and takes the first that ends the Host;
        // a later suffix that ends with an earlier one is shadowed for every host it matches.
        QList<QPair<QString, const DomainRule *>> suffixes;
        for (const DomainRule &domain : rule.domains) {
            for (const QString &host : domain.hosts) {
                if (!host.startsWith(u'*'))
                    continue;
                const QString suffix = host.mid(1).toLower();
                for (const auto &[earlier, earlierDomain] : std::as_const(suffixes)) {
                    if (earlierDomain == &domain || !suffix.endsWith(earlier))
                        continue;
                    m_sink.warning(
                        Code::SurpriseWildcardOrder, domain.node, Span::Key,
                        Tr::tr("FGW tries wildcard hosts in the order written, and %1 on line %2 "
                               "comes first and matches every host %3 matches, so this domain "
                               "is never used. List more specific wildcards first and \"*\" "
                               "last.")
                            .arg(quoted(u'*' + earlier))
                            .arg(earlierDomain->node.keyPosition().line)
                            .arg(quoted(host)));
                    break;
                }
                suffixes.append({suffix, &domain});
            }
        }
    }
}

void ConfigValidator::checkMtls()
{
    bool haveCa = m_config.certificate && m_config.certificate->issuingCa
                  && !m_config.certificate->issuingCa->isEmpty();
    for (const ListenerConfig &l : m_config.listeners) {
        if (l.tls && !l.tls->caCerts.isEmpty())
            haveCa = true;
    }
    if (haveCa)
        return;
    for (const ListenerConfig &l : m_config.listeners) {
        if (!l.tls || !l.tls->mtls)
            continue;
        JsonValue at = l.tls->node.member("MTLS"_L1);
        if (!at.isValid())
            at = l.tls->node.member("mTLS"_L1);
        m_sink.warning(Code::SurpriseMtlsWithoutCa, at, Span::Key,
                       Tr::tr("\"MTLS\" is on but no CA is configured (\"TLS.CACerts\" on any "
                              "listener, or \"Certificate.IssuingCA\"): FGW then does not verify "
                              "client certificates and accepts every client."));
    }
}

void ConfigValidator::checkMaxFails()
{
    const Service *first = nullptr;
    int count = 0;
    for (const Service &s : m_config.services) {
        if (s.healthCheck && s.healthCheck->maxFails > 1) {
            if (!first)
                first = &s;
            ++count;
        }
    }
    if (!first)
        return;
    const JsonValue at = first->healthCheck->node.member("MaxFails"_L1);
    const QString others
        = count > 1 ? Tr::tr(" (the same holds for %n other service(s))", nullptr, count - 1)
                    : QString();
    m_sink.warning(Code::SurpriseCumulativeMaxFails, at, Span::Key,
                   Tr::tr("FGW counts \"MaxFails\" since the endpoint was last marked up, not in "
                          "a row: successes in between do not reset the count, so an endpoint "
                          "that fails now and then is eventually marked down%1.")
                       .arg(others));
}

} // namespace Gatehouse::Core
