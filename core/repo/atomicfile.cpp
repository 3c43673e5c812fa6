#include "atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Gatehouse::Core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Core::AtomicFile)
};

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace

bool AtomicFile::write(const QString &path, const QByteArray &data, QString *error)
{
    // QSaveFile writes a temporary file, fsyncs it on commit() and renames it over the target.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, Tr::tr("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    if (file.write(data) != data.size() || !file.commit()) {
        setError(error, Tr::tr("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return syncDirectory(QFileInfo(path).absolutePath(), error);
}

bool AtomicFile::syncDirectory(const QString &dir, QString *error)
{
    const QByteArray native = QFile::encodeName(dir);
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        setError(error, Tr::tr("cannot open directory %1: %2")
                            .arg(dir, QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (!ok)
        setError(error, Tr::tr("cannot sync directory %1: %2")
                            .arg(dir, QString::fromLocal8Bit(std::strerror(savedErrno))));
    return ok;
}

bool AtomicFile::renameDirectory(const QString &from, const QString &to, QString *error)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        setError(error, Tr::tr("cannot rename %1 to %2: %3")
                            .arg(from, to, QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    return syncDirectory(QFileInfo(to).absolutePath(), error);
}

bool AtomicFile::read(const QString &path, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, Tr::tr("cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    *data = file.readAll();
    return true;
}

} // namespace Gatehouse::Core
