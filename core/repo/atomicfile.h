#pragma once

#include <QByteArray>
#include <QString>

namespace Gatehouse::Core {

// Crash-safe file and directory operations for the repo stores (POSIX semantics: a rename is
// atomic, and a rename is durable once the directory holding it is fsync'd). Stateless; call
// from any thread. Errors come back as a message in `error` (may be null).
class AtomicFile
{
public:
    // Writes `data` to a temporary file beside `path`, fsyncs it, renames it over `path` and
    // fsyncs the directory: afterwards `path` holds either its old content or `data`, whole.
    // The temporary file is `path.tmp-*`, created 0644 (umask applies); errors name errno's
    // reason ("No space left on device").
    static bool write(const QString &path, const QByteArray &data, QString *error);
    // fsyncs a directory so that renames and creations inside it survive a crash.
    static bool syncDirectory(const QString &dir, QString *error);
    // Renames a directory (atomic on one file system) and fsyncs the parent.
    static bool renameDirectory(const QString &from, const QString &to, QString *error);
    // Reads a whole file; false (and `error`) when it cannot be opened.
    static bool read(const QString &path, QByteArray *data, QString *error);
};

} // namespace Gatehouse::Core
