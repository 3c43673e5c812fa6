#include "atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

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
    // By hand rather than with QSaveFile, whose errorString() after a failed commit is
    // "Unknown error": a full disk must say "No space left on device".
    const QByteArray target = QFile::encodeName(path);
    QByteArray temp;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temp = target + ".tmp-" + QByteArray::number(QRandomGenerator::global()->generate(), 16);
        fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    auto failed = [&](int savedErrno) {
        if (fd >= 0)
            ::close(fd);
        ::unlink(temp.constData());
        setError(error, Tr::tr("cannot write %1: %2")
                            .arg(path, QString::fromLocal8Bit(std::strerror(savedErrno))));
        return false;
    };
    if (fd < 0)
        return failed(errno);
    for (qsizetype done = 0; done < data.size();) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failed(n < 0 ? errno : EIO);
        done += n;
    }
    if (::fsync(fd) != 0)
        return failed(errno);
    const int rc = ::close(fd);
    fd = -1;
    if (rc != 0)
        return failed(errno);
    if (::rename(temp.constData(), target.constData()) != 0)
        return failed(errno);
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
