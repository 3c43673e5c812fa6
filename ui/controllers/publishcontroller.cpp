#include "publishcontroller.h"

#include "config/configloader.h"
#include "models/textdiff.h"
#include "repo/localrepo.h"
#include "repo/pipyrepoclient.h"
#include "repo/publishlog.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>

namespace Gatehouse::Ui {

using Core::ConfigBundle;
using Core::PipyRepoClient;
using Core::PublishResult;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Ui::PublishController)
};

const QString kKind = QStringLiteral("kind");
const QString kDirectory = QStringLiteral("directory");
const QString kServer = QStringLiteral("server");
const QString kCodebase = QStringLiteral("codebase");
const QString kToken = QStringLiteral("token");

QString normalizedCodebase(const QString &codebase)
{
    QString cb = codebase.trimmed();
    while (cb.endsWith(QLatin1Char('/')))
        cb.chop(1);
    if (!cb.startsWith(QLatin1Char('/')))
        cb.prepend(QLatin1Char('/'));
    return cb;
}

PublishResult failure(PublishResult::Status status, const QString &error)
{
    PublishResult r;
    r.status = status;
    r.error = error;
    return r;
}

} // namespace

QString PublishTarget::problem() const
{
    if (!isRemote())
        return directory.trimmed().isEmpty() ? Tr::tr("Choose a repo directory.") : QString();
    if (!server.isValid() || server.host().isEmpty()
        || (server.scheme() != QLatin1String("http") && server.scheme() != QLatin1String("https")))
        return Tr::tr("Enter the repo's URL, such as http://127.0.0.1:6060.");
    if (normalizedCodebase(codebase).size() < 2)
        return Tr::tr("Enter a codebase name, such as /local/fgw.");
    return QString();
}

QString PublishTarget::toString() const
{
    if (!isRemote())
        return Core::RepoTarget::local(QFileInfo(directory.trimmed()).absoluteFilePath())
            .toString();
    QUrl origin = server;
    origin.setPath(QString());
    return Core::RepoTarget::remote(origin, normalizedCodebase(codebase)).toString();
}

QVariantMap PublishTarget::toSettings(bool withToken) const
{
    QVariantMap map;
    map.insert(kKind, isRemote() ? QStringLiteral("remote") : QStringLiteral("local"));
    if (isRemote()) {
        map.insert(kServer, server.toString());
        map.insert(kCodebase, normalizedCodebase(codebase));
        if (withToken && !token.isEmpty())
            map.insert(kToken, QString::fromUtf8(token));
    } else {
        map.insert(kDirectory, QFileInfo(directory.trimmed()).absoluteFilePath());
    }
    return map;
}

PublishTarget PublishTarget::fromSettings(const QVariantMap &map)
{
    PublishTarget t;
    t.kind = map.value(kKind).toString() == QLatin1String("remote") ? Kind::Remote : Kind::Local;
    t.directory = map.value(kDirectory).toString();
    t.server = QUrl(map.value(kServer).toString());
    t.codebase = map.value(kCodebase).toString();
    t.token = map.value(kToken).toString().toUtf8();
    return t;
}

PublishController::PublishController(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

PublishController::~PublishController()
{
    m_pool.waitForDone();
}

template<typename R>
void PublishController::run(std::function<R()> work, std::function<void(const R &)> done)
{
    // `this` outlives the job (the destructor waits); the queued call is dropped with `this`.
    m_pool.start([this, work = std::move(work), done = std::move(done)] {
        R result = work();
        QMetaObject::invokeMethod(
            this, [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
    });
}

PipyRepoClient *PublishController::makeClient(const PublishTarget &target)
{
    QUrl origin = target.server;
    origin.setPath(QString());
    auto *client = new PipyRepoClient(origin, this);
    QByteArray token = target.token;
    if (token.isEmpty())
        token = qgetenv("GATEHOUSE_REPO_TOKEN");
    client->setToken(token);
    client->setTimeout(m_timeout);
    return client;
}

void PublishController::fetch(const PublishTarget &target,
                              std::function<void(const Snapshot &)> done)
{
    if (!target.isRemote()) {
        const QString dir = QFileInfo(target.directory.trimmed()).absoluteFilePath();
        run<Snapshot>(
            [dir] {
                Snapshot s;
                Core::LocalRepo repo(dir);
                const int current = repo.currentVersion();
                s.version = QString::number(current);
                if (current == 0)
                    return s; // a new or empty directory: nothing published yet
                const auto bundle = repo.load(current, &s.error);
                if (bundle) {
                    s.exists = true;
                    s.bundle = *bundle;
                }
                return s;
            },
            std::move(done));
        return;
    }
    PipyRepoClient *client = makeClient(target);
    const QString codebase = normalizedCodebase(target.codebase);
    client->readCodebase(codebase, [client, codebase, done = std::move(done)](
                                       const std::optional<PipyRepoClient::CodebaseInfo> &info,
                                       const PipyRepoClient::Reply &reply) {
        Snapshot s;
        if (!info) {
            if (reply.status != 404) {
                s.error = reply.ok() ? Tr::tr("%1 did not answer like a Pipy repo")
                                           .arg(client->server().toString())
                                     : reply.describe();
            }
            client->deleteLater();
            return done(s); // 404: the codebase does not exist yet; publishing creates it
        }
        s.version = info->version;
        if (!info->files.contains(QStringLiteral("/config.json"))) {
            client->deleteLater();
            return done(s);
        }
        client->fetchPublished(
            codebase, [client, s, done](const std::optional<ConfigBundle> &bundle,
                                        const QString &etag, const QString &error) mutable {
                client->deleteLater();
                if (!bundle) {
                    s.error = error;
                    return done(s);
                }
                s.exists = true;
                s.bundle = *bundle;
                if (!etag.isEmpty())
                    s.version = etag;
                done(s);
            });
    });
}

void PublishController::compare(const QByteArray &text,
                                const QString &configFile,
                                const Snapshot &theirs,
                                const QString &theirsLabel,
                                std::function<void(const Comparison &)> done)
{
    run<Comparison>(
        [text, configFile, theirs, theirsLabel] {
            Comparison c;
            if (!configFile.isEmpty() && QFileInfo::exists(configFile)) {
                // The static files of its relative ServerRoots go with the config.
                const auto fromDisk = ConfigBundle::fromConfigFile(configFile, &c.bundleError);
                if (fromDisk)
                    c.bundle = *fromDisk;
            }
            c.bundle.setConfig(text);
            const Core::LoadResult ours = Core::ConfigLoader::load(text);
            for (const Core::Diagnostic &d : ours.diagnostics) {
                if (d.severity == Core::Severity::Error)
                    c.errors.append(d);
            }
            const Core::LoadResult before = Core::ConfigLoader::load(
                theirs.exists ? theirs.bundle.config() : QByteArray("{}"));
            if (ours.config && before.config) {
                c.changes = Core::ConfigDiff::compare(*before.config, *ours.config);
                c.summary = Core::ConfigDiff::summary(c.changes);
            }
            c.textDiff = TextDiff::unified(theirs.bundle.config(), text, theirsLabel,
                                           Tr::tr("editor/config.json"))
                             .unified;
            const auto &mine = c.bundle.files();
            const auto &old = theirs.bundle.files();
            for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
                if (it.key() == ConfigBundle::ConfigPath)
                    continue;
                if (!old.contains(it.key()))
                    c.fileChanges << Tr::tr("%1: added").arg(it.key());
                else if (old.value(it.key()) != it.value())
                    c.fileChanges << Tr::tr("%1: changed").arg(it.key());
            }
            for (auto it = old.cbegin(); it != old.cend(); ++it) {
                if (it.key() != ConfigBundle::ConfigPath && !mine.contains(it.key()))
                    c.fileChanges << Tr::tr("%1: removed").arg(it.key());
            }
            c.identical = theirs.exists && theirs.bundle == c.bundle;
            return c;
        },
        std::move(done));
}

void PublishController::publish(const PublishTarget &target,
                                const ConfigBundle &bundle,
                                const QString &message,
                                const QString &ifVersion,
                                std::function<void(const PublishResult &, const QString &)> done)
{
    if (target.isRemote())
        return publishRemote(target, bundle, message, ifVersion, std::move(done));
    const QString dir = QFileInfo(target.directory.trimmed()).absoluteFilePath();
    run<PublishResult>(
        [dir, bundle, message, ifVersion] {
            bool ok = false;
            const int expected = ifVersion.toInt(&ok);
            if (!ok)
                return failure(PublishResult::Status::Conflict,
                               Tr::tr("%1 is not a version number").arg(ifVersion));
            return Core::LocalRepo(dir).publish(bundle, message, expected);
        },
        [done](const PublishResult &r) { done(r, QString()); });
}

void PublishController::publishRemote(
    const PublishTarget &target,
    const ConfigBundle &bundle,
    const QString &message,
    const QString &ifVersion,
    std::function<void(const PublishResult &, const QString &)> done)
{
    PipyRepoClient *client = makeClient(target);
    PipyRepoClient::PublishOptions options;
    options.ifVersion = ifVersion;
    const QString key = target.toString();
    const QString logDirectory = m_logDirectory;
    client->publish(
        normalizedCodebase(target.codebase), bundle, options,
        [this, client, bundle, message, key, logDirectory, done](const PublishResult &result) {
            client->deleteLater();
            if (!result.ok())
                return done(result, QString());
            // A Pipy repo keeps no history: record the publish in the log.
            run<QString>(
                [result, bundle, message, key, logDirectory] {
                    QString error;
                    Core::PublishLog log(logDirectory);
                    if (!log.append({QDateTime::currentDateTimeUtc(), key, result.version,
                                     result.previousVersion, message, bundle.contentHash(), bundle},
                                    &error))
                        return error;
                    return QString();
                },
                [result, done](const QString &error) {
                    done(result, error.isEmpty()
                                     ? QString()
                                     : Tr::tr("The publish log was not written: %1").arg(error));
                });
        });
}

void PublishController::history(const PublishTarget &target,
                                std::function<void(const History &)> done)
{
    if (!target.isRemote()) {
        const QString dir = QFileInfo(target.directory.trimmed()).absoluteFilePath();
        run<History>(
            [dir] {
                History h;
                Core::LocalRepo repo(dir);
                const int current = repo.currentVersion();
                h.currentVersion = QString::number(current);
                for (const Core::LocalRepo::Version &v : repo.history(&h.error))
                    h.versions.append({QString::number(v.number), v.time, v.message, v.hash,
                                       v.number == current});
                return h;
            },
            std::move(done));
        return;
    }
    // The versions come from the publish log; which one is current, from the repo.
    const QString key = target.toString();
    const QString logDirectory = m_logDirectory;
    PipyRepoClient *client = makeClient(target);
    QPointer<PublishController> self(this);
    client->readCodebase(
        normalizedCodebase(target.codebase),
        [self, client, key, logDirectory,
         done = std::move(done)](const std::optional<PipyRepoClient::CodebaseInfo> &info,
                                 const PipyRepoClient::Reply &reply) {
            client->deleteLater();
            if (!self)
                return;
            QString error;
            if (!info && reply.status != 404)
                error = reply.describe();
            const QString current = info ? info->version : QString();
            self->run<History>(
                [key, logDirectory, current, error] {
                    History h;
                    h.error = error;
                    h.currentVersion = current;
                    for (const Core::PublishLog::Entry &e :
                         Core::PublishLog(logDirectory).entries(key))
                        h.versions.append({e.version, e.time, e.message, e.hash,
                                           !current.isEmpty() && e.version == current});
                    return h;
                },
                done);
        });
}

void PublishController::loadVersion(const PublishTarget &target,
                                    const QString &version,
                                    const QString &previous,
                                    std::function<void(const VersionText &)> done)
{
    const bool remote = target.isRemote();
    const QString dir = QFileInfo(target.directory.trimmed()).absoluteFilePath();
    const QString key = target.toString();
    const QString logDirectory = m_logDirectory;
    run<VersionText>(
        [=] {
            VersionText v;
            auto load = [&](const QString &number, QString *error) -> std::optional<QByteArray> {
                if (remote) {
                    if (const auto entry = Core::PublishLog(logDirectory).find(key, number))
                        return entry->bundle.config();
                    *error = Tr::tr("version %1 is not in the publish log").arg(number);
                    return std::nullopt;
                }
                const auto bundle = Core::LocalRepo(dir).load(number.toInt(), error);
                return bundle ? std::optional<QByteArray>(bundle->config()) : std::nullopt;
            };
            const auto text = load(version, &v.error);
            if (!text)
                return v;
            v.text = *text;
            QByteArray before;
            if (!previous.isEmpty()) {
                QString ignored;
                before = load(previous, &ignored).value_or(QByteArray());
            }
            v.diffWithPrevious
                = TextDiff::unified(before, v.text,
                                    previous.isEmpty() ? Tr::tr("(nothing)")
                                                       : Tr::tr("version %1").arg(previous),
                                    Tr::tr("version %1").arg(version))
                      .unified;
            return v;
        },
        std::move(done));
}

void PublishController::rollback(const PublishTarget &target,
                                 const QString &version,
                                 const QString &ifVersion,
                                 std::function<void(const PublishResult &, const QString &)> done)
{
    const QString message = Tr::tr("rollback to version %1").arg(version);
    if (!target.isRemote()) {
        const QString dir = QFileInfo(target.directory.trimmed()).absoluteFilePath();
        run<PublishResult>(
            [dir, version, ifVersion, message] {
                return Core::LocalRepo(dir).rollback(version.toInt(), message, ifVersion.toInt());
            },
            [done](const PublishResult &r) { done(r, QString()); });
        return;
    }
    const QString key = target.toString();
    const QString logDirectory = m_logDirectory;
    run<std::optional<ConfigBundle>>(
        [key, logDirectory, version]() -> std::optional<ConfigBundle> {
            if (const auto entry = Core::PublishLog(logDirectory).find(key, version))
                return entry->bundle;
            return std::nullopt;
        },
        [this, target, version, ifVersion, message,
         done](const std::optional<ConfigBundle> &bundle) {
            if (!bundle)
                return done(failure(PublishResult::Status::IoError,
                                    Tr::tr("version %1 is not in the publish log").arg(version)),
                            QString());
            publishRemote(target, *bundle, message, ifVersion, done);
        });
}

} // namespace Gatehouse::Ui
