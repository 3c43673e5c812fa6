#include "configreader.h"

#include "diagnosticcodes.h"
#include "fgwcatalogue.h"
#include "jsonedit.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <array>

namespace Gatehouse::Core {

using namespace Qt::StringLiterals;
using Span = DiagnosticSink::Span;
namespace Code = DiagnosticCode;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::ConfigLoader)
};

#define GH_WHAT(text) QT_TRANSLATE_NOOP("Gatehouse::Core::ConfigLoader", text)

// --- Schemas: the keys FGW reads, per kind of object (reference §1) ---

// Keys that cascade Match -> domain -> Configs (§1.2).
#define GH_CASCADE_KEYS                                                                            \
    "Gzip"_L1, "ErrorPage"_L1, "ProxyRedirect"_L1, "AccessLog"_L1, "ProxyPreserveHost"_L1,         \
        "ClientMaxBodySize"_L1, "DefaultMimeType"_L1, "Fault"_L1

constexpr QLatin1StringView s_topKeys[]
    = {"Configs"_L1,     "Listeners"_L1, "RouteRules"_L1, "Services"_L1, "Chains"_L1,
       "Certificate"_L1, "Consumers"_L1, "Version"_L1,    "Features"_L1};
constexpr QLatin1StringView s_configsKeys[] = {
    "EnableDebug"_L1,
    "StripAnyHostPort"_L1,
    "DefaultPassthroughUpstreamPort"_L1,
    "SocketTimeout"_L1,
    "PidFile"_L1,
    "ResourceUsage"_L1,
    "HealthCheckLog"_L1,
    "HTTP1PerRequestLoadBalancing"_L1,
    "HTTP2PerRequestLoadBalancing"_L1,
    "ShowUpstreamStatusInResponseHeader"_L1,
    "ProxyTag"_L1,
    "SubrequestAuthAddr"_L1,
    GH_CASCADE_KEYS,
};
constexpr QLatin1StringView s_gzipKeys[] = {"DisableGzip"_L1, "GzipMinLength"_L1,
                                            "GzipHttpVersion"_L1, "GzipTypes"_L1, "GzipDisable"_L1};
constexpr QLatin1StringView s_errorPageKeys[]
    = {"Error"_L1, "Page"_L1, "Directory"_L1, "Status"_L1};
constexpr QLatin1StringView s_faultKeys[] = {"Delay"_L1, "Abort"_L1};
constexpr QLatin1StringView s_delayKeys[] = {"Percent"_L1, "Fixed"_L1, "Range"_L1, "Unit"_L1};
constexpr QLatin1StringView s_abortKeys[] = {"Percent"_L1, "Status"_L1, "Message"_L1};
constexpr QLatin1StringView s_resourceUsageKeys[]
    = {"ScrapeInterval"_L1, "StorageAddress"_L1, "Authorization"_L1};
constexpr QLatin1StringView s_healthCheckLogKeys[] = {"StorageAddress"_L1, "Authorization"_L1};
constexpr QLatin1StringView s_proxyTagKeys[] = {"SrcHostHeader"_L1, "DstHostHeader"_L1};
constexpr QLatin1StringView s_certificateKeys[]
    = {"CertChain"_L1, "PrivateKey"_L1, "IssuingCA"_L1, "Expiration"_L1};
constexpr QLatin1StringView s_aclKeys[]
    = {"Blacklist"_L1, "Whitelist"_L1, "EnableXFF"_L1, "Status"_L1, "Message"_L1};
constexpr QLatin1StringView s_listenerKeys[]
    = {"Protocol"_L1, "Port"_L1, "Listen"_L1, "TLS"_L1, "AccessControlLists"_L1, "BpsLimit"_L1};
constexpr QLatin1StringView s_tlsKeys[]
    = {"TLSModeType"_L1, "MTLS"_L1, "Certificates"_L1, "CACerts"_L1, "ALPN"_L1, "mTLS"_L1};
constexpr QLatin1StringView s_tlsLegacy[] = {"mTLS"_L1};
constexpr QLatin1StringView s_serviceKeys[]
    = {"Endpoints"_L1, "Algorithm"_L1, "StickyCookieName"_L1, "StickyCookieExpires"_L1,
       "HealthCheck"_L1, "CircuitBreaking"_L1, "Retry"_L1, "UpstreamCert"_L1, "MTLS"_L1,
       "MaxRequestsPerConnection"_L1, "Plugins"_L1,
       // legacy
       "RetryPolicy"_L1, "ConnectionSettings"_L1, "mTLS"_L1, "Filters"_L1};
constexpr QLatin1StringView s_serviceLegacy[]
    = {"RetryPolicy"_L1, "ConnectionSettings"_L1, "mTLS"_L1, "Filters"_L1};
constexpr QLatin1StringView s_endpointKeys[]
    = {"Weight"_L1, "Tags"_L1, "UpstreamCert"_L1, "UseSSL"_L1, "Host"_L1};
constexpr QLatin1StringView s_healthCheckKeys[]
    = {"Interval"_L1, "MaxFails"_L1, "FailTimeout"_L1, "Path"_L1, "Matches"_L1, "Uri"_L1};
constexpr QLatin1StringView s_healthCheckLegacy[] = {"Uri"_L1};
constexpr QLatin1StringView s_healthMatchKeys[]
    = {"StatusCodes"_L1, "Body"_L1, "Headers"_L1, "Type"_L1, "Value"_L1, "Name"_L1};
constexpr QLatin1StringView s_healthMatchLegacy[] = {"Type"_L1, "Value"_L1, "Name"_L1};
constexpr QLatin1StringView s_circuitBreakingKeys[]
    = {"MinRequestAmount"_L1,       "StatTimeWindow"_L1,     "SlowTimeThreshold"_L1,
       "SlowAmountThreshold"_L1,    "SlowRatioThreshold"_L1, "ErrorAmountThreshold"_L1,
       "ErrorRatioThreshold"_L1,    "DegradedTimeWindow"_L1, "DegradedStatusCode"_L1,
       "DegradedResponseContent"_L1};
constexpr QLatin1StringView s_retryKeys[]
    = {"RetryOn"_L1, "NumRetries"_L1, "BackoffBaseInterval"_L1, "RetryBackoffBaseInterval"_L1,
       "PerTryTimeout"_L1};
constexpr QLatin1StringView s_retryLegacy[] = {"RetryBackoffBaseInterval"_L1, "PerTryTimeout"_L1};
constexpr QLatin1StringView s_connectionSettingsKeys[] = {"http"_L1, "tcp"_L1};
constexpr QLatin1StringView s_pluginKeys[] = {"cors"_L1, "traffic-mirror"_L1};
constexpr QLatin1StringView s_domainKeys[]
    = {"RouteType"_L1, "Matches"_L1, "RateLimit"_L1, "AccessControlLists"_L1, GH_CASCADE_KEYS};
constexpr QLatin1StringView s_matchKeys[] = {"Path"_L1,
                                             "Headers"_L1,
                                             "QueryParams"_L1,
                                             "Methods"_L1,
                                             "BackendService"_L1,
                                             "ServerRoot"_L1,
                                             "Index"_L1,
                                             "TryFiles"_L1,
                                             "Filters"_L1,
                                             "RateLimit"_L1,
                                             "AccessControlLists"_L1,
                                             "EnableHeadersAuthorization"_L1,
                                             "HeadersAuthorizationType"_L1,
                                             "EnableSubrequestAuthorization"_L1,
                                             "route"_L1,
                                             "Method"_L1,
                                             GH_CASCADE_KEYS,
                                             "RequestParams"_L1};
constexpr QLatin1StringView s_matchLegacy[] = {"RequestParams"_L1};
constexpr QLatin1StringView s_pathKeys[] = {"Type"_L1, "Path"_L1};
constexpr QLatin1StringView s_keyValueMatchKeys[] = {"Exact"_L1, "Regex"_L1};
constexpr QLatin1StringView s_grpcMethodKeys[] = {"Type"_L1, "Service"_L1, "Method"_L1};
constexpr QLatin1StringView s_backendKeys[] = {"Weight"_L1, "Filters"_L1};
constexpr QLatin1StringView s_filterKeys[] = {
    "Type"_L1,       "RequestHeaderModifier"_L1, "ResponseHeaderModifier"_L1, "RequestRedirect"_L1,
    "UrlRewrite"_L1, "RequestMirror"_L1};
constexpr QLatin1StringView s_headerModifierKeys[] = {"Set"_L1, "Add"_L1, "Remove"_L1};
constexpr QLatin1StringView s_nameValueKeys[] = {"Name"_L1, "Value"_L1};
constexpr QLatin1StringView s_redirectKeys[]
    = {"Scheme"_L1, "Hostname"_L1, "Path"_L1, "Port"_L1, "StatusCode"_L1};
constexpr QLatin1StringView s_rewriteKeys[] = {"Hostname"_L1, "Path"_L1};
constexpr QLatin1StringView s_pathModifierKeys[]
    = {"Type"_L1, "ReplacePrefixMatch"_L1, "ReplaceFullPath"_L1};
constexpr QLatin1StringView s_mirrorKeys[] = {"BackendService"_L1};
constexpr QLatin1StringView s_rateLimitKeys[] = {"Backlog"_L1,
                                                 "Requests"_L1,
                                                 "Burst"_L1,
                                                 "StatTimeWindow"_L1,
                                                 "ResponseStatusCode"_L1,
                                                 "ResponseHeadersToAdd"_L1,
                                                 "Mode"_L1,
                                                 "Local"_L1};
constexpr QLatin1StringView s_rateLimitLegacy[] = {"Local"_L1};

using Schema = ConfigReader::Schema;
const Schema s_top{s_topKeys, {}, GH_WHAT("the top level")};
const Schema s_configs{s_configsKeys, {}, GH_WHAT("Configs")};
const Schema s_gzip{s_gzipKeys, {}, GH_WHAT("Gzip")};
const Schema s_errorPage{s_errorPageKeys, {}, GH_WHAT("an ErrorPage entry")};
const Schema s_fault{s_faultKeys, {}, GH_WHAT("Fault")};
const Schema s_delay{s_delayKeys, {}, GH_WHAT("Fault.Delay")};
const Schema s_abort{s_abortKeys, {}, GH_WHAT("Fault.Abort")};
const Schema s_resourceUsage{s_resourceUsageKeys, {}, GH_WHAT("ResourceUsage")};
const Schema s_healthCheckLog{s_healthCheckLogKeys, {}, GH_WHAT("HealthCheckLog")};
const Schema s_proxyTag{s_proxyTagKeys, {}, GH_WHAT("ProxyTag")};
const Schema s_certificate{s_certificateKeys, {}, GH_WHAT("a certificate")};
const Schema s_acl{s_aclKeys, {}, GH_WHAT("AccessControlLists")};
const Schema s_listener{s_listenerKeys, {}, GH_WHAT("a listener")};
const Schema s_tls{s_tlsKeys, s_tlsLegacy, GH_WHAT("TLS")};
const Schema s_service{s_serviceKeys, s_serviceLegacy, GH_WHAT("a service")};
const Schema s_endpoint{s_endpointKeys, {}, GH_WHAT("an endpoint")};
const Schema s_healthCheck{s_healthCheckKeys, s_healthCheckLegacy, GH_WHAT("HealthCheck")};
const Schema s_healthMatch{s_healthMatchKeys, s_healthMatchLegacy, GH_WHAT("a HealthCheck match")};
const Schema s_circuitBreaking{s_circuitBreakingKeys, {}, GH_WHAT("CircuitBreaking")};
const Schema s_retry{s_retryKeys, s_retryLegacy, GH_WHAT("Retry")};
const Schema s_connectionSettings{s_connectionSettingsKeys, {}, GH_WHAT("ConnectionSettings")};
const Schema s_plugins{s_pluginKeys, {}, GH_WHAT("Plugins")};
const Schema s_domain{s_domainKeys, {}, GH_WHAT("a domain rule")};
const Schema s_match{s_matchKeys, s_matchLegacy, GH_WHAT("a route match")};
const Schema s_path{s_pathKeys, {}, GH_WHAT("Path")};
const Schema s_keyValueMatch{s_keyValueMatchKeys, {}, GH_WHAT("a header or query match")};
const Schema s_grpcMethod{s_grpcMethodKeys, {}, GH_WHAT("a gRPC Method match")};
const Schema s_backend{s_backendKeys, {}, GH_WHAT("a BackendService entry")};
const Schema s_filter{s_filterKeys, {}, GH_WHAT("a filter")};
const Schema s_headerModifier{s_headerModifierKeys, {}, GH_WHAT("a header modifier")};
const Schema s_nameValue{s_nameValueKeys, {}, GH_WHAT("a Name/Value pair")};
const Schema s_redirect{s_redirectKeys, {}, GH_WHAT("RequestRedirect")};
const Schema s_rewrite{s_rewriteKeys, {}, GH_WHAT("UrlRewrite")};
const Schema s_pathModifier{s_pathModifierKeys, {}, GH_WHAT("a path modifier")};
const Schema s_mirror{s_mirrorKeys, {}, GH_WHAT("RequestMirror")};
const Schema s_rateLimit{s_rateLimitKeys, s_rateLimitLegacy, GH_WHAT("RateLimit")};

constexpr size_t MaxSchemaKeys = 32;

QString quoted(const QString &s)
{
    return u"\""_s + s + u'"';
}

QString keyLabel(const JsonValue &v)
{
    return v.hasKey() ? quoted(v.key()) : Tr::tr("This value");
}

QString expectedNoun(JsonType type)
{
    switch (type) {
    case JsonType::Null:
        return Tr::tr("null");
    case JsonType::Bool:
        return Tr::tr("true or false");
    case JsonType::Number:
        return Tr::tr("a number");
    case JsonType::String:
        return Tr::tr("a string");
    case JsonType::Array:
        return Tr::tr("an array");
    case JsonType::Object:
        return Tr::tr("an object");
    }
    return {};
}

QString actualNoun(const JsonValue &v)
{
    switch (v.type()) {
    case JsonType::Null:
        return Tr::tr("null");
    case JsonType::Bool:
        return Tr::tr("a boolean");
    default:
        return expectedNoun(v.type());
    }
}

// Levenshtein distance, with a case-only difference counting as one edit in total (so "mtls"
// suggests "MTLS").
int editDistance(QStringView a, QStringView b)
{
    if (a.compare(b, Qt::CaseInsensitive) == 0)
        return a == b ? 0 : 1;
    const qsizetype n = b.size();
    QVarLengthArray<int, 64> row(n + 1);
    for (qsizetype j = 0; j <= n; ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= n; ++j) {
            const int up = row[j];
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = up;
        }
    }
    return row[n];
}

bool contains(std::span<const QLatin1StringView> list, QLatin1StringView key)
{
    return std::find(list.begin(), list.end(), key) != list.end();
}

// ECMAScript (what FGW's regexes are) refuses inline flag groups such as "(?i)" that PCRE,
// and so QRegularExpression, accepts; report them so a pattern valid here is valid on FGW.
bool hasPcreOnlySyntax(const QString &pattern)
{
    for (qsizetype i = 0; i + 2 < pattern.size(); ++i) {
        if (pattern[i] == u'\\') {
            ++i;
            continue;
        }
        if (pattern[i] == u'(' && pattern[i + 1] == u'?') {
            const QChar c = pattern[i + 2];
            if (c != u':' && c != u'=' && c != u'!' && c != u'<')
                return true;
        }
    }
    return false;
}

// Moves an optional block out of line (see "Conventions" in config.h).
template<typename T>
std::shared_ptr<const T> share(std::optional<T> &&value)
{
    return value ? std::make_shared<const T>(std::move(*value)) : nullptr;
}

// Tokens that recur thousands of times in large configs (methods, match types, algorithm
// names). Returning Qt's static string data for them costs no allocation per occurrence.
std::optional<QString> internedToken(const JsonValue &v)
{
    static const QString tokens[] = {
        u"GET"_s,
        u"POST"_s,
        u"PUT"_s,
        u"DELETE"_s,
        u"HEAD"_s,
        u"OPTIONS"_s,
        u"PATCH"_s,
        u"Prefix"_s,
        u"Exact"_s,
        u"Regex"_s,
        u"HTTP"_s,
        u"HTTPS"_s,
        u"HTTP2"_s,
        u"GRPC"_s,
        u"TLS"_s,
        u"TCP"_s,
        u"UDP"_s,
        u"Terminate"_s,
        u"Passthrough"_s,
        u"5xx"_s,
        u"/"_s,
        u"Basic"_s,
        u"index.html"_s,
        u"ms"_s,
        u"s"_s,
        u"RoundRobinLoadBalancer"_s,
        u"HashingLoadBalancer"_s,
        u"LeastConnectionLoadBalancer"_s,
        u"LeastWorkLoadBalancer"_s,
        u"RequestHeaderModifier"_s,
        u"ResponseHeaderModifier"_s,
        u"RequestRedirect"_s,
        u"URLRewrite"_s,
        u"RequestMirror"_s,
        u"ReplacePrefixMatch"_s,
        u"ReplaceFullPath"_s,
    };
    const QByteArrayView raw = v.raw();
    if (raw.size() > 32)
        return std::nullopt;
    const QByteArrayView body = raw.sliced(1, raw.size() - 2);
    for (const QString &t : tokens) {
        if (t.size() == body.size() && QLatin1StringView(body) == t)
            return t;
    }
    return std::nullopt;
}

bool isHttpStatus(qint64 code)
{
    return code >= 100 && code <= 599;
}

// "ip:port", "[v6]:port" or a bare port; false when malformed.
bool parseHostPort(QStringView text, QString *host, int *port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    QStringView h = colon < 0 ? QStringView() : text.left(colon);
    const QStringView p = colon < 0 ? text : text.mid(colon + 1);
    if (h.startsWith(u'[') && h.endsWith(u']'))
        h = h.mid(1, h.size() - 2);
    bool ok = false;
    const int value = p.toInt(&ok);
    if (!ok)
        return false;
    *host = h.toString();
    *port = value;
    return true;
}

} // namespace

// The members of one object, looked up by the schema's keys. Keeps the last duplicate, as
// JSON.parse (and so FGW) does.
class ObjectFields
{
public:
    JsonValue operator[](QLatin1StringView key) const
    {
        for (size_t i = 0; i < m_keys.size(); ++i) {
            if (m_keys[i] == key)
                return m_values[i];
        }
        Q_ASSERT_X(false, "ObjectFields", "key not in the schema");
        return {};
    }

private:
    friend class ConfigReader;
    std::span<const QLatin1StringView> m_keys;
    std::array<JsonValue, MaxSchemaKeys> m_values{};
};

ConfigReader::ConfigReader(DiagnosticSink &sink)
    : m_sink(sink)
{}

// --- Values ---

ObjectFields ConfigReader::fields(const JsonValue &object, const Schema &schema)
{
    Q_ASSERT(schema.keys.size() <= MaxSchemaKeys);
    ObjectFields f;
    f.m_keys = schema.keys;
    if (!object.isObject())
        return f;
    for (const JsonValue member : object) {
        size_t index = schema.keys.size();
        for (size_t i = 0; i < schema.keys.size(); ++i) {
            if (member.keyEquals(schema.keys[i])) {
                index = i;
                break;
            }
        }
        if (index < schema.keys.size()) {
            JsonValue &slot = f.m_values[index];
            if (slot.isValid()) {
                m_sink.warning(Code::DuplicateKey, slot, Span::Key,
                               Tr::tr("%1 appears again on line %2. FGW keeps only the last one, "
                                      "so this one is ignored.")
                                   .arg(keyLabel(slot))
                                   .arg(member.keyPosition().line));
            }
            slot = member;
            continue;
        }
        // FGW silently ignores it; say so, and guess the key that was meant.
        const QString key = member.key();
        QLatin1StringView best;
        int bestDistance = 3;
        for (const QLatin1StringView candidate : schema.keys) {
            if (contains(schema.legacy, candidate))
                continue;
            const int d = editDistance(key, QString(candidate));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        const QString what = Tr::tr(schema.what);
        // A suggestion that is already set would only confuse ("RequestRedirect0" next to
        // "RequestRedirect" is a disabled copy, not a typo).
        if (!best.isEmpty() && object.member(best).isValid())
            best = {};
        if (best.isEmpty()) {
            m_sink.warning(Code::UnknownKey, member, Span::Key,
                           Tr::tr("Unknown key %1 in %2: FGW ignores it.").arg(quoted(key), what));
            continue;
        }
        Diagnostic &d
            = m_sink.warning(Code::UnknownKey, member, Span::Key,
                             Tr::tr("Unknown key %1 in %2: FGW ignores it. Did you mean \"%3\"?")
                                 .arg(quoted(key), what, best));
        d.fixes.append({Tr::tr("Rename to \"%1\"").arg(best),
                        {JsonEdit::renameKey(member, QByteArrayView(best.data(), best.size()))}});
    }
    return f;
}

bool ConfigReader::expectType(const JsonValue &v, JsonType type)
{
    if (!v.isValid())
        return false;
    if (v.type() == type)
        return true;
    m_sink.error(
        Code::WrongType, v, Span::Value,
        Tr::tr("%1 must be %2, not %3.").arg(keyLabel(v), expectedNoun(type), actualNoun(v)));
    return false;
}

std::optional<QString> ConfigReader::string(const JsonValue &v)
{
    if (!expectType(v, JsonType::String))
        return std::nullopt;
    if (auto token = internedToken(v))
        return token;
    return v.toString();
}

std::optional<bool> ConfigReader::boolean(const JsonValue &v)
{
    if (!expectType(v, JsonType::Bool))
        return std::nullopt;
    return v.toBool();
}

std::optional<double> ConfigReader::number(const JsonValue &v)
{
    if (!expectType(v, JsonType::Number))
        return std::nullopt;
    return v.toDouble();
}

std::optional<qint64> ConfigReader::integer(const JsonValue &v)
{
    if (!expectType(v, JsonType::Number))
        return std::nullopt;
    if (!v.isInteger()) {
        m_sink.error(Code::WrongType, v, Span::Value,
                     Tr::tr("%1 must be a whole number.").arg(keyLabel(v)));
        return std::nullopt;
    }
    return v.toInt64();
}

std::optional<int> ConfigReader::statusCode(const JsonValue &v)
{
    const auto code = integer(v);
    if (!code)
        return std::nullopt;
    if (!isHttpStatus(*code)) {
        m_sink.error(Code::InvalidValue, v, Span::Value,
                     Tr::tr("%1 is not an HTTP status code (100 to 599).").arg(*code));
        return std::nullopt;
    }
    return int(*code);
}

QStringList ConfigReader::strings(const JsonValue &v)
{
    QStringList out;
    if (!expectType(v, JsonType::Array))
        return out;
    out.reserve(v.size());
    for (const JsonValue e : v) {
        if (auto s = string(e))
            out.append(*s);
    }
    return out;
}

QList<int> ConfigReader::integers(const JsonValue &v)
{
    QList<int> out;
    if (!expectType(v, JsonType::Array))
        return out;
    for (const JsonValue e : v) {
        if (auto i = integer(e))
            out.append(int(std::clamp<qint64>(*i, INT_MIN, INT_MAX)));
    }
    return out;
}

QList<NameValue> ConfigReader::stringMap(const JsonValue &v)
{
    QList<NameValue> out;
    if (!expectType(v, JsonType::Object))
        return out;
    checkMapDuplicates(v);
    out.reserve(v.size());
    for (const JsonValue m : v) {
        if (auto s = string(m))
            out.append({m, m.key(), *s});
    }
    return out;
}

QList<NameValue> ConfigReader::nameValueList(const JsonValue &v)
{
    QList<NameValue> out;
    if (!expectType(v, JsonType::Array))
        return out;
    for (const JsonValue e : v) {
        if (!expectType(e, JsonType::Object))
            continue;
        const ObjectFields f = fields(e, s_nameValue);
        requireField(e, f["Name"_L1], "Name"_L1, s_nameValue.what);
        auto name = string(f["Name"_L1]);
        auto value = string(f["Value"_L1]);
        if (name)
            out.append({e, *name, value.value_or(QString())});
    }
    return out;
}

void ConfigReader::requireField(const JsonValue &object,
                                const JsonValue &field,
                                QLatin1StringView key,
                                const char *what)
{
    if (field.isValid() || !object.isObject())
        return;
    QString subject = object.hasKey() ? keyLabel(object) : Tr::tr(what);
    if (!subject.isEmpty())
        subject[0] = subject[0].toUpper(); // it starts the sentence
    m_sink.error(Code::MissingField, object, Span::Key,
                 Tr::tr("%1 needs \"%2\".").arg(subject, key));
}

void ConfigReader::checkMapDuplicates(const JsonValue &object)
{
    // Maps keyed by data (services, endpoints, hosts): raw key bytes are compared, which is
    // exact for the unescaped keys configs use. Small maps are checked pairwise to avoid a hash.
    const int n = object.size();
    if (n < 2)
        return;
    auto rawKey = [this](const JsonValue &m) {
        return QByteArrayView(m_document->text().constData() + m.keyOffset(), m.keyLength());
    };
    auto report = [this](const JsonValue &first, const JsonValue &second) {
        m_sink.warning(Code::DuplicateKey, first, Span::Key,
                       Tr::tr("%1 appears again on line %2. FGW keeps only the last one, so this "
                              "one is ignored.")
                           .arg(keyLabel(first))
                           .arg(second.keyPosition().line));
    };
    if (n <= 16) {
        for (JsonValue a = object.firstChild(); a.isValid(); a = a.nextSibling()) {
            for (JsonValue b = a.nextSibling(); b.isValid(); b = b.nextSibling()) {
                if (rawKey(a) == rawKey(b)) {
                    report(a, b);
                    break;
                }
            }
        }
        return;
    }
    QHash<QByteArrayView, JsonValue> last;
    last.reserve(n);
    // Walk backwards in effect: remember each key's next occurrence by scanning in order and
    // reporting the previous holder when a key repeats.
    for (const JsonValue m : object) {
        auto it = last.find(rawKey(m));
        if (it != last.end()) {
            report(*it, m);
            *it = m;
        } else {
            last.insert(rawKey(m), m);
        }
    }
}

void ConfigReader::checkRegex(const JsonValue &v, const QString &pattern)
{
    const QRegularExpression re(pattern);
    if (!re.isValid()) {
        m_sink.error(Code::InvalidRegex, v, Span::Value,
                     Tr::tr("Invalid regular expression: %1 (at character %2).")
                         .arg(re.errorString())
                         .arg(re.patternErrorOffset() + 1));
    } else if (hasPcreOnlySyntax(pattern)) {
        m_sink.error(Code::InvalidRegex, v, Span::Value,
                     Tr::tr("Invalid regular expression for FGW: inline flags such as \"(?i)\" "
                            "are not part of JavaScript regular expressions."));
    }
}

void ConfigReader::unsupported(EngineFeature feature, const JsonValue &at)
{
    if (engineSupports(feature) || !at.isValid())
        return;
    m_sink.warning(Code::UnsupportedFeature, at, Span::Key,
                   Tr::tr("%1: Gatehouse reads this setting but its engine does not implement "
                          "it yet, so it has no effect when Gatehouse runs this config "
                          "(FGW honours it).")
                       .arg(engineFeatureName(feature)));
}

void ConfigReader::ignoredKey(const JsonValue &member, const QString &why)
{
    m_sink.warning(Code::IgnoredKey, member, Span::Key, why);
}

// --- Sections ---

QString ConfigReader::sharedServiceName(const QString &name) const
{
    // Routes name services thousands of times; sharing the Service's own string (implicitly
    // shared) instead of keeping a copy per reference saves an allocation each.
    const Service *service = m_config ? m_config->service(name) : nullptr;
    return service ? service->name : name;
}

std::shared_ptr<Config> ConfigReader::read(const std::shared_ptr<const JsonDocument> &document)
{
    m_document = document.get();
    auto config = std::make_shared<Config>();
    m_config = config.get();
    config->document = document;
    const JsonValue root = document->root();
    config->node = root;
    if (!root.isObject()) {
        m_sink.error(Code::WrongType, root, Span::Value,
                     Tr::tr("A config must be a JSON object, not %1.").arg(actualNoun(root)));
        return config;
    }
    const ObjectFields f = fields(root, s_top);
    readConfigs(f["Configs"_L1], config->configs);
    readListeners(f["Listeners"_L1], *config);
    readServices(f["Services"_L1], *config);
    readChains(f["Chains"_L1], *config);
    if (f["Certificate"_L1].isValid())
        config->certificate = readCertificate(f["Certificate"_L1]);
    readConsumers(f["Consumers"_L1], *config);
    if (f["Version"_L1].isValid()) {
        // FSM writes a string, hand-written configs often a number; FGW never reads it.
        const JsonValue v = f["Version"_L1];
        if (v.isString() || v.isNumber())
            config->version = v.isString() ? v.toString() : QString::fromUtf8(v.raw());
        else
            expectType(v, JsonType::String);
    }
    if (f["Features"_L1].isValid()) {
        config->features = f["Features"_L1];
        ignoredKey(f["Features"_L1],
                   Tr::tr("\"Features\" is written by FSM but no FGW module reads it; it has no "
                          "effect."));
    }
    // Last: the shape of a route depends on the listener that owns its port.
    readRouteRules(f["RouteRules"_L1], *config);
    return config;
}

void ConfigReader::readConfigs(const JsonValue &v, GlobalConfig &out)
{
    if (!expectType(v, JsonType::Object))
        return;
    out.node = v;
    const ObjectFields f = fields(v, s_configs);
    if (auto b = boolean(f["EnableDebug"_L1]))
        out.enableDebug = *b;
    if (auto b = boolean(f["StripAnyHostPort"_L1]))
        out.stripAnyHostPort = *b;
    if (const JsonValue p = f["DefaultPassthroughUpstreamPort"_L1]; p.isValid()) {
        // A number or a numeric string (FGW appends it to a host as text).
        bool ok = false;
        const qint64 port = p.isString() ? p.toString().toLongLong(&ok) : p.toInt64();
        ok = ok || p.isInteger();
        if (!ok) {
            expectType(p, JsonType::Number);
        } else if (port < 1 || port > 65535) {
            m_sink.error(Code::PortRange, p, Span::Value,
                         Tr::tr("%1 is not a port number (1 to 65535).").arg(port));
        } else {
            out.defaultPassthroughUpstreamPort = port;
        }
    }
    out.socketTimeout = number(f["SocketTimeout"_L1]);
    out.pidFile = string(f["PidFile"_L1]);
    if (const JsonValue r = f["ResourceUsage"_L1]; expectType(r, JsonType::Object)) {
        const ObjectFields rf = fields(r, s_resourceUsage);
        ResourceUsageConfig ru;
        ru.node = r;
        ru.scrapeInterval = number(rf["ScrapeInterval"_L1]).value_or(0);
        ru.storageAddress = string(rf["StorageAddress"_L1]);
        ru.authorization = string(rf["Authorization"_L1]);
        out.resourceUsage = ru;
    }
    if (const JsonValue h = f["HealthCheckLog"_L1]; expectType(h, JsonType::Object)) {
        const ObjectFields hf = fields(h, s_healthCheckLog);
        HealthCheckLogConfig hl;
        hl.node = h;
        hl.storageAddress = string(hf["StorageAddress"_L1]);
        hl.authorization = string(hf["Authorization"_L1]);
        out.healthCheckLog = hl;
    }
    if (auto b = boolean(f["HTTP1PerRequestLoadBalancing"_L1]))
        out.http1PerRequestLoadBalancing = *b;
    if (auto b = boolean(f["HTTP2PerRequestLoadBalancing"_L1]))
        out.http2PerRequestLoadBalancing = *b;
    if (auto b = boolean(f["ShowUpstreamStatusInResponseHeader"_L1]))
        out.showUpstreamStatusInResponseHeader = *b;
    if (const JsonValue t = f["ProxyTag"_L1]; expectType(t, JsonType::Object)) {
        const ObjectFields tf = fields(t, s_proxyTag);
        ProxyTagConfig pt;
        pt.node = t;
        if (auto s = string(tf["SrcHostHeader"_L1]))
            pt.srcHostHeader = *s;
        if (auto s = string(tf["DstHostHeader"_L1]))
            pt.dstHostHeader = *s;
        out.proxyTag = pt;
    }
    out.subrequestAuthAddr = string(f["SubrequestAuthAddr"_L1]);
    readRouteOptions(f, out.options);
}

void ConfigReader::readRouteOptions(const ObjectFields &f, RouteOptions &out)
{
    if (const JsonValue g = f["Gzip"_L1]; g.isValid()) {
        out.gzip = share(readGzip(g));
        if (out.gzip && !out.gzip->disableGzip)
            unsupported(EngineFeature::GzipCompression, g);
    }
    if (const JsonValue e = f["ErrorPage"_L1]; e.isValid()) {
        out.errorPages = readErrorPages(e);
        unsupported(EngineFeature::ErrorPage, e);
    }
    if (const JsonValue p = f["ProxyRedirect"_L1]; p.isValid()) {
        if (p.isObject())
            out.proxyRedirect = stringMap(p);
        else
            expectType(p, JsonType::Object);
        unsupported(EngineFeature::ProxyRedirect, p);
    }
    out.accessLog = string(f["AccessLog"_L1]);
    if (out.accessLog)
        unsupported(EngineFeature::AccessLogFile, f["AccessLog"_L1]);
    out.proxyPreserveHost = boolean(f["ProxyPreserveHost"_L1]);
    out.clientMaxBodySize = readBodySize(f["ClientMaxBodySize"_L1]);
    out.defaultMimeType = string(f["DefaultMimeType"_L1]);
    if (const JsonValue fault = f["Fault"_L1]; fault.isValid()) {
        out.fault = share(readFault(fault));
        unsupported(EngineFeature::Fault, fault);
    }
}

std::optional<GzipConfig> ConfigReader::readGzip(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    const ObjectFields f = fields(v, s_gzip);
    GzipConfig g;
    g.node = v;
    if (auto b = boolean(f["DisableGzip"_L1]))
        g.disableGzip = *b;
    if (auto i = integer(f["GzipMinLength"_L1]))
        g.minLength = *i;
    g.httpVersion = number(f["GzipHttpVersion"_L1]);
    if (f["GzipTypes"_L1].isValid())
        g.types = strings(f["GzipTypes"_L1]);
    g.disableUserAgentRegex = string(f["GzipDisable"_L1]);
    if (g.disableUserAgentRegex)
        checkRegex(f["GzipDisable"_L1], *g.disableUserAgentRegex);
    return g;
}

std::optional<QList<ErrorPageEntry>> ConfigReader::readErrorPages(const JsonValue &v)
{
    if (!expectType(v, JsonType::Array))
        return std::nullopt;
    QList<ErrorPageEntry> out;
    for (const JsonValue e : v) {
        if (!expectType(e, JsonType::Object))
            continue;
        const ObjectFields f = fields(e, s_errorPage);
        ErrorPageEntry entry;
        entry.node = e;
        requireField(e, f["Error"_L1], "Error"_L1, s_errorPage.what);
        requireField(e, f["Page"_L1], "Page"_L1, s_errorPage.what);
        if (f["Error"_L1].isValid() && expectType(f["Error"_L1], JsonType::Array)) {
            for (const JsonValue c : f["Error"_L1]) {
                if (auto code = statusCode(c))
                    entry.errors.append(*code);
            }
        }
        entry.page = string(f["Page"_L1]).value_or(QString());
        entry.directory = string(f["Directory"_L1]);
        entry.status = statusCode(f["Status"_L1]);
        out.append(entry);
    }
    return out;
}

std::optional<FaultConfig> ConfigReader::readFault(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    const ObjectFields f = fields(v, s_fault);
    FaultConfig fault;
    fault.node = v;
    auto percent = [this](const JsonValue &p) {
        const auto value = number(p);
        if (value && (*value < 0 || *value > 100)) {
            m_sink.error(Code::InvalidValue, p, Span::Value,
                         Tr::tr("\"Percent\" must be between 0 and 100."));
        }
        return value.value_or(0);
    };
    if (const JsonValue d = f["Delay"_L1]; expectType(d, JsonType::Object)) {
        const ObjectFields df = fields(d, s_delay);
        FaultDelay delay;
        delay.node = d;
        requireField(d, df["Percent"_L1], "Percent"_L1, s_delay.what);
        delay.percent = percent(df["Percent"_L1]);
        delay.fixed = number(df["Fixed"_L1]);
        delay.range = string(df["Range"_L1]);
        if (delay.range) {
            static const QRegularExpression rangeRe(u"^\\s*\\d+\\s*-\\s*\\d+\\s*$"_s);
            if (!rangeRe.match(*delay.range).hasMatch()) {
                m_sink.error(Code::InvalidValue, df["Range"_L1], Span::Value,
                             Tr::tr("\"Range\" must look like \"min-max\", e.g. \"100-500\"."));
            }
        }
        if (auto unit = string(df["Unit"_L1])) {
            if (*unit == "ms"_L1 || *unit == "s"_L1 || *unit == "m"_L1) {
                delay.unit = *unit;
            } else {
                m_sink.error(Code::InvalidValue, df["Unit"_L1], Span::Value,
                             Tr::tr("\"Unit\" must be \"ms\", \"s\" or \"m\"."));
            }
        }
        if (!delay.fixed && !delay.range) {
            m_sink.error(Code::MissingField, d, Span::Key,
                         Tr::tr("\"Delay\" needs \"Fixed\" or \"Range\"."));
        }
        fault.delay = delay;
    }
    if (const JsonValue a = f["Abort"_L1]; expectType(a, JsonType::Object)) {
        const ObjectFields af = fields(a, s_abort);
        FaultAbort abort;
        abort.node = a;
        requireField(a, af["Percent"_L1], "Percent"_L1, s_abort.what);
        requireField(a, af["Status"_L1], "Status"_L1, s_abort.what);
        abort.percent = percent(af["Percent"_L1]);
        if (m_inGrpcDomain) {
            const JsonValue st = af["Status"_L1];
            const auto code = integer(st);
            if (code && (*code < 0 || *code > 16))
                m_sink.error(Code::InvalidValue, st, Span::Value,
                             Tr::tr("%1 is not a gRPC status code (0 to 16); on a GRPC route FGW "
                                    "answers with it as grpc-status.").arg(*code));
            abort.status = code && *code >= 0 && *code <= 16 ? int(*code) : 0;
        } else {
            abort.status = statusCode(af["Status"_L1]).value_or(0);
        }
        abort.message = string(af["Message"_L1]);
        fault.abort = abort;
    }
    return fault;
}

std::optional<qint64> ConfigReader::readBodySize(const JsonValue &v)
{
    if (!v.isValid())
        return std::nullopt;
    if (v.isNumber()) {
        const double d = v.toDouble();
        // FGW logs "Bad non-negative number" and uses 0 (no limit).
        if (d < 0) {
            m_sink.error(Code::InvalidValue, v, Span::Value,
                         Tr::tr("\"ClientMaxBodySize\" cannot be negative; FGW would treat it as "
                                "0, which means no limit."));
            return 0;
        }
        return qint64(d);
    }
    if (v.isString()) {
        QString s = v.toString().trimmed();
        qint64 factor = 1;
        if (s.endsWith(u'k', Qt::CaseInsensitive))
            factor = 1000;
        else if (s.endsWith(u'm', Qt::CaseInsensitive))
            factor = 1000 * 1000;
        if (factor != 1)
            s.chop(1);
        bool ok = false;
        const double d = s.toDouble(&ok);
        if (ok && d >= 0)
            return qint64(d * double(factor));
        m_sink.error(Code::InvalidValue, v, Span::Value,
                     Tr::tr("\"ClientMaxBodySize\" must be a number of bytes, optionally with a "
                            "\"k\" or \"m\" suffix (e.g. \"10m\")."));
        return std::nullopt;
    }
    expectType(v, JsonType::Number);
    return std::nullopt;
}

std::optional<CertificateConfig> ConfigReader::readCertificate(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    const ObjectFields f = fields(v, s_certificate);
    CertificateConfig c;
    c.node = v;
    requireField(v, f["CertChain"_L1], "CertChain"_L1, s_certificate.what);
    requireField(v, f["PrivateKey"_L1], "PrivateKey"_L1, s_certificate.what);
    c.certChain = string(f["CertChain"_L1]).value_or(QString());
    c.privateKey = string(f["PrivateKey"_L1]).value_or(QString());
    c.issuingCa = string(f["IssuingCA"_L1]);
    return c;
}

std::optional<AccessControlConfig> ConfigReader::readAccessControl(const JsonValue &v,
                                                                   bool listenerLevel)
{
    unsupported(EngineFeature::AccessControlLists, v);
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    const ObjectFields f = fields(v, s_acl);
    AccessControlConfig acl;
    acl.node = v;
    if (f["Blacklist"_L1].isValid())
        acl.blacklist = strings(f["Blacklist"_L1]);
    if (f["Whitelist"_L1].isValid())
        acl.whitelist = strings(f["Whitelist"_L1]);
    if (listenerLevel) {
        for (const auto key : {"EnableXFF"_L1, "Status"_L1, "Message"_L1}) {
            if (f[key].isValid()) {
                ignoredKey(f[key], Tr::tr("\"%1\" only applies to domain and route access control "
                                          "lists; FGW ignores it on a listener, which resets "
                                          "denied connections.")
                                       .arg(key));
            }
        }
        return acl;
    }
    if (auto b = boolean(f["EnableXFF"_L1]))
        acl.enableXff = *b;
    if (auto s = statusCode(f["Status"_L1]))
        acl.status = *s;
    if (auto m = string(f["Message"_L1]))
        acl.message = *m;
    return acl;
}

void ConfigReader::readListeners(const JsonValue &v, Config &config)
{
    if (!expectType(v, JsonType::Array))
        return;
    config.listeners.reserve(v.size());
    for (const JsonValue e : v) {
        if (!expectType(e, JsonType::Object))
            continue;
        const ObjectFields f = fields(e, s_listener);
        ListenerConfig l;
        l.node = e;
        requireField(e, f["Protocol"_L1], "Protocol"_L1, s_listener.what);
        requireField(e, f["Port"_L1], "Port"_L1, s_listener.what);
        if (const JsonValue p = f["Protocol"_L1]; expectType(p, JsonType::String)) {
            l.protocolName = p.toString();
            static const std::pair<QLatin1StringView, ListenerProtocol> protocols[]
                = {{"HTTP"_L1, ListenerProtocol::Http},
                   {"HTTPS"_L1, ListenerProtocol::Https},
                   {"TLS"_L1, ListenerProtocol::Tls},
                   {"TCP"_L1, ListenerProtocol::Tcp},
                   {"UDP"_L1, ListenerProtocol::Udp}};
            QLatin1StringView caseFix;
            for (const auto &[name, protocol] : protocols) {
                if (l.protocolName == name)
                    l.protocol = protocol;
                else if (l.protocolName.compare(name, Qt::CaseInsensitive) == 0)
                    caseFix = name;
            }
            if (l.protocol == ListenerProtocol::Unknown) {
                if (!caseFix.isEmpty()) {
                    Diagnostic &d = m_sink.error(
                        Code::UnknownProtocol, p, Span::Value,
                        Tr::tr("Protocol names are case-sensitive: FGW finds no chain for %1 and "
                               "closes every connection. Write \"%2\".")
                            .arg(quoted(l.protocolName), caseFix));
                    d.fixes.append({Tr::tr("Write \"%1\"").arg(caseFix),
                                    {JsonEdit::replaceValue(p, JsonEdit::quote(caseFix))}});
                } else {
                    m_sink.error(Code::UnknownProtocol, p, Span::Value,
                                 Tr::tr("Unknown protocol %1: FGW closes every connection to this "
                                        "listener. Use HTTP, HTTPS, TLS, TCP or UDP.")
                                     .arg(quoted(l.protocolName)));
                }
            }
        }
        switch (l.protocol) {
        case ListenerProtocol::Https:
            unsupported(EngineFeature::HttpsListener, f["Protocol"_L1]);
            break;
        case ListenerProtocol::Tls:
            unsupported(EngineFeature::TlsListener, f["Protocol"_L1]);
            break;
        case ListenerProtocol::Tcp:
            unsupported(EngineFeature::TcpListener, f["Protocol"_L1]);
            break;
        case ListenerProtocol::Udp:
            unsupported(EngineFeature::UdpListener, f["Protocol"_L1]);
            break;
        case ListenerProtocol::Http:
        case ListenerProtocol::Unknown:
            break;
        }
        auto checkPort = [this](const JsonValue &at, qint64 port) {
            if (port >= 1 && port <= 65535)
                return true;
            m_sink.error(Code::PortRange, at, Span::Value,
                         Tr::tr("%1 is not a port number (1 to 65535).").arg(port));
            return false;
        };
        if (auto port = integer(f["Port"_L1]); port && checkPort(f["Port"_L1], *port))
            l.port = int(*port);
        l.listenPort = l.port;
        if (const JsonValue listen = f["Listen"_L1]; listen.isValid()) {
            if (listen.isNumber()) {
                if (auto port = integer(listen); port && checkPort(listen, *port))
                    l.listenPort = int(*port);
            } else if (listen.isString()) {
                QString host;
                int port = 0;
                if (!parseHostPort(listen.toString(), &host, &port)) {
                    m_sink.error(Code::InvalidValue, listen, Span::Value,
                                 Tr::tr("\"Listen\" must be a port or \"ip:port\", e.g. "
                                        "\"127.0.0.1:8080\"."));
                } else if (checkPort(listen, port)) {
                    l.listenPort = port;
                    if (!host.isEmpty()) {
                        const QHostAddress address(host);
                        if (address.isNull()) {
                            m_sink.error(Code::InvalidValue, listen, Span::Value,
                                         Tr::tr("%1 is not an IP address; \"Listen\" binds an "
                                                "address, not a host name.")
                                             .arg(quoted(host)));
                        } else {
                            l.bindAddress = address;
                        }
                    }
                }
            } else {
                expectType(listen, JsonType::Number);
            }
        }
        if (const JsonValue tls = f["TLS"_L1]; tls.isValid())
            l.tls = readTls(tls);
        if ((l.protocol == ListenerProtocol::Https || l.protocol == ListenerProtocol::Tls)
            && !f["TLS"_L1].isValid()) {
            m_sink.error(Code::MissingField, e, Span::Value,
                         Tr::tr("A %1 listener needs \"TLS\".").arg(l.protocolName));
        }
        if (l.protocol == ListenerProtocol::Tls && l.tls && !l.tls->mode
            && !l.tls->node.member("TLSModeType"_L1).isValid()) {
            m_sink.error(Code::MissingField, f["TLS"_L1], Span::Key,
                         Tr::tr("A TLS listener needs \"TLSModeType\": \"Terminate\" or "
                                "\"Passthrough\"."));
        }
        if (const JsonValue acl = f["AccessControlLists"_L1]; acl.isValid())
            l.accessControl = readAccessControl(acl, true);
        if (const JsonValue bps = f["BpsLimit"_L1]; bps.isValid()) {
            l.bpsLimit = integer(bps);
            unsupported(EngineFeature::BpsLimit, bps);
        }
        config.listeners.append(l);
    }
}

std::optional<TlsConfig> ConfigReader::readTls(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    const ObjectFields f = fields(v, s_tls);
    TlsConfig tls;
    tls.node = v;
    if (auto mode = string(f["TLSModeType"_L1])) {
        if (*mode == "Terminate"_L1) {
            tls.mode = TlsMode::Terminate;
        } else if (*mode == "Passthrough"_L1) {
            tls.mode = TlsMode::Passthrough;
        } else {
            tls.mode = TlsMode::Unknown;
            m_sink.error(Code::InvalidValue, f["TLSModeType"_L1], Span::Value,
                         Tr::tr("\"TLSModeType\" must be \"Terminate\" or \"Passthrough\"."));
        }
    }
    const JsonValue mtls = f["MTLS"_L1];
    const JsonValue legacyMtls = f["mTLS"_L1];
    if (auto b = boolean(mtls))
        tls.mtls = *b;
    if (legacyMtls.isValid()) {
        if (mtls.isValid()) {
            Diagnostic &d = m_sink.warning(
                Code::IgnoredKey, legacyMtls, Span::Key,
                Tr::tr("FGW reads only \"MTLS\" (capital M), which is set too; \"mTLS\" is "
                       "ignored."));
            d.fixes.append({Tr::tr("Remove \"mTLS\""), {JsonEdit::remove(legacyMtls)}});
        } else {
            const auto b = boolean(legacyMtls);
            Diagnostic &d = m_sink.warning(
                Code::LegacyKey, legacyMtls, Span::Key,
                Tr::tr("FGW reads \"MTLS\" (capital M); \"mTLS\", as its documentation writes it, "
                       "is ignored, so FGW does not ask clients for certificates. Gatehouse "
                       "reads it as \"MTLS\"."));
            d.fixes.append(
                {Tr::tr("Rename to \"MTLS\""), {JsonEdit::renameKey(legacyMtls, "MTLS")}});
            if (b)
                tls.mtls = *b;
        }
    }
    if (const JsonValue certs = f["Certificates"_L1]; expectType(certs, JsonType::Array)) {
        for (const JsonValue c : certs) {
            if (auto cert = readCertificate(c))
                tls.certificates.append(*cert);
        }
    }
    if (f["CACerts"_L1].isValid())
        tls.caCerts = strings(f["CACerts"_L1]);
    if (auto alpn = string(f["ALPN"_L1])) {
        if (*alpn != "http/1.1"_L1 && *alpn != "h2"_L1) {
            m_sink.error(Code::InvalidValue, f["ALPN"_L1], Span::Value,
                         Tr::tr("\"ALPN\" must be \"http/1.1\" or \"h2\"."));
        }
        tls.alpn = alpn;
    }
    return tls;
}

void ConfigReader::readServices(const JsonValue &v, Config &config)
{
    if (!expectType(v, JsonType::Object))
        return;
    config.services.reserve(v.size());
    config.m_serviceIndex.reserve(v.size());
    for (const JsonValue s : v) {
        Service service;
        service.node = s;
        service.name = s.key();
        if (expectType(s, JsonType::Object)) {
            const ObjectFields f = fields(s, s_service);
            requireField(s, f["Endpoints"_L1], "Endpoints"_L1, s_service.what);
            readEndpoints(f["Endpoints"_L1], service);
            if (auto algorithm = string(f["Algorithm"_L1])) {
                service.algorithmName = algorithm;
                if (*algorithm == "RoundRobinLoadBalancer"_L1) {
                    service.algorithm = LoadBalancingAlgorithm::RoundRobin;
                } else if (*algorithm == "HashingLoadBalancer"_L1) {
                    service.algorithm = LoadBalancingAlgorithm::Hashing;
                } else if (*algorithm == "LeastConnectionLoadBalancer"_L1) {
                    service.algorithm = LoadBalancingAlgorithm::LeastConnection;
                } else if (*algorithm == "LeastWorkLoadBalancer"_L1) {
                    service.algorithm = LoadBalancingAlgorithm::Other;
                } else {
                    service.algorithm = LoadBalancingAlgorithm::Other;
                    m_sink.error(Code::InvalidValue, f["Algorithm"_L1], Span::Value,
                                 Tr::tr("Unknown load-balancing algorithm %1: FGW fails on the "
                                        "first request to this service. Use "
                                        "RoundRobinLoadBalancer, HashingLoadBalancer or "
                                        "LeastConnectionLoadBalancer.")
                                     .arg(quoted(*algorithm)));
                }
            }
            service.stickyCookieName = string(f["StickyCookieName"_L1]);
            if (auto expires = integer(f["StickyCookieExpires"_L1]))
                service.stickyCookieExpires = *expires;
            if (f["HealthCheck"_L1].isValid())
                service.healthCheck = readHealthCheck(f["HealthCheck"_L1]);
            if (f["CircuitBreaking"_L1].isValid()) {
                service.circuitBreaking = readCircuitBreaking(f["CircuitBreaking"_L1]);
                unsupported(EngineFeature::CircuitBreaking, f["CircuitBreaking"_L1]);
            }
            if (const JsonValue retry = f["Retry"_L1]; retry.isValid()) {
                service.retry = readRetry(retry);
                unsupported(EngineFeature::Retry, retry);
            }
            if (const JsonValue policy = f["RetryPolicy"_L1]; policy.isValid()) {
                if (f["Retry"_L1].isValid()) {
                    Diagnostic &d = m_sink.warning(
                        Code::IgnoredKey, policy, Span::Key,
                        Tr::tr("\"RetryPolicy\" is the name before November 2023 and \"Retry\" "
                               "is set too; FGW ignores \"RetryPolicy\"."));
                    d.fixes.append({Tr::tr("Remove \"RetryPolicy\""), {JsonEdit::remove(policy)}});
                } else {
                    Diagnostic &d = m_sink.warning(
                        Code::LegacyKey, policy, Span::Key,
                        Tr::tr("\"RetryPolicy\" was renamed \"Retry\" in November 2023: current "
                               "FGW servers ignore it and never retry. Gatehouse reads it as "
                               "\"Retry\"."));
                    d.fixes.append(
                        {Tr::tr("Rename to \"Retry\""), {JsonEdit::renameKey(policy, "Retry")}});
                    service.retry = readRetry(policy);
                    unsupported(EngineFeature::Retry, policy);
                }
            }
            if (const JsonValue cert = f["UpstreamCert"_L1]; cert.isValid()) {
                if (auto c = readCertificate(cert))
                    service.upstreamCert = std::make_shared<const CertificateConfig>(*c);
                unsupported(EngineFeature::UpstreamTls, cert);
            }
            const JsonValue mtls = f["MTLS"_L1];
            if (auto b = boolean(mtls))
                service.mtls = *b;
            if (const JsonValue legacy = f["mTLS"_L1]; legacy.isValid()) {
                if (mtls.isValid()) {
                    Diagnostic &d = m_sink.warning(
                        Code::IgnoredKey, legacy, Span::Key,
                        Tr::tr("FGW reads only \"MTLS\" (capital M), which is set too; \"mTLS\" "
                               "is ignored."));
                    d.fixes.append({Tr::tr("Remove \"mTLS\""), {JsonEdit::remove(legacy)}});
                } else {
                    Diagnostic &d = m_sink.warning(
                        Code::LegacyKey, legacy, Span::Key,
                        Tr::tr("FGW reads \"MTLS\" (capital M); \"mTLS\" is ignored, so FGW "
                               "does not present the upstream certificate. Gatehouse reads it "
                               "as \"MTLS\"."));
                    d.fixes.append(
                        {Tr::tr("Rename to \"MTLS\""), {JsonEdit::renameKey(legacy, "MTLS")}});
                    if (auto b = boolean(legacy))
                        service.mtls = *b;
                }
            }
            if (const JsonValue max = f["MaxRequestsPerConnection"_L1]; max.isValid())
                service.maxRequestsPerConnection = integer(max);
            if (const JsonValue plugins = f["Plugins"_L1]; expectType(plugins, JsonType::Object)) {
                service.plugins = plugins;
                fields(plugins, s_plugins);
                for (const JsonValue p : plugins)
                    expectType(p, JsonType::Object);
                unsupported(EngineFeature::Plugins, plugins);
            }
            if (const JsonValue settings = f["ConnectionSettings"_L1]; settings.isValid())
                readConnectionSettings(settings, service);
            if (const JsonValue filters = f["Filters"_L1]; filters.isValid()) {
                m_sink.warning(Code::LegacyKey, filters, Span::Key,
                               Tr::tr("Filters on a service are the format before September "
                                      "2023: current FGW servers ignore them. Move them to the "
                                      "route match (\"Filters\") or to its \"BackendService\" "
                                      "entry for this service."));
            }
        }
        const auto index = config.services.size();
        // Duplicate service names: the last one wins (JSON.parse); tell about the first.
        if (const auto it = config.m_serviceIndex.constFind(service.name);
            it != config.m_serviceIndex.cend()) {
            const JsonValue first = config.services[*it].node;
            m_sink.warning(Code::DuplicateKey, first, Span::Key,
                           Tr::tr("Service %1 is defined again on line %2. FGW keeps only the "
                                  "last one, so this one is ignored.")
                               .arg(quoted(service.name))
                               .arg(s.keyPosition().line));
        }
        config.m_serviceIndex.insert(service.name, index);
        config.services.append(std::move(service));
    }
}

void ConfigReader::readEndpoints(const JsonValue &v, Service &service)
{
    // The hot loop of large configs: one QString per endpoint, no other allocation unless an
    // endpoint sets a rare field.
    if (!expectType(v, JsonType::Object))
        return;
    checkMapDuplicates(v);
    service.endpoints.reserve(v.size());
    for (const JsonValue e : v) {
        Endpoint endpoint;
        endpoint.node = e;
        endpoint.address = e.key();
        const qsizetype colon = endpoint.address.lastIndexOf(u':');
        bool portOk = false;
        const int port
            = colon < 0 ? 0 : QStringView(endpoint.address).mid(colon + 1).toInt(&portOk);
        if (!portOk) {
            m_sink.error(Code::InvalidValue, e, Span::Key,
                         Tr::tr("Endpoint %1 must be written as \"host:port\".")
                             .arg(quoted(endpoint.address)));
        } else if (port < 1 || port > 65535) {
            m_sink.error(Code::PortRange, e, Span::Key,
                         Tr::tr("%1 is not a port number (1 to 65535).").arg(port));
        }
        if (expectType(e, JsonType::Object)) {
            const ObjectFields f = fields(e, s_endpoint);
            if (const JsonValue w = f["Weight"_L1]; w.isValid()) {
                endpoint.weight = integer(w);
                if (endpoint.weight && *endpoint.weight < 0) {
                    m_sink.warning(Code::NegativeWeight, w, Span::Value,
                                   Tr::tr("A negative weight takes endpoint %1 out of the "
                                          "rotation like 0 does, but it is not a backup "
                                          "endpoint either; write 0 for a backup.")
                                       .arg(quoted(endpoint.address)));
                }
            }
            const JsonValue tags = f["Tags"_L1];
            const JsonValue cert = f["UpstreamCert"_L1];
            const JsonValue useSsl = f["UseSSL"_L1];
            const JsonValue host = f["Host"_L1];
            if (tags.isValid() || cert.isValid() || useSsl.isValid() || host.isValid()) {
                auto extras = std::make_shared<EndpointExtras>();
                if (expectType(tags, JsonType::Object))
                    extras->tags = tags;
                if (cert.isValid()) {
                    extras->upstreamCert = readCertificate(cert);
                    unsupported(EngineFeature::UpstreamTls, cert);
                }
                extras->useSsl = boolean(useSsl);
                if (extras->useSsl.value_or(false))
                    unsupported(EngineFeature::UpstreamTls, useSsl);
                extras->host = string(host);
                endpoint.extras = std::move(extras);
            }
        }
        service.endpoints.append(std::move(endpoint));
    }
}

std::shared_ptr<HealthCheckConfig> ConfigReader::readHealthCheck(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return nullptr;
    const ObjectFields f = fields(v, s_healthCheck);
    auto hc = std::make_shared<HealthCheckConfig>();
    hc->node = v;
    hc->interval = number(f["Interval"_L1]);
    if (auto maxFails = integer(f["MaxFails"_L1]))
        hc->maxFails = *maxFails;
    hc->failTimeout = number(f["FailTimeout"_L1]);
    hc->path = string(f["Path"_L1]);
    if (const JsonValue uri = f["Uri"_L1]; uri.isValid()) {
        const auto legacyPath = string(uri);
        if (f["Path"_L1].isValid()) {
            Diagnostic &d = m_sink.warning(
                Code::IgnoredKey, uri, Span::Key,
                Tr::tr("\"Uri\" is the health check format before November 2023 and \"Path\" is "
                       "set too; FGW ignores \"Uri\"."));
            d.fixes.append({Tr::tr("Remove \"Uri\""), {JsonEdit::remove(uri)}});
        } else {
            hc->legacyShape = true;
            hc->path = legacyPath;
            Diagnostic &d = m_sink.warning(
                Code::LegacyKey, uri, Span::Key,
                Tr::tr("\"Uri\" is the health check format before November 2023. Current FGW "
                       "servers ignore \"Uri\" (and the \"Type\"/\"Value\" matches) and run a "
                       "TCP-connect probe instead; Gatehouse runs the HTTP probe of %1 this "
                       "describes. Rename it to \"Path\" so FGW does too.")
                    .arg(quoted(legacyPath.value_or(QString()))));
            d.fixes.append({Tr::tr("Rename to \"Path\""), {JsonEdit::renameKey(uri, "Path")}});
        }
    }
    if (const JsonValue matches = f["Matches"_L1]; expectType(matches, JsonType::Array)) {
        for (const JsonValue m : matches)
            readHealthCheckMatch(m, *hc);
    }
    // An inactive health check is legal but does nothing: warnings, not errors.
    if (hc->maxFails <= 0) {
        if (!f["MaxFails"_L1].isValid()) {
            m_sink.warning(Code::MissingField, v, Span::Key,
                           Tr::tr("\"HealthCheck\" needs \"MaxFails\" (above 0); without it "
                                  "FGW never checks this service."));
        }
    } else if (hc->interval.value_or(0) <= 0 && hc->failTimeout.value_or(0) <= 0) {
        m_sink.warning(Code::MissingField, v, Span::Key,
                       Tr::tr("\"HealthCheck\" needs \"Interval\" (active probes) or "
                              "\"FailTimeout\" (passive checks) above 0; without either FGW "
                              "never checks this service."));
    }
    return hc;
}

void ConfigReader::readHealthCheckMatch(const JsonValue &v, HealthCheckConfig &hc)
{
    if (!expectType(v, JsonType::Object))
        return;
    const ObjectFields f = fields(v, s_healthMatch);
    HealthCheckMatch match;
    match.node = v;
    if (const JsonValue codes = f["StatusCodes"_L1]; codes.isValid()) {
        if (expectType(codes, JsonType::Array)) {
            for (const JsonValue c : codes) {
                if (auto code = statusCode(c))
                    match.statusCodes.append(*code);
            }
        }
    }
    match.body = string(f["Body"_L1]);
    if (f["Headers"_L1].isValid())
        match.headers = stringMap(f["Headers"_L1]);

    const JsonValue type = f["Type"_L1];
    const JsonValue value = f["Value"_L1];
    const JsonValue name = f["Name"_L1];
    if (!type.isValid()) {
        for (const JsonValue legacy : {value, name}) {
            if (legacy.isValid()) {
                m_sink.warning(Code::LegacyKey, legacy, Span::Key,
                               Tr::tr("%1 belongs to the health check format before November "
                                      "2023 and means nothing without \"Type\"; FGW ignores it.")
                                   .arg(keyLabel(legacy)));
            }
        }
        hc.matches.append(match);
        return;
    }
    const auto typeName = string(type);
    if (!typeName)
        return;
    // The rewrite replaces the whole entry, keeping its other members' text as written.
    const JsonDocument &doc = *m_document;
    QList<QPair<QByteArray, QByteArray>> members; // key, raw value text
    for (const JsonValue m : v) {
        if (m == type || m == value || m == name)
            continue;
        members.append({QByteArray(doc.text().constData() + m.keyOffset(), m.keyLength()),
                        m.raw().toByteArray()});
    }
    QString modern;
    if (*typeName == "status"_L1) {
        match.kind = HealthCheckMatchKind::LegacyStatus;
        if (value.isArray()) {
            match.statusCodes += integers(value);
        } else if (auto code = statusCode(value)) {
            match.statusCodes.append(*code);
        }
        members.prepend({"\"StatusCodes\"", value.isArray()
                                                ? value.raw().toByteArray()
                                                : '[' + value.raw().toByteArray() + ']'});
        modern = u"\"StatusCodes\""_s;
    } else if (*typeName == "body"_L1) {
        match.kind = HealthCheckMatchKind::LegacyBody;
        match.body = string(value);
        members.prepend({"\"Body\"", value.raw().toByteArray()});
        modern = u"\"Body\""_s;
    } else if (*typeName == "headers"_L1) {
        match.kind = HealthCheckMatchKind::LegacyHeaders;
        const auto headerName = string(name);
        const auto headerValue = string(value);
        if (!name.isValid())
            requireField(v, name, "Name"_L1, s_healthMatch.what);
        if (headerName && headerValue)
            match.headers.append({v, headerName->toLower(), *headerValue});
        members.prepend(
            {"\"Headers\"", "{" + JsonEdit::quote(headerName.value_or(QString()).toLower()) + ": "
                                + value.raw().toByteArray() + "}"});
        modern = u"\"Headers\""_s;
    } else {
        m_sink.error(Code::InvalidValue, type, Span::Value,
                     Tr::tr("Unknown health check match type %1: use \"StatusCodes\", \"Body\" or "
                            "\"Headers\".")
                         .arg(quoted(*typeName)));
        return;
    }
    hc.legacyShape = true;
    hc.matches.append(match);
    if (!value.isValid()
        || (match.kind == HealthCheckMatchKind::LegacyHeaders && !name.isValid())) {
        // Nothing to rewrite it into; say what is missing instead of guessing.
        requireField(v, value, "Value"_L1, s_healthMatch.what);
        m_sink.warning(Code::LegacyKey, type, Span::Key,
                       Tr::tr("{\"Type\", \"Value\"} is the health check match format before "
                              "November 2023; current FGW servers ignore it. Write %1 instead.")
                           .arg(modern));
        return;
    }

    const bool multiline
        = doc.positionOf(v.offset()).line != doc.positionOf(v.offset() + v.length()).line;
    QByteArray text("{");
    const QByteArray inner
        = multiline ? JsonEdit::indentationAt(doc, type.keyOffset()) : QByteArray();
    for (qsizetype i = 0; i < members.size(); ++i) {
        text += multiline ? QByteArray("\n") + inner : QByteArray(i ? " " : "");
        text += members[i].first + ": " + members[i].second;
        if (i + 1 < members.size())
            text += ',';
    }
    text += multiline
                ? QByteArray("\n") + JsonEdit::indentationAt(doc, v.offset() + v.length() - 1) + '}'
                : QByteArray("}");
    Diagnostic &d = m_sink.warning(
        Code::LegacyKey, type, Span::Key,
        Tr::tr("{\"Type\": %1, \"Value\": ...} is the health check match format before November "
               "2023. Current FGW servers ignore \"Type\" and \"Value\" (and, without \"Path\", "
               "run a TCP-connect probe); Gatehouse reads it as %2.")
            .arg(quoted(*typeName), modern));
    d.fixes.append({Tr::tr("Rewrite as %1").arg(modern), {JsonEdit::replaceValue(v, text)}});
}

std::shared_ptr<CircuitBreakingConfig> ConfigReader::readCircuitBreaking(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return nullptr;
    const ObjectFields f = fields(v, s_circuitBreaking);
    auto cb = std::make_shared<CircuitBreakingConfig>();
    cb->node = v;
    if (auto i = integer(f["MinRequestAmount"_L1]))
        cb->minRequestAmount = *i;
    if (auto d = number(f["StatTimeWindow"_L1]))
        cb->statTimeWindow = *d;
    if (auto d = number(f["SlowTimeThreshold"_L1]))
        cb->slowTimeThreshold = *d;
    if (auto i = integer(f["SlowAmountThreshold"_L1]))
        cb->slowAmountThreshold = *i;
    if (auto d = number(f["SlowRatioThreshold"_L1]))
        cb->slowRatioThreshold = *d;
    if (auto i = integer(f["ErrorAmountThreshold"_L1]))
        cb->errorAmountThreshold = *i;
    if (auto d = number(f["ErrorRatioThreshold"_L1]))
        cb->errorRatioThreshold = *d;
    if (auto d = number(f["DegradedTimeWindow"_L1]))
        cb->degradedTimeWindow = *d;
    if (auto s = statusCode(f["DegradedStatusCode"_L1]))
        cb->degradedStatusCode = *s;
    if (auto s = string(f["DegradedResponseContent"_L1]))
        cb->degradedResponseContent = *s;
    return cb;
}

std::shared_ptr<RetryConfig> ConfigReader::readRetry(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return nullptr;
    const ObjectFields f = fields(v, s_retry);
    auto retry = std::make_shared<RetryConfig>();
    retry->node = v;
    if (auto s = string(f["RetryOn"_L1])) {
        static const QRegularExpression listRe(
            u"^\\s*(\\d(xx|\\d\\d))(\\s*,\\s*\\d(xx|\\d\\d))*\\s*$"_s);
        if (!listRe.match(*s).hasMatch()) {
            m_sink.error(Code::InvalidValue, f["RetryOn"_L1], Span::Value,
                         Tr::tr("\"RetryOn\" must be a comma-separated list of statuses such as "
                                "\"5xx,403\"."));
        }
        retry->retryOn = *s;
    }
    if (auto i = integer(f["NumRetries"_L1]))
        retry->numRetries = *i;
    const JsonValue base = f["BackoffBaseInterval"_L1];
    if (auto d = number(base))
        retry->backoffBaseInterval = *d;
    if (const JsonValue legacy = f["RetryBackoffBaseInterval"_L1]; legacy.isValid()) {
        if (base.isValid()) {
            Diagnostic &d = m_sink.warning(
                Code::IgnoredKey, legacy, Span::Key,
                Tr::tr("\"RetryBackoffBaseInterval\" is the name before November 2023 and "
                       "\"BackoffBaseInterval\" is set too; FGW ignores it."));
            d.fixes.append(
                {Tr::tr("Remove \"RetryBackoffBaseInterval\""), {JsonEdit::remove(legacy)}});
        } else {
            Diagnostic &d = m_sink.warning(
                Code::LegacyKey, legacy, Span::Key,
                Tr::tr("\"RetryBackoffBaseInterval\" was renamed \"BackoffBaseInterval\" in "
                       "November 2023: current FGW servers ignore it and retry without a pause. "
                       "Gatehouse reads it as \"BackoffBaseInterval\"."));
            d.fixes.append({Tr::tr("Rename to \"BackoffBaseInterval\""),
                            {JsonEdit::renameKey(legacy, "BackoffBaseInterval")}});
            if (auto value = number(legacy))
                retry->backoffBaseInterval = *value;
        }
    }
    if (const JsonValue perTry = f["PerTryTimeout"_L1]; perTry.isValid()) {
        ignoredKey(perTry, Tr::tr("FGW has no per-try timeout and ignores \"PerTryTimeout\"; "
                                  "\"Configs.SocketTimeout\" is the only timeout."));
    }
    return retry;
}

void ConfigReader::readConnectionSettings(const JsonValue &member, Service &service)
{
    // FSM's shape before August 2023: {http: {CircuitBreaking, MaxRequestsPerConnection, ...},
    // tcp: {...}}. Only those two settings have a current home on the service.
    if (!expectType(member, JsonType::Object))
        return;
    const JsonValue http = member.member("http"_L1);
    const JsonValue cb = http.isObject() ? http.member("CircuitBreaking"_L1) : JsonValue();
    const JsonValue maxRequests
        = http.isObject() ? http.member("MaxRequestsPerConnection"_L1) : JsonValue();
    const JsonValue serviceNode = member.parent();
    const bool cbMigratable = cb.isValid() && !serviceNode.member("CircuitBreaking"_L1).isValid();
    const bool maxMigratable
        = maxRequests.isValid() && !serviceNode.member("MaxRequestsPerConnection"_L1).isValid();
    if (!cbMigratable && !maxMigratable) {
        Diagnostic &d = m_sink.warning(
            Code::IgnoredKey, member, Span::Key,
            Tr::tr("FGW ignores \"ConnectionSettings\" (an FSM format before August 2023)."));
        d.fixes.append({Tr::tr("Remove \"ConnectionSettings\""), {JsonEdit::remove(member)}});
        return;
    }
    if (cbMigratable) {
        service.circuitBreaking = readCircuitBreaking(cb);
        unsupported(EngineFeature::CircuitBreaking, cb);
    }
    if (maxMigratable)
        service.maxRequestsPerConnection = integer(maxRequests);

    // Do other settings remain once these two move out? Then keep ConnectionSettings as it is
    // (FGW ignores it anyway) and add the moved ones before it; else replace it.
    int others = 0;
    for (const JsonValue m : member) {
        if (!(m == http))
            ++others;
    }
    for (const JsonValue m : http) {
        if (!(m == cb) && !(m == maxRequests))
            ++others;
    }
    QList<TextEdit> edits;
    const QByteArray unit = JsonEdit::indentUnit(*m_document);
    auto reindented = [&](const JsonValue &value) {
        // The moved object sits two levels shallower than before.
        QByteArray raw = value.raw().toByteArray();
        raw.replace(QByteArray(QByteArray("\n") + unit + unit), QByteArray("\n"));
        return raw;
    };
    if (others == 0) {
        QByteArray text;
        const QByteArray indent = JsonEdit::indentationAt(*m_document, member.keyOffset());
        if (cbMigratable)
            text += "\"CircuitBreaking\": " + reindented(cb);
        if (maxMigratable) {
            if (!text.isEmpty())
                text += ",\n" + indent;
            text += "\"MaxRequestsPerConnection\": " + maxRequests.raw().toByteArray();
        }
        edits.append(
            {member.keyOffset(), member.offset() + member.length() - member.keyOffset(), text});
    } else {
        if (cbMigratable)
            edits.append(JsonEdit::insertMemberBefore(member, "CircuitBreaking", reindented(cb)));
        if (maxMigratable) {
            edits.append(JsonEdit::insertMemberBefore(member, "MaxRequestsPerConnection",
                                                      maxRequests.raw().toByteArray()));
        }
    }
    Diagnostic &d = m_sink.warning(
        Code::LegacyKey, member, Span::Key,
        Tr::tr("\"ConnectionSettings.http\" is FSM's format before August 2023: current FGW "
               "servers ignore it, so its circuit breaker and request limit have no effect "
               "there. They belong directly on the service; Gatehouse reads them from here."));
    d.fixes.append({Tr::tr("Move them onto the service"), edits});
}

void ConfigReader::readChains(const JsonValue &v, Config &config)
{
    if (!expectType(v, JsonType::Object))
        return;
    const QList<QLatin1StringView> names = FgwCatalogue::chainNames();
    for (const JsonValue c : v) {
        Chain chain;
        chain.node = c;
        chain.name = c.key();
        if (!names.contains(QLatin1StringView(chain.name.toLatin1()))) {
            QLatin1StringView best;
            int bestDistance = 3;
            for (const QLatin1StringView name : names) {
                const int d = editDistance(chain.name, QString(name));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = name;
                }
            }
            if (best.isEmpty()) {
                m_sink.warning(Code::UnknownKey, c, Span::Key,
                               Tr::tr("FGW never runs a chain named %1: it selects HTTPRoute, "
                                      "HTTPSRoute, TLSPassthrough, TLSTerminate, TCPRoute or "
                                      "UDPRoute by listener protocol.")
                                   .arg(quoted(chain.name)));
            } else {
                Diagnostic &d
                    = m_sink.warning(Code::UnknownKey, c, Span::Key,
                                     Tr::tr("FGW never runs a chain named %1. Did you mean \"%2\"?")
                                         .arg(quoted(chain.name), best));
                if (!v.member(best).isValid()) {
                    d.fixes.append(
                        {Tr::tr("Rename to \"%1\"").arg(best),
                         {JsonEdit::renameKey(c, QByteArrayView(best.data(), best.size()))}});
                }
            }
        }
        if (expectType(c, JsonType::Array)) {
            chain.modules.reserve(c.size());
            for (const JsonValue m : c) {
                auto path = string(m);
                if (!path)
                    continue;
                chain.modules.append({m, *path});
                if (!FgwCatalogue::isKnownModule(*path)) {
                    m_sink.warning(Code::UnknownModule, m, Span::Value,
                                   Tr::tr("%1 is not an FGW module; FGW fails to load a chain "
                                          "that names a missing file.")
                                       .arg(quoted(*path)));
                }
            }
        }
        config.chains.append(chain);
    }
    checkMapDuplicates(v);
}

void ConfigReader::readConsumers(const JsonValue &v, Config &config)
{
    if (!v.isValid())
        return;
    unsupported(EngineFeature::Consumers, v);
    if (!expectType(v, JsonType::Array))
        return;
    for (const JsonValue c : v) {
        if (!expectType(c, JsonType::Object))
            continue;
        // Consumers are free-form (their fields become $consumer_* variables); only
        // Headers-Authorization has a meaning.
        Consumer consumer;
        consumer.node = c;
        if (const JsonValue auth = c.member("Headers-Authorization"_L1); auth.isValid())
            consumer.headersAuthorization = stringMap(auth);
        config.consumers.append(consumer);
    }
}

void ConfigReader::readRouteRules(const JsonValue &v, Config &config)
{
    if (!expectType(v, JsonType::Object))
        return;
    checkMapDuplicates(v);
    config.routeRules.reserve(v.size());
    for (const JsonValue r : v) {
        RouteRule rule;
        rule.node = r;
        rule.portKey = r.key();
        const QStringList parts = rule.portKey.split(u',');
        for (const QString &part : parts) {
            bool ok = false;
            const int port = part.trimmed().toInt(&ok);
            if (!ok || port < 1 || port > 65535) {
                m_sink.error(Code::PortRange, r, Span::Key,
                             Tr::tr("%1 is not a port number (1 to 65535); RouteRules keys are "
                                    "ports or comma-separated lists of ports.")
                                 .arg(quoted(part.trimmed())));
                continue;
            }
            rule.ports.append(port);
        }
        if (!expectType(r, JsonType::Object)) {
            config.routeRules.append(rule);
            continue;
        }
        // The listener that owns the port decides what the value means.
        const ListenerConfig *owner = nullptr;
        for (const ListenerConfig &l : std::as_const(config.listeners)) {
            if (rule.ports.contains(l.port) && l.protocol != ListenerProtocol::Unknown) {
                owner = &l;
                break;
            }
        }
        std::optional<TlsMode> tlsMode;
        if (owner) {
            switch (owner->protocol) {
            case ListenerProtocol::Http:
            case ListenerProtocol::Https:
                rule.kind = RouteRuleKind::Http;
                break;
            case ListenerProtocol::Tcp:
            case ListenerProtocol::Udp:
                rule.kind = RouteRuleKind::L4;
                break;
            case ListenerProtocol::Tls:
                rule.kind = RouteRuleKind::Tls;
                if (owner->tls && owner->tls->mode)
                    tlsMode = owner->tls->mode;
                break;
            case ListenerProtocol::Unknown:
                break;
            }
        } else {
            // No listener (orphan-route-port says so): guess from the shape, to still check it.
            const JsonValue first = r.firstChild();
            if (first.isNumber()) {
                rule.kind = RouteRuleKind::L4;
            } else if (first.isString()) {
                rule.kind = RouteRuleKind::Tls;
                tlsMode = TlsMode::Passthrough;
            } else if (first.isObject() && first.firstChild().isNumber()) {
                rule.kind = RouteRuleKind::Tls;
                tlsMode = TlsMode::Terminate;
            } else {
                rule.kind = RouteRuleKind::Http;
            }
        }
        switch (rule.kind) {
        case RouteRuleKind::Http:
            checkMapDuplicates(r);
            rule.domains.reserve(r.size());
            for (const JsonValue d : r) {
                DomainRule domain;
                domain.node = d;
                domain.hostKey = d.key();
                for (const QString &host : domain.hostKey.split(u',')) {
                    const QString h = host.trimmed();
                    if (!h.isEmpty())
                        domain.hosts.append(h);
                }
                readDomain(d, domain);
                rule.domains.append(domain);
            }
            break;
        case RouteRuleKind::L4:
            rule.services = readServiceWeights(r);
            break;
        case RouteRuleKind::Tls:
            readTlsRoutes(r, tlsMode.value_or(TlsMode::Unknown), rule);
            break;
        case RouteRuleKind::Unknown:
            break;
        }
        config.routeRules.append(rule);
    }
}

void ConfigReader::readDomain(const JsonValue &v, DomainRule &domain)
{
    if (!expectType(v, JsonType::Object))
        return;
    const ObjectFields f = fields(v, s_domain);
    if (auto type = string(f["RouteType"_L1])) {
        if (*type == "HTTP"_L1) {
            domain.routeType = RouteType::Http;
        } else if (*type == "HTTP2"_L1) {
            domain.routeType = RouteType::Http2;
            unsupported(EngineFeature::Http2Route, f["RouteType"_L1]);
        } else if (*type == "GRPC"_L1) {
            domain.routeType = RouteType::Grpc;
            unsupported(EngineFeature::GrpcRoute, f["RouteType"_L1]);
        } else {
            domain.routeType = RouteType::Unknown;
            m_sink.warning(Code::InvalidValue, f["RouteType"_L1], Span::Value,
                           Tr::tr("Unknown RouteType %1: FGW treats it as HTTP/1 without a body "
                                  "size limit. Use \"HTTP\", \"HTTP2\" or \"GRPC\".")
                               .arg(quoted(*type)));
        }
    }
    m_inGrpcDomain = domain.routeType == RouteType::Grpc;
    if (const JsonValue matches = f["Matches"_L1]; expectType(matches, JsonType::Array)) {
        domain.matches.reserve(matches.size());
        for (const JsonValue m : matches) {
            RouteMatch match;
            match.node = m;
            readMatch(m, domain.routeType, match);
            domain.matches.append(match);
        }
    }
    if (const JsonValue rl = f["RateLimit"_L1]; rl.isValid()) {
        domain.rateLimit = share(readRateLimit(rl));
        unsupported(EngineFeature::RateLimit, rl);
    }
    if (const JsonValue acl = f["AccessControlLists"_L1]; acl.isValid())
        domain.accessControl = share(readAccessControl(acl, false));
    readRouteOptions(f, domain.options);
    m_inGrpcDomain = false;
}

void ConfigReader::readMatch(const JsonValue &v, RouteType routeType, RouteMatch &match)
{
    if (!expectType(v, JsonType::Object))
        return;
    const ObjectFields f = fields(v, s_match);
    const bool grpc = routeType == RouteType::Grpc;
    // Keys that only one of the two Match formats reads.
    const QLatin1StringView httpOnly[]
        = {"Path"_L1, "QueryParams"_L1, "Methods"_L1, "ServerRoot"_L1, "Index"_L1, "TryFiles"_L1};
    for (const QLatin1StringView key : httpOnly) {
        if (grpc && f[key].isValid()) {
            ignoredKey(f[key], Tr::tr("FGW ignores \"%1\" in a GRPC route (RouteType \"GRPC\"); "
                                      "match on \"Method\" and \"Headers\" instead.")
                                   .arg(key));
        }
    }
    if (!grpc && f["Method"_L1].isValid()) {
        Diagnostic &d = m_sink.warning(
            Code::IgnoredKey, f["Method"_L1], Span::Key,
            Tr::tr("\"Method\" is the gRPC method match and only counts with RouteType \"GRPC\"; "
                   "HTTP routes match on \"Methods\" (a list)."));
        Q_UNUSED(d)
    }
    if (const JsonValue params = f["RequestParams"_L1]; params.isValid()) {
        Diagnostic &d = m_sink.warning(
            Code::IgnoredKey, params, Span::Key,
            Tr::tr("FGW documents \"RequestParams\" (and FSM writes it) but never reads it, so "
                   "this match ignores the query string. The key FGW reads is \"QueryParams\"."));
        if (!f["QueryParams"_L1].isValid()) {
            d.fixes.append({Tr::tr("Rename to \"QueryParams\""),
                            {JsonEdit::renameKey(params, "QueryParams")}});
        }
    }

    if (!grpc) {
        if (const JsonValue p = f["Path"_L1]; expectType(p, JsonType::Object)) {
            const ObjectFields pf = fields(p, s_path);
            PathMatch path;
            path.node = p;
            requireField(p, pf["Type"_L1], "Type"_L1, s_path.what);
            requireField(p, pf["Path"_L1], "Path"_L1, s_path.what);
            path.path = string(pf["Path"_L1]).value_or(QString());
            if (auto type = string(pf["Type"_L1])) {
                path.typeName = *type;
                if (*type == "Prefix"_L1) {
                    path.type = PathMatchType::Prefix;
                } else if (*type == "Exact"_L1) {
                    path.type = PathMatchType::Exact;
                } else if (*type == "Regex"_L1) {
                    path.type = PathMatchType::Regex;
                } else {
                    Diagnostic &d = m_sink.error(
                        Code::UnknownPathType, pf["Type"_L1], Span::Value,
                        Tr::tr("Unknown path match type %1: FGW never matches this route. Use "
                               "\"Prefix\", \"Exact\" or \"Regex\".")
                            .arg(quoted(*type)));
                    for (const QLatin1StringView known : {"Prefix"_L1, "Exact"_L1, "Regex"_L1}) {
                        if (type->compare(known, Qt::CaseInsensitive) == 0) {
                            d.fixes.append(
                                {Tr::tr("Write \"%1\"").arg(known),
                                 {JsonEdit::replaceValue(pf["Type"_L1], JsonEdit::quote(known))}});
                        }
                    }
                }
            }
            if (path.type == PathMatchType::Regex && pf["Path"_L1].isString()) {
                checkRegex(pf["Path"_L1], path.path);
                if (!path.path.startsWith(u'^')) {
                    m_sink.warning(Code::SurpriseUnanchoredRegex, pf["Path"_L1], Span::Value,
                                   Tr::tr("FGW tests path regexes unanchored: %1 also matches "
                                          "paths that merely contain a match. Write \"^...$\" to "
                                          "match whole paths.")
                                       .arg(quoted(path.path)));
                }
            }
            match.path = path;
        }
        match.queryParams = share(readKeyValueMatch(f["QueryParams"_L1], false));
        if (const JsonValue methods = f["Methods"_L1]; methods.isValid()) {
            match.methods = strings(methods);
            // FGW compares methods case-sensitively and requests carry them in upper case.
            for (const JsonValue m : methods) {
                const QString method = m.toString();
                if (!m.isString() || method == method.toUpper())
                    continue;
                Diagnostic &d = m_sink.warning(
                    Code::InvalidValue, m, Span::Value,
                    Tr::tr("FGW compares methods case-sensitively, so %1 never matches a request "
                           "(methods are upper case). Write \"%2\".")
                        .arg(quoted(method), method.toUpper()));
                d.fixes.append({Tr::tr("Write \"%1\"").arg(method.toUpper()),
                                {JsonEdit::replaceValue(m, JsonEdit::quote(method.toUpper()))}});
            }
        }
        match.serverRoot = string(f["ServerRoot"_L1]);
        if (f["Index"_L1].isValid())
            match.index = strings(f["Index"_L1]);
        if (f["TryFiles"_L1].isValid())
            match.tryFiles = strings(f["TryFiles"_L1]);
    } else if (const JsonValue m = f["Method"_L1]; expectType(m, JsonType::Object)) {
        const ObjectFields mf = fields(m, s_grpcMethod);
        GrpcMethodMatch method;
        method.node = m;
        method.type = string(mf["Type"_L1]).value_or(QString());
        if (method.type != "Exact"_L1) {
            m_sink.warning(Code::InvalidValue, mf["Type"_L1].isValid() ? mf["Type"_L1] : m,
                           mf["Type"_L1].isValid() ? Span::Value : Span::Key,
                           Tr::tr("FGW checks gRPC methods only with \"Type\": \"Exact\"; any "
                                  "other type matches every method."));
        }
        method.service = string(mf["Service"_L1]);
        method.method = string(mf["Method"_L1]);
        match.grpcMethod = std::make_shared<const GrpcMethodMatch>(std::move(method));
    }
    match.headers = share(readKeyValueMatch(f["Headers"_L1], true));
    if (const JsonValue b = f["BackendService"_L1]; b.isValid())
        match.backends = readBackends(b);
    if (!f["BackendService"_L1].isValid() && !match.serverRoot) {
        m_sink.error(Code::MissingField, v, Span::Value,
                     grpc ? Tr::tr("This match needs \"BackendService\".")
                          : Tr::tr("This match needs \"BackendService\" (to proxy) or "
                                   "\"ServerRoot\" (to serve files)."));
    }
    if (const JsonValue filters = f["Filters"_L1]; filters.isValid())
        match.filters = readFilters(filters);
    if (const JsonValue rl = f["RateLimit"_L1]; rl.isValid()) {
        match.rateLimit = share(readRateLimit(rl));
        unsupported(EngineFeature::RateLimit, rl);
    }
    if (const JsonValue acl = f["AccessControlLists"_L1]; acl.isValid())
        match.accessControl = share(readAccessControl(acl, false));
    if (auto b = boolean(f["EnableHeadersAuthorization"_L1])) {
        match.enableHeadersAuthorization = *b;
        if (*b)
            unsupported(EngineFeature::Consumers, f["EnableHeadersAuthorization"_L1]);
    }
    if (auto type = string(f["HeadersAuthorizationType"_L1])) {
        match.headersAuthorizationType = type;
        if (*type != "Basic"_L1) {
            m_sink.warning(Code::InvalidValue, f["HeadersAuthorizationType"_L1], Span::Value,
                           Tr::tr("FGW knows only \"Basic\" here; other values change nothing."));
        }
    }
    if (auto b = boolean(f["EnableSubrequestAuthorization"_L1]))
        match.enableSubrequestAuthorization = *b;
    match.routeName = string(f["route"_L1]);
    readRouteOptions(f, match.options);
}

std::optional<KeyValueMatch> ConfigReader::readKeyValueMatch(const JsonValue &v, bool headers)
{
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    KeyValueMatch m;
    m.node = v;
    if (headers) {
        // Pipy lower-cases request header names and FGW looks names up as written.
        for (const JsonValue kind : v) {
            for (const JsonValue h : kind) {
                const QString name = h.key();
                if (!h.hasKey() || name == name.toLower())
                    continue;
                Diagnostic &d = m_sink.warning(
                    Code::SurpriseHeaderCase, h, Span::Key,
                    Tr::tr("FGW looks header names up exactly as written, but requests carry "
                           "them in lower case, so %1 never matches. Write \"%2\".")
                        .arg(quoted(name), name.toLower()));
                d.fixes.append({Tr::tr("Write \"%1\"").arg(name.toLower()),
                                {JsonEdit::renameKey(h, name.toLower().toUtf8())}});
            }
        }
    }
    for (const JsonValue member : v) {
        if (!member.keyEquals("Exact"_L1) && !member.keyEquals("Regex"_L1))
            m.neverMatches = true; // FGW: any other type key fails the match
    }
    const ObjectFields f = fields(v, s_keyValueMatch);
    if (f["Exact"_L1].isValid())
        m.exact = stringMap(f["Exact"_L1]);
    if (f["Regex"_L1].isValid()) {
        m.regex = stringMap(f["Regex"_L1]);
        for (const NameValue &nv : std::as_const(m.regex))
            checkRegex(nv.node, nv.value);
    }
    return m;
}

QList<BackendRef> ConfigReader::readBackends(const JsonValue &v)
{
    QList<BackendRef> out;
    if (!expectType(v, JsonType::Object))
        return out;
    checkMapDuplicates(v);
    out.reserve(v.size());
    for (const JsonValue b : v) {
        BackendRef ref;
        ref.node = b;
        ref.service = sharedServiceName(b.key());
        if (expectType(b, JsonType::Object)) {
            const ObjectFields f = fields(b, s_backend);
            if (const JsonValue w = f["Weight"_L1]; w.isValid()) {
                ref.weight = integer(w).value_or(0);
                if (ref.weight < 0) {
                    m_sink.warning(Code::NegativeWeight, w, Span::Value,
                                   Tr::tr("A negative weight excludes service %1 from this "
                                          "route, like 0 does.")
                                       .arg(quoted(ref.service)));
                }
            } else {
                m_sink.warning(Code::MissingField, b, Span::Key,
                               Tr::tr("Without \"Weight\" FGW never sends traffic to %1 (a "
                                      "missing weight counts as 0).")
                                   .arg(quoted(ref.service)));
            }
            if (const JsonValue filters = f["Filters"_L1]; filters.isValid())
                ref.filters = readFilters(filters);
        }
        out.append(ref);
    }
    return out;
}

QList<Filter> ConfigReader::readFilters(const JsonValue &v)
{
    QList<Filter> out;
    unsupported(EngineFeature::Filters, v);
    if (!expectType(v, JsonType::Array))
        return out;
    out.reserve(v.size());
    for (const JsonValue e : v) {
        if (!expectType(e, JsonType::Object))
            continue;
        const ObjectFields f = fields(e, s_filter);
        Filter filter;
        filter.node = e;
        requireField(e, f["Type"_L1], "Type"_L1, s_filter.what);
        const auto type = string(f["Type"_L1]);
        if (!type) {
            out.append(filter);
            continue;
        }
        filter.typeName = *type;
        QLatin1StringView payloadKey;
        if (*type == "RequestHeaderModifier"_L1) {
            filter.type = FilterType::RequestHeaderModifier;
            payloadKey = "RequestHeaderModifier"_L1;
        } else if (*type == "ResponseHeaderModifier"_L1) {
            filter.type = FilterType::ResponseHeaderModifier;
            payloadKey = "ResponseHeaderModifier"_L1;
        } else if (*type == "RequestRedirect"_L1) {
            filter.type = FilterType::RequestRedirect;
            payloadKey = "RequestRedirect"_L1;
        } else if (*type == "URLRewrite"_L1) {
            filter.type = FilterType::UrlRewrite;
            payloadKey = "UrlRewrite"_L1; // sic: FGW reads this spelling
        } else if (*type == "RequestMirror"_L1) {
            filter.type = FilterType::RequestMirror;
            payloadKey = "RequestMirror"_L1;
        } else {
            m_sink.warning(Code::InvalidValue, f["Type"_L1], Span::Value,
                           Tr::tr("Unknown filter type %1: FGW ignores this filter. Use "
                                  "RequestHeaderModifier, ResponseHeaderModifier, "
                                  "RequestRedirect, URLRewrite or RequestMirror.")
                               .arg(quoted(*type)));
            out.append(filter);
            continue;
        }
        const JsonValue payload = f[payloadKey];
        if (!payload.isValid()) {
            m_sink.error(
                Code::MissingField, e, Span::Value,
                Tr::tr("A %1 filter needs its settings under \"%2\".").arg(*type, payloadKey));
            out.append(filter);
            continue;
        }
        switch (filter.type) {
        case FilterType::RequestHeaderModifier:
        case FilterType::ResponseHeaderModifier:
            filter.headerModifier = readHeaderModifier(payload);
            break;
        case FilterType::RequestRedirect:
            if (expectType(payload, JsonType::Object)) {
                const ObjectFields rf = fields(payload, s_redirect);
                RequestRedirect r;
                r.node = payload;
                r.scheme = string(rf["Scheme"_L1]);
                r.hostname = string(rf["Hostname"_L1]);
                // Without Path FGW's redirect handler is missing and the request fails.
                requireField(payload, rf["Path"_L1], "Path"_L1, s_redirect.what);
                requireField(payload, rf["StatusCode"_L1], "StatusCode"_L1, s_redirect.what);
                r.path = readPathModifier(rf["Path"_L1]);
                if (auto port = integer(rf["Port"_L1])) {
                    if (*port < 1 || *port > 65535) {
                        m_sink.error(Code::PortRange, rf["Port"_L1], Span::Value,
                                     Tr::tr("%1 is not a port number (1 to 65535).").arg(*port));
                    } else {
                        r.port = int(*port);
                    }
                }
                r.statusCode = statusCode(rf["StatusCode"_L1]).value_or(0);
                filter.requestRedirect = r;
            }
            break;
        case FilterType::UrlRewrite:
            if (expectType(payload, JsonType::Object)) {
                const ObjectFields rf = fields(payload, s_rewrite);
                UrlRewrite r;
                r.node = payload;
                r.hostname = string(rf["Hostname"_L1]);
                r.path = readPathModifier(rf["Path"_L1]);
                filter.urlRewrite = r;
            }
            break;
        case FilterType::RequestMirror:
            if (expectType(payload, JsonType::Object)) {
                const ObjectFields mf = fields(payload, s_mirror);
                RequestMirror m;
                m.node = payload;
                requireField(payload, mf["BackendService"_L1], "BackendService"_L1, s_mirror.what);
                m.backendService = string(mf["BackendService"_L1]).value_or(QString());
                filter.requestMirror = m;
            }
            break;
        case FilterType::Unknown:
            break;
        }
        out.append(filter);
    }
    return out;
}

std::optional<PathModifier> ConfigReader::readPathModifier(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    const ObjectFields f = fields(v, s_pathModifier);
    PathModifier m;
    m.node = v;
    requireField(v, f["Type"_L1], "Type"_L1, s_pathModifier.what);
    const auto type = string(f["Type"_L1]);
    if (!type)
        return m;
    if (*type == "ReplacePrefixMatch"_L1) {
        m.type = PathModifierType::ReplacePrefixMatch;
    } else if (*type == "ReplaceFullPath"_L1) {
        m.type = PathModifierType::ReplaceFullPath;
    } else {
        m_sink.error(Code::InvalidValue, f["Type"_L1], Span::Value,
                     Tr::tr("A path modifier's \"Type\" must be \"ReplacePrefixMatch\" or "
                            "\"ReplaceFullPath\"."));
        return m;
    }
    const QLatin1StringView valueKey = m.type == PathModifierType::ReplacePrefixMatch
                                           ? "ReplacePrefixMatch"_L1
                                           : "ReplaceFullPath"_L1;
    requireField(v, f[valueKey], valueKey, s_pathModifier.what);
    m.replacement = string(f[valueKey]).value_or(QString());
    return m;
}

std::optional<HeaderModifier> ConfigReader::readHeaderModifier(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    const ObjectFields f = fields(v, s_headerModifier);
    HeaderModifier m;
    m.node = v;
    if (f["Set"_L1].isValid())
        m.set = nameValueList(f["Set"_L1]);
    if (f["Add"_L1].isValid())
        m.add = nameValueList(f["Add"_L1]);
    if (f["Remove"_L1].isValid())
        m.remove = strings(f["Remove"_L1]);
    return m;
}

std::optional<RateLimitConfig> ConfigReader::readRateLimit(const JsonValue &v)
{
    if (!expectType(v, JsonType::Object))
        return std::nullopt;
    const ObjectFields outer = fields(v, s_rateLimit);
    RateLimitConfig rl;
    rl.node = v;
    rl.mode = string(outer["Mode"_L1]);
    // The legacy shape nests the fields under Local; read them from there.
    const JsonValue local = outer["Local"_L1];
    JsonValue source = v;
    if (local.isValid() && expectType(local, JsonType::Object)) {
        source = local;
        QList<TextEdit> inner; // edits relative to the Local object's text
        const JsonValue headers = local.member("ResponseHeadersToAdd"_L1);
        QByteArray localText = local.raw().toByteArray();
        bool convertible = true; // every legacy header entry is a {Name, Value} of strings
        if (headers.isArray()) {
            QByteArray object("{");
            for (const JsonValue h : headers) {
                const JsonValue name = h.member("Name"_L1);
                const JsonValue value = h.member("Value"_L1);
                convertible = convertible && name.isString() && value.isString();
                if (!convertible)
                    break;
                object += object.size() > 1 ? ", " : "";
                object += name.raw().toByteArray() + ": " + value.raw().toByteArray();
            }
            object += '}';
            inner.append({headers.offset() - local.offset(), headers.length(), object});
            localText = applyTextEdits(localText, inner).value_or(localText);
        }
        // Lift the members out of Local: drop its braces and one level of indentation.
        QByteArray body = localText.mid(1, localText.size() - 2).trimmed();
        body.replace(QByteArray(QByteArray("\n") + JsonEdit::indentUnit(*m_document)),
                     QByteArray("\n"));
        Diagnostic &d = m_sink.warning(
            Code::LegacyKey, local, Span::Key,
            Tr::tr("\"RateLimit.Local\" is the format before October 2023: current FGW servers "
                   "ignore the fields nested under \"Local\", so they do not limit this route. "
                   "Gatehouse reads them; move them up into \"RateLimit\"."));
        if (convertible) {
            d.fixes.append(
                {Tr::tr("Move the fields up into \"RateLimit\""),
                 {{local.keyOffset(), local.offset() + local.length() - local.keyOffset(), body}}});
        }
    }
    const ObjectFields f = source == v ? outer : fields(source, s_rateLimit);
    requireField(source, f["Requests"_L1], "Requests"_L1, s_rateLimit.what);
    requireField(source, f["StatTimeWindow"_L1], "StatTimeWindow"_L1, s_rateLimit.what);
    if (auto i = integer(f["Backlog"_L1]))
        rl.backlog = *i;
    if (auto i = integer(f["Requests"_L1]))
        rl.requests = *i;
    rl.burst = integer(f["Burst"_L1]);
    if (auto d = number(f["StatTimeWindow"_L1]))
        rl.statTimeWindow = *d;
    if (auto s = statusCode(f["ResponseStatusCode"_L1]))
        rl.responseStatusCode = *s;
    if (const JsonValue headers = f["ResponseHeadersToAdd"_L1]; headers.isValid()) {
        // Current: {name: value}; legacy (under Local): [{Name, Value}].
        rl.responseHeadersToAdd
            = headers.isArray() && source == local ? nameValueList(headers) : stringMap(headers);
    }
    return rl;
}

QList<ServiceWeight> ConfigReader::readServiceWeights(const JsonValue &v)
{
    QList<ServiceWeight> out;
    if (!expectType(v, JsonType::Object))
        return out;
    checkMapDuplicates(v);
    out.reserve(v.size());
    for (const JsonValue s : v) {
        ServiceWeight w;
        w.node = s;
        w.service = sharedServiceName(s.key());
        if (auto weight = integer(s)) {
            w.weight = *weight;
            if (*weight < 0) {
                m_sink.warning(Code::NegativeWeight, s, Span::Value,
                               Tr::tr("A negative weight excludes service %1, like 0 does.")
                                   .arg(quoted(w.service)));
            }
        }
        out.append(w);
    }
    return out;
}

void ConfigReader::readTlsRoutes(const JsonValue &v, TlsMode mode, RouteRule &rule)
{
    checkMapDuplicates(v);
    for (const JsonValue s : v) {
        TlsRoute route;
        route.node = s;
        route.hostKey = s.key();
        for (const QString &host : route.hostKey.split(u',')) {
            const QString h = host.trimmed();
            if (!h.isEmpty())
                route.hosts.append(h);
        }
        if (mode == TlsMode::Passthrough) {
            route.passthroughTarget = string(s);
        } else if (mode == TlsMode::Terminate) {
            route.services = readServiceWeights(s);
        }
        rule.tlsRoutes.append(route);
    }
}

} // namespace Gatehouse::Core
