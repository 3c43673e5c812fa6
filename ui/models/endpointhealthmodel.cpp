#include "endpointhealthmodel.h"

#include "requestrow.h"
#include "stringpool.h"

#include <QApplication>
#include <QColor>
#include <QDateTime>
#include <QStyle>

namespace Gatehouse::Ui {

using Core::HealthReason;
using Core::HealthState;

namespace {
// Internal ids: services are 1..S (row + 1), targets are encoded with the top bit set.
constexpr quintptr TargetBit = quintptr(1) << (sizeof(quintptr) * 8 - 1);

QColor stateColor(HealthState state)
{
    switch (state) {
    case HealthState::Healthy: return QColor(0x2e, 0x9e, 0x4f);
    case HealthState::Unhealthy: return QColor(0xd7, 0x1f, 0x1f);
    case HealthState::Disabled: return QColor(0x80, 0x80, 0x80);
    case HealthState::NotChecked: return QColor(0x5b, 0x8d, 0xd6);
    }
    return {};
}
} // namespace

QString healthStateText(HealthState state)
{
    switch (state) {
    case HealthState::NotChecked: return EndpointHealthModel::tr("not checked");
    case HealthState::Healthy: return EndpointHealthModel::tr("healthy");
    case HealthState::Unhealthy: return EndpointHealthModel::tr("unhealthy");
    case HealthState::Disabled: return EndpointHealthModel::tr("disabled by operator");
    }
    return {};
}

QString healthReasonText(HealthReason reason, int statusCode)
{
    switch (reason) {
    case HealthReason::None: return {};
    case HealthReason::Ok: return statusCode ? EndpointHealthModel::tr("OK (%1)").arg(statusCode) : EndpointHealthModel::tr("OK");
    case HealthReason::BadStatus: return EndpointHealthModel::tr("status %1 not accepted").arg(statusCode);
    case HealthReason::BodyMismatch: return EndpointHealthModel::tr("body mismatch");
    case HealthReason::HeaderMismatch: return EndpointHealthModel::tr("header mismatch");
    case HealthReason::Refused: return EndpointHealthModel::tr("connection refused");
    case HealthReason::Reset: return EndpointHealthModel::tr("connection reset");
    case HealthReason::Timeout: return EndpointHealthModel::tr("timeout");
    case HealthReason::ConnectError: return EndpointHealthModel::tr("cannot connect");
    case HealthReason::BadResponse: return EndpointHealthModel::tr("not an HTTP response");
    case HealthReason::CoolDown: return EndpointHealthModel::tr("back after FailTimeout");
    case HealthReason::Operator: return EndpointHealthModel::tr("operator");
    }
    return {};
}

EndpointHealthModel::EndpointHealthModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void EndpointHealthModel::setTable(std::shared_ptr<Core::HealthTable> table, std::vector<qint64> weights)
{
    beginResetModel();
    // Keep the history and counts of endpoints that survive a reload, as the engine keeps their
    // health.
    QHash<QString, std::pair<std::deque<Change>, quint64>> kept;
    for (auto it = m_targetByKey.cbegin(); it != m_targetByKey.cend(); ++it)
        kept.insert(it.key(), {m_history[size_t(it.value())], m_served[size_t(it.value())]});
    m_table = std::move(table);
    m_weights = std::move(weights);
    m_services.clear();
    m_serviceOfTarget.clear();
    m_snapshots.clear();
    m_history.clear();
    m_served.clear();
    m_targetByKey.clear();
    if (m_table) {
        m_snapshots = m_table->snapshot();
        const int n = int(m_snapshots.size());
        m_history.resize(size_t(n));
        m_served.resize(size_t(n));
        m_serviceOfTarget.resize(size_t(n));
        for (int t = 0; t < n; ++t) {
            const auto &s = m_snapshots.at(t);
            if (m_services.empty() || m_services.back().name != s.service)
                m_services.push_back({s.service, {}});
            m_services.back().targets.push_back(t);
            m_serviceOfTarget[size_t(t)] = int(m_services.size() - 1);
            const QString key = s.service + u'\n' + s.endpoint;
            m_targetByKey.insert(key, t);
            if (auto k = kept.constFind(key); k != kept.cend()) {
                m_history[size_t(t)] = k->first;
                m_served[size_t(t)] = k->second;
            }
        }
    }
    endResetModel();
}

void EndpointHealthModel::refresh()
{
    if (!m_table || m_snapshots.isEmpty())
        return;
    m_snapshots = m_table->snapshot();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto &h : m_history) {
        while (h.size() > 1 && h[1].atMs < now - HistoryMs)
            h.pop_front(); // keep one change before the window: the state it started in
    }
    // Probe results, latencies and counts change all the time: one signal per service block.
    for (size_t s = 0; s < m_services.size(); ++s) {
        const QModelIndex parentIndex = index(int(s), 0);
        emit dataChanged(index(0, 0, parentIndex), index(int(m_services[s].targets.size()) - 1, ColumnCount - 1, parentIndex));
    }
    emit dataChanged(index(0, 0), index(int(m_services.size()) - 1, ColumnCount - 1));
}

void EndpointHealthModel::addTransition(const Core::HealthTransition &t)
{
    const auto it = m_targetByKey.constFind(t.service + u'\n' + t.endpoint);
    if (it == m_targetByKey.cend())
        return;
    auto &h = m_history[size_t(it.value())];
    if (h.empty())
        h.push_back({t.atMs, t.from});
    h.push_back({t.atMs, t.to});
}

void EndpointHealthModel::addTraffic(const std::vector<RequestRow> &rows, const StringPool &pool)
{
    for (const RequestRow &r : rows) {
        if (!r.endpoint)
            continue;
        const auto it = m_targetByKey.constFind(pool.string(r.service) + u'\n' + pool.string(r.endpoint));
        if (it != m_targetByKey.cend())
            ++m_served[size_t(it.value())];
    }
}

void EndpointHealthModel::setDisabled(const QModelIndex &index, bool disabled)
{
    if (!m_table || !index.isValid() || !(index.internalId() & TargetBit))
        return;
    const int t = int(index.internalId() & ~TargetBit);
    m_table->setDisabled(m_snapshots.at(t).target, disabled);
    refresh();
}

int EndpointHealthModel::serviceOf(int target) const
{
    return m_serviceOfTarget[size_t(target)];
}

QModelIndex EndpointHealthModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_services.size()) ? createIndex(row, column, quintptr(row + 1)) : QModelIndex();
    if (parent.internalId() & TargetBit)
        return {};
    const ServiceGroup &g = m_services[size_t(parent.internalId() - 1)];
    if (row >= int(g.targets.size()))
        return {};
    return createIndex(row, column, TargetBit | quintptr(g.targets[size_t(row)]));
}

QModelIndex EndpointHealthModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !(child.internalId() & TargetBit))
        return {};
    const int s = serviceOf(int(child.internalId() & ~TargetBit));
    return createIndex(s, 0, quintptr(s + 1));
}

int EndpointHealthModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_services.size());
    if (parent.column() != 0 || (parent.internalId() & TargetBit))
        return 0;
    return int(m_services[size_t(parent.internalId() - 1)].targets.size());
}

int EndpointHealthModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant EndpointHealthModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() & TargetBit)
        return targetData(int(index.internalId() & ~TargetBit), index.column(), role);
    return serviceData(m_services[size_t(index.internalId() - 1)], index.column(), role);
}

QVariant EndpointHealthModel::serviceData(const ServiceGroup &g, int column, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (column == NameColumn)
        return g.name;
    if (column == StateColumn) {
        int usable = 0;
        for (int t : g.targets) {
            const HealthState s = m_snapshots.at(t).state;
            usable += (s == HealthState::Healthy || s == HealthState::NotChecked) ? 1 : 0;
        }
        return tr("%1 of %2 usable").arg(usable).arg(g.targets.size());
    }
    return {};
}

QVariant EndpointHealthModel::targetData(int t, int column, int role) const
{
    const Core::HealthTargetSnapshot &s = m_snapshots.at(t);
    if (role == StateRole)
        return int(s.state);
    if (role == TargetRole)
        return s.target;
    if (role == HistoryRole && column == HistoryColumn) {
        QVariantList list;
        for (const Change &c : m_history[size_t(t)])
            list << QVariant::fromValue(QPointF(double(c.atMs), double(int(c.state))));
        return list;
    }
    if (role == Qt::DecorationRole && column == StateColumn)
        return stateColor(s.state);
    if (role == Qt::ForegroundRole && column == StateColumn)
        return stateColor(s.state);
    if (role == Qt::ToolTipRole && column == LastProbeColumn && s.lastProbeAtMs)
        return tr("Last probe at %1").arg(QDateTime::fromMSecsSinceEpoch(s.lastProbeAtMs).toString(QStringLiteral("HH:mm:ss")));
    if (role != Qt::DisplayRole)
        return {};
    const ServiceGroup &g = m_services[size_t(serviceOf(t))];
    switch (column) {
    case NameColumn:
        return s.endpoint;
    case StateColumn:
        return healthStateText(s.state);
    case LastProbeColumn:
        if (!s.activeProbes && s.lastReason == HealthReason::None)
            return tr("no active check");
        return healthReasonText(s.lastReason, s.lastStatusCode);
    case LatencyColumn:
        return s.lastLatencyUs >= 0 ? tr("%1 ms").arg(s.lastLatencyUs / 1000.0, 0, 'f', 1) : QString();
    case FailuresColumn:
        return s.maxFails > 0 ? QStringLiteral("%1/%2").arg(s.consecutiveFailures).arg(s.maxFails)
                              : QString::number(s.consecutiveFailures);
    case WeightColumn: {
        qint64 total = 0;
        for (int other : g.targets)
            total += qMax<qint64>(0, m_weights.size() > size_t(m_snapshots.at(other).target) ? m_weights[size_t(m_snapshots.at(other).target)] : 0);
        const qint64 w = m_weights.size() > size_t(s.target) ? m_weights[size_t(s.target)] : 0;
        if (w == 0)
            return tr("0 (backup)");
        return total ? tr("%1 (%2%)").arg(w).arg(100.0 * double(w) / double(total), 0, 'f', 0) : QString::number(w);
    }
    case ShareColumn: {
        quint64 total = 0;
        for (int other : g.targets)
            total += m_served[size_t(other)];
        if (!total)
            return QStringLiteral("-");
        return tr("%1% (%2)").arg(100.0 * double(m_served[size_t(t)]) / double(total), 0, 'f', 0).arg(m_served[size_t(t)]);
    }
    }
    return {};
}

QVariant EndpointHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Service / endpoint");
    case StateColumn: return tr("State");
    case LastProbeColumn: return tr("Last probe");
    case LatencyColumn: return tr("Latency");
    case FailuresColumn: return tr("Failures");
    case WeightColumn: return tr("Weight");
    case ShareColumn: return tr("Served");
    case HistoryColumn: return tr("Last 5 minutes");
    }
    return {};
}

} // namespace Gatehouse::Ui
