#include "config/configloader.h"
#include "engine/componentfactory.h"
#include "engine/hashingbalancer.h"
#include "engine/leastconnectionbalancer.h"
#include "engine/roundrobinbalancer.h"

#include <QFile>
#include <QTest>

using namespace Gatehouse::Core;

namespace {

std::shared_ptr<const Config> load(const QByteArray &text)
{
    const LoadResult r = ConfigLoader::load(text);
    if (!r.config || r.hasErrors()) {
        for (const Diagnostic &d : r.diagnostics)
            qWarning().noquote() << d.format(QStringLiteral("config.json"));
        return nullptr;
    }
    return r.config;
}

const RouteMatch *firstMatch(const Config &config, int port)
{
    const RouteRule *rule = config.routeRuleForPort(port);
    if (!rule || rule->domains.isEmpty() || rule->domains[0].matches.isEmpty())
        return nullptr;
    return &rule->domains[0].matches[0];
}

} // namespace

class tst_ComponentFactory : public QObject
{
    Q_OBJECT

private slots:
    void articleConfig();
    void otherShapes();
};

void tst_ComponentFactory::articleConfig()
{
    QFile f(QStringLiteral(":/examples/fgw-article.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto config = load(f.readAll());
    QVERIFY(config);
    const Service *svc = config->service(QStringLiteral("backendService1"));
    QVERIFY(svc);

    // HealthCheck in the legacy shape: Uri "/" and {Type: status, Value: [200, 201]}
    const HealthCheckSpec spec = ComponentFactory::healthCheckSpec(*svc);
    QCOMPARE(spec.intervalMs, qint64(2000));
    QCOMPARE(spec.maxFails, 2);
    QCOMPARE(spec.failTimeoutMs, qint64(30000));
    QCOMPARE(spec.path, QByteArray("/"));
    QCOMPARE(spec.matches.size(), 1);
    QCOMPARE(spec.matches[0].statusCodes, (QList<int>{200, 201}));
    QVERIFY(spec.enabled());

    HealthTable table;
    table.addService(QStringLiteral("other"), {QStringLiteral("10.0.0.1:1")}, {});
    const int first = ComponentFactory::addToHealthTable(table, *svc);
    QCOMPARE(first, 1);
    QCOMPARE(table.target(first + 1).endpoint, QStringLiteral("127.0.0.1:8082"));
    QCOMPARE(table.target(first + 1).port, quint16(8082));

    // 100/100 round robin, alternating
    const auto lb = ComponentFactory::balancer(*svc);
    QVERIFY(dynamic_cast<RoundRobinBalancer *>(lb.get()));
    QCOMPARE(lb->pick({}), 0);
    QCOMPARE(lb->pick({}), 1);
    QCOMPARE(lb->pick({}), 0);

    // the article's cookie (macOS FGW) and the Linux FGW one both pin 127.0.0.1:8082
    const auto sticky = ComponentFactory::stickyCookie(*svc);
    QVERIFY(sticky);
    QCOMPARE(sticky->name(), QByteArray("_srv_id"));
    QCOMPARE(sticky->expiresSeconds(), qint64(3600));
    QCOMPARE(sticky->endpointForCookieHeader("_srv_id=3021372512864600"), 1);
    QCOMPARE(sticky->endpointForCookieHeader("_srv_id=8153145845723989"), 1);

    // the static route on 8080
    const RouteMatch *m = firstMatch(*config, 8080);
    QVERIFY(m);
    const StaticFiles::Options o
        = ComponentFactory::staticFilesOptions(*m, QStringLiteral("/etc/gatehouse"), std::nullopt);
    QCOMPARE(o.root, QStringLiteral("/tmp"));
    QCOMPARE(o.index, (QList<QByteArray>{"index.html", "index.htm"}));
    QVERIFY(o.tryFiles.isEmpty());
    QVERIFY(o.defaultMimeType.isEmpty());
}

void tst_ComponentFactory::otherShapes()
{
    const auto config = load(R"({
      "Listeners": [{"Protocol": "HTTP", "Port": 9000}],
      "RouteRules": {"9000": {"*": {"RouteType": "HTTP", "Matches": [
        {"ServerRoot": "site", "TryFiles": ["$uri", "$uri/", "=404"]}]}}},
      "Services": {
        "h": {"Algorithm": "HashingLoadBalancer",
              "Endpoints": {"10.0.0.1:80": {"Weight": 1}, "10.0.0.2:80": {"Weight": 1}},
              "HealthCheck": {"Interval": 0.25, "MaxFails": 3}},
        "l": {"Algorithm": "LeastConnectionLoadBalancer",
              "Endpoints": {"10.0.0.1:80": {}, "10.0.0.2:80": {"Weight": 0}},
              "HealthCheck": {"MaxFails": 1, "FailTimeout": 1.5, "Path": "/ready",
                              "Matches": [{"StatusCodes": [204], "Body": "up",
                                           "Headers": {"X-State": "ready"}}]}},
        "w": {"Algorithm": "LeastWorkLoadBalancer", "Endpoints": {"10.0.0.3:80": {"Weight": 2}}}
      },
      "Chains": {"HTTPRoute": ["common/consumer.js", "http/codec.js", "http/route.js",
                               "http/service.js", "http/forward.js", "http/default.js"]}
    })");
    QVERIFY(config);
    const Service *h = config->service(QStringLiteral("h"));
    const Service *l = config->service(QStringLiteral("l"));
    const Service *w = config->service(QStringLiteral("w"));
    QVERIFY(h && l && w);

    QVERIFY(dynamic_cast<HashingBalancer *>(ComponentFactory::balancer(*h).get()));
    QVERIFY(dynamic_cast<LeastConnectionBalancer *>(ComponentFactory::balancer(*l).get()));
    QVERIFY(dynamic_cast<LeastConnectionBalancer *>(ComponentFactory::balancer(*w).get()));
    QCOMPARE(ComponentFactory::weights(*l), (QList<int>{1, 0}));
    QVERIFY(!ComponentFactory::stickyCookie(*h));

    const HealthCheckSpec hs = ComponentFactory::healthCheckSpec(*h);
    QCOMPARE(hs.intervalMs, qint64(250)); // fractional seconds survive
    QCOMPARE(hs.maxFails, 3);
    QVERIFY(hs.path.isEmpty()); // TCP probe
    QVERIFY(hs.enabled());

    const HealthCheckSpec ls = ComponentFactory::healthCheckSpec(*l);
    QCOMPARE(ls.intervalMs, qint64(0));
    QCOMPARE(ls.failTimeoutMs, qint64(1500));
    QCOMPARE(ls.path, QByteArray("/ready"));
    QCOMPARE(ls.matches.size(), 1);
    QCOMPARE(ls.matches[0].statusCodes, QList<int>{204});
    QCOMPARE(ls.matches[0].body, QByteArray("up"));
    QCOMPARE(ls.matches[0].headers.size(), 1);
    QCOMPARE(ls.matches[0].headers[0].first, QByteArray("X-State"));
    QCOMPARE(ls.matches[0].headers[0].second, QByteArray("ready"));

    QVERIFY(!ComponentFactory::healthCheckSpec(*w).enabled());

    const RouteMatch *m = firstMatch(*config, 9000);
    QVERIFY(m);
    const StaticFiles::Options o = ComponentFactory::staticFilesOptions(
        *m, QStringLiteral("/srv/gw"), QStringLiteral("text/plain"));
    QCOMPARE(o.root, QStringLiteral("/srv/gw/static/site"));
    QCOMPARE(o.index, QList<QByteArray>{"index.html"});
    QCOMPARE(o.tryFiles, (QList<QByteArray>{"$uri", "$uri/", "=404"}));
    QCOMPARE(o.defaultMimeType, QByteArray("text/plain"));
}

QTEST_GUILESS_MAIN(tst_ComponentFactory)
#include "tst_componentfactory.moc"
