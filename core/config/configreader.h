#pragma once

#include "config.h"
#include "diagnosticsink.h"
#include "enginefeatures.h"

#include <QLatin1StringView>

#include <memory>
#include <optional>
#include <span>

namespace Gatehouse::Core {

class ObjectFields;

// Builds the typed Config from a parsed document and reports everything that can be seen
// while reading one value at a time: wrong types, missing fields, unknown, legacy, ignored and
// duplicate keys, bad values (ports, regexes, path types, protocols) and features the engine
// does not implement. Cross-references (services, ports, chains) are ConfigValidator's.
// One reader per load; not thread-safe.
class ConfigReader
{
public:
    explicit ConfigReader(DiagnosticSink &sink);
    std::shared_ptr<Config> read(const std::shared_ptr<const JsonDocument> &document);

    // The keys FGW reads in one kind of object. Legacy keys are in `keys` too (the reader
    // handles them) but are never offered as "did you mean" suggestions.
    struct Schema
    {
        std::span<const QLatin1StringView> keys;
        std::span<const QLatin1StringView> legacy;
        const char *what; // noun phrase for messages, e.g. "a listener" (translated on use)
    };

private:
    // Values
    ObjectFields fields(const JsonValue &object, const Schema &schema);
    bool expectType(const JsonValue &v, JsonType type);
    std::optional<QString> string(const JsonValue &v);
    std::optional<bool> boolean(const JsonValue &v);
    std::optional<double> number(const JsonValue &v);
    std::optional<qint64> integer(const JsonValue &v);
    std::optional<int> statusCode(const JsonValue &v);
    QStringList strings(const JsonValue &v);
    QList<int> integers(const JsonValue &v);
    QList<NameValue> stringMap(const JsonValue &v);
    QList<NameValue> nameValueList(const JsonValue &v);
    void requireField(const JsonValue &object,
                      const JsonValue &field,
                      QLatin1StringView key,
                      const char *what);
    void checkMapDuplicates(const JsonValue &object);
    void checkRegex(const JsonValue &v, const QString &pattern);
    void unsupported(EngineFeature feature, const JsonValue &at);
    void ignoredKey(const JsonValue &member, const QString &why);
    QString sharedServiceName(const QString &name) const;

    // Sections
    void readConfigs(const JsonValue &v, GlobalConfig &out);
    void readRouteOptions(const ObjectFields &f, RouteOptions &out);
    std::optional<GzipConfig> readGzip(const JsonValue &v);
    std::optional<QList<ErrorPageEntry>> readErrorPages(const JsonValue &v);
    std::optional<FaultConfig> readFault(const JsonValue &v);
    std::optional<qint64> readBodySize(const JsonValue &v);
    std::optional<CertificateConfig> readCertificate(const JsonValue &v);
    std::optional<AccessControlConfig> readAccessControl(const JsonValue &v, bool listenerLevel);
    void readListeners(const JsonValue &v, Config &config);
    std::optional<TlsConfig> readTls(const JsonValue &v);
    void readServices(const JsonValue &v, Config &config);
    void readEndpoints(const JsonValue &v, Service &service);
    std::shared_ptr<HealthCheckConfig> readHealthCheck(const JsonValue &v);
    void readHealthCheckMatch(const JsonValue &v, HealthCheckConfig &hc);
    std::shared_ptr<CircuitBreakingConfig> readCircuitBreaking(const JsonValue &v);
    std::shared_ptr<RetryConfig> readRetry(const JsonValue &v);
    void readConnectionSettings(const JsonValue &member, Service &service);
    void readChains(const JsonValue &v, Config &config);
    void readConsumers(const JsonValue &v, Config &config);
    void readRouteRules(const JsonValue &v, Config &config);
    void readDomain(const JsonValue &v, DomainRule &domain);
    void readMatch(const JsonValue &v, RouteType routeType, RouteMatch &match);
    std::optional<KeyValueMatch> readKeyValueMatch(const JsonValue &v, bool headers);
    QList<BackendRef> readBackends(const JsonValue &v);
    QList<Filter> readFilters(const JsonValue &v);
    std::optional<PathModifier> readPathModifier(const JsonValue &v);
    std::optional<HeaderModifier> readHeaderModifier(const JsonValue &v);
    std::optional<RateLimitConfig> readRateLimit(const JsonValue &v);
    QList<ServiceWeight> readServiceWeights(const JsonValue &v);
    void readTlsRoutes(const JsonValue &v, TlsMode mode, RouteRule &rule);

    DiagnosticSink &m_sink;
    // True while reading a RouteType GRPC domain: there Fault.Abort.Status is a gRPC status
    // code (0 to 16, sent as grpc-status, reference s2.10), not an HTTP one.
    bool m_inGrpcDomain = false;
    const JsonDocument *m_document = nullptr;
    const Config *m_config = nullptr; // the one being read; services come before routes
};

} // namespace Gatehouse::Core
