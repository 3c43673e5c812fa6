#include "enginecontroller.h"

#include "compiledconfig.h"
#include "config/configloader.h"
#include "config/jsondocument.h"
#include "health/healthchecker.h"
#include "telemetry/accesslogwriter.h"
#include "telemetry/telemetrycollector.h"
#include "util/crossthread.h"
#include "worker.h"
#include "workerstate.h"

#include <QThread>

#include <algorithm>
#include <map>
#include <set>

#include <sys/resource.h>
#include <unistd.h>

namespace Gatehouse::Core {

using namespace Qt::StringLiterals;

EngineController::EngineController(int threads, const EngineLimits &limits, QObject *parent)
    : QObject(parent)
    , m_threadCount(threads > 0 ? threads : qMax(1, QThread::idealThreadCount()))
    , m_limits(limits)
    , m_telemetry(new TelemetryCollector(this))
{}

EngineController::~EngineController()
{
    stop();
}

void EngineController::startThreads()
{
    for (int i = 0; i < m_threadCount; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(u"gatehouse-worker-%1"_s.arg(i));
        auto *worker = new Worker(i, m_limits);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        startThread(thread);
        if (m_workerNice != 0) {
            const int nice = m_workerNice;
            // setpriority on a thread id changes only that thread (Linux).
            invokeBlocking(worker,
                           [nice] { ::setpriority(PRIO_PROCESS, pid_t(::gettid()), nice); });
        }
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
    std::vector<TelemetryBuffer *> buffers;
    for (Worker *w : m_workers)
        buffers.push_back(&w->telemetry());
    m_telemetry->setBuffers(std::move(buffers));
    m_healthThread = new QThread;
    m_healthThread->setObjectName(u"gatehouse-health"_s);
    m_checker = new HealthChecker;
    m_checker->moveToThread(m_healthThread);
    connect(m_healthThread, &QThread::finished, m_checker, &QObject::deleteLater);
    // Transitions of every source (probes, workers' passive reports) arrive here queued.
    connect(m_checker, &HealthChecker::transition, this, &EngineController::onTransition);
    startThread(m_healthThread);
}

int EngineController::Outcome::failedListeners() const
{
    return int(std::count_if(listenerStates.begin(), listenerStates.end(), [](const auto &s) {
        return s.state == ListenerState::State::Failed;
    }));
}

EngineController::Outcome
EngineController::apply(const QByteArray &configText, const QString &configDir, Bind bind)
{
    Outcome outcome;
    // The config layer judges the text first (same validator as `gatehouse-proxy check`):
    // a config with errors never reaches the workers.
    const LoadResult loaded = ConfigLoader::load(configText);
    if (!loaded.document) {
        const Diagnostic d = loaded.diagnostics.value(0);
        outcome.error = tr("config is not valid JSON (line %1, column %2): %3")
                            .arg(d.position.line)
                            .arg(d.position.column)
                            .arg(d.message);
        return outcome;
    }
    for (const Diagnostic &d : loaded.diagnostics) {
        if (d.severity == Severity::Error) {
            outcome.error = tr("line %1, column %2: %3 [%4]")
                                .arg(d.position.line)
                                .arg(d.position.column)
                                .arg(d.message, d.code);
            return outcome;
        }
    }
    CompiledConfig::Result compiled = CompiledConfig::compile(*loaded.document, configDir);
    if (!compiled.config) {
        outcome.error = compiled.error;
        return outcome;
    }
    outcome.notActive = compiled.notActive;
    auto config = std::const_pointer_cast<CompiledConfig>(compiled.config);
    if (m_config)
        config->health->carryOver(*m_config->health);
    const bool wasStopped = m_workers.empty();
    if (wasStopped)
        startThreads();
    const bool tolerant = wasStopped && bind == Bind::WhatBinds;
    // Every worker binds its own socket (SO_REUSEPORT), so a key that fails for one fails for
    // all: the first worker finds the failures, the others skip those keys. A key that fails
    // only on a later worker is closed everywhere before the commit.
    std::vector<std::shared_ptr<WorkerState>> states;
    std::map<QString, QString> failures;
    size_t prepared = 0;
    for (Worker *w : m_workers) {
        auto state = std::make_shared<WorkerState>(config, int(prepared));
        std::set<QString> skip;
        for (const auto &f : failures)
            skip.insert(f.first);
        std::map<QString, QString> failed;
        invokeBlocking(w, [&] { failed = w->prepare(state, skip); });
        states.push_back(std::move(state));
        ++prepared;
        failures.insert(failed.begin(), failed.end());
        if (!failures.empty() && !tolerant)
            break;
    }
    for (const CompiledListener &l : config->listeners) {
        ListenerState st;
        st.port = l.port;
        st.bindAddress = l.bindKey();
        st.protocol = l.protocol;
        if (!l.supported) {
            st.state = ListenerState::State::Unsupported;
            st.error = tr("protocol %1 is not supported yet").arg(l.protocol);
        } else if (auto f = failures.find(st.bindAddress); f != failures.end()) {
            st.state = ListenerState::State::Failed;
            st.error = f->second;
        }
        outcome.listenerStates.push_back(std::move(st));
    }
    QStringList failedLines;
    int listening = 0;
    for (const ListenerState &st : outcome.listenerStates) {
        if (st.state == ListenerState::State::Failed)
            failedLines << tr("listener %1 (%2): %3").arg(st.port).arg(st.bindAddress, st.error);
        else if (st.ok())
            ++listening;
    }
    const bool refuse
        = !failures.empty() && (!tolerant || (listening == 0 && !config->listeners.empty()));
    if (refuse) {
        for (size_t i = 0; i < prepared; ++i) {
            Worker *w = m_workers[i];
            invokeBlocking(w, [w] { w->rollback(); });
        }
        if (wasStopped)
            stop();
        outcome.error = failedLines.join(u'\n');
        return outcome;
    }
    if (!failures.empty()) {
        std::set<QString> keys;
        for (const auto &f : failures)
            keys.insert(f.first);
        for (Worker *w : m_workers)
            invokeBlocking(w, [w, &keys] { w->dropPending(keys); });
        outcome.error = failedLines.join(u'\n');
    }
    for (Worker *w : m_workers)
        invokeBlocking(w, [w] { w->commit(); });
    m_states = std::move(states);
    m_config = config;
    HealthChecker *checker = m_checker;
    std::shared_ptr<HealthTable> table = config->health;
    invokeBlocking(checker, [checker, table] { checker->setTable(table); });
    for (const ListenerState &st : outcome.listenerStates) {
        QString line = tr("%1 %2 on %3").arg(st.protocol).arg(st.port).arg(st.bindAddress);
        if (st.state == ListenerState::State::Unsupported)
            line += tr(" (not active: unsupported)");
        else if (st.state == ListenerState::State::Failed)
            line += tr(" (not listening: %1)").arg(st.error);
        outcome.listeners << line;
    }
    if (!config->accessLogFiles.isEmpty() || m_accessLog) {
        startAccessLog();
        AccessLogWriter *writer = m_accessLog;
        std::shared_ptr<const CompiledConfig> c = config;
        // Queued before any record of this config can be collected, so it arrives first.
        invokeQueued(writer, [writer, c] { writer->setConfig(c); });
        if (!m_telemetry->isEnabled())
            m_telemetry->setEnabled(true);
    }
    outcome.ok = true;
    return outcome;
}

void EngineController::startAccessLog()
{
    if (m_accessLog)
        return;
    m_accessLogThread = new QThread;
    m_accessLogThread->setObjectName(u"gatehouse-accesslog"_s);
    m_accessLog = new AccessLogWriter;
    m_accessLog->moveToThread(m_accessLogThread);
    connect(m_accessLogThread, &QThread::finished, m_accessLog, &QObject::deleteLater);
    connect(m_telemetry, &TelemetryCollector::batch, m_accessLog, &AccessLogWriter::write);
    connect(m_accessLog, &AccessLogWriter::problem, this, &EngineController::accessLogProblem);
    startThread(m_accessLogThread);
}

void EngineController::reopenAccessLogs()
{
    if (AccessLogWriter *writer = m_accessLog)
        invokeQueued(writer, [writer] { writer->reopen(); });
}

void EngineController::flushAccessLogs()
{
    m_telemetry->flush();
    if (AccessLogWriter *writer = m_accessLog)
        invokeBlocking(writer, [writer] { writer->flush(); });
}

void EngineController::stop()
{
    if (m_checker) {
        HealthChecker *checker = m_checker;
        invokeBlocking(checker, [checker] { checker->setTable({}); });
        quitAndWait(m_healthThread);
        delete m_healthThread;
        m_healthThread = nullptr;
        m_checker = nullptr;
    }
    m_telemetry->flush();
    if (m_accessLog) {
        AccessLogWriter *writer = m_accessLog; // the last batch is queued to it already
        invokeBlocking(writer, [writer] { writer->stop(); });
        quitAndWait(m_accessLogThread);
        delete m_accessLogThread;
        m_accessLogThread = nullptr;
        m_accessLog = nullptr;
    }
    m_telemetry->setBuffers({});
    for (Worker *w : m_workers)
        invokeBlocking(w, [w] { w->shutdown(); });
    for (QThread *t : m_threads) {
        quitAndWait(t);
        delete t;
    }
    m_threads.clear();
    m_workers.clear();
    m_states.clear();
    m_config.reset();
}

int EngineController::clientConnections() const
{
    int n = 0;
    for (const Worker *w : m_workers)
        n += w->clientCount();
    return n;
}

quint64 EngineController::rejectedConnections() const
{
    quint64 n = 0;
    for (const Worker *w : m_workers)
        n += w->rejectedConnections();
    return n;
}

void EngineController::onTransition(const HealthTransition &t)
{
    GATEHOUSE_TSAN_ACQUIRE_HAND_OFF(); // queued from the health thread
    emit healthChanged(t.service, t.endpoint, t.to != HealthState::Unhealthy, t.logLine());
}

quint64 EngineController::upstreamConnects() const
{
    quint64 n = 0;
    for (const Worker *w : m_workers)
        n += w->upstreamConnects();
    return n;
}

int EngineController::idleUpstreamConnections() const
{
    int n = 0;
    for (Worker *w : m_workers) {
        invokeBlocking(w, [w, &n] { n += w->idleUpstreamConnections(); });
    }
    return n;
}

QByteArray EngineController::metrics() const
{
    QByteArray out;
    if (!m_config)
        return out;
    const auto relaxed = std::memory_order_relaxed;
    auto label = [](const QString &s) {
        QString v = s;
        v.replace(u'\\', "\\\\"_L1).replace(u'"', "\\\""_L1);
        return v.toUtf8();
    };
    out += "# TYPE gatehouse_responses_total counter\n";
    static const char *classes[] = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
    for (int c = 0; c < 6; ++c) {
        quint64 n = 0;
        for (const auto &s : m_states)
            n += s->statusClass[c].load(relaxed);
        out += "gatehouse_responses_total{class=\"" + QByteArray(classes[c]) + "\"} "
               + QByteArray::number(n) + '\n';
    }
    auto emitCounters = [&](const QByteArray &metric, const QByteArray &labels, auto pick) {
        quint64 req = 0, err = 0, in = 0, outBytes = 0;
        for (const auto &s : m_states) {
            const WorkerState::Counters &c = pick(*s);
            req += c.requests.load(relaxed);
            err += c.errors.load(relaxed);
            in += c.bytesIn.load(relaxed);
            outBytes += c.bytesOut.load(relaxed);
        }
        out += metric + "_requests_total{" + labels + "} " + QByteArray::number(req) + '\n';
        out += metric + "_errors_total{" + labels + "} " + QByteArray::number(err) + '\n';
        out += metric + "_request_bytes_total{" + labels + "} " + QByteArray::number(in) + '\n';
        out += metric + "_response_bytes_total{" + labels + "} " + QByteArray::number(outBytes)
               + '\n';
        // Latency histogram (Prometheus: cumulative buckets, seconds).
        quint64 cumulative = 0;
        quint64 sumUs = 0;
        for (int b = 0; b < 12; ++b) {
            for (const auto &st : m_states)
                cumulative += pick(*st).latency[b].load(relaxed);
            const QByteArray le
                = b < 11 ? QByteArray::number(double(WorkerState::LatencyBoundsUs[b]) / 1e6)
                         : QByteArray("+Inf");
            out += metric + "_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"} "
                   + QByteArray::number(cumulative) + '\n';
        }
        for (const auto &st : m_states)
            sumUs += pick(*st).latencySumUs.load(relaxed);
        out += metric + "_duration_seconds_sum{" + labels + "} "
               + QByteArray::number(double(sumUs) / 1e6) + '\n';
        out += metric + "_duration_seconds_count{" + labels + "} " + QByteArray::number(cumulative)
               + '\n';
    };
    for (size_t l = 0; l < m_config->listeners.size(); ++l) {
        const CompiledListener &listener = m_config->listeners[l];
        emitCounters(
            "gatehouse_listener", "listener=\"" + QByteArray::number(listener.port) + '"',
            [l](WorkerState &s) -> WorkerState::Counters & { return s.listenerCounters[l]; });
    }
    for (int r = 0; r < m_config->routeNames.size(); ++r)
        emitCounters(
            "gatehouse_route", "route=\"" + label(m_config->routeNames[r]) + '"',
            [r](WorkerState &s) -> WorkerState::Counters & { return s.routeCounters[size_t(r)]; });
    for (size_t i = 0; i < m_config->services.size(); ++i) {
        const CompiledService &svc = m_config->services[i];
        emitCounters(
            "gatehouse_service", "service=\"" + label(svc.name) + '"',
            [i](WorkerState &s) -> WorkerState::Counters & { return s.serviceCounters[i]; });
        for (const CompiledEndpoint &ep : svc.endpoints) {
            const QByteArray labels
                = "service=\"" + label(svc.name) + "\",endpoint=\"" + label(ep.key) + '"';
            const int slot = ep.healthSlot;
            emitCounters("gatehouse_endpoint", labels,
                         [slot](WorkerState &s) -> WorkerState::Counters & {
                             return s.endpointCounters[size_t(slot)];
                         });
            out += "gatehouse_endpoint_healthy{" + labels + "} "
                   + (m_config->health->isUsable(slot) ? "1" : "0") + '\n';
        }
    }
    quint64 clients = 0;
    for (const Worker *w : m_workers)
        clients += quint64(w->clientCount());
    out += "gatehouse_client_connections " + QByteArray::number(clients) + '\n';
    out += "gatehouse_upstream_connects_total " + QByteArray::number(upstreamConnects()) + '\n';
    return out;
}

} // namespace Gatehouse::Core
