#include "enginesession.h"

#include "engine/compiledconfig.h"
#include "engine/demobackend.h"
#include "health/healthtable.h"
#include "telemetry/telemetrycollector.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QThread>

#include <sys/resource.h>
#include <unistd.h>

namespace Gatehouse::Ui {

namespace {
// Nice value of the engine's workers and the demo backends' thread. Under a load that
// saturates the CPUs, the scheduler then gives the GUI thread (nice 0) about ten times a
// worker's share, so the window stays responsive; when the GUI is idle the workers still get
// every cycle (the scheduler is work-conserving). tests/bench/gui_lag.sh measures the effect.
constexpr int BackgroundNice = 10;
} // namespace

EngineSession::EngineSession(QObject *parent)
    : QObject(parent)
{}

EngineSession::~EngineSession()
{
    stop();
    stopDemoBackends();
    if (m_demoThread) {
        m_demoContext->deleteLater();
        m_demoThread->quit();
        m_demoThread->wait();
        delete m_demoThread;
    }
}

void EngineSession::onDemoThread(const std::function<void()> &fn)
{
    if (!m_demoThread) {
        m_demoThread = new QThread;
        m_demoThread->setObjectName(QStringLiteral("gatehouse-demo"));
        m_demoContext = new QObject;
        m_demoContext->moveToThread(m_demoThread);
        m_demoThread->start();
        QMetaObject::invokeMethod(
            m_demoContext, [] { ::setpriority(PRIO_PROCESS, pid_t(::gettid()), BackgroundNice); },
            Qt::BlockingQueuedConnection);
    }
    QMetaObject::invokeMethod(m_demoContext, fn, Qt::BlockingQueuedConnection);
}

Core::EngineController::Outcome EngineSession::apply(const QByteArray &configText, const QString &configDir)
{
    QElapsedTimer clock;
    clock.start();
    const bool wasRunning = isRunning();
    if (!m_controller) {
        m_controller = std::make_unique<Core::EngineController>();
        m_controller->setWorkerNice(BackgroundNice);
        connect(m_controller.get(), &Core::EngineController::healthChanged, this, &EngineSession::healthChanged);
        connect(m_controller->telemetry(), &Core::TelemetryCollector::heads, this, &EngineSession::heads);
        connect(m_controller->telemetry(), &Core::TelemetryCollector::batch, this, &EngineSession::records);
        connect(m_controller->telemetry(), &Core::TelemetryCollector::dropped, this, &EngineSession::recordsDropped);
    }
    // From stopped, the listeners that bind start and the others are reported; a running
    // engine is reloaded all-or-nothing.
    Core::EngineController::Outcome outcome
        = m_controller->apply(configText, configDir, Core::EngineController::Bind::WhatBinds);
    if (outcome.ok && !wasRunning) {
        m_controller->telemetry()->setHeadsEnabled(true); // the request log's detail pane
        m_lastStartMs = clock.elapsed();
        m_controller->telemetry()->setEnabled(true);
        emit runningChanged(true);
    } else if (!outcome.ok && !wasRunning) {
        m_controller.reset(); // nothing was started
    }
    return outcome;
}

void EngineSession::stop()
{
    if (!m_controller)
        return;
    m_controller->telemetry()->flush(); // the last requests still reach the log
    m_controller->telemetry()->setEnabled(false);
    m_controller->stop();
    m_controller.reset();
    emit runningChanged(false);
}

bool EngineSession::isRunning() const
{
    return m_controller && m_controller->isRunning();
}

std::shared_ptr<Core::HealthTable> EngineSession::healthTable() const
{
    if (!m_controller || !m_controller->config())
        return {};
    return m_controller->config()->health;
}

std::vector<qint64> EngineSession::targetWeights() const
{
    std::vector<qint64> weights;
    if (!m_controller || !m_controller->config())
        return weights;
    for (const Core::CompiledService &s : m_controller->config()->services) {
        for (size_t i = 0; i < s.endpoints.size(); ++i) {
            const size_t target = size_t(s.firstTarget) + i;
            if (weights.size() <= target)
                weights.resize(target + 1);
            weights[target] = s.endpoints[i].weight;
        }
    }
    return weights;
}

std::shared_ptr<const Core::CompiledConfig> EngineSession::compiledConfig() const
{
    return m_controller ? m_controller->config() : nullptr;
}

QStringList EngineSession::routeNames() const
{
    if (!m_controller || !m_controller->config())
        return {};
    return m_controller->config()->routeNames;
}

QByteArray EngineSession::metrics() const
{
    return m_controller ? m_controller->metrics() : QByteArray();
}

QString EngineSession::startDemoBackends(quint16 echoPort, quint16 helloPort)
{
    QElapsedTimer clock;
    clock.start();
    stopDemoBackends();
    m_echoPort = echoPort;
    m_helloPort = helloPort;
    QString error;
    onDemoThread([&] {
        m_echo = std::make_unique<Core::DemoBackend>(Core::DemoBackend::Behaviour::EchoRequest);
        m_hello = std::make_unique<Core::DemoBackend>(Core::DemoBackend::Behaviour::Hello);
        m_echoRunning = m_echo->start(echoPort);
        m_helloRunning = m_hello->start(helloPort);
        if (!m_echoRunning)
            error = tr("The demo backend cannot listen on port %1.").arg(echoPort);
        else if (!m_helloRunning)
            error = tr("The demo backend cannot listen on port %1.").arg(helloPort);
    });
    m_lastDemoStartMs = clock.elapsed();
    return error;
}

void EngineSession::stopDemoBackends()
{
    if (!m_demoThread)
        return;
    onDemoThread([this] {
        m_echo.reset();
        m_hello.reset();
    });
    m_echoRunning = m_helloRunning = false;
}

bool EngineSession::demoBackendRunning(int which) const
{
    return which == 0 ? m_echoRunning : m_helloRunning;
}

void EngineSession::setDemoBackendRunning(int which, bool running)
{
    if (!m_demoThread)
        return;
    onDemoThread([&] {
        auto &b = which == 0 ? m_echo : m_hello;
        bool &flag = which == 0 ? m_echoRunning : m_helloRunning;
        if (!b)
            return;
        if (running) {
            flag = b->start(which == 0 ? m_echoPort : m_helloPort);
        } else {
            b->stop();
            flag = false;
        }
    });
}

bool EngineSession::portIsFree(quint16 port)
{
    // Listeners bind IPv4 any by default, so that is the test that matters.
    QTcpServer probe;
    return probe.listen(QHostAddress::AnyIPv4, port);
}

quint16 EngineSession::freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace Gatehouse::Ui
