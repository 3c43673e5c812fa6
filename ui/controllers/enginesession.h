#pragma once

#include "engine/enginecontroller.h"
#include "telemetry/requestrecord.h"

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace Gatehouse::Core {
class CompiledConfig;
class DemoBackend;
class HealthTable;
} // namespace Gatehouse::Core

namespace Gatehouse::Ui {

// The desktop app's embedded engine: the EngineController with its worker threads, request
// records switched on, and the demo backends when the demo runs. Lives in the GUI thread;
// everything it reports arrives there (records in batches, health transitions).
class EngineSession : public QObject
{
    Q_OBJECT
public:
    explicit EngineSession(QObject *parent = nullptr);
    ~EngineSession() override;

    // Starts the engine with the config, or hot-reloads it when running (all-or-nothing: on
    // failure the running config keeps serving). Starting from stopped runs every listener
    // that binds; the outcome's listenerStates name the others. The caller has refused
    // configs with errors.
    Core::EngineController::Outcome apply(const QByteArray &configText, const QString &configDir);
    void stop();
    bool isRunning() const;
    // The running config's health table, and each health target's configured weight.
    std::shared_ptr<Core::HealthTable> healthTable() const;
    std::vector<qint64> targetWeights() const;
    // The running compiled config (null when stopped).
    std::shared_ptr<const Core::CompiledConfig> compiledConfig() const;
    // Names of the running config's routes, indexed by RequestRecord::routeId.
    QStringList routeNames() const;
    // Prometheus text of the running engine's counters (empty when stopped).
    QByteArray metrics() const;
    // Wall time of the last engine start from stopped and of the last demo backends start, ms
    // (the launch benchmark's breakdown).
    qint64 lastStartMs() const { return m_lastStartMs; }
    qint64 lastDemoStartMs() const { return m_lastDemoStartMs; }

    // The article's two backends ("You are requesting <host><path>" and "Hello, there"), on a
    // thread of their own so that a busy GUI never slows them down (or the other way round).
    // Returns an error text when a port cannot be bound.
    QString startDemoBackends(quint16 echoPort, quint16 helloPort);
    void stopDemoBackends();
    bool demoBackendRunning(int which) const; // 0: echo, 1: hello
    void setDemoBackendRunning(int which, bool running);
    // Whether a TCP port on 127.0.0.1 can be bound now (for the demo's port check).
    static bool portIsFree(quint16 port);
    // A port the OS says is free now.
    static quint16 freePort();

signals:
    // The captured heads of some records of the records() batch that follows.
    void heads(std::shared_ptr<const std::vector<Gatehouse::Core::CapturedHeads>> heads);
    void records(std::shared_ptr<const std::vector<Gatehouse::Core::RequestRecord>> batch);
    // Records the engine could not keep for the log (the GUI fell behind), since the last one.
    void recordsDropped(quint64 count);
    void healthChanged(const QString &service, const QString &endpoint, bool healthy, const QString &line);
    void runningChanged(bool running);

private:
    // Runs fn on the demo thread and waits for it.
    void onDemoThread(const std::function<void()> &fn);

    std::unique_ptr<Core::EngineController> m_controller;
    class QThread *m_demoThread = nullptr;
    QObject *m_demoContext = nullptr; // lives in m_demoThread; the backends are created there
    std::unique_ptr<Core::DemoBackend> m_echo;
    std::unique_ptr<Core::DemoBackend> m_hello;
    quint16 m_echoPort = 0;
    quint16 m_helloPort = 0;
    bool m_echoRunning = false;
    bool m_helloRunning = false;
    qint64 m_lastStartMs = -1;
    qint64 m_lastDemoStartMs = -1;
};

} // namespace Gatehouse::Ui
