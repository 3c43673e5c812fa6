#include "pipyrepoclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

#include <memory>

namespace Gatehouse::Core {

Q_LOGGING_CATEGORY(lcPipyClient, "gatehouse.repo.client", QtWarningMsg)

namespace {

using namespace Qt::StringLiterals;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::PipyRepoClient)
};

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

// Everything a publish has done so far, so that any failure can say what was written.
struct PublishState
{
    QString codebase;
    ConfigBundle bundle;
    PipyRepoClient::PublishOptions options;
    std::function<void(const PublishResult &)> done;
    PublishResult result;
    QString readVersion;
    QStringList toUpload; // codebase paths, "/config.json"
    QStringList toDelete;
    qsizetype next = 0;
};

PublishResult::Status statusOf(const PipyRepoClient::Reply &reply)
{
    return reply.status == 0 ? PublishResult::Status::Unreachable : PublishResult::Status::Refused;
}

} // namespace

QByteArray PipyRepoClient::Reply::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString PipyRepoClient::Reply::describe() const
{
    if (status == 0)
        return timedOut ? Tr::tr("no answer (timed out)")
                        : Tr::tr("no answer: %1").arg(errorString);
    QString text = QString::number(status);
    const QByteArray trimmed = body.trimmed().left(300);
    if (!trimmed.isEmpty())
        text += u' ' + QString::fromUtf8(trimmed);
    return text;
}

std::optional<PipyRepoClient::CodebaseInfo>
PipyRepoClient::CodebaseInfo::parse(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonObject o = doc.object();
    // Pipy always sends the version as a string; anything else is not a Pipy repo.
    if (!doc.isObject() || !o.value("version"_L1).isString())
        return std::nullopt;
    CodebaseInfo info;
    info.path = o.value("path"_L1).toString();
    info.version = o.value("version"_L1).toString();
    info.base = o.value("base"_L1).toString();
    info.files = toStringList(o.value("files"_L1));
    info.editFiles = toStringList(o.value("editFiles"_L1));
    info.erasedFiles = toStringList(o.value("erasedFiles"_L1));
    info.baseFiles = toStringList(o.value("baseFiles"_L1));
    info.derived = toStringList(o.value("derived"_L1));
    info.instances = o.value("instances"_L1).toObject();
    return info;
}

PipyRepoClient::PipyRepoClient(const QUrl &server, QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_server(server)
{
    m_nam->setAutoDeleteReplies(true);
}

QString PipyRepoClient::encodePath(const QString &path)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
}

void PipyRepoClient::send(const QByteArray &method,
                          const QString &path,
                          const QByteArray &body,
                          const ReplyCallback &done,
                          const QByteArray &contentType)
{
    QUrl url = m_server;
    url.setPath(path, QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeout);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = nullptr;
    if (method == "GET")
        reply = m_nam->get(request);
    else if (method == "HEAD")
        reply = m_nam->head(request);
    else
        reply = m_nam->sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done, method, url] {
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen())
            r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        r.networkError = reply->error();
        r.errorString = reply->errorString();
        r.timedOut = reply->error() == QNetworkReply::OperationCanceledError
                     || reply->error() == QNetworkReply::TimeoutError;
        qCDebug(lcPipyClient) << method << url.toString() << r.status << r.errorString;
        done(r);
    });
}

void PipyRepoClient::readCodebase(
    const QString &codebase,
    const std::function<void(const std::optional<CodebaseInfo> &, const Reply &)> &done)
{
    send("GET", u"/api/v1/repo"_s + encodePath(codebase), {}, [done](const Reply &reply) {
        done(reply.status == 200 ? CodebaseInfo::parse(reply.body) : std::nullopt, reply);
    });
}

void PipyRepoClient::publish(const QString &codebase,
                             const ConfigBundle &bundle,
                             const PublishOptions &options,
                             const std::function<void(const PublishResult &)> &done)
{
    auto state = std::make_shared<PublishState>();
    state->codebase = codebase;
    state->bundle = bundle;
    state->options = options;
    state->done = done;
    const QString apiRepo = u"/api/v1/repo"_s + encodePath(codebase);

    // Ends the publish. Paths not yet written are listed, so the user knows what is pending.
    auto finish = [state](PublishResult::Status status, const QString &error, const Reply *reply) {
        PublishResult &r = state->result;
        r.status = status;
        r.error = error;
        if (reply) {
            r.httpStatus = reply->status;
            r.httpBody = reply->body;
        }
        if (status != PublishResult::Status::Ok) {
            for (const QString &p : std::as_const(state->toUpload)) {
                if (!r.written.contains(p))
                    r.notWritten.append(p);
            }
            if (r.notWritten.isEmpty() && state->toUpload.isEmpty()) {
                for (const QString &p : state->bundle.files().keys())
                    r.notWritten.append(u'/' + p);
            }
        }
        state->done(r);
    };

    auto readInstances = [this, state, apiRepo, finish] {
        send("GET", apiRepo, {}, [state, finish](const Reply &reply) {
            if (const auto info = CodebaseInfo::parse(reply.body)) {
                for (auto it = info->instances.begin(); it != info->instances.end(); ++it) {
                    const QJsonObject instance = it.value().toObject();
                    const QJsonObject status = instance.value("status"_L1).toObject();
                    QString name = status.value("name"_L1).toString();
                    if (name.isEmpty())
                        name = instance.value("ip"_L1).toString() + u'#' + it.key();
                    if (status.value("version"_L1).toString() == state->result.version)
                        state->result.instancesUpdated.append(name);
                    else
                        state->result.instancesPending.append(name);
                }
            }
            finish(PublishResult::Status::Ok, {}, nullptr);
        });
    };

    auto commit = [this, state, apiRepo, finish, readInstances] {
        // Re-read the version: another publisher may have committed while we uploaded.
        readCodebase(state->codebase, [this, state, apiRepo, finish,
                                       readInstances](const std::optional<CodebaseInfo> &info,
                                                      const Reply &reply) {
            if (!info)
                return finish(reply.ok() ? PublishResult::Status::Garbage : statusOf(reply),
                              Tr::tr("cannot read the codebase before committing: %1; the uploaded "
                                     "files are pending edits, nothing was committed")
                                  .arg(reply.describe()),
                              &reply);
            if (info->version != state->readVersion)
                return finish(PublishResult::Status::Conflict,
                              Tr::tr("the codebase changed from version %1 to %2 while publishing; "
                                     "the uploaded files are pending edits, nothing was committed")
                                  .arg(state->readVersion, info->version),
                              &reply);
            QString next = state->options.commitVersion;
            if (next.isEmpty()) {
                bool ok = false;
                const qlonglong old = info->version.toLongLong(&ok);
                next = QString::number(ok ? old + 1 : 1);
            }
            const QByteArray body
                = QJsonDocument(QJsonObject{{"version"_L1, next}}).toJson(QJsonDocument::Compact);
            send(
                "PATCH", apiRepo, body,
                [state, finish, readInstances, next](const Reply &patch) {
                    if (patch.status != 201 && patch.status != 200)
                        return finish(statusOf(patch),
                                      Tr::tr("commit refused: %1; the uploaded files are pending "
                                             "edits, nothing was committed")
                                          .arg(patch.describe()),
                                      &patch);
                    state->result.committed = true;
                    state->result.version = next;
                    readInstances();
                },
                "application/json");
        });
    };

    // Uploads state->toUpload, then deletes state->toDelete, one request at a time. The step
    // holds itself only weakly: the pending request's callback owns it, so it is freed however
    // the publish ends (a strong self-capture leaked it when the publish stopped early).
    auto step = std::make_shared<std::function<void()>>();
    *step = [this, state, finish, commit, self = std::weak_ptr(step)] {
        const qsizetype uploads = state->toUpload.size();
        if (state->next < uploads + state->toDelete.size()) {
            const qsizetype i = state->next++;
            const bool upload = i < uploads;
            const QString file = upload ? state->toUpload.at(i) : state->toDelete.at(i - uploads);
            const QString path = u"/api/v1/repo-files"_s + encodePath(state->codebase + file);
            const QByteArray content
                = upload ? state->bundle.files().value(file.mid(1)) : QByteArray();
            const QByteArray type = file.endsWith(u".json"_s) ? "application/json" : "text/plain";
            send(
                upload ? "POST" : "DELETE", path, content,
                [state, finish, step = self.lock(), file, upload](const Reply &reply) {
                    if (!reply.ok()) {
                        finish(statusOf(reply),
                               Tr::tr("%1 %2 failed: %3; nothing was committed")
                                   .arg(upload ? u"POST"_s : u"DELETE"_s, file, reply.describe()),
                               &reply);
                        return;
                    }
                    (upload ? state->result.written : state->result.deleted).append(file);
                    (*step)();
                },
                upload ? type : QByteArray());
            return;
        }
        commit();
    };

    // Decides what to upload by comparing with the codebase's current files.
    auto plan = [this, state, finish, step](const CodebaseInfo &info) {
        state->readVersion = info.version;
        state->result.previousVersion = info.version;
        if (state->options.ifVersion && *state->options.ifVersion != info.version)
            return finish(PublishResult::Status::Conflict,
                          Tr::tr("the codebase is at version %1, not %2; nothing was written")
                              .arg(info.version, *state->options.ifVersion),
                          nullptr);
        const QStringList remote = info.files + info.editFiles;
        for (const QString &file : remote) {
            if (ConfigBundle::isManagedPath(QStringView(file).mid(1))
                && !state->bundle.files().contains(file.mid(1)) && !state->toDelete.contains(file))
                state->toDelete.append(file);
        }
        // Compare every file with what the repo holds; upload only those that differ.
        auto keys = std::make_shared<QStringList>(state->bundle.files().keys());
        auto compare = std::make_shared<std::function<void(qsizetype)>>();
        *compare = [this, state, keys, self = std::weak_ptr(compare), step](qsizetype i) {
            if (i == keys->size()) {
                (*step)();
                return;
            }
            const QString file = u'/' + keys->at(i);
            send("GET", u"/api/v1/repo-files"_s + encodePath(state->codebase + file), {},
                 [state, compare = self.lock(), file, i](const Reply &reply) {
                     if (reply.status != 200
                         || reply.body != state->bundle.files().value(file.mid(1)))
                         state->toUpload.append(file);
                     (*compare)(i + 1);
                 });
        };
        (*compare)(0);
    };

    readCodebase(codebase, [this, state, apiRepo, finish,
                            plan](const std::optional<CodebaseInfo> &info, const Reply &reply) {
        if (info)
            return plan(*info);
        if (reply.status != 404)
            return finish(
                reply.ok() ? PublishResult::Status::Garbage : statusOf(reply),
                reply.ok() ? Tr::tr("%1 did not answer like a Pipy repo").arg(m_server.toString())
                           : Tr::tr("cannot read the codebase: %1; nothing was written")
                                 .arg(reply.describe()),
                &reply);
        if (state->options.ifVersion && !state->options.ifVersion->isEmpty())
            return finish(
                PublishResult::Status::Conflict,
                Tr::tr("the codebase does not exist, it is not at version %1; nothing was "
                       "written")
                    .arg(*state->options.ifVersion),
                &reply);
        QJsonObject create{{"version"_L1, u"0"_s}};
        if (!state->options.base.isEmpty())
            create.insert("base"_L1, state->options.base);
        send(
            "POST", apiRepo, QJsonDocument(create).toJson(QJsonDocument::Compact),
            [this, state, finish, plan](const Reply &created) {
                if (created.status != 201)
                    return finish(statusOf(created),
                                  Tr::tr("cannot create the codebase: %1; nothing was written")
                                      .arg(created.describe()),
                                  &created);
                readCodebase(
                    state->codebase,
                    [state, finish, plan](const std::optional<CodebaseInfo> &fresh,
                                          const Reply &again) {
                        // "" asked for a codebase that does not exist yet: this call just
                        // created it, so its first version is the expected one.
                        if (fresh && state->options.ifVersion && state->options.ifVersion->isEmpty())
                            state->options.ifVersion = fresh->version;
                        if (!fresh)
                            return finish(
                                again.ok() ? PublishResult::Status::Garbage : statusOf(again),
                                Tr::tr("cannot read the new codebase: %1").arg(again.describe()),
                                &again);
                        plan(*fresh);
                    });
            },
            "application/json");
    });
}

void PipyRepoClient::fetchPublished(
    const QString &codebase,
    const std::function<void(const std::optional<ConfigBundle> &, const QString &, const QString &)>
        &done)
{
    const QString base = u"/repo"_s + encodePath(codebase);
    send("GET", base + u'/', {}, [this, base, done](const Reply &reply) {
        if (reply.status != 200)
            return done(std::nullopt, {}, Tr::tr("manifest: %1").arg(reply.describe()));
        const QString etag = QString::fromUtf8(reply.header("etag"));
        // A manifest starts with '/' (and not "//" or "/*", reference §3.5).
        if (!reply.body.startsWith('/') || reply.body.startsWith("//")
            || reply.body.startsWith("/*"))
            return done(std::nullopt, etag, Tr::tr("the repo did not send a manifest"));
        auto paths = std::make_shared<QStringList>();
        for (const QByteArray &line : reply.body.split('\n')) {
            const QString path = QString::fromUtf8(line.trimmed());
            if (!path.isEmpty() && ConfigBundle::isManagedPath(QStringView(path).mid(1))
                && ConfigBundle::isSafePath(QStringView(path).mid(1)))
                paths->append(path);
        }
        if (!paths->contains(u"/config.json"_s))
            return done(std::nullopt, etag, Tr::tr("the codebase has no /config.json"));
        auto bundle = std::make_shared<ConfigBundle>();
        // Holds itself weakly, the pending request owns it: freed however the fetch ends, also
        // when a request never answers because the client goes away first.
        auto fetch = std::make_shared<std::function<void(qsizetype)>>();
        *fetch = [this, base, paths, bundle, self = std::weak_ptr(fetch), done, etag](qsizetype i) {
            if (i == paths->size()) {
                done(*bundle, etag, {});
                return;
            }
            const QString path = paths->at(i);
            send("GET", base + encodePath(path), {},
                 [paths, bundle, fetch = self.lock(), done, etag, path, i](const Reply &file) {
                     if (file.status == 200) {
                         bundle->insert(path.mid(1), file.body);
                     } else if (file.status != 404) { // Pipy skips listed files that are gone
                         done(std::nullopt, etag, Tr::tr("%1: %2").arg(path, file.describe()));
                         return;
                     }
                     (*fetch)(i + 1);
                 });
        };
        (*fetch)(0);
    });
}

} // namespace Gatehouse::Core
