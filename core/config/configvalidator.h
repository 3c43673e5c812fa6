#pragma once

#include "config.h"
#include "diagnosticsink.h"

namespace Gatehouse::Core {

// Checks what spans more than one value of a loaded Config: listener ports, services named by
// routes, chains and the modules configured features need, and the FGW behaviours that
// surprise people (reference §8). Runs after ConfigReader on the same sink. Not thread-safe.
class ConfigValidator
{
public:
    ConfigValidator(const Config &config, DiagnosticSink &sink);
    void validate();

private:
    void checkPorts();
    void checkServiceReferences();
    void checkServiceReference(const JsonValue &at, const QString &name, bool atKey);
    void checkChains();
    void checkModules(const ListenerConfig &listener, const Chain &chain);
    // `essential`: the listener cannot work without it (as opposed to one setting being
    // ignored).
    void requireModule(const Chain &chain,
                       QLatin1StringView module,
                       const JsonValue &at,
                       const QString &feature,
                       bool essential = false);
    void checkKeepAlivePinning();
    void checkWildcardOrder();
    void checkMtls();
    void checkMaxFails();

    const Config &m_config;
    DiagnosticSink &m_sink;
    // (chain node index, feature offset, module) already reported, so a setting shared by
    // several listeners is reported once per chain.
    QSet<QString> m_reported;
};

} // namespace Gatehouse::Core
