#include "fgwcatalogue.h"

namespace Gatehouse::Core {

using namespace Qt::StringLiterals;

namespace {

// Every module file of fgw:pjs that can stand in a chain, the optional ones included.
constexpr QLatin1StringView s_modules[] = {
    "common/access-control.js"_L1,
    "common/ratelimit.js"_L1,
    "common/consumer.js"_L1,
    "common/tls-termination.js"_L1,
    "common/health-check.js"_L1,
    "common/resource-usage.js"_L1,
    "http/codec.js"_L1,
    "http/access-log.js"_L1,
    "http/auth.js"_L1,
    "http/route.js"_L1,
    "http/access-control-domain.js"_L1,
    "http/access-control-route.js"_L1,
    "http/fault-injection.js"_L1,
    "http/service.js"_L1,
    "http/metrics.js"_L1,
    "http/tracing.js"_L1,
    "http/logging.js"_L1,
    "http/circuit-breaker.js"_L1,
    "http/throttle-domain.js"_L1,
    "http/throttle-route.js"_L1,
    "http/error-page.js"_L1,
    "http/proxy-redirect.js"_L1,
    "filter/request-redirect.js"_L1,
    "filter/header-modifier.js"_L1,
    "filter/url-rewrite.js"_L1,
    "filter/request-mirror.js"_L1,
    "http/forward.js"_L1,
    "http/default.js"_L1,
    "http/sr-auth.js"_L1,
    "server/web-server.js"_L1,
    "tls/passthrough.js"_L1,
    "tls/forward.js"_L1,
    "tcp/forward.js"_L1,
    "udp/forward.js"_L1,
    "plugins/cors.js"_L1,
    "plugins/traffic-mirror.js"_L1,
    "extension/proxy-tag.js"_L1,
    "extension/agent-service.js"_L1,
};

QList<QLatin1StringView> httpChain(bool https)
{
    QList<QLatin1StringView> chain = {
        "common/access-control.js"_L1,
        "common/ratelimit.js"_L1,
        "common/consumer.js"_L1,
        "http/codec.js"_L1,
        "http/access-log.js"_L1,
        "http/auth.js"_L1,
        "http/route.js"_L1,
        "http/fault-injection.js"_L1,
        "http/service.js"_L1,
        "http/metrics.js"_L1,
        "http/tracing.js"_L1,
        "http/logging.js"_L1,
        "http/circuit-breaker.js"_L1,
        "http/throttle-domain.js"_L1,
        "http/throttle-route.js"_L1,
        "http/error-page.js"_L1,
        "http/proxy-redirect.js"_L1,
        "filter/request-redirect.js"_L1,
        "filter/header-modifier.js"_L1,
        "filter/url-rewrite.js"_L1,
        "filter/request-mirror.js"_L1,
        "http/forward.js"_L1,
        "http/default.js"_L1,
    };
    if (https)
        chain.insert(2, "common/tls-termination.js"_L1);
    return chain;
}

} // namespace

bool FgwCatalogue::isKnownModule(QStringView path)
{
    for (const QLatin1StringView m : s_modules) {
        if (path == m)
            return true;
    }
    return false;
}

QList<QLatin1StringView> FgwCatalogue::modules()
{
    return QList<QLatin1StringView>(std::begin(s_modules), std::end(s_modules));
}

QList<QLatin1StringView> FgwCatalogue::chainNames()
{
    return {"HTTPRoute"_L1,    "HTTPSRoute"_L1, "TLSPassthrough"_L1,
            "TLSTerminate"_L1, "TCPRoute"_L1,   "UDPRoute"_L1};
}

QList<QLatin1StringView> FgwCatalogue::defaultChain(QStringView chainName)
{
    if (chainName == "HTTPRoute"_L1)
        return httpChain(false);
    if (chainName == "HTTPSRoute"_L1)
        return httpChain(true);
    if (chainName == "TLSPassthrough"_L1)
        return {"common/access-control.js"_L1, "common/ratelimit.js"_L1, "tls/passthrough.js"_L1,
                "common/consumer.js"_L1};
    if (chainName == "TLSTerminate"_L1)
        return {"common/access-control.js"_L1, "common/ratelimit.js"_L1,
                "common/tls-termination.js"_L1, "common/consumer.js"_L1, "tls/forward.js"_L1};
    if (chainName == "TCPRoute"_L1)
        return {"common/access-control.js"_L1, "common/ratelimit.js"_L1, "tcp/forward.js"_L1};
    if (chainName == "UDPRoute"_L1)
        return {"common/access-control.js"_L1, "udp/forward.js"_L1};
    return {};
}

} // namespace Gatehouse::Core
