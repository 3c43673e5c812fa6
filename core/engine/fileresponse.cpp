#include "fileresponse.h"

#include "compiledconfig.h"
#include "httpdate.h"

#include <QFile>

#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Gatehouse::Core {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Decodes and normalises a request path; empty optional-like result (ok=false) = refused.
QByteArray normalise(QByteArrayView rawPath, bool *ok)
{
    *ok = false;
    QByteArray decoded;
    decoded.reserve(rawPath.size());
    for (qsizetype i = 0; i < rawPath.size(); ++i) {
        char c = rawPath[i];
        if (c == '%') {
            if (i + 2 >= rawPath.size())
                return {};
            const int hi = hexValue(rawPath[i + 1]);
            const int lo = hexValue(rawPath[i + 2]);
            if (hi < 0 || lo < 0)
                return {};
            c = char(hi * 16 + lo);
            if (c == '/' || c == '\\' || c == '\0')
                return {}; // an encoded separator or NUL is never a legitimate file name
            i += 2;
        } else if (c == '\\' || c == '\0') {
            return {};
        }
        decoded.append(c);
    }
    QList<QByteArray> out;
    for (const QByteArray &seg : decoded.split('/')) {
        if (seg.isEmpty() || seg == ".")
            continue;
        if (seg == "..")
            return {}; // refuse instead of clamping: a traversal attempt is not a request
        out << seg;
    }
    *ok = true;
    return out.join('/');
}

struct Found
{
    int fd = -1;
    struct stat st{};
    QByteArray path;
};

// Opens root/rel if it is a regular file that really lies under root (symlinks resolved).
bool openUnder(const QByteArray &root, const QByteArray &rel, Found *found)
{
    const QByteArray full = rel.isEmpty() ? root : root + '/' + rel;
    char resolved[PATH_MAX];
    if (!::realpath(full.constData(), resolved))
        return false;
    const QByteArrayView r(resolved);
    if (r != QByteArrayView(root) && !r.startsWith(QByteArray(root + '/')))
        return false;
    struct stat st{};
    if (::stat(resolved, &st) != 0)
        return false;
    if (S_ISDIR(st.st_mode)) {
        found->st = st;
        found->fd = -2; // directory marker
        found->path = QByteArray(resolved);
        return true;
    }
    if (!S_ISREG(st.st_mode))
        return false;
    const int fd = ::open(resolved, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    found->fd = fd;
    found->st = st;
    found->path = QByteArray(resolved);
    return true;
}

bool lookup(const QByteArray &root, const QByteArray &rel, const QStringList &index, Found *found)
{
    Found f;
    if (!openUnder(root, rel, &f))
        return false;
    if (f.fd >= 0) {
        *found = f;
        return true;
    }
    for (const QString &name : index) {
        const QByteArray candidate = rel.isEmpty() ? QFile::encodeName(name)
                                                   : rel + '/' + QFile::encodeName(name);
        Found g;
        if (openUnder(root, candidate, &g) && g.fd >= 0) {
            *found = g;
            return true;
        }
    }
    return false;
}

} // namespace

QByteArray FileResponse::mimeType(QByteArrayView fileName, const QByteArray &fallback)
{
    static const std::pair<const char *, const char *> table[] = {
        {"html", "text/html"}, {"htm", "text/html"}, {"css", "text/css"},
        {"js", "application/javascript"}, {"mjs", "application/javascript"},
        {"json", "application/json"}, {"txt", "text/plain"}, {"xml", "text/xml"},
        {"svg", "image/svg+xml"}, {"png", "image/png"}, {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"}, {"gif", "image/gif"}, {"webp", "image/webp"},
        {"ico", "image/x-icon"}, {"wasm", "application/wasm"}, {"pdf", "application/pdf"},
        {"zip", "application/zip"}, {"gz", "application/gzip"}, {"woff", "font/woff"},
        {"woff2", "font/woff2"}, {"ttf", "font/ttf"}, {"mp4", "video/mp4"},
        {"webm", "video/webm"}, {"mp3", "audio/mpeg"}, {"wav", "audio/wav"},
        {"csv", "text/csv"}, {"md", "text/markdown"}, {"bin", "application/octet-stream"},
    };
    const qsizetype slash = fileName.lastIndexOf('/');
    const QByteArrayView base = fileName.sliced(slash + 1);
    const qsizetype dot = base.lastIndexOf('.');
    if (dot < 0)
        return fallback;
    const QByteArrayView ext = base.sliced(dot + 1);
    for (const auto &[e, type] : table) {
        if (ext == QByteArrayView(e))
            return QByteArray(type);
    }
    return fallback;
}

FileResponse FileResponse::open(const CompiledMatch &match, QByteArrayView url,
                                QByteArrayView ifNoneMatch)
{
    FileResponse r;
    qsizetype q = url.indexOf('?');
    const QByteArrayView rawPath = q < 0 ? url : url.first(q);
    bool ok = false;
    const QByteArray rel = normalise(rawPath, &ok);
    if (!ok)
        return r;
    char resolvedRoot[PATH_MAX];
    if (!::realpath(QFile::encodeName(match.serverRoot).constData(), resolvedRoot))
        return r;
    const QByteArray root(resolvedRoot);

    Found found;
    bool hit = false;
    if (match.tryFiles.isEmpty()) {
        hit = lookup(root, rel, match.index, &found);
    } else {
        for (const QString &entry : match.tryFiles) {
            if (entry.startsWith(u'=')) {
                r.status = entry.mid(1).toInt();
                if (r.status < 100 || r.status > 599)
                    r.status = 404;
                return r;
            }
            QByteArray candidate = entry.toUtf8();
            candidate.replace(QByteArrayView("$uri"), QByteArray(QByteArrayView("/") + rel));
            bool ok2 = false;
            const QByteArray crel = normalise(candidate, &ok2);
            if (ok2 && lookup(root, crel, match.index, &found)) {
                hit = true;
                break;
            }
        }
    }
    if (!hit)
        return r;

    r.fd = found.fd;
    r.size = int64_t(found.st.st_size);
    char date[ImfFixdateLength];
    const std::string_view lastModified = formatImfFixdate(qint64(found.st.st_mtime), date);
    QByteArray etag = "\"" + QByteArray::number(qint64(found.st.st_mtime), 16) + '-'
        + QByteArray::number(r.size, 16) + "\"";
    r.headers = "Content-Type: " + mimeType(found.path, match.defaultMimeType) + "\r\n";
    r.headers += "Last-Modified: "
        + QByteArray(lastModified.data(), qsizetype(lastModified.size())) + "\r\n";
    r.headers += "ETag: " + etag + "\r\n";
    if (!ifNoneMatch.isEmpty() && ifNoneMatch.contains(QByteArrayView(etag))) {
        ::close(r.fd);
        r.fd = -1;
        r.status = 304;
        r.size = 0;
        return r;
    }
    r.headers += "Content-Length: " + QByteArray::number(r.size) + "\r\n";
    r.status = 200;
    return r;
}

} // namespace Gatehouse::Core
