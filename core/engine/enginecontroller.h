#pragma once

#include "enginelimits.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QThread;

namespace Gatehouse::Core {

class CompiledConfig;
class HealthChecker;
class TelemetryCollector;
class Worker;
class WorkerState;
struct HealthTransition;

// Starts, reconfigures and stops the engine: N workers, each a QObject in its own QThread.
//
// apply() compiles the config here (off the workers), asks every worker to prepare it (open the
// listeners it adds) with blocking queued calls, and commits only if all succeeded; otherwise
// every worker rolls back and the old config keeps serving, and the error names the listener.
// Listeners whose bind address stays keep their sockets; in-flight requests finish on their
// config; keep-alive clients take the new config at their next request. Health state carries
// over for targets that remain.
//
// Lives in: the thread that creates it (the GUI thread or the CLI's main thread).
class EngineController : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        bool ok = false;
        QString error;
        QStringList notActive; // configured features this engine does not run yet
        QStringList listeners; // "port -> bind address" lines of the running config
    };

    // threads <= 0: one worker per core. limits: the same for every worker, fixed for the
    // controller's life (a reload changes the config, not the limits).
    explicit EngineController(int threads = 0,
                              const EngineLimits &limits = EngineLimits(),
                              QObject *parent = nullptr);
    ~EngineController() override;

    // configDir: where the config file lives (relative ServerRoot resolves beside it).
    Outcome apply(const QByteArray &configText, const QString &configDir);
    void stop();

    int threadCount() const { return m_threadCount; }
    const EngineLimits &limits() const { return m_limits; }
    // Client connections open on all workers now.
    int clientConnections() const;
    // Connections closed at accept by the per-worker connection limit, since start.
    quint64 rejectedConnections() const;
    bool isRunning() const { return !m_workers.empty(); }
    std::shared_ptr<const CompiledConfig> config() const { return m_config; }
    // Prometheus text exposition of the current counters and health.
    QByteArray metrics() const;
    // Request records in batches (off until enabled: collector->setEnabled(true)).
    TelemetryCollector *telemetry() const { return m_telemetry; }
    // New upstream connections opened by all workers since start (tests count reuse with it).
    quint64 upstreamConnects() const;

signals:
    // One line per health transition, e.g.
    // "backendService1 127.0.0.1:8082 healthy -> unhealthy (refused, 2/2 failures)".
    void healthChanged(const QString &service,
                       const QString &endpoint,
                       bool healthy,
                       const QString &line);

private:
    void startThreads();
    void onTransition(const HealthTransition &t);

    int m_threadCount;
    EngineLimits m_limits;
    std::vector<QThread *> m_threads;
    std::vector<Worker *> m_workers;
    std::vector<std::shared_ptr<WorkerState>> m_states;
    std::shared_ptr<const CompiledConfig> m_config;
    QThread *m_healthThread = nullptr;
    HealthChecker *m_checker = nullptr;
    TelemetryCollector *m_telemetry = nullptr;
};

} // namespace Gatehouse::Core
