#pragma once

#include <QString>

namespace Gatehouse::Core {

// FGW features the config model understands but the Gatehouse engine may not implement yet.
// The validator emits an `unsupported-feature` warning where a config uses one that
// engineSupports() denies. Engine engineers: flip a feature to supported in
// enginefeatures.cpp when it lands (and its tests with it).
enum class EngineFeature : quint8 {
    HttpsListener,
    TlsListener,
    TcpListener,
    UdpListener,
    Http2Route,
    GrpcRoute,
    Filters,
    Retry,
    CircuitBreaking,
    RateLimit,
    Fault,
    AccessControlLists,
    Consumers, // incl. EnableHeadersAuthorization
    ErrorPage,
    ProxyRedirect,
    GzipCompression, // dynamic compression of static files
    Plugins,
    BpsLimit,
    UpstreamTls, // UpstreamCert / UseSSL
    AccessLogFile, // `AccessLog`: the per-request text log file
};

bool engineSupports(EngineFeature feature);
// Plain-English name for messages ("HTTPS listeners", ...); translated.
QString engineFeatureName(EngineFeature feature);

} // namespace Gatehouse::Core
