#include "outlinemodel.h"

#include <QApplication>
#include <QStyle>

namespace Gatehouse::Ui {

using namespace Gatehouse::Core;

OutlineModel::OutlineModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_nodes.emplace_back();
}

int OutlineModel::add(int parent, Kind kind, QString name, QString detail, const JsonValue &json)
{
    Node n;
    n.kind = kind;
    n.name = std::move(name);
    n.detail = std::move(detail);
    if (json.isValid()) {
        n.start = json.hasKey() ? json.keyOffset() : json.offset();
        n.end = json.offset() + json.length();
    }
    n.parent = parent;
    n.row = int(m_nodes[size_t(parent)].children.size());
    m_nodes.push_back(std::move(n));
    const int index = int(m_nodes.size() - 1);
    m_nodes[size_t(parent)].children.push_back(index);
    return index;
}

void OutlineModel::setConfig(std::shared_ptr<const Config> config)
{
    if (!config)
        return;
    beginResetModel();
    m_config = std::move(config);
    m_nodes.clear();
    m_nodes.emplace_back();
    build(*m_config);
    endResetModel();
}

void OutlineModel::build(const Config &config)
{
    const int listeners = add(0, Kind::Group, tr("Listeners"), tr("%n listener(s)", nullptr, int(config.listeners.size())),
                              config.node.member(QLatin1StringView("Listeners")));
    for (const ListenerConfig &l : config.listeners) {
        QString detail = l.protocolName;
        if (l.listenPort != l.port)
            detail = tr("%1, binds %2").arg(l.protocolName).arg(l.listenPort);
        const int li = add(listeners, Kind::Listener, QStringLiteral(":%1").arg(l.port), detail, l.node);
        const RouteRule *rule = config.routeRuleForPort(l.port);
        if (!rule)
            continue;
        for (const DomainRule &domain : rule->domains) {
            const int hi = add(li, Kind::Host, domain.hostKey,
                               tr("%n match(es)", nullptr, int(domain.matches.size())), domain.node);
            int matchNumber = 0;
            for (const RouteMatch &m : domain.matches) {
                ++matchNumber;
                QString name;
                if (m.path)
                    name = QStringLiteral("%1 %2").arg(m.path->typeName, m.path->path);
                else if (m.grpcMethod)
                    name = QStringLiteral("gRPC %1/%2").arg(m.grpcMethod->service.value_or(QStringLiteral("*")),
                                                             m.grpcMethod->method.value_or(QStringLiteral("*")));
                else
                    name = tr("any path");
                QStringList badges;
                if (!m.methods.isEmpty())
                    badges << m.methods.join(QLatin1Char(','));
                if (m.headers)
                    badges << tr("headers");
                if (m.queryParams)
                    badges << tr("query");
                if (!m.filters.isEmpty())
                    badges << tr("%n filter(s)", nullptr, int(m.filters.size()));
                const int mi = add(hi, Kind::Match, QStringLiteral("#%1  %2").arg(matchNumber).arg(name),
                                   badges.join(QStringLiteral(" · ")), m.node);
                if (m.serverRoot) {
                    add(mi, Kind::Static, *m.serverRoot, tr("static files"),
                        m.node.member(QLatin1StringView("ServerRoot")));
                    continue;
                }
                for (const BackendRef &b : m.backends) {
                    const bool known = config.service(b.service) != nullptr;
                    add(mi, Kind::Backend, b.service,
                        known ? tr("weight %1").arg(b.weight) : tr("weight %1 · no such service").arg(b.weight),
                        b.node);
                }
            }
        }
        for (const ServiceWeight &s : rule->services)
            add(li, Kind::Backend, s.service, tr("weight %1").arg(s.weight), s.node);
        for (const TlsRoute &t : rule->tlsRoutes)
            add(li, Kind::Host, t.hostKey, t.passthroughTarget.value_or(QString()), t.node);
    }

    const int services = add(0, Kind::Group, tr("Services"), tr("%n service(s)", nullptr, int(config.services.size())),
                             config.node.member(QLatin1StringView("Services")));
    for (const Service &s : config.services) {
        QStringList badges;
        switch (s.algorithm) {
        case LoadBalancingAlgorithm::RoundRobin:
            badges << tr("round robin");
            break;
        case LoadBalancingAlgorithm::Hashing:
            badges << tr("client IP hash");
            break;
        case LoadBalancingAlgorithm::LeastConnection:
            badges << tr("least connections");
            break;
        case LoadBalancingAlgorithm::Other:
            badges << s.algorithmName.value_or(QString());
            break;
        }
        if (s.stickyCookieName)
            badges << tr("sticky %1").arg(*s.stickyCookieName);
        if (s.healthCheck && s.healthCheck->isActive())
            badges << (s.healthCheck->isHttpProbe() ? tr("health GET %1").arg(*s.healthCheck->path)
                                                    : tr("health TCP"));
        const int si = add(services, Kind::Service, s.name, badges.join(QStringLiteral(" · ")), s.node);
        for (const Endpoint &e : s.endpoints) {
            const QString detail = e.isBackup() ? tr("backup (weight 0)")
                                                : tr("weight %1").arg(e.weight.value_or(0));
            add(si, Kind::Endpoint, e.address, detail, e.node);
        }
    }
}

QModelIndex OutlineModel::indexForOffset(quint32 offset) const
{
    int best = -1;
    quint32 bestSize = UINT32_MAX;
    for (size_t i = 1; i < m_nodes.size(); ++i) {
        const Node &n = m_nodes[i];
        if (n.end > n.start && offset >= n.start && offset < n.end && n.end - n.start <= bestSize) {
            best = int(i);
            bestSize = n.end - n.start;
        }
    }
    if (best < 0)
        return {};
    return createIndex(m_nodes[size_t(best)].row, 0, quintptr(best));
}

QModelIndex OutlineModel::index(int row, int column, const QModelIndex &parent) const
{
    const size_t p = parent.isValid() ? size_t(parent.internalId()) : 0;
    if (column < 0 || column >= ColumnCount || row < 0 || size_t(row) >= m_nodes[p].children.size())
        return {};
    return createIndex(row, column, quintptr(m_nodes[p].children[size_t(row)]));
}

QModelIndex OutlineModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[size_t(child.internalId())].parent;
    if (p <= 0)
        return {};
    return createIndex(m_nodes[size_t(p)].row, 0, quintptr(p));
}

int OutlineModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const size_t p = parent.isValid() ? size_t(parent.internalId()) : 0;
    return int(m_nodes[p].children.size());
}

int OutlineModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant OutlineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &n = m_nodes[size_t(index.internalId())];
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? n.name : n.detail;
    case Qt::ToolTipRole:
        return n.detail.isEmpty() ? n.name : QStringLiteral("%1\n%2").arg(n.name, n.detail);
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        switch (n.kind) {
        case Kind::Group:
            return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
        case Kind::Listener:
            return QApplication::style()->standardIcon(QStyle::SP_DriveNetIcon);
        case Kind::Static:
            return QApplication::style()->standardIcon(QStyle::SP_FileIcon);
        case Kind::Service:
            return QApplication::style()->standardIcon(QStyle::SP_ComputerIcon);
        default:
            return {};
        }
    case OffsetRole:
        return n.start;
    case KindRole:
        return int(n.kind);
    }
    return {};
}

QVariant OutlineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("Details");
}

} // namespace Gatehouse::Ui
