#pragma once

#include "config/configdiff.h"
#include "config/diagnostic.h"
#include "repo/configbundle.h"
#include "repo/publishresult.h"
#include "repo/repotarget.h"

#include <QDateTime>
#include <QObject>
#include <QThreadPool>
#include <QUrl>
#include <QVariantMap>

#include <functional>

namespace Gatehouse::Core {
class PipyRepoClient;
}

namespace Gatehouse::Ui {

// Where the publish dialog publishes to: a local repo directory (Core::LocalRepo) or a codebase
// of a Pipy repo (Core::PipyRepoClient). A plain value.
struct PublishTarget
{
    enum class Kind { Local, Remote };
    Kind kind = Kind::Local;
    QString directory;
    QUrl server;      // scheme://host:port
    QString codebase; // "/local/fgw"
    QByteArray token; // bearer token of a Gatehouse repo, may be empty

    bool isRemote() const { return kind == Kind::Remote; }
    // Empty when usable, else why not (translated).
    QString problem() const;
    // The CLI's spelling of the target: the publish log of remote targets is keyed by it, so
    // the app and `gatehouse-proxy history` see the same history.
    QString toString() const;
    QVariantMap toSettings(bool withToken) const;
    static PublishTarget fromSettings(const QVariantMap &map);
    bool sameTarget(const PublishTarget &other) const { return toString() == other.toString(); }
};

// Runs the publish dialog's work off the GUI thread: local repo reads and writes and the publish
// log on a private one-thread pool (so they are serialised), remote repos through
// PipyRepoClient's asynchronous API. Every call returns at once and calls `done` exactly once,
// on the GUI thread, unless the controller was destroyed first (the destructor waits for
// running local jobs; remote replies after it are dropped).
//
// Lives in: the GUI thread.
class PublishController : public QObject
{
    Q_OBJECT
public:
    // What the target publishes now. `error` empty: read; `exists` false: nothing yet.
    struct Snapshot
    {
        QString error;
        bool exists = false;
        QString version; // "" for a remote codebase that does not exist, "0" for an empty dir
        Core::ConfigBundle bundle;
    };
    // The editor's document against a snapshot, computed on the worker.
    struct Comparison
    {
        QString bundleError; // the static files could not be read
        QList<Core::Diagnostic> errors;
        QList<Core::ConfigDiff::Change> changes;
        QString summary;
        QString textDiff;
        QStringList fileChanges;   // "static/www/index.html: added"
        Core::ConfigBundle bundle; // what Publish sends
        bool identical = false;
    };
    struct Version
    {
        QString version;
        QDateTime time;
        QString message;
        QByteArray hash;
        bool current = false;
    };
    struct History
    {
        QString error;
        QString currentVersion;
        QList<Version> versions; // oldest first
    };
    struct VersionText
    {
        QString error;
        QByteArray text;
        QString diffWithPrevious;
    };

    explicit PublishController(QObject *parent = nullptr);
    ~PublishController() override;

    // Directory of the publish log for remote targets (default: Core::PublishLog's).
    void setPublishLogDirectory(const QString &directory) { m_logDirectory = directory; }
    // Per remote request (default 10 s).
    void setTimeout(int milliseconds) { m_timeout = milliseconds; }

    void fetch(const PublishTarget &target, std::function<void(const Snapshot &)> done);
    // `configFile`: the document's file, whose static/<root> files go with it (may be empty).
    void compare(const QByteArray &text,
                 const QString &configFile,
                 const Snapshot &theirs,
                 const QString &theirsLabel,
                 std::function<void(const Comparison &)> done);
    // Publishes only if the target is still at `ifVersion`. `warning`: published, but the
    // publish log could not record it.
    void publish(const PublishTarget &target,
                 const Core::ConfigBundle &bundle,
                 const QString &message,
                 const QString &ifVersion,
                 std::function<void(const Core::PublishResult &, const QString &warning)> done);
    void history(const PublishTarget &target, std::function<void(const History &)> done);
    // The config text of `version`, and its diff with `previous` ("" for none).
    void loadVersion(const PublishTarget &target,
                     const QString &version,
                     const QString &previous,
                     std::function<void(const VersionText &)> done);
    // Publishes `version`'s content again as a new version, if the target is at `ifVersion`.
    void rollback(const PublishTarget &target,
                  const QString &version,
                  const QString &ifVersion,
                  std::function<void(const Core::PublishResult &, const QString &warning)> done);

private:
    template<typename R>
    void run(std::function<R()> work, std::function<void(const R &)> done);
    Core::PipyRepoClient *makeClient(const PublishTarget &target);
    void publishRemote(const PublishTarget &target,
                       const Core::ConfigBundle &bundle,
                       const QString &message,
                       const QString &ifVersion,
                       std::function<void(const Core::PublishResult &, const QString &)> done);

    QThreadPool m_pool;
    QString m_logDirectory;
    int m_timeout = 10000;
};

} // namespace Gatehouse::Ui
