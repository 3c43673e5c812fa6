// Every field of the FGW v1 schema (reference §1) read into the typed model.
#include "config/configloader.h"

#include <QFile>
#include <QtTest>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

} // namespace

class TestConfigModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_result
            = ConfigLoader::load(readFile(QStringLiteral(GATEHOUSE_TEST_DATA "/full-schema.json")));
        QVERIFY(m_result.config);
        // The fixture is valid: only warnings (unsupported features, surprises, missing
        // modules in its minimal chains) are expected.
        for (const Diagnostic &d : std::as_const(m_result.diagnostics)) {
            if (d.severity == Severity::Error)
                QFAIL(qPrintable(d.format(u"full-schema.json"_s)));
        }
        m_config = m_result.config.get();
    }

    void configs()
    {
        const GlobalConfig &c = m_config->configs;
        QVERIFY(c.node.isObject());
        QCOMPARE(c.node.keyPosition(), (TextPosition{2, 3}));
        QVERIFY(c.enableDebug);
        QVERIFY(c.stripAnyHostPort);
        QCOMPARE(c.defaultPassthroughUpstreamPort, 8443);
        QCOMPARE(c.socketTimeout, 30.0);
        QCOMPARE(c.pidFile, u"/run/fgw.pid"_s);
        QVERIFY(c.resourceUsage);
        QCOMPARE(c.resourceUsage->scrapeInterval, 10.0);
        QCOMPARE(c.resourceUsage->storageAddress, u"http://store:8080/usage"_s);
        QCOMPARE(c.resourceUsage->authorization, u"Bearer x"_s);
        QVERIFY(c.healthCheckLog);
        QCOMPARE(c.healthCheckLog->storageAddress, u"http://store:8080/hc"_s);
        QCOMPARE(c.healthCheckLog->authorization, u"Bearer y"_s);
        QVERIFY(c.http1PerRequestLoadBalancing);
        QVERIFY(!c.http2PerRequestLoadBalancing);
        QVERIFY(c.showUpstreamStatusInResponseHeader);
        QCOMPARE(c.options.proxyPreserveHost, false);
        QCOMPARE(c.options.clientMaxBodySize, 10'000'000);
        QCOMPARE(c.options.defaultMimeType, u"text/plain"_s);
        QVERIFY(c.options.gzip);
        QVERIFY(!c.options.gzip->disableGzip);
        QCOMPARE(c.options.gzip->minLength, 2048);
        QCOMPARE(c.options.gzip->httpVersion, 1.1);
        QCOMPARE(c.options.gzip->types, (QStringList{u"text/html"_s, u"text/css"_s}));
        QCOMPARE(c.options.gzip->disableUserAgentRegex, u"^MSIE [4-6]\\."_s);
        QVERIFY(c.options.errorPages);
        QCOMPARE(c.options.errorPages->size(), 1);
        const ErrorPageEntry &page = c.options.errorPages->first();
        QCOMPARE(page.errors, (QList<int>{502, 503}));
        QCOMPARE(page.page, u"502.html"_s);
        QCOMPARE(page.directory, u"pages"_s);
        QCOMPARE(page.status, 200);
        QVERIFY(c.options.proxyRedirect);
        QCOMPARE(c.options.proxyRedirect->size(), 1);
        QCOMPARE(c.options.proxyRedirect->first().name, u"http://upstream/"_s);
        QCOMPARE(c.options.proxyRedirect->first().value, u"https://public/"_s);
        QCOMPARE(c.options.accessLog, u"/var/log/fgw/access.log"_s);
        QVERIFY(c.options.fault && c.options.fault->delay && c.options.fault->abort);
        QCOMPARE(c.options.fault->delay->percent, 10.0);
        QCOMPARE(c.options.fault->delay->range, u"100-200"_s);
        QVERIFY(!c.options.fault->delay->fixed);
        QCOMPARE(c.options.fault->delay->unit, u"s"_s);
        QCOMPARE(c.options.fault->abort->percent, 5.0);
        QCOMPARE(c.options.fault->abort->status, 503);
        QCOMPARE(c.options.fault->abort->message, u"down"_s);
        QVERIFY(c.proxyTag);
        QCOMPARE(c.proxyTag->srcHostHeader, u"x-orig"_s);
        QCOMPARE(c.proxyTag->dstHostHeader, u"x-tag"_s);
        QCOMPARE(c.subrequestAuthAddr, u"127.0.0.1:9000"_s);
    }

    void defaultsWithoutConfigs()
    {
        const LoadResult r = ConfigLoader::load(R"({"Listeners": []})");
        QVERIFY(r.config);
        const GlobalConfig &c = r.config->configs;
        QVERIFY(!c.node.isValid());
        QVERIFY(!c.http1PerRequestLoadBalancing);
        QVERIFY(c.http2PerRequestLoadBalancing);
        QCOMPARE(c.defaultPassthroughUpstreamPort, 443);
        QVERIFY(!c.socketTimeout);
        QVERIFY(!c.options.proxyPreserveHost);
    }

    void listeners()
    {
        const auto &ls = m_config->listeners;
        QCOMPARE(ls.size(), 6);
        const ListenerConfig &http = ls[0];
        QCOMPARE(http.protocol, ListenerProtocol::Http);
        QCOMPARE(http.port, 80);
        QCOMPARE(http.listenPort, 60080);
        QCOMPARE(http.bindAddress, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(http.chainName(), u"HTTPRoute"_s);
        QVERIFY(http.accessControl);
        QCOMPARE(http.accessControl->blacklist, QStringList{u"10.0.0.0/8"_s});
        QCOMPARE(http.accessControl->whitelist, QStringList{u"127.0.0.1"_s});
        QCOMPARE(http.bpsLimit, 100000);
        QCOMPARE(http.node.position(), (TextPosition{25, 5}));

        const ListenerConfig &https = ls[1];
        QCOMPARE(https.protocol, ListenerProtocol::Https);
        QCOMPARE(https.port, 443);
        QCOMPARE(https.listenPort, 8443);
        QCOMPARE(https.bindAddress, QHostAddress(u"127.0.0.1"_s));
        QCOMPARE(https.chainName(), u"HTTPSRoute"_s);
        QVERIFY(https.tls);
        QCOMPARE(https.tls->mode, TlsMode::Terminate);
        QVERIFY(https.tls->mtls);
        QCOMPARE(https.tls->certificates.size(), 1);
        QCOMPARE(https.tls->certificates[0].certChain, u"CERT"_s);
        QCOMPARE(https.tls->certificates[0].privateKey, u"KEY"_s);
        QCOMPARE(https.tls->certificates[0].issuingCa, u"CA"_s);
        QCOMPARE(https.tls->caCerts, (QStringList{u"CA1"_s, u"CA2"_s}));
        QCOMPARE(https.tls->alpn, u"h2"_s);

        QCOMPARE(ls[2].protocol, ListenerProtocol::Tls);
        QCOMPARE(ls[2].tls->mode, TlsMode::Passthrough);
        QCOMPARE(ls[2].chainName(), u"TLSPassthrough"_s);
        QCOMPARE(ls[3].chainName(), u"TLSTerminate"_s);
        QVERIFY(!ls[3].tls->certificates[0].issuingCa);
        QCOMPARE(ls[4].protocol, ListenerProtocol::Tcp);
        QCOMPARE(ls[4].chainName(), u"TCPRoute"_s);
        QCOMPARE(ls[5].protocol, ListenerProtocol::Udp);
        QCOMPARE(ls[5].chainName(), u"UDPRoute"_s);
        QCOMPARE(ls[5].bindAddress, QHostAddress(u"::1"_s));
        QCOMPARE(ls[5].listenPort, 2001);
    }

    void httpRoutes()
    {
        const RouteRule *rule = m_config->routeRuleForPort(443);
        QVERIFY(rule);
        QCOMPARE(rule, m_config->routeRuleForPort(80));
        QCOMPARE(rule->portKey, u"80, 443"_s);
        QCOMPARE(rule->ports, (QList<int>{80, 443}));
        QCOMPARE(rule->kind, RouteRuleKind::Http);
        QCOMPARE(rule->domains.size(), 1);
        const DomainRule &d = rule->domains[0];
        QCOMPARE(d.hostKey, u"www.test.com, api.test.com"_s);
        QCOMPARE(d.hosts, (QStringList{u"www.test.com"_s, u"api.test.com"_s}));
        QCOMPARE(d.routeType, RouteType::Http);
        QVERIFY(d.rateLimit);
        QCOMPARE(d.rateLimit->backlog, 1);
        QCOMPARE(d.rateLimit->requests, 10);
        QCOMPARE(d.rateLimit->burst, 20);
        QCOMPARE(d.rateLimit->statTimeWindow, 60.0);
        QCOMPARE(d.rateLimit->responseStatusCode, 431);
        QCOMPARE(d.rateLimit->responseHeadersToAdd.size(), 1);
        QCOMPARE(d.rateLimit->responseHeadersToAdd[0].name, u"x-limit"_s);
        QCOMPARE(d.rateLimit->responseHeadersToAdd[0].value, u"yes"_s);
        QCOMPARE(d.rateLimit->mode, u"Local"_s);
        QVERIFY(d.accessControl);
        QVERIFY(d.accessControl->enableXff);
        QCOMPARE(d.accessControl->status, 451);
        QCOMPARE(d.accessControl->message, u"no"_s);
        QCOMPARE(d.options.accessLog, u"/tmp/domain.log"_s);
        QCOMPARE(d.options.clientMaxBodySize, 1024);

        QCOMPARE(d.matches.size(), 2);
        const RouteMatch &m = d.matches[0];
        QVERIFY(m.path);
        QCOMPARE(m.path->type, PathMatchType::Regex);
        QCOMPARE(m.path->path, u"^/api/v[0-9]+/.*$"_s);
        QVERIFY(m.headers);
        QCOMPARE(m.headers->exact.size(), 1);
        QCOMPARE(m.headers->exact[0].name, u"x-env"_s);
        QCOMPARE(m.headers->regex[0].value, u"^curl"_s);
        QVERIFY(!m.headers->neverMatches);
        QVERIFY(m.queryParams);
        QCOMPARE(m.queryParams->exact[0].name, u"debug"_s);
        QCOMPARE(m.methods, (QStringList{u"GET"_s, u"POST"_s}));
        QCOMPARE(m.backends.size(), 2);
        QCOMPARE(m.backends[0].service, u"svcA"_s);
        QCOMPARE(m.backends[0].weight, 80);
        QCOMPARE(m.backends[0].filters.size(), 1);
        const Filter &bf = m.backends[0].filters[0];
        QCOMPARE(bf.type, FilterType::RequestHeaderModifier);
        QVERIFY(bf.headerModifier);
        QCOMPARE(bf.headerModifier->set[0].name, u"x-a"_s);
        QCOMPARE(bf.headerModifier->set[0].value, u"1"_s);
        QCOMPARE(bf.headerModifier->add[0].name, u"x-b"_s);
        QCOMPARE(bf.headerModifier->remove, QStringList{u"x-c"_s});
        QCOMPARE(m.backends[1].weight, 20);

        QCOMPARE(m.filters.size(), 4);
        QCOMPARE(m.filters[0].type, FilterType::ResponseHeaderModifier);
        QCOMPARE(m.filters[0].headerModifier->set[0].value, u"gh"_s);
        const Filter &redirect = m.filters[1];
        QCOMPARE(redirect.type, FilterType::RequestRedirect);
        QVERIFY(redirect.requestRedirect);
        QCOMPARE(redirect.requestRedirect->scheme, u"https"_s);
        QCOMPARE(redirect.requestRedirect->hostname, u"www.test.com"_s);
        QCOMPARE(redirect.requestRedirect->path->type, PathModifierType::ReplacePrefixMatch);
        QCOMPARE(redirect.requestRedirect->path->replacement, u"/abc"_s);
        QCOMPARE(redirect.requestRedirect->port, 8443);
        QCOMPARE(redirect.requestRedirect->statusCode, 301);
        const Filter &rewrite = m.filters[2];
        QCOMPARE(rewrite.type, FilterType::UrlRewrite);
        QCOMPARE(rewrite.typeName, u"URLRewrite"_s);
        QVERIFY(rewrite.urlRewrite);
        QCOMPARE(rewrite.urlRewrite->hostname, u"backend"_s);
        QCOMPARE(rewrite.urlRewrite->path->type, PathModifierType::ReplaceFullPath);
        QCOMPARE(rewrite.urlRewrite->path->replacement, u"/repo/"_s);
        QCOMPARE(m.filters[3].type, FilterType::RequestMirror);
        QCOMPARE(m.filters[3].requestMirror->backendService, u"svcB"_s);
        QCOMPARE(filterTypeName(FilterType::UrlRewrite), u"URLRewrite"_s);

        QVERIFY(m.rateLimit);
        QCOMPARE(m.rateLimit->requests, 5);
        QVERIFY(!m.rateLimit->burst);
        QCOMPARE(m.rateLimit->responseStatusCode, 429);
        QVERIFY(m.accessControl);
        QCOMPARE(m.accessControl->status, 403);
        QVERIFY(m.enableHeadersAuthorization);
        QCOMPARE(m.headersAuthorizationType, u"Basic"_s);
        QVERIFY(m.enableSubrequestAuthorization);
        QCOMPARE(m.routeName, u"api"_s);
        QCOMPARE(m.options.proxyPreserveHost, true);
        QCOMPARE(m.options.defaultMimeType, u"application/json"_s);
        QVERIFY(m.options.fault && !m.options.fault->delay);
        QCOMPARE(m.options.fault->abort->status, 500);

        const RouteMatch &s = d.matches[1];
        QCOMPARE(s.path->type, PathMatchType::Prefix);
        QCOMPARE(s.serverRoot, u"/srv/www"_s);
        QCOMPARE(s.index, (QStringList{u"index.html"_s, u"index.htm"_s}));
        QCOMPARE(s.tryFiles, (QStringList{u"$uri"_s, u"$uri/default/"_s, u"=404"_s}));
        QVERIFY(s.backends.isEmpty());
    }

    void grpcRoutes()
    {
        const RouteRule *rule = m_config->routeRuleForPort(8080);
        QVERIFY(rule);
        QCOMPARE(rule->kind, RouteRuleKind::Http); // no listener: guessed from the shape
        const DomainRule &d = rule->domains[0];
        QCOMPARE(d.routeType, RouteType::Grpc);
        const RouteMatch &m = d.matches[0];
        QVERIFY(m.grpcMethod);
        QCOMPARE(m.grpcMethod->type, u"Exact"_s);
        QCOMPARE(m.grpcMethod->service, u"helloworld.Greeter"_s);
        QCOMPARE(m.grpcMethod->method, u"SayHello"_s);
        QCOMPARE(m.headers->exact[0].value, u"a"_s);
        QCOMPARE(m.backends[0].service, u"svcA"_s);
    }

    void l4Routes()
    {
        const RouteRule *passthrough = m_config->routeRuleForPort(9443);
        QCOMPARE(passthrough->kind, RouteRuleKind::Tls);
        QCOMPARE(passthrough->tlsRoutes.size(), 2);
        QCOMPARE(passthrough->tlsRoutes[0].hosts, QStringList{u"www.test.com"_s});
        QCOMPARE(passthrough->tlsRoutes[0].passthroughTarget, u"10.0.0.5:443"_s);
        QCOMPARE(passthrough->tlsRoutes[1].passthroughTarget, u"backend.internal"_s);

        const RouteRule *terminate = m_config->routeRuleForPort(9444);
        QCOMPARE(terminate->kind, RouteRuleKind::Tls);
        QCOMPARE(terminate->tlsRoutes[0].services.size(), 1);
        QCOMPARE(terminate->tlsRoutes[0].services[0].service, u"svcA"_s);
        QCOMPARE(terminate->tlsRoutes[0].services[0].weight, 100);

        const RouteRule *tcp = m_config->routeRuleForPort(2000);
        QCOMPARE(tcp->kind, RouteRuleKind::L4);
        QCOMPARE(tcp->services.size(), 2);
        QCOMPARE(tcp->services[1].service, u"svcB"_s);
        QCOMPARE(tcp->services[1].weight, 50);
        QCOMPARE(m_config->routeRuleForPort(2001)->kind, RouteRuleKind::L4);
    }

    void services()
    {
        QCOMPARE(m_config->services.size(), 2);
        const Service *a = m_config->service(u"svcA"_s);
        QVERIFY(a);
        QCOMPARE(a->name, u"svcA"_s);
        QCOMPARE(a->endpoints.size(), 2);
        const Endpoint &e = a->endpoints[0];
        QCOMPARE(e.address, u"127.0.0.1:8081"_s);
        QCOMPARE(e.weight, 100);
        QVERIFY(!e.isBackup());
        QVERIFY(e.extras);
        QCOMPARE(e.extras->tags.member("Cluster"_L1).toString(), u"c1"_s);
        QCOMPARE(e.extras->upstreamCert->certChain, u"EC"_s);
        QCOMPARE(e.extras->upstreamCert->privateKey, u"EK"_s);
        QCOMPARE(e.extras->useSsl, true);
        QCOMPARE(e.extras->host, u"a.internal"_s);
        QVERIFY(a->endpoints[1].isBackup());
        QVERIFY(!a->endpoints[1].extras); // nothing rare set: nothing allocated
        QCOMPARE(a->algorithm, LoadBalancingAlgorithm::Hashing);
        QCOMPARE(a->algorithmName, u"HashingLoadBalancer"_s);
        QCOMPARE(a->stickyCookieName, u"_srv_id"_s);
        QCOMPARE(a->stickyCookieExpires, 600);

        QVERIFY(a->healthCheck);
        const HealthCheckConfig &hc = *a->healthCheck;
        QCOMPARE(hc.interval, 5.0);
        QCOMPARE(hc.maxFails, 1);
        QCOMPARE(hc.failTimeout, 30.0);
        QCOMPARE(hc.path, u"/healthz"_s);
        QVERIFY(hc.isActive());
        QVERIFY(hc.isHttpProbe());
        QVERIFY(!hc.legacyShape);
        QCOMPARE(hc.matches.size(), 1);
        QCOMPARE(hc.matches[0].statusCodes, (QList<int>{200, 204}));
        QCOMPARE(hc.matches[0].body, u"ok"_s);
        QCOMPARE(hc.matches[0].headers[0].name, u"content-type"_s);
        QCOMPARE(hc.matches[0].kind, HealthCheckMatchKind::Current);

        QVERIFY(a->circuitBreaking);
        const CircuitBreakingConfig &cb = *a->circuitBreaking;
        QCOMPARE(cb.minRequestAmount, 10);
        QCOMPARE(cb.statTimeWindow, 20.0);
        QCOMPARE(cb.slowTimeThreshold, 2.0);
        QCOMPARE(cb.slowAmountThreshold, 3);
        QCOMPARE(cb.slowRatioThreshold, 0.5);
        QCOMPARE(cb.errorAmountThreshold, 4);
        QCOMPARE(cb.errorRatioThreshold, 0.25);
        QCOMPARE(cb.degradedTimeWindow, 15.0);
        QCOMPARE(cb.degradedStatusCode, 503);
        QCOMPARE(cb.degradedResponseContent, u"busy"_s);

        QVERIFY(a->retry);
        QCOMPARE(a->retry->retryOn, u"5xx,403"_s);
        QCOMPARE(a->retry->numRetries, 4);
        QCOMPARE(a->retry->backoffBaseInterval, 0.1);
        QVERIFY(a->upstreamCert);
        QCOMPARE(a->upstreamCert->issuingCa, u"SCA"_s);
        QVERIFY(a->mtls);
        QCOMPARE(a->maxRequestsPerConnection, 100);
        QVERIFY(a->plugins.member("cors"_L1).isObject());
        QCOMPARE(a->plugins.member("traffic-mirror"_L1).member("serviceName"_L1).toString(),
                 u"svcB"_s);

        // Defaults (§1.7, §1.7.3).
        const Service *b = m_config->service(u"svcB"_s);
        QVERIFY(b);
        QCOMPARE(b->algorithm, LoadBalancingAlgorithm::RoundRobin);
        QVERIFY(!b->algorithmName);
        QCOMPARE(b->stickyCookieExpires, 3600);
        QVERIFY(!b->healthCheck && !b->retry && !b->upstreamCert);
        QVERIFY(!b->mtls);
        QVERIFY(!b->plugins.isValid());
        QVERIFY(b->circuitBreaking);
        QCOMPARE(b->circuitBreaking->minRequestAmount, 100);
        QCOMPARE(b->circuitBreaking->statTimeWindow, 30.0);
        QCOMPARE(b->circuitBreaking->slowTimeThreshold, 5.0);
        QCOMPARE(b->circuitBreaking->degradedTimeWindow, 30.0);
        QCOMPARE(b->circuitBreaking->degradedStatusCode, 409);
        QCOMPARE(b->circuitBreaking->degradedResponseContent, u"Coming soon ..."_s);
        QVERIFY(!m_config->service(u"missing"_s));
    }

    void chainsCertificateConsumersVersionFeatures()
    {
        QCOMPARE(m_config->chains.size(), 6);
        const Chain *http = m_config->chain(u"HTTPRoute");
        QVERIFY(http);
        QCOMPARE(http->modules.size(), 6);
        QCOMPARE(http->modules[2].path, u"http/route.js"_s);
        QVERIFY(http->contains(u"http/forward.js"));
        QVERIFY(!http->contains("http/access-log.js"_L1));
        QCOMPARE(m_config->chain(u"TCPRoute")->modules.size(), 1);
        QVERIFY(!m_config->chain(u"NoSuchRoute"));

        QVERIFY(m_config->certificate);
        QCOMPARE(m_config->certificate->certChain, u"GC"_s);
        QCOMPARE(m_config->certificate->issuingCa, u"GCA"_s);

        QCOMPARE(m_config->consumers.size(), 1);
        QCOMPARE(m_config->consumers[0].node.member("name"_L1).toString(), u"alice"_s);
        QCOMPARE(m_config->consumers[0].headersAuthorization[0].name, u"authorization"_s);
        QCOMPARE(m_config->consumers[0].headersAuthorization[0].value, u"Basic YWxpY2U6cHc="_s);
        QCOMPARE(m_config->version, u"42"_s);
        QVERIFY(m_config->features.isObject());
    }

    void everyStructKnowsItsSource()
    {
        // Positions come from the document the config keeps alive.
        const Service *a = m_config->service(u"svcA"_s);
        QCOMPARE(a->node.keyPosition(), (TextPosition{92, 5}));
        QCOMPARE(a->endpoints[1].node.keyPosition(), (TextPosition{95, 9}));
        QCOMPARE(a->healthCheck->node.keyPosition(), (TextPosition{100, 7}));
        QVERIFY(m_config->document == m_result.document);
        std::weak_ptr<const JsonDocument> weak = m_result.document;
        std::shared_ptr<const Config> config = m_result.config;
        const QList<Diagnostic> diagnostics = m_result.diagnostics;
        m_result = {};
        QVERIFY(!weak.expired()); // the config alone keeps the document alive
        QCOMPARE(config->service(u"svcA"_s)->node.key(), u"svcA"_s);
        m_result.config = config;
        m_result.document = config->document;
        m_result.diagnostics = diagnostics;
    }

    void unsupportedFeaturesAreNamed()
    {
        // Each configured feature the engine lacks gets one warning at its key.
        const QList<Diagnostic> unsupported = m_result.withCode(u"unsupported-feature");
        QStringList lines;
        for (const Diagnostic &d : unsupported)
            lines << QString::number(d.position.line);
        QVERIFY2(unsupported.size() >= 20, qPrintable(lines.join(u',')));
        auto at = [&](int line) {
            return std::any_of(unsupported.cbegin(), unsupported.cend(),
                               [&](const Diagnostic &d) { return d.position.line == line; });
        };
        QVERIFY(at(16));  // Gzip
        QVERIFY(at(17));  // ErrorPage
        QVERIFY(at(18));  // ProxyRedirect
        QVERIFY(at(20));  // Fault
        QVERIFY(at(25));  // AccessControlLists, BpsLimit
        QVERIFY(at(26));  // HTTPS
        QVERIFY(at(30));  // TLS
        QVERIFY(at(32));  // TCP
        QVERIFY(at(33));  // UDP
        QVERIFY(at(84));  // RouteType GRPC
        QVERIFY(at(94));  // UpstreamCert/UseSSL on an endpoint
        QVERIFY(at(104)); // Retry
        QVERIFY(at(108)); // Plugins
        QVERIFY(at(124)); // Consumers
    }

private:
    LoadResult m_result;
    const Config *m_config = nullptr;
};

QTEST_GUILESS_MAIN(TestConfigModel)
#include "tst_configmodel.moc"
