#pragma once

#include "configbundle.h"
#include "publishresult.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace Gatehouse::Core {

// Talks to a Pipy repo (or Gatehouse's RepoServer) with the REST API of reference §3.3 and the
// publishing recipe of §3.4: ensure the codebase exists (optionally derived from a base),
// upload changed files, delete removed ones, read the version, commit with PATCH
// {"version": "<old+1>"} (a string), then read which instances picked the version up.
//
// Asynchronous: every call returns at once and invokes its callback exactly once, on this
// object's thread, also on timeout or when the repo is unreachable. Requests of one call are
// sequential; several calls may run at once.
//
// Lives in: the thread that creates it (it owns a QNetworkAccessManager, usable only there).
class PipyRepoClient : public QObject
{
    Q_OBJECT
public:
    // One HTTP exchange. status 0: no answer (see networkError / errorString).
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers; // as received
        QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
        QString errorString;
        bool timedOut = false;

        bool ok() const { return status >= 200 && status < 300; }
        QByteArray header(const QByteArray &name) const;
        // "404 Codebase not found", "no answer: Connection refused", ...
        QString describe() const;
    };
    // GET /api/v1/repo/<cb>, parsed.
    struct CodebaseInfo
    {
        QString path;
        QString version; // always a string on the wire
        QString base;
        QStringList files, editFiles, erasedFiles, baseFiles, derived;
        QJsonObject instances;

        static std::optional<CodebaseInfo> parse(const QByteArray &json);
    };
    struct PublishOptions
    {
        QString base; // create the codebase derived from this one when it is missing
        std::optional<QString> ifVersion; // refuse unless the remote version is exactly this
        QString commitVersion;            // force this version string instead of old + 1 (rare)
    };
    using ReplyCallback = std::function<void(const Reply &)>;

    explicit PipyRepoClient(const QUrl &server, QObject *parent = nullptr);

    QUrl server() const { return m_server; }
    void setToken(const QByteArray &token) { m_token = token; }
    // Per request: no byte for this long aborts it (default 10 s).
    void setTimeout(int milliseconds) { m_timeout = milliseconds; }

    // One raw exchange; `path` is appended to the server URL as is (already encoded).
    void send(const QByteArray &method,
              const QString &path,
              const QByteArray &body,
              const ReplyCallback &done,
              const QByteArray &contentType = QByteArray());

    void readCodebase(
        const QString &codebase,
        const std::function<void(const std::optional<CodebaseInfo> &, const Reply &)> &done);
    // Publishes `bundle` to `codebase` (paths of the bundle become "/<path>").
    void publish(const QString &codebase,
                 const ConfigBundle &bundle,
                 const PublishOptions &options,
                 const std::function<void(const PublishResult &)> &done);
    // Downloads the published config bundle: manifest, then config.json and static/ files only.
    // `etag` receives the codebase version. Fails on a missing manifest or config.json.
    void fetchPublished(
        const QString &codebase,
        const std::function<void(
            const std::optional<ConfigBundle> &, const QString &etag, const QString &error)> &done);

    static QString encodePath(const QString &path);

private:
    QNetworkAccessManager *m_nam;
    QUrl m_server;
    QByteArray m_token;
    int m_timeout = 10000;
};

} // namespace Gatehouse::Core
