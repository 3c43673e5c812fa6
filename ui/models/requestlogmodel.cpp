#include "requestlogmodel.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace Gatehouse::Ui {

RequestLogModel::RequestLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{}

void RequestLogModel::appendBatch(std::vector<RequestRow> &&rows)
{
    if (rows.empty())
        return;
    m_received += rows.size();
    if (m_paused) {
        m_discardedWhilePaused += rows.size();
        emit countsChanged();
        return;
    }
    size_t skip = 0;
    if (rows.size() > size_t(m_capacity)) { // a batch larger than the ring keeps its newest rows
        skip = rows.size() - size_t(m_capacity);
        m_dropped += skip;
    }
    const int incoming = int(rows.size() - skip);
    const int overflow = m_size + incoming - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        for (int i = 0; i < overflow; ++i)
            m_ring[physical(i)].detail.reset(); // free headers early
        m_head = (m_head + size_t(overflow)) % size_t(m_capacity);
        m_size -= overflow;
        m_dropped += quint64(overflow);
        endRemoveRows();
    }
    beginInsertRows({}, m_size, m_size + incoming - 1);
    for (size_t i = skip; i < rows.size(); ++i) {
        if (m_ring.size() < size_t(m_capacity)) {
            m_ring.push_back(std::move(rows[i]));
        } else {
            m_ring[physical(m_size)] = std::move(rows[i]);
        }
        ++m_size;
    }
    // Headers stay with the newest DetailRows rows only; they cost far more than a row.
    for (int i = qMax(0, m_size - DetailRows - incoming); i < m_size - DetailRows; ++i)
        m_ring[physical(i)].detail.reset();
    endInsertRows();
    emit countsChanged();
}

void RequestLogModel::addLost(quint64 count)
{
    if (!count)
        return;
    m_lost += count;
    emit countsChanged();
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_ring.clear();
    m_ring.shrink_to_fit();
    m_head = 0;
    m_size = 0;
    m_pool.clear();
    m_dropped = 0;
    m_discardedWhilePaused = 0;
    m_received = 0;
    m_lost = 0;
    endResetModel();
    emit countsChanged();
}

int RequestLogModel::detailCount() const
{
    int n = 0;
    for (int i = 0; i < m_size; ++i)
        n += row(i).detail ? 1 : 0;
    return n;
}

qsizetype RequestLogModel::memoryUsage() const
{
    qsizetype bytes = qsizetype(m_ring.capacity() * sizeof(RequestRow));
    for (const RequestRow &r : m_ring)
        bytes += r.path.capacity();
    return bytes;
}

QString RequestLogModel::columnName(int column)
{
    switch (column) {
    case TimeColumn: return tr("Time");
    case ListenerColumn: return tr("Listener");
    case ClientColumn: return tr("Client");
    case MethodColumn: return tr("Method");
    case HostColumn: return tr("Host");
    case PathColumn: return tr("Path");
    case RouteColumn: return tr("Route");
    case ServiceColumn: return tr("Service");
    case EndpointColumn: return tr("Endpoint");
    case StatusColumn: return tr("Status");
    case BytesInColumn: return tr("Bytes In");
    case BytesOutColumn: return tr("Bytes Out");
    case DurationColumn: return tr("Duration");
    case ErrorColumn: return tr("Error");
    }
    return {};
}

QString RequestLogModel::text(const RequestRow &r, int column) const
{
    switch (column) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(r.startMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    case ListenerColumn: return QString::number(r.listenerPort);
    case ClientColumn: return m_pool.string(r.client);
    case MethodColumn: return m_pool.string(r.method);
    case HostColumn: return m_pool.string(r.host);
    case PathColumn: return QString::fromUtf8(r.path);
    case RouteColumn: return m_pool.string(r.route);
    case ServiceColumn: return m_pool.string(r.service);
    case EndpointColumn: return m_pool.string(r.endpoint);
    case StatusColumn: return r.status ? QString::number(r.status) : QStringLiteral("-");
    case BytesInColumn: return QLocale().formattedDataSize(qint64(r.bytesIn), 1, QLocale::DataSizeTraditionalFormat);
    case BytesOutColumn: return QLocale().formattedDataSize(qint64(r.bytesOut), 1, QLocale::DataSizeTraditionalFormat);
    case DurationColumn:
        return r.durationUs < 10'000 ? tr("%1 ms").arg(r.durationUs / 1000.0, 0, 'f', 2)
                                     : tr("%1 ms").arg(r.durationUs / 1000);
    case ErrorColumn: return m_pool.string(r.error);
    }
    return {};
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_size;
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_size)
        return {};
    const RequestRow &r = row(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return text(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == ErrorColumn || index.column() == PathColumn)
            return text(r, index.column());
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn || index.column() == ErrorColumn) {
            if (r.status >= 500 || r.status == 0)
                return QColor(0xd7, 0x1f, 0x1f);
            if (r.status >= 400)
                return QColor(0xc7, 0x7c, 0x00);
        }
        return {};
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case ListenerColumn: case StatusColumn: case BytesInColumn: case BytesOutColumn: case DurationColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case TimeColumn: return r.startMs;
        case ListenerColumn: return r.listenerPort;
        case StatusColumn: return r.status;
        case BytesInColumn: return r.bytesIn;
        case BytesOutColumn: return r.bytesOut;
        case DurationColumn: return r.durationUs;
        default: return text(r, index.column());
        }
    case RouteOffsetRole:
        return r.routeOffset;
    }
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return columnName(section);
    return {};
}

} // namespace Gatehouse::Ui
