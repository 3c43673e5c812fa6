// Legacy config shapes (reference §1.11), the "migrate legacy keys" transform, configs shaped
// like FGW's own test scenarios (§4.1) with their stale keys, and lossless round trips.
#include "config/configloader.h"

#include <QDir>
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

QString articlePath()
{
    return QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/examples/fgw-article.json");
}

QString describe(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << d.format(u"config.json"_s);
    return lines.join(u'\n');
}

QStringList codes(const LoadResult &r)
{
    QStringList out;
    for (const Diagnostic &d : r.diagnostics)
        out << d.code;
    return out;
}

// Keys of every object in document order, a fingerprint of structure and order.
void collectKeys(const JsonValue &v, QStringList &out)
{
    for (const JsonValue c : v) {
        if (c.hasKey())
            out << c.key();
        if (c.isObject() || c.isArray())
            collectKeys(c, out);
    }
}

} // namespace

class TestConfigLegacy : public QObject
{
    Q_OBJECT

private slots:
    void seedArticleHealthCheckIsAnHttpProbe()
    {
        const LoadResult r = ConfigLoader::load(readFile(articlePath()));
        QVERIFY2(!r.hasErrors(), qPrintable(describe(r.diagnostics)));
        const QList<Diagnostic> legacy = r.withCode(u"legacy-key");
        QCOMPARE(legacy.size(), 2);
        QCOMPARE(legacy[0].position, (TextPosition{63, 9}));  // "Uri"
        QCOMPARE(legacy[1].position, (TextPosition{66, 13})); // "Type": "status"
        // The warning says what a current FGW does instead.
        QVERIFY(legacy[0].message.contains(u"TCP-connect probe"));
        QVERIFY(legacy[0].message.contains(u"\"Path\""));

        const Service *service = r.config->service(u"backendService1"_s);
        QVERIFY(service && service->healthCheck);
        const HealthCheckConfig &hc = *service->healthCheck;
        QVERIFY(hc.legacyShape);
        QVERIFY(hc.isActive());
        QVERIFY(hc.isHttpProbe());
        QCOMPARE(hc.path, u"/"_s);
        QCOMPARE(hc.interval, 2.0);
        QCOMPARE(hc.maxFails, 2);
        QCOMPARE(hc.failTimeout, 30.0);
        QCOMPARE(hc.matches.size(), 1);
        QCOMPARE(hc.matches[0].kind, HealthCheckMatchKind::LegacyStatus);
        QCOMPARE(hc.matches[0].statusCodes, (QList<int>{200, 201}));
        QCOMPARE(service->stickyCookieName, u"_srv_id"_s);
        QCOMPARE(r.config->listeners.size(), 2);
        QCOMPARE(r.config->routeRuleForPort(8080)->domains[0].matches[0].serverRoot, u"/tmp"_s);
    }

    void seedArticleMigration()
    {
        const QByteArray text = readFile(articlePath());
        const auto migrated = ConfigLoader::migrateLegacyKeys(text);
        QVERIFY(migrated);
        // Exactly the legacy members change; every other byte stays.
        QByteArray expected = text;
        expected.replace("\"Uri\": \"/\"", "\"Path\": \"/\"");
        expected.replace("\"Type\": \"status\",\n            \"Value\": [", "\"StatusCodes\": [");
        QCOMPARE(*migrated, expected);

        const LoadResult r = ConfigLoader::load(*migrated);
        QVERIFY2(r.withCode(u"legacy-key").isEmpty(), qPrintable(describe(r.diagnostics)));
        QVERIFY(!r.hasErrors());
        const HealthCheckConfig &hc = *r.config->service(u"backendService1"_s)->healthCheck;
        QVERIFY(!hc.legacyShape);
        QCOMPARE(hc.path, u"/"_s);
        QCOMPARE(hc.matches[0].statusCodes, (QList<int>{200, 201}));
        QCOMPARE(hc.matches[0].kind, HealthCheckMatchKind::Current);
    }

    void everyLegacyShapeMigrates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("legacyCount");
        QTest::newRow("health check body and headers") << QByteArray(R"({
  "Services": {
    "s": {
      "Endpoints": {"127.0.0.1:1": {}},
      "HealthCheck": {
        "Interval": 1, "MaxFails": 1, "Uri": "/health",
        "Matches": [
          {"Type": "body", "Value": "alive"},
          {"Type": "headers", "Name": "Content-Type", "Value": "text/plain"},
          {"Type": "status", "Value": 204}
        ]
      }
    }
  }
})") << 4;
        QTest::newRow("RetryPolicy") << QByteArray(R"({
  "Services": {
    "s": {
      "Endpoints": {"127.0.0.1:1": {}},
      "RetryPolicy": {"RetryOn": "5xx", "NumRetries": 3, "RetryBackoffBaseInterval": 0.5}
    }
  }
})") << 2;
        QTest::newRow("mTLS on service and listener") << QByteArray(R"({
  "Listeners": [{"Protocol": "HTTPS", "Port": 443, "TLS": {"mTLS": true, "CACerts": ["CA"]}}],
  "Services": {"s": {"Endpoints": {"127.0.0.1:1": {}}, "mTLS": true}}
})") << 2;
        QTest::newRow("ConnectionSettings with other settings") << QByteArray(R"({
  "Services": {
    "s": {
      "Endpoints": {"127.0.0.1:1": {}},
      "ConnectionSettings": {
        "tcp": {"MaxConnections": 10},
        "http": {
          "MaxRequestsPerConnection": 5,
          "CircuitBreaking": {"ErrorAmountThreshold": 2}
        }
      }
    }
  }
})") << 1;
        QTest::newRow("RateLimit.Local on a match") << QByteArray(R"({
  "RouteRules": {"80": {"*": {"Matches": [{"BackendService": {"s": {"Weight": 1}},
    "RateLimit": {"Local": {"Requests": 2, "StatTimeWindow": 1}}}]}}},
  "Services": {"s": {"Endpoints": {"127.0.0.1:1": {}}}}
})") << 1;
    }

    void everyLegacyShapeMigrates()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, legacyCount);
        const LoadResult before = ConfigLoader::load(text);
        QVERIFY2(before.config, qPrintable(describe(before.diagnostics)));
        QCOMPARE(before.withCode(u"legacy-key").size(), legacyCount);

        const auto migrated = ConfigLoader::migrateLegacyKeys(text);
        QVERIFY(migrated);
        const LoadResult after = ConfigLoader::load(*migrated);
        QVERIFY2(after.config, qPrintable(QString::fromUtf8(*migrated)));
        QVERIFY2(after.withCode(u"legacy-key").isEmpty(),
                 qPrintable(QString::fromUtf8(*migrated) + u'\n' + describe(after.diagnostics)));
        QVERIFY2(after.hasErrors() == before.hasErrors(), qPrintable(describe(after.diagnostics)));

        // The model means the same before and after: legacy shapes were read as the new ones.
        for (qsizetype i = 0; i < before.config->services.size(); ++i) {
            const Service &a = before.config->services[i];
            const Service &b = after.config->services[i];
            QCOMPARE(bool(a.healthCheck), bool(b.healthCheck));
            if (a.healthCheck) {
                QCOMPARE(a.healthCheck->path, b.healthCheck->path);
                QCOMPARE(a.healthCheck->matches.size(), b.healthCheck->matches.size());
                for (qsizetype m = 0; m < a.healthCheck->matches.size(); ++m) {
                    QCOMPARE(a.healthCheck->matches[m].statusCodes,
                             b.healthCheck->matches[m].statusCodes);
                    QCOMPARE(a.healthCheck->matches[m].body, b.healthCheck->matches[m].body);
                    QCOMPARE(a.healthCheck->matches[m].headers.size(),
                             b.healthCheck->matches[m].headers.size());
                }
            }
            QCOMPARE(bool(a.retry), bool(b.retry));
            if (a.retry) {
                QCOMPARE(a.retry->numRetries, b.retry->numRetries);
                QCOMPARE(a.retry->backoffBaseInterval, b.retry->backoffBaseInterval);
            }
            QCOMPARE(a.mtls, b.mtls);
            QCOMPARE(bool(a.circuitBreaking), bool(b.circuitBreaking));
            if (a.circuitBreaking)
                QCOMPARE(a.circuitBreaking->errorAmountThreshold,
                         b.circuitBreaking->errorAmountThreshold);
            QCOMPARE(a.maxRequestsPerConnection, b.maxRequestsPerConnection);
        }
        for (qsizetype i = 0; i < before.config->listeners.size(); ++i) {
            const auto &a = before.config->listeners[i];
            const auto &b = after.config->listeners[i];
            QCOMPARE(bool(a.tls), bool(b.tls));
            if (a.tls)
                QCOMPARE(a.tls->mtls, b.tls->mtls);
        }
        for (qsizetype i = 0; i < before.config->routeRules.size(); ++i) {
            const auto &a = before.config->routeRules[i].domains[0].matches[0];
            const auto &b = after.config->routeRules[i].domains[0].matches[0];
            QCOMPARE(bool(a.rateLimit), bool(b.rateLimit));
            if (a.rateLimit) {
                QCOMPARE(a.rateLimit->requests, b.rateLimit->requests);
                QCOMPARE(a.rateLimit->statTimeWindow, b.rateLimit->statTimeWindow);
            }
        }
    }

    void malformedLegacyRateLimitHeadersGetNoFix()
    {
        // Found by fuzzing: a legacy header entry without a string Value cannot be rewritten
        // into {name: value}; the finding stays, without a fix that would break the JSON.
        const QByteArray text = R"({"RouteRules": {"80": {"*": {"RateLimit": {"Local": {
            "Requests": 1, "StatTimeWindow": 1, "ResponseHeadersToAdd": [{"Name": "x"}]}}}}}})";
        const LoadResult r = ConfigLoader::load(text);
        const QList<Diagnostic> legacy = r.withCode(u"legacy-key");
        QCOMPARE(legacy.size(), 1);
        QVERIFY(legacy[0].fixes.isEmpty());
        QCOMPARE(ConfigLoader::migrateLegacyKeys(text), std::optional<QByteArray>(text));
    }

    void migrationKeepsCleanTextAndRefusesBrokenJson()
    {
        const QByteArray clean = R"({"Services": {"s": {"Endpoints": {"127.0.0.1:1": {}}}}})";
        QCOMPARE(ConfigLoader::migrateLegacyKeys(clean), std::optional<QByteArray>(clean));
        QVERIFY(!ConfigLoader::migrateLegacyKeys("{\"Services\": "));
    }

    void fgwScenarios_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected"); // codes that must be reported
        auto row = [](const char *name, const QStringList &expected) {
            QTest::newRow(name) << QString::fromLatin1(name) << expected;
        };
        row("rate-limit", {u"legacy-key"_s, u"ignored-key"_s, u"unsupported-feature"_s});
        row("circuit-breaker", {u"legacy-key"_s, u"unsupported-feature"_s});
        row("request-redirect", {u"unknown-key"_s, u"legacy-key"_s, u"unsupported-feature"_s});
        row("health-check", {u"unknown-key"_s, u"surprise-cumulative-maxfails"_s});
        row("retry", {u"ignored-key"_s, u"unsupported-feature"_s});
        row("basic-auth", {u"unsupported-feature"_s});
        row("https-passthrough", {u"unsupported-feature"_s});
        row("tcp-route", {u"unsupported-feature"_s});
        row("mtls-client",
            {u"legacy-key"_s, u"surprise-mtls-without-ca"_s, u"unsupported-feature"_s});
        row("virtual-host", {u"surprise-wildcard-order"_s, u"ignored-key"_s});
        row("black-white-list", {u"unsupported-feature"_s});
        row("consumer-variables", {u"unsupported-feature"_s, u"surprise-keepalive-pinning"_s});
        row("cookie-sticky", {u"surprise-keepalive-pinning"_s, u"surprise-cumulative-maxfails"_s});
        row("fault-injection",
            {u"unsupported-feature"_s, u"unknown-key"_s, u"surprise-keepalive-pinning"_s});
        row("grpc-route", {u"unsupported-feature"_s});
        row("header-modifier", {u"legacy-key"_s, u"unknown-key"_s, u"unsupported-feature"_s});
        row("http-route", {});
        row("load-balancing", {u"surprise-keepalive-pinning"_s, u"ignored-key"_s});
        row("metrics-tracing-logging",
            {u"ignored-key"_s, u"unknown-key"_s, u"legacy-key"_s, u"surprise-mtls-without-ca"_s,
             u"unsupported-feature"_s});
        row("mtls-upstream", {u"unsupported-feature"_s});
        // HTTP1PerRequestLoadBalancing is explicitly false: per-connection balancing is chosen.
        row("per-connection-loadbalancing", {u"unsupported-feature"_s});
        row("per-request-loadbalancing", {u"unsupported-feature"_s});
        row("request-mirror", {u"unknown-key"_s, u"unsupported-feature"_s});
        row("throttle-domain", {u"unknown-key"_s, u"ignored-key"_s, u"unsupported-feature"_s});
        row("throttle-route", {u"unsupported-feature"_s});
        row("tls-sni", {u"unsupported-feature"_s});
        row("tls-terminate", {u"unsupported-feature"_s});
        row("tls-upstream", {u"unsupported-feature"_s, u"surprise-keepalive-pinning"_s});
        row("url-rewrite-full", {u"unsupported-feature"_s});
        row("url-rewrite-prefix",
            {u"unsupported-feature"_s, u"unknown-key"_s, u"legacy-key"_s,
             u"ignored-key"_s});
    }

    void fgwScenarios()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        const LoadResult r = ConfigLoader::load(
            readFile(QStringLiteral(GATEHOUSE_TEST_DATA "/fgw-scenarios/") + file + u".json"));
        // FGW runs all of them: stale keys are tolerated, never errors.
        QVERIFY2(r.config && !r.hasErrors(), qPrintable(describe(r.diagnostics)));
        const QStringList found = codes(r);
        for (const QString &code : std::as_const(expected))
            QVERIFY2(found.contains(code),
                     qPrintable(code + u" missing in:\n" + describe(r.diagnostics)));
        // Nothing unexpected either.
        for (const QString &code : found)
            QVERIFY2(expected.contains(code),
                     qPrintable(code + u" unexpected in:\n" + describe(r.diagnostics)));
    }

    void staleScenarioKeysAreNamed()
    {
        const LoadResult redirect = ConfigLoader::load(
            readFile(QStringLiteral(GATEHOUSE_TEST_DATA "/fgw-scenarios/request-redirect.json")));
        const QList<Diagnostic> unknown = redirect.withCode(u"unknown-key");
        QCOMPARE(unknown.size(), 1);
        QVERIFY(unknown[0].message.contains(u"\"RequestRedirect0\""));
        QCOMPARE(unknown[0].position, (TextPosition{14, 17}));
        const QList<Diagnostic> filters = redirect.withCode(u"legacy-key");
        QCOMPARE(filters.size(), 1);
        QCOMPARE(filters[0].position, (TextPosition{25, 7}));

        const LoadResult hc = ConfigLoader::load(
            readFile(QStringLiteral(GATEHOUSE_TEST_DATA "/fgw-scenarios/health-check.json")));
        const QList<Diagnostic> hcUnknown = hc.withCode(u"unknown-key");
        QCOMPARE(hcUnknown.size(), 2);
        QVERIFY(hcUnknown[0].message.contains(u"\"backendRef\""));
        // "HealthCheck" is set as well: a disabled copy, not a typo, so no suggestion.
        QVERIFY(!hcUnknown[1].message.contains(u"Did you mean"));
        QVERIFY(hcUnknown[1].message.contains(u"\"HealthCheck0\""));

        const LoadResult cb = ConfigLoader::load(
            readFile(QStringLiteral(GATEHOUSE_TEST_DATA "/fgw-scenarios/circuit-breaker.json")));
        const Service *s = cb.config->service(u"backendService1"_s);
        QVERIFY(s->circuitBreaking);
        QCOMPARE(s->circuitBreaking->errorAmountThreshold, 3);
        QCOMPARE(s->circuitBreaking->degradedTimeWindow, 10.0);
        QCOMPARE(s->circuitBreaking->slowTimeThreshold, 5.0); // default

        const LoadResult rl = ConfigLoader::load(
            readFile(QStringLiteral(GATEHOUSE_TEST_DATA "/fgw-scenarios/rate-limit.json")));
        const RateLimitConfig &limit = *rl.config->routeRules[0].domains[0].rateLimit;
        QCOMPARE(limit.requests, 1);
        QCOMPARE(limit.burst, 2);
        QCOMPARE(limit.backlog, 1);
        QCOMPARE(limit.responseStatusCode, 431);
        QCOMPARE(limit.responseHeadersToAdd.size(), 1);
        QCOMPARE(limit.responseHeadersToAdd[0].name, u"x-limit"_s);
        QCOMPARE(limit.responseHeadersToAdd[0].value, u"domain"_s);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("path");
        QDir examples(QStringLiteral(GATEHOUSE_SOURCE_DIR "/resources/examples"));
        const QStringList files = examples.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString &f : files)
            QTest::newRow(qPrintable(u"examples/"_s + f)) << examples.filePath(f);
        QDir scenarios(QStringLiteral(GATEHOUSE_TEST_DATA "/fgw-scenarios"));
        for (const QString &f : scenarios.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(u"scenarios/"_s + f)) << scenarios.filePath(f);
        QTest::newRow("full-schema") << QStringLiteral(GATEHOUSE_TEST_DATA "/full-schema.json");
    }

    void roundTrip()
    {
        QFETCH(QString, path);
        const LoadResult original = ConfigLoader::load(readFile(path));
        QVERIFY(original.document);
        QStringList keysBefore;
        collectKeys(original.document->root(), keysBefore);

        for (const auto format : {JsonDocument::Format::Indented, JsonDocument::Format::Compact}) {
            const QByteArray saved = JsonDocument::serialize(original.document->root(), format);
            const LoadResult reloaded = ConfigLoader::load(saved);
            QVERIFY(reloaded.document);
            // Key order, unknown keys and duplicates survive...
            QStringList keysAfter;
            collectKeys(reloaded.document->root(), keysAfter);
            QCOMPARE(keysAfter, keysBefore);
            // ...and so does every finding (only positions move).
            QCOMPARE(codes(reloaded), codes(original));
            // Saving again changes nothing.
            QCOMPARE(JsonDocument::serialize(reloaded.document->root(), format), saved);
        }
    }
};

QTEST_GUILESS_MAIN(TestConfigLegacy)
#include "tst_configlegacy.moc"
