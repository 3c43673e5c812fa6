#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace Gatehouse::Core {

// Where the CLI publishes to and pulls from: a local repo directory, or a codebase of a Pipy
// repo given by its worker URL (`http://host:6060/repo/local/fgw/`, trailing `/` optional here
// and always added back, since Pipy workers need it). A plain value.
class RepoTarget
{
public:
    enum class Kind { Local, Remote };

    static std::optional<RepoTarget> parse(const QString &text, QString *error);
    static RepoTarget local(const QString &directory);
    static RepoTarget remote(const QUrl &server, const QString &codebase);

    Kind kind() const { return m_kind; }
    bool isRemote() const { return m_kind == Kind::Remote; }
    QString localPath() const { return m_localPath; }
    QUrl server() const { return m_server; }        // scheme://host:port
    QString codebase() const { return m_codebase; } // "/local/fgw"
    QUrl manifestUrl() const;                       // server + /repo + codebase + '/'
    QString toString() const;

private:
    Kind m_kind = Kind::Local;
    QString m_localPath;
    QUrl m_server;
    QString m_codebase;
};

} // namespace Gatehouse::Core
