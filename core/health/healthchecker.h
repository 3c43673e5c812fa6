#pragma once

#include "healthtable.h"

#include <QObject>

#include <memory>
#include <vector>

namespace Gatehouse::Core {

// Runs the active health checks of one HealthTable and turns its state changes into signals.
//
// Thread: lives on the health thread (a QThread of its own: create it there or moveToThread
// before setTable). setTable() and everything else is called on that thread; other threads use
// QMetaObject::invokeMethod(checker, ..., Qt::QueuedConnection). Signals are emitted on the
// health thread.
//
// Per target with an Interval (reference §2.6, with Gatehouse's differences):
// - every Interval a probe: HTTP `GET <Path>` with `Host: <endpoint key>` when the service has
//   a Path (or legacy Uri), judged by Matches (default: status 200); else a TCP connect.
//   The first probe runs at once (FGW waits one Interval).
// - a probe has a timeout: the Interval. A probe still running when the next one is due fails
//   with `timeout` (FGW has none: a silent upstream holds a probe for 60 s, a SYN for minutes).
// - HTTP probes reuse one keep-alive connection per target (FGW opens a new client per probe
//   and leaves the idle connection behind). If a reused connection turns out closed before any
//   response byte, the probe retries once on a fresh connection, so an upstream's idle
//   timeout never counts as a failure.
// - MaxFails counts consecutive failures (HealthTable), a success revives.
// Targets without an Interval are passive only: real traffic reports refused/reset
// connections, and FailTimeout after going down the target is revived (cool-down).
class HealthChecker : public QObject
{
    Q_OBJECT

public:
    explicit HealthChecker(QObject *parent = nullptr);
    ~HealthChecker() override;

    // Starts checking `table` (null: stop). Stops the probes of the previous table, closes its
    // connections and detaches from it. Carry state over (HealthTable::carryOver) before.
    void setTable(std::shared_ptr<HealthTable> table);
    const std::shared_ptr<HealthTable> &table() const { return m_table; }

    // Number of open probe connections (tests: keep-alive reuse leaves at most one per target).
    int openConnections() const;

signals:
    // One per state change of the current table, whichever thread caused it.
    void transition(const Gatehouse::Core::HealthTransition &transition);
    // Every finished probe, for metrics and tests (queued: arrives after the table has it).
    void probeFinished(int target, const Gatehouse::Core::ProbeResult &result);

private:
    struct Prober;
    struct Relay;

    void startProbe(Prober &p);
    void sendRequest(Prober &p);
    void onConnected(Prober &p);
    void onReadyRead(Prober &p);
    void onSocketError(Prober &p);
    void finish(Prober &p, ProbeResult result, bool keepConnection);
    void closeSocket(Prober &p);
    ProbeResult judge(const Prober &p) const;
    void onTransition(const HealthTransition &t);

    std::shared_ptr<HealthTable> m_table;
    std::vector<std::unique_ptr<Prober>> m_probers; // by target index; null when passive-only
    std::shared_ptr<Relay> m_relay;
};

} // namespace Gatehouse::Core
