#include "config/configdiff.h"
#include "config/configloader.h"

#include <QFile>
#include <QtTest>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

QByteArray article()
{
    QFile f(QStringLiteral(":/examples/fgw-article.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The article's config with `from` replaced by `to` (once, and it must be there).
QByteArray edited(const QByteArray &from, const QByteArray &to)
{
    QByteArray text = article();
    const qsizetype at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0)
        return {};
    return text.replace(at, from.size(), to);
}

QStringList sentencesOf(const QList<ConfigDiff::Change> &changes)
{
    QStringList out;
    for (const auto &c : changes)
        out << c.sentence;
    return out;
}

} // namespace

class TestConfigDiff : public QObject
{
    Q_OBJECT
private:
    // A config with errors (a new listener still missing its chain) still has a model, and
    // the publish dialog shows its diff next to the errors, so the diff must work on it.
    static std::shared_ptr<const Config> load(const QByteArray &text)
    {
        return ConfigLoader::load(text).config;
    }

private slots:
    void sentences_data()
    {
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("endpoint removed")
            << edited(",\n        \"127.0.0.1:8082\": {\n          \"Weight\": 100\n        }", "")
            << QStringList{u"service backendService1: endpoint 127.0.0.1:8082 removed"_s};
        QTest::newRow("endpoint weight")
            << edited("\"127.0.0.1:8081\": {\n          \"Weight\": 100",
                      "\"127.0.0.1:8081\": {\n          \"Weight\": 50")
            << QStringList{u"service backendService1: endpoint 127.0.0.1:8081 weight 100 -> 50"_s};
        QTest::newRow("endpoint added")
            << edited("\"127.0.0.1:8082\": {",
                      "\"127.0.0.1:8083\": {\"Weight\": 0}, \"127.0.0.1:8082\": {")
            << QStringList{
                   u"service backendService1: endpoint 127.0.0.1:8083 added with weight 0"_s};
        QTest::newRow("endpoint Host set")
            << edited("\"127.0.0.1:8082\": {\n          \"Weight\": 100",
                      "\"127.0.0.1:8082\": {\n          \"Weight\": 100, \"Host\": \"b.test\"")
            << QStringList{
                   u"service backendService1: endpoint 127.0.0.1:8082: Host set to b.test"_s};
        QTest::newRow("new listener")
            << edited("\"Port\": 8080\n    }",
                      "\"Port\": 8080\n    },\n    {\"Protocol\": \"TCP\", \"Port\": 8443}")
            << QStringList{u"new listener 8443 (TCP)"_s};
        QTest::newRow("listener removed and its routes")
            << edited("\"Port\": 8000\n    },\n    {\n      \"Protocol\": \"HTTP\",\n      "
                      "\"Port\": 8080\n    }",
                      "\"Port\": 8000\n    }")
            << QStringList{u"listener 8080 removed"_s};
        QTest::newRow("listener bind address")
            << edited("\"Port\": 8000\n", "\"Port\": 8000, \"Listen\": \"127.0.0.1:9000\"\n")
            << QStringList{u"listener 8000: bind address 0.0.0.0:8000 -> 127.0.0.1:9000"_s};
        QTest::newRow("host renamed")
            << edited("\"8000\": {\n      \"*\"", "\"8000\": {\n      \"www.example.com\"")
            << QStringList{u"port 8000: new host www.example.com"_s,
                           u"port 8000: host * removed"_s};
        QTest::newRow("route path changed")
            << edited("\"Type\": \"Prefix\",\n              \"Path\": \"/\"",
                      "\"Type\": \"Prefix\",\n              \"Path\": \"/api/\"")
            << QStringList{u"port 8000, host *: new route Prefix /api/ -> backendService1"_s,
                           u"port 8000, host *: route Prefix / removed"_s};
        QTest::newRow("backend weight and new backend")
            << edited("\"backendService1\": {\n                \"Weight\": 100\n              }",
                      "\"backendService1\": {\n                \"Weight\": 90\n              },"
                      " \"canary\": {\"Weight\": 10}")
            << QStringList{
                   u"port 8000, host *, route Prefix /: service backendService1 weight 100 -> 90"_s,
                   u"port 8000, host *, route Prefix /: service canary added with weight 10"_s};
        QTest::newRow("static root moved")
            << edited("\"ServerRoot\": \"/tmp\"", "\"ServerRoot\": \"/srv/www\"")
            << QStringList{
                   u"port 8080, host *, route any path: serves files in /srv/www instead of files in /tmp"_s};
        QTest::newRow("match option added")
            << edited("\"ServerRoot\": \"/tmp\"",
                      "\"ServerRoot\": \"/tmp\", \"TryFiles\": [\"$uri\", \"=404\"]")
            << QStringList{
                   u"port 8080, host *, route any path: TryFiles set to [\"$uri\",\"=404\"]"_s};
        QTest::newRow("sticky lifetime")
            << edited("\"StickyCookieExpires\": 3600", "\"StickyCookieExpires\": 600")
            << QStringList{u"service backendService1: sticky cookie lifetime 3600 s -> 600 s"_s};
        QTest::newRow("sticky off")
            << edited(",\n      \"StickyCookieName\": \"_srv_id\"", "")
            << QStringList{u"service backendService1: sticky sessions disabled"_s};
        QTest::newRow("health check interval and statuses")
            << edited("\"Interval\": 2", "\"Interval\": 5").replace("201\n", "204\n")
            << QStringList{
                   u"service backendService1: health check interval 2 s -> 5 s"_s,
                   u"service backendService1: health check accepted statuses 200, 201 -> 200, 204"_s};
        QTest::newRow("health check migrated to the current shape is no change") << edited(
            "\"Uri\": \"/\",\n        \"Matches\": [\n          {\n            \"Type\": "
            "\"status\",\n            \"Value\": [",
            "\"Path\": \"/\",\n        \"Matches\": [\n          {\n            \"StatusCodes\": [")
                                                                                 << QStringList{};
        QTest::newRow("health check removed")
            << edited("\"HealthCheck\"", "\"HealthCheckX\"").replace("\"HealthCheckX\"", "\"Tags\"")
            << QStringList{u"service backendService1: health check removed"_s};
        QTest::newRow("Configs")
            << edited("\"SocketTimeout\": 30",
                      "\"SocketTimeout\": 60, \"HTTP1PerRequestLoadBalancing\": true")
            << QStringList{u"Configs: SocketTimeout 30 -> 60"_s,
                           u"Configs: HTTP1PerRequestLoadBalancing set to true"_s};
        QTest::newRow("chain module added")
            << edited("\"http/codec.js\",", "\"http/codec.js\",\n      \"http/access-log.js\",")
            << QStringList{u"chain HTTPRoute: module http/access-log.js added"_s};
        QTest::newRow("chain reordered")
            << edited("\"common/consumer.js\",\n      \"http/codec.js\",",
                      "\"http/codec.js\",\n      \"common/consumer.js\",")
            << QStringList{u"chain HTTPRoute: module order changed"_s};
        QTest::newRow("new service")
            << edited("\"Services\": {", "\"Services\": {\"api\": {\"Endpoints\": "
                                         "{\"10.0.0.1:80\": {}, \"10.0.0.2:80\": {}}},")
            << QStringList{u"new service api with endpoints 10.0.0.1:80, 10.0.0.2:80"_s};
        QTest::newRow("reformatted is no change")
            << QByteArray(article()).replace("\n", " ").replace("  ", " ") << QStringList{};
    }

    void sentences()
    {
        QFETCH(QByteArray, after);
        QFETCH(QStringList, expected);
        QVERIFY2(!after.isEmpty(), "the edit does not apply to the article's config");
        const auto before = load(article());
        const auto changed = load(after);
        QVERIFY(before);
        QVERIFY(changed);
        QCOMPARE(sentencesOf(ConfigDiff::compare(*before, *changed)), expected);
    }

    // Small configs for what the article's config does not have.
    void smallConfigs_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<QStringList>("expected");

        const QByteArray tcp = R"({"Listeners": [{"Protocol": "TCP", "Port": 5432}],
            "RouteRules": {"5432": {"db": 100}},
            "Services": {"db": {"Endpoints": {"10.0.0.1:5432": {"Weight": 100}}}},
            "Chains": {"TCPRoute": ["tcp/forward.js"]}})";
        QByteArray tcpChecked = tcp;
        tcpChecked.replace(R"({"Weight": 100}}})",
                           R"({"Weight": 100}}, "HealthCheck": {"Interval": 10, "MaxFails": 2}})");
        QTest::newRow("TCP health check added")
            << tcp << tcpChecked
            << QStringList{
                   u"service db: health check added (TCP connect every 10 s, MaxFails 2)"_s};
        QByteArray httpChecked = tcpChecked;
        httpChecked.replace(R"("MaxFails": 2})", R"("MaxFails": 2, "Path": "/healthz"})");
        QTest::newRow("TCP probe becomes HTTP")
            << tcpChecked << httpChecked
            << QStringList{u"service db: health check probe TCP connect -> HTTP GET /healthz"_s};
        QByteArray bigger = tcp;
        bigger.replace(
            R"("Services": {)",
            R"("Services": {"cache": {"Endpoints": {"10.0.1.1:6379": {}, "10.0.1.2:6379": {}, "10.0.1.3:6379": {}, "10.0.1.4:6379": {}, "10.0.1.5:6379": {}}},)");
        QTest::newRow("new service with many endpoints")
            << tcp << bigger
            << QStringList{
                   u"new service cache with endpoints 10.0.1.1:6379, 10.0.1.2:6379, 10.0.1.3:6379 and 2 more"_s};
        QByteArray hashed = tcp;
        hashed.replace(R"("Weight": 100}}})",
                       R"("Weight": 100}}, "Algorithm": "HashingLoadBalancer"})");
        QTest::newRow("algorithm")
            << tcp << hashed
            << QStringList{
                   u"service db: algorithm RoundRobinLoadBalancer -> HashingLoadBalancer"_s};
        QByteArray versioned = tcp;
        versioned.replace(R"("Chains")", R"("Version": "2", "Chains")");
        QTest::newRow("Version set") << tcp << versioned << QStringList{u"Version (unset) -> 2"_s};
        QByteArray chained = tcp;
        chained.replace(
            R"(["tcp/forward.js"])",
            R"(["common/access-control.js", "tcp/forward.js"], "UDPRoute": ["udp/forward.js"])");
        QTest::newRow("chains") << tcp << chained
                                << QStringList{
                                       u"chain TCPRoute: module common/access-control.js added"_s,
                                       u"new chain UDPRoute"_s};

        const QByteArray tls
            = R"({"Listeners": [{"Protocol": "TLS", "Port": 8443, "TLS": {"TLSModeType": "Passthrough"}}],
            "RouteRules": {"8443": {"a.test": "10.0.0.5:443", "b.test": "10.0.0.6"}},
            "Chains": {"TLSPassthrough": ["tls/passthrough.js"]}})";
        QByteArray tlsMoved = tls;
        tlsMoved.replace(R"("10.0.0.6")", R"("10.0.0.7:8443")");
        QTest::newRow("passthrough target")
            << tls << tlsMoved
            << QStringList{u"port 8443, SNI b.test: target 10.0.0.6 -> 10.0.0.7:8443"_s};

        const QByteArray http = R"({"Listeners": [{"Protocol": "HTTP", "Port": 80}],
            "RouteRules": {"80": {"*": {"Matches": [
                {"Path": {"Type": "Prefix", "Path": "/a"}, "BackendService": {"s": {"Weight": 1}}},
                {"Path": {"Type": "Prefix", "Path": "/b"}, "BackendService": {"s": {"Weight": 1}}}]}}},
            "Services": {"s": {"Endpoints": {"10.0.0.1:80": {}}}},
            "Chains": {"HTTPRoute": ["http/route.js", "http/service.js", "http/forward.js"]}})";
        QByteArray swapped = http;
        swapped.replace(R"("/a")", R"("/TMP")")
            .replace(R"("/b")", R"("/a")")
            .replace(R"("/TMP")", R"("/b")");
        QTest::newRow("route order")
            << http << swapped
            << QStringList{u"port 80, host *: route order changed (first match wins)"_s};
        QByteArray filtered = http;
        filtered.replace(
            R"("Path": "/a"}, )",
            R"("Path": "/a"}, "Filters": [{"Type": "RequestHeaderModifier", "RequestHeaderModifier": {"Set": [{"Name": "x-a", "Value": "1"}]}}], )");
        QTest::newRow("filters added")
            << http << filtered
            << QStringList{u"port 80, host *, route Prefix /a: Filters added"_s};
        QByteArray newHost = http;
        newHost.replace(R"({"*": {)", R"({"api.test": {"Matches": []}, "*": {)");
        QTest::newRow("host before the catch-all")
            << http << newHost << QStringList{u"port 80: new host api.test"_s};
    }

    void smallConfigs()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(QStringList, expected);
        QVERIFY(before != after);
        const auto b = load(before);
        const auto a = load(after);
        QVERIFY(b && a);
        QCOMPARE(sentencesOf(ConfigDiff::compare(*b, *a)), expected);
        // And back: every change reads as its opposite, so the reverse diff is as long.
        QCOMPARE(ConfigDiff::compare(*a, *b).size(), expected.size());
    }

    void portListsAreMerged()
    {
        const QByteArray a
            = R"({"Listeners": [{"Protocol": "TCP", "Port": 5000}, {"Protocol": "TCP", "Port": 5001}],
            "RouteRules": {"5000,5001": {"db": 100}},
            "Services": {"db": {"Endpoints": {"10.0.0.1:5432": {}}}, "db2": {"Endpoints": {"10.0.0.2:5432": {}}}},
            "Chains": {"TCPRoute": ["tcp/forward.js"]}})";
        QByteArray b = a;
        b.replace(R"({"db": 100})", R"({"db": 50, "db2": 50})");
        const auto before = load(a);
        const auto after = load(b);
        QVERIFY(before && after);
        const auto changes = ConfigDiff::compare(*before, *after);
        QCOMPARE(sentencesOf(changes),
                 (QStringList{u"ports 5000, 5001: service db weight 100 -> 50"_s,
                              u"ports 5000, 5001: service db2 added with weight 50"_s}));
        QCOMPARE(changes.first().subject, u"RouteRules/5000, 5001/db"_s);
        QCOMPARE(changes.first().kind, ConfigDiff::Kind::Changed);
        QCOMPARE(changes.last().kind, ConfigDiff::Kind::Added);
        QCOMPARE(changes.last().area, ConfigDiff::Area::Routes);

        // Writing the same ports as two keys is no change.
        QByteArray split = a;
        split.replace(R"("5000,5001": {"db": 100})", R"("5000": {"db": 100}, "5001": {"db": 100})");
        const auto same = load(split);
        QVERIFY(same);
        QCOMPARE(ConfigDiff::compare(*before, *same).size(), 0);
    }

    void subjectsAndKinds()
    {
        const auto before = load(article());
        const auto after = load(
            edited(",\n        \"127.0.0.1:8082\": {\n          \"Weight\": 100\n        }", ""));
        QVERIFY(before && after);
        const auto changes = ConfigDiff::compare(*before, *after);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().kind, ConfigDiff::Kind::Removed);
        QCOMPARE(changes.first().area, ConfigDiff::Area::Services);
        QCOMPARE(changes.first().subject, u"Services/backendService1/Endpoints/127.0.0.1:8082"_s);
    }

    void summary()
    {
        QCOMPARE(ConfigDiff::summary({}),
                 u"No changes: the new config behaves like the current one."_s);
        const auto before = load(article());
        QByteArray text
            = edited("\"Port\": 8080\n    }",
                     "\"Port\": 8080\n    },\n    {\"Protocol\": \"TCP\", \"Port\": 8443}");
        text.replace("\"Weight\": 100\n        },\n        \"127.0.0.1:8082\"",
                     "\"Weight\": 50\n        },\n        \"127.0.0.1:8082\"");
        text.replace("\"_srv_id\"", "\"_sid\"");
        const auto after = load(text);
        QVERIFY(before && after);
        const auto changes = ConfigDiff::compare(*before, *after);
        QCOMPARE(
            sentencesOf(changes),
            (QStringList{u"new listener 8443 (TCP)"_s,
                         u"service backendService1: endpoint 127.0.0.1:8081 weight 100 -> 50"_s,
                         u"service backendService1: sticky cookie _srv_id -> _sid"_s}));
        QCOMPARE(ConfigDiff::summary(changes),
                 u"Changes in listeners and services: 1 added, 2 modified."_s);
    }
};

QTEST_GUILESS_MAIN(TestConfigDiff)
#include "tst_configdiff.moc"
