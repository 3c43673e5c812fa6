#pragma once

#include <QObject>

#include <memory>
#include <vector>

namespace Gatehouse::Core {

class CompiledConfig;

// Active health probes for the targets of the running config: HTTP GET of the check's Path
// (or legacy Uri), judged by its Matches, or a TCP connect when no path is given, every
// Interval; the result goes to the config's HealthTable (which counts consecutive failures,
// revives on success and reports transitions).
//
// Better than FGW: each probe has a timeout (the interval, at least 1 s), and the HTTP probe
// keeps one keep-alive connection per target instead of leaving one idle connection behind per
// probe. A minimal engine-side prober until core/health's HealthChecker lands.
//
// Lives in: the engine's health thread.
class HealthProber : public QObject
{
    Q_OBJECT
public:
    explicit HealthProber(QObject *parent = nullptr);
    ~HealthProber() override;

    // Replaces all probes with the targets of `config` (null: stop probing).
    void setConfig(std::shared_ptr<const CompiledConfig> config);

private:
    class Probe;
    std::shared_ptr<const CompiledConfig> m_config;
    std::vector<std::unique_ptr<Probe>> m_probes;
};

} // namespace Gatehouse::Core
