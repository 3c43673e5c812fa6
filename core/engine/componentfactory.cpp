#include "componentfactory.h"

#include <QtMath>

#include <climits>

namespace Gatehouse::Core {

namespace {

qint64 toMs(const std::optional<double> &seconds)
{
    if (!seconds || !(*seconds > 0))
        return 0;
    return qMax<qint64>(1, qRound64(*seconds * 1000.0));
}

} // namespace

HealthCheckSpec ComponentFactory::healthCheckSpec(const HealthCheckConfig &config)
{
    HealthCheckSpec spec;
    spec.intervalMs = toMs(config.interval);
    spec.failTimeoutMs = toMs(config.failTimeout);
    spec.maxFails = int(qBound(qint64(0), config.maxFails, qint64(INT_MAX)));
    if (config.path)
        spec.path = config.path->isEmpty() ? QByteArrayLiteral("/") : config.path->toUtf8();
    for (const HealthCheckMatch &m : config.matches) {
        HealthMatch hm;
        hm.statusCodes = m.statusCodes;
        if (m.body)
            hm.body = m.body->toUtf8();
        for (const NameValue &h : m.headers)
            hm.headers.append({h.name.toUtf8(), h.value.toUtf8()});
        spec.matches.append(hm);
    }
    return spec;
}

HealthCheckSpec ComponentFactory::healthCheckSpec(const Service &service)
{
    return service.healthCheck ? healthCheckSpec(*service.healthCheck) : HealthCheckSpec{};
}

BalancerAlgorithm ComponentFactory::balancerAlgorithm(const Service &service)
{
    switch (service.algorithm) {
    case LoadBalancingAlgorithm::Hashing:
        return BalancerAlgorithm::Hashing;
    case LoadBalancingAlgorithm::LeastConnection:
        return BalancerAlgorithm::LeastConnection;
    case LoadBalancingAlgorithm::Other:
        // Pipy's weighted LeastWorkLoadBalancer is what FGW's docs example names; the
        // validator reports any other class as unsupported.
        if (service.algorithmName == QLatin1StringView("LeastWorkLoadBalancer"))
            return BalancerAlgorithm::WeightedLeastConnection;
        return BalancerAlgorithm::RoundRobin;
    case LoadBalancingAlgorithm::RoundRobin:
        break;
    }
    return BalancerAlgorithm::RoundRobin;
}

QList<int> ComponentFactory::weights(const Service &service)
{
    QList<int> out;
    out.reserve(service.endpoints.size());
    for (const Endpoint &e : service.endpoints)
        out.append(int(qBound(qint64(0), e.weight.value_or(1), qint64(INT_MAX))));
    return out;
}

std::unique_ptr<LoadBalancer> ComponentFactory::balancer(const Service &service)
{
    return LoadBalancer::create(balancerAlgorithm(service), weights(service));
}

std::shared_ptr<const StickyCookie> ComponentFactory::stickyCookie(const Service &service)
{
    if (!service.stickyCookieName || service.stickyCookieName->isEmpty())
        return nullptr;
    QList<QByteArray> keys;
    keys.reserve(service.endpoints.size());
    for (const Endpoint &e : service.endpoints)
        keys.append(e.address.toUtf8());
    return std::make_shared<const StickyCookie>(service.stickyCookieName->toUtf8(),
                                                service.stickyCookieExpires, keys);
}

int ComponentFactory::addToHealthTable(HealthTable &table, const Service &service)
{
    QStringList keys;
    keys.reserve(service.endpoints.size());
    for (const Endpoint &e : service.endpoints)
        keys.append(e.address);
    return table.addService(service.name, keys, healthCheckSpec(service));
}

StaticFiles::Options
ComponentFactory::staticFilesOptions(const RouteMatch &match,
                                     const QString &configDir,
                                     const std::optional<QString> &defaultMimeType)
{
    StaticFiles::Options options;
    options.root = StaticFiles::resolveServerRoot(match.serverRoot.value_or(QString()), configDir);
    if (!match.index.isEmpty()) {
        options.index.clear();
        for (const QString &i : match.index)
            options.index.append(i.toUtf8());
    }
    for (const QString &t : match.tryFiles)
        options.tryFiles.append(t.toUtf8());
    if (defaultMimeType)
        options.defaultMimeType = defaultMimeType->toUtf8();
    return options;
}

} // namespace Gatehouse::Core
