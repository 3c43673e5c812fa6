#include "reposerver.h"

#include "httpconnection.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>

namespace Gatehouse::Core {

Q_LOGGING_CATEGORY(lcRepoServer, "gatehouse.repo.server", QtWarningMsg)

namespace {

using namespace Qt::StringLiterals;

const QString ApiRepo = u"/api/v1/repo"_s;
const QString ApiRepoFiles = u"/api/v1/repo-files"_s;
const QString Repo = u"/repo"_s;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Constant time, so that the token cannot be guessed byte by byte from response times.
bool sameToken(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= char(a.at(i) ^ b.at(i));
    return diff == 0;
}

HttpResponse methodNotAllowed()
{
    return HttpResponse::text(405, "Method not allowed");
}

HttpResponse notFound()
{
    return HttpResponse::text(404, "Not found");
}

} // namespace

RepoServer::RepoServer(const QString &dataDirectory, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_store(dataDirectory)
{
    connect(m_server, &QTcpServer::newConnection, this, &RepoServer::onNewConnection);
    m_expiry.setInterval(10 * 1000);
    connect(&m_expiry, &QTimer::timeout, this,
            [this] { m_store.expireInstances(nowMs(), linkedUuids()); });
}

RepoServer::~RepoServer() = default;

bool RepoServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_store.load(error))
        return false;
    if (!m_server->listen(address, port)) {
        if (error)
            *error = m_server->errorString();
        return false;
    }
    m_expiry.start();
    return true;
}

quint16 RepoServer::serverPort() const
{
    return m_server->serverPort();
}

void RepoServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, this);
        connect(connection, &HttpConnection::requestReceived, this,
                [this, connection](const HttpRequest &request) { handle(connection, request); });
        connect(connection, &HttpConnection::closed, this,
                [this, connection] { m_links.remove(connection); });
    }
}

void RepoServer::handle(HttpConnection *connection, const HttpRequest &request)
{
    bool upgraded = false;
    HttpResponse response;
    if (!m_token.isEmpty() && !sameToken(request.header("authorization"), "Bearer " + m_token)) {
        response = HttpResponse::text(401, "Unauthorized");
        response.addHeader("www-authenticate", "Bearer realm=\"gatehouse-repo\"");
    } else {
        response = route(connection, request, &upgraded);
    }
    emit requestHandled(request.method, request.path, upgraded ? 101 : response.status);
    if (upgraded)
        return;
    response.headers.prepend(qMakePair(QByteArray("server"), QByteArray("pipy-repo")));
    connection->respond(response, request.method == "HEAD");
}

HttpResponse
RepoServer::route(HttpConnection *connection, const HttpRequest &request, bool *upgraded)
{
    const QString &path = request.path;
    if (path == ApiRepo || path == ApiRepo + u'/') {
        if (request.method != "GET")
            return methodNotAllowed();
        QByteArray body;
        for (const QString &cb : m_store.paths())
            body += cb.toUtf8() + '\n';
        return HttpResponse::text(200, body);
    }
    if (path.startsWith(ApiRepo + u'/'))
        return apiRepo(request, path.mid(ApiRepo.size()));
    if (path.startsWith(ApiRepoFiles + u'/'))
        return apiRepoFiles(request, path.mid(ApiRepoFiles.size()));
    if (path == Repo || path == Repo + u'/') {
        if (request.method != "GET")
            return methodNotAllowed();
        QByteArray body;
        for (const QString &cb : m_store.paths())
            body += cb.toUtf8() + "/\n";
        return HttpResponse::text(200, body);
    }
    if (path.startsWith(Repo + u'/'))
        return repo(connection, request, path.mid(Repo.size()), upgraded);
    return notFound();
}

HttpResponse RepoServer::apiRepo(const HttpRequest &request, const QString &rest)
{
    const QString cb = m_store.resolve(rest);
    const QByteArray &method = request.method;
    if (!cb.isEmpty() && cb == rest) {
        if (method == "GET") {
            m_store.expireInstances(nowMs(), linkedUuids());
            return HttpResponse::json(200, m_store.infoJson(cb, nowMs()));
        }
        if (method == "POST") {
            if (const auto e = m_store.create(rest, request.body))
                return error(*e);
            return HttpResponse::text(201, {});
        }
        if (method == "PATCH") {
            QStringList reload;
            if (const auto e = m_store.patch(cb, request.body, &reload))
                return error(*e);
            pushReload(reload);
            return HttpResponse::text(201, {});
        }
        if (method == "DELETE") {
            if (const auto e = m_store.remove(cb))
                return error(*e);
            return HttpResponse(HttpResponse::text(204, {}));
        }
        return methodNotAllowed();
    }
    if (method == "POST") {
        if (const auto e = m_store.create(rest, request.body))
            return error(*e);
        return HttpResponse::text(201, {});
    }
    if (method == "GET" && !cb.isEmpty()) {
        if (const auto content = m_store.fileWithEdits(cb, rest.mid(cb.size())))
            return HttpResponse::text(200, *content);
        return HttpResponse::text(404, "File not found");
    }
    if (method == "GET" || method == "PATCH" || method == "DELETE")
        return HttpResponse::text(404, "Codebase not found");
    return methodNotAllowed();
}

HttpResponse RepoServer::apiRepoFiles(const HttpRequest &request, const QString &rest)
{
    const QString cb = m_store.resolve(rest);
    if (cb.isEmpty() || cb == rest)
        return HttpResponse::text(404, "Codebase not found");
    const QString file = rest.mid(cb.size());
    const QByteArray &method = request.method;
    if (method == "GET") {
        if (const auto content = m_store.fileWithEdits(cb, file))
            return HttpResponse::text(200, *content);
        return HttpResponse::text(404, "File not found");
    }
    if (method == "POST" || method == "PATCH") {
        if (const auto e = m_store.writeFile(cb, file, request.body, method == "PATCH"))
            return error(*e);
        return HttpResponse::text(201, {});
    }
    if (method == "DELETE") {
        if (const auto e = m_store.eraseFile(cb, file))
            return error(*e);
        return HttpResponse::text(204, {});
    }
    return methodNotAllowed();
}

HttpResponse RepoServer::repo(HttpConnection *connection,
                              const HttpRequest &request,
                              const QString &rest,
                              bool *upgraded)
{
    const QString cbPath = m_store.resolve(rest);
    const CodebaseStore::Codebase *cb = m_store.find(cbPath);
    const QByteArray &method = request.method;
    const bool read = method == "GET" || method == "HEAD";
    if (!cb || rest == cbPath)
        return method == "POST" ? methodNotAllowed() : notFound();
    const QString file = rest.mid(cbPath.size());
    if (file == u"/"_s) {
        if (method == "POST") {
            const QJsonObject status = QJsonDocument::fromJson(request.body).object();
            const QString ip = request.peer.toString();
            return HttpResponse::text(m_store.report(cbPath, ip, status, nowMs()), {});
        }
        if (!read)
            return methodNotAllowed();
        if (!cb->published)
            return notFound();
        HttpResponse response = HttpResponse::text(200, m_store.manifest(cbPath));
        response.addHeader("etag", cb->version.toUtf8());
        return response;
    }
    if (!read)
        return methodNotAllowed();
    if (file == u"/_etags"_s)
        return HttpResponse::text(200, m_store.etags(cbPath));
    if (request.header("upgrade").toLower() == "websocket" && method == "GET") {
        const QByteArray key = request.header("sec-websocket-key");
        if (key.isEmpty())
            return HttpResponse::text(400, "Missing Sec-WebSocket-Key");
        m_links.insert(connection, Link{cbPath, file.mid(1)});
        connection->upgradeToWebSocket(key);
        *upgraded = true;
        return {};
    }
    const auto record = cb->tree.constFind(file);
    if (record == cb->tree.cend())
        return notFound();
    HttpResponse response;
    response.body = m_store.blob(record->hash).value_or(QByteArray());
    response.addHeader("etag", record->version.toUtf8());
    return response;
}

void RepoServer::pushReload(const QStringList &codebases)
{
    for (const QString &cbPath : codebases) {
        const CodebaseStore::Codebase *cb = m_store.find(cbPath);
        if (!cb)
            continue;
        emit committed(cbPath, cb->version);
        // Pipy pushes only to instances that reported status for the codebase and hold a link.
        for (auto it = m_links.cbegin(); it != m_links.cend(); ++it) {
            if (it->codebase == cbPath && cb->instances.contains(it->uuid)) {
                qCInfo(lcRepoServer) << "reload ->" << it->uuid << cbPath;
                it.key()->sendText("reload");
            }
        }
    }
}

QSet<QString> RepoServer::linkedUuids() const
{
    QSet<QString> uuids;
    for (const Link &link : m_links)
        uuids.insert(link.uuid);
    return uuids;
}

HttpResponse RepoServer::error(const CodebaseStore::Error &e)
{
    return HttpResponse::text(e.status, e.message);
}

} // namespace Gatehouse::Core
