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
class AccessLogWriter;
class Worker;
class WorkerState;
struct HealthTransition;

// Starts, reconfigures and stops the engine: N workers, each a QObject in its own QThread.
//
// apply() compiles the config here (off the workers), asks every worker to prepare it (open the
// listeners it adds) with blocking queued calls, and commits only if all succeeded; otherwise
// every worker rolls back and the old config keeps serving, and the error names the listeners.
// Starting from stopped with Bind::WhatBinds instead starts every listener that can bind and
// reports the others per listener (a desktop user wants the rest of the config to run while
// port 8000 is taken); a running engine is always reloaded all-or-nothing.
// Listeners whose bind address stays keep their sockets; in-flight requests finish on their
// config; keep-alive clients take the new config at their next request. Health state carries
// over for targets that remain.
//
// Lives in: the thread that creates it (the GUI thread or the CLI's main thread).
class EngineController : public QObject
{
    Q_OBJECT
public:
    enum class Bind {
        AllOrNothing, // any listener that cannot bind refuses the whole config
        WhatBinds,    // from stopped: start the listeners that bind, report the others
    };
    struct ListenerState
    {
        enum class State { Listening, Failed, Unsupported };
        int port = 0;        // logical port (the RouteRules key)
        QString bindAddress; // "address:port" actually bound
        QString protocol;
        State state = State::Listening;
        QString error; // why it failed ("port 8000 is in use")
        bool ok() const { return state == State::Listening; }
    };
    struct Outcome
    {
        bool ok = false;
        QString error;
        QStringList notActive; // configured features this engine does not run yet
        QStringList listeners; // "port -> bind address" lines of the running config
        // Every configured listener and what became of it, in config order. Filled on success
        // and when listeners failed to bind (then the ones that could bind say Listening).
        std::vector<ListenerState> listenerStates;
        int failedListeners() const;
    };

    // threads <= 0: one worker per core. limits: the same for every worker, fixed for the
    // controller's life (a reload changes the config, not the limits).
    explicit EngineController(int threads = 0,
                              const EngineLimits &limits = EngineLimits(),
                              QObject *parent = nullptr);
    ~EngineController() override;

    // configDir: where the config file lives (relative ServerRoot resolves beside it).
    // bind is honoured only when the engine is stopped (see the class comment). With
    // WhatBinds the outcome is ok when at least one listener (or none configured) runs.
    Outcome
    apply(const QByteArray &configText, const QString &configDir, Bind bind = Bind::AllOrNothing);
    void stop();

    int threadCount() const { return m_threadCount; }
    // Linux nice value for the worker threads started from now on (0: as the process). The
    // desktop app lowers them so that an engine saturated by traffic cannot starve its GUI
    // thread of CPU; a headless server leaves them alone.
    void setWorkerNice(int nice) { m_workerNice = nice; }
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
    // AccessLog files: reopen them at their paths now (SIGHUP after log rotation); write out
    // what is buffered and wait for it (tests, shutdown).
    void reopenAccessLogs();
    void flushAccessLogs();
    // Idle upstream connections in all workers' pools (blocks until every worker answered; tests
    // check with it that failed connections never go back to a pool).
    int idleUpstreamConnections() const;

signals:
    // One line per health transition, e.g.
    // "backendService1 127.0.0.1:8082 healthy -> unhealthy (refused, 2/2 failures)".
    void healthChanged(const QString &service,
                       const QString &endpoint,
                       bool healthy,
                       const QString &line);
    // An AccessLog file cannot be opened or written (once per episode), or works again.
    void accessLogProblem(const QString &message);

private:
    void startAccessLog();
    void startThreads();
    void onTransition(const HealthTransition &t);

    int m_threadCount;
    int m_workerNice = 0;
    EngineLimits m_limits;
    std::vector<QThread *> m_threads;
    std::vector<Worker *> m_workers;
    std::vector<std::shared_ptr<WorkerState>> m_states;
    std::shared_ptr<const CompiledConfig> m_config;
    QThread *m_healthThread = nullptr;
    HealthChecker *m_checker = nullptr;
    TelemetryCollector *m_telemetry = nullptr;
    QThread *m_accessLogThread = nullptr;
    AccessLogWriter *m_accessLog = nullptr; // lives in m_accessLogThread
};

} // namespace Gatehouse::Core
