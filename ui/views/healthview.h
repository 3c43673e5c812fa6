#pragma once

#include <QWidget>

class QTreeView;
class QTimer;

namespace Gatehouse::Ui {

class EndpointHealthModel;

// Endpoint health panel: the model in a tree (service -> endpoints), refreshed twice a second,
// a strip of each endpoint's state over the last minutes, and the operator's enable/disable.
// GUI thread.
class HealthView : public QWidget
{
    Q_OBJECT
public:
    explicit HealthView(QWidget *parent = nullptr);
    EndpointHealthModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }

private:
    void showContextMenu(const QPoint &pos);

    EndpointHealthModel *m_model;
    QTreeView *m_tree;
    QTimer *m_timer;
};

} // namespace Gatehouse::Ui
