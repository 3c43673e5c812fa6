#include "requestlogfiltermodel.h"

#include "requestlogmodel.h"

namespace Gatehouse::Ui {

RequestLogFilterModel::RequestLogFilterModel(RequestLogModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_log(source)
{
    setSourceModel(source);
    setSortRole(RequestLogModel::SortRole);
}

void RequestLogFilterModel::setFilter(RequestFilter filter)
{
    m_filter = std::move(filter);
    invalidateFilter();
}

bool RequestLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    return m_filter.isEmpty() || m_filter.matches(m_log->row(sourceRow), m_log->pool());
}

} // namespace Gatehouse::Ui
