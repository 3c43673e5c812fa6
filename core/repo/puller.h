#pragma once

#include "configbundle.h"
#include "repotarget.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QFileSystemWatcher;
class QTcpSocket;
class QTemporaryDir;

namespace Gatehouse::Core {

class PipyRepoClient;

// The data-plane side of a repo, like a Pipy worker started as `pipy URL` (reference §3.5):
// downloads the manifest and the config files (config.json and static/ only: FGW's /local/fgw
// derives from /base/fgw, whose manifest lists all of FGW's scripts), then polls `HEAD` every
// pollInterval and downloads again when the `etag` changes; reports status with `POST <url>`;
// holds the WebSocket admin link at `<url><uuid>` and downloads at once on `reload`.
// For a local repo directory it watches `current` (file watcher plus the same poll).
//
// A new version is validated (ConfigLoader) and handed to the applier; only when both succeed
// does it become current. Otherwise the last good version stays, the reason is logged and
// reported with rejected(), and the next poll tries again. While the repo is unreachable or
// answers garbage the last good version stays too (problem()).
//
// Lives in: the thread that creates it; the applier is called there, synchronously.
class Puller : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int pollIntervalMs = 5000;
        int timeoutMs = 10000;
        bool reportStatus = true;
        bool adminLink = true;
        QString instanceName; // default: "gatehouse-<pid>"
        QString instanceUuid; // default: a new UUID
        QByteArray token;     // bearer token for Gatehouse repos that require one
        // Where downloaded versions are written (remote targets); default: a private temp dir.
        QString cacheDirectory;
    };
    // A version ready to run: its files are in `directory` (relative ServerRoots resolve to
    // <directory>/static/<root>) and stay there while it is current.
    struct Update
    {
        QString version; // the etag (remote) or the version number (local)
        QString directory;
        ConfigBundle bundle;
    };
    // Applies an update (e.g. through EngineController); returns an error, empty on success.
    using Applier = std::function<QString(const Update &)>;

    Puller(const RepoTarget &target, const Options &options, QObject *parent = nullptr);
    ~Puller() override;

    void setApplier(const Applier &applier) { m_applier = applier; }
    void start();
    void stop();
    // Checks at once (HEAD, or the local `current`) instead of waiting for the next poll.
    void checkNow();

    const std::optional<Update> &current() const { return m_current; }
    QString instanceUuid() const { return m_options.instanceUuid; }

signals:
    void updated(const QString &version);
    void rejected(const QString &version, const QString &reason);
    void problem(const QString &message);
    void checked(); // one poll or download finished (tests wait on it)

private:
    void poll();
    void download();
    void offer(const QString &version,
               const ConfigBundle &bundle,
               const QString &directory,
               bool ownDirectory);
    void scheduleNext();
    void checkLocal();
    void reportStatus();
    void openAdminLink();
    void onAdminLinkData();
    void report(const QString &message);

    RepoTarget m_target;
    Options m_options;
    Applier m_applier;
    PipyRepoClient *m_client = nullptr;
    QTimer m_pollTimer;
    QTimer m_statusTimer;
    QFileSystemWatcher *m_watcher = nullptr;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_cacheDir;
    std::optional<Update> m_current;
    bool m_currentOwnsDirectory = false;
    QString m_etag;
    bool m_busy = false;
    bool m_again = false;
    bool m_running = false;
    qint64 m_since = 0;
    int m_sequence = 0;
    QTcpSocket *m_link = nullptr;
    QByteArray m_linkBuffer;
    bool m_linkOpen = false;
};

} // namespace Gatehouse::Core
