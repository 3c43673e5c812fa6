#include "worker.h"

#include "clientconnection.h"
#include "compiledconfig.h"
#include "listensocket.h"
#include "upstreamconnection.h"
#include "workerstate.h"

#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <ctime>

namespace Gatehouse::Core {

Worker::Worker(int index, const EngineLimits &limits, QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_limits(limits)
{}

Worker::~Worker()
{
    shutdown();
}

int64_t Worker::nowMs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

int64_t Worker::nowUs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

int64_t Worker::nowUnixSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    return int64_t(ts.tv_sec);
}

void Worker::ensureLoop()
{
    if (m_loop)
        return;
    // Created lazily on the worker thread, so the notifier and timer belong to it.
    m_loop = std::make_unique<EventLoop>();
    m_sweepTimer = new QTimer(this);
    // Once a second, or more often when a limit is short (tests set limits of a second).
    const int shortest = std::min({m_limits.requestHeadTimeoutMs, m_limits.upstreamConnectTimeoutMs,
                                   m_limits.upstreamResponseTimeoutMs});
    m_sweepTimer->setInterval(std::clamp(shortest / 4, 100, 1000));
    connect(m_sweepTimer, &QTimer::timeout, this, &Worker::sweep);
    m_sweepTimer->start();
}

std::map<QString, QString> Worker::prepare(const std::shared_ptr<WorkerState> &next,
                                           const std::set<QString> &skip)
{
    ensureLoop();
    m_next = next;
    std::map<QString, QString> failures;
    for (const CompiledListener &l : next->config().listeners) {
        if (!l.supported)
            continue;
        const QString key = l.bindKey();
        if (skip.count(key) || m_listeners.count(key) || m_pending.count(key)
            || failures.count(key))
            continue;
        auto socket = std::make_unique<ListenSocket>(this, key, l.bindId);
        const QString error = socket->open(l.bindAddress.toIPv4Address(), quint16(l.bindPort));
        if (!error.isEmpty()) {
            failures.emplace(key, error);
            continue;
        }
        m_pending.emplace(key, std::move(socket));
    }
    return failures;
}

void Worker::dropPending(const std::set<QString> &keys)
{
    for (const QString &key : keys) {
        auto it = m_pending.find(key);
        if (it == m_pending.end())
            continue;
        it->second->close();
        m_pending.erase(it);
    }
}

void Worker::commit()
{
    if (!m_next)
        return;
    m_state = std::move(m_next);
    std::map<QString, bool> wanted;
    for (const CompiledListener &l : m_state->config().listeners) {
        if (l.supported)
            wanted[l.bindKey()] = true;
    }
    for (auto it = m_listeners.begin(); it != m_listeners.end();) {
        if (!wanted.count(it->first)) {
            it->second->close();
            it = m_listeners.erase(it);
        } else {
            ++it;
        }
    }
    for (auto &[key, socket] : m_pending)
        m_listeners.emplace(key, std::move(socket));
    m_pending.clear();
}

void Worker::rollback()
{
    for (auto &[key, socket] : m_pending)
        socket->close();
    m_pending.clear();
    m_next.reset();
}

void Worker::shutdown()
{
    rollback();
    for (auto &[key, socket] : m_listeners)
        socket->close();
    m_listeners.clear();
    while (m_clients)
        m_clients->close();
    for (UpstreamPool &p : m_pools)
        p.closeAll();
    if (m_loop)
        m_loop->destroyRetired();
    m_state.reset();
}

UpstreamPool &Worker::pool(int addressId)
{
    if (size_t(addressId) >= m_pools.size())
        m_pools.resize(size_t(addressId) + 1);
    return m_pools[size_t(addressId)];
}

UpstreamConnection *Worker::acquireUpstream(const CompiledEndpoint &ep)
{
    if (UpstreamConnection *c = pool(ep.addressId).take())
        return c;
    return connectUpstream(ep);
}

UpstreamConnection *Worker::connectUpstream(const CompiledEndpoint &ep)
{
    auto *c = new UpstreamConnection(this, ep.addressId);
    if (!c->connectTo(ep.address)) {
        c->close();
        return nullptr;
    }
    m_upstreamConnects.fetch_add(1, std::memory_order_relaxed);
    return c;
}

int Worker::idleUpstreamConnections() const
{
    size_t n = 0;
    for (const UpstreamPool &p : m_pools)
        n += p.size();
    return int(n);
}

void Worker::addClient(ClientConnection *c)
{
    c->next = m_clients;
    if (m_clients)
        m_clients->prev = c;
    m_clients = c;
    m_clientCount.fetch_add(1, std::memory_order_relaxed);
}

void Worker::removeClient(ClientConnection *c)
{
    if (c->prev)
        c->prev->next = c->next;
    else if (m_clients == c)
        m_clients = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->prev = c->next = nullptr;
    m_clientCount.fetch_sub(1, std::memory_order_relaxed);
}

void Worker::rearmListener(ListenSocket *l)
{
    QMetaObject::invokeMethod(
        this,
        [this, l] {
            for (auto &[key, socket] : m_listeners) {
                if (socket.get() == l)
                    l->onIoEvent(0);
            }
        },
        Qt::QueuedConnection);
}

void Worker::reportRefused(const std::shared_ptr<WorkerState> &state, int healthSlot)
{
    // The table logs the transition and tells its observer (the controller) on this thread.
    if (state && healthSlot >= 0)
        state->config().health->reportPassiveFailure(healthSlot, HealthReason::Refused);
}

QByteArrayView Worker::peerText(const sockaddr_in &peer)
{
    // Dotted quad by hand: glibc's inet_ntop formats IPv4 with sprintf, which cost ~1,500
    // instructions per proxied request (11% of the keep-alive path in callgrind).
    const uint32_t a = ntohl(peer.sin_addr.s_addr);
    char *p = m_peerBuf;
    for (int shift = 24; shift >= 0; shift -= 8) {
        const unsigned v = (a >> shift) & 0xff;
        if (v >= 100)
            *p++ = char('0' + v / 100);
        if (v >= 10)
            *p++ = char('0' + v / 10 % 10);
        *p++ = char('0' + v % 10);
        if (shift)
            *p++ = '.';
    }
    return QByteArrayView(m_peerBuf, p - m_peerBuf);
}

void Worker::countRequestEnd(WorkerState *state,
                             int listener,
                             const CompiledMatch *match,
                             int service,
                             int endpoint,
                             int status,
                             uint64_t bytesIn,
                             uint64_t bytesOut,
                             int64_t durationUs)
{
    if (!state)
        return;
    const auto relaxed = std::memory_order_relaxed;
    const int cls = status >= 100 && status < 600 ? status / 100 : 0;
    state->statusClass[cls].fetch_add(1, relaxed);
    auto count = [&](WorkerState::Counters &c) {
        c.requests.fetch_add(1, relaxed);
        if (status >= 500)
            c.errors.fetch_add(1, relaxed);
        c.bytesIn.fetch_add(bytesIn, relaxed);
        c.bytesOut.fetch_add(bytesOut, relaxed);
        int bucket = 0;
        while (bucket < 11 && durationUs > WorkerState::LatencyBoundsUs[bucket])
            ++bucket;
        c.latency[bucket].fetch_add(1, relaxed);
        c.latencySumUs.fetch_add(uint64_t(std::max<int64_t>(0, durationUs)), relaxed);
    };
    if (listener >= 0)
        count(state->listenerCounters[size_t(listener)]);
    if (match)
        count(state->routeCounters[size_t(match->routeId)]);
    if (service >= 0) {
        count(state->serviceCounters[size_t(service)]);
        if (endpoint >= 0) {
            const int slot
                = state->config().services[size_t(service)].endpoints[size_t(endpoint)].healthSlot;
            if (slot >= 0)
                count(state->endpointCounters[size_t(slot)]);
        }
    }
}

void Worker::sweep()
{
    const int64_t now = nowMs();
    const int idle = m_state ? m_state->config().idleTimeoutMs : 60000;
    for (ClientConnection *c = m_clients; c;) {
        ClientConnection *next = c->next;
        c->checkTimeouts(now, idle);
        c = next;
    }
    for (UpstreamPool &p : m_pools)
        p.closeIdleSince(now - idle);
    IoBuffer::trimPool();
}

} // namespace Gatehouse::Core
