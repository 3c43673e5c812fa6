#include "repotarget.h"

#include <QCoreApplication>
#include <QDir>

namespace Gatehouse::Core {

namespace {

using namespace Qt::StringLiterals;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::RepoTarget)
};

} // namespace

std::optional<RepoTarget> RepoTarget::parse(const QString &text, QString *error)
{
    if (text.startsWith(u"http://"_s) || text.startsWith(u"https://"_s)) {
        const QUrl url(text, QUrl::StrictMode);
        QString path = url.path();
        if (!url.isValid() || url.host().isEmpty() || !path.startsWith(u"/repo/"_s)) {
            if (error)
                *error = Tr::tr("%1 is not a codebase URL like http://host:6060/repo/local/fgw/")
                             .arg(text);
            return std::nullopt;
        }
        while (path.endsWith(u'/'))
            path.chop(1);
        const QString codebase = path.mid(5);
        if (codebase.size() < 2) {
            if (error)
                *error = Tr::tr("%1 names no codebase").arg(text);
            return std::nullopt;
        }
        QUrl server;
        server.setScheme(url.scheme());
        server.setHost(url.host());
        server.setPort(url.port());
        return remote(server, codebase);
    }
    if (text.isEmpty()) {
        if (error)
            *error = Tr::tr("no target given");
        return std::nullopt;
    }
    return local(text);
}

RepoTarget RepoTarget::local(const QString &directory)
{
    RepoTarget t;
    t.m_kind = Kind::Local;
    t.m_localPath = QDir(directory).absolutePath();
    return t;
}

RepoTarget RepoTarget::remote(const QUrl &server, const QString &codebase)
{
    RepoTarget t;
    t.m_kind = Kind::Remote;
    t.m_server = server;
    t.m_codebase = codebase;
    return t;
}

QUrl RepoTarget::manifestUrl() const
{
    QUrl url = m_server;
    url.setPath(u"/repo"_s + m_codebase + u'/');
    return url;
}

QString RepoTarget::toString() const
{
    return isRemote() ? manifestUrl().toString() : m_localPath;
}

} // namespace Gatehouse::Core
