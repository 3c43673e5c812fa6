#pragma once

#include "requestrow.h"
#include "stringpool.h"

#include <QAbstractTableModel>

#include <vector>

namespace Gatehouse::Ui {

// The live request log: a bounded ring of RequestRow (default 100,000; the oldest rows drop
// and droppedCount() says how many). Rows arrive in batches, a few times a second, and each
// batch is one insertion (and at most one removal) for the views. GUI thread.
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ListenerColumn,
        ClientColumn,
        MethodColumn,
        HostColumn,
        PathColumn,
        RouteColumn,
        ServiceColumn,
        EndpointColumn,
        StatusColumn,
        BytesInColumn,
        BytesOutColumn,
        DurationColumn,
        ErrorColumn,
        ColumnCount
    };
    // SortRole: a value that sorts numerically where the column is numeric.
    enum Role { SortRole = Qt::UserRole + 1, RouteOffsetRole };

    static constexpr int DefaultCapacity = 100'000;
    // Rows that keep their RequestDetail (headers): the newest ones only.
    static constexpr int DetailRows = 1000;

    explicit RequestLogModel(int capacity = DefaultCapacity, QObject *parent = nullptr);

    // Interns the strings of rows about to be appended.
    StringPool &pool() { return m_pool; }
    const StringPool &pool() const { return m_pool; }

    // Appends a batch (ids from pool()). While paused, the batch is counted and discarded.
    void appendBatch(std::vector<RequestRow> &&rows);
    void clear();
    void setPaused(bool paused) { m_paused = paused; }
    bool isPaused() const { return m_paused; }
    int capacity() const { return m_capacity; }
    // Rows that left the ring because it was full, and rows discarded while paused.
    quint64 droppedCount() const { return m_dropped; }
    quint64 pausedCount() const { return m_discardedWhilePaused; }
    quint64 receivedCount() const { return m_received; }
    // Requests the engine served but could not record for the log (its buffers were full
    // because the GUI fell behind): never received, counted so the view can say so.
    void addLost(quint64 count);
    quint64 lostCount() const { return m_lost; }

    const RequestRow &row(int row) const { return m_ring[physical(row)]; }
    // Rows holding a RequestDetail now (at most DetailRows).
    int detailCount() const;
    // The text a column shows for a row (also what filters and CSV export see).
    QString text(const RequestRow &row, int column) const;
    static QString columnName(int column);
    // Approximate heap bytes held by the rows (for the memory benchmark and the status line).
    qsizetype memoryUsage() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void countsChanged();

private:
    size_t physical(int row) const { return (m_head + size_t(row)) % size_t(m_capacity); }

    int m_capacity;
    std::vector<RequestRow> m_ring; // grows to m_capacity, then wraps
    size_t m_head = 0;              // physical index of logical row 0
    int m_size = 0;
    StringPool m_pool;
    bool m_paused = false;
    quint64 m_dropped = 0;
    quint64 m_discardedWhilePaused = 0;
    quint64 m_received = 0;
    quint64 m_lost = 0;
};

} // namespace Gatehouse::Ui
