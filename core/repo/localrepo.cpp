#include "localrepo.h"

#include "atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryFile>

#include <algorithm>

namespace Gatehouse::Core {

Q_LOGGING_CATEGORY(lcLocalRepo, "gatehouse.repo.local", QtWarningMsg)

namespace {

using namespace Qt::StringLiterals;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::LocalRepo)
};

PublishResult failure(PublishResult::Status status, const QString &message)
{
    PublishResult result;
    result.status = status;
    result.error = message;
    return result;
}

} // namespace

LocalRepo::LocalRepo(const QString &directory)
    : m_dir(QDir(directory).absolutePath())
{}

QString LocalRepo::currentFile() const
{
    return m_dir + u"/current"_s;
}

QString LocalRepo::treeDirectory(int number) const
{
    return m_dir + u"/versions/"_s + QString::number(number) + u"/tree"_s;
}

int LocalRepo::currentVersion() const
{
    QByteArray text;
    if (!AtomicFile::read(currentFile(), &text, nullptr))
        return 0;
    bool ok = false;
    const int number = text.trimmed().toInt(&ok);
    return ok && number > 0 ? number : 0;
}

std::optional<LocalRepo::Version> LocalRepo::version(int number, QString *error) const
{
    QByteArray text;
    const QString metaPath = m_dir + u"/versions/"_s + QString::number(number) + u"/meta.json"_s;
    if (!AtomicFile::read(metaPath, &text, error))
        return std::nullopt;
    const QJsonObject meta = QJsonDocument::fromJson(text).object();
    if (meta.value("version"_L1).toInt() != number) {
        if (error)
            *error = Tr::tr("%1 is damaged").arg(metaPath);
        return std::nullopt;
    }
    Version v;
    v.number = number;
    v.time = QDateTime::fromString(meta.value("time"_L1).toString(), Qt::ISODateWithMs);
    v.message = meta.value("message"_L1).toString();
    v.hash = meta.value("hash"_L1).toString().toLatin1();
    return v;
}

QList<LocalRepo::Version> LocalRepo::history(QString *error) const
{
    QList<Version> versions;
    const int current = currentVersion();
    const QStringList names
        = QDir(m_dir + u"/versions"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QList<int> numbers;
    for (const QString &name : names) {
        bool ok = false;
        const int n = name.toInt(&ok);
        // Versions above `current` were never committed (a writer died before moving it).
        if (ok && n > 0 && n <= current)
            numbers.append(n);
    }
    std::sort(numbers.begin(), numbers.end());
    for (int n : numbers) {
        if (auto v = version(n, error))
            versions.append(*v);
    }
    return versions;
}

std::optional<ConfigBundle> LocalRepo::load(int number, QString *error) const
{
    if (number <= 0 || number > currentVersion()) {
        if (error)
            *error = Tr::tr("version %1 does not exist in %2").arg(number).arg(m_dir);
        return std::nullopt;
    }
    return ConfigBundle::fromDirectory(treeDirectory(number), error);
}

bool LocalRepo::verify(int number, QString *error) const
{
    const auto v = version(number, error);
    if (!v)
        return false;
    const auto bundle = load(number, error);
    if (!bundle)
        return false;
    if (bundle->contentHash() != v->hash) {
        if (error)
            *error = Tr::tr("version %1 does not match its recorded hash").arg(number);
        return false;
    }
    return true;
}

PublishResult LocalRepo::publish(const ConfigBundle &bundle,
                                 const QString &message,
                                 std::optional<int> ifVersion,
                                 bool skipUnchanged)
{
    if (!QDir().mkpath(m_dir))
        return failure(PublishResult::Status::IoError,
                       Tr::tr("cannot create the repo directory %1").arg(m_dir));
    QLockFile lock(m_dir + u"/.lock"_s);
    QString lockError;
    if (!acquire(lock, &lockError)) {
        if (!lockError.isEmpty()) {
            PublishResult result = failure(PublishResult::Status::IoError, lockError);
            const int current = currentVersion();
            result.previousVersion = result.version
                = current > 0 ? QString::number(current) : QString();
            result.notWritten = bundle.files().keys();
            return result;
        }
        qint64 pid = 0;
        QString host, app;
        lock.getLockInfo(&pid, &host, &app);
        return failure(PublishResult::Status::Locked,
                       Tr::tr("%1 is locked by another writer (pid %2)").arg(m_dir).arg(pid));
    }
    PublishResult result = publishLocked(bundle, message, ifVersion, skipUnchanged);
    lock.unlock();
    return result;
}

bool LocalRepo::acquire(QLockFile &lock, QString *ioError) const
{
    // QLockFile removes the lock of a dead process by itself, but only once it could read the
    // pid: a writer killed between creating the lock file and writing its pid into it leaves an
    // empty file that QLockFile would honour for its stale time (30 s). An unreadable lock file
    // that is not brand new has no living owner: remove it.
    QElapsedTimer timer;
    timer.start();
    do {
        if (lock.tryLock(100))
            return true;
        if (lock.error() != QLockFile::LockFailedError) {
            if (lock.error() == QLockFile::PermissionError) { // a read-only directory
                *ioError = Tr::tr("cannot write to %1 (permission denied); nothing was written")
                               .arg(m_dir);
                return false;
            }
            // Nobody holds it: the lock file cannot be written. QLockFile does not say why, so
            // a probe write in the same directory finds the reason (ENOSPC, EROFS).
            QTemporaryFile probe(m_dir + u"/.probe-XXXXXX"_s);
            QString why = Tr::tr("unknown error");
            if (!probe.open())
                why = probe.errorString();
            else if (probe.write("x", 1) != 1 || !probe.flush())
                why = probe.errorString();
            *ioError = Tr::tr("cannot create the lock file in %1: %2").arg(m_dir, why);
            return false;
        }
        qint64 pid = 0;
        QString host, app;
        const QFileInfo info(m_dir + u"/.lock"_s);
        if (!lock.getLockInfo(&pid, &host, &app) && info.exists()
            && info.lastModified().msecsTo(QDateTime::currentDateTime()) > 2000) {
            qCInfo(lcLocalRepo) << "removing an unreadable lock left by a dead writer";
            lock.removeStaleLockFile();
        }
    } while (timer.elapsed() < m_lockTimeout);
    return false;
}

PublishResult LocalRepo::rollback(int number, const QString &message, std::optional<int> ifVersion)
{
    QString error;
    const auto bundle = load(number, &error);
    if (!bundle)
        return failure(PublishResult::Status::IoError, error);
    return publish(*bundle,
                   message.isEmpty() ? Tr::tr("rollback to version %1").arg(number) : message,
                   ifVersion);
}

void LocalRepo::removeLeftovers(int current) const
{
    QDir root(m_dir);
    for (const QString &name : root.entryList({u".staging-*"_s}, QDir::Dirs | QDir::Hidden)) {
        qCInfo(lcLocalRepo) << "removing unfinished publish" << name;
        QDir(root.filePath(name)).removeRecursively();
    }
    QDir versions(m_dir + u"/versions"_s);
    for (const QString &name : versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const int n = name.toInt(&ok);
        if (ok && n > current) {
            qCInfo(lcLocalRepo) << "removing uncommitted version" << n;
            QDir(versions.filePath(name)).removeRecursively();
        }
    }
}

PublishResult LocalRepo::publishLocked(const ConfigBundle &bundle,
                                       const QString &message,
                                       std::optional<int> ifVersion,
                                       bool skipUnchanged)
{
    const int current = currentVersion();
    removeLeftovers(current);

    PublishResult result;
    result.previousVersion = current > 0 ? QString::number(current) : QString();
    if (ifVersion && *ifVersion != current) {
        result.status = PublishResult::Status::Conflict;
        result.error = Tr::tr("the repo is at version %1, not %2; nothing was written")
                           .arg(current)
                           .arg(*ifVersion);
        result.version = result.previousVersion;
        result.notWritten = bundle.files().keys();
        return result;
    }
    const QByteArray hash = bundle.contentHash();
    if (skipUnchanged && current > 0) {
        const auto v = version(current);
        if (v && v->hash == hash) {
            result.status = PublishResult::Status::Unchanged;
            result.version = result.previousVersion;
            return result;
        }
    }

    const int next = current + 1;
    const QString staging = m_dir + u"/.staging-"_s + QString::number(next) + u'-'
                            + QString::number(QRandomGenerator::global()->generate(), 16);
    QString error;
    auto fail = [&](const QString &why) {
        QDir(staging).removeRecursively();
        result.status = PublishResult::Status::IoError;
        result.error = why;
        result.version = result.previousVersion;
        result.notWritten = bundle.files().keys();
        return result;
    };
    if (!QDir().mkpath(staging + u"/tree"_s) || !QDir().mkpath(m_dir + u"/versions"_s))
        return fail(Tr::tr("cannot create directories in %1").arg(m_dir));
    if (!bundle.writeTo(staging + u"/tree"_s, &error))
        return fail(error);

    QJsonObject files;
    for (auto it = bundle.files().cbegin(); it != bundle.files().cend(); ++it)
        files.insert(it.key(), QString::fromLatin1(ConfigBundle::sha256Hex(it.value())));
    const QJsonObject meta{
        {"version"_L1, next},
        {"time"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {"message"_L1, message},
        {"hash"_L1, QString::fromLatin1(hash)},
        {"files"_L1, files},
    };
    if (!AtomicFile::write(staging + u"/meta.json"_s, QJsonDocument(meta).toJson(), &error)
        || !AtomicFile::syncDirectory(staging, &error))
        return fail(error);
    const QString target = m_dir + u"/versions/"_s + QString::number(next);
    if (!AtomicFile::renameDirectory(staging, target, &error))
        return fail(error);
    // The commit point: until this rename lands, `current` names the previous version.
    if (!AtomicFile::write(currentFile(), QByteArray::number(next) + '\n', &error)) {
        // Removing the version is right only if `current` still names the previous one: when
        // just the directory sync after the rename failed, `current` already names it.
        if (currentVersion() != next) {
            QDir(target).removeRecursively();
            return fail(error);
        }
        qCWarning(lcLocalRepo) << "version" << next << "is current, but:" << error;
    }
    result.status = PublishResult::Status::Ok;
    result.version = QString::number(next);
    result.written = bundle.files().keys();
    result.committed = true;
    return result;
}

} // namespace Gatehouse::Core
