#include "config.h"

namespace Gatehouse::Core {

using namespace Qt::StringLiterals;

QString ListenerConfig::chainName() const
{
    switch (protocol) {
    case ListenerProtocol::Http:
        return u"HTTPRoute"_s;
    case ListenerProtocol::Https:
        return u"HTTPSRoute"_s;
    case ListenerProtocol::Tcp:
        return u"TCPRoute"_s;
    case ListenerProtocol::Udp:
        return u"UDPRoute"_s;
    case ListenerProtocol::Tls:
        if (tls && tls->mode == TlsMode::Passthrough)
            return u"TLSPassthrough"_s;
        if (tls && tls->mode == TlsMode::Terminate)
            return u"TLSTerminate"_s;
        return {};
    case ListenerProtocol::Unknown:
        return {};
    }
    return {};
}

bool Chain::contains(QAnyStringView modulePath) const
{
    for (const ChainModule &m : modules) {
        if (QAnyStringView::compare(m.path, modulePath) == 0)
            return true;
    }
    return false;
}

const Service *Config::service(const QString &name) const
{
    const auto it = m_serviceIndex.constFind(name);
    return it == m_serviceIndex.cend() ? nullptr : &services[*it];
}

const Chain *Config::chain(QStringView name) const
{
    // Few chains; the last one of a name wins, as in JSON.parse.
    for (auto it = chains.crbegin(); it != chains.crend(); ++it) {
        if (it->name == name)
            return &*it;
    }
    return nullptr;
}

const RouteRule *Config::routeRuleForPort(int port) const
{
    for (auto it = routeRules.crbegin(); it != routeRules.crend(); ++it) {
        if (it->ports.contains(port))
            return &*it;
    }
    return nullptr;
}

QString protocolName(ListenerProtocol protocol)
{
    switch (protocol) {
    case ListenerProtocol::Http:
        return u"HTTP"_s;
    case ListenerProtocol::Https:
        return u"HTTPS"_s;
    case ListenerProtocol::Tls:
        return u"TLS"_s;
    case ListenerProtocol::Tcp:
        return u"TCP"_s;
    case ListenerProtocol::Udp:
        return u"UDP"_s;
    case ListenerProtocol::Unknown:
        return {};
    }
    return {};
}

QString pathMatchTypeName(PathMatchType type)
{
    switch (type) {
    case PathMatchType::Prefix:
        return u"Prefix"_s;
    case PathMatchType::Exact:
        return u"Exact"_s;
    case PathMatchType::Regex:
        return u"Regex"_s;
    case PathMatchType::Unknown:
        return {};
    }
    return {};
}

QString filterTypeName(FilterType type)
{
    switch (type) {
    case FilterType::RequestHeaderModifier:
        return u"RequestHeaderModifier"_s;
    case FilterType::ResponseHeaderModifier:
        return u"ResponseHeaderModifier"_s;
    case FilterType::RequestRedirect:
        return u"RequestRedirect"_s;
    case FilterType::UrlRewrite:
        return u"URLRewrite"_s;
    case FilterType::RequestMirror:
        return u"RequestMirror"_s;
    case FilterType::Unknown:
        return {};
    }
    return {};
}

} // namespace Gatehouse::Core
