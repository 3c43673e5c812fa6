#pragma once

#include "config/config.h"
#include "engine/loadbalancer.h"
#include "engine/staticfiles.h"
#include "engine/stickycookie.h"
#include "health/healthtable.h"

#include <memory>
#include <optional>

namespace Gatehouse::Core {

// Builds the engine parts (balancers, sticky cookie, health spec, static files) from the typed
// config model. The parts themselves take plain values, so they do not change when the model
// does; this is the one place that knows both. Called when a config compiles (controller
// thread); not for the request path.
struct ComponentFactory
{
    // Seconds (doubles, as FGW reads them) become milliseconds, so fractional intervals work.
    // The model already turned the legacy shape (`Uri`, {Type, Value, Name}) into path and
    // match rules.
    static HealthCheckSpec healthCheckSpec(const HealthCheckConfig &config);
    // The service's HealthCheck, or a disabled spec when it has none.
    static HealthCheckSpec healthCheckSpec(const Service &service);

    static BalancerAlgorithm balancerAlgorithm(const Service &service);
    // Endpoint weights in endpoint order; a missing Weight counts as 1 (plain round robin),
    // 0 is a backup.
    static QList<int> weights(const Service &service);
    static std::unique_ptr<LoadBalancer> balancer(const Service &service);

    // Null when the service has no StickyCookieName.
    static std::shared_ptr<const StickyCookie> stickyCookie(const Service &service);

    // Adds the service's endpoints as consecutive targets; returns the first target index.
    static int addToHealthTable(HealthTable &table, const Service &service);

    // For a Match with ServerRoot. `configDir` is the directory of config.json (a relative
    // ServerRoot is `<configDir>/static/<ServerRoot>`); `defaultMimeType` is the effective
    // DefaultMimeType after the Match -> domain -> Configs cascade.
    static StaticFiles::Options staticFilesOptions(const RouteMatch &match,
                                                   const QString &configDir,
                                                   const std::optional<QString> &defaultMimeType);
};

} // namespace Gatehouse::Core
