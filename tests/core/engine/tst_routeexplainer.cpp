// The route tester's explanation, computed with the engine's own compiled tables and match test.
#include "config/jsondocument.h"
#include "engine/compiledconfig.h"
#include "engine/routeexplainer.h"
#include "engine/stickycookie.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Gatehouse::Core;

namespace {
const char *kConfig =
    "{\n"
    "  \"Listeners\": [{\"Protocol\": \"HTTP\", \"Port\": 8000, \"Listen\": 18000}],\n"
    "  \"RouteRules\": {\"8000\": {\n"
    "    \"api.example.com\": {\"Matches\": [\n"
    "      {\"Methods\": [\"GET\"], \"Path\": {\"Type\": \"Prefix\", \"Path\": \"/api\"}, \"BackendService\": {\"read\": {\"Weight\": 1}}},\n"
    "      {\"Path\": {\"Type\": \"Prefix\", \"Path\": \"/api\"}, \"Headers\": {\"Exact\": {\"x-tenant\": \"a\"}}, \"BackendService\": {\"write\": {\"Weight\": 3}, \"read\": {\"Weight\": 1}}},\n"
    "      {\"Path\": {\"Type\": \"Exact\", \"Path\": \"/health\"}, \"BackendService\": {\"read\": {\"Weight\": 1}}}\n"
    "    ]},\n"
    "    \"*.example.com\": {\"Matches\": [{\"BackendService\": {\"read\": {\"Weight\": 1}}}]},\n"
    "    \"*\": {\"Matches\": [{\"Path\": {\"Type\": \"Prefix\", \"Path\": \"/\"}, \"BackendService\": {\"nope\": {\"Weight\": 0}}}]}\n"
    "  }},\n"
    "  \"Services\": {\n"
    "    \"read\": {\"Endpoints\": {\"127.0.0.1:9001\": {\"Weight\": 1}, \"127.0.0.1:9002\": {\"Weight\": 1}},\n"
    "             \"StickyCookieName\": \"_srv_id\",\n"
    "             \"HealthCheck\": {\"Interval\": 60, \"MaxFails\": 1, \"Path\": \"/\"}},\n"
    "    \"write\": {\"Endpoints\": {\"127.0.0.1:9003\": {\"Weight\": 1}}}\n"
    "  },\n"
    "  \"Chains\": {\"HTTPRoute\": [\"http/codec.js\", \"http/route.js\", \"http/service.js\", \"http/forward.js\", \"http/default.js\"]}\n"
    "}\n";

QStringList reasons(const RouteExplanation &e)
{
    QStringList out;
    for (const RouteStep &s : e.steps)
        out << (s.taken ? u"+ "_qs : u"- "_qs) + s.subject + u": "_qs + s.reason;
    return out;
}
} // namespace

class TestRouteExplainer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        auto parsed = JsonDocument::parse(kConfig);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.message));
        m_doc = parsed.document;
        auto compiled = CompiledConfig::compile(*m_doc, m_dir.path());
        QVERIFY2(compiled.config, qPrintable(compiled.error));
        m_config = compiled.config;
    }

    void noListener()
    {
        const auto e = RouteExplainer::explain(*m_config, 9999, "GET", "/", {{"Host", "x"}});
        QVERIFY(!e.routed);
        QCOMPARE(e.steps.size(), 1);
        QVERIFY(!e.steps[0].taken);
        QVERIFY(e.outcome.contains(u"refused"_qs));
    }

    void earlierMatchesSayWhyTheyMissed()
    {
        const auto e = RouteExplainer::explain(*m_config, 8000, "POST", "/api/orders?id=1",
                                               {{"Host", "API.example.com"}, {"X-Tenant", "a"}});
        const QStringList r = reasons(e);
        QVERIFY2(e.routed, qPrintable(r.join(u'\n')));
        QCOMPARE(e.bindPort, 18000);
        QVERIFY2(r.contains(u"+ host api.example.com: equals api.example.com"_qs), qPrintable(r.join(u'\n')));
        QVERIFY2(r.contains(u"- match #1 (Prefix /api): method POST is not one of GET"_qs), qPrintable(r.join(u'\n')));
        QVERIFY(r.contains(u"+ match #2 (Prefix /api): takes the request"_qs));
        QVERIFY(r.contains(u"+ service write: weight 3: 75% of the requests"_qs));
        QVERIFY(r.contains(u"+ service read: weight 1: 25% of the requests"_qs));
    }

    void segmentRuleAndHeaders()
    {
        auto e = RouteExplainer::explain(*m_config, 8000, "PUT", "/apix", {{"Host", "api.example.com"}, {"x-tenant", "a"}});
        QVERIFY(reasons(e).join(u'\n').contains(u"not at a segment boundary"_qs));
        QVERIFY(!e.routed);
        QVERIFY(e.outcome.startsWith(u"404"_qs));
        e = RouteExplainer::explain(*m_config, 8000, "PUT", "/api/x", {{"Host", "api.example.com"}, {"x-tenant", "b"}});
        QVERIFY2(reasons(e).contains(u"- match #2 (Prefix /api): header x-tenant is not \"a\""_qs), qPrintable(reasons(e).join(u'\n')));
    }

    void hostWithPortSkipsTheSuffixWildcard()
    {
        // FGW compares the Host header with its port: "*.example.com" does not take
        // "www.example.com:8000", the catch-all does (and its only service has weight 0).
        const auto e = RouteExplainer::explain(*m_config, 8000, "GET", "/", {{"Host", "www.example.com:8000"}});
        const QStringList r = reasons(e);
        QVERIFY2(r.contains(u"- host *.example.com: www.example.com:8000 does not end with .example.com"_qs), qPrintable(r.join(u'\n')));
        QVERIFY(r.contains(u"+ host *: matches every host"_qs));
        QVERIFY(e.outcome.contains(u"weight above 0"_qs));
        QCOMPARE(RouteExplainer::explain(*m_config, 8000, "GET", "/", {}).outcome, u"404 Not found"_qs);
    }

    void stickyCookieAndHealth()
    {
        const QByteArray cookie = "_srv_id=" + QByteArray::number(fgwStickyValue("127.0.0.1:9002", StdHashFamily::LibStdCxx));
        auto e = RouteExplainer::explain(*m_config, 8000, "GET", "/health", {{"Host", "api.example.com"}, {"Cookie", cookie}});
        QVERIFY2(reasons(e).join(u'\n').contains(u"127.0.0.1:9002: weight 1 - the sticky cookie pins the request here"_qs), qPrintable(reasons(e).join(u'\n')));
        QCOMPARE(e.outcome, u"Proxied to 127.0.0.1:9002."_qs);
        // 9002 fails its probe (MaxFails 1): the cookie no longer pins it.
        const int target = m_config->services[0].firstTarget + 1;
        m_config->health->reportProbe(target, ProbeResult{HealthReason::Refused, 0, -1});
        e = RouteExplainer::explain(*m_config, 8000, "GET", "/health", {{"Host", "api.example.com"}, {"Cookie", cookie}});
        const QString all = reasons(e).join(u'\n');
        QVERIFY2(all.contains(u"- 127.0.0.1:9002: unhealthy: skipped - the sticky cookie names it, but it is unhealthy"_qs), qPrintable(all));
        QVERIFY2(e.outcome.startsWith(u"Proxied to read (1 usable endpoint"_qs), qPrintable(e.outcome));
    }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const JsonDocument> m_doc;
    std::shared_ptr<const CompiledConfig> m_config;
};

QTEST_GUILESS_MAIN(TestRouteExplainer)
#include "tst_routeexplainer.moc"
