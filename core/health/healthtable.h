#pragma once

#include <QByteArray>
#include <QList>
#include <QLoggingCategory>
#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Gatehouse::Core {

Q_DECLARE_LOGGING_CATEGORY(lcHealth)

enum class HealthState : quint8 {
    NotChecked, // no evidence yet; usable (FGW starts every target alive)
    Healthy,
    Unhealthy,
    Disabled, // taken out by the operator; only ever reported, never stored as the health state
};

// Why a probe or a passive observation came out the way it did.
enum class HealthReason : quint8 {
    None,
    Ok,
    BadStatus,      // HTTP probe: status code not in Matches
    BodyMismatch,   // HTTP probe: body substring missing
    HeaderMismatch, // HTTP probe: header missing or different
    Refused,        // connection refused (probe or real traffic)
    Reset,          // connection reset / closed before a complete response
    Timeout,        // no (complete) answer within the probe timeout
    ConnectError,   // host unreachable, DNS failure, other socket errors
    BadResponse,    // not parseable as HTTP/1.x
    CoolDown,       // passive-only target revived after FailTimeout
    Operator,       // enabled or disabled by the operator
};

QString healthStateName(HealthState state);
QString healthReasonName(HealthReason reason);

// One status/body/header rule set of a HealthCheck (`Matches[i]`); every non-empty part must
// hold. The legacy form (`{Type: "status"|"body"|"headers", Value, Name}`) maps onto the same
// fields.
struct HealthMatch
{
    QList<int> statusCodes;                           // empty: any status
    QByteArray body;                                  // empty: no body rule
    QList<std::pair<QByteArray, QByteArray>> headers; // name (any case) -> exact value
};

// A service's HealthCheck in plain values (independent of the config model's layout).
struct HealthCheckSpec
{
    qint64 intervalMs = 0;      // active probe period; 0: passive only
    int maxFails = 0;           // consecutive failures that mark a target unhealthy
    qint64 failTimeoutMs = 0;   // passive-only cool-down (ignored when intervalMs > 0)
    QByteArray path;            // HTTP probe path (`Path` or legacy `Uri`); empty: TCP probe
    QList<HealthMatch> matches; // empty: status 200

    // FGW's rule (reference §1.7.2): checking is on only with MaxFails > 0 and an Interval or
    // a FailTimeout.
    bool enabled() const { return maxFails > 0 && (intervalMs > 0 || failTimeoutMs > 0); }
};

struct ProbeResult
{
    HealthReason reason = HealthReason::None; // Ok on success
    int statusCode = 0;                       // HTTP probes that got a status line
    qint64 latencyUs = -1;                    // connect (TCP) or request-to-response (HTTP)
    bool ok() const { return reason == HealthReason::Ok; }
};

struct HealthTransition
{
    int target = -1;
    QString service;
    QString endpoint;
    HealthState from = HealthState::NotChecked;
    HealthState to = HealthState::NotChecked;
    HealthReason reason = HealthReason::None;
    int statusCode = 0;
    int failures = 0; // consecutive failures when it happened
    int maxFails = 0;
    qint64 atMs = 0; // ms since the Unix epoch

    // "backendService1 127.0.0.1:8082 healthy -> unhealthy (refused, 2/2 failures)"
    QString logLine() const;
};

struct HealthTargetSnapshot
{
    int target = -1;
    QString service;
    QString endpoint;
    HealthState state = HealthState::NotChecked;  // Disabled when the operator disabled it
    HealthState health = HealthState::NotChecked; // what the checks say, even when disabled
    HealthReason lastReason = HealthReason::None;
    int lastStatusCode = 0;
    qint64 lastLatencyUs = -1;
    qint64 lastProbeAtMs = 0; // 0: never probed
    int consecutiveFailures = 0;
    int maxFails = 0;
    qint64 lastChangeAtMs = 0;
    bool activeProbes = false;
};

// The health of every (service, endpoint) target of one compiled config.
//
// Built once on one thread (addService), then shared (std::shared_ptr) by the worker threads,
// the health thread and the UI. Targets have dense indices; the endpoints of one service are
// consecutive, so a balancer holds (table, firstTarget) and reads `isUsable(first + i)`.
//
// Threads: isUsable()/state() are lock-free (one atomic byte per target) and cheap enough for
// every pick. Everything that changes state (reports, probes, operator actions, carryOver)
// takes m_mutex, which is never taken on the pick path. Transitions are logged (one line,
// category gatehouse.health, info) and passed to the observer on the thread that caused them,
// after m_mutex is released.
class HealthTable
{
public:
    using Observer = std::function<void(const HealthTransition &)>;

    struct Target
    {
        QString service;
        QString endpoint; // the config key, "host:port"
        QString host;     // parsed from the key (brackets of IPv6 literals removed)
        quint16 port = 0;
        const HealthCheckSpec *spec = nullptr; // owned by the table, shared per service
    };

    HealthTable() = default;
    HealthTable(const HealthTable &) = delete;
    HealthTable &operator=(const HealthTable &) = delete;

    // Build phase only (before the table is shared). Adds one target per endpoint key, in
    // order, and returns the index of the first (endpoint i of the service is first + i).
    // Keys without a parseable port get port 0 and are reported unhealthy by probes.
    int addService(const QString &service, const QStringList &endpointKeys, HealthCheckSpec spec);

    int targetCount() const { return int(m_targets.size()); }
    const Target &target(int index) const { return m_targets[size_t(index)]; }
    int indexOf(QStringView service, QStringView endpoint) const; // -1 if absent; O(n)

    // Any thread, lock-free. Usable = not disabled and not unhealthy.
    bool isUsable(int index) const noexcept
    {
        const quint8 v = m_flags[size_t(index)].load(std::memory_order_acquire);
        return (v & DisabledBit) == 0 && (v & StateMask) != quint8(HealthState::Unhealthy);
    }
    HealthState state(int index) const noexcept;

    // Any thread. A real request's upstream connection to this target was refused or reset.
    // Counts as one failure; MaxFails consecutive failures mark the target unhealthy, but only
    // when the service's HealthCheck is enabled() (as in FGW, a service without one never
    // marks endpoints down). Cost: one uncontended mutex; rare (connection failures only).
    void reportPassiveFailure(int index, HealthReason reason);
    // Health thread. The outcome of an active probe: success resets the failure count and
    // revives an unhealthy target; failure counts as above.
    void reportProbe(int index, const ProbeResult &result);
    // Health thread. Passive-only cool-down: FailTimeout elapsed since the target went down.
    void reviveAfterCoolDown(int index);
    // Any thread. Operator switch; a disabled target keeps being checked.
    void setDisabled(int index, bool disabled);

    // Build phase. Copies state, failure counts and last results of every target whose
    // (service, endpoint) also exists in `previous`, so a reload does not revive dead endpoints.
    void carryOver(const HealthTable &previous);

    QList<HealthTargetSnapshot> snapshot() const;
    HealthTargetSnapshot snapshot(int index) const;
    // ms since the epoch at which the target last became unhealthy (0 if it is not).
    qint64 unhealthySinceMs(int index) const;

    // Any thread; the observer is called on the reporting thread, never under the table lock.
    void setObserver(Observer observer);

    // Replaceable "now" (ms since the Unix epoch) for tests.
    using Clock = qint64 (*)();
    void setClock(Clock now) { m_clock = now; }

private:
    static constexpr quint8 StateMask = 0x03;
    static constexpr quint8 DisabledBit = 0x80;

    struct Detail
    {
        int failures = 0;
        HealthReason lastReason = HealthReason::None;
        int lastStatusCode = 0;
        qint64 lastLatencyUs = -1;
        qint64 lastProbeAtMs = 0;
        qint64 lastChangeAtMs = 0;
    };

    void setStateLocked(int index, HealthState to);
    HealthState stateLocked(int index) const;
    std::optional<HealthTransition> failLocked(int index, HealthReason reason, int status);
    HealthTransition makeTransition(
        int index, HealthState from, HealthState to, HealthReason reason, int status) const;
    void publish(const std::optional<HealthTransition> &transition);
    HealthTargetSnapshot snapshotLocked(int index) const;

    std::vector<Target> m_targets;
    std::vector<std::unique_ptr<HealthCheckSpec>> m_specs;
    std::unique_ptr<std::atomic<quint8>[]> m_flags; // state | DisabledBit, per target
    size_t m_flagsCapacity = 0;
    mutable QMutex m_mutex; // guards m_details, m_observer and every write of m_flags
    std::vector<Detail> m_details;
    Observer m_observer;
    Clock m_clock = nullptr;
};

} // namespace Gatehouse::Core
