#include "enginefeatures.h"

#include <QCoreApplication>

namespace Gatehouse::Core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::EngineFeatures)
};
} // namespace

bool engineSupports(EngineFeature feature)
{
    // The one list of what the engine does not do yet. Keep the switch exhaustive (no default)
    // so a new feature cannot be forgotten here.
    switch (feature) {
    case EngineFeature::HttpsListener:
    case EngineFeature::TlsListener:
    case EngineFeature::TcpListener:
    case EngineFeature::UdpListener:
    case EngineFeature::Http2Route:
    case EngineFeature::GrpcRoute:
    case EngineFeature::Filters:
    case EngineFeature::Retry:
    case EngineFeature::CircuitBreaking:
    case EngineFeature::RateLimit:
    case EngineFeature::Fault:
    case EngineFeature::AccessControlLists:
    case EngineFeature::Consumers:
    case EngineFeature::ErrorPage:
    case EngineFeature::ProxyRedirect:
    case EngineFeature::GzipCompression:
    case EngineFeature::Plugins:
    case EngineFeature::BpsLimit:
    case EngineFeature::UpstreamTls:
        return false;
    case EngineFeature::AccessLogFile:
        return true;
    }
    return false;
}

QString engineFeatureName(EngineFeature feature)
{
    switch (feature) {
    case EngineFeature::HttpsListener:
        return Tr::tr("HTTPS listeners");
    case EngineFeature::TlsListener:
        return Tr::tr("TLS listeners");
    case EngineFeature::TcpListener:
        return Tr::tr("TCP listeners");
    case EngineFeature::UdpListener:
        return Tr::tr("UDP listeners");
    case EngineFeature::Http2Route:
        return Tr::tr("HTTP/2 upstream routes (RouteType HTTP2)");
    case EngineFeature::GrpcRoute:
        return Tr::tr("gRPC routes (RouteType GRPC)");
    case EngineFeature::Filters:
        return Tr::tr("Filters");
    case EngineFeature::Retry:
        return Tr::tr("Retries");
    case EngineFeature::CircuitBreaking:
        return Tr::tr("Circuit breaking");
    case EngineFeature::RateLimit:
        return Tr::tr("Request rate limiting");
    case EngineFeature::Fault:
        return Tr::tr("Fault injection");
    case EngineFeature::AccessControlLists:
        return Tr::tr("Access control lists");
    case EngineFeature::Consumers:
        return Tr::tr("Consumers and header authorization");
    case EngineFeature::ErrorPage:
        return Tr::tr("Custom error pages");
    case EngineFeature::ProxyRedirect:
        return Tr::tr("Proxy redirect rewriting");
    case EngineFeature::GzipCompression:
        return Tr::tr("Dynamic gzip compression");
    case EngineFeature::Plugins:
        return Tr::tr("Service plugins");
    case EngineFeature::BpsLimit:
        return Tr::tr("Bandwidth limits (BpsLimit)");
    case EngineFeature::UpstreamTls:
        return Tr::tr("TLS to upstreams (UpstreamCert, UseSSL)");
    case EngineFeature::AccessLogFile:
        return Tr::tr("Access log files (AccessLog)");
    }
    return {};
}

} // namespace Gatehouse::Core
