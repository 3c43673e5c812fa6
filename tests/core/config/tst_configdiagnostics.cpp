// Every diagnostic code of the config validator, at its exact line and column, with its
// severity, and its quick-fix (where it has one) resolving it.
#include "config/configloader.h"
#include "config/diagnosticcodes.h"
#include "config/enginefeatures.h"

#include <QtTest>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;

namespace {

// A config FGW serves without a single finding; cases start from it.
const QByteArray s_base = R"({
  "Listeners": [{"Protocol": "HTTP", "Port": 8080}],
  "RouteRules": {"8080": {"*": {"Matches": [{"BackendService": {"svc": {"Weight": 1}}}]}}},
  "Services": {"svc": {"Endpoints": {"127.0.0.1:9000": {"Weight": 1}}}},
  "Chains": {"HTTPRoute": ["http/codec.js", "http/route.js", "http/service.js", "http/forward.js", "http/default.js"]}
})";

// Replaces `from` (which must occur exactly once) in the base config.
QByteArray variant(const QByteArray &from, const QByteArray &to)
{
    Q_ASSERT(s_base.count(from) == 1);
    QByteArray text = s_base;
    return text.replace(from, to);
}

QString describe(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << d.format(u"config.json"_s);
    return lines.join(u'\n');
}

} // namespace

class TestConfigDiagnostics : public QObject
{
    Q_OBJECT

private slots:
    void baseIsClean()
    {
        const LoadResult r = ConfigLoader::load(s_base);
        QVERIFY2(r.diagnostics.isEmpty(), qPrintable(describe(r.diagnostics)));
        QVERIFY(!r.hasErrors());
        QVERIFY(!r.hasWarnings());
    }

    void codeAtPosition_data()
    {
        QTest::addColumn<QByteArray>("text"); // the finding's position is where "@" is
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("isError");
        QTest::addColumn<bool>("hasFix"); // and applying its first fix resolves it

        auto add = [](const char *name, const QByteArray &text, QLatin1StringView code,
                      bool isError, bool hasFix) {
            QTest::newRow(name) << text << QString(code) << isError << hasFix;
        };
        namespace C = DiagnosticCode;

        // Errors
        add("json-syntax: trailing comma",
            "{\n  \"Listeners\": [\n    {\"Protocol\": \"HTTP\",@}\n  ]\n}", C::JsonSyntax, true,
            false);
        add("json-syntax: unterminated string", "{\n  \"Services\": {\n    @\"svc: {}\n  }\n}",
            C::JsonSyntax, true, false);
        add("wrong-type", variant("\"Port\": 8080", "\"Port\": @\"8080\""), C::WrongType, true,
            false);
        add("wrong-type: root", "@[1, 2]", C::WrongType, true, false);
        add("missing-field: listener Port",
            variant("{\"Protocol\": \"HTTP\", \"Port\": 8080}",
                    "{\"Protocol\": \"HTTP\", \"Port\": 8080}, @{\"Protocol\": \"HTTP\"}"),
            C::MissingField, true, false);
        add("missing-field: match target",
            variant("{\"BackendService\": {\"svc\": {\"Weight\": 1}}}",
                    "{\"BackendService\": {\"svc\": {\"Weight\": 1}}}, @{\"Methods\": [\"GET\"]}"),
            C::MissingField, true, false);
        add("dangling-service",
            variant("{\"svc\": {\"Weight\": 1}}", "{@\"scv\": {\"Weight\": 1}}"),
            C::DanglingService, true, true);
        add("duplicate-port",
            variant("{\"Protocol\": \"HTTP\", \"Port\": 8080}",
                    "{\"Protocol\": \"HTTP\", \"Port\": 8080}, {\"Protocol\": \"HTTP\", \"Port\": "
                    "@8080}"),
            C::DuplicatePort, true, false);
        add("duplicate-port: same Listen",
            variant("{\"Protocol\": \"HTTP\", \"Port\": 8080}",
                    "{\"Protocol\": \"HTTP\", \"Port\": 8080, \"Listen\": 9000}, "
                    "{\"Protocol\": \"HTTP\", \"Port\": 8081, \"Listen\": @9000}"),
            C::DuplicatePort, true, false);
        add("port-range: listener", variant("\"Port\": 8080", "\"Port\": @70000"), C::PortRange,
            true, false);
        add("port-range: RouteRules key", variant("{\"8080\": {", "{\"8080\": {}, @\"80a\": {"),
            C::PortRange, true, false);
        add("port-range: endpoint", variant("\"127.0.0.1:9000\"", "@\"127.0.0.1:0\""), C::PortRange,
            true, false);
        add("invalid-regex",
            variant("{\"BackendService\"",
                    "{\"Path\": {\"Type\": \"Regex\", \"Path\": @\"^(/a\"}, \"BackendService\""),
            C::InvalidRegex, true, false);
        add("invalid-regex: PCRE-only inline flag",
            variant(
                "{\"BackendService\"",
                "{\"Headers\": {\"Regex\": {\"user-agent\": @\"(?i)curl\"}}, \"BackendService\""),
            C::InvalidRegex, true, false);
        add("unknown-path-type",
            variant("{\"BackendService\"",
                    "{\"Path\": {\"Type\": @\"prefix\", \"Path\": \"/\"}, \"BackendService\""),
            C::UnknownPathType, true, true);
        add("unknown-protocol", variant("\"Protocol\": \"HTTP\"", "\"Protocol\": @\"HTTPX\""),
            C::UnknownProtocol, true, false);
        add("unknown-protocol: case", variant("\"Protocol\": \"HTTP\"", "\"Protocol\": @\"http\""),
            C::UnknownProtocol, true, true);
        add("missing-chain",
            variant("{\"Protocol\": \"HTTP\", \"Port\": 8080}",
                    "{\"Protocol\": \"HTTP\", \"Port\": 8080}, {\"Protocol\": @\"TCP\", \"Port\": "
                    "2000}"),
            C::MissingChain, true, true);
        add("missing-chain: no Chains at all",
            "{\n  \"Listeners\": [{\"Protocol\": @\"HTTP\", \"Port\": 80}]\n}", C::MissingChain,
            true, true);
        add("missing-chain: empty chain",
            variant("\"HTTPRoute\": [\"http/codec.js\", \"http/route.js\", \"http/service.js\", "
                    "\"http/forward.js\", \"http/default.js\"]",
                    "\"HTTPRoute\": []")
                .replace("\"Protocol\": \"HTTP\"", "\"Protocol\": @\"HTTP\""),
            C::MissingChain, true, true);
        add("invalid-value",
            variant("{\"Endpoints\"", "{\"Algorithm\": @\"Fastest\", \"Endpoints\""),
            C::InvalidValue, true, false);

        // Warnings
        add("orphan-route-port", variant("{\"8080\": {", "{@\"9090\": {}, \"8080\": {"),
            C::OrphanRoutePort, false, false);
        add("negative-weight: endpoint", variant("{\"Weight\": 1}}}}", "{\"Weight\": @-1}}}}"),
            C::NegativeWeight, false, false);
        add("negative-weight: backend",
            variant("{\"svc\": {\"Weight\": 1}}", "{\"svc\": {\"Weight\": @-5}}"),
            C::NegativeWeight, false, false);
        add("unknown-key: typo",
            variant("{\"Weight\": 1}}}}", "{\"Weight\": 1, @\"Wieght\": 2}}}}"), C::UnknownKey,
            false, false); // "Weight" exists already: no rename offered
        add("unknown-key: typo with fix", variant("{\"Weight\": 1}}}}", "{@\"weight\": 1}}}}"),
            C::UnknownKey, false, true);
        add("unknown-key: no suggestion",
            variant("{\"Endpoints\"", "{@\"Colour\": \"red\", \"Endpoints\""), C::UnknownKey, false,
            false);
        add("unknown-key: chain name",
            variant("\"HTTPRoute\": [", "\"HTTPRoute\": [], @\"HTTPRoutes\": ["), C::UnknownKey,
            false, false);
        add("legacy-key",
            variant("{\"Endpoints\"", "{@\"RetryPolicy\": {\"NumRetries\": 2}, \"Endpoints\""),
            C::LegacyKey, false, true);
        add("ignored-key",
            variant("{\"BackendService\"",
                    "{@\"RequestParams\": {\"Exact\": {\"a\": \"1\"}}, \"BackendService\""),
            C::IgnoredKey, false, true);
        add("duplicate-key", variant("\"Port\": 8080", "@\"Port\": 1, \"Port\": 8080"),
            C::DuplicateKey, false, false);
        add("duplicate-key: service",
            variant("\"Services\": {\"svc\"",
                    "\"Services\": {@\"svc\": {\"Endpoints\": {}}, \"svc\""),
            C::DuplicateKey, false, false);
        add("unknown-module",
            variant("[\"http/codec.js\"", "[@\"http/codecs.js\", \"http/codec.js\""),
            C::UnknownModule, false, false);
        add("module-not-in-chain",
            variant("{\"Matches\"", "{@\"AccessLog\": \"/tmp/access.log\", \"Matches\""),
            C::ModuleNotInChain, false, true);
        add("module-not-in-chain: core module",
            variant("\"http/route.js\", ", "")
                .replace("\"Protocol\": \"HTTP\"", "@\"Protocol\": \"HTTP\""),
            C::ModuleNotInChain, false, true);
        add("unsupported-feature",
            variant("{\"Endpoints\"", "{@\"Retry\": {\"NumRetries\": 2}, \"Endpoints\""),
            C::UnsupportedFeature, false, false);
        add("invalid-value: gRPC abort status out of 0..16",
            variant("\"*\": {\"Matches\"", "\"*\": {\"RouteType\": \"GRPC\", \"Fault\": {\"Abort\": {\"Percent\": 100, \"Status\": @503}}, \"Matches\""),
            C::InvalidValue, true, false);
        add("surprise-keepalive-pinning",
            variant("{\"Endpoints\": {\"127.0.0.1:9000\": {\"Weight\": 1}}}",
                    "{@\"Endpoints\": {\"127.0.0.1:9000\": {\"Weight\": 1}, \"127.0.0.1:9001\": "
                    "{\"Weight\": 1}}}"),
            C::SurpriseKeepAlivePinning, false, true);
        add("surprise-wildcard-order",
            variant("{\"*\": {", "{\"*\": {\"Matches\": []}, @\"*.a.com\": {"),
            C::SurpriseWildcardOrder, false, false);
        add("surprise-unanchored-regex",
            variant("{\"BackendService\"",
                    "{\"Path\": {\"Type\": \"Regex\", \"Path\": @\"/api\"}, \"BackendService\""),
            C::SurpriseUnanchoredRegex, false, false);
        add("surprise-mtls-without-ca",
            variant("{\"Protocol\": \"HTTP\", \"Port\": 8080}",
                    "{\"Protocol\": \"HTTP\", \"Port\": 8080}, {\"Protocol\": \"HTTPS\", \"Port\": "
                    "8443, "
                    "\"TLS\": {@\"MTLS\": true, \"Certificates\": []}}"),
            C::SurpriseMtlsWithoutCa, false, false);
        add("surprise-header-case",
            variant("{\"BackendService\"",
                    "{\"Headers\": {\"Exact\": {@\"X-Env\": \"prod\"}}, \"BackendService\""),
            C::SurpriseHeaderCase, false, true);
        add("invalid-value: lower-case method",
            variant("{\"BackendService\"",
                    "{\"Methods\": [\"GET\", @\"post\"], \"BackendService\""),
            C::InvalidValue, false, true);
        add("duplicate-key: port in two RouteRules keys",
            variant("{\"8080\": {", "{@\"8080\": {}, \"8080, 8081\": {"), C::DuplicateKey, false,
            false);
        add("surprise-cumulative-maxfails",
            variant("{\"Endpoints\"",
                    "{\"HealthCheck\": {\"Interval\": 5, @\"MaxFails\": 3}, \"Endpoints\""),
            C::SurpriseCumulativeMaxFails, false, false);
    }

    void codeAtPosition()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        QFETCH(bool, isError);
        QFETCH(bool, hasFix);

        const qsizetype marker = text.indexOf('@');
        QVERIFY(marker >= 0);
        text.remove(marker, 1);
        const TextPosition expected{int(text.left(marker).count('\n')) + 1,
                                    int(marker - (text.lastIndexOf('\n', marker - 1) + 1)) + 1};

        const LoadResult r = ConfigLoader::load(text);
        const QList<Diagnostic> found = r.withCode(code);
        const auto it = std::find_if(found.cbegin(), found.cend(),
                                     [&](const Diagnostic &d) { return d.position == expected; });
        QVERIFY2(it != found.cend(), qPrintable(u"expected %1 at %2:%3, got:\n%4"_s.arg(code)
                                                    .arg(expected.line)
                                                    .arg(expected.column)
                                                    .arg(describe(r.diagnostics))));
        const Diagnostic &d = *it;
        QCOMPARE(d.severity, isError ? Severity::Error : Severity::Warning);
        QCOMPARE(d.offset, quint32(marker));
        QVERIFY(!d.message.isEmpty());
        QCOMPARE(r.hasErrors(), isError || r.hasErrors());
        if (code != DiagnosticCode::JsonSyntax) {
            QVERIFY(r.config);
            QVERIFY(d.length > 0);
        } else {
            QVERIFY(!r.config);
            QVERIFY(!r.document);
        }

        QCOMPARE(!d.fixes.isEmpty(), hasFix);
        if (!hasFix)
            return;
        QVERIFY(!d.fixes.first().title.isEmpty());
        const auto fixed = applyTextEdits(text, d.fixes.first().edits);
        QVERIFY(fixed);
        const LoadResult after = ConfigLoader::load(*fixed);
        QVERIFY2(after.document,
                 qPrintable(u"fix broke the JSON:\n"_s + QString::fromUtf8(*fixed)));
        const QList<Diagnostic> remaining = after.withCode(code);
        QVERIFY2(remaining.size() < found.size(),
                 qPrintable(QString::fromUtf8(*fixed) + u'\n' + describe(after.diagnostics)));
    }

    void messagesSpeakPlainly()
    {
        const LoadResult r
            = ConfigLoader::load(variant("{\"Weight\": 1}}}}", "{\"weight\": 1}}}}"));
        const QList<Diagnostic> d = r.withCode(u"unknown-key");
        QCOMPARE(d.size(), 1);
        QCOMPARE(
            d[0].message,
            u"Unknown key \"weight\" in an endpoint: FGW ignores it. Did you mean \"Weight\"?"_s);
        QCOMPARE(d[0].format(u"config.json"_s),
                 u"config.json:4:57: warning: Unknown key \"weight\" in an endpoint: FGW ignores "
                 "it. Did you mean \"Weight\"? [unknown-key]"_s);
        QCOMPARE(d[0].fixes[0].title, u"Rename to \"Weight\""_s);
    }

    void missingChainFixInsertsFgwDefaults()
    {
        const QByteArray text
            = "{\n  \"Listeners\": [{\"Protocol\": \"TCP\", \"Port\": 2000}],\n"
              "  \"RouteRules\": {\"2000\": {\"svc\": 1}},\n"
              "  \"Services\": {\"svc\": {\"Endpoints\": {\"127.0.0.1:9000\": {}}}}\n}\n";
        const LoadResult r = ConfigLoader::load(text);
        const QList<Diagnostic> d = r.withCode(u"missing-chain");
        QCOMPARE(d.size(), 1);
        QCOMPARE(d[0].position, (TextPosition{2, 30}));
        const auto fixed = applyTextEdits(text, d[0].fixes[0].edits);
        QVERIFY(fixed);
        QCOMPARE(*fixed, text.left(text.size() - 3)
                             + ",\n  \"Chains\": {\n    \"TCPRoute\": [\n"
                               "      \"common/access-control.js\",\n"
                               "      \"common/ratelimit.js\",\n"
                               "      \"tcp/forward.js\"\n    ]\n  }\n}\n");
    }

    void accessLogIsSupported()
    {
        // The engine writes AccessLog files: no unsupported-feature warning at any level.
        const LoadResult r = ConfigLoader::load(variant(
            "\"Listeners\"", "\"Configs\": {\"AccessLog\": \"/tmp/a.log\"}, \"Listeners\""));
        QVERIFY(r.document);
        QVERIFY(r.withCode(u"unsupported-feature").isEmpty());
        QVERIFY(!engineSupports(EngineFeature::UpstreamTls)); // the warning itself still exists
    }

    void moduleFixFollowsFgwOrder()
    {
        // http/access-log.js goes after http/codec.js, where FGW's default chain has it.
        const LoadResult r = ConfigLoader::load(
            variant("{\"Matches\"", "{\"AccessLog\": \"/tmp/a.log\", \"Matches\""));
        const QList<Diagnostic> d = r.withCode(u"module-not-in-chain");
        QCOMPARE(d.size(), 1);
        const auto fixed = applyTextEdits(r.document->text(), d[0].fixes[0].edits);
        QVERIFY(fixed);
        QVERIFY2(fixed->contains("[\"http/codec.js\", \"http/access-log.js\", \"http/route.js\""),
                 fixed->constData());
    }

    void diagnosticsAreInTextOrder()
    {
        const LoadResult r = ConfigLoader::load(
            variant("\"Port\": 8080", "\"Port\": 8080, \"Colour\": 1, \"Size\": \"x\""));
        QVERIFY(r.diagnostics.size() >= 2);
        for (qsizetype i = 1; i < r.diagnostics.size(); ++i)
            QVERIFY(r.diagnostics[i - 1].offset <= r.diagnostics[i].offset);
    }

    void jsonSyntaxMessageIsExact()
    {
        const LoadResult r = ConfigLoader::load("{\n  \"a\": tru\n}");
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics[0].code, u"json-syntax"_s);
        QCOMPARE(r.diagnostics[0].position, (TextPosition{2, 8}));
        QVERIFY(!r.config);
    }
};

QTEST_GUILESS_MAIN(TestConfigDiagnostics)
#include "tst_configdiagnostics.moc"
