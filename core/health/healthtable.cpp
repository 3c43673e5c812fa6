#include "healthtable.h"

#include <QDateTime>
#include <QMutexLocker>

namespace Gatehouse::Core {

Q_LOGGING_CATEGORY(lcHealth, "gatehouse.health", QtInfoMsg)

namespace {

// "host:port", "[v6]:port"; the port is what follows the last ':' outside brackets.
void splitEndpointKey(const QString &key, QString &host, quint16 &port)
{
    host = key;
    port = 0;
    const qsizetype colon = key.lastIndexOf(u':');
    if (colon <= 0 || key.indexOf(u']', colon) >= 0)
        return;
    if (key.indexOf(u':') != colon && !key.startsWith(u'['))
        return; // a bare IPv6 literal without brackets has no unambiguous port
    bool ok = false;
    const uint p = QStringView(key).mid(colon + 1).toUInt(&ok);
    if (!ok || p == 0 || p > 65535)
        return;
    port = quint16(p);
    host = key.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
}

} // namespace

QString healthStateName(HealthState state)
{
    switch (state) {
    case HealthState::NotChecked:
        return QStringLiteral("not checked");
    case HealthState::Healthy:
        return QStringLiteral("healthy");
    case HealthState::Unhealthy:
        return QStringLiteral("unhealthy");
    case HealthState::Disabled:
        return QStringLiteral("disabled");
    }
    return {};
}

QString healthReasonName(HealthReason reason)
{
    switch (reason) {
    case HealthReason::None:
        return QStringLiteral("none");
    case HealthReason::Ok:
        return QStringLiteral("ok");
    case HealthReason::BadStatus:
        return QStringLiteral("status");
    case HealthReason::BodyMismatch:
        return QStringLiteral("body mismatch");
    case HealthReason::HeaderMismatch:
        return QStringLiteral("header mismatch");
    case HealthReason::Refused:
        return QStringLiteral("refused");
    case HealthReason::Reset:
        return QStringLiteral("reset");
    case HealthReason::Timeout:
        return QStringLiteral("timeout");
    case HealthReason::ConnectError:
        return QStringLiteral("connect error");
    case HealthReason::BadResponse:
        return QStringLiteral("bad response");
    case HealthReason::CoolDown:
        return QStringLiteral("fail timeout elapsed");
    case HealthReason::Operator:
        return QStringLiteral("operator");
    }
    return {};
}

QString HealthTransition::logLine() const
{
    QString why = healthReasonName(reason);
    if (reason == HealthReason::BadStatus || (reason == HealthReason::Ok && statusCode > 0))
        why += u' ' + QString::number(statusCode);
    if (to == HealthState::Unhealthy)
        why += QStringLiteral(", %1/%2 failures").arg(failures).arg(maxFails);
    return QStringLiteral("%1 %2 %3 -> %4 (%5)")
        .arg(service, endpoint, healthStateName(from), healthStateName(to), why);
}

int HealthTable::addService(const QString &service,
                            const QStringList &endpointKeys,
                            HealthCheckSpec spec)
{
    const int first = targetCount();
    m_specs.push_back(std::make_unique<HealthCheckSpec>(std::move(spec)));
    const HealthCheckSpec *shared = m_specs.back().get();
    for (const QString &key : endpointKeys) {
        Target t;
        t.service = service;
        t.endpoint = key;
        splitEndpointKey(key, t.host, t.port);
        t.spec = shared;
        m_targets.push_back(std::move(t));
        m_details.emplace_back();
    }
    if (m_targets.size() > m_flagsCapacity) {
        const size_t capacity = qMax(m_targets.size(), m_flagsCapacity * 2);
        auto flags = std::make_unique<std::atomic<quint8>[]>(capacity);
        for (size_t i = 0; i < capacity; ++i)
            flags[i].store(i < m_flagsCapacity ? m_flags[i].load() : quint8(0));
        m_flags = std::move(flags);
        m_flagsCapacity = capacity;
    }
    return first;
}

int HealthTable::indexOf(QStringView service, QStringView endpoint) const
{
    for (size_t i = 0; i < m_targets.size(); ++i) {
        if (m_targets[i].service == service && m_targets[i].endpoint == endpoint)
            return int(i);
    }
    return -1;
}

HealthState HealthTable::state(int index) const noexcept
{
    const quint8 v = m_flags[size_t(index)].load(std::memory_order_acquire);
    return (v & DisabledBit) ? HealthState::Disabled : HealthState(v & StateMask);
}

HealthState HealthTable::stateLocked(int index) const
{
    return HealthState(m_flags[size_t(index)].load(std::memory_order_relaxed) & StateMask);
}

void HealthTable::setStateLocked(int index, HealthState to)
{
    std::atomic<quint8> &f = m_flags[size_t(index)];
    f.store(quint8((f.load(std::memory_order_relaxed) & ~StateMask) | quint8(to)),
            std::memory_order_release);
    m_details[size_t(index)].lastChangeAtMs
        = m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

HealthTransition HealthTable::makeTransition(
    int index, HealthState from, HealthState to, HealthReason reason, int status) const
{
    const Target &t = m_targets[size_t(index)];
    HealthTransition tr;
    tr.target = index;
    tr.service = t.service;
    tr.endpoint = t.endpoint;
    tr.from = from;
    tr.to = to;
    tr.reason = reason;
    tr.statusCode = status;
    tr.failures = m_details[size_t(index)].failures;
    tr.maxFails = t.spec->maxFails;
    tr.atMs = m_details[size_t(index)].lastChangeAtMs;
    return tr;
}

std::optional<HealthTransition> HealthTable::failLocked(int index, HealthReason reason, int status)
{
    Detail &d = m_details[size_t(index)];
    ++d.failures;
    const HealthState from = stateLocked(index);
    // MaxFails counts consecutive failures (FGW counts since the last recovery). A service
    // without a qualifying HealthCheck has no unhealthy set in FGW: failures are only counted.
    const HealthCheckSpec &spec = *m_targets[size_t(index)].spec;
    if (spec.enabled() && from != HealthState::Unhealthy && d.failures >= spec.maxFails) {
        setStateLocked(index, HealthState::Unhealthy);
        return makeTransition(index, from, HealthState::Unhealthy, reason, status);
    }
    return std::nullopt;
}

void HealthTable::publish(const std::optional<HealthTransition> &transition)
{
    if (!transition)
        return;
    qCInfo(lcHealth).noquote() << transition->logLine();
    Observer observer;
    {
        QMutexLocker lock(&m_mutex);
        observer = m_observer;
    }
    if (observer)
        observer(*transition);
}

void HealthTable::reportPassiveFailure(int index, HealthReason reason)
{
    if (index < 0 || index >= targetCount())
        return;
    std::optional<HealthTransition> tr;
    {
        QMutexLocker lock(&m_mutex);
        m_details[size_t(index)].lastReason = reason;
        tr = failLocked(index, reason, 0);
    }
    publish(tr);
}

void HealthTable::reportProbe(int index, const ProbeResult &result)
{
    if (index < 0 || index >= targetCount())
        return;
    std::optional<HealthTransition> tr;
    {
        QMutexLocker lock(&m_mutex);
        Detail &d = m_details[size_t(index)];
        d.lastReason = result.reason;
        d.lastStatusCode = result.statusCode;
        d.lastLatencyUs = result.latencyUs;
        d.lastProbeAtMs = m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
        if (result.ok()) {
            d.failures = 0;
            const HealthState from = stateLocked(index);
            if (from != HealthState::Healthy) {
                setStateLocked(index, HealthState::Healthy);
                tr = makeTransition(index, from, HealthState::Healthy, result.reason,
                                    result.statusCode);
            }
        } else {
            tr = failLocked(index, result.reason, result.statusCode);
        }
    }
    publish(tr);
}

void HealthTable::reviveAfterCoolDown(int index)
{
    if (index < 0 || index >= targetCount())
        return;
    std::optional<HealthTransition> tr;
    {
        QMutexLocker lock(&m_mutex);
        if (stateLocked(index) != HealthState::Unhealthy)
            return;
        m_details[size_t(index)].failures = 0;
        setStateLocked(index, HealthState::Healthy);
        tr = makeTransition(index, HealthState::Unhealthy, HealthState::Healthy,
                            HealthReason::CoolDown, 0);
    }
    publish(tr);
}

void HealthTable::setDisabled(int index, bool disabled)
{
    if (index < 0 || index >= targetCount())
        return;
    std::optional<HealthTransition> tr;
    {
        QMutexLocker lock(&m_mutex);
        std::atomic<quint8> &f = m_flags[size_t(index)];
        const quint8 old = f.load(std::memory_order_relaxed);
        if (bool(old & DisabledBit) == disabled)
            return;
        f.store(disabled ? quint8(old | DisabledBit) : quint8(old & ~DisabledBit),
                std::memory_order_release);
        const HealthState health = HealthState(old & StateMask);
        m_details[size_t(index)].lastChangeAtMs
            = m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
        tr = disabled
                 ? makeTransition(index, health, HealthState::Disabled, HealthReason::Operator, 0)
                 : makeTransition(index, HealthState::Disabled, health, HealthReason::Operator, 0);
    }
    publish(tr);
}

void HealthTable::carryOver(const HealthTable &previous)
{
    if (&previous == this)
        return;
    QMutexLocker prevLock(&previous.m_mutex);
    QMutexLocker lock(&m_mutex);
    for (size_t i = 0; i < m_targets.size(); ++i) {
        const int j = previous.indexOf(m_targets[i].service, m_targets[i].endpoint);
        if (j < 0)
            continue;
        m_flags[i].store(previous.m_flags[size_t(j)].load(std::memory_order_acquire),
                         std::memory_order_release);
        m_details[i] = previous.m_details[size_t(j)];
    }
}

HealthTargetSnapshot HealthTable::snapshotLocked(int index) const
{
    const Target &t = m_targets[size_t(index)];
    const Detail &d = m_details[size_t(index)];
    HealthTargetSnapshot s;
    s.target = index;
    s.service = t.service;
    s.endpoint = t.endpoint;
    s.state = state(index);
    s.health = stateLocked(index);
    s.lastReason = d.lastReason;
    s.lastStatusCode = d.lastStatusCode;
    s.lastLatencyUs = d.lastLatencyUs;
    s.lastProbeAtMs = d.lastProbeAtMs;
    s.consecutiveFailures = d.failures;
    s.maxFails = t.spec->maxFails;
    s.lastChangeAtMs = d.lastChangeAtMs;
    s.activeProbes = t.spec->intervalMs > 0;
    return s;
}

QList<HealthTargetSnapshot> HealthTable::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    QList<HealthTargetSnapshot> out;
    out.reserve(targetCount());
    for (int i = 0; i < targetCount(); ++i)
        out.append(snapshotLocked(i));
    return out;
}

HealthTargetSnapshot HealthTable::snapshot(int index) const
{
    if (index < 0 || index >= targetCount())
        return {};
    QMutexLocker lock(&m_mutex);
    return snapshotLocked(index);
}

qint64 HealthTable::unhealthySinceMs(int index) const
{
    if (index < 0 || index >= targetCount())
        return 0;
    QMutexLocker lock(&m_mutex);
    return stateLocked(index) == HealthState::Unhealthy ? m_details[size_t(index)].lastChangeAtMs
                                                        : 0;
}

void HealthTable::setObserver(Observer observer)
{
    QMutexLocker lock(&m_mutex);
    m_observer = std::move(observer);
}

} // namespace Gatehouse::Core
