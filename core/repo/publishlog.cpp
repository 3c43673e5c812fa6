#include "publishlog.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <unistd.h>

namespace Gatehouse::Core {

namespace {

using namespace Qt::StringLiterals;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::PublishLog)
};

} // namespace

PublishLog::PublishLog(const QString &directory)
    : m_dir(directory.isEmpty() ? defaultDirectory() : directory)
{}

QString PublishLog::defaultDirectory()
{
    const QString fromEnv = qEnvironmentVariable("GATEHOUSE_PUBLISH_LOG_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/publish-log"_s;
}

QString PublishLog::fileFor(const QString &target) const
{
    const QByteArray key
        = QCryptographicHash::hash(target.toUtf8(), QCryptographicHash::Sha256).toHex().left(24);
    return m_dir + u'/' + QString::fromLatin1(key) + u".jsonl"_s;
}

bool PublishLog::append(const Entry &entry, QString *error)
{
    if (!QDir().mkpath(m_dir)) {
        if (error)
            *error = Tr::tr("cannot create %1").arg(m_dir);
        return false;
    }
    QJsonObject files;
    for (auto it = entry.bundle.files().cbegin(); it != entry.bundle.files().cend(); ++it)
        files.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    const QJsonObject line{
        {"time"_L1, entry.time.toUTC().toString(Qt::ISODateWithMs)},
        {"target"_L1, entry.target},
        {"version"_L1, entry.version},
        {"previousVersion"_L1, entry.previousVersion},
        {"message"_L1, entry.message},
        {"hash"_L1, QString::fromLatin1(entry.hash)},
        {"files"_L1, files},
    };
    QFile file(fileFor(entry.target));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        if (error)
            *error = Tr::tr("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    if (file.write(bytes) != bytes.size() || ::fsync(file.handle()) != 0) {
        if (error)
            *error = Tr::tr("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

QList<PublishLog::Entry> PublishLog::entries(const QString &target) const
{
    QList<Entry> result;
    QFile file(fileFor(target));
    if (!file.open(QIODevice::ReadOnly))
        return result;
    while (!file.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
        if (o.isEmpty() || o.value("target"_L1).toString() != target)
            continue;
        Entry e;
        e.time = QDateTime::fromString(o.value("time"_L1).toString(), Qt::ISODateWithMs);
        e.target = target;
        e.version = o.value("version"_L1).toString();
        e.previousVersion = o.value("previousVersion"_L1).toString();
        e.message = o.value("message"_L1).toString();
        e.hash = o.value("hash"_L1).toString().toLatin1();
        const QJsonObject files = o.value("files"_L1).toObject();
        for (auto it = files.begin(); it != files.end(); ++it)
            e.bundle.insert(it.key(), QByteArray::fromBase64(it.value().toString().toLatin1()));
        result.append(e);
    }
    return result;
}

std::optional<PublishLog::Entry> PublishLog::find(const QString &target,
                                                  const QString &version) const
{
    const QList<Entry> all = entries(target);
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (it->version == version)
            return *it;
    }
    return std::nullopt;
}

} // namespace Gatehouse::Core
