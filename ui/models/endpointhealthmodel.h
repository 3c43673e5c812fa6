#pragma once

#include "health/healthtable.h"

#include <QAbstractItemModel>
#include <QHash>

#include <deque>
#include <memory>
#include <vector>

namespace Gatehouse::Ui {

struct RequestRow;
class StringPool;

// Endpoint health, per service: state, the last probe's result and reason, probe latency,
// consecutive failures against MaxFails, configured weight against the share of requests each
// endpoint actually served, and the recent state changes. Reads the engine's HealthTable
// (lock-free, shared with the workers) on refresh(); the view refreshes it twice a second,
// within one probe interval of any change. GUI thread.
class EndpointHealthModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StateColumn,
        LastProbeColumn,
        LatencyColumn,
        FailuresColumn,
        WeightColumn,
        ShareColumn,
        HistoryColumn,
        ColumnCount
    };
    enum Role { StateRole = Qt::UserRole + 1, HistoryRole, TargetRole };

    // A state change, for the history strip.
    struct Change
    {
        qint64 atMs = 0;
        Core::HealthState state = Core::HealthState::NotChecked;
    };

    explicit EndpointHealthModel(QObject *parent = nullptr);

    // The table of the running config; `weights[target]` is each endpoint's configured weight.
    // A null table (engine stopped) empties the model.
    void setTable(std::shared_ptr<Core::HealthTable> table, std::vector<qint64> weights);
    // Re-reads every target's snapshot; one dataChanged for what changed.
    void refresh();
    void addTransition(const Core::HealthTransition &transition);
    // Counts served requests per endpoint (for the share column).
    void addTraffic(const std::vector<RequestRow> &rows, const StringPool &pool);
    // Operator action: take an endpoint out of (or back into) rotation in the running engine.
    void setDisabled(const QModelIndex &index, bool disabled);
    Core::HealthTable *table() const { return m_table.get(); }
    // The history window the strip shows.
    static constexpr qint64 HistoryMs = 5 * 60 * 1000;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct ServiceGroup
    {
        QString name;
        std::vector<int> targets; // indices into m_snapshots
    };
    QVariant serviceData(const ServiceGroup &group, int column, int role) const;
    QVariant targetData(int target, int column, int role) const;
    int serviceOf(int target) const;

    std::shared_ptr<Core::HealthTable> m_table;
    std::vector<qint64> m_weights;
    std::vector<ServiceGroup> m_services;
    std::vector<int> m_serviceOfTarget;
    QList<Core::HealthTargetSnapshot> m_snapshots;
    std::vector<std::deque<Change>> m_history; // per target
    std::vector<quint64> m_served;             // requests served per target
    QHash<QString, int> m_targetByKey;         // "service\nendpoint" -> target
};

QString healthStateText(Core::HealthState state);
QString healthReasonText(Core::HealthReason reason, int statusCode);

} // namespace Gatehouse::Ui
