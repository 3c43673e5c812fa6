#pragma once

#include "config/config.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace Gatehouse::Ui {

// The config's structure beside the editor: Listeners -> hosts -> matches -> backends, and
// Services -> endpoints, with badges (sticky, health check, backup, static). Every node knows
// the byte range of its JSON in the document, so selecting a node moves the editor and moving
// the cursor selects a node. GUI thread. A new config is a model reset (it is a new snapshot).
class OutlineModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, DetailColumn, ColumnCount };
    enum Role { OffsetRole = Qt::UserRole + 1, KindRole };
    enum class Kind : quint8 { Group, Listener, Host, Match, Backend, Static, Service, Endpoint };

    explicit OutlineModel(QObject *parent = nullptr);

    // Rebuilds the tree from a loaded config; a null config (JSON syntax error) keeps the last
    // good tree, so the outline does not flicker away while the user types.
    void setConfig(std::shared_ptr<const Core::Config> config);
    // The deepest node whose JSON contains the byte offset; invalid when none does.
    QModelIndex indexForOffset(quint32 offset) const;
    int nodeCount() const { return int(m_nodes.size()); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Node
    {
        Kind kind = Kind::Group;
        QString name;
        QString detail;
        quint32 start = 0; // byte range of the node's JSON (key included)
        quint32 end = 0;
        int parent = -1;
        int row = 0;
        std::vector<int> children;
    };
    int add(int parent, Kind kind, QString name, QString detail, const Core::JsonValue &json);
    void build(const Core::Config &config);

    std::shared_ptr<const Core::Config> m_config; // keeps the document (and offsets) alive
    std::vector<Node> m_nodes;                    // m_nodes[0] is the invisible root
};

} // namespace Gatehouse::Ui
