#pragma once

#include "codebasestore.h"
#include "httpmessage.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QTcpServer;

namespace Gatehouse::Core {

class HttpConnection;

// A Pipy-compatible repo (control plane): the REST API of reference §3.3 over HTTP/1.1, so that
// Pipy workers, FGW's bootstrapper, FSM, Pipy's GUI and Gatehouse itself can use it as they use
// `pipy` in repo mode. Differences from Pipy's: codebases persist in the data directory; an
// optional bearer token guards every request (401 without it); no GUI, no metrics endpoints.
//
// Lives in: the thread that creates it (an event loop must run there). Owns its listening
// socket, its connections and the store.
class RepoServer : public QObject
{
    Q_OBJECT
public:
    // `dataDirectory` empty: keep everything in memory, as Pipy does.
    explicit RepoServer(const QString &dataDirectory, QObject *parent = nullptr);
    ~RepoServer() override;

    // Every request must then carry `Authorization: Bearer <token>`.
    void setToken(const QByteArray &token) { m_token = token; }
    // Loads the store and listens; port 0 picks a free port (see serverPort()).
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 serverPort() const;
    const CodebaseStore &store() const { return m_store; }

signals:
    // A versioned commit changed `codebase` to `version` (derived codebases included).
    void committed(const QString &codebase, const QString &version);
    void requestHandled(const QByteArray &method, const QString &path, int status);

private:
    void onNewConnection();
    void handle(HttpConnection *connection, const HttpRequest &request);
    HttpResponse route(HttpConnection *connection, const HttpRequest &request, bool *upgraded);
    HttpResponse apiRepo(const HttpRequest &request, const QString &rest);
    HttpResponse apiRepoFiles(const HttpRequest &request, const QString &rest);
    HttpResponse repo(HttpConnection *connection,
                      const HttpRequest &request,
                      const QString &rest,
                      bool *upgraded);
    void pushReload(const QStringList &codebases);
    QSet<QString> linkedUuids() const;
    static HttpResponse error(const CodebaseStore::Error &e);

    struct Link
    {
        QString codebase;
        QString uuid;
    };

    QTcpServer *m_server;
    CodebaseStore m_store;
    QByteArray m_token;
    QHash<HttpConnection *, Link> m_links; // admin links (WebSocket) by connection
    QTimer m_expiry;
};

} // namespace Gatehouse::Core
