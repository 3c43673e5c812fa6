#include "healthview.h"

#include "models/endpointhealthmodel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Gatehouse::Ui {

namespace {

QColor colorOf(int state)
{
    switch (Core::HealthState(state)) {
    case Core::HealthState::Healthy: return QColor(0x2e, 0x9e, 0x4f);
    case Core::HealthState::Unhealthy: return QColor(0xd7, 0x1f, 0x1f);
    case Core::HealthState::Disabled: return QColor(0x90, 0x90, 0x90);
    case Core::HealthState::NotChecked: return QColor(0x5b, 0x8d, 0xd6);
    }
    return Qt::transparent;
}

// Paints the history column: one coloured segment per state over the last five minutes, the
// current state running up to the right edge.
class HistoryDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QVariantList changes = index.data(EndpointHealthModel::HistoryRole).toList();
        const QVariant current = index.data(EndpointHealthModel::StateRole);
        if (!current.isValid()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        const QRectF r = QRectF(option.rect).adjusted(2, option.rect.height() * 0.3, -2, -option.rect.height() * 0.3);
        const double now = double(QDateTime::currentMSecsSinceEpoch());
        const double from = now - double(EndpointHealthModel::HistoryMs);
        auto xOf = [&](double t) { return r.left() + r.width() * qBound(0.0, (t - from) / (now - from), 1.0); };
        painter->save();
        painter->fillRect(r, option.palette.color(QPalette::AlternateBase));
        double start = from;
        int state = changes.isEmpty() ? current.toInt() : int(changes.constFirst().toPointF().y());
        for (const QVariant &v : changes) {
            const QPointF c = v.toPointF();
            if (c.x() > start)
                painter->fillRect(QRectF(QPointF(xOf(start), r.top()), QPointF(xOf(c.x()), r.bottom())), colorOf(state));
            start = qMax(start, c.x());
            state = int(c.y());
        }
        painter->fillRect(QRectF(QPointF(xOf(start), r.top()), QPointF(r.right(), r.bottom())), colorOf(current.toInt()));
        painter->restore();
    }
};

} // namespace

HealthView::HealthView(QWidget *parent)
    : QWidget(parent)
    , m_model(new EndpointHealthModel(this))
    , m_tree(new QTreeView(this))
    , m_timer(new QTimer(this))
{
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setItemDelegateForColumn(EndpointHealthModel::HistoryColumn, new HistoryDelegate(m_tree));
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    connect(m_model, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &HealthView::showContextMenu);
    // Twice a second: within one probe interval of any change (FGW's shortest is 1 s).
    connect(m_timer, &QTimer::timeout, m_model, &EndpointHealthModel::refresh);
    m_timer->start(500);
}

void HealthView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid() || !index.parent().isValid() || !m_model->table())
        return;
    const bool disabled = Core::HealthState(index.data(EndpointHealthModel::StateRole).toInt()) == Core::HealthState::Disabled;
    QMenu menu;
    menu.addAction(disabled ? tr("Enable Endpoint") : tr("Disable Endpoint"), this,
                   [this, index, disabled] { m_model->setDisabled(index, !disabled); });
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace Gatehouse::Ui
