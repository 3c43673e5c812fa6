#pragma once

// The typed model of an FGW v1 config.json (reference §1), as Gatehouse understands it.
//
// Conventions, so that every struct reads the same way:
// - `node` is the JSON value the struct was read from (invalid when the object was absent and
//   the struct only carries defaults). `node.keyPosition()` / `node.position()` give line and
//   column; `node.member("Key")` finds any single field's source.
// - Keys FGW treats as optional are std::optional (or an empty list / invalid JsonValue for
//   containers); fields with a documented FGW default carry that default. Blocks that few
//   routes or services set are std::shared_ptr<const T> instead (null = absent): they read
//   like std::optional (`if (m.rateLimit) m.rateLimit->requests`) but cost 16 bytes when
//   absent, which keeps a config with 10,000 routes and services within its memory budget.
// - Legacy shapes (reference §1.11) are read into the current fields, so consumers of the model
//   never see two spellings of one setting. Where Gatehouse deliberately differs from what a
//   current FGW does with a legacy key (the health check's `Uri`), the model says what Gatehouse
//   does and the loader's `legacy-key` diagnostic says what FGW does.
// - Numbers stay as FGW reads them (JavaScript doubles): durations in seconds are `double`,
//   counts and sizes `qint64`.
// - A Config and everything in it is immutable once loaded and holds its JsonDocument alive, so
//   any thread may read it through the shared pointer.

#include "jsondocument.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Gatehouse::Core {

// {CertChain, PrivateKey, IssuingCA} as used by `Certificate`, `TLS.Certificates[]`,
// `Services[].UpstreamCert` and endpoint `UpstreamCert` (PEM text).
struct CertificateConfig
{
    JsonValue node;
    QString certChain;
    QString privateKey;
    std::optional<QString> issuingCa;
};

// A {Name, Value} pair (header modifiers, legacy rate-limit headers) or a map member.
struct NameValue
{
    JsonValue node;
    QString name;
    QString value;
};

// §1.2.1
struct GzipConfig
{
    JsonValue node;
    bool disableGzip = false;
    qint64 minLength = 1024;
    std::optional<double> httpVersion;
    QStringList types;
    std::optional<QString> disableUserAgentRegex; // `GzipDisable`
};

// §1.2.2, one entry of `ErrorPage`.
struct ErrorPageEntry
{
    JsonValue node;
    QList<int> errors;
    QString page;
    std::optional<QString> directory;
    std::optional<int> status;
};

// §1.5.5
struct FaultDelay
{
    JsonValue node;
    double percent = 0;
    std::optional<double> fixed;
    std::optional<QString> range; // "min-max"
    QString unit = QStringLiteral("ms");
};

struct FaultAbort
{
    JsonValue node;
    double percent = 0;
    int status = 0;
    std::optional<QString> message;
};

struct FaultConfig
{
    JsonValue node;
    std::optional<FaultDelay> delay;
    std::optional<FaultAbort> abort;
};

// The keys that cascade Match -> domain -> Configs (§1.2, "first defined wins, the whole object
// is taken"). Each level keeps what it states; resolution is the engine's business.
struct RouteOptions
{
    std::shared_ptr<const GzipConfig> gzip;
    std::optional<QList<ErrorPageEntry>> errorPages;
    std::optional<QList<NameValue>> proxyRedirect; // prefix -> target, in file order
    std::optional<QString> accessLog;
    std::optional<bool> proxyPreserveHost;   // FGW default true
    std::optional<qint64> clientMaxBodySize; // bytes; "k"/"m" suffixes already applied
    std::optional<QString> defaultMimeType;
    std::shared_ptr<const FaultConfig> fault;
};

struct ResourceUsageConfig
{
    JsonValue node;
    double scrapeInterval = 0;
    std::optional<QString> storageAddress;
    std::optional<QString> authorization;
};

struct HealthCheckLogConfig
{
    JsonValue node;
    std::optional<QString> storageAddress;
    std::optional<QString> authorization;
};

struct ProxyTagConfig
{
    JsonValue node;
    QString srcHostHeader = QStringLiteral("orig-host");
    QString dstHostHeader = QStringLiteral("proxy-tag");
};

// `Configs` (§1.2). Present with defaults even when the file has no `Configs`.
struct GlobalConfig
{
    JsonValue node;
    bool enableDebug = false;
    bool stripAnyHostPort = false;
    qint64 defaultPassthroughUpstreamPort = 443;
    std::optional<double> socketTimeout; // seconds; unset = Pipy defaults (idle 60 s)
    std::optional<QString> pidFile;
    std::optional<ResourceUsageConfig> resourceUsage;
    std::optional<HealthCheckLogConfig> healthCheckLog;
    bool http1PerRequestLoadBalancing = false;
    bool http2PerRequestLoadBalancing = true;
    bool showUpstreamStatusInResponseHeader = false;
    RouteOptions options;
    std::optional<ProxyTagConfig> proxyTag;
    std::optional<QString> subrequestAuthAddr;
};

// `AccessControlLists` on a listener, domain or Match (§2.16). EnableXFF/Status/Message only
// mean something at domain and Match level.
struct AccessControlConfig
{
    JsonValue node;
    QStringList blacklist;
    QStringList whitelist;
    bool enableXff = false;
    int status = 403;
    QString message;
};

enum class ListenerProtocol : quint8 { Http, Https, Tls, Tcp, Udp, Unknown };
enum class TlsMode : quint8 { Terminate, Passthrough, Unknown };

// §1.3.1
struct TlsConfig
{
    JsonValue node;
    std::optional<TlsMode> mode; // `TLSModeType`
    bool mtls = false;           // `MTLS` (legacy `mTLS` is read too, see legacy-key)
    QList<CertificateConfig> certificates;
    QStringList caCerts;
    std::optional<QString> alpn;
};

// §1.3
struct ListenerConfig
{
    JsonValue node;
    ListenerProtocol protocol = ListenerProtocol::Unknown;
    QString protocolName; // as written (chain selection is case-sensitive)
    int port = 0;         // logical port: the key into RouteRules
    int listenPort = 0;   // port to bind: `Listen`, else `Port`
    // Address to bind: the ip of an "ip:port" `Listen`, else IPv4 any (as Pipy does).
    QHostAddress bindAddress = QHostAddress(QHostAddress::AnyIPv4);
    std::optional<TlsConfig> tls;
    std::optional<AccessControlConfig> accessControl;
    std::optional<qint64> bpsLimit; // bytes per second, each direction

    // FGW's chain name for this listener (§1.8): "HTTPRoute", "TLSPassthrough", ...; empty for
    // an unknown protocol or a TLS listener without a valid TLSModeType.
    QString chainName() const;
};

// --- HTTP routing (§1.5) ---

enum class PathMatchType : quint8 { Prefix, Exact, Regex, Unknown };

struct PathMatch
{
    JsonValue node;
    PathMatchType type = PathMatchType::Unknown; // Unknown never matches on FGW
    QString typeName;
    QString path;
};

// `Headers` / `QueryParams`: {Exact?: {name: value}, Regex?: {name: regex}}.
struct KeyValueMatch
{
    JsonValue node;
    QList<NameValue> exact;
    QList<NameValue> regex;
    bool neverMatches = false; // another type key was given (FGW then never matches)
};

// §1.5.3
enum class FilterType : quint8 {
    RequestHeaderModifier,
    ResponseHeaderModifier,
    RequestRedirect,
    UrlRewrite, // Type "URLRewrite", payload key "UrlRewrite"
    RequestMirror,
    Unknown
};

struct HeaderModifier
{
    JsonValue node;
    QList<NameValue> set;
    QList<NameValue> add;
    QStringList remove;
};

enum class PathModifierType : quint8 { ReplacePrefixMatch, ReplaceFullPath, Unknown };

struct PathModifier
{
    JsonValue node;
    PathModifierType type = PathModifierType::Unknown;
    QString replacement;
};

struct RequestRedirect
{
    JsonValue node;
    std::optional<QString> scheme;
    std::optional<QString> hostname;
    std::optional<PathModifier> path;
    std::optional<int> port;
    int statusCode = 0;
};

struct UrlRewrite
{
    JsonValue node;
    std::optional<QString> hostname;
    std::optional<PathModifier> path;
};

struct RequestMirror
{
    JsonValue node;
    QString backendService;
};

struct Filter
{
    JsonValue node;
    FilterType type = FilterType::Unknown;
    QString typeName;
    // Exactly one is set, matching `type` (none for Unknown or a missing payload).
    std::optional<HeaderModifier> headerModifier;
    std::optional<RequestRedirect> requestRedirect;
    std::optional<UrlRewrite> urlRewrite;
    std::optional<RequestMirror> requestMirror;
};

// §1.5.4. The legacy shape {Local: {...}} is read into the same fields.
struct RateLimitConfig
{
    JsonValue node;
    qint64 backlog = 0;
    qint64 requests = 0;
    std::optional<qint64> burst; // default: requests
    double statTimeWindow = 0;   // seconds
    int responseStatusCode = 429;
    QList<NameValue> responseHeadersToAdd;
    std::optional<QString> mode; // read by FGW, unused
};

// One `BackendService` member: {"svc": {Weight, Filters?}}.
struct BackendRef
{
    JsonValue node;
    QString service;
    qint64 weight = 0; // <= 0: excluded from the split (FGW treats a missing Weight the same)
    QList<Filter> filters;
};

// GRPC `Method` matcher (§1.5.2).
struct GrpcMethodMatch
{
    JsonValue node;
    QString type; // only "Exact" checks anything
    std::optional<QString> service;
    std::optional<QString> method;
};

// One entry of a domain's `Matches`. HTTP/HTTP2 domains use the HTTP fields (§1.5.1), GRPC
// domains the GRPC ones (§1.5.2); the loader reports fields that do not belong to the domain's
// RouteType.
struct RouteMatch
{
    JsonValue node;
    // HTTP / HTTP2
    std::optional<PathMatch> path; // absent: any path
    std::shared_ptr<const KeyValueMatch> queryParams;
    QStringList methods; // empty: any method
    std::optional<QString> serverRoot;
    QStringList index; // empty: FGW default ["index.html"]
    QStringList tryFiles;
    // GRPC
    std::shared_ptr<const GrpcMethodMatch> grpcMethod;
    // Both
    std::shared_ptr<const KeyValueMatch> headers;
    QList<BackendRef> backends;
    QList<Filter> filters;
    std::shared_ptr<const RateLimitConfig> rateLimit;
    std::shared_ptr<const AccessControlConfig> accessControl;
    bool enableHeadersAuthorization = false;
    std::optional<QString> headersAuthorizationType;
    bool enableSubrequestAuthorization = false;
    std::optional<QString> routeName; // `route`, the metrics label
    RouteOptions options;
};

enum class RouteType : quint8 { Http, Http2, Grpc, Unknown };

// Value of RouteRules[port][hosts] on HTTP/HTTPS listeners.
struct DomainRule
{
    JsonValue node;
    QString hostKey;                       // as written, e.g. "a.test.com, b.test.com"
    QStringList hosts;                     // split on ',' and trimmed, in order
    RouteType routeType = RouteType::Http; // absent means HTTP
    QList<RouteMatch> matches;
    std::shared_ptr<const RateLimitConfig> rateLimit;
    std::shared_ptr<const AccessControlConfig> accessControl;
    RouteOptions options;
};

// {"svc": weight} of TCP/UDP and TLS-terminate routes.
struct ServiceWeight
{
    JsonValue node;
    QString service;
    qint64 weight = 0;
};

// One SNI entry of a TLS listener's route (§1.6).
struct TlsRoute
{
    JsonValue node;
    QString hostKey;
    QStringList hosts;
    std::optional<QString> passthroughTarget; // Passthrough: "host[:port]"
    QList<ServiceWeight> services;            // Terminate
};

// What kind of value a RouteRules entry holds; decided by the listener that owns the port, or
// by the value's shape when no listener does.
enum class RouteRuleKind : quint8 { Http, L4, Tls, Unknown };

// One top-level RouteRules member; a port list key gives the same rule to each port.
struct RouteRule
{
    JsonValue node;
    QString portKey;  // as written, e.g. "80, 8080"
    QList<int> ports; // the valid ports of portKey
    RouteRuleKind kind = RouteRuleKind::Unknown;
    QList<DomainRule> domains;     // Http
    QList<ServiceWeight> services; // L4 (TCP/UDP)
    QList<TlsRoute> tlsRoutes;     // Tls
};

// --- Services (§1.7) ---

// Fields of an endpoint that few configs set, kept out of line so that an endpoint of a large
// config costs a few dozen bytes (the load benchmark has 100,000 of them).
struct EndpointExtras
{
    JsonValue tags; // informational object
    std::optional<CertificateConfig> upstreamCert;
    std::optional<bool> useSsl;
    std::optional<QString> host; // upstream Host header and TLS SNI
};

struct Endpoint
{
    JsonValue node;
    QString address;                              // the "host:port" key
    std::optional<qint64> weight;                 // 0: backup endpoint
    std::shared_ptr<const EndpointExtras> extras; // null when none of its fields is set

    // Weight 0 marks a backup endpoint (used only when the others fail). A missing Weight is
    // treated the same here; what FGW does with one is not established (reference §1.7.1).
    bool isBackup() const { return weight.value_or(0) == 0; }
};

enum class HealthCheckMatchKind : quint8 { Current, LegacyStatus, LegacyBody, LegacyHeaders };

// One `HealthCheck.Matches[]` entry; every rule in it must pass.
struct HealthCheckMatch
{
    JsonValue node;
    QList<int> statusCodes;
    std::optional<QString> body; // substring
    QList<NameValue> headers;    // exact values
    HealthCheckMatchKind kind = HealthCheckMatchKind::Current;
};

// §1.7.2. The legacy shape (`Uri` and Matches of {Type, Value, Name?}) is read as the HTTP probe
// it was meant to be: Uri -> path, status Value -> statusCodes, body Value -> body, headers
// Name/Value -> headers. (A current FGW ignores those keys and runs a TCP-connect probe.)
struct HealthCheckConfig
{
    JsonValue node;
    std::optional<double> interval; // seconds
    qint64 maxFails = 0;
    std::optional<double> failTimeout; // seconds
    std::optional<QString> path;       // set: HTTP probe; absent: TCP connect
    QList<HealthCheckMatch> matches;   // empty: [{StatusCodes: [200]}]
    bool legacyShape = false;

    bool isActive() const
    {
        return maxFails > 0 && (interval.value_or(0) > 0 || failTimeout.value_or(0) > 0);
    }
    bool isHttpProbe() const { return path.has_value(); }
};

// §1.7.3 with FGW's defaults. Also read from legacy `ConnectionSettings.http.CircuitBreaking`.
struct CircuitBreakingConfig
{
    JsonValue node;
    qint64 minRequestAmount = 100;
    double statTimeWindow = 30;
    double slowTimeThreshold = 5;
    qint64 slowAmountThreshold = 0;
    double slowRatioThreshold = 0;
    qint64 errorAmountThreshold = 0;
    double errorRatioThreshold = 0;
    double degradedTimeWindow = 30;
    int degradedStatusCode = 409;
    QString degradedResponseContent = QStringLiteral("Coming soon ...");
};

// §1.7 `Retry`; also read from legacy `RetryPolicy` / `RetryBackoffBaseInterval`.
struct RetryConfig
{
    JsonValue node;
    QString retryOn = QStringLiteral("5xx");
    qint64 numRetries = 0;
    double backoffBaseInterval = 0; // seconds (FGW caps it at 1 s)
};

enum class LoadBalancingAlgorithm : quint8 {
    RoundRobin,
    Hashing,
    LeastConnection,
    Other // another Pipy algo class name, kept in Service::algorithmName
};

struct Service
{
    JsonValue node;
    QString name;
    QList<Endpoint> endpoints;
    LoadBalancingAlgorithm algorithm = LoadBalancingAlgorithm::RoundRobin;
    std::optional<QString> algorithmName;
    std::optional<QString> stickyCookieName;
    qint64 stickyCookieExpires = 3600;
    // Blocks few services set are shared pointers (null = absent) rather than std::optional to
    // keep a Service small in configs with thousands of them.
    std::shared_ptr<const HealthCheckConfig> healthCheck;
    std::shared_ptr<const CircuitBreakingConfig> circuitBreaking;
    std::shared_ptr<const RetryConfig> retry;
    std::shared_ptr<const CertificateConfig> upstreamCert;
    bool mtls = false;
    std::optional<qint64> maxRequestsPerConnection;
    JsonValue plugins; // {"cors": {...}, "traffic-mirror": {...}}; invalid when absent
};

// --- Chains, consumers (§1.8, §2.16) ---

struct ChainModule
{
    JsonValue node;
    QString path; // e.g. "http/route.js"
};

struct Chain
{
    JsonValue node;
    QString name; // "HTTPRoute", ...
    QList<ChainModule> modules;

    bool contains(QAnyStringView modulePath) const;
};

struct Consumer
{
    JsonValue node;                        // the whole object; fields are free-form variables
    QList<NameValue> headersAuthorization; // `Headers-Authorization`
};

// The whole config.json.
struct Config
{
    // Keeps every JsonValue in the model valid.
    std::shared_ptr<const JsonDocument> document;
    JsonValue node;

    GlobalConfig configs;
    QList<ListenerConfig> listeners;
    QList<RouteRule> routeRules;
    // In file order. A name defined twice appears twice here; service() returns the last
    // definition, which is the one FGW uses (duplicate-key says so).
    QList<Service> services;
    QList<Chain> chains;
    std::optional<CertificateConfig> certificate;
    QList<Consumer> consumers;
    std::optional<QString> version;
    JsonValue features; // ignored by FGW; invalid when absent

    // Lookups (the last definition wins for duplicate names, as in JSON.parse). Null if absent.
    const Service *service(const QString &name) const;
    const Chain *chain(QStringView name) const;
    // The rule that serves a logical port (a later key naming the same port wins, as in FGW).
    const RouteRule *routeRuleForPort(int port) const;

private:
    friend class ConfigReader;
    QHash<QString, qsizetype> m_serviceIndex;
};

QString protocolName(ListenerProtocol protocol);
QString pathMatchTypeName(PathMatchType type);
QString filterTypeName(FilterType type); // the `Type` string ("URLRewrite", ...)

} // namespace Gatehouse::Core
