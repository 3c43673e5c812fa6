#pragma once

#include "requestfilter.h"

#include <QSortFilterProxyModel>

namespace Gatehouse::Ui {

class RequestLogModel;

// The rows of a RequestLogModel that pass a RequestFilter. GUI thread.
class RequestLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RequestLogFilterModel(RequestLogModel *source, QObject *parent = nullptr);
    void setFilter(RequestFilter filter);
    const RequestFilter &filter() const { return m_filter; }
    RequestLogModel *log() const { return m_log; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    RequestLogModel *m_log;
    RequestFilter m_filter;
};

} // namespace Gatehouse::Ui
