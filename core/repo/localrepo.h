#pragma once

#include "configbundle.h"
#include "publishresult.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class QLockFile;

namespace Gatehouse::Core {

// A directory that keeps every published version of a config bundle, and which one is current.
//
// Layout (all of it written by this class only):
//   DIR/current                  the current version number, text
//   DIR/versions/<n>/meta.json   {"version", "time", "message", "hash", "files": {path: sha256}}
//   DIR/versions/<n>/tree/...    the bundle: config.json, static/<root>/...
//   DIR/.lock                    QLockFile held by the one writer
//   DIR/.staging-*               a version being written (removed by the next writer)
//
// Crash safety: a version is written completely into a staging directory (every file fsync'd),
// renamed to versions/<n>, and only then is `current` replaced atomically. A writer killed at
// any moment leaves `current` naming a whole version; the next writer deletes leftovers
// (staging directories and versions above `current`, which were never committed).
// Versions are immutable once committed, so readers need no lock.
//
// Thread: a plain object, use from one thread at a time; several processes may share a DIR.
class LocalRepo
{
public:
    struct Version
    {
        int number = 0;
        QDateTime time; // UTC
        QString message;
        QByteArray hash; // ConfigBundle::contentHash()
    };

    explicit LocalRepo(const QString &directory);

    QString directory() const { return m_dir; }
    // How long publish() waits for another writer's lock (default 5 s).
    void setLockTimeout(int milliseconds) { m_lockTimeout = milliseconds; }

    // The committed current version, 0 when nothing was ever published (or DIR is missing).
    int currentVersion() const;
    // Every committed version, oldest first.
    QList<Version> history(QString *error = nullptr) const;
    std::optional<Version> version(int number, QString *error = nullptr) const;
    std::optional<ConfigBundle> load(int number, QString *error = nullptr) const;
    // Where version `number`'s files live (the engine runs configs from here: relative
    // ServerRoots resolve to <tree>/static/<root>). Immutable once committed.
    QString treeDirectory(int number) const;
    // Recomputes the content hash of a committed version and compares it with its meta.json.
    bool verify(int number, QString *error = nullptr) const;

    // Stores `bundle` as version current+1 and makes it current. `ifVersion`: refuse with
    // Conflict unless the current version is exactly this one. Content equal to the current
    // version is still stored as a new version (a publish is an explicit act), unless
    // `skipUnchanged`.
    PublishResult publish(const ConfigBundle &bundle,
                          const QString &message,
                          std::optional<int> ifVersion = std::nullopt,
                          bool skipUnchanged = false);
    // Publishes version `number` again as a new version.
    PublishResult rollback(int number,
                           const QString &message = QString(),
                           std::optional<int> ifVersion = std::nullopt);

    // The file a watcher observes to notice a new current version.
    QString currentFile() const;

private:
    PublishResult publishLocked(const ConfigBundle &bundle,
                                const QString &message,
                                std::optional<int> ifVersion,
                                bool skipUnchanged);
    void removeLeftovers(int current) const;
    // False when another writer holds the lock past the timeout, or at once (with `ioError`)
    // when the lock file cannot be written at all (full disk, read-only file system).
    bool acquire(QLockFile &lock, QString *ioError) const;

    QString m_dir;
    int m_lockTimeout = 5000;
};

} // namespace Gatehouse::Core
