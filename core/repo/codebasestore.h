#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse::Core {

// The codebases of a Pipy-compatible repo, with Pipy's semantics (reference §3.2, §3.3):
// pending edits and erasures, versioned ("full") and unversioned ("incremental") commits,
// manifests, per-file versions, `_etags`, derived codebases bumped when their base commits,
// and worker instances. Unlike Pipy's, it keeps everything but instances on disk:
// DIR/store.json (metadata) and DIR/blobs/<sha256> (contents), each write atomic.
//
// Errors are values: an HTTP status and Pipy's short message. The store knows nothing about
// sockets; RepoServer maps requests onto it.
// Thread: a plain object, used from RepoServer's thread only.
class CodebaseStore
{
public:
    struct Error
    {
        int status = 400;
        QByteArray message;
    };
    struct FileRecord
    {
        QByteArray hash; // sha256 hex of the content (blob name)
        QString version;
    };
    struct Instance
    {
        int id = 0;
        QString uuid;
        QString ip;
        qint64 lastSeenMs = 0;
        QJsonObject status;
    };
    struct Codebase
    {
        QString path; // "/local/fgw"
        QString version = QStringLiteral("0");
        QString main = QStringLiteral("/main.js");
        QString base;                      // "" when not derived
        QString baseVersion;               // base's version when the tree was last generated
        QMap<QString, FileRecord> files;   // own committed files, paths begin with '/'
        QMap<QString, QByteArray> edits;   // pending: path -> blob hash
        QSet<QString> erased;              // pending erasures
        bool published = false;            // a versioned commit happened: the tree exists
        QMap<QString, FileRecord> tree;    // published: base files + own overrides
        QMap<QString, Instance> instances; // by uuid; in memory only
        int nextInstanceId = 0;
    };

    // `directory` empty: memory only (tests, or Pipy's behaviour).
    explicit CodebaseStore(const QString &directory = QString());

    // Loads DIR/store.json; false (and `error`) when it exists but cannot be read.
    bool load(QString *error);

    QStringList paths() const; // sorted
    const Codebase *find(const QString &path) const;
    // The longest codebase path that is `path` or a prefix of it followed by '/'.
    QString resolve(const QString &path) const;

    QByteArray infoJson(const QString &path, qint64 nowMs);
    std::optional<QByteArray> fileWithEdits(const QString &cb, const QString &file) const;
    std::optional<QByteArray> blob(const QByteArray &hash) const;

    std::optional<Error> create(const QString &path, const QByteArray &body);
    // `reload` receives the codebases whose workers must reload (versioned commit).
    std::optional<Error> patch(const QString &path, const QByteArray &body, QStringList *reload);
    std::optional<Error> remove(const QString &path);
    std::optional<Error> writeFile(const QString &cb,
                                   const QString &file,
                                   const QByteArray &content,
                                   bool emptyDiscards);
    std::optional<Error> eraseFile(const QString &cb, const QString &file);

    // Published tree: manifest (main first, the rest sorted), files, `_etags`.
    QByteArray manifest(const QString &cb) const;
    QByteArray etags(const QString &cb) const;

    // Records a worker's status report; returns 201 for a new instance, 206 for a known one
    // (it may send incremental metrics from now on).
    int report(const QString &cb, const QString &ip, const QJsonObject &status, qint64 nowMs);
    // Drops instances silent for 60 s unless `linked` says they hold an admin link.
    void expireInstances(qint64 nowMs, const QSet<QString> &linked);

private:
    static std::optional<QString> parseVersion(const QJsonValue &value, Error *error);
    void commitFull(Codebase &cb, const QString &version, QStringList *reload);
    void regenerateTree(Codebase &cb);
    QByteArray storeBlob(const QByteArray &content);
    bool save();

    QString m_dir;
    QMap<QString, Codebase> m_codebases;
    QHash<QByteArray, QByteArray> m_blobs; // hash -> content
};

} // namespace Gatehouse::Core
