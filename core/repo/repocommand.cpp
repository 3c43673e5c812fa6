#include "repocommand.h"

#include "config/configdiff.h"
#include "config/configloader.h"
#include "configbundle.h"
#include "localrepo.h"
#include "pipyrepoclient.h"
#include "publishlog.h"
#include "reposerver.h"
#include "repotarget.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

namespace Gatehouse::Core {

namespace {

using namespace Qt::StringLiterals;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::RepoCommand)
};

// Options every command that talks to a target accepts.
struct TargetOptions
{
    QCommandLineOption token{u"token"_s,
                             Tr::tr("Bearer token for a Gatehouse repo (default: "
                                    "$GATEHOUSE_REPO_TOKEN)."),
                             u"TOKEN"_s};
    QCommandLineOption timeout{u"timeout"_s,
                               Tr::tr("Seconds to wait for each answer (default 10)."),
                               u"SECONDS"_s, u"10"_s};
    QCommandLineOption logDir{u"log-dir"_s,
                              Tr::tr("Directory of the publish log for remote targets (default: "
                                     "$GATEHOUSE_PUBLISH_LOG_DIR, else beside the settings)."),
                              u"DIR"_s};

    void addTo(QCommandLineParser &parser) const { parser.addOptions({token, timeout, logDir}); }
};

std::unique_ptr<PipyRepoClient>
makeClient(const RepoTarget &target, const QCommandLineParser &parser, const TargetOptions &options)
{
    auto client = std::make_unique<PipyRepoClient>(target.server());
    QString token = parser.value(options.token);
    if (token.isEmpty())
        token = qEnvironmentVariable("GATEHOUSE_REPO_TOKEN");
    client->setToken(token.toUtf8());
    client->setTimeout(qMax(1, parser.value(options.timeout).toInt()) * 1000);
    return client;
}

std::optional<RepoTarget> targetArgument(const QString &text, QTextStream &err)
{
    QString error;
    auto target = RepoTarget::parse(text, &error);
    if (!target)
        err << error << '\n';
    return target;
}

// Fetches what the target currently publishes (for pull and for the conflict diff).
std::optional<ConfigBundle>
fetchCurrent(const RepoTarget &target, PipyRepoClient *client, QString *version, QString *error)
{
    if (!target.isRemote()) {
        LocalRepo repo(target.localPath());
        const int current = repo.currentVersion();
        *version = QString::number(current);
        if (current == 0) {
            *error = Tr::tr("%1 holds no version yet").arg(target.localPath());
            return std::nullopt;
        }
        return repo.load(current, error);
    }
    std::optional<ConfigBundle> result;
    QEventLoop loop;
    client->fetchPublished(target.codebase(), [&](const std::optional<ConfigBundle> &bundle,
                                                  const QString &etag, const QString &why) {
        result = bundle;
        *version = etag;
        *error = why;
        loop.quit();
    });
    loop.exec();
    return result;
}

// Re-reads the codebase until every instance reports `version` or `seconds` pass (publish
// --wait): workers pick a version up within one poll interval or at once on the admin link.
void waitForInstances(PipyRepoClient *client,
                      const RepoTarget &target,
                      PublishResult *result,
                      int seconds)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < seconds * 1000) {
        QEventLoop pause;
        QTimer::singleShot(500, &pause, &QEventLoop::quit);
        pause.exec();
        QEventLoop loop;
        client->readCodebase(
            target.codebase(), [&](const std::optional<PipyRepoClient::CodebaseInfo> &info,
                                   const PipyRepoClient::Reply &) {
                if (info) {
                    result->instancesUpdated.clear();
                    result->instancesPending.clear();
                    for (auto it = info->instances.begin(); it != info->instances.end(); ++it) {
                        const QJsonObject instance = it.value().toObject();
                        const QJsonObject status = instance.value("status"_L1).toObject();
                        QString name = status.value("name"_L1).toString();
                        if (name.isEmpty())
                            name = instance.value("ip"_L1).toString() + u'#' + it.key();
                        (status.value("version"_L1).toString() == result->version
                             ? result->instancesUpdated
                             : result->instancesPending)
                            .append(name);
                    }
                }
                loop.quit();
            });
        loop.exec();
        if (result->instancesPending.isEmpty() && !result->instancesUpdated.isEmpty())
            return;
    }
}

PublishResult publishRemote(PipyRepoClient *client,
                            const RepoTarget &target,
                            const ConfigBundle &bundle,
                            const PipyRepoClient::PublishOptions &options)
{
    PublishResult result;
    QEventLoop loop;
    client->publish(target.codebase(), bundle, options, [&](const PublishResult &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    return result;
}

void printResult(const PublishResult &r,
                 const RepoTarget &target,
                 QTextStream &out,
                 QTextStream &err)
{
    if (r.status == PublishResult::Status::Unchanged) {
        out << Tr::tr("%1 already holds this content at version %2; nothing written.")
                   .arg(target.toString(), r.version)
            << '\n';
        return;
    }
    if (r.ok()) {
        out << Tr::tr("published version %1 to %2 (previous: %3; %4 written, %5 deleted)")
                   .arg(r.version, target.toString(),
                        r.previousVersion.isEmpty() ? Tr::tr("none") : r.previousVersion)
                   .arg(r.written.size())
                   .arg(r.deleted.size())
            << '\n';
        if (target.isRemote()) {
            out << Tr::tr("instances on version %1: %2")
                       .arg(r.version)
                       .arg(r.instancesUpdated.isEmpty() ? Tr::tr("none yet")
                                                         : r.instancesUpdated.join(u", "_s))
                << '\n';
            if (!r.instancesPending.isEmpty())
                out << Tr::tr("instances not yet updated: %1").arg(r.instancesPending.join(u", "_s))
                    << '\n';
        }
        return;
    }
    err << Tr::tr("publish to %1 failed: %2").arg(target.toString(), r.error) << '\n';
    if (!r.written.isEmpty())
        err << Tr::tr("written (not committed): %1").arg(r.written.join(u", "_s)) << '\n';
    if (!r.deleted.isEmpty())
        err << Tr::tr("deleted (not committed): %1").arg(r.deleted.join(u", "_s)) << '\n';
    if (!r.notWritten.isEmpty())
        err << Tr::tr("not written: %1").arg(r.notWritten.join(u", "_s)) << '\n';
}

// Loads and checks FILE; prints its errors. nullopt: exit with InvalidConfig.
std::optional<ConfigBundle> readConfig(const QString &file, QTextStream &err)
{
    QString error;
    auto bundle = ConfigBundle::fromConfigFile(file, &error);
    if (!bundle) {
        err << error << '\n';
        return std::nullopt;
    }
    const LoadResult loaded = ConfigLoader::load(bundle->config());
    if (loaded.hasErrors()) {
        for (const Diagnostic &d : loaded.diagnostics) {
            if (d.severity == Severity::Error)
                err << d.format(file) << '\n';
        }
        err << Tr::tr("%1 has errors; nothing was published.").arg(file) << '\n';
        return std::nullopt;
    }
    return bundle;
}

// On a conflict, shows what differs between the target's current config and ours.
void printConflictDiff(const RepoTarget &target,
                       PipyRepoClient *client,
                       const ConfigBundle &ours,
                       QTextStream &err)
{
    QString version, error;
    const auto theirs = fetchCurrent(target, client, &version, &error);
    if (!theirs)
        return;
    const LoadResult before = ConfigLoader::load(theirs->config());
    const LoadResult after = ConfigLoader::load(ours.config());
    if (!before.config || !after.config)
        return;
    const QList<ConfigDiff::Change> changes = ConfigDiff::compare(*before.config, *after.config);
    err << Tr::tr("your config compared with version %1 on the target:").arg(version) << '\n';
    if (changes.isEmpty())
        err << "  " << Tr::tr("no difference in config.json") << '\n';
    for (const ConfigDiff::Change &c : changes)
        err << "  " << c.sentence << '\n';
}

int publishBundle(const ConfigBundle &bundle,
                  const RepoTarget &target,
                  const QString &message,
                  const QString &ifVersion,
                  const QString &base,
                  int waitSeconds,
                  const QCommandLineParser &parser,
                  const TargetOptions &options,
                  QTextStream &out,
                  QTextStream &err)
{
    PublishResult result;
    std::unique_ptr<PipyRepoClient> client;
    if (target.isRemote()) {
        client = makeClient(target, parser, options);
        PipyRepoClient::PublishOptions publishOptions;
        publishOptions.base = base;
        if (!ifVersion.isNull())
            publishOptions.ifVersion = ifVersion;
        result = publishRemote(client.get(), target, bundle, publishOptions);
        if (result.ok() && waitSeconds > 0)
            waitForInstances(client.get(), target, &result, waitSeconds);
        if (result.ok()) {
            PublishLog log(parser.value(options.logDir));
            QString error;
            if (!log.append({QDateTime::currentDateTimeUtc(), target.toString(), result.version,
                             result.previousVersion, message, bundle.contentHash(), bundle},
                            &error))
                err << Tr::tr("warning: published, but the publish log was not written: %1")
                           .arg(error)
                    << '\n';
        }
    } else {
        std::optional<int> expected;
        if (!ifVersion.isNull()) {
            bool ok = false;
            expected = ifVersion.toInt(&ok);
            if (!ok) {
                err << Tr::tr("--if-version: %1 is not a version number").arg(ifVersion) << '\n';
                return RepoCommand::Usage;
            }
        }
        result = LocalRepo(target.localPath()).publish(bundle, message, expected);
    }
    printResult(result, target, out, err);
    if (result.status == PublishResult::Status::Conflict)
        printConflictDiff(target, client.get(), bundle, err);
    return RepoCommand::exitCodeFor(result);
}

} // namespace

int RepoCommand::exitCodeFor(const PublishResult &result)
{
    switch (result.status) {
    case PublishResult::Status::Ok:
    case PublishResult::Status::Unchanged:
        return Ok;
    case PublishResult::Status::InvalidConfig:
        return InvalidConfig;
    case PublishResult::Status::Conflict:
        return Conflict;
    default:
        return TargetFailed;
    }
}

int RepoCommand::publish(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Publish a config.json (and the static files of its relative ServerRoots) to a "
               "local repo directory or a Pipy repo codebase URL."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"FILE"_s, Tr::tr("The config.json to publish."));
    const QCommandLineOption to(
        u"to"_s, Tr::tr("Target: a directory or http://host:6060/repo/<codebase>/."), u"TARGET"_s);
    const QCommandLineOption message(u"message"_s, Tr::tr("What this version changes."), u"TEXT"_s);
    const QCommandLineOption ifVersion(
        u"if-version"_s, Tr::tr("Refuse (exit 4) unless the target is at version N."), u"N"_s);
    const QCommandLineOption base(
        u"base"_s, Tr::tr("Create a missing codebase derived from this one (e.g. /base/fgw)."),
        u"CODEBASE"_s);
    const QCommandLineOption wait(u"wait"_s,
                                  Tr::tr("Remote targets: wait up to SECONDS until every instance "
                                         "reports the new version."),
                                  u"SECONDS"_s, u"0"_s);
    parser.addOptions({to, message, ifVersion, base, wait});
    TargetOptions options;
    options.addTo(parser);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1 || !parser.isSet(to)) {
        err << Tr::tr("publish: give one FILE and --to TARGET.") << '\n' << parser.helpText();
        return Usage;
    }
    const auto target = targetArgument(parser.value(to), err);
    if (!target)
        return Usage;
    const auto bundle = readConfig(parser.positionalArguments().first(), err);
    if (!bundle)
        return InvalidConfig;
    return publishBundle(*bundle, *target, parser.value(message),
                         parser.isSet(ifVersion) ? parser.value(ifVersion) : QString(),
                         parser.value(base), parser.value(wait).toInt(), parser, options, out, err);
}

int RepoCommand::pull(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Download the current config of a target. Without -o, config.json goes to stdout; "
               "with -o FILE, static files are written beside FILE under static/."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"TARGET"_s, Tr::tr("A directory or a codebase URL."));
    const QCommandLineOption output({u"o"_s, u"output"_s}, Tr::tr("Write config.json here."),
                                    u"FILE"_s);
    parser.addOption(output);
    TargetOptions options;
    options.addTo(parser);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err << Tr::tr("pull: give one TARGET.") << '\n' << parser.helpText();
        return Usage;
    }
    const auto target = targetArgument(parser.positionalArguments().first(), err);
    if (!target)
        return Usage;
    std::unique_ptr<PipyRepoClient> client;
    if (target->isRemote())
        client = makeClient(*target, parser, options);
    QString version, error;
    const auto bundle = fetchCurrent(*target, client.get(), &version, &error);
    if (!bundle) {
        err << Tr::tr("pull from %1 failed: %2").arg(target->toString(), error) << '\n';
        return TargetFailed;
    }
    if (!parser.isSet(output)) {
        out << QString::fromUtf8(bundle->config());
        out.flush();
    } else {
        const QString file = parser.value(output);
        const QString dir = QFileInfo(file).absolutePath();
        ConfigBundle renamed;
        for (auto it = bundle->files().cbegin(); it != bundle->files().cend(); ++it) {
            if (it.key() != ConfigBundle::ConfigPath)
                renamed.insert(it.key(), it.value());
        }
        QString writeError;
        QFile config(file);
        if (!QDir().mkpath(dir) || !renamed.writeTo(dir, &writeError)
            || !config.open(QIODevice::WriteOnly)
            || config.write(bundle->config()) != bundle->config().size()) {
            err << Tr::tr("cannot write %1: %2")
                       .arg(file, writeError.isEmpty() ? config.errorString() : writeError)
                << '\n';
            return TargetFailed;
        }
    }
    err << Tr::tr("pulled version %1 from %2 (%n file(s))", nullptr, int(bundle->files().size()))
               .arg(version, target->toString())
        << '\n';
    return Ok;
}

int RepoCommand::history(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("List the versions of a target: a local repo's versions, or for a remote target the "
               "publishes recorded in Gatehouse's publish log. One line each: VERSION TIME HASH "
               "MESSAGE; '*' marks a local repo's current version."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"TARGET"_s, Tr::tr("A directory or a codebase URL."));
    TargetOptions options;
    options.addTo(parser);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1) {
        err << Tr::tr("history: give one TARGET.") << '\n' << parser.helpText();
        return Usage;
    }
    const auto target = targetArgument(parser.positionalArguments().first(), err);
    if (!target)
        return Usage;
    if (target->isRemote()) {
        const auto entries = PublishLog(parser.value(options.logDir)).entries(target->toString());
        for (const PublishLog::Entry &e : entries)
            out << e.version << '\t' << e.time.toString(Qt::ISODate) << '\t' << e.hash.left(12)
                << '\t' << e.message << '\n';
        if (entries.isEmpty())
            err << Tr::tr("no publish to %1 recorded").arg(target->toString()) << '\n';
        return Ok;
    }
    LocalRepo repo(target->localPath());
    QString error;
    const auto versions = repo.history(&error);
    if (!error.isEmpty()) {
        err << error << '\n';
        return TargetFailed;
    }
    const int current = repo.currentVersion();
    for (const LocalRepo::Version &v : versions)
        out << (v.number == current ? "*" : " ") << v.number << '\t' << v.time.toString(Qt::ISODate)
            << '\t' << v.hash.left(12) << '\t' << v.message << '\n';
    return Ok;
}

int RepoCommand::rollback(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Publish an earlier version again, as a new version."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"TARGET"_s, Tr::tr("A directory or a codebase URL."));
    parser.addPositionalArgument(u"VERSION"_s, Tr::tr("The version to publish again."));
    const QCommandLineOption message(u"message"_s, Tr::tr("Message of the new version."),
                                     u"TEXT"_s);
    const QCommandLineOption ifVersion(
        u"if-version"_s, Tr::tr("Refuse (exit 4) unless the target is at version N."), u"N"_s);
    parser.addOptions({message, ifVersion});
    TargetOptions options;
    options.addTo(parser);
    parser.process(arguments);
    if (parser.positionalArguments().size() != 2) {
        err << Tr::tr("rollback: give TARGET and VERSION.") << '\n' << parser.helpText();
        return Usage;
    }
    const auto target = targetArgument(parser.positionalArguments().at(0), err);
    if (!target)
        return Usage;
    const QString version = parser.positionalArguments().at(1);
    const QString text = parser.isSet(message) ? parser.value(message)
                                               : Tr::tr("rollback to version %1").arg(version);
    std::optional<ConfigBundle> bundle;
    if (target->isRemote()) {
        if (const auto entry
            = PublishLog(parser.value(options.logDir)).find(target->toString(), version))
            bundle = entry->bundle;
    } else {
        bool ok = false;
        const int number = version.toInt(&ok);
        if (ok)
            bundle = LocalRepo(target->localPath()).load(number);
    }
    if (!bundle) {
        err << Tr::tr("version %1 of %2 is unknown (see 'gatehouse-proxy history')")
                   .arg(version, target->toString())
            << '\n';
        return Usage;
    }
    return publishBundle(*bundle, *target, text,
                         parser.isSet(ifVersion) ? parser.value(ifVersion) : QString(), QString(),
                         0, parser, options, out, err);
}

int RepoCommand::serve(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("Serve a Pipy-compatible repo (REST API, manifests, worker status, admin links). "
               "Codebases are kept in --data; with --token every request needs "
               "'Authorization: Bearer TOKEN'."));
    parser.addHelpOption();
    const QCommandLineOption listen(u"listen"_s,
                                    Tr::tr("Address and port (default 127.0.0.1:6060)."),
                                    u"ADDR:PORT"_s, u"127.0.0.1:6060"_s);
    const QCommandLineOption data(u"data"_s, Tr::tr("Directory that keeps the codebases."),
                                  u"DIR"_s);
    const QCommandLineOption token(u"token"_s, Tr::tr("Require this bearer token."), u"TOKEN"_s);
    parser.addOptions({listen, data, token});
    parser.process(arguments);
    if (!parser.isSet(data) || !parser.positionalArguments().isEmpty()) {
        err << Tr::tr("repo: give --data DIR.") << '\n' << parser.helpText();
        return Usage;
    }
    const QString spec = parser.value(listen);
    const qsizetype colon = spec.lastIndexOf(u':');
    bool portOk = false;
    const uint port = spec.mid(colon + 1).toUInt(&portOk);
    QString host = colon > 0 ? spec.left(colon) : u"0.0.0.0"_s;
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address(host);
    if (!portOk || port > 65535 || address.isNull()) {
        err << Tr::tr("repo: --listen %1 is not ADDR:PORT").arg(spec) << '\n';
        return Usage;
    }
    RepoServer server(parser.value(data));
    server.setToken(parser.value(token).toUtf8());
    QString error;
    if (!server.listen(address, quint16(port), &error)) {
        err << Tr::tr("repo: cannot serve on %1: %2").arg(spec, error) << '\n';
        return TargetFailed;
    }
    out << Tr::tr("repo listening on %1:%2, data in %3")
               .arg(address.toString())
               .arg(server.serverPort())
               .arg(QDir(parser.value(data)).absolutePath())
        << Qt::endl;
    // Stopped by SIGINT/SIGTERM with the default action: every store write is atomic, so an
    // interrupted server loses nothing that it acknowledged.
    return QCoreApplication::exec();
}

} // namespace Gatehouse::Core
