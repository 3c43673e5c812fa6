#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>

namespace Gatehouse::Core {

struct CompiledMatch;

// The answer to a static-file request (a ServerRoot route): which file, its status and its
// entity headers. The caller sends it (sendfile(2)) and owns `fd`.
//
// Paths are percent-decoded and normalised and can never leave the root: "..", encoded
// separators, backslashes, NUL and symlinks resolving outside the root are refused (404),
// where FGW clamps ".." silently and does not check symlinks.
struct FileResponse
{
    int status = 404;
    int fd = -1;
    int64_t size = 0;
    QByteArray headers; // Content-Type, Content-Length, Last-Modified, ETag lines

    // Called on a worker thread; allocates (static routes are not the proxy's hot path).
    static FileResponse open(const CompiledMatch &match, QByteArrayView url,
                             QByteArrayView ifNoneMatch);
    static QByteArray mimeType(QByteArrayView fileName, const QByteArray &fallback);
};

} // namespace Gatehouse::Core
