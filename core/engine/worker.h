#pragma once

#include "enginelimits.h"
#include "eventloop.h"
#include "telemetry/telemetrybuffer.h"
#include "upstreampool.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include <netinet/in.h>

class QTimer;

namespace Gatehouse::Core {

class ClientConnection;
class ListenSocket;
class UpstreamConnection;
class WorkerState;
struct CompiledEndpoint;
struct CompiledMatch;

// One engine worker: its own event loop (epoll behind one QSocketNotifier), its own listening
// sockets (SO_REUSEPORT), client connections, upstream pools and balancer state. Nothing on the
// request path is shared with other workers except the immutable compiled config and the
// health table's atomics.
//
// Lives in: its own QThread (moved there by EngineController before start). The controller
// calls prepare/commit/rollback/shutdown with blocking queued calls; everything else runs on
// the worker thread only.
class Worker : public QObject
{
    Q_OBJECT
public:
    Worker(int index, const EngineLimits &limits, QObject *parent = nullptr);
    ~Worker() override;

    // Reload protocol (worker thread). prepare opens the listeners `next` adds, except the bind
    // keys in `skip` (known not to bind), and returns the failures as bind key -> error (empty:
    // all opened; it tries every listener, so one busy port does not hide another);
    // dropPending closes what prepare opened for `keys` (another worker could not bind them);
    // commit switches to `next` and closes the listeners it dropped; rollback closes what
    // prepare opened and keeps the old state.
    std::map<QString, QString> prepare(const std::shared_ptr<WorkerState> &next,
                                       const std::set<QString> &skip = {});
    void dropPending(const std::set<QString> &keys);
    void commit();
    void rollback();
    void shutdown();

    // The data path's view of the worker (worker thread).
    EventLoop &loop() { return *m_loop; }
    const EngineLimits &limits() const { return m_limits; }
    bool atConnectionLimit() const
    {
        return m_clientCount.load(std::memory_order_relaxed) >= m_limits.maxConnectionsPerWorker;
    }
    void noteRejectedConnection() { m_rejected.fetch_add(1, std::memory_order_relaxed); }
    std::shared_ptr<WorkerState> state() const { return m_state; }
    UpstreamPool &pool(int addressId);
    // An idle pooled connection to `ep`, or a new one.
    UpstreamConnection *acquireUpstream(const CompiledEndpoint &ep);
    // Always a new connection (retry after a stale pooled one).
    UpstreamConnection *connectUpstream(const CompiledEndpoint &ep);
    void addClient(ClientConnection *c);
    void removeClient(ClientConnection *c);
    void rearmListener(ListenSocket *l);
    void noteAcceptFailure() { ++m_acceptFailures; }
    void reportRefused(const std::shared_ptr<WorkerState> &state, int healthSlot);
    QByteArrayView peerText(const sockaddr_in &peer);

    void countRequestStart() {}
    void countRequestEnd(WorkerState *state,
                         int listener,
                         const CompiledMatch *match,
                         int service,
                         int endpoint,
                         int status,
                         uint64_t bytesIn,
                         uint64_t bytesOut,
                         int64_t durationUs);

    // Readable from any thread.
    uint64_t upstreamConnects() const { return m_upstreamConnects.load(std::memory_order_relaxed); }
    int clientCount() const { return m_clientCount.load(std::memory_order_relaxed); }
    // Idle connections in this worker's upstream pools (worker thread).
    int idleUpstreamConnections() const;
    // Connections closed at accept because of the connection limit.
    uint64_t rejectedConnections() const { return m_rejected.load(std::memory_order_relaxed); }

    // Request records of this worker (filled on the worker thread, taken by the collector).
    TelemetryBuffer &telemetry() { return m_telemetry; }

    static int64_t nowMs();
    static int64_t nowUs();
    static int64_t nowUnixSeconds();

private:
    void ensureLoop();
    void sweep();

    int m_index;
    const EngineLimits m_limits;
    std::unique_ptr<EventLoop> m_loop;
    QTimer *m_sweepTimer = nullptr;
    std::shared_ptr<WorkerState> m_state;
    std::shared_ptr<WorkerState> m_next;
    std::map<QString, std::unique_ptr<ListenSocket>> m_listeners;
    std::map<QString, std::unique_ptr<ListenSocket>> m_pending;
    std::vector<UpstreamPool> m_pools;
    ClientConnection *m_clients = nullptr;
    std::atomic<int> m_clientCount{0};
    std::atomic<uint64_t> m_upstreamConnects{0};
    std::atomic<uint64_t> m_rejected{0};
    uint64_t m_acceptFailures = 0;
    TelemetryBuffer m_telemetry;
    char m_peerBuf[16] = {};
};

} // namespace Gatehouse::Core
